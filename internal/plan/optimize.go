package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// ErrWrongPlan means a solver returned a plan that breaks the scenario when
// re-checked from the scenario alone. It is a bug, never a user error.
var ErrWrongPlan = errors.New("plan: the solver's plan breaks the scenario")

// Modes of a plan.
const (
	ModeOptimized = "optimized"
	ModeAsIs      = "as_is"
)

// Optimize builds the scenario's model, solves its three lexicographic
// stages with the given LP backend and returns the verified plan. An
// infeasible scenario is a plan with status infeasible and Findings saying
// why, not an error.
func Optimize(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options) (*Plan, error) {
	p, _, err := OptimizeAllocation(ctx, s, lp, opt)
	return p, err
}

// OptimizeAllocation is Optimize that also returns the plan's allocation
// (nil when the scenario is infeasible), for measures that need FTE per
// function and region, such as the checkup's.
func OptimizeAllocation(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options) (*Plan, *Allocation, error) {
	pl := Planner{LP: lp, Opt: opt, Once: true}
	return pl.Optimize(ctx, s)
}

// A Planner optimizes a series of similar scenarios (the points of a
// sweep, the re-solves of marginal values, a scenario edited one input at a
// time), each solve starting from the stages of the last plan it made:
// the same model shape with other numbers re-optimizes from a near-optimal
// basis in a fraction of a cold start's work (solve.Stage). A scenario of
// another shape starts cold. The plan is verified like any other; the
// start changes the work, not the optima, though where the optimum is not
// unique it may change which optimal allocation is returned.
//
// A Planner is not safe for concurrent use; copy it to give each goroutine
// its own, starting from the same plan.
type Planner struct {
	// LP and Opt are the backend and its options; set them before the
	// first Optimize and leave them.
	LP  solve.LPSolver
	Opt solve.Options
	// Once says the planner makes a single plan: it keeps no prepared
	// matrices for later ones. Within one plan every stage has a matrix of
	// its own (its hold rows differ), so the cache only pays across plans,
	// and what it holds (each stage's matrix and spare solvers) would
	// triple the memory peak of a large plan (59 against 19 MB live, see
	// BenchmarkPeakHeap).
	Once bool
	// NoExplain leaves an infeasible plan without its Findings: a caller
	// that only asks whether a scenario plans (diff's attribution) skips
	// the explanation, many LPs more (over a minute on a large one).
	NoExplain bool
	// last holds the stages of the last feasible plan, and lastIters the
	// simplex iterations that plan took.
	last      []solve.Stage
	lastIters int
	// cache keeps the matrices LP prepared (when it is a solve.Preparer),
	// shared by copies of the planner: the models of similar scenarios
	// often have the same matrix (a budget enters only right-hand sides).
	cache *solve.PrepareCache
}

// Optimize is OptimizeAllocation, started from the planner's last plan.
func (pl *Planner) Optimize(ctx context.Context, s *scenario.Scenario) (*Plan, *Allocation, error) {
	p, a, _, err := pl.optimize(ctx, s, nil)
	return p, a, err
}

// optimize is Optimize with stop as the solve's Options.StopAfter: when it
// ends the stages early, optimize returns no plan and stopped true.
func (pl *Planner) optimize(ctx context.Context, s *scenario.Scenario, stop func(int, float64) bool) (_ *Plan, _ *Allocation, stopped bool, _ error) {
	if err := model.CheckSize(s); err != nil {
		return nil, nil, false, err
	}
	m := model.Build(s)
	opt := pl.Opt
	opt.Stages, opt.StopAfter = pl.last, stop
	res, err := m.Solve(ctx, pl.lp(), opt)
	if s.Policy.WholePeople && (errors.Is(err, solve.ErrNodeLimit) || errors.Is(err, solve.ErrIterationLimit)) {
		// The search found no point in whole people at all: say what
		// usually causes it, which the solver cannot know, in the
		// scenario's words rather than the solver's.
		return nil, nil, false, &WholePeopleLimitError{Iterations: errors.Is(err, solve.ErrIterationLimit), FractionalLimits: fractionalLimits(s), Err: err}
	}
	if err != nil {
		return nil, nil, false, err
	}
	if res.Stopped {
		// Only the first stages: the next plan starts from the last full
		// one's.
		return nil, nil, true, nil
	}
	if res.Status == solve.Optimal || res.Status == solve.OptimalWithinGap {
		pl.last, pl.lastIters = res.Stages, res.Iters
	}
	p, a, err := pl.finish(ctx, m, res)
	return p, a, false, err
}

