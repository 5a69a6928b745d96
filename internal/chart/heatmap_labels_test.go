package chart

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestHeatmapColumnLabelsInPicture: the coverage heatmap by function and
// region, as drawn for every bundled scenario and for the baseline with
// long region names, at the page's width and at a narrow one, draws every
// text inside the picture, and the names under the columns clear of each
// other. The names under the columns used to be slanted, the first
// running off the picture's left edge where the row labels are short, and
// long ones off its bottom; "North America" read "America".
func TestHeatmapColumnLabelsInPicture(t *testing.T) {
	files, err := filepath.Glob("../../scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	type tc struct {
		name string
		s    *scenario.Scenario
	}
	var cases []tc
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, tc{filepath.Base(f), s})
	}
	long, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range []string{"North America and Canada", "Europe, Middle East and Africa", "Asia Pacific and Japan"} {
		long.Regions[i].Name = n
	}
	cases = append(cases, tc{"baseline with long region names", long})
	tiny, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tiny.Functions {
		tiny.Functions[i].ID = fmt.Sprintf("f%d", i)
		tiny.Functions[i].MinCoverage = 0
	}
	for i, n := range []string{"North America", "Europe, Middle East and Africa", "Asia Pacific and Japan"} {
		tiny.Regions[i].Name = n
	}
	cases = append(cases, tc{"baseline with short function ids and long region names", tiny})
	// Short row labels leave the least room on the left: the baseline's
	// functions named by one letter.
	short, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range short.Functions {
		short.Functions[i].MinCoverage = 0
	}
	cases = append(cases, tc{"baseline without floors", short})
	labelled := 0
	for _, c := range cases {
		p, err := plan.Optimize(context.Background(), c.s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		ch, err := ForPlan(Coverage, c.s, p, Options{ByRegion: true})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if dir := os.Getenv("HEATMAP_PNG_DIR"); dir != "" { // to look at them
			f, err := os.Create(filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".png"))
			if err != nil {
				t.Fatal(err)
			}
			if err := ch.WritePNG(f, DefaultWidth, max(DefaultHeight, 120+20*len(ch.Panels[0].Heat.Rows))); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		for _, width := range []int{DefaultWidth, 600} {
			height := max(DefaultHeight, 120+20*len(ch.Panels[0].Heat.Rows)) // as the HTML report draws it
			var rec recorder.Canvas
			w, h := vg.Length(width)*72/pngDPI, vg.Length(height)*72/pngDPI
			if err := ch.draw(draw.NewCanvas(&rec, w, h)); err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s at %d pixels", c.name, width)
			cols := map[string]bool{}
			for _, col := range ch.Panels[0].Heat.Columns {
				cols[col] = true
			}
			var names []placed
			for _, t0 := range drawnText(&rec) {
				if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
					t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", where, t0.text, t0.box.min, t0.box.max, w, h)
				}
				if cols[t0.text] {
					names = append(names, t0)
				}
			}
			labelled += len(names)
			for i := range names {
				for j := i + 1; j < len(names); j++ {
					if names[i].overlaps(names[j]) {
						t.Errorf("%s: column names %q and %q run into each other", where, names[i].text, names[j].text)
					}
				}
			}
		}
	}
	if labelled == 0 {
		t.Errorf("no column named under its column on any chart")
	}
}

// placed is a text as drawn: its box in its own (rotated) frame, the
// transform of that frame, and its bounds on the picture.
type placed struct {
	text  string
	font  font.Font
	local struct{ min, max vg.Point } // in its frame
	frame affine
	box   struct{ min, max vg.Point } // on the picture
}

// overlaps reports whether two texts drawn in the same frame rotation
// share more than half a point; texts in different rotations are compared
// by their bounds on the picture.
func (a placed) overlaps(b placed) bool {
	inv := func(p placed) (vg.Point, vg.Point) { return p.box.min, p.box.max }
	amin, amax := inv(a)
	bmin, bmax := inv(b)
	if a.frame.sameRotation(b.frame) {
		// In a shared rotation, compare in the frame of a.
		bl := a.frame.inverse().compose(b.frame)
		bmin, bmax = bl.bounds(b.local.min, b.local.max)
		amin, amax = a.local.min, a.local.max
	}
	return amin.X+0.5 < bmax.X && bmin.X+0.5 < amax.X && amin.Y+0.5 < bmax.Y && bmin.Y+0.5 < amax.Y
}

