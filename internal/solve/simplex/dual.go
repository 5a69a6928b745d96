package simplex

import (
	"fmt"
	"math"
)

// needPrimal is an internal outcome of dual: the basis lost dual
// feasibility (round-off beyond what bound flips repair), so the primal
// simplex must take over.
const needPrimal Status = -1

// dseFloor keeps dual steepest-edge weights positive despite round-off in
// their update.
const dseFloor = 1e-8

// flipToDualFeasible puts every boxed nonbasic variable whose reduced cost
// has the wrong sign at its other bound, which makes it dual feasible, and
// recomputes the basic variables if any moved. It reports whether the basis
// is then dual feasible.
func (s *solver) flipToDualFeasible() bool {
	moved, ok := false, true
	for j := 0; j < s.nt; j++ {
		if s.dualInfeasible(j) == 0 {
			continue
		}
		switch {
		case s.stat[j] == AtLower && !math.IsInf(s.up[j], 1):
			s.stat[j], moved = AtUpper, true
		case s.stat[j] == AtUpper && !math.IsInf(s.lo[j], -1):
			s.stat[j], moved = AtLower, true
		default:
			ok = false
		}
	}
	if moved {
		s.computePrimal()
	}
	return ok
}

// dualPhase1 looks for a dual feasible basis by solving, with the dual
// simplex, the auxiliary problem of Fourer (1994) (the "subproblem
// approach" of Koberstein and Suhl 2007, also GLPK's): the same matrix and
// costs with every bound replaced, boxed and fixed variables by [0, 0],
// variables bounded below only by [0, 1], above only by [-1, 0], free ones
// by [-1, 1]. Every variable is then boxed, so any basis is made dual
// feasible by bound flips, and the auxiliary optimum minimizes the sum of
// the original dual infeasibilities. The true bounds are restored on
// return, with each nonbasic at the bound its reduced cost asks for. It
// reports whether the basis is then dual feasible for the true problem
// (if not, the problem is dual infeasible: primal infeasible or unbounded).
func (s *solver) dualPhase1() (bool, error) {
	lo, up := s.lo, s.up
	if s.auxLo == nil {
		s.auxLo = make([]float64, s.nt)
		s.auxUp = make([]float64, s.nt)
	}
	for j := 0; j < s.nt; j++ {
		loFin, upFin := !math.IsInf(lo[j], -1), !math.IsInf(up[j], 1)
		switch {
		case loFin && upFin:
			s.auxLo[j], s.auxUp[j] = 0, 0
		case loFin:
			s.auxLo[j], s.auxUp[j] = 0, 1
		case upFin:
			s.auxLo[j], s.auxUp[j] = -1, 0
		default:
			s.auxLo[j], s.auxUp[j] = -1, 1
		}
	}
	s.lo, s.up = s.auxLo, s.auxUp
	s.statusByReducedCost()
	s.computePrimal()
	st, err := s.dual()
	s.lo, s.up = lo, up
	s.statusByReducedCost()
	s.computePrimal()
	s.fresh = false
	if err != nil {
		return false, err
	}
	return st == Optimal && s.restoreDualFeasibility(), nil
}

// statusByReducedCost gives every nonbasic variable the status its
// reduced cost asks for, where its bounds allow.
func (s *solver) statusByReducedCost() {
	for j := 0; j < s.nt; j++ {
		if s.stat[j] == Basic {
			continue
		}
		want := AtLower
		if s.d[j] < 0 {
			want = AtUpper
		}
		s.stat[j] = s.nonbasicStatus(j, want)
	}
}

// restoreDualFeasibility is flipToDualFeasible that also absorbs small
// dual infeasibilities of variables it cannot flip (round-off that a fresh
// factorization exposes, typically 1e-9 to 1e-8) by shifting their costs so
// that their reduced costs become zero. Shifts are undone with the
// perturbation at the end, the primal simplex cleaning up. It reports false
// if a larger infeasibility remains.
func (s *solver) restoreDualFeasibility() bool {
	if s.flipToDualFeasible() {
		return true
	}
	for j := 0; j < s.nt; j++ {
		if v := s.dualInfeasible(j); v > MaxCostShift*(1+math.Abs(s.cost0[j])) {
			return false
		}
	}
	for j := 0; j < s.nt; j++ {
		if s.dualInfeasible(j) > 0 {
			s.cost[j] -= s.d[j]
			s.d[j] = 0
			s.costShifted = true
		}
	}
	return true
}

