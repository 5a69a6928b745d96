package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// A search in whole people that finds no integer point says so in the
// scenario's words, naming the fractional hire and exit limits that
// usually cause it. Here each team may hire 0.4 a month, which whole
// people make none a month after the first, while demand grows: rounding
// the plan in fractions breaks the limits (the whole search of 10,000
// nodes finds nothing either, `cardio plan` shows in 10 s). With whole
// limits the error, if a search this short fails, blames no limit.
func TestWholePeopleNodeLimitSaysWhy(t *testing.T) {
	load := func(limit string) *scenario.Scenario {
		t.Helper()
		s, err := scenario.Load("../../scenarios/monthly-fiscal.yaml", []string{
			"policy.whole_people=true",
			"regions[0].max_hires_per_period=" + limit, "regions[1].max_hires_per_period=" + limit,
			"regions[2].max_hires_per_period=" + limit, "central.max_hires_per_period=" + limit,
		})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := load("0.4")
	if len(s.Warnings) != 4 {
		t.Errorf("%d warnings, want one at each fractional limit:\n%v", len(s.Warnings), s.Warnings)
	}
	_, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{NodeLimit: 1})
	if !errors.Is(err, solve.ErrNodeLimit) {
		t.Fatalf("err = %v, want the node limit", err)
	}
	want := "no plan in whole people was found; hire and exit limits that are not whole numbers allow fewer people than they seem to (central.max_hires_per_period 0.4, regions[north_america].max_hires_per_period 0.4, regions[emea].max_hires_per_period 0.4, regions[apac].max_hires_per_period 0.4)"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant it to contain %s", err, want)
	}
	whole := load("1")
	if len(whole.Warnings) != 0 || fractionalLimits(whole) != nil {
		t.Errorf("whole limits: warnings %v, fractional %q", whole.Warnings, fractionalLimits(whole))
	}
	if _, err := Optimize(context.Background(), whole, solve.Revised{}, solve.Options{NodeLimit: 1}); err != nil && strings.Contains(err.Error(), "limits") {
		t.Errorf("whole limits blamed: %v", err)
	}
}

// A plan the node limit stopped says, stage by stage, how far from its
// best it may be (Plan.Gaps), and each figure holds against the plan's
// own numbers: a maximized stage's bound is at least its value, the spend
// stage's at most it; the scores stage's value is the plan's mean of
// heart_weight x heart + brain_weight x brain, the spend stage's the
// plan's spend; Gap is the largest stage's gap.
func TestStageGapsHold(t *testing.T) {
	s, err := scenario.Load("../../scenarios/whole-people.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	stopped := 0
	for _, limit := range []int{1, 2, 3, 5, 10, 30} {
		p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{NodeLimit: limit})
		if err != nil {
			t.Fatalf("%d nodes: %v", limit, err)
		}
		if p.Status != StatusOptimalWithinGap {
			if len(p.Gaps) != 0 || p.Gap != 0 {
				t.Errorf("%d nodes: %s with gaps %+v, gap %v", limit, p.Status, p.Gaps, p.Gap)
			}
			continue
		}
		stopped++
		largest := 0.0
		for _, g := range p.Gaps {
			largest = math.Max(largest, g.Gap)
			if g.Gap <= 0 {
				t.Errorf("%d nodes: %s stopped with gap %v", limit, g.Stage, g.Gap)
			}
			tol := 1e-9 * math.Max(1, math.Abs(g.Value))
			switch g.Stage {
			case "heart_to_healthy", "weighted_scores":
				if g.Bound < g.Value-tol {
					t.Errorf("%d nodes: %s bound %v below its value %v", limit, g.Stage, g.Bound, g.Value)
				}
				if g.Stage == "weighted_scores" {
					mean := 0.0
					for _, per := range p.Periods {
						mean += (s.Policy.HeartWeight*per.Heart + s.Policy.BrainWeight*per.Brain) / float64(len(p.Periods))
					}
					if math.Abs(mean-g.Value) > 1e-6 {
						t.Errorf("%d nodes: scores %v, the plan's mean %v", limit, g.Value, mean)
					}
				}
				if n := float64(len(p.Periods)); math.Abs((g.Bound-g.Value)*n/math.Max(1, g.Value*n)-g.Gap) > 1e-9 {
					t.Errorf("%d nodes: %s gap %v from value %v and bound %v", limit, g.Stage, g.Gap, g.Value, g.Bound)
				}
			case "total_spend":
				if g.Bound > g.Value+tol {
					t.Errorf("%d nodes: spend bound %v above its value %v", limit, g.Bound, g.Value)
				}
				if math.Abs(g.Value-p.Totals.Spend) > 1e-6*p.Totals.Spend {
					t.Errorf("%d nodes: spend %v, the plan's %v", limit, g.Value, p.Totals.Spend)
				}
			default:
				t.Errorf("%d nodes: stage %q", limit, g.Stage)
			}
		}
		if largest != p.Gap {
			t.Errorf("%d nodes: gap %v, the largest stage's %v", limit, p.Gap, largest)
		}
		t.Logf("%d nodes: %+v", limit, p.Gaps)
	}
	if stopped == 0 {
		t.Error("no node limit stopped the search")
	}
}

