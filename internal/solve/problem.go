package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Sentinel errors. Backends wrap them with detail; callers test with errors.Is.
var (
	// ErrInfeasible: no point satisfies the rows and bounds.
	ErrInfeasible = errors.New("solve: infeasible")
	// ErrUnbounded: the objective improves without limit.
	ErrUnbounded = errors.New("solve: unbounded")
	// ErrIterationLimit: the backend stopped before reaching an optimum.
	ErrIterationLimit = errors.New("solve: iteration limit reached")
	// ErrNodeLimit: branch and bound stopped before finding any integer point.
	ErrNodeLimit = errors.New("solve: node limit reached without an integer solution")
	// ErrUnverified: the backend returned a point that fails the feasibility check.
	ErrUnverified = errors.New("solve: backend returned a point that violates the problem")
	// ErrNumerical: the backend failed for numerical reasons.
	ErrNumerical = errors.New("solve: numerical failure")
	// ErrBadProblem: the problem itself is malformed (NaN coefficients, lower > upper, bad index).
	ErrBadProblem = errors.New("solve: malformed problem")
)

// Tolerances shared by all backends and by Check.
const (
	// FeasTol is the absolute tolerance, scaled by max(1, |rhs|, largest
	// |a_j x_j|) for rows and max(1, |bound|) for bounds, within which a
	// point counts as feasible (see Check).
	FeasTol = 1e-7
	// IntTol is how far from an integer an integer variable may be.
	IntTol = 1e-6
	// OptTol is the tolerance on reduced costs at an optimum.
	OptTol = 1e-9
)

// Sense is the relation of a row to its right-hand side.
type Sense int8

const (
	LE Sense = iota // sum <= rhs
	GE              // sum >= rhs
	EQ              // sum == rhs
)

func (s Sense) String() string {
	switch s {
	case LE:
		return "<="
	case GE:
		return ">="
	case EQ:
		return "="
	}
	return fmt.Sprintf("Sense(%d)", int8(s))
}

// Var is a decision variable. Lower may be -Inf and Upper +Inf.
type Var struct {
	Name    string
	Lower   float64
	Upper   float64
	Integer bool
}

// Term is one nonzero coefficient of a row or of the objective.
type Term struct {
	Var  int
	Coef float64
}

// Row is a sparse linear constraint: sum(Terms) Sense RHS.
type Row struct {
	Name  string
	Terms []Term
	Sense Sense
	RHS   float64
}

// Problem is a linear program, mixed-integer when some Var is Integer.
// The objective is sum_j Obj[j]*x[j] + ObjConst, minimized unless Maximize.
type Problem struct {
	Name     string
	Maximize bool
	Vars     []Var
	Rows     []Row
	Obj      []float64 // len(Vars); missing entries count as 0
	ObjConst float64

	// first, when set, carries the prepared matrix of the problem this
	// one extends by rows (Lexicographic with ExtendStages sets it; see
	// firstStage).
	first *firstStage
}

// AddVar appends a variable and returns its index.
func (p *Problem) AddVar(name string, lower, upper float64) int {
	p.Vars = append(p.Vars, Var{Name: name, Lower: lower, Upper: upper})
	return len(p.Vars) - 1
}

// AddRow appends a row and returns its index.
func (p *Problem) AddRow(name string, terms []Term, sense Sense, rhs float64) int {
	p.Rows = append(p.Rows, Row{Name: name, Terms: terms, Sense: sense, RHS: rhs})
	return len(p.Rows) - 1
}

// SetObj sets the objective coefficient of variable j.
func (p *Problem) SetObj(j int, c float64) {
	if len(p.Obj) < len(p.Vars) {
		obj := make([]float64, len(p.Vars))
		copy(obj, p.Obj)
		p.Obj = obj
	}
	p.Obj[j] = c
}

// SetObjective makes o the objective (its sense and terms; no constant).
// The zero Objective leaves a feasibility problem.
func (p *Problem) SetObjective(o Objective) {
	p.Maximize = o.Maximize
	p.Obj = make([]float64, len(p.Vars))
	p.ObjConst = 0
	for _, t := range o.Terms {
		p.Obj[t.Var] += t.Coef
	}
}

// ObjCoef returns the objective coefficient of variable j.
func (p *Problem) ObjCoef(j int) float64 {
	if j < len(p.Obj) {
		return p.Obj[j]
	}
	return 0
}

// Objective evaluates the objective at x.
func (p *Problem) Objective(x []float64) float64 {
	z := p.ObjConst
	for j, c := range p.Obj {
		if c != 0 {
			z += c * x[j]
		}
	}
	return z
}

