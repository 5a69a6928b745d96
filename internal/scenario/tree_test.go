package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

const baselineFile = "../../scenarios/baseline.yaml"

func parseFile(t *testing.T, file string) *Doc {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func decodeOK(t *testing.T, d *Doc) *Scenario {
	t.Helper()
	s, diags := d.Decode()
	if s == nil {
		t.Fatalf("decode: %v", diags)
	}
	return s
}

func diagsOf(t *testing.T, err error) Diagnostics {
	t.Helper()
	var ds Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error %v (%T) is not Diagnostics", err, err)
	}
	return ds
}

// Each kind of path takes a typed value, and the decoded scenario has it.
func TestDocSetPaths(t *testing.T) {
	doc := parseFile(t, baselineFile)
	for _, tc := range []struct {
		path  string
		value any
		check func(s *Scenario) bool
	}{
		{"budget.annual", 5.8e6, func(s *Scenario) bool { return s.Budget.Annual == 5.8e6 }},
		{"regions[EMEA].sellers", 300.0, func(s *Scenario) bool { return s.Regions[1].Sellers == 300 }},
		{"regions[north america].sellers", 400, func(s *Scenario) bool { return s.Regions[0].Sellers == 400 }},
		{"regions[north_america].seller_growth_per_year", 0.1, func(s *Scenario) bool { return s.Regions[0].SellerGrowthPerYear == 0.1 }},
		{"regions[2].cost_per_fte", 110000.0, func(s *Scenario) bool { return s.Regions[2].CostPerFTE == 110000 }},
		{"functions[cpq].min_coverage", 0.5, func(s *Scenario) bool { return fn(s, "cpq").MinCoverage == 0.5 }},
		{"functions[sales_support].weight", 3.0, func(s *Scenario) bool { return fn(s, "sales_support").Weight == 3 }},
		{"investments[0].cost.per_year", 120000.0, func(s *Scenario) bool { return s.Investments[0].PerYear == 120000 }},
		{"investments[cpq].scalable", true, func(s *Scenario) bool { return s.Investments[0].Scalable }},
		{"description", "Cut 8%", func(s *Scenario) bool { return s.Description == "Cut 8%" }},
		{"central.current_fte.comp_admin", 6, func(s *Scenario) bool { return s.Central.CurrentFTE["comp_admin"] == 6 }},
		{"stage", []string{"growth", "growth", "margin", "margin"}, func(s *Scenario) bool { return s.Stages[3] == Margin && s.Stages[0] == Growth }},
		{"budget.per_period", []float64{1e6, 1e6, 2e6, 2e6}, func(s *Scenario) bool { return s.Budget.PerPeriod[2] == 2e6 }},
		{"policy.central_share", map[string]any{"min": 0.3}, func(s *Scenario) bool {
			return s.Policy.CentralShare.Min == 0.3 && s.Policy.CentralShare.Max == 1 // a mapping replaces the mapping: max at its default
		}},
		{"investments[cpq].covers", map[string]any{"cpq": 0.5}, func(s *Scenario) bool {
			return reflect.DeepEqual(s.Investments[0].Covers, map[string]float64{"cpq": 0.5})
		}},
	} {
		d := doc.Clone()
		if tc.path == "budget.per_period" {
			if err := d.Set("budget", map[string]any{}); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Set(tc.path, tc.value); err != nil {
			t.Errorf("Set(%s, %v): %v", tc.path, tc.value, err)
			continue
		}
		if s, diags := d.Decode(); s == nil || !tc.check(s) {
			t.Errorf("Set(%s, %v): the scenario does not have it: %v", tc.path, tc.value, diags)
		}
	}
}

func fn(s *Scenario, id string) Function {
	for _, f := range s.Functions {
		if f.ID == id {
			return f
		}
	}
	return Function{}
}

// A catalog function the file does not list is added by a set, as --set
// adds it; with catalog: none it is an unknown element.
func TestDocSetAddsCatalogFunction(t *testing.T) {
	d := parseFile(t, baselineFile)
	if fn(decodeOK(t, d), "analytics").Weight == 2 {
		t.Fatal("analytics already has weight 2")
	}
	if err := d.Set("functions[analytics].weight", 2.0); err != nil {
		t.Fatal(err)
	}
	if fn(decodeOK(t, d), "analytics").Weight != 2 {
		t.Error("functions[analytics].weight was not set")
	}
	none, err := Parse("n.yaml", []byte(baseDoc+"catalog: none\nfunctions: [{id: ops, class: heart, locality: local}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := none.Set("functions[analytics].weight", 2.0); err == nil || diagsOf(t, err)[0].Code != CodeOverride {
		t.Errorf("catalog none: %v, want an override error", err)
	}
}

// A set that cannot be made is refused with the loader's own message and
// suggestions, and the values stay as they were; Decode reports it again
// with the rest.
func TestDocSetRefused(t *testing.T) {
	for _, tc := range []struct {
		path  string
		value any
		code  Code
		diag  string
	}{
		{"budget.anual", 5e6, CodeUnknownKey, `--set: budget.anual: unknown key "anual" (did you mean "annual"?): allowed keys are annual, per_period, change_per_year (set by --set "budget.anual=5e+06")`},
		{"polcy.max_fte", 40.0, CodeUnknownKey, `--set: polcy: unknown key "polcy" (did you mean "policy"?): allowed keys are name, description, currency, horizon, catalog, stage, budget, policy, central, regions, roster, functions, investments, checkup (set by --set "polcy.max_fte=40")`},
		{"regions[EMEA].seller", 3.0, CodeUnknownKey, `--set: regions[1].seller: unknown key "seller" (did you mean "sellers"?)`},
		{"regions[APAC2].sellers", 100.0, CodeOverride, `--set: "regions[APAC2].sellers=100": regions has no element with name or id "APAC2"`},
		{"functions[quoting].min_coverage", 0.8, CodeOverride, `did you mean "cpq" (Quoting and CPQ) or "quotas" (Quota setting)?`},
		{"regions[7].sellers", 1.0, CodeOverride, `index 7 is out of range: regions has 3 elements`},
		{"budget.annual.x", 1.0, CodeOverride, `budget.annual is 6200000, not a mapping: it has no key "x"`},
		{"Budget.annual", 1.0, CodeOverride, `keys are lower case: write "budget.annual"`},
		{"budget..annual", 1.0, CodeOverride, `expected a key`},
		{"budget.annual", nil, CodeOverride, `null is not a value`},
		{"budget.annual", struct{}{}, CodeOverride, `not a Go struct {}`},
		{"policy", map[string]any{"Max_FTE": 3}, CodeOverride, `key "Max_FTE" in the value must be lower case`},
	} {
		d := parseFile(t, baselineFile)
		before := decodeOK(t, d)
		err := d.Set(tc.path, tc.value)
		if err == nil {
			t.Errorf("Set(%s, %v): no error", tc.path, tc.value)
			continue
		}
		ds := diagsOf(t, err)
		if ds[0].Code != tc.code || ds[0].File != SetFile || !strings.Contains(ds[0].String(), tc.diag) {
			t.Errorf("Set(%s, %v): %s (code %q), want code %q and %q", tc.path, tc.value, ds[0], ds[0].Code, tc.code, tc.diag)
		}
		s, diags := d.Decode()
		if s != nil || !reflect.DeepEqual(diags, ds) {
			t.Errorf("Set(%s, %v): Decode gives %v, want the refusal %v", tc.path, tc.value, diags, ds)
		}
		// The values are unchanged: a clone without the refusal decodes
		// as before.
		c := d.Clone()
		c.problems = nil
		if got := decodeOK(t, c); !reflect.DeepEqual(got, before) {
			t.Errorf("Set(%s, %v): a refused set changed the values", tc.path, tc.value)
		}
	}
}

// Problems of set values are placed at the override; the others stay at
// their line and column in the file.
func TestDocDiagnosticPositions(t *testing.T) {
	d, err := Parse("t.yaml", []byte(baseDoc+"policy:\n  max_fte: -3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Set("regions[EMEA].sellers", -4.0); err != nil {
		t.Fatal(err)
	}
	if err := d.Set("budget.annual", "lots"); err != nil {
		t.Fatal(err)
	}
	_, diags := d.Decode()
	want := []struct {
		s    string
		code Code
	}{
		{`--set: budget.annual: expected a number >= 0, got the string "lots" (set by --set "budget.annual=lots")`, CodeType},
		{`--set: regions[0].sellers: -4 is out of range: sellers must be >= 0 (set by --set "regions[EMEA].sellers=-4")`, CodeRange},
		{`t.yaml:13:3: policy.max_fte: -3 is out of range: max_fte must be > 0`, CodeRange},
	}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	for i, w := range want {
		if diags[i].String() != w.s || diags[i].Code != w.code {
			t.Errorf("diagnostic %d: %s (%q), want %s (%q)", i, diags[i], diags[i].Code, w.s, w.code)
		}
	}
}

// A clone and its original do not see each other's sets, however deep.
func TestDocCloneIndependent(t *testing.T) {
	orig := parseFile(t, baselineFile)
	base := decodeOK(t, orig)
	c := orig.Clone()
	for path, v := range map[string]any{"regions[EMEA].current_fte.proposals": 9.0, "budget.annual": 1e6, "investments[cpq].covers.cpq": 0.9, "functions[cpq].weight": 4.0} {
		if err := c.Set(path, v); err != nil {
			t.Fatal(err)
		}
	}
	if got := decodeOK(t, orig); !reflect.DeepEqual(got, base) {
		t.Error("sets on a clone changed the original")
	}
	cs := decodeOK(t, c)
	if err := orig.Set("regions[EMEA].current_fte.proposals", 1.0); err != nil {
		t.Fatal(err)
	}
	if err := orig.Set("budget.annual", 7e6); err != nil {
		t.Fatal(err)
	}
	if got := decodeOK(t, c); !reflect.DeepEqual(got, cs) {
		t.Error("sets on the original changed a clone")
	}
	if got := decodeOK(t, c); got.Regions[1].CurrentFTE["proposals"] != 9 || got.Budget.Annual != 1e6 || got.Investments[0].Covers["cpq"] != 0.9 {
		t.Errorf("clone: %+v", got.Regions[1].CurrentFTE)
	}
	// A refused set on a clone is the clone's alone.
	c2 := orig.Clone()
	_ = c2.Set("budget.anual", 1.0)
	if s, _ := orig.Decode(); s == nil {
		t.Error("a refused set on a clone made the original fail")
	}
	// Clones decode and set concurrently (go test -race).
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			d := orig.Clone()
			_ = d.Set("regions[APAC].sellers", float64(100+i))
			if s, _ := d.Decode(); s == nil || s.Regions[2].Sellers != float64(100+i) {
				t.Errorf("clone %d: wrong sellers", i)
			}
		})
	}
	wg.Wait()
}

