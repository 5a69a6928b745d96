package plan

import (
	"context"
	"math"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The re-plan of a monthly plan rolls up as the plan does: four months of
// actuals on monthly-fiscal (April to July 2027) leave August and
// September of FY28-Q2, then whole quarters. Each rolled row is re-derived
// from the month rows of the same review: mean heart and brain, summed
// spend and unspent, FTE at the last month.
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
	rv.RollUpReplan(s, rec, "month")
	if rv.Replan.RolledPeriods != nil {
		t.Fatal("by month rolls up")
	}
	rv.RollUpReplan(s, rec, "")
	rp := rv.Replan
	months := rp.Periods
	if len(months) != 14 || rp.RolledBy != "quarter" || len(rp.RolledPeriods) != 5 {
		t.Fatalf("%d months, %d rolled by %q", len(months), len(rp.RolledPeriods), rp.RolledBy)
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
