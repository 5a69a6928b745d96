package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

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
		hp, ha := HeartPercent(p.Planned.Heart, p.Planned.Healthy, v.HealthyHeart), HeartPercent(p.Actual.Heart, p.Actual.Healthy, v.HealthyHeart)
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
// function, a Re-plan sheet, and the charts as native charts over the
// Review sheet's cells. Variances are formulas over the planned and
// actual cells.
func writeReviewXLSX(w io.Writer, v *ReviewView) error {
	b := newBook()
	sheet := b.sheetName("Review")
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	refs := b.reviewSheet(sheet, v)
	b.reviewStaffSheet(b.addSheet("Staff"), v)
	if rp := v.Replan; rp != nil && rp.Plan.Status != plan.StatusInfeasible {
		b.replanSheet(b.addSheet("Re-plan"), v)
	}
	b.reviewChartsSheet(v, refs)
	return writeDocumentBook(w, b, "cardio review: "+v.Scenario)
}

// reviewRefs are where the Review sheet's tables are: the periods' rows
// (first to last, the header above) and the last period's functions'.
type reviewRefs struct {
	sheet                  string
	first, last            int
	fnFirst, fnLast        int
	healthyCol             int // 0 when the scenario gives no healthy heart
	fnVariance, fnCategory int
}

// reviewChartsSheet writes the Charts sheet: the page's charts as native
// Excel charts over the Review sheet's cells, as the plan workbook's
// Charts sheet draws its Plan sheet's, so that each draws the figures the
// sheet prints (a heart not healthy rounded down, the columns B and C,
// not the exact scores beside them) and follows any figure changed. The
// page's first chart, three panels, is three charts here: heart, FTE and
// spend, planned against actual.
func (b *book) reviewChartsSheet(v *ReviewView, r *reviewRefs) {
	if b.err != nil || r == nil || r.last < r.first {
		return
	}
	sheet := b.addChartsSheet(v.Scenario + ": review, drawn from the Review sheet's figures")
	sh := quoteSheet(r.sheet) + "!"
	col := columnRange(r.sheet)
	periods := col(1, r.first, r.last)
	head := func(c int) string { return sh + absRef(c, r.first-1) }
	dim := excelize.ChartDimension{Width: chartWidth, Height: chartHeight}
	title, axis, legend := chartTitle, chartAxis, chartLegend
	line := func(i, c int, dash excelize.LineDashType) excelize.ChartSeries {
		return lineSeries(i, head(c), periods, col(c, r.first, r.last), dash)
	}
	bar := func(i, c int) excelize.ChartSeries {
		return barSeries(i, head(c), periods, col(c, r.first, r.last))
	}
	xAxis := excelize.ChartAxis{Title: title("period")}
	heart := &excelize.Chart{Type: excelize.Line, Dimension: dim, Legend: legend,
		Title:  title(v.Scenario + ": heart, planned against actual"),
		Series: []excelize.ChartSeries{line(0, revPlannedHeart, excelize.LineDashSolid), line(1, revActualHeart, excelize.LineDashSolid)},
		XAxis:  xAxis, YAxis: axis("0%", "heart")}
	if r.healthyCol > 0 {
		heart.Series = append(heart.Series, line(6, r.healthyCol, excelize.LineDashSysDot))
	}
	fte := &excelize.Chart{Type: excelize.Col, Dimension: dim, Legend: legend,
		Title:  title(v.Scenario + ": FTE, planned against actual"),
		Series: []excelize.ChartSeries{bar(0, revPlannedFTE), bar(1, revActualFTE)},
		XAxis:  xAxis, YAxis: axis("0.0", "FTE")}
	spend := &excelize.Chart{Type: excelize.Col, Dimension: dim, Legend: legend,
		Title:  title(v.Scenario + ": spend, planned against actual"),
		Series: []excelize.ChartSeries{bar(0, revPlannedSpend), bar(1, revActualSpend)},
		XAxis:  xAxis, YAxis: axis(numFmt(KindMoney, v.Currency), "spend ("+v.Currency+")")}
	charts := []*excelize.Chart{heart, fte, spend}
	if r.fnLast >= r.fnFirst {
		// A bar per function, the largest shortfall on top as the table
		// lists them.
		last := v.Periods[len(v.Periods)-1].Label
		charts = append(charts, &excelize.Chart{Type: excelize.Bar, Dimension: dim, Legend: excelize.ChartLegend{Position: "none"},
			Title: title(fmt.Sprintf("%s: FTE variance by function in %s (actual less planned, all teams)", v.Scenario, last)),
			Series: []excelize.ChartSeries{{Name: sh + absRef(r.fnVariance, r.fnFirst-1),
				Categories: col(r.fnCategory, r.fnFirst, r.fnLast), Values: col(r.fnVariance, r.fnFirst, r.fnLast), Fill: solid(0)}},
			XAxis: excelize.ChartAxis{ReverseOrder: true, Title: title("function")}, YAxis: axis("0.0", "FTE, actual less planned")})
	}
	for k, c := range charts {
		if b.err == nil {
			b.err = b.f.AddChart(sheet, chartCell(k, 3), c)
		}
	}
}

