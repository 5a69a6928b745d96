package plan

import (
	"fmt"
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestInvestmentCasePartLevel: a scalable investment the plan buys in part
// has its level in its case and in its finding (the view says how much of
// it is bought, every other figure being for all of it): the baseline's
// CPQ, scalable and at $60k a year, is bought at 13.6% of it. In earlier
// versions neither carried the level, and the sentence said "CPQ platform
// is bought from 2027-Q1: ... it covers 1.6 FTE of work ... it gives
// sellers back 59,633 hours a year", all of it, of a plan that buys 13.6%.
// One bought whole has level 1 and no level in its finding.
func TestInvestmentCasePartLevel(t *testing.T) {
	for _, tc := range []struct {
		sets    []string
		partial bool
	}{
		{[]string{"investments[cpq].scalable=true", "investments[cpq].cost.per_year=60000", "investments[cpq].cost.upfront=166666.67"}, true},
		{[]string{"investments[cpq].cost.per_year=30000", "investments[cpq].cost.upfront=83333.33"}, false},
	} {
		_, p, c := baselineCPQCase(t, tc.sets...)
		last := p.Periods[len(p.Periods)-1].Investments[0].Level
		if !c.Bought || c.Level != last {
			t.Fatalf("%v: bought %v at level %v, the plan's last period %v", tc.sets, c.Bought, c.Level, last)
		}
		lv, ok := whyFinding(c).Number("level")
		switch {
		case c.Partial() != tc.partial || ok != tc.partial:
			t.Errorf("%v: level %v, partial %v, in the finding %v; want partial %v", tc.sets, c.Level, c.Partial(), ok, tc.partial)
		case tc.partial && (lv != c.Level || math.Abs(lv-0.136) > 0.001):
			t.Errorf("%v: the finding's level %v, the case's %v, want about 13.6%%", tc.sets, lv, c.Level)
		}
	}
}

// TestInvestmentCaseCoveredFunctions: an investment's case names the
// functions it covers a share of, not one given a share of 0 (the
// baseline's CPQ with covers.proposals=0 was said to cover work "in
// Quoting and CPQ and in Proposals").
func TestInvestmentCaseCoveredFunctions(t *testing.T) {
	s, _, c := baselineCPQCase(t, "investments[cpq].covers.proposals=0")
	var want []string
	for id, a := range s.Investments[0].Covers {
		if a > 0 {
			want = append(want, id)
		}
	}
	if len(want) == 0 || len(c.Functions) != len(want) {
		t.Fatalf("the case names %q, the investment covers a share of %q (%v)", c.Functions, want, s.Investments[0].Covers)
	}
	for _, id := range c.Functions {
		if s.Investments[0].Covers[id] <= 0 {
			t.Errorf("the case names %s, covered at %v", id, s.Investments[0].Covers[id])
		}
	}
}

// TestBoughtAsPrinted: a scalable investment's level counts as bought
// only where it prints above 0.0%. The baseline's CPQ made scalable at
// $67k a year is planned at a sliver (about 0.002%, a few dollars, the
// scores the same), which the claims said was bought and from which the
// break-even search read a price of $68.0k, where the plan buys nothing a
// table shows. Its break-even is now the highest price at which the level
// prints at 0.1% or more, verified both sides.
func TestBoughtAsPrinted(t *testing.T) {
	sets := func(perYear float64) []string {
		return []string{"investments[cpq].scalable=true",
			fmt.Sprintf("investments[cpq].cost.per_year=%g", perYear),
			fmt.Sprintf("investments[cpq].cost.upfront=%g", math.Round(perYear*250/90*100)/100)}
	}
	pl := &Planner{LP: solve.Revised{}}
	levelAt := func(perYear float64) (float64, *Plan, *scenario.Scenario) {
		s, err := scenario.Load("../../scenarios/baseline.yaml", sets(perYear))
		if err != nil {
			t.Fatal(err)
		}
		p, _, err := pl.Optimize(t.Context(), s)
		if err != nil {
			t.Fatal(err)
		}
		return p.Periods[len(p.Periods)-1].Investments[0].Level, p, s
	}
	level, p, s := levelAt(67000)
	if level <= 0 || level >= 0.0005 {
		t.Fatalf("at $67k a year the plan buys %v of the CPQ, not a sliver: the case no longer tests a sliver", level)
	}
	for _, f := range Claims(p) {
		if f.Investment == "cpq" && f.Kind != KindInvestmentNotBought {
			t.Errorf("a level of %v (0.0%% as printed) is claimed %s", level, f.Kind)
		}
	}
	if c := investmentCase(s, p, 0); c.Bought {
		t.Errorf("a level of %v (0.0%% as printed) makes the investment's case bought", level)
	}
	s60, err := scenario.Load("../../scenarios/baseline.yaml", sets(60000))
	if err != nil {
		t.Fatal(err)
	}
	base, _, err := pl.Optimize(t.Context(), s60)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := InvestmentCases(t.Context(), s60, pl, base, CaseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	be := cases[0].BreakEven
	if be == nil {
		t.Fatalf("no break-even price: %+v", cases[0])
	}
	if at, _, _ := levelAt(*be); math.Round(1000*at) <= 0 {
		t.Errorf("at the break-even $%.0f a year the level %v prints 0.0%%", *be, at)
	}
	if above, _, _ := levelAt(*be + BreakEvenStep); math.Round(1000*above) > 0 {
		t.Errorf("a step above the break-even, $%.0f a year, the level %v still prints above 0.0%%", *be+BreakEvenStep, above)
	}
}

// baselineCPQCase plans the baseline with sets and returns its CPQ
// platform's case.
func baselineCPQCase(t *testing.T, sets ...string) (*scenario.Scenario, *Plan, InvestmentCase) {
	t.Helper()
	s, err := scenario.Load("../../scenarios/baseline.yaml", sets)
	if err != nil {
		t.Fatal(err)
	}
	pl := &Planner{LP: solve.Revised{}}
	p, _, err := pl.Optimize(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	return s, p, investmentCase(s, p, 0)
}
