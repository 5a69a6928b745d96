package plan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// RiskGoal is a goal seek on a percentile: the least budget a year with
// which the plan reaches the heart target in every period (as budget-case
// --heart: the heart score of each period at or above Heart, the healthy
// threshold raised to it; for a healthy target, every heart cell at it
// too) in at least a share Confidence of the draws.
type RiskGoal struct {
	Heart      float64 `json:"heart"`
	Confidence float64 `json:"confidence"`
	// Healthy says the target is the scenario's healthy threshold, which
	// no draw changes: a draw reaches it when its plan is healthy in every
	// period (every heart function in every region at it, the budget
	// case's healthy target: HealthyTarget), not only its heart score.
	Healthy bool `json:"healthy"`
	// Reachable is false when fewer than Confidence of the draws reach the
	// target at any budget (their floors, limits or shares stand in the
	// way); Annual and Reached are then 0.
	Reachable bool `json:"reachable"`
	// Annual is the least budget a year, rounded up as it is printed
	// (CeilMoney): the draws are planned at it, and Reached of them reach
	// the target, at least Confidence.
	Annual  float64 `json:"annual"`
	Reached float64 `json:"reached"`
	// ChangePerYear is the scenario's budget trajectory, which the budgets
	// tried keep: with it, Annual is, like budget.annual, the yearly
	// budget at the horizon's start. ChangeDrawn says the trajectory is
	// itself a range, each draw keeping its own.
	ChangePerYear float64 `json:"change_per_year"`
	ChangeDrawn   bool    `json:"change_drawn,omitempty"`
	// Unreachable counts the draws that reach the target at no budget.
	Unreachable int `json:"unreachable"`
}

// goalDoublings bounds the upward search of the goal seek: 2^30 printed
// steps above the draws' lower bound is far beyond any budget that still
// binds.
const goalDoublings = 30

