package simplex

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// A Prepared matrix solves problems that differ in costs and bounds as
// Solve does, and a Sequence that continues each solve from the last one's
// factorization (a dive: each problem's bounds tighter than the last's,
// started from the last basis) finds the same optima as fresh solves. The
// solves run from reused solvers, so stale state in a recycled buffer
// would show up as a different answer.
func TestPreparedAndSequenceMatchSolve(t *testing.T) {
	hot := 0
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 6; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			pp, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			seq := pp.NewSequence()
			rng := rand.New(rand.NewPCG(seed, 7))
			q := ownVectors(p)
			var last *Basis
			for step := 0; step < 6; step++ {
				want := mustSolve(t, q, nil)
				viaPrep, err := pp.Solve(context.Background(), q, nil)
				if err != nil {
					t.Fatalf("%s step %d: prepared: %v", name, step, err)
				}
				viaSeq, err := seq.Solve(context.Background(), q, &Options{Basis: last})
				if err != nil {
					t.Fatalf("%s step %d: sequence: %v", name, step, err)
				}
				for what, r := range map[string]*Result{"prepared": viaPrep, "sequence": viaSeq} {
					if r.Status != want.Status || want.Status == Optimal && !near(r.Obj, want.Obj, 1e-7) {
						t.Fatalf("%s step %d %s: %v %g, Solve: %v %g", name, step, what, r.Status, r.Obj, want.Status, want.Obj)
					}
					if r.Status == Optimal {
						if err := verifyOptimal(q, r); err != nil {
							t.Fatalf("%s step %d %s: %v", name, step, what, err)
						}
					}
				}
				if viaSeq.Status != Optimal {
					break
				}
				if last != nil && step > 0 {
					hot++
				}
				b := viaSeq.Basis
				last = &b
				// Tighten a random column with room, as a branch does.
				j := rng.IntN(len(q.ColLo))
				lo, up := q.ColLo[j], q.ColUp[j]
				if math.IsInf(lo, -1) || math.IsInf(up, 1) || up-lo < 1e-3 {
					continue
				}
				if rng.IntN(2) == 0 {
					q.ColUp[j] = lo + (viaSeq.X[j]-lo)/2
				} else {
					q.ColLo[j] = up - (up-viaSeq.X[j])/2
				}
			}
		}
	}
	if hot == 0 {
		t.Error("no solve continued from the last: the test does not exercise the sequence")
	}
}

// A problem whose matrix is not the prepared one is refused.
func TestPreparedRefusesOtherMatrix(t *testing.T) {
	p := randomLP(1, 5, 8, 2, randFeasible)
	pp, err := Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	q := *p
	q.Value = append([]float64(nil), p.Value...)
	if _, err := pp.Solve(context.Background(), &q, nil); err == nil {
		t.Error("a copy of the matrix was accepted as the prepared one")
	}
}
