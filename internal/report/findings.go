package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// The words of the findings that are problems: what an organization
// breaks (plan.Violations) and why a scenario is infeasible (plan's
// explainer). The domain packages give kinds, subjects and numbers; this
// file is the only place they become sentences. Coverage and shares are
// percentages as in the tables; a least amount (budget, spend, FTE) is
// rounded up at the precision it is printed with, so that acting on the
// printed figure is enough.

// ProblemWords writes each finding as one line, in order.
func ProblemWords(currency string, fs []plan.Finding) []string {
	if len(fs) == 0 {
		return nil
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = ProblemWord(currency, f)
	}
	return out
}

// ProblemWord writes one problem finding as a line.
func ProblemWord(currency string, f plan.Finding) string {
	money := func(x float64) string { return plan.FormatMoney(currency, x) }
	up := func(x float64) string { return plan.FormatMoneyUp(currency, x) }
	n := f.N
	switch f.Kind {
	// What an organization breaks, per period.
	case plan.KindBelowFloor:
		c, fl := percentPair(n("coverage"), n("floor"))
		return fmt.Sprintf("%s: %s in %s is covered %s, below its floor of %s", f.Period, f.Function, f.Region, c, fl)
	case plan.KindOverBudget:
		return fmt.Sprintf("%s: spend exceeds the budget of %s by %s", f.Period, money(n("budget")), up(n("spend")-n("budget")))
	case plan.KindCentralShareBelowMin:
		s, l := percentPair(n("share"), n("limit"))
		return fmt.Sprintf("%s: the central team holds %s of the FTE (%s of %s), below the minimum of %s", f.Period, s, FTE(n("central_fte")), FTE(n("fte")), l)
	case plan.KindCentralShareAboveMax:
		s, l := percentPair(n("share"), n("limit"))
		return fmt.Sprintf("%s: the central team holds %s of the FTE (%s of %s), above the maximum of %s", f.Period, s, FTE(n("central_fte")), FTE(n("fte")), l)
	case plan.KindOverHeadcountCap:
		return fmt.Sprintf("%s: %s FTE exceed the headcount cap of %s FTE", f.Period, ceilFTE(n("fte")), limitFigure(n("cap")))
	case plan.KindHiresOverLimit:
		return fmt.Sprintf("%s: %s hires %s, more than its limit of %s", f.Period, teamName(f.Team), ceilFTE(n("change")), limitFigure(n("limit")))
	case plan.KindExitsOverLimit:
		return fmt.Sprintf("%s: %s sheds %s, more than its limit of %s", f.Period, teamName(f.Team), ceilFTE(n("change")), limitFigure(n("limit")))
	case plan.KindNegativeFTE:
		return fmt.Sprintf("%s: negative FTE on %s in %s", f.Period, f.Function, f.Region)
	case plan.KindInvestmentOutOfRange, plan.KindOwnedNotInPlace, plan.KindInvestmentPartlyBought, plan.KindInvestmentFalls, plan.KindInvestmentAhead:
		return fmt.Sprintf("%s: investment %s at level %s (%s)", f.Period, f.Investment, Percent(n("level")), strings.ReplaceAll(f.Kind, "_", " "))

	// Why a scenario is infeasible.
	case plan.KindBudgetTooSmall:
		subject, plural := needers(f)
		need := verb(plural, "needs", "need")
		if least, ok := f.Number("least_annual"); ok {
			// The least annual budget is a setting, the budget whose share
			// of the tightest period covers it; what the periods need adds
			// up to less, and is said apart, so that a reader who adds up
			// the periods below finds that figure, not the setting's.
			// When the periods need, as printed, what the setting gives
			// them (one period, or the same need in each), the two are one
			// figure: "need at least $160k a year".
			spend, ok := f.Number("period_spend")
			if !ok || f.Period == "" || up(n("spend_total")) == up(least*n("years")) {
				return fmt.Sprintf("the budget is too small: %s %s at least %s a year, and the scenario has %s", subject, need, up(least), money(n("annual")))
			}
			they := verb(plural, "it", "they")
			share := plan.CeilMoney(plan.CeilMoney(least) * n("period_share"))
			return fmt.Sprintf("the budget is too small: %s %s an annual budget of at least %s, whose share in %s, %s, covers the %s %s %s there; over %s %s %s %s in all, and the scenario has %s",
				subject, need, up(least), f.Period, money(share), up(spend), they, need, overYears(n("years")), they, need, up(n("spend_total")), money(n("annual")))
		}
		return fmt.Sprintf("the budget is too small: %s %s every period's budget %s larger", subject, need, percentUp(n("scale")-1))
	case plan.KindPeriodNeedsMore:
		_, plural := needers(f)
		return fmt.Sprintf("in %s %s %s %s and the budget is %s", f.Period, verb(plural, "it", "they"), verb(plural, "needs", "need"), up(n("spend")), money(n("budget")))
	case plan.KindHeadcountCapTooSmall:
		subject, _ := needers(f)
		return fmt.Sprintf("the headcount cap of %s FTE is below the %s FTE required by %s", limitFigure(n("cap")), ceilFTE(n("need")), subject)
	case plan.KindHireLimitTooSmall, plan.KindExitLimitTooSmall:
		subject, _ := needers(f)
		purpose := "to meet " + subject
		if len(f.Meet) == 0 {
			purpose = "given " + subject
		}
		// A whole need is people; a fraction is FTE: "1.6 more people"
		// read as a head count no one can hire.
		need := ceilFTE(n("need"))
		switch {
		case strings.Contains(need, "."):
			need += " more FTE"
		case need == "1":
			need = "1 more person"
		default:
			need += " more people"
		}
		per := ""
		if f.Change != nil {
			per = f.Change.Per
		}
		if f.Kind == plan.KindHireLimitTooSmall {
			return fmt.Sprintf("%s can hire at most %s a %s but needs %s by %s %s", teamName(f.Team), limitFigure(n("limit")), per, need, f.Period, purpose)
		}
		return fmt.Sprintf("%s can shed at most %s a %s but must shed %s by %s %s", teamName(f.Team), limitFigure(n("limit")), per, need, f.Period, purpose)
	case plan.KindConstraintsConflict:
		return "these constraints conflict: " + plan.JoinAnd(constraintParts(f.Conflict))
	case plan.KindNoConflictFound:
		return "no plan was found, yet no set of constraints could be shown to conflict: please report this scenario as a bug"
	}
	return f.Kind
}

