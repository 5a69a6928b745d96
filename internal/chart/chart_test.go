package chart_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

func baseline(t testing.TB) (*scenario.Scenario, *plan.Plan) {
	t.Helper()
	s, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

// wellFormed reads an SVG document to its end with the XML decoder.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: the root element is %q", name, root)
	}
}

// Every chart of a plan draws as well-formed SVG, the same bytes twice, and
// as a PNG of the size asked for.
func TestChartsDraw(t *testing.T) {
	s, p := baseline(t)
	sizes := [][2]int{{860, 380}, {441, 333}}
	for _, k := range []chart.Kind{chart.HeartBrain, chart.Coverage, chart.Spend, chart.FTE} {
		for _, byRegion := range []bool{false, true} {
			c, err := chart.ForPlan(k, s, p, chart.Options{ByRegion: byRegion})
			if err != nil {
				t.Fatal(err)
			}
			var one, two bytes.Buffer
			if err := c.WriteSVG(&one, 860, 380); err != nil {
				t.Fatal(err)
			}
			if err := c.WriteSVG(&two, 860, 380); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(one.Bytes(), two.Bytes()) {
				t.Errorf("%s: two SVGs of the same chart differ", k)
			}
			wellFormed(t, string(k), one.Bytes())
			if !bytes.Contains(one.Bytes(), []byte(`<svg width="860" height="380"`)) {
				t.Errorf("%s: the SVG does not say its size in pixels", k)
			}
			if bytes.Contains(one.Bytes(), []byte("font-family:Liberation")) {
				t.Errorf("%s: a font without a fallback", k)
			}
			size := sizes[0]
			if byRegion {
				size = sizes[1]
			}
			var buf bytes.Buffer
			if err := c.WritePNG(&buf, size[0], size[1]); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			if b := img.Bounds(); b.Dx() != size[0] || b.Dy() != size[1] {
				t.Errorf("%s: PNG of %dx%d, asked for %dx%d", k, b.Dx(), b.Dy(), size[0], size[1])
			}
		}
	}
}

