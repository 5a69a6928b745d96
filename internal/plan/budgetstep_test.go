package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The budget case's step holds when acted on: its first plan is the one a
// person gets planning at the least budget as the table prints it
// (step.from), its second the one at $100k a year more, to the last bit.
// Planned at the unrounded least budget instead, the whole-people example's
// brain differed in the first digit (the search stops at its node limit),
// and every LP plan's in the third. Budgets a year are set as a person sets
// them (--set budget.annual=FIGURE), a per_period budget in the shape of
// the scenario's (WithBudget).
func TestBudgetStepHoldsWhenActedOn(t *testing.T) {
	cases := []struct {
		file         string
		heart, brain float64
		perPeriod    bool
	}{
		{"baseline.yaml", 0.9, 0.5, false},
		{"shrinking-budget.yaml", 0.95, 0, false}, // changing every year
		{"whole-people.yaml", 0.9, 0, false},      // whole people
		{"roster.yaml", 0.85, 0.1, true},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s heart %g brain %g per_period %v", c.file, c.heart, c.brain, c.perPeriod)
		t.Run(name, func(t *testing.T) {
			file := "../../scenarios/" + c.file
			s, err := scenario.Load(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.perPeriod {
				// Uneven periods, so that the step's shape matters.
				per := make([]float64, s.Periods())
				for i := range per {
					per[i] = s.PeriodBudget(i) * (1 + 0.1*float64(i%2))
				}
				s.Budget.PerPeriod = per
				s.Budget.Annual = 0
			}
			r, err := RunBudgetCase(context.Background(), s, solve.Revised{}, c.heart, c.brain)
			if err != nil {
				t.Fatal(err)
			}
			st := r.Step
			if st == nil {
				t.Fatalf("no step: %+v", r)
			}
			least := r.Total
			if r.Annual != nil {
				least = *r.Annual
			}
			if st.From != CeilMoney(least) || st.From < least {
				t.Errorf("from %.2f, least %.2f: want the least as the table prints it, %.2f", st.From, least, CeilMoney(least))
			}
			planAt := func(figure float64) *Plan {
				t.Helper()
				var p *scenario.Scenario
				if c.perPeriod {
					p = WithBudget(WithHealthyAtLeast(s, c.heart), figure/s.Years())
				} else {
					sets := []string{"budget.annual=" + strconv.FormatFloat(figure, 'f', -1, 64)}
					if c.heart > s.Policy.HealthyHeart {
						sets = append(sets, "policy.healthy_heart="+strconv.FormatFloat(c.heart, 'f', -1, 64))
					}
					if p, err = scenario.Load(file, sets); err != nil {
						t.Fatal(err)
					}
				}
				pl, err := Optimize(context.Background(), p, solve.Revised{}, solve.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return pl
			}
			step := st.Amount
			if c.perPeriod {
				step *= s.Years()
			}
			at, more := planAt(st.From), planAt(st.From+step)
			if !MeetsTargets(at, c.heart, c.brain) {
				t.Errorf("the plan at %.2f misses the targets: %s", st.From, scores(at))
			}
			if at.Totals.HeartMean != st.HeartMean || at.Totals.BrainMean != st.BrainMean || at.Gap != st.Gap {
				t.Errorf("at %.2f: heart %v brain %v gap %v; the step says %v, %v, %v", st.From, at.Totals.HeartMean, at.Totals.BrainMean, at.Gap, st.HeartMean, st.BrainMean, st.Gap)
			}
			if more.Totals.HeartMean != st.HeartPlus || more.Totals.BrainMean != st.BrainPlus || more.Gap != st.GapPlus {
				t.Errorf("at %.2f: heart %v brain %v gap %v; the step says %v, %v, %v", st.From+step, more.Totals.HeartMean, more.Totals.BrainMean, more.Gap, st.HeartPlus, st.BrainPlus, st.GapPlus)
			}
			if d := st.HeartPlus - st.HeartMean; d != st.HeartDelta || math.IsNaN(d) {
				t.Errorf("heart delta %v, want %v", st.HeartDelta, d)
			}
			if d := st.BrainPlus - st.BrainMean; d != st.BrainDelta {
				t.Errorf("brain delta %v, want %v", st.BrainDelta, d)
			}
		})
	}
}

// firstPrintedMeeting, with whole-dollar figures: it keeps a least budget
// whose printed figure meets the targets, moves up a printed step at a
// time to the first that does, then (past printedSteps) with the step
// doubling, and never returns a figure it has not seen meet them: beyond
// the limit it fails with ErrPrintedShort.
func TestFirstPrintedMeeting(t *testing.T) {
	step := func(float64) float64 { return 1 }
	cases := []struct {
		name      string
		x, from   float64 // the least budget, and where the plan starts to meet the targets
		want      float64
		wantCalls int
		short     bool
	}{
		{"printed meets", 99.4, 0, 99.4, 1, false},
		{"three steps up", 99.4, 102.5, 103, 4, false},
		// Ten steps of one, then 2, 4, 8, 16: 100..110, 112, 116, 124, 140.
		{"doubling", 99.4, 130, 140, 15, false},
		{"never", 99.4, math.Inf(1), 0, 0, true},
	}
	for _, c := range cases {
		var calls []float64
		meets := func(x float64) (bool, error) {
			calls = append(calls, x)
			return x >= c.from, nil
		}
		got, err := firstPrintedMeeting(c.x, 1000, math.Ceil, step, meets)
		if c.short {
			if !errors.Is(err, ErrPrintedShort) || calls[len(calls)-1] <= 1000 {
				t.Errorf("%s: %v after %v; want ErrPrintedShort past the limit 1000", c.name, err, calls)
			}
			continue
		}
		if err != nil || got != c.want || len(calls) != c.wantCalls {
			t.Errorf("%s: got %v, %v after %d calls %v; want %v after %d", c.name, got, err, len(calls), calls, c.want, c.wantCalls)
		}
		if last := calls[len(calls)-1]; last != math.Ceil(got) || last < c.from {
			t.Errorf("%s: returned %v, whose printed figure %v was not seen to meet the targets (last tried %v)", c.name, got, math.Ceil(got), last)
		}
	}
}

// When the LP's search stops at its node limit (whole people), the budget
// of the allocation it found (found) is above the least one may be: the
// plan's search starts from the LP's bound and checks found, so that a
// least budget below found is not missed. On the baseline, whose least
// budget for a healthy heart and brain 50% is N, a bound of 0.9N with an
// allocation found at 1.05N (the plan reaches the targets there) gives the
// same least budget as one found at 0.95N (the plan falls short there),
// as does no gap. That budget is N, or a hair below it: the LP asks every
// heart cell for healthy exactly, while the plan calls a cell healthy
// within CellTol, so a search from below may stop short of N by that
// tolerance (6024726.3 against 6024730.3, 7e-7 of it), never above it.
func TestLeastPlanNeedBetweenBoundAndFound(t *testing.T) {
	s, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	bc, err := BudgetCase(ctx, s, solve.Revised{}, 0.9, 0.5)
	if err != nil || bc.Annual == nil {
		t.Fatalf("%+v, %v", bc, err)
	}
	n := *bc.Annual
	first := -1.0
	for _, c := range []struct{ lower, found float64 }{{0.9, 0.9}, {0.9, 1.05}, {0.9, 0.95}} {
		need, ok, err := leastPlanNeed(ctx, s, solve.Revised{}, solve.Options{}, 0.9, 0.5, c.lower*n, c.found*n)
		if err != nil || !ok {
			t.Fatalf("bound %gN, found %gN: %v, %v", c.lower, c.found, ok, err)
		}
		// 1e-5 of N is $60 here, far below the $10k step it is printed at.
		if need > n*(1+2*planScaleRel) || need < n*(1-1e-5) {
			t.Errorf("bound %gN, found %gN: need %.2f, want N = %.2f or up to its tolerance below", c.lower, c.found, need, n)
		}
		if first < 0 {
			first = need
		} else if math.Abs(need-first) > 2*planScaleRel*n {
			t.Errorf("bound %gN, found %gN: need %.2f, without a gap %.2f", c.lower, c.found, need, first)
		}
	}
}
