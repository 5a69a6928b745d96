package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
)

// WriteCheckup writes a checkup in the given format. CSV is one row a sign:
// id,status,summary,remedy. Every format carries the words of the signs'
// findings (summary, remedy); JSON carries the findings too.
func WriteCheckup(w io.Writer, r *checkup.Report, f Format) error {
	r = checkupWords(r)
	switch f {
	case JSON:
		return writeJSON(w, r)
	case CSV:
		rows := [][]string{{"id", "status", "summary", "remedy"}}
		for _, s := range r.Signs {
			rows = append(rows, []string{s.ID, s.Status, s.Summary, s.Remedy})
		}
		return WriteCSV(w, rows)
	case Markdown:
		return writeCheckupText(w, r, true)
	}
	return writeCheckupText(w, r, false)
}

// CheckupHTML is the checkup as an HTML fragment, its headings from <h3>
// down: the Markdown view's words and tables, every piece of text escaped,
// for a page that shows the checkup inside its own layout (cardio serve).
func CheckupHTML(r *checkup.Report) (string, error) {
	var md strings.Builder
	if err := WriteCheckup(&md, r, Markdown); err != nil {
		return "", err
	}
	return mdToHTML(md.String(), 2), nil
}

// writeCheckupText reads like a physician's summary: the four signs and
// their status at a glance, then each sign with one line of evidence and
// one line of remedy.
func writeCheckupText(w io.Writer, r *checkup.Report, md bool) error {
	tw := &textWriter{w: w, md: md}
	tw.heading(1, fmt.Sprintf("%s: checkup", r.Scenario))
	if r.Description != "" {
		tw.para(r.Description)
	}
	var rows [][]string
	counts := map[string]int{}
	for _, s := range r.Signs {
		rows = append(rows, []string{fmt.Sprintf("%s (%s)", s.Title, s.ID), s.Status})
		counts[s.Status]++
	}
	tw.para(fmt.Sprintf("Four warning signs of an unhealthy sales ops heart: %d to act on, %d to watch, %d ok.", counts[checkup.Act], counts[checkup.Watch], counts[checkup.OK]))
	tw.table([]string{"sign", "status"}, rows)
	for _, s := range r.Signs {
		tw.heading(2, fmt.Sprintf("%s: %s", s.Title, strings.ToUpper(s.Status)))
		if md {
			tw.list([]string{"**Evidence:** " + s.Summary, "**Remedy:** " + s.Remedy})
		} else {
			tw.list([]string{"Evidence: " + s.Summary, "Remedy: " + s.Remedy})
		}
	}
	return tw.err
}

// checkupWords returns r with each sign's summary and remedy in words, and
// the cells below their floor of lost_local_touch's evidence in words too.
func checkupWords(r *checkup.Report) *checkup.Report {
	q := *r
	q.Signs = append([]checkup.Sign(nil), r.Signs...)
	cw := checkupWriter{cur: r.Currency, per: r.Period, names: r.FunctionNames}
	if cw.per == "" {
		cw.per = "period"
	}
	for i, s := range q.Signs {
		if s.Summary == "" {
			q.Signs[i].Summary = cw.summary(s.Findings)
		}
		if s.Remedy == "" {
			q.Signs[i].Remedy = cw.remedy(s.Remedies)
		}
		if ev, ok := s.Evidence.(*checkup.LostLocalTouchEvidence); ok {
			c := *ev
			c.AsIs.BelowFloorText, c.Plan.BelowFloorText = cw.belowFloorText(c.AsIs), cw.belowFloorText(c.Plan)
			q.Signs[i].Evidence = &c
		}
	}
	return &q
}

func (c checkupWriter) belowFloorText(v checkup.LocalView) []string {
	out := []string{}
	for _, b := range v.BelowFloor {
		out = append(out, c.cellBelowFloor(b.Function, b.Region, b.Coverage, b.Floor))
	}
	return out
}

// cellBelowFloor writes "Deal desk in South (50.0%, floor 60.0%)".
func (c checkupWriter) cellBelowFloor(fn, region string, cov, floor float64) string {
	cv, f := percentPair(cov, floor)
	return fmt.Sprintf("%s in %s (%s, floor %s)", c.function(fn), region, cv, f)
}

type checkupWriter struct {
	cur   string
	per   string            // quarter or year
	names map[string]string // function names by id
}

