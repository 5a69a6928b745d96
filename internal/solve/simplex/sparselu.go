package simplex

import (
	"math"

	"gonum.org/v1/gonum/floats"
	lapackgonum "gonum.org/v1/gonum/lapack/gonum"
)

// Pivoting parameters of sparseLU.
const (
	// luThreshold is the threshold u of threshold partial pivoting: a_ij is
	// an acceptable pivot only if |a_ij| >= u * max_k |a_kj| over the active
	// part of column j, which bounds each multiplier by 1/u. We take 0.1
	// (the default of HiGHS's HFactor) rather than the sparser 0.01 because
	// the caller has no recovery path that refactorizes with a tighter
	// threshold: an unstable factorization would only show up as a bad
	// condition estimate and a rejected basis. The extra fill is small: 3%
	// more factor entries than u = 0.01 on a random 867 x 867 nucleus.
	luThreshold = 0.1
	// luSearchLimit is the number of columns and rows the Markowitz search
	// examines (in order of increasing active count) before it settles for
	// the best acceptable pivot seen (the limited search of Suhl and Suhl,
	// after Zlatev): a few candidates give nearly the fill of a full search
	// at a fraction of its cost. On a random 867 x 867 nucleus, 2, 4 and 8
	// candidates give 16.9k, 16.4k and 16.2k factor entries.
	luSearchLimit = 4
	// luDenseDensity is the density of the active submatrix beyond which
	// the rest of the elimination is done densely (see denseTail). Sparse
	// elimination of an almost full matrix does the same arithmetic as
	// dense elimination at several times the cost per operation (index
	// chasing, scattered updates), and the dense array is then at most
	// 1/luDenseDensity times the entries it replaces, so memory stays
	// O(nnz). Random sparse matrices of our nucleus sizes end in such a
	// tail, which does most of their arithmetic.
	luDenseDensity = 0.5
	// luDenseMin is the smallest active submatrix handed to denseTail:
	// below it the arithmetic is negligible either way and the sparse
	// path's Markowitz ordering keeps the factors sparser.
	luDenseMin = 16
)

// sparseLU is an LU factorization P N Q = L U of a sparse square matrix N,
// computed by right-looking Gaussian elimination with Markowitz pivoting and
// threshold partial pivoting (see luThreshold and luSearchLimit), finished
// densely once the active submatrix has filled in (see denseTail).
//
// Step k of the elimination pivots on the entry of N's row pr[k] and column
// pc[k], with pivot value piv[k]. Everything is kept in N's own row and
// column numbering, so the solves need no permutation vectors:
//
//   - L is the product of the elimination steps; step k subtracts
//     lVal[e] times row pr[k] from row lIdx[e], for e in [lStart[k],
//     lStart[k+1]) (every such row is pivoted after step k).
//   - U holds the pivot rows: row pr[k] of U has piv[k] in column pc[k] and
//     uVal[e] in column uIdx[e] for e in [uStart[k], uStart[k+1]) (every
//     such column is pivoted after step k).
//
// Each factor is also stored transposed (ltStart/ltIdx/ltVal and
// utStart/utIdx/utVal) so that both solve and solveTrans can go in axpy
// form, pushing each solved value into the remaining right-hand side and
// skipping the zeros, which matter since simplex right-hand sides are
// very sparse.
//
// All storage is kept between factorizations: a factorization no larger than
// an earlier one (in order and fill) allocates nothing.
type sparseLU struct {
	n     int
	ok    bool    // the last factorize succeeded
	norm1 float64 // ‖N‖₁, for cond

	pr, pc []int     // pivot row and column of each step
	piv    []float64 // pivot value of each step
	rowPos []int     // step at which each row was pivoted
	colPos []int     // step at which each column was pivoted

	// L by columns (multipliers of each step, indexed by row of N).
	lStart []int
	lIdx   []int
	lVal   []float64
	// L by rows, keyed by the step of the row: for the row pr[q], the
	// entries ltVal[e] of the earlier steps' rows ltIdx[e], e in
	// [ltStart[q], ltStart[q+1]).
	ltStart []int
	ltIdx   []int
	ltVal   []float64
	// U by rows, off-diagonal part (indexed by column of N).
	uStart []int
	uIdx   []int
	uVal   []float64
	// U by columns, keyed by the step of the column: for the column pc[q],
	// the entries utVal[e] in the earlier pivot rows utIdx[e], e in
	// [utStart[q], utStart[q+1]).
	utStart []int
	utIdx   []int
	utVal   []float64

	// Active submatrix during factorize: columns with values, rows as
	// patterns only (values are looked up in the columns when needed), so
	// that an update never has to keep two copies of a value in step.
	cols, rows     luLines
	colCnt, rowCnt luCounts
	active         int       // entries in the active submatrix
	colMax         []float64 // largest |entry| of each active column
	colRef         []float64 // largest |entry| of each column in N
	w              []float64 // multipliers of the current step, by row
	mark           []int     // step tag of the rows in the pivot column; scratch
	pivRow         []int     // pattern of the current pivot row
	dense          []float64 // the dense tail, column-major
	dRows, dCols   []int     // rows and columns of the dense tail

	// Scratch for cond.
	cv, cx, cw []float64
	cisgn      []int
}

