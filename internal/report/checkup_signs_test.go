package report

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// bundledCheckups runs the checkup on every bundled scenario and words it.
func bundledCheckups(t *testing.T) map[string]*checkup.Report {
	t.Helper()
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	out := map[string]*checkup.Report{}
	for _, f := range files {
		out[filepath.Base(f)] = checkupOf(t, f)
	}
	return out
}

// checkupOf runs the checkup on a scenario file with overrides and words
// it.
func checkupOf(t *testing.T, file string, sets ...string) *checkup.Report {
	t.Helper()
	s, err := scenario.Load(file, sets)
	if err != nil {
		t.Fatal(err)
	}
	r, err := checkup.Run(context.Background(), s, solve.Revised{})
	if err != nil {
		t.Fatal(err)
	}
	return checkupWords(r)
}

func signOf(r *checkup.Report, id string) checkup.Sign {
	for _, s := range r.Signs {
		if s.ID == id {
			return s
		}
	}
	return checkup.Sign{}
}

// The local-touch words of every bundled scenario, re-derived from the
// evidence: a region behind is behind in its local heart work, with the
// function at its lowest named (a brain function declared local, which a
// heart-first plan puts off, made whole-people.yaml's EMEA "26.2 points
// below the other regions" until session 26); nothing is "given back"
// when today's center holds no local work at the watch level (brain-first:
// 0.0% central); today is compared with the plan in today's period; the
// plan's own gap at the watch level or more is said; no remedy names a
// brain function; a region said to be behind covers one of its local heart
// functions below the other regions' coverage of it. The baseline with its
// budget cut to $4M is run too: its plan covers each local heart function
// alike in every region, and North America, heavier in proposals, read
// "72.9% of its local heart work, 0.4 points below the other regions".
// The function named is the one the region is furthest behind the others
// in, with both figures: with a cheap central team the baseline's plan has
// APAC's Sales support and Proposals at 90.0% as everywhere, and its
// Compensation design at 92.9% against 100.0%, and the evidence named
// "lowest: Sales support and Proposals at 90.0%".
func TestCheckupLocalTouchRederived(t *testing.T) {
	reports := bundledCheckups(t)
	reports["baseline.yaml --set budget.annual=4e6"] = checkupOf(t, "../../scenarios/baseline.yaml", "budget.annual=4e6")
	reports["baseline.yaml with a cheap central team"] = checkupOf(t, "../../scenarios/baseline.yaml", "central.cost_per_fte=50000", "policy.central_share.max=1")
	for file, r := range reports {
		sg := signOf(r, checkup.LostLocalTouch)
		ev, ok := sg.Evidence.(*checkup.LostLocalTouchEvidence)
		if !ok {
			t.Fatalf("%s: evidence %T", file, sg.Evidence)
		}
		name := func(id string) string {
			if n := r.FunctionNames[id]; n != "" {
				return n
			}
			return id
		}
		for _, v := range []checkup.LocalView{ev.AsIs, ev.Plan} {
			if v.Weakest == "" || v.Gap < 0.001 {
				continue
			}
			var rl checkup.RegionLocal
			for _, x := range v.Regions {
				if x.Name == v.Weakest {
					rl = x
				}
			}
			var covered, demand float64
			for _, fl := range rl.Functions {
				covered += fl.Coverage * fl.Demand
				demand += fl.Demand
			}
			if demand == 0 || fmt.Sprintf("%.9f", covered/demand) != fmt.Sprintf("%.9f", rl.Coverage) {
				t.Errorf("%s: %s's coverage %g is not its local heart functions' %v", file, rl.Name, rl.Coverage, rl.Functions)
			}
			// The functions it is behind in: below the mean of the other
			// regions' coverage of it (a function only it has: of their
			// local heart work) by a printed tenth of a point or more.
			var others float64
			for _, o := range v.Regions {
				if o.Name != rl.Name {
					others += o.Coverage / float64(len(v.Regions)-1)
				}
			}
			type behind struct {
				name       string
				cov, other float64
			}
			var bs []behind
			for _, fl := range rl.Functions {
				var sum float64
				n := 0
				for _, o := range v.Regions {
					for _, g := range o.Functions {
						if o.Name != rl.Name && g.Function == fl.Function {
							sum, n = sum+g.Coverage, n+1
						}
					}
				}
				ref := others
				if n > 0 {
					ref = sum / float64(n)
				}
				if fl.Coverage < ref-0.001 {
					bs = append(bs, behind{name(fl.Function), fl.Coverage, ref})
				}
			}
			// A region whose local heart work is all healthy is not
			// losing touch, whatever the others reach (whole-people's
			// plan: EMEA at its healthy 90.0%, the others at 100%).
			sick := false
			for _, fl := range rl.Functions {
				sick = sick || fl.Coverage < r.HealthyHeart
			}
			if !sick || rl.Healthy {
				t.Errorf("%s (%s): %s is said to be %s behind with every local heart function at or above the healthy %s: %+v", file, v.Period, rl.Name, pointsOf(v.Gap), Percent(r.HealthyHeart), rl.Functions)
			}
			if len(bs) == 0 {
				t.Errorf("%s (%s): %s is said to be %s behind, but covers each of its local heart functions as the other regions do: %+v", file, v.Period, rl.Name, pointsOf(v.Gap), v.Regions)
				continue
			}
			far := bs[0]
			for _, b := range bs {
				if b.other-b.cov > far.other-far.cov+1e-9 {
					far = b
				}
			}
			var names []string
			for _, b := range bs {
				if math.Abs(b.cov-far.cov) <= 1e-9 && math.Abs(b.other-far.other) <= 1e-9 {
					names = append(names, b.name)
				}
			}
			which := fmt.Sprintf("%s at %s against the other regions' %s", plan.JoinAnd(names), Percent(far.cov), Percent(far.other))
			if len(names) < len(bs) {
				which = "furthest behind: " + which
			}
			if Percent(far.cov) == Percent(far.other) {
				t.Errorf("%s (%s): %s is behind in %s, which prints level with the others: %q", file, v.Period, rl.Name, which, sg.Summary)
			}
			want := fmt.Sprintf("%s covers %s of its local heart work, %s below the other regions (%s)", v.Weakest, Percent(rl.Coverage), pointsOf(v.Gap), which)
			if !strings.Contains(sg.Summary, want) {
				t.Errorf("%s: evidence %q lacks %q", file, sg.Summary, want)
			}
			if v.Period == ev.Plan.Period && v.Weakest == ev.Plan.Weakest && strings.Contains(sg.Remedy, "the optimized plan itself leaves") && !strings.Contains(sg.Remedy, "(min_coverage) on "+plan.JoinAnd(names)) {
				t.Errorf("%s: remedy %q sets no floor on %s, the work %s is behind in", file, sg.Remedy, plan.JoinAnd(names), rl.Name)
			}
		}
		if strings.Contains(sg.Summary, "of its local work") {
			t.Errorf("%s: %q counts every local function", file, sg.Summary)
		}
		if ev.AsIs.CentralShare < r.Thresholds[scenario.LocalCentralShareWatch] && strings.Contains(sg.Remedy, "give the local work back") {
			t.Errorf("%s: %.1f%% central today, nothing to give back: %q", file, 100*ev.AsIs.CentralShare, sg.Remedy)
		}
		if ev.Plan.Status != checkup.OK && ev.Plan.Gap >= r.Thresholds[scenario.RegionGapWatch] {
			want := fmt.Sprintf("the optimized plan itself leaves %s %s behind the other regions in its local heart work (%s)", ev.Plan.Weakest, pointsOf(ev.Plan.Gap), ev.Plan.Period)
			if !strings.Contains(sg.Remedy, want) {
				t.Errorf("%s: remedy %q lacks the plan's own gap %q", file, sg.Remedy, want)
			}
		}
		for _, f := range sg.Remedies {
			if f.Kind != checkup.KindStaffLocalWork && f.Kind != checkup.KindGiveLocalWorkBack {
				continue
			}
			if f.Period != ev.AsIs.Period {
				t.Errorf("%s: today (%s) against the plan in %s", file, ev.AsIs.Period, f.Period)
			}
			if f.Region != "" {
				want := fmt.Sprintf("%s from %s today to %s of its local heart work in %s", f.Region, Percent(f.N("coverage_today")), Percent(f.N("coverage_plan")), ev.AsIs.Period)
				if Percent(f.N("coverage_today")) == Percent(f.N("coverage_plan")) {
					want = fmt.Sprintf("keeps %s at %s of its local heart work in %s", f.Region, Percent(f.N("coverage_plan")), ev.AsIs.Period)
				}
				if !strings.Contains(sg.Remedy, want) {
					t.Errorf("%s: remedy %q lacks %q", file, sg.Remedy, want)
				}
			}
		}
		heart := map[string]bool{}
		for _, id := range ev.HeartFunctions {
			heart[id] = true
		}
		for _, id := range ev.Functions {
			if !heart[id] && strings.Contains(sg.Remedy, name(id)) {
				t.Errorf("%s: remedy %q names %s, a brain function", file, sg.Remedy, name(id))
			}
		}
	}
}