// planHeart says what the optimized plan (subject, "" when the sentence
// has named it) does for the heart in the finding's period: healthy or
// not, and its score against today's, which may be lower (a plan that
// brings one function up to healthy and another down to it): "the
// optimized plan makes the heart healthy in 2027 (it scores 90.0%, against
// 93.8% today)". A finding from an older cardio, without plan_healthy,
// gives the score alone.
func (c checkupWriter) planHeart(f plan.Finding, subject string) string {
	n := f.N
	if subject != "" {
		subject += " "
	}
	h, ok := f.Number("plan_healthy")
	switch {
	case !ok:
		return fmt.Sprintf("%sbrings the heart's score to %s in %s", subject, Percent(n("plan_heart")), f.Period)
	case h == 1:
		return fmt.Sprintf("%smakes the heart healthy in %s (it scores %s, against %s today)", subject, f.Period, HeartPercent(n("plan_heart"), true, n("healthy_heart")), c.today(f))
	}
	return fmt.Sprintf("%sleaves the heart not healthy in %s (it scores %s, against %s today)", subject, f.Period, HeartPercent(n("plan_heart"), false, 0), c.today(f))
}

// today writes today's heart score as the as-is plan's row prints it:
// rounded down when not healthy (a finding from an older cardio, without
// "healthy", to nearest).
func (c checkupWriter) today(f plan.Finding) string {
	if h, ok := f.Number("healthy"); ok {
		return HeartPercent(f.N("heart"), h == 1, f.N("healthy_heart"))
	}
	return Percent(f.N("heart"))
}

// heldBack says what holds a region back in a plan_leaves_region_behind
// remedy, from its numbers (checkup.heldBack), and what to do: "the
// budget, spent in full, and its hire limit (1 a quarter) hold it back;
// add budget, raise the hire limit or set a higher floor (min_coverage) on
// Proposals", or, when it reaches no limit, "no limit holds it back: the
// plan's weights leave it there; set a higher floor (min_coverage) on
// Proposals" (the functions are the finding's: the local heart functions
// behind the gap).
func (c checkupWriter) heldBack(f plan.Finding) string {
	var what, do []string
	num := func(k string) (float64, bool) { return f.Number(k) }
	if _, ok := num("budget_spent"); ok {
		what = append(what, "the budget, spent in full")
		do = append(do, "add budget")
	}
	hires := false
	if x, ok := num("region_hire_limit"); ok {
		what = append(what, fmt.Sprintf("its hire limit (%s a %s, reached by then)", limitFigure(x), c.per))
		hires = true
	}
	if x, ok := num("central_hire_limit"); ok {
		what = append(what, fmt.Sprintf("the central team's hire limit (%s a %s, reached by then)", limitFigure(x), c.per))
		hires = true
	}
	if hires {
		do = append(do, "raise the hire limit")
	}
	if x, ok := num("headcount_cap"); ok {
		what = append(what, fmt.Sprintf("the headcount cap of %s FTE", limitFigure(x)))
		do = append(do, "raise the headcount cap")
	}
	if x, ok := num("central_share_max"); ok {
		what = append(what, fmt.Sprintf("the central share's maximum of %s", Percent(x)))
	}
	if x, ok := num("central_share_min"); ok {
		what = append(what, fmt.Sprintf("the central share's minimum of %s", Percent(x)))
	}
	// A floor on the local heart functions behind the gap, by name: never
	// on a brain function declared local, which a heart-first plan puts
	// off by design; "higher", since the function may have one already
	// (a finding from an older cardio names none).
	if len(f.Functions) > 0 {
		names := make([]string, len(f.Functions))
		for i, id := range f.Functions {
			names[i] = c.function(id)
		}
		floor := "a higher floor"
		if len(names) > 1 {
			floor = "higher floors"
		}
		do = append(do, fmt.Sprintf("set %s (min_coverage) on %s", floor, plan.JoinAnd(names)))
	} else {
		do = append(do, "set floors (min_coverage) on the local functions")
	}
	if len(what) == 0 {
		return "no limit holds it back: the plan's weights leave it there; " + plan.JoinOr(do)
	}
	verb := "holds"
	if len(what) > 1 {
		verb = "hold"
	} else if _, ok := num("budget_spent"); ok {
		// The aside closes before the verb: "the budget, spent in full,
		// holds it back".
		what[0] += ","
	}
	return fmt.Sprintf("%s %s it back; %s", plan.JoinAnd(what), verb, plan.JoinOr(do))
}

