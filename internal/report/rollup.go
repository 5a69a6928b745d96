package report

import (
	"fmt"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// RollUp groups a plan's periods into longer ones for the table views: a
// monthly plan shown by quarter. JSON and CSV always carry every period.
type RollUp struct {
	// By is what a group is: "month", "quarter" or "year".
	By string
	// Groups holds, for each of the plan's periods, the label of the
	// group it falls in; consecutive periods with the same label form one
	// group.
	Groups []string
	// Size is how many of the plan's periods a whole group holds (3 months
	// to a quarter); a group the horizon covers only in part says so.
	Size int
	// Unit is the plan's period, for the label of a partial group.
	Unit string
}

// RollUpOf is the roll-up of s's tables to by, as plan.GroupsBy groups
// s's periods: by "" rolls a monthly plan up to quarters (fiscal under a
// fiscal year). A by that names s's own period gives a roll-up that
// changes nothing (active is false) but says what was asked, for the
// views that roll other plans too (a report's comparison); nil when the
// tables show the plan's own periods otherwise.
func RollUpOf(s *scenario.Scenario, by string) *RollUp {
	unit := string(s.Horizon.Period)
	groups, kind := plan.GroupsBy(s, by)
	if groups == nil {
		if by != unit {
			return nil
		}
		kind, groups = s.Horizon.Period, make([]string, s.Periods())
		for t := range groups {
			groups[t] = s.PeriodLabel(t)
		}
	}
	return &RollUp{By: string(kind), Groups: groups, Size: s.GroupSize(kind), Unit: unit}
}

// ChartOptions is o with the period axis of p's charts labelled as r
// rolls p's tables up (chart.Options.Groups): a monthly plan's months
// named by their quarter, fiscal under a fiscal year. o as it is when r
// rolls nothing up (nil, or --by month).
func (r *RollUp) ChartOptions(p *plan.Plan, o chart.Options) chart.Options {
	if r.active(p) {
		o.Groups, o.GroupedBy = r.Groups, r.By
	}
	return o
}

// active reports whether r changes anything: a roll-up that groups no
// two periods is the plan as it is.
func (r *RollUp) active(p *plan.Plan) bool {
	return r.activeN(len(p.Periods))
}

// activeN reports whether r changes anything for n periods.
func (r *RollUp) activeN(n int) bool {
	return r != nil && r.Size > 1 && len(r.Groups) == n && n > 0
}

// spans are r's groups of periods (plan.Spans), labelled as the rolled
// plan's periods are.
func (r *RollUp) spans() []plan.Span { return plan.Spans(r.Groups, r.Size, r.Unit) }

// Span is the group of periods label names ("FY28-Q1", "FY27-Q4 (2
// months)"), when r rolls periods up and label names one of its groups.
// A partial group is named with its count, as the tables print it, or
// without ("FY29" for "FY29 (6 months)"): the count is a note, not part
// of the name a user types.
func (r *RollUp) Span(label string) (plan.Span, bool) {
	if r != nil && r.Size > 1 {
		for _, sp := range r.spans() {
			if sp.Label == label || r.Groups[sp.Start] == label {
				return sp, true
			}
		}
	}
	return plan.Span{}, false
}

// Labels are the labels of r's groups, in order; none when r rolls
// nothing up.
func (r *RollUp) Labels() []string {
	var out []string
	if r != nil && r.Size > 1 {
		for _, sp := range r.spans() {
			out = append(out, sp.Label)
		}
	}
	return out
}

// rollUp returns a copy of p whose periods are r's groups
// (plan.Plan.RollUp says how each figure rolls up).
func rollUp(p *plan.Plan, r *RollUp) *plan.Plan {
	return p.RollUp(r.Groups, r.Size, r.Unit)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// rollUpNote says how the table's periods were rolled up, for the reader
// of a table that no longer shows the plan's own periods.
func rollUpNote(r *RollUp) string {
	return fmt.Sprintf("The plan's %ss are rolled up to %ss: money is summed; heart, brain and coverage are the mean over the %ss; FTE, sellers, investment levels and the central share are at the end of the %s; a %s is healthy only if every %s in it is.",
		r.Unit, r.By, r.Unit, r.By, r.By, r.Unit)
}
