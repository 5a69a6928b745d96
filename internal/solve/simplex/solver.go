package simplex

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// solver is the state of one solve on the scaled problem. Variables
// 0..n-1 are structural, n..n+m-1 logical: logical n+i equals row i's
// activity, so the constraints read [A -I] x = 0 and every bound, of
// columns and rows alike, is a variable bound.
type solver struct {
	ctx context.Context
	opt Options

	m, n, nt int

	// The scaled matrix, shared (read only) by every solve of a Prepared.
	*matrix

	// Working costs and bounds over all nt variables (perturbed or shifted
	// at times), and their unperturbed values.
	cost, lo, up    []float64
	cost0, lo0, up0 []float64
	costPerturbed   bool // costs perturbed against dual degeneracy
	costShifted     bool // costs shifted to absorb dual infeasibilities
	boundPerturbed  bool // bounds perturbed against primal degeneracy
	allowPerturb    bool
	// StallLimit and BlandLimit, as fields so that tests can exercise
	// the anti-cycling machinery on small problems.
	stallLimit, blandLimit int

	stat []VarStatus
	head []int // variable basic in each position
	pos  []int // position of each basic variable, -1 if nonbasic
	x    []float64
	d    []float64 // reduced costs (basic: 0)
	y    []float64 // row multipliers
	// The working costs, reduced costs and multipliers while trueCutOff
	// tries the true costs, and the iteration from which it tries again.
	costSave, dSave, ySave []float64
	cutoffRetry            int

	f        *factor
	bm       basisMatrix // scratch for the factorization's input
	factored bool        // f holds a factorization of the current basis
	hot      bool        // a continued solve: run starts from f as it is
	fresh    bool        // factorization, x and d recomputed since the last iteration

	// Work vectors.
	wRow        []float64 // row-indexed scratch (FTRAN input), all zero between uses
	wPos        []float64 // position-indexed scratch (BTRAN input), all zero between uses
	alpha       []float64 // FTRAN of the entering column, by position
	alphaIdx    []int     // nonzeros of alpha
	alphaListed bool      // alphaIdx lists every nonzero of alpha (not so after computePrimal)
	rho         []float64 // BTRAN of a unit vector: a row of B^-1, by row
	rhoIdx      []int     // nonzeros of rho
	tau         []float64 // FTRAN of rho (dual steepest edge), by position
	ar          []float64 // pivot row over all nt variables
	arIdx       []int     // nonzero entries of ar
	mark        []uint32  // marks for building arIdx, current when equal to stamp
	stamp       uint32
	farkas      []float64 // g of infeasibilityProven, all zero between uses
	farkasIdx   []int
	farkasMag   []float64
	flips       []int       // bound flips of the dual ratio test
	bc          []bfrtCand  // dual ratio test candidates
	soft        []softBreak // phase-1 breakpoints
	auxLo       []float64   // bounds of the dual phase-1 auxiliary problem
	auxUp       []float64
	weight      []float64 // primal devex weights (by variable) or dual steepest-edge weights (by position)
	reject      []bool    // primal candidates rejected for tiny pivots until the next basis change
	rejectRow   []bool    // dual leaving rows rejected likewise (by position)
	anyRejected bool
	p1old       []float64 // phase-1 costs by position before an iteration
	flipDx      []float64 // FTRAN of the dual ratio test's bound flips, by position
	flipIdx     []int     // nonzeros of flipDx
	flipRows    []int     // rows of the flipped columns, the right-hand side's nonzeros
	one         [1]int    // the one nonzero of a unit or logical column, for the sparse solves
	// The dual simplex's candidate rows (priceDual): the positions whose
	// basic variable is out of its bounds, in no particular order, their
	// scores (infeasibility squared over the weight, -1 once feasible)
	// alongside, and whether and where each position is listed. infTouch
	// lists the positions whose value, variable or weight changed since
	// the last pricing (infDirty, infDirtyIn), which it rescores; all
	// valid only while infValid.
	infList    []int
	infScore   []float64
	infIn      []bool
	infAt      []int
	infDirty   []int
	infDirtyIn []bool
	infValid   bool
	rng        *rand.Rand

	iters, primalIters, dualIters, refactors int
	perturbations                            int // times bounds or costs were perturbed (for tests)
	trueCutoffs                              int // cutoffs decided by trueCutOff (for tests)
	maxIter                                  int
}

