package serve

import (
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Each kind of change a pin lists is said in words: an investment's
// decision as the page's select says it, a share as a percentage, a
// function by its name, money in the scenario's currency.
func TestEditWords(t *testing.T) {
	sc, err := scenario.Load("../../scenarios/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		e    edit
		want string
	}{
		{edit{"investments[cpq].decision", "in"}, "CPQ platform forced in"},
		{edit{"investments[cpq].decision", "out"}, "CPQ platform forced out"},
		{edit{"investments[cpq].decision", "optimize"}, "CPQ platform left to the optimizer"},
		{edit{"policy.healthy_heart", 0.85}, "policy: healthy heart to 85.0%"},
		{edit{"functions[territories].min_coverage", 0.8}, "Territory design: min coverage to 80.0%"},
		{edit{"regions[EMEA].cost_per_fte", 152500.5}, "EMEA: cost per FTE to $152,500.50"},
		{edit{"policy.max_fte", 40.0}, "policy: max FTE to 40"},
	} {
		if got := editWords(sc, c.e); got != c.want {
			t.Errorf("%s=%v reads %q, want %q", c.e.Path, c.e.Value, got, c.want)
		}
	}
}
