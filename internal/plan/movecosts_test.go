package plan

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// withRoster gives the first region with staff today a roster: part of
// its team, drawn from rng, at a cost drawn about its new hires'; false
// when no region has staff today.
func withRoster(rng *rand.Rand, s *scenario.Scenario) bool {
	i := slices.IndexFunc(s.Regions, func(r scenario.Region) bool { return r.CurrentTotal() > 0 })
	if i < 0 {
		return false
	}
	reg := &s.Regions[i]
	reg.KeptFTE = reg.CurrentTotal() * (0.5 + 0.5*rng.Float64())
	reg.CurrentCostPerFTE = reg.CostPerFTE * (0.8 + 0.5*rng.Float64())
	return true
}

// withMoveCosts gives every team, the central one first, a hire_cost and
// an exit_cost drawn from rng up to most.
func withMoveCosts(rng *rand.Rand, s *scenario.Scenario, most float64) {
	s.Central.HireCost, s.Central.ExitCost = most*rng.Float64(), most*rng.Float64()
	for r := range s.Regions {
		s.Regions[r].HireCost, s.Regions[r].ExitCost = most*rng.Float64(), most*rng.Float64()
	}
}

// keptOf is North's hiring plan as the plan reads it off its allocation
// (teamFlows: the model's kept path where the team has one-time costs).
func keptOf(t *testing.T, s *scenario.Scenario) []TeamFlow {
	t.Helper()
	a := optimizedAllocation(t, s)
	return a.teamFlows(s, 1, teamPath(s, a, 1, s.Periods()-1))
}

// One-time costs weighed against a roster's saving (rosterTeam: North's 4
// roster people at $140k a year, hires at $100k, a demand of 4 FTE to
// cover in full every quarter of three, so the team stays at 4 and the
// least spend decides). A person replaced in quarter q saves 0.25 * $40k
// = $10k in each quarter from q on: $30k from Q1, $20k from Q2, $10k
// from Q3; replacing costs hire_cost + exit_cost once.
//
//   - $15k + $10k = $25k: worth it from Q1 only, and with no limits all 4
//     go in Q1: Q1 costs 0.25 * 4 * $100k + 4 * $25k = $200k, Q2 and Q3
//     $100k: $400k against $420k for keeping them.
//   - $20k + $15k = $35k: never worth it: the 4 stay, $140k a quarter.
//   - $25k with at most 1 exit a quarter: 1 goes in Q1 (+$5k); a second
//     in Q2 would save $20k for $25k: kept 3, 3, 3; Q1 costs 0.25 *
//     (4 * $100k + 3 * $40k) + $25k = $155k, Q2 and Q3 $130k.
func TestMoveCostsWeighRosterReplacements(t *testing.T) {
	cases := []struct {
		name         string
		hire, exit   float64
		exitLimit    float64
		spend        []float64
		kept, hires  []float64
		hiringExitsQ []float64
	}{
		{"worth it", 15000, 10000, -1, []float64{200000, 100000, 100000}, []float64{0, 0, 0}, []float64{4, 0, 0}, []float64{100000, 0, 0}},
		{"not worth it", 20000, 15000, -1, []float64{140000, 140000, 140000}, []float64{4, 4, 4}, []float64{0, 0, 0}, []float64{0, 0, 0}},
		{"worth it in Q1 only", 15000, 10000, 1, []float64{155000, 130000, 130000}, []float64{3, 3, 3}, []float64{1, 0, 0}, []float64{25000, 0, 0}},
	}
	for _, c := range cases {
		s := rosterTeam(4, 140000)
		s.Regions[0].HireCost, s.Regions[0].ExitCost = c.hire, c.exit
		s.Regions[0].MaxExitsPerPeriod = c.exitLimit
		p := optimizeRevised(t, s)
		if p.Status != StatusOptimal {
			t.Fatalf("%s: status %s", c.name, p.Status)
		}
		flows := keptOf(t, s)
		var want [][4]float64
		for q := range 3 {
			expect(t, fmt.Sprintf("%s Q%d local FTE", c.name, q+1), p.Periods[q].LocalFTE, 4)
			expect(t, fmt.Sprintf("%s Q%d spend", c.name, q+1), p.Periods[q].Spend, c.spend[q])
			expect(t, fmt.Sprintf("%s Q%d hiring and exit spend", c.name, q+1), p.Periods[q].HiringExitSpend, c.hiringExitsQ[q])
			want = append(want, [4]float64{c.kept[q], 4 - c.kept[q], c.hires[q], c.hires[q]})
		}
		expectFlows(t, c.name, flows, want)
		if bad := Verify(s, optimizedAllocation(t, s)); len(bad) > 0 {
			t.Errorf("%s: Verify: %v", c.name, bad)
		}
		// The claims say what the plan did, with the costs it weighed:
		// the roster staff replaced, and those kept to the end.
		var replaced, kept bool
		for _, f := range Claims(p) {
			switch f.Kind {
			case KindRosterReplaced:
				replaced = true
				if f.N("fte") != c.hires[0] || f.N("hire_cost") != c.hire || f.N("exit_cost") != c.exit {
					t.Errorf("%s: claim %v", c.name, f.Numbers)
				}
			case KindRosterKept:
				kept = true
				if f.N("fte") != c.kept[2] || f.N("hire_cost") != c.hire || f.N("exit_cost") != c.exit || f.Period != "2027-Q3" {
					t.Errorf("%s: claim %+v", c.name, f)
				}
			}
		}
		if replaced != (c.hires[0] > 0) || kept != (c.kept[2] > 0) {
			t.Errorf("%s: roster_replaced %v, roster_kept %v; the plan replaces %v and keeps %v", c.name, replaced, kept, c.hires[0], c.kept[2])
		}
	}
}

