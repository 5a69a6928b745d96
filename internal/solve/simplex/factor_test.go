package simplex

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// testBasis is a sparse m x m matrix given by columns, for testing factor.
type testBasis struct {
	m    int
	rows [][]int
	vals [][]float64
}

func (b *testBasis) matrix() *basisMatrix {
	bm := &basisMatrix{start: []int{0}}
	for k := range b.rows {
		bm.row = append(bm.row, b.rows[k]...)
		bm.val = append(bm.val, b.vals[k]...)
		bm.start = append(bm.start, len(bm.row))
	}
	return bm
}

// mul returns B x.
func (b *testBasis) mul(x []float64) []float64 {
	y := make([]float64, b.m)
	for k := range b.rows {
		for t, i := range b.rows[k] {
			y[i] += b.vals[k][t] * x[k]
		}
	}
	return y
}

// mulT returns B'y.
func (b *testBasis) mulT(y []float64) []float64 {
	x := make([]float64, b.m)
	for k := range b.rows {
		for t, i := range b.rows[k] {
			x[k] += b.vals[k][t] * y[i]
		}
	}
	return x
}

// randomColumn is a column with about nz entries, one of them on row diag
// so that a basis of such columns is (generically) nonsingular.
func randomColumn(rng *rand.Rand, m, nz, diag int) ([]int, []float64) {
	seen := map[int]bool{diag: true}
	rows := []int{diag}
	vals := []float64{1 + rng.Float64()}
	for t := 1; t < nz; t++ {
		i := rng.IntN(m)
		if seen[i] {
			continue
		}
		seen[i] = true
		rows = append(rows, i)
		vals = append(vals, rng.NormFloat64())
	}
	return rows, vals
}

// randomBasis mixes unit (slack) columns, sparse columns and denser ones,
// so that all three blocks of the factorization are exercised.
func randomBasis(seed uint64, m int) *testBasis {
	rng := rand.New(rand.NewPCG(seed, 5))
	b := &testBasis{m: m, rows: make([][]int, m), vals: make([][]float64, m)}
	perm := rng.Perm(m)
	for k := 0; k < m; k++ {
		switch rng.IntN(3) {
		case 0:
			b.rows[k], b.vals[k] = []int{perm[k]}, []float64{-1}
		case 1:
			b.rows[k], b.vals[k] = randomColumn(rng, m, 3, perm[k])
		default:
			b.rows[k], b.vals[k] = randomColumn(rng, m, 1+m/3, perm[k])
		}
	}
	return b
}

func maxAbsDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// checkSolves verifies ftran and btran against multiplication by B.
func checkSolves(t *testing.T, f *factor, b *testBasis, rng *rand.Rand, what string) {
	t.Helper()
	m := b.m
	for trial := 0; trial < 3; trial++ {
		x := make([]float64, m)
		for i := range x {
			if rng.IntN(3) > 0 {
				x[i] = rng.NormFloat64()
			}
		}
		rhs := b.mul(x)
		got := make([]float64, m)
		var nz []int
		f.ftran(append([]float64(nil), rhs...), got, &nz)
		if d := maxAbsDiff(got, x); d > 1e-8 {
			t.Fatalf("%s: ftran error %g", what, d)
		}
		for _, k := range nz {
			if got[k] == 0 {
				t.Fatalf("%s: ftran lists zero position %d", what, k)
			}
		}
		rhs = b.mulT(x)
		f.btran(append([]float64(nil), rhs...), got, nil)
		if d := maxAbsDiff(got, x); d > 1e-8 {
			t.Fatalf("%s: btran error %g", what, d)
		}
	}
}

// randomUpdate replaces a random column of b, and of f by a product-form
// update, with a random column of 1 to maxNZ entries (and a diagonal
// one). It changes nothing and returns false when the pivot would make
// the basis (nearly) singular.
func randomUpdate(f *factor, b *testBasis, rng *rand.Rand, maxNZ int) bool {
	m := b.m
	r := rng.IntN(m)
	rows, vals := randomColumn(rng, m, 1+rng.IntN(maxNZ), rng.IntN(m))
	col := make([]float64, m)
	for t, i := range rows {
		col[i] = vals[t]
	}
	alpha := make([]float64, m)
	var nz []int
	f.ftran(col, alpha, &nz)
	if math.Abs(alpha[r]) < 1e-3 {
		return false
	}
	f.update(r, alpha, nz)
	b.rows[r], b.vals[r] = rows, vals
	return true
}

func TestFactorSolvesAndUpdates(t *testing.T) {
	for _, m := range []int{1, 2, 5, 20, 60} {
		for seed := uint64(1); seed <= 10; seed++ {
			rng := rand.New(rand.NewPCG(seed, 9))
			b := randomBasis(seed, m)
			f := newFactor(m)
			if bad := f.factorize(b.matrix()); bad != nil {
				t.Fatalf("m %d seed %d: nonsingular basis reported singular: %+v", m, seed, bad)
			}
			checkSolves(t, f, b, rng, "fresh")
			// Product-form updates: replace columns one at a time.
			for u := 0; u < 15; u++ {
				if randomUpdate(f, b, rng, 4) {
					checkSolves(t, f, b, rng, "updated")
				}
			}
		}
	}
}