// overYears names a horizon of years: "the year", "the 2 years", or "the
// horizon" for one of part years.
func overYears(years float64) string {
	switch r := math.Round(years); {
	case math.Abs(years-1) < 1e-9:
		return "the year"
	case r > 1 && math.Abs(years-r) < 1e-9:
		return fmt.Sprintf("the %.0f years", r)
	}
	return "the horizon"
}

func verb(plural bool, one, many string) string {
	if plural {
		return many
	}
	return one
}

// needers writes the constraints a measured change comes from, as "the
// quotas floor (80%), given North's hire limit (2 a quarter)", and says
// whether it is plural.
func needers(f plan.Finding) (string, bool) {
	meet, given := constraintParts(f.Meet), constraintParts(f.Given)
	all := append(append([]string(nil), meet...), given...)
	switch {
	case len(all) == 0:
		return "the other constraints", true
	case len(meet) == 0:
		return plan.JoinAnd(given), pluralParts(all)
	case len(given) == 0:
		return plan.JoinAnd(meet), pluralParts(all)
	}
	return plan.JoinAnd(meet) + ", given " + plan.JoinAnd(given), true
}

func pluralParts(all []string) bool {
	return len(all) != 1 || strings.HasPrefix(all[0], "the floors of") || strings.Contains(all[0], " limits of ") || strings.Contains(all[0], " targets (")
}

// constraintParts names constraints with their limits: the budget first,
// then a budget case's targets (merged), investments, the central share and
// the headcount cap in the order given, then hire and exit limits (merged
// per kind), then floors (merged).
func constraintParts(cs []plan.Constraint) []string {
	var parts, floors []string
	var budget, heart, brain string
	type limits struct{ names, nums []string }
	lims := map[string]*limits{plan.BindHireLimit: {}, plan.BindExitLimit: {}}
	per := ""
	for _, c := range cs {
		switch c.Kind {
		case plan.ConstraintHeartTarget:
			heart = pctTrim(c.Limit)
		case plan.ConstraintBrainTarget:
			brain = pctTrim(c.Limit)
		case plan.BindFloor:
			// By name, as "In short" names functions; the id where the
			// scenario gives none.
			name := c.Name
			if name == "" {
				name = c.ID
			}
			floors = append(floors, fmt.Sprintf("%s (%s)", name, pctTrim(c.Limit)))
		case plan.ConstraintInvestment:
			what := "the owned " + c.Name
			switch {
			case c.Decision == string(scenario.In):
				what = "the forced-in " + c.Name
			case !c.Owned:
				what = c.Name
			}
			if len(c.Requires) > 0 {
				what += ", which requires " + plan.JoinAnd(c.Requires)
			}
			parts = append(parts, what)
		case plan.BindCentralShareMin:
			parts = append(parts, "the central share of at least "+pctTrim(c.Limit))
		case plan.BindCentralShareMax:
			parts = append(parts, "the central share of at most "+pctTrim(c.Limit))
		case plan.BindHireLimit, plan.BindExitLimit:
			l := lims[c.Kind]
			l.names = append(l.names, teamName(c.ID))
			l.nums = append(l.nums, limitFigure(c.Limit))
			per = c.Per
		case plan.BindHeadcountCap:
			parts = append(parts, fmt.Sprintf("the headcount cap of %s FTE", limitFigure(c.Limit)))
		case plan.BindBudget:
			budget = "the budget in " + plan.JoinAnd(c.Periods)
		}
	}
	for _, k := range []string{plan.BindHireLimit, plan.BindExitLimit} {
		l := lims[k]
		what := map[string]string{plan.BindHireLimit: "hire", plan.BindExitLimit: "exit"}[k]
		switch {
		case len(l.names) == 0:
		case len(l.names) == 1:
			parts = append(parts, fmt.Sprintf("%s's %s limit (%s a %s)", l.names[0], what, l.nums[0], per))
		case allSame(l.nums):
			parts = append(parts, fmt.Sprintf("the %s limits of %s (%s a %s each)", what, plan.JoinAnd(l.names), l.nums[0], per))
		default:
			parts = append(parts, fmt.Sprintf("the %s limits of %s (%s a %s)", what, plan.JoinAnd(l.names), plan.JoinAnd(l.nums), per))
		}
	}
	switch len(floors) {
	case 0:
	case 1:
		parts = append(parts, "the "+strings.Replace(floors[0], " (", " floor (", 1))
	default:
		parts = append(parts, "the floors of "+plan.JoinAnd(floors))
	}
	switch {
	case heart != "" && brain != "":
		parts = append([]string{fmt.Sprintf("the heart and brain targets (%s and %s)", heart, brain)}, parts...)
	case heart != "":
		parts = append([]string{fmt.Sprintf("the heart target (%s)", heart)}, parts...)
	case brain != "":
		parts = append([]string{fmt.Sprintf("the brain target (%s)", brain)}, parts...)
	}
	if budget != "" {
		parts = append([]string{budget}, parts...)
	}
	return parts
}

