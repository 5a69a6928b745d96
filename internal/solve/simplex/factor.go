package simplex

import (
	"math"
)

// factor holds a factorization of the basis B (m x m; column k of B is the
// column of the variable basic in position k) as
//
//	B = B0 F1 ... Fk
//
// where B0 was factorized explicitly and each F is an eta matrix (the
// identity with one column replaced) from a basis change (product form of the
// inverse).
//
// B0 is factorized by exploiting structure first: columns that are singletons
// among the remaining rows (every basic slack, and many sparse structural
// columns) and then rows that are singletons among the remaining columns are
// peeled off. Permuted, B0 is then block upper triangular,
//
//	[ U1  *   *  ]
//	[ 0   N   *  ]
//	[ 0   0   U3 ]
//
// with U1 and U3 triangular (their pivots are original matrix entries, so no
// fill-in and no multipliers) and a square nucleus N, the only part
// factorized numerically, by a sparse Markowitz LU (sparseLU). In LP bases
// the nucleus is a fraction of m and itself sparse: on the large model up
// to 867 of 4,432 rows with about 4 entries per column, whose dense LU
// factors were 92% zeros.
type factor struct {
	m int

	// Pivot sequence in block order: [0, nU1) are the U1 pivots, [nU1,
	// nU1+nNuc) the nucleus and [nU1+nNuc, m) the U3 pivots.
	nU1, nNuc int
	pRow      []int     // pivot row of each order index
	pPos      []int     // basis position (column of B) of each order index
	pVal      []float64 // pivot value (triangular pivots only)
	// Off-pivot entries of each order index's column, in rows that come
	// earlier in the order (for nucleus columns: only rows outside N).
	oStart []int
	oRow   []int
	oVal   []float64
	// The same entries transposed: for each order index p, the entries of
	// its pivot row in the columns of later pivots (tPos is the basis
	// position of the column), so that btran can push each solved value
	// forward and skip the zeros.
	tStart []int
	tPos   []int
	tVal   []float64
	rowOrd []int // order index of each row's pivot
	posOrd []int // order index of each basis position's pivot

	hy hyper // scratch of the sparse solves (hyper.go)

	// The nucleus, factorized sparse (sparselu.go), and its columns in the
	// nucleus's local numbering as factorize hands them over.
	nuc                 sparseLU
	nucStart, nucRowIdx []int
	nucVal              []float64
	nb, nx              []float64

	// Eta file: eta k replaces position etaPos[k] with the column whose
	// transformed entries are etaVal (positions etaIdx) and pivot etaPiv[k].
	etaStart []int
	etaIdx   []int
	etaVal   []float64
	etaPos   []int
	etaPiv   []float64

	// Scratch for factorize: counts of active entries by position and by
	// row, an insertion cursor (into rPos while building the row pattern,
	// into tPos while transposing), the nucleus's local index of each of
	// its rows, and its rows and positions.
	colCount, rowCount []int
	cursor, nucLocal   []int
	nucRows, nucPos    []int
	bad                singularity // what the last factorize could not pivot
	rowActive, colAct  []bool
	rStart, rPos       []int
	queue              []int
	u3Row, u3Pos       []int
	u3Val              []float64
}

// basisMatrix is the basis B column by column: the entries of position k
// are row[e], val[e] for e in [start[k], start[k+1]); an empty range is an
// empty position (no basic variable there yet).
type basisMatrix struct {
	start []int
	row   []int
	val   []float64
}

// singularity lists what made a factorization fail: basis positions whose
// columns are (numerically) dependent on the others, and rows no pivot
// covers. Both lists have the same length; replacing each listed position's
// column by the slack of a listed row makes the basis nonsingular.
type singularity struct {
	positions []int
	rows      []int
}

func newFactor(m int) *factor {
	f := &factor{m: m}
	f.pRow = make([]int, m)
	f.pPos = make([]int, m)
	f.pVal = make([]float64, m)
	f.oStart = make([]int, m+1)
	f.tStart = make([]int, m+1)
	f.rowOrd = make([]int, m)
	f.posOrd = make([]int, m)
	f.colCount = make([]int, m)
	f.rowCount = make([]int, m)
	f.cursor = make([]int, m)
	f.nucLocal = make([]int, m)
	f.rowActive = make([]bool, m)
	f.colAct = make([]bool, m)
	f.rStart = make([]int, m+1)
	f.etaStart = []int{0}
	return f
}

