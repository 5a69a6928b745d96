package plan

import (
	"fmt"
	"strings"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// RollUpBy rolls p, the plan of s, up to the period by names, as the table
// views show it: by "" rolls a monthly plan up to quarters (fiscal ones
// under a fiscal year) and leaves others as they are; a by no longer than
// the plan's periods leaves them too. It returns the kind rolled up to,
// "" when p is returned as it is.
func RollUpBy(s *scenario.Scenario, p *Plan, by string) (*Plan, string) {
	groups, kind := GroupsBy(s, by)
	if groups == nil || len(p.Periods) != s.Periods() {
		return p, ""
	}
	return p.RollUp(groups, s.GroupSize(kind), string(s.Horizon.Period)), string(kind)
}

// GroupsBy is the roll-up by names of s's periods, as RollUpBy rolls a
// plan: the label of the group each period falls in, and the kind of the
// groups; nil when the periods stay as they are (by "" on periods other
// than months, or a by no longer than the periods).
func GroupsBy(s *scenario.Scenario, by string) ([]string, scenario.PeriodKind) {
	unit := s.Horizon.Period
	kind := scenario.PeriodKind(by)
	if by == "" {
		if unit != scenario.Month {
			return nil, ""
		}
		kind = scenario.Quarter
	}
	if kind.Months() <= unit.Months() {
		return nil, ""
	}
	groups := make([]string, s.Periods())
	for t := range groups {
		groups[t] = s.GroupLabel(t, kind)
	}
	return groups, kind
}

// Months is the stretch of the calendar a period covers: the month it
// starts in, counted as year*12 + month - 1, and how many months it
// holds. A calendar 2027-Q2 and a fiscal FY28-Q1 starting the same April
// cover the same months; a quarter and the year starting with it do not.
type Months struct {
	Start, Len int
}

// PeriodMonths maps the labels of s's periods rolled up by by (as
// RollUpBy labels them) to the months each covers: what lines up the
// periods of several scenarios by date.
func PeriodMonths(s *scenario.Scenario, by string) map[string]Months {
	unit := s.Horizon.Period.Months()
	at := func(t, n int) Months {
		y, m := s.PeriodStartMonth(t)
		return Months{Start: y*12 + m - 1, Len: n * unit}
	}
	out := map[string]Months{}
	groups, kind := GroupsBy(s, by)
	if groups == nil {
		for t := range s.Periods() {
			out[s.PeriodLabel(t)] = at(t, 1)
		}
		return out
	}
	for _, g := range Spans(groups, s.GroupSize(kind), string(s.Horizon.Period)) {
		out[g.Label] = at(g.Start, g.End-g.Start)
	}
	return out
}

// RollUp returns a copy of p whose periods are groups of its periods, for
// the views that show a monthly plan by quarter: groups[t] is the label of
// the group period t falls in (consecutive periods with one label form a
// group), size how many periods a whole group holds, and unit the plan's
// period, for the label of a group the horizon covers in part ("FY27-Q4
// (2 months)"). The rules are a finance analyst's:
//   - money (budget, spend, unspent, staff and investment spend) is summed;
//   - scores and coverage (heart, brain, each function's and region's
//     coverage) and the seller hours given back are the mean over the
//     group's periods: what the quarter delivered;
//   - headcount (FTE, sellers, tool FTE), investment levels and the central
//     share are at the end of the group, as a quarter's headcount is
//     reported at quarter end: a mean would show people no one hired; so
//     is the hiring plan's headcount, kept and new people and FTE by
//     function, while its hires and exits are summed over the group;
//   - a group is healthy only if every one of its periods is, and its
//     weakest heart cell is the weakest of its periods' (the first on a
//     tie, as WeakerCell ranks them);
//   - the stage is the group's stages in order, "growth/margin" when it
//     changes within the group.
//
// Totals, findings, claims and marginal values stay those of p
// (RollUpClaims reads the claims in the groups). Groups
// that do not name every period leave the periods as they are.
func (p *Plan) RollUp(groups []string, size int, unit string) *Plan {
	out := *p
	if len(groups) != len(p.Periods) {
		return &out
	}
	out.Periods = nil
	spans := Spans(groups, size, unit)
	for _, g := range spans {
		out.Periods = append(out.Periods, rollPeriods(g.Label, p.Periods[g.Start:g.End]))
	}
	if p.Hiring != nil {
		out.Hiring = rollHiring(p.Hiring, spans)
	}
	return &out
}

// rollHiring rolls a hiring plan up as RollUp rolls the periods: each
// team's headcount, its kept and new people and its FTE by function at
// the end of the group, its hires and exits summed over the group. A team
// whose periods do not match the groups is left as it is.
func rollHiring(h *Hiring, spans []Span) *Hiring {
	out := &Hiring{InFTE: h.InFTE, Teams: make([]HiringTeam, len(h.Teams))}
	for i, tm := range h.Teams {
		out.Teams[i] = tm
		if len(spans) == 0 || spans[len(spans)-1].End != len(tm.Periods) {
			continue
		}
		out.Teams[i].Periods = make([]HiringPeriod, len(spans))
		for k, g := range spans {
			r := tm.Periods[g.End-1]
			r.Period, r.Hires, r.Exits = g.Label, 0, 0
			for _, per := range tm.Periods[g.Start:g.End] {
				r.Hires += per.Hires
				r.Exits += per.Exits
			}
			out.Teams[i].Periods[k] = r
		}
	}
	return out
}

// Span is a run of periods [Start, End) rolled into one, and its label.
type Span struct {
	Start, End int
	Label      string
}

// Spans splits periods into runs of one label each, as RollUp groups
// them: groups[t] is the label of period t (consecutive periods with one
// label form a run), and a run of fewer than size periods says how many
// unit periods it holds ("FY27-Q4 (2 months)"). The views that roll up
// figures of their own (the budget case's, the workbook's formulas) group
// by it.
func Spans(groups []string, size int, unit string) []Span {
	var out []Span
	for start := 0; start < len(groups); {
		end := start + 1
		for end < len(groups) && groups[end] == groups[start] {
			end++
		}
		label := groups[start]
		if n := end - start; n < size {
			label += fmt.Sprintf(" (%d %s%s)", n, unit, plural(n))
		}
		out = append(out, Span{start, end, label})
		start = end
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// rollPeriods makes one period of ps (at least one, all with the same
// functions, regions and investments in the same order).
func rollPeriods(label string, ps []Period) Period {
	last := ps[len(ps)-1]
	n := float64(len(ps))
	g := Period{
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
		g.HiringExitSpend += per.HiringExitSpend
		g.Heart += per.Heart / n
		g.Brain += per.Brain / n
		g.Healthy = g.Healthy && per.Healthy
		if w := per.WeakestHeart; w != nil && (g.WeakestHeart == nil || WeakerCell(w, g.WeakestHeart)) {
			g.WeakestHeart = w
		}
	}
	g.Stage = strings.Join(stages, "/")
	// The weakest cell's ties over the group's periods, counted as In
	// short counts them over the horizon: a function in a region once.
	if g.WeakestHeart != nil {
		var cells []Cell
		for _, per := range ps {
			cells = append(cells, per.Cells...)
		}
		if len(cells) > 0 {
			g.WeakestTied, g.WeakestAllTie = HeartCellTies(cells, g.WeakestHeart)
		} else if len(ps) == 1 {
			g.WeakestTied, g.WeakestAllTie = ps[0].WeakestTied, ps[0].WeakestAllTie
		}
	}
	g.Functions = make([]Function, len(last.Functions))
	for f, fn := range last.Functions {
		fn.Coverage, fn.BelowHealthy = 0, false
		for _, per := range ps {
			fn.Coverage += per.Functions[f].Coverage / n
			// Ranked as at healthy only if every period is: a mean of
			// coverages within CellTol of healthy is within it too, a mean
			// with one further off need not be.
			fn.tie = commonTie(fn.tie, per.Functions[f].tie)
			fn.BelowHealthy = fn.BelowHealthy || per.Functions[f].BelowHealthy
		}
		g.Functions[f] = fn
	}
	g.Regions = make([]Region, len(last.Regions))
	for r, reg := range last.Regions {
		reg.Heart, reg.Brain, reg.BelowHealthy = 0, 0, false
		// A function's coverage in a region is there in the periods it has
		// demand in: the mean is over those.
		cov := make(map[string]float64, len(reg.Coverage))
		seen := make(map[string]int, len(reg.Coverage))
		for _, per := range ps {
			x := per.Regions[r]
			reg.Heart += x.Heart / n
			reg.Brain += x.Brain / n
			reg.tie = commonTie(reg.tie, x.tie)
			reg.BelowHealthy = reg.BelowHealthy || x.BelowHealthy
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
	g.Investments = make([]Investment, len(last.Investments))
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

// RollUp returns the budget case's periods grouped as Plan.RollUp groups
// a plan's (groups[t] the label of the group period t falls in, size the
// periods of a whole group, unit the plan's period): each group's least
// budget, least spend and scenario budget are the sums of its periods'.
// Groups that do not name every period leave the periods as they are.
func (r *BudgetCaseReport) RollUp(groups []string, size int, unit string) []CasePeriod {
	if len(groups) != len(r.Periods) {
		return r.Periods
	}
	out := []CasePeriod{}
	for _, g := range Spans(groups, size, unit) {
		c := CasePeriod{Label: g.Label}
		for _, per := range r.Periods[g.Start:g.End] {
			c.Budget += per.Budget
			c.Spend += per.Spend
			c.CurrentBudget += per.CurrentBudget
		}
		out = append(out, c)
	}
	return out
}

// commonTie is the tie (see Function.Ranked) of a rolled-up period so far,
// a, with one more of its periods', b: the tie they share, 0 when they do
// not share one.
func commonTie(a, b float64) float64 {
	if a != b {
		return 0
	}
	return a
}
