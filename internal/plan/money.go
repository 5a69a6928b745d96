package plan

import (
	"fmt"
	"math"
	"strings"
)

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

// FormatMoney writes an amount the way a budget memo does: $6.2M, $850k,
// $12,500; other currencies by code (CHF 1.2M).
func FormatMoney(currency string, x float64) string {
	sym, ok := currencySymbols[currency]
	if !ok {
		sym = currency + " "
	}
	// Round before taking the sign, so that a round-off residue of -0.004
	// prints as $0, not -$0.
	if math.Abs(x) < 0.5 {
		x = 0
	}
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	switch {
	case x >= 1e9:
		return fmt.Sprintf("%s%s%.2fB", sign, sym, x/1e9)
	case x >= 1e6:
		return fmt.Sprintf("%s%s%.2fM", sign, sym, x/1e6)
	case x >= 1e5:
		return fmt.Sprintf("%s%s%.0fk", sign, sym, x/1e3)
	case x >= 1e4:
		return fmt.Sprintf("%s%s%.1fk", sign, sym, x/1e3)
	}
	return fmt.Sprintf("%s%s%s", sign, sym, GroupThousands(math.Round(x)))
}

// GroupThousands writes a whole number with thousands separators: 1,260.
func GroupThousands(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// JoinAnd writes a list as prose: "a", "a and b", "a, b and c".
func JoinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
