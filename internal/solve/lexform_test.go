package solve

import (
	"context"
	"testing"
)

// The first stage solved on an equivalent form (Objective.Form) gives the
// optima of the stages solved on the problem itself, a point of the
// problem's variables, and the form's stage for a later start; a later
// solve started from it solves the form warm. A form that allows points
// the problem does not is caught by the check of its point, and the stage
// is solved on the problem.
func TestLexicographicOnAForm(t *testing.T) {
	ctx := context.Background()
	// x, y, z in [0, 4], integer z; x + y + z <= 7 and x - z >= -1 twice
	// (a sum written out), first maximize x + y + z, then minimize x.
	p := build("form", true, []Var{v("x", 0, 4), v("y", 0, 4), iv("z", 0, 4)}, nil,
		row("cap", LE, 7, 1, 1, 1), row("a", GE, -1, 1, 0, -1), row("b", LE, 6, 1, 1, 0))
	objs := []Objective{
		{Name: "total", Maximize: true, Terms: []Term{{0, 1}, {1, 1}, {2, 1}}},
		{Name: "x", Terms: []Term{{0, 1}}, ColdStart: true},
	}
	plain, err := Lexicographic(ctx, p, objs, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The form names s = x + y once: cap reads s + z <= 7, b reads s <= 6.
	form := p.Clone()
	s := form.AddVar("s", 0, 8)
	form.Rows[0].Terms = []Term{{s, 1}, {2, 1}}
	form.Rows[2].Terms = []Term{{s, 1}}
	form.AddRow("s_def", []Term{{0, 1}, {1, 1}, {s, -1}}, EQ, 0)
	withForm := append([]Objective(nil), objs...)
	withForm[0].Form = form
	got, err := Lexicographic(ctx, p, withForm, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != Optimal || len(got.Values) != 2 || !closeTo(got.Values[0], plain.Values[0], 1e-9) || !closeTo(got.Values[1], plain.Values[1], 1e-9) {
		t.Fatalf("on the form: %v %v; on the problem: %v %v", got.Status, got.Values, plain.Status, plain.Values)
	}
	if len(got.X) != len(p.Vars) || len(got.Stages[0].X) != len(form.Vars) || len(got.Stages[1].X) != len(p.Vars) {
		t.Fatalf("point of %d, stages of %d and %d variables", len(got.X), len(got.Stages[0].X), len(got.Stages[1].X))
	}
	if err := Check(got.Problem, got.X); err != nil {
		t.Error(err)
	}
	again, err := Lexicographic(ctx, p, withForm, Revised{}, Options{Stages: got.Stages})
	if err != nil || again.Status != Optimal || !closeTo(again.Values[0], plain.Values[0], 1e-9) {
		t.Fatalf("started from the form's stage: %v %v, %v", again.Status, again.Values, err)
	}

	// A wrong form: its cap is 10, so its optimum (10) breaks the problem's.
	wrong := form.Clone()
	wrong.Rows[0].RHS = 10
	withWrong := append([]Objective(nil), objs...)
	withWrong[0].Form = wrong
	got, err = Lexicographic(ctx, p, withWrong, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != Optimal || !closeTo(got.Values[0], plain.Values[0], 1e-9) || len(got.Stages[0].X) != len(p.Vars) {
		t.Fatalf("on a wrong form: %v %v (stage 1 of %d variables); on the problem: %v", got.Status, got.Values, len(got.Stages[0].X), plain.Values)
	}
}
