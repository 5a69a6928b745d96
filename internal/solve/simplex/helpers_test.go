package simplex

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

var inf = math.Inf(1)

// dense builds a Problem from a dense matrix (row-major), for readable
// hand-written tests.
func dense(c []float64, a [][]float64, rowLo, rowUp, colLo, colUp []float64) *Problem {
	n := len(c)
	p := &Problem{NumRows: len(a), Obj: c, RowLo: rowLo, RowUp: rowUp, ColLo: colLo, ColUp: colUp}
	p.ColStart = make([]int, n+1)
	for j := 0; j < n; j++ {
		for i := range a {
			if a[i][j] != 0 {
				p.RowIndex = append(p.RowIndex, i)
				p.Value = append(p.Value, a[i][j])
			}
		}
		p.ColStart[j+1] = len(p.RowIndex)
	}
	return p
}

func fill(n int, v float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// ownVectors returns a copy of p with the same matrix and costs and bounds
// of its own, to change without touching p.
func ownVectors(p *Problem) *Problem {
	q := *p
	q.Obj = append([]float64(nil), p.Obj...)
	q.ColLo = append([]float64(nil), p.ColLo...)
	q.ColUp = append([]float64(nil), p.ColUp...)
	q.RowLo = append([]float64(nil), p.RowLo...)
	q.RowUp = append([]float64(nil), p.RowUp...)
	return &q
}

func mustSolve(t testing.TB, p *Problem, opt *Options) *Result {
	t.Helper()
	r, err := Solve(context.Background(), p, opt)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	return r
}

func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// verifyOptimal checks an optimal result from first principles: primal
// feasibility, reduced costs equal to c - A'y, dual feasibility
// (sign conditions), complementary slackness, and strong duality (the dual
// objective, computed from the bounds the multipliers price, equals c'x).
func verifyOptimal(p *Problem, r *Result) error {
	const tol = 1e-7
	m, n := p.NumRows, p.NumCols()
	if r.Status != Optimal {
		return fmt.Errorf("status %v, want optimal", r.Status)
	}
	act := make([]float64, m)
	obj := 0.0
	for j := 0; j < n; j++ {
		x := r.X[j]
		if x < p.ColLo[j]-tol*math.Max(1, math.Abs(p.ColLo[j])) || x > p.ColUp[j]+tol*math.Max(1, math.Abs(p.ColUp[j])) {
			return fmt.Errorf("x[%d] = %g outside [%g, %g]", j, x, p.ColLo[j], p.ColUp[j])
		}
		obj += p.Obj[j] * x
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			act[p.RowIndex[e]] += p.Value[e] * x
		}
	}
	for i := 0; i < m; i++ {
		if act[i] < p.RowLo[i]-tol*math.Max(1, math.Abs(p.RowLo[i])) || act[i] > p.RowUp[i]+tol*math.Max(1, math.Abs(p.RowUp[i])) {
			return fmt.Errorf("row %d activity %g outside [%g, %g]", i, act[i], p.RowLo[i], p.RowUp[i])
		}
		if !near(act[i], r.RowAct[i], 1e-9) {
			return fmt.Errorf("row %d activity %g reported as %g", i, act[i], r.RowAct[i])
		}
	}
	if !near(obj, r.Obj, 1e-9) {
		return fmt.Errorf("objective %g reported as %g", obj, r.Obj)
	}
	// Scale of the duals, for relative tolerances.
	scale := 1.0
	for _, y := range r.Duals {
		scale = math.Max(scale, math.Abs(y))
	}
	for _, c := range p.Obj {
		scale = math.Max(scale, math.Abs(c))
	}
	dtol := 1e-9 * scale
	cstol := 1e-7 * math.Max(1, math.Abs(obj))
	dualObj := 0.0
	// bound returns the bound priced by multiplier v on [lo, up] with value
	// at, and checks complementary slackness as a product, v*(at - bound),
	// which is invariant under scaling.
	bound := func(what string, k int, v, at, lo, up float64) (float64, error) {
		b := 0.0
		switch {
		case v > 0:
			if math.IsInf(lo, -1) {
				if v > dtol {
					return 0, fmt.Errorf("%s %d: multiplier %g > 0 prices an infinite lower bound", what, k, v)
				}
				return 0, nil
			}
			b = lo
		case v < 0:
			if math.IsInf(up, 1) {
				if v < -dtol {
					return 0, fmt.Errorf("%s %d: multiplier %g < 0 prices an infinite upper bound", what, k, v)
				}
				return 0, nil
			}
			b = up
		}
		if math.Abs(v*(at-b)) > cstol {
			return 0, fmt.Errorf("%s %d: multiplier %g but value %g is %g away from the bound %g it prices", what, k, v, at, at-b, b)
		}
		return b, nil
	}
	for i := 0; i < m; i++ {
		b, err := bound("row", i, r.Duals[i], act[i], p.RowLo[i], p.RowUp[i])
		if err != nil {
			return err
		}
		dualObj += r.Duals[i] * b
	}
	for j := 0; j < n; j++ {
		d := p.Obj[j]
		mag := math.Abs(p.Obj[j])
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			d -= p.Value[e] * r.Duals[p.RowIndex[e]]
			mag += math.Abs(p.Value[e] * r.Duals[p.RowIndex[e]])
		}
		if math.Abs(d-r.RedCosts[j]) > 1e-8*math.Max(1, mag) {
			return fmt.Errorf("reduced cost %d is %g, c - A'y gives %g", j, r.RedCosts[j], d)
		}
		b, err := bound("column", j, d, r.X[j], p.ColLo[j], p.ColUp[j])
		if err != nil {
			return err
		}
		dualObj += d * b
	}
	if math.Abs(dualObj-obj) > 1e-7*math.Max(1, math.Abs(obj)) {
		return fmt.Errorf("primal objective %.12g, dual objective %.12g", obj, dualObj)
	}
	return nil
}

