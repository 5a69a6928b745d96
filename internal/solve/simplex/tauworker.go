package simplex

import (
	"runtime"
	"sync/atomic"
)

// TauWorkerMinRows is the number of rows from which the dual simplex
// computes its steepest-edge FTRAN (tau = B^-1 rho) on a second core, at
// the same time as the pivot row, the ratio test and the entering column.
// On the enterprise models (14,000-15,000 rows) that FTRAN is 15-18% of an
// iteration of 0.1-0.4 ms; on small models an iteration takes microseconds
// and handing work over would cost more than it saves.
const TauWorkerMinRows = 5000

// tauMinRows is TauWorkerMinRows, lowered by tests to run the worker on
// small problems.
var tauMinRows = TauWorkerMinRows

// tauBusy is held by the one solve in the process that has a tau worker,
// and activeDuals counts the dual simplex runs under way: a second core
// serves a solve that runs alone, while concurrent solves (risk draws,
// sweeps, marginal values, parallel tests) keep the cores busy already.
var (
	tauBusy     atomic.Bool
	activeDuals atomic.Int32
)

// tauWorker computes tau on a goroutine of its own. The handover spins on
// an atomic state rather than blocking on a channel: waking a parked
// goroutine costs tens of microseconds on a loaded machine, as much as
// the FTRAN itself (a goroutine started each iteration made the
// quarterly enterprise plan 14% slower). So the worker keeps the second
// core busy for as long as the dual simplex runs.
type tauWorker struct {
	state atomic.Int32
	// The job: f is the solver's factor as it stands, copied each time,
	// with the scratch below instead of the solver's (an FTRAN writes only
	// its scratch; the factorization itself is read).
	f      factor
	hy     hyper
	nb, nx []float64
	in     []float64 // rho, zero between jobs
	idx    []int     // rho's nonzeros (the solver's list, read only)
	out    []float64 // tau
}

const (
	tauIdle int32 = iota
	tauPosted
	tauDone
	tauQuit
)

// startTauWorker returns a running worker for s, or nil when s is too
// small, there is one core, or another solve is under way.
func startTauWorker(s *solver) *tauWorker {
	if s.m < tauMinRows || runtime.GOMAXPROCS(0) < 2 || activeDuals.Load() > 1 || !tauBusy.CompareAndSwap(false, true) {
		return nil
	}
	w := &tauWorker{in: make([]float64, s.m)}
	go w.run()
	return w
}

func (w *tauWorker) run() {
	for spins := 0; ; spins++ {
		switch w.state.Load() {
		case tauPosted:
			clear(w.out)
			w.f.ftranSparse(w.in, w.idx, w.out, nil)
			w.state.Store(tauDone)
			spins = 0
		case tauQuit:
			return
		default:
			if spins&255 == 255 {
				runtime.Gosched()
			}
		}
	}
}

// post hands the worker the FTRAN of s.rho into s.tau, which the solver
// must neither read nor write until wait returns.
func (w *tauWorker) post(s *solver) {
	w.f = *s.f
	if n := s.f.nNuc; len(w.nb) < n {
		w.nb, w.nx = make([]float64, n), make([]float64, n)
	}
	w.f.hy, w.f.nb, w.f.nx = w.hy, w.nb, w.nx
	for _, i := range s.rhoIdx {
		w.in[i] = s.rho[i]
	}
	w.idx, w.out = s.rhoIdx, s.tau
	w.state.Store(tauPosted)
}

// wait returns once the posted FTRAN is done (at once when none is).
func (w *tauWorker) wait() {
	if w.state.Load() == tauIdle {
		return
	}
	for spins := 0; w.state.Load() != tauDone; spins++ {
		if spins&255 == 255 {
			runtime.Gosched()
		}
	}
	w.hy = w.f.hy // its marks and lists, grown, for the next job
	w.state.Store(tauIdle)
}

// stop ends the worker and frees the second core for another solve.
func (w *tauWorker) stop() {
	w.wait()
	w.state.Store(tauQuit)
	tauBusy.Store(false)
}
