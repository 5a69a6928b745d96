package solve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// glpkExamplesDir is where Debian's glpk-utils installs GLPK's examples.
const glpkExamplesDir = "/usr/share/doc/glpk-utils/examples"

// glpkExamples are the example models of GLPK solved by TestGLPKExamples:
// every MPS and LP file, and the MathProg models that need no data file,
// are LPs or MIPs (not pure output programs like cal.mod), and take well
// under a second in glpsol and in our branch and bound. Left out:
//   - huge (no end within seconds in glpsol), hashi, life_goe, tiling,
//     trick (seconds in glpsol), tas (30,667 columns), dea (4,830 columns),
//     wolfra6d.mod (the model of wolfra6d.lp);
//   - the MIPs that our plain branch and bound (no presolve, no cuts,
//     most-fractional branching) solves correctly but slowly, or not within
//     its node limit, where glpsol's cuts and heuristics do better:
//     magic and shikaku (about a second each), food2 (5,700 nodes, 3 s), sat (7,700 nodes, 5 s), color, jssp, misp,
//     numbrix, pentomino, planarity (over 20 s), todd (Todd's problem,
//     built to need exponentially many nodes) and tsp (node limit with a
//     gap).
var glpkExamples = []string{
	// MPS files (fixed format), converted to free MPS by glpsol.
	"alloy.mps", "furnace.mps", "icecream.mps", "murtagh.mps", "plan.mps", "samp1.mps", "samp2.mps",
	// CPLEX LP files.
	"plan.lp", "wolfra6d.lp",
	// MathProg LPs.
	"assign.mod", "cf12a.mod", "cf12b.mod", "cflsq.mod", "cpp.mod", "diet.mod", "dist.mod",
	"egypt.mod", "food.mod", "maxflow.mod", "plan.mod", "powpl25h.mod", "powplant.mod", "prod.mod",
	"qfit.mod", "spp.mod", "stigler.mod", "train.mod", "transp.mod", "xyacfs.mod", "yacfs.mod",
	// MathProg MIPs.
	"bpp.mod", "crypto.mod", "fctp.mod", "gap.mod", "graceful.mod", "maxcut.mod", "mfasp.mod",
	"mfvsp.mod", "min01ks.mod", "money.mod", "mvcp.mod", "queens.mod", "shiftcov.mod", "sudoku.mod",
	"toto.mod", "zebra.mod",
}

// Examples with at most gonumMaxCols columns are solved with Gonum too (it
// is dense and slow beyond that), MIPs only up to gonumMaxMIP columns and
// rows (every node is a cold start through lp.Simplex: maxcut's 118 nodes
// take 2 s).
const (
	gonumMaxCols = 60
	gonumMaxMIP  = 30
)

// TestGLPKExamples solves GLPK's own example models, a peer's test set,
// with our branch and bound over Revised (and over Gonum for the small
// ones) and with glpsol, and requires the same status and optimum. glpsol
// converts each model to free MPS (and to an LP file, the only place the
// objective sense survives: GLPK's MPS writer drops it), ReadMPS reads it,
// and glpsol solves the same MPS file.
func TestGLPKExamples(t *testing.T) {
	requireGLPK(t)
	if _, err := os.Stat(glpkExamplesDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("GLPK's examples are missing (glpk-utils installs them): %v", err)
		}
		t.Skipf("GLPK's examples are missing: %v", err)
	}
	dir := t.TempDir()
	for _, name := range glpkExamples {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			src := filepath.Join(glpkExamplesDir, name)
			base := strings.NewReplacer(".", "_").Replace(name)
			mps := filepath.Join(dir, base+".mps")
			lp := filepath.Join(dir, base+".lp")
			var args []string
			switch filepath.Ext(name) {
			case ".mod":
				args = []string{"--check", "-m", src}
			case ".mps":
				args = []string{"--check", "--mps", src}
			case ".lp":
				args = []string{"--check", "--lp", src}
			}
			args = append(args, "--wfreemps", mps, "--wlp", lp)
			if out, err := exec.CommandContext(ctx, "glpsol", args...).CombinedOutput(); err != nil {
				t.Fatalf("glpsol %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			p := readMPSFile(t, mps)
			p.Maximize = lpMaximizes(t, lp)

			want := glpsolMPS(t, ctx, mps, p.Maximize)
			start := time.Now()
			got, err := Solve(ctx, p, Revised{}, Options{})
			if err != nil {
				t.Fatalf("revised: %v", err)
			}
			t.Logf("%d columns, %d rows: glpsol %v %.10g; revised %v %.10g (%d nodes, %d iterations, %v)",
				len(p.Vars), len(p.Rows), want.status, want.obj, got.Status, got.Objective, got.Nodes, got.Iters, time.Since(start).Round(time.Millisecond))
			compareExample(t, "revised", want, got)

			isMIP := slices.ContainsFunc(p.Vars, func(v Var) bool { return v.Integer })
			if len(p.Vars) <= gonumMaxCols && (!isMIP || len(p.Vars) <= gonumMaxMIP && len(p.Rows) <= gonumMaxMIP) {
				start := time.Now()
				got, err := Solve(ctx, p, Gonum{}, Options{})
				if err != nil {
					t.Fatalf("gonum: %v", err)
				}
				t.Logf("gonum: %v %.10g (%d nodes, %v)", got.Status, got.Objective, got.Nodes, time.Since(start).Round(time.Millisecond))
				compareExample(t, "gonum", want, got)
			}

			// The original MPS files are fixed format: read them too,
			// and require the same optimum.
			if filepath.Ext(name) == ".mps" {
				q := readMPSFile(t, src)
				if len(q.Vars) != len(p.Vars) || len(q.Rows) != len(p.Rows) {
					t.Fatalf("fixed MPS: %d columns and %d rows, free MPS %d and %d", len(q.Vars), len(q.Rows), len(p.Vars), len(p.Rows))
				}
				got, err := Solve(ctx, q, Revised{}, Options{})
				if err != nil {
					t.Fatalf("fixed MPS: %v", err)
				}
				compareExample(t, "fixed MPS", want, got)
			}
		})
	}
}

