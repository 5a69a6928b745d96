package report

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// The analyses' sheets of a workbook: a comparison of the plans, and per
// scenario its marginal values, checkup, budget case and what-if (long
// rows and, for two inputs, grids). Derived cells are formulas over the
// Plan sheets' cells, so that finance can trace every figure.

// analysisSheets writes the sheets after the plan sheets, in order.
func (b *book) analysisSheets() {
	if len(b.plans) > 1 {
		b.compareSheet()
	}
	for i := range b.plans {
		refs := &b.plans[i]
		sp := refs.sp
		if sp.Plan.Marginal != nil {
			b.marginalSheet(refs)
		}
		if sp.Checkup != nil {
			b.checkupSheet(refs)
		}
		if sp.BudgetCase != nil {
			b.budgetCaseSheet(refs)
		}
		if sp.Sweep != nil {
			b.whatIfSheet(refs)
		}
	}
}

func (b *book) addSheet(name string) string {
	name = b.sheetName(name)
	b.newSheet(name)
	return name
}

// feasible reports whether a plan sheet has the periods table.
func (r *planRefs) feasible() bool { return r.total > 0 }

// compareSheet puts the plans side by side: a column per scenario whose
// cells are references to its Plan sheet, and a column per scenario after
// the first with the difference to the first.
func (b *book) compareSheet() {
	sheet := b.addSheet("Compare")
	g := &grid{b: b, sheet: sheet, row: 1}
	g.title("Compared: the plans side by side")
	g.note("Each figure is a reference to the scenario's Plan sheet; the differences are to the first scenario. Money is compared only in one currency.")
	var cols []*planRefs
	for i := range b.plans {
		if b.plans[i].feasible() {
			cols = append(cols, &b.plans[i])
		}
	}
	if len(cols) == 0 {
		b.finish(sheet, 0, 1)
		return
	}
	head := []string{"metric"}
	for _, r := range cols {
		head = append(head, r.sp.Plan.Scenario)
	}
	for _, r := range cols[1:] {
		head = append(head, r.sp.Plan.Scenario+" vs "+cols[0].sp.Plan.Scenario)
	}
	g.header(head...)
	ysplit := g.row - 1
	oneCurrency := true
	for _, r := range cols {
		oneCurrency = oneCurrency && r.sp.Plan.Currency == cols[0].sp.Plan.Currency
	}
	g.currency = cols[0].sp.Plan.Currency
	// Horizons of different lengths compare money a year (each total over
	// its horizon's years), as the comparison's table does: a total over
	// 18 months less one over 4 quarters is no difference anyone budgets.
	sameYears := true
	for _, r := range cols {
		sameYears = sameYears && math.Abs(r.sp.Scenario.Years()-cols[0].sp.Scenario.Years()) < 1e-9
	}
	type metric struct {
		name  string
		kind  CellKind
		ref   func(r *planRefs) string
		value func(p *plan.Plan) float64
	}
	total := func(c int) func(r *planRefs) string {
		return func(r *planRefs) string { return sheetRef(r.sheet, c, r.total) }
	}
	metrics := []metric{
		// The hearts as the Plan sheets show them, as the comparison's
		// table prints them: rounded down when not healthy (heartCell).
		// The lowest of the periods' figures shown is the weakest
		// period's shown, rounding down keeping the order.
		{"heart (mean)", KindPercent, total(colHeart), func(p *plan.Plan) float64 {
			v, _ := plan.HeartShownAgainst(p.Totals.HeartMean, p.Totals.HealthyAll, p.HealthyHeart)
			return v
		}},
		{"heart (weakest period)", KindPercent, func(r *planRefs) string {
			return "MIN(" + quoteSheet(r.sheet) + "!" + absRef(colHeart, r.first) + ":" + absRef(colHeart, r.last) + ")"
		}, func(p *plan.Plan) float64 {
			v, _ := plan.HeartShownAgainst(p.Totals.HeartMin, plan.WeakestHealthy(p.Periods), p.HealthyHeart)
			return v
		}},
		{"brain (mean)", KindPercent, total(colBrain), func(p *plan.Plan) float64 { return p.Totals.BrainMean }},
		{"spend", KindMoney, total(colSpend), func(p *plan.Plan) float64 { return p.Totals.Spend }},
		{"budget", KindMoney, total(colBudget), func(p *plan.Plan) float64 { return p.Totals.Budget }},
		{"unspent", KindMoney, total(colUnspent), func(p *plan.Plan) float64 { return p.Totals.Unspent }},
	}
	for _, m := range metrics {
		money := m.kind == KindMoney
		name, perYear := m.name, money && !sameYears
		if perYear {
			name += " a year"
		}
		// value and formula of r's figure, a year when perYear.
		value := func(r *planRefs) float64 {
			if perYear {
				return m.value(r.sp.Plan) / r.sp.Scenario.Years()
			}
			return m.value(r.sp.Plan)
		}
		formula := func(r *planRefs) string {
			if perYear {
				return m.ref(r) + "/" + strconv.FormatFloat(r.sp.Scenario.Years(), 'g', -1, 64)
			}
			return m.ref(r)
		}
		row := []typed{txt(name)}
		for _, r := range cols {
			if money && !oneCurrency {
				row = append(row, typed{v: nil, k: m.kind})
				continue
			}
			k := m.kind
			if k == KindPercent && strings.HasPrefix(m.name, "heart") {
				// A healthy heart at a threshold past a tenth shows the
				// threshold's decimals, as the Plan sheet's cell does.
				k = percentKind(heartDecimals(r.sp.Plan, m.name == "heart (mean)"))
			}
			row = append(row, calc(formula(r), value(r), k))
		}
		for i, r := range cols[1:] {
			if money && !oneCurrency {
				row = append(row, typed{v: nil, k: m.kind})
				continue
			}
			if m.kind == KindPercent {
				// Shares differ in points: 94.6% against 90.0% is 4.6
				// points, where "4.6%" would read as a relative change.
				row = append(row, pointsDiff(ref(3+i, g.row), ref(2, g.row), value(r)-value(cols[0])))
				continue
			}
			f := fmt.Sprintf("%s-%s", ref(3+i, g.row), ref(2, g.row))
			row = append(row, calc(f, value(r)-value(cols[0]), m.kind))
		}
		g.body(row...)
	}
	if !sameYears {
		g.skip()
		g.note("The horizons differ in length: budget, spend and unspent are compared a year, each total over its horizon's years.")
	}
	b.finish(sheet, 1, ysplit)
}

