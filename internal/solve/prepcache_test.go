package solve

import (
	"context"
	"math"
	"testing"
)

// countingPreparer counts the preparations it makes.
type countingPreparer struct {
	Revised
	n int
}

func (c *countingPreparer) Prepare(p *Problem) (LPSolver, error) {
	c.n++
	return c.Revised.Prepare(p)
}

// A PrepareCache prepares a matrix once for problems with the same terms,
// even in other slices (the next sweep point's model), and again when a
// term differs; the solvers it returns solve as Revised does.
func TestPrepareCache(t *testing.T) {
	mk := func(coef float64) *Problem {
		return build("cache", true, []Var{v("x", 0, 10), v("y", 0, 10)}, []float64{1, 2},
			row("cap", LE, 12, 1, coef), row("floor", GE, 1, 1, 1))
	}
	inner := &countingPreparer{}
	c := &PrepareCache{LP: inner}
	ctx := context.Background()
	for k, p := range []*Problem{mk(1), mk(1), mk(2), mk(1)} {
		lp, err := c.Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := lp.SolveLP(ctx, p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Revised{}.SolveLP(ctx, p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != want.Status || math.Abs(got.Objective-want.Objective) > 1e-9 {
			t.Errorf("problem %d: %v %g, Revised %v %g", k, got.Status, got.Objective, want.Status, want.Objective)
		}
	}
	if inner.n != 2 {
		t.Errorf("%d preparations for two matrices", inner.n)
	}
}
