package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// fourQuarters is a four-quarter optimized plan, healthy but in 2027-Q4 (as
// baseline.yaml at a $5.58M budget), with the CPQ platform on offer.
func fourQuarters() *plan.Plan {
	p := &plan.Plan{Currency: "USD", Mode: plan.ModeOptimized, Status: plan.StatusOptimal, Period: "quarter", HealthyHeart: 0.9}
	for _, l := range []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"} {
		p.Periods = append(p.Periods, plan.Period{Label: l, Healthy: l != "2027-Q4", Heart: 0.9,
			Regions:     []plan.Region{{Name: "North"}, {Name: "South"}},
			Investments: []plan.Investment{{ID: "cpq", Name: "CPQ platform"}}})
	}
	return p
}

// A heart that another $100k raises by 0.03 points is raised, never "not
// changed": that money is what makes 2027-Q4 healthy (baseline.yaml at
// $5.58M printed "would not change the heart" and "0.0 points").
func TestMarginalSmallHeartChangeIsSaid(t *testing.T) {
	for x, want := range map[float64]string{0: "0.0 points", 0.0324: "+0.03 points", -0.0324: "-0.03 points", 0.0001: "0.0 points", 0.0049: "0.0 points", -0.005: "-0.01 points", 0.06: "+0.1 points", 6.3329: "+6.3 points"} {
		if got := points(x); got != want {
			t.Errorf("points(%v) = %q, want %q", x, got, want)
		}
	}
	p := fourQuarters()
	p.Marginal = &plan.MarginalValues{
		Budget: plan.Marginal{Heart: 0.0324, Brain: 11.6624, MakesHealthy: []string{"2027-Q4"}},
		Periods: []plan.PeriodMarginal{
			{Label: "2027-Q1", Amount: 25000, Marginal: plan.Marginal{Brain: 2.5646}},
			{Label: "2027-Q2", Amount: 25000, Marginal: plan.Marginal{Brain: 2.9041}},
			{Label: "2027-Q3", Amount: 25000, Marginal: plan.Marginal{Brain: 3.1735}},
			{Label: "2027-Q4", Amount: 25000, Marginal: plan.Marginal{Heart: 0.0324, Brain: 3.0202, MakesHealthy: []string{"2027-Q4"}}},
		},
		Linked: []string{plan.LinkHireLimits, plan.LinkInvestments}, LinkedInvestments: []string{"cpq"},
	}
	var buf bytes.Buffer
	writeMarginals(&textWriter{w: &buf}, p, nil)
	got := buf.String()
	for _, want := range []string{
		"Another $100k a year ($25.0k a quarter) would raise the heart by 0.03 points, making it healthy in 2027-Q4, and the brain by 11.7 points.",
		"│ 2027-Q4       │      $25.0k │ +0.03 points │ +3.0 points │",
		"2027-Q4's $25.0k alone would make the heart healthy in 2027-Q4.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("marginal values:\n%s\nwant %q", got, want)
		}
	}
	if strings.Contains(got, "not change the heart") {
		t.Errorf("a heart raised by 0.03 points reads as not changed:\n%s", got)
	}
}

