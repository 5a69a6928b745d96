package chart

import (
	"fmt"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

func monthLabels(n int) []string {
	out := make([]string, n)
	for i := range out {
		m := 2027*12 + 3 + i // from 2027-04
		out[i] = fmt.Sprintf("%04d-%02d", m/12, m%12+1)
	}
	return out
}

// A categorical axis labels as many categories as fit side by side: the
// labels shown never run into each other, the step is the least that
// does, and months go by whole quarters, half years or years.
func TestLabelStep(t *testing.T) {
	style := text.Style{Font: sans(9, false), Handler: plot.DefaultTextHandler}
	quarters := make([]string, 20)
	for i := range quarters {
		quarters[i] = fmt.Sprintf("%d-Q%d", 2027+i/4, i%4+1)
	}
	for _, tc := range []struct {
		name  string
		cs    []string
		steps []int
	}{
		{"months", monthLabels(36), monthSteps},
		{"18 months", monthLabels(18), monthSteps},
		{"60 months", monthLabels(60), monthSteps},
		{"quarters", quarters, quarterSteps},
		{"regions", []string{"North America", "EMEA", "APAC", "LATAM", "Japan", "ANZ", "India", "DACH"}, labelSteps},
	} {
		var w vg.Length
		for _, c := range tc.cs {
			w = max(w, style.Width(c))
		}
		for room := vg.Length(40); room <= 1200; room += 40 {
			k := labelStep(tc.cs, style, room)
			if !slices.Contains(tc.steps, k) {
				t.Fatalf("%s in %v: step %d is not one of %v", tc.name, room, k, tc.steps)
			}
			shown := (len(tc.cs) + k - 1) / k
			if k != tc.steps[len(tc.steps)-1] && vg.Length(shown)*(w+noteGap) > room {
				t.Errorf("%s in %v: %d labels of %v each overlap", tc.name, room, shown, w)
			}
			if i := slices.Index(tc.steps, k); i > 0 {
				less := tc.steps[i-1]
				if vg.Length((len(tc.cs)+less-1)/less)*(w+noteGap) <= room {
					t.Errorf("%s in %v: step %d where %d fits", tc.name, room, k, less)
				}
			}
			ticks := categoryTicks(tc.cs, k)
			for i, tk := range ticks {
				if want := tc.cs[i]; (i%k == 0) != (tk.Label == want) || (i%k != 0 && tk.Label != "") || tk.Value != float64(i) {
					t.Errorf("%s step %d: tick %d is %+v", tc.name, k, i, tk)
				}
			}
		}
	}
	// On a page's chart, 36 months are labelled every quarter or half year,
	// 12 quarters every quarter.
	if k := labelStep(monthLabels(36), style, 860-190-axisRoom); k != 3 && k != 6 {
		t.Errorf("36 months on a page: every %d", k)
	}
	if k := labelStep(quarters[:12], style, 860-190-axisRoom); k != 1 {
		t.Errorf("12 quarters on a page: every %d", k)
	}
}

// The notes beside points name a run of equal notes once, at its start,
// and leave out a note that would run into the one drawn before.
func TestNotesThinned(t *testing.T) {
	n := 36
	p := Panel{Categories: monthLabels(n)}
	s := Series{Y: make([]float64, n), Notes: make([]string, n)}
	for k := range n {
		s.Y[k] = 0.9
		s.Notes[k] = "territories"
		if k >= 20 {
			s.Notes[k] = fmt.Sprintf("function_%d", k) // a new note at every point
		}
	}
	room := vg.Length(600)
	lb := p.labels(s, room)
	style := text.Style{Font: sans(8, false), Handler: plot.DefaultTextHandler}
	if lb.labels[0] != "territories" || slices.Contains(lb.labels[1:], "territories") {
		t.Errorf("the run of territories is not named once at its start: %q", lb.labels)
	}
	for i := 1; i < len(lb.xys); i++ {
		gap := vg.Length(lb.xys[i].X-lb.xys[i-1].X) * room / vg.Length(n)
		if need := (style.Width(lb.labels[i])+style.Width(lb.labels[i-1]))/2 + noteGap; gap < need {
			t.Errorf("notes %q and %q are %v apart, need %v", lb.labels[i-1], lb.labels[i], gap, need)
		}
	}
	if len(lb.labels) < 3 {
		t.Errorf("only %d notes drawn: %q", len(lb.labels), lb.labels)
	}
	// Few points: every change is named.
	p3 := Panel{Categories: monthLabels(3)}
	s3 := Series{Y: []float64{0.9, 0.9, 0.9}, Notes: []string{"a", "b", "b"}}
	lb = p3.labels(s3, room)
	if !slices.Equal(lb.labels, []string{"a", "b"}) {
		t.Errorf("three points: %q", lb.labels)
	}
}