func readMPSFile(t *testing.T, path string) *Problem {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadMPS(f)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return p
}

// lpMaximizes reads the objective sense off an LP file glpsol wrote.
func lpMaximizes(t *testing.T, path string) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		switch strings.TrimSpace(line) {
		case "Maximize":
			return true
		case "Minimize":
			return false
		}
	}
	t.Fatalf("%s: no Minimize or Maximize line", filepath.Base(path))
	return false
}

type glpsolAnswer struct {
	status Status
	obj    float64
}

// glpsolMPS solves a free MPS file with glpsol and reads the status and
// objective off its solution file.
func glpsolMPS(t *testing.T, ctx context.Context, mps string, maximize bool) glpsolAnswer {
	t.Helper()
	sol := mps + ".sol"
	args := []string{"--freemps", mps, "--nopresol", "-w", sol}
	if maximize {
		args = append(args, "--max")
	}
	out, err := exec.CommandContext(ctx, "glpsol", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("glpsol %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	data, err := os.ReadFile(sol)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 || f[0] != "s" {
			continue
		}
		obj, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("glpsol solution line %q: %v", line, err)
		}
		switch {
		case f[1] == "bas" && len(f) == 7 && f[4] == "f" && f[5] == "f", f[1] == "mip" && f[4] == "o":
			return glpsolAnswer{Optimal, obj}
		case f[1] == "bas" && len(f) == 7 && f[4] == "n", f[1] == "mip" && f[4] == "n":
			return glpsolAnswer{status: Infeasible}
		case f[1] == "bas" && len(f) == 7 && f[4] == "f" && f[5] == "n":
			return glpsolAnswer{status: Unbounded}
		}
		t.Fatalf("glpsol solution line %q: unexpected status", line)
	}
	t.Fatalf("glpsol wrote no solution line\n%s", out)
	return glpsolAnswer{}
}

// compareExample requires the same status and, at an optimum, the same
// objective to 1e-6 relative (to max(1, |glpsol's|)).
func compareExample(t *testing.T, who string, want glpsolAnswer, got *Solution) {
	t.Helper()
	if got.Status != want.status {
		t.Errorf("%s: status %v, glpsol %v", who, got.Status, want.status)
		return
	}
	if want.status == Optimal && !closeTo(got.Objective, want.obj, 1e-6) {
		t.Errorf("%s: objective %.12g, glpsol %.12g", who, got.Objective, want.obj)
	}
}