// heartDecimals is the decimals a plan's mean heart (mean) or its weakest
// period's heart prints with (plan.HeartShownAgainst).
func heartDecimals(p *plan.Plan, mean bool) int {
	x, healthy := p.Totals.HeartMin, plan.WeakestHealthy(p.Periods)
	if mean {
		x, healthy = p.Totals.HeartMean, p.Totals.HealthyAll
	}
	_, d := plan.HeartShownAgainst(x, healthy, p.HealthyHeart)
	return d
}

// marginalSheet writes what one more unit of each limit buys, and the
// budget's step one period at a time, with their sum. It says what the
// plan view says, from the same data and rule: its sentences
// (marginalWords, by the plan's own periods, as the sheet lists them),
// and a change the words call none (negligible) as 0, not as the
// solver's noise (0.0001 points, or -0.0001, which two decimals print as
// -0.00).
func (b *book) marginalSheet(refs *planRefs) {
	p := refs.sp.Plan
	m := p.Marginal
	words := marginalWords(p, nil)
	sheet := b.addSheet("Marginal " + p.Scenario)
	g := &grid{b: b, sheet: sheet, currency: p.Currency, row: 1}
	g.title("Marginal values: " + p.Scenario)
	g.note("What one more unit of each limit buys: the change of the mean heart and the mean brain over all periods, in percentage points (0.50 is half a point), each by an exact re-solve. A change under " +
		strconv.FormatFloat(negligiblePoints, 'f', -1, 64) + " points is shown as 0: it is within the re-solve's tolerance, and the plan view says it changes nothing.")
	g.note(words.Limits)
	g.header("limit", "one more unit", "heart (points)", "brain (points)")
	ysplit := g.row - 1
	g.body(txt("budget"), txt(plan.FormatMoney(p.Currency, plan.MarginalBudget)+" a year"), marginalPoints(m.Budget.Heart), marginalPoints(m.Budget.Brain))
	if x := m.HeadcountCap; x != nil {
		g.body(txt("headcount cap"), txt("1 FTE"), marginalPoints(x.Heart), marginalPoints(x.Brain))
	}
	if x := m.CentralShareMax; x != nil {
		g.body(txt("central share, max"), txt("1 point more"), marginalPoints(x.Heart), marginalPoints(x.Brain))
	}
	if x := m.CentralShareMin; x != nil {
		g.body(txt("central share, min"), txt("1 point less"), marginalPoints(x.Heart), marginalPoints(x.Brain))
	}
	if len(m.Periods) > 0 {
		per := p.Period
		if per == "" {
			per = "period"
		}
		g.skip()
		g.section("The budget's step one " + per + " at a time, the others kept")
		g.header(per+" alone", "money added", "heart (points)", "brain (points)")
		top := g.row
		var amount, heart, brain float64
		for _, pm := range m.Periods {
			h, br := marginalPoints(pm.Heart), marginalPoints(pm.Brain)
			g.body(txt(pm.Label), mon(pm.Amount), h, br)
			// The sum is of the cells as written.
			amount += pm.Amount
			heart += h.v.(float64)
			brain += br.v.(float64)
		}
		bot := g.row - 1
		g.total(txt("sum of the "+per+"s"), calc("SUM("+span(2, top, 2, bot)+")", amount, KindMoney),
			calc("SUM("+span(3, top, 3, bot)+")", heart, KindNumber), calc("SUM("+span(4, top, 4, bot)+")", brain, KindNumber))
		if words.Alone != "" {
			g.note(words.Alone)
		}
	}
	b.finish(sheet, 1, ysplit)
}

