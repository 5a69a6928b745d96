package report

import (
	"fmt"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// RollUp groups a plan's periods into longer ones for the table views: a
// monthly plan shown by quarter. JSON and CSV always carry every period.
type RollUp struct {
	// By is what a group is: "month", "quarter" or "year".
	By string
	// Groups holds, for each of the plan's periods, the label of the
	// group it falls in; consecutive periods with the same label form one
	// group.
	Groups []string
	// Size is how many of the plan's periods a whole group holds (3 months
	// to a quarter); a group the horizon covers only in part says so.
	Size int
	// Unit is the plan's period, for the label of a partial group.
	Unit string
}

// active reports whether r changes anything: a roll-up that groups no
// two periods is the plan as it is.
func (r *RollUp) active(p *plan.Plan) bool {
	return r != nil && r.Size > 1 && len(r.Groups) == len(p.Periods) && len(p.Periods) > 0
}

// rollUp returns a copy of p whose periods are r's groups. The rules are a
// finance analyst's:
//   - money (budget, spend, unspent, staff and investment spend) is summed;
//   - scores and coverage (heart, brain, each function's and region's
//     coverage) and the seller hours given back are the mean over the
//     group's periods: what the quarter delivered;
//   - headcount (FTE, sellers, tool FTE), investment levels and the central
//     share are at the end of the group, as a quarter's headcount is
//     reported at quarter end: a mean would show people no one hired;
//   - a group is healthy only if every one of its periods is;
//   - the stage is the group's stages in order, "growth/margin" when it
//     changes within the group.
//
// Totals, findings, claims and marginal values stay those of p.
func rollUp(p *plan.Plan, r *RollUp) *plan.Plan {
	out := *p
	out.Periods = nil
	for start := 0; start < len(p.Periods); {
		end := start + 1
		for end < len(p.Periods) && r.Groups[end] == r.Groups[start] {
			end++
		}
		label := r.Groups[start]
		if n := end - start; n < r.Size {
			label += fmt.Sprintf(" (%d %s%s)", n, r.Unit, plural(n))
		}
		out.Periods = append(out.Periods, rollPeriods(label, p.Periods[start:end]))
		start = end
	}
	return &out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// rollPeriods makes one period of ps (at least one, all with the same
// functions, regions and investments in the same order).
func rollPeriods(label string, ps []plan.Period) plan.Period {
	last := ps[len(ps)-1]
	n := float64(len(ps))
	g := plan.Period{
		Label: label, Healthy: true,
		CentralFTE: last.CentralFTE, LocalFTE: last.LocalFTE, CentralShare: last.CentralShare,
	}
	var stages []string
	for _, per := range ps {
		if len(stages) == 0 || stages[len(stages)-1] != per.Stage {
			stages = append(stages, per.Stage)
		}
		g.Budget += per.Budget
		g.Spend += per.Spend
		g.Unspent += per.Unspent
		g.StaffSpend += per.StaffSpend
		g.CentralSpend += per.CentralSpend
		g.Heart += per.Heart / n
		g.Brain += per.Brain / n
		g.Healthy = g.Healthy && per.Healthy
	}
	g.Stage = strings.Join(stages, "/")
	g.Functions = make([]plan.Function, len(last.Functions))
	for f, fn := range last.Functions {
		fn.Coverage = 0
		for _, per := range ps {
			fn.Coverage += per.Functions[f].Coverage / n
		}
		g.Functions[f] = fn
	}
	g.Regions = make([]plan.Region, len(last.Regions))
	for r, reg := range last.Regions {
		reg.Heart, reg.Brain = 0, 0
		// A function's coverage in a region is there in the periods it has
		// demand in: the mean is over those.
		cov := make(map[string]float64, len(reg.Coverage))
		seen := make(map[string]int, len(reg.Coverage))
		for _, per := range ps {
			x := per.Regions[r]
			reg.Heart += x.Heart / n
			reg.Brain += x.Brain / n
			for id, c := range x.Coverage {
				cov[id] += c
				seen[id]++
			}
		}
		for id := range cov {
			cov[id] /= float64(seen[id])
		}
		if reg.Coverage != nil || len(cov) > 0 {
			reg.Coverage = cov
		}
		g.Regions[r] = reg
	}
	g.Investments = make([]plan.Investment, len(last.Investments))
	for i, inv := range last.Investments {
		inv.Spend, inv.SellerHours = 0, 0
		for _, per := range ps {
			inv.Spend += per.Investments[i].Spend
			inv.SellerHours += per.Investments[i].SellerHours / n
		}
		g.Investments[i] = inv
	}
	return g
}

// rollUpNote says how the table's periods were rolled up, for the reader
// of a table that no longer shows the plan's own periods.
func rollUpNote(r *RollUp) string {
	return fmt.Sprintf("The plan's %ss are rolled up to %ss: money is summed; heart, brain and coverage are the mean over the %ss; FTE, sellers, investment levels and the central share are at the end of the %s; a %s is healthy only if every %s in it is.",
		r.Unit, r.By, r.Unit, r.By, r.By, r.Unit)
}
