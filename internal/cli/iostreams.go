package cli

import (
	"context"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// IOStreams are the streams a command reads and writes; tests inject buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY says whether ErrOut is a terminal: progress is shown only then.
	ErrTTY bool
	// MaxFileSize is the largest scenario file read (--max-file-size);
	// 0 means scenario.DefaultMaxFileSize.
	MaxFileSize int64

	ctx context.Context // the run's, canceled by Ctrl-C: set by Main

	// inputs are the files the run has read besides the ones named on its
	// command line (a scenario's roster, the config file, review's
	// actuals and plan of record): an output is never one of them.
	inputs []inputFile
}

// inputFile is a file a run read, and what it is to the run ("the roster
// file of team.yaml"), for the refusal to write over it.
type inputFile struct{ path, what string }

// noteInput records a file the run read, so that no -o writes over it.
func (ios *IOStreams) noteInput(path, what string) {
	if path != "" {
		ios.inputs = append(ios.inputs, inputFile{path, what})
	}
}

// context is the run's context, for the code that has no cobra command
// at hand (loading a scenario).
func (ios *IOStreams) context() context.Context {
	if ios.ctx == nil {
		return context.Background()
	}
	return ios.ctx
}

// maxFileSize is the limit of a scenario file's size.
func (ios *IOStreams) maxFileSize() int64 {
	if ios.MaxFileSize == 0 {
		return scenario.DefaultMaxFileSize
	}
	return ios.MaxFileSize
}

// SystemStreams are the process's own streams.
func SystemStreams() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTTY: term.IsTerminal(int(os.Stderr.Fd()))}
}
