package report

import (
	"bytes"
	"context"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestBudgetCaseFirstYearAndRollUp re-derives, from the case's numbers,
// the first-year words and every row of the rolled-up table of budget
// cases whose budget changes per year: a monthly plan in a fiscal year
// (by quarter and by year), and quarters in a horizon that starts no year.
func TestBudgetCaseFirstYearAndRollUp(t *testing.T) {
	for _, tc := range []struct {
		file string
		sets []string
		by   scenario.PeriodKind // "" for the table as it is
		// The first year as the words name it: "in FY28, the first year"
		// or "in the first year (2027-Q2 to 2028-Q1)".
		in   string
		rows int
	}{
		{"../../scenarios/monthly-fiscal.yaml", nil, scenario.Quarter, "in FY28, the first year", 6},
		{"../../scenarios/monthly-fiscal.yaml", nil, scenario.Year, "in FY28, the first year", 2},
		// 2027-Q2: $1.71M needed on $1,557,xxx, printed $1.56M.
		{"../../scenarios/shrinking-budget.yaml", nil, "", "in 2027, the first year", 8},
		{"../../scenarios/shrinking-budget.yaml", []string{"horizon.start=2027-Q2"}, "", "in the first year (2027-Q2 to 2028-Q1)", 8},
		{"../../scenarios/shrinking-budget.yaml", []string{"horizon.periods=3"}, "", "", 3},
		// Years: the first year is the annual figure itself, not said twice.
		{"../../scenarios/shrinking-budget.yaml", []string{"horizon.period=year", "horizon.start=2027", "horizon.periods=3"}, "", "", 3},
	} {
		name := tc.file + " " + strings.Join(tc.sets, " ") + " by " + string(tc.by)
		s, err := scenario.Load(tc.file, tc.sets)
		if err != nil {
			t.Fatal(err)
		}
		r, err := plan.RunBudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
		if err != nil || !r.Feasible || r.Annual == nil {
			t.Fatalf("%s: %v, feasible %v", name, err, r != nil && r.Feasible)
		}
		var by *RollUp
		if tc.by != "" {
			by = &RollUp{By: string(tc.by), Size: s.GroupSize(tc.by), Unit: string(s.Horizon.Period)}
			for t := range s.Periods() {
				by.Groups = append(by.Groups, s.GroupLabel(t, tc.by))
			}
		}
		var b bytes.Buffer
		if err := WriteBudgetCaseBy(&b, r, Markdown, by); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		money := func(x float64) string { return plan.FormatMoney(r.Currency, x) }

		// The first year: the sum of its periods' budgets, at the least
		// budget and at the scenario's.
		n := s.GroupSize(scenario.Year)
		fy := r.FirstYear
		if tc.in == "" {
			yearly := fy != nil && n == 1 && fy.Year == s.PeriodLabel(0) && math.Abs(fy.Factor-1) < 1e-12
			if fy != nil && !yearly || strings.Contains(out, "the first year") {
				t.Errorf("%s: a horizon of %d periods says a first year: %+v", name, s.Periods(), fy)
			}
			if st := r.Step; st != nil && (st.FirstYearAmount != 0 || strings.Contains(out, "a year at the start (")) {
				t.Errorf("%s: the step says a first year: %+v", name, st)
			}
		} else {
			if fy == nil {
				t.Fatalf("%s: no first year", name)
			}
			var need, have float64
			for _, per := range r.Periods[:n] {
				need += per.Budget
				have += per.CurrentBudget
			}
			if math.Abs(fy.Budget-need) > 1e-6*need || math.Abs(fy.CurrentBudget-have) > 1e-6*have ||
				math.Abs(fy.Budget-fy.Factor**r.Annual) > 1e-6*need {
				t.Errorf("%s: first year %+v, want budget %.2f, current %.2f", name, fy, need, have)
			}
			want := money(plan.CeilMoney(need)) + " " + tc.in
			if !strings.Contains(out, "a year at the start, changing") || !strings.Contains(out, ": "+want+";") {
				t.Errorf("%s: words lack %q:\n%s", name, want, out)
			}
			again := strings.TrimSuffix(tc.in, ", the first year")
			if fy.Year == "" {
				again = "in that year"
			}
			if want := "(" + money(have) + " " + again + ")"; !strings.Contains(out, want) {
				t.Errorf("%s: words lack %q:\n%s", name, want, out)
			}
			// The step's $100k a year is on the rate at the start: what it
			// adds to the first year's periods is said too.
			st := r.Step
			if st == nil {
				t.Fatalf("%s: no step", name)
			}
			var added float64
			for k := range n {
				added += plan.WithBudget(s, *r.Annual+st.Amount).PeriodBudget(k) - plan.WithBudget(s, *r.Annual).PeriodBudget(k)
			}
			if math.Abs(st.FirstYearAmount-added) > 1e-6*st.Amount {
				t.Errorf("%s: the step adds %.2f to the first year, the periods %.2f", name, st.FirstYearAmount, added)
			}
			in := strings.TrimSuffix(tc.in, " (2027-Q2 to 2028-Q1)")
			if want := "Each further " + money(st.Amount) + " a year at the start (" + money(added) + " " + in + ") "; !strings.Contains(out, want) {
				t.Errorf("%s: words lack %q:\n%s", name, want, out)
			}
		}

		// The table: one row per group, each the sum of its periods.
		type group struct {
			label                  string
			budget, spend, budget0 float64
		}
		var groups []group
		for t, per := range r.Periods {
			label := per.Label
			if by != nil {
				label = by.Groups[t]
			}
			if len(groups) == 0 || groups[len(groups)-1].label != label {
				groups = append(groups, group{label: label})
			}
			g := &groups[len(groups)-1]
			g.budget += per.Budget
			g.spend += per.Spend
			g.budget0 += per.CurrentBudget
		}
		row := regexp.MustCompile(`(?m)^\| (\S+)(?: \(\d+ months?\))?\s+\|\s+(\S+) \|\s+(\S+) \|\s+(\S+) \|\s+(\S+) \|`)
		var got [][]string
		for _, m := range row.FindAllStringSubmatch(out, -1) {
			if m[1] != "period" && m[1] != "total" && !strings.HasPrefix(m[1], ":") {
				got = append(got, m[1:])
			}
		}
		if len(got) != tc.rows || len(groups) != tc.rows {
			t.Fatalf("%s: %d rows, %d groups, want %d:\n%s", name, len(got), len(groups), tc.rows, out)
		}
		for i, g := range groups {
			// The budget needed is the least rounded up, and further up by
			// what printing the scenario's budget added to it (caseRow).
			shown := moneyValue(money(g.budget0))
			want := []string{g.label, money(plan.CeilMoney(g.budget + math.Max(0, shown-g.budget0))), money(plan.CeilMoney(g.spend)), money(g.budget0)}
			if strings.Join(got[i][:4], " ") != strings.Join(want, " ") {
				t.Errorf("%s: row %d is %q, want %q", name, i, got[i], want)
			}
			// The row subtracts as printed, and its difference added to
			// the exact scenario budget reaches the least budget.
			need, have, diff := moneyValue(got[i][1]), moneyValue(got[i][3]), moneyValue(strings.TrimPrefix(got[i][4], "+"))
			if math.Abs(need-have-diff) > 0.005 {
				t.Errorf("%s: row %q does not subtract: %s - %s is not %s", name, got[i], got[i][1], got[i][3], got[i][4])
			}
			if g.budget0+diff < g.budget*(1-1e-12) {
				t.Errorf("%s: row %q: %.2f + %s falls short of %.2f", name, got[i], g.budget0, got[i][4], g.budget)
			}
		}
		if rolled := strings.Contains(out, "rolled up to"); rolled != (by != nil) {
			t.Errorf("%s: roll-up note %v, want %v", name, rolled, by != nil)
		}

		// JSON and CSV carry every period, whatever the roll-up.
		for f, key := range map[Format]string{JSON: `"label": "`, CSV: "\n" + r.Periods[0].Label[:2]} {
			b.Reset()
			if err := WriteBudgetCaseBy(&b, r, f, by); err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(b.String(), key); got != len(r.Periods) {
				t.Errorf("%s: %v has %d periods, want %d", name, f, got, len(r.Periods))
			}
		}
	}
}
