package report

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// What an organization breaks reads like the tables: coverage and shares
// in percent with one decimal (more when one decimal would show a value
// equal to the limit it breaks), money as in a budget memo, the overrun
// rounded up.
func TestProblemWordsViolations(t *testing.T) {
	fs := []plan.Finding{
		{Kind: plan.KindBelowFloor, Period: "2027-Q1", Function: "territories", Region: "EMEA", Numbers: map[string]float64{"coverage": 0.600962, "floor": 0.7}},
		{Kind: plan.KindBelowFloor, Period: "2027-Q2", Function: "quotas", Region: "EMEA", Numbers: map[string]float64{"coverage": 0.69996, "floor": 0.7}},
		{Kind: plan.KindOverBudget, Period: "2027", Numbers: map[string]float64{"spend": 1550200, "budget": 1550000}},
		{Kind: plan.KindCentralShareAboveMax, Period: "2027", Numbers: map[string]float64{"central_fte": 8, "fte": 10, "share": 0.8, "limit": 0.7}},
		{Kind: plan.KindOverHeadcountCap, Period: "2027", Numbers: map[string]float64{"fte": 46.01, "cap": 45}},
	}
	want := []string{
		"2027-Q1: territories in EMEA is covered 60.1%, below its floor of 70.0%",
		"2027-Q2: quotas in EMEA is covered 69.996%, below its floor of 70.000%",
		"2027: spend exceeds the budget of $1.55M by $200",
		"2027: the central team holds 80.0% of the FTE (8.0 of 10.0), above the maximum of 70.0%",
		"2027: 46.1 FTE exceed the headcount cap of 45 FTE",
	}
	if got := ProblemWords("USD", fs); !slices.Equal(got, want) {
		t.Errorf("words:\n%q\nwant:\n%q", got, want)
	}
}

// Why a scenario is infeasible: a least budget and a least spend are
// rounded up at the precision they are printed with ($160,001 is $161k,
// never $160k), a needed headcount up to the next tenth.
func TestProblemWordsInfeasible(t *testing.T) {
	floors := []plan.Constraint{{Kind: plan.BindFloor, ID: "a", Limit: 0.8}, {Kind: plan.BindFloor, ID: "b", Limit: 0.8}}
	fs := []plan.Finding{
		{Kind: plan.KindBudgetTooSmall, Meet: floors, Numbers: map[string]float64{"least_annual": 160001, "annual": 100000, "scale": 1.60001}},
		{Kind: plan.KindPeriodNeedsMore, Period: "2027", Meet: floors, Numbers: map[string]float64{"spend": 160001, "budget": 100000}},
		{Kind: plan.KindHeadcountCapTooSmall, Meet: floors[:1], Numbers: map[string]float64{"cap": 2, "need": 3.21}},
		{Kind: plan.KindHireLimitTooSmall, Team: "North", Period: "2027-Q2", Meet: floors[:1],
			Given:   []plan.Constraint{{Kind: plan.BindHireLimit, ID: "central", Limit: 0, Per: "quarter"}},
			Change:  &plan.Constraint{Kind: plan.BindHireLimit, ID: "North", Limit: 2, Per: "quarter"},
			Numbers: map[string]float64{"limit": 2, "need": 6}},
		{Kind: plan.KindConstraintsConflict, Conflict: []plan.Constraint{{Kind: plan.BindBudget, Periods: []string{"2027"}}, floors[0]}},
		// The baseline with a sales_support floor of 100% on $3.00M: the
		// least annual budget is the flat one whose quarter covers
		// 2027-Q4's $838k, 4 x $838k rounded up; the quarters need less
		// in all, and the words tell the two apart.
		{Kind: plan.KindBudgetTooSmall, Meet: floors, Period: "2027-Q4", Numbers: map[string]float64{"least_annual": 3351976.2, "annual": 3e6,
			"period_spend": 837994.05, "period_share": 0.25, "spend_total": 3267493.4, "years": 1}},
		// One period, or the same need in each: one figure.
		{Kind: plan.KindBudgetTooSmall, Meet: floors, Period: "2027", Numbers: map[string]float64{"least_annual": 160001, "annual": 100000,
			"period_spend": 160001, "period_share": 1, "spend_total": 160001, "years": 1}},
	}
	want := []string{
		"the budget is too small: the floors of a (80%) and b (80%) need at least $161k a year, and the scenario has $100k",
		"in 2027 they need $161k and the budget is $100k",
		"the headcount cap of 2 FTE is below the 3.3 FTE required by the a floor (80%)",
		"North can hire at most 2 a quarter but needs 6 more people by 2027-Q2 to meet the a floor (80%), given the central team's hire limit (0 a quarter)",
		"these constraints conflict: the budget in 2027 and the a floor (80%)",
		"the budget is too small: the floors of a (80%) and b (80%) need an annual budget of at least $3.36M, whose share in 2027-Q4, $840k, covers the $838k they need there; over the year they need $3.27M in all, and the scenario has $3.00M",
		"the budget is too small: the floors of a (80%) and b (80%) need at least $161k a year, and the scenario has $100k",
	}
	if got := ProblemWords("USD", fs); !slices.Equal(got, want) {
		t.Errorf("words:\n%q\nwant:\n%q", got, want)
	}
}

