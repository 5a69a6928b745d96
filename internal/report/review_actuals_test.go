package report

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// reviewAsPlanned reviews the bundled scenario file against its own
// optimized plan, as the plan of record, with k periods of actuals as
// planned (plannedActuals, adjust applied).
func reviewAsPlanned(t *testing.T, file string, k int, adjust func(t int, central []float64, local [][]float64)) (*scenario.Scenario, *plan.Plan, *plan.Review) {
	t.Helper()
	s, err := scenario.Load(filepath.Join("..", "..", "scenarios", file), nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rv, err := plan.NewReview(context.Background(), s, rec, plannedActuals(s, rec, k, adjust), solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, rec, rv
}

// plannedActuals are the first k periods of actuals as rec planned them:
// each team's FTE by function (from the plan's cells) and the period's
// spend. adjust, when not nil, changes period t's staff in place
// (central[f], local[r][f]) before it is taken: fewer people in seat, or
// counts rounded as people are counted.
func plannedActuals(s *scenario.Scenario, rec *plan.Plan, k int, adjust func(t int, central []float64, local [][]float64)) *scenario.Actuals {
	act := &scenario.Actuals{File: "actuals.csv", Periods: k}
	for t := range k {
		central := make([]float64, len(s.Functions))
		local := make([][]float64, len(s.Regions))
		for r := range local {
			local[r] = make([]float64, len(s.Functions))
		}
		for _, c := range rec.Periods[t].Cells {
			f := s.FunctionIndex(c.Function)
			central[f] += c.CentralFTE
			for r, reg := range s.Regions {
				if reg.ID == c.RegionID {
					local[r][f] += c.LocalFTE
				}
			}
		}
		if adjust != nil {
			adjust(t, central, local)
		}
		act.Central, act.Local = append(act.Central, central), append(act.Local, local)
		act.Spend, act.SpendGiven = append(act.Spend, rec.Periods[t].Spend), append(act.SpendGiven, true)
	}
	return act
}
