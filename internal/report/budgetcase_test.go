package report

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

func TestBudgetCaseWords(t *testing.T) {
	money := func(x float64) string { return plan.FormatMoney("USD", x) }
	for _, tc := range []struct{ got, want string }{
		// A shortfall is rounded up (250/6200 = 4.03%), a surplus down
		// (300/6200 = 4.84%): acting on either still reaches the targets.
		{budgetGap(money, 6.45e6, 6.2e6, " a year"), ", $250k a year (4.1% of its budget) short of it"},
		{budgetGap(money, 5.9e6, 6.2e6, " a year"), ", $300k a year (4.8% of its budget) more than it needs"},
		{budgetGap(money, 6.2e6, 6.2e6, " a year"), ", exactly that"},
		// hiring-costs at --heart 0.9 --brain 0.6: the least is
		// $6,197,212, printed $6.20M, the scenario's budget; it is not
		// "exactly that".
		{budgetGapOf(money, plan.CeilMoney, 0.5, 6.2e6, 6197211.64, 6.2e6, " a year"), ", enough, with less than $10.0k a year to spare"},
		{budgetGapOf(money, plan.CeilMoney, 0.5, 6.2e6, 6.2e6-0.2, 6.2e6, " a year"), ", exactly that"},
		{scaleWords(1.04), "4.0% larger than the scenario's"},
		{scaleWords(0.9), "10.0% smaller than the scenario's"},
		{scaleWords(1.0401), "4.1% larger than the scenario's"},
		{scaleWords(0.8999), "10.0% smaller than the scenario's"},
		{signedMoney(money, 186000), "+$186k"},
		{signedMoney(money, -103000), "-$103k"},
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.9, HeartPlus: 0.9, BrainMean: 0.17, BrainPlus: 0.291, BrainDelta: 0.121}, nil, 0.9),
			"Each further $100k a year buys +12.1 points of brain on average (17.0% to 29.1%); the heart stays at 90.0%."},
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.9, HeartPlus: 0.904, HeartDelta: 0.004, BrainMean: 0.801, BrainPlus: 0.813, BrainDelta: 0.012}, nil, 0.9),
			"Each further $100k a year buys +0.4 points of heart and +1.2 points of brain on average (heart 90.0% to 90.4%, brain 80.1% to 81.3%)."},
		// The roster example in whole people at its least budget for a
		// 90% heart: the money moves heart above healthy into brain.
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.918677, HeartPlus: 0.9, HeartDelta: -0.018677, BrainMean: 0, BrainPlus: 0.230438, BrainDelta: 0.230438}, nil, 0.9),
			"Each further $100k a year buys +23.0 points of brain and gives up 1.9 points of heart on average (heart 91.9% to 90.0%, brain 0.0% to 23.0%)."},
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.95, HeartPlus: 0.94, HeartDelta: -0.01, BrainMean: 0.2, BrainPlus: 0.2}, nil, 0.9),
			"Each further $100k a year gives up 1.0 points of heart on average (95.0% to 94.0%); the brain stays at 20.0%."},
		{stepGapWords(money, &plan.BudgetStepEffect{Amount: 1e5, Gap: 0.176801, GapPlus: 0.0435}),
			"The search stopped at its node limit in both plans: the one at the least budget is within 17.69% of the best possible, the one with $100k more within 4.35%."},
		{stepGapWords(money, &plan.BudgetStepEffect{Amount: 1e5, Gap: 0.02}),
			"The search stopped at its node limit in the plan at the least budget, which is within 2.00% of the best possible."},
		{stepGapWords(money, &plan.BudgetStepEffect{Amount: 1e5, GapPlus: 0.001}),
			"The search stopped at its node limit in the plan with $100k more, which is within 0.10% of the best possible."},
		{stepGapWords(money, &plan.BudgetStepEffect{Amount: 1e5}), ""},
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.9, HeartPlus: 0.9, BrainMean: 0.2, BrainPlus: 0.2}, nil, 0.9),
			"Each further $100k a year buys less than 0.1 points of heart or brain on average (heart 90.0%, brain 20.0%)."},
		// centralize-everything: the change is the printed scores'
		// difference (34.8 - 22.1), not the exact 12.63 rounded to 12.6.
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.9, HeartPlus: 0.9, BrainMean: 0.221494, BrainPlus: 0.347780, BrainDelta: 0.126286}, nil, 0.9),
			"Each further $100k a year buys +12.7 points of brain on average (22.1% to 34.8%); the heart stays at 90.0%."},
		// A heart target past a tenth: the heart at it reads 90.54%, and
		// its change is the printed figures' at their decimals (90.8 -
		// 90.54), where a tenth read "90.5% to 90.8%" and "+0.3 points".
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.90539999, HeartPlus: 0.9081, BrainMean: 0.2, BrainPlus: 0.3}, nil, 0.9054),
			"Each further $100k a year buys +0.26 points of heart and +10.0 points of brain on average (heart 90.54% to 90.8%, brain 20.0% to 30.0%)."},
		{stepWords(money, &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.9054, HeartPlus: 0.90541, BrainMean: 0.2, BrainPlus: 0.3}, nil, 0.9054),
			"Each further $100k a year buys +10.0 points of brain on average (20.0% to 30.0%); the heart stays at 90.54%."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestBudgetCaseInfeasibleText(t *testing.T) {
	r := &plan.BudgetCaseReport{Scenario: "S", Currency: "USD", Period: "quarter", HealthyHeart: 0.9, Heart: 0.9, Brain: 0.5,
		Problems: []string{"the headcount cap of 38 FTE is below the 39.4 FTE required by the comp_admin floor (80%)"}}
	var b bytes.Buffer
	if err := WriteBudgetCase(&b, r, Markdown); err != nil {
		t.Fatal(err)
	}
	want := "# S: budget case\n\nNo budget can keep the heart healthy (>= 90.0%) and the brain at >= 50.0% in every quarter: these constraints stand in the way:\n\n- the headcount cap"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("got\n%s\nwant prefix\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteBudgetCase(&b, r, CSV); err != nil || b.String() != "period,budget,spend,current_budget\n" {
		t.Errorf("csv %q, %v", b.String(), err)
	}
}

