package simplex

import (
	"cmp"
	"math"
	"slices"
)

// primal runs the bounded-variable primal simplex from the current basis:
// phase 1 minimizes the sum of bound violations of the basic variables
// (a composite, piecewise-linear phase 1 that needs no artificial
// variables), phase 2 the true objective. Pricing is devex (Forrest and
// Goldfarb 1992); the ratio test is the Harris two-pass test with bound
// flips of the entering variable (ratioPrimal), in phase 1 its long-step
// form (ratioPhase1). It returns Optimal, Infeasible or Unbounded for the
// current (possibly perturbed) bounds.
//
// Each iteration prices (pricePrimal), then takes one of three steps
// (primalRun.step): none, when the candidate cannot move; a bound flip of
// the entering variable; or a basis change (primalRun.pivot). The run's
// state between iterations is its phase and its anti-cycling counters
// (primalRun).
func (s *solver) primal() (Status, error) {
	for j := range s.weight[:s.nt] {
		s.weight[j] = 1
	}
	clear(s.reject)
	r := &primalRun{s: s, phase1: s.primalInfeasibility() > 0}
	s.computeDuals(r.phase1)
	for {
		if err := s.tick(); err != nil {
			return IterationLimit, err
		}
		if s.f.needRefactor() {
			if err := r.refresh(true); err != nil {
				return 0, err
			}
		}
		q := s.pricePrimal(r.bland)
		if q < 0 {
			if s.fresh {
				if r.phase1 {
					return Infeasible, nil
				}
				return Optimal, nil
			}
			// Confirm on fresh values before concluding.
			if err := r.refresh(false); err != nil {
				return 0, err
			}
			clear(s.reject)
			s.iters-- // the check was not an iteration
			continue
		}
		if st, err := r.step(q); st != 0 || err != nil {
			return st, err
		}
	}
}

// primalRun is the state of one run of the primal simplex (primal) that
// outlives an iteration: the phase, and the counters of degenerate steps
// that decide when to perturb the bounds and when to fall back to Bland's
// rule.
type primalRun struct {
	s      *solver
	phase1 bool
	// stall counts the degenerate steps since the last real move or
	// perturbation, degenerate those since the last real move.
	stall, degenerate int
	bland             bool
}

// refresh refactorizes (when force asks, or the eta file is long) and
// recomputes x and d, in the phase the fresh values call for.
func (r *primalRun) refresh(force bool) error {
	s := r.s
	if force || s.f.numEtas() > FreshEtas {
		if _, err := s.refactor(); err != nil {
			return err
		}
	}
	s.computePrimal()
	r.phase1 = s.primalInfeasibility() > 0
	s.computeDuals(r.phase1)
	s.fresh = true
	return nil
}

// step makes one iteration with q entering. It returns the status that
// ends the run (Unbounded), or 0 to go on.
func (r *primalRun) step(q int) (Status, error) {
	s := r.s
	dir := 1.0
	if s.d[q] > 0 {
		dir = -1
	}
	s.ftranColumn(q)
	var row int
	var theta float64
	var toUpper, flip bool
	if r.phase1 && !r.bland {
		row, theta, toUpper, flip = s.ratioPhase1(q, dir)
	} else {
		row, theta, toUpper, flip = s.ratioPrimal(q, dir, r.phase1, r.bland)
	}
	if row < 0 && !flip {
		if !r.phase1 && s.fresh {
			return Unbounded, nil
		}
		// Phase 1 cannot be unbounded: the pivots that would block were
		// too small to trust. Try again on a fresh factorization, then
		// give up on this candidate.
		if s.fresh {
			s.reject[q] = true
		} else if err := r.refresh(false); err != nil {
			return 0, err
		}
		s.iters--
		return 0, nil
	}
	s.fresh = false
	s.primalIters++
	if flip {
		r.flip(q, dir)
		return 0, nil
	}
	return 0, r.pivot(q, row, dir, theta, toUpper)
}

// flip moves the entering variable q to its other bound, which it
// reaches before any basic variable blocks: no basis change, and the
// reduced costs stay valid but in phase 1, whose costs may change.
func (r *primalRun) flip(q int, dir float64) {
	s := r.s
	s.shiftBasics(dir * (s.up[q] - s.lo[q]))
	if dir > 0 {
		s.stat[q], s.x[q] = AtUpper, s.up[q]
	} else {
		s.stat[q], s.x[q] = AtLower, s.lo[q]
	}
	if r.phase1 {
		r.phase1 = s.primalInfeasibility() > 0
		s.computeDuals(r.phase1)
	}
	r.stall = 0
}

