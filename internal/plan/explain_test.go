package plan

import (
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Each infeasible scenario below is small enough to explain by hand; the
// comment gives the reasoning and the test asserts the exact explanation
// on every backend, as the view words the findings (problemWords, set to
// report.ProblemWords by words_test.go: the plan builds no sentence).

func expectProblems(t *testing.T, s *scenario.Scenario, want ...string) {
	t.Helper()
	p := optimize(t, s)
	if p.Status != StatusInfeasible {
		t.Fatalf("status %s, want infeasible", p.Status)
	}
	if got := problemWords(p.Currency, p.Findings); !slices.Equal(got, want) {
		t.Errorf("problems:\n  %q\nwant:\n  %q\nfindings: %+v", got, want, p.Findings)
	}
}

// Budget: floors of 80% on two 1-FTE functions need 1.6 FTE = $160k; the
// budget is $100k. Both floors need the money: relaxing either lowers it.
func TestExplainBudgetVsFloors(t *testing.T) {
	a := fn("a", scenario.Heart, scenario.Either, 1, 0)
	b := fn("b", scenario.Heart, scenario.Either, 1, 0)
	a.MinCoverage, b.MinCoverage = 0.8, 0.8
	expectProblems(t, tiny(100000, a, b),
		"the budget is too small: the floors of a (80%) and b (80%) need at least $160k a year, and the scenario has $100k",
		"in 2027 they need $160k and the budget is $100k")
}

// Budget against an exit limit, without any floor: North has 4 FTE today
// and may lose at most 1 a year, so it keeps 3 FTE = $300k; the budget is
// $200k.
func TestExplainBudgetVsExitLimit(t *testing.T) {
	s := tiny(200000, fn("h", scenario.Heart, scenario.Local, 1, 0))
	s.Regions[0].CurrentFTE = map[string]float64{"h": 4}
	s.Regions[0].MaxExitsPerPeriod = 1
	expectProblems(t, s,
		"the budget is too small: North's exit limit (1 a year) needs at least $300k a year, and the scenario has $200k",
		"in 2027 it needs $300k and the budget is $200k")
}

// A per-period budget: quarters of $50k, $25k, $50k, $50k with floors that
// need 0.5 FTE ($50k a quarter at $400k a year per FTE): Q2 must double,
// so every period's budget must grow by 100%.
func TestExplainPerPeriodBudget(t *testing.T) {
	h := fn("h", scenario.Heart, scenario.Either, 1, 0)
	h.MinCoverage = 0.5
	s := quarters(tiny(0, h), 4)
	s.Budget.PerPeriod = []float64{50000, 25000, 50000, 50000}
	s.Central.CostPerFTE, s.Regions[0].CostPerFTE = 400000, 400000
	expectProblems(t, s,
		"the budget is too small: the h floor (50%) needs every period's budget 100.0% larger",
		"in 2027-Q2 it needs $50.0k and the budget is $25.0k")
}

// Floors against the headcount cap: floors of 90% on 2 FTE and 50% on 3
// FTE need 1.8 + 1.5 = 3.3 FTE; the cap is 2.
func TestExplainHeadcountCap(t *testing.T) {
	a := fn("a", scenario.Heart, scenario.Either, 2, 0)
	b := fn("b", scenario.Heart, scenario.Either, 3, 0)
	a.MinCoverage, b.MinCoverage = 0.9, 0.5
	s := tiny(1e9, a, b)
	s.Policy.MaxFTE = 2
	expectProblems(t, s, "the headcount cap of 2 FTE is below the 3.3 FTE required by the floors of a (90%) and b (50%)")
}

// Hire limit: a local function needs 5 FTE in Q1 and, at the expansion
// stage (multiplier 3), 15 FTE from Q2. North has 5 today and may hire 2 a
// quarter; the central team may hire nobody. Q1 hires 2 (7), Q2 hires 2
// (9): 6 short of 15 by Q2, the fewest extra hires, placed as late as they
// can be.
func TestExplainHireLimit(t *testing.T) {
	h := fn("s", scenario.Heart, scenario.Local, 5, 0)
	h.MinCoverage = 1
	h.StageMultipliers[scenario.Expansion] = 3
	s := quarters(tiny(1e9, h), 4)
	s.Stages = []scenario.Stage{scenario.Growth, scenario.Expansion, scenario.Expansion, scenario.Expansion}
	s.Regions[0].CurrentFTE = map[string]float64{"s": 5}
	s.Regions[0].MaxHiresPerPeriod = 2
	s.Central.MaxHiresPerPeriod = 0
	expectProblems(t, s,
		"North can hire at most 2 a quarter but needs 6 more people by 2027-Q2 to meet the s floor (100%), given the central team's hire limit (0 a quarter)")
}

// Central share against hire limits: North keeps its 4 FTE (it may lose
// none), so an 80% central share needs 16 central FTE; the central team
// starts from none and may hire 2 a year: 14 more. No floor is involved.
func TestExplainCentralShareVsHireLimit(t *testing.T) {
	s := tiny(1e9, fn("h", scenario.Heart, scenario.Either, 4, 0))
	s.Policy.CentralShare.Min = 0.8
	s.Regions[0].CurrentFTE = map[string]float64{"h": 4}
	s.Regions[0].MaxExitsPerPeriod = 0
	s.Central.MaxHiresPerPeriod = 2
	expectProblems(t, s,
		"the central team can hire at most 2 a year but needs 14 more people by 2027 to meet the central share of at least 80%, given North's exit limit (0 a year)")
}

// Two conflicts at once: the hire conflict above and, once it is resolved,
// a budget too small for the floor. Each is explained with the other's
// change made.
func TestExplainTwoConflicts(t *testing.T) {
	h := fn("h", scenario.Heart, scenario.Local, 2, 0)
	h.MinCoverage = 1
	s := tiny(100000, h)
	s.Regions[0].MaxHiresPerPeriod = 1
	s.Central.MaxHiresPerPeriod = 0
	expectProblems(t, s,
		"North can hire at most 1 a year but needs 1 more person by 2027 to meet the h floor (100%), given the central team's hire limit (0 a year)",
		"the budget is too small: the h floor (100%) needs at least $200k a year, and the scenario has $100k",
		"in 2027 it needs $200k and the budget is $100k")
}

// A budget of 0, or of a fraction of a cent, is explained like any budget
// too small (issue 17): the floors of TestExplainBudgetVsFloors need $160k
// a year whatever the budget below it. The need is measured in money: a
// factor of a budget of 1e-9 would be 1.6e14, beyond what the LP resolves.
func TestExplainBudgetZeroAndTiny(t *testing.T) {
	for _, budget := range []float64{0, 1e-12, 1e-9, 3.2e-4} {
		a := fn("a", scenario.Heart, scenario.Either, 1, 0)
		b := fn("b", scenario.Heart, scenario.Either, 1, 0)
		a.MinCoverage, b.MinCoverage = 0.8, 0.8
		expectProblems(t, tiny(budget, a, b),
			"the budget is too small: the floors of a (80%) and b (80%) need at least $160k a year, and the scenario has $0",
			"in 2027 they need $160k and the budget is $0")
	}
}

// A per-period budget of zeros has no shape to keep: the need is a flat
// budget, said a year.
func TestExplainPerPeriodBudgetZero(t *testing.T) {
	h := fn("h", scenario.Heart, scenario.Either, 1, 0)
	h.MinCoverage = 0.5
	s := quarters(tiny(0, h), 4)
	s.Budget.PerPeriod = []float64{0, 0, 0, 0}
	s.Central.CostPerFTE, s.Regions[0].CostPerFTE = 400000, 400000
	expectProblems(t, s,
		"the budget is too small: the h floor (50%) needs at least $200k a year, and the scenario has $0",
		"in 2027-Q1 it needs $50.0k and the budget is $0",
		"in 2027-Q2 it needs $50.0k and the budget is $0",
		"in 2027-Q3 it needs $50.0k and the budget is $0",
		"in 2027-Q4 it needs $50.0k and the budget is $0")
}
