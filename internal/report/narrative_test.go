package report

import (
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// A hand-built two-quarter plan: the heart dips below healthy in Q2, the
// brain falls, the central team is paid $300k of $1M, a tool bought in Q2
// and several limits reached. Every figure in the sentences is read off it.
func TestNarrative(t *testing.T) {
	fns := func(sup, ana float64) []plan.Function {
		return []plan.Function{
			{ID: "quotas", Class: "heart", Demand: 2, Coverage: 1, CentralFTE: 2},
			{ID: "support", Class: "heart", Demand: 4, Coverage: sup, LocalFTE: 4 * sup},
			{ID: "analytics", Class: "brain", Demand: 1, Coverage: ana, CentralFTE: ana},
		}
	}
	p := &plan.Plan{
		Currency: "USD", Mode: plan.ModeOptimized, Status: plan.StatusOptimal, HealthyHeart: 0.9,
		Periods: []plan.Period{
			{Label: "2027-Q1", Heart: 0.95, Brain: 0.5, Healthy: true, CentralFTE: 2.5, LocalFTE: 3.6,
				Spend: 500000, StaffSpend: 500000, CentralSpend: 150000, Functions: fns(0.9, 0.5),
				Regions:     []plan.Region{{Name: "North", Heart: 0.97}, {Name: "South", Heart: 0.93}},
				Investments: []plan.Investment{{ID: "cpq", Name: "CPQ platform"}}},
			{Label: "2027-Q2", Heart: 0.85, Brain: 0.3, CentralFTE: 2.3, LocalFTE: 2.8,
				Spend: 500000, StaffSpend: 400000, CentralSpend: 150000, Functions: fns(0.7, 0.3),
				Regions:     []plan.Region{{Name: "North", Heart: 0.9}, {Name: "South", Heart: 0.8}},
				Investments: []plan.Investment{{ID: "cpq", Name: "CPQ platform", Level: 1, Spend: 100000, ToolFTE: 0.5, SellerHours: 1200}}},
		},
		Totals: plan.Totals{Budget: 1200000, Spend: 1000000, Unspent: 200000, BrainMean: 0.4},
		Binding: []plan.Binding{
			{Kind: plan.BindHeadcountCap, Limit: 6.1, Periods: []string{"2027-Q1"}},
			{Kind: plan.BindFloor, ID: "support", Limit: 0.7, Periods: []string{"2027-Q2"}},
			{Kind: plan.BindHireLimit, ID: "central", Limit: 2, Periods: []string{"2027-Q1", "2027-Q2"}},
		},
	}
	want := []string{
		// Support is the weakest heart function (70% in Q2), South the weakest region (80% in Q2).
		"The heart is below the healthy 90.0% in 2027-Q2, at 85.0% at its lowest (2027-Q2); it is weakest in support (70.0% in 2027-Q2) and in South (80.0% in 2027-Q2).",
		// Analytics FTE 0.5 and 0.3: 0.4 on average of (6.1+5.1)/2 = 5.6 FTE, 7%.
		"The brain gets 0.4 FTE on average (7% of the staff) and scores 40.0%, falling from 50.0% in 2027-Q1 to 30.0% in 2027-Q2; analytics is the thinnest (30.0% in 2027-Q2).",
		// $300k central, $600k local, $100k tools; central FTE 4.8 of 11.2 = 43%.
		"Of the $1.00M spent, 30% goes to the central team, 60% to the local teams and 10% to investments; the central team holds 43% of the FTE.",
		"The investment bought (CPQ platform from 2027-Q2, $100k) does the work of 0.5 FTE and gives sellers 1,200 hours a week back by 2027-Q2.",
		"What holds the plan back: the headcount cap of 6.1 FTE is reached in 2027-Q1, the central team hires its limit of 2 every quarter and support (70.0%) sits at its floor; $200k of the budget is left unspent, since more money would not raise the scores.",
	}
	if got := Narrative(p); !slices.Equal(got, want) {
		t.Errorf("narrative:\n%q\nwant:\n%q", got, want)
	}
	p.Status, p.Periods = plan.StatusInfeasible, nil
	if got := Narrative(p); got != nil {
		t.Errorf("infeasible plan: narrative %q, want none", got)
	}
}
