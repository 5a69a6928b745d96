package simplex

import (
	"context"
	"errors"
	"math"
	"testing"
)

func TestWarmStartOptimalBasis(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		p := randomLP(seed, 60, 200, 4, randFeasible)
		cold := mustSolve(t, p, nil)
		warm := mustSolve(t, p, &Options{Basis: &cold.Basis})
		if warm.Iters != 0 {
			t.Errorf("seed %d: re-solve from the optimal basis took %d iterations", seed, warm.Iters)
		}
		if err := verifyOptimal(p, warm); err != nil || !near(warm.Obj, cold.Obj, 1e-12) {
			t.Errorf("seed %d: %v, objective %g vs %g", seed, err, warm.Obj, cold.Obj)
		}
	}
}

// After a bound change on a basic variable (a branch) the old basis stays
// dual feasible and the dual simplex needs only a few iterations.
func TestWarmStartBoundChange(t *testing.T) {
	total, totalCold := 0, 0
	for seed := uint64(1); seed <= 10; seed++ {
		p := randomLP(seed, 150, 400, 4, randFeasible)
		cold := mustSolve(t, p, nil)
		q := ownVectors(p)
		for j, st := range cold.Basis.Cols {
			if st == Basic && cold.X[j]-q.ColLo[j] > 0.2 {
				q.ColUp[j] = math.Max(q.ColLo[j], math.Floor(cold.X[j]-0.1))
				break
			}
		}
		warm := mustSolve(t, q, &Options{Basis: &cold.Basis})
		fresh := mustSolve(t, q, nil)
		if warm.Status != fresh.Status {
			t.Fatalf("seed %d: warm %v, cold %v", seed, warm.Status, fresh.Status)
		}
		if fresh.Status == Optimal {
			if err := verifyOptimal(q, warm); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if !near(warm.Obj, fresh.Obj, 1e-7) {
				t.Errorf("seed %d: warm %g cold %g", seed, warm.Obj, fresh.Obj)
			}
		}
		total += warm.Iters
		totalCold += fresh.Iters
	}
	if total*5 > totalCold {
		t.Errorf("warm starts took %d iterations in all, cold starts %d", total, totalCold)
	}
}

// An added row starts with its logical basic (missing Rows entries).
func TestWarmStartAddedRow(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		p := randomLP(seed, 80, 200, 4, randFeasible)
		cold := mustSolve(t, p, nil)
		cols := []int{1, 5, 9, 13}
		act := 0.0
		for _, j := range cols {
			act += cold.X[j]
		}
		q := *p
		q.RowLo = append([]float64(nil), p.RowLo...)
		q.RowUp = append([]float64(nil), p.RowUp...)
		addRow(&q, cols, 1, -inf, act-0.25)
		warm := mustSolve(t, &q, &Options{Basis: &cold.Basis})
		fresh := mustSolve(t, &q, nil)
		if warm.Status != fresh.Status {
			t.Fatalf("seed %d: warm %v, cold %v", seed, warm.Status, fresh.Status)
		}
		if fresh.Status == Optimal {
			if err := verifyOptimal(&q, warm); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if !near(warm.Obj, fresh.Obj, 1e-7) {
				t.Errorf("seed %d: warm %g cold %g", seed, warm.Obj, fresh.Obj)
			}
			if warm.Iters > max(10, fresh.Iters/3) {
				t.Errorf("seed %d: %d iterations warm, %d cold", seed, warm.Iters, fresh.Iters)
			}
		}
	}
}

