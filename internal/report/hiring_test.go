package report

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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

// printedSplitSum is what a reader adds from a period's FTE by function
// as the hiring table prints them, each to 0.1 ("<0.1" as nothing),
// re-derived from the plan's figures.
func printedSplitSum(per plan.HiringPeriod) (sum float64, small int) {
	var tenths int64
	for _, f := range per.Functions {
		if f.FTE >= 0.05 {
			t, _ := strconv.ParseInt(strings.Replace(fmt.Sprintf("%.1f", f.FTE), ".", "", 1), 10, 64)
			tenths += t
		} else {
			small++
		}
	}
	return float64(tenths) / 10, small
}

// splitAddsUp is the note's rule, from the plan's figures: the printed
// split adds up to the printed headcount, or falls short of it by at most
// a tenth for each function printed "<0.1".
func splitAddsUp(per plan.HiringPeriod, count func(float64) string) bool {
	sum, small := printedSplitSum(per)
	head, _ := strconv.ParseFloat(count(per.Headcount), 64)
	gap := math.Round(head*10) - math.Round(sum*10)
	return gap == 0 || (gap > 0 && gap <= float64(small))
}

// The hiring plan's FTE by function, as printed, may add up to another
// figure than the headcount (central: 18 people, its split printed adds up
// to 18.1): a note under the table says so, exactly when some row does,
// naming the rows from the plan's figures; none when every row adds up.
// A "<0.1" may make up a tenth: a team of 5 whose split prints 2.2, 1.5,
// 1.2 and a "<0.1" is not named (the plan's split set so at the end).
func TestHiringSplitRoundingNote(t *testing.T) {
	for _, c := range []struct {
		file string
		sets []string
	}{
		{"roster.yaml", []string{"policy.whole_people=true"}}, // 8 rows
		{"roster.yaml", nil},       // in FTE
		{"whole-people.yaml", nil}, // 2 rows
	} {
		sp := planned(t, filepath.Join("..", "..", "scenarios", c.file), c.sets...)
		h := sp.Plan.Hiring
		count := headcount(h)
		var want []string
		for _, tm := range h.Teams {
			for _, per := range tm.Periods {
				if !splitAddsUp(per, count) {
					sum, _ := printedSplitSum(per)
					want = append(want, fmt.Sprintf("%s in %s (%s against %s)", tm.DisplayName(), per.Period, FTE(sum), count(per.Headcount)))
				}
			}
		}
		var buf bytes.Buffer
		if err := WritePlanView(&buf, sp.Plan, Table, PlanView{}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		hiring := out[strings.Index(out, "Hiring plan in"):]
		var note string
		for _, l := range strings.Split(hiring, "\n") {
			if strings.HasPrefix(l, roundingNotePrefix) {
				note = l
			}
		}
		switch {
		case len(want) == 0:
			t.Fatalf("%s %v: every row adds up: the case no longer tests the note", c.file, c.sets)
		case len(want) == 1:
			var team, period, sum, head string
			fmt.Sscanf(want[0], "%s in %s (%s against %s)", &team, &period, &sum, &head)
			if !strings.Contains(note, fmt.Sprintf("of %s in %s add up to %s against a headcount of %s.", team, period, sum, strings.TrimSuffix(head, ")"))) {
				t.Errorf("%s %v: note %q, want %s", c.file, c.sets, note, want[0])
			}
		default:
			if !strings.Contains(note, fmt.Sprintf("in %d rows: ", len(want))) {
				t.Errorf("%s %v: note %q, want %d rows", c.file, c.sets, note, len(want))
			}
			for _, w := range want[:min(maxSplitMismatches, len(want))] {
				if !strings.Contains(note, w) {
					t.Errorf("%s %v: note %q lacks %q", c.file, c.sets, note, w)
				}
			}
			if len(want) > maxSplitMismatches && !strings.HasSuffix(note, fmt.Sprintf(" and %d more.", len(want)-maxSplitMismatches)) {
				t.Errorf("%s %v: note %q, want %d more", c.file, c.sets, note, len(want)-maxSplitMismatches)
			}
		}
		// Each team's split made to add up: no note. Then one row of 5
		// split 2.23, 1.5, 1.23, 0.04: printed 2.2, 1.5, 1.2 and "<0.1",
		// which make up the tenth: still no note. And split 2.27, 1.5,
		// 1.23 instead, printed 2.3, 1.5, 1.2: 5.0, no note either. The
		// control: 2.23, 1.54, 1.23, printed 2.2, 1.5, 1.2 without a
		// "<0.1", is named.
		for _, edit := range []struct {
			split []float64
			named bool
		}{
			{nil, false},
			{[]float64{2.23, 1.5, 1.23, 0.04}, false},
			{[]float64{2.27, 1.5, 1.23}, false},
			{[]float64{2.23, 1.54, 1.23}, true},
		} {
			p := *sp.Plan
			hc := *p.Hiring
			hc.Teams = nil
			for k, tm := range h.Teams {
				tm.Periods = append([]plan.HiringPeriod(nil), tm.Periods...)
				for i := range tm.Periods {
					tm.Periods[i].Functions = []plan.FunctionFTE{{ID: "comp_admin", FTE: tm.Periods[i].Headcount}}
				}
				if k == 0 && edit.split != nil {
					tm.Periods[0].Headcount = 5
					tm.Periods[0].Functions = nil
					for j, x := range edit.split {
						tm.Periods[0].Functions = append(tm.Periods[0].Functions, plan.FunctionFTE{ID: fmt.Sprintf("f%d", j), FTE: x})
					}
				}
				hc.Teams = append(hc.Teams, tm)
			}
			p.Hiring = &hc
			buf.Reset()
			if err := WritePlanView(&buf, &p, Markdown, PlanView{}); err != nil {
				t.Fatal(err)
			}
			s := buf.String()
			hiring := s[strings.Index(s, "Hiring plan in"):]
			if edit.split != nil && strings.Contains(fmt.Sprint(edit.split), "0.04") && !strings.Contains(hiring, "<0.1") {
				t.Fatalf("%s %v %v: no \"<0.1\" printed: the case no longer tests it", c.file, c.sets, edit.split)
			}
			if got := strings.Contains(hiring, roundingNotePrefix); got != edit.named {
				t.Errorf("%s %v, first row split %v: note %v, want %v", c.file, c.sets, edit.split, got, edit.named)
			}
		}
	}
}

// The Hiring sheet gives each period's FTE by function as numbers, a
// column per function (it was one text cell), that add up to what the
// plan gives; the rest of the row is as before.
func TestHiringSheetSplitIsNumeric(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "roster.yaml"), "policy.whole_people=true")
	f, sh, head, col := hiringSheet(t, sp)
	if strings.Join(head[:7], ",") != "team,period,headcount,kept,new,hires,exits" {
		t.Errorf("header %q", head)
	}
	r := findRow(t, f, sh, "central") // today's row, then the periods'
	for _, tm := range sp.Plan.Hiring.Teams {
		r++ // today
		for _, per := range tm.Periods {
			if got := number(t, f, sh, "C"+strconv.Itoa(r)); got != per.Headcount {
				t.Errorf("%s %s: headcount %v, want %v", tm.Team, per.Period, got, per.Headcount)
			}
			var sum, want float64
			in := map[string]bool{}
			for _, fn := range per.Functions {
				c, ok := col[fn.ID]
				if !ok {
					t.Fatalf("no column for %s", fn.ID)
				}
				cell, _ := excelize.CoordinatesToCellName(c, r)
				got := number(t, f, sh, cell)
				if got != fn.FTE {
					t.Errorf("%s %s %s: %v, want %v", tm.Team, per.Period, fn.ID, got, fn.FTE)
				}
				sum += got
				want += fn.FTE
				in[fn.ID] = true
			}
			for id, c := range col {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				if v, _ := f.GetCellValue(sh, cell); !in[id] && v != "" {
					t.Errorf("%s %s %s: %q, want blank", tm.Team, per.Period, id, v)
				}
			}
			if math.Abs(sum-want) > 1e-9 || math.Abs(sum-per.Headcount) > 1e-6 {
				t.Errorf("%s %s: the cells add up to %v, the plan's split to %v, its headcount %v", tm.Team, per.Period, sum, want, per.Headcount)
			}
			r++
		}
	}
}

