package plan

import (
	"context"
	"fmt"
	"math"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// BudgetCaseResult is the least budget with which cardio's own plan
// reaches the given heart (and brain) targets in every period, subject to
// every other constraint of the scenario (docs/budget-case.md): the budget
// trajectory keeps its shape and every period's budget scales by the same
// factor.
type BudgetCaseResult struct {
	HeartTarget float64 `json:"heart_target"`
	BrainTarget float64 `json:"brain_target"`
	// Feasible is false when no budget reaches the targets: the floors,
	// hiring and exit limits, central share or headcount cap stand in the
	// way (or, with PlanShort, the plan trades the targets away). The other
	// fields are then zero.
	Feasible bool `json:"feasible"`
	// PlanShort says that some allocation reaches the targets, but no
	// budget makes cardio's plan choose one: the plan's priorities (heart
	// up to healthy first, in the sum over periods; then heart and brain by
	// their weights) trade a target in some period for more elsewhere, and
	// more budget no longer changes the plan. Feasible is then false.
	PlanShort bool `json:"plan_short,omitempty"`
	// Scale is the factor k applied to every period's budget.
	Scale float64 `json:"scale"`
	// Annual is k * budget.annual, or nil when the scenario gives its budget
	// per period.
	Annual  *float64           `json:"annual"`
	Periods []BudgetCasePeriod `json:"periods"`
}

// BudgetCasePeriod is one period of a budget case.
type BudgetCasePeriod struct {
	Label  string  `json:"label"`
	Budget float64 `json:"budget"` // k * budget[t]
	Spend  float64 `json:"spend"`  // the least spend with which the targets are reached in the period, within k * budget
}

// ScoreTol is how far below a threshold a period's heart or brain score
// may lie and still meet it: the healthy heart (Period.Healthy) and the
// budget case's targets. The first lexicographic stage holds its optimum,
// a sum over the periods of scores of at most 1, only to solve.HoldTol
// relative, and all of that slack may fall on one period, so a plan at a
// threshold may lie up to HoldTol times the number of periods below it.
// The floor of 1e-9 covers the round-off of recomputing a score.
func ScoreTol(periods int) float64 {
	return solve.HoldTol*float64(max(1, periods)) + 1e-9
}

// MeetsTargets reports whether a plan is feasible and reaches heart and
// brain in every period, within ScoreTol.
func MeetsTargets(p *Plan, heart, brain float64) bool {
	if p.Status == StatusInfeasible {
		return false
	}
	tol := ScoreTol(len(p.Periods))
	for _, per := range p.Periods {
		if per.Heart < heart-tol || per.Brain < brain-tol {
			return false
		}
	}
	return true
}

// BudgetCase finds the least budget scale k with which the plan of s
// (optimized as cardio plan does, with the healthy threshold raised to the
// heart target when it is above it: WithHealthyAtLeast) reaches the
// targets in every period.
//
// One LP gives a lower bound: each budget row spend[t] <= budget[t]
// becomes spend[t] - k*budget[t] <= 0 with a new variable k >= 0, rows
// heart[t] >= heartTarget (and brain[t] >= brainTarget when it is
// positive) are added, and k is minimized. Below that k no allocation
// reaches the targets. The plan is lexicographic, not this LP: at that k an
// allocation reaching the targets exists, but the plan may trade a target
// in one period for score in another. So the plan is checked at k, and when
// it falls short the least k at which it reaches the targets is searched
// for upwards (doubling, then bisection, to a relative 1e-7). Finally the
// least budget as a person reads it, rounded up at the step it is printed
// with (CeilMoney of the annual budget, or of the horizon's total for a
// per_period budget), is planned too: if that plan falls short (the plan
// is not monotone in the budget everywhere), k moves up a printed step at a
// time until it reaches the targets.
//
// The least spend per period is the LP's: holding k, the least total spend
// of an allocation that reaches the targets.
//
// A scenario whose budget is 0 in every period has no trajectory to scale:
// it reports Feasible only when the targets are met without money.
func BudgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heartTarget, brainTarget float64) (*BudgetCaseResult, error) {
	if heartTarget < 0 || heartTarget > 1 || brainTarget < 0 || brainTarget > 1 || math.IsNaN(heartTarget+brainTarget) {
		return nil, fmt.Errorf("plan: budget case targets must be between 0 and 1, got heart %v and brain %v", heartTarget, brainTarget)
	}
	bc := &BudgetCaseResult{HeartTarget: heartTarget, BrainTarget: brainTarget, Periods: []BudgetCasePeriod{}}
	lower, spend, err := leastScaleLP(ctx, s, lp, heartTarget, brainTarget, -1)
	if err != nil || lower < 0 {
		return bc, err
	}
	k, ok, err := leastPlanScale(ctx, s, lp, heartTarget, brainTarget, lower)
	if err != nil {
		return nil, err
	}
	if !ok {
		bc.PlanShort = true
		return bc, nil
	}
	if k != lower {
		if _, spend, err = leastScaleLP(ctx, s, lp, heartTarget, brainTarget, k); err != nil {
			return nil, err
		}
	}
	if spend == nil {
		// The plan reaches the targets at k, so an allocation does: the LP
		// holding k cannot be infeasible.
		return nil, fmt.Errorf("%w: the budget case LP is infeasible at the scale where the plan reaches the targets", ErrWrongPlan)
	}
	bc.Feasible = true
	bc.Scale = k
	if s.Budget.PerPeriod == nil {
		a := k * s.Budget.Annual
		bc.Annual = &a
	}
	for t := range s.Periods() {
		bc.Periods = append(bc.Periods, BudgetCasePeriod{
			Label:  s.PeriodLabel(t),
			Budget: k * s.PeriodBudget(t),
			Spend:  spend[t],
		})
	}
	return bc, nil
}