// matrix is A merged (duplicates summed, zeros dropped) and scaled,
// column-wise and row-wise, with its scale factors: everything a solve
// needs that depends on the matrix alone.
type matrix struct {
	cStart []int
	cRow   []int
	cVal   []float64
	rStart []int
	rCol   []int
	rVal   []float64

	rowScale, colScale []float64
}

// newMatrix prepares p's matrix, scaled unless noScale.
func newMatrix(p *Problem, noScale bool) *matrix {
	m, n := p.NumRows, p.NumCols()
	a := &matrix{}
	// Copy A, merging duplicate entries and dropping zeros.
	a.cStart = make([]int, n+1)
	a.cRow = make([]int, 0, len(p.RowIndex))
	a.cVal = make([]float64, 0, len(p.Value))
	where := make([]int, m)
	for i := range where {
		where[i] = -1
	}
	for j := 0; j < n; j++ {
		start := len(a.cRow)
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			i, v := p.RowIndex[e], p.Value[e]
			if w := where[i]; w >= 0 {
				a.cVal[w] += v
				continue
			}
			where[i] = len(a.cRow)
			a.cRow = append(a.cRow, i)
			a.cVal = append(a.cVal, v)
		}
		for e := start; e < len(a.cRow); e++ {
			where[a.cRow[e]] = -1
		}
		// Drop entries that are or summed to zero.
		k := start
		for e := start; e < len(a.cRow); e++ {
			if a.cVal[e] != 0 {
				a.cRow[k], a.cVal[k] = a.cRow[e], a.cVal[e]
				k++
			}
		}
		a.cRow, a.cVal = a.cRow[:k], a.cVal[:k]
		a.cStart[j+1] = k
	}

	if noScale {
		a.rowScale = ones(m)
		a.colScale = ones(n)
	} else {
		a.rowScale, a.colScale = computeScaling(m, n, a.cStart, a.cRow, a.cVal)
	}
	for j := 0; j < n; j++ {
		for e := a.cStart[j]; e < a.cStart[j+1]; e++ {
			a.cVal[e] *= a.rowScale[a.cRow[e]] * a.colScale[j]
		}
	}
	a.buildRows(m, n)
	return a
}

// newSolver starts a solve of p with its matrix prepared afresh.
func newSolver(ctx context.Context, p *Problem, opt Options) *solver {
	return newSolverOn(ctx, newMatrix(p, opt.NoScale), p, opt, nil)
}

// newSolverOn starts a solve of p whose matrix a has prepared: only p's
// costs and bounds are read. When old is not nil (a finished solver of any
// problem) its buffers are reused, cleared, where they are large enough:
// the solve is the same as on fresh ones, without allocating them again.
func newSolverOn(ctx context.Context, a *matrix, p *Problem, opt Options, old *solver) *solver {
	m, n := p.NumRows, p.NumCols()
	if old == nil {
		old = &solver{}
	}
	s := &solver{m: m, n: n, nt: n + m, matrix: a}
	s.start(ctx, opt)

	nt := s.nt
	s.cost0, s.lo0, s.up0 = old.cost0, old.lo0, old.up0
	s.cost, s.lo, s.up = old.cost, old.lo, old.up
	s.setVectors(p)

	s.stat = grab(old.stat, nt)
	s.head = grab(old.head, m)
	s.pos = grab(old.pos, nt)
	s.x = grab(old.x, nt)
	s.d = grab(old.d, nt)
	s.y = grab(old.y, m)
	s.f = old.f
	if s.f == nil {
		s.f = newFactor(m)
	} else {
		s.f.resize(m)
	}
	s.bm = basisMatrix{start: old.bm.start[:0], row: old.bm.row[:0], val: old.bm.val[:0]}
	s.wRow = grab(old.wRow, m)
	s.wPos = grab(old.wPos, m)
	s.alpha = grab(old.alpha, m)
	s.alphaIdx = grab(old.alphaIdx, m)[:0]
	s.alphaListed = true
	s.rho = grab(old.rho, m)
	s.rhoIdx = grab(old.rhoIdx, m)[:0]
	s.tau = grab(old.tau, m)
	s.ar = grab(old.ar, nt)
	s.arIdx = old.arIdx[:0]
	s.mark = grab(old.mark, nt)
	s.farkas, s.farkasIdx = old.farkas, old.farkasIdx[:0] // zero between uses, grown when needed
	s.weight = grab(old.weight, max(nt, 1))
	s.reject = grab(old.reject, nt)
	s.rejectRow = grab(old.rejectRow, m)
	s.infList, s.infIn, s.infValid = old.infList[:0], grab(old.infIn, m), false
	s.infScore, s.infAt = old.infScore[:0], grab(old.infAt, m)
	s.infDirty, s.infDirtyIn = old.infDirty[:0], grab(old.infDirtyIn, m)
	s.flips, s.bc, s.soft = old.flips[:0], old.bc[:0], old.soft[:0]
	s.flipIdx = old.flipIdx[:0]
	s.flipRows = old.flipRows[:0]
	if old.auxLo != nil {
		s.auxLo, s.auxUp = grab(old.auxLo, nt), grab(old.auxUp, nt)
	}
	if old.flipDx != nil {
		s.flipDx = grab(old.flipDx, m)
	}
	s.p1old = old.p1old[:0]
	return s
}

