package checkup

import (
	"context"
	"errors"
	"math"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// run loads testdata/healthy.yaml with the given overrides, lets edit
// change the scenario further, and runs the checkup.
func run(t *testing.T, sets []string, edit func(*scenario.Scenario)) *Report {
	t.Helper()
	s, err := scenario.Load("testdata/healthy.yaml", sets)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(s)
	}
	r, err := Run(context.Background(), s, solve.Revised{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func statuses(r *Report) map[string]string {
	out := map[string]string{}
	for _, s := range r.Signs {
		out[s.ID] = s.Status
	}
	return out
}

func sign(t *testing.T, r *Report, id string) Sign {
	t.Helper()
	for _, s := range r.Signs {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no sign %s", id)
	return Sign{}
}

func expect(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.9g, want %.9g", what, got, want)
	}
}

// expectOnly checks that the report's signs are ok except the one given.
func expectOnly(t *testing.T, r *Report, id, status string) {
	t.Helper()
	want := map[string]string{StaleMix: OK, BrainBeforeHeart: OK, LostLocalTouch: OK, ShrinkingBudget: OK}
	if id != "" {
		want[id] = status
	}
	if got := statuses(r); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
	var ids []string
	for _, s := range r.Signs {
		ids = append(ids, s.ID)
		if len(s.Findings) == 0 || len(s.Remedies) == 0 || s.Title == "" {
			t.Errorf("%s: no findings, remedies or title: %+v", s.ID, s)
		}
	}
	if got := strings.Join(ids, ","); got != "stale_mix,brain_before_heart,lost_local_touch,shrinking_budget" {
		t.Errorf("signs in order %s", got)
	}
}

// The healthy organization shows no sign: its mix is the demand profile
// (a third each), the heart is fully covered, the regions do their local
// work and the budget is flat.
func TestHealthyShowsNoSign(t *testing.T) {
	r := run(t, nil, nil)
	expectOnly(t, r, "", "")
	ev := sign(t, r, StaleMix).Evidence.(*StaleMixEvidence)
	expect(t, "distance", ev.Distance, 0)
	expect(t, "fte", ev.FTE, 6)
	b := sign(t, r, BrainBeforeHeart).Evidence.(*BrainBeforeHeartEvidence)
	expect(t, "heart", b.Heart, 1)
	expect(t, "brain share", b.BrainShare, 200000.0/600000)
	if r.FormatVersion != plan.FormatVersion || r.Thresholds[scenario.StaleMixAct] != 0.35 {
		t.Errorf("format_version %d, thresholds %v", r.FormatVersion, r.Thresholds)
	}
}

// stale_mix: the brain function doubles its demand after the launch stage.
// Today's mix (2, 2, 2) is exactly the launch profile, while the growth
// profile is hub 2/8, desk 2/8, insight 4/8: distance (1/12 + 1/12 + 1/6)/2
// = 1/6, 1 FTE to move, under the watch threshold; but launch fits better by
// 1/6 >= the 0.05 margin, so act. At today's 6 FTE the growth profile gives
// hub and desk 1.5 each (+0.5 over) and insight 3 (-1 under).
func TestStaleMix(t *testing.T) {
	r := run(t, []string{"functions[insight].stage_multipliers={launch: 1, growth: 2, expansion: 2, margin: 2}"}, nil)
	expectOnly(t, r, StaleMix, Act)
	ev := sign(t, r, StaleMix).Evidence.(*StaleMixEvidence)
	expect(t, "distance", ev.Distance, 1.0/6)
	expect(t, "fte to move", ev.FTEToMove, 1)
	if ev.BestFit != "launch" || ev.Stage != "growth" || len(ev.Stages) != 4 {
		t.Errorf("best fit %s, stage %s, stages %v", ev.BestFit, ev.Stage, ev.Stages)
	}
	expect(t, "launch distance", ev.Stages[0].Distance, 0)
	if len(ev.Over) != 2 || ev.Over[0].ID != "hub" || ev.Over[1].ID != "desk" || len(ev.Under) != 1 || ev.Under[0].ID != "insight" {
		t.Fatalf("over %v under %v", ev.Over, ev.Under)
	}
	expect(t, "hub over", ev.Over[0].Gap, 0.5)
	expect(t, "insight under", ev.Under[0].Gap, -1)
	expect(t, "insight target", ev.Under[0].Target, 3)

	// The views word the findings' function ids with these names.
	if len(r.FunctionNames) != 3 || r.FunctionNames["hub"] == "" || r.FunctionNames["insight"] == "" {
		t.Errorf("function names %v, want the three functions'", r.FunctionNames)
	}

	// Without the earlier stage's better fit, a distance of 1/6 is ok; with
	// the watch threshold at 0.15 it is watch.
	r = run(t, []string{"functions[insight].stage_multipliers={launch: 2, growth: 2, expansion: 2, margin: 2}", "checkup.stale_mix_watch=0.15"}, nil)
	expectOnly(t, r, StaleMix, Watch)
}

// brain_before_heart: the central team has only 1 on hub (1.25 FTE-eq of a
// demand of 2: 62.5%), so the heart is (62.5% + 100%)/2 = 81.25%, below the
// healthy 90%, while $200k of the $500k spent goes to the 2 insight FTE:
// 40%, above the act threshold of 25%. The heart is 0.55 FTE short of
// healthy (hub's demand of 2 at 62.5% against 90%: 2 x 0.275). The
// optimized plan covers everything for $560k (hub 1.6 central FTE, desk 2
// local, insight 2), $200k of it on the brain.
func TestBrainBeforeHeart(t *testing.T) {
	r := run(t, []string{"central.current_fte={hub: 1, insight: 2}"}, nil)
	expectOnly(t, r, BrainBeforeHeart, Act)
	ev := sign(t, r, BrainBeforeHeart).Evidence.(*BrainBeforeHeartEvidence)
	expect(t, "heart", ev.Heart, 0.8125)
	expect(t, "brain fte", ev.BrainFTE, 2)
	expect(t, "brain spend", ev.BrainSpend, 200000)
	expect(t, "spend", ev.Spend, 500000)
	expect(t, "brain share", ev.BrainShare, 0.4)
	expect(t, "heart gap", ev.HeartGapFTE, 2*(0.9-0.625))
	expect(t, "heart fte for the money", ev.HeartFTEForSameMoney, 2)
	expect(t, "plan heart", ev.PlanHeart, 1)
	expect(t, "plan brain spend", ev.PlanBrainSpend, 200000)
	expect(t, "plan brain share", ev.PlanBrainShare, 200000.0/560000)
	// The finding carries the thresholds that grade the share, so that
	// the words can say why the status is what it is.
	if f := sign(t, r, BrainBeforeHeart).Findings[0]; f.N("watch") != r.Thresholds[scenario.BrainSpendWatch] || f.N("act") != r.Thresholds[scenario.BrainSpendAct] {
		t.Errorf("finding thresholds watch %g act %g, want %v", f.N("watch"), f.N("act"), r.Thresholds)
	}

	// What makes the heart unhealthy is named: hub at 1.25 / 2 = 62.5% in
	// North, the first of the two regions it is spread over evenly.
	if f := sign(t, r, BrainBeforeHeart).Findings[0]; f.Function != "hub" || f.Region != "North" || math.Abs(f.N("weakest_coverage")-0.625) > 1e-9 {
		t.Errorf("weakest heart cell %s in %s at %g, want hub in North at 0.625", f.Function, f.Region, f.N("weakest_coverage"))
	}

	// The same organization with a 45% act threshold is watch.
	r = run(t, []string{"central.current_fte={hub: 1, insight: 2}", "checkup.brain_spend_act=0.45"}, nil)
	expectOnly(t, r, BrainBeforeHeart, Watch)

	// The heart's score can be above healthy while it is not healthy:
	// North alone, hub at 0.7 x 1.25 = 87.5% and desk at 100% score
	// 93.75%. The finding names hub in North, the cell below healthy.
	r = run(t, nil, func(s *scenario.Scenario) {
		s.Regions = s.Regions[:1]
		s.Central.CurrentFTE = map[string]float64{"hub": 0.7, "insight": 1}
	})
	ev = sign(t, r, BrainBeforeHeart).Evidence.(*BrainBeforeHeartEvidence)
	expect(t, "heart score", ev.Heart, 0.9375)
	if ev.Healthy || ev.Heart < ev.HealthyHeart {
		t.Fatalf("healthy %v at a score of %g: want unhealthy above healthy", ev.Healthy, ev.Heart)
	}
	f := sign(t, r, BrainBeforeHeart).Findings[0]
	if f.Kind != KindBrainBeforeHeart || f.Function != "hub" || f.Region != "North" {
		t.Fatalf("finding %+v, want brain before heart naming hub in North", f)
	}
	expect(t, "weakest coverage", f.N("weakest_coverage"), 0.875)
	// Its remedy says the plan makes the heart healthy, with today's score
	// beside the plan's (the $700k budget takes both cells to 100%).
	rem := sign(t, r, BrainBeforeHeart).Remedies[0]
	if rem.N("plan_healthy") != 1 || !ev.PlanHealthy {
		t.Errorf("plan healthy %v (%g), want the optimized plan healthy", ev.PlanHealthy, rem.N("plan_healthy"))
	}
	expect(t, "plan heart", rem.N("plan_heart"), 1)
	expect(t, "today's heart", rem.N("heart"), 0.9375)
}

// brain_before_heart counts the brain part of an owned investment: a tool
// covering half of insight and half of hub splits its $100k a year by the
// FTE-equivalents it delivers (1 of insight, 1 of hub): $50k on the brain.
func TestBrainPartOfInvestments(t *testing.T) {
	r := run(t, []string{
		"central.current_fte={hub: 1, insight: 2}",
		"investments=[{id: bi, cost: {per_year: 100000}, covers: {insight: 0.5, hub: 0.5}, owned: true}]",
	}, nil)
	ev := sign(t, r, BrainBeforeHeart).Evidence.(*BrainBeforeHeartEvidence)
	expect(t, "tool spend", ev.BrainToolSpend, 50000)
	expect(t, "brain spend", ev.BrainSpend, 250000)
	// hub: 1.25 staff + 1 tool of 2: covered, so the heart is healthy.
	expect(t, "heart", ev.Heart, 1)
	if st := sign(t, r, BrainBeforeHeart).Status; st != OK {
		t.Errorf("status %s, want ok: the heart is healthy", st)
	}
}

// lost_local_touch: desk (a local function) is staffed by 2 central FTE,
// who (with central_effectiveness 1) cover it fully: the heart is healthy
// but 100% of the local-function staff is central. The optimized plan
// puts desk back in the regions.
func TestLostLocalTouch(t *testing.T) {
	r := run(t, []string{
		"functions[desk].central_effectiveness=1",
		"central.current_fte={hub: 2, insight: 2, desk: 2}",
		"regions[North].current_fte={}", "regions[South].current_fte={}",
	}, nil)
	expectOnly(t, r, LostLocalTouch, Act)
	ev := sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	expect(t, "as-is central share", ev.AsIs.CentralShare, 1)
	expect(t, "as-is gap", ev.AsIs.Gap, 0)
	if !reflect.DeepEqual(ev.Functions, []string{"desk"}) || ev.AsIs.Status != Act {
		t.Errorf("functions %v, as-is status %s", ev.Functions, ev.AsIs.Status)
	}
}

// lost_local_touch also fires on a region left behind: North has 1 on desk
// (100%), South 0.5 (50%): 50 points below the other region, act. With a
// 60% floor on desk, South's desk is also named below its floor.
func TestLostLocalTouchRegionGap(t *testing.T) {
	r := run(t, []string{"regions[South].current_fte={desk: 0.5}"}, nil)
	ev := sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	expect(t, "gap", ev.AsIs.Gap, 0.5)
	if ev.AsIs.Weakest != "South" || ev.AsIs.Status != Act || len(ev.AsIs.BelowFloor) != 0 {
		t.Errorf("weakest %s status %s below floor %v", ev.AsIs.Weakest, ev.AsIs.Status, ev.AsIs.BelowFloor)
	}
	r = run(t, []string{"regions[South].current_fte={desk: 0.5}", "functions[desk].min_coverage=0.6"}, nil)
	ev = sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	if want := []FloorShortfall{{Function: "desk", Region: "South", Coverage: 0.5, Floor: 0.6}}; !reflect.DeepEqual(ev.AsIs.BelowFloor, want) {
		t.Errorf("below floor %v, want %v", ev.AsIs.BelowFloor, want)
	}
}

// shrinking_budget, one region (North alone) with a budget of $350k a year
// falling 30% a year: $350k, $245k, $171.5k. Hub demand grows 10% a year (1,
// 1.1, 1.21 FTE), desk stays at 1. A healthy heart has every heart
// function at 0.9 (stage 1 counts each only up to healthy): hub at 0.9 is
// 1.089 FTE-eq at $80k per FTE-eq (1.25 per central FTE), $87,120, and
// desk at 0.9 is $90k ($100k per FTE): $177,120 in 2029, more than
// $171.5k: the heart falls in 2029, act. The least budget scales the
// trajectory by 177.12/171.5, i.e. $361,469 a year, and the least spend
// 2029 needs for a healthy heart is that $177,120. (Until session 24 the
// budget case asked a healthy target for an average heart of 90% only,
// and reported $176.8k for 2029, hub full and desk at 0.8: less than the
// plan needs to be healthy.)
func TestShrinkingBudget(t *testing.T) {
	r := run(t, []string{"budget.annual=350000", "budget.change_per_year=-0.3"}, func(s *scenario.Scenario) {
		s.Regions = s.Regions[:1]
		s.Central.CurrentFTE = map[string]float64{"hub": 1, "insight": 1}
	})
	expectOnly(t, r, ShrinkingBudget, Act)
	ev := sign(t, r, ShrinkingBudget).Evidence.(*ShrinkingBudgetEvidence)
	expect(t, "budget change", ev.BudgetChange, -0.3)
	expect(t, "heart demand first", ev.HeartDemandFirst, 2)
	expect(t, "heart demand last", ev.HeartDemandLast, 2.21)
	if ev.FirstUnhealthy != "2029" || !ev.Shrinking {
		t.Errorf("first unhealthy %q shrinking %v", ev.FirstUnhealthy, ev.Shrinking)
	}
	bc := ev.HealthyBudget
	if bc == nil || !bc.Feasible || bc.Annual == nil {
		t.Fatalf("budget case %+v", bc)
	}
	k := 177120.0 / 171500
	expect(t, "scale", bc.Scale, k)
	expect(t, "annual", *bc.Annual, 350000*k)
	expect(t, "2029 spend", bc.Periods[2].Spend, 177120)
	// The remedy gives the least budget and the period that sets it as
	// findings, with the budget case's numbers at full precision.
	rem := sign(t, r, ShrinkingBudget).Remedies
	if len(rem) != 2 || rem[0].Kind != KindRaiseTo || rem[1].Kind != KindPeriodNeeds || rem[1].Period != "2029" {
		t.Fatalf("remedies %+v", rem)
	}
	expect(t, "remedy least annual", rem[0].N("least_annual"), 350000*k)
	expect(t, "remedy 2029 spend", rem[1].N("spend"), 177120)
	expect(t, "remedy 2029 budget", rem[1].N("budget"), 171500)
	if f := sign(t, r, ShrinkingBudget).Findings; len(f) != 2 || f[1].Kind != KindHeartFallsBelowHealthy || f[1].Period != "2029" {
		t.Errorf("findings %+v", f)
	}

	// A gentler fall that the heart survives is watch: the budget per FTE of
	// heart demand falls more than 3% a year.
	r = run(t, []string{"budget.annual=350000", "budget.change_per_year=-0.05"}, func(s *scenario.Scenario) {
		s.Regions = s.Regions[:1]
		s.Central.CurrentFTE = map[string]float64{"hub": 1, "insight": 1}
	})
	expectOnly(t, r, ShrinkingBudget, Watch)
}

// When no budget keeps the heart healthy, the remedy says why, with the
// budget case's explanation. North alone, the budget falling 30% a year,
// nobody may be hired: the central team has 0.7 on hub (0.875 FTE-eq),
// North 1 on desk. A healthy heart, every function at 0.9, needs 2029's
// hub (demand 1.21 FTE) covered 1.089 FTE-eq, 0.214 beyond the central
// team's, and desk 0.9 of North's 1: North needs 0.214 + 0.9 - 1 = 0.114
// more people, given that the central team may hire nobody either. (A
// heart score of 0.9, what the budget case asked until session 24, needed
// 1.8 * 1.21 - 0.875 - 1.21 = 0.093: hub at 80% and desk full.)
func TestShrinkingBudgetNoBudgetKeepsHealthy(t *testing.T) {
	r := run(t, []string{"budget.annual=350000", "budget.change_per_year=-0.3"}, func(s *scenario.Scenario) {
		s.Regions = s.Regions[:1]
		s.Central.CurrentFTE = map[string]float64{"hub": 0.7}
		s.Central.MaxHiresPerPeriod, s.Regions[0].MaxHiresPerPeriod = 0, 0
	})
	sg := sign(t, r, ShrinkingBudget)
	if sg.Status != Act {
		t.Errorf("status %s, want act", sg.Status)
	}
	if bc := sg.Evidence.(*ShrinkingBudgetEvidence).HealthyBudget; bc == nil || bc.Feasible {
		t.Fatalf("budget case %+v, want no budget", bc)
	}
	rem := sg.Remedies
	if len(rem) != 2 || rem[0].Kind != KindNoBudgetKeepsHealthy || rem[1].Kind != plan.KindHireLimitTooSmall {
		t.Fatalf("remedies %+v", rem)
	}
	f := rem[1]
	if f.Team != "North" || f.Period != "2029" {
		t.Errorf("hire limit of %q by %q, want North by 2029", f.Team, f.Period)
	}
	expect(t, "need", f.N("need"), 0.9*1.21-0.875+0.9-1)
	if want := []plan.Constraint{{Kind: plan.ConstraintHeartTarget, Limit: 0.9}}; !reflect.DeepEqual(f.Meet, want) {
		t.Errorf("meet %+v, want %+v", f.Meet, want)
	}
	if len(f.Given) != 1 || f.Given[0].Kind != plan.BindHireLimit || f.Given[0].ID != "central" || f.Given[0].Limit != 0 {
		t.Errorf("given %+v, want the central team's hire limit of 0", f.Given)
	}
}

// An infeasible scenario is an *InfeasibleError with plan's explanation.
func TestInfeasible(t *testing.T) {
	s, err := scenario.Load("testdata/healthy.yaml", []string{"functions[desk].min_coverage=1", "budget.annual=1000"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), s, solve.Revised{})
	var inf *InfeasibleError
	if !errors.As(err, &inf) || !errors.Is(err, ErrInfeasible) || len(inf.Findings) == 0 {
		t.Fatalf("err = %v, want an InfeasibleError", err)
	}
}

// Every threshold is documented in docs/checkup.md with its default.
func TestThresholdsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/checkup.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range scenario.CheckupThresholds {
		def := strconv.FormatFloat(th.Default, 'f', -1, 64)
		re := regexp.MustCompile("(?m)^\\| `" + th.Name + "` \\| " + regexp.QuoteMeta(def) + " \\|")
		if !re.Match(doc) {
			t.Errorf("docs/checkup.md has no table row | `%s` | %s |", th.Name, def)
		}
	}
}

// A roster that prices its teams marks the brain's spend as at their
// average cost (team_average); a scenario without one does not.
func TestBrainSpendTeamAverage(t *testing.T) {
	for _, c := range []struct {
		file string
		want bool
	}{{"../../scenarios/whole-people.yaml", true}, {"../../scenarios/baseline.yaml", false}} {
		s, err := scenario.Load(c.file, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Run(context.Background(), s, solve.Revised{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sg := range r.Signs {
			if sg.ID != BrainBeforeHeart {
				continue
			}
			_, got := sg.Findings[0].Number("team_average")
			if got != c.want || rosterPriced(s) != c.want {
				t.Errorf("%s: team_average %v, want %v", c.file, got, c.want)
			}
		}
	}
}

// What holds a region back is what the optimized plan reaches: in
// brain-first.yaml the plan itself leaves North America 15.7 points behind
// in 2027-Q2 with the budget spent in full; the floor it names is on
// Proposals, the heart function behind the gap (60.0%, its floor). In
// whole-people.yaml, heldBack reads EMEA's hire limit of 1 a quarter from
// 2027-Q1 (and not the budget, which 2027-Q1 leaves unspent) from the
// plan's bindings. (Until session 26 this test took its remedy from
// whole-people.yaml, where EMEA was "behind" only in enablement, a brain
// function.)
func TestRegionBehindNamesWhatHoldsIt(t *testing.T) {
	s, r := runFile(t, "../../scenarios/brain-first.yaml")
	var f *plan.Finding
	for _, sg := range r.Signs {
		for i := range sg.Remedies {
			if sg.Remedies[i].Kind == KindPlanLeavesRegionBehind {
				f = &sg.Remedies[i]
			}
		}
	}
	if f == nil {
		t.Fatal("no plan_leaves_region_behind remedy")
	}
	ev := sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	want := map[string]float64{"gap": ev.Plan.Gap, "budget_spent": 1}
	if f.Region != "North America" || f.Period != "2027-Q2" || !reflect.DeepEqual(f.Numbers, want) || !reflect.DeepEqual(f.Functions, []string{"proposals"}) {
		t.Errorf("remedy %+v, want North America in 2027-Q2 with %v on proposals", f, want)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := heldBack(p, "North America", "2027-Q2"); !reflect.DeepEqual(got, map[string]float64{"budget_spent": 1}) {
		t.Errorf("heldBack %v", got)
	}

	s, _ = runFile(t, "../../scenarios/whole-people.yaml")
	p, err = plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := heldBack(p, "EMEA", "2027-Q1"); !reflect.DeepEqual(got, map[string]float64{"region_hire_limit": 1}) {
		t.Errorf("heldBack %v", got)
	}
	if p.Periods[0].Unspent <= 0 {
		t.Errorf("2027-Q1 spends its budget: %v unspent", p.Periods[0].Unspent)
	}
}

// runFile loads a scenario file and runs the checkup.
func runFile(t *testing.T, file string, sets ...string) (*scenario.Scenario, *Report) {
	t.Helper()
	s, err := scenario.Load(file, sets)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), s, solve.Revised{})
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// localHeart re-derives a region's coverage of its local heart work in
// period from the plan's cells: covered demand over demand of the heart
// functions whose locality is local.
func localHeart(t *testing.T, s *scenario.Scenario, p *plan.Plan, region, period string) float64 {
	t.Helper()
	local := map[string]bool{}
	for _, fn := range s.Functions {
		local[fn.ID] = fn.Locality == scenario.Local && fn.Class == scenario.Heart
	}
	var covered, demand float64
	for _, per := range p.Periods {
		if per.Label != period {
			continue
		}
		for _, c := range per.Cells {
			if c.Region == region && local[c.Function] {
				covered += c.Coverage * c.Demand
				demand += c.Demand
			}
		}
	}
	if demand == 0 {
		t.Fatalf("no local heart demand in %s in %s", region, period)
	}
	return covered / demand
}

// lost_local_touch measures the regions' local heart work: a brain
// function declared local is work a heart-first plan puts off by design.
// In whole-people.yaml the optimized plan has EMEA's sales support at
// 90.0% in 2027-Q1 beside the Americas' 100%: 10 points below, but at the
// healthy 90.0%, so EMEA is not behind (healthyCell; until session 30 the
// plan named it "10.0 points below the other regions"), and the plan is
// ok. (Until session 26 enablement, a brain
// function declared local, at 33.4% in EMEA, made it (2.0 x 0.9 + 0.8 x
// 0.334) / 2.8 = 73.8%, "26.2 points below the other regions", and the
// remedy advised floors on "the local functions", brain work included.)
// Today the Americas' sales support is at 83.3% against EMEA's 100%: 16.7
// points behind, watch, and the plan lifts it in the same quarter.
func TestLostLocalTouchCountsHeartWork(t *testing.T) {
	s, r := runFile(t, "../../scenarios/whole-people.yaml")
	sg := sign(t, r, LostLocalTouch)
	ev := sg.Evidence.(*LostLocalTouchEvidence)
	if !reflect.DeepEqual(ev.Functions, []string{"sales_support", "enablement"}) || !reflect.DeepEqual(ev.HeartFunctions, []string{"sales_support"}) {
		t.Errorf("functions %v, heart functions %v", ev.Functions, ev.HeartFunctions)
	}
	if ev.Plan.Status != OK || ev.Plan.Weakest != "" || ev.Plan.Gap != 0 {
		t.Errorf("plan %s (%s behind by %g), want ok with no region behind", ev.Plan.Status, ev.Plan.Weakest, ev.Plan.Gap)
	}
	if emea := regionOf(ev.Plan, "EMEA"); !emea.Healthy || ev.Plan.Period != "2027-Q1" {
		t.Errorf("plan's EMEA in %s: %+v, want healthy", ev.Plan.Period, emea)
	} else {
		expect(t, "plan's EMEA", emea.Coverage, 0.9)
		expect(t, "plan's Americas", coverageOf(ev.Plan, "Americas"), 1)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []LocalView{ev.Plan} {
		for _, rl := range v.Regions {
			expect(t, rl.Name+" local heart work", rl.Coverage, localHeart(t, s, p, rl.Name, v.Period))
		}
	}
	expect(t, "today's gap", ev.AsIs.Gap, 1-2.5/3.0)
	if ev.AsIs.Weakest != "Americas" || sg.Status != Watch {
		t.Errorf("today %s behind, status %s: want the Americas, watch", ev.AsIs.Weakest, sg.Status)
	}
	// The finding names the function behind the gap.
	for _, f := range sg.Findings {
		if f.Kind == KindRegionBehind && (!reflect.DeepEqual(f.Functions, []string{"sales_support"}) || f.N("heart_functions") != 1) {
			t.Errorf("region behind %+v, want sales_support, the one local heart function", f)
		}
	}
	// No remedy names enablement; today's is the plan in today's quarter.
	if len(sg.Remedies) != 1 || sg.Remedies[0].Kind != KindStaffLocalWork || sg.Remedies[0].Region != "Americas" || sg.Remedies[0].Period != "2027-Q1" {
		t.Fatalf("remedies %+v, want staff_local_functions for the Americas in 2027-Q1", sg.Remedies)
	}
	expect(t, "plan's Americas", sg.Remedies[0].N("coverage_plan"), localHeart(t, s, p, "Americas", "2027-Q1"))

	// In healthy.yaml, a brain function declared local and left unstaffed
	// in South is not a region behind: the sign stays ok.
	r = run(t, nil, func(s *scenario.Scenario) {
		s.Functions[2].Locality = scenario.Local
		s.Central.CurrentFTE = map[string]float64{"hub": 2}
		s.Regions[0].CurrentFTE = map[string]float64{"desk": 1, "insight": 1}
		s.Regions[1].CurrentFTE = map[string]float64{"desk": 1}
	})
	ev = sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	if ev.AsIs.Status != OK || ev.AsIs.Gap != 0 {
		t.Errorf("today %s, gap %g: a brain function's gap counted", ev.AsIs.Status, ev.AsIs.Gap)
	}
}

// brain-first.yaml: nobody central does local work today (0.0%) and APAC
// is 25.9 points behind with floors unmet: the remedy is to staff the
// regions, not to "give the local work back", and it compares today with
// the optimized plan in the same quarter, 2027-Q1 (until session 26 it
// set APAC's 31.6% today beside the plan's 90.0% in 2027-Q2). The plan's
// own worst quarter, 2027-Q2, leaves North America 15.7 points behind,
// above the 15 to watch: a second remedy says so.
func TestLostLocalTouchRemedyLikePeriods(t *testing.T) {
	s, r := runFile(t, "../../scenarios/brain-first.yaml")
	sg := sign(t, r, LostLocalTouch)
	ev := sg.Evidence.(*LostLocalTouchEvidence)
	if ev.AsIs.CentralShare >= r.Thresholds[scenario.LocalCentralShareWatch] || ev.Plan.Status != Watch || ev.Plan.Period != "2027-Q2" {
		t.Fatalf("today central %g, plan %s in %s", ev.AsIs.CentralShare, ev.Plan.Status, ev.Plan.Period)
	}
	if len(sg.Remedies) != 2 {
		t.Fatalf("remedies %+v, want today's and the plan's own", sg.Remedies)
	}
	today, own := sg.Remedies[0], sg.Remedies[1]
	if today.Kind != KindStaffLocalWork || today.Period != ev.AsIs.Period || today.Region != "APAC" || today.N("meets_floors") != 1 {
		t.Errorf("today's remedy %+v, want staff_local_functions for APAC in %s", today, ev.AsIs.Period)
	}
	if _, ok := today.Number("plan_central_share"); ok {
		t.Errorf("today's remedy %+v gives central shares: nothing is central", today)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "today's APAC", today.N("coverage_today"), coverageOf(ev.AsIs, "APAC"))
	expect(t, "plan's APAC in 2027-Q1", today.N("coverage_plan"), localHeart(t, s, p, "APAC", "2027-Q1"))
	if own.Kind != KindPlanLeavesRegionBehind || own.Region != ev.Plan.Weakest || own.Period != ev.Plan.Period || own.N("gap") < r.Thresholds[scenario.RegionGapWatch] {
		t.Errorf("the plan's own remedy %+v, want North America's gap in %s", own, ev.Plan.Period)
	}
}

// When today's center holds the local work, the remedy gives it back,
// with the central shares of today and of the plan in the same period.
func TestLostLocalTouchGiveBack(t *testing.T) {
	r := run(t, []string{
		"functions[desk].central_effectiveness=1",
		"central.current_fte={hub: 2, insight: 2, desk: 2}",
		"regions[North].current_fte={}", "regions[South].current_fte={}",
	}, nil)
	rem := sign(t, r, LostLocalTouch).Remedies
	if len(rem) != 1 || rem[0].Kind != KindGiveLocalWorkBack || rem[0].Period != "2027" || rem[0].N("today_central_share") != 1 || rem[0].N("plan_central_share") != 0 {
		t.Errorf("remedies %+v, want give_local_work_back in 2027 from 100%% to 0%%", rem)
	}
}

// A region is behind only in work it covers less than the others do.
// testdata/localmix.yaml covers desk fully and field at 40% in both
// regions; South, with more field work, read "52.0% of its local heart
// work, 18.0 points below the other regions (lowest: Field at 40.0%)",
// watch, with North's field at 40.0% too. North's field at 80% makes South
// behind in field: 38 points, act, as before.
func TestLostLocalTouchMixIsNotAGap(t *testing.T) {
	s, err := scenario.Load("testdata/localmix.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), s, solve.Revised{})
	if err != nil {
		t.Fatal(err)
	}
	sg := sign(t, r, LostLocalTouch)
	ev := sg.Evidence.(*LostLocalTouchEvidence)
	expect(t, "South today", coverageOf(ev.AsIs, "South"), 2.6/5)
	expect(t, "North today", coverageOf(ev.AsIs, "North"), 1.4/2)
	if ev.AsIs.Weakest != "" || ev.AsIs.Gap != 0 || ev.AsIs.Status != OK || sg.Status != OK {
		t.Errorf("today %s behind by %g (%s), sign %s: want no region behind, ok", ev.AsIs.Weakest, ev.AsIs.Gap, ev.AsIs.Status, sg.Status)
	}
	for _, f := range sg.Findings {
		if f.Kind == KindRegionBehind {
			t.Errorf("finding %+v: no region is behind in any function", f)
		}
	}

	s, err = scenario.Load("testdata/localmix.yaml", []string{"regions[North].current_fte={desk: 1, field: 0.8}"})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = Run(context.Background(), s, solve.Revised{}); err != nil {
		t.Fatal(err)
	}
	ev = sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	expect(t, "South's gap", ev.AsIs.Gap, 1.8/2-2.6/5)
	if ev.AsIs.Weakest != "South" || ev.AsIs.Status != Act {
		t.Errorf("today %s behind (%s), want South, act", ev.AsIs.Weakest, ev.AsIs.Status)
	}
}

// A region whose every local heart function is healthy is not behind,
// however far below the other regions it reads: healthy.yaml at a healthy
// heart of 80%, South's desk at 80% (or a sliver below, within the plan's
// tolerance) beside North's 100% read "20.0 points below the other
// regions", watch. At 79% it is below healthy, and behind: watch.
func TestHealthyRegionIsNotBehind(t *testing.T) {
	for _, c := range []struct {
		desk    string
		weakest string
		status  string
	}{
		{"0.8", "", OK},
		{"0.8 - 1e-10", "", OK},
		{"0.79", "South", Watch},
	} {
		r := run(t, []string{"policy.healthy_heart=0.8"}, func(s *scenario.Scenario) {
			d := 0.8
			switch c.desk {
			case "0.8 - 1e-10":
				d -= 1e-10
			case "0.79":
				d = 0.79
			}
			s.Regions[1].CurrentFTE = map[string]float64{"desk": d}
		})
		sg := sign(t, r, LostLocalTouch)
		ev := sg.Evidence.(*LostLocalTouchEvidence)
		south := regionOf(ev.AsIs, "South")
		if ev.AsIs.Weakest != c.weakest || ev.AsIs.Status != c.status || south.Healthy != (c.weakest == "") {
			t.Errorf("South's desk at %s: %q behind by %g (%s), South %+v; want %q, %s", c.desk, ev.AsIs.Weakest, ev.AsIs.Gap, ev.AsIs.Status, south, c.weakest, c.status)
		}
		for _, f := range sg.Findings {
			if f.Kind == KindRegionBehind && c.weakest == "" {
				t.Errorf("South's desk at %s: finding %+v names a healthy region behind", c.desk, f)
			}
		}
	}
}

// behindIn compares a region's local heart functions with the others'
// coverage of the same function, a function no other region has with the
// others' local heart work, and counts what prints below them.
func TestBehindIn(t *testing.T) {
	fl := func(id string, c float64) FunctionLocal { return FunctionLocal{Function: id, Coverage: c, Demand: 1} }
	region := func(name string, fs ...FunctionLocal) RegionLocal {
		var sum float64
		for _, f := range fs {
			sum += f.Coverage
		}
		return RegionLocal{Name: name, Coverage: sum / float64(len(fs)), Functions: fs}
	}
	for _, c := range []struct {
		what    string
		regions []RegionLocal
		want    []bool
	}{
		{"alike", []RegionLocal{region("A", fl("x", 0.6), fl("y", 0.9)), region("B", fl("x", 0.6)), region("C", fl("y", 0.9))}, []bool{false, false, false}},
		{"below the others' mean", []RegionLocal{region("A", fl("x", 0.5)), region("B", fl("x", 0.9)), region("C", fl("x", 0.3))}, []bool{true, false, true}},
		{"a function only A has", []RegionLocal{region("A", fl("x", 0.9), fl("z", 0)), region("B", fl("x", 0.9))}, []bool{true, false}},
		{"below by less than a printed tenth", []RegionLocal{region("A", fl("x", 0.8996)), region("B", fl("x", 0.9004))}, []bool{false, false}},
		{"below by a printed tenth", []RegionLocal{region("A", fl("x", 0.8985)), region("B", fl("x", 0.9))}, []bool{true, false}},
	} {
		for i, want := range c.want {
			if got := len(behindIn(c.regions, i)) > 0; got != want {
				t.Errorf("%s: %s behind = %v, want %v", c.what, c.regions[i].Name, got, want)
			}
		}
	}
}

// The function named behind a region's gap is the one it is furthest
// behind the other regions in, not its lowest, which every region may be
// as low in. brain-first.yaml today: APAC's Compensation design is at 0%
// as everywhere, its Proposals at 0% against North America's 47.7% and
// EMEA's 75.3%; it named "Compensation design and Proposals". The
// baseline with a cheap central team: the plan's APAC has Sales support
// and Proposals at 90% as everywhere and Compensation design at 92.9%
// against 100%; it named Sales support and Proposals.
func TestRegionBehindNamesTheWorkBehind(t *testing.T) {
	behindOf := func(r *Report, kind string) plan.Finding {
		t.Helper()
		fs := sign(t, r, LostLocalTouch).Findings
		for i, f := range fs {
			if f.Kind == kind && i+1 < len(fs) && fs[i+1].Kind == KindRegionBehind {
				return fs[i+1]
			}
		}
		t.Fatalf("no region behind after %s: %+v", kind, fs)
		return plan.Finding{}
	}
	_, r := runFile(t, "../../scenarios/brain-first.yaml")
	ev := sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	f := behindOf(r, KindLocalViewToday)
	na, emea := regionOf(ev.AsIs, "North America"), regionOf(ev.AsIs, "EMEA")
	if f.Region != "APAC" || !reflect.DeepEqual(f.Functions, []string{"proposals"}) || f.N("behind_functions") != 2 {
		t.Errorf("today %+v, want APAC behind in proposals, furthest of 2", f)
	}
	expect(t, "APAC's proposals", f.N("function_coverage"), 0)
	expect(t, "the others' proposals", f.N("others_coverage"), (na.Functions[2].Coverage+emea.Functions[2].Coverage)/2)

	s, err := scenario.Load("../../scenarios/baseline.yaml", []string{"central.cost_per_fte=50000", "policy.central_share.max=1"})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = Run(context.Background(), s, solve.Revised{}); err != nil {
		t.Fatal(err)
	}
	// Since session 30 APAC there is not named behind at all: every one of
	// its local heart functions is healthy (healthyCell). furthestBehind
	// still picks the work it trails the others in, not its lowest.
	ev = sign(t, r, LostLocalTouch).Evidence.(*LostLocalTouchEvidence)
	if ev.Plan.Weakest != "" || !regionOf(ev.Plan, "APAC").Healthy {
		t.Errorf("plan names %q behind, APAC %+v: want none, APAC healthy", ev.Plan.Weakest, regionOf(ev.Plan, "APAC"))
	}
	e := &exam{s: s, lp: solve.Revised{}, th: s.Threshold}
	if e.opt, e.optPlan, err = optimize(context.Background(), s, e.lp); err != nil {
		t.Fatal(err)
	}
	var fs, hs []int
	for f, fn := range s.Functions {
		if fn.Locality == scenario.Local {
			fs = append(fs, f)
			if fn.Class == scenario.Heart {
				hs = append(hs, f)
			}
		}
	}
	q4 := e.localView(e.opt, e.optPlan, 3, fs, hs)
	if q4.Period != "2027-Q4" || q4.Weakest != "" {
		t.Errorf("%s: %q behind, want 2027-Q4, none", q4.Period, q4.Weakest)
	}
	ids, _, others, k := furthestBehind(q4, "APAC")
	if !reflect.DeepEqual(ids, []string{"comp_design"}) || k != 1 {
		t.Errorf("plan's APAC furthest behind in %v of %d, want comp_design alone", ids, k)
	}
	expect(t, "the others' comp_design", others, 1)
}

// A budget falls only by at least minBudgetFall a year: shrinking-budget
// with its cut at 0.01% a year ("$1.60M to $1.60M a quarter (-0.0% a
// year)") was watch, where the same budget held flat is ok; at 1% a year
// it is watch.
func TestShrinkingBudgetMaterialFall(t *testing.T) {
	for _, c := range []struct {
		change    string
		shrinking bool
		status    string
	}{
		{"-0.0001", false, OK},
		{"-0.0099", false, OK},
		{"-0.01", true, Watch},
	} {
		_, r := runFile(t, "../../scenarios/shrinking-budget.yaml", "budget.change_per_year="+c.change)
		sg := sign(t, r, ShrinkingBudget)
		ev := sg.Evidence.(*ShrinkingBudgetEvidence)
		if ev.Shrinking != c.shrinking || sg.Status != c.status || sg.Findings[0].N("min_fall") != minBudgetFall {
			t.Errorf("change %s a year: shrinking %v, %s, findings %+v; want %v, %s", c.change, ev.Shrinking, sg.Status, sg.Findings, c.shrinking, c.status)
		}
	}
}

// A budget that falls while heart demand holds flat is shrinking all the
// same, and heart demand moving less than flatDemand a year holds flat:
// shrinking-budget.yaml cut by 10% a year with every region's sellers held
// flat was ok, and with North America's growing 0.01% a year watch (a
// negligible input flipped the sign). Now both, and North America's
// sellers falling 0.01% a year, are watch: the heart stays healthy and
// the budget per FTE of heart demand falls 10% a year. Sellers falling 5%
// a year everywhere take heart demand down by more than flatDemand: the
// budget does not shrink against it.
func TestShrinkingBudgetFlatDemand(t *testing.T) {
	for _, c := range []struct {
		growth    string
		all       string
		shrinking bool
		status    string
	}{
		{"0", "0", true, Watch},
		{"0.0001", "0", true, Watch},
		{"-0.0001", "0", true, Watch},
		// Demand falling 4.4% a year against the 10% cut: the budget per
		// heart FTE falls 5.9% a year, which counts
		// (TestShrinkingBudgetFallingDemand); it was ok.
		{"-0.05", "-0.05", true, Watch},
	} {
		_, r := runFile(t, "../../scenarios/shrinking-budget.yaml", "budget.change_per_year=-0.1",
			"regions[0].seller_growth_per_year="+c.growth, "regions[1].seller_growth_per_year="+c.all, "regions[2].seller_growth_per_year="+c.all)
		sg := sign(t, r, ShrinkingBudget)
		ev := sg.Evidence.(*ShrinkingBudgetEvidence)
		if ev.Shrinking != c.shrinking || sg.Status != c.status || sg.Findings[0].N("flat_demand") != flatDemand {
			t.Errorf("North America's sellers %s a year (others %s): heart demand %+.4f%% a year, shrinking %v, %s; want %v, %s",
				c.growth, c.all, 100*ev.HeartDemandChange, ev.Shrinking, sg.Status, c.shrinking, c.status)
		}
		if c.shrinking && (ev.HealthyBudget == nil || math.Abs(ev.HeartDemandChange) >= flatDemand && c.all == "0") {
			t.Errorf("sellers %s: no budget case, or demand %+.4f%% a year not flat", c.growth, 100*ev.HeartDemandChange)
		}
	}
}

// stale_mix's remedy names the plan's material moves only: at least a
// printed 0.1 FTE and minMoveShare of the largest move. In
// centralize-everything.yaml it read "Compensation design +2.6, Quoting
// and CPQ +2.4, Sales planning +1.0; Sales analytics -2.0, Sales
// enablement -1.0, Sales reporting -0.1 FTE": a tenth of a person among
// the top moves.
func TestStaleMixRemedyMaterialMoves(t *testing.T) {
	_, r := runFile(t, "../../scenarios/centralize-everything.yaml")
	sg := sign(t, r, StaleMix)
	var named []string
	var largest float64
	for _, f := range sg.Remedies {
		if f.Kind != KindPlanChanges {
			t.Fatalf("remedy %+v, want plan_changes_staffing", f)
		}
		named = append(named, f.Function)
		largest = math.Max(largest, math.Abs(f.N("change")))
	}
	if want := []string{"comp_design", "cpq", "planning", "analytics", "enablement"}; !reflect.DeepEqual(named, want) {
		t.Errorf("remedy names %v, want %v", named, want)
	}
	for _, f := range sg.Remedies {
		if c := math.Abs(f.N("change")); c < minMoveShare*largest || c < minNamedGap {
			t.Errorf("%s %+.2f FTE named beside a move of %.2f", f.Function, f.N("change"), largest)
		}
	}
}

// stale_mix's over- and under-staffed lists name material gaps only, by
// the remedy's rule: at least a printed 0.1 FTE and minMoveShare of the
// largest gap, either way. With the growth profile at hub 1/4, desk 1/4,
// insight 1/2 and today's 1.1 hub, 2 desk and 1 insight FTE (4.1 in all),
// the gaps are hub +0.075, desk +0.975 and insight -1.05: the lists named
// "over: Desk +1.0, Hub +0.1" beside "under: Insight -1.1", a tenth of a
// person among whole ones.
func TestStaleMixListsMaterialGaps(t *testing.T) {
	r := run(t, []string{"functions[insight].stage_multipliers={launch: 1, growth: 2, expansion: 2, margin: 2}",
		"central.current_fte={hub: 1.1, insight: 1}"}, nil)
	sg := sign(t, r, StaleMix)
	ev := sg.Evidence.(*StaleMixEvidence)
	if len(ev.Over) != 1 || ev.Over[0].ID != "desk" || len(ev.Under) != 1 || ev.Under[0].ID != "insight" {
		t.Fatalf("over %+v under %+v, want desk over and insight under only", ev.Over, ev.Under)
	}
	expect(t, "desk over", ev.Over[0].Gap, 2-4.1/4)
	expect(t, "insight under", ev.Under[0].Gap, 1-4.1/2)
	// The findings name the same functions, each at least a tenth of the
	// largest gap; the hub's +0.075 is not among them.
	var named []string
	for _, f := range sg.Findings {
		if f.Kind == KindOverStaffed || f.Kind == KindUnderStaffed {
			named = append(named, f.Function)
			if math.Abs(f.N("gap")) < minMoveShare*1.05 {
				t.Errorf("%s named at %+.3f, under a tenth of the largest gap 1.05", f.Function, f.N("gap"))
			}
		}
	}
	if want := []string{"desk", "insight"}; !reflect.DeepEqual(named, want) {
		t.Errorf("findings name %v, want %v", named, want)
	}
}

// A budget that falls faster than falling heart demand is shrinking when
// the budget per heart FTE falls by the sign's squeeze threshold
// (budget_squeeze_watch) a year or more, and graded as any shrinking
// budget: shrinking-budget.yaml cut 10% a year with every region's sellers
// falling 2% a year (heart demand -1.8%, the budget per heart FTE -8.4% a
// year) was ok, where the same cut against flat demand is watch. A cut
// that only tracks demand (sellers -12% a year: the budget per heart FTE
// grows) is ok, and so is a squeeze under the threshold (set to 10%).
func TestShrinkingBudgetFallingDemand(t *testing.T) {
	for _, c := range []struct {
		growth    string
		squeeze   string // checkup.budget_squeeze_watch
		shrinking bool
		status    string
	}{
		{"-0.02", "0.03", true, Watch},
		{"-0.02", "0.1", false, OK},
		{"-0.12", "0.03", false, OK},
	} {
		_, r := runFile(t, "../../scenarios/shrinking-budget.yaml", "budget.change_per_year=-0.1", "checkup.budget_squeeze_watch="+c.squeeze,
			"regions[0].seller_growth_per_year="+c.growth, "regions[1].seller_growth_per_year="+c.growth, "regions[2].seller_growth_per_year="+c.growth)
		sg := sign(t, r, ShrinkingBudget)
		ev := sg.Evidence.(*ShrinkingBudgetEvidence)
		if ev.HeartDemandChange > -flatDemand || ev.BudgetChange > -minBudgetFall {
			t.Fatalf("sellers %s: demand %+.2f%%, budget %+.2f%% a year: not both falling", c.growth, 100*ev.HeartDemandChange, 100*ev.BudgetChange)
		}
		if ev.Shrinking != c.shrinking || sg.Status != c.status {
			t.Errorf("sellers %s, squeeze watch %s: demand %+.2f%%, budget per heart FTE %+.2f%% a year: shrinking %v, %s; want %v, %s",
				c.growth, c.squeeze, 100*ev.HeartDemandChange, 100*ev.Squeeze, ev.Shrinking, sg.Status, c.shrinking, c.status)
		}
		// The finding carries what the words need: the squeeze, re-derived
		// from the budget's and demand's changes, and its threshold.
		f := sg.Findings[0]
		expect(t, "squeeze", f.N("squeeze"), (1+ev.BudgetChange)/(1+ev.HeartDemandChange)-1)
		if f.N("squeeze_watch") != r.Thresholds[scenario.BudgetSqueezeWatch] {
			t.Errorf("squeeze_watch %g, want %g", f.N("squeeze_watch"), r.Thresholds[scenario.BudgetSqueezeWatch])
		}
		if c.shrinking != (-f.N("squeeze") >= f.N("squeeze_watch")) {
			t.Errorf("sellers %s: shrinking %v against squeeze %g and its threshold %g", c.growth, c.shrinking, f.N("squeeze"), f.N("squeeze_watch"))
		}
	}
}