// factorize factorizes the n x n matrix given column-wise: column j has
// entries row[e], val[e] for e in [start[j], start[j+1]) (rows 0..n-1, no
// duplicates, any order, zeros possible). It returns false when N is
// (numerically) singular: no acceptable pivot is left, i.e. every remaining
// entry of the active submatrix of some column is at most SingularTol times
// the largest absolute entry that column had in N. The input slices are not
// retained or modified.
func (lu *sparseLU) factorize(n int, start, row []int, val []float64) bool {
	lu.ok = false
	lu.n = n
	lu.resize(n)

	// Column lengths without explicit zeros, row counts, reference sizes
	// and the 1-norm.
	nnz := 0
	lu.norm1 = 0
	rowLen := lu.mark // borrowed; cleared again below
	clear(rowLen)
	for j := 0; j < n; j++ {
		big, sum, cnt := 0.0, 0.0, 0
		for e := start[j]; e < start[j+1]; e++ {
			if v := math.Abs(val[e]); v != 0 {
				big = math.Max(big, v)
				sum += v
				cnt++
				rowLen[row[e]]++
			}
		}
		if !(big > 0) || math.IsInf(big, 0) {
			return false // an empty column, or one no pivot can be trusted in
		}
		lu.colRef[j], lu.colMax[j] = big, big
		lu.norm1 = math.Max(lu.norm1, sum)
		nnz += cnt
	}
	// Room for the active submatrix: the entries with some slack per line
	// plus free space at the end for lines that outgrow their slot; lines
	// that still do not fit trigger a compaction, then growth.
	lu.cols.init(n, 3*nnz+8*n, true)
	lu.rows.init(n, 3*nnz+8*n, false)
	for j := 0; j < n; j++ {
		cnt := 0
		for e := start[j]; e < start[j+1]; e++ {
			if val[e] != 0 {
				cnt++
			}
		}
		lu.cols.place(j, cnt+cnt/2+2)
		for e := start[j]; e < start[j+1]; e++ {
			if val[e] != 0 {
				lu.cols.push(j, row[e], val[e])
			}
		}
	}
	for i := 0; i < n; i++ {
		if rowLen[i] == 0 {
			return false
		}
		lu.rows.place(i, rowLen[i]+rowLen[i]/2+2)
	}
	for j := 0; j < n; j++ {
		s := lu.cols.start[j]
		for _, i := range lu.cols.idx[s : s+lu.cols.size[j]] {
			lu.rows.push(i, j, 0)
		}
	}
	clear(lu.mark)
	lu.colCnt.init(n)
	lu.rowCnt.init(n)
	for j := 0; j < n; j++ {
		lu.colCnt.move(j, lu.cols.size[j])
		lu.rowCnt.move(j, lu.rows.size[j])
	}

	lu.lIdx, lu.lVal = lu.lIdx[:0], lu.lVal[:0]
	lu.uIdx, lu.uVal = lu.uIdx[:0], lu.uVal[:0]
	lu.lStart[0], lu.uStart[0] = 0, 0
	lu.active = nnz
	for k := 0; k < n; k++ {
		if m := n - k; m >= luDenseMin && float64(lu.active) >= luDenseDensity*float64(m)*float64(m) {
			if !lu.denseTail(k) {
				return false
			}
			break
		}
		r, c := lu.findPivot()
		if r < 0 || !lu.eliminate(k, r, c) {
			return false
		}
	}
	lu.transposeFactors()
	lu.ok = true
	return true
}

