package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Options.Counts rounds the root for a first incumbent: max x + y, 2x + 2y
// <= 5 over integers has the LP optimum x + y = 2.5, whose nearest rounding
// (x = 3 or y = 3) breaks the row and which rounded down (x + y = 2) is the
// optimum. With one node, plain branch and bound has no incumbent (the
// root's rounding is not tried when the root is fractional); with Counts
// it has 2, within a gap of (2.5 - 2) / 2 of the bound.
func TestMIPCountsRoundsTheRoot(t *testing.T) {
	p := build("halves", true, []Var{iv("x", 0, 10), iv("y", 0, 10)}, []float64{1, 1}, row("a", LE, 5, 2, 2))
	if _, err := Solve(context.Background(), p, Revised{}, Options{NodeLimit: 1}); !errors.Is(err, ErrNodeLimit) {
		t.Fatalf("without Counts: err = %v, want ErrNodeLimit", err)
	}
	s, err := Solve(context.Background(), p, Revised{}, Options{NodeLimit: 1, Counts: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != OptimalWithinGap || s.Objective != 2 || !closeTo(s.Bound, 2.5, 1e-9) || !closeTo(s.Gap, 0.25, 1e-9) {
		t.Errorf("status %v, objective %v, bound %v, gap %v; want optimal_within_gap, 2, 2.5, 0.25", s.Status, s.Objective, s.Bound, s.Gap)
	}
	if err := Check(p, s.X); err != nil {
		t.Error(err)
	}
	// Solved to the end, it is optimal.
	if s, err = Solve(context.Background(), p, Revised{}, Options{Counts: true}); err != nil || s.Status != Optimal || s.Objective != 2 {
		t.Errorf("%v %v", s, err)
	}
}

// Pseudo-cost branching changes the search, not the optimum: on the
// knapsacks of general integers, Counts finds the optima glpsol finds.
func TestMIPCountsKnapsacksAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	var ps []*Problem
	for seed := range uint64(30) {
		ps = append(ps, knapsack(seed))
	}
	want := glpkAnswers(t, ps)
	nodes := [2]int{}
	for i, p := range ps {
		for k, counts := range []bool{false, true} {
			s, err := Solve(context.Background(), p, Revised{}, Options{Counts: counts})
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			nodes[k] += s.Nodes
			if s.Status != Optimal || !closeTo(s.Objective, want[i].obj, 1e-6) {
				t.Errorf("%s counts=%v: %v %.12g, glpsol %v %.12g", p.Name, counts, s.Status, s.Objective, want[i].status, want[i].obj)
			}
		}
	}
	t.Logf("nodes: most fractional %d, pseudo costs %d", nodes[0], nodes[1])
}

// A lexicographic solve whose stage stops at the node limit says so with
// that stage's gap, also when a later stage (integers fixed) has none.
func TestLexicographicStatesTheGap(t *testing.T) {
	p := build("halves", true, []Var{iv("x", 0, 10), iv("y", 0, 10)}, []float64{1, 1}, row("a", LE, 5, 2, 2))
	objs := []Objective{
		{Name: "sum", Maximize: true, Terms: []Term{{Var: 0, Coef: 1}, {Var: 1, Coef: 1}}},
		{Name: "x", Maximize: true, Terms: []Term{{Var: 0, Coef: 1}}, FixIntegers: true},
	}
	res, err := Lexicographic(context.Background(), p, objs, Revised{}, Options{NodeLimit: 1, Counts: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != OptimalWithinGap || !closeTo(res.Gap, 0.25, 1e-9) {
		t.Errorf("status %v, gap %v; want optimal_within_gap, 0.25", res.Status, res.Gap)
	}
	// Stage by stage: the first stopped at 2 with the bound 2.5, the second
	// (integers fixed) is optimal, its bound its value.
	if len(res.Bounds) != 2 || len(res.Gaps) != 2 || res.Values[0] != 2 || !closeTo(res.Bounds[0], 2.5, 1e-9) || !closeTo(res.Gaps[0], 0.25, 1e-9) ||
		res.Bounds[1] != res.Values[1] || res.Gaps[1] != 0 {
		t.Errorf("values %v, bounds %v, gaps %v; want [2 x], [2.5 x], [0.25 0]", res.Values, res.Bounds, res.Gaps)
	}
}

// When no rounding of the root holds, Counts fixes the integers a group at
// a time with the LP re-solved between groups. max x + y + z with every
// pair at most 1 and x + y + z >= 1 has the root x = y = z = 1/2: rounded
// to the nearest or up every pair is 2, rounded down the sum is 0. Fixed
// one at a time, x = 1 makes the LP set y = z = 0, a point of the problem
// (and its optimum, 1). With one node there is an incumbent only so.
func TestMIPCountsRelaxAndFix(t *testing.T) {
	p := build("odd cycle", true, []Var{iv("x", 0, 10), iv("y", 0, 10), iv("z", 0, 10)}, []float64{1, 1, 1},
		row("xy", LE, 1, 1, 1, 0), row("yz", LE, 1, 0, 1, 1), row("xz", LE, 1, 1, 0, 1), row("some", GE, 1, 1, 1, 1))
	s, err := Solve(context.Background(), p, Revised{}, Options{NodeLimit: 1, Counts: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Objective != 1 || !closeTo(s.Bound, 1.5, 1e-9) {
		t.Errorf("status %v, objective %v, bound %v; want 1 within the bound 1.5", s.Status, s.Objective, s.Bound)
	}
	if err := Check(p, s.X); err != nil {
		t.Error(err)
	}
	if s, err = Solve(context.Background(), p, Revised{}, Options{Counts: true}); err != nil || s.Status != Optimal || s.Objective != 1 {
		t.Errorf("solved to the end: %v %v", s, err)
	}
}

// When the node limit stops the search, Counts moves the incumbent's
// integers one unit at a time toward the root. min x + y + 0.4z with
// x + y >= 1 and |x - y| <= z (z continuous, at most 1) has the root
// x = y = 1/2, z = 0 (1). Rounded to the nearest or up it is x = y = 1
// (2); down it breaks x + y >= 1. x moved down to 0 makes z = 1: 1.4,
// the optimum, which one node finds only so.
func TestMIPCountsPolishesAtTheNodeLimit(t *testing.T) {
	p := build("halves", false, []Var{iv("x", 0, 10), iv("y", 0, 10), v("z", 0, 1)}, []float64{1, 1, 0.4},
		row("some", GE, 1, 1, 1, 0), row("xy", GE, 0, 1, -1, 1), row("yx", GE, 0, -1, 1, 1))
	s, err := Solve(context.Background(), p, Revised{}, Options{NodeLimit: 1, Counts: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != OptimalWithinGap || !closeTo(s.Objective, 1.4, 1e-9) || !closeTo(s.Bound, 1, 1e-9) {
		t.Errorf("status %v, objective %v, bound %v; want optimal_within_gap, 1.4 within the bound 1", s.Status, s.Objective, s.Bound)
	}
	if err := Check(p, s.X); err != nil {
		t.Error(err)
	}
	if s, err = Solve(context.Background(), p, Revised{}, Options{Counts: true}); err != nil || s.Status != Optimal || !closeTo(s.Objective, 1.4, 1e-9) {
		t.Errorf("solved to the end: %v %v", s, err)
	}
}

// Stopped at a node limit and polished, a search's answer is still a
// point of the problem within its stated bound: on the seeded knapsacks
// of general integers, with one to four nodes, the objective is at most
// the optimum (they maximize) and the bound at least it. The moves make
// some answers better than the search without them, and none worse.
func TestMIPCountsNodeLimitAnswersHold(t *testing.T) {
	better := 0
	for seed := range uint64(60) {
		p := knapsack(seed)
		for limit := 1; limit <= 4; limit++ {
			if stoppedBetter(t, p, limit, Options{noPolish: true}, "the moves") {
				better++
			}
		}
	}
	if better == 0 {
		t.Error("the moves improved no answer")
	}
	t.Logf("%d answers better with the moves", better)
}

// stoppedBetter solves p with Counts stopped at limit nodes, and again
// with the options without (a mechanism, named what, turned off). Both
// answers must be points of p within their stated bounds of its optimum;
// the first, optimal only at the optimum and never worse than the second.
// It reports whether the first is better. A search that finds no point in
// limit nodes (ErrNodeLimit) counts as not better.
func stoppedBetter(t *testing.T, p *Problem, limit int, without Options, what string) bool {
	t.Helper()
	opt, err := Solve(context.Background(), p, Revised{}, Options{Counts: true})
	if err != nil || opt.Status != Optimal {
		t.Fatalf("%s: %v %v", p.Name, opt, err)
	}
	without.Counts, without.NodeLimit = true, limit
	var answers [2]*Solution
	for i, o := range []Options{{Counts: true, NodeLimit: limit}, without} {
		s, err := Solve(context.Background(), p, Revised{}, o)
		if errors.Is(err, ErrNodeLimit) {
			return false
		}
		if err != nil {
			t.Fatalf("%s, %d nodes: %v", p.Name, limit, err)
		}
		if err := Check(p, s.X); err != nil {
			t.Errorf("%s, %d nodes: %v", p.Name, limit, err)
		}
		if s.Objective > opt.Objective+1e-9 || s.Bound < opt.Objective-1e-9 {
			t.Errorf("%s, %d nodes: objective %v, bound %v, optimum %v", p.Name, limit, s.Objective, s.Bound, opt.Objective)
		}
		if s.Status == Optimal && !closeTo(s.Objective, opt.Objective, 1e-9) {
			t.Errorf("%s, %d nodes: optimal %v, optimum %v", p.Name, limit, s.Objective, opt.Objective)
		}
		answers[i] = s
	}
	with, less := answers[0].Objective, answers[1].Objective
	if with < less-1e-9 {
		t.Errorf("%s, %d nodes: %v with %s, %v without", p.Name, limit, with, what, less)
	}
	return with > less+1e-9
}

// countsProblem is a seeded problem of general integers that the
// neighbourhood searches are for: n counts of 0 to 6, each with a value,
// under m budget rows, with pairs of counts that must stay within one of
// each other (a team that cannot shrink or grow by more than a person at
// a time), so that moving a single count often breaks a row where moving
// two together does not.
func countsProblem(seed uint64) *Problem {
	rng := rand.New(rand.NewPCG(seed, 29))
	n := 10 + rng.IntN(8)
	p := &Problem{Name: fmt.Sprintf("counts-%d", seed), Maximize: true}
	for j := range n {
		p.Vars = append(p.Vars, Var{Name: fmt.Sprintf("c%d", j), Upper: 6, Integer: true})
		p.SetObj(j, float64(5+rng.IntN(30)))
	}
	for i := range 2 + rng.IntN(3) {
		var terms []Term
		sum := 0.0
		for j := range n {
			c := float64(3 + rng.IntN(17))
			terms = append(terms, Term{Var: j, Coef: c})
			sum += 6 * c
		}
		p.AddRow(fmt.Sprintf("budget%d", i), terms, LE, math.Round(sum*(0.2+0.3*rng.Float64())))
	}
	for j := 1; j < n; j++ {
		p.AddRow(fmt.Sprintf("step%d_up", j), []Term{{Var: j, Coef: 1}, {Var: j - 1, Coef: -1}}, LE, 1)
		p.AddRow(fmt.Sprintf("step%d_down", j), []Term{{Var: j, Coef: 1}, {Var: j - 1, Coef: -1}}, GE, -1)
	}
	return p
}

// Stopped at a node limit, a search of counts then searches the
// incumbent's neighbourhood (bb.rins): on seeded countsProblems with 4,
// 12 and 40 nodes, every answer is a point of the problem within its
// stated bound, never worse than the moves alone give, and better in
// some (9 of the 180 when written; the moves alone reach the optimum in
// most).
func TestMIPCountsNeighbourhoodSearch(t *testing.T) {
	better := 0
	for seed := range uint64(60) {
		p := countsProblem(seed)
		for _, limit := range []int{4, 12, 40} {
			if stoppedBetter(t, p, limit, Options{noRINS: true}, "the neighbourhoods") {
				better++
			}
		}
	}
	if better == 0 {
		t.Error("the neighbourhood searches improved no answer")
	}
	t.Logf("%d answers better with the neighbourhood searches", better)
}
