package solve

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenProblem has a bit of everything WriteLP deals with: names to map
// (and to make unique), every kind of bound, integers with fractional
// bounds, a long row, repeated and zero terms, an empty row, numbers that
// need an exponent, and an objective constant.
func goldenProblem() *Problem {
	ninf := math.Inf(-1)
	p := &Problem{Name: "golden [test]\tproblem", Maximize: true, ObjConst: 12.5}
	p.Vars = []Var{
		v("L[comp_admin,north_america,2027-Q1]", 0, inf),
		v("C[comp_admin,north_america,2027-Q1]", 0, 40),
		v("cover[cpq,emea,2027-Q1]", 0.25, 1),
		v("a-b", ninf, inf),
		v("a_b", ninf, 7.5),
		v("2x", -3, inf),
		v("e12", 2, 2),
		v("", 0, inf),
		v("Zürich: x+y", 0, inf),
		iv("y[invest,2027-Q1]", 0, 1),
		iv("n", 0.5, 9.7),
	}
	p.Obj = []float64{-1.5, -2, 3e5, 0, 1, -1, 0, 0, 0, -25000, 0.1}
	p.Rows = []Row{
		{Name: "cap[comp_admin,north_america,2027-Q1]", Sense: GE, RHS: 0, Terms: []Term{
			{0, 0.8}, {1, 0.9}, {2, -12.345678901234567}, {3, 1e-7}, {4, 1e21}, {9, 3}, {10, -1}, {5, 2}, {0, 0.2}}},
		{Name: "budget[2027-Q1]", Sense: LE, RHS: 6.2e6, Terms: []Term{{0, 150000}, {1, 120000}, {9, 2.5e6}}},
		{Name: "hold", Sense: EQ, RHS: -4, Terms: []Term{{3, 1}, {4, -1}, {6, 0}}},
		{Name: "nothing", Sense: LE, RHS: 3},
		{Name: "", Sense: GE, RHS: -1, Terms: []Term{{7, 1}, {8, -1}}},
	}
	return p
}

func TestWriteLPGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteLP(&buf, goldenProblem()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden.lp")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("WriteLP output differs from %s (run go test -update to accept):\n%s", path, buf.Bytes())
	}
	var again bytes.Buffer
	if err := WriteLP(&again, goldenProblem()); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("a second write differs (err %v)", err)
	}
}