// TestReadMPS reads a small free MPS file with every kind of bound, a
// range on each kind of row, an objective constant and OBJSENSE, and the
// same model in fixed format.
func TestReadMPS(t *testing.T) {
	const free = `* a comment
NAME demo
OBJSENSE
    MAX
ROWS
 N obj
 L lim
 G low
 E eq
 E eqneg
 N spare
COLUMNS
 a obj 1 lim 1
 a low 2 spare 7
 M1 'MARKER' 'INTORG'
 b obj 2 lim 1
 b eq 1
 M2 'MARKER' 'INTEND'
 c obj -1 eq 1
 c eqneg 1
 d obj 1 low 1
 e eqneg 1 lim 0
 f obj 3
 g obj 1
 h lim 1
RHS
 RHS obj -5 lim 10
 RHS low 1 eq 4
 RHS eqneg 2
RANGES
 RNG lim 4 low 3
 RNG eq 2 eqneg -1
BOUNDS
 UP BND a 3
 MI BND c
 UP BND c 8
 FR BND d
 BV BND e
 LI BND f -2
 UI BND f 2
 FX BND g 1.5
 UP BND h -1
ENDATA
`
	p, err := ReadMPS(strings.NewReader(free))
	if err != nil {
		t.Fatal(err)
	}
	want := &Problem{
		Name: "demo", Maximize: true, ObjConst: 5,
		Vars: []Var{
			{Name: "a", Lower: 0, Upper: 3},
			{Name: "b", Lower: 0, Upper: 1, Integer: true},
			{Name: "c", Lower: math.Inf(-1), Upper: 8},
			{Name: "d", Lower: math.Inf(-1), Upper: inf},
			{Name: "e", Lower: 0, Upper: 1, Integer: true},
			{Name: "f", Lower: -2, Upper: 2, Integer: true},
			{Name: "g", Lower: 1.5, Upper: 1.5},
			{Name: "h", Lower: math.Inf(-1), Upper: -1},
		},
		Obj: []float64{1, 2, -1, 1, 0, 3, 1, 0},
		Rows: []Row{
			{Name: "lim[lo]", Terms: []Term{{0, 1}, {1, 1}, {7, 1}}, Sense: GE, RHS: 6},
			{Name: "lim[up]", Terms: []Term{{0, 1}, {1, 1}, {7, 1}}, Sense: LE, RHS: 10},
			{Name: "low[lo]", Terms: []Term{{0, 2}, {3, 1}}, Sense: GE, RHS: 1},
			{Name: "low[up]", Terms: []Term{{0, 2}, {3, 1}}, Sense: LE, RHS: 4},
			{Name: "eq[lo]", Terms: []Term{{1, 1}, {2, 1}}, Sense: GE, RHS: 4},
			{Name: "eq[up]", Terms: []Term{{1, 1}, {2, 1}}, Sense: LE, RHS: 6},
			{Name: "eqneg[lo]", Terms: []Term{{2, 1}, {4, 1}}, Sense: GE, RHS: 1},
			{Name: "eqneg[up]", Terms: []Term{{2, 1}, {4, 1}}, Sense: LE, RHS: 2},
		},
	}
	if got, exp := fmt.Sprintf("%+v", p), fmt.Sprintf("%+v", want); got != exp {
		t.Errorf("read\n%s\nwant\n%s", got, exp)
	}

	// Fixed format, as glpsol --wmps writes it, with an unranged row.
	const fixed = `NAME          FIX
ROWS
 N  cost
 G  need
COLUMNS
    x         cost                 2   need                 1
    y         cost                 3   need                 1
RHS
    RHS1      need                 4
BOUNDS
 UP BND1      x                    3
ENDATA
`
	q, err := ReadMPS(strings.NewReader(fixed))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Solve(context.Background(), q, Revised{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal || !closeTo(s.Objective, 9, 1e-9) || len(q.Rows) != 1 || q.Rows[0].Sense != GE {
		t.Errorf("fixed: %d rows, %v %g, want one row, optimal 9", len(q.Rows), s.Status, s.Objective)
	}

	for _, bad := range []string{
		"ROWS\n N obj\nCOLUMNS\n x obj 1\n",                                       // no ENDATA
		"ROWS\n L c\nCOLUMNS\n x c 1\nENDATA\n",                                   // no objective
		"ROWS\n N obj\nCOLUMNS\n x nowhere 1\nENDATA\n",                           // unknown row
		"ROWS\n N obj\nCOLUMNS\n x obj 1\nBOUNDS\n XX B x 1\nENDATA\n",            // unknown bound
		"ROWS\n N obj\nCOLUMNS\n x obj 1\nBOUNDS\n UP B y 1\nENDATA\n",            // unknown column
		"ROWS\n N obj\nCOLUMNS\n x obj one\nENDATA\n",                             // bad number
		"ROWS\n N obj\nCOLUMNS\n x obj 1\nSOS\n S1 SOS s1 1\nENDATA\n",            // unsupported
		"ROWS\n N obj\n L c\nCOLUMNS\n x c 1 c 2\nENDATA\n",                       // twice
		"ROWS\n N obj\nCOLUMNS\n x obj 1\nBOUNDS\n LO B x 2\n UP B x 1\nENDATA\n", // lower > upper
	} {
		if _, err := ReadMPS(strings.NewReader(bad)); !errors.Is(err, ErrBadProblem) {
			t.Errorf("ReadMPS(%q): %v, want ErrBadProblem", bad, err)
		}
	}
}
