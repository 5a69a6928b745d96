package chart_test

import (
	"bytes"
	"errors"
	"image/png"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
)

// riskResult is a made-up run: two periods and three tornado bars, the
// last infeasible at its P90.
func riskResult() *plan.RiskResult {
	q := func(a, b, c float64) plan.Quantiles { return plan.Quantiles{P10: a, P50: b, P90: c} }
	return &plan.RiskResult{
		Scenario: "S", Currency: "USD", Period: "quarter", HealthyHeart: 0.9, Samples: 50, Planned: 48,
		Periods: []plan.RiskPeriod{
			{Label: "Q1", Heart: q(0.8, 0.88, 0.9), Brain: q(0.5, 0.6, 0.7)},
			{Label: "Q2", Heart: q(0.7, 0.85, 0.9), Brain: q(0.4, 0.55, 0.75)},
		},
		Tornado: []plan.TornadoBar{
			{Path: "regions[0].sellers", Low: 280, High: 320, HeartLow: 0.8, HeartHigh: 0.9, BrainLow: 0.5, BrainHigh: 0.7, StatusLow: "optimal", StatusHigh: "optimal"},
			{Path: "central.cost_per_fte", Low: 9, High: 11, HeartLow: 0.9, HeartHigh: 0.85, BrainLow: 0.6, BrainHigh: 0.6, StatusLow: "optimal", StatusHigh: "optimal"},
			{Path: "budget.annual", Low: 1, High: 2, HeartLow: 0.7, StatusLow: "optimal", StatusHigh: plan.StatusInfeasible},
		},
	}
}

// The fan chart's series are the run's percentiles, period by period; the
// tornado's bars are the bars' ends in the run's order, with no bar where
// an end has no plan.
func TestRiskChartsData(t *testing.T) {
	r := riskResult()
	fan, err := chart.ForRisk(r)
	if err != nil {
		t.Fatal(err)
	}
	if fan.Kind != chart.RiskFan || len(fan.Panels) != 2 {
		t.Fatalf("fan: kind %s, %d panels", fan.Kind, len(fan.Panels))
	}
	heart, brain := fan.Panels[0], fan.Panels[1]
	want := map[string][]float64{
		"heart band low": {0.8, 0.7}, "heart band high": {0.9, 0.9}, "heart P50": {0.88, 0.85},
		"brain band low": {0.5, 0.4}, "brain band high": {0.7, 0.75}, "brain P50": {0.6, 0.55},
	}
	got := map[string][]float64{
		"heart band low": heart.Series[0].Y, "heart band high": heart.Series[0].High, "heart P50": heart.Series[1].Y,
		"brain band low": brain.Series[0].Y, "brain band high": brain.Series[0].High, "brain P50": brain.Series[1].Y,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fan series %v, want %v", got, want)
	}
	if heart.Series[0].Type != chart.Band || heart.Series[1].Type != chart.Line {
		t.Errorf("fan series types %d, %d", heart.Series[0].Type, heart.Series[1].Type)
	}
	if !reflect.DeepEqual(heart.Categories, []string{"Q1", "Q2"}) || len(heart.Lines) != 1 || heart.Lines[0].Value != 0.9 {
		t.Errorf("fan heart panel: categories %v, lines %v", heart.Categories, heart.Lines)
	}

	labels := []string{"A: sellers", "central team: cost per FTE", "annual budget"}
	tor, err := chart.ForTornado(r, labels)
	if err != nil {
		t.Fatal(err)
	}
	p := tor.Panels[0]
	if !p.Horizontal || !reflect.DeepEqual(p.Categories, labels) {
		t.Fatalf("tornado: horizontal %v, categories %v", p.Horizontal, p.Categories)
	}
	h, b := p.Series[0], p.Series[1]
	if h.Y[0] != 0.8 || h.High[0] != 0.9 || h.Y[1] != 0.9 || h.High[1] != 0.85 || b.Y[0] != 0.5 || b.High[0] != 0.7 {
		t.Errorf("tornado bars heart %v-%v, brain %v-%v", h.Y, h.High, b.Y, b.High)
	}
	if !math.IsNaN(h.Y[2]) || !math.IsNaN(h.High[2]) || !math.IsNaN(b.Y[2]) {
		t.Errorf("an infeasible end has a bar: heart %v-%v", h.Y[2], h.High[2])
	}
	if _, err := chart.ForTornado(r, labels[:2]); err == nil {
		t.Error("two labels for three bars: no error")
	}
	ends := *r
	ends.Tornado = r.Tornado[2:] // infeasible at its P90
	if _, err := chart.ForTornado(&ends, labels[2:]); !errors.Is(err, chart.ErrNoData) {
		t.Errorf("a tornado without a bar: %v, want ErrNoData", err)
	}
	none := *r
	none.Planned, none.Tornado = 0, nil
	if _, err := chart.ForRisk(&none); !errors.Is(err, chart.ErrNoData) {
		t.Errorf("a run without a plan: %v, want ErrNoData", err)
	}
	if _, err := chart.ForTornado(&none, nil); !errors.Is(err, chart.ErrNoData) {
		t.Errorf("a run without inputs: %v, want ErrNoData", err)
	}
}

