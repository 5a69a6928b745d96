package solve

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func checkProblem() *Problem {
	p := build("check", false, []Var{v("x", 0, 10), iv("n", -5, 5), v("f", math.Inf(-1), inf)}, nil,
		row("le", LE, 100, 1, 1), row("ge", GE, -2, 0, 1, 1), row("eq", EQ, 3, 1, 0, -1))
	return p
}

func TestCheck(t *testing.T) {
	p := checkProblem()
	cases := []struct {
		name string
		x    []float64
		want string // substring of the error, "" for none
	}{
		{"feasible", []float64{4, 2, 1}, ""},
		{"within tolerance", []float64{10 + 5e-7, 2, 7 + 5e-7}, ""},
		{"integral within IntTol", []float64{4, 2 + 5e-7, 1}, ""},
		{"lower bound", []float64{-1e-3, 2, -3 - 1e-3}, `lower bound 0 of variable "x"`},
		{"upper bound", []float64{10.01, 2, 7.01}, `upper bound 10 of variable "x"`},
		{"worst of a bound and a row", []float64{10, 95, 7}, `upper bound 5 of variable "n"`},
		{"eq row", []float64{4, 2, 0}, `row "eq" (= 3, activity 4) violated by 1`},
		{"ge row is the worst", []float64{4, -5, 1.5}, `row "ge"`},
		{"integrality", []float64{4, 2.5, 1}, `integrality of variable "n"`},
		{"NaN", []float64{4, 2, math.NaN()}, `value NaN of variable "f"`},
		{"infinite", []float64{4, 2, inf}, `value +Inf of variable "f"`},
		{"count", []float64{-1, 2.5, 0}, "violations in all"},
		{"length", []float64{1, 2}, "2 values for 3 variables"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Check(p, c.x)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrUnverified) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrUnverified naming %s", err, c.want)
			}
		})
	}
}

func TestCheckScalesWithRHS(t *testing.T) {
	p := build("scale", false, []Var{v("x", 0, inf)}, nil, row("big", LE, 1e6, 1), row("small", LE, 1, 0))
	// 0.05 over a right-hand side of 1e6 is within 1e-7 relative...
	if err := Check(p, []float64{1e6 + 0.05}); err != nil {
		t.Error(err)
	}
	// ... 0.5 is not.
	if err := Check(p, []float64{1e6 + 0.5}); err == nil {
		t.Error("a violation of 5e-7 relative passed")
	}
}

// A row whose right-hand side is 0 but whose terms are large (spend =
// sum of cost x FTE, in dollars) is judged against its terms: scaling a
// row by a constant does not change the verdict.
func TestCheckScalesWithTerms(t *testing.T) {
	// spend - 120000 fte = 0, at fte = 10: terms of 1.2e6.
	p := build("terms", false, []Var{v("spend", 0, inf), v("fte", 0, inf)}, nil, row("spend_def", EQ, 0, 1, -120000))
	// 2e-6 off is 1.7e-12 of the terms: round-off.
	if err := Check(p, []float64{1.2e6 + 2e-6, 10}); err != nil {
		t.Error(err)
	}
	// 0.5 off is 4e-7 of them: a wrong answer.
	if err := Check(p, []float64{1.2e6 + 0.5, 10}); err == nil {
		t.Error("a violation of 4e-7 of the row's terms passed")
	}
	// The same row divided by 120000 gives the same verdicts.
	q := build("terms", false, []Var{v("spend", 0, inf), v("fte", 0, inf)}, nil, row("spend_def", EQ, 0, 1.0/120000, -1))
	if err := Check(q, []float64{1.2e6 + 2e-6, 10}); err != nil {
		t.Error(err)
	}
	if err := Check(q, []float64{1.2e6 + 0.5, 10}); err == nil {
		t.Error("the scaled row passed a violation of 4e-7")
	}
}

func TestCheckRelaxation(t *testing.T) {
	p := checkProblem()
	if err := CheckRelaxation(p, []float64{4, 2.5, 1}); err != nil {
		t.Errorf("relaxation check enforced integrality: %v", err)
	}
	if err := CheckRelaxation(p, []float64{4, 2, 0}); !errors.Is(err, ErrUnverified) {
		t.Errorf("relaxation check missed a row: %v", err)
	}
}

// wyndor is max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18, optimal at
// (2, 6) with duals (0, 1.5, 1) and both variables basic.
func wyndor(maximize bool) *Problem {
	c := []float64{3, 5}
	if !maximize {
		c = []float64{-3, -5}
	}
	return build("wyndor", maximize, []Var{v("x", 0, inf), v("y", 0, inf)}, c,
		row("plant1", LE, 4, 1, 0), row("plant2", LE, 12, 0, 2), row("plant3", LE, 18, 3, 2))
}

func TestCheckDuals(t *testing.T) {
	x := []float64{2, 6}
	cases := []struct {
		name     string
		maximize bool
		duals    []float64
		rc       []float64
		want     string
	}{
		{"maximize", true, []float64{0, 1.5, 1}, []float64{0, 0}, ""},
		{"minimize", false, []float64{0, -1.5, -1}, []float64{0, 0}, ""},
		{"duals only", true, []float64{0, 1.5, 1}, nil, ""},
		{"nothing to check", true, nil, nil, ""},
		{"wrong sign", true, []float64{0, 1.5, -1}, nil, "violations in all"},
		{"wrong sense", false, []float64{0, 1.5, 1}, nil, "violations in all"},
		{"slack row with a dual", true, []float64{0.5, 1.5, 1}, nil, `dual of row "plant1"`},
		{"reduced costs not c - Aᵀy", true, []float64{0, 1.5, 1}, []float64{1, 0}, `reduced cost 1 of variable "x"`},
		{"basic variable with a reduced cost", true, nil, []float64{0, 2}, `reduced cost of variable "y"`},
		{"lengths", true, []float64{0, 1}, nil, "2 duals for 3 rows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := wyndor(c.maximize)
			err := CheckDuals(p, &Solution{Status: Optimal, X: x, Duals: c.duals, ReducedCosts: c.rc})
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrUnverified) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrUnverified naming %s", err, c.want)
			}
		})
	}
}

// A variable at a bound may have a reduced cost, of the right sign only.
func TestCheckDualsAtBound(t *testing.T) {
	// max x + y, x in [0, 1], y <= 2: x at its upper bound gains 1 per unit.
	p := build("bound", true, []Var{v("x", 0, 1), v("y", 0, inf)}, []float64{1, 1}, row("y", LE, 2, 0, 1))
	x := []float64{1, 2}
	if err := CheckDuals(p, &Solution{X: x, Duals: []float64{1}, ReducedCosts: []float64{1, 0}}); err != nil {
		t.Error(err)
	}
	// For a minimization of -x - y the same point has reduced cost -1 on x.
	q := build("bound", false, []Var{v("x", 0, 1), v("y", 0, inf)}, []float64{-1, -1}, row("y", LE, 2, 0, 1))
	if err := CheckDuals(q, &Solution{X: x, Duals: []float64{-1}, ReducedCosts: []float64{-1, 0}}); err != nil {
		t.Error(err)
	}
	// At its lower bound x could only increase, and that would gain.
	x0 := []float64{0, 2}
	if err := CheckDuals(p, &Solution{X: x0, Duals: []float64{1}}); !errors.Is(err, ErrUnverified) {
		t.Errorf("err = %v, want the reduced cost of x at its lower bound rejected", err)
	}
}
