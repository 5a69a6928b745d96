package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// handLPs are small LPs with answers worked out by hand, one for each
// feature of the conversion to standard form.
func handLPs() []lpCase {
	ninf := math.Inf(-1)
	return []lpCase{
		{name: "lower bounds shifted", status: Optimal, obj: 8, x: []float64{2, 4},
			p: build("shift", false, []Var{v("x", 2, inf), v("y", 3, inf)}, []float64{2, 1},
				row("sum", GE, 6, 1, 1))},
		{name: "negative lower bound", status: Optimal, obj: -3, x: []float64{-3, 1},
			p: build("neglo", false, []Var{v("x", -5, inf), v("y", 0, 1)}, []float64{1, 0},
				row("sum", GE, -2, 1, 1))},
		{name: "upper bounds only", status: Optimal, obj: 7, x: []float64{4, -1},
			p: build("upper", true, []Var{v("x", ninf, 4), v("y", ninf, 1)}, []float64{2, 1},
				row("sum", LE, 3, 1, 1))},
		{name: "free variables", status: Optimal, obj: 0, x: []float64{2, 0},
			p: build("free", false, []Var{v("x", ninf, inf), v("y", ninf, inf)}, []float64{0, 1},
				row("a", GE, -2, -1, 1), row("b", GE, 2, 1, 1))},
		{name: "boxed", status: Optimal, obj: 11, x: []float64{3, 1},
			p: build("boxed", true, []Var{v("x", 1, 3), v("y", -1, 2)}, []float64{3, 2},
				row("sum", LE, 4, 1, 1))},
		{name: "fixed variable", status: Optimal, obj: 3.5, x: []float64{2.5, 3.5},
			p: build("fixed", false, []Var{v("x", 2.5, 2.5), v("y", 0, inf)}, []float64{0, 1},
				row("d", GE, 1, -1, 1))},
		{name: "equality rows", status: Optimal, obj: 8.5, x: []float64{3.5, 2.5, 0},
			p: build("eq", false, []Var{v("x", 0, inf), v("y", 0, inf), v("z", 0, inf)}, []float64{1, 2, 3},
				row("total", EQ, 6, 1, 1, 1), row("diff", EQ, 1, 1, -1))},
		{name: "equality with negative rhs and a free variable", status: Optimal, obj: -3, x: []float64{-3, 0},
			p: build("eqneg", true, []Var{v("x", ninf, inf), v("y", 0, 2)}, []float64{1, 0},
				row("e", EQ, -3, 1, 1))},
		// Beale's example, on which the textbook simplex cycles.
		{name: "degenerate", status: Optimal, obj: 1, x: []float64{1, 0, 1, 0},
			p: build("beale", true, []Var{v("x1", 0, inf), v("x2", 0, inf), v("x3", 0, inf), v("x4", 0, inf)},
				[]float64{10, -57, -9, -24},
				row("a", LE, 0, 0.5, -5.5, -2.5, 9), row("b", LE, 0, 0.5, -1.5, -0.5, 1), row("c", LE, 1, 1))},
		{name: "infeasible", status: Infeasible,
			p: build("infeas", false, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, 1},
				row("le", LE, 1, 1, 1), row("ge", GE, 2, 1, 1))},
		{name: "infeasible bounds against row", status: Infeasible,
			p: build("infeas2", true, []Var{v("x", 0, 1), v("y", ninf, 3)}, []float64{1, 1},
				row("ge", GE, 5, 1, 1))},
		// Infeasible by 0.01, beside a row whose right-hand side is 1e6:
		// each row is judged by its own tolerance.
		{name: "slightly infeasible beside a large rhs", status: Infeasible,
			p: build("slight", true, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{0, 1},
				row("ge", GE, 1, 1, 0), row("le", LE, 0.99, 1, 0), row("big", LE, 1e6, 0, 1))},
		{name: "unbounded", status: Unbounded,
			p: build("unb", true, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, 1},
				row("d", LE, 1, 1, -1))},
		{name: "unbounded free variable", status: Unbounded,
			p: build("unbfree", false, []Var{v("x", ninf, inf), v("y", 0, inf)}, []float64{1, 1},
				row("d", LE, 1, 1, -1))},
		{name: "dependent equality row", status: Optimal, obj: -2, x: []float64{0, 2},
			p: build("dep", false, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, -1},
				row("a", EQ, 2, 1, 1), row("b", EQ, 4, 2, 2))},
		{name: "dependent equality row over three", status: Optimal, obj: 4, x: []float64{1, 1, 2},
			p: build("dep3", false, []Var{v("x", 0, inf), v("y", 0, inf), v("z", 0, inf)}, []float64{1, 1, 1},
				row("a", EQ, 2, 1, 1, 0), row("b", EQ, 3, 0, 1, 1), row("c", EQ, 5, 1, 2, 1), row("d", GE, 1, 1, 0, 0))},
		{name: "dependent equality row, scaled", status: Optimal, obj: -2, x: []float64{0, 2},
			p: build("depscaled", false, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, -1},
				row("a", EQ, 8, 2, 4), row("b", EQ, 12, 3, 6))},
		{name: "inconsistent dependent equality row", status: Infeasible,
			p: build("depbad", false, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, -1},
				row("a", EQ, 2, 1, 1), row("b", EQ, 5, 2, 2))},
		{name: "empty rows", status: Optimal, obj: 1, x: []float64{1},
			p: build("emptyrows", false, []Var{v("x", 0, inf)}, []float64{1},
				row("x", GE, 1, 1), row("none", LE, 3), Row{Name: "zero", Terms: []Term{{0, 0}}, Sense: GE, RHS: -1})},
		{name: "infeasible empty row", status: Infeasible,
			p: build("emptybad", false, []Var{v("x", 0, inf)}, []float64{1},
				row("x", GE, 1, 1), row("none", GE, 1))},
		{name: "row of fixed variables", status: Infeasible,
			p: build("fixedrow", false, []Var{v("x", 1, 1), v("y", 2, 2), v("z", 0, inf)}, []float64{0, 0, 1},
				row("fx", EQ, 4, 1, 1), row("z", GE, 0, 0, 0, 1))},
		{name: "empty columns at their best bound", status: Optimal, obj: -4, x: []float64{1, 1, 7, 2},
			p: build("emptycols", false, []Var{v("x", 0, inf), v("z", 1, 5), v("w", 0, 7), v("u", 2, 3)}, []float64{1, 2, -1, 0},
				row("x", GE, 1, 1))},
		{name: "unbounded empty column", status: Unbounded,
			p: build("emptyunb", true, []Var{v("x", 0, inf), v("z", 0, inf)}, []float64{1, 1},
				row("x", LE, 3, 1))},
		{name: "unbounded empty column, rest infeasible", status: Infeasible,
			p: build("emptyunbinf", true, []Var{v("x", 0, inf), v("z", 0, inf)}, []float64{1, 1},
				row("x", LE, 3, 1), row("y", GE, 4, 1))},
		{name: "maximize", status: Optimal, obj: 11, x: []float64{3, 1},
			p: build("max", true, []Var{v("x", 0, 3), v("y", 0, inf)}, []float64{3, 2},
				row("a", LE, 4, 1, 1), row("b", LE, 6, 1, 3))},
		{name: "minimize the same", status: Optimal, obj: 0, x: []float64{0, 0},
			p: build("min", false, []Var{v("x", 0, 3), v("y", 0, inf)}, []float64{3, 2},
				row("a", LE, 4, 1, 1), row("b", LE, 6, 1, 3))},
		{name: "objective constant", status: Optimal, obj: 5,
			p: func() *Problem {
				p := build("const", true, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{-1, -1}, row("a", GE, 2, 1, 1))
				p.ObjConst = 7
				return p
			}()},
		{name: "no rows", status: Optimal, obj: -1, x: []float64{3, 4},
			p: build("norows", false, []Var{v("x", 3, 5), v("y", -2, 4)}, []float64{1, -1})},
		{name: "no variables", status: Optimal, obj: 2.5, x: []float64{},
			p: &Problem{Name: "novars", ObjConst: 2.5}},
		{name: "repeated terms", status: Optimal, obj: 4, x: []float64{0, 4},
			p: build("repeat", true, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, 1},
				Row{Name: "a", Sense: LE, RHS: 4, Terms: []Term{{0, 1}, {0, 1}, {1, 1}}},
				Row{Name: "b", Sense: LE, RHS: 1, Terms: []Term{{0, 1}, {1, 1}, {1, -1}}})},
	}
}

