package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/optimize/convex/lp"
)

// randomProblem returns a small problem with every kind of bound, repeated
// and zero terms, equality rows (some of them dependent), empty rows and
// columns, an objective constant now and then, and integer variables when
// mip is set. Coefficients are mostly small integers, which makes
// degenerate vertices common. MIP integers are bounded so that no search
// (ours or GLPK's) can run forever.
func randomProblem(seed uint64, mip bool) *Problem {
	rng := rand.New(rand.NewPCG(seed, 11))
	n := 2 + rng.IntN(7)
	m := 1 + rng.IntN(6)
	p := &Problem{Name: fmt.Sprintf("random-%d", seed), Maximize: rng.IntN(2) == 0}
	num := func(lo, hi int) float64 {
		x := float64(lo + rng.IntN(hi-lo+1))
		if rng.IntN(4) == 0 {
			x += float64(rng.IntN(100)) / 100
		}
		return x
	}
	for j := range n {
		var lo, up float64
		switch rng.IntN(8) {
		case 0, 1:
			lo, up = 0, inf
		case 2:
			lo = num(-2, 2)
			up = lo + num(1, 6)
		case 3:
			lo, up = math.Inf(-1), num(-3, 3)
		case 4:
			lo, up = math.Inf(-1), inf
		case 5:
			lo = num(-2, 2)
			up = lo
		case 6:
			lo, up = num(-3, 3), inf
		default:
			lo, up = 0, 1
		}
		integer := mip && rng.IntN(3) > 0
		if integer && (math.IsInf(lo, 0) || math.IsInf(up, 0)) {
			lo, up = math.Max(lo, -5), math.Min(up, 5)
			if lo > up {
				lo = up
			}
		}
		p.Vars = append(p.Vars, Var{Name: fmt.Sprintf("x[%d,a-b]", j), Lower: lo, Upper: up, Integer: integer})
		p.SetObj(j, num(-5, 5))
	}
	if rng.IntN(4) == 0 {
		p.ObjConst = num(-9, 9)
	}
	for i := range m {
		var terms []Term
		for range 1 + rng.IntN(n) {
			terms = append(terms, Term{Var: rng.IntN(n), Coef: num(-3, 3)})
		}
		sense := []Sense{LE, LE, GE, GE, EQ}[rng.IntN(5)]
		p.AddRow(fmt.Sprintf("row %d", i), terms, sense, num(-10, 10))
	}
	switch rng.IntN(6) {
	case 0:
		// A multiple of another row as an equality: dependent, and
		// consistent unless the other row is an inequality with slack.
		r := p.Rows[rng.IntN(len(p.Rows))]
		var terms []Term
		for _, t := range r.Terms {
			terms = append(terms, Term{Var: t.Var, Coef: 2 * t.Coef})
		}
		p.AddRow("double", terms, EQ, 2*r.RHS)
	case 1:
		p.AddRow("empty", nil, []Sense{LE, GE, EQ}[rng.IntN(3)], num(-1, 1))
	}
	return p
}

// TestGonumAgainstGLPK compares Gonum with glpsol on random LPs: same
// status, objective within 1e-6 relative. It also counts what lp.Simplex
// alone, without this package's safeguards, makes of the problems GLPK
// solves.
func TestGonumAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	ctx := context.Background()
	count := map[Status]int{}
	direct := map[string]int{}
	for seed := uint64(1); seed <= 300; seed++ {
		p := randomProblem(seed, false)
		s, err := Gonum{}.SolveLP(ctx, p, Options{})
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		st, obj, _, err := SolveGLPK(ctx, p)
		if err != nil {
			t.Fatalf("%s: glpsol: %v", p.Name, err)
		}
		count[st]++
		if s.Status != st {
			t.Errorf("%s: status %v, glpsol says %v", p.Name, s.Status, st)
			continue
		}
		if st == Optimal && !closeTo(s.Objective, obj, 1e-6) {
			t.Errorf("%s: objective %.12g, glpsol %.12g", p.Name, s.Objective, obj)
		}
		if f, ok := newStdForm(p); ok && f.n > 0 && st == Optimal {
			r := &gonumRun{f: f, ctx: ctx}
			_, err := r.simplex(f.c, f.a, f.b, nil)
			switch {
			case err == nil:
				direct["optimal"]++
			case errors.Is(err, lp.ErrInfeasible):
				direct["false infeasible"]++
			case errors.Is(err, ErrIterationLimit):
				direct["cycling (stopped)"]++
			default:
				direct[err.Error()]++
			}
		}
	}
	t.Logf("glpsol statuses: %v", count)
	t.Logf("lp.Simplex alone on the standard form of the optimal ones: %v", direct)
	if count[Optimal] < 100 || count[Infeasible] < 10 || count[Unbounded] < 10 {
		t.Errorf("the random problems do not cover every status well: %v", count)
	}
}
