package plan

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestFreeInvestmentStageConverges is the plan that made the primal simplex
// go round in circles: 16 functions x 4 regions x 8 quarters with the
// incentive compensation tool free (what an investment's break-even search
// tries first). Its spend stage has duals of 2e10, from the hold rows of the
// stages before, and reduced costs of pure round-off (1e-9 to 3e-7 on terms
// of 1e9); the simplex entered such columns and swapped them back and forth
// until its iteration limit, 57,660 iterations, and the plan failed with
// "iteration limit reached" (cardio invest on the scenario did too). With
// simplex.DualRoundoff the stage ends optimal, and the plan agrees with
// glpsol on every stage (the plan itself is verified against the scenario by Optimize).
func TestFreeInvestmentStageConverges(t *testing.T) {
	// The file is also the solve package's (TestRoundoffStageEveryMethod).
	const file = "testdata/enterprise-4x8.yaml"
	want := enterpriseYAML(4, 8, false)
	if os.Getenv("CARDIO_WRITE_ENTERPRISE") != "" {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != want {
		t.Fatalf("%s is not enterpriseYAML(4, 8, false) (%v): run with CARDIO_WRITE_ENTERPRISE=1", file, err)
	}
	s, err := scenario.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(s.Investments, func(inv scenario.Investment) bool { return inv.ID == "comp_tool" })
	if i < 0 {
		t.Fatal("no comp_tool in the enterprise scenario")
	}
	free := priced(s, i, 0)
	p, err := Optimize(context.Background(), free, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatalf("planning with %s free: %v", s.Investments[i].ID, err)
	}
	if p.Status != StatusOptimal {
		t.Fatalf("status %s, want optimal", p.Status)
	}
	// Free, it is bought: it covers work at no cost.
	bought := false
	for _, per := range p.Periods {
		bought = bought || per.Investments[i].Level > 0
	}
	if !bought {
		t.Errorf("%s free is not bought", s.Investments[i].ID)
	}
	stagesAgreeWithGLPK(context.Background(), t, "comp_tool free", free, nil)
}
