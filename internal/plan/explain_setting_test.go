package plan

import (
	"math"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// The least annual budget of an infeasible scenario is a setting: the
// flat budget whose quarter covers the dearest quarter (4 x $838k), not
// what the quarters need added up ($3.27M). The finding carries both, and
// the words give both, each re-derived here from the periods' needs.
func TestExplainBudgetSettingAndSum(t *testing.T) {
	s, err := scenario.Load("../../scenarios/baseline.yaml", []string{"functions[sales_support].min_coverage=1", "budget.annual=3e6"})
	if err != nil {
		t.Fatal(err)
	}
	p := optimizeRevised(t, s)
	if p.Status != StatusInfeasible {
		t.Fatalf("status %s", p.Status)
	}
	var budget *Finding
	var sum, dearest float64
	label := ""
	for i, f := range p.Findings {
		switch f.Kind {
		case KindBudgetTooSmall:
			budget = &p.Findings[i]
		case KindPeriodNeedsMore:
			sum += f.N("spend")
			if f.N("spend") > dearest {
				dearest, label = f.N("spend"), f.Period
			}
		}
	}
	if budget == nil {
		t.Fatalf("no budget finding: %+v", p.Findings)
	}
	// Every quarter needs more than its $750k here: the needs listed are
	// all the quarters'.
	if n := budget.N("spend_total"); math.Abs(n-sum) > 1e-6*sum {
		t.Errorf("spend_total %.2f, the quarters' needs add up to %.2f", n, sum)
	}
	if budget.Period != label || math.Abs(budget.N("period_spend")-dearest) > 1e-6*dearest {
		t.Errorf("tightest %s %.2f, want %s %.2f", budget.Period, budget.N("period_spend"), label, dearest)
	}
	if least := budget.N("least_annual"); math.Abs(least*budget.N("period_share")-dearest) > 1e-6*dearest || budget.N("years") != 1 {
		t.Errorf("least %.2f x share %v is not the dearest quarter's %.2f", least, budget.N("period_share"), dearest)
	}
	words := problemWords("USD", p.Findings)
	want := "need an annual budget of at least " + FormatMoneyUp("USD", budget.N("least_annual")) + ", whose share in " + label + ", " +
		FormatMoneyUp("USD", CeilMoney(budget.N("least_annual"))/4) + ", covers the " + FormatMoneyUp("USD", dearest) +
		" they need there; over the year they need " + FormatMoneyUp("USD", sum) + " in all, and the scenario has $3.00M"
	if len(words) == 0 || !strings.HasSuffix(words[0], want) {
		t.Errorf("words %q, want the first to end %q", words, want)
	}
}
