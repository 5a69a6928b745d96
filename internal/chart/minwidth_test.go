package chart

import (
	"fmt"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/plan"
)

// minDataShare is the least share of a chart's width its plotted data
// take at MinWidth: the rest is axes, ticks and the legend.
const minDataShare = 0.35

// TestChartsLegibleAtMinWidth: at the narrowest width a chart may be drawn
// (MinWidth), every kind of a plan's charts, on quarters and on months,
// keeps at least minDataShare of the picture for its data. In earlier
// versions a chart could be 200 pixels wide, where heart and brain's
// legend and axis took all of it and no line was drawn.
func TestChartsLegibleAtMinWidth(t *testing.T) {
	for _, file := range []string{"baseline.yaml", "monthly-fiscal.yaml"} {
		s := loaded(t, "../../scenarios/"+file)
		p := optimized(t, s)
		for _, o := range []Options{{}, {ByRegion: true}} {
			for _, k := range []Kind{HeartBrain, Coverage, Spend, FTE} {
				if o.ByRegion && k != Coverage {
					continue
				}
				c, err := ForPlan(k, s, p, o)
				if err != nil {
					t.Fatal(err)
				}
				legibleAt(t, fmt.Sprintf("%s %s (by region %v)", file, k, o.ByRegion), c)
			}
		}
	}
	// The comparison of the nine bundled scenarios' names, a what-if, the
	// risk fan and tornado and the review's charts.
	p := optimized(t, loaded(t, "../../scenarios/baseline.yaml"))
	var nine []*plan.Plan
	for _, n := range []string{"FY27 baseline", "Brain first", "Centralize everything", "FY27 with hiring and exit costs",
		"FY28 by month", "FY27 from the roster", "Shrinking budget", "FY27 baseline with ranges", "FY27 in whole people"} {
		q := *p
		q.Scenario = n
		nine = append(nine, &q)
	}
	compare, err := ForPlans(nine, nil)
	if err != nil {
		t.Fatal(err)
	}
	legibleAt(t, "nine scenarios compared", compare)
	res := &plan.SweepResult{Scenario: "S", Currency: "USD", Inputs: []plan.SweepInput{{Key: "budget.annual", Values: []float64{1e6, 2e6}}},
		Rows: []plan.SweepRow{{Status: plan.StatusOptimal, Heart: 0.8}, {Status: plan.StatusOptimal, Heart: 0.9}}}
	whatif, err := ForSweep(res, []string{"annual budget"}, 2e6, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	legibleAt(t, "what-if", whatif)
	for _, c := range shortMonthlyCharts(t, 12)[5:] {
		legibleAt(t, "months' "+string(c.Kind), c)
	}
}

// legibleAt checks that c keeps minDataShare of its width for its data at
// MinWidth and at DefaultWidth.
func legibleAt(t *testing.T, name string, c *Chart) {
	t.Helper()
	for _, width := range []int{MinWidth, DefaultWidth} {
		if share := dataShare(t, c, width); share < minDataShare {
			t.Errorf("%s at %d pixels: the data take %.0f%% of the width, want %.0f%% or more", name, width, 100*share, 100*minDataShare)
		}
	}
}

// dataShare is the least share of the picture's width that a panel of c,
// drawn width pixels wide, gives its data.
func dataShare(t *testing.T, c *Chart, width int) float64 {
	t.Helper()
	height := max(DefaultHeight, 60+240*len(c.Panels))
	if h := c.Panels[0].Heat; h != nil {
		height = max(DefaultHeight, 120+20*len(h.Rows))
	}
	var rec recorder.Canvas
	w, h := vg.Length(width)*72/pngDPI, vg.Length(height)*72/pngDPI
	dc := draw.NewCanvas(&rec, w, h)
	legendW := vg.Length(0)
	drawn := *c
	drawn.Panels = make([]Panel, len(c.Panels))
	for i, p := range c.Panels {
		drawn.Panels[i] = p.legendWrapped(w/3 - legendThumbRoom)
		legendW = max(legendW, legendWidth(drawn.Panels[i]))
	}
	plots, _, canvases, _, err := drawn.layout(dc, legendW)
	if err != nil {
		t.Fatal(err)
	}
	share := 1.0
	for i, pl := range plots {
		data := pl.DataCanvas(canvases[i])
		share = min(share, float64((data.Max.X-data.Min.X)/w))
	}
	return share
}
