package plan

import (
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// VerifyTol is the relative tolerance of Verify: a constraint with
// right-hand side b may be exceeded by VerifyTol*max(1,|b|). It is looser
// than the solver's feasibility tolerance because Verify recomputes every
// figure from the scenario, in another order of floating-point operations.
const VerifyTol = 1e-6

// Verify re-checks an allocation against every constraint of the scenario,
// computed from the scenario alone (not from the LP), and returns one line
// per violation, for the error of a solver bug: an optimized plan that
// fails Verify is a solver bug. What a user reads is Violations, worded by
// the view.
func Verify(s *scenario.Scenario, a *Allocation) []string {
	var bad []string
	for _, f := range Violations(s, a) {
		bad = append(bad, f.debug())
	}
	for _, f := range fractionalPeople(s, a) {
		bad = append(bad, f.debug())
	}
	return bad
}

// kindFractionalPeople is a team whose headcount is not whole in a plan
// with policy.whole_people. Only a solver bug makes one (the as-is plan is
// not held to whole people: today's team is what it is), so it is in
// Verify, not in Violations, and no view words it.
const kindFractionalPeople = "fractional_people"

// fractionalPeople re-checks policy.whole_people: each team's FTE, summed
// over functions, whole in every period, within VerifyTol.
func fractionalPeople(s *scenario.Scenario, a *Allocation) []Finding {
	if !s.Policy.WholePeople {
		return nil
	}
	var bad []Finding
	for _, tm := range Headcounts(s, a) {
		for t, n := range tm.FTE {
			if math.Abs(n-math.Round(n)) > VerifyTol*math.Max(1, math.Abs(n)) {
				bad = append(bad, Finding{Kind: kindFractionalPeople, Period: s.PeriodLabel(t), Team: tm.Name,
					Numbers: map[string]float64{"fte": n}})
			}
		}
	}
	return bad
}

// Violations re-checks an allocation against every constraint of the
// scenario, computed from the scenario alone, and returns one finding per
// violation, per period: below_floor (function, region; coverage, floor),
// over_budget (spend, budget), central_share_below_min and
// central_share_above_max (central_fte, fte, share, limit),
// over_headcount_cap (fte, cap), hires_over_limit and exits_over_limit
// (team; change, limit), and for levels only a solver bug can produce,
// negative_fte and the investment kinds.
func Violations(s *scenario.Scenario, a *Allocation) []Finding {
	var bad []Finding
	over := func(x, limit float64) bool { return x > limit+VerifyTol*math.Max(1, math.Abs(limit)) }
	pol := s.Policy

	for t := 0; t < s.Periods(); t++ {
		lbl := s.PeriodLabel(t)
		for f, fn := range s.Functions {
			for r, reg := range s.Regions {
				if a.Local[f][r][t] < -VerifyTol || a.Central[f][r][t] < -VerifyTol {
					bad = append(bad, Finding{Kind: KindNegativeFTE, Period: lbl, Function: fn.ID, Region: reg.Name,
						Numbers: map[string]float64{"local_fte": a.Local[f][r][t], "central_fte": a.Central[f][r][t]}})
				}
				if c := Coverage(s, a, f, r, t); over(fn.MinCoverage, c) {
					bad = append(bad, Finding{Kind: KindBelowFloor, Period: lbl, Function: fn.ID, Region: reg.Name,
						Numbers: map[string]float64{"coverage": c, "floor": fn.MinCoverage}})
				}
			}
		}
		if spend, _ := Spend(s, a, t); over(spend, s.PeriodBudget(t)) {
			bad = append(bad, Finding{Kind: KindOverBudget, Period: lbl, Numbers: map[string]float64{"spend": spend, "budget": s.PeriodBudget(t)}})
		}
		central, local := Teams(s, a, t)
		all := central + local
		share := func(kind string, limit float64) Finding {
			f := Finding{Kind: kind, Period: lbl, Numbers: map[string]float64{"central_fte": central, "fte": all, "limit": limit, "share": 0}}
			if all > 0 {
				f.Numbers["share"] = central / all
			}
			return f
		}
		if over(pol.CentralShare.Min*all, central) {
			bad = append(bad, share(KindCentralShareBelowMin, pol.CentralShare.Min))
		}
		if over(central, pol.CentralShare.Max*all) {
			bad = append(bad, share(KindCentralShareAboveMax, pol.CentralShare.Max))
		}
		if pol.HasMaxFTE() && over(all, pol.MaxFTE) {
			bad = append(bad, Finding{Kind: KindOverHeadcountCap, Period: lbl, Numbers: map[string]float64{"fte": all, "cap": pol.MaxFTE}})
		}
		for i, inv := range s.Investments {
			y := a.Level[i][t]
			level := func(kind string) Finding {
				return Finding{Kind: kind, Period: lbl, Investment: inv.ID, Numbers: map[string]float64{"level": y}}
			}
			if y < -VerifyTol || over(y, 1) {
				bad = append(bad, level(KindInvestmentOutOfRange))
			}
			if inv.Owned && math.Abs(y-1) > VerifyTol {
				bad = append(bad, level(KindOwnedNotInPlace))
			}
			if !inv.Scalable && !inv.Owned && math.Min(y, 1-y) > VerifyTol {
				bad = append(bad, level(KindInvestmentPartlyBought))
			}
			if t > 0 && over(a.Level[i][t-1], y) {
				f := level(KindInvestmentFalls)
				f.Numbers["from"] = a.Level[i][t-1]
				bad = append(bad, f)
			}
			for _, req := range inv.Requires {
				if k := s.InvestmentIndex(req); over(y, a.Level[k][t]) {
					f := level(KindInvestmentAhead)
					f.Given = []Constraint{{Kind: ConstraintInvestment, ID: req, Limit: a.Level[k][t]}}
					bad = append(bad, f)
				}
			}
		}
	}
	bad = append(bad, headcountViolations(s, a, 0, "central", s.Central)...)
	for r, reg := range s.Regions {
		bad = append(bad, headcountViolations(s, a, 1+r, reg.Name, reg.Team)...)
	}
	return bad
}

// headcountViolations checks a team's hires and exits per period against
// its limits: the change of its headcount, or for a team split into kept
// and new staff the hires and exits of Flows (teamFlows), which count a
// kept person replaced by a new hire as one of each. Team k is tm, named
// name.
func headcountViolations(s *scenario.Scenario, a *Allocation, k int, name string, tm scenario.Team) []Finding {
	var bad []Finding
	var flows []TeamFlow
	headcount := teamPath(s, a, k, s.Periods()-1)
	if tm.SplitsKept() {
		flows = a.teamFlows(s, k, headcount)
	}
	prev := tm.CurrentTotal()
	for t := 0; t < s.Periods(); t++ {
		now := headcount[t]
		hires, exits := now-prev, prev-now
		if flows != nil {
			hires, exits = flows[t].Hires, flows[t].Exits
		}
		lim := func(x float64) float64 { return x + VerifyTol*math.Max(1, math.Max(math.Abs(prev), math.Abs(now))) }
		if tm.HasHireLimit() && hires > lim(tm.MaxHiresPerPeriod) {
			bad = append(bad, Finding{Kind: KindHiresOverLimit, Period: s.PeriodLabel(t), Team: name,
				Numbers: map[string]float64{"change": hires, "limit": tm.MaxHiresPerPeriod}})
		}
		if tm.HasExitLimit() && exits > lim(tm.MaxExitsPerPeriod) {
			bad = append(bad, Finding{Kind: KindExitsOverLimit, Period: s.PeriodLabel(t), Team: name,
				Numbers: map[string]float64{"change": exits, "limit": tm.MaxExitsPerPeriod}})
		}
		prev = now
	}
	return bad
}
