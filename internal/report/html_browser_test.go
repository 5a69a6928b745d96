package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The HTML report in a real browser: it loads without a console error or
// an exception, every chart is laid out with a non-zero box, and it prints
// to PDF. With CARDIO_SCREENSHOT=path it also writes a screenshot of the
// baseline's page there (the README's picture: docs/report.png).
func TestHTMLInBrowser(t *testing.T) {
	exe := browsertest.Chromium(t, "the HTML report")
	plans := htmlPlans(t)
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, writeHTMLBytes(t, plans), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := browsertest.Start(t, exe, 1100, 1400, 90*time.Second)
	defer cancel()

	console := browsertest.Watch(ctx)
	var boxes [][]float64
	var pdf []byte
	err := chromedp.Run(ctx,
		browsertest.Enable(),
		chromedp.Navigate("file://"+file),
		chromedp.WaitReady("footer", chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('figure.chart svg')).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })`, &boxes),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPrintBackground(true).Do(ctx)
			return err
		}),
	)
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	console.Check(t)
	figures := strings.Count(string(writeHTMLBytes(t, plans)), `<figure class="chart"`)
	if len(boxes) != figures || figures < 10 {
		t.Errorf("%d charts laid out, the page has %d", len(boxes), figures)
	}
	for i, b := range boxes {
		if len(b) != 2 || b[0] <= 0 || b[1] <= 0 {
			t.Errorf("chart %d has the box %v", i+1, b)
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10000 {
		t.Errorf("printing to PDF gave %d bytes starting %q", len(pdf), pdf[:min(len(pdf), 8)])
	}

	if shot := os.Getenv("CARDIO_SCREENSHOT"); shot != "" {
		screenshot(t, ctx, shot)
	}
}

// screenshot writes a picture of the top of the baseline's page (its
// title, heart and brain, and coverage charts) as the README shows it.
func screenshot(t *testing.T, ctx context.Context, out string) {
	base := analysed(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"), 0,
		plan.SweepInput{Key: "budget.annual", Values: []float64{5.6e6, 5.9e6, 6.2e6, 6.5e6, 6.8e6}})
	base.Scenario.File = "scenarios/baseline.yaml" // as the README runs it
	file := filepath.Join(t.TempDir(), "baseline.html")
	if err := os.WriteFile(file, writeHTMLBytes(t, []ScenarioPlan{base}), 0o644); err != nil {
		t.Fatal(err)
	}
	var png []byte
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1000, 1250),
		chromedp.Navigate("file://"+file),
		chromedp.WaitReady("footer", chromedp.ByQuery),
		chromedp.CaptureScreenshot(&png),
	)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The risk and review pages in a real browser: they load without a
// console error, and each chart (the fan, the tornado, the review's two)
// is laid out with a non-zero box.
func TestDocumentsInBrowser(t *testing.T) {
	exe := browsertest.Chromium(t, "the risk and review pages")
	r, s := riskRun(t)
	var risk, review bytes.Buffer
	if err := WriteRisk(&risk, r, s, HTML); err != nil {
		t.Fatal(err)
	}
	if err := WriteReview(&review, reviewRun(t), HTML); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := browsertest.Start(t, exe, 1100, 1400, 90*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	for name, page := range map[string][]byte{"risk": risk.Bytes(), "review": review.Bytes()} {
		file := filepath.Join(t.TempDir(), name+".html")
		if err := os.WriteFile(file, page, 0o644); err != nil {
			t.Fatal(err)
		}
		var boxes [][]float64
		err := chromedp.Run(ctx,
			browsertest.Enable(),
			chromedp.Navigate("file://"+file),
			chromedp.WaitReady("footer", chromedp.ByQuery),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('figure.chart svg')).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })`, &boxes),
		)
		if err != nil {
			t.Fatalf("%s: chromium: %v", name, err)
		}
		if len(boxes) != 2 {
			t.Errorf("%s: %d charts laid out, want 2", name, len(boxes))
		}
		for i, b := range boxes {
			if len(b) != 2 || b[0] <= 0 || b[1] <= 0 {
				t.Errorf("%s: chart %d has the box %v", name, i+1, b)
			}
		}
	}
	console.Check(t)
}

// A monthly plan's page in a real browser: by quarter (the default) no
// table is wider than the page's column, so nothing scrolls sideways; by
// month the tables of 18 periods do scroll, within their own boxes, and
// the page itself never does.
func TestMonthlyReportInBrowser(t *testing.T) {
	exe := browsertest.Chromium(t, "the HTML report")
	ctx, cancel := browsertest.Start(t, exe, 1100, 1400, 90*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	for _, by := range []string{"", "month"} {
		sp := analysed(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"), 0.9)
		sp.By = RollUpOf(sp.Scenario, by)
		file := filepath.Join(t.TempDir(), "months.html")
		if err := os.WriteFile(file, writeHTMLBytes(t, []ScenarioPlan{sp}), 0o644); err != nil {
			t.Fatal(err)
		}
		var wide []string
		var pageWide bool
		err := chromedp.Run(ctx,
			browsertest.Enable(),
			chromedp.Navigate("file://"+file),
			chromedp.WaitReady("footer", chromedp.ByQuery),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('div.table')).filter(d => d.scrollWidth > d.clientWidth).map(d => d.querySelector('th').parentNode.textContent.slice(0, 40))`, &wide),
			chromedp.Evaluate(`document.documentElement.scrollWidth > document.documentElement.clientWidth`, &pageWide),
		)
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		if pageWide {
			t.Errorf("by %q: the page scrolls sideways", by)
		}
		if by == "" && len(wide) > 0 {
			t.Errorf("by quarter, %d tables scroll sideways: %q", len(wide), wide)
		}
		if by == "month" && len(wide) == 0 {
			t.Error("by month, no table of 18 periods is wider than the page: the check cannot see a wide table")
		}
	}
	console.Check(t)
}
