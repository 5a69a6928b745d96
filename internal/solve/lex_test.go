package solve

import (
	"context"
	"math"
	"slices"
	"testing"
)

func TestLexicographic(t *testing.T) {
	// x, y in [0, 4], x + y <= 5: first maximize x + y (5), then minimize
	// x while holding it (x = 1, less the hold tolerance).
	p := build("lex", false, []Var{v("x", 0, 4), v("y", 0, 4)}, nil, row("cap", LE, 5, 1, 1))
	objs := []Objective{
		{Name: "total", Maximize: true, Terms: []Term{{0, 1}, {1, 1}}},
		{Name: "x", Terms: []Term{{0, 1}}},
	}
	res, err := Lexicographic(context.Background(), p, objs, Gonum{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Optimal || len(res.Values) != 2 || res.Values[0] != 5 || !closeTo(res.Values[1], 1, 1e-6) {
		t.Fatalf("status %v, values %v; want optimal, [5 1]", res.Status, res.Values)
	}
	if len(p.Rows) != 1 || len(res.Problem.Rows) != 2 || res.Problem.Rows[1].Name != "hold_total" {
		t.Errorf("p has %d rows, the result's problem %d (want 1 and 2 with hold_total)", len(p.Rows), len(res.Problem.Rows))
	}
	if err := Check(res.Problem, res.X); err != nil {
		t.Error(err)
	}

	// An infeasible first stage ends the solve with that status.
	bad := build("lexinf", false, []Var{v("x", 0, 1)}, nil, row("r", GE, 2, 1))
	res, err = Lexicographic(context.Background(), bad, objs[1:], Gonum{}, Options{})
	if err != nil || res.Status != Infeasible || len(res.Values) != 0 {
		t.Errorf("infeasible: %+v, %v", res, err)
	}
}

// StopAfter ends the stages when it returns true: asked after each stage
// but the last, with the stage and its optimum, it stops after the first
// here (x + y = 5), and the result says so and holds only that stage.
// Returning false lets every stage run.
func TestLexicographicStopAfter(t *testing.T) {
	p := build("lex", false, []Var{v("x", 0, 4), v("y", 0, 4)}, nil, row("cap", LE, 5, 1, 1))
	objs := []Objective{
		{Name: "total", Maximize: true, Terms: []Term{{0, 1}, {1, 1}}},
		{Name: "x", Terms: []Term{{0, 1}}},
		{Name: "y", Terms: []Term{{1, 1}}},
	}
	var asked []int
	stop := func(k int, v float64) bool {
		asked = append(asked, k)
		return k == 0 && v >= 5
	}
	res, err := Lexicographic(context.Background(), p, objs, Revised{}, Options{StopAfter: stop})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Stopped || res.Status != Optimal || len(res.Values) != 1 || res.Values[0] != 5 || !slices.Equal(asked, []int{0}) {
		t.Errorf("stopped %v, status %v, values %v, asked %v; want stopped after stage 0 at 5", res.Stopped, res.Status, res.Values, asked)
	}
	asked = nil
	res, err = Lexicographic(context.Background(), p, objs, Revised{}, Options{StopAfter: func(k int, _ float64) bool {
		asked = append(asked, k)
		return false
	}})
	if err != nil || res.Stopped || len(res.Values) != 3 || !slices.Equal(asked, []int{0, 1}) {
		t.Errorf("never stopping: stopped %v, values %v, asked %v, %v; want 3 stages, asked after the first two", res.Stopped, res.Values, asked, err)
	}
}

// Progress hears of every LP with the stage it belongs to, in order: one
// LP per stage of a continuous problem, one per node with an integer.
func TestLexicographicProgress(t *testing.T) {
	p := build("lex", false, []Var{v("x", 0, 4), v("y", 0, 4)}, nil, row("cap", LE, 5, 1, 1))
	objs := []Objective{
		{Name: "total", Maximize: true, Terms: []Term{{0, 1}, {1, 1}}},
		{Name: "x", Terms: []Term{{0, 1}}},
	}
	var heard []string
	opt := Options{Progress: func(stage string) { heard = append(heard, stage) }}
	if _, err := Lexicographic(context.Background(), p, objs, Revised{}, opt); err != nil {
		t.Fatal(err)
	}
	if len(heard) != 2 || heard[0] != "total" || heard[1] != "x" {
		t.Errorf("heard %q, want [total x]", heard)
	}
	// Outside Lexicographic the stage is "", and a branch and bound
	// counts its nodes: x integer in [0, 4], 2x <= 3 branches once.
	heard = nil
	q := build("mip", true, []Var{v("x", 0, 4)}, []float64{1}, row("r", LE, 3, 2))
	q.Vars[0].Integer = true
	sol, err := Solve(context.Background(), q, Revised{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(heard) < 2 || len(heard) < sol.Nodes || heard[0] != "" {
		t.Errorf("heard %q for %d nodes, want one empty stage per LP", heard, sol.Nodes)
	}
}

// A stage solved by branch and bound keeps its root relaxation's basis
// (Stage.RootBasis) and its nodes' (Stage.NodeBases), and a similar
// problem's search starts from them: the same knapsack solved again from
// its own stages takes no iteration at the root, where the incumbent
// node's basis (IncumbentStarts) needs some, and fewer at the nodes than
// from their parents' bases. max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d <= 14, binary: the root
// relaxation is a = b = 1, c = 0.5 (22), the optimum b = c = d = 1 (21).
func TestLexicographicRootStarts(t *testing.T) {
	ctx := context.Background()
	p := build("knapsack", true, []Var{v("a", 0, 1), v("b", 0, 1), v("c", 0, 1), v("d", 0, 1)}, nil, row("w", LE, 14, 5, 7, 4, 3))
	for j := range p.Vars {
		p.Vars[j].Integer = true
	}
	objs := []Objective{{Name: "value", Maximize: true, Terms: []Term{{0, 8}, {1, 11}, {2, 6}, {3, 4}}}}
	first, err := Lexicographic(ctx, p, objs, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Status != Optimal || first.Values[0] != 21 || first.Nodes < 2 {
		t.Fatalf("status %v, value %v, %d nodes; want optimal 21 after branching", first.Status, first.Values, first.Nodes)
	}
	st := first.Stages[0]
	if st.RootBasis == nil || st.Basis == nil || slices.Equal(st.RootBasis.Vars, st.Basis.Vars) {
		t.Fatalf("root basis %v, incumbent's %v: want both, and different", st.RootBasis, st.Basis)
	}
	iters := map[bool]int{}
	for _, incumbent := range []bool{false, true} {
		again, err := Lexicographic(ctx, p, objs, Revised{}, Options{Stages: first.Stages, IncumbentStarts: incumbent})
		if err != nil {
			t.Fatal(err)
		}
		if again.Status != Optimal || again.Values[0] != 21 {
			t.Fatalf("incumbent starts %v: status %v, value %v", incumbent, again.Status, again.Values)
		}
		iters[incumbent] = again.Iters
	}
	if iters[false] >= iters[true] {
		t.Errorf("iterations from the root's basis %d, from the incumbent's %d: want fewer from the root's", iters[false], iters[true])
	}

	// Its nodes' bases too: each node starts from its own optimal basis
	// rather than its parent's.
	if len(st.NodeBases) == 0 || len(st.NodeBases) > first.Nodes {
		t.Fatalf("%d node bases for %d nodes", len(st.NodeBases), first.Nodes)
	}
	noNodes := slices.Clone(first.Stages)
	noNodes[0].NodeBases = nil
	without, err := Lexicographic(ctx, p, objs, Revised{}, Options{Stages: noNodes})
	if err != nil || without.Status != Optimal || without.Values[0] != 21 {
		t.Fatalf("without node bases: %+v, %v", without, err)
	}
	if iters[false] >= without.Iters {
		t.Errorf("iterations with the nodes' bases %d, without %d: want fewer with them", iters[false], without.Iters)
	}
	if nodeKey(nil) != "" || nodeKey([]boundChange{{v: 2, lo: 0, up: 0}, {v: 0, lo: 1, up: 1}}) != "2:0:0;0:1:1;" {
		t.Errorf("node keys: %q", nodeKey([]boundChange{{v: 2, lo: 0, up: 0}, {v: 0, lo: 1, up: 1}}))
	}

	// A plain LP stage has no root basis of its own.
	lp := build("lp", true, []Var{v("x", 0, 4)}, nil, row("r", LE, 3, 2))
	res, err := Lexicographic(ctx, lp, []Objective{{Name: "x", Maximize: true, Terms: []Term{{0, 1}}}}, Revised{}, Options{})
	if err != nil || res.Stages[0].RootBasis != nil || res.Stages[0].Basis == nil {
		t.Errorf("LP stage: %+v, %v; want a basis and no root basis", res.Stages, err)
	}
}

// A stage with FixIntegers whose LP is infeasible only because the stage
// before's point meets a row within FeasTol, not exactly, is solved with
// the integers widened by FeasTol (loosenFixed) instead of being reported
// infeasible. Here n is a whole headcount and f the work there is for it,
// at most 7 - 2.5e-8, with f = n: the first stage's branch and bound
// takes n = 7 (f 2.5e-8 short, within FeasTol), and the second, with n
// fixed at exactly 7, has no point. Found on a plan in whole people
// (docs/solver.md).
func TestLexicographicLoosensFixedIntegers(t *testing.T) {
	p := build("short", false, []Var{v("n", 0, 10), v("f", 0, 7-2.5e-8)}, nil, row("work", EQ, 0, -1, 1))
	p.Vars[0].Integer = true
	objs := []Objective{
		{Name: "work", Maximize: true, Terms: []Term{{1, 1}}},
		{Name: "tie", Terms: []Term{{1, 1}}, FixIntegers: true},
	}
	res, err := Lexicographic(context.Background(), p, objs, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Optimal || len(res.Values) != 2 {
		t.Fatalf("status %v, values %v; want both stages optimal", res.Status, res.Values)
	}
	if n := res.X[0]; math.Abs(n-7) > 1e-6 {
		t.Errorf("n = %v, want 7", n)
	}
	if err := Check(p, res.X); err != nil {
		t.Error(err)
	}
	q, err := StageProblem(context.Background(), p, objs, 1, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sol, err := Solve(context.Background(), q, Revised{}, Options{}); err != nil || sol.Status != Optimal {
		t.Errorf("the second stage's problem as posed for an audit: %v, %v", sol, err)
	}
}
