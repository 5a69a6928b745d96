package simplex

// Long randomized stress runs, skipped unless SIMPLEX_STRESS is set:
//
//	SIMPLEX_STRESS=1 go test -run Stress ./internal/solve/simplex/
//
// They solve some 50,000 random LPs (all kinds, both methods, warm starts
// after bound changes, random and singular starting bases, rows and columns
// scaled over up to 20 orders of magnitude) and check every answer from
// first principles; about a minute.

import (
	"fmt"
	"os"
	"testing"
)

// TestStress solves random LPs of every kind with both methods.
func TestStress(t *testing.T) {
	if os.Getenv("SIMPLEX_STRESS") == "" {
		t.Skip()
	}
	fails := 0
	for _, sh := range shapes {
		for seed := uint64(100); seed < 400; seed++ {
			for _, kind := range []randKind{randFeasible, randPullUp, randInfeasible, randUnbounded} {
				p := randomLP(seed, sh.m, sh.n, sh.perCol, kind)
				for _, m := range []Method{Auto, Primal} {
					r, err := Solve(t.Context(), p, &Options{Method: m})
					name := fmt.Sprintf("%v seed %d kind %d method %d", sh, seed, kind, m)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						fails++
						continue
					}
					want := map[randKind]Status{randFeasible: Optimal, randPullUp: Optimal, randInfeasible: Infeasible, randUnbounded: Unbounded}[kind]
					if r.Status != want {
						t.Errorf("%s: status %v want %v", name, r.Status, want)
						fails++
						continue
					}
					if want == Optimal {
						if err := verifyOptimal(p, r); err != nil {
							t.Errorf("%s: %v", name, err)
							fails++
						}
					}
				}
				if fails > 20 {
					t.Fatal("too many")
				}
			}
		}
	}
}

// TestStressWarm re-solves after bound changes and from random bases.
func TestStressWarm(t *testing.T) {
	if os.Getenv("SIMPLEX_STRESS") == "" {
		t.Skip()
	}
	fails := 0
	for _, sh := range shapes {
		for seed := uint64(500); seed < 700; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			r, err := Solve(t.Context(), p, nil)
			if err != nil || r.Status != Optimal {
				t.Fatalf("cold: %v %v", err, r.Status)
			}
			// Tighten bounds of up to 3 basic structurals around their values.
			q := ownVectors(p)
			k := 0
			for j, st := range r.Basis.Cols {
				if st == Basic && k < 3 {
					if (int(seed)+j)%2 == 0 {
						q.ColUp[j] = r.X[j] - 0.3
						if q.ColUp[j] < q.ColLo[j] {
							q.ColUp[j] = q.ColLo[j]
						}
					} else {
						q.ColLo[j] = r.X[j] + 0.3
						if q.ColLo[j] > q.ColUp[j] {
							q.ColLo[j] = q.ColUp[j]
						}
					}
					k++
				}
			}
			for _, meth := range []Method{Auto, Dual, Primal} {
				w, err := Solve(t.Context(), q, &Options{Basis: &r.Basis, Method: meth})
				c, err2 := Solve(t.Context(), q, &Options{Method: meth})
				name := fmt.Sprintf("%v seed %d meth %d", sh, seed, meth)
				if err != nil || err2 != nil {
					t.Errorf("%s: %v %v", name, err, err2)
					fails++
					continue
				}
				if w.Status != c.Status {
					t.Errorf("%s: warm %v cold %v", name, w.Status, c.Status)
					fails++
					continue
				}
				if c.Status == Optimal {
					if err := verifyOptimal(q, w); err != nil {
						t.Errorf("%s: %v", name, err)
						fails++
					}
					if !near(w.Obj, c.Obj, 1e-7) {
						t.Errorf("%s: warm %g cold %g", name, w.Obj, c.Obj)
						fails++
					}
				}
			}
			// A random (probably singular or infeasible) basis.
			b := Basis{Cols: make([]VarStatus, p.NumCols()), Rows: make([]VarStatus, p.NumRows)}
			for j := range b.Cols {
				b.Cols[j] = VarStatus((int(seed)*7 + j*13) % 5)
			}
			for i := range b.Rows {
				b.Rows[i] = VarStatus((int(seed)*3 + i*11) % 5)
			}
			w, err := Solve(t.Context(), p, &Options{Basis: &b})
			if err != nil {
				t.Errorf("random basis: %v", err)
				fails++
			} else if err := verifyOptimal(p, w); err != nil || !near(w.Obj, r.Obj, 1e-7) {
				t.Errorf("random basis: %v obj %g vs %g", err, w.Obj, r.Obj)
				fails++
			}
			if fails > 20 {
				t.Fatal("too many")
			}
		}
	}
}

// TestStressScaled solves badly scaled copies whose optimum must not move.
func TestStressScaled(t *testing.T) {
	if os.Getenv("SIMPLEX_STRESS") == "" {
		t.Skip()
	}
	fails := 0
	for _, sh := range shapes {
		for seed := uint64(800); seed < 900; seed++ {
			for _, kind := range []randKind{randFeasible, randPullUp} {
				p := randomLP(seed, sh.m, sh.n, sh.perCol, kind)
				r, err := Solve(t.Context(), p, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, spread := range []float64{1, 3, 5} {
					q := badlyScaled(p, seed, spread)
					for _, meth := range []Method{Auto, Primal} {
						w, err := Solve(t.Context(), q, &Options{Method: meth})
						name := fmt.Sprintf("%v seed %d kind %d spread %g meth %d", sh, seed, kind, spread, meth)
						if err != nil {
							t.Errorf("%s: %v", name, err)
							fails++
							continue
						}
						if err := verifyOptimal(q, w); err != nil {
							t.Errorf("%s: %v", name, err)
							fails++
						} else if !near(w.Obj, r.Obj, 1e-6) {
							t.Errorf("%s: obj %.10g vs %.10g", name, w.Obj, r.Obj)
							fails++
						}
					}
				}
				if fails > 20 {
					t.Fatal("too many")
				}
			}
		}
	}
}
