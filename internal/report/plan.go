package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// WritePlan writes a plan in the given format, with the function x region
// view of its weakest period.
func WritePlan(w io.Writer, p *plan.Plan, f Format) error {
	return WritePlanView(w, p, f, PlanView{})
}

// WritePlanBy writes a plan, its tables (text and Markdown) rolled up by r
// when r is not nil; JSON and CSV carry every period whatever r says.
func WritePlanBy(w io.Writer, p *plan.Plan, f Format, r *RollUp) error {
	return WritePlanView(w, p, f, PlanView{By: r})
}

// WritePlanView writes a plan in the given format; a table or Markdown
// shows the function x region view of the period v asks for, JSON and CSV
// every period's cells. An unknown period is ErrPeriod, before anything is
// written.
func WritePlanView(w io.Writer, p *plan.Plan, f Format, v PlanView) error {
	t := -1
	if len(p.Periods) > 0 {
		var err error
		if t, err = v.periodIndex(p); err != nil {
			return err
		}
	}
	p = withWords(p)
	switch f {
	case JSON:
		return writeJSON(w, planMoney(p))
	case CSV:
		return writePlanCSV(w, planMoney(p))
	case Markdown:
		return writePlanText(w, p, true, t, v)
	}
	return writePlanText(w, p, false, t, v)
}