// pivot exchanges q (entering, moving theta in direction dir) for the
// basic variable in position row (leaving at its upper bound when
// toUpper), after checking the pivot's row against its column: when they
// disagree, the updates have lost accuracy, and it refactorizes instead
// (on a fresh factorization there is nothing better to trust).
func (r *primalRun) pivot(q, row int, dir, theta float64, toUpper bool) error {
	s := r.s
	// The pivot row, for the reduced-cost update and devex weights.
	s.btranUnit(row)
	s.pivotRow()
	arq := s.alpha[row]
	if math.Abs(s.ar[q]-arq) > ConsistencyTol*(1+math.Abs(arq)) && s.f.numEtas() > 0 {
		return r.refresh(true)
	}
	if r.phase1 {
		s.p1old = s.phase1Costs(s.p1old)
	}
	p := s.head[row]
	step := dir * theta
	s.shiftBasics(step)
	s.x[q] += step
	if toUpper {
		s.x[p] = s.up[p]
	} else {
		s.x[p] = s.lo[p]
	}
	s.updatePrimalDuals(q, p, arq)
	s.updateDevex(q, p, arq)
	s.basisChange(row, q, s.leaveStatus(p, toUpper))
	clear(s.reject)
	if r.phase1 {
		// The phase-1 costs change when basic variables cross into
		// feasibility; then the updated reduced costs are stale.
		if s.primalInfeasibility() == 0 {
			r.phase1 = false
			s.computeDuals(false)
		} else if s.phase1CostsChanged(s.p1old, row) {
			s.computeDuals(true)
		}
	}
	r.antiCycle(theta)
	return nil
}

// updatePrimalDuals updates the reduced costs for q entering and p
// leaving on the pivot row ar: d_j -= (d_q/alpha_rq) alpha_rj.
func (s *solver) updatePrimalDuals(q, p int, arq float64) {
	thetaD := s.d[q] / arq
	for _, j := range s.arIdx {
		if j != q {
			s.d[j] -= thetaD * s.ar[j]
		}
	}
	s.d[p] = -thetaD
}

// updateDevex updates the devex reference weights for q entering and p
// leaving, and resets them all to 1 when one grows past DevexReset.
func (s *solver) updateDevex(q, p int, arq float64) {
	wq := s.weight[q]
	reset := false
	for _, j := range s.arIdx {
		if j != q {
			w := s.ar[j] / arq
			if w = w * w * wq; w > s.weight[j] {
				s.weight[j] = w
				reset = reset || w > DevexReset
			}
		}
	}
	s.weight[p] = math.Max(wq/(arq*arq), 1)
	if reset {
		for j := range s.weight[:s.nt] {
			s.weight[j] = 1
		}
	}
}

// antiCycle counts a step of length theta: after a run of degenerate
// steps it perturbs the bounds (once), and after a longer one it falls
// back to Bland's rule until a step moves.
func (r *primalRun) antiCycle(theta float64) {
	s := r.s
	if theta <= PrimalTol {
		r.stall++
		r.degenerate++
	} else {
		r.stall, r.degenerate = 0, 0
		r.bland = false
	}
	if r.stall >= s.stallLimit && s.allowPerturb && !s.boundPerturbed {
		s.perturbBounds()
		r.stall = 0
	}
	if r.degenerate >= s.blandLimit {
		r.bland = true
	}
}

// shiftBasics moves the basic variables for a change step of the entering
// variable: x_B -= step * alpha.
func (s *solver) shiftBasics(step float64) {
	for _, k := range s.alphaIdx {
		s.x[s.head[k]] -= step * s.alpha[k]
	}
}

// phase1Costs returns the phase-1 costs by position, reusing buf.
func (s *solver) phase1Costs(buf []float64) []float64 {
	buf = buf[:0]
	for _, j := range s.head {
		buf = append(buf, s.infeasCost(j))
	}
	return buf
}

// phase1CostsChanged reports whether the phase-1 costs changed across the
// basis change that put q in position r, given the costs old from before.
// The reduced-cost update is only valid for unchanged costs: the entering
// variable had cost zero as a nonbasic and must still have it, and the
// leaving one must not have carried a violation cost.
func (s *solver) phase1CostsChanged(old []float64, r int) bool {
	for k, j := range s.head {
		c := s.infeasCost(j)
		if k == r {
			if c != 0 || old[k] != 0 {
				return true
			}
			continue
		}
		if c != old[k] {
			return true
		}
	}
	return false
}

