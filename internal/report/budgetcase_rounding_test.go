package report

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// parseMoney reads back what FormatMoney and FormatMoneyWhole print.
func parseMoney(t *testing.T, text string) float64 {
	t.Helper()
	x, err := plan.ParseMoney(strings.TrimPrefix(strings.TrimSpace(text), "+"))
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
		{"to the dollar", report(four(350000), four(337500)),
			"Each figure is rounded on its own: as printed, the quarters' least spends add up to $1,352,000 against a total of $1.35M."},
		{"signed", report(four(1603333), four(1.5e6)),
			"Each figure is rounded on its own: as printed, the quarters' budgets needed add up to $6.44M against a total of $6.42M, and their differences to +$240k against +$220k."},
	}
	for _, c := range cases {
		var b bytes.Buffer
		if err := WriteBudgetCase(&b, c.r, Table); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		got := ""
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, roundingNotePrefix) {
				got = line
			}
		}
		if got != c.want {
			t.Errorf("%s: note %q, want %q\n%s", c.name, got, c.want, out)
		}
		// Read the table back: the four money columns of the period rows
		// and of the total row.
		names := []string{"budgets needed", "least spends", "scenario budgets", "differences"}
		var sums, totals [4]float64
		for _, line := range strings.Split(out, "\n") {
			cells := strings.Split(line, "│")
			if len(cells) < 7 {
				continue
			}
			label := strings.TrimSpace(cells[1])
			for k := range names {
				switch {
				case strings.HasPrefix(label, "2027-"):
					sums[k] += parseMoney(t, cells[2+k])
				case label == "total":
					totals[k] = parseMoney(t, cells[2+k])
				}
			}
		}
		for k, what := range names {
			says := strings.Contains(got, what)
			if differ := math.Abs(sums[k]-totals[k]) >= 0.005; differ != says {
				t.Errorf("%s: the %s add up to %v as printed, the total is %v, and the note says so: %v", c.name, what, sums[k], totals[k], says)
			}
			if says {
				tail := got[strings.Index(got, what):]
				if !strings.Contains(tail, plan.FormatMoney("USD", totals[k])) || !(strings.Contains(tail, plan.FormatMoney("USD", sums[k])) || strings.Contains(tail, plan.FormatMoneyWhole("USD", sums[k]))) {
					t.Errorf("%s: the %s add up to %v against %v; the note says %q", c.name, what, sums[k], totals[k], tail)
				}
			}
		}
	}
}