// teamAverage says, for a finding whose brain spend prices a roster's
// staff at their team's average (team_average), so: " at their team's
// average roster cost", after who ("" or ", its staff").
func teamAverage(f plan.Finding, who string) string {
	if x, ok := f.Number("team_average"); !ok || x == 0 {
		return ""
	}
	return who + " at their team's average roster cost"
}

// unhealthy says why the heart is not healthy: the weakest heart cell
// below healthy, with the heart score beside it, which may be above
// healthy ("the heart is not healthy: Hub in North is at 87.5%, below the
// healthy 90.0% (the heart scores 93.8%)"), and the cells as low beside
// it, so that a tie does not read as one weak spot. A finding without the
// cell (from an older cardio) gives the score alone.
func (c checkupWriter) unhealthy(f plan.Finding) string {
	n := f.N
	if x, ok := f.Number("weakest_coverage"); ok {
		// The cell is below healthy: rounded down, as the plan's
		// coverage table prints it (89.96% read "is at 90.0%, below the
		// healthy 90.0%").
		w := coveragePercent(x, true)
		if n("weakest_all_tie") == 1 {
			return fmt.Sprintf("the heart is not healthy: every heart function is at %s in every region, below the healthy %s (the heart scores %s)",
				w, ThresholdPercent(n("healthy_heart")), HeartPercent(n("heart"), false, 0))
		}
		tied := ""
		switch k := int(n("weakest_tied")); {
		case k == 1:
			tied = ", and 1 other heart function in a region is as low"
		case k > 1:
			tied = fmt.Sprintf(", and %d other heart functions in a region are as low", k)
		}
		return fmt.Sprintf("the heart is not healthy: %s in %s is at %s, below the healthy %s%s (the heart scores %s)",
			c.function(f.Function), f.Region, w, ThresholdPercent(n("healthy_heart")), tied, HeartPercent(n("heart"), false, 0))
	}
	return fmt.Sprintf("the heart is not healthy (it scores %s; healthy is %s)", HeartPercent(n("heart"), false, 0), ThresholdPercent(n("healthy_heart")))
}

// behind names the function behind a region_behind finding's gap: the
// region's local heart functions furthest below the other regions'
// coverage of them, with both figures, "Proposals at 60.0% against the
// other regions' 90.0%", after "furthest behind: " when the region is
// behind in more functions (behind_functions) than it names.
func (c checkupWriter) behind(f plan.Finding) string {
	names := make([]string, len(f.Functions))
	for i, id := range f.Functions {
		names[i] = c.function(id)
	}
	s := fmt.Sprintf("%s at %s against the other regions' %s", plan.JoinAnd(names), Percent(f.N("function_coverage")), Percent(f.N("others_coverage")))
	if float64(len(f.Functions)) < f.N("behind_functions") {
		s = "furthest behind: " + s
	}
	return s
}

// lowest names the function behind a region_behind finding's gap from an
// older cardio, which gave the region's lowest functions: the
// region's local heart functions at the lowest coverage, "Sales support
// at 90.0%" when it has only that one (k, heart_functions), "lowest:
// Proposals at 0.0%" when it has more, "Proposals and Compensation design
// at 0.0%" when all of them tie.
func (c checkupWriter) lowest(f plan.Finding, k float64) string {
	names := make([]string, len(f.Functions))
	for i, id := range f.Functions {
		names[i] = c.function(id)
	}
	s := fmt.Sprintf("%s at %s", plan.JoinAnd(names), Percent(f.N("function_coverage")))
	if float64(len(f.Functions)) < k {
		s = "lowest: " + s
	}
	return s
}

// function is the name of the function with the given id (the id itself
// when the report names none, as a report from an older cardio).
func (c checkupWriter) function(id string) string {
	if name := c.names[id]; name != "" {
		return name
	}
	return id
}

func (c checkupWriter) money(x float64) string { return plan.FormatMoney(c.cur, x) }

// up writes a least amount rounded up at the precision it is printed with.
func (c checkupWriter) up(x float64) string { return plan.FormatMoneyUp(c.cur, x) }