// start sets what a solve takes from its options, and the state every
// solve starts with: no perturbation, no iterations.
func (s *solver) start(ctx context.Context, opt Options) {
	s.ctx, s.opt = ctx, opt
	s.maxIter = opt.MaxIter
	if s.maxIter <= 0 {
		s.maxIter = DefaultMaxIter(s.m, s.n)
	}
	seed := opt.Seed
	if seed == 0 {
		seed = 0x5eed
	}
	s.rng = rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	s.costPerturbed, s.costShifted, s.boundPerturbed = false, false, false
	s.allowPerturb, s.stallLimit, s.blandLimit = true, StallLimit, BlandLimit
	s.iters, s.primalIters, s.dualIters, s.refactors, s.perturbations = 0, 0, 0, 0, 0
	s.cutoffRetry, s.trueCutoffs = 0, 0
}

// setVectors sets the scaled costs and bounds from p's, reusing the
// slices' storage.
func (s *solver) setVectors(p *Problem) {
	m, n, nt := s.m, s.n, s.nt
	s.cost0 = grab(s.cost0, nt)
	s.lo0 = grab(s.lo0, nt)
	s.up0 = grab(s.up0, nt)
	for j := 0; j < n; j++ {
		cs := s.colScale[j]
		s.cost0[j] = p.Obj[j] * cs
		s.lo0[j] = p.ColLo[j] / cs
		s.up0[j] = p.ColUp[j] / cs
	}
	for i := 0; i < m; i++ {
		rs := s.rowScale[i]
		s.lo0[n+i] = p.RowLo[i] * rs
		s.up0[n+i] = p.RowUp[i] * rs
	}
	s.cost = append(s.cost[:0], s.cost0...)
	s.lo = append(s.lo[:0], s.lo0...)
	s.up = append(s.up[:0], s.up0...)
}

// grab returns buf cleared with length n when it has the capacity, else a
// new slice.
func grab[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

func ones(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 1
	}
	return v
}

// buildRows builds the row-wise copy of the scaled m x n matrix.
func (s *matrix) buildRows(m, n int) {
	s.rStart = make([]int, m+1)
	for _, i := range s.cRow {
		s.rStart[i+1]++
	}
	for i := 0; i < m; i++ {
		s.rStart[i+1] += s.rStart[i]
	}
	s.rCol = make([]int, len(s.cRow))
	s.rVal = make([]float64, len(s.cRow))
	next := append([]int(nil), s.rStart[:m]...)
	for j := 0; j < n; j++ {
		for e := s.cStart[j]; e < s.cStart[j+1]; e++ {
			i := s.cRow[e]
			s.rCol[next[i]] = j
			s.rVal[next[i]] = s.cVal[e]
			next[i]++
		}
	}
}

// nonbasicStatus returns a status for nonbasic j consistent with its
// bounds, honouring want where possible.
func (s *solver) nonbasicStatus(j int, want VarStatus) VarStatus {
	lo, up := s.lo[j], s.up[j]
	loFin, upFin := !math.IsInf(lo, -1), !math.IsInf(up, 1)
	switch {
	case lo == up:
		return Fixed
	case want == AtUpper && upFin:
		return AtUpper
	case want == AtLower && loFin:
		return AtLower
	case loFin:
		return AtLower
	case upFin:
		return AtUpper
	}
	return AtZero
}

