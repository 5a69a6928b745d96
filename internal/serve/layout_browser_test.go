package serve_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
)

// outside lists the page's elements whose right edge lies beyond the
// window's: cut off, or reached only by scrolling the whole page sideways.
// A box that scrolls its own wide content (.wide, overflow-x auto) is
// checked itself, not what it scrolls.
const outside = `(() => {
  const bad = [];
  if (document.documentElement.scrollWidth > window.innerWidth) bad.push("the page is " + document.documentElement.scrollWidth + " px wide");
  for (const e of document.querySelectorAll("body *")) {
    const box = e.parentElement && e.parentElement.closest(".wide");
    if (box) continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > window.innerWidth + 0.5) {
      bad.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " ends at " + Math.round(r.right) + " px: " + (e.textContent || "").trim().slice(0, 40));
    }
  }
  return bad.slice(0, 12);
})()`

// The workbench fits the window it is opened in: at a laptop's 1280 px
// and at a narrow 700 px (a window beside another, a tablet) no text,
// table or chart runs past the window's right edge, with the plan, a
// hiring plan (whole-people.yaml), two pins and a sweep on the page; a
// table wider than the window scrolls within its own box. Until session
// 28, at 700 px the results column kept its tables' width, the page was
// 1196 px wide and the In short paragraph ran past the window's edge.
func TestBrowserFitsTheWindow(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	for _, f := range []string{baseline, "../../scenarios/whole-people.yaml"} {
		for _, w := range []int{1280, 700} {
			t.Run(fmt.Sprint(f[len("../../scenarios/"):], "@", w), func(t *testing.T) {
				ts := start(t, f)
				ctx, cancel := browsertest.Start(t, exe, w, 800, 120*time.Second)
				defer cancel()
				console := browsertest.Watch(ctx)
				run := runner(t, ctx)
				run("open", browsertest.Enable(), chromedp.EmulateViewport(int64(w), 800), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
				run("pin", pin("as is", 2))
				run("change the healthy level", chromedp.Evaluate(`(() => { const e = document.querySelector('input[data-path="policy.healthy_heart"]'); e.value = 0.85; e.dispatchEvent(new Event("change")); })()`, nil), waitRendered(2))
				run("pin again", pin("healthy at 85%", 3))
				run("sweep", chromedp.SetValue("#swsteps", "3", chromedp.ByID), chromedp.Click("#swrun", chromedp.ByID),
					poll(`document.getElementById("swmsg").textContent === "done"`))
				var bad []string
				run("measure", chromedp.Evaluate(outside, &bad))
				for _, b := range bad {
					t.Errorf("at %d px: %s", w, b)
				}
				console.Check(t)
			})
		}
	}
}
