package simplex

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// sluMat is a square sparse matrix column-wise, in the input format of
// sparseLU.factorize.
type sluMat struct {
	n     int
	start []int
	row   []int
	val   []float64
}

// sluFromCols builds an sluMat from per-column row and value lists.
func sluFromCols(n int, rows [][]int, vals [][]float64) sluMat {
	m := sluMat{n: n, start: make([]int, n+1)}
	for j := 0; j < n; j++ {
		m.row = append(m.row, rows[j]...)
		m.val = append(m.val, vals[j]...)
		m.start[j+1] = len(m.row)
	}
	return m
}

// sluRandom is a random sparse n x n matrix: each column has a "diagonal"
// entry of size 1..2 in row perm[j] (perm the identity unless permuted)
// plus up to extra (uniformly 0..extra, fewer on collisions) further
// entries in [-1, 1] in distinct random rows, in random order, with an
// occasional explicit zero.
func sluRandom(rng *rand.Rand, n, extra int, permuted bool) sluMat {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	if permuted {
		rng.Shuffle(n, func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
	}
	rows := make([][]int, n)
	vals := make([][]float64, n)
	used := make([]int, n) // column stamp + 1
	for j := 0; j < n; j++ {
		d := 1 + rng.Float64()
		if rng.IntN(2) == 0 {
			d = -d
		}
		rows[j] = append(rows[j], perm[j])
		vals[j] = append(vals[j], d)
		used[perm[j]] = j + 1
		for t := rng.IntN(extra + 1); t > 0; t-- {
			i := rng.IntN(n)
			if used[i] == j+1 {
				continue
			}
			used[i] = j + 1
			v := 2*rng.Float64() - 1
			if rng.IntN(50) == 0 {
				v = 0
			}
			rows[j] = append(rows[j], i)
			vals[j] = append(vals[j], v)
		}
		rng.Shuffle(len(rows[j]), func(a, b int) {
			rows[j][a], rows[j][b] = rows[j][b], rows[j][a]
			vals[j][a], vals[j][b] = vals[j][b], vals[j][a]
		})
	}
	return sluFromCols(n, rows, vals)
}

// sluDenseRandom is a fully dense random n x n matrix with entries in
// [-1, 1].
func sluDenseRandom(rng *rand.Rand, n int) sluMat {
	rows := make([][]int, n)
	vals := make([][]float64, n)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			rows[j] = append(rows[j], i)
			vals[j] = append(vals[j], 2*rng.Float64()-1)
		}
	}
	return sluFromCols(n, rows, vals)
}

// scaled returns m with row i scaled by r[i] and column j by c[j].
func (m sluMat) scaled(r, c []float64) sluMat {
	s := sluMat{n: m.n, start: m.start, row: m.row, val: make([]float64, len(m.val))}
	for j := 0; j < m.n; j++ {
		for e := m.start[j]; e < m.start[j+1]; e++ {
			s.val[e] = m.val[e] * r[m.row[e]] * c[j]
		}
	}
	return s
}

// dense returns m as a gonum matrix.
func (m sluMat) dense() *mat.Dense {
	d := mat.NewDense(max(m.n, 1), max(m.n, 1), nil)
	for j := 0; j < m.n; j++ {
		for e := m.start[j]; e < m.start[j+1]; e++ {
			d.Set(m.row[e], j, m.val[e])
		}
	}
	return d
}

// mul returns N z, or N' z if trans.
func (m sluMat) mul(z []float64, trans bool) []float64 {
	y := make([]float64, m.n)
	for j := 0; j < m.n; j++ {
		for e := m.start[j]; e < m.start[j+1]; e++ {
			if trans {
				y[j] += m.val[e] * z[m.row[e]]
			} else {
				y[m.row[e]] += m.val[e] * z[j]
			}
		}
	}
	return y
}

// normInf is ‖N‖∞, or ‖N'‖∞ = ‖N‖₁ if trans.
func (m sluMat) normInf(trans bool) float64 {
	s := make([]float64, m.n)
	for j := 0; j < m.n; j++ {
		for e := m.start[j]; e < m.start[j+1]; e++ {
			if trans {
				s[j] += math.Abs(m.val[e])
			} else {
				s[m.row[e]] += math.Abs(m.val[e])
			}
		}
	}
	return floats.Max(append(s, 0))
}

