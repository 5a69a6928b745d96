package plan

import (
	"context"
	"errors"
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

// ErrPrintedShort means the budget case found a budget at which the plan
// reaches the targets, but the plan falls short at every figure it would
// print for it, up to a budget that no longer binds: a plan searched in
// whole people can stop at its node limit somewhere else at each budget.
// The case prints no figure that would not hold.
var ErrPrintedShort = errors.New("plan: the plan reaches the targets at the least budget found but at no figure printed for it")

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

// HealthyTarget reports whether a budget case's heart target is s's
// healthy threshold. The case then asks for a healthy heart, as the views
// word it ("keep the heart healthy"): every heart cell at the threshold in
// every period (Period.Healthy), not only a heart score at it, which a
// cell below may hide behind others above.
func HealthyTarget(s *scenario.Scenario, heart float64) bool {
	return math.Abs(heart-s.Policy.HealthyHeart) < 1e-9
}

// addCaseTargets adds a budget case's targets to q, a problem of m's
// scenario, and returns their rows: heart and brain scores per period
// (model.AddTargets) and, for a healthy target (the budget case's
// HealthyTarget, risk's riskHealthyGoal), every heart cell at it
// (model.AddHealthyTargets), among the heart target's rows.
func addCaseTargets(m *model.Model, q *solve.Problem, heart, brain float64, healthy bool) (heartRows, brainRows []int) {
	heartRows, brainRows = m.AddTargets(q, heart, brain)
	if healthy {
		heartRows = append(heartRows, m.AddHealthyTargets(q)...)
	}
	return heartRows, brainRows
}

// meetsCase reports whether p reaches a budget case's targets: the scores
// (MeetsTargets) and, for a healthy target, every heart cell.
func meetsCase(p *Plan, heart, brain float64, healthy bool) bool {
	return MeetsTargets(p, heart, brain) && (!healthy || p.Totals.HealthyAll)
}

// BudgetCase finds the least budget scale k with which the plan of s
// (optimized as cardio plan does, with the healthy threshold raised to the
// heart target when it is above it: WithHealthyAtLeast) reaches the
// targets in every period.
//
// One LP gives a lower bound: each budget row spend[t] <= budget[t]
// becomes spend[t] - k*budget[t] <= 0 with a new variable k >= 0, rows
// heart[t] >= heartTarget (and brain[t] >= brainTarget when it is
// positive) are added (for a healthy target, every heart cell at healthy
// too: HealthyTarget), and k is minimized. Below that k no allocation
// reaches the targets. (With integers, whole people or all-or-nothing
// investments, that LP is a branch and bound: when it stops at its node
// limit, the bound it proved is the lower bound, and the budget of the
// allocation it found is tried next.) The plan is lexicographic, not this
// LP: at that k an allocation reaching the targets exists, but the plan
// may trade a target in one period for score in another. So the plan is checked at k, and when
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
// The search is in the budget a year, in money (model.NeedBudget), and the
// factor is derived from it, so that a budget of a fraction of a cent is
// measured like any other. A scenario whose budget is 0 in every period
// has no factor that makes it enough: its Scale is 0, and Annual and
// Periods say what it needs (a per-period budget of zeros taken as flat).
func BudgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heartTarget, brainTarget float64) (*BudgetCaseResult, error) {
	return budgetCase(ctx, s, lp, solve.Options{}, heartTarget, brainTarget)
}

