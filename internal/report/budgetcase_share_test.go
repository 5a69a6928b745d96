package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The gap's share is re-derived from the gap as printed and the scenario's
// budget: a shortfall's rounded up, a surplus's down, as a tenth of a
// point; and a gap that is not none never reads as a share of 0.0%, but
// as "under 0.1%", which holds of it. The baseline at --set
// budget.annual=5600400 read "$400 a year (0.0% of its budget) more than
// it needs".
func TestBudgetGapShareRederived(t *testing.T) {
	money := func(x float64) string { return plan.FormatMoney("USD", x) }
	re := regexp.MustCompile(`^, \$([0-9,.]+)(k?) a year \((under )?([0-9.]+)% of its budget\) (short of it|more than it needs)$`)
	for _, tc := range []struct{ need, least, have float64 }{
		{5.60e6, 5593030.88, 5600400},  // the baseline: $400 over
		{5.60e6, 5599999.7, 5599999.4}, // 60 cents short: a dollar
		{5.60e6, 5599999.7, 5599990},   // $10 short
		// 55 cents short, a dollar printed: a share of 9.8e-8, within
		// percentUp's 1e-7 of a step, read 0.0%.
		{5.60e6, 5599999.9, 5599999.45},
		{6.45e6, 6.45e6, 6.2e6},          // $250k short: 4.1%
		{5.90e6, 5.9e6, 6.2e6},           // $300k over: 4.8%
		{1.00e6, 0.999e6, 1.0007e6},      // $700 over: 0.069%
		{6.20e6, 6.2e6 - 9999, 6.2061e6}, // $6,100 over: 0.098%
	} {
		got := budgetGapOf(money, plan.CeilMoney, 0.5, tc.need, tc.least, tc.have, " a year")
		m := re.FindStringSubmatch(got)
		if m == nil {
			t.Errorf("need %v, have %v: %q", tc.need, tc.have, got)
			continue
		}
		amount, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
		if m[2] == "k" {
			amount *= 1000
		}
		short := m[5] == "short of it"
		if d := tc.need - tc.have; amount == 0 || (d > 0) != short {
			t.Errorf("need %v, have %v: %q", tc.need, tc.have, got)
		}
		share := amount / tc.have
		if m[3] == "under " {
			if m[4] != "0.1" || !(share > 0 && share < 0.001) {
				t.Errorf("need %v, have %v: %q, a share of %v", tc.need, tc.have, got, share)
			}
			continue
		}
		want := math.Floor(1000*share+1e-6) / 10
		if short {
			want = math.Ceil(1000*share-1e-4) / 10
		}
		if m[4] == "0.0" || m[4] != strconv.FormatFloat(want, 'f', 1, 64) {
			t.Errorf("need %v, have %v: %q, a share of %v, want %.1f%%", tc.need, tc.have, got, share, want)
		}
	}
	// The scale likewise: budgets 0.07% smaller are not "0.0% smaller".
	if got := scaleWords(0.9993); got != "under 0.1% smaller than the scenario's" {
		t.Errorf("scaleWords(0.9993) = %q", got)
	}
}