// leastScaleLP solves the budget case LP (see BudgetCase): with fixed < 0,
// the least scale k at which an allocation reaches the targets, and then,
// holding it, the least total spend, per period; with fixed >= 0, k held
// at fixed. k is -1 and spend nil when no budget reaches the targets.
func leastScaleLP(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heart, brain, fixed float64) (float64, []float64, error) {
	m := model.Build(s)
	q := m.P.Clone()
	k := m.ScaleBudget(q)
	if fixed >= 0 {
		q.Vars[k].Lower, q.Vars[k].Upper = fixed, fixed
	}
	m.AddTargets(q, heart, brain)
	// Least k first; then, holding it, the least total spend, so that the
	// spend reported per period is what the targets need, not any amount
	// that happens to fit under the scaled budget.
	spend := make([]solve.Term, len(m.Spend))
	for t, j := range m.Spend {
		spend[t] = solve.Term{Var: j, Coef: 1}
	}
	objs := []solve.Objective{
		{Name: "budget_scale", Terms: []solve.Term{{Var: k, Coef: 1}}},
		{Name: model.StageSpend, Terms: spend},
	}
	sol, err := solve.Lexicographic(ctx, q, objs, lp, solve.Options{})
	if err != nil {
		return 0, nil, err
	}
	if sol.Status != solve.Optimal && sol.Status != solve.OptimalWithinGap {
		return -1, nil, nil
	}
	out := make([]float64, len(m.Spend))
	for t, j := range m.Spend {
		out[t] = math.Max(0, sol.X[j])
	}
	return math.Max(0, sol.Values[0]), out, nil
}

// Search limits of leastPlanScale.
const (
	// planScaleRel is the relative width at which the bisection stops:
	// $0.62 on a budget of $6.2M, far below the $10k it is printed to.
	planScaleRel = 1e-7
	// planScaleFirst is the first step above the LP's bound, relative.
	planScaleFirst = 1e-4
	// planScaleDoublings bounds the upward search: 2^40 times the first
	// step is far beyond any budget that still binds.
	planScaleDoublings = 40
	// printedSteps bounds the printed steps tried above the least budget
	// when the plan at the printed figure falls short.
	printedSteps = 10
)

// leastPlanScale searches the least k >= lower at which the plan of s (with
// the healthy threshold raised to the heart target) reaches the targets,
// and makes sure the plan at the printed figure reaches them too (see
// BudgetCase). ok is false when no budget makes the plan reach them.
func leastPlanScale(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heart, brain, lower float64) (k float64, ok bool, err error) {
	target := WithHealthyAtLeast(s, heart)
	pl := Planner{LP: lp}
	var last *Plan
	meets := func(k float64) (bool, error) {
		p, _, err := pl.Optimize(ctx, ScaleBudget(target, k))
		if err != nil {
			return false, err
		}
		last = p
		return MeetsTargets(p, heart, brain), nil
	}
	base := printedBase(s)
	if base <= 0 {
		// No trajectory to scale: the plan is the plan.
		ok, err := meets(lower)
		return lower, ok, err
	}
	if ok, err := meets(lower); err != nil || ok {
		return lower, ok, err
	}
	// Up from the LP's bound, doubling the step, until the plan reaches
	// the targets; give up when the plan leaves budget unspent in every
	// period: more budget would not change it.
	lo, hi := lower, lower
	step := planScaleFirst * math.Max(lower, 1)
	for i := 0; ; i++ {
		if i == planScaleDoublings || (last.Status != StatusInfeasible && slackEverywhere(last)) {
			return 0, false, nil
		}
		lo, hi = hi, lower+step
		reached, err := meets(hi)
		if err != nil {
			return 0, false, err
		}
		if reached {
			break
		}
		step *= 2
	}
	for hi-lo > planScaleRel*hi {
		mid := lo + (hi-lo)/2
		reached, err := meets(mid)
		if err != nil {
			return 0, false, err
		}
		if reached {
			hi = mid
		} else {
			lo = mid
		}
	}
	k, err = checkPrinted(base, hi, meets)
	return k, err == nil, err
}

// checkPrinted plans at the printed figure of the least budget k*base
// (CeilMoney) and returns k if the plan there reaches the targets; else
// it moves k up to the next printed figure, up to printedSteps times.
func checkPrinted(base, k float64, meets func(float64) (bool, error)) (float64, error) {
	for range printedSteps {
		printed := CeilMoney(k * base)
		reached, err := meets(printed / base)
		if err != nil || reached {
			return k, err
		}
		k = (printed + MoneyStep(printed)) / base
	}
	return k, nil
}

// printedBase is the budget a budget case prints its scale of: the annual
// budget, or for a per_period budget the horizon's total.
func printedBase(s *scenario.Scenario) float64 {
	if s.Budget.PerPeriod == nil {
		return s.Budget.Annual
	}
	var total float64
	for t := range s.Periods() {
		total += s.PeriodBudget(t)
	}
	return total
}

// slackEverywhere reports whether a plan leaves budget unspent in every
// period: the budget binds nowhere, so a larger one changes nothing.
func slackEverywhere(p *Plan) bool {
	for _, per := range p.Periods {
		if per.Unspent <= VerifyTol*math.Max(1, per.Budget) {
			return false
		}
	}
	return true
}
