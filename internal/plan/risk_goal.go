package plan

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// RiskGoal is a goal seek on a percentile: the least budget a year with
// which the plan reaches the heart target in every period (as budget-case
// --heart: the heart score of each period at or above Heart, the healthy
// threshold raised to it) in at least a share Confidence of the draws.
type RiskGoal struct {
	Heart      float64 `json:"heart"`
	Confidence float64 `json:"confidence"`
	// Reachable is false when fewer than Confidence of the draws reach the
	// target at any budget (their floors, limits or shares stand in the
	// way); Annual and Reached are then 0.
	Reachable bool `json:"reachable"`
	// Annual is the least budget a year, rounded up as it is printed
	// (CeilMoney): the draws are planned at it, and Reached of them reach
	// the target, at least Confidence.
	Annual  float64 `json:"annual"`
	Reached float64 `json:"reached"`
	// Unreachable counts the draws that reach the target at no budget.
	Unreachable int `json:"unreachable"`
}

// Search limits of the goal seek.
const (
	// goalRel is the relative width at which a draw's bisection stops:
	// far below the printed step (1e4 on millions, 1e-3 relative and more).
	goalRel = 1e-6
	// goalVerifySteps bounds the printed steps tried above the quantile
	// when the draws planned at the printed figure fall short.
	goalVerifySteps = 10
)

// riskGoal finds each draw's least budget a year (drawNeed), takes the
// Confidence quantile of them, rounds it up as it is printed, and plans
// every draw at that figure: if fewer than Confidence reach the target
// (a plan is not monotone in the budget everywhere), the figure moves up a
// printed step at a time. The draws are those of the run (common random
// numbers), so the answer is reproducible and monotone in Confidence.
func riskGoal(ctx context.Context, doc *scenario.Doc, s *scenario.Scenario, lp solve.LPSolver, opt RiskOptions, base Planner) (*RiskGoal, error) {
	if opt.Heart <= 0 || opt.Heart > 1 || opt.Confidence > 1 || math.IsNaN(opt.Heart+opt.Confidence) {
		return nil, fmt.Errorf("plan: goal seek needs a heart target in (0, 1] and a confidence in (0, 1], got %v and %v", opt.Heart, opt.Confidence)
	}
	n := opt.Samples
	if n <= 0 {
		n = DefaultRiskSamples
	}
	n = min(n, MaxRiskSamples)
	g := &RiskGoal{Heart: opt.Heart, Confidence: opt.Confidence}
	needs := make([]float64, n)
	err := forDraws(ctx, n, opt.Workers, base, opt.Progress, func(pl *Planner, i int) error {
		ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, opt.Seed, i))
		if err != nil || ds == nil {
			needs[i] = math.Inf(1)
			return err
		}
		if needs[i], err = drawNeed(ctx, pl, ds, lp, opt.Heart); err != nil && ctx.Err() == nil {
			needs[i], err = math.Inf(1), nil // a failed solve: the draw counts as not reaching the target
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sorted := slices.Clone(needs)
	slices.Sort(sorted)
	for _, x := range sorted {
		if math.IsInf(x, 1) {
			g.Unreachable++
		}
	}
	k := max(1, int(math.Ceil(opt.Confidence*float64(n)-1e-9)))
	if math.IsInf(sorted[k-1], 1) {
		return g, nil
	}
	annual := CeilMoney(sorted[k-1])
	for range goalVerifySteps {
		reached, err := riskReached(ctx, doc, s, lp, opt, base, annual)
		if err != nil {
			return nil, err
		}
		if reached >= opt.Confidence-1e-12 {
			g.Reachable, g.Annual, g.Reached = true, annual, reached
			return g, nil
		}
		annual = CeilMoney(annual + MoneyStep(annual))
	}
	return g, nil
}

// RiskReached is the share of the draws of opt (its Samples, Seed and
// Heart) whose plan at a budget of annual a year reaches the heart target
// in every period: how the goal seek checks its figure, and how a test
// re-checks it.
func RiskReached(ctx context.Context, doc *scenario.Doc, lp solve.LPSolver, opt RiskOptions, annual float64) (float64, error) {
	s, diags := doc.Decode()
	if s == nil {
		return 0, diags
	}
	base, _ := centralPlanner(ctx, s, lp)
	return riskReached(ctx, doc, s, lp, opt, base, annual)
}

// centralPlanner plans s, the scenario at its central values, as cardio
// plan does (cold, Optimize), and returns a planner started from that
// plan, where the chains of draws start, and the plan (nil when it
// failed: the chains then start cold).
func centralPlanner(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver) (Planner, *Plan) {
	pl := Planner{LP: lp, Once: true}
	p, _, err := pl.Optimize(ctx, s)
	if err != nil {
		return Planner{LP: lp}, nil
	}
	pl.Once = false // the chains keep their prepared matrices
	return pl, p
}

func riskReached(ctx context.Context, doc *scenario.Doc, s *scenario.Scenario, lp solve.LPSolver, opt RiskOptions, base Planner, annual float64) (float64, error) {
	n := opt.Samples
	if n <= 0 {
		n = DefaultRiskSamples
	}
	n = min(n, MaxRiskSamples)
	met := make([]bool, n)
	err := forDraws(ctx, n, opt.Workers, base, opt.Progress, func(pl *Planner, i int) error {
		ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, opt.Seed, i))
		if err != nil || ds == nil {
			return err
		}
		p, _, err := pl.Optimize(ctx, WithBudget(WithHealthyAtLeast(ds, opt.Heart), annual))
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return nil // a failed solve does not reach the target
		}
		met[i] = MeetsTargets(p, opt.Heart, 0)
		return nil
	})
	if err != nil {
		return 0, err
	}
	c := 0
	for _, m := range met {
		if m {
			c++
		}
	}
	return float64(c) / float64(n), nil
}

