package chart

import (
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The healthy heart's line on the plan's heart-brain chart and on the
// what-if chart names the threshold as given, as the tables and the
// review and risk charts do: a healthy heart of 0.9054 read "healthy
// heart 90.5%" there beside "healthy heart: 90.54%" in the plan's table.
func TestHealthyLineLabelAsGiven(t *testing.T) {
	for _, tc := range []struct {
		healthy float64
		want    string
	}{
		{0.9, "healthy heart 90%"},
		{0.9054, "healthy heart 90.54%"},
		{0.8555, "healthy heart 85.55%"},
	} {
		p := optimized(t, loaded(t, "../../scenarios/baseline.yaml"))
		p.HealthyHeart = tc.healthy
		hb, err := ForPlan(HeartBrain, nil, p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := hb.Panels[0].Lines[0].Label; got != tc.want {
			t.Errorf("heart-brain at a healthy heart of %v: line %q, want %q", tc.healthy, got, tc.want)
		}
		res := &plan.SweepResult{Scenario: "S", Currency: "USD", Inputs: []plan.SweepInput{{Key: "budget.annual", Values: []float64{1e6, 2e6}}},
			Rows: []plan.SweepRow{{Status: plan.StatusOptimal, Heart: 0.8}, {Status: plan.StatusOptimal, Heart: 0.9}}}
		wi, err := ForSweep(res, nil, 2e6, tc.healthy)
		if err != nil {
			t.Fatal(err)
		}
		if got := wi.Panels[0].Lines[1].Label; got != tc.want {
			t.Errorf("what-if at a healthy heart of %v: line %q, want %q", tc.healthy, got, tc.want)
		}
	}
}