// resize sets the length of the per-row and per-column arrays to n, reusing
// their storage.
func (lu *sparseLU) resize(n int) {
	ints := []*[]int{&lu.pr, &lu.pc, &lu.rowPos, &lu.colPos, &lu.mark, &lu.cisgn}
	for _, p := range ints {
		*p = grab(*p, n)
	}
	ints1 := []*[]int{&lu.lStart, &lu.uStart, &lu.ltStart, &lu.utStart}
	for _, p := range ints1 {
		*p = grab(*p, n+1)
	}
	floats := []*[]float64{&lu.piv, &lu.colMax, &lu.colRef, &lu.w, &lu.cv, &lu.cx, &lu.cw}
	for _, p := range floats {
		*p = grab(*p, n)
	}
}

// findPivot returns the pivot row and column for the next step, or -1, -1
// if no active entry is acceptable.
//
// It looks at the columns of active count 1, then the rows of count 1, then
// the columns and rows of count 2 and so on, and among the acceptable
// entries of the lines it examines takes the one of least Markowitz cost
// (r-1)(c-1) (r, c the active counts of its row and column), ties going to
// the relatively largest entry and then to the first found. It stops after
// luSearchLimit lines once it has a candidate, or as soon as no unexamined
// entry could be cheaper: once all lines of count below k have been looked
// at, every other entry has row and column counts of at least k and so costs
// at least (k-1)². So singletons, of cost 0, are taken as soon as they are
// met. The line lists are in a deterministic order, hence so is the choice.
func (lu *sparseLU) findPivot() (int, int) {
	cols, rows := &lu.cols, &lu.rows
	bestR, bestC, bestCost, bestRatio := -1, -1, math.MaxInt, 0.0
	examined := 0
	for k := 1; k <= lu.n; k++ {
		bound := (k - 1) * (k - 1)
		if bestR >= 0 && bestCost <= bound {
			break
		}
		for j := lu.colCnt.head[k]; j >= 0; j = lu.colCnt.next[j] {
			cmax, tiny := lu.colMax[j], SingularTol*lu.colRef[j]
			s := cols.start[j]
			for e := s; e < s+k; e++ {
				v := math.Abs(cols.val[e])
				if v < luThreshold*cmax || v <= tiny {
					continue
				}
				i := cols.idx[e]
				cost, ratio := (rows.size[i]-1)*(k-1), v/cmax
				if cost < bestCost || cost == bestCost && ratio > bestRatio {
					bestR, bestC, bestCost, bestRatio = i, j, cost, ratio
				}
			}
			examined++
			if bestR >= 0 && (examined >= luSearchLimit || bestCost <= bound) {
				return bestR, bestC
			}
		}
		for i := lu.rowCnt.head[k]; i >= 0; i = lu.rowCnt.next[i] {
			s := rows.start[i]
			for _, j := range rows.idx[s : s+k] {
				v := math.Abs(cols.val[cols.find(j, i)])
				cmax := lu.colMax[j]
				if v < luThreshold*cmax || v <= SingularTol*lu.colRef[j] {
					continue
				}
				cost, ratio := (k-1)*(cols.size[j]-1), v/cmax
				if cost < bestCost || cost == bestCost && ratio > bestRatio {
					bestR, bestC, bestCost, bestRatio = i, j, cost, ratio
				}
			}
			examined++
			if bestR >= 0 && (examined >= luSearchLimit || bestCost <= bound) {
				return bestR, bestC
			}
		}
	}
	return bestR, bestC
}

