package chart_test

import (
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestHeatMapFloorAsGiven: the heat map's row label gives a function's
// floor as the scenario does, with the decimals it needs, as the coverage
// table prints it: desk's floor of 0.8555 read "(floor 85.6%)", above
// the cell at 0.8556 it is below; a whole floor keeps its short form, and
// so does the healthy heart's line.
func TestHeatMapFloorAsGiven(t *testing.T) {
	for _, c := range []struct {
		sets []string
		want []string
	}{
		{[]string{"functions[desk].min_coverage=0.8555", "regions[South].current_fte={desk: 0.8556}"}, []string{">desk (floor 85.55%)</text>"}},
		{[]string{"functions[desk].min_coverage=0.7"}, []string{">desk (floor 70%)</text>"}},
		{[]string{"functions[desk].min_coverage=0.905411", "policy.healthy_heart=0.90541"}, []string{">desk (floor 90.5411%)</text>"}},
	} {
		s, err := scenario.Load("../checkup/testdata/healthy.yaml", c.sets)
		if err != nil {
			t.Fatal(err)
		}
		svg := svgOf(t, chart.Coverage, s, plan.AsIs(s), true)
		for _, want := range c.want {
			if !strings.Contains(svg, want) {
				t.Errorf("%v: no %q in the heat map", c.sets, want)
			}
		}
	}
}
