package report

import (
	"fmt"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// writeMarginals writes the "Marginal values" section of the plan view:
// what one more unit of each limit buys, in words, then per period.
func writeMarginals(tw *textWriter, p *plan.Plan) {
	m := p.Marginal
	if m == nil {
		return
	}
	k := plan.FormatMoney(p.Currency, plan.MarginalBudget)
	buys := func(x plan.Marginal) string {
		return fmt.Sprintf("the heart by %s and the brain by %s", plain(x.Heart), plain(x.Brain))
	}
	parts := []string{fmt.Sprintf("Another %s a year would raise %s", k, buys(m.Budget))}
	if m.HeadcountCap != nil {
		parts = append(parts, "one more FTE of headcount cap "+buys(*m.HeadcountCap))
	}
	if m.CentralShareMax != nil {
		parts = append(parts, "one more point of central share allowed "+buys(*m.CentralShareMax))
	}
	if m.CentralShareMin != nil {
		parts = append(parts, "one point less of central share required "+buys(*m.CentralShareMin))
	}
	tw.heading(2, "Marginal values (mean heart and brain over all periods, in points)")
	tw.para(strings.Join(parts, "; ") + ".")
	if len(m.Periods) > 1 {
		rows := make([][]string, len(m.Periods))
		for t, pm := range m.Periods {
			rows[t] = []string{pm.Label, points(pm.Heart), points(pm.Brain)}
		}
		tw.table([]string{"another " + k + " in", "heart", "brain"}, rows)
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
