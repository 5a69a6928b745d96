package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/plan"
)

// shortMonthlyCharts are every monthly chart of months from April 2027
// in an April fiscal year (monthly-fiscal.yaml), given the tables'
// roll-up to fiscal quarters: a plan's four, the heatmap by region, the
// risk fan and the review's chart of as many past months.
func shortMonthlyCharts(t *testing.T, months int, sets ...string) []*Chart {
	t.Helper()
	s := loaded(t, "../../scenarios/monthly-fiscal.yaml", append(sets, fmt.Sprintf("horizon.periods=%d", months))...)
	p := optimized(t, s)
	groups, kind := plan.GroupsBy(s, "")
	o := Options{Groups: groups, GroupedBy: string(kind)}
	var cs []*Chart
	for _, k := range []Kind{HeartBrain, Coverage, Spend, FTE} {
		c, err := ForPlan(k, s, p, o)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	o.ByRegion = true
	region, err := ForPlan(Coverage, s, p, o)
	if err != nil {
		t.Fatal(err)
	}
	q := func(x float64) plan.Quantiles { return plan.Quantiles{P10: x - 0.05, P50: x, P90: x + 0.02} }
	r := &plan.RiskResult{Scenario: "S", Currency: "USD", Period: "month", HealthyHeart: 0.9, Samples: 20, Planned: 20,
		RolledBy: string(kind), RolledGroups: groups}
	v := &plan.Review{Scenario: "S", Currency: "USD", Period: "month", HealthyHeart: 0.9, Past: months,
		RolledBy: string(kind), RolledGroups: groups}
	for _, per := range p.Periods {
		r.Periods = append(r.Periods, plan.RiskPeriod{Label: per.Label, Heart: q(0.85), Brain: q(0.6)})
		v.Periods = append(v.Periods, plan.PeriodVariance{Label: per.Label, PlannedSpend: per.Spend, ActualSpend: per.Spend * 0.9})
	}
	fan, err := ForRisk(r)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := ForReview(v)
	if err != nil {
		t.Fatal(err)
	}
	return append(cs, region, fan, rev)
}

// drawnAt is the text c draws at width pixels, at the height the pages
// draw it (taller for a heatmap of many rows or several panels).
func drawnAt(t *testing.T, c *Chart, width int) ([]placed, vg.Length, vg.Length) {
	t.Helper()
	height := 60 + 240*len(c.Panels)
	if h := c.Panels[0].Heat; h != nil {
		height = max(DefaultHeight, 120+20*len(h.Rows))
	}
	var rec recorder.Canvas
	w, h := vg.Length(width)*72/pngDPI, vg.Length(height)*72/pngDPI
	if err := c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
		t.Fatal(err)
	}
	return drawnText(&rec), w, h
}

// TestShortMonthlyChartsNameEveryMonth: a monthly chart of a few months
// (namesEach: six or fewer) names every month, 2027-04 to 2027-07, on
// every panel, and the fiscal quarters FY28-Q1 and FY28-Q2 they fall in
// as well, each name inside the picture and clear of the others: the
// axis of the line and bar charts and of the heatmap by period, a month
// over its quarter's name at the quarter's first month; the heatmap by
// region above its columns, each month's name over its regions under
// the quarters'. Five months from June, a first quarter of one month,
// name their months and quarters so too. They used to name the quarters
// alone, which did not tell a reader which month a bar is. Seven months (three quarters) name
// the quarters alone, as a longer plan does (TestMonthlyChartsByFiscalQuarter),
// and so does a picture too narrow for the months' names side by side.
func TestShortMonthlyChartsNameEveryMonth(t *testing.T) {
	for _, tc := range []struct {
		start  string
		months []string
		// quarters are named on every panel; from June, June alone is
		// FY28-Q1, named where its name fits (partial).
		quarters, partial []string
	}{
		{"2027-04", monthLabels(4), []string{"FY28-Q1", "FY28-Q2"}, nil},
		{"2027-06", []string{"2027-06", "2027-07", "2027-08", "2027-09", "2027-10"}, []string{"FY28-Q2", "FY28-Q3"}, []string{"FY28-Q1"}},
	} {
		for _, c := range shortMonthlyCharts(t, len(tc.months), "horizon.start="+tc.start) {
			for _, width := range []int{DefaultWidth, 600} {
				where := fmt.Sprintf("from %s: %s (%s) at %d pixels", tc.start, c.Kind, c.Panels[0].XLabel, width)
				shortAxisNamed(t, where, c, width, tc.months, tc.quarters, tc.partial)
			}
		}
	}
	quarters := []string{"FY28-Q1", "FY28-Q2"}
	for _, tc := range []struct {
		name   string
		months int
		width  int
	}{{"seven months", 7, DefaultWidth}, {"four months on a narrow picture", 4, 400}} {
		for _, c := range shortMonthlyCharts(t, tc.months) {
			texts, _, _ := drawnAt(t, c, tc.width)
			quarter := false
			for _, t0 := range texts {
				if calendarMonth.MatchString(t0.text) {
					t.Errorf("%s, %s: the month %q is named", tc.name, c.Kind, t0.text)
				}
				quarter = quarter || slices.Contains(quarters, t0.text)
			}
			if !quarter {
				t.Errorf("%s, %s: no quarter is named", tc.name, c.Kind)
			}
		}
	}
}