// nonbasicValue is the value of nonbasic j given its status.
func (s *solver) nonbasicValue(j int) float64 {
	switch s.stat[j] {
	case AtLower, Fixed:
		return s.lo[j]
	case AtUpper:
		return s.up[j]
	}
	return 0
}

// setBasis installs the starting basis: the warm start if given, else the
// all-slack basis with each structural at the bound that makes its reduced
// cost dual feasible (so that the dual simplex can often start at once).
func (s *solver) setBasis(b *Basis) {
	m, n := s.m, s.n
	for j := 0; j < n; j++ {
		want := AtLower
		if s.cost[j] < 0 {
			want = AtUpper
		}
		if b != nil && j < len(b.Cols) {
			want = b.Cols[j]
		}
		if want != Basic {
			want = s.nonbasicStatus(j, want)
		}
		s.stat[j] = want
	}
	for i := 0; i < m; i++ {
		want := Basic
		if b != nil && i < len(b.Rows) {
			want = b.Rows[i]
		}
		if want != Basic {
			want = s.nonbasicStatus(n+i, want)
		}
		s.stat[n+i] = want
	}
	// Positions for the basic variables; extras beyond m are made
	// nonbasic, and missing ones left empty (-1) for refactor to fill
	// with slacks.
	k := 0
	for j := 0; j < s.nt; j++ {
		s.pos[j] = -1
		if s.stat[j] != Basic {
			continue
		}
		if k == m {
			s.stat[j] = s.nonbasicStatus(j, AtLower)
			continue
		}
		s.head[k], s.pos[j] = j, k
		k++
	}
	for ; k < m; k++ {
		s.head[k] = -1
	}
	for j := 0; j < s.nt; j++ {
		if s.stat[j] != Basic {
			s.x[j] = s.nonbasicValue(j)
		}
	}
}

// addColumn adds scale times variable j's column of [A -I] to the
// row-indexed vector b.
func (s *solver) addColumn(j int, b []float64, scale float64) {
	if j >= s.n {
		b[j-s.n] -= scale
		return
	}
	for e := s.cStart[j]; e < s.cStart[j+1]; e++ {
		b[s.cRow[e]] += scale * s.cVal[e]
	}
}

// basisMatrix gathers the columns of the basic variables (in position
// order) for the factorization.
func (s *solver) basisMatrix() *basisMatrix {
	b := &s.bm
	b.start = append(b.start[:0], 0)
	b.row, b.val = b.row[:0], b.val[:0]
	for _, j := range s.head {
		switch {
		case j < 0:
		case j >= s.n:
			b.row = append(b.row, j-s.n)
			b.val = append(b.val, -1)
		default:
			b.row = append(b.row, s.cRow[s.cStart[j]:s.cStart[j+1]]...)
			b.val = append(b.val, s.cVal[s.cStart[j]:s.cStart[j+1]]...)
		}
		b.start = append(b.start, len(b.row))
	}
	return b
}

// refactor factorizes the basis afresh, repairing a singular one by
// swapping dependent columns for slacks. It reports whether the basis
// changed.
func (s *solver) refactor() (bool, error) {
	changed := false
	for attempt := 0; attempt < 4; attempt++ {
		s.refactors++
		bad := s.f.factorize(s.basisMatrix())
		if bad == nil {
			s.factored = true
			return changed, nil
		}
		changed = true
		if len(bad.positions) != len(bad.rows) {
			break
		}
		for t, k := range bad.positions {
			if j := s.head[k]; j >= 0 {
				s.pos[j] = -1
				// Keep the variable near its current value: choose the
				// nearer bound.
				want := AtLower
				if math.Abs(s.x[j]-s.up[j]) < math.Abs(s.x[j]-s.lo[j]) {
					want = AtUpper
				}
				s.stat[j] = s.nonbasicStatus(j, want)
				s.x[j] = s.nonbasicValue(j)
			}
			j := s.n + bad.rows[t]
			s.head[k], s.pos[j], s.stat[j] = j, k, Basic
		}
	}
	// Last resort: the all-slack basis, which is always nonsingular.
	for j := 0; j < s.n; j++ {
		if s.stat[j] == Basic {
			s.pos[j] = -1
			s.stat[j] = s.nonbasicStatus(j, AtLower)
			s.x[j] = s.nonbasicValue(j)
		}
	}
	for i := 0; i < s.m; i++ {
		s.head[i], s.pos[s.n+i], s.stat[s.n+i] = s.n+i, i, Basic
	}
	s.refactors++
	if bad := s.f.factorize(s.basisMatrix()); bad != nil {
		s.factored = false
		return true, fmt.Errorf("%w: slack basis reported singular", ErrNumerical)
	}
	s.factored = true
	return true, nil
}