// A budget case whose two plans the node limit stopped (whole people)
// says how far each may be from the best, after what the step buys, in
// every text format (the workbook's budget case sheet carries the same
// paragraph), and JSON carries the gaps.
func TestBudgetCaseStepGaps(t *testing.T) {
	annual, current := 5573333.34, 6200000.0
	r := &plan.BudgetCaseReport{
		FormatVersion: 1, Scenario: "x", Currency: "USD", Period: "quarter", HealthyHeart: 0.9, Heart: 0.9, Feasible: true,
		Annual: &annual, CurrentAnnual: &current, Total: annual, CurrentTotal: current,
		Periods: []plan.CasePeriod{{Label: "2027-Q1", Budget: annual / 4, Spend: 1.3e6, CurrentBudget: current / 4}},
		Step: &plan.BudgetStepEffect{Amount: 1e5, HeartMean: 0.918677, HeartPlus: 0.9, HeartDelta: -0.018677,
			BrainPlus: 0.230438, BrainDelta: 0.230438, Gap: 0.176801, GapPlus: 0.0435},
	}
	want := "Each further $100k a year buys +23.0 points of brain and gives up 1.9 points of heart on average (heart 91.9% to 90.0%, brain 0.0% to 23.0%). " +
		"The search stopped at its node limit in both plans: the one at the least budget is within 17.69% of the best possible, the one with $100k more within 4.35%."
	for _, f := range []Format{Table, Markdown} {
		var b bytes.Buffer
		if err := WriteBudgetCase(&b, r, f); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(got, want) {
			t.Errorf("%v lacks %q:\n%s", f, want, b.String())
		}
	}
	var b bytes.Buffer
	if err := WriteBudgetCase(&b, r, JSON); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`"gap": 0.176801`, `"gap_plus": 0.0435`} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("JSON lacks %s:\n%s", w, b.String())
		}
	}
}

