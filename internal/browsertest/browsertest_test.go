package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWatch: a page that logs an error and throws is caught by Watch, and
// a quiet page leaves nothing, so the browser tests' "no console error"
// can fail.
func TestWatch(t *testing.T) {
	exe := Chromium(t, "the console watcher")
	ctx, cancel := Start(t, exe, 400, 300, 60*time.Second)
	defer cancel()
	console := Watch(ctx)
	if err := chromedp.Run(ctx, Enable(), chromedp.Navigate(`data:text/html,<p>quiet</p>`), chromedp.WaitReady("p", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if got := console.Problems(); len(got) != 0 {
		t.Fatalf("a quiet page gave %q", got)
	}
	noisy := `data:text/html,<p>noisy</p><script>console.error("boom"); throw new Error("bang")</script>`
	var ok bool
	if err := chromedp.Run(ctx, chromedp.Navigate(noisy), chromedp.WaitReady("p", chromedp.ByQuery), chromedp.Poll(`true`, &ok)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(strings.Join(console.Problems(), "|"), "bang") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	got := strings.Join(console.Problems(), "|")
	if !strings.Contains(got, "boom") || !strings.Contains(got, "bang") {
		t.Errorf("the noisy page gave %q, want its console error boom and its exception bang", got)
	}
}
