package plan

import (
	"context"
	"math"
	"slices"
	"sort"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// WorkingWeeksPerYear turns selling hours a week into hours a year: 52
// weeks less holidays and leave, when no selling time is given back.
const WorkingWeeksPerYear = 46

// BreakEvenStep is the precision of a break-even price: a yearly cost
// found to within it, and verified by planning at the figure and at one
// step beyond it.
const BreakEvenStep = 1000

// breakEvenMaxFactor bounds the search for the price at which a bought
// investment is dropped: beyond this many times its price it counts as
// bought at any price the search tried.
const breakEvenMaxFactor = 64

// Kinds of investment findings: why each investment is or is not bought.
const (
	KindInvestmentWhyBought    = "investment_why_bought"
	KindInvestmentWhyNotBought = "investment_why_not_bought"
	KindInvestmentOwned        = "investment_owned"
)

// InvestmentCase says whether an investment is bought and why, in numbers:
// what it costs per FTE of work it covers against the staff it would
// replace, the price at which the optimizer's choice would flip (found by
// re-planning), and the selling time it gives back, valued when the
// scenario gives policy.seller_hour_value. The optimizer's objective does
// not use the selling time: it is reported so that a sales ops leader can
// take it to the business.
type InvestmentCase struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Owned bool   `json:"owned"`
	// Decision is "in" or "out" for an investment the scenario forces
	// (investments[].decision), "" when the optimizer decides: a forced
	// one has no break-even price, since no price changes the plan's
	// choice.
	Decision string   `json:"decision,omitempty"`
	Bought   bool     `json:"bought"`
	Periods  []string `json:"periods"` // periods with a level above 0
	// Level is the share of it the plan buys by the horizon's end (the
	// last period's level; levels do not fall): 1 bought whole, 0 not
	// bought, and between for a scalable investment bought in part. The
	// work, the costs and the selling time below are for all of it.
	Level float64 `json:"level"`
	// Upfront and PerYear are its costs; YearlyCost is PerYear plus the
	// upfront cost spread over the horizon's years.
	Upfront    float64 `json:"upfront"`
	PerYear    float64 `json:"per_year"`
	YearlyCost float64 `json:"yearly_cost"`
	// Functions are the ids of the functions it covers.
	Functions []string `json:"functions"`
	// RampYears is how long its ramp takes to reach full effect, in years
	// (ramp_periods times the period's length): the work and the staff
	// cost below are at full effect, which a ramp delays.
	RampYears float64 `json:"ramp_years,omitempty"`
	// WorkFTE is the work it covers at full level, FTE-equivalents averaged
	// over the periods; CostPerFTE is YearlyCost / WorkFTE.
	WorkFTE    float64 `json:"work_fte"`
	CostPerFTE float64 `json:"cost_per_fte"`
	// StaffCost is what staff would cost a year for the same work, each
	// function in each region done by the cheaper team per FTE of work
	// (cost per FTE over effectiveness); StaffCostPerFTE = StaffCost /
	// WorkFTE. CentralCostPerFTE and LocalCostPerFTE are the teams' costs
	// per FTE (local: the regions' average weighted by the work).
	StaffCost         float64 `json:"staff_cost"`
	StaffCostPerFTE   float64 `json:"staff_cost_per_fte"`
	CentralCostPerFTE float64 `json:"central_cost_per_fte"`
	LocalCostPerFTE   float64 `json:"local_cost_per_fte"`
	// BreakEven is the highest yearly cost (PerYear, the upfront cost kept
	// in proportion; the upfront cost when PerYear is 0) at which the
	// optimizer buys it, to within BreakEvenStep, and BreakEvenUpfront the
	// upfront cost then. Nil when there is none: not bought even for free
	// (NeverBought), or bought at any price tried (AlwaysBought, at up to
	// breakEvenMaxFactor times the price), or owned. Verified: planning at
	// BreakEven buys it and at BreakEven + BreakEvenStep does not.
	BreakEven        *float64 `json:"break_even"`
	BreakEvenUpfront *float64 `json:"break_even_upfront"`
	// BreakEvenYearlyCost is the break-even on YearlyCost's basis: the
	// yearly cost at the break-even plus BreakEvenUpfront spread over the
	// horizon's years. The view sets it beside YearlyCost, and the two
	// compare as they read: bought at a YearlyCost up to it. BreakEven
	// leaves the upfront cost out, and beside YearlyCost would read as a
	// gap larger by the upfront cost's share. Nil when BreakEven is.
	BreakEvenYearlyCost *float64 `json:"break_even_yearly_cost"`
	NeverBought         bool     `json:"never_bought,omitempty"`
	AlwaysBought        bool     `json:"always_bought,omitempty"`
	// BreakEvenNotSearched says the search was skipped for the size of
	// the scenario or the work its plan took (CaseOptions.MaxCells,
	// MaxWork): cardio plan leaves to cardio invest the searches that
	// would take it minutes.
	BreakEvenNotSearched bool `json:"break_even_not_searched,omitempty"`
	// SellerHours is the selling time given back a year at full level
	// (SellerHoursPerWeek x average sellers x WorkingWeeksPerYear).
	SellerHours float64 `json:"seller_hours"`
	// HourValue is policy.seller_hour_value (0: not given); Value is
	// SellerHours x HourValue; PaybackMonths is the upfront cost over the
	// monthly value net of the running cost, nil when there is no value or
	// it does not pay the running cost.
	HourValue     float64  `json:"hour_value"`
	Value         float64  `json:"value"`
	PaybackMonths *float64 `json:"payback_months"`
	// Why is the case as one finding (KindInvestmentWhy...), which the
	// view words as one sentence.
	Why Finding `json:"why"`
}

