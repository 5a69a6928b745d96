package plan

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// ErrPlanMismatch means a plan of record does not fit the scenario
// reviewed: other periods, or no plan at all (infeasible).
var ErrPlanMismatch = errors.New("plan: the plan of record does not fit the scenario")

// BadMoney finds the first money figure of a plan of record that is
// negative or not a finite number: cardio never writes one, but a plan of
// record is a file a user may have edited, and review would compare the
// actuals against it and re-plan from its spend as if it were real. It
// returns the figure's path in the JSON ("periods", 1, "spend") and its
// value. Unspent is not a figure checked: an as-is plan over its budget
// has a negative one.
func (p *Plan) BadMoney() (path []any, v float64, bad bool) {
	check := func(x float64, at ...any) bool {
		if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
			path, v, bad = at, x, true
		}
		return bad
	}
	if check(p.Totals.Budget, "totals", "budget") || check(p.Totals.Spend, "totals", "spend") {
		return
	}
	for t, per := range p.Periods {
		for _, f := range []struct {
			key string
			x   float64
		}{{"budget", per.Budget}, {"spend", per.Spend}, {"staff_spend", per.StaffSpend}, {"central_spend", per.CentralSpend}, {"hiring_exit_spend", per.HiringExitSpend}} {
			if check(f.x, "periods", t, f.key) {
				return
			}
		}
		for i, inv := range per.Investments {
			if check(inv.Spend, "periods", t, "investments", i, "spend") {
				return
			}
		}
	}
	return nil, 0, false
}

// Review is cardio review: the plan of record against the actuals of the
// past periods, and the rest of the horizon re-planned from the team
// actually in seat.
type Review struct {
	FormatVersion int    `json:"format_version"`
	Scenario      string `json:"scenario"`
	Currency      string `json:"currency"`
	Actuals       string `json:"actuals"` // the actuals file
	// HealthyHeart is the scenario's healthy heart level, against which the
	// past periods' heart is read.
	HealthyHeart float64 `json:"healthy_heart"`
	// FunctionNames names the scenario's functions by id, for the views
	// (the staff rows carry ids).
	FunctionNames map[string]string `json:"function_names"`
	// InvestmentNames names the scenario's investments by id, for the
	// views (the re-plan's periods list the investments bought by id).
	InvestmentNames map[string]string `json:"investment_names"`
	// Past is how many periods have actuals: the first Past periods.
	Past    int              `json:"past"`
	Periods []PeriodVariance `json:"periods"`
	// BudgetLeft is the remaining periods' budget, less what the past
	// periods spent above their budget (their actual spend, or the
	// estimate where the actuals give none); with no period left, the
	// horizon's budget less the spend.
	BudgetLeft float64 `json:"budget_left"`
	// PastBudget and PastSpend are the past periods' budgets and spend
	// (as BudgetLeft counts it), RemainingBudget the remaining periods'
	// own budgets: the figures BudgetLeft comes from, so that a view can
	// say what an underspend (PastBudget above PastSpend) became. It is
	// not carried forward: a reader who takes the horizon's budget less
	// the spend finds more than BudgetLeft, by the underspend.
	PastBudget      float64 `json:"past_budget"`
	PastSpend       float64 `json:"past_spend"`
	RemainingBudget float64 `json:"remaining_budget"`
	// Period is the kind of the horizon's periods: month, quarter, year.
	Period string `json:"period"`
	// Replan is the remaining periods, planned again; nil when the
	// actuals cover the whole horizon.
	Replan *Replan `json:"replan,omitempty"`
	// RolledPast are Periods rolled up to RolledBy (a monthly plan's
	// quarters) from RolledUnit periods (months) by RollUp, for the table
	// views, and so is Replan.RolledPeriods; nil when nothing rolls up.
	// Not in the JSON contract, which carries every period.
	RolledPast []PeriodVariance `json:"-"`
	RolledBy   string           `json:"-"`
	RolledUnit string           `json:"-"`
	// RolledGroups holds, for each of Periods, the label of the group
	// RolledPast rolls it into ("FY28-Q1" for 2027-04), for the charts'
	// period axis; nil when nothing rolls up.
	RolledGroups []string `json:"-"`
}

