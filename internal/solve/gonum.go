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
// newStdForm). Nor does it let lp.Simplex look for a starting basis, which
// is where gonum issue 1914's false "infeasible" comes from: it solves a
// phase-1 LP of its own and starts lp.Simplex from the basis that yields
// (see gonumRun.solve). Every optimal point goes through CheckRelaxation.
// An "unbounded" is taken as it is: lp.Simplex reports it only from a
// feasible basis, after solving (without a conditioning warning) for an
// entering direction that no basic variable limits.
//
// lp.Simplex has no iteration limit and cycles on degenerate problems
// (from some starting bases of Beale's example it loops forever: its
// Bland's rule works on positions in a list that pivots reorder, not on
// column indices). SolveLP therefore relaxes the right-hand sides by a tiny
// pseudo-random amount, which makes degenerate vertices, and with them
// cycling, vanish, and then recomputes the vertex of the optimal basis for
// the exact right-hand sides. It also meters lp.Simplex's reads of the
// constraint matrix, which stops it on cancellation of the context and at
// Options.MaxIter (see maxReads). And since lp.Simplex's tolerances are
// absolute, the standard form is scaled (see stdForm.scale).
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
	// cols are the structural columns; slack columns follow them in a.
	cols []column
	// slackOf[i] is the slack column of row i, -1 for an equality row.
	slackOf []int
	// The problem itself, m rows and n columns, scaled (see scale).
	m, n int
	a    *mat.Dense
	b    []float64
	c    []float64
	// colScale maps a solution of the scaled problem back: column k of
	// the unscaled problem has value colScale[k] times that of the scaled.
	colScale []float64
	// delta is the perturbation of b lp.Simplex works with (see Gonum).
	delta []float64
	// tol[i] is how far row i may be violated, scaled like the row:
	// FeasTol times max(1, |rhs|) of the row or bound it comes from, as in
	// Check.
	tol []float64
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
	f.tol = make([]float64, f.m)
	f.slackOf = make([]int, f.m)
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
		f.slackOf[i] = -1
		if r.slack != 0 {
			f.a.Set(i, s, r.slack)
			f.slackOf[i] = s
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
		f.tol[i] = FeasTol * r.scale
		i++
	}
	f.scale()
	return f, true
}

