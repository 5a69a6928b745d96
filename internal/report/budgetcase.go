package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// WriteBudgetCase writes a budget case in the given format. CSV is one row
// a period, then the total: period,budget,spend,current_budget.
func WriteBudgetCase(w io.Writer, r *plan.BudgetCaseReport, f Format) error {
	return WriteBudgetCaseBy(w, r, f, nil)
}

// WriteBudgetCaseBy writes a budget case, its table of periods (text and
// Markdown) rolled up by by when by is not nil, as WritePlanBy rolls a
// plan's; JSON and CSV carry every period whatever by says.
func WriteBudgetCaseBy(w io.Writer, r *plan.BudgetCaseReport, f Format, by *RollUp) error {
	if r.Problems == nil && r.Findings != nil {
		q := *r
		q.Problems = ProblemWords(r.Currency, r.Findings)
		r = &q
	}
	switch f {
	case JSON:
		return writeJSON(w, budgetCaseMoney(r))
	case CSV:
		r := budgetCaseMoney(r)
		num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
		rows := [][]string{{"period", "budget", "spend", "current_budget"}}
		var spend float64
		for _, per := range r.Periods {
			rows = append(rows, []string{per.Label, num(per.Budget), num(per.Spend), num(per.CurrentBudget)})
			spend += per.Spend
		}
		if r.Feasible {
			rows = append(rows, []string{"total", num(r.Total), num(Cents(spend)), num(r.CurrentTotal)})
		}
		return WriteCSV(w, rows)
	case Markdown:
		return writeBudgetCaseText(w, r, true, by)
	}
	return writeBudgetCaseText(w, r, false, by)
}

// writeBudgetCaseText tells the budget case the way a sales ops leader puts
// it to finance: what the targets need against what the scenario has, and
// what the next $100k buys; then the periods.
func writeBudgetCaseText(w io.Writer, r *plan.BudgetCaseReport, md bool, by *RollUp) error {
	tw := &textWriter{w: w, md: md}
	tw.heading(1, r.Scenario+": budget case")
	if r.Description != "" {
		tw.para(r.Description)
	}
	money := func(x float64) string { return plan.FormatMoney(r.Currency, x) }
	// Every least budget and least spend is printed rounded up at the step
	// it is printed with: planning at the printed figure reaches the
	// targets (BudgetCase checks it). The table's differences are those of
	// its printed figures (caseRow).
	up := plan.CeilMoney
	goal := budgetCaseGoal(r)
	if r.PlanShort {
		tw.para(fmt.Sprintf("Some allocation can %s in every %s, but cardio's plan does not choose one at any budget: "+
			"it raises the heart to healthy first, summed over the %ss, then heart and brain by their weights, "+
			"and so gives up a target somewhere for more score elsewhere. The headcount cap, hiring and exit limits or the central share make that trade; "+
			"more budget leaves the plan as it is.", goal, r.Period, r.Period))
		return tw.err
	}
	if !r.Feasible {
		tw.para(fmt.Sprintf("No budget can %s in every %s: these constraints stand in the way:", goal, r.Period))
		tw.list(r.Problems)
		return tw.err
	}
	text, scale := budgetCaseWords(r, money, up, 0.5)
	if st := r.Step; st != nil {
		text += " " + stepWords(money, st, r.FirstYear, r.Heart)
		if g := stepGapWords(money, st); g != "" {
			text += " " + g
		}
	}
	tw.para(text)

	var rows [][]string
	var spend float64
	periods := r.Periods
	rolled := by.activeN(len(r.Periods))
	if rolled {
		periods = r.RollUp(by.Groups, by.Size, by.Unit)
	}
	// The rows whose difference reads as more to add while the
	// scenario's budget reaches the least there: the difference is the
	// budget needed rounded up, and the note says so with the figures to
	// the cent (the baseline at $5,593,031 a year: "enough" in the
	// sentence, "+$10.0k" in the table's total).
	var rounding []string
	within := func(label string, need, have float64, diff string) {
		if CentsUp(need) <= Cents(have) && strings.HasPrefix(diff, "+") {
			rounding = append(rounding, fmt.Sprintf("%s (%s against a least of %s)", label, plan.FormatMoneyExact(r.Currency, have), plan.FormatMoneyExact(r.Currency, CentsUp(need))))
		}
	}
	for _, per := range periods {
		need, have, diff := caseRow(money, per.Budget, per.CurrentBudget)
		rows = append(rows, []string{per.Label, need, money(up(per.Spend)), have, diff})
		within("in "+per.Label, per.Budget, per.CurrentBudget, diff)
		spend += per.Spend
	}
	// Which periods need all of their budget is said of the periods the
	// budget is scaled in, rolled up or not (a quarter of months has some
	// left over when its tightest month has none): a period needs all of
	// it when its least spend and its budget, rounded up as the table
	// rounds them, read alike (before caseRow rounds the need up further
	// for the scenario's budget as printed).
	labels := make([]string, len(r.Periods))
	spent := make([]bool, len(r.Periods))
	for i, per := range r.Periods {
		labels[i], spent[i] = per.Label, money(up(per.Spend)) == money(up(per.Budget))
	}
	need, have, diff := caseRow(money, r.Total, r.CurrentTotal)
	rows = append(rows, []string{"total", need, money(up(spend)), have, diff})
	within("in total", r.Total, r.CurrentTotal, diff)
	tw.heading(2, "Budget needed by period")
	tw.table([]string{"period", "budget needed", "least spend", "scenario budget", "difference"}, rows)
	unit := r.Period
	if rolled {
		unit = by.By
	}
	text = fmt.Sprintf("Every %s's budget is scaled by the same factor (%s)%s A difference is the budget needed less the scenario's budget, as printed; added to the scenario's budget, it still reaches the targets.",
		r.Period, scaleWords(scale), leftOverWords(r.Period, labels, spent))
	if rolled {
		text += fmt.Sprintf(" The %ss are rolled up to %ss: each %s's figures are the sums of its %ss'.", by.Unit, by.By, by.By, by.Unit)
	}
	if len(rounding) > 0 {
		them := "its difference is"
		if len(rounding) > 1 {
			them = "their differences are"
		}
		text += fmt.Sprintf(" The scenario's budget reaches the least %s: %s the budget needed rounded up, not a shortfall.", plan.JoinAnd(rounding), them)
	}
	tw.para(text)
	if note := roundingNote(r.Currency, unit, rows, budgetCaseColumns); note != "" {
		tw.para(note)
	}
	return tw.err
}

