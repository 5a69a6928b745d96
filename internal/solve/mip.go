package solve

import (
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Solve validates p and solves it with branch and bound over lp (just the
// LP when p has no Integer variables).
func Solve(ctx context.Context, p *Problem, lp LPSolver, opt Options) (*Solution, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return MIP{LP: lp}.Solve(ctx, p, opt)
}

// MIP is branch and bound over the LP relaxations solved by LP. Its
// solutions carry Bound, Gap, Nodes, Iters and a Basis to warm-start from
// (see Solution.Basis), no duals.
//
// The search dives depth first (the child on the side the LP value leans to
// first) until a node is pruned, infeasible or integral, then continues from
// the open node with the best bound. It branches on the most fractional
// integer variable; children differ from their parent only in one bound and
// start from the parent's basis when the backend provides one (the root
// from Options.WarmStart). A node whose LP solution rounds to a feasible
// point offers that point as an incumbent, which is how a search cut short
// by its node limit usually has one.
type MIP struct{ LP LPSolver }

// bbNode is an open node: its bounds are the root's with changes applied.
type bbNode struct {
	changes []boundChange
	bound   float64 // parent's LP optimum (min sense): no point below it here
	warm    *Basis
	seq     int // creation order, for deterministic ties
	// The branching that made the node (pseudo costs learn from it): the
	// variable, up or down, and how far its value had to move.
	brVar  int
	brUp   bool
	brDist float64
}

type boundChange struct {
	v      int
	lo, up float64
}

// maxNodeBases bounds the node bases a search keeps for a similar
// problem's (Solution.NodeBases): a basis is a status per variable and
// row, and a search of thousands of nodes would keep megabytes of them.
const maxNodeBases = 256

// nodeKey names a node by its bound changes from the root, in order: the
// same search of a similar problem reaches the same node by the same key.
func nodeKey(cs []boundChange) string {
	b := make([]byte, 0, 24*len(cs))
	for _, c := range cs {
		b = strconv.AppendInt(b, int64(c.v), 10)
		b = append(b, ':')
		b = strconv.AppendFloat(b, c.lo, 'g', -1, 64)
		b = append(b, ':')
		b = strconv.AppendFloat(b, c.up, 'g', -1, 64)
		b = append(b, ';')
	}
	return string(b)
}

// nodeHeap orders open nodes by bound, then creation order.
type nodeHeap []*bbNode

func (h nodeHeap) Len() int { return len(h) }
func (h nodeHeap) Less(i, j int) bool {
	if h[i].bound != h[j].bound {
		return h[i].bound < h[j].bound
	}
	return h[i].seq < h[j].seq
}
func (h nodeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *nodeHeap) Push(x any)   { *h = append(*h, x.(*bbNode)) }
func (h *nodeHeap) Pop() any {
	old := *h
	n := old[len(old)-1]
	*h = old[:len(old)-1]
	return n
}

// bb is the state of one branch-and-bound search. Objective values are
// kept in min sense (sigma times the problem's).
type bb struct {
	lp   LPSolver
	p    *Problem // the problem as given: Check and the objective use it
	root *Problem // p with integer bounds rounded inward
	// scratch is the problem of the node at hand (see node).
	scratch *Problem
	opt     Options
	sigma   float64
	gapTol  float64
	ints    []int

	inc  []float64 // incumbent, nil until one is found
	incZ float64
	// incBasis is the basis of the LP whose solution gave the incumbent,
	// rootBasis the root relaxation's: the solution's Basis, from which a
	// later lexicographic stage or a similar problem starts.
	incBasis, rootBasis *Basis
	// nodeBases are the optimal bases of the nodes solved, by their bound
	// changes (nodeKey), up to maxNodeBases: Solution.NodeBases, from
	// which a similar problem's search starts the same nodes.
	nodeBases map[string]*Basis
	// prunedZ is the least bound of the nodes pruned against the
	// incumbent: within the gap tolerance of it, but below it maybe.
	prunedZ float64
	nodes   int
	iters   int
	seq     int
	// Pseudo costs: per variable and direction (0 down, 1 up), the sum
	// of the bound's worsening per unit moved over the children branched
	// on it, and their number (bb.pick).
	pcSum [2][]float64
	pcN   [2][]int
}

// Solve runs branch and bound on p, or solves the LP when p has no Integer
// variables. It does not validate p (the top-level Solve does). A problem
// whose relaxation is unbounded is reported Unbounded (it is unbounded or
// has no integer point; telling which is not worth a second search here).
func (m MIP) Solve(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	var ints []int
	for j, v := range p.Vars {
		if v.Integer {
			ints = append(ints, j)
		}
	}
	if len(ints) == 0 {
		sol, err := m.LP.SolveLP(ctx, p, opt)
		opt.lpDone()
		return sol, err
	}
	s := &bb{lp: m.LP, p: p, opt: opt, sigma: 1, gapTol: opt.GapTol, ints: ints, prunedZ: math.Inf(1)}
	if p.Maximize {
		s.sigma = -1
	}
	if s.gapTol <= 0 {
		s.gapTol = DefaultGapTol
	}
	for d := range s.pcSum {
		s.pcSum[d], s.pcN[d] = make([]float64, len(p.Vars)), make([]int, len(p.Vars))
	}
	limit := opt.NodeLimit
	if limit <= 0 {
		limit = DefaultNodeLimitFor(p)
	}
	// Integer bounds rounded inward (within IntTol) make every branching
	// bound an integer and catch an empty integer range before any LP.
	s.root = p.Clone()
	for _, j := range ints {
		v := &s.root.Vars[j]
		if v.Lower, v.Upper = integerRange(*v); v.Lower > v.Upper {
			return &Solution{Status: Infeasible}, nil
		}
	}

	if pr, ok := s.lp.(Preparer); ok {
		// Every node has the root's rows.
		prepared, err := pr.Prepare(s.root)
		if err != nil {
			return nil, err
		}
		if r, ok := prepared.(interface{ Release() }); ok {
			defer r.Release()
		}
		s.lp = prepared
	}
	sol, err := s.relax(ctx, s.root, opt.WarmStart)
	if err != nil {
		return nil, err
	}
	if sol.Status != Optimal {
		return &Solution{Status: sol.Status, Nodes: s.nodes, Iters: s.iters}, nil
	}
	s.rootBasis = sol.Basis
	if s.farthest(s.root, sol.X, IntTol) < 0 {
		// The root is integral (or every integer is fixed): hints cannot
		// beat what branch will make of it.
		opt.Hints = nil
	}
	for _, h := range opt.Hints {
		if len(h) != len(p.Vars) {
			continue // from a problem of another shape
		}
		if _, err := s.offer(ctx, h, nil, true, sol.Basis); err != nil {
			return nil, err
		}
	}
	// Whether the incumbent is a hint's point as given (completeHint).
	hinted, hintZ := s.inc != nil, s.incZ
	if opt.Counts && s.farthest(s.root, sol.X, IntTol) >= 0 {
		// Also after a hint: an earlier stage's point, which a hint
		// usually is, can be far from this stage's optimum.
		if err := s.roundRoot(ctx, sol); err != nil {
			return nil, err
		}
	}
	rootSol := sol
	s.fixByReducedCosts(sol)
	var open nodeHeap
	dive, err := s.branch(ctx, s.root, sol, nil, &open)
	if err != nil {
		return nil, err
	}
	for {
		if dive == nil {
			if len(open) == 0 {
				break
			}
			dive = heap.Pop(&open).(*bbNode)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		nd := dive
		dive = nil
		if s.pruned(nd.bound) {
			continue
		}
		if s.inc != nil {
			if b := s.bestBound(open, nd.bound); s.gap(b) <= s.gapTol {
				return s.result(Optimal, b), nil
			}
		}
		if s.nodes >= limit {
			if s.inc == nil {
				return nil, fmt.Errorf("%w (%d nodes)", ErrNodeLimit, s.nodes)
			}
			if opt.Counts && !opt.noPolish {
				if err := s.improve(ctx, rootSol, nd, limit); err != nil {
					return nil, err
				}
			} else if !opt.Counts && hinted && s.incZ == hintZ {
				// No node found a better point than the hint.
				if _, err := s.completeHint(ctx, rootSol); err != nil {
					return nil, err
				}
			}
			return s.result(OptimalWithinGap, s.bestBound(open, nd.bound)), nil
		}

		q := s.node(nd.changes)
		// A similar problem's basis of the same node is nearer this
		// node's optimum than the parent's, even for a child dived into,
		// which then refactorizes instead of continuing from its parent's
		// factorization (measured in docs/solver.md).
		key := nodeKey(nd.changes)
		warm := nd.warm
		if b := opt.NodeStarts[key]; b != nil {
			warm = b
		}
		sol, err := s.relax(ctx, q, warm)
		if err != nil {
			return nil, err
		}
		if sol.Basis != nil && len(s.nodeBases) < maxNodeBases {
			if s.nodeBases == nil {
				s.nodeBases = map[string]*Basis{}
			}
			s.nodeBases[key] = sol.Basis
		}
		if sol.Status == Optimal {
			s.learn(nd, s.sigma*sol.Objective)
		}
		switch sol.Status {
		case Infeasible:
			continue
		case Cutoff:
			// Its optimum is at least the limit it was given.
			s.pruned(s.pruneLimit())
			continue
		case Unbounded:
			return nil, fmt.Errorf("%w: relaxation unbounded at a node although bounded at the root", ErrNumerical)
		}
		if dive, err = s.branch(ctx, q, sol, nd.changes, &open); err != nil {
			return nil, err
		}
	}
	if s.inc == nil {
		return &Solution{Status: Infeasible, Nodes: s.nodes, Iters: s.iters}, nil
	}
	// The tree is exhausted: nothing beats the incumbent by more than the
	// gap tolerance.
	return s.result(Optimal, s.bestBound(open, math.Inf(1))), nil
}

// redCostMargin is the relative margin, of max(1, |limit|), by which the
// reduced-cost bound of a region must pass the prune limit before
// fixByReducedCosts cuts it off: the root's reduced costs are exact only
// within the simplex's tolerances, and a dual infeasibility of 1e-9 on a
// variable with a range of thousands moves the bound by 1e-6.
const redCostMargin = 1e-6

// fixByReducedCosts tightens the root's bounds of the integer variables
// that its LP optimum root leaves at a bound, given an incumbent. For such
// a variable with reduced cost d (min sense), every point with x_j moved k
// units off that bound costs at least k|d| more than the root's optimum
// (the other nonbasic variables only add to it), so once that passes the
// prune limit no point there can beat the incumbent: branch and bound
// would prune every node there, after solving its LP. On the typical
// scenario's risk draws, 9% fewer nodes. The bounds are the root's, so
// every node has them; the regions cut off count in the bound reported
// (prunedZ) like pruned nodes.
func (s *bb) fixByReducedCosts(root *Solution) {
	if s.inc == nil || len(root.ReducedCosts) != len(s.root.Vars) {
		return
	}
	z := s.sigma * root.Objective
	limit := s.pruneLimit()
	room := limit - z - redCostMargin*math.Max(1, math.Abs(limit))
	if room < 0 {
		return // the root itself is pruned
	}
	for _, j := range s.ints {
		v := &s.root.Vars[j]
		if v.Lower == v.Upper {
			continue
		}
		d, x := s.sigma*root.ReducedCosts[j], root.X[j]
		switch {
		case d > 0 && math.Abs(x-v.Lower) <= IntTol:
			// Up by k+1 units or more passes the limit.
			if k := math.Floor(room / d); v.Lower+k < v.Upper {
				v.Upper = v.Lower + k
				s.prunedZ = math.Min(s.prunedZ, z+d*(k+1))
			}
		case d < 0 && math.Abs(x-v.Upper) <= IntTol:
			if k := math.Floor(room / -d); v.Upper-k > v.Lower {
				v.Lower = v.Upper - k
				s.prunedZ = math.Min(s.prunedZ, z-d*(k+1))
			}
		}
	}
}

// node returns the problem of the node with the given changes: the root's
// with its bounds changed. It is the same Problem each time (only its
// bounds are written; rows and objective are the root's), valid until the
// next call: a node's problem is not kept once the node is branched.
func (s *bb) node(changes []boundChange) *Problem {
	if s.scratch == nil {
		q := *s.root
		q.Vars = make([]Var, len(s.root.Vars))
		s.scratch = &q
	}
	q := s.scratch
	copy(q.Vars, s.root.Vars)
	for _, c := range changes {
		q.Vars[c.v].Lower, q.Vars[c.v].Upper = c.lo, c.up
	}
	return q
}

// relax solves the LP relaxation of one node. With an incumbent, the LP
// may stop early with status Cutoff once it has proven that the node cannot
// beat it (by more than the gap tolerance).
func (s *bb) relax(ctx context.Context, q *Problem, warm *Basis) (*Solution, error) {
	s.nodes++
	o := Options{WarmStart: warm, MaxIter: s.opt.MaxIter}
	if s.inc != nil {
		o.UseCutoff, o.Cutoff = true, s.sigma*s.pruneLimit()
	}
	sol, err := s.lp.SolveLP(ctx, q, o)
	s.opt.lpDone()
	if err != nil {
		return nil, fmt.Errorf("branch and bound node %d: %w", s.nodes, err)
	}
	s.iters += sol.Iters
	return sol, nil
}

// branch handles the optimal LP solution sol of the node with problem q
// (the root's with changes applied): it offers incumbents, and unless the
// node is pruned or solved it opens children, returning the one to dive
// into and pushing the others.
func (s *bb) branch(ctx context.Context, q *Problem, sol *Solution, changes []boundChange, open *nodeHeap) (*bbNode, error) {
	z := s.sigma * sol.Objective
	if s.pruned(z) {
		return nil, nil
	}
	j := s.farthest(q, sol.X, IntTol)
	rounded, err := s.offer(ctx, sol.X, sol.Basis, j < 0, sol.Basis)
	if err != nil || s.pruned(z) || j < 0 && rounded {
		return nil, err
	}
	child := func(j int, lo, up float64) *bbNode {
		s.seq++
		ch := append(slices.Clip(changes), boundChange{v: j, lo: lo, up: up})
		return &bbNode{changes: ch, bound: z, warm: sol.Basis, seq: s.seq, brVar: -1}
	}
	var kids []*bbNode // the first is dived into
	if j >= 0 {
		if s.opt.Counts || s.nodes > pseudoCostAfter {
			j = s.pick(q, sol.X)
		}
		// x_j <= floor or x_j >= ceil, the side x_j leans to first.
		x, v := sol.X[j], q.Vars[j]
		f := x - math.Floor(x)
		kids = []*bbNode{child(j, v.Lower, math.Floor(x)), child(j, math.Ceil(x), v.Upper)}
		kids[0].brVar, kids[0].brDist = j, f
		kids[1].brVar, kids[1].brUp, kids[1].brDist = j, true, 1-f
		if f >= 0.5 {
			kids[0], kids[1] = kids[1], kids[0]
		}
	} else {
		// Integral within IntTol, but the rounded point breaks a row: not
		// an integer point after all, and the rows may still hold for other
		// integer values. Branch three ways (x_j = k first, then x_j <= k-1
		// and x_j >= k+1) on an integer not yet fixed; with every integer
		// fixed, offer has tried the one point left.
		if j = s.farthest(q, sol.X, -1); j < 0 {
			return nil, nil
		}
		k, v := math.Round(sol.X[j]), q.Vars[j]
		kids = []*bbNode{child(j, k, k)}
		if v.Lower <= k-1 {
			kids = append(kids, child(j, v.Lower, k-1))
		}
		if k+1 <= v.Upper {
			kids = append(kids, child(j, k+1, v.Upper))
		}
	}
	for _, kid := range kids[1:] {
		heap.Push(open, kid)
	}
	return kids[0], nil
}

// farthest returns the integer variable not fixed in q whose value in x is
// farthest from an integer, provided that is more than minDist (the lowest
// index among equals), or -1.
func (s *bb) farthest(q *Problem, x []float64, minDist float64) int {
	best, bestDist := -1, minDist
	for _, j := range s.ints {
		if q.Vars[j].Lower == q.Vars[j].Upper {
			continue
		}
		f := x[j] - math.Floor(x[j])
		if d := math.Min(f, 1-f); d > bestDist {
			best, bestDist = j, d
		}
	}
	return best
}

// offer rounds the integer variables of x exactly and makes the point the
// incumbent if it passes Check and improves on it; rounded says whether
// it passed. basis is the basis x came from, if any. When the rounded
// point fails and repair is set, the integers are fixed at their rounded
// values (within their bounds) and the LP re-solved, from warm, for the
// continuous variables, which may give an incumbent.
func (s *bb) offer(ctx context.Context, x []float64, basis *Basis, repair bool, warm *Basis) (rounded bool, err error) {
	return s.offerRounded(ctx, x, math.Round, basis, repair, warm)
}

// offerRounded is offer with the integers rounded by round.
func (s *bb) offerRounded(ctx context.Context, x []float64, round func(float64) float64, basis *Basis, repair bool, warm *Basis) (rounded bool, err error) {
	xr := slices.Clone(x)
	for _, j := range s.ints {
		v := s.root.Vars[j]
		xr[j] = math.Min(math.Max(round(xr[j]), v.Lower), v.Upper)
	}
	rounded = Check(s.p, xr) == nil
	if !rounded {
		if !repair {
			return false, nil
		}
		q := s.p.Clone()
		for _, j := range s.ints {
			q.Vars[j].Lower, q.Vars[j].Upper = xr[j], xr[j]
		}
		o := Options{WarmStart: warm, MaxIter: s.opt.MaxIter}
		if s.inc != nil {
			// Only a point better than the incumbent is kept: the LP may
			// stop as soon as it has proven it cannot be one.
			o.UseCutoff, o.Cutoff = true, s.sigma*s.incZ
		}
		sol, err := s.lp.SolveLP(ctx, q, o)
		s.opt.lpDone()
		if err != nil {
			return false, fmt.Errorf("branch and bound, re-solving with integers fixed: %w", err)
		}
		s.iters += sol.Iters
		if sol.Status != Optimal {
			return false, nil
		}
		xr = slices.Clone(sol.X)
		for _, j := range s.ints {
			xr[j] = math.Round(xr[j])
		}
		if Check(s.p, xr) != nil {
			return false, nil
		}
		basis = sol.Basis
	}
	if z := s.sigma * s.p.Objective(xr); s.inc == nil || z < s.incZ {
		s.inc, s.incZ, s.incBasis = xr, z, basis
	}
	return rounded, nil
}

// pruned reports whether a node with bound z cannot beat the incumbent by
// more than the gap tolerance, and if so records its bound.
func (s *bb) pruned(z float64) bool {
	if s.inc == nil || z < s.pruneLimit() {
		return false
	}
	s.prunedZ = math.Min(s.prunedZ, z)
	return true
}

// pruneLimit is the bound (min sense) from which a node is pruned: the
// incumbent less the gap tolerance. Only with an incumbent.
func (s *bb) pruneLimit() float64 {
	return s.incZ - s.gapTol*math.Max(1, math.Abs(s.incZ))
}

// gap is the relative gap between the incumbent and bound.
func (s *bb) gap(bound float64) float64 {
	return (s.incZ - bound) / math.Max(1, math.Abs(s.incZ))
}

// bestBound is the least of the incumbent, the bound of the node at hand,
// those of the open nodes and those of the nodes pruned against the
// incumbent.
func (s *bb) bestBound(open nodeHeap, current float64) float64 {
	b := math.Min(math.Min(s.incZ, s.prunedZ), current)
	if len(open) > 0 {
		b = math.Min(b, open[0].bound)
	}
	return b
}

// result reports the incumbent with the min-sense bound.
func (s *bb) result(st Status, bound float64) *Solution {
	obj := s.p.Objective(s.inc)
	b := s.sigma * bound
	return &Solution{
		Status:    st,
		Objective: obj,
		X:         s.inc,
		Bound:     b,
		Gap:       math.Abs(obj-b) / math.Max(1, math.Abs(obj)),
		Basis:     cmp.Or(s.incBasis, s.rootBasis),
		RootBasis: s.rootBasis,
		NodeBases: s.nodeBases,
		Nodes:     s.nodes,
		Iters:     s.iters,
	}
}

// roundRoot offers the root relaxation's point rounded as an incumbent
// (Options.Counts): to the nearest integers, then down, then up, each
// with the continuous variables re-solved for the integers fixed, until
// one is feasible and better than the incumbent a hint gave, if any. Nearest is the LP plan in whole units; when it
// breaks a row (a floor the people rounded down no longer cover, a budget
// the people rounded up overrun), all down or all up often holds.
func (s *bb) roundRoot(ctx context.Context, root *Solution) error {
	down := func(x float64) float64 { return math.Floor(x + IntTol) }
	up := func(x float64) float64 { return math.Ceil(x - IntTol) }
	for _, round := range []func(float64) float64{math.Round, down, up} {
		had, z := s.inc != nil, s.incZ
		if _, err := s.offerRounded(ctx, root.X, round, root.Basis, true, root.Basis); err != nil {
			return err
		}
		if s.inc != nil && (!had || s.incZ < z) {
			return nil // this rounding is the incumbent now
		}
	}
	if s.inc == nil {
		return s.relaxAndFix(ctx, root)
	}
	return nil
}

// completeHint re-solves the LP with the integers fixed at the
// incumbent's, a hint's point, when the node limit has stopped a search
// of yes-or-no choices that found nothing better, and as the first step
// of polish (a search over counts), which starts its moves from the
// basis it returns. A hint is an earlier
// stage's plan, whose integers hold this stage's rows but whose
// continuous variables served the earlier objective: the heart stage
// staffs the brain functions only as far as its own rows require, and
// a scores stage that kept its point as it was would leave the money
// that brain staff could use unspent. The LP gives them their best for
// this objective, from the root's basis, and its point becomes the
// incumbent if it is better by more than the gap tolerance (offerRounded
// checks it). It runs only at
// the node limit, so that it changes no search: done after 20 nodes, it
// pruned other nodes, and on 16 x 10 x 36 months the scores stage
// ended at 1.7192 instead of 1.7914 (docs/performance.md, "Session 34").
func (s *bb) completeHint(ctx context.Context, root *Solution) (*Solution, error) {
	q := s.root.Clone()
	for _, j := range s.ints {
		q.Vars[j].Lower, q.Vars[j].Upper = s.inc[j], s.inc[j]
	}
	o := Options{WarmStart: root.Basis, MaxIter: s.opt.MaxIter, UseCutoff: true, Cutoff: s.sigma * s.pruneLimit()}
	sol, err := s.lp.SolveLP(ctx, q, o)
	s.opt.lpDone()
	if err != nil {
		return nil, fmt.Errorf("branch and bound, completing the hint: %w", err)
	}
	s.iters += sol.Iters
	// Only a point better by more than the gap tolerance is taken.
	if sol.Status == Optimal && s.sigma*sol.Objective < s.pruneLimit() {
		_, err = s.offerRounded(ctx, sol.X, math.Round, sol.Basis, false, nil)
	}
	return sol, err
}

// relaxAndFixChunks is how many groups of integers relaxAndFix fixes one
// after the other, re-solving the LP after each.
const relaxAndFixChunks = 16

// relaxAndFix looks for a first incumbent when no rounding of the root's
// point holds: it fixes the integers in relaxAndFixChunks groups, in index
// order, each to the latest LP point's values rounded (to the nearest,
// else up, else down, the first whose LP stays feasible), and re-solves the
// LP with them fixed, so that the integers not yet fixed, and the
// continuous variables, make up for each rounding. Rounding all at once
// breaks rows that each group's rounding alone does not: a floor the
// people rounded down no longer cover in one period, made up by the next
// group. It offers the last point; it gives up, without error, when a
// group's three roundings all leave the LP infeasible.
func (s *bb) relaxAndFix(ctx context.Context, root *Solution) error {
	q := s.root.Clone()
	x, basis := root.X, root.Basis
	n := len(s.ints)
	size := max(1, (n+relaxAndFixChunks-1)/relaxAndFixChunks)
	down := func(v float64) float64 { return math.Floor(v + IntTol) }
	up := func(v float64) float64 { return math.Ceil(v - IntTol) }
	for lo := 0; lo < n; lo += size {
		group := s.ints[lo:min(lo+size, n)]
		solved := false
		for _, round := range []func(float64) float64{math.Round, up, down} {
			saved := make([]Var, len(group))
			for i, j := range group {
				saved[i] = q.Vars[j]
				v := math.Min(math.Max(round(x[j]), q.Vars[j].Lower), q.Vars[j].Upper)
				q.Vars[j].Lower, q.Vars[j].Upper = v, v
			}
			sol, err := s.lp.SolveLP(ctx, q, Options{WarmStart: basis, MaxIter: s.opt.MaxIter})
			s.opt.lpDone()
			if err != nil {
				return fmt.Errorf("branch and bound, fixing integers a group at a time: %w", err)
			}
			s.iters += sol.Iters
			if sol.Status == Optimal {
				x, basis, solved = sol.X, sol.Basis, true
				break
			}
			for i, j := range group {
				q.Vars[j] = saved[i]
			}
		}
		if !solved {
			return nil
		}
	}
	_, err := s.offerRounded(ctx, x, math.Round, basis, true, basis)
	return err
}

// polish looks for a better incumbent when the node limit has stopped
// the search (Options.Counts), by moves of one unit: an integer whose
// value at the root differs from the incumbent's is moved one unit toward
// the root's value, every other integer held at the incumbent's, and the
// LP re-solved for the continuous variables. A move that gives a point
// better than the incumbent by more than the gap tolerance makes it the
// incumbent, and the next moves start from it. The moves are tried in
// order of the distance to the root (the farthest first, then the lowest
// index), in passes while one improves, and at most budget LPs are solved.
//
// On large plans in whole people the tree seldom improves the first
// incumbent, which is an earlier stage's plan or the root's rounding:
// the moves are where the search's time buys most (docs/performance.md,
// "Whole people at scale"). Every point taken passes Check (offerRounded).
func (s *bb) polish(ctx context.Context, root *Solution, budget int) error {
	if budget <= 0 {
		return nil
	}
	q := s.root.Clone()
	// moved solves the LP with the integers at the incumbent's values but
	// integer j at k, stopping once it cannot beat the incumbent.
	moved := func(j int, k float64, warm *Basis) (*Solution, error) {
		for _, i := range s.ints {
			q.Vars[i].Lower, q.Vars[i].Upper = s.inc[i], s.inc[i]
		}
		q.Vars[j].Lower, q.Vars[j].Upper = k, k
		budget--
		o := Options{WarmStart: warm, MaxIter: s.opt.MaxIter, UseCutoff: true, Cutoff: s.sigma * s.pruneLimit()}
		sol, err := s.lp.SolveLP(ctx, q, o)
		s.opt.lpDone()
		if err != nil {
			return nil, fmt.Errorf("branch and bound, moving an integer of the incumbent: %w", err)
		}
		s.iters += sol.Iters
		return sol, nil
	}
	// take makes sol's point the incumbent if it is better by more than
	// the gap tolerance.
	take := func(sol *Solution) (bool, error) {
		if sol.Status != Optimal || s.sigma*sol.Objective >= s.pruneLimit() {
			return false, nil
		}
		z := s.incZ
		_, err := s.offerRounded(ctx, sol.X, math.Round, sol.Basis, false, nil)
		return s.incZ < z, err
	}
	warm := s.incBasis
	if warm == nil {
		// The incumbent came from a hint, without a basis: the LP of its
		// integers gives one to start the moves from (even when it stops
		// at the cutoff), and maybe a better point.
		budget--
		sol, err := s.completeHint(ctx, root)
		if err != nil {
			return err
		}
		warm = cmp.Or(s.incBasis, sol.Basis, root.Basis)
	}
	type move struct {
		j        int
		dir, gap float64
	}
	for improved := true; improved; {
		improved = false
		var moves []move
		for _, j := range s.ints {
			if d := root.X[j] - s.inc[j]; math.Abs(d) > IntTol {
				moves = append(moves, move{j, math.Copysign(1, d), math.Abs(d)})
			}
		}
		slices.SortStableFunc(moves, func(a, b move) int { return cmp.Compare(b.gap, a.gap) })
		for _, m := range moves {
			if budget <= 0 {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			k := s.inc[m.j] + m.dir
			if v := s.root.Vars[m.j]; k < v.Lower || k > v.Upper {
				continue
			}
			sol, err := moved(m.j, k, warm)
			if err != nil {
				return err
			}
			better, err := take(sol)
			if err != nil {
				return err
			}
			if better {
				improved, warm = true, sol.Basis
			}
		}
	}
	return nil
}

// Limits of the sub-searches of improve.
const (
	// rinsRounds bounds the neighbourhood searches after the node limit:
	// each that improves the incumbent is followed by another around it.
	rinsRounds = 3
	// rinsNodeShare is the share of the node limit each may visit.
	rinsNodeShare = 4
	// rinsMinFixed is the least share of the free integers a
	// neighbourhood must fix: one that fixes fewer is nearly the whole
	// problem again, which the search has just given up on.
	rinsMinFixed = 0.3
)

// improve looks for a better incumbent when the node limit has stopped
// the search (Options.Counts), before node next: moves of one unit
// (polish), then searches of the incumbent's neighbourhood (rins) as the
// root's relaxation sees it, each that improves followed by moves and
// another neighbourhood, up to rinsRounds, then the same as next's
// relaxation sees it. Each step keeps the incumbent unless it finds a
// better one, so the plan is never worse than the moves alone give.
//
// The neighbourhoods run only on problems small enough for the full
// default node limit: on larger ones (DefaultNodeLimitFor lowers it from
// 2,500 variables and rows), a node costs more and the neighbourhoods are
// wider; on the large benchmark in whole people (324 integers, 77 to 109
// of them free in each neighbourhood) they improved no stage and cost a
// quarter more time (docs/performance.md, "Whole people").
func (s *bb) improve(ctx context.Context, root *Solution, next *bbNode, limit int) error {
	if err := s.polish(ctx, root, limit); err != nil {
		return err
	}
	if s.opt.noRINS || DefaultNodeLimitFor(s.p) < DefaultNodeLimit {
		return nil
	}
	guides := []*Solution{root}
	if next != nil {
		// The node the limit stopped at, deep in a dive or the best bound
		// left: its relaxation agrees with the incumbent elsewhere than
		// the root's does.
		sol, err := s.relax(ctx, s.node(next.changes), next.warm)
		if err != nil {
			return err
		}
		if sol.Status == Optimal {
			guides = append(guides, sol)
		}
	}
	for _, g := range guides {
		for range rinsRounds {
			z := s.incZ
			if err := s.rins(ctx, g, limit/rinsNodeShare); err != nil {
				return err
			}
			if s.incZ >= z {
				break
			}
			if err := s.polish(ctx, root, limit); err != nil {
				return err
			}
		}
	}
	return nil
}

// rins searches the neighbourhood of the incumbent that a relaxation's
// point, guide, agrees with (relaxation induced neighbourhood search,
// Danna, Rothberg and Le Pape 2005): every integer whose value in guide
// rounds to the incumbent's is fixed there, and branch and bound, with
// the incumbent as its hint and at most limit nodes, searches the others.
// A better point becomes the incumbent (offerRounded checks it). The
// plans in whole people of the bundled scenarios, at budgets 20% below to
// 20% above theirs, got a better stage 1, 2 or 3 in 19 of 45 and a worse
// one in none: their searches end at the node limit with dives that
// stop a few integers short of a leaf, and a search of the neighbourhood
// of the plan found so far, a few integers wide, finds better plans.
func (s *bb) rins(ctx context.Context, guide *Solution, limit int) error {
	q := s.root.Clone()
	var free, fixed int
	for _, j := range s.ints {
		v := &q.Vars[j]
		if v.Lower == v.Upper {
			continue
		}
		if math.Abs(guide.X[j]-s.inc[j]) < 0.5 {
			v.Lower, v.Upper = s.inc[j], s.inc[j]
			fixed++
		} else {
			free++
		}
	}
	if free == 0 || float64(fixed) < rinsMinFixed*float64(fixed+free) {
		return nil
	}
	o := Options{
		NodeLimit: max(1, limit),
		MaxIter:   s.opt.MaxIter,
		Hints:     [][]float64{s.inc},
		Counts:    true,
		noPolish:  true,
		Progress:  s.opt.Progress,
	}
	sol, err := MIP{LP: s.lp}.Solve(ctx, q, o)
	if err != nil {
		if errors.Is(err, ErrNodeLimit) {
			return nil // the hint is feasible, so this does not happen
		}
		return fmt.Errorf("branch and bound, searching the incumbent's neighbourhood: %w", err)
	}
	s.nodes += sol.Nodes
	s.iters += sol.Iters
	if sol.Status != Optimal && sol.Status != OptimalWithinGap {
		return nil
	}
	_, err = s.offerRounded(ctx, sol.X, math.Round, sol.Basis, false, nil)
	return err
}

// learn records the pseudo cost of the branching that made node nd, whose
// LP optimum (min sense) is z: how much the bound worsened per unit its
// variable moved.
func (s *bb) learn(nd *bbNode, z float64) {
	if nd.brVar < 0 || nd.brDist <= IntTol || math.IsInf(nd.bound, 0) {
		return
	}
	d := 0
	if nd.brUp {
		d = 1
	}
	s.pcSum[d][nd.brVar] += math.Max(0, z-nd.bound) / nd.brDist
	s.pcN[d][nd.brVar]++
}

// pseudoCostAfter is the number of nodes after which a search of yes-or-no
// choices (investments) branches by pseudo costs (pick); before it, on
// the most fractional integer (farthest), as every such search did until
// session 33. A short search is over before the pseudo costs say much:
// from the first node, the enterprise months plan's scores and spend
// searches took 29 nodes each instead of 19, and the plan 0.25 s longer.
// A long one gains much from them: on scenarios whose investment choices
// are close, a half to a third of the nodes (docs/performance.md,
// "Session 33"). A search over counts (Options.Counts) branches by them
// from the first node.
const pseudoCostAfter = 20

// pick chooses the variable to branch on by pseudo costs: among the
// integers fractional in x, the one whose estimated worsening of the
// bound is greatest on both sides (the product of the two estimates, each
// at least a small floor so that a side with none still counts). A
// variable not yet branched on in a direction is estimated at the mean of
// those that were (1 before any). Ties go to the lowest index.
func (s *bb) pick(q *Problem, x []float64) int {
	var mean [2]float64
	for d := range mean {
		var sum float64
		var n int
		for j, c := range s.pcN[d] {
			if c > 0 {
				sum += s.pcSum[d][j] / float64(c)
				n++
			}
		}
		mean[d] = 1
		if n > 0 {
			mean[d] = sum / float64(n)
		}
	}
	est := func(d, j int) float64 {
		if s.pcN[d][j] == 0 {
			return mean[d]
		}
		return s.pcSum[d][j] / float64(s.pcN[d][j])
	}
	const floor = 1e-6
	best, bestScore := -1, -1.0
	for _, j := range s.ints {
		if q.Vars[j].Lower == q.Vars[j].Upper {
			continue
		}
		f := x[j] - math.Floor(x[j])
		if math.Min(f, 1-f) <= IntTol {
			continue
		}
		score := math.Max(est(0, j)*f, floor) * math.Max(est(1, j)*(1-f), floor)
		if score > bestScore {
			best, bestScore = j, score
		}
	}
	return best
}