// GLPK reads the golden problem as meant: it finds Gonum's optimum.
func TestGLPKReadsGolden(t *testing.T) {
	requireGLPK(t)
	p := goldenProblem()
	st, obj, x, err := SolveGLPK(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Solve(context.Background(), p, Gonum{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st != s.Status || !closeTo(obj, s.Objective, 1e-9) {
		t.Fatalf("glpsol: %v %.12g; ours: %v %.12g", st, obj, s.Status, s.Objective)
	}
	if err := Check(p, x); err != nil {
		t.Errorf("glpsol's point: %v", err)
	}
}

func TestLegalLPName(t *testing.T) {
	for in, want := range map[string]string{
		"L[comp_admin,north_america,2027-Q1]": "L(comp_admin,north_america,2027_Q1)",
		"cover[cpq,emea,2027-Q1]":             "cover(cpq,emea,2027_Q1)",
		"a b:c+d*e<f>g=h^i\\j":                "a_b_c_d_e_f_g_h_i_j",
		`ok!"#$%&()/,.;?@_` + "`'{}|~":        `ok!"#$%&()/,.;?@_` + "`'{}|~",
		"Zürich":                              "Z_rich",
		"2027":                                "_2027",
		".5":                                  "_.5",
		"e1":                                  "_e1",
		"E":                                   "_E",
		"eq":                                  "eq",
		"":                                    "",
		strings.Repeat("x", 300):              strings.Repeat("x", lpNameMax),
	} {
		if got := legalLPName(in); got != want {
			t.Errorf("legalLPName(%q) = %q, want %q", in, got, want)
		}
	}
}

// Long names that collide once truncated stay unique and within 255
// characters, and lines stay within 255 characters even with the longest
// numbers; GLPK reads such names.
func TestWriteLPLongNames(t *testing.T) {
	long := strings.Repeat("region_with_a_long_name,", 20)
	// longest says whether to use the longest numbers strconv prints
	// (which GLPK's scaling does not survive) or ordinary ones.
	problem := func(longest bool) *Problem {
		lo, up, c, a, rhs := -1.0, 10.0, -1.5, -2.0, -7.0
		if longest {
			lo, up, c, a, rhs = -1.2345678901234567e-300, -2.2250738585072014e-308, -1.2345678901234567e-300, -2.2250738585072014e-308, -1.7976931348623157e308
		}
		p := &Problem{Name: "long"}
		for j := range 12 {
			p.AddVar(long+string(rune('a'+j)), lo, up)
			p.SetObj(j, c)
		}
		p.SetObj(0, 1)
		var terms []Term
		for j := range 12 {
			terms = append(terms, Term{Var: j, Coef: a})
		}
		p.AddRow(long, terms, GE, rhs)
		p.AddRow(long+"x", []Term{{0, 1}}, GE, 1)
		return p
	}
	p := problem(true)
	var buf bytes.Buffer
	if err := WriteLP(&buf, p); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(buf.String(), "\n") {
		if len(line) > 255 {
			t.Errorf("line %d has %d characters", i+1, len(line))
		}
	}
	names := newLPNames(p)
	// Rows and columns are separate name spaces.
	for _, ns := range [][]string{names.vars, names.rows} {
		seen := map[string]bool{}
		for _, n := range ns {
			if len(n) > 255 || seen[n] {
				t.Errorf("name %q too long or repeated", n)
			}
			seen[n] = true
		}
	}
	if names.vars[0] == names.vars[1] || !strings.HasSuffix(names.vars[1], "~2") {
		t.Errorf("truncated names %q and %q", names.vars[0], names.vars[1])
	}
	if _, err := exec.LookPath("glpsol"); err == nil || os.Getenv("CI") == "true" {
		// min x0 - 1.5 Σ others, x0 >= 1, all in [-1, 10], -2 Σ x >= -7.
		p := problem(false)
		st, obj, _, err := SolveGLPK(context.Background(), p)
		s, gerr := Gonum{}.SolveLP(context.Background(), p, Options{})
		if err != nil || gerr != nil || st != Optimal || !closeTo(obj, s.Objective, 1e-9) {
			t.Errorf("glpsol: %v %v %v; gonum %v %v", st, obj, err, s, gerr)
		}
	}
}

// Problems without rows or variables still make files GLPK reads.
func TestWriteLPDegenerateProblems(t *testing.T) {
	noRows := build("norows", false, []Var{v("x", 3, 5)}, []float64{2})
	noVars := &Problem{Name: "novars", ObjConst: -4}
	for _, c := range []struct {
		p    *Problem
		want string
		obj  float64
	}{
		{noRows, " empty: 0 x >= 0\n", 6},
		{noVars, " obj: - 4 obj_const\n", -4},
	} {
		var buf bytes.Buffer
		if err := WriteLP(&buf, c.p); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("%s: no %q in\n%s", c.p.Name, c.want, buf.String())
		}
		if _, err := exec.LookPath("glpsol"); err == nil || os.Getenv("CI") == "true" {
			st, obj, _, err := SolveGLPK(context.Background(), c.p)
			if err != nil || st != Optimal || obj != c.obj {
				t.Errorf("%s: glpsol: %v %v %v, want optimal %v", c.p.Name, st, obj, err, c.obj)
			}
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteLPErrors(t *testing.T) {
	if err := WriteLP(failingWriter{}, goldenProblem()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error: %v", err)
	}
	bad := build("bad", false, []Var{v("x", 0, 1)}, []float64{math.NaN()})
	if err := WriteLP(&bytes.Buffer{}, bad); !errors.Is(err, ErrBadProblem) {
		t.Errorf("bad problem: %v", err)
	}
}