// budgetCase is BudgetCase with opt the options of every solve.
func budgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options, heartTarget, brainTarget float64) (*BudgetCaseResult, error) {
	if heartTarget < 0 || heartTarget > 1 || brainTarget < 0 || brainTarget > 1 || math.IsNaN(heartTarget+brainTarget) {
		return nil, fmt.Errorf("plan: budget case targets must be between 0 and 1, got heart %v and brain %v", heartTarget, brainTarget)
	}
	if err := model.CheckSize(s); err != nil {
		return nil, err
	}
	bc := &BudgetCaseResult{HeartTarget: heartTarget, BrainTarget: brainTarget, Periods: []BudgetCasePeriod{}}
	// In whole people the LP is a branch and bound that may stop at its
	// node limit: below its bound no allocation reaches the targets, below
	// its value (the least budget of the allocation it found) one may. The
	// search starts from the bound, so that no budget at which the plan
	// may reach the targets is skipped.
	found, lower, spend, err := leastNeedLP(ctx, s, lp, opt, heartTarget, brainTarget, -1)
	if err != nil || found < 0 {
		return bc, err
	}
	need, ok, err := leastPlanNeed(ctx, s, lp, opt, heartTarget, brainTarget, lower, found)
	if err != nil {
		return nil, err
	}
	if !ok {
		bc.PlanShort = true
		return bc, nil
	}
	if need != found {
		if _, _, spend, err = leastNeedLP(ctx, s, lp, opt, heartTarget, brainTarget, need); err != nil {
			return nil, err
		}
	}
	if spend == nil {
		// The plan reaches the targets at need, so an allocation does: the
		// LP holding need cannot be infeasible.
		return nil, fmt.Errorf("%w: the budget case LP is infeasible at the budget where the plan reaches the targets", ErrWrongPlan)
	}
	if heartTarget > s.Policy.HealthyHeart && !HealthyTarget(s, heartTarget) {
		if spend, err = cellSpends(ctx, s, lp, opt, heartTarget, brainTarget, need, spend); err != nil {
			return nil, err
		}
	}
	bc.Feasible = true
	if have := s.AnnualBudget(); have > 0 {
		bc.Scale = need / have
	}
	if s.Budget.PerPeriod == nil {
		bc.Annual = &need
	}
	for t := range s.Periods() {
		budget := need * s.BudgetShape(t)
		bc.Periods = append(bc.Periods, BudgetCasePeriod{
			Label:  s.PeriodLabel(t),
			Budget: budget,
			// The LP holds spend[t] <= budget[t] only to its tolerance: a
			// period that needs all of its budget came out up to 1e-7 over
			// it, and read, rounded up to the cent, as a least spend above
			// the budget ($1,405,082.73 against $1,405,082.59 on
			// hiring-costs at --heart 0.9).
			Spend: math.Min(spend[t], budget),
		})
	}
	return bc, nil
}

// leastNeedLP solves the budget case LP (see BudgetCase): with fixed < 0,
// the least budget a year at which an allocation reaches the targets, and
// then, holding it, the least total spend, per period; with fixed >= 0,
// the budget a year held at fixed. The budget is -1 and spend nil when no
// budget reaches the targets. bound is a lower bound on the least budget:
// the budget itself, unless (whole people, investments) the branch and
// bound stopped at its node limit, when the budget is that of the best
// allocation it found. Money is in currency units.
func leastNeedLP(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options, heart, brain, fixed float64) (budget, bound float64, spend []float64, _ error) {
	m := model.Build(s)
	q := m.Problem.Clone()
	a := m.NeedBudget(q)
	if fixed >= 0 {
		q.Vars[a].Lower, q.Vars[a].Upper = fixed/m.MoneyUnit, fixed/m.MoneyUnit
	}
	addCaseTargets(m, q, heart, brain, HealthyTarget(s, heart))
	// The least budget first; then, holding it, the least total spend, so
	// that the spend reported per period is what the targets need, not any
	// amount that happens to fit under the budget.
	total := make([]solve.Term, len(m.Spend))
	for t, j := range m.Spend {
		total[t] = solve.Term{Var: j, Coef: 1}
	}
	objs := []solve.Objective{
		{Name: "budget_need", Terms: []solve.Term{{Var: a, Coef: 1}}},
		{Name: model.StageSpend, Terms: total},
	}
	sol, err := solve.Lexicographic(ctx, q, objs, lp, opt)
	if err != nil {
		return 0, 0, nil, err
	}
	if sol.Status != solve.Optimal && sol.Status != solve.OptimalWithinGap {
		return -1, -1, nil, nil
	}
	spend = make([]float64, len(m.Spend))
	for t, j := range m.Spend {
		spend[t] = math.Max(0, sol.X[j]*m.MoneyUnit)
	}
	return math.Max(0, sol.Values[0]*m.MoneyUnit), math.Max(0, sol.Bounds[0]*m.MoneyUnit), spend, nil
}