// A budget case's targets are constraints to meet, named before the
// floors: the heart target alone, the brain target alone, or both merged.
func TestProblemWordsTargets(t *testing.T) {
	heart := plan.Constraint{Kind: plan.ConstraintHeartTarget, Limit: 0.9}
	brain := plan.Constraint{Kind: plan.ConstraintBrainTarget, Limit: 0.85}
	floor := plan.Constraint{Kind: plan.BindFloor, ID: "comp_admin", Limit: 0.8}
	central := plan.Constraint{Kind: plan.BindHireLimit, ID: "central", Limit: 1, Per: "month"}
	hire := func(meet ...plan.Constraint) plan.Finding {
		return plan.Finding{Kind: plan.KindHireLimitTooSmall, Team: "APAC", Period: "2027-04", Meet: meet, Given: []plan.Constraint{central},
			Change: &plan.Constraint{Kind: plan.BindHireLimit, ID: "APAC", Limit: 1, Per: "month"}, Numbers: map[string]float64{"limit": 1, "need": 0.65}}
	}
	fs := []plan.Finding{
		hire(floor, heart),
		hire(brain),
		hire(heart, brain, floor),
		{Kind: plan.KindHeadcountCapTooSmall, Meet: []plan.Constraint{heart}, Numbers: map[string]float64{"cap": 38, "need": 39.31}},
		{Kind: plan.KindConstraintsConflict, Conflict: []plan.Constraint{floor, brain}},
	}
	want := []string{
		"APAC can hire at most 1 a month but needs 0.7 more FTE by 2027-04 to meet the heart target (90%) and the comp_admin floor (80%), given the central team's hire limit (1 a month)",
		"APAC can hire at most 1 a month but needs 0.7 more FTE by 2027-04 to meet the brain target (85%), given the central team's hire limit (1 a month)",
		"APAC can hire at most 1 a month but needs 0.7 more FTE by 2027-04 to meet the heart and brain targets (90% and 85%) and the comp_admin floor (80%), given the central team's hire limit (1 a month)",
		"the headcount cap of 38 FTE is below the 39.4 FTE required by the heart target (90%)",
		"these constraints conflict: the brain target (85%) and the comp_admin floor (80%)",
	}
	if got := ProblemWords("USD", fs); !slices.Equal(got, want) {
		t.Errorf("words:\n%q\nwant:\n%q", got, want)
	}
}

