package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/scenario"
)

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

// FormatMoney writes an amount the way a budget memo does: $6.2M, $850k,
// $12,500; other currencies by code (CHF 1.2M).
func FormatMoney(currency string, x float64) string {
	sym := currencySymbol(currency)
	// Round before taking the sign, so that a round-off residue of -0.004
	// prints as $0, not -$0.
	if math.Abs(x) < 0.5 {
		x = 0
	}
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	// Rounded to its band's step half up, as finance rounds ($1,625,000
	// is $1.63M; fmt's %.2f rounds a tie to even, $1.62M). An amount that
	// rounds to the next band's threshold prints in that band: 999,999.99
	// is $1.00M, not $1000k, and 99,960 is $100k, not $100.0k. Rounded to
	// either step it is the same amount.
	x = math.Round(x/MoneyStep(x)) * MoneyStep(x)
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

// MoneyStep is the step at which FormatMoney prints an amount of x's size:
// $6.20M is printed to $10k, $850k to $1k, $12.5k to $100, $9,999 to $1.
func MoneyStep(x float64) float64 {
	switch x = math.Abs(x); {
	case x >= 1e9:
		return 1e7
	case x >= 1e6:
		return 1e4
	case x >= 1e5:
		return 1e3
	case x >= 1e4:
		return 100
	}
	return 1
}

// ceilSlack is how far above a printed step an amount may lie, relative to
// the step, and still be printed at that step by FormatMoneyUp: floating
// round-off in x/step, far below anything the model resolves.
const ceilSlack = 1e-9

// CeilMoney rounds x up to the step FormatMoney prints it at, so that a
// least budget, printed, is never below the least budget.
func CeilMoney(x float64) float64 {
	step := MoneyStep(x)
	c := math.Ceil(x/step-ceilSlack) * step
	// Rounding up can carry into the next size ($999.6k to $1.00M), whose
	// step is coarser; round up again at that step.
	if st := MoneyStep(c); st != step {
		c = math.Ceil(c/st-ceilSlack) * st
	}
	return c
}

// FloorMoney rounds x (0 or more) down to the step FormatMoney prints it
// at, so that a highest amount, printed, is never above the highest
// amount. Rounding down stays within x's size: each size starts at a
// multiple of its step.
func FloorMoney(x float64) float64 {
	step := MoneyStep(x)
	return math.Floor(x/step+ceilSlack) * step
}

// FormatMoneyDown writes a highest amount (the highest price at which an
// investment is still bought) rounded down at the precision it is printed
// with: acting on the printed figure keeps the choice the amount was
// computed for, where rounding to nearest could print $1.09M for a
// break-even of $1,086,000.
func FormatMoneyDown(currency string, x float64) string {
	return FormatMoney(currency, FloorMoney(x))
}

// FormatMoneyUp writes a least amount (a least budget, a least spend)
// rounded up at the precision it is printed with: acting on the printed
// figure meets the target the amount was computed for. Other amounts go
// through FormatMoney, which rounds to nearest.
func FormatMoneyUp(currency string, x float64) string {
	return FormatMoney(currency, CeilMoney(x))
}

// currencySymbol is what an amount in currency is written after: "$", or
// the code and a space ("CHF ").
func currencySymbol(currency string) string {
	if sym, ok := currencySymbols[currency]; ok {
		return sym
	}
	return currency + " "
}

// ParseMoney reads back what FormatMoney prints ($6.70M, $850k, $12.5k,
// $9,999, -$290k, CHF 1.20M), with a sign as a difference is printed
// (+$30.9k), and whole amounts ($1,352,000), to the cent: the views and
// their tests read cardio's tables with it, as a person reads them.
func ParseMoney(text string) (float64, error) {
	const unit = "$€£¥ABCDEFGHIJKLMNOPQRSTUVWXYZ "
	s := strings.TrimLeft(text, unit)
	neg := strings.HasPrefix(s, "-")
	if neg || strings.HasPrefix(s, "+") {
		s = strings.TrimLeft(s[1:], unit)
	}
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "B"):
		mult, s = 1e9, strings.TrimSuffix(s, "B")
	case strings.HasSuffix(s, "M"):
		mult, s = 1e6, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "k"):
		mult, s = 1e3, strings.TrimSuffix(s, "k")
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, fmt.Errorf("plan: not an amount of money: %q", text)
	}
	// x*mult is not exact in binary (6.7*1e6); the figure is a whole
	// number of cents.
	x = math.Round(x*mult*100) / 100
	if neg {
		x = -x
	}
	return x, nil
}

// GroupThousands writes a whole number with thousands separators: 1,260,
// -100,000 (scenario.GroupDigits).
func GroupThousands(x float64) string { return scenario.GroupDigits(x) }

// JoinAnd writes a list as prose: "a", "a and b", "a, b and c".
func JoinAnd(xs []string) string { return joinProse(xs, "and") }

// JoinOr writes a list of alternatives as prose: "a", "a or b", "a, b or
// c".
func JoinOr(xs []string) string { return joinProse(xs, "or") }

func joinProse(xs []string, last string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " " + last + " " + xs[len(xs)-1]
}

// FormatMoneyExact writes an amount in full, to the cent when it has
// cents: $5,580,000, $5,666,666.67, CHF 1,200,000. A value a person set or
// varied is read as written, where FormatMoney's $5.58M would print two
// points of a fine sweep alike.
func FormatMoneyExact(currency string, x float64) string {
	cents := math.Round(x * 100)
	if cents == 0 {
		cents = 0 // no -$0
	}
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	s := sign + currencySymbol(currency) + GroupThousands(math.Floor(cents/100))
	if c := math.Mod(cents, 100); c != 0 {
		s += fmt.Sprintf(".%02.0f", c)
	}
	return s
}