// affine is a 2D affine transform: x' = a x + c y + e, y' = b x + d y + f.
type affine struct{ a, b, c, d, e, f float64 }

var identity = affine{a: 1, d: 1}

// compose is t after u.
func (t affine) compose(u affine) affine {
	return affine{
		a: t.a*u.a + t.c*u.b, b: t.b*u.a + t.d*u.b,
		c: t.a*u.c + t.c*u.d, d: t.b*u.c + t.d*u.d,
		e: t.a*u.e + t.c*u.f + t.e, f: t.b*u.e + t.d*u.f + t.f,
	}
}

func (t affine) inverse() affine {
	det := t.a*t.d - t.b*t.c
	a, b, c, d := t.d/det, -t.b/det, -t.c/det, t.a/det
	return affine{a: a, b: b, c: c, d: d, e: -(a*t.e + c*t.f), f: -(b*t.e + d*t.f)}
}

func (t affine) apply(p vg.Point) vg.Point {
	x, y := float64(p.X), float64(p.Y)
	return vg.Point{X: vg.Length(t.a*x + t.c*y + t.e), Y: vg.Length(t.b*x + t.d*y + t.f)}
}

func (t affine) sameRotation(u affine) bool {
	return math.Abs(t.a-u.a) < 1e-9 && math.Abs(t.b-u.b) < 1e-9 && math.Abs(t.c-u.c) < 1e-9 && math.Abs(t.d-u.d) < 1e-9
}

// bounds is the least upright rectangle holding the transformed corners
// of the rectangle min..max.
func (t affine) bounds(min0, max0 vg.Point) (vg.Point, vg.Point) {
	lo := vg.Point{X: vg.Length(math.Inf(1)), Y: vg.Length(math.Inf(1))}
	hi := vg.Point{X: vg.Length(math.Inf(-1)), Y: vg.Length(math.Inf(-1))}
	for _, c := range []vg.Point{min0, max0, {X: min0.X, Y: max0.Y}, {X: max0.X, Y: min0.Y}} {
		q := t.apply(c)
		lo.X, lo.Y, hi.X, hi.Y = min(lo.X, q.X), min(lo.Y, q.Y), max(hi.X, q.X), max(hi.Y, q.Y)
	}
	return lo, hi
}

// drawnText are the texts of a recording, each with its box (ascent above
// the baseline, descent below, its advance wide) carried through the
// rotations and translations in force when it was drawn.
func drawnText(rec *recorder.Canvas) []placed {
	cur, stack := identity, []affine{}
	var out []placed
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.Push:
			stack = append(stack, cur)
		case *recorder.Pop:
			cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
		case *recorder.Rotate:
			s, c := math.Sincos(a.Angle)
			cur = cur.compose(affine{a: c, b: s, c: -s, d: c})
		case *recorder.Translate:
			cur = cur.compose(affine{a: 1, d: 1, e: float64(a.Point.X), f: float64(a.Point.Y)})
		case *recorder.Scale:
			cur = cur.compose(affine{a: a.X, d: a.Y})
		case *recorder.FillString:
			face := font.DefaultCache.Lookup(a.Font, a.Size)
			ext := face.Extents()
			var p placed
			p.text, p.font, p.frame = a.String, a.Font, cur
			p.local.min = vg.Point{X: a.Point.X, Y: a.Point.Y - ext.Descent}
			p.local.max = vg.Point{X: a.Point.X + face.Width(a.String), Y: a.Point.Y + ext.Ascent}
			p.box.min, p.box.max = cur.bounds(p.local.min, p.local.max)
			out = append(out, p)
		}
	}
	return out
}