// The two remedies of brain-first.yaml, word for word: nothing is central
// today, so the regions are to be staffed (it said "give the local work
// back to the regions" and set APAC's 2027-Q1 beside the plan's 2027-Q2),
// and the plan's own North America gap, which it left out.
func TestCheckupStaffLocalWords(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter", names: map[string]string{"proposals": "Proposals"}}
	got := c.remedy([]plan.Finding{
		{Kind: checkup.KindStaffLocalWork, Region: "APAC", Period: "2027-Q1", Numbers: map[string]float64{"coverage_today": 0.316, "coverage_plan": 0.817, "meets_floors": 1}},
		{Kind: checkup.KindPlanLeavesRegionBehind, Region: "North America", Period: "2027-Q2", Functions: []string{"proposals"}, Numbers: map[string]float64{"gap": 0.157, "budget_spent": 1}},
	})
	want := "staff the regions' local functions: the optimized plan lifts APAC from 31.6% today to 81.7% of its local heart work in 2027-Q1 and meets every floor; " +
		"the optimized plan itself leaves North America 15.7 points behind the other regions in its local heart work (2027-Q2): the budget, spent in full, holds it back; add budget or set a higher floor (min_coverage) on Proposals"
	if got != want {
		t.Errorf("remedy:\n%s\nwant:\n%s", got, want)
	}
	got = c.remedy([]plan.Finding{{Kind: checkup.KindGiveLocalWorkBack, Period: "2027", Numbers: map[string]float64{"plan_central_share": 0, "today_central_share": 1}}})
	if want := "give the local work back to the regions: the optimized plan has 0.0% of local-function staff central in 2027 (today 100.0%)"; got != want {
		t.Errorf("remedy:\n%s\nwant:\n%s", got, want)
	}
}

