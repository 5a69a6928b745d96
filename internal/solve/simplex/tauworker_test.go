package simplex

import (
	"fmt"
	"slices"
	"testing"
)

// TestTauWorkerSameResults solves random problems of every kind with the
// steepest-edge FTRAN on the worker and without it: the worker computes
// the same numbers by the same operations, so every result is bitwise the
// same, iterations included. Run with -race, it checks the handover.
func TestTauWorkerSameResults(t *testing.T) {
	defer func(v int) { tauMinRows = v }(tauMinRows)
	defer func() { tauTakeBack = true }()
	jobs := tauJobs.Load()
	kinds := []randKind{randFeasible, randInfeasible, randUnbounded, randPullUp}
	used := 0
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 5; seed++ {
			for _, kind := range kinds {
				p := randomLP(seed, sh.m, sh.n, sh.perCol, kind)
				name := fmt.Sprintf("%dx%d seed %d kind %d", sh.m, sh.n, seed, kind)
				tauMinRows = TauWorkerMinRows
				a := mustSolve(t, p, &Options{Method: Dual})
				tauMinRows = 1
				// The worker doing every job, then jobs taken back when
				// the worker has not started them.
				for _, takeBack := range []bool{false, true} {
					tauTakeBack = takeBack
					b := mustSolve(t, p, &Options{Method: Dual})
					if a.Status != b.Status || a.Iters != b.Iters || a.DualIters != b.DualIters ||
						!slices.Equal(a.X, b.X) || a.Obj != b.Obj && a.Status == Optimal {
						t.Fatalf("%s: with the worker (take back %v) %v obj %v iters %d, without %v obj %v iters %d",
							name, takeBack, b.Status, b.Obj, b.Iters, a.Status, a.Obj, a.Iters)
					}
					if b.DualIters > 0 {
						used++
					}
				}
			}
		}
	}
	if used == 0 || tauJobs.Load() == jobs {
		t.Fatalf("%d solves ran a dual iteration, the worker did %d FTRANs: the worker was not tested", used, tauJobs.Load()-jobs)
	}
	t.Logf("the worker did %d FTRANs, the solver took back %d", tauJobs.Load()-jobs, tauTakenBack.Load())
	if tauBusy.Load() {
		t.Error("the worker's token is still held after every solve returned")
	}
}

// TestTauWorkerConcurrentSolves runs solves on two goroutines with the
// worker allowed: at most one solve has it, a solve gives it up when
// another starts, and the results are those of sequential solves.
func TestTauWorkerConcurrentSolves(t *testing.T) {
	defer func(v int) { tauMinRows = v }(tauMinRows)
	var probs []*Problem
	var want []*Result
	tauMinRows = TauWorkerMinRows
	for seed := uint64(1); seed <= 8; seed++ {
		p := randomLP(seed, 150, 400, 4, randFeasible)
		probs = append(probs, p)
		want = append(want, mustSolve(t, p, &Options{Method: Dual}))
	}
	tauMinRows = 1
	got := make([]*Result, len(probs))
	errs := make(chan error, 2)
	for g := range 2 {
		go func() {
			for k := g; k < len(probs); k += 2 {
				r, err := Solve(t.Context(), probs[k], &Options{Method: Dual})
				got[k] = r
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for k := range probs {
		if got[k].Status != want[k].Status || got[k].Iters != want[k].Iters || !slices.Equal(got[k].X, want[k].X) {
			t.Errorf("problem %d: %v in %d iterations concurrently, %v in %d alone", k, got[k].Status, got[k].Iters, want[k].Status, want[k].Iters)
		}
	}
	if tauBusy.Load() || activeDuals.Load() != 0 {
		t.Errorf("after the solves: worker token %v, %d dual runs counted", tauBusy.Load(), activeDuals.Load())
	}
}