// The charts carry the plan's numbers: a point per period, heart above
// brain in the heatmap, floors, the healthy line, the spend's parts adding
// up to the spend.
func TestChartsData(t *testing.T) {
	s, p := baseline(t)
	n := len(p.Periods)
	hb, _ := chart.ForPlan(chart.HeartBrain, s, p, chart.Options{})
	pn := hb.Panels[0]
	if len(pn.Categories) != n || len(pn.Series) != 3 || len(pn.Lines) != 1 || pn.Lines[0].Value != p.HealthyHeart {
		t.Fatalf("heart-brain panel: %+v", pn)
	}
	for t2, per := range p.Periods {
		// The heart as the tables print it (plan.HeartShown: the exact
		// score when healthy, as the baseline's quarters are).
		if pn.Series[0].Y[t2] != plan.HeartShown(per.Heart, per.Healthy) || pn.Series[1].Y[t2] != per.Brain {
			t.Errorf("%s: heart/brain %v/%v, plan %v/%v", per.Label, pn.Series[0].Y[t2], pn.Series[1].Y[t2], per.Heart, per.Brain)
		}
		// The weakest heart function is the least coverage of a heart
		// function, a function within the healthy tolerance of healthy
		// ranking as at healthy (plan.Function.Ranked): the point is the
		// named function's coverage as the coverage by function prints it
		// (plan.Function.Shown), the least one or, when they differ, both
		// within the tolerance of healthy. Its note counts the heart
		// functions as low at the tables' precision: the baseline's are
		// all at healthy, and no one of them is named.
		least, lowRank, heart := math.Inf(1), math.Inf(1), 0
		first := ""
		for i := range per.Functions {
			f := &per.Functions[i]
			if f.Class == "heart" {
				if f.Demand > 0 {
					heart++
				}
				least = math.Min(least, f.Coverage)
				if f.Ranked() < lowRank {
					lowRank, first = f.Ranked(), f.ID
				}
			}
		}
		tied, named, shown := 0, math.NaN(), math.NaN()
		for i := range per.Functions {
			f := &per.Functions[i]
			if f.Class == "heart" && f.Demand > 0 && plan.Shown(f.Coverage) == plan.Shown(named0(per, first)) {
				tied++
			}
			if f.ID == first {
				named, shown = f.Coverage, f.Shown()
			}
		}
		want := first
		switch {
		case tied == heart && heart > 1:
			want = "every heart function"
		case tied > 1:
			want = fmt.Sprintf("%s and %d more", first, tied-1)
		}
		if got := pn.Series[2].Notes[t2]; got != want {
			t.Errorf("%s: weakest heart note %q, want %q (%d of %d heart functions as low)", per.Label, got, want, tied, heart)
		}
		tol := plan.CellTol(n, minHeartCellWeight(s, t2))
		y := pn.Series[2].Y[t2]
		if y != shown || named != least && (math.Abs(named-p.HealthyHeart) > tol || math.Abs(least-p.HealthyHeart) > tol) {
			t.Errorf("%s: weakest %v %q (%s at %v), want %v as printed (the least, %v, or tied with it at healthy within %.3g)", per.Label, y, pn.Series[2].Notes[t2], first, named, shown, least, tol)
		}
	}

	sp, _ := chart.ForPlan(chart.Spend, s, p, chart.Options{})
	for t2, per := range p.Periods {
		var sum float64
		for _, se := range sp.Panels[0].Series[:3] {
			sum += se.Y[t2]
		}
		if math.Abs(sum-per.Spend) > 0.005 {
			t.Errorf("%s: the stacked spend adds up to %.2f, the plan spends %.2f", per.Label, sum, per.Spend)
		}
	}

	for _, byRegion := range []bool{false, true} {
		cov, _ := chart.ForPlan(chart.Coverage, s, p, chart.Options{ByRegion: byRegion})
		h := cov.Panels[0].Heat
		cols := n
		if byRegion {
			cols = n * len(p.Periods[0].Regions)
			if len(h.Groups) != cols || h.Groups[0] != p.Periods[0].Label {
				t.Errorf("groups %q", h.Groups)
			}
		}
		brain := false
		for _, r := range h.Rows {
			if len(r.Cells) != cols {
				t.Errorf("%s: %d cells, want %d", r.Label, len(r.Cells), cols)
			}
			if r.Class == "brain" {
				brain = true
			} else if brain {
				t.Errorf("heart row %s below a brain row", r.Label)
			}
		}
		if len(h.Rows) != len(p.Periods[0].Functions) {
			t.Errorf("%d rows for %d functions", len(h.Rows), len(p.Periods[0].Functions))
		}
	}
}

// The heatmap's colours grow lighter with coverage, so that a grey print
// keeps their order.
func TestHeatColorLightness(t *testing.T) {
	last := -1.0
	for x := 0.0; x <= 1.0001; x += 0.05 {
		c := chart.HeatColor(x)
		l := 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)
		if l <= last {
			t.Errorf("lightness %.1f at %.2f, not above %.1f", l, x, last)
		}
		last = l
	}
}

func TestChartErrors(t *testing.T) {
	s, p := baseline(t)
	if _, err := chart.ForPlan("pie", s, p, chart.Options{}); !errors.Is(err, chart.ErrKind) {
		t.Errorf("a pie chart: %v", err)
	}
	if _, err := chart.ForPlan(chart.Spend, s, &plan.Plan{Scenario: "x"}, chart.Options{}); !errors.Is(err, chart.ErrNoData) {
		t.Errorf("a plan without periods: %v", err)
	}
	c, _ := chart.ForPlan(chart.Spend, s, p, chart.Options{})
	if err := c.WritePNG(io.Discard, 20000, 100); !errors.Is(err, chart.ErrSize) {
		t.Errorf("a huge PNG: %v", err)
	}
	if _, err := chart.ForPlans([]*plan.Plan{{Scenario: "x"}}, nil); !errors.Is(err, chart.ErrNoData) {
		t.Errorf("compare without plans: %v", err)
	}
}