// summary words a sign's findings in one line.
func (c checkupWriter) summary(fs []plan.Finding) string {
	var clauses []string // joined by "; "
	var over, under []string
	add := func(s string) { clauses = append(clauses, s) }
	extend := func(s string) { clauses[len(clauses)-1] += s }
	for _, f := range fs {
		n := f.N
		switch f.Kind {
		// stale_mix
		case checkup.KindNoStaffToday:
			add("no staff today (current_fte is empty): there is no mix to compare")
		case checkup.KindStageHasNoDemand:
			add(fmt.Sprintf("the %s stage has no demand: there is no profile to compare", f.Stage))
		case checkup.KindMixDistance:
			add(fmt.Sprintf("%s of today's %s FTE (staff and tools) would have to move to match a %s organization's demand", Percent(n("distance")), FTE(n("fte")), f.Stage))
		case checkup.KindEarlierStageFits:
			add(fmt.Sprintf("the mix fits %s better (%s)", f.Stage, Percent(n("distance"))))
		case checkup.KindOverStaffed:
			over = append(over, c.function(f.Function)+" "+signedFTE(n("gap")))
		case checkup.KindUnderStaffed:
			under = append(under, c.function(f.Function)+" "+signedFTE(n("gap")))

		// brain_before_heart
		case checkup.KindNoBrainSpend:
			add(fmt.Sprintf("nothing goes to the brain today; %s, and %s FTE short of healthy", c.unhealthy(f), shortFTE(n("heart_gap_fte"))))
		case checkup.KindBrainEarned:
			add(fmt.Sprintf("the heart is healthy today (%s): the brain's %s a year (%s of spend%s) is earned", Percent(n("heart")), c.money(n("brain_spend")), Percent(n("brain_share")), teamAverage(f, ", its staff")))
		case checkup.KindBrainBeforeHeart:
			if _, ok := f.Number("watch"); ok {
				share, grade := brainGrade(f)
				add(fmt.Sprintf("%s of spend (%s a year: %s brain FTE%s, %s of tools) goes to the brain, %s %s",
					share, c.money(n("brain_spend")), FTE(n("brain_fte")), teamAverage(f, ""), c.money(n("brain_tool_spend")), grade, c.unhealthy(f)))
			} else {
				// A finding from an older cardio, without the thresholds.
				add(fmt.Sprintf("%s a year (%s of spend: %s brain FTE%s, %s of tools) goes to the brain while %s",
					c.money(n("brain_spend")), Percent(n("brain_share")), FTE(n("brain_fte")), teamAverage(f, ""), c.money(n("brain_tool_spend")), c.unhealthy(f)))
			}
			add(fmt.Sprintf("the same money would pay for %s heart FTE, and the heart is %s FTE short of healthy", FTE(n("heart_fte_for_same_money")), shortFTE(n("heart_gap_fte"))))

		// lost_local_touch
		case checkup.KindNoLocalFunctions:
			add("no function is local-locality: there is no local work to lose touch with")
		case checkup.KindLocalViewToday, checkup.KindLocalViewPlan:
			what := map[string]string{checkup.KindLocalViewToday: "today", checkup.KindLocalViewPlan: "plan"}[f.Kind]
			add(fmt.Sprintf("%s (%s): %s of local-function staff central", what, f.Period, Percent(n("central_share"))))
			// A view in which every region does all of its local heart
			// work at healthy names no region behind, and says why
			// (whole-people.yaml's plan gave the central share alone).
			if k, ok := f.Number("regions"); ok && k > 0 && n("healthy_regions") == k {
				extend(fmt.Sprintf(", every region's local heart work healthy (each local heart function at or above the healthy %s)", ThresholdPercent(n("healthy_heart"))))
			} else if _, ok := f.Number("lowest_coverage"); ok && k > 0 {
				extend(c.noneBehind(f))
			}
		case checkup.KindRegionBehind:
			if _, ok := f.Number("others_coverage"); ok && len(f.Functions) > 0 {
				extend(fmt.Sprintf(", %s covers %s of its local heart work, %s below the other regions (%s)", f.Region, Percent(n("coverage")), pointsOf(n("gap")), c.behind(f)))
				break
			}
			// A finding from an older cardio, which named the region's
			// lowest functions, level with the others or not.
			if k, ok := f.Number("heart_functions"); ok && len(f.Functions) > 0 {
				extend(fmt.Sprintf(", %s covers %s of its local heart work, %s below the other regions (%s)", f.Region, Percent(n("coverage")), pointsOf(n("gap")), c.lowest(f, k)))
				break
			}
			// A finding from an older cardio, which counted every local
			// function.
			extend(fmt.Sprintf(", %s covers %s of its local work, %s below the other regions", f.Region, Percent(n("coverage")), pointsOf(n("gap"))))
		case checkup.KindLocalBelowFloor:
			cell := c.cellBelowFloor(f.Function, f.Region, n("coverage"), n("floor"))
			switch k, fns := n("count"), n("functions"); {
			case k > 1 && fns >= 1:
				// A floor binds per function and region: "2 local
				// functions below their floor in 5 function-region pairs".
				what := fmt.Sprintf("%.0f local functions", fns)
				if fns == 1 {
					what = "1 local function"
				}
				extend(fmt.Sprintf(", %s below their floor in %.0f function-region pairs (worst: %s)", what, k, cell))
			case k > 1:
				// A finding from an older cardio, without functions.
				extend(fmt.Sprintf(", %.0f function-region pairs below their floor (worst: %s)", k, cell))
			default:
				extend(", below its floor: " + cell)
			}

		// shrinking_budget
		case checkup.KindOnePeriod:
			add("one period: the budget has no trajectory")
		case checkup.KindBudgetVsDemand:
			add(c.budgetVsDemand(f, hasKind(fs, checkup.KindHeartStaysHealthy)))
		case checkup.KindHeartFallsBelowHealthy:
			add(fmt.Sprintf("the optimized heart falls below healthy in %s (%s)", f.Period, HeartPercent(n("heart"), false, 0)))
		case checkup.KindHeartStaysHealthy:
			add("the optimized heart stays healthy through " + f.Period)
		default:
			add(f.Kind)
		}
	}
	if len(over) > 0 {
		add("over: " + strings.Join(over, ", "))
	}
	if len(under) > 0 {
		add("under: " + strings.Join(under, ", "))
	}
	return strings.Join(clauses, "; ")
}

