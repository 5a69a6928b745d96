package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Gonum is an LPSolver on gonum's lp.Simplex: dense, slow beyond a few
// hundred variables, without duals, basis or warm start (Solution.Duals,
// ReducedCosts and Basis stay nil, Options.WarmStart is ignored), but
// simple enough to serve as the reference backend.
//
// lp.Simplex wants min cᵀz, Az = b, z >= 0 with A of full row rank and no
// zero rows or columns, so SolveLP converts the problem itself (see
// newStdForm). It does not trust lp.Simplex either: an "infeasible" (gonum
// issue 1914) or a numerical failure is re-examined with an explicit
// two-phase solve, and every optimal point goes through CheckRelaxation.
// An "unbounded" is taken as it is: lp.Simplex reports it only from a
// feasible basis, after solving (without a conditioning warning) for an
// entering direction that no basic variable limits.
//
// lp.Simplex has no iteration limit and cycles on degenerate problems
// (Beale's example loops forever: its Bland's rule works on positions in a
// list that pivots reorder, not on column indices). SolveLP therefore
// relaxes the right-hand sides by a tiny pseudo-random amount, which makes
// degenerate vertices, and with them cycling, vanish, and then recomputes
// the vertex of the optimal basis for the exact right-hand sides. It also
// meters lp.Simplex's reads of the constraint matrix, which stops it on
// cancellation of the context and at Options.MaxIter (see maxReads).
type Gonum struct{}

// Tolerances of the conversion and of the checks around lp.Simplex.
const (
	// depTol: a reduced row or column whose largest entry is below depTol
	// times the largest entry of the original counts as linearly dependent.
	depTol = 1e-9
	// simplexTol is the reduced-cost tolerance passed to lp.Simplex.
	simplexTol = OptTol
	// gonumInitPosTol mirrors lp's initPosTol: lp.Simplex panics on an
	// initial basis whose basic values fall below -gonumInitPosTol.
	gonumInitPosTol = 1e-13
	// perturbRel is the size of the right-hand side perturbation, relative
	// to max(1, |rhs|) of the row: far above lp.Simplex's zero tolerances
	// (1e-12 and below), far below FeasTol, so that even the perturbed
	// point passes Check.
	perturbRel = 1e-9
)

// SolveLP solves the continuous relaxation of p (Integer flags are ignored).
func (Gonum) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	f, feasible := newStdForm(p)
	if !feasible {
		return &Solution{Status: Infeasible}, nil
	}
	var z []float64 // the standard-form solution; nil without columns
	if f.n > 0 {
		r := &gonumRun{f: f, ctx: ctx, maxIter: opt.MaxIter}
		var st Status
		var err error
		if z, st, err = r.solve(); err != nil {
			return nil, err
		}
		if st != Optimal {
			return &Solution{Status: st}, nil
		}
	}
	if f.unboundedVar >= 0 {
		// The rest of the problem is feasible and an empty column improves
		// the objective without limit.
		return &Solution{Status: Unbounded}, nil
	}
	// The vertex for the exact right-hand sides normally passes; should it
	// not (a basis too ill-conditioned to move back), the point of the
	// perturbed problem may still.
	x := f.point(f.unperturb(z))
	if z != nil && CheckRelaxation(p, x) != nil {
		x = f.point(z)
	}
	if err := CheckRelaxation(p, x); err != nil {
		return nil, fmt.Errorf("gonum lp.Simplex: %w", err)
	}
	return &Solution{Status: Optimal, Objective: p.Objective(x), X: x}, nil
}

// column is a structural column of the standard form: it adds sign*z to
// variable v.
type column struct {
	v    int
	sign float64
}

// stdForm is p as min cᵀz, Az = b, z >= 0. Variable v of p is
// shift[v] plus the signed sum of its columns: a finite lower bound is
// shifted to zero, a variable with only an upper bound is mirrored, a free
// variable is split in two, a finite upper bound becomes a row with a slack,
// inequality rows get slacks. Fixed variables and variables in no row
// (empty columns, set to their best bound) are constants in shift and have
// no column; rows left without columns are checked and dropped, and so are
// linearly dependent equality rows.
type stdForm struct {
	p     *Problem
	shift []float64
	cols  []column // structural columns; slack columns follow them in a
	m, n  int      // rows and columns of a
	a     *mat.Dense
	b     []float64
	c     []float64
	// delta is the perturbation of b lp.Simplex works with (see Gonum).
	delta []float64
	// unboundedVar is an empty column along which the objective improves
	// without limit, or -1.
	unboundedVar int
}

