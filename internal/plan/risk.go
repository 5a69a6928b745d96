package plan

import (
	"cmp"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Limits of a risk run (docs/risk.md).
const (
	DefaultRiskSamples = 1000
	MaxRiskSamples     = 100000
)

// ErrNoUncertainty means risk was asked of a scenario without ranges.
var ErrNoUncertainty = errors.New("plan: the scenario has no ranges")

// RiskOptions are the settings of a risk run.
type RiskOptions struct {
	Samples int    // draws; DefaultRiskSamples when 0
	Seed    uint64 // draw i uses a PCG seeded with (Seed, i)
	Workers int    // goroutines; runtime.GOMAXPROCS(0) when <= 0
	// Progress, if not nil, is called after each plan with the number
	// done, one call at a time.
	Progress func(done, total int)
	// Heart and Confidence ask for a goal seek (RiskGoal) when Confidence
	// is above 0.
	Heart, Confidence float64
	// By is the period RiskResult.RolledPeriods rolls up to, as RollUpBy
	// names it: month, quarter or year, "" for quarters from months.
	By string
}

// RiskResult is a Monte Carlo run of a scenario with ranges: every draw
// is a full optimized plan. Fractions are 0..1, money in the currency.
type RiskResult struct {
	Scenario     string  `json:"scenario"`
	Currency     string  `json:"currency"`
	Period       string  `json:"period"`
	HealthyHeart float64 `json:"healthy_heart"`
	// HealthyDrawn says policy.healthy_heart is itself a range: each draw
	// is healthy at its own threshold, HealthyHeart being the central one.
	HealthyDrawn bool        `json:"healthy_drawn,omitempty"`
	Samples      int         `json:"samples"`
	Seed         uint64      `json:"seed"`
	Inputs       []RiskInput `json:"inputs"`
	// Periods are percentiles over the draws with a plan.
	Periods []RiskPeriod `json:"periods"`
	// RolledPeriods are the percentiles of the draws' periods rolled up
	// to RolledBy (a monthly plan's quarters) as Plan.RollUp rolls them,
	// each draw's rolled up first: the P50 of a quarter's heart is the
	// median over the draws of the mean of its months. For the table
	// views; nil when nothing rolls up, and not in the JSON contract,
	// which carries every period.
	RolledPeriods []RiskPeriod `json:"-"`
	RolledBy      string       `json:"-"`
	// RolledGroups holds, for each of Periods, the label of the group
	// of RolledPeriods it falls in, for the fan chart's period axis; nil
	// when nothing rolls up.
	RolledGroups []string `json:"-"`
	// HealthyAll is the share of all draws whose plan has a healthy heart
	// in every period (a draw without a plan is not healthy).
	HealthyAll float64 `json:"healthy_all"`
	// Planned counts the draws with a plan; Infeasible, Invalid (the
	// loader refuses the drawn values) and Errors (a solve failed) the
	// others.
	Planned    int `json:"planned"`
	Infeasible int `json:"infeasible"`
	Invalid    int `json:"invalid"`
	Errors     int `json:"errors"`
	// Reason is the most common reason a draw is infeasible, nil when none is.
	Reason  *RiskReason  `json:"reason,omitempty"`
	Tornado []TornadoBar `json:"tornado"`
	Goal    *RiskGoal    `json:"goal,omitempty"`
}

// RiskInput is an uncertain input and the values of its 10th and 90th
// percentiles, the ends of its tornado bar.
type RiskInput struct {
	scenario.Uncertain
	P10 float64 `json:"p10"`
	P90 float64 `json:"p90"`
}

// Quantiles are the 10th, 50th and 90th percentiles of a figure over the
// draws: the smallest value with at least that share of the draws at or
// below it (nearest rank), so each is the figure of some draw.
type Quantiles struct {
	P10 float64 `json:"p10"`
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
}

// RiskPeriod is one period over the draws.
type RiskPeriod struct {
	Label        string    `json:"label"`
	Heart        Quantiles `json:"heart"`
	Brain        Quantiles `json:"brain"`
	Spend        Quantiles `json:"spend"`
	Unspent      Quantiles `json:"unspent"`
	CentralShare Quantiles `json:"central_share"`
	// Healthy is the share of all draws healthy in this period.
	Healthy float64 `json:"healthy"`
}

// RiskReason is the most common reason draws are infeasible: the first
// finding of the draw's plan, grouped by kind and subject; Count draws
// have it, and Finding is the first such draw's.
type RiskReason struct {
	Count   int     `json:"count"`
	Finding Finding `json:"finding"`
}

// TornadoBar is the swing of the mean heart and brain over the periods as
// one input goes from its P10 to its P90, the others at their central
// values. A plan that is infeasible at an end has status infeasible there
// and zero scores.
type TornadoBar struct {
	Path       string  `json:"path"`
	Low        float64 `json:"low"`  // the input's P10
	High       float64 `json:"high"` // the input's P90
	HeartLow   float64 `json:"heart_low"`
	HeartHigh  float64 `json:"heart_high"`
	BrainLow   float64 `json:"brain_low"`
	BrainHigh  float64 `json:"brain_high"`
	StatusLow  string  `json:"status_low"`
	StatusHigh string  `json:"status_high"`
}

// Swing is the bar's heart swing, |HeartHigh - HeartLow|, exact (CSV
// prints it so).
func (b TornadoBar) Swing() float64 { return math.Abs(b.HeartHigh - b.HeartLow) }

// BrainSwing is the bar's brain swing, exact.
func (b TornadoBar) BrainSwing() float64 { return math.Abs(b.BrainHigh - b.BrainLow) }

// HeartSwingShown is the bar's heart swing as every view prints it, as a
// fraction, and the decimals of a percentage it prints with: the
// difference of its two ends as they are printed beside it, each read
// against the healthy heart (HeartShownBelowAgainst: below it rounded
// down to a tenth, else to the nearest tenth, or at the threshold's
// decimals where a tenth would read below it), taken at the finer of
// their decimals (ShownDifference), so that a reader who subtracts the
// ends finds the swing. In earlier versions it was the exact difference
// rounded: at $5.4M the central cost per FTE moved the mean heart from
// 89.938% to 87.998%, printed 89.9% and 87.9% beside a swing of "1.9
// points".
func (b TornadoBar) HeartSwingShown(healthy float64) (float64, int) {
	lo, dl := HeartShownBelowAgainst(b.HeartLow, healthy)
	hi, dh := HeartShownBelowAgainst(b.HeartHigh, healthy)
	d, places := ShownDifference(lo, dl, hi, dh)
	return math.Abs(d), places
}

// BrainSwingTenths is the bar's brain swing as printed: the difference of
// its ends, each to the nearest tenth of a point.
func (b TornadoBar) BrainSwingTenths() float64 {
	return math.Abs(math.Round(1000*b.BrainHigh) - math.Round(1000*b.BrainLow))
}

// sortTornado puts the widest heart swing first, then the widest brain
// swing; ties keep the file's order. Swings are compared as they are
// printed (HeartSwingShown against the healthy heart, BrainSwingTenths),
// so the printed swings never rise down the table: where the heart is
// held at the healthy line, its swing is round-off of the plans' held
// optima (a few millionths), and compared in full it ordered the bars by
// that noise, a bar whose brain swings 17.8 points above one that swings
// 18.6 with both hearts at "0.0 points".
func sortTornado(bars []TornadoBar, healthy float64) {
	slices.SortStableFunc(bars, func(a, b TornadoBar) int {
		bh, _ := b.HeartSwingShown(healthy)
		ah, _ := a.HeartSwingShown(healthy)
		if c := cmp.Compare(bh, ah); c != 0 {
			return c
		}
		return cmp.Compare(b.BrainSwingTenths(), a.BrainSwingTenths())
	})
}

// draw is one draw's plan, kept for the percentiles.
type draw struct {
	status  string
	finding *Finding
	periods []Period // nil without a plan
	healthy bool
}

// RiskDraws are the values of draw i of inputs: input j is
// inputs[j].Dist.Quantile(u_j), u_j the j-th number in (0, 1) of a PCG
// seeded with (seed, i). A draw depends on its seed and index only, so a
// run is the same whatever the workers and whichever draws run first, and
// the same draw (common random numbers) at every budget of a goal seek.
func RiskDraws(inputs []scenario.Uncertain, seed uint64, i int) []float64 {
	vals := riskUniforms(len(inputs), seed, i)
	for j, in := range inputs {
		vals[j] = in.Dist.Quantile(vals[j])
	}
	return vals
}

// riskUniforms are the k numbers in (0, 1) of draw i: the middles of
// one of 2^53 equal cells, never 0 or 1, where a quantile may be an open
// bound of the key's range.
func riskUniforms(k int, seed uint64, i int) []float64 {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	u := make([]float64, k)
	for j := range u {
		u[j] = (float64(r.Uint64()>>11) + 0.5) / (1 << 53)
	}
	return u
}

// riskOrder is the order in which the chains plan draws 0..n-1 of k
// inputs: along a Z-order (Morton) curve over the draws' uniforms, so that
// the draws next to each other in a chain are close in every input and
// each plan is a nearer start for the next (on the typical scenario's
// draws, 10% less work than in the order drawn). It depends on the seed
// and n only, never on the workers; ties keep the order drawn.
func riskOrder(k int, seed uint64, n int) []int {
	bits := 1
	if k > 0 {
		bits = min(16, max(1, 63/k))
	}
	dims := min(k, 63/bits)
	keys := make([]uint64, n)
	order := make([]int, n)
	cells := float64(uint64(1) << bits)
	for i := range n {
		order[i] = i
		u := riskUniforms(k, seed, i)
		var key uint64
		for b := bits - 1; b >= 0; b-- {
			for _, x := range u[:dims] {
				key = key<<1 | uint64(x*cells)>>b&1
			}
		}
		keys[i] = key
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	return order
}

// Risk plans opt.Samples draws of the uncertain inputs of doc (its
// overrides already set) and sums them up (RiskResult). Draws run in
// chains of SweepChain, consecutive along riskOrder, each draw
// warm-started from the one before and each chain from the central
// scenario's plan, as a sweep's points: the chains are fixed, so the
// result is the same for any number of workers.
func Risk(ctx context.Context, doc *scenario.Doc, lp solve.LPSolver, opt RiskOptions) (*RiskResult, error) {
	s, diags := doc.Decode()
	if s == nil {
		return nil, diags
	}
	if len(s.Uncertain) == 0 {
		return nil, ErrNoUncertainty
	}
	n := opt.Samples
	if n <= 0 {
		n = DefaultRiskSamples
	}
	if n > MaxRiskSamples {
		n = MaxRiskSamples
	}
	defer raiseGC()()
	res := &RiskResult{
		Scenario: s.Name, Currency: s.Currency, Period: string(s.Horizon.Period), HealthyHeart: s.Policy.HealthyHeart,
		Samples: n, Seed: opt.Seed,
	}
	for _, u := range s.Uncertain {
		res.Inputs = append(res.Inputs, RiskInput{Uncertain: u, P10: u.Dist.Quantile(0.1), P90: u.Dist.Quantile(0.9)})
		res.HealthyDrawn = res.HealthyDrawn || u.Path == "policy.healthy_heart"
	}
	base, central := centralPlanner(ctx, s, lp)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A draw at the central values is the scenario itself: it takes the
	// central plan, which is cardio plan's (a warm re-plan may differ from
	// it in the last digits where the optimum is held to a tolerance).
	var atCentral *draw
	if central != nil {
		atCentral = &draw{status: central.Status}
		if central.Status == StatusInfeasible {
			if len(central.Findings) > 0 {
				atCentral.finding = &central.Findings[0]
			}
		} else {
			atCentral.periods, atCentral.healthy = central.Periods, central.Totals.HealthyAll
		}
	}
	plan := func(pl *drawPlanner, inputs []scenario.Uncertain, vals []float64) (draw, error) {
		if atCentral != nil && isCentral(inputs, vals) {
			return *atCentral, nil
		}
		return planDraw(ctx, pl, doc, inputs, vals)
	}
	draws := make([]draw, n)
	bars := make([]TornadoBar, len(res.Inputs))
	for j, in := range res.Inputs {
		bars[j] = TornadoBar{Path: in.Path, Low: in.P10, High: in.P90}
	}
	order := riskOrder(len(s.Uncertain), opt.Seed, n)
	chains := (n + SweepChain - 1) / SweepChain
	total := n + 2*len(bars)
	var (
		mu   sync.Mutex
		done int
	)
	tick := func() {
		if opt.Progress != nil {
			mu.Lock()
			done++
			opt.Progress(done, total)
			mu.Unlock()
		}
	}
	// Items 0..chains-1 are chains of draws; then one item per end of
	// each tornado bar, planned from the central plan.
	err := ParallelFor(ctx, chains+2*len(bars), opt.Workers, func(k int) error {
		pl := base
		if k >= chains {
			j, high := (k-chains)/2, (k-chains)%2 == 1
			b := &bars[j]
			v := b.Low
			if high {
				v = b.High
			}
			d, err := plan(&pl, []scenario.Uncertain{res.Inputs[j].Uncertain}, []float64{v})
			if err != nil {
				return err
			}
			var heart, brain float64
			if d.periods != nil {
				heart, brain = meanScores(d.periods)
			}
			if high {
				b.HeartHigh, b.BrainHigh, b.StatusHigh = heart, brain, d.status
			} else {
				b.HeartLow, b.BrainLow, b.StatusLow = heart, brain, d.status
			}
			tick()
			return nil
		}
		for _, i := range order[k*SweepChain : min(n, (k+1)*SweepChain)] {
			d, err := plan(&pl, s.Uncertain, RiskDraws(s.Uncertain, opt.Seed, i))
			if err != nil {
				return err
			}
			draws[i] = d
			tick()
		}
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	summarize(res, s, draws)
	if groups, kind := GroupsBy(s, opt.By); groups != nil {
		spans := Spans(groups, s.GroupSize(kind), string(s.Horizon.Period))
		res.RolledPeriods, res.RolledBy, res.RolledGroups = rolledRisk(draws, spans), string(kind), groups
	}
	sortTornado(bars, res.HealthyHeart)
	res.Tornado = bars
	if opt.Confidence > 0 {
		if res.Goal, err = riskGoal(ctx, doc, s, opt, base); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// planDraw plans doc with each input set to its value, started from pl.
// A draw the loader refuses is invalid, one whose solve fails an error;
// only a cancelled context is an error.
func planDraw(ctx context.Context, pl *drawPlanner, doc *scenario.Doc, inputs []scenario.Uncertain, vals []float64) (draw, error) {
	s, err := drawScenario(ctx, doc, inputs, vals)
	if err != nil {
		return draw{}, err
	}
	if s == nil {
		return draw{status: StatusInvalid}, nil
	}
	p, _, err := pl.Optimize(ctx, s)
	if err != nil {
		if ctx.Err() != nil {
			return draw{}, ctx.Err()
		}
		return draw{status: StatusError}, nil
	}
	out := draw{status: p.Status}
	if p.Status == StatusInfeasible {
		if len(p.Findings) > 0 {
			out.finding = &p.Findings[0]
		}
		return out, nil
	}
	out.periods, out.healthy = p.Periods, p.Totals.HealthyAll
	return out, nil
}

// drawPlanner is the Planner of a chain of draws. After each plan it
// keeps, for the next, the bases of the stages that search the integers,
// and nothing else:
//
//   - It forgets the bases of the stages that fix the integers
//     (solve.Objective's FixIntegers): such a stage is one LP with the
//     integers at this plan's values, which its stage before ends on an
//     optimal basis of; a neighbour's basis, made for the neighbour's
//     integers and numbers, is a worse start (on the typical scenario's
//     draws, 160 simplex iterations a plan against 20, and 12% of a run's
//     time).
//   - It forgets every stage's point, which the next draw would offer its
//     branch and bound as a first incumbent (solve.Stage). Made for other
//     numbers, the point nearly always breaks a row of the next draw, and
//     its repair is an LP solve with the integers fixed, in every stage of
//     every draw: forgetting it makes BenchmarkRisk1000 faster, and the
//     bundled example's risk gives the same bytes (docs/performance.md).
//
// The optima are the same.
type drawPlanner struct {
	Planner
	// fixed[k] says stage k fixes the integers.
	fixed []bool
	// need and first are where the next needBound and reachesSurely start.
	need, first []solve.Stage
}

// newDrawPlanner returns a drawPlanner on lp for scenarios of s's shape.
func newDrawPlanner(s *scenario.Scenario, lp solve.LPSolver) drawPlanner {
	// Many small plans: each stage extends the first one's matrix
	// (solve.Options.ExtendStages). A draw differs from its neighbour in
	// several inputs at once, and does better from the neighbour's
	// incumbent than from its root relaxation (IncumbentStarts).
	dp := drawPlanner{Planner: Planner{LP: lp, Opt: solve.Options{ExtendStages: true, IncumbentStarts: true}}}
	if model.CheckSize(s) == nil {
		for _, o := range model.Build(s).Objectives() {
			dp.fixed = append(dp.fixed, o.FixIntegers)
		}
	}
	return dp
}

// Optimize is Planner.Optimize, the next start with the bases of the
// stages that search the integers only.
func (dp *drawPlanner) Optimize(ctx context.Context, s *scenario.Scenario) (*Plan, *Allocation, error) {
	p, a, err := dp.Planner.Optimize(ctx, s)
	dp.keepBases()
	return p, a, err
}

// keepBases drops from the planner's start the points of all stages and
// the bases of the stages that fix the integers. The stages are copied:
// copies of a planner share them.
func (dp *drawPlanner) keepBases() {
	if len(dp.last) == 0 {
		return
	}
	last := slices.Clone(dp.last)
	for k := range last {
		last[k].X = nil
		if k < len(dp.fixed) && dp.fixed[k] {
			last[k].Basis = nil
		}
	}
	dp.last = last
}

// isCentral reports whether every value is its input's central value.
func isCentral(inputs []scenario.Uncertain, vals []float64) bool {
	for j, in := range inputs {
		if vals[j] != in.Dist.Central() {
			return false
		}
	}
	return true
}

// meanScores are the mean heart and brain over the periods, as
// Totals.HeartMean and BrainMean.
func meanScores(periods []Period) (heart, brain float64) {
	for _, per := range periods {
		heart += per.Heart
		brain += per.Brain
	}
	k := float64(max(1, len(periods)))
	return heart / k, brain / k
}

// summarize fills the percentiles of each period, the shares of healthy
// draws and the counts of draws without a plan.
func summarize(res *RiskResult, s *scenario.Scenario, draws []draw) {
	all := 0
	reasons := map[string]*RiskReason{}
	var order []string
	for _, d := range draws {
		switch d.status {
		case StatusInfeasible:
			res.Infeasible++
			if d.finding != nil {
				key := reasonKey(d.finding)
				if reasons[key] == nil {
					reasons[key] = &RiskReason{Finding: *d.finding}
					order = append(order, key)
				}
				reasons[key].Count++
			}
			continue
		case StatusInvalid:
			res.Invalid++
			continue
		case StatusError:
			res.Errors++
			continue
		}
		res.Planned++
		if d.healthy {
			all++
		}
	}
	res.HealthyAll = float64(all) / float64(len(draws))
	labels := make([]string, s.Periods())
	for t := range labels {
		labels[t] = s.PeriodLabel(t)
	}
	res.Periods = riskPeriods(draws, labels)
	// The most common reason; on a tie, the one seen first.
	for _, key := range order {
		if res.Reason == nil || reasons[key].Count > res.Reason.Count {
			res.Reason = reasons[key]
		}
	}
}

// riskPeriods are the percentiles of each period over the draws with a
// plan, and the share of all draws healthy in it; labels name the periods.
func riskPeriods(draws []draw, labels []string) []RiskPeriod {
	type figures struct{ heart, brain, spend, unspent, share []float64 }
	per := make([]figures, len(labels))
	healthy := make([]int, len(labels))
	for _, d := range draws {
		for t, p := range d.periods {
			f := &per[t]
			f.heart = append(f.heart, p.Heart)
			f.brain = append(f.brain, p.Brain)
			f.spend = append(f.spend, p.Spend)
			f.unspent = append(f.unspent, p.Unspent)
			f.share = append(f.share, p.CentralShare)
			if p.Healthy {
				healthy[t]++
			}
		}
	}
	n := float64(len(draws))
	out := make([]RiskPeriod, len(labels))
	for t, f := range per {
		out[t] = RiskPeriod{
			Label: labels[t],
			Heart: quantiles(f.heart), Brain: quantiles(f.brain), Spend: quantiles(f.spend),
			Unspent: quantiles(f.unspent), CentralShare: quantiles(f.share),
			Healthy: float64(healthy[t]) / n,
		}
	}
	return out
}

// rolledRisk is the percentiles of the draws' periods rolled up over
// spans, each draw's rolled up first (as Plan.RollUp rolls a plan), and
// the spans' labels naming them.
func rolledRisk(draws []draw, spans []Span) []RiskPeriod {
	labels := make([]string, len(spans))
	for k, g := range spans {
		labels[k] = g.Label
	}
	rolled := make([]draw, len(draws))
	for i, d := range draws {
		if d.periods == nil || spans[len(spans)-1].End != len(d.periods) {
			continue // no plan (a horizon is never drawn: the lengths agree)
		}
		rolled[i].periods = make([]Period, len(spans))
		for k, g := range spans {
			rolled[i].periods[k] = rollPeriods(g.Label, d.periods[g.Start:g.End])
		}
	}
	return riskPeriods(rolled, labels)
}

// reasonKey groups findings by what they are about: the kind and the
// constraint to change, not the amounts, which vary by draw.
func reasonKey(f *Finding) string {
	key := f.Kind + "|" + f.Function + "|" + f.Region + "|" + f.Team + "|" + f.Investment
	if f.Change != nil {
		key += "|" + f.Change.Kind + "|" + f.Change.ID
	}
	return key
}

// quantiles are the nearest-rank P10, P50 and P90 of xs (zeros when xs
// is empty). xs is sorted in place.
func quantiles(xs []float64) Quantiles {
	if len(xs) == 0 {
		return Quantiles{}
	}
	slices.Sort(xs)
	at := func(p float64) float64 {
		k := int(math.Ceil(p*float64(len(xs))-1e-9)) - 1
		return xs[min(len(xs)-1, max(0, k))]
	}
	return Quantiles{P10: at(0.1), P50: at(0.5), P90: at(0.9)}
}
