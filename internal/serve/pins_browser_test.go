package serve_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// The pins' table says each variant's changes in a sales ops leader's
// words, as the sweep names an input: "annual budget to $5,500,000; CPQ
// platform forced in; North America: sellers to 400", the names read from
// the scenario file; until session 28 it showed the key paths and raw
// numbers, "budget.annual=5500000; investments[cpq].decision=in".
func TestBrowserPinChangesInWords(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	sc, err := scenario.Load(baseline, nil)
	if err != nil {
		t.Fatal(err)
	}
	inv := sc.Investments[0]
	region := sc.Regions[0].Name
	ts := start(t, baseline)
	ctx, cancel := browsertest.Start(t, exe, 1280, 800, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	run := runner(t, ctx)
	set := func(sel, v string) chromedp.Action {
		return chromedp.Evaluate(`(() => { const e = document.querySelector('`+sel+`'); e.value = "`+v+`"; e.dispatchEvent(new Event("change")); })()`, nil)
	}
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
	run("pin the file", pin("as is", 2))
	run("cut the budget", set(`input[type=number][data-path="budget.annual"]`, "5500000"), waitRendered(2))
	run("force in", set(`select[data-inv="`+inv.ID+`"]`, "in"), waitRendered(3))
	run("sellers", set(`input[type=number][data-path="regions[`+region+`].sellers"]`, "400"), waitRendered(4))
	run("pin the variant", pin("cut", 3))
	var changes []string
	run("read the changes", chromedp.Evaluate(`[...document.querySelectorAll("#pins tr")].slice(1).map((tr) => tr.cells[tr.cells.length - 2].textContent)`, &changes))
	want := []string{"the file as it is", "annual budget to $5,500,000; " + inv.Name + " forced in; " + region + ": sellers to 400"}
	if strings.Join(changes, "|") != strings.Join(want, "|") {
		t.Errorf("the pins' changes read %q, want %q", changes, want)
	}
	console.Check(t)
}