// budgetCaseWords writes what the targets need against what the scenario
// has, for the text view and the workbook's Budget case sheet alike: "To
// keep the heart healthy (>= 90.0%) in every quarter you need $6.14M a
// year; the scenario has $6.20M, $60.0k a year (0.9% of its budget) more
// than it needs." round is how the least budget is printed: rounded up at
// the step it is printed with in the text view (plan.CeilMoney), so that
// planning at it reaches the targets, and the identity in the sheet, whose
// cells are exact. scale is the budget's scale as printed, the printed
// need over the scenario's budget, so that "7.9% larger" and "(7.9%)
// short" agree. half is half the least amount money prints (50 cents in
// the text view, half a cent in the sheet): a gap below it is none.
func budgetCaseWords(r *plan.BudgetCaseReport, money func(float64) string, round func(float64) float64, half float64) (text string, scale float64) {
	var need, have, gap string
	scale = r.Scale
	if r.Annual != nil && r.CurrentAnnual != nil && *r.CurrentAnnual > 0 {
		scale = printedScale(*r.Annual, *r.CurrentAnnual, round)
	} else if r.Annual == nil && r.CurrentTotal > 0 {
		scale = printedScale(r.Total, r.CurrentTotal, round)
	}
	if r.Annual != nil && r.CurrentAnnual != nil {
		annual := round(*r.Annual)
		need = money(annual) + " a year"
		have = money(*r.CurrentAnnual)
		if r.ChangePerYear != 0 {
			// The annual figure is the yearly rate at the horizon's start
			// (budget.annual); the first year's total differs from it, and
			// is what finance reads in the table, so both are said.
			need = fmt.Sprintf("%s a year at the start, changing %+.1f%% a year as the scenario's budget does", money(annual), 100*r.ChangePerYear)
			have += " a year"
			// Yearly periods: the first year is the annual figure itself.
			if fy := r.FirstYear; fy != nil && math.Abs(fy.Factor-1) > 1e-12 {
				// The first year's figure is its least budget rounded up
				// once, as the total is: the table's rows for that year,
				// each rounded up on its own, can add up to more as
				// printed (shrinking-budget at a healthy heart: $6.72M,
				// its rows $6.74M), and no sentence says they add up.
				in, again := "in "+fy.Year+", the first year", "in "+fy.Year
				if fy.Year == "" {
					in, again = "in the first year ("+fy.From+" to "+fy.To+")", "in that year"
				}
				need += fmt.Sprintf(": %s %s", money(round(fy.Budget)), in)
				have += fmt.Sprintf(" (%s %s)", money(fy.CurrentBudget), again)
			}
		}
		gap = budgetGapOf(money, round, half, annual, *r.Annual, *r.CurrentAnnual, " a year")
	} else {
		need = fmt.Sprintf("%s over the %d %ss (every %s's budget %s)", money(round(r.Total)), len(r.Periods), r.Period, r.Period, scaleWords(scale))
		have = money(r.CurrentTotal)
		gap = budgetGapOf(money, round, half, round(r.Total), r.Total, r.CurrentTotal, "")
	}
	goal := budgetCaseGoal(r)
	return fmt.Sprintf("To %s in every %s you need %s; the scenario has %s%s.", goal, r.Period, need, have, gap), scale
}