// cellSpendRel is how far, relative, the least budget with every heart
// function at a heart target above healthy may lie above the budget
// needed and still be the same budget: the plan reaches the target only
// within ScoreTol, a few millionths of the budget (3e-6 on the monthly
// example's 18 months at --heart 0.95).
const cellSpendRel = 1e-5

// cellSpends returns the least spends per period of a heart target above
// healthy, need the budget a year the plan needs for it, and score the
// least spends of the heart score at need. Such a target is a heart
// score, which an allocation may reach with cheap heart functions above
// it making up for dear ones below; the plan the case means raises every
// heart function to the target first (WithHealthyAtLeast), and given
// such an allocation's spends as its budgets it falls short (the baseline
// at --heart 0.95 scored 93.4%, healthy nowhere). So the least spends
// are those with every heart function at the target, which the plan's
// first stage reaches with them: the least budget for that is need,
// within the plan's tolerance, wherever the plan at need is healthy at
// the target. Where it is not (functions above the target make up for
// one below, and that least budget is above need), the score's spends
// stay.
func cellSpends(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options, heart, brain, need float64, score []float64) ([]float64, error) {
	raised := WithHealthyAtLeast(s, heart)
	least, _, spend, err := leastNeedLP(ctx, raised, lp, opt, heart, brain, -1)
	switch {
	case err != nil:
		return nil, err
	case spend == nil || least > need*(1+cellSpendRel):
		return score, nil
	case least < need:
		// The plan needs more than the least budget of such an
		// allocation: the least spends at need, with more room.
		if _, _, spend, err = leastNeedLP(ctx, raised, lp, opt, heart, brain, need); err != nil || spend == nil {
			return score, err
		}
	}
	// At least a hair above need, a spend may lie a hair above its
	// period's budget: the caller caps it there.
	return spend, nil
}

// WithBudget returns a copy of s with a budget of a a year, in the shape of
// s's budget (its trajectory, or its per-period amounts scaled; a budget
// of 0 taken as flat).
func WithBudget(s *scenario.Scenario, a float64) *scenario.Scenario {
	c := *s
	if s.Budget.PerPeriod == nil {
		c.Budget.Annual = a
		return &c
	}
	c.Budget.PerPeriod = make([]float64, len(s.Budget.PerPeriod))
	for t := range c.Budget.PerPeriod {
		c.Budget.PerPeriod[t] = a * s.BudgetShape(t)
	}
	return &c
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
	// printedSteps is how many printed steps are tried one at a time
	// above the least budget when the plan at the printed figure falls
	// short, before the step doubles.
	printedSteps = 10
)

