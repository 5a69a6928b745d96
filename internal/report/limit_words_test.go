package report

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// A limit of people is printed as the scenario gives it, never above it,
// so that a sentence that sets a figure against it reads as it holds: a
// headcount cap of 19.25 read "the headcount cap of 19.3 FTE is below the
// 19.3 FTE required", and a hire limit of 3.05 "hires 3.1, more than its
// limit of 3.1". Each sentence is read back: the limit printed is the
// limit (or below it, past four decimals), and the figure it is set
// against is on the side the sentence says.
func TestLimitWordsReadAsTheyHold(t *testing.T) {
	floors := []plan.Constraint{{Kind: plan.BindFloor, ID: "a", Limit: 0.8}}
	num := regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
	for _, tc := range []struct {
		f            plan.Finding
		limit, other float64 // the limit and the figure set against it
	}{
		{plan.Finding{Kind: plan.KindHeadcountCapTooSmall, Meet: floors, Numbers: map[string]float64{"cap": 19.25, "need": 19.2928}}, 19.25, 19.2928},
		{plan.Finding{Kind: plan.KindHeadcountCapTooSmall, Meet: floors, Numbers: map[string]float64{"cap": 19.2927, "need": 19.29278}}, 19.2927, 19.29278},
		{plan.Finding{Kind: plan.KindHeadcountCapTooSmall, Meet: floors, Numbers: map[string]float64{"cap": 1.0 / 3, "need": 0.34}}, 1.0 / 3, 0.34},
		{plan.Finding{Kind: plan.KindOverHeadcountCap, Period: "2027", Numbers: map[string]float64{"fte": 38.06, "cap": 38.05}}, 38.05, 38.06},
		{plan.Finding{Kind: plan.KindHiresOverLimit, Period: "2027", Team: "central", Numbers: map[string]float64{"change": 3.06, "limit": 3.05}}, 3.05, 3.06},
	} {
		got := ProblemWord("USD", tc.f)
		figs := num.FindAllString(got, -1)
		var printedLimit, printedOther string
		switch tc.f.Kind {
		case plan.KindHeadcountCapTooSmall: // "the headcount cap of L FTE is below the N FTE required"
			printedLimit, printedOther = figs[0], figs[1]
		default: // "2027: N FTE exceed the headcount cap of L FTE", "2027: ... hires N, more than its limit of L"
			printedOther, printedLimit = figs[1], figs[2]
		}
		l, _ := strconv.ParseFloat(printedLimit, 64)
		o, _ := strconv.ParseFloat(printedOther, 64)
		if l > tc.limit+1e-12 || tc.limit-l >= 1e-4 {
			t.Errorf("%q: the limit %v reads %s", got, tc.limit, printedLimit)
		}
		if !(o > l) || o < tc.other-1e-12 {
			t.Errorf("%q: %v against a limit of %v reads %s against %s", got, tc.other, tc.limit, printedOther, printedLimit)
		}
	}
}

// The baseline with a headcount cap of 38.05: "In short" says the cap the
// plan reaches as the scenario gives it, not 38.1, a headcount it does not
// allow.
func TestHeadcountCapReachedWords(t *testing.T) {
	s, err := scenario.Load(filepath.Join("..", "..", "scenarios", "baseline.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Policy.MaxFTE = 38.05
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WritePlan(&b, p, Table); err != nil {
		t.Fatal(err)
	}
	if want := "the headcount cap of 38.05 FTE is reached"; !strings.Contains(b.String(), want) {
		t.Errorf("no %q in\n%s", want, b.String())
	}
}