func allSame(xs []string) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}

// oneDecimal writes a limit with at most one decimal: 45, 2.5.
func oneDecimal(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// limitFigure writes a limit of people (a headcount cap, a hire or exit
// limit) as the scenario gives it, without needless decimals: 45, 2.5,
// 38.05; past four decimals it is rounded down, so that it never reads
// above the limit. Rounded to one decimal, a cap of 19.25 read "the
// headcount cap of 19.3 FTE is below the 19.3 FTE required" and one of
// 38.05 "is reached" at 38.1, a headcount it does not allow.
func limitFigure(x float64) string {
	for d := 0; d <= 4; d++ {
		k := math.Pow(10, float64(d))
		if r := math.Round(x*k) / k; math.Abs(r-x) < 1e-9*math.Max(1, math.Abs(x)) {
			return strconv.FormatFloat(r, 'f', d, 64)
		}
	}
	return strconv.FormatFloat(math.Floor(x*1e4)/1e4, 'f', -1, 64)
}

// ceilFTE writes a need rounded up to the next tenth of an FTE, ignoring
// round-off, so that a need is never printed below what is needed.
func ceilFTE(x float64) string { return oneDecimal(math.Ceil(x*10-1e-6) / 10) }

// pctTrim writes a limit as a percentage without needless decimals: 80%,
// 72.5%.
func pctTrim(x float64) string {
	return strconv.FormatFloat(math.Round(x*1000)/10, 'f', -1, 64) + "%"
}

// percentUp writes a needed increase as a percentage with one decimal,
// rounded up; a ten-thousandth of a tenth of a point above a step is
// round-off of the LP (its tolerances are 1e-7 relative), not a need.
func percentUp(x float64) string { return fmt.Sprintf("%.1f%%", 100*shareUp(x)) }

// shareUp is a share rounded up to the tables' 0.1% (a step above within
// 1e-7 counts as at it): the least share that still holds when acted on,
// as percentUp writes it and the workbook's cells hold it. A share a
// hair below zero rounds up to 0, never to the -0 that printed "-0.0%".
func shareUp(x float64) float64 {
	v := math.Ceil(1000*x-1e-4) / 1000
	if v == 0 {
		return 0
	}
	return v
}

// percentPair writes a value and the limit it breaks as in the tables
// (one decimal), with more decimals when one decimal would show them equal.
func percentPair(x, limit float64) (string, string) {
	for d := 1; d <= 4; d++ {
		a, b := fmt.Sprintf("%.*f%%", d, 100*x), fmt.Sprintf("%.*f%%", d, 100*limit)
		if a != b || d == 4 {
			return a, b
		}
	}
	return "", ""
}

// withWords returns p with its problems in words and its claims filled,
// for the views that print them and for JSON, which carries both the
// findings and their words.
func withWords(p *plan.Plan) *plan.Plan {
	q := *p
	if q.Problems == nil {
		q.Problems = ProblemWords(p.Currency, p.Findings)
	}
	if q.Claims == nil {
		q.Claims = plan.Claims(p)
	}
	return &q
}

// comparisonWords returns c with each summary's problems in words.
func comparisonWords(c *plan.Comparison) *plan.Comparison {
	q := *c
	q.Scenarios = append([]plan.Summary(nil), c.Scenarios...)
	for i, s := range q.Scenarios {
		if s.Problems == nil {
			q.Scenarios[i].Problems = ProblemWords(s.Currency, s.Findings)
		}
	}
	return &q
}

// sweepWords returns res with each infeasible point's problem in words.
func sweepWords(res *plan.SweepResult) *plan.SweepResult {
	q := *res
	q.Rows = append([]plan.SweepRow(nil), res.Rows...)
	for i, r := range q.Rows {
		if r.Problem == "" && r.Finding != nil {
			q.Rows[i].Problem = ProblemWord(res.Currency, *r.Finding)
		}
	}
	return &q
}
