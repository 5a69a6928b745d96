package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// WriteRisk writes a Monte Carlo run (plan.Risk) of the scenario s in the
// given format: besides the four of every command, HTML (a page with the
// fan and tornado charts) and XLSX (a workbook with the tables as numbers
// and the charts as native charts over them). s names the inputs in words
// (InputLabel); it may be nil, and the labels are then the key paths' own
// selectors.
func WriteRisk(w io.Writer, r *plan.RiskResult, s *scenario.Scenario, f Format) error {
	switch f {
	case JSON:
		return writeJSON(w, riskJSON(r, s))
	case CSV:
		return writeRiskCSV(w, r)
	case HTML:
		return writeRiskHTML(w, r, s)
	case XLSX:
		return writeRiskXLSX(w, r, s)
	}
	return writeRiskText(w, r, s, f == Markdown)
}

// riskJSONDoc is the result with money in cents, the goal's budget as
// printed, the reason in words beside its finding, and each input and
// tornado bar with its label in words beside its key path.
type riskJSONDoc struct {
	FormatVersion int `json:"format_version"`
	*plan.RiskResult
	Inputs     []riskInputJSON `json:"inputs"`
	Tornado    []tornadoJSON   `json:"tornado"`
	ReasonText string          `json:"reason_text,omitempty"`
}

type riskInputJSON struct {
	plan.RiskInput
	Label string `json:"label"`
}

type tornadoJSON struct {
	plan.TornadoBar
	Label string `json:"label"`
}

func riskJSON(r *plan.RiskResult, s *scenario.Scenario) riskJSONDoc {
	c := *r
	c.Periods = make([]plan.RiskPeriod, len(r.Periods))
	cents := func(q plan.Quantiles) plan.Quantiles {
		return plan.Quantiles{P10: Cents(q.P10), P50: Cents(q.P50), P90: Cents(q.P90)}
	}
	for t, p := range r.Periods {
		p.Spend, p.Unspent = cents(p.Spend), cents(p.Unspent)
		c.Periods[t] = p
	}
	doc := riskJSONDoc{FormatVersion: FormatVersion, RiskResult: &c,
		Inputs: make([]riskInputJSON, len(r.Inputs)), Tornado: make([]tornadoJSON, len(r.Tornado))}
	for i, in := range r.Inputs {
		doc.Inputs[i] = riskInputJSON{in, InputLabel(s, in.Path)}
	}
	for i, b := range r.Tornado {
		doc.Tornado[i] = tornadoJSON{b, InputLabel(s, b.Path)}
	}
	if r.Reason != nil {
		doc.ReasonText = ProblemWord(r.Currency, r.Reason.Finding)
	}
	return doc
}

func writeRiskCSV(w io.Writer, r *plan.RiskResult) error {
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	rows := [][]string{{"kind", "name", "measure", "p10", "p50", "p90", "value"}}
	q := func(kind, name, measure string, x plan.Quantiles, money bool) {
		if money {
			x = plan.Quantiles{P10: Cents(x.P10), P50: Cents(x.P50), P90: Cents(x.P90)}
		}
		rows = append(rows, []string{kind, name, measure, num(x.P10), num(x.P50), num(x.P90), ""})
	}
	v := func(kind, name, measure string, x float64) {
		rows = append(rows, []string{kind, name, measure, "", "", "", num(x)})
	}
	for _, p := range r.Periods {
		q("period", p.Label, "heart", p.Heart, false)
		q("period", p.Label, "brain", p.Brain, false)
		q("period", p.Label, "spend", p.Spend, true)
		q("period", p.Label, "unspent", p.Unspent, true)
		q("period", p.Label, "central_share", p.CentralShare, false)
		v("period", p.Label, "healthy", p.Healthy)
	}
	v("all", "", "healthy_all", r.HealthyAll)
	v("draws", "", "samples", float64(r.Samples))
	v("draws", "", "planned", float64(r.Planned))
	v("draws", "", "infeasible", float64(r.Infeasible))
	v("draws", "", "invalid", float64(r.Invalid))
	v("draws", "", "errors", float64(r.Errors))
	for _, b := range r.Tornado {
		// The input at its P10 and P90 in p10 and p90, the swing in value.
		rows = append(rows,
			[]string{"tornado", b.Path, "input", num(b.Low), "", num(b.High), ""},
			[]string{"tornado", b.Path, "heart", num(b.HeartLow), "", num(b.HeartHigh), num(b.Swing())},
			[]string{"tornado", b.Path, "brain", num(b.BrainLow), "", num(b.BrainHigh), num(b.BrainSwing())})
	}
	if g := r.Goal; g != nil && g.Reachable {
		v("goal", "", "annual", g.Annual)
		v("goal", "", "reached", g.Reached)
	}
	return WriteCSV(w, rows)
}