// marginalPoints is a marginal value's cell: its change in points, or 0
// where the plan view says it is none (negligible).
func marginalPoints(x float64) typed {
	if negligible(x) {
		return num(0)
	}
	return num(x)
}

// checkupSheet writes the four signs with their status, evidence and
// remedy in the checkup view's words, and the thresholds used.
func (b *book) checkupSheet(refs *planRefs) {
	r := checkupWords(refs.sp.Checkup)
	sheet := b.addSheet("Checkup " + r.Scenario)
	g := &grid{b: b, sheet: sheet, currency: r.Currency, row: 1}
	g.title("Checkup: " + r.Scenario)
	g.note("The four warning signs of an unhealthy sales ops heart: today's organization against the optimized plan (docs/checkup.md).")
	g.header("sign", "id", "status", "evidence", "remedy")
	ysplit := g.row - 1
	for _, s := range r.Signs {
		g.body(txt(s.Title), txt(s.ID), txt(s.Status), txt(s.Summary), txt(s.Remedy))
	}
	g.skip()
	title := map[string]string{}
	for _, s := range r.Signs {
		title[s.ID] = s.Title
	}
	g.header("threshold", "value", "meaning")
	for _, th := range scenario.CheckupThresholds {
		g.body(txt(th.Name), pct(r.Thresholds[th.Name]), txt(thresholdMeaning(th.Name, title)))
	}
	b.finish(sheet, 1, ysplit)
}

