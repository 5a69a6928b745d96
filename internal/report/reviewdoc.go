package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
)

// ReviewCharts are the charts of a review in its page and workbook: the
// past periods planned against actual (heart, FTE, spend), and the FTE
// variance by function in the last actual period.
func ReviewCharts(v *ReviewView) ([]*chart.Chart, error) {
	var cs []*chart.Chart
	for _, build := range []func(*plan.Review) (*chart.Chart, error){chart.ForReview, chart.ForReviewVariance} {
		c, err := build(v.Review)
		switch {
		case err == nil:
			cs = append(cs, c)
		case !errors.Is(err, chart.ErrNoData):
			return nil, err
		}
	}
	return cs, nil
}

// reviewChartTables are the figures of the review's charts as Markdown
// tables, for the page: the past periods' totals, and the last actual
// period's FTE by function, in the charts' order.
func reviewChartTables(v *ReviewView) string {
	var buf bytes.Buffer
	t := &textWriter{w: &buf, md: true}
	cur := v.Currency
	t.heading(2, "Planned against actual, by period")
	var rows [][]string
	for _, p := range v.Periods {
		pf, af := chart.ReviewFTE(p)
		spend := plan.FormatMoney(cur, p.ActualSpend)
		if p.SpendEstimated {
			spend += " (estimated)"
		}
		hp, ha := HeartPercent(p.Planned.Heart, p.Planned.Healthy), HeartPercent(p.Actual.Heart, p.Actual.Healthy)
		rows = append(rows, []string{p.Label,
			hp, ha, printedVariance(hp, ha),
			FTE(pf), FTE(af), deltaCell('f', af-pf, cur),
			plan.FormatMoney(cur, p.PlannedSpend), spend, deltaCell('m', p.ActualSpend-p.PlannedSpend, cur)})
	}
	t.table([]string{"Period", "Planned heart", "Actual heart", "Variance", "Planned FTE", "Actual FTE", "Variance", "Planned spend", "Actual spend", "Variance"}, rows)
	if len(v.Periods) > 0 {
		last := v.Periods[len(v.Periods)-1]
		t.heading(2, last.Label+": FTE by function, all teams (the largest shortfall first)")
		rows = nil
		for _, f := range chart.ReviewByFunction(last) {
			rows = append(rows, []string{chart.ReviewFunctionName(v.Review, f.Function), FTE(f.Planned), FTE(f.Actual), deltaCell('f', f.Variance, cur)})
		}
		t.table([]string{"Function", "Planned FTE", "Actual FTE", "Variance"}, rows)
	}
	return buf.String()
}

// reviewRest is the heading the review's re-plan starts with: the page puts
// the charts' tables before it, after the past periods.
const reviewRest = "## The rest of the horizon, re-planned"

func reviewStatus(v *ReviewView) string {
	return fmt.Sprintf("%d past %s", v.Past, countWord(v.Past, "period", "periods"))
}

func writeReviewHTML(w io.Writer, v *ReviewView) error {
	var md bytes.Buffer
	if err := writeReviewText(&md, v, true); err != nil {
		return err
	}
	text := md.String()
	tables := reviewChartTables(v)
	if i := strings.Index(text, reviewRest); i >= 0 {
		text = text[:i] + tables + "\n" + text[i:]
	} else {
		text += "\n" + tables
	}
	cs, err := ReviewCharts(v)
	if err != nil {
		return err
	}
	return writeDocumentHTML(w, htmlIndexEntry{Name: "review: " + v.Scenario, File: v.Actuals, Status: reviewStatus(v)}, text, cs)
}

// writeReviewXLSX writes the review as a workbook: a Review sheet with the
// past periods planned against actual and the last period's FTE by
// function (the charts' figures), a Staff sheet with every team and
// function, a Re-plan sheet, and the charts as pictures. Variances are
// formulas over the planned and actual cells.
func writeReviewXLSX(w io.Writer, v *ReviewView) error {
	b := newBook()
	sheet := b.sheetName("Review")
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	b.reviewSheet(sheet, v)
	b.reviewStaffSheet(b.addSheet("Staff"), v)
	if rp := v.Replan; rp != nil && rp.Plan.Status != plan.StatusInfeasible {
		b.replanSheet(b.addSheet("Re-plan"), v)
	}
	cs, err := ReviewCharts(v)
	if err != nil {
		return err
	}
	b.picturesSheet(v.Scenario+": review, drawn from the Review sheet's figures", cs)
	return writeDocumentBook(w, b, "cardio review: "+v.Scenario)
}

// variance is the formula cell actual less planned, at the cells left of
// it on row.
func variance(plannedCol, actualCol, row int, x float64, k CellKind) typed {
	return calc(ref(actualCol, row)+"-"+ref(plannedCol, row), x, k)
}

