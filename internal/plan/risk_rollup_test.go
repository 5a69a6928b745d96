package plan

import (
	"context"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// A rolled period's percentiles are taken over the draws' rolled periods,
// not rolled from the months' percentiles: three draws of two months,
// hand-computed.
func TestRiskRollsUpEachDrawFirst(t *testing.T) {
	s, err := scenario.Load("../../scenarios/monthly-fiscal.yaml", []string{"horizon.periods=2"})
	if err != nil {
		t.Fatal(err)
	}
	month := func(heart, spend, share float64, healthy bool) Period {
		return Period{Heart: heart, Brain: 1 - heart, Spend: spend, Unspent: 10, CentralShare: share, Healthy: healthy}
	}
	draws := []draw{
		{status: StatusOptimal, healthy: false, periods: []Period{month(0.8, 100, 0.4, false), month(0.8, 100, 0.5, false)}},
		{status: StatusOptimal, healthy: false, periods: []Period{month(1.0, 300, 0.3, true), month(0.6, 100, 0.6, false)}},
		{status: StatusOptimal, healthy: true, periods: []Period{month(0.95, 200, 0.2, true), month(0.95, 250, 0.7, true)}},
		{status: StatusInfeasible},
	}
	res := &RiskResult{}
	summarize(res, s, draws)
	months := res.Periods
	rolled := rolledRisk(draws, Spans([]string{"FY28-Q1", "FY28-Q1"}, 3, "month"))
	if res.Planned != 3 || res.Infeasible != 1 || res.HealthyAll != 0.25 {
		t.Errorf("counts %+v", res)
	}
	if len(months) != 2 || months[0].Label != "2027-04" || months[1].Label != "2027-05" {
		t.Fatalf("months %+v", months)
	}
	// The months: heart {0.8, 1.0, 0.95} and {0.8, 0.6, 0.95}, nearest-rank
	// P10 the least of three, P50 the second, P90 the greatest.
	if q := months[1].Heart; q != (Quantiles{0.6, 0.8, 0.95}) {
		t.Errorf("2027-05 heart %+v", q)
	}
	if len(rolled) != 1 || rolled[0].Label != "FY28-Q1 (2 months)" {
		t.Fatalf("rolled %+v", rolled)
	}
	q := rolled[0]
	// Each draw's mean heart: 0.8, 0.8, 0.95 (the mean of the months'
	// P10s would be 0.7, which no draw has).
	if q.Heart != (Quantiles{0.8, 0.8, 0.95}) {
		t.Errorf("rolled heart %+v", q.Heart)
	}
	// Spend summed per draw: 200, 400, 450; unspent 20 each; the central
	// share the second month's: 0.5, 0.6, 0.7.
	if q.Spend != (Quantiles{200, 400, 450}) || q.Unspent != (Quantiles{20, 20, 20}) || q.CentralShare != (Quantiles{0.5, 0.6, 0.7}) {
		t.Errorf("rolled money and share %+v", q)
	}
	// Healthy in the quarter only when in both months: the third draw of
	// four. Month one alone has two of four.
	if q.Healthy != 0.25 || months[0].Healthy != 0.5 {
		t.Errorf("healthy: quarter %v, first month %v", q.Healthy, months[0].Healthy)
	}
}

// With every range collapsed to a point, every draw is the plan: each
// rolled percentile is the rolled plan's figure (RollUpBy), exactly, by
// quarter and by year; by month nothing rolls up.
func TestRiskRolledDegenerateIsRolledPlan(t *testing.T) {
	file := "../../scenarios/monthly-fiscal.yaml"
	s, err := scenario.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := planOf(t, s)
	doc := riskFile(t, file, "budget.annual={low: 6500000, mode: 6500000, high: 6500000}")
	for _, by := range []string{"", "quarter", "year", "month"} {
		res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 4, Seed: 1, By: by})
		if err != nil {
			t.Fatal(err)
		}
		rp, kind := RollUpBy(s, p, by)
		if kind == "" {
			if res.RolledPeriods != nil || res.RolledBy != "" {
				t.Errorf("by %q rolls up: %s", by, res.RolledBy)
			}
			continue
		}
		if res.RolledBy != kind || len(res.RolledPeriods) != len(rp.Periods) || len(res.Periods) != s.Periods() {
			t.Fatalf("by %q: %d periods by %s, want %d by %s", by, len(res.RolledPeriods), res.RolledBy, len(rp.Periods), kind)
		}
		for k, per := range rp.Periods {
			r := res.RolledPeriods[k]
			for _, c := range []struct {
				what string
				q    Quantiles
				want float64
			}{
				{"heart", r.Heart, per.Heart}, {"brain", r.Brain, per.Brain}, {"spend", r.Spend, per.Spend},
				{"unspent", r.Unspent, per.Unspent}, {"central share", r.CentralShare, per.CentralShare},
			} {
				if c.q != (Quantiles{c.want, c.want, c.want}) {
					t.Errorf("by %q %s %s: %+v, rolled plan %v", by, per.Label, c.what, c.q, c.want)
				}
			}
			healthy := 0.0
			if per.Healthy {
				healthy = 1
			}
			if r.Label != per.Label || r.Healthy != healthy {
				t.Errorf("by %q %s: label %s, healthy %v, rolled plan %v", by, per.Label, r.Label, r.Healthy, per.Healthy)
			}
		}
	}
}
