package plan

import (
	"context"
	"errors"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// tiny returns a one-region, one-period (a year) scenario without catalog
// functions, staff at 100,000 a year in both teams and no limits: the hand
// computed tests start here and change what they test.
func tiny(budget float64, fns ...scenario.Function) *scenario.Scenario {
	return &scenario.Scenario{
		Name: "tiny", Currency: "USD", Catalog: "none",
		Horizon: scenario.Horizon{Start: "2027", StartYear: 2027, StartIndex: 1, Periods: 1, Period: scenario.Year},
		Stages:  []scenario.Stage{scenario.Growth},
		Budget:  scenario.Budget{Annual: budget},
		Policy: scenario.Policy{
			HealthyHeart: 0.9, HeartWeight: 1, BrainWeight: 1,
			CentralShare:         scenario.Share{Min: 0, Max: 1},
			CentralEffectiveness: scenario.DefaultCentralEffectiveness(),
		},
		Central:   team(100000),
		Regions:   []scenario.Region{region("North", 100, 100000)},
		Functions: fns,
	}
}

func team(cost float64) scenario.Team {
	return scenario.Team{CostPerFTE: cost, CurrentFTE: map[string]float64{}, MaxHiresPerPeriod: -1, MaxExitsPerPeriod: -1}
}

func region(name string, sellers, cost float64) scenario.Region {
	return scenario.Region{Name: name, ID: name, Sellers: sellers, Team: team(cost)}
}

// fn is a function with demand per100*sellers/100 + perRegion in every stage.
func fn(id string, class scenario.Class, loc scenario.Locality, per100, perRegion float64) scenario.Function {
	m := map[scenario.Stage]float64{}
	for _, st := range scenario.Stages {
		m[st] = 1
	}
	return scenario.Function{
		ID: id, Name: id, Class: class, Locality: loc, FTEPer100Sellers: per100, FTEPerRegion: perRegion,
		StageMultipliers: m, Weight: 1, LocalEffectiveness: 1,
		CentralEffectiveness: scenario.DefaultCentralEffectiveness()[loc],
	}
}

// quarters switches s to n quarters from 2027-Q1.
func quarters(s *scenario.Scenario, n int) *scenario.Scenario {
	s.Horizon = scenario.Horizon{Start: "2027-Q1", StartYear: 2027, StartIndex: 1, Periods: n, Period: scenario.Quarter}
	s.Stages = make([]scenario.Stage, n)
	for i := range s.Stages {
		s.Stages[i] = scenario.Growth
	}
	return s
}

// backends are the LP solvers every model test runs on.
var backends = map[string]solve.LPSolver{"gonum": solve.Gonum{}, "revised": solve.Revised{}}

// backendNames lists the backends in a fixed order, so that failures
// read the same from run to run.
func backendNames() []string {
	names := make([]string, 0, len(backends))
	for n := range backends {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// optimize solves s with every backend, checks they agree, and returns the
// first backend's plan.
func optimize(t *testing.T, s *scenario.Scenario) *Plan {
	t.Helper()
	var first *Plan
	for _, name := range backendNames() {
		lp := backends[name]
		p, err := Optimize(context.Background(), s, lp, solve.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if first == nil {
			first = p
			continue
		}
		if p.Status != first.Status || !near(p.Totals.HeartMean, first.Totals.HeartMean, 1e-7) ||
			!near(p.Totals.BrainMean, first.Totals.BrainMean, 1e-7) || !near(p.Totals.Spend, first.Totals.Spend, 1e-7) {
			t.Errorf("backends disagree: %s gives %s heart %g brain %g spend %g; another gives %s %g %g %g", name,
				p.Status, p.Totals.HeartMean, p.Totals.BrainMean, p.Totals.Spend,
				first.Status, first.Totals.HeartMean, first.Totals.BrainMean, first.Totals.Spend)
		}
	}
	return first
}

// near compares with a relative tolerance (absolute below 1).
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

func expect(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want, 1e-6) {
		t.Errorf("%s = %.9g, want %.9g", what, got, want)
	}
}

// stagesAgreeWithGLPK solves s's model and has glpsol solve each of its
// stage models (as export-lp writes them), failing the test where the two
// optima differ by more than 1e-6; each, when given, also looks at a
// stage's model. It returns cardio's stage optima, or nil when the model
// has no optimum (nothing to compare). Without glpsol it skips the test,
// or fails it in CI (.ci/run installs glpk-utils).
func stagesAgreeWithGLPK(ctx context.Context, t *testing.T, name string, s *scenario.Scenario, each func(k int, q *solve.Problem)) []float64 {
	t.Helper()
	m := model.Build(s)
	res, err := m.Solve(ctx, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if res.Status != solve.Optimal {
		return nil
	}
	for k := 1; k <= model.NumStages; k++ {
		q, err := m.Stage(ctx, k, solve.Revised{})
		if err != nil {
			t.Fatalf("%s stage %d: %v", name, k, err)
		}
		if each != nil {
			each(k, q)
		}
		status, obj, _, err := solve.SolveGLPK(ctx, q)
		if errors.Is(err, solve.ErrNoGLPK) {
			if os.Getenv("CI") == "true" {
				t.Fatal("glpsol is required in CI: .ci/run installs glpk-utils")
			}
			t.Skip("glpsol not installed (apt-get install glpk-utils)")
		}
		if err != nil {
			t.Fatalf("%s stage %d: glpsol: %v", name, k, err)
		}
		if status != solve.Optimal || !near(res.Values[k-1], obj, 1e-6) {
			t.Errorf("%s stage %d: cardio %.9g, glpsol %s %.9g", name, k, res.Values[k-1], status, obj)
		}
	}
	return res.Values
}