// randKind selects the structure of a random LP.
type randKind int

const (
	randFeasible   randKind = iota // feasible and bounded
	randInfeasible                 // rows contradict each other
	randUnbounded                  // a ray improves the objective forever
	randPullUp                     // feasible, bounded, but costs push unbounded columns up: the slack basis is not dual feasible
)

// randomLP returns a seeded random sparse LP with m rows, n columns and
// about perCol nonzeros per column. Feasible ones are built around a
// random point x0 inside the bounds, with a mix of <=, >=, ranged and
// equality rows, and costs signed so that the objective is bounded below
// on the bounds.
func randomLP(seed uint64, m, n, perCol int, kind randKind) *Problem {
	rng := rand.New(rand.NewPCG(seed, 42))
	p := &Problem{NumRows: m}
	p.ColStart = make([]int, n+1)
	p.Obj = make([]float64, n)
	p.ColLo = make([]float64, n)
	p.ColUp = make([]float64, n)
	x0 := make([]float64, n)
	for j := 0; j < n; j++ {
		switch rng.IntN(10) {
		case 0, 1, 2, 3: // binary-like box, the common case in cardio
			p.ColLo[j], p.ColUp[j] = 0, 1
		case 4, 5:
			p.ColLo[j], p.ColUp[j] = 0, inf
		case 6:
			p.ColLo[j], p.ColUp[j] = -5, 5
		case 7:
			p.ColLo[j], p.ColUp[j] = -inf, 3
		case 8:
			p.ColLo[j], p.ColUp[j] = 0, 10+float64(rng.IntN(100))
		case 9:
			if rng.IntN(3) == 0 {
				p.ColLo[j], p.ColUp[j] = -inf, inf
			} else {
				v := float64(rng.IntN(5))
				p.ColLo[j], p.ColUp[j] = v, v
			}
		}
		lo, up := math.Max(p.ColLo[j], -10), math.Min(p.ColUp[j], 10)
		x0[j] = lo + rng.Float64()*(up-lo)
		c := rng.NormFloat64() * 10
		switch {
		case math.IsInf(p.ColLo[j], -1) && math.IsInf(p.ColUp[j], 1):
			c = 0
		case math.IsInf(p.ColUp[j], 1):
			c = math.Abs(c)
		case math.IsInf(p.ColLo[j], -1):
			c = -math.Abs(c)
		}
		p.Obj[j] = c
		k := 1 + rng.IntN(2*perCol-1)
		seen := map[int]bool{}
		for t := 0; t < k && m > 0; t++ {
			i := rng.IntN(m)
			if seen[i] {
				continue
			}
			seen[i] = true
			p.RowIndex = append(p.RowIndex, i)
			v := math.Round(rng.NormFloat64()*1000) / 100
			if v == 0 {
				v = 1
			}
			p.Value = append(p.Value, v)
		}
		p.ColStart[j+1] = len(p.RowIndex)
	}
	act := make([]float64, m)
	for j := 0; j < n; j++ {
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			act[p.RowIndex[e]] += p.Value[e] * x0[j]
		}
	}
	p.RowLo = make([]float64, m)
	p.RowUp = make([]float64, m)
	for i := 0; i < m; i++ {
		slack := rng.Float64() * 5
		switch rng.IntN(6) {
		case 0, 1:
			p.RowLo[i], p.RowUp[i] = -inf, act[i]+slack
		case 2, 3:
			p.RowLo[i], p.RowUp[i] = act[i]-slack, inf
		case 4:
			p.RowLo[i], p.RowUp[i] = act[i], act[i]
		case 5:
			p.RowLo[i], p.RowUp[i] = act[i]-slack, act[i]+rng.Float64()
		}
	}
	switch kind {
	case randPullUp:
		// Columns in [0, inf) get negative costs; one row caps their sum
		// (above its value at x0) so the optimum stays finite.
		var cols []int
		sum := 0.0
		for j := 0; j < n; j++ {
			if p.ColLo[j] == 0 && math.IsInf(p.ColUp[j], 1) {
				p.Obj[j] = -math.Abs(p.Obj[j])
				cols = append(cols, j)
				sum += x0[j]
			}
		}
		if len(cols) > 0 {
			addRow(p, cols, 1, -inf, sum+10)
		}
	case randInfeasible:
		// Two rows over the same boxed columns demanding sum >= s+1 and
		// sum <= s: contradictory, but only when combined with the bounds.
		var cols []int
		for j := 0; j < n && len(cols) < 4; j++ {
			if p.ColLo[j] == 0 && p.ColUp[j] == 1 {
				cols = append(cols, j)
			}
		}
		if len(cols) == 0 {
			cols = []int{0}
			p.ColLo[0], p.ColUp[0] = 0, 1
		}
		s := float64(len(cols)) - 0.5
		addRow(p, cols, 1, s, inf) // needs sum >= len-0.5 ...
		addRow(p, cols, 1, -inf, s-1)
	case randUnbounded:
		// A new column with negative cost that only loosens its rows.
		j := n
		p.Obj = append(p.Obj, -1-rng.Float64())
		p.ColLo = append(p.ColLo, 0)
		p.ColUp = append(p.ColUp, inf)
		for i := 0; i < m && p.ColStart[j]+3 > len(p.RowIndex); i++ {
			switch {
			case math.IsInf(p.RowLo[i], -1):
				p.RowIndex = append(p.RowIndex, i)
				p.Value = append(p.Value, -1-rng.Float64())
			case math.IsInf(p.RowUp[i], 1):
				p.RowIndex = append(p.RowIndex, i)
				p.Value = append(p.Value, 1+rng.Float64())
			}
		}
		p.ColStart = append(p.ColStart, len(p.RowIndex))
	}
	return p
}