// noneBehind words a local-touch view that names no region behind while
// not every region's local heart work is healthy: the baseline's plan at
// budget.annual=4e6, each local heart function covered alike in every
// region, gave the central share alone. It says what holds, with the
// view's lowest local heart cell: "no region behind the others: every
// region's local heart work short of healthy (lowest: Proposals at 60.0%
// in every region, below the healthy 90.0%)". "In every region" only when
// every region with local heart work has that function and covers it at
// what the lowest prints (lowest_function_max).
func (c checkupWriter) noneBehind(f plan.Finding) string {
	n := f.N
	k, h := n("regions"), n("healthy_regions")
	low := coveragePercent(n("lowest_coverage"), true)
	lowest := fmt.Sprintf("%s in %s at %s", c.function(f.Function), f.Region, low)
	if k > 1 && n("lowest_function_regions") == k && coveragePercent(n("lowest_function_max"), true) == low {
		lowest = fmt.Sprintf("%s at %s in every region", c.function(f.Function), low)
	}
	healthy := ThresholdPercent(n("healthy_heart"))
	switch {
	case k == 1:
		return fmt.Sprintf(", %s, the only region with local heart work, short of healthy in it (lowest: %s at %s, below the healthy %s)", f.Region, c.function(f.Function), low, healthy)
	case h == 0:
		return fmt.Sprintf(", no region behind the others: every region's local heart work short of healthy (lowest: %s, below the healthy %s)", lowest, healthy)
	default:
		return fmt.Sprintf(", no region behind the others: %.0f of %.0f regions' local heart work short of healthy (lowest: %s, below the healthy %s)", k-h, k, lowest, healthy)
	}
}

// trajectory words how a figure moves over the horizon, from first to
// last as printed, each followed by unit (" a quarter", " FTE"), by
// change a year: "goes from $1.60M to $1.33M a quarter (-10.0% a year)";
// or, when flat (it moves by less than limit a year, as the checkup
// grades it), "holds flat at 43.7 FTE" where the two print alike, else
// "holds flat, 43.7 to 44.5 FTE (+0.9% a year, under the 1.0% a year that
// counts as a change)".
func trajectory(first, last, unit string, change, limit float64, flat bool) string {
	switch {
	case !flat:
		return fmt.Sprintf("goes from %s to %s%s (%+.1f%% a year)", first, last, unit, 100*change)
	case first == last:
		return fmt.Sprintf("holds flat at %s%s", first, unit)
	}
	return fmt.Sprintf("holds flat, %s to %s%s (%s a year, under the %s a year that counts as a change)", first, last, unit, underThreshold(change, limit), Percent(limit))
}