// PeriodVariance is one past period: planned against actual.
type PeriodVariance struct {
	Label string `json:"label"`
	// Staff lists each team and function with staff planned or in seat.
	Staff []StaffVariance `json:"staff"`
	// PlannedSpend is the plan's spend; ActualSpend the actuals' (or,
	// with SpendEstimated, the actual staff at their teams' cost per FTE
	// plus the investments the plan bought).
	PlannedSpend   float64 `json:"planned_spend"`
	ActualSpend    float64 `json:"actual_spend"`
	SpendEstimated bool    `json:"spend_estimated"`
	// Planned and Actual are the coverage the planned and the actual
	// staff give (with the investments of the plan of record).
	Planned PeriodScores `json:"planned"`
	Actual  PeriodScores `json:"actual"`
	// Breaches are the floors and limits the actual staff broke in the
	// period, as Violations finds them: below_floor (function, region;
	// coverage, floor, and central_fte, the central team's actual FTE on
	// the function, and central_share, the part of them counted for the
	// region: CentralSpread), hires_over_limit and exits_over_limit
	// (team; change, limit), over_headcount_cap, central_share_below_min
	// and central_share_above_max. Spend against the budget is the spend
	// variance, not a breach.
	Breaches []Finding `json:"breaches"`
	// CentralSpread says how the central team's actual FTE on each
	// function it staffed were counted for the regions, in the
	// scenario's order of functions: the actuals give the central team's
	// FTE, not whom they served.
	CentralSpread []CentralSpread `json:"central_spread"`
}

// CentralSpread is how the central team's actual FTE on a function were
// counted for the regions in a past period.
type CentralSpread struct {
	Function string  `json:"function"`
	FTE      float64 `json:"fte"` // the central team's actual FTE on it
	// Basis is SpreadPlanOfRecord, SpreadDemand or SpreadSellers.
	Basis string `json:"basis"`
	// Shares are each region's part of FTE, by region name.
	Shares map[string]float64 `json:"shares"`
}

// Bases of CentralSpread: in the proportions of the plan of record's
// central staff on the function in the period; where it had none, of the
// regions' demand for it; where there is none either, of their sellers.
const (
	SpreadPlanOfRecord = "plan_of_record"
	SpreadDemand       = "demand"
	SpreadSellers      = "sellers"
)

// CentralShare is the part of the central team's actual FTE on function
// counted for region in the period, and those FTE; ok is false when the
// central team had none on it.
func (v PeriodVariance) CentralShare(function, region string) (share, fte float64, ok bool) {
	for _, c := range v.CentralSpread {
		if c.Function == function {
			return c.Shares[region], c.FTE, true
		}
	}
	return 0, 0, false
}

// StaffVariance is a team's FTE on a function, planned and actual.
// Team is "central" or a region's name.
type StaffVariance struct {
	Team     string  `json:"team"`
	Function string  `json:"function"`
	Planned  float64 `json:"planned"`
	Actual   float64 `json:"actual"`
	Variance float64 `json:"variance"` // Actual - Planned
}

// PeriodScores are a period's heart, brain and weakest heart cell, with
// the cell's ties (Period.WeakestHeartTies).
type PeriodScores struct {
	Heart         float64 `json:"heart"`
	Healthy       bool    `json:"healthy"`
	Brain         float64 `json:"brain"`
	Weakest       *Cell   `json:"weakest_heart,omitempty"`
	WeakestTied   int     `json:"weakest_heart_tied,omitempty"`
	WeakestAllTie bool    `json:"weakest_heart_all_tie,omitempty"`
	// Regions is how many regions the period has: "every heart function
	// at 90.0% in every region" says the region only where there are
	// several. Not in the JSON.
	Regions int `json:"-"`
	// cells are the period's cells, by which a roll-up counts the ties
	// over its periods (rollVariances).
	cells []Cell
}

// periodScores reads a period's scores off p.
func periodScores(p Period) PeriodScores {
	sc := PeriodScores{Heart: p.Heart, Healthy: p.Healthy, Brain: p.Brain, Weakest: p.WeakestHeart, Regions: len(p.Regions), cells: p.Cells}
	sc.WeakestTied, sc.WeakestAllTie = p.WeakestHeartTies()
	return sc
}

