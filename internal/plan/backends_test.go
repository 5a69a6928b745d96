package plan

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// backendTol is how closely the plans of the two backends must agree:
// relative to max(1, |value|), so absolute for scores and fractions and
// relative for money.
const backendTol = 1e-7

// TestBackendsAgreeOnScenarios plans every example scenario with gonum's
// lp.Simplex and with the project's revised simplex and requires the same
// plan, to 1e-7: the same stage optima and every number of the plan, the
// allocation behind it included (coverage per function, central and local
// FTE, investments). The tie-break stages make the optimum unique, so
// two correct solvers must find the same one, whatever their paths.
//
// Gonum takes minutes per scenario on a 2-core machine, so the test runs
// only when asked for (see docs/performance.md); a subtest picks one
// scenario:
//
//	CARDIO_SLOW=1 go test -run=TestBackendsAgreeOnScenarios -v -timeout=90m ./internal/plan/
//	CARDIO_SLOW=1 go test -run=TestBackendsAgreeOnScenarios/brain-first -v -timeout=30m ./internal/plan/
func TestBackendsAgreeOnScenarios(t *testing.T) {
	if testing.Short() || os.Getenv("CARDIO_SLOW") != "1" {
		t.Skip("slow (gonum takes minutes per scenario): set CARDIO_SLOW=1 to run")
	}
	files, err := filepath.Glob("../../scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example scenarios: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			t.Parallel()
			s, err := scenario.Load(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			gp, gv := planWith(t, s, solve.Gonum{})
			rp, rv := planWith(t, s, solve.Revised{})
			for k := range gv {
				if k >= len(rv) || !near(rv[k], gv[k], backendTol) {
					t.Errorf("stage %d optimum: revised %v, gonum %v", k+1, rv, gv)
				}
			}
			for _, d := range diffPlans(rp, gp, "") {
				t.Errorf("%s: revised %v, gonum %v", d.path, d.a, d.b)
			}
			t.Logf("stage optima %v; the plans agree in every number over %d periods", gv, len(gp.Periods))
		})
	}
}

// planWith does what Optimize does and also returns the stage optima.
func planWith(t *testing.T, s *scenario.Scenario, lp solve.LPSolver) (*Plan, []float64) {
	t.Helper()
	m := model.Build(s)
	res, err := m.Solve(context.Background(), lp, solve.Options{})
	if err != nil {
		t.Fatalf("%T: %v", lp, err)
	}
	if res.Status != solve.Optimal {
		t.Fatalf("%T: status %v", lp, res.Status)
	}
	a := FromSolution(m, res.X)
	if bad := Verify(s, a); len(bad) > 0 {
		t.Fatalf("%T: plan breaks the scenario: %v", lp, bad)
	}
	return Build(s, a, ModeOptimized, StatusOptimal), res.Values
}

type planDiff struct {
	path string
	a, b any
}

// diffPlans lists the fields in which two values of the same type differ:
// floats beyond backendTol, anything else when not equal.
func diffPlans(a, b any, path string) []planDiff {
	return diffValues(reflect.ValueOf(a), reflect.ValueOf(b), path)
}

func diffValues(a, b reflect.Value, path string) []planDiff {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return []planDiff{{path, a.Interface(), b.Interface()}}
			}
			return nil
		}
		return diffValues(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		var ds []planDiff
		for i := range a.NumField() {
			name := a.Type().Field(i).Name
			if path != "" {
				name = path + "." + name
			}
			ds = append(ds, diffValues(a.Field(i), b.Field(i), name)...)
		}
		return ds
	case reflect.Slice:
		if a.Len() != b.Len() {
			return []planDiff{{path + ".len", a.Len(), b.Len()}}
		}
		var ds []planDiff
		for i := range a.Len() {
			ds = append(ds, diffValues(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return ds
	case reflect.Float64:
		x, y := a.Float(), b.Float()
		if math.Abs(x-y) > backendTol*math.Max(1, math.Abs(y)) {
			return []planDiff{{path, x, y}}
		}
		return nil
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return []planDiff{{path, a.Interface(), b.Interface()}}
		}
		return nil
	}
}

// TestDiffPlans checks the comparison itself on a plan and a changed copy.
func TestDiffPlans(t *testing.T) {
	p := &Plan{Status: StatusOptimal, Periods: []Period{{Heart: 0.9, Spend: 1e6, Functions: []Function{{ID: "f", Coverage: 0.5}}}}}
	q := &Plan{Status: StatusOptimal, Periods: []Period{{Heart: 0.9 + 1e-9, Spend: 1e6 + 0.05, Functions: []Function{{ID: "f", Coverage: 0.6}}}}}
	if ds := diffPlans(p, p, ""); len(ds) != 0 {
		t.Errorf("a plan differs from itself: %v", ds)
	}
	ds := diffPlans(p, q, "")
	if len(ds) != 1 || ds[0].path != "Periods[0].Functions[0].Coverage" {
		t.Errorf("diff = %v, want only the coverage (heart and spend within tolerance)", ds)
	}
	q.Periods[0].Spend = 1e6 + 1
	ds = diffPlans(p, q, "")
	if len(ds) != 2 || ds[0].path != "Periods[0].Spend" {
		t.Errorf("diff = %v, want the spend first", ds)
	}
}
