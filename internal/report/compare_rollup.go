package report

import (
	"fmt"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// compareGroup is the period kind a scenario's periods are rolled up to in
// the comparison's table views, and how many of its periods a whole one
// holds; size 0 when they are shown as they are. by is what --by asks: ""
// rolls months up to quarters, as `cardio plan` does; a kind no longer
// than the scenario's own periods leaves them as they are, so that a
// monthly and a quarterly scenario compare by quarter with --by quarter.
func compareGroup(s plan.Summary, by string) (kind scenario.PeriodKind, size int) {
	unit := scenario.PeriodKind(s.Period)
	kind = scenario.PeriodKind(by)
	if by == "" {
		if unit != scenario.Month {
			return "", 0
		}
		kind = scenario.Quarter
	}
	if unit.Months() == 0 || kind.Months() <= unit.Months() {
		return "", 0
	}
	return kind, kind.Months() / unit.Months()
}

// rollComparison returns c with each scenario's periods rolled up as
// compareGroup says, for the table views; the figures over the horizon
// are the plans' own. A rolled period is the mean of heart and brain over
// its periods (what the quarter delivered), the sum of money, and FTE and
// the central share at its end, as `cardio plan --by` rolls them; a group
// the horizon covers in part says how many periods it holds.
func rollComparison(c *plan.Comparison, by string) *plan.Comparison {
	out := *c
	out.Scenarios = make([]plan.Summary, len(c.Scenarios))
	for i, s := range c.Scenarios {
		out.Scenarios[i] = s
		kind, size := compareGroup(s, by)
		if size < 2 {
			continue
		}
		group := func(p plan.SummaryPeriod) string {
			if kind == scenario.Year {
				return p.Year
			}
			return p.Quarter
		}
		var rolled []plan.SummaryPeriod
		for start := 0; start < len(s.Periods); {
			end := start + 1
			for end < len(s.Periods) && group(s.Periods[end]) == group(s.Periods[start]) {
				end++
			}
			ps := s.Periods[start:end]
			g := ps[len(ps)-1]
			g.Label = group(ps[0])
			g.Months = plan.Months{Start: ps[0].Months.Start, Len: ps[len(ps)-1].Months.Start + ps[len(ps)-1].Months.Len - ps[0].Months.Start}
			if n := len(ps); n < size {
				g.Label += fmt.Sprintf(" (%d %s%s)", n, s.Period, plural(n))
			}
			g.Heart, g.Brain, g.Budget, g.Spend, g.Unspent = 0, 0, 0, 0, 0
			g.Healthy = true
			for _, p := range ps {
				g.Healthy = g.Healthy && p.Healthy
				g.Heart += p.Heart / float64(len(ps))
				g.Brain += p.Brain / float64(len(ps))
				g.Budget += p.Budget
				g.Spend += p.Spend
				g.Unspent += p.Unspent
			}
			rolled = append(rolled, g)
			start = end
		}
		out.Scenarios[i].Periods = rolled
	}
	return &out
}

// compareRollNote says which scenarios' periods the table rolls up, and
// how; "" when it shows every scenario's own periods.
func compareRollNote(c *plan.Comparison, by string) string {
	names := columnNames(c)
	var which []string
	var kind scenario.PeriodKind
	for i, s := range c.Scenarios {
		k, size := compareGroup(s, by)
		if size < 2 || !hasPlan(s) {
			continue
		}
		kind = k
		which = append(which, fmt.Sprintf("the %ss of %s", s.Period, names[i]))
	}
	if len(which) == 0 {
		return ""
	}
	list := which[0]
	if n := len(which); n > 1 {
		list = strings.Join(which[:n-1], ", ") + " and " + which[n-1]
	}
	return fmt.Sprintf("%s are rolled up to %ss: heart and brain are the mean over each %s's periods; the figures over the horizon are the plans' own.",
		strings.ToUpper(list[:1])+list[1:], kind, kind)
}