// brain_before_heart says what makes the heart unhealthy: a cell below
// healthy, beside a score that may be above it. (It used to say "the heart
// is at 93.8%, below the healthy 90.0%".) A score that is not healthy is
// rounded down, as the as-is plan's row prints it: 93.75% is 93.7%.
func TestCheckupWordsUnhealthyHeart(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "year", names: map[string]string{"hub": "Hub"}}
	nums := map[string]float64{"heart": 0.9375, "healthy_heart": 0.9, "heart_gap_fte": 0.125, "weakest_coverage": 0.875}
	got := c.summary([]plan.Finding{{Kind: checkup.KindNoBrainSpend, Function: "hub", Region: "North", Period: "2027", Numbers: nums}})
	want := "nothing goes to the brain today; the heart is not healthy: Hub in North is at 87.5%, below the healthy 90.0% (the heart scores 93.7%), and 0.1 FTE short of healthy"
	if got != want {
		t.Errorf("evidence:\n%s\nwant:\n%s", got, want)
	}
	// The remedy does not say the plan "lifts" a heart whose score falls.
	for _, tc := range []struct {
		f    plan.Finding
		want string
	}{
		{plan.Finding{Kind: checkup.KindBrainShareLow, Period: "2027", Numbers: map[string]float64{"watch": 0.1, "plan_heart": 0.9, "heart": 0.9375, "plan_healthy": 1}},
			"none for the brain, whose share is below the 10.0% to watch; the optimized plan makes the heart healthy in 2027 (it scores 90.0%, against 93.8% today)"},
		{plan.Finding{Kind: checkup.KindMoveMoneyToHeart, Period: "2027-Q1", Numbers: map[string]float64{"plan_brain_spend": 340000, "plan_brain_share": 0.061, "plan_heart": 0.873, "heart": 0.28, "plan_healthy": 0}},
			"move the money to the heart first: the optimized plan puts $340k a year (6.1% of spend) on the brain and leaves the heart not healthy in 2027-Q1 (it scores 87.3%, against 28.0% today)"},
		// A plan that puts more on the brain than today is not told to
		// "move the money" (whole-people.yaml).
		{plan.Finding{Kind: checkup.KindMoveMoneyToHeart, Period: "2027-Q1", Numbers: map[string]float64{"plan_brain_spend": 393891, "plan_brain_share": 0.231, "brain_spend": 242000, "plan_heart": 0.945, "heart": 0.934, "plan_healthy": 1, "healthy": 0}},
			"staff the heart first, as the optimized plan does: it makes the heart healthy in 2027-Q1 (it scores 94.5%, against 93.4% today), and then puts $394k a year (23.1% of spend) on the brain, more than today's $242k"},
		// ... and one that does not make the heart healthy says so last.
		{plan.Finding{Kind: checkup.KindMoveMoneyToHeart, Period: "2027-Q1", Numbers: map[string]float64{"plan_brain_spend": 393891, "plan_brain_share": 0.231, "brain_spend": 242000, "plan_heart": 0.88, "heart": 0.8, "plan_healthy": 0, "healthy": 0}},
			"staff the heart first: the optimized plan puts $394k a year (23.1% of spend) on the brain, more than today's $242k, and leaves the heart not healthy in 2027-Q1 (it scores 88.0%, against 80.0% today)"},
		// Today's heart not healthy ("healthy": 0) reads as its row does.
		{plan.Finding{Kind: checkup.KindMoveMoneyToHeart, Period: "2027-Q1", Numbers: map[string]float64{"plan_brain_spend": 340000, "plan_brain_share": 0.061, "plan_heart": 0.8736, "heart": 0.2796, "plan_healthy": 0, "healthy": 0}},
			"move the money to the heart first: the optimized plan puts $340k a year (6.1% of spend) on the brain and leaves the heart not healthy in 2027-Q1 (it scores 87.3%, against 27.9% today)"},
	} {
		if got := c.remedy([]plan.Finding{tc.f}); got != tc.want {
			t.Errorf("remedy:\n%s\nwant:\n%s", got, tc.want)
		}
	}
}

