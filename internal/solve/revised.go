package solve

import (
	"context"
	"errors"
	"fmt"
	"math"

	// Aliased: gonum.go declares a function named simplex.
	spx "github.com/cardio-planning/cardio/internal/solve/simplex"
)

// Revised is an LPSolver on the project's bounded-variable revised simplex
// (package simplex): sparse, with duals, reduced costs, a basis and warm
// starts, and a dual simplex that re-optimizes quickly after bound changes
// (branch and bound) or added rows (lexicographic stages).
//
// Basis convention: Basis.Vars[j] is the status of variable j; Basis.Rows[i]
// is the status of row i's slack, the nonnegative amount by which the row is
// not tight (rhs - activity for <=, activity - rhs for >=), so that a
// binding inequality is AtLower, a binding equality Fixed and a row that is
// not binding Basic. A warm start may have fewer Rows than the problem
// (rows added since: their slacks start basic) and need not be a valid
// basis: the solver repairs it.
type Revised struct{}

// SolveLP solves the continuous relaxation of p (Integer flags are
// ignored). Options.WarmStart and MaxIter are honoured; NodeLimit and GapTol
// do not apply.
func (Revised) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	sp := toSimplex(p)
	return solveRevised(ctx, p, opt, func(o *spx.Options) (*spx.Result, error) { return spx.Solve(ctx, sp, o) })
}

// Prepare converts and scales p's matrix once: the returned LPSolver solves
// problems with p's rows (see Preparer) without doing it again.
func (Revised) Prepare(p *Problem) (LPSolver, error) {
	if base := p.first.lookup(p); base != nil {
		return base.withRows(p)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	sp := toSimplex(p)
	pp, err := spx.Prepare(sp)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadProblem, err)
	}
	r := newPreparedRevised(p, sp, pp)
	p.first.remember(p, r)
	return r, nil
}

// withRows prepares p, which has r's problem's variables and rows and
// more rows after (see firstStage): only the added rows are validated,
// converted and scaled.
func (r *preparedRevised) withRows(p *Problem) (LPSolver, error) {
	if err := p.validateVectors(); err != nil {
		return nil, err
	}
	if err := validateTerms(p, p.Rows[len(r.p.Rows):]); err != nil {
		return nil, err
	}
	sp := toSimplexAfter(&r.scratch, p)
	pp, err := r.pp.WithRows(sp)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadProblem, err)
	}
	return newPreparedRevised(p, sp, pp), nil
}

// preparedRevised is Revised with one matrix prepared. Its solves are a
// simplex Sequence: one that starts from the basis the last one returned
// (a branch-and-bound dive) continues from its factorization.
type preparedRevised struct {
	p  *Problem // the problem prepared: its terms are the matrix
	pp *spx.Prepared
	// scratch is the prepared matrix with the costs and bounds of the solve
	// at hand, in vectors of its own reused from one solve to the next.
	scratch spx.Problem
	seq     *spx.Sequence
}

// newPreparedRevised returns a solver on pp, the matrix of sp, the
// computational form of p.
func newPreparedRevised(p *Problem, sp *spx.Problem, pp *spx.Prepared) *preparedRevised {
	r := &preparedRevised{p: p, pp: pp, scratch: *sp, seq: pp.NewSequence()}
	r.scratch.Obj, r.scratch.ColLo, r.scratch.ColUp, r.scratch.RowLo, r.scratch.RowUp = nil, nil, nil, nil, nil
	return r
}

func (r *preparedRevised) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	if !sameTerms(r.p, p) {
		return Revised{}.SolveLP(ctx, p, opt)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The terms are the prepared problem's, validated by Prepare.
	if err := p.validateVectors(); err != nil {
		return nil, err
	}
	sp := &r.scratch
	setSimplexVectors(sp, p)
	return solveRevised(ctx, p, opt, func(o *spx.Options) (*spx.Result, error) { return r.seq.Solve(ctx, sp, o) })
}

// another returns a solver on the same prepared matrix with state of its
// own (see PrepareCache).
func (r *preparedRevised) another() LPSolver {
	return newPreparedRevised(r.p, &r.scratch, r.pp)
}

