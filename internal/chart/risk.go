package chart

import (
	"fmt"
	"math"

	"github.com/cardio-planning/cardio/internal/plan"
)

// ForRisk builds the fan chart of a Monte Carlo run: a heart panel and a
// brain panel, each with its P10-P90 band and its P50 line by period, the
// heart against the healthy heart. The numbers are the run's percentiles
// as the risk tables print them: a heart below the healthy heart rounded
// down to a tenth of a point (plan.HeartShownBelow), so that a P10 of
// 89.996%, which the table prints 89.9%, is drawn at 89.9%, as the review's
// chart draws a heart (a point read off the chart is the table's figure).
func ForRisk(r *plan.RiskResult) (*Chart, error) {
	if r.Planned == 0 || len(r.Periods) == 0 {
		return nil, fmt.Errorf("%w: no draw of %s has a plan", ErrNoData, r.Scenario)
	}
	n := len(r.Periods)
	shown := func(x float64) float64 { return plan.HeartShownBelow(x, r.HealthyHeart) }
	cats := make([]string, n)
	hLo, hMid, hHi := make([]float64, n), make([]float64, n), make([]float64, n)
	bLo, bMid, bHi := make([]float64, n), make([]float64, n), make([]float64, n)
	for t, p := range r.Periods {
		cats[t] = p.Label
		hLo[t], hMid[t], hHi[t] = shown(p.Heart.P10), shown(p.Heart.P50), shown(p.Heart.P90)
		bLo[t], bMid[t], bHi[t] = p.Brain.P10, p.Brain.P50, p.Brain.P90
	}
	ax := r.Period
	if ax == "" {
		ax = "period"
	}
	// A monthly plan's months labelled by the quarters its tables roll
	// them up to, as a plan's charts are (Options.Groups).
	xl, groups := groupedAxis(ax, n, r.RolledGroups, r.RolledBy)
	pct := Unit{Kind: Percent}
	panel := func(score string, lo, mid, hi []float64) Panel {
		return Panel{
			XLabel: xl, YLabel: score + " (share of demand covered)", Y: pct, Categories: cats, TickGroups: groups,
			YMin: 0, YMax: 1.05, YFixed: true,
			Series: []Series{
				{Name: score + ", P10 to P90 of the draws", Type: Band, Y: lo, High: hi},
				{Name: score + ", P50", Type: Line, Y: mid},
			},
		}
	}
	heart := panel("heart", hLo, hMid, hHi)
	heart.Lines = []RefLine{{Label: "healthy heart " + thresholdFormat(r.HealthyHeart), Value: r.HealthyHeart}}
	brain := panel("brain", bLo, bMid, bHi)
	return &Chart{Kind: RiskFan, Title: fmt.Sprintf("%s: heart and brain by %s over %d draws", r.Scenario, ax, r.Samples),
		Panels: []Panel{heart, brain}}, nil
}

// ForTornado builds the tornado of a Monte Carlo run: a row per uncertain
// input in the run's order (the largest heart swing first, on top), a
// heart bar and a brain bar from the mean score with the input at its P10
// to the mean score at its P90, the P90 end marked, each heart end as the
// tornado's table prints it (plan.HeartShownBelow). labels name the inputs
// in words, one per bar (the view makes them); an end without a plan
// (infeasible there) has no bar, and with no bar there is no chart.
func ForTornado(r *plan.RiskResult, labels []string) (*Chart, error) {
	if len(r.Tornado) == 0 {
		return nil, fmt.Errorf("%w: %s has no uncertain input", ErrNoData, r.Scenario)
	}
	if len(labels) != len(r.Tornado) {
		return nil, fmt.Errorf("chart: %d labels for %d tornado bars", len(labels), len(r.Tornado))
	}
	n := len(r.Tornado)
	hLo, hHi, bLo, bHi := nanSlice(n), nanSlice(n), nanSlice(n), nanSlice(n)
	bars := 0
	for k, b := range r.Tornado {
		if TornadoEnds(b) {
			hLo[k], hHi[k] = plan.HeartShownBelow(b.HeartLow, r.HealthyHeart), plan.HeartShownBelow(b.HeartHigh, r.HealthyHeart)
			bLo[k], bHi[k] = b.BrainLow, b.BrainHigh
			bars++
		}
	}
	if bars == 0 {
		return nil, fmt.Errorf("%w: no tornado bar of %s has a plan at both ends", ErrNoData, r.Scenario)
	}
	pct := Unit{Kind: Percent}
	return &Chart{Kind: Tornado, Title: r.Scenario + ": tornado, the mean scores from each input's P10 to its P90",
		Panels: []Panel{{
			XLabel: "score (mean over the periods)", X: pct, Horizontal: true, Categories: append([]string(nil), labels...),
			Series: []Series{
				{Name: "heart", Type: Span, Y: hLo, High: hHi, EndMark: "the input at its P90"},
				{Name: "brain", Type: Span, Y: bLo, High: bHi, EndMark: "the input at its P90"},
			},
			Lines: []RefLine{{Label: "healthy heart " + thresholdFormat(r.HealthyHeart), Value: r.HealthyHeart}},
		}}}, nil
}

// TornadoEnds reports whether both ends of a tornado bar have a plan, so
// that its scores are scores and not the zeros of an infeasible end.
func TornadoEnds(b plan.TornadoBar) bool {
	ok := func(s string) bool {
		return s != plan.StatusInfeasible && s != plan.StatusInvalid && s != plan.StatusError
	}
	return ok(b.StatusLow) && ok(b.StatusHigh) && !math.IsNaN(b.HeartLow) && !math.IsNaN(b.HeartHigh)
}
