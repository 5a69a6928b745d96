package cli

import (
	"bytes"
	"strings"
	"testing"
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