// goalWords writes a goal seek's target with the verb given: "the heart
// reaches 85.0%", or, for the healthy threshold, "the heart is healthy
// (every heart function at 90.0% or more in every region)", which is
// what the goal asks of a draw (plan.RiskGoal.Healthy). A target below
// the healthy heart (healthy) is rounded down, as the run's other heart
// figures are: 89.99% reaches 89.9%, not the healthy 90.0%.
func goalWords(g *plan.RiskGoal, healthy float64, verb string) string {
	if g.Healthy {
		be := "is"
		if verb == "reach" {
			be = "be"
		}
		return fmt.Sprintf("the heart %s healthy (every heart function at %s or more in every region)", be, Percent(g.Heart))
	}
	return fmt.Sprintf("the heart %s %s", verb, heartPercentBelow(g.Heart, healthy))
}

// distWords writes a range as it is given, in the input's unit (path's, as
// the tornado beside it): "triangular, low 380, mode 420, high 470",
// "normal, mean 8.0%, sd 4.0 points", "uniform, $140k to $160k".
func distWords(path, currency string, d scenario.Distribution) string {
	// In full, as the file gives it (InputValue), where the tornado's P10
	// and P90 are rounded draws.
	v := func(x float64) string { return InputValue(path, currency, x) }
	switch d.Kind {
	case scenario.Triangular:
		return fmt.Sprintf("triangular, low %s, mode %s, high %s", v(d.Low), v(d.Mode), v(d.High))
	case scenario.Normal:
		// The spread of a share is in points: "sd 4.0%" of a mean of 8.0%
		// could be read as 4% of 8%.
		sd := v(d.SD)
		if chart.InputUnit(path, "").Kind == chart.Percent {
			sd = exactPoints(d.SD) + " points"
		}
		return fmt.Sprintf("normal, mean %s, sd %s", v(d.Mean), sd)
	}
	return fmt.Sprintf("uniform, %s to %s", v(d.Low), v(d.High))
}

// shortNumber writes an input's value at a draw to 4 significant digits.
func shortNumber(x float64) string {
	return inputNumber(mustParse(strconv.FormatFloat(x, 'g', 4, 64)))
}

func mustParse(s string) float64 {
	x, _ := strconv.ParseFloat(s, 64)
	return x
}

