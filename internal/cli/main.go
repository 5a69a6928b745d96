package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Main runs cardio with the given arguments (without the program name) and
// returns the process exit code.
func Main(args []string, ios *IOStreams) int {
	// Ctrl-C cancels a long solve cleanly instead of killing it mid-write.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRootCmd(ios)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && !errors.Is(err, errSilentFailure) {
		fmt.Fprintf(ios.ErrOut, "cardio: %v\n", err)
		if exitCode(err) == ExitUsage {
			fmt.Fprintf(ios.ErrOut, "Run 'cardio --help' for usage.\n")
		}
	}
	return exitCode(err)
}

func newRootCmd(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "cardio",
		Short: "Budget and capacity planning for sales operations, heart first",
		Long: `cardio plans a sales operations budget: it reads a scenario file (the budget,
the central and local teams, the functions and the investments), allocates
people and money with a linear-programming optimizer, heart first, and reports
how well the heart and the brain functions are covered.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("cardio {{.Version}}\n")
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newValidateCmd(ios), newPlanCmd(ios), newExportLPCmd(ios))
	root.AddCommand(newCheckupCmd(ios))
	root.AddCommand(newReportCmd(ios))
	root.AddCommand(newSweepCmd(ios))
	root.AddCommand(newBudgetCaseCmd(ios))
	root.AddCommand(newCompareCmd(ios))
	root.AddCommand(newCatalogCmd(ios))
	root.AddCommand(newInvestCmd(ios))
	return root
}

// args wraps a cobra argument check so that its failure is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// version is the module version and the VCS revision the binary was built
// from, as the Go toolchain records them: "v1.2.0 (revision 4f2a9c1,
// 2026-12-01T10:00:00Z)", "(devel) (revision 4f2a9c1, modified)" for a
// build from a work tree with changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	return describeBuild(info)
}

func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		// go run, go test and -buildvcs=false record none.
		return v + " (no VCS revision recorded)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	details := []string{"revision " + rev}
	if at != "" {
		details = append(details, at)
	}
	if modified {
		details = append(details, "modified")
	}
	return v + " (" + strings.Join(details, ", ") + ")"
}