// dual runs the dual simplex from a dual feasible basis (Lemke 1954, in the
// bounded form of Koberstein 2005): the leaving row is chosen by dual
// steepest edge (Forrest and Goldfarb 1992), the entering column by a
// bound-flipping (long-step) ratio test with Harris' tolerance, which passes
// over boxed variables' breakpoints by flipping them while the dual
// objective keeps improving. It returns Optimal, Infeasible (a row that no
// entering column can repair: dual unbounded) or needPrimal.
func (s *solver) dual() (Status, error) {
	if !s.restoreDualFeasibility() {
		return needPrimal, nil
	}
	for k := 0; k < s.m; k++ {
		s.weight[k] = 1
	}
	clear(s.rejectRow)
	s.anyRejected = false
	s.infValid = false
	stall := 0
	// tau may go to a worker: every path out of an iteration that posted it
	// waits for it.
	help := newTauHelp(s)
	defer help.close(s)
	for {
		if err := s.tick(); err != nil {
			return IterationLimit, err
		}
		if s.f.needRefactor() {
			if err := s.recompute(true); err != nil {
				return 0, err
			}
			if !s.restoreDualFeasibility() {
				return needPrimal, nil
			}
		}
		r := s.priceDual()
		if r < 0 && s.anyRejected {
			// Only rows without a trustworthy pivot are left infeasible.
			return needPrimal, nil
		}
		if r < 0 {
			s.iters--
			if !s.fresh {
				if err := s.recompute(false); err != nil {
					return 0, err
				}
				if !s.restoreDualFeasibility() {
					return needPrimal, nil
				}
				continue
			}
			return Optimal, nil
		}
		p := s.head[r]
		target, sigma := s.lo[p], 1.0
		if s.x[p] > s.up[p] {
			target, sigma = s.up[p], -1.0
		}
		delta := math.Abs(s.x[p] - target)
		s.btranUnit(r)
		posted := help.post(s)
		s.pivotRow()
		q := s.ratioDual(sigma, delta)
		if q < 0 {
			help.wait(s)
			if !s.fresh {
				s.iters--
				if err := s.recompute(false); err != nil {
					return 0, err
				}
				if !s.restoreDualFeasibility() {
					return needPrimal, nil
				}
				continue
			}
			return Infeasible, nil
		}
		s.ftranColumn(q)
		arq := s.alpha[r]
		if math.Abs(s.ar[q]-arq) > ConsistencyTol*(1+math.Abs(arq)) || math.Abs(arq) <= PivotTol {
			// The row and column computations of the pivot disagree.
			// After updates, refactor and retry; on a fresh factorization
			// set the row aside until the next basis change.
			help.wait(s)
			if s.f.numEtas() == 0 {
				s.rejectRow[r], s.anyRejected = true, true
				s.iters--
				continue
			}
			if err := s.recompute(true); err != nil {
				return 0, err
			}
			if !s.restoreDualFeasibility() {
				return needPrimal, nil
			}
			continue
		}
		s.fresh = false
		s.dualIters++

		// tau = B^-1 rho for the steepest-edge update, before B changes.
		if posted {
			help.wait(s)
		} else {
			for _, i := range s.rhoIdx {
				s.wRow[i] = s.rho[i]
			}
			clear(s.tau)
			s.f.ftranSparse(s.wRow, s.rhoIdx, s.tau, nil)
		}

		// Dual step. A slightly wrong-signed d_q (allowed by Harris) would
		// move the dual backwards; shift its cost to make it zero instead.
		if s.dualViolation(q) > 0 {
			s.cost[q] -= s.d[q]
			s.d[q] = 0
			s.costShifted = true
		}
		thetaD := s.d[q] / arq
		for _, j := range s.arIdx {
			if j != q {
				s.d[j] -= thetaD * s.ar[j]
			}
		}
		s.d[p] = -thetaD

		// Primal step: bound flips first, then the basis change that brings
		// x_p to its violated bound.
		if len(s.flips) > 0 {
			s.applyFlips()
		}
		thetaP := (s.x[p] - target) / arq
		s.shiftBasics(thetaP)
		s.x[q] += thetaP
		s.x[p] = target
		if s.infValid {
			for _, k := range s.alphaIdx {
				s.infTouch(k)
			}
			if len(s.flips) > 0 {
				for _, k := range s.flipIdx {
					s.infTouch(k)
				}
			}
			s.infTouch(r)
		}

		// Dual steepest-edge weights: w_k = ||row k of B^-1||^2.
		wr := 0.0
		for _, i := range s.rhoIdx {
			wr += s.rho[i] * s.rho[i]
		}
		for _, k := range s.alphaIdx {
			if k != r {
				ratio := s.alpha[k] / arq
				s.weight[k] = math.Max(s.weight[k]+ratio*(ratio*wr-2*s.tau[k]), dseFloor)
			}
		}
		s.weight[r] = math.Max(wr/(arq*arq), dseFloor)

		s.basisChange(r, q, s.leaveStatus(p, sigma < 0))
		if s.anyRejected {
			clear(s.rejectRow)
			s.anyRejected = false
		}
		if s.cutOff() {
			return Cutoff, nil
		}

		if math.Abs(thetaD) <= DualTol {
			stall++
		} else {
			stall = 0
		}
		if stall >= s.stallLimit && s.allowPerturb && !s.costPerturbed {
			s.perturbCosts()
			stall = 0
		}
	}
}

