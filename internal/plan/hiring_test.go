package plan

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// wholeLocal is tiny with whole people and a central team too dear to
// use, so that every FTE is the region's: one team whose headcount is
// the plan's FTE.
func wholeLocal(budget float64, fns ...scenario.Function) *scenario.Scenario {
	s := tiny(budget, fns...)
	s.Policy.WholePeople = true
	s.Central.CostPerFTE = 1e7
	return s
}

// optimizeRevised plans s with the revised simplex: gonum's dense simplex
// fails on these models' fixed integer columns (a numerical failure, not
// a wrong plan).
func optimizeRevised(t *testing.T, s *scenario.Scenario) *Plan {
	t.Helper()
	p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Rounding down breaks a floor: heart h needs 2.5 FTE and a floor of 0.9
// (2.25 FTE), brain b 0.3 FTE; at $100k a person, $300k a year. The LP
// plan covers everything with 2.8 FTE ($280k). Down to 2 people, h is
// below its floor; the optimum in whole people is 3 people, everything
// covered (heart 1, brain 1), $300k: the least spend in whole people.
func TestWholePeopleRoundingDownBreaksFloor(t *testing.T) {
	h := fn("h", scenario.Heart, scenario.Either, 2.5, 0)
	h.MinCoverage = 0.9
	s := wholeLocal(300000, h, fn("b", scenario.Brain, scenario.Either, 0.3, 0))
	s.Policy.WholePeople = false
	frac := optimizeRevised(t, s)
	expect(t, "LP FTE", frac.Periods[0].LocalFTE, 2.8)
	s.Policy.WholePeople = true
	p := optimizeRevised(t, s)
	per := p.Periods[0]
	expect(t, "heart", per.Heart, 1)
	expect(t, "brain", per.Brain, 1)
	expect(t, "local FTE", per.LocalFTE, 3)
	expect(t, "spend", per.Spend, 300000)
	team := p.Hiring.Teams[1]
	if team.Team != "North" || team.Periods[0].Headcount != 3 || team.Periods[0].Hires != 3 || team.Periods[0].Exits != 0 {
		t.Errorf("hiring plan of the region: %+v", team)
	}
	var split float64
	for _, f := range team.Periods[0].Functions {
		split += f.FTE
	}
	expect(t, "the split across functions", split, 3)
	if p.Status != StatusOptimal {
		t.Errorf("status %s, want optimal", p.Status)
	}
}

// Rounding up breaks the budget: heart h needs 2 FTE, brain b 10 FTE;
// $270k a year buys 2.7 FTE: the LP plan covers h (2 FTE, heart 1) and
// 0.7 FTE of b (brain 0.07). 3 people cost $300k: over budget. In whole
// people the region has 2: h fully covered (a point of heart per FTE is
// worth five of brain), brain 0, $200k.
func TestWholePeopleRoundingUpBreaksBudget(t *testing.T) {
	s := wholeLocal(270000, fn("h", scenario.Heart, scenario.Either, 2, 0), fn("b", scenario.Brain, scenario.Either, 10, 0))
	s.Policy.WholePeople = false
	frac := optimizeRevised(t, s)
	expect(t, "LP FTE", frac.Periods[0].LocalFTE, 2.7)
	expect(t, "LP brain", frac.Periods[0].Brain, 0.07)
	s.Policy.WholePeople = true
	p := optimizeRevised(t, s)
	per := p.Periods[0]
	expect(t, "heart", per.Heart, 1)
	expect(t, "brain", per.Brain, 0)
	expect(t, "local FTE", per.LocalFTE, 2)
	expect(t, "spend", per.Spend, 200000)
}

// Hires and exits are whole, counted from today's team: 4 quarters, the
// region has 1 person today and may hire 1.5 a quarter (so 1 in whole
// people), heart h needs 3.2 FTE, money is plenty. Whole people: 2, 3, 4,
// 4 people (h covered 3.2 of 3.2 from the third quarter), one hire in
// each of the first three quarters; with fractional people the LP would
// hire 1.5, 0.7.
func TestWholePeopleHires(t *testing.T) {
	s := quarters(wholeLocal(1e7, fn("h", scenario.Heart, scenario.Either, 3.2, 0)), 4)
	s.Regions[0].CurrentFTE = map[string]float64{"h": 1}
	s.Regions[0].MaxHiresPerPeriod = 1.5
	p := optimizeRevised(t, s)
	team := p.Hiring.Teams[1]
	want := []HiringPeriod{{Headcount: 2, Hires: 1}, {Headcount: 3, Hires: 1}, {Headcount: 4, Hires: 1}, {Headcount: 4}}
	for t2, w := range want {
		got := team.Periods[t2]
		if got.Headcount != w.Headcount || got.Hires != w.Hires || got.Exits != w.Exits {
			t.Errorf("%s: %v people, %v hires, %v exits; want %v, %v, %v", got.Period, got.Headcount, got.Hires, got.Exits, w.Headcount, w.Hires, w.Exits)
		}
	}
	if team.Current != 1 {
		t.Errorf("current %v, want 1", team.Current)
	}
	if c := p.Hiring.Teams[0]; c.Team != "central" || c.Periods[3].Headcount != 0 {
		t.Errorf("central team: %+v", c)
	}
}

// Every stage of a whole-people model, written as export-lp writes it
// (people in a Generals section), has the optimum cardio finds at that
// stage when glpsol solves it.
func TestWholePeopleStagesAgreeWithGLPK(t *testing.T) {
	ctx := context.Background()
	h := fn("h", scenario.Heart, scenario.Either, 2.5, 0.3)
	h.MinCoverage = 0.9
	cases := map[string]*scenario.Scenario{
		"floor":  wholeLocal(300000, h, fn("b", scenario.Brain, scenario.Either, 0.3, 0)),
		"budget": wholeLocal(270000, fn("h", scenario.Heart, scenario.Either, 2, 0), fn("b", scenario.Brain, scenario.Either, 10, 0)),
	}
	two := quarters(tiny(520000, h, fn("b", scenario.Brain, scenario.Central, 3, 0.4)), 3)
	two.Policy.WholePeople = true
	two.Regions = append(two.Regions, region("South", 60, 80000))
	two.Regions[0].MaxHiresPerPeriod = 1
	cases["two regions"] = two
	for name, s := range cases {
		values := stagesAgreeWithGLPK(ctx, t, name, s, func(k int, q *solve.Problem) {
			var lp strings.Builder
			if err := solve.WriteLP(&lp, q); err != nil {
				t.Fatal(err)
			}
			if k < 4 && !strings.Contains(lp.String(), "\nGenerals\n people(") {
				t.Errorf("%s stage %d: no people among the Generals", name, k)
			}
		})
		if values == nil {
			t.Fatalf("%s: no optimum", name)
		}
	}
}

// Verify refuses a team of 2.5 people when whole people are asked for,
// and passes it otherwise.
func TestVerifyWholePeople(t *testing.T) {
	s := wholeLocal(1e6, fn("h", scenario.Heart, scenario.Either, 3, 0))
	a := NewAllocation(s)
	a.Local[0][0][0] = 2.5
	bad := Verify(s, a)
	if len(bad) != 1 || !strings.HasPrefix(bad[0], "fractional_people period=2027 team=North fte=2.5") {
		t.Errorf("Verify = %q", bad)
	}
	a.Local[0][0][0] = 3 - 1e-9 // round-off
	if bad := Verify(s, a); len(bad) != 0 {
		t.Errorf("Verify of 3 people less round-off = %q", bad)
	}
	s.Policy.WholePeople = false
	a.Local[0][0][0] = 2.5
	if bad := Verify(s, a); len(bad) != 0 {
		t.Errorf("Verify without whole people = %q", bad)
	}
}

// Whole people are refused where the model would not count in people.
func TestWholePeopleScale(t *testing.T) {
	s := wholeLocal(1e15, fn("h", scenario.Heart, scenario.Either, 1e7, 0))
	_, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if !errors.Is(err, model.ErrWholePeopleScale) || !strings.Contains(err.Error(), "policy.whole_people") {
		t.Errorf("err = %v", err)
	}
	s.Policy.WholePeople = false
	if err := model.CheckSize(s); err != nil {
		t.Errorf("without whole people: %v", err)
	}
}

// A plan in whole people has no marginal values: their re-solves would be
// searches that may stop within a gap (docs/output.md).
func TestWholePeopleNoMarginals(t *testing.T) {
	s := wholeLocal(270000, fn("h", scenario.Heart, scenario.Either, 2, 0), fn("b", scenario.Brain, scenario.Either, 10, 0))
	pl := &Planner{LP: solve.Revised{}}
	p, _, err := pl.Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := Marginals(context.Background(), s, pl, p); m != nil || err != nil {
		t.Errorf("Marginals = %+v, %v; want none", m, err)
	}
	s.Policy.WholePeople = false
	if m, err := Marginals(context.Background(), s, pl, p); m == nil || err != nil {
		t.Errorf("without whole people: Marginals = %+v, %v", m, err)
	}
}