// "In short": the unspent money's marginal sentence says a small rise of
// the heart, and where the budget is spent, that more of it would make
// the heart healthy.
func TestNarrativeMoreMoneyMakesHealthy(t *testing.T) {
	p := fourQuarters()
	p.Claims = []plan.Finding{
		{Kind: plan.KindHeartBelowHealthy, Period: "2027-Q4", Periods: []string{"2027-Q4"}, Numbers: map[string]float64{"heart": 0.898, "healthy_heart": 0.9}},
		{Kind: plan.KindHeartFullyCovered},
		{Kind: plan.KindNoLimitBinds},
		{Kind: plan.KindBudgetUnspent, Periods: []string{"2027-Q4"}, Numbers: map[string]float64{"unspent": 50000, "step": 100000, "heart_points": 0.0324, "brain_points": 11.6624}},
	}
	want := "Nothing holds the plan back; $50.0k of the budget is left unspent in 2027-Q4, yet another $100k a year would raise the heart by 0.03 points and the brain by 11.7 points."
	if got := Narrative(p); !slices.Contains(got, want) {
		t.Errorf("narrative:\n%q\nwant a sentence\n%q", got, want)
	}
	p.Claims[3] = plan.Finding{Kind: plan.KindBudgetSpent, Periods: []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}}
	p.Claims = append(p.Claims[1:], plan.Finding{Kind: plan.KindBudgetMakesHealthy, Periods: []string{"2027-Q4"}, Numbers: map[string]float64{"step": 100000}})
	p.Claims = append([]plan.Finding{{Kind: plan.KindHeartBelowHealthy, Period: "2027-Q4", Periods: []string{"2027-Q4"}, Numbers: map[string]float64{"heart": 0.898, "healthy_heart": 0.9}}}, p.Claims...)
	p.Claims = slices.DeleteFunc(p.Claims, func(f plan.Finding) bool { return f.Kind == plan.KindNoLimitBinds })
	want = "What holds the plan back: the budget is fully spent every quarter; another $100k a year would make the heart healthy in 2027-Q4."
	if got := Narrative(p); !slices.Contains(got, want) {
		t.Errorf("narrative:\n%q\nwant a sentence\n%q", got, want)
	}
}

// The per-period note says which case applies to this plan, and where the
// rows do not add up, by how much (baseline.yaml printed a note for both
// cases beside rows that add up to 6.4 against 6.3).
func TestMarginalPeriodNoteSaysWhichCase(t *testing.T) {
	p := fourQuarters()
	for t := range p.Periods {
		p.Periods[t].Healthy = true
	}
	rows := []float64{1.1724, 1.2584, 1.7989, 2.1532}
	p.Marginal = &plan.MarginalValues{Budget: plan.Marginal{Brain: 6.3329},
		Linked: []string{plan.LinkHireLimits, plan.LinkInvestments}, LinkedInvestments: []string{"cpq"}}
	for t, b := range rows {
		p.Marginal.Periods = append(p.Marginal.Periods, plan.PeriodMarginal{Label: p.Periods[t].Label, Amount: 25000, Marginal: plan.Marginal{Brain: b}})
	}
	var buf bytes.Buffer
	writeMarginals(&textWriter{w: &buf}, p, nil)
	want := "The same money one quarter at a time, the others kept. The quarters depend on each other in this plan (hire limits and the CPQ platform on offer): money in one quarter changes what the others can do, so the rows need not add up to the figures above; here, as printed, the brain's add up to +6.5 points against +6.3."
	if !strings.Contains(buf.String(), want) {
		t.Errorf("marginal values:\n%s\nwant %q", buf.String(), want)
	}
	// The sum is of the rows as printed (hiring-costs.yaml: +1.4, +1.3,
	// +1.9 and +2.0 add up to 6.6, where their exact sum, 6.686, read
	// +6.7 beside them).
	for t, b := range []float64{1.4441, 1.3421, 1.9417, 1.9581} {
		p.Marginal.Periods[t].Brain = b
	}
	p.Marginal.Budget.Brain = 7.2
	buf.Reset()
	writeMarginals(&textWriter{w: &buf}, p, nil)
	if want := "here, as printed, the brain's add up to +6.6 points against +7.2."; !strings.Contains(buf.String(), want) {
		t.Errorf("marginal values:\n%s\nwant %q", buf.String(), want)
	}
	// Nothing ties the quarters: only the rounding can part the rows from
	// the total, and the words say so rather than contradict "add up".
	p.Marginal.Linked, p.Marginal.LinkedInvestments = nil, nil
	for t := range p.Marginal.Periods {
		p.Marginal.Periods[t].Brain = 1.04
	}
	p.Marginal.Budget.Brain = 4.16
	buf.Reset()
	writeMarginals(&textWriter{w: &buf}, p, nil)
	if want := "so the rows add up to the figures above, but each figure is rounded on its own: as printed, the brain's add up to +4.0 points against +4.2."; !strings.Contains(buf.String(), want) {
		t.Errorf("marginal values:\n%s\nwant %q", buf.String(), want)
	}
	p.Marginal.Budget.Brain = 6.3329
	for t, b := range rows {
		p.Marginal.Periods[t].Brain = b
	}
	p.Marginal.Linked, p.Marginal.LinkedInvestments = nil, nil
	p.Marginal.Periods[3].Brain = 2.1032
	buf.Reset()
	writeMarginals(&textWriter{w: &buf}, p, nil)
	// Exactly 6.3329, as the total; printed +1.2, +1.3, +1.8 and +2.1.
	want = "The same money one quarter at a time, the others kept. Nothing ties one quarter to another in this plan (no hire or exit limits, investments on offer, roster at its own cost or one-time hiring costs), so the rows add up to the figures above, but each figure is rounded on its own: as printed, the brain's add up to +6.4 points against +6.3."
	if !strings.Contains(buf.String(), want) {
		t.Errorf("marginal values:\n%s\nwant %q", buf.String(), want)
	}
}

