package serve_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// An emptied box gives its input back the file's value: a headcount cap
// typed into shrinking-budget.yaml (which sets none) is removed by
// clearing the box, and the baseline's cap of 36 typed over its 45 goes
// back to 45; the page shows the file's own plan again. The box used to
// say "give a number" and keep the cap.
func TestBrowserEmptyBoxGivesBackFileValue(t *testing.T) {
	for _, c := range []struct{ file, box string }{{"shrinking-budget.yaml", ""}, {"baseline.yaml", "45"}} {
		t.Run(c.file, func(t *testing.T) { emptyBox(t, "../../scenarios/"+c.file, c.box) })
	}
}

func emptyBox(t *testing.T, file, want string) {
	exe := browsertest.Chromium(t, "cardio serve")
	ts := start(t, file)
	ctx, cancel := browsertest.Start(t, exe, 1280, 1400, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	run := runner(t, ctx)
	set := func(v string) chromedp.Action {
		return chromedp.Evaluate(`(() => { const i = document.querySelector('input[data-path="policy.max_fte"]'); i.value = "`+v+`"; i.dispatchEvent(new Event("change")); })()`, nil)
	}
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
	own := shown(ctx, t)
	run("cap", set("36"), waitRendered(2))
	capped := shown(ctx, t)
	s, err := scenario.Load(file, []string{"policy.max_fte=36"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := [3]float64{p.Totals.HeartMean, p.Totals.BrainMean, p.Totals.Spend}; !near(capped, want) || near(capped, own) {
		t.Fatalf("a cap of 36 FTE shows %v, cardio plan --set gives %v (the file's own %v)", capped, want, own)
	}
	var box, diag string
	run("clear", set(""), waitRendered(3),
		chromedp.Value(`input[data-path="policy.max_fte"]`, &box, chromedp.ByQuery),
		chromedp.Text(`.diag[data-for="policy.max_fte"]`, &diag, chromedp.ByQuery))
	if got := shown(ctx, t); !near(got, own) {
		t.Errorf("the cap cleared shows %v, the file's own plan %v", got, own)
	}
	if box != want || diag != "" {
		t.Errorf("the cleared box reads %q with the message %q, want the file's %q and no message", box, diag, want)
	}
	console.Check(t)
}
