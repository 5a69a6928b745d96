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
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 6; seed++ {
			p := randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible)
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			pp, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			seq := pp.NewSequence()
			rng := rand.New(rand.NewPCG(seed, 7))
			q := ownVectors(p)
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
				// Tighten a random column with room, as a branch does.
				j := rng.IntN(len(q.ColLo))
				lo, up := q.ColLo[j], q.ColUp[j]
				if math.IsInf(lo, -1) || math.IsInf(up, 1) || up-lo < 1e-3 {
					continue
				}
				if rng.IntN(2) == 0 {
					q.ColUp[j] = lo + (viaSeq.X[j]-lo)/2
				} else {
					q.ColLo[j] = up - (up-viaSeq.X[j])/2
				}
			}
		}
	}
	if hot == 0 {
		t.Error("no solve continued from the last: the test does not exercise the sequence")
	}
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

// A problem extended by rows, prepared with the factors of the problem it
// extends (PrepareScaled, as the stages of a lexicographic solve are),
// solves to the optimum a fresh Prepare finds; the old rows and the
// columns keep their factors, and the added rows get powers of two.
func TestPrepareScaledExtendsRows(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 4; seed++ {
			p := badlyScaled(randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible), seed, 4)
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			base, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			rs, cs := base.Scale()
			q := ownVectors(p)
			// Two added rows, like two hold rows: the objective's
			// columns at a loose bound, and a row on every third column.
			var objCols, third []int
			for j := range q.Obj {
				if q.Obj[j] != 0 {
					objCols = append(objCols, j)
				}
				if j%3 == 0 {
					third = append(third, j)
				}
			}
			addRow(q, objCols, 1e3, -inf, inf)
			addRow(q, third, 1e-3, -inf, inf)
			ext, err := PrepareScaled(q, rs, cs)
			if err != nil {
				t.Fatal(err)
			}
			rs2, cs2 := ext.Scale()
			for i, r := range rs {
				if rs2[i] != r {
					t.Fatalf("%s: row %d scale %g, was %g", name, i, rs2[i], r)
				}
			}
			for i := len(rs); i < len(rs2); i++ {
				if _, e := math.Frexp(rs2[i]); rs2[i] <= 0 || math.Ldexp(0.5, e) != rs2[i] {
					t.Fatalf("%s: added row %d scale %g is not a power of two", name, i, rs2[i])
				}
			}
			if &cs2[0] != &cs[0] {
				t.Fatalf("%s: column scales not kept", name)
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
	if _, err := PrepareScaled(p, make([]float64, 6), make([]float64, 8)); !errors.Is(err, ErrBadProblem) {
		t.Errorf("6 row factors for 5 rows: %v", err)
	}
	if _, err := PrepareScaled(p, nil, make([]float64, 7)); !errors.Is(err, ErrBadProblem) {
		t.Errorf("7 column factors for 8 columns: %v", err)
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

// WithRows gives the matrix PrepareScaled gives with the prepared
// problem's factors, bit for bit, for added rows with duplicate entries,
// entries that sum to zero and empty rows.
func TestWithRowsIsPrepareScaled(t *testing.T) {
	for _, sh := range shapes {
		for seed := uint64(1); seed <= 4; seed++ {
			p := badlyScaled(randomLP(seed, sh.m, sh.n, sh.perCol, randFeasible), seed, 4)
			name := fmt.Sprintf("%dx%d/seed%d", sh.m, sh.n, seed)
			base, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			q := ownVectors(p)
			var cols []int
			for j := 0; j < q.NumCols(); j += 2 {
				cols = append(cols, j)
			}
			addRow(q, cols, 3e3, -inf, inf)
			addRow(q, nil, 1, -inf, inf)
			addRow(q, cols, 1e-3, -inf, 5)
			// A duplicate entry in the last row, and one that cancels.
			dup := *q
			dup.ColStart, dup.RowIndex, dup.Value = nil, nil, nil
			dup.ColStart = append(dup.ColStart, 0)
			for j := 0; j < q.NumCols(); j++ {
				for e := q.ColStart[j]; e < q.ColStart[j+1]; e++ {
					dup.RowIndex = append(dup.RowIndex, q.RowIndex[e])
					dup.Value = append(dup.Value, q.Value[e])
				}
				switch j {
				case 0:
					dup.RowIndex = append(dup.RowIndex, q.NumRows-1)
					dup.Value = append(dup.Value, 2e-3)
				case 1:
					dup.RowIndex = append(dup.RowIndex, q.NumRows-2, q.NumRows-2)
					dup.Value = append(dup.Value, 4, -4)
				}
				dup.ColStart = append(dup.ColStart, len(dup.RowIndex))
			}
			rs, cs := base.Scale()
			want, err := PrepareScaled(&dup, rs, cs)
			if err != nil {
				t.Fatal(err)
			}
			got, err := base.WithRows(&dup)
			if err != nil {
				t.Fatal(err)
			}
			a, b := got.scaled, want.scaled
			for what, eq := range map[string]bool{
				"cStart": slices.Equal(a.cStart, b.cStart), "cRow": slices.Equal(a.cRow, b.cRow), "cVal": slices.Equal(a.cVal, b.cVal),
				"rStart": slices.Equal(a.rStart, b.rStart), "rCol": slices.Equal(a.rCol, b.rCol), "rVal": slices.Equal(a.rVal, b.rVal),
				"rowScale": slices.Equal(a.rowScale, b.rowScale), "colScale": slices.Equal(a.colScale, b.colScale),
			} {
				if !eq {
					t.Fatalf("%s: %s differs from PrepareScaled's", name, what)
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
