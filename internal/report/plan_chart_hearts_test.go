package report

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
)

// textRow is the cells of the row of the text table in sec whose first
// cell is first, trimmed.
func textRow(t *testing.T, sec, first string) []string {
	t.Helper()
	for _, line := range strings.Split(sec, "\n") {
		cells := strings.Split(line, "│")
		if len(cells) > 2 && strings.TrimSpace(cells[1]) == first {
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			return cells[1 : len(cells)-1]
		}
	}
	t.Fatalf("no row %q in\n%s", first, sec)
	return nil
}

// TestPlanChartDrawsPrintedHearts: the plan's heart-brain chart (cardio
// chart heart-brain, the HTML report's first chart) draws each period's
// heart and its weakest heart function at the figures the plan's tables
// print: a heart that is not healthy rounded down to a tenth of a point,
// as the heart table prints it, and the weakest function as the coverage
// by function does, rounded down when it is below healthy over all
// regions. The baseline at budget.annual=5.5e6 drew 2027-Q3's heart at
// 89.993%, which reads 90.0% beside the table's 89.9%; the sliver with
// desk at 89.997% drew desk at a point that reads 90.0%.
func TestPlanChartDrawsPrintedHearts(t *testing.T) {
	rounded := 0
	for _, sp := range []ScenarioPlan{planned(t, "../../scenarios/baseline.yaml", "budget.annual=5.5e6"), deskBelow(t)} {
		var out bytes.Buffer
		if err := WritePlan(&out, sp.Plan, Table); err != nil {
			t.Fatal(err)
		}
		doc := out.String()
		hearts := section(t, doc, "Heart and brain by period", "\n\n")
		coverage := section(t, doc, "Coverage by function\n", "\n\n")
		cs, err := PlanCharts(sp)
		if err != nil {
			t.Fatal(err)
		}
		c := cs[0]
		if c.Kind != chart.HeartBrain || len(c.Panels[0].Series) != 3 {
			t.Fatalf("%s: the first chart is %s, want heart-brain with heart, brain and the weakest heart function", sp.Plan.Scenario, c.Kind)
		}
		heart, weak := c.Panels[0].Series[0], c.Panels[0].Series[2]
		if heart.Name != "heart" || weak.Name != "weakest heart function" {
			t.Fatalf("%s: series %q and %q", sp.Plan.Scenario, heart.Name, weak.Name)
		}
		// drawn checks a point y against the figure printed, "89.9%":
		// it reads so, a figure rounded down is drawn at itself, and
		// another at up, the heart's exact score or the function's
		// coverage to the nearest tenth (plan.Function.Shown).
		drawn := func(what, label string, y, exact float64, printed string, down bool, up float64) {
			t.Helper()
			if got := Percent(y); got != printed {
				t.Errorf("%s %s: %s drawn at %v, which reads %s; the table prints %s", sp.Plan.Scenario, label, what, y, got, printed)
			}
			if !down {
				if y != up {
					t.Errorf("%s %s: %s drawn at %v, want %v (exact %v)", sp.Plan.Scenario, label, what, y, up, exact)
				}
				return
			}
			x, err := strconv.ParseFloat(strings.TrimSuffix(printed, "%"), 64)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(y-x/100) > 1e-12 {
				t.Errorf("%s %s: %s drawn at %v, want the printed %s (exact %v)", sp.Plan.Scenario, label, what, y, printed, exact)
			}
			if Percent(exact) != printed || exact != y {
				rounded++
			}
		}
		for k, per := range sp.Plan.Periods {
			drawn("the heart", per.Label, heart.Y[k], per.Heart, textRow(t, hearts, per.Label)[2], !per.Healthy, per.Heart)
			w, _, _ := per.WeakestHeartFunction()
			if w == nil {
				t.Fatalf("%s %s: no weakest heart function", sp.Plan.Scenario, per.Label)
			}
			drawn("the weakest heart function, "+w.ID+",", per.Label, weak.Y[k], w.Coverage, textRow(t, coverage, w.ID)[2+k], w.BelowHealthy, plan.Shown(w.Coverage))
		}
	}
	if rounded == 0 {
		t.Error("no point of the cases is drawn other than at its exact figure: the test shows nothing")
	}
}
