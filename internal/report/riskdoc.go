package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// RiskCharts are the charts of a Monte Carlo run in its page and workbook:
// the fan chart of heart and brain by period (when a draw has a plan) and
// the tornado (when the scenario has uncertain inputs), its bars named by
// InputLabel.
func RiskCharts(r *plan.RiskResult, s *scenario.Scenario) ([]*chart.Chart, error) {
	var cs []*chart.Chart
	fan, err := chart.ForRisk(r)
	switch {
	case err == nil:
		cs = append(cs, fan)
	case !errors.Is(err, chart.ErrNoData):
		return nil, err
	}
	labels := make([]string, len(r.Tornado))
	for i, b := range r.Tornado {
		labels[i] = InputLabel(s, b.Path)
	}
	tor, err := chart.ForTornado(r, labels)
	switch {
	case err == nil:
		cs = append(cs, tor)
	case !errors.Is(err, chart.ErrNoData):
		return nil, err
	}
	return cs, nil
}

func riskStatus(r *plan.RiskResult) string {
	return fmt.Sprintf("%d draws, %d with a plan", r.Samples, r.Planned)
}

func writeRiskHTML(w io.Writer, r *plan.RiskResult, s *scenario.Scenario) error {
	var md bytes.Buffer
	if err := writeRiskText(&md, r, s, true); err != nil {
		return err
	}
	cs, err := RiskCharts(r, s)
	if err != nil {
		return err
	}
	file := ""
	if s != nil {
		file = s.File
	}
	return writeDocumentHTML(w, htmlIndexEntry{Name: "risk: " + r.Scenario, File: file, Status: riskStatus(r)}, md.String(), cs)
}

// writeRiskXLSX writes the run as a workbook: a Risk sheet with the
// headline, the scores and money by period and the tornado, every figure
// a number in its format (each heart figure a formula that shows it as
// the text prints it over its exact figure, riskHeartCell, and the
// tornado's swings formulas over its ends),
// an Inputs sheet, and the page's charts as native charts over the Risk
// sheet's cells.
func writeRiskXLSX(w io.Writer, r *plan.RiskResult, s *scenario.Scenario) error {
	b := newBook()
	sheet := b.sheetName("Risk")
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	refs := b.riskSheet(sheet, r, s)
	inputs := b.addSheet("Inputs")
	b.riskInputsSheet(inputs, r, s)
	cs, err := RiskCharts(r, s)
	if err != nil {
		return err
	}
	b.riskChartsSheet(r, refs, cs)
	return writeDocumentBook(w, b, "cardio risk: "+r.Scenario)
}

// riskRefs are where the Risk sheet's tables the charts draw are: the
// scores by the plan's own period (first to last row, the header above)
// and the tornado's bars.
type riskRefs struct {
	sheet             string
	first, last       int
	torFirst, torLast int
}

// Columns of the Risk sheet's scores table and its tornado.
const (
	riskHeartP10 = 2
	riskBrainP10 = 5
	// The healthy heart, the heart chart's reference line, after the
	// share of draws healthy.
	riskHealthyHeart = 12
	// The heart P10, P50 and P90 exact, which the heart columns show as
	// the text view prints them (riskHeartCell).
	riskHeartExact = 13

	torInput      = 1
	torHeartLow   = 5
	torHeartHigh  = 6
	torHeartSwing = 7
	torBrainLow   = 8
	torBrainHigh  = 9
	torBrainSwing = 10
	// The mean heart at the input's P10 and P90 exact, after the statuses.
	torHeartLowExact  = 13
	torHeartHighExact = 14

	// The goal seek's heart target exact, after the share reaching it.
	goalHeartExact = 6
)

// riskHeartNote says how the Risk sheet shows a heart figure, and where
// its exact value is.
const riskHeartNote = "A heart figure below the healthy heart (a percentile, a tornado end, the goal's target) is shown rounded down to a tenth of a point, as cardio prints it everywhere (89.996% is 89.9%, never the healthy 90.0%); at or above it, to the nearest tenth. The exact figures are in the (exact) columns at the right."

