package report

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/solve"
)

// analysed is a scenario planned with everything a workbook shows: the
// marginal values, the checkup, a budget case and a sweep of the inputs.
func analysed(t *testing.T, file string, heart float64, varies ...plan.SweepInput) ScenarioPlan {
	t.Helper()
	sp := planned(t, file)
	ctx := context.Background()
	pl := &plan.Planner{LP: solve.Revised{}}
	p, _, err := pl.Optimize(ctx, sp.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	if p.Marginal, err = plan.Marginals(ctx, sp.Scenario, pl, p); err != nil {
		t.Fatal(err)
	}
	sp.Plan = p
	if sp.Checkup, err = checkup.Run(ctx, sp.Scenario, solve.Revised{}); err != nil {
		t.Fatal(err)
	}
	if heart > 0 {
		if sp.BudgetCase, err = plan.RunBudgetCase(ctx, sp.Scenario, solve.Revised{}, heart, 0); err != nil {
			t.Fatal(err)
		}
	}
	if len(varies) > 0 {
		if sp.Sweep, err = plan.Sweep(ctx, file, nil, varies, solve.Revised{}, 0, nil); err != nil {
			t.Fatal(err)
		}
		for _, in := range varies {
			b, err := sp.Scenario.Number(in.Key)
			if err != nil {
				t.Fatal(err)
			}
			sp.SweepBase = append(sp.SweepBase, b)
		}
	}
	return sp
}

// Every formula of the workbook, recomputed by excelize's own calculation
// engine, equals cardio's number: to a cent for money, to 1e-9 for the
// rest. Every formula cell is checked, and the formulas are the ones the
// workbook was built with (none lost, none extra).
func TestXLSXFormulasCompute(t *testing.T) {
	base := analysed(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"), 0.92,
		plan.SweepInput{Key: "budget.annual", Values: []float64{5.8e6, 6.2e6}},
		plan.SweepInput{Key: "policy.healthy_heart", Values: []float64{0.85, 0.9}})
	small := planned(t, smallFile(t))
	// A monthly plan's sheet adds its quarters as formulas over its months.
	months := analysed(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"), 0.9)
	months.By = RollUpOf(months.Scenario, "")
	// A whole-people plan by month: its hiring sheet adds the quarters too.
	people := planned(t, filepath.Join("..", "..", "scenarios", "whole-people.yaml"),
		"horizon.period=month", "horizon.periods=6", "horizon.start=2027-01")
	people.By = RollUpOf(people.Scenario, "")
	// One-time costs of hires and exits in the teams' staff spend.
	costs := planned(t, filepath.Join("..", "..", "scenarios", "hiring-costs.yaml"))
	// A healthy heart past a tenth: its hearts held at it show 90.54%,
	// ROUNDDOWN(MAX(exact, healthy)).
	past := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"), "policy.healthy_heart=0.9054", "name=FY27 at 90.54")
	b, err := buildXLSX([]ScenarioPlan{base, small, months, people, costs, past})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b.f.Close()
	f := openBook(t, buf.Bytes())
	if len(b.expect) < 50 {
		t.Fatalf("only %d formula cells", len(b.expect))
	}
	seen := 0
	eachFormula(t, f, func(sh, cell, fm string) {
		seen++
		want, ok := b.expect[sh+"!"+cell]
		if !ok {
			t.Errorf("%s!%s: formula %q has no expected value", sh, cell, fm)
			return
		}
		got, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Errorf("%s!%s: %q: %v", sh, cell, fm, err)
			return
		}
		x, err := strconv.ParseFloat(got, 64)
		if err != nil {
			t.Errorf("%s!%s: %q computes to %q, not a number", sh, cell, fm, got)
			return
		}
		tol := 1e-9
		if want.k == KindMoney || want.k == KindCents {
			tol = 0.005
		}
		if math.Abs(x-want.v) > tol {
			t.Errorf("%s!%s: %q computes to %.12g, cardio has %.12g", sh, cell, fm, x, want.v)
		}
	})
	if seen != len(b.expect) {
		t.Errorf("%d formula cells in the workbook, %d written", seen, len(b.expect))
	}
}

// Every range a chart of the Charts sheet draws exists: its sheet is in the
// workbook and each cell of it holds a value.
func TestXLSXChartsReferToCells(t *testing.T) {
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	small := planned(t, smallFile(t))
	data := writeBook(t, []ScenarioPlan{base, small})
	f := openBook(t, data)
	formula := regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	charts, refs := 0, 0
	names, bodies := chartParts(t, data)
	for _, name := range names {
		charts++
		body := bodies[name]
		for _, m := range formula.FindAllSubmatch(body, -1) {
			refs++
			ref := html.UnescapeString(string(m[1]))
			i := strings.LastIndexByte(ref, '!')
			if i < 0 {
				t.Errorf("%s: %q names no sheet", name, ref)
				continue
			}
			sheet := strings.ReplaceAll(strings.Trim(ref[:i], "'"), "''", "'")
			cells := strings.Split(strings.ReplaceAll(ref[i+1:], "$", ""), ":")
			c1, r1, err1 := excelize.CellNameToCoordinates(cells[0])
			c2, r2 := c1, r1
			var err2 error
			if len(cells) == 2 {
				c2, r2, err2 = excelize.CellNameToCoordinates(cells[1])
			}
			if err1 != nil || err2 != nil {
				t.Errorf("%s: %q is not a range", name, ref)
				continue
			}
			for c := c1; c <= c2; c++ {
				for r := r1; r <= r2; r++ {
					cell, _ := excelize.CoordinatesToCellName(c, r)
					v, err := f.GetCellValue(sheet, cell)
					if err != nil || v == "" {
						t.Errorf("%s: %s!%s (of %q) is empty or missing: %v", name, sheet, cell, ref, err)
					}
				}
			}
		}
	}
	// Four charts a plan, two series or more each.
	if charts != 8 || refs < 8*3 {
		t.Errorf("%d charts with %d ranges, want 8 charts", charts, refs)
	}
}

// A What-if sheet names each input as the text what-if does
// (InputLabel: "CPQ platform: cost, per year", "North America: sellers"),
// with the key path below, in its header, its grid's corner and the grid's
// note: one label per input everywhere, where the sheet had words of its
// own ("cpq per year").
func TestWhatIfSheetInputLabels(t *testing.T) {
	file := filepath.Join("..", "..", "scenarios", "baseline.yaml")
	sp := analysed(t, file, 0,
		plan.SweepInput{Key: "investments[cpq].cost.per_year", Values: []float64{1000, 90000}},
		plan.SweepInput{Key: "regions[0].sellers", Values: []float64{300, 400}})
	var text bytes.Buffer
	if err := WriteSweep(&text, sp.Sweep, sp.Scenario, Table, "heart"); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, write(t, XLSX, func(w *bytes.Buffer, f Format) error { return WriteXLSX(w, []ScenarioPlan{sp}) }))
	sheet := "What-if " + sp.Scenario.Name
	keys := findRow(t, f, sheet, sp.Sweep.Inputs[0].Key)
	var labels []string
	for i, in := range sp.Sweep.Inputs {
		want := InputLabel(sp.Scenario, in.Key)
		labels = append(labels, want)
		if !strings.Contains(text.String(), want) {
			t.Fatalf("the text what-if does not say %q:\n%s", want, text.String())
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, keys-1)
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s!%s = %q, want the text's label %q", sheet, cell, got, want)
		}
	}
	if labels[0] != "CPQ platform: cost, per year" || labels[1] != "North America: sellers" {
		t.Fatalf("labels %q: the test expects the scenario's names", labels)
	}
	grid := "What-if grid " + sp.Scenario.Name
	findRow(t, f, grid, labels[0]+" \\ "+labels[1])
	rows, err := f.GetRows(grid)
	if err != nil {
		t.Fatal(err)
	}
	if note := rows[1][0]; !strings.HasPrefix(note, labels[0]+" ("+sp.Sweep.Inputs[0].Key+") down, "+labels[1]+" (") {
		t.Errorf("%s's note %q does not name the inputs by their labels", grid, note)
	}
}

