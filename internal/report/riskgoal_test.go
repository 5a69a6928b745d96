package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The goal seek's words say what it asked of a draw, from the goal's data:
// at the healthy threshold, a healthy heart (every heart function in every
// region), as the run's headline counts it; below it, a heart score. The
// workbook's goal row says the same. With healthy_heart itself a range,
// the headline speaks of each draw's own threshold.
func TestRiskGoalWords(t *testing.T) {
	for _, c := range []struct {
		heart   float64
		healthy bool
		words   string
		asks    string
	}{
		{0.9, true, "the heart is healthy (every heart function at 90.0% or more in every region) in every quarter", "every heart function in every region, every quarter"},
		{0.85, false, "the heart reaches 85.0% in every quarter", "the heart score of every quarter"},
	} {
		r, s := riskOf(t, "uncertain.yaml", plan.RiskOptions{Samples: 8, Seed: 3, Heart: c.heart, Confidence: 0.75})
		g := r.Goal
		if g == nil || g.Healthy != c.healthy || !g.Reachable {
			t.Fatalf("heart %v: goal %+v, want healthy %v and reachable", c.heart, g, c.healthy)
		}
		var b bytes.Buffer
		if err := WriteRisk(&b, r, s, Table); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("Goal seek: the least annual budget with which %s in at least 75.0%% of the draws is %s (rounded up)",
			c.words, plan.FormatMoneyUp(r.Currency, g.Annual))
		if !strings.Contains(b.String(), want) {
			t.Errorf("heart %v: no %q in\n%s", c.heart, want, b.String())
		}
		f := openBook(t, write(t, XLSX, func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, s, f) }))
		row := findRow(t, f, "Risk", "heart target") + 1
		if got, _ := f.GetCellValue("Risk", fmt.Sprintf("B%d", row)); got != c.asks {
			t.Errorf("heart %v: the workbook's goal asks for %q, want %q", c.heart, got, c.asks)
		}
		if got := number(t, f, "Risk", fmt.Sprintf("A%d", row)); got != c.heart {
			t.Errorf("heart %v: the workbook's target %v", c.heart, got)
		}
	}

	r, s := riskOf(t, "uncertain.yaml", plan.RiskOptions{Samples: 4, Seed: 3}, "policy.healthy_heart={low: 0.85, mode: 0.9, high: 0.92}")
	if !r.HealthyDrawn {
		t.Fatal("healthy_heart is a range, HealthyDrawn is false")
	}
	var b bytes.Buffer
	if err := WriteRisk(&b, r, s, Table); err != nil {
		t.Fatal(err)
	}
	want := "The heart is healthy (every heart function at or above its draw's healthy threshold in every region, 90.0% at the central value) in every quarter in "
	if !strings.Contains(b.String(), want) {
		t.Errorf("no %q in\n%s", want, b.String())
	}
}