// The brain's evidence leads with why its status is what it is: its share
// of spend against the threshold that grades it (baseline.yaml's 8.4%,
// ok, read "goes to the brain while the heart is not healthy", the sign
// itself, with the reason only in the remedy). A share under the
// threshold never prints as the threshold.
func TestCheckupBrainShareLeadsWithThreshold(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter", names: map[string]string{"comp_design": "Compensation design"}}
	tail := " ($450k a year: 3.0 brain FTE, $0 of tools) goes to the brain, "
	unhealthy := "the heart is not healthy: Compensation design in EMEA is at 0.0%, below the healthy 90.0% (the heart scores 70.5%)"
	for _, tc := range []struct {
		share float64
		want  string
	}{
		{0.0840, "8.4% of spend" + tail + "under the 10.0% to watch, although " + unhealthy},
		{0.0996, "9.9% of spend" + tail + "under the 10.0% to watch, although " + unhealthy},
		{0.153, "15.3% of spend" + tail + "at or over the 10.0% to watch (act at 25.0%), while " + unhealthy},
		{0.59, "59.0% of spend" + tail + "at or over the 25.0% to act on, while " + unhealthy},
	} {
		f := plan.Finding{Kind: checkup.KindBrainBeforeHeart, Function: "comp_design", Region: "EMEA", Period: "2027-Q1", Numbers: map[string]float64{
			"brain_spend": 450000, "brain_share": tc.share, "brain_fte": 3, "brain_tool_spend": 0, "heart": 0.705, "healthy_heart": 0.9,
			"weakest_coverage": 0, "heart_gap_fte": 7.4, "heart_fte_for_same_money": 3, "watch": 0.1, "act": 0.25}}
		if got := c.summary([]plan.Finding{f}); !strings.HasPrefix(got, tc.want+"; ") {
			t.Errorf("share %g:\n got %q\nwant %q", tc.share, got, tc.want)
		}
	}
	// The bundled scenarios: the status and the words' threshold agree.
	for file, r := range bundledCheckups(t) {
		sg := signOf(r, checkup.BrainBeforeHeart)
		if sg.Findings[0].Kind != checkup.KindBrainBeforeHeart {
			continue
		}
		ev := sg.Evidence.(*checkup.BrainBeforeHeartEvidence)
		watch, act := Percent(r.Thresholds[scenario.BrainSpendWatch]), Percent(r.Thresholds[scenario.BrainSpendAct])
		want := map[string]string{
			checkup.OK:    "goes to the brain, under the " + watch + " to watch, although the heart is not healthy",
			checkup.Watch: "goes to the brain, at or over the " + watch + " to watch (act at " + act + "), while the heart is not healthy",
			checkup.Act:   "goes to the brain, at or over the " + act + " to act on, while the heart is not healthy",
		}[sg.Status]
		if !strings.HasPrefix(sg.Summary, Percent(ev.BrainShare)+" of spend (") || !strings.Contains(sg.Summary, want) {
			t.Errorf("%s (%s): %q, want it to lead with %s and say %q", file, sg.Status, sg.Summary, Percent(ev.BrainShare), want)
		}
	}
}

// The brain's share is graded against its thresholds and printed so that
// the figure never reads as the threshold it is below: 9.96% is "9.9%
// ... under the 10.0% to watch", 24.96% "24.9% ... (act at 25.0%)".
func TestBrainGradeNeverPrintsTheThresholdItIsBelow(t *testing.T) {
	for _, c := range []struct {
		x            float64
		share, grade string
	}{
		{0.0996, "9.9%", "under the 10.0% to watch, although"},
		{0.1, "10.0%", "at or over the 10.0% to watch (act at 25.0%), while"},
		{0.2496, "24.9%", "at or over the 10.0% to watch (act at 25.0%), while"},
		{0.25, "25.0%", "at or over the 25.0% to act on, while"},
	} {
		f := plan.Finding{Numbers: map[string]float64{"brain_share": c.x, "watch": 0.1, "act": 0.25}}
		if share, grade := brainGrade(f); share != c.share || grade != c.grade {
			t.Errorf("brainGrade(%v) = %q, %q; want %q, %q", c.x, share, grade, c.share, c.grade)
		}
	}
}