// The text view and the workbook's Budget case sheet say the budget case
// in one sentence built once (budgetCaseWords), the sheet's figures exact:
// masked of its money and percentages, the sheet's sentence is the text
// view's, and its figures re-derive from the report's, to the cent (the
// least budget, the scenario's, their difference). The sheet's copy of the
// builder lacked the text view's cases ("enough, with less than $10.0k a
// year to spare") and would miss the next.
func TestBudgetCaseSheetWordsShared(t *testing.T) {
	s, err := scenario.Load(filepath.Join("..", "..", "scenarios", "hiring-costs.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := plan.RunBudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
	if err != nil || !r.Feasible || r.Annual == nil || r.CurrentAnnual == nil {
		t.Fatalf("%v, feasible %v", err, r != nil && r.Feasible)
	}
	sheet := budgetCaseSheetWords(r)
	if len(sheet) != 2 {
		t.Fatalf("sheet words %q", sheet)
	}
	var b bytes.Buffer
	if err := WriteBudgetCase(&b, r, Table); err != nil {
		t.Fatal(err)
	}
	var text string
	for _, para := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(para, "To keep") {
			text = para
		}
	}
	figures := regexp.MustCompile(`[-+]?\$[0-9]+(?:[,.][0-9]+)*[kMB]?|[0-9]+(?:\.[0-9]+)?%`)
	mask := func(x string) string {
		x, _, _ = strings.Cut(x, ". ") // the step words differ: the sheet's start from the exact budget
		return figures.ReplaceAllString(x, "#")
	}
	if mask(sheet[0]) != mask(text) {
		t.Errorf("the sheet's sentence is not the text view's:\n%s\n%s", sheet[0], text)
	}
	// To the cent, as the cells (until session 27 to the nearest dollar,
	// which could be below the least budget).
	exact := func(x float64) string { return plan.FormatMoneyExact(r.Currency, x) }
	need, have := CentsUp(*r.Annual), Cents(*r.CurrentAnnual)
	gap := exact(math.Abs(need-have)) + " a year"
	for _, want := range []string{"you need " + exact(need) + " a year", "the scenario has " + exact(have), ", " + gap} {
		if !strings.Contains(sheet[0], want) {
			t.Errorf("the sheet's words %q lack %q", sheet[0], want)
		}
	}
}

// The sentence under the table says which periods have money left over
// at their least spend, as the table's figures show it, and it
// re-derives from them: a period needs all of its budget when its least
// spend and its budget read alike. On hiring-costs at a healthy heart
// every quarter needs all of it, where the sentence read "the quarters
// other than the tightest have some left over"; on the baseline every
// quarter but the last has some over. The workbook's words say the same
// of its exact cells.
func TestBudgetCaseLeftOverWords(t *testing.T) {
	for _, tc := range []struct{ file, want, sheet string }{
		// The sheet's cells are in cents: 2027-Q3 has $3.24 left over.
		{"hiring-costs.yaml", "and every quarter needs all of it: the least spend is what the targets need in each.",
			"and every quarter but 2027-Q3 needs all of it: the least spend is what the targets need in each."},
		{"baseline.yaml", "so every quarter but 2027-Q4 has some left over: the least spend is what the targets need in each.",
			"so every quarter but 2027-Q4 has some left over: the least spend is what the targets need in each."},
	} {
		s, err := scenario.Load(filepath.Join("..", "..", "scenarios", tc.file), nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := plan.RunBudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
		if err != nil || !r.Feasible {
			t.Fatalf("%s: %v, feasible %v", tc.file, err, r != nil && r.Feasible)
		}
		var b bytes.Buffer
		if err := WriteBudgetCase(&b, r, Table); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("%s: no %q in\n%s", tc.file, tc.want, b.String())
		}
		// Re-derived from the table: the rows whose least spend reads as
		// their budget needed are the ones the sentence leaves out.
		var tight []string
		for _, line := range strings.Split(b.String(), "\n") {
			cells := strings.Split(line, "│")
			if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "20") {
				continue
			}
			if strings.TrimSpace(cells[2]) == strings.TrimSpace(cells[3]) {
				tight = append(tight, strings.TrimSpace(cells[1]))
			}
		}
		switch {
		case strings.Contains(tc.want, "every quarter needs all of it") && len(tight) != len(r.Periods),
			strings.Contains(tc.want, " but ") && (len(tight) != 1 || !strings.Contains(tc.want, " but "+tight[0]+" has")):
			t.Errorf("%s: the table's rows whose least spend reads as their budget are %v; the sentence says %q", tc.file, tight, tc.want)
		}
		sheet := budgetCaseSheetWords(r)
		if len(sheet) != 2 || !strings.Contains(sheet[1], tc.sheet) {
			t.Errorf("%s: the sheet's words %q lack %q", tc.file, sheet, tc.sheet)
		}
	}
	// No period without money left over: the plan needs more than the
	// least spends' allocation.
	got := leftOverWords("quarter", []string{"2027-Q1", "2027-Q2"}, []bool{false, false})
	if want := ", and every quarter has some left over: the least spend is what the targets need in each, but cardio's plan reaches them at no smaller budget scaled so."; got != want {
		t.Errorf("none spent in full: %q, want %q", got, want)
	}
	// The fewer are named.
	quarters := []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}
	if got := leftOverWords("quarter", quarters, []bool{true, true, false, true}); !strings.Contains(got, "every quarter but 2027-Q3 needs all of it") {
		t.Errorf("three of four spent in full: %q", got)
	}
	if got := leftOverWords("quarter", quarters, []bool{true, false, false, true}); !strings.Contains(got, "every quarter but 2027-Q1 and 2027-Q4 has some left over") {
		t.Errorf("two of four spent in full: %q", got)
	}
}

