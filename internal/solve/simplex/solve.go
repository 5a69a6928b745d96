package simplex

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
)

// maxRounds bounds the alternations between the primal and dual simplex
// (each round ends with the perturbation removed and the basis
// re-verified); more than a few means the problem is numerically hostile.
const maxRounds = 12

// Solve solves the linear program p. opt may be nil.
//
// The returned error is nil for Optimal, Infeasible and Unbounded results.
// It wraps ErrIterationLimit (with a Result holding the last basis) when the
// limit is reached, the context's error when ctx is done, ErrBadProblem for a
// malformed problem and ErrNumerical when the method breaks down.
func Solve(ctx context.Context, p *Problem, opt *Options) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return solve(ctx, p, options(opt), func(noScale bool) *matrix { return newMatrix(p, noScale) }, nil, nil, nil)
}

// options returns *opt, or the zero Options for nil.
func options(opt *Options) Options {
	if opt == nil {
		return Options{}
	}
	return *opt
}

// Prepared is a problem's matrix made ready once (duplicates merged, scaled,
// indexed by row and by column) for many solves that differ only in costs
// and bounds, such as the nodes of a branch and bound, which then skip that
// work. It is safe for concurrent use.
type Prepared struct {
	p      *Problem
	scaled *matrix
	// plain is the unscaled matrix, made on first need (the polish of
	// Solve, or Options.NoScale).
	plainOnce sync.Once
	plain     *matrix
}

// Prepare validates p and prepares its matrix.
func Prepare(p *Problem) (*Prepared, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Prepared{p: p, scaled: newMatrix(p, false)}, nil
}

// Solve solves q as Solve does. q must have the prepared problem's matrix:
// the same NumRows and the very same ColStart, RowIndex and Value slices
// (ErrBadProblem otherwise); its costs and bounds may be any.
func (pp *Prepared) Solve(ctx context.Context, q *Problem, opt *Options) (*Result, error) {
	if err := pp.check(q); err != nil {
		return nil, err
	}
	return solve(ctx, q, options(opt), pp.matrix, &spare, nil, nil)
}

// check reports a q that is not the prepared matrix with valid costs and
// bounds.
func (pp *Prepared) check(q *Problem) error {
	p := pp.p
	same := func(a, b []int) bool { return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) }
	if q.NumRows != p.NumRows || !same(q.ColStart, p.ColStart) || !same(q.RowIndex, p.RowIndex) ||
		len(q.Value) != len(p.Value) || len(q.Value) > 0 && &q.Value[0] != &p.Value[0] {
		return fmt.Errorf("%w: the problem does not have the prepared matrix", ErrBadProblem)
	}
	return q.validateVectors()
}

func (pp *Prepared) matrix(noScale bool) *matrix {
	if !noScale {
		return pp.scaled
	}
	pp.plainOnce.Do(func() { pp.plain = newMatrix(pp.p, true) })
	return pp.plain
}

// A Sequence solves a series of problems on one Prepared matrix, as branch
// and bound does along a dive: when a solve starts from the basis the last
// one ended with, it continues from that solve's factorization and values
// (with the new costs and bounds) instead of factorizing the basis again.
// A Sequence is not safe for concurrent use; its results are a function of
// the sequence of calls, so a deterministic caller gets deterministic
// results.
type Sequence struct {
	pp   *Prepared
	last *solver // the solver of the last solve when it can be continued
}

// NewSequence starts a sequence of solves on pp's matrix.
func (pp *Prepared) NewSequence() *Sequence { return &Sequence{pp: pp} }

// Release ends the sequence: the solver it kept to continue from goes
// back to the Prepared for other solves to reuse. The sequence may still
// be used; its next solve starts afresh.
func (sq *Sequence) Release() {
	spare.put(sq.last)
	sq.last = nil
}

// Solve solves q as Prepared.Solve does, continuing from the last solve
// when opt.Basis is the basis that solve returned.
func (sq *Sequence) Solve(ctx context.Context, q *Problem, opt *Options) (*Result, error) {
	pp := sq.pp
	if err := pp.check(q); err != nil {
		return nil, err
	}
	o := options(opt)
	last := sq.last
	sq.last = nil
	var start *solver
	if last != nil && !o.NoScale && o.Basis != nil && last.hasBasis(o.Basis) {
		start = last.continueWith(ctx, q, o)
	} else if last != nil {
		// A restart within the sequence (a branch-and-bound node from a
		// stored basis) reuses the last solver's buffers, of this very
		// matrix's size, even when they are too large for the process's
		// free list to keep: allocating them afresh cost a node of a
		// months plan several milliseconds, more than its iteration.
		start = newSolverOn(ctx, pp.matrix(o.NoScale), q, o, last)
		start.setBasis(o.Basis)
	}
	return solve(ctx, q, o, pp.matrix, &spare, start, &sq.last)
}

