package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// riskJustBelow is a made-up run whose heart figures lie just below and
// just above the healthy 90.0%: a P10 of 89.996% in 2027-Q1 (one draw in
// 250 not healthy), a heart held at the line by round-off (89.99996%) in
// 2027-Q2, a tornado bar whose P90 end is 89.996% and one held at the
// line at both ends, and a goal seek for a heart of 89.996%.
func riskJustBelow() *plan.RiskResult {
	q := func(a, b, c float64) plan.Quantiles { return plan.Quantiles{P10: a, P50: b, P90: c} }
	money := q(1.5e6, 1.52e6, 1.55e6)
	return &plan.RiskResult{
		Scenario: "S", Currency: "USD", Period: "quarter", HealthyHeart: 0.9, Samples: 250, Seed: 1, Planned: 250, HealthyAll: 0.996,
		Periods: []plan.RiskPeriod{
			{Label: "2027-Q1", Heart: q(0.89996, 0.9000003, 0.95), Brain: q(0.5, 0.6, 0.7), Spend: money, CentralShare: q(0.4, 0.45, 0.5), Healthy: 0.996},
			{Label: "2027-Q2", Heart: q(0.8999996, 0.9, 0.9), Brain: q(0.45, 0.55, 0.65), Spend: money, CentralShare: q(0.4, 0.45, 0.5), Healthy: 1},
		},
		Tornado: []plan.TornadoBar{
			{Path: "central.cost_per_fte", Low: 142000, High: 158000, HeartLow: 0.93, HeartHigh: 0.89996,
				BrainLow: 0.87, BrainHigh: 0.65, StatusLow: plan.StatusOptimal, StatusHigh: plan.StatusOptimal},
			{Path: "budget.annual", Low: 5.5e6, High: 6.4e6, HeartLow: 0.9000026, HeartHigh: 0.8999996,
				BrainLow: 0.87, BrainHigh: 0.72, StatusLow: plan.StatusOptimal, StatusHigh: plan.StatusOptimal},
		},
		Goal: &plan.RiskGoal{Heart: 0.89996, Confidence: 0.8, Reachable: true, Annual: 5.6e6, Reached: 0.8},
	}
}

// riskJustBelowRows are the text view's rows of riskJustBelow's heart
// figures: below the healthy 90.0% they read rounded down, 89.9%; held
// at the line by round-off (within plan.HeartStepTol), 90.0%; above it,
// to the nearest tenth. A swing is the difference of its ends as printed
// (93.0% to 89.9% is 3.1 points, though the exact ends are 3.004 points
// apart); the held bar swings by round-off, "0.0 points", beside two ends
// that read alike.
var riskJustBelowRows = []struct{ label, heart string }{
	{"2027-Q1", "89.9% | 90.0% | 95.0%"},
	{"2027-Q2", "90.0% | 90.0% | 90.0%"},
	{"central team: cost per FTE", "93.0% | 89.9% | 3.1 points"},
	{"annual budget", "90.0% | 90.0% | 0.0 points"},
}

// TestRiskHeartBelowHealthyText: a heart figure of a risk run below the
// healthy heart reads rounded down in the text and Markdown views, in
// the scores table, the tornado and the goal seek, so that a P10 of
// 89.996% does not read "90.0%" beside "The heart is healthy ... in
// 99.6% of the draws". In earlier versions every one was rounded to the
// nearest tenth and read as the healthy 90.0%.
func TestRiskHeartBelowHealthyText(t *testing.T) {
	r := riskJustBelow()
	for _, f := range []Format{Table, Markdown} {
		var b bytes.Buffer
		if err := WriteRisk(&b, r, nil, f); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, row := range riskJustBelowRows {
			if got := riskTextRow(out, row.label); !strings.Contains(got, row.heart) {
				t.Errorf("%s: the row %q reads %q, want %q", f, row.label, got, row.heart)
			}
		}
		if want := "the least annual budget with which the heart reaches 89.9% in every quarter"; !strings.Contains(out, want) {
			t.Errorf("%s: no %q in\n%s", f, want, out)
		}
	}
}

// riskTextRow is the row of a text or Markdown table that starts with
// label, its cells joined by " | " (the terminal's borders read as the
// Markdown's), "" when there is none.
func riskTextRow(out, label string) string {
	for _, line := range strings.Split(out, "\n") {
		cells := strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '│' })
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) > 0 && cells[0] == label {
			return strings.Join(cells, " | ")
		}
	}
	return ""
}

// TestRiskHeartBelowHealthyPage: the page's tables read as the Markdown
// view's, 89.9% for the P10 of 89.996%.
func TestRiskHeartBelowHealthyPage(t *testing.T) {
	r := riskJustBelow()
	page := string(write(t, HTML, func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, nil, f) }))
	cells := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)
	for _, row := range riskJustBelowRows {
		i := strings.Index(page, ">"+row.label+"</td>")
		if i < 0 {
			t.Fatalf("no row %q in the page", row.label)
		}
		end := strings.Index(page[i:], "</tr>")
		var got []string
		for _, m := range cells.FindAllStringSubmatch(page[i:i+end], -1) {
			got = append(got, m[1])
		}
		if s := strings.Join(got, " | "); !strings.Contains(s, row.heart) {
			t.Errorf("the page's row %q reads %q, want %q", row.label, s, row.heart)
		}
	}
	if want := "the heart reaches 89.9% in every quarter"; !strings.Contains(page, want) {
		t.Errorf("the page has no %q", want)
	}
}

