package chart

import "testing"

// A cell held at the healthy 90% to the stages' tolerance reads 90, as the
// plan's tables print it; one a tenth of a point under a threshold reads
// the percent below.
func TestCellText(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0.9, "90"},
		{0.8999996, "90"},
		{0.899, "89"},
		{0.606, "60"},
		{0.9999, "99"},
		{1, "100"},
		{0, "0"},
	} {
		if got := cellText(c.x); got != c.want {
			t.Errorf("cellText(%v) = %s, want %s", c.x, got, c.want)
		}
	}
}
