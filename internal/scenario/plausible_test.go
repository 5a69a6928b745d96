package scenario

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestWarnings checks each usual range at a value just outside it (a
// warning, and the scenario loads) and at its bound (no warning).
func TestWarnings(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           string // the warning; "" for none
	}{
		{"seller growth 600%", "sellers: 100", "sellers: 100\n    seller_growth_per_year: 6",
			`t.yaml:11:5: warning: regions[0].seller_growth_per_year: 6 (+600% a year) is unusual: seller_growth_per_year is usually at most 1 (+100% a year); it is a fraction: write 0.06 for 6% a year`},
		{"seller growth 100%", "sellers: 100", "sellers: 100\n    seller_growth_per_year: 1", ""},
		{"budget change 800%", "annual: 1000000", "annual: 1000000\n  change_per_year: 8",
			`t.yaml:6:3: warning: budget.change_per_year: 8 (+800% a year) is unusual: change_per_year is usually at most 1 (+100% a year); it is a fraction: write 0.06 for 6% a year`},
		{"budget falling 90%", "annual: 1000000", "annual: 1000000\n  change_per_year: -0.9", ""},
		{"healthy heart 0.3", "regions:", "policy: {healthy_heart: 0.3}\nregions:",
			`t.yaml:8:10: warning: policy.healthy_heart: 0.3 (30%) is unusual: healthy_heart is usually at least 0.5 (50%); below it, a heart counts as healthy with half its work undone`},
		{"healthy heart 0.5", "regions:", "policy: {healthy_heart: 0.5}\nregions:", ""},
		{"cost 9999", "  cost_per_fte: 100000", "  cost_per_fte: 9999",
			`t.yaml:7:3: warning: central.cost_per_fte: 9999 is unusual: cost_per_fte is usually between 10000 and 2000000; the fully loaded cost of one FTE a year, in USD`},
		{"cost 10000", "  cost_per_fte: 100000", "  cost_per_fte: 10000", ""},
		{"cost 2000001", "    cost_per_fte: 90000", "    cost_per_fte: 2000001",
			`t.yaml:11:5: warning: regions[0].cost_per_fte: 2000001 is unusual: cost_per_fte is usually between 10000 and 2000000; the fully loaded cost of one FTE a year, in USD`},
		{"cost in EUR", "horizon:", "currency: EUR\nhorizon:", ""},
		// The range is in dollars: in yen a cost of 12 million is ordinary.
		{"cost in JPY", "  cost_per_fte: 100000", "  cost_per_fte: 12000000\ncurrency: JPY", ""},
		{"cost 0 in EUR", "  cost_per_fte: 100000", "  cost_per_fte: 0\ncurrency: EUR",
			`t.yaml:7:3: warning: central.cost_per_fte: 0 is unusual: cost_per_fte is usually between 10000 and 2000000; the fully loaded cost of one FTE a year, in EUR`},
		{"effectiveness", "regions:", "policy: {central_effectiveness: {local: 3.5}}\nregions:",
			`t.yaml:8:34: warning: policy.central_effectiveness.local: 3.5 is unusual: local is usually between 0.2 and 3; FTE-equivalents of work one FTE delivers`},
		{"fte per 100 sellers", "regions:", "functions: [{id: cpq, fte_per_100_sellers: 6}]\nregions:",
			`t.yaml:8:23: warning: functions[0].fte_per_100_sellers: 6 is unusual: fte_per_100_sellers is usually at most 5; the built-in catalog's largest is 1 (sales_support)`},
		{"stage multiplier", "regions:", "functions: [{id: cpq, stage_multipliers: {margin: 4}}]\nregions:",
			`t.yaml:8:43: warning: functions[0].stage_multipliers.margin: 4 is unusual: margin is usually at most 3; the built-in catalog's run from 0.2 to 1.5`},
		{"seller hours", "regions:", "investments: [{id: cpq, seller_hours_per_week: 12}]\nregions:",
			`t.yaml:8:25: warning: investments[0].seller_hours_per_week: 12 is unusual: seller_hours_per_week is usually at most 10; hours per seller per week; a quarter of a working week is already a large gain`},
		// Under whole people a team changes by whole people: a fractional
		// limit is its floor.
		{"fractional hire limit, whole people", "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  max_hires_per_period: 0.5\npolicy: {whole_people: true}",
			`t.yaml:8:3: warning: central.max_hires_per_period: 0.5 hires a quarter is not a whole number: with policy.whole_people a team's headcount changes by whole people, so it allows 0 hires a quarter; write a whole number (fewer than one hire a quarter needs longer periods)`},
		{"fractional exit limit, whole people", "    cost_per_fte: 90000", "    cost_per_fte: 90000\n    max_exits_per_period: 2.5\npolicy: {whole_people: true}",
			`t.yaml:12:5: warning: regions[0].max_exits_per_period: 2.5 exits a quarter is not a whole number: with policy.whole_people a team's headcount changes by whole people, so it allows 2 exits a quarter; write a whole number (fewer than one exit a quarter needs longer periods)`},
		{"fractional hire limit", "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  max_hires_per_period: 0.5", ""},
		{"whole hire limit, whole people", "  cost_per_fte: 100000", "  cost_per_fte: 100000\n  max_hires_per_period: 2\npolicy: {whole_people: true}", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustLoad(t, "t.yaml", edit(t, c.old, c.new))
			if got := s.Warnings.Error(); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			for _, w := range s.Warnings {
				if w.Severity != Warning || w.Code != CodeImplausible {
					t.Errorf("severity %v, code %q: want warning, %q", w.Severity, w.Code, CodeImplausible)
				}
			}
		})
	}
}