// Release hands the solver state kept between solves back for reuse; the
// next solve starts afresh.
func (r *preparedRevised) Release() { r.seq.Release() }

// solveRevised runs solve (a simplex solve of p's computational form) with
// opt's warm start and limit, and maps the result back to p.
func solveRevised(ctx context.Context, p *Problem, opt Options, solve func(*spx.Options) (*spx.Result, error)) (*Solution, error) {
	sopt := &spx.Options{MaxIter: opt.MaxIter}
	if opt.UseCutoff {
		// The simplex minimizes sigma*(objective - ObjConst).
		sopt.UseCutoff = true
		sopt.Cutoff = opt.Cutoff - p.ObjConst
		if p.Maximize {
			sopt.Cutoff = -sopt.Cutoff
		}
	}
	if opt.WarmStart != nil {
		sopt.Basis = toSimplexBasis(p, opt.WarmStart)
	}
	r, err := solve(sopt)
	switch {
	case errors.Is(err, spx.ErrIterationLimit):
		return nil, fmt.Errorf("%w: revised simplex stopped after %d iterations", ErrIterationLimit, r.Iters)
	case errors.Is(err, spx.ErrNumerical):
		return nil, fmt.Errorf("%w: %v", ErrNumerical, err)
	case errors.Is(err, spx.ErrBadProblem):
		return nil, fmt.Errorf("%w: %v", ErrBadProblem, err)
	case err != nil:
		return nil, err
	}
	switch r.Status {
	case spx.Infeasible:
		return &Solution{Status: Infeasible, Iters: r.Iters}, nil
	case spx.Unbounded:
		return &Solution{Status: Unbounded, Iters: r.Iters}, nil
	case spx.Cutoff:
		return &Solution{Status: Cutoff, Iters: r.Iters}, nil
	case spx.Optimal:
	default:
		return nil, fmt.Errorf("%w: revised simplex returned status %v", ErrNumerical, r.Status)
	}
	// The simplex minimized; for a maximization it minimized -c, so the
	// multipliers change sign to be derivatives of the problem's own
	// objective.
	sigma := 1.0
	if p.Maximize {
		sigma = -1
	}
	sol := &Solution{
		Status:       Optimal,
		X:            r.X,
		Objective:    p.Objective(r.X),
		Duals:        make([]float64, len(p.Rows)),
		ReducedCosts: make([]float64, len(p.Vars)),
		Basis:        fromSimplexBasis(p, r.Basis),
		Iters:        r.Iters,
	}
	for i, y := range r.Duals {
		sol.Duals[i] = sigma * y
	}
	for j, d := range r.RedCosts {
		sol.ReducedCosts[j] = sigma * d
	}
	if err := CheckRelaxation(p, sol.X); err != nil {
		return nil, fmt.Errorf("revised simplex: %w", err)
	}
	return sol, nil
}

// toSimplex converts p to the computational form: rows become ranges on
// their activity (<= rhs: (-inf, rhs], >= rhs: [rhs, inf), = rhs: [rhs, rhs]),
// the matrix goes column-wise, and a maximization minimizes -c.
func toSimplex(p *Problem) *spx.Problem {
	return toSimplexAfter(nil, p)
}

// toSimplexAfter is toSimplex for a p whose first rows are those of old,
// the computational form of a problem it extends by rows (nil for none):
// old's entries are copied as they are, and only p's rows after them are
// read. Each column holds its entries in row order either way.
func toSimplexAfter(old *spx.Problem, p *Problem) *spx.Problem {
	n, m := len(p.Vars), len(p.Rows)
	first := 0
	if old != nil {
		first = old.NumRows
	}
	sp := &spx.Problem{NumRows: m, ColStart: make([]int, n+1)}
	setSimplexVectors(sp, p)
	for _, r := range p.Rows[first:] {
		for _, t := range r.Terms {
			sp.ColStart[t.Var+1]++
		}
	}
	for j := 0; j < n; j++ {
		sp.ColStart[j+1] += sp.ColStart[j]
		if old != nil {
			sp.ColStart[j+1] += old.ColStart[j+1] - old.ColStart[j]
		}
	}
	nnz := sp.ColStart[n]
	sp.RowIndex = make([]int, nnz)
	sp.Value = make([]float64, nnz)
	next := append([]int(nil), sp.ColStart[:n]...)
	if old != nil {
		for j := 0; j < n; j++ {
			next[j] += copy(sp.RowIndex[next[j]:], old.RowIndex[old.ColStart[j]:old.ColStart[j+1]])
			copy(sp.Value[sp.ColStart[j]:], old.Value[old.ColStart[j]:old.ColStart[j+1]])
		}
	}
	for i, r := range p.Rows[first:] {
		for _, t := range r.Terms {
			k := next[t.Var]
			sp.RowIndex[k], sp.Value[k] = first+i, t.Coef
			next[t.Var]++
		}
	}
	return sp
}