// eliminate performs step k, pivoting on row r and column c: it records the
// multipliers (L) and the pivot row (U), removes row r and column c from the
// active submatrix and updates the columns of the pivot row. It returns
// false if that leaves a column without an acceptable pivot or a row empty.
//
// Entries of the updated columns (fill-in included) with |v| <= DropTol
// times the largest entry their column had in N are dropped. That is safe because it perturbs N by
// at most DropTol (1e-14, some 45 units of round-off) relative to the
// column, the size of the error the update itself makes, and it is relative
// to the column, so that a badly scaled but legitimate column never loses
// entries (an absolute cut would). It keeps cancellation debris out of the
// factors and lets exactly dependent columns empty out.
func (lu *sparseLU) eliminate(k, r, c int) bool {
	cols, rows := &lu.cols, &lu.rows
	tag := k + 1
	cs, cn := cols.start[c], cols.size[c]
	p := cols.val[cols.find(c, r)]
	lu.pr[k], lu.pc[k], lu.piv[k] = r, c, p
	lu.rowPos[r], lu.colPos[c] = k, k

	// Pivot column: the multipliers, scattered into w and tagged in mark.
	for e := cs; e < cs+cn; e++ {
		i := cols.idx[e]
		if i == r {
			continue
		}
		l := cols.val[e] / p
		lu.lIdx = append(lu.lIdx, i)
		lu.lVal = append(lu.lVal, l)
		lu.w[i], lu.mark[i] = l, tag
		rows.remove(i, c)
	}
	lu.lStart[k+1] = len(lu.lIdx)
	lu.active -= cn
	cols.unlink(c)
	lu.colCnt.remove(c)
	lRows := lu.lIdx[lu.lStart[k]:]

	// Pivot row, copied since the row file may be compacted below.
	lu.pivRow = lu.pivRow[:0]
	rs := rows.start[r]
	for _, j := range rows.idx[rs : rs+rows.size[r]] {
		if j != c {
			lu.pivRow = append(lu.pivRow, j)
		}
	}
	rows.unlink(r)
	lu.rowCnt.remove(r)

	for _, j := range lu.pivRow {
		e := cols.find(j, r)
		arj := cols.val[e]
		cols.removeAt(j, e)
		lu.active--
		lu.uIdx = append(lu.uIdx, j)
		lu.uVal = append(lu.uVal, arj)
		drop := DropTol * lu.colRef[j]
		cmax := 0.0
		seen := 0
		if len(lRows) > 0 {
			// Update the entries in rows of the pivot column, tagging those
			// rows with -tag so the fill-in pass below skips them.
			s, sz := cols.start[j], cols.size[j]
			idx, val := cols.idx[s:s+sz], cols.val[s:s+sz]
			mark, w := lu.mark, lu.w
			nDrop := 0
			for e, i := range idx {
				v := val[e]
				if mark[i] == tag {
					mark[i] = -tag
					seen++
					v -= w[i] * arj
					val[e] = v
				}
				a := math.Abs(v)
				if a > cmax {
					cmax = a
				}
				if a <= drop {
					nDrop++
				}
			}
			for e := 0; nDrop > 0; {
				if math.Abs(val[e]) <= drop {
					rows.remove(idx[e], j)
					lu.active--
					sz--
					idx[e], val[e] = idx[sz], val[sz]
					nDrop--
					continue
				}
				e++
			}
			cols.size[j] = sz
			// Fill-in in the other rows of the pivot column.
			if seen < len(lRows) {
				cols.reserve(j, len(lRows)-seen)
			}
			for _, i := range lRows {
				if lu.mark[i] == -tag {
					lu.mark[i] = tag
					continue
				}
				v := -lu.w[i] * arj
				if math.Abs(v) <= drop {
					continue
				}
				cols.push(j, i, v)
				lu.active++
				rows.reserve(i, 1)
				rows.push(i, j, 0)
				if a := math.Abs(v); a > cmax {
					cmax = a
				}
			}
		} else {
			s := cols.start[j]
			for _, v := range cols.val[s : s+cols.size[j]] {
				if a := math.Abs(v); a > cmax {
					cmax = a
				}
			}
		}
		lu.colMax[j] = cmax
		if !(cmax > SingularTol*lu.colRef[j]) || cmax > math.MaxFloat64 {
			return false // no acceptable pivot left, or overflow
		}
		lu.colCnt.move(j, cols.size[j])
	}
	lu.uStart[k+1] = len(lu.uIdx)
	for _, i := range lRows {
		if rows.size[i] == 0 {
			return false
		}
		lu.rowCnt.move(i, rows.size[i])
	}
	return true
}

