package simplex

import "math"

// FarkasRoundTol is the relative round-off of a Farkas certificate check
// (infeasibilityProven). An entry g_j no larger than it times the sum of
// its products' magnitudes is cancellation (a basic column's entry, zero
// in exact arithmetic, comes out as 1e-17) and counts as zero, as the
// ratio tests take entries below their tolerances for zero; and the bound
// sums may err by it times their magnitude. Double precision sums over
// thousands of terms stay far below it.
const FarkasRoundTol = 1e-11

// farkasProofs lets a dual simplex verdict of infeasibility stand on its
// certificate (infeasibilityProven); tests switch it off to compare with
// the primal phase 1's verdicts.
var farkasProofs = true

// infeasibilityProven reports whether rho, the row y of B^-1 for the row
// the dual simplex could not repair, proves by itself that no point within
// PrimalTol of the true (unperturbed) bounds satisfies the rows. Every
// point with [A -I] z = 0 has g'z = 0 for g = y'[A -I]; when the bounds
// keep g'z above (or below) zero by more than PrimalTol times sum |g_j|,
// there is no such point (Farkas' lemma). g is computed from the matrix,
// not from the factorization, so the proof holds whatever the errors in
// y, and it needs no confirmation by the primal phase 1, which from the
// dual's last basis can take thousands of iterations, several times the
// dual's own (docs/performance.md, "What was done, and what it gave",
// item 7).
func (s *solver) infeasibilityProven() bool {
	if len(s.rhoIdx) == 0 {
		return false
	}
	if len(s.farkas) < s.n {
		s.farkas = make([]float64, s.n)
	}
	g := s.farkas
	if len(s.farkasMag) < s.n {
		s.farkasMag = make([]float64, s.n)
	}
	mag := s.farkasMag
	s.stamp++
	if s.stamp == 0 {
		clear(s.mark)
		s.stamp = 1
	}
	idx := s.farkasIdx[:0]
	for _, i := range s.rhoIdx {
		yi := s.rho[i]
		for e := s.rStart[i]; e < s.rStart[i+1]; e++ {
			j := s.rCol[e]
			if s.mark[j] != s.stamp {
				s.mark[j] = s.stamp
				idx = append(idx, j)
			}
			v := yi * s.rVal[e]
			g[j] += v
			mag[j] += math.Abs(v)
		}
	}
	s.farkasIdx = idx
	var lo, up, abs, size float64
	term := func(gj float64, l, u float64) {
		if gj == 0 {
			return
		}
		if gj < 0 {
			gj, l, u = -gj, -u, -l
		}
		lo += gj * l
		up += gj * u
		abs += gj
		if !math.IsInf(l, 0) {
			size += gj * math.Abs(l)
		}
		if !math.IsInf(u, 0) {
			size += gj * math.Abs(u)
		}
	}
	for _, j := range idx {
		if math.Abs(g[j]) > FarkasRoundTol*mag[j] {
			term(g[j], s.lo0[j], s.up0[j])
		}
		g[j], mag[j] = 0, 0
	}
	for _, i := range s.rhoIdx {
		j := s.n + i
		term(-s.rho[i], s.lo0[j], s.up0[j])
	}
	tol := PrimalTol*abs + FarkasRoundTol*size
	return lo > tol || up < -tol
}
