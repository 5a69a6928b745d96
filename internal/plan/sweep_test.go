package plan

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

const baselineFile = "../../scenarios/baseline.yaml"

func TestParseVary(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []float64 // values for base 100
		err  string
	}{
		{text: "budget.annual=5e6:6e6:5e5", want: []float64{5e6, 5.5e6, 6e6}},
		{text: "budget.annual=6e6:5e6:-5e5", want: []float64{6e6, 5.5e6, 5e6}},
		{text: "x=0.1:0.3:0.1", want: []float64{0.1, 0.2, 0.3}},
		{text: "x=-20%:+20%:10%", want: []float64{80, 90, 100, 110, 120}},
		{text: "x=1:1:0", want: []float64{1}},
		{text: "x=1:2:0", err: "STEP is 0"},
		{text: "x=1:2:-1", err: "goes away from TO"},
		{text: "x=0:1e6:1", err: "more than 10000 points: a sweep has at most 10000"},
		// Points are FROM + i*STEP rounded to the decimals of FROM and
		// STEP (issue 10): no 2.77555756156e-17 for 0.
		{text: "x=-0.15:0:0.05", want: []float64{-0.15, -0.1, -0.05, 0}},
		{text: "x=0.125:0.625:0.25", want: []float64{0.125, 0.375, 0.625}},
		{text: "x=1e-6:3e-6:1e-6", want: []float64{1e-6, 2e-6, 3e-6}},
		{text: "x=0.7:1:0.1", want: []float64{0.7, 0.8, 0.9, 1}},
		{text: "x=-15%:0%:5%", want: []float64{85, 90, 95, 100}},
		{text: "x=-0.5%:0.5%:0.25%", want: []float64{99.5, 99.75, 100, 100.25, 100.5}},
		{text: "x=-20%:20:5%", err: "all as percentages"},
		{text: "x=1:2", err: "FROM:TO:STEP"},
		{text: "x", err: "KEY=FROM:TO:STEP"},
		{text: "x=a:2:1", err: `FROM "a" is not a number`},
	} {
		_, r, err := ParseVary(tc.text)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one with %q", tc.text, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.text, err)
			continue
		}
		got, _ := r.Values(100)
		if len(got) != len(tc.want) {
			t.Errorf("%s: values %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] || math.Signbit(got[i]) != math.Signbit(tc.want[i]) {
				t.Errorf("%s: values %v, want %v", tc.text, got, tc.want)
				break
			}
		}
	}
}

// Every row of a sweep is the plan of the scenario loaded with the same
// --set: same status and figures. The sweep starts each point from its
// neighbour's plan and the plan here starts cold, so the simplex takes
// another path to the same optimum and the figures agree to round-off, not
// to the last bit: scores to sweepTol, money to sweepTol of the budget
// (unspent is budget minus spend, so it carries the budget's round-off).
const sweepTol = 1e-9