// The brain-before-heart evidence names the weakest heart cell of today's
// organization with its ties, re-derived from the as-is plan's cells of
// the first period: every bundled scenario whose heart is not healthy
// today. The baseline has seven heart cells at 0.0% today, and "the heart
// is not healthy: Compensation design in EMEA is at 0.0%" alone read as
// the one weak spot.
func TestCheckupWeakestHeartTiesRederived(t *testing.T) {
	seen := 0
	for file, r := range bundledCheckups(t) {
		s, err := scenario.Load(filepath.Join("../../scenarios", file), nil)
		if err != nil {
			t.Fatal(err)
		}
		per := plan.Build(s, plan.AsIsAllocation(s), plan.ModeAsIs, plan.StatusAsIs).Periods[0]
		if per.Healthy {
			continue
		}
		w := per.WeakestHeart
		pairs := map[[2]string]bool{}
		lowest := true
		for _, c := range per.Cells {
			if c.Class != "heart" || c.Demand <= 0 {
				continue
			}
			if plan.Shown(c.Coverage) == plan.Shown(w.Coverage) {
				pairs[[2]string{c.Function, c.Region}] = true
			} else {
				lowest = false
			}
			if plan.Shown(c.Coverage) < plan.Shown(w.Coverage) {
				t.Errorf("%s: %s in %s at %v is below the weakest cell %s in %s at %v", file, c.Function, c.Region, c.Coverage, w.Function, w.Region, w.Coverage)
			}
		}
		name := r.FunctionNames[w.Function]
		if name == "" {
			name = w.Function
		}
		var want string
		switch others := len(pairs) - 1; {
		case lowest && len(pairs) > 1:
			want = "the heart is not healthy: every heart function is at " + Percent(w.Coverage) + " in every region, below the healthy"
		case others == 0:
			want = fmt.Sprintf("the heart is not healthy: %s in %s is at %s, below the healthy %s (", name, w.Region, Percent(w.Coverage), Percent(s.Policy.HealthyHeart))
		case others == 1:
			want = fmt.Sprintf("the heart is not healthy: %s in %s is at %s, below the healthy %s, and 1 other heart function in a region is as low (", name, w.Region, Percent(w.Coverage), Percent(s.Policy.HealthyHeart))
		default:
			want = fmt.Sprintf("the heart is not healthy: %s in %s is at %s, below the healthy %s, and %d other heart functions in a region are as low (", name, w.Region, Percent(w.Coverage), Percent(s.Policy.HealthyHeart), others)
		}
		got := signOf(r, checkup.BrainBeforeHeart).Summary
		if !strings.Contains(got, want) {
			t.Errorf("%s: brain before heart says\n%s\nwant it to contain\n%s", file, got, want)
		}
		seen++
	}
	if seen == 0 {
		t.Fatal("no bundled scenario has an unhealthy heart today: the test re-derives nothing")
	}
}

// A region behind names the work it is furthest behind the other regions
// in, with both figures; "furthest behind:" only when it is behind in more
// than it names; a finding from an older cardio (no others_coverage) keeps
// its "lowest:" words.
func TestCheckupRegionBehindNamesTheWorkBehind(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter", names: map[string]string{"proposals": "Proposals", "comp_design": "Compensation design"}}
	for _, tc := range []struct {
		fns  []string
		nums map[string]float64
		want string
	}{
		{[]string{"proposals"}, map[string]float64{"function_coverage": 0, "others_coverage": 0.615, "behind_functions": 2, "heart_functions": 3},
			"(furthest behind: Proposals at 0.0% against the other regions' 61.5%)"},
		{[]string{"comp_design"}, map[string]float64{"function_coverage": 0.9288, "others_coverage": 1, "behind_functions": 1, "heart_functions": 3},
			"(Compensation design at 92.9% against the other regions' 100.0%)"},
		{[]string{"comp_design", "proposals"}, map[string]float64{"function_coverage": 0.5, "others_coverage": 0.9, "behind_functions": 2, "heart_functions": 3},
			"(Compensation design and Proposals at 50.0% against the other regions' 90.0%)"},
		{[]string{"comp_design", "proposals"}, map[string]float64{"function_coverage": 0, "heart_functions": 3},
			"(lowest: Compensation design and Proposals at 0.0%)"},
	} {
		nums := map[string]float64{"coverage": 0.316, "gap": 0.259}
		for k, v := range tc.nums {
			nums[k] = v
		}
		got := c.summary([]plan.Finding{
			{Kind: checkup.KindLocalViewToday, Period: "2027-Q1", Numbers: map[string]float64{"central_share": 0}},
			{Kind: checkup.KindRegionBehind, Region: "APAC", Period: "2027-Q1", Functions: tc.fns, Numbers: nums},
		})
		want := "today (2027-Q1): 0.0% of local-function staff central, APAC covers 31.6% of its local heart work, 25.9 points below the other regions " + tc.want
		if got != want {
			t.Errorf("numbers %v:\n got %q\nwant %q", tc.nums, got, want)
		}
	}
}