// resize makes f a factor for bases of m rows, reusing its buffers where
// they have the room (a solver reused for a problem of another size, such
// as the next lexicographic stage with its hold row). Like a new factor it
// has no factorization until factorize.
func (f *factor) resize(m int) {
	if f.m == m {
		return
	}
	f.m = m
	f.pRow, f.pPos, f.pVal = grab(f.pRow, m), grab(f.pPos, m), grab(f.pVal, m)
	f.oStart, f.tStart = grab(f.oStart, m+1), grab(f.tStart, m+1)
	f.rowOrd, f.posOrd = grab(f.rowOrd, m), grab(f.posOrd, m)
	f.colCount, f.rowCount = grab(f.colCount, m), grab(f.rowCount, m)
	f.cursor, f.nucLocal = grab(f.cursor, m), grab(f.nucLocal, m)
	f.rowActive, f.colAct = grab(f.rowActive, m), grab(f.colAct, m)
	f.rStart = grab(f.rStart, m+1)
	f.etaStart = append(f.etaStart[:0], 0)
	f.etaIdx, f.etaVal, f.etaPos, f.etaPiv = f.etaIdx[:0], f.etaVal[:0], f.etaPos[:0], f.etaPiv[:0]
	f.nU1, f.nNuc = 0, 0
}

// numEtas is the number of updates since the last factorization.
func (f *factor) numEtas() int { return len(f.etaPos) }

// needRefactor reports whether the eta file is due for a fresh
// factorization: after RefactorEvery updates, or up to RefactorMax while
// the file holds fewer nonzeros than B has rows. A file that sparse costs
// the solves little, while a factorization and the recomputation of x and
// d after it cost several dense passes, so it is kept longer; a denser
// file (many of Netlib's, cardio's near an optimum of its larger models)
// is paid for by every solve, and is refactored every RefactorEvery
// updates. Refactoring sooner still when the file is dense was slower on
// cardio's plans. The measurements behind both numbers are in
// docs/performance.md ("What was done, and what it gave", items 5 and 9,
// and sessions 20 and 21).
func (f *factor) needRefactor() bool {
	n := len(f.etaPos)
	return n >= RefactorMax || n >= RefactorEvery && len(f.etaIdx) >= f.m
}

// factorize factorizes the basis b. On structural or numerical
// singularity it returns the positions and rows to repair, valid until the
// next call (and the factorization is unusable until a successful call).
// It runs in phases: the row-wise pattern of B, the column singletons
// (U1), the row singletons (U3, found now and placed last), the nucleus's
// sparse LU, the U3 pivots in their place, and the transposed off-pivot
// entries.
func (f *factor) factorize(b *basisMatrix) *singularity {
	f.etaStart = f.etaStart[:1]
	f.etaIdx = f.etaIdx[:0]
	f.etaVal = f.etaVal[:0]
	f.etaPos = f.etaPos[:0]
	f.etaPiv = f.etaPiv[:0]

	f.rowPattern(b)
	bad := &f.bad
	bad.positions, bad.rows = bad.positions[:0], bad.rows[:0]
	f.oRow = f.oRow[:0]
	f.oVal = f.oVal[:0]
	f.oStart[0] = 0
	f.nU1 = f.columnSingletons(b, bad)
	f.rowSingletons(b, bad)
	order, ok := f.nucleus(b, f.nU1, bad)
	if !ok {
		return bad
	}
	f.placeU3(b, order)
	f.transpose()
	return nil
}