// denseTail completes the factorization from step k0 on by dense Gaussian
// elimination with partial pivoting on the active submatrix, once that is
// dense enough (luDenseDensity). The columns are taken by increasing active
// count, which keeps more of the remaining zeros out of the factors, each
// pivoting on its largest remaining entry (which passes the threshold
// test). As
// in eliminate, it returns false when a column has no entry above
// SingularTol times its largest entry in N. The factors go to the same
// sparse arrays, exact zeros left out.
func (lu *sparseLU) denseTail(k0 int) bool {
	m := lu.n - k0
	lu.dRows, lu.dCols = lu.dRows[:0], lu.dCols[:0]
	loc := lu.mark // local index of each active row; mark is free now
	for i := lu.rows.head; i >= 0; i = lu.rows.next[i] {
		loc[i] = len(lu.dRows)
		lu.dRows = append(lu.dRows, i)
	}
	for c := 1; c <= m; c++ {
		for j := lu.colCnt.head[c]; j >= 0; j = lu.colCnt.next[j] {
			lu.dCols = append(lu.dCols, j)
		}
	}
	if len(lu.dRows) != m || len(lu.dCols) != m {
		return false // cannot happen: every active line has a count in 1..m
	}
	lu.dense = grab(lu.dense, m*m)
	d := lu.dense
	clear(d)
	for t, j := range lu.dCols {
		s := lu.cols.start[j]
		val := lu.cols.val[s : s+lu.cols.size[j]]
		for e, i := range lu.cols.idx[s : s+lu.cols.size[j]] {
			d[t*m+loc[i]] = val[e]
		}
	}
	rws := lu.dRows
	for t := 0; t < m; t++ {
		k := k0 + t
		j := lu.dCols[t]
		col := d[t*m : (t+1)*m]
		p, big := t, math.Abs(col[t])
		for i := t + 1; i < m; i++ {
			if a := math.Abs(col[i]); a > big {
				p, big = i, a
			}
		}
		if !(big > SingularTol*lu.colRef[j]) || big > math.MaxFloat64 {
			return false
		}
		if p != t {
			// Swap rows p and t in the columns not yet eliminated; the
			// multipliers of earlier columns are already recorded under
			// their rows' numbers.
			for c := t; c < m; c++ {
				d[c*m+p], d[c*m+t] = d[c*m+t], d[c*m+p]
			}
			rws[p], rws[t] = rws[t], rws[p]
		}
		piv := col[t]
		r := rws[t]
		lu.pr[k], lu.pc[k], lu.piv[k] = r, j, piv
		lu.rowPos[r], lu.colPos[j] = k, k
		mult := col[t+1:]
		for i, v := range mult {
			if v != 0 {
				v /= piv
				mult[i] = v
				lu.lIdx = append(lu.lIdx, rws[t+1+i])
				lu.lVal = append(lu.lVal, v)
			}
		}
		lu.lStart[k+1] = len(lu.lIdx)
		for c := t + 1; c < m; c++ {
			cc := d[c*m : (c+1)*m]
			a := cc[t]
			if a == 0 {
				continue
			}
			lu.uIdx = append(lu.uIdx, lu.dCols[c])
			lu.uVal = append(lu.uVal, a)
			floats.AddScaled(cc[t+1:], -a, mult)
		}
		lu.uStart[k+1] = len(lu.uIdx)
	}
	return true
}

// transposeFactors builds the row-wise copy of L and the column-wise copy of
// U from the factors computed by eliminate.
func (lu *sparseLU) transposeFactors() {
	lu.ltIdx, lu.ltVal = transposeSteps(lu.n, lu.lStart, lu.lIdx, lu.lVal, lu.rowPos, lu.pr, lu.mark, lu.ltStart, lu.ltIdx, lu.ltVal)
	lu.utIdx, lu.utVal = transposeSteps(lu.n, lu.uStart, lu.uIdx, lu.uVal, lu.colPos, lu.pr, lu.mark, lu.utStart, lu.utIdx, lu.utVal)
}

