package checkup

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Statuses of a sign, from good to bad.
const (
	OK    = "ok"
	Watch = "watch"
	Act   = "act"
)

// Sign ids, in the order a report lists them.
const (
	StaleMix         = "stale_mix"
	BrainBeforeHeart = "brain_before_heart"
	LostLocalTouch   = "lost_local_touch"
	ShrinkingBudget  = "shrinking_budget"
)

// Report is the result of `cardio checkup`.
type Report struct {
	FormatVersion int     `json:"format_version"`
	Scenario      string  `json:"scenario"`
	Description   string  `json:"description,omitempty"`
	Currency      string  `json:"currency"`
	HealthyHeart  float64 `json:"healthy_heart"`
	// Thresholds are the values used, the scenario's or the defaults.
	Thresholds map[string]float64 `json:"thresholds"`
	Signs      []Sign             `json:"signs"`
}

// Sign is one warning sign.
type Sign struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	// Evidence is the sign's numbers: *StaleMixEvidence,
	// *BrainBeforeHeartEvidence, *LostLocalTouchEvidence or
	// *ShrinkingBudgetEvidence.
	Evidence any    `json:"evidence"`
	Summary  string `json:"summary"` // the evidence in one line
	Remedy   string `json:"remedy"`  // what to do, from the optimized plan, in one line
}

// InfeasibleError is returned for a scenario no plan can meet: a checkup
// compares today's organization with the optimized plan, and there is none.
// Findings say why (the view words them, report.ProblemWords).
type InfeasibleError struct {
	Currency string
	Findings []plan.Finding
}

func (e *InfeasibleError) Error() string {
	kinds := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		kinds[i] = f.Kind
	}
	return "the scenario is infeasible: " + strings.Join(kinds, ", ")
}

// ErrInfeasible matches any *InfeasibleError with errors.Is.
var ErrInfeasible = errors.New("checkup: the scenario is infeasible")

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

// exam holds what every sign looks at.
type exam struct {
	s           *scenario.Scenario
	lp          solve.LPSolver
	asIs        *plan.Allocation
	asIsPlan    *plan.Plan
	opt         *plan.Allocation
	optPlan     *plan.Plan
	cur         string
	money       func(float64) string
	th          func(string) float64
	periodLabel string // "a quarter" or "a year"
}

// Run examines s: the as-is organization and the optimized plan. It returns
// an *InfeasibleError when no plan meets the scenario's constraints.
func Run(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver) (*Report, error) {
	e := &exam{s: s, lp: lp, cur: s.Currency, th: s.Threshold, periodLabel: "a quarter"}
	if s.Horizon.Period == scenario.Year {
		e.periodLabel = "a year"
	}
	e.money = func(x float64) string { return plan.FormatMoney(s.Currency, x) }
	e.asIs = plan.AsIsAllocation(s)
	e.asIsPlan = plan.Build(s, e.asIs, plan.ModeAsIs, plan.StatusAsIs)
	var err error
	if e.opt, e.optPlan, err = optimize(ctx, s, lp); err != nil {
		return nil, err
	}
	r := &Report{
		FormatVersion: plan.FormatVersion, Scenario: s.Name, Description: s.Description, Currency: s.Currency,
		HealthyHeart: s.Policy.HealthyHeart, Thresholds: map[string]float64{},
	}
	for _, th := range scenario.CheckupThresholds {
		r.Thresholds[th.Name] = s.Threshold(th.Name)
	}
	r.Signs = append(r.Signs, e.staleMix(), e.brainBeforeHeart(), e.lostLocalTouch())
	sb, err := e.shrinkingBudget(ctx)
	if err != nil {
		return nil, err
	}
	r.Signs = append(r.Signs, sb)
	return r, nil
}

// optimize solves s and also returns the allocation, which the
// per-region measures need. An infeasible scenario is an InfeasibleError
// with plan.Optimize's explanation.
func optimize(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver) (*plan.Allocation, *plan.Plan, error) {
	p, a, err := plan.OptimizeAllocation(ctx, s, lp, solve.Options{})
	if err != nil {
		return nil, nil, err
	}
	if p.Status == plan.StatusInfeasible {
		return nil, nil, &InfeasibleError{Currency: p.Currency, Findings: p.Findings}
	}
	return a, p, nil
}