// The words on a rolled-up hiring plan name only the columns its table
// has: without a team split by its roster's costs, no kept and new (the
// note and the sheet's block said "kept and new people" over a table
// without them).
func TestRolledHiringWordsNameTheirColumns(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "whole-people.yaml"),
		"horizon.period=month", "horizon.periods=6", "horizon.start=2027-01")
	sp.By = RollUpOf(sp.Scenario, "")
	// The same plan with no team split: no roster costs, no kept and new.
	unsplit := *sp.Plan
	h := *unsplit.Hiring
	h.Teams = nil
	for _, tm := range sp.Plan.Hiring.Teams {
		tm.Roster = nil
		tm.Periods = append([]plan.HiringPeriod(nil), tm.Periods...)
		for i := range tm.Periods {
			tm.Periods[i].Kept, tm.Periods[i].New = nil, nil
		}
		h.Teams = append(h.Teams, tm)
	}
	unsplit.Hiring = &h
	for _, p := range []*plan.Plan{sp.Plan, &unsplit} {
		split := splitTeams(p.Hiring)
		var buf bytes.Buffer
		if err := WritePlanView(&buf, p, Markdown, PlanView{By: sp.By}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		out = out[strings.Index(out, "Hiring plan in"):]
		hasCols := strings.Contains(out, "| kept | new |")
		if hasCols != split {
			t.Fatalf("split %v: the table has kept and new columns: %v", split, hasCols)
		}
		if words := strings.Contains(out, "kept and new people"); words != hasCols {
			t.Errorf("split %v: the note names kept and new people: %v, the table has them: %v", split, words, hasCols)
		}
		f := openBook(t, writeBook(t, []ScenarioPlan{{Scenario: sp.Scenario, Plan: p, By: sp.By}}))
		sheet := "Hiring " + p.Scenario
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		at := findRow(t, f, sheet, "By quarter")
		note, head := rows[at][0], rows[at+1]
		if cols := slices.Contains(head, "kept") && slices.Contains(head, "new"); cols != split || strings.Contains(note, "kept and new") != cols {
			t.Errorf("split %v: block note %q over header %q", split, note, head)
		}
	}
}

