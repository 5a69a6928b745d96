package model_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The first stage's form (Stage1Form) is the model: the same variables
// first, with the same bounds and integrality, its rows the model's with
// the hire and exit rows over the teams' totals, and one row defining
// each total. Its stage-1 optimum is the model's, its optimal point cut to
// the model's variables is feasible for the model, and the model's
// optimal point extended by the teams' totals is feasible for the form.
func TestStage1FormIsTheModel(t *testing.T) {
	forms := 0
	for _, file := range []string{
		"../../scenarios/baseline.yaml", "../../scenarios/roster.yaml", "../../scenarios/whole-people.yaml",
		"../../scenarios/monthly-fiscal.yaml", "../plan/testdata/typical.yaml", "../../scenarios/hiring-costs.yaml",
	} {
		s := load(t, file)
		m := model.Build(s)
		f := m.Stage1Form()
		if f == nil {
			continue
		}
		forms++
		n := len(m.Problem.Vars)
		sameVariablesFirst(t, file, m.Problem, f)
		for i, r := range m.Problem.Rows {
			if f.Rows[i].Name != r.Name || f.Rows[i].Sense != r.Sense || f.Rows[i].RHS != r.RHS {
				t.Fatalf("%s: row %d is %s in the form, %s in the model", file, i, f.Rows[i].Name, r.Name)
			}
		}
		for _, r := range f.Rows[len(m.Problem.Rows):] {
			if !strings.HasPrefix(r.Name, "team_fte[") {
				t.Fatalf("%s: the form adds row %s", file, r.Name)
			}
		}
		want := sameOptimum(t, file+": stage 1", m.Problem, f, m.Objectives()[0])
		// The model's point with each total its sum.
		x := append([]float64(nil), want...)
		x = append(x, make([]float64, len(f.Vars)-n)...)
		for _, r := range f.Rows[len(m.Problem.Rows):] {
			var sum float64
			total := -1
			for _, tm := range r.Terms {
				if tm.Var >= n {
					total = tm.Var
				} else {
					sum += tm.Coef * x[tm.Var]
				}
			}
			x[total] = sum
		}
		if err := solve.CheckRelaxation(f, x); err != nil {
			t.Errorf("%s: the model's point breaks the form: %v", file, err)
		}
	}
	if forms == 0 {
		t.Error("no scenario has a form: the test checks nothing")
	}
}

// sameVariablesFirst fails unless the form f begins with the model p's
// variables, bounds and integrality the same.
func sameVariablesFirst(t *testing.T, file string, p, f *solve.Problem) {
	t.Helper()
	for j, v := range p.Vars {
		if f.Vars[j] != v {
			t.Fatalf("%s: variable %d is %+v in the form, %+v in the model", file, j, f.Vars[j], v)
		}
	}
}

