package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// randomProblem returns a small problem with every kind of bound, repeated
// and zero terms, equality rows (some of them dependent), empty rows and
// columns, an objective constant now and then, and integer variables when
// mip is set. Rows are built around a point inside the bounds, so most
// problems are feasible; a contradictory pair of rows makes some
// infeasible, and variables with infinite bounds make some unbounded.
// Coefficients are mostly small integers, which makes degenerate vertices
// common. MIP integers are bounded so that no search (ours or GLPK's) can
// run forever.
func randomProblem(seed uint64, mip bool) *Problem {
	rng := rand.New(rand.NewPCG(seed, 11))
	n := 2 + rng.IntN(7)
	m := 1 + rng.IntN(6)
	p := &Problem{Name: fmt.Sprintf("random-%d", seed), Maximize: rng.IntN(2) == 0}
	// num is an integer in [lo, hi] or, one time in four, a number with
	// two decimals.
	num := func(lo, hi int) float64 {
		x := float64(lo + rng.IntN(hi-lo+1))
		if rng.IntN(4) == 0 {
			x += float64(rng.IntN(100)) / 100
		}
		return x
	}
	x0 := make([]float64, n)
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
		if integer {
			lo, up = math.Max(lo, -5), math.Min(up, 5)
			if lo > up {
				lo = up
			}
		}
		p.Vars = append(p.Vars, Var{Name: fmt.Sprintf("x[%d,a-b]", j), Lower: lo, Upper: up, Integer: integer})
		p.SetObj(j, num(-5, 5))
		a, b := math.Max(lo, -5), math.Min(up, 5)
		x0[j] = a + float64(rng.IntN(4))/3*(b-a)
		if integer {
			x0[j] = math.Round(x0[j])
		}
	}
	if rng.IntN(4) == 0 {
		p.ObjConst = num(-9, 9)
	}
	acts := make([]float64, m)
	for i := range m {
		var terms []Term
		for _, j := range rng.Perm(n)[:1+rng.IntN(n)] {
			terms = append(terms, Term{Var: j, Coef: num(-3, 3)})
		}
		// A repeated term: it doubles or exactly cancels the first one.
		switch rng.IntN(5) {
		case 0:
			terms = append(terms, terms[0])
		case 1:
			terms = append(terms, Term{Var: terms[0].Var, Coef: -terms[0].Coef})
		}
		act := 0.0
		for _, t := range terms {
			act += t.Coef * x0[t.Var]
		}
		acts[i] = act
		slack := float64(rng.IntN(3))
		switch rng.IntN(5) {
		case 0, 1:
			p.AddRow(fmt.Sprintf("row %d", i), terms, LE, act+slack)
		case 2, 3:
			p.AddRow(fmt.Sprintf("row %d", i), terms, GE, act-slack)
		default:
			p.AddRow(fmt.Sprintf("row %d", i), terms, EQ, act)
		}
	}
	switch rng.IntN(6) {
	case 0:
		// Twice another row as an equality through the point: dependent
		// when the other row is an equality.
		i := rng.IntN(m)
		var terms []Term
		for _, t := range p.Rows[i].Terms {
			terms = append(terms, Term{Var: t.Var, Coef: 2 * t.Coef})
		}
		p.AddRow("double", terms, EQ, 2*acts[i])
	case 1:
		p.AddRow("empty", nil, []Sense{LE, GE, EQ}[rng.IntN(3)], num(-1, 1))
	case 2:
		r := p.Rows[rng.IntN(len(p.Rows))]
		p.AddRow("contra", r.Terms, map[Sense]Sense{LE: GE, GE: LE, EQ: LE}[r.Sense], r.RHS+map[Sense]float64{LE: 1, GE: -1, EQ: -1}[r.Sense])
	}
	return p
}

// knapsack is max c·x over a few knapsack rows with x integer in [0, 3].
func knapsack(seed uint64) *Problem {
	rng := rand.New(rand.NewPCG(seed, 13))
	n := 4 + rng.IntN(4)
	p := &Problem{Name: fmt.Sprintf("knapsack-%d", seed), Maximize: true}
	for j := range n {
		p.Vars = append(p.Vars, Var{Name: fmt.Sprintf("item%d", j), Upper: 3, Integer: true})
		p.SetObj(j, float64(1+rng.IntN(20)))
	}
	for i := range 1 + rng.IntN(3) {
		var terms []Term
		sum := 0.0
		for j := range n {
			c := float64(1 + rng.IntN(9))
			terms = append(terms, Term{Var: j, Coef: c})
			sum += c
		}
		p.AddRow(fmt.Sprintf("cap%d", i), terms, LE, math.Round(sum*(0.5+rng.Float64())))
	}
	return p
}