// worse returns the worse of two statuses.
func worse(a, b string) string {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

func rank(status string) int {
	switch status {
	case Act:
		return 2
	case Watch:
		return 1
	}
	return 0
}

// grade is act at or above act, watch at or above watch, else ok.
func grade(x, watch, act float64) string {
	switch {
	case x >= act:
		return Act
	case x >= watch:
		return Watch
	}
	return OK
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func fte(x float64) string { return fmt.Sprintf("%.1f", x) }

// signed writes an FTE change with its sign: +1.2, -0.4.
func signed(x float64) string { return fmt.Sprintf("%+.1f", x) }

// ---------------------------------------------------------------------------
// 1. stale_mix

// StaleMixEvidence compares today's FTE mix across functions with the
// demand profile of each life-cycle stage, in the first period.
type StaleMixEvidence struct {
	Period string `json:"period"`
	Stage  string `json:"stage"` // the declared stage of the first period
	// FTE is today's staff plus the FTE-equivalents of owned investments.
	FTE float64 `json:"fte"`
	// Distance is the total variation distance between today's mix and the
	// declared stage's demand profile (half the sum of the absolute
	// differences of shares): the share of FTE that would have to move.
	Distance float64 `json:"distance"`
	// FTEToMove is Distance * FTE.
	FTEToMove float64 `json:"fte_to_move"`
	// Stages gives the distance to every stage's profile, in life-cycle order.
	Stages []StageDistance `json:"stages"`
	// BestFit is the stage whose profile is closest.
	BestFit string `json:"best_fit"`
	// Over and Under are the functions most over- and under-staffed for the
	// declared stage at today's total: FTE minus the stage's share of it.
	Over  []FunctionGap `json:"over"`
	Under []FunctionGap `json:"under"`
}

// StageDistance is the distance of today's mix to one stage's profile.
type StageDistance struct {
	Stage    string  `json:"stage"`
	Distance float64 `json:"distance"`
}

// FunctionGap is a function's FTE today against what the stage's profile
// gives it out of the same total.
type FunctionGap struct {
	ID     string  `json:"id"`
	FTE    float64 `json:"fte"`
	Target float64 `json:"target"`
	Gap    float64 `json:"gap"` // FTE - Target
}

// maxNamed is how many functions the over- and under-staffed lists name.
const maxNamed = 3

// minNamedGap is the smallest gap, in FTE, worth naming.
const minNamedGap = 0.05

func (e *exam) staleMix() Sign {
	s := e.s
	sign := Sign{ID: StaleMix, Title: "Doing the same things as three years ago"}
	const t = 0
	declared := s.Stages[t]
	ev := &StaleMixEvidence{Period: s.PeriodLabel(t), Stage: string(declared), Stages: []StageDistance{}, Over: []FunctionGap{}, Under: []FunctionGap{}}
	sign.Evidence = ev
	mix := make([]float64, len(s.Functions))
	for f := range s.Functions {
		for r := range s.Regions {
			mix[f] += e.asIs.Local[f][r][t] + e.asIs.Central[f][r][t] + toolFTE(s, e.asIs, f, r, t)
		}
		ev.FTE += mix[f]
	}
	if ev.FTE <= 0 {
		sign.Status = OK
		sign.Summary = "no staff today (current_fte is empty): there is no mix to compare"
		sign.Remedy = "none needed"
		return sign
	}
	profile := func(st scenario.Stage) ([]float64, bool) {
		out := make([]float64, len(s.Functions))
		var total float64
		for f, fn := range s.Functions {
			for r := range s.Regions {
				out[f] += (fn.FTEPer100Sellers*s.Sellers(r, t)/100 + fn.FTEPerRegion) * fn.StageMultipliers[st]
			}
			total += out[f]
		}
		if total <= 0 {
			return nil, false
		}
		for f := range out {
			out[f] /= total
		}
		return out, true
	}
	dist := func(q []float64) float64 {
		var d float64
		for f := range mix {
			d += math.Abs(mix[f]/ev.FTE - q[f])
		}
		return d / 2
	}
	var declaredProfile []float64
	bestEarlier, earlierStage := math.Inf(1), ""
	best := math.Inf(1)
	before := true
	for _, st := range scenario.Stages {
		if st == declared {
			before = false
		}
		q, ok := profile(st)
		if !ok {
			continue
		}
		d := dist(q)
		ev.Stages = append(ev.Stages, StageDistance{Stage: string(st), Distance: d})
		if d < best-1e-12 {
			best, ev.BestFit = d, string(st)
		}
		if st == declared {
			declaredProfile, ev.Distance = q, d
		} else if before && d < bestEarlier {
			bestEarlier, earlierStage = d, string(st)
		}
	}
	if declaredProfile == nil {
		sign.Status = OK
		sign.Summary = fmt.Sprintf("the %s stage has no demand: there is no profile to compare", declared)
		sign.Remedy = "none needed"
		return sign
	}
	ev.FTEToMove = ev.Distance * ev.FTE
	var gaps []FunctionGap
	for f, fn := range s.Functions {
		target := declaredProfile[f] * ev.FTE
		gaps = append(gaps, FunctionGap{ID: fn.ID, FTE: mix[f], Target: target, Gap: mix[f] - target})
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Gap > gaps[j].Gap })
	for _, g := range gaps {
		if g.Gap >= minNamedGap && len(ev.Over) < maxNamed {
			ev.Over = append(ev.Over, g)
		}
	}
	for i := len(gaps) - 1; i >= 0; i-- {
		if g := gaps[i]; g.Gap <= -minNamedGap && len(ev.Under) < maxNamed {
			ev.Under = append(ev.Under, g)
		}
	}

	watch, act, margin := e.th(scenario.StaleMixWatch), e.th(scenario.StaleMixAct), e.th(scenario.StaleMixMargin)
	sign.Status = grade(ev.Distance, watch, act)
	earlierFits := earlierStage != "" && bestEarlier < ev.Distance
	if earlierFits {
		if bestEarlier <= ev.Distance-margin {
			sign.Status = Act
		} else {
			sign.Status = worse(sign.Status, Watch)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s of today's %s FTE (staff and tools) would have to move to match a %s organization's demand", pct(ev.Distance), fte(ev.FTE), declared)
	if earlierFits {
		fmt.Fprintf(&b, "; the mix fits %s better (%s)", earlierStage, pct(bestEarlier))
	}
	if len(ev.Over) > 0 {
		fmt.Fprintf(&b, "; over: %s", gapList(ev.Over))
	}
	if len(ev.Under) > 0 {
		fmt.Fprintf(&b, "; under: %s", gapList(ev.Under))
	}
	sign.Summary = b.String()
	sign.Remedy = e.staleMixRemedy(sign.Status)
	return sign
}

func gapList(gs []FunctionGap) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = g.ID + " " + signed(g.Gap)
	}
	return strings.Join(parts, ", ")
}

// staleMixRemedy names the largest staffing changes the optimized plan
// makes in the first period.
func (e *exam) staleMixRemedy(status string) string {
	s := e.s
	const t = 0
	type change struct {
		id string
		d  float64
	}
	var up, down []change
	for f, fn := range s.Functions {
		var d float64
		for r := range s.Regions {
			d += e.opt.Local[f][r][t] + e.opt.Central[f][r][t] - e.asIs.Local[f][r][t] - e.asIs.Central[f][r][t]
		}
		if d >= minNamedGap {
			up = append(up, change{fn.ID, d})
		} else if d <= -minNamedGap {
			down = append(down, change{fn.ID, d})
		}
	}
	sort.SliceStable(up, func(i, j int) bool { return up[i].d > up[j].d })
	sort.SliceStable(down, func(i, j int) bool { return down[i].d < down[j].d })
	list := func(cs []change) string {
		var parts []string
		for i, c := range cs {
			if i == maxNamed {
				break
			}
			parts = append(parts, c.id+" "+signed(c.d))
		}
		return strings.Join(parts, ", ")
	}
	var parts []string
	if len(up) > 0 {
		parts = append(parts, list(up))
	}
	if len(down) > 0 {
		parts = append(parts, list(down))
	}
	switch {
	case status == OK:
		return "none needed"
	case len(parts) == 0:
		return "the optimized plan keeps today's mix: the limits leave no room to move people"
	}
	return fmt.Sprintf("rebalance to the stage: the optimized plan changes %s staffing by %s FTE", s.PeriodLabel(t), strings.Join(parts, "; "))
}

// toolFTE is the FTE-equivalents investments deliver on function f in
// region r and period t.
func toolFTE(s *scenario.Scenario, a *plan.Allocation, f, r, t int) float64 {
	var w float64
	d := s.Demand(f, r, t)
	for i, inv := range s.Investments {
		if share := inv.Covers[s.Functions[f].ID]; share != 0 {
			w += share * plan.Effective(s, a, i, t) * d
		}
	}
	return w
}

// ---------------------------------------------------------------------------
// 2. brain_before_heart

// BrainBeforeHeartEvidence measures the money and people on brain work
// today against the heart score, in the first period; money is per year.
type BrainBeforeHeartEvidence struct {
	Period       string  `json:"period"`
	Heart        float64 `json:"heart"`
	HealthyHeart float64 `json:"healthy_heart"`
	Healthy      bool    `json:"healthy"`
	BrainFTE     float64 `json:"brain_fte"`
	// BrainSpend is the yearly cost of brain staff plus the brain part of
	// the investments in place (each investment's running cost split by the
	// share of the work it does on brain functions).
	BrainSpend      float64 `json:"brain_spend"`
	BrainStaffSpend float64 `json:"brain_staff_spend"`
	BrainToolSpend  float64 `json:"brain_tool_spend"`
	Spend           float64 `json:"spend"`       // all of today's spend, per year
	BrainShare      float64 `json:"brain_share"` // BrainSpend / Spend
	// HeartGapFTE is the heart work left undone, in FTE-equivalents.
	HeartGapFTE float64 `json:"heart_gap_fte"`
	// HeartFTEForSameMoney is the heart staff the brain money would pay for:
	// the brain staff themselves, plus the tool money at the central team's
	// cost per FTE.
	HeartFTEForSameMoney float64 `json:"heart_fte_for_same_money"`
	// PlanHeart, PlanBrainSpend and PlanBrainShare are the optimized plan's,
	// in the same period.
	PlanHeart      float64 `json:"plan_heart"`
	PlanBrainSpend float64 `json:"plan_brain_spend"`
	PlanBrainShare float64 `json:"plan_brain_share"`
}

// brainSpend is the yearly spend on brain work of allocation a in period t:
// staff, and each investment's running cost at its level split by the share
// of its work that is on brain functions. Upfront costs are not a running
// cost and are left out.
func brainSpend(s *scenario.Scenario, a *plan.Allocation, t int) (staff, tools, fteBrain float64) {
	for f, fn := range s.Functions {
		if fn.Class != scenario.Brain {
			continue
		}
		for r, reg := range s.Regions {
			staff += a.Local[f][r][t]*reg.CostPerFTE + a.Central[f][r][t]*s.Central.CostPerFTE
			fteBrain += a.Local[f][r][t] + a.Central[f][r][t]
		}
	}
	for i, inv := range s.Investments {
		if a.Level[i][t] == 0 || inv.PerYear == 0 {
			continue
		}
		tools += inv.PerYear * a.Level[i][t] * brainPart(s, inv, t)
	}
	return staff, tools, fteBrain
}

// brainPart is the share of an investment's work that is on brain
// functions: its covers shares weighted by each function's demand in period
// t (by the shares alone when there is no demand).
func brainPart(s *scenario.Scenario, inv scenario.Investment, t int) float64 {
	var brain, all, brainW, allW float64
	for f, fn := range s.Functions {
		share := inv.Covers[fn.ID]
		if share == 0 {
			continue
		}
		var d float64
		for r := range s.Regions {
			d += s.Demand(f, r, t)
		}
		all += share * d
		allW += share
		if fn.Class == scenario.Brain {
			brain += share * d
			brainW += share
		}
	}
	switch {
	case all > 0:
		return brain / all
	case allW > 0:
		return brainW / allW
	}
	return 0
}

func (e *exam) brainBeforeHeart() Sign {
	s := e.s
	const t = 0
	sign := Sign{ID: BrainBeforeHeart, Title: "Brain before heart"}
	asIs, opt := e.asIsPlan.Periods[t], e.optPlan.Periods[t]
	pf := s.PeriodFraction()
	ev := &BrainBeforeHeartEvidence{Period: asIs.Label, Heart: asIs.Heart, HealthyHeart: s.Policy.HealthyHeart, Healthy: asIs.Healthy,
		Spend: asIs.Spend / pf, PlanHeart: opt.Heart}
	sign.Evidence = ev
	ev.BrainStaffSpend, ev.BrainToolSpend, ev.BrainFTE = brainSpend(s, e.asIs, t)
	ev.BrainSpend = ev.BrainStaffSpend + ev.BrainToolSpend
	if ev.Spend > 0 {
		ev.BrainShare = ev.BrainSpend / ev.Spend
	}
	for _, fn := range asIs.Functions {
		if fn.Class == string(scenario.Heart) {
			ev.HeartGapFTE += fn.Demand * (1 - fn.Coverage)
		}
	}
	if s.Central.CostPerFTE > 0 {
		ev.HeartFTEForSameMoney = ev.BrainFTE + ev.BrainToolSpend/s.Central.CostPerFTE
	}
	staff, tools, _ := brainSpend(s, e.opt, t)
	ev.PlanBrainSpend = staff + tools
	if opt.Spend > 0 {
		ev.PlanBrainShare = ev.PlanBrainSpend / (opt.Spend / pf)
	}

	sign.Status = OK
	if !ev.Healthy {
		sign.Status = grade(ev.BrainShare, e.th(scenario.BrainSpendWatch), e.th(scenario.BrainSpendAct))
	}
	switch {
	case ev.BrainSpend <= 0 && !ev.Healthy:
		sign.Summary = fmt.Sprintf("nothing goes to the brain today; the heart is at %s, below the healthy %s, and %s FTE short", pct(ev.Heart), pct(ev.HealthyHeart), fte(ev.HeartGapFTE))
	case ev.Healthy:
		sign.Summary = fmt.Sprintf("the heart is healthy today (%s): the brain's %s a year (%s of spend) is earned", pct(ev.Heart), e.money(ev.BrainSpend), pct(ev.BrainShare))
	default:
		sign.Summary = fmt.Sprintf("%s a year (%s of spend: %s brain FTE, %s of tools) goes to the brain while the heart is at %s, below the healthy %s; the same money would pay for %s heart FTE, and the heart is %s FTE short",
			e.money(ev.BrainSpend), pct(ev.BrainShare), fte(ev.BrainFTE), e.money(ev.BrainToolSpend), pct(ev.Heart), pct(ev.HealthyHeart),
			fte(ev.HeartFTEForSameMoney), fte(ev.HeartGapFTE))
	}
	switch {
	case sign.Status == OK && ev.Healthy:
		sign.Remedy = "none needed"
	case sign.Status == OK:
		sign.Remedy = fmt.Sprintf("none for the brain, whose share is below the %s to watch; the optimized plan lifts the heart to %s in %s", pct(e.th(scenario.BrainSpendWatch)), pct(ev.PlanHeart), ev.Period)
	default:
		sign.Remedy = fmt.Sprintf("move the money to the heart first: the optimized plan puts %s a year (%s of spend) on the brain and lifts the heart to %s in %s",
			e.money(ev.PlanBrainSpend), pct(ev.PlanBrainShare), pct(ev.PlanHeart), ev.Period)
	}
	return sign
}

// ---------------------------------------------------------------------------
// 3. lost_local_touch

// LostLocalTouchEvidence looks at the local-locality functions (those that
// need intimate knowledge of local customers) today and in the optimized
// plan.
type LostLocalTouchEvidence struct {
	Functions []string  `json:"functions"` // the local-locality functions
	AsIs      LocalView `json:"as_is"`     // today, in the first period
	Plan      LocalView `json:"plan"`      // the optimized plan's worst period
}

// LocalView is the local-touch picture of one allocation in one period.
type LocalView struct {
	Period string `json:"period"`
	Status string `json:"status"`
	// CentralShare is the share of the staff on local functions who sit in
	// the central team.
	CentralShare float64 `json:"central_share"`
	// Regions gives each region's coverage of its local work (covered
	// demand over demand of the local functions).
	Regions []RegionLocal `json:"regions"`
	// Weakest is the region furthest below the others' average, and Gap how
	// far (0 with one region).
	Weakest string  `json:"weakest"`
	Gap     float64 `json:"gap"`
	// BelowFloor lists "function in region" pairs whose coverage is below
	// the function's floor.
	BelowFloor []string `json:"below_floor"`
}

// RegionLocal is a region's coverage of its local work.
type RegionLocal struct {
	Name     string  `json:"name"`
	Coverage float64 `json:"coverage"`
}

func (e *exam) localView(a *plan.Allocation, t int, fs []int) LocalView {
	s := e.s
	v := LocalView{Period: s.PeriodLabel(t), Regions: []RegionLocal{}, BelowFloor: []string{}}
	var central, all float64
	var short []float64 // how far below its floor each BelowFloor entry is
	for _, f := range fs {
		for r := range s.Regions {
			central += a.Central[f][r][t]
			all += a.Central[f][r][t] + a.Local[f][r][t]
		}
	}
	if all > 0 {
		v.CentralShare = central / all
	}
	for r, reg := range s.Regions {
		var covered, demand float64
		for _, f := range fs {
			d := s.Demand(f, r, t)
			c := plan.Coverage(s, a, f, r, t)
			covered += c * d
			demand += d
			if fn := s.Functions[f]; d > 0 && c < fn.MinCoverage-plan.VerifyTol {
				v.BelowFloor = append(v.BelowFloor, fmt.Sprintf("%s in %s (%s, floor %s)", fn.ID, reg.Name, pct(c), pct(fn.MinCoverage)))
				short = append(short, fn.MinCoverage-c)
			}
		}
		cov := 1.0
		if demand > 0 {
			cov = covered / demand
		}
		v.Regions = append(v.Regions, RegionLocal{Name: reg.Name, Coverage: cov})
	}
	if n := len(v.Regions); n > 1 {
		var sum float64
		for _, rl := range v.Regions {
			sum += rl.Coverage
		}
		for _, rl := range v.Regions {
			if gap := (sum-rl.Coverage)/float64(n-1) - rl.Coverage; gap > v.Gap+1e-6 {
				v.Gap, v.Weakest = gap, rl.Name
			}
		}
	}
	// Worst shortfall first.
	idx := make([]int, len(short))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return short[idx[i]] > short[idx[j]] })
	sorted := make([]string, len(idx))
	for i, k := range idx {
		sorted[i] = v.BelowFloor[k]
	}
	v.BelowFloor = sorted
	v.Status = worse(grade(v.CentralShare, e.th(scenario.LocalCentralShareWatch), e.th(scenario.LocalCentralShareAct)),
		grade(v.Gap, e.th(scenario.RegionGapWatch), e.th(scenario.RegionGapAct)))
	if len(v.BelowFloor) > 0 {
		v.Status = Act
	}
	return v
}

