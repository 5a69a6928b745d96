package plan

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// warmTol is how far a warm-started plan may be from the cold one: the
// tie-break stage makes the optimum unique, so the two differ by round-off
// (1e-10 FTE was seen), far below what any report shows.
const warmTol = 1e-7

// A Planner's plans, each started from the one before, are the plans a
// cold start gives: the same allocation (FTE per function, region and
// period, central and local, investment levels), not only the same scores.
// This is what lets a sweep warm-start its points and still report what
// plan reports for the same --set.
func TestWarmPlansEqualColdPlans(t *testing.T) {
	files := []string{"testdata/typical.yaml", "../../scenarios/shrinking-budget.yaml", "../../scenarios/brain-first.yaml"}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			base, err := scenario.Load(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			pl := Planner{LP: solve.Revised{}}
			if _, _, err := pl.Optimize(context.Background(), base); err != nil {
				t.Fatal(err)
			}
			// Down and then up again: each point starts from a neighbour
			// on one side, then from one on the other.
			for _, f := range []float64{0.95, 0.9, 0.85, 0.9, 0.95, 1.05, 1.1} {
				set := "budget.annual=" + strconv.FormatFloat(base.Budget.Annual*f, 'g', -1, 64)
				s, err := scenario.Load(file, []string{set})
				if err != nil {
					t.Fatal(err)
				}
				pw, aw, err := pl.Optimize(context.Background(), s)
				if err != nil {
					t.Fatal(err)
				}
				pc, ac, err := OptimizeAllocation(context.Background(), s, solve.Revised{}, solve.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if pw.Status != pc.Status {
					t.Fatalf("%s: status %s warm, %s cold", set, pw.Status, pc.Status)
				}
				if aw == nil {
					continue // infeasible both ways
				}
				worst, where := 0.0, ""
				note := func(d float64, what string) {
					if d > worst {
						worst, where = d, what
					}
				}
				for f := range aw.Local {
					for r := range aw.Local[f] {
						for tt := range aw.Local[f][r] {
							note(math.Abs(aw.Local[f][r][tt]-ac.Local[f][r][tt]), "local FTE of "+s.Functions[f].ID)
							note(math.Abs(aw.Central[f][r][tt]-ac.Central[f][r][tt]), "central FTE of "+s.Functions[f].ID)
						}
					}
				}
				for i := range aw.Level {
					for tt := range aw.Level[i] {
						note(math.Abs(aw.Level[i][tt]-ac.Level[i][tt]), "level of "+s.Investments[i].ID)
					}
				}
				for k := range pw.Periods {
					note(math.Abs(pw.Periods[k].Heart-pc.Periods[k].Heart), "heart of "+pw.Periods[k].Label)
					note(math.Abs(pw.Periods[k].Brain-pc.Periods[k].Brain), "brain of "+pw.Periods[k].Label)
				}
				if worst > warmTol {
					t.Errorf("%s: warm and cold plans differ by %g in the %s", set, worst, where)
				}
			}
		})
	}
}

// TestOncePlannerKeepsNoMatrices: a planner for a single plan (Optimize,
// cardio plan without marginal values) must not hold on to the prepared
// matrices of its stages, which would triple a large plan's memory peak;
// a reused planner keeps them for its next plans.
func TestOncePlannerKeepsNoMatrices(t *testing.T) {
	s, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	once := Planner{LP: solve.Revised{}, Once: true}
	reused := Planner{LP: solve.Revised{}}
	for _, pl := range []*Planner{&once, &reused} {
		if _, _, err := pl.Optimize(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	if once.cache != nil {
		t.Error("a Once planner kept a cache of prepared matrices")
	}
	if reused.cache == nil {
		t.Error("a reused planner kept no cache of prepared matrices")
	}
}
