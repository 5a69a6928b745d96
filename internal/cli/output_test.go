package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/solve"
)

// TestWriteOutputStopsWhenCanceled: a write canceled half way (Ctrl-C)
// leaves no file and no temporary file, and returns the context's error.
func TestWriteOutputStopsWhenCanceled(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.md")
	ctx, cancel := context.WithCancel(context.Background())
	ios := &IOStreams{Out: io.Discard, ErrOut: io.Discard}
	err := writeOutput(ctx, ios, out, nil, func(w io.Writer) error {
		if _, err := io.WriteString(w, "first half\n"); err != nil {
			return err
		}
		cancel()
		_, err := io.WriteString(w, "second half\n")
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left in the directory, want none", len(entries))
	}
	// A writer that ignores its write errors is caught before the rename.
	ctx, cancel = context.WithCancel(context.Background())
	err = writeOutput(ctx, ios, out, nil, func(w io.Writer) error {
		cancel()
		_, _ = io.WriteString(w, "ignored")
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written after the cancel", out)
	}
}

// TestWriteOutputStdout: "" and "-" are standard output; a file named "-"
// is never made.
func TestWriteOutputStdout(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, out := range []string{"", "-"} {
		var buf bytes.Buffer
		ios := &IOStreams{Out: &buf, ErrOut: io.Discard}
		if err := writeOutput(context.Background(), ios, out, []string{"-"}, func(w io.Writer) error {
			_, err := io.WriteString(w, "lp")
			return err
		}); err != nil || buf.String() != "lp" {
			t.Errorf("-o %q: %q, %v", out, buf.String(), err)
		}
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was made`)
	}
}

// TestCheckOutput: the same file through a symbolic or a hard link is
// refused as a usage error naming both paths; a new file is fine.
func TestCheckOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("s.yaml", []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("s.yaml", "l.yaml"); err != nil {
		t.Fatal(err)
	}
	if err := os.Link("s.yaml", "h.yaml"); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"s.yaml", "s.yaml"}, {"s.yaml", "l.yaml"}, {"l.yaml", "s.yaml"}, {"h.yaml", "l.yaml"}, {"./s.yaml", "s.yaml"}} {
		err := checkOutput(&IOStreams{}, c[0], "other.yaml", c[1])
		want := "refusing to write " + c[0] + " over the scenario file " + c[1] + ": they are the same file"
		if exitCode(err) != ExitUsage || err.Error() != want {
			t.Errorf("checkOutput(%s, %s) = %v, want %s", c[0], c[1], err, want)
		}
	}
	if err := checkOutput(&IOStreams{}, "new.lp", "s.yaml"); err != nil {
		t.Errorf("a new file: %v", err)
	}
	if err := checkOutput(&IOStreams{}, "-", "-"); err != nil {
		t.Errorf("standard output: %v", err)
	}
	// A file the run read besides its scenarios (a roster, the config
	// file), through a link too, is refused by what it is.
	ios := &IOStreams{}
	ios.noteInput("s.yaml", "the roster file of team.yaml")
	err := checkOutput(ios, "l.yaml", "other.yaml")
	if want := "refusing to write l.yaml over the roster file of team.yaml: they are the same file"; exitCode(err) != ExitUsage || err == nil || err.Error() != want {
		t.Errorf("a noted input: %v, want %s", err, want)
	}
}

// countingSolver is the revised simplex, counting its solves.
type countingSolver struct{ n *atomic.Int64 }

func (c countingSolver) SolveLP(ctx context.Context, p *solve.Problem, opt solve.Options) (*solve.Solution, error) {
	c.n.Add(1)
	return solve.Revised{}.SolveLP(ctx, p, opt)
}

// TestOutputRefusedBeforeWork: risk and review refuse an -o that is their
// scenario, a directory or in a directory that does not exist before they
// solve anything, as report, chart and export-lp do (risk drew every
// sample first, seconds to minutes, and then refused).
func TestOutputRefusedBeforeWork(t *testing.T) {
	solves := &atomic.Int64{}
	solvers["counting"] = countingSolver{solves}
	t.Cleanup(func() { delete(solvers, "counting") })
	dir := t.TempDir()
	for _, name := range []string{"uncertain.yaml", "baseline.yaml", "baseline-actuals.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	if err := os.Symlink("uncertain.yaml", "u.csv"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("baseline.yaml", "b.md"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir("out.md", 0o755); err != nil {
		t.Fatal(err)
	}
	risk := func(ios *IOStreams) *cobra.Command { return newRiskCmd(ios, nil) }
	review := func(ios *IOStreams) *cobra.Command { return newReviewCmd(ios, nil) }
	for _, c := range []struct {
		name    string
		cmd     func(*IOStreams) *cobra.Command
		args    []string
		want    string
		wantErr int
	}{
		{"risk over its scenario", risk, []string{"uncertain.yaml", "-o", "u.csv"}, "refusing to write u.csv over the scenario file uncertain.yaml: they are the same file", ExitUsage},
		{"risk into a directory", risk, []string{"uncertain.yaml", "-o", "out.md"}, "cannot write out.md: it is a directory", ExitFailure},
		{"risk into a missing directory", risk, []string{"uncertain.yaml", "-o", "none/r.md"}, "cannot write none/r.md: the directory none does not exist", ExitFailure},
		{"review over its scenario", review, []string{"baseline.yaml", "--actuals", "baseline-actuals.csv", "-o", "b.md"}, "refusing to write b.md over the scenario file baseline.yaml: they are the same file", ExitUsage},
		{"review into a directory", review, []string{"baseline.yaml", "--actuals", "baseline-actuals.csv", "-o", "out.md"}, "cannot write out.md: it is a directory", ExitFailure},
	} {
		solves.Store(0)
		ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
		cmd := c.cmd(ios)
		cmd.SetArgs(append(c.args, "--solver", "counting"))
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		err := cmd.Execute()
		if err == nil || err.Error() != c.want || exitCode(err) != c.wantErr {
			t.Errorf("%s: %v (exit %d), want %s (exit %d)", c.name, err, exitCode(err), c.want, c.wantErr)
		}
		if n := solves.Load(); n != 0 {
			t.Errorf("%s: %d LPs solved before the -o was refused, want none", c.name, n)
		}
	}
}
