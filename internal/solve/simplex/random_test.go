package simplex

import (
	"fmt"
	"testing"
)

var shapes = []struct{ m, n, perCol int }{
	{1, 3, 1},
	{3, 5, 2},
	{5, 5, 3},
	{10, 4, 3}, // more rows than columns
	{8, 20, 3},
	{20, 60, 4},
	{40, 30, 5},
	{60, 200, 4},
	{150, 400, 4},
}

func TestRandomFeasible(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 20; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			var obj []float64
			for _, m := range []Method{Auto, Primal, Dual} {
				for _, noScale := range []bool{false, true} {
					r := mustSolve(t, p, &Options{Method: m, NoScale: noScale})
					if err := verifyOptimal(p, r); err != nil {
						t.Fatalf("%s method %d noscale %v: %v", name, m, noScale, err)
					}
					obj = append(obj, r.Obj)
				}
			}
			for _, o := range obj[1:] {
				if !near(o, obj[0], 1e-7) {
					t.Errorf("%s: objectives differ by method: %v", name, obj)
				}
			}
		}
	}
}

func TestRandomPullUp(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 10; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randPullUp)
			var obj []float64
			for _, m := range []Method{Auto, Primal} {
				r := mustSolve(t, p, &Options{Method: m})
				if err := verifyOptimal(p, r); err != nil {
					t.Fatalf("%dx%d seed %d method %d: %v", sh.m, sh.n, seed, m, err)
				}
				obj = append(obj, r.Obj)
			}
			if !near(obj[0], obj[1], 1e-7) {
				t.Errorf("%dx%d seed %d: objectives %v", sh.m, sh.n, seed, obj)
			}
		}
	}
}

func TestRandomInfeasible(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 10; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randInfeasible)
			for _, m := range []Method{Auto, Primal, Dual} {
				r := mustSolve(t, p, &Options{Method: m})
				if r.Status != Infeasible {
					t.Errorf("%dx%d seed %d method %d: status %v, want infeasible", sh.m, sh.n, seed, m, r.Status)
				}
			}
		}
	}
}

func TestRandomUnbounded(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 10; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randUnbounded)
			for _, m := range []Method{Auto, Primal, Dual} {
				r := mustSolve(t, p, &Options{Method: m})
				if r.Status != Unbounded {
					t.Errorf("%dx%d seed %d method %d: status %v, want unbounded", sh.m, sh.n, seed, m, r.Status)
				}
			}
		}
	}
}
