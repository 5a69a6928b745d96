package report

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// writeMarginals writes the "Marginal values" section of the plan view:
// what one more unit of each limit buys, in words, then per period; by
// p's periods when by is nil, else each of by's groups the sum of its
// periods' rows.
func writeMarginals(tw *textWriter, p *plan.Plan, by *RollUp) {
	m := p.Marginal
	if m == nil {
		return
	}
	rolled := by.activeN(len(p.Periods))
	w := marginalWords(p, by)
	tw.heading(2, "Marginal values (mean heart and brain over all periods, in points)")
	tw.para(w.Limits)
	if len(m.Periods) > 1 {
		per := p.Period
		if per == "" {
			per = "period"
		}
		ms, head := m.Periods, per+" alone"
		intro := fmt.Sprintf("The same money one %s at a time, the others kept", per)
		if rolled {
			// A group's row is the sum of its periods' rows, each period's
			// money added alone: re-derivable from the JSON's periods, and
			// adding up as they do.
			ms, head = rollMarginals(m.Periods, by), by.By+": its "+per+"s alone"
			intro += fmt.Sprintf(", summed by %s (a %s's row adds up its %ss' rows)", by.By, by.By, per)
		}
		tw.para(intro + ". " + addsUp(p, m, per, rows(ms)) + ".") // the rows as the table prints them
		table := make([][]string, len(ms))
		for t, pm := range ms {
			table[t] = []string{pm.Label, plan.FormatMoney(p.Currency, pm.Amount), points(pm.Heart), points(pm.Brain)}
		}
		tw.table([]string{head, "money added", "heart", "brain"}, table)
		if w.Alone != "" {
			tw.para(w.Alone)
		}
	}
}

// marginalText is what the marginal values say in words: Limits what one
// more unit of each limit does ("Another $100k a year ($25.0k a quarter)
// would not change the heart and raise the brain by 6.3 points; ..."),
// Alone which period's money alone would turn a heart healthy, or
// unhealthy ("" when none does, or when the periods are rolled up). The
// plan view and the workbook's Marginal sheet say the same sentences.
type marginalText struct {
	Limits, Alone string
}

// marginalWords words p's marginal values (p.Marginal is not nil); the
// periods a change makes healthy are named as the tables name them:
// rolled up by by (nil: none), a quarter made healthy is one all of whose
// months are healthy after it.
func marginalWords(p *plan.Plan, by *RollUp) marginalText {
	m := p.Marginal
	rolled := by.activeN(len(p.Periods))
	n := narrator{p: p, noun: periodNoun(p)}
	turned := func(x plan.Marginal) plan.Marginal { return x }
	if rolled {
		n = narrator{p: rollUp(p, by), noun: by.By}
		turned = func(x plan.Marginal) plan.Marginal { return plan.RollTurned(p, by.spans(), x) }
	}
	buys := func(x plan.Marginal) string { return scoreChange(turned(x), n.periods) }
	k := plan.FormatMoney(p.Currency, plan.MarginalBudget)
	year := "Another " + k + " a year"
	if len(m.Periods) > 1 && p.Period != "year" {
		year += fmt.Sprintf(" (%s)", shares(p))
	}
	parts := []string{year + " would " + buys(m.Budget)}
	if m.HeadcountCap != nil {
		parts = append(parts, "one more FTE of headcount cap would "+buys(*m.HeadcountCap))
	}
	if m.CentralShareMax != nil {
		parts = append(parts, "one more point of central share allowed would "+buys(*m.CentralShareMax))
	}
	if m.CentralShareMin != nil {
		parts = append(parts, "one point less of central share required would "+buys(*m.CentralShareMin))
	}
	out := marginalText{Limits: strings.Join(parts, "; ") + "."}
	if len(m.Periods) > 1 && !rolled {
		// Which period's money alone turns a heart healthy: the
		// table's +0.03 points may be that.
		var alone []string
		for _, pm := range m.Periods {
			if t := turns(pm.Marginal, n.periods); t != "" {
				alone = append(alone, fmt.Sprintf("%s's %s alone would make the heart %s", pm.Label, plan.FormatMoney(p.Currency, pm.Amount), t))
			}
		}
		if len(alone) > 0 {
			out.Alone = capital(strings.Join(alone, "; ")) + "."
		}
	}
	return out
}

