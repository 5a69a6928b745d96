package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// A plan whose search the node limit stopped says how far from the best
// its figures may be wherever its status is shown: a table's cell gives
// the gap as the plan's words do (GapPercent, rounded up), and the plan's
// CSV carries it in a row of its own; a proven plan has neither.
func TestStatusSaysTheGap(t *testing.T) {
	for _, c := range []struct {
		status string
		gap    float64
		want   string
	}{
		{plan.StatusOptimalWithinGap, 0.0435140963, "optimal within 4.36%"},
		{plan.StatusOptimalWithinGap, 0, "optimal within gap"},
		{plan.StatusOptimal, 0, "optimal"},
		{plan.StatusInfeasible, 0, "infeasible"},
	} {
		if got := StatusWords(c.status, c.gap); got != c.want {
			t.Errorf("StatusWords(%s, %v) = %q, want %q", c.status, c.gap, got, c.want)
		}
	}
	for _, c := range []struct {
		status string
		gap    float64
		row    string
	}{
		{plan.StatusOptimalWithinGap, 0.0435140963, ",plan,,gap,0.0435140963\n"},
		{plan.StatusOptimal, 0, ""},
	} {
		var b bytes.Buffer
		if err := writePlanCSV(&b, &plan.Plan{Status: c.status, Gap: c.gap}); err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(b.String(), "\n")
		if got := strings.Join(lines[1:], ""); !strings.HasPrefix(got, c.row) || c.row == "" && strings.Contains(got, ",gap,") {
			t.Errorf("%s: CSV %q, want it to start with %q", c.status, got, c.row)
		}
	}
}