// Partial says the plan buys part of the investment (a scalable one at a
// level below 1 by the horizon's end).
func (c InvestmentCase) Partial() bool { return c.Bought && !c.Owned && c.Level < 1-VerifyTol }

// PlanSearchCells and PlanSearchWork bound the break-even searches that
// cardio plan runs with its marginal values: a scenario of more than
// PlanSearchCells cells (functions x regions x periods), or whose plan's
// simplex iterations times the investments to search pass PlanSearchWork,
// gets its investment cases without break-even prices
// (BreakEvenNotSearched), and cardio invest searches them. Each search
// re-plans a dozen times or more, near the break-even often with a branch
// and bound, so the searches grow far faster than the plan; the plan's own
// iterations, unlike its time the same on every run, measure how hard each
// re-plan will be better than its size does (the calibration is in
// docs/performance.md, "Break-even searches in cardio plan").
const (
	PlanSearchCells = 1000
	PlanSearchWork  = 64000
)

// CaseOptions tune InvestmentCases.
type CaseOptions struct {
	// MaxCells and MaxWork, when not 0, skip the break-even searches of a
	// scenario of more cells, or whose plan's simplex iterations (the
	// last plan of the Planner given) times the investments to search
	// are more (see PlanSearchCells and PlanSearchWork).
	MaxCells, MaxWork int
	// Progress, when not nil, is called after each search with how many
	// are done of how many.
	Progress func(done, total int)
}

// InvestmentCases reports every investment of s: bought or not in base (an
// optimized feasible plan of s), what it costs against staff, its
// break-even price (re-planning with pl, warm) and the selling time it
// gives back. An infeasible base has none.
//
// The break-even searches run in parallel, each on a copy of pl, so each
// starts from base's solve whatever the order they run in: the result does
// not depend on the number of workers.
func InvestmentCases(ctx context.Context, s *scenario.Scenario, pl *Planner, base *Plan, opt CaseOptions) ([]InvestmentCase, error) {
	if base == nil || base.Status == StatusInfeasible || len(base.Periods) == 0 {
		return nil, nil
	}
	out := make([]InvestmentCase, len(s.Investments))
	var search []int // the cases with a price to search
	for i := range s.Investments {
		out[i] = investmentCase(s, base, i)
		if c := out[i]; !c.Owned && c.Decision == "" && (c.Upfront > 0 || c.PerYear > 0) {
			search = append(search, i)
		}
	}
	cells := len(s.Functions) * len(s.Regions) * s.Periods()
	if opt.MaxCells > 0 && cells > opt.MaxCells || opt.MaxWork > 0 && pl.lastIters*len(search) > opt.MaxWork {
		for _, i := range search {
			out[i].BreakEvenNotSearched = true
		}
		search = nil
	}
	err := ParallelFor(ctx, len(search), 0, func(k int) error {
		i := search[k]
		from := *pl
		return breakEven(ctx, s, &from, i, &out[i])
	}, opt.Progress)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Why = whyFinding(out[i])
	}
	return out, nil
}

