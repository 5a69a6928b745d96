package plan

import (
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// FindBinding lists the limits an allocation reaches, within VerifyTol:
// the budget fully spent, the headcount cap reached, a function at its
// floor in some region, a team hiring or shedding as many as its limit
// allows (limits of zero are left out: standing still is not a limit
// reached), the central share at a bound. Order: budget, headcount cap,
// floors (catalog order), hire limits, exit limits (central team first,
// then regions), central share. A floor says in which regions it binds.
func FindBinding(s *scenario.Scenario, a *Allocation) []Binding {
	var out []Binding
	at := func(x, limit float64) bool { return x >= limit-VerifyTol*math.Max(1, math.Abs(limit)) }
	add := func(kind, id string, limit float64, hit func(t int) bool) {
		b := Binding{Kind: kind, ID: id, Limit: limit}
		for t := 0; t < s.Periods(); t++ {
			if hit(t) {
				b.Periods = append(b.Periods, s.PeriodLabel(t))
			}
		}
		if len(b.Periods) > 0 {
			out = append(out, b)
		}
	}
	add(BindBudget, "", 0, func(t int) bool { sp, _ := Spend(s, a, t); return at(sp, s.PeriodBudget(t)) })
	pol := s.Policy
	if pol.HasMaxFTE() {
		add(BindHeadcountCap, "", pol.MaxFTE, func(t int) bool { c, l := Teams(s, a, t); return at(c+l, pol.MaxFTE) })
	}
	for f, fn := range s.Functions {
		if fn.MinCoverage <= 0 {
			continue
		}
		binds := func(r, t int) bool { return s.Demand(f, r, t) > 0 && at(fn.MinCoverage, Coverage(s, a, f, r, t)) }
		add(BindFloor, fn.ID, fn.MinCoverage, func(t int) bool {
			for r := range s.Regions {
				if binds(r, t) {
					return true
				}
			}
			return false
		})
		if n := len(out); n > 0 && out[n-1].Kind == BindFloor && out[n-1].ID == fn.ID {
			for r, reg := range s.Regions {
				br := BindingRegion{Region: reg.Name}
				for t := 0; t < s.Periods(); t++ {
					if binds(r, t) {
						br.Periods = append(br.Periods, s.PeriodLabel(t))
					}
				}
				if len(br.Periods) > 0 {
					out[n-1].Regions = append(out[n-1].Regions, br)
				}
			}
		}
	}
	type team struct {
		name  string
		tm    scenario.Team
		count func(t int) float64
		flows []TeamFlow // a team split into kept and new staff: its hires and exits
	}
	teams := []team{{"central", s.Central, func(t int) float64 { c, _ := Teams(s, a, t); return c }, nil}}
	for r, reg := range s.Regions {
		teams = append(teams, team{reg.Name, reg.Team, func(t int) float64 { return RegionLocal(s, a, r, t) }, nil})
	}
	for k := range teams {
		if teams[k].tm.SplitsKept() {
			teams[k].flows = a.teamFlows(s, k, teamPath(s, a, k, s.Periods()-1))
		}
	}
	change := func(k team, t int) float64 {
		prev := k.tm.CurrentTotal()
		if t > 0 {
			prev = k.count(t - 1)
		}
		return k.count(t) - prev
	}
	hires := func(k team, t int) float64 {
		if k.flows != nil {
			return k.flows[t].Hires
		}
		return change(k, t)
	}
	exits := func(k team, t int) float64 {
		if k.flows != nil {
			return k.flows[t].Exits
		}
		return -change(k, t)
	}
	for _, k := range teams {
		if k.tm.MaxHiresPerPeriod > 0 {
			add(BindHireLimit, k.name, k.tm.MaxHiresPerPeriod, func(t int) bool { return at(hires(k, t), k.tm.MaxHiresPerPeriod) })
		}
	}
	for _, k := range teams {
		if k.tm.MaxExitsPerPeriod > 0 {
			add(BindExitLimit, k.name, k.tm.MaxExitsPerPeriod, func(t int) bool { return at(exits(k, t), k.tm.MaxExitsPerPeriod) })
		}
	}
	share := func(t int) (central, all float64) { c, l := Teams(s, a, t); return c, c + l }
	if pol.CentralShare.Min > 0 {
		add(BindCentralShareMin, "", pol.CentralShare.Min, func(t int) bool {
			c, all := share(t)
			return all > 0 && at(pol.CentralShare.Min*all, c)
		})
	}
	if pol.CentralShare.Max < 1 {
		add(BindCentralShareMax, "", pol.CentralShare.Max, func(t int) bool {
			c, all := share(t)
			return all > 0 && at(c, pol.CentralShare.Max*all)
		})
	}
	return out
}
