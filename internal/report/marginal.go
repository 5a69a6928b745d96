package report

import (
	"fmt"
	"math"
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
	k := plan.FormatMoney(p.Currency, plan.MarginalBudget)
	buys := scoreChange
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
	tw.heading(2, "Marginal values (mean heart and brain over all periods, in points)")
	tw.para(strings.Join(parts, "; ") + ".")
	if len(m.Periods) > 1 {
		per := p.Period
		if per == "" {
			per = "period"
		}
		ms, head := m.Periods, per+" alone"
		if by.activeN(len(m.Periods)) {
			// A group's row is the sum of its periods' rows, each period's
			// money added alone: re-derivable from the JSON's periods, and
			// adding up as they do.
			ms, head = rollMarginals(m.Periods, by), by.By+": its "+per+"s alone"
			tw.para(fmt.Sprintf("The same money one %s at a time, the others kept, summed by %s (a %s's row adds up its %ss' rows): where the %ss do not depend on each other (no hire or exit limits, no investments), the rows add up to the figures above.", per, by.By, by.By, per, per))
		} else {
			tw.para(fmt.Sprintf("The same money one %s at a time, the others kept: where the %ss do not depend on each other (no hire or exit limits, no investments), the rows add up to the figures above.", per, per))
		}
		rows := make([][]string, len(ms))
		for t, pm := range ms {
			rows[t] = []string{pm.Label, plan.FormatMoney(p.Currency, pm.Amount), points(pm.Heart), points(pm.Brain)}
		}
		tw.table([]string{head, "money added", "heart", "brain"}, rows)
	}
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

// change writes what a change of x points does to a score: "raise the
// heart by 1.2 points", "lower the heart by 0.3 points", "not change the
// heart" (below the 0.05 points a sentence shows).
func change(score string, x float64) string {
	switch p := plain(x); {
	case p == "0.0 points":
		return "not change " + score
	case x < 0:
		return fmt.Sprintf("lower %s by %s", score, strings.TrimPrefix(p, "-"))
	default:
		return fmt.Sprintf("raise %s by %s", score, p)
	}
}

// points writes a change in percentage points: +1.2 points, 0.0 points.
func points(x float64) string {
	s := fmt.Sprintf("%+.1f", x)
	if s == "+0.0" || s == "-0.0" {
		s = "0.0"
	}
	return s + " points"
}

// plain writes a change in points without a plus sign, for a sentence.
func plain(x float64) string { return strings.TrimPrefix(points(x), "+") }

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
// "not change the heart and raise the brain by 4.6 points", "change
// neither the heart nor the brain".
func scoreChange(x plan.Marginal) string {
	if plain(x.Heart) == "0.0 points" && plain(x.Brain) == "0.0 points" {
		return "change neither the heart nor the brain"
	}
	h, b := change("the heart", x.Heart), change("the brain", x.Brain)
	for _, v := range []string{"raise ", "lower "} {
		if strings.HasPrefix(h, v) && strings.HasPrefix(b, v) {
			return h + " and " + strings.TrimPrefix(b, v)
		}
	}
	return h + " and " + b
}
