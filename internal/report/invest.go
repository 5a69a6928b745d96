package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// InvestmentWhy words an investment's case (a plan.KindInvestmentWhy...
// finding) as one sentence: bought or not, its cost against staff for the
// same work, the price at which the choice would flip, and the selling time
// it gives back, valued when the scenario values an hour of it.
func InvestmentWhy(currency, name string, fnNames map[string]string, f plan.Finding) string {
	money := func(x float64) string { return plan.FormatMoney(currency, x) }
	n := f.N
	if name == "" {
		name = f.Investment
	}
	// A scalable investment bought in part: every figure but its level is
	// for all of it, and the words say so ("all of it ... covers", "all
	// of it would give"), where "it covers 1.6 FTE ... it gives sellers
	// back" read as what the plan buys.
	level, partial := f.Number("level")
	it, gives := "it", "gives"
	if partial {
		it, gives = "all of it", "would give"
	}
	var b strings.Builder
	switch {
	case f.Kind == plan.KindInvestmentOwned:
		fmt.Fprintf(&b, "%s is owned: its running cost of %s a year continues", name, money(n("per_year")))
	case f.Kind == plan.KindInvestmentWhyBought && partial && len(f.Periods) > 0:
		fmt.Fprintf(&b, "%s is bought in part from %s, %s of it by %s", name, f.Period, Percent(level), f.Periods[len(f.Periods)-1])
	case f.Kind == plan.KindInvestmentWhyBought:
		fmt.Fprintf(&b, "%s is bought from %s", name, f.Period)
	default:
		fmt.Fprintf(&b, "%s is not bought", name)
	}
	switch {
	case n("forced_in") == 1:
		b.WriteString(", forced in")
	case n("forced_out") == 1:
		b.WriteString(", forced out")
	}
	if f.Kind != plan.KindInvestmentOwned {
		// On average over the horizon: "In short" gives the work done in
		// the last period, another figure, and says so.
		at := "at " + costWords(money, n("upfront"), n("per_year")) + " " + it
		if partial {
			at = it + ", at " + costWords(money, n("upfront"), n("per_year")) + ","
		}
		fmt.Fprintf(&b, ": %s covers %s FTE of work %s on average over the horizon", at, FTE(n("work_fte")), plan.JoinAnd(functionsNamed(fnNames, f.Functions)))
		if r := n("ramp_years"); r > 0 {
			// The work and the staff cost are at full effect; a ramp
			// delays it, which the break-even price below counts and a
			// comparison at full effect alone would hide.
			fmt.Fprintf(&b, " at full effect (its ramp takes %s)", yearsWords(r))
		}
		diff := n("yearly_cost") - n("staff_cost")
		switch {
		case n("work_fte") <= 0:
		case diff > 0:
			fmt.Fprintf(&b, ", which staff does for %s less a year", money(diff))
		case diff < 0:
			fmt.Fprintf(&b, ", which staff would do for %s more a year", money(-diff))
		default:
			b.WriteString(", which staff does for the same money")
		}
		// The break-even is a highest price: printed rounded down, the
		// choice still holds at the figure read. It is the yearly cost
		// with the upfront cost kept in proportion, so both are said: at
		// the scenario's upfront cost and the break-even a year the
		// choice may not hold (docs/invest.md).
		be, hasBE := f.Number("break_even")
		down := func(x float64) string { return plan.FormatMoneyDown(currency, x) }
		price := down(be) + " a year"
		if n("per_year") == 0 {
			price = down(be) + " upfront"
		} else if up := n("break_even_upfront"); up > 0 {
			price = down(up) + " upfront and " + price
		}
		switch {
		case n("never_bought") == 1:
			b.WriteString("; it would not be bought even for free")
		case n("always_bought") == 1:
			b.WriteString("; it stays bought at any price the search tried")
		case n("break_even_not_searched") == 1:
			b.WriteString("; its break-even price is not searched in a plan this large (cardio invest searches it)")
		case hasBE && be == 0 && f.Kind != plan.KindInvestmentWhyBought:
			b.WriteString("; it would be bought only at no cost")
		case hasBE && f.Kind == plan.KindInvestmentWhyBought:
			fmt.Fprintf(&b, "; it stays bought up to %s", price)
		case hasBE:
			fmt.Fprintf(&b, "; it would be bought at %s or less", price)
		}
	}
	if h := n("seller_hours"); h > 0 {
		// The hours are at full effect over the horizon's average sellers
		// (plan.InvestmentCase): a ramp delays them, and an investment not
		// bought gives nothing, so the words say both.
		if f.Kind != plan.KindInvestmentWhyBought && f.Kind != plan.KindInvestmentOwned {
			gives = "would give"
		}
		fmt.Fprintf(&b, "; %s %s sellers back %s hours a year at full effect, at the horizon's average sellers", it, gives, plan.GroupThousands(math.Round(h)))
		if v, ok := f.Number("hour_value"); ok {
			fmt.Fprintf(&b, " (%s at %s an hour", money(n("value")), money(v))
			if m, ok := f.Number("payback_months"); ok {
				fmt.Fprintf(&b, ", payback %s", months(m))
			}
			b.WriteString(")")
		}
	}
	b.WriteString(".")
	return b.String()
}

