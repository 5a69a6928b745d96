package plan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// regionsYAML writes a scenario of n regions on the built-in catalog (16
// functions), four quarters and three investments, for the measures of
// size. The regions differ (sellers, growth, cost, current staff) in a
// fixed pattern. With feasible false the budget pays for about a third of
// what the floors need, so the plan is infeasible and must be explained.
func regionsYAML(n int, feasible bool) string {
	var b strings.Builder
	var sellers float64
	regions := make([]string, n)
	for r := range n {
		s := 40 + float64((r*37)%460)
		sellers += s
		regions[r] = fmt.Sprintf("  - {name: Region %d, sellers: %g, seller_growth_per_year: %g, cost_per_fte: %d, current_fte: {sales_support: %g, proposals: %g}, max_hires_per_period: %g}\n",
			r+1, s, float64(r%7)/50, 100000+(r%9)*10000, s/100, s/300, 1+float64(r%3))
	}
	// The baseline's 840 sellers need about $3M a year for their floors
	// and $6.2M for a healthy heart.
	budget := 9000 * sellers
	if !feasible {
		budget = 1200 * sellers
	}
	fmt.Fprintf(&b, "name: Regions %d\nhorizon: {start: 2027-Q1, periods: 4}\nstage: [growth, growth, expansion, expansion]\n", n)
	fmt.Fprintf(&b, "budget: {annual: %.0f, change_per_year: -0.05}\n", budget)
	b.WriteString("policy:\n  central_share: {min: 0.2, max: 0.7}\n")
	b.WriteString("central:\n  cost_per_fte: 150000\n  current_fte: {comp_admin: 5, reporting: 4, crm_admin: 4}\n")
	b.WriteString("regions:\n")
	for _, r := range regions {
		b.WriteString(r)
	}
	b.WriteString(`functions:
  - {id: comp_admin, min_coverage: 0.8}
  - {id: sales_support, min_coverage: 0.7, weight: 2}
  - {id: proposals, min_coverage: 0.5}
  - {id: pipeline, min_coverage: 0.6}
investments:
  - {id: cpq, cost: {upfront: 250000, per_year: 90000}, covers: {cpq: 0.35, proposals: 0.15}, ramp_periods: 2}
  - {id: bi, cost: {upfront: 120000, per_year: 150000}, covers: {analytics: 0.3, reporting: 0.25}}
  - {id: playbooks, cost: {per_year: 50000}, covers: {enablement: 0.2, content: 0.2}, scalable: true}
`)
	return b.String()
}

// regionsScenario loads regionsYAML(n, feasible).
func regionsScenario(tb testing.TB, n int, feasible bool) *scenario.Scenario {
	tb.Helper()
	file := filepath.Join(tb.TempDir(), "regions.yaml")
	if err := os.WriteFile(file, []byte(regionsYAML(n, feasible)), 0o644); err != nil {
		tb.Fatal(err)
	}
	s, err := scenario.Load(file, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkBuild measures model building alone against the number of
// regions: it must grow linearly (issue 17: it was quadratic, 83 s for 500
// regions).
//
//	go test -run='^$' -bench='^BenchmarkBuild$' ./internal/plan/
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000} {
		s := regionsScenario(b, n, true)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				model.Build(s)
			}
		})
	}
}

// BenchmarkPlanRegions measures a whole plan (five stages, evaluation,
// verification) against the number of regions.
//
//	go test -run='^$' -bench='^BenchmarkPlanRegions$' -benchtime=1x ./internal/plan/
func BenchmarkPlanRegions(b *testing.B) {
	for _, n := range []int{50, 200} {
		s := regionsScenario(b, n, true)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
				if err != nil || p.Status != StatusOptimal {
					b.Fatal(err, p.Status)
				}
			}
		})
	}
}

// BenchmarkExplainRegions measures the plan of an infeasible scenario of
// n regions, its explanation included (issue 17: 200 regions within a
// minute), and reports how many LPs it solved.
//
//	go test -run='^$' -bench='^BenchmarkExplainRegions$' -benchtime=1x ./internal/plan/
func BenchmarkExplainRegions(b *testing.B) {
	for _, n := range []int{50, 200} {
		s := regionsScenario(b, n, false)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			lps := 0
			opt := solve.Options{Progress: func(string) { lps++ }}
			for b.Loop() {
				p, err := Optimize(context.Background(), s, solve.Revised{}, opt)
				if err != nil || p.Status != StatusInfeasible || len(p.Problems) == 0 {
					b.Fatal(err, p)
				}
			}
			b.ReportMetric(float64(lps)/float64(b.N), "LPs/op")
		})
	}
}

// A scenario beyond model.MaxCells is refused before anything is built,
// with what it has and what is allowed; one at the limit plans as usual
// (not solved here: it takes a minute).
func TestTooLargeRefused(t *testing.T) {
	at := regionsScenario(t, 500, true) // 16 functions x 500 regions x 4 quarters
	if err := model.CheckSize(at); err != nil {
		t.Errorf("500 regions: %v", err)
	}
	big := regionsScenario(t, 501, true)
	_, err := Optimize(context.Background(), big, solve.Revised{}, solve.Options{})
	var tl *model.TooLargeError
	if !errors.Is(err, model.ErrTooLarge) || !errors.As(err, &tl) || tl.Cells != 16*501*4 || tl.Regions != 501 {
		t.Fatalf("501 regions: %v, want a TooLargeError of %d cells", err, 16*501*4)
	}
	if msg := err.Error(); !strings.Contains(msg, "32064 function-region-period cells") || !strings.Contains(msg, "at most 32000") {
		t.Errorf("message %q", msg)
	}
	if _, err := BudgetCase(context.Background(), big, solve.Revised{}, 0.9, 0); !errors.Is(err, model.ErrTooLarge) {
		t.Errorf("budget case of 501 regions: %v, want ErrTooLarge", err)
	}
}
