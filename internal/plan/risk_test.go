package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// typicalRanges are five uncertain inputs of the typical scenario, as the
// issue's benchmark asks: the yearly budget change, sellers, seller
// growth, a function's demand and the central cost of an FTE.
var typicalRanges = []string{
	"budget.change_per_year={low: -0.12, mode: -0.05, high: 0}",
	"regions[North America].sellers={low: 380, mode: 420, high: 470}",
	"regions[EMEA].seller_growth_per_year={mean: 0.05, sd: 0.04}",
	"functions[sales_support].fte_per_100_sellers={uniform: [1.5, 2.5]}",
	"central.cost_per_fte={low: 140000, mode: 150000, high: 175000}",
}

// riskDoc parses a scenario document with the overrides set, and checks
// it loads.
func riskDoc(t testing.TB, name string, data []byte, sets ...string) *scenario.Doc {
	t.Helper()
	doc, err := scenario.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if err := doc.SetOverride(s); err != nil {
			t.Fatal(err)
		}
	}
	if _, diags := doc.Decode(); diags.HasErrors() {
		t.Fatal(diags)
	}
	return doc
}

func riskFile(t testing.TB, file string, sets ...string) *scenario.Doc {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return riskDoc(t, file, data, sets...)
}

// oneFunction is a single heart function, local, in one region, for one
// year: its demand is sellers/100 FTE, and $1M buys 10 local FTE (central
// staff costs ten times more and is never chosen). Its heart is
// min(1, 1000/sellers), healthy (>= 0.9) while sellers <= 1000/0.9.
const oneFunction = `horizon: {start: 2027, periods: 1}
catalog: none
budget: {annual: 1000000}
policy: {healthy_heart: 0.9}
central: {cost_per_fte: 1000000}
regions:
  - {name: A, sellers: {uniform: [800, 1400]}, cost_per_fte: 100000}
functions:
  - {id: ops, class: heart, locality: local, fte_per_100_sellers: 1}
`

// The chance of a healthy heart with sellers uniform on [800, 1400] is
// (1000/0.9 - 800) / 600 in closed form; the run's share is exactly the
// share of its drawn sellers below the threshold, and within sampling
// error of the closed form. The median heart is the closed form at the
// median draw.
func TestRiskHandComputed(t *testing.T) {
	doc := riskDoc(t, "one.yaml", []byte(oneFunction))
	const n = 400
	res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: n, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := doc.Decode()
	threshold := 1000 / 0.9
	var sellers []float64
	healthy := 0
	for i := range n {
		x := RiskDraws(s.Uncertain, 7, i)[0]
		sellers = append(sellers, x)
		if x <= threshold {
			healthy++
		}
	}
	if got, want := res.HealthyAll, float64(healthy)/n; got != want {
		t.Errorf("healthy share %v, want the draws' %v", got, want)
	}
	p := (threshold - 800) / 600
	if se := math.Sqrt(p * (1 - p) / n); math.Abs(res.HealthyAll-p) > 4*se {
		t.Errorf("healthy share %v, closed form %v (4 standard errors %v)", res.HealthyAll, p, 4*se)
	}
	slices.Sort(sellers)
	// The heart falls as sellers rise: its P50 is at the 200th draw from
	// the top, sellers' 201st (nearest rank on the hearts' ascending order).
	want := math.Min(1, 1000/sellers[n-n/2])
	// Within the tolerance the plan's stages hold their optima to.
	tol := ScoreTol(1)
	if got := res.Periods[0].Heart.P50; math.Abs(got-want) > tol {
		t.Errorf("heart P50 %v, want %v", got, want)
	}
	if res.Planned != n || res.Infeasible != 0 || len(res.Tornado) != 1 {
		t.Errorf("planned %d, infeasible %d, tornado %+v", res.Planned, res.Infeasible, res.Tornado)
	}
	// The tornado's ends are the closed form at sellers' P10 and P90.
	b := res.Tornado[0]
	if math.Abs(b.Low-860) > 1e-9 || math.Abs(b.High-1340) > 1e-9 ||
		math.Abs(b.HeartLow-math.Min(1, 1000/860.0)) > tol || math.Abs(b.HeartHigh-1000/1340.0) > tol {
		t.Errorf("tornado %+v", b)
	}
}

