package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// The LP optimum (2.4, 2.4) = 4.8 of this problem is fractional; the
// integer optimum 4 is at (2, 2), the root's rounding, and at (3, 1).
func smallMIP() *Problem {
	return build("mip", true, []Var{iv("x", 0, 10), iv("y", 0, 10)}, []float64{1, 1},
		row("a", LE, 1, -1, 1), row("b", LE, 12, 3, 2), row("c", LE, 12, 2, 3))
}

func TestMIPHand(t *testing.T) {
	ninf := math.Inf(-1)
	cases := []lpCase{
		{name: "fractional root", status: Optimal, obj: 4, p: smallMIP()},
		// max 5x + 4y, 6x + 4y <= 24, x + 2y <= 6: LP (3, 1.5) = 21, integer
		// optimum 20 at (4, 0).
		{name: "branching needed", status: Optimal, obj: 20, x: []float64{4, 0},
			p: build("wyndor", true, []Var{iv("x", 0, inf), iv("y", 0, inf)}, []float64{5, 4},
				row("a", LE, 24, 6, 4), row("b", LE, 6, 1, 2))},
		{name: "mixed integer", status: Optimal, obj: 5.5, x: []float64{2, 1.5},
			p: build("mixed", false, []Var{iv("n", 0, 10), v("z", 0, inf)}, []float64{2, 1},
				row("a", GE, 7, 2, 2), row("b", GE, 1.5, 0, 1), row("c", GE, 1.5, 1, 0))},
		{name: "no integer point", status: Infeasible,
			p: build("parity", false, []Var{iv("x", 0, 10), iv("y", 0, 10)}, []float64{1, 1},
				row("a", EQ, 3, 2, 2))},
		{name: "infeasible relaxation", status: Infeasible,
			p: build("lpinf", false, []Var{iv("x", 0, 1)}, []float64{1}, row("a", GE, 2, 1))},
		{name: "empty integer range", status: Infeasible,
			p: build("range", false, []Var{iv("x", 0.2, 0.8)}, []float64{1})},
		{name: "fractional integer bounds", status: Optimal, obj: 2, x: []float64{2},
			p: build("fracbounds", true, []Var{iv("x", 0.5, 2.5)}, []float64{1}, row("a", LE, 10, 1))},
		{name: "unbounded relaxation", status: Unbounded,
			p: build("unb", true, []Var{iv("x", 0, inf), v("y", ninf, 0)}, []float64{1, -1}, row("a", LE, 1.5, 1, 1))},
		// The LP optimum n = 1.9999995 is integral within IntTol, but n = 2
		// with y = -1 breaks the row by 0.5: y must be re-solved.
		{name: "rounding repaired", status: Optimal, obj: 1.5, x: []float64{2, -0.5},
			p: build("repair", false, []Var{iv("n", 0, 10), v("y", -1, inf)}, []float64{1, 1},
				row("big", EQ, 2000000.5, 1e6, -1))},
		// The LP optimum n = 2.9999995 is integral within IntTol, but n = 3
		// breaks the row by 0.5 and nothing can repair it: n = 2 is the
		// answer, below the near-integral LP point.
		{name: "rounding beyond repair", status: Optimal, obj: 2, x: []float64{2},
			p: build("norepair", true, []Var{iv("n", 0, 10)}, []float64{1},
				row("big", LE, 2999999.5, 1e6))},
		{name: "minimize with objective constant", status: Optimal, obj: 13, x: []float64{1, 2},
			p: func() *Problem {
				p := build("minconst", false, []Var{iv("x", 0, 5), iv("y", 0, 5)}, []float64{3, 2}, row("a", GE, 4.5, 1, 2), row("b", GE, 1, 1, 0))
				p.ObjConst = 6
				return p
			}()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Solve(context.Background(), c.p, Gonum{}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCase(t, c, s)
			if s.Status == Optimal && (s.Gap > DefaultGapTol || !closeTo(s.Bound, s.Objective, DefaultGapTol)) {
				t.Errorf("exhausted tree: bound %v, gap %v, want %v and 0", s.Bound, s.Gap, s.Objective)
			}
			for j, v := range c.p.Vars {
				if v.Integer && s.X != nil && s.X[j] != math.Round(s.X[j]) {
					t.Errorf("integer %s = %v is not rounded exactly", v.Name, s.X[j])
				}
			}
		})
	}
}

func TestMIPNodeLimitWithIncumbent(t *testing.T) {
	p := smallMIP()
	s, err := Solve(context.Background(), p, Gonum{}, Options{NodeLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != OptimalWithinGap || s.Nodes != 1 {
		t.Fatalf("status %v after %d nodes, want optimal_within_gap after 1", s.Status, s.Nodes)
	}
	// The incumbent is the rounded root point, the bound the root's LP.
	if s.Objective != 4 || !closeTo(s.Bound, 4.8, 1e-9) || !closeTo(s.Gap, 0.2, 1e-9) {
		t.Errorf("objective %v, bound %v, gap %v; want 4, 4.8, 0.2", s.Objective, s.Bound, s.Gap)
	}
	if err := Check(p, s.X); err != nil {
		t.Error(err)
	}
}

// parityProblem is max x - 100e, x in [0, 10], with 2(y1 + ... + yn) + e
// = n over binaries, n odd: every integer point has e = 1 and (n-1)/2 of
// the y's at 1, and the best has x = 10, objective -90.
func parityProblem(n int) *Problem {
	vars := []Var{v("x", 0, 10), iv("e", 0, 1)}
	obj := []float64{1, -100}
	parity := []float64{0, 1}
	for i := range n {
		vars = append(vars, iv(fmt.Sprintf("y%d", i), 0, 1))
		obj = append(obj, 0)
		parity = append(parity, 2)
	}
	return build("parity", true, vars, obj, row("parity", EQ, float64(n), parity...))
}

// TestMIPCompletesAStaleHint gives a search a hint whose integers are the
// only ones that hold its rows but whose continuous variable is at its
// worst, as an earlier stage's plan is for a later stage's objective:
// max x - 100e, x in [0, 10], with 2(y1 + ... + y41) + e = 41 over
// binaries, whose integer points all have e = 1. The relaxation puts e at
// 0 and one y at a half, and the open node with the best bound is always
// the oldest (every bound is 10), so no node in 40 meets an integer
// point: the node limit stops the search with the hint (x = 0, objective
// -100) as its incumbent, unless the hint is completed then: its integers
// fixed, x = 10, objective -90.
func TestMIPCompletesAStaleHint(t *testing.T) {
	const n = 41
	p := parityProblem(n)
	hint := []float64{0, 1}
	for i := range n {
		hint = append(hint, float64(min(1, max(0, (n-1)/2-i))))
	}
	if err := Check(p, hint); err != nil {
		t.Fatalf("the hint must be feasible: %v", err)
	}
	var lps int
	opt := Options{NodeLimit: 40, Hints: [][]float64{hint}, Progress: func(string) { lps++ }}
	s, err := Solve(context.Background(), p, Revised{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(p, s.X); err != nil {
		t.Fatal(err)
	}
	if s.Status != OptimalWithinGap || s.Nodes != 40 {
		t.Fatalf("status %v after %d nodes, want optimal_within_gap at the limit of 40", s.Status, s.Nodes)
	}
	if s.Objective != -90 || s.X[0] != 10 || s.X[1] != 1 {
		t.Errorf("objective %v at x = %v, e = %v; want the completed hint, -90 at x = 10, e = 1", s.Objective, s.X[0], s.X[1])
	}
	// The completion is one LP more than the nodes.
	if lps != s.Nodes+1 {
		t.Errorf("%d LPs for %d nodes, want one more", lps, s.Nodes)
	}
}

// TestMIPSearchToTheEndKeepsItsHint: a search that ends before its node
// limit spends no LP on completing its hint; the nodes have found the
// optimum themselves.
func TestMIPSearchToTheEndKeepsItsHint(t *testing.T) {
	p := smallMIP()
	var lps int
	opt := Options{Hints: [][]float64{{1, 1}}, Progress: func(string) { lps++ }}
	s, err := Solve(context.Background(), p, Revised{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal || s.Objective != 4 {
		t.Fatalf("status %v, objective %v; want optimal, 4", s.Status, s.Objective)
	}
	if lps != s.Nodes {
		t.Errorf("%d LPs for %d nodes, want one a node", lps, s.Nodes)
	}
}

func TestMIPNodeLimitWithoutIncumbent(t *testing.T) {
	p := build("parity", false, []Var{iv("x", 0, 10), iv("y", 0, 10)}, []float64{1, 1}, row("a", EQ, 3, 2, 2))
	_, err := Solve(context.Background(), p, Gonum{}, Options{NodeLimit: 1})
	if !errors.Is(err, ErrNodeLimit) {
		t.Errorf("err = %v, want ErrNodeLimit", err)
	}
}

func TestDefaultNodeLimitFor(t *testing.T) {
	sized := func(vars, rows int) *Problem {
		return &Problem{Vars: make([]Var, vars), Rows: make([]Row, rows)}
	}
	for _, c := range []struct {
		vars, rows, want int
	}{
		{2, 1, DefaultNodeLimit},
		{2000, 500, DefaultNodeLimit},      // 2,500 cells: 25,000,000 / 2,500 = 10,000
		{14580, 4684, 25_000_000 / 19264},  // the large benchmark in whole people: 1,297
		{48420, 15886, 25_000_000 / 64306}, // the 40-region enterprise one: 388
		{200_000, 100_000, MinNodeLimit},   // 83 by the work, raised to the floor
	} {
		if got := DefaultNodeLimitFor(sized(c.vars, c.rows)); got != c.want {
			t.Errorf("%d vars, %d rows: limit %d, want %d", c.vars, c.rows, got, c.want)
		}
	}
}

// TestMIPDefaultNodeLimitScales runs a search that cannot end (no integer
// point, and the parity row gives branch and bound no way to see it) on a
// problem padded to 12,500 variables and rows: it stops at
// 25,000,000/12,500 = 2,000 nodes, not 10,000.
func TestMIPDefaultNodeLimitScales(t *testing.T) {
	const ints = 20
	vars := make([]Var, 0, 12_499)
	coefs := make([]float64, 0, 12_499)
	for i := range ints {
		vars = append(vars, iv(fmt.Sprintf("x%d", i), 0, 1))
		coefs = append(coefs, 2)
	}
	for i := len(vars); i < cap(vars); i++ {
		vars = append(vars, v(fmt.Sprintf("pad%d", i), 0, 1))
		coefs = append(coefs, 0)
	}
	p := build("parity", false, vars, make([]float64, len(vars)), row("odd", EQ, ints+1, coefs...))
	if got := DefaultNodeLimitFor(p); got != 2000 {
		t.Fatalf("limit %d, want 2000", got)
	}
	_, err := Solve(context.Background(), p, Revised{}, Options{})
	if !errors.Is(err, ErrNodeLimit) || !strings.Contains(err.Error(), "(2000 nodes)") {
		t.Errorf("err = %v, want ErrNodeLimit after 2000 nodes", err)
	}
}

func TestMIPGapTolerance(t *testing.T) {
	// With a 25% gap tolerance the rounded root point (4 against a bound
	// of 4.8) is good enough.
	s, err := Solve(context.Background(), smallMIP(), Gonum{}, Options{GapTol: 0.25})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal || s.Nodes != 1 || !closeTo(s.Gap, 0.2, 1e-9) {
		t.Errorf("status %v, %d nodes, gap %v; want optimal after 1 node with gap 0.2", s.Status, s.Nodes, s.Gap)
	}
}

func TestMIPWithoutIntegersIsTheLP(t *testing.T) {
	c := handLPs()[0]
	s, err := Solve(context.Background(), c.p, Gonum{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCase(t, c, s)
}

func TestSolveValidates(t *testing.T) {
	p := build("bad", false, []Var{v("x", 0, 1)}, nil, Row{Name: "r", Terms: []Term{{Var: 3, Coef: 1}}})
	if _, err := Solve(context.Background(), p, Gonum{}, Options{}); !errors.Is(err, ErrBadProblem) {
		t.Errorf("err = %v, want ErrBadProblem", err)
	}
}

func TestMIPCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, smallMIP(), Gonum{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// basisLP is Gonum with a made-up basis on every optimal solution. It
// records the warm starts it is given, and whether each is a basis it
// handed out before.
type basisLP struct {
	warm  []*Basis
	known []bool
	given []*Basis
}

func (b *basisLP) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	b.warm = append(b.warm, opt.WarmStart)
	b.known = append(b.known, slices.Contains(b.given, opt.WarmStart))
	s, err := Gonum{}.SolveLP(ctx, p, opt)
	if err == nil && s.Status == Optimal {
		s.Basis = &Basis{} // a tag, not a real basis
		b.given = append(b.given, s.Basis)
	}
	return s, err
}

func TestMIPPassesParentBasis(t *testing.T) {
	lp := &basisLP{}
	start := &Basis{}
	if _, err := Solve(context.Background(), smallMIP(), lp, Options{WarmStart: start}); err != nil {
		t.Fatal(err)
	}
	if len(lp.warm) < 3 {
		t.Fatalf("only %d LPs solved", len(lp.warm))
	}
	if lp.warm[0] != start {
		t.Errorf("the root did not get Options.WarmStart")
	}
	for i, ok := range lp.known[1:] {
		if !ok {
			t.Errorf("LP %d: warm start %p is not the basis of an earlier solve", i+2, lp.warm[i+1])
		}
	}
}

// Knapsacks make deeper trees than the random problems of glpk_test.go.
func TestMIPKnapsacksAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	var ps []*Problem
	for seed := range uint64(30) {
		ps = append(ps, knapsack(seed))
	}
	want := glpkAnswers(t, ps)
	nodes := 0
	for i, p := range ps {
		s, err := Solve(context.Background(), p, Gonum{}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		nodes += s.Nodes
		if s.Status != Optimal || want[i].status != Optimal || !closeTo(s.Objective, want[i].obj, 1e-6) {
			t.Errorf("%s: %v %.12g, glpsol %v %.12g", p.Name, s.Status, s.Objective, want[i].status, want[i].obj)
		}
	}
	t.Logf("%d nodes in all", nodes)
}

// recordLP is an LPSolver that records the options of each solve whose
// problem has variable 0 fixed, by the value it is fixed at.
type recordLP struct {
	LPSolver
	fixed map[float64]Options
}

func (r *recordLP) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	if v := p.Vars[0]; v.Lower == v.Upper {
		r.fixed[v.Lower] = opt
	}
	return r.LPSolver.SolveLP(ctx, p, opt)
}

// TestMIPRepairCutoff: a hint that breaks a row is repaired by an LP with
// its integers fixed, and once there is an incumbent that LP is given it
// as a cutoff (only a better point is kept, so it may stop at a proof that
// there is none). On "mixed", min 2n + z, the hint (2, 1.5) is the
// optimum 5.5; the hint (3, 0) breaks z >= 1.5 and is repaired with n = 3
// fixed (at best 7.5).
func TestMIPRepairCutoff(t *testing.T) {
	p := build("mixed", false, []Var{iv("n", 0, 10), v("z", 0, inf)}, []float64{2, 1},
		row("a", GE, 7, 2, 2), row("b", GE, 1.5, 0, 1), row("c", GE, 1.5, 1, 0))
	lp := &recordLP{LPSolver: Gonum{}, fixed: map[float64]Options{}}
	s, err := MIP{LP: lp}.Solve(context.Background(), p, Options{Hints: [][]float64{{2, 1.5}, {3, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal || !closeTo(s.Objective, 5.5, 1e-9) {
		t.Fatalf("status %v objective %v, want optimal 5.5", s.Status, s.Objective)
	}
	o, ok := lp.fixed[3]
	if !ok {
		t.Fatal("the hint (3, 0) was not repaired with n = 3 fixed")
	}
	if !o.UseCutoff || o.Cutoff != 5.5 {
		t.Errorf("repair LP: UseCutoff %v Cutoff %v, want true and the incumbent's 5.5", o.UseCutoff, o.Cutoff)
	}
}

// boundsLP is an LPSolver that records the bounds of variable 2 in each
// solve.
type boundsLP struct {
	LPSolver
	upper []float64
}

func (r *boundsLP) SolveLP(ctx context.Context, p *Problem, opt Options) (*Solution, error) {
	r.upper = append(r.upper, p.Vars[2].Upper)
	return r.LPSolver.SolveLP(ctx, p, opt)
}

// TestMIPReducedCostFixing: min 2n + z + 10y, 2n + 2z + y >= 7, z >= 1.5,
// n >= 1.5. The root LP is n = 1.5, z = 2, y = 0 at 5, where row a's dual
// is 0.5 (z covers it at 1 for 2), so y's reduced cost is 10 - 0.5 = 9.5.
// With the hint (2, 1.5, 0) the incumbent is 5.5: a point with y >= 1
// costs at least 5 + 9.5, so y is fixed at 0 in every node after the root
// (without the fixing its upper bound 5 stays), and the optimum is kept.
func TestMIPReducedCostFixing(t *testing.T) {
	p := build("fixing", false, []Var{iv("n", 0, 10), v("z", 0, inf), iv("y", 0, 5)}, []float64{2, 1, 10},
		row("a", GE, 7, 2, 2, 1), row("b", GE, 1.5, 0, 1), row("c", GE, 1.5, 1, 0))
	lp := &boundsLP{LPSolver: Revised{}}
	s, err := MIP{LP: lp}.Solve(context.Background(), p, Options{Hints: [][]float64{{2, 1.5, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal || !closeTo(s.Objective, 5.5, 1e-9) || s.X[2] != 0 {
		t.Fatalf("status %v objective %v x %v, want optimal 5.5 with y = 0", s.Status, s.Objective, s.X)
	}
	if len(lp.upper) < 2 {
		t.Fatalf("%d LPs solved, want the root and its nodes", len(lp.upper))
	}
	if lp.upper[0] != 5 {
		t.Errorf("root LP: y <= %v, want 5", lp.upper[0])
	}
	for k, up := range lp.upper[1:] {
		if up != 0 {
			t.Errorf("LP %d after the root: y <= %v, want 0 (fixed by its reduced cost)", k+1, up)
		}
	}
}