func (b *book) reviewSheet(sheet string, v *ReviewView) {
	g := &grid{b: b, sheet: sheet, currency: v.Currency, row: 1}
	g.title(fmt.Sprintf("%s: review of %d %s", v.Scenario, v.Past, countWord(v.Past, "period", "periods")))
	src := "the scenario planned now"
	if v.PlanOfRecord != "" {
		src = v.PlanOfRecord
	}
	g.note(fmt.Sprintf("Actuals: %s. Plan of record: %s.", v.Actuals, src))
	g.skip()
	g.section("Planned against actual, by period")
	g.header("period", "planned heart", "actual heart", "variance", "planned brain", "actual brain", "variance",
		"planned FTE", "actual FTE", "variance", "planned spend", "actual spend", "variance", "spend estimated")
	ysplit := g.row - 1
	for _, p := range v.Periods {
		r := g.row
		pf, af := chart.ReviewFTE(p)
		g.body(txt(p.Label),
			pct(p.Planned.Heart), pct(p.Actual.Heart), variance(2, 3, r, p.Actual.Heart-p.Planned.Heart, KindPercent),
			pct(p.Planned.Brain), pct(p.Actual.Brain), variance(5, 6, r, p.Actual.Brain-p.Planned.Brain, KindPercent),
			fte(pf), fte(af), variance(8, 9, r, af-pf, KindFTE),
			mon(p.PlannedSpend), mon(p.ActualSpend), variance(11, 12, r, p.ActualSpend-p.PlannedSpend, KindMoney),
			txt(yesNo(p.SpendEstimated)))
	}
	if len(v.Periods) > 0 {
		last := v.Periods[len(v.Periods)-1]
		g.skip()
		g.section(last.Label + ": FTE by function, all teams (the largest shortfall first)")
		g.header("function", "planned FTE", "actual FTE", "variance")
		for _, f := range chart.ReviewByFunction(last) {
			g.body(txt(chart.ReviewFunctionName(v.Review, f.Function)), fte(f.Planned), fte(f.Actual), variance(2, 3, g.row, f.Actual-f.Planned, KindFTE))
		}
	}
	for _, p := range v.Periods {
		if len(p.Breaches) == 0 && len(p.CentralSpread) == 0 {
			continue
		}
		g.skip()
		g.section(p.Label + ": floors and limits the actuals broke")
		for _, b := range p.Breaches {
			g.note(v.breachWord(p, b))
		}
		if note := v.spreadNote(p); note != "" {
			g.note(note)
		}
	}
	g.skip()
	g.section("Budget left for the rest of the horizon")
	g.body(txt("budget left"), mon(v.BudgetLeft))
	if v.Replan != nil {
		g.note("With " + v.budgetLeftWords() + ".")
	}
	if v.StaleMix != nil {
		g.skip()
		g.section(fmt.Sprintf("Checkup on what happened: stale mix (%s)", v.StaleMix.Status))
		g.note("Evidence: " + v.StaleMix.Summary)
		g.note("Remedy: " + v.StaleMix.Remedy)
	}
	b.finish(sheet, 1, ysplit)
}

func (b *book) reviewStaffSheet(sheet string, v *ReviewView) {
	g := &grid{b: b, sheet: sheet, currency: v.Currency, row: 1}
	g.title("FTE by period, team and function: planned against actual")
	g.header("period", "team", "function", "planned FTE", "actual FTE", "variance")
	ysplit := g.row - 1
	for _, p := range v.Periods {
		for _, st := range p.Staff {
			g.body(txt(p.Label), txt(st.Team), txt(st.Function), fte(st.Planned), fte(st.Actual), variance(4, 5, g.row, st.Actual-st.Planned, KindFTE))
		}
	}
	b.finish(sheet, 3, ysplit)
}

func (b *book) replanSheet(sheet string, v *ReviewView) {
	g := &grid{b: b, sheet: sheet, currency: v.Currency, row: 1}
	g.title(fmt.Sprintf("The rest of the horizon, re-planned from the team in seat at the end of %s", lastLabel(v)))
	g.header("period", "heart (plan of record)", "heart (re-plan)", "brain (plan of record)", "brain (re-plan)",
		"spend (plan of record)", "spend (re-plan)", "central FTE (plan of record)", "central FTE (re-plan)",
		"local FTE (plan of record)", "local FTE (re-plan)")
	ysplit := g.row - 1
	rows := func(ps []plan.PeriodDiff) {
		for _, p := range ps {
			if p.Old == nil || p.New == nil {
				continue
			}
			g.body(txt(p.Label), pct(p.Old.Heart), pct(p.New.Heart), pct(p.Old.Brain), pct(p.New.Brain),
				mon(p.Old.Spend), mon(p.New.Spend), fte(p.Old.CentralFTE), fte(p.New.CentralFTE), fte(p.Old.LocalFTE), fte(p.New.LocalFTE))
		}
	}
	rows(v.Replan.Periods)
	if rp := v.Replan; rp.RolledPeriods != nil {
		// A monthly plan's quarters, as the page shows them (both plans
		// rolled up as cardio plan rolls them).
		g.skip()
		g.section("By " + v.RolledBy)
		g.header(v.RolledBy, "heart (plan of record)", "heart (re-plan)", "brain (plan of record)", "brain (re-plan)",
			"spend (plan of record)", "spend (re-plan)", "central FTE (plan of record)", "central FTE (re-plan)",
			"local FTE (plan of record)", "local FTE (re-plan)")
		rows(rp.RolledPeriods)
	}
	b.finish(sheet, 1, ysplit)
}
