package report

import (
	"fmt"
	"math"
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

// countKind is the cell kind of a hiring plan's headcounts, kept and new
// staff, hires and exits, as headcount prints them: whole people (5, not
// 5.00) or, for a plan in FTE, FTE.
func countKind(h *plan.Hiring) CellKind {
	if h.InFTE {
		return KindFTE
	}
	return KindInteger
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
	split := splitTeams(p.Hiring)
	text := hiringIntro(p.Hiring)
	if rolled {
		text += " " + rolledHiringText(split)
	}
	tw.para(text)
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
	if note := splitRoundingNote(splitMismatches(rows, 2, len(head)-1)); note != "" {
		tw.para(note)
	}
}

// splitMismatch is a row of the hiring plan's table whose FTE by
// function, as printed, add up to another figure than its headcount: a
// reader adds the printed figures and finds, say, 18.1 in a team of 18
// people. A "<0.1" is anything under a tenth, so a row short of its
// headcount by no more than a tenth for each "<0.1" it prints (4.9 and a
// "<0.1" in a team of 5) adds up as the reader can read it. Sum and
// Headcount are as printed; Sum leaves the "<0.1" out.
type splitMismatch struct {
	Team, Period   string
	Sum, Headcount string
}

// splitMismatches reads the hiring table's printed rows back: each
// period's FTE by function (column split, "id 2.2, id <0.1") against its
// headcount (column head), summed as the reader does and printed as FTE
// are. Today's rows (no split) are skipped.
func splitMismatches(rows [][]string, head, split int) []splitMismatch {
	var out []splitMismatch
	for _, row := range rows {
		cell := strings.TrimSpace(row[split])
		if cell == "" {
			continue
		}
		var sum float64
		small := 0 // the "<0.1" entries
		if cell != "-" {
			for _, part := range strings.Split(cell, ", ") {
				_, v, _ := strings.Cut(part, " ")
				if v == "<0.1" {
					small++
					continue
				}
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					sum += x
				}
			}
		}
		h, err := strconv.ParseFloat(strings.TrimSpace(row[head]), 64)
		if err != nil || splitReadsAs(sum, small, h) {
			continue
		}
		out = append(out, splitMismatch{Team: row[0], Period: row[1], Sum: FTE(sum), Headcount: strings.TrimSpace(row[head])})
	}
	return out
}

// splitReadsAs reports whether printed FTE adding up to sum, with small
// more entries printed "<0.1", can be read as the headcount h: the same
// figure as printed, or short of it by no more than a tenth for each
// "<0.1". Compared in printed tenths, so that float noise cannot decide.
func splitReadsAs(sum float64, small int, h float64) bool {
	s, hd := math.Round(sum*10), math.Round(h*10)
	return s == hd || (small > 0 && s < hd && hd <= s+float64(small))
}

// maxSplitMismatches is how many rows splitRoundingNote names; it counts
// the rest. A reader checks the rows named: four left the bundled roster's
// other four unnamed.
const maxSplitMismatches = 12

// splitRoundingNote words the rows whose FTE by function do not add up to
// their headcount as printed, as roundingNote does for the periods'
// table; "" when every row adds up.
func splitRoundingNote(ms []splitMismatch) string {
	switch len(ms) {
	case 0:
		return ""
	case 1:
		m := ms[0]
		return fmt.Sprintf("%s: as printed, the FTE by function of %s in %s add up to %s against a headcount of %s.", roundingNotePrefix, m.Team, m.Period, m.Sum, m.Headcount)
	}
	var parts []string
	for _, m := range ms[:min(len(ms), maxSplitMismatches)] {
		parts = append(parts, fmt.Sprintf("%s in %s (%s against %s)", m.Team, m.Period, m.Sum, m.Headcount))
	}
	if rest := len(ms) - maxSplitMismatches; rest > 0 {
		parts = append(parts, fmt.Sprintf("%d more", rest))
	}
	last := len(parts) - 1
	return fmt.Sprintf("%s: as printed, the FTE by function add up to another figure than the headcount in %d rows: %s and %s.",
		roundingNotePrefix, len(ms), strings.Join(parts[:last], ", "), parts[last])
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
// period, its FTE by function a numeric column per function, so that a
// reader can add them up to the headcount.
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
	}
	funcs := hiringFunctions(p)
	g.note(splitColumnsNote)
	g.header(hiringHeader("period", split, funcs)...)
	rows := make([][]int, len(p.Hiring.Teams)) // each team's period rows
	kind := countKind(p.Hiring)
	num := func(x float64) typed { return typed{v: x, k: kind} }
	for i, tm := range p.Hiring.Teams {
		if split && tm.Roster != nil {
			g.body(txt(tm.DisplayName()), txt("today"), num(tm.Current), num(tm.Roster.KeptFTE), num(tm.Current-tm.Roster.KeptFTE))
		} else {
			g.body(txt(tm.DisplayName()), txt("today"), num(tm.Current))
		}
		for _, per := range tm.Periods {
			rows[i] = append(rows[i], g.row)
			cells := []typed{txt(tm.DisplayName()), txt(per.Period), num(per.Headcount)}
			if split {
				kept, fresh := txt(""), txt("")
				if per.Kept != nil && per.New != nil {
					kept, fresh = num(*per.Kept), num(*per.New)
				}
				cells = append(cells, kept, fresh)
			}
			cells = append(cells, num(per.Hires), num(per.Exits))
			g.body(append(cells, splitCells(per, funcs, nil)...)...)
		}
	}
	if by.active(p) {
		if rp := rollUp(p, by); rp.Hiring != nil {
			b.hiringRolled(g, rp.Hiring, by, rows, split, funcs)
		}
	}
	b.finish(sheet, 1, 0)
}

