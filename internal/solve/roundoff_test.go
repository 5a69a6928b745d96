package solve_test

import (
	"context"
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
	spx "github.com/cardio-planning/cardio/internal/solve/simplex"
)

// TestRoundoffStageEveryMethod solves, with each method of the simplex,
// the relaxation of the stage that made it go round in circles: the spend
// stage of the 16 x 4 x 8 enterprise scenario with the incentive
// compensation tool free, whose hold rows give duals of 2e10 and reduced
// costs of pure round-off (simplex.DualRoundoff). Before the fix every
// method stopped at the iteration limit (57,660 iterations); with it,
// Method Dual still went round its primal/dual rounds until maxRounds, a
// small dual infeasibility shifted away and restored each round. Each
// must reach a feasible optimum, the same for all.
//
// glpsol is not the reference here: on this relaxation without its
// presolve (as SolveGLPK runs it) it stalls, 629,084 iterations in 30 s
// with its objective drifting below the optimum. With its presolve it
// finds 8,969,448.459, and on the stage itself, integers included, it
// agrees with cardio (plan.TestFreeInvestmentStageConverges).
func TestRoundoffStageEveryMethod(t *testing.T) {
	ctx := context.Background()
	s, err := scenario.Load("../plan/testdata/enterprise-4x8.yaml",
		[]string{"investments[comp_tool].cost.per_year=0", "investments[comp_tool].cost.upfront=0"})
	if err != nil {
		t.Fatal(err)
	}
	q, err := model.Build(s).Stage(ctx, 3, solve.Revised{})
	if err != nil {
		t.Fatal(err)
	}
	lp := q.Clone()
	for j := range lp.Vars {
		lp.Vars[j].Integer = false
	}
	sp := solve.ToSimplex(lp)
	want := math.NaN()
	for _, o := range []spx.Options{{}, {Method: spx.Primal}, {Method: spx.Dual}, {NoScale: true}} {
		r, err := spx.Solve(ctx, sp, &o)
		if err != nil {
			t.Errorf("%+v: %v", o, err)
			continue
		}
		if r.Status != spx.Optimal {
			t.Errorf("%+v: status %v", o, r.Status)
			continue
		}
		if err := solve.CheckRelaxation(lp, r.X); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
		got := lp.Objective(r.X)
		if math.IsNaN(want) {
			want = got
		}
		if math.Abs(got-want) > 1e-6*math.Abs(want) {
			t.Errorf("%+v: optimum %.6f, the default method's %.6f", o, got, want)
		}
	}
}