// shortAxisNamed checks that c, drawn width pixels wide, names each of
// months and of quarters once on each panel (and each of partial at most
// once), all inside the picture and clear of each other.
func shortAxisNamed(t *testing.T, where string, c *Chart, width int, months, quarters, partial []string) {
	t.Helper()
	texts, w, h := drawnAt(t, c, width)
	count := map[string]int{}
	var names []placed
	for _, t0 := range texts {
		if !slices.Contains(months, t0.text) && !slices.Contains(quarters, t0.text) && !slices.Contains(partial, t0.text) {
			continue
		}
		count[t0.text]++
		names = append(names, t0)
		if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
			t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", where, t0.text, t0.box.min, t0.box.max, w, h)
		}
	}
	for _, name := range append(slices.Clone(months), quarters...) {
		if count[name] != len(c.Panels) {
			t.Errorf("%s: %q is named %d times on %d panels", where, name, count[name], len(c.Panels))
		}
	}
	for _, name := range partial {
		if count[name] > len(c.Panels) {
			t.Errorf("%s: %q is named %d times on %d panels", where, name, count[name], len(c.Panels))
		}
	}
	// Names on one line never run into each other; a quarter's name
	// under its first month's is on the next line, at the font's size
	// below it, as gonum spaces the lines of every label of two (their
	// boxes, ascent to descent, share a point there, their ink none).
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			a, b := names[i], names[j]
			apart := math.Abs(float64(a.box.min.Y - b.box.min.Y))
			if a.overlaps(b) && apart < float64(a.font.Size)-0.01 {
				t.Errorf("%s: %q and %q run into each other (%v points apart)", where, a.text, b.text, apart)
			}
		}
	}
}

// TestShortMonthlyAxisTitle: a monthly chart that names every month as
// well as its quarter (namesEach) titles its axis "month and quarter"
// ("region, by month and quarter" for the heatmap by region), not "month,
// labelled by quarter", which says the months go unnamed and which these
// charts drew in earlier versions; seven months, named by quarter alone,
// keep that title.
func TestShortMonthlyAxisTitle(t *testing.T) {
	titled := func(c *Chart, width int, title string) bool {
		texts, _, _ := drawnAt(t, c, width)
		for _, t0 := range texts {
			if t0.text == title {
				return true
			}
		}
		return false
	}
	for _, c := range shortMonthlyCharts(t, 4) {
		data := c.Panels[0].XLabel
		want := strings.Replace(data, ", labelled by quarter", " and quarter", 1)
		if want == data {
			t.Fatalf("%s: axis %q is not grouped", c.Kind, data)
		}
		if !titled(c, DefaultWidth, want) || titled(c, DefaultWidth, data) {
			t.Errorf("four months, %s: the axis is not titled %q", c.Kind, want)
		}
	}
	for _, c := range shortMonthlyCharts(t, 7) {
		// The heatmap by region of 7 x 3 narrow columns names the
		// regions in its title instead (regionsInOrder).
		if data := c.Panels[0].XLabel; !strings.HasPrefix(data, "region") && !titled(c, DefaultWidth, data) {
			t.Errorf("seven months, %s: the axis is not titled %q", c.Kind, data)
		}
	}
}
