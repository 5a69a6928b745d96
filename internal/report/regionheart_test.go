package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// twoDesksFile (internal/plan/testdata/two-desks.yaml) is a plan of two
// regions whose heart is two local functions, desk and pod, neither of
// which may be hired for: North covers both at 89.96%, so its heart is
// 89.96%, below the healthy 90%, in every year; South covers desk at 85%
// and pod in full, a heart of 92.5%. By the nearest tenth North's heart
// read "90.0%" in the plan's regions table and In short, beside a heart
// that is not healthy.
const twoDesksFile = "../plan/testdata/two-desks.yaml"

func twoDesks(t *testing.T) ScenarioPlan {
	t.Helper()
	s, err := scenario.Load(twoDesksFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	sp := ScenarioPlan{Scenario: s, Plan: plan.AsIs(s)}
	for _, per := range sp.Plan.Periods {
		if r := per.Regions[0]; r.Name != "North" || !r.BelowHealthy || Percent(r.Heart) != "90.0%" {
			t.Fatalf("the case moved: %s in %s at %v, below healthy %v", r.Name, per.Label, r.Heart, r.BelowHealthy)
		}
	}
	return sp
}

// The plan's "Regions: heart / brain (local FTE)" prints a region's heart
// below healthy rounded down, in the table, Markdown and HTML views:
// North reads 89.9% in each of its three years, never 90.0%.
func TestPlanRegionHeartAsPrinted(t *testing.T) {
	sp := twoDesks(t)
	var tbl, md, html bytes.Buffer
	if err := WritePlan(&tbl, sp.Plan, Table); err != nil {
		t.Fatal(err)
	}
	if err := WritePlan(&md, sp.Plan, Markdown); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&html, []ScenarioPlan{sp}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, doc, head, start, end string }{
		{"table", tbl.String(), "Regions: heart / brain (local FTE)\n", "│ North", "\n"},
		{"markdown", md.String(), "Regions: heart / brain (local FTE)\n", "| North", "\n"},
		// A row spans lines in the HTML: from North to its row's end.
		{"html", html.String(), "Regions: heart / brain (local FTE)</h", ">North<", "</tr>"},
	} {
		sec := section(t, c.doc, c.head, "Coverage by function and region")
		i := strings.Index(sec, c.start)
		if i < 0 {
			t.Fatalf("%s: no North row in\n%s", c.name, sec)
		}
		row := sec[i:]
		row = row[:strings.Index(row, c.end)]
		if got := strings.Count(row, "89.9% / "); got != 3 || strings.Contains(row, "90.0%") {
			t.Errorf("%s: North's row %q, want a heart of 89.9%% in each of 3 years and no 90.0%%", c.name, row)
		}
	}
}

// In short's weakest region prints the region's heart as the regions
// table does: "North (89.9% every year)", which read "North (90.0% every
// year)" beside "some heart function below 90.0% in some region".
func TestInShortWeakestRegionAsPrinted(t *testing.T) {
	short := inShort(t, twoDesks(t).Plan)
	if want := "the weakest region over all heart functions is North (89.9% every year)"; !strings.Contains(short, want) {
		t.Errorf("no %q in In short:\n%s", want, short)
	}
	if strings.Contains(short, "North (90.0%") {
		t.Errorf("In short reads North at 90.0%%:\n%s", short)
	}
}

// TestXLSXRegionHeartAsPrinted: the Plan sheet's regions show each
// region's heart as the text's regions table prints it, one below healthy
// rounded down, by a formula over the exact heart in the "(exact)"
// columns at the right: North at 89.96% and the baseline's APAC at 89.96%
// in 2027-Q3 (budget.annual=5.5e6) showed 90.0% in a cell holding the
// exact heart in a 0.0% format.
func TestXLSXRegionHeartAsPrinted(t *testing.T) {
	two := twoDesks(t)
	base := planned(t, "../../scenarios/baseline.yaml", "budget.annual=5.5e6")
	f := openBook(t, writeBook(t, []ScenarioPlan{two, base}))
	below, apart := 0, 0
	for _, sp := range []ScenarioPlan{two, base} {
		sh := SanitizeSheetName("Plan " + sp.Plan.Scenario)
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		sec := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Regions" })
		if sec < 0 {
			t.Fatalf("%s: no regions", sh)
		}
		head := sec + slices.IndexFunc(rows[sec:], func(r []string) bool { return len(r) > 0 && r[0] == "region" }) + 1
		p := sp.Plan
		for i, reg := range p.Periods[0].Regions {
			row := head + 2 + i
			if rows[row-1][0] != reg.Name {
				t.Fatalf("%s: row %d is %q, want %s", sh, row, rows[row-1][0], reg.Name)
			}
			for k, per := range p.Periods {
				x := per.Regions[i]
				cell := ref(3+5*k, row)
				if got, want := shownCell(t, f, sh, cell), coveragePercent(x.Heart, x.BelowHealthy); got != want {
					t.Errorf("%s!%s (%s, %s) shows %q, the text %q (%v, below healthy %v)", sh, cell, reg.Name, per.Label, got, want, x.Heart, x.BelowHealthy)
				}
				col := slices.Index(rows[head-1], per.Label+" (exact)") + 1
				if col == 0 || rows[head][col-1] != "heart" {
					t.Fatalf("%s: no column %q over \"heart\" in rows %d-%d", sh, per.Label+" (exact)", head, head+1)
				}
				if got := number(t, f, sh, ref(col, row)); got != x.Heart {
					t.Errorf("%s!%s (%s, %s) holds %v, the plan's heart %v", sh, ref(col, row), reg.Name, per.Label, got, x.Heart)
				}
				computes(t, f, sh, cell)
				if x.BelowHealthy {
					below++
					if Percent(x.Heart) != coveragePercent(x.Heart, true) {
						apart++
					}
				}
			}
		}
	}
	if below == 0 || apart < 4 {
		t.Errorf("%d regions below healthy checked, %d of which read otherwise to the nearest tenth; want North's 3 years and APAC's 2027-Q3", below, apart)
	}
}
