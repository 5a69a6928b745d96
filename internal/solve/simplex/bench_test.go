package simplex

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: the machine running the
// benchmarks may be shared, and CPU time is steadier than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchRandom(b *testing.B, m, n int, meth Method, kind randKind) {
	p := randomLP(7, m, n, 4, kind)
	ctx := context.Background()
	iters := 0
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		r, err := Solve(ctx, p, &Options{Method: meth})
		if err != nil || r.Status != Optimal {
			b.Fatalf("status %v err %v", r.Status, err)
		}
		iters = r.Iters
	}
	b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(iters), "iters")
}

// BenchmarkRandomSparse1000x350 is the shape of a typical cardio scenario:
// 1,000 variables, 350 rows, about 4 nonzeros per column.
func BenchmarkRandomSparse1000x350(b *testing.B) { benchRandom(b, 350, 1000, Auto, randFeasible) }

// The same forcing the primal simplex.
func BenchmarkRandomSparse1000x350Primal(b *testing.B) {
	benchRandom(b, 350, 1000, Primal, randFeasible)
}

// A start that is neither primal nor dual feasible (costs pull unbounded
// columns up, as in a maximization).
func BenchmarkRandomSparse1000x350PullUp(b *testing.B) {
	benchRandom(b, 350, 1000, Auto, randPullUp)
}
func BenchmarkRandomSparse1000x350PullUpPrimal(b *testing.B) {
	benchRandom(b, 350, 1000, Primal, randPullUp)
}
