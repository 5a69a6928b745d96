package chart

import (
	"fmt"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestWeakestNoteLongIds: on the heart and brain chart of
// shrinking-budget.yaml whose heart functions' ids are 63 to 69
// characters (heart_work_for_the_americas_emea_and_apac_sales_team_
// before each), at the page's width and at 600 pixels, the weakest heart
// function's notes stay inside the picture, within a third of its width,
// clear of the legend, and each reads as its function's id or the id's
// start and end around an ellipsis, followed whole by the rest of the
// note ("and 9 more"). The notes used to be the whole ids: 330 points
// wide at 860 pixels, run into the legend, and at 600 pixels past it.
func TestWeakestNoteLongIds(t *testing.T) {
	s := loaded(t, "../../scenarios/shrinking-budget.yaml")
	for k := range s.Functions {
		if s.Functions[k].Class == scenario.Heart {
			s.Functions[k].ID = "heart_work_for_the_americas_emea_and_apac_sales_team_" + s.Functions[k].ID
		}
	}
	p := optimized(t, s)
	c, err := ForPlan(HeartBrain, s, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	weak := c.Panels[0].Series[2]
	for _, width := range []int{DefaultWidth, 600} {
		var rec recorder.Canvas
		w, h := vg.Length(width)*72/pngDPI, vg.Length(DefaultHeight)*72/pngDPI
		if err := c.draw(draw.NewCanvas(&rec, w, h)); err != nil {
			t.Fatal(err)
		}
		where := fmt.Sprintf("at %d pixels", width)
		var notes, legend []placed
		for _, t0 := range drawnText(&rec) {
			if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
				t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", where, t0.text, t0.box.min, t0.box.max, w, h)
			}
			switch {
			case t0.font.Size == 8:
				notes = append(notes, t0)
			case t0.text == "weakest heart function" || t0.text == "heart" || t0.text == "brain" || strings.HasPrefix(t0.text, "healthy heart"):
				legend = append(legend, t0)
			}
		}
		// Cut, the notes leave room for more than one: territories' in
		// 2027-Q1 and sales_support's in 2028-Q2.
		if len(notes) < 2 || len(legend) != 4 {
			t.Errorf("%s: %d notes, %d legend entries drawn", where, len(notes), len(legend))
		}
		for _, nt := range notes {
			if nt.box.max.X-nt.box.min.X > w/3 {
				t.Errorf("%s: the note %q is %v wide, more than a third of the picture's %v", where, nt.text, nt.box.max.X-nt.box.min.X, w)
			}
			for _, l := range legend {
				if nt.overlaps(l) {
					t.Errorf("%s: the note %q runs into the legend's %q", where, nt.text, l.text)
				}
			}
			ok := false
			for k, full := range weak.Notes {
				name := weak.NoteNames[k]
				if rest := full[len(name):]; name != "" && strings.HasSuffix(nt.text, rest) && abbreviationOf(strings.TrimSuffix(nt.text, rest), name) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: the note %q names no weakest function of %q", where, nt.text, weak.Notes)
			}
		}
	}
}

// TestShortNotesDistinct: two weakest functions whose ids differ in their
// last character only are told apart when cut, each id is cut the same way
// wherever it is named, the rest of a note is kept whole, and a note that
// names no function ("every heart function") or fits is left as it is.
func TestShortNotesDistinct(t *testing.T) {
	a := "strategic_account_planning_and_executive_sponsor_program_a"
	b := "strategic_account_planning_and_executive_sponsor_program_b"
	s := Series{
		Notes:     []string{a, a + " and 2 more", "every heart function", b, "cpq"},
		NoteNames: []string{a, a, "", b, "cpq"},
	}
	style := text.Style{Font: sans(8, false), Handler: plot.DefaultTextHandler}
	for _, room := range []vg.Length{200, 300, 500} {
		got := shortNotes(s, style, room)
		if got[2] != "every heart function" || got[4] != "cpq" {
			t.Errorf("room %v: %q", room, got)
		}
		if !strings.HasSuffix(got[1], " and 2 more") || strings.TrimSuffix(got[1], " and 2 more") != got[0] {
			t.Errorf("room %v: %s cut as %q and %q", room, a, got[0], got[1])
		}
		if got[0] == got[3] || !abbreviationOf(got[0], a) || !abbreviationOf(got[3], b) || got[0] == a || got[3] == b {
			t.Errorf("room %v: %q and %q for %s and %s", room, got[0], got[3], a, b)
		}
		for _, g := range got {
			if style.Width(g) > room {
				t.Errorf("room %v: %q is %v wide", room, g, style.Width(g))
			}
		}
	}
}
