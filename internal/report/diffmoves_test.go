package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestDiffCoverageMovesAsPlanPrints: each coverage move diff lists reads
// its two figures as cardio plan's "Coverage by function" prints that
// function in that period on each side (a heart function below healthy
// rounded down), and its change is the difference of the two. From the
// baseline to brain-first, Proposals in 2027-Q1 is 88.37% over all
// regions, below healthy: cardio plan prints 88.3%, and in earlier
// versions diff read "90.0% → 88.4% (-1.6 pts)". From the baseline to
// shrinking-budget, Sales content in 2027-Q3 read "71.9% → 81.3% (+9.3
// pts)", the exact move rounded.
func TestDiffCoverageMovesAsPlanPrints(t *testing.T) {
	// planColumns is the plan's coverage by function as printed: function
	// id, then period label, to the figure.
	planColumns := func(s *scenario.Scenario) map[string]map[string]string {
		p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WritePlan(&b, p, Table); err != nil {
			t.Fatal(err)
		}
		out := map[string]map[string]string{}
		for k, per := range p.Periods {
			ids, cells := tableColumn(t, b.String(), "function", 2+k)
			for i, id := range ids {
				if out[id] == nil {
					out[id] = map[string]string{}
				}
				out[id][per.Label] = cells[i]
			}
		}
		return out
	}
	move := regexp.MustCompile(`^- (\S+) (.+): (\S+%) → (\S+%) \(([-+]?\d+\.\d) pts\)$`)
	_, oldS := bundledDoc(t, "baseline.yaml")
	oldCols := planColumns(oldS)
	belowSeen, movedOtherwise := false, false
	for _, file := range []string{"brain-first.yaml", "shrinking-budget.yaml"} {
		d, text, _, s := diffOf(t, "baseline.yaml", file, nil, func(o *plan.DiffOptions) { o.NoAttribution = true })
		newCols := planColumns(s)
		names := diffNames{old: oldS, new: s}
		id := map[string]string{}
		for _, fn := range s.Functions {
			id[names.function(fn.ID)] = fn.ID
		}
		n := 0
		for line := range strings.SplitSeq(text, "\n") {
			m := move.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n++
			period, fn := m[1], id[m[2]]
			if want := oldCols[fn][period]; m[3] != want {
				t.Errorf("%s: %q: old %s, cardio plan prints %s", file, line, m[3], want)
			}
			if want := newCols[fn][period]; m[4] != want {
				t.Errorf("%s: %q: new %s, cardio plan prints %s", file, line, m[4], want)
			}
			if got, want := tenths(t, m[5]), tenths(t, m[4])-tenths(t, m[3]); got != want {
				t.Errorf("%s: %q: the change is not the difference of its figures (%v tenths)", file, line, want)
			}
			for _, p := range d.Periods {
				for _, c := range p.Coverage {
					if p.Label == period && c.Function == fn {
						belowSeen = belowSeen || c.NewBelowHealthy
						movedOtherwise = movedOtherwise || int(math.Round(1000*(c.New-c.Old))) != tenths(t, m[4])-tenths(t, m[3])
					}
				}
			}
		}
		if n == 0 {
			t.Fatalf("%s: no coverage moves in\n%s", file, text)
		}
	}
	if !belowSeen || !movedOtherwise {
		t.Errorf("a move below healthy %v, a move whose exact change rounds otherwise %v: the cases test less than they say", belowSeen, movedOtherwise)
	}
}

// TestReviewCoverageMovesAsPlanPrints: the review's re-plan lists its
// coverage moves as diff does, each figure as cardio plan prints the
// function (the re-plan's heart functions below healthy rounded down) and
// the change the difference of the two. The baseline reviewed at $5.6M a
// year: Proposals in 2027-Q3 is below healthy in the re-plan.
func TestReviewCoverageMovesAsPlanPrints(t *testing.T) {
	dir := filepath.Join("..", "..", "scenarios")
	rec := planned(t, filepath.Join(dir, "baseline.yaml")).Plan
	s, err := scenario.Load(filepath.Join(dir, "baseline.yaml"), []string{"budget.annual=5.6e6"})
	if err != nil {
		t.Fatal(err)
	}
	rv := baselineReview(t, s, rec)
	if rv.Replan == nil || rv.Replan.Plan.Status != plan.StatusOptimal {
		t.Fatal("no re-plan")
	}
	text := reviewText(t, &ReviewView{Review: rv, PlanOfRecord: "plan.json"}, Table)
	shown := func(p *plan.Plan, period, name string) string {
		for _, per := range p.Periods {
			if per.Label != period {
				continue
			}
			for _, fn := range per.Functions {
				if fn.Name == name {
					return Percent(fn.Shown())
				}
			}
		}
		t.Fatalf("no %s in %s", name, period)
		return ""
	}
	move := regexp.MustCompile(`^- (\S+) (.+): (\S+%) → (\S+%) \(([-+]?\d+\.\d) pts\)$`)
	n, below := 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		m := move.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n++
		if want := shown(rec, m[1], m[2]); m[3] != want {
			t.Errorf("%q: old %s, the plan of record prints %s", line, m[3], want)
		}
		if want := shown(rv.Replan.Plan, m[1], m[2]); m[4] != want {
			t.Errorf("%q: new %s, the re-plan prints %s", line, m[4], want)
		}
		if got, want := tenths(t, m[5]), tenths(t, m[4])-tenths(t, m[3]); got != want {
			t.Errorf("%q: the change is not the difference of its figures (%d tenths)", line, want)
		}
		for _, per := range rv.Replan.Plan.Periods {
			for _, fn := range per.Functions {
				if per.Label == m[1] && fn.Name == m[2] && fn.BelowHealthy && Percent(fn.Coverage) != Percent(fn.Shown()) {
					below++
				}
			}
		}
	}
	if n == 0 || below == 0 {
		t.Errorf("%d moves, %d of them below healthy where rounding down reads otherwise: the case tests less than it says\n%s", n, below, text)
	}
}

