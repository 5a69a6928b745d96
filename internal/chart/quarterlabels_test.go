package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestRegionHeatmapByFiscalQuarter: the coverage heatmap by function and
// region of monthly-fiscal.yaml, given its tables' roll-up, names above
// its columns the fiscal quarters FY28-Q1 ... FY29-Q2 the tables name,
// each inside the picture, clear of the others, evenly a quarter apart,
// and no calendar month; its axis title says the months are labelled by
// quarter. It used to name 2027-04, 2027-07, ... above them: calendar
// months beside tables in fiscal quarters. Started in May, the first
// quarter of two months is named, over its six columns; the last, of one
// month, has three columns, too few for its name, and is left unnamed
// rather than run into the legend. Without the
// roll-up (--by month) the months are named as before.
func TestRegionHeatmapByFiscalQuarter(t *testing.T) {
	for _, tc := range []struct {
		name string
		sets []string
		want []string
	}{
		{"from April", nil, []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1", "FY29-Q2"}},
		{"from May", []string{"horizon.start=2027-05"}, []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1", "FY29-Q2"}},
	} {
		s := loaded(t, "../../scenarios/monthly-fiscal.yaml", tc.sets...)
		p := optimized(t, s)
		groups, kind := plan.GroupsBy(s, "")
		c, err := ForPlan(Coverage, s, p, Options{ByRegion: true, Groups: groups, GroupedBy: string(kind)})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Panels[0].XLabel; got != "region, by month, labelled by quarter" {
			t.Errorf("%s: the axis is titled %q", tc.name, got)
		}
		height := max(DefaultHeight, 120+20*len(c.Panels[0].Heat.Rows)) // as the HTML report draws it
		var rec recorder.Canvas
		w, h := vg.Length(DefaultWidth)*72/pngDPI, vg.Length(height)*72/pngDPI
		if err := c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
			t.Fatal(err)
		}
		var names []placed
		for _, t0 := range drawnText(&rec) {
			if calendarMonth.MatchString(t0.text) {
				t.Errorf("%s: the picture names the calendar month %q", tc.name, t0.text)
			}
			if slices.Contains(tc.want, t0.text) {
				names = append(names, t0)
				if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
					t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", tc.name, t0.text, t0.box.min, t0.box.max, w, h)
				}
			}
		}
		slices.SortFunc(names, func(a, b placed) int { return cmp.Compare(a.box.min.X, b.box.min.X) })
		var got []string
		for i, n := range names {
			got = append(got, n.text)
			if i > 0 && (names[i-1].overlaps(n) || names[i-1].box.max.X > n.box.min.X) {
				t.Errorf("%s: %q and %q run into each other, or out of order", tc.name, names[i-1].text, n.text)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: above the columns %q, want %q", tc.name, got, tc.want)
			continue
		}
		// The whole quarters' names, each over its nine columns, stand
		// a quarter apart.
		centre := func(p placed) float64 { return float64(p.box.min.X+p.box.max.X) / 2 }
		gap := centre(names[2]) - centre(names[1])
		for i := 2; i < len(names)-1; i++ {
			if d := centre(names[i+1]) - centre(names[i]); math.Abs(d-gap) > 0.5 {
				t.Errorf("%s: %q is %.1f points after %q, the quarter before %.1f", tc.name, names[i+1].text, d, names[i].text, gap)
			}
		}
		// --by month: the months above the columns, as before.
		c, err = ForPlan(Coverage, s, p, Options{ByRegion: true})
		if err != nil {
			t.Fatal(err)
		}
		rec = recorder.Canvas{}
		if err := c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
			t.Fatal(err)
		}
		months := 0
		for _, t0 := range drawnText(&rec) {
			if calendarMonth.MatchString(t0.text) {
				months++
			}
		}
		if months == 0 {
			t.Errorf("%s, by month: no month named above the columns", tc.name)
		}
	}
}