// thresholdMeanings say what each checkup threshold measures, in the
// words of docs/checkup.md's table, with the sign it grades (%s, its
// title): the key alone (stale_mix_watch) says little to a reader of the
// workbook, who sets it in the scenario's checkup: section.
var thresholdMeanings = map[string]struct{ sign, words string }{
	scenario.StaleMixWatch:          {checkup.StaleMix, "the share of today's staff that would have to move to match the stage's demand at which %s is watch"},
	scenario.StaleMixAct:            {checkup.StaleMix, "that share at which %s is act"},
	scenario.StaleMixMargin:         {checkup.StaleMix, "how much closer an earlier stage's demand must be for %s to be act"},
	scenario.BrainSpendWatch:        {checkup.BrainBeforeHeart, "the brain's share of today's spend, while the heart is not healthy, at which %s is watch"},
	scenario.BrainSpendAct:          {checkup.BrainBeforeHeart, "that share at which %s is act"},
	scenario.LocalCentralShareWatch: {checkup.LostLocalTouch, "the share of local-function staff in the central team at which %s is watch"},
	scenario.LocalCentralShareAct:   {checkup.LostLocalTouch, "that share at which %s is act"},
	scenario.RegionGapWatch:         {checkup.LostLocalTouch, "how far a region's coverage of its local heart work is below the other regions' at which %s is watch"},
	scenario.RegionGapAct:           {checkup.LostLocalTouch, "that gap at which %s is act"},
	scenario.BudgetSqueezeWatch:     {checkup.ShrinkingBudget, "how much the budget per FTE of heart demand falls in a year at which %s is watch"},
}

// thresholdMeaning is what threshold name measures, naming its sign by
// its title in the report ("Brain before heart").
func thresholdMeaning(name string, title map[string]string) string {
	m, ok := thresholdMeanings[name]
	if !ok {
		return ""
	}
	t := title[m.sign]
	if t == "" {
		t = m.sign
	}
	return fmt.Sprintf(m.words, "'"+t+"'")
}

