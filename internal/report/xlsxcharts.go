package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/chart"
)

// chartsSheet writes the Charts sheet: for each scenario with a plan, the
// four charts of the HTML report as native Excel charts over its Plan
// sheet's cells, so that they follow any number finance changes. Excel
// has no heatmap chart: the coverage chart is a bar per function and
// period, and the Plan sheet's coverage table carries a colour scale.
func (b *book) chartsSheet() {
	any := false
	for _, r := range b.plans {
		any = any || r.feasible()
	}
	if !any || b.err != nil {
		return
	}
	sheet := b.addChartsSheet("Charts: each scenario's plan, drawn from its Plan sheet")
	g := &grid{b: b, sheet: sheet}
	row := 3
	for i := range b.plans {
		r := &b.plans[i]
		if !r.feasible() {
			continue
		}
		g.row = row
		g.section(r.sp.Plan.Scenario)
		row++
		charts := b.planCharts(r, chartWidth, chartHeight)
		for k, c := range charts {
			if b.err == nil {
				b.err = b.f.AddChart(sheet, chartCell(k, row), c[0], c[1:]...)
			}
		}
		row += (len(charts)+1)/2*chartRows + 1
	}
}

// A Charts sheet sets its charts two to a band of chartRows rows (at the
// default row height of 20 pixels), each chartWidth by chartHeight.
const (
	chartWidth, chartHeight = 620, 330
	chartRows               = 18
)

// chartCell is where the k-th chart of a band starting at row goes: the
// even ones in column A, the odd ones beside them in column K.
func chartCell(k, row int) string {
	col := "A"
	if k%2 == 1 {
		col = "K"
	}
	return fmt.Sprintf("%s%d", col, row+(k/2)*chartRows)
}

// addChartsSheet adds the sheet "Charts" under title and returns its name:
// the plan, review and risk workbooks' charts go on it.
func (b *book) addChartsSheet(title string) string {
	sheet := b.addSheet("Charts")
	g := &grid{b: b, sheet: sheet, row: 1}
	g.title(title)
	return sheet
}

// columnRange returns the absolute reference a chart's series reads of
// column c, rows first to last, on sheet: 'Risk'!$B$7:$B$10.
func columnRange(sheet string) func(c, first, last int) string {
	sh := quoteSheet(sheet) + "!"
	return func(c, first, last int) string { return sh + absRef(c, first) + ":" + absRef(c, last) }
}

// chartLegend is every workbook chart's legend, under the plot.
var chartLegend = excelize.ChartLegend{Position: "bottom"}

// chartTitle is a chart's title, bold.
func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 11}}}}
}

// chartAxis is a value axis with grid lines, its numbers in format, and
// its title name in a smaller font (none when name is "").
func chartAxis(format, name string) excelize.ChartAxis {
	a := excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: format}}
	if name != "" {
		a.Title = chartTitle(name)
		a.Title.Paragraph[0].Font = &excelize.Font{Size: 9}
	}
	return a
}

// lineSeries is a series drawn as a line in the i-th series colour, with
// markers; barSeries one drawn as bars.
func lineSeries(i int, name, categories, values string, dash excelize.LineDashType) excelize.ChartSeries {
	return excelize.ChartSeries{Name: name, Categories: categories, Values: values, Fill: solid(i),
		Line: excelize.LineOptions{Width: 2, Dash: dash}, Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}}
}

func barSeries(i int, name, categories, values string) excelize.ChartSeries {
	return excelize.ChartSeries{Name: name, Categories: categories, Values: values, Fill: solid(i)}
}

func hexOf(i int) string { return chart.Hex(chart.SeriesColor(i))[1:] }

func solid(i int) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hexOf(i)}}
}