// Replan is the remaining periods planned from the last actual team:
// Plan is the re-plan (its periods are the remaining ones), Periods pair
// each with the plan of record's.
type Replan struct {
	Plan    *Plan        `json:"plan"`
	Periods []PeriodDiff `json:"periods"`
	// RolledPeriods are Periods with both plans rolled up to the review's
	// RolledBy as Plan.RollUp rolls them, for the table views
	// (Review.RollUp); nil when nothing rolls up. Not in the JSON
	// contract, which carries every period.
	RolledPeriods []PeriodDiff `json:"-"`
}

// RollUp rolls the review of s up as RollUpBy(s, ..., by) rolls s's
// periods, for the table views. The past periods (RolledPast): heart and
// brain, planned and actual, the mean over the group's periods, the
// spends their sum (estimated if any period's is), the weakest heart cell
// the weakest of the periods' (WeakerCell), the staff at the group's last
// period, as a quarter's headcount is reported at its end. The re-plan
// (Replan.RolledPeriods): the remaining periods of rec, the plan of record
// of s, and of the re-plan, rolled up. The groups are s's, so a quarter
// split by the last actual period shows the months on each side of it
// ("FY28-Q2 (1 month)" past, "FY28-Q2 (2 months)" re-planned). Nothing
// rolls up when by does not (RollUpBy); the re-plan not without a
// feasible one.
func (rv *Review) RollUp(s *scenario.Scenario, rec *Plan, by string) {
	groups, kind := GroupsBy(s, by)
	if groups == nil || len(groups) < rv.Past || len(rv.Periods) != rv.Past {
		return
	}
	size, unit := s.GroupSize(kind), string(s.Horizon.Period)
	for _, g := range Spans(groups[:rv.Past], size, unit) {
		rv.RolledPast = append(rv.RolledPast, rollVariances(g.Label, rv.Periods[g.Start:g.End]))
	}
	rv.RolledBy, rv.RolledUnit, rv.RolledGroups = string(kind), unit, groups[:rv.Past]
	rp := rv.Replan
	if rp == nil || rp.Plan.Status == StatusInfeasible || len(rec.Periods) != len(groups) || len(rp.Plan.Periods) != len(groups)-rv.Past {
		return
	}
	tail := *rec
	tail.Periods = rec.Periods[rv.Past:]
	rest := groups[rv.Past:]
	rp.RolledPeriods = periodDiffs(tail.RollUp(rest, size, unit), rp.Plan.RollUp(rest, size, unit), nil, nil, 0.01)
}

// Staff reads the FTE per team and function of a plan's period t off its
// cells: central is [f], local [r][f], in the scenario's order. Cells of
// functions or regions s does not have are ignored.
func planStaff(s *scenario.Scenario, p Period) (central []float64, local [][]float64) {
	central = make([]float64, len(s.Functions))
	local = make([][]float64, len(s.Regions))
	for r := range local {
		local[r] = make([]float64, len(s.Functions))
	}
	reg := map[string]int{}
	for r, x := range s.Regions {
		reg[x.ID] = r
	}
	for _, c := range p.Cells {
		f := s.FunctionIndex(c.Function)
		r, ok := reg[c.RegionID]
		if f < 0 || !ok {
			continue
		}
		central[f] += c.CentralFTE
		local[r][f] += c.LocalFTE
	}
	return central, local
}

