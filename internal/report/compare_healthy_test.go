package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestCompareHealthyWords: the comparison's "healthy in every period"
// says why a plan is not healthy, re-derived from the plan's cells: "no:
// some heart function below 90.0% in some region" exactly when some heart
// function in some region lies below the plan's healthy_heart (beyond its
// tolerance, the plan's own rule) in some period, and that cell is below
// the figure the words print; "yes (healthy: 90.0%)" when none is. It runs
// on the organization as it is of every bundled scenario, side by side, and
// the optimized baseline; among them is whole-people.yaml, whose heart
// scores 90.7% or more in every quarter and is not healthy in any, where
// the row read "no (healthy: 90.0%)" beside it.
func TestCompareHealthyWords(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	var (
		names []string
		scens []*scenario.Scenario
		plans []*plan.Plan
	)
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		names, scens, plans = append(names, f), append(scens, s), append(plans, plan.AsIs(s))
	}
	base := planned(t, "../../scenarios/baseline.yaml")
	names, scens, plans = append(names, "baseline optimized"), append(scens, base.Scenario), append(plans, base.Plan)

	scoredHealthy := false // a plan not healthy whose heart scores healthy in every period
	for i, p := range plans {
		// Each plan in a comparison of its own, so that the columns are
		// the plans one to one whatever their names.
		c := plan.NewComparison([]string{names[i]}, []*scenario.Scenario{scens[i]}, []*plan.Plan{p})
		below := false
		for _, per := range p.Periods {
			for _, cell := range per.Cells {
				if cell.Class == string(scenario.Heart) && cell.Coverage < p.HealthyHeart-cell.HealthyTol() {
					below = true
					if cell.Coverage >= p.HealthyHeart {
						t.Errorf("%s: %s in %s at %v counts as below %v", names[i], cell.Function, cell.Region, cell.Coverage, p.HealthyHeart)
					}
				}
			}
		}
		if below && c.Scenarios[0].HeartMin >= p.HealthyHeart {
			scoredHealthy = true
		}
		want := "yes (healthy: " + Percent(p.HealthyHeart) + ")"
		if below {
			want = "no: some heart function below " + Percent(p.HealthyHeart) + " in some region"
		}
		for _, format := range []Format{Table, Markdown} {
			var buf bytes.Buffer
			if err := WriteComparison(&buf, c, format); err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, line := range strings.Split(buf.String(), "\n") {
				if strings.Contains(line, "healthy in every period") {
					cells := strings.FieldsFunc(line, func(r rune) bool { return r == '│' || r == '|' })
					got = strings.TrimSpace(cells[len(cells)-1])
				}
			}
			if got != want {
				t.Errorf("%s, %s: healthy in every period %q, want %q (heart at its lowest %s)", names[i], format, got, want, HeartPercent(c.Scenarios[0].HeartMin, c.Scenarios[0].HeartMinHealthy, 0.9))
			}
		}
	}
	if !scoredHealthy {
		t.Error("no plan whose heart scores healthy in every period without being healthy: the case the words are for is not tested")
	}
}
