package serve_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// Load on loopback: 50 sessions make 20 changes each at once against a
// server on 127.0.0.1. Every answer is checked against a cold plan of the
// same change (cardio plan --set), none is lost, and the p50 and p95
// latencies are reported.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test runs 1000 plans: skipped under -short")
	}
	const sessions, changes, values = 50, 20, 10
	ts := start(t, baseline)
	budget := func(k int) float64 { return 5.4e6 + 1e5*float64(k%values) }
	want := make([]figures, values)
	for k := range values {
		want[k] = figuresOf(t, cliPlan(t, baseline, fmt.Sprint("budget.annual=", budget(k))))
	}
	clients := make([]*client, sessions)
	for i := range clients {
		clients[i] = open(t, ts)
	}
	var mu sync.Mutex
	var lat, solve []time.Duration
	var wg sync.WaitGroup
	begin := time.Now()
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range changes {
				k := i*7 + j*3 // each session its own order of budgets
				t0 := time.Now()
				r := c.change(map[string]any{"set": []set{{"budget.annual", budget(k)}}})
				d := time.Since(t0)
				sameFigures(t, fmt.Sprintf("session %d change %d", i, j), figuresOf(t, r.Plan), want[k%values])
				mu.Lock()
				lat = append(lat, d)
				solve = append(solve, time.Duration(r.SolveMS*float64(time.Millisecond)))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(lat) != sessions*changes {
		t.Fatalf("%d answers, want %d", len(lat), sessions*changes)
	}
	slices.Sort(lat)
	slices.Sort(solve)
	q := func(d []time.Duration, p float64) time.Duration { return d[int(p*float64(len(d)-1))] }
	t.Logf("%d sessions x %d changes in %v: latency p50 %v p95 %v; server solve p50 %v p95 %v",
		sessions, changes, time.Since(begin).Round(time.Millisecond), q(lat, .5), q(lat, .95), q(solve, .5), q(solve, .95))
}