// A heart not healthy is worded by the cell rule, never as a score below
// healthy when the score is above it (whole-people.yaml as is: "below the
// healthy 90.0% every quarter, at 90.7% at its lowest").
func TestNarrativeHeartNotHealthyByCells(t *testing.T) {
	p := fourQuarters()
	p.Mode = plan.ModeAsIs
	all := []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}
	for _, c := range []struct {
		heart   float64
		periods []string
		want    string
	}{
		{0.907, all, "The heart is not healthy in any quarter (some heart function below 90.0% in some region), though it scores 90.7% at its lowest (2027-Q4); every heart function is fully covered."},
		{0.685, all, "The heart is not healthy in any quarter (some heart function below 90.0% in some region), with a score of 68.5% at its lowest (2027-Q4); every heart function is fully covered."},
		{0.898, []string{"2027-Q4"}, "The heart is not healthy in 2027-Q4 (some heart function below 90.0% in some region), with a score of 89.8% at its lowest (2027-Q4); every heart function is fully covered."},
	} {
		p.Claims = []plan.Finding{{Kind: plan.KindHeartBelowHealthy, Period: "2027-Q4", Periods: c.periods, Numbers: map[string]float64{"heart": c.heart, "healthy_heart": 0.9}},
			{Kind: plan.KindHeartFullyCovered}}
		if got := Narrative(p); len(got) == 0 || got[0] != c.want {
			t.Errorf("heart %v:\n%q\nwant\n%q", c.heart, got, c.want)
		}
	}
}

// The organization as it is: the budget it leaves unspent, a period it
// overspends and the floors it breaks reach "In short" (baseline.yaml's
// as-is paragraph said neither its $823k unspent nor its 33 floors).
func TestNarrativeAsIsBudgetAndFloors(t *testing.T) {
	p := fourQuarters()
	p.Mode = plan.ModeAsIs
	all := []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}
	broken := func(fn, region string, floor float64, periods []string) plan.Finding {
		return plan.Finding{Kind: plan.KindFloorBroken, Function: fn, Region: region, Period: periods[0], Periods: periods, Numbers: map[string]float64{"floor": floor, "coverage": 0.6}}
	}
	p.Claims = []plan.Finding{
		{Kind: plan.KindHeartBelowHealthy, Period: "2027-Q4", Periods: all, Numbers: map[string]float64{"heart": 0.685, "healthy_heart": 0.9}},
		{Kind: plan.KindHeartFullyCovered},
		{Kind: plan.KindBudgetUnspent, Periods: all[:3], Numbers: map[string]float64{"unspent": 822500}},
		{Kind: plan.KindBudgetOverspent, Periods: all[3:], Numbers: map[string]float64{"overspent": 13784.64}},
		broken("territories", "North", 0.7, all), broken("territories", "South", 0.7, all),
		broken("quotas", "North", 0.7, all), broken("quotas", "South", 0.7, all),
		broken("comp_admin", "North", 0.8, all[1:]), broken("comp_admin", "South", 0.8, all[1:]),
		{Kind: plan.KindConstraintsBroken, Numbers: map[string]float64{"count": 26, "floors": 22, "over_budget": 1}},
	}
	want := "Today's organization leaves $823k of the budget unspent in 2027-Q1 to 2027-Q3, spends $13.8k more than the budget in 2027-Q4 and breaks 22 floors of a function in a region in a quarter: " +
		"territories and quotas are below 70.0% in every region every quarter and comp_admin below 80.0% in every region in 2027-Q2 to 2027-Q4. It also breaks 3 other constraints of the scenario."
	if got := Narrative(p); !slices.Contains(got, want) {
		t.Errorf("narrative:\n%q\nwant a sentence\n%q", got, want)
	}
}