// budgetCaseSheet writes the budget case: its words (from the budget case
// view), the least budget against the scenario's, by period, and what the
// next step buys; differences and totals are formulas.
func (b *book) budgetCaseSheet(refs *planRefs) {
	r := budgetCaseMoney(refs.sp.BudgetCase)
	sheet := b.addSheet("Budget case " + r.Scenario)
	g := &grid{b: b, sheet: sheet, currency: r.Currency, row: 1}
	g.title("Budget case: " + r.Scenario)
	// The sheet's cells are exact: its words are said from them
	// (budgetCaseSheetWords), not the text view's rounded figures.
	words := budgetCaseSheetWords(refs.sp.BudgetCase)
	for _, w := range words {
		g.note(w)
	}
	if words == nil {
		var md bytes.Buffer
		if err := WriteBudgetCase(&md, refs.sp.BudgetCase, Markdown); err == nil {
			for _, line := range strings.Split(md.String(), "\n") {
				// The text's note on rounded figures that do not add up
				// is the text's: the cells' totals are SUM formulas.
				if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "|") && !strings.HasPrefix(line, r.Description) && !strings.HasPrefix(line, roundingNotePrefix) {
					g.note(strings.TrimPrefix(line, "- "))
				}
			}
		}
	}
	g.skip()
	kv := func(label string, v typed) { g.body(txt(label), v) }
	kv("heart target", thresholdPct(r.Heart))
	kv("brain target", thresholdPct(r.Brain))
	if !r.Feasible {
		b.finish(sheet, 0, 1)
		return
	}
	if r.Annual != nil && r.CurrentAnnual != nil {
		top := g.row
		kv("least annual budget", cents(*r.Annual))
		kv("the scenario's annual budget", cents(*r.CurrentAnnual))
		kv("difference", calc(ref(2, top)+"-"+ref(2, top+1), *r.Annual-*r.CurrentAnnual, KindCents))
	}
	// A share, as the note's "6.6% smaller" reads it, not a bare 0.93,
	// and rounded up as the note rounds the cut down: 85.1143% shown
	// "85.1%" beside "14.8% smaller" disagreed, and a budget scaled by
	// 85.1% falls short of the least.
	kv("each period's budget, as a share of the scenario's, rounded up", pct(shareUp(r.Scale)))
	g.skip()
	g.header("period", "budget needed", "least spend", "scenario budget", "difference")
	ysplit := g.row - 1
	top := g.row
	var need, spend, have float64
	for _, per := range r.Periods {
		g.body(txt(per.Label), cents(per.Budget), cents(per.Spend), cents(per.CurrentBudget),
			calc(ref(2, g.row)+"-"+ref(4, g.row), per.Budget-per.CurrentBudget, KindCents))
		need += per.Budget
		spend += per.Spend
		have += per.CurrentBudget
	}
	bot := g.row - 1
	sum := func(c int, v float64) typed { return calc("SUM("+span(c, top, c, bot)+")", v, KindCents) }
	g.total(txt("total"), sum(2, need), sum(3, spend), sum(4, have), calc(ref(2, g.row)+"-"+ref(4, g.row), need-have, KindCents))
	// Each period's budget needed is rounded up to the cent (acted on, it
	// still reaches the targets), the least over the horizon once: their
	// sum can be cents above it, $5,717,320.44 under $5,717,320.41 a year
	// on the baseline at a heart of 92%, which a reader ticking the total
	// against the least budget finds and is told why.
	money := func(x float64) string { return plan.FormatMoneyExact(r.Currency, x) }
	apart := func(sum, total float64) (string, bool) {
		d := Cents(sum) - total
		if math.Abs(d) < 0.005 {
			return "", false
		}
		more := "more"
		if d < 0 {
			more = "less"
		}
		return fmt.Sprintf("they add up to %s, %s %s than", money(Cents(sum)), money(math.Abs(d)), more), true
	}
	if words, ok := apart(need, r.Total); ok {
		g.note(fmt.Sprintf("The budgets needed are each rounded up to the cent, so that each reaches the targets: %s the least budget over the horizon, %s.", words, money(r.Total)))
	}
	// The scenario's total needs no such note: JSON's current_total is the
	// sum of its budgets by period, each to the cent (budgetCaseMoney), as
	// the total cell is.
	if by := refs.sp.By; by.activeN(len(r.Periods)) {
		// A monthly plan's quarters (or as --by says), each the SUM of its
		// months' rows above, as the budget case's table shows them.
		g.skip()
		g.section("By " + by.By)
		g.header("period", "budget needed", "least spend", "scenario budget", "difference")
		// r's periods are in cents, as the cells above: each group's sums
		// are those of the cells.
		groups := r.RollUp(by.Groups, by.Size, by.Unit)
		for k, sp := range by.spans() {
			per := groups[k]
			over := func(c int, v float64) typed {
				return calc("SUM("+span(c, top+sp.Start, c, top+sp.End-1)+")", v, KindCents)
			}
			g.body(txt(per.Label), over(2, per.Budget), over(3, per.Spend), over(4, per.CurrentBudget),
				calc(ref(2, g.row)+"-"+ref(4, g.row), per.Budget-per.CurrentBudget, KindCents))
		}
	}
	if st := r.Step; st != nil {
		g.skip()
		// The step starts from the least budget as the text prints it
		// (st.From), where a person re-plans, not from the cents above.
		money := func(x float64) string { return plan.FormatMoney(r.Currency, x) }
		from := money(st.From) + " a year"
		if r.Annual == nil {
			from = money(st.From) + " over the horizon"
		}
		g.section("What the next " + money(st.Amount) + " a year buys on top of the least budget rounded up, " + from)
		g.header("score", "at "+from, "with "+money(st.Amount)+" a year more", "change")
		// A heart at the target or above shows the target's decimals, as
		// the text's "stays at 90.54%" (stepWordsOf).
		heart := func(x float64) typed {
			_, d := plan.HeartReadAgainst(x, false, r.Heart)
			return typed{v: x, k: percentKind(d)}
		}
		g.body(txt("heart (mean)"), heart(st.HeartMean), heart(st.HeartPlus), pointsDiff(ref(3, g.row), ref(2, g.row), st.HeartPlus-st.HeartMean))
		g.body(txt("brain (mean)"), pct(st.BrainMean), pct(st.BrainPlus), pointsDiff(ref(3, g.row), ref(2, g.row), st.BrainPlus-st.BrainMean))
	}
	b.finish(sheet, 1, ysplit)
}

