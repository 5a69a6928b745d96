package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
)

// HoldTol is the relative tolerance with which a lexicographic stage holds
// the optimum of the stages before it: a stage-k optimum z is kept as
// objective_k >= z - HoldTol*max(1,|z|) (<= for minimization). Holding it
// exactly would make later stages fail on round-off alone.
const HoldTol = 1e-7

// Objective is one level of a lexicographic objective.
type Objective struct {
	Name     string
	Maximize bool
	Terms    []Term
	// FixIntegers solves the stage with the integer variables fixed at
	// the previous stage's values: an LP instead of a branch and bound,
	// for stages that only choose among the continuous solutions of equal
	// worth (a tie-break), where a search over the integers would prove
	// differences too small to matter at a great cost.
	FixIntegers bool
	// ColdStart starts the stage afresh instead of from the optimal basis
	// of the stage before (a basis from Options.Stages is still used: it is
	// for this objective). For an objective unrelated to the one before,
	// the primal simplex from that basis can take longer than the dual
	// simplex from scratch, several times longer on cardio's large models
	// (docs/performance.md, "What was done, and what it gave").
	ColdStart bool
	// Form is a problem equivalent to the one Lexicographic is given, to
	// solve the stage on instead: the same variables first (bounds,
	// integrality), then variables of its own that its rows tie to them,
	// and rows that allow exactly the given problem's points once those
	// variables are left out (their projection). The hold rows of the
	// stages before, which are over the given problem's variables, are
	// appended to it. A model whose rows repeat long sums or chain its
	// periods can be written so that the simplex's factors stay sparse
	// (model.Stage1Form, model.IncrementsForm), while the other stages do
	// better on the given rows. The stage's point, cut to the given
	// problem's variables, is checked against its rows; a point that fails
	// is a bug, and the stage is solved again on the given problem. The
	// stage ends without a basis of the given problem, so a stage after
	// it starts cold; the hints (the stage before's point) are hints on
	// the form when FormPoint extends them.
	Form *Problem
	// FormBlocks, for a cold stage on a Form, gives the block (as in
	// Options.Blocks) of each of the form's own variables, those past the
	// given problem's: with Options.Blocks, the stage then starts from
	// the form's blocks.
	FormBlocks []int
	// FormPoint, for a stage on a Form, extends a point of the given
	// problem to the form's variables (their values at it), so that the
	// stage before's point and the other hints are hints on the form too:
	// without an incumbent from the start, a search that the node limit
	// stops has no plan to give.
	FormPoint func(x []float64) []float64
}

// LexResult is the outcome of a lexicographic solve.
type LexResult struct {
	// Solution of the last stage solved (of the first when it was infeasible).
	*Solution
	// Values[k] is the optimum of objective k (as solved, before later stages).
	Values []float64
	// Bounds[k] bounds objective k's optimum from the other side of
	// Values[k] (above for a maximization): Values[k] itself when stage k
	// was solved to optimality, the branch and bound's best bound when the
	// node limit stopped it. Gaps[k] is their relative gap, 0 when
	// optimal (Solution.Gap).
	Bounds, Gaps []float64
	// Stages[k] is how stage k ended, for Options.Stages of a later solve
	// of a similar problem.
	Stages []Stage
	// Problem is p with every hold row added and the last objective set
	// (and the integers fixed when the last stage has FixIntegers).
	Problem *Problem
	// Stopped says Options.StopAfter ended the solve before the last
	// stage: Values and Solution are those of the stages solved.
	Stopped bool
	// Iters counts the simplex iterations of every stage, branch and bound
	// included: a measure of the solve's work that, unlike its time, is
	// the same on every run.
	Iters int
}

