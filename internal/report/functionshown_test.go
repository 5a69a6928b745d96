package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// deskBelow is the as-is plan of the healthy sliver (checkup's
// healthy.yaml, asis.txtar's sliver) with desk at 0.89997 in North and
// South: desk's coverage over all regions is 0.89997, below the healthy
// 90%, in every year. By the nearest tenth it read "90.0%" in the plan's
// coverage by function and compare's weakest heart function, beside "some
// heart function below 90.0% in some region" and In short's "Desk in
// North at 89.9%".
func deskBelow(t *testing.T) ScenarioPlan {
	t.Helper()
	return asIs(t, "regions[South].current_fte={desk: 0.89997}", "regions[North].current_fte={desk: 0.89997}")
}

func asIs(t *testing.T, sets ...string) ScenarioPlan {
	t.Helper()
	s, err := scenario.Load(filepath.Join("..", "checkup", "testdata", "healthy.yaml"), sets)
	if err != nil {
		t.Fatal(err)
	}
	sp := ScenarioPlan{Scenario: s, Plan: plan.AsIs(s)}
	for _, per := range sp.Plan.Periods {
		if fn := per.Functions[1]; fn.ID != "desk" || !fn.BelowHealthy || Percent(fn.Coverage) != "90.0%" {
			t.Fatalf("the case moved: %s in %s at %v, below healthy %v", fn.ID, per.Label, fn.Coverage, fn.BelowHealthy)
		}
	}
	return sp
}

// section is the text of doc from the line holding head to the next line
// starting with stop (or the end).
func section(t *testing.T, doc, head, stop string) string {
	t.Helper()
	i := strings.Index(doc, head)
	if i < 0 {
		t.Fatalf("no %q in\n%s", head, doc)
	}
	rest := doc[i+len(head):]
	if j := strings.Index(rest, stop); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// inShort is the "In short" paragraph of p's table view.
func inShort(t *testing.T, p *plan.Plan) string {
	t.Helper()
	var out bytes.Buffer
	if err := WritePlan(&out, p, Table); err != nil {
		t.Fatal(err)
	}
	return section(t, out.String(), "In short", "\x00")
}

// The plan's "Coverage by function" prints a heart function below healthy
// over all regions rounded down, in the table, Markdown and HTML views
// (the HTML report renders the Markdown): desk reads 89.9% in each of its
// three years, never 90.0%.
func TestPlanFunctionCoverageAsPrinted(t *testing.T) {
	sp := deskBelow(t)
	var tbl, md bytes.Buffer
	if err := WritePlan(&tbl, sp.Plan, Table); err != nil {
		t.Fatal(err)
	}
	if err := WritePlan(&md, sp.Plan, Markdown); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, []ScenarioPlan{sp}); err != nil {
		t.Fatal(err)
	}
	desk := regexp.MustCompile(`(?m)^.*\bdesk\b.*$`)
	for _, c := range []struct{ name, doc, head, stop string }{
		{"table", tbl.String(), "Coverage by function\n", "FTE by function"},
		{"markdown", md.String(), "Coverage by function\n", "FTE by function"},
		{"html", html.String(), "Coverage by function</h", "FTE by function"},
	} {
		sec := section(t, c.doc, c.head, c.stop)
		row := desk.FindString(sec)
		if c.name == "html" {
			// A row spans lines in the HTML: from desk to its row's end.
			i := strings.Index(sec, ">desk<")
			if i < 0 {
				t.Fatalf("html: no desk row in\n%s", sec)
			}
			row = sec[i:]
			row = row[:strings.Index(row, "</tr>")]
		}
		if got := strings.Count(row, "89.9%"); got != 3 || strings.Contains(row, "90.0%") {
			t.Errorf("%s: desk's row %q, want 89.9%% in each of 3 years and no 90.0%%", c.name, row)
		}
	}
}