// Clone returns a copy whose Vars, Obj and Rows slices may be modified or
// appended to without touching p. Row terms are shared: replace a row's
// Terms slice rather than writing into it.
func (p *Problem) Clone() *Problem {
	q := *p
	q.Vars = append([]Var(nil), p.Vars...)
	q.Rows = append([]Row(nil), p.Rows...)
	q.Obj = append([]float64(nil), p.Obj...)
	return &q
}

// validateVectors is Validate without the rows' terms: the objective, the
// bounds, the right-hand sides and senses, all a solve on a matrix
// validated before (a prepared one) needs to check.
func (p *Problem) validateVectors() error {
	if len(p.Obj) > len(p.Vars) {
		return fmt.Errorf("%w: %d objective coefficients for %d variables", ErrBadProblem, len(p.Obj), len(p.Vars))
	}
	for j, v := range p.Vars {
		if math.IsNaN(v.Lower) || math.IsNaN(v.Upper) || v.Lower > v.Upper || math.IsInf(v.Lower, 1) || math.IsInf(v.Upper, -1) {
			return fmt.Errorf("%w: variable %q has bounds [%g, %g]", ErrBadProblem, v.Name, v.Lower, v.Upper)
		}
		if c := p.ObjCoef(j); math.IsNaN(c) || math.IsInf(c, 0) {
			return fmt.Errorf("%w: variable %q has objective coefficient %g", ErrBadProblem, v.Name, c)
		}
	}
	for _, r := range p.Rows {
		if math.IsNaN(r.RHS) || math.IsInf(r.RHS, 0) {
			return fmt.Errorf("%w: row %q has right-hand side %g", ErrBadProblem, r.Name, r.RHS)
		}
		if r.Sense != LE && r.Sense != GE && r.Sense != EQ {
			return fmt.Errorf("%w: row %q has sense %d", ErrBadProblem, r.Name, r.Sense)
		}
	}
	return nil
}

// Validate reports a malformed problem (wrapping ErrBadProblem).
func (p *Problem) Validate() error {
	if err := p.validateVectors(); err != nil {
		return err
	}
	return validateTerms(p, p.Rows)
}

// validateTerms reports a term of rows (some of p's) that names no
// variable of p or has no finite coefficient.
func validateTerms(p *Problem, rows []Row) error {
	for _, r := range rows {
		for _, t := range r.Terms {
			if t.Var < 0 || t.Var >= len(p.Vars) {
				return fmt.Errorf("%w: row %q names variable %d of %d", ErrBadProblem, r.Name, t.Var, len(p.Vars))
			}
			if math.IsNaN(t.Coef) || math.IsInf(t.Coef, 0) {
				return fmt.Errorf("%w: row %q has coefficient %g", ErrBadProblem, r.Name, t.Coef)
			}
		}
	}
	return nil
}

// Status is the outcome of a solve.
type Status int8

const (
	Optimal          Status = iota // proven optimal (within OptTol, or the MIP gap tolerance)
	OptimalWithinGap               // branch and bound stopped at its node limit with an incumbent; Gap says how far it may be from optimal
	Infeasible
	Unbounded
	// Cutoff: the LP stopped once it had proven its optimum no better than
	// Options.Cutoff; only when Options.UseCutoff is set, and X is not a
	// solution.
	Cutoff
)

func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case OptimalWithinGap:
		return "optimal_within_gap"
	case Infeasible:
		return "infeasible"
	case Unbounded:
		return "unbounded"
	case Cutoff:
		return "cutoff"
	}
	return fmt.Sprintf("Status(%d)", int8(s))
}

// BasisStatus is the status of a variable or of a row's slack in a basis.
type BasisStatus int8

const (
	AtLower BasisStatus = iota // nonbasic at its lower bound
	AtUpper                    // nonbasic at its upper bound
	Basic
	FreeZero // nonbasic free variable at zero
	Fixed    // nonbasic fixed variable (lower == upper)
)

// Basis records which variables and row slacks are basic, for warm starts.
type Basis struct {
	Vars []BasisStatus // len(Problem.Vars)
	Rows []BasisStatus // len(Problem.Rows): status of the row's slack
}

