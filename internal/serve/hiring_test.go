package serve_test

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cardio-planning/cardio/internal/browsertest"
	"github.com/cardio-planning/cardio/internal/cli"
	"github.com/cardio-planning/cardio/internal/report"
)

const monthsRoster = "testdata/months-roster.yaml"

// cliMarkdown is `cardio plan FILE --format markdown`, with or without
// marginal values.
func cliMarkdown(t testing.TB, file string, marginal bool) string {
	t.Helper()
	args := []string{"plan", file, "--format", "markdown"}
	if !marginal {
		args = append(args, "--marginal=false")
	}
	var out, errOut bytes.Buffer
	if code := cli.Main(args, &cli.IOStreams{Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("cardio %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

// section is what a reader sees of a section of cardio's Markdown or of
// the workbench's HTML: its heading, its paragraphs and its table's cells,
// as plain text.
type section struct {
	Heading string
	Paras   []string
	Cells   [][]string
}

// mdSection is the section of md headed "## heading..." (up to the next
// "## "), its text as a reader sees it: no ** or ` marks, the table's
// separator row left out.
func mdSection(md, heading string) section {
	var s section
	in := false
	plain := strings.NewReplacer("**", "", "`", "")
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			in = strings.HasPrefix(line, "## "+heading)
			if in {
				s.Heading = strings.TrimPrefix(line, "## ")
			}
		case !in || strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "|:") || strings.HasPrefix(line, "|-"):
		case strings.HasPrefix(line, "|"):
			var row []string
			for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
				row = append(row, plain.Replace(strings.TrimSpace(c)))
			}
			s.Cells = append(s.Cells, row)
		default:
			s.Paras = append(s.Paras, plain.Replace(line))
		}
	}
	return s
}

