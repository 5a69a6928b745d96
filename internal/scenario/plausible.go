package scenario

import (
	"fmt"
	"math"
	"slices"
)

// usual is the range in which a value is plausible. A value outside it but
// inside its allowed range loads, with a warning: 6 for a growth of 6%
// (600% a year) is a slip the optimizer would otherwise take at its word.
// docs/scenario.md lists these ranges.
type usual struct {
	lo, hi       float64
	hasLo, hasHi bool
	// unit shows a value the way a reader thinks of it ("600% a year"), or
	// "" to show the number alone.
	unit func(float64) string
	// why says what the range rests on, or what the likely slip is.
	why string
}

// The usual ranges.
var (
	// usualGrowth is for yearly rates of change: more than doubling every
	// year is rare, and 6 written for 6% is a common slip.
	usualGrowth = usual{hi: 1, hasHi: true, unit: perYear, why: "it is a fraction: write 0.06 for 6% a year"}
	// usualHealthy: a heart counted healthy while half its work is undone
	// is no standard at all.
	usualHealthy = usual{lo: 0.5, hasLo: true, unit: percent, why: "below it, a heart counts as healthy with half its work undone"}
	// usualCost is the fully loaded cost of one FTE a year, in a currency
	// near the dollar (usualCostCurrencies).
	usualCost = usual{lo: 10_000, hi: 2_000_000, hasLo: true, hasHi: true, why: "the fully loaded cost of one FTE a year"}
	// usualEffectiveness: one FTE doing the work of more than three, or
	// less than a fifth of one, is more likely a slip than a fact.
	usualEffectiveness = usual{lo: 0.2, hi: 3, hasLo: true, hasHi: true, why: "FTE-equivalents of work one FTE delivers"}
	// usualPer100 is FTE per 100 sellers: the catalog's largest is 1.
	usualPer100 = usual{hi: 5, hasHi: true, why: "the built-in catalog's largest is 1 (sales_support)"}
	// usualMultiplier is a stage multiplier: the catalog's run 0.2 to 1.5.
	usualMultiplier = usual{hi: 3, hasHi: true, why: "the built-in catalog's run from 0.2 to 1.5"}
	// usualSellerHours is selling time a tool gives back, hours a week.
	usualSellerHours = usual{hi: 10, hasHi: true, why: "hours per seller per week; a quarter of a working week is already a large gain"}
)

// usualCostCurrencies are the currencies whose unit is near the dollar, in
// which usualCost applies. In others (JPY, INR...) the cost of an FTE runs
// to other figures, and no range is checked.
var usualCostCurrencies = []string{"AUD", "CAD", "CHF", "EUR", "GBP", "NZD", "SGD", "USD"}

func perYear(f float64) string { return fmt.Sprintf("%+g%% a year", round2(100*f)) }
func percent(f float64) string { return fmt.Sprintf("%g%%", round2(100*f)) }

// round2 rounds to 2 decimals, for showing a percentage.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

func (u usual) contains(f float64) bool {
	return (!u.hasLo || f >= u.lo) && (!u.hasHi || f <= u.hi)
}

func (u usual) String() string {
	lo, hi := fmtNum(u.lo), fmtNum(u.hi)
	if u.unit != nil {
		lo, hi = fmt.Sprintf("%s (%s)", lo, u.unit(u.lo)), fmt.Sprintf("%s (%s)", hi, u.unit(u.hi))
	}
	switch {
	case u.hasLo && u.hasHi:
		return "between " + lo + " and " + hi
	case u.hasHi:
		return "at most " + hi
	}
	return "at least " + lo
}

// usual warns when key is given as a valid number outside u. A value that
// is not a valid number has been reported as an error already.
func (o obj) usual(key string, u usual) {
	f, ok := toFloat(o.m[key])
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) || u.contains(f) {
		return
	}
	for _, p := range o.d.probs {
		if p.path == o.at(key) && p.sev == Error {
			return
		}
	}
	shown := fmtNum(f)
	if u.unit != nil {
		shown += " (" + u.unit(f) + ")"
	}
	o.d.warn(o.at(key), "%s", u.unusual(shown, key))
}

// unusual words the warning about a value of key outside u, the value
// shown as shown.
func (u usual) unusual(shown, key string) string {
	return fmt.Sprintf("%s is unusual: %s is usually %s; %s", shown, key, u, u.why)
}

// costUsualIn is the usual range of a cost of one FTE a year in currency,
// naming it; false in currencies not near the dollar, where none is
// checked. The scenario's cost_per_fte and a roster's cost_per_year are
// held to the same range.
func costUsualIn(currency string) (usual, bool) {
	if !slices.Contains(usualCostCurrencies, currency) {
		return usual{}, false
	}
	u := usualCost
	u.why = fmt.Sprintf("%s, in %s", u.why, currency)
	return u, true
}

// costUsual warns about an unusual cost_per_fte in currencies near the
// dollar.
func (o obj) costUsual(currency string) {
	if u, ok := costUsualIn(currency); ok {
		o.usual("cost_per_fte", u)
	}
}
