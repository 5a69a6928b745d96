package simplex

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// A Prepared matrix solves problems that differ in costs and bounds as
// Solve does, and a Sequence that continues each solve from the last one's
// factorization (a dive: each problem's bounds tighter than the last's,
// started from the last basis) finds the same optima as fresh solves. The
// solves run from reused solvers, so stale state in a recycled buffer
// would show up as a different answer.
func TestPreparedAndSequenceMatchSolve(t *testing.T) {
	hot := 0
	eachPreparedLP(t, 7, func(name string, pp *Prepared, seq *Sequence, rng *rand.Rand, q *Problem) {
		var last *Basis
		for step := 0; step < 6; step++ {
			want := mustSolve(t, q, nil)
			viaPrep, err := pp.Solve(context.Background(), q, nil)
			if err != nil {
				t.Fatalf("%s step %d: prepared: %v", name, step, err)
			}
			viaSeq, err := seq.Solve(context.Background(), q, &Options{Basis: last})
			if err != nil {
				t.Fatalf("%s step %d: sequence: %v", name, step, err)
			}
			for what, r := range map[string]*Result{"prepared": viaPrep, "sequence": viaSeq} {
				if r.Status != want.Status || want.Status == Optimal && !near(r.Obj, want.Obj, 1e-7) {
					t.Fatalf("%s step %d %s: %v %g, Solve: %v %g", name, step, what, r.Status, r.Obj, want.Status, want.Obj)
				}
				if r.Status == Optimal {
					if err := verifyOptimal(q, r); err != nil {
						t.Fatalf("%s step %d %s: %v", name, step, what, err)
					}
				}
			}
			if viaSeq.Status != Optimal {
				break
			}
			if last != nil && step > 0 {
				hot++
			}
			b := viaSeq.Basis
			last = &b
			tightenColumn(q, viaSeq.X, rng)
		}
	})
	if hot == 0 {
		t.Error("no solve continued from the last: the test does not exercise the sequence")
	}
}

// eachPreparedLP runs f on six seeded feasible LPs of each shape: its
// name, its prepared matrix, a Sequence on it (released after f), a
// generator seeded by the LP's seed and stream, and a copy of the LP with
// vectors of its own for f to tighten.
func eachPreparedLP(t *testing.T, stream uint64, f func(name string, pp *Prepared, seq *Sequence, rng *rand.Rand, q *Problem)) {
	t.Helper()
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 6; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			pp, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			seq := pp.NewSequence()
			f(fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed), pp, seq, rand.New(rand.NewPCG(seed, stream)), ownVectors(p))
			seq.Release()
		}
	}
}

// tightenColumn tightens a random column of q with room, as a branch
// does: its upper bound halfway down to its value in x, or its lower
// bound halfway up.
func tightenColumn(q *Problem, x []float64, rng *rand.Rand) {
	j := rng.IntN(len(q.ColLo))
	lo, up := q.ColLo[j], q.ColUp[j]
	if math.IsInf(lo, -1) || math.IsInf(up, 1) || up-lo < 1e-3 {
		return
	}
	if rng.IntN(2) == 0 {
		q.ColUp[j] = lo + (x[j]-lo)/2
	} else {
		q.ColLo[j] = up - (up-x[j])/2
	}
}