// computePrimal sets the basic variables from the nonbasic ones:
// B x_B = -N x_N.
func (s *solver) computePrimal() {
	s.infValid = false
	b := s.wRow
	for j := 0; j < s.nt; j++ {
		if s.stat[j] == Basic {
			continue
		}
		xj := s.nonbasicValue(j)
		s.x[j] = xj
		if xj == 0 {
			continue
		}
		if j >= s.n {
			b[j-s.n] += xj
			continue
		}
		for e := s.cStart[j]; e < s.cStart[j+1]; e++ {
			b[s.cRow[e]] -= s.cVal[e] * xj
		}
	}
	s.f.ftran(b, s.alpha, nil)
	clear(b)
	s.alphaListed = false
	for k, j := range s.head {
		s.x[j] = s.alpha[k]
	}
}

// infeasCost is the phase-1 cost of basic variable j: the gradient of its
// bound violation.
func (s *solver) infeasCost(j int) float64 {
	switch {
	case s.x[j] < s.lo[j]-PrimalTol:
		return -1
	case s.x[j] > s.up[j]+PrimalTol:
		return 1
	}
	return 0
}

// computeDuals sets y = B^-T c_B and the reduced costs d = c - [A -I]'y,
// with the phase-1 costs when phase1 is set.
func (s *solver) computeDuals(phase1 bool) {
	c := s.wPos
	for k, j := range s.head {
		if phase1 {
			c[k] = s.infeasCost(j)
		} else {
			c[k] = s.cost[j]
		}
	}
	s.f.btran(c, s.y, nil)
	clear(c)
	for j := 0; j < s.n; j++ {
		if s.stat[j] == Basic {
			s.d[j] = 0
			continue
		}
		dj := 0.0
		if !phase1 {
			dj = s.cost[j]
		}
		for e := s.cStart[j]; e < s.cStart[j+1]; e++ {
			dj -= s.cVal[e] * s.y[s.cRow[e]]
		}
		s.d[j] = dj
	}
	for i := 0; i < s.m; i++ {
		j := s.n + i
		if s.stat[j] == Basic {
			s.d[j] = 0
			continue
		}
		dj := s.y[i]
		if !phase1 {
			dj += s.cost[j]
		}
		s.d[j] = dj
	}
}

// primalInfeasibility returns the sum of bound violations of the basic
// variables beyond PrimalTol.
func (s *solver) primalInfeasibility() float64 {
	sum := 0.0
	for _, j := range s.head {
		if v := s.lo[j] - s.x[j]; v > PrimalTol {
			sum += v
		} else if v := s.x[j] - s.up[j]; v > PrimalTol {
			sum += v
		}
	}
	return sum
}

// dualInfeasibility returns the sum of the reduced-cost sign violations
// of the nonbasic variables beyond DualTol and beyond their round-off
// (dualNoise).
func (s *solver) dualInfeasibility() float64 {
	sum := 0.0
	for j := 0; j < s.nt; j++ {
		sum += s.dualInfeasible(j)
	}
	return sum
}

// dualInfeasible is the nonbasic j's reduced-cost sign violation when it
// is beyond DualTol and beyond its round-off (dualNoise), else 0.
func (s *solver) dualInfeasible(j int) float64 {
	if v := s.dualViolation(j); v > DualTol && v > s.dualNoise(j) {
		return v
	}
	return 0
}

