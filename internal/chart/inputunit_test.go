package chart

import "testing"

// TestInputUnit: each kind of input key is formatted in its unit; a
// stage multiplier named growth is a number (1.1 times the demand), not a
// percent: diff printed "comp_admin: stage multipliers, growth │ 110.0% │
// 100.0%" beside "expansion │ 1.2 │ 1".
func TestInputUnit(t *testing.T) {
	for key, want := range map[string]UnitKind{
		"budget.annual":                                     Money,
		"budget.change_per_year":                            Percent,
		"investments[cpq].cost.per_year":                    Money,
		"investments[cpq].cost.upfront":                     Money,
		"regions[EMEA].sellers":                             Number,
		"regions[EMEA].seller_growth":                       Percent,
		"regions[EMEA].cost_per_fte":                        Money,
		"policy.central_share.max":                          Percent,
		"policy.healthy_heart":                              Percent,
		"functions[comp_admin].min_coverage":                Percent,
		"functions[comp_admin].stage_multipliers.growth":    Number,
		"functions[comp_admin].stage_multipliers.expansion": Number,
	} {
		if got := InputUnit(key, "USD").Kind; got != want {
			t.Errorf("%s: unit %v, want %v", key, got, want)
		}
	}
}
