package serve_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A request cannot name another roster: the workbench would read it from
// wherever the request pointed and quote its first line back in a
// diagnostic (an audit read /etc/passwd's that way), or plan a roster from
// outside the original's directory. Every such change is rejected with the
// one diagnostic, before anything is read; the sweep refuses it too; the
// roster the file names still plans.
func TestChangeCannotNameAnotherRoster(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(dir, "team.csv")
	if err := os.WriteFile(outside, []byte("person,team,function,fte\np1,central,analytics,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := start(t, monthsRoster)
	c := open(t, ts)
	for _, v := range []any{secret, outside, "../../../../etc/passwd", "", 5} {
		r := c.change(map[string]any{"set": []set{{"roster", v}}})
		if !r.Rejected || len(r.Diagnostics) != 1 || r.Diagnostics[0].Path != "roster" || !strings.Contains(r.Diagnostics[0].Message, "it cannot be changed from the page") {
			t.Errorf("roster %v: rejected %v, %+v", v, r.Rejected, r.Diagnostics)
		}
		for _, d := range r.Diagnostics {
			if strings.Contains(d.Message, "root:") || strings.Contains(d.Message, "p1") {
				t.Errorf("roster %v: the diagnostic quotes the file: %s", v, d.Message)
			}
		}
	}
	code, body := c.post("/api/sweep", map[string]any{"file": 0, "path": "roster", "from": 1, "to": 2, "steps": 2})
	if code != http.StatusBadRequest || !strings.Contains(string(body), "it cannot be changed from the page") {
		t.Errorf("sweep of roster: %d %s", code, body)
	}
	// The file's own roster, and any other change, still plan.
	if r := c.change(map[string]any{"set": []set{{"central.cost_per_fte", 105000}}}); r.Rejected || len(r.Plan) == 0 {
		t.Errorf("a change of cost: rejected %v, %+v", r.Rejected, r.Diagnostics)
	}
}

// A body of two JSON values is refused; a scenario made too large to plan
// by a change is the request's problem (422, saying what to change), not
// the server's (500).
func TestRequestEdges(t *testing.T) {
	ts := start(t, baseline)
	c := open(t, ts)
	req, _ := http.NewRequest("POST", ts.URL+"/api/change", strings.NewReader(`{"file":0}{"file":1}`))
	req.Header.Set("X-Cardio-Token", c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("two JSON values: %d, want 400", resp.StatusCode)
	}
	code, body := c.post("/api/change", map[string]any{"file": 0, "set": []set{{"horizon.periods", 120}, {"regions", manyRegions(600)}}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "too large to plan") {
		t.Errorf("a scenario too large: %d %.300s", code, body)
	}
}

// manyRegions is n regions, each with sellers and a cost.
func manyRegions(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{"name": "R" + strconv.Itoa(i), "sellers": 10, "cost_per_fte": 100000}
	}
	return out
}
