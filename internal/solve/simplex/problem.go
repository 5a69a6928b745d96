package simplex

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors. Solve wraps them with detail; test with errors.Is.
var (
	// ErrBadProblem: the problem is malformed (shape mismatch, NaN, lower > upper, bad index).
	ErrBadProblem = errors.New("simplex: malformed problem")
	// ErrNumerical: the basis could not be factorized or kept accurate.
	ErrNumerical = errors.New("simplex: numerical failure")
	// ErrIterationLimit: the iteration limit was reached; the Result returned
	// alongside holds the last basis, so a caller may continue from it.
	ErrIterationLimit = errors.New("simplex: iteration limit reached")
)

// Tolerances and tuning constants. They apply to the scaled problem (see
// scale.go), whose matrix entries are of order one.
const (
	// PrimalTol is the primal feasibility tolerance: a variable within
	// PrimalTol of its bound counts as feasible. It is also the relaxation
	// used by the first pass of the Harris ratio test.
	PrimalTol = 1e-9
	// DualTol is the dual feasibility (optimality) tolerance on reduced costs,
	// and the Harris relaxation of the dual ratio test.
	DualTol = 1e-9
	// PivotTol is the smallest |alpha| accepted as a pivot by the ratio tests;
	// smaller entries are treated as zero so that no tiny pivot enters the
	// basis and blows up the factorization.
	PivotTol = 1e-7
	// DropTol: entries of transformed vectors and eta columns below it are
	// dropped as round-off.
	DropTol = 1e-14
	// SingularTol is the relative pivot size (against the largest entry of its
	// column) below which the factorization treats a basis column as dependent.
	SingularTol = 1e-11
	// CondLimit bounds the condition estimate of the nucleus's LU; beyond it
	// the basis is treated as singular and repaired.
	CondLimit = 1e13
	// ConsistencyTol bounds the relative disagreement between the pivot
	// element computed from the column (FTRAN) and from the row (BTRAN); a
	// larger gap means the factorization has drifted and is recomputed.
	ConsistencyTol = 1e-7
	// DualRoundoff is the relative round-off of a reduced cost, computed
	// as c_j - sum_i a_ij y_i: a violation no larger than DualRoundoff
	// times the magnitude of those terms (dualNoise) is no reason to pivot
	// and no proof of non-optimality, whatever DualTol says. It matters
	// only where the duals are huge, as hold rows can make them: reduced
	// costs that are truly zero then come out as a few ulps of the terms,
	// above DualTol, and the primal simplex swaps such columns back and
	// forth at zero gain until its iteration limit
	// (TestRoundoffStageEveryMethod in package solve holds such a stage).
	// Where the terms are of order one it is far below DualTol and changes
	// nothing.
	DualRoundoff = 1e-14
	// MaxCostShift bounds, relative to max(1, |c_j|), the reduced-cost
	// round-off the dual simplex absorbs by shifting costs instead of
	// handing over to the primal simplex.
	MaxCostShift = 1e-6
	// ResultTol is the relative tolerance, max(1, |bound|) or max(1, |c_j|)
	// scaled, with which the unscaled result must be primal and dual feasible;
	// otherwise it is polished by re-solving without scaling.
	ResultTol = 1e-8
)

// Tuning knobs that are not tolerances.
const (
	// RefactorEvery is the number of eta updates after which the basis is
	// factorized afresh, bounding both the eta file's cost and error
	// growth, unless the eta file is still short: fewer nonzeros than
	// rows, as the hypersparse updates of a large structured model leave
	// it (see factor.needRefactor). Then the basis is factorized afresh
	// after RefactorMax updates.
	RefactorEvery = 100
	RefactorMax   = 500
	// FreshEtas is the number of eta updates up to which the current
	// factorization is trusted to confirm a verdict (optimal, infeasible,
	// unbounded): x and d are recomputed with it rather than after a
	// refactorization.
	FreshEtas = 20
	// StallLimit is the number of consecutive degenerate iterations after
	// which bounds (primal) or costs (dual) are perturbed.
	StallLimit = 50
	// BlandLimit is the number of consecutive degenerate iterations after
	// which the primal simplex, perturbation notwithstanding, falls back to
	// Bland's rule, which cannot cycle.
	BlandLimit = 2000
	// PerturbScale is the relative size of the random perturbation applied to
	// bounds or costs against degeneracy.
	PerturbScale = 1e-7
	// CutoffMargin is the relative margin, of max(1, |Cutoff|), by which
	// the dual objective must pass Options.Cutoff before a solve stops: the
	// dual objective is a bound only up to the dual feasibility tolerance.
	CutoffMargin = 1e-7
	// PolishMaxIter bounds the iterations of the unscaled re-solve that
	// polishes an optimum found in the scaled space: from that basis it
	// takes a handful, and when the unscaled problem is too ill-conditioned
	// to finish in this many, the scaled optimum is the answer (it still
	// passes the callers' own checks, or the solve fails there).
	PolishMaxIter = 500
	// DevexReset is the reference weight beyond which devex weights are reset
	// to one, as their approximation has become poor.
	DevexReset = 1e7
)