// forDraws runs do on draws 0..n-1 in the fixed chains of Risk, each
// chain's planner a copy of base: the same result on any workers.
// progress, if not nil, is called after each draw, one call at a time.
func forDraws(ctx context.Context, n, workers int, base Planner, progress func(done, total int), do func(pl *Planner, i int) error) error {
	var (
		mu   sync.Mutex
		done int
	)
	chains := (n + SweepChain - 1) / SweepChain
	return ParallelFor(ctx, chains, workers, func(c int) error {
		pl := base
		for i := c * SweepChain; i < min(n, (c+1)*SweepChain); i++ {
			if err := do(&pl, i); err != nil {
				return err
			}
			if progress != nil {
				mu.Lock()
				done++
				progress(done, n)
				mu.Unlock()
			}
		}
		return nil
	}, nil)
}

// drawScenario is doc with each input set to its value, decoded; nil
// when the loader refuses the values.
func drawScenario(ctx context.Context, doc *scenario.Doc, inputs []scenario.Uncertain, vals []float64) (*scenario.Scenario, error) {
	d := doc.Clone()
	for j, in := range inputs {
		_ = d.Set(in.Path, vals[j])
	}
	s, _ := d.Decode()
	return s, ctx.Err()
}

// drawNeed is the least budget a year at which the plan of s (started
// from pl) reaches heart in every period, +Inf when none does: the budget
// case's LP bound, then doubling and bisection upwards while the plan
// falls short, as BudgetCase does (without its printed-figure checks: the
// goal seek checks its own figure over all draws).
func drawNeed(ctx context.Context, pl *Planner, s *scenario.Scenario, lp solve.LPSolver, heart float64) (float64, error) {
	lower, _, err := leastNeedLP(ctx, s, lp, heart, 0, -1)
	if err != nil || lower < 0 {
		return math.Inf(1), err
	}
	target := WithHealthyAtLeast(s, heart)
	var last *Plan
	meets := func(a float64) (bool, error) {
		p, _, err := pl.Optimize(ctx, WithBudget(target, a))
		if err != nil {
			return false, err
		}
		last = p
		return MeetsTargets(p, heart, 0), nil
	}
	if ok, err := meets(lower); err != nil || ok {
		return lower, err
	}
	lo, hi := lower, lower
	step := planScaleFirst * math.Max(lower, 1)
	for i := 0; ; i++ {
		if i == planScaleDoublings || (last.Status != StatusInfeasible && slackEverywhere(last)) {
			return math.Inf(1), nil
		}
		lo, hi = hi, lower+step
		ok, err := meets(hi)
		if err != nil {
			return 0, err
		}
		if ok {
			break
		}
		step *= 2
	}
	for hi-lo > goalRel*hi {
		mid := lo + (hi-lo)/2
		ok, err := meets(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}
