package solve

import (
	"context"
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