// pointsTiny is the least change of a share the workbook writes, a
// fraction (0.05 points): a smaller one shows as 0.0 points either way,
// and written as 0 it cannot read "-0.0 points" (docs/output.md: no -0).
const pointsTiny = 0.0005

// pointsDiff is the change from the share in cell from to the share in
// cell to, in percentage points (KindPoints), as a formula; d is cardio's
// value of to - from. A change under pointsTiny is 0.
func pointsDiff(to, from string, d float64) typed {
	f := fmt.Sprintf("IF(ABS(%[1]s-%[2]s)<%[3]s,0,(%[1]s-%[2]s)*100)", to, from, strconv.FormatFloat(pointsTiny, 'g', -1, 64))
	return calc(f, sharePoints(d), KindPoints)
}

// sharePoints is a change of a share d in percentage points, 0 under
// pointsTiny: the value pointsDiff's formula computes.
func sharePoints(d float64) float64 {
	if math.Abs(d) < pointsTiny {
		return 0
	}
	return d * 100
}

// inputKind is the cell kind of a varied input: money, a share or a number.
func inputKind(key, currency string) CellKind {
	switch chart.InputUnit(key, currency).Kind {
	case chart.Money:
		return KindMoney
	case chart.Percent:
		return KindPercent
	}
	return KindNumber
}

