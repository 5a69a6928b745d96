package solve

import (
	"context"
	"fmt"
	"math"
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
}

// LexResult is the outcome of a lexicographic solve.
type LexResult struct {
	// Solution of the last stage solved (of the first when it was infeasible).
	*Solution
	// Values[k] is the optimum of objective k (as solved, before later stages).
	Values []float64
	// Problem is p with every hold row added and the last objective set.
	Problem *Problem
}

// Lexicographic optimizes objs in order: each stage optimizes its objective
// while holding the optimum of every earlier stage (see HoldTol). Integer
// variables are handled by branch and bound at every stage. p is not modified.
// A stage that is infeasible or unbounded ends the solve with that status.
func Lexicographic(ctx context.Context, p *Problem, objs []Objective, lp LPSolver, opt Options) (*LexResult, error) {
	q := p.Clone()
	res := &LexResult{Problem: q}
	withinGap := false
	for k, o := range objs {
		q.Maximize = o.Maximize
		q.Obj = make([]float64, len(q.Vars))
		q.ObjConst = 0
		for _, t := range o.Terms {
			q.Obj[t.Var] += t.Coef
		}
		sol, err := Solve(ctx, q, lp, opt)
		if err != nil {
			return nil, fmt.Errorf("stage %d (%s): %w", k+1, o.Name, err)
		}
		res.Solution = sol
		if sol.Status != Optimal && sol.Status != OptimalWithinGap {
			return res, nil
		}
		res.Values = append(res.Values, sol.Objective)
		withinGap = withinGap || sol.Status == OptimalWithinGap
		if k == len(objs)-1 {
			if withinGap {
				// An earlier stage's optimum was only proven within the gap.
				sol.Status = OptimalWithinGap
			}
			break
		}
		slack := HoldTol * math.Max(1, math.Abs(sol.Objective))
		if o.Maximize {
			q.AddRow("hold_"+o.Name, o.Terms, GE, sol.Objective-slack)
		} else {
			q.AddRow("hold_"+o.Name, o.Terms, LE, sol.Objective+slack)
		}
		if sol.Basis != nil {
			// The new row's slack is basic: the old optimal basis stays a
			// basis, so the next stage starts from it.
			b := &Basis{Vars: sol.Basis.Vars, Rows: append(append([]BasisStatus(nil), sol.Basis.Rows...), Basic)}
			opt.WarmStart = b
		}
	}
	return res, nil
}
