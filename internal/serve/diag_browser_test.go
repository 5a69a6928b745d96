package serve_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
)

// A refused value's message stands under the input it is about, named
// as the input's label names it: a central share min above the max
// (policy.central_share, the pair) under both boxes, where it went to the
// top of the results while the status pointed at "the input's message";
// negative sellers as "North America: sellers: ...", not the key path
// regions[North America].sellers.
func TestBrowserMessagesUnderTheirInputs(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	ts := start(t, "../../scenarios/baseline.yaml")
	ctx, cancel := browsertest.Start(t, exe, 1280, 1400, 120*time.Second)
	defer cancel()
	run := runner(t, ctx)
	set := func(path, v string) chromedp.Action {
		return chromedp.Evaluate(`(() => { const i = document.querySelector('input[data-path="`+path+`"]'); i.value = "`+v+`"; i.dispatchEvent(new Event("change")); })()`, nil)
	}
	status := func() string {
		var s string
		run("status", chromedp.Text("#status", &s, chromedp.ByID))
		return s
	}
	under := func(path string) string {
		var s string
		run("message of "+path, chromedp.Evaluate(`document.querySelector('.diag[data-for="`+path+`"]').textContent`, &s))
		return s
	}
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
	run("min above max", set("policy.central_share.min", "0.8"), poll(`document.getElementById("status").textContent.startsWith("not applied")`))
	var top string
	run("top", chromedp.Evaluate(`document.getElementById("problems").textContent`, &top))
	for _, p := range []string{"policy.central_share.min", "policy.central_share.max"} {
		if m := under(p); !strings.Contains(m, "greater than max") {
			t.Errorf("under %s: %q, want the central share's message", p, m)
		}
	}
	if top != "" || status() != "not applied: see the input's message" {
		t.Errorf("status %q, top of the results %q: want the message under the inputs only", status(), top)
	}
	run("back", set("policy.central_share.min", ""), poll(`!document.getElementById("status").textContent.startsWith("not applied")`))
	run("negative sellers", set("regions[North America].sellers", "-5"), poll(`document.getElementById("status").textContent.startsWith("not applied")`))
	if m := under("regions[North America].sellers"); !strings.HasPrefix(m, "North America: sellers: ") || strings.Contains(m, "regions[") {
		t.Errorf("under the sellers: %q, want it named as the input's label", m)
	}
}
