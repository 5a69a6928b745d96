package plan

import (
	"context"
	"os"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// typicalRanges are five uncertain inputs of the typical scenario, as the
// issue's benchmark asks: growth of the budget cut, sellers, seller
// growth, a function's demand and the central cost of an FTE.
var typicalRanges = []string{
	"budget.change_per_year={low: -0.12, mode: -0.05, high: 0}",
	"regions[North America].sellers={low: 380, mode: 420, high: 470}",
	"regions[EMEA].seller_growth_per_year={mean: 0.05, sd: 0.04}",
	"functions[sales_support].fte_per_100_sellers={uniform: [1.5, 2.5]}",
	"central.cost_per_fte={low: 140000, mode: 150000, high: 175000}",
}

// riskDoc parses file with the overrides set, and checks it loads.
func riskDoc(t testing.TB, file string, sets ...string) *scenario.Doc {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := scenario.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if err := doc.SetOverride(s); err != nil {
			t.Fatal(err)
		}
	}
	if _, diags := doc.Decode(); diags.HasErrors() {
		t.Fatal(diags)
	}
	return doc
}

func TestRiskQuick(t *testing.T) {
	doc := riskDoc(t, "testdata/typical.yaml", typicalRanges...)
	res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 80, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
}