// cutOff reports whether the dual objective has passed Options.Cutoff by
// the margin. With the true costs (not perturbed, not shifted) and a dual
// feasible basis, c'x is the dual objective, a lower bound on the optimum
// that only rises; bound perturbations only widen bounds, which lowers the
// optimum, so the bound still holds for the true problem. With perturbed
// or shifted costs, c'x bounds the changed problem only: once it has
// passed the limit, trueCutOff checks the basis with the true costs, at
// most every cutoffRetryIters iterations.
func (s *solver) cutOff() bool {
	if !s.opt.UseCutoff {
		return false
	}
	limit := s.opt.Cutoff + CutoffMargin*math.Max(1, math.Abs(s.opt.Cutoff))
	if s.objective() <= limit {
		return false
	}
	if !s.costPerturbed && !s.costShifted {
		return true
	}
	if s.iters < s.cutoffRetry {
		return false
	}
	s.cutoffRetry = s.iters + cutoffRetryIters
	return s.trueCutOff(limit)
}

// cutoffRetryIters is how many iterations apart trueCutOff is tried: each
// try recomputes the reduced costs twice when it fails.
const cutoffRetryIters = 50

// objective is c'x with the working costs.
func (s *solver) objective() float64 {
	z := 0.0
	for j := 0; j < s.n; j++ {
		if c := s.cost[j]; c != 0 {
			z += c * s.x[j]
		}
	}
	return z
}

// trueCutOff puts the true costs back and recomputes the reduced costs:
// if the basis is dual feasible with them and c'x passes limit, the cutoff
// holds as for a solve that never changed its costs, and the solve stops.
// Otherwise the working costs and their reduced costs and multipliers are
// restored and the solve goes on as before.
//
// Branch and bound gives every node a cutoff, and in long searches most
// of a node's dual iterations run with perturbed costs (perturbCosts,
// after StallLimit degenerate iterations) or shifted ones (the small dual
// infeasibilities of a warm start, restoreDualFeasibility): on 16
// functions x 10 regions x 12 months, 50,000 of the heart stage's 57,000,
// where nodes ran to their optimum hundreds of iterations after passing
// the incumbent (docs/performance.md, "Session 34").
func (s *solver) trueCutOff(limit float64) bool {
	nt, m := s.nt, s.m
	if len(s.costSave) < nt {
		s.costSave, s.dSave = make([]float64, nt), make([]float64, nt)
	}
	if len(s.ySave) < m {
		s.ySave = make([]float64, m)
	}
	copy(s.costSave, s.cost)
	copy(s.dSave, s.d)
	copy(s.ySave, s.y)
	copy(s.cost, s.cost0)
	s.computeDuals(false)
	if s.dualInfeasibility() == 0 && s.objective() > limit {
		s.trueCutoffs++
		return true
	}
	copy(s.cost, s.costSave[:nt])
	copy(s.d, s.dSave[:nt])
	copy(s.y, s.ySave[:m])
	return false
}