// PeriodsJSON is p's periods as the plan's JSON view writes them (money in
// cents), for a client that shows a rolled-up plan's periods beside the
// plan itself (the workbench).
func PeriodsJSON(p *plan.Plan) (json.RawMessage, error) { return json.Marshal(planMoney(p).Periods) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writePlanCSV writes the plan as a long table, one number a row:
// period,scope,id,metric,value. It pivots in any spreadsheet and keeps full
// precision (money in cents: the caller rounds it); scope is period,
// function, region, cell (a function in a region, id function/region) or
// investment.
func writePlanCSV(w io.Writer, p *plan.Plan) error {
	cw := NewCSVWriter(w)
	rec := func(period, scope, id, metric string, v float64) {
		_ = cw.Write([]string{period, scope, id, metric, strconv.FormatFloat(v, 'f', -1, 64)})
	}
	_ = cw.Write([]string{"period", "scope", "id", "metric", "value"})
	if p.Status == plan.StatusOptimalWithinGap {
		// A search the node limit stopped: its figures are within the gap
		// of the best plan's, which the other views say in words.
		rec("", "plan", "", "gap", p.Gap)
	}
	for _, per := range p.Periods {
		l := per.Label
		for _, kv := range []struct {
			k string
			v float64
		}{{"budget", per.Budget}, {"spend", per.Spend}, {"unspent", per.Unspent}, {"heart", per.Heart}, {"brain", per.Brain},
			{"central_fte", per.CentralFTE}, {"local_fte", per.LocalFTE}, {"central_share", per.CentralShare}, {"staff_spend", per.StaffSpend}} {
			rec(l, "period", "", kv.k, kv.v)
		}
		if Cents(per.HiringExitSpend) != 0 {
			rec(l, "period", "", "hiring_exit_spend", per.HiringExitSpend)
		}
		for _, fn := range per.Functions {
			rec(l, "function", fn.ID, "demand", fn.Demand)
			rec(l, "function", fn.ID, "coverage", fn.Coverage)
			rec(l, "function", fn.ID, "central_fte", fn.CentralFTE)
			rec(l, "function", fn.ID, "local_fte", fn.LocalFTE)
			rec(l, "function", fn.ID, "tool_fte", fn.ToolFTE)
		}
		for _, r := range per.Regions {
			rec(l, "region", r.ID, "sellers", r.Sellers)
			rec(l, "region", r.ID, "heart", r.Heart)
			rec(l, "region", r.ID, "brain", r.Brain)
			rec(l, "region", r.ID, "local_fte", r.LocalFTE)
			rec(l, "region", r.ID, "central_fte", r.CentralFTE)
		}
		// A cell's id is function/region id: a function in a region.
		for _, c := range per.Cells {
			id := c.Function + "/" + c.RegionID
			rec(l, "cell", id, "demand", c.Demand)
			rec(l, "cell", id, "coverage", c.Coverage)
			rec(l, "cell", id, "central_fte", c.CentralFTE)
			rec(l, "cell", id, "local_fte", c.LocalFTE)
			rec(l, "cell", id, "tool_fte", c.ToolFTE)
		}
		for _, inv := range per.Investments {
			rec(l, "investment", inv.ID, "level", inv.Level)
			rec(l, "investment", inv.ID, "effective", inv.Effective)
			rec(l, "investment", inv.ID, "spend", inv.Spend)
			rec(l, "investment", inv.ID, "seller_hours", inv.SellerHours)
		}
	}
	hiringCSV(p, rec)
	cw.Flush()
	return cw.Error()
}

// planColumns are the money columns of the plan's table of periods.
var planColumns = []moneyColumn{{5, "spends", false}, {6, "budgets", false}, {7, "unspent amounts", false}}

// writePlanText is the view a sales ops leader reads: per period the heart
// and the brain, healthy or not, spend against budget and the central/local
// split; then coverage by function (heart first), staffing, regions and the
// investments chosen. The tables show v.By's groups when it rolls periods
// up, and so do the marginal values' rows (writeMarginals) and the "In
// short" paragraph (NarrativeBy); the function x region view shows one of
// the plan's own periods (cellPeriod, chosen by v.Period or the weakest).
func writePlanText(w io.Writer, full *plan.Plan, md bool, cellPeriod int, v PlanView) error {
	p := full
	if v.By.active(full) {
		p = rollUp(full, v.By)
	}
	tw := &textWriter{w: w, md: md}
	title := fmt.Sprintf("%s: optimized plan (%s)", p.Scenario, StatusWords(p.Status, p.Gap))
	if p.Mode == plan.ModeAsIs {
		title = fmt.Sprintf("%s: the organization as it is today", p.Scenario)
	}
	tw.heading(1, title)
	if p.Description != "" {
		tw.para(p.Description)
	}
	if p.Status == plan.StatusInfeasible {
		tw.para("No plan meets every constraint of this scenario:")
		tw.list(p.Problems)
		return tw.err
	}
	if p.Status == plan.StatusOptimalWithinGap {
		tw.para(GapWords(p))
	}
	cur := p.Currency
	money := func(x float64) string { return plan.FormatMoney(cur, x) }

	tw.heading(2, fmt.Sprintf("Heart and brain by period (healthy heart: %s)", ThresholdPercent(p.HealthyHeart)))
	if p != full {
		tw.para(rollUpNote(v.By))
	}
	var rows [][]string
	for _, per := range p.Periods {
		rows = append(rows, []string{per.Label, per.Stage, HeartPercent(per.Heart, per.Healthy, p.HealthyHeart), yesNo(per.Healthy), Percent(per.Brain),
			money(per.Spend), money(per.Budget), money(per.Unspent), FTE(per.CentralFTE), FTE(per.LocalFTE), Percent(per.CentralShare)})
	}
	t := p.Totals
	rows = append(rows, []string{"total", "", HeartPercent(t.HeartMean, t.HealthyAll, p.HealthyHeart), yesNo(t.HealthyAll), Percent(t.BrainMean),
		money(t.Spend), money(t.Budget), money(t.Unspent), "", "", ""})
	tw.table([]string{"period", "stage", "heart", "healthy", "brain", "spend", "budget", "unspent", "central FTE", "local FTE", "central share"}, rows)
	unit := p.Period
	if p != full {
		unit = v.By.By
	}
	if note := roundingNote(cur, unit, rows, planColumns); note != "" {
		tw.para(note)
	}
	if note := hiringExitNote(p); note != "" {
		tw.para(note)
	}
	if note := healthyNote(p, unit); note != "" {
		tw.para(note)
	}

	labels := []string{"function", "class"}
	for _, per := range p.Periods {
		labels = append(labels, per.Label)
	}
	tw.heading(2, "Coverage by function")
	rows = nil
	for f, fn := range p.Periods[0].Functions {
		row := []string{fn.ID, fn.Class}
		for _, per := range p.Periods {
			x := &per.Functions[f]
			cell := coveragePercent(x.Coverage, x.BelowHealthy)
			if fn.Class == "heart" {
				cell = heartPercentOf(x.Coverage, x.BelowHealthy, p.HealthyHeart)
			}
			if x.Coverage < fn.MinCoverage-plan.VerifyTol {
				cell += " (floor " + ThresholdPercent(fn.MinCoverage) + ")"
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	tw.table(labels, rows)

	tw.heading(2, "FTE by function: central / local / tools")
	rows = nil
	for f, fn := range p.Periods[0].Functions {
		row := []string{fn.ID, fn.Class}
		for _, per := range p.Periods {
			x := per.Functions[f]
			row = append(row, fmt.Sprintf("%s / %s / %s", FTE(x.CentralFTE), FTE(x.LocalFTE), FTE(x.ToolFTE)))
		}
		rows = append(rows, row)
	}
	tw.table(labels, rows)

	tw.heading(2, "Regions: heart / brain (local FTE)")
	labels[1] = "sellers"
	labels[0] = "region"
	// Where the sellers grow, one column of them beside the periods would
	// read as every period's: they get a table of their own, a column per
	// period (a rolled-up period's sellers are at its end, as the note
	// says), and the regions' table no column of them.
	byPeriod := sellersMove(full.Periods[0], p.Periods)
	header := labels
	if byPeriod {
		header = append([]string{"region"}, labels[2:]...)
	}
	rows = nil
	for r, reg := range p.Periods[0].Regions {
		row := []string{reg.Name}
		if !byPeriod {
			// Sellers at the start of the horizon: in every period, or at
			// the end of every rolled one.
			row = append(row, sellers(full.Periods[0].Regions[r].Sellers))
		}
		for _, per := range p.Periods {
			x := per.Regions[r]
			row = append(row, fmt.Sprintf("%s / %s (%s)", heartPercentOf(x.Heart, x.BelowHealthy, p.HealthyHeart), Percent(x.Brain), FTE(x.LocalFTE)))
		}
		rows = append(rows, row)
	}
	tw.table(header, rows)
	if byPeriod {
		if p != full {
			tw.heading(2, fmt.Sprintf("Sellers by region at the end of each %s", v.By.By))
		} else {
			tw.heading(2, fmt.Sprintf("Sellers by region in each %s", periodNoun(p)))
		}
		rows = nil
		for r, reg := range p.Periods[0].Regions {
			row := []string{reg.Name}
			for _, per := range p.Periods {
				row = append(row, sellers(per.Regions[r].Sellers))
			}
			rows = append(rows, row)
		}
		tw.table(header, rows)
	}

	if cellPeriod >= 0 {
		writeCellView(tw, full, cellPeriod, v)
	}

	if len(p.Periods[0].Investments) > 0 {
		tw.heading(2, "Investments: level bought (effective after ramp)")
		labels[0], labels[1] = "investment", "spend"
		rows = nil
		for i, inv := range p.Periods[0].Investments {
			var spend float64
			for _, per := range p.Periods {
				spend += per.Investments[i].Spend
			}
			row := []string{inv.ID, money(spend)}
			for _, per := range p.Periods {
				x := per.Investments[i]
				row = append(row, fmt.Sprintf("%s (%s)", Percent(x.Level), Percent(x.Effective)))
			}
			rows = append(rows, row)
		}
		tw.table(labels, rows)
		if len(p.InvestmentCases) > 0 {
			var why []string
			names := p.FunctionNames()
			for _, c := range p.InvestmentCases {
				why = append(why, InvestmentWhy(p.Currency, c.Name, names, c.Why))
			}
			tw.list(why)
		}
	}
	writeHiringText(tw, p, p != full)
	if len(p.Problems) > 0 {
		tw.heading(2, "Constraints the organization breaks")
		tw.list(p.Problems)
	}
	writeMarginals(tw, full, v.By)
	if sentences := NarrativeBy(full, v.By); len(sentences) > 0 {
		tw.heading(2, "In short")
		tw.para(strings.Join(sentences, " "))
	}
	return tw.err
}

// sellers writes a count of sellers as the tables do: whole, though the
// model's grow by a rate and are fractional.
func sellers(x float64) string { return fmt.Sprintf("%.0f", math.Round(x)) }

// sellersMove reports whether some region's sellers in one of ps, as the
// tables print them, are not those of start.
func sellersMove(start plan.Period, ps []plan.Period) bool {
	for _, per := range ps {
		for r, reg := range per.Regions {
			if sellers(reg.Sellers) != sellers(start.Regions[r].Sellers) {
				return true
			}
		}
	}
	return false
}

// hiringExitNote says which part of the periods' spend is one-time
// hiring and exit costs: "Spend includes one-time hiring and exit costs
// (the teams' hire_cost and exit_cost): $17.4k in 2027-Q1 and $4,000 in
// 2027-Q3."; "" when no period has any worth a cent.
func hiringExitNote(p *plan.Plan) string {
	var parts []string
	for _, per := range p.Periods {
		if Cents(per.HiringExitSpend) != 0 {
			parts = append(parts, plan.FormatMoney(p.Currency, per.HiringExitSpend)+" in "+per.Label)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Spend includes one-time hiring and exit costs (the teams' hire_cost and exit_cost): " + plan.JoinAnd(parts) + "."
}

// readsHealthy says whether the heart score of a period that is not
// healthy reads, as the table prints it (HeartPercent, rounded down), at
// the healthy heart or above, as it prints (ThresholdPercent: a healthy
// heart of 90.54% is not read by a score of 90.5%).
func readsHealthy(heart, healthy float64) bool {
	return 1000*plan.UnhealthyTenths(heart) >= math.Round(1e6*plan.ShownThreshold(healthy))
}

// healthyNote says why a period whose heart score reads at the healthy
// heart or above is not healthy: healthy goes by every heart function in
// every region, not by the score, and a reader of "93.4% | no" (the
// whole-people example as it is today) was left to guess. It names the
// lowest heart function in a region among those periods, with its ties,
// as the coverage table's legend does; "" when no period reads so.
func healthyNote(p *plan.Plan, unit string) string {
	var labels []string
	var low *plan.Cell
	var lowPer plan.Period
	for _, per := range p.Periods {
		if per.Healthy || per.WeakestHeart == nil || !readsHealthy(per.Heart, p.HealthyHeart) {
			continue
		}
		labels = append(labels, per.Label)
		if low == nil || plan.WeakerCell(per.WeakestHeart, low) {
			low, lowPer = per.WeakestHeart, per
		}
	}
	if low == nil {
		return ""
	}
	index := map[string]int{}
	for k, per := range p.Periods {
		index[per.Label] = k
	}
	where := "in " + runsOf(labels, index)
	if len(labels) == len(p.Periods) && len(labels) > 1 {
		where = "in every " + unit
	}
	ties := ""
	if others, _ := lowPer.WeakestHeartTies(); others > 0 {
		ties = fmt.Sprintf(", and %d other heart function%s in a region as low", others, plural(others))
	}
	return fmt.Sprintf("A %s is healthy when every heart function in every region reaches %s, not when its heart score does: %s the score reads %s or more, yet some heart function is below it in some region (the lowest: %s in %s at %s in %s%s).",
		unit, ThresholdPercent(p.HealthyHeart), where, ThresholdPercent(p.HealthyHeart), low.Function, low.Region, cellPercent(low, p.HealthyHeart), lowPer.Label, ties)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// textWriter writes headings, paragraphs, lists and tables in the terminal
// or the Markdown style, remembering the first error.
type textWriter struct {
	w     io.Writer
	md    bool
	err   error
	wrote bool
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) gap() {
	if t.wrote {
		t.printf("\n")
	}
	t.wrote = true
}

func (t *textWriter) heading(level int, s string) {
	s = CleanText(s)
	t.gap()
	if t.md {
		t.printf("%s %s\n", strings.Repeat("#", level), s)
		return
	}
	t.printf("%s\n", s)
	if level == 1 {
		t.printf("%s\n", strings.Repeat("=", len([]rune(s))))
	}
}

func (t *textWriter) para(s string) {
	t.gap()
	t.printf("%s\n", CleanText(s))
}

func (t *textWriter) list(items []string) {
	t.gap()
	for _, it := range items {
		t.printf("- %s\n", CleanText(it))
	}
}

func (t *textWriter) table(header []string, rows [][]string) {
	t.tableLeft(header, rows, 1)
}

// tableLeft is table with its first left columns left-aligned (text).
func (t *textWriter) tableLeft(header []string, rows [][]string, left int) {
	if t.err != nil {
		return
	}
	if t.md {
		t.gap()
	}
	t.err = alignedTable(t.w, t.md, header, rows, left)
}

// scoresShort says how far the weighted_scores stage stopped may leave
// the mean heart and brain below the best plan's, in points rounded up:
// "its heart and brain may together be up to 2.9 points short of the best
// plan's with that heart" where the two weigh the same, else the most of
// each alone.
func scoresShort(g plan.StageGap) string {
	const best = " of the best plan's with that heart"
	h, b := upPoints(g.HeartPoints), upPoints(g.BrainPoints)
	switch {
	case g.HeartPoints > 0 && g.BrainPoints > 0 && h == b:
		return "its heart and brain may together be up to " + b + " short" + best
	case g.HeartPoints > 0 && g.BrainPoints > 0:
		return "its brain may be up to " + b + " short" + best + ", or its heart up to " + h + " (or some of each, as their weights trade them)"
	case g.BrainPoints > 0:
		return "its brain may be up to " + b + " short" + best
	}
	return "its heart may be up to " + h + " short" + best
}

// upPoints writes points rounded up to a tenth, so that "up to" holds.
func upPoints(x float64) string {
	return strconv.FormatFloat(math.Ceil(10*x-1e-9)/10, 'f', 1, 64) + " points"
}

// GapWords says how far from the best a plan the node limit stopped may
// be, from its Gaps: every figure rounded so that it still holds (the
// gaps and the money that may be saved up, a maximized stage's bound up,
// the spend's bound down).
func GapWords(p *plan.Plan) string {
	head := fmt.Sprintf("The search for the best %s stopped at its node limit; the plan is within %s of the best possible", searched(p), GapPercent(p.Gap))
	per := "a " + cmp.Or(p.Period, "period")
	up := func(x float64) string { return strconv.FormatFloat(math.Ceil(x*1000-1e-9)/1000, 'f', 3, 64) }
	var parts []string
	for _, g := range p.Gaps {
		switch {
		case g.Stage == plan.GapHeart && g.HeartPoints > 0:
			// In scores, as the tables print them: "weighted scores 1.782"
			// was the search's own unit, which no reader can place.
			parts = append(parts, fmt.Sprintf("its heart, counted up to healthy, may be up to %s short of the most any plan reaches (%s %s on average, against at most %s)",
				upPoints(g.HeartPoints), Percent(g.Value), per, percentUp(g.Bound)))
		case g.Stage == plan.GapScores && (g.HeartPoints > 0 || g.BrainPoints > 0):
			parts = append(parts, scoresShort(g))
		case g.Stage == plan.GapHeart:
			parts = append(parts, fmt.Sprintf("its heart up to healthy (%.3f %s on average) is within %s of the most any plan reaches (at most %s)",
				g.Value, per, GapPercent(g.Gap), up(g.Bound)))
		case g.Stage == plan.GapScores:
			// A plan written before the gap was put in points.
			parts = append(parts, fmt.Sprintf("its weighted scores (%.3f %s on average) are within %s of the most any plan with that heart reaches (at most %s)",
				g.Value, per, GapPercent(g.Gap), up(g.Bound)))
		case g.Stage == plan.GapSpend:
			parts = append(parts, fmt.Sprintf("its spend, %s, may be up to %s (%s) above the least that holds those scores",
				plan.FormatMoney(p.Currency, g.Value), plan.FormatMoneyUp(p.Currency, g.Value-g.Bound), GapPercent(g.Gap)))
		}
	}
	if len(parts) == 0 {
		return head + "."
	}
	return head + ": " + strings.Join(parts, "; ") + "."
}
