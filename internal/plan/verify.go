package plan

import (
	"fmt"
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
// per violation. An optimized plan that fails Verify is a solver bug.
func Verify(s *scenario.Scenario, a *Allocation) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	over := func(x, limit float64) bool { return x > limit+VerifyTol*math.Max(1, math.Abs(limit)) }
	pol := s.Policy

	for t := 0; t < s.Periods(); t++ {
		lbl := s.PeriodLabel(t)
		for f, fn := range s.Functions {
			for r, reg := range s.Regions {
				if a.Local[f][r][t] < -VerifyTol || a.Central[f][r][t] < -VerifyTol {
					fail("%s: negative FTE on %s in %s", lbl, fn.ID, reg.Name)
				}
				if c := Coverage(s, a, f, r, t); over(fn.MinCoverage, c) {
					fail("%s: %s in %s covered %.6f, below its floor %.6f", lbl, fn.ID, reg.Name, c, fn.MinCoverage)
				}
			}
		}
		if spend, _ := Spend(s, a, t); over(spend, s.PeriodBudget(t)) {
			fail("%s: spend %.2f exceeds the budget %.2f", lbl, spend, s.PeriodBudget(t))
		}
		central, local := Teams(s, a, t)
		all := central + local
		if over(pol.CentralShare.Min*all, central) {
			fail("%s: central FTE %.4f below %.4f of all FTE %.4f", lbl, central, pol.CentralShare.Min, all)
		}
		if over(central, pol.CentralShare.Max*all) {
			fail("%s: central FTE %.4f above %.4f of all FTE %.4f", lbl, central, pol.CentralShare.Max, all)
		}
		if pol.HasMaxFTE && over(all, pol.MaxFTE) {
			fail("%s: %.4f FTE exceed the cap of %.4f", lbl, all, pol.MaxFTE)
		}
		for i, inv := range s.Investments {
			y := a.Level[i][t]
			if y < -VerifyTol || over(y, 1) {
				fail("%s: investment %s at level %.6f, outside [0,1]", lbl, inv.ID, y)
			}
			if inv.Owned && math.Abs(y-1) > VerifyTol {
				fail("%s: owned investment %s at level %.6f", lbl, inv.ID, y)
			}
			if !inv.Scalable && !inv.Owned && math.Min(y, 1-y) > VerifyTol {
				fail("%s: all-or-nothing investment %s at level %.6f", lbl, inv.ID, y)
			}
			if t > 0 && over(a.Level[i][t-1], y) {
				fail("%s: investment %s falls from %.6f to %.6f", lbl, inv.ID, a.Level[i][t-1], y)
			}
			for _, req := range inv.Requires {
				if k := s.InvestmentIndex(req); over(y, a.Level[k][t]) {
					fail("%s: investment %s at %.6f ahead of %s, which it requires, at %.6f", lbl, inv.ID, y, req, a.Level[k][t])
				}
			}
		}
	}
	verifyHeadcount(s, "central", s.Central, func(t int) float64 { c, _ := Teams(s, a, t); return c }, fail)
	for r, reg := range s.Regions {
		verifyHeadcount(s, reg.Name, reg.Team, func(t int) float64 { return RegionLocal(s, a, r, t) }, fail)
	}
	return bad
}

func verifyHeadcount(s *scenario.Scenario, name string, tm scenario.Team, headcount func(t int) float64, fail func(string, ...any)) {
	prev := tm.CurrentTotal()
	for t := 0; t < s.Periods(); t++ {
		now := headcount(t)
		lim := func(x float64) float64 { return x + VerifyTol*math.Max(1, math.Max(math.Abs(prev), math.Abs(now))) }
		if tm.HasHireLimit() && now-prev > lim(tm.MaxHiresPerPeriod) {
			fail("%s: %s hires %.4f, more than its limit of %.4f", s.PeriodLabel(t), name, now-prev, tm.MaxHiresPerPeriod)
		}
		if tm.HasExitLimit() && prev-now > lim(tm.MaxExitsPerPeriod) {
			fail("%s: %s loses %.4f, more than its exit limit of %.4f", s.PeriodLabel(t), name, prev-now, tm.MaxExitsPerPeriod)
		}
		prev = now
	}
}