func sluVecInf(v []float64) float64 {
	big := 0.0
	for _, e := range v {
		big = math.Max(big, math.Abs(e))
	}
	return big
}

// sluResidual is ‖N z − b‖∞ / (‖N‖∞‖z‖∞ + ‖b‖∞) (N' for trans).
func sluResidual(m sluMat, z, b []float64, trans bool) float64 {
	r := m.mul(z, trans)
	floats.Sub(r, b)
	return sluVecInf(r) / (m.normInf(trans)*sluVecInf(z) + sluVecInf(b))
}

// sluRHS is a random right-hand side with nnz nonzeros (all if nnz >= n).
func sluRHS(rng *rand.Rand, n, nnz int) []float64 {
	b := make([]float64, n)
	if nnz >= n {
		for i := range b {
			b[i] = 2*rng.Float64() - 1
		}
		return b
	}
	for t := 0; t < nnz; t++ {
		b[rng.IntN(n)] = 2*rng.Float64() - 1
	}
	return b
}

// sluCheckSolves factorizes m and checks solve and solveTrans against gonum
// on sparse and dense right-hand sides.
func sluCheckSolves(t *testing.T, name string, rng *rand.Rand, m sluMat) {
	t.Helper()
	var lu sparseLU
	if !lu.factorize(m.n, m.start, m.row, m.val) {
		t.Errorf("%s: factorize reported singular", name)
		return
	}
	var dlu mat.LU
	dlu.Factorize(m.dense())
	gcond := dlu.Cond()
	for _, nnz := range []int{1, 3, m.n} {
		for _, trans := range []bool{false, true} {
			b := sluRHS(rng, m.n, nnz)
			work := append([]float64(nil), b...)
			z := make([]float64, m.n)
			if trans {
				lu.solveTrans(work, z)
			} else {
				lu.solve(work, z)
			}
			if r := sluResidual(m, z, b, trans); !(r < 1e-12) {
				t.Errorf("%s: nnz(b)=%d trans=%v: relative residual %g", name, nnz, trans, r)
			}
			var zg mat.VecDense
			if err := dlu.SolveVecTo(&zg, trans, mat.NewVecDense(m.n, append([]float64(nil), b...))); err != nil {
				t.Errorf("%s: gonum: %v", name, err)
				continue
			}
			diff := make([]float64, m.n)
			floats.SubTo(diff, z, zg.RawVector().Data)
			rel := sluVecInf(diff) / sluVecInf(zg.RawVector().Data)
			if sluVecInf(zg.RawVector().Data) == 0 {
				rel = sluVecInf(diff)
			}
			// Both solutions are backward stable, so they differ by up to
			// about the condition number times round-off.
			if !(rel <= math.Max(1e-12, 1e-14*gcond)) {
				t.Errorf("%s: nnz(b)=%d trans=%v: differs from gonum by %g (cond %g)", name, nnz, trans, rel, gcond)
			}
		}
	}
}

func TestSparseLUSolvesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 5, 50, 300, 900} {
		for extra := 0; extra <= 3; extra++ {
			for _, permuted := range []bool{false, true} {
				for rep := 0; rep < 3; rep++ {
					name := fmt.Sprintf("n=%d extra=%d perm=%v rep=%d", n, extra, permuted, rep)
					sluCheckSolves(t, name, rng, sluRandom(rng, n, extra, permuted))
				}
			}
		}
	}
}

func TestSparseLUSolvesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 5, 20, 60} {
		for rep := 0; rep < 4; rep++ {
			sluCheckSolves(t, fmt.Sprintf("dense n=%d rep=%d", n, rep), rng, sluDenseRandom(rng, n))
		}
	}
}

func TestSparseLUSolvesScaled(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{5, 50, 300} {
		for rep := 0; rep < 4; rep++ {
			m := sluRandom(rng, n, 3, true).scaled(sluScales(rng, n), sluScales(rng, n))
			sluCheckSolves(t, fmt.Sprintf("scaled n=%d rep=%d", n, rep), rng, m)
		}
	}
}