// Lexicographic optimizes objs in order: each stage optimizes its objective
// while holding the optimum of every earlier stage (see HoldTol). Integer
// variables are handled by branch and bound at every stage. p is not modified.
// A stage that is infeasible or unbounded ends the solve with that status.
//
// Stage 1 starts from opt.WarmStart. Each later stage starts from the basis
// of the stage before (the hold row's slack basic keeps it a basis) unless
// it asks for a ColdStart, and has that stage's point as a hint: it
// satisfies the hold row, so branch and bound has an incumbent from the
// start. A cold stage starts from the slack basis, or from its blocks'
// optimal bases when opt.Blocks gives the blocks (see Options.Blocks).
// When opt.Stages[k] fits stage k's problem (as many variables and rows),
// stage k starts from its basis instead, which is near optimal for a
// similar problem, and its point is a hint too. A stage with a Form is
// solved on it (see Objective.Form), from opt.Stages[k] when that fits
// the form, else from the form's blocks. Which start and which form are
// used changes the work done, not the optima; where the optimum is not
// unique it may change which optimal point is returned.
func Lexicographic(ctx context.Context, p *Problem, objs []Objective, lp LPSolver, opt Options) (*LexResult, error) {
	q := p.Clone()
	if opt.ExtendStages {
		// The stages' matrices are the first one's with hold rows added:
		// they extend its preparation (firstStage).
		q.first = &firstStage{}
	}
	res := &LexResult{Problem: q}
	withinGap, gap := false, 0.0
	warm, hints := opt.WarmStart, opt.Hints
	for k, o := range objs {
		q.SetObjective(o)
		if o.FixIntegers && k > 0 {
			fixIntegers(q, res.Stages[k-1].X)
		}
		sopt := opt
		sopt.Stages, sopt.WarmStart, sopt.Hints, sopt.StopAfter = nil, warm, hints, nil
		if outer := opt.Progress; outer != nil {
			name := o.Name
			sopt.Progress = func(string) { outer(name) }
		}
		if o.ColdStart && k > 0 {
			sopt.WarmStart = nil
		}
		if k < len(opt.Stages) {
			if st := opt.Stages[k]; st.fits(q) {
				st.startFrom(&sopt, opt.IncumbentStarts)
				if st.X != nil {
					sopt.Hints = append(slices.Clip(hints), st.X)
				}
			}
		}
		sc := stageCtx{k: k, base: len(p.Rows)}
		if o.ColdStart && k > 0 && sopt.WarmStart == nil && opt.Blocks != nil && len(q.Rows) >= blockStartMinRows {
			sc.blocks, sc.x = opt.Blocks, res.X
		}
		if onForm(q, o) && k < len(opt.Stages) {
			sc.start = &opt.Stages[k]
		}
		sol, st, err := solveStage(ctx, q, o, res, lp, sopt, sc)
		if errors.Is(err, ErrIterationLimit) && (sopt.WarmStart != nil || sopt.NodeStarts != nil || sc.start != nil || sc.blocks != nil) {
			// A start changes the work, not the optimum, and the simplex
			// can stall from one where it would not from the slack basis:
			// the tie-break stage of a two-region model, started from
			// the stage before's basis, ran into the iteration limit and
			// took 35 iterations cold (TestStalledStartSolvedCold).
			sopt.WarmStart, sopt.NodeStarts = nil, nil
			sol, st, err = solveStage(ctx, q, o, res, lp, sopt, stageCtx{k: k, base: sc.base})
		}
		if err != nil {
			return nil, fmt.Errorf("stage %d (%s): %w", k+1, o.Name, err)
		}
		res.Solution = sol
		res.Iters += sol.Iters
		if sol.Status != Optimal && sol.Status != OptimalWithinGap {
			return res, nil
		}
		res.Values = append(res.Values, sol.Objective)
		res.Stages = append(res.Stages, st)
		bound, stageGap := sol.Objective, 0.0
		if sol.Status == OptimalWithinGap {
			withinGap, gap = true, math.Max(gap, sol.Gap)
			bound, stageGap = sol.Bound, sol.Gap
		}
		res.Bounds, res.Gaps = append(res.Bounds, bound), append(res.Gaps, stageGap)
		last := k == len(objs)-1
		res.Stopped = !last && opt.StopAfter != nil && opt.StopAfter(k, sol.Objective)
		if last || res.Stopped {
			if withinGap {
				// An earlier stage's optimum was only proven within the
				// gap: the result says so, with the largest stage's gap
				// (a last stage with integers fixed has none of its own).
				sol.Status, sol.Gap = OptimalWithinGap, gap
			}
			break
		}
		hold(q, o, sol.Objective)
		warm = nil
		if sol.Basis != nil {
			// The new row's slack is basic: the old optimal basis stays a
			// basis, so the next stage starts from it.
			warm = &Basis{Vars: sol.Basis.Vars, Rows: append(slices.Clone(sol.Basis.Rows), Basic)}
		}
		// This stage's point satisfies the new hold row.
		hints = [][]float64{sol.X}
	}
	return res, nil
}