// transposeSteps transposes a factor stored by elimination step (step k
// has entries idx[e], val[e] for e in [start[k], start[k+1])): the
// transpose keys each entry by the step pos[idx[e]] of its index and
// records pr[k], the pivot row of the step it came from. tStart (length
// n+1) is filled in; tIdx and tVal are reused when large enough and
// returned; next (length n) is scratch.
func transposeSteps(n int, start, idx []int, val []float64, pos, pr, next, tStart, tIdx []int, tVal []float64) ([]int, []float64) {
	clear(tStart)
	for _, i := range idx {
		tStart[pos[i]+1]++
	}
	for q := 0; q < n; q++ {
		tStart[q+1] += tStart[q]
	}
	tIdx = grab(tIdx, len(idx))
	tVal = grab(tVal, len(idx))
	copy(next, tStart[:n])
	for k := 0; k < n; k++ {
		for e := start[k]; e < start[k+1]; e++ {
			q := pos[idx[e]]
			tIdx[next[q]], tVal[next[q]] = pr[k], val[e]
			next[q]++
		}
	}
	return tIdx, tVal
}

// factorNonzeros is the number of stored entries of L and U, diagonal
// included (each factor is stored twice, by rows and by columns).
func (lu *sparseLU) factorNonzeros() int {
	return len(lu.lIdx) + len(lu.uIdx) + lu.n
}

// footprint estimates the bytes lu's buffers hold (the factors both ways,
// the active submatrix's files and the dense tail), for the solver pool's
// limit on what it keeps.
func (lu *sparseLU) footprint() int {
	return 16*(cap(lu.lIdx)+cap(lu.ltIdx)+cap(lu.uIdx)+cap(lu.utIdx)+cap(lu.cols.idx)) +
		8*(cap(lu.rows.idx)+cap(lu.dense)) + 8*20*cap(lu.pr)
}

// solve solves N z = b. b has length n and is overwritten (used as work); z
// has length n. It must follow a successful factorize (otherwise z is set
// to NaN).
func (lu *sparseLU) solve(b, z []float64) {
	n := lu.n
	if !lu.ok {
		luFillNaN(z[:n])
		return
	}
	b, z = b[:n], z[:n]
	// Apply the elimination steps to b in order; b[pr[k]] is final once
	// step k is reached, and a zero pushes nothing.
	for k := 0; k < n; k++ {
		v := b[lu.pr[k]]
		if v == 0 {
			continue
		}
		s, t := lu.lStart[k], lu.lStart[k+1]
		subScaled(b, lu.lIdx[s:t], lu.lVal[s:t], v)
	}
	// Back substitution with U by columns.
	for k := n - 1; k >= 0; k-- {
		v := b[lu.pr[k]]
		if v != 0 {
			v /= lu.piv[k]
			s, t := lu.utStart[k], lu.utStart[k+1]
			subScaled(b, lu.utIdx[s:t], lu.utVal[s:t], v)
		}
		z[lu.pc[k]] = v
	}
}

// solveTrans solves N' z = b. b has length n and is overwritten (used as
// work); z has length n. It must follow a successful factorize (otherwise z
// is set to NaN).
func (lu *sparseLU) solveTrans(b, z []float64) {
	n := lu.n
	if !lu.ok {
		luFillNaN(z[:n])
		return
	}
	b, z = b[:n], z[:n]
	// U'w = b by rows of U, w indexed by the rows of N (stored in z).
	for k := 0; k < n; k++ {
		v := b[lu.pc[k]]
		if v != 0 {
			v /= lu.piv[k]
			s, t := lu.uStart[k], lu.uStart[k+1]
			subScaled(b, lu.uIdx[s:t], lu.uVal[s:t], v)
		}
		z[lu.pr[k]] = v
	}
	// The transposed elimination steps, last first, by rows of L: the value
	// of row pr[q] is final once all later rows have pushed into it.
	for q := n - 1; q > 0; q-- {
		v := z[lu.pr[q]]
		if v == 0 {
			continue
		}
		s, t := lu.ltStart[q], lu.ltStart[q+1]
		subScaled(z, lu.ltIdx[s:t], lu.ltVal[s:t], v)
	}
}