// planCharts are the charts of one plan sheet, each a chart and the charts
// combined with it.
func (b *book) planCharts(r *planRefs, width, height uint) [][]*excelize.Chart {
	p := r.sp.Plan
	sh := quoteSheet(r.sheet) + "!"
	col := columnRange(r.sheet)
	colRange := func(c int) string { return col(c, r.first, r.last) }
	head := func(c int) string { return sh + absRef(c, r.first-1) }
	periods := colRange(colPeriod)
	dim := excelize.ChartDimension{Width: width, Height: height}
	title, axis, legend := chartTitle, chartAxis, chartLegend
	line := func(i int, name, values string, dash excelize.LineDashType) excelize.ChartSeries {
		return lineSeries(i, name, periods, values, dash)
	}
	bar := func(i int, name, values string) excelize.ChartSeries {
		return barSeries(i, name, periods, values)
	}
	money := numFmt(KindMoney, p.Currency)
	per := "period"
	if p.Period != "" {
		per = p.Period
	}

	heartBrain := &excelize.Chart{Type: excelize.Line, Dimension: dim, Legend: legend,
		Title: title(p.Scenario + ": heart and brain by " + per),
		Series: []excelize.ChartSeries{
			line(0, head(colHeart), colRange(colHeart), excelize.LineDashSolid),
			line(1, head(colBrain), colRange(colBrain), excelize.LineDashDash),
			line(6, head(colHealthyLine), colRange(colHealthyLine), excelize.LineDashSysDot),
		},
		XAxis: excelize.ChartAxis{Title: title(per)}, YAxis: axis("0%", "score")}
	heartBrain.Title.Paragraph[0].Font.Size = 11

	// Coverage: a bar per function (heart above brain, as in the table),
	// a series per period.
	cov := &excelize.Chart{Type: excelize.Bar, Dimension: excelize.ChartDimension{Width: width, Height: height}, Legend: legend,
		Title: title(p.Scenario + ": coverage by function and " + per),
		XAxis: excelize.ChartAxis{ReverseOrder: true, Title: title("function")}, YAxis: axis("0%", "coverage")}
	for t := range p.Periods {
		c := r.covCol + t
		cov.Series = append(cov.Series, excelize.ChartSeries{
			Name:       sh + absRef(c, r.covFirst-1),
			Categories: sh + absRef(1, r.covFirst) + ":" + absRef(1, r.covLast),
			Values:     sh + absRef(c, r.covFirst) + ":" + absRef(c, r.covLast),
			Fill:       solid(t),
		})
	}

	spend := &excelize.Chart{Type: excelize.ColStacked, Dimension: dim, Legend: legend,
		Title: title(p.Scenario + ": spend against budget by " + per),
		Series: []excelize.ChartSeries{
			bar(0, head(colCentralStaff), colRange(colCentralStaff)),
			bar(1, head(colLocalStaff), colRange(colLocalStaff)),
			bar(2, head(colInvest), colRange(colInvest)),
		},
		XAxis: excelize.ChartAxis{Title: title(per)}, YAxis: axis(money, "spend ("+p.Currency+")")}
	// A chart combined on the same axes writes those axes over the first
	// chart's (excelize fills the plot area field by field, the last
	// chart's axes last): the budget line carries the spend's, or the
	// chart has no axis titles and its money axis reads 1500000.
	budget := &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{line(3, head(colBudget), colRange(colBudget), excelize.LineDashDash)},
		XAxis: spend.XAxis, YAxis: spend.YAxis}

	fte := &excelize.Chart{Type: excelize.ColStacked, Dimension: dim, Legend: legend,
		Title: title(p.Scenario + ": central and local FTE, central share"),
		Series: []excelize.ChartSeries{
			bar(0, head(colCentralFTE), colRange(colCentralFTE)),
			bar(1, head(colLocalFTE), colRange(colLocalFTE)),
		},
		XAxis: excelize.ChartAxis{Title: title(per)}, YAxis: axis("0.0", "FTE")}
	share := &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{line(3, head(colShare), colRange(colShare), excelize.LineDashSolid)},
		YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, Title: axis("", "central share of FTE").Title}}

	return [][]*excelize.Chart{{heartBrain}, {cov}, {spend, budget}, {fte, share}}
}
