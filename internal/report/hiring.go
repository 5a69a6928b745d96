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
// "comp_admin 2.5, quotas 0.5". A function listed has some time: one
// that FTE would print as 0.0 is "<0.1", not a zero that is listed.
func hiringSplit(per plan.HiringPeriod) string {
	var parts []string
	for _, f := range per.Functions {
		v := FTE(f.FTE)
		if printsAsZero(f.FTE) {
			v = "<0.1"
		}
		parts = append(parts, fmt.Sprintf("%s %s", f.ID, v))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// splitTeams reports whether some team of the hiring plan is split into
// the roster's staff kept and new staff (its roster costs other than its
// new hires): then the views show kept and new.
func splitTeams(h *plan.Hiring) bool {
	for _, tm := range h.Teams {
		if tm.Roster != nil {
			return true
		}
	}
	return false
}

// headcount is how a hiring plan's headcounts, hires and exits print:
// whole people as they are, a plan in FTE (plan.Hiring.InFTE) as FTE.
func headcount(h *plan.Hiring) func(float64) string {
	if h.InFTE {
		return FTE
	}
	return people
}

// keptNew is a period's kept and new people, blank for a team that is
// not split.
func keptNew(per plan.HiringPeriod, count func(float64) string) (kept, fresh string) {
	if per.Kept == nil || per.New == nil {
		return "", ""
	}
	return count(*per.Kept), count(*per.New)
}

// hiringUnit ("hiring plan in ...") and hiringIntro head the hiring plan
// in every view.
func hiringUnit(h *plan.Hiring) string {
	if h.InFTE {
		return "FTE"
	}
	return "whole people"
}

func hiringIntro(h *plan.Hiring) string {
	if h.InFTE {
		return "Headcounts here are FTE (policy.whole_people would make them whole). The plan has this table because a team's roster costs other than its new hires: such a team is split into the roster's staff kept and new staff, which shows the roster staff the plan replaces. Hires and exits are counted from the period before, the first period from today's team."
	}
	return "Each team's headcount is whole in every period; people may split their time across functions. Hires and exits are counted from the period before, the first period from today's team."
}

// hiringCosts is the sentence on what kept and new staff cost, per split
// team: "Kept people are today's roster staff still in seat, ...".
func hiringCosts(p *plan.Plan) string {
	var parts []string
	for _, tm := range p.Hiring.Teams {
		if r := tm.Roster; r != nil {
			parts = append(parts, fmt.Sprintf("%s: kept %s, new %s", tm.DisplayName(), plan.FormatMoney(p.Currency, r.KeptCostPerFTE), plan.FormatMoney(p.Currency, r.NewCostPerFTE)))
		}
	}
	return "Kept people are today's roster staff still in seat, at their roster's average cost per FTE a year; new people were hired since, at the team's cost_per_fte (" +
		strings.Join(parts, "; ") + "). Replacing a kept person by a new hire is an exit and a hire."
}

// hiringOnce is the sentence on the teams' one-time costs of a hire and
// of an exit, which the plan's spend counts: "One-time costs per FTE,
// counted in the spend of the period of the hire or the exit: central
// $4,000 a hire, $4,000 an exit; EMEA ..."; "" when no team has any.
func hiringOnce(p *plan.Plan) string {
	var parts []string
	for _, tm := range p.Hiring.Teams {
		if tm.HireCost == 0 && tm.ExitCost == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s a hire, %s an exit", tm.DisplayName(), plan.FormatMoney(p.Currency, tm.HireCost), plan.FormatMoney(p.Currency, tm.ExitCost)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "One-time costs per FTE, counted in the spend of the period of the hire or the exit: " + strings.Join(parts, "; ") + "."
}

// writeHiringText writes the hiring plan (policy.whole_people): per team
// and period, the headcount, hires, exits and the split across functions.
// rolled says p's periods are rolled up (plan.Plan.RollUp): headcount at a
// group's end, hires and exits summed over it, never averaged.
func writeHiringText(tw *textWriter, p *plan.Plan, rolled bool) {
	if p.Hiring == nil {
		return
	}
	tw.heading(2, "Hiring plan in "+hiringUnit(p.Hiring))
	text := hiringIntro(p.Hiring)
	if rolled {
		text += " A rolled-up period shows the headcount, kept and new people and FTE by function at its end, and the hires and exits over all of it."
	}
	tw.para(text)
	split := splitTeams(p.Hiring)
	if split {
		tw.para(hiringCosts(p))
	}
	if once := hiringOnce(p); once != "" {
		tw.para(once)
	}
	count := headcount(p.Hiring)
	var rows [][]string
	for _, tm := range p.Hiring.Teams {
		today := []string{tm.DisplayName(), "today", count(tm.Current), "", "", ""}
		if split {
			var kept, fresh string
			if r := tm.Roster; r != nil {
				kept, fresh = count(r.KeptFTE), count(tm.Current-r.KeptFTE)
			}
			today = append(today[:3], kept, fresh, "", "", "")
		}
		rows = append(rows, today)
		for _, per := range tm.Periods {
			row := []string{tm.DisplayName(), per.Period, count(per.Headcount)}
			if split {
				kept, fresh := keptNew(per, count)
				row = append(row, kept, fresh)
			}
			rows = append(rows, append(row, count(per.Hires), count(per.Exits), hiringSplit(per)))
		}
	}
	head := []string{"team", "period", "headcount", "hires", "exits", "FTE by function"}
	if split {
		head = []string{"team", "period", "headcount", "kept", "new", "hires", "exits", "FTE by function"}
	}
	tw.table(head, rows)
}

// hiringCSV adds the hiring plan to the plan's long CSV: scope team (id
// central or the region id; metrics headcount, hires, exits) and scope
// team_function (id team/function; metric fte); a team split into kept
// and new staff adds the metrics kept and new.
func hiringCSV(p *plan.Plan, rec func(period, scope, id, metric string, v float64)) {
	if p.Hiring == nil {
		return
	}
	for _, tm := range p.Hiring.Teams {
		for _, per := range tm.Periods {
			rec(per.Period, "team", tm.Team, "headcount", per.Headcount)
			rec(per.Period, "team", tm.Team, "hires", per.Hires)
			rec(per.Period, "team", tm.Team, "exits", per.Exits)
			if per.Kept != nil && per.New != nil {
				rec(per.Period, "team", tm.Team, "kept", *per.Kept)
				rec(per.Period, "team", tm.Team, "new", *per.New)
			}
			for _, f := range per.Functions {
				rec(per.Period, "team_function", tm.Team+"/"+f.ID, "fte", f.FTE)
			}
		}
	}
}

// hiringSheet is the hiring plan's XLSX sheet: one row per team and
// period.
func (b *book) hiringSheet(sheet string, p *plan.Plan, by *RollUp) {
	g := &grid{b: b, sheet: sheet, currency: p.Currency, row: 1}
	g.title(p.Scenario + ": hiring plan in " + hiringUnit(p.Hiring))
	g.note(hiringIntro(p.Hiring))
	g.skip()
	if once := hiringOnce(p); once != "" {
		g.note(once)
		g.skip()
	}
	split := splitTeams(p.Hiring)
	if split {
		g.note(hiringCosts(p))
		g.skip()
		g.header("team", "period", "headcount", "kept", "new", "hires", "exits", "FTE by function")
	} else {
		g.header("team", "period", "headcount", "hires", "exits", "FTE by function")
	}
	rows := make([][]int, len(p.Hiring.Teams)) // each team's period rows
	for i, tm := range p.Hiring.Teams {
		if split && tm.Roster != nil {
			g.body(txt(tm.DisplayName()), txt("today"), num(tm.Current), num(tm.Roster.KeptFTE), num(tm.Current-tm.Roster.KeptFTE))
		} else {
			g.body(txt(tm.DisplayName()), txt("today"), num(tm.Current))
		}
		for _, per := range tm.Periods {
			rows[i] = append(rows[i], g.row)
			if split {
				var kept, fresh typed
				if per.Kept != nil && per.New != nil {
					kept, fresh = num(*per.Kept), num(*per.New)
				} else {
					kept, fresh = txt(""), txt("")
				}
				g.body(txt(tm.DisplayName()), txt(per.Period), num(per.Headcount), kept, fresh, num(per.Hires), num(per.Exits), txt(hiringSplit(per)))
				continue
			}
			g.body(txt(tm.DisplayName()), txt(per.Period), num(per.Headcount), num(per.Hires), num(per.Exits), txt(hiringSplit(per)))
		}
	}
	if by.active(p) {
		if rp := rollUp(p, by); rp.Hiring != nil {
			b.hiringRolled(g, rp.Hiring, by, rows, split)
		}
	}
	b.finish(sheet, 1, 0)
}

// hiringRolled writes the hiring plan rolled up by by below the periods'
// rows: a team's headcount (kept and new) the formula of its group's last
// row, its hires and exits the SUM of the group's rows, its FTE by
// function at the group's end as text.
func (b *book) hiringRolled(g *grid, h *plan.Hiring, by *RollUp, rows [][]int, split bool) {
	g.skip()
	g.section("By " + by.By)
	g.note("Headcount (kept and new) at the end of each " + by.By + ", hires and exits over it.")
	if split {
		g.header("team", by.By, "headcount", "kept", "new", "hires", "exits", "FTE by function")
	} else {
		g.header("team", by.By, "headcount", "hires", "exits", "FTE by function")
	}
	spans := by.spans()
	for i, tm := range h.Teams {
		if len(tm.Periods) != len(spans) || len(rows[i]) != spans[len(spans)-1].End {
			continue
		}
		for k, per := range tm.Periods {
			lo, hi := rows[i][spans[k].Start], rows[i][spans[k].End-1]
			last := func(c int, v float64) typed { return calc(ref(c, hi), v, KindNumber) }
			over := func(c int, v float64) typed { return calc("SUM("+span(c, lo, c, hi)+")", v, KindNumber) }
			if split {
				kept, fresh := txt(""), txt("")
				if per.Kept != nil && per.New != nil {
					kept, fresh = last(4, *per.Kept), last(5, *per.New)
				}
				g.body(txt(tm.DisplayName()), txt(per.Period), last(3, per.Headcount), kept, fresh, over(6, per.Hires), over(7, per.Exits), txt(hiringSplit(per)))
				continue
			}
			g.body(txt(tm.DisplayName()), txt(per.Period), last(3, per.Headcount), over(4, per.Hires), over(5, per.Exits), txt(hiringSplit(per)))
		}
	}
}

// searched names what branch and bound searched over: whole headcounts
// (policy.whole_people) and all-or-nothing investments.
func searched(p *plan.Plan) string {
	if p.Hiring != nil && !p.Hiring.InFTE {
		return "whole headcounts and all-or-nothing investments"
	}
	return "all-or-nothing investments"
}

// HiringHTML is p's hiring plan as an HTML fragment headed by an <h2>: the
// Markdown view's words and table, every piece of text escaped, for a page
// that shows it inside its own layout (cardio serve). rolled says p's
// periods are rolled up, as writeHiringText takes it. "" when p has no
// hiring plan (a plan in FTE without a roster to split).
func HiringHTML(p *plan.Plan, rolled bool) (string, error) {
	if p.Hiring == nil {
		return "", nil
	}
	var md strings.Builder
	tw := &textWriter{w: &md, md: true}
	writeHiringText(tw, p, rolled)
	if tw.err != nil {
		return "", tw.err
	}
	return mdToHTML(md.String(), 0), nil
}
