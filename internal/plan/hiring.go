package plan

import (
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Hiring is the plan in people (policy.whole_people): per team and period,
// the headcount, the people hired and leaving since the period before
// (today's team before the first), and how the team's FTE split across
// functions. Teams are the central team, then each region's local team,
// in scenario order.
//
// A plan in FTE has one too when a team's roster costs other than its new
// hires (scenario.Team.SplitsKept), with InFTE set: its least spend
// replaces a roster dearer than new hires as fast as the limits allow,
// and only the split into kept and new staff shows it. Its headcounts,
// hires and exits are then FTE, not whole people.
type Hiring struct {
	InFTE bool         `json:"in_fte,omitempty"`
	Teams []HiringTeam `json:"teams"`
}

// HiringTeam is one team's hiring plan.
type HiringTeam struct {
	// Team is "central" or the region's id; Name is the region's name
	// (empty for the central team).
	Team string `json:"team"`
	Name string `json:"name,omitempty"`
	// Current is today's headcount (the team's current FTE, a roster's
	// part-timers included): the first period's hires and exits are
	// counted from it.
	Current float64 `json:"current"`
	// Roster is set for a team whose roster costs other than its new
	// hires (scenario.Team.SplitsKept): then each period says how many
	// of its people are the roster's staff still in seat and how many
	// were hired since.
	Roster *RosterCosts `json:"roster,omitempty"`
	// HireCost and ExitCost are the team's one-time costs per FTE hired
	// and per FTE leaving (scenario.Team.HireCost, ExitCost), which the
	// plan counts in its spend; 0 when the scenario gives none.
	HireCost float64        `json:"hire_cost,omitempty"`
	ExitCost float64        `json:"exit_cost,omitempty"`
	Periods  []HiringPeriod `json:"periods"`
}

// DisplayName is the team as the views and the claims name it: "central"
// or the region's name.
func (tm HiringTeam) DisplayName() string {
	if tm.Name != "" {
		return tm.Name
	}
	return tm.Team
}

// RosterCosts are a split team's costs per FTE per year: its roster's
// staff at their average (Kept), new hires at cost_per_fte (New), and
// how many of today's team are the roster's (KeptFTE).
type RosterCosts struct {
	KeptFTE        float64 `json:"kept_fte"`
	KeptCostPerFTE float64 `json:"kept_cost_per_fte"`
	NewCostPerFTE  float64 `json:"new_cost_per_fte"`
}

// HiringPeriod is a team's people in one period.
type HiringPeriod struct {
	Period    string  `json:"period"`
	Headcount float64 `json:"headcount"`
	Hires     float64 `json:"hires"`
	Exits     float64 `json:"exits"`
	// Kept and New split Headcount into the roster's staff still in seat
	// and the staff hired since (Flows), for a team with Roster set; nil
	// for other teams.
	Kept *float64 `json:"kept,omitempty"`
	New  *float64 `json:"new,omitempty"`
	// Functions is the team's FTE per function, functions without staff
	// left out, in scenario order: it sums to Headcount.
	Functions []FunctionFTE `json:"functions"`
}

// FunctionFTE is the FTE a team gives one function in a period.
type FunctionFTE struct {
	ID  string  `json:"id"`
	FTE float64 `json:"fte"`
}

// TeamFTE is one team's FTE per period (see Headcounts).
type TeamFTE struct {
	Team, Name string // as HiringTeam's
	Current    float64
	FTE        []float64 // [t]
	ByFunction [][]float64
}

// Headcounts is each team's FTE per period, summed over functions (and,
// for the central team, over the regions it serves): the central team,
// then each region's local team.
func Headcounts(s *scenario.Scenario, a *Allocation) []TeamFTE {
	nT := s.Periods()
	teams := make([]TeamFTE, 1+len(s.Regions))
	teams[0] = TeamFTE{Team: "central", Current: s.Central.CurrentTotal()}
	for r, reg := range s.Regions {
		teams[1+r] = TeamFTE{Team: reg.ID, Name: reg.Name, Current: reg.CurrentTotal()}
	}
	for k := range teams {
		teams[k].FTE = make([]float64, nT)
		teams[k].ByFunction = make([][]float64, nT)
		for t := range nT {
			teams[k].ByFunction[t] = make([]float64, len(s.Functions))
		}
	}
	for f := range s.Functions {
		for r := range s.Regions {
			for t := range nT {
				teams[0].ByFunction[t][f] += a.Central[f][r][t]
				teams[1+r].ByFunction[t][f] += a.Local[f][r][t]
			}
		}
	}
	for k := range teams {
		for t := range nT {
			for _, v := range teams[k].ByFunction[t] {
				teams[k].FTE[t] += v
			}
		}
	}
	return teams
}

// BuildHiring is the hiring plan of an allocation. With whole, its team
// headcounts are whole (Verify checked them): each headcount is rounded to
// the whole number it is within the solver's tolerance of, so that the
// plan says 12 people and 2 hires, not 11.9999999 and 1.9999999. Without,
// it is a plan in FTE (Hiring.InFTE): each headcount is the team's FTE,
// and a change within the tolerance of round-off is no change. Today's
// team is taken as it is: a roster's part-timers can make it fractional,
// and then the first period's change is too. A team whose roster costs
// other than its new hires has its people split into kept and new, and
// its hires and exits counted (Flows) from those headcounts.
func BuildHiring(s *scenario.Scenario, a *Allocation, whole bool) *Hiring {
	h := &Hiring{InFTE: !whole, Teams: []HiringTeam{}}
	for k, tm := range Headcounts(s, a) {
		st := teamOf(s, k)
		out := HiringTeam{Team: tm.Team, Name: tm.Name, Current: tm.Current, HireCost: st.HireCost, ExitCost: st.ExitCost, Periods: []HiringPeriod{}}
		heads := make([]float64, len(tm.FTE))
		prev := tm.Current
		for t, n := range tm.FTE {
			switch {
			case whole:
				heads[t] = math.Round(n)
			case math.Abs(n-prev) <= VerifyTol*math.Max(1, prev):
				heads[t] = prev // round-off, not a hire or an exit
			default:
				heads[t] = n
			}
			prev = heads[t]
		}
		var flows []TeamFlow
		if st.SplitsKept() {
			out.Roster = &RosterCosts{KeptFTE: st.KeptFTE, KeptCostPerFTE: st.CurrentCostPerFTE, NewCostPerFTE: st.CostPerFTE}
			flows = a.teamFlows(s, k, heads)
		}
		prev = tm.Current
		for t, n := range heads {
			per := HiringPeriod{Period: s.PeriodLabel(t), Headcount: n, Functions: []FunctionFTE{}}
			if d := n - prev; d > 0 {
				per.Hires = d
			} else if d < 0 {
				per.Exits = -d
			}
			if flows != nil {
				fl := flows[t]
				per.Hires, per.Exits, per.Kept, per.New = fl.Hires, fl.Exits, &fl.Kept, &fl.New
			}
			for f, fn := range s.Functions {
				if v := tm.ByFunction[t][f]; v > 0 {
					per.Functions = append(per.Functions, FunctionFTE{ID: fn.ID, FTE: v})
				}
			}
			out.Periods = append(out.Periods, per)
			prev = n
		}
		h.Teams = append(h.Teams, out)
	}
	return h
}

// TeamFlow is a team's people in one period: the headcount, the people
// hired and leaving since the period before, and, for a team whose
// roster costs other than its new hires (scenario.Team.SplitsKept), the
// headcount split into Kept (today's roster staff still in seat) and New
// (staff hired since); Kept and New are 0 for other teams.
type TeamFlow struct {
	Headcount, Kept, New, Hires, Exits float64
}

// Flows is team tm's people per period given its headcount per period
// (fte), from today's team (tm.CurrentTotal(), of which tm.KeptFTE are
// the roster's staff). A team that is not split hires or sheds its change
// of headcount. A split team keeps its roster's staff as long as the
// headcount allows, and fills the rest with new staff; with replace (an
// optimized plan) and a roster dearer than new hires, it instead keeps
// the fewest the team's limits allow:
//
//	kept[t] = max(0, kept[t-1] - max_exits, kept[t-1] + fte[t] - fte[t-1] - max_hires)
//
// which is what the model's least spend picks (docs/model.md): every kept
// FTE costs more, the exits of kept staff and the rise of new staff are
// limited, and nothing else bounds kept from below. Both rules are
// feasible whenever the headcount's changes are within the limits, so the
// hires (the rise of new staff) and the exits (the fall of kept staff
// plus the fall of new staff) are within them too.
func Flows(tm scenario.Team, fte []float64, replace bool) []TeamFlow {
	out := make([]TeamFlow, len(fte))
	prev := tm.CurrentTotal()
	if !tm.SplitsKept() {
		for t, n := range fte {
			out[t] = TeamFlow{Headcount: n, Hires: math.Max(0, n-prev), Exits: math.Max(0, prev-n)}
			prev = n
		}
		return out
	}
	cut := replace && tm.CurrentCostPerFTE > tm.CostPerFTE
	return splitFlows(tm, fte, func(_ int, kept, prev, n float64) float64 {
		k := math.Min(kept, n)
		if cut {
			k = 0
			if tm.HasExitLimit() {
				k = math.Max(k, kept-tm.MaxExitsPerPeriod)
			}
			if tm.HasHireLimit() {
				k = math.Max(k, kept+n-prev-tm.MaxHiresPerPeriod)
			}
			k = math.Min(k, math.Min(kept, n))
		}
		return math.Max(0, k)
	})
}

// splitFlows walks a split team's headcounts (fte) from today's team:
// keep gives the roster staff still in seat in period t from those of
// the period before (kept), the headcount before (prev) and now (n); the
// rest are new staff, and the people joining and leaving follow: hires
// the rise of new staff, exits the fall of kept staff plus the fall of
// new staff.
func splitFlows(tm scenario.Team, fte []float64, keep func(t int, kept, prev, n float64) float64) []TeamFlow {
	out := make([]TeamFlow, len(fte))
	prev, kept := tm.CurrentTotal(), tm.KeptFTE
	fresh := prev - kept
	for t, n := range fte {
		k := keep(t, kept, prev, n)
		nw := n - k
		out[t] = TeamFlow{Headcount: n, Kept: k, New: nw,
			Hires: math.Max(0, nw-fresh), Exits: kept - k + math.Max(0, fresh-nw)}
		prev, kept, fresh = n, k, nw
	}
	return out
}

// flowsAlong is Flows along a kept path the model chose (Allocation.Kept)
// rather than by Flows' rule: kept[t] of today's roster staff still in
// seat in period t, taken within [0, the headcount] and never above the
// period before's (kept staff only leave), so that round-off in the
// model's values cannot make a kept person return; and a fall within
// round-off (VerifyTol of the kept staff) is none, not an exit of 1e-10
// FTE that would cost a fraction of a cent.
func flowsAlong(tm scenario.Team, fte, keptPath []float64) []TeamFlow {
	return splitFlows(tm, fte, func(t int, kept, _, n float64) float64 {
		most := math.Min(kept, n)
		k := math.Max(0, math.Min(keptPath[t], most))
		if most-k <= VerifyTol*math.Max(1, most) {
			k = most
		}
		return k
	})
}