// Solution is what a solver returns. Duals, ReducedCosts and Basis are nil
// when the backend does not provide them (gonum's lp.Simplex provides none).
type Solution struct {
	Status    Status
	Objective float64   // in the problem's own sense, including ObjConst
	X         []float64 // len(Problem.Vars)

	// Duals[i] is d(objective)/d(RHS[i]) at the optimum, in the problem's own
	// sense (for a maximization, the gain per unit of extra right-hand side).
	Duals []float64
	// ReducedCosts[j] is d(objective)/d(x[j]) for a nonbasic x[j].
	ReducedCosts []float64
	// Basis is the optimal basis of the LP (for branch and bound, of the
	// node relaxation that gave the incumbent, else of the root).
	Basis *Basis
	// RootBasis is, for branch and bound, the root relaxation's optimal
	// basis (nil for a plain LP, whose Basis is its only one), and
	// NodeBases the optimal bases of the nodes it solved, by node (up to a
	// few hundred), for Options.NodeStarts of a similar problem's search.
	RootBasis *Basis
	NodeBases map[string]*Basis

	// Branch and bound only.
	Bound float64 // best bound on the optimum over the open nodes
	Gap   float64 // |Objective-Bound| / max(1, |Objective|)
	Nodes int     // nodes explored
	Iters int     // simplex iterations, summed over all LPs solved
}

// Options tune a solve. The zero value is sensible.
type Options struct {
	// WarmStart is a basis to start from; backends without warm starts ignore it.
	WarmStart *Basis
	// MaxIter bounds simplex iterations per LP (0: the backend's default).
	MaxIter int
	// NodeLimit bounds branch-and-bound nodes (0: DefaultNodeLimitFor the
	// problem).
	NodeLimit int
	// GapTol is the relative gap at which branch and bound stops (0: DefaultGapTol).
	GapTol float64
	// UseCutoff and Cutoff let an LP stop as soon as it has proven that
	// its optimum is no better than Cutoff (a value of the problem's own
	// objective: at most Cutoff for a maximization, at least for a
	// minimization), with status Cutoff: branch and bound sets them to its
	// incumbent to prune a node without solving it to the end. A backend
	// may ignore them and solve to optimality.
	UseCutoff bool
	Cutoff    float64
	// Hints are points branch and bound tries before it searches: each has
	// its integer variables rounded and, if the point then breaks a row,
	// the continuous ones re-solved with the integers fixed; a feasible
	// result is the first incumbent, against which nodes are pruned. A
	// hint may be anything (a neighbouring problem's solution, an earlier
	// stage's); only feasible ones are used. A plain LP ignores them.
	Hints [][]float64
	// Counts says the integer variables stand for counts (whole people)
	// rather than yes-or-no choices. Branch and bound then offers the root
	// relaxation's point, its integers rounded, as the first incumbent
	// when no hint gave one (bb.roundRoot), so that a search the node
	// limit stops has a plan and a gap to state, and branches by pseudo
	// costs (bb.pick) from the first node, where another search does
	// after pseudoCostAfter nodes. When the node limit stops the search, it
	// moves the incumbent's integers a unit at a time toward the root's
	// values (bb.polish) and searches the neighbourhood of the incumbent
	// (bb.rins).
	Counts bool
	// noPolish turns bb.polish and bb.rins off, noRINS bb.rins alone,
	// for the tests that measure what they give.
	noPolish, noRINS bool
	// Stages is for Lexicographic: a start for each stage, from the solve
	// of a similar problem (see Stage). Other solves ignore it.
	Stages []Stage
	// IncumbentStarts is for Lexicographic with Stages: a stage solved by
	// branch and bound starts from the basis of the node that gave its
	// incumbent (Stage.Basis) rather than from its root relaxation's
	// (Stage.RootBasis), which is what the similar problem's root
	// relaxation is solved from by default. A problem with one input
	// changed (a marginal value, a workbench change) is nearest its root's
	// optimum; a risk draw, whose neighbour differs in several inputs at
	// once, did better from the incumbent's (see docs/performance.md).
	IncumbentStarts bool
	// NodeStarts are, for branch and bound, bases to start nodes from
	// instead of their parent's, by node (a similar problem's
	// Solution.NodeBases): the same node of a nearby problem is nearer
	// its own optimum than the parent's is. Lexicographic sets them from
	// Stages (unless IncumbentStarts).
	NodeStarts map[string]*Basis
	// Blocks is for Lexicographic: the block of each of the problem's
	// variables (0, 1, ...), or -1 for a variable that links blocks. A
	// stage that starts cold (Objective.ColdStart, and no basis from
	// Stages) on a problem of BlockStartMinRows rows or more then starts
	// from the blocks' own optimal bases, the linking variables fixed near
	// the stage before's point (blockStart): the dual simplex has only the
	// rows that link the blocks left to restore. It changes the work done,
	// not the optima (where the optimum is not unique, it may change which
	// optimal point is returned). Ignored unless it has one entry per
	// variable and at least two blocks.
	Blocks []int
	// ExtendStages is for Lexicographic with a Preparer (Revised): each
	// stage's matrix is the first stage's with the hold rows appended,
	// keeping its scale factors (firstStage), instead of one prepared and
	// scaled afresh. It is for many small plans, whose stages take a few
	// milliseconds each and a tenth of that to prepare (a risk run's
	// draws). On a large model the scale factors the hold rows take part
	// in matter more than the preparation, and the enterprise plans were
	// about twice as slow with it (docs/performance.md, "What was done,
	// and what it gave").
	ExtendStages bool
	// StopAfter is for Lexicographic: when set, it is called after each
	// stage but the last with the stage's index (from 0) and optimum, and
	// when it returns true the solve ends there, with the stages so far
	// (LexResult.Stopped). A caller that only needs to know whether a
	// stage's optimum passes a threshold skips the later stages.
	StopAfter func(stage int, value float64) bool
	// Progress, when set, is called after every LP a solve makes (each
	// branch-and-bound node and each hint tried counts one) with the name
	// of the lexicographic objective it belongs to ("" outside
	// Lexicographic), so that a long plan can say how far it has come. It
	// is called on the solving goroutine and must return quickly.
	Progress func(stage string)
}