// budgetVsDemand words a budget_vs_heart_demand finding: the budget's
// trajectory against heart demand's, each flat when it moves less than the
// checkup counts (min_fall for the budget, either way; flat_demand for
// demand), as the sign grades them.
//
// graded is whether the budget per heart FTE grades the sign (a shrinking
// budget whose optimized heart stays healthy, heart_stays_healthy): then
// growing or flat demand says it too, as falling demand always does.
func (c checkupWriter) budgetVsDemand(f plan.Finding, graded bool) string {
	n := f.N
	// A budget that moves less than min_fall a year, either way, holds
	// flat: "holds flat at $450k a quarter", not "goes from $450k to $450k
	// a quarter (+0.0% a year)", and a move that prints is said to be
	// under the threshold, never printed as it (-0.99% is -0.9%). A fall
	// that small is why the sign is ok beside demand that grows. The
	// tolerance is the checkup's own (checkup.shrinkingBudget), so that
	// the words and the grade agree at the threshold.
	const tol = 1e-9
	bc := n("budget_change")
	first, last := c.money(n("budget_first")), c.money(n("budget_last"))
	// A budget that falls to nothing (or grows from it) has no change a
	// year (0) and moves all the same.
	m, hasMin := f.Number("min_fall")
	budgetFalls := hasMin && bc <= -m+tol
	budget := trajectory(first, last, " a "+c.per, bc, m,
		hasMin && math.Abs(bc) < m-tol && changeMeasures(n("budget_first"), n("budget_last")))
	// Heart demand that moves less than flat_demand a year holds flat, as
	// the sign grades it: "holds flat at 43.7 FTE", not "goes from 43.7 to
	// 43.7 FTE (+0.0% a year)" (or "-0.0%"), and a move that prints is
	// said to be under the threshold.
	flat, hasFlat := f.Number("flat_demand")
	dc := n("heart_demand_change")
	dFirst, dLast := FTE(n("heart_demand_first")), FTE(n("heart_demand_last"))
	demand := trajectory(dFirst, dLast, " FTE", dc, flat,
		hasFlat && math.Abs(dc) < flat && changeMeasures(n("heart_demand_first"), n("heart_demand_last")))
	// Heart demand that falls too says what the grade uses: how fast the
	// budget per heart FTE moves (squeeze), against the fall of it that
	// counts (squeeze_watch): "falls too, from 43.7 to 42.3 FTE (-1.8% a
	// year): the budget per heart FTE falls 8.4% a year, at or over the
	// 3.0% to watch". A budget cut 10% a year against it read ok with no
	// word why. A fall under the threshold never prints as it.
	q, hasQ := f.Number("squeeze")
	w := n("squeeze_watch")
	perFTE := func() string {
		switch {
		case -q >= w:
			return fmt.Sprintf(": the budget per heart FTE falls %.1f%% a year, at or over the %s to watch", -100*q, Percent(w))
		case q < 0:
			return fmt.Sprintf(": the budget per heart FTE falls %s a year, under the %s to watch", strings.TrimPrefix(underThreshold(q, w), "-"), Percent(w))
		default:
			return fmt.Sprintf(": the budget per heart FTE grows %.1f%% a year", 100*q)
		}
	}
	measured := hasQ && budgetFalls && n("heart_demand_first") > 0 && n("heart_demand_last") > 0 && n("budget_last") > 0
	switch {
	case measured && dc <= -flat:
		demand = fmt.Sprintf("falls too, from %s to %s FTE (%+.1f%% a year)", dFirst, dLast, 100*dc) + perFTE()
	case measured && graded:
		// Growing or flat demand: the squeeze grades a budget whose heart
		// stays healthy, watch or ok (shrinking-budget.yaml at
		// budget.change_per_year=-0.02 read watch with no word why).
		demand += perFTE()
	}
	return fmt.Sprintf("the budget %s while heart demand %s", budget, demand)
}

