package cli

import "errors"

// Exit codes, in one place (docs/design.md, "Commands and contracts";
// docs/output.md).
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the scenario is infeasible or has errors
	ExitUsage   = 2 // bad command line
	// ExitDiffers is cardio diff's answer when the two scenarios' inputs
	// differ (as diff(1) answers 1): a result, not an error, so that a
	// script can tell it from a failure (1).
	ExitDiffers = 3
	// ExitInterrupted is 128 + SIGINT, as shells report a process that
	// Ctrl-C ended.
	ExitInterrupted = 130
)

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errSilentFailure ends a command with ExitFailure after it has already told
// the user what went wrong (an infeasible plan, invalid scenarios).
var errSilentFailure = errors.New("failure already reported")

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		return ExitUsage
	case errors.As(err, new(errDiffers)):
		return ExitDiffers
	}
	return ExitFailure
}

// errSetWithoutFile is --set given to catalog without a scenario to set.
var errSetWithoutFile = errors.New("--set needs a scenario FILE: the built-in catalog itself cannot be changed")
