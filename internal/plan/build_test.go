package plan

import (
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// A period is healthy when its heart is at the threshold within ScoreTol,
// and not below that (issue 10): one heart function of 1 FTE demand,
// staffed with 0.9 - delta FTE.
func TestHealthyWithinScoreTol(t *testing.T) {
	s := tiny(100000, fn("h", scenario.Heart, scenario.Either, 1, 0))
	tol := ScoreTol(s.Periods())
	if tol < 1e-7 || tol > 1e-6 {
		t.Fatalf("ScoreTol(1) = %g, want about solve.HoldTol", tol)
	}
	for _, tc := range []struct {
		delta   float64
		healthy bool
	}{{0, true}, {1e-16, true}, {tol / 2, true}, {2 * tol, false}, {9.3e-5, false}} {
		a := NewAllocation(s)
		a.Local[0][0][0] = 0.9 - tc.delta
		p := Build(s, a, ModeOptimized, StatusOptimal)
		if got := p.Periods[0].Healthy; got != tc.healthy || p.Totals.HealthyAll != tc.healthy {
			t.Errorf("heart 0.9 - %g: healthy %v (all %v), want %v", tc.delta, got, p.Totals.HealthyAll, tc.healthy)
		}
	}
}

// ScoreTol grows with the horizon: the first stage's slack, HoldTol of a
// sum over the periods, may all fall on one period.
func TestScoreTolGrowsWithPeriods(t *testing.T) {
	if !(ScoreTol(8) > ScoreTol(4) && ScoreTol(4) > ScoreTol(1) && ScoreTol(0) == ScoreTol(1)) {
		t.Errorf("ScoreTol: 0 %g, 1 %g, 4 %g, 8 %g", ScoreTol(0), ScoreTol(1), ScoreTol(4), ScoreTol(8))
	}
}

// Unspent budget within VerifyTol of zero is zero, never -0 or -2.3e-10;
// more is kept (issue 17).
func TestUnspentResidue(t *testing.T) {
	for _, tc := range []struct{ budget, spend, want float64 }{
		{1399999.9999999998, 1400000.0000000002, 0},
		{1550000, 1550000.0000000002, 0},
		{1550000, 1549999, 0}, // $1 of $1.55M is within VerifyTol ($1.55)
		{1550000, 1549998, 2},
		{1550000, 1549000, 1000},
		{0, 1e-9, 0},
		{100, 101, -1}, // overspend beyond tolerance is shown, not hidden
	} {
		got := unspent(tc.budget, tc.spend)
		if got != tc.want || math.Signbit(got) != math.Signbit(tc.want) {
			t.Errorf("unspent(%v, %v) = %v, want %v", tc.budget, tc.spend, got, tc.want)
		}
	}
}