// rowPattern builds the row-wise pattern of B (rPos lists the positions
// with an entry in each row, from rStart) and makes every row and position
// active, with its count of entries in colCount.
func (f *factor) rowPattern(b *basisMatrix) {
	m := f.m
	for i := range f.rStart {
		f.rStart[i] = 0
	}
	for k := 0; k < m; k++ {
		f.colCount[k] = b.start[k+1] - b.start[k]
		for _, i := range b.row[b.start[k]:b.start[k+1]] {
			f.rStart[i+1]++
		}
	}
	for i := 0; i < m; i++ {
		f.rStart[i+1] += f.rStart[i]
	}
	nnz := f.rStart[m]
	if cap(f.rPos) < nnz {
		// Bases fill in a little at a time: grow with room to spare, or
		// nearly every refactorization would reallocate.
		f.rPos = make([]int, nnz, nnz+nnz/2)
	}
	f.rPos = f.rPos[:nnz]
	fill := f.cursor
	copy(fill, f.rStart[:m])
	for k := 0; k < m; k++ {
		for _, i := range b.row[b.start[k]:b.start[k+1]] {
			f.rPos[fill[i]] = k
			fill[i]++
		}
	}
	for i := 0; i < m; i++ {
		f.rowActive[i] = true
		f.colAct[i] = true // colAct is indexed by position, also 0..m-1
	}
}

// columnSingletons peels off the positions whose column has one entry
// among the active rows, as long as there are any, and returns how many
// it pivoted: the U1 pivots, order indices [0, that). A column with no
// active entry, or whose entry is tiny beside the column's largest, goes
// to bad.
func (f *factor) columnSingletons(b *basisMatrix, bad *singularity) int {
	m := f.m
	order := 0
	f.queue = f.queue[:0]
	for k := 0; k < m; k++ {
		if f.colCount[k] <= 1 {
			f.queue = append(f.queue, k)
		}
	}
	for len(f.queue) > 0 {
		k := f.queue[len(f.queue)-1]
		f.queue = f.queue[:len(f.queue)-1]
		if !f.colAct[k] {
			continue
		}
		if f.colCount[k] == 0 {
			f.colAct[k] = false
			bad.positions = append(bad.positions, k)
			continue
		}
		// Find the single entry in an active row, and the column's largest entry.
		r, piv, big := -1, 0.0, 0.0
		for e := b.start[k]; e < b.start[k+1]; e++ {
			i, v := b.row[e], b.val[e]
			big = math.Max(big, math.Abs(v))
			if f.rowActive[i] {
				r, piv = i, v
			}
		}
		f.colAct[k] = false
		if math.Abs(piv) <= SingularTol*big {
			bad.positions = append(bad.positions, k)
			continue
		}
		f.pRow[order], f.pPos[order], f.pVal[order] = r, k, piv
		for e := b.start[k]; e < b.start[k+1]; e++ {
			i, v := b.row[e], b.val[e]
			if i != r {
				f.oRow = append(f.oRow, i)
				f.oVal = append(f.oVal, v)
			}
		}
		order++
		f.oStart[order] = len(f.oRow)
		f.rowActive[r] = false
		for e := f.rStart[r]; e < f.rStart[r+1]; e++ {
			if k2 := f.rPos[e]; f.colAct[k2] {
				f.colCount[k2]--
				if f.colCount[k2] <= 1 {
					f.queue = append(f.queue, k2)
				}
			}
		}
	}
	return order
}

// rowSingletons peels off, among the rows and positions left, the rows
// with one entry in an active column, as long as there are any, into
// u3Row, u3Pos and u3Val (in the order found; placeU3 places them last
// first). A row with no active entry, or whose entry is tiny beside its
// column's largest, goes to bad.
func (f *factor) rowSingletons(b *basisMatrix, bad *singularity) {
	m := f.m
	for i := 0; i < m; i++ {
		f.rowCount[i] = 0
		if !f.rowActive[i] {
			continue
		}
		for e := f.rStart[i]; e < f.rStart[i+1]; e++ {
			if f.colAct[f.rPos[e]] {
				f.rowCount[i]++
			}
		}
		if f.rowCount[i] <= 1 {
			f.queue = append(f.queue, i)
		}
	}
	f.u3Row, f.u3Pos, f.u3Val = f.u3Row[:0], f.u3Pos[:0], f.u3Val[:0]
	for len(f.queue) > 0 {
		r := f.queue[len(f.queue)-1]
		f.queue = f.queue[:len(f.queue)-1]
		if !f.rowActive[r] {
			continue
		}
		if f.rowCount[r] == 0 {
			f.rowActive[r] = false
			bad.rows = append(bad.rows, r)
			continue
		}
		k := -1
		for e := f.rStart[r]; e < f.rStart[r+1]; e++ {
			if f.colAct[f.rPos[e]] {
				k = f.rPos[e]
				break
			}
		}
		piv, big := 0.0, 0.0
		for e := b.start[k]; e < b.start[k+1]; e++ {
			i, v := b.row[e], b.val[e]
			big = math.Max(big, math.Abs(v))
			if i == r {
				piv = v
			}
		}
		f.rowActive[r] = false
		if math.Abs(piv) <= SingularTol*big {
			bad.rows = append(bad.rows, r)
			continue
		}
		f.u3Row = append(f.u3Row, r)
		f.u3Pos = append(f.u3Pos, k)
		f.u3Val = append(f.u3Val, piv)
		f.colAct[k] = false
		for _, i := range b.row[b.start[k]:b.start[k+1]] {
			if f.rowActive[i] {
				f.rowCount[i]--
				if f.rowCount[i] <= 1 {
					f.queue = append(f.queue, i)
				}
			}
		}
	}
}

