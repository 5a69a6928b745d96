package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The Budget case sheet's least budget holds when acted on, as a person
// reads it: the least annual budget as its cell shows it, the budget its
// words say is needed, and the scenario's budget raised by the shortfall
// they say are each at least the least budget the case planned and saw
// reach the targets (to the cent, as JSON has it), and planning from
// scratch at the figure the cell shows reaches them. hiring-costs at heart
// 90% and brain 95% needs $7,613,383.10 a year: until session 27 the cell
// showed it, and the words said it, to the nearest dollar, $7,613,383,
// where the plan's brain falls short of 95%; and shrinking-budget's
// $1,277,769.46 shortfall read $1,277,769.
func TestXLSXBudgetCaseHoldsWhenActedOn(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		file         string
		heart, brain float64
	}{{"hiring-costs.yaml", 0.9, 0.95}, {"shrinking-budget.yaml", 0.9, 0.6}, {"baseline.yaml", 0.9, 0}} {
		t.Run(fmt.Sprintf("%s %g %g", c.file, c.heart, c.brain), func(t *testing.T) {
			sp := planned(t, filepath.Join("..", "..", "scenarios", c.file))
			r, err := plan.RunBudgetCase(ctx, sp.Scenario, solve.Revised{}, c.heart, c.brain)
			if err != nil || !r.Feasible || r.PlanShort || r.Annual == nil || r.CurrentAnnual == nil {
				t.Fatalf("%v, feasible %v", err, r != nil && r.Feasible)
			}
			sp.BudgetCase = r
			f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
			sheet := ""
			for _, sh := range f.GetSheetList() {
				if strings.HasPrefix(sh, "Budget case") { // a long name is cut to 31 characters
					sheet = sh
				}
			}
			// The case's least, as JSON prints it: planned and seen to reach
			// the targets (plan.checkPrinted).
			least := CentsUp(*r.Annual)
			// The scale of every period's budget reads as a share, rounded
			// up so that every period's budget scaled by it as shown still
			// reaches the least (it was rounded half up: 85.1% for
			// 85.1143%), and the words' cut is 100% less it.
			srow := findRow(t, f, sheet, "each period's budget, as a share of the scenario's, rounded up")
			scell := fmt.Sprintf("B%d", srow)
			shownScale := shownAs(t, number(t, f, sheet, scell), numFmtOf(t, f, sheet, scell))
			var share float64
			if _, err := fmt.Sscanf(shownScale, "%f%%", &share); err != nil {
				t.Fatalf("%s shows %q: %v", scell, shownScale, err)
			}
			if share/100 < r.Scale-1e-9 || share/100 > r.Scale+0.001 {
				t.Errorf("%s shows the budgets' scale %q, want %.4f%% rounded up to 0.1%%", scell, shownScale, 100*r.Scale)
			}
			if share/100**r.CurrentAnnual < *r.Annual-0.01 {
				t.Errorf("the scenario's budget scaled by %s is %.2f, below the least %.2f", shownScale, share/100**r.CurrentAnnual, *r.Annual)
			}
			var notes string
			for _, ref := range []string{"A2", "A3", "A4"} {
				v, err := f.GetCellValue(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				notes += v + "\n"
			}
			if m := regexp.MustCompile(`\(([0-9.]+)% (smaller|larger) than the scenario's\)`).FindStringSubmatch(notes); m != nil {
				var cut float64
				fmt.Sscan(m[1], &cut)
				if m[2] == "smaller" {
					cut = -cut
				}
				if math.Abs(100+cut-share) > 1e-9 {
					t.Errorf("the words scale the budget %s%% %s, the cell shows %s", m[1], m[2], shownScale)
				}
			} else if math.Abs(r.Scale-1) >= 0.0005 {
				t.Errorf("no scale in the words:\n%s", notes)
			}
			row := findRow(t, f, sheet, "least annual budget")
			cell := fmt.Sprintf("B%d", row)
			text := shownAs(t, number(t, f, sheet, cell), numFmtOf(t, f, sheet, cell))
			shown := readMoney(t, text)
			if shown < least {
				t.Errorf("%s shows %q, below the least budget %.2f", cell, text, least)
			}
			words, err := f.GetCellValue(sheet, "A2")
			if err != nil {
				t.Fatal(err)
			}
			m := regexp.MustCompile(`you need (\$[0-9,.]+) a year`).FindStringSubmatch(words)
			if m == nil {
				t.Fatalf("no budget needed in %q", words)
			}
			if need := readMoney(t, m[1]); need < least || math.Abs(need-shown) > 1e-9 {
				t.Errorf("the words need %s, the cell shows %q, the least is %.2f", m[1], text, least)
			}
			if m := regexp.MustCompile(`, (\$[0-9,.]+) a year \([0-9.]+% of its budget\) short of it`).FindStringSubmatch(words); m != nil {
				if raised := *r.CurrentAnnual + readMoney(t, m[1]); raised < least {
					t.Errorf("the scenario's budget raised by the shortfall %s is %.2f, below the least %.2f", m[1], raised, least)
				}
			}
			s := plan.WithHealthyAtLeast(sp.Scenario, c.heart)
			p, err := plan.Optimize(ctx, plan.WithBudget(s, shown), solve.Revised{}, solve.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !plan.MeetsTargets(p, c.heart, c.brain) || plan.HealthyTarget(sp.Scenario, c.heart) && !p.Totals.HealthyAll {
				t.Errorf("planned at %q, as %s shows it, the plan misses heart %g brain %g", text, cell, c.heart, c.brain)
			}
		})
	}
}

// readMoney reads an amount as a cell's format or the words show it:
// "$7,613,383.10", "$7,613,383 " ("_)" leaves a space), "($150,000.00)".
func readMoney(t *testing.T, text string) float64 {
	t.Helper()
	s := strings.TrimSpace(text)
	neg := strings.HasPrefix(s, "(")
	x, err := plan.ParseMoney(strings.Trim(s, "()"))
	if err != nil {
		t.Fatal(err)
	}
	if neg {
		x = -x
	}
	return x
}

// The Budget case sheet's scenario-budget total is the SUM of the periods'
// cells, each the scenario's budget rounded to the cent as JSON gives it;
// JSON's current_total is the budget over the horizon rounded once. Where
// the two are a cent apart, a note under the table gives both, as the note
// on the budgets needed does: shrinking-budget's quarters add up to
// $11,693,992.71 against JSON's $11,693,992.72, and monthly-fiscal's
// months to $10,026,106.94 against $10,026,106.95, which the sheet left a
// reader ticking it against JSON to find. Where they agree, no note.
func TestXLSXBudgetCaseScenarioTotal(t *testing.T) {
	ctx := context.Background()
	apart := 0
	for _, c := range []struct {
		file  string
		heart float64
	}{{"shrinking-budget.yaml", 0.9}, {"monthly-fiscal.yaml", 0.8}, {"baseline.yaml", 0.92}} {
		t.Run(fmt.Sprintf("%s %g", c.file, c.heart), func(t *testing.T) {
			sp := planned(t, filepath.Join("..", "..", "scenarios", c.file))
			r, err := plan.RunBudgetCase(ctx, sp.Scenario, solve.Revised{}, c.heart, 0)
			if err != nil || !r.Feasible || r.PlanShort {
				t.Fatalf("%v, feasible %v", err, r != nil && r.Feasible)
			}
			sp.BudgetCase = r
			f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
			sheet := ""
			for _, sh := range f.GetSheetList() {
				if strings.HasPrefix(sh, "Budget case") {
					sheet = sh
				}
			}
			// JSON's figures, as cardio budget-case --format json writes them.
			var js bytes.Buffer
			if err := WriteBudgetCase(&js, r, JSON); err != nil {
				t.Fatal(err)
			}
			var got struct {
				CurrentTotal float64 `json:"current_total"`
			}
			if err := json.Unmarshal(js.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			head := findRow(t, f, sheet, "period")
			col := columnOf(t, f, sheet, head, "scenario budget")
			tr := findRow(t, f, sheet, "total")
			total := ref(col, tr)
			// The total is the SUM of the cells above, as a reader adds
			// them up (to the cent: the float sum of cents can be 1e-9
			// off excelize's).
			if fm, _ := f.GetCellFormula(sheet, total); fm != fmt.Sprintf("SUM(%s:%s)", ref(col, head+1), ref(col, tr-1)) {
				t.Errorf("%s!%s is %q, not the SUM of the periods", sheet, total, fm)
			}
			var sum float64
			for r := head + 1; r < tr; r++ {
				sum += number(t, f, sheet, ref(col, r))
			}
			sum = Cents(sum)
			if x := number(t, f, sheet, total); math.Abs(x-sum) >= 0.005 {
				t.Errorf("%s!%s holds %.2f, its periods add up to %.2f", sheet, total, x, sum)
			}
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			var notes string
			for _, row := range rows {
				if len(row) == 1 {
					notes += row[0] + "\n"
				}
			}
			money := func(x float64) string { return plan.FormatMoneyExact(r.Currency, x) }
			if math.Abs(sum-got.CurrentTotal) < 0.005 {
				if strings.Contains(notes, "scenario's budgets by") {
					t.Errorf("a note on totals that agree (%s):\n%s", money(sum), notes)
				}
				return
			}
			apart++
			if !strings.Contains(notes, money(sum)) || !strings.Contains(notes, money(got.CurrentTotal)) {
				t.Errorf("the sheet's scenario budget totals %s, JSON's current_total is %s, and no note gives both:\n%s", money(sum), money(got.CurrentTotal), notes)
			}
		})
	}
	if apart == 0 {
		t.Fatal("no case whose cells add up to another total than JSON's: the test tests nothing")
	}
}
