package report

import (
	"path/filepath"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestXLSXPlanHeartAsPrinted: the plan workbook shows a heart score as
// the text views print it, rounded down when not healthy (HeartPercent):
// the Plan sheet's periods and total, its quarters of a monthly plan, and
// the Compare sheet's mean and weakest period, which refer to them; the
// exact score is kept in the Plan sheet's "heart (exact)" column. The
// baseline at a $5.5M budget has 2027-Q3 at 0.89993, not healthy, which
// the text prints 89.9% and the cell showed "90.0%" beside "no".
func TestXLSXPlanHeartAsPrinted(t *testing.T) {
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"), "budget.annual=5500000")
	months := planned(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"), "budget.annual=5500000")
	months.By = RollUpOf(months.Scenario, "")
	f := openBook(t, writeBook(t, []ScenarioPlan{base, months}))
	// The exact scores are checked once the figures shown are.
	var exactChecks []func()
	differs := 0
	check := func(sheet, cell string, x float64, healthy bool) {
		t.Helper()
		if got, want := shownCell(t, f, sheet, cell), HeartPercent(x, healthy); got != want {
			t.Errorf("%s!%s shows %q, the text view %q (%v, healthy %v)", sheet, cell, got, want, x, healthy)
		}
		computes(t, f, sheet, cell)
		if Percent(x) != HeartPercent(x, healthy) {
			differs++
		}
	}
	for _, sp := range []ScenarioPlan{base, months} {
		p := sp.Plan
		sheet := SanitizeSheetName("Plan " + p.Scenario)
		head := findRow(t, f, sheet, "period")
		heart := columnOf(t, f, sheet, head, "heart")
		for k, per := range p.Periods {
			check(sheet, ref(heart, head+1+k), per.Heart, per.Healthy)
		}
		exactChecks = append(exactChecks, func() {
			exact := columnOf(t, f, sheet, head, "heart (exact)")
			for k, per := range p.Periods {
				if got := number(t, f, sheet, ref(exact, head+1+k)); got != per.Heart {
					t.Errorf("%s %s: heart (exact) = %v, want %v", sheet, per.Label, got, per.Heart)
				}
			}
		})
		tr := findRow(t, f, sheet, "total")
		check(sheet, ref(heart, tr), p.Totals.HeartMean, p.Totals.HealthyAll)
		if sp.By == nil {
			continue
		}
		rp := rollUp(p, sp.By)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, per := range rp.Periods {
			// The quarters' rows come after the months' total.
			for r := tr + 1; r <= len(rows); r++ {
				if len(rows[r-1]) > 0 && rows[r-1][0] == per.Label {
					check(sheet, ref(heart, r), per.Heart, per.Healthy)
					seen++
					break
				}
			}
		}
		if seen != len(rp.Periods) || seen == 0 {
			t.Errorf("%s: %d of %d quarters found", sheet, seen, len(rp.Periods))
		}
	}
	const cmp = "Compare"
	for _, c := range []struct {
		label string
		x     func(p *plan.Plan) (float64, bool)
	}{
		{"heart (mean)", func(p *plan.Plan) (float64, bool) { return p.Totals.HeartMean, p.Totals.HealthyAll }},
		{"heart (weakest period)", func(p *plan.Plan) (float64, bool) {
			return p.Totals.HeartMin, plan.WeakestHealthy(p.Periods)
		}},
	} {
		r := findRow(t, f, cmp, c.label)
		for i, sp := range []ScenarioPlan{base, months} {
			x, ok := c.x(sp.Plan)
			check(cmp, ref(2+i, r), x, ok)
		}
		computes(t, f, cmp, ref(4, r))
	}
	if differs == 0 {
		t.Fatal("no heart score whose rounded-down figure differs from its rounding: the case tests nothing")
	}
	for _, c := range exactChecks {
		c()
	}
}
