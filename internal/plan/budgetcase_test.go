package plan

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// A shrinking budget against growing demand, by hand: one heart function
// whose demand is 2 FTE growing 20% a year, staff at $100k a year, a budget
// of $100k a year falling 10% a year, four quarters. Holding the heart at
// 90% needs 1.8 * 1.2^(t/4) FTE in quarter t, i.e. $45,000 * 1.2^(t/4); the
// budget is k * $25,000 * 0.9^(t/4). The last quarter binds:
// k = 1.8 * (1.2/0.9)^(3/4), and the annual budget is $100,000 * k.
func TestBudgetCaseHandComputed(t *testing.T) {
	s := shrinking()
	for _, name := range backendNames() {
		bc, err := BudgetCase(context.Background(), s, backends[name], 0.9, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		k := 1.8 * math.Pow(1.2/0.9, 0.75)
		if !bc.Feasible {
			t.Fatalf("%s: infeasible, want scale %g", name, k)
		}
		expect(t, name+" scale", bc.Scale, k)
		if bc.Annual == nil {
			t.Fatalf("%s: no annual budget", name)
		}
		expect(t, name+" annual", *bc.Annual, 100000*k)
		if len(bc.Periods) != 4 {
			t.Fatalf("%s: %d periods, want 4", name, len(bc.Periods))
		}
		for q, per := range bc.Periods {
			expect(t, name+" "+per.Label+" budget", per.Budget, k*25000*math.Pow(0.9, float64(q)/4))
			expect(t, name+" "+per.Label+" least spend", per.Spend, 45000*math.Pow(1.2, float64(q)/4))
		}
	}
}

func shrinking() *scenario.Scenario {
	s := quarters(tiny(100000, fn("h", scenario.Heart, scenario.Either, 2, 0)), 4)
	s.Budget.ChangePerYear = -0.1
	s.Regions[0].SellerGrowthPerYear = 0.2
	return s
}

// At the budget case's budget every period of the optimized plan reaches
// the target; at 98% of it some period misses it. Checked on the hand case
// and on the plan tests' typical scenario (floors, hiring limits, all-or-
// nothing investments). The target is the healthy heart, which the plan's
// first stage pursues in every period; a brain target is not what the plan
// maximizes, so it is checked only for its effect on the budget below.
func TestBudgetCaseIsTheLeastBudget(t *testing.T) {
	typical, err := scenario.Load("testdata/typical.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name         string
		s            *scenario.Scenario
		heart, brain float64
	}{
		{"hand", shrinking(), 0.9, 0},
		{"typical heart", typical, 0.9, 0},
		{"typical heart 80%", withHealthy(typical, 0.8), 0.8, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lp := solve.Revised{}
			bc, err := BudgetCase(context.Background(), tc.s, lp, tc.heart, tc.brain)
			if err != nil {
				t.Fatal(err)
			}
			if !bc.Feasible {
				t.Fatal("infeasible")
			}
			reaches := func(scale float64) bool {
				t.Helper()
				p, err := Optimize(context.Background(), ScaleBudget(tc.s, scale), lp, solve.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if p.Status == StatusInfeasible {
					return false
				}
				for _, per := range p.Periods {
					if per.Heart < tc.heart-VerifyTol || per.Brain < tc.brain-VerifyTol {
						return false
					}
				}
				return true
			}
			if !reaches(bc.Scale) {
				t.Errorf("at scale %g some period misses heart %g brain %g", bc.Scale, tc.heart, tc.brain)
			}
			if reaches(0.98 * bc.Scale) {
				t.Errorf("at 98%% of scale %g every period still reaches heart %g brain %g", bc.Scale, tc.heart, tc.brain)
			}
		})
	}
}

func withHealthy(s *scenario.Scenario, h float64) *scenario.Scenario {
	c := *s
	c.Policy.HealthyHeart = h
	return &c
}

// A brain target on top of the heart's costs more, never less.
func TestBudgetCaseBrainTarget(t *testing.T) {
	s, err := scenario.Load("testdata/typical.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	heart, err := BudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
	if err != nil {
		t.Fatal(err)
	}
	both, err := BudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	if !heart.Feasible || !both.Feasible || both.Scale <= heart.Scale {
		t.Errorf("scale with brain 80%% = %g, heart only %g: want more", both.Scale, heart.Scale)
	}
}

// Targets no budget can reach give Feasible false: here nobody may be hired
// and nobody works on the function today.
func TestBudgetCaseInfeasible(t *testing.T) {
	s := tiny(100000, fn("h", scenario.Heart, scenario.Either, 2, 0))
	s.Regions[0].MaxHiresPerPeriod = 0
	s.Central.MaxHiresPerPeriod = 0
	bc, err := BudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
	if err != nil {
		t.Fatal(err)
	}
	if bc.Feasible || bc.Annual != nil || len(bc.Periods) != 0 {
		t.Errorf("got %+v, want infeasible", bc)
	}
	if _, err := BudgetCase(context.Background(), s, solve.Revised{}, 1.5, 0); err == nil {
		t.Error("heart target 1.5: no error")
	}
}

// The plan, not the LP, sets the least budget. One heart function of 1 FTE
// demand and one brain function of 2 FTE, staff at $100k a year, equal
// weights, targets heart 90% and brain 50%. An allocation reaching both
// needs 0.9 + 1.0 = 1.9 FTE ($190k), the LP's bound. But the plan, once the
// heart is healthy, buys a point of heart for 0.01 FTE and a point of brain
// for 0.02: it fills the heart to 100% first (0.1 FTE more), so it reaches
// brain 50% only at 2.0 FTE: $200k.
func TestBudgetCaseFollowsThePlan(t *testing.T) {
	s := tiny(100000, fn("h", scenario.Heart, scenario.Either, 1, 0), fn("b", scenario.Brain, scenario.Either, 2, 0))
	for _, name := range backendNames() {
		lp := backends[name]
		lower, _, _, err := leastNeedLP(context.Background(), s, lp, solve.Options{}, 0.9, 0.5, -1)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, name+" LP bound", lower, 190000)
		bc, err := BudgetCase(context.Background(), s, lp, 0.9, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if !bc.Feasible || bc.Annual == nil {
			t.Fatalf("%s: %+v, want feasible", name, bc)
		}
		if math.Abs(*bc.Annual-200000) > 1 {
			t.Errorf("%s: annual %.4f, want 200,000 (the LP's bound is 190,000)", name, *bc.Annual)
		}
		// Holding the budget at $200k the least spend is still the LP's: 1.9 FTE.
		expect(t, name+" least spend", bc.Periods[0].Spend, 190000)
		checkPrintedBudget(t, s, lp, 0.9, 0.5)
	}
}

// When more budget stops changing the plan before it reaches the targets,
// the budget case says so (PlanShort) instead of searching on. One heart
// and one brain function of 1 FTE each, a headcount cap of 1.5 FTE, the
// brain weighing half the heart, targets heart 60% (the healthy threshold)
// and brain 60%. An allocation reaches them with 1.2 FTE; the plan fills
// the heart to 100% before the brain, which gets the 0.5 FTE left: brain
// 50% at any budget.
func TestBudgetCasePlanShort(t *testing.T) {
	s := tiny(100000, fn("h", scenario.Heart, scenario.Either, 1, 0), fn("b", scenario.Brain, scenario.Either, 1, 0))
	s.Policy.BrainWeight = 0.5
	s.Policy.HealthyHeart = 0.6
	s.Policy.MaxFTE = 1.5
	bc, err := BudgetCase(context.Background(), s, solve.Revised{}, 0.6, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	if bc.Feasible || !bc.PlanShort {
		t.Errorf("got feasible %v plan short %v scale %g, want plan short", bc.Feasible, bc.PlanShort, bc.Scale)
	}
}

// The search for the plan's least budget must not stop where more budget
// seems to change nothing. On the baseline with heart 90% and brain 95%
// the plan leaves budget unspent in every quarter from about $6.8M to
// $7.1M with the same scores (the hire limits bind, not the money), yet at
// $7.45M the CPQ platform becomes affordable and the plan reaches both
// targets; the budget case once called that plan_short.
func TestBudgetCaseBeyondSaturation(t *testing.T) {
	s, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	bc, err := BudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if !bc.Feasible || bc.PlanShort || bc.Annual == nil {
		t.Fatalf("feasible %v, plan_short %v: the plan reaches the targets at $8M", bc.Feasible, bc.PlanShort)
	}
	p, err := Optimize(context.Background(), WithBudget(s, 8e6), solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !MeetsTargets(p, 0.9, 0.95) {
		t.Fatalf("at $8M the plan misses the targets: %s", scores(p))
	}
	if *bc.Annual > 8e6 || *bc.Annual < 7e6 {
		t.Errorf("least budget %.0f, want between $7M (the plan misses) and $8M (it reaches)", *bc.Annual)
	}
}

// budgetCeiling is a budget no period's spend can reach: planning there
// leaves budget unspent in every period.
func TestBudgetCeilingIsNeverSpent(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	for _, file := range files {
		s, err := scenario.Load(file, nil)
		if err != nil {
			t.Fatal(err)
		}
		c := budgetCeiling(s)
		p, err := Optimize(context.Background(), WithBudget(s, c), solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status == StatusInfeasible {
			continue
		}
		for _, per := range p.Periods {
			if per.Spend >= per.Budget*(1-1e-9) && per.Budget > 0 {
				t.Errorf("%s %s: at the ceiling %.0f a year the plan spends all of %.0f", filepath.Base(file), per.Label, c, per.Budget)
			}
		}
	}
}

// Why no budget reaches the targets names the targets when the need comes
// from them, and only then. By hand: one heart function of 10 FTE demand,
// 4 local FTE today, North may hire 1 a year and the central team nobody.
// The heart target of 90% needs 9 FTE: 4 more people than the limit
// allows, whatever the budget. A floor of 30% or 80% needs no more than
// the target does, so the need comes from the target alone; a floor of
// 95% needs 9.5 FTE by itself, 4.5 more FTE, and the target adds
// nothing to that.
func TestExplainBudgetCaseNamesTheTargets(t *testing.T) {
	for _, tc := range []struct {
		floor float64
		need  float64
		meet  []Constraint
	}{
		{0.3, 4, []Constraint{{Kind: ConstraintHeartTarget, Limit: 0.9}}},
		{0.8, 4, []Constraint{{Kind: ConstraintHeartTarget, Limit: 0.9}}},
		{0.95, 4.5, []Constraint{{Kind: BindFloor, ID: "h", Name: "h", Limit: 0.95}}},
	} {
		h := fn("h", scenario.Heart, scenario.Either, 10, 0)
		h.MinCoverage = tc.floor
		s := tiny(1e6, h)
		s.Regions[0].CurrentFTE = map[string]float64{"h": 4}
		s.Regions[0].MaxHiresPerPeriod = 1
		s.Central.MaxHiresPerPeriod = 0
		fs, err := ExplainBudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
		if err != nil {
			t.Fatalf("floor %g: %v", tc.floor, err)
		}
		if len(fs) != 1 || fs[0].Kind != KindHireLimitTooSmall || fs[0].Team != "North" {
			t.Fatalf("floor %g: got %+v, want one hire_limit_too_small of North", tc.floor, fs)
		}
		f := fs[0]
		if math.Abs(f.N("need")-tc.need) > 1e-6 {
			t.Errorf("floor %g: need %g, want %g", tc.floor, f.N("need"), tc.need)
		}
		if !reflect.DeepEqual(f.Meet, tc.meet) {
			t.Errorf("floor %g: meet %+v, want %+v", tc.floor, f.Meet, tc.meet)
		}
		if len(f.Given) != 1 || f.Given[0].Kind != BindHireLimit || f.Given[0].ID != "central" {
			t.Errorf("floor %g: given %+v, want the central team's hire limit", tc.floor, f.Given)
		}
	}
}

// The budget case's search stops a plan after its first stage when that
// stage reaches healthy in every period (healthyEverywhere in
// leastPlanNeed): the whole plan must then reach the heart target. On a
// grid of budgets for the bundled scenarios (the roster one in whole
// people too, where the later stages are searches of thousands of nodes),
// every budget at which the first stage stops the plan gives a whole plan
// that reaches the target, and some do stop.
func TestBudgetCaseFirstStageShortcut(t *testing.T) {
	cases := []struct {
		file   string
		sets   []string
		scales []float64
	}{
		{"baseline.yaml", nil, []float64{0.85, 0.9, 0.95, 1, 1.1}},
		{"shrinking-budget.yaml", nil, []float64{0.9, 1, 1.1, 1.3}},
		{"monthly-fiscal.yaml", nil, []float64{0.9, 1, 1.1}},
		{"roster.yaml", []string{"policy.whole_people=true"}, []float64{1}},
	}
	stops := 0
	for _, c := range cases {
		s, err := scenario.Load("../../scenarios/"+c.file, c.sets)
		if err != nil {
			t.Fatal(err)
		}
		for _, heart := range []float64{0.85, 0.9, 0.95} {
			target := WithHealthyAtLeast(s, heart)
			most := float64(target.Periods()) * target.Policy.HealthyHeart
			for _, k := range c.scales {
				sk := WithBudget(target, k*s.AnnualBudget())
				pl := Planner{LP: solve.Revised{}}
				_, _, stopped, err := pl.optimize(context.Background(), sk, func(stage int, v float64) bool { return stage == 0 && v >= most-1e-9 })
				if err != nil {
					t.Fatal(err)
				}
				if !stopped {
					continue
				}
				stops++
				p, err := Optimize(context.Background(), sk, solve.Revised{}, solve.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !MeetsTargets(p, heart, 0) {
					t.Errorf("%s %v, heart %v at %.2fx the budget: the first stage reaches healthy everywhere but the plan falls short", c.file, c.sets, heart, k)
				}
			}
		}
	}
	if stops == 0 {
		t.Error("no plan stopped after its first stage")
	}
	t.Logf("%d plans stopped after the first stage", stops)
}

// A healthy target asks for every heart cell at healthy, not a heart score
// at it: the least spend per period is what that takes. Given each period
// exactly its least spend (per_period, rounded up to cents), the plan is
// healthy in every period, and the tightest period has no more than it
// needs. Asked for a heart score of 90% only, the least spends were those
// of an allocation with cheap cells above 90% making up for dear ones
// below: the baseline planned at them scored 87.5-87.6%, healthy nowhere.
func TestBudgetCaseLeastSpendKeepsHealthy(t *testing.T) {
	for _, file := range []string{"baseline.yaml", "shrinking-budget.yaml"} {
		s, err := scenario.Load("../../scenarios/"+file, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		bc, err := BudgetCase(ctx, s, solve.Revised{}, s.Policy.HealthyHeart, 0)
		if err != nil || !bc.Feasible {
			t.Fatalf("%s: %+v, %v", file, bc, err)
		}
		p, tight := plannedAtLeastSpends(t, s, bc)
		if !p.Totals.HealthyAll {
			t.Errorf("%s: planned at the least spends, the heart is not healthy: %s", file, scores(p))
		}
		// The need is the least budget scaled by one factor, found where
		// the plan first reaches the targets: one period has nothing over.
		if tight > 1e-6*bc.Periods[0].Budget {
			t.Errorf("%s: every period has at least %.2f over its least spend; the tightest should have none", file, tight)
		}
	}
}

// plannedAtLeastSpends plans s with each period's budget its least spend
// in bc (up to the cent), and gives the least any period has over its
// least spend at the budget needed: the tightest period's, none.
func plannedAtLeastSpends(t *testing.T, s *scenario.Scenario, bc *BudgetCaseResult) (*Plan, float64) {
	t.Helper()
	least := *s
	least.Budget.PerPeriod = make([]float64, len(bc.Periods))
	tight := math.Inf(1)
	for k, per := range bc.Periods {
		least.Budget.PerPeriod[k] = math.Ceil(100*per.Spend) / 100
		tight = math.Min(tight, per.Budget-per.Spend)
	}
	p, err := Optimize(context.Background(), &least, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, tight
}

// A heart target above healthy is a heart score, but the plan the case
// means raises every heart function to the target first: given each
// period exactly its least spend, that plan reaches the target. The least
// spends were those of an allocation with cheap functions above 95%
// making up for dear ones below: the baseline planned at them scored
// 93.4%, and every quarter had money left over at the budget needed.
func TestBudgetCaseLeastSpendAboveHealthy(t *testing.T) {
	const heart = 0.95
	for _, file := range []string{"baseline.yaml", "shrinking-budget.yaml"} {
		s, err := scenario.Load("../../scenarios/"+file, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		bc, err := BudgetCase(ctx, s, solve.Revised{}, heart, 0)
		if err != nil || !bc.Feasible {
			t.Fatalf("%s: %+v, %v", file, bc, err)
		}
		p, tight := plannedAtLeastSpends(t, WithHealthyAtLeast(s, heart), bc)
		if !MeetsTargets(p, heart, 0) {
			t.Errorf("%s: planned at the least spends, the heart falls short of %v: %s", file, heart, scores(p))
		}
		if tight > 1e-6*bc.Periods[0].Budget {
			t.Errorf("%s: every period has at least %.2f over its least spend; the tightest should have none", file, tight)
		}
	}
}

// The LP holds a period's spend within its budget only to a tolerance;
// the least spend reported never exceeds the budget. On hiring-costs at
// a healthy heart every quarter needs all of its budget, and three read
// $0.14 over it.
func TestBudgetCaseLeastSpendWithinBudget(t *testing.T) {
	s, err := scenario.Load("../../scenarios/hiring-costs.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	bc, err := BudgetCase(context.Background(), s, solve.Revised{}, s.Policy.HealthyHeart, 0)
	if err != nil || !bc.Feasible {
		t.Fatalf("%+v, %v", bc, err)
	}
	for _, per := range bc.Periods {
		if per.Spend > per.Budget {
			t.Errorf("%s: least spend %.4f above the budget %.4f", per.Label, per.Spend, per.Budget)
		}
	}
}
