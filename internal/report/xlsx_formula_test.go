package report

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/solve"
)

// analysed is a scenario planned with everything a workbook shows: the
// marginal values, the checkup, a budget case and a sweep of the inputs.
func analysed(t *testing.T, file string, heart float64, varies ...plan.SweepInput) ScenarioPlan {
	t.Helper()
	sp := planned(t, file)
	ctx := context.Background()
	pl := &plan.Planner{LP: solve.Revised{}}
	p, _, err := pl.Optimize(ctx, sp.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	if p.Marginal, err = plan.Marginals(ctx, sp.Scenario, pl, p); err != nil {
		t.Fatal(err)
	}
	sp.Plan = p
	if sp.Checkup, err = checkup.Run(ctx, sp.Scenario, solve.Revised{}); err != nil {
		t.Fatal(err)
	}
	if heart > 0 {
		if sp.BudgetCase, err = plan.RunBudgetCase(ctx, sp.Scenario, solve.Revised{}, heart, 0); err != nil {
			t.Fatal(err)
		}
	}
	if len(varies) > 0 {
		if sp.Sweep, err = plan.Sweep(ctx, file, nil, varies, solve.Revised{}, 0, nil); err != nil {
			t.Fatal(err)
		}
		for _, in := range varies {
			b, err := sp.Scenario.Number(in.Key)
			if err != nil {
				t.Fatal(err)
			}
			sp.SweepBase = append(sp.SweepBase, b)
		}
	}
	return sp
}

// Every formula of the workbook, recomputed by excelize's own calculation
// engine, equals cardio's number: to a cent for money, to 1e-9 for the
// rest. Every formula cell is checked, and the formulas are the ones the
// workbook was built with (none lost, none extra).
func TestXLSXFormulasCompute(t *testing.T) {
	base := analysed(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"), 0.92,
		plan.SweepInput{Key: "budget.annual", Values: []float64{5.8e6, 6.2e6}},
		plan.SweepInput{Key: "policy.healthy_heart", Values: []float64{0.85, 0.9}})
	small := planned(t, smallFile(t))
	b, err := buildXLSX([]ScenarioPlan{base, small})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b.f.Close()
	f := openBook(t, buf.Bytes())
	if len(b.expect) < 50 {
		t.Fatalf("only %d formula cells", len(b.expect))
	}
	seen := 0
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r := range rows {
			for c := range rows[r] {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fm, err := f.GetCellFormula(sh, cell)
				if err != nil || fm == "" {
					continue
				}
				seen++
				want, ok := b.expect[sh+"!"+cell]
				if !ok {
					t.Errorf("%s!%s: formula %q has no expected value", sh, cell, fm)
					continue
				}
				got, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Errorf("%s!%s: %q: %v", sh, cell, fm, err)
					continue
				}
				x, err := strconv.ParseFloat(got, 64)
				if err != nil {
					t.Errorf("%s!%s: %q computes to %q, not a number", sh, cell, fm, got)
					continue
				}
				tol := 1e-9
				if want.k == KindMoney {
					tol = 0.005
				}
				if math.Abs(x-want.v) > tol {
					t.Errorf("%s!%s: %q computes to %.12g, cardio has %.12g", sh, cell, fm, x, want.v)
				}
			}
		}
	}
	if seen != len(b.expect) {
		t.Errorf("%d formula cells in the workbook, %d written", seen, len(b.expect))
	}
}
