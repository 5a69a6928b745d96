package serve_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// FuzzChange posts arbitrary bodies to the change endpoint: every answer
// is 200, 400 or 413 (503 past the deadline), never a 500, and the
// server keeps answering.
func FuzzChange(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"set":[{"path":"budget.annual","value":8e6}]}`,
		`{"set":[{"path":"regions[EMEA].sellers","value":-1}]}`,
		`{"set":[{"path":"regions[9].sellers","value":"x"}]}`,
		`{"set":[{"path":"policy","value":{"max_fte":[1]}}]}`,
		`{"set":[{"path":"investments[cpq]","value":null}]}`,
		`{"set":[{"path":"investments[bi].decision","value":"out"},{"path":"investments[forecasting].decision","value":"in"}]}`, `{"unset":["budget.annual"],"reset":true}`,
		`{"set":[{"path":"budget.annual","value":1e308}]}`, `{"file":-1}`, `{"set":[{"path":"","value":1}]}`,
		`{"set":[{"path":"horizon.periods","value":1000000}]}`,
	} {
		f.Add(s)
	}
	c := open(f, start(f, typical))
	f.Fuzz(func(t *testing.T, body string) {
		req, _ := http.NewRequest("POST", c.url+"/api/change", strings.NewReader(body))
		req.Header.Set("X-Cardio-Token", c.token)
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case 200, 400, 413, 503:
		default:
			t.Fatalf("%q: %d %s", body, resp.StatusCode, out)
		}
	})
}
