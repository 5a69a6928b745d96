package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

func TestComparisonCSV(t *testing.T) {
	a := plan.Summary{Scenario: "A", File: "a.yaml", Currency: "USD", Status: plan.StatusOptimal, HeartMean: 0.9, Spend: 100,
		Investments: []plan.ChosenInvestment{{ID: "cpq", Level: 1}},
		Periods:     []plan.SummaryPeriod{{Label: "2027", Heart: 0.9}}}
	b := a
	b.Scenario, b.File, b.HeartMean, b.Spend, b.Investments = "A", "b.yaml", 0.95, 150, nil
	inf := plan.Summary{Scenario: "C", File: "c.yaml", Status: plan.StatusInfeasible, Problems: []string{"too small"}}
	c := &plan.Comparison{FormatVersion: 1, Mode: plan.ModeOptimized, Scenarios: []plan.Summary{a, b, inf}}
	plan.Compare(c.Scenarios)
	var out bytes.Buffer
	if err := WriteComparison(&out, c, CSV); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"metric,period,a.yaml,b.yaml,C\n", // duplicate names fall back to files
		"status,,optimal,optimal,infeasible\n",
		"heart_mean,,0.9,0.95,\n",
		"heart,2027,0.9,0.9,\n",
		"investments,,cpq,,\n",
		"vs_first.spend,,,50,\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("csv lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := WriteComparison(&out, c, Markdown); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| investments ", "-cpq", "+5.0 pts", "+$50", "## Why C is infeasible\n\n- too small\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, out.String())
		}
	}
}

func TestDeltaCell(t *testing.T) {
	for _, tc := range []struct {
		kind byte
		x    float64
		want string
	}{{'p', 0.0123, "+1.2 pts"}, {'p', -0.00001, "0.0 pts"}, {'f', -8.46, "-8.5"}, {'m', -6e5, "-$600k"}, {'m', 0, "$0"}, {'h', 12.4, "+12"}} {
		if got := deltaCell(tc.kind, tc.x, "USD"); got != tc.want {
			t.Errorf("deltaCell(%c, %v) = %q, want %q", tc.kind, tc.x, got, tc.want)
		}
	}
}

// The weakest heart function's own periods as low: one, some (the one of
// its lowest named, the others counted), or every one.
func TestWeakestFunctionPeriodsAsLow(t *testing.T) {
	periods := make([]plan.SummaryPeriod, 4)
	for _, c := range []struct {
		n, tied int
		want    string
	}{
		{1, 0, "Proposals 66.3% (2028-Q3)"},
		{2, 0, "Proposals 66.3% (2028-Q3 and 1 other quarter)"},
		{3, 2, "Proposals 66.3% (2028-Q3 and 2 other quarters), and 2 others as low in some quarter"},
		{4, 1, "Proposals 66.3% in every quarter, and 1 other as low in some quarter"},
	} {
		s := plan.Summary{Period: "quarter", Periods: periods, FunctionNames: map[string]string{"proposals": "Proposals"},
			WeakestHeart: &plan.WeakestFunction{ID: "proposals", Coverage: 0.6629, Period: "2028-Q3", PeriodsAsLow: c.n, Tied: c.tied}}
		if got := weakestFunction(s); got != c.want {
			t.Errorf("%d periods as low: %q, want %q", c.n, got, c.want)
		}
		// CSV carries the count.
		s.Status, s.File = plan.StatusOptimal, "a.yaml"
		var out bytes.Buffer
		if err := WriteComparison(&out, &plan.Comparison{FormatVersion: 1, Scenarios: []plan.Summary{s}}, CSV); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("\nweakest_heart_periods_as_low,,%d\n", c.n); !strings.Contains(out.String(), want) {
			t.Errorf("csv lacks %q:\n%s", want, out.String())
		}
	}
}
