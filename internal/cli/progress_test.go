package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Not on a terminal, progress prints nothing; on one, nothing before
// progressDelay, then the step, stage and LPs, and its line is cleared at
// the end.
func TestProgress(t *testing.T) {
	var out bytes.Buffer
	pr := startProgress(&IOStreams{ErrOut: &out}, "planning")
	pr.LP("heart_to_healthy")
	pr.Step("marginal values")
	pr.Stop()
	if pr != nil || out.Len() > 0 {
		t.Errorf("not a terminal: progress %v printed %q", pr, out.String())
	}

	quick := startProgress(&IOStreams{ErrOut: &out, ErrTTY: true}, "planning")
	quick.LP("heart_to_healthy")
	quick.Stop()
	if out.Len() > 0 {
		t.Errorf("a plan shorter than %v printed %q", progressDelay, out.String())
	}

	fastProgress(t)
	for _, c := range []struct {
		stage, want string
	}{
		{"heart_to_healthy", "planning, stage heart to healthy: 2 LPs"},
		{plan.ProgressExplain, "explaining why no plan exists: 2 LPs"},
	} {
		out.Reset()
		pr := startProgress(&IOStreams{ErrOut: &out, ErrTTY: true}, "planning")
		pr.LP(c.stage)
		pr.LP(c.stage)
		time.Sleep(20 * time.Millisecond)
		pr.Stop()
		pr.Stop() // a second Stop does nothing
		got := out.String()
		if !strings.Contains(got, "\r\033[K"+c.want) || !strings.HasSuffix(got, "\r\033[K") {
			t.Errorf("stage %s: printed %q, want %q and the line cleared", c.stage, got, c.want)
		}
	}
}

// Items names a step made of items with how many are done: nil off a
// terminal, and on one "investment break-even prices, 3 of 15".
func TestProgressItems(t *testing.T) {
	var nilProgress *progress
	if f := nilProgress.Items("searches"); f != nil {
		t.Error("a nil progress gave a callback")
	}
	fastProgress(t)
	var out bytes.Buffer
	pr := startProgress(&IOStreams{ErrOut: &out, ErrTTY: true}, "planning")
	done := pr.Items("investment break-even prices")
	done(3, 15)
	time.Sleep(20 * time.Millisecond)
	pr.Stop()
	if want := "\r\033[Kinvestment break-even prices, 3 of 15: 0 LPs"; !strings.Contains(out.String(), want) {
		t.Errorf("printed %q, want %q", out.String(), want)
	}
}

// A budget case plans the scenario at budget after budget (minutes in
// whole people): on a terminal it shows its progress, the LPs counted as
// they are solved, and clears the line before the report; off one it
// prints nothing but the report.
func TestBudgetCaseProgress(t *testing.T) {
	fastProgress(t)
	for _, tty := range []bool{true, false} {
		var out, errOut bytes.Buffer
		code := Main([]string{"budget-case", baselineFile, "--heart", "0.9"}, &IOStreams{Out: &out, ErrOut: &errOut, ErrTTY: tty})
		if code != 0 || !strings.Contains(out.String(), "you need") {
			t.Fatalf("tty %v: exit %d\n%s\n%s", tty, code, out.String(), errOut.String())
		}
		got := errOut.String()
		if !tty {
			if got != "" {
				t.Errorf("not a terminal: printed %q", got)
			}
			continue
		}
		if !strings.Contains(got, "\r\033[Kbudget case, stage ") || !strings.Contains(got, " LPs, ") || !strings.HasSuffix(got, "\r\033[K") {
			t.Errorf("on a terminal: printed %q, want the budget case's stages and LPs and the line cleared", got[:min(len(got), 300)])
		}
	}
}

// So does the budget case a report adds (--heart), before it writes.
func TestReportBudgetCaseProgress(t *testing.T) {
	fastProgress(t)
	var out, errOut bytes.Buffer
	file := filepath.Join(t.TempDir(), "r.html")
	code := Main([]string{"report", baselineFile, "--heart", "0.9", "-o", file}, &IOStreams{Out: &out, ErrOut: &errOut, ErrTTY: true})
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut.String())
	}
	if got := errOut.String(); !strings.Contains(got, "\r\033[Kbudget case, stage ") {
		t.Errorf("printed %q, want the budget case's progress", got[:min(len(got), 300)])
	}
}

// diff shows its progress on a terminal too.
func TestDiffProgress(t *testing.T) {
	fastProgress(t)
	var out, errOut bytes.Buffer
	code := Main([]string{"diff", baselineFile, "../../scenarios/shrinking-budget.yaml"}, &IOStreams{Out: &out, ErrOut: &errOut, ErrTTY: true})
	if code != 3 {
		t.Fatalf("exit %d, want 3 (inputs differ)\n%s", code, errOut.String())
	}
	if got := errOut.String(); !strings.Contains(got, "\r\033[Kplanning") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("printed %q, want the progress and the line cleared", got[:min(len(got), 300)])
	}
}

// fastProgress makes progress show at once and tick every millisecond
// until the test ends.
func fastProgress(t *testing.T) {
	t.Helper()
	d, tick := progressDelay, progressTick
	t.Cleanup(func() { progressDelay, progressTick = d, tick })
	progressDelay, progressTick = 0, time.Millisecond
}
