package simplex

import (
	"context"
	"testing"
)

func TestDbg(t *testing.T) {
	for _, kind := range []randKind{randFeasible, randPullUp} {
		for _, m := range []Method{Auto, Primal} {
			p := randomLP(7, 350, 1000, 4, kind)
			s := newSolver(context.Background(), p, Options{Method: m})
			s.setBasis(nil)
			st, err := s.run()
			t.Logf("kind %d meth %d: %v %v iters %d p %d phase1 %d d %d refactors %d", kind, m, st, err, s.iters, s.primalIters, s.phase1Iters, s.dualIters, s.refactors)
		}
	}
}

func TestDbgMPS(t *testing.T) {
	writeMPS(randomLP(7, 350, 1000, 4, randFeasible), "/tmp/feas.mps")
	writeMPS(randomLP(7, 350, 1000, 4, randPullUp), "/tmp/pull.mps")
	r := mustSolve(t, randomLP(7, 350, 1000, 4, randFeasible), nil)
	r2 := mustSolve(t, randomLP(7, 350, 1000, 4, randPullUp), nil)
	t.Logf("%.10g %.10g", r.Obj, r2.Obj)
}
