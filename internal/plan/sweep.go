package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// MaxSweepPoints bounds the points of one sweep (all combinations); a
// sweep above it is refused before it starts (docs/sweep.md).
const MaxSweepPoints = 10000

// Range is FROM:TO:STEP of a --vary, absolute or in percent of the base
// value (Percent: From, To and Step are fractions, -0.2 for -20%).
type Range struct {
	From, To, Step float64
	Percent        bool
	// Decimals is the number of decimals of the points, From + i*Step: as
	// many as FROM or STEP is written with, whichever has more (of the
	// fraction for percentages: 5% has 2). ParseVary sets it; when it is
	// 0, the shortest decimal forms of From and Step give it.
	Decimals int
}

// ParseVary parses KEY=FROM:TO:STEP, such as budget.annual=5e6:7e6:5e5 or
// budget.annual=-20%:+20%:5%. Percentages are all or nothing.
func ParseVary(text string) (string, Range, error) {
	key, spec, ok := strings.Cut(text, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return "", Range{}, fmt.Errorf("--vary %q: expected KEY=FROM:TO:STEP, such as budget.annual=5e6:7e6:5e5 or budget.annual=-20%%:+20%%:5%%", text)
	}
	parts := strings.Split(spec, ":")
	if len(parts) != 3 {
		return "", Range{}, fmt.Errorf("--vary %q: expected FROM:TO:STEP after %q, three numbers joined by colons", text, key+"=")
	}
	var (
		r     Range
		nums  [3]float64
		pct   int
		names = [3]string{"FROM", "TO", "STEP"}
	)
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if strings.HasSuffix(p, "%") {
			pct++
			p = strings.TrimSuffix(p, "%")
		}
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return "", Range{}, fmt.Errorf("--vary %q: %s %q is not a number", text, names[i], parts[i])
		}
		nums[i] = x
		if i != 1 {
			r.Decimals = max(r.Decimals, decimals(p))
		}
	}
	switch pct {
	case 0:
	case 3:
		r.Percent = true
		for i := range nums {
			nums[i] /= 100
		}
		r.Decimals += 2
	default:
		return "", Range{}, fmt.Errorf("--vary %q: give FROM, TO and STEP all as percentages of the base value (-20%%:+20%%:5%%) or all as values", text)
	}
	r.From, r.To, r.Step = nums[0], nums[1], nums[2]
	if _, err := r.Count(); err != nil {
		return "", Range{}, fmt.Errorf("--vary %q: %v", text, err)
	}
	return key, r, nil
}

// Count is the number of points of the range, both ends included.
func (r Range) Count() (int, error) {
	if r.Step == 0 {
		if r.From == r.To {
			return 1, nil
		}
		return 0, errors.New("STEP is 0: give a step that goes from FROM to TO")
	}
	n := (r.To - r.From) / r.Step
	if n < -1e-9 {
		return 0, fmt.Errorf("STEP %s goes away from TO: use %s to go from FROM to TO", trim(r.Step), trim(-r.Step))
	}
	if n+1 > MaxSweepPoints {
		// Not the count itself: with a tiny step it has hundreds of digits.
		return 0, fmt.Errorf("more than %d points: a sweep has at most %d; take a larger STEP", MaxSweepPoints, MaxSweepPoints)
	}
	return int(math.Floor(n+1e-9)) + 1, nil
}

// Values are the input's values: the points From + i*Step, each rounded
// to the range's Decimals, so that -0.15:0:0.05 gives 0 and not 2.8e-17,
// and 0.1 steps do not give 0.30000000000000004; then base*(1+x) for
// percentages, rounded to 12 significant digits.
func (r Range) Values(base float64) ([]float64, error) {
	n, err := r.Count()
	if err != nil {
		return nil, err
	}
	d := r.Decimals
	if d == 0 {
		d = max(decimals(strconv.FormatFloat(r.From, 'g', -1, 64)), decimals(strconv.FormatFloat(r.Step, 'g', -1, 64)))
	}
	out := make([]float64, n)
	for i := range out {
		x := roundDecimals(r.From+float64(i)*r.Step, d)
		if r.Percent {
			x = clean(base * (1 + x))
		}
		out[i] = x
	}
	return out, nil
}

// maxDecimals bounds the decimals a point is rounded to: below 1e-340
// there are no float64s left.
const maxDecimals = 340

// decimals is the number of decimals a number written in text has:
// "0.05" 2, "5e5" 0, "1e-6" 6, "2.5e-3" 4, "+20" 0.
func decimals(text string) int {
	mant, exp, _ := strings.Cut(strings.ToLower(strings.TrimSpace(text)), "e")
	d := 0
	if _, frac, ok := strings.Cut(mant, "."); ok {
		d = len(frac)
	}
	if exp != "" {
		e, err := strconv.Atoi(exp)
		if err != nil || e < -maxDecimals {
			return maxDecimals
		}
		d -= min(e, maxDecimals)
	}
	return min(max(d, 0), maxDecimals)
}