// riskGoal finds the least printed budget a year (a CeilMoney figure, as
// the budget case prints) at which at least Confidence of the draws reach
// the heart target, planning each draw at the budgets tried. The draws are
// those of the run (common random numbers), so the answer is reproducible
// and monotone in Confidence.
//
// Each draw's LP bound (the budget case's: below it no allocation of the
// draw reaches the target; needBound, in the chains of the run, each
// started from the draw before) gives a lower bound on the answer, the
// Confidence quantile of the bounds; a budget tried counts a draw whose
// bound is above it as short without planning it, and stops as soon as
// more draws are short than Confidence allows. From the lower bound,
// rounded up, the search doubles its step on the printed grid until the
// share is reached, then bisects on the grid.
func riskGoal(ctx context.Context, doc *scenario.Doc, s *scenario.Scenario, opt RiskOptions, base drawPlanner) (*RiskGoal, error) {
	if opt.Heart <= 0 || opt.Heart > 1 || opt.Confidence > 1 || math.IsNaN(opt.Heart+opt.Confidence) {
		return nil, fmt.Errorf("plan: goal seek needs a heart target in (0, 1] and a confidence in (0, 1], got %v and %v", opt.Heart, opt.Confidence)
	}
	n := riskSamples(opt)
	g := &RiskGoal{Heart: opt.Heart, Confidence: opt.Confidence, Healthy: riskHealthyGoal(s, opt.Heart)}
	if s.Budget.PerPeriod == nil {
		g.ChangePerYear = s.Budget.ChangePerYear
		for _, u := range s.Uncertain {
			g.ChangeDrawn = g.ChangeDrawn || u.Path == "budget.change_per_year"
		}
	}
	// The draws' scenarios and LP bounds: +Inf for a draw the loader
	// refuses or that no budget lets reach the target.
	draws := make([]*scenario.Scenario, n)
	bounds := make([]float64, n)
	near := riskOrder(len(s.Uncertain), opt.Seed, n)
	err := forDraws(ctx, n, opt.Workers, base, opt.Progress, func(pl *drawPlanner, k int) error {
		i := near[k]
		ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, opt.Seed, i))
		bounds[i] = math.Inf(1)
		if err != nil || ds == nil {
			return err
		}
		draws[i] = ds
		lower, err := pl.needBound(ctx, ds, opt.Heart, g.Healthy)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return nil // a failed solve: the draw counts as short
		}
		if lower >= 0 {
			bounds[i] = lower
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sorted := slices.Clone(bounds)
	slices.Sort(sorted)
	for _, x := range sorted {
		if math.IsInf(x, 1) {
			g.Unreachable++
		}
	}
	need := max(1, int(math.Ceil(opt.Confidence*float64(n)-1e-9))) // draws that must reach the target
	if math.IsInf(sorted[need-1], 1) {
		return g, nil
	}
	// The draws are planned highest bound first: at a budget that falls
	// short, the draws that fall short come first and the pass stops
	// early; and each chain's draws are neighbours, whose plans are good
	// starts for each other. The order, and so the chains, depend on the
	// bounds alone, not on the workers.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(bounds[b], bounds[a]) })
	// reaches plans the draws at annual: the share that reach the target,
	// and whether it is at least need draws (false, with the share
	// unknown, as soon as too many fall short).
	tried := map[float64]float64{}
	reaches := func(annual float64) (bool, error) {
		if share, ok := tried[annual]; ok {
			return share*float64(n) >= float64(need), nil
		}
		var (
			mu    sync.Mutex
			short int
		)
		met := make([]bool, n)
		errShort := errors.New("short")
		err := forDraws(ctx, n, opt.Workers, base, opt.Progress, func(pl *drawPlanner, k int) error {
			i := order[k]
			mu.Lock()
			stop := n-short < need
			mu.Unlock()
			if stop {
				return errShort
			}
			ok := false
			if draws[i] != nil && bounds[i] <= annual*(1+goalBoundSlack) {
				var err error
				// A healthy target asks for every cell, which the first
				// stage's sum does not settle (reachesSurely).
				if bounds[i] <= goalHeadroom*annual && !g.Healthy {
					ok, err = pl.reachesSurely(ctx, draws[i], opt.Heart, annual)
				}
				if err == nil && !ok {
					ok, err = drawReaches(ctx, pl, draws[i], opt.Heart, annual, g.Healthy)
				}
				if err != nil {
					return err
				}
			}
			met[i] = ok
			if !ok {
				mu.Lock()
				defer mu.Unlock()
				if short++; n-short < need {
					return errShort
				}
			}
			return nil
		})
		if errors.Is(err, errShort) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		c := 0
		for _, m := range met {
			if m {
				c++
			}
		}
		tried[annual] = float64(c) / float64(n)
		return c >= need, nil
	}
	lo := CeilMoney(sorted[need-1])
	ok, err := reaches(lo)
	if err != nil {
		return nil, err
	}
	hi := lo
	if !ok {
		// Double the step on the printed grid until the share is reached;
		// lo stays a figure that falls short.
		step := MoneyStep(lo)
		for i := 0; ; i++ {
			if i == goalDoublings {
				return g, nil
			}
			hi = CeilMoney(lo + step)
			if ok, err = reaches(hi); err != nil {
				return nil, err
			}
			if ok {
				break
			}
			lo, step = hi, 2*step
		}
		// Bisect on the grid: the least printed figure that reaches it.
		for {
			mid := CeilMoney(lo + (hi-lo)/2)
			if mid <= lo || mid >= hi {
				break
			}
			if ok, err = reaches(mid); err != nil {
				return nil, err
			}
			if ok {
				hi = mid
			} else {
				lo = mid
			}
		}
	}
	g.Reachable, g.Annual, g.Reached = true, hi, tried[hi]
	return g, nil
}

