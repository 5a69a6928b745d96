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
type Hiring struct {
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
	Current float64        `json:"current"`
	Periods []HiringPeriod `json:"periods"`
}

// HiringPeriod is a team's people in one period.
type HiringPeriod struct {
	Period    string  `json:"period"`
	Headcount float64 `json:"headcount"`
	Hires     float64 `json:"hires"`
	Exits     float64 `json:"exits"`
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

// BuildHiring is the hiring plan of an allocation whose team headcounts
// are whole (Verify checked them): each headcount is rounded to the whole
// number it is within the solver's tolerance of, so that the plan says 12
// people and 2 hires, not 11.9999999 and 1.9999999. Today's team is taken
// as it is: a roster's part-timers can make it fractional, and then the
// first period's change is too.
func BuildHiring(s *scenario.Scenario, a *Allocation) *Hiring {
	h := &Hiring{Teams: []HiringTeam{}}
	for _, tm := range Headcounts(s, a) {
		out := HiringTeam{Team: tm.Team, Name: tm.Name, Current: tm.Current, Periods: []HiringPeriod{}}
		prev := tm.Current
		for t, n := range tm.FTE {
			n = math.Round(n)
			per := HiringPeriod{Period: s.PeriodLabel(t), Headcount: n, Functions: []FunctionFTE{}}
			if d := n - prev; d > 0 {
				per.Hires = d
			} else if d < 0 {
				per.Exits = -d
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