// splitColumnsNote heads the hiring sheet's tables.
const splitColumnsNote = "FTE by function: a column per function, blank where the team gives it no time."

// hiringHeader is the hiring sheet's header: the period column's name
// (period, or the roll-up's quarter or year), kept and new for a plan
// that splits a team, and a column per function.
func hiringHeader(period string, split bool, funcs []string) []string {
	head := []string{"team", period, "headcount"}
	if split {
		head = append(head, "kept", "new")
	}
	head = append(head, "hires", "exits")
	for _, f := range funcs {
		head = append(head, f+" FTE")
	}
	return head
}

// hiringFunctions are the functions some team gives time to in some
// period of p's hiring plan, in the plan's order of functions.
func hiringFunctions(p *plan.Plan) []string {
	has := map[string]bool{}
	for _, tm := range p.Hiring.Teams {
		for _, per := range tm.Periods {
			for _, f := range per.Functions {
				has[f.ID] = true
			}
		}
	}
	var out []string
	if len(p.Periods) > 0 {
		for _, f := range p.Periods[0].Functions {
			if has[f.ID] {
				out = append(out, f.ID)
				delete(has, f.ID)
			}
		}
	}
	// A function the plan's periods do not list (none today) still gets
	// its column, in the order of the hiring plan's rows.
	for _, tm := range p.Hiring.Teams {
		for _, per := range tm.Periods {
			for _, f := range per.Functions {
				if has[f.ID] {
					out = append(out, f.ID)
					delete(has, f.ID)
				}
			}
		}
	}
	return out
}

// splitCells is a period's FTE in each of funcs, blank where it gives no
// time; with at, each cell is a formula on the cell of that function at
// at(i) (the rolled-up period's last row), else the figure.
func splitCells(per plan.HiringPeriod, funcs []string, at func(i int) string) []typed {
	v := map[string]float64{}
	for _, f := range per.Functions {
		v[f.ID] += f.FTE
	}
	cells := make([]typed, len(funcs))
	for i, id := range funcs {
		x, ok := v[id]
		switch {
		case !ok:
			cells[i] = typed{v: nil, k: KindFTE}
		case at != nil:
			cells[i] = calc(at(i), x, KindFTESome)
		default:
			cells[i] = typed{v: x, k: KindFTESome}
		}
	}
	return cells
}

// rolledHiringText says what a rolled-up period of the hiring table
// shows, naming kept and new people only where the table has them (split).
func rolledHiringText(split bool) string {
	what := "the headcount"
	if split {
		what += ", kept and new people"
	}
	return "A rolled-up period shows " + what + " and FTE by function at its end, and the hires and exits over all of it."
}

// rolledHiringNote heads the hiring sheet's rolled-up block, naming kept
// and new only where the block has them (split).
func rolledHiringNote(by string, split bool) string {
	what := "Headcount"
	if split {
		what += " (kept and new)"
	}
	return what + " and FTE by function at the end of each " + by + ", hires and exits over it."
}

// hiringRolled writes the hiring plan rolled up by by below the periods'
// rows: a team's headcount (kept and new) and FTE by function the formula
// of its group's last row, its hires and exits the SUM of the group's
// rows.
func (b *book) hiringRolled(g *grid, h *plan.Hiring, by *RollUp, rows [][]int, split bool, funcs []string) {
	g.skip()
	g.section("By " + by.By)
	g.note(rolledHiringNote(by.By, split))
	head := hiringHeader(by.By, split, funcs)
	g.header(head...)
	first := len(head) - len(funcs) + 1 // the first function's column
	spans := by.spans()
	for i, tm := range h.Teams {
		if len(tm.Periods) != len(spans) || len(rows[i]) != spans[len(spans)-1].End {
			continue
		}
		for k, per := range tm.Periods {
			lo, hi := rows[i][spans[k].Start], rows[i][spans[k].End-1]
			last := func(c int, v float64) typed { return calc(ref(c, hi), v, countKind(h)) }
			over := func(c int, v float64) typed { return calc("SUM("+span(c, lo, c, hi)+")", v, countKind(h)) }
			cells := []typed{txt(tm.DisplayName()), txt(per.Period), last(3, per.Headcount)}
			c := 4
			if split {
				kept, fresh := txt(""), txt("")
				if per.Kept != nil && per.New != nil {
					kept, fresh = last(4, *per.Kept), last(5, *per.New)
				}
				cells = append(cells, kept, fresh)
				c = 6
			}
			cells = append(cells, over(c, per.Hires), over(c+1, per.Exits))
			g.body(append(cells, splitCells(per, funcs, func(j int) string { return ref(first+j, hi) })...)...)
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
