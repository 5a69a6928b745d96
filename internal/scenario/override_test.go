package scenario

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestOverrides(t *testing.T) {
	for _, c := range []struct {
		set   string
		check func(s *Scenario) bool
	}{
		{"budget.annual=5.8e6", func(s *Scenario) bool { return s.Budget.Annual == 5.8e6 }},
		{"budget.change_per_year=0", func(s *Scenario) bool { return s.Budget.ChangePerYear == 0 }},
		{"policy.central_share.max=0.6", func(s *Scenario) bool { return s.Policy.CentralShare == Share{0.2, 0.6} }},
		// A flow mapping replaces the whole mapping: max is back to its default.
		{"policy.central_share={min: 0.1}", func(s *Scenario) bool { return s.Policy.CentralShare == Share{0.1, 1} }},
		{"policy.max_fte=50", func(s *Scenario) bool { return s.Policy.MaxFTE == 50 }},
		{"regions[0].sellers=300", func(s *Scenario) bool { return s.Regions[0].Sellers == 300 }},
		{"regions[EMEA].cost_per_fte=140000", func(s *Scenario) bool { return s.Regions[1].CostPerFTE == 140000 }},
		{"regions[emea].sellers=150", func(s *Scenario) bool { return s.Regions[1].Sellers == 150 }},
		{"regions[north america].seller_growth_per_year=0.1", func(s *Scenario) bool { return s.Regions[0].SellerGrowthPerYear == 0.1 }},
		{"regions[north_america].max_exits_per_period=1", func(s *Scenario) bool { return s.Regions[0].MaxExitsPerPeriod == 1 }},
		{"regions[EMEA].current_fte.proposals=1.5", func(s *Scenario) bool { return s.Regions[1].CurrentFTE["proposals"] == 1.5 }},
		{"investments[cpq].cost.per_year=100000", func(s *Scenario) bool { return s.Investments[0].PerYear == 100000 }},
		{"investments[0].scalable=true", func(s *Scenario) bool { return s.Investments[0].Scalable }},
		{"investments[CPQ platform].owned=true", func(s *Scenario) bool { return s.Investments[0].Owned }},
		{"investments[cpq].decision=in", func(s *Scenario) bool { return s.Investments[0].Decision == In }},
		{"investments[cpq].decision=out", func(s *Scenario) bool { return s.Investments[0].Decision == Out }},
		{"functions[deal_reviews].min_coverage=0.5", func(s *Scenario) bool { return s.Functions[s.FunctionIndex("deal_reviews")].MinCoverage == 0.5 }},
		// A catalog function the file does not list.
		{"functions[analytics].weight=2", func(s *Scenario) bool { return s.Functions[s.FunctionIndex("analytics")].Weight == 2 }},
		{"functions[partner_ops].stage_multipliers.growth=1.5", func(s *Scenario) bool {
			return s.Functions[s.FunctionIndex("partner_ops")].StageMultipliers[Growth] == 1.5
		}},
		{"central.current_fte.comp_admin=4", func(s *Scenario) bool { return s.Central.CurrentFTE["comp_admin"] == 4 }},
		{"central.max_exits_per_period=2", func(s *Scenario) bool { return s.Central.MaxExitsPerPeriod == 2 }},
		{"stage=[growth, growth, margin, margin]", func(s *Scenario) bool {
			return reflect.DeepEqual(s.Stages, []Stage{Growth, Growth, Margin, Margin})
		}},
		{"stage=margin", func(s *Scenario) bool { return s.Stages[3] == Margin }},
		{"horizon.start=2028-Q3", func(s *Scenario) bool { return s.Horizon.StartYear == 2028 && s.Horizon.StartIndex == 3 }},
		{"horizon={start: 2027, periods: 2}", func(s *Scenario) bool { return s.Horizon.Period == Year && s.Horizon.Periods == 2 }},
		{"description=Note: flat budget, #2", func(s *Scenario) bool { return s.Description == "Note: flat budget, #2" }},
		{"name='FY28'", func(s *Scenario) bool { return s.Name == "FY28" }},
		{" budget.annual = 7e6 ", func(s *Scenario) bool { return s.Budget.Annual == 7e6 }},
		{"checkup.stale_mix_act=0.2", func(s *Scenario) bool { return s.Checkup["stale_mix_act"] == 0.2 }},
		// Anchors and aliases within one value mean what they mean in a
		// file; an alias in text that is not YAML is text; quoted, an
		// alias or anchor is text.
		{"stage=[&s margin, *s, growth, *s]", func(s *Scenario) bool {
			return reflect.DeepEqual(s.Stages, []Stage{Margin, Margin, Growth, Margin})
		}},
		{"policy.central_share={min: &a 0.3, max: *a}", func(s *Scenario) bool { return s.Policy.CentralShare == Share{0.3, 0.3} }},
		{"description=Note: see *a", func(s *Scenario) bool { return s.Description == "Note: see *a" }},
		{`description="*a"`, func(s *Scenario) bool { return s.Description == "*a" }},
		{`description='&Co partners'`, func(s *Scenario) bool { return s.Description == "&Co partners" }},
	} {
		t.Run(c.set, func(t *testing.T) {
			s, err := Load("testdata/baseline.yaml", []string{c.set})
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(s) {
				t.Errorf("not applied: %+v", s)
			}
		})
	}
}