// setSimplexVectors sets sp's costs and bounds from p, in sp's own
// vectors when they have the room.
func setSimplexVectors(sp *spx.Problem, p *Problem) {
	n, m := len(p.Vars), len(p.Rows)
	sp.Obj = resize(sp.Obj, n)
	sp.ColLo = resize(sp.ColLo, n)
	sp.ColUp = resize(sp.ColUp, n)
	sp.RowLo = resize(sp.RowLo, m)
	sp.RowUp = resize(sp.RowUp, m)
	for j, v := range p.Vars {
		sp.ColLo[j], sp.ColUp[j] = v.Lower, v.Upper
		c := p.ObjCoef(j)
		if p.Maximize {
			c = -c
		}
		sp.Obj[j] = c
	}
	for i, r := range p.Rows {
		lo, up := math.Inf(-1), math.Inf(1)
		switch r.Sense {
		case LE:
			up = r.RHS
		case GE:
			lo = r.RHS
		case EQ:
			lo, up = r.RHS, r.RHS
		}
		sp.RowLo[i], sp.RowUp[i] = lo, up
	}
}

// resize returns v with length n, reusing its storage when it can (the
// caller sets every element).
func resize(v []float64, n int) []float64 {
	if cap(v) < n {
		return make([]float64, n)
	}
	return v[:n]
}

// A row's slack and its activity (the simplex's logical variable) move in
// opposite directions for <= rows: slack at lower <=> activity at upper.
func rowFlips(r Row) bool { return r.Sense == LE }

func toSimplexBasis(p *Problem, b *Basis) *spx.Basis {
	sb := &spx.Basis{Cols: make([]spx.VarStatus, 0, len(b.Vars)), Rows: make([]spx.VarStatus, 0, len(b.Rows))}
	for j := range min(len(b.Vars), len(p.Vars)) {
		sb.Cols = append(sb.Cols, toSimplexStatus(b.Vars[j], false))
	}
	for i := range min(len(b.Rows), len(p.Rows)) {
		sb.Rows = append(sb.Rows, toSimplexStatus(b.Rows[i], rowFlips(p.Rows[i])))
	}
	return sb
}

func fromSimplexBasis(p *Problem, sb spx.Basis) *Basis {
	b := &Basis{Vars: make([]BasisStatus, len(sb.Cols)), Rows: make([]BasisStatus, len(sb.Rows))}
	for j, s := range sb.Cols {
		b.Vars[j] = fromSimplexStatus(s, false)
	}
	for i, s := range sb.Rows {
		b.Rows[i] = fromSimplexStatus(s, rowFlips(p.Rows[i]))
	}
	return b
}

func toSimplexStatus(s BasisStatus, flip bool) spx.VarStatus {
	switch s {
	case AtLower:
		if flip {
			return spx.AtUpper
		}
		return spx.AtLower
	case AtUpper:
		if flip {
			return spx.AtLower
		}
		return spx.AtUpper
	case Basic:
		return spx.Basic
	case FreeZero:
		return spx.AtZero
	case Fixed:
		return spx.Fixed
	}
	// Unknown values: let the solver pick a bound.
	return spx.AtLower
}

func fromSimplexStatus(s spx.VarStatus, flip bool) BasisStatus {
	switch s {
	case spx.AtLower:
		if flip {
			return AtUpper
		}
		return AtLower
	case spx.AtUpper:
		if flip {
			return AtLower
		}
		return AtUpper
	case spx.Basic:
		return Basic
	case spx.AtZero:
		return FreeZero
	}
	return Fixed
}
