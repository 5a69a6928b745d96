package simplex

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// The classic: max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18, x, y >= 0,
// with optimum (2, 6), value 36, shadow prices (0, 3/2, 1).
func TestSmallKnownOptimum(t *testing.T) {
	p := dense([]float64{-3, -5},
		[][]float64{{1, 0}, {0, 2}, {3, 2}},
		fill(3, -inf), []float64{4, 12, 18},
		fill(2, 0), fill(2, inf))
	for _, m := range []Method{Auto, Primal, Dual} {
		for _, noScale := range []bool{false, true} {
			r := mustSolve(t, p, &Options{Method: m, NoScale: noScale})
			if err := verifyOptimal(p, r); err != nil {
				t.Fatalf("method %d: %v", m, err)
			}
			want := []float64{2, 6}
			for j := range want {
				if !near(r.X[j], want[j], 1e-12) {
					t.Errorf("x = %v, want %v", r.X, want)
				}
			}
			if !near(r.Obj, -36, 1e-12) {
				t.Errorf("obj = %g, want -36", r.Obj)
			}
			wantY := []float64{0, -1.5, -1}
			for i := range wantY {
				if !near(r.Duals[i], wantY[i], 1e-12) {
					t.Errorf("duals = %v, want %v", r.Duals, wantY)
				}
			}
			for j := range r.RedCosts {
				if math.Abs(r.RedCosts[j]) > 1e-12 {
					t.Errorf("reduced costs = %v, want 0", r.RedCosts)
				}
			}
			if r.Basis.Rows[0] != Basic || r.Basis.Cols[0] != Basic || r.Basis.Cols[1] != Basic {
				t.Errorf("basis = %+v", r.Basis)
			}
		}
	}
}

// Reduced costs of nonbasic columns and bounded variables:
// min x + 2y + 3z s.t. x + y + z >= 2, x <= 1 (bound), y in [0, 5], z >= 0.
// Optimum x = 1, y = 1, z = 0; dual y1 = 2; d_x = 1 - 2 = -1 (at upper),
// d_z = 3 - 2 = 1 (at lower).
func TestReducedCostsAndBounds(t *testing.T) {
	p := dense([]float64{1, 2, 3},
		[][]float64{{1, 1, 1}},
		[]float64{2}, []float64{inf},
		[]float64{0, 0, 0}, []float64{1, 5, inf})
	r := mustSolve(t, p, nil)
	if err := verifyOptimal(p, r); err != nil {
		t.Fatal(err)
	}
	if !near(r.Obj, 3, 1e-12) || !near(r.Duals[0], 2, 1e-12) {
		t.Errorf("obj %g duals %v", r.Obj, r.Duals)
	}
	wantD := []float64{-1, 0, 1}
	for j := range wantD {
		if !near(r.RedCosts[j], wantD[j], 1e-12) {
			t.Errorf("reduced costs %v, want %v", r.RedCosts, wantD)
		}
	}
	if r.Basis.Cols[0] != AtUpper || r.Basis.Cols[1] != Basic || r.Basis.Cols[2] != AtLower || r.Basis.Rows[0] != AtLower {
		t.Errorf("basis %+v", r.Basis)
	}
}

// Equality rows, a free variable and a fixed one:
// min x - y  s.t.  x + y = 4,  x - y + z = 0,  y free, z fixed at 2, x >= 0.
// From the rows y = 2 + ... : x + y = 4 and x - y = -2 give x = 1, y = 3.
func TestEqualityFreeFixed(t *testing.T) {
	p := dense([]float64{1, -1, 5},
		[][]float64{{1, 1, 0}, {1, -1, 1}},
		[]float64{4, 0}, []float64{4, 0},
		[]float64{0, -inf, 2}, []float64{inf, inf, 2})
	r := mustSolve(t, p, nil)
	if err := verifyOptimal(p, r); err != nil {
		t.Fatal(err)
	}
	if !near(r.X[0], 1, 1e-12) || !near(r.X[1], 3, 1e-12) || r.X[2] != 2 {
		t.Errorf("x = %v", r.X)
	}
	if !near(r.Obj, 1-3+10, 1e-12) {
		t.Errorf("obj = %g", r.Obj)
	}
}