// subScaled subtracts v times the sparse vector (idx, val) from b.
func subScaled(b []float64, idx []int, val []float64, v float64) {
	for e, i := range idx {
		b[i] -= val[e] * v
	}
}

// luFillNaN sets every entry of v to NaN, the result of solving with a
// failed factorization.
func luFillNaN(v []float64) {
	for i := range v {
		v[i] = math.NaN()
	}
}

// cond estimates the 1-norm condition number ‖N‖₁‖N⁻¹‖₁ of N. ‖N⁻¹‖₁ is
// estimated by Hager's method as refined by Higham, LAPACK's dlacn2 (gonum's
// Dlacn2, the routine its LU.Cond uses through dgecon), which asks for a
// handful of products with N⁻¹ and N⁻ᵀ: here sparse solves, so the estimate
// costs a few solves instead of the dense inverse. The estimate is a lower
// bound, in practice rarely off by more than a factor of 3. It returns +Inf
// if the last factorize failed.
func (lu *sparseLU) cond() float64 {
	n := lu.n
	if !lu.ok {
		return math.Inf(1)
	}
	if n == 0 {
		return 0
	}
	v, x, work, isgn := lu.cv[:n], lu.cx[:n], lu.cw[:n], lu.cisgn[:n]
	var isave [3]int
	est, kase := 0.0, 0
	for {
		est, kase = lapackgonum.Implementation{}.Dlacn2(n, v, x, isgn, est, kase, &isave)
		if kase == 0 {
			return lu.norm1 * est
		}
		copy(work, x)
		if kase == 1 {
			lu.solve(work, x)
		} else {
			lu.solveTrans(work, x)
		}
	}
}

// luLines stores sparse lines (the columns or rows of the active
// submatrix) in one shared array, each line in a contiguous slot. The slots
// are chained in storage order, and a slot extends to the start of the next
// one, so the space of a removed line or a line moved away is absorbed by
// its predecessor. A line that outgrows its slot moves to the free space at
// the end; when that runs out the file is compacted, and only if that does
// not free enough is the array grown. The free space at the end is the part
// from end on.
type luLines struct {
	start, size []int
	prev, next  []int // storage order; -1 ends the chain
	head, tail  int
	end         int
	idx         []int
	val         []float64 // nil for a pattern-only file
	hasVal      bool
}

// init empties the file for n lines with room for at least room entries.
func (f *luLines) init(n, room int, withVal bool) {
	f.start = grab(f.start, n)
	f.size = grab(f.size, n)
	f.prev = grab(f.prev, n)
	f.next = grab(f.next, n)
	f.head, f.tail, f.end = -1, -1, 0
	f.hasVal = withVal
	if len(f.idx) < room || withVal && len(f.val) < len(f.idx) {
		f.idx = make([]int, max(room, len(f.idx)))
		if withVal {
			f.val = make([]float64, len(f.idx))
		}
	}
}

// place appends an empty line j with a slot of the given capacity.
func (f *luLines) place(j, capacity int) {
	if f.end+capacity > len(f.idx) {
		f.grow(f.end + capacity)
	}
	f.start[j], f.size[j] = f.end, 0
	f.linkTail(j)
	f.end += capacity
}

// room is the capacity of the slot of line j.
func (f *luLines) room(j int) int {
	if nx := f.next[j]; nx >= 0 {
		return f.start[nx] - f.start[j]
	}
	return f.end - f.start[j]
}

// reserve makes room for extra more entries in line j (which may move it).
func (f *luLines) reserve(j, extra int) {
	need := f.size[j] + extra
	if f.room(j) >= need {
		return
	}
	if j == f.tail && f.start[j]+need <= len(f.idx) {
		f.end = f.start[j] + need
		return
	}
	// Give a moved line some slack so that it does not move again at its
	// next fill-in.
	need += need/2 + 2
	if f.end+need > len(f.idx) {
		f.compact()
		if j == f.tail && f.start[j]+need <= len(f.idx) {
			f.end = f.start[j] + need
			return
		}
		if f.end+need > len(f.idx) {
			f.grow(f.end + need)
		}
	}
	s, m := f.start[j], f.size[j]
	copy(f.idx[f.end:f.end+m], f.idx[s:s+m])
	if f.hasVal {
		copy(f.val[f.end:f.end+m], f.val[s:s+m])
	}
	f.unlink(j)
	f.start[j] = f.end
	f.linkTail(j)
	f.end += need
}