// The goal seek's figure is the confidence quantile of the draws' least
// budgets (0.9 * sellers/100 FTE at $100k: $900 a seller), rounded up as
// printed; re-planning every draw at the printed figure reaches the
// confidence, and a printed step below it does not.
func TestRiskGoalSeek(t *testing.T) {
	doc := riskDoc(t, "one.yaml", []byte(oneFunction))
	const n = 200
	opt := RiskOptions{Samples: n, Seed: 3, Heart: 0.9, Confidence: 0.8}
	res, err := Risk(context.Background(), doc, solve.Revised{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Goal
	if g == nil || !g.Reachable {
		t.Fatalf("goal %+v", g)
	}
	s, _ := doc.Decode()
	var needs []float64
	for i := range n {
		needs = append(needs, 900*RiskDraws(s.Uncertain, 3, i)[0])
	}
	slices.Sort(needs)
	if want := CeilMoney(needs[int(0.8*n)-1]); g.Annual != want {
		t.Errorf("annual %v, want %v", g.Annual, want)
	}
	reached, err := RiskReached(context.Background(), doc, solve.Revised{}, opt, g.Annual)
	if err != nil || reached < 0.8 || reached != g.Reached {
		t.Errorf("at the printed %v: reached %v (goal says %v), %v", g.Annual, reached, g.Reached, err)
	}
	below, err := RiskReached(context.Background(), doc, solve.Revised{}, opt, g.Annual-MoneyStep(g.Annual))
	if err != nil || below >= 0.8 {
		t.Errorf("a step below %v: reached %v, %v", g.Annual, below, err)
	}
}

// The same seed gives the same result, byte for byte, on any number of
// workers; another seed gives another.
func TestRiskSameOnAnyNumberOfWorkers(t *testing.T) {
	doc := riskFile(t, "../../scenarios/baseline.yaml",
		"regions[EMEA].sellers={low: 200, mode: 260, high: 340}",
		"budget.annual={mean: 6200000, sd: 400000}",
		"central.cost_per_fte={uniform: [130000, 170000]}")
	run := func(workers int, seed uint64) []byte {
		res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 20, Seed: seed, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	one := run(1, 11)
	for _, w := range []int{2, 3} {
		if got := run(w, 11); !bytes.Equal(got, one) {
			t.Errorf("%d workers differ from 1:\n%s\n%s", w, got, one)
		}
	}
	if bytes.Equal(run(2, 12), one) {
		t.Error("seeds 11 and 12 give the same run")
	}
}

// With every range collapsed to a point, every draw is the scenario
// itself: each percentile is plan's number for the period, exactly.
func TestRiskDegenerateRangesArePlan(t *testing.T) {
	file := "../../scenarios/baseline.yaml"
	doc := riskFile(t, file,
		"regions[EMEA].sellers={low: 260, mode: 260, high: 260}",
		"budget.annual={mean: 6200000, sd: 0}",
		"central.cost_per_fte={uniform: [150000, 150000]}")
	res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 12, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string, q Quantiles, want float64) {
		if q.P10 != want || q.P50 != want || q.P90 != want {
			t.Errorf("%s: %+v, plan %v", what, q, want)
		}
	}
	for t0, per := range p.Periods {
		r := res.Periods[t0]
		same(per.Label+" heart", r.Heart, per.Heart)
		same(per.Label+" brain", r.Brain, per.Brain)
		same(per.Label+" spend", r.Spend, per.Spend)
		same(per.Label+" unspent", r.Unspent, per.Unspent)
		same(per.Label+" central share", r.CentralShare, per.CentralShare)
		healthy := 0.0
		if per.Healthy {
			healthy = 1
		}
		if r.Healthy != healthy {
			t.Errorf("%s healthy %v, plan %v", per.Label, r.Healthy, per.Healthy)
		}
	}
	for _, b := range res.Tornado {
		if b.Swing() != 0 || b.BrainSwing() != 0 || b.HeartLow != p.Totals.HeartMean {
			t.Errorf("tornado %+v, plan's heart %v", b, p.Totals.HeartMean)
		}
	}
}

// The draws sample their distributions: the sample mean and the 10th and
// 90th percentiles of 20,000 draws are within four standard errors of the
// closed forms (the quantile's standard error is sqrt(p(1-p)/n)/f(x_p)).
func TestRiskDrawsSampleTheirDistributions(t *testing.T) {
	inputs := []scenario.Uncertain{
		{Path: "a", Dist: scenario.Distribution{Kind: scenario.Triangular, Low: 80, Mode: 100, High: 150}},
		{Path: "b", Dist: scenario.Distribution{Kind: scenario.Uniform, Low: 40, High: 60}},
		{Path: "c", Dist: scenario.Distribution{Kind: scenario.Normal, Low: 0, High: 1e15, Mean: 10, SD: 8}},
	}
	const n = 20000
	xs := make([][]float64, len(inputs))
	for i := range n {
		for j, v := range RiskDraws(inputs, 99, i) {
			xs[j] = append(xs[j], v)
		}
	}
	// Closed forms: means, quantiles and densities at them.
	phi := func(z float64) float64 { return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) }
	Phi := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
	alpha := -10.0 / 8
	Z := 1 - Phi(alpha)
	normMean := 10 + 8*phi(alpha)/Z
	normVar := 64 * (1 + alpha*phi(alpha)/Z - math.Pow(phi(alpha)/Z, 2))
	// The truncated normal's quantile p: Phi^-1(Phi(alpha) + p Z).
	normQ := func(p float64) float64 { return 10 + 8*math.Sqrt2*math.Erfinv(2*(Phi(alpha)+p*Z)-1) }
	triQ := func(p float64) float64 {
		if p < 20.0/70 {
			return 80 + math.Sqrt(p*70*20)
		}
		return 150 - math.Sqrt((1-p)*70*50)
	}
	triF := func(x float64) float64 {
		if x < 100 {
			return 2 * (x - 80) / (70 * 20)
		}
		return 2 * (150 - x) / (70 * 50)
	}
	cases := []struct {
		mean, variance float64
		q              func(float64) float64
		f              func(float64) float64
	}{
		{(80 + 100 + 150) / 3.0, (80*80 + 100*100 + 150*150 - 80*100 - 80*150 - 100*150) / 18.0, triQ, triF},
		{50, 400 / 12.0, func(p float64) float64 { return 40 + 20*p }, func(float64) float64 { return 1 / 20.0 }},
		{normMean, normVar, normQ, func(x float64) float64 { return phi((x-10)/8) / 8 / Z }},
	}
	for j, c := range cases {
		var sum float64
		for _, x := range xs[j] {
			sum += x
		}
		if mean, se := sum/n, math.Sqrt(c.variance/n); math.Abs(mean-c.mean) > 4*se {
			t.Errorf("%s: mean %v, want %v ± %v", inputs[j].Path, mean, c.mean, 4*se)
		}
		q := quantiles(xs[j])
		for _, pq := range []struct{ p, got float64 }{{0.1, q.P10}, {0.5, q.P50}, {0.9, q.P90}} {
			want := c.q(pq.p)
			se := math.Sqrt(pq.p*(1-pq.p)/n) / c.f(want)
			if math.Abs(pq.got-want) > 4*se {
				t.Errorf("%s: P%.0f %v, want %v ± %v", inputs[j].Path, 100*pq.p, pq.got, want, 4*se)
			}
		}
	}
}

// Draws that no budget lets meet a floor are infeasible, counted exactly
// (the single function's coverage is 1000/sellers, its floor 0.8: sellers
// above 1250), with their common reason; the percentiles are over the
// draws with a plan, the chance of a healthy heart over all draws.
func TestRiskInfeasibleDraws(t *testing.T) {
	doc := riskDoc(t, "one.yaml", []byte(strings.Replace(oneFunction, "fte_per_100_sellers: 1}", "fte_per_100_sellers: 1, min_coverage: 0.8}", 1)))
	const n = 200
	res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: n, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := doc.Decode()
	infeasible, healthy := 0, 0
	for i := range n {
		switch x := RiskDraws(s.Uncertain, 5, i)[0]; {
		case x > 1250:
			infeasible++
		case x <= 1000/0.9:
			healthy++
		}
	}
	if res.Infeasible != infeasible || res.Planned != n-infeasible || res.Reason == nil || res.Reason.Count != infeasible {
		t.Fatalf("infeasible %d (want %d), planned %d, reason %+v", res.Infeasible, infeasible, res.Planned, res.Reason)
	}
	if res.HealthyAll != float64(healthy)/n {
		t.Errorf("healthy %v, want %v", res.HealthyAll, float64(healthy)/n)
	}
	// The lowest heart of a draw with a plan is at its floor or above.
	if q := res.Periods[0].Heart; q.P10 < 0.8-ScoreTol(1) {
		t.Errorf("heart %+v below the floor", q)
	}
	// The tornado's high end (sellers 1340) is infeasible.
	if b := res.Tornado[0]; b.StatusHigh != StatusInfeasible || b.HeartHigh != 0 {
		t.Errorf("tornado %+v", b)
	}
}

// The draws of a run are planned in chains, each warm-started from the
// plan before (drawPlanner): every figure risk reads must be that of the
// plan cardio plan makes of the draw, cold, to round-off (1e-9 of a score,
// 1e-9 of the period's budget). Two chains of the typical scenario.
func TestRiskWarmDrawsAreColdPlans(t *testing.T) {
	doc := riskFile(t, "testdata/typical.yaml", typicalRanges...)
	s, _ := doc.Decode()
	ctx := context.Background()
	base, _ := centralPlanner(ctx, s, solve.Revised{})
	const n = 2 * SweepChain
	warm := make([]draw, n)
	order := riskOrder(len(s.Uncertain), 1, n)
	err := forDraws(ctx, n, 0, base, nil, func(pl *drawPlanner, k int) error {
		i := order[k]
		var err error
		warm[i], err = planDraw(ctx, pl, doc, s.Uncertain, RiskDraws(s.Uncertain, 1, i))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range warm {
		ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, 1, i))
		if err != nil || ds == nil {
			t.Fatalf("draw %d: %v", i, err)
		}
		cold, err := Optimize(ctx, ds, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if w.status != cold.Status || w.healthy != cold.Totals.HealthyAll || len(w.periods) != len(cold.Periods) {
			t.Fatalf("draw %d: warm %s healthy %v, cold %s healthy %v", i, w.status, w.healthy, cold.Status, cold.Totals.HealthyAll)
		}
		for k, c := range cold.Periods {
			p := w.periods[k]
			money := 1e-9 * math.Max(1, c.Spend+c.Unspent)
			for _, f := range []struct {
				what       string
				warm, cold float64
				tol        float64
			}{
				{"heart", p.Heart, c.Heart, 1e-9},
				{"brain", p.Brain, c.Brain, 1e-9},
				{"central share", p.CentralShare, c.CentralShare, 1e-9},
				{"spend", p.Spend, c.Spend, money},
				{"unspent", p.Unspent, c.Unspent, money},
			} {
				if math.Abs(f.warm-f.cold) > f.tol {
					t.Errorf("draw %d %s %s: warm %v, cold %v", i, c.Label, f.what, f.warm, f.cold)
				}
			}
			if p.Healthy != c.Healthy {
				t.Errorf("draw %d %s healthy: warm %v, cold %v", i, c.Label, p.Healthy, c.Healthy)
			}
		}
	}
}

// The goal seek's bounds (needBound, chained) are the budget case's
// (leastNeedLP, cold) to round-off.
func TestRiskNeedBoundIsBudgetCase(t *testing.T) {
	doc := riskFile(t, "testdata/typical.yaml", typicalRanges...)
	s, _ := doc.Decode()
	ctx := context.Background()
	base, _ := centralPlanner(ctx, s, solve.Revised{})
	const n = 2 * SweepChain
	// A target below the healthy threshold (a score), and the threshold
	// itself (every heart cell, as the budget case's healthy target).
	reached := map[float64]int{}
	for _, heart := range []float64{0.85, s.Policy.HealthyHeart} {
		healthy := riskHealthyGoal(s, heart)
		if healthy != (heart == s.Policy.HealthyHeart) {
			t.Fatalf("heart %v: healthy goal %v", heart, healthy)
		}
		bounds := make([]float64, n)
		err := forDraws(ctx, n, 0, base, nil, func(pl *drawPlanner, i int) error {
			ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, 1, i))
			if err != nil || ds == nil {
				return fmt.Errorf("draw %d: %v", i, err)
			}
			bounds[i], err = pl.needBound(ctx, ds, heart, healthy)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, b := range bounds {
			ds, _ := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, 1, i))
			_, want, _, err := leastNeedLP(ctx, ds, solve.Revised{}, solve.Options{}, heart, 0, -1)
			if err != nil {
				t.Fatal(err)
			}
			// -1 for both: no allocation reaches the target.
			if (b < 0) != (want < 0) || math.Abs(b-want) > 1e-9*math.Abs(want) {
				t.Errorf("heart %v draw %d: bound %v, budget case %v", heart, i, b, want)
			}
			if b >= 0 {
				reached[heart]++
			}
		}
	}
	for heart, k := range reached {
		if k == 0 {
			t.Errorf("heart %v: no draw reaches it at any budget", heart)
		}
	}
}

