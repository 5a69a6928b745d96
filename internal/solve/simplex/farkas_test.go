package simplex

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestInfeasibilityProvenByHand checks the certificate on one row,
// x1 + x2 >= lo with x in [0,1]^2 (and x2 in [0,inf) in one case): y = +-1
// on the row proves infeasibility exactly when lo passes 2 by more than the
// primal tolerance allows.
func TestInfeasibilityProvenByHand(t *testing.T) {
	for _, c := range []struct {
		lo, x2up, y float64
		want        bool
	}{
		{3, 1, 1, true},
		{3, 1, -1, true},
		{2 + 1e-6, 1, 1, true},
		{2 + 1e-10, 1, 1, false}, // within PrimalTol of the bounds
		{2, 1, 1, false},         // feasible at (1,1)
		{1, 1, 1, false},
		{3, inf, 1, false}, // x2 can grow without end
	} {
		p := dense([]float64{0, 0}, [][]float64{{1, 1}}, []float64{c.lo}, []float64{inf}, []float64{0, 0}, []float64{1, c.x2up})
		s := newSolver(t.Context(), p, Options{NoScale: true})
		s.rho[0], s.rhoIdx = c.y, append(s.rhoIdx[:0], 0)
		if got := s.infeasibilityProven(); got != c.want {
			t.Errorf("lo %g, x2 <= %g, y %g: proven %v, want %v", c.lo, c.x2up, c.y, got, c.want)
		}
		for j, g := range s.farkas {
			if g != 0 || s.farkasMag[j] != 0 {
				t.Fatalf("scratch not cleared: g[%d] = %g", j, g)
			}
		}
	}
}

// TestInfeasibilityProofAgrees solves random infeasible problems with the
// dual simplex twice, its verdicts standing on their certificates and
// confirmed by the primal phase 1 instead: both say infeasible, and the
// certificates save the phase 1 on some.
func TestInfeasibilityProofAgrees(t *testing.T) {
	saved, total := 0, 0
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 10; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randInfeasible)
			for _, m := range []Method{Auto, Dual} {
				name := fmt.Sprintf("%dx%d seed %d method %d", sh.m, sh.n, seed, m)
				farkasProofs = false
				off := mustSolve(t, p, &Options{Method: m})
				farkasProofs = true
				on := mustSolve(t, p, &Options{Method: m})
				if on.Status != Infeasible || off.Status != Infeasible {
					t.Errorf("%s: status %v with certificates, %v without; want infeasible", name, on.Status, off.Status)
				}
				total++
				if on.PrimalIters < off.PrimalIters {
					saved++
				}
			}
		}
	}
	if saved == 0 {
		t.Errorf("no certificate saved a primal phase 1 in %d solves: the test does not test the proof", total)
	}
	t.Logf("%d of %d solves needed no primal phase 1", saved, total)
}

// TestNoCertificateForFeasible offers the certificate check random
// multipliers, dense and sparse, and every row of B^-1 at the optimum, on
// random feasible problems (built around a point inside the bounds): no
// multiplier may prove them infeasible.
func TestNoCertificateForFeasible(t *testing.T) {
	checks := 0
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 10; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			s := newSolver(t.Context(), p, Options{})
			// Optimal or unbounded, its final basis gives rows of B^-1.
			if st, err := s.run(); err != nil || st != Optimal && st != Unbounded {
				t.Fatalf("%dx%d seed %d: %v %v", sh.m, sh.n, seed, st, err)
			}
			try := func(what string) {
				checks++
				if s.infeasibilityProven() {
					t.Fatalf("%dx%d seed %d: %s proves a feasible problem infeasible", sh.m, sh.n, seed, what)
				}
			}
			for r := 0; r < s.m; r++ {
				s.btranUnit(r)
				try(fmt.Sprintf("row %d of B^-1", r))
			}
			rng := rand.New(rand.NewPCG(seed, 7))
			for k := 0; k < 20; k++ {
				for _, i := range s.rhoIdx {
					s.rho[i] = 0
				}
				s.rhoIdx = s.rhoIdx[:0]
				for i := 0; i < s.m; i++ {
					if k%2 == 0 || rng.IntN(4) == 0 {
						s.rho[i] = rng.NormFloat64()
						s.rhoIdx = append(s.rhoIdx, i)
					}
				}
				try(fmt.Sprintf("random multipliers %d", k))
			}
		}
	}
	t.Logf("%d multipliers checked", checks)
}
