package solve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrNoGLPK: glpsol (Debian's glpk-utils) is not on PATH.
var ErrNoGLPK = errors.New("solve: glpsol (GLPK) not found")

// SolveGLPK solves p with GLPK's glpsol, as an independent check of the
// project's own solvers: it writes p with WriteLP to a temporary file, runs
// glpsol on it (without LP presolver, so that infeasible and unbounded LPs
// get a definite status; integer variables make it a MIP with a zero gap)
// and reads glpsol's plain-text solution. x, indexed like p.Vars, is set
// only when the status is Optimal; objective is in the problem's sense
// including ObjConst.
func SolveGLPK(ctx context.Context, p *Problem) (status Status, objective float64, x []float64, err error) {
	if err := p.Validate(); err != nil {
		return 0, 0, nil, err
	}
	isMIP := false
	for _, v := range p.Vars {
		isMIP = isMIP || v.Integer
		if lo, up := integerRange(v); v.Integer && lo > up {
			// No integer within the bounds: glpsol would reject the
			// bounds rather than call the problem infeasible.
			return Infeasible, 0, nil, nil
		}
	}
	bin, err := exec.LookPath("glpsol")
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%w: %v", ErrNoGLPK, err)
	}
	dir, err := os.MkdirTemp("", "cardio-glpk-")
	if err != nil {
		return 0, 0, nil, err
	}
	defer os.RemoveAll(dir)
	model := filepath.Join(dir, "model.lp")
	if err := writeLPFile(model, p); err != nil {
		return 0, 0, nil, err
	}

	run, err := runGLPSol(ctx, bin, dir, model, false)
	if err != nil {
		return 0, 0, nil, err
	}
	switch {
	case !isMIP && run.kind == "bas" && run.prim == "f" && run.dual == "f":
		status = Optimal
	case !isMIP && run.kind == "bas" && run.prim == "n":
		return Infeasible, 0, nil, nil
	case !isMIP && run.kind == "bas" && run.prim == "f" && run.dual == "n":
		return Unbounded, 0, nil, nil
	case isMIP && run.kind == "mip" && run.prim == "o":
		status = Optimal
	case isMIP && run.kind == "mip" && run.prim == "n":
		return Infeasible, 0, nil, nil
	case isMIP && run.kind == "mip" && run.prim == "u":
		// No MIP search took place: the relaxation is infeasible or
		// unbounded. The relaxation's own status says which.
		lpRun, err := runGLPSol(ctx, bin, dir, model, true)
		if err != nil {
			return 0, 0, nil, err
		}
		switch {
		case lpRun.prim == "n":
			return Infeasible, 0, nil, nil
		case lpRun.prim == "f" && lpRun.dual == "n":
			return Unbounded, 0, nil, nil
		}
		return 0, 0, nil, fmt.Errorf("glpsol: MIP status undefined and LP relaxation status %s/%s", lpRun.prim, lpRun.dual)
	default:
		return 0, 0, nil, fmt.Errorf("glpsol: unexpected solution status %q %s/%s", run.kind, run.prim, run.dual)
	}

	names := newLPNames(p)
	x = make([]float64, len(p.Vars))
	found := make([]bool, len(p.Vars))
	index := make(map[string]int, len(p.Vars))
	for j, n := range names.vars {
		index[n] = j
	}
	for col, name := range run.colNames {
		if j, ok := index[name]; ok {
			x[j] = run.colValues[col]
			found[j] = true
		}
	}
	for j, ok := range found {
		if !ok {
			return 0, 0, nil, fmt.Errorf("glpsol: no value for variable %q (%s)", p.Vars[j].Name, names.vars[j])
		}
	}
	return status, run.objective, x, nil
}

// writeLPFile writes p with WriteLP to path.
func writeLPFile(path string, p *Problem) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteLP(f, p); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// glpRun is what one glpsol run reports.
type glpRun struct {
	kind       string // "bas" (simplex) or "mip"
	prim, dual string // status letters; for "mip" prim holds the MIP status
	objective  float64
	colNames   map[int]string  // column number -> name, from --wglp
	colValues  map[int]float64 // column number -> primal value
}

// runGLPSol runs glpsol on model, as an LP when relax is set, and parses
// the problem it read (--wglp, which maps column numbers to names) and the
// solution it wrote (-w).
func runGLPSol(ctx context.Context, bin, dir, model string, relax bool) (*glpRun, error) {
	probFile := filepath.Join(dir, "problem.glp")
	solFile := filepath.Join(dir, "solution.txt")
	args := []string{"--lp", model, "--nopresol", "--wglp", probFile, "-w", solFile}
	if relax {
		args = append(args, "--nomip")
	}
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("glpsol: %v\n%s", err, out)
	}
	run := &glpRun{colNames: make(map[int]string), colValues: make(map[int]float64)}
	if err := scanGLPK(probFile, func(f []string) error {
		// "n j <col> <name>"
		if len(f) == 4 && f[0] == "n" && f[1] == "j" {
			col, err := strconv.Atoi(f[2])
			run.colNames[col] = f[3]
			return err
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanGLPK(solFile, func(f []string) error {
		var err error
		switch {
		case f[0] == "s" && len(f) == 7 && f[1] == "bas":
			// "s bas <rows> <cols> <prim> <dual> <obj>"
			run.kind, run.prim, run.dual = f[1], f[4], f[5]
			run.objective, err = strconv.ParseFloat(f[6], 64)
		case f[0] == "s" && len(f) == 6 && f[1] == "mip":
			// "s mip <rows> <cols> <status> <obj>"
			run.kind, run.prim = f[1], f[4]
			run.objective, err = strconv.ParseFloat(f[5], 64)
		case f[0] == "j" && (len(f) == 5 && run.kind == "bas" || len(f) == 3 && run.kind == "mip"):
			// "j <col> <stat> <prim> <dual>" or "j <col> <value>"
			value := f[2]
			if run.kind == "bas" {
				value = f[3]
			}
			var col int
			if col, err = strconv.Atoi(f[1]); err == nil {
				run.colValues[col], err = strconv.ParseFloat(value, 64)
			}
		}
		return err
	}); err != nil {
		return nil, err
	}
	if run.kind == "" {
		return nil, fmt.Errorf("glpsol: no solution line in its output\n%s", out)
	}
	return run, nil
}

// scanGLPK calls line with the fields of each non-empty line of a GLPK
// plain-text file.
func scanGLPK(path string, line func(fields []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if err := line(fields); err != nil {
			return fmt.Errorf("%s: %q: %w", filepath.Base(path), sc.Text(), err)
		}
	}
	return sc.Err()
}