// actualAllocation is the staff of the actuals in the past periods with
// the investment levels of the plan of record. The central team's FTE on
// a function serve the regions as the plan of record's central staff on it
// did (in proportion), or, where the plan had none, in proportion to the
// regions' demand, as AsIsAllocation has it: actuals equal to the plan
// then cover what the plan covers.
func actualAllocation(s *scenario.Scenario, act *scenario.Actuals, rec *Plan) (*Allocation, [][]CentralSpread) {
	a := NewAllocation(s)
	spreads := make([][]CentralSpread, act.Periods)
	for t := 0; t < act.Periods; t++ {
		shares := s.SellerShares(t)
		planCentral := make([][]float64, len(s.Functions)) // [f][r]
		for f := range planCentral {
			planCentral[f] = make([]float64, len(s.Regions))
		}
		reg := map[string]int{}
		for r, x := range s.Regions {
			reg[x.ID] = r
		}
		for _, c := range rec.Periods[t].Cells {
			if f, r, ok := s.FunctionIndex(c.Function), reg[c.RegionID], hasKey(reg, c.RegionID); f >= 0 && ok {
				planCentral[f][r] += c.CentralFTE
			}
		}
		for f := range s.Functions {
			var total, planned float64
			for r := range s.Regions {
				total += s.Demand(f, r, t)
				planned += planCentral[f][r]
			}
			basis := SpreadSellers
			switch {
			case planned > fteZero:
				basis = SpreadPlanOfRecord
			case total > 0:
				basis = SpreadDemand
			}
			sp := CentralSpread{Function: s.Functions[f].ID, FTE: act.Central[t][f], Basis: basis, Shares: map[string]float64{}}
			for r, reg := range s.Regions {
				a.Local[f][r][t] = act.Local[t][r][f]
				share := shares[r]
				switch basis {
				case SpreadPlanOfRecord:
					share = planCentral[f][r] / planned
				case SpreadDemand:
					share = s.Demand(f, r, t) / total
				}
				a.Central[f][r][t] = act.Central[t][f] * share
				sp.Shares[reg.Name] = share
			}
			if act.Central[t][f] > fteZero {
				spreads[t] = append(spreads[t], sp)
			}
		}
		for _, inv := range rec.Periods[t].Investments {
			if i := s.InvestmentIndex(inv.ID); i >= 0 {
				a.Level[i][t] = inv.Level
			}
		}
	}
	return a, spreads
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// NewReview compares the plan of record rec with the actuals of s's first
// periods, and re-plans the remaining ones (Shift) from the last actual
// team, with the budget left.
func NewReview(ctx context.Context, s *scenario.Scenario, rec *Plan, act *scenario.Actuals, lp solve.LPSolver, opt solve.Options) (*Review, error) {
	if rec.Status == StatusInfeasible || len(rec.Periods) != s.Periods() {
		return nil, fmt.Errorf("%w: it has %d periods, the scenario %d", ErrPlanMismatch, len(rec.Periods), s.Periods())
	}
	for t, p := range rec.Periods {
		if p.Label != s.PeriodLabel(t) {
			return nil, fmt.Errorf("%w: its period %d is %s, the scenario's %s", ErrPlanMismatch, t+1, p.Label, s.PeriodLabel(t))
		}
	}
	rv := &Review{FormatVersion: FormatVersion, Scenario: s.Name, Currency: s.Currency, Actuals: act.File, HealthyHeart: s.Policy.HealthyHeart, Past: act.Periods, Periods: []PeriodVariance{}}
	rv.FunctionNames, rv.InvestmentNames = s.FunctionNames(), s.InvestmentNames()
	alloc, spreads := actualAllocation(s, act, rec)
	actual := Build(s, alloc, ModeAsIs, StatusAsIs)
	breaches := reviewBreaches(s, alloc, act.Periods)
	var total, spent float64
	for t := 0; t < s.Periods(); t++ {
		total += s.PeriodBudget(t)
	}
	for t := 0; t < act.Periods; t++ {
		pp, ap := rec.Periods[t], actual.Periods[t]
		v := PeriodVariance{Label: pp.Label, PlannedSpend: pp.Spend, ActualSpend: ap.Spend, SpendEstimated: !act.SpendGiven[t],
			Planned: periodScores(pp), Actual: periodScores(ap), Staff: []StaffVariance{},
			Breaches: []Finding{}, CentralSpread: []CentralSpread{}}
		v.CentralSpread = append(v.CentralSpread, spreads[t]...)
		for _, b := range breaches {
			if b.Period != pp.Label {
				continue
			}
			if b.Kind == KindBelowFloor {
				share, fte, _ := v.CentralShare(b.Function, b.Region)
				b.Numbers["central_fte"], b.Numbers["central_share"] = fte, share
			}
			v.Breaches = append(v.Breaches, b)
		}
		if act.SpendGiven[t] {
			v.ActualSpend = act.Spend[t]
		}
		spent += v.ActualSpend
		pc, pl := planStaff(s, pp)
		row := func(team, fn string, planned, got float64) {
			if math.Abs(planned) > fteZero || math.Abs(got) > fteZero {
				v.Staff = append(v.Staff, StaffVariance{Team: team, Function: fn, Planned: planned, Actual: got, Variance: zeroTiny(got - planned)})
			}
		}
		for f, fn := range s.Functions {
			row("central", fn.ID, pc[f], act.Central[t][f])
		}
		for r, reg := range s.Regions {
			for f, fn := range s.Functions {
				row(reg.Name, fn.ID, pl[r][f], act.Local[t][r][f])
			}
		}
		rv.Periods = append(rv.Periods, v)
	}
	rv.PastSpend, rv.Period = spent, string(s.Horizon.Period)
	for t := 0; t < s.Periods(); t++ {
		if t < act.Periods {
			rv.PastBudget += s.PeriodBudget(t)
		} else {
			rv.RemainingBudget += s.PeriodBudget(t)
		}
	}
	if act.Periods == s.Periods() {
		rv.BudgetLeft = total - spent
		return rv, nil
	}
	rest := Shift(s, act.Periods, act.Central[act.Periods-1], act.Local[act.Periods-1], owned(s, rec.Periods[act.Periods-1]))
	keepRoster(rest, s, act, act.Periods)
	// The remaining periods keep their budgets, less what the past
	// periods spent above theirs, taken back in proportion to the
	// budgets: the model carries no money from one period to the next,
	// so an underspend is not carried forward (the plan of record's own
	// unspent money would otherwise change the rest of the year).
	pastBudget, restBudget := rv.PastBudget, rv.RemainingBudget
	over := math.Max(0, spent-pastBudget)
	rv.BudgetLeft = math.Max(0, restBudget-over)
	for j := range rest.Budget.PerPeriod {
		if restBudget > 0 {
			rest.Budget.PerPeriod[j] *= rv.BudgetLeft / restBudget
		}
	}
	p, err := Optimize(ctx, rest, lp, opt)
	if err != nil {
		return nil, err
	}
	rv.Replan = &Replan{Plan: p, Periods: []PeriodDiff{}}
	if p.Status != StatusInfeasible {
		tail := *rec
		tail.Periods = rec.Periods[act.Periods:]
		rv.Replan.Periods = periodDiffs(&tail, p, nil, nil, 0.01)
	}
	return rv, nil
}

// reviewBreaches are the floors and limits the actual allocation a breaks
// in the first past periods (Violations): not its spend against the
// budget (the review compares the actual spend with the plan's), nor the
// investments' levels, which are the plan of record's.
func reviewBreaches(s *scenario.Scenario, a *Allocation, past int) []Finding {
	in := map[string]bool{}
	for t := range past {
		in[s.PeriodLabel(t)] = true
	}
	var out []Finding
	for _, f := range Violations(s, a) {
		switch f.Kind {
		case KindBelowFloor, KindHiresOverLimit, KindExitsOverLimit, KindOverHeadcountCap, KindCentralShareBelowMin, KindCentralShareAboveMax:
			if in[f.Period] {
				out = append(out, f)
			}
		}
	}
	return out
}

// rollVariances makes one past period of ps (at least one), as RollUp
// says.
func rollVariances(label string, ps []PeriodVariance) PeriodVariance {
	last := ps[len(ps)-1]
	g := PeriodVariance{Label: label, Staff: last.Staff}
	g.Planned.Healthy, g.Actual.Healthy = true, true
	n := float64(len(ps))
	for _, p := range ps {
		g.PlannedSpend += p.PlannedSpend
		g.ActualSpend += p.ActualSpend
		g.SpendEstimated = g.SpendEstimated || p.SpendEstimated
		for _, side := range []struct{ to, from *PeriodScores }{{&g.Planned, &p.Planned}, {&g.Actual, &p.Actual}} {
			side.to.Heart += side.from.Heart / n
			side.to.Brain += side.from.Brain / n
			side.to.Healthy = side.to.Healthy && side.from.Healthy
			if w := side.from.Weakest; w != nil && (side.to.Weakest == nil || WeakerCell(w, side.to.Weakest)) {
				side.to.Weakest = w
			}
			side.to.Regions = side.from.Regions
			side.to.cells = append(side.to.cells, side.from.cells...)
		}
	}
	// The weakest cell's ties over the group's periods, as Plan.RollUp
	// counts a rolled period's.
	for _, side := range []*PeriodScores{&g.Planned, &g.Actual} {
		if side.Weakest != nil {
			side.WeakestTied, side.WeakestAllTie = HeartCellTies(side.cells, side.Weakest)
		}
	}
	return g
}

// fteZero is the FTE below which a team and function is not listed.
const fteZero = 1e-9

// owned lists the investments a period of a plan has fully bought: in a
// re-plan from that period they are in place.
func owned(s *scenario.Scenario, p Period) map[string]bool {
	out := map[string]bool{}
	for _, inv := range p.Investments {
		if inv.Level >= 1-VerifyTol && s.InvestmentIndex(inv.ID) >= 0 {
			out[inv.ID] = true
		}
	}
	return out
}

// Shift is s from its period k on: the horizon starts at period k (with
// its sellers, stages and budget), and the teams' current FTE are central
// [f] and local [r][f]; the investments in have are owned (in place, their
// running cost continuing). The hire and exit limits, policy and functions
// are s's.
func Shift(s *scenario.Scenario, k int, central []float64, local [][]float64, have map[string]bool) *scenario.Scenario {
	c := *s
	h := s.Horizon
	h.Periods = s.Periods() - k
	switch h.Period {
	case scenario.Month:
		i := h.StartIndex - 1 + k
		h.StartYear, h.StartIndex = h.StartYear+i/12, i%12+1
	case scenario.Quarter:
		i := h.StartIndex - 1 + k
		h.StartYear, h.StartIndex = h.StartYear+i/4, i%4+1
	default:
		h.StartYear += k
	}
	h.Start = s.PeriodLabel(k)
	c.Horizon = h
	c.Stages = slices.Clone(s.Stages[k:])
	c.Budget = scenario.Budget{PerPeriod: make([]float64, h.Periods)}
	for j := range c.Budget.PerPeriod {
		c.Budget.PerPeriod[j] = s.PeriodBudget(k + j)
	}
	team := func(t scenario.Team, fte []float64) scenario.Team {
		t.CurrentFTE = map[string]float64{}
		for f, fn := range s.Functions {
			if fte[f] != 0 {
				t.CurrentFTE[fn.ID] = fte[f]
			}
		}
		// The roster's staff still in seat are at most the team; the
		// rest of it was hired since, at cost_per_fte (keepRoster knows
		// the periods between).
		t.KeptFTE = math.Min(t.KeptFTE, t.CurrentTotal())
		return t
	}
	c.Central = team(s.Central, central)
	c.Regions = slices.Clone(s.Regions)
	for r := range c.Regions {
		c.Regions[r].Sellers = s.Sellers(r, k)
		c.Regions[r].Team = team(s.Regions[r].Team, local[r])
	}
	c.Investments = slices.Clone(s.Investments)
	for i := range c.Investments {
		if have[c.Investments[i].ID] {
			c.Investments[i].Owned = true
		}
	}
	c.Checkup = maps.Clone(s.Checkup)
	c.Warnings = nil
	return &c
}

// AtLastActual is s from the last actual period on, with the team in seat
// then as its current team and the investments the plan of record had
// bought then as owned: the organization the checkup examines for what
// happened.
func AtLastActual(s *scenario.Scenario, rec *Plan, act *scenario.Actuals) *scenario.Scenario {
	k := act.Periods - 1
	c := Shift(s, k, act.Central[k], act.Local[k], owned(s, rec.Periods[k]))
	keepRoster(c, s, act, act.Periods)
	return c
}

// keepRoster sets the roster's staff still in seat in c, s rolled forward
// over the first n periods of act: each team keeps its roster's staff as
// long as its actual headcount allows (Flows without replacing: who left
// is not known, and today's staff are taken to stay first), so that a
// team that shrank and grew again is partly new hires at cost_per_fte.
func keepRoster(c, s *scenario.Scenario, act *scenario.Actuals, n int) {
	for k := range 1 + len(s.Regions) {
		tm := teamOf(s, k)
		if !tm.SplitsKept() {
			continue
		}
		path := make([]float64, n)
		for t := range n {
			fte := act.Central[t]
			if k > 0 {
				fte = act.Local[t][k-1]
			}
			for _, v := range fte {
				path[t] += v
			}
		}
		kept := Flows(tm, path, false)[n-1].Kept
		// At most the team in seat as c sums it (another order of the
		// same FTE may differ in the last bit).
		if k == 0 {
			c.Central.KeptFTE = math.Min(kept, c.Central.CurrentTotal())
		} else {
			c.Regions[k-1].KeptFTE = math.Min(kept, c.Regions[k-1].CurrentTotal())
		}
	}
}