// pricePrimal picks the entering variable: the largest devex ratio
// d_j^2 / w_j among the dual infeasible nonbasics, or under Bland's rule the
// lowest index. A candidate whose violation is within its round-off
// (dualNoise) is passed over: entering it gains nothing, and its reduced
// cost after the pivot is noise of the other sign, which sends the simplex
// round in circles. The check walks the candidate's column, so it is made
// only for a candidate about to become the choice.
func (s *solver) pricePrimal(bland bool) int {
	best, bestScore := -1, 0.0
	for j := 0; j < s.nt; j++ {
		var inf float64
		switch s.stat[j] {
		case AtLower:
			inf = -s.d[j]
		case AtUpper:
			inf = s.d[j]
		case AtZero:
			inf = math.Abs(s.d[j])
		default:
			continue
		}
		if inf <= DualTol || s.reject[j] {
			continue
		}
		score := inf * inf / s.weight[j]
		if !bland && score <= bestScore || inf <= s.dualNoise(j) {
			continue
		}
		if bland {
			return j
		}
		best, bestScore = j, score
	}
	return best
}

// ratioPrimal is the Harris two-pass ratio test for entering q moving in
// direction dir. Pass one finds the largest step theta_max at which no basic
// variable violates a bound by more than PrimalTol; pass two picks, among
// the basic variables that block at or before theta_max, the one with the
// largest |alpha| (the most stable pivot); under Bland's rule the lowest
// index among the exact minimum ratios. Phase 1 comes here only under
// Bland's rule (ratioPhase1 otherwise): a basic variable outside its bounds
// then blocks where it becomes feasible, and does not block when moving
// away. It returns the leaving position r (-1 if none), the
// step, whether the leaving variable goes to its upper bound, and flip when
// q reaches its own opposite bound first.
func (s *solver) ratioPrimal(q int, dir float64, phase1, bland bool) (r int, theta float64, toUpper, flip bool) {
	tol := PrimalTol
	if bland {
		tol = 0
	}
	thetaMax := math.Inf(1)
	for _, k := range s.alphaIdx {
		a := s.alpha[k]
		if math.Abs(a) <= PivotTol {
			continue
		}
		j := s.head[k]
		g := -dir * a
		if bound, _, ok := s.blockingBound(j, g, phase1); ok {
			// The bound relaxed by tol in the direction of motion.
			t := (bound + math.Copysign(tol, g) - s.x[j]) / g
			thetaMax = math.Min(thetaMax, math.Max(t, 0))
		}
	}
	if rng := s.up[q] - s.lo[q]; rng <= thetaMax && !math.IsInf(rng, 1) {
		return -1, rng, false, true
	}
	if math.IsInf(thetaMax, 1) {
		return -1, 0, false, false
	}
	r = -1
	bestAbs := 0.0
	bestIdx := s.nt
	for _, k := range s.alphaIdx {
		a := s.alpha[k]
		if math.Abs(a) <= PivotTol {
			continue
		}
		j := s.head[k]
		g := -dir * a
		bound, upper, ok := s.blockingBound(j, g, phase1)
		if !ok {
			continue
		}
		t := (bound - s.x[j]) / g
		if t > thetaMax {
			continue
		}
		if bland {
			if j < bestIdx {
				r, theta, toUpper, bestIdx = k, t, upper, j
			}
			continue
		}
		if math.Abs(a) > bestAbs {
			r, theta, toUpper, bestAbs = k, t, upper, math.Abs(a)
		}
	}
	return r, math.Max(theta, 0), toUpper, false
}

// blockingBound returns the bound at which basic variable j, changing at
// rate g per unit step, blocks, if any, and whether it is the upper one.
func (s *solver) blockingBound(j int, g float64, phase1 bool) (bound float64, upper, ok bool) {
	x := s.x[j]
	if g < 0 {
		switch {
		case phase1 && x > s.up[j]+PrimalTol:
			return s.up[j], true, true
		case phase1 && x < s.lo[j]-PrimalTol:
			return 0, false, false
		case math.IsInf(s.lo[j], -1):
			return 0, false, false
		}
		return s.lo[j], false, true
	}
	switch {
	case phase1 && x < s.lo[j]-PrimalTol:
		return s.lo[j], false, true
	case phase1 && x > s.up[j]+PrimalTol:
		return 0, false, false
	case math.IsInf(s.up[j], 1):
		return 0, false, false
	}
	return s.up[j], true, true
}