// stageCtx is what solveStage needs of Lexicographic beyond the stage's
// problem and options.
type stageCtx struct {
	k    int // the stage, from 0
	base int // the given problem's rows: q's rows past them are hold rows
	// blocks and x, when set, start the stage from its blocks (blockStart)
	// with the linking variables near x, the stage before's point.
	blocks []int
	x      []float64
	// start is the stage as a similar solve ended it, on o.Form.
	start *Stage
}

// onForm reports whether q's stage with objective o is solved on o.Form.
func onForm(q *Problem, o Objective) bool {
	return o.Form != nil && len(o.Form.Vars) >= len(q.Vars)
}

// solveStage solves stage sc.k of Lexicographic: q with o set, on o.Form
// when it has one, with the integers fixed at the stage before's point
// when o asks for it.
func solveStage(ctx context.Context, q *Problem, o Objective, res *LexResult, lp LPSolver, sopt Options, sc stageCtx) (*Solution, Stage, error) {
	if onForm(q, o) {
		sol, st, err := solveOnForm(ctx, q, o, lp, sopt, sc)
		if sol != nil || err != nil {
			return sol, st, err
		}
	}
	if sc.blocks != nil {
		sopt.WarmStart = blockStart(ctx, q, sc.blocks, sc.x, lp)
	}
	k := sc.k
	var sol *Solution
	var err error
	if o.FixIntegers && k > 0 {
		sol, err = solveFixed(ctx, q, res.Stages[k-1].X, lp, sopt)
	} else {
		sol, err = Solve(ctx, q, lp, sopt)
	}
	if sol == nil {
		return nil, Stage{}, err
	}
	return sol, stageOf(sol), err
}

// solveOnForm solves a stage, q with o set, on o.Form (see
// Objective.Form) with q's hold rows added, started from sc.start when it
// fits the form, else from the form's blocks when sc asks for a block
// start and o gives them. It returns the solution cut to q's variables,
// without a basis, duals or reduced costs (they are the form's), and the
// stage as the form ended it, for a later solve's start. It returns no
// solution and no error when the form's point breaks q: the caller solves
// q itself.
func solveOnForm(ctx context.Context, q *Problem, o Objective, lp LPSolver, sopt Options, sc stageCtx) (*Solution, Stage, error) {
	f := o.Form.Clone()
	f.first = nil
	f.Rows = append(f.Rows, q.Rows[sc.base:]...)
	f.SetObjective(o)
	fopt := sopt
	fopt.WarmStart, fopt.Hints = nil, nil
	own := len(f.Vars) - len(q.Vars)
	switch {
	case sc.start != nil && sc.start.fits(f):
		sc.start.startFrom(&fopt, sopt.IncumbentStarts)
		if sc.start.X != nil {
			fopt.Hints = [][]float64{sc.start.X}
		}
	case sc.blocks != nil && len(o.FormBlocks) == own:
		// The form's own variables lie in blocks, so their values in
		// the point (0 here) do not matter.
		blocks := append(slices.Clip(sc.blocks), o.FormBlocks...)
		x := append(slices.Clip(sc.x), make([]float64, own)...)
		fopt.WarmStart = blockStart(ctx, f, blocks, x, lp)
	}
	if o.FormPoint != nil {
		for _, h := range sopt.Hints {
			if len(h) == len(q.Vars) {
				if x := o.FormPoint(h); len(x) == len(f.Vars) {
					fopt.Hints = append(fopt.Hints, x)
				}
			}
		}
	}
	sol, err := Solve(ctx, f, lp, fopt)
	if err != nil {
		return nil, Stage{}, err
	}
	st := stageOf(sol)
	out := *sol
	out.Basis, out.Duals, out.ReducedCosts = nil, nil, nil
	if sol.X != nil {
		out.X = sol.X[:len(q.Vars):len(q.Vars)]
	}
	if sol.Status == Optimal || sol.Status == OptimalWithinGap {
		if Check(q, out.X) != nil {
			return nil, Stage{}, nil
		}
	}
	return &out, st, nil
}

// hold adds the row that holds o's optimum z (see HoldTol).
func hold(q *Problem, o Objective, z float64) {
	slack := HoldTol * math.Max(1, math.Abs(z))
	if o.Maximize {
		q.AddRow("hold_"+o.Name, o.Terms, GE, z-slack)
	} else {
		q.AddRow("hold_"+o.Name, o.Terms, LE, z+slack)
	}
}

// fixIntegers fixes q's integer variables at their values in x, rounded.
func fixIntegers(q *Problem, x []float64) {
	for j := range q.Vars {
		if v := &q.Vars[j]; v.Integer {
			xj := math.Min(math.Max(math.Round(x[j]), v.Lower), v.Upper)
			v.Lower, v.Upper = xj, xj
		}
	}
}