// stdRow is a row of the standard form under construction.
type stdRow struct {
	coef  map[int]float64 // structural column -> coefficient
	rhs   float64
	slack float64 // +1 for <=, -1 for >=, 0 for =
	scale float64 // max(1, |rhs|) of the row or bound it comes from
}

// newStdForm converts p. It reports false when p is infeasible already: an
// empty row that its right-hand side rules out, or an inconsistent
// dependent equality row.
func newStdForm(p *Problem) (*stdForm, bool) {
	sigma := 1.0
	if p.Maximize {
		sigma = -1
	}
	f := &stdForm{p: p, shift: make([]float64, len(p.Vars)), unboundedVar: -1}

	// Merge repeated terms and drop zeros: a Row may name a variable
	// twice. Sorted terms also keep the sums below in a fixed order.
	merged := make([][]Term, len(p.Rows))
	used := make([]bool, len(p.Vars))
	for i, r := range p.Rows {
		merged[i] = mergeTerms(r.Terms)
		for _, t := range merged[i] {
			used[t.Var] = true
		}
	}

	var rows []stdRow
	colsOf := make([][]int, len(p.Vars))
	var c []float64
	addCol := func(v int, sign float64) {
		colsOf[v] = append(colsOf[v], len(f.cols))
		f.cols = append(f.cols, column{v: v, sign: sign})
		c = append(c, sigma*sign*p.ObjCoef(v))
	}
	for v, vr := range p.Vars {
		lo, up := vr.Lower, vr.Upper
		cv := sigma * p.ObjCoef(v)
		switch {
		case lo == up:
			f.shift[v] = lo
		case !used[v]:
			f.shift[v] = emptyColumnValue(lo, up, cv)
			if math.IsInf(f.shift[v], 0) && f.unboundedVar < 0 {
				f.unboundedVar = v
			}
		case !math.IsInf(lo, -1):
			f.shift[v] = lo
			addCol(v, 1)
			if !math.IsInf(up, 1) {
				rows = append(rows, stdRow{coef: map[int]float64{colsOf[v][0]: 1}, rhs: up - lo, slack: 1, scale: math.Max(1, math.Abs(up))})
			}
		case !math.IsInf(up, 1):
			f.shift[v] = up
			addCol(v, -1)
		default:
			addCol(v, 1)
			addCol(v, -1)
		}
	}

	// The constraint rows, with fixed and empty-column values moved to the
	// right-hand side. Bound rows came first; that order is irrelevant.
	var eq []int // indices into rows of equality rows
	for i, r := range p.Rows {
		sr := stdRow{coef: make(map[int]float64), rhs: r.RHS, scale: math.Max(1, math.Abs(r.RHS))}
		for _, t := range merged[i] {
			sr.rhs -= t.Coef * f.shift[t.Var]
			for _, k := range colsOf[t.Var] {
				sr.coef[k] = t.Coef * f.cols[k].sign
			}
		}
		switch r.Sense {
		case LE:
			sr.slack = 1
		case GE:
			sr.slack = -1
		}
		if len(sr.coef) == 0 {
			// 0 sense rhs: the activity at the fixed values is r.RHS-sr.rhs.
			tol := FeasTol * math.Max(1, math.Abs(r.RHS))
			if r.Sense != GE && sr.rhs < -tol || r.Sense != LE && sr.rhs > tol {
				return nil, false
			}
			continue
		}
		if sr.slack == 0 {
			eq = append(eq, len(rows))
		}
		rows = append(rows, sr)
	}

	drop, ok := dependentRows(rows, eq, len(f.cols))
	if !ok {
		return nil, false
	}

	// Lay out A = [structural columns | slacks].
	nStruct := len(f.cols)
	nSlack := 0
	for i, r := range rows {
		if !drop[i] && r.slack != 0 {
			nSlack++
		}
	}
	f.m = len(rows) - len(drop)
	f.n = nStruct + nSlack
	if f.n == 0 {
		return f, true
	}
	f.a = mat.NewDense(f.m, f.n, nil)
	f.b = make([]float64, f.m)
	f.c = append(c, make([]float64, nSlack)...)
	f.delta = make([]float64, f.m)
	// A fixed seed keeps the perturbation, and so the result, the same
	// from run to run.
	rng := rand.New(rand.NewPCG(1, 2))
	i, s := 0, nStruct
	for k, r := range rows {
		if drop[k] {
			continue
		}
		for col, a := range r.coef {
			f.a.Set(i, col, a)
		}
		if r.slack != 0 {
			f.a.Set(i, s, r.slack)
			s++
		}
		f.b[i] = r.rhs
		// Inequalities are relaxed, so that the perturbed problem is
		// feasible whenever p is; equalities move either way.
		dir := r.slack
		if dir == 0 {
			dir = float64(2*rng.IntN(2) - 1)
		}
		f.delta[i] = dir * perturbRel * r.scale * (1 + rng.Float64())
		i++
	}
	return f, true
}

