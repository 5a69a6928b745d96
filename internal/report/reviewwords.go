package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The review's words for its findings: the budget the re-plan has, the
// floors and limits the actuals broke, and how the central team's actual
// FTE were counted for the regions. plan.NewReview gives the figures;
// these sentences are derived from them alone.

// pastRun names the past periods, which run from the horizon's start:
// "2027-Q1", "2027-Q1 and 2027-Q2", "2027-Q1 to 2027-Q3".
func (v *ReviewView) pastRun() string {
	switch n := len(v.Periods); n {
	case 0:
		return ""
	case 1:
		return v.Periods[0].Label
	case 2:
		return v.Periods[0].Label + " and " + v.Periods[1].Label
	default:
		return v.Periods[0].Label + " to " + v.Periods[n-1].Label
	}
}

// budgetLeftWords says what budget the re-plan has and where it comes
// from: the rest of the horizon's own budget, less what the past periods
// spent above theirs. An underspend is named with the words that it is
// not carried forward, since a reader who takes the horizon's budget less
// the spend finds it on top of the figure ($6.20M less $3.02M spent is
// $3.18M, where the re-plan has $3.10M).
func (v *ReviewView) budgetLeftWords() string {
	money := func(x float64) string { return plan.FormatMoney(v.Currency, x) }
	// The underspend or overspend, estimated when a past period's spend
	// is (the actuals gave none).
	the := "the "
	for _, p := range v.Periods {
		if p.SpendEstimated {
			the = "an estimated "
		}
	}
	diff := Cents(v.PastBudget - v.PastSpend)
	switch {
	case diff > 0:
		return fmt.Sprintf("the rest of the horizon's budget, %s (%s%s left unspent in %s is not carried forward)",
			money(v.BudgetLeft), the, money(diff), v.pastRun())
	case diff < 0 && v.BudgetLeft > 0:
		return fmt.Sprintf("the rest of the horizon's budget, %s, less %s%s overspent in %s: %s",
			money(v.RemainingBudget), the, money(-diff), v.pastRun(), money(v.BudgetLeft))
	case diff < 0:
		return fmt.Sprintf("no budget: %s%s overspent in %s takes back all of the rest of the horizon's budget, %s",
			the, money(-diff), v.pastRun(), money(v.RemainingBudget))
	}
	return fmt.Sprintf("the rest of the horizon's budget, %s", money(v.BudgetLeft))
}

// Marks of a cell the review names: below its floor (as cardio plan
// marks it), and one whose actual coverage depends on how the central
// team's actual FTE were counted for the regions (reviewDepends).
const (
	markReviewFloor   = markAtFloor
	markReviewDepends = "†"
)

// reviewBelowFloor reports whether the actuals of p put function in
// region below its floor (a below_floor breach).
func reviewBelowFloor(p plan.PeriodVariance, function, region string) bool {
	for _, b := range p.Breaches {
		if b.Kind == plan.KindBelowFloor && b.Function == function && b.Region == region {
			return true
		}
	}
	return false
}

// reviewDepends reports whether the actual coverage of function in region
// rests on the rule that counts the central team's FTE for the regions:
// the central team had FTE on the function, and none of them is counted
// for the region. Spread otherwise (by demand), some would be.
func reviewDepends(p plan.PeriodVariance, function, region string) bool {
	share, fte, ok := p.CentralShare(function, region)
	return ok && fte > 0 && share < 1e-9
}

// reviewCellMarks are the marks of a cell in the review's table: " !",
// " †" or " !†", or "".
func reviewCellMarks(p plan.PeriodVariance, function, region string) string {
	m := ""
	if reviewBelowFloor(p, function, region) {
		m += markReviewFloor
	}
	if reviewDepends(p, function, region) {
		m += markReviewDepends
	}
	if m != "" {
		m = " " + m
	}
	return m
}

// fteBeyond writes an actual figure with one decimal, or more where one
// decimal would print it as the limit it exceeds (3.04 against 3 is
// "3.04", not "3.0"), and the limit as the scenario gives it
// (limitFigure: 3.05, not 3.1).
func fteBeyond(x, limit float64) (string, string) {
	for d := 1; d <= 4; d++ {
		a := strconv.FormatFloat(x, 'f', d, 64)
		if a != strconv.FormatFloat(limit, 'f', d, 64) || d == 4 {
			return a, limitFigure(limit)
		}
	}
	return "", ""
}

