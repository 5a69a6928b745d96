package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
)

// ReviewView is what cardio review writes: the review, where its plan of
// record came from, and the checkup's stale-mix sign on the actual mix of
// the last actual period (nil when it could not be taken: StaleMixProblem
// says why, as findings).
type ReviewView struct {
	*plan.Review
	// PlanOfRecord is the plan file, or "" when the scenario was planned
	// now.
	PlanOfRecord    string         `json:"plan_of_record"`
	StaleMix        *checkup.Sign  `json:"stale_mix,omitempty"`
	StaleMixProblem []plan.Finding `json:"stale_mix_problem,omitempty"`
}

// WriteReview writes a review in the given format. CSV is long, a row a
// figure: section,period,team,function,planned,actual,variance. HTML is a
// page and XLSX a workbook, each with the variance charts.
func WriteReview(w io.Writer, v *ReviewView, f Format) error {
	if v.StaleMix != nil {
		r := checkupWords(&checkup.Report{Scenario: v.Scenario, Currency: v.Currency, FunctionNames: v.FunctionNames, Signs: []checkup.Sign{*v.StaleMix}})
		c := *v
		c.StaleMix = &r.Signs[0]
		v = &c
	}
	switch f {
	case JSON:
		return writeJSON(w, reviewMoney(v))
	case CSV:
		return writeReviewCSV(w, v)
	case HTML:
		return writeReviewHTML(w, v)
	case XLSX:
		return writeReviewXLSX(w, v)
	case Markdown:
		return writeReviewText(w, v, true)
	}
	return writeReviewText(w, v, false)
}

func writeReviewCSV(w io.Writer, v *ReviewView) error {
	rows := [][]string{{"section", "period", "team", "function", "planned", "actual", "variance"}}
	fig := func(section, period, key string, p, a float64) {
		rows = append(rows, []string{section, period, "", key, diffNum(p), diffNum(a), diffNum(a - p)})
	}
	// money is fig for amounts, in cents (docs/output.md, "Rounding").
	money := func(section, period string, p, a float64) {
		p, a = Cents(p), Cents(a)
		rows = append(rows, []string{section, period, "", "", diffNum(p), diffNum(a), diffNum(Cents(a - p))})
	}
	for _, p := range v.Periods {
		for _, st := range p.Staff {
			rows = append(rows, []string{"fte", p.Label, st.Team, st.Function, diffNum(st.Planned), diffNum(st.Actual), diffNum(st.Variance)})
		}
		spend := "spend"
		if p.SpendEstimated {
			spend = "spend_estimated"
		}
		money(spend, p.Label, p.PlannedSpend, p.ActualSpend)
		fig("heart", p.Label, "", p.Planned.Heart, p.Actual.Heart)
		fig("brain", p.Label, "", p.Planned.Brain, p.Actual.Brain)
		rows = append(rows, []string{"weakest_heart", p.Label, "", "", weakestName(p.Planned.Weakest), weakestName(p.Actual.Weakest), ""})
		// The ties are counts of cells, not figures: no variance.
		rows = append(rows, []string{"weakest_heart_tied", p.Label, "", "", strconv.Itoa(p.Planned.WeakestTied), strconv.Itoa(p.Actual.WeakestTied), ""})
		rows = append(rows, []string{"weakest_heart_all_tie", p.Label, "", "", strconv.FormatBool(p.Planned.WeakestAllTie), strconv.FormatBool(p.Actual.WeakestAllTie), ""})
		// A floor or limit the actuals broke: the floor or limit as
		// planned, the actual figure as actual.
		for _, b := range p.Breaches {
			switch b.Kind {
			case plan.KindBelowFloor:
				rows = append(rows, []string{b.Kind, p.Label, b.Region, b.Function, diffNum(b.N("floor")), diffNum(b.N("coverage")), diffNum(b.N("coverage") - b.N("floor"))})
			case plan.KindHiresOverLimit, plan.KindExitsOverLimit:
				rows = append(rows, []string{b.Kind, p.Label, b.Team, "", diffNum(b.N("limit")), diffNum(b.N("change")), diffNum(b.N("change") - b.N("limit"))})
			case plan.KindOverHeadcountCap:
				rows = append(rows, []string{b.Kind, p.Label, "", "", diffNum(b.N("cap")), diffNum(b.N("fte")), diffNum(b.N("fte") - b.N("cap"))})
			case plan.KindCentralShareBelowMin, plan.KindCentralShareAboveMax:
				rows = append(rows, []string{b.Kind, p.Label, "central", "", diffNum(b.N("limit")), diffNum(b.N("share")), diffNum(b.N("share") - b.N("limit"))})
			}
		}
	}
	if rp := v.Replan; rp != nil {
		rows = append(rows, []string{"replan_status", "", "", "", "", rp.Plan.Status, ""})
		for _, p := range rp.Periods {
			if p.Old == nil || p.New == nil {
				continue
			}
			fig("replan_heart", p.Label, "", p.Old.Heart, p.New.Heart)
			fig("replan_brain", p.Label, "", p.Old.Brain, p.New.Brain)
			money("replan_spend", p.Label, p.Old.Spend, p.New.Spend)
			fig("replan_central_fte", p.Label, "", p.Old.CentralFTE, p.New.CentralFTE)
			fig("replan_local_fte", p.Label, "", p.Old.LocalFTE, p.New.LocalFTE)
		}
	}
	rows = append(rows, []string{"past_spend", "", "", "", diffNum(Cents(v.PastBudget)), diffNum(Cents(v.PastSpend)), diffNum(Cents(v.PastSpend - v.PastBudget))})
	rows = append(rows, []string{"remaining_budget", "", "", "", "", diffNum(Cents(v.RemainingBudget)), ""})
	rows = append(rows, []string{"budget_left", "", "", "", "", diffNum(Cents(v.BudgetLeft)), ""})
	if v.StaleMix != nil {
		rows = append(rows, []string{"stale_mix", lastLabel(v), "", "", "", v.StaleMix.Status, ""})
	}
	return WriteCSV(w, rows)
}

