package plan

import (
	"context"
	"fmt"
	"math"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// BudgetCaseResult is the least budget with which every period reaches the given
// heart (and brain) targets, subject to every other constraint of the
// scenario (DESIGN.md section 4): the budget trajectory keeps its shape and
// every period's budget scales by the same factor.
type BudgetCaseResult struct {
	HeartTarget float64 `json:"heart_target"`
	BrainTarget float64 `json:"brain_target"`
	// Feasible is false when no budget reaches the targets: the floors,
	// hiring and exit limits, central share or headcount cap stand in the
	// way. The other fields are then zero.
	Feasible bool `json:"feasible"`
	// Scale is the factor k applied to every period's budget (0 when the
	// scenario's budget is 0).
	Scale float64 `json:"scale"`
	// Annual is the least budget a year, k * budget.annual, or nil when the
	// scenario gives its budget per period.
	Annual  *float64           `json:"annual"`
	Periods []BudgetCasePeriod `json:"periods"`
}

// BudgetCasePeriod is one period of a budget case.
type BudgetCasePeriod struct {
	Label  string  `json:"label"`
	Budget float64 `json:"budget"` // k * budget[t]
	Spend  float64 `json:"spend"`  // what the least-budget solution spends in the period
}

// BudgetCase solves one LP on the scenario's model: each budget row
// spend[t] <= budget[t] becomes spend[t] - k*budget[t] <= 0 with a new
// variable k >= 0, rows heart[t] >= heartTarget (and brain[t] >=
// brainTarget when it is positive) are added, and k is minimized. All-or-
// nothing investments are handled by branch and bound. A second stage,
// holding the least k, minimizes the total spend, which is reported per
// period.
//
// The LP measures the least budget a year in money (model.NeedBudget) and
// the factor is derived from it, so that a budget of a fraction of a cent
// is measured like any other (issue 17). A scenario whose budget is 0 in
// every period has no factor that makes it enough: its Scale is 0, and
// Annual and Periods say what it needs (a per-period budget of zeros taken
// as flat).
func BudgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heartTarget, brainTarget float64) (*BudgetCaseResult, error) {
	if heartTarget < 0 || heartTarget > 1 || brainTarget < 0 || brainTarget > 1 || math.IsNaN(heartTarget+brainTarget) {
		return nil, fmt.Errorf("plan: budget case targets must be between 0 and 1, got heart %v and brain %v", heartTarget, brainTarget)
	}
	if err := model.CheckSize(s); err != nil {
		return nil, err
	}
	m := model.Build(s)
	q := m.P.Clone()
	// The LP measures the budget a year in money (model.BudgetNeedRow),
	// which stays sound when the scenario's budget is tiny; the factor is
	// derived from it.
	k := m.NeedBudget(q)
	m.AddTargets(q, heartTarget, brainTarget)
	// Least k first; then, holding it, the least total spend, so that the
	// spend reported per period is what the targets need, not any amount
	// that happens to fit under the scaled budget.
	spend := make([]solve.Term, len(m.Spend))
	for t, j := range m.Spend {
		spend[t] = solve.Term{Var: j, Coef: 1}
	}
	objs := []solve.Objective{
		{Name: "budget_need", Terms: []solve.Term{{Var: k, Coef: 1}}},
		{Name: model.StageSpend, Terms: spend},
	}
	sol, err := solve.Lexicographic(ctx, q, objs, lp, solve.Options{})
	if err != nil {
		return nil, err
	}
	bc := &BudgetCaseResult{HeartTarget: heartTarget, BrainTarget: brainTarget, Periods: []BudgetCasePeriod{}}
	if sol.Status != solve.Optimal && sol.Status != solve.OptimalWithinGap {
		return bc, nil
	}
	need, have := math.Max(0, sol.Values[0]*m.MoneyUnit), s.AnnualBudget()
	bc.Feasible = true
	if have > 0 {
		bc.Scale = need / have
	}
	if s.Budget.PerPeriod == nil {
		bc.Annual = &need
	}
	for t := range m.BudgetRow {
		bc.Periods = append(bc.Periods, BudgetCasePeriod{
			Label:  s.PeriodLabel(t),
			Budget: need * s.BudgetShape(t),
			Spend:  math.Max(0, sol.X[m.Spend[t]]*m.MoneyUnit),
		})
	}
	return bc, nil
}
