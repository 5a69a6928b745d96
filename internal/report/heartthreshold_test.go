package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestHealthyHeartPastATenthReadsAtIt: with a healthy heart that is not a
// whole tenth of a point (the baseline at 0.9054, "healthy heart:
// 90.54%"), the plan holds its hearts at it, and every view prints them
// so: the periods' scores and total, the functions over all regions, the
// regions' hearts, In short, compare (its figures, periods, weakest
// function and differences), sweep, diff (its outcome, periods, weakest
// cells and coverage moves), the checkup's remedy, the budget case (its target and
// the heart its next $100k keeps) and the workbook's Plan, Compare,
// What-if and Budget case sheets. In earlier versions each read "90.5%" at a tenth,
// below the threshold printed beside it and below every heart cell:
// "with a score of 90.5% at its lowest; its lowest coverage is Territory
// design in North America at 90.54%".
func TestHealthyHeartPastATenthReadsAtIt(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join("..", "..", "scenarios", "baseline.yaml")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "healthy_heart: 0.90\n", "healthy_heart: 0.9054\n", 1)
	if text == string(data) {
		t.Fatal("no healthy_heart: 0.90 in the baseline")
	}
	file := filepath.Join(dir, "b.yaml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// A budget at which the plan holds every heart at the threshold, and
	// one at which the checkup's remedy makes the heart healthy.
	sp := analysed(t, file, 0.9054, plan.SweepInput{Key: "budget.annual", Values: []float64{5.9e6, 6.2e6}})
	views := map[string]string{}
	write := func(name string, fn func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		views[name] = b.String()
	}
	write("plan", func(b *bytes.Buffer) error { return WritePlan(b, sp.Plan, Table) })
	write("checkup", func(b *bytes.Buffer) error { return WriteCheckup(b, sp.Checkup, Table) })
	write("sweep", func(b *bytes.Buffer) error { return WriteSweep(b, sp.Sweep, sp.Scenario, Table, "heart") })
	write("budget case", func(b *bytes.Buffer) error { return WriteBudgetCase(b, sp.BudgetCase, Table) })
	basePlan := planned(t, base)
	c := plan.NewComparison([]string{"baseline.yaml", "b.yaml"}, []*scenario.Scenario{basePlan.Scenario, sp.Scenario}, []*plan.Plan{basePlan.Plan, sp.Plan})
	write("compare", func(b *bytes.Buffer) error { return WriteComparison(b, c, Table) })
	// Moves of half a point list the heart functions, 90.0% to 90.54%.
	_, views["diff"], _, _ = diffOf(t, "baseline.yaml", "baseline.yaml", []string{"policy.healthy_heart=0.9054"}, func(o *plan.DiffOptions) {
		o.NoAttribution, o.MinChange = true, 0.005
	})
	for name, out := range views {
		if strings.Contains(out, "90.5%") {
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, "90.5%") {
					t.Errorf("%s: %q reads 90.5%%, below the healthy heart of 90.54%% it is held at", name, line)
				}
			}
		}
		if !strings.Contains(out, "90.54%") {
			t.Errorf("%s: no heart reads 90.54%%:\n%s", name, out)
		}
	}
	for _, want := range []string{
		"│ 2027-Q1 │ growth │ 90.54% │     yes │",
		"with a score of 90.54% at its lowest",
		"│ territories     │ heart │  90.54% │",
		"│ North America │ 90.54% /",
	} {
		if !strings.Contains(views["plan"], want) {
			t.Errorf("plan: no %q in\n%s", want, views["plan"])
		}
	}
	if want := "2027-Q1 Territory design: 90.0% → 90.54% (+0.54 pts)"; !strings.Contains(views["diff"], want) {
		t.Errorf("diff: no %q in\n%s", want, views["diff"])
	}
	if !strings.Contains(views["compare"], "+0.54 pts") {
		t.Errorf("compare: no +0.54 pts (90.54%% against 90.0%%) in\n%s", views["compare"])
	}
	// The workbook's cells show what the text prints.
	f := openBook(t, writeBook(t, []ScenarioPlan{sp, basePlan}))
	shown := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for col, v := range row {
				switch v {
				case "90.5%":
					t.Errorf("%s row %d column %d shows 90.5%%", sheet, r+1, col+1)
				case "90.54%":
					shown++
				}
			}
		}
	}
	if shown == 0 {
		t.Error("no workbook cell shows 90.54%")
	}
}

// TestReviewHealthyHeartPastATenth: the review of the baseline at a
// healthy heart of 0.9054, its first two quarters' actuals below it,
// prints the planned hearts at 90.54% and each variance as the difference
// of the figures printed (80.8% against 90.54% is -9.74 pts), in the text
// and in the Review sheet, whose variance cells round each heart at the
// decimals it shows. In earlier versions the planned hearts read 90.5%.
func TestReviewHealthyHeartPastATenth(t *testing.T) {
	_, s := bundledDoc(t, "baseline.yaml", "policy.healthy_heart=0.9054")
	rec, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rv := baselineReview(t, s, rec)
	v := &ReviewView{Review: rv, PlanOfRecord: "plan.json"}
	text := reviewText(t, v, Table)
	if strings.Contains(text, "90.5%") || !strings.Contains(text, "90.54%") {
		t.Errorf("the review reads a planned heart at 90.5%% or none at 90.54%%:\n%s", text)
	}
	f := reviewBook(t, v)
	checked := 0
	for _, p := range rv.Periods {
		row := findRow(t, f, "Review", p.Label)
		planned, actual := shownCell(t, f, "Review", fmt.Sprintf("B%d", row)), shownCell(t, f, "Review", fmt.Sprintf("C%d", row))
		if want := HeartPercent(p.Planned.Heart, p.Planned.Healthy, s.Policy.HealthyHeart); planned != want {
			t.Errorf("%s: planned heart shows %s, the text %s", p.Label, planned, want)
		}
		got, err := f.CalcCellValue("Review", fmt.Sprintf("D%d", row), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		x, _ := strconv.ParseFloat(got, 64)
		want, _ := printedChange(planned, actual)
		if math.Abs(x-want) > 1e-9 {
			t.Errorf("%s: variance computes to %s, the figures shown %s and %s differ by %v", p.Label, got, planned, actual, want)
		}
		// And shows it at the figures' decimals: "-9.74 points".
		if shown, _ := f.GetCellValue("Review", fmt.Sprintf("D%d", row)); shown != strings.TrimSuffix(printedVariance(planned, actual), " pts")+" points" {
			t.Errorf("%s: variance shows %q, the text %q", p.Label, shown, printedVariance(planned, actual))
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no past period")
	}
}
