package solve

import (
	"fmt"
	"math"
)

// dualCheckTol is the tolerance of CheckDuals, scaled by the magnitude of
// the numbers that make up each quantity checked. It is looser than OptTol,
// the pricing tolerance backends use, because the checked values are
// recomputed from the problem and carry the round-off of that recomputation.
const dualCheckTol = 1e-7

// Check verifies x against every bound and row of p and the integrality of
// its Integer variables (a NaN or infinite value fails). Bounds get FeasTol
// scaled by max(1, |bound|); rows get FeasTol scaled by max(1, |rhs|,
// largest |a_j x_j| of the row), since the activity carries the round-off
// of the terms it sums: a row "spend = sum of cost x FTE" has right-hand
// side 0 and terms in the millions, and an error of 1e-6 in it is 1e-13 of
// its terms, not a wrong answer. Integrality gets IntTol. The error wraps
// ErrUnverified and names the worst violation (relative to its tolerance)
// and how many there are.
func Check(p *Problem, x []float64) error {
	return check(p, x, true)
}

// CheckRelaxation is Check without integrality: what an LP backend verifies
// when it solves the continuous relaxation of a mixed-integer problem.
func CheckRelaxation(p *Problem, x []float64) error {
	return check(p, x, false)
}

// violation is one failed test; ratio is its amount over its tolerance, so
// that violations of differently scaled rows and bounds compare.
type violation struct {
	what   string
	amount float64
	ratio  float64
}

// worst collects the violations of a check and keeps the largest.
type worst struct {
	v     violation
	count int
}

// add records a violation when amount exceeds tol; what describes it
// (built only when it is the worst so far).
func (w *worst) add(amount, tol float64, what func() string) {
	// A NaN amount fails !(amount <= tol) and counts as infinitely bad.
	if amount <= tol {
		return
	}
	r := amount / tol
	if math.IsNaN(r) {
		r = math.Inf(1)
	}
	w.count++
	if w.count == 1 || r > w.v.ratio {
		w.v = violation{what: what(), amount: amount, ratio: r}
	}
}

func (w *worst) err() error {
	if w.count == 0 {
		return nil
	}
	more := ""
	if w.count > 1 {
		more = fmt.Sprintf(" (%d violations in all)", w.count)
	}
	return fmt.Errorf("%w: %s violated by %g%s", ErrUnverified, w.v.what, w.v.amount, more)
}

// rowActivity returns the activity of r at x and the scale of its
// feasibility tolerance: max(1, |rhs|, largest |a_j x_j|).
func rowActivity(r Row, x []float64) (act, scale float64) {
	scale = math.Max(1, math.Abs(r.RHS))
	for _, t := range r.Terms {
		v := t.Coef * x[t.Var]
		act += v
		// A plain comparison, not math.Max: this runs for every term of
		// every row after every LP, and NaN is caught by the caller.
		if a := math.Abs(v); a > scale {
			scale = a
		}
	}
	return act, scale
}

func check(p *Problem, x []float64, integrality bool) error {
	if len(x) != len(p.Vars) {
		return fmt.Errorf("%w: %d values for %d variables", ErrUnverified, len(x), len(p.Vars))
	}
	var w worst
	for j, v := range p.Vars {
		xj := x[j]
		if math.IsNaN(xj) || math.IsInf(xj, 0) {
			w.add(math.Inf(1), FeasTol, func() string { return fmt.Sprintf("value %g of variable %q", xj, v.Name) })
			continue
		}
		if !math.IsInf(v.Lower, -1) {
			w.add(v.Lower-xj, FeasTol*math.Max(1, math.Abs(v.Lower)), func() string {
				return fmt.Sprintf("lower bound %g of variable %q (value %g)", v.Lower, v.Name, xj)
			})
		}
		if !math.IsInf(v.Upper, 1) {
			w.add(xj-v.Upper, FeasTol*math.Max(1, math.Abs(v.Upper)), func() string {
				return fmt.Sprintf("upper bound %g of variable %q (value %g)", v.Upper, v.Name, xj)
			})
		}
		if integrality && v.Integer {
			w.add(math.Abs(xj-math.Round(xj)), IntTol, func() string {
				return fmt.Sprintf("integrality of variable %q (value %g)", v.Name, xj)
			})
		}
	}
	for _, r := range p.Rows {
		act, scale := rowActivity(r, x)
		var amount float64
		switch r.Sense {
		case LE:
			amount = act - r.RHS
		case GE:
			amount = r.RHS - act
		default:
			amount = math.Abs(act - r.RHS)
		}
		w.add(amount, FeasTol*scale, func() string {
			return fmt.Sprintf("row %q (%s %g, activity %g)", r.Name, r.Sense, r.RHS, act)
		})
	}
	return w.err()
}