// addRow appends a row with coefficient v on cols, to a CSC problem.
func addRow(p *Problem, cols []int, v, lo, up float64) {
	i := p.NumRows
	p.NumRows++
	p.RowLo = append(p.RowLo, lo)
	p.RowUp = append(p.RowUp, up)
	in := map[int]bool{}
	for _, j := range cols {
		in[j] = true
	}
	n := p.NumCols()
	var idx []int
	var val []float64
	start := make([]int, n+1)
	for j := 0; j < n; j++ {
		idx = append(idx, p.RowIndex[p.ColStart[j]:p.ColStart[j+1]]...)
		val = append(val, p.Value[p.ColStart[j]:p.ColStart[j+1]]...)
		if in[j] {
			idx = append(idx, i)
			val = append(val, v)
		}
		start[j+1] = len(idx)
	}
	p.ColStart, p.RowIndex, p.Value = start, idx, val
}

// badlyScaled returns p with row i multiplied by 10^ri and column j by
// 10^cj (x_j divided), which leaves the optimum value unchanged.
func badlyScaled(p *Problem, seed uint64, spread float64) *Problem {
	rng := rand.New(rand.NewPCG(seed, 99))
	q := *p
	m, n := p.NumRows, p.NumCols()
	rs := make([]float64, m)
	cs := make([]float64, n)
	for i := range rs {
		rs[i] = math.Pow(10, (rng.Float64()*2-1)*spread)
	}
	for j := range cs {
		cs[j] = math.Pow(10, (rng.Float64()*2-1)*spread)
	}
	q.Value = make([]float64, len(p.Value))
	for j := 0; j < n; j++ {
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			q.Value[e] = p.Value[e] * rs[p.RowIndex[e]] * cs[j]
		}
	}
	q.Obj = make([]float64, n)
	q.ColLo = make([]float64, n)
	q.ColUp = make([]float64, n)
	for j := 0; j < n; j++ {
		q.Obj[j] = p.Obj[j] * cs[j]
		q.ColLo[j] = p.ColLo[j] / cs[j]
		q.ColUp[j] = p.ColUp[j] / cs[j]
	}
	q.RowLo = make([]float64, m)
	q.RowUp = make([]float64, m)
	for i := 0; i < m; i++ {
		q.RowLo[i] = p.RowLo[i] * rs[i]
		q.RowUp[i] = p.RowUp[i] * rs[i]
	}
	return &q
}