// softBreak is a phase-1 breakpoint: basic position k, infeasible, becomes
// feasible at step t, where its bound violation stops decreasing the sum of
// infeasibilities (the slope rises by |alpha|).
type softBreak struct {
	k       int
	t, abs  float64
	toUpper bool
}

// ratioPhase1 is the long-step ratio test of the phase 1 (Wolfe 1965;
// Maros 2003, sec. 9.3): the sum of infeasibilities is piecewise linear
// along the ray, with slope -|d_q| at the start rising by |alpha_i| each
// time an infeasible basic variable reaches its violated bound. Instead of
// stopping at the first such breakpoint, the step goes on to the one where
// the slope turns nonnegative (its variable leaves, just feasible), unless
// a hard bound comes first: a feasible basic variable reaching a bound,
// an infeasible one reaching its far bound, or q its own opposite bound,
// which are handled by the Harris test. It returns what ratioPrimal does.
func (s *solver) ratioPhase1(q int, dir float64) (r int, theta float64, toUpper, flip bool) {
	soft := s.soft[:0]
	thetaMax := math.Inf(1)
	for _, k := range s.alphaIdx {
		a := s.alpha[k]
		if math.Abs(a) <= PivotTol {
			continue
		}
		j := s.head[k]
		g := -dir * a
		x := s.x[j]
		switch {
		case g > 0 && x < s.lo[j]-PrimalTol:
			soft = append(soft, softBreak{k: k, t: (s.lo[j] - x) / g, abs: g})
		case g < 0 && x > s.up[j]+PrimalTol:
			soft = append(soft, softBreak{k: k, t: (s.up[j] - x) / g, abs: -g, toUpper: true})
		}
		if bound, _, ok := s.hardBound(j, g); ok {
			t := (bound + math.Copysign(PrimalTol, g) - x) / g
			thetaMax = math.Min(thetaMax, math.Max(t, 0))
		}
	}
	s.soft = soft
	hardMax := math.Min(thetaMax, s.up[q]-s.lo[q])
	slices.SortFunc(soft, func(a, b softBreak) int { return cmp.Compare(a.t, b.t) })
	// In exact arithmetic the slope is nonnegative past the last
	// breakpoint (what is left are the violations that grow along the ray);
	// the tolerance absorbs round-off in d_q.
	slope := -math.Abs(s.d[q])
	tol := DualTol * math.Max(1, math.Abs(s.d[q]))
	for i, b := range soft {
		if b.t > hardMax {
			break
		}
		if slope += b.abs; slope >= -tol || i == len(soft)-1 && math.IsInf(hardMax, 1) {
			return b.k, math.Max(b.t, 0), b.toUpper, false
		}
	}
	// The slope is still negative where a hard bound blocks.
	if rng := s.up[q] - s.lo[q]; rng <= thetaMax && !math.IsInf(rng, 1) {
		return -1, rng, false, true
	}
	if math.IsInf(thetaMax, 1) {
		return -1, 0, false, false
	}
	r, bestAbs := -1, 0.0
	for _, k := range s.alphaIdx {
		a := s.alpha[k]
		if math.Abs(a) <= PivotTol {
			continue
		}
		j := s.head[k]
		g := -dir * a
		bound, upper, ok := s.hardBound(j, g)
		if !ok {
			continue
		}
		if t := (bound - s.x[j]) / g; t <= thetaMax && math.Abs(a) > bestAbs {
			r, theta, toUpper, bestAbs = k, t, upper, math.Abs(a)
		}
	}
	return r, math.Max(theta, 0), toUpper, false
}

// hardBound is the bound basic variable j, changing at rate g, may not
// pass in phase 1: the bound ahead, unless j is already beyond it.
func (s *solver) hardBound(j int, g float64) (bound float64, upper, ok bool) {
	x := s.x[j]
	if g > 0 {
		if x > s.up[j]+PrimalTol || math.IsInf(s.up[j], 1) {
			return 0, false, false
		}
		return s.up[j], true, true
	}
	if x < s.lo[j]-PrimalTol || math.IsInf(s.lo[j], -1) {
		return 0, false, false
	}
	return s.lo[j], false, true
}