// solveFixed solves q, whose integers fixIntegers fixed at x's values.
// When that LP is infeasible and loosenFixed widens them, q (widened) is
// solved again.
func solveFixed(ctx context.Context, q *Problem, x []float64, lp LPSolver, opt Options) (*Solution, error) {
	sol, err := Solve(ctx, q, lp, opt)
	if err == nil && sol.Status == Infeasible && loosenFixed(q, x) {
		sol, err = Solve(ctx, q, lp, opt)
	}
	return sol, err
}

// loosenFixed widens the integers fixIntegers fixed in q at x's values to
// x_j within FeasTol*max(1, |x_j|), as continuous variables, when x is a
// point of q (Check): the stage's LP is then infeasible only because x
// meets some row within FeasTol and not exactly, as a branch and bound's
// answer may (a team's FTE 2.5e-8 short of its whole headcount where the
// work to give it is at its most), and an LP with the integers exactly at
// those values holds its rows to its own, tighter tolerance. It reports
// whether it widened them. Found on the roster example in whole people
// at a budget of $5,573,333.33: stages 1 to 3 solved, stage 4 infeasible,
// so the plan was reported infeasible with no conflict to show.
func loosenFixed(q *Problem, x []float64) bool {
	if Check(q, x) != nil {
		return false
	}
	for j := range q.Vars {
		if v := &q.Vars[j]; v.Integer {
			w := FeasTol * math.Max(1, math.Abs(v.Lower))
			v.Lower, v.Upper, v.Integer = v.Lower-w, v.Upper+w, false
		}
	}
	return true
}

// StageProblem returns the problem Lexicographic poses at stage k
// (0-based): p with the hold rows of the stages before, whose optima it
// computes with lp, and objective k set (and the integers fixed when that
// stage asks for it). It is for audits: another solver given this problem
// must find the optimum Lexicographic found at stage k. It fails when an
// earlier stage has no optimum.
func StageProblem(ctx context.Context, p *Problem, objs []Objective, k int, lp LPSolver, opt Options) (*Problem, error) {
	if k < 0 || k >= len(objs) {
		return nil, fmt.Errorf("%w: stage %d of %d", ErrBadProblem, k+1, len(objs))
	}
	if k == 0 {
		q := p.Clone()
		q.SetObjective(objs[0])
		return q, nil
	}
	res, err := Lexicographic(ctx, p, objs[:k], lp, opt)
	if err != nil {
		return nil, err
	}
	if len(res.Values) < k {
		return nil, fmt.Errorf("stage %d is %v: stage %d has no problem to pose", len(res.Values)+1, res.Status, k+1)
	}
	q := res.Problem
	hold(q, objs[k-1], res.Values[k-1])
	q.SetObjective(objs[k])
	if objs[k].FixIntegers {
		fixIntegers(q, res.X)
		// Widened as Lexicographic widens it, when its LP is infeasible.
		// The solve only decides that: should it fail, the problem is
		// still posed, for another solver to try.
		sopt := opt
		sopt.Stages, sopt.StopAfter, sopt.Progress = nil, nil, nil
		_, _ = solveFixed(ctx, q, res.X, lp, sopt)
	}
	return q, nil
}

// stageOf is how a stage solved as sol ended, for a later start.
func stageOf(sol *Solution) Stage {
	return Stage{Basis: sol.Basis, X: sol.X, RootBasis: sol.RootBasis, NodeBases: sol.NodeBases}
}

// startFrom sets o to start a similar problem's stage from st: its root
// relaxation and nodes from the stage's root and node bases when it was
// solved by branch and bound, unless incumbent asks for the incumbent
// node's basis alone (Options.IncumbentStarts). A stage without a basis
// leaves o's start as it is.
func (st Stage) startFrom(o *Options, incumbent bool) {
	b := st.Basis
	if st.RootBasis != nil && !incumbent {
		b = st.RootBasis
		o.NodeStarts = st.NodeBases
	}
	if b != nil {
		o.WarmStart = b
	}
}

// fits reports whether st can start a solve of q: a basis of q's shape
// and a point of q's variables, each when there is one.
func (st Stage) fits(q *Problem) bool {
	if st.X != nil && len(st.X) != len(q.Vars) {
		return false
	}
	return st.Basis == nil || len(st.Basis.Vars) == len(q.Vars) && len(st.Basis.Rows) == len(q.Rows)
}