// Status is the outcome of Solve.
type Status int8

const (
	Optimal        Status = iota // primal and dual feasible basis found
	Infeasible                   // no point satisfies the rows and bounds
	Unbounded                    // the objective decreases without limit
	IterationLimit               // stopped at Options.MaxIter
	// Cutoff: the dual simplex proved the optimum is at least
	// Options.Cutoff (see there); X is not a solution.
	Cutoff
)

func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case Infeasible:
		return "infeasible"
	case Unbounded:
		return "unbounded"
	case IterationLimit:
		return "iteration limit"
	case Cutoff:
		return "cutoff"
	}
	return fmt.Sprintf("Status(%d)", int8(s))
}

// VarStatus is the basis status of a structural or logical variable.
type VarStatus int8

const (
	AtLower VarStatus = iota // nonbasic at its lower bound
	AtUpper                  // nonbasic at its upper bound
	Basic                    // basic
	AtZero                   // nonbasic free variable at zero
	Fixed                    // nonbasic variable with lower == upper
)

func (v VarStatus) String() string {
	switch v {
	case AtLower:
		return "lower"
	case AtUpper:
		return "upper"
	case Basic:
		return "basic"
	case AtZero:
		return "zero"
	case Fixed:
		return "fixed"
	}
	return fmt.Sprintf("VarStatus(%d)", int8(v))
}

// Problem is a linear program in computational form:
//
//	minimize c'x  subject to  RowLo <= A x <= RowUp,  ColLo <= x <= ColUp.
//
// A is stored column-wise (compressed sparse column): the entries of column j
// are RowIndex[k], Value[k] for k in [ColStart[j], ColStart[j+1]). Duplicate
// entries are summed and zeros dropped. Bounds may be infinite; a row with
// RowLo == RowUp is an equality. The Problem is not modified by Solve.
type Problem struct {
	NumRows  int
	ColStart []int // len NumCols()+1
	RowIndex []int
	Value    []float64
	Obj      []float64 // len NumCols()
	ColLo    []float64
	ColUp    []float64
	RowLo    []float64 // len NumRows
	RowUp    []float64
}

// NumCols returns the number of structural variables.
func (p *Problem) NumCols() int { return len(p.ColLo) }

// Validate reports a malformed problem, wrapping ErrBadProblem.
func (p *Problem) Validate() error {
	if err := p.validateVectors(); err != nil {
		return err
	}
	n, m := len(p.ColLo), p.NumRows
	switch {
	case len(p.ColStart) != n+1 || p.ColStart[0] != 0:
		return fmt.Errorf("%w: ColStart has length %d for %d columns", ErrBadProblem, len(p.ColStart), n)
	case len(p.RowIndex) != p.ColStart[n] || len(p.Value) != p.ColStart[n]:
		return fmt.Errorf("%w: ColStart ends at %d with %d row indices and %d values", ErrBadProblem, p.ColStart[n], len(p.RowIndex), len(p.Value))
	}
	for j := 0; j < n; j++ {
		if p.ColStart[j] > p.ColStart[j+1] {
			return fmt.Errorf("%w: ColStart decreases at column %d", ErrBadProblem, j)
		}
	}
	for k, i := range p.RowIndex {
		if i < 0 || i >= m {
			return fmt.Errorf("%w: entry %d has row index %d of %d", ErrBadProblem, k, i, m)
		}
		if v := p.Value[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: entry %d has value %g", ErrBadProblem, k, v)
		}
	}
	return nil
}

