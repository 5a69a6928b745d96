package simplex

import "slices"

// Hypersparse solves. On a large model (15,000 rows) most right-hand sides
// of the simplex's solves are a column of A or a unit vector, and most of
// the triangular pivots (U1 and U3 of factor) never see a nonzero: the
// dense loops of ftran and btran visit all m of them, and zeroing and
// listing the result visits m entries more, three to four times per
// iteration. ftranSparse and btranSparse visit only the pivots a nonzero
// reaches, in the same order as the dense loops (a heap of order indices),
// so that every value is computed by the same operations in the same order
// and the results are bitwise those of ftran and btran. They fall back to
// the dense loops when the vector fills in (more than m/hyperDiv pivots
// reached), where a heap costs more than it saves (m/32 against m/8:
// docs/performance.md, "What was done, and what it gave", item 3).

// hyperDiv: a solve stays sparse while it has reached at most m/hyperDiv
// pivots.
const hyperDiv = 32

// hyper is the scratch of the sparse solves.
type hyper struct {
	mark  []uint32 // by order index: reached in the current solve
	pmark []uint32 // by basis position or row: listed in the result
	stamp uint32
	heap  []int // order indices waiting, a max-heap (ftran) or min-heap (btran)
	seen  []int // order indices reached, whose rows or positions of the right-hand side may have changed
	later []int // order indices of the next block reached meanwhile
	list  []int // result entries
}

// nextStamp starts a solve's marks.
func (h *hyper) nextStamp(m int) {
	if len(h.mark) != m {
		h.mark, h.pmark = make([]uint32, m), make([]uint32, m)
		h.stamp = 0
	}
	h.stamp++
	if h.stamp == 0 {
		clear(h.mark)
		clear(h.pmark)
		h.stamp = 1
	}
}

// push adds order index p to the heap (max-heap when max, else min-heap).
func (h *hyper) push(p int, max bool) {
	a := append(h.heap, p)
	k := len(a) - 1
	for k > 0 {
		up := (k - 1) / 2
		if max && a[up] >= a[k] || !max && a[up] <= a[k] {
			break
		}
		a[up], a[k] = a[k], a[up]
		k = up
	}
	h.heap = a
}

// pop removes and returns the heap's top.
func (h *hyper) pop(max bool) int {
	a := h.heap
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	k := 0
	for {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && (max && a[c+1] > a[c] || !max && a[c+1] < a[c]) {
			c++
		}
		if max && a[k] >= a[c] || !max && a[k] <= a[c] {
			break
		}
		a[k], a[c] = a[c], a[k]
		k = c
	}
	h.heap = a
	return top
}

