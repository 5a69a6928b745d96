package report

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The roster example planned in whole people: its plan has a Hiring
// sheet whose rows are the hiring plan's, and the table view a section
// whose headcounts add up from today's team by hires less exits.
func TestHiringViews(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "roster.yaml"), "policy.whole_people=true")
	h := sp.Plan.Hiring
	if h == nil || len(h.Teams) != 4 {
		t.Fatalf("hiring = %+v, want the central team and 3 regions", h)
	}
	for _, tm := range h.Teams {
		prev := tm.Current
		for _, per := range tm.Periods {
			if per.Headcount != float64(int(per.Headcount)) || prev+per.Hires-per.Exits != per.Headcount {
				t.Errorf("%s %s: %v + %v - %v != %v", tm.Team, per.Period, prev, per.Hires, per.Exits, per.Headcount)
			}
			prev = per.Headcount
		}
	}
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	sh := "Hiring " + sp.Plan.Scenario
	row := findRow(t, f, sh, "central") // today's row, then the periods'
	first := h.Teams[0].Periods[0]
	if got, _ := f.GetCellValue(sh, "B"+strconv.Itoa(row+1)); got != first.Period {
		t.Errorf("B%d = %q, want %s", row+1, got, first.Period)
	}
	if got := number(t, f, sh, "C"+strconv.Itoa(row+1)); got != first.Headcount {
		t.Errorf("C%d = %v, want %v", row+1, got, first.Headcount)
	}
	var buf bytes.Buffer
	if err := WritePlanView(&buf, sp.Plan, Table, PlanView{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Hiring plan in whole people") {
		t.Errorf("no hiring plan in the table view")
	}
	// Without whole people there is no hiring plan anywhere.
	p := *sp.Plan
	p.Hiring = nil
	buf.Reset()
	if err := WritePlanView(&buf, &p, Markdown, PlanView{}); err != nil || strings.Contains(buf.String(), "Hiring plan") {
		t.Errorf("a plan without whole people shows a hiring plan (%v)", err)
	}
}