// The budget case's sentence says the scenario is short only when its
// budget is below the least, not when the least rounded up for print is
// above it: the baseline at $5,593,031 a year, a dollar and change above
// its least of $5,593,030.88 and healthy in every quarter as planned,
// read "you need $5.60M a year; the scenario has $5.59M, $6,969 a year
// (0.2% of its budget) short of it". Re-derived by acting on it: the
// scenario's own plan at the least rounded up to the dollar is healthy,
// and its words do not say short; a dollar less, it is not, and they do.
func TestBudgetCaseEnoughWhenNeedRoundsPastIt(t *testing.T) {
	s, err := scenario.Load(filepath.Join("..", "..", "scenarios", "baseline.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := plan.RunBudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
	if err != nil || !r.Feasible || r.Annual == nil {
		t.Fatalf("%v, feasible %v", err, r != nil && r.Feasible)
	}
	least := *r.Annual
	for _, tc := range []struct {
		annual float64
		short  bool
	}{{math.Ceil(least), false}, {math.Ceil(least) - 1, true}} {
		s.Budget.Annual = tc.annual
		p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Totals.HealthyAll == tc.short {
			t.Fatalf("at $%.0f a year the plan is healthy: %v; the least is %.2f", tc.annual, p.Totals.HealthyAll, least)
		}
		rr, err := plan.RunBudgetCase(context.Background(), s, solve.Revised{}, 0.9, 0)
		if err != nil || !rr.Feasible || rr.Annual == nil || math.Abs(*rr.Annual-least) > 0.01 {
			t.Fatalf("at $%.0f a year: %v, the least %v, want %.2f", tc.annual, err, rr.Annual, least)
		}
		var b bytes.Buffer
		if err := WriteBudgetCase(&b, rr, Table); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		if got := strings.Contains(text, "short of it"); got != tc.short {
			t.Errorf("at $%.0f a year (a plan healthy: %v), the words say short: %v\n%s", tc.annual, p.Totals.HealthyAll, got, text)
		}
		if !tc.short && !strings.Contains(text, "the scenario has $5.59M, enough, with less than $10.0k a year to spare (the $5.60M is the least rounded up)") {
			t.Errorf("at $%.0f a year: no words of enough in\n%s", tc.annual, text)
		}
	}
}
