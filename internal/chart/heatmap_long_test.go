package chart

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// longNames is the baseline with three functions of 57-58 characters
// (two that differ in their last character only) and regions named in
// 47-51 characters.
func longNames(t *testing.T) *scenario.Scenario {
	t.Helper()
	s := loaded(t, "../../scenarios/baseline.yaml")
	for i, n := range []string{"North America Commercial and Enterprise Sales Teams",
		"Europe, Middle East and Africa Mid-Market Sales", "Asia Pacific and Japan Strategic Accounts Division"} {
		s.Regions[i].Name = n
	}
	for i, id := range []string{"deal_reviews", "analytics", "planning"} {
		long := []string{"partner_operations_and_channel_enablement_for_all_regions",
			"strategic_account_planning_and_executive_sponsor_program_a",
			"strategic_account_planning_and_executive_sponsor_program_b"}[i]
		found := false
		for k := range s.Functions {
			if s.Functions[k].ID == id {
				s.Functions[k].ID, found = long, true
			}
		}
		if !found {
			t.Fatalf("no function %s in the baseline", id)
		}
	}
	return s
}

// abbreviationOf reports whether drawn is full, or full's start and end
// with an ellipsis between.
func abbreviationOf(drawn, full string) bool {
	if drawn == full {
		return true
	}
	head, tail, ok := strings.Cut(drawn, "…")
	return ok && head != "" && tail != "" && len(head)+len(tail) < len(full) &&
		strings.HasPrefix(full, head) && strings.HasSuffix(full, tail)
}

// TestHeatmapLongNames: the coverage heatmap of a scenario whose function
// ids and region names are 47 to 58 characters long, by period and by
// region, at the page's width and at 600 pixels, keeps every text inside
// the picture, its row labels within a third of its width and clear of
// each other, and names each row (and each column named under the cells)
// by one label that is its name or its name's start and end around an
// ellipsis, and that names no other row: program_a and program_b stay
// apart. The row labels used to be as long as the ids: at 860 pixels they
// took 40% of the width, and at 600 pixels they ran off the left edge and
// the cells lost their numbers; the slanted region names squeezed the rows
// into slivers.
func TestHeatmapLongNames(t *testing.T) {
	s := longNames(t)
	p := optimized(t, s)
	for _, byRegion := range []bool{false, true} {
		ch, err := ForPlan(Coverage, s, p, Options{ByRegion: byRegion})
		if err != nil {
			t.Fatal(err)
		}
		rows := ch.Panels[0].Heat.Rows
		height := max(DefaultHeight, 120+20*len(rows))      // as the HTML report draws it
		if dir := os.Getenv("HEATMAP_PNG_DIR"); dir != "" { // to look at them
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("long-names-by-region-%v.png", byRegion)))
			if err != nil {
				t.Fatal(err)
			}
			if err := ch.WritePNG(f, DefaultWidth, height); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		for _, width := range []int{DefaultWidth, 600} {
			where := fmt.Sprintf("by region %v at %d pixels", byRegion, width)
			var rec recorder.Canvas
			w, h := vg.Length(width)*72/pngDPI, vg.Length(height)*72/pngDPI
			if err := ch.draw(draw.NewCanvas(&rec, w, h)); err != nil {
				t.Fatal(err)
			}
			texts := drawnText(&rec)
			rowLabel := make([]*placed, len(rows))
			var regionNames []placed
			for k := range texts {
				t0 := texts[k]
				if t0.box.min.X < -0.5 || t0.box.min.Y < -0.5 || t0.box.max.X > w+0.5 || t0.box.max.Y > h+0.5 {
					t.Errorf("%s: %q drawn at %v..%v leaves the picture (%vx%v)", where, t0.text, t0.box.min, t0.box.max, w, h)
				}
				var of []int
				for i, r := range rows {
					id, suffix := r.Label, ""
					if r.Floor > 0 {
						suffix = fmt.Sprintf(" (floor %s)", thresholdFormat(r.Floor))
					}
					if strings.HasSuffix(t0.text, suffix) && abbreviationOf(strings.TrimSuffix(t0.text, suffix), id) {
						of = append(of, i)
					}
				}
				if len(of) > 1 {
					t.Errorf("%s: the label %q could name rows %v", where, t0.text, of)
				}
				if len(of) == 1 {
					if rowLabel[of[0]] != nil {
						t.Errorf("%s: row %s labelled twice: %q and %q", where, rows[of[0]].Label, rowLabel[of[0]].text, t0.text)
					}
					rowLabel[of[0]] = &texts[k]
					if lw := t0.box.max.X - t0.box.min.X; lw > w/3 {
						t.Errorf("%s: the row label %q is %v wide, more than a third of the picture's %v", where, t0.text, lw, w)
					}
				}
				for _, r := range s.Regions {
					if t0.font.Size == 9 && t0.text != r.Name && abbreviationOf(t0.text, r.Name) || t0.text == r.Name {
						regionNames = append(regionNames, t0)
					}
				}
			}
			for i, r := range rows {
				if rowLabel[i] == nil {
					t.Errorf("%s: no label names row %s", where, r.Label)
					continue
				}
				if i > 0 && rowLabel[i-1] != nil && rowLabel[i].overlaps(*rowLabel[i-1]) {
					t.Errorf("%s: the row labels %q and %q run into each other", where, rowLabel[i-1].text, rowLabel[i].text)
				}
			}
			for i := range regionNames {
				for j := i + 1; j < len(regionNames); j++ {
					if regionNames[i].overlaps(regionNames[j]) {
						t.Errorf("%s: region names %q and %q run into each other", where, regionNames[i].text, regionNames[j].text)
					}
				}
			}
			// An abbreviated region name names one region, and a slanted
			// one leaves the cells three quarters of the height.
			for _, rn := range regionNames {
				if rh := rn.box.max.Y - rn.box.min.Y; rh > h/4 {
					t.Errorf("%s: the column name %q is %v high, more than a quarter of the picture's %v", where, rn.text, rh, h)
				}
				n := 0
				for _, r := range s.Regions {
					if abbreviationOf(rn.text, r.Name) {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s: the column name %q names %d regions", where, rn.text, n)
				}
			}
		}
	}
}

