package simplex

import (
	"math/bits"
	"runtime"
	"sync/atomic"
)

// TauWorkerMinRows is the number of rows from which the dual simplex
// computes its steepest-edge FTRAN (tau = B^-1 rho) on a second core, at
// the same time as the pivot row, the ratio test and the entering column.
// On the enterprise models that FTRAN is a sizeable part of an iteration
// (docs/performance.md); on small models an iteration takes microseconds
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

// tauTakeBack lets the solver take back a job the worker has not started;
// tests switch it off to have the worker do every job.
var tauTakeBack = true

// tauJobs and tauTakenBack count the jobs the worker did and those the
// solver took back, for the tests.
var tauJobs, tauTakenBack atomic.Int64

// tauWorker computes tau on a goroutine of its own. The handover spins on
// an atomic state rather than blocking on a channel: waking a parked
// goroutine costs tens of microseconds on a loaded machine, as much as
// the FTRAN itself (a goroutine started each iteration made the
// quarterly enterprise plan 14% slower). So the worker keeps the second
// core busy for as long as the dual simplex runs, which pays only while
// that core is free: when other programs keep it busy, the worker is
// often off the processor when a job is posted, the solver then computes
// tau itself (the job is taken back, not waited for), and after
// tauTakeBackLimit of the last 16 jobs taken back the worker stops until
// the solver tries again. With the second core busy, a worker that was
// always waited for made the quarterly enterprise plan twice as slow as
// none (docs/performance.md, "What was done, and what it gave", item 10).
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
	// recent has a bit set for each of the last 16 jobs taken back.
	recent uint16
}

const (
	tauIdle int32 = iota
	tauPosted
	tauRunning
	tauDone
	tauQuit
)

// tauTakeBackLimit is how many of the last 16 jobs the solver may take
// back before it stops the worker: the second core is not free. Another
// program taking the core for a millisecond makes a run of take-backs,
// so the worker is tried again tauRetryIters iterations later.
const tauTakeBackLimit = 8

// tauRetryIters is how many dual iterations after stopping its worker (or
// failing to get one) the solver first tries to start one again; while
// workers keep tiring soon, the wait doubles up to tauRetryMax.
const (
	tauRetryIters = 200
	tauRetryMax   = 1600
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
			if w.state.CompareAndSwap(tauPosted, tauRunning) {
				clear(w.out)
				w.f.ftranSparse(w.in, w.idx, w.out, nil)
				tauJobs.Add(1)
				w.state.Store(tauDone)
			}
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

// wait returns once the posted FTRAN is done (at once when none is): by
// the worker, or by s itself when the worker has not started it.
func (w *tauWorker) wait(s *solver) {
	switch w.state.Load() {
	case tauIdle:
		return
	case tauPosted:
		if tauTakeBack && w.state.CompareAndSwap(tauPosted, tauIdle) {
			// The same solve on the solver's own scratch.
			clear(s.tau)
			s.f.ftranSparse(w.in, w.idx, s.tau, nil)
			w.recent = w.recent<<1 | 1
			tauTakenBack.Add(1)
			return
		}
	}
	for spins := 0; w.state.Load() != tauDone; spins++ {
		if spins&255 == 255 {
			runtime.Gosched()
		}
	}
	w.hy = w.f.hy // its marks and lists, grown, for the next job
	w.recent <<= 1
	w.state.Store(tauIdle)
}

// tired reports whether the solver took back so many of the last jobs
// that the worker is not getting a core.
func (w *tauWorker) tired() bool { return bits.OnesCount16(w.recent) >= tauTakeBackLimit }

// stop ends the worker and frees the second core for another solve.
func (w *tauWorker) stop(s *solver) {
	w.wait(s)
	w.state.Store(tauQuit)
	tauBusy.Store(false)
}

// tauHelp is one dual simplex run's use of tau workers: it starts one when
// it may, stops it as soon as another solve starts or it is not getting a
// core (tired), and tries again later: tauRetryIters iterations, twice as
// many after each worker that tired within tauRetryMax iterations, up to
// tauRetryMax.
type tauHelp struct {
	w                       *tauWorker
	retry, backoff, started int
}

func newTauHelp(s *solver) tauHelp {
	activeDuals.Add(1)
	return tauHelp{retry: s.iters, backoff: tauRetryIters}
}

// post hands the FTRAN of s.rho to a worker, when there is one to be had,
// and reports whether it did; if not, s computes tau itself.
func (h *tauHelp) post(s *solver) bool {
	if h.w != nil && (activeDuals.Load() > 1 || h.w.tired()) {
		h.w.stop(s)
		h.w = nil
		if s.iters-h.started < tauRetryMax {
			h.backoff = min(2*h.backoff, tauRetryMax)
		} else {
			h.backoff = tauRetryIters
		}
		h.retry = s.iters + h.backoff
	}
	if h.w == nil && s.iters >= h.retry {
		if h.w = startTauWorker(s); h.w == nil {
			h.retry = s.iters + h.backoff
		}
		h.started = s.iters
	}
	if h.w == nil {
		return false
	}
	h.w.post(s)
	return true
}

// wait returns once a posted FTRAN is done (at once when none is).
func (h *tauHelp) wait(s *solver) {
	if h.w != nil {
		h.w.wait(s)
	}
}

// close ends the run's use of workers.
func (h *tauHelp) close(s *solver) {
	if h.w != nil {
		h.w.stop(s)
	}
	activeDuals.Add(-1)
}
