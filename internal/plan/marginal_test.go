package plan

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

func marginals(t *testing.T, s *scenario.Scenario) (*Plan, *MarginalValues) {
	t.Helper()
	pl := &Planner{LP: solve.Revised{}}
	p, _, err := pl.Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Marginals(context.Background(), s, pl, p)
	if err != nil || m == nil {
		t.Fatalf("marginals: %v", err)
	}
	return p, m
}

// Heart demand 2 FTE, brain 1 FTE, staff at $100k: with $150k the heart
// gets 1.5 FTE (75%) and the brain nothing. Another $100k ($250k): the heart
// to healthy, 1.8 FTE (90%, +15 points), and the $70k left to the brain,
// where a dollar buys twice the score: 0.7 FTE (70%, +70 points). The year
// is the only period, so the period's marginal is the same.
func TestMarginalBudgetByHand(t *testing.T) {
	s := tiny(150000, fn("h", scenario.Heart, scenario.Either, 2, 0), fn("b", scenario.Brain, scenario.Either, 1, 0))
	p, m := marginals(t, s)
	expect(t, "base heart", p.Totals.HeartMean, 0.75)
	expect(t, "heart per $100k", m.Budget.Heart, 15)
	expect(t, "brain per $100k", m.Budget.Brain, 70)
	if len(m.Periods) != 1 || m.Periods[0].Label != "2027" {
		t.Fatalf("periods %+v", m.Periods)
	}
	expect(t, "heart per $100k in 2027", m.Periods[0].Heart, 15)
	expect(t, "brain per $100k in 2027", m.Periods[0].Brain, 70)
	if m.HeadcountCap != nil || m.CentralShareMax != nil || m.CentralShareMin != nil {
		t.Errorf("limits the scenario does not set or reach: %+v", m)
	}
}

// The same with money to spare and a headcount cap of 1.5 FTE: one more
// FTE buys the same as $100k above.
func TestMarginalHeadcountByHand(t *testing.T) {
	s := tiny(1e6, fn("h", scenario.Heart, scenario.Either, 2, 0), fn("b", scenario.Brain, scenario.Either, 1, 0))
	s.Policy.MaxFTE = 1.5
	_, m := marginals(t, s)
	expect(t, "heart per $100k", m.Budget.Heart, 0)
	expect(t, "brain per $100k", m.Budget.Brain, 0)
	if m.HeadcountCap == nil {
		t.Fatal("no headcount marginal")
	}
	expect(t, "heart per FTE", m.HeadcountCap.Heart, 15)
	expect(t, "brain per FTE", m.HeadcountCap.Brain, 70)
}

// Central staff at $50k, local at $100k, equally effective on an "either"
// function of 2 FTE; central share at most 50% and $120k: C = L = 0.8 FTE,
// heart 80%. At 51%: C = 51/49 L and 50k C + 100k L = 120k, so
// L = 120/(50*51/49 + 100) and the heart is (C+L)/2.
func TestMarginalCentralShareByHand(t *testing.T) {
	s := tiny(120000, fn("h", scenario.Heart, scenario.Either, 2, 0))
	s.Central.CostPerFTE = 50000
	s.Policy.CentralShare.Max = 0.5
	p, m := marginals(t, s)
	expect(t, "base heart", p.Totals.HeartMean, 0.8)
	if m.CentralShareMax == nil {
		t.Fatalf("no central share marginal; binding %+v", p.Binding)
	}
	l := 120.0 / (50*51.0/49 + 100)
	c := 51.0 / 49 * l
	// Marginal values are rounded to 0.0001 points.
	if want := 100 * ((c+l)/2 - 0.8); math.Abs(m.CentralShareMax.Heart-want) > 1e-4 {
		t.Errorf("heart per point of central share = %g, want %g", m.CentralShareMax.Heart, want)
	}
}

// Per-period marginals raise one period's budget alone by its share of
// the yearly step: the mean heart over four quarters moves by a quarter of
// what that period gains, and the four add up to the year's.
func TestMarginalPerPeriod(t *testing.T) {
	s := quarters(tiny(100000, fn("h", scenario.Heart, scenario.Either, 2, 0)), 4)
	p, m := marginals(t, s)
	// $25k a quarter pays 1 FTE for a quarter: heart 50% in every quarter.
	expect(t, "base heart", p.Totals.HeartMean, 0.5)
	// Another $100k a year: $25k a quarter, one more FTE: 100%, +50 points.
	expect(t, "heart per $100k a year", m.Budget.Heart, 50)
	// $25k in one quarter alone pays one more FTE in it: that quarter to
	// 100%, the mean +12.5 points; four of them are the year's +50.
	for _, pm := range m.Periods {
		expect(t, "money added in "+pm.Label, pm.Amount, 25000)
		expect(t, "heart per $25k in "+pm.Label, pm.Heart, 12.5)
	}
}

