package solve

import (
	"context"
	"errors"
	"math"
	"slices"
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

// incrementsForm writes each pair of hire and exit rows of a block
// problem, x[b] - x[b-1] in [-exits, hires], as one row over an increment
// and a decrement, x[b] - x[b-1] - h + e = 0 with h in [0, hires] and e
// in [0, exits] (as model.IncrementsForm does for a plan's teams), h and
// e in block b. It returns the form and the blocks of its own variables.
func incrementsForm(p *Problem, block []int) (*Problem, []int) {
	f := p.Clone()
	f.Rows = nil
	var blocks []int
	for i := 0; i < len(p.Rows); i++ {
		r := p.Rows[i]
		if r.Name != "hires" {
			f.Rows = append(f.Rows, r)
			continue
		}
		exits := p.Rows[i+1] // addRow writes each pair together
		i++
		h := f.AddVar("h", 0, r.RHS)
		e := f.AddVar("e", 0, -exits.RHS)
		blocks = append(blocks, block[r.Terms[0].Var], block[r.Terms[0].Var])
		terms := append(append([]Term(nil), r.Terms...), Term{Var: h, Coef: -1}, Term{Var: e, Coef: 1})
		f.AddRow("change", terms, EQ, 0)
	}
	return f, blocks
}

// A later stage solved on a form (Objective.Form) with the hold rows of
// the stages before added, from the form's blocks (FormBlocks), reaches
// the optima of the stages solved on the problem itself, and gives a
// point of the problem that holds every earlier optimum. A form that
// allows points the problem does not is caught, and the stage solved on
// the problem.
func TestLexicographicOnALaterStageForm(t *testing.T) {
	defer func(n int) { blockStartMinRows = n }(blockStartMinRows)
	blockStartMinRows = 0
	ctx := context.Background()
	var iters [2]int // stage 2's, from the form's blocks and cold
	for seed := range uint64(8) {
		p, block, objs := blockProblem(200+seed, 4+int(seed%4), 10+int(seed%3)*4)
		plain, err := Lexicographic(ctx, p, objs, Revised{}, Options{Blocks: block})
		if err != nil || plain.Status != Optimal {
			t.Fatalf("seed %d: on the problem: %v %v", seed, err, plain)
		}
		form, formBlocks := incrementsForm(p, block)
		if len(form.Vars) == len(p.Vars) {
			t.Fatalf("seed %d: no hire and exit rows to write", seed)
		}
		for i, blocks := range [][]int{formBlocks, nil} {
			withForm := append([]Objective(nil), objs...)
			withForm[1].Form, withForm[1].FormBlocks = form, blocks
			got, err := Lexicographic(ctx, p, withForm, Revised{}, Options{Blocks: block})
			if err != nil || got.Status != Optimal {
				t.Fatalf("seed %d: on the form: %v %v", seed, err, got)
			}
			for k := range objs {
				if !closeTo(got.Values[k], plain.Values[k], 1e-7) {
					t.Errorf("seed %d stage %d: %.10g on the form, %.10g on the problem", seed, k+1, got.Values[k], plain.Values[k])
				}
			}
			first, err := Lexicographic(ctx, p, withForm[:1], Revised{}, Options{Blocks: block})
			if err != nil {
				t.Fatal(err)
			}
			second, err := Lexicographic(ctx, p, withForm[:2], Revised{}, Options{Blocks: block})
			if err != nil {
				t.Fatal(err)
			}
			iters[i] += second.Iters - first.Iters
			if len(got.Stages[1].X) != len(form.Vars) || len(got.X) != len(p.Vars) {
				t.Errorf("seed %d: stage 2 of %d variables, a point of %d", seed, len(got.Stages[1].X), len(got.X))
			}
			// got.Problem holds both earlier optima.
			if err := Check(got.Problem, got.X); err != nil {
				t.Errorf("seed %d: %v", seed, err)
			}
			again, err := Lexicographic(ctx, p, withForm, Revised{}, Options{Blocks: block, Stages: got.Stages})
			if err != nil || again.Status != Optimal || !closeTo(again.Values[1], plain.Values[1], 1e-7) {
				t.Fatalf("seed %d: started from the form's stage: %v %v", seed, err, again)
			}
		}

		// A wrong form: no upper bound on the increments.
		wrong := form.Clone()
		for j := len(p.Vars); j < len(wrong.Vars); j++ {
			wrong.Vars[j].Upper = math.Inf(1)
		}
		withWrong := append([]Objective(nil), objs...)
		withWrong[1].Form, withWrong[1].FormBlocks = wrong, formBlocks
		got, err := Lexicographic(ctx, p, withWrong, Revised{}, Options{Blocks: block})
		if err != nil || got.Status != Optimal {
			t.Fatalf("seed %d: on a wrong form: %v %v", seed, err, got)
		}
		if !closeTo(got.Values[1], plain.Values[1], 1e-7) || len(got.Stages[1].X) != len(p.Vars) {
			t.Errorf("seed %d: on a wrong form stage 2 is %.10g over %d variables, %.10g on the problem", seed, got.Values[1], len(got.Stages[1].X), plain.Values[1])
		}
	}
	// The form's blocks start stage 2 nearer its optimum.
	if iters[0] >= iters[1] {
		t.Errorf("stage 2 on the form: %d iterations from its blocks, %d cold", iters[0], iters[1])
	}
	t.Logf("stage 2 on the form: %d iterations from its blocks, %d cold", iters[0], iters[1])
}

// A stage on a form takes the hints (the stage before's point) extended
// to the form by FormPoint: a search the node limit stops then still has
// an incumbent, as it has on the problem itself. Without them it has
// none, and the stage fails. Found on a 10-region, 36-month plan whose
// scores stage, solved on the increments form, ran into the node limit
// without an integer point after seven minutes.
func TestFormStageKeepsHints(t *testing.T) {
	ctx := context.Background()
	// w in [0, 1], x in [0, 4], integer z in [0, 5], x + 2z <= 7. Stage
	// 1 maximizes w, which leaves x and z where they are; stage 2
	// maximizes x + 3z, whose relaxation has z = 3.5: one node cannot
	// find an integer point, but the stage before's point is one.
	p := build("hints", true, []Var{v("w", 0, 1), v("x", 0, 4), iv("z", 0, 5)}, nil, row("cap", LE, 7, 0, 1, 2))
	objs := []Objective{
		{Name: "w", Maximize: true, Terms: []Term{{0, 1}}},
		{Name: "xz", Maximize: true, Terms: []Term{{1, 1}, {2, 3}}, ColdStart: true},
	}
	opt := Options{NodeLimit: 1}
	plain, err := Lexicographic(ctx, p, objs, Revised{}, opt)
	if err != nil || plain.Status != OptimalWithinGap {
		t.Fatalf("on the problem: %v %v", err, plain)
	}
	// The form names s = x + 2z: cap reads s <= 7.
	form := p.Clone()
	s := form.AddVar("s", 0, math.Inf(1))
	form.Rows[0].Terms = []Term{{s, 1}}
	form.AddRow("s_def", []Term{{1, 1}, {2, 2}, {s, -1}}, EQ, 0)
	withForm := append([]Objective(nil), objs...)
	withForm[1].Form = form
	if _, err := Lexicographic(ctx, p, withForm, Revised{}, opt); !errors.Is(err, ErrNodeLimit) {
		t.Fatalf("on the form without the hints: %v, want ErrNodeLimit", err)
	}
	withForm[1].FormPoint = func(x []float64) []float64 { return append(slices.Clone(x), x[1]+2*x[2]) }
	got, err := Lexicographic(ctx, p, withForm, Revised{}, opt)
	if err != nil || got.Status != OptimalWithinGap || !closeTo(got.Values[1], plain.Values[1], 1e-9) {
		t.Fatalf("on the form with the hints: %v %v, on the problem %v", err, got, plain.Values)
	}
	if err := Check(got.Problem, got.X); err != nil {
		t.Error(err)
	}
}
