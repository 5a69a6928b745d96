package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Money in a diff follows compare's rules (issue 10): cents in CSV and
// JSON; a year's worth when the horizons differ in length; no difference
// across currencies.
func TestDiffMoney(t *testing.T) {
	per := func(spend float64) *plan.PeriodOutcome { return &plan.PeriodOutcome{Spend: spend} }
	base := plan.Diff{
		Old:     plan.DiffSide{Currency: "USD", Spend: 6199999.97486006, Years: 1},
		New:     plan.DiffSide{Currency: "USD", Spend: 11693992.68920479, Years: 2},
		Periods: []plan.PeriodDiff{{Label: "2027-Q1", Old: per(1549999.9748600596), New: per(1600000)}},
		Money:   plan.MoneyPerYear,
	}
	var b bytes.Buffer
	if err := WriteDiff(&b, &base, CSV); err != nil {
		t.Fatal(err)
	}
	csv := b.String()
	for _, want := range []string{
		"outcome,spend_per_year,,6199999.97,5846996.35,-353003.62,,",
		"outcome,spend,2027-Q1,1549999.97,1600000,50000.03,,",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("CSV lacks %q:\n%s", want, csv)
		}
	}
	if strings.Contains(csv, "outcome,spend,,") {
		t.Errorf("CSV compares totals of a 1-year and a 2-year horizon:\n%s", csv)
	}
	b.Reset()
	if err := WriteDiff(&b, &base, Table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "spend a year") || !strings.Contains(b.String(), "covers 1 year and the new one 2 years") {
		t.Errorf("table:\n%s", b.String())
	}

	eur := base
	eur.New.Currency, eur.New.Years, eur.Money = "EUR", 1, plan.MoneyNone
	b.Reset()
	if err := WriteDiff(&b, &eur, CSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "outcome,spend,,6199999.97,11693992.69,,,") {
		t.Errorf("CSV across currencies gives a difference:\n%s", b.String())
	}
	b.Reset()
	if err := WriteDiff(&b, &eur, Table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "no money difference is given") {
		t.Errorf("table:\n%s", b.String())
	}
}