// overrideTexts is a set of --set overrides of every kind, valid and not.
var overrideTexts = [][]string{
	nil,
	{"budget.annual=5.8e6"},
	{"budget.annual=5800000", "policy.max_fte=40"},
	{"regions[EMEA].sellers=300", "regions[0].seller_growth_per_year=0.1"},
	{"functions[cpq].min_coverage=0.5", "functions[analytics].weight=2"},
	{"investments[0].cost.per_year=120000"},
	{"stage=[growth, growth, margin, margin]"},
	{"policy.central_share={min: 0.3}"},
	{"description=Note: flat"},
	{"budget.annual=-5"},
	{"budget.annual=lots"},
	{"budget.anual=5"},
	{"regions[Nowhere].sellers=1"},
	{"policy.healthy_heart=1.5", "budget.change_per_year=0.5"},
	{"regions[1].sellers=1e9"},
	{"budget=5"},
	{"Budget.annual=1"},
}

// Decode after Set is Load with the same --set: every bundled scenario,
// every override. SetOverride gives the same diagnostics byte for byte;
// Set of ParseOverride's path and value names the override path=value,
// so its diagnostics agree but for that text.
func TestDocDecodeEqualsLoad(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	more, _ := filepath.Glob("testdata/*.*")
	files = append(files, more...)
	if len(files) < 6 {
		t.Fatalf("only %d files", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, perr := Parse(file, data)
		for _, sets := range overrideTexts {
			want, werr := Load(file, sets)
			if perr != nil {
				if werr == nil || werr.Error() != perr.Error() {
					t.Errorf("%s: Parse %v, Load %v", file, perr, werr)
				}
				continue
			}
			byText, typed := doc.Clone(), doc.Clone()
			for _, text := range sets {
				_ = byText.SetOverride(text)
				if path, v, err := ParseOverride(text); err == nil {
					_ = typed.Set(path, v)
				} else {
					typed.problems = append(typed.problems, Diagnostic{File: SetFile, Code: CodeOverride, Message: err.Error()})
				}
			}
			got, diags := byText.Decode()
			if werr != nil {
				if got != nil || diags.Error() != werr.Error() {
					t.Errorf("%s %q: Decode %v, Load %v", file, sets, diags, werr)
				}
			} else if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q: Decode and Load differ", file, sets)
			}
			tg, tdiags := typed.Decode()
			if (tg == nil) != (got == nil) || len(tdiags) != len(diags) {
				t.Errorf("%s %q: typed sets give %v, want %v", file, sets, tdiags, diags)
				continue
			}
			for i := range diags {
				a, b := diags[i], tdiags[i]
				if a.Path != b.Path || a.Code != b.Code || a.Line != b.Line || a.File != b.File {
					t.Errorf("%s %q: typed set diagnostic %v, want %v", file, sets, b, a)
				}
			}
			if got != nil {
				tg.Warnings, got.Warnings = nil, nil
				if !reflect.DeepEqual(tg, got) {
					t.Errorf("%s %q: typed sets give another scenario", file, sets)
				}
			}
		}
	}
}

