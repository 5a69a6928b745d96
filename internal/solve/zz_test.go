package solve

import (
	"context"
	"testing"
)

func TestZZ(t *testing.T) {
	for _, seed := range []uint64{148, 153} {
		p := randomProblem(seed, false)
		f, ok := newStdForm(p)
		t.Log("stdform ok", ok)
		if !ok {
			continue
		}
		t.Log(f.m, f.n, f.b, f.unboundedVar)
		r := &gonumRun{f: f, ctx: context.Background()}
		z, st, err := r.solve()
		t.Log(z, st, err)
	}
}
