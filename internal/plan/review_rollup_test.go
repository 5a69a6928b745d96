package plan

import (
	"context"
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// A monthly review rolls up as the plan does: four months of actuals on
// monthly-fiscal (April to July 2027) make FY28-Q1 and July alone, and
// leave August and September of FY28-Q2 to re-plan, then whole quarters.
// Each rolled row is re-derived from the month rows of the same review:
// mean heart and brain, summed spend and unspent, FTE (and staff) at the
// last month.
func TestReviewRollsUpReplan(t *testing.T) {
	s, err := scenario.Load("../../scenarios/monthly-fiscal.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := planOf(t, s)
	act := actualsOf(s, rec, 4)
	// The actuals lose a tenth of the local staff, so the re-plan differs.
	for r := range act.Local[3] {
		for f := range act.Local[3][r] {
			act.Local[3][r][f] *= 0.9
		}
	}
	rv, err := NewReview(context.Background(), s, rec, act, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rv.RollUp(s, rec, "month")
	if rv.Replan.RolledPeriods != nil || rv.RolledPast != nil {
		t.Fatal("by month rolls up")
	}
	rv.RollUp(s, rec, "")
	// The past: April to June make FY28-Q1, July alone FY28-Q2 (1 month);
	// each the mean of its months' heart and brain, planned and actual,
	// the sum of their spends, the staff of its last month.
	past := rv.RolledPast
	if rv.RolledBy != "quarter" || rv.RolledUnit != "month" || len(past) != 2 ||
		past[0].Label != "FY28-Q1" || past[1].Label != "FY28-Q2 (1 month)" {
		t.Fatalf("past rolled by %q: %+v", rv.RolledBy, past)
	}
	for k, sp := range [][2]int{{0, 3}, {3, 4}} {
		ms := rv.Periods[sp[0]:sp[1]]
		n := float64(len(ms))
		var ph, ah, pb, ab, ps, as float64
		for _, m := range ms {
			ph += m.Planned.Heart / n
			ah += m.Actual.Heart / n
			pb += m.Planned.Brain / n
			ab += m.Actual.Brain / n
			ps += m.PlannedSpend
			as += m.ActualSpend
		}
		g := past[k]
		if math.Abs(g.Planned.Heart-ph) > 1e-12 || math.Abs(g.Actual.Heart-ah) > 1e-12 || math.Abs(g.Planned.Brain-pb) > 1e-12 ||
			math.Abs(g.Actual.Brain-ab) > 1e-12 || math.Abs(g.PlannedSpend-ps) > 1e-6 || math.Abs(g.ActualSpend-as) > 1e-6 ||
			len(g.Staff) != len(ms[len(ms)-1].Staff) || g.Staff[0] != ms[len(ms)-1].Staff[0] {
			t.Errorf("%s: %+v", g.Label, g)
		}
		// Only July is short of staff: FY28-Q1's actuals are its plan.
		if short := g.Actual.Heart < g.Planned.Heart-1e-6; short != (k == 1) {
			t.Errorf("%s: actual heart %v against planned %v", g.Label, g.Actual.Heart, g.Planned.Heart)
		}
	}
	rp := rv.Replan
	months := rp.Periods
	if len(months) != 14 || rv.RolledBy != "quarter" || len(rp.RolledPeriods) != 5 {
		t.Fatalf("%d months, %d rolled by %q", len(months), len(rp.RolledPeriods), rv.RolledBy)
	}
	spans := []struct {
		label      string
		start, end int
	}{{"FY28-Q2 (2 months)", 0, 2}, {"FY28-Q3", 2, 5}, {"FY28-Q4", 5, 8}, {"FY29-Q1", 8, 11}, {"FY29-Q2", 11, 14}}
	for k, sp := range spans {
		got := rp.RolledPeriods[k]
		if got.Label != sp.label {
			t.Errorf("row %d: %s, want %s", k, got.Label, sp.label)
		}
		for side, pick := range map[string]func(PeriodDiff) *PeriodOutcome{
			"plan of record": func(d PeriodDiff) *PeriodOutcome { return d.Old },
			"re-plan":        func(d PeriodDiff) *PeriodOutcome { return d.New },
		} {
			var heart, brain, spend, unspent float64
			n := float64(sp.end - sp.start)
			for _, m := range months[sp.start:sp.end] {
				o := pick(m)
				heart += o.Heart / n
				brain += o.Brain / n
				spend += o.Spend
				unspent += o.Unspent
			}
			last, g := pick(months[sp.end-1]), pick(got)
			if math.Abs(g.Heart-heart) > 1e-12 || math.Abs(g.Brain-brain) > 1e-12 || math.Abs(g.Spend-spend) > 1e-6 ||
				math.Abs(g.Unspent-unspent) > 1e-6 || g.CentralFTE != last.CentralFTE || g.LocalFTE != last.LocalFTE {
				t.Errorf("%s %s: %+v, want heart %v brain %v spend %v unspent %v FTE %v/%v",
					sp.label, side, g, heart, brain, spend, unspent, last.CentralFTE, last.LocalFTE)
			}
		}
	}
	if months[0].New.LocalFTE == months[0].Old.LocalFTE {
		t.Error("the re-plan's first month equals the plan of record's: the actuals change nothing")
	}
}
