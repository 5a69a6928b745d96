package chart

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/plan"
)

var calendarMonth = regexp.MustCompile(`^\d{4}-\d{2}$`)

// TestMonthlyChartsByFiscalQuarter: the charts of monthly-fiscal.yaml (18
// months from April 2027 in an April fiscal year), given its tables'
// roll-up, label their period axis FY28-Q1 ... FY29-Q2 at each quarter's
// first month, as the tables name the quarters, with a tick at every
// month and no calendar month named; the axis title says so. They used to
// be labelled 2027-04, 2027-07, ...: calendar months, beside tables in
// fiscal quarters. Started in May, the first quarter holds two months and
// is named where its name fits before the next one's.
func TestMonthlyChartsByFiscalQuarter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sets  []string
		first int // the month FY28-Q2 starts at
	}{
		{"from April", nil, 3},
		{"from May", []string{"horizon.start=2027-05"}, 2},
	} {
		s := loaded(t, "../../scenarios/monthly-fiscal.yaml", tc.sets...)
		p := optimized(t, s)
		groups, kind := plan.GroupsBy(s, "")
		o := Options{Groups: groups, GroupedBy: string(kind)}
		quarters := []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1", "FY29-Q2"}
		if tc.first == 2 {
			quarters = append(quarters, "FY29-Q3")
		}
		for _, k := range []Kind{HeartBrain, Coverage, Spend, FTE} {
			c, err := ForPlan(k, s, p, o)
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s, %s", tc.name, k)
			for _, pn := range c.Panels {
				if pn.XLabel != "month, labelled by quarter" {
					t.Errorf("%s: the period axis is titled %q", where, pn.XLabel)
				}
				pl, _, err := pn.plot(vg.Length(DefaultWidth) * 0.75 * 0.8)
				if err != nil {
					t.Fatal(err)
				}
				ticks := pl.X.Tick.Marker.Ticks(pl.X.Min, pl.X.Max)
				if len(ticks) != len(p.Periods) {
					t.Errorf("%s: %d ticks for %d months", where, len(ticks), len(p.Periods))
				}
				var got []string
				for i, tk := range ticks {
					if tk.Value != float64(i) {
						t.Errorf("%s: tick %d at %v", where, i, tk.Value)
					}
					if tk.Label == "" {
						continue
					}
					got = append(got, tk.Label)
					if tk.Label != groups[i] || i > 0 && groups[i-1] == groups[i] {
						t.Errorf("%s: tick %q at month %d (%s), not at the start of its quarter %s", where, tk.Label, i, p.Periods[i].Label, groups[i])
					}
				}
				// The page's chart names every quarter; a first quarter of
				// two months too where it has the room (not beside the
				// heatmap's row labels).
				if !slices.Equal(got, quarters) && !(tc.first == 2 && k == Coverage && slices.Equal(got, quarters[1:])) {
					t.Errorf("%s: the period axis names %q, want %q", where, got, quarters)
				}
			}
			// As drawn: no calendar month is named on the picture.
			var rec recorder.Canvas
			if err := c.draw(draw.NewCanvas(&rec, vg.Length(DefaultWidth)*0.75, vg.Length(440)*0.75)); err != nil {
				t.Fatal(err)
			}
			named := false
			for _, t0 := range drawnText(&rec) {
				if calendarMonth.MatchString(t0.text) {
					t.Errorf("%s: the picture names the calendar month %q", where, t0.text)
				}
				named = named || t0.text == "FY28-Q2"
			}
			if !named {
				t.Errorf("%s: FY28-Q2 is not drawn", where)
			}
		}
		// Without the tables' roll-up (cardio plan --by month) the
		// months are named as before.
		c, err := ForPlan(HeartBrain, s, p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Panels[0].TickGroups != nil || c.Panels[0].XLabel != "month" {
			t.Errorf("%s: without groups the axis is %q, grouped %q", tc.name, c.Panels[0].XLabel, c.Panels[0].TickGroups)
		}
	}
}

// TestGroupTicks: whatever the room, the names on a grouped axis stand
// at their group's first category, never run into each other, and are
// thinned by whole steps from the first full group; a partial first group
// yields its name to the next group's where both do not fit.
func TestGroupTicks(t *testing.T) {
	style := text.Style{Font: sans(9, false), Handler: plot.DefaultTextHandler}
	months := monthLabels(20)
	groups := make([]string, len(months))
	for i := range groups {
		q := (i + 2) / 3 // from the quarter's last month: a partial first quarter of one month
		groups[i] = fmt.Sprintf("FY%d-Q%d", 28+q/4, q%4+1)
	}
	for room := vg.Length(60); room <= 1000; room += 20 {
		ts := groupTicks(months, groups, style, room)
		per := room / vg.Length(len(months))
		last, lastW := -1, vg.Length(0)
		n := 0
		for i, tk := range ts {
			if tk.Value != float64(i) {
				t.Fatalf("room %v: tick %d at %v", room, i, tk.Value)
			}
			if tk.Label == "" {
				continue
			}
			n++
			if tk.Label != groups[i] || i > 0 && groups[i-1] == groups[i] {
				t.Errorf("room %v: %q at category %d, not its group's start", room, tk.Label, i)
			}
			w := style.Width(tk.Label)
			if last >= 0 && vg.Length(i-last)*per < (w+lastW)/2+noteGap {
				t.Errorf("room %v: %q and %q run into each other", room, ts[last].Label, tk.Label)
			}
			last, lastW = i, w
		}
		if n == 0 {
			t.Errorf("room %v: no group named", room)
		}
		if room == 600 && (ts[0].Label != "" || ts[1].Label != groups[1]) {
			// 20 months in 600 points: 30 a month, too close for the
			// one-month quarter's name beside the next, which is named.
			t.Errorf("room %v: the first quarter, of one month, is named %q beside the next's %q", room, ts[0].Label, ts[1].Label)
		}
	}
	// Without groups: as categoryTicks.
	if got, want := groupTicks(months, nil, style, 400), categoryTicks(months, labelStep(months, style, 400)); !slices.Equal(got, want) {
		t.Errorf("ungrouped: %v, want %v", got, want)
	}
}
