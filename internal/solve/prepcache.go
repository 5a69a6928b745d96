package solve

import (
	"context"
	"sync"
)

// prepCacheSize is how many prepared matrices a PrepareCache keeps: the
// five lexicographic stages of a plan, and one to spare.
const prepCacheSize = 6

// PrepareCache is a Preparer that remembers the matrices it prepared, so
// that a problem whose rows have the same terms as an earlier one's (the
// same stage of the next point of a sweep, a re-solve with another budget)
// skips the preparation: only right-hand sides, senses, bounds and the
// objective differ between such problems. Only the preparations of a
// backend that can hand out independent solvers on one matrix (Revised)
// are kept. It is safe for concurrent use; the LPSolvers it returns are
// not (see Preparer).
type PrepareCache struct {
	LP Preparer

	mu      sync.Mutex
	entries []prepEntry // most recently used last
}

type prepEntry struct {
	p  *Problem // the problem prepared (its rows are not modified)
	lp sharable // LP.Prepare(p)
}

// sharable is a prepared LPSolver that can hand out others on the same
// prepared matrix, each with state of its own.
type sharable interface {
	another() LPSolver
}

// SolveLP solves p with the underlying Preparer.
func (c *PrepareCache) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	return c.LP.SolveLP(ctx, p, opt)
}

// Prepare returns a solver for p's rows, from the cache when a problem
// with the same terms was prepared before.
func (c *PrepareCache) Prepare(p *Problem) (LPSolver, error) {
	c.mu.Lock()
	for k := len(c.entries) - 1; k >= 0; k-- {
		if e := c.entries[k]; sameTerms(e.p, p) {
			c.entries = append(append(c.entries[:k:k], c.entries[k+1:]...), e)
			c.mu.Unlock()
			// As if prepared here: the stages after extend it as they
			// would a fresh preparation (firstStage).
			if r, ok := e.lp.(*preparedRevised); ok {
				p.first.remember(p, r)
			}
			return e.lp.another(), nil
		}
	}
	c.mu.Unlock()
	lp, err := c.LP.Prepare(p)
	if err != nil {
		return nil, err
	}
	sh, ok := lp.(sharable)
	if !ok {
		return lp, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) == prepCacheSize {
		c.entries = append(c.entries[:0:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, prepEntry{p: p, lp: sh})
	// The cached one is a template: each caller gets its own state.
	return sh.another(), nil
}

// sameTerms reports whether p and q have as many variables and, row for
// row, the same terms: the same matrix. Rows that share their Terms slice
// (Clone keeps them) compare at once.
func sameTerms(p, q *Problem) bool {
	if len(p.Vars) != len(q.Vars) || len(p.Rows) != len(q.Rows) {
		return false
	}
	for i := range p.Rows {
		a, b := p.Rows[i].Terms, q.Rows[i].Terms
		if len(a) != len(b) {
			return false
		}
		if len(a) > 0 && &a[0] == &b[0] {
			continue
		}
		for k := range a {
			if a[k] != b[k] {
				return false
			}
		}
	}
	return true
}
