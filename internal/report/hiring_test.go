package report

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
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
	// A plan without a hiring plan shows none anywhere.
	p := *sp.Plan
	p.Hiring = nil
	buf.Reset()
	if err := WritePlanView(&buf, &p, Markdown, PlanView{}); err != nil || strings.Contains(buf.String(), "Hiring plan") {
		t.Errorf("a plan without a hiring plan shows one (%v)", err)
	}
}

// The roster example planned in FTE: EMEA's and APAC's rosters cost more
// than their new hires, so the plan has a hiring plan in FTE (and the
// baseline, without a roster, none). Its headcounts are the plan's team
// FTE, kept and new add up to them, hires less exits is the change within
// round-off, and the views say it is in FTE and print FTE to 0.1.
func TestHiringViewsInFTE(t *testing.T) {
	if base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml")); base.Plan.Hiring != nil {
		t.Errorf("the baseline in FTE has a hiring plan")
	}
	sp := planned(t, filepath.Join("..", "..", "scenarios", "roster.yaml"))
	h := sp.Plan.Hiring
	if h == nil || !h.InFTE || len(h.Teams) != 4 {
		t.Fatalf("hiring = %+v, want one in FTE of the central team and 3 regions", h)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for i, tm := range h.Teams {
		prev := tm.Current
		for t0, per := range tm.Periods {
			fte := sp.Plan.Periods[t0].CentralFTE
			if i > 0 {
				fte = sp.Plan.Periods[t0].Regions[i-1].LocalFTE
			}
			if !near(per.Headcount, fte) || !near(prev+per.Hires-per.Exits, per.Headcount) {
				t.Errorf("%s %s: %v + %v - %v, want %v (the plan's FTE %v)", tm.Team, per.Period, prev, per.Hires, per.Exits, per.Headcount, fte)
			}
			if tm.Roster != nil && (per.Kept == nil || per.New == nil || !near(*per.Kept+*per.New, per.Headcount)) {
				t.Errorf("%s %s: kept %v and new %v, want them to add up to %v", tm.Team, per.Period, per.Kept, per.New, per.Headcount)
			}
			prev = per.Headcount
		}
	}
	var buf bytes.Buffer
	if err := WritePlanView(&buf, sp.Plan, Markdown, PlanView{}); err != nil {
		t.Fatal(err)
	}
	emea := h.Teams[2].Periods[0]
	row := fmt.Sprintf("| EMEA | %s | %s | %s | %s | %s | %s |", emea.Period, FTE(emea.Headcount), FTE(*emea.Kept), FTE(*emea.New), FTE(emea.Hires), FTE(emea.Exits))
	for _, want := range []string{"Hiring plan in FTE", row} {
		if !strings.Contains(strings.Join(strings.Fields(buf.String()), " "), want) {
			t.Errorf("Markdown view: no %q", want)
		}
	}
	if strings.Contains(buf.String(), "whole people") && !strings.Contains(buf.String(), "policy.whole_people") {
		t.Errorf("a plan in FTE speaks of whole people")
	}
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	sh := "Hiring " + sp.Plan.Scenario
	if got, _ := f.GetCellValue(sh, "A1"); got != sp.Plan.Scenario+": hiring plan in FTE" {
		t.Errorf("A1 = %q, want the title in FTE", got)
	}
}