// A Sequence solve started from a basis other than the last one's (a
// branch-and-bound node restarted from a stored basis) runs on the last
// solver's buffers, and gives bit for bit what a solver made afresh gives
// from the same basis: the same point, duals, basis and iterations.
func TestSequenceRestartMatchesFreshSolver(t *testing.T) {
	ctx := context.Background()
	restarts := 0
	eachPreparedLP(t, 11, func(name string, pp *Prepared, seq *Sequence, rng *rand.Rand, q *Problem) {
		var bases []*Basis // every optimal basis so far
		for step := 0; step < 8; step++ {
			var start *Basis
			if len(bases) > 1 {
				start = bases[rng.IntN(len(bases)-1)]
				last := bases[len(bases)-1]
				if slices.Equal(start.Cols, last.Cols) && slices.Equal(start.Rows, last.Rows) {
					// The last solve ended where an earlier one did:
					// the sequence would continue, not restart.
					start = nil
				} else {
					restarts++
				}
			}
			o := &Options{Basis: start}
			fresh, err := solve(ctx, q, options(o), pp.matrix, nil, nil, nil)
			if err != nil {
				t.Fatalf("%s step %d: fresh: %v", name, step, err)
			}
			got, err := seq.Solve(ctx, q, o)
			if err != nil {
				t.Fatalf("%s step %d: sequence: %v", name, step, err)
			}
			if got.Status != fresh.Status || got.Iters != fresh.Iters || !slices.Equal(got.X, fresh.X) ||
				!slices.Equal(got.Duals, fresh.Duals) || !slices.Equal(got.Basis.Cols, fresh.Basis.Cols) || !slices.Equal(got.Basis.Rows, fresh.Basis.Rows) {
				t.Fatalf("%s step %d: the sequence gave %v in %d iterations, a fresh solver %v in %d", name, step, got.Status, got.Iters, fresh.Status, fresh.Iters)
			}
			if got.Status != Optimal {
				break
			}
			b := got.Basis
			bases = append(bases, &b)
			tightenColumn(q, got.X, rng)
		}
	})
	if restarts == 0 {
		t.Error("no solve restarted: the test does not exercise the restart")
	}
	t.Logf("%d restarts", restarts)
}

// A problem whose matrix is not the prepared one is refused.
func TestPreparedRefusesOtherMatrix(t *testing.T) {
	p := randomLP(1, 5, 8, 2, randFeasible)
	pp, err := Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	q := *p
	q.Value = append([]float64(nil), p.Value...)
	if _, err := pp.Solve(context.Background(), &q, nil); err == nil {
		t.Error("a copy of the matrix was accepted as the prepared one")
	}
}

// A fixed variable is reported at its bound exactly, basic or not: a
// caller comparing it with the bound (a forced-in investment's level)
// must not see round-off.
func TestFixedVariablesAtTheirBound(t *testing.T) {
	fixed := 0
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 8; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			r0 := mustSolve(t, p, nil)
			if r0.Status != Optimal {
				continue
			}
			// Fix every fourth column at its optimal value: the
			// problem stays feasible, and fixed columns are basic in
			// degenerate bases.
			q := ownVectors(p)
			for j := 0; j < len(q.ColLo); j += 4 {
				q.ColLo[j], q.ColUp[j] = r0.X[j], r0.X[j]
			}
			r := mustSolve(t, q, nil)
			if r.Status != Optimal {
				t.Fatalf("%dx%d/seed%d: %v with columns fixed at an optimum", sh.m, sh.n, seed, r.Status)
			}
			for j := 0; j < len(q.ColLo); j += 4 {
				fixed++
				if r.X[j] != q.ColLo[j] {
					t.Errorf("%dx%d/seed%d: fixed column %d at %v, bound %v (%v)", sh.m, sh.n, seed, j, r.X[j], q.ColLo[j], r.Basis.Cols[j])
				}
			}
		}
	}
	if fixed == 0 {
		t.Error("no fixed column checked")
	}
	// A basic fixed column whose value the row gives to round-off only:
	// 3x = 0.3 reads x = 0.09999999999999999 where its bound is 0.1.
	p := dense([]float64{1}, [][]float64{{3}}, []float64{0.3}, []float64{0.3}, []float64{0.1}, []float64{0.1})
	r := mustSolve(t, p, &Options{Basis: &Basis{Cols: []VarStatus{Basic}, Rows: []VarStatus{Fixed}}})
	if r.Basis.Cols[0] != Basic {
		t.Fatalf("the column is %v, not basic: the case is not exercised", r.Basis.Cols[0])
	}
	if r.X[0] != 0.1 {
		t.Errorf("basic fixed column at %v, bound 0.1", r.X[0])
	}
}

