package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestInvestmentWhyBoughtInPart: a scalable investment bought in part says
// how much of it, by when, and that its work, costs and selling time are
// for all of it ("all of it ... covers", "all of it would give"); the
// table's bought column gives the level. In earlier versions the sentence
// read "CPQ is bought from 2027-Q1: at $167k upfront and $60.0k a year it
// covers 1.6 FTE of work ...; it gives sellers back 59,633 hours a year"
// of a plan that buys 13.6% of it.
func TestInvestmentWhyBoughtInPart(t *testing.T) {
	names := map[string]string{"cpq": "Quoting and CPQ", "proposals": "Proposals"}
	f := plan.Finding{Kind: plan.KindInvestmentWhyBought, Investment: "cpq", Functions: []string{"cpq", "proposals"},
		Period: "2027-Q1", Periods: []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"},
		Numbers: map[string]float64{"upfront": 166666.67, "per_year": 60000, "yearly_cost": 226666.67, "work_fte": 1.63,
			"staff_cost": 239300, "break_even": 68000, "break_even_upfront": 188888.89, "seller_hours": 59633.49, "level": 0.1356}}
	want := "CPQ is bought in part from 2027-Q1, 13.6% of it by 2027-Q4: all of it, at $167k upfront and $60.0k a year, covers 1.6 FTE of work in Quoting and CPQ and in Proposals on average over the horizon, which staff would do for $12.6k more a year; it stays bought up to $188k upfront and $68.0k a year; all of it would give sellers back 59,633 hours a year at full effect, at the horizon's average sellers."
	if got := InvestmentWhy("USD", "CPQ", names, f); got != want {
		t.Errorf("bought in part:\n%s\nwant\n%s", got, want)
	}

	r := &plan.InvestmentReport{Scenario: "s", Currency: "USD", Status: plan.StatusOptimal, HorizonYears: 1,
		Cases: []plan.InvestmentCase{{ID: "cpq", Name: "CPQ", Bought: true, Level: 0.1356, Periods: f.Periods,
			Upfront: 166666.67, PerYear: 60000, YearlyCost: 226666.67, WorkFTE: 1.63, Why: f}}}
	var b bytes.Buffer
	if err := WriteInvest(&b, r, Markdown); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| 13.6% from 2027-Q1 |") {
		t.Errorf("the table's bought column does not say 13.6%%:\n%s", b.String())
	}
}
