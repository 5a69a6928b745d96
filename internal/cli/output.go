package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cardio-planning/cardio/internal/report"
)

// stdoutName is the -o that means standard output, as for most Unix tools;
// a file named "-" is written as ./-.
const stdoutName = "-"

// toStdout reports whether -o out means standard output.
func toStdout(out string) bool { return out == "" || out == stdoutName }

// checkOutput refuses an output file that is one of the inputs: the
// scenario files named (inputs) or any other file the run has read so far
// (IOStreams.noteInput: rosters, the config file, actuals), by the same
// path or through a symbolic or hard link (a usage error); and one that
// cannot be written at all (report.CheckTarget: a directory, a missing
// directory). Commands call it before their work, so that a mistake costs
// nothing; writeOutput calls it again before writing, when every input
// has been read.
func checkOutput(ios *IOStreams, out string, inputs ...string) error {
	if toStdout(out) {
		return nil
	}
	ofi, err := os.Stat(out) // follows links
	if err != nil {
		// Not there yet: it cannot be an input that was read.
		return report.CheckTarget(out)
	}
	all := make([]inputFile, 0, len(inputs)+len(ios.inputs))
	for _, in := range inputs {
		all = append(all, inputFile{in, "the scenario file " + in})
	}
	all = append(all, ios.inputs...)
	for _, in := range all {
		if ifi, err := os.Stat(in.path); err == nil && os.SameFile(ofi, ifi) {
			return usageError{fmt.Errorf("refusing to write %s over %s: they are the same file", out, in.what)}
		}
	}
	return report.CheckTarget(out)
}

// writeOutput is the one way a command writes its -o: standard output for
// "" and "-", else the file, replaced atomically (report.WriteFileAtomic)
// and never one of the inputs. Writing stops when ctx is canceled, and a
// file is then left as it was.
func writeOutput(ctx context.Context, ios *IOStreams, out string, inputs []string, write func(io.Writer) error) error {
	if toStdout(out) {
		return write(ctxWriter{ctx, ios.Out})
	}
	if err := checkOutput(ios, out, inputs...); err != nil {
		return err
	}
	return report.WriteFileAtomic(out, func(w io.Writer) error {
		if err := write(ctxWriter{ctx, w}); err != nil {
			return err
		}
		return ctx.Err() // the last write may have come before the signal
	})
}

// wroteDocument says on stderr what a command with -o wrote to a file
// (risk, review): the path, its size and, for a workbook, its sheets, as
// cardio report does; nothing for standard output.
func wroteDocument(ios *IOStreams, out string) {
	if toStdout(out) {
		return
	}
	msg := wroteFile(out)
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		msg += sheetsNote(out)
	}
	fmt.Fprintln(ios.ErrOut, msg)
}

// ctxWriter fails its writes once ctx is canceled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