// lp is the backend of the planner's solves: LP, behind the cache of
// prepared matrices when it is a solve.Preparer (unless Once).
func (pl *Planner) lp() solve.LPSolver {
	pr, ok := pl.LP.(solve.Preparer)
	if !ok || pl.Once {
		return pl.LP
	}
	if pl.cache == nil {
		pl.cache = &solve.PrepareCache{LP: pr}
	}
	return pl.cache
}

// finish turns the model's solution into a verified plan, or explains why
// there is none.
func (pl *Planner) finish(ctx context.Context, m *model.Model, res *solve.LexResult) (*Plan, *Allocation, error) {
	s, lp, opt := m.Scenario, pl.LP, pl.Opt
	var err error
	switch res.Status {
	case solve.Infeasible:
		p := &Plan{
			FormatVersion: FormatVersion, Scenario: s.Name, Description: s.Description, Currency: s.Currency,
			Mode: ModeOptimized, Status: StatusInfeasible, HealthyHeart: s.Policy.HealthyHeart, Period: string(s.Horizon.Period), Periods: []Period{},
		}
		if !pl.NoExplain {
			p.Findings, err = explainInfeasible(ctx, m, nil, lp, opt)
		}
		return p, nil, err
	case solve.Unbounded:
		// Every score is capped and spend is bounded below: unbounded is a model bug.
		return nil, nil, fmt.Errorf("%w: the model is unbounded", ErrWrongPlan)
	}
	a := FromSolution(m, res.X)
	if bad := Verify(s, a); len(bad) > 0 {
		return nil, nil, fmt.Errorf("%w:\n  %s", ErrWrongPlan, strings.Join(bad, "\n  "))
	}
	status := StatusOptimal
	if res.Status == solve.OptimalWithinGap {
		status = StatusOptimalWithinGap
	}
	p := Build(s, a, ModeOptimized, status)
	p.Binding = FindBinding(s, a)
	if status == StatusOptimalWithinGap {
		p.Gap = res.Gap
		p.Gaps = stageGaps(m, res)
	}
	return p, a, nil
}

// The stages a StageGap names: the model's objectives that branch and
// bound searches.
const (
	GapHeart  = model.StageHeart
	GapScores = model.StageScores
	GapSpend  = model.StageSpend
)

// stageGaps reads the stages the node limit stopped off res, in the
// plan's units (StageGap).
func stageGaps(m *model.Model, res *solve.LexResult) []StageGap {
	var gaps []StageGap
	for k, g := range res.Gaps {
		if g <= 0 || k >= len(model.StageNames) {
			continue
		}
		var unit float64
		switch name := model.StageNames[k]; name {
		case model.StageHeart, model.StageScores:
			unit = 1 / float64(len(m.Heart)) // a mean per period
		case model.StageSpend:
			unit = m.MoneyUnit
		default:
			continue // stages 4 and 5 keep stage 3's integers: no search
		}
		sg := StageGap{Stage: model.StageNames[k], Value: res.Values[k] * unit, Bound: res.Bounds[k] * unit, Gap: g}
		d := math.Max(0, sg.Bound-sg.Value)
		switch pol := m.Scenario.Policy; sg.Stage {
		case model.StageHeart:
			sg.HeartPoints = 100 * d
		case model.StageScores:
			if pol.HeartWeight > 0 {
				sg.HeartPoints = 100 * d / pol.HeartWeight
			}
			if pol.BrainWeight > 0 {
				sg.BrainPoints = 100 * d / pol.BrainWeight
			}
		}
		gaps = append(gaps, sg)
	}
	return gaps
}

// FromSolution reads an allocation off a solution of m. Values within the
// solver's tolerance of zero are set to zero, and all-or-nothing levels are
// rounded, so that reports do not show -0.000 FTE or a 0.9999999 purchase.
// Staff is zero within the tolerance times its demand when the demand is
// below one FTE: where a function needs 1e-9 FTE, 1e-8 FTE is ten times
// the need, not round-off.
func FromSolution(m *model.Model, x []float64) *Allocation {
	s := m.Scenario
	a := NewAllocation(s)
	a.Replace = true // the model's least spend replaces dear kept staff (Flows)
	within := func(j int, unit, tol float64) float64 {
		if j == model.None {
			return 0
		}
		v := x[j] * unit
		if math.Abs(v) < solve.FeasTol*tol {
			return 0
		}
		return v
	}
	val := func(j int) float64 { return within(j, 1, 1) }
	for f := range s.Functions {
		for r := range s.Regions {
			for t := 0; t < s.Periods(); t++ {
				// The solver's tolerance is on the model's unit of staff;
				// a demand below it scales it down.
				u := m.FTEUnit
				tol := math.Min(u, m.Demand[f][r][t])
				a.Local[f][r][t] = within(m.Local[f][r][t], u, tol)
				a.Central[f][r][t] = within(m.Central[f][r][t], u, tol)
			}
		}
	}
	for k, kept := range m.Kept {
		if kept == nil || !teamOf(s, k).HasMoveCosts() {
			continue // Flows' rule is the model's least spend (Allocation.Kept)
		}
		if a.Kept == nil {
			a.Kept = make([][]float64, len(m.Kept))
		}
		a.Kept[k] = make([]float64, len(kept))
		for t, j := range kept {
			a.Kept[k][t] = within(j, m.FTEUnit, 1)
		}
	}
	for i, inv := range s.Investments {
		for t := 0; t < s.Periods(); t++ {
			y := math.Min(1, val(m.Level[i][t]))
			if !inv.Scalable || inv.Owned {
				y = math.Round(y)
			}
			a.Level[i][t] = y
		}
	}
	return a
}