// nucleus factorizes the rows and positions still active, the nucleus,
// as order indices [order, order+nNuc), and returns the next order index.
// It reports false, with bad filled in by diagnose, when the peeling
// found dependent positions or uncovered rows, when the nucleus is not
// square, or when its LU fails or is too ill-conditioned (CondLimit).
func (f *factor) nucleus(b *basisMatrix, order int, bad *singularity) (int, bool) {
	m := f.m
	nucRows, nucPos := f.nucRows[:0], f.nucPos[:0]
	for i := 0; i < m; i++ {
		if f.rowActive[i] {
			nucRows = append(nucRows, i)
		}
		if f.colAct[i] {
			nucPos = append(nucPos, i)
		}
	}
	f.nucRows, f.nucPos = nucRows, nucPos // kept for the next factorization's appends
	if len(bad.positions) > 0 || len(bad.rows) > 0 || len(nucRows) != len(nucPos) {
		f.diagnose(b, nucRows, nucPos, bad)
		return order, false
	}
	nn := len(nucPos)
	f.nNuc = nn
	if nn == 0 {
		return order, true
	}
	// The nucleus's local index of each of its rows.
	for t, i := range nucRows {
		f.nucLocal[i] = t
	}
	f.nucStart = append(f.nucStart[:0], 0)
	f.nucRowIdx, f.nucVal = f.nucRowIdx[:0], f.nucVal[:0]
	for t, k := range nucPos {
		o := order + t
		f.pRow[o], f.pPos[o] = nucRows[t], k
		for e := b.start[k]; e < b.start[k+1]; e++ {
			i, v := b.row[e], b.val[e]
			if f.rowActive[i] {
				f.nucRowIdx = append(f.nucRowIdx, f.nucLocal[i])
				f.nucVal = append(f.nucVal, v)
			} else {
				f.oRow = append(f.oRow, i)
				f.oVal = append(f.oVal, v)
			}
		}
		f.nucStart = append(f.nucStart, len(f.nucRowIdx))
		f.oStart[o+1] = len(f.oRow)
	}
	// cond is +Inf after a failed factorize; NaN fails the test too.
	if !f.nuc.factorize(nn, f.nucStart, f.nucRowIdx, f.nucVal) || !(f.nuc.cond() <= CondLimit) {
		f.diagnose(b, nucRows, nucPos, bad)
		return order, false
	}
	f.nb, f.nx = grab(f.nb, nn), grab(f.nx, nn)
	return order + nn, true
}

// placeU3 places the row singletons' pivots from order index order on,
// the last found first.
func (f *factor) placeU3(b *basisMatrix, order int) {
	for t := len(f.u3Row) - 1; t >= 0; t-- {
		r, k := f.u3Row[t], f.u3Pos[t]
		f.pRow[order], f.pPos[order], f.pVal[order] = r, k, f.u3Val[t]
		for e := b.start[k]; e < b.start[k+1]; e++ {
			i, v := b.row[e], b.val[e]
			if i != r {
				f.oRow = append(f.oRow, i)
				f.oVal = append(f.oVal, v)
			}
		}
		order++
		f.oStart[order] = len(f.oRow)
	}
}

