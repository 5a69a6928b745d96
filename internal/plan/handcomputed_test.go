package plan

import (
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Each test below is a scenario small enough to solve by hand; the comment
// gives the reasoning and the test asserts the figures.

// The heart earns the right to the brain: even with the brain weighted twice
// the heart, stage 1 first buys the heart up to healthy (0.9 of 2 FTE = 1.8
// FTE = $180k); the remaining $120k goes to the brain (1.2 of 2 FTE = 0.6)
// because stage 2 weighs the brain twice.
func TestLexicographicHeartFirst(t *testing.T) {
	s := tiny(300000,
		fn("h", scenario.Heart, scenario.Either, 2, 0),
		fn("b", scenario.Brain, scenario.Either, 2, 0))
	s.Policy.BrainWeight = 2
	p := optimize(t, s)
	per := p.Periods[0]
	expect(t, "heart", per.Heart, 0.9)
	expect(t, "brain", per.Brain, 0.6)
	expect(t, "spend", per.Spend, 300000)
	if !per.Healthy || p.Status != StatusOptimal {
		t.Errorf("healthy=%v status=%s, want a healthy optimal plan", per.Healthy, p.Status)
	}
}

// Once the heart is healthy, equal weights spend the rest where a dollar buys
// the most score: here the brain (whose demand is smaller), then the heart.
// Heart demand 2 FTE, brain 1 FTE, $250k: heart 1.8 FTE (0.9), then brain
// 0.7 FTE (0.7 of 1 FTE per $70k, worth 0.7) beats heart (0.2 FTE worth 0.1).
func TestStageTwoSpendsWhereScoreIsCheapest(t *testing.T) {
	s := tiny(250000,
		fn("h", scenario.Heart, scenario.Either, 2, 0),
		fn("b", scenario.Brain, scenario.Either, 1, 0))
	p := optimize(t, s)
	expect(t, "heart", p.Periods[0].Heart, 0.9)
	expect(t, "brain", p.Periods[0].Brain, 0.7)
}

// Effectiveness: a central-locality function is delivered 1.25 FTE-eq per
// central FTE. At $150k central vs $100k local, local is cheaper per unit of
// work ($120k vs $100k): 2 local FTE, $200k. At $110k central ($88k per unit)
// the central team does it: 2/1.25 = 1.6 FTE, $176k. Stage 3 picks the
// cheaper once the scores are maxed.
func TestEffectivenessPicksCheaperTeam(t *testing.T) {
	for _, tc := range []struct {
		centralCost, wantC, wantL, wantSpend float64
	}{
		{150000, 0, 2, 200000},
		{110000, 1.6, 0, 176000},
	} {
		s := tiny(1e6, fn("h", scenario.Heart, scenario.Central, 2, 0))
		s.Central.CostPerFTE = tc.centralCost
		p := optimize(t, s)
		per := p.Periods[0]
		expect(t, "central FTE", per.CentralFTE, tc.wantC)
		expect(t, "local FTE", per.LocalFTE, tc.wantL)
		expect(t, "spend", per.Spend, tc.wantSpend)
		expect(t, "heart", per.Heart, 1)
	}
}

// A scalable tool that covers half the demand (1 FTE-eq) for $50k beats staff
// at $100k per FTE: with $100k, the tool at full level plus 0.5 FTE covers
// 1.5 of 2 FTE = 0.75.
func TestScalableInvestment(t *testing.T) {
	s := tiny(100000, fn("h", scenario.Heart, scenario.Either, 2, 0))
	s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", PerYear: 50000, Covers: map[string]float64{"h": 0.5}, Scalable: true}}
	p := optimize(t, s)
	per := p.Periods[0]
	expect(t, "heart", per.Heart, 0.75)
	expect(t, "tool level", per.Investments[0].Level, 1)
	expect(t, "tool FTE", per.Functions[0].ToolFTE, 1)
	expect(t, "spend", per.Spend, 100000)
}

// The same tool at $60k a year with only $50k: scalable, 5/6 of it covers
// 0.8333 FTE-eq (heart 0.41667); all-or-nothing, it cannot be bought and
// $50k of staff covers 0.5 FTE (heart 0.25). Branch and bound must not round
// the relaxation up past the budget.
func TestAllOrNothingInvestment(t *testing.T) {
	for _, scalable := range []bool{true, false} {
		s := tiny(50000, fn("h", scenario.Heart, scenario.Either, 2, 0))
		s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", PerYear: 60000, Covers: map[string]float64{"h": 0.5}, Scalable: scalable}}
		p := optimize(t, s)
		per := p.Periods[0]
		if scalable {
			expect(t, "scalable: level", per.Investments[0].Level, 50.0/60)
			expect(t, "scalable: heart", per.Heart, 0.5*(50.0/60))
		} else {
			expect(t, "all-or-nothing: level", per.Investments[0].Level, 0)
			expect(t, "all-or-nothing: heart", per.Heart, 0.25)
		}
		expect(t, "spend", per.Spend, 50000)
	}
}

// Ramp: demand 1 FTE a quarter, staff at $200k a quarter, $100k a quarter. A
// tool that covers all of it costs $100k upfront and ramps over one period
// (half in its first quarter). Staff alone covers 0.5 each quarter (stage 1:
// 2.0); buying the tool in Q1 gives 0.5, then 1, 1, 1 (stage 1: 0.5+3*0.9 =
// 3.2, the most possible since Q1 cannot pass 0.5 either way). Stage 3 then
// spends only the $100k of Q1.
func TestRamp(t *testing.T) {
	s := quarters(tiny(400000, fn("h", scenario.Heart, scenario.Either, 0, 1)), 4)
	s.Central.CostPerFTE, s.Regions[0].CostPerFTE = 800000, 800000
	s.Investments = []scenario.Investment{{ID: "tool", Name: "tool", Upfront: 100000, Covers: map[string]float64{"h": 1}, RampPeriods: 1, Scalable: true}}
	p := optimize(t, s)
	for i, want := range []float64{0.5, 1, 1, 1} {
		expect(t, p.Periods[i].Label+" heart", p.Periods[i].Heart, want)
		expect(t, p.Periods[i].Label+" level", p.Periods[i].Investments[0].Level, 1)
	}
	expect(t, "Q1 effective", p.Periods[0].Investments[0].Effective, 0.5)
	expect(t, "Q1 spend", p.Periods[0].Spend, 100000)
	expect(t, "total spend", p.Totals.Spend, 100000)
}

// Trajectories compound per quarter: budget $400k a year falling 19% a year
// (quarter t has 100k*0.81^(t/4)), sellers growing 21% a year (demand
// 1.21^(t/4) FTE), staff at $100k a quarter. Coverage is budget/demand:
// 1 (capped), 0.948683/1.048809, 0.9/1.1, 0.853815/1.153690.
func TestTrajectoriesCompoundPerPeriod(t *testing.T) {
	s := quarters(tiny(400000, fn("h", scenario.Heart, scenario.Either, 1, 0)), 4)
	s.Budget.ChangePerYear = -0.19
	s.Regions[0].SellerGrowthPerYear = 0.21
	s.Central.CostPerFTE, s.Regions[0].CostPerFTE = 400000, 400000
	p := optimize(t, s)
	for i := range p.Periods {
		b := 100000 * math.Pow(0.81, float64(i)/4)
		d := math.Pow(1.21, float64(i)/4)
		expect(t, p.Periods[i].Label+" budget", p.Periods[i].Budget, b)
		expect(t, p.Periods[i].Label+" heart", p.Periods[i].Heart, math.Min(1, b/100000/d))
	}
	expect(t, "Q3 heart", p.Periods[2].Heart, 0.9/1.1)
	expect(t, "Q1 spend", p.Periods[0].Spend, 100000)
}

// Floors: with weights 3 and 1, $100k (1 FTE) takes the heavier function
// to healthy (0.9) and gives the rest to the lighter one (0.1): stage 1
// counts each function only up to healthy, so pushing the heavier one on
// to 1 would take from a function below healthy; heart (3*0.9+0.1)/4 =
// 0.7. (Before stage 1 counted each heart cell up to healthy, all went to
// the heavier function, heart 0.75.) A 0.8 floor on the lighter one forces
// 0.2/0.8 and a heart of (3*0.2+0.8)/4 = 0.35. Floors of 0.8 on both need $160k: the
// scenario is infeasible and says so in money (explain_test.go has more).
func TestFloors(t *testing.T) {
	a := fn("a", scenario.Heart, scenario.Either, 1, 0)
	a.Weight = 3
	b := fn("b", scenario.Heart, scenario.Either, 1, 0)
	p := optimize(t, tiny(100000, a, b))
	expect(t, "no floor: heart", p.Periods[0].Heart, 0.7)
	expect(t, "no floor: a", p.Periods[0].Functions[0].Coverage, 0.9)

	b.MinCoverage = 0.8
	p = optimize(t, tiny(100000, a, b))
	expect(t, "floor: heart", p.Periods[0].Heart, 0.35)
	expect(t, "floor: b", p.Periods[0].Functions[1].Coverage, 0.8)

	a.MinCoverage = 0.8
	p = optimize(t, tiny(100000, a, b))
	if p.Status != StatusInfeasible {
		t.Fatalf("status %s, want infeasible", p.Status)
	}
	want := "the budget is too small: the floors of a (80%) and b (80%) need at least $160k a year, and the scenario has $100k"
	if got := problemWords(p.Currency, p.Findings); len(got) == 0 || got[0] != want {
		t.Errorf("problems = %q, want first %q", got, want)
	}
}

// Central share: central staff at $80k vs local at $100k (either-locality,
// both 1.0 effective). Unbounded, stage 3 puts all 2 FTE centrally ($160k);
// with at most 25% central, 0.5 central + 1.5 local = $190k.
func TestCentralShare(t *testing.T) {
	s := tiny(1e6, fn("h", scenario.Heart, scenario.Either, 2, 0))
	s.Central.CostPerFTE = 80000
	expect(t, "free: spend", optimize(t, s).Periods[0].Spend, 160000)
	s.Policy.CentralShare.Max = 0.25
	per := optimize(t, s).Periods[0]
	expect(t, "capped: central", per.CentralFTE, 0.5)
	expect(t, "capped: local", per.LocalFTE, 1.5)
	expect(t, "capped: spend", per.Spend, 190000)
	expect(t, "capped: share", per.CentralShare, 0.25)
}

// Hire limits: a local team starting from nobody may hire 0.5 FTE a quarter
// and the central team none: heart 0.25 then 0.5 of 2 FTE. Exit limits: 4
// FTE on a 1-FTE function may shrink by 1 a quarter: 3 then 2 FTE, $300k and
// $200k at $100k a quarter.
func TestHireAndExitLimits(t *testing.T) {
	s := quarters(tiny(1e7, fn("h", scenario.Heart, scenario.Local, 2, 0)), 2)
	s.Regions[0].MaxHiresPerPeriod = 0.5
	s.Central.MaxHiresPerPeriod = 0
	p := optimize(t, s)
	expect(t, "Q1 heart", p.Periods[0].Heart, 0.25)
	expect(t, "Q2 heart", p.Periods[1].Heart, 0.5)

	s = quarters(tiny(1e7, fn("h", scenario.Heart, scenario.Local, 1, 0)), 2)
	s.Regions[0].CurrentFTE = map[string]float64{"h": 4}
	s.Regions[0].MaxExitsPerPeriod = 1
	s.Central.CostPerFTE, s.Regions[0].CostPerFTE = 400000, 400000
	p = optimize(t, s)
	expect(t, "Q1 local", p.Periods[0].LocalFTE, 3)
	expect(t, "Q2 local", p.Periods[1].LocalFTE, 2)
	expect(t, "Q1 spend", p.Periods[0].Spend, 300000)
	expect(t, "Q2 spend", p.Periods[1].Spend, 200000)
}

// As-is: demand 1 FTE in A (100 sellers) and 3 in B (300 sellers) for a
// local function. A has 1.5 local FTE; the central team has 1 FTE at 0.6
// effectiveness, shared 1:3 by demand. A: 1.5+0.15 >= 1, covered; B: 0.45 of
// 3 = 0.15. Heart = 0.25*1 + 0.75*0.15 = 0.3625. Spend = 2.5 FTE * $100k plus
// an owned tool's $40k. The owned tool covers nothing here but its cost runs.
func TestAsIs(t *testing.T) {
	s := tiny(200000, fn("h", scenario.Heart, scenario.Local, 1, 0))
	s.Regions = []scenario.Region{region("A", 100, 100000), region("B", 300, 100000)}
	s.Regions[0].CurrentFTE = map[string]float64{"h": 1.5}
	s.Central.CurrentFTE = map[string]float64{"h": 1}
	s.Investments = []scenario.Investment{{ID: "crm", Name: "crm", PerYear: 40000, Owned: true, Covers: map[string]float64{}}}
	p := AsIs(s)
	per := p.Periods[0]
	expect(t, "heart", per.Heart, 0.3625)
	expect(t, "A heart", per.Regions[0].Heart, 1)
	expect(t, "B heart", per.Regions[1].Heart, 0.15)
	expect(t, "B central FTE", per.Regions[1].CentralFTE, 0.75)
	expect(t, "spend", per.Spend, 290000)
	if p.Status != StatusAsIs || len(p.Findings) != 1 || p.Findings[0].Kind != KindOverBudget || p.Findings[0].N("spend") != 290000 {
		t.Errorf("status %s findings %+v, want as_is with the budget overrun", p.Status, p.Findings)
	}
}

// Requires and owned: an add-on that covers half the demand requires a
// platform. Buying both costs $70k for 1 FTE-eq, cheaper than staff; with
// the platform owned (running cost paid regardless), only the add-on's $20k
// is extra. Level of the add-on can never exceed the platform's.
func TestRequiresAndOwned(t *testing.T) {
	mk := func(owned bool) *scenario.Scenario {
		s := tiny(1e6, fn("h", scenario.Heart, scenario.Either, 2, 0))
		s.Investments = []scenario.Investment{
			{ID: "platform", Name: "platform", PerYear: 50000, Covers: map[string]float64{}, Scalable: true, Owned: owned},
			{ID: "addon", Name: "addon", PerYear: 20000, Covers: map[string]float64{"h": 0.5}, Scalable: true, Requires: []string{"platform"}},
		}
		return s
	}
	// Not owned: platform+addon = $70k for 1 FTE-eq beats $100k of staff.
	per := optimize(t, mk(false)).Periods[0]
	expect(t, "addon level", per.Investments[1].Level, 1)
	expect(t, "platform level", per.Investments[0].Level, 1)
	expect(t, "spend", per.Spend, 170000)
	// Owned: the same, the platform's cost counts.
	per = optimize(t, mk(true)).Periods[0]
	expect(t, "owned platform level", per.Investments[0].Level, 1)
	expect(t, "owned spend", per.Spend, 170000)
}
