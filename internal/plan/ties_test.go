package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// printed is a coverage as the tables print it (0.1%).
func printed(x float64) string { return fmt.Sprintf("%.1f", 100*x) }

// tiesOf re-derives from cells the weakest heart cell's ties: how many
// other heart functions in a region read as low as w as printed (a pair
// once), and whether every heart cell does (two at least).
func tiesOf(cells []Cell, w *Cell) (others int, all bool) {
	low := printed(w.Coverage)
	pairs := map[[2]string]bool{{w.Function, w.Region}: true}
	n, at := 0, 0
	for _, c := range cells {
		if c.Class != "heart" || c.Demand <= 0 {
			continue
		}
		n++
		if printed(c.Coverage) == low {
			at++
			pairs[[2]string{c.Function, c.Region}] = true
		}
	}
	return len(pairs) - 1, at == n && n > 1
}

// The weakest heart cell's and function's ties are carried as data, in
// the plan's periods (and their JSON), a rolled period's (counted over
// its months' cells), diff's and review's outcomes and compare's summary,
// each re-derived here from the cells or functions: the views word them,
// and until session 27 named one of cells alike as the weakest.
func TestWeakestTiesCarriedAsData(t *testing.T) {
	kinds := map[string]bool{}
	for _, f := range []string{"baseline.yaml", "shrinking-budget.yaml", "monthly-fiscal.yaml", "brain-first.yaml"} {
		s, err := scenario.Load(filepath.Join("..", "..", "scenarios", f), nil)
		if err != nil {
			t.Fatal(err)
		}
		p := planOf(t, s)
		for _, per := range p.Periods {
			others, all := tiesOf(per.Cells, per.WeakestHeart)
			if per.WeakestTied != others || per.WeakestAllTie != all {
				t.Errorf("%s %s: ties %d, all %v; the cells' %d, %v", f, per.Label, per.WeakestTied, per.WeakestAllTie, others, all)
			}
			switch {
			case all:
				kinds["all"] = true
			case others == 1:
				kinds["two"] = true
			}
			o := outcome(per)
			sc := periodScores(per)
			if o.WeakestTied != others || o.WeakestAllTie != all || sc.WeakestTied != others || sc.WeakestAllTie != all {
				t.Errorf("%s %s: diff's ties %d %v, review's %d %v; the cells' %d %v", f, per.Label, o.WeakestTied, o.WeakestAllTie, sc.WeakestTied, sc.WeakestAllTie, others, all)
			}
		}
		// The JSON carries them, and leaves them out at 0 and false.
		data, err := json.Marshal(p.Periods)
		if err != nil {
			t.Fatal(err)
		}
		var back []Period
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		for k := range back {
			if back[k].WeakestTied != p.Periods[k].WeakestTied || back[k].WeakestAllTie != p.Periods[k].WeakestAllTie {
				t.Errorf("%s %s: the JSON's ties %d %v", f, back[k].Label, back[k].WeakestTied, back[k].WeakestAllTie)
			}
		}
		// A rolled period's, over its periods' cells.
		for _, by := range []string{"quarter", "year"} {
			groups, kind := GroupsBy(s, by)
			if groups == nil {
				continue
			}
			r, _ := RollUpBy(s, p, by)
			for k, g := range Spans(groups, s.GroupSize(kind), string(s.Horizon.Period)) {
				var cells []Cell
				for _, per := range p.Periods[g.Start:g.End] {
					cells = append(cells, per.Cells...)
				}
				rp := r.Periods[k]
				others, all := tiesOf(cells, rp.WeakestHeart)
				if got, gotAll := rp.WeakestHeartTies(); got != others || gotAll != all || rp.WeakestTied != others {
					t.Errorf("%s by %s %s: ties %d, all %v; its periods' cells' %d, %v", f, by, rp.Label, got, gotAll, others, all)
				}
				if g.End-g.Start > 1 {
					kinds["rolled"] = true
				}
				// The review's past periods roll up alike.
				var vs []PeriodVariance
				for _, per := range p.Periods[g.Start:g.End] {
					vs = append(vs, PeriodVariance{Label: per.Label, Planned: periodScores(per), Actual: periodScores(per)})
				}
				rv := rollVariances(g.Label, vs)
				if rv.Actual.WeakestTied != others || rv.Actual.WeakestAllTie != all || rv.Planned.WeakestTied != others {
					t.Errorf("%s by %s %s: the review's rolled ties %d %v; its periods' cells' %d %v", f, by, g.Label, rv.Actual.WeakestTied, rv.Actual.WeakestAllTie, others, all)
				}
			}
		}
		// compare's weakest heart function, over all regions.
		sm := Summarize(f, s, p)
		w := sm.WeakestHeart
		low := printed(w.Coverage)
		ids := map[string]bool{w.ID: true}
		all := true
		for _, per := range p.Periods {
			for _, fn := range per.Functions {
				if fn.Class != "heart" || fn.Demand <= 0 {
					continue
				}
				if printed(fn.Coverage) == low {
					ids[fn.ID] = true
				} else {
					all = false
				}
			}
		}
		if w.Tied != len(ids)-1 || w.AllTie != all {
			t.Errorf("%s: compare's weakest %s ties %d, all %v; the functions' %d, %v", f, w.ID, w.Tied, w.AllTie, len(ids)-1, all)
		}
	}
	for _, k := range []string{"all", "two", "rolled"} {
		if !kinds[k] {
			t.Errorf("no scenario has a period of kind %s", k)
		}
	}
}

// The review's actual side: its cells are the actual people's, re-built
// here as the review builds them.
func TestReviewActualTiesRederived(t *testing.T) {
	dir := filepath.Join("..", "..", "scenarios")
	s, err := scenario.Load(filepath.Join(dir, "baseline.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	act, err := scenario.ReadActuals(context.Background(), filepath.Join(dir, "baseline-actuals.csv"), s, scenario.DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	rec := planOf(t, s)
	rv, err := NewReview(context.Background(), s, rec, act, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	alloc, _ := actualAllocation(s, act, rec)
	actual := Build(s, alloc, ModeAsIs, StatusAsIs)
	tied := false
	for k, v := range rv.Periods {
		per := actual.Periods[k]
		others, all := tiesOf(per.Cells, per.WeakestHeart)
		if v.Actual.WeakestTied != others || v.Actual.WeakestAllTie != all {
			t.Errorf("%s: actual ties %d %v; the cells' %d %v", v.Label, v.Actual.WeakestTied, v.Actual.WeakestAllTie, others, all)
		}
		tied = tied || others > 0
	}
	if !tied {
		t.Error("the bundled actuals have no tie at their weakest: the example changed")
	}
}