func (e *exam) lostLocalTouch() Sign {
	s := e.s
	sign := Sign{ID: LostLocalTouch, Title: "Losing touch with the local team"}
	var fs []int
	ev := &LostLocalTouchEvidence{Functions: []string{}}
	for f, fn := range s.Functions {
		if fn.Locality == scenario.Local {
			fs = append(fs, f)
			ev.Functions = append(ev.Functions, fn.ID)
		}
	}
	sign.Evidence = ev
	ev.AsIs = e.localView(e.asIs, 0, fs)
	for t := 0; t < s.Periods(); t++ {
		v := e.localView(e.opt, t, fs)
		if t == 0 || rank(v.Status) > rank(ev.Plan.Status) ||
			rank(v.Status) == rank(ev.Plan.Status) && v.CentralShare+v.Gap > ev.Plan.CentralShare+ev.Plan.Gap+1e-12 {
			ev.Plan = v
		}
	}
	if len(fs) == 0 {
		sign.Status = OK
		sign.Summary = "no function is local-locality: there is no local work to lose touch with"
		sign.Remedy = "none needed"
		return sign
	}
	sign.Status = worse(ev.AsIs.Status, ev.Plan.Status)
	describe := func(what string, v LocalView) string {
		var b strings.Builder
		fmt.Fprintf(&b, "%s (%s): %s of local-function staff central", what, v.Period, pct(v.CentralShare))
		if v.Weakest != "" && v.Gap >= 0.001 {
			fmt.Fprintf(&b, ", %s covers %s of its local work, %s below the other regions", v.Weakest, pct(coverageOf(v, v.Weakest)), pts(v.Gap))
		}
		switch n := len(v.BelowFloor); {
		case n == 1:
			fmt.Fprintf(&b, ", below its floor: %s", v.BelowFloor[0])
		case n > 1:
			fmt.Fprintf(&b, ", %d local functions below their floor (worst: %s)", n, v.BelowFloor[0])
		}
		return b.String()
	}
	sign.Summary = describe("today", ev.AsIs) + "; " + describe("plan", ev.Plan)
	switch {
	case sign.Status == OK:
		sign.Remedy = "none needed"
	case rank(ev.Plan.Status) >= rank(ev.AsIs.Status) && s.Policy.CentralShare.Min > 0 &&
		rank(grade(ev.Plan.CentralShare, e.th(scenario.LocalCentralShareWatch), e.th(scenario.LocalCentralShareAct))) > 0:
		sign.Remedy = fmt.Sprintf("the plan's own limits push local work to the center: lower policy.central_share.min (now %s) so that the regions staff their local functions", pct(s.Policy.CentralShare.Min))
	case rank(ev.Plan.Status) >= rank(ev.AsIs.Status):
		sign.Remedy = fmt.Sprintf("the optimized plan itself leaves %s %s behind the other regions (%s): the budget or the limits bind; add budget or floors (min_coverage) on the local functions",
			orNone(ev.Plan.Weakest), pts(ev.Plan.Gap), ev.Plan.Period)
	default:
		var parts []string
		if rank(grade(ev.AsIs.CentralShare, e.th(scenario.LocalCentralShareWatch), e.th(scenario.LocalCentralShareAct))) > 0 {
			parts = append(parts, fmt.Sprintf("has %s of local-function staff central (today %s)", pct(ev.Plan.CentralShare), pct(ev.AsIs.CentralShare)))
		}
		if w := ev.AsIs.Weakest; w != "" && (ev.AsIs.Gap >= e.th(scenario.RegionGapWatch) || len(ev.AsIs.BelowFloor) > 0) {
			parts = append(parts, fmt.Sprintf("lifts %s from %s to %s of its local work (%s)", w, pct(coverageOf(ev.AsIs, w)), pct(coverageOf(ev.Plan, w)), ev.Plan.Period))
		}
		if len(ev.AsIs.BelowFloor) > 0 {
			parts = append(parts, "meets every floor")
		}
		sign.Remedy = "give the local work back to the regions: the optimized plan " + strings.Join(parts, ", ")
	}
	return sign
}

