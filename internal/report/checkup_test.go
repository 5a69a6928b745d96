package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
)

// TestCheckupWordsNameFunctions words stale-mix and local-touch findings
// and re-derives each clause from them: the function's name where the
// report names it (its id where it does not, as in a report from an older
// cardio), and the figures of the findings as printed.
func TestCheckupWordsNameFunctions(t *testing.T) {
	gap := func(kind, fn string, x float64) plan.Finding {
		return plan.Finding{Kind: kind, Function: fn, Numbers: map[string]float64{"gap": x}}
	}
	findings := []plan.Finding{
		{Kind: checkup.KindMixDistance, Stage: "growth", Numbers: map[string]float64{"distance": 0.225, "fte": 35.5}},
		gap(checkup.KindOverStaffed, "sales_support", 3.94),
		gap(checkup.KindUnderStaffed, "cpq", -1.8),
		gap(checkup.KindUnderStaffed, "ghost", -0.25),
	}
	remedies := []plan.Finding{
		{Kind: checkup.KindPlanChanges, Function: "cpq", Period: "2027-Q1", Numbers: map[string]float64{"change": 2.4}},
		{Kind: checkup.KindPlanChanges, Function: "sales_support", Period: "2027-Q1", Numbers: map[string]float64{"change": -1.94}},
	}
	local := []plan.Finding{
		{Kind: checkup.KindLocalViewToday, Period: "2027-Q1", Numbers: map[string]float64{"central_share": 0}},
		{Kind: checkup.KindLocalBelowFloor, Function: "cpq", Region: "APAC", Numbers: map[string]float64{"coverage": 0, "floor": 0.6, "count": 1}},
	}
	names := map[string]string{"sales_support": "Sales support", "cpq": "Quoting and CPQ"}
	for _, c := range []struct {
		names              map[string]string
		support, cpq, miss string
	}{
		{names, "Sales support", "Quoting and CPQ", "ghost"},
		{nil, "sales_support", "cpq", "ghost"},
	} {
		r := checkupWords(&checkup.Report{Currency: "USD", Period: "quarter", FunctionNames: c.names, Signs: []checkup.Sign{
			{ID: checkup.StaleMix, Findings: findings, Remedies: remedies},
			{ID: checkup.LostLocalTouch, Findings: local},
		}})
		want := []string{
			fmt.Sprintf("22.5%% of today's 35.5 FTE (staff and tools) would have to move to match a growth organization's demand; over: %s +3.9; under: %s -1.8, %s -0.2", c.support, c.cpq, c.miss),
			fmt.Sprintf("rebalance to the stage: the optimized plan changes 2027-Q1 staffing by %s +2.4; %s -1.9 FTE", c.cpq, c.support),
			fmt.Sprintf("today (2027-Q1): 0.0%% of local-function staff central, below its floor: %s in APAC (0.0%%, floor 60.0%%)", c.cpq),
		}
		got := []string{r.Signs[0].Summary, r.Signs[0].Remedy, r.Signs[1].Summary}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("names %v:\n got %q\nwant %q", c.names, got[i], want[i])
			}
		}
		if c.names != nil && strings.Contains(strings.Join(got, " "), "sales_support") {
			t.Errorf("an id where the report names the function: %q", got)
		}
	}
}

// A region the optimized plan leaves behind is said in a sales ops
// leader's words, with the gap and the period from the finding, and what
// holds it back there: the limits the plan reaches (heldBack's numbers),
// each with its remedy, or none, when the plan's weights leave it there.
func TestCheckupRegionBehindWords(t *testing.T) {
	head := "the optimized plan itself leaves APAC 12.3 points behind the other regions (2027-Q1): "
	for _, c := range []struct {
		nums map[string]float64
		want string
	}{
		{map[string]float64{}, "no limit holds it back: the plan's weights leave it there; set floors (min_coverage) on the local functions"},
		{map[string]float64{"region_hire_limit": 1}, "its hire limit (1 a quarter, reached by then) holds it back; raise the hire limit or set floors (min_coverage) on the local functions"},
		{map[string]float64{"budget_spent": 1, "central_hire_limit": 0.5, "headcount_cap": 46, "central_share_max": 0.7},
			"the budget, spent in full, the central team's hire limit (0.5 a quarter, reached by then), the headcount cap of 46 FTE and the central share's maximum of 70.0% hold it back; add budget, raise the hire limit, raise the headcount cap or set floors (min_coverage) on the local functions"},
	} {
		nums := map[string]float64{"gap": 0.123}
		for k, v := range c.nums {
			nums[k] = v
		}
		r := checkupWords(&checkup.Report{Currency: "USD", Period: "quarter", Signs: []checkup.Sign{{
			ID:       checkup.LostLocalTouch,
			Remedies: []plan.Finding{{Kind: checkup.KindPlanLeavesRegionBehind, Region: "APAC", Period: "2027-Q1", Numbers: nums}},
		}}})
		if got := r.Signs[0].Remedy; got != head+c.want {
			t.Errorf("numbers %v:\n got %q\nwant %q", c.nums, got, head+c.want)
		}
	}
}

// The brain's spend today prices a roster's staff at their team's average
// cost, which the model knows, not each person's: the words say so when
// the finding says so (team_average), and only then.
func TestCheckupBrainSpendAtTeamAverage(t *testing.T) {
	for _, avg := range []bool{false, true} {
		nums := map[string]float64{"brain_spend": 242000, "brain_share": 0.153, "brain_fte": 1.5, "brain_tool_spend": 0,
			"heart": 0.934, "healthy_heart": 0.9, "heart_gap_fte": 0.2, "heart_fte_for_same_money": 1.5}
		earned := map[string]float64{"brain_spend": 242000, "brain_share": 0.153, "heart": 0.95}
		want, wantEarned := "1.5 brain FTE, $0 of tools", "(15.3% of spend) is earned"
		if avg {
			nums["team_average"], earned["team_average"] = 1, 1
			want, wantEarned = "1.5 brain FTE at their team's average roster cost, $0 of tools", "(15.3% of spend, its staff at their team's average roster cost) is earned"
		}
		for _, c := range []struct {
			f    plan.Finding
			want string
		}{
			{plan.Finding{Kind: checkup.KindBrainBeforeHeart, Period: "2027-Q1", Numbers: nums}, want},
			{plan.Finding{Kind: checkup.KindBrainEarned, Period: "2027-Q1", Numbers: earned}, wantEarned},
		} {
			r := checkupWords(&checkup.Report{Currency: "USD", Period: "quarter", Signs: []checkup.Sign{{ID: checkup.BrainBeforeHeart, Findings: []plan.Finding{c.f}}}})
			if got := r.Signs[0].Summary; !strings.Contains(got, c.want) {
				t.Errorf("team average %v: %q lacks %q", avg, got, c.want)
			}
		}
	}
}