// investmentCase fills everything but the break-even price.
func investmentCase(s *scenario.Scenario, base *Plan, i int) InvestmentCase {
	inv := s.Investments[i]
	nT := s.Periods()
	years := float64(nT) * s.PeriodFraction()
	c := InvestmentCase{ID: inv.ID, Name: inv.Name, Owned: inv.Owned, Upfront: inv.Upfront, PerYear: inv.PerYear,
		HourValue: s.Policy.SellerHourValue, Periods: []string{}, RampYears: float64(inv.RampPeriods) * s.PeriodFraction()}
	if inv.Decision != scenario.Optimize && !inv.Owned {
		c.Decision = string(inv.Decision)
	}
	c.YearlyCost = inv.PerYear
	if !inv.Owned {
		c.YearlyCost = yearlyCost(inv.PerYear, inv.Upfront, years)
	}
	for _, per := range base.Periods {
		if Bought(per.Investments[i].Level) {
			c.Periods = append(c.Periods, per.Label)
		}
	}
	c.Bought = len(c.Periods) > 0
	if n := len(base.Periods); n > 0 {
		c.Level = base.Periods[n-1].Investments[i].Level
	}
	for id, a := range inv.Covers {
		// A share of 0 (covers: {proposals: 0}, or --set to 0) covers no
		// work there: the words name only the functions it does cover.
		if a > 0 {
			c.Functions = append(c.Functions, id)
		}
	}
	sort.Strings(c.Functions)
	var localCost, localWork, sellers float64
	for t := 0; t < nT; t++ {
		for f, fn := range s.Functions {
			a := inv.Covers[fn.ID]
			if a == 0 {
				continue
			}
			for r, reg := range s.Regions {
				w := a * s.Demand(f, r, t)
				c.WorkFTE += w / float64(nT)
				central := s.Central.CostPerFTE / fn.CentralEffectiveness
				local := reg.CostPerFTE / fn.LocalEffectiveness
				c.StaffCost += w * math.Min(central, local) / float64(nT)
				localCost += w * reg.CostPerFTE
				localWork += w
			}
		}
		for r := range s.Regions {
			sellers += s.Sellers(r, t) / float64(nT)
		}
	}
	c.CentralCostPerFTE = s.Central.CostPerFTE
	if localWork > 0 {
		c.LocalCostPerFTE = localCost / localWork
	}
	if c.WorkFTE > 0 {
		c.CostPerFTE = c.YearlyCost / c.WorkFTE
		c.StaffCostPerFTE = c.StaffCost / c.WorkFTE
	}
	c.SellerHours = inv.SellerHoursPerWeek * sellers * WorkingWeeksPerYear
	if c.HourValue > 0 {
		c.Value = c.SellerHours * c.HourValue
		if net := c.Value - inv.PerYear; net > 0 && !inv.Owned {
			m := inv.Upfront / (net / 12)
			c.PaybackMonths = &m
		}
	}
	return c
}

// yearlyCost is a yearly price plus an upfront cost spread over the
// horizon's years: InvestmentCase's YearlyCost, and its break-even on the
// same basis.
func yearlyCost(perYear, upfront, years float64) float64 { return perYear + upfront/years }

// priced returns s with investment i at k times its price (upfront and
// yearly cost alike).
func priced(s *scenario.Scenario, i int, k float64) *scenario.Scenario {
	c := *s
	c.Investments = slices.Clone(s.Investments)
	c.Investments[i].Upfront = s.Investments[i].Upfront * k
	c.Investments[i].PerYear = s.Investments[i].PerYear * k
	return &c
}

// boughtAt plans s with investment i at k times its price and says
// whether the plan buys it (an infeasible plan does not).
func boughtAt(ctx context.Context, s *scenario.Scenario, pl *Planner, i int, k float64) (bool, error) {
	p, _, err := pl.Optimize(ctx, priced(s, i, k))
	if err != nil || p.Status == StatusInfeasible {
		return false, err
	}
	for _, per := range p.Periods {
		if Bought(per.Investments[i].Level) {
			return true, nil
		}
	}
	return false, nil
}

