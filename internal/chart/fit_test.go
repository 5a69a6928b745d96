package chart

import (
	"fmt"
	"image/color"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestTitlesAndLegendsFit: a chart's title and legends stay inside the
// picture, and the legends leave the plots two thirds of its width, for
// the comparison of the nine bundled scenarios (`cardio report
// scenarios/*.yaml`), whose title names them all, and for a scenario with a
// long name. The title used to be one centred line that ran off both
// sides of the picture ("…ralize everything, … Shrinking budge"), and a
// legend as wide as its longest name, which left the plots a quarter of
// the picture beside a name of 97 characters.
func TestTitlesAndLegendsFit(t *testing.T) {
	s := loaded(t, "../../scenarios/baseline.yaml")
	p := optimized(t, s)
	named := func(name string) *plan.Plan {
		q := *p
		q.Scenario = name
		return &q
	}
	// The bundled scenarios' names; the plan's figures do not matter here.
	var nine []*plan.Plan
	for _, n := range []string{"FY27 baseline", "Brain first", "Centralize everything", "FY27 with hiring and exit costs",
		"FY28 by month", "FY27 from the roster", "Shrinking budget", "FY27 baseline with ranges", "FY27 in whole people"} {
		nine = append(nine, named(n))
	}
	long := named("FY27 baseline for the Americas, EMEA and APAC sales operations team after the reorganisation")
	compareNine, err := ForPlans(nine, nil)
	if err != nil {
		t.Fatal(err)
	}
	compareLong, err := ForPlans([]*plan.Plan{long, named("FY27 baseline")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	heartLong, err := ForPlan(HeartBrain, s, long, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		c    *Chart
	}{{"nine scenarios compared", compareNine}, {"a long name compared", compareLong}, {"a long name's heart and brain", heartLong}} {
		legend := map[string]bool{}
		for _, pn := range c.c.Panels {
			for _, sr := range pn.Series {
				legend[sr.Name] = true
			}
		}
		for _, width := range []int{DefaultWidth, 600} {
			height := DefaultHeight
			if len(c.c.Panels) > 1 {
				height = 60 + 240*len(c.c.Panels) // as the HTML report draws it
			}
			var rec recorder.Canvas
			w, h := vg.Length(width)*72/pngDPI, vg.Length(height)*72/pngDPI
			if err := c.c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s at %d pixels", c.name, width)
			var title []string
			legendLines := 0
			for _, t0 := range drawnText(&rec) {
				if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
					t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", where, t0.text, t0.box.min, t0.box.max, w, h)
				}
				if t0.font.Weight != 0 && t0.font.Size == 13 {
					title = append(title, t0.text)
				}
				for n := range legend {
					if strings.Contains(n, t0.text) && t0.box.min.X < w/3 && !strings.HasPrefix(c.c.Title, t0.text) {
						t.Errorf("%s: the legend's %q starts at x %v, in the left third of the picture (%v wide)", where, t0.text, t0.box.min.X, w)
					}
				}
				if t0.box.min.X >= w*2/3-0.5 {
					legendLines++
				}
			}
			if got := strings.Join(title, " "); got != c.c.Title {
				t.Errorf("%s: the title reads %q, want %q", where, got, c.c.Title)
			}
			if legendLines == 0 {
				t.Errorf("%s: no legend drawn in the right third", where)
			}
		}
	}
}

// TestSeriesStylesDistinct: among the first dozen series of a panel (nine
// scenarios compared, the what-if's lines), no two share both colour and
// point shape, and no two share both dash pattern and point shape (what
// tells them apart in grey print). The eighth series used to repeat the
// first's colour and shape: the baseline with ranges was drawn as the
// baseline is, blue with circles.
func TestSeriesStylesDistinct(t *testing.T) {
	type style struct {
		col   color.RGBA
		dash  string
		shape string
	}
	at := func(i int) style {
		return style{SeriesColor(i), fmt.Sprint(dashes[i%len(dashes)]), reflect.TypeOf(seriesGlyph(i)).Name()}
	}
	for i := 0; i < 12; i++ {
		for j := i + 1; j < 12; j++ {
			a, b := at(i), at(j)
			if a.col == b.col && a.shape == b.shape {
				t.Errorf("series %d and %d share colour %v and shape %s", i, j, a.col, a.shape)
			}
			if a.dash == b.dash && a.shape == b.shape {
				t.Errorf("series %d and %d share dash %s and shape %s", i, j, a.dash, a.shape)
			}
		}
	}
}
