package chart_test

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// On the baseline every heart cell is healthy, at 90.0% in the plan's
// tables, and comp_admin in APAC in 2027-Q4 is held at 0.89998, within its
// tolerance: its heatmap cell read 89 (the label rounds down). A heart
// cell reads as healthy within plan.CellTol of it, every other cell as its
// coverage, and the drawn heatmap labels all 132 heart cells (11 heart
// functions, 3 regions, 4 quarters) 90.
func TestHeatmapReadsHealthyCells(t *testing.T) {
	s, p := baseline(t)
	c, err := chart.ForPlan(chart.Coverage, s, p, chart.Options{ByRegion: true})
	if err != nil {
		t.Fatal(err)
	}
	h := c.Panels[0].Heat
	heart, under := 0, 0
	for _, row := range h.Rows {
		f := slices.IndexFunc(s.Functions, func(fn scenario.Function) bool { return fn.ID == row.Label })
		for j, x := range row.Cells {
			q, r := j/len(s.Regions), j%len(s.Regions)
			want := x
			if w := plan.HeartCellWeight(s, f, r, q); w > 0 {
				heart++
				if x < p.HealthyHeart-1e-5 {
					under++ // reads 89 by its coverage
				}
				if math.Abs(x-p.HealthyHeart) <= plan.CellTol(len(p.Periods), w) {
					want = p.HealthyHeart
				}
			}
			if row.Reads[j] != want && !(math.IsNaN(want) && math.IsNaN(row.Reads[j])) {
				t.Errorf("%s in %s, %s: reads %v, want %v (coverage %v)", row.Label, h.Columns[j], h.Groups[j], row.Reads[j], want, x)
			}
		}
	}
	if heart != 132 || under == 0 {
		t.Fatalf("%d heart cells, %d under 90 by 1e-5: want 132, and some (the case this test covers)", heart, under)
	}
	var svg bytes.Buffer
	if err := c.WriteSVG(&svg, 900, 700); err != nil {
		t.Fatal(err)
	}
	if n, bad := strings.Count(svg.String(), ">90</text>"), strings.Count(svg.String(), ">89</text>"); n != heart || bad != 0 {
		t.Errorf("the heatmap labels %d cells 90 and %d 89, want %d and 0", n, bad, heart)
	}
}