// Beale's (1955) example cycles under Dantzig's rule with the textbook
// tie-break; the perturbation (or Bland fallback) must get through it.
// Optimum -1/20 at x4 = 1/25, x6 = 1.
func TestBealeCycling(t *testing.T) {
	p := dense([]float64{-0.75, 150, -0.02, 6},
		[][]float64{
			{0.25, -60, -0.04, 9},
			{0.5, -90, -0.02, 3},
			{0, 0, 1, 0},
		},
		fill(3, -inf), []float64{0, 0, 1},
		fill(4, 0), fill(4, inf))
	for _, m := range []Method{Auto, Primal} {
		for _, noScale := range []bool{false, true} {
			r := mustSolve(t, p, &Options{Method: m, NoScale: noScale})
			if err := verifyOptimal(p, r); err != nil {
				t.Fatal(err)
			}
			if !near(r.Obj, -0.05, 1e-12) || !near(r.X[0], 0.04, 1e-12) || !near(r.X[2], 1, 1e-12) {
				t.Errorf("obj %g x %v", r.Obj, r.X)
			}
		}
	}
}

// Heavily degenerate: many rows through the same vertex.
func TestDegenerate(t *testing.T) {
	// max sum x s.t. x_i + x_j <= 1 for all pairs, 0 <= x: optimum 1 at many
	// vertices (all pairwise rows tight at the origin: degenerate start).
	const n = 12
	var a [][]float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			row := make([]float64, n)
			row[i], row[j] = 1, 1
			a = append(a, row)
		}
	}
	// Plus rows tight at zero: x_i - x_j <= 0 cycles the ordering.
	for i := 0; i < n; i++ {
		row := make([]float64, n)
		row[i], row[(i+1)%n] = 1, -1
		a = append(a, row)
	}
	m := len(a)
	rowUp := fill(m, 1)
	for i := m - n; i < m; i++ {
		rowUp[i] = 0
	}
	p := dense(fill(n, -1), a, fill(m, -inf), rowUp, fill(n, 0), fill(n, inf))
	for _, meth := range []Method{Auto, Primal} {
		r := mustSolve(t, p, &Options{Method: meth})
		if err := verifyOptimal(p, r); err != nil {
			t.Fatal(err)
		}
		// All x equal (the cyclic rows), 2x <= 1: x = 1/2, sum n/2.
		if !near(r.Obj, -n/2.0, 1e-9) {
			t.Errorf("obj %g, want %g", r.Obj, -n/2.0)
		}
	}
}

func TestInfeasible(t *testing.T) {
	// x + y >= 3 with x, y in [0, 1].
	p := dense([]float64{1, 1}, [][]float64{{1, 1}}, []float64{3}, []float64{inf}, fill(2, 0), fill(2, 1))
	for _, m := range []Method{Auto, Primal, Dual} {
		r := mustSolve(t, p, &Options{Method: m})
		if r.Status != Infeasible {
			t.Errorf("method %d: status %v, want infeasible", m, r.Status)
		}
	}
	// Contradictory rows: x - y >= 1 and y - x >= 1 with free x, y.
	p = dense([]float64{0, 0}, [][]float64{{1, -1}, {-1, 1}}, []float64{1, 1}, fill(2, inf), fill(2, -inf), fill(2, inf))
	if r := mustSolve(t, p, nil); r.Status != Infeasible {
		t.Errorf("status %v, want infeasible", r.Status)
	}
	// Infeasible equality system.
	p = dense([]float64{1, 0}, [][]float64{{1, 1}, {2, 2}}, []float64{1, 3}, []float64{1, 3}, fill(2, 0), fill(2, inf))
	if r := mustSolve(t, p, nil); r.Status != Infeasible {
		t.Errorf("status %v, want infeasible", r.Status)
	}
}

