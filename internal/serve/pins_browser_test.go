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

// Each Δ of the pins' table is the difference of the figures the table
// prints beside it, and a difference that prints as zero has no sign, as
// cardio compare writes it. The page worked the differences out of the
// exact figures and took the sign before rounding: a spend $0.30 apart
// read "+USD 0" (as the page then wrote amounts), a heart of 89.96% (not
// healthy: printed 89.9%, rounded down) against a healthy 90.0% read
// "+0.0 pts", not the +0.1 between the printed hearts, and brains of 52.449% and 52.451% (52.4% and 52.5%)
// "+0.0 pts". The pins' figures are set in the server's answer, so that
// the page's own code formats them.
func TestBrowserPinDeltasOfPrintedFigures(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	ts := start(t, baseline)
	ctx, cancel := browsertest.Start(t, exe, 1280, 800, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	run := runner(t, ctx)
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
	// Totals for the pins, first pin first: heart, healthy, brain, spend.
	run("set the pins' figures", chromedp.Evaluate(`(() => {
		const totals = [[0.8996, false, 0.52449, 6000000], [0.9, true, 0.52451, 6000000.3], [0.90004, true, 0.524, 5999999.8], [0.8996, false, 0.53, 6000001.6]];
		const real = window.fetch;
		window.fetch = async (url, opts) => {
			const r = await real(url, opts);
			if (!String(url).startsWith("/api/pin") || !r.ok) return r;
			const pins = await r.json();
			pins.forEach((p, k) => { const [h, ok, b, s] = totals[k]; Object.assign(p.plan.totals, { heart_mean: h, healthy_all: ok, brain_mean: b, spend: s }); });
			return new Response(JSON.stringify(pins), { status: 200, headers: { "Content-Type": "application/json" } });
		};
	})()`, nil))
	for i, name := range []string{"first", "tiny gap", "zero", "a dollar or two"} {
		run("pin "+name, pin(name, i+2))
	}
	var rows [][]string
	run("read the pins", chromedp.Evaluate(`[...document.querySelectorAll("#pins tr")].slice(1).map((tr) => [...tr.children].slice(2, 8).map((c) => c.textContent))`, &rows))
	want := [][]string{
		{"89.9%", "52.4%", "$6,000,000", "—", "—", "—"},
		{"90.0%", "52.5%", "$6,000,000", "+0.1 pts", "+0.1 pts", "$0"},
		{"90.0%", "52.4%", "$6,000,000", "+0.1 pts", "0.0 pts", "$0"},
		{"89.9%", "53.0%", "$6,000,002", "0.0 pts", "+0.6 pts", "+$2"},
	}
	for i, w := range want {
		if i >= len(rows) || strings.Join(rows[i], "|") != strings.Join(w, "|") {
			var got []string
			if i < len(rows) {
				got = rows[i]
			}
			t.Errorf("pin %d reads %q, want %q", i, got, w)
		}
	}
	console.Check(t)
}