// A heart short of healthy by a sliver never reads as healthy: the cell
// below the threshold is not printed as the threshold, and a shortfall
// FTE would print as 0.0 is "less than 0.1". healthy.yaml with South's
// desk at 0.8996 FTE (89.96%) read "Desk in South is at 90.0%, below the
// healthy 90.0% ... and the heart is 0.0 FTE short of healthy", under an
// act.
func TestCheckupHeartShortBySliver(t *testing.T) {
	r := checkupOf(t, "../checkup/testdata/healthy.yaml", "regions[South].current_fte={desk: 0.8996}")
	sg := signOf(r, checkup.BrainBeforeHeart)
	ev := sg.Evidence.(*checkup.BrainBeforeHeartEvidence)
	if sg.Status != checkup.Act || ev.HeartGapFTE <= 0 || ev.HeartGapFTE >= 0.05 {
		t.Fatalf("status %s, heart gap %g FTE: want act with a gap FTE prints as 0.0", sg.Status, ev.HeartGapFTE)
	}
	for _, want := range []string{"the heart is not healthy: Desk in South is at 89.9%, below the healthy 90.0% (", "and the heart is less than 0.1 FTE short of healthy"} {
		if !strings.Contains(sg.Summary, want) {
			t.Errorf("evidence %q lacks %q", sg.Summary, want)
		}
	}
	// Nothing on the brain: the same words.
	c := checkupWriter{cur: "USD", per: "year", names: map[string]string{"desk": "Desk"}}
	got := c.summary([]plan.Finding{{Kind: checkup.KindNoBrainSpend, Function: "desk", Region: "South", Numbers: map[string]float64{
		"heart": 0.974, "healthy_heart": 0.9, "weakest_coverage": 0.8996, "heart_gap_fte": 0.0004}}})
	if want := "nothing goes to the brain today; the heart is not healthy: Desk in South is at 89.9%, below the healthy 90.0% (the heart scores 97.4%), and less than 0.1 FTE short of healthy"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// A cell further below is rounded down too, as the plan's coverage
	// table prints a cell below healthy (87.49%: 87.4%, not 87.5%).
	got = c.summary([]plan.Finding{{Kind: checkup.KindNoBrainSpend, Function: "desk", Region: "South", Numbers: map[string]float64{
		"heart": 0.974, "healthy_heart": 0.9, "weakest_coverage": 0.8749, "heart_gap_fte": 0.06}}})
	if want := "Desk in South is at 87.4%, below the healthy 90.0% (the heart scores 97.4%), and 0.1 FTE short of healthy"; !strings.Contains(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// A budget that moves less than the checkup counts a year (min_fall),
// either way, holds flat in the words as in the grade: every bundled
// scenario with a flat budget read "the budget goes from $450k to $450k a
// quarter (+0.0% a year)"; a move that prints says it is under the
// threshold, never printed as the threshold (this is why the sign is ok
// beside demand that grows: it said "a fall under the 1.0% a year that
// counts as shrinking"); a move that counts, a budget that falls to
// nothing, or a finding from an older cardio (no min_fall) read as before.
func TestCheckupBudgetFallUnderMin(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter"}
	head := "the budget "
	tail := " while heart demand goes from 43.7 to 49.1 FTE (+7.0% a year)"
	for _, tc := range []struct {
		last, change float64
		min          bool
		want         string
	}{
		{1.6e6, 0, true, "holds flat at $1.60M a quarter"},
		{1.6e6, -0.0001, true, "holds flat at $1.60M a quarter"},
		{1.57e6, -0.0099, true, "holds flat, $1.60M to $1.57M a quarter (-0.9% a year, under the 1.0% a year that counts as a change)"},
		{1.63e6, 0.0099, true, "holds flat, $1.60M to $1.63M a quarter (+0.9% a year, under the 1.0% a year that counts as a change)"},
		{1.57e6, -0.01, true, "goes from $1.60M to $1.57M a quarter (-1.0% a year)"},
		{1.63e6, 0.01, true, "goes from $1.60M to $1.63M a quarter (+1.0% a year)"},
		{0, 0, true, "goes from $1.60M to $0 a quarter (+0.0% a year)"},
		{1.57e6, -0.0099, false, "goes from $1.60M to $1.57M a quarter (-1.0% a year)"},
		{1.6e6, 0, false, "goes from $1.60M to $1.60M a quarter (+0.0% a year)"},
	} {
		nums := map[string]float64{"budget_first": 1.6e6, "budget_last": tc.last, "budget_change": tc.change,
			"heart_demand_first": 43.7, "heart_demand_last": 49.1, "heart_demand_change": 0.07}
		if tc.min {
			nums["min_fall"] = 0.01
		}
		if got := c.summary([]plan.Finding{{Kind: checkup.KindBudgetVsDemand, Numbers: nums}}); got != head+tc.want+tail {
			t.Errorf("change %g:\n got %q\nwant %q", tc.change, got, head+tc.want+tail)
		}
	}
	// End to end: shrinking-budget.yaml cut by 0.01% a year is ok, its
	// budget flat; every bundled scenario whose budget does not move says
	// it holds flat.
	r := checkupOf(t, "../../scenarios/shrinking-budget.yaml", "budget.change_per_year=-0.0001")
	sg := signOf(r, checkup.ShrinkingBudget)
	if sg.Status != checkup.OK || sg.Summary != "the budget holds flat at $1.60M a quarter"+tail {
		t.Errorf("%s: %q", sg.Status, sg.Summary)
	}
	for name, r := range bundledCheckups(t) {
		sg := signOf(r, checkup.ShrinkingBudget)
		ev := sg.Evidence.(*checkup.ShrinkingBudgetEvidence)
		flat := ev.BudgetFirst == ev.BudgetLast
		if says := strings.HasPrefix(sg.Summary, "the budget holds flat at "+plan.FormatMoney(r.Currency, ev.BudgetFirst)+" a "); says != flat {
			t.Errorf("%s: budget %g to %g, summary %q", name, ev.BudgetFirst, ev.BudgetLast, sg.Summary)
		}
	}
}

// Heart demand that moves less than the checkup's flat_demand a year
// holds flat, in the words as in the grade: shrinking-budget.yaml cut by
// 10% a year with sellers held flat read "while heart demand goes from
// 43.7 to 43.7 FTE (+0.0% a year)" (or "-0.0%"); a move that prints says
// it is under the threshold, never printed as the threshold; demand that
// moves by more, or a finding from an older cardio (no flat_demand), reads
// as before.
func TestCheckupDemandHoldsFlat(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter"}
	head := "the budget goes from $1.60M to $1.33M a quarter (-10.0% a year) while heart demand "
	for _, tc := range []struct {
		last, change float64
		flat         bool
		want         string
	}{
		{43.7, 0.00004, true, "holds flat at 43.7 FTE"},
		{43.7, -0.00004, true, "holds flat at 43.7 FTE"},
		{43.9, 0.003, true, "holds flat, 43.7 to 43.9 FTE (+0.3% a year, under the 1.0% a year that counts as a change)"},
		{44.5, 0.0099, true, "holds flat, 43.7 to 44.5 FTE (+0.9% a year, under the 1.0% a year that counts as a change)"},
		{44.6, 0.01, true, "goes from 43.7 to 44.6 FTE (+1.0% a year)"},
		{43.7, -0.00004, false, "goes from 43.7 to 43.7 FTE (-0.0% a year)"},
		// Demand that falls to nothing has no change a year and is not flat.
		{0, 0, true, "goes from 43.7 to 0.0 FTE (+0.0% a year)"},
	} {
		nums := map[string]float64{"budget_first": 1.6e6, "budget_last": 1.33e6, "budget_change": -0.1,
			"heart_demand_first": 43.7, "heart_demand_last": tc.last, "heart_demand_change": tc.change, "min_fall": 0.01}
		if tc.flat {
			nums["flat_demand"] = 0.01
		}
		if got := c.summary([]plan.Finding{{Kind: checkup.KindBudgetVsDemand, Numbers: nums}}); got != head+tc.want {
			t.Errorf("demand %+g a year:\n got %q\nwant %q", tc.change, got, head+tc.want)
		}
	}
	// End to end: the same words, and the same status, whether North
	// America's sellers hold flat or grow 0.01% a year; the squeeze that
	// grades watch is said (TestCheckupSqueezeSaidWhereItGrades).
	var status []string
	for _, g := range []string{"0", "0.0001"} {
		r := checkupOf(t, "../../scenarios/shrinking-budget.yaml", "budget.change_per_year=-0.1",
			"regions[0].seller_growth_per_year="+g, "regions[1].seller_growth_per_year=0", "regions[2].seller_growth_per_year=0")
		sg := signOf(r, checkup.ShrinkingBudget)
		if !strings.HasPrefix(sg.Summary, head+"holds flat at 43.7 FTE: the budget per heart FTE falls 10.0% a year, at or over the 3.0% to watch;") {
			t.Errorf("sellers %s: %q", g, sg.Summary)
		}
		status = append(status, sg.Status)
	}
	if status[0] != checkup.Watch || status[1] != checkup.Watch {
		t.Errorf("statuses %v, want watch for both", status)
	}
}

// A local-touch view in which every region does all of its local heart
// work at healthy says so, re-derived from the evidence: each region with
// local heart demand is healthy and covers each of its local heart
// functions at healthy_heart or within the plan's tolerance of it (the
// plan prints such a cell at healthy). whole-people.yaml's plan, which
// names no region behind (its EMEA is at the healthy 90.0% beside the
// others' 100%), gave the central share alone: "plan (2027-Q1): 1.8% of
// local-function staff central".
func TestCheckupLocalTouchSaysEveryRegionHealthy(t *testing.T) {
	const words = "every region's local heart work healthy (each local heart function at or above the healthy 90.0%)"
	for name, r := range bundledCheckups(t) {
		sg := signOf(r, checkup.LostLocalTouch)
		ev := sg.Evidence.(*checkup.LostLocalTouchEvidence)
		parts := strings.SplitN(sg.Summary, "; plan (", 2)
		if len(parts) != 2 {
			t.Fatalf("%s: no plan part in %q", name, sg.Summary)
		}
		for i, v := range []checkup.LocalView{ev.AsIs, ev.Plan} {
			all, any := true, false
			for _, rl := range v.Regions {
				if len(rl.Functions) == 0 {
					continue
				}
				any = true
				all = all && rl.Healthy
				for _, fl := range rl.Functions {
					if rl.Healthy && fl.Coverage < r.HealthyHeart-1e-4 {
						t.Errorf("%s: %s's %s at %.4f, said healthy", name, rl.Name, fl.Function, fl.Coverage)
					}
				}
			}
			if says := strings.Contains(parts[i], words); says != (all && any) {
				t.Errorf("%s view %d: every region healthy %v, words %q", name, i, all && any, parts[i])
			}
			if all && any && v.Weakest != "" {
				t.Errorf("%s view %d: every region healthy, yet %s named behind", name, i, v.Weakest)
			}
		}
		if name == "whole-people.yaml" && !strings.HasSuffix(sg.Summary, "plan (2027-Q1): 1.8% of local-function staff central, "+words) {
			t.Errorf("whole-people: %q", sg.Summary)
		}
	}
}

// A budget falling against heart demand that falls too says what the
// grade uses, re-derivable from the figures: the budget per heart FTE's
// change a year against budget_squeeze_watch. shrinking-budget.yaml cut
// 10% a year with sellers falling 2% a year read "the budget goes from
// $1.60M to $1.33M a quarter (-10.0% a year) while heart demand goes from
// 43.7 to 42.3 FTE (-1.8% a year)" under an ok, with no word why. A
// squeeze under the threshold never prints as it; a finding from an older
// cardio (no squeeze) reads as before.
func TestCheckupDemandFallsToo(t *testing.T) {
	c := checkupWriter{cur: "USD", per: "quarter"}
	head := "the budget goes from $1.60M to $1.33M a quarter (-10.0% a year) while heart demand "
	for _, tc := range []struct {
		demandChange, squeeze float64
		has                   bool
		want                  string
	}{
		{-0.02, -0.0816, true, "falls too, from 43.7 to 42.3 FTE (-2.0% a year): the budget per heart FTE falls 8.2% a year, at or over the 3.0% to watch"},
		{-0.072, -0.03, true, "falls too, from 43.7 to 42.3 FTE (-7.2% a year): the budget per heart FTE falls 3.0% a year, at or over the 3.0% to watch"},
		{-0.0722, -0.0299, true, "falls too, from 43.7 to 42.3 FTE (-7.2% a year): the budget per heart FTE falls 2.9% a year, under the 3.0% to watch"},
		{-0.12, 0.0227, true, "falls too, from 43.7 to 42.3 FTE (-12.0% a year): the budget per heart FTE grows 2.3% a year"},
		{-0.02, -0.0816, false, "goes from 43.7 to 42.3 FTE (-2.0% a year)"},
	} {
		nums := map[string]float64{"budget_first": 1.6e6, "budget_last": 1.33e6, "budget_change": -0.1,
			"heart_demand_first": 43.7, "heart_demand_last": 42.3, "heart_demand_change": tc.demandChange, "min_fall": 0.01, "flat_demand": 0.01}
		if tc.has {
			nums["squeeze"], nums["squeeze_watch"] = tc.squeeze, 0.03
		}
		if got := c.summary([]plan.Finding{{Kind: checkup.KindBudgetVsDemand, Numbers: nums}}); got != head+tc.want {
			t.Errorf("demand %+g, squeeze %+g:\n got %q\nwant %q", tc.demandChange, tc.squeeze, got, head+tc.want)
		}
	}
	// End to end: watch, and the budget's and demand's changes re-derive
	// the squeeze the words print: (1 - 10.0%) / (1 - 1.8%) - 1 = -8.4%.
	r := checkupOf(t, "../../scenarios/shrinking-budget.yaml", "budget.change_per_year=-0.1",
		"regions[0].seller_growth_per_year=-0.02", "regions[1].seller_growth_per_year=-0.02", "regions[2].seller_growth_per_year=-0.02")
	sg := signOf(r, checkup.ShrinkingBudget)
	want := head + "falls too, from 43.7 to 42.3 FTE (-1.8% a year): the budget per heart FTE falls 8.4% a year, at or over the 3.0% to watch;"
	if sg.Status != checkup.Watch || !strings.HasPrefix(sg.Summary, want) {
		t.Errorf("%s: %q", sg.Status, sg.Summary)
	}
	ev := sg.Evidence.(*checkup.ShrinkingBudgetEvidence)
	if q := (1+ev.BudgetChange)/(1+ev.HeartDemandChange) - 1; fmt.Sprintf("%.1f", -100*q) != "8.4" {
		t.Errorf("squeeze re-derived from the changes: %.2f%%, the words say 8.4%%", 100*q)
	}
}

// A local-touch view that names no region behind while not every region's
// local heart work is healthy says what holds, re-derived from the
// evidence: its lowest local heart cell, and whether every region covers
// that function as low. The baseline's plan at budget.annual=4e6 covers
// each local heart function alike in every region and read "plan
// (2027-Q1): 0.0% of local-function staff central", the central share
// alone; so did today's view with current_fte giving each region the same
// share of its compensation design.
func TestCheckupLocalTouchNoneBehindSaysWhatHolds(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		plan bool // the plan's view, else today's
		want string
	}{
		{[]string{"budget.annual=4e6"}, true, "plan (2027-Q1): 0.0% of local-function staff central, no region behind the others: every region's local heart work short of healthy (lowest: Proposals at 60.0% in every region, below the healthy 90.0%)"},
		{[]string{"budget.annual=3e6"}, true, "plan (2027-Q1): 0.0% of local-function staff central, no region behind the others: every region's local heart work short of healthy (lowest: Compensation design at 0.0% in every region, below the healthy 90.0%)"},
		{[]string{"regions[1].current_fte.comp_design=0.34616", "regions[2].current_fte.comp_design=0.25"}, false, "today (2027-Q1): 0.0% of local-function staff central, no region behind the others: every region's local heart work short of healthy (lowest: Compensation design at 48.0% in every region, below the healthy 90.0%)"},
	} {
		r := checkupOf(t, "../../scenarios/baseline.yaml", tc.sets...)
		sg := signOf(r, checkup.LostLocalTouch)
		ev := sg.Evidence.(*checkup.LostLocalTouchEvidence)
		v, part := ev.AsIs, strings.SplitN(sg.Summary, "; plan (", 2)[0]
		if tc.plan {
			v, part = ev.Plan, "plan ("+strings.SplitN(sg.Summary, "; plan (", 2)[1]
		}
		if part != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.sets, part, tc.want)
		}
		// What the words say holds in the evidence: no region named
		// behind, no region healthy, and the lowest cell is the function
		// named, at what is printed, in every region.
		if v.Weakest != "" {
			t.Errorf("%v: %s named behind", tc.sets, v.Weakest)
		}
		low, name := 2.0, ""
		for _, rl := range v.Regions {
			if rl.Healthy {
				t.Errorf("%v: %s healthy", tc.sets, rl.Name)
			}
			for _, fl := range rl.Functions {
				if fl.Coverage < low {
					low, name = fl.Coverage, fl.Function
				}
			}
		}
		for _, rl := range v.Regions {
			for _, fl := range rl.Functions {
				if fl.Function == name && coveragePercent(fl.Coverage, true) != coveragePercent(low, true) {
					t.Errorf("%v: %s's %s at %.4f, the lowest %.4f", tc.sets, rl.Name, name, fl.Coverage, low)
				}
			}
		}
		if !strings.Contains(part, r.FunctionNames[name]+" at "+coveragePercent(low, true)+" in every region") {
			t.Errorf("%v: lowest %s at %.4f, words %q", tc.sets, name, low, part)
		}
	}
	// The other shapes, from the finding's numbers: one region with
	// local heart work, some regions healthy, the lowest not in every
	// region.
	c := checkupWriter{cur: "USD", per: "quarter", names: map[string]string{"proposals": "Proposals"}}
	view := func(regions, healthy, low, max, with float64) plan.Finding {
		return plan.Finding{Kind: checkup.KindLocalViewPlan, Period: "2027-Q1", Function: "proposals", Region: "APAC", Numbers: map[string]float64{
			"central_share": 0, "regions": regions, "healthy_regions": healthy, "healthy_heart": 0.9,
			"lowest_coverage": low, "lowest_function_max": max, "lowest_function_regions": with}}
	}
	for _, tc := range []struct {
		f    plan.Finding
		want string
	}{
		{view(1, 0, 0.6, 0.6, 1), "APAC, the only region with local heart work, short of healthy in it (lowest: Proposals at 60.0%, below the healthy 90.0%)"},
		{view(3, 1, 0.6, 0.95, 3), "no region behind the others: 2 of 3 regions' local heart work short of healthy (lowest: Proposals in APAC at 60.0%, below the healthy 90.0%)"},
		{view(3, 0, 0.6, 0.6, 2), "no region behind the others: every region's local heart work short of healthy (lowest: Proposals in APAC at 60.0%, below the healthy 90.0%)"},
		{view(3, 0, 0.6-1e-10, 0.6, 3), "no region behind the others: every region's local heart work short of healthy (lowest: Proposals at 60.0% in every region, below the healthy 90.0%)"},
	} {
		want := "plan (2027-Q1): 0.0% of local-function staff central, " + tc.want
		if got := c.summary([]plan.Finding{tc.f}); got != want {
			t.Errorf("\n got %q\nwant %q", got, want)
		}
	}
}

