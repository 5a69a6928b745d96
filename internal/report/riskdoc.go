package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"

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
// a number in its format (the tornado's swings formulas over its ends),
// an Inputs sheet, and the charts as pictures.
func writeRiskXLSX(w io.Writer, r *plan.RiskResult, s *scenario.Scenario) error {
	b := newBook()
	sheet := b.sheetName("Risk")
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	b.riskSheet(sheet, r, s)
	inputs := b.addSheet("Inputs")
	b.riskInputsSheet(inputs, r, s)
	cs, err := RiskCharts(r, s)
	if err != nil {
		return err
	}
	b.picturesSheet(r.Scenario+": risk, drawn from the Risk sheet's figures", cs)
	return writeDocumentBook(w, b, "cardio risk: "+r.Scenario)
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

func (b *book) riskSheet(sheet string, r *plan.RiskResult, s *scenario.Scenario) {
	g := &grid{b: b, sheet: sheet, currency: r.Currency, row: 1}
	g.title(fmt.Sprintf("%s: risk (%d draws, seed %d)", r.Scenario, r.Samples, r.Seed))
	for _, p := range riskHeadline(r) {
		g.note(p)
	}
	g.skip()
	period := r.Period
	if period == "" {
		period = "period"
	}
	g.section(fmt.Sprintf("Scores by %s: P10 / P50 / P90 over the draws with a plan; healthy: share of all draws", period))
	g.header(period, "heart P10", "heart P50", "heart P90", "brain P10", "brain P50", "brain P90", "central share P10", "central share P50", "central share P90", "healthy")
	ysplit := g.row - 1
	for _, p := range r.Periods {
		g.body(txt(p.Label), pct(p.Heart.P10), pct(p.Heart.P50), pct(p.Heart.P90), pct(p.Brain.P10), pct(p.Brain.P50), pct(p.Brain.P90),
			pct(p.CentralShare.P10), pct(p.CentralShare.P50), pct(p.CentralShare.P90), pct(p.Healthy))
	}
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
		g.header(by, "heart P10", "heart P50", "heart P90", "brain P10", "brain P50", "brain P90", "central share P10", "central share P50", "central share P90", "healthy")
		for _, p := range r.RolledPeriods {
			g.body(txt(p.Label), pct(p.Heart.P10), pct(p.Heart.P50), pct(p.Heart.P90), pct(p.Brain.P10), pct(p.Brain.P50), pct(p.Brain.P90),
				pct(p.CentralShare.P10), pct(p.CentralShare.P50), pct(p.CentralShare.P90), pct(p.Healthy))
		}
		g.skip()
		g.section(fmt.Sprintf("Money by %s: P10 / P50 / P90", by))
		g.header(by, "spend P10", "spend P50", "spend P90", "unspent P10", "unspent P50", "unspent P90")
		for _, p := range r.RolledPeriods {
			g.body(txt(p.Label), mon(p.Spend.P10), mon(p.Spend.P50), mon(p.Spend.P90), mon(p.Unspent.P10), mon(p.Unspent.P50), mon(p.Unspent.P90))
		}
	}
	g.skip()
	g.section("Tornado: the mean heart and brain over the periods as each input goes from its P10 to its P90, the others at their mode, mean or midpoint")
	g.header("input", "key", "P10", "P90", "heart at P10", "heart at P90", "heart swing", "brain at P10", "brain at P90", "brain swing", "at P10", "at P90")
	for _, bar := range r.Tornado {
		in := func(x float64) typed {
			if countInput(bar.Path) {
				return integer(x)
			}
			return typed{v: x, k: inputKind(bar.Path, r.Currency)}
		}
		row := g.row
		if chart.TornadoEnds(bar) {
			g.body(txt(InputLabel(s, bar.Path)), txt(bar.Path), in(bar.Low), in(bar.High),
				pct(bar.HeartLow), pct(bar.HeartHigh), swingCell(ref(6, row), ref(5, row), bar.Swing()),
				pct(bar.BrainLow), pct(bar.BrainHigh), swingCell(ref(9, row), ref(8, row), bar.BrainSwing()),
				txt(bar.StatusLow), txt(bar.StatusHigh))
			continue
		}
		// An end without a plan has no score: the status says why.
		g.body(txt(InputLabel(s, bar.Path)), txt(bar.Path), in(bar.Low), in(bar.High),
			typed{}, typed{}, typed{}, typed{}, typed{}, typed{}, txt(bar.StatusLow), txt(bar.StatusHigh))
	}
	if goal := r.Goal; goal != nil {
		g.skip()
		g.section("Goal seek")
		g.header("heart target", "asks for", "confidence", "least annual budget (rounded up)", "share of draws reaching it")
		// The healthy threshold asks every heart cell to reach it, as the
		// text says (goalWords); another target, the heart score.
		asks := txt("the heart score of every " + r.Period)
		if goal.Healthy {
			asks = txt("every heart function in every region, every " + r.Period)
		}
		if goal.Reachable {
			g.body(pct(goal.Heart), asks, pct(goal.Confidence), mon(plan.CeilMoney(goal.Annual)), pct(goal.Reached))
		} else {
			g.body(pct(goal.Heart), asks, pct(goal.Confidence), txt("none"), typed{})
		}
	}
	b.finish(sheet, 1, ysplit)
}

// swingCell is a tornado bar's swing of a score, from the score in cell lo
// to the one in cell hi, in percentage points as the text view writes it
// (swingPoints); d is cardio's swing, a share.
func swingCell(hi, lo string, d float64) typed {
	return calc(fmt.Sprintf("ABS(%s-%s)*100", hi, lo), 100*d, KindSwing)
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
