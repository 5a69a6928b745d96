package report

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestRiskXLSXChartsDrawSheetCells: the risk workbook's charts are native
// charts over the Risk sheet's cells, as the plan and review workbooks'
// are, so that a figure changed on the sheet moves its chart: the fan's
// heart and brain are lines of the P10, P50 and P90 cells of the scores
// by the plan's own period (a monthly plan's months, not the quarters'
// table below them), the heart against the healthy heart's column, and
// the tornado bars of the swing cells, a row per input. Each cell a
// series draws shows the figure the text view prints. In earlier versions
// the Charts sheet held two PNG pictures, which no edit moved.
func TestRiskXLSXChartsDrawSheetCells(t *testing.T) {
	t.Run("quarterly", func(t *testing.T) {
		r, s := riskRun(t)
		checkRiskCharts(t, r, s)
	})
	t.Run("monthly", func(t *testing.T) {
		r, s := riskOf(t, "monthly-fiscal.yaml", plan.RiskOptions{Samples: 12, Seed: 1}, "budget.annual={low: 5.5e6, mode: 6.2e6, high: 6.6e6}")
		if r.RolledPeriods == nil {
			t.Fatal("the monthly run has no quarters' tables: the case tests nothing")
		}
		checkRiskCharts(t, r, s)
	})
}

