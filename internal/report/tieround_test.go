package report

import (
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Percentages and FTE round a tie half up, as money does and as
// plan.Shown reads a printed figure: a quarter-time person's 2.25 FTE is
// 2.3, and 9/16 covered is 56.3%. fmt's %.1f rounds an exact binary tie
// to even (2.2, 56.2%), which a sum "as printed" (plan.Shown) would not
// reproduce.
func TestTiesRoundHalfUp(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{FTE(2.25), "2.3"},
		{FTE(0.25), "0.3"},
		{FTE(0.75), "0.8"},
		{FTE(-0.25), "-0.3"},
		{FTE(1.04), "1.0"},
		{Percent(0.5625), "56.3%"},
		{Percent(0.0625), "6.3%"},
		{Percent(0.9), "90.0%"},
		{Percent(0.89999), "90.0%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// The printed figure is the one plan.Shown reads.
	for _, x := range []float64{0.0625, 0.5625, 0.1875, 0.8125} {
		if want := Percent(plan.Shown(x)); Percent(x) != want {
			t.Errorf("Percent(%v) = %s, but plan.Shown reads it as %s", x, Percent(x), want)
		}
	}
}

// The points a checkup, a risk swing or a budget case's losses print, and
// the limits In short names, round a tie half up as Percent and FTE do.
func TestPointsRoundHalfUp(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{pointsOf(0.0625), "6.3 points"},
		{swingPoints(brainSwing(plan.TornadoBar{BrainHigh: 0.5625})), "56.3 points"},
		{limitFTE(2.25), "2.3"},
		{limitFTE(2), "2"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// Sellers and whole percentages round a tie half up as well.
func TestWholeFiguresRoundHalfUp(t *testing.T) {
	if got := sellers(262.5); got != "263" {
		t.Errorf("sellers(262.5) = %q, want 263", got)
	}
	if got := percent0(0.125); got != "13%" {
		t.Errorf("percent0(0.125) = %q, want 13%%", got)
	}
}