func TestUnbounded(t *testing.T) {
	// min -x - y s.t. x - y <= 1, x, y >= 0.
	p := dense([]float64{-1, -1}, [][]float64{{1, -1}}, []float64{-inf}, []float64{1}, fill(2, 0), fill(2, inf))
	if r := mustSolve(t, p, nil); r.Status != Unbounded {
		t.Errorf("status %v, want unbounded", r.Status)
	}
	// A free variable with a cost and no rows.
	p = dense([]float64{1}, nil, nil, nil, []float64{-inf}, []float64{inf})
	if r := mustSolve(t, p, nil); r.Status != Unbounded {
		t.Errorf("status %v, want unbounded", r.Status)
	}
}

func TestEmptyAndTrivial(t *testing.T) {
	// No rows: each variable at its cheaper bound.
	p := dense([]float64{1, -1, 0}, nil, nil, nil, []float64{-1, -2, -inf}, []float64{1, 2, inf})
	r := mustSolve(t, p, nil)
	if err := verifyOptimal(p, r); err != nil {
		t.Fatal(err)
	}
	if r.X[0] != -1 || r.X[1] != 2 || r.X[2] != 0 || r.Obj != -3 {
		t.Errorf("x %v obj %g", r.X, r.Obj)
	}
	// No columns: feasible iff every row admits zero.
	p = dense(nil, [][]float64{{}, {}}, []float64{-1, 0}, []float64{1, 0}, nil, nil)
	if r := mustSolve(t, p, nil); r.Status != Optimal {
		t.Errorf("status %v", r.Status)
	}
	p = dense(nil, [][]float64{{}}, []float64{1}, []float64{2}, nil, nil)
	if r := mustSolve(t, p, nil); r.Status != Infeasible {
		t.Errorf("status %v", r.Status)
	}
}

func TestBadProblem(t *testing.T) {
	good := func() *Problem {
		return dense([]float64{1}, [][]float64{{1}}, []float64{0}, []float64{1}, []float64{0}, []float64{1})
	}
	cases := map[string]func(p *Problem){
		"nan cost":      func(p *Problem) { p.Obj[0] = math.NaN() },
		"lo > up":       func(p *Problem) { p.ColLo[0] = 2 },
		"row lo = +inf": func(p *Problem) { p.RowLo[0] = inf },
		"bad index":     func(p *Problem) { p.RowIndex[0] = 3 },
		"inf value":     func(p *Problem) { p.Value[0] = inf },
		"short bounds":  func(p *Problem) { p.RowUp = nil },
	}
	for name, mutate := range cases {
		p := good()
		mutate(p)
		if _, err := Solve(context.Background(), p, nil); !errors.Is(err, ErrBadProblem) {
			t.Errorf("%s: err %v, want ErrBadProblem", name, err)
		}
	}
}

func TestDuplicateEntriesSummed(t *testing.T) {
	// Column 0 lists row 0 twice (1 + 1 = 2): min -x s.t. 2x <= 4.
	p := &Problem{NumRows: 1, ColStart: []int{0, 2}, RowIndex: []int{0, 0}, Value: []float64{1, 1},
		Obj: []float64{-1}, ColLo: []float64{0}, ColUp: []float64{inf}, RowLo: []float64{-inf}, RowUp: []float64{4}}
	r := mustSolve(t, p, nil)
	if r.Status != Optimal || !near(r.X[0], 2, 1e-12) {
		t.Errorf("status %v x %v", r.Status, r.X)
	}
}

// accurate is what decides whether a scaled solve needs polishing.
func TestAccurate(t *testing.T) {
	p := dense([]float64{1, -1}, [][]float64{{1, 1}}, []float64{-inf}, []float64{1e6}, []float64{0, 0}, []float64{inf, 5})
	r := mustSolve(t, p, nil)
	if !accurate(p, r) {
		t.Fatalf("optimal result judged inaccurate: %+v", r)
	}
	bad := *r
	bad.RowAct = []float64{1e6 * (1 + 1e-7)} // beyond ResultTol relative to the rhs
	if accurate(p, &bad) {
		t.Error("row violation not detected")
	}
	bad = *r
	bad.X = []float64{-1e-7, r.X[1]}
	if accurate(p, &bad) {
		t.Error("bound violation not detected")
	}
	bad = *r
	bad.RedCosts = []float64{-1e-6, 0} // x0 at its lower bound with a negative reduced cost
	if accurate(p, &bad) {
		t.Error("dual infeasibility not detected")
	}
}