// whatIfSheet writes a sweep as long rows: the inputs in words with their
// key paths in a second header row and in their units, the figures, and
// their changes from the scenario's own plan as formulas over its Plan
// sheet. A two-input sweep also gets a grid sheet per figure.
func (b *book) whatIfSheet(refs *planRefs) {
	res := sweepWords(refs.sp.Sweep)
	p := refs.sp.Plan
	sheet := b.addSheet("What-if " + res.Scenario)
	g := &grid{b: b, sheet: sheet, currency: res.Currency, row: 1}
	g.title("What-if: " + res.Scenario)
	g.note("Every point is a full optimized plan; heart and brain are means over the periods, the weakest period's heart its lowest, spend and unspent totals over the horizon. The changes are from the scenario's own plan (its Plan sheet's total row).")
	// The inputs are named as the text what-if, the sweep chart and the
	// risk views name them (InputLabel), one label per input everywhere.
	labels := InputLabels(refs.sp.Scenario, res.Inputs)
	var head, keys []string
	for i, in := range res.Inputs {
		head = append(head, labels[i])
		keys = append(keys, in.Key)
	}
	metrics := []struct {
		head string
		kind CellKind
		col  int // of the plan sheet's total row; 0: none
		get  func(r plan.SweepRow) float64
		base func() float64
	}{
		// The change of the heart is from the plan's exact mean, as the
		// row's heart is exact.
		{"heart", KindPercent, colHeartExact, func(r plan.SweepRow) float64 { return r.Heart }, func() float64 { return p.Totals.HeartMean }},
		{"weakest period's heart", KindPercent, 0, func(r plan.SweepRow) float64 { return r.HeartMin }, nil},
		{"brain", KindPercent, colBrain, func(r plan.SweepRow) float64 { return r.Brain }, func() float64 { return p.Totals.BrainMean }},
		{"spend", KindMoney, colSpend, func(r plan.SweepRow) float64 { return r.Spend }, func() float64 { return p.Totals.Spend }},
		{"unspent", KindMoney, colUnspent, func(r plan.SweepRow) float64 { return r.Unspent }, func() float64 { return p.Totals.Unspent }},
	}
	for _, m := range metrics {
		head = append(head, m.head)
		keys = append(keys, "")
	}
	head = append(head, "status")
	keys = append(keys, "")
	withPlan := refs.feasible()
	if withPlan {
		for _, m := range metrics {
			if m.col > 0 {
				head = append(head, m.head+" change")
				keys = append(keys, "")
			}
		}
	}
	// The hearts read as the text what-if prints them, an unhealthy one
	// rounded down (heartCell), over exact columns at the right; the
	// changes are from the exact scores.
	exactHeart := len(head) + 1
	head = append(head, "heart (exact)", "weakest period's heart (exact)")
	keys = append(keys, "", "")
	for _, r := range res.Rows {
		if r.OK() && (!r.HealthyAll || !r.HeartMinHealthy) {
			g.note(heartShownNote("the two (exact) columns"))
			break
		}
	}
	g.header(head...)
	for i, k := range keys {
		b.cell(sheet, i+1, g.row, k, KindText, roleNote, "")
	}
	g.row++
	ysplit := g.row - 1
	n := len(res.Inputs)
	first := g.row
	for _, r := range res.Rows {
		row := make([]typed, 0, len(head))
		for i, v := range r.Values {
			row = append(row, typed{v: v, k: inputKind(res.Inputs[i].Key, res.Currency)})
		}
		for j, m := range metrics {
			switch {
			case !r.OK():
				row = append(row, typed{v: nil, k: m.kind})
			case j == 0:
				row = append(row, heartCell(ref(exactHeart, g.row), r.Heart, r.HealthyAll, r.HealthyHeart))
			case j == 1:
				row = append(row, heartCell(ref(exactHeart+1, g.row), r.HeartMin, r.HeartMinHealthy, r.HealthyHeart))
			default:
				row = append(row, typed{v: m.get(r), k: m.kind})
			}
		}
		row = append(row, txt(r.Status))
		if withPlan {
			for j, m := range metrics {
				if m.col == 0 {
					continue
				}
				if !r.OK() {
					row = append(row, typed{v: nil, k: m.kind})
					continue
				}
				to, from := ref(n+1+j, g.row), sheetRef(refs.sheet, m.col, refs.total)
				if j == 0 {
					to = ref(exactHeart, g.row) // the exact mean, as the plan's
				}
				if m.kind == KindPercent {
					// A change of a score is in points, as the Compare
					// sheet's: "-5.4%" read as a relative change.
					row = append(row, pointsDiff(to, from, m.get(r)-m.base()))
					continue
				}
				row = append(row, calc(to+"-"+from, m.get(r)-m.base(), m.kind))
			}
		}
		if r.OK() {
			row = append(row, typed{v: r.Heart, k: KindPercentExact}, typed{v: r.HeartMin, k: KindPercentExact})
		} else {
			row = append(row, typed{v: nil, k: KindPercentExact}, typed{v: nil, k: KindPercentExact})
		}
		g.body(row...)
	}
	b.finish(sheet, n, ysplit)
	if n != 2 {
		return
	}
	// The grid: first input down, second across, one block per figure,
	// each cell a reference to its long row.
	gs := b.addSheet("What-if grid " + res.Scenario)
	gg := &grid{b: b, sheet: gs, currency: res.Currency, row: 1}
	gg.title("What-if grid: " + res.Scenario)
	gg.note(fmt.Sprintf("%s (%s) down, %s (%s) across; each cell refers to its row of the %s sheet.", labels[0], res.Inputs[0].Key, labels[1], res.Inputs[1].Key, sheet))
	a, c := res.Inputs[0], res.Inputs[1]
	ka, kc := inputKind(a.Key, res.Currency), inputKind(c.Key, res.Currency)
	for j, m := range metrics {
		gg.skip()
		gg.section(m.head)
		b.cell(gs, 1, gg.row, labels[0]+" \\ "+labels[1], KindText, roleHeader, "")
		for k, v := range c.Values {
			b.cell(gs, 2+k, gg.row, v, kc, roleHeader, res.Currency)
		}
		gg.row++
		for i, va := range a.Values {
			row := []typed{{v: va, k: ka}}
			for k := range c.Values {
				r := res.Rows[i*len(c.Values)+k]
				if !r.OK() {
					row = append(row, txt(r.Status))
					continue
				}
				row = append(row, calc(sheetRef(sheet, n+1+j, first+i*len(c.Values)+k), m.get(r), m.kind))
			}
			gg.body(row...)
		}
	}
	b.finish(gs, 1, 0)
}