// ftranSparse is ftran for a b whose nonzeros are all in the rows bIdx
// (which may list zeros, and repeat), into an x that is zero on entry. It
// leaves b all zero. Both spare the callers a clearing of m entries per
// solve (of the scratch b before, of x here), a pass over every row that
// showed in the profiles of the enterprise models: the sparse path writes
// only the entries it reaches, and zeroes only those of b.
func (f *factor) ftranSparse(b []float64, bIdx []int, x []float64, nz *[]int) {
	m := f.m
	limit := m / hyperDiv
	if len(bIdx) > limit {
		f.ftran(b, x, nz)
		clear(b)
		return
	}
	h := &f.hy
	h.nextStamp(m)
	lo3 := f.nU1 + f.nNuc
	h.heap, h.later, h.list, h.seen = h.heap[:0], h.later[:0], h.list[:0], h.seen[:0]
	reached, inU1 := 0, false
	// reach marks order index q as reached from a nonzero: pivots of the
	// block at hand go on the heap, U1 pivots reached from U3 or the
	// nucleus wait for their block; the nucleus is solved whole.
	reach := func(q int) {
		if h.mark[q] == h.stamp {
			return
		}
		h.mark[q] = h.stamp
		h.seen = append(h.seen, q)
		reached++
		if q >= lo3 {
			h.push(q, true)
		} else if q < f.nU1 {
			if inU1 {
				h.push(q, true)
			} else {
				h.later = append(h.later, q)
			}
		}
	}
	for _, i := range bIdx {
		if b[i] != 0 {
			reach(f.rowOrd[i])
		}
	}
	dense := false
	// One pivot, as triBack, reaching the rows it updates.
	step := func(p int) {
		xp := b[f.pRow[p]]
		if xp == 0 {
			return
		}
		xp /= f.pVal[p]
		k := f.pPos[p]
		x[k] = xp
		h.list = append(h.list, k)
		for e := f.oStart[p]; e < f.oStart[p+1]; e++ {
			i := f.oRow[e]
			b[i] -= f.oVal[e] * xp
			if !dense {
				reach(f.rowOrd[i])
			}
		}
	}
	// U3, last pivot first.
	for len(h.heap) > 0 {
		if reached > limit {
			dense = true
			// Every pivot not yet done is below the heap's top.
			for p := h.pop(true); p >= lo3; p-- {
				f.triBack(p, b, x)
			}
			break
		}
		step(h.pop(true))
	}
	// The nucleus, whole, as in ftran.
	if f.nNuc > 0 {
		nx := f.nucleusSolve(b)
		for t := 0; t < f.nNuc; t++ {
			p := f.nU1 + t
			z := nx[t]
			k := f.pPos[p]
			x[k] = z
			if z != 0 {
				h.list = append(h.list, k)
				for e := f.oStart[p]; e < f.oStart[p+1]; e++ {
					i := f.oRow[e]
					b[i] -= f.oVal[e] * z
					if !dense {
						reach(f.rowOrd[i])
					}
				}
			}
		}
	}
	// U1, last pivot first.
	if dense || reached > limit {
		dense = true
		for p := f.nU1 - 1; p >= 0; p-- {
			f.triBack(p, b, x)
		}
	} else {
		h.heap, inU1 = h.heap[:0], true
		for _, q := range h.later {
			h.push(q, true)
		}
		for len(h.heap) > 0 {
			if reached > limit {
				dense = true
				for p := h.pop(true); p >= 0; p-- {
					f.triBack(p, b, x)
				}
				break
			}
			step(h.pop(true))
		}
	}
	if dense {
		f.etas(x)
		dropSmall(x, nz)
		clear(b)
		return
	}
	// Every nonzero of b, given or filled in, is in the row of a pivot
	// reached.
	for _, q := range h.seen {
		b[f.pRow[q]] = 0
	}
	// Eta file, oldest first, listing the positions it fills.
	for _, k := range h.list {
		h.pmark[k] = h.stamp
	}
	for k, r := range f.etaPos {
		xr := x[r]
		if xr == 0 {
			continue
		}
		xr /= f.etaPiv[k]
		x[r] = xr
		for e := f.etaStart[k]; e < f.etaStart[k+1]; e++ {
			i := f.etaIdx[e]
			x[i] -= f.etaVal[e] * xr
			if h.pmark[i] != h.stamp {
				h.pmark[i] = h.stamp
				h.list = append(h.list, i)
			}
		}
	}
	h.finish(x, nz)
}

// finish drops the small entries of the listed result entries and, unless
// nz is nil, lists the others in increasing order, as dropSmall does.
func (h *hyper) finish(v []float64, nz *[]int) {
	idx := h.list[:0]
	for _, k := range h.list {
		if e := v[k]; e < DropTol && e > -DropTol {
			v[k] = 0
		} else {
			idx = append(idx, k)
		}
	}
	h.list = idx
	if nz != nil {
		slices.Sort(idx)
		*nz = append((*nz)[:0], idx...)
	}
}

// etas applies the eta file to x, oldest first.
func (f *factor) etas(x []float64) {
	for k, r := range f.etaPos {
		xr := x[r]
		if xr == 0 {
			continue
		}
		xr /= f.etaPiv[k]
		x[r] = xr
		for e := f.etaStart[k]; e < f.etaStart[k+1]; e++ {
			x[f.etaIdx[e]] -= f.etaVal[e] * xr
		}
	}
}