// The what-if chart marks the scenario's own value and has a point per
// value of the input, none where a point has no plan.
func TestWhatIfChart(t *testing.T) {
	res := &plan.SweepResult{Scenario: "S", Currency: "USD", Inputs: []plan.SweepInput{{Key: "budget.annual", Values: []float64{1e6, 2e6, 3e6}}},
		Rows: []plan.SweepRow{{Status: plan.StatusInfeasible}, {Status: plan.StatusOptimal, Heart: 0.8, Brain: 0.2, HeartMin: 0.7}, {Status: plan.StatusOptimal, Heart: 0.9, Brain: 0.5, HeartMin: 0.85}}}
	c, err := chart.ForSweep(res, nil, 2e6, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	pn := c.Panels[0]
	if pn.X.Kind != chart.Money || !pn.Lines[0].Vertical || pn.Lines[0].Value != 2e6 || !strings.Contains(pn.Lines[0].Label, "$2.00M") {
		t.Errorf("panel %+v", pn)
	}
	if !math.IsNaN(pn.Series[0].Y[0]) || pn.Series[0].Y[2] != 0.9 {
		t.Errorf("heart %v", pn.Series[0].Y)
	}
	var buf bytes.Buffer
	if err := c.WriteSVG(&buf, 600, 300); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, "whatif", buf.Bytes())

	// Named in words, as the workbook's What-if sheet and risk name the
	// input: until session 26 the title and the axis read "budget.annual".
	c, err = chart.ForSweep(res, []string{"annual budget"}, 2e6, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "S: what if annual budget changes" || c.Panels[0].XLabel != "annual budget" {
		t.Errorf("title %q, x axis %q", c.Title, c.Panels[0].XLabel)
	}

	// Two inputs: a heart panel and a brain panel. The healthy line is
	// the heart's alone: on the brain's panel it would read as a target
	// the brain has not.
	res.Inputs = append(res.Inputs, plan.SweepInput{Key: "central.cost_per_fte", Values: []float64{140000}})
	c, err = chart.ForSweep(res, []string{"annual budget", "central team: cost per FTE"}, 2e6, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	heart, brain := c.Panels[0], c.Panels[1]
	healthyLine := func(p chart.Panel) bool {
		for _, l := range p.Lines {
			if !l.Vertical && l.Value == 0.9 {
				return true
			}
		}
		return false
	}
	if !healthyLine(heart) || healthyLine(brain) || len(brain.Lines) != 1 || !brain.Lines[0].Vertical {
		t.Errorf("heart panel's lines %+v, brain panel's %+v: want the healthy line on the heart's only, the scenario's mark on both", heart.Lines, brain.Lines)
	}
}

// minHeartCellWeight is the least weight of a heart cell with demand in
// period t: its CellTol is the largest a function's or region's may use.
func minHeartCellWeight(s *scenario.Scenario, t int) float64 {
	w := math.Inf(1)
	for f := range s.Functions {
		for r := range s.Regions {
			if c := plan.HeartCellWeight(s, f, r, t); c > 0 && s.Demand(f, r, t) > 0 {
				w = math.Min(w, c)
			}
		}
	}
	return w
}

// A plan of 36 months draws legibly on a page's chart: the period axis
// labels a few months, a quarter or half year apart, and the coverage
// heatmap leaves out the numbers its narrow cells cannot hold (18 months'
// cells still hold them).
func TestChartsOfManyMonths(t *testing.T) {
	label := regexp.MustCompile(`>(\d{4})-(\d{2})</text>`)
	number := regexp.MustCompile(`>(\d{1,3})</text>`)
	for _, periods := range []int{18, 36} {
		s, err := scenario.Load("../../scenarios/monthly-fiscal.yaml", []string{fmt.Sprintf("horizon.periods=%d", periods)})
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []chart.Kind{chart.HeartBrain, chart.Spend, chart.Coverage} {
			svg := svgOf(t, k, s, p, false)
			var months []int
			for _, m := range label.FindAllStringSubmatch(svg, -1) {
				y, _ := strconv.Atoi(m[1])
				mo, _ := strconv.Atoi(m[2])
				months = append(months, 12*y+mo)
			}
			if len(months) < 3 || len(months) > 13 {
				t.Errorf("%d months, %s: %d month labels", periods, k, len(months))
			}
			for i := 1; i < len(months); i++ {
				if d := months[i] - months[i-1]; d != months[1]-months[0] || (d != 1 && d%3 != 0) {
					t.Errorf("%d months, %s: labels %v are not evenly a quarter or more apart", periods, k, months)
					break
				}
			}
			if k == chart.Coverage {
				cells := len(number.FindAllString(svg, -1))
				if periods == 36 && cells > 0 || periods == 18 && cells < 16*18 {
					t.Errorf("%d months: %d numbers in the heatmap's cells", periods, cells)
				}
			}
		}
		// By region, 3 columns a month: too narrow for the regions' names
		// under each, so the axis title names them in order; the months
		// above are labelled a quarter or more apart.
		svg := svgOf(t, chart.Coverage, s, p, true)
		if !strings.Contains(svg, ">regions in each period, left to right: North America, EMEA, APAC</text>") ||
			strings.Contains(svg, ">EMEA</text>") {
			t.Errorf("%d months by region: the regions are not named once in the axis title", periods)
		}
		if n := len(label.FindAllString(svg, -1)); n < 2 || n > periods/3+1 {
			t.Errorf("%d months by region: %d month labels above the columns", periods, n)
		}
		// Columns under 8 points wide get no floor outlines (they would
		// be all outline, black as 0%), and no legend for them.
		if strings.Contains(svg, ">at its floor</text>") {
			t.Errorf("%d months by region: floor outlines in columns too narrow for them", periods)
		}
	}
	// The baseline's 12 columns are wide enough to name each region.
	bs, bp := baseline(t)
	svg := svgOf(t, chart.Coverage, bs, bp, true)
	if n := strings.Count(svg, ">EMEA</text>"); n != 4 || !strings.Contains(svg, ">region, by quarter</text>") {
		t.Errorf("the baseline by region names EMEA %d times", n)
	}
	if !strings.Contains(svg, ">at its floor</text>") {
		t.Error("the baseline by region has no floor outlines in its legend")
	}
}

// svgOf is the chart of kind of p, the plan of s, as the page draws it
// (860 x 380 pixels).
func svgOf(t *testing.T, kind chart.Kind, s *scenario.Scenario, p *plan.Plan, byRegion bool) string {
	t.Helper()
	c, err := chart.ForPlan(kind, s, p, chart.Options{ByRegion: byRegion})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := c.WriteSVG(&b, 860, 380); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestWeakestNamesTies: the weakest heart function's note never names one
// function of a tie as the weak spot: ties at the tables' precision are
// counted, and a tie of every heart function says so. Brain functions do
// not count.
func TestWeakestNamesTies(t *testing.T) {
	fn := func(id, class string, cov float64) plan.Function {
		return plan.Function{ID: id, Class: class, Coverage: cov, Demand: 1}
	}
	for _, c := range []struct {
		name string
		fs   []plan.Function
		want string
	}{
		{"one lowest", []plan.Function{fn("a", "heart", 0.7), fn("b", "heart", 0.8), fn("x", "brain", 0.1)}, "a"},
		{"two of three", []plan.Function{fn("a", "heart", 0.9), fn("b", "heart", 0.8), fn("c", "heart", 0.80004)}, "b and 1 more"},
		{"all", []plan.Function{fn("a", "heart", 0.9), fn("b", "heart", 0.9), fn("x", "brain", 0.2)}, "every heart function"},
		{"apart at the precision", []plan.Function{fn("a", "heart", 0.8), fn("b", "heart", 0.801)}, "a"},
		{"a single heart function", []plan.Function{fn("a", "heart", 0.9)}, "a"},
		// Without demand a function is covered in full and no tie.
		{"all with demand", []plan.Function{fn("a", "heart", 1), fn("b", "heart", 1), {ID: "c", Class: "heart", Coverage: 1}}, "every heart function"},
		{"one with demand", []plan.Function{fn("a", "heart", 1), {ID: "c", Class: "heart", Coverage: 1}}, "a"},
	} {
		w, ok := chart.Weakest(plan.Period{Functions: c.fs})
		if !ok || w.Note() != c.want {
			t.Errorf("%s: note %q (ok %v), want %q", c.name, w.Note(), ok, c.want)
		}
	}
	if _, ok := chart.Weakest(plan.Period{Functions: []plan.Function{fn("x", "brain", 0.5)}}); ok {
		t.Error("a period without heart functions has a weakest heart function")
	}
}

// named0 is the coverage of function id in per.
func named0(per plan.Period, id string) float64 {
	for _, f := range per.Functions {
		if f.ID == id {
			return f.Coverage
		}
	}
	return math.NaN()
}

// TestWhatIfChartSaysWhatEachLineIs: the one-input what-if chart's lines
// are named as the comparison names them, "heart (mean)", "heart (weakest
// period)" and "brain (mean)", under an axis of scores: the axis read
// "score (mean over the periods)" beside the weakest period's heart,
// which is no mean. And where the healthy heart is itself varied, no line
// stands at the scenario's own healthy heart: each point has its own, and
// a line at 90% read as the bar of the 85% and 95% lines too.
func TestWhatIfChartSaysWhatEachLineIs(t *testing.T) {
	rows := []plan.SweepRow{{Status: plan.StatusOptimal, Heart: 0.85, HeartMin: 0.8, Brain: 0.6}, {Status: plan.StatusOptimal, Heart: 0.9, HeartMin: 0.85, Brain: 0.4}}
	res := &plan.SweepResult{Scenario: "S", Currency: "USD", Inputs: []plan.SweepInput{{Key: "budget.annual", Values: []float64{1e6, 2e6}}}, Rows: rows}
	c, err := chart.ForSweep(res, []string{"annual budget"}, 2e6, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	pn := c.Panels[0]
	var names []string
	for _, s := range pn.Series {
		names = append(names, s.Name)
	}
	if got, want := strings.Join(names, "|"), "heart (mean)|heart (weakest period)|brain (mean)"; got != want {
		t.Errorf("series %q, want %q", got, want)
	}
	if strings.Contains(pn.YLabel, "mean") {
		t.Errorf("the score axis reads %q beside the weakest period's heart", pn.YLabel)
	}

	healthyLine := func(p chart.Panel) bool {
		for _, l := range p.Lines {
			if !l.Vertical {
				return true
			}
		}
		return false
	}
	// The healthy heart on the x axis, then as the second input.
	res.Inputs = []plan.SweepInput{{Key: "policy.healthy_heart", Values: []float64{0.85, 0.95}}}
	if c, err = chart.ForSweep(res, []string{"policy: healthy heart"}, 0.9, 0.9); err != nil {
		t.Fatal(err)
	}
	if healthyLine(c.Panels[0]) {
		t.Errorf("healthy heart varied along the x axis: lines %+v, want no line at the scenario's healthy heart", c.Panels[0].Lines)
	}
	res.Inputs = []plan.SweepInput{{Key: "budget.annual", Values: []float64{2e6}}, {Key: "policy.healthy_heart", Values: []float64{0.85, 0.95}}}
	if c, err = chart.ForSweep(res, []string{"annual budget", "policy: healthy heart"}, 2e6, 0.9); err != nil {
		t.Fatal(err)
	}
	if healthyLine(c.Panels[0]) {
		t.Errorf("a line per healthy heart: lines %+v, want no line at the scenario's healthy heart", c.Panels[0].Lines)
	}
	if len(c.Panels[0].Lines) != 1 || !c.Panels[0].Lines[0].Vertical {
		t.Errorf("heart panel's lines %+v: want the scenario's mark", c.Panels[0].Lines)
	}
	// Any other input keeps the healthy line (TestWhatIfChart).
}
