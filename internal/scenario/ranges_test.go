package scenario

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// A range decodes to its central value, so every command but risk plans
// as before, and is recorded with its key path and where it is written.
func TestRangesDecodeToTheirCentralValue(t *testing.T) {
	doc := edit(t, "    sellers: 100\n", "    sellers: {low: 80, mode: 100, high: 150}\n    seller_growth_per_year: {mean: 0.05, sd: 0.1}\n") +
		"policy:\n  max_fte: {uniform: [40, 60]}\n"
	s := mustLoad(t, "t.yaml", doc)
	if got := s.Regions[0].Sellers; got != 100 {
		t.Errorf("sellers = %v, want the mode 100", got)
	}
	if got := s.Regions[0].SellerGrowthPerYear; got != 0.05 {
		t.Errorf("growth = %v, want the mean 0.05", got)
	}
	if got := s.Policy.MaxFTE; got != 50 {
		t.Errorf("max_fte = %v, want the midpoint 50", got)
	}
	want := []Uncertain{
		{Path: "policy.max_fte", Dist: Distribution{Kind: Uniform, Low: 40, High: 60}, File: "t.yaml", Line: 14, Col: 3},
		{Path: "regions[0].sellers", Dist: Distribution{Kind: Triangular, Low: 80, Mode: 100, High: 150}, File: "t.yaml", Line: 10, Col: 5},
		// A normal is truncated to the key's valid range: growth > -1.
		{Path: "regions[0].seller_growth_per_year", Dist: Distribution{Kind: Normal, Low: -1, High: maxMagnitude, Mean: 0.05, SD: 0.1}, File: "t.yaml", Line: 11, Col: 5},
	}
	if len(s.Uncertain) != len(want) {
		t.Fatalf("uncertain = %+v, want %+v", s.Uncertain, want)
	}
	for i := range want {
		if s.Uncertain[i] != want[i] {
			t.Errorf("uncertain[%d] = %+v, want %+v", i, s.Uncertain[i], want[i])
		}
	}
	// The same scenario with numbers has no uncertain inputs, and a range
	// set on the command line is placed at the override.
	if u := mustLoad(t, "t.yaml", baseDoc).Uncertain; u != nil {
		t.Errorf("uncertain without ranges = %+v", u)
	}
	set := mustLoad(t, "t.yaml", baseDoc, "budget.annual={low: 9e5, mode: 1e6, high: 1.2e6}")
	if len(set.Uncertain) != 1 || set.Uncertain[0].File != SetFile || set.Uncertain[0].Path != "budget.annual" || set.Budget.Annual != 1e6 {
		t.Errorf("set range: %+v, annual %v", set.Uncertain, set.Budget.Annual)
	}
}