// TestAboveLabels: each group's name is centred over its columns, a mark
// between two groups; whatever the room, the names never run into each
// other or past the cells, and a partial first group too narrow for its
// name is not named.
func TestAboveLabels(t *testing.T) {
	style := text.Style{Font: sans(9, true), Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YCenter}
	var groups []string
	for j := 0; j < 3*20; j++ { // 20 months of 3 regions: a quarter of a month, 6 whole ones, a quarter of a month
		q := (j/3 + 2) / 3
		groups = append(groups, fmt.Sprintf("FY%d-Q%d", 28+q/4, q%4+1))
	}
	for room := vg.Length(60); room <= 1000; room += 20 {
		col := room / vg.Length(len(groups))
		trX := func(x float64) vg.Length { return vg.Length(x+0.5) * col }
		var rec recorder.Canvas
		aboveLabels(draw.NewCanvas(&rec, room, 100), groups, style, trX, 50, 70)
		marks := 0
		for _, a := range rec.Actions {
			if _, ok := a.(*recorder.Stroke); ok {
				marks++
			}
		}
		if marks != 8-1 {
			t.Errorf("room %v: %d marks between 8 quarters", room, marks)
		}
		var drawn []placed
		for _, t0 := range drawnText(&rec) {
			drawn = append(drawn, t0)
			first := slices.Index(groups, t0.text)
			end := first
			for end < len(groups) && groups[end] == t0.text {
				end++
			}
			mid := (trX(float64(first)-0.5) + trX(float64(end)-0.5)) / 2
			if c := (t0.box.min.X + t0.box.max.X) / 2; math.Abs(float64(c-mid)) > 0.01 {
				t.Errorf("room %v: %q centred at %v, not over its columns at %v", room, t0.text, c, mid)
			}
			if t0.box.min.X < 0 || t0.box.max.X > room {
				t.Errorf("room %v: %q at %v..%v runs past the cells", room, t0.text, t0.box.min.X, t0.box.max.X)
			}
			if t0.text == groups[0] && style.Width(t0.text) > mid*2 {
				t.Errorf("room %v: the partial first quarter is named over too few columns", room)
			}
		}
		slices.SortFunc(drawn, func(a, b placed) int { return cmp.Compare(a.box.min.X, b.box.min.X) })
		for i := 1; i < len(drawn); i++ {
			if drawn[i-1].box.max.X+noteGap > drawn[i].box.min.X+0.01 {
				t.Errorf("room %v: %q and %q run into each other", room, drawn[i-1].text, drawn[i].text)
			}
		}
		full := 0
		for _, d := range drawn {
			if d.text != groups[0] && d.text != groups[len(groups)-1] {
				full++
			}
		}
		if room >= 600 && full != 6 {
			t.Errorf("room %v: %d of 6 whole quarters named", room, full)
		}
	}
}

// TestRiskReviewQuarterAxisFits: the fan chart and the review's chart of
// 18 months rolled up to fiscal quarters (plan.RiskResult.RolledGroups,
// plan.Review.RolledGroups) name the quarters at their first months, at
// the page's width and at 600 pixels, each name inside the picture and
// clear of the others, and no month.
func TestRiskReviewQuarterAxisFits(t *testing.T) {
	const n = 18
	months, groups := monthLabels(n), make([]string, n)
	for i := range groups {
		groups[i] = fmt.Sprintf("FY%d-Q%d", 28+i/12, i%12/3+1)
	}
	q := func(x float64) plan.Quantiles { return plan.Quantiles{P10: x - 0.05, P50: x, P90: x + 0.02} }
	r := &plan.RiskResult{Scenario: "S", Currency: "USD", Period: "month", HealthyHeart: 0.9, Samples: 20, Planned: 20,
		RolledBy: "quarter", RolledGroups: groups}
	v := &plan.Review{Scenario: "S", Currency: "USD", Period: "month", HealthyHeart: 0.9, Past: n,
		RolledBy: "quarter", RolledGroups: groups}
	for i, m := range months {
		r.Periods = append(r.Periods, plan.RiskPeriod{Label: m, Heart: q(0.85), Brain: q(0.6)})
		v.Periods = append(v.Periods, plan.PeriodVariance{Label: m, PlannedSpend: 1e5 + float64(i), ActualSpend: 1e5})
	}
	fan, err := ForRisk(r)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := ForReview(v)
	if err != nil {
		t.Fatal(err)
	}
	quarters := map[string]bool{}
	for _, g := range groups {
		quarters[g] = true
	}
	for _, c := range []*Chart{fan, rev} {
		for _, pn := range c.Panels {
			if pn.XLabel != "month, labelled by quarter" {
				t.Errorf("%s: axis %q", c.Kind, pn.XLabel)
			}
		}
		for _, width := range []int{DefaultWidth, 600} {
			height := 60 + 240*len(c.Panels)
			var rec recorder.Canvas
			w, h := vg.Length(width)*72/pngDPI, vg.Length(height)*72/pngDPI
			if err := c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s at %d pixels", c.Kind, width)
			var names []placed
			for _, t0 := range drawnText(&rec) {
				if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
					t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", where, t0.text, t0.box.min, t0.box.max, w, h)
				}
				if calendarMonth.MatchString(t0.text) {
					t.Errorf("%s: the month %q is named", where, t0.text)
				}
				if quarters[t0.text] {
					names = append(names, t0)
				}
			}
			if len(names) < 3*len(c.Panels) {
				t.Errorf("%s: %d quarters named on %d panels", where, len(names), len(c.Panels))
			}
			for i := range names {
				for j := i + 1; j < len(names); j++ {
					if names[i].overlaps(names[j]) {
						t.Errorf("%s: %q and %q run into each other", where, names[i].text, names[j].text)
					}
				}
			}
		}
	}
}