// assignment is the n x n assignment LP with small integer costs: massively
// degenerate (n of its 2n-1 basic variables are zero) with many ties.
func assignment(seed uint64, n int) *Problem {
	rng := rand.New(rand.NewPCG(seed, 1))
	p := &Problem{NumRows: 2 * n, ColStart: []int{0}}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p.RowIndex = append(p.RowIndex, i, n+j)
			p.Value = append(p.Value, 1, 1)
			p.ColStart = append(p.ColStart, len(p.RowIndex))
			p.Obj = append(p.Obj, float64(rng.IntN(5)))
			p.ColLo = append(p.ColLo, 0)
			p.ColUp = append(p.ColUp, inf)
		}
	}
	p.RowLo, p.RowUp = fill(2*n, 1), fill(2*n, 1)
	return p
}

// coneLP has every row through the origin, where the all-slack start sits:
// the primal simplex starts (and stays a long time) at a degenerate vertex.
func coneLP(seed uint64, m, n int) *Problem {
	rng := rand.New(rand.NewPCG(seed, 2))
	p := &Problem{NumRows: m, ColStart: []int{0}}
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			if rng.IntN(10) < 3 {
				p.RowIndex = append(p.RowIndex, i)
				p.Value = append(p.Value, float64(rng.IntN(7)-3))
			}
		}
		p.ColStart = append(p.ColStart, len(p.RowIndex))
		p.Obj = append(p.Obj, -float64(1+rng.IntN(3)))
		p.ColLo = append(p.ColLo, 0)
		p.ColUp = append(p.ColUp, 1)
	}
	p.RowLo, p.RowUp = fill(m, -inf), fill(m, 0)
	return p
}

// solveWith runs the solver with anti-cycling limits of the test's choice,
// and reports how often it perturbed.
func solveWith(t *testing.T, p *Problem, opt Options, stall, bland int, perturb bool) (*Result, int) {
	t.Helper()
	s := newSolver(context.Background(), p, opt)
	s.stallLimit, s.blandLimit, s.allowPerturb = stall, bland, perturb
	s.setBasis(nil)
	st, err := s.run()
	if err != nil {
		t.Fatal(err)
	}
	return s.result(p, st), s.perturbations
}

// The anti-cycling machinery is exercised and leaves correct answers:
// cost perturbation in the dual (assignment problems), bound perturbation
// in the primal (a cone), and Bland's rule with perturbation disabled.
func TestAntiCycling(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		p := assignment(seed, 25)
		want := mustSolve(t, p, &Options{Method: Primal}).Obj
		r, pert := solveWith(t, p, Options{}, StallLimit, BlandLimit, true)
		if err := verifyOptimal(p, r); err != nil || !near(r.Obj, want, 1e-9) {
			t.Fatalf("assignment %d: %v, objective %g want %g", seed, err, r.Obj, want)
		}
		if pert == 0 {
			t.Errorf("assignment %d: the dual never perturbed its costs", seed)
		}

		p = coneLP(seed, 150, 80)
		r, pert = solveWith(t, p, Options{Method: Primal}, StallLimit, BlandLimit, true)
		if err := verifyOptimal(p, r); err != nil || r.Obj != 0 {
			t.Fatalf("cone %d: %v, objective %g want 0", seed, err, r.Obj)
		}
		if pert == 0 {
			t.Errorf("cone %d: the primal never perturbed its bounds", seed)
		}
		// Bland's rule alone, switched on early.
		p = coneLP(seed, 60, 40)
		r, pert = solveWith(t, p, Options{Method: Primal}, StallLimit, 5, false)
		if err := verifyOptimal(p, r); err != nil || r.Obj != 0 || pert != 0 {
			t.Fatalf("cone %d with Bland's rule: %v, objective %g, %d perturbations", seed, err, r.Obj, pert)
		}
		q := assignment(seed, 12)
		r, _ = solveWith(t, q, Options{Method: Primal}, StallLimit, 3, false)
		if err := verifyOptimal(q, r); err != nil {
			t.Fatalf("assignment %d with Bland's rule: %v", seed, err)
		}
	}
}