// priceDual picks the leaving position: the largest infeasibility^2 / w_k
// among the basic variables outside their bounds, the first position
// among equals. A scan of all m positions is a fifth of an iteration's
// time on a model of 15,000 rows, where a few hundred are infeasible: the
// first scan after x was recomputed lists them (infList), and the
// iterations add the positions whose values they change (infTouch), so
// that later scans visit only those. Each listed position keeps its score
// alongside (infScore), recomputed only when its value, variable or weight
// changed: the scan reads one array in order instead of five at random.
func (s *solver) priceDual() int {
	best, bestScore := -1, 0.0
	if !s.infValid {
		clear(s.infIn)
		clear(s.infDirtyIn)
		s.infDirty = s.infDirty[:0]
		s.infList, s.infScore = s.infList[:0], s.infScore[:0]
		for k := range s.head {
			score := s.dualScore(k)
			if score < 0 {
				continue
			}
			s.infIn[k], s.infAt[k] = true, len(s.infList)
			s.infList, s.infScore = append(s.infList, k), append(s.infScore, score)
			if s.rejectRow[k] {
				continue
			}
			if score > bestScore {
				best, bestScore = k, score
			}
		}
		s.infValid = true
		return best
	}
	// Rescore the positions changed since the last pricing; every other
	// listed score is what a recomputation would give, bit for bit.
	for _, k := range s.infDirty {
		s.infDirtyIn[k] = false
		score := s.dualScore(k)
		switch {
		case s.infIn[k]:
			s.infScore[s.infAt[k]] = score
		case score >= 0:
			s.infIn[k], s.infAt[k] = true, len(s.infList)
			s.infList, s.infScore = append(s.infList, k), append(s.infScore, score)
		}
	}
	s.infDirty = s.infDirty[:0]
	// The largest score, the lowest position among equals, so the order of
	// the list does not matter: a feasible position is replaced by the
	// last one.
	list, scores := s.infList, s.infScore
	for i := 0; i < len(list); {
		score := scores[i]
		if score < 0 {
			s.infIn[list[i]] = false
			last := len(list) - 1
			list[i], scores[i] = list[last], scores[last]
			s.infAt[list[i]] = i
			list, scores = list[:last], scores[:last]
			continue
		}
		if score >= bestScore {
			k := list[i]
			if !(s.anyRejected && s.rejectRow[k]) && (score > bestScore || best >= 0 && k < best) {
				best, bestScore = k, score
			}
		}
		i++
	}
	s.infList, s.infScore = list, scores
	if debugPrice {
		if best != s.priceDualScan() {
			panic(fmt.Sprintf("simplex: priceDual picked %d from its list, %d by a full scan", best, s.priceDualScan()))
		}
		s.checkInfList()
	}
	return best
}

// checkInfList panics unless the candidate list holds exactly the
// infeasible positions, each once, where infAt says, with the score a
// recomputation gives bit for bit (tests, through debugPrice).
func (s *solver) checkInfList() {
	listed := 0
	for k := range s.head {
		score := s.dualScore(k)
		if score < 0 {
			if s.infIn[k] {
				panic(fmt.Sprintf("simplex: feasible position %d listed", k))
			}
			continue
		}
		listed++
		if !s.infIn[k] {
			panic(fmt.Sprintf("simplex: infeasible position %d not listed", k))
		}
		if i := s.infAt[k]; s.infList[i] != k || math.Float64bits(s.infScore[i]) != math.Float64bits(score) {
			panic(fmt.Sprintf("simplex: position %d listed at %d as %d with score %g, recomputed %g", k, i, s.infList[i], s.infScore[i], score))
		}
	}
	if listed != len(s.infList) || len(s.infScore) != len(s.infList) {
		panic(fmt.Sprintf("simplex: %d infeasible positions, %d listed, %d scores", listed, len(s.infList), len(s.infScore)))
	}
}

// debugPrice makes priceDual check its list against a full scan (tests).
var debugPrice = false

// dualScore is position k's score in the dual pricing: by how much its
// basic variable is out of its bounds (beyond PrimalTol), squared, over
// its steepest-edge weight; -1 when it is within them.
func (s *solver) dualScore(k int) float64 {
	j := s.head[k]
	if v := s.lo[j] - s.x[j]; v > PrimalTol {
		return v * v / s.weight[k]
	}
	if v := s.x[j] - s.up[j]; v > PrimalTol {
		return v * v / s.weight[k]
	}
	return -1
}

