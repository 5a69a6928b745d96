package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// people is a whole headcount or change, or today's team as it is (a
// roster's part-timers can make it fractional).
func people(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// hiringSplit is how a team's FTE split across functions in one period:
// "comp_admin 2.5, quotas 0.5".
func hiringSplit(per plan.HiringPeriod) string {
	var parts []string
	for _, f := range per.Functions {
		parts = append(parts, fmt.Sprintf("%s %s", f.ID, FTE(f.FTE)))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// hiringTeamName is "central" or the region's name.
func hiringTeamName(tm plan.HiringTeam) string {
	if tm.Name != "" {
		return tm.Name
	}
	return tm.Team
}

// writeHiringText writes the hiring plan (policy.whole_people): per team
// and period, the headcount, hires, exits and the split across functions.
// Every period of the plan: hires do not roll up by averaging.
func writeHiringText(tw *textWriter, p *plan.Plan) {
	if p.Hiring == nil {
		return
	}
	tw.heading(2, "Hiring plan in whole people")
	tw.para("Each team's headcount is whole in every period; people may split their time across functions. Hires and exits are counted from the period before, the first period from today's team.")
	var rows [][]string
	for _, tm := range p.Hiring.Teams {
		rows = append(rows, []string{hiringTeamName(tm), "today", people(tm.Current), "", "", ""})
		for _, per := range tm.Periods {
			rows = append(rows, []string{hiringTeamName(tm), per.Period, people(per.Headcount), people(per.Hires), people(per.Exits), hiringSplit(per)})
		}
	}
	tw.table([]string{"team", "period", "headcount", "hires", "exits", "FTE by function"}, rows)
}

// hiringCSV adds the hiring plan to the plan's long CSV: scope team (id
// central or the region id; metrics headcount, hires, exits) and scope
// team_function (id team/function; metric fte).
func hiringCSV(p *plan.Plan, rec func(period, scope, id, metric string, v float64)) {
	if p.Hiring == nil {
		return
	}
	for _, tm := range p.Hiring.Teams {
		for _, per := range tm.Periods {
			rec(per.Period, "team", tm.Team, "headcount", per.Headcount)
			rec(per.Period, "team", tm.Team, "hires", per.Hires)
			rec(per.Period, "team", tm.Team, "exits", per.Exits)
			for _, f := range per.Functions {
				rec(per.Period, "team_function", tm.Team+"/"+f.ID, "fte", f.FTE)
			}
		}
	}
}

// hiringSheet is the hiring plan's XLSX sheet: one row per team and
// period.
func (b *book) hiringSheet(sheet string, p *plan.Plan) {
	g := &grid{b: b, sheet: sheet, currency: p.Currency, row: 1}
	g.title(p.Scenario + ": hiring plan in whole people")
	g.note("Each team's headcount is whole in every period; people may split their time across functions. Hires and exits are counted from the period before, the first period from today's team.")
	g.skip()
	g.header("team", "period", "headcount", "hires", "exits", "FTE by function")
	for _, tm := range p.Hiring.Teams {
		g.body(txt(hiringTeamName(tm)), txt("today"), num(tm.Current))
		for _, per := range tm.Periods {
			g.body(txt(hiringTeamName(tm)), txt(per.Period), num(per.Headcount), num(per.Hires), num(per.Exits), txt(hiringSplit(per)))
		}
	}
	b.finish(sheet, 1, 0)
}

// searched names what branch and bound searched over: whole headcounts
// (policy.whole_people) and all-or-nothing investments.
func searched(p *plan.Plan) string {
	if p.Hiring != nil {
		return "whole headcounts and all-or-nothing investments"
	}
	return "all-or-nothing investments"
}
