package serve_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/serve"
	"github.com/cardio-planning/cardio/internal/solve"
)

const wholePeople = "../../scenarios/whole-people.yaml"

// startStopped serves the whole-people example with a node limit of 3,
// which stops its search in the scores and spend stages.
func startStopped(t *testing.T) *httptest.Server {
	t.Helper()
	s, err := serve.New(serve.Options{Files: []string{wholePeople}, Log: io.Discard, Solve: solve.Options{NodeLimit: 3}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// A plan the node limit stopped comes with the words cardio plan's views
// use for how far from the best it may be, and the page shows them.
func TestChangeWithinGap(t *testing.T) {
	ts := startStopped(t)
	c := open(t, ts)
	code, out := c.post("/api/change", map[string]any{"set": []set{}})
	var r struct {
		Plan plan.Plan
		Gap  string
	}
	if err := json.Unmarshal(out, &r); code != 200 || err != nil {
		t.Fatalf("%d %s: %v", code, out, err)
	}
	if r.Plan.Status != plan.StatusOptimalWithinGap || len(r.Plan.Gaps) == 0 {
		t.Fatalf("status %s, gaps %+v: want the node limit to stop the search", r.Plan.Status, r.Plan.Gaps)
	}
	head := "The search for the best whole headcounts and all-or-nothing investments stopped at its node limit; the plan is within " + report.GapPercent(r.Plan.Gap) + " of the best possible: "
	if !strings.HasPrefix(r.Gap, head) {
		t.Errorf("gap words %q, want them to start %q", r.Gap, head)
	}
	for _, g := range r.Plan.Gaps {
		if !strings.Contains(r.Gap, report.GapPercent(g.Gap)) {
			t.Errorf("gap words %q lack %s's %s", r.Gap, g.Stage, report.GapPercent(g.Gap))
		}
	}

	exe := browsertest.Chromium(t, "cardio serve")
	ctx, cancel := browsertest.Start(t, exe, 1280, 1000, 60*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	var shownText string
	run := runner(t, ctx)
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1),
		chromedp.Text("#problems", &shownText, chromedp.ByID))
	if strings.TrimSpace(shownText) != r.Gap {
		t.Errorf("the page shows %q, the API says %q", shownText, r.Gap)
	}
	console.Check(t)
}