// budgetCaseSheetWords writes the words of the workbook's Budget case
// sheet, whose cells are exact (in cents, shown to the cent, differences
// formulas): the figures are those of the cells, $6,133,352.60 a year and
// a surplus of $66,647.40, not the text view's $6.14M rounded up and
// $60.0k, and the changes of the scores are the cells' differences in
// points. A reader who checks a sentence against its cell finds the same
// figure, and a figure that holds when acted on: the least budget in
// cents is the one the budget case planned and saw reach the targets, and
// the shortfall added to the scenario's budget gives it. (In earlier versions
// the words and the cells' format rounded to the nearest dollar: "you need
// $7,677,769 a year ... $1,277,769 a year short of it" for a least of
// $7,677,769.46.)
// It is nil when the case has no least budget (infeasible, or the plan
// falls short): the text view's words, which hold no figure of a cell,
// are the sheet's then.
func budgetCaseSheetWords(r *plan.BudgetCaseReport) []string {
	if r.PlanShort || !r.Feasible {
		return nil
	}
	// The cells' figures (budgetCaseMoney: the least amounts rounded up
	// to the cent, as JSON has them), so that a gap is the cells'
	// difference, to the cent.
	r = budgetCaseMoney(r)
	money := func(x float64) string { return plan.FormatMoneyExact(r.Currency, x) }
	text, scale := budgetCaseWords(r, money, func(x float64) float64 { return x }, 0.005)
	if st := r.Step; st != nil {
		from := money(st.From) + " a year"
		if r.Annual == nil {
			from = money(st.From) + " over the horizon"
		}
		text += " " + stepWordsOf(money, st, r.FirstYear, from, r.Heart)
		if g := stepGapWords(money, st); g != "" {
			text += " " + g
		}
	}
	labels := make([]string, len(r.Periods))
	spent := make([]bool, len(r.Periods))
	for i, per := range r.Periods {
		labels[i], spent[i] = per.Label, per.Spend >= per.Budget
	}
	table := fmt.Sprintf("Every %s's budget is scaled by the same factor (%s)%s The figures are exact, to the cent (the text view rounds the budgets needed up), and a difference is the budget needed less the scenario's budget.",
		r.Period, scaleWords(scale), leftOverWords(r.Period, labels, spent))
	return []string{text, table}
}

// leftOverWords ends the sentence on the scaled budget with what the
// periods show: which have money left over at their least spend.
// spent[i] says that period labels[i] needs all of its budget, as the
// view prints it. The tightest row is named: ", so every quarter but 2027-Q4
// has some left over: ...". Every period may need all of it (hiring-costs at
// a healthy heart: each quarter's least spend is its budget), or none (a
// plan that reaches the targets only above the least budget of the
// allocation the least spends are of). In earlier versions the sentence
// read "the quarters other than the tightest have some left over" in
// every case, which the first of these contradicted.
func leftOverWords(unit string, labels []string, spent []bool) string {
	var tight []string
	index := make(map[string]int, len(labels))
	for i, l := range labels {
		index[l] = i
		if spent[i] {
			tight = append(tight, l)
		}
	}
	each := ": the least spend is what the targets need in each."
	every := "every " + unit
	if len(labels) == 1 {
		every, each = "the "+unit, ": the least spend is what the targets need."
	}
	switch len(tight) {
	case len(labels):
		return ", and " + every + " needs all of it" + each
	case 0:
		return ", and " + every + " has some left over" + strings.TrimSuffix(each, ".") + ", but cardio's plan reaches them at no smaller budget scaled so."
	}
	// Named are the fewer: the periods that need all of it, or those with
	// some left over.
	if over := len(labels) - len(tight); over < len(tight) {
		var left []string
		for i, l := range labels {
			if !spent[i] {
				left = append(left, l)
			}
		}
		return fmt.Sprintf(", and every %s but %s needs all of it%s", unit, runsOf(left, index), each)
	}
	return fmt.Sprintf(", so every %s but %s has some left over%s", unit, runsOf(tight, index), each)
}