// riskHeartCell is the cell of a heart figure x of a risk run that reads
// as the text view prints it (plan.HeartShownBelow): a formula over the
// cell exact, which holds x itself (KindPercentExact), against the
// healthy heart in healthy (h): below it ROUNDDOWN to the tenth of a
// point, within plan.HeartStepTol of a step reading as that step, as
// heartCell rounds a heart that is not healthy; at or above it the exact
// figure, which the cell's format rounds to the nearest tenth. A
// percentile or a mean over the draws has no healthy verdict of its own,
// so the threshold on the sheet decides, and the charts over these cells
// draw the printed figures.
//
// Where a tenth would read below a healthy heart that is not a whole
// tenth (plan.HeartShownBelowAgainst: a mean heart held at 0.9054), the
// cell is at the threshold's decimals instead, rounded down, never below
// the threshold, as heartCell shows a healthy score: within
// plan.HeartStepTol under the threshold, or above it, ROUNDDOWN of the
// larger of the two.
func riskHeartCell(exact, healthy string, x, h float64) typed {
	if v, d := plan.HeartShownBelowAgainst(x, h); d > 1 {
		tol := strconv.FormatFloat(plan.HeartStepTol, 'f', -1, 64)
		f := fmt.Sprintf("IF(%s<%s-%s,%s,%s)", exact, healthy, tol, unhealthyFormula(exact), downAtFormula("MAX("+exact+","+healthy+")", d))
		return calc(f, v, percentKind(d))
	}
	f := fmt.Sprintf("IF(%s<%s,%s,%s)", exact, healthy, unhealthyFormula(exact), exact)
	return calc(f, plan.HeartShownBelow(x, h), KindPercent)
}

// riskChartsSheet writes the Charts sheet: the page's charts (cs, which
// say which the run has) as native Excel charts over the Risk sheet's
// cells, as the plan and review workbooks draw theirs, so that each
// draws the figures the sheet prints and follows any figure changed.
// Excel has no band or floating bar without stacking tricks over cells
// of their own: the fan's heart and brain are two charts of P10, P50 and
// P90 lines, the heart against the healthy heart, and the tornado a bar
// per input of its heart and brain swings, the cells the tornado is
// sorted by, the largest on top as on the page.
func (b *book) riskChartsSheet(r *plan.RiskResult, refs *riskRefs, cs []*chart.Chart) {
	if b.err != nil || refs == nil || len(cs) == 0 {
		return
	}
	sheet := b.addChartsSheet(r.Scenario + ": risk, drawn from the Risk sheet's figures")
	sh := quoteSheet(refs.sheet) + "!"
	col := columnRange(refs.sheet)
	dim := excelize.ChartDimension{Width: chartWidth, Height: chartHeight}
	title, axis, legend := chartTitle, chartAxis, chartLegend
	per := r.Period
	if per == "" {
		per = "period"
	}
	var charts []*excelize.Chart
	for _, c := range cs {
		switch c.Kind {
		case chart.RiskFan:
			periods := col(1, refs.first, refs.last)
			line := func(i, c int, dash excelize.LineDashType) excelize.ChartSeries {
				return lineSeries(i, sh+absRef(c, refs.first-1), periods, col(c, refs.first, refs.last), dash)
			}
			// The P10 and P90 dashed either side of the P50, in the
			// score's colour: the page's band, as its edges.
			fan := func(score string, p10, colour int) *excelize.Chart {
				return &excelize.Chart{Type: excelize.Line, Dimension: dim, Legend: legend,
					Title: title(fmt.Sprintf("%s: %s by %s over %d draws, P10 / P50 / P90", r.Scenario, score, per, r.Samples)),
					Series: []excelize.ChartSeries{
						line(colour, p10, excelize.LineDashDash), line(colour, p10+1, excelize.LineDashSolid), line(colour, p10+2, excelize.LineDashDash),
					},
					XAxis: excelize.ChartAxis{Title: title(per)}, YAxis: axis("0%", score+" (share of demand covered)")}
			}
			heart := fan("heart", riskHeartP10, 0)
			heart.Series = append(heart.Series, line(6, riskHealthyHeart, excelize.LineDashSysDot))
			charts = append(charts, heart, fan("brain", riskBrainP10, 1))
		case chart.Tornado:
			inputs := col(torInput, refs.torFirst, refs.torLast)
			bar := func(i, c int) excelize.ChartSeries {
				return barSeries(i, sh+absRef(c, refs.torFirst-1), inputs, col(c, refs.torFirst, refs.torLast))
			}
			charts = append(charts, &excelize.Chart{Type: excelize.Bar, Dimension: dim, Legend: legend,
				Title:  title(r.Scenario + ": tornado, the swing of the mean scores from each input's P10 to its P90"),
				Series: []excelize.ChartSeries{bar(0, torHeartSwing), bar(1, torBrainSwing)},
				XAxis:  excelize.ChartAxis{ReverseOrder: true, Title: title("input")}, YAxis: axis("0.0", "swing (points)")})
		}
	}
	for k, c := range charts {
		if b.err == nil {
			b.err = b.f.AddChart(sheet, chartCell(k, 3), c)
		}
	}
}

