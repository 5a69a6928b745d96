//go:build unix

package plan

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/cardio-planning/cardio/internal/solve"
)

// BenchmarkRisk1000 is issue 15's target: 1,000 draws of the typical
// scenario with five uncertain inputs (typicalRanges), on all cores
// (target <= 10 s on 2 cores):
//
//	go test -run='^$' -bench='^BenchmarkRisk1000$' -benchtime=1x ./internal/plan/
func BenchmarkRisk1000(b *testing.B) {
	doc := riskFile(b, "testdata/typical.yaml", typicalRanges...)
	defer cpuMetric(b)()
	for b.Loop() {
		if _, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRisk200 is BenchmarkRisk1000 with 200 draws, to iterate on.
func BenchmarkRisk200(b *testing.B) {
	doc := riskFile(b, "testdata/typical.yaml", typicalRanges...)
	defer cpuMetric(b)()
	for b.Loop() {
		if _, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 200, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRiskGoal is the goal seek on the same draws (--heart 0.85
// --confidence 0.9; target <= 60 s): the run, each draw's least budget,
// and the check of the printed figure over all draws.
//
//	go test -run='^$' -bench='^BenchmarkRiskGoal$' -benchtime=1x ./internal/plan/
func BenchmarkRiskGoal(b *testing.B) {
	doc := riskFile(b, "testdata/typical.yaml", typicalRanges...)
	defer cpuMetric(b)()
	for b.Loop() {
		res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 1000, Seed: 1, Heart: 0.85, Confidence: 0.9})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Goal.Reachable {
			b.Fatalf("goal %+v", res.Goal)
		}
	}
}

// cpuMetric reports the process's CPU time per operation (user and
// system, all threads) as cpu-s/op: on a shared machine the wall time
// depends on the other load, the CPU time much less; on 2 idle cores the
// wall time is about half of it.
func cpuMetric(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
