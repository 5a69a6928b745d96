package plan

import (
	"context"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// investTiny: one heart function needing 1 FTE (staff at $100,500 in
// either team), money enough for everything, and a tool covering half of it
// at perYear a year. Every plan covers the function fully; stage 3 takes
// the cheaper way: the tool and 0.5 FTE ($50,250 + perYear) or 1 FTE
// ($100,500). So it is bought below $50,250 a year and not above: the
// break-even on the $1k grid is $50,000 (bought), $51,000 not. (At the
// exact tie the branch and bound may return either, hence the odd cost.)
func investTiny(perYear float64) *scenario.Scenario {
	s := tiny(500000, fn("h", scenario.Heart, scenario.Either, 1, 0))
	s.Central = team(100500)
	s.Regions[0].CostPerFTE = 100500
	s.Investments = []scenario.Investment{{ID: "tool", Name: "Tool", PerYear: perYear,
		Covers: map[string]float64{"h": 0.5}, SellerHoursPerWeek: 1.5}}
	return s
}

func investCases(t *testing.T, s *scenario.Scenario) []InvestmentCase {
	t.Helper()
	pl := &Planner{LP: solve.Revised{}}
	p, _, err := pl.Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := InvestmentCases(context.Background(), s, pl, p, CaseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestInvestmentBreakEvenHand(t *testing.T) {
	for _, c := range []struct {
		perYear float64
		bought  bool
	}{{80000, false}, {20000, true}} {
		s := investTiny(c.perYear)
		s.Policy.SellerHourValue = 100
		cs := investCases(t, s)
		if len(cs) != 1 {
			t.Fatalf("%d cases", len(cs))
		}
		x := cs[0]
		if x.Bought != c.bought || x.BreakEven == nil || *x.BreakEven != 50000 {
			t.Fatalf("at $%.0f: bought %v, break-even %v; want %v and $50,000", c.perYear, x.Bought, x.BreakEven, c.bought)
		}
		// The tool covers 0.5 FTE; staff does it for $50,250 a year.
		expect(t, "work", x.WorkFTE, 0.5)
		expect(t, "staff cost", x.StaffCost, 50250)
		expect(t, "cost per FTE", x.CostPerFTE, c.perYear/0.5)
		// 1.5 hours a week x 100 sellers x 46 weeks = 6,900 hours, $690k;
		// no upfront cost: paid back at once.
		expect(t, "seller hours", x.SellerHours, 6900)
		expect(t, "value", x.Value, 690000)
		if x.PaybackMonths == nil || *x.PaybackMonths != 0 {
			t.Errorf("payback %v, want 0 months", x.PaybackMonths)
		}
		want := KindInvestmentWhyNotBought
		if c.bought {
			want = KindInvestmentWhyBought
		}
		if x.Why.Kind != want || x.Why.N("break_even") != 50000 || x.Why.N("staff_cost") != 50250 {
			t.Errorf("why %+v", x.Why)
		}
	}
}

// Payback: $250k upfront, $90k a year, 6,900 hours at $100: (690k - 90k)
// a year is $50k a month, five months. The upfront cost spreads over the
// one-year horizon: $340k a year.
func TestInvestmentPayback(t *testing.T) {
	s := investTiny(90000)
	s.Investments[0].Upfront = 250000
	s.Policy.SellerHourValue = 100
	x := investmentCase(s, optimize(t, s), 0)
	expect(t, "yearly cost", x.YearlyCost, 340000)
	if x.PaybackMonths == nil {
		t.Fatal("no payback")
	}
	expect(t, "payback months", *x.PaybackMonths, 5)
	s.Policy.SellerHourValue = 0
	if x := investmentCase(s, optimize(t, s), 0); x.PaybackMonths != nil || x.Value != 0 {
		t.Errorf("without a seller hour value: value %v payback %v", x.Value, x.PaybackMonths)
	}
}

// Every break-even figure of the bundled scenarios holds when planned
// cold, from scratch: bought at the figure, not bought $1k beyond it.
func TestInvestmentBreakEvenBundled(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	checked := 0
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range investCases(t, s) {
			if c.Owned || c.BreakEven == nil {
				continue
			}
			unit := s.Investments[i].PerYear
			if unit == 0 {
				unit = s.Investments[i].Upfront
			}
			for _, tc := range []struct {
				price float64
				want  bool
			}{{*c.BreakEven, true}, {*c.BreakEven + BreakEvenStep, false}} {
				if got := boughtIn(t, priced(s, i, tc.price/unit), i); got != tc.want {
					t.Errorf("%s %s at $%.0f a year: bought %v, want %v", filepath.Base(f), c.ID, tc.price, got, tc.want)
				}
			}
			// The words give both prices, each rounded down as printed
			// ("bought at $116k upfront and $42.0k a year or less"): at
			// those two figures it is bought.
			if inv := s.Investments[i]; inv.Upfront > 0 && inv.PerYear > 0 {
				up := parseMoney(t, FormatMoneyDown(s.Currency, *c.BreakEvenUpfront))
				year := parseMoney(t, FormatMoneyDown(s.Currency, *c.BreakEven))
				q := priced(s, i, 1)
				q.Investments[i].Upfront, q.Investments[i].PerYear = up, year
				if !boughtIn(t, q, i) {
					t.Errorf("%s %s at the printed $%.0f upfront and $%.0f a year: not bought", filepath.Base(f), c.ID, up, year)
				}
			}
			checked++
		}
	}
	if checked < 4 {
		t.Errorf("only %d break-even figures checked", checked)
	}
}

// boughtIn plans s and says whether it buys investment i.
func boughtIn(t *testing.T, s *scenario.Scenario, i int) bool {
	t.Helper()
	p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range p.Periods {
		if per.Investments[i].Level > 1e-9 {
			return true
		}
	}
	return false
}

// TestInvestmentCasesSizeLimit: past CaseOptions' limits (cells, and the
// plan's simplex iterations times the investments to search) the searches are
// skipped, and only they: every case is still there with its costs, the
// ones with a price to search say it was not searched, and the owned or
// forced ones are as they are without limits. Within the limits nothing
// changes.
func TestInvestmentCasesSizeLimit(t *testing.T) {
	s, err := scenario.Load("testdata/typical.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Investments[0].Decision = scenario.In // one forced: nothing to search
	pl := &Planner{LP: solve.Revised{}}
	base, _, err := pl.Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	cells := len(s.Functions) * len(s.Regions) * s.Periods()
	full, err := InvestmentCases(context.Background(), s, pl, base, CaseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pl.lastIters == 0 {
		t.Fatal("the plan counts no simplex iteration")
	}
	within, err := InvestmentCases(context.Background(), s, pl, base, CaseOptions{MaxCells: cells, MaxWork: pl.lastIters * len(s.Investments)})
	if err != nil {
		t.Fatal(err)
	}
	// Two investments or more to search: twice the plan's iterations.
	for _, opt := range []CaseOptions{{MaxCells: cells - 1}, {MaxWork: pl.lastIters}} {
		cut, err := InvestmentCases(context.Background(), s, pl, base, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(cut) != len(full) {
			t.Fatalf("%+v: %d cases, want %d", opt, len(cut), len(full))
		}
		searched := 0
		for i, c := range cut {
			f := full[i]
			if within[i].BreakEvenNotSearched || !sameBreakEven(within[i], f) {
				t.Errorf("within the limits, %s: %+v, want %+v", c.ID, within[i], f)
			}
			hasPrice := !f.Owned && f.Decision == "" && (f.Upfront > 0 || f.PerYear > 0)
			if hasPrice {
				searched++
			}
			if c.BreakEvenNotSearched != hasPrice {
				t.Errorf("%+v, %s: not searched %v, want %v", opt, c.ID, c.BreakEvenNotSearched, hasPrice)
			}
			if hasPrice && (c.BreakEven != nil || c.NeverBought || c.AlwaysBought || c.Why.Numbers["break_even_not_searched"] != 1) {
				t.Errorf("%+v, %s: a skipped search has a result: %+v", opt, c.ID, c)
			}
			if !hasPrice && !sameBreakEven(c, f) {
				t.Errorf("%+v, %s: %+v, want %+v", opt, c.ID, c, f)
			}
			if c.Bought != f.Bought || c.StaffCost != f.StaffCost || c.WorkFTE != f.WorkFTE || c.SellerHours != f.SellerHours {
				t.Errorf("%+v, %s: the costs changed", opt, c.ID)
			}
		}
		if searched < 2 {
			t.Fatalf("the scenario has %d investments to search, want 2 or more", searched)
		}
	}
}

func sameBreakEven(a, b InvestmentCase) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return eq(a.BreakEven, b.BreakEven) && a.NeverBought == b.NeverBought && a.AlwaysBought == b.AlwaysBought && a.Decision == b.Decision
}

// TestInvestmentCasesIndependentOfWorkers: each search starts from the
// plan's own solve, so the cases are the same whatever the number of
// searches running at once (cardio plan's output is the same on any
// machine).
func TestInvestmentCasesIndependentOfWorkers(t *testing.T) {
	s, err := scenario.Load("testdata/typical.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := func(procs int) []InvestmentCase {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return investCases(t, s)
	}
	one, four := cases(1), cases(4)
	if !reflect.DeepEqual(one, four) {
		t.Errorf("one worker:\n%+v\nfour:\n%+v", one, four)
	}
	searched := 0
	for _, c := range one {
		if c.BreakEven != nil {
			searched++
		}
	}
	if searched < 2 {
		t.Errorf("only %d break-even prices found: nothing ran in parallel", searched)
	}
}