// riskHeadline is the paragraphs under the run's title, as the Markdown
// view words them (read back from it, so that the workbook words nothing
// anew).
func riskHeadline(r *plan.RiskResult) []string {
	var lines []string
	var buf bytes.Buffer
	if err := writeRiskText(&buf, r, nil, true); err != nil {
		return nil
	}
	for _, para := range bytes.Split(buf.Bytes(), []byte("\n\n")) {
		p := string(bytes.TrimSpace(para))
		if p == "" || p[0] == '#' {
			if len(lines) > 0 {
				break
			}
			continue
		}
		lines = append(lines, p)
	}
	return lines
}

func (b *book) riskSheet(sheet string, r *plan.RiskResult, s *scenario.Scenario) *riskRefs {
	g := &grid{b: b, sheet: sheet, currency: r.Currency, row: 1}
	refs := &riskRefs{sheet: sheet}
	g.title(fmt.Sprintf("%s: risk (%d draws, seed %d)", r.Scenario, r.Samples, r.Seed))
	for _, p := range riskHeadline(r) {
		g.note(p)
	}
	g.note(riskHeartNote)
	g.skip()
	period := r.Period
	if period == "" {
		period = "period"
	}
	g.section(fmt.Sprintf("Scores by %s: P10 / P50 / P90 over the draws with a plan; healthy: share of all draws", period))
	// The healthy heart, the line the fan chart draws the heart against
	// (the central value's when each draw has its own).
	healthyHead := "healthy heart"
	if r.HealthyDrawn {
		healthyHead = "healthy heart (central value)"
	}
	scoresHeader := func(by string) {
		g.header(by, "heart P10", "heart P50", "heart P90", "brain P10", "brain P50", "brain P90", "central share P10", "central share P50", "central share P90", "healthy", healthyHead,
			"heart P10 (exact)", "heart P50 (exact)", "heart P90 (exact)")
	}
	scores := func(ps []plan.RiskPeriod) {
		for _, p := range ps {
			row := g.row
			heart := func(i int, x float64) typed {
				return riskHeartCell(ref(riskHeartExact+i, row), ref(riskHealthyHeart, row), x, r.HealthyHeart)
			}
			exact := func(x float64) typed { return typed{v: x, k: KindPercentExact} }
			g.body(txt(p.Label), heart(0, p.Heart.P10), heart(1, p.Heart.P50), heart(2, p.Heart.P90), pct(p.Brain.P10), pct(p.Brain.P50), pct(p.Brain.P90),
				pct(p.CentralShare.P10), pct(p.CentralShare.P50), pct(p.CentralShare.P90), pct(p.Healthy), thresholdPct(r.HealthyHeart),
				exact(p.Heart.P10), exact(p.Heart.P50), exact(p.Heart.P90))
		}
	}
	scoresHeader(period)
	ysplit := g.row - 1
	refs.first = g.row
	scores(r.Periods)
	refs.last = g.row - 1
	g.total(txt("every "+period), typed{}, typed{}, typed{}, typed{}, typed{}, typed{}, typed{}, typed{}, typed{}, pct(r.HealthyAll))
	g.skip()
	g.section(fmt.Sprintf("Money by %s: P10 / P50 / P90", period))
	g.header(period, "spend P10", "spend P50", "spend P90", "unspent P10", "unspent P50", "unspent P90")
	for _, p := range r.Periods {
		g.body(txt(p.Label), mon(p.Spend.P10), mon(p.Spend.P50), mon(p.Spend.P90), mon(p.Unspent.P10), mon(p.Unspent.P50), mon(p.Unspent.P90))
	}
	if r.RolledPeriods != nil {
		// A monthly plan's quarters, as the page's tables show them: each
		// draw's months rolled up before the percentiles, so the figures
		// are the run's own, not formulas of the months above.
		by := r.RolledBy
		g.skip()
		g.section(fmt.Sprintf("Scores by %s: P10 / P50 / P90 over the draws with a plan, each draw's %ss rolled up first; healthy: share of all draws", by, period))
		scoresHeader(by)
		scores(r.RolledPeriods)
		g.skip()
		g.section(fmt.Sprintf("Money by %s: P10 / P50 / P90", by))
		g.header(by, "spend P10", "spend P50", "spend P90", "unspent P10", "unspent P50", "unspent P90")
		for _, p := range r.RolledPeriods {
			g.body(txt(p.Label), mon(p.Spend.P10), mon(p.Spend.P50), mon(p.Spend.P90), mon(p.Unspent.P10), mon(p.Unspent.P50), mon(p.Unspent.P90))
		}
	}
	g.skip()
	g.section("Tornado: the mean heart and brain over the periods as each input goes from its P10 to its P90, the others at their mode, mean or midpoint")
	g.header("input", "key", "P10", "P90", "heart at P10", "heart at P90", "heart swing", "brain at P10", "brain at P90", "brain swing", "at P10", "at P90",
		"heart at P10 (exact)", "heart at P90 (exact)")
	// The tornado's and the goal's heart are read against the healthy
	// heart of the scores' first row (every row's is the same), or the
	// run's when no draw has a plan and the table has no row.
	healthy := strconv.FormatFloat(r.HealthyHeart, 'f', -1, 64)
	if len(r.Periods) > 0 {
		healthy = absRef(riskHealthyHeart, refs.first)
	}
	refs.torFirst = g.row
	for _, bar := range r.Tornado {
		in := func(x float64) typed {
			if countInput(bar.Path) {
				return integer(x)
			}
			return typed{v: x, k: inputKind(bar.Path, r.Currency)}
		}
		row := g.row
		if chart.TornadoEnds(bar) {
			// Each swing is over its ends as shown, as the text view's
			// (swingPoints): a reader who subtracts them finds it.
			heart, d := bar.HeartSwingShown(r.HealthyHeart)
			brain, _ := brainSwing(bar)
			g.body(txt(InputLabel(s, bar.Path)), txt(bar.Path), in(bar.Low), in(bar.High),
				riskHeartCell(ref(torHeartLowExact, row), healthy, bar.HeartLow, r.HealthyHeart),
				riskHeartCell(ref(torHeartHighExact, row), healthy, bar.HeartHigh, r.HealthyHeart),
				swingCell(ref(torHeartHigh, row), ref(torHeartLow, row), heart, d),
				pct(bar.BrainLow), pct(bar.BrainHigh), swingCell(ref(torBrainHigh, row), ref(torBrainLow, row), brain, 1),
				txt(bar.StatusLow), txt(bar.StatusHigh),
				typed{v: bar.HeartLow, k: KindPercentExact}, typed{v: bar.HeartHigh, k: KindPercentExact})
			continue
		}
		// An end without a plan has no score: the status says why.
		g.body(txt(InputLabel(s, bar.Path)), txt(bar.Path), in(bar.Low), in(bar.High),
			typed{}, typed{}, typed{}, typed{}, typed{}, typed{}, txt(bar.StatusLow), txt(bar.StatusHigh))
	}
	refs.torLast = g.row - 1
	if goal := r.Goal; goal != nil {
		g.skip()
		g.section("Goal seek")
		g.header("heart target", "asks for", "confidence", "least annual budget (rounded up)", "share of draws reaching it", "heart target (exact)")
		// The healthy threshold asks every heart cell to reach it, as the
		// text says (goalWords); another target, the heart score.
		asks := txt("the heart score of every " + r.Period)
		if goal.Healthy {
			asks = txt("every heart function in every region, every " + r.Period)
		}
		target := riskHeartCell(ref(goalHeartExact, g.row), healthy, goal.Heart, r.HealthyHeart)
		exact := typed{v: goal.Heart, k: KindPercentExact}
		if goal.Reachable {
			g.body(target, asks, pct(goal.Confidence), mon(plan.CeilMoney(goal.Annual)), pct(goal.Reached), exact)
		} else {
			g.body(target, asks, pct(goal.Confidence), txt("none"), typed{}, exact)
		}
	}
	b.finish(sheet, 1, ysplit)
	return refs
}