// Past maxSplitMismatches rows the note names the first and counts the
// rest.
func TestSplitRoundingNoteCountsTheRest(t *testing.T) {
	var ms []splitMismatch
	for k := range maxSplitMismatches + 2 {
		ms = append(ms, splitMismatch{Team: "central", Period: fmt.Sprintf("2027-%02d", k+1), Sum: "18.1", Headcount: "18"})
	}
	note := splitRoundingNote(ms)
	if !strings.Contains(note, fmt.Sprintf("in %d rows: central in 2027-01 (18.1 against 18), ", len(ms))) ||
		!strings.HasSuffix(note, fmt.Sprintf("central in 2027-%02d (18.1 against 18) and 2 more.", maxSplitMismatches)) {
		t.Errorf("note %q", note)
	}
}

// splitMismatches reads the printed rows as a reader adds them: a "<0.1"
// may make up a tenth of a short row, never a row over its headcount, and
// one "<0.1" cannot make up two tenths. One row named is worded on its own.
func TestSplitMismatchesReadsSmallEntries(t *testing.T) {
	row := func(period, head, split string) []string {
		return []string{"central", period, head, "", "", split}
	}
	rows := [][]string{
		row("today", "5", ""),                              // today: no split
		row("2027-Q1", "5", "a 2.2, b 1.5, c 1.2, d <0.1"), // 4.9 and <0.1: adds up
		row("2027-Q2", "5", "a 2.2, b 1.5, c 1.1, d <0.1"), // 4.8 and <0.1: short
		row("2027-Q3", "5", "a 2.2, b 1.5, c 1.1, d <0.1, e <0.1"),
		row("2027-Q4", "5", "a 2.2, b 1.5, c 1.4, d <0.1"), // 5.1: over
		row("2028-Q1", "5", "a 2.5, b 2.5"),
		row("2028-Q2", "0", "-"),
	}
	got := splitMismatches(rows, 2, 5)
	want := []splitMismatch{
		{Team: "central", Period: "2027-Q2", Sum: "4.8", Headcount: "5"},
		{Team: "central", Period: "2027-Q4", Sum: "5.1", Headcount: "5"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("splitMismatches = %+v, want %+v", got, want)
	}
	if note, w := splitRoundingNote(got[:1]), roundingNotePrefix+": as printed, the FTE by function of central in 2027-Q2 add up to 4.8 against a headcount of 5."; note != w {
		t.Errorf("one row: %q, want %q", note, w)
	}
}

// TestHiringSheetCountsWhole: a whole-people hiring plan's headcount,
// kept, new, hires and exits show as the text view prints them, whole
// people ("5"); in earlier versions the sheet showed "5.00".
func TestHiringSheetCountsWhole(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "whole-people.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	sheet := "Hiring " + sp.Plan.Scenario
	checked := 0
	for _, tm := range sp.Plan.Hiring.Teams {
		for _, per := range tm.Periods {
			row := 0
			rows, _ := f.GetRows(sheet)
			for i, r := range rows {
				if len(r) > 1 && r[0] == tm.DisplayName() && r[1] == per.Period {
					row = i + 1
				}
			}
			if row == 0 {
				t.Fatalf("%s %s: no row", tm.DisplayName(), per.Period)
			}
			cols := map[string]float64{"C": per.Headcount, "F": per.Hires, "G": per.Exits}
			if per.Kept != nil && per.New != nil {
				cols["D"], cols["E"] = *per.Kept, *per.New
			}
			for col, x := range cols {
				shown, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, row))
				if want := people(x); shown != want {
					t.Errorf("%s %s: %s%d shows %q, the text view %q", tm.DisplayName(), per.Period, col, row, shown, want)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}

// The hiring sheet's FTE by function reads as the text's hiring table
// prints it, each cell shown by its number format as Excel shows it
// (excelShows): a function the team gives some time to is never a listed
// 0.0, "<0.1" as the text says (whole-people: central's enablement in
// 2027-Q2, 0.047, read 0.0 on the sheet beside the text's "<0.1"). The
// cell still holds the figure (TestHiringSheetSplitIsNumeric).
func TestHiringSheetSmallSharesRead(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "whole-people.yaml"))
	f, sh, _, col := hiringSheet(t, sp)
	small := 0
	r := findRow(t, f, sh, "central") // today's row, then the periods'
	for _, tm := range sp.Plan.Hiring.Teams {
		r++ // today
		for _, per := range tm.Periods {
			// The text's figures, as its table prints them.
			printed := map[string]string{}
			for _, part := range strings.Split(hiringSplit(per), ", ") {
				if id, v, ok := strings.Cut(part, " "); ok {
					printed[id] = v
				}
			}
			for _, fn := range per.Functions {
				cell, _ := excelize.CoordinatesToCellName(col[fn.ID], r)
				id, err := f.GetCellStyle(sh, cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil || st.CustomNumFmt == nil {
					t.Fatalf("%s: style %v, %v", cell, st, err)
				}
				got := excelShows(t, *st.CustomNumFmt, number(t, f, sh, cell))
				if got != printed[fn.ID] {
					t.Errorf("%s %s %s (%v): the sheet reads %q, the text %q", tm.Team, per.Period, fn.ID, fn.FTE, got, printed[fn.ID])
				}
				if got == "<0.1" {
					small++
				}
			}
			r++
		}
	}
	if small == 0 {
		t.Fatal("no function under 0.05 FTE: the test tests nothing")
	}
}

// excelShows is how Excel shows a non-negative x in number format nf, for
// the formats the FTE cells use (excelize formats no conditional
// sections): the first section whose condition, [=v] or [<v], x meets,
// else the last; a section is a quoted literal or 0.0 (rounded half away
// from zero, as Excel shows a number).
func excelShows(t *testing.T, nf string, x float64) string {
	t.Helper()
	sections := strings.Split(nf, ";")
	sec := sections[len(sections)-1]
	for _, s := range sections {
		cond, rest, ok := strings.Cut(s, "]")
		if !ok || !strings.HasPrefix(cond, "[") || len(cond) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(cond[2:], 64)
		if err != nil {
			t.Fatalf("condition %q of %q", cond, nf)
		}
		if (cond[1] == '=' && x == v) || (cond[1] == '<' && x < v) {
			sec = rest
			break
		}
	}
	switch {
	case strings.HasPrefix(sec, `"`) && strings.HasSuffix(sec, `"`):
		return strings.Trim(sec, `"`)
	case sec == "0.0":
		return fmt.Sprintf("%.1f", math.Round(10*x)/10)
	}
	t.Fatalf("section %q of %q", sec, nf)
	return ""
}

// hiringSheet writes sp's workbook and returns it with its Hiring sheet's
// name, header row and the column (1-based) of each function's FTE.
func hiringSheet(t *testing.T, sp ScenarioPlan) (f *excelize.File, sh string, head []string, col map[string]int) {
	t.Helper()
	f = openBook(t, writeBook(t, []ScenarioPlan{sp}))
	sh = "Hiring " + sp.Plan.Scenario
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	head = rows[findRow(t, f, sh, "team")-1]
	col = map[string]int{}
	for i, h := range head {
		if id, ok := strings.CutSuffix(h, " FTE"); ok {
			col[id] = i + 1
		}
	}
	return f, sh, head, col
}