// variance is the formula cell actual less planned, at the cells left of
// it on row.
func variance(plannedCol, actualCol, row int, x float64, k CellKind) typed {
	return calc(ref(actualCol, row)+"-"+ref(plannedCol, row), x, k)
}

// variancePoints is the variance of two shares in points as the text
// view prints it (printedVariance): the difference of the figures as
// printed (planned, actual: "90.0%", "80.9%", "90.54%"), so that 90.0%
// planned and 80.9% actual are 9.1 points apart where the exact scores
// are 9.03. The cells at plannedCol and actualCol hold the figures shown
// (a heart by heartCell), and the formula rounds each at the decimals it
// is printed with, so that a healthy score rounds as the cell shows it and
// one already rounded down stays: 80.8% against 90.54% is -9.74 points.
// The cell holds points, as the Compare sheet's differences (KindPoints):
// "-9.1%" would read as a relative change.
func variancePoints(plannedCol, actualCol, row int, planned, actual string) typed {
	_, dp := printedFigure(planned)
	_, da := printedFigure(actual)
	x, d := printedChange(planned, actual)
	f := fmt.Sprintf("(ROUND(%s,%d)-ROUND(%s,%d))*100", ref(actualCol, row), da+2, ref(plannedCol, row), dp+2)
	return calc(f, x, pointsKind(d))
}

// Columns of the Review sheet's periods table.
const (
	revPlannedHeart = 2
	revActualHeart  = 3
	revPlannedBrain = 5
	revActualBrain  = 6
	revPlannedFTE   = 8
	revActualFTE    = 9
	revPlannedSpend = 11
	revActualSpend  = 12
	// The exact heart scores, after the table's figures.
	revPlannedHeartExact = 15
	revActualHeartExact  = 16
	// The healthy heart, the heart chart's reference line, when the
	// scenario gives one.
	revHealthyHeart = 17
)