// WithRows prepares a problem extended by rows from the prepared matrix of
// the problem it extends: the columns and the old rows keep their scale
// factors, each added row gets the power of two nearest to one over its
// largest scaled entry, every entry is the merged one times its factors,
// bit for bit, the row-wise copy is the column-wise one's, and the
// problem solves to the optimum a fresh Prepare finds. The added rows
// have duplicate entries, entries that cancel, and an empty row.
func TestWithRows(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 4; seed++ {
			p := badlyScaled(randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible), seed, 4)
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			base, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			q := withAddedRows(p)
			ext, err := base.WithRows(q)
			if err != nil {
				t.Fatal(err)
			}
			a, b, plain := ext.scaled, base.scaled, newMatrix(q, true)
			m, n := q.NumRows, q.NumCols()
			if &a.colScale[0] != &b.colScale[0] || !slices.Equal(a.rowScale[:p.NumRows], b.rowScale) {
				t.Fatalf("%s: the old factors are not kept", name)
			}
			hi := make([]float64, m)
			for j := 0; j < n; j++ {
				for e := plain.cStart[j]; e < plain.cStart[j+1]; e++ {
					hi[plain.cRow[e]] = math.Max(hi[plain.cRow[e]], math.Abs(plain.cVal[e])*b.colScale[j])
				}
			}
			for i := p.NumRows; i < m; i++ {
				want := 1.0
				if hi[i] > 0 {
					want = math.Exp2(math.Round(math.Log2(1 / hi[i])))
				}
				if a.rowScale[i] != want {
					t.Fatalf("%s: added row %d scaled by %g, want %g", name, i, a.rowScale[i], want)
				}
			}
			if !slices.Equal(a.cStart, plain.cStart) || !slices.Equal(a.cRow, plain.cRow) {
				t.Fatalf("%s: the merged entries differ", name)
			}
			for j := 0; j < n; j++ {
				for e := a.cStart[j]; e < a.cStart[j+1]; e++ {
					if want := plain.cVal[e] * (a.rowScale[a.cRow[e]] * a.colScale[j]); a.cVal[e] != want {
						t.Fatalf("%s: entry (%d, %d) is %g, want %g", name, a.cRow[e], j, a.cVal[e], want)
					}
				}
			}
			rows := &matrix{cStart: a.cStart, cRow: a.cRow, cVal: a.cVal}
			rows.buildRows(m, n)
			if !slices.Equal(a.rStart, rows.rStart) || !slices.Equal(a.rCol, rows.rCol) || !slices.Equal(a.rVal, rows.rVal) {
				t.Fatalf("%s: the row-wise copy differs", name)
			}
			want := mustSolve(t, q, nil)
			got, err := ext.Solve(context.Background(), q, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != want.Status || want.Status == Optimal && !near(got.Obj, want.Obj, 1e-7) {
				t.Fatalf("%s: %v %g, fresh %v %g", name, got.Status, got.Obj, want.Status, want.Obj)
			}
			if got.Status == Optimal {
				if err := verifyOptimal(q, got); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
	}
	p := randomLP(1, 5, 8, 2, randFeasible)
	base, err := Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	fewer := ownVectors(randomLP(1, 4, 8, 2, randFeasible))
	if _, err := base.WithRows(fewer); !errors.Is(err, ErrBadProblem) {
		t.Errorf("4 rows extending 5: %v", err)
	}
}

// withAddedRows returns p with four rows added, as hold rows are: one on
// every second column (1e3), an empty one, one on every second column
// (1e-3) with a duplicate entry on column 0, and one whose two entries on
// column 1 cancel.
func withAddedRows(p *Problem) *Problem {
	q := ownVectors(p)
	var cols []int
	for j := 0; j < q.NumCols(); j += 2 {
		cols = append(cols, j)
	}
	addRow(q, cols, 3e3, -inf, inf)
	addRow(q, nil, 1, -inf, inf)
	addRow(q, cols, 1e-3, -inf, 5)
	addRow(q, nil, 1, -inf, inf)
	dup := *q
	dup.ColStart, dup.RowIndex, dup.Value = []int{0}, nil, nil
	for j := 0; j < q.NumCols(); j++ {
		for e := q.ColStart[j]; e < q.ColStart[j+1]; e++ {
			dup.RowIndex = append(dup.RowIndex, q.RowIndex[e])
			dup.Value = append(dup.Value, q.Value[e])
		}
		switch j {
		case 0:
			dup.RowIndex = append(dup.RowIndex, q.NumRows-2)
			dup.Value = append(dup.Value, 2e-3)
		case 1:
			dup.RowIndex = append(dup.RowIndex, q.NumRows-1, q.NumRows-1)
			dup.Value = append(dup.Value, 4, -4)
		}
		dup.ColStart = append(dup.ColStart, len(dup.RowIndex))
	}
	return &dup
}