// A monthly plan's sheet, and its budget case's, hold its quarters below
// its months: a row per fiscal quarter, each a formula over its months
// (TestXLSXFormulasCompute recomputes them); a quarterly plan's sheet has
// no such block.
func TestXLSXMonthsByQuarter(t *testing.T) {
	months := analysed(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"), 0.9)
	months.By = RollUpOf(months.Scenario, "")
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	base.By = RollUpOf(base.Scenario, "")
	f := openBook(t, writeBook(t, []ScenarioPlan{months, base}))
	sheets := 0
	for _, sh := range f.GetSheetList() {
		if !strings.HasPrefix(sh, "Plan") && !strings.HasPrefix(sh, "Budget case") {
			continue
		}
		sheets++
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		var section, labels []string
		in := false
		for _, r := range rows {
			if len(r) == 0 {
				continue
			}
			switch {
			case r[0] == "By quarter":
				section, in = append(section, r[0]), true
			case in && r[0] == "period":
			case in && len(r) > 2:
				labels = append(labels, r[0])
			case in:
				if len(labels) > 0 {
					in = false
				}
			}
		}
		// The text's note that its rounded rows do not add up is not the
		// workbook's: its cells are in cents, its totals SUM formulas.
		for _, r := range rows {
			if len(r) > 0 && strings.HasPrefix(r[0], roundingNotePrefix) {
				t.Errorf("%s carries the text's rounding note: %q", sh, r[0])
			}
		}
		monthly := strings.Contains(sh, "month")
		want := ""
		if monthly {
			want = "FY28-Q1 FY28-Q2 FY28-Q3 FY28-Q4 FY29-Q1 FY29-Q2"
		}
		if got := strings.Join(labels, " "); got != want || (len(section) == 1) != monthly {
			t.Errorf("%s: by quarter %q, want %q", sh, got, want)
		}
	}
	var md bytes.Buffer
	if err := WriteBudgetCase(&md, months.BudgetCase, Markdown); err != nil || !strings.Contains(md.String(), roundingNotePrefix) {
		t.Errorf("the monthly budget case's text has no rounding note to leave out (%v):\n%s", err, md.String())
	}
	if sheets != 3 { // two plans and the monthly plan's budget case
		t.Errorf("%d plan and budget case sheets", sheets)
	}
}

// Horizons of different lengths compare money a year in the Compare sheet:
// the baseline's year against 18 months, each total over its years.
func TestXLSXCompareMoneyAYear(t *testing.T) {
	labels := func(f *excelize.File) map[string]int {
		rows, err := f.GetRows("Compare")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for i, r := range rows {
			if len(r) > 0 {
				out[r[0]] = i + 1
			}
		}
		return out
	}
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	months := planned(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{base, months}))
	rows := labels(f)
	row := rows["spend a year"]
	if row == 0 || rows["spend"] != 0 {
		t.Fatalf("rows %v: want 'spend a year' and no total spend", rows)
	}
	for col, want := range []float64{base.Plan.Totals.Spend / 1, months.Plan.Totals.Spend / 1.5} {
		ref := fmt.Sprintf("%c%d", 'B'+col, row)
		got, err := f.CalcCellValue("Compare", ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if x, _ := strconv.ParseFloat(got, 64); math.Abs(x-want) > 0.005 {
			t.Errorf("Compare!%s computes to %s, want %.2f", ref, got, want)
		}
	}
	if rows["The horizons differ in length: budget, spend and unspent are compared a year, each total over its horizon's years."] == 0 {
		t.Error("no note on the horizons")
	}
	// The same horizons keep their totals.
	f = openBook(t, writeBook(t, []ScenarioPlan{base, planned(t, filepath.Join("..", "..", "scenarios", "brain-first.yaml"))}))
	if rows := labels(f); rows["spend"] == 0 || rows["spend a year"] != 0 {
		t.Errorf("one-year horizons: rows %v", rows)
	}
}

// The Marginal sheet says what the plan view says, from the same data and
// rule: a change the view calls none (under negligiblePoints: the
// baseline budget's 0.0001 points of heart, "would not change the heart")
// is 0 in its cell, not the re-solve's noise; every other change is its
// exact value; and the sheet carries the view's sentence, with the periods
// the budget makes healthy (budget_makes_healthy: centralize-everything's
// 2027-Q3) named as the view names them.
func TestMarginalSheetSaysWhatTheViewSays(t *testing.T) {
	dir := filepath.Join("..", "..", "scenarios")
	for _, c := range []struct {
		file string
		want []string // words the view's sentence must hold
	}{
		{"baseline.yaml", []string{"would not change the heart"}},
		{"centralize-everything.yaml", []string{"making it healthy in "}},
	} {
		sp := analysed(t, filepath.Join(dir, c.file), 0)
		m := sp.Plan.Marginal
		var text bytes.Buffer
		if err := WritePlan(&text, sp.Plan, Table); err != nil {
			t.Fatal(err)
		}
		f := openBook(t, write(t, XLSX, func(w *bytes.Buffer, f Format) error { return WriteXLSX(w, []ScenarioPlan{sp}) }))
		sheet := "Marginal " + sp.Plan.Scenario
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		// The view's paragraph of the limits is a note of the sheet.
		var said string
		for _, r := range rows {
			if len(r) == 1 && strings.HasPrefix(r[0], "Another ") {
				said = r[0]
			}
		}
		if said == "" || !strings.Contains(text.String(), "\n"+said+"\n") {
			t.Errorf("%s: the sheet says %q; the view says:\n%s", c.file, said, text.String())
		}
		for _, w := range c.want {
			if !strings.Contains(said, w) {
				t.Errorf("%s: the sheet's words %q do not say %q", c.file, said, w)
			}
		}
		for _, l := range m.Budget.MakesHealthy {
			if !strings.Contains(said, l) {
				t.Errorf("%s: the budget makes the heart healthy in %s; the sheet says %q", c.file, l, said)
			}
		}
		// Each cell: 0 where the view says none, else the exact value.
		cellOf := func(x float64) float64 {
			if math.Abs(x) < negligiblePoints {
				return 0
			}
			return x
		}
		budget := findRow(t, f, sheet, "budget")
		for col, x := range map[string]float64{"C": m.Budget.Heart, "D": m.Budget.Brain} {
			if got := number(t, f, sheet, fmt.Sprint(col, budget)); got != cellOf(x) {
				t.Errorf("%s: budget %s%d = %v for a change of %v points, want %v", c.file, col, budget, got, x, cellOf(x))
			}
		}
		if c.file == "baseline.yaml" && (m.Budget.Heart == 0 || math.Abs(m.Budget.Heart) >= negligiblePoints) {
			t.Fatalf("the baseline budget's heart change is %v: the test needs a negligible one", m.Budget.Heart)
		}
		for _, pm := range m.Periods {
			r := findRow(t, f, sheet, pm.Label)
			if got := number(t, f, sheet, fmt.Sprint("C", r)); got != cellOf(pm.Heart) {
				t.Errorf("%s: %s's heart cell = %v for a change of %v points, want %v", c.file, pm.Label, got, pm.Heart, cellOf(pm.Heart))
			}
		}
	}
}

// eachFormula calls do for every formula cell of every sheet of f, row by
// row.
func eachFormula(t *testing.T, f *excelize.File, do func(sheet, cell, formula string)) {
	t.Helper()
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r := range rows {
			for c := range rows[r] {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, err := f.GetCellFormula(sh, cell); err == nil && fm != "" {
					do(sh, cell, fm)
				}
			}
		}
	}
}
