package report

import (
	"bytes"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// parseMoney reads back what FormatMoney and FormatMoneyWhole print.
func parseMoney(t *testing.T, text string) float64 {
	t.Helper()
	x, err := plan.ParseMoney(strings.TrimSpace(text))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// The budget case's table rounds every figure on its own (a least budget
// or spend up), so its rows need not add up to its total as printed; when
// they do not, a sentence under the table says what they add up to. Re-derived from the printed
// table: the rows' cells are read back and summed, and the sentence is
// there exactly when a column's sum differs from its total cell, with
// that sum and that total. The workbook, whose cells are in cents and
// totals SUM formulas, leaves the sentence out.
func TestBudgetCaseRoundingNote(t *testing.T) {
	report := func(budgets, spends []float64) *plan.BudgetCaseReport {
		r := &plan.BudgetCaseReport{FormatVersion: 1, Scenario: "x", Currency: "USD", Period: "quarter", HealthyHeart: 0.9, Heart: 0.9, Feasible: true}
		for i := range budgets {
			r.Periods = append(r.Periods, plan.CasePeriod{Label: "2027-Q" + strconv.Itoa(i+1), Budget: budgets[i], Spend: spends[i], CurrentBudget: 1.55e6})
			r.Total += budgets[i]
			r.CurrentTotal += 1.55e6
		}
		return r
	}
	four := func(x float64) []float64 { return []float64{x, x, x, x} }
	cases := []struct {
		name string
		r    *plan.BudgetCaseReport
		want string
	}{
		{"both columns", report(four(1393333.34), []float64{1285000, 1295000, 1315000, 1335000}),
			"Each figure is rounded on its own: as printed, the quarters' budgets needed add up to $5.60M against a total of $5.58M, their least spends to $5.25M against $5.23M, and their differences to -$600k against -$620k."},
		{"adds up", report(four(1.4e6), four(1.3e6)), ""},
		// $338k four times is $1,352k, which reads $1.35M as the total does.
		{"rounds to the total", report(four(350000), four(337500)), ""},
		{"signed", report(four(1603333), four(1.5e6)),
			"Each figure is rounded on its own: as printed, the quarters' budgets needed add up to $6.44M against a total of $6.42M, and their differences to +$240k against +$220k."},
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := WriteBudgetCase(&b, c.r, Table); err != nil {
			t.Fatal(err)
		}
		got := checkRoundingNote(t, c.name, b.String(), "budget needed",
			map[string]string{"budget needed": "budgets needed", "least spend": "least spends", "scenario budget": "scenario budgets", "difference": "differences"})
		if got != c.want {
			t.Errorf("%s: note %q, want %q\n%s", c.name, got, c.want, b.String())
		}
	}
}

// The plan's table of periods, rounded to the nearest, says so too when a
// money column does not add up as printed: re-derived from the printed
// tables of the bundled plans, rolled up or not, and some do say it.
func TestPlanRoundingNote(t *testing.T) {
	notes := 0
	for _, f := range []string{"baseline.yaml", "monthly-fiscal.yaml", "shrinking-budget.yaml", "whole-people.yaml"} {
		sp := planned(t, filepath.Join("..", "..", "scenarios", f))
		for _, by := range []*RollUp{nil, RollUpOf(sp.Scenario, "")} {
			var b bytes.Buffer
			if err := WritePlanBy(&b, sp.Plan, Table, by); err != nil {
				t.Fatal(err)
			}
			got := checkRoundingNote(t, f, b.String(), "spend", map[string]string{"spend": "spends", "budget": "budgets", "unspent": "unspent amounts"})
			if got != "" {
				notes++
			}
		}
	}
	if notes == 0 {
		t.Error("no bundled plan's table needs the note: the test checks too little")
	}
}

// checkRoundingNote reads back the first table of out whose header has
// the column first, sums the printed figures of the money columns (header
// to the words the note uses for them) over its rows down to the total
// row, and checks that the note (returned, "" if none) names exactly the
// columns whose sum, printed as the total is, differs from their total,
// with both figures.
func checkRoundingNote(t *testing.T, name, out, first string, cols map[string]string) string {
	t.Helper()
	got := ""
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, roundingNotePrefix) {
			if got != "" {
				t.Fatalf("%s: two rounding notes", name)
			}
			got = line
		}
	}
	index := map[string]int{}
	sums, totals := map[string]float64{}, map[string]float64{}
	done := false
	for _, line := range strings.Split(out, "\n") {
		cells := strings.Split(line, "│")
		if done || len(cells) < 3 {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(index) == 0 {
			if slices.Contains(cells, first) {
				for i, c := range cells {
					if _, ok := cols[c]; ok {
						index[c] = i
					}
				}
			}
			continue
		}
		for c, i := range index {
			if cells[1] == "total" {
				totals[c] = parseMoney(t, cells[i])
			} else {
				sums[c] += parseMoney(t, cells[i])
			}
		}
		done = cells[1] == "total"
	}
	if len(index) != len(cols) || !done {
		t.Fatalf("%s: no table with %v and a total row:\n%s", name, cols, out)
	}
	for c, what := range cols {
		says := strings.Contains(got, " "+what+" ")
		// A reader rounds the sum as the total is printed.
		if differ := plan.FormatMoney("USD", sums[c]) != plan.FormatMoney("USD", totals[c]); differ != says {
			t.Errorf("%s: the %s add up to %v as printed, the total is %v, and the note says so: %v (%q)", name, what, sums[c], totals[c], says, got)
		}
		if says {
			tail := got[strings.Index(got, " "+what+" "):]
			if !strings.Contains(tail, plan.FormatMoney("USD", totals[c])) || !strings.Contains(tail, plan.FormatMoney("USD", sums[c])) {
				t.Errorf("%s: the %s add up to %v against %v; the note says %q", name, what, sums[c], totals[c], tail)
			}
		}
	}
	return got
}