// TestRiskHeartBelowHealthyWorkbook: the Risk sheet's heart cells show the
// figures the text view prints (89.9% for a P10 of 89.996%), each a
// formula over its exact figure in an (exact) column that computes to
// the figure shown, and the native charts over them draw those figures
// (checkRiskCharts); the heart swing is still the exact one. In earlier
// versions each cell held the exact figure, shown "90.0%", and the fan's
// heart line drew it.
func TestRiskHeartBelowHealthyWorkbook(t *testing.T) {
	r := riskJustBelow()
	checkRiskCharts(t, r, nil)
	f := openBook(t, write(t, XLSX, func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, nil, f) }))
	const sheet = "Risk"
	for i, row := range riskJustBelowRows {
		n := findRow(t, f, sheet, row.label)
		cols := []string{"B", "C", "D"} // heart P10, P50, P90
		if i >= len(r.Periods) {
			cols = []string{"E", "F", "G"} // heart at P10, at P90, swing
		}
		var got []string
		for _, c := range cols {
			cell := fmt.Sprintf("%s%d", c, n)
			computes(t, f, sheet, cell)
			got = append(got, shownCell(t, f, sheet, cell))
		}
		if s := strings.Join(got, " | "); s != row.heart {
			t.Errorf("Risk row %q shows %q, want %q", row.label, s, row.heart)
		}
	}
	// The exact figures beside them.
	q1 := findRow(t, f, sheet, "2027-Q1")
	if got := number(t, f, sheet, fmt.Sprintf("M%d", q1)); got != 0.89996 {
		t.Errorf("Risk!M%d, heart P10 (exact), holds %v, want 0.89996", q1, got)
	}
	goal := findRow(t, f, sheet, "heart target") + 1
	computes(t, f, sheet, fmt.Sprintf("A%d", goal))
	if got := shownCell(t, f, sheet, fmt.Sprintf("A%d", goal)); got != "89.9%" {
		t.Errorf("the goal's heart target shows %q, want 89.9%%", got)
	}
	if got := number(t, f, sheet, fmt.Sprintf("F%d", goal)); got != 0.89996 {
		t.Errorf("the goal's heart target (exact) holds %v, want 0.89996", got)
	}
}

// TestRiskHeartPrintedAgainstHealthy re-derives the rule on real runs of
// uncertain.yaml (at its budget, where the hearts are held at the healthy
// line, and at $5.4M, where many fall below it): every heart figure the
// text view prints (the scores' P10, P50 and P90, the tornado's ends)
// reads below the healthy heart's printed figure exactly when the exact
// figure is below the healthy heart by more than plan.HeartStepTol; a
// figure within it (a heart held at the line, a few millionths below by
// round-off) reads as the line.
func TestRiskHeartPrintedAgainstHealthy(t *testing.T) {
	for _, sets := range [][]string{nil, {"budget.annual=5.4e6"}} {
		r, s := riskOf(t, "uncertain.yaml", plan.RiskOptions{Samples: 12, Seed: 3}, sets...)
		var b bytes.Buffer
		if err := WriteRisk(&b, r, s, Markdown); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		healthy := printedPercent(t, Percent(r.HealthyHeart))
		below, checked := 0, 0
		check := func(where string, printed string, x float64) {
			t.Helper()
			p := printedPercent(t, printed)
			checked++
			if x < r.HealthyHeart-plan.HeartStepTol {
				below++
			}
			if (p < healthy) != (x < r.HealthyHeart-plan.HeartStepTol) {
				t.Errorf("%v: %s prints %s for %.9f against the healthy %.1f%%", sets, where, printed, x, healthy)
			}
		}
		for _, p := range r.Periods {
			cells := strings.Split(riskTextRow(out, p.Label), " | ")
			if len(cells) < 4 {
				t.Fatalf("%v: no scores row %q", sets, p.Label)
			}
			for i, x := range []float64{p.Heart.P10, p.Heart.P50, p.Heart.P90} {
				check(p.Label+" heart P"+[]string{"10", "50", "90"}[i], cells[1+i], x)
			}
		}
		for _, bar := range r.Tornado {
			cells := strings.Split(riskTextRow(out, InputLabel(s, bar.Path)), " | ")
			if len(cells) < 6 {
				t.Fatalf("%v: no tornado row for %s", sets, bar.Path)
			}
			check(bar.Path+" heart at P10", cells[3], bar.HeartLow)
			check(bar.Path+" heart at P90", cells[4], bar.HeartHigh)
		}
		if checked < 10 {
			t.Errorf("%v: only %d heart figures checked", sets, checked)
		}
		if sets != nil && below == 0 {
			t.Errorf("%v: no heart figure below the healthy heart: the case tests nothing", sets)
		}
	}
}

// printedPercent is the number of a printed percentage, "89.9%" 89.9.
func printedPercent(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || !strings.HasSuffix(s, "%") {
		t.Fatalf("%q is no printed percentage", s)
	}
	return x
}