// emptyColumnValue is the best value in [lo, up] for a variable in no row
// with min-sense objective coefficient cv: an infinite value means the
// objective improves without limit.
func emptyColumnValue(lo, up, cv float64) float64 {
	switch {
	case cv > 0:
		return lo
	case cv < 0:
		return up
	}
	return math.Max(lo, math.Min(up, 0))
}

// dependentRows finds the equality rows (rows[k] for k in eq) that are
// linear combinations of earlier ones, by Gaussian elimination with partial
// pivoting over the n structural columns. Only equality rows can be
// dependent: every other row has a slack column of its own. It reports
// false when a dependent row contradicts the rows it depends on.
func dependentRows(rows []stdRow, eq []int, n int) (map[int]bool, bool) {
	drop := make(map[int]bool)
	type pivot struct {
		col int
		row []float64 // scaled so that row[col] == 1
		rhs float64
	}
	var pivots []pivot
	for _, k := range eq {
		row := make([]float64, n)
		var scale float64
		for col, a := range rows[k].coef {
			row[col] = a
			scale = math.Max(scale, math.Abs(a))
		}
		rhs := rows[k].rhs
		for _, pv := range pivots {
			if f := row[pv.col]; f != 0 {
				floats.AddScaled(row, -f, pv.row)
				row[pv.col] = 0
				rhs -= f * pv.rhs
			}
		}
		best := floats.MaxIdx(row)
		if lo := floats.MinIdx(row); -row[lo] > row[best] {
			best = lo
		}
		if math.Abs(row[best]) <= depTol*scale {
			if math.Abs(rhs) > FeasTol*math.Max(1, math.Abs(rows[k].rhs)) {
				return nil, false
			}
			drop[k] = true
			continue
		}
		floats.Scale(1/row[best], row)
		pivots = append(pivots, pivot{col: best, row: row, rhs: rhs / row[best]})
	}
	return drop, true
}

// point maps a standard-form solution back to the variables of p. Values
// are clipped to their bounds: lp.Simplex leaves basic values as small as
// -1e-13 and the bounds (0 and 1 for binaries and coverage) should come
// out exact; Check then verifies the rows at the clipped point.
func (f *stdForm) point(z []float64) []float64 {
	x := slices.Clone(f.shift)
	for k, col := range f.cols {
		x[col.v] += col.sign * z[k]
	}
	for v, vr := range f.p.Vars {
		x[v] = math.Max(vr.Lower, math.Min(vr.Upper, x[v]))
	}
	return x
}

// unperturb recomputes a solution z of the perturbed problem for the
// exact right-hand sides: the columns z uses (largest first, completed to a
// basis) form the optimal basis, which stays optimal when b moves back
// (reduced costs do not depend on b) and whose vertex for b is feasible up
// to round-off of the size of the perturbation, clipped at zero. It
// returns z itself when there is no such basis, and nil for nil.
func (f *stdForm) unperturb(z []float64) []float64 {
	if z == nil {
		return nil
	}
	basis := independentColumns(f.a, supportFirst(z))
	if len(basis) != f.m {
		return z
	}
	xb, err := basicValues(f.a, f.b, basis)
	if err != nil {
		return z
	}
	out := make([]float64, f.n)
	for k, j := range basis {
		out[j] = math.Max(xb[k], 0)
	}
	return out
}

// supportFirst orders the columns of a solution by decreasing value, the
// columns at zero in decreasing index order (slacks first: as unit vectors
// they make well-conditioned bases).
func supportFirst(z []float64) []int {
	n := len(z)
	order := make([]int, n)
	for j := range n {
		order[j] = n - 1 - j
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmpDesc(math.Max(z[i], 0), math.Max(z[j], 0))
	})
	return order
}

// gonumRun is one solve of a standard form with lp.Simplex.
type gonumRun struct {
	f       *stdForm
	ctx     context.Context
	maxIter int // Options.MaxIter
}

