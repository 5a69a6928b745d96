package plan

import (
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestMarginalBudgetByHand's plan: the heart at 75% is not healthy, and
// another $100k takes it to 90%, healthy: the marginal value says so, for
// the year and for the period alone; one period ties nothing together.
func TestMarginalMakesHealthyByHand(t *testing.T) {
	s := tiny(150000, fn("h", scenario.Heart, scenario.Either, 2, 0), fn("b", scenario.Brain, scenario.Either, 1, 0))
	p, m := marginals(t, s)
	if p.Periods[0].Healthy {
		t.Fatal("the plan's heart is healthy at 75%")
	}
	if !slices.Equal(m.Budget.MakesHealthy, []string{"2027"}) || m.Budget.MakesUnhealthy != nil {
		t.Errorf("another $100k makes healthy %v, unhealthy %v; want 2027, none", m.Budget.MakesHealthy, m.Budget.MakesUnhealthy)
	}
	if !slices.Equal(m.Periods[0].MakesHealthy, []string{"2027"}) {
		t.Errorf("2027's $100k alone makes healthy %v", m.Periods[0].MakesHealthy)
	}
	if m.Linked != nil {
		t.Errorf("one period, linked by %v", m.Linked)
	}
	// With money to spare the heart is healthy already: nothing turns.
	s = tiny(1e6, fn("h", scenario.Heart, scenario.Either, 2, 0))
	_, m = marginals(t, s)
	if m.Budget.MakesHealthy != nil || m.Budget.MakesUnhealthy != nil {
		t.Errorf("a healthy plan: makes healthy %v, unhealthy %v", m.Budget.MakesHealthy, m.Budget.MakesUnhealthy)
	}
}

// What ties the periods together is read off the scenario: the bundled
// baseline has hire limits and the CPQ platform on offer.
func TestMarginalLinked(t *testing.T) {
	s, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	got, invs := linked(s)
	if !slices.Equal(got, []string{LinkHireLimits, LinkInvestments}) || !slices.Equal(invs, []string{"cpq"}) {
		t.Errorf("baseline linked by %v, investments %v", got, invs)
	}
	for i := range s.Investments {
		s.Investments[i].Decision = scenario.Out
	}
	for _, tm := range append([]*scenario.Team{&s.Central}, func() []*scenario.Team {
		var out []*scenario.Team
		for r := range s.Regions {
			out = append(out, &s.Regions[r].Team)
		}
		return out
	}()...) {
		tm.MaxHiresPerPeriod, tm.MaxExitsPerPeriod = -1, -1
	}
	if got, invs := linked(s); got != nil || invs != nil {
		t.Errorf("without limits and with every investment decided: linked by %v, investments %v", got, invs)
	}
}
