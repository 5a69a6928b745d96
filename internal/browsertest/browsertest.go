// Package browsertest starts a headless Chromium for the tests that look at
// cardio's pages as a user's browser shows them (the HTML report, the serve
// workbench). Only tests import it.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// profileRelease is how long the cleanup waits for Chromium's helper
// processes, which outlive the browser's by a moment, to stop writing into
// the profile directory before it is removed.
const profileRelease = 5 * time.Second

// Chromium finds a Chromium to drive, or skips the test saying how to get
// one (what names the page under test). CI installs Debian's chromium
// (.ci/run).
func Chromium(t *testing.T, what string) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skipf("no chromium on PATH: the browser test of %s is skipped (apt-get install chromium to run it; CI does)", what)
	return ""
}

// Start starts a headless Chromium with the flags that work in a container
// without a display, a sandbox or a network, in a window of w x h pixels,
// for at most timeout. Its profile is a new temporary directory, removed
// when the test ends, once Chromium has let go of it (t.TempDir's own
// cleanup failed the test when a helper process still wrote into it).
func Start(t *testing.T, exe string, w, h int, timeout time.Duration) (context.Context, context.CancelFunc) {
	t.Helper()
	profile, err := os.MkdirTemp("", "cardio-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		deadline := time.Now().Add(profileRelease)
		for os.RemoveAll(profile) != nil && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(w, h),
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	return bctx, func() { cancelBrowser(); cancelAlloc(); cancelTimeout() }
}

// Console collects what pages report as wrong while a test drives them:
// console errors and warnings, uncaught exceptions and error log entries
// (a failed load among them). Chromium's events arrive on chromedp's own
// goroutine, so the list is behind a lock.
type Console struct {
	mu       sync.Mutex
	problems []string
}

// Watch starts collecting the problems of the pages of ctx (a context
// from Start). Run Enable first on the page so that its log and console
// events are sent.
func Watch(ctx context.Context) *Console {
	c := &Console{}
	chromedp.ListenTarget(ctx, func(ev any) {
		var p string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				p = "console " + string(ev.Type)
				for _, a := range ev.Args {
					p += " " + string(a.Value)
				}
			}
		case *runtime.EventExceptionThrown:
			p = "exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				p += " " + ev.ExceptionDetails.Exception.Description
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				p = "log: " + ev.Entry.Text + " " + ev.Entry.URL
			}
		}
		if p != "" {
			c.mu.Lock()
			c.problems = append(c.problems, p)
			c.mu.Unlock()
		}
	})
	return c
}

// Enable turns on the page's log and runtime events, which Watch reads.
func Enable() chromedp.Action {
	return chromedp.Tasks{log.Enable(), runtime.Enable()}
}

// Problems are the problems collected so far.
func (c *Console) Problems() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.problems)
}

// Check fails the test for each problem collected so far.
func (c *Console) Check(t *testing.T) {
	t.Helper()
	for _, p := range c.Problems() {
		t.Errorf("a page logged %s", p)
	}
}