// hasBasis reports whether b gives every variable the status it has in s.
func (s *solver) hasBasis(b *Basis) bool {
	if len(b.Cols) != s.n || len(b.Rows) != s.m {
		return false
	}
	for j, st := range b.Cols {
		if st != s.stat[j] {
			return false
		}
	}
	for i, st := range b.Rows {
		if st != s.stat[s.n+i] {
			return false
		}
	}
	return true
}

// continueWith turns the finished solver s into the start of a solve of q
// (same matrix, other costs and bounds) from its final basis, keeping its
// factorization, which run then does not redo.
func (s *solver) continueWith(ctx context.Context, q *Problem, o Options) *solver {
	s.start(ctx, o)
	clear(s.reject)
	clear(s.rejectRow)
	s.anyRejected = false
	s.setVectors(q)
	for j := 0; j < s.nt; j++ {
		if s.stat[j] != Basic {
			s.stat[j] = s.nonbasicStatus(j, s.stat[j])
			s.x[j] = s.nonbasicValue(j)
		}
	}
	s.fresh = false
	s.hot = s.factored
	return s
}

// maxSpares bounds the finished solvers the process keeps for reuse (a
// few per core: each goroutine solving holds one at a time), and
// maxSpareBytes the memory each may hold: a solver of a large model is
// left to the garbage collector rather than kept, since its solves take
// long enough that reusing its buffers gains little. A typical-model
// solver holds about 0.2 MB, a large-model one about 3 MB (with 4 MB here
// the large plan's marginal values kept 40 MB of spares).
const (
	maxSpares     = 8
	maxSpareBytes = 1 << 20
)

// spares is a free list of finished solvers. Unlike a sync.Pool it is not
// emptied by each garbage collection, which in an allocation-heavy sweep
// came often enough to make most solves allocate their buffers afresh.
// There is one, spare, for the whole process rather than one per
// Prepared: a risk run or a sweep prepares a new matrix for every stage of
// every plan, and a list per matrix would start empty each time.
type spares struct {
	mu   sync.Mutex
	free []*solver
}

