package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The human views of sweep, diff and compare name inputs, functions and
// investments in the words risk and review use ("annual budget", "EMEA:
// sellers", "Territory design", "CPQ platform") and write money inputs as
// money; JSON and CSV keep key paths and ids. Until session 26 sweep and
// diff printed "regions[EMEA].sellers" and "budget.annual" with values
// "6200000", and diff and compare "territories/North America" where review
// printed "Territory design/North America" for the same plan.

func baselineScenario(t *testing.T) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSweepNamesInputsInWords(t *testing.T) {
	s := baselineScenario(t)
	res := &plan.SweepResult{Scenario: s.Name, Currency: s.Currency,
		Inputs: []plan.SweepInput{{Key: "regions[EMEA].sellers", Values: []float64{208, 260}}, {Key: "budget.annual", Values: []float64{5580000, 6200000}}}}
	for _, a := range []float64{208, 260} {
		for _, b := range []float64{5580000, 6200000} {
			res.Rows = append(res.Rows, plan.SweepRow{Values: []float64{a, b}, Status: plan.StatusOptimal, Heart: 0.9, HeartMin: 0.9, Brain: 0.5, Spend: b})
		}
	}
	res.Rows[0] = plan.SweepRow{Values: []float64{208, 5580000}, Status: plan.StatusInfeasible, Problem: "no plan"}
	var out bytes.Buffer
	if err := WriteSweep(&out, res, s, Table, "heart"); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"sweep of EMEA: sellers × annual budget (4 points)",
		"│ EMEA: sellers │ annual budget │",
		"│ 208           │    $5,580,000 │",
		"heart by EMEA: sellers (down) and annual budget (across)",
		"│ EMEA: sellers \\ annual budget │ $5,580,000 │ $6,200,000 │",
		"- EMEA: sellers = 208, annual budget = $5,580,000: infeasible: no plan",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	for _, bad := range []string{"regions[", "budget.annual", "5,580,000 │ 6"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q in\n%s", bad, text)
		}
	}
	out.Reset()
	if err := WriteSweep(&out, res, s, CSV, "heart"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "regions[EMEA].sellers,budget.annual,") || !strings.Contains(out.String(), "\n208,5580000,") {
		t.Errorf("CSV lost its key paths or numbers:\n%s", out.String())
	}
}

func TestDiffNamesInWords(t *testing.T) {
	s := baselineScenario(t)
	cell := func(fn string, cov float64) *plan.Cell {
		return &plan.Cell{Function: fn, Region: "North America", Coverage: cov, BelowHealthy: cov < 0.9}
	}
	d := &plan.Diff{
		Old: plan.DiffSide{File: "old.yaml", Status: plan.StatusOptimal, Currency: "USD"},
		New: plan.DiffSide{File: "new.yaml", Status: plan.StatusOptimal, Currency: "USD"},
		Inputs: []plan.InputChange{
			{Path: "budget.annual", Kind: plan.ChangeChanged, Old: 6200000.0, New: 5900000.0},
			{Path: "regions[EMEA].sellers", Kind: plan.ChangeChanged, Old: 260.0, New: 240.0},
			{Path: "investments[cpq]", Kind: plan.ChangeRemoved},
		},
		Periods: []plan.PeriodDiff{{Label: "2027-Q1",
			Old:      &plan.PeriodOutcome{PeriodScores: plan.PeriodScores{Heart: 0.9, Healthy: true, Weakest: cell("territories", 0.95)}, Investments: []string{"cpq"}},
			New:      &plan.PeriodOutcome{PeriodScores: plan.PeriodScores{Heart: 0.8, Weakest: cell("quotas", 0.8)}, Investments: []string{}},
			Coverage: []plan.CoverageMove{{Function: "analytics", Old: 1, New: 0.292}}}},
		MinChange: 0.01, Money: plan.MoneyTotals,
		Attribution: &plan.Attribution{Steps: []plan.AttributionStep{{Change: "budget.annual", Heart: -0.1}}, Orders: 1, Exact: true, HeartTotal: -0.1},
	}
	var out bytes.Buffer
	if err := WriteDiff(&out, d, s, s, Table); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"│ annual budget         │ $6,200,000 │ $5,900,000 │",
		"│ EMEA: sellers         │        260 │        240 │",
		"│ investment CPQ platform │",
		"Territory design/North America 95.0% → Quota setting/North America 80.0%",
		"CPQ platform → none",
		"2027-Q1 Sales analytics: 100.0% → 29.2%",
		"│ annual budget │",
	} {
		if !strings.Contains(collapseSpaces(text), collapseSpaces(want)) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	for _, bad := range []string{"budget.annual", "regions[", "territories/", "Q1 analytics:"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q in\n%s", bad, text)
		}
	}
	out.Reset()
	if err := WriteDiff(&out, d, s, s, CSV); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"input,budget.annual,,6200000,5900000", "territories in North America", "coverage.analytics"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("CSV: no %q in\n%s", want, out.String())
		}
	}
}

func TestCompareNamesFunctionsAndHoursAYear(t *testing.T) {
	s, err := scenario.Load("../../scenarios/baseline.yaml", []string{"investments[cpq].decision=in"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := plan.NewComparison([]string{"a.yaml", "b.yaml"}, []*scenario.Scenario{s, s}, []*plan.Plan{p, p})
	sm := c.Scenarios[0]
	if sm.WeakestHeart == nil || sm.SellerHours <= 0 {
		t.Fatalf("the case moved: weakest %v, seller hours %v", sm.WeakestHeart, sm.SellerHours)
	}
	var out bytes.Buffer
	if err := WriteComparison(&out, c, Table); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	fn := s.Functions[s.FunctionIndex(sm.WeakestHeart.ID)].Name
	// Re-derived: the hours a week of the plan's last period, times the
	// working weeks of a year cardio invest counts, grouped.
	hours := plan.GroupThousands(sm.SellerHours * plan.WorkingWeeksPerYear)
	for _, want := range []string{
		fn + " " + coveragePercent(sm.WeakestHeart.Coverage, sm.WeakestHeart.BelowHealthy),
		"│ investments chosen",
		"CPQ platform",
		"│ seller hours given back a year (at the last period's rate) │",
		" " + hours + " │",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "│ "+sm.WeakestHeart.ID+" ") || strings.Contains(text, " cpq") {
		t.Errorf("ids in\n%s", text)
	}
	out.Reset()
	if err := WriteComparison(&out, c, CSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), sm.WeakestHeart.ID) || !strings.Contains(out.String(), "cpq") {
		t.Errorf("CSV lost the ids:\n%s", out.String())
	}
}

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }
