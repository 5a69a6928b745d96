package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func revSolve(t testing.TB, p *Problem, opt Options) *Solution {
	t.Helper()
	s, err := Revised{}.SolveLP(context.Background(), p, opt)
	if err != nil {
		t.Fatalf("%s: SolveLP: %v", p.Name, err)
	}
	return s
}

// revVerify checks an optimal Solution of p from first principles: Check on
// X, CheckDuals, the basis shape, and strong duality: the dual objective,
// sum of Duals times right-hand sides plus reduced costs times the bounds
// they price, equals the primal objective within 1e-7 relative.
func revVerify(p *Problem, s *Solution) error {
	if s.Status != Optimal {
		return fmt.Errorf("status %v, want optimal", s.Status)
	}
	if err := CheckRelaxation(p, s.X); err != nil {
		return err
	}
	if err := CheckDuals(p, s); err != nil {
		return err
	}
	if z := p.Objective(s.X); !closeTo(s.Objective, z, 1e-9) {
		return fmt.Errorf("objective %g, but X gives %g", s.Objective, z)
	}
	if s.Basis == nil || len(s.Basis.Vars) != len(p.Vars) || len(s.Basis.Rows) != len(p.Rows) {
		return fmt.Errorf("basis %+v does not fit %d vars, %d rows", s.Basis, len(p.Vars), len(p.Rows))
	}
	basic := 0
	for _, b := range append(append([]BasisStatus(nil), s.Basis.Vars...), s.Basis.Rows...) {
		if b == Basic {
			basic++
		}
	}
	if basic != len(p.Rows) {
		return fmt.Errorf("%d basic variables for %d rows", basic, len(p.Rows))
	}
	// Strong duality, in the problem's own sense: z = ObjConst +
	// sum_i Duals[i]*RHS[i] + sum_j d_j * (the bound d_j prices).
	sigma := 1.0
	if p.Maximize {
		sigma = -1
	}
	dual := p.ObjConst
	scale := 1.0
	for _, y := range s.Duals {
		scale = math.Max(scale, math.Abs(y))
	}
	for i, r := range p.Rows {
		dual += s.Duals[i] * r.RHS
	}
	for j, v := range p.Vars {
		d := sigma * s.ReducedCosts[j] // minimization sign
		switch {
		case d > 1e-9*scale:
			if math.IsInf(v.Lower, -1) {
				return fmt.Errorf("variable %q: reduced cost %g prices an infinite lower bound", v.Name, s.ReducedCosts[j])
			}
			dual += s.ReducedCosts[j] * v.Lower
		case d < -1e-9*scale:
			if math.IsInf(v.Upper, 1) {
				return fmt.Errorf("variable %q: reduced cost %g prices an infinite upper bound", v.Name, s.ReducedCosts[j])
			}
			dual += s.ReducedCosts[j] * v.Upper
		}
	}
	if !closeTo(dual, s.Objective, 1e-7) {
		return fmt.Errorf("primal objective %.12g, dual objective %.12g", s.Objective, dual)
	}
	return nil
}

func TestRevisedHandLPs(t *testing.T) {
	for _, c := range handLPs() {
		t.Run(c.name, func(t *testing.T) {
			s := revSolve(t, c.p, Options{})
			if s.Status != c.status {
				t.Fatalf("status %v, want %v", s.Status, c.status)
			}
			if c.status != Optimal {
				return
			}
			if err := revVerify(c.p, s); err != nil {
				t.Fatal(err)
			}
			if !closeTo(s.Objective, c.obj, 1e-9) {
				t.Errorf("objective %g, want %g", s.Objective, c.obj)
			}
			for j, want := range c.x {
				if !closeTo(s.X[j], want, 1e-9) {
					t.Errorf("x = %v, want %v", s.X, c.x)
					break
				}
			}
		})
	}
}

// Duals, reduced costs and basis worked out by hand, in both senses.
func TestRevisedKnownDuals(t *testing.T) {
	// max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18: optimum (2, 6) = 36,
	// shadow prices (0, 3/2, 1): one more unit of the third row's rhs is
	// worth 1.
	p := build("wyndor", true, []Var{v("x", 0, inf), v("y", 0, inf)}, []float64{3, 5},
		row("plant1", LE, 4, 1, 0), row("plant2", LE, 12, 0, 2), row("plant3", LE, 18, 3, 2))
	s := revSolve(t, p, Options{})
	if err := revVerify(p, s); err != nil {
		t.Fatal(err)
	}
	wantY := []float64{0, 1.5, 1}
	for i := range wantY {
		if !closeTo(s.Duals[i], wantY[i], 1e-12) {
			t.Errorf("duals %v, want %v", s.Duals, wantY)
		}
	}
	wantRows := []BasisStatus{Basic, AtLower, AtLower} // binding rows: slack at zero
	for i := range wantRows {
		if s.Basis.Rows[i] != wantRows[i] {
			t.Errorf("row basis %v, want %v", s.Basis.Rows, wantRows)
		}
	}
	// Check the dual's meaning by perturbing the rhs.
	q := p.Clone()
	q.Rows[2].RHS += 0.01
	if s2 := revSolve(t, q, Options{}); !closeTo(s2.Objective-s.Objective, 0.01*s.Duals[2], 1e-9) {
		t.Errorf("objective moved by %g for rhs +0.01, dual says %g", s2.Objective-s.Objective, 0.01*s.Duals[2])
	}

	// min x + 2y + 3z s.t. x + y + z >= 2, x in [0,1], y in [0,5], z >= 0:
	// optimum x = 1, y = 1; dual 2; reduced costs (-1, 0, 1).
	p = build("cover", false, []Var{v("x", 0, 1), v("y", 0, 5), v("z", 0, inf)}, []float64{1, 2, 3},
		row("need", GE, 2, 1, 1, 1))
	s = revSolve(t, p, Options{})
	if err := revVerify(p, s); err != nil {
		t.Fatal(err)
	}
	if !closeTo(s.Objective, 3, 1e-12) || !closeTo(s.Duals[0], 2, 1e-12) {
		t.Errorf("objective %g duals %v", s.Objective, s.Duals)
	}
	wantD := []float64{-1, 0, 1}
	for j := range wantD {
		if !closeTo(s.ReducedCosts[j], wantD[j], 1e-12) {
			t.Errorf("reduced costs %v, want %v", s.ReducedCosts, wantD)
		}
	}
	wantVars := []BasisStatus{AtUpper, Basic, AtLower}
	for j := range wantVars {
		if s.Basis.Vars[j] != wantVars[j] {
			t.Errorf("var basis %v, want %v", s.Basis.Vars, wantVars)
		}
	}
	if s.Basis.Rows[0] != AtLower {
		t.Errorf("row basis %v, want [AtLower]", s.Basis.Rows)
	}
}

// revKind selects the structure of a random problem.
type revKind int

const (
	revFeasible revKind = iota
	revInfeasible
	revUnbounded
)

// revRandom returns a seeded random sparse problem with m rows and n
// variables, about perRow terms per row, a mix of <=, >= and = rows and of
// variable bounds ([0,1] most often, as in cardio). Feasible problems are
// built around a point x0 inside the bounds, with costs signed so that the
// objective is bounded on the bounds; half of them maximize.
func revRandom(seed uint64, m, n, perRow int, kind revKind) *Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := &Problem{Name: fmt.Sprintf("rand%d_%dx%d_%d", seed, m, n, kind), Maximize: rng.IntN(2) == 0}
	x0 := make([]float64, n)
	for j := 0; j < n; j++ {
		var lo, up float64
		switch rng.IntN(10) {
		case 0, 1, 2, 3:
			lo, up = 0, 1
		case 4, 5:
			lo, up = 0, inf
		case 6:
			lo, up = -5, 5
		case 7:
			lo, up = math.Inf(-1), 2
		case 8:
			lo, up = 1, 1+float64(rng.IntN(50))
		default:
			if rng.IntN(2) == 0 {
				lo, up = math.Inf(-1), inf
			} else {
				lo = float64(rng.IntN(4))
				up = lo
			}
		}
		p.AddVar(fmt.Sprintf("x%d", j), lo, up)
		a, b := math.Max(lo, -10), math.Min(up, 10)
		x0[j] = a + rng.Float64()*(b-a)
		c := math.Round(rng.NormFloat64()*1000) / 100
		switch {
		case math.IsInf(lo, -1) && math.IsInf(up, 1):
			c = 0
		case math.IsInf(up, 1):
			c = math.Abs(c)
		case math.IsInf(lo, -1):
			c = -math.Abs(c)
		}
		if p.Maximize {
			c = -c
		}
		p.SetObj(j, c)
	}
	p.ObjConst = float64(rng.IntN(10))
	for i := 0; i < m; i++ {
		k := 1 + rng.IntN(2*perRow)
		var terms []Term
		act := 0.0
		for range k {
			j := rng.IntN(n)
			c := math.Round(rng.NormFloat64()*500) / 100
			if c == 0 {
				c = 1
			}
			terms = append(terms, Term{Var: j, Coef: c})
			act += c * x0[j]
		}
		slack := math.Round(rng.Float64()*300) / 100
		switch rng.IntN(5) {
		case 0, 1:
			p.AddRow(fmt.Sprintf("r%d", i), terms, LE, act+slack)
		case 2, 3:
			p.AddRow(fmt.Sprintf("r%d", i), terms, GE, act-slack)
		default:
			p.AddRow(fmt.Sprintf("r%d", i), terms, EQ, act)
		}
	}
	switch kind {
	case revInfeasible:
		// Rows over [0,1] variables that no point of the box satisfies
		// together: sum >= k - 1/2 and sum <= k - 3/2.
		var terms []Term
		for j := 0; j < n && len(terms) < 3; j++ {
			if p.Vars[j].Lower == 0 && p.Vars[j].Upper == 1 {
				terms = append(terms, Term{Var: j, Coef: 1})
			}
		}
		if len(terms) == 0 {
			p.Vars[0].Lower, p.Vars[0].Upper = 0, 1
			terms = []Term{{Var: 0, Coef: 1}}
		}
		k := float64(len(terms))
		p.AddRow("contra_ge", terms, GE, k-0.5)
		p.AddRow("contra_le", terms, LE, k-1.5)
	case revUnbounded:
		// A new variable that improves the objective and only loosens the
		// inequality rows it appears in.
		j := p.AddVar("ray", 0, inf)
		c := -1.0
		if p.Maximize {
			c = 1
		}
		p.SetObj(j, c)
		added := 0
		for i := range p.Rows {
			if added == 3 {
				break
			}
			switch p.Rows[i].Sense {
			case LE:
				p.Rows[i].Terms = append(append([]Term(nil), p.Rows[i].Terms...), Term{Var: j, Coef: -1})
				added++
			case GE:
				p.Rows[i].Terms = append(append([]Term(nil), p.Rows[i].Terms...), Term{Var: j, Coef: 2})
				added++
			}
		}
	}
	return p
}

var revShapes = []struct{ m, n, perRow int }{
	{2, 3, 2}, {4, 4, 2}, {6, 3, 2}, {5, 12, 3}, {15, 30, 4}, {30, 40, 5}, {40, 120, 6}, {120, 300, 8},
}

func TestRevisedRandom(t *testing.T) {
	for _, sh := range revShapes {
		for seed := uint64(1); seed <= 12; seed++ {
			for _, kind := range []revKind{revFeasible, revInfeasible, revUnbounded} {
				p := revRandom(seed, sh.m, sh.n, sh.perRow, kind)
				s := revSolve(t, p, Options{})
				want := map[revKind]Status{revFeasible: Optimal, revInfeasible: Infeasible, revUnbounded: Unbounded}[kind]
				if s.Status != want {
					t.Errorf("%s: status %v, want %v", p.Name, s.Status, want)
					continue
				}
				if want == Optimal {
					if err := revVerify(p, s); err != nil {
						t.Errorf("%s: %v", p.Name, err)
					}
				}
			}
		}
	}
}

// The optimum agrees with GLPK's on random problems of every kind.
func TestRevisedAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	ctx := context.Background()
	for _, sh := range revShapes {
		for seed := uint64(20); seed < 24; seed++ {
			for _, kind := range []revKind{revFeasible, revInfeasible, revUnbounded} {
				p := revRandom(seed, sh.m, sh.n, sh.perRow, kind)
				s := revSolve(t, p, Options{})
				st, obj, _, err := SolveGLPK(ctx, p)
				if err != nil {
					t.Fatalf("%s: glpsol: %v", p.Name, err)
				}
				if s.Status != st {
					t.Errorf("%s: status %v, glpsol says %v", p.Name, s.Status, st)
					continue
				}
				if st == Optimal && !closeTo(s.Objective, obj, 1e-7) {
					t.Errorf("%s: objective %.12g, glpsol %.12g", p.Name, s.Objective, obj)
				}
			}
		}
	}
}

// ... and with gonum's lp.Simplex on small ones (it is slow beyond that).
func TestRevisedAgainstGonum(t *testing.T) {
	ctx := context.Background()
	for _, sh := range revShapes {
		if sh.n > 40 {
			continue
		}
		for seed := uint64(40); seed < 46; seed++ {
			for _, kind := range []revKind{revFeasible, revInfeasible, revUnbounded} {
				p := revRandom(seed, sh.m, sh.n, sh.perRow, kind)
				s := revSolve(t, p, Options{})
				g, err := Gonum{}.SolveLP(ctx, p, Options{})
				if errors.Is(err, ErrNumerical) {
					// The reference itself gave up; nothing to compare.
					t.Logf("%s: gonum: %v", p.Name, err)
					continue
				}
				if err != nil {
					t.Fatalf("%s: gonum: %v", p.Name, err)
				}
				if s.Status != g.Status {
					t.Errorf("%s: status %v, gonum says %v", p.Name, s.Status, g.Status)
					continue
				}
				if g.Status == Optimal && !closeTo(s.Objective, g.Objective, 1e-7) {
					t.Errorf("%s: objective %.12g, gonum %.12g", p.Name, s.Objective, g.Objective)
				}
			}
		}
	}
}

func TestRevisedWarmStart(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		p := revRandom(seed, 120, 300, 8, revFeasible)
		cold := revSolve(t, p, Options{})
		if err := revVerify(p, cold); err != nil {
			t.Fatal(err)
		}

		// The same problem from its optimal basis: nothing to do.
		again := revSolve(t, p, Options{WarmStart: cold.Basis})
		if again.Iters != 0 || !closeTo(again.Objective, cold.Objective, 1e-12) {
			t.Errorf("%s: warm re-solve took %d iterations, objective %g (cold %g)", p.Name, again.Iters, again.Objective, cold.Objective)
		}

		// Branch-like bound change on a basic variable away from its bound:
		// the dual simplex repairs it in a few iterations.
		q := p.Clone()
		changed := -1
		for j, b := range cold.Basis.Vars {
			x := cold.X[j]
			if b == Basic && x-math.Floor(x) > 0.1 && math.Ceil(x)-x > 0.1 {
				q.Vars[j].Upper = math.Floor(x)
				changed = j
				break
			}
		}
		if changed < 0 {
			continue
		}
		warm := revSolve(t, q, Options{WarmStart: cold.Basis})
		fresh := revSolve(t, q, Options{})
		if warm.Status != fresh.Status {
			t.Fatalf("%s: bound change: warm %v, cold %v", p.Name, warm.Status, fresh.Status)
		}
		if fresh.Status == Optimal {
			if err := revVerify(q, warm); err != nil {
				t.Fatalf("%s: bound change: %v", p.Name, err)
			}
			if !closeTo(warm.Objective, fresh.Objective, 1e-7) {
				t.Errorf("%s: bound change: warm %g, cold %g", p.Name, warm.Objective, fresh.Objective)
			}
		}
		if warm.Iters > max(10, fresh.Iters/4) {
			t.Errorf("%s: bound change took %d iterations warm, %d cold", p.Name, warm.Iters, fresh.Iters)
		}

		// An added row (a cut through the optimum, as in a lexicographic
		// stage): the old basis with the new slack basic.
		var terms []Term
		act := 0.0
		for j := 0; j < len(p.Vars) && len(terms) < 6; j += 7 {
			terms = append(terms, Term{Var: j, Coef: 1})
			act += cold.X[j]
		}
		q = p.Clone()
		q.AddRow("cut", terms, LE, act-0.5)
		wb := &Basis{Vars: cold.Basis.Vars, Rows: append(append([]BasisStatus(nil), cold.Basis.Rows...), Basic)}
		warm = revSolve(t, q, Options{WarmStart: wb})
		fresh = revSolve(t, q, Options{})
		if warm.Status != fresh.Status {
			t.Fatalf("%s: added row: warm %v, cold %v", p.Name, warm.Status, fresh.Status)
		}
		if fresh.Status == Optimal {
			if err := revVerify(q, warm); err != nil {
				t.Fatalf("%s: added row: %v", p.Name, err)
			}
			if !closeTo(warm.Objective, fresh.Objective, 1e-7) {
				t.Errorf("%s: added row: warm %g, cold %g", p.Name, warm.Objective, fresh.Objective)
			}
		}
		if warm.Iters > max(10, fresh.Iters/4) {
			t.Errorf("%s: added row took %d iterations warm, %d cold", p.Name, warm.Iters, fresh.Iters)
		}
	}
}

// A warm start that is not a basis (wrong size, too many or too few basic
// variables, dependent columns) is repaired, not trusted.
func TestRevisedBadWarmStart(t *testing.T) {
	p := revRandom(3, 30, 40, 5, revFeasible)
	cold := revSolve(t, p, Options{})
	bad := []*Basis{
		{},
		{Vars: make([]BasisStatus, 3)},
		{Vars: allStatus(len(p.Vars), Basic), Rows: allStatus(len(p.Rows), Basic)},
		{Vars: allStatus(len(p.Vars), AtUpper), Rows: allStatus(len(p.Rows), FreeZero)},
		{Vars: allStatus(len(p.Vars)+5, Fixed), Rows: allStatus(len(p.Rows)+5, AtLower)},
	}
	for k, b := range bad {
		s := revSolve(t, p, Options{WarmStart: b})
		if err := revVerify(p, s); err != nil {
			t.Errorf("warm start %d: %v", k, err)
		}
		if !closeTo(s.Objective, cold.Objective, 1e-7) {
			t.Errorf("warm start %d: objective %g, cold %g", k, s.Objective, cold.Objective)
		}
	}
	// Two copies of a column basic with slacks out: singular, repaired.
	q := build("dup", false, []Var{v("x", 0, 10), v("y", 0, 10)}, []float64{-1, -1},
		row("a", LE, 4, 1, 1), row("b", LE, 8, 2, 2))
	s := revSolve(t, q, Options{WarmStart: &Basis{Vars: []BasisStatus{Basic, Basic}, Rows: []BasisStatus{AtLower, AtLower}}})
	if err := revVerify(q, s); err != nil || !closeTo(s.Objective, -4, 1e-12) {
		t.Errorf("singular warm start: %v, objective %g", err, s.Objective)
	}
}

func allStatus(n int, b BasisStatus) []BasisStatus {
	s := make([]BasisStatus, n)
	for i := range s {
		s[i] = b
	}
	return s
}

func TestRevisedIterationLimit(t *testing.T) {
	p := revRandom(5, 120, 300, 8, revFeasible)
	_, err := Revised{}.SolveLP(context.Background(), p, Options{MaxIter: 3})
	if !errors.Is(err, ErrIterationLimit) {
		t.Errorf("err %v, want ErrIterationLimit", err)
	}
}

func TestRevisedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Revised{}).SolveLP(ctx, revRandom(1, 10, 10, 3, revFeasible), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func TestRevisedRejectsBadProblem(t *testing.T) {
	p := build("bad", false, []Var{v("x", 1, 0)}, []float64{1})
	if _, err := (Revised{}).SolveLP(context.Background(), p, Options{}); !errors.Is(err, ErrBadProblem) {
		t.Errorf("err %v, want ErrBadProblem", err)
	}
	// A prepared solver checks the bounds, right-hand sides and senses of
	// each problem it is given (its terms were checked when prepared).
	good := build("good", false, []Var{v("x", 0, 1)}, []float64{1}, row("r", LE, 1, 1))
	lp, err := (Revised{}).Prepare(good)
	if err != nil {
		t.Fatal(err)
	}
	for what, bad := range map[string]func(q *Problem){
		"bounds": func(q *Problem) { q.Vars[0].Lower = 2 },
		"rhs":    func(q *Problem) { q.Rows[0].RHS = math.NaN() },
		"sense":  func(q *Problem) { q.Rows[0].Sense = 9 },
	} {
		q := good.Clone()
		bad(q)
		if _, err := lp.SolveLP(context.Background(), q, Options{}); !errors.Is(err, ErrBadProblem) {
			t.Errorf("prepared, bad %s: err %v, want ErrBadProblem", what, err)
		}
	}
}

// Integer flags are ignored: the relaxation is solved.
func TestRevisedIgnoresIntegrality(t *testing.T) {
	p := build("relax", true, []Var{iv("x", 0, 10)}, []float64{1}, row("a", LE, 2.5, 1))
	s := revSolve(t, p, Options{})
	if s.Status != Optimal || !closeTo(s.X[0], 2.5, 1e-12) {
		t.Errorf("status %v x %v", s.Status, s.X)
	}
}

// Branch and bound over Revised agrees with GLPK on small random MIPs.
func TestRevisedBranchAndBoundAgainstGLPK(t *testing.T) {
	requireGLPK(t)
	ctx := context.Background()
	for seed := uint64(1); seed <= 6; seed++ {
		p := revRandom(seed, 12, 20, 4, revFeasible)
		for j := range p.Vars {
			if j%2 == 0 && p.Vars[j].Lower == 0 && p.Vars[j].Upper == 1 {
				p.Vars[j].Integer = true
			}
		}
		s, err := Solve(ctx, p, Revised{}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		st, obj, _, err := SolveGLPK(ctx, p)
		if err != nil {
			t.Fatalf("%s: glpsol: %v", p.Name, err)
		}
		if s.Status != st {
			t.Errorf("%s: status %v, glpsol %v", p.Name, s.Status, st)
			continue
		}
		if st == Optimal && !closeTo(s.Objective, obj, 1e-6) {
			t.Errorf("%s: objective %.10g, glpsol %.10g", p.Name, s.Objective, obj)
		}
	}
}

func BenchmarkRevised1000x350(b *testing.B) {
	p := revRandom(9, 350, 1000, 6, revFeasible)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Revised{}.SolveLP(ctx, p, Options{})
		if err != nil || s.Status != Optimal {
			b.Fatalf("%v %v", s, err)
		}
	}
}

// Lexicographic stages over Revised (each warm-started from the last, with
// the hold row added) agree with the same stages over gonum.
func TestRevisedLexicographic(t *testing.T) {
	ctx := context.Background()
	compared := 0
	for seed := uint64(1); seed <= 8; seed++ {
		p := revRandom(seed, 15, 30, 4, revFeasible)
		rng := rand.New(rand.NewPCG(seed, 11))
		var objs []Objective
		for k := 0; k < 3; k++ {
			o := Objective{Name: fmt.Sprintf("o%d", k), Maximize: k%2 == 0}
			for j, v := range p.Vars {
				// Only bounded directions, so that every stage is bounded.
				c := math.Round(rng.NormFloat64()*100) / 100
				if o.Maximize && math.IsInf(v.Upper, 1) || !o.Maximize && math.IsInf(v.Lower, -1) {
					c = -math.Abs(c)
				}
				if o.Maximize && math.IsInf(v.Lower, -1) || !o.Maximize && math.IsInf(v.Upper, 1) {
					c = math.Abs(c)
				}
				if math.IsInf(v.Lower, -1) && math.IsInf(v.Upper, 1) {
					c = 0
				}
				o.Terms = append(o.Terms, Term{Var: j, Coef: c})
			}
			objs = append(objs, o)
		}
		rev, err := Lexicographic(ctx, p, objs, Revised{}, Options{})
		if err != nil {
			t.Fatalf("seed %d: revised: %v", seed, err)
		}
		if rev.Status != Optimal {
			t.Fatalf("seed %d: status %v", seed, rev.Status)
		}
		if err := revVerify(rev.Problem, rev.Solution); err != nil {
			t.Fatalf("seed %d: last stage: %v", seed, err)
		}
		g, err := Lexicographic(ctx, p, objs, Gonum{}, Options{})
		if errors.Is(err, ErrNumerical) {
			t.Logf("seed %d: gonum: %v", seed, err)
			continue
		}
		if err != nil {
			t.Fatalf("seed %d: gonum: %v", seed, err)
		}
		compared++
		for k := range rev.Values {
			if !closeTo(rev.Values[k], g.Values[k], 1e-6) {
				t.Errorf("seed %d stage %d: revised %.10g, gonum %.10g", seed, k+1, rev.Values[k], g.Values[k])
			}
		}
	}
	if compared == 0 {
		t.Error("no seed could be compared with gonum")
	}
}
