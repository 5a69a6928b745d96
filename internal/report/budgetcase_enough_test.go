package report

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// When the scenario's budget reaches the least but the least, rounded up
// for print, is above it (the baseline at budget.annual=5593031, least
// $5,593,030.88), the sentence says "enough"; the note and the table must
// not read as a shortfall beside it. Re-derived from the case's numbers:
// the scale the note prints is not "larger" when the least is within the
// scenario's budget, and every row whose difference reads "+" either
// needs more than its scenario's budget or is named by the note with its
// exact figures, which show the least within the budget. In earlier
// versions the note read "0.2% larger than the scenario's" and the
// total's "+$10.0k" went unexplained. With a surplus the scale is the
// printed need's, as the surplus's share is.
func TestBudgetCaseEnoughTableAgrees(t *testing.T) {
	for _, have := range []float64{5593031, 5593029, 5690000} {
		least := 5593030.88
		k := least / have
		r := &plan.BudgetCaseReport{Scenario: "FY27 baseline", Currency: "USD", Period: "quarter", Heart: 0.9, HealthyHeart: 0.9,
			Feasible: true, Annual: &least, CurrentAnnual: &have, Scale: k, Total: least, CurrentTotal: have}
		for q := range 4 {
			r.Periods = append(r.Periods, plan.CasePeriod{Label: "2027-Q" + strconv.Itoa(q+1), Budget: k * have / 4, Spend: 1.3e6 + 2e4*float64(q), CurrentBudget: have / 4})
		}
		var b bytes.Buffer
		if err := WriteBudgetCase(&b, r, Table); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		// Enough, though the need printed is above the scenario's budget.
		enough := have >= least && plan.CeilMoney(least) > have
		if got := strings.Contains(text, ", enough, with less than"); got != enough {
			t.Fatalf("have %v, least %v: enough %v in\n%s", have, least, got, text)
		}
		m := regexp.MustCompile(`scaled by the same factor \(([^)]*)\)`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("no scale in\n%s", text)
		}
		if larger := strings.Contains(m[1], "larger"); larger != (have < least) {
			t.Errorf("have %v, least %v (scale %v): the note says %q\n%s", have, least, k, m[1], text)
		}
		// A surplus's share and the scale are the same cut, and read alike.
		if g := regexp.MustCompile(`\(([0-9.]+%) of its budget\) more than it needs`).FindStringSubmatch(text); g != nil && m[1] != g[1]+" smaller than the scenario's" {
			t.Errorf("have %v: a surplus of %s, a scale of %q", have, g[1], m[1])
		}
		named := map[string][2]float64{}
		for _, n := range regexp.MustCompile(`in (\S+) \(\$([0-9,.]+) against a least of \$([0-9,.]+)\)`).FindAllStringSubmatch(text, -1) {
			num := func(s string) float64 { x, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); return x }
			named[n[1]] = [2]float64{num(n[2]), num(n[3])}
		}
		exact := map[string][2]float64{"total": {r.CurrentTotal, r.Total}}
		for _, per := range r.Periods {
			exact[per.Label] = [2]float64{per.CurrentBudget, per.Budget}
		}
		for _, row := range regexp.MustCompile(`│ (\S+)\s+│.*│\s+(\S+) │\n`).FindAllStringSubmatch(text, -1) {
			label, diff := row[1], row[2]
			e, ok := exact[label]
			if !ok || !strings.HasPrefix(diff, "+") {
				continue
			}
			n, said := named[label]
			switch {
			case e[1] > e[0] && said:
				t.Errorf("have %v: %s needs %v of %v, yet the note says it reaches it", have, label, e[1], e[0])
			case e[1] <= e[0] && !said:
				t.Errorf("have %v: %s reads %s with its least %v within %v, and the note does not say why\n%s", have, label, diff, e[1], e[0], text)
			case said && (n[0] != Cents(e[0]) || n[1] != CentsUp(e[1]) || n[1] > n[0]):
				t.Errorf("have %v: the note's %s figures %v, the case's %v", have, label, n, e)
			}
		}
		if enough && len(named) == 0 {
			t.Errorf("have %v: no row named\n%s", have, text)
		}
	}
}