// compact moves the lines down to the start of the array, in storage order,
// leaving no gaps.
func (f *luLines) compact() {
	pos := 0
	for j := f.head; j >= 0; j = f.next[j] {
		s, m := f.start[j], f.size[j]
		if s != pos {
			copy(f.idx[pos:pos+m], f.idx[s:s+m])
			if f.hasVal {
				copy(f.val[pos:pos+m], f.val[s:s+m])
			}
			f.start[j] = pos
		}
		pos += m
	}
	f.end = pos
}

// grow enlarges the array to hold at least min entries.
func (f *luLines) grow(min int) {
	n := max(2*len(f.idx), min)
	idx := make([]int, n)
	copy(idx, f.idx[:f.end])
	f.idx = idx
	if f.hasVal {
		val := make([]float64, n)
		copy(val, f.val[:f.end])
		f.val = val
	}
}

// linkTail appends line j to the storage chain.
func (f *luLines) linkTail(j int) {
	f.prev[j], f.next[j] = f.tail, -1
	if f.tail >= 0 {
		f.next[f.tail] = j
	} else {
		f.head = j
	}
	f.tail = j
}

// unlink removes line j from the storage chain; its slot becomes free.
func (f *luLines) unlink(j int) {
	p, nx := f.prev[j], f.next[j]
	if p >= 0 {
		f.next[p] = nx
	} else {
		f.head = nx
	}
	if nx >= 0 {
		f.prev[nx] = p
	} else {
		f.tail = p
	}
}

// push appends entry (i, v) to line j, which must have room for it.
func (f *luLines) push(j, i int, v float64) {
	e := f.start[j] + f.size[j]
	f.idx[e] = i
	if f.hasVal {
		f.val[e] = v
	}
	f.size[j]++
}

// find returns the position of index i in line j, which must hold it.
func (f *luLines) find(j, i int) int {
	s := f.start[j]
	for e, x := range f.idx[s : s+f.size[j]] {
		if x == i {
			return s + e
		}
	}
	panic("simplex: sparseLU: inconsistent active submatrix")
}

// removeAt removes the entry at position e of line j, moving the line's
// last entry into its place.
func (f *luLines) removeAt(j, e int) {
	last := f.start[j] + f.size[j] - 1
	f.idx[e] = f.idx[last]
	if f.hasVal {
		f.val[e] = f.val[last]
	}
	f.size[j]--
}

// remove removes index i from line j, which must hold it.
func (f *luLines) remove(j, i int) {
	f.removeAt(j, f.find(j, i))
}

// luCounts keeps the active lines in doubly linked lists by their active
// count, so that the pivot search can visit them by increasing count. New
// members go to the front of a list.
type luCounts struct {
	head       []int // first line of each count, -1 if none
	next, prev []int
	cnt        []int // list each line is in, -1 if none
}

// init empties the lists for n lines with counts 0..n.
func (c *luCounts) init(n int) {
	c.head = grab(c.head, n+1)
	c.next = grab(c.next, n)
	c.prev = grab(c.prev, n)
	c.cnt = grab(c.cnt, n)
	for i := range c.head {
		c.head[i] = -1
	}
	for i := range c.cnt {
		c.cnt[i] = -1
	}
}

// remove takes line j out of its list.
func (c *luCounts) remove(j int) {
	k := c.cnt[j]
	if k < 0 {
		return
	}
	p, nx := c.prev[j], c.next[j]
	if p >= 0 {
		c.next[p] = nx
	} else {
		c.head[k] = nx
	}
	if nx >= 0 {
		c.prev[nx] = p
	}
	c.cnt[j] = -1
}

// move puts line j in the list of count k.
func (c *luCounts) move(j, k int) {
	c.remove(j)
	c.cnt[j] = k
	c.prev[j], c.next[j] = -1, c.head[k]
	if h := c.head[k]; h >= 0 {
		c.prev[h] = j
	}
	c.head[k] = j
}