// AsIs is the current organization as a plan (AsIsAllocation). Nothing is
// optimized; Findings lists the scenario's constraints the organization
// breaks (Violations).
func AsIs(s *scenario.Scenario) *Plan {
	a := AsIsAllocation(s)
	p := Build(s, a, ModeAsIs, StatusAsIs)
	p.Findings = Violations(s, a)
	return p
}

// AsIsAllocation is today's organization as an allocation, the same in
// every period: each region's current_fte works locally, the central team's
// current_fte on a function serves the regions in proportion to their
// demand for it (by seller share when no region has any), and owned
// investments are in place.
func AsIsAllocation(s *scenario.Scenario) *Allocation {
	a := NewAllocation(s)
	for t := 0; t < s.Periods(); t++ {
		shares := s.SellerShares(t)
		for f, fn := range s.Functions {
			var total float64
			for r := range s.Regions {
				total += s.Demand(f, r, t)
			}
			for r, reg := range s.Regions {
				a.Local[f][r][t] = reg.CurrentFTE[fn.ID]
				share := shares[r]
				if total > 0 {
					share = s.Demand(f, r, t) / total
				}
				a.Central[f][r][t] = s.Central.CurrentFTE[fn.ID] * share
			}
		}
		for i, inv := range s.Investments {
			if inv.Owned {
				a.Level[i][t] = 1
			}
		}
	}
	return a
}

// fractionalLimits lists the hire and exit limits of s that are not whole
// numbers, as "regions[emea].max_hires_per_period 0.4" (a --set key and
// its value): under whole people they allow their floor.
func fractionalLimits(s *scenario.Scenario) []string {
	var out []string
	add := func(path string, t scenario.Team) {
		for _, l := range []struct {
			key string
			v   float64
		}{{"max_hires_per_period", t.MaxHiresPerPeriod}, {"max_exits_per_period", t.MaxExitsPerPeriod}} {
			if l.v >= 0 && l.v != math.Floor(l.v) {
				out = append(out, fmt.Sprintf("%s.%s %s", path, l.key, strconv.FormatFloat(l.v, 'g', -1, 64)))
			}
		}
	}
	add("central", s.Central)
	for _, r := range s.Regions {
		add("regions["+r.ID+"]", r.Team)
	}
	return out
}

// WholePeopleLimitError is a plan in whole people (policy.whole_people)
// whose search stopped at its node or iteration limit before it found any
// plan. Its words are for the user, who cannot act on the solver's
// ("solve: node limit reached without an integer solution"); Unwrap keeps
// the solver's error, so errors.Is(err, solve.ErrNodeLimit) (or
// solve.ErrIterationLimit) holds.
type WholePeopleLimitError struct {
	// Iterations: a step of the search stopped at the LP's iteration
	// limit, not the search at its node limit.
	Iterations bool
	// FractionalLimits are the hire and exit limits that are not whole
	// numbers (key path and value), the usual cause.
	FractionalLimits []string
	Err              error // the solver's error
}

func (e *WholePeopleLimitError) Error() string {
	const instead = "plan in fractions of people instead (policy.whole_people: false, or --set policy.whole_people=false)"
	if len(e.FractionalLimits) > 0 {
		return fmt.Sprintf("no plan in whole people was found; hire and exit limits that are not whole numbers allow fewer people than they seem to (%s), and the plan in fractions rounded breaks them: make them whole, or %s",
			strings.Join(e.FractionalLimits, ", "), instead)
	}
	what := "the search for whole headcounts stopped at its limit of tries before it found any plan that keeps every limit"
	if e.Iterations {
		what = "a step of the search for whole headcounts stopped at its limit of iterations before any plan was found"
	}
	return fmt.Sprintf("no plan in whole people was found: %s (the scenario may be too large or too tight to plan in whole people); %s, or plan a smaller scenario (fewer regions, functions or periods), or loosen its hire and exit limits", what, instead)
}

func (e *WholePeopleLimitError) Unwrap() error { return e.Err }
