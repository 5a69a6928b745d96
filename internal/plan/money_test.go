package plan

import "testing"

func TestFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		cur  string
		x    float64
		want string
	}{
		{"USD", 6.2e6, "$6.20M"},
		{"USD", 850000, "$850k"},
		{"USD", 12500, "$12.5k"},
		{"USD", 9999, "$9,999"},
		{"USD", -0.004, "$0"},
		{"USD", -250000, "-$250k"},
		{"EUR", 1.5e9, "€1.50B"},
		{"CHF", 1.2e6, "CHF 1.20M"},
		{"USD", 0, "$0"},
	} {
		if got := FormatMoney(tc.cur, tc.x); got != tc.want {
			t.Errorf("FormatMoney(%s, %g) = %q, want %q", tc.cur, tc.x, got, tc.want)
		}
	}
}
