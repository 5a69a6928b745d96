package serve_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
)

const monthly = "../../scenarios/monthly-fiscal.yaml"

// period is the part of a plan period the roll-up test re-derives.
type period struct {
	Label        string  `json:"label"`
	Heart        float64 `json:"heart"`
	Brain        float64 `json:"brain"`
	Spend        float64 `json:"spend"`
	Budget       float64 `json:"budget"`
	CentralFTE   float64 `json:"central_fte"`
	LocalFTE     float64 `json:"local_fte"`
	Healthy      bool    `json:"healthy"`
	WeakestHeart *struct {
		Coverage float64 `json:"coverage"`
	} `json:"weakest_heart"`
}

// A monthly plan's answer carries its periods rolled up to fiscal
// quarters for the page's table, each re-derived here from the months of
// the same answer; the plan itself keeps every month, and a quarterly
// plan has no roll-up.
func TestChangeRollsUpMonths(t *testing.T) {
	ts := start(t, monthly, baseline)
	c := open(t, ts)
	var r struct {
		Plan struct {
			Periods []period `json:"periods"`
		} `json:"plan"`
		Rolled *struct {
			By, Unit string
			Periods  []period `json:"periods"`
		} `json:"rolled"`
	}
	_, out := c.post("/api/change", map[string]any{})
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	months := r.Plan.Periods
	if len(months) != 18 || r.Rolled == nil || r.Rolled.By != "quarter" || r.Rolled.Unit != "month" || len(r.Rolled.Periods) != 6 {
		t.Fatalf("%d months, rolled %+v", len(months), r.Rolled)
	}
	labels := []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1", "FY29-Q2"}
	for k, q := range r.Rolled.Periods {
		ms := months[3*k : 3*k+3]
		var heart, brain, spend, budget float64
		healthy, weakest, isMonths := true, math.Inf(1), false
		for _, m := range ms {
			heart += m.Heart / 3
			brain += m.Brain / 3
			spend += m.Spend
			budget += m.Budget
			healthy = healthy && m.Healthy
			if m.WeakestHeart != nil {
				weakest = math.Min(weakest, m.WeakestHeart.Coverage)
				isMonths = isMonths || (q.WeakestHeart != nil && q.WeakestHeart.Coverage == m.WeakestHeart.Coverage)
			}
		}
		// The weakest cell is one of its months', the weakest of them up
		// to the tie a cell at the healthy threshold makes (plan.WeakerCell).
		if !isMonths || q.WeakestHeart.Coverage > weakest+1e-9 {
			t.Errorf("%s: weakest heart cell %+v is not its months' weakest (%v)", labels[k], q.WeakestHeart, weakest)
		}
		last := ms[2]
		// Money is in cents in each period: the sum of three is within 2
		// cents of the rolled sum rounded once.
		if q.Label != labels[k] || math.Abs(q.Heart-heart) > 1e-12 || math.Abs(q.Brain-brain) > 1e-12 ||
			math.Abs(q.Spend-spend) > 0.02 || math.Abs(q.Budget-budget) > 0.02 ||
			q.CentralFTE != last.CentralFTE || q.LocalFTE != last.LocalFTE || q.Healthy != healthy {
			t.Errorf("%s: rolled %+v, want heart %v brain %v spend %v budget %v FTE %v/%v healthy %v",
				labels[k], q, heart, brain, spend, budget, last.CentralFTE, last.LocalFTE, healthy)
		}
	}
	// The downloaded HTML report rolls the months up as cardio report does.
	resp, err := c.http.Get(ts.URL + "/api/download?file=0&format=html")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte("<tr><td>FY28-Q1</td><td>growth</td>")) ||
		bytes.Contains(page, []byte("<tr><td>2027-05</td><td>growth</td>")) {
		t.Errorf("the downloaded report (%d) does not show the plan by quarter", resp.StatusCode)
	}
	_, out = c.post("/api/change", map[string]any{"file": 1})
	r.Rolled = nil
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	if r.Rolled != nil || len(r.Plan.Periods) != 4 {
		t.Errorf("the quarterly baseline rolls up: %+v, %d periods", r.Rolled, len(r.Plan.Periods))
	}
}

// In the browser, the table of a monthly plan shows its fiscal quarters
// with a note saying how they are rolled up; switching to a quarterly
// scenario shows its quarters and no note.
func TestBrowserMonths(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	ts := start(t, monthly, baseline)
	ctx, cancel := browsertest.Start(t, exe, 1280, 1400, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	run := runner(t, ctx)
	table := func() (head string, labels []string, note string) {
		t.Helper()
		run("read the table",
			chromedp.Evaluate(`document.querySelector("#periods tr").firstChild.textContent`, &head),
			chromedp.Evaluate(`[...document.querySelectorAll("#periods tr td:first-child")].map((td) => td.textContent)`, &labels),
			chromedp.Text("#periodsnote", &note, chromedp.ByID, chromedp.AtLeast(0)))
		return head, labels, note
	}
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
	head, labels, note := table()
	if head != "Quarter" || strings.Join(labels, " ") != "FY28-Q1 FY28-Q2 FY28-Q3 FY28-Q4 FY29-Q1 FY29-Q2" ||
		!strings.HasPrefix(note, "The plan's months are rolled up to quarters: money is summed;") {
		t.Errorf("monthly-fiscal shows %q %q, note %q", head, labels, note)
	}
	run("switch to the baseline", pickFile(1, 2))
	head, labels, note = table()
	if head != "Period" || strings.Join(labels, " ") != "2027-Q1 2027-Q2 2027-Q3 2027-Q4" || note != "" {
		t.Errorf("the baseline shows %q %q, note %q", head, labels, note)
	}
	// A pin of each file: 18 months against a year compare spend a year,
	// each total over its horizon's years.
	run("pin the baseline", pin("base", 2))
	run("back to the months", pickFile(0, 3))
	run("pin the months", pin("months", 3))
	var pins [][]string
	run("read the pins", chromedp.Evaluate(`[...document.querySelectorAll("#pins tr")].map((tr) => [...tr.children].map((c) => c.textContent))`, &pins))
	spend := func(file string, years float64) float64 {
		return figuresOf(t, cliPlan(t, file)).Totals["spend"].(float64) / years
	}
	base, months := spend(baseline, 1), spend(monthly, 1.5)
	usd := func(x float64) string {
		if r := math.Round(x); r < 0 {
			return "-$" + commas(int64(-r))
		}
		return "$" + commas(int64(math.Round(x)))
	}
	// The difference is of the amounts printed, whole units each.
	gap := math.Round(months) - math.Round(base)
	want := [][]string{
		{"Spend a year", "Δ spend a year"},
		{usd(base), "—"},
		{usd(months), "+" + usd(gap)},
	}
	if gap <= 0 {
		want[2][1] = usd(gap)
	}
	for i, w := range want {
		if len(pins) <= i || len(pins[i]) < 8 || pins[i][4] != w[0] || pins[i][7] != w[1] {
			t.Errorf("pins row %d: %q, want spend %q and its difference %q", i, pins[min(i, len(pins)-1)], w[0], w[1])
		}
	}
	console.Check(t)
}

// commas writes n with thousands separators, as toLocaleString("en-US").
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