func TestRangeProblems(t *testing.T) {
	for _, tc := range []struct{ name, value, want string }{
		{"out of order", "{low: 120, mode: 100, high: 150}", "t.yaml:10:5: regions[0].sellers: low 120, mode 100 and high 150 are out of order: a range needs low <= mode <= high"},
		{"low out of range", "{low: -5, mode: 100, high: 150}", "t.yaml:10:15: regions[0].sellers.low: -5 is out of range: sellers must be >= 0"},
		{"missing", "{low: 80, high: 150}", "t.yaml:10:5: regions[0].sellers: mode is missing: write " + rangeForms},
		{"unknown key", "{low: 80, mode: 100, high: 150, max: 3}", `t.yaml:10:46: regions[0].sellers.max: unknown key "max" in a range: write ` + rangeForms},
		{"mixed forms", "{mean: 100, sd: 5, low: 3}", `t.yaml:10:33: regions[0].sellers.low: unknown key "low" in a range: write ` + rangeForms},
		{"negative sd", "{mean: 100, sd: -5}", "t.yaml:10:26: regions[0].sellers.sd: -5 is out of range: sellers must be >= 0"},
		{"mean out of range", "{mean: -1, sd: 5}", "t.yaml:10:15: regions[0].sellers.mean: -1 is out of range: sellers must be >= 0"},
		{"uniform not a pair", "{uniform: [1, 2, 3]}", "t.yaml:10:15: regions[0].sellers.uniform: expected a list of two numbers [low, high] in the range, got a list"},
		{"uniform reversed", "{uniform: [150, 80]}", "t.yaml:10:15: regions[0].sellers.uniform: low 150 is above high 80: write [low, high]"},
		{"uniform text", "{uniform: [a, 80]}", `t.yaml:10:25: regions[0].sellers.uniform[0]: expected a number >= 0, got the string "a"`},
		{"not a range", "{min: 1}", "t.yaml:10:5: regions[0].sellers: expected a number >= 0 or " + rangeForms + ", got a mapping"},
		{"no spaces", "{low:80,mode:100,high:150}", `t.yaml:10:5: regions[0].sellers: expected a number >= 0 or ` + rangeForms + `, got a mapping with the key "high:150": in YAML a colon needs a space after it, as in {low: 1, mode: 2, high: 3}`},
		{"one space missing", "{low: 80, mode:100, high: 150}", `t.yaml:10:24: regions[0].sellers.mode:100: unknown key "mode:100" in a range: in YAML a colon needs a space after it, as in mode: 1`},
		{"nested range", "{low: {low: 1, mode: 2, high: 3}, mode: 100, high: 150}", "t.yaml:10:15: regions[0].sellers.low: expected a number >= 0, got a mapping: a range's parts are numbers"},
		{"infinite", "{low: 1, mode: 2, high: .inf}", "t.yaml:10:32: regions[0].sellers.high: expected a finite number, got infinity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadErr(t, "t.yaml", edit(t, "    sellers: 100\n", "    sellers: "+tc.value+"\n"))
			if !strings.Contains(got, tc.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", got, tc.want)
			}
		})
	}
	// An integer key takes no range: its draws would not be whole.
	got := loadErr(t, "t.yaml", edit(t, "  periods: 4\n", "  periods: {low: 3, mode: 4, high: 5}\n"))
	if !strings.Contains(got, "horizon.periods: expected an integer between 1 and 120, got a mapping") {
		t.Errorf("integer range: %s", got)
	}
}

// Quantile inverts each distribution's CDF: checked against the closed
// forms, and the truncated normal against the CDF it inverts.
func TestQuantileClosedForms(t *testing.T) {
	tri := Distribution{Kind: Triangular, Low: 80, Mode: 100, High: 150}
	for _, p := range []float64{0.01, 0.1, 0.2857, 0.5, 0.9, 0.99} {
		// F(x) = (x-a)^2/((b-a)(c-a)) below the mode, else
		// 1 - (b-x)^2/((b-a)(b-c)).
		var want float64
		if p < (100.0-80)/(150-80) {
			want = 80 + math.Sqrt(p*70*20)
		} else {
			want = 150 - math.Sqrt((1-p)*70*50)
		}
		if got := tri.Quantile(p); math.Abs(got-want) > 1e-9 {
			t.Errorf("triangle Q(%v) = %v, want %v", p, got, want)
		}
	}
	uni := Distribution{Kind: Uniform, Low: 40, High: 60}
	if got := uni.Quantile(0.25); got != 45 {
		t.Errorf("uniform Q(0.25) = %v, want 45", got)
	}
	nor := Distribution{Kind: Normal, Low: 0, High: 1, Mean: 0.9, SD: 0.2}
	n := distuv.Normal{Mu: 0.9, Sigma: 0.2}
	for _, p := range []float64{0.001, 0.1, 0.5, 0.9, 0.999} {
		x := nor.Quantile(p)
		// The truncated CDF at x is p.
		f := (n.CDF(x) - n.CDF(0)) / (n.CDF(1) - n.CDF(0))
		if x < 0 || x > 1 || math.Abs(f-p) > 1e-9 {
			t.Errorf("truncated normal Q(%v) = %v, its CDF %v", p, x, f)
		}
	}
	// Collapsed ranges are their value at every p.
	for _, d := range []Distribution{
		{Kind: Triangular, Low: 7, Mode: 7, High: 7},
		{Kind: Uniform, Low: 7, High: 7},
		{Kind: Normal, Low: 0, High: 10, Mean: 7},
	} {
		for _, p := range []float64{0.1, 0.5, 0.9} {
			if got := d.Quantile(p); got != 7 {
				t.Errorf("%+v Q(%v) = %v, want 7", d, p, got)
			}
		}
	}
}
