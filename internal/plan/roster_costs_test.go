package plan

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// rosterTeam is wholeLocal's shape over three quarters without whole
// people: one heart function h whose floor of 100% asks for exactly
// demand FTE in North (the central team is too dear to use), new hires at
// $100k a year, and today's team of 4 FTE on h from a roster whose
// average is kept a year.
func rosterTeam(demand, kept float64) *scenario.Scenario {
	h := fn("h", scenario.Heart, scenario.Either, demand, 0)
	h.MinCoverage = 1
	s := quarters(wholeLocal(1e6, h), 3)
	s.Policy.WholePeople = false
	s.Regions[0].CurrentFTE = map[string]float64{"h": 4}
	s.Regions[0].KeptFTE = 4
	s.Regions[0].CurrentCostPerFTE = kept
	return s
}

// flowsOf is North's hiring plan read off the allocation as the plan
// reads it (Flows): kept, new, hires and exits per quarter.
func flowsOf(s *scenario.Scenario, p *Plan) []TeamFlow {
	fte := make([]float64, len(p.Periods))
	for t, per := range p.Periods {
		fte[t] = per.LocalFTE
	}
	return Flows(s.Regions[0].Team, fte, true)
}

func expectFlows(t *testing.T, name string, got []TeamFlow, want [][4]float64) {
	t.Helper()
	for q, w := range want {
		g := got[q]
		for i, v := range []float64{g.Kept, g.New, g.Hires, g.Exits} {
			if !near(v, w[i], 1e-6) {
				t.Errorf("%s Q%d: kept, new, hires, exits = %.6g %.6g %.6g %.6g, want %v", name, q+1, g.Kept, g.New, g.Hires, g.Exits, w)
				break
			}
		}
	}
}

// A roster dearer than new hires: 4 people at $140k a year, hires at
// $100k, a demand of 4 FTE every quarter that the floor asks to cover in
// full, so the team is 4 FTE throughout and a quarter costs
// 0.25 * (100k * 4 + 40k * kept).
//
//   - No limits: all 4 are replaced in Q1 (4 exits, 4 hires), each
//     quarter $100k, $300k in all: what the model costed every FTE at
//     before the roster's costs counted.
//   - At most 1 exit a quarter: kept falls 4 -> 3, 2, 1; quarters cost
//     $130k, $120k, $110k, $360k in all (1 hire and 1 exit a quarter,
//     though the headcount never moves).
//   - At most 1 hire a quarter: new rises by 1 a quarter, the same plan.
//   - No exit allowed: the 4 stay, $140k a quarter, $420k.
func TestRosterDearerThanHires(t *testing.T) {
	cases := []struct {
		name          string
		hires, exits  float64
		spend         []float64
		kept, new, in []float64
	}{
		{"no limits", -1, -1, []float64{100000, 100000, 100000}, []float64{0, 0, 0}, []float64{4, 4, 4}, []float64{4, 0, 0}},
		{"exit limit", -1, 1, []float64{130000, 120000, 110000}, []float64{3, 2, 1}, []float64{1, 2, 3}, []float64{1, 1, 1}},
		{"hire limit", 1, -1, []float64{130000, 120000, 110000}, []float64{3, 2, 1}, []float64{1, 2, 3}, []float64{1, 1, 1}},
		{"no exits", -1, 0, []float64{140000, 140000, 140000}, []float64{4, 4, 4}, []float64{0, 0, 0}, []float64{0, 0, 0}},
	}
	for _, c := range cases {
		s := rosterTeam(4, 140000)
		s.Regions[0].MaxHiresPerPeriod, s.Regions[0].MaxExitsPerPeriod = c.hires, c.exits
		p := optimize(t, s)
		if p.Status != StatusOptimal {
			t.Fatalf("%s: status %s", c.name, p.Status)
		}
		var want [][4]float64
		for q := range 3 {
			expect(t, fmt.Sprintf("%s Q%d local FTE", c.name, q+1), p.Periods[q].LocalFTE, 4)
			expect(t, fmt.Sprintf("%s Q%d spend", c.name, q+1), p.Periods[q].Spend, c.spend[q])
			want = append(want, [4]float64{c.kept[q], c.new[q], c.in[q], c.in[q]})
		}
		expectFlows(t, c.name, flowsOf(s, p), want)
		if bad := Verify(s, optimizedAllocation(t, s)); len(bad) > 0 {
			t.Errorf("%s: Verify: %v", c.name, bad)
		}
	}
}