// ParseOverride writes the key path out canonically, and its value typed.
func TestParseOverride(t *testing.T) {
	for _, tc := range []struct {
		text, path string
		value      any
	}{
		{"budget.annual=5.8e6", "budget.annual", 5.8e6},
		{" regions[ North America ].sellers = 300", "regions[North America].sellers", 300},
		{"stage=[growth, margin]", "stage", []any{"growth", "margin"}},
		{"policy.central_share={min: 0.2}", "policy.central_share", map[string]any{"min": 0.2}},
		{"description=Note: flat", "description", "Note: flat"},
		{"investments[cpq].scalable=true", "investments[cpq].scalable", true},
	} {
		path, v, err := ParseOverride(tc.text)
		if err != nil || path != tc.path || !reflect.DeepEqual(v, tc.value) {
			t.Errorf("%q: %q, %#v, %v; want %q, %#v", tc.text, path, v, err, tc.path, tc.value)
		}
	}
	if _, _, err := ParseOverride("budget.annual"); err == nil || !strings.Contains(err.Error(), "expected key=value") {
		t.Errorf("no =: %v", err)
	}
}

// A top-level key with a dot nests its value, as the loader always did
// (through viper): the dot is an error where it is written, and the value
// is read where the nesting puts it, without touching the file's values.
func TestDocDottedTopKey(t *testing.T) {
	d, err := Parse("t.yaml", []byte(baseDoc+"policy: {healthy_heart: 0.8}\npolicy.max_fte: -1\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, diags := d.Decode()
	var got []string
	for _, x := range diags {
		got = append(got, x.String())
	}
	want := []string{
		`t.yaml:13:1: policy.max_fte: key "policy.max_fte" has a dot: nest the keys instead (a: {b: 1}, not a.b: 1)`,
		`t.yaml:13:1: policy.max_fte: -1 is out of range: max_fte must be > 0`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, ok := d.src.values["policy"].(map[string]any)["max_fte"]; ok {
		t.Error("nesting wrote into the file's values")
	}
}
