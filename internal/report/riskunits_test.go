package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// The list of uncertain inputs writes each distribution in the input's
// unit, as the tornado beside it does: until session 26 a budget change
// read "triangular, low -0.08, mode 0, high 0" above a tornado row of
// "-5.5%", and the scores table headed the central share "central".
func TestRiskInputsInTheirUnits(t *testing.T) {
	s := baselineScenario(t)
	in := func(path string, d scenario.Distribution) plan.RiskInput {
		return plan.RiskInput{Uncertain: scenario.Uncertain{Path: path, Dist: d, File: "u.yaml", Line: 1, Col: 1}}
	}
	r := &plan.RiskResult{Scenario: "S", Currency: "USD", Period: "quarter", HealthyHeart: 0.9, Samples: 1, Planned: 1,
		Periods: []plan.RiskPeriod{{Label: "2027-Q1"}},
		Inputs: []plan.RiskInput{
			in("budget.change_per_year", scenario.Distribution{Kind: scenario.Triangular, Low: -0.08, Mode: 0, High: 0}),
			in("regions[0].seller_growth_per_year", scenario.Distribution{Kind: scenario.Normal, Low: -1, High: 1, Mean: 0.08, SD: 0.04}),
			in("central.cost_per_fte", scenario.Distribution{Kind: scenario.Uniform, Low: 140000, High: 160000}),
			in("regions[1].sellers", scenario.Distribution{Kind: scenario.Triangular, Low: 240, Mode: 260, High: 300}),
		}}
	var out bytes.Buffer
	if err := WriteRisk(&out, r, s, Table); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"budget: change per year (budget.change_per_year): triangular, low -8.0%, mode 0.0%, high 0.0%",
		"seller growth per year (regions[0].seller_growth_per_year): normal, mean 8.0%, sd 4.0 points",
		"central team: cost per FTE (central.cost_per_fte): uniform, $140,000 to $160,000",
		"EMEA: sellers (regions[1].sellers): triangular, low 240, mode 260, high 300",
		"│ central share P10 │",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}