// The whole-people example, whose roster costs differ from the new
// hires': each team's people split into kept and new, which add up to the
// headcount; kept only fall; hires less exits is the change of headcount
// though a replacement makes both; and every view shows kept and new
// (table and Markdown columns with a sentence on costs, CSV metrics, XLSX
// columns).
func TestHiringViewsKeptAndNew(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "whole-people.yaml"))
	h := sp.Plan.Hiring
	if h == nil || len(h.Teams) != 3 {
		t.Fatalf("hiring = %+v, want the central team and 2 regions", h)
	}
	replaced := false
	for _, tm := range h.Teams {
		if tm.Roster == nil {
			t.Fatalf("%s: no roster costs", tm.Team)
		}
		prev, kept := tm.Current, tm.Roster.KeptFTE
		for _, per := range tm.Periods {
			if per.Kept == nil || per.New == nil || *per.Kept+*per.New != per.Headcount || *per.Kept > kept {
				t.Errorf("%s %s: kept %v new %v headcount %v (kept before %v)", tm.Team, per.Period, per.Kept, per.New, per.Headcount, kept)
				continue
			}
			if prev+per.Hires-per.Exits != per.Headcount {
				t.Errorf("%s %s: %v + %v - %v != %v", tm.Team, per.Period, prev, per.Hires, per.Exits, per.Headcount)
			}
			replaced = replaced || per.Hires > 0 && per.Exits > 0
			prev, kept = per.Headcount, *per.Kept
		}
	}
	if !replaced {
		t.Errorf("no team replaces a kept person in one period: the example no longer shows it")
	}
	for _, format := range []Format{Table, Markdown} {
		var buf bytes.Buffer
		if err := WritePlanView(&buf, sp.Plan, format, PlanView{}); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"kept", "new", "Kept people are today's roster staff", "central: kept $172k, new $150k"} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s view: no %q", format, want)
			}
		}
	}
	var buf bytes.Buffer
	if err := WritePlanView(&buf, sp.Plan, CSV, PlanView{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",team,central,kept,") || !strings.Contains(buf.String(), ",team,emea,new,") {
		t.Errorf("CSV without kept and new:\n%s", buf.String())
	}
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	sh := "Hiring " + sp.Plan.Scenario
	row := findRow(t, f, sh, "central") // today's row, then the periods'
	first := h.Teams[0].Periods[0]
	if got := number(t, f, sh, "D"+strconv.Itoa(row+1)); got != *first.Kept {
		t.Errorf("D%d = %v, want kept %v", row+1, got, *first.Kept)
	}
	if got := number(t, f, sh, "E"+strconv.Itoa(row+1)); got != *first.New {
		t.Errorf("E%d = %v, want new %v", row+1, got, *first.New)
	}
}

// A monthly whole-people plan's hiring sheet adds each team's quarters
// below its months: headcount at the quarter's end, hires and exits over
// it (TestXLSXFormulasCompute recomputes the formulas).
func TestHiringSheetByQuarter(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "whole-people.yaml"),
		"horizon.period=month", "horizon.periods=6", "horizon.start=2027-01")
	sp.By = RollUpOf(sp.Scenario, "")
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	var sheet string
	for _, sh := range f.GetSheetList() {
		if strings.HasPrefix(sh, "Hiring") {
			sheet = sh
		}
	}
	rows, err := f.GetRows(sheet)
	if err != nil || sheet == "" {
		t.Fatalf("no hiring sheet: %v", err)
	}
	at := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "By quarter" {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no By quarter block")
	}
	got := map[string][]string{}
	for _, r := range rows[at:] {
		if len(r) >= 7 && (r[1] == "2027-Q1" || r[1] == "2027-Q2") {
			got[r[0]+" "+r[1]] = r
		}
	}
	for _, tm := range sp.Plan.Hiring.Teams {
		for q, label := range []string{"2027-Q1", "2027-Q2"} {
			var hires, exits float64
			for _, per := range tm.Periods[3*q : 3*q+3] {
				hires += per.Hires
				exits += per.Exits
			}
			r := got[tm.DisplayName()+" "+label]
			want := []string{fmt.Sprint(tm.Periods[3*q+2].Headcount), fmt.Sprint(hires), fmt.Sprint(exits)}
			if r == nil || r[2] != want[0] || r[5] != want[1] || r[6] != want[2] {
				t.Errorf("%s %s: %q, want headcount, hires, exits %q", tm.DisplayName(), label, r, want)
			}
		}
	}
}

// A function a team gives some time to is listed with it, never as 0.0:
// 0.047 FTE is "<0.1", a whole share its FTE.
func TestHiringSplitSmallShares(t *testing.T) {
	per := plan.HiringPeriod{Functions: []plan.FunctionFTE{{ID: "comp_admin", FTE: 2.2}, {ID: "enablement", FTE: 0.04736186489124194}, {ID: "quotas", FTE: 0.05}}}
	if got, want := hiringSplit(per), "comp_admin 2.2, enablement <0.1, quotas 0.1"; got != want {
		t.Errorf("hiringSplit = %q, want %q", got, want)
	}
	if got := hiringSplit(plan.HiringPeriod{}); got != "-" {
		t.Errorf("no functions: %q, want -", got)
	}
}