// breachWord writes one floor or limit the actuals broke.
func (v *ReviewView) breachWord(p plan.PeriodVariance, f plan.Finding) string {
	n := f.N
	switch f.Kind {
	case plan.KindBelowFloor:
		c, fl := percentPair(n("coverage"), n("floor"))
		w := fmt.Sprintf("%s in %s at %s, below its floor of %s", v.function(f.Function), f.Region, c, fl)
		if reviewDepends(p, f.Function, f.Region) {
			w += " " + markReviewDepends
		}
		return w
	case plan.KindHiresOverLimit:
		x, l := fteBeyond(n("change"), n("limit"))
		return fmt.Sprintf("%s hired %s FTE, more than its limit of %s a %s", capital(teamName(f.Team)), x, l, v.Period)
	case plan.KindExitsOverLimit:
		x, l := fteBeyond(n("change"), n("limit"))
		return fmt.Sprintf("%s shed %s FTE, more than its limit of %s a %s", capital(teamName(f.Team)), x, l, v.Period)
	case plan.KindOverHeadcountCap:
		x, l := fteBeyond(n("fte"), n("cap"))
		return fmt.Sprintf("%s FTE in seat, more than the headcount cap of %s FTE", x, l)
	case plan.KindCentralShareBelowMin, plan.KindCentralShareAboveMax:
		s, l := percentPair(n("share"), n("limit"))
		side := "below the minimum"
		if f.Kind == plan.KindCentralShareAboveMax {
			side = "above the maximum"
		}
		return fmt.Sprintf("The central team held %s of the FTE (%s of %s), %s of %s", s, FTE(n("central_fte")), FTE(n("fte")), side, l)
	}
	return ProblemWord(v.Currency, f)
}

// writeBreaches writes, under a past period's tables, the floors and
// limits its actuals broke, and how the central team's actual FTE were
// counted for the regions, with the cells that depend on it.
func (v *ReviewView) writeBreaches(t *textWriter, p plan.PeriodVariance) {
	if len(p.Breaches) > 0 {
		head := fmt.Sprintf("Floors and limits the actuals of %s broke", p.Label)
		if w := p.Actual.Weakest; w != nil && !p.Actual.WeakestAllTie && reviewBelowFloor(p, w.Function, w.Region) {
			head += " (" + markReviewFloor + " marks a cell below its floor in the table above)"
		}
		t.para(head + ":")
		lines := make([]string, len(p.Breaches))
		for i, b := range p.Breaches {
			lines[i] = v.breachWord(p, b)
		}
		t.list(lines)
	}
	if note := v.spreadNote(p); note != "" {
		t.para(note)
	}
}

// spreadNote states the rule by which the central team's actual FTE on a
// function were counted for the regions in p (the actuals give the FTE,
// not whom they served), and names the cells the review shows (the
// weakest heart cell, those below a floor) that depend on it. Empty when
// the central team had no actual FTE, or the scenario has one region.
func (v *ReviewView) spreadNote(p plan.PeriodVariance) string {
	// With one region every central FTE serves it: no rule to state.
	several := false
	for _, c := range p.CentralSpread {
		several = several || len(c.Shares) > 1
	}
	if !several {
		return ""
	}
	var byDemand, bySellers []string
	for _, c := range p.CentralSpread {
		switch c.Basis {
		case plan.SpreadDemand:
			byDemand = append(byDemand, v.function(c.Function))
		case plan.SpreadSellers:
			bySellers = append(bySellers, v.function(c.Function))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The actuals give the central team's FTE on each function, not the regions they served: they are counted for the regions in the proportions of the plan of record's central staff on the function in %s", p.Label)
	if len(byDemand) > 0 {
		fmt.Fprintf(&b, ", and by the regions' demand on %s, where the plan had none", plan.JoinAnd(byDemand))
	}
	if len(bySellers) > 0 {
		fmt.Fprintf(&b, ", and by the regions' sellers on %s, which no region needs", plan.JoinAnd(bySellers))
	}
	b.WriteString(".")
	// The cells shown: those below a floor, then the weakest heart cell.
	type cell struct{ function, region string }
	var shown []cell
	seen := map[cell]bool{}
	add := func(c cell) {
		if !seen[c] && reviewDepends(p, c.function, c.region) {
			seen[c] = true
			shown = append(shown, c)
		}
	}
	for _, br := range p.Breaches {
		if br.Kind == plan.KindBelowFloor {
			add(cell{br.Function, br.Region})
		}
	}
	// The weakest is shown by name unless every heart cell ties with it.
	if w := p.Actual.Weakest; w != nil && !p.Actual.WeakestAllTie {
		add(cell{w.Function, w.Region})
	}
	if len(shown) == 0 {
		return b.String()
	}
	// One clause per region, its cells in the order shown: "none of the
	// central team's FTE on Territory design (2.0) and Quota setting
	// (2.0) is counted for APAC".
	var regions []string
	cells := map[string][]cell{}
	for _, c := range shown {
		if cells[c.region] == nil {
			regions = append(regions, c.region)
		}
		cells[c.region] = append(cells[c.region], c)
	}
	parts := make([]string, len(regions))
	for i, r := range regions {
		var fns []string
		fromPlan := true
		for _, c := range cells[r] {
			_, fte, _ := p.CentralShare(c.function, c.region)
			fns = append(fns, fmt.Sprintf("%s (%s)", v.function(c.function), FTE(fte)))
			for _, s := range p.CentralSpread {
				if s.Function == c.function && s.Basis != plan.SpreadPlanOfRecord {
					fromPlan = false
				}
			}
		}
		parts[i] = fmt.Sprintf("none of the central team's FTE on %s is counted for %s", plan.JoinAnd(fns), r)
		if fromPlan {
			it := "it"
			if len(fns) > 1 {
				it = "them"
			}
			parts[i] += fmt.Sprintf(", as the plan of record's central staff on %s served other regions", it)
		}
	}
	fmt.Fprintf(&b, " %s marks a cell that depends on that rule: %s.", markReviewDepends, strings.Join(parts, "; "))
	return b.String()
}
