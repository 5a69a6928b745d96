package report

import (
	"path/filepath"
	"testing"
)

// Inputs are named by their entity's name and their key in words, an
// index or an id alike; a path the scenario cannot resolve keeps its own
// selector.
func TestInputLabel(t *testing.T) {
	s := planned(t, filepath.Join("..", "..", "scenarios", "uncertain.yaml")).Scenario
	reporting := s.Functions[s.FunctionIndex("reporting")].Name
	salesSupport := s.Functions[1].Name
	if reporting == "" || salesSupport == "" {
		t.Fatalf("the built-in functions have no names: %q, %q", reporting, salesSupport)
	}
	cases := []struct{ path, want string }{
		{"regions[0].sellers", "North America: sellers"},
		{"regions[1].seller_growth_per_year", "EMEA: seller growth per year"},
		{"regions[EMEA].sellers", "EMEA: sellers"},
		{"regions[emea].cost_per_fte", "EMEA: cost per FTE"},
		{"regions[7].sellers", "7: sellers"},
		{"investments[0].seller_hours_per_week", "CPQ platform: seller hours per week"},
		{"investments[cpq].cost.upfront", "CPQ platform: cost, upfront"},
		{"functions[1].min_coverage", salesSupport + ": min coverage"},
		{"central.cost_per_fte", "central team: cost per FTE"},
		{"central.current_fte.reporting", "central team: current FTE, " + reporting},
		{"budget.annual", "annual budget"},
		{"budget.change_per_year", "budget: change per year"},
		{"budget.per_period[2]", "budget of 2027-Q3"},
		{"policy.healthy_heart", "policy: healthy heart"},
	}
	for _, c := range cases {
		if got := InputLabel(s, c.path); got != c.want {
			t.Errorf("InputLabel(%s) = %q, want %q", c.path, got, c.want)
		}
	}
	if got := InputLabel(nil, "regions[0].sellers"); got != "0: sellers" {
		t.Errorf("without a scenario: %q", got)
	}
}

// A count input (sellers) is shown in whole people, money in the
// currency, a share or a growth as a percentage, hours to two decimals,
// other inputs to four significant digits.
func TestRiskInputValue(t *testing.T) {
	cases := []struct {
		path string
		x    float64
		want string
	}{
		{"regions[0].sellers", 287.3, "287"},
		{"regions[0].sellers", 395.5, "396"},
		{"regions[EMEA].sellers", 12040.6, "12,041"},
		{"regions[0].seller_growth_per_year", 0.02874123, "2.9%"},
		{"budget.change_per_year", -0.0547, "-5.5%"},
		{"policy.central_share.min", 0.25, "25.0%"},
		{"central.cost_per_fte", 142000.4, "$142k"},
		{"budget.annual", 6.2e6, "$6.20M"},
		{"investments[0].seller_hours_per_week", 0.88734, "0.89"},
		{"functions[quotas].fte_per_100_sellers", 0.88734, "0.8873"},
	}
	for _, c := range cases {
		if got := riskInputValue(c.path, "USD", c.x); got != c.want {
			t.Errorf("riskInputValue(%s, %v) = %q, want %q", c.path, c.x, got, c.want)
		}
	}
}