// TestWarningsWithErrors: an impossible value stays an error, and the
// warnings found in the same pass come with it, in line order.
func TestWarningsWithErrors(t *testing.T) {
	doc := edit(t, "sellers: 100", "sellers: -1\n    seller_growth_per_year: 6")
	_, err := LoadBytes("t.yaml", []byte(doc), nil)
	ds, ok := err.(Diagnostics)
	if !ok {
		t.Fatalf("want Diagnostics, got %v", err)
	}
	if len(ds.Errors()) != 1 || len(ds.Warnings()) != 1 || !ds.HasErrors() {
		t.Fatalf("want 1 error and 1 warning, got\n%v", ds)
	}
	if ds[0].Severity != Error || ds[0].Code != CodeRange || ds[1].Severity != Warning {
		t.Errorf("want the error (line 10) before the warning (line 11), got\n%v", ds)
	}
	// A value that is an error is not also unusual.
	doc = edit(t, "sellers: 100", "sellers: 100\n    seller_growth_per_year: -2")
	_, err = LoadBytes("t.yaml", []byte(doc), nil)
	if ds := err.(Diagnostics); len(ds) != 1 || ds[0].Severity != Error {
		t.Errorf("want one error, got\n%v", ds)
	}
}

// TestWarningBySet: a warning about a value an override set is placed at
// the override, like an error.
func TestWarningBySet(t *testing.T) {
	s := mustLoad(t, "t.yaml", baseDoc, "regions[EMEA].seller_growth_per_year=6")
	want := `--set: warning: regions[0].seller_growth_per_year: 6 (+600% a year) is unusual: seller_growth_per_year is usually at most 1 (+100% a year); it is a fraction: write 0.06 for 6% a year (set by --set "regions[EMEA].seller_growth_per_year=6")`
	if got := s.Warnings.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDiagnosticJSON(t *testing.T) {
	d := Diagnostic{File: "a.yaml", Line: 2, Col: 3, Path: "p", Severity: Warning, Code: CodeImplausible, Message: "m"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"file":"a.yaml","line":2,"col":3,"path":"p","severity":"warning","code":"implausible","message":"m"}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	var back Diagnostic
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("round trip: %v, %+v", err, back)
	}
	if b, _ := json.Marshal(Diagnostic{}); !strings.Contains(string(b), `"severity":"error"`) || strings.Contains(string(b), `"code"`) {
		t.Errorf("zero diagnostic: %s", b)
	}
}