// leastPlanNeed searches the least budget a year, need >= lower, at which
// the plan of s (with the healthy threshold raised to the heart target)
// reaches the targets, and makes sure the plan at the printed figure
// reaches them too (see BudgetCase). lower bounds the budget of any
// allocation that reaches the targets, and found (>= lower) is that of
// one: they differ when the LP's search stopped at its node limit. ok is
// false when no budget makes the plan reach them.
func leastPlanNeed(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options, heart, brain, lower, found float64) (need float64, ok bool, err error) {
	target := WithHealthyAtLeast(s, heart)
	healthy := HealthyTarget(s, heart)
	pl := Planner{LP: lp, Opt: opt}
	// With no brain target, the heart target is at most target's healthy
	// threshold. When the first stage (the heart counted up to healthy,
	// cell by cell) reaches the most there is, healthy in every period
	// (each period's heart_to_healthy is bounded by it), every later stage
	// holds that within solve.HoldTol, so the plan's heart is at healthy
	// or above in every period within ScoreTol whatever the later stages
	// do (a period's heart is at least its heart counted up to healthy):
	// the plan reaches the target, and the later stages (in whole people,
	// searches of thousands of nodes) are not solved. Below that, cells
	// above healthy may make up for one below it: the whole plan decides.
	var healthyEverywhere func(stage int, v float64) bool
	if brain <= 0 {
		most := float64(target.Periods()) * target.Policy.HealthyHeart
		healthyEverywhere = func(stage int, v float64) bool { return stage == 0 && v >= most-1e-9 }
	}
	meets := func(a float64) (bool, error) {
		p, _, stopped, err := pl.optimize(ctx, WithBudget(target, a), healthyEverywhere)
		if err != nil || stopped {
			return stopped, err
		}
		return meetsCase(p, heart, brain, healthy), nil
	}
	// A person plans the printed figure from scratch (cardio plan --set
	// budget.annual=...), and a cold plan may differ from a warm one within
	// the stages' tolerance: the printed figures are checked cold.
	coldMeets := func(a float64) (bool, error) {
		p, err := Optimize(ctx, WithBudget(target, a), lp, opt)
		if err != nil {
			return false, err
		}
		return meetsCase(p, heart, brain, healthy), nil
	}
	if ok, err := meets(lower); err != nil || ok {
		if err == nil {
			lower, err = checkPrinted(s, lower, coldMeets)
		}
		return lower, err == nil, err
	}
	lo, hi := lower, lower
	bracketed := false
	if found > lower {
		// Below found, the budget of an allocation that reaches the
		// targets, the LP's search stopped short of proving one cannot:
		// when the plan reaches them at found, the least budget is
		// between the bound and found; else it is above found.
		reached, err := meets(found)
		if err != nil {
			return 0, false, err
		}
		lo, hi, bracketed = lower, found, reached
		if !reached {
			lower, lo, hi = found, found, found
		}
	}
	// Up from the LP's bound, doubling the step, until the plan reaches
	// the targets; give up above budgetCeiling, where no budget binds.
	step := planScaleFirst * math.Max(lower, 1)
	ceiling := budgetCeiling(s)
	for i := 0; !bracketed; i++ {
		lo, hi = hi, lower+step
		reached, err := meets(hi)
		if err != nil {
			return 0, false, err
		}
		if reached {
			break
		}
		// Give up when the budget can bind no more: above budgetCeiling
		// the plan is the same at any budget. (Unspent budget, or the same
		// scores at two budgets, is no sign: an all-or-nothing investment
		// can become affordable further up.)
		if i == planScaleDoublings || hi > ceiling {
			return 0, false, nil
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
	need, err = checkPrinted(s, hi, coldMeets)
	return need, err == nil, err
}

// checkPrinted makes sure the plan reaches the targets at the least
// budget a year need as a person reads it, at both precisions it is
// printed with: to the cent (JSON and CSV) and at the table's step
// (CeilMoney: $6.36M). The plan reaches them at need, but not always a
// little above it: the lexicographic stages hold each optimum to a
// relative tolerance, so a score at a target may fall a hair below it at
// another budget, and a search stopped at its node limit (whole people)
// may end elsewhere at another budget. At each precision, the figure
// printed is planned, and need moves up the printed figures
// (firstPrintedMeeting) until the plan there reaches the targets.
func checkPrinted(s *scenario.Scenario, need float64, meets func(float64) (bool, error)) (float64, error) {
	per := printedPerYear(s)
	limit := budgetCeiling(s) * per
	cents := func(x float64) float64 { return math.Ceil(x*100-ceilSlack) / 100 }
	centStep := func(x float64) float64 { return cents(math.Max(0.01, planScaleRel*x)) }
	printedMeets := func(x float64) (bool, error) { return meets(x / per) }
	total, err := firstPrintedMeeting(need*per, limit, cents, centStep, printedMeets)
	if err != nil {
		return 0, err
	}
	// The plan reaches the targets at total's cents; the table's search
	// keeps it or moves it to a table figure, itself in cents.
	total, err = firstPrintedMeeting(total, limit, CeilMoney, MoneyStep, printedMeets)
	return total / per, err
}

// firstPrintedMeeting returns x when the figure printed for it, ceil(x),
// meets the targets; else it tries the next printed figures up, ceil(x) +
// step, printedSteps times, then with the step doubling each time, and
// returns the first that does (itself a printed figure, which ceil keeps).
// It never returns a figure it has not seen meet the targets: past limit
// (a budget above which none binds) it gives up with ErrPrintedShort.
func firstPrintedMeeting(x, limit float64, ceil, step func(float64) float64, meets func(float64) (bool, error)) (float64, error) {
	from, k := x, 1.0
	for i := 0; ; i++ {
		printed := ceil(x)
		reached, err := meets(printed)
		if err != nil || reached {
			return x, err
		}
		if printed > limit {
			return 0, fmt.Errorf("%w: planned afresh at every printed figure from %.2f to %.2f, where the budget is no longer spent in full anywhere, it falls short (a search that stops at its node limit, as in whole people, can end elsewhere at each budget)", ErrPrintedShort, from, printed)
		}
		if i >= printedSteps {
			k *= 2
		}
		x = printed + k*step(printed)
	}
}

// printedPerYear is what a budget case prints per unit of the budget a
// year: the annual budget itself, or for a per_period budget the horizon's
// total, its length in years times the budget a year.
func printedPerYear(s *scenario.Scenario) float64 {
	if s.Budget.PerPeriod == nil {
		return 1
	}
	return s.Years()
}

// budgetCeiling is a budget a year above which no period's budget can
// bind: it pays, in every period, for all the demand at the dearest team
// (or roster) and the least effectiveness, plus the whole current team
// (which exit limits may force the plan to keep), plus every investment at
// full level bought in that very period, plus hiring and letting go the
// most staff any period holds at the dearest one-time costs (hire_cost,
// exit_cost). Stage 3 spends the least that holds the scores, so no plan
// spends more. Periods whose budget is 0 whatever the
// scale (a per_period budget with a zero) are left out.
func budgetCeiling(s *scenario.Scenario) float64 {
	pf := s.PeriodFraction()
	current := s.Central.CurrentTotal()
	dearest := s.Central.CostPerFTE
	for _, r := range s.Regions {
		current += r.CurrentTotal()
		dearest = math.Max(dearest, r.CostPerFTE)
	}
	// A roster dearer than its team's hires costs more while it stays.
	for k := range 1 + len(s.Regions) {
		if tm := teamOf(s, k); tm.SplitsKept() {
			dearest = math.Max(dearest, tm.CurrentCostPerFTE)
		}
	}
	// One-time costs: no period hires or sheds more than the most staff
	// any period holds, at the dearest team's costs.
	var moves float64
	for k := range 1 + len(s.Regions) {
		tm := teamOf(s, k)
		moves = math.Max(moves, tm.HireCost+tm.ExitCost)
	}
	var invest float64
	for _, inv := range s.Investments {
		invest += inv.PerYear*pf + inv.Upfront
	}
	staff := make([]float64, s.Periods())
	var most float64
	for t := range staff {
		staff[t] = current
		for f, fn := range s.Functions {
			eff := math.Min(fn.LocalEffectiveness, fn.CentralEffectiveness)
			for r := range s.Regions {
				if d := s.Demand(f, r, t); d > 0 && eff > 0 {
					staff[t] += d / eff
				}
			}
		}
		most = math.Max(most, staff[t])
	}
	var ceiling float64
	for t, fte := range staff {
		shape := s.BudgetShape(t)
		if shape <= 0 {
			continue
		}
		ceiling = math.Max(ceiling, (fte*dearest*pf+invest+most*moves)/shape)
	}
	return ceiling
}