// sameOptimum solves the LP relaxations of the model p and of its form f
// with the objective obj, fails unless both are optimal at the same value
// (within 1e-9 relative) and the form's point, cut to the model's
// variables, is a point of the model, and returns the model's optimal
// point.
func sameOptimum(t *testing.T, what string, p, f *solve.Problem, obj solve.Objective) []float64 {
	t.Helper()
	lp := solve.Revised{}
	var sols [2]*solve.Solution
	for i, q := range []*solve.Problem{p.Clone(), f.Clone()} {
		q.SetObjective(obj)
		sol, err := lp.SolveLP(context.Background(), q, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sols[i] = sol
	}
	want, got := sols[0], sols[1]
	if want.Status != solve.Optimal || got.Status != solve.Optimal || math.Abs(got.Objective-want.Objective) > 1e-9*math.Max(1, math.Abs(want.Objective)) {
		t.Fatalf("%s: %v %.12g on the model, %v %.12g on the form", what, want.Status, want.Objective, got.Status, got.Objective)
	}
	if err := solve.CheckRelaxation(p, got.X[:len(p.Vars)]); err != nil {
		t.Errorf("%s: the form's point breaks the model: %v", what, err)
	}
	return want.X
}

// The increments form (IncrementsForm) is the model: the same variables
// first, then a hire and an exit per team and period in that period's
// block, bounded by the team's limits; the model's rows but the hire and
// exit rows of the teams it rewrites, then one headcount row per such
// team and period. Its scores optimum is the model's, its optimal point
// cut to the model's variables is feasible for the model, and the model's
// optimal point with each period's change as a hire or an exit (Point) is
// feasible for the form. Only a monthly plan's scores stage is solved on
// it, and a plan in whole people has none.
func TestIncrementsFormIsTheModel(t *testing.T) {
	forms := 0
	for _, file := range []string{
		"../../scenarios/monthly-fiscal.yaml", "../../scenarios/baseline.yaml", "../../scenarios/roster.yaml",
		"../../scenarios/whole-people.yaml", "../plan/testdata/typical.yaml", "../../scenarios/hiring-costs.yaml",
		"../../scenarios/brain-first.yaml",
	} {
		s := load(t, file)
		m := model.Build(s)
		form := m.IncrementsForm()
		var f *solve.Problem
		var blocks []int
		if form != nil {
			f, blocks = form.Problem, form.Blocks
		}
		scores := m.Objectives()[1]
		if monthly := s.Horizon.Period == scenario.Month; (scores.Form != nil) != (monthly && f != nil) {
			t.Errorf("%s (%s periods): the scores stage has a form: %v; IncrementsForm gives one: %v", file, s.Horizon.Period, scores.Form != nil, f != nil)
		}
		if f == nil {
			if !s.Policy.WholePeople && (s.Central.HasHireLimit() || s.Central.HasExitLimit()) && !s.Central.SplitsKept() && !s.Central.HasMoveCosts() {
				t.Errorf("%s: no increments form", file)
			}
			continue
		}
		if s.Policy.WholePeople {
			t.Errorf("%s: an increments form in whole people", file)
		}
		forms++
		n := len(m.Problem.Vars)
		sameVariablesFirst(t, file, m.Problem, f)
		if len(blocks) != len(f.Vars)-n {
			t.Fatalf("%s: %d blocks for %d variables of the form's own", file, len(blocks), len(f.Vars)-n)
		}
		for j, b := range blocks {
			v := f.Vars[n+j]
			if !strings.HasSuffix(v.Name, ","+s.PeriodLabel(b)+"]") || v.Lower != 0 || v.Upper <= 0 {
				t.Errorf("%s: %s in [%g, %g], period %d", file, v.Name, v.Lower, v.Upper, b)
			}
		}
		// The model's rows, less hire and exit rows, in order, then the
		// headcount rows.
		kept := 0
		for _, r := range m.Problem.Rows {
			if kept < len(f.Rows) && f.Rows[kept].Name == r.Name {
				kept++
				continue
			}
			if name, _, _ := strings.Cut(r.Name, "["); name != "hires" && name != "exits" {
				t.Fatalf("%s: the form drops row %s", file, r.Name)
			}
		}
		for _, r := range f.Rows[kept:] {
			if !strings.HasPrefix(r.Name, "headcount[") || r.Sense != solve.EQ {
				t.Fatalf("%s: the form adds row %s", file, r.Name)
			}
		}
		if kept == len(m.Problem.Rows) {
			t.Fatalf("%s: the form keeps every row", file)
		}

		want := sameOptimum(t, file+": scores", m.Problem, f, scores)
		// The model's point, each period's change a hire or an exit.
		x := form.Point(want)
		if len(x) != len(f.Vars) || !slices.Equal(x[:n], want) {
			t.Fatalf("%s: the model's point of %d variables extends to %d", file, n, len(x))
		}
		if err := solve.CheckRelaxation(f, x); err != nil {
			t.Errorf("%s: the model's point breaks the form: %v", file, err)
		}
	}
	if forms < 3 {
		t.Errorf("%d scenarios have an increments form: the test checks too little", forms)
	}
}

// Blocks puts every variable but the investment levels in its period, and
// the only rows that then span periods are the ones that compare periods:
// hire and exit limits, kept staff who only leave, investments kept and
// their prerequisites (whose terms are levels alone). A row anywhere else
// spanning periods would mean a variable left out of its period, and the
// cold stages' block start would lose what it is for.
func TestBlocksArePeriods(t *testing.T) {
	linking := map[string]bool{"hires": true, "exits": true, "kept_exits": true, "kept_stays": true, "no_divest": true, "requires": true, "moves": true, "kept_left": true}
	for _, file := range []string{
		"../../scenarios/baseline.yaml", "../../scenarios/roster.yaml", "../../scenarios/whole-people.yaml",
		"../../scenarios/monthly-fiscal.yaml", "../../scenarios/shrinking-budget.yaml", "../plan/testdata/typical.yaml",
		"../../scenarios/hiring-costs.yaml",
	} {
		s := load(t, file)
		m := model.Build(s)
		block := m.Blocks()
		if len(block) != len(m.Problem.Vars) {
			t.Fatalf("%s: %d blocks for %d variables", file, len(block), len(m.Problem.Vars))
		}
		for j, v := range m.Problem.Vars {
			if strings.HasPrefix(v.Name, "y[") != (block[j] < 0) {
				t.Errorf("%s: %s in block %d", file, v.Name, block[j])
			}
			if b := block[j]; b >= 0 && !strings.HasSuffix(v.Name, s.PeriodLabel(b)+"]") {
				t.Errorf("%s: %s in period %d (%s)", file, v.Name, b, s.PeriodLabel(b))
			}
		}
		spanning := 0
		for _, r := range m.Problem.Rows {
			periods := map[int]bool{}
			for _, term := range r.Terms {
				if b := block[term.Var]; b >= 0 {
					periods[b] = true
				}
			}
			name, _, _ := strings.Cut(r.Name, "[")
			if len(periods) > 1 || len(periods) == 0 {
				spanning++
				if !linking[name] {
					t.Errorf("%s: row %s spans %d periods", file, r.Name, len(periods))
				}
			}
		}
		if s.Periods() > 1 && s.Central.HasHireLimit() && spanning == 0 {
			t.Errorf("%s: no row links the periods", file)
		}
	}
}
