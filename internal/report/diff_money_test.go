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
	if err := WriteDiff(&b, &base, nil, nil, CSV); err != nil {
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
	if err := WriteDiff(&b, &base, nil, nil, Table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "spend a year") || !strings.Contains(b.String(), "covers 1 year and the new one 2 years") {
		t.Errorf("table:\n%s", b.String())
	}

	eur := base
	eur.New.Currency, eur.New.Years, eur.Money = "EUR", 1, plan.MoneyNone
	b.Reset()
	if err := WriteDiff(&b, &eur, nil, nil, CSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "outcome,spend,,6199999.97,11693992.69,,,") {
		t.Errorf("CSV across currencies gives a difference:\n%s", b.String())
	}
	b.Reset()
	if err := WriteDiff(&b, &eur, nil, nil, Table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "no money difference is given") {
		t.Errorf("table:\n%s", b.String())
	}
}

// A period NEW names otherwise (another fiscal year's name for the same
// months) reads "old → new" in the table, its coverage moves and CSV;
// quarters that cut the months differently say why the table shows every
// period.
func TestDiffRenamedPeriods(t *testing.T) {
	out := &plan.PeriodOutcome{PeriodScores: plan.PeriodScores{Heart: 0.9, Brain: 0.5}, Investments: []string{}}
	moved := &plan.PeriodOutcome{PeriodScores: plan.PeriodScores{Heart: 0.9, Brain: 0.6}, Investments: []string{}}
	d := plan.Diff{
		Old: plan.DiffSide{Currency: "USD", Years: 1.5}, New: plan.DiffSide{Currency: "USD", Years: 1.5},
		Periods: []plan.PeriodDiff{{Label: "FY28-Q1", NewLabel: "FY27-Q4", Old: out, New: moved,
			Coverage: []plan.CoverageMove{{Function: "analytics", Old: 0.5, New: 0.6}}}},
		Money: plan.MoneyTotals, MinChange: 0.01,
	}
	render := func(f Format) string {
		t.Helper()
		var b bytes.Buffer
		if err := WriteDiff(&b, &d, nil, nil, f); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	table := render(Table)
	for _, want := range []string{"│ FY28-Q1 → FY27-Q4 │", "FY28-Q1 → FY27-Q4 analytics: 50.0% → 60.0%"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "cover different months") {
		t.Errorf("a misaligned note where the quarters line up:\n%s", table)
	}
	if csv := render(CSV); !strings.Contains(csv, "outcome,heart,FY28-Q1 → FY27-Q4,") {
		t.Errorf("CSV does not name the period by both:\n%s", csv)
	}
	d.Misaligned = "quarter"
	want := "The two scenarios' quarters cover different months (their fiscal years start in different months), so no quarter of one is a quarter of the other: the table shows every period."
	if table := render(Table); !strings.Contains(table, want) {
		t.Errorf("table lacks %q:\n%s", want, table)
	}
}

// Moving the fiscal year and the start together (an April year from April
// 2027 to a July year from July 2027) leaves a quarter at each end that
// only one horizon has, under a name the other horizon gives to other
// months: OLD's FY28-Q1 is April to June 2027, and NEW's FY28-Q1 (July to
// September) is in the table as "FY28-Q2 → FY28-Q1". "FY28-Q1 is only in
// the old horizon" beside that row would contradict it; the line names
// the months. A name no other row bears stays as it is.
func TestDiffOneSidedPeriodDated(t *testing.T) {
	out := &plan.PeriodOutcome{PeriodScores: plan.PeriodScores{Heart: 0.9, Brain: 0.5}, Investments: []string{}}
	d := plan.Diff{
		Old: plan.DiffSide{Currency: "USD", Years: 1.5}, New: plan.DiffSide{Currency: "USD", Years: 1.5},
		Periods: []plan.PeriodDiff{
			{Label: "FY28-Q1", Months: plan.Months{Start: 2027*12 + 3, Len: 3}, Old: out},
			{Label: "FY28-Q2", NewLabel: "FY28-Q1", Months: plan.Months{Start: 2027*12 + 6, Len: 3}, Old: out, New: out},
			{Label: "FY29-Q1", NewLabel: "FY28-Q4", Months: plan.Months{Start: 2028*12 + 3, Len: 3}, Old: out, New: out},
			{Label: "FY29-Q1", Months: plan.Months{Start: 2028*12 + 6, Len: 3}, New: out},
			{Label: "FY29-Q2", Months: plan.Months{Start: 2028*12 + 9, Len: 3}, New: out},
		},
		Money: plan.MoneyTotals, MinChange: 0.01,
	}
	var b bytes.Buffer
	if err := WriteDiff(&b, &d, nil, nil, Table); err != nil {
		t.Fatal(err)
	}
	table := b.String()
	for _, want := range []string{
		"- FY28-Q1 (Apr-Jun 2027) is only in the old horizon.\n",
		"- FY29-Q1 (Jul-Sep 2028) is only in the new horizon.\n",
		"- FY29-Q2 is only in the new horizon.\n",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
