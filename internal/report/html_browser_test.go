package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
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

// A report printed: every table too wide for an A4 page (a monthly plan
// by month, 18 periods; the large scenario's 12 quarters and 20 regions)
// is printed in blocks of periods or regions that each fit the page's
// width, with the key columns repeated, and the blocks hold every column
// of the whole table, which the screen shows instead (scrolling within
// its box); nothing else is wider than the page either. Laid out in
// Chromium with the print media at the printed page's width: A4 portrait
// less the @page margins.
func TestPrintedTablesFit(t *testing.T) {
	exe := browsertest.Chromium(t, "the HTML report")
	const printWidth = 703 // 210 mm - 2 x 12 mm at 96 px an inch
	ctx, cancel := browsertest.Start(t, exe, printWidth, 1400, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	for _, tc := range []struct {
		file, by string
		heart    float64
		split    []string // tables that must be split, by their first header
	}{
		// The regions' table, then their sellers in each period (which
		// grow), each split.
		{"../../scenarios/monthly-fiscal.yaml", "month", 0.9, []string{"function", "function", "region", "region", "investment"}},
		{"../plan/testdata/large.yaml", "", 0, []string{"function", "function", "region", "region", "function", "investment"}},
		// Its hiring plan in FTE, whose last column lists each team's FTE
		// by function.
		{"../../scenarios/roster.yaml", "", 0, nil},
		// Its hiring plan's one-time costs, the note under the periods; its
		// regions' table fits since the sellers have a table of their own.
		{"../../scenarios/hiring-costs.yaml", "", 0, nil},
	} {
		sp := analysed(t, filepath.FromSlash(tc.file), tc.heart)
		sp.By = RollUpOf(sp.Scenario, tc.by)
		file := filepath.Join(t.TempDir(), "page.html")
		if err := os.WriteFile(file, writeHTMLBytes(t, []ScenarioPlan{sp}), 0o644); err != nil {
			t.Fatal(err)
		}
		type table struct {
			Head  []string
			Width float64
		}
		var tables []table
		var room, over float64
		var split [][][]string // per print-only box, each block's header
		var whole [][]string   // the screen table before each print-only box
		err := chromedp.Run(ctx,
			browsertest.Enable(),
			emulation.SetEmulatedMedia().WithMedia("print"),
			chromedp.Navigate("file://"+file),
			chromedp.WaitReady("footer", chromedp.ByQuery),
			chromedp.Evaluate(`document.body.clientWidth`, &room),
			chromedp.Evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &over),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('table')).filter(t => t.offsetParent !== null).map(t => ({Head: Array.from(t.querySelectorAll('th')).map(h => h.textContent), Width: t.getBoundingClientRect().width}))`, &tables),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('div.print-only')).map(d => Array.from(d.querySelectorAll('table')).map(t => Array.from(t.querySelectorAll('th')).map(h => h.textContent)))`, &split),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('div.print-only')).map(d => Array.from(d.previousElementSibling.querySelectorAll('th')).map(h => h.textContent))`, &whole),
		)
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
		if room < printWidth-20 || room > printWidth {
			t.Fatalf("%s: the printed page lays out %v px wide, want about %d", tc.file, room, printWidth)
		}
		if len(tables) < 5 {
			t.Fatalf("%s: %d tables printed", tc.file, len(tables))
		}
		// Wider content would make Chromium shrink every printed page.
		if over > 0 {
			t.Errorf("%s: the printed page is %.0f px wider than the paper", tc.file, over)
		}
		for _, tb := range tables {
			if tb.Width > room {
				t.Errorf("%s: printed table %q is %.0f px wide on a %.0f px page", tc.file, strings.Join(tb.Head[:min(4, len(tb.Head))], " "), tb.Width, room)
			}
		}
		var firsts []string
		for i, blocks := range split {
			firsts = append(firsts, whole[i][0])
			keys := keyColumns(whole[i])
			got := whole[i][:keys:keys]
			for _, b := range blocks {
				if !slices.Equal(b[:keys], whole[i][:keys]) {
					t.Errorf("%s: table %q: a block starts %q, not with its key columns", tc.file, whole[i][0], b[:keys])
				}
				got = append(got, b[keys:]...)
			}
			if len(blocks) < 2 || !slices.Equal(got, whole[i]) {
				t.Errorf("%s: table %q: %d blocks with the columns %q, the whole table %q", tc.file, whole[i][0], len(blocks), got, whole[i])
			}
		}
		if !slices.Equal(firsts, tc.split) {
			t.Errorf("%s: the tables split for print start %q, want %q", tc.file, firsts, tc.split)
		}
	}
	console.Check(t)
}

// On screen a table wider than the page scrolls within its box, its first
// column kept in view: on the large scenario (20 regions, 12 quarters),
// scrolled to its end, every wide table's first cells stay at the box's
// left edge, opaque over the columns that pass beneath them.
func TestWideTablesKeepTheirFirstColumn(t *testing.T) {
	exe := browsertest.Chromium(t, "the HTML report")
	ctx, cancel := browsertest.Start(t, exe, 1100, 1400, 90*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	sp := analysed(t, filepath.FromSlash("../plan/testdata/large.yaml"), 0)
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, writeHTMLBytes(t, []ScenarioPlan{sp}), 0o644); err != nil {
		t.Fatal(err)
	}
	type box struct {
		Head             string
		Scrolled, Offset float64
		Backgrounds      []string
	}
	var boxes []box
	err := chromedp.Run(ctx,
		browsertest.Enable(),
		chromedp.Navigate("file://"+file),
		chromedp.WaitReady("footer", chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('div.table')).filter(d => d.offsetParent !== null && d.scrollWidth > d.clientWidth + 1).map(d => {
			d.scrollLeft = d.scrollWidth;
			const left = d.getBoundingClientRect().left;
			const cells = Array.from(d.querySelectorAll('tr > :first-child'));
			return {Head: cells[0].textContent, Scrolled: d.scrollLeft,
				Offset: Math.max(...cells.map(c => Math.abs(c.getBoundingClientRect().left - left))),
				Backgrounds: cells.map(c => getComputedStyle(c).backgroundColor)};
		})`, &boxes),
	)
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	console.Check(t)
	if len(boxes) < 2 {
		t.Fatalf("%d tables wider than the page; the large scenario has more", len(boxes))
	}
	for _, b := range boxes {
		if b.Scrolled <= 0 || b.Offset > 1 {
			t.Errorf("table %q scrolled %v px: its first column moved %v px", b.Head, b.Scrolled, b.Offset)
		}
		for _, bg := range b.Backgrounds {
			if bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
				t.Errorf("table %q: a first cell is transparent", b.Head)
				break
			}
		}
	}
	t.Logf("%d wide tables", len(boxes))
}