func TestGonumHandLPs(t *testing.T) {
	for _, c := range handLPs() {
		t.Run(c.name, func(t *testing.T) {
			s, err := Gonum{}.SolveLP(context.Background(), c.p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCase(t, c, s)
		})
	}
}

// checkCase compares a solution with a hand-computed answer.
func checkCase(t *testing.T, c lpCase, s *Solution) {
	t.Helper()
	if s.Status != c.status {
		t.Fatalf("status %v, want %v", s.Status, c.status)
	}
	if c.status != Optimal && c.status != OptimalWithinGap {
		return
	}
	if !closeTo(s.Objective, c.obj, 1e-9) {
		t.Errorf("objective %v, want %v", s.Objective, c.obj)
	}
	if got := c.p.Objective(s.X); !closeTo(got, s.Objective, 1e-12) {
		t.Errorf("objective %v does not match X (%v)", s.Objective, got)
	}
	if c.x != nil {
		if len(s.X) != len(c.x) {
			t.Fatalf("x = %v, want %v", s.X, c.x)
		}
		for j := range c.x {
			if math.Abs(s.X[j]-c.x[j]) > 1e-9 {
				t.Errorf("x = %v, want %v", s.X, c.x)
				break
			}
		}
	}
	if err := Check(c.p, s.X); err != nil {
		t.Error(err)
	}
}

func TestGonumNoDualsNoBasis(t *testing.T) {
	c := handLPs()[0]
	s, err := Gonum{}.SolveLP(context.Background(), c.p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Duals != nil || s.ReducedCosts != nil || s.Basis != nil {
		t.Errorf("gonum backend returned duals, reduced costs or a basis: %+v", s)
	}
}

func TestGonumIgnoresIntegrality(t *testing.T) {
	p := build("relax", true, []Var{iv("x", 0, 10)}, []float64{1}, row("a", LE, 2.5, 1))
	s, err := Gonum{}.SolveLP(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal || s.X[0] != 2.5 {
		t.Errorf("relaxation: %v %v, want optimal at 2.5", s.Status, s.X)
	}
}

func TestGonumRejectsBadProblem(t *testing.T) {
	p := build("bad", false, []Var{v("x", 1, 0)}, nil)
	if _, err := (Gonum{}).SolveLP(context.Background(), p, Options{}); !errors.Is(err, ErrBadProblem) {
		t.Errorf("err = %v, want ErrBadProblem", err)
	}
}

func TestGonumCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Gonum{}).SolveLP(ctx, handLPs()[0].p, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// lp.Simplex cycles on Beale's example from some degenerate starting
// bases; the meter stops it, on cancellation too.
func TestGonumMeterStopsCycling(t *testing.T) {
	a := mat.NewDense(3, 7, []float64{
		0.5, -5.5, -2.5, 9, 1, 0, 0,
		0.5, -1.5, -0.5, 1, 0, 1, 0,
		1, 0, 0, 0, 0, 0, 1,
	})
	c := []float64{-10, 57, 9, 24, 0, 0, 0}
	b := []float64{0, 0, 1}
	start := []int{0, 5, 6} // x1 = 0, s2 = 0, s3 = 1
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c0 := range []struct {
		r    *gonumRun
		want error
	}{
		{&gonumRun{ctx: context.Background()}, ErrIterationLimit},
		{&gonumRun{ctx: ctx, maxIter: 1e6}, context.Canceled},
	} {
		if _, err := c0.r.simplex(c, a, b, start); !errors.Is(err, c0.want) {
			t.Errorf("err = %v, want %v", err, c0.want)
		}
	}
}

func TestGonumMaxIter(t *testing.T) {
	var beale *Problem
	for _, c := range handLPs() {
		if c.name == "degenerate" {
			beale = c.p
		}
	}
	if _, err := (Gonum{}).SolveLP(context.Background(), beale, Options{MaxIter: 1}); !errors.Is(err, ErrIterationLimit) {
		t.Errorf("err = %v, want ErrIterationLimit", err)
	}
	if s, err := (Gonum{}).SolveLP(context.Background(), beale, Options{MaxIter: 100}); err != nil || s.Objective != 1 {
		t.Errorf("%v %v, want optimum 1", s, err)
	}
}

// TestRestoreReachesTheExactOptimum starts restore from the all-slack basis
// of random covering LPs (min cᵀx, Ax >= b, x >= 0 with c, A, b > 0): that
// basis is dual feasible (every reduced cost is c_j > 0) and infeasible
// (every slack is -b_i), the situation restore is for. It must reach a
// feasible basis with the optimum the revised simplex finds.
func TestRestoreReachesTheExactOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 30 {
		m, n := 3+rng.IntN(12), 3+rng.IntN(20)
		vars := make([]Var, n)
		obj := make([]float64, n)
		for j := range vars {
			vars[j] = v(fmt.Sprintf("x%d", j), 0, inf)
			obj[j] = 0.5 + rng.Float64()
		}
		var rows []Row
		for i := range m {
			coef := make([]float64, n)
			for j := range coef {
				if rng.IntN(3) == 0 || j == i%n {
					coef[j] = 0.1 + rng.Float64()
				}
			}
			rows = append(rows, row(fmt.Sprintf("r%d", i), GE, 1+rng.Float64()*10, coef...))
		}
		p := build(fmt.Sprintf("cover%d", trial), false, vars, obj, rows...)
		want, err := Revised{}.SolveLP(context.Background(), p, Options{})
		if err != nil || want.Status != Optimal {
			t.Fatalf("trial %d: revised: %v %v", trial, err, want)
		}
		f, ok := newStdForm(p)
		if !ok {
			t.Fatalf("trial %d: conversion calls a covering LP infeasible", trial)
		}
		basis, xb := f.restore(slices.Clone(f.slackOf))
		if basis == nil {
			t.Fatalf("trial %d: restore gave up", trial)
		}
		z := make([]float64, f.n)
		for k, j := range basis {
			if xb[k] < -restoreFeasTol {
				t.Fatalf("trial %d: basic value %g after restore", trial, xb[k])
			}
			z[j] = math.Max(xb[k], 0)
		}
		x := f.point(z)
		if err := CheckRelaxation(p, x); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if got := p.Objective(x); !closeTo(got, want.Objective, 1e-9) {
			t.Errorf("trial %d (%dx%d): objective %.12g, revised %.12g", trial, m, n, got, want.Objective)
		}
	}
}

// TestRestoreRefusesABasisThatIsNotDualFeasible: restore relies on dual
// feasibility and must say so rather than pivot from a wrong start.
func TestRestoreRefusesABasisThatIsNotDualFeasible(t *testing.T) {
	// max x + y, x + y <= 1 is min -x - y: the slack basis has reduced
	// costs -1 (not dual feasible) and is primal feasible, so restore
	// would have nothing to do; make it infeasible too with x + y >= 2
	// beside x + y <= 3.
	p := build("notdual", true, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{1, 1},
		row("ge", GE, 2, 1, 1), row("le", LE, 3, 1, 1))
	f, ok := newStdForm(p)
	if !ok {
		t.Fatal("conversion failed")
	}
	if basis, _ := f.restore(slices.Clone(f.slackOf)); basis != nil {
		t.Errorf("restore accepted a basis with negative reduced costs: %v", basis)
	}
}