// get returns a spare solver, or nil (also for a nil list).
func (sp *spares) get() *solver {
	if sp == nil {
		return nil
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if len(sp.free) == 0 {
		return nil
	}
	s := sp.free[len(sp.free)-1]
	sp.free = sp.free[:len(sp.free)-1]
	return s
}

// put keeps s for reuse, if there is room and it is small enough (nil s
// and a nil list are allowed).
func (sp *spares) put(s *solver) {
	if sp == nil || s == nil {
		return
	}
	s.ctx, s.matrix = nil, nil
	if s.footprint() > maxSpareBytes {
		return
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if len(sp.free) < maxSpares {
		sp.free = append(sp.free, s)
	}
}

// footprint estimates the bytes s's buffers hold: a dozen vectors over all
// variables, a few over the rows, the factorization's off-pivot entries and
// eta file, and the sparse LU of its nucleus.
func (s *solver) footprint() int {
	f := s.f
	return 8*(14*s.nt+12*s.m) + 16*(cap(f.oRow)+cap(f.tPos)+cap(f.etaIdx)) + f.nuc.footprint()
}

// solve solves the valid problem p on the matrices mat gives (scaled, or
// not when its argument is true). It runs start, a solver a Sequence
// continues, or else a new one on spare's buffers (spare may be nil).
// When keep is not nil and the result needs no polish, the solver is left
// in *keep, to be continued, instead of going back to spare.
func solve(ctx context.Context, p *Problem, o Options, mat func(noScale bool) *matrix, spare *spares, start *solver, keep **solver) (*Result, error) {
	s := start
	if s == nil {
		s = newSolverOn(ctx, mat(o.NoScale), p, o, spare.get())
		s.setBasis(o.Basis)
	}
	res, err := finishOnce(s, p)
	done := err != nil || res.Status != Optimal || o.NoScale || accurate(p, res)
	if err == nil && done && keep != nil {
		*keep = s
	} else {
		spare.put(s)
	}
	if done {
		return res, err
	}
	return polish(ctx, p, o, res, mat, spare)
}

// polish re-solves p without scaling from the basis of res, an optimum
// that tolerances met in the scaled space but missed once unscaled (a row
// scaled down by a large factor), which usually takes a handful of
// iterations. If the polish fails, res is still the best answer.
func polish(ctx context.Context, p *Problem, o Options, res *Result, mat func(noScale bool) *matrix, spare *spares) (*Result, error) {
	o2 := o
	o2.NoScale = true
	o2.Basis = &res.Basis
	o2.MaxIter = PolishMaxIter
	if o.MaxIter > 0 {
		o2.MaxIter = max(1, min(PolishMaxIter, o.MaxIter-res.Iters))
	}
	res2, err2 := solve(ctx, p, o2, mat, spare, nil, nil)
	if err2 != nil || res2.Status != Optimal {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return res, nil
	}
	res2.Iters += res.Iters
	res2.PrimalIters += res.PrimalIters
	res2.DualIters += res.DualIters
	res2.Refactors += res.Refactors
	return res2, nil
}

// finishOnce runs the started solver s and reads its result.
func finishOnce(s *solver, p *Problem) (*Result, error) {
	st, err := s.run()
	if errors.Is(err, ErrIterationLimit) {
		return s.result(p, IterationLimit), err
	}
	if err != nil {
		return nil, err
	}
	return s.result(p, st), nil
}

// run drives the solve: it alternates the dual simplex (whenever the basis
// is not primal feasible, made dual feasible first) and the primal simplex
// until a basis is primal and dual feasible for the unperturbed problem on
// freshly recomputed values.
func (s *solver) run() (Status, error) {
	// A continued solve (hot) has the factorization of its basis.
	hot := s.hot
	s.hot = false
	if err := s.recompute(!hot); err != nil {
		return 0, err
	}
	forcePrimal := s.opt.Method == Primal
	triedPhase1 := false
	for round := 0; round < maxRounds; round++ {
		if round >= 3 {
			s.allowPerturb = false
		}
		if !s.fresh {
			if err := s.recompute(false); err != nil {
				return 0, err
			}
		}
		pinf := s.primalInfeasibility() > 0
		if !pinf && s.dualInfeasibility() == 0 {
			if s.perturbed() {
				if err := s.removePerturbation(); err != nil {
					return 0, err
				}
				continue
			}
			return Optimal, nil
		}
		// The dual simplex needs a dual feasible basis: flips and small
		// cost shifts give one when the reduced costs are nearly right (the
		// usual case after bound changes or added rows), the auxiliary
		// dual phase 1 otherwise (tried once: if the problem is dual
		// infeasible, the primal must classify it anyway).
		var st Status
		var err error
		useDual := false
		if (pinf || s.opt.Method == Dual && !triedPhase1) && !forcePrimal {
			// Only a basis the dual simplex will work on (primal
			// infeasible) has its small dual infeasibilities shifted
			// away: on a primal feasible one the primal simplex runs
			// next, and a shift would hide from it what it must price
			// (with Method Dual, an infeasibility shifted away and
			// restored every round, until maxRounds).
			useDual = pinf && s.restoreDualFeasibility()
			if !useDual && !triedPhase1 {
				triedPhase1 = true
				if useDual, err = s.dualPhase1(); err != nil {
					return IterationLimit, err
				}
			}
			useDual = useDual && s.primalInfeasibility() > 0
		}
		if useDual {
			st, err = s.dual()
		} else {
			st, err = s.primal()
		}
		if err != nil {
			return st, err
		}
		switch st {
		case Cutoff:
			return Cutoff, nil
		case Infeasible:
			if useDual && !(farkasProofs && s.infeasibilityProven()) {
				// Confirm with the primal phase 1: the dual's verdict
				// rests on one row and the pivot tolerance, and that row
				// did not prove it by itself.
				forcePrimal = true
				continue
			}
			if s.perturbed() {
				// Perturbation only widens bounds and infeasibility does not
				// depend on costs, so the true problem is infeasible too;
				// restore it for the reported point.
				if err := s.removePerturbation(); err != nil {
					return 0, err
				}
			}
			return Infeasible, nil
		case Unbounded:
			if s.perturbed() {
				// The ray was found for perturbed bounds or shifted costs:
				// look again without them.
				if err := s.removePerturbation(); err != nil {
					return 0, err
				}
				s.allowPerturb = false
				continue
			}
			return Unbounded, nil
		}
		// Optimal for the perturbed problem or handed over: verify next round.
		if st == Optimal && s.perturbed() {
			if err := s.removePerturbation(); err != nil {
				return 0, err
			}
		}
	}
	return 0, fmt.Errorf("%w: no convergence after %d primal/dual rounds", ErrNumerical, maxRounds)
}

// result maps the solver state back to the unscaled problem.
func (s *solver) result(p *Problem, st Status) *Result {
	m, n := s.m, s.n
	res := &Result{
		Status:      st,
		X:           make([]float64, n),
		RowAct:      make([]float64, m),
		Basis:       Basis{Cols: append([]VarStatus(nil), s.stat[:n]...), Rows: append([]VarStatus(nil), s.stat[n:]...)},
		Iters:       s.iters,
		PrimalIters: s.primalIters,
		DualIters:   s.dualIters,
		Refactors:   s.refactors,
	}
	for j := 0; j < n; j++ {
		// Nonbasic values are exactly the original bounds (scaling by
		// powers of two is exact, and perturbations are removed).
		switch s.stat[j] {
		case AtLower, Fixed:
			res.X[j] = p.ColLo[j]
		case AtUpper:
			res.X[j] = p.ColUp[j]
		case AtZero:
			res.X[j] = 0
		default:
			res.X[j] = s.x[j] * s.colScale[j]
			if p.ColLo[j] == p.ColUp[j] {
				// A fixed variable left basic by a degenerate pivot
				// holds its value to round-off only (a forced-in
				// investment at 0.99999999999909): it is its bound.
				res.X[j] = p.ColLo[j]
			}
		}
	}
	for j := 0; j < n; j++ {
		xj := res.X[j]
		res.Obj += p.Obj[j] * xj
		if xj == 0 {
			continue
		}
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			res.RowAct[p.RowIndex[e]] += p.Value[e] * xj
		}
	}
	if st != Optimal {
		return res
	}
	res.Duals = make([]float64, m)
	res.RedCosts = make([]float64, n)
	for i := 0; i < m; i++ {
		if s.stat[n+i] != Basic {
			res.Duals[i] = s.y[i] * s.rowScale[i]
		}
	}
	for j := 0; j < n; j++ {
		if s.stat[j] == Basic {
			continue
		}
		// From the original data, so that RedCosts = c - A'Duals holds to
		// round-off in the caller's terms.
		dj := p.Obj[j]
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			dj -= p.Value[e] * res.Duals[p.RowIndex[e]]
		}
		res.RedCosts[j] = dj
	}
	return res
}

