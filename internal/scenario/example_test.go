package scenario_test

import (
	"fmt"
	"os"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// A scenario parsed once, then a variant set by path with typed values and
// decoded; the original is untouched, and a misspelt key is refused with
// the loader's suggestion.
func ExampleDoc() {
	data, err := os.ReadFile("../../scenarios/baseline.yaml")
	if err != nil {
		panic(err)
	}
	doc, err := scenario.Parse("baseline.yaml", data)
	if err != nil {
		panic(err)
	}
	cut := doc.Clone()
	_ = cut.Set("budget.annual", 5.7e6)
	_ = cut.Set("regions[EMEA].sellers", 280.0)
	s, _ := cut.Decode()
	fmt.Println(s.Budget.Annual, s.Regions[1].Sellers)

	base, _ := doc.Decode()
	fmt.Println(base.Budget.Annual, base.Regions[1].Sellers)

	err = cut.Set("budget.anual", 5.7e6)
	fmt.Println(err)
	// Output:
	// 5.7e+06 280
	// 6.2e+06 260
	// --set: budget.anual: unknown key "anual" (did you mean "annual"?): allowed keys are annual, per_period, change_per_year (set by --set "budget.anual=5.7e+06")
}