// solve runs lp.Simplex on the perturbed standard form, falling back to an
// explicit two-phase solve when lp.Simplex fails in any way other than
// "unbounded" or being stopped.
func (r *gonumRun) solve() ([]float64, Status, error) {
	f := r.f
	b := slices.Clone(f.b)
	floats.Add(b, f.delta)
	z, err := r.simplex(f.c, f.a, b, nil)
	switch {
	case err == nil:
		return z, Optimal, nil
	case errors.Is(err, lp.ErrUnbounded):
		return nil, Unbounded, nil
	case stopped(err):
		return nil, 0, err
	}
	// lp.Simplex's phase 1 works with a single artificial column and gives
	// up on some problems with ErrInfeasible, ErrSingular or an error of
	// its own: none of them is evidence.
	return r.twoPhase(b)
}

// twoPhase decides feasibility with a phase-1 LP of its own (one artificial
// per row, starting from the artificial basis) and solves phase 2 from a
// basis of the original columns built around the phase-1 point.
func (r *gonumRun) twoPhase(b []float64) ([]float64, Status, error) {
	f := r.f
	m, n := f.m, f.n
	// Phase 1: min Σa, D A z + a = |b|, with D flipping rows of negative b
	// so that a = |b| is a feasible start.
	a1 := mat.NewDense(m, n+m, nil)
	b1 := make([]float64, m)
	c1 := make([]float64, n+m)
	basic := make([]int, m)
	for i := range m {
		d := 1.0
		if b[i] < 0 {
			d = -1
		}
		for j := range n {
			a1.Set(i, j, d*f.a.At(i, j))
		}
		a1.Set(i, n+i, 1)
		b1[i] = d * b[i]
		c1[n+i] = 1
		basic[i] = n + i
	}
	z1, err := r.simplex(c1, a1, b1, basic)
	if stopped(err) {
		return nil, 0, err
	}
	if err != nil {
		return nil, 0, fmt.Errorf("%w: gonum lp.Simplex failed, and so did its phase-1 check: %v", ErrNumerical, err)
	}
	// The artificials measure the violation of each row; within FeasTol
	// (scaled like Check scales rows) the problem counts as feasible and
	// phase 2 decides, with Check as the judge of its point.
	if floats.Sum(z1[n:]) > FeasTol*math.Max(1, floats.Norm(b, math.Inf(1))) {
		return nil, Infeasible, nil
	}

	// Phase 2 from a basis of the columns the phase-1 point uses.
	basis := independentColumns(f.a, supportFirst(z1[:n]))
	if len(basis) != m {
		return nil, 0, fmt.Errorf("%w: no basis of %d columns in the standard form", ErrNumerical, m)
	}
	xb, err := basicValues(f.a, b, basis)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: phase-2 start: %v", ErrNumerical, err)
	}
	if floats.Min(xb) < -gonumInitPosTol {
		// The phase-1 point was feasible only within the tolerance: start
		// from the nearest basic point, the solution for b' = B max(xb, 0).
		// b' differs from b by less than the tolerance; Check verifies the
		// result against p.
		for i := range xb {
			xb[i] = math.Max(xb[i], 0)
		}
		bm := mat.NewVecDense(m, nil)
		bm.MulVec(extract(f.a, basis), mat.NewVecDense(m, xb))
		b = bm.RawVector().Data
		if xb, err = basicValues(f.a, b, basis); err != nil || floats.Min(xb) < -gonumInitPosTol {
			return nil, 0, fmt.Errorf("%w: no feasible phase-2 start near the phase-1 point", ErrNumerical)
		}
	}
	z, err := r.simplex(f.c, f.a, b, basis)
	switch {
	case err == nil:
		return z, Optimal, nil
	case errors.Is(err, lp.ErrUnbounded):
		return nil, Unbounded, nil
	case stopped(err):
		return nil, 0, err
	}
	return nil, 0, fmt.Errorf("%w: gonum lp.Simplex phase 2 from a feasible basis: %v", ErrNumerical, err)
}

