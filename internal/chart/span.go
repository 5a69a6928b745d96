package chart

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bands and spans are plotters of cardio's own, as the heatmap is: gonum's
// bar chart starts every bar at zero (or on the bar below it), and a
// tornado's bar runs from one score to another; a fan's band is a filled
// polygon between two lines.

// bandAlpha is the opacity of a band, so that the P50 line and the grid
// show through it.
const bandAlpha = 0x48

// band is the area between a Band's Y and High on a categorical x axis,
// a polygon through the points with both values; nil when it has none.
func (p Panel) band(s Series, col color.RGBA) (*plotter.Polygon, error) {
	var lo, hi plotter.XYs
	for k, y := range s.Y {
		if k >= len(s.High) || math.IsNaN(y) || math.IsNaN(s.High[k]) {
			continue
		}
		lo = append(lo, plotter.XY{X: float64(k), Y: y})
		hi = append(hi, plotter.XY{X: float64(k), Y: s.High[k]})
	}
	if len(lo) == 0 {
		return nil, nil
	}
	if len(lo) == 1 {
		// One period: a band is a short bar around its point.
		x := lo[0].X
		lo = plotter.XYs{{X: x - 0.15, Y: lo[0].Y}, {X: x + 0.15, Y: lo[0].Y}}
		hi = plotter.XYs{{X: x - 0.15, Y: hi[0].Y}, {X: x + 0.15, Y: hi[0].Y}}
	}
	ring := append(plotter.XYs(nil), lo...)
	for i := len(hi) - 1; i >= 0; i-- {
		ring = append(ring, hi[i])
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		return nil, err
	}
	poly.Color = color.RGBA{col.R, col.G, col.B, bandAlpha}
	poly.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(0.5)}
	return poly, nil
}

// horizontal lays out a Horizontal panel: the categories down the y axis,
// the first on top, and each Span series a bar per category from Y to
// High, the series side by side within a category.
func (p Panel) horizontal(pl *plot.Plot, leg *plot.Legend) error {
	n := len(p.Categories)
	if n == 0 {
		return ErrNoData
	}
	var spans []Series
	for _, s := range p.Series {
		if s.Type != Span {
			return fmt.Errorf("chart: a horizontal panel draws spans, not series type %d (%s)", s.Type, s.Name)
		}
		spans = append(spans, s)
	}
	ticks := make([]plot.Tick, n)
	for i, c := range p.Categories {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: c}
	}
	pl.Y.Tick.Marker = plot.ConstantTicks(ticks)
	pl.Y.Min, pl.Y.Max = -0.5, float64(n)-0.5
	pl.X.Tick.Marker = unitTicks{p.X}
	pl.Add(plotter.NewGrid())

	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range spans {
		for k, y := range s.Y {
			if k < len(s.High) && !math.IsNaN(y) && !math.IsNaN(s.High[k]) {
				lo, hi = math.Min(lo, math.Min(y, s.High[k])), math.Max(hi, math.Max(y, s.High[k]))
			}
		}
	}
	for _, l := range p.Lines {
		lo, hi = math.Min(lo, l.Value), math.Max(hi, l.Value)
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	pad := 0.08 * (hi - lo)
	if pad == 0 {
		pad = 0.05 * math.Max(1, math.Abs(hi))
		if p.X.Kind == Percent {
			pad = 0.05
		}
	}
	pl.X.Min, pl.X.Max = lo-pad, hi+pad
	if p.X.Kind == Percent {
		pl.X.Min, pl.X.Max = math.Max(pl.X.Min, 0), math.Min(pl.X.Max, 1.05)
	}

	// The reference lines go under the bars, so that a bar at the healthy
	// heart still shows; the legend lists them last.
	var refs []*plotter.Line
	for k, l := range p.Lines {
		ln, err := plotter.NewLine(plotter.XYs{{X: l.Value, Y: pl.Y.Min}, {X: l.Value, Y: pl.Y.Max}})
		if err != nil {
			return err
		}
		ln.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(2 + 2*float64(k))}}
		pl.Add(ln)
		refs = append(refs, ln)
	}
	height := 0.7 / float64(len(spans))
	var marks []string
	for i, s := range spans {
		sp := &spanPlot{s: s, n: n, height: height, offset: (float64(len(spans)-1)/2 - float64(i)) * height, color: SeriesColor(i)}
		pl.Add(sp)
		addEntry(leg, s.Name, sp)
		if s.EndMark != "" && !slices.Contains(marks, s.EndMark) {
			marks = append(marks, s.EndMark)
		}
	}
	// An end mark is named once, after the series that share it.
	for _, m := range marks {
		addEntry(leg, m, endThumb{})
	}
	for k, ln := range refs {
		addEntry(leg, p.Lines[k].Label, ln)
	}
	return nil
}

// spanPlot draws one Span series: category k at y = n-1-k, shifted by
// offset, height high in y units.
type spanPlot struct {
	s              Series
	n              int
	height, offset float64
	color          color.RGBA
}

// minSpan is the least drawn length of a bar: a bar whose ends are equal
// (no swing) shows as a thin bar, not as nothing.
const minSpan = vg.Length(2)

func (sp *spanPlot) Plot(c draw.Canvas, plt *plot.Plot) {
	tx, ty := plt.Transforms(&c)
	for k, a := range sp.s.Y {
		if k >= len(sp.s.High) || math.IsNaN(a) || math.IsNaN(sp.s.High[k]) {
			continue
		}
		b := sp.s.High[k]
		y := float64(sp.n-1-k) + sp.offset
		x0, x1 := tx(math.Min(a, b)), tx(math.Max(a, b))
		if x1-x0 < minSpan {
			mid := (x0 + x1) / 2
			x0, x1 = mid-minSpan/2, mid+minSpan/2
		}
		y0, y1 := ty(y-sp.height/2), ty(y+sp.height/2)
		r := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}
		c.SetColor(sp.color)
		c.Fill(r.Path())
		if sp.s.EndMark != "" {
			xe := tx(b)
			c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}, []vg.Point{{X: xe, Y: y0 - 1}, {X: xe, Y: y1 + 1}})
		}
	}
}

// DataRange is the panel's: the horizontal layout sets the axes itself.
func (sp *spanPlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for k, a := range sp.s.Y {
		if k < len(sp.s.High) && !math.IsNaN(a) && !math.IsNaN(sp.s.High[k]) {
			xmin, xmax = math.Min(xmin, math.Min(a, sp.s.High[k])), math.Max(xmax, math.Max(a, sp.s.High[k]))
		}
	}
	if math.IsInf(xmin, 0) {
		xmin, xmax = 0, 0
	}
	return xmin, xmax, -0.5, float64(sp.n) - 0.5
}

// Thumbnail draws the legend's swatch.
func (sp *spanPlot) Thumbnail(c *draw.Canvas) {
	c.SetColor(sp.color)
	mid := (c.Min.Y + c.Max.Y) / 2
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: mid - 4}, Max: vg.Point{X: c.Max.X, Y: mid + 4}}
	c.Fill(r.Path())
}

// endThumb is the legend's swatch of a span's end mark.
type endThumb struct{}

func (endThumb) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	mid := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}, []vg.Point{{X: x, Y: mid - 5}, {X: x, Y: mid + 5}})
}