// The goal seek at the healthy threshold asks what "healthy" means in the
// run's headline, every heart cell, not a heart score. Region B's heart
// cell cannot pass 50% (no staff today, half an FTE of hires for a demand
// of one FTE, and no central team to hire), while A's ten FTE of demand can be covered in full: a
// heart score of (10 + 0.5) / 11 = 95.5% is within reach, a healthy
// heart is not. So the goal at 90% (the threshold) is unreachable in
// every draw, as the headline's 0% healthy says, while a score target a
// hair below it is reached.
func TestRiskHealthyGoalAsksEveryCell(t *testing.T) {
	const twoRegions = `horizon: {start: 2027, periods: 1}
catalog: none
budget: {annual: 5000000}
policy: {healthy_heart: 0.9}
central: {cost_per_fte: 1000000, max_hires_per_period: 0}
regions:
  - {name: A, sellers: {uniform: [900, 1100]}, cost_per_fte: 100000}
  - {name: B, sellers: 100, cost_per_fte: 100000, max_hires_per_period: 0.5}
functions:
  - {id: ops, class: heart, locality: local, fte_per_100_sellers: 1}
`
	doc := riskDoc(t, "two.yaml", []byte(twoRegions))
	const n = 16
	ctx := context.Background()
	res, err := Risk(ctx, doc, solve.Revised{}, RiskOptions{Samples: n, Seed: 1, Heart: 0.9, Confidence: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if res.HealthyAll != 0 {
		t.Errorf("healthy in %v of the draws, want 0: B's cell is at 50%% at most", res.HealthyAll)
	}
	g := res.Goal
	if g == nil || !g.Healthy || g.Reachable || g.Unreachable != n {
		t.Errorf("goal at the healthy threshold %+v, want a healthy goal no draw reaches", g)
	}
	// A score target: every draw's heart score reaches it once A is
	// staffed (B at 0.5 FTE, A at 0.895 x demand or more).
	res, err = Risk(ctx, doc, solve.Revised{}, RiskOptions{Samples: n, Seed: 1, Heart: 0.899, Confidence: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Goal; g == nil || g.Healthy || !g.Reachable || g.Reached < 0.5 {
		t.Errorf("goal at a score of 89.9%% %+v, want a score goal reached", g)
	}
}

// reachesSurely settles a draw from its first stage only when the whole
// plan reaches the target: on draws of the typical scenario at budgets
// around their bounds, for a target below the healthy threshold and at
// it, every draw it says reaches does so planned whole (cold, as cardio
// plan), and it does settle some.
func TestRiskReachesSurelyOnlyWhenThePlanDoes(t *testing.T) {
	doc := riskFile(t, "testdata/typical.yaml", typicalRanges...)
	s, _ := doc.Decode()
	ctx := context.Background()
	base, _ := centralPlanner(ctx, s, solve.Revised{})
	settled := 0
	for _, heart := range []float64{0.85, 0.9} {
		pl := base
		for i := range 6 {
			ds, err := drawScenario(ctx, doc, s.Uncertain, RiskDraws(s.Uncertain, 3, i))
			if err != nil || ds == nil {
				t.Fatalf("draw %d: %v", i, err)
			}
			bound, err := pl.needBound(ctx, ds, heart, false)
			if err != nil || bound < 0 {
				t.Fatalf("draw %d: bound %v, %v", i, bound, err)
			}
			for _, k := range []float64{1, 1.02, 1.1, 1.3} {
				annual := bound * k
				sure, err := pl.reachesSurely(ctx, ds, heart, annual)
				if err != nil {
					t.Fatal(err)
				}
				if !sure {
					continue
				}
				settled++
				p, err := Optimize(ctx, WithBudget(WithHealthyAtLeast(ds, heart), annual), solve.Revised{}, solve.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !MeetsTargets(p, heart, 0) {
					t.Errorf("heart %v draw %d at %v (bound x %v): surely reaches, the plan does not: %+v", heart, i, annual, k, p.Periods)
				}
			}
		}
	}
	if settled == 0 {
		t.Error("no draw settled by its first stage")
	}
	t.Logf("%d of 48 settled", settled)
}

// riskOrder is a permutation of the draws, the same on every call, along
// which consecutive draws are nearer in their uniforms than in the order
// drawn: less than half the distance on average, in five inputs.
func TestRiskOrderChainsNearDraws(t *testing.T) {
	const k, n = 5, 1000
	order := riskOrder(k, 1, n)
	if !slices.Equal(order, riskOrder(k, 1, n)) {
		t.Fatal("two calls differ")
	}
	if sorted := slices.Sorted(slices.Values(order)); sorted[0] != 0 || sorted[n-1] != n-1 || len(slices.Compact(sorted)) != n {
		t.Fatal("not a permutation of the draws")
	}
	mean := func(order func(int) int) float64 {
		var sum float64
		for c := 1; c < n; c++ {
			a, b := riskUniforms(k, 1, order(c-1)), riskUniforms(k, 1, order(c))
			var d float64
			for j := range a {
				d += (a[j] - b[j]) * (a[j] - b[j])
			}
			sum += math.Sqrt(d)
		}
		return sum / (n - 1)
	}
	drawn, near := mean(func(c int) int { return c }), mean(func(c int) int { return order[c] })
	if near > drawn/2 {
		t.Errorf("mean step %.3f along riskOrder, %.3f in the order drawn", near, drawn)
	}
	t.Logf("mean step %.3f along riskOrder, %.3f in the order drawn", near, drawn)
	// One input: the order of the uniforms.
	one := riskOrder(1, 1, 50)
	for c := 1; c < len(one); c++ {
		if riskUniforms(1, 1, one[c-1])[0] > riskUniforms(1, 1, one[c])[0] {
			t.Fatalf("one input: draw %d before %d", one[c-1], one[c])
		}
	}
}

// TestRaiseGC: the collector's target is riskGCPercent while runs are
// under way, overlapping or not, and what it was once the last one ends;
// a higher target is left alone.
func TestRaiseGC(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set: raiseGC leaves the target alone")
	}
	percent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	r1 := raiseGC()
	if got := percent(); got != riskGCPercent {
		t.Fatalf("during a run: GOGC %d, want %d", got, riskGCPercent)
	}
	r2 := raiseGC()
	r1()
	if got := percent(); got != riskGCPercent {
		t.Fatalf("while a second run goes on: GOGC %d, want %d", got, riskGCPercent)
	}
	r2()
	if got := percent(); got != 100 {
		t.Fatalf("after the runs: GOGC %d, want 100", got)
	}
	debug.SetGCPercent(800)
	r3 := raiseGC()
	if got := percent(); got != 800 {
		t.Fatalf("from 800: GOGC %d during a run, want 800 kept", got)
	}
	r3()
	if got := percent(); got != 800 {
		t.Fatalf("from 800: GOGC %d after, want 800", got)
	}
}