// One-time costs of a team that is not split by a roster (North's 4
// people today cost what new hires do, $100k a year), over three
// quarters with the demand covered in full:
//
//   - a demand of 5: 1 hire in Q1 at hire_cost $20k: Q1 0.25 * 5 * $100k
//   - $20k = $145k, then $125k;
//   - a demand of 3 and exit_cost $50k: shedding 1 in Q1 saves 3 * $25k
//     = $75k for $50k: Q1 $75k + $50k = $125k, then $75k;
//   - the same at exit_cost $80k: the 4th person stays, $100k a quarter.
func TestMoveCostsOfGrowingAndShrinking(t *testing.T) {
	cases := []struct {
		name       string
		demand     float64
		hire, exit float64
		fte        []float64
		spend      []float64
	}{
		{"one hire", 5, 20000, 0, []float64{5, 5, 5}, []float64{145000, 125000, 125000}},
		{"one exit", 3, 0, 50000, []float64{3, 3, 3}, []float64{125000, 75000, 75000}},
		{"exit too dear", 3, 0, 80000, []float64{4, 4, 4}, []float64{100000, 100000, 100000}},
	}
	for _, c := range cases {
		s := rosterTeam(c.demand, 100000) // a roster at the hires' cost: not split
		s.Regions[0].HireCost, s.Regions[0].ExitCost = c.hire, c.exit
		p := optimize(t, s)
		if p.Status != StatusOptimal {
			t.Fatalf("%s: status %s", c.name, p.Status)
		}
		for q := range 3 {
			expect(t, fmt.Sprintf("%s Q%d local FTE", c.name, q+1), p.Periods[q].LocalFTE, c.fte[q])
			expect(t, fmt.Sprintf("%s Q%d spend", c.name, q+1), p.Periods[q].Spend, c.spend[q])
		}
	}
}

// Every stage's optimum of models with one-time costs, split by a roster
// or not, with and without limits and whole people, is glpsol's; and the
// plan's spend, evaluated from its allocation, is the spend stage's.
func TestMoveCostsAgreeWithGLPK(t *testing.T) {
	plansAgreeWithGLPK(t, rosterGLPKCases([]float64{60000, 100000, 140000}, func(s *scenario.Scenario) {
		s.Regions[0].HireCost, s.Regions[0].ExitCost = 12000, 7000
		s.Central.HireCost = 5000
	}))
}

// On seeded random scenarios given one-time costs (and now and then a
// region's roster dearer or cheaper than its hires): the plan verifies
// (inside Optimize), spends within its budget, counts as each period's
// hiring and exit spend the teams' hires and exits at their costs, spends
// what the model's spend stage says, and more budget never lowers the
// first stage's optimum.
func TestMoveCostsRandom(t *testing.T) {
	ctx := context.Background()
	n := 40
	if testing.Short() {
		n = 10
	}
	feasible := 0
	for seed := range uint64(n) {
		s := randomScenario(rand.New(rand.NewPCG(seed, 7)))
		rng := rand.New(rand.NewPCG(seed, 31))
		withMoveCosts(rng, s, 40000)
		if r := &s.Regions[0]; rng.Float64() < 0.5 && r.CurrentTotal() > 0 {
			r.KeptFTE, r.CurrentCostPerFTE = r.CurrentTotal(), r.CostPerFTE*(0.7+0.6*rng.Float64())
		}
		m := model.Build(s)
		res, err := m.Solve(ctx, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		p, err := Optimize(ctx, s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if res.Status == solve.Infeasible {
			if p.Status != StatusInfeasible {
				t.Errorf("seed %d: infeasible model, plan %s", seed, p.Status)
			}
			continue
		}
		feasible++
		a := optimizedAllocation(t, s)
		h := BuildHiring(s, a, false)
		for ti, per := range p.Periods {
			if per.Spend > per.Budget*(1+1e-9)+1e-6 {
				t.Errorf("seed %d: %s spend %g > budget %g", seed, per.Label, per.Spend, per.Budget)
			}
			var moves float64
			for k, tm := range h.Teams {
				f := a.teamFlows(s, k, teamPath(s, a, k, s.Periods()-1))[ti]
				moves += tm.HireCost*f.Hires + tm.ExitCost*f.Exits
			}
			expect(t, fmt.Sprintf("seed %d %s hiring and exit spend", seed, per.Label), per.HiringExitSpend, moves)
		}
		expect(t, fmt.Sprintf("seed %d: plan spend against stage 3", seed), p.Totals.Spend, res.Values[2]*m.MoneyUnit)
		richer := *s
		richer.Budget.Annual *= 1.25
		more, err := model.Build(&richer).Solve(ctx, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatalf("seed %d richer: %v", seed, err)
		}
		if more.Status == solve.Infeasible || more.Values[0] < res.Values[0]-1e-6 {
			t.Errorf("seed %d: stage 1 %v %.9g with more budget, %.9g before", seed, more.Status, more.Values[0], res.Values[0])
		}
	}
	if feasible < n/2 {
		t.Errorf("only %d of %d random scenarios were feasible", feasible, n)
	}
}
