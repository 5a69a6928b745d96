package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestHealthyHeartPastATenthReadsAtIt: with a healthy heart that is not a
// whole tenth of a point (the baseline at 0.9054, "healthy heart:
// 90.54%"), the plan holds its hearts at it, and every view prints them
// so: the periods' scores and total, the functions over all regions, the
// regions' hearts, In short, compare (its figures, periods, weakest
// function and differences), sweep, diff (its outcome, periods and
// weakest cells), the checkup's remedy, the budget case (its target and
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
	oldDoc, oldS := bundledDoc(t, "baseline.yaml")
	newDoc, newS := bundledDoc(t, "baseline.yaml", "policy.healthy_heart=0.9054")
	opt := plan.DefaultDiffOptions(solve.Revised{})
	opt.NoAttribution = true
	d, err := plan.DiffScenarios(context.Background(), oldDoc, newDoc, oldS, newS, opt)
	if err != nil {
		t.Fatal(err)
	}
	write("diff", func(b *bytes.Buffer) error { return WriteDiff(b, d, oldS, newS, Table) })
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
