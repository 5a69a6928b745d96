package report

import (
	"path/filepath"
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
