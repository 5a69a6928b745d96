package scenario

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// baseDoc is a minimal valid scenario, one key per line, that the rule
// tests edit; line numbers in their expectations refer to it.
const baseDoc = `horizon:
  start: 2027-Q1
  periods: 4
budget:
  annual: 1000000
central:
  cost_per_fte: 100000
regions:
  - name: EMEA
    sellers: 100
    cost_per_fte: 90000
`

// edit replaces the first old in baseDoc by new.
func edit(t testing.TB, old, new string) string {
	t.Helper()
	if !strings.Contains(baseDoc, old) {
		t.Fatalf("baseDoc has no %q", old)
	}
	return strings.Replace(baseDoc, old, new, 1)
}

// loadErr loads doc as name and returns the error text, "" when valid.
func loadErr(t testing.TB, name, doc string, sets ...string) string {
	t.Helper()
	s, err := LoadBytes(name, []byte(doc), sets)
	if err == nil {
		if s == nil {
			t.Fatal("nil scenario without an error")
		}
		return ""
	}
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %T is not Diagnostics: %v", err, err)
	}
	if s != nil {
		t.Fatal("a scenario with an error")
	}
	return err.Error()
}

func mustLoad(t testing.TB, name, doc string, sets ...string) *Scenario {
	t.Helper()
	s, err := LoadBytes(name, []byte(doc), sets)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

func TestRules(t *testing.T) {
	const (
		regionsBlock = "regions:\n  - name: EMEA\n    sellers: 100\n    cost_per_fte: 90000\n"
		horizonBlock = "horizon:\n  start: 2027-Q1\n  periods: 4\n"
	)
	cases := []struct {
		name, doc, want string
	}{
		{"valid", baseDoc, ``},
		{"unknown top key", baseDoc + "foo: 1\n", `t.yaml:12:1: foo: unknown key "foo": allowed keys are name, description, currency, horizon, catalog, stage, budget, policy, central, regions, roster, functions, investments, checkup`},
		{"misspelt top key", baseDoc + "stages: growth\n", `t.yaml:12:1: stages: unknown key "stages" (did you mean "stage"?): allowed keys are name, description, currency, horizon, catalog, stage, budget, policy, central, regions, roster, functions, investments, checkup`},
		{"upper-case key", edit(t, "budget:", "Budget:"), `t.yaml:4:1: budget: key "Budget" must be lower case: write "budget"`},
		{"upper-case nested key", edit(t, "    sellers: 100", "    Sellers: 100"), `t.yaml:10:5: regions[0].sellers: key "Sellers" must be lower case: write "sellers"`},
		{"duplicate key", baseDoc + "budget:\n  annual: 5\n", `t.yaml:12:1: budget: duplicate key "budget": it is already given at line 4`},
		{"duplicate key differing in case", edit(t, "  annual: 1000000", "  annual: 1000000\n  Annual: 2"), `t.yaml:6:3: budget.annual: duplicate key "Annual": it is already given at line 5`},
		{"syntax error", baseDoc + "foo: [1, 2\n", `t.yaml:12: the "[" opened at line 12 is not closed: expected ',' or ']'`},
		{"unclosed mapping", baseDoc + "foo: {a: 1\nbar: 2\n", `t.yaml:12: the "{" opened at line 12 is not closed: expected ',' or '}'`},
		{"unclosed on the first line", "name: [a,\n  b\n", `t.yaml:1: the "[" opened at line 1 is not closed: expected ',' or ']'`},
		{"tab indentation", edit(t, "  periods: 4", "\tperiods: 4"), `t.yaml:3:1: tabs cannot indent YAML; use spaces`},
		{"two documents", baseDoc + "---\nname: x\n", `t.yaml:12:1: a second YAML document: a scenario file holds one document (remove the --- line)`},
		{"not a mapping", "- 1\n- 2\n", `t.yaml:1:1: the file must hold a mapping of keys (name, horizon, budget, ...), got a list`},
		{"empty file", "", `t.yaml: budget: budget is required: a mapping with annual (money per year) or per_period (a list, one amount per period)
t.yaml: central: central is required: a mapping with cost_per_fte (and optionally current_fte, hire and exit limits)
t.yaml: horizon: horizon is required: a mapping such as {start: 2027-Q1, periods: 4}
t.yaml: regions: regions is required: a list of regions, each with name, sellers and cost_per_fte`},
		{"empty name", baseDoc + "name: \"\"\n", `t.yaml:12:1: name: expected a non-empty string, got ""`},
		{"numeric name", baseDoc + "name: 2027\n", `t.yaml:12:1: name: expected a string, got 2027 (put text in quotes)`},
		{"currency", baseDoc + "currency: usd\n", `t.yaml:12:1: currency: "usd" is not a currency code: use 3 upper-case letters (ISO 4217) such as USD or EUR`},
		{"missing horizon", edit(t, horizonBlock, ""), `t.yaml:1:1: horizon: horizon is required: a mapping such as {start: 2027-Q1, periods: 4}`},
		{"horizon not a mapping", edit(t, horizonBlock, "horizon: 2027-Q1\n"), `t.yaml:1:1: horizon: expected a mapping, got the string "2027-Q1"`},
		{"horizon missing keys", edit(t, horizonBlock, "horizon: {}\n"), `t.yaml:1:1: horizon.periods: periods is required: the number of periods, an integer between 1 and 120
t.yaml:1:1: horizon.start: start is required: a month such as 2027-01, a quarter such as 2027-Q1 (FY28-Q1 under a fiscal year) or a year such as 2027 (FY28)`},
		{"bad start", edit(t, "2027-Q1", "2027Q1"), `t.yaml:2:3: horizon.start: expected a month such as 2027-01, a quarter such as 2027-Q1 (FY28-Q1 under a fiscal year) or a year such as 2027 (FY28), got the string "2027Q1"`},
		{"bad quarter", edit(t, "2027-Q1", "2027-Q5"), `t.yaml:2:3: horizon.start: expected a month such as 2027-01, a quarter such as 2027-Q1 (FY28-Q1 under a fiscal year) or a year such as 2027 (FY28), got the string "2027-Q5"`},
		{"start year range", edit(t, "2027-Q1", "1800"), `t.yaml:2:3: horizon.start: 1800 is out of range: the start year must be between 1900 and 2200`},
		{"start as date", edit(t, "2027-Q1", "2027-01-01"), `t.yaml:2:3: horizon.start: expected a month such as 2027-01, a quarter such as 2027-Q1 (FY28-Q1 under a fiscal year) or a year such as 2027 (FY28), got the date 2027-01-01`},
		{"periods zero", edit(t, "periods: 4", "periods: 0"), `t.yaml:3:3: horizon.periods: 0 is out of range: periods must be between 1 and 120`},
		{"periods too many", edit(t, "periods: 4", "periods: 121"), `t.yaml:3:3: horizon.periods: 121 is out of range: periods must be between 1 and 120`},
		{"periods fraction", edit(t, "periods: 4", "periods: 2.5"), `t.yaml:3:3: horizon.periods: expected an integer between 1 and 120, got 2.5`},
		{"periods string", edit(t, "periods: 4", "periods: four"), `t.yaml:3:3: horizon.periods: expected an integer between 1 and 120, got the string "four"`},
		{"period mismatch year", edit(t, "periods: 4", "periods: 4\n  period: year"), `t.yaml:4:3: horizon.period: period is year but start 2027-Q1 is a quarter: write start: 2027, or period: quarter`},
		{"period mismatch quarter", edit(t, "start: 2027-Q1\n  periods: 4", "start: 2027\n  periods: 4\n  period: quarter"), `t.yaml:4:3: horizon.period: period is quarter but start 2027 is a year: write start: 2027-Q1, or period: year`},
		{"period unknown", edit(t, "periods: 4", "periods: 4\n  period: week"), `t.yaml:4:3: horizon.period: "week" is not allowed: period must be month, quarter or year`},
		{"catalog", baseDoc + "catalog: full\n", `t.yaml:12:1: catalog: "full" is not allowed: catalog must be builtin or none`},
		{"stage unknown", baseDoc + "stage: grow\n", `t.yaml:12:1: stage: "grow" is not a stage (did you mean "growth"?): use launch, growth, expansion or margin`},
		{"stage list length", baseDoc + "stage: [growth, margin]\n", `t.yaml:12:1: stage: stage lists 2 stages but horizon.periods is 4: give one stage, or exactly one per period`},
		{"stage list entry", baseDoc + "stage: [growth, margin, margin, 3]\n", `t.yaml:12:33: stage[3]: expected a string, got 3 (put text in quotes)`},
		{"stage mapping", baseDoc + "stage: {a: 1}\n", `t.yaml:12:1: stage: expected a stage (launch, growth, expansion or margin) or a list of stages, one per period, got a mapping`},
		{"budget both", edit(t, "  annual: 1000000", "  annual: 1000000\n  per_period: [1, 2, 3, 4]"), `t.yaml:4:1: budget: give annual or per_period, not both`},
		{"budget neither", edit(t, "  annual: 1000000", "  change_per_year: 0.1"), `t.yaml:4:1: budget: budget needs annual (money per year) or per_period (a list, one amount per period)`},
		{"budget annual negative", edit(t, "annual: 1000000", "annual: -5"), `t.yaml:5:3: budget.annual: -5 is out of range: annual must be >= 0`},
		{"budget annual string", edit(t, "annual: 1000000", "annual: 1M"), `t.yaml:5:3: budget.annual: expected a number >= 0, got the string "1M"`},
		{"budget annual infinite", edit(t, "annual: 1000000", "annual: .inf"), `t.yaml:5:3: budget.annual: expected a finite number, got infinity`},
		{"per_period length", edit(t, "annual: 1000000", "per_period: [1, 2, 3]"), `t.yaml:5:3: budget.per_period: per_period lists 3 amounts but horizon.periods is 4: give one amount per period`},
		{"per_period negative", edit(t, "annual: 1000000", "per_period: [1, 2, -3, 4]"), `t.yaml:5:22: budget.per_period[2]: -3 is out of range: per_period must be >= 0`},
		{"per_period with change", edit(t, "annual: 1000000", "per_period: [1, 2, 3, 4]\n  change_per_year: 0.1"), `t.yaml:6:3: budget.change_per_year: change_per_year applies to budget.annual only: per_period already gives every period's amount`},
		{"change_per_year -1", edit(t, "annual: 1000000", "annual: 1000000\n  change_per_year: -1"), `t.yaml:6:3: budget.change_per_year: -1 is out of range: change_per_year must be > -1`},
		{"budget unknown key", edit(t, "annual: 1000000", "anual: 1000000"), `t.yaml:4:1: budget: budget needs annual (money per year) or per_period (a list, one amount per period)
t.yaml:5:3: budget.anual: unknown key "anual" (did you mean "annual"?): allowed keys are annual, per_period, change_per_year`},
		{"number too large", edit(t, "annual: 1000000", "annual: 1e16"), `t.yaml:5:3: budget.annual: 1e+16 is too large: numbers must be at most 1,000,000,000,000,000 in size`},
		// Beyond float64, go-yaml gives a string: still too large, not "the string".
		{"number beyond float64", edit(t, "annual: 1000000", "annual: 1e400"), `t.yaml:5:3: budget.annual: 1e400 is too large: numbers must be at most 1,000,000,000,000,000 in size`},
		{"budget grows too large", edit(t, "annual: 1000000", "annual: 1e15\n  change_per_year: 1e6"), `t.yaml:4:1: budget: the budget grows to 7,905,700,079,690,820,000 by 2027-Q4: lower annual or change_per_year (numbers must be at most 1,000,000,000,000,000)
t.yaml:6:3: warning: budget.change_per_year: 1000000 (+1e+08% a year) is unusual: change_per_year is usually at most 1 (+100% a year); it is a fraction: write 0.06 for 6% a year`},
		{"sellers grow too many", edit(t, "sellers: 100", "sellers: 1e14\n    seller_growth_per_year: 1e6"), `t.yaml:9:5: regions[0]: the sellers grow to 3,162,280,031,876,328,000 by 2027-Q4: lower sellers or seller_growth_per_year (numbers must be at most 1,000,000,000,000,000)
t.yaml:11:5: warning: regions[0].seller_growth_per_year: 1000000 (+1e+08% a year) is unusual: seller_growth_per_year is usually at most 1 (+100% a year); it is a fraction: write 0.06 for 6% a year`},
		{"sellers add up to too many", edit(t, "sellers: 100", "sellers: 6e14") + "  - {name: APAC, sellers: 6e14, cost_per_fte: 100000}\n", `t.yaml:8:1: regions: the sellers of all regions add up to 1,200,000,000,000,000 by 2027-Q4 (numbers must be at most 1,000,000,000,000,000)`},
		{"demand too large", baseDoc + "functions:\n  - id: cpq\n    fte_per_100_sellers: 1e15\n    fte_per_region: 1e15\n", `t.yaml:12:1: functions: the demand for cpq in EMEA reaches 1,200,000,000,000,000 FTE in 2027-Q1: lower its FTE rates or stage multipliers (numbers must be at most 1,000,000,000,000,000)
t.yaml:14:5: warning: functions[0].fte_per_100_sellers: 1e+15 is unusual: fte_per_100_sellers is usually at most 5; the built-in catalog's largest is 1 (sales_support)`},
		{"policy list", baseDoc + "policy: [1]\n", `t.yaml:12:1: policy: expected a mapping, got a list`},
		{"healthy_heart zero", baseDoc + "policy:\n  healthy_heart: 0\n", `t.yaml:13:3: policy.healthy_heart: 0 is out of range: healthy_heart must be > 0 and <= 1`},
		{"healthy_heart above 1", baseDoc + "policy:\n  healthy_heart: 1.5\n", `t.yaml:13:3: policy.healthy_heart: 1.5 is out of range: healthy_heart must be > 0 and <= 1`},
		{"weights negative", baseDoc + "policy:\n  heart_weight: -1\n  brain_weight: -2\n", `t.yaml:13:3: policy.heart_weight: -1 is out of range: heart_weight must be >= 0
t.yaml:14:3: policy.brain_weight: -2 is out of range: brain_weight must be >= 0`},
		{"central_share min above max", baseDoc + "policy:\n  central_share: {min: 0.8, max: 0.5}\n", `t.yaml:13:3: policy.central_share: min 0.8 is greater than max 0.5: central_share needs min <= max`},
		{"central_share min range", baseDoc + "policy:\n  central_share: {min: 1.2}\n", `t.yaml:13:19: policy.central_share.min: 1.2 is out of range: min must be between 0 and 1`},
		{"max_fte zero", baseDoc + "policy:\n  max_fte: 0\n", `t.yaml:13:3: policy.max_fte: 0 is out of range: max_fte must be > 0`},
		{"central_effectiveness", baseDoc + "policy:\n  central_effectiveness: {central: 11, centrall: 1, local: 0}\n", `t.yaml:13:27: policy.central_effectiveness.central: 11 is out of range: central must be > 0 and <= 10
t.yaml:13:40: policy.central_effectiveness.centrall: unknown key "centrall" (did you mean "central"?): allowed keys are central, either, local
t.yaml:13:53: policy.central_effectiveness.local: 0 is out of range: local must be > 0 and <= 10`},
		{"central missing", edit(t, "central:\n  cost_per_fte: 100000\n", ""), `t.yaml:1:1: central: central is required: a mapping with cost_per_fte (and optionally current_fte, hire and exit limits)`},
		{"central cost missing", edit(t, "  cost_per_fte: 100000", "  max_hires_per_period: 2"), `t.yaml:6:1: central.cost_per_fte: cost_per_fte is required: a number >= 0, the fully loaded cost of one FTE per year`},
		{"central current_fte", edit(t, "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  current_fte: {comp_admn: 1, reporting: -1}"), `t.yaml:8:17: central.current_fte.comp_admn: "comp_admn" is not a function of this scenario: did you mean "comp_admin" (Compensation administration)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content
t.yaml:8:31: central.current_fte.reporting: -1 is out of range: reporting must be >= 0`},
		{"central limits", edit(t, "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  max_hires_per_period: -1\n  max_exits_per_period: x"), `t.yaml:8:3: central.max_hires_per_period: -1 is out of range: max_hires_per_period must be >= 0
t.yaml:9:3: central.max_exits_per_period: expected a number >= 0, got the string "x"`},
		{"regions empty", edit(t, regionsBlock, "regions: []\n"), `t.yaml:8:1: regions: regions lists no region: give at least one, with name, sellers and cost_per_fte`},
		{"regions mapping", edit(t, regionsBlock, "regions: {name: EMEA}\n"), `t.yaml:8:1: regions: expected a list, got a mapping`},
		{"regions missing", edit(t, regionsBlock, ""), `t.yaml:1:1: regions: regions is required: a list of regions, each with name, sellers and cost_per_fte`},
		{"region element", baseDoc + "  - 5\n  -\n", `t.yaml:12:5: regions[1]: expected a mapping, got 5
t.yaml:13:4: regions[2]: expected a mapping, got nothing`},
		{"region missing keys", baseDoc + "  - id: apac\n", `t.yaml:12:5: regions[1].cost_per_fte: cost_per_fte is required: a number >= 0, the fully loaded cost of one FTE per year
t.yaml:12:5: regions[1].name: name is required: the region's name, such as EMEA
t.yaml:12:5: regions[1].sellers: sellers is required: the number of sellers, >= 0`},
		{"region duplicate name", baseDoc + "  - name: emea\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:12:5: regions[1].name: duplicate region name "emea": regions[0] has it too (names are compared ignoring case)`},
		{"region duplicate slug", baseDoc + "  - name: North America\n    sellers: 1\n    cost_per_fte: 100000\n  - name: North-America\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:15:5: regions[2].name: duplicate region id "north_america": regions[1] has it too; give one of them another id`},
		{"region named central", baseDoc + "  - name: Central\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:12:5: regions[1].name: a region cannot be named "central": in a roster or an actuals file, central is the central team; give the region another name`},
		{"region id central", baseDoc + "  - name: HQ\n    id: central\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:13:5: regions[1].id: a region cannot have the id "central": in a roster or an actuals file, central is the central team; give the region another id`},
		{"region name another's id", baseDoc + "  - name: Europe\n    id: emea2\n    sellers: 1\n    cost_per_fte: 100000\n  - name: emea2x\n    id: x\n    sellers: 1\n    cost_per_fte: 100000\n  - name: EMEA2\n    id: y\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:20:5: regions[3].name: regions[3]'s name is regions[1]'s id "emea2": a roster, an actuals file or --set regions[emea2] could mean either; give one of them another name or id`},
		{"region duplicate id", baseDoc + "  - name: APAC\n    id: emea\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:13:5: regions[1].id: duplicate region id "emea": regions[0] has it too; give one of them another id`},
		{"region bad id", baseDoc + "  - name: APAC\n    id: Asia-Pacific\n    sellers: 1\n    cost_per_fte: 100000\n", `t.yaml:13:5: regions[1].id: "Asia-Pacific" is not a valid region id: use lower-case letters, digits and underscores`},
		{"region sellers negative", edit(t, "sellers: 100", "sellers: -4"), `t.yaml:10:5: regions[0].sellers: -4 is out of range: sellers must be >= 0`},
		{"region growth", edit(t, "sellers: 100", "sellers: 100\n    seller_growth_per_year: -1"), `t.yaml:11:5: regions[0].seller_growth_per_year: -1 is out of range: seller_growth_per_year must be > -1`},
		{"no sellers", edit(t, "sellers: 100", "sellers: 0"), `t.yaml:8:1: regions: there are no sellers: the sellers of all regions must add up to more than 0`},
		{"region unknown key", edit(t, "sellers: 100", "sellers: 100\n    seller: 1"), `t.yaml:11:5: regions[0].seller: unknown key "seller" (did you mean "sellers"?): allowed keys are name, id, sellers, seller_growth_per_year, cost_per_fte, current_fte, max_hires_per_period, max_exits_per_period, hire_cost, exit_cost`},
		{"function not in catalog", baseDoc + "functions:\n  - id: deal_review\n    min_coverage: 0.8\n", `t.yaml:13:5: functions[0].id: "deal_review" is not in the built-in catalog, and a new function needs class (heart or brain) and locality (central, either or local): did you mean "deal_reviews" (Deal reviews)? Catalog ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`},
		{"function with catalog none", baseDoc + "catalog: none\nfunctions:\n  - id: territories\n", `t.yaml:14:5: functions[0].id: with catalog: none, "territories" is a new function: a new function needs class (heart or brain) and locality (central, either or local)`},
		{"function bad id", baseDoc + "functions:\n  - id: Partner-Ops\n    class: heart\n    locality: either\n", `t.yaml:13:5: functions[0].id: "Partner-Ops" is not a valid id: use lower-case letters, digits and underscores, starting with a letter`},
		{"function missing id", baseDoc + "functions:\n  - name: x\n", `t.yaml:13:5: functions[0].id: id is required: lower-case letters, digits and underscores, starting with a letter`},
		{"function duplicate", baseDoc + "functions:\n  - id: cpq\n  - id: cpq\n", `t.yaml:14:5: functions[1].id: duplicate function id "cpq": functions[0] has it too`},
		{"function fields", baseDoc + "functions:\n  - id: cpq\n    class: haert\n    locality: anywhere\n    min_coverage: 1.5\n    weight: -1\n    local_effectiveness: 0\n    central_effectiveness: 10.5\n    fte_per_100_sellers: -1\n    fte_per_region: x\n", `t.yaml:14:5: functions[0].class: "haert" is not allowed (did you mean "heart"?): class must be heart or brain
t.yaml:15:5: functions[0].locality: "anywhere" is not allowed: locality must be central, either or local
t.yaml:16:5: functions[0].min_coverage: 1.5 is out of range: min_coverage must be between 0 and 1
t.yaml:17:5: functions[0].weight: -1 is out of range: weight must be >= 0
t.yaml:18:5: functions[0].local_effectiveness: 0 is out of range: local_effectiveness must be > 0 and <= 10
t.yaml:19:5: functions[0].central_effectiveness: 10.5 is out of range: central_effectiveness must be > 0 and <= 10
t.yaml:20:5: functions[0].fte_per_100_sellers: -1 is out of range: fte_per_100_sellers must be >= 0
t.yaml:21:5: functions[0].fte_per_region: expected a number >= 0, got the string "x"`},
		{"function stage multipliers", baseDoc + "functions:\n  - id: cpq\n    stage_multipliers: {grow: 1, margin: -1}\n", `t.yaml:14:25: functions[0].stage_multipliers.grow: unknown key "grow" (did you mean "growth"?): allowed keys are launch, growth, expansion, margin
t.yaml:14:34: functions[0].stage_multipliers.margin: -1 is out of range: margin must be >= 0`},
		{"functions not a list", baseDoc + "functions: {cpq: 1}\n", `t.yaml:12:1: functions: expected a list, got a mapping`},
		{"no heart function", baseDoc + "catalog: none\nfunctions:\n  - id: analytics\n    class: brain\n    locality: central\n", `t.yaml:13:1: functions: there is no heart function: at least one function must have class: heart (territories, quotas, compensation, reporting...)`},
		{"investment fields", baseDoc + "investments:\n  - id: cpq\n    cost: {upfront: -1, per_year: x}\n    covers: {cpq: 1.5, cqp: 0.1}\n    seller_hours_per_week: 41\n    ramp_periods: 2.5\n    scalable: yes\n    owned: 1\n    requires: cpq\n", `t.yaml:14:12: investments[0].cost.upfront: -1 is out of range: upfront must be >= 0
t.yaml:14:25: investments[0].cost.per_year: expected a number >= 0, got the string "x"
t.yaml:15:14: investments[0].covers.cpq: 1.5 is out of range: cpq must be between 0 and 1
t.yaml:15:24: investments[0].covers.cqp: "cqp" is not a function of this scenario: did you mean "cpq" (Quoting and CPQ)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content
t.yaml:16:5: investments[0].seller_hours_per_week: 41 is out of range: seller_hours_per_week must be between 0 and 40
t.yaml:17:5: investments[0].ramp_periods: expected an integer between 0 and 60, got 2.5
t.yaml:18:5: investments[0].scalable: expected true or false, got the string "yes"
t.yaml:19:5: investments[0].owned: expected true or false, got 1
t.yaml:20:5: investments[0].requires: expected a list, got the string "cpq"`},
		{"investment ramp", baseDoc + "investments:\n  - id: cpq\n    ramp_periods: 61\n", `t.yaml:14:5: investments[0].ramp_periods: 61 is out of range: ramp_periods must be between 0 and 60`},
		{"investment missing id", baseDoc + "investments:\n  - name: CPQ\n", `t.yaml:13:5: investments[0].id: id is required: lower-case letters, digits and underscores, starting with a letter`},
		{"investment duplicate", baseDoc + "investments:\n  - id: cpq\n  - id: cpq\n", `t.yaml:14:5: investments[1].id: duplicate investment id "cpq": investments[0] has it too`},
		{"investment requires", baseDoc + "investments:\n  - id: cpq\n    requires: [cpq, bi_tool, 3]\n", `t.yaml:14:16: investments[0].requires[0]: investment "cpq" cannot require itself
t.yaml:14:21: investments[0].requires[1]: "bi_tool" is not an investment of this scenario. Investment ids: cpq
t.yaml:14:30: investments[0].requires[2]: expected a string, got 3 (put text in quotes)`},
		{"investment requires twice", baseDoc + "investments:\n  - id: cpq\n    requires: [bi, bi, crm, bi]\n  - id: bi\n  - id: crm\n", `t.yaml:14:20: investments[0].requires[1]: duplicate requirement "bi": investments[0].requires[0] has it too; list each investment once
t.yaml:14:29: investments[0].requires[3]: duplicate requirement "bi": investments[0].requires[0] has it too; list each investment once`},
		{"investment cycles", baseDoc + "investments:\n  - id: a\n    requires: [b]\n  - id: b\n    requires: [c]\n  - id: c\n    requires: [a]\n  - id: d\n    requires: [d2]\n  - id: d2\n    requires: [d]\n", `t.yaml:14:5: investments[0].requires: requirement cycle: a -> b -> c -> a: an investment cannot depend on itself, even through others
t.yaml:20:5: investments[3].requires: requirement cycle: d -> d2 -> d: an investment cannot depend on itself, even through others`},
		{"investment decision", baseDoc + "investments:\n  - id: a\n    decision: maybe\n  - id: b\n    decision: {low: 0, high: 1}\n  - id: c\n    owned: true\n    decision: out\n", `t.yaml:14:5: investments[0].decision: "maybe" is not allowed: decision must be optimize, in or out
t.yaml:16:5: investments[1].decision: expected a string, got a mapping (put text in quotes)
t.yaml:19:5: investments[2].decision: investment "c" is owned: it is in place and stays in every plan, so it cannot be forced out: remove owned: true to plan without it, or drop decision: out`},
		{"forced in requires forced out", baseDoc + "investments:\n  - id: a\n    requires: [b]\n    decision: in\n  - id: b\n    requires: [c]\n  - id: c\n    decision: out\n  - id: d\n    requires: [c]\n", `t.yaml:15:5: investments[0].decision: investment "a" is forced in (decision: in) but requires "c" (a -> b -> c), which is forced out (investments[2].decision: out): leave one of them to the optimizer (decision: optimize), or force both in`},
		{"checkup", baseDoc + "checkup:\n  stale_mix_act: x\n  BrainGap: 0.1\n", `t.yaml:13:3: checkup.stale_mix_act: expected a number between 0 and 1, got the string "x"
t.yaml:14:3: checkup.braingap: key "BrainGap" must be lower case: write "braingap"
t.yaml:14:3: checkup.braingap: unknown key "braingap": allowed keys are stale_mix_watch, stale_mix_act, stale_mix_margin, brain_spend_watch, brain_spend_act, local_central_share_watch, local_central_share_act, region_gap_watch, region_gap_act, budget_squeeze_watch`},
		{"checkup list", baseDoc + "checkup: [1]\n", `t.yaml:12:1: checkup: expected a mapping, got a list`},
		{"not a number", edit(t, "sellers: 100", "sellers: .nan"), `t.yaml:10:5: regions[0].sellers: expected a finite number, got NaN`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.yaml", c.doc); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// functions[1] (partner_ops, a new function without class or locality)
// is itself an error: the Function ids lists do not offer it.
func TestManyProblemsAllReportedInOrder(t *testing.T) {
	const f = "testdata/many_errors.yaml:"
	want := strings.Join([]string{
		f + `3:1: currency: "usd" is not a currency code: use 3 upper-case letters (ISO 4217) such as USD or EUR`,
		f + `4:39: horizon.period: period is year but start 2027-Q1 is a quarter: write start: 2027, or period: quarter`,
		f + `5:1: stage: stage lists 3 stages but horizon.periods is 4: give one stage, or exactly one per period`,
		f + `8:3: budget.change_per_year: -1.5 is out of range: change_per_year must be > -1`,
		f + `10:3: policy.healthy_heart: 90 is out of range: healthy_heart must be > 0 and <= 1`,
		f + `11:3: policy.central_share: min 0.8 is greater than max 0.5: central_share needs min <= max`,
		f + `12:3: policy.max_fte: expected a number > 0, got the string "forty"`,
		f + `15:32: central.current_fte.reporting: -2 is out of range: reporting must be >= 0`,
		f + `15:47: central.current_fte.territory: "territory" is not a function of this scenario: did you mean "territories" (Territory design)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`,
		f + `23:5: regions[1].sellers: -4 is out of range: sellers must be >= 0`,
		f + `25:5: regions[1].current_fte: key "Current_FTE" must be lower case: write "current_fte"`,
		f + `26:5: regions[2].cost_per_fte: cost_per_fte is required: a number >= 0, the fully loaded cost of one FTE per year`,
		f + `26:5: regions[2].name: duplicate region name "emea": regions[1] has it too (names are compared ignoring case)`,
		f + `30:5: functions[0].min_coverage: 80 is out of range: min_coverage must be between 0 and 1`,
		f + `31:5: functions[1].id: "partner_ops" is not in the built-in catalog, and a new function needs class (heart or brain) and locality (central, either or local)`,
		f + `37:29: investments[0].cost.per_year: -90000 is out of range: per_year must be >= 0`,
		f + `38:25: investments[0].covers.proposal: "proposal" is not a function of this scenario: did you mean "proposals" (Proposals)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`,
		f + `39:5: investments[0].ramp_periods: expected an integer between 0 and 60, got 1.5`,
		f + `40:5: investments[0].requires: requirement cycle: cpq -> bi -> cpq: an investment cannot depend on itself, even through others`,
		f + `43:5: investments[1].scalable: expected true or false, got the string "maybe"`,
	}, "\n")
	_, err := Load("testdata/many_errors.yaml", nil)
	if err == nil {
		t.Fatal("no error")
	}
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if n := len(err.(Diagnostics)); n != 20 {
		t.Errorf("%d diagnostics, want 20", n)
	}
}

func TestFormatsGiveTheSameScenario(t *testing.T) {
	want, err := Load("testdata/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"testdata/baseline.json", "testdata/baseline.toml"} {
		got, err := Load(f, nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if got.File != f {
			t.Errorf("File = %q, want %q", got.File, f)
		}
		got.File = want.File
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs from baseline.yaml:\n%+v\n%+v", f, got, want)
		}
	}
}

func TestBaseline(t *testing.T) {
	s, err := Load("testdata/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "FY27 baseline" || s.Description != "Flat budget, CPQ rollout in Q2" || s.Currency != "USD" {
		t.Errorf("name, description, currency = %q, %q, %q", s.Name, s.Description, s.Currency)
	}
	if want := (Horizon{Start: "2027-Q1", StartYear: 2027, StartIndex: 1, Periods: 4, Period: Quarter}); s.Horizon != want {
		t.Errorf("Horizon = %+v, want %+v", s.Horizon, want)
	}
	if want := (Budget{Annual: 6200000, ChangePerYear: -0.05}); !reflect.DeepEqual(s.Budget, want) {
		t.Errorf("Budget = %+v, want %+v", s.Budget, want)
	}
	if p := s.Policy; p.CentralShare != (Share{0.2, 0.7}) || !p.HasMaxFTE() || p.MaxFTE != 45 {
		t.Errorf("Policy = %+v", p)
	}
	wantCentral := Team{CostPerFTE: 150000, CurrentFTE: map[string]float64{"comp_admin": 3, "reporting": 2, "territories": 1.5}, MaxHiresPerPeriod: 3, MaxExitsPerPeriod: -1}
	if !reflect.DeepEqual(s.Central, wantCentral) {
		t.Errorf("Central = %+v, want %+v", s.Central, wantCentral)
	}
	wantRegions := []Region{
		{Name: "North America", ID: "north_america", Sellers: 220, SellerGrowthPerYear: 0.08,
			Team: Team{CostPerFTE: 165000, CurrentFTE: map[string]float64{"sales_support": 5, "proposals": 2}, MaxHiresPerPeriod: -1, MaxExitsPerPeriod: -1}},
		{Name: "EMEA", ID: "emea", Sellers: 140,
			Team: Team{CostPerFTE: 150000, CurrentFTE: map[string]float64{}, MaxHiresPerPeriod: -1, MaxExitsPerPeriod: -1}},
	}
	if !reflect.DeepEqual(s.Regions, wantRegions) {
		t.Errorf("Regions = %+v, want %+v", s.Regions, wantRegions)
	}
	wantInv := []Investment{{ID: "cpq", Name: "CPQ platform", Upfront: 250000, PerYear: 90000,
		Covers: map[string]float64{"cpq": 0.35, "proposals": 0.15}, SellerHoursPerWeek: 1.5, RampPeriods: 2, Decision: Optimize}}
	if !reflect.DeepEqual(s.Investments, wantInv) {
		t.Errorf("Investments = %+v, want %+v", s.Investments, wantInv)
	}
	if n := len(s.Functions); n != 17 {
		t.Fatalf("%d functions, want the 16 of the catalog and partner_ops", n)
	}
	if f := s.Functions[s.FunctionIndex("deal_reviews")]; f.MinCoverage != 0.8 || f.FTEPer100Sellers != 0.3 || f.Name != "Deal reviews" {
		t.Errorf("deal_reviews = %+v: want the catalog's with min_coverage 0.8", f)
	}
	wantNew := Function{ID: "partner_ops", Name: "Partner operations", Class: Heart, Locality: Either,
		FTEPer100Sellers: 0.4, FTEPerRegion: 0.1, Weight: 1, LocalEffectiveness: 1, CentralEffectiveness: 1,
		StageMultipliers: map[Stage]float64{Launch: 0.5, Growth: 1, Expansion: 1, Margin: 1.2}}
	if f := s.Functions[16]; !reflect.DeepEqual(f, wantNew) {
		t.Errorf("partner_ops = %+v, want %+v", f, wantNew)
	}
}

func TestDefaults(t *testing.T) {
	s := mustLoad(t, "plans/minimal.yaml", baseDoc)
	if s.Name != "minimal" {
		t.Errorf("Name = %q, want the file's base name", s.Name)
	}
	if s.File != "plans/minimal.yaml" || s.Description != "" || s.Currency != "USD" || s.Catalog != "builtin" {
		t.Errorf("File, Description, Currency, Catalog = %q, %q, %q, %q", s.File, s.Description, s.Currency, s.Catalog)
	}
	if want := []Stage{Growth, Growth, Growth, Growth}; !reflect.DeepEqual(s.Stages, want) {
		t.Errorf("Stages = %v, want %v", s.Stages, want)
	}
	if s.Budget.ChangePerYear != 0 || s.Budget.PerPeriod != nil {
		t.Errorf("Budget = %+v", s.Budget)
	}
	wantPolicy := Policy{HealthyHeart: 0.9, HeartWeight: 1, BrainWeight: 1, CentralShare: Share{0, 1},
		CentralEffectiveness: map[Locality]float64{Central: 1.25, Either: 1, Local: 0.6}}
	if !reflect.DeepEqual(s.Policy, wantPolicy) {
		t.Errorf("Policy = %+v, want %+v", s.Policy, wantPolicy)
	}
	for _, team := range []Team{s.Central, s.Regions[0].Team} {
		if team.HasHireLimit() || team.HasExitLimit() || team.CurrentFTE == nil || len(team.CurrentFTE) != 0 {
			t.Errorf("team = %+v: want no limits and an empty current_fte", team)
		}
	}
	if r := s.Regions[0]; r.ID != "emea" || r.SellerGrowthPerYear != 0 {
		t.Errorf("region = %+v", r)
	}
	if !reflect.DeepEqual(s.Checkup, map[string]float64{}) {
		t.Errorf("Checkup = %v, want empty", s.Checkup)
	}
	cat := BuiltinFunctions()
	if len(s.Functions) != len(cat) {
		t.Fatalf("%d functions, want the %d of the catalog", len(s.Functions), len(cat))
	}
	for i, f := range s.Functions {
		want := cat[i]
		want.CentralEffectiveness = s.Policy.CentralEffectiveness[want.Locality]
		if !reflect.DeepEqual(f, want) {
			t.Errorf("function %d = %+v, want %+v", i, f, want)
		}
	}
	inv := mustLoad(t, "t.yaml", baseDoc+"investments:\n  - id: bi_tool\n").Investments[0]
	if want := (Investment{ID: "bi_tool", Name: "bi_tool", Covers: map[string]float64{}, Decision: Optimize}); !reflect.DeepEqual(inv, want) {
		t.Errorf("investment = %+v, want %+v", inv, want)
	}
}

func TestYearsAndPerPeriodBudget(t *testing.T) {
	doc := edit(t, "horizon:\n  start: 2027-Q1\n  periods: 4\nbudget:\n  annual: 1000000\n",
		"horizon: {start: 2027, periods: 3}\nbudget: {per_period: [1, 2.5, 3]}\nstage: [launch, growth, margin]\n")
	s := mustLoad(t, "t.yaml", doc)
	if want := (Horizon{Start: "2027", StartYear: 2027, StartIndex: 1, Periods: 3, Period: Year}); s.Horizon != want {
		t.Errorf("Horizon = %+v, want %+v", s.Horizon, want)
	}
	if want := (Budget{PerPeriod: []float64{1, 2.5, 3}}); !reflect.DeepEqual(s.Budget, want) {
		t.Errorf("Budget = %+v, want %+v", s.Budget, want)
	}
	if want := []Stage{Launch, Growth, Margin}; !reflect.DeepEqual(s.Stages, want) {
		t.Errorf("Stages = %v, want %v", s.Stages, want)
	}
}

func TestCatalogMerge(t *testing.T) {
	s := mustLoad(t, "t.yaml", baseDoc+`policy:
  central_effectiveness: {either: 0.9}
functions:
  - id: cpq
    locality: central
    stage_multipliers: {margin: 2}
  - id: pipeline
    central_effectiveness: 3
  - id: content
    class: heart
    weight: 2
`)
	cpq := s.Functions[s.FunctionIndex("cpq")]
	if cpq.Locality != Central || cpq.CentralEffectiveness != 1.25 {
		t.Errorf("cpq = %+v: want locality central and its policy effectiveness 1.25", cpq)
	}
	if want := map[Stage]float64{Launch: 0.3, Growth: 0.6, Expansion: 1.0, Margin: 2}; !maps.Equal(cpq.StageMultipliers, want) {
		t.Errorf("cpq multipliers = %v, want %v (only margin overridden)", cpq.StageMultipliers, want)
	}
	if f := s.Functions[s.FunctionIndex("pipeline")]; f.CentralEffectiveness != 3 {
		t.Errorf("pipeline central effectiveness = %v, want its own 3", f.CentralEffectiveness)
	}
	if f := s.Functions[s.FunctionIndex("market_advisory")]; f.CentralEffectiveness != 0.9 {
		t.Errorf("market_advisory central effectiveness = %v, want the policy's 0.9 for either", f.CentralEffectiveness)
	}
	if f := s.Functions[s.FunctionIndex("content")]; f.Class != Heart || f.Weight != 2 || f.FTEPer100Sellers != 0.2 {
		t.Errorf("content = %+v", f)
	}
	if s.Policy.CentralEffectiveness[Central] != 1.25 || s.Policy.CentralEffectiveness[Local] != 0.6 {
		t.Errorf("a partial central_effectiveness lost the other defaults: %v", s.Policy.CentralEffectiveness)
	}
	// The catalog is copied, never edited.
	if BuiltinFunctions()[7].StageMultipliers[Margin] != 1.4 {
		t.Error("loading edited the built-in catalog")
	}
}

func TestCatalogNone(t *testing.T) {
	s := mustLoad(t, "t.yaml", edit(t, "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  current_fte: {ops: 2}")+`catalog: none
functions:
  - id: ops
    class: heart
    locality: local
    fte_per_100_sellers: 1
    stage_multipliers: {launch: 0.5}
`)
	want := []Function{{ID: "ops", Name: "ops", Class: Heart, Locality: Local,
		FTEPer100Sellers: 1, Weight: 1, LocalEffectiveness: 1, CentralEffectiveness: 0.6,
		StageMultipliers: map[Stage]float64{Launch: 0.5, Growth: 1, Expansion: 1, Margin: 1}}}
	if !reflect.DeepEqual(s.Functions, want) {
		t.Errorf("Functions = %+v, want %+v", s.Functions, want)
	}
	got := loadErr(t, "t.yaml", edit(t, "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  current_fte: {comp_admin: 2}")+"catalog: none\nfunctions:\n  - {id: ops, class: heart, locality: local}\n")
	if want := `t.yaml:8:17: central.current_fte.comp_admin: "comp_admin" is not a function of this scenario. Function ids: ops`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestRegionIDs(t *testing.T) {
	s := mustLoad(t, "t.yaml", baseDoc+`  - {name: Amérique du Nord, sellers: 1, cost_per_fte: 100000}
  - {name: "日本", sellers: 1, cost_per_fte: 100000}
  - {name: " UK & Ireland ", sellers: 1, cost_per_fte: 100000}
  - {name: APAC, id: ap, sellers: 1, cost_per_fte: 100000}
`)
	var ids []string
	for _, r := range s.Regions {
		ids = append(ids, r.ID)
	}
	if want := []string{"emea", "amerique_du_nord", "region_3", "uk_ireland", "ap"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
}

func TestLoadNeverWritesTheFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"baseline.yaml", "baseline.json", "baseline.toml", "many_errors.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		before, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		// Overrides, valid or not, change the loaded scenario, not the file.
		_, _ = Load(path, []string{"budget.annual=1", "regions[0].sellers=-1", "functions[analytics].weight=2", "x"})
		after, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != string(data) || !after.ModTime().Equal(before.ModTime()) || after.Mode() != before.Mode() {
			t.Errorf("%s was modified", name)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("Load created files: %v", entries)
		}
		os.Remove(path)
	}
}

func TestFileProblems(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"testdata/missing.yaml", "testdata/missing.yaml: cannot read the file: no such file or directory"},
		{"testdata/baseline.txt", `testdata/baseline.txt: unsupported file type ".txt": a scenario file ends in .yaml, .yml, .json or .toml`},
		{"testdata/baseline", `testdata/baseline: unsupported file type "": a scenario file ends in .yaml, .yml, .json or .toml`},
	} {
		_, err := Load(c.path, nil)
		if err == nil || err.Error() != c.want {
			t.Errorf("Load(%s) = %v, want %s", c.path, err, c.want)
		}
	}
	// The extension is not case sensitive: SCENARIO.YML is YAML.
	if _, err := LoadBytes("SCENARIO.YML", []byte(baseDoc), nil); err != nil {
		t.Error(err)
	}
}

func TestTOMLDiagnostics(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"values", `[horizon]
start = "2027-Q1"
periods = 0
[budget]
annual = -1
[central]
cost_per_fte = 100000
[[regions]]
name = "A"
sellers = 1
cost_per_fte = 100000
[[regions]]
Name = "B"
sellers = -1
cost_per_fte = 100000
[regions.current_fte]
foo = 1
[[investments]]
id = "a"
requires = ["b", "a"]
`, `t.toml:3:1: horizon.periods: 0 is out of range: periods must be between 1 and 120
t.toml:5:1: budget.annual: -1 is out of range: annual must be >= 0
t.toml:13:1: regions[1].name: key "Name" must be lower case: write "name"
t.toml:14:1: regions[1].sellers: -1 is out of range: sellers must be >= 0
t.toml:17:1: regions[1].current_fte.foo: "foo" is not a function of this scenario. Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content
t.toml:20:13: investments[0].requires[0]: "b" is not an investment of this scenario: did you mean "a"? Investment ids: a
t.toml:20:18: investments[0].requires[1]: investment "a" cannot require itself`},
		{"inline tables", `horizon = {start = "2027-Q1", periods = 4}
budget = {annual = 1}
central = {cost_per_fte = 100000}
regions = [{name = "A", sellers = 1, cost_per_fte = 100000}, {name = "B", sellers = 1, cost_per_fte = 100000, bogus = 1}]
`, `t.toml:4:111: regions[1].bogus: unknown key "bogus": allowed keys are name, id, sellers, seller_growth_per_year, cost_per_fte, current_fte, max_hires_per_period, max_exits_per_period, hire_cost, exit_cost`},
		{"duplicate key", "name = \"x\"\nname = \"y\"\n", `t.toml:2:1: name: duplicate key "name": it is already given at line 1`},
		{"duplicate table", "[budget]\nannual = 1\n[budget]\nannual = 2\n", `t.toml:3:2: budget: duplicate key "budget": it is already given at line 1
t.toml:4:1: budget.annual: duplicate key "annual": it is already given at line 2`},
		{"syntax", "name = \"x\"\n[horizon\n", `t.toml:2:9: expected character ]`},
		{"date", strings.Replace(tomlBase, `"2027-Q1"`, "2027-01-01", 1), `t.toml:1:12: horizon.start: expected a month such as 2027-01, a quarter such as 2027-Q1 (FY28-Q1 under a fiscal year) or a year such as 2027 (FY28), got the date or time 2027-01-01`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.toml", c.doc); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

const tomlBase = `horizon = {start = "2027-Q1", periods = 4}
budget = {annual = 1}
central = {cost_per_fte = 100000}
regions = [{name = "A", sellers = 1, cost_per_fte = 100000}]
`

func TestJSONDiagnostics(t *testing.T) {
	const base = `{
  "horizon": {"start": "2027-Q1", "periods": 4},
  "budget": {"annual": 1000000},
  "central": {"cost_per_fte": 100000},
  "regions": [{"name": "EMEA", "sellers": 100, "cost_per_fte": 90000}]
}
`
	for _, c := range []struct{ name, doc, want string }{
		{"valid", base, ``},
		{"values", strings.Replace(base, `"sellers": 100`, `"sellers": -4, "Sellers": 3`, 1), `t.json:5:32: regions[0].sellers: -4 is out of range: sellers must be >= 0
t.json:5:47: regions[0].sellers: duplicate key "Sellers": it is already given at line 5`},
		{"integers", strings.Replace(base, `"periods": 4`, `"periods": 4.5`, 1), `t.json:2:35: horizon.periods: expected an integer between 1 and 120, got 4.5`},
		{"syntax", strings.Replace(base, `4}`, `4,}`, 1), `t.json:2:48: invalid character '}' looking for beginning of object key string`},
		{"huge number", strings.Replace(base, `100000}`, `1e400}`, 1), `t.json:4:31: number 1e400 is too large`},
		{"not an object", `[1, 2]`, `t.json:1:1: the file must hold a mapping of keys (name, horizon, budget, ...), got a list`},
		{"no positions when not YAML", strings.Replace(base, `"EMEA"`, `"\ud83d\ude00"`, 1) + " ", ``},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.json", c.doc); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestDottedKeys(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"t.yaml", baseDoc + "policy.max_fte: 45\n", `t.yaml:12:1: policy.max_fte: key "policy.max_fte" has a dot: nest the keys instead (a: {b: 1}, not a.b: 1)`},
		{"t.toml", tomlBase + "\"policy.max_fte\" = 45\n", `t.toml:5:1: policy.max_fte: key "policy.max_fte" has a dot: nest the keys instead (a: {b: 1}, not a.b: 1)`},
	} {
		if got := loadErr(t, c.name, c.doc); got != c.want {
			t.Errorf("got\n%s\nwant\n%s", got, c.want)
		}
	}
	// TOML's own dotted keys are nesting, as they should be.
	if s := mustLoad(t, "t.toml", tomlBase+"policy.max_fte = 45\n"); s.Policy.MaxFTE != 45 {
		t.Errorf("max_fte = %v", s.Policy.MaxFTE)
	}
}

// A file that is not UTF-8 is refused at its first bad byte, in every
// format: encoding/json read a Latin-1 é as U+FFFD, silently changing a
// region's name and id ("am_rique"), and go-yaml refused it without a
// line. A UTF-16 file with its byte order mark is still go-yaml's to read.
func TestNotUTF8(t *testing.T) {
	for name, doc := range map[string]string{
		"t.json": "{\"name\": \"x\",\n \"regions\": [{\"name\": \"Am\xe9rique\"}]}",
		"t.yaml": "name: x\nregions:\n  - name: Am\xe9rique\n",
		"t.toml": "name = \"x\"\n[[regions]]\nname = \"Am\xe9rique\"\n",
	} {
		got := loadErr(t, name, doc)
		line := map[string]string{"t.json": ":2:26:", "t.yaml": ":3:13:", "t.toml": ":3:11:"}[name]
		if want := name + line + " the file is not UTF-8 (byte 0xE9 here)"; !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want it to start %q", name, got, want)
		}
	}
	if got := loadErr(t, "t.yaml", "\xff\xfeh\x00o\x00"); strings.Contains(got, "UTF-8") {
		t.Errorf("UTF-16 with a byte order mark: %q", got)
	}
}

// Every column of a scenario file counts characters, as go-yaml's do (an
// editor's column): the positions cardio finds itself (a JSON syntax
// error, a control character, a byte that is not UTF-8, every TOML key
// and a TOML syntax error) counted bytes, one column late per "ü".
func TestColumnsCountCharacters(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"t.yaml", "name: Zürich\nregions: [{name: \"Zürich😀\", sellers: -200}]\n", "t.yaml:2:29: regions[0].sellers:"},
		{"t.json", "{\"name\": \"Zürich😀\",}", "t.json:1:20: invalid character '}'"},
		{"t.yaml", "name: \"Zürich\x01\"\n", "t.yaml:1:14: the control character U+0001"},
		{"t.yaml", "name: Zürich\xe9\n", "t.yaml:1:13: the file is not UTF-8"},
		{"t.toml", "name = \"Zürich😀\"; bogus = 1\n", "t.toml:1:17:"},
		{"t.toml", "name = \"Zürich😀\"\nbogus = 1\n[budget]\nannual = \"é\" x\n", "t.toml:4:14:"},
		{"t.toml", "regions = [{name = \"Zü\", sellers = -1, cost_per_fte = 1}]\n", "t.toml:1:26: regions[0].sellers:"},
	} {
		if got := loadErr(t, c.name, c.doc); !strings.Contains(got, c.want) {
			t.Errorf("%s %q: got\n%s\nwant ...%s", c.name, c.doc, got, c.want)
		}
	}
}
