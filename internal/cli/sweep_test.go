package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// The progress bar goes to stderr on a terminal only; stdout is the same
// either way, and the same with one worker as with many.
func TestSweepProgressOnTerminalOnly(t *testing.T) {
	run := func(tty bool, jobs string) (string, string) {
		var out, errOut bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrTTY: tty}
		code := Main([]string{"sweep", "../../scenarios/baseline.yaml", "--vary", "budget.annual=-10%:+10%:10%", "--format", "csv", "--jobs", jobs}, ios)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		return out.String(), errOut.String()
	}
	out1, err1 := run(false, "1")
	out2, err2 := run(true, "0")
	if err1 != "" {
		t.Errorf("stderr without a terminal: %q", err1)
	}
	if !strings.Contains(err2, "3/3 points") {
		t.Errorf("stderr on a terminal: %q, want a progress bar", err2)
	}
	if out1 != out2 || strings.Count(out1, "\n") != 4 {
		t.Errorf("outputs differ or are not 3 rows:\n%s\n%s", out1, out2)
	}
}

// checkKey tells a key problem from a value problem by the diagnostic's
// code: an unknown key, a malformed key or a key that is not a number is a
// usage error at the --vary; a value out of range is left to the sweep.
func TestCheckKeyByCode(t *testing.T) {
	doc, err := scenario.ParseFile(context.Background(), "../../scenarios/baseline.yaml", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key  string
		from float64
		want string // "" for no error
	}{
		{"budget.annual", 5e6, ""},
		{"budget.annual", -5, ""},         // out of range: a row with status invalid
		{"policy.max_fte", 10, ""},        // not in every file, but a known key
		{"regions[EMEA].sellers", -1, ""}, // out of range
		{"budget.anual", 1, `--vary: budget.anual: unknown key "anual" (did you mean "annual"?)`},
		{"name", 1, `--vary: name: expected a string, got 1`},
		// A stage is a word, never a number: every point would be invalid.
		{"stage", 1, `--vary: stage: expected a stage (launch, growth, expansion or margin) or a list of stages, one per period, got 1`},
		{"regions[Mars].sellers", 1, `--vary: regions has no element with name or id "Mars"`},
		{"Budget.annual", 1, `--vary: keys are lower case: write "budget.annual"`},
	} {
		err := checkKey(doc, c.key, plan.Range{From: c.from, To: c.from})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s=%g: %v", c.key, c.from, err)
		case c.want != "" && (err == nil || exitCode(err) != ExitUsage || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%s=%g: %v, want a usage error %q", c.key, c.from, err, c.want)
		}
	}
	// The Doc is left as it was.
	if s, diags := doc.Decode(); s == nil || s.Budget.Annual != 6.2e6 {
		t.Errorf("checkKey changed the Doc: %v", diags)
	}
}