func (b *book) reviewSheet(sheet string, v *ReviewView) *reviewRefs {
	g := &grid{b: b, sheet: sheet, currency: v.Currency, row: 1}
	refs := &reviewRefs{sheet: sheet}
	g.title(fmt.Sprintf("%s: review of %d %s", v.Scenario, v.Past, countWord(v.Past, "period", "periods")))
	src := "the scenario planned now"
	if v.PlanOfRecord != "" {
		src = v.PlanOfRecord
	}
	g.note(fmt.Sprintf("Actuals: %s. Plan of record: %s.", v.Actuals, src))
	g.skip()
	g.section("Planned against actual, by period")
	healthy := true
	for _, p := range v.Periods {
		healthy = healthy && p.Planned.Healthy && p.Actual.Healthy
	}
	// The variances are in points and of the figures shown, as the text
	// view's (docs/review.md); the hearts are shown as it prints them.
	note := "Heart and brain variances are in points, the actual less the planned as shown, each rounded to a tenth of a point, as the text view prints them."
	if !healthy {
		note += " " + heartShownNote("the columns planned heart (exact) and actual heart (exact)")
	}
	g.note(note)
	head := []string{"period", "planned heart", "actual heart", "variance", "planned brain", "actual brain", "variance",
		"planned FTE", "actual FTE", "variance", "planned spend", "actual spend", "variance", "spend estimated",
		"planned heart (exact)", "actual heart (exact)"}
	if v.HealthyHeart > 0 {
		head = append(head, "healthy heart")
		refs.healthyCol = revHealthyHeart
	}
	g.header(head...)
	ysplit := g.row - 1
	refs.first = g.row
	for _, p := range v.Periods {
		r := g.row
		pf, af := chart.ReviewFTE(p)
		pl, ac := p.Planned, p.Actual
		cells := []typed{txt(p.Label),
			heartCell(ref(revPlannedHeartExact, r), pl.Heart, pl.Healthy, v.HealthyHeart), heartCell(ref(revActualHeartExact, r), ac.Heart, ac.Healthy, v.HealthyHeart),
			variancePoints(revPlannedHeart, revActualHeart, r, HeartPercent(pl.Heart, pl.Healthy, v.HealthyHeart), HeartPercent(ac.Heart, ac.Healthy, v.HealthyHeart)),
			pct(pl.Brain), pct(ac.Brain),
			variancePoints(revPlannedBrain, revActualBrain, r, Percent(pl.Brain), Percent(ac.Brain)),
			fte(pf), fte(af), variance(8, 9, r, af-pf, KindFTE),
			mon(p.PlannedSpend), mon(p.ActualSpend), variance(11, 12, r, p.ActualSpend-p.PlannedSpend, KindMoney),
			txt(yesNo(p.SpendEstimated)),
			typed{v: pl.Heart, k: KindPercentExact}, typed{v: ac.Heart, k: KindPercentExact}}
		if refs.healthyCol > 0 {
			cells = append(cells, thresholdPct(v.HealthyHeart))
		}
		g.body(cells...)
	}
	refs.last = g.row - 1
	if len(v.Periods) > 0 {
		last := v.Periods[len(v.Periods)-1]
		g.skip()
		g.section(last.Label + ": FTE by function, all teams (the largest shortfall first)")
		g.header("function", "planned FTE", "actual FTE", "variance")
		refs.fnFirst, refs.fnCategory, refs.fnVariance = g.row, 1, 4
		for _, f := range chart.ReviewByFunction(last) {
			g.body(txt(chart.ReviewFunctionName(v.Review, f.Function)), fte(f.Planned), fte(f.Actual), variance(2, 3, g.row, f.Actual-f.Planned, KindFTE))
		}
		refs.fnLast = g.row - 1
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
	return refs
}

func (b *book) reviewStaffSheet(sheet string, v *ReviewView) {
	g := &grid{b: b, sheet: sheet, currency: v.Currency, row: 1}
	g.title("FTE by period, team and function: planned against actual")
	// Functions by name, as the text view's staff table and the Review
	// sheet name them; the id, the one the actuals file gives, follows.
	g.header("period", "team", "function", "planned FTE", "actual FTE", "variance", "function id")
	ysplit := g.row - 1
	// The rows the text view leaves out (all three figures 0.0) are left
	// out here too, and counted by period under the table.
	var notes []string
	for _, p := range v.Periods {
		hidden := 0
		for _, st := range p.Staff {
			if staffSaysNothing(st, v.Currency) {
				hidden++
				continue
			}
			g.body(txt(p.Label), txt(st.Team), txt(v.function(st.Function)), fte(st.Planned), fte(st.Actual), variance(4, 5, g.row, st.Actual-st.Planned, KindFTE),
				txt(st.Function))
		}
		if note := staffLeftOutNote(hidden); note != "" {
			notes = append(notes, p.Label+": "+note)
		}
	}
	if len(notes) > 0 {
		g.skip()
		for _, n := range notes {
			g.note(n)
		}
	}
	b.finish(sheet, 3, ysplit)
}

func (b *book) replanSheet(sheet string, v *ReviewView) {
	g := &grid{b: b, sheet: sheet, currency: v.Currency, row: 1}
	g.title(fmt.Sprintf("The rest of the horizon, re-planned from the team in seat at the end of %s", lastLabel(v)))
	healthy := true
	for _, ps := range [][]plan.PeriodDiff{v.Replan.Periods, v.Replan.RolledPeriods} {
		for _, p := range ps {
			healthy = healthy && (p.Old == nil || p.Old.Healthy) && (p.New == nil || p.New.Healthy)
		}
	}
	if !healthy {
		g.note(heartShownNote("the last two columns, heart (exact)"))
	}
	// The exact hearts after the figures, in columns L and M.
	const oldExact, newExact = 12, 13
	head := func(first string) {
		g.header(first, "heart (plan of record)", "heart (re-plan)", "brain (plan of record)", "brain (re-plan)",
			"spend (plan of record)", "spend (re-plan)", "central FTE (plan of record)", "central FTE (re-plan)",
			"local FTE (plan of record)", "local FTE (re-plan)", "heart (exact, plan of record)", "heart (exact, re-plan)")
	}
	head("period")
	ysplit := g.row - 1
	rows := func(ps []plan.PeriodDiff) {
		for _, p := range ps {
			if p.Old == nil || p.New == nil {
				continue
			}
			r := g.row
			g.body(txt(p.Label), heartCell(ref(oldExact, r), p.Old.Heart, p.Old.Healthy, v.HealthyHeart), heartCell(ref(newExact, r), p.New.Heart, p.New.Healthy, v.HealthyHeart),
				pct(p.Old.Brain), pct(p.New.Brain),
				mon(p.Old.Spend), mon(p.New.Spend), fte(p.Old.CentralFTE), fte(p.New.CentralFTE), fte(p.Old.LocalFTE), fte(p.New.LocalFTE),
				typed{v: p.Old.Heart, k: KindPercentExact}, typed{v: p.New.Heart, k: KindPercentExact})
		}
	}
	rows(v.Replan.Periods)
	if rp := v.Replan; rp.RolledPeriods != nil {
		// A monthly plan's quarters, as the page shows them (both plans
		// rolled up as cardio plan rolls them).
		g.skip()
		g.section("By " + v.RolledBy)
		head(v.RolledBy)
		rows(rp.RolledPeriods)
	}
	b.finish(sheet, 1, ysplit)
}
