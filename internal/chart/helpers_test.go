package chart

import (
	"context"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// loaded is file loaded with the overrides sets; the test fails when it
// does not load.
func loaded(t *testing.T, file string, sets ...string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(file, sets)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// optimized is s's optimized plan; the test fails when it has none.
func optimized(t *testing.T, s *scenario.Scenario) *plan.Plan {
	t.Helper()
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
