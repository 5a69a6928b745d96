package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
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
		if got, want := shownCell(t, f, sheet, cell), HeartPercent(x, healthy, 0.9); got != want {
			t.Errorf("%s!%s shows %q, the text view %q (%v, healthy %v)", sheet, cell, got, want, x, healthy)
		}
		computes(t, f, sheet, cell)
		if Percent(x) != HeartPercent(x, healthy, 0.9) {
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

// TestXLSXCellsAsPrinted: the Cells sheet shows each function's coverage
// in a region as the text's coverage table prints it (coveragePercent), a
// heart cell below healthy rounded down, over the exact coverage in the
// "(exact)" columns at the right, and stays amber: desk in South at
// 0.8996, below the healthy 90%, is 89.9%* in the text, and the sheet's
// cell, holding 0.8996 in a 0.0% format, showed 90.0%.
func TestXLSXCellsAsPrinted(t *testing.T) {
	s, err := scenario.Load(filepath.Join("..", "checkup", "testdata", "healthy.yaml"), []string{"regions[South].current_fte={desk: 0.8996}"})
	if err != nil {
		t.Fatal(err)
	}
	sliver := ScenarioPlan{Scenario: s, Plan: plan.AsIs(s)}
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{sliver, base}))
	below := 0
	for _, sp := range []ScenarioPlan{sliver, base} {
		sh := "Cells " + sp.Plan.Scenario
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		cf, err := f.GetConditionalFormats(sh)
		if err != nil {
			t.Fatal(err)
		}
		// Each period's header row, in order.
		var heads []int
		for i, r := range rows {
			if len(r) > 0 && r[0] == "function" {
				heads = append(heads, i+1)
			}
		}
		if len(heads) != len(sp.Plan.Periods) {
			t.Fatalf("%s: %d header rows for %d periods", sh, len(heads), len(sp.Plan.Periods))
		}
		for p, per := range sp.Plan.Periods {
			for i, fn := range per.Functions {
				row := heads[p] + 1 + i
				for k, reg := range per.Regions {
					c := per.Cell(fn.ID, reg.ID)
					if c == nil {
						continue
					}
					cell := ref(4+k, row)
					if got, want := shownCell(t, f, sh, cell), coveragePercent(c.Coverage, c.BelowHealthy); got != want {
						t.Errorf("%s!%s (%s in %s, %s) shows %q, the text %q (%v, below healthy %v)", sh, cell, fn.ID, reg.Name, per.Label, got, want, c.Coverage, c.BelowHealthy)
					}
					col := slices.Index(rows[heads[p]-1], reg.Name+" (exact)") + 1
					if col == 0 {
						t.Errorf("%s: no column %q in row %d", sh, reg.Name+" (exact)", heads[p])
					} else if x := number(t, f, sh, ref(col, row)); x != c.Coverage {
						t.Errorf("%s!%s (%s in %s, %s) holds %v, the plan's coverage %v", sh, ref(col, row), fn.ID, reg.Name, per.Label, x, c.Coverage)
					}
					computes(t, f, sh, cell)
					if !c.BelowHealthy {
						continue
					}
					below++
					// Still amber: the rule, the healthy heart's cell less
					// the cell's tolerance, holds of the figure shown.
					rs := cf[cell]
					tol, ok := strings.CutPrefix(func() string {
						if len(rs) == 1 {
							return rs[0].Value
						}
						return ""
					}(), fmt.Sprintf("$B$%d-", findRow(t, f, sh, "healthy heart")))
					d, err := strconv.ParseFloat(tol, 64)
					if !ok || err != nil {
						t.Fatalf("%s!%s: rules %+v", sh, cell, rs)
					}
					if x := number(t, f, sh, cell); !(x < sp.Plan.HealthyHeart-d) {
						t.Errorf("%s!%s at %v below healthy is not amber", sh, cell, x)
					}
				}
			}
		}
	}
	if below == 0 {
		t.Fatal("no heart cell below healthy: the test tests nothing")
	}
}
