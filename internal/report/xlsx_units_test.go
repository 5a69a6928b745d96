package report

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Money headers name their unit: the Plan sheet's note says the periods'
// money is a month's or a quarter's (it said "per period", which on a
// monthly plan with its quarters below names neither), and the
// Assumptions sheet's team table says a cost per FTE is a year's and a
// hire or exit limit a period's, by the horizon's period (it said "cost
// per FTE" beside the months' budgets, and "per period").
func TestXLSXHeadersNameUnits(t *testing.T) {
	for _, file := range []string{"monthly-fiscal.yaml", "baseline.yaml"} {
		sp := planned(t, filepath.Join("..", "..", "scenarios", file))
		f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
		per := string(sp.Scenario.Horizon.Period)
		if per != "month" && per != "quarter" {
			t.Fatalf("%s: period %q", file, per)
		}
		planSheet := "Plan " + sp.Plan.Scenario
		note, err := f.GetCellValue(planSheet, "A2")
		if err != nil {
			t.Fatal(err)
		}
		if want := "Money in " + sp.Plan.Currency + " a " + per + ", and over the horizon in the total row;"; !strings.Contains(note, want) {
			t.Errorf("%s: %s!A2 = %q, want it to say %q", file, planSheet, note, want)
		}
		row := findRow(t, f, "Assumptions", "team")
		rows, err := f.GetRows("Assumptions")
		if err != nil {
			t.Fatal(err)
		}
		head := strings.Join(rows[row-1], "|")
		for _, want := range []string{"|cost per FTE a year|", "|max hires per " + per + "|", "|max exits per " + per} {
			if !strings.Contains(head, want) {
				t.Errorf("%s: Assumptions header %q lacks %q", file, head, want)
			}
		}
	}
}

// Each period's block of the Cells sheet is headed by the period and its
// weakest heart cell as the text view's legend words it ("lowest heart
// coverage: every heart function at 90.0% in every region"): in earlier
// versions without the colon, "2027-Q1: lowest heart coverage every heart
// function at 90.0% in every region".
func TestXLSXCellsSectionWords(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "shrinking-budget.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	sheet := "Cells " + sp.Plan.Scenario
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var sections []string
	for _, r := range rows {
		if len(r) == 1 && strings.Contains(r[0], "lowest heart coverage") {
			sections = append(sections, r[0])
		}
	}
	if len(sections) != len(sp.Plan.Periods) {
		t.Fatalf("%d sections, %d periods: %q", len(sections), len(sp.Plan.Periods), sections)
	}
	var md strings.Builder
	if err := WritePlan(&md, sp.Plan, Markdown); err != nil {
		t.Fatal(err)
	}
	for k, per := range sp.Plan.Periods {
		w := per.WeakestHeart
		if w == nil {
			t.Fatalf("%s: no weakest heart cell", per.Label)
		}
		words := lowestHeart(sp.Plan, per, w)
		if want := per.Label + " (lowest heart coverage: " + words + ")"; sections[k] != want {
			t.Errorf("section %q, want %q", sections[k], want)
		}
	}
	// The words are the legend's of the text view, for the period it shows.
	legend := regexp.MustCompile(`lowest heart coverage: ([^\n]*)\.\n`).FindStringSubmatch(md.String())
	if legend == nil {
		t.Fatal("the Markdown view has no legend of the lowest heart coverage")
	}
	found := false
	for _, s := range sections {
		found = found || strings.HasSuffix(s, " (lowest heart coverage: "+legend[1]+")")
	}
	if !found {
		t.Errorf("no section words the lowest heart coverage as the view does, %q: %q", legend[1], sections)
	}
}

// The Budget case sheet's total of the budgets needed (a SUM of the
// periods, each rounded up to the cent) and the least budget over the
// horizon (JSON's total, the least annual budget on a flat one-year
// horizon) may differ by cents: the sheet says so under the total row, in
// the figures its cells hold ($5,717,320.44 against $5,717,320.41 on the
// baseline at a heart of 92%; in earlier versions it said nothing, and the
// total contradicted the least annual budget above it).
func TestXLSXBudgetCaseTotalExplained(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		file  string
		heart float64
	}{{"baseline.yaml", 0.92}, {"monthly-fiscal.yaml", 0.9}} {
		sp := planned(t, filepath.Join("..", "..", "scenarios", c.file))
		r, err := plan.RunBudgetCase(ctx, sp.Scenario, solve.Revised{}, c.heart, 0)
		if err != nil || !r.Feasible {
			t.Fatalf("%s: %v", c.file, err)
		}
		sp.BudgetCase = r
		f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
		sheet := "Budget case " + sp.Plan.Scenario
		row := findRow(t, f, sheet, "total")
		sum := number(t, f, sheet, fmt.Sprintf("B%d", row))
		least := CentsUp(r.Total)
		d := Cents(sum - least)
		if d == 0 {
			t.Fatalf("%s: the total %.2f is the least %.2f: no case for the note", c.file, sum, least)
		}
		note, err := f.GetCellValue(sheet, fmt.Sprintf("A%d", row+1))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`add up to (\S+), (\S+) (more|less) than the least budget over the horizon, (\S+)\.$`).FindStringSubmatch(note)
		if m == nil {
			t.Fatalf("%s: under the total row %q, want the sum and the least over the horizon", c.file, note)
		}
		sign := 1.0
		if m[3] == "less" {
			sign = -1
		}
		if got := readMoney(t, m[1]); got != Cents(sum) {
			t.Errorf("%s: the note's sum %s, the total cell %.2f", c.file, m[1], sum)
		}
		if got := readMoney(t, m[4]); got != least {
			t.Errorf("%s: the note's least %s, JSON's total %.2f", c.file, m[4], least)
		}
		if got := sign * readMoney(t, m[2]); math.Abs(got-d) > 1e-9 {
			t.Errorf("%s: the note's difference %s %s, the cells' %.2f", c.file, m[2], m[3], d)
		}
	}
}
