package solve

import "sync"

// scaleMemo remembers the scale factors Revised.Prepare chose for a
// problem, for the problems that extend it by rows: the stages of one
// Lexicographic solve, each the one before with a hold row more. Their
// matrices keep the first stage's factors and scale each added row alone
// (simplex.PrepareScaled), instead of the passes over the whole matrix
// that fresh factors take (8% of a risk run). The factors are a function
// of the first stage's matrix and the added rows, whichever solve or
// cache entry prepared them, so the results are the same at any
// parallelism. Clones share it (Problem.Clone copies the pointer), and it
// is safe for concurrent use.
type scaleMemo struct {
	mu    sync.Mutex
	rows  []Row // the rows the factors are for; their Terms are compared by identity
	nvars int
	rs    []float64
	cs    []float64
}

// lookup returns the remembered factors when p has the remembered
// problem's variables and its rows first, with the very same terms (nil
// otherwise, and for a nil memo).
func (sm *scaleMemo) lookup(p *Problem) (rs, cs []float64) {
	if sm == nil {
		return nil, nil
	}
	sm.mu.Lock()
	defer sm.mu.Unlock()
	if sm.cs == nil || len(p.Vars) != sm.nvars || len(p.Rows) < len(sm.rows) {
		return nil, nil
	}
	for i, r := range sm.rows {
		a, b := r.Terms, p.Rows[i].Terms
		if len(a) != len(b) || len(a) > 0 && &a[0] != &b[0] {
			return nil, nil
		}
	}
	return sm.rs, sm.cs
}

// remember keeps the factors of p's matrix unless some are kept already.
func (sm *scaleMemo) remember(p *Problem, rs, cs []float64) {
	if sm == nil || cs == nil {
		return
	}
	sm.mu.Lock()
	defer sm.mu.Unlock()
	if sm.cs == nil {
		sm.rows, sm.nvars, sm.rs, sm.cs = p.Rows[:len(p.Rows):len(p.Rows)], len(p.Vars), rs, cs
	}
}
