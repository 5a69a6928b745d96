package plan

import (
	"context"
	"fmt"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// investments[].decision, by hand: heart h needs 1 FTE, staff cost $100k a
// year, the budget is $200k. A tool covering half of h's demand at $90k a
// year is dearer than the 0.5 FTE of staff it replaces ($50k): left to the
// optimizer it is not bought (1 FTE of staff, $100k, heart 100%); forced
// in it is bought at full level, and 0.5 FTE of staff covers the rest:
// $90k + $50k = $140k, heart 100%. A tool at $10k a year is cheaper than
// the staff: the optimizer buys it ($10k + $50k = $60k); forced out, staff
// covers h alone, $100k.
func TestDecisionByHand(t *testing.T) {
	for _, c := range []struct {
		perYear  float64
		decision scenario.Decision
		level    float64
		spend    float64
	}{
		{90000, scenario.Optimize, 0, 100000},
		{90000, scenario.In, 1, 140000},
		{10000, scenario.Optimize, 1, 60000},
		{10000, scenario.Out, 0, 100000},
	} {
		s := tiny(200000, fn("h", scenario.Heart, scenario.Either, 1, 0))
		s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", PerYear: c.perYear, Covers: map[string]float64{"h": 0.5}, Decision: c.decision}}
		p := optimize(t, s)
		what := fmt.Sprintf("%s at $%g", c.decision, c.perYear)
		per := p.Periods[0]
		expect(t, what+": level", per.Investments[0].Level, c.level)
		expect(t, what+": spend", per.Spend, c.spend)
		expect(t, what+": heart", per.Heart, 1)
	}
}

// A tool forced in with a ramp and an upfront cost is bought in the first
// period, as any bought investment: its upfront cost falls in the first
// quarter and its effect ramps (half in Q1 with ramp_periods 1), where an
// owned one would count fully at once and pay no upfront cost.
func TestDecisionInRampsFromTheFirstPeriod(t *testing.T) {
	s := quarters(tiny(1e6, fn("h", scenario.Heart, scenario.Either, 0, 1)), 2)
	s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", Upfront: 40000, Covers: map[string]float64{"h": 1}, RampPeriods: 1, Decision: scenario.In}}
	p := optimize(t, s)
	// Q1: the tool covers half of h (0.5 FTE-eq); staff covers the rest,
	// 0.5 FTE at $25k a quarter = $12.5k, plus the $40k upfront. Q2: the
	// tool covers all of h; nothing is spent.
	expect(t, "Q1 level", p.Periods[0].Investments[0].Level, 1)
	expect(t, "Q1 tool FTE", p.Periods[0].Functions[0].ToolFTE, 0.5)
	expect(t, "Q1 spend", p.Periods[0].Spend, 52500)
	expect(t, "Q2 tool FTE", p.Periods[1].Functions[0].ToolFTE, 1)
	expect(t, "Q2 spend", p.Periods[1].Spend, 0)
}

// The budget case plans with the decision: h needs 0.9 FTE for a healthy
// heart ($90k of staff). With the $90k tool forced in (it covers 0.5 FTE),
// 0.4 FTE of staff is left to pay: $130k.
func TestDecisionBudgetCase(t *testing.T) {
	for _, c := range []struct {
		decision scenario.Decision
		annual   float64
	}{{scenario.Optimize, 90000}, {scenario.In, 130000}} {
		s := tiny(200000, fn("h", scenario.Heart, scenario.Either, 1, 0))
		s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", PerYear: 90000, Covers: map[string]float64{"h": 0.5}, Decision: c.decision}}
		for _, name := range backendNames() {
			bc, err := BudgetCase(context.Background(), s, backends[name], 0.9, 0)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bc.Feasible || bc.Annual == nil {
				t.Fatalf("%s %s: infeasible", name, c.decision)
			}
			expect(t, name+" "+string(c.decision)+" annual", *bc.Annual, c.annual)
		}
	}
}

// An investment forced in is a constraint the explanation of an infeasible
// plan names: the $90k tool forced in and h's floor of 80% (0.3 FTE of
// staff beside the tool's 0.5) need $120k; the budget is $100k. Either
// alone needs less (the floor $80k, the tool $90k): both are named.
func TestExplainForcedIn(t *testing.T) {
	h := fn("h", scenario.Heart, scenario.Either, 1, 0)
	h.MinCoverage = 0.8
	s := tiny(100000, h)
	s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", PerYear: 90000, Covers: map[string]float64{"h": 0.5}, Decision: scenario.In}}
	expectProblems(t, s,
		"the budget is too small: the forced-in tool and the h floor (80%) need at least $120k a year, and the scenario has $100k",
		"in 2027 they need $120k and the budget is $100k")
}

// An investment forced in or out has no break-even price: no price
// changes the plan's choice (and, forced in, a dear enough one makes the
// plan infeasible, which a search would take for "not bought"). Its case
// says it is forced.
func TestDecisionInvestmentCase(t *testing.T) {
	for _, d := range []scenario.Decision{scenario.In, scenario.Out} {
		s := tiny(200000, fn("h", scenario.Heart, scenario.Either, 1, 0))
		s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", PerYear: 90000, Covers: map[string]float64{"h": 0.5}, Decision: d}}
		pl := &Planner{LP: backends["revised"]}
		base, _, err := pl.Optimize(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := InvestmentCases(context.Background(), s, pl, base, CaseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		c := cs[0]
		if c.Decision != string(d) || c.BreakEven != nil || c.AlwaysBought || c.NeverBought || c.Bought != (d == scenario.In) {
			t.Errorf("%s: case %+v", d, c)
		}
		if c.Why.Numbers["forced_"+string(d)] != 1 {
			t.Errorf("%s: why %+v", d, c.Why)
		}
	}
}