// A shrinking budget against growing or flat heart demand whose optimized
// heart stays healthy is graded by the budget per heart FTE (squeeze
// against squeeze_watch), and says so as falling demand does:
// shrinking-budget.yaml at budget.change_per_year=-0.02 read "the budget
// goes from $1.60M to $1.54M a quarter (-2.0% a year) while heart demand
// goes from 43.7 to 49.1 FTE (+7.0% a year)" under a watch, with no word
// why. Where the heart falls below healthy (act) the squeeze grades
// nothing and is not said.
func TestCheckupSqueezeSaidWhereItGrades(t *testing.T) {
	flat := []string{"regions[0].seller_growth_per_year=0", "regions[1].seller_growth_per_year=0", "regions[2].seller_growth_per_year=0"}
	for _, tc := range []struct {
		sets   []string
		status string
		want   string // after "while heart demand "
	}{
		{[]string{"budget.change_per_year=-0.02"}, checkup.Watch, "goes from 43.7 to 49.1 FTE (+7.0% a year): the budget per heart FTE falls 8.4% a year, at or over the 3.0% to watch; the optimized heart stays healthy through 2028-Q4"},
		{append([]string{"budget.change_per_year=-0.1"}, flat...), checkup.Watch, "holds flat at 43.7 FTE: the budget per heart FTE falls 10.0% a year, at or over the 3.0% to watch; the optimized heart stays healthy through 2028-Q4"},
		{append([]string{"budget.change_per_year=-0.02"}, flat...), checkup.OK, "holds flat at 43.7 FTE: the budget per heart FTE falls 2.0% a year, under the 3.0% to watch; the optimized heart stays healthy through 2028-Q4"},
		{nil, checkup.Act, "goes from 43.7 to 49.1 FTE (+7.0% a year); the optimized heart falls below healthy in 2028-Q2 (89.9%)"},
	} {
		r := checkupOf(t, "../../scenarios/shrinking-budget.yaml", tc.sets...)
		sg := signOf(r, checkup.ShrinkingBudget)
		ev := sg.Evidence.(*checkup.ShrinkingBudgetEvidence)
		_, after, _ := strings.Cut(sg.Summary, " while heart demand ")
		if sg.Status != tc.status || after != tc.want {
			t.Errorf("%v: %s, %q\nwant %s, %q", tc.sets, sg.Status, after, tc.status, tc.want)
		}
		// The squeeze printed is the budget's and demand's changes'.
		if q := (1+ev.BudgetChange)/(1+ev.HeartDemandChange) - 1; strings.Contains(after, "per heart FTE") && !strings.Contains(after, fmt.Sprintf("falls %.1f%% a year", -100*q)) {
			t.Errorf("%v: squeeze %.2f%%, words %q", tc.sets, 100*q, after)
		}
	}
}
