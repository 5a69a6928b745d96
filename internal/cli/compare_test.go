package cli

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

var compareFiles = []string{"../../scenarios/baseline.yaml", "../../scenarios/centralize-everything.yaml", "../../scenarios/brain-first.yaml"}

func compareJSON(t *testing.T, want int, args ...string) *plan.Comparison {
	t.Helper()
	code, out, errOut := run(append([]string{"compare", "--format", "json"}, args...)...)
	if code != want {
		t.Fatalf("exit %d, want %d: %s", code, want, errOut)
	}
	var c plan.Comparison
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// Every column's figures are those of the scenario's own plan, and the
// differences are to the first column.
func TestCompareEqualsPlans(t *testing.T) {
	sets := []string{"--set", "budget.annual=5.9e6"}
	c := compareJSON(t, ExitOK, append(append([]string(nil), compareFiles...), sets...)...)
	if c.FormatVersion != 1 || c.Mode != plan.ModeOptimized || len(c.Scenarios) != len(compareFiles) {
		t.Fatalf("format %d mode %s %d scenarios", c.FormatVersion, c.Mode, len(c.Scenarios))
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %.12g, want %.12g", what, got, want)
		}
	}
	// Money in JSON is rounded to cents.
	nearMoney := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 0.005+1e-9*math.Abs(want) {
			t.Errorf("%s = %.12g, want %.12g to the cent", what, got, want)
		}
	}
	var first *plan.Plan
	for i, file := range compareFiles {
		s, err := scenario.Load(file, []string{"budget.annual=5.9e6"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := c.Scenarios[i]
		name := p.Scenario
		if got.Scenario != p.Scenario || got.File != file || got.Status != p.Status {
			t.Errorf("column %d: %s %s %s, want %s %s %s", i, got.Scenario, got.File, got.Status, p.Scenario, file, p.Status)
		}
		nearMoney(name+" budget", got.Budget, 5.9e6)
		near(name+" heart_mean", got.HeartMean, p.Totals.HeartMean)
		near(name+" heart_min", got.HeartMin, p.Totals.HeartMin)
		near(name+" brain_mean", got.BrainMean, p.Totals.BrainMean)
		nearMoney(name+" spend", got.Spend, p.Totals.Spend)
		nearMoney(name+" unspent", got.Unspent, p.Totals.Unspent)
		if len(got.Periods) != len(p.Periods) {
			t.Fatalf("%s: %d periods, want %d", name, len(got.Periods), len(p.Periods))
		}
		var central, local, hours float64
		weakest := math.Inf(1)
		for q, per := range p.Periods {
			g := got.Periods[q]
			near(name+" "+per.Label+" heart", g.Heart, per.Heart)
			near(name+" "+per.Label+" brain", g.Brain, per.Brain)
			near(name+" "+per.Label+" central_fte", g.CentralFTE, per.CentralFTE)
			near(name+" "+per.Label+" local_fte", g.LocalFTE, per.LocalFTE)
			central += per.CentralFTE
			local += per.LocalFTE
			for _, fn := range per.Functions {
				if fn.Class == "heart" {
					weakest = math.Min(weakest, fn.Coverage)
				}
			}
		}
		last := p.Periods[len(p.Periods)-1]
		var bought []string
		for _, inv := range last.Investments {
			hours += inv.SellerHours
			if inv.Level > 0 {
				bought = append(bought, inv.ID)
			}
		}
		n := float64(len(p.Periods))
		near(name+" central_fte", got.CentralFTE, central/n)
		near(name+" local_fte", got.LocalFTE, local/n)
		near(name+" central_share", got.CentralShare, central/(central+local))
		near(name+" seller_hours", got.SellerHours, hours)
		// The weakest heart function is the least coverage, or a function
		// tied with it at healthy within the healthy tolerance
		// (plan.Function.Ranked): its coverage in its period is the plan's.
		if w := got.WeakestHeart; w == nil {
			t.Errorf("%s: no weakest heart function", name)
		} else {
			low := math.Inf(1) // the least heart cell weight: the largest CellTol
			for q := range p.Periods {
				for f := range s.Functions {
					for r := range s.Regions {
						if c := plan.HeartCellWeight(s, f, r, q); c > 0 && s.Demand(f, r, q) > 0 {
							low = math.Min(low, c)
						}
					}
				}
			}
			tol := plan.CellTol(len(p.Periods), low)
			named := math.NaN()
			asLow := 0 // the periods in which the function reads as w, 0.1%
			for _, per := range p.Periods {
				for _, fn := range per.Functions {
					if per.Label == w.Period && fn.ID == w.ID {
						named = fn.Coverage
					}
					if fn.ID == w.ID && fn.Demand > 0 && math.Round(fn.Coverage*1000) == math.Round(w.Coverage*1000) {
						asLow++
					}
				}
			}
			if w.PeriodsAsLow != asLow {
				t.Errorf("%s: %s periods_as_low %d, want %d", name, w.ID, w.PeriodsAsLow, asLow)
			}
			if math.Abs(w.Coverage-named) > 1e-12 || math.Abs(w.Coverage-weakest) > 1e-9 &&
				(math.Abs(w.Coverage-p.HealthyHeart) > tol || math.Abs(weakest-p.HealthyHeart) > tol) {
				t.Errorf("%s: weakest heart %s %v in %s (the plan's %v), want %v or tied with it at healthy", name, w.ID, w.Coverage, w.Period, named, weakest)
			}
		}
		var ids []string
		for _, inv := range got.Investments {
			ids = append(ids, inv.ID)
		}
		if strings.Join(ids, ",") != strings.Join(bought, ",") {
			t.Errorf("%s: investments %v, want %v", name, ids, bought)
		}
		if i == 0 {
			first = p
			if got.VsFirst != nil {
				t.Errorf("first column has vs_first %+v", got.VsFirst)
			}
			continue
		}
		if got.VsFirst == nil {
			t.Fatalf("%s: no vs_first", name)
		}
		near(name+" vs first heart", got.VsFirst.HeartMean, p.Totals.HeartMean-first.Totals.HeartMean)
		near(name+" vs first brain", got.VsFirst.BrainMean, p.Totals.BrainMean-first.Totals.BrainMean)
		if got.VsFirst.Money != plan.MoneyTotals || got.VsFirst.Spend == nil || got.VsFirst.SpendPerYear == nil {
			t.Fatalf("%s: money %q spend %v spend a year %v, want totals", name, got.VsFirst.Money, got.VsFirst.Spend, got.VsFirst.SpendPerYear)
		}
		nearMoney(name+" vs first spend", *got.VsFirst.Spend, p.Totals.Spend-first.Totals.Spend)
		// Four quarters are one year.
		nearMoney(name+" vs first spend a year", *got.VsFirst.SpendPerYear, p.Totals.Spend-first.Totals.Spend)
	}
}

// An infeasible scenario is a column, not an abort; an invalid file is
// exit 1 and nothing is printed.
func TestCompareInfeasibleAndInvalid(t *testing.T) {
	c := compareJSON(t, ExitOK, compareFiles[0], compareFiles[1], "--set", "budget.annual=1e6")
	for _, s := range c.Scenarios {
		if s.Status != plan.StatusInfeasible || len(s.Problems) == 0 || s.VsFirst != nil {
			t.Errorf("%s: status %s problems %v vs_first %v", s.Scenario, s.Status, s.Problems, s.VsFirst)
		}
	}
	bad := writeFile(t, "bad.yaml", "name: Bad\nbudget: {annual: -1}\n")
	code, out, errOut := run("compare", compareFiles[0], bad)
	if code != ExitFailure || out != "" || !strings.Contains(errOut, "bad.yaml") {
		t.Errorf("invalid file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = run("compare", compareFiles[0], "no-such-file.yaml")
	if code != ExitFailure || !strings.Contains(errOut, "no-such-file.yaml") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := run("compare", compareFiles[0]); code != ExitUsage {
		t.Errorf("one file: exit %d, want %d", code, ExitUsage)
	}
}

// --as-is compares the organizations as they are.
func TestCompareAsIs(t *testing.T) {
	c := compareJSON(t, ExitOK, "--as-is", compareFiles[0], compareFiles[2])
	if c.Mode != plan.ModeAsIs {
		t.Errorf("mode %s", c.Mode)
	}
	for i, file := range []string{compareFiles[0], compareFiles[2]} {
		s, err := scenario.Load(file, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := plan.AsIs(s)
		if got := c.Scenarios[i]; got.Status != plan.StatusAsIs || got.HeartMean != p.Totals.HeartMean {
			t.Errorf("%s: status %s heart %v, want as_is %v", file, got.Status, got.HeartMean, p.Totals.HeartMean)
		}
	}
}

// Horizons of different lengths compare money a year, not as totals; two
// currencies compare no money at all, and the table says why (issue 10).
func TestCompareHorizonsAndCurrencies(t *testing.T) {
	base, err := os.ReadFile(compareFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	eight := writeFile(t, "eight.yaml", strings.Replace(string(base), "periods: 4", "periods: 8", 1))
	euro := writeFile(t, "euro.yaml", strings.Replace(string(base), "currency: USD", "currency: EUR", 1))
	c := compareJSON(t, ExitOK, compareFiles[0], eight, euro)
	a, b, e := c.Scenarios[0], c.Scenarios[1], c.Scenarios[2]
	if a.Years != 1 || b.Years != 2 || b.Period != "quarter" {
		t.Fatalf("years %g and %g, period %q", a.Years, b.Years, b.Period)
	}
	d := b.VsFirst
	if d == nil || d.Money != plan.MoneyPerYear || d.Budget != nil || d.Spend != nil || d.Unspent != nil || d.BudgetPerYear == nil {
		t.Fatalf("eight quarters against four: %+v, want only money a year", d)
	}
	if want := b.Budget/2 - a.Budget; math.Abs(*d.BudgetPerYear-want) > 0.005 {
		t.Errorf("budget a year %v, want %v", *d.BudgetPerYear, want)
	}
	if d := e.VsFirst; d == nil || d.Money != plan.MoneyNone || d.Budget != nil || d.BudgetPerYear != nil || d.Spend != nil || d.SpendPerYear != nil {
		t.Errorf("EUR against USD: %+v, want no money difference", d)
	}
	code, out, _ := run("compare", compareFiles[0], eight, euro)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"budget a year", "8 quarters", "compared a year", "is in EUR and", "no money difference is given"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	_, diff, _ := strings.Cut(out, "Difference to")
	if strings.Contains(diff, "€") || strings.Contains(diff, "$12.40M") || strings.Contains(diff, "+$6.20M") {
		t.Errorf("table adds what cannot be added:\n%s", out)
	}
}
