package plan

import (
	"math"
	"testing"
)

// TestThresholdDecimals: a threshold prints with the fewest decimals of a
// percentage that give it, one at least, four at most, past four rounded
// down (ShownThreshold).
func TestThresholdDecimals(t *testing.T) {
	for _, c := range []struct {
		x     float64
		d     int
		shown float64
	}{
		{0.9, 1, 0.9}, {0.7, 1, 0.7}, {0.85, 1, 0.85}, {0, 1, 0},
		{0.8555, 2, 0.8555}, {0.9054, 2, 0.9054}, {0.90541, 3, 0.90541},
		{0.905411, 4, 0.905411}, {0.8555559, 4, 0.855555}, {2.0 / 3, 4, 0.666666},
	} {
		if d, s := ThresholdDecimals(c.x), ShownThreshold(c.x); d != c.d || math.Abs(s-c.shown) > 1e-15 {
			t.Errorf("%v: %d decimals, shown %v; want %d, %v", c.x, d, s, c.d, c.shown)
		}
	}
}

// TestShownAgainstTolerances: a heart cell counted healthy a tolerance
// below a healthy heart of 90.54% reads at it, not 90.53%; a cell counted
// at its floor a millionth above it reads at it, one a millionth and a
// half above it a millionth above it; a cell below a healthy heart given
// past four decimals (printed rounded down) and at that printed figure
// at four decimals reads a step below it.
func TestShownAgainstTolerances(t *testing.T) {
	for _, c := range []struct {
		name    string
		cell    Cell
		healthy float64
		x       float64
		d       int
	}{
		{"healthy within its tolerance", Cell{Class: "heart", Coverage: 0.9054 - 5e-7, tol: 1e-6}, 0.9054, 0.9054, 2},
		{"at its floor within FloorTol", Cell{Class: "brain", Coverage: 0.8555 + 9e-7, MinCoverage: 0.8555}, 0.9, 0.8555, 2},
		{"above its floor past FloorTol", Cell{Class: "heart", Coverage: 0.8555 + 1.5e-6, MinCoverage: 0.8555, BelowHealthy: true, tol: 1e-7}, 0.9, 0.855501, 4},
		{"below a healthy heart past four decimals", Cell{Class: "heart", Coverage: 0.9054556, MinCoverage: 0.90545, BelowHealthy: true, tol: 1e-7}, 0.90545575, 0.905454, 4},
		{"a whole tenth", Cell{Class: "heart", Coverage: 0.89996, BelowHealthy: true, tol: 1e-7}, 0.9, 0.899, 1},
	} {
		x, d := c.cell.ShownAgainst(c.healthy)
		if math.Abs(x-c.x) > 1e-12 || d != c.d {
			t.Errorf("%s: %v at %d decimals, want %v at %d", c.name, x, d, c.x, c.d)
		}
	}
}