// A factor refactorizing a basis of its size allocates nothing once its
// buffers have grown: the solver refactorizes every hundred or so
// iterations, and a large model's nucleus has thousands of rows.
func TestFactorRefactorizesWithoutAllocating(t *testing.T) {
	b := randomBasis(3, 60)
	bm := b.matrix()
	f := newFactor(b.m)
	if bad := f.factorize(bm); bad != nil {
		t.Fatalf("nonsingular basis reported singular: %+v", bad)
	}
	if f.nNuc == 0 {
		t.Fatal("the basis has no nucleus: the test would not reach the sparse LU")
	}
	if a := testing.AllocsPerRun(5, func() { f.factorize(bm) }); a != 0 {
		t.Errorf("refactorizing: %v allocations", a)
	}
	rng := rand.New(rand.NewPCG(3, 9))
	checkSolves(t, f, b, rng, "refactorized")
}

// Singular bases are reported with as many dependent positions as uncovered
// rows, and swapping in unit columns on those rows repairs them.
func TestFactorSingularRepair(t *testing.T) {
	singular := 0
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		m := 3 + rng.IntN(30)
		b := randomBasis(seed, m)
		// Break it: duplicate columns, empty positions, zero rows.
		for t := 0; t < 1+rng.IntN(3); t++ {
			switch rng.IntN(3) {
			case 0:
				k, l := rng.IntN(m), rng.IntN(m)
				if k != l {
					b.rows[k] = append([]int(nil), b.rows[l]...)
					b.vals[k] = append([]float64(nil), b.vals[l]...)
				}
			case 1:
				k := rng.IntN(m)
				b.rows[k], b.vals[k] = nil, nil
			default:
				i := rng.IntN(m)
				for k := range b.rows {
					for e, r := range b.rows[k] {
						if r == i {
							b.vals[k][e] = 0
						}
					}
				}
			}
		}
		// Drop the zeros just made.
		for k := range b.rows {
			if b.rows[k] == nil {
				continue
			}
			var rows []int
			var vals []float64
			for e, v := range b.vals[k] {
				if v != 0 {
					rows = append(rows, b.rows[k][e])
					vals = append(vals, v)
				}
			}
			if rows == nil {
				rows, vals = []int{}, []float64{}
			}
			b.rows[k], b.vals[k] = rows, vals
		}
		f := newFactor(m)
		for attempt := 0; ; attempt++ {
			bad := f.factorize(b.matrix())
			if bad == nil {
				break
			}
			singular++
			if attempt == 3 {
				t.Fatalf("seed %d: still singular after repairs", seed)
			}
			if len(bad.positions) != len(bad.rows) || len(bad.positions) == 0 {
				t.Fatalf("seed %d: %d dependent positions, %d uncovered rows", seed, len(bad.positions), len(bad.rows))
			}
			for t, k := range bad.positions {
				b.rows[k], b.vals[k] = []int{bad.rows[t]}, []float64{-1}
			}
		}
		checkSolves(t, f, b, rng, "repaired")
	}
	if singular < 10 {
		t.Errorf("only %d singular factorizations: the test does not test much", singular)
	}
}

func TestScalingPowersOfTwo(t *testing.T) {
	p := randomLP(3, 30, 60, 4, randFeasible)
	q := badlyScaled(p, 3, 3)
	s := newSolver(t.Context(), q, Options{})
	lo, hi := math.Inf(1), 0.0
	for j := 0; j < s.n; j++ {
		for e := q.ColStart[j]; e < q.ColStart[j+1]; e++ {
			v := math.Abs(q.Value[e])
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	before := hi / lo
	lo, hi = math.Inf(1), 0.0
	for _, v := range s.cVal {
		v = math.Abs(v)
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	after := hi / lo
	if after*1e4 > before {
		t.Errorf("scaling took the entry spread from %g to %g only", before, after)
	}
	for _, sc := range append(append([]float64(nil), s.rowScale...), s.colScale...) {
		if frac, _ := math.Frexp(sc); frac != 0.5 {
			t.Fatalf("scale factor %g is not a power of two", sc)
		}
	}
}

// The basis is refactorized after RefactorEvery updates when the eta file
// holds as many nonzeros as B has rows, and only after RefactorMax while
// it holds fewer.
func TestNeedRefactor(t *testing.T) {
	const m = 1000
	for _, tc := range []struct {
		perEta int // off-pivot nonzeros of each eta
		want   int // updates after which a refactorization is due
	}{
		{2, RefactorMax},    // 600 nonzeros at 300 updates
		{10, RefactorEvery}, // 1,000 at 100
		{200, RefactorEvery},
		{4, 250}, // 1,000 at 250
	} {
		f := newFactor(m)
		alpha := make([]float64, m)
		var nz []int
		for i := 0; i <= tc.perEta; i++ {
			alpha[i] = 1
			nz = append(nz, i)
		}
		got := 0
		for !f.needRefactor() {
			f.update(0, alpha, nz)
			got++
		}
		if got != tc.want {
			t.Errorf("%d nonzeros an eta: refactor due after %d updates, want %d", tc.perEta, got, tc.want)
		}
	}
}

// A factor resized for bases of another size, larger or smaller, with
// updates in its eta file and a nucleus from its last factorization,
// solves as a new one does: nothing of the old size or basis is left.
func TestFactorResize(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	f := newFactor(60)
	for k, m := range []int{60, 5, 20, 61, 1, 60, 40} {
		f.resize(m)
		b := randomBasis(uint64(k+1), m)
		if bad := f.factorize(b.matrix()); bad != nil {
			t.Fatalf("size %d: nonsingular basis reported singular: %+v", m, bad)
		}
		checkSolves(t, f, b, rng, fmt.Sprintf("resized to %d", m))
		// Leave an eta file behind for the next size.
		for u := 0; u < 5; u++ {
			randomUpdate(f, b, rng, 4)
		}
		checkSolves(t, f, b, rng, fmt.Sprintf("updated at %d", m))
	}
}
