package serve_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cardio-planning/cardio/internal/cli"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/serve"
)

const (
	typical  = "../plan/testdata/typical.yaml"
	baseline = "../../scenarios/baseline.yaml"
)

// client is a browser session of a test server: its cookie and token.
type client struct {
	t     testing.TB
	url   string
	http  *http.Client
	token string
}

func start(t testing.TB, files ...string) *httptest.Server {
	t.Helper()
	s, err := serve.New(serve.Options{Files: files, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

var tokenRE = regexp.MustCompile(`name="cardio-token" content="([0-9a-f]+)"`)

func open(t testing.TB, ts *httptest.Server) *client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, url: ts.URL, http: &http.Client{Jar: jar}}
	resp, err := c.http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := tokenRE.FindSubmatch(body)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("GET /: %d, no token in %.200s", resp.StatusCode, body)
	}
	c.token = string(m[1])
	return c
}

// post sends a JSON body and returns the status and the body.
func (c *client) post(path string, body any) (int, []byte) {
	c.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		c.t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", c.url+path, bytes.NewReader(data))
	req.Header.Set("X-Cardio-Token", c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

type set struct {
	Path  string `json:"path"`
	Value any    `json:"value"`
}

// changeResult is the part of a change's answer the tests read.
type changeResult struct {
	Rejected    bool `json:"rejected"`
	Diagnostics []struct {
		Path, Severity, Message string
	} `json:"diagnostics"`
	SolveMS float64         `json:"solve_ms"`
	Plan    json.RawMessage `json:"plan"`
	Charts  []string        `json:"charts"`
}

func (c *client) change(body map[string]any) changeResult {
	c.t.Helper()
	code, out := c.post("/api/change", body)
	if code != 200 {
		c.t.Fatalf("change %v: %d %s", body, code, out)
	}
	var r changeResult
	if err := json.Unmarshal(out, &r); err != nil {
		c.t.Fatal(err)
	}
	return r
}

// cliPlan is `cardio plan FILE --set ... --format json --marginal=false`.
func cliPlan(t testing.TB, file string, sets ...string) []byte {
	t.Helper()
	args := []string{"plan", file, "--format", "json", "--marginal=false"}
	for _, s := range sets {
		args = append(args, "--set", s)
	}
	var out, errOut bytes.Buffer
	if code := cli.Main(args, &cli.IOStreams{Out: &out, ErrOut: &errOut}); code != 0 && code != 1 {
		t.Fatalf("cardio %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.Bytes()
}

// figures are the numbers of a plan that the optimum fixes (the
// allocation behind them may differ where the optimum is not unique):
// the totals and each period's heart, brain, budget and spend.
type figures struct {
	Status string
	Totals map[string]any
	Per    []map[string]any
}

func figuresOf(t testing.TB, data []byte) figures {
	t.Helper()
	var p struct {
		Status  string           `json:"status"`
		Totals  map[string]any   `json:"totals"`
		Periods []map[string]any `json:"periods"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%v in %.300s", err, data)
	}
	f := figures{Status: p.Status, Totals: p.Totals}
	for _, q := range p.Periods {
		f.Per = append(f.Per, map[string]any{"label": q["label"], "heart": q["heart"], "brain": q["brain"], "budget": q["budget"], "spend": q["spend"]})
	}
	return f
}

// sameFigures compares two plans' figures, numbers to 1e-9 (relative to
// their size when above 1: money).
func sameFigures(t testing.TB, what string, got, want figures) {
	t.Helper()
	if got.Status != want.Status {
		t.Errorf("%s: status %s, the CLI says %s", what, got.Status, want.Status)
	}
	cmp := func(where string, a, b map[string]any) {
		for k, bv := range b {
			av := a[k]
			x, xok := av.(float64)
			y, yok := bv.(float64)
			if xok && yok {
				if math.Abs(x-y) > 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y))) {
					t.Errorf("%s: %s %s = %v, the CLI says %v", what, where, k, x, y)
				}
			} else if fmt.Sprint(av) != fmt.Sprint(bv) {
				t.Errorf("%s: %s %s = %v, the CLI says %v", what, where, k, av, bv)
			}
		}
	}
	cmp("totals", got.Totals, want.Totals)
	if len(got.Per) != len(want.Per) {
		t.Fatalf("%s: %d periods, the CLI has %d", what, len(got.Per), len(want.Per))
	}
	for i := range got.Per {
		cmp(fmt.Sprint("period ", i+1), got.Per[i], want.Per[i])
	}
}

// Each change re-plans warm from the session's last plan; its figures are
// those of a cold `cardio plan --set` of the same changes.
func TestChangeMatchesCLI(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	steps := []struct {
		set  set
		flag string
	}{
		{set{"budget.annual", 8e6}, "budget.annual=8e6"},
		{set{"regions[EMEA].sellers", 300.0}, "regions[EMEA].sellers=300"},
		{set{"functions[pipeline].min_coverage", 0.7}, "functions[pipeline].min_coverage=0.7"},
		{set{"policy.brain_weight", 2.0}, "policy.brain_weight=2"},
		{set{"budget.annual", 9.5e6}, "budget.annual=9.5e6"},
	}
	var flags []string
	for _, st := range steps {
		r := c.change(map[string]any{"set": []set{st.set}})
		if r.Rejected || r.Plan == nil {
			t.Fatalf("%s: rejected: %+v", st.flag, r.Diagnostics)
		}
		// A later set of the same path replaces the earlier one, as the
		// last --set of a key wins.
		flags = append(flags, st.flag)
		sameFigures(t, st.flag, figuresOf(t, r.Plan), figuresOf(t, cliPlan(t, typical, flags...)))
	}
}

// Forcing an investment in is the change investments[ID].decision=in: its
// plan is cardio plan --set's, the investment at full level in every
// period (forecasting is scalable, and the optimizer buys part of it);
// picking the optimizer again (an unset) gives the file's plan back.
func TestForceIn(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	const flag = "investments[forecasting].decision=in"
	r := c.change(map[string]any{"set": []set{{"investments[forecasting].decision", "in"}}})
	if r.Rejected || r.Plan == nil {
		t.Fatalf("rejected: %+v", r.Diagnostics)
	}
	sameFigures(t, flag, figuresOf(t, r.Plan), figuresOf(t, cliPlan(t, typical, flag)))
	var p struct {
		Periods []struct {
			Investments []struct {
				ID    string  `json:"id"`
				Level float64 `json:"level"`
			} `json:"investments"`
		} `json:"periods"`
	}
	if err := json.Unmarshal(r.Plan, &p); err != nil {
		t.Fatal(err)
	}
	for _, per := range p.Periods {
		for _, inv := range per.Investments {
			if inv.ID == "forecasting" && inv.Level != 1 {
				t.Errorf("forecasting forced in at level %v", inv.Level)
			}
		}
	}
	var in struct {
		Inputs struct {
			Investments []struct {
				ID, Decision string
				FileDecision string `json:"file_decision"`
			}
		}
	}
	_, out := c.post("/api/change", map[string]any{})
	_ = json.Unmarshal(out, &in)
	found := false
	for _, v := range in.Inputs.Investments {
		if v.ID == "forecasting" {
			found = v.Decision == "in" && v.FileDecision == "optimize"
		}
	}
	if !found {
		t.Errorf("the inputs do not show forecasting forced in: %+v", in.Inputs.Investments)
	}
	r = c.change(map[string]any{"unset": []string{"investments[forecasting].decision"}})
	sameFigures(t, "back to the optimizer", figuresOf(t, r.Plan), figuresOf(t, cliPlan(t, typical)))
	// A decision the loader refuses is shown at the control's path.
	r = c.change(map[string]any{"set": []set{{"investments[crm].decision", "out"}}})
	if !r.Rejected || len(r.Diagnostics) != 1 || r.Diagnostics[0].Path != "investments[crm].decision" || !strings.Contains(r.Diagnostics[0].Message, "owned") {
		t.Errorf("the owned crm forced out: %+v", r)
	}
}

// Pins are the session's: variants of two files sit side by side, each
// with its file's name and the plan cardio plan gives it.
func TestPinsAcrossFiles(t *testing.T) {
	ts := start(t, typical, baseline)
	c := open(t, ts)
	c.change(map[string]any{"file": 0, "set": []set{{"budget.annual", 8e6}}})
	if code, out := c.post("/api/pin", map[string]any{"file": 0, "name": "typical cut"}); code != 200 {
		t.Fatalf("pin: %d %s", code, out)
	}
	c.change(map[string]any{"file": 1, "set": []set{{"investments[cpq].decision", "in"}}})
	code, out := c.post("/api/pin", map[string]any{"file": 1, "name": "baseline with cpq"})
	var pins []struct {
		Name, File string
		FileIndex  int `json:"file_index"`
		Plan       json.RawMessage
	}
	if err := json.Unmarshal(out, &pins); code != 200 || err != nil || len(pins) != 2 {
		t.Fatalf("pins: %d %.300s", code, out)
	}
	if pins[0].File != "typical.yaml" || pins[0].FileIndex != 0 || pins[1].File != "baseline.yaml" || pins[1].FileIndex != 1 {
		t.Errorf("pins of %s (%d) and %s (%d)", pins[0].File, pins[0].FileIndex, pins[1].File, pins[1].FileIndex)
	}
	sameFigures(t, "pin of typical", figuresOf(t, pins[0].Plan), figuresOf(t, cliPlan(t, typical, "budget.annual=8e6")))
	sameFigures(t, "pin of baseline", figuresOf(t, pins[1].Plan), figuresOf(t, cliPlan(t, baseline, "investments[cpq].decision=in")))
	// A pin's download is its own file's variant, whatever file= says.
	resp, err := c.http.Get(ts.URL + "/api/download?file=0&format=html&pin=1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("FY27 baseline")) {
		t.Errorf("download pin 1: %d, not the baseline's report", resp.StatusCode)
	}
}

// A change the loader refuses is not applied: its diagnostic names the
// control's path, in the page's words (the loader's "(set by --set ...)"
// is the CLI's: until session 26 the page showed it under a box a person
// typed into), and the session keeps its last good inputs.
func TestChangeRejected(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	c.change(map[string]any{"set": []set{{"budget.annual", 8e6}}})
	r := c.change(map[string]any{"set": []set{{"regions[North America].sellers", -5.0}}})
	if !r.Rejected || r.Plan != nil || len(r.Diagnostics) != 1 || r.Diagnostics[0].Path != "regions[North America].sellers" || r.Diagnostics[0].Severity != "error" {
		t.Fatalf("negative sellers: %+v", r)
	}
	if m := r.Diagnostics[0].Message; m != "-5 is out of range: sellers must be >= 0" {
		t.Errorf("negative sellers: message %q", m)
	}
	r = c.change(map[string]any{"set": []set{{"policy.healthy_heart", 0.85}}})
	sameFigures(t, "after the rejected change", figuresOf(t, r.Plan), figuresOf(t, cliPlan(t, typical, "budget.annual=8e6", "policy.healthy_heart=0.85")))
	// An unknown key is refused too, with the loader's message.
	r = c.change(map[string]any{"set": []set{{"budget.anual", 1.0}}})
	if !r.Rejected || len(r.Diagnostics) == 0 || !strings.Contains(r.Diagnostics[0].Message, "annual") {
		t.Errorf("unknown key: %+v", r)
	}
}

// A budget too small for the floors is infeasible: the answer is the
// explanation, as cardio plan gives it.
func TestChangeInfeasible(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	code, out := c.post("/api/change", map[string]any{"set": []set{{"budget.annual", 1e6}}})
	var r struct {
		Plan     struct{ Status string }
		Problems []string
	}
	if err := json.Unmarshal(out, &r); code != 200 || err != nil {
		t.Fatalf("%d %s", code, out)
	}
	var cliOut struct{ Problems []string }
	_ = json.Unmarshal(cliPlan(t, typical, "budget.annual=1e6"), &cliOut)
	if r.Plan.Status != "infeasible" || len(r.Problems) == 0 || strings.Join(r.Problems, "\n") != strings.Join(cliOut.Problems, "\n") {
		t.Errorf("status %s, problems %q; the CLI's %q", r.Plan.Status, r.Problems, cliOut.Problems)
	}
}

// Sessions are separate: one's changes are not another's.
func TestSessionsSeparate(t *testing.T) {
	ts := start(t, typical)
	a, b := open(t, ts), open(t, ts)
	a.change(map[string]any{"set": []set{{"budget.annual", 7e6}}})
	r := b.change(map[string]any{})
	sameFigures(t, "second session", figuresOf(t, r.Plan), figuresOf(t, cliPlan(t, typical)))
}

func TestRefusals(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	do := func(req *http.Request) int {
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	// DNS rebinding: another name for this address.
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "attacker.example:80"
	if code := do(req); code != http.StatusForbidden {
		t.Errorf("Host attacker.example: %d, want 403", code)
	}
	for _, host := range []string{"localhost", strings.TrimPrefix(ts.URL, "http://"), "[::1]:1234"} {
		req, _ = http.NewRequest("GET", ts.URL+"/", nil)
		req.Host = host
		if code := do(req); code != 200 {
			t.Errorf("Host %s: %d, want 200", host, code)
		}
	}
	// CSRF: the cookie alone (what another site's form sends), a wrong
	// token, another session's token.
	other := open(t, ts)
	for name, tok := range map[string]string{"no token": "", "wrong token": strings.Repeat("0", 32), "another session's": other.token} {
		req, _ = http.NewRequest("POST", ts.URL+"/api/change", strings.NewReader(`{}`))
		if tok != "" {
			req.Header.Set("X-Cardio-Token", tok)
		}
		if code := do(req); code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", name, code)
		}
	}
	// Size limit.
	big := `{"set":[{"path":"name","value":"` + strings.Repeat("x", serve.DefaultMaxBody) + `"}]}`
	req, _ = http.NewRequest("POST", ts.URL+"/api/change", strings.NewReader(big))
	req.Header.Set("X-Cardio-Token", c.token)
	if code := do(req); code != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit: %d, want 413", code)
	}
	// Bad requests.
	for _, body := range []string{`{`, `{"file":3}`, `{"bogus":1}`, `[]`} {
		req, _ = http.NewRequest("POST", ts.URL+"/api/change", strings.NewReader(body))
		req.Header.Set("X-Cardio-Token", c.token)
		if code := do(req); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", body, code)
		}
	}
	// GET cannot change state.
	req, _ = http.NewRequest("GET", ts.URL+"/api/change", nil)
	if code := do(req); code != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/change: %d, want 405", code)
	}
}

// Save writes a new file next to the original and never overwrites; the
// original is unchanged; the file validates and plans as the page did.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile(typical)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "typical.yaml")
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, file)
	c := open(t, ts)
	c.change(map[string]any{"set": []set{{"budget.annual", 8.2e6}, {"regions[APAC].seller_growth_per_year", 0.2}}})
	r := c.change(map[string]any{"set": []set{{"investments[playbooks].decision", "out"}}})
	code, out := c.post("/api/save", map[string]any{"name": "cut.yaml"})
	if code != 200 {
		t.Fatalf("save: %d %s", code, out)
	}
	var sv struct {
		Path        string
		Diagnostics []any
	}
	_ = json.Unmarshal(out, &sv)
	if sv.Path != filepath.Join(dir, "cut.yaml") || len(sv.Diagnostics) != 0 {
		t.Errorf("saved %+v", sv)
	}
	if now, _ := os.ReadFile(file); !bytes.Equal(now, orig) {
		t.Error("the original file changed")
	}
	sameFigures(t, "the saved file", figuresOf(t, cliPlan(t, sv.Path)), figuresOf(t, r.Plan))
	var validate bytes.Buffer
	if code := cli.Main([]string{"validate", sv.Path}, &cli.IOStreams{Out: &validate, ErrOut: &validate}); code != 0 {
		t.Errorf("validate the saved file: %d %s", code, validate.String())
	}
	// The decision is saved as the scenario key, so that the file keeps
	// it: the investment stays listed, forced out.
	saved, _ := os.ReadFile(sv.Path)
	if !regexp.MustCompile(`(?m)^\s+decision: out$`).Match(saved) || !strings.Contains(string(saved), "playbooks") {
		t.Errorf("the saved file does not force playbooks out:\n%s", saved)
	}
	// Never overwrite: not the saved file, not the original.
	for _, name := range []string{"cut.yaml", "typical.yaml"} {
		if code, _ := c.post("/api/save", map[string]any{"name": name}); code != http.StatusConflict {
			t.Errorf("save over %s: %d, want 409", name, code)
		}
	}
	if again, _ := os.ReadFile(sv.Path); !bytes.Equal(again, saved) {
		t.Error("the saved file was overwritten")
	}
	for _, name := range []string{"../up.yaml", "/tmp/x.yaml", "a/b.yaml", "x.json", "", ".hidden.yaml"} {
		if code, _ := c.post("/api/save", map[string]any{"name": name}); code != http.StatusBadRequest {
			t.Errorf("save as %q: %d, want 400", name, code)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d files, want the original and the saved one", len(entries))
	}
}

func TestPinsDownloadSweep(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	c.change(map[string]any{})
	for k := range serve.MaxPins {
		c.change(map[string]any{"set": []set{{"budget.annual", 8e6 + 2e5*float64(k)}}})
		if code, out := c.post("/api/pin", map[string]any{"name": fmt.Sprint("v", k)}); code != 200 {
			t.Fatalf("pin %d: %d %s", k, code, out)
		}
	}
	if code, _ := c.post("/api/pin", map[string]any{}); code != http.StatusConflict {
		t.Errorf("a fifth pin: %d, want 409", code)
	}
	// A pin that is not there is a 400, to unpin or to download.
	for _, k := range []int{-5, serve.MaxPins, 99999999} {
		if code, out := c.post("/api/pin", map[string]any{"remove": k}); code != http.StatusBadRequest || !strings.Contains(string(out), "no pin") {
			t.Errorf("remove %d: %d %s", k, code, out)
		}
	}
	for _, pin := range []string{"99", "abc", "-1"} {
		resp, err := c.http.Get(ts.URL + "/api/download?file=0&format=xlsx&pin=" + pin)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("download pin %s: %d, want 400", pin, resp.StatusCode)
		}
	}
	code, out := c.post("/api/pin", map[string]any{"remove": 0})
	var pins []struct {
		Name string
		Plan json.RawMessage
	}
	if err := json.Unmarshal(out, &pins); code != 200 || err != nil || len(pins) != serve.MaxPins-1 || pins[0].Name != "v1" {
		t.Fatalf("unpin: %d %.200s", code, out)
	}
	sameFigures(t, "pin v1", figuresOf(t, pins[0].Plan), figuresOf(t, cliPlan(t, typical, "budget.annual=8.2e6")))

	for format, magic := range map[string]string{"xlsx": "PK", "html": "<!DOCTYPE html>"} {
		resp, err := c.http.Get(ts.URL + "/api/download?file=0&format=" + format + "&pin=0")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte(magic)) {
			t.Errorf("download %s: %d %.40q", format, resp.StatusCode, body)
		}
	}

	code, out = c.post("/api/sweep", map[string]any{"path": "budget.annual", "from": 7e6, "to": 9e6, "steps": 3})
	if code != 200 {
		t.Fatalf("sweep: %d %s", code, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	n := 0
	for sc.Scan() {
		var pt struct {
			Index int
			Value float64
			Heart float64 `json:"heart_mean"`
		}
		if err := json.Unmarshal(sc.Bytes(), &pt); err != nil || pt.Index != n {
			t.Fatalf("sweep line %d: %s", n, sc.Bytes())
		}
		var want struct {
			Totals struct {
				HeartMean float64 `json:"heart_mean"`
			}
		}
		_ = json.Unmarshal(cliPlan(t, typical, "budget.annual="+fmt.Sprint(pt.Value), "budget.annual="+fmt.Sprint(pt.Value)), &want)
		if math.Abs(pt.Heart-want.Totals.HeartMean) > 1e-9 {
			t.Errorf("sweep at %v: heart %v, the CLI says %v", pt.Value, pt.Heart, want.Totals.HeartMean)
		}
		n++
	}
	if n != 3 {
		t.Errorf("the sweep gave %d points, want 3", n)
	}
	if code, _ := c.post("/api/sweep", map[string]any{"path": "budget.annual", "from": 1, "to": 2, "steps": serve.MaxSweepSteps + 1}); code != 400 {
		t.Errorf("a sweep of too many steps: %d, want 400", code)
	}
}

// The marginal values the page shows after a plan are cardio plan's.
func TestExtras(t *testing.T) {
	ts := start(t, baseline)
	c := open(t, ts)
	c.change(map[string]any{"set": []set{{"budget.annual", 6.4e6}}})
	code, out := c.post("/api/extras", map[string]any{})
	type marg struct {
		Budget struct {
			Heart float64 `json:"heart_points"`
			Brain float64 `json:"brain_points"`
		} `json:"budget"`
	}
	var ex struct {
		Marginal    marg
		Checkup     string
		CheckupHTML string `json:"checkup_html"`
	}
	if err := json.Unmarshal(out, &ex); code != 200 || err != nil {
		t.Fatalf("%d %s", code, out)
	}
	var want struct{ Marginal marg }
	var plain bytes.Buffer
	if code := cli.Main([]string{"plan", baseline, "--set", "budget.annual=6.4e6", "--format", "json"}, &cli.IOStreams{Out: &plain, ErrOut: io.Discard}); code != 0 {
		t.Fatalf("cardio plan: exit %d", code)
	}
	if err := json.Unmarshal(plain.Bytes(), &want); err != nil || want.Marginal.Budget.Brain == 0 {
		t.Fatalf("cardio plan's marginal: %+v %v", want.Marginal, err)
	}
	if math.Abs(ex.Marginal.Budget.Heart-want.Marginal.Budget.Heart) > 1e-9 || math.Abs(ex.Marginal.Budget.Brain-want.Marginal.Budget.Brain) > 1e-9 {
		t.Errorf("marginal of $100k: %+v, cardio plan says %+v", ex.Marginal.Budget, want.Marginal.Budget)
	}
	for _, sign := range []string{"stale_mix", "brain_before_heart", "lost_local_touch", "shrinking_budget"} {
		if !strings.Contains(ex.Checkup, sign) {
			t.Errorf("the checkup lacks %s: %.300s", sign, ex.Checkup)
		}
		if !strings.Contains(ex.CheckupHTML, "<td>"+sign) && !strings.Contains(ex.CheckupHTML, "("+sign+")") {
			t.Errorf("the checkup's HTML lacks %s: %.300s", sign, ex.CheckupHTML)
		}
	}
	// The page shows the signs' table as a table, not as Markdown's pipes.
	if !strings.Contains(ex.CheckupHTML, "<table") || strings.Contains(ex.CheckupHTML, "|:--") {
		t.Errorf("the checkup's HTML has no table: %.300s", ex.CheckupHTML)
	}
}

// A client that goes away stops its sweep: the session is free for the
// next request at once, not after the remaining points.
func TestSweepCanceled(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	c.change(map[string]any{})
	body := map[string]any{"path": "budget.annual", "from": 7e6, "to": 1e7, "steps": serve.MaxSweepSteps}
	t0 := time.Now()
	if code, _ := c.post("/api/sweep", body); code != 200 {
		t.Fatal(code)
	}
	whole := time.Since(t0)
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", ts.URL+"/api/sweep", bytes.NewReader(data))
	req.Header.Set("X-Cardio-Token", c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || !strings.Contains(line, `"index":0`) {
		t.Fatalf("first point %q %v", line, err)
	}
	resp.Body.Close() // the client goes away
	t0 = time.Now()
	c.change(map[string]any{"set": []set{{"budget.annual", 8e6}}})
	// The 49 other points take most of the whole sweep's time; a
	// canceled sweep frees the session at its next point.
	if d := time.Since(t0); d > whole/2 {
		t.Errorf("the next change waited %v (the whole sweep takes %v): the sweep went on", d, whole)
	}
}

// A sweep's request counts points (the page's box says "points"): 4 from
// $5M to $7M are $5M, $5,666,666.67, $6,333,333.33 and $7M, each money value
// rounded to the cent and planned so, and spend rounded to the cent as
// cardio sweep's JSON writes it. Until session 26 the request and the page
// said "steps" for points, and the answer read 5666666.666666667 and a
// spend of 4999999.942766306. "steps" is still read.
func TestSweepPointsInCents(t *testing.T) {
	ts := start(t, typical)
	c := open(t, ts)
	for _, field := range []string{"points", "steps"} {
		code, out := c.post("/api/sweep", map[string]any{"path": "budget.annual", "from": 5e6, "to": 7e6, field: 4})
		if code != 200 {
			t.Fatalf("%s: %d %s", field, code, out)
		}
		var values []float64
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			var pt struct {
				Value, Spend float64
				Of           int
			}
			if err := json.Unmarshal(sc.Bytes(), &pt); err != nil {
				t.Fatal(err)
			}
			values = append(values, pt.Value)
			if pt.Of != 4 || pt.Spend != report.Cents(pt.Spend) {
				t.Errorf("%s: point %s: of %d, spend not to the cent", field, sc.Bytes(), pt.Of)
			}
			var want struct{ Totals struct{ Spend float64 } }
			_ = json.Unmarshal(cliPlan(t, typical, "budget.annual="+fmt.Sprint(pt.Value)), &want)
			if pt.Spend != want.Totals.Spend {
				t.Errorf("%s: at %v spend %v, cardio plan's JSON %v", field, pt.Value, pt.Spend, want.Totals.Spend)
			}
		}
		if want := []float64{5e6, 5666666.67, 6333333.33, 7e6}; !slices.Equal(values, want) {
			t.Errorf("%s: values %v, want %v", field, values, want)
		}
	}
}