// TestShortenDistinct: labels shortened to a room stay distinct, each its
// start and end around an ellipsis, within the room; where the start and
// end of two would be the same, the cut moves, and a label no cut keeps
// apart stays whole.
func TestShortenDistinct(t *testing.T) {
	width := func(s string) vg.Length { return textWidth(sans(9, false), s) }
	for _, tc := range []struct {
		name   string
		labels []string
		room   vg.Length
	}{
		{"differ at the end", []string{"strategic_account_planning_and_executive_sponsor_program_a", "strategic_account_planning_and_executive_sponsor_program_b"}, 120},
		{"differ at the start", []string{"a_strategic_account_planning_and_executive_sponsor_program", "b_strategic_account_planning_and_executive_sponsor_program"}, 120},
		{"differ in the middle", []string{"strategic_account_planning_x_executive_sponsor_program", "strategic_account_planning_y_executive_sponsor_program"}, 160},
		{"differ in the middle, narrow", []string{"strategic_account_planning_x_executive_sponsor_program", "strategic_account_planning_y_executive_sponsor_program", "short"}, 40},
		{"short", []string{"cpq", "quotas"}, 120},
	} {
		got := shortenAll(tc.labels, func(int) vg.Length { return tc.room }, width)
		t.Logf("%s: %q", tc.name, got)
		seen := map[string]bool{}
		for i, g := range got {
			if seen[g] {
				t.Errorf("%s: %q twice in %q", tc.name, g, got)
			}
			seen[g] = true
			if !abbreviationOf(g, tc.labels[i]) {
				t.Errorf("%s: %q is not %q shortened", tc.name, g, tc.labels[i])
			}
			if g != tc.labels[i] && width(g) > tc.room {
				t.Errorf("%s: %q is %v wide, room %v", tc.name, g, width(g), tc.room)
			}
			if width(tc.labels[i]) <= tc.room && g != tc.labels[i] {
				t.Errorf("%s: %q shortened to %q though it fits", tc.name, tc.labels[i], g)
			}
		}
		if tc.name == "differ in the middle" && got[0] == tc.labels[0] {
			t.Errorf("%s: %q kept whole where a cut keeps them apart", tc.name, got)
		}
	}
}
