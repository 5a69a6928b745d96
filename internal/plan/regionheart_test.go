package plan

import (
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// twoDesks (testdata/two-desks.yaml) by month: a plan of two regions
// whose heart is two local functions, desk and pod, neither of which may
// be hired for: North covers both at 89.96%, so its heart is 89.96%,
// below the healthy 90%; South covers desk at 85% and pod in full, a
// heart of 92.5%.
const twoDesks = "testdata/two-desks.yaml"

// byMonth is the horizon of twoDesks's plan.
const byMonth = "horizon={start: 2027-01, periods: 3, period: month}"

// A region's heart below healthy reads rounded down (Region.Shown), as a
// heart function's over all regions does: North's 89.96% is 89.9%, which
// read 90.0% beside a heart that is not healthy; the weakest region claim
// says it is below healthy and counts its periods as printed. Within its
// cells' tolerance of healthy a region is not below, and reads 90.0%.
// Rolled up, a region below healthy in one of the group's months is.
func TestBelowHealthyRegionShownDown(t *testing.T) {
	s, err := scenario.Load(twoDesks, []string{byMonth})
	if err != nil {
		t.Fatal(err)
	}
	p := AsIs(s)
	for _, per := range p.Periods {
		north, south := &per.Regions[0], &per.Regions[1]
		if math.Abs(north.Heart-0.8996) > 1e-9 || !north.BelowHealthy || south.BelowHealthy {
			t.Fatalf("%s: North at %v below healthy %v, South at %v below healthy %v; want North alone below at 0.8996",
				per.Label, north.Heart, north.BelowHealthy, south.Heart, south.BelowHealthy)
		}
		if got := north.Shown(); math.Abs(got-0.899) > 1e-12 {
			t.Errorf("%s: North at %v: Shown() = %v, want 0.899", per.Label, north.Heart, got)
		}
		if got := south.Shown(); math.Abs(got-0.925) > 1e-12 {
			t.Errorf("%s: South at %v: Shown() = %v, want 0.925", per.Label, south.Heart, got)
		}
	}
	found := false
	for _, c := range Claims(p) {
		if c.Kind == KindHeartWeakestRegion {
			found = true
			if c.Region != "North" || c.N("below_healthy") != 1 || len(c.Periods) != 3 {
				t.Errorf("weakest region claim %+v, want North below healthy in every month", c)
			}
		}
	}
	if !found {
		t.Error("no weakest region claim")
	}
	// Rolled up, a region is below healthy when it is in one of the
	// group's months, as the group is healthy only when each month is:
	// at 89.7% below healthy, then 90.12% twice, its quarter's mean
	// 89.98% is 89.9%, not the 90.0% of a healthy region.
	months := make([]Period, 3)
	for i, x := range []float64{0.897, 0.9012, 0.9012} {
		months[i] = Period{Label: "2027-0" + string(rune('1'+i)), Regions: []Region{{Name: "North", ID: "north", Heart: x, BelowHealthy: i == 0}}}
	}
	q := (&Plan{Periods: months}).RollUp([]string{"2027-Q1", "2027-Q1", "2027-Q1"}, 3, "quarter")
	if r := q.Periods[0].Regions[0]; !r.BelowHealthy || math.Abs(r.Shown()-0.899) > 1e-12 {
		t.Errorf("rolled up: North at %v below healthy %v, shown %v; want below, 0.899", r.Heart, r.BelowHealthy, r.Shown())
	}
	// A hundred-thousandth of a point below healthy is within the cells'
	// tolerance: not below, and at the nearest tenth.
	s2, err := scenario.Load(twoDesks, []string{byMonth, "regions[North].current_fte={desk: 0.8999999, pod: 0.8999999}"})
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range AsIs(s2).Periods {
		if r := per.Regions[0]; r.BelowHealthy || r.Shown() != 0.9 {
			t.Errorf("%s: North at %v below healthy %v, shown %v; want healthy at 0.9", per.Label, r.Heart, r.BelowHealthy, r.Shown())
		}
	}
}
