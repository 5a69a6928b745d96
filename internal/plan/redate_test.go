package plan

import (
	"context"
	"math"

	"path/filepath"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The same scenario started a period later, or a year and a period later,
// is the same plan period by period: the calendar names the periods and
// nothing else in these scenarios. The stages fix the scores and the
// spend; which of the equally good splits of people the plan shows is the
// tie-break's, whose weights read a period's index, not its label. (They
// read the label until session 29: baseline.yaml started in 2027-Q2 put
// 2.0 central and 0.5 local FTE on CPQ in its last quarter, started in
// 2027-Q1 1.3 and 1.3, for the same scores and spend.)
func TestRedatedPlanIsTheSame(t *testing.T) {
	files, err := filepath.Glob("../../scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled scenarios: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := scenario.Load(f, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := planWith(t, s, solve.Revised{})
			for _, shift := range []int{1, 1 + periodsPerYear(s)} {
				start := s.PeriodLabel(shift)
				r, err := scenario.Load(f, []string{"horizon.start=" + start})
				if err != nil {
					t.Fatal(err)
				}
				if r.PeriodLabel(0) == s.PeriodLabel(0) {
					t.Fatalf("horizon.start=%s: the same first period %s", start, r.PeriodLabel(0))
				}
				got, _ := planWith(t, r, solve.Revised{})
				for _, d := range diffPlans(withoutLabels(got), withoutLabels(want), "") {
					if samePeriod(r, s, d.a, d.b) {
						continue // a cell's or a weakest cell's period, by its label
					}
					t.Errorf("started in %s, not %s: %s is %v, not %v", r.PeriodLabel(0), s.PeriodLabel(0), d.path, d.a, d.b)
				}
			}
		})
	}
}

// periodsPerYear is the number of the scenario's periods in a year.
func periodsPerYear(s *scenario.Scenario) int {
	switch s.Horizon.Period {
	case scenario.Month:
		return 12
	case scenario.Quarter:
		return 4
	}
	return 1
}

// withoutLabels returns a copy of the plan's periods and totals with the
// periods' labels cleared: what must not change when the calendar does.
func withoutLabels(p *Plan) *Plan {
	c := &Plan{Totals: p.Totals}
	for _, per := range p.Periods {
		per.Label = ""
		c.Periods = append(c.Periods, per)
	}
	return c
}

// samePeriod reports whether a and b are the labels of the same period of
// r and s.
func samePeriod(r, s *scenario.Scenario, a, b any) bool {
	la, ok := a.(string)
	lb, ok2 := b.(string)
	if !ok || !ok2 {
		return false
	}
	for t := range s.Periods() {
		if la == r.PeriodLabel(t) && lb == s.PeriodLabel(t) {
			return true
		}
	}
	return false
}

// Where central and local staff do a function's work at the same price
// (the same cost per FTE, central effectiveness 1), the plan puts the work
// where the function's locality says: a local function's staff local, a
// central function's central. Before session 29 a hash of the variables'
// names chose, and one local function went central.
func TestTieGoesWhereLocalitySays(t *testing.T) {
	for _, loc := range []scenario.Locality{scenario.Local, scenario.Central} {
		f := fn("desk", scenario.Heart, loc, 0, 1)
		f.CentralEffectiveness = 1
		s := tiny(1000000, f)
		s.Regions = append(s.Regions, region("South", 100, 100000), region("East", 100, 100000))
		m := model.Build(s)
		res, err := m.Solve(context.Background(), solve.Revised{}, solve.Options{})
		if err != nil || res.Status != solve.Optimal {
			t.Fatalf("%s: %v %v", loc, err, res.Status)
		}
		a := FromSolution(m, res.X)
		for r, reg := range s.Regions {
			local, central := a.Local[0][r][0], a.Central[0][r][0]
			if math.Abs(local+central-1) > 1e-6 { // the stages hold their optima to solve.HoldTol
				t.Errorf("%s function in %s: %g local + %g central FTE, want 1 in all", loc, reg.Name, local, central)
			}
			if off := map[scenario.Locality]float64{scenario.Local: central, scenario.Central: local}[loc]; off > 1e-9 {
				t.Errorf("%s function in %s: %g local and %g central FTE, want all %s", loc, reg.Name, local, central, loc)
			}
		}
	}
}
