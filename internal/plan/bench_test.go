package plan

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// BenchmarkPlan measures a full plan (three lexicographic stages, branch and
// bound, evaluation and verification) of each example scenario, of the
// typical 16 functions x 5 regions x 4 quarters scenario with 6
// investments and of the large 16 x 20 x 12 one with 10 investments, on
// the project's revised simplex:
//
//	go test -run='^$' -bench=Plan ./internal/plan/
func BenchmarkPlan(b *testing.B) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	files = append(files, "testdata/typical.yaml", "testdata/large.yaml")
	for _, file := range files {
		s := loadBench(b, file)
		b.Run(filepath.Base(file), func(b *testing.B) {
			for b.Loop() {
				p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
				if err != nil || p.Status == StatusInfeasible {
					b.Fatalf("%v %v", err, p)
				}
			}
		})
	}
}

// BenchmarkResolve measures the re-solve of the typical scenario after one
// input changed (issue 3's "re-solve after one changed input"): a Planner
// has planned the scenario, and each operation plans the changed scenario
// from there (all five stages, branch and bound, evaluation and
// verification), as an interactive what-if or a marginal value does. The
// cold sub-benchmark is the same change planned from scratch.
//
//	go test -run='^$' -bench=Resolve -benchmem ./internal/plan/
func BenchmarkResolve(b *testing.B) {
	const file = "testdata/typical.yaml"
	base := loadBench(b, file)
	changes := []struct{ name, set string }{
		{"budget+1%", "budget.annual=" + strconv.FormatFloat(base.Budget.Annual*1.01, 'g', -1, 64)},
		{"budget-5%", "budget.annual=" + strconv.FormatFloat(base.Budget.Annual*0.95, 'g', -1, 64)},
		{"max_fte+1", "policy.max_fte=" + strconv.FormatFloat(base.Policy.MaxFTE+1, 'g', -1, 64)},
		{"emea_sellers+10%", "regions[EMEA].sellers=" + strconv.FormatFloat(base.Regions[1].Sellers*1.1, 'g', -1, 64)},
	}
	pl := Planner{LP: solve.Revised{}}
	if _, _, err := pl.Optimize(context.Background(), base); err != nil {
		b.Fatal(err)
	}
	for _, c := range changes {
		s, err := scenario.Load(file, []string{c.set})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				from := pl
				if _, _, err := from.Optimize(context.Background(), s); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/cold", func(b *testing.B) {
			for b.Loop() {
				if _, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// stage1Files are the scenarios whose stage-1 model BenchmarkStage1
// solves; scripts/bench-glpk.sh times glpsol on the same models (written
// by cardio export-lp) and compares. With CARDIO_BENCH_ENTERPRISE set
// (ENTERPRISE=1 scripts/bench-glpk.sh) they are issue 14's enterprise
// scenarios instead, whose five stages take glpsol minutes.
var stage1Files = func() []string {
	if os.Getenv("CARDIO_BENCH_ENTERPRISE") != "" {
		return []string{"testdata/enterprise.yaml", "testdata/enterprise-months.yaml"}
	}
	return []string{"../../scenarios/baseline.yaml", "testdata/typical.yaml", "testdata/large.yaml"}
}()

// BenchmarkStage1 measures the stage-1 LP alone (the model cardio export-lp
// writes, branch and bound included), through solve.Solve over Revised
// from a cold start:
//
//	go test -run='^$' -bench=Stage1 -benchmem ./internal/plan/
func BenchmarkStage1(b *testing.B) {
	for _, file := range stage1Files {
		p := model.Build(loadBench(b, file)).Stage1()
		b.Run(filepath.Base(file), func(b *testing.B) {
			for b.Loop() {
				sol, err := solve.Solve(context.Background(), p, solve.Revised{}, solve.Options{})
				if err != nil || sol.Status != solve.Optimal {
					b.Fatalf("%v %v", err, sol)
				}
			}
			b.ReportMetric(float64(len(p.Vars)), "cols")
			b.ReportMetric(float64(len(p.Rows)), "rows")
		})
	}
}

// BenchmarkStages measures the solve of all the lexicographic stages of
// the stage1Files scenarios (model.Solve over Revised, cold, branch and
// bound included; no evaluation of the plan): what scripts/bench-glpk.sh
// compares with glpsol's time on the five stage models export-lp --stage
// writes.
//
//	go test -run='^$' -bench='^BenchmarkStages$' -benchmem ./internal/plan/
func BenchmarkStages(b *testing.B) {
	for _, file := range stage1Files {
		m := model.Build(loadBench(b, file))
		b.Run(filepath.Base(file), func(b *testing.B) {
			for b.Loop() {
				res, err := m.Solve(context.Background(), solve.Revised{}, solve.Options{})
				if err != nil || res.Status != solve.Optimal {
					b.Fatalf("%v %v", err, res)
				}
			}
		})
	}
}

// BenchmarkStage1Gonum measures the stage-1 LP of the baseline and
// typical scenarios through gonum's lp.Simplex (solve.Gonum), the
// reference against which Revised is compared (the large one is out of its
// reach). It takes seconds to minutes per operation, so it is skipped
// under -short; run it with a fixed count:
//
//	go test -run='^$' -bench=Stage1Gonum -benchtime=1x -timeout=60m ./internal/plan/
func BenchmarkStage1Gonum(b *testing.B) {
	if testing.Short() {
		b.Skip("gonum's lp.Simplex takes 10-30 s per operation")
	}
	for _, file := range stage1Files[:2] {
		p := model.Build(loadBench(b, file)).Stage1()
		b.Run(filepath.Base(file), func(b *testing.B) {
			for b.Loop() {
				sol, err := solve.Solve(context.Background(), p, solve.Gonum{}, solve.Options{})
				if err != nil || sol.Status != solve.Optimal {
					b.Fatalf("%v %v", err, sol)
				}
			}
			b.ReportMetric(float64(len(p.Vars)), "cols")
			b.ReportMetric(float64(len(p.Rows)), "rows")
		})
	}
}

func loadBench(b *testing.B, file string) *scenario.Scenario {
	b.Helper()
	s, err := scenario.Load(file, nil)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPeakHeap measures memory against the problem's own size (issue
// 3: "memory at most a few times the problem size"), for the stage-1 LP
// and for the full plan of each stage1Files scenario. It reports:
//
//   - model-MB: the live heap of the built model (solve.Problem: variables
//     with their names, rows with their terms), the "problem size";
//   - lp-peak-MB: the largest live heap above the model while the stage-1
//     LP is solved (solve.Solve over Revised, cold);
//   - plan-peak-MB: the largest live heap while the whole plan is made
//     (Optimize: five stages, branch and bound, evaluation), the scenario
//     excluded.
//
// The garbage collector runs at GOGC=5 during the measured calls, so that
// the heap measured is nearly all live data, and a goroutine samples it
// every millisecond: the figures are a sampled peak, slightly below the
// true one. ns/op is meaningless here (a collection runs every few
// percent of growth).
//
//	go test -run='^$' -bench='^BenchmarkPeakHeap$' -benchtime=3x ./internal/plan/
func BenchmarkPeakHeap(b *testing.B) {
	for _, file := range stage1Files {
		s := loadBench(b, file)
		b.Run(filepath.Base(file), func(b *testing.B) {
			var model0, lp, pl float64
			for b.Loop() {
				var m *model.Model
				model0 = max(model0, heapGrowth(func() { m = model.Build(s) }))
				p := m.Stage1()
				lp = max(lp, peakHeap(func() {
					if _, err := solve.Solve(context.Background(), p, solve.Revised{}, solve.Options{}); err != nil {
						b.Fatal(err)
					}
				}))
				pl = max(pl, peakHeap(func() {
					if _, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{}); err != nil {
						b.Fatal(err)
					}
				}))
			}
			b.ReportMetric(model0/1e6, "model-MB")
			b.ReportMetric(lp/1e6, "lp-peak-MB")
			b.ReportMetric(pl/1e6, "plan-peak-MB")
		})
	}
}

// heapGrowth returns how much f grows the live heap: what it builds and
// keeps.
func heapGrowth(f func()) float64 {
	runtime.GC()
	base := heapAlloc()
	f()
	runtime.GC()
	return float64(heapAlloc()) - float64(base)
}

// peakHeap runs f at GOGC=5 and returns the largest heap sampled while it
// ran, above the live heap before it.
func peakHeap(f func()) float64 {
	old := debug.SetGCPercent(5)
	defer debug.SetGCPercent(old)
	runtime.GC()
	base := heapAlloc()
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		top := base
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				peak <- top
				return
			case <-tick.C:
				top = max(top, heapAlloc())
			}
		}
	}()
	f()
	close(stop)
	return float64(<-peak) - float64(base)
}

func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