func TestOverridesApplyInOrder(t *testing.T) {
	s, err := Load("testdata/baseline.yaml", []string{"budget.annual=1", "budget.annual=2", "regions[1].name=Europe", "regions[europe].sellers=7"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Budget.Annual != 2 || s.Regions[1].Name != "Europe" || s.Regions[1].ID != "europe" || s.Regions[1].Sellers != 7 {
		t.Errorf("got budget %v, region %+v", s.Budget.Annual, s.Regions[1])
	}
	// Each load starts from the file again.
	if s, _ := Load("testdata/baseline.yaml", nil); s.Budget.Annual != 6200000 || s.Regions[1].Name != "EMEA" {
		t.Error("an override leaked into a later load")
	}
}

func TestOverrideProblems(t *testing.T) {
	for _, c := range []struct {
		sets []string
		want string
	}{
		{[]string{"foo"}, `--set: "foo": expected key=value, such as budget.annual=5.8e6`},
		{[]string{"=5"}, `--set: "=5": expected a key (lower-case letters, digits and underscores) at ""`},
		{[]string{"budget..annual=1"}, `--set: "budget..annual=1": expected a key (lower-case letters, digits and underscores) at ".annual"`},
		{[]string{"Budget.annual=1"}, `--set: "Budget.annual=1": keys are lower case: write "budget.annual"`},
		{[]string{"regions[0.sellers=1"}, `--set: "regions[0.sellers=1": missing ] after "[0.sellers"`},
		{[]string{"regions[].sellers=1"}, `--set: "regions[].sellers=1": empty [] selector: give an index or an element's name or id`},
		{[]string{"regions[0]x=1"}, `--set: "regions[0]x=1": unexpected "x" in the key: join keys with dots and select list elements with [ ]`},
		{[]string{"regions[5].sellers=1"}, `--set: "regions[5].sellers=1": index 5 is out of range: regions has 2 elements`},
		{[]string{"regions[-1].sellers=1"}, `--set: "regions[-1].sellers=1": index -1 is out of range: regions has 2 elements`},
		{[]string{"regions[APAC].sellers=1"}, `--set: "regions[APAC].sellers=1": regions has no element with name or id "APAC". Regions: "North America", "EMEA"`},
		{[]string{"regions[north_amerika].sellers=1"}, `--set: "regions[north_amerika].sellers=1": regions has no element with name or id "north_amerika": did you mean "North America"? Regions: "North America", "EMEA"`},
		{[]string{"investments[bi].cost.upfront=1"}, `--set: "investments[bi].cost.upfront=1": investments has no element with name or id "bi". Investment ids: cpq`},
		{[]string{"functions[nope].weight=1"}, `--set: "functions[nope].weight=1": functions has no element with name or id "nope". Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content, partner_ops`},
		{[]string{"budget[0]=1"}, `--set: "budget[0]=1": budget is a mapping, not a list: it has no element [0]`},
		{[]string{"budget.annual.x=1"}, `--set: "budget.annual.x=1": budget.annual is 6200000, not a mapping: it has no key "x"`},
		{[]string{"budget.annual="}, `--set: "budget.annual=": no value after "="`},
		{[]string{"budget.annual=~"}, `--set: "budget.annual=~": null is not a value: an override sets a value (leave a key out in the file to get its default)`},
		{[]string{"stage=[growth, margin"}, `--set: "stage=[growth, margin": the value is not a valid YAML flow value: line 1: did not find expected ',' or ']'`},
		// A --set value is read alone: an alias cannot use an anchor of
		// the file or of another --set (it was taken as the text "*a"),
		// and an anchor no alias of the value uses is refused (it was
		// dropped without a word: &a 0.8 read as 0.8).
		{[]string{"policy.healthy_heart=*a"}, `--set: "policy.healthy_heart=*a": the alias *a names no anchor (&a) in this value: a --set value is read alone, so it cannot use the scenario file's anchors or another --set's; write the value itself (quoted, "*a", for text)`},
		{[]string{"stage=[growth, *s]"}, `--set: "stage=[growth, *s]": the alias *s names no anchor (&s) in this value: a --set value is read alone, so it cannot use the scenario file's anchors or another --set's; write the value itself (quoted, "*s", for text)`},
		{[]string{"policy.healthy_heart=&a 0.8", "policy.brain_weight=*a"}, strings.Join([]string{
			`--set: "policy.healthy_heart=&a 0.8": the anchor &a is used by no alias (*a) in this value: a --set value is read alone, so neither another --set nor the scenario file can use its anchors; remove &a (or quote the value for text)`,
			`--set: "policy.brain_weight=*a": the alias *a names no anchor (&a) in this value: a --set value is read alone, so it cannot use the scenario file's anchors or another --set's; write the value itself (quoted, "*a", for text)`,
		}, "\n")},
		{[]string{"description=&Co partners"}, `--set: "description=&Co partners": the anchor &Co is used by no alias (*Co) in this value: a --set value is read alone, so neither another --set nor the scenario file can use its anchors; remove &Co (or quote the value for text)`},
		{[]string{"stage=&s [growth, margin]"}, `--set: "stage=&s [growth, margin]": the anchor &s is used by no alias (*s) in this value: a --set value is read alone, so neither another --set nor the scenario file can use its anchors; remove &s (or quote the value for text)`},
		{[]string{"policy.central_share={min: &a 0.2, max: 0.6}"}, `--set: "policy.central_share={min: &a 0.2, max: 0.6}": the anchor &a is used by no alias (*a) in this value: a --set value is read alone, so neither another --set nor the scenario file can use its anchors; remove &a (or quote the value for text)`},
		{[]string{"policy.central_share={Min: 1}"}, `--set: "policy.central_share={Min: 1}": key "Min" in the value must be lower case`},
		// A duplicate the override made is the override's, not the
		// file's (it was placed at regions[1].name's line).
		{[]string{"regions[0].name=EMEA"}, `--set: regions[1].name: duplicate region name "EMEA": regions[0] has it too (names are compared ignoring case) (set by --set "regions[0].name=EMEA")`},
		{[]string{"functions[1].id=deal_reviews"}, `--set: functions[1].id: duplicate function id "deal_reviews": functions[0] has it too (set by --set "functions[1].id=deal_reviews")`},
		{[]string{"functions[0].id=partner_ops"}, strings.Join([]string{
			`--set: functions[0].id: "partner_ops" is not in the built-in catalog, and a new function needs class (heart or brain) and locality (central, either or local) (set by --set "functions[0].id=partner_ops")`,
			`--set: functions[1].id: duplicate function id "partner_ops": functions[0] has it too (set by --set "functions[0].id=partner_ops")`,
		}, "\n")},
		// Problems with an overridden value name the override as their place.
		{[]string{"regions[EMEA].sellers=-4"}, `--set: regions[1].sellers: -4 is out of range: sellers must be >= 0 (set by --set "regions[EMEA].sellers=-4")`},
		{[]string{"budget.anual=5"}, `--set: budget.anual: unknown key "anual" (did you mean "annual"?): allowed keys are annual, per_period, change_per_year (set by --set "budget.anual=5")`},
		{[]string{"budget.annual=5M"}, `--set: budget.annual: expected a number >= 0, got the string "5M" (set by --set "budget.annual=5M")`},
		{[]string{"investments[cpq].decision=forced"}, `--set: investments[0].decision: "forced" is not allowed: decision must be optimize, in or out (set by --set "investments[cpq].decision=forced")`},
		{[]string{"investments[cpq].requires=[cpq]"}, `--set: investments[0].requires[0]: investment "cpq" cannot require itself (set by --set "investments[cpq].requires=[cpq]")`},
		{[]string{"central.current_fte.comp_admn=1"}, `--set: central.current_fte.comp_admn: "comp_admn" is not a function of this scenario: did you mean "comp_admin" (Compensation administration)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content, partner_ops (set by --set "central.current_fte.comp_admn=1")`},
		// The latest override that covers a path is its place.
		{[]string{"regions[0].sellers=-1", "regions=[{name: X, sellers: -2, cost_per_fte: 100000}]"}, `--set: regions[0].sellers: -2 is out of range: sellers must be >= 0 (set by --set "regions=[{name: X, sellers: -2, cost_per_fte: 100000}]")`},
		{[]string{"regions=[{name: X, sellers: -2, cost_per_fte: 100000}]", "regions[0].sellers=-1"}, `--set: regions[0].sellers: -1 is out of range: sellers must be >= 0 (set by --set "regions[0].sellers=-1")`},
		// Malformed overrides come first, then the file's problems; all at once.
		{[]string{"x", "regions[1].sellers=-4", "horizon.period=year"}, strings.Join([]string{
			`--set: "x": expected key=value, such as budget.annual=5.8e6`,
			`--set: horizon.period: period is year but start 2027-Q1 is a quarter: write start: 2027, or period: quarter (set by --set "horizon.period=year")`,
			`--set: regions[1].sellers: -4 is out of range: sellers must be >= 0 (set by --set "regions[1].sellers=-4")`,
		}, "\n")},
	} {
		t.Run(strings.Join(c.sets, " "), func(t *testing.T) {
			_, err := Load("testdata/baseline.yaml", c.sets)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			for _, d := range err.(Diagnostics) {
				if d.File != SetFile || d.Line != 0 || d.Col != 0 {
					t.Errorf("diagnostic %+v is not placed at --set", d)
				}
			}
		})
	}
}

func TestOverrideProblemsBesideFileProblems(t *testing.T) {
	_, err := LoadBytes("t.yaml", []byte(edit(t, "sellers: 100", "sellers: -1")), []string{"budget.annual=-1"})
	want := `--set: budget.annual: -1 is out of range: annual must be >= 0 (set by --set "budget.annual=-1")
t.yaml:10:5: regions[0].sellers: -1 is out of range: sellers must be >= 0`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestOverrideAddsCatalogFunctionOnlyWithTheCatalog(t *testing.T) {
	doc := baseDoc + "catalog: none\nfunctions:\n  - {id: ops, class: heart, locality: local}\n"
	got := loadErr(t, "t.yaml", doc, "functions[analytics].weight=2")
	if want := `--set: "functions[analytics].weight=2": functions has no element with name or id "analytics". Function ids: ops`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	s := mustLoad(t, "t.yaml", baseDoc, "functions[analytics].weight=2")
	if f := s.Functions[s.FunctionIndex("analytics")]; f.Weight != 2 || f.Name != "Sales analytics" {
		t.Errorf("analytics = %+v", f)
	}
}

// A problem an override caused keeps the override apart from its message
// (Diagnostic.Set): the CLI says it "(set by --set ...)", a view where no
// --set was typed (a sweep's point, the workbench) says the problem alone.
func TestOverrideDiagnosticKeepsSetApart(t *testing.T) {
	_, err := Load(filepath.Join("..", "..", "scenarios", "baseline.yaml"), []string{"budget.annual=-5"})
	var ds Diagnostics
	if !errors.As(err, &ds) || len(ds) != 1 {
		t.Fatalf("load: %v", err)
	}
	d := ds[0]
	if d.File != SetFile || d.Set != "budget.annual=-5" || d.Message != "-5 is out of range: annual must be >= 0" {
		t.Fatalf("diagnostic %+v", d)
	}
	if got, want := d.String(), `--set: budget.annual: -5 is out of range: annual must be >= 0 (set by --set "budget.annual=-5")`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := d.Problem(), "budget.annual: -5 is out of range: annual must be >= 0"; got != want {
		t.Errorf("Problem() = %q, want %q", got, want)
	}
}
