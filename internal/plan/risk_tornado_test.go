package plan

import (
	"context"
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/solve"
)

// TestRiskTornadoOrderAsPrinted: the tornado's bars are in the order of
// their swings as every view prints them (in tenths of a point), heart
// first, then brain. On hiring-costs with four ranges every plan holds the
// heart at the healthy line, so each heart swing is a few millionths of
// round-off, printed "0.0 points"; in earlier versions the bars were
// ordered by that round-off, and North America's sellers (brain swing
// 17.8 points) came above EMEA's (18.6 points).
func TestRiskTornadoOrderAsPrinted(t *testing.T) {
	doc := riskFile(t, "../../scenarios/hiring-costs.yaml",
		"central.cost_per_fte={uniform: [140000, 160000]}",
		"regions[EMEA].sellers={low: 240, mode: 260, high: 300}",
		"regions[APAC].cost_per_fte={low: 110000, mode: 120000, high: 140000}",
		"regions[North America].sellers={low: 380, mode: 420, high: 440}")
	res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tornado) != 4 {
		t.Fatalf("tornado %+v", res.Tornado)
	}
	// As the views print a swing, the difference of its ends as printed
	// ("18.6 points"): a heart end against the healthy heart.
	tenths := func(x float64) float64 { return math.Round(1000 * x) }
	heart := func(b TornadoBar) float64 {
		return math.Abs(tenths(HeartShownBelow(b.HeartHigh, res.HealthyHeart)) - tenths(HeartShownBelow(b.HeartLow, res.HealthyHeart)))
	}
	brain := func(b TornadoBar) float64 { return math.Abs(tenths(b.BrainHigh) - tenths(b.BrainLow)) }
	for k := 1; k < len(res.Tornado); k++ {
		a, b := res.Tornado[k-1], res.Tornado[k]
		ha, hb := heart(a), heart(b)
		if ha < hb || ha == hb && brain(a) < brain(b) {
			t.Errorf("%s (heart %v, brain %v tenths of a point) above %s (heart %v, brain %v)",
				a.Path, ha, brain(a), b.Path, hb, brain(b))
		}
		if h, d := a.HeartSwingShown(res.HealthyHeart); d != 1 || math.Round(1000*h) != ha || a.BrainSwingTenths() != brain(a) {
			t.Errorf("%s: swings %v (at %d decimals) and %v tenths, its ends as printed %v and %v",
				a.Path, h, d, a.BrainSwingTenths(), ha, brain(a))
		}
	}
	if got := res.Tornado[0].Path; got != "regions[1].sellers" {
		t.Errorf("widest bar %s, want EMEA's sellers", got)
	}
}