// capital writes s with a capital first letter, for a table's first
// header: "Quarter".
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lastLabel(v *ReviewView) string {
	if len(v.Periods) == 0 {
		return ""
	}
	return v.Periods[len(v.Periods)-1].Label
}

// function names function id as the scenario does (Sales content, not
// content); the CSV and JSON keep the ids.
func (v *ReviewView) function(id string) string { return chart.ReviewFunctionName(v.Review, id) }

// investments names the investments ids lists as the scenario does (CPQ
// platform, not cpq), as the plan's own views do; "none" for none.
func (v *ReviewView) investments(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = summaryName(v.InvestmentNames, id)
	}
	return strings.Join(names, ", ")
}

func writeReviewText(w io.Writer, v *ReviewView, md bool) error {
	t := &textWriter{w: w, md: md}
	cur := v.Currency
	t.heading(1, fmt.Sprintf("%s: review of %d %s", v.Scenario, v.Past, countWord(v.Past, "period", "periods")))
	src := "the scenario planned now"
	if v.PlanOfRecord != "" {
		src = v.PlanOfRecord
	}
	t.para(fmt.Sprintf("Actuals: %s. Plan of record: %s.", v.Actuals, src))
	if v.RolledPast != nil {
		// A monthly review: the quarters first, then each month's detail.
		unit, by := v.RolledUnit, v.RolledBy
		t.heading(2, "By "+by+": planned against actual")
		t.para(fmt.Sprintf("The %ss with actuals are rolled up to %ss: heart and brain are the mean over the %ss, spend the sum; a %s partly past shows the %ss with actuals. Each %s's detail follows.",
			unit, by, unit, by, unit, unit))
		var rows [][]string
		for _, p := range v.RolledPast {
			spend := plan.FormatMoney(cur, p.ActualSpend)
			if p.SpendEstimated {
				spend += " (estimated)"
			}
			hp, ha := HeartPercent(p.Planned.Heart, p.Planned.Healthy, v.HealthyHeart), HeartPercent(p.Actual.Heart, p.Actual.Healthy, v.HealthyHeart)
			bp, ba := Percent(p.Planned.Brain), Percent(p.Actual.Brain)
			rows = append(rows, []string{p.Label,
				hp, ha, printedVariance(hp, ha),
				bp, ba, printedVariance(bp, ba),
				plan.FormatMoney(cur, p.PlannedSpend), spend, deltaCell('m', p.ActualSpend-p.PlannedSpend, cur)})
		}
		t.table([]string{capital(by), "heart planned", "actual", "variance", "brain planned", "actual", "variance", "spend planned", "actual", "variance"}, rows)
	}
	for _, p := range v.Periods {
		t.heading(2, p.Label+": planned against actual")
		spendNote := ""
		if p.SpendEstimated {
			spendNote = " (estimated)"
		}
		hp, ha := HeartPercent(p.Planned.Heart, p.Planned.Healthy, v.HealthyHeart), HeartPercent(p.Actual.Heart, p.Actual.Healthy, v.HealthyHeart)
		bp, ba := Percent(p.Planned.Brain), Percent(p.Actual.Brain)
		actual := scoresWeakest(p.Actual, v.HealthyHeart)
		// The marks are the named cell's: none where no cell is named.
		if w := p.Actual.Weakest; w != nil && !p.Actual.WeakestAllTie {
			actual.marks = reviewCellMarks(p, w.Function, w.Region)
		}
		weakest := weakestShort(actual, v.function)
		t.table([]string{"", "Planned", "Actual", "Variance"}, [][]string{
			{"heart", hp, ha, printedVariance(hp, ha)},
			{"brain", bp, ba, printedVariance(bp, ba)},
			{"weakest heart", weakestShort(scoresWeakest(p.Planned, v.HealthyHeart), v.function), weakest, ""},
			{"spend" + spendNote, plan.FormatMoney(cur, p.PlannedSpend), plan.FormatMoney(cur, p.ActualSpend), deltaCell('m', p.ActualSpend-p.PlannedSpend, cur)},
		})
		var rows [][]string
		hidden := 0
		for _, st := range p.Staff {
			if staffSaysNothing(st, cur) {
				hidden++
				continue
			}
			rows = append(rows, []string{st.Team, v.function(st.Function), FTE(st.Planned), FTE(st.Actual), deltaCell('f', st.Variance, cur)})
		}
		t.tableLeft([]string{"Team", "Function", "Planned FTE", "Actual FTE", "Variance"}, rows, 2)
		if note := staffLeftOutNote(hidden); note != "" {
			t.para(note)
		}
		v.writeBreaches(t, p)
	}
	t.heading(2, "The rest of the horizon, re-planned")
	switch rp := v.Replan; {
	case rp == nil:
		t.para("The actuals cover the whole horizon: nothing is left to re-plan.")
	case rp.Plan.Status == plan.StatusInfeasible:
		t.para(fmt.Sprintf("From the team in seat at the end of %s, with %s, the remaining periods cannot be planned:", lastLabel(v), v.budgetLeftWords()))
		t.list(ProblemWords(cur, rp.Plan.Findings))
	default:
		text := fmt.Sprintf("From the team in seat at the end of %s, under the same hire and exit limits, with %s; old → new is the plan of record against the re-plan:", lastLabel(v), v.budgetLeftWords())
		periods, over := rp.Periods, ""
		if rp.RolledPeriods != nil {
			periods, over = rp.RolledPeriods, v.RolledUnit
			text = fmt.Sprintf("The %ss left are rolled up to %ss as cardio plan rolls them (a %s partly past shows the %ss left in it). ", v.RolledUnit, v.RolledBy, v.RolledBy, v.RolledUnit) + text
		}
		t.para(text)
		var rows [][]string
		var moves []string
		atFloor := false
		for _, p := range periods {
			if p.Old == nil || p.New == nil {
				continue
			}
			// A cell at its floor is marked as in diff's table.
			ow, nw := scoresWeakest(p.Old.PeriodScores, v.HealthyHeart).rolled(over), scoresWeakest(p.New.PeriodScores, v.HealthyHeart).rolled(over)
			ow.marks, nw.marks = floorMarks(ow), floorMarks(nw)
			atFloor = atFloor || ow.marks != "" || nw.marks != ""
			rows = append(rows, []string{p.Label,
				pair(HeartPercent(p.Old.Heart, p.Old.Healthy, v.HealthyHeart), HeartPercent(p.New.Heart, p.New.Healthy, v.HealthyHeart)),
				pair(Percent(p.Old.Brain), Percent(p.New.Brain)),
				weakestPair(ow, nw, v.function),
				pair(plan.FormatMoney(cur, p.Old.Spend), plan.FormatMoney(cur, p.New.Spend)),
				pair(FTE(p.Old.CentralFTE), FTE(p.New.CentralFTE)),
				pair(FTE(p.Old.LocalFTE), FTE(p.New.LocalFTE)),
				pair(v.investments(p.Old.Investments), v.investments(p.New.Investments)),
			})
			for _, c := range p.Coverage {
				o, n := percentAt(c.OldShown(v.HealthyHeart)), percentAt(c.NewShown(v.HealthyHeart))
				moves = append(moves, fmt.Sprintf("%s %s: %s → %s (%s)", p.Label, v.function(c.Function), o, n, printedVariance(o, n)))
			}
		}
		head := "Period"
		if rp.RolledPeriods != nil {
			head = capital(v.RolledBy)
		}
		t.table([]string{head, "Heart", "Brain", "Weakest heart", "Spend", "Central FTE", "Local FTE", "Investments"}, rows)
		if atFloor {
			t.para(floorMarkNote)
		}
		if len(moves) > 0 {
			t.list(moves)
		}
	}
	t.heading(2, "Checkup on what happened: stale mix")
	switch {
	case v.StaleMix != nil:
		label := "Evidence: "
		rem := "Remedy: "
		if md {
			label, rem = "**Evidence:** ", "**Remedy:** "
		}
		t.para(fmt.Sprintf("The actual mix of %s against the stage's demand: %s.", lastLabel(v), strings.ToUpper(v.StaleMix.Status)))
		t.list([]string{label + v.StaleMix.Summary, rem + v.StaleMix.Remedy})
	default:
		t.para("Not taken: the scenario from the last actual period on cannot be planned.")
		t.list(ProblemWords(cur, v.StaleMixProblem))
	}
	return t.err
}

// staffSaysNothing reports whether a staff variance row's three figures
// all print 0.0 (a planned 0.006 FTE read "0.0 | 0.0 | 0.0"): such a row
// says nothing as printed, and the text view's table and the workbook's
// Staff sheet leave it out, a line under them counting it; JSON and CSV
// keep every row.
func staffSaysNothing(st plan.StaffVariance, currency string) bool {
	return FTE(st.Planned) == "0.0" && FTE(st.Actual) == "0.0" && deltaCell('f', st.Variance, currency) == "0.0"
}

// staffLeftOutNote counts the staff rows left out (staffSaysNothing), or
// is empty when none is.
func staffLeftOutNote(hidden int) string {
	switch {
	case hidden == 1:
		return "1 team and function whose planned and actual FTE are both under 0.05 (each prints 0.0) is left out; JSON and CSV carry its figures."
	case hidden > 1:
		return fmt.Sprintf("%d teams and functions whose planned and actual FTE are both under 0.05 (each prints 0.0) are left out; JSON and CSV carry their figures.", hidden)
	}
	return ""
}
