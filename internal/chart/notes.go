package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// notes draw a series' notes beside its points: each below its point, as
// a reader looks for it, unless more of the panel's lines run through it
// there than above it. A note that no place keeps clear (a steep line
// beside its point, or lines close above and below) is drawn on a white
// ground, so that it stays legible over the line it hides a little of.
// gonum's plotter.Labels puts every label at one offset: on the baseline
// the weakest heart function's name, just under a healthy heart, was
// drawn across the brain line a few points below. Where the lines are is
// known only in the drawing's coordinates, so the choice is made when the
// plot is drawn; the notes are added to a plot after its lines, so that
// their ground covers them.
type notes struct {
	xys    plotter.XYs
	labels []string
	style  text.Style
	// lines are the panel's lines, in data coordinates: its Line series
	// and its reference lines (drawn across the plot, so their ends are
	// filled in when drawn).
	lines []plotter.XYs
	refs  []RefLine
}

const (
	// noteOffset is the space between a point and its note; noteClear the
	// least space kept between a note and a line, and the margin of a
	// note's white ground.
	noteOffset = vg.Length(5)
	noteClear  = vg.Length(1.5)
)

// Plot draws the notes on the data canvas c of plt.
func (n *notes) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	lines := n.drawnLines(plt, trX, trY)
	for i, xy := range n.xys {
		pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		sty, at, box, hits := n.place(c, lines, pt, n.labels[i])
		if hits > 0 {
			c.SetColor(color.White)
			c.Fill(grow(box, noteClear).Path())
		}
		c.FillText(sty, at, n.labels[i])
	}
}

// place is the style and anchor of note label at point pt of canvas c,
// the box it takes there and how many segments of lines cross it: below
// its point, or above it when fewer cross it there.
func (n *notes) place(c draw.Canvas, lines [][]vg.Point, pt vg.Point, label string) (sty text.Style, at vg.Point, box vg.Rectangle, hits int) {
	w, h := n.style.Width(label), n.style.Height(label)
	// A note at the first or last period is moved in, so that it starts
	// or ends at the plot's edge rather than beyond it.
	pt.X = max(min(pt.X, c.Max.X-w/2), c.Min.X+w/2)
	below, above := n.style, n.style
	below.YAlign, above.YAlign = draw.YTop, draw.YBottom
	atBelow := vg.Point{X: pt.X, Y: pt.Y - noteOffset}
	atAbove := vg.Point{X: pt.X, Y: pt.Y + noteOffset}
	boxBelow := vg.Rectangle{Min: vg.Point{X: pt.X - w/2, Y: atBelow.Y - h}, Max: vg.Point{X: pt.X + w/2, Y: atBelow.Y}}
	boxAbove := vg.Rectangle{Min: vg.Point{X: pt.X - w/2, Y: atAbove.Y}, Max: vg.Point{X: pt.X + w/2, Y: atAbove.Y + h}}
	hb, ha := crossings(c, lines, boxBelow), crossings(c, lines, boxAbove)
	if hb <= ha {
		return below, atBelow, boxBelow, hb
	}
	return above, atAbove, boxAbove, ha
}

// crossings counts the segments of lines that run through r (grown by
// noteClear), and counts a note above or below the canvas c as worse than
// any.
func crossings(c draw.Canvas, lines [][]vg.Point, r vg.Rectangle) int {
	if r.Min.Y < c.Min.Y || r.Max.Y > c.Max.Y {
		return 1 << 20
	}
	r = grow(r, noteClear)
	k := 0
	for _, ln := range lines {
		for j := 1; j < len(ln); j++ {
			if segmentCrosses(ln[j-1], ln[j], r) {
				k++
			}
		}
	}
	return k
}

// drawnLines are the panel's lines and its reference lines (across the
// whole plot) as drawn, in the canvas's coordinates by trX and trY.
func (n *notes) drawnLines(plt *plot.Plot, trX, trY func(float64) vg.Length) [][]vg.Point {
	ls := append([]plotter.XYs(nil), n.lines...)
	for _, l := range n.refs {
		if l.Vertical {
			ls = append(ls, plotter.XYs{{X: l.Value, Y: plt.Y.Min}, {X: l.Value, Y: plt.Y.Max}})
		} else {
			ls = append(ls, plotter.XYs{{X: plt.X.Min, Y: l.Value}, {X: plt.X.Max, Y: l.Value}})
		}
	}
	out := make([][]vg.Point, len(ls))
	for i, ln := range ls {
		for _, xy := range ln {
			out[i] = append(out[i], vg.Point{X: trX(xy.X), Y: trY(xy.Y)})
		}
	}
	return out
}

// grow is r with d more on every side.
func grow(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

// segmentCrosses reports whether the segment from a to b has a point in
// r: the segment clipped to r's slab in x, then in y (Liang and Barsky),
// leaves something.
func segmentCrosses(a, b vg.Point, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	clip := func(p, q float64) bool { // p*t <= q
		switch {
		case p == 0:
			return q >= 0
		case p < 0:
			t0 = max(t0, q/p)
		default:
			t1 = min(t1, q/p)
		}
		return t0 <= t1
	}
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	return clip(-dx, float64(a.X-r.Min.X)) && clip(dx, float64(r.Max.X-a.X)) &&
		clip(-dy, float64(a.Y-r.Min.Y)) && clip(dy, float64(r.Max.Y-a.Y))
}

// noteStyle is the style of the notes beside points.
func noteStyle() text.Style {
	return text.Style{Font: sans(8, false), Color: grey, XAlign: draw.XCenter, Handler: plot.DefaultTextHandler}
}