// dualNoise is the round-off a reduced cost d_j may carry: DualRoundoff
// times the magnitude of the terms it is computed from, |c_j| and the
// |a_ij y_i| of its column (|y_i| for row i's logical), with the duals y
// of the last computeDuals (the magnitude is what matters, not the last
// few updates).
func (s *solver) dualNoise(j int) float64 {
	sum := math.Abs(s.cost[j])
	if j >= s.n {
		sum += math.Abs(s.y[j-s.n])
	} else {
		for e := s.cStart[j]; e < s.cStart[j+1]; e++ {
			sum += math.Abs(s.cVal[e] * s.y[s.cRow[e]])
		}
	}
	return DualRoundoff * sum
}

// dualViolation is how far d_j is from the sign its status requires.
func (s *solver) dualViolation(j int) float64 {
	dj := s.d[j]
	switch s.stat[j] {
	case AtLower:
		return -dj
	case AtUpper:
		return dj
	case AtZero:
		return math.Abs(dj)
	}
	return 0
}

// recompute recomputes x and d from scratch, washing out the error of
// their updates, after refactorizing the basis if force is set or the
// factorization carries more than FreshEtas updates (a few eta updates
// lose no accuracy worth a refactorization, which dominates short warm
// started solves).
func (s *solver) recompute(force bool) error {
	if force || !s.factored || s.f.numEtas() > FreshEtas {
		if _, err := s.refactor(); err != nil {
			return err
		}
	}
	s.computePrimal()
	s.computeDuals(false)
	s.fresh = true
	return nil
}

// ftranColumn sets alpha = B^-1 a_j.
func (s *solver) ftranColumn(j int) {
	if debugScratch {
		s.checkScratch()
	}
	if s.alphaListed {
		for _, k := range s.alphaIdx {
			s.alpha[k] = 0
		}
	} else {
		clear(s.alpha)
	}
	b := s.wRow
	s.addColumn(j, b, 1)
	rows := s.one[:]
	if j < s.n {
		rows = s.cRow[s.cStart[j]:s.cStart[j+1]]
	} else {
		rows[0] = j - s.n
	}
	s.f.ftranSparse(b, rows, s.alpha, &s.alphaIdx)
	s.alphaListed = true
}

// btranUnit sets rho = B^-T e_r, row r of B^-1.
func (s *solver) btranUnit(r int) {
	if debugScratch {
		s.checkScratch()
	}
	// rho is written only here, with its nonzeros listed.
	for _, i := range s.rhoIdx {
		s.rho[i] = 0
	}
	c := s.wPos
	c[r] = 1
	s.one[0] = r
	s.f.btranSparse(c, s.one[:], s.rho, &s.rhoIdx)
}

// debugScratch makes checkScratch run before every solve of a column or
// unit vector (tests only).
var debugScratch = false

// checkScratch panics unless the scratch vectors are all zero and alpha,
// rho and flipDx zero outside their lists of nonzeros (when listed): what
// the sparse solves need instead of clearing m entries each.
func (s *solver) checkScratch() {
	zeroOutside := func(name string, v []float64, idx []int) {
		in := make(map[int]bool, len(idx))
		for _, k := range idx {
			in[k] = true
		}
		for k, e := range v {
			if e != 0 && !in[k] {
				panic(fmt.Sprintf("simplex: %s[%d] = %g outside its list", name, k, e))
			}
		}
	}
	zeroOutside("wRow", s.wRow, nil)
	zeroOutside("wPos", s.wPos, nil)
	if s.alphaListed {
		zeroOutside("alpha", s.alpha, s.alphaIdx)
	}
	zeroOutside("rho", s.rho, s.rhoIdx)
	zeroOutside("flipDx", s.flipDx, s.flipIdx)
}