// sluScales returns n factors 10^u with u uniform in [-3, 3], so that
// scaling rows and columns spreads entries over 1e-6..1e6.
func sluScales(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.Pow(10, 6*rng.Float64()-3)
	}
	return s
}

// sluCols returns the columns of m as lists, for building variants.
func sluCols(m sluMat) ([][]int, [][]float64) {
	rows := make([][]int, m.n)
	vals := make([][]float64, m.n)
	for j := 0; j < m.n; j++ {
		rows[j] = append([]int(nil), m.row[m.start[j]:m.start[j+1]]...)
		vals[j] = append([]float64(nil), m.val[m.start[j]:m.start[j+1]]...)
	}
	return rows, vals
}

func TestSparseLUSingular(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	type variant struct {
		name string
		make func(rows [][]int, vals [][]float64, n int)
	}
	variants := []variant{
		{"zero column", func(rows [][]int, vals [][]float64, n int) {
			j := rng.IntN(n)
			rows[j], vals[j] = nil, nil
		}},
		{"explicit zero column", func(rows [][]int, vals [][]float64, n int) {
			j := rng.IntN(n)
			for e := range vals[j] {
				vals[j][e] = 0
			}
		}},
		{"duplicated column", func(rows [][]int, vals [][]float64, n int) {
			i, j := rng.IntN(n), rng.IntN(n-1)
			if j >= i {
				j++
			}
			rows[j] = append([]int(nil), rows[i]...)
			vals[j] = append([]float64(nil), vals[i]...)
		}},
		{"proportional columns", func(rows [][]int, vals [][]float64, n int) {
			i, j := rng.IntN(n), rng.IntN(n-1)
			if j >= i {
				j++
			}
			rows[j] = append([]int(nil), rows[i]...)
			vals[j] = nil
			for _, v := range vals[i] {
				vals[j] = append(vals[j], -3.7*v)
			}
		}},
		{"zero row", func(rows [][]int, vals [][]float64, n int) {
			r := rng.IntN(n)
			for j := range rows {
				for e := 0; e < len(rows[j]); e++ {
					if rows[j][e] == r {
						rows[j] = append(rows[j][:e:e], rows[j][e+1:]...)
						vals[j] = append(vals[j][:e:e], vals[j][e+1:]...)
						break
					}
				}
			}
		}},
		{"combination of two columns", func(rows [][]int, vals [][]float64, n int) {
			p := rng.Perm(n)
			a, b, j := p[0], p[1], p[2]
			acc, has := make([]float64, n), make([]bool, n)
			for e, i := range rows[a] {
				acc[i] += 0.7 * vals[a][e]
				has[i] = true
			}
			for e, i := range rows[b] {
				acc[i] -= 1.3 * vals[b][e]
				has[i] = true
			}
			rows[j], vals[j] = nil, nil
			for i := 0; i < n; i++ {
				if has[i] {
					rows[j] = append(rows[j], i)
					vals[j] = append(vals[j], acc[i])
				}
			}
		}},
	}
	for _, n := range []int{2, 5, 50, 300} {
		for _, v := range variants {
			if n < 3 && v.name == "combination of two columns" {
				continue
			}
			for rep := 0; rep < 5; rep++ {
				rows, vals := sluCols(sluRandom(rng, n, 3, true))
				v.make(rows, vals, n)
				m := sluFromCols(n, rows, vals)
				var lu sparseLU
				if lu.factorize(m.n, m.start, m.row, m.val) {
					t.Errorf("n=%d %s rep %d: factorize succeeded (cond %g)", n, v.name, rep, lu.cond())
				}
				if c := lu.cond(); !math.IsInf(c, 1) {
					t.Errorf("n=%d %s rep %d: cond after failure is %g", n, v.name, rep, c)
				}
				z := make([]float64, n)
				lu.solve(make([]float64, n), z)
				if !math.IsNaN(z[0]) {
					t.Errorf("n=%d %s rep %d: solve after failure gave %g", n, v.name, rep, z[0])
				}
			}
		}
	}
	// Dense low rank: X Y' with X, Y n x k.
	for _, n := range []int{3, 10, 40} {
		for _, k := range []int{1, n / 2, n - 1} {
			x, y := sluDenseRandom(rng, n).dense(), sluDenseRandom(rng, n).dense()
			var a mat.Dense
			a.Mul(x.Slice(0, n, 0, k), y.Slice(0, n, 0, k).T())
			rows, vals := make([][]int, n), make([][]float64, n)
			for j := 0; j < n; j++ {
				for i := 0; i < n; i++ {
					rows[j] = append(rows[j], i)
					vals[j] = append(vals[j], a.At(i, j))
				}
			}
			m := sluFromCols(n, rows, vals)
			var lu sparseLU
			if lu.factorize(m.n, m.start, m.row, m.val) {
				t.Errorf("dense rank %d of %d: factorize succeeded (cond %g)", k, n, lu.cond())
			}
		}
	}
}

