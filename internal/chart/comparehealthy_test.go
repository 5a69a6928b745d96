package chart

import (
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestCompareChartHeartAsPrinted: the comparison chart draws each heart as
// the comparison's table prints it (plan.HeartShown: below healthy rounded
// down), as the plan's heart-brain chart does, and draws the healthy
// heart's line when every plan has the same one, and none when they
// differ. In earlier versions it drew the exact hearts and no line, so a
// heart just under healthy could not be read against it.
func TestCompareChartHeartAsPrinted(t *testing.T) {
	base := optimized(t, loaded(t, "../../scenarios/baseline.yaml"))
	low := optimized(t, loaded(t, "../../scenarios/baseline.yaml", "budget.annual=5.5e6"))
	low.Scenario = "At $5.5M"
	c, err := ForPlans([]*plan.Plan{base, low}, nil)
	if err != nil {
		t.Fatal(err)
	}
	heart := c.Panels[0]
	below := 0
	for k, p := range []*plan.Plan{base, low} {
		for i, per := range p.Periods {
			if got, want := heart.Series[k].Y[i], plan.HeartShown(per.Heart, per.Healthy); got != want {
				t.Errorf("%s %s: heart drawn at %v, printed %v", p.Scenario, per.Label, got, want)
			}
			if !per.Healthy && plan.HeartShown(per.Heart, false) != per.Heart {
				below++
			}
		}
	}
	if below == 0 {
		t.Error("no heart below healthy drawn otherwise than exact: the case tests nothing")
	}
	if len(heart.Lines) != 1 || heart.Lines[0].Value != 0.9 || heart.Lines[0].Label != "healthy heart 90%" {
		t.Errorf("heart panel lines %+v, want the healthy heart's at 90%%", heart.Lines)
	}
	other := *low
	other.HealthyHeart = 0.85
	c, err = ForPlans([]*plan.Plan{base, &other}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Panels[0].Lines); n != 0 {
		t.Errorf("plans with healthy hearts of 90%% and 85%%: %d lines, want none", n)
	}
}
