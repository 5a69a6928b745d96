package model

import (
	"context"

	"github.com/cardio-planning/cardio/internal/solve"
)

// Objective names, used for the hold rows of later stages.
const (
	StageHeart  = "heart_to_healthy"
	StageScores = "weighted_scores"
	StageSpend  = "total_spend"
)

// Objectives returns the three lexicographic objectives of DESIGN.md
// section 4: the heart up to healthy, then the weighted scores, then the
// least spend.
func (m *Model) Objectives() []solve.Objective {
	pol := m.S.Policy
	var heart, scores, spend []solve.Term
	for t := range m.H {
		heart = append(heart, solve.Term{Var: m.H1[t], Coef: 1})
		scores = append(scores, solve.Term{Var: m.H[t], Coef: pol.HeartWeight}, solve.Term{Var: m.B[t], Coef: pol.BrainWeight})
		spend = append(spend, solve.Term{Var: m.Spend[t], Coef: 1})
	}
	return []solve.Objective{
		{Name: StageHeart, Maximize: true, Terms: heart},
		{Name: StageScores, Maximize: true, Terms: scores},
		{Name: StageSpend, Maximize: false, Terms: spend},
	}
}

// Stage1 returns the model with the stage-1 objective set: what export-lp
// writes, and what an independent solver must agree with.
func (m *Model) Stage1() *solve.Problem {
	q := m.P.Clone()
	o := m.Objectives()[0]
	q.Maximize = o.Maximize
	q.Obj = make([]float64, len(q.Vars))
	for _, t := range o.Terms {
		q.Obj[t.Var] += t.Coef
	}
	return q
}

// Solve runs the three stages with the given LP backend.
func (m *Model) Solve(ctx context.Context, lp solve.LPSolver, opt solve.Options) (*solve.LexResult, error) {
	return solve.Lexicographic(ctx, m.P, m.Objectives(), lp, opt)
}