// reviewResult is a made-up review: two past periods, the last with three
// functions over two teams.
func reviewResult() *plan.Review {
	return &plan.Review{
		Scenario: "S", Currency: "USD", Past: 2, HealthyHeart: 0.85, FunctionNames: map[string]string{"a": "Function A", "b": "Function B"},
		Periods: []plan.PeriodVariance{
			{Label: "Q1", PlannedSpend: 100, ActualSpend: 90,
				Planned: plan.PeriodScores{Heart: 0.9}, Actual: plan.PeriodScores{Heart: 0.8},
				Staff: []plan.StaffVariance{{Team: "central", Function: "a", Planned: 2, Actual: 1, Variance: -1}}},
			{Label: "Q2", PlannedSpend: 110, ActualSpend: 120, SpendEstimated: true,
				Planned: plan.PeriodScores{Heart: 0.9}, Actual: plan.PeriodScores{Heart: 0.95},
				Staff: []plan.StaffVariance{
					{Team: "central", Function: "a", Planned: 2, Actual: 3, Variance: 1},
					{Team: "central", Function: "b", Planned: 1, Actual: 0.5, Variance: -0.5},
					{Team: "West", Function: "a", Planned: 1, Actual: 0.5, Variance: -0.5},
					{Team: "West", Function: "c", Planned: 0, Actual: 0.25, Variance: 0.25},
					{Team: "West", Function: "b", Planned: 1, Actual: 0, Variance: -1},
				}},
		},
	}
}

// The review's charts, against figures summed by hand: FTE by period are
// the staff rows' sums, the variance by function sums the teams and runs
// from the largest shortfall down.
func TestReviewChartsData(t *testing.T) {
	v := reviewResult()
	c, err := chart.ForReview(v)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Panels) != 3 {
		t.Fatalf("%d panels", len(c.Panels))
	}
	got := [][]float64{c.Panels[0].Series[0].Y, c.Panels[0].Series[1].Y, c.Panels[1].Series[0].Y, c.Panels[1].Series[1].Y, c.Panels[2].Series[0].Y, c.Panels[2].Series[1].Y}
	want := [][]float64{{0.9, 0.9}, {0.8, 0.95}, {2, 5}, {1, 4.25}, {100, 110}, {90, 120}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("review series %v, want %v", got, want)
	}
	if l := c.Panels[0].Lines; len(l) != 1 || l[0].Value != 0.85 || l[0].Label != "healthy heart 85%" {
		t.Errorf("the heart panel's reference lines are %+v, want the healthy heart at 85%%", l)
	}
	if name := c.Panels[2].Series[1].Name; !strings.Contains(name, "estimated") {
		t.Errorf("an estimated spend is named %q", name)
	}
	vc, err := chart.ForReviewVariance(v)
	if err != nil {
		t.Fatal(err)
	}
	p := vc.Panels[0]
	// b: -0.5 - 1 = -1.5; a: 1 - 0.5 = 0.5; c: 0.25. Named where the
	// review names them (c has no name: its id).
	if !reflect.DeepEqual(p.Categories, []string{"Function B", "c", "Function A"}) || !reflect.DeepEqual(p.Series[0].High, []float64{-1.5, 0.25, 0.5}) ||
		!reflect.DeepEqual(p.Series[0].Y, []float64{0, 0, 0}) {
		t.Errorf("variance by function: %v %v from %v", p.Categories, p.Series[0].High, p.Series[0].Y)
	}
	if _, err := chart.ForReview(&plan.Review{}); !errors.Is(err, chart.ErrNoData) {
		t.Errorf("a review without periods: %v", err)
	}
}