// glpkAnswers solves the problems with glpsol, a few at a time (each run
// is a process start, most of its cost).
func glpkAnswers(t *testing.T, ps []*Problem) []glpkAnswer {
	t.Helper()
	out := make([]glpkAnswer, len(ps))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
	for i, p := range ps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			a := &out[i]
			a.status, a.obj, a.x, a.err = SolveGLPK(context.Background(), p)
		}()
	}
	wg.Wait()
	for i, a := range out {
		if a.err != nil {
			t.Fatalf("%s: glpsol: %v", ps[i].Name, a.err)
		}
	}
	return out
}

type glpkAnswer struct {
	status Status
	obj    float64
	x      []float64
	err    error
}

// TestGonumAgainstGLPK compares Gonum with glpsol on random LPs: same
// status, objective within 1e-6 relative.
func TestGonumAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	ctx := context.Background()
	var ps []*Problem
	for seed := uint64(1); seed <= 200; seed++ {
		ps = append(ps, randomProblem(seed, false))
	}
	want := glpkAnswers(t, ps)
	count := map[Status]int{}
	for i, p := range ps {
		w := want[i]
		count[w.status]++
		s, err := Gonum{}.SolveLP(ctx, p, Options{})
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if s.Status != w.status {
			t.Errorf("%s: status %v, glpsol says %v", p.Name, s.Status, w.status)
			continue
		}
		if w.status != Optimal {
			continue
		}
		if !closeTo(s.Objective, w.obj, 1e-6) {
			t.Errorf("%s: objective %.12g, glpsol %.12g", p.Name, s.Objective, w.obj)
		}
	}
	t.Logf("glpsol statuses: %v", count)
	if count[Optimal] < 50 || count[Infeasible] < 20 || count[Unbounded] < 20 {
		t.Errorf("the random problems do not cover every status well: %v", count)
	}
}

// TestMIPAgainstGLPK compares branch and bound over Gonum with glpsol on
// random MIPs.
func TestMIPAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	ctx := context.Background()
	var ps []*Problem
	for seed := uint64(1); seed <= 150; seed++ {
		ps = append(ps, randomProblem(1000+seed, true))
	}
	want := glpkAnswers(t, ps)
	count := map[Status]int{}
	nodes := 0
	for i, p := range ps {
		w := want[i]
		count[w.status]++
		s, err := Solve(ctx, p, Gonum{}, Options{})
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		nodes += s.Nodes
		if s.Status != w.status {
			t.Errorf("%s: status %v, glpsol says %v", p.Name, s.Status, w.status)
			continue
		}
		if w.status != Optimal {
			continue
		}
		if !closeTo(s.Objective, w.obj, 1e-6) {
			t.Errorf("%s: objective %.12g, glpsol %.12g", p.Name, s.Objective, w.obj)
		}
		if err := Check(p, s.X); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	t.Logf("glpsol statuses: %v; %d branch-and-bound nodes in all", count, nodes)
	if count[Optimal] < 50 || count[Infeasible] < 10 || count[Unbounded] < 5 {
		t.Errorf("the random problems do not cover every status well: %v", count)
	}
}

// The hand-computed answers hold for GLPK too, which checks them, WriteLP
// and SolveGLPK at once.
func TestGLPKHandLPs(t *testing.T) {
	requireGLPK(t)
	cases := handLPs()
	var ps []*Problem
	for _, c := range cases {
		ps = append(ps, c.p)
	}
	for i, a := range glpkAnswers(t, ps) {
		c := cases[i]
		t.Run(c.name, func(t *testing.T) {
			checkCase(t, c, &Solution{Status: a.status, Objective: a.obj, X: a.x})
		})
	}
}

func TestSolveGLPKMissing(t *testing.T) {
	t.Setenv("PATH", "")
	_, _, _, err := SolveGLPK(context.Background(), handLPs()[0].p)
	if !errors.Is(err, ErrNoGLPK) {
		t.Errorf("err = %v, want ErrNoGLPK", err)
	}
}
