package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
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

// enterpriseYAML writes the scenario of issue 14's "enterprise scale"
// targets: the built-in catalog's 16 functions, n regions and the given
// periods (quarters, or months when monthly), 16 investments with
// prerequisites and ramp-up, coverage floors, hiring and exit limits per
// period, and a budget about what a healthy heart costs. The regions
// differ in a fixed pattern (sellers, growth, cost, current staff, limits),
// so the scenario is the same on every run. testdata/enterprise.yaml
// (40 regions, 20 quarters) and testdata/enterprise-months.yaml (20
// regions, 36 months) are its output (TestEnterpriseFiles).
func enterpriseYAML(n, periods int, monthly bool) string {
	var b strings.Builder
	// Per period: a month is a third of a quarter's hires and ramp.
	perPeriod, rampUnit, start, kind := 1.0, 1, "2027-Q1", "quarter"
	if monthly {
		perPeriod, rampUnit, start, kind = 1.0/3, 3, "2027-04", "month"
	}
	var sellers float64
	var regions strings.Builder
	for r := range n {
		s := 60 + float64((r*53)%540)
		sellers += s
		fmt.Fprintf(&regions, "  - {name: Region %02d, sellers: %g, seller_growth_per_year: %g, cost_per_fte: %d, current_fte: {sales_support: %g, proposals: %g, pipeline: %g}, max_hires_per_period: %g, max_exits_per_period: %g}\n",
			r+1, s, float64(r%8)/50, 70000+(r%12)*10000, math.Round(s/12)/10, math.Round(s/40)/10, math.Round(s/80)/10,
			math.Round(10*perPeriod*(1+float64(r%3)))/10, math.Round(10*perPeriod*(0.5+float64(r%2)/2))/10)
	}
	fmt.Fprintf(&b, "# Generated by enterpriseYAML (internal/plan/scale_test.go): issue 14's\n# enterprise scale benchmark, 16 functions x %d regions x %d %ss.\n", n, periods, kind)
	fmt.Fprintf(&b, "name: Enterprise 16x%dx%d\ndescription: Global enterprise, %d regions, %d %ss, 16 investments\ncurrency: USD\n", n, periods, n, periods, kind)
	if monthly {
		fmt.Fprintf(&b, "horizon: {start: %s, periods: %d, period: month, fiscal_year_start: 4}\n", start, periods)
	} else {
		fmt.Fprintf(&b, "horizon: {start: %s, periods: %d}\n", start, periods)
	}
	stages := make([]string, periods)
	for t := range stages {
		switch {
		case t < periods*2/5:
			stages[t] = "growth"
		case t < periods*4/5:
			stages[t] = "expansion"
		default:
			stages[t] = "margin"
		}
	}
	fmt.Fprintf(&b, "stage: [%s]\n", strings.Join(stages, ", "))
	// About $8,000 a seller a year keeps the heart near healthy: the
	// last periods are short of money, the first have some for the brain.
	fmt.Fprintf(&b, "budget: {annual: %.0f, change_per_year: 0.03}\n", 1000*math.Round(8*sellers))
	b.WriteString("policy:\n  healthy_heart: 0.9\n  central_share: {min: 0.25, max: 0.75}\n")
	fmt.Fprintf(&b, "central:\n  cost_per_fte: 150000\n  current_fte: {comp_admin: %g, reporting: %g, territories: %g, quotas: %g, crm_admin: %g, analytics: %g, planning: %g}\n",
		math.Round(sellers/300), math.Round(sellers/400), math.Round(sellers/700), math.Round(sellers/700), math.Round(sellers/400), math.Round(sellers/500), math.Round(sellers/800))
	fmt.Fprintf(&b, "  max_hires_per_period: %g\n  max_exits_per_period: %g\n", math.Round(10*perPeriod*sellers/500)/10, math.Round(10*perPeriod*sellers/1000)/10)
	b.WriteString("regions:\n")
	b.WriteString(regions.String())
	b.WriteString(`functions:
  - {id: comp_admin, min_coverage: 0.8}
  - {id: sales_support, min_coverage: 0.75, weight: 2}
  - {id: proposals, min_coverage: 0.6}
  - {id: pipeline, min_coverage: 0.6}
  - {id: territories, min_coverage: 0.7}
  - {id: quotas, min_coverage: 0.7}
  - {id: crm_admin, min_coverage: 0.6}
  - {id: analytics, weight: 1.5}
investments:
`)
	invs := []string{
		"{id: cpq, name: CPQ platform, cost: {upfront: 900000, per_year: 350000}, covers: {cpq: 0.35, proposals: 0.15}, seller_hours_per_week: 1.5, ramp_periods: %[1]d}",
		"{id: crm, name: CRM platform, cost: {per_year: 1200000}, covers: {crm_admin: 0.2, pipeline: 0.1}, owned: true}",
		"{id: crm_upgrade, name: CRM automation add-on, cost: {upfront: 300000, per_year: 250000}, covers: {crm_admin: 0.15, sales_support: 0.05}, requires: [crm], ramp_periods: %[2]d}",
		"{id: bi, name: BI platform, cost: {upfront: 400000, per_year: 500000}, covers: {analytics: 0.3, reporting: 0.25, planning: 0.2}, ramp_periods: %[2]d}",
		"{id: forecasting, name: AI forecasting, cost: {upfront: 250000, per_year: 220000}, covers: {planning: 0.2, pipeline: 0.1, market_advisory: 0.15}, requires: [bi], scalable: true, ramp_periods: %[1]d}",
		"{id: comp_tool, name: Incentive compensation tool, cost: {upfront: 600000, per_year: 280000}, covers: {comp_admin: 0.3, comp_design: 0.1}, ramp_periods: %[2]d}",
		"{id: territory_tool, name: Territory and quota planning, cost: {upfront: 200000, per_year: 180000}, covers: {territories: 0.25, quotas: 0.2}, requires: [bi]}",
		"{id: playbooks, name: Digital playbooks, cost: {per_year: 200000}, covers: {enablement: 0.2, content: 0.2}, scalable: true}",
		"{id: deal_desk, name: Deal desk workflow, cost: {upfront: 150000, per_year: 120000}, covers: {deal_reviews: 0.25, proposals: 0.05}, requires: [cpq], seller_hours_per_week: 0.5}",
		"{id: lms, name: Learning platform, cost: {upfront: 100000, per_year: 150000}, covers: {enablement: 0.15}, seller_hours_per_week: 0.5, scalable: true, ramp_periods: %[3]d}",
		"{id: clm, name: Contract management, cost: {upfront: 350000, per_year: 200000}, covers: {deal_reviews: 0.1, proposals: 0.1}, requires: [cpq], ramp_periods: %[2]d}",
		"{id: data_quality, name: CRM data quality service, cost: {per_year: 300000}, covers: {crm_admin: 0.1, reporting: 0.1}, requires: [crm], scalable: true}",
		"{id: quota_ai, name: Quota modelling, cost: {upfront: 150000, per_year: 160000}, covers: {quotas: 0.15, planning: 0.1}, requires: [territory_tool], ramp_periods: %[2]d}",
		"{id: enablement_ai, name: AI coaching, cost: {upfront: 200000, per_year: 260000}, covers: {enablement: 0.2, content: 0.1}, requires: [lms], seller_hours_per_week: 0.5, ramp_periods: %[1]d}",
		"{id: support_portal, name: Sales support portal, cost: {upfront: 500000, per_year: 300000}, covers: {sales_support: 0.1, proposals: 0.05}, ramp_periods: %[1]d}",
		"{id: revenue_intel, name: Revenue intelligence, cost: {upfront: 300000, per_year: 400000}, covers: {pipeline: 0.15, market_advisory: 0.1, analytics: 0.1}, requires: [crm, bi], ramp_periods: %[2]d}",
	}
	for _, inv := range invs {
		b.WriteString("  - ")
		if strings.Contains(inv, "%") {
			inv = fmt.Sprintf(inv, 2*rampUnit, rampUnit, 3*rampUnit)
		}
		b.WriteString(inv)
		b.WriteString("\n")
	}
	return b.String()
}

