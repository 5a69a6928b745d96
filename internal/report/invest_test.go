package report

import (
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The sentence, from a hand-built finding: every figure comes from
// its numbers, none from elsewhere. The selling time is at full effect
// (average sellers, no ramp), and one not bought only would give it: until
// session 26 the sentence said "it gives sellers back" of an investment the
// plan did not buy.
func TestInvestmentWhyWords(t *testing.T) {
	// The functions by name, as "In short" names them; an id without a
	// name (nil below) is said as it is.
	names := map[string]string{"cpq": "Quoting and CPQ", "proposals": "Proposals"}
	f := plan.Finding{Kind: plan.KindInvestmentWhyNotBought, Investment: "cpq", Functions: []string{"cpq", "proposals"},
		Numbers: map[string]float64{"upfront": 250000, "per_year": 90000, "yearly_cost": 340000, "work_fte": 1.6,
			"staff_cost": 299000, "break_even": 64000, "break_even_upfront": 177777.78, "seller_hours": 8700, "hour_value": 100, "value": 870000, "payback_months": 3.85}}
	want := "CPQ is not bought: at $250k upfront and $90.0k a year it covers 1.6 FTE of work in Quoting and CPQ and in Proposals on average over the horizon, which staff does for $41.0k less a year; it would be bought at $177k upfront and $64.0k a year or less; it would give sellers back 8,700 hours a year at full effect, at the horizon's average sellers ($870k at $100 an hour, payback 4 months)."
	if got := InvestmentWhy("USD", "CPQ", names, f); got != want {
		t.Errorf("not bought:\n%s\nwant\n%s", got, want)
	}

	f.Kind, f.Period = plan.KindInvestmentWhyBought, "2027-Q2"
	f.Numbers["staff_cost"] = 400000
	delete(f.Numbers, "hour_value")
	want = "CPQ is bought from 2027-Q2: at $250k upfront and $90.0k a year it covers 1.6 FTE of work in Quoting and CPQ and in Proposals on average over the horizon, which staff would do for $60.0k more a year; it stays bought up to $177k upfront and $64.0k a year; it gives sellers back 8,700 hours a year at full effect, at the horizon's average sellers."
	if got := InvestmentWhy("USD", "CPQ", names, f); got != want {
		t.Errorf("bought:\n%s\nwant\n%s", got, want)
	}

	f = plan.Finding{Kind: plan.KindInvestmentWhyNotBought, Investment: "ai", Functions: []string{"planning"},
		Numbers: map[string]float64{"upfront": 300000, "yearly_cost": 300000, "work_fte": 0.7, "staff_cost": 100000, "never_bought": 1}}
	want = "ai is not bought: at $300k upfront it covers 0.7 FTE of work in planning on average over the horizon, which staff does for $200k less a year; it would not be bought even for free."
	if got := InvestmentWhy("USD", "", nil, f); got != want {
		t.Errorf("never bought:\n%s\nwant\n%s", got, want)
	}

	// A break-even of $1,086,000 reads $1.08M, not $1.09M: bought at the
	// figure read.
	bought := plan.Finding{Kind: plan.KindInvestmentWhyBought, Investment: "bi", Period: "2027-Q1", Functions: []string{"analytics"},
		Numbers: map[string]float64{"per_year": 500000, "yearly_cost": 500000, "work_fte": 5, "staff_cost": 900000, "break_even": 1086000}}
	if got, want := InvestmentWhy("USD", "", nil, bought), "bi is bought from 2027-Q1: at $500k a year it covers 5.0 FTE of work in analytics on average over the horizon, which staff would do for $400k more a year; it stays bought up to $1.08M a year."; got != want {
		t.Errorf("break-even rounded:\n%s\nwant\n%s", got, want)
	}

	// Without a yearly cost the break-even is the upfront cost alone.
	delete(f.Numbers, "never_bought")
	f.Numbers["break_even"], f.Numbers["break_even_upfront"] = 120000, 120000
	want = "ai is not bought: at $300k upfront it covers 0.7 FTE of work in planning on average over the horizon, which staff does for $200k less a year; it would be bought at $120k upfront or less."
	if got := InvestmentWhy("USD", "", nil, f); got != want {
		t.Errorf("upfront only:\n%s\nwant\n%s", got, want)
	}

	delete(f.Numbers, "break_even")
	delete(f.Numbers, "break_even_upfront")
	f.Numbers["break_even_not_searched"] = 1
	want = "ai is not bought: at $300k upfront it covers 0.7 FTE of work in planning on average over the horizon, which staff does for $200k less a year; its break-even price is not searched in a plan this large (cardio invest searches it)."
	if got := InvestmentWhy("USD", "", nil, f); got != want {
		t.Errorf("not searched:\n%s\nwant\n%s", got, want)
	}
}

// An investment's work and staff cost are at full effect: a ramp delays
// it, and the sentence says how long it takes (the baseline's CPQ, 2
// quarters, read as if it worked at full effect from the start).
func TestInvestmentWhyRamp(t *testing.T) {
	f := plan.Finding{Kind: plan.KindInvestmentWhyNotBought, Investment: "cpq", Functions: []string{"cpq"},
		Numbers: map[string]float64{"upfront": 250000, "per_year": 90000, "yearly_cost": 340000, "work_fte": 1.6, "staff_cost": 239000, "ramp_years": 0.5}}
	if got, want := InvestmentWhy("USD", "CPQ", nil, f), "it covers 1.6 FTE of work in cpq on average over the horizon at full effect (its ramp takes 2 quarters), which staff does for $101k less a year"; !strings.Contains(got, want) {
		t.Errorf("got %q, want it to contain %q", got, want)
	}
	for y, want := range map[float64]string{1: "1 year", 0.25: "1 quarter", 5.0 / 12: "5 months", 2: "2 years", 0.3: "0.3 years"} {
		if got := yearsWords(y); got != want {
			t.Errorf("yearsWords(%v) = %q, want %q", y, got, want)
		}
	}
}

// The note under the table says over what the yearly figure spreads an
// upfront cost: the plan's horizon, in its length, which a finance reader
// would otherwise take for a useful life. A CPQ of $250k upfront and $90k
// a year over 18 months costs $90k + $250k / 1.5 = $257k a year.
func TestInvestmentCostAYearNote(t *testing.T) {
	r := &plan.InvestmentReport{Scenario: "s", Currency: "USD", Status: "optimal", HorizonYears: 1.5,
		Cases: []plan.InvestmentCase{{ID: "cpq", Name: "CPQ", Upfront: 250000, PerYear: 90000, YearlyCost: 90000 + 250000/1.5}}}
	var b strings.Builder
	if err := WriteInvest(&b, r, Table); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Cost a year is the yearly cost plus the upfront cost spread over the plan's horizon of 6 quarters (the plan pays it in the period it buys",
		"$257k",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// The table's row names the investment as the sentence under it does
// ("CPQ platform", not the id "cpq"), in the text and the markdown; an
// investment without a name is said by its id, as the sentence says it.
func TestInvestTableNamesInvestments(t *testing.T) {
	r := &plan.InvestmentReport{Scenario: "s", Currency: "USD", Status: "optimal", HorizonYears: 1,
		Cases: []plan.InvestmentCase{
			{ID: "cpq", Name: "CPQ platform", Upfront: 250000, PerYear: 90000, YearlyCost: 340000},
			{ID: "bi", PerYear: 50000, YearlyCost: 50000},
		}}
	for _, f := range []Format{Table, Markdown} {
		var b strings.Builder
		if err := WriteInvest(&b, r, f); err != nil {
			t.Fatal(err)
		}
		rows := map[string]bool{}
		for _, line := range strings.Split(b.String(), "\n") {
			if cells := strings.FieldsFunc(line, func(r rune) bool { return r == '│' || r == '|' }); len(cells) > 1 {
				rows[strings.TrimSpace(cells[0])] = true
			}
		}
		for _, want := range []string{"CPQ platform", "bi"} {
			if !rows[want] {
				t.Errorf("%s: no row named %q (rows %v):\n%s", f, want, rows, b.String())
			}
		}
		if rows["cpq"] {
			t.Errorf("%s: a row names CPQ platform by its id:\n%s", f, b.String())
		}
	}
}