// cmpDesc orders larger values first.
func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// independentColumns picks linearly independent columns of a, trying them
// in the given order, until it has as many as a has rows (fewer if a is
// rank deficient). Column-wise Gaussian elimination with partial pivoting.
func independentColumns(a *mat.Dense, order []int) []int {
	m, _ := a.Dims()
	type pivot struct {
		row int
		vec []float64 // scaled so that vec[row] == 1
	}
	var pivots []pivot
	var picked []int
	for _, j := range order {
		if len(picked) == m {
			break
		}
		v := mat.Col(nil, j, a)
		scale := floats.Norm(v, math.Inf(1))
		for _, pv := range pivots {
			if f := v[pv.row]; f != 0 {
				floats.AddScaled(v, -f, pv.vec)
				v[pv.row] = 0
			}
		}
		best := floats.MaxIdx(v)
		if lo := floats.MinIdx(v); -v[lo] > v[best] {
			best = lo
		}
		if math.Abs(v[best]) <= depTol*scale {
			continue
		}
		floats.Scale(1/v[best], v)
		pivots = append(pivots, pivot{row: best, vec: v})
		picked = append(picked, j)
	}
	return picked
}

// extract returns the columns cols of a, as lp.Simplex builds its basis.
func extract(a *mat.Dense, cols []int) *mat.Dense {
	m, _ := a.Dims()
	ab := mat.NewDense(m, len(cols), nil)
	for k, j := range cols {
		ab.SetCol(k, mat.Col(nil, j, a))
	}
	return ab
}

// basicValues solves B xb = b for the basis cols exactly as lp.Simplex does
// with an initial basis, so that a start it accepts is one it will not
// panic on.
func basicValues(a *mat.Dense, b []float64, cols []int) ([]float64, error) {
	m, _ := a.Dims()
	xb := make([]float64, m)
	err := mat.NewVecDense(m, xb).SolveVec(extract(a, cols), mat.NewVecDense(m, b))
	return xb, err
}

// simplexStop is why a metered lp.Simplex was stopped: the context's
// error or ErrIterationLimit.
type simplexStop struct{ err error }

func (s *simplexStop) Error() string { return "gonum lp.Simplex stopped: " + s.err.Error() }
func (s *simplexStop) Unwrap() error { return s.err }

func stopped(err error) bool {
	var stop *simplexStop
	return errors.As(err, &stop)
}

// meteredMatrix is the constraint matrix as lp.Simplex sees it: reads go
// through At, which counts them and every 4096 reads stops lp.Simplex (by
// panicking with a *simplexStop) when the context is done or the budget
// is spent. lp.Simplex keeps its working matrices dense and reads A only
// to set up and then one column per iteration (a column per candidate when
// it resorts to Bland's rule), so reads measure its progress. It must not
// offer RawMatrix: gonum would bypass At.
type meteredMatrix struct {
	a        *mat.Dense
	ctx      context.Context
	reads    int
	maxReads int
}

func (g *meteredMatrix) Dims() (int, int) { return g.a.Dims() }
func (g *meteredMatrix) T() mat.Matrix    { return mat.Transpose{Matrix: g} }
func (g *meteredMatrix) At(i, j int) float64 {
	g.reads++
	if g.reads%4096 == 0 {
		if err := g.ctx.Err(); err != nil {
			panic(&simplexStop{err})
		}
		if g.reads > g.maxReads {
			panic(&simplexStop{ErrIterationLimit})
		}
	}
	return g.a.At(i, j)
}

// maxReads is the read budget for an m x n matrix: the set-up (a few
// passes over A) plus maxIter iterations as if each were a Bland's-rule
// scan of every column. Without Options.MaxIter, maxIter is 10(m+n)+100,
// well above the iterations a simplex needs.
func maxReads(m, n, maxIter int) int {
	if maxIter <= 0 {
		maxIter = 10*(m+n) + 100
	}
	return (10 + maxIter) * m * n
}

// simplex calls lp.Simplex on a metered a and turns its panics into
// errors: a *simplexStop from the meter, anything else (lp.Simplex panics
// on an initial basis it finds singular or infeasible, which basicValues
// can only mirror so far) wrapped in ErrNumerical.
func (r *gonumRun) simplex(c []float64, a *mat.Dense, b []float64, basic []int) (z []float64, err error) {
	m, n := a.Dims()
	g := &meteredMatrix{a: a, ctx: r.ctx, maxReads: maxReads(m, n, r.maxIter)}
	defer func() {
		if p := recover(); p != nil {
			if stop, ok := p.(*simplexStop); ok {
				z, err = nil, stop
				return
			}
			z, err = nil, fmt.Errorf("%w: lp.Simplex panicked: %v", ErrNumerical, p)
		}
	}()
	_, z, err = lp.Simplex(c, g, b, simplexTol, basic)
	return z, err
}