// transpose builds the row-wise copy (tStart, tPos, tVal) of the
// off-pivot entries.
func (f *factor) transpose() {
	m := f.m
	for p := 0; p < m; p++ {
		f.rowOrd[f.pRow[p]] = p
		f.posOrd[f.pPos[p]] = p
	}
	clear(f.tStart)
	for _, i := range f.oRow {
		f.tStart[f.rowOrd[i]+1]++
	}
	for p := 0; p < m; p++ {
		f.tStart[p+1] += f.tStart[p]
	}
	nnz := len(f.oRow)
	if cap(f.tPos) < nnz {
		f.tPos = make([]int, nnz, nnz+nnz/2) // room to spare, as for rPos
		f.tVal = make([]float64, nnz, nnz+nnz/2)
	}
	f.tPos, f.tVal = f.tPos[:nnz], f.tVal[:nnz]
	next := f.cursor
	copy(next, f.tStart[:m])
	for q := 0; q < m; q++ {
		k := f.pPos[q]
		for e := f.oStart[q]; e < f.oStart[q+1]; e++ {
			p := f.rowOrd[f.oRow[e]]
			f.tPos[next[p]], f.tVal[next[p]] = k, f.oVal[e]
			next[p]++
		}
	}
}

// diagnose finds, by Gaussian elimination with partial pivoting on the
// (possibly rectangular) nucleus, its dependent columns and uncovered rows,
// and adds them to bad. It is only run on failure, so it favours simplicity.
func (f *factor) diagnose(b *basisMatrix, rows, pos []int, bad *singularity) {
	local := make(map[int]int, len(rows))
	for t, i := range rows {
		local[i] = t
	}
	// Columns as dense vectors over the nucleus rows, with their largest
	// entry over the whole column as the reference for "tiny".
	a := make([][]float64, len(pos))
	big := make([]float64, len(pos))
	for t, k := range pos {
		a[t] = make([]float64, len(rows))
		for e := b.start[k]; e < b.start[k+1]; e++ {
			i, v := b.row[e], b.val[e]
			big[t] = math.Max(big[t], math.Abs(v))
			if l, ok := local[i]; ok {
				a[t][l] = v
			}
		}
	}
	used := make([]bool, len(rows))
	nBad := len(bad.positions)
	worst, worstRel, worstRow := -1, math.Inf(1), -1
	for t := range pos {
		c := a[t]
		p, pv := -1, 0.0
		for l, v := range c {
			if !used[l] && math.Abs(v) > math.Abs(pv) {
				p, pv = l, v
			}
		}
		if p < 0 || math.Abs(pv) <= diagnoseTol*big[t] {
			bad.positions = append(bad.positions, pos[t])
			continue
		}
		if rel := math.Abs(pv) / big[t]; rel < worstRel {
			worst, worstRel, worstRow = t, rel, p
		}
		used[p] = true
		// Eliminate row p from the later columns.
		for u := t + 1; u < len(pos); u++ {
			if l := a[u][p] / pv; l != 0 {
				for i, v := range c {
					if !used[i] {
						a[u][i] -= l * v
					}
				}
				a[u][p] = 0
			}
		}
	}
	if len(bad.positions) == nBad && len(rows) == len(pos) && worst >= 0 {
		// Nothing is exactly dependent but the LU found the nucleus too
		// ill-conditioned: drop the column with the weakest pivot.
		bad.positions = append(bad.positions, pos[worst])
		used[worstRow] = false
	}
	for l, i := range rows {
		if !used[l] {
			bad.rows = append(bad.rows, i)
		}
	}
}

// diagnoseTol is the relative pivot size below which diagnose treats a
// nucleus column as dependent. It is looser than SingularTol because
// elimination has already accumulated round-off in the column.
const diagnoseTol = 1e3 * SingularTol

// ftran solves B x = b. b is indexed by row and is overwritten; x is
// indexed by basis position. If nz is not nil, *nz is set to the positions
// of the nonzeros of x, so that callers can skip the zeros.
// nucleusSolve solves the nucleus for its rows' entries of b (row-indexed,
// as in ftran) and returns the solution by nucleus position: f.nx, valid
// until the next solve.
func (f *factor) nucleusSolve(b []float64) []float64 {
	nb := f.nb
	for t := 0; t < f.nNuc; t++ {
		nb[t] = b[f.pRow[f.nU1+t]]
	}
	f.nuc.solve(nb, f.nx)
	return f.nx
}

