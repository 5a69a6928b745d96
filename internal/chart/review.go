package chart

import (
	"fmt"
	"sort"

	"github.com/cardio-planning/cardio/internal/plan"
)

// ForReview builds the review's chart of the past periods, planned against
// actual: the heart, the FTE in seat (all teams and functions) and the
// spend, a bar per period for each (the heart as lines, against the
// healthy heart). The numbers are
// the review's, the same its tables print: a period's FTE is the sum of its
// staff rows, and a heart is drawn as shown (plan.HeartShown), rounded
// down to a tenth of a point when not healthy, so that a point read off
// the chart is the table's figure (80.9%; in earlier versions the exact
// 80.97%, which read as 81.0%).
func ForReview(v *plan.Review) (*Chart, error) {
	if len(v.Periods) == 0 {
		return nil, fmt.Errorf("%w: %s has no past period", ErrNoData, v.Scenario)
	}
	n := len(v.Periods)
	cats := make([]string, n)
	ph, ah := make([]float64, n), make([]float64, n)
	pf, af := make([]float64, n), make([]float64, n)
	ps, as := make([]float64, n), make([]float64, n)
	for t, p := range v.Periods {
		cats[t] = p.Label
		ph[t], ah[t] = plan.HeartShown(p.Planned.Heart, p.Planned.Healthy), plan.HeartShown(p.Actual.Heart, p.Actual.Healthy)
		pf[t], af[t] = ReviewFTE(p)
		ps[t], as[t] = p.PlannedSpend, p.ActualSpend
	}
	spendName := "actual spend"
	for _, p := range v.Periods {
		if p.SpendEstimated {
			spendName = "actual spend (estimated where the actuals give none)"
		}
	}
	money := Unit{Kind: Money, Currency: v.Currency}
	var healthy []RefLine
	if v.HealthyHeart > 0 {
		healthy = []RefLine{{Label: "healthy heart " + thresholdFormat(v.HealthyHeart), Value: v.HealthyHeart}}
	}
	// A monthly plan's past months labelled by the quarters its tables
	// roll them up to, as a plan's charts are (Options.Groups).
	xl, groups := "period", []string(nil)
	if v.Period != "" {
		if ax, g := groupedAxis(v.Period, n, v.RolledGroups, v.RolledBy); g != nil {
			xl, groups = ax, g
		}
	}
	return &Chart{Kind: ReviewPeriods, Title: fmt.Sprintf("%s: planned against actual, %d past %s", v.Scenario, n, plural(n, "period", "periods")), Panels: []Panel{
		{
			XLabel: xl, YLabel: "heart", Y: Unit{Kind: Percent}, Categories: cats, TickGroups: groups, YMin: 0, YMax: 1.05, YFixed: true,
			Series: []Series{{Name: "planned heart", Type: Line, Y: ph}, {Name: "actual heart", Type: Line, Y: ah}},
			Lines:  healthy,
		},
		{
			XLabel: xl, YLabel: "FTE", Y: Unit{Kind: People}, Categories: cats, TickGroups: groups,
			Series: []Series{{Name: "planned FTE", Type: Bar, Y: pf}, {Name: "actual FTE", Type: Bar, Y: af}},
		},
		{
			XLabel: xl, YLabel: "spend (" + v.Currency + ")", Y: money, Categories: cats, TickGroups: groups,
			Series: []Series{{Name: "planned spend", Type: Bar, Y: ps}, {Name: spendName, Type: Bar, Y: as}},
		},
	}}, nil
}

// ReviewFTE is a past period's planned and actual FTE: the sums of its
// staff rows.
func ReviewFTE(p plan.PeriodVariance) (planned, actual float64) {
	for _, st := range p.Staff {
		planned += st.Planned
		actual += st.Actual
	}
	return planned, actual
}

// FunctionVariance is one function's FTE in a period, over all teams.
type FunctionVariance struct {
	Function                  string
	Planned, Actual, Variance float64
}

// ReviewByFunction sums a period's staff rows by function (over the
// central team and the regions), in the order the functions first appear,
// then sorts them by variance, the largest shortfall first (ties keep
// that order). Variance is the sum of the rows' variances.
func ReviewByFunction(p plan.PeriodVariance) []FunctionVariance {
	at := map[string]int{}
	var fs []FunctionVariance
	for _, st := range p.Staff {
		i, ok := at[st.Function]
		if !ok {
			i = len(fs)
			at[st.Function] = i
			fs = append(fs, FunctionVariance{Function: st.Function})
		}
		fs[i].Planned += st.Planned
		fs[i].Actual += st.Actual
		fs[i].Variance += st.Variance
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Variance < fs[j].Variance })
	return fs
}

// ReviewFunctionName is function id's name in review v, or the id when v
// does not name it.
func ReviewFunctionName(v *plan.Review, id string) string {
	if name := v.FunctionNames[id]; name != "" {
		return name
	}
	return id
}

// ForReviewVariance builds the review's chart of the last actual period:
// a bar per function (by name) from zero to its FTE variance (actual less
// planned, over all teams), the largest shortfall on top.
func ForReviewVariance(v *plan.Review) (*Chart, error) {
	if len(v.Periods) == 0 {
		return nil, fmt.Errorf("%w: %s has no past period", ErrNoData, v.Scenario)
	}
	last := v.Periods[len(v.Periods)-1]
	fs := ReviewByFunction(last)
	if len(fs) == 0 {
		return nil, fmt.Errorf("%w: %s has no staff in %s", ErrNoData, v.Scenario, last.Label)
	}
	cats := make([]string, len(fs))
	zero, vars := make([]float64, len(fs)), make([]float64, len(fs))
	for i, f := range fs {
		cats[i], vars[i] = ReviewFunctionName(v, f.Function), f.Variance
	}
	return &Chart{Kind: ReviewVariance, Title: fmt.Sprintf("%s: FTE variance by function in %s (actual less planned, all teams)", v.Scenario, last.Label),
		Panels: []Panel{{
			XLabel: "FTE, actual less planned", X: Unit{Kind: People}, Horizontal: true, Categories: cats,
			Series: []Series{{Name: "FTE variance", Type: Span, Y: zero, High: vars}},
			Lines:  []RefLine{{Label: "as planned", Value: 0}},
		}}}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