// The new charts draw as well-formed SVG and PNG, the same bytes twice.
func TestRiskReviewChartsDraw(t *testing.T) {
	r := riskResult()
	fan, _ := chart.ForRisk(r)
	tor, _ := chart.ForTornado(r, []string{"a", "b", "c"})
	rv, _ := chart.ForReview(reviewResult())
	vv, _ := chart.ForReviewVariance(reviewResult())
	one := &plan.RiskResult{Scenario: "one", Planned: 1, HealthyHeart: 0.9,
		Periods: []plan.RiskPeriod{{Label: "2027", Heart: plan.Quantiles{P10: 0.8, P50: 0.85, P90: 0.9}}}}
	single, err := chart.ForRisk(one) // one period: the band is a short bar
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*chart.Chart{fan, tor, rv, vv, single} {
		var a, b, p, q bytes.Buffer
		if err := c.WriteSVG(&a, 860, 500); err != nil {
			t.Fatalf("%s: %v", c.Kind, err)
		}
		if err := c.WriteSVG(&b, 860, 500); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two SVGs differ", c.Kind)
		}
		wellFormed(t, string(c.Kind), a.Bytes())
		if err := c.WritePNG(&p, 640, 400); err != nil {
			t.Fatal(err)
		}
		if err := c.WritePNG(&q, 640, 400); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(p.Bytes(), q.Bytes()) {
			t.Errorf("%s: two PNGs differ", c.Kind)
		}
		img, err := png.Decode(bytes.NewReader(p.Bytes()))
		if err != nil || img.Bounds().Dx() != 640 || img.Bounds().Dy() != 400 {
			t.Errorf("%s: PNG %v, %v", c.Kind, err, img)
		}
	}
	// The legend names the P90 mark once, for both series.
	var svg bytes.Buffer
	if err := tor.WriteSVG(&svg, 860, 400); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(svg.String(), "the input at its P90"); n != 1 {
		t.Errorf("the P90 mark is named %d times in the legend", n)
	}
}

// TestRiskChartsDrawHeartAsPrinted: the fan and the tornado draw a heart
// figure as the risk tables print it (plan.HeartShownBelow): a P10 of
// 89.996%, which the table prints 89.9%, at 89.9%, below the healthy
// line, and a heart held at the line by round-off (89.99996%) on it; the
// brain as it is. In earlier versions the fan drew the exact 89.996%, a
// point read off the chart as 90.0%.
func TestRiskChartsDrawHeartAsPrinted(t *testing.T) {
	r := riskResult()
	r.Periods[0].Heart = plan.Quantiles{P10: 0.89996, P50: 0.8999996, P90: 0.95}
	r.Periods[0].Brain = plan.Quantiles{P10: 0.59996, P50: 0.6, P90: 0.7}
	r.Tornado[0].HeartLow, r.Tornado[0].HeartHigh = 0.89996, 0.93
	fan, err := chart.ForRisk(r)
	if err != nil {
		t.Fatal(err)
	}
	heart, brain := fan.Panels[0], fan.Panels[1]
	if got := []float64{heart.Series[0].Y[0], heart.Series[1].Y[0], heart.Series[0].High[0]}; !reflect.DeepEqual(got, []float64{0.899, 0.9, 0.95}) {
		t.Errorf("the fan draws the heart P10, P50, P90 at %v, want the printed 89.9%%, 90.0%%, 95.0%%", got)
	}
	if got := brain.Series[0].Y[0]; got != 0.59996 {
		t.Errorf("the fan draws the brain P10 at %v, want the exact 0.59996", got)
	}
	tor, err := chart.ForTornado(r, []string{"a", "b", "c"})
	if err != nil {
		t.Fatal(err)
	}
	if h := tor.Panels[0].Series[0]; h.Y[0] != 0.899 || h.High[0] != 0.93 {
		t.Errorf("the tornado's heart bar runs %v to %v, want the printed 89.9%% to 93.0%%", h.Y[0], h.High[0])
	}
}