// The error of a search in whole people that stops at its node or
// iteration limit without a plan is in a sales ops user's words: what
// happened and what to do, without the solver's sentinel text or its
// stage names ("stage 1 (heart_to_healthy): solve: node limit reached
// without an integer solution" was shown), while errors.Is still finds
// the sentinel.
func TestWholePeopleLimitWords(t *testing.T) {
	s, err := scenario.Load("../../scenarios/monthly-fiscal.yaml", []string{
		"policy.whole_people=true", "central.max_hires_per_period=0.4",
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Optimize(context.Background(), s, solve.Revised{}, solve.Options{NodeLimit: 1})
	var wl *WholePeopleLimitError
	if !errors.As(err, &wl) || !errors.Is(err, solve.ErrNodeLimit) {
		t.Fatalf("err = %v, want a *WholePeopleLimitError wrapping the node limit", err)
	}
	want := "no plan in whole people was found; hire and exit limits that are not whole numbers allow fewer people than they seem to (central.max_hires_per_period 0.4), and the plan in fractions rounded breaks them: make them whole, or plan in fractions of people instead (policy.whole_people: false, or --set policy.whole_people=false)"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}

	for _, c := range []struct {
		err  error
		iter bool
		want string
	}{
		{fmt.Errorf("stage 1 (heart_to_healthy): %w (10000 nodes)", solve.ErrNodeLimit), false,
			"no plan in whole people was found: the search for whole headcounts stopped at its limit of tries before it found any plan that keeps every limit (the scenario may be too large or too tight to plan in whole people); plan in fractions of people instead (policy.whole_people: false, or --set policy.whole_people=false), or plan a smaller scenario (fewer regions, functions or periods), or loosen its hire and exit limits"},
		{fmt.Errorf("stage 2 (scores): %w: revised simplex stopped after 50000 iterations", solve.ErrIterationLimit), true,
			"no plan in whole people was found: a step of the search for whole headcounts stopped at its limit of iterations before any plan was found (the scenario may be too large or too tight to plan in whole people); plan in fractions of people instead (policy.whole_people: false, or --set policy.whole_people=false), or plan a smaller scenario (fewer regions, functions or periods), or loosen its hire and exit limits"},
	} {
		e := &WholePeopleLimitError{Iterations: c.iter, Err: c.err}
		if e.Error() != c.want {
			t.Errorf("got  %s\nwant %s", e, c.want)
		}
		sentinel := solve.ErrNodeLimit
		if c.iter {
			sentinel = solve.ErrIterationLimit
		}
		if strings.Contains(e.Error(), "solve:") || !errors.Is(e, sentinel) {
			t.Errorf("%v: the solver's words, or %v lost", e, sentinel)
		}
	}
}
