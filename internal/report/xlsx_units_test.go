package report

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
		plan := "Plan " + sp.Plan.Scenario
		note, err := f.GetCellValue(plan, "A2")
		if err != nil {
			t.Fatal(err)
		}
		if want := "Money in " + sp.Plan.Currency + " a " + per + ", and over the horizon in the total row;"; !strings.Contains(note, want) {
			t.Errorf("%s: %s!A2 = %q, want it to say %q", file, plan, note, want)
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