// caseRow writes a row's budget needed, scenario budget and difference so
// that the row subtracts as printed ($1.71M less $1.56M is +$150k, where
// the exact scenario budget, $1,557,xxx, gave +$152k) and each figure
// holds when acted on: the budget needed is the least rounded up, and
// further up by what printing the scenario's budget added to it, so that
// the difference added to the exact scenario budget still reaches the
// least (with a need of $1,709k on $1,557k, printed $1.56M, it is $1.72M
// and +$160k: +$150k would give $1,707k). A difference too large for the
// precision of the figures it comes from (over $1M on a scenario budget
// under $1M) is rounded toward the side that holds.
func caseRow(money func(float64) string, need, have float64) (string, string, string) {
	shown := moneyValue(money(have))
	needed := plan.CeilMoney(need + math.Max(0, shown-have))
	d := needed - shown
	switch {
	case d > 0:
		d = plan.CeilMoney(d)
	case d < 0:
		d = -plan.FloorMoney(-d)
	}
	return money(needed), money(shown), signedMoney(money, d)
}

// budgetCaseColumns are the money columns of the budget case's table.
var budgetCaseColumns = []moneyColumn{{1, "budgets needed", false}, {2, "least spends", false}, {3, "scenario budgets", false}, {4, "differences", true}}

// budgetCaseGoal writes the targets: "keep the heart healthy (>= 90%)",
// "keep the heart at >= 95% and the brain at >= 50%".
func budgetCaseGoal(r *plan.BudgetCaseReport) string {
	// Targets print as given, as thresholds do (90.54%, not 90.5%).
	goal := "keep the heart at >= " + ThresholdPercent(r.Heart)
	if math.Abs(r.Heart-r.HealthyHeart) < 1e-9 {
		goal = "keep the heart healthy (>= " + ThresholdPercent(r.Heart) + ")"
	}
	if r.Brain > 0 {
		goal += " and the brain at >= " + ThresholdPercent(r.Brain)
	}
	return goal
}

// budgetGap writes ", $250k (4.2% of its budget) short of it" or ", $100k
// (1.6% of its budget) more than it needs" or ", exactly that". need is
// the least budget as printed. The share is of have, the scenario's
// budget, and says so: it is the raise or the cut the budget takes, and
// a share of the need would be another number. A shortfall is rounded up
// and a surplus down, money and share alike, so that raising the budget
// by the shortfall, or cutting it by the surplus, still reaches the
// targets.
func budgetGap(money func(float64) string, need, have float64, per string) string {
	return budgetGapOf(money, plan.CeilMoney, 0.5, need, need, have, per)
}

// budgetGapOf is budgetGap with least, the least budget before round
// rounded it to need, and the shortfall or surplus printed as round
// rounds it: plan.CeilMoney in the text view, the identity in the
// workbook, whose figures are exact, in cents. A gap under half (half the
// least amount money prints) is none. When need is the scenario's budget
// but the least is below it, the budget is not "exactly" what the targets
// need: ", enough, with less than $10.0k a year to spare" (the step need
// is rounded up at, more than the money to spare), and so it is when
// need, rounded up, is above the scenario's budget and the least is not.
func budgetGapOf(money func(float64) string, round func(float64) float64, half, need, least, have float64, per string) string {
	d := need - have
	if math.Abs(d) < half {
		if have-least >= half {
			return fmt.Sprintf(", enough, with less than %s%s to spare", money(plan.MoneyStep(need)), per)
		}
		return ", exactly that"
	}
	if d > 0 && have >= least {
		// The scenario's budget reaches the least, which need rounds up
		// past it: it is not short. The baseline at $5,593,031 a year, a
		// plan healthy in every quarter, read "you need $5.60M a year;
		// the scenario has $5.59M, $6,969 a year (0.2% of its budget)
		// short of it" for a least of $5,593,030.88.
		return fmt.Sprintf(", enough, with less than %s%s to spare (the %s is the least rounded up)", money(plan.MoneyStep(need)), per, money(need))
	}
	if d > 0 {
		rel := ""
		if have > 0 {
			rel = " (" + someShare(percentUp(d/have)) + " of its budget)"
		}
		return fmt.Sprintf(", %s%s%s short of it", money(round(d)), per, rel)
	}
	rel := ""
	if have > 0 {
		rel = " (" + someShare(percentDown(-d/have)) + " of its budget)"
	}
	return fmt.Sprintf(", %s%s%s more than it needs", money(-round(d)), per, rel)
}