// validateVectors checks what is not the matrix: the costs and bounds.
func (p *Problem) validateVectors() error {
	n, m := len(p.ColLo), p.NumRows
	switch {
	case m < 0:
		return fmt.Errorf("%w: %d rows", ErrBadProblem, m)
	case len(p.ColUp) != n || len(p.Obj) != n:
		return fmt.Errorf("%w: %d lower bounds, %d upper bounds, %d costs", ErrBadProblem, n, len(p.ColUp), len(p.Obj))
	case len(p.RowLo) != m || len(p.RowUp) != m:
		return fmt.Errorf("%w: %d rows but %d/%d row bounds", ErrBadProblem, m, len(p.RowLo), len(p.RowUp))
	}
	for j := 0; j < n; j++ {
		if err := checkBounds("column", j, p.ColLo[j], p.ColUp[j]); err != nil {
			return err
		}
		if c := p.Obj[j]; math.IsNaN(c) || math.IsInf(c, 0) {
			return fmt.Errorf("%w: column %d has cost %g", ErrBadProblem, j, c)
		}
	}
	for i := 0; i < m; i++ {
		if err := checkBounds("row", i, p.RowLo[i], p.RowUp[i]); err != nil {
			return err
		}
	}
	return nil
}

func checkBounds(what string, j int, lo, up float64) error {
	if math.IsNaN(lo) || math.IsNaN(up) || lo > up || math.IsInf(lo, 1) || math.IsInf(up, -1) {
		return fmt.Errorf("%w: %s %d has bounds [%g, %g]", ErrBadProblem, what, j, lo, up)
	}
	return nil
}

// Basis gives the status of every structural (Cols) and logical (Rows)
// variable. A valid basis has exactly NumRows Basic entries whose columns
// are linearly independent; Solve repairs one that is not.
type Basis struct {
	Cols []VarStatus
	Rows []VarStatus
}

// Method selects the algorithm.
type Method int8

const (
	// Auto runs the dual simplex when the starting basis is not primal
	// feasible (after bound changes, added rows, or on a cold start), making
	// it dual feasible first by bound flips, small cost shifts or the dual
	// phase 1; and the primal simplex when the basis is primal feasible but
	// not optimal (after objective changes) or the problem is dual
	// infeasible.
	Auto Method = iota
	// Primal forces the primal simplex (phase 1 and 2).
	Primal
	// Dual prefers the dual simplex: also from a primal feasible start that
	// is not dual feasible (after the dual phase 1). The primal simplex
	// still confirms infeasibility and cleans up after perturbations.
	Dual
)

// Options tune Solve. The zero value is sensible.
type Options struct {
	// MaxIter bounds the number of simplex iterations (0: DefaultMaxIter).
	MaxIter int
	// Basis is a starting basis (warm start). Missing row entries count as
	// Basic (new rows start with their slack basic), missing column entries
	// as nonbasic; a singular basis is repaired with slacks.
	Basis *Basis
	// Method selects primal or dual simplex (default Auto).
	Method Method
	// NoScale disables row and column scaling.
	NoScale bool
	// UseCutoff and Cutoff let a solve stop early, with status Cutoff, once
	// the dual simplex has proven that the optimum is at least Cutoff (plus
	// CutoffMargin of it): what branch and bound needs to prune a node
	// whose relaxation cannot beat the incumbent. The proof is the dual
	// objective of a dual feasible basis, taken only while the costs are
	// neither perturbed nor shifted.
	UseCutoff bool
	Cutoff    float64
	// Seed seeds the perturbation's random numbers (0 is a fixed default), so
	// that runs are reproducible.
	Seed uint64
}

// DefaultMaxIter returns the default iteration limit for an m x n problem.
func DefaultMaxIter(m, n int) int { return max(10000, 20*(m+n)) }

// Result is the outcome of Solve, in the unscaled space of the Problem.
type Result struct {
	Status Status
	// Obj is c'x at X.
	Obj float64
	// X holds the structural values, RowAct the row activities A x.
	X      []float64
	RowAct []float64
	// Duals[i] is the multiplier y_i of row i: the rate of change of the
	// optimum per unit of the row's active bound (zero for a basic slack).
	// RedCosts[j] = c_j - a_j'y. Both are set for Optimal results only.
	Duals    []float64
	RedCosts []float64
	// Basis is the final basis, a warm start for a related problem.
	Basis Basis
	// Iters counts simplex iterations (including bound flips); PrimalIters
	// and DualIters split them by algorithm.
	Iters, PrimalIters, DualIters int
	// Refactors counts basis factorizations.
	Refactors int
}
