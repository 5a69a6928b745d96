package plan

import (
	"context"
	"errors"
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