// needBound is the first stage of leastNeedLP: a lower bound on the least
// budget a year at which an allocation of s reaches heart in every
// period (and, for a healthy target, every heart cell reaches it), or -1
// when none does. It is leastNeedLP's bound (the least
// budget itself, unless the branch and bound of whole people or
// all-or-nothing investments stopped at its node limit, when it is the
// bound that search proved: the budget of the allocation it found would
// count a draw short at a budget it may reach), but it starts from the
// draw before in the chain (the same model with other numbers, a near
// optimal basis and an incumbent) and skips the least-spend stage, whose
// figures the goal seek does not read.
func (dp *drawPlanner) needBound(ctx context.Context, s *scenario.Scenario, heart float64, healthy bool) (float64, error) {
	if err := model.CheckSize(s); err != nil {
		return 0, err
	}
	m := model.Build(s)
	q := m.Problem.Clone()
	a := m.NeedBudget(q)
	addCaseTargets(m, q, heart, 0, healthy)
	objs := []solve.Objective{{Name: "budget_need", Terms: []solve.Term{{Var: a, Coef: 1}}}}
	sol, err := solve.Lexicographic(ctx, q, objs, dp.LP, solve.Options{Stages: dp.need, IncumbentStarts: true})
	if err != nil {
		return 0, err
	}
	if sol.Status != solve.Optimal && sol.Status != solve.OptimalWithinGap {
		return -1, nil
	}
	dp.need = sol.Stages
	return math.Max(0, sol.Bounds[0]*m.MoneyUnit), nil
}

// goalHeadroom is the share of the budget tried under which a draw's
// bound lets its first stage alone try to settle it (reachesSurely): a
// draw that needs less has room to spare, and its plan usually reaches
// the healthy threshold in every period; one near its bound usually does
// not, and its first stage would be solved for nothing. On 200 of the
// typical scenario's draws (--heart 0.85), all 104 planned with a bound
// under 91.5% of the budget were settled so, 22 of 32 between 91.5% and
// 93.5%, none above. It changes the work, not the answer.
const goalHeadroom = 0.95

// goalBoundSlack is the relative slack of a draw's LP bound: the LP holds
// its optimum to a tolerance, so a draw whose bound is a hair above the
// budget tried is planned, not counted as short.
const goalBoundSlack = 1e-6

// drawReaches plans s at a budget of annual a year, its healthy threshold
// raised to heart, and reports whether every period reaches heart (and,
// for a healthy target, is healthy). A failed solve does not reach it.
func drawReaches(ctx context.Context, pl *drawPlanner, s *scenario.Scenario, heart, annual float64, healthy bool) (bool, error) {
	p, _, err := pl.Optimize(ctx, WithBudget(WithHealthyAtLeast(s, heart), annual))
	if err != nil {
		return false, ctx.Err()
	}
	return meetsCase(p, heart, 0, healthy), nil
}

// riskHealthyGoal reports whether a goal seek's heart target is s's
// healthy threshold and no draw moves that threshold: the goal is then a
// healthy heart, every cell, as the budget case's healthy target. With
// healthy_heart itself a range, each draw has its own threshold and the
// target is a heart score.
func riskHealthyGoal(s *scenario.Scenario, heart float64) bool {
	for _, u := range s.Uncertain {
		if u.Path == "policy.healthy_heart" {
			return false
		}
	}
	return HealthyTarget(s, heart)
}