// enterpriseFiles are the benchmark scenarios of issue 14 with the
// arguments of enterpriseYAML that write them.
var enterpriseFiles = []struct {
	file            string
	regions, period int
	monthly         bool
}{
	{"testdata/enterprise.yaml", 40, 20, false},
	{"testdata/enterprise-months.yaml", 20, 36, true},
}

// The enterprise scenarios in testdata are enterpriseYAML's output, and
// they load; CARDIO_WRITE_ENTERPRISE=1 rewrites them.
func TestEnterpriseFiles(t *testing.T) {
	for _, e := range enterpriseFiles {
		want := enterpriseYAML(e.regions, e.period, e.monthly)
		if os.Getenv("CARDIO_WRITE_ENTERPRISE") != "" {
			if err := os.WriteFile(e.file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(e.file)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is not enterpriseYAML(%d, %d, %v): run with CARDIO_WRITE_ENTERPRISE=1", e.file, e.regions, e.period, e.monthly)
		}
		s, err := scenario.Load(e.file, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Functions) != 16 || len(s.Regions) != e.regions || s.Periods() != e.period || len(s.Investments) != 16 {
			t.Errorf("%s: %d functions, %d regions, %d periods, %d investments", e.file, len(s.Functions), len(s.Regions), s.Periods(), len(s.Investments))
		}
	}
}

// enterpriseIterCeiling is the most simplex iterations the quarterly
// enterprise plan may take, over every LP of its five stages (branch and
// bound and the block starts included): 27,388 in session 21, plus 15%.
// A plan's time is its iterations times their cost, and the 5 s target
// (BenchmarkPlanEnterprise) has little room on a slow machine. CI runs no
// benchmark, but the count is exact (same input, same path, with or
// without the second core's worker), so a change that lengthens the
// path fails here. A change that shortens it should lower the ceiling.
const enterpriseIterCeiling = 31_500

// The quarterly enterprise plan stays within its iteration budget.
func TestEnterpriseWork(t *testing.T) {
	s, err := scenario.Load("testdata/enterprise.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	pl := Planner{LP: solve.Revised{}, Once: true}
	p, _, err := pl.Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != StatusOptimal {
		t.Fatalf("status %v, want optimal", p.Status)
	}
	t.Logf("%d simplex iterations, the ceiling %d", pl.lastIters, enterpriseIterCeiling)
	if pl.lastIters <= 0 || pl.lastIters > enterpriseIterCeiling {
		t.Errorf("the plan took %d simplex iterations, want 1 to %d", pl.lastIters, enterpriseIterCeiling)
	}
}

// searchHardLPCeiling is the most LPs (branch-and-bound nodes, hints and
// repairs, over the five stages) the plan of enterpriseYAML(10, 8) may
// take, and searchHardIterCeiling the most simplex iterations: 483 LPs
// and 11,480 iterations since session 34's cutoff with the true costs
// (simplex trueCutOff; 502 and 13,604 before it), plus about 20% and 10%.
// Branching by pseudo costs after the first 20 nodes (solve's
// pseudoCostAfter, session 33) took it from 1,487 LPs to 502, and the plan
// from 4.9 s to 1.8 s. Its budget leaves the investments' choices close, so
// its searches are long (docs/performance.md, "Size and time", "Session
// 34"). A change that lengthens them fails here; one that shortens them
// should lower the ceilings.
const (
	searchHardLPCeiling   = 580
	searchHardIterCeiling = 12_600
)

// The plan of a scenario whose investment choices are close stays within
// searchHardLPCeiling LPs and searchHardIterCeiling iterations.
func TestSearchHardPlanWork(t *testing.T) {
	file := filepath.Join(t.TempDir(), "close.yaml")
	if err := os.WriteFile(file, []byte(enterpriseYAML(10, 8, false)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	lps := 0
	pl := Planner{LP: solve.Revised{}, Once: true, Opt: solve.Options{Progress: func(string) { lps++ }}}
	p, _, err := pl.Optimize(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != StatusOptimal {
		t.Fatalf("status %v, want optimal", p.Status)
	}
	t.Logf("%d LPs and %d simplex iterations, the ceilings %d and %d", lps, pl.lastIters, searchHardLPCeiling, searchHardIterCeiling)
	if lps <= 0 || lps > searchHardLPCeiling {
		t.Errorf("the plan solved %d LPs, want 1 to %d", lps, searchHardLPCeiling)
	}
	if pl.lastIters <= 0 || pl.lastIters > searchHardIterCeiling {
		t.Errorf("the plan took %d simplex iterations, want 1 to %d", pl.lastIters, searchHardIterCeiling)
	}
}

// BenchmarkPlanEnterprise measures issue 14's targets: a full plan (five
// stages, branch and bound, evaluation, verification, no marginal values:
// cardio plan --marginal=false) of 16 functions x 40 regions x 20
// quarters and of 16 x 20 x 36 months, each with 16 investments. The
// target is 5 s on 2 cores; cpu-s/op is the process's CPU time per plan,
// steadier than the wall time on a shared machine.
//
//	go test -run='^$' -bench='^BenchmarkPlanEnterprise$' -benchtime=1x ./internal/plan/
func BenchmarkPlanEnterprise(b *testing.B) {
	for _, e := range enterpriseFiles {
		s := loadBench(b, e.file)
		b.Run(filepath.Base(e.file), func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
				if err != nil || p.Status != StatusOptimal {
					b.Fatal(err, p.Status)
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// BenchmarkPlanWholePeople measures a full plan in whole people
// (policy.whole_people, --marginal=false) of the large and enterprise
// scenarios, their hire and exit limits rounded up to whole people (a
// limit of 0.4 allows no hire in whole people). Their searches stop at the
// node limit scaled to the model's size (solve.DefaultNodeLimitFor);
// gap-% is the plan's stated gap.
//
//	go test -run='^$' -bench='^BenchmarkPlanWholePeople$' -benchtime=1x ./internal/plan/
func BenchmarkPlanWholePeople(b *testing.B) {
	files := []string{"testdata/large.yaml"}
	for _, e := range enterpriseFiles {
		files = append(files, e.file)
	}
	for _, file := range files {
		s := loadBench(b, file)
		s.Policy.WholePeople = true
		whole := func(t *scenario.Team) {
			if t.HasHireLimit() {
				t.MaxHiresPerPeriod = math.Ceil(t.MaxHiresPerPeriod)
			}
			if t.HasExitLimit() {
				t.MaxExitsPerPeriod = math.Ceil(t.MaxExitsPerPeriod)
			}
		}
		whole(&s.Central)
		for i := range s.Regions {
			whole(&s.Regions[i].Team)
		}
		b.Run(filepath.Base(file), func(b *testing.B) {
			start := cpuTime()
			var p *Plan
			for b.Loop() {
				var err error
				p, err = Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
				if err != nil || p.Status != StatusOptimal && p.Status != StatusOptimalWithinGap {
					b.Fatal(err, p.Status)
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(100*p.Gap, "gap-%")
		})
	}
}

// BenchmarkPlanScaling measures a full plan (as BenchmarkPlanEnterprise)
// against the model's size, for the curve of docs/performance.md: the
// typical and large scenarios and enterpriseYAML between them and the
// enterprise ones. cells/op is the number of function-region-period
// cells (16 functions x regions x periods).
//
//	go test -run='^$' -bench='^BenchmarkPlanScaling$' -benchtime=1x ./internal/plan/
func BenchmarkPlanScaling(b *testing.B) {
	type point struct {
		name string
		s    *scenario.Scenario
	}
	points := []point{
		{"typical", loadBench(b, "testdata/typical.yaml")},
		{"large", loadBench(b, "testdata/large.yaml")},
	}
	for _, size := range [][2]int{{10, 8}, {20, 12}, {30, 16}} {
		file := filepath.Join(b.TempDir(), "scale.yaml")
		if err := os.WriteFile(file, []byte(enterpriseYAML(size[0], size[1], false)), 0o644); err != nil {
			b.Fatal(err)
		}
		points = append(points, point{fmt.Sprintf("%dx%d", size[0], size[1]), loadBench(b, file)})
	}
	for _, pt := range points {
		b.Run(pt.name, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				p, err := Optimize(context.Background(), pt.s, solve.Revised{}, solve.Options{})
				if err != nil || p.Status != StatusOptimal {
					b.Fatal(err, p.Status)
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(len(pt.s.Functions)*len(pt.s.Regions)*pt.s.Periods()), "cells")
		})
	}
}
