package report

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// What the attribution says of the order holds for the orders planned:
// "every order" only when every order was, the number planned when they
// were drawn, and a warning when only the stated order was.
func TestAttributionOrderWords(t *testing.T) {
	steps := []plan.AttributionStep{{Change: "budget.annual", Heart: -0.01}, {Change: "policy.healthy_heart", Heart: 0.002}}
	for _, tc := range []struct {
		exact  bool
		orders int
		want   string
	}{
		{true, 2, "The order does not matter: each change has the same effect in every order."},
		{false, 4, "The order did not matter in the 4 orders planned (the stated one and others drawn with a fixed seed): each change had the same effect in each."},
		{false, 1, "With 2 changes only the stated order was planned: in another order a change's effect may differ."},
	} {
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		a := &plan.Attribution{Steps: steps, Exact: tc.exact, Orders: tc.orders, HeartTotal: -0.008}
		writeAttribution(tw, a, nil, totalsOf(a))
		if tw.err != nil {
			t.Fatal(tw.err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("exact %v, %d orders: got\n%s\nwant %q", tc.exact, tc.orders, out.String(), tc.want)
		}
	}
}

// Each step's change is the exact figure rounded on its own, and so is the
// total above them: where the printed steps do not add up to the printed
// total, a note under the table says so (as the plan's table of periods
// does for money), and only then. Three steps of -0.449 points print -0.4
// each, -1.2 in all, where the heart moved -1.347 points: -1.3.
func TestAttributionRoundingNote(t *testing.T) {
	write := func(a *plan.Attribution) string {
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		writeAttribution(tw, a, nil, totalsOf(a))
		if tw.err != nil {
			t.Fatal(tw.err)
		}
		return out.String()
	}
	three := []plan.AttributionStep{{Change: "a", Heart: -0.00449, Brain: 0.001}, {Change: "b", Heart: -0.00449, Brain: 0.002}, {Change: "c", Heart: -0.00449}}
	got := write(&plan.Attribution{Steps: three, Exact: true, Orders: 6, HeartTotal: -0.01347, BrainTotal: 0.003})
	want := "Each figure is rounded on its own: as printed, the steps' heart changes add up to -1.2 pts against a total of -1.3 pts; the total is the change of the means printed above, and the JSON carries the exact figures, which add up."
	if !strings.Contains(got, "in all.\n") || !strings.Contains(got, "heart -1.3 pts") || !strings.Contains(got, want+"\n") {
		t.Errorf("got\n%s\nwant the note\n%s", got, want)
	}
	// Steps that add up as printed: no note.
	two := []plan.AttributionStep{{Change: "a", Heart: -0.004}, {Change: "b", Heart: -0.004}}
	if got := write(&plan.Attribution{Steps: two, Exact: true, Orders: 2, HeartTotal: -0.008}); strings.Contains(got, roundingNotePrefix) {
		t.Errorf("-0.4 and -0.4 against -0.8: a note\n%s", got)
	}
	// What the changes do not reach counts in, as its note prints it:
	// -0.4 three times against -1.3.
	got = write(&plan.Attribution{Steps: []plan.AttributionStep{{Change: "a", Heart: -0.0044}, {Change: "b", Heart: -0.0044}}, Exact: true, Orders: 2,
		HeartTotal: -0.0132, ResidualHeart: -0.0044})
	want = "Each figure is rounded on its own: as printed, the steps' heart changes add up to -1.2 pts against a total of -1.3 pts (with the part not reached); the total is the change of the means printed above, and the JSON carries the exact figures, which add up."
	if !strings.Contains(got, "Not reached by the changes one at a time: heart -0.4 pts") || !strings.Contains(got, want) {
		t.Errorf("with a residual: got\n%s\nwant the note\n%s", got, want)
	}
	// The averages over orders are read back too: -0.267, -0.267 and
	// -0.266 points print -0.3 each, -0.9, against -0.8 in all; the
	// stated order's -0.2, -0.3 and -0.3 add up.
	got = write(&plan.Attribution{HeartTotal: -0.008, OrderMatters: true, Exact: true, Orders: 6,
		Steps:   []plan.AttributionStep{{Change: "a", Heart: -0.002}, {Change: "b", Heart: -0.003}, {Change: "c", Heart: -0.003}},
		Average: []plan.AttributionStep{{Change: "a", Heart: -0.00267}, {Change: "b", Heart: -0.00267}, {Change: "c", Heart: -0.00266}}})
	want = "Each figure is rounded on its own: as printed, the steps' average heart changes add up to -0.9 pts against a total of -0.8 pts; the total is"
	if !strings.Contains(got, want) {
		t.Errorf("averages: got\n%s\nwant the note\n%s", got, want)
	}
}

// Each order stops at its own last scenario that plans, so the averages
// add up with the part not reached on average over the orders, not with
// the stated order's: baseline.yaml against whole-people.yaml, whose
// stated order reached nothing (+4.6 pts not reached), said "the steps'
// average heart changes add up to +7.1 pts against a total of +4.6 pts
// (with the part not reached)", a sum of the averages and the stated
// order's part that is no figure of the diff, as if rounding had made it.
func TestAttributionAverageResidual(t *testing.T) {
	a := &plan.Attribution{HeartTotal: -0.010, OrderMatters: true, Orders: 4,
		Steps:                []plan.AttributionStep{{Change: "a", Unplannable: true}, {Change: "b", Unplannable: true}},
		Average:              []plan.AttributionStep{{Change: "a", Heart: -0.003}, {Change: "b", Heart: -0.003}},
		ResidualHeart:        -0.010,
		AverageResidualHeart: -0.004}
	var out bytes.Buffer
	tw := &textWriter{w: &out}
	writeAttribution(tw, a, nil, totalsOf(a))
	if tw.err != nil {
		t.Fatal(tw.err)
	}
	got := out.String()
	want := "Not reached by the changes one at a time: heart -1.0 pts, brain 0.0 pts in the stated order, and on average over the orders heart -0.4 pts, brain 0.0 pts."
	if !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// -0.3 and -0.3 and -0.4 not reached on average: -1.0, the total; the
	// steps' 0.0 and 0.0 and -1.0 too. Nothing to note.
	if strings.Contains(got, roundingNotePrefix) {
		t.Errorf("the columns add up as printed, yet a note:\n%s", got)
	}
}

// For random steps, the note appears exactly when the printed steps, read
// back from the table and added, are not the printed total.
func TestAttributionRoundingNoteRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	cell := regexp.MustCompile(`[-+]?\d+\.\d pts`)
	notes := 0
	for range 300 {
		n := 2 + rng.IntN(6)
		var steps []plan.AttributionStep
		var heart, brain float64
		for k := range n {
			st := plan.AttributionStep{Change: fmt.Sprintf("c%d", k), Heart: (rng.Float64() - 0.6) / 50, Brain: (rng.Float64() - 0.5) / 20}
			heart += st.Heart
			brain += st.Brain
			steps = append(steps, st)
		}
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		a := &plan.Attribution{Steps: steps, Exact: true, Orders: 2, HeartTotal: heart, BrainTotal: brain}
		writeAttribution(tw, a, nil, totalsOf(a))
		text := out.String()
		var sumH, sumB float64
		for _, line := range strings.Split(text, "\n") {
			if !strings.HasPrefix(line, "│ c") {
				continue
			}
			cells := cell.FindAllString(line, -1)
			h, _ := strconv.ParseFloat(strings.TrimSuffix(cells[0], " pts"), 64)
			b, _ := strconv.ParseFloat(strings.TrimSuffix(cells[1], " pts"), 64)
			sumH += h
			sumB += b
		}
		// In tenths of a point, the total as printed (rounded to the
		// nearest tenth).
		differ := math.Round(10*sumH) != math.Round(1000*heart) || math.Round(10*sumB) != math.Round(1000*brain)
		if has := strings.Contains(text, roundingNotePrefix); has != differ {
			t.Fatalf("steps read back add up to %.1f and %.1f against %.3f and %.3f: note %v\n%s", sumH, sumB, 100*heart, 100*brain, has, text)
		}
		if differ {
			notes++
		}
	}
	if notes == 0 {
		t.Error("no random steps that do not add up as printed")
	}
}

// totalsOf are an attribution's totals as an outcome table would print
// them for means whose printed difference is the exact change rounded.
func totalsOf(a *plan.Attribution) attributionTotals {
	return attributionTotals{heart: deltaCell('p', a.HeartTotal, ""), brain: deltaCell('p', a.BrainTotal, "")}
}