func coverageOf(v LocalView, name string) float64 {
	for _, r := range v.Regions {
		if r.Name == name {
			return r.Coverage
		}
	}
	return 0
}

func orNone(s string) string {
	if s == "" {
		return "the local work"
	}
	return s
}

// pts writes a difference of fractions in percentage points.
func pts(x float64) string { return fmt.Sprintf("%.1f points", 100*x) }

// ---------------------------------------------------------------------------
// 4. shrinking_budget

// ShrinkingBudgetEvidence compares the budget's trajectory with the heart
// demand's, and says when the optimized heart stops being healthy and what
// budget would keep it healthy.
type ShrinkingBudgetEvidence struct {
	FirstPeriod string  `json:"first_period"`
	LastPeriod  string  `json:"last_period"`
	BudgetFirst float64 `json:"budget_first"` // per period
	BudgetLast  float64 `json:"budget_last"`
	// BudgetChange, HeartDemandChange and Squeeze are per year, compounded:
	// the budget's, the heart demand's (FTE) and the budget per FTE of heart
	// demand's.
	BudgetChange      float64 `json:"budget_change"`
	HeartDemandFirst  float64 `json:"heart_demand_first"`
	HeartDemandLast   float64 `json:"heart_demand_last"`
	HeartDemandChange float64 `json:"heart_demand_change"`
	Squeeze           float64 `json:"squeeze"`
	Shrinking         bool    `json:"shrinking"` // the budget falls while heart demand grows
	// FirstUnhealthy is the first period in which the optimized heart is
	// below healthy ("" when it never is), and Heart its heart there.
	FirstUnhealthy string  `json:"first_unhealthy"`
	Heart          float64 `json:"heart"`
	// HealthyBudget is the budget case for a healthy heart in every period
	// (computed when the budget shrinks), or null.
	HealthyBudget *plan.BudgetCaseResult `json:"healthy_budget"`
}