// scale equilibrates a, dividing every row and then every column by a
// power of two near its largest absolute entry (powers of two scale
// without rounding). lp.Simplex's tolerances are absolute (1e-13 and the
// like), and cardio's rows mix costs around 1e5 with coverage fractions.
// Rows take b, delta and tol with them, columns c and colScale.
func (f *stdForm) scale() {
	pow2 := func(v []float64) float64 {
		big := floats.Norm(v, math.Inf(1))
		if big == 0 {
			return 1
		}
		_, e := math.Frexp(big)
		return math.Ldexp(1, e-1)
	}
	for i := range f.m {
		r := f.a.RawRowView(i)
		s := pow2(r)
		floats.Scale(1/s, r)
		f.b[i] /= s
		f.delta[i] /= s
		f.tol[i] /= s
	}
	f.colScale = make([]float64, f.n)
	col := make([]float64, f.m)
	for j := range f.n {
		s := pow2(mat.Col(col, j, f.a))
		for i := range f.m {
			f.a.Set(i, j, col[i]/s)
		}
		f.c[j] /= s
		f.colScale[j] = 1 / s
	}
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
		piv := row[best]
		floats.Scale(1/piv, row)
		pivots = append(pivots, pivot{col: best, row: row, rhs: rhs / piv})
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
		x[col.v] += col.sign * f.colScale[k] * z[k]
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
	if floats.Min(xb) < -restoreFeasTol {
		// The basis is optimal for the perturbed right-hand sides but not
		// feasible for the exact ones: it is still dual feasible, so dual
		// simplex pivots lead to the exact optimum.
		if basis, xb = f.restore(basis); basis == nil {
			return z
		}
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

// solve decides feasibility with a phase-1 LP of its own (with an
// artificial for each row that has no slack to start from) and solves
// phase 2 from a basis of the original columns built around the phase-1
// point, both on the perturbed problem.
//
// lp.Simplex is never left to find a starting basis itself: left to it, it
// called 2 of about 115 feasible random LPs of glpk_test.go infeasible
// (gonum issue 1914; one through its phase 1 with a single artificial
// column, one through its shortcut for square A, which rejects a solution
// with an entry of -1e-17), and its phase 1 runs on a copy of A, out of
// reach of the meter, where it can loop forever (it does on a problem
// that the perturbation leaves infeasible by 2e-11).
func (r *gonumRun) solve() ([]float64, Status, error) {
	f := r.f
	b := slices.Clone(f.b)
	if f.m < f.n {
		// A square A leaves lp.Simplex a linear solve, nothing to cycle on,
		// and a perturbation could only push a zero negative.
		floats.Add(b, f.delta)
	}
	m, n := f.m, f.n
	// Phase 1: min Σa, D A z + a = |b| over the rows that need an
	// artificial a, with D flipping rows of negative b. The start is a =
	// |b|, or the slack where D makes its coefficient +1 (scaling leaves
	// slack columns at ±1), which saves an artificial and its pivots.
	var art []int // rows with an artificial
	basic := make([]int, m)
	sign := make([]float64, m)
	for i := range m {
		sign[i] = 1
		if b[i] < 0 {
			sign[i] = -1
		}
		if k := f.slackOf[i]; k >= 0 && sign[i]*f.a.At(i, k) == 1 {
			basic[i] = k
		} else {
			basic[i] = n + len(art)
			art = append(art, i)
		}
	}
	a1 := mat.NewDense(m, n+len(art), nil)
	b1 := make([]float64, m)
	c1 := make([]float64, n+len(art))
	for i := range m {
		for j := range n {
			a1.Set(i, j, sign[i]*f.a.At(i, j))
		}
		b1[i] = sign[i] * b[i]
	}
	for k, i := range art {
		a1.Set(i, n+k, 1)
		c1[n+k] = 1
	}
	z1, err := r.simplex(c1, a1, b1, basic)
	if stopped(err) {
		return nil, 0, err
	}
	if err != nil {
		return nil, 0, fmt.Errorf("%w: gonum lp.Simplex, phase 1: %v", ErrNumerical, err)
	}
	// The artificials are the violations of the rows. The problem counts as
	// infeasible when one exceeds its row's tolerance: exactly it is then
	// infeasible (the phase-1 optimum is positive), not an artefact of
	// round-off, far smaller. Within the tolerances, phase 2 decides, with
	// Check as the judge of its point.
	for k, i := range art {
		if z1[n+k] > f.tol[i] {
			return nil, Infeasible, nil
		}
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
	if m == n {
		// A is square and nonsingular: xb is the only point, and lp.Simplex
		// would reject it for the slightest negative entry.
		z := make([]float64, n)
		for k, j := range basis {
			z[j] = math.Max(xb[k], 0)
		}
		return z, Optimal, nil
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
	return nil, 0, fmt.Errorf("%w: gonum lp.Simplex, phase 2 from a feasible basis: %v", ErrNumerical, err)
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
// through At, which counts them and stops lp.Simplex (by panicking with a
// *simplexStop) when the budget is spent or, looked at every 4096 reads,
// the context is done. lp.Simplex keeps its working matrices dense and
// reads A only to set up and then one column per iteration (a column per
// candidate when it resorts to Bland's rule), so reads measure its
// progress. It must not offer RawMatrix: gonum would bypass At.
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
	if g.reads > g.maxReads {
		panic(&simplexStop{ErrIterationLimit})
	}
	if g.reads%4096 == 0 {
		if err := g.ctx.Err(); err != nil {
			panic(&simplexStop{err})
		}
	}
	return g.a.At(i, j)
}

// maxReads is the read budget of lp.Simplex on a from a given basis: the
// reads of its set-up, as lp.Simplex v0.17.0 makes them (checks for zero
// rows and columns, each scanning to the first nonzero, and one read of
// every entry to split A into basic and nonbasic columns), and then m per
// iteration. An iteration that resorts to Bland's rule reads more and so
// counts as several; the perturbation makes those rare. Without
// Options.MaxIter the budget allows (m+n)·max(100, n) iterations: never
// reached by a simplex that makes progress, it only stops one that cycles.
func maxReads(a *mat.Dense, maxIter int) int {
	m, n := a.Dims()
	if maxIter <= 0 {
		maxIter = (m + n) * max(100, n)
	}
	setup := m * n
	for i := range m {
		setup += scanned(a.RawRowView(i))
	}
	for j := range n {
		setup += scanned(mat.Col(nil, j, a))
	}
	return setup + maxIter*m
}

// scanned is how many entries of v a scan for its first nonzero reads.
func scanned(v []float64) int {
	if k := slices.IndexFunc(v, func(x float64) bool { return x != 0 }); k >= 0 {
		return k + 1
	}
	return len(v)
}

// simplex calls lp.Simplex on a metered a and turns its panics into
// errors: a *simplexStop from the meter, anything else (lp.Simplex panics
// on an initial basis it finds singular or infeasible, which basicValues
// can only mirror so far) wrapped in ErrNumerical.
func (r *gonumRun) simplex(c []float64, a *mat.Dense, b []float64, basic []int) (z []float64, err error) {
	g := &meteredMatrix{a: a, ctx: r.ctx, maxReads: maxReads(a, r.maxIter)}
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

// Tolerances of restore, on the scaled standard form.
const (
	// restoreFeasTol: a basic value above -restoreFeasTol counts as
	// feasible. It is far below the perturbation (perturbRel relative to
	// the row), which is what restore undoes.
	restoreFeasTol = 1e-12
	// restorePivTol is the smallest |alpha| of an entering column: smaller
	// pivots would make the next basis ill-conditioned.
	restorePivTol = 1e-9
	// restoreTieTol: ratios within restoreTieTol (relative) of the
	// smallest count as tied, and the tie goes to the smallest column
	// index (Bland's rule), which keeps the pivots from cycling.
	restoreTieTol = 1e-12
)

// restore runs the dual simplex, densely and with Bland's rules, from a
// basis that is dual feasible (optimal for the perturbed right-hand sides:
// reduced costs do not depend on b) to a basis optimal for the exact b,
// and returns it with its basic values. It returns nil when the basis is
// not dual feasible after all (the columns at zero that completed it may
// be the wrong ones), when a row has no entering column (the exact problem
// is infeasible, which Check would then say of the perturbed point) or
// when m+n pivots do not finish. Each pivot refactorizes B: restore only
// makes up for the last few pivots of lp.Simplex, which took hundreds.
//
// It exists because the perturbed point, though within every tolerance,
// is not the exact optimum: on the baseline's tie-break stage it sits
// 1.5e-9 over every capacity row and 0.004 FTE away from the exact
// optimum, which the plan-level comparison of the two backends would
// see (issue 3: the whole plan identical to 1e-7).
func (f *stdForm) restore(start []int) (basis []int, xb []float64) {
	m, n := f.m, f.n
	basis = slices.Clone(start)
	isBasic := make([]bool, n)
	var lu mat.LU
	xbv := mat.NewVecDense(m, nil)
	yv := mat.NewVecDense(m, nil)
	rho := mat.NewVecDense(m, nil)
	cb := mat.NewVecDense(m, nil)
	er := mat.NewVecDense(m, nil)
	bv := mat.NewVecDense(m, f.b)
	col := make([]float64, m)
	for iter := 0; iter <= m+n; iter++ {
		lu.Factorize(extract(f.a, basis))
		if err := lu.SolveVecTo(xbv, false, bv); err != nil {
			return nil, nil
		}
		clear(isBasic)
		for k, j := range basis {
			isBasic[j] = true
			cb.SetVec(k, f.c[j])
		}
		// Bland: the infeasible basic variable of smallest column index
		// leaves.
		r := -1
		for k, j := range basis {
			if xbv.AtVec(k) < -restoreFeasTol && (r < 0 || j < basis[r]) {
				r = k
			}
		}
		if r < 0 {
			return basis, slices.Clone(xbv.RawVector().Data)
		}
		if err := lu.SolveVecTo(yv, true, cb); err != nil {
			return nil, nil
		}
		er.Zero()
		er.SetVec(r, 1)
		if err := lu.SolveVecTo(rho, true, er); err != nil {
			return nil, nil
		}
		// The entering column: among alpha_j < 0, the least ratio
		// d_j/-alpha_j, which keeps every reduced cost d >= 0.
		enter, best := -1, math.Inf(1)
		for j := range n {
			if isBasic[j] {
				continue
			}
			mat.Col(col, j, f.a)
			d := f.c[j] - floats.Dot(col, yv.RawVector().Data)
			if d < -simplexTol*math.Max(1, math.Abs(f.c[j])) {
				return nil, nil // not dual feasible
			}
			alpha := floats.Dot(col, rho.RawVector().Data)
			if alpha >= -restorePivTol {
				continue
			}
			if ratio := math.Max(d, 0) / -alpha; enter < 0 || ratio < best-restoreTieTol*(1+best) {
				enter, best = j, ratio
			}
		}
		if enter < 0 {
			return nil, nil
		}
		basis[r] = enter
	}
	return nil, nil
}