// breakEven finds the highest quoted price (PerYear, or Upfront when
// PerYear is 0; the other cost kept in proportion) at which investment i is
// bought, on a grid of BreakEvenStep: a bisection of warm re-plans between
// a price that buys it (lo) and one that does not (hi), then a check by
// planning from scratch at the figure (bought) and at one step beyond it
// (not bought).
// Where the choice is not monotone in the price, the search goes on from
// there, a few times at most.
func breakEven(ctx context.Context, s *scenario.Scenario, pl *Planner, i int, c *InvestmentCase) error {
	unit := s.Investments[i].PerYear
	if unit == 0 {
		unit = s.Investments[i].Upfront
	}
	at := func(price float64) (bool, error) { return boughtAt(ctx, s, pl, i, price/unit) }
	// The check plans from scratch, as `cardio plan --set` would: where
	// the price ties the investment with staff, a warm start may return
	// the other of two equally good plans.
	cold := func(price float64) (bool, error) {
		fresh := &Planner{LP: pl.LP, Opt: pl.Opt, Once: true}
		return boughtAt(ctx, s, fresh, i, price/unit)
	}
	grid := func(x float64) float64 { return math.Floor(x/BreakEvenStep) * BreakEvenStep }
	var lo, hi float64 // bought at lo (on the grid), not at hi
	if c.Bought {
		lo, hi = grid(unit), 2*math.Max(unit, BreakEvenStep)
		for {
			b, err := at(hi)
			if err != nil {
				return err
			}
			if !b {
				break
			}
			if lo = grid(hi); hi >= breakEvenMaxFactor*unit {
				c.AlwaysBought = true
				return nil
			}
			hi *= 2
		}
	} else {
		b, err := at(0)
		if err != nil {
			return err
		}
		if !b {
			c.NeverBought = true
			return nil
		}
		lo, hi = 0, unit
	}
	for tries := 0; tries < 4; tries++ {
		for hi-lo > BreakEvenStep {
			mid := lo + math.Max(BreakEvenStep, grid((hi-lo)/2))
			b, err := at(mid)
			if err != nil {
				return err
			}
			if b {
				lo = mid
			} else {
				hi = mid
			}
		}
		atFigure, err := cold(lo)
		if err != nil {
			return err
		}
		beyond, err := cold(lo + BreakEvenStep)
		if err != nil {
			return err
		}
		switch {
		case atFigure && !beyond:
			inv := s.Investments[i]
			figure, up := lo, inv.Upfront*lo/unit
			yearly := yearlyCost(inv.PerYear*lo/unit, up, float64(s.Periods())*s.PeriodFraction())
			c.BreakEven, c.BreakEvenUpfront, c.BreakEvenYearlyCost = &figure, &up, &yearly
			return nil
		case beyond: // bought one step beyond: search above it
			lo, hi = lo+BreakEvenStep, math.Max(hi, lo+3*BreakEvenStep)
		default: // not bought at the figure: search below it
			hi, lo = lo, grid(math.Max(0, lo-4*BreakEvenStep))
		}
	}
	return nil
}

// whyFinding is the case as one finding: the view words it as one
// sentence, "CPQ is not bought: at $250k upfront and $90k a year it covers
// 1.6 FTE of work in Quoting and CPQ and in Proposals, which staff does for $41k less a
// year; it would be bought at $177k upfront and $64k a year or less; it
// gives sellers back 8,700 hours a year ($870k at $100 an hour, payback 4
// months)".
func whyFinding(c InvestmentCase) Finding {
	kind := KindInvestmentWhyNotBought
	switch {
	case c.Owned:
		kind = KindInvestmentOwned
	case c.Bought:
		kind = KindInvestmentWhyBought
	}
	f := Finding{Kind: kind, Investment: c.ID, Functions: c.Functions, Periods: c.Periods, Numbers: map[string]float64{
		"upfront": c.Upfront, "per_year": c.PerYear, "yearly_cost": c.YearlyCost,
		"work_fte": c.WorkFTE, "staff_cost": c.StaffCost, "seller_hours": c.SellerHours,
	}}
	if c.RampYears > 0 {
		f.Numbers["ramp_years"] = c.RampYears
	}
	// Bought in part: the view says how much, since every other figure is
	// for all of it.
	if c.Partial() {
		f.Numbers["level"] = c.Level
	}
	if c.BreakEven != nil {
		f.Numbers["break_even"] = *c.BreakEven
	}
	if c.BreakEvenUpfront != nil {
		f.Numbers["break_even_upfront"] = *c.BreakEvenUpfront
	}
	if c.NeverBought {
		f.Numbers["never_bought"] = 1
	}
	if c.AlwaysBought {
		f.Numbers["always_bought"] = 1
	}
	if c.BreakEvenNotSearched {
		f.Numbers["break_even_not_searched"] = 1
	}
	switch c.Decision {
	case string(scenario.In):
		f.Numbers["forced_in"] = 1
	case string(scenario.Out):
		f.Numbers["forced_out"] = 1
	}
	if c.HourValue > 0 {
		f.Numbers["hour_value"] = c.HourValue
		f.Numbers["value"] = c.Value
	}
	if c.PaybackMonths != nil {
		f.Numbers["payback_months"] = *c.PaybackMonths
	}
	if len(c.Periods) > 0 {
		f.Period = c.Periods[0]
	}
	return f
}

// InvestmentReport is the result of `cardio invest`: each investment's case
// against the scenario's optimized plan.
type InvestmentReport struct {
	FormatVersion int    `json:"format_version"`
	Scenario      string `json:"scenario"`
	Currency      string `json:"currency"`
	Status        string `json:"status"`
	// HorizonYears is the plan's horizon in years, over which a case's
	// YearlyCost spreads the upfront cost.
	HorizonYears float64 `json:"horizon_years"`
	// Sentences are the cases' Why in words, one per case, written by the
	// view (report) when it writes the report.
	Sentences []string         `json:"sentences,omitempty"`
	Cases     []InvestmentCase `json:"investments"`
	// FunctionNames names the scenario's functions by id, for the words
	// (the JSON keeps the ids).
	FunctionNames map[string]string `json:"-"`
	// Findings say why the scenario has no plan, when it is infeasible.
	Findings []Finding `json:"findings,omitempty"`
}