func TestSweepRowsEqualPlans(t *testing.T) {
	inputs := []SweepInput{
		{Key: "budget.annual", Values: []float64{5.2e6, 6.2e6}},
		{Key: "regions[EMEA].sellers", Values: []float64{200, 300}},
	}
	sets := []string{"policy.brain_weight=0.5"}
	res, err := Sweep(context.Background(), baselineFile, sets, inputs, solve.Revised{}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 4 || res.Scenario != "FY27 baseline" {
		t.Fatalf("%d rows of %q, want 4 of the baseline", len(res.Rows), res.Scenario)
	}
	for k, row := range res.Rows {
		over := append([]string(nil), sets...)
		for i, in := range inputs {
			if want := in.Values[[]int{k / 2, k % 2}[i]]; row.Values[i] != want {
				t.Fatalf("row %d: %s = %g, want %g (first input slowest)", k, in.Key, row.Values[i], want)
			}
			over = append(over, in.Key+"="+strconv.FormatFloat(row.Values[i], 'g', -1, 64))
		}
		s, err := scenario.Load(baselineFile, over)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if row.Status != p.Status {
			t.Errorf("%v: status %s, plan %s", over, row.Status, p.Status)
		}
		tt := p.Totals
		budget := tt.Spend + tt.Unspent
		for _, c := range []struct {
			name      string
			got, want float64
			unit      float64
		}{{"heart", row.Heart, tt.HeartMean, 1}, {"heart_min", row.HeartMin, tt.HeartMin, 1}, {"brain", row.Brain, tt.BrainMean, 1},
			{"spend", row.Spend, tt.Spend, budget}, {"unspent", row.Unspent, tt.Unspent, budget}} {
			if math.Abs(c.got-c.want) > sweepTol*c.unit {
				t.Errorf("%v: %s %.17g, plan %.17g", over, c.name, c.got, c.want)
			}
		}
	}
}

// More budget never lowers the (mean) heart: the baseline from -30% to +30%.
func TestSweepHeartNeverFallsWithBudget(t *testing.T) {
	s, err := scenario.Load(baselineFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := s.Number("budget.annual")
	if err != nil || base != 6.2e6 {
		t.Fatalf("base budget %g, %v", base, err)
	}
	vals, _ := Range{From: -0.3, To: 0.3, Step: 0.1, Percent: true}.Values(base)
	res, err := Sweep(context.Background(), baselineFile, nil, []SweepInput{{Key: "budget.annual", Values: vals}}, solve.Revised{}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 7 {
		t.Fatalf("%d rows, want 7", len(res.Rows))
	}
	for k := 1; k < len(res.Rows); k++ {
		a, b := res.Rows[k-1], res.Rows[k]
		if !a.OK() || !b.OK() {
			continue
		}
		// The mean heart; not the weakest period above healthy, which
		// stage 2 may trade for a better mean (heart_weight*H + brain).
		if b.Heart < a.Heart-1e-7 {
			t.Errorf("budget %g -> %g: heart %g -> %g", a.Values[0], b.Values[0], a.Heart, b.Heart)
		}
	}
	if last := res.Rows[len(res.Rows)-1]; !last.OK() || last.Heart < 0.9-1e-7 {
		t.Errorf("at +30%% the heart is %g (%s), want healthy", last.Heart, last.Status)
	}
}

// A point without a plan is a row, not an abort: the floors of the
// baseline cannot be met with $1M a year, and a negative budget is
// rejected by the loader.
// A step so small that the count has hundreds of digits is refused with
// the limit, not the count (issue 17).
func TestParseVaryHugeCount(t *testing.T) {
	_, _, err := ParseVary("budget.annual=1:2:1e-300")
	if err == nil || len(err.Error()) > 150 || !strings.Contains(err.Error(), "at most 10000") {
		t.Errorf("error %v, want a short refusal that names the limit", err)
	}
}

func TestDecimals(t *testing.T) {
	for text, want := range map[string]int{"0.05": 2, "-0.15": 2, "5e5": 0, "1e-6": 6, "2.5e-3": 4, "+20": 0, "1.50": 2, "1E-2": 2, "1e-999": maxDecimals, "6.2e6": 0} {
		if got := decimals(text); got != want {
			t.Errorf("decimals(%q) = %d, want %d", text, got, want)
		}
	}
}

// failingLP fails every solve of a model whose first budget row has the
// right-hand side bad: a point whose solve fails, whatever the reason.
type failingLP struct {
	solve.LPSolver
	bad float64
}

var errTestSolve = errors.New("test: the solver gave up")

func (f failingLP) SolveLP(ctx context.Context, p *solve.Problem, opt solve.Options) (*solve.Solution, error) {
	for _, r := range p.Rows {
		if strings.HasPrefix(r.Name, "budget[") {
			if r.RHS == f.bad {
				return nil, errTestSolve
			}
			break
		}
	}
	return f.LPSolver.SolveLP(ctx, p, opt)
}

// A point whose solve fails is a row with status error and the reason; the
// points around it are planned (issue 17).
func TestSweepFailedPoint(t *testing.T) {
	lp := failingLP{LPSolver: solve.Revised{}, bad: 5.2e6 / 4}
	res, err := Sweep(context.Background(), baselineFile, nil,
		[]SweepInput{{Key: "budget.annual", Values: []float64{4.2e6, 5.2e6, 6.2e6}}}, lp, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{StatusOptimal, StatusError, StatusOptimal}
	for k, row := range res.Rows {
		if row.Status != want[k] {
			t.Errorf("budget %g: status %s, want %s", row.Values[0], row.Status, want[k])
		}
	}
	if r := res.Rows[1]; r.OK() || !strings.Contains(r.Problem, "the solver gave up") || r.Heart != 0 {
		t.Errorf("failed row %+v, want status error and the reason", r)
	}
	// A cancelled sweep is an error, not rows.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Sweep(ctx, baselineFile, nil, []SweepInput{{Key: "budget.annual", Values: []float64{5.2e6}}}, solve.Revised{}, 1, nil); err == nil {
		t.Error("cancelled sweep: no error")
	}
}

func TestSweepInfeasiblePoint(t *testing.T) {
	res, err := Sweep(context.Background(), baselineFile, nil,
		[]SweepInput{{Key: "budget.annual", Values: []float64{-1, 1e6, 6.2e6}}}, solve.Revised{}, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{StatusInvalid, StatusInfeasible, StatusOptimal}
	for k, row := range res.Rows {
		if row.Status != want[k] {
			t.Errorf("budget %g: status %s, want %s", row.Values[0], row.Status, want[k])
		}
	}
	if res.Rows[0].Problem == "" || res.Rows[1].Finding == nil || res.Rows[1].Heart != 0 {
		t.Errorf("rows without a plan: %+v", res.Rows[:2])
	}
}

func TestScenarioNumber(t *testing.T) {
	s, err := scenario.Load(baselineFile, []string{"regions[EMEA].sellers=250"})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]float64{
		"budget.annual":                   6.2e6,
		"regions[EMEA].sellers":           250,
		"regions[1].sellers":              250,
		"investments[cpq].cost.per_year":  90000,
		"policy.central_share.max":        s.Policy.CentralShare.Max,
		"functions[sales_support].weight": s.Functions[s.FunctionIndex("sales_support")].Weight,
	} {
		got, err := s.Number(key)
		if err != nil || got != want {
			t.Errorf("%s = %g, %v; want %g", key, got, err, want)
		}
	}
	for _, key := range []string{"budget.anual", "regions[Mars].sellers", "name", "functions[0].weight"} {
		if _, err := s.Number(key); err == nil {
			t.Errorf("%s: no error", key)
		}
	}
}

// BenchmarkSweep100 is a 100-point budget.annual sweep (-25% to +24.5% in
// 0.5% steps) of the typical 16 functions x 5 regions x 4 quarters
// scenario on all cores, with the default revised simplex:
//
//	go test -run='^$' -bench=Sweep100 -benchtime=3x ./internal/plan/
func BenchmarkSweep100(b *testing.B) {
	s := loadBench(b, "testdata/typical.yaml")
	vals, err := Range{From: -0.25, To: 0.245, Step: 0.005, Percent: true}.Values(s.Budget.Annual)
	if err != nil || len(vals) != 100 {
		b.Fatalf("%d values, %v", len(vals), err)
	}
	in := []SweepInput{{Key: "budget.annual", Values: vals}}
	start := time.Now()
	for b.Loop() {
		if _, err := Sweep(context.Background(), "testdata/typical.yaml", nil, in, solve.Revised{}, 0, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(100*b.N)/time.Since(start).Seconds(), "points/s")
}

// A sweep gives the same rows, to the last bit, whatever the number of
// workers: the chains of warm starts are fixed by the points, not the
// workers, and reused solver buffers are cleared.
func TestSweepSameOnAnyNumberOfWorkers(t *testing.T) {
	s, err := scenario.Load("testdata/typical.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := Range{From: -0.2, To: 0.2, Step: 0.02, Percent: true}.Values(s.Budget.Annual)
	if err != nil {
		t.Fatal(err)
	}
	in := []SweepInput{{Key: "budget.annual", Values: vals}}
	var first *SweepResult
	for _, workers := range []int{1, 2, 3} {
		res, err := Sweep(context.Background(), "testdata/typical.yaml", nil, in, solve.Revised{}, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(res.Rows, first.Rows) {
			t.Errorf("%d workers give other rows than 1", workers)
		}
	}
}
