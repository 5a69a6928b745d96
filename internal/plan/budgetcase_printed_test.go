package plan

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// parseMoney reads back what FormatMoney prints (ParseMoney).
func parseMoney(t *testing.T, text string) float64 {
	t.Helper()
	x, err := ParseMoney(text)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// precision is a way a view prints a least budget: the printed figure
// (rounded up) and the step below it.
type precision struct {
	name  string
	print func(x float64) float64
	step  func(printed float64) float64
}

// precisions are the views' precisions for a least budget: the table,
// Markdown and text (FormatMoneyUp, read back from its text), and JSON and
// CSV (rounded up to the cent).
func precisions(t *testing.T) []precision {
	return []precision{
		{"table", func(x float64) float64 { return parseMoney(t, FormatMoneyUp("USD", x)) }, MoneyStep},
		{"cents", func(x float64) float64 { return math.Ceil(x*100-1e-6) / 100 }, func(float64) float64 { return 0.01 }},
	}
}

// checkPrintedBudget is issue 10's contract for one budget case: planning
// at exactly the printed least budget (the annual budget, or the horizon's
// total for a per_period budget) reaches the targets in every period; one
// printed step below, the plan misses them, or the least budget is above
// that step (it could not have been printed lower). With the table's
// precision, whose step is far above the search's resolution, the plan one
// step below must miss.
func checkPrintedBudget(t *testing.T, s *scenario.Scenario, lp solve.LPSolver, heart, brain float64) bool {
	t.Helper()
	ctx := context.Background()
	bc, err := BudgetCase(ctx, s, lp, heart, brain)
	if err != nil {
		t.Fatal(err)
	}
	if !bc.Feasible {
		return false
	}
	// The figure printed: the annual budget, or a per_period budget's total.
	base := s.AnnualBudget() * printedPerYear(s)
	if base <= 0 {
		return false
	}
	least := bc.Scale * base
	if bc.Annual != nil && !near(*bc.Annual, least, 1e-12) {
		t.Errorf("annual %v, scale times budget %v", *bc.Annual, least)
	}
	target := WithHealthyAtLeast(s, heart)
	// A healthy target asks for every heart cell at healthy, not only the
	// score (HealthyTarget).
	healthy := HealthyTarget(s, heart)
	planAt := func(amount float64) *Plan {
		p, err := Optimize(ctx, ScaleBudget(target, amount/base), lp, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, pr := range precisions(t) {
		printed := pr.print(least)
		if printed < least-1e-9*least {
			t.Errorf("%s: least budget %.2f printed as %.2f, below it", pr.name, least, printed)
		}
		if p := planAt(printed); !meetsCase(p, heart, brain, healthy) {
			t.Errorf("%s: at the printed %.2f (least %.4f) the plan misses heart %g brain %g: %s", pr.name, printed, least, heart, brain, scores(p))
		}
		below := printed - pr.step(printed)
		if below <= 0 {
			continue
		}
		if meetsCase(planAt(below), heart, brain, healthy) {
			if pr.name == "table" || least <= below {
				t.Errorf("%s: one step below the printed %.2f, at %.2f, the plan still reaches heart %g brain %g (least %.4f)", pr.name, printed, below, heart, brain, least)
			}
		}
	}
	return true
}

func scores(p *Plan) string {
	var b strings.Builder
	for _, per := range p.Periods {
		fmt.Fprintf(&b, " %s heart %.7f brain %.7f;", per.Label, per.Heart, per.Brain)
	}
	return p.Status + b.String()
}

// The bundled scenarios, with a healthy heart, a heart above healthy, and
// heart and brain targets (issue 10's baseline case is 90% and 95%).
func TestBudgetCasePrintedBundled(t *testing.T) {
	files, err := filepath.Glob("../../scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled scenarios: %v", err)
	}
	for _, file := range files {
		s, err := scenario.Load(file, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range [][2]float64{{s.Policy.HealthyHeart, 0}, {0.95, 0}, {0.9, 0.95}} {
			t.Run(fmt.Sprintf("%s heart %g brain %g", filepath.Base(file), tg[0], tg[1]), func(t *testing.T) {
				t.Parallel() // each case plans its own copies of s
				if !checkPrintedBudget(t, s, solve.Revised{}, tg[0], tg[1]) {
					t.Log("no budget reaches the targets")
				}
			})
		}
	}
}

// Seeded random scenarios (randomScenario): a healthy heart, and heart and
// brain targets.
func TestBudgetCasePrintedRandom(t *testing.T) {
	n, checked := 30, 0
	if testing.Short() {
		n = 10
	}
	for seed := range uint64(n) {
		s := randomScenario(rand.New(rand.NewPCG(seed, 11)))
		for _, tg := range [][2]float64{{s.Policy.HealthyHeart, 0}, {0.8, 0.5}} {
			t.Run(fmt.Sprintf("seed %d heart %.3f brain %g", seed, tg[0], tg[1]), func(t *testing.T) {
				if checkPrintedBudget(t, s, solve.Revised{}, tg[0], tg[1]) {
					checked++
				}
			})
		}
	}
	if checked < n/2 {
		t.Errorf("only %d of %d budget cases were feasible: the test checks too little", checked, 2*n)
	}
}
