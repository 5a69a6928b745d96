package simplex

import "math"

// Scaling constants.
const (
	// scalePasses bounds the alternating row/column geometric-mean passes.
	scalePasses = 8
	// scaleGain: geometric passes stop when the ratio of the largest to the
	// smallest entry improves by less than this factor.
	scaleGain = 0.9
	// minSpread: a matrix whose entries are within this ratio of each other
	// needs no geometric passes.
	minSpread = 4
)

// computeScaling returns row and column scale factors R and S for the
// matrix in CSC form (duplicates already merged, no zeros), such that the
// scaled matrix R A S has entries close to one in magnitude. It uses
// alternating geometric-mean scaling (each row, then each column, divided
// by sqrt(max*min) of its magnitudes) followed by a column equilibration
// (largest entry one), the combination recommended by Ploskas and Samaras
// (2013) and used by GLPK. All factors are rounded to powers of two so
// that scaling and unscaling are exact in floating point.
func computeScaling(m, n int, cStart, cRow []int, cVal []float64) (rs, cs []float64) {
	rs = make([]float64, m)
	cs = make([]float64, n)
	for i := range rs {
		rs[i] = 1
	}
	for j := range cs {
		cs[j] = 1
	}
	// Work on magnitudes once; plain comparisons instead of math.Max/Min,
	// which handle NaN and are slower.
	abs := make([]float64, len(cVal))
	for e, v := range cVal {
		abs[e] = math.Abs(v)
	}
	rmax := make([]float64, m)
	rmin := make([]float64, m)
	prev := spread(n, cStart, cRow, abs, rs, cs)
	for pass := 0; pass < scalePasses && prev >= minSpread; pass++ {
		for i := range rmax {
			rmax[i], rmin[i] = 0, math.Inf(1)
		}
		for j := 0; j < n; j++ {
			c := cs[j]
			for e := cStart[j]; e < cStart[j+1]; e++ {
				i := cRow[e]
				v := abs[e] * rs[i] * c
				if v > rmax[i] {
					rmax[i] = v
				}
				if v < rmin[i] {
					rmin[i] = v
				}
			}
		}
		for i := range rs {
			if rmax[i] > 0 {
				rs[i] /= math.Sqrt(rmax[i] * rmin[i])
			}
		}
		// The column pass also yields the spread after it: column j ends
		// with entries in [sqrt(lo/hi), sqrt(hi/lo)].
		worst := 1.0
		for j := 0; j < n; j++ {
			lo, hi := math.Inf(1), 0.0
			c := cs[j]
			for e := cStart[j]; e < cStart[j+1]; e++ {
				v := abs[e] * rs[cRow[e]] * c
				if v < lo {
					lo = v
				}
				if v > hi {
					hi = v
				}
			}
			if hi > 0 {
				cs[j] /= math.Sqrt(hi * lo)
				if r := hi / lo; r > worst {
					worst = r
				}
			}
		}
		// max over columns of sqrt(hi/lo) over min of sqrt(lo/hi).
		ratio := worst
		if ratio > scaleGain*prev {
			break
		}
		prev = ratio
	}
	// Column equilibration, then rounding to powers of two.
	for i := range rs {
		rs[i] = pow2(rs[i])
	}
	for j := 0; j < n; j++ {
		hi := 0.0
		for e := cStart[j]; e < cStart[j+1]; e++ {
			if v := abs[e] * rs[cRow[e]] * cs[j]; v > hi {
				hi = v
			}
		}
		if hi > 0 {
			cs[j] /= hi
		}
		cs[j] = pow2(cs[j])
	}
	return rs, cs
}

// spread is max|a|/min|a| over the scaled nonzeros (abs holds |a|).
func spread(n int, cStart, cRow []int, abs []float64, rs, cs []float64) float64 {
	lo, hi := math.Inf(1), 0.0
	for j := 0; j < n; j++ {
		for e := cStart[j]; e < cStart[j+1]; e++ {
			v := abs[e] * rs[cRow[e]] * cs[j]
			if v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
	}
	if hi == 0 {
		return 1
	}
	return hi / lo
}

// pow2 rounds a positive x to the nearest power of two (in log scale).
func pow2(x float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return 1
	}
	return math.Exp2(math.Round(math.Log2(x)))
}