// hasKind reports whether fs has a finding of kind.
func hasKind(fs []plan.Finding, kind string) bool {
	for _, f := range fs {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

// changeMeasures reports whether a trajectory's ends are both above zero or
// both at zero: only then does its change a year (0 for one at zero) say
// how far it moves.
func changeMeasures(first, last float64) bool { return (first > 0) == (last > 0) }

// underThreshold writes a change a year x under threshold m either way,
// signed, never printed as the threshold it is under: -0.99% under 1.0% is
// "-0.9%", not "-1.0%".
func underThreshold(x, m float64) string {
	pc := 100 * x
	if fmt.Sprintf("%.1f", math.Abs(pc)) == fmt.Sprintf("%.1f", 100*m) {
		pc = math.Trunc(10*pc) / 10
	}
	return fmt.Sprintf("%+.1f%%", pc)
}

// remedy words a sign's remedies in one line.
func (c checkupWriter) remedy(fs []plan.Finding) string {
	var changes [2][]string // increases, decreases
	var out []string
	period := ""
	for _, f := range fs {
		n := f.N
		switch f.Kind {
		case checkup.KindNoneNeeded:
			out = append(out, "none needed")
		case checkup.KindPlanKeepsMix:
			out = append(out, "the optimized plan keeps today's mix: the limits leave no room to move people")
		case checkup.KindPlanChanges:
			k := 0
			if n("change") < 0 {
				k = 1
			}
			changes[k] = append(changes[k], c.function(f.Function)+" "+signedFTE(n("change")))
			period = f.Period
		case checkup.KindBrainShareLow:
			out = append(out, fmt.Sprintf("none for the brain, whose share is below the %s to watch; %s", Percent(n("watch")), c.planHeart(f, "the optimized plan")))
		case checkup.KindMoveMoneyToHeart:
			if today, ok := f.Number("brain_spend"); ok && n("plan_brain_spend") > today {
				// The plan heals the heart with money today leaves
				// unspent and puts more on the brain, not less: "move
				// the money" would contradict it (whole-people.yaml).
				if n("plan_healthy") == 1 {
					// Heart first in the words as in the plan: the
					// brain's money comes once the heart is healthy.
					out = append(out, fmt.Sprintf("staff the heart first, as the optimized plan does: it %s, and then puts %s a year (%s of spend) on the brain, more than today's %s",
						c.planHeart(f, ""), c.money(n("plan_brain_spend")), Percent(n("plan_brain_share")), c.money(today)))
					break
				}
				out = append(out, fmt.Sprintf("staff the heart first: the optimized plan puts %s a year (%s of spend) on the brain, more than today's %s, and %s",
					c.money(n("plan_brain_spend")), Percent(n("plan_brain_share")), c.money(today), c.planHeart(f, "")))
				break
			}
			out = append(out, fmt.Sprintf("move the money to the heart first: the optimized plan puts %s a year (%s of spend) on the brain and %s",
				c.money(n("plan_brain_spend")), Percent(n("plan_brain_share")), c.planHeart(f, "")))
		case checkup.KindLowerCentralShareMin:
			out = append(out, fmt.Sprintf("the plan's own limits push local work to the center: lower policy.central_share.min (now %s) so that the regions staff their local functions", Percent(n("central_share_min"))))
		case checkup.KindPlanLeavesRegionBehind:
			who := f.Region
			if who == "" {
				who = "the local work"
			}
			work := ""
			if len(f.Functions) > 0 {
				work = " in its local heart work"
			}
			out = append(out, fmt.Sprintf("the optimized plan itself leaves %s %s behind the other regions%s (%s): %s",
				who, pointsOf(n("gap")), work, f.Period, c.heldBack(f)))
		case checkup.KindGiveLocalWorkBack, checkup.KindStaffLocalWork:
			// Both compare today with the optimized plan in today's
			// period: "give back" only when today's center holds the
			// local work.
			var parts []string
			if x, ok := f.Number("plan_central_share"); ok {
				parts = append(parts, fmt.Sprintf("has %s of local-function staff central in %s (today %s)", Percent(x), f.Period, Percent(n("today_central_share"))))
			}
			if f.Region != "" {
				today, planned := Percent(n("coverage_today")), Percent(n("coverage_plan"))
				switch {
				case today == planned:
					parts = append(parts, fmt.Sprintf("keeps %s at %s of its local heart work in %s", f.Region, today, f.Period))
				default:
					verb := "lifts"
					if n("coverage_plan") < n("coverage_today") {
						verb = "takes"
					}
					parts = append(parts, fmt.Sprintf("%s %s from %s today to %s of its local heart work in %s", verb, f.Region, today, planned, f.Period))
				}
			}
			if _, ok := f.Number("meets_floors"); ok {
				parts = append(parts, "meets every floor")
			}
			head := "give the local work back to the regions"
			if f.Kind == checkup.KindStaffLocalWork {
				head = "staff the regions' local functions"
			}
			out = append(out, head+": the optimized plan "+plan.JoinAnd(parts))

		// shrinking_budget: least budgets rounded up, and the shares taken
		// from the figures as printed (as the budget case does), rounded so
		// that they never promise less than needed.
		case checkup.KindNoBudgetKeepsHealthy:
			// The budget case's explanation follows as findings of its
			// own, which say what stands in the way and by how much.
			out = append(out, "no budget keeps the heart healthy in every period")

		case checkup.KindKeepAtLeast:
			out = append(out, fmt.Sprintf("keep at least %s a year on this trajectory (%s below today's %s): below that the heart stops being healthy",
				c.up(n("least_annual")), percentDown(1-plan.CeilMoney(n("least_annual"))/n("annual")), c.money(n("annual"))))
		case checkup.KindKeepShareAtLeast:
			out = append(out, fmt.Sprintf("keep every period's budget at least %s of today's: below that the heart stops being healthy", percentUp(n("scale"))))
		case checkup.KindRaiseTo:
			out = append(out, fmt.Sprintf("%s a year on the same trajectory (%s more than today's %s) keeps the heart healthy in every period",
				c.up(n("least_annual")), percentUp(plan.CeilMoney(n("least_annual"))/n("annual")-1), c.money(n("annual"))))
		case checkup.KindRaiseBy:
			out = append(out, fmt.Sprintf("every period's budget %s higher keeps the heart healthy in every period", percentUp(n("scale")-1)))
		case checkup.KindPeriodNeeds:
			out = append(out, fmt.Sprintf("in %s the heart needs %s of spend, %s above the budget of %s", f.Period, c.up(n("spend")), percentUp(plan.CeilMoney(n("spend"))/n("budget")-1), c.money(n("budget"))))
		default:
			// The budget case's explanation (after
			// KindNoBudgetKeepsHealthy) is an infeasible plan's findings;
			// a kind no view knows comes out as its code.
			out = append(out, ProblemWord(c.cur, f))
		}
	}
	if len(changes[0])+len(changes[1]) > 0 {
		var parts []string
		for _, ch := range changes {
			if len(ch) > 0 {
				parts = append(parts, strings.Join(ch, ", "))
			}
		}
		out = append([]string{fmt.Sprintf("rebalance to the stage: the optimized plan changes %s staffing by %s FTE", period, strings.Join(parts, "; "))}, out...)
	}
	return strings.Join(out, "; ")
}

// brainGrade writes the brain's share of today's spend and the threshold
// that grades it, the reason for the status, to lead the evidence: "8.4%"
// and "under the 10.0% to watch, although"; "15.3%" and "at or over the
// 10.0% to watch (act at 25.0%), while"; "59.0%" and "at or over the
// 25.0% to act on, while". A share under the threshold that would print
// as the threshold is rounded down (9.96% is 9.9%, never a "10.0%" under
// the 10.0%).
func brainGrade(f plan.Finding) (share, grade string) {
	x, watch, act := f.N("brain_share"), f.N("watch"), f.N("act")
	switch {
	case x >= act:
		return Percent(x), fmt.Sprintf("at or over the %s to act on, while", Percent(act))
	case x >= watch:
		// Rounded down where it would print as the act threshold: 24.96%
		// read "25.0% ... (act at 25.0%)" under a watch.
		share = Percent(x)
		if share == Percent(act) {
			share = percentDown(x)
		}
		return share, fmt.Sprintf("at or over the %s to watch (act at %s), while", Percent(watch), Percent(act))
	}
	share = Percent(x)
	if share == Percent(watch) {
		share = percentDown(x)
	}
	return share, fmt.Sprintf("under the %s to watch, although", Percent(watch))
}

// shortFTE writes the heart's FTE short of healthy: a shortfall FTE would
// print as 0.0 is "less than 0.1", as "In short" says it, not a "0.0 FTE
// short of healthy" beside a heart said not to be healthy.
func shortFTE(x float64) string {
	if printsAsZero(x) {
		return "less than 0.1"
	}
	return FTE(x)
}

// signedFTE writes an FTE change with its sign: +1.2, -0.4.
func signedFTE(x float64) string { return fmt.Sprintf("%+.1f", x) }

// pointsOf writes a difference of fractions in percentage points.
func pointsOf(x float64) string { return fmt.Sprintf("%.1f points", math.Round(1000*x)/10) }

// percentDown writes a share rounded down to one decimal: how far below
// today a least budget may go, never more than it may.
func percentDown(x float64) string { return fmt.Sprintf("%.1f%%", math.Floor(1000*x+1e-6)/10) }