// nucleusSolveTrans is nucleusSolve for the transpose, with c indexed by
// basis position (as in btran).
func (f *factor) nucleusSolveTrans(c []float64) []float64 {
	nb := f.nb
	for t := 0; t < f.nNuc; t++ {
		nb[t] = c[f.pPos[f.nU1+t]]
	}
	f.nuc.solveTrans(nb, f.nx)
	return f.nx
}

func (f *factor) ftran(b, x []float64, nz *[]int) {
	m := f.m
	for p := m - 1; p >= f.nU1+f.nNuc; p-- {
		f.triBack(p, b, x)
	}
	if f.nNuc > 0 {
		nx := f.nucleusSolve(b)
		for t := 0; t < f.nNuc; t++ {
			p := f.nU1 + t
			z := nx[t]
			x[f.pPos[p]] = z
			if z != 0 {
				for e := f.oStart[p]; e < f.oStart[p+1]; e++ {
					b[f.oRow[e]] -= f.oVal[e] * z
				}
			}
		}
	}
	for p := f.nU1 - 1; p >= 0; p-- {
		f.triBack(p, b, x)
	}
	f.etas(x)
	dropSmall(x, nz)
}

// dropSmall zeroes the entries of v below DropTol and, unless nz is nil,
// sets *nz to the indices of the others.
func dropSmall(v []float64, nz *[]int) {
	if nz == nil {
		for k, e := range v {
			if math.Abs(e) < DropTol {
				v[k] = 0
			}
		}
		return
	}
	idx := (*nz)[:0]
	for k, e := range v {
		if math.Abs(e) < DropTol {
			v[k] = 0
		} else {
			idx = append(idx, k)
		}
	}
	*nz = idx
}

func (f *factor) triBack(p int, b, x []float64) {
	xp := b[f.pRow[p]]
	if xp == 0 {
		x[f.pPos[p]] = 0
		return
	}
	xp /= f.pVal[p]
	x[f.pPos[p]] = xp
	for e := f.oStart[p]; e < f.oStart[p+1]; e++ {
		b[f.oRow[e]] -= f.oVal[e] * xp
	}
}

// btran solves B'y = c. c is indexed by basis position and is overwritten;
// y is indexed by row. The triangular parts go in axpy form (each solved
// value is pushed into the later right-hand sides), skipping zeros. nz
// collects the nonzeros of y as in ftran.
func (f *factor) btran(c, y []float64, nz *[]int) {
	// Eta file, newest first.
	for k := len(f.etaPos) - 1; k >= 0; k-- {
		r := f.etaPos[k]
		s := c[r]
		for e := f.etaStart[k]; e < f.etaStart[k+1]; e++ {
			s -= f.etaVal[e] * c[f.etaIdx[e]]
		}
		c[r] = s / f.etaPiv[k]
	}
	for p := 0; p < f.nU1; p++ {
		f.triFwd(p, c, y)
	}
	if f.nNuc > 0 {
		nx := f.nucleusSolveTrans(c)
		for t := 0; t < f.nNuc; t++ {
			p := f.nU1 + t
			z := nx[t]
			y[f.pRow[p]] = z
			if z != 0 {
				for e := f.tStart[p]; e < f.tStart[p+1]; e++ {
					c[f.tPos[e]] -= f.tVal[e] * z
				}
			}
		}
	}
	for p := f.nU1 + f.nNuc; p < f.m; p++ {
		f.triFwd(p, c, y)
	}
	dropSmall(y, nz)
}

func (f *factor) triFwd(p int, c, y []float64) {
	v := c[f.pPos[p]]
	if v == 0 {
		y[f.pRow[p]] = 0
		return
	}
	v /= f.pVal[p]
	y[f.pRow[p]] = v
	for e := f.tStart[p]; e < f.tStart[p+1]; e++ {
		c[f.tPos[e]] -= f.tVal[e] * v
	}
}

// update records the replacement of the column in position r by a column
// whose FTRAN is alpha (indexed by position, nonzeros listed in nz).
func (f *factor) update(r int, alpha []float64, nz []int) {
	for _, i := range nz {
		if i != r {
			f.etaIdx = append(f.etaIdx, i)
			f.etaVal = append(f.etaVal, alpha[i])
		}
	}
	f.etaStart = append(f.etaStart, len(f.etaIdx))
	f.etaPos = append(f.etaPos, r)
	f.etaPiv = append(f.etaPiv, alpha[r])
}