// costWords: "$250k upfront and $90.0k a year".
func costWords(money func(float64) string, upfront, perYear float64) string {
	switch {
	case upfront > 0 && perYear > 0:
		return money(upfront) + " upfront and " + money(perYear) + " a year"
	case upfront > 0:
		return money(upfront) + " upfront"
	}
	return money(perYear) + " a year"
}

// months: "4 months", "1 month", "less than a month", "at once" (nothing
// upfront), rounded up: a payback is not shorter than it reads.
func months(m float64) string {
	k := math.Ceil(m - 1e-9)
	switch {
	case m <= 0:
		return "at once"
	case m < 1:
		return "less than a month"
	case k == 1:
		return "1 month"
	}
	return fmt.Sprintf("%.0f months", k)
}

// investWords returns r with its sentences written.
func investWords(r *plan.InvestmentReport) *plan.InvestmentReport {
	q := *r
	q.Sentences = make([]string, len(r.Cases))
	for i, c := range r.Cases {
		q.Sentences[i] = InvestmentWhy(r.Currency, c.Name, r.FunctionNames, c.Why)
	}
	return &q
}

// WriteInvest writes cardio invest's report in the given format: per
// investment, bought or not, cost against staff, break-even price and the
// selling time given back, then each case in one sentence.
func WriteInvest(w io.Writer, r *plan.InvestmentReport, f Format) error {
	r = investWords(r)
	switch f {
	case JSON:
		return writeJSON(w, r)
	case CSV:
		num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
		opt := func(x *float64) string {
			if x == nil {
				return ""
			}
			return num(*x)
		}
		rows := [][]string{{"id", "bought", "periods", "upfront", "per_year", "yearly_cost", "work_fte", "cost_per_fte", "staff_cost", "staff_cost_per_fte",
			"break_even", "break_even_upfront", "seller_hours", "hour_value", "value", "payback_months", "level", "break_even_yearly_cost"}}
		// The break-even's cost a year last, after the columns an earlier
		// version had, so that a reader by position keeps its own; in
		// cents rounded down, a price at which the choice holds.
		down := func(x *float64) string {
			if x == nil {
				return ""
			}
			return num(CentsDown(*x))
		}
		for _, c := range r.Cases {
			rows = append(rows, []string{c.ID, strconv.FormatBool(c.Bought), strings.Join(c.Periods, " "), num(c.Upfront), num(c.PerYear), num(Cents(c.YearlyCost)),
				num(c.WorkFTE), num(Cents(c.CostPerFTE)), num(Cents(c.StaffCost)), num(Cents(c.StaffCostPerFTE)),
				opt(c.BreakEven), opt(c.BreakEvenUpfront), num(c.SellerHours), num(c.HourValue), num(Cents(c.Value)), opt(c.PaybackMonths), num(c.Level), down(c.BreakEvenYearlyCost)})
		}
		return WriteCSV(w, rows)
	case Markdown:
		return writeInvestText(w, r, true)
	}
	return writeInvestText(w, r, false)
}