// CheckDuals verifies the dual information of an optimal LP solution:
// reduced costs consistent with the duals (d = c - Aᵀy), duals and reduced
// costs of the right sign for the problem's sense, and complementary
// slackness (a row or bound that is not tight has a zero multiplier), each
// within a tolerance scaled by the magnitudes involved. Integer flags are
// ignored: duals belong to the LP. Fields that are nil are not checked; with
// neither Duals nor ReducedCosts it returns nil. The error wraps
// ErrUnverified.
func CheckDuals(p *Problem, s *Solution) error {
	if s.Duals == nil && s.ReducedCosts == nil {
		return nil
	}
	if len(s.X) != len(p.Vars) {
		return fmt.Errorf("%w: %d values for %d variables", ErrUnverified, len(s.X), len(p.Vars))
	}
	if s.Duals != nil && len(s.Duals) != len(p.Rows) {
		return fmt.Errorf("%w: %d duals for %d rows", ErrUnverified, len(s.Duals), len(p.Rows))
	}
	if s.ReducedCosts != nil && len(s.ReducedCosts) != len(p.Vars) {
		return fmt.Errorf("%w: %d reduced costs for %d variables", ErrUnverified, len(s.ReducedCosts), len(p.Vars))
	}
	// sigma turns the problem's sense into minimization: the sign rules
	// below are those of a minimization, applied to sigma*y and sigma*d.
	sigma := 1.0
	if p.Maximize {
		sigma = -1
	}
	var maxC float64
	for j := range p.Vars {
		maxC = math.Max(maxC, math.Abs(p.ObjCoef(j)))
	}
	var w worst

	// d is the reduced cost vector checked for sign; calc is c - Aᵀy when
	// there are duals; dtol[j] is the tolerance for d[j], dualCheckTol
	// times the magnitude of the terms it is made of.
	d := s.ReducedCosts
	var calc []float64
	dtol := make([]float64, len(p.Vars))
	for j := range p.Vars {
		dtol[j] = math.Abs(p.ObjCoef(j))
		if d != nil {
			dtol[j] = math.Max(dtol[j], math.Abs(d[j]))
		}
	}
	if s.Duals != nil {
		calc = make([]float64, len(p.Vars))
		for j := range p.Vars {
			calc[j] = p.ObjCoef(j)
		}
		for i, r := range p.Rows {
			y := s.Duals[i]
			for _, t := range r.Terms {
				calc[t.Var] -= y * t.Coef
				dtol[t.Var] += math.Abs(y * t.Coef)
			}
		}
	}
	for j := range dtol {
		dtol[j] = dualCheckTol * math.Max(1, dtol[j])
	}

	if calc != nil {
		if d == nil {
			d = calc
		}
		for j, v := range p.Vars {
			w.add(math.Abs(d[j]-calc[j]), dtol[j], func() string {
				return fmt.Sprintf("reduced cost %g of variable %q (c - Aᵀy = %g)", d[j], v.Name, calc[j])
			})
		}
		ytol := dualCheckTol * math.Max(1, maxC)
		for i, r := range p.Rows {
			y := sigma * s.Duals[i]
			act, scale := rowActivity(r, s.X)
			tight := math.Abs(act-r.RHS) <= FeasTol*scale
			what := func() string {
				return fmt.Sprintf("dual of row %q (dual %g, activity %g, %s %g)", r.Name, s.Duals[i], act, r.Sense, r.RHS)
			}
			// In a minimization a <= row can only cost (y <= 0) and a >=
			// row only help (y >= 0); a row that is not tight has y = 0.
			if r.Sense == LE || !tight {
				w.add(y, ytol, what)
			}
			if r.Sense == GE || !tight {
				w.add(-y, ytol, what)
			}
		}
	}
	for j, v := range p.Vars {
		dj := sigma * d[j]
		xj := s.X[j]
		what := func() string {
			return fmt.Sprintf("reduced cost of variable %q (value %g in [%g, %g], reduced cost %g)", v.Name, xj, v.Lower, v.Upper, d[j])
		}
		// In a minimization a variable that can still decrease must not
		// gain from decreasing (d <= 0), one that can still increase must
		// not gain from increasing (d >= 0).
		if math.IsInf(v.Lower, -1) || xj > v.Lower+FeasTol*math.Max(1, math.Abs(v.Lower)) {
			w.add(dj, dtol[j], what)
		}
		if math.IsInf(v.Upper, 1) || xj < v.Upper-FeasTol*math.Max(1, math.Abs(v.Upper)) {
			w.add(-dj, dtol[j], what)
		}
	}
	return w.err()
}