// The checkup's least budgets are rounded up at the precision they are
// printed with, and the shares are those of the printed figures (as in the
// budget case: $6.70M over $6.20M is 8.1% more, whatever the unrounded
// least), a share above today rounded up and one below rounded down, so
// that acting on either printed figure keeps the heart healthy.
func TestCheckupRemedyRoundsLeastBudgetUp(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter"}
	got := c.remedy([]plan.Finding{{Kind: checkup.KindRaiseTo, Numbers: map[string]float64{"least_annual": 6691234, "annual": 6200000, "scale": 6691234.0 / 6200000}},
		{Kind: checkup.KindPeriodNeeds, Period: "2028-Q4", Numbers: map[string]float64{"spend": 1400001, "budget": 1290000}}})
	want := "$6.70M a year on the same trajectory (8.1% more than today's $6.20M) keeps the heart healthy in every period; in 2028-Q4 the heart needs $1.41M of spend, 9.4% above the budget of $1.29M"
	if got != want {
		t.Errorf("remedy:\n%s\nwant:\n%s", got, want)
	}
	// No budget: the budget case's explanation follows, in its words.
	got = c.remedy([]plan.Finding{{Kind: checkup.KindNoBudgetKeepsHealthy},
		{Kind: plan.KindHireLimitTooSmall, Team: "North", Period: "2029", Meet: []plan.Constraint{{Kind: plan.ConstraintHeartTarget, Limit: 0.9}},
			Given:   []plan.Constraint{{Kind: plan.BindHireLimit, ID: "central", Limit: 0, Per: "year"}},
			Change:  &plan.Constraint{Kind: plan.BindHireLimit, ID: "North", Limit: 0, Per: "year"},
			Numbers: map[string]float64{"limit": 0, "need": 0.093}}})
	want = "no budget keeps the heart healthy in every period; North can hire at most 0 a year but needs 0.1 more FTE by 2029 to meet the heart target (90%), given the central team's hire limit (0 a year)"
	if got != want {
		t.Errorf("remedy:\n%s\nwant:\n%s", got, want)
	}
	got = c.remedy([]plan.Finding{{Kind: checkup.KindKeepAtLeast, Numbers: map[string]float64{"least_annual": 5801000, "annual": 6200000, "scale": 5801000.0 / 6200000}}})
	want = "keep at least $5.81M a year on this trajectory (6.2% below today's $6.20M): below that the heart stops being healthy"
	if got != want {
		t.Errorf("remedy:\n%s\nwant:\n%s", got, want)
	}
}

// Every finding the checkup gives for the bundled scenarios has words: a
// kind the view does not know comes out as its bare code, which no clause
// of a summary or remedy may be.
func TestCheckupWordsEveryFinding(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	code := regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := checkup.Run(context.Background(), s, solve.Revised{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sg := range checkupWords(r).Signs {
			for _, clause := range append(strings.Split(sg.Summary, "; "), strings.Split(sg.Remedy, "; ")...) {
				if clause == "" || code.MatchString(clause) {
					t.Errorf("%s %s: a finding without words: %q (summary %q, remedy %q)", filepath.Base(f), sg.ID, clause, sg.Summary, sg.Remedy)
				}
			}
		}
	}
}

// lost_local_touch counts the function-region pairs below their floor and
// the functions they are of: "5 local functions below their floor" was
// said of 2 functions in 5 pairs.
func TestCheckupWordsFloorPairs(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter", names: map[string]string{"proposals": "Proposals"}}
	f := plan.Finding{Kind: checkup.KindLocalBelowFloor, Function: "proposals", Region: "APAC", Period: "2027-Q1",
		Numbers: map[string]float64{"coverage": 0, "floor": 0.6, "count": 5, "functions": 2}}
	view := plan.Finding{Kind: checkup.KindLocalViewToday, Period: "2027-Q1", Numbers: map[string]float64{"central_share": 0}}
	got := c.summary([]plan.Finding{view, f})
	if want := "2 local functions below their floor in 5 function-region pairs (worst: Proposals in APAC (0.0%, floor 60.0%))"; !strings.Contains(got, want) {
		t.Errorf("got %q, want it to contain %q", got, want)
	}
}

// A share a hair below zero rounds up to 0.0%, not "-0.0%" (math.Ceil
// keeps the sign of a negative that rounds to zero).
func TestPercentUpNoNegativeZero(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{{-1e-5, "0.0%"}, {-0.0004, "0.0%"}, {0, "0.0%"}, {1e-5, "0.1%"}, {-0.0011, "-0.1%"}, {0.0441, "4.5%"}} {
		if got := percentUp(c.x); got != c.want {
			t.Errorf("percentUp(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}
