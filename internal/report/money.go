package report

import "github.com/cardio-planning/cardio/internal/plan"

// Money in JSON and CSV is rounded to cents (Cents), and least amounts (a
// least budget, a least spend) are rounded up to cents (CentsUp): the
// model's figures carry floating-point residue far below a cent
// (1399999.9999999998, an unspent of -2.3e-10) that is not money. The
// views round copies; the domain's figures stay as computed.

// planMoney returns a copy of p with its money rounded to cents.
func planMoney(p *plan.Plan) *plan.Plan {
	c := *p
	c.Periods = make([]plan.Period, len(p.Periods))
	for t, per := range p.Periods {
		per.Budget, per.Spend, per.Unspent = Cents(per.Budget), Cents(per.Spend), Cents(per.Unspent)
		per.StaffSpend, per.CentralSpend, per.HiringExitSpend = Cents(per.StaffSpend), Cents(per.CentralSpend), Cents(per.HiringExitSpend)
		invs := make([]plan.Investment, len(per.Investments))
		for i, inv := range per.Investments {
			inv.Spend = Cents(inv.Spend)
			invs[i] = inv
		}
		per.Investments = invs
		c.Periods[t] = per
	}
	c.Totals.Budget, c.Totals.Spend, c.Totals.Unspent = Cents(p.Totals.Budget), Cents(p.Totals.Spend), Cents(p.Totals.Unspent)
	if p.Gaps != nil {
		c.Gaps = make([]plan.StageGap, len(p.Gaps))
		for i, g := range p.Gaps {
			if g.Stage == plan.GapSpend {
				// The bound is the least any plan could spend: down.
				g.Value, g.Bound = Cents(g.Value), CentsDown(g.Bound)
			}
			c.Gaps[i] = g
		}
	}
	return &c
}

// comparisonMoney returns a copy of c with its money rounded to cents.
func comparisonMoney(c *plan.Comparison) *plan.Comparison {
	out := *c
	out.Scenarios = make([]plan.Summary, len(c.Scenarios))
	for i, s := range c.Scenarios {
		s.Budget, s.Spend, s.Unspent = Cents(s.Budget), Cents(s.Spend), Cents(s.Unspent)
		invs := make([]plan.ChosenInvestment, len(s.Investments))
		for k, inv := range s.Investments {
			inv.Spend = Cents(inv.Spend)
			invs[k] = inv
		}
		s.Investments = invs
		pers := make([]plan.SummaryPeriod, len(s.Periods))
		for k, per := range s.Periods {
			per.Budget, per.Spend, per.Unspent = Cents(per.Budget), Cents(per.Spend), Cents(per.Unspent)
			pers[k] = per
		}
		s.Periods = pers
		if s.VsFirst != nil {
			d := *s.VsFirst
			for _, x := range []**float64{&d.Budget, &d.Spend, &d.Unspent, &d.BudgetPerYear, &d.SpendPerYear, &d.UnspentPerYear} {
				if *x != nil {
					v := Cents(**x)
					*x = &v
				}
			}
			s.VsFirst = &d
		}
		out.Scenarios[i] = s
	}
	return &out
}

// budgetCaseMoney returns a copy of r with its money rounded to cents: the
// least budgets and least spends up, the scenario's budgets to nearest.
func budgetCaseMoney(r *plan.BudgetCaseReport) *plan.BudgetCaseReport {
	c := *r
	if r.Annual != nil {
		a := CentsUp(*r.Annual)
		c.Annual = &a
	}
	if r.CurrentAnnual != nil {
		a := Cents(*r.CurrentAnnual)
		c.CurrentAnnual = &a
	}
	c.Total, c.CurrentTotal = CentsUp(r.Total), Cents(r.CurrentTotal)
	if r.FirstYear != nil {
		fy := *r.FirstYear
		fy.Budget, fy.CurrentBudget = CentsUp(fy.Budget), Cents(fy.CurrentBudget)
		c.FirstYear = &fy
	}
	c.Periods = make([]plan.CasePeriod, len(r.Periods))
	var have float64
	for t, per := range r.Periods {
		per.Budget, per.Spend, per.CurrentBudget = CentsUp(per.Budget), CentsUp(per.Spend), Cents(per.CurrentBudget)
		c.Periods[t] = per
		have += per.CurrentBudget
	}
	// The scenario's budget over the horizon is the sum of its budgets by
	// period as listed, each to the cent, as a finance reader ticks a
	// column against its total: rounded once, shrinking-budget's was
	// $11,693,992.72 beside quarters that add up to $11,693,992.71. The
	// scenario's budget is given, not a least that must hold when acted
	// on, so no rounding direction is at stake. Without periods (no
	// budget reaches the targets) it is the horizon's budget rounded once.
	// So is the first year's, the sum of its periods as listed.
	if len(c.Periods) > 0 {
		c.CurrentTotal = Cents(have)
		if fy := c.FirstYear; fy != nil {
			var year float64
			for _, per := range c.Periods {
				year += per.CurrentBudget
				if per.Label == fy.To {
					fy.CurrentBudget = Cents(year)
					break
				}
			}
		}
	}
	return &c
}

// diffMoney returns a copy of d with its money rounded to cents.
func diffMoney(d *plan.Diff) *plan.Diff {
	c := *d
	for _, sd := range []*plan.DiffSide{&c.Old, &c.New} {
		sd.Spend, sd.Unspent = Cents(sd.Spend), Cents(sd.Unspent)
	}
	c.Periods = make([]plan.PeriodDiff, len(d.Periods))
	for t, p := range d.Periods {
		for _, o := range []**plan.PeriodOutcome{&p.Old, &p.New} {
			if *o != nil {
				v := **o
				v.Spend, v.Unspent = Cents(v.Spend), Cents(v.Unspent)
				*o = &v
			}
		}
		c.Periods[t] = p
	}
	return &c
}

// reviewMoney returns a copy of v with its money rounded to cents: the
// budget left, each past period's planned and actual spend, and the
// re-plan's plan and its comparison with the plan of record.
func reviewMoney(v *ReviewView) *ReviewView {
	c := *v
	r := *v.Review
	r.BudgetLeft = Cents(r.BudgetLeft)
	r.PastBudget, r.PastSpend, r.RemainingBudget = Cents(r.PastBudget), Cents(r.PastSpend), Cents(r.RemainingBudget)
	r.Periods = make([]plan.PeriodVariance, len(v.Periods))
	for t, p := range v.Periods {
		p.PlannedSpend, p.ActualSpend = Cents(p.PlannedSpend), Cents(p.ActualSpend)
		r.Periods[t] = p
	}
	if v.Replan != nil {
		rp := *v.Replan
		if rp.Plan != nil {
			rp.Plan = planMoney(rp.Plan)
		}
		rp.Periods = diffMoney(&plan.Diff{Periods: rp.Periods}).Periods
		r.Replan = &rp
	}
	c.Review = &r
	return &c
}
