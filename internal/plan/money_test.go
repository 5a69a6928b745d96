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
		// An amount that rounds to the next band's threshold prints in
		// that band, never as $1000k or $100.0k.
		{"USD", 999999.99, "$1.00M"},
		{"USD", 999500, "$1.00M"},
		{"USD", 999499, "$999k"},
		{"USD", 99960, "$100k"},
		{"USD", 9999.6, "$10.0k"},
		{"USD", 999999999.9, "$1.00B"},
		{"USD", -999999.99, "-$1.00M"},
		// A tie rounds half up, as finance rounds, not to even as fmt
		// does: a quarter of $6.5M is $1.63M.
		{"USD", 1625000, "$1.63M"},
		{"USD", -1625000, "-$1.63M"},
		{"USD", 12450, "$12.5k"},
		{"USD", 112500, "$113k"},
	} {
		if got := FormatMoney(tc.cur, tc.x); got != tc.want {
			t.Errorf("FormatMoney(%s, %g) = %q, want %q", tc.cur, tc.x, got, tc.want)
		}
	}
}

func TestFormatMoneyUp(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{6.2e6, "$6.20M"},               // exact: not a step up
		{6.2e6 * (1 + 1e-15), "$6.20M"}, // round-off residue
		{6.6851e6, "$6.69M"},
		{6.680001e6, "$6.69M"},
		{850000.01, "$851k"},
		{12401, "$12.5k"},
		{9998.2, "$9,999"},
		{999600, "$1.00M"},
		{999999.5, "$1.00M"},
		{1.0000001e6, "$1.01M"},
		{0, "$0"},
	} {
		if got := FormatMoneyUp("USD", tc.x); got != tc.want {
			t.Errorf("FormatMoneyUp(%.4f) = %q, want %q", tc.x, got, tc.want)
		}
		if c := CeilMoney(tc.x); c < tc.x*(1-1e-12) {
			t.Errorf("CeilMoney(%.4f) = %.4f, below the amount", tc.x, c)
		}
	}
}

func TestFormatMoneyDown(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{1086000, "$1.08M"}, // to nearest: $1.09M, above the amount
		{1.08e6, "$1.08M"},  // exact: not a step down
		{1.08e6 * (1 - 1e-15), "$1.08M"},
		{999999, "$999k"}, // to nearest: $1.00M
		{124000, "$124k"},
		{42999, "$42.9k"},
		{9998.7, "$9,998"},
		{0, "$0"},
	} {
		if got := FormatMoneyDown("USD", tc.x); got != tc.want {
			t.Errorf("FormatMoneyDown(%.4f) = %q, want %q", tc.x, got, tc.want)
		}
		if f := FloorMoney(tc.x); f > tc.x*(1+1e-12) {
			t.Errorf("FloorMoney(%.4f) = %.4f, above the amount", tc.x, f)
		}
	}
}

// ParseMoney reads back what FormatMoney prints, and whole amounts, to the
// cent, and refuses what is not an amount.
func TestParseMoney(t *testing.T) {
	for _, c := range []struct {
		currency string
		x        float64
	}{{"USD", 6.7e6}, {"USD", 850e3}, {"USD", 12.5e3}, {"USD", 9999}, {"USD", -150e3}, {"CHF", 1.2e6}, {"EUR", 3.21e9}, {"USD", 0}} {
		if got, err := ParseMoney(FormatMoney(c.currency, c.x)); err != nil || got != c.x {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", FormatMoney(c.currency, c.x), got, err, c.x)
		}
	}
	for s, want := range map[string]float64{"$1,352,000": 1352000, "-£2,500": -2500, "CHF 1.20M": 1.2e6, "+$30.9k": 30900, "-$70.0k": -70000} {
		if got, err := ParseMoney(s); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "$", "$1.2X", "lots"} {
		if _, err := ParseMoney(s); err == nil {
			t.Errorf("ParseMoney(%q) reads an amount", s)
		}
	}
}

func TestFormatMoneyExact(t *testing.T) {
	for _, c := range []struct {
		cur  string
		x    float64
		want string
	}{
		{"USD", 5580000, "$5,580,000"},
		{"USD", 5666666.666666667, "$5,666,666.67"},
		{"USD", -250000.5, "-$250,000.50"},
		{"USD", -0.001, "$0"},
		{"CHF", 1200000, "CHF 1,200,000"},
		{"EUR", 999.999, "€1,000"},
	} {
		if got := FormatMoneyExact(c.cur, c.x); got != c.want {
			t.Errorf("FormatMoneyExact(%s, %v) = %q, want %q", c.cur, c.x, got, c.want)
		}
	}
}
