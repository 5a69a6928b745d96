package chart

import (
	"image/color"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestNotesClearOfLines: on every bundled scenario's heart-brain chart, as
// drawn, a note beside the weakest heart function's points either has none
// of the heart line, the brain line and the healthy line running through
// it, or is drawn on a white ground that covers the lines under it. The
// baseline's "every heart function", under its healthy heart, used to be
// drawn across the brain line a few points below; it must be clear of
// every line, as must the shrinking budget's notes.
func TestNotesClearOfLines(t *testing.T) {
	mustClear := map[string]bool{"baseline.yaml": true, "shrinking-budget.yaml": true}
	files, err := filepath.Glob("../../scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	drawn, crossed := 0, 0
	for _, f := range files {
		s := loaded(t, f)
		p := optimized(t, s)
		c, err := ForPlan(HeartBrain, s, p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, n := range c.Panels[0].Series[2].Notes {
			want[n] = true
		}
		lineColors := []color.Color{SeriesColor(0), SeriesColor(1), grey}
		var rec recorder.Canvas
		w, h := vg.Length(DefaultWidth)*72/pngDPI, vg.Length(DefaultHeight)*72/pngDPI
		if err := c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
			t.Fatal(err)
		}
		var col color.Color
		var lines [][]vg.Point
		type note struct {
			text   string
			box    vg.Rectangle
			ground *vg.Rectangle // the white fill drawn just before it, if any
		}
		var ns []note
		var ground *vg.Rectangle
		for _, a := range rec.Actions {
			if _, ok := a.(*recorder.SetColor); !ok {
				if _, ok := a.(*recorder.FillString); !ok {
					if f, ok := a.(*recorder.Fill); !ok || !oneOf(col, []color.Color{color.White}) {
						ground = nil
					} else {
						b := bounds(f.Path)
						ground = &b
					}
				}
			}
			switch a := a.(type) {
			case *recorder.SetColor:
				col = a.Color
			case *recorder.Stroke:
				if pts, ok := polyline(a.Path); ok && oneOf(col, lineColors) {
					lines = append(lines, pts)
				}
			case *recorder.FillString:
				if !want[a.String] {
					continue
				}
				face := font.DefaultCache.Lookup(a.Font, a.Size)
				ext := face.Extents()
				ns = append(ns, note{a.String, vg.Rectangle{
					Min: vg.Point{X: a.Point.X, Y: a.Point.Y - ext.Descent},
					Max: vg.Point{X: a.Point.X + face.Width(a.String), Y: a.Point.Y + ext.Ascent},
				}, ground})
			}
		}
		if len(lines) < 3 {
			t.Fatalf("%s: %d lines found in the drawing, want the heart, the brain and the healthy line", f, len(lines))
		}
		for _, n := range ns {
			drawn++
			in := n.box
			in.Min.X, in.Min.Y, in.Max.X, in.Max.Y = in.Min.X+0.5, in.Min.Y+0.5, in.Max.X-0.5, in.Max.Y-0.5
			if in.Min.X < 0 || in.Max.X > w || in.Min.Y < 0 || in.Max.Y > h {
				t.Errorf("%s: note %q at %v leaves the picture", f, n.text, n.box)
			}
			covered := n.ground != nil && n.ground.Min.X <= n.box.Min.X && n.ground.Min.Y <= n.box.Min.Y &&
				n.ground.Max.X >= n.box.Max.X && n.ground.Max.Y >= n.box.Max.Y
			for _, ln := range lines {
				for j := 1; j < len(ln); j++ {
					if !segmentCrosses(ln[j-1], ln[j], in) {
						continue
					}
					crossed++
					if mustClear[filepath.Base(f)] || !covered {
						t.Errorf("%s: note %q at %v is crossed by a line from %v to %v (white ground %v)", f, n.text, n.box, ln[j-1], ln[j], n.ground)
					}
				}
			}
		}
	}
	if drawn < len(files) {
		t.Errorf("only %d notes drawn on %d charts", drawn, len(files))
	}
	t.Logf("%d notes on %d charts, %d segments crossing one on its white ground", drawn, len(files), crossed)
}

// bounds is the least rectangle holding a path's points.
func bounds(p vg.Path) vg.Rectangle {
	r := vg.Rectangle{Min: p[0].Pos, Max: p[0].Pos}
	for _, c := range p {
		if c.Type == vg.CloseComp {
			continue // no position of its own
		}
		r.Min.X, r.Min.Y = min(r.Min.X, c.Pos.X), min(r.Min.Y, c.Pos.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, c.Pos.X), max(r.Max.Y, c.Pos.Y)
	}
	return r
}

// polyline is a stroked path of straight segments wider than a point's
// glyph: a series' line, a reference line or a grid line.
func polyline(p vg.Path) ([]vg.Point, bool) {
	var pts []vg.Point
	for _, c := range p {
		if c.Type != vg.MoveComp && c.Type != vg.LineComp {
			return nil, false
		}
		pts = append(pts, c.Pos)
	}
	if len(pts) < 2 {
		return nil, false
	}
	lo, hi := pts[0].X, pts[0].X
	for _, q := range pts {
		lo, hi = min(lo, q.X), max(hi, q.X)
	}
	return pts, hi-lo > 20
}

func oneOf(c color.Color, cs []color.Color) bool {
	if c == nil {
		return false
	}
	r, g, b, a := c.RGBA()
	for _, d := range cs {
		r2, g2, b2, a2 := d.RGBA()
		if r == r2 && g == g2 && b == b2 && a == a2 {
			return true
		}
	}
	return false
}

// TestSegmentCrosses checks the clipping against cases drawn by hand.
func TestSegmentCrosses(t *testing.T) {
	r := vg.Rectangle{Min: vg.Point{X: 0, Y: 0}, Max: vg.Point{X: 10, Y: 4}}
	cases := []struct {
		a, b vg.Point
		want bool
	}{
		{vg.Point{X: -5, Y: 2}, vg.Point{X: 15, Y: 2}, true},     // straight through
		{vg.Point{X: -5, Y: 5}, vg.Point{X: 15, Y: 5}, false},    // above
		{vg.Point{X: 2, Y: 1}, vg.Point{X: 3, Y: 2}, true},       // inside
		{vg.Point{X: -5, Y: -5}, vg.Point{X: 15, Y: 15}, true},   // diagonal through
		{vg.Point{X: -5, Y: 3}, vg.Point{X: 1, Y: 15}, false},    // passes the corner outside
		{vg.Point{X: 12, Y: -3}, vg.Point{X: 12, Y: 9}, false},   // vertical, right of it
		{vg.Point{X: 10, Y: -3}, vg.Point{X: 10, Y: 9}, true},    // on its edge
		{vg.Point{X: -20, Y: -1}, vg.Point{X: -1, Y: 2}, false},  // ends before it
		{vg.Point{X: 5, Y: 10}, vg.Point{X: 5.5, Y: 4.5}, false}, // ends above it
	}
	for _, c := range cases {
		if got := segmentCrosses(c.a, c.b, r); got != c.want {
			t.Errorf("segment %v-%v: crosses %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