// scaleWords writes a budget scale: "4.0% larger than the scenario's",
// "12.5% smaller than the scenario's".
func scaleWords(k float64) string {
	switch d := k - 1; {
	case math.Abs(d) < 0.0005:
		return "the scenario's"
	case d > 0:
		return percentUp(d) + " larger than the scenario's"
	default:
		return someShare(percentDown(-d)) + " smaller than the scenario's"
	}
}

// printedScale is the factor the least budget least is of the scenario's,
// have, as the words print the need: rounded up (round). When the
// scenario has enough though the need, rounded up, is above its budget
// (budgetGapOf), it is the least's own scale ("0.2% larger than the
// scenario's" read beside "enough" at $5,593,031 a year on the baseline,
// whose least is $5,593,030.88). With a surplus it stays the printed
// need's, so that "4.6% smaller" and "(4.6% of its budget) more than it
// needs" agree.
func printedScale(least, have float64, round func(float64) float64) float64 {
	scale := round(least) / have
	if least <= have && scale > 1 {
		scale = least / have
	}
	return scale
}

// someShare writes a share of some money that is not none, as printed
// (rounded up or down): "under 0.1%" where it prints as 0.0%. A surplus
// of $400 on $5,600,400 read "$400 a year (0.0% of its budget) more than
// it needs", a share that holds when acted on (cut by 0.0%) but reads as
// none beside an amount that is not. (A shortfall of 55 cents on $5.6M
// read "-0.0%" until shareUp stopped giving math.Ceil's negative zero.)
func someShare(printed string) string {
	if printed == "0.0%" {
		return "under 0.1%"
	}
	return printed
}

// signedMoney writes a difference with its sign: +$186k, -$103k, $0.
func signedMoney(money func(float64) string, x float64) string {
	m := money(x)
	if x >= 0.5 {
		return "+" + m
	}
	return m
}

// stepGapWords says, when the node limit stopped the search of either
// plan the step compares, how far each may be from the best: "The search
// stopped at its node limit in both plans: the one at the least budget is
// within 17.68% of the best possible, the one with $100k more within
// 4.36%." The gaps are rounded up, as the plan's own view does.
func stepGapWords(money func(float64) string, st *plan.BudgetStepEffect) string {
	more := "the one with " + money(st.Amount) + " more"
	switch {
	case st.Gap > 0 && st.GapPlus > 0:
		return fmt.Sprintf("The search stopped at its node limit in both plans: the one at the least budget is within %s of the best possible, %s within %s.", GapPercent(st.Gap), more, GapPercent(st.GapPlus))
	case st.Gap > 0:
		return fmt.Sprintf("The search stopped at its node limit in the plan at the least budget, which is within %s of the best possible.", GapPercent(st.Gap))
	case st.GapPlus > 0:
		return fmt.Sprintf("The search stopped at its node limit in the plan with %s more, which is within %s of the best possible.", money(st.Amount), GapPercent(st.GapPlus))
	}
	return ""
}

// stepWords writes what the next $100k a year buys: "Each further $100k a
// year buys +0.4 points of heart and +1.2 points of brain on average (heart
// 90.0% to 90.4%, brain 80.1% to 81.3%)", or, when the heart is already
// where the plan holds it, "... buys +12.1 points of brain on average
// (17.0% to 29.1%); the heart stays at 90.0%". A score the money lowers
// (the plan trades heart above healthy for brain: it weighs them alike)
// is given up, not bought: "buys +23.0 points of brain and gives up 1.9
// points of heart on average".
//
// With a budget that changes per year the step is on the yearly rate at
// the horizon's start, as the budget needed is, and the first year's
// share of it (fy: the case's first year) is said too: "Each further
// $100k a year at the start ($96.2k in 2027, the first year) buys ...".
//
// heart is the case's heart target: a heart at it or above reads at or
// above it as printed (HeartPercent), "stays at 90.54%" beside a target
// of ">= 90.54%", where a tenth read 90.5%.
func stepWords(money func(float64) string, st *plan.BudgetStepEffect, fy *plan.FirstYearBudget, heart float64) string {
	return stepWordsOf(money, st, fy, "", heart)
}