// accurate reports whether an optimal result is primal and dual feasible
// within ResultTol in the original (unscaled) units.
func accurate(p *Problem, r *Result) bool {
	viol := func(v, lo, up float64) bool {
		return v < lo-ResultTol*math.Max(1, math.Abs(lo)) || v > up+ResultTol*math.Max(1, math.Abs(up))
	}
	for j, x := range r.X {
		if viol(x, p.ColLo[j], p.ColUp[j]) {
			return false
		}
	}
	// A row is judged against the largest term it sums when that exceeds
	// its bounds (see solve.Check): round-off is relative to the terms.
	big := make([]float64, p.NumRows)
	for j, x := range r.X {
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			if a := math.Abs(p.Value[e] * x); a > big[p.RowIndex[e]] {
				big[p.RowIndex[e]] = a
			}
		}
	}
	for i, a := range r.RowAct {
		lo, up := p.RowLo[i], p.RowUp[i]
		if a < lo-ResultTol*math.Max(big[i], math.Max(1, math.Abs(lo))) ||
			a > up+ResultTol*math.Max(big[i], math.Max(1, math.Abs(up))) {
			return false
		}
	}
	for j, st := range r.Basis.Cols {
		tol := ResultTol * math.Max(1, math.Abs(p.Obj[j]))
		d := r.RedCosts[j]
		if st == AtLower && d < -tol || st == AtUpper && d > tol || st == AtZero && math.Abs(d) > tol {
			return false
		}
	}
	for i, st := range r.Basis.Rows {
		d := r.Duals[i] // the reduced cost of row i's logical
		if st == AtLower && d < -ResultTol || st == AtUpper && d > ResultTol || st == AtZero && math.Abs(d) > ResultTol {
			return false
		}
	}
	return true
}

// spare is the process's free list of finished solvers (see spares).
var spare spares

