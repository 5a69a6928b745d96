package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
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