func writeInvestText(w io.Writer, r *plan.InvestmentReport, md bool) error {
	tw := &textWriter{w: w, md: md}
	tw.heading(1, r.Scenario+": investments")
	if r.Status == plan.StatusInfeasible {
		tw.para("No plan meets every constraint of this scenario, so no investment is weighed:")
		tw.list(ProblemWords(r.Currency, r.Findings))
		return tw.err
	}
	if len(r.Cases) == 0 {
		tw.para("The scenario offers no investment.")
		return tw.err
	}
	money := func(x float64) string { return plan.FormatMoney(r.Currency, x) }
	var rows [][]string
	for _, c := range r.Cases {
		bought := "no"
		switch {
		case c.Owned:
			bought = "owned"
		case c.Partial():
			// In part: the row's other figures are for all of it.
			bought = Percent(c.Level) + " from " + c.Periods[0]
		case c.Bought:
			bought = "from " + c.Periods[0]
		}
		if c.Decision != "" {
			bought += " (forced " + c.Decision + ")"
		}
		// The break-even on cost a year's basis, so that the two columns
		// compare as they read: the plan's choice flips where cost a year
		// reaches it. Rounded down, as the sentence's prices: at the
		// figure read the investment is bought.
		be := ""
		switch {
		case c.BreakEvenYearlyCost != nil:
			be = plan.FormatMoneyDown(r.Currency, *c.BreakEvenYearlyCost)
		case c.NeverBought:
			be = "never"
		case c.AlwaysBought:
			be = "any price"
		}
		value, payback := "", ""
		if c.HourValue > 0 {
			value = money(c.Value)
			if c.PaybackMonths != nil {
				payback = months(*c.PaybackMonths)
			}
		}
		// The row names the investment as its sentence below does (CPQ
		// platform, not cpq); --set takes the name as a selector too
		// (investments[CPQ platform].cost.per_year), and CSV and JSON keep
		// the id.
		name := c.Name
		if name == "" {
			name = c.ID
		}
		rows = append(rows, []string{name, bought, money(c.YearlyCost), FTE(c.WorkFTE), money(c.CostPerFTE), money(c.StaffCostPerFTE), be,
			plan.GroupThousands(math.Round(c.SellerHours)), value, payback})
	}
	tw.table([]string{"investment", "bought", "cost a year", "work FTE", "cost per FTE", "staff per FTE", "break-even a year", "seller hours a year", "value", "payback"}, rows)
	// The plan pays an upfront cost in the period it buys; the table's
	// yearly figure spreads it over the plan's horizon, which finance may
	// read as a useful life: the words say which it is.
	spread := "Cost a year is the yearly cost plus the upfront cost spread over the plan's horizon"
	if r.HorizonYears > 0 {
		spread += " of " + yearsWords(r.HorizonYears)
	}
	spread += " (the plan pays it in the period it buys; spread over a longer useful life it would be less a year)."
	tw.para(spread + " Staff per FTE is what the cheaper team costs for an FTE of the same work (cost per FTE over effectiveness). Break-even a year is the cost a year, on the same basis, at which the plan's choice flips, so the two compare as they read: the yearly and upfront costs scaled together (the sentence below gives both), the yearly cost (the upfront cost when there is none) found to within $1k and verified by planning at it and $1k beyond. Seller hours count " +
		strconv.Itoa(plan.WorkingWeeksPerYear) + " working weeks a year; the optimizer does not value them.")
	tw.list(r.Sentences)
	return tw.err
}

// yearsWords writes a span given in years: "2 quarters" when it is whole
// quarters, "5 months" when whole months, else years: "1.5 years".
func yearsWords(y float64) string {
	for _, u := range []struct {
		per  float64
		name string
	}{{1, "year"}, {4, "quarter"}, {12, "month"}} {
		n := y * u.per
		if math.Abs(n-math.Round(n)) < 1e-9 {
			if math.Round(n) == 1 {
				return "1 " + u.name
			}
			return strconv.Itoa(int(math.Round(n))) + " " + u.name + "s"
		}
	}
	return strconv.FormatFloat(y, 'f', 1, 64) + " years"
}

// functionsNamed names functions by their ids in names, as "In short"
// does, each after "in" so that a name with "and" in it stays one name
// ("in Quoting and CPQ and in Proposals"); an id without a name is said as
// it is.
func functionsNamed(names map[string]string, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "in " + summaryName(names, id)
	}
	return out
}