func TestSparseLUNearlySingular(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{2, 5, 50, 300} {
		for rep := 0; rep < 10; rep++ {
			rows, vals := sluCols(sluRandom(rng, n, 3, true))
			i, j := rng.IntN(n), rng.IntN(n-1)
			if j >= i {
				j++
			}
			rows[j] = append([]int(nil), rows[i]...)
			vals[j] = nil
			for _, v := range vals[i] {
				vals[j] = append(vals[j], v+1e-14*(2*rng.Float64()-1))
			}
			m := sluFromCols(n, rows, vals)
			var lu sparseLU
			if lu.factorize(m.n, m.start, m.row, m.val) {
				if c := lu.cond(); !(c > CondLimit) {
					t.Errorf("n=%d rep %d: nearly singular matrix accepted with cond %g", n, rep, c)
				}
			}
		}
	}
}

// TestSparseLUTriangularNoFill checks that a permuted triangular matrix is
// factorized without fill and without multipliers: the Markowitz search
// takes its singletons one by one.
func TestSparseLUTriangularNoFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range []int{1, 5, 50, 300} {
		pr, pc := rng.Perm(n), rng.Perm(n)
		rows, vals := make([][]int, n), make([][]float64, n)
		for j := 0; j < n; j++ {
			// Column pc[j] has its diagonal in row pr[j] and entries in rows
			// pr[i], i < j: upper triangular up to permutations.
			c := pc[j]
			rows[c] = append(rows[c], pr[j])
			vals[c] = append(vals[c], 1+rng.Float64())
			for t := rng.IntN(4); t > 0 && j > 0; t-- {
				i := pr[rng.IntN(j)]
				if !slices.Contains(rows[c], i) {
					rows[c] = append(rows[c], i)
					vals[c] = append(vals[c], 2*rng.Float64()-1)
				}
			}
		}
		m := sluFromCols(n, rows, vals)
		var lu sparseLU
		if !lu.factorize(m.n, m.start, m.row, m.val) {
			t.Fatalf("n=%d: singular", n)
		}
		if len(lu.lIdx) != 0 || lu.factorNonzeros() != len(m.row) {
			t.Errorf("n=%d: %d multipliers, %d factor entries for %d in N", n, len(lu.lIdx), lu.factorNonzeros(), len(m.row))
		}
		sluCheckSolves(t, fmt.Sprintf("triangular n=%d", n), rng, m)
	}
}

func TestSparseLUCond(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	worst, biggest := math.Inf(1), 0.0
	for _, n := range []int{1, 2, 5, 50, 200} {
		for rep := 0; rep < 8; rep++ {
			var m sluMat
			switch rep % 4 {
			case 0:
				m = sluRandom(rng, n, 3, true)
			case 1:
				m = sluRandom(rng, n, 2, true).scaled(sluScales(rng, n), sluScales(rng, n))
			case 2:
				m = sluDenseRandom(rng, min(n, 60)).scaled(sluScales(rng, min(n, 60)), sluScales(rng, min(n, 60)))
			case 3:
				// Nearly dependent columns: cond about 1e8 and beyond.
				rows, vals := sluCols(sluRandom(rng, n, 3, true))
				if n > 1 {
					// Column 1 := column 0 + 1e-8 column 1, which multiplies
					// the determinant by 1e-8.
					for e, i := range rows[1] {
						vals[1][e] *= 1e-8
						if f := slices.Index(rows[0], i); f >= 0 {
							vals[1][e] += vals[0][f]
						}
					}
					for f, i := range rows[0] {
						if !slices.Contains(rows[1], i) {
							rows[1] = append(rows[1], i)
							vals[1] = append(vals[1], vals[0][f])
						}
					}
				}
				m = sluFromCols(n, rows, vals)
			}
			var lu sparseLU
			if !lu.factorize(m.n, m.start, m.row, m.val) {
				t.Errorf("n=%d rep %d: singular", m.n, rep)
				continue
			}
			var inv mat.Dense
			if err := inv.Inverse(m.dense()); err != nil {
				t.Logf("n=%d rep %d: gonum inverse: %v", m.n, rep, err)
			}
			exact := mat.Norm(m.dense(), 1) * mat.Norm(&inv, 1)
			est := lu.cond()
			if !(est >= exact/10 && est <= exact*(1+1e-6)) {
				t.Errorf("n=%d rep %d: cond estimate %g, true %g", m.n, rep, est, exact)
			}
			worst = math.Min(worst, est/exact)
			biggest = math.Max(biggest, exact)
		}
	}
	t.Logf("smallest estimate/true ratio %.3g; largest condition number %.3g", worst, biggest)
}

func TestSparseLUReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	big := sluRandom(rng, 300, 3, true)
	small := sluRandom(rng, 200, 3, true)
	var lu sparseLU
	if !lu.factorize(big.n, big.start, big.row, big.val) {
		t.Fatal("singular")
	}
	pr := append([]int(nil), lu.pr...)
	piv := append([]float64(nil), lu.piv...)
	if a := testing.AllocsPerRun(5, func() { lu.factorize(big.n, big.start, big.row, big.val) }); a != 0 {
		t.Errorf("refactorize of the same matrix: %v allocations", a)
	}
	for k := range pr {
		if lu.pr[k] != pr[k] || math.Float64bits(lu.piv[k]) != math.Float64bits(piv[k]) {
			t.Fatalf("refactorization differs at step %d", k)
		}
	}
	if a := testing.AllocsPerRun(5, func() { lu.factorize(small.n, small.start, small.row, small.val) }); a != 0 {
		t.Errorf("factorize of a smaller matrix: %v allocations", a)
	}
	b, z := make([]float64, small.n), make([]float64, small.n)
	if a := testing.AllocsPerRun(5, func() {
		b[3] = 1
		lu.solve(b, z)
		b[7] = 1
		lu.solveTrans(b, z)
		lu.cond()
	}); a != 0 {
		t.Errorf("solves and cond: %v allocations", a)
	}
	// A fresh object gives bit-identical factors: nothing depends on
	// leftover state or on map order.
	var lu2 sparseLU
	lu.factorize(big.n, big.start, big.row, big.val)
	lu2.factorize(big.n, big.start, big.row, big.val)
	for k := range lu.pr {
		if lu.pr[k] != lu2.pr[k] || lu.pc[k] != lu2.pc[k] || math.Float64bits(lu.piv[k]) != math.Float64bits(lu2.piv[k]) {
			t.Fatalf("fresh factorization differs at step %d", k)
		}
	}
}

// TestSparseLULineFile drives luLines with random growth and removals in a
// tiny array, so that moves, compaction and growth all happen, and checks it
// against a plain model.
func TestSparseLULineFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const n = 20
	var f luLines
	f.init(n, 10, true)
	model := make([][]int, n)
	live := make([]bool, n)
	for j := 0; j < n; j++ {
		f.place(j, rng.IntN(3))
		live[j] = true
	}
	for step := 0; step < 5000; step++ {
		j := rng.IntN(n)
		if !live[j] {
			continue
		}
		switch op := rng.IntN(10); {
		case op < 6:
			k := 1 + rng.IntN(3)
			f.reserve(j, k)
			for ; k > 0; k-- {
				x := step*10 + k
				f.push(j, x, float64(-x))
				model[j] = append(model[j], x)
			}
		case op < 9 && len(model[j]) > 0:
			e := rng.IntN(len(model[j]))
			f.remove(j, model[j][e])
			model[j][e] = model[j][len(model[j])-1]
			model[j] = model[j][:len(model[j])-1]
		case op == 9 && step%7 == 0:
			f.unlink(j)
			live[j] = false
		}
		for i := 0; i < n; i++ {
			if !live[i] {
				continue
			}
			s := f.start[i]
			if f.size[i] != len(model[i]) || f.room(i) < f.size[i] {
				t.Fatalf("step %d: line %d has size %d room %d, want %d", step, i, f.size[i], f.room(i), len(model[i]))
			}
			for e, x := range model[i] {
				if f.idx[s+e] != x || f.val[s+e] != float64(-x) {
					t.Fatalf("step %d: line %d entry %d is %d, want %d", step, i, e, f.idx[s+e], x)
				}
			}
		}
	}
}