// reachesSurely reports whether the plan of s at a budget of annual a
// year, its healthy threshold raised to heart, surely reaches heart in
// every period, from the plan's first stage alone: false when it cannot
// tell, and then only the whole plan (drawReaches) can. The plan's first
// stage maximizes v, the sum over the periods of h[t], the heart counted
// up to the healthy threshold c (>= heart) cell by cell, so h[t] <= c and
// h[t] <= heart[t]. The later stages hold v to solve.HoldTol, and the
// branch and bound finds it to its gap, in this solve and in the plan's:
// if v, less the hold, twice the gap and the rows' tolerance
// (scoreRecompute), is still at least the sum with one period at heart
// less ScoreTol and the others at c, no period of the plan can lie lower,
// and every one reaches heart within ScoreTol, as MeetsTargets asks. A
// first stage that is infeasible or fails cannot tell.
func (dp *drawPlanner) reachesSurely(ctx context.Context, s *scenario.Scenario, heart, annual float64) (bool, error) {
	s = WithBudget(WithHealthyAtLeast(s, heart), annual)
	if model.CheckSize(s) != nil {
		return false, nil
	}
	m := model.Build(s)
	objs := m.Objectives()[:1]
	opt := solve.Options{Counts: m.People != nil, IncumbentStarts: true}
	if len(dp.first) > 0 {
		opt.Stages = dp.first
	}
	res, err := solve.Lexicographic(ctx, m.Problem, objs, dp.LP, opt)
	if err != nil || res.Status != solve.Optimal && res.Status != solve.OptimalWithinGap {
		return false, ctx.Err()
	}
	dp.first = res.Stages
	v := res.Values[0]
	periods := float64(s.Periods())
	c := s.Policy.HealthyHeart
	slack := solve.HoldTol*math.Max(1, math.Abs(v)) + 2*solve.DefaultGapTol*math.Max(1, math.Abs(v)) + (periods+1)*scoreRecompute
	return v-slack >= (periods-1)*c+heart-ScoreTol(s.Periods()), nil
}

// scoreRecompute bounds, per period, how far the heart score a plan
// reports (recomputed from its allocation) may lie below what the model's
// rows promise: the solver's feasibility tolerance on the rows that
// define it (solve.FeasTol, 1e-7 scaled by the row's terms, over the
// coverage, score and hold rows of a period) and the allocation's values
// within that tolerance of zero set to zero. Generous: a draw this close to
// the threshold is planned whole, which costs time, not the answer.
const scoreRecompute = 1e-6

// riskSamples is the number of draws opt asks for.
func riskSamples(opt RiskOptions) int {
	if opt.Samples <= 0 {
		return DefaultRiskSamples
	}
	return min(opt.Samples, MaxRiskSamples)
}

// RiskReached is the share of the draws of opt (its Samples, Seed and
// Heart) whose plan at a budget of annual a year reaches the heart target
// in every period (for a healthy target, is healthy in every period): how the goal seek checks its figure, and how a test
// re-checks it.
func RiskReached(ctx context.Context, doc *scenario.Doc, lp solve.LPSolver, opt RiskOptions, annual float64) (float64, error) {
	s, diags := doc.Decode()
	if s == nil {
		return 0, diags
	}
	base, _ := centralPlanner(ctx, s, lp)
	return riskReached(ctx, doc, s, opt, base, annual)
}

// centralPlanner plans s, the scenario at its central values, as cardio
// plan does (cold, Optimize), and returns a planner started from that
// plan, where the chains of draws start, and the plan (nil when it
// failed: the chains then start cold).
func centralPlanner(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver) (drawPlanner, *Plan) {
	pl := Planner{LP: lp, Once: true}
	p, _, err := pl.Optimize(ctx, s)
	dp := newDrawPlanner(s, lp)
	if err != nil {
		return dp, nil
	}
	// The chains keep their prepared matrices (Once false).
	dp.last = pl.last
	dp.keepBases()
	return dp, p
}

func riskReached(ctx context.Context, doc *scenario.Doc, s *scenario.Scenario, opt RiskOptions, base drawPlanner, annual float64) (float64, error) {
	n := riskSamples(opt)
	met := make([]bool, n)
	err := forDraws(ctx, n, opt.Workers, base, opt.Progress, func(pl *drawPlanner, i int) error {
		ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, opt.Seed, i))
		if err != nil || ds == nil {
			return err
		}
		met[i], err = drawReaches(ctx, pl, ds, opt.Heart, annual, riskHealthyGoal(s, opt.Heart))
		return err
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

// forDraws runs do on items 0..n-1 in fixed chains of SweepChain, each
// chain's planner a copy of base: the same result on any workers. The
// caller maps an item to a draw (riskOrder, or highest bound first).
// progress, if not nil, is called after each draw, one call at a time.
func forDraws(ctx context.Context, n, workers int, base drawPlanner, progress func(done, total int), do func(pl *drawPlanner, i int) error) error {
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
