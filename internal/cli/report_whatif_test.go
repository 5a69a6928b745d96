package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// report --vary adds a What-if sheet whose rows are the plans at each value.
func TestReportWhatIfSheet(t *testing.T) {
	file := "../../scenarios/baseline.yaml"
	out := filepath.Join(t.TempDir(), "r.xlsx")
	var stdout, stderr bytes.Buffer
	opts := &reportOptions{
		IO:            &IOStreams{Out: &stdout, ErrOut: &stderr},
		Files:         []string{file},
		solverOptions: solverOptions{Solver: defaultSolver}, Output: out,
		Varies: []string{"budget.annual=-10%:+10%:10%"},
	}
	if err := reportRun(context.Background(), opts); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "What-if FY27 baseline"
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("no %q sheet: %v (sheets %v)", sheet, err, f.GetSheetList())
	}
	// Find the header row (words, the key path in the row below), then
	// check each point against a plan of its own.
	h := -1
	for i, r := range rows {
		if len(r) > 1 && r[0] == "annual budget" && r[1] == "heart" && i+1 < len(rows) && rows[i+1][0] == "budget.annual" {
			h = i + 1
		}
	}
	if h < 0 {
		t.Fatalf("no header row in %q", rows)
	}
	points := rows[h+1:]
	exact := slices.Index(rows[h-1], "heart (exact)")
	if exact < 0 {
		t.Fatalf("no heart (exact) column in %q", rows[h-1])
	}
	if len(points) != 3 {
		t.Fatalf("%d points, want 3: %q", len(points), points)
	}
	for i, annual := range []float64{5.58e6, 6.2e6, 6.82e6} {
		var got, heart float64
		if _, err := fmt.Sscan(points[i][0], &got); err != nil || math.Abs(got-annual) > 1e-6*annual {
			t.Errorf("point %d: budget %q, want %g", i, points[i][0], annual)
		}
		// The exact mean: the heart column shows an unhealthy one
		// rounded down, as cardio sweep prints it.
		if _, err := fmt.Sscan(points[i][exact], &heart); err != nil {
			t.Fatalf("point %d: heart (exact) %q", i, points[i][exact])
		}
		s, err := scenario.Load(file, []string{fmt.Sprintf("budget.annual=%g", annual)})
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(heart-p.Totals.HeartMean) > 1e-9 {
			t.Errorf("point %d: sheet heart %.12g, plan %.12g", i, heart, p.Totals.HeartMean)
		}
	}

	opts.Output = filepath.Join(t.TempDir(), "r.md")
	var ue usageError
	if err := reportRun(context.Background(), opts); !errors.As(err, &ue) {
		t.Errorf("--vary with .md: err %v, want a usage error", err)
	}
}