// roundDecimals rounds x to d decimals, the way it is written: 2.8e-17 to
// 2 decimals is 0. No -0.
func roundDecimals(x float64, d int) float64 {
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', d, 64), 64)
	if err != nil || y == 0 {
		return 0
	}
	return y
}

func clean(x float64) float64 {
	y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if y == 0 {
		return 0 // no -0
	}
	return y
}

func trim(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// SweepInput is one varied key and its values.
type SweepInput struct {
	Key    string    `json:"key"`
	Values []float64 `json:"values"`
}

// SweepRow is one point of a sweep: the inputs' values (in the order of
// the inputs) and the plan's figures. Heart and Brain are means over the
// periods, HeartMin the weakest period, Spend and Unspent totals. An
// infeasible or invalid point has zero figures and says why in Problem.
type SweepRow struct {
	Values []float64
	Status string // a plan status, or "invalid" when the loader rejects the point
	// Gap is the plan's gap when its search stopped at the node limit
	// (Plan.Gap), else 0.
	Gap      float64
	Heart    float64
	HeartMin float64
	// HealthyAll and HeartMinHealthy are the plan's healthy verdicts, in
	// every period and in the period of HeartMin: the views print a heart
	// as cardio plan's rows do (rounded down when not healthy).
	HealthyAll, HeartMinHealthy bool
	// HealthyHeart is the point's healthy heart (a sweep may vary it),
	// which its healthy hearts read at or above as printed.
	HealthyHeart float64
	Brain        float64
	Spend        float64
	Unspent      float64
	Problem      string   // an invalid point's diagnostic
	Finding      *Finding // why an infeasible point has no plan; the view words it
}

// Statuses of a sweep point without a plan, besides StatusInfeasible.
const (
	// StatusInvalid is a point the loader rejects (a value out of range).
	StatusInvalid = "invalid"
	// StatusError is a point whose solve failed (an iteration limit, a
	// numerical failure): the row says why and the sweep goes on.
	StatusError = "error"
)

// OK reports whether the row has a plan.
func (r SweepRow) OK() bool {
	return r.Status != StatusInfeasible && r.Status != StatusInvalid && r.Status != StatusError
}

// SweepResult is a sweep: its inputs and a row per combination, the first
// input varying slowest.
type SweepResult struct {
	Scenario string
	Currency string
	Inputs   []SweepInput
	Rows     []SweepRow
}

// Sweep is a what-if table: for each combination of the inputs' values it
// plans the scenario file with the overrides sets and then one set per
// input, optimizes it, and keeps the headline figures. The file is read
// and parsed once (SweepDoc). Points run on workers goroutines
// (runtime.GOMAXPROCS(0) when workers <= 0); rows come back in input
// order. progress, if not nil, is called after each point with the number
// done (from any goroutine, one call at a time).
func Sweep(ctx context.Context, file string, sets []string, inputs []SweepInput, lp solve.LPSolver, workers int, progress func(done, total int)) (*SweepResult, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if err := checkPoints(inputs); err != nil {
		return nil, err
	}
	doc, err := scenario.ParseContext(ctx, file, data)
	if err != nil {
		var diags scenario.Diagnostics
		if !errors.As(err, &diags) {
			return nil, err
		}
		// A file that does not parse: every point is invalid, and says why.
		return sweep(ctx, nil, diags[0].String(), inputs, lp, workers, progress)
	}
	for _, text := range sets {
		_ = doc.SetOverride(text) // each point's Decode reports it
	}
	return SweepDoc(ctx, doc, inputs, lp, workers, progress)
}

// SweepDoc is Sweep of a parsed scenario, its overrides already set: each
// point is a Clone of doc with one Set per input, decoded. doc is not
// changed.
func SweepDoc(ctx context.Context, doc *scenario.Doc, inputs []SweepInput, lp solve.LPSolver, workers int, progress func(done, total int)) (*SweepResult, error) {
	if err := checkPoints(inputs); err != nil {
		return nil, err
	}
	return sweep(ctx, doc, "", inputs, lp, workers, progress)
}

// checkPoints bounds the number of combinations of the inputs.
func checkPoints(inputs []SweepInput) error {
	total := 1
	for _, in := range inputs {
		total *= len(in.Values)
	}
	if total > MaxSweepPoints {
		return fmt.Errorf("%d points: a sweep has at most %d", total, MaxSweepPoints)
	}
	return nil
}

// sweep runs the points of doc, or, when doc is nil, gives every point the
// problem broken.
func sweep(ctx context.Context, doc *scenario.Doc, broken string, inputs []SweepInput, lp solve.LPSolver, workers int, progress func(done, total int)) (*SweepResult, error) {
	total := 1
	for _, in := range inputs {
		total *= len(in.Values)
	}
	res := &SweepResult{Inputs: inputs, Rows: make([]SweepRow, total)}
	var s *scenario.Scenario
	if doc != nil {
		if s, _ = doc.Decode(); s != nil {
			res.Scenario, res.Currency = s.Name, s.Currency
		}
	}
	values := func(k int) []float64 {
		vals := make([]float64, len(inputs))
		for i := len(inputs) - 1; i >= 0; i-- {
			n := len(inputs[i].Values)
			vals[i] = inputs[i].Values[k%n]
			k /= n
		}
		return vals
	}
	// The base scenario's plan is where every chain starts. If it fails,
	// the chains start cold: the base is not a point of the sweep.
	base := Planner{LP: lp}
	if s != nil {
		if _, _, err := base.Optimize(ctx, s); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			base = Planner{LP: lp}
		}
	}
	var (
		mu   sync.Mutex
		done int
	)
	chains := (total + SweepChain - 1) / SweepChain
	err := ParallelFor(ctx, chains, workers, func(c int) error {
		pl := base
		for k := c * SweepChain; k < min(total, (c+1)*SweepChain); k++ {
			vals := values(k)
			row := SweepRow{Values: vals, Status: StatusInvalid, Problem: broken}
			if doc != nil {
				var err error
				if row, err = sweepPoint(ctx, &pl, pointScenario(doc, inputs, vals), inputs, vals); err != nil {
					return err
				}
			}
			res.Rows[k] = row
			if progress != nil {
				mu.Lock()
				done++
				progress(done, total)
				mu.Unlock()
			}
		}
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// pointScenario is the scenario of one point: a clone of doc with each
// input set to its value. A refused set is reported by Decode.
func pointScenario(doc *scenario.Doc, inputs []SweepInput, vals []float64) func() (*scenario.Scenario, scenario.Diagnostics) {
	return func() (*scenario.Scenario, scenario.Diagnostics) {
		d := doc.Clone()
		for i, in := range inputs {
			_ = d.Set(in.Key, vals[i])
		}
		return d.Decode()
	}
}

// SweepChain is how many consecutive points of a sweep one worker plans
// in a row, each starting from the plan of the one before (the first from
// the base scenario's plan): a neighbour's plan is a near-optimal start.
// It is a constant, not a share of the workers, so that the chains, and
// with them the sweep's output, are the same on every machine.
const SweepChain = 8

// sweepPoint plans one point of a sweep: the scenario load gives, optimized
// by pl. A point the loader rejects is a row with status invalid and its
// first diagnostic; a point whose solve fails is a row with status error
// and the reason; only a cancelled context is an error.
func sweepPoint(ctx context.Context, pl *Planner, load func() (*scenario.Scenario, scenario.Diagnostics), inputs []SweepInput, vals []float64) (SweepRow, error) {
	row := SweepRow{Values: vals}
	s, diags := load()
	if err := ctx.Err(); err != nil {
		return row, err
	}
	if s == nil {
		// A problem of the point's own value is said without the --set
		// the sweep made of it (the row gives the value); one of the
		// user's --set or of the file keeps its place.
		row.Status, row.Problem = StatusInvalid, diags[0].String()
		if d := diags[0]; slices.ContainsFunc(inputs, func(in SweepInput) bool { return strings.HasPrefix(d.Set, in.Key+"=") }) {
			row.Problem = d.Problem()
		}
		return row, nil
	}
	p, _, err := pl.Optimize(ctx, s)
	if err != nil {
		if ctx.Err() != nil {
			return row, ctx.Err()
		}
		row.Status, row.Problem = StatusError, err.Error()
		return row, nil
	}
	row.Status, row.Gap = p.Status, p.Gap
	if p.Status == StatusInfeasible {
		if len(p.Findings) > 0 {
			row.Finding = &p.Findings[0]
		}
	} else {
		t := p.Totals
		row.Heart, row.HeartMin, row.Brain, row.Spend, row.Unspent = t.HeartMean, t.HeartMin, t.BrainMean, t.Spend, t.Unspent
		row.HealthyAll, row.HeartMinHealthy = t.HealthyAll, WeakestHealthy(p.Periods)
		row.HealthyHeart = p.HealthyHeart
	}
	return row, nil
}

// ParallelFor runs do(0..n-1) on workers goroutines (runtime.GOMAXPROCS(0)
// when workers <= 0) and returns the first error, after which no new item
// starts. progress, if not nil, is called after each item with the number
// done, one call at a time.
func ParallelFor(ctx context.Context, n, workers int, do func(k int) error, progress func(done, total int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var (
		mu       sync.Mutex
		next     int
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr != nil || next >= n {
			return 0, false
		}
		if err := ctx.Err(); err != nil {
			firstErr = err
			return 0, false
		}
		next++
		return next - 1, true
	}
	for range workers {
		wg.Go(func() {
			for {
				k, ok := take()
				if !ok {
					return
				}
				err := do(k)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				done++
				if progress != nil && err == nil {
					progress(done, n)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return firstErr
}