// Bases that are not bases: wrong sizes, singular, every status at once.
func TestWarmStartRepair(t *testing.T) {
	p := randomLP(4, 40, 30, 5, randFeasible)
	cold := mustSolve(t, p, nil)
	n, m := p.NumCols(), p.NumRows
	all := func(k int, s VarStatus) []VarStatus {
		v := make([]VarStatus, k)
		for i := range v {
			v[i] = s
		}
		return v
	}
	for k, b := range []*Basis{
		{},
		{Cols: all(n, Basic), Rows: all(m, Basic)},
		{Cols: all(n, Basic)},
		{Cols: all(n, AtUpper), Rows: all(m, AtZero)},
		{Cols: all(n+3, Fixed), Rows: all(m+3, AtLower)},
		{Cols: all(2, Basic), Rows: all(m-5, Basic)},
	} {
		r := mustSolve(t, p, &Options{Basis: b})
		if err := verifyOptimal(p, r); err != nil || !near(r.Obj, cold.Obj, 1e-7) {
			t.Errorf("basis %d: %v, objective %g vs %g", k, err, r.Obj, cold.Obj)
		}
	}
	// Two equal columns basic together with the logicals of their rows
	// nonbasic: singular, repaired by a slack.
	q := dense([]float64{-1, -1}, [][]float64{{1, 1}, {2, 2}}, fill(2, -inf), []float64{4, 8}, fill(2, 0), fill(2, 10))
	r := mustSolve(t, q, &Options{Basis: &Basis{Cols: []VarStatus{Basic, Basic}, Rows: []VarStatus{AtUpper, AtUpper}}})
	if err := verifyOptimal(q, r); err != nil || !near(r.Obj, -4, 1e-12) {
		t.Errorf("singular basis: %v, objective %g", err, r.Obj)
	}
}

func TestIterationLimit(t *testing.T) {
	p := randomLP(3, 150, 400, 4, randFeasible)
	r, err := Solve(context.Background(), p, &Options{MaxIter: 5})
	if !errors.Is(err, ErrIterationLimit) || r == nil || r.Status != IterationLimit || r.Iters != 5 {
		t.Fatalf("err %v result %+v", err, r)
	}
	// The basis reached is a warm start for the rest.
	r2 := mustSolve(t, p, &Options{Basis: &r.Basis})
	if err := verifyOptimal(p, r2); err != nil {
		t.Error(err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := randomLP(3, 150, 400, 4, randFeasible)
	if _, err := Solve(ctx, p, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

// Rows and columns scaled by up to 10^±3 (entries over twelve orders of
// magnitude): the optimum must not move.
func TestBadlyScaled(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		p := randomLP(seed, 40, 100, 4, randFeasible)
		want := mustSolve(t, p, nil).Obj
		q := badlyScaled(p, seed, 3)
		for _, m := range []Method{Auto, Primal} {
			r := mustSolve(t, q, &Options{Method: m})
			if err := verifyOptimal(q, r); err != nil {
				t.Fatalf("seed %d method %d: %v", seed, m, err)
			}
			if !near(r.Obj, want, 1e-6) {
				t.Errorf("seed %d method %d: objective %.10g, unscaled %.10g", seed, m, r.Obj, want)
			}
		}
	}
}

// Round-off-sized dual infeasibilities are absorbed by cost shifts (which
// the end of the solve removes); real ones are not.
func TestRestoreDualFeasibility(t *testing.T) {
	p := dense([]float64{1, 2}, [][]float64{{1, 1}}, []float64{1}, []float64{inf}, []float64{0, 0}, []float64{inf, inf})
	s := newSolver(context.Background(), p, Options{})
	s.setBasis(nil)
	if err := s.recompute(true); err != nil {
		t.Fatal(err)
	}
	s.d[0] = -1e-8 // x0 at its lower bound, slightly attractive
	if !s.restoreDualFeasibility() || !s.costShifted || s.d[0] != 0 {
		t.Fatalf("small infeasibility not absorbed: d %v shifted %v", s.d, s.costShifted)
	}
	s.d[1] = -1e-3
	if s.restoreDualFeasibility() {
		t.Fatal("large infeasibility absorbed")
	}
	// A boxed variable is flipped instead.
	q := dense([]float64{-1}, [][]float64{{1}}, []float64{-inf}, []float64{5}, []float64{0}, []float64{2})
	s = newSolver(context.Background(), q, Options{})
	s.setBasis(&Basis{Cols: []VarStatus{AtLower}, Rows: []VarStatus{Basic}})
	if err := s.recompute(true); err != nil {
		t.Fatal(err)
	}
	if !s.restoreDualFeasibility() || s.stat[0] != AtUpper || s.costShifted {
		t.Fatalf("boxed variable not flipped: status %v shifted %v", s.stat[0], s.costShifted)
	}
}
