package simplex

import (
	"context"
	"testing"
)

func TestDbgNuc(t *testing.T) {
	p := randomLP(7, 350, 1000, 4, randFeasible)
	r := mustSolve(t, p, nil)
	s := newSolver(context.Background(), p, Options{})
	s.setBasis(&r.Basis)
	s.refactor()
	nstruct := 0
	for _, j := range s.head {
		if j < s.n {
			nstruct++
		}
	}
	t.Logf("m %d structurals in basis %d U1 %d nucleus %d", s.m, nstruct, s.f.nU1, s.f.nNuc)
}