// stepWordsOf is stepWords; with from (the budget the step is planned
// from, "$6,140,000 a year"), the words are the workbook's: they start
// there, since the least budget beside them is exact and the step is
// planned at it rounded up, and the changes are the differences of the
// exact scores, as the cells compute them (pointsDiff), not of the scores
// as printed.
func stepWordsOf(money func(float64) string, st *plan.BudgetStepEffect, fy *plan.FirstYearBudget, from string, heart float64) string {
	exact := from != ""
	heartAt := func(x float64) string { return heartPercentOf(x, false, heart) }
	// A change is said as the difference of the two scores as printed, so
	// that it re-derives from them: +12.6 points from 22.1% to 34.8% read
	// as a sum that did not add up (0.126286, from 0.221494 to 0.347780).
	printed := func(x float64) float64 { return math.Round(1000*x) / 1000 }
	if exact {
		printed = func(x float64) float64 { return x }
	}
	heartDelta, heartDecimals := printed(st.HeartPlus)-printed(st.HeartMean), 1
	if !exact {
		// The hearts as printed, at their decimals (two from a target
		// of 90.54%).
		var d float64
		d, heartDecimals = printedChange(heartAt(st.HeartMean), heartAt(st.HeartPlus))
		heartDelta = d / 100
	}
	brainDelta := printed(st.BrainPlus) - printed(st.BrainMean)
	small := func(d float64) bool { return math.Abs(d) < pointsTiny }
	smallAt := func(d float64, decimals int) bool { return math.Abs(100*d) < 0.5*math.Pow10(-decimals) }
	head := fmt.Sprintf("Each further %s a year ", money(st.Amount))
	if st.FirstYearAmount > 0 && fy != nil {
		in := "in " + fy.Year + ", the first year"
		if fy.Year == "" {
			in = "in the first year"
		}
		head = fmt.Sprintf("Each further %s a year at the start (%s %s) ", money(st.Amount), money(st.FirstYearAmount), in)
	}
	if exact {
		head = "From " + from + " (the least rounded up), e" + strings.TrimPrefix(head, "E")
	}
	if smallAt(heartDelta, heartDecimals) && small(brainDelta) {
		return head + fmt.Sprintf("buys less than 0.1 points of heart or brain on average (heart %s, brain %s).", heartAt(st.HeartMean), Percent(st.BrainMean))
	}
	var gains, losses []string
	for _, c := range []struct {
		name     string
		delta    float64
		decimals int
	}{{"heart", heartDelta, heartDecimals}, {"brain", brainDelta, 1}} {
		scale := math.Pow10(c.decimals + 2)
		switch {
		case smallAt(c.delta, c.decimals):
		case c.delta > 0:
			gains = append(gains, fmt.Sprintf("%+.*f points of %s", c.decimals, 100*c.delta, c.name))
		default:
			losses = append(losses, fmt.Sprintf("%.*f points of %s", c.decimals, math.Round(-scale*c.delta)/scale*100, c.name))
		}
	}
	var verbs []string
	if len(gains) > 0 {
		verbs = append(verbs, "buys "+strings.Join(gains, " and "))
	}
	if len(losses) > 0 {
		verbs = append(verbs, "gives up "+strings.Join(losses, " and "))
	}
	words := head + strings.Join(verbs, " and ") + " on average"
	switch {
	case smallAt(heartDelta, heartDecimals):
		return words + fmt.Sprintf(" (%s to %s); the heart stays at %s.", Percent(st.BrainMean), Percent(st.BrainPlus), heartAt(st.HeartMean))
	case small(brainDelta):
		return words + fmt.Sprintf(" (%s to %s); the brain stays at %s.", heartAt(st.HeartMean), heartAt(st.HeartPlus), Percent(st.BrainMean))
	}
	return words + fmt.Sprintf(" (heart %s to %s, brain %s to %s).", heartAt(st.HeartMean), heartAt(st.HeartPlus), Percent(st.BrainMean), Percent(st.BrainPlus))
}