// WithRows prepares q, the prepared problem with rows added: q's first
// pp's NumRows rows and all its columns must have the prepared matrix's
// entries (the caller's promise), and only the entries of the rows after
// are read. The old rows and the columns keep their scale factors; each
// added row is equilibrated alone, scaled by the power of two nearest to
// one over its largest scaled entry. Nothing of the old rows is merged,
// scaled or indexed again: this is for the stages of a lexicographic
// solve, each the first with hold rows added (solve.Options.ExtendStages).
func (pp *Prepared) WithRows(q *Problem) (*Prepared, error) {
	if err := q.validateVectors(); err != nil {
		return nil, err
	}
	b, m0 := pp.scaled, pp.p.NumRows
	m, n := q.NumRows, q.NumCols()
	if n != pp.p.NumCols() || m < m0 || len(q.ColStart) != n+1 || q.ColStart[0] != 0 ||
		len(q.RowIndex) != q.ColStart[n] || len(q.Value) != q.ColStart[n] {
		return nil, fmt.Errorf("%w: %d rows and %d columns do not extend the prepared %d and %d", ErrBadProblem, m, n, m0, pp.p.NumCols())
	}
	// The added rows' entries of each column, merged as newMatrix merges:
	// in order of first appearance, duplicates summed, zeros dropped.
	type entry struct {
		j, i int
		v    float64
	}
	var added []entry
	where := make([]int, m-m0)
	for i := range where {
		where[i] = -1
	}
	for j := 0; j < n; j++ {
		start := len(added)
		for e := q.ColStart[j]; e < q.ColStart[j+1]; e++ {
			i := q.RowIndex[e]
			if i < 0 || i >= m || math.IsNaN(q.Value[e]) || math.IsInf(q.Value[e], 0) {
				return nil, fmt.Errorf("%w: entry %d of column %d: row %d, value %g", ErrBadProblem, e, j, i, q.Value[e])
			}
			if i < m0 {
				continue
			}
			if w := where[i-m0]; w >= 0 {
				added[w].v += q.Value[e]
				continue
			}
			where[i-m0] = len(added)
			added = append(added, entry{j, i, q.Value[e]})
		}
		k := start
		for _, a := range added[start:] {
			where[a.i-m0] = -1
			if a.v != 0 {
				added[k] = a
				k++
			}
		}
		added = added[:k]
	}
	// The added rows' factors.
	a := &matrix{colScale: b.colScale, rowScale: make([]float64, m)}
	copy(a.rowScale, b.rowScale)
	hi := make([]float64, m-m0)
	for _, e := range added {
		if v := math.Abs(e.v) * b.colScale[e.j]; v > hi[e.i-m0] {
			hi[e.i-m0] = v
		}
	}
	for i := m0; i < m; i++ {
		a.rowScale[i] = 1
		if hi[i-m0] > 0 {
			a.rowScale[i] = pow2(1 / hi[i-m0])
		}
	}
	// Columns: the old entries, then the added ones, scaled.
	nnz := len(b.cRow) + len(added)
	a.cStart = make([]int, n+1)
	a.cRow = make([]int, 0, nnz)
	a.cVal = make([]float64, 0, nnz)
	k := 0
	for j := 0; j < n; j++ {
		a.cRow = append(a.cRow, b.cRow[b.cStart[j]:b.cStart[j+1]]...)
		a.cVal = append(a.cVal, b.cVal[b.cStart[j]:b.cStart[j+1]]...)
		for ; k < len(added) && added[k].j == j; k++ {
			e := added[k]
			a.cRow = append(a.cRow, e.i)
			a.cVal = append(a.cVal, e.v*(a.rowScale[e.i]*a.colScale[j]))
		}
		a.cStart[j+1] = len(a.cRow)
	}
	// Rows: the old ones as they were, then the added ones in column order.
	a.rStart = make([]int, m+1)
	copy(a.rStart, b.rStart)
	for _, e := range added {
		a.rStart[e.i+1]++
	}
	for i := m0; i < m; i++ {
		a.rStart[i+1] += a.rStart[i]
	}
	a.rCol = make([]int, nnz)
	a.rVal = make([]float64, nnz)
	old := b.rStart[m0]
	copy(a.rCol, b.rCol[:old])
	copy(a.rVal, b.rVal[:old])
	next := append([]int(nil), a.rStart[m0:m]...)
	for j := 0; j < n; j++ {
		for e := a.cStart[j]; e < a.cStart[j+1]; e++ {
			if i := a.cRow[e]; i >= m0 {
				a.rCol[next[i-m0]] = j
				a.rVal[next[i-m0]] = a.cVal[e]
				next[i-m0]++
			}
		}
	}
	return &Prepared{p: q, scaled: a}, nil
}
