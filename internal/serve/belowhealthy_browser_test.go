package serve_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
)

// stuckDesk is a plan whose one heart cell, desk in South, stays below
// the healthy 90% at 89.96%: no team may hire, and the central team,
// which could serve it, has nobody. Desk is also the only heart function,
// so its coverage over all regions is 89.96% too.
const stuckDesk = `name: Stuck desk
currency: USD
horizon: {start: 2027, periods: 3}
catalog: none
stage: growth
budget:
  annual: 700000
policy:
  healthy_heart: 0.9
central:
  cost_per_fte: 100000
  max_hires_per_period: 0
regions:
  - name: South
    sellers: 100
    cost_per_fte: 100000
    current_fte: {desk: 0.8996}
    max_hires_per_period: 0
functions:
  - {id: desk, name: Desk, class: heart, locality: local, fte_per_100_sellers: 0, fte_per_region: 1}
  - {id: insight, name: Insight, class: brain, locality: either, fte_per_100_sellers: 0, fte_per_region: 1}
`

// The page shows a heart cell below healthy as cardio plan prints it,
// rounded down: desk in South at 89.96% is "Desk in South 89.9%" in the
// periods' lowest heart coverage (app.js cellPct; by the nearest tenth it
// read 90.0% beside a heart that is not healthy), and In short, whose
// one heart cell is every heart function, says 89.9% too.
func TestBrowserBelowHealthyReadsDown(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	file := filepath.Join(t.TempDir(), "stuck.yaml")
	if err := os.WriteFile(file, []byte(stuckDesk), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, file)
	ctx, cancel := browsertest.Start(t, exe, 1280, 1400, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	run := runner(t, ctx)
	var rows [][]string
	var inShort string
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1),
		chromedp.Evaluate(`[...document.querySelectorAll("#periods tr")].map((tr) => [...tr.children].map((c) => c.textContent.trim()))`, &rows),
		chromedp.Text("#inshort", &inShort, chromedp.ByID))
	if len(rows) != 4 {
		t.Fatalf("periods: %q, want 3 years", rows)
	}
	for _, row := range rows[1:] {
		if low := row[len(row)-1]; low != "Desk in South 89.9%" {
			t.Errorf("%s: lowest heart coverage %q, want Desk in South 89.9%%", row[0], low)
		}
		if row[1] != "89.9%" {
			t.Errorf("%s: heart %q, want 89.9%%", row[0], row[1])
		}
		if strings.Contains(strings.Join(row, " "), "90.0%") {
			t.Errorf("%s reads 90.0%%: %q", row[0], row)
		}
	}
	if want := "every heart function is at 89.9% in every year"; !strings.Contains(inShort, want) {
		t.Errorf("In short: %q, want %q", inShort, want)
	}
	if strings.Contains(inShort, "at 90.0%") {
		t.Errorf("In short reads desk at 90.0%%: %q", inShort)
	}
	console.Check(t)
}
