package simplex

import (
	"fmt"
	"os"
	"testing"
)

func TestStress(t *testing.T) {
	if os.Getenv("STRESS") == "" {
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