// swingCell is a tornado bar's swing of a score, from the score shown in
// cell lo to the one in cell hi (each rounded to the d decimals of a
// percentage its format shows: a tenth of a point, or the healthy heart's
// decimals for an end held at it), in percentage points as the text view
// writes it (swingPoints); swing is cardio's, a fraction at d decimals.
func swingCell(hi, lo string, swing float64, d int) typed {
	return calc(fmt.Sprintf("ABS(ROUND(%s,%d)-ROUND(%s,%d))*100", hi, d+2, lo, d+2), swingValue(swing, d), swingKind(d))
}

func (b *book) riskInputsSheet(sheet string, r *plan.RiskResult, s *scenario.Scenario) {
	g := &grid{b: b, sheet: sheet, currency: r.Currency, row: 1}
	g.title("Uncertain inputs")
	g.header("input", "key", "distribution", "P10", "P90", "where")
	ysplit := g.row - 1
	for _, in := range r.Inputs {
		where := in.File
		if in.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", in.File, in.Line, in.Col)
		}
		k := inputKind(in.Path, r.Currency)
		lo, hi := typed{v: in.P10, k: k}, typed{v: in.P90, k: k}
		if countInput(in.Path) {
			lo, hi = integer(in.P10), integer(in.P90)
		}
		g.body(txt(InputLabel(s, in.Path)), txt(in.Path), txt(distWords(in.Path, r.Currency, in.Dist)), lo, hi, txt(where))
	}
	b.finish(sheet, 1, ysplit)
}