// pivotRow sets ar[j] = rho'a_j for every nonbasic j (row r of B^-1 N),
// and arIdx to the list of the nonzero ones; every other entry of ar is
// zero. It goes row-wise over the nonzeros of rho when rho is sparse (the
// usual case in structured problems, where the cost is then proportional
// to the nonzeros touched rather than to the number of columns) and
// column-wise otherwise.
func (s *solver) pivotRow() {
	n := s.n
	ar := s.ar
	for _, j := range s.arIdx {
		ar[j] = 0
	}
	idx := s.arIdx[:0]
	if len(s.rhoIdx)*4 < s.m {
		s.stamp++
		if s.stamp == 0 { // wrapped: reset the marks
			clear(s.mark)
			s.stamp = 1
		}
		for _, i := range s.rhoIdx {
			ri := s.rho[i]
			for e := s.rStart[i]; e < s.rStart[i+1]; e++ {
				j := s.rCol[e]
				if s.mark[j] != s.stamp {
					s.mark[j] = s.stamp
					idx = append(idx, j)
				}
				ar[j] += ri * s.rVal[e]
			}
		}
		// Keep the nonbasic, non-negligible entries.
		k := 0
		for _, j := range idx {
			if s.stat[j] == Basic || math.Abs(ar[j]) < DropTol {
				ar[j] = 0
				continue
			}
			idx[k] = j
			k++
		}
		idx = idx[:k]
	} else {
		for j := 0; j < n; j++ {
			if s.stat[j] == Basic {
				continue
			}
			v := 0.0
			for e := s.cStart[j]; e < s.cStart[j+1]; e++ {
				v += s.cVal[e] * s.rho[s.cRow[e]]
			}
			if math.Abs(v) >= DropTol {
				ar[j] = v
				idx = append(idx, j)
			}
		}
	}
	for _, i := range s.rhoIdx {
		if j := n + i; s.stat[j] != Basic {
			ar[j] = -s.rho[i]
			idx = append(idx, j)
		}
	}
	s.arIdx = idx
}

// tick counts an iteration and checks the limit and the context.
func (s *solver) tick() error {
	if s.iters >= s.maxIter {
		return ErrIterationLimit
	}
	s.iters++
	if s.iters&63 == 0 {
		if err := s.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// basisChange makes q basic in position r in place of the variable there,
// which leaves nonbasic with status leave, and records the eta.
func (s *solver) basisChange(r, q int, leave VarStatus) {
	p := s.head[r]
	s.f.update(r, s.alpha, s.alphaIdx)
	s.head[r] = q
	s.pos[q] = r
	s.stat[q] = Basic
	s.pos[p] = -1
	s.stat[p] = leave
	s.d[q] = 0
}

// leaveStatus is the status of a variable leaving at its upper or lower
// bound.
func (s *solver) leaveStatus(j int, toUpper bool) VarStatus {
	switch {
	case s.lo[j] == s.up[j]:
		return Fixed
	case toUpper:
		return AtUpper
	}
	return AtLower
}

// perturbBounds widens the bounds of the basic variables by small random
// amounts, so that degenerate basic variables (at a bound) move off it and
// the primal simplex makes progress (Harris 1973; Gill, Murray, Saunders and
// Wright 1989 use a related expanding tolerance).
func (s *solver) perturbBounds() {
	for _, j := range s.head {
		if !math.IsInf(s.lo[j], -1) {
			s.lo[j] -= PerturbScale * (1 + math.Abs(s.lo0[j])) * (1 + s.rng.Float64())
		}
		if !math.IsInf(s.up[j], 1) {
			s.up[j] += PerturbScale * (1 + math.Abs(s.up0[j])) * (1 + s.rng.Float64())
		}
	}
	s.boundPerturbed = true
	s.perturbations++
}

// perturbCosts moves the costs of the nonbasic variables away from dual
// degeneracy, each in the direction that keeps its reduced cost feasible,
// so the dual simplex makes progress.
func (s *solver) perturbCosts() {
	for j := 0; j < s.nt; j++ {
		var sign float64
		switch s.stat[j] {
		case AtLower:
			sign = 1
		case AtUpper:
			sign = -1
		default:
			continue
		}
		eps := sign * PerturbScale * (1 + math.Abs(s.cost0[j])) * (1 + s.rng.Float64())
		s.cost[j] += eps
		s.d[j] += eps
	}
	s.costPerturbed = true
	s.perturbations++
}

// perturbed reports whether the working bounds or costs differ from the
// problem's.
func (s *solver) perturbed() bool {
	return s.boundPerturbed || s.costPerturbed || s.costShifted
}

// removePerturbation restores the true bounds and costs and recomputes
// the primal and dual values.
func (s *solver) removePerturbation() error {
	copy(s.lo, s.lo0)
	copy(s.up, s.up0)
	copy(s.cost, s.cost0)
	s.boundPerturbed, s.costPerturbed, s.costShifted = false, false, false
	return s.recompute(false)
}