// rollMarginals sums the per-period marginal values over by's groups,
// labelled as plan.Plan.RollUp labels them ("FY29-Q2 (2 months)" for a
// group the horizon covers in part).
func rollMarginals(ms []plan.PeriodMarginal, by *RollUp) []plan.PeriodMarginal {
	var out []plan.PeriodMarginal
	for _, g := range by.spans() {
		sum := plan.PeriodMarginal{Label: g.Label}
		for _, pm := range ms[g.Start:g.End] {
			sum.Amount += pm.Amount
			sum.Heart += pm.Heart
			sum.Brain += pm.Brain
		}
		out = append(out, sum)
	}
	return out
}

// negligiblePoints is the least change in points the words and tables
// say: half a hundredth, which two decimals print as 0.00. The plan holds
// each stage's optimum to 1e-7 relative, so a re-solve can move a mean
// score by about 1e-4 points with nothing changed (the baseline's
// 0.0001): "raise the heart by less than 0.01 points" read as a real
// gain. Smaller changes are said as none; a period that money makes
// healthy is said on its own (MakesHealthy), however small the change.
const negligiblePoints = 0.005

// negligible reports whether a change of x points is said as none.
func negligible(x float64) bool { return math.Abs(x) < negligiblePoints }

// change writes what a change of x points does to a score: "raise the
// heart by 1.2 points", "lower the heart by 0.3 points", "raise the heart
// by 0.03 points" (a change a tenth would print as 0.0: that quarter's
// one unhealthy cell may be all it is), "not change the heart" (none, or
// a negligible one).
func change(score string, x float64) string {
	switch {
	case negligible(x):
		return "not change " + score
	case x < 0:
		return fmt.Sprintf("lower %s by %s", score, size(-x))
	default:
		return fmt.Sprintf("raise %s by %s", score, size(x))
	}
}

// points writes a change in percentage points: +1.2 points, 0.0 points
// (none, or negligible), +0.03 points. A change of 0.005 points or more
// is never printed as none: "0.0 points" beside a heart that money makes
// healthy read as "money cannot fix the heart".
func points(x float64) string {
	switch {
	case negligible(x):
		return "0.0 points"
	case x < 0:
		return "-" + size(-x)
	}
	return "+" + size(x)
}

// size writes a change in points of at least negligiblePoints with one
// decimal, or two where one would print 0.0.
func size(x float64) string {
	if s := strconv.FormatFloat(x, 'f', 1, 64); strings.Trim(s, "0.") != "" {
		return s + " points"
	}
	return strconv.FormatFloat(x, 'f', 2, 64) + " points"
}

// shares says how the yearly step is spread over the periods: "$25.0k a
// quarter", or "its share in each quarter" when a budget trajectory makes
// the shares differ.
func shares(p *plan.Plan) string {
	m := p.Marginal
	per := p.Period
	if per == "" {
		per = "period"
	}
	for _, pm := range m.Periods {
		if math.Abs(pm.Amount-m.Periods[0].Amount) >= 0.5 {
			return fmt.Sprintf("its share in each %s, as the budget's trajectory spreads it", per)
		}
	}
	return fmt.Sprintf("%s a %s", plan.FormatMoney(p.Currency, m.Periods[0].Amount), per)
}

// scoreChange writes what a marginal value does to the scores, after
// "would": "raise the heart by 1.2 points and the brain by 0.4 points",
// "not change the heart and raise the brain by 6.3 points", "change
// neither the heart nor the brain"; and the periods whose heart it makes
// healthy, or unhealthy, named by name: "raise the heart by 0.03 points,
// making it healthy in 2027-Q4, and the brain by 11.7 points".
func scoreChange(x plan.Marginal, name func([]string) string) string {
	if negligible(x.Heart) && negligible(x.Brain) && len(x.MakesHealthy) == 0 && len(x.MakesUnhealthy) == 0 {
		return "change neither the heart nor the brain"
	}
	h, b := change("the heart", x.Heart), change("the brain", x.Brain)
	switch t := turns(x, name); {
	case t != "" && negligible(x.Heart):
		// The mean kept while coverage moves between periods.
		h = "not change the mean heart yet make it " + t + ","
	case t != "":
		h += ", making it " + t + ","
	}
	for _, v := range []string{"raise ", "lower "} {
		if strings.HasPrefix(h, v) && strings.HasPrefix(b, v) {
			return h + " and " + strings.TrimPrefix(b, v)
		}
	}
	return h + " and " + b
}