// A search the node limit stopped is said in "In short", in scores and
// with the unspent money it may explain; and the gap note speaks in
// points, not in the search's "weighted scores 1.782".
func TestSearchStoppedInScores(t *testing.T) {
	p := fourQuarters()
	for t := range p.Periods {
		p.Periods[t].Healthy = true
	}
	p.Status, p.Gap = plan.StatusOptimalWithinGap, 0.016
	p.Hiring = &plan.Hiring{}
	p.Gaps = []plan.StageGap{{Stage: plan.GapScores, Value: 1.782, Bound: 1.811, Gap: 0.016, HeartPoints: 2.9, BrainPoints: 2.9},
		{Stage: plan.GapSpend, Value: 9.87e6, Bound: 9.87e6 - 18200, Gap: 0.0019}}
	want := "The search for the best whole headcounts and all-or-nothing investments stopped at its node limit; the plan is within 1.60% of the best possible: its heart and brain may together be up to 2.9 points short of the best plan's with that heart; its spend, $9.87M, may be up to $18.2k (0.19%) above the least that holds those scores."
	if got := GapWords(p); got != want {
		t.Errorf("gap words:\n%q\nwant\n%q", got, want)
	}
	p.Claims = []plan.Finding{
		{Kind: plan.KindHeartHealthy, Numbers: map[string]float64{"heart": 0.9}},
		{Kind: plan.KindHeartFullyCovered},
		{Kind: plan.KindNoLimitBinds},
		{Kind: plan.KindBudgetUnspent, Numbers: map[string]float64{"unspent": 155000}},
		{Kind: plan.KindSearchStopped, Numbers: map[string]float64{"gap": 0.016, "heart_points": 2.9, "brain_points": 2.9, "spend_over": 18200}},
	}
	want = "The search for the best whole headcounts and all-or-nothing investments stopped at its limit, within 1.60% of the best possible: a plan with up to 2.9 points more heart and brain together may exist, so not all of what holds this plan back, nor all of the $155k left unspent, need be its limits' doing."
	if got := Narrative(p); !slices.Contains(got, want) {
		t.Errorf("narrative:\n%q\nwant a sentence\n%q", got, want)
	}
}

// A change under half a hundredth of a point is the plan's round-off:
// baseline.yaml's heart moves 0.0001 points with another $100k, which read
// "raise the heart by less than 0.01 points". It is said as none, unless
// it makes a period healthy.
func TestMarginalNegligibleChangeIsNone(t *testing.T) {
	name := func(ps []string) string { return "in " + strings.Join(ps, " and ") }
	for _, c := range []struct {
		x    plan.Marginal
		want string
	}{
		{plan.Marginal{Heart: 0.0001, Brain: 6.3329}, "not change the heart and raise the brain by 6.3 points"},
		{plan.Marginal{Heart: -0.0049, Brain: 0.0001}, "change neither the heart nor the brain"},
		{plan.Marginal{Heart: 0.0001, Brain: 1, MakesHealthy: []string{"2027-Q4"}}, "not change the mean heart yet make it healthy in 2027-Q4, and raise the brain by 1.0 points"},
	} {
		if got := scoreChange(c.x, name); got != c.want {
			t.Errorf("scoreChange(%+v) = %q, want %q", c.x, got, c.want)
		}
	}
}