// btranSparse is btran for a c whose nonzeros are all in the positions
// cIdx (which may list zeros, and repeat), into a y that is zero on entry.
// It leaves c all zero (see ftranSparse).
func (f *factor) btranSparse(c []float64, cIdx []int, y []float64, nz *[]int) {
	m := f.m
	limit := m / hyperDiv
	if len(cIdx)+len(f.etaPos) > limit {
		f.btran(c, y, nz)
		clear(c)
		return
	}
	h := &f.hy
	// Eta file, newest first: only the etas' own positions change.
	for k := len(f.etaPos) - 1; k >= 0; k-- {
		r := f.etaPos[k]
		s := c[r]
		for e := f.etaStart[k]; e < f.etaStart[k+1]; e++ {
			s -= f.etaVal[e] * c[f.etaIdx[e]]
		}
		c[r] = s / f.etaPiv[k]
	}
	h.nextStamp(m)
	lo3 := f.nU1 + f.nNuc
	h.heap, h.later, h.list, h.seen = h.heap[:0], h.later[:0], h.list[:0], h.seen[:0]
	reached, inU3 := 0, false
	reach := func(q int) {
		if h.mark[q] == h.stamp {
			return
		}
		h.mark[q] = h.stamp
		h.seen = append(h.seen, q)
		reached++
		if q < f.nU1 {
			h.push(q, false)
		} else if q >= lo3 {
			if inU3 {
				h.push(q, false)
			} else {
				h.later = append(h.later, q)
			}
		}
	}
	for _, k := range cIdx {
		if c[k] != 0 {
			reach(f.posOrd[k])
		}
	}
	for _, k := range f.etaPos {
		if c[k] != 0 {
			reach(f.posOrd[k])
		}
	}
	dense := false
	step := func(p int) {
		v := c[f.pPos[p]]
		if v == 0 {
			return
		}
		v /= f.pVal[p]
		i := f.pRow[p]
		y[i] = v
		h.list = append(h.list, i)
		for e := f.tStart[p]; e < f.tStart[p+1]; e++ {
			k := f.tPos[e]
			c[k] -= f.tVal[e] * v
			if !dense {
				reach(f.posOrd[k])
			}
		}
	}
	// U1, first pivot first.
	for len(h.heap) > 0 {
		if reached > limit {
			dense = true
			for p := h.pop(false); p < f.nU1; p++ {
				f.triFwd(p, c, y)
			}
			break
		}
		step(h.pop(false))
	}
	if f.nNuc > 0 {
		nx := f.nucleusSolveTrans(c)
		for t := 0; t < f.nNuc; t++ {
			p := f.nU1 + t
			z := nx[t]
			i := f.pRow[p]
			y[i] = z
			if z != 0 {
				h.list = append(h.list, i)
				for e := f.tStart[p]; e < f.tStart[p+1]; e++ {
					k := f.tPos[e]
					c[k] -= f.tVal[e] * z
					if !dense {
						reach(f.posOrd[k])
					}
				}
			}
		}
	}
	// U3, first pivot first.
	if dense || reached > limit {
		dense = true
		for p := lo3; p < m; p++ {
			f.triFwd(p, c, y)
		}
	} else {
		h.heap, inU3 = h.heap[:0], true
		for _, q := range h.later {
			h.push(q, false)
		}
		for len(h.heap) > 0 {
			if reached > limit {
				dense = true
				for p := h.pop(false); p < m; p++ {
					f.triFwd(p, c, y)
				}
				break
			}
			step(h.pop(false))
		}
	}
	if dense {
		dropSmall(y, nz)
		clear(c)
		return
	}
	// Every nonzero of c, given or filled in (by the etas too), is in the
	// position of a pivot reached.
	for _, q := range h.seen {
		c[f.pPos[q]] = 0
	}
	h.finish(y, nz)
}