func (e *exam) shrinkingBudget(ctx context.Context) (Sign, error) {
	s := e.s
	sign := Sign{ID: ShrinkingBudget, Title: "Shrinking budget"}
	last := s.Periods() - 1
	heartDemand := func(t int) float64 {
		var d float64
		for f, fn := range s.Functions {
			if fn.Class == scenario.Heart {
				for r := range s.Regions {
					d += s.Demand(f, r, t)
				}
			}
		}
		return d
	}
	ev := &ShrinkingBudgetEvidence{
		FirstPeriod: s.PeriodLabel(0), LastPeriod: s.PeriodLabel(last),
		BudgetFirst: s.PeriodBudget(0), BudgetLast: s.PeriodBudget(last),
		HeartDemandFirst: heartDemand(0), HeartDemandLast: heartDemand(last),
	}
	sign.Evidence = ev
	for _, per := range e.optPlan.Periods {
		if !per.Healthy {
			ev.FirstUnhealthy, ev.Heart = per.Label, per.Heart
			break
		}
	}
	years := float64(last) * s.PeriodFraction()
	perYear := func(first, last float64) float64 {
		if years == 0 || first <= 0 || last <= 0 {
			return 0
		}
		return math.Pow(last/first, 1/years) - 1
	}
	ev.BudgetChange = perYear(ev.BudgetFirst, ev.BudgetLast)
	ev.HeartDemandChange = perYear(ev.HeartDemandFirst, ev.HeartDemandLast)
	if ev.HeartDemandFirst > 0 && ev.HeartDemandLast > 0 {
		ev.Squeeze = perYear(ev.BudgetFirst/ev.HeartDemandFirst, ev.BudgetLast/ev.HeartDemandLast)
	}
	const rel = 1e-9
	ev.Shrinking = ev.BudgetLast < ev.BudgetFirst*(1-rel) && ev.HeartDemandLast > ev.HeartDemandFirst*(1+rel)
	sign.Summary = fmt.Sprintf("the budget goes from %s to %s %s (%+.1f%% a year) while heart demand goes from %s to %s FTE (%+.1f%% a year)",
		e.money(ev.BudgetFirst), e.money(ev.BudgetLast), e.periodLabel, 100*ev.BudgetChange, fte(ev.HeartDemandFirst), fte(ev.HeartDemandLast), 100*ev.HeartDemandChange)
	if last == 0 {
		sign.Summary = "one period: the budget has no trajectory"
	}
	if !ev.Shrinking {
		sign.Status = OK
		sign.Remedy = "none needed"
		return sign, nil
	}
	bc, err := plan.BudgetCase(ctx, s, e.lp, s.Policy.HealthyHeart, 0)
	if err != nil {
		return sign, err
	}
	ev.HealthyBudget = bc
	if ev.FirstUnhealthy != "" {
		sign.Status = Act
		sign.Summary += fmt.Sprintf("; the optimized heart falls below healthy in %s (%s)", ev.FirstUnhealthy, pct(ev.Heart))
	} else {
		sign.Status = grade(-ev.Squeeze, e.th(scenario.BudgetSqueezeWatch), math.Inf(1))
		sign.Summary += fmt.Sprintf("; the optimized heart stays healthy through %s", ev.LastPeriod)
	}
	switch {
	case !bc.Feasible:
		sign.Remedy = "no budget keeps the heart healthy in every period: the floors, hiring limits, central share or headcount cap stand in the way (see `cardio plan`)"
	case bc.Scale <= 1 && bc.Annual != nil:
		sign.Remedy = fmt.Sprintf("keep at least %s a year on this trajectory (%.1f%% below today's %s): below that the heart stops being healthy", e.money(*bc.Annual), 100*(1-bc.Scale), e.money(s.Budget.Annual))
	case bc.Scale <= 1:
		sign.Remedy = fmt.Sprintf("keep every period's budget at least %.1f%% of today's: below that the heart stops being healthy", 100*bc.Scale)
	case bc.Annual != nil:
		sign.Remedy = fmt.Sprintf("%s a year on the same trajectory (%.1f%% more than today's %s) keeps the heart healthy in every period; %s", e.money(*bc.Annual), 100*(bc.Scale-1), e.money(s.Budget.Annual), e.budgetAdvice(bc))
	default:
		sign.Remedy = fmt.Sprintf("every period's budget %.1f%% higher keeps the heart healthy in every period; %s", 100*(bc.Scale-1), e.budgetAdvice(bc))
	}
	return sign, nil
}

// budgetAdvice names the period whose least spend is furthest above its
// budget, the one that sets the scale.
func (e *exam) budgetAdvice(bc *plan.BudgetCaseResult) string {
	worst, over := 0, math.Inf(-1)
	for t, per := range bc.Periods {
		if b := e.s.PeriodBudget(t); b > 0 && per.Spend/b-1 > over {
			worst, over = t, per.Spend/b-1
		}
	}
	per := bc.Periods[worst]
	return fmt.Sprintf("in %s the heart needs %s of spend, %.1f%% above the budget of %s", per.Label, e.money(per.Spend), 100*over, e.money(e.s.PeriodBudget(worst)))
}
