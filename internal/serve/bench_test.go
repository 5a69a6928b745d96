package serve_test

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkChange is the server's time per change on the typical scenario:
// each change moves the budget and re-plans warm from the session's last
// plan. It reports the median and p95 of the server's solve time
// (solve_ms, what the page shows) and of the whole request.
func BenchmarkChange(b *testing.B) {
	ts := start(b, typical)
	c := open(b, ts)
	c.change(map[string]any{})
	var solve, total []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		r := c.change(map[string]any{"set": []set{{"budget.annual", 8e6 + 5e4*float64(i%40)}}})
		total = append(total, time.Since(t0))
		solve = append(solve, time.Duration(r.SolveMS*float64(time.Millisecond)))
	}
	slices.Sort(solve)
	slices.Sort(total)
	q := func(d []time.Duration, p float64) float64 {
		return float64(d[int(p*float64(len(d)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(q(solve, .5), "solve-p50-ms")
	b.ReportMetric(q(solve, .95), "solve-p95-ms")
	b.ReportMetric(q(total, .5), "request-p50-ms")
	b.ReportMetric(q(total, .95), "request-p95-ms")
}