// lpDone reports one LP solved to opt.Progress.
func (opt *Options) lpDone() {
	if opt.Progress != nil {
		opt.Progress("")
	}
}

// Stage is how one lexicographic stage ended: its optimal basis (nil when
// the backend gives none) and point. A Lexicographic solve started from the
// Stages of a similar problem (the same variables and rows, other numbers:
// a sweep's neighbouring point, a scenario with one input changed) starts
// each stage from that basis and offers that point as a hint, which takes
// a fraction of a cold start's iterations and branch-and-bound nodes. X
// may be nil: the stage then starts from the basis alone.
type Stage struct {
	Basis *Basis
	X     []float64
	// RootBasis is the basis of the stage's root relaxation when the
	// stage was solved by branch and bound (Solution.RootBasis), nil for a
	// plain LP, and NodeBases its nodes' (Solution.NodeBases).
	RootBasis *Basis
	NodeBases map[string]*Basis
}

// Branch and bound defaults.
const (
	DefaultNodeLimit = 10000
	DefaultGapTol    = 1e-9
	// DefaultNodeWork lowers the default node limit on large problems:
	// a search visits at most DefaultNodeWork / (variables + rows) nodes,
	// and at least MinNodeLimit. A node's LP costs more than in proportion
	// to the model's size (more iterations, each dearer): a fixed 10,000
	// nodes ran for minutes on the enterprise models, and for more than ten
	// on the largest, where the incumbent stopped improving after a few
	// hundred nodes and the bound hardly moved (docs/performance.md,
	// "Whole people at scale"). Nodes, not seconds: the same input gives
	// the same plan on any machine.
	DefaultNodeWork = 25_000_000
	MinNodeLimit    = 100
)

// DefaultNodeLimitFor is the node limit of a search of p when
// Options.NodeLimit is 0: DefaultNodeLimit, lowered on problems of more
// than DefaultNodeWork/DefaultNodeLimit variables and rows.
func DefaultNodeLimitFor(p *Problem) int {
	return min(DefaultNodeLimit, max(MinNodeLimit, DefaultNodeWork/max(1, len(p.Vars)+len(p.Rows))))
}

// Preparer is an LPSolver that can do once the work that depends only on a
// problem's rows, for the many solves of problems that differ from it only
// in variable bounds, objective, senses and right-hand sides: the nodes of
// a branch and bound.
type Preparer interface {
	LPSolver
	// Prepare returns an LPSolver for problems with p's rows: the same
	// Terms slices row for row, as Clone keeps them. It solves any other
	// problem as the Preparer itself would. It may keep state from one
	// solve to the next (to continue a dive) and is not safe for
	// concurrent use; if it has a method Release(), the caller calls it
	// when done, to hand that state back for reuse.
	Prepare(p *Problem) (LPSolver, error)
}

// LPSolver solves the continuous relaxation of a Problem: Integer flags are
// ignored. Implementations must return a Solution only after
// CheckRelaxation (Check without integrality) passes on its X (Status
// Optimal); for Infeasible, Unbounded and Cutoff (see Options.UseCutoff)
// they return the Solution with that Status and a nil error.
type LPSolver interface {
	SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error)
}