// optimizedAllocation is s's optimized allocation (the one Build evaluates).
func optimizedAllocation(t *testing.T, s *scenario.Scenario) *Allocation {
	t.Helper()
	_, a, err := (&Planner{LP: solve.Revised{}}).Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// A roster cheaper than new hires: 4 people at $60k a year, hires at
// $100k. The demand is 4 FTE in Q1, half in Q2 (the margin stage's
// multiplier) and 4 again in Q3, all to be covered. The team shrinks to 2
// in Q2, and the 2 it takes back in Q3 are new hires at $100k: those who
// left do not come back at their old cost. Quarters cost 0.25 * (4 *
// 60k) = $60k, 0.25 * (2 * 60k) = $30k and 0.25 * (2 * 60k + 2 * 100k) =
// $80k, $170k in all; costing every FTE at the roster's $60k would say
// $60k in Q3, and at $100k, $100k, $50k and $100k.
func TestRosterCheaperThanHires(t *testing.T) {
	s := rosterTeam(4, 60000)
	s.Stages[1] = scenario.Margin
	s.Functions[0].StageMultipliers[scenario.Margin] = 0.5
	p := optimize(t, s)
	for q, want := range []float64{60000, 30000, 80000} {
		expect(t, fmt.Sprintf("Q%d spend", q+1), p.Periods[q].Spend, want)
	}
	expect(t, "total spend", p.Totals.Spend, 170000)
	expectFlows(t, "cheaper", flowsOf(s, p), [][4]float64{{4, 0, 0, 0}, {2, 0, 0, 2}, {2, 2, 2, 0}})

	// With at most 1 exit a quarter the team cannot shrink to 2: it
	// keeps 3 in Q2 (0.25 * 3 * 60k = $45k) and hires 1 in Q3 (3 kept
	// and 1 new, 0.25 * 280k = $70k).
	s.Regions[0].MaxExitsPerPeriod = 1
	p = optimize(t, s)
	for q, want := range []float64{60000, 45000, 70000} {
		expect(t, fmt.Sprintf("exit limit Q%d spend", q+1), p.Periods[q].Spend, want)
	}
	expectFlows(t, "cheaper, exit limit", flowsOf(s, p), [][4]float64{{4, 0, 0, 0}, {3, 0, 0, 1}, {3, 1, 1, 0}})
}

// A team whose roster costs what its new hires do, or that gives no cost,
// has no kept and new columns: its model is the one without a roster.
func TestRosterAtHireCostAddsNothing(t *testing.T) {
	s := rosterTeam(4, 100000)
	m := model.Build(s)
	plain := rosterTeam(4, 100000)
	plain.Regions[0].KeptFTE, plain.Regions[0].CurrentCostPerFTE = 0, 0
	if m.Kept != nil || len(m.Problem.Vars) != len(model.Build(plain).Problem.Vars) || len(m.Problem.Rows) != len(model.Build(plain).Problem.Rows) {
		t.Errorf("a roster at cost_per_fte changed the model: %d vars, %d rows, kept %v", len(m.Problem.Vars), len(m.Problem.Rows), m.Kept)
	}
	if m := model.Build(rosterTeam(4, 140000)); m.Kept == nil || m.Kept[1] == nil || m.Kept[0] != nil {
		t.Errorf("a dearer roster: kept columns %v, want North's only", m.Kept)
	}
}

// An infeasible scenario whose exit limit is the change to make counts a
// kept person leaving once, though two rows bound it: the central team,
// 4 people from a dearer roster who may leave 1 a quarter, and a central
// share of at most 0 need 3 exits beyond the limit in Q1, not 6.
func TestRosterExitsBeyondLimitCountedOnce(t *testing.T) {
	s := rosterTeam(4, 140000)
	s.Regions[0].CurrentFTE, s.Regions[0].KeptFTE = map[string]float64{}, 0
	s.Central.CostPerFTE = 100000
	s.Central.CurrentFTE = map[string]float64{"h": 4}
	s.Central.KeptFTE, s.Central.CurrentCostPerFTE = 4, 140000
	s.Central.MaxExitsPerPeriod = 1
	s.Policy.CentralShare.Max = 0
	p := optimize(t, s)
	if p.Status != StatusInfeasible {
		t.Fatalf("status %s, want infeasible", p.Status)
	}
	var found bool
	for _, f := range p.Findings {
		if f.Kind == KindExitLimitTooSmall {
			found = true
			expect(t, "exits beyond the limit", f.Numbers["need"], 3)
			if f.Period != "2027-Q1" {
				t.Errorf("needed by %s, want 2027-Q1", f.Period)
			}
		}
	}
	if !found {
		t.Errorf("no exit limit finding: %+v", p.Findings)
	}
}

// rosterGLPKCases are rosterTeam's variants whose stage models the glpsol
// tests solve: a roster cheaper and dearer than new hires (and with costs
// beyond those, others), with and without limits of 1 a quarter, in FTE
// and in whole people, over a margin quarter and a brain function, each
// changed by edit when given.
func rosterGLPKCases(costs []float64, edit func(*scenario.Scenario)) map[string]*scenario.Scenario {
	cases := map[string]*scenario.Scenario{}
	for _, lim := range []float64{-1, 1} {
		for _, cost := range costs {
			s := rosterTeam(3.5, cost)
			s.Stages[1] = scenario.Margin
			s.Functions[0].StageMultipliers[scenario.Margin] = 0.5
			s.Functions[0].MinCoverage = 0.8
			s.Functions = append(s.Functions, fn("b", scenario.Brain, scenario.Either, 2, 0))
			s.Budget.Annual = 500000
			s.Regions[0].MaxExitsPerPeriod, s.Regions[0].MaxHiresPerPeriod = lim, lim
			if edit != nil {
				edit(s)
			}
			cases[fmt.Sprintf("cost %g, limits %g", cost, lim)] = s
			w := *s
			w.Policy.WholePeople = true
			cases[fmt.Sprintf("cost %g, limits %g, whole people", cost, lim)] = &w
		}
	}
	return cases
}

// plansAgreeWithGLPK has glpsol solve every stage of each case
// (stagesAgreeWithGLPK) and checks that the plan's spend, evaluated from
// its allocation, is the model's stage-3 optimum.
func plansAgreeWithGLPK(t *testing.T, cases map[string]*scenario.Scenario) {
	t.Helper()
	ctx := context.Background()
	for name, s := range cases {
		values := stagesAgreeWithGLPK(ctx, t, name, s, nil)
		if values == nil {
			t.Fatalf("%s: no optimum", name)
		}
		p, err := Optimize(ctx, s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		expect(t, name+": plan spend against stage 3", p.Totals.Spend, values[2])
	}
}

// Every stage of the roster models above, written as export-lp writes
// them, has the optimum cardio finds when glpsol solves it; whole people
// included (the team's headcount whole, kept and new continuous).
func TestRosterCostsAgreeWithGLPK(t *testing.T) {
	plansAgreeWithGLPK(t, rosterGLPKCases([]float64{60000, 140000}, nil))
}

// A review rolls the roster forward: North's 4 roster people (at $140k,
// hires at $100k) were 3 in Q1 and 5 in Q2, so of the 5 in seat 3 are
// the roster's (the least since) and 2 new. Re-planning Q3, where the
// demand of 4 FTE is to be covered in full:
//   - at most 1 exit: the team goes 5 -> 4, the exit is a kept person
//     (kept 2, new 2), 0.25 * (4 * 100k + 2 * 40k) = $120k;
//   - no exit: all 5 stay, 0.25 * (5 * 100k + 3 * 40k) = $155k.
func TestReviewRollsTheRosterForward(t *testing.T) {
	s := rosterTeam(4, 140000)
	act := &scenario.Actuals{Periods: 2,
		Central: [][]float64{{0}, {0}},
		Local:   [][][]float64{{{3}}, {{5}}},
	}
	rest := Shift(s, 2, act.Central[1], act.Local[1], nil)
	keepRoster(rest, s, act, 2)
	north := rest.Regions[0]
	if north.CurrentTotal() != 5 || north.KeptFTE != 3 || !north.SplitsKept() {
		t.Fatalf("North after Q2: %v in seat, %v kept, want 5 and 3", north.CurrentTotal(), north.KeptFTE)
	}
	for _, c := range []struct {
		exits, spend float64
		flow         [4]float64
	}{
		{1, 120000, [4]float64{2, 2, 0, 1}},
		{0, 155000, [4]float64{3, 2, 0, 0}},
	} {
		rest.Regions[0].MaxExitsPerPeriod = c.exits
		p := optimize(t, rest)
		expect(t, fmt.Sprintf("exit limit %g: Q3 spend", c.exits), p.Periods[0].Spend, c.spend)
		expectFlows(t, fmt.Sprintf("exit limit %g", c.exits), flowsOf(rest, p), [][4]float64{c.flow})
	}
}

// TestTeamCostPerFTEAddsUpToSpend: each team's average cost of an FTE
// (TeamCostPerFTE, what the checkup prices brain staff at) times its
// headcount adds up to the staff spend Spend counts, in every period of the
// bundled roster examples, for today's team and for the optimized plan;
// and a split team's average lies between the roster's and the hires'
// costs.
func TestTeamCostPerFTEAddsUpToSpend(t *testing.T) {
	for _, file := range []string{"../../scenarios/roster.yaml", "../../scenarios/whole-people.yaml"} {
		s, err := scenario.Load(file, nil)
		if err != nil {
			t.Fatal(err)
		}
		split := 0
		for k := range 1 + len(s.Regions) {
			if teamOf(s, k).SplitsKept() {
				split++
			}
		}
		if split == 0 {
			t.Fatalf("%s: no team is split by its roster's costs: the test checks nothing", file)
		}
		for name, a := range map[string]*Allocation{"as is": AsIsAllocation(s), "optimized": optimizedAllocation(t, s)} {
			for p := range s.Periods() {
				_, want := Spend(s, a, p)
				var got float64
				for k := range 1 + len(s.Regions) {
					c := TeamCostPerFTE(s, a, k, p)
					tm := teamOf(s, k)
					lo, hi := min(tm.CostPerFTE, tm.CurrentCostPerFTE), max(tm.CostPerFTE, tm.CurrentCostPerFTE)
					if tm.SplitsKept() && (c < lo-1e-9 || c > hi+1e-9) {
						t.Errorf("%s %s %s team %d: average cost %v outside [%v, %v]", file, name, s.PeriodLabel(p), k, c, lo, hi)
					}
					got += s.PeriodFraction() * c * teamPath(s, a, k, p)[p]
				}
				if math.Abs(got-want) > 1e-6*max(1, want) {
					t.Errorf("%s %s %s: teams at their average cost %v, Spend's staff %v", file, name, s.PeriodLabel(p), got, want)
				}
			}
		}
	}
}
