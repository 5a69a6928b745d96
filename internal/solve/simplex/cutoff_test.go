package simplex

import (
	"context"
	"fmt"
	"math"
	"testing"
)

// The cutoff is safe: a solve given a cutoff above the optimum (the LP
// beats it) never stops with Cutoff and finds the optimum; given one below
// it (the LP cannot beat it), it either stops with Cutoff or finds the
// optimum. The solves start from the optimal basis of the problem with a
// column bound tightened, as a branch-and-bound child does, so that the
// dual simplex runs and the cutoff can act; they must stop early in some
// cases, or the test would not exercise it.
func TestCutoffIsSafe(t *testing.T) {
	cut := 0
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 10; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			root := mustSolve(t, p, nil)
			if root.Status != Optimal {
				continue
			}
			// Tighten the bound of the basic column with the largest value.
			q := ownVectors(p)
			j := -1
			for k, st := range root.Basis.Cols {
				if st == Basic && !math.IsInf(q.ColLo[k], -1) && (j < 0 || root.X[k] > root.X[j]) {
					j = k
				}
			}
			if j < 0 || root.X[j] <= q.ColLo[j]+1e-6 {
				continue
			}
			q.ColUp[j] = q.ColLo[j] + (root.X[j]-q.ColLo[j])/2
			child := mustSolve(t, q, nil)
			if child.Status != Optimal {
				continue
			}
			z := child.Obj
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			margin := 1e-4 * math.Max(1, math.Abs(z))
			above := mustSolve(t, q, &Options{Basis: &root.Basis, UseCutoff: true, Cutoff: z + margin})
			if above.Status != Optimal || !near(above.Obj, z, 1e-7) {
				t.Errorf("%s: cutoff above the optimum %g: status %v objective %g", name, z, above.Status, above.Obj)
			}
			// Between the parent's optimum and the child's: what branch and
			// bound prunes against.
			lim := z - margin
			below := mustSolve(t, q, &Options{Basis: &root.Basis, UseCutoff: true, Cutoff: lim})
			if cutBelow(t, name, below, z, 1e-7) {
				cut++
			}
		}
	}
	if cut == 0 {
		t.Error("no solve stopped at its cutoff: the test does not exercise it")
	}
	t.Logf("%d solves stopped at the cutoff", cut)
}

// cutBelow checks the result r of a solve given a cutoff below its
// optimum z: stopped at the cutoff, or at the optimum (within tol); it
// reports whether it stopped.
func cutBelow(t *testing.T, name string, r *Result, z, tol float64) bool {
	t.Helper()
	switch r.Status {
	case Cutoff:
		return true
	case Optimal:
		if !near(r.Obj, z, tol) {
			t.Errorf("%s: cutoff below the optimum: objective %g, want %g", name, r.Obj, z)
		}
	default:
		t.Errorf("%s: cutoff below the optimum: status %v", name, r.Status)
	}
	return false
}

// TestCutoffWithPerturbedCosts: the dual simplex perturbs the costs of
// assignment problems against degeneracy, which makes c'x a bound of the
// perturbed problem only; trueCutOff checks the cutoff with the true
// costs. A cutoff below the optimum may stop the solve (and must, by the
// true costs, in some: the test fails if none is decided so); one above
// it never does, and the solve ends at the optimum.
func TestCutoffWithPerturbedCosts(t *testing.T) {
	solveCut := func(p *Problem, cutoff float64) (*Result, *solver) {
		s := newSolver(context.Background(), p, Options{UseCutoff: true, Cutoff: cutoff})
		s.setBasis(nil)
		st, err := s.run()
		if err != nil {
			t.Fatal(err)
		}
		return s.result(p, st), s
	}
	decided := 0
	for seed := uint64(1); seed <= 20; seed++ {
		p := assignment(seed, 25)
		z := mustSolve(t, p, nil).Obj
		for _, rel := range []float64{1e-3, 1e-5} {
			margin := rel * math.Max(1, math.Abs(z))
			above, s := solveCut(p, z+margin)
			if above.Status != Optimal || !near(above.Obj, z, 1e-9) || s.trueCutoffs != 0 {
				t.Errorf("seed %d: cutoff %g above the optimum %g: status %v, objective %g, %d true cutoffs", seed, z+margin, z, above.Status, above.Obj, s.trueCutoffs)
			}
			below, s := solveCut(p, z-margin)
			if cutBelow(t, fmt.Sprintf("seed %d", seed), below, z, 1e-9) {
				decided += s.trueCutoffs
			}
		}
	}
	if decided == 0 {
		t.Error("no solve stopped at its cutoff with its costs perturbed: the test does not exercise trueCutOff")
	}
	t.Logf("%d solves stopped at the cutoff by the true costs", decided)
}