// compare's weakest heart function prints the function as the plan's
// coverage by function does: "Desk 89.9% in every year", not "Desk 90.0%"
// beside "no: some heart function below 90.0% in some region"; its JSON
// keeps the exact coverage and says it is below healthy.
func TestCompareWeakestFunctionAsPrinted(t *testing.T) {
	sp := deskBelow(t)
	c := plan.NewComparison([]string{"a.yaml", "b.yaml"}, []*scenario.Scenario{sp.Scenario, sp.Scenario}, []*plan.Plan{sp.Plan, sp.Plan})
	for _, f := range []Format{Table, Markdown} {
		var out bytes.Buffer
		if err := WriteComparison(&out, c, f); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		if n := strings.Count(text, "Desk 89.9% in every year"); n != 2 || strings.Contains(text, "Desk 90.0%") {
			t.Errorf("%s: %d columns say \"Desk 89.9%% in every year\", want 2 and no \"Desk 90.0%%\":\n%s", f, n, text)
		}
	}
	var out bytes.Buffer
	if err := WriteComparison(&out, c, JSON); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Scenarios []struct {
			WeakestHeart struct {
				ID           string  `json:"id"`
				Coverage     float64 `json:"coverage"`
				BelowHealthy bool    `json:"below_healthy"`
			} `json:"weakest_heart"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	w := doc.Scenarios[0].WeakestHeart
	if want := sp.Plan.Periods[0].Functions[1].Coverage; w.ID != "desk" || w.Coverage != want || !w.BelowHealthy {
		t.Errorf("JSON weakest heart %+v, want desk at the exact %v, below healthy", w, want)
	}
}

// In short's weakest function over all regions prints it as the coverage
// by function does: Hub at 0.89997 in both regions, beside Desk in North
// at 85.0%, is "Hub (89.9% every year)", which read "Hub (90.0% every
// year)".
func TestInShortWeakestFunctionAsPrinted(t *testing.T) {
	s, err := scenario.Load(filepath.Join("..", "checkup", "testdata", "healthy.yaml"), []string{
		"regions[North].seller_growth_per_year=0", "regions[South].seller_growth_per_year=0",
		// 1.439952 FTE at 1.25 FTE-equivalents each for a demand of 2.
		"central.current_fte={hub: 1.439952, insight: 2}", "regions[North].current_fte={desk: 0.85}",
	})
	if err != nil {
		t.Fatal(err)
	}
	short := inShort(t, plan.AsIs(s))
	if want := "the weakest function over all regions is Hub (89.9% every year)"; !strings.Contains(short, want) {
		t.Errorf("no %q in In short:\n%s", want, short)
	}
	if strings.Contains(short, "90.0% every year") {
		t.Errorf("In short reads Hub at 90.0%%:\n%s", short)
	}
}

// TestXLSXFunctionCoverageAsPrinted: the Plan sheet's coverage by function
// shows each function's coverage as the text's coverage by function
// prints it, a heart function below healthy over all regions rounded
// down, by a formula over the exact coverage in the "(exact)" columns at
// the right (as TestXLSXCellsAsPrinted checks the Cells sheet): desk at
// 0.89997 over North and South, 89.9% in the text, showed 90.0% in a cell
// holding 0.89997 in a 0.0% format.
func TestXLSXFunctionCoverageAsPrinted(t *testing.T) {
	sliver := deskBelow(t)
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{sliver, base}))
	below := 0
	for _, sp := range []ScenarioPlan{sliver, base} {
		sh := SanitizeSheetName("Plan " + sp.Plan.Scenario)
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		head := slices.IndexFunc(rows, func(r []string) bool {
			return len(r) > 3 && r[0] == "function" && r[1] == "name" && r[3] == "floor"
		}) + 1
		if head == 0 {
			t.Fatalf("%s: no coverage by function", sh)
		}
		p := sp.Plan
		for i, fn := range p.Periods[0].Functions {
			row := head + 1 + i
			if rows[row-1][0] != fn.ID {
				t.Fatalf("%s: row %d is %q, want %s", sh, row, rows[row-1][0], fn.ID)
			}
			for k, per := range p.Periods {
				x := per.Functions[i]
				cell := ref(5+k, row)
				if got, want := shownCell(t, f, sh, cell), coveragePercent(x.Coverage, x.BelowHealthy); got != want {
					t.Errorf("%s!%s (%s, %s) shows %q, the text %q (%v, below healthy %v)", sh, cell, fn.ID, per.Label, got, want, x.Coverage, x.BelowHealthy)
				}
				col := slices.Index(rows[head-1], per.Label+" (exact)") + 1
				if col == 0 {
					t.Fatalf("%s: no column %q in row %d", sh, per.Label+" (exact)", head)
				}
				if got := number(t, f, sh, ref(col, row)); got != x.Coverage {
					t.Errorf("%s!%s (%s, %s) holds %v, the plan's coverage %v", sh, ref(col, row), fn.ID, per.Label, got, x.Coverage)
				}
				computes(t, f, sh, cell)
				if x.BelowHealthy {
					below++
					if got := shownCell(t, f, sh, cell); got != "89.9%" {
						t.Errorf("%s!%s (%s, %s) shows %q, want 89.9%%", sh, cell, fn.ID, per.Label, got)
					}
				}
			}
		}
	}
	if below != 3 {
		t.Errorf("%d heart functions below healthy checked, want desk's 3 years", below)
	}
}
