package plan

import (
	"context"
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Units of the marginal values.
const (
	MarginalBudget = 100000 // money: per extra $100k (of the scenario's currency)
	MarginalFTE    = 1      // per extra FTE of headcount cap
	MarginalShare  = 0.01   // per point of central share bound
)

// MarginalValues are what one more unit of a limit buys, by exact re-solve
// (docs/output.md, "marginal"): the change of the plan's mean heart and mean brain
// over all periods, in percentage points, when the limit is loosened by one
// unit and everything else is kept. Optional limits are nil when the
// scenario does not set them or the plan does not reach them.
type MarginalValues struct {
	// Budget: another 100,000 a year (every period's budget raised by its
	// share of it: 25,000 a quarter).
	Budget Marginal `json:"budget"`
	// HeadcountCap: one more FTE of policy.max_fte, when it is set.
	HeadcountCap *Marginal `json:"headcount_cap,omitempty"`
	// CentralShareMax, CentralShareMin: the bound moved one point outwards
	// (max up, min down), when the plan is at it in some period.
	CentralShareMax *Marginal `json:"central_share_max,omitempty"`
	CentralShareMin *Marginal `json:"central_share_min,omitempty"`
	// Periods: the period's share of another 100,000 a year (what Budget's
	// step adds to that period's budget: 25,000 in a quarter of a flat
	// budget, 100,000 in a year) in that period alone, the others kept;
	// the change is still of the means over all periods. The amounts over
	// all periods add up to Budget's, so that where the periods do not
	// interact (no hire or exit limits, no investments: each period is a
	// plan of its own) the periods' values add up to Budget's; where they
	// do, the difference is what the periods' budgets do for each other.
	Periods []PeriodMarginal `json:"periods"`
	// Linked says what makes the periods depend on each other, so that
	// Periods need not add up to Budget: LinkHireLimits, LinkExitLimits,
	// LinkInvestments, LinkRoster, LinkMoveCosts, in that order; none
	// when each period is a plan of its own. The view names the case
	// that applies rather than both (docs/output.md).
	Linked []string `json:"linked,omitempty"`
	// LinkedInvestments are the ids of the investments LinkInvestments
	// stands for: on offer, neither owned nor decided in or out.
	LinkedInvestments []string `json:"linked_investments,omitempty"`
}

// What ties a plan's periods together (MarginalValues.Linked): a team's
// hire or exit limit (a period's headcount against the one before), an
// investment on offer that is not owned (bought once, it works in the
// periods after), a roster dearer or cheaper than new hires (its staff
// only leave), and one-time hire or exit costs (counted on the change
// from the period before).
const (
	LinkHireLimits  = "hire_limits"
	LinkExitLimits  = "exit_limits"
	LinkInvestments = "investments"
	LinkRoster      = "roster"
	LinkMoveCosts   = "hiring_costs"
)

// Marginal is a change of the mean heart and mean brain, in points (0.5
// is half a percentage point), and the periods whose healthy verdict the
// change turns: a heart up by 0.03 points may be the one cell that made
// a quarter unhealthy.
type Marginal struct {
	Heart float64 `json:"heart_points"`
	Brain float64 `json:"brain_points"`
	// MakesHealthy are the periods whose heart is not healthy in the plan
	// and healthy in the re-solve; MakesUnhealthy those healthy in the
	// plan and not in the re-solve (a rise of the mean may move coverage
	// between periods). Absent when none, and in a plan written before
	// they were recorded: no claim rests on their absence alone.
	MakesHealthy   []string `json:"makes_healthy,omitempty"`
	MakesUnhealthy []string `json:"makes_unhealthy,omitempty"`
}

// PeriodMarginal is what the period's share of another 100,000 a year
// buys in that period alone.
type PeriodMarginal struct {
	Label string `json:"label"`
	// Amount is the money added to the period's budget.
	Amount float64 `json:"amount"`
	Marginal
}

// Marginals re-solves the scenario once per limit loosened by one unit
// (the annual budget, the headcount cap, a binding central share bound,
// each period's share of the annual step alone) and returns the changes from base, an
// optimized feasible plan of s made by pl. The re-solves run in parallel,
// each on a copy of pl, so each starts from base's solve: one limit moved
// by one unit re-optimizes in a fraction of a cold start's time.
//
// Why re-solve rather than read the duals: the plan is lexicographic, and
// a row's dual in a stage is the rate of that stage's objective (heart up
// to healthy, then the weighted sum), not of the mean heart and mean brain
// a finance reader asks about; and degenerate bases, common here, make
// duals one-sided. A re-solve gives the exact change for the unit asked.
func Marginals(ctx context.Context, s *scenario.Scenario, pl *Planner, base *Plan) (*MarginalValues, error) {
	if base == nil || base.Mode != ModeOptimized || base.Status == StatusInfeasible {
		return nil, nil
	}
	if s.Policy.WholePeople {
		// Each re-solve would be a branch and bound over the headcounts,
		// which on the bundled examples often stops at its node limit:
		// a difference of two plans each within a gap of the optimum is
		// not a marginal value (docs/output.md).
		return nil, nil
	}
	nT := s.Periods()
	perPeriod := func() *scenario.Scenario {
		c := *s
		c.Budget.PerPeriod = make([]float64, nT)
		for t := range nT {
			c.Budget.PerPeriod[t] = s.PeriodBudget(t)
		}
		c.Budget.Annual, c.Budget.ChangePerYear = 0, 0
		return &c
	}
	type job struct {
		s   *scenario.Scenario
		out *Marginal
	}
	mg := &MarginalValues{Periods: make([]PeriodMarginal, nT)}
	var jobs []job

	more := perPeriod()
	for t := range nT {
		more.Budget.PerPeriod[t] += MarginalBudget * s.PeriodFraction()
	}
	if s.Budget.PerPeriod == nil {
		// Keep the trajectory: another 100k of budget.annual.
		c := *s
		c.Budget.Annual += MarginalBudget
		more = &c
	}
	jobs = append(jobs, job{more, &mg.Budget})

	if s.Policy.HasMaxFTE() {
		c := *s
		c.Policy.MaxFTE += MarginalFTE
		mg.HeadcountCap = &Marginal{}
		jobs = append(jobs, job{&c, mg.HeadcountCap})
	}
	for _, b := range base.Binding {
		switch b.Kind {
		case BindCentralShareMax:
			c := *s
			c.Policy.CentralShare.Max = math.Min(1, c.Policy.CentralShare.Max+MarginalShare)
			mg.CentralShareMax = &Marginal{}
			jobs = append(jobs, job{&c, mg.CentralShareMax})
		case BindCentralShareMin:
			c := *s
			c.Policy.CentralShare.Min = math.Max(0, c.Policy.CentralShare.Min-MarginalShare)
			mg.CentralShareMin = &Marginal{}
			jobs = append(jobs, job{&c, mg.CentralShareMin})
		}
	}
	for t := range nT {
		// The period's share of the annual step: what the step adds to
		// the period's budget, so that the amounts add up to the step's.
		amount := more.PeriodBudget(t) - s.PeriodBudget(t)
		c := perPeriod()
		c.Budget.PerPeriod[t] += amount
		mg.Periods[t].Label = s.PeriodLabel(t)
		mg.Periods[t].Amount = amount
		jobs = append(jobs, job{c, &mg.Periods[t].Marginal})
	}

	err := ParallelFor(ctx, len(jobs), 0, func(k int) error {
		from := *pl
		p, _, err := from.Optimize(ctx, jobs[k].s)
		if err != nil {
			return err
		}
		if p.Status == StatusInfeasible {
			// Loosening a limit cannot make a feasible scenario infeasible.
			return nil
		}
		*jobs[k].out = Marginal{
			Heart: points(p.Totals.HeartMean - base.Totals.HeartMean),
			Brain: points(p.Totals.BrainMean - base.Totals.BrainMean),
		}
		jobs[k].out.MakesHealthy, jobs[k].out.MakesUnhealthy = turned(base, p)
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	mg.Linked, mg.LinkedInvestments = linked(s)
	return mg, nil
}

// turned lists the periods whose healthy verdict differs between base
// and its re-solve p: made healthy, made unhealthy.
func turned(base, p *Plan) (healthy, unhealthy []string) {
	if len(p.Periods) != len(base.Periods) {
		return nil, nil
	}
	for t, per := range base.Periods {
		switch now := p.Periods[t].Healthy; {
		case now && !per.Healthy:
			healthy = append(healthy, per.Label)
		case !now && per.Healthy:
			unhealthy = append(unhealthy, per.Label)
		}
	}
	return healthy, unhealthy
}

// linked lists what ties the periods of s together (MarginalValues.Linked)
// and the investments on offer among them; none for a single period.
func linked(s *scenario.Scenario) (out, invs []string) {
	if s.Periods() < 2 {
		return nil, nil
	}
	teams := []scenario.Team{s.Central}
	for _, r := range s.Regions {
		teams = append(teams, r.Team)
	}
	has := func(ok func(scenario.Team) bool) bool {
		for _, tm := range teams {
			if ok(tm) {
				return true
			}
		}
		return false
	}
	if has(scenario.Team.HasHireLimit) {
		out = append(out, LinkHireLimits)
	}
	if has(scenario.Team.HasExitLimit) {
		out = append(out, LinkExitLimits)
	}
	for _, inv := range s.Investments {
		// Owned, or decided in or out, its level is fixed: the periods do
		// not trade it.
		if !inv.Owned && (inv.Decision == scenario.Optimize || inv.Decision == "") {
			invs = append(invs, inv.ID)
		}
	}
	if len(invs) > 0 {
		out = append(out, LinkInvestments)
	}
	if has(scenario.Team.SplitsKept) {
		out = append(out, LinkRoster)
	}
	if has(scenario.Team.HasMoveCosts) {
		out = append(out, LinkMoveCosts)
	}
	return out, invs
}

// points turns a change of a fraction into percentage points, rounded to
// 0.0001 points: each lexicographic stage holds the previous optimum up to
// 1e-7 relative, and a re-solve differs from the plan by that much noise.
func points(d float64) float64 {
	x := math.Round(1e4*100*d) / 1e4
	if x == 0 {
		return 0 // no -0
	}
	return x
}