// priceDualScan is priceDual by a scan of every position.
func (s *solver) priceDualScan() int {
	best, bestScore := -1, 0.0
	for k := range s.head {
		if s.rejectRow[k] {
			continue
		}
		if score := s.dualScore(k); score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// infTouch marks position k for priceDual to rescore: its basic value,
// its basic variable or its weight changed.
func (s *solver) infTouch(k int) {
	if !s.infDirtyIn[k] {
		s.infDirtyIn[k] = true
		s.infDirty = append(s.infDirty, k)
	}
}

// bfrtCand is a candidate of the dual ratio test: variable j, its
// breakpoint ratio = slack/abs, the Harris-relaxed one and |alpha_rj|.
// A candidate already flipped has ratio NaN and relax +Inf.
type bfrtCand struct {
	j                 int
	ratio, relax, abs float64
}

// ratioDual is the bound-flipping ratio test with Harris tolerances. sigma
// is +1 when the leaving variable rises to its lower bound and -1 when it
// falls to its upper bound; delta is its infeasibility, the initial slope
// of the dual objective along the ray. Candidates are the nonbasic j whose
// reduced cost moves toward the wrong sign; their breakpoints are
// |d_j|/|alpha_rj|. Each Harris pass takes the breakpoints up to the
// relaxed minimum; if all are boxed and flipping them leaves the slope
// positive, they are flipped (recorded in s.flips) and the search goes on,
// otherwise the one with the largest |alpha_rj| enters. It returns the
// entering variable, or -1 if the slope stays positive past every
// breakpoint (the dual is unbounded: the row cannot be made feasible).
func (s *solver) ratioDual(sigma, delta float64) int {
	c := s.bc[:0]
	s.flips = s.flips[:0]
	// The first pass's relaxed minimum is found while the candidates are
	// gathered.
	tmax := math.Inf(1)
	for _, j := range s.arIdx {
		a := s.ar[j] * sigma
		var slack float64
		switch s.stat[j] {
		case AtLower:
			if a >= -PivotTol {
				continue
			}
			slack = s.d[j]
		case AtUpper:
			if a <= PivotTol {
				continue
			}
			slack = -s.d[j]
		case AtZero:
			if a < 0 {
				a = -a
			}
			if a <= PivotTol {
				continue
			}
		default:
			continue
		}
		if a < 0 {
			a = -a
		}
		if slack < 0 {
			slack = 0
		}
		relax := (slack + DualTol) / a
		if relax < tmax {
			tmax = relax
		}
		c = append(c, bfrtCand{j: j, ratio: slack / a, relax: relax, abs: a})
	}
	s.bc = c
	// Each pass finds the Harris group (the breakpoints up to the smallest
	// relaxed one among those left) by linear scans. Passes beyond the
	// first happen only when a group is flipped, usually a few times, so
	// this beats sorting all candidates. A flipped group is marked in
	// place (ratio NaN) rather than removed: the scans keep the order of
	// the candidates, on which ties and the sums depend, without copying.
	slope := delta
	for left := len(c); left > 0; {
		dec, best, bestAbs, group := 0.0, -1, 0.0, 0
		for k := range c {
			if c[k].ratio <= tmax {
				j := c[k].j
				dec += c[k].abs * (s.up[j] - s.lo[j]) // +Inf unless boxed
				if c[k].abs > bestAbs {
					best, bestAbs = j, c[k].abs
				}
				group++
			}
		}
		// Stop at the group that takes the slope to zero (within the
		// primal tolerance): it holds the entering variable. Flipping it
		// too would leave no entering variable and a dual step of zero,
		// putting the flipped variables at bounds their reduced costs
		// contradict.
		if slope-dec <= PrimalTol || math.IsNaN(dec) || group == 0 {
			return best
		}
		// Flip the whole group and keep going with the rest.
		slope -= dec
		left -= group
		next := math.Inf(1)
		for k := range c {
			if c[k].ratio <= tmax {
				s.flips = append(s.flips, c[k].j)
				c[k].ratio, c[k].relax = math.NaN(), math.Inf(1)
			} else if c[k].relax < next {
				next = c[k].relax
			}
		}
		tmax = next
	}
	return -1
}

// applyFlips moves the variables in s.flips to their opposite bounds and
// updates the basic variables: x_B -= B^-1 (sum_j a_j delta_j). It works
// on its own vectors, leaving alpha, rho and tau intact.
func (s *solver) applyFlips() {
	b := s.wRow
	rows := s.flipRows[:0]
	for _, j := range s.flips {
		var dx float64
		if s.stat[j] == AtLower {
			dx = s.up[j] - s.lo[j]
			s.stat[j], s.x[j] = AtUpper, s.up[j]
		} else {
			dx = s.lo[j] - s.up[j]
			s.stat[j], s.x[j] = AtLower, s.lo[j]
		}
		s.addColumn(j, b, dx)
		if j >= s.n {
			rows = append(rows, j-s.n)
		} else {
			rows = append(rows, s.cRow[s.cStart[j]:s.cStart[j+1]]...)
		}
	}
	s.flipRows = rows
	if s.flipDx == nil {
		s.flipDx = make([]float64, s.m)
	}
	// flipDx is written only here, with its nonzeros listed.
	for _, k := range s.flipIdx {
		s.flipDx[k] = 0
	}
	s.f.ftranSparse(b, rows, s.flipDx, &s.flipIdx)
	for _, k := range s.flipIdx {
		s.x[s.head[k]] -= s.flipDx[k]
	}
}