// The two outputs that give the budget's marginal value, the year's
// (budget) and the periods' (periods[]), tied together (docs/output.md,
// "marginal"): the periods' amounts add up to what the yearly step adds,
// always; and where the periods do not interact (no hire or exit limits,
// no investments: each period is a plan of its own), the periods' values
// add up to the year's, to the 1e-4 points each is rounded to. Random
// scenarios with those limits removed.
func TestMarginalPeriodsAddUpToTheYear(t *testing.T) {
	ctx := context.Background()
	checked := 0
	for seed := range uint64(60) {
		s := randomScenario(rand.New(rand.NewPCG(seed, 29)))
		if s.Periods() < 2 {
			continue
		}
		s.Investments = nil
		s.Central.MaxHiresPerPeriod, s.Central.MaxExitsPerPeriod = -1, -1
		for r := range s.Regions {
			s.Regions[r].MaxHiresPerPeriod, s.Regions[r].MaxExitsPerPeriod = -1, -1
		}
		pl := &Planner{LP: solve.Revised{}}
		p, _, err := pl.Optimize(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status == StatusInfeasible {
			continue
		}
		m, err := Marginals(ctx, s, pl, p)
		if err != nil {
			t.Fatal(err)
		}
		more := *s
		more.Budget.Annual += MarginalBudget
		var amount, added, heart, brain float64
		for k, pm := range m.Periods {
			amount += pm.Amount
			added += more.PeriodBudget(k) - s.PeriodBudget(k)
			heart += pm.Heart
			brain += pm.Brain
		}
		if math.Abs(amount-added) > 1e-6 {
			t.Errorf("seed %d: the periods add %v, the year's step %v", seed, amount, added)
		}
		tol := 1e-4 * float64(len(m.Periods)+1)
		if math.Abs(heart-m.Budget.Heart) > tol || math.Abs(brain-m.Budget.Brain) > tol {
			t.Errorf("seed %d: the periods' values add up to heart %v, brain %v; the year's are %+v", seed, heart, brain, m.Budget)
		}
		if m.Budget.Heart != 0 || m.Budget.Brain != 0 {
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d scenarios where money matters", checked)
	}
}

// The marginal values are warm-started re-solves: each must equal the
// difference between two cold plans, the scenario with the limit moved by
// one unit and the scenario as it is (to the 1e-4 points they are
// rounded to).
func TestMarginalsEqualColdFiniteDifferences(t *testing.T) {
	s, err := scenario.Load("testdata/typical.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	base, m := marginals(t, s)
	cold := func(c *scenario.Scenario) *Plan {
		p, err := Optimize(context.Background(), c, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	check := func(what string, got Marginal, c *scenario.Scenario) {
		p := cold(c)
		want := Marginal{Heart: 100 * (p.Totals.HeartMean - base.Totals.HeartMean), Brain: 100 * (p.Totals.BrainMean - base.Totals.BrainMean)}
		if math.Abs(got.Heart-want.Heart) > 1e-4 || math.Abs(got.Brain-want.Brain) > 1e-4 {
			t.Errorf("%s: marginal %+v, cold re-solves give %+v", what, got, want)
		}
	}
	more := *s
	more.Budget.Annual += MarginalBudget
	check("budget", m.Budget, &more)
	if s.Policy.HasMaxFTE() {
		c := *s
		c.Policy.MaxFTE += MarginalFTE
		check("headcount cap", *m.HeadcountCap, &c)
	}
	for tt := range m.Periods {
		c := *s
		c.Budget.PerPeriod = make([]float64, s.Periods())
		for k := range c.Budget.PerPeriod {
			c.Budget.PerPeriod[k] = s.PeriodBudget(k)
		}
		c.Budget.Annual, c.Budget.ChangePerYear = 0, 0
		// The period's share of the yearly step (what it adds to the period).
		c.Budget.PerPeriod[tt] += more.PeriodBudget(tt) - s.PeriodBudget(tt)
		check("budget of "+m.Periods[tt].Label, m.Periods[tt].Marginal, &c)
	}
	if m.Budget.Heart == 0 && m.Budget.Brain == 0 {
		t.Errorf("the typical scenario's budget marginal is zero: pick a scenario where money matters")
	}
}
