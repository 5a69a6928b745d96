package plan

import (
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestInvestmentCasePartLevel: a scalable investment the plan buys in part
// has its level in its case and in its finding (the view says how much of
// it is bought, every other figure being for all of it): the baseline's
// CPQ, scalable and at $60k a year, is bought at 13.6% of it. In earlier
// versions neither carried the level, and the sentence said "CPQ platform
// is bought from 2027-Q1: ... it covers 1.6 FTE of work ... it gives
// sellers back 59,633 hours a year", all of it, of a plan that buys 13.6%.
// One bought whole has level 1 and no level in its finding.
func TestInvestmentCasePartLevel(t *testing.T) {
	for _, tc := range []struct {
		sets    []string
		partial bool
	}{
		{[]string{"investments[cpq].scalable=true", "investments[cpq].cost.per_year=60000", "investments[cpq].cost.upfront=166666.67"}, true},
		{[]string{"investments[cpq].cost.per_year=30000", "investments[cpq].cost.upfront=83333.33"}, false},
	} {
		s, err := scenario.Load("../../scenarios/baseline.yaml", tc.sets)
		if err != nil {
			t.Fatal(err)
		}
		pl := &Planner{LP: solve.Revised{}}
		p, _, err := pl.Optimize(t.Context(), s)
		if err != nil {
			t.Fatal(err)
		}
		c := investmentCase(s, p, 0)
		last := p.Periods[len(p.Periods)-1].Investments[0].Level
		if !c.Bought || c.Level != last {
			t.Fatalf("%v: bought %v at level %v, the plan's last period %v", tc.sets, c.Bought, c.Level, last)
		}
		lv, ok := whyFinding(c).Number("level")
		switch {
		case c.Partial() != tc.partial || ok != tc.partial:
			t.Errorf("%v: level %v, partial %v, in the finding %v; want partial %v", tc.sets, c.Level, c.Partial(), ok, tc.partial)
		case tc.partial && (lv != c.Level || math.Abs(lv-0.136) > 0.001):
			t.Errorf("%v: the finding's level %v, the case's %v, want about 13.6%%", tc.sets, lv, c.Level)
		}
	}
}