func checkRiskCharts(t *testing.T, r *plan.RiskResult, s *scenario.Scenario) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRisk(&buf, r, s, XLSX); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, buf.Bytes())
	if n := len(pictures(t, f)); n != 0 {
		t.Errorf("%d pictures on the Charts sheet, want none", n)
	}
	series := workbookSeries(t, buf.Bytes())
	const sheet = "Risk"
	per := r.Period
	scoresHead := findRow(t, f, sheet, per) // the first table is the scores
	torHead := findRow(t, f, sheet, "input")

	// The text view's figure of each series' cell, by the series' header.
	type want struct {
		head   int                        // the table's header row
		rows   []string                   // its rows' labels, in order
		figure func(i int) (string, bool) // the i-th row's printed figure, if it has one
		charts map[string]bool            // the charts that draw it
	}
	periods := make([]string, len(r.Periods))
	for i, p := range r.Periods {
		periods[i] = p.Label
	}
	inputs := make([]string, len(r.Tornado))
	for i, b := range r.Tornado {
		inputs[i] = InputLabel(s, b.Path)
	}
	score := func(q func(plan.RiskPeriod) float64) func(int) (string, bool) {
		return func(i int) (string, bool) { return Percent(q(r.Periods[i])), true }
	}
	// A heart percentile reads against the healthy heart: below it
	// rounded down (plan.HeartShownBelowAgainst).
	heart := func(q func(plan.RiskPeriod) float64) func(int) (string, bool) {
		return func(i int) (string, bool) { return heartPercentBelow(q(r.Periods[i]), r.HealthyHeart), true }
	}
	swing := func(d func(plan.TornadoBar) (float64, int)) func(int) (string, bool) {
		return func(i int) (string, bool) {
			if !chart.TornadoEnds(r.Tornado[i]) {
				return "", false
			}
			return swingPoints(d(r.Tornado[i])), true
		}
	}
	healthyHead := "healthy heart"
	if r.HealthyDrawn {
		healthyHead += " (central value)"
	}
	wants := map[string]*want{
		"heart P10":   {head: scoresHead, rows: periods, figure: heart(func(p plan.RiskPeriod) float64 { return p.Heart.P10 })},
		"heart P50":   {head: scoresHead, rows: periods, figure: heart(func(p plan.RiskPeriod) float64 { return p.Heart.P50 })},
		"heart P90":   {head: scoresHead, rows: periods, figure: heart(func(p plan.RiskPeriod) float64 { return p.Heart.P90 })},
		"brain P10":   {head: scoresHead, rows: periods, figure: score(func(p plan.RiskPeriod) float64 { return p.Brain.P10 })},
		"brain P50":   {head: scoresHead, rows: periods, figure: score(func(p plan.RiskPeriod) float64 { return p.Brain.P50 })},
		"brain P90":   {head: scoresHead, rows: periods, figure: score(func(p plan.RiskPeriod) float64 { return p.Brain.P90 })},
		healthyHead:   {head: scoresHead, rows: periods, figure: func(int) (string, bool) { return Percent(r.HealthyHeart), true }},
		"heart swing": {head: torHead, rows: inputs, figure: swing(func(b plan.TornadoBar) (float64, int) { return b.HeartSwingShown(r.HealthyHeart) })},
		"brain swing": {head: torHead, rows: inputs, figure: swing(brainSwing)},
	}
	charts := map[string]bool{}
	for _, sr := range series {
		charts[sr.chart] = true
		if sr.vals == "" || sr.cats == "" || sr.name == "" {
			t.Errorf("%s: a series references no cells: %+v", sr.chart, sr)
			continue
		}
		nameSheet, name := rangeCells(t, sr.name)
		label, _ := f.GetCellValue(nameSheet, name[0])
		w := wants[label]
		if w == nil {
			t.Errorf("%s: series %q (%s) is none the page draws", sr.chart, label, sr.name)
			continue
		}
		if w.charts == nil {
			w.charts = map[string]bool{}
		}
		w.charts[sr.chart] = true
		vs, vals := rangeCells(t, sr.vals)
		cs, cats := rangeCells(t, sr.cats)
		if nameSheet != sheet || vs != sheet || cs != sheet {
			t.Errorf("%s: %q draws %s over %s, not the Risk sheet", sr.chart, label, sr.vals, sr.cats)
			continue
		}
		if name[0] != ref(columnOf(t, f, sheet, w.head, label), w.head) {
			t.Errorf("%s: %q is named by %s, not its table's header", sr.chart, label, name[0])
		}
		if len(vals) != len(w.rows) || len(cats) != len(w.rows) {
			t.Fatalf("%s: %q draws %d cells over %d categories for %d rows", sr.chart, label, len(vals), len(cats), len(w.rows))
		}
		col := columnOf(t, f, sheet, w.head, label)
		for i, row := range w.rows {
			// The row under the table's header, not a later table's row
			// of the same name.
			if got := ref(col, w.head+1+i); vals[i] != got {
				t.Errorf("%s: %q's %s draws %s, not its row's cell %s", sr.chart, label, row, vals[i], got)
			}
			if got, _ := f.GetCellValue(sheet, cats[i]); got != row {
				t.Errorf("%s: %q's category %s is %q, want %q", sr.chart, label, cats[i], got, row)
			}
			fig, ok := w.figure(i)
			if !ok {
				if got, _ := f.GetCellValue(sheet, vals[i]); got != "" {
					t.Errorf("%s: %q's %s (%s) is %q, the text view prints no figure", sr.chart, label, row, vals[i], got)
				}
				continue
			}
			if got := shownCell(t, f, sheet, vals[i]); got != fig {
				t.Errorf("%s: %q's %s draws %s, which shows %q, the text view prints %q", sr.chart, label, row, vals[i], got, fig)
			}
		}
	}
	labels := make([]string, 0, len(wants))
	for label := range wants {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	for _, label := range labels {
		if len(wants[label].charts) == 0 {
			t.Errorf("no chart draws %q", label)
		}
	}
	// The fan's two panels and the tornado, three charts, each of one
	// kind of figure: the heart's lines and its healthy line, the brain's,
	// the swings.
	if len(charts) != 3 {
		t.Errorf("%d charts, want the heart and brain fans and the tornado: %v", len(charts), charts)
	}
	for _, label := range labels {
		for c := range wants[label].charts {
			kind := strings.SplitN(label, " ", 2)[0]
			if strings.HasSuffix(label, "swing") {
				kind = "tornado"
			} else if strings.HasPrefix(label, "healthy") {
				kind = "heart"
			}
			if !strings.Contains(c, ": "+kind) {
				t.Errorf("%q is drawn in the chart %q, want the %s chart", label, c, kind)
			}
		}
	}
}