// sluBenchMatrix resembles an LP basis nucleus of the size of our large
// model's: 867 x 867, about 4 entries per column.
func sluBenchMatrix() sluMat {
	rng := rand.New(rand.NewPCG(17, 18))
	for {
		rows, vals := sluCols(sluRandom(rng, 867, 6, true))
		m := sluFromCols(867, rows, vals)
		var lu sparseLU
		if lu.factorize(m.n, m.start, m.row, m.val) {
			return m
		}
	}
}

// sluBenchRHS are sparse right-hand sides with 3 nonzeros each.
func sluBenchRHS(n, count int) [][]float64 {
	rng := rand.New(rand.NewPCG(19, 20))
	rhs := make([][]float64, count)
	for k := range rhs {
		rhs[k] = sluRHS(rng, n, 3)
	}
	return rhs
}

// BenchmarkSparseLU867 is factorize, cond and 100 solves (half of them
// transposed) with 3-nonzero right-hand sides: one basis factorization's
// worth of nucleus work, to compare with BenchmarkDenseLU867.
func BenchmarkSparseLU867(b *testing.B) {
	m := sluBenchMatrix()
	rhs := sluBenchRHS(m.n, 100)
	work, z := make([]float64, m.n), make([]float64, m.n)
	var lu sparseLU
	b.ReportAllocs()
	for b.Loop() {
		if !lu.factorize(m.n, m.start, m.row, m.val) || lu.cond() > CondLimit {
			b.Fatal("singular")
		}
		for k, r := range rhs {
			copy(work, r)
			if k%2 == 0 {
				lu.solve(work, z)
			} else {
				lu.solveTrans(work, z)
			}
		}
	}
	b.ReportMetric(float64(m.start[m.n]), "nnz(N)")
	b.ReportMetric(float64(lu.factorNonzeros()), "nnz(LU)")
}

// BenchmarkDenseLU867 does what factor.go does with the nucleus: fill a
// dense matrix, mat.LU with its condition estimate, copy the factors into
// row- and column-major arrays and solve in axpy form.
func BenchmarkDenseLU867(b *testing.B) {
	m := sluBenchMatrix()
	n := m.n
	rhs := sluBenchRHS(n, 100)
	work, z := make([]float64, n), make([]float64, n)
	a := mat.NewDense(n, n, nil)
	var lu mat.LU
	var lTri, uTri mat.TriDense
	luRM, luCM := make([]float64, n*n), make([]float64, n*n)
	piv := make([]int, n)
	b.ReportAllocs()
	for b.Loop() {
		a.Zero()
		raw := a.RawMatrix()
		for j := 0; j < n; j++ {
			for e := m.start[j]; e < m.start[j+1]; e++ {
				raw.Data[m.row[e]*raw.Stride+j] = m.val[e]
			}
		}
		lu.Factorize(a)
		if c := lu.Cond(); c > CondLimit {
			b.Fatal("singular")
		}
		piv = lu.RowPivots(piv)
		lTri.Reset()
		uTri.Reset()
		lu.LTo(&lTri)
		lu.UTo(&uTri)
		l, u := lTri.RawTriangular(), uTri.RawTriangular()
		for i := 0; i < n; i++ {
			row := luRM[i*n : (i+1)*n]
			copy(row[:i], l.Data[i*l.Stride:i*l.Stride+i])
			copy(row[i:], u.Data[i*u.Stride+i:i*u.Stride+n])
		}
		for i := 0; i < n; i++ {
			for j, v := range luRM[i*n : (i+1)*n] {
				luCM[j*n+i] = v
			}
		}
		for k, r := range rhs {
			copy(work, r)
			if k%2 == 0 {
				sluDenseSolve(n, luCM, piv, work, z)
			} else {
				sluDenseSolveTrans(n, luRM, piv, work, z)
			}
		}
	}
	nz := 0
	for _, v := range luRM {
		if v != 0 {
			nz++
		}
	}
	b.ReportMetric(float64(nz), "nnz(LU)")
}

