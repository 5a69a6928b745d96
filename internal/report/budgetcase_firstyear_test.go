package report

import (
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// JSON's first_year.budget is what docs/output.md says: the first year's
// least budget (factor times the least yearly budget) rounded up to the
// cent once, as total is, not the sum of its periods' budget, each
// rounded up on its own, which can be cents above it. Periods of a
// budget falling 10% a year, as shrinking-budget's are (its first year:
// 6716459.16 against rows of 6716459.18).
func TestFirstYearBudgetRoundedOnce(t *testing.T) {
	annual := 6983412.3456
	q := math.Pow(0.9, 0.25)
	var factor float64
	r := &plan.BudgetCaseReport{Annual: &annual, CurrentAnnual: &annual, Feasible: true}
	for k := range 4 {
		shape := math.Pow(q, float64(k)) / 4
		factor += shape
		r.Periods = append(r.Periods, plan.CasePeriod{Label: "2027-Q" + string(rune('1'+k)), Budget: shape * annual, CurrentBudget: shape * annual})
		r.Total += shape * annual
	}
	r.CurrentTotal = r.Total
	r.FirstYear = &plan.FirstYearBudget{Year: "2027", From: "2027-Q1", To: "2027-Q4", Factor: factor, Budget: factor * annual, CurrentBudget: factor * annual}
	c := budgetCaseMoney(r)
	var rows float64
	for _, per := range c.Periods {
		rows += per.Budget
	}
	if got, want := c.FirstYear.Budget, CentsUp(factor*annual); got != want {
		t.Errorf("first_year.budget %v, want the least rounded up once, %v", got, want)
	}
	if d := Cents(rows) - c.FirstYear.Budget; d < 0 || d > 0.04+1e-9 {
		t.Errorf("the rows add up to %v against %v: they are each rounded up, at most a cent a period above", Cents(rows), c.FirstYear.Budget)
	}
	if Cents(rows) == c.FirstYear.Budget {
		t.Errorf("the rows add up to the first year's budget here, %v: the example does not show the difference", rows)
	}
}