// TestDiffOutcomeChangeAsPrinted: the outcome table's change of the heart
// and brain means is the difference of the two means printed beside it,
// the attribution's "in all" says the same, and a single change's step
// reads as that total. At $5.5M against the baseline's $6.2M the heart
// mean falls from 90.0% to 89.75% (printed 89.7%, rounded down as a heart
// that is not healthy is): in earlier versions the change read "-0.2
// pts", the exact change rounded, beside 90.0% and 89.7%.
func TestDiffOutcomeChangeAsPrinted(t *testing.T) {
	for _, c := range []struct {
		name     string
		new      string
		sets     []string
		oneStep  bool
		wantMove string
	}{
		{"$5.5M", "baseline.yaml", []string{"budget.annual=5.5e6"}, true, "-0.3 pts"},
		{"shrinking-budget", "shrinking-budget.yaml", nil, false, ""},
		{"brain-first", "brain-first.yaml", nil, false, ""},
	} {
		_, text, _, _ := diffOf(t, "baseline.yaml", c.new, c.sets, func(o *plan.DiffOptions) { o.MaxPlans = 40 })
		change := map[string]string{}
		for _, row := range []string{"heart (mean)", "brain (mean)"} {
			labels, olds := tableColumn(t, text, "", 1)
			_, news := tableColumn(t, text, "", 2)
			_, changes := tableColumn(t, text, "", 3)
			for i, l := range labels {
				if l != row {
					continue
				}
				got, want := tenths(t, changes[i]), tenths(t, news[i])-tenths(t, olds[i])
				if got != want {
					t.Errorf("%s: %s %s → %s, change %s", c.name, row, olds[i], news[i], changes[i])
				}
				change[row] = changes[i]
			}
		}
		if c.wantMove != "" && change["heart (mean)"] != c.wantMove {
			t.Errorf("%s: heart change %q, want %q", c.name, change["heart (mean)"], c.wantMove)
		}
		inAll := fmt.Sprintf("heart %s, brain %s in all.", change["heart (mean)"], change["brain (mean)"])
		if !strings.Contains(text, inAll) {
			t.Errorf("%s: no %q in\n%s", c.name, inAll, text)
		}
		if c.oneStep {
			_, heart := tableColumn(t, text, "Change", 1)
			_, brain := tableColumn(t, text, "Change", 2)
			if len(heart) != 1 || heart[0] != change["heart (mean)"] || brain[0] != change["brain (mean)"] {
				t.Errorf("%s: the one step reads %v %v, the total %v", c.name, heart, brain, change)
			}
		}
	}
}

// TestCompareDifferencesAsPrinted: compare's table of differences gives,
// for every figure in points or FTE, the difference of the two figures
// its table prints. Brain-first's weakest period's heart is 84.2%
// against the baseline's 90.0%: -5.8 pts, where the exact change rounded
// read -5.7 in earlier versions (beside a note that it may).
func TestCompareDifferencesAsPrinted(t *testing.T) {
	dir := filepath.Join("..", "..", "scenarios")
	files := []string{"baseline.yaml", "shrinking-budget.yaml", "brain-first.yaml", "centralize-everything.yaml"}
	var scens []*scenario.Scenario
	var plans []*plan.Plan
	for _, f := range files {
		sp := planned(t, filepath.Join(dir, f))
		scens, plans = append(scens, sp.Scenario), append(plans, sp.Plan)
	}
	c := plan.NewComparison(files, scens, plans)
	var b bytes.Buffer
	if err := WriteComparison(&b, c, Table); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	diffs := text[strings.Index(text, "Difference to"):]
	checked, otherwise := 0, 0
	for _, d := range deltaFields {
		if d.shown == nil {
			continue
		}
		for k := 1; k < len(files); k++ {
			labels, figures := tableColumn(t, text, "metric", 1)
			_, others := tableColumn(t, text, "metric", 1+k)
			dl, deltas := tableColumn(t, diffs, "metric", k)
			first, other, delta := "", "", ""
			for i, l := range labels {
				if l == d.label {
					first, other = figures[i], others[i]
				}
			}
			for i, l := range dl {
				if l == d.label {
					delta = deltas[i]
				}
			}
			if first == "" || other == "" || delta == "" {
				t.Fatalf("%s: no row %q", files[k], d.label)
			}
			got := tenths(t, delta)
			if want := tenths(t, other) - tenths(t, first); got != want {
				t.Errorf("%s: %s %s against %s, difference %s", files[k], d.label, other, first, delta)
			}
			checked++
			exact := *d.v(c.Scenarios[k].VsFirst)
			if d.kind == 'p' {
				exact *= 100
			}
			if int(math.Round(10*exact)) != got {
				otherwise++
			}
		}
	}
	if checked < 18 || otherwise == 0 {
		t.Errorf("%d differences checked, %d of them other than the exact change rounded: the case tests less than it says", checked, otherwise)
	}
}
