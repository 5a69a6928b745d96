package solve

import (
	"math"
	"os"
	"os/exec"
	"testing"
)

var inf = math.Inf(1)

// requireGLPK skips a test that needs glpsol when it is not installed,
// except in CI (CI=true), which installs glpk-utils and must not skip.
func requireGLPK(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("glpsol"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("glpsol not found, and CI must run the GLPK comparisons: %v", err)
		}
		t.Skipf("glpsol not found: %v", err)
	}
}

// closeTo compares objective values relative to max(1, |want|).
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// lpCase is a hand-computed problem and its answer.
type lpCase struct {
	name   string
	p      *Problem
	status Status
	obj    float64
	x      []float64 // checked when set (the optimum is unique)
}

// build makes a problem from a compact description.
func build(name string, maximize bool, vars []Var, obj []float64, rows ...Row) *Problem {
	return &Problem{Name: name, Maximize: maximize, Vars: vars, Obj: obj, Rows: rows}
}

// v is a continuous variable, iv an integer one.
func v(name string, lo, up float64) Var { return Var{Name: name, Lower: lo, Upper: up} }

func iv(name string, lo, up float64) Var { return Var{Name: name, Lower: lo, Upper: up, Integer: true} }

// row is a row with coefs[j] on variable j (zeros left out).
func row(name string, sense Sense, rhs float64, coefs ...float64) Row {
	r := Row{Name: name, Sense: sense, RHS: rhs}
	for j, c := range coefs {
		if c != 0 {
			r.Terms = append(r.Terms, Term{Var: j, Coef: c})
		}
	}
	return r
}