var (
	headingRE = regexp.MustCompile(`(?s)<h2[^>]*>(.*?)</h2>`)
	paraRE    = regexp.MustCompile(`(?s)<p[^>]*>(.*?)</p>`)
	rowRE     = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE    = regexp.MustCompile(`(?s)<t[dh][^>]*>(.*?)</t[dh]>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
)

// htmlSection reads an HTML fragment as a reader sees it.
func htmlSection(h string) section {
	text := func(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }
	var s section
	if m := headingRE.FindStringSubmatch(h); m != nil {
		s.Heading = text(m[1])
	}
	for _, m := range paraRE.FindAllStringSubmatch(h, -1) {
		s.Paras = append(s.Paras, text(m[1]))
	}
	for _, r := range rowRE.FindAllStringSubmatch(h, -1) {
		var row []string
		for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
			row = append(row, strings.TrimSpace(text(c[1])))
		}
		s.Cells = append(s.Cells, row)
	}
	return s
}

func sameSection(t *testing.T, what string, got, want section) {
	t.Helper()
	if got.Heading != want.Heading {
		t.Errorf("%s: heading %q, cardio plan's %q", what, got.Heading, want.Heading)
	}
	if strings.Join(got.Paras, "\n") != strings.Join(want.Paras, "\n") {
		t.Errorf("%s: paragraphs\n%q\ncardio plan's\n%q", what, got.Paras, want.Paras)
	}
	if len(got.Cells) != len(want.Cells) {
		t.Fatalf("%s: %d table rows, cardio plan's %d", what, len(got.Cells), len(want.Cells))
	}
	for i := range got.Cells {
		if strings.Join(got.Cells[i], "|") != strings.Join(want.Cells[i], "|") {
			t.Errorf("%s: row %d %q, cardio plan's %q", what, i, got.Cells[i], want.Cells[i])
		}
	}
}

// hiringAnswer is the part of a change's answer the hiring tests read.
type hiringAnswer struct {
	HiringHTML string `json:"hiring_html"`
	Plan       struct {
		Hiring *struct {
			InFTE bool `json:"in_fte"`
			Teams []struct {
				Team, Name string
				Current    float64
				Periods    []struct {
					Period       string
					Headcount    float64
					Hires, Exits float64
					Kept, New    *float64
				}
			}
		}
	} `json:"plan"`
}

func hiringOf(t *testing.T, c *client, body map[string]any) hiringAnswer {
	t.Helper()
	code, out := c.post("/api/change", body)
	var a hiringAnswer
	if err := json.Unmarshal(out, &a); code != 200 || err != nil {
		t.Fatalf("change %v: %d %v %.300s", body, code, err, out)
	}
	return a
}

// The workbench shows the hiring plan cardio plan's views show, in their
// words and figures: in whole people (whole-people.yaml), in FTE where a
// roster is replaced, rolled up to quarters for a monthly plan (the
// months-roster test scenario), and none for a plan in FTE without a
// roster (the baseline).
func TestChangeHiring(t *testing.T) {
	ts := start(t, wholePeople, monthsRoster, baseline)
	c := open(t, ts)
	for i, tc := range []struct {
		file    string
		heading string
	}{
		{wholePeople, "Hiring plan in whole people"},
		{monthsRoster, "Hiring plan in FTE"},
	} {
		a := hiringOf(t, c, map[string]any{"file": i})
		want := mdSection(cliMarkdown(t, tc.file, false), "Hiring plan")
		if want.Heading != tc.heading || len(want.Cells) < 2 {
			t.Fatalf("%s: cardio plan's hiring plan: %+v", tc.file, want)
		}
		sameSection(t, tc.file, htmlSection(a.HiringHTML), want)
	}
	if a := hiringOf(t, c, map[string]any{"file": 2}); a.HiringHTML != "" || a.Plan.Hiring != nil {
		t.Errorf("the baseline has a hiring plan: %.300s", a.HiringHTML)
	}
}

// After a change, the page's hiring plan of a monthly plan is its months
// rolled up to quarters: re-derived here from the months of the same
// answer (the headcount, kept and new at a quarter's end, hires and exits
// summed over it). The months-roster scenario's central team, whose two
// roster FTE cost $110k against $100k for a new hire, may shed 0.5 FTE a
// month: it keeps 0.5 of them at the end of 2027-Q1 and none after, by
// hand; at a new hire's $105k the plan replaces them all the same.
func TestChangeHiringRolledUp(t *testing.T) {
	ts := start(t, monthsRoster)
	c := open(t, ts)
	a := hiringOf(t, c, map[string]any{"set": []set{{"central.cost_per_fte", 105000}}})
	h := a.Plan.Hiring
	if h == nil || !h.InFTE {
		t.Fatalf("no hiring plan in FTE: %+v", h)
	}
	got := htmlSection(a.HiringHTML)
	var want [][]string
	keptCentral := map[string]string{}
	for _, tm := range h.Teams {
		name := tm.Name
		if name == "" {
			name = "central"
		}
		split := tm.Periods[0].Kept != nil
		row := []string{name, "today", report.FTE(tm.Current)}
		if split {
			row = append(row, report.FTE(tm.Current), report.FTE(0))
		} else if h.Teams[0].Periods[0].Kept != nil {
			row = append(row, "", "")
		}
		want = append(want, append(row, "", ""))
		for q := range 2 {
			ms := tm.Periods[3*q : 3*q+3]
			end := ms[2]
			var hires, exits float64
			for _, m := range ms {
				hires += m.Hires
				exits += m.Exits
			}
			label := []string{"2027-Q1", "2027-Q2"}[q]
			row := []string{name, label, report.FTE(end.Headcount)}
			if split {
				row = append(row, report.FTE(*end.Kept), report.FTE(*end.New))
				if tm.Team == "central" {
					keptCentral[label] = report.FTE(*end.Kept)
				}
			} else {
				row = append(row, "", "")
			}
			want = append(want, append(row, report.FTE(hires), report.FTE(exits)))
		}
	}
	if len(got.Cells) != len(want)+1 {
		t.Fatalf("%d rows, want %d and a header: %q", len(got.Cells), len(want), got.Cells)
	}
	for i, w := range want {
		g := got.Cells[i+1]
		if len(g) != len(w)+1 || strings.Join(g[:len(w)], "|") != strings.Join(w, "|") {
			t.Errorf("row %d: %q, want %q and the FTE by function", i+1, g, w)
		}
	}
	if keptCentral["2027-Q1"] != "0.5" || keptCentral["2027-Q2"] != "0.0" {
		t.Errorf("central keeps %v of its roster, by hand 0.5 at the end of 2027-Q1 and 0.0 of 2027-Q2", keptCentral)
	}
	if !strings.Contains(strings.Join(got.Paras, " "), "A rolled-up period shows the headcount") {
		t.Errorf("the rolled-up hiring plan does not say how it is rolled up: %q", got.Paras)
	}
}

// The "In short" paragraph comes with the marginal values, in the words of
// cardio plan (with its marginal values): monthly-fiscal's says what
// another $100k a year would buy, the months-roster scenario's which
// roster staff the plan replaces, in the quarters the page's table shows
// (January to April: 2027-Q1 and 2027-Q2). A change that leaves no plan
// has none.
func TestExtrasInShort(t *testing.T) {
	ts := start(t, "../../scenarios/monthly-fiscal.yaml", monthsRoster)
	c := open(t, ts)
	for i, tc := range []struct{ file, phrase string }{
		{"../../scenarios/monthly-fiscal.yaml", "yet another $100k a year would raise the heart by"},
		{monthsRoster, "The central team replaces a total of 2.0 FTE of its roster by new hires in 2027-Q1 and 2027-Q2,"},
	} {
		c.change(map[string]any{"file": i})
		code, out := c.post("/api/extras", map[string]any{"file": i})
		var ex struct {
			InShort []string `json:"in_short"`
		}
		if err := json.Unmarshal(out, &ex); code != 200 || err != nil {
			t.Fatalf("%s: %d %v %.300s", tc.file, code, err, out)
		}
		want := mdSection(cliMarkdown(t, tc.file, true), "In short")
		if len(want.Paras) != 1 || !strings.Contains(want.Paras[0], tc.phrase) {
			t.Fatalf("%s: cardio plan's In short: %q", tc.file, want.Paras)
		}
		if got := strings.Join(ex.InShort, " "); got != want.Paras[0] {
			t.Errorf("%s: the workbench's In short\n%s\ncardio plan's\n%s", tc.file, got, want.Paras[0])
		}
	}
	c.change(map[string]any{"file": 1, "set": []set{{"budget.annual", 10000}}})
	code, out := c.post("/api/extras", map[string]any{"file": 1})
	if code != 200 || bytes.Contains(out, []byte("in_short")) {
		t.Errorf("an infeasible change's extras: %d %.300s", code, out)
	}
}

// In the browser, the page shows the months-roster scenario's hiring plan
// in FTE, rolled up to quarters, cell for cell as the answer's fragment
// has it, and its "In short" as cardio plan words it; the baseline, which
// has no hiring plan, shows none, and its own "In short".
func TestBrowserHiring(t *testing.T) {
	exe := browsertest.Chromium(t, "cardio serve")
	ts := start(t, monthsRoster, baseline)
	want := htmlSection(hiringOf(t, open(t, ts), map[string]any{}).HiringHTML)
	ctx, cancel := browsertest.Start(t, exe, 1280, 1400, 120*time.Second)
	defer cancel()
	console := browsertest.Watch(ctx)
	run := runner(t, ctx)
	var heading, inShort string
	var cells [][]string
	read := func() {
		t.Helper()
		run("read the hiring plan and In short",
			chromedp.Evaluate(`(document.querySelector("#hiring h2") || {}).textContent || ""`, &heading),
			chromedp.Evaluate(`[...document.querySelectorAll("#hiring tr")].map((tr) => [...tr.children].map((c) => c.textContent.trim()))`, &cells),
			chromedp.Evaluate(`document.getElementById("inshort").textContent`, &inShort))
	}
	run("open", browsertest.Enable(), chromedp.Navigate(ts.URL+"/"), waitRendered(1))
	read()
	if heading != "Hiring plan in FTE" || len(cells) != len(want.Cells) {
		t.Fatalf("the page shows %q with %d rows, the answer %q with %d", heading, len(cells), want.Heading, len(want.Cells))
	}
	for i := range cells {
		if strings.Join(cells[i], "|") != strings.Join(want.Cells[i], "|") {
			t.Errorf("row %d: the page shows %q, the answer has %q", i, cells[i], want.Cells[i])
		}
	}
	if w := mdSection(cliMarkdown(t, monthsRoster, true), "In short").Paras; len(w) != 1 || inShort != w[0] {
		t.Errorf("In short on the page:\n%s\ncardio plan's:\n%q", inShort, w)
	}
	run("switch to the baseline", pickFile(1, 2))
	read()
	if heading != "" || len(cells) != 0 {
		t.Errorf("the baseline shows a hiring plan: %q, %d rows", heading, len(cells))
	}
	if w := mdSection(cliMarkdown(t, baseline, true), "In short").Paras; len(w) != 1 || inShort != w[0] {
		t.Errorf("the baseline's In short on the page:\n%s\ncardio plan's:\n%q", inShort, w)
	}
	console.Check(t)
}

// The one-time costs of a hire and of an exit are the workbench's inputs:
// a change of them re-plans as cardio plan --set does, and the answer's
// inputs echo them. At $60k to let a central roster person go (the
// months-roster scenario: $110k against $100k a year, six months left at
// most), the plan keeps the roster: its hiring plan shows kept 2.0.
func TestChangeMoveCosts(t *testing.T) {
	ts := start(t, monthsRoster)
	c := open(t, ts)
	sets := []set{{"central.exit_cost", 60000}, {"regions[EMEA].hire_cost", 8000}}
	code, out := c.post("/api/change", map[string]any{"set": sets})
	var r struct {
		Plan       json.RawMessage `json:"plan"`
		HiringHTML string          `json:"hiring_html"`
		Inputs     struct {
			CentralExit float64 `json:"central_exit_cost"`
			Regions     []struct {
				Name string
				Hire float64 `json:"hire_cost"`
			}
		}
	}
	if err := json.Unmarshal(out, &r); code != 200 || err != nil {
		t.Fatalf("%d %v %.300s", code, err, out)
	}
	sameFigures(t, "exit and hire costs", figuresOf(t, r.Plan), figuresOf(t, cliPlan(t, monthsRoster, "central.exit_cost=60000", "regions[EMEA].hire_cost=8000")))
	if r.Inputs.CentralExit != 60000 || len(r.Inputs.Regions) != 2 || r.Inputs.Regions[1].Hire != 8000 {
		t.Errorf("inputs %+v", r.Inputs)
	}
	h := htmlSection(r.HiringHTML)
	if len(h.Cells) < 3 || strings.Join(h.Cells[2][:5], "|") != "central|2027-Q1|"+h.Cells[2][2]+"|2.0|"+h.Cells[2][4] {
		t.Errorf("central's 2027-Q1 row %q: the roster is not kept", h.Cells[min(2, len(h.Cells)-1)])
	}
}