// turns writes the periods whose heart x makes healthy, or no longer
// healthy: "healthy in 2027-Q4", "healthy in 2027-Q4 and no longer
// healthy in 2027-Q2"; "" when it turns none.
func turns(x plan.Marginal, name func([]string) string) string {
	var out []string
	if len(x.MakesHealthy) > 0 {
		out = append(out, "healthy "+name(x.MakesHealthy))
	}
	if len(x.MakesUnhealthy) > 0 {
		out = append(out, "no longer healthy "+name(x.MakesUnhealthy))
	}
	return plan.JoinAnd(out)
}

// rows are the marginal values of the periods, without their labels.
func rows(ms []plan.PeriodMarginal) []plan.Marginal {
	out := make([]plan.Marginal, len(ms))
	for t, pm := range ms {
		out[t] = pm.Marginal
	}
	return out
}

// addsUp says whether the periods' rows should add up to the year's
// figures in this plan, and whether they do as printed: "The quarters
// depend on each other here (hire limits and the CPQ platform on offer),
// so the rows need not add up to the figures above; here, as printed, the
// brain's add up to +6.6 points against +7.2". The sums are of the rows as
// printed, as a reader adds them: the exact rows' sum (6.686) read +6.7
// beside rows that add up to 6.6.
func addsUp(p *plan.Plan, m *plan.MarginalValues, per string, rs []plan.Marginal) string {
	var heart, brain float64
	for _, r := range rs {
		heart += printedPoints(r.Heart)
		brain += printedPoints(r.Brain)
	}
	var off []string
	if points(heart) != points(m.Budget.Heart) {
		off = append(off, fmt.Sprintf("the heart's add up to %s against %s", points(heart), strings.TrimSuffix(points(m.Budget.Heart), " points")))
	}
	if points(brain) != points(m.Budget.Brain) {
		off = append(off, fmt.Sprintf("the brain's add up to %s against %s", points(brain), strings.TrimSuffix(points(m.Budget.Brain), " points")))
	}
	if len(m.Linked) == 0 {
		s := fmt.Sprintf("Nothing ties one %s to another in this plan (no hire or exit limits, investments on offer, roster at its own cost or one-time hiring costs), so the rows add up to the figures above", per)
		if len(off) > 0 {
			// Only the rounding can part them.
			s += ", but each figure is rounded on its own: as printed, " + plan.JoinAnd(off)
		}
		return s
	}
	s := fmt.Sprintf("The %ss depend on each other in this plan (%s): money in one %s changes what the others can do, so the rows need not add up to the figures above", per, linkWords(p, m), per)
	if len(off) == 0 {
		return s + ", though here they do"
	}
	return s + "; here, as printed, " + plan.JoinAnd(off)
}

// printedPoints is a change in points as points prints it, read back.
func printedPoints(x float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSuffix(points(x), " points"), 64)
	if err != nil {
		return x // points always prints a number; kept exact if not
	}
	return v
}

// linkWords names what ties the periods together (MarginalValues.Linked):
// "hire limits and the CPQ platform on offer".
func linkWords(p *plan.Plan, m *plan.MarginalValues) string {
	has := map[string]bool{}
	for _, l := range m.Linked {
		has[l] = true
	}
	var out []string
	switch {
	case has[plan.LinkHireLimits] && has[plan.LinkExitLimits]:
		out = append(out, "hire and exit limits")
	case has[plan.LinkHireLimits]:
		out = append(out, "hire limits")
	case has[plan.LinkExitLimits]:
		out = append(out, "exit limits")
	}
	if has[plan.LinkInvestments] {
		name := map[string]string{}
		if len(p.Periods) > 0 {
			for _, inv := range p.Periods[0].Investments {
				name[inv.ID] = cmp.Or(inv.Name, inv.ID)
			}
		}
		var names []string
		for _, id := range m.LinkedInvestments {
			names = append(names, cmp.Or(name[id], id))
		}
		out = append(out, "the "+plan.JoinAnd(names)+" on offer")
	}
	if has[plan.LinkRoster] {
		out = append(out, "roster staff at their own cost, who only leave")
	}
	if has[plan.LinkMoveCosts] {
		out = append(out, "one-time hiring and exit costs")
	}
	for _, o := range out {
		if strings.Contains(o, " and ") || strings.Contains(o, ",") {
			// "hire and exit limits and the AI add-on and CPQ platform"
			// reads as one list: the parts are kept apart.
			return strings.Join(out, "; ")
		}
	}
	return plan.JoinAnd(out)
}
