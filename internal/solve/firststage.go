package solve

import "sync"

// firstStage remembers the matrix Revised.Prepare made ready for a
// problem, for the problems that extend it by rows: the stages of one
// Lexicographic solve with Options.ExtendStages, each the first with hold
// rows added. Their matrices are the first one's with the added rows
// appended (simplex Prepared.WithRows): its scale factors are kept and
// each added row is scaled alone, instead of the merging, the passes over
// the whole matrix that fresh factors take and the indexing, for every
// stage (together 7% of a risk run). The result is a function of the
// first stage's matrix and the added rows, whichever solve or cache entry
// prepared the first, so the results are the same at any parallelism.
// Clones share it (Problem.Clone copies the pointer), and it is safe for
// concurrent use.
type firstStage struct {
	mu   sync.Mutex
	rows []Row // the rows base was prepared for; their Terms are compared by identity
	base *preparedRevised
}

// lookup returns the remembered matrix when p has its problem's
// variables and its rows first, with the very same terms (nil otherwise,
// and for a nil memo).
func (fs *firstStage) lookup(p *Problem) *preparedRevised {
	if fs == nil {
		return nil
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.base == nil || len(p.Vars) != len(fs.base.p.Vars) || len(p.Rows) < len(fs.rows) {
		return nil
	}
	for i, r := range fs.rows {
		a, b := r.Terms, p.Rows[i].Terms
		if len(a) != len(b) || len(a) > 0 && &a[0] != &b[0] {
			return nil
		}
	}
	return fs.base
}

// remember keeps base, the matrix of p, unless one is kept already.
func (fs *firstStage) remember(p *Problem, base *preparedRevised) {
	if fs == nil || base == nil {
		return
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.base == nil {
		fs.rows, fs.base = p.Rows[:len(p.Rows):len(p.Rows)], base
	}
}