// sluDenseSolve is factor.nucSolve.
func sluDenseSolve(n int, lut []float64, piv []int, b, z []float64) {
	for i, p := range piv {
		z[p] = b[i]
	}
	for k := 0; k < n-1; k++ {
		if v := z[k]; v != 0 {
			floats.AddScaled(z[k+1:], -v, lut[k*n+k+1:(k+1)*n])
		}
	}
	for k := n - 1; k >= 0; k-- {
		col := lut[k*n : (k+1)*n]
		v := z[k] / col[k]
		z[k] = v
		if v != 0 && k > 0 {
			floats.AddScaled(z[:k], -v, col[:k])
		}
	}
}

// sluDenseSolveTrans is factor.nucSolveTrans.
func sluDenseSolveTrans(n int, lu []float64, piv []int, b, z []float64) {
	for k := 0; k < n; k++ {
		row := lu[k*n : (k+1)*n]
		v := b[k] / row[k]
		b[k] = v
		if v != 0 && k+1 < n {
			floats.AddScaled(b[k+1:], -v, row[k+1:])
		}
	}
	for k := n - 1; k > 0; k-- {
		if w := b[k]; w != 0 {
			floats.AddScaled(b[:k], -w, lu[k*n:k*n+k])
		}
	}
	for i, p := range piv {
		z[i] = b[p]
	}
}

// FuzzSparseLU factorizes matrices decoded from arbitrary bytes (sizes 1
// to 24, any pattern, values from a small set that makes exact
// cancellation, ties and singularity common): factorize must never panic,
// must refuse a matrix with an empty row or column, and whenever it
// accepts one with a condition estimate below 1e8, both solves must have a
// small residual. Run it with
//
//	go test -run='^$' -fuzz=FuzzSparseLU -fuzztime=2m ./internal/solve/simplex/
func FuzzSparseLU(f *testing.F) {
	f.Add([]byte{3, 0, 0, 1, 1, 1, 2, 2, 2, 3})
	f.Add([]byte{2, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 2})
	f.Add([]byte{5, 0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 0, 6, 0, 0, 7})
	values := []float64{1, -1, 2, 0.5, 1e-6, 1e6, 3, -0.25, 0}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 1 {
			return
		}
		n := 1 + int(data[0])%24
		// Each triple (row, column, value index) sets one entry; a later
		// triple for the same place overwrites (no duplicates reach
		// factorize).
		dense := make([]float64, n*n)
		for k := 1; k+2 < len(data); k += 3 {
			i, j := int(data[k])%n, int(data[k+1])%n
			dense[j*n+i] = values[int(data[k+2])%len(values)]
		}
		m := sluMat{n: n, start: make([]int, n+1)}
		rowUsed, colUsed := make([]bool, n), make([]bool, n)
		for j := range n {
			for i := range n {
				if v := dense[j*n+i]; v != 0 {
					m.row = append(m.row, i)
					m.val = append(m.val, v)
					rowUsed[i], colUsed[j] = true, true
				}
			}
			m.start[j+1] = len(m.row)
		}
		var lu sparseLU
		ok := lu.factorize(n, m.start, m.row, m.val)
		for i := range n {
			if ok && (!rowUsed[i] || !colUsed[i]) {
				t.Fatalf("accepted a matrix with an empty row or column %d", i)
			}
		}
		if !ok || lu.cond() > 1e8 {
			return
		}
		for _, trans := range []bool{false, true} {
			b := make([]float64, n)
			for i := range b {
				b[i] = float64(i%3) - 1
			}
			b[n-1] = 1
			z := make([]float64, n)
			work := append([]float64(nil), b...)
			if trans {
				lu.solveTrans(work, z)
			} else {
				lu.solve(work, z)
			}
			if r := sluResidual(m, z, b, trans); !(r < 1e-10) {
				t.Fatalf("n=%d trans=%v: relative residual %g (cond %g)", n, trans, r, lu.cond())
			}
		}
	})
}