func writeRiskText(w io.Writer, r *plan.RiskResult, s *scenario.Scenario, md bool) error {
	tw := &textWriter{w: w, md: md}
	money := func(x float64) string { return plan.FormatMoney(r.Currency, x) }
	period := r.Period
	if period == "" {
		period = "period"
	}
	tw.heading(1, fmt.Sprintf("%s: risk (%d draws, seed %d)", r.Scenario, r.Samples, r.Seed))
	planned := fmt.Sprintf("Every draw is a full optimized plan. %d of %d draws have a plan.", r.Planned, r.Samples)
	if r.Infeasible > 0 {
		planned += fmt.Sprintf(" %d are infeasible", r.Infeasible)
		if r.Reason != nil {
			planned += fmt.Sprintf("; the most common reason (%d draws): %s", r.Reason.Count, ProblemWord(r.Currency, r.Reason.Finding))
		} else {
			planned += "."
		}
	}
	if r.Invalid > 0 {
		planned += fmt.Sprintf(" %d draws give values the scenario does not allow together (see cardio validate).", r.Invalid)
	}
	if r.Errors > 0 {
		planned += fmt.Sprintf(" %d draws could not be solved.", r.Errors)
	}
	tw.para(planned)
	// With healthy_heart itself a range, each draw is healthy at its own.
	atLeast, central := ThresholdPercent(r.HealthyHeart)+" or more", ""
	if r.HealthyDrawn {
		atLeast, central = "or above its draw's healthy threshold", ", "+ThresholdPercent(r.HealthyHeart)+" at the central value"
	}
	tw.para(fmt.Sprintf("The heart is healthy (every heart function at %s in every region%s) in every %s in %s of the draws.",
		atLeast, central, period, Percent(r.HealthyAll)))
	if g := r.Goal; g != nil {
		if g.Reachable {
			// With a budget that changes per year the figure is, like
			// budget.annual, the yearly budget at the horizon's start.
			trajectory := ""
			switch {
			case g.ChangeDrawn:
				trajectory = ", the yearly budget at the horizon's start, changing as each draw's budget does"
			case g.ChangePerYear != 0:
				trajectory = fmt.Sprintf(", the yearly budget at the horizon's start, changing %+.1f%% a year as the scenario's budget does", 100*g.ChangePerYear)
			}
			tw.para(fmt.Sprintf("Goal seek: the least annual budget with which %s in every %s in at least %s of the draws is %s (rounded up)%s; planned at it, %s of the draws reach it.",
				goalWords(g, r.HealthyHeart, "reaches"), period, Percent(g.Confidence), plan.FormatMoneyUp(r.Currency, g.Annual), trajectory, Percent(g.Reached)))
		} else {
			tw.para(fmt.Sprintf("Goal seek: no budget lets %s in every %s in %s of the draws: in %d draws the floors, limits or central share stand in the way at any budget.",
				goalWords(g, r.HealthyHeart, "reach"), period, Percent(g.Confidence), g.Unreachable))
		}
	}
	// The tables show the rolled-up periods when there are any (a monthly
	// plan's quarters); the sentences above speak of the plan's own.
	periods, by := r.Periods, period
	if r.RolledPeriods != nil {
		periods, by = r.RolledPeriods, r.RolledBy
	}
	tw.heading(2, fmt.Sprintf("Scores by %s (P10 / P50 / P90 over the draws with a plan; healthy: share of all draws)", by))
	if r.RolledPeriods != nil {
		tw.para(fmt.Sprintf("The %ss are rolled up to %ss, each draw's first: heart and brain are the mean over the %s's %ss, spend and unspent their sum and the central share the last %s's, and a draw is healthy in a %s only if it is in every %s of it; the percentiles are then taken over the draws.",
			period, by, by, period, period, by, period))
	}
	pct := func(q plan.Quantiles) []string { return []string{Percent(q.P10), Percent(q.P50), Percent(q.P90)} }
	// A heart percentile has no healthy verdict of its own: it is read
	// against the healthy heart (the central value's when each draw has
	// its own, as the fan chart's line is).
	heart := func(x float64) string { return heartPercentBelow(x, r.HealthyHeart) }
	var rows [][]string
	for _, p := range periods {
		row := []string{p.Label}
		row = append(row, heart(p.Heart.P10), heart(p.Heart.P50), heart(p.Heart.P90))
		row = append(row, pct(p.Brain)...)
		row = append(row, pct(p.CentralShare)...)
		rows = append(rows, append(row, Percent(p.Healthy)))
	}
	tw.table([]string{by, "heart P10", "P50", "P90", "brain P10", "P50", "P90", "central share P10", "P50", "P90", "healthy"}, rows)
	tw.heading(2, fmt.Sprintf("Money by %s (P10 / P50 / P90)", by))
	rows = nil
	for _, p := range periods {
		rows = append(rows, []string{p.Label, money(p.Spend.P10), money(p.Spend.P50), money(p.Spend.P90),
			money(p.Unspent.P10), money(p.Unspent.P50), money(p.Unspent.P90)})
	}
	tw.table([]string{by, "spend P10", "P50", "P90", "unspent P10", "P50", "P90"}, rows)
	tw.heading(2, "Tornado (mean heart and brain over the periods as each input goes from its P10 to its P90, the others at their mode, mean or midpoint)")
	rows = nil
	at := func(x float64, status string, show func(float64) string) string {
		if status == plan.StatusInfeasible || status == plan.StatusInvalid || status == plan.StatusError {
			return strings.ReplaceAll(status, "_", " ")
		}
		return show(x)
	}
	for _, b := range r.Tornado {
		rows = append(rows, []string{InputLabel(s, b.Path), riskInputValue(b.Path, r.Currency, b.Low), riskInputValue(b.Path, r.Currency, b.High),
			at(b.HeartLow, b.StatusLow, heart), at(b.HeartHigh, b.StatusHigh, heart), swingPoints(b.HeartSwingShown(r.HealthyHeart)),
			at(b.BrainLow, b.StatusLow, Percent), at(b.BrainHigh, b.StatusHigh, Percent), swingPoints(brainSwing(b))})
	}
	tw.table([]string{"input", "P10", "P90", "heart at P10", "at P90", "swing", "brain at P10", "at P90", "swing"}, rows)
	tw.heading(2, "Uncertain inputs")
	var lines []string
	for _, in := range r.Inputs {
		where := in.File
		if in.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", in.File, in.Line, in.Col)
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %s (%s)", InputLabel(s, in.Path), in.Path, distWords(in.Path, r.Currency, in.Dist), where))
	}
	tw.list(lines)
	return tw.err
}

// swingPoints writes a swing of a score, a fraction printed at d
// decimals of a percentage (plan.TornadoBar.HeartSwingShown, brainSwing),
// in percentage points: "1.9 points", "0.64 points".
func swingPoints(swing float64, d int) string {
	return fmt.Sprintf("%.*f points", d, swingValue(swing, d))
}

// swingValue is a swing, a fraction printed at d decimals of a
// percentage, in percentage points at those decimals: the figure
// swingPoints prints and the Risk sheet's swing cells compute.
func swingValue(swing float64, d int) float64 {
	return math.Round(swing*math.Pow10(d+2)) / math.Pow10(d)
}

// brainSwing is a bar's brain swing as printed (BrainSwingTenths), as a
// fraction at one decimal of a percentage, as swingPoints takes it.
func brainSwing(b plan.TornadoBar) (float64, int) { return b.BrainSwingTenths() / 1000, 1 }
