package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// interruptGrace is how long cardio waits, after Ctrl-C, for the work to
// stop at its next look at the context before it exits anyway: the exit
// must come within a second.
const interruptGrace = 500 * time.Millisecond

// Main runs cardio with the given arguments (without the program name) and
// returns the process exit code.
//
// Ctrl-C (SIGINT) cancels the run's context: reading, validating,
// building, solving and writing stop at their next look at it, a file
// being written is left as it was, and Main returns ExitInterrupted. If
// the work has not stopped after interruptGrace, or at a second Ctrl-C,
// the process exits at once (os.Exit), after removing the temporary file
// of any write under way.
func Main(args []string, ios *IOStreams) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	var once sync.Once
	interrupted := func() int {
		once.Do(func() {
			report.RemoveTempFiles()
			fmt.Fprintln(ios.ErrOut, "cardio: interrupted")
		})
		return ExitInterrupted
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		cancel()
		select {
		case <-sigs:
		case <-time.After(interruptGrace):
		case <-done:
			return
		}
		os.Exit(interrupted())
	}()

	// Scenario text is printed with its control characters escaped, and
	// after Ctrl-C nothing more reaches standard output.
	out := report.NewTextFilter(ios.Out)
	defer out.Flush()
	run := *ios
	run.Out = ctxWriter{ctx, out}
	run.ctx = ctx
	root := newRootCmd(&run)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if ctx.Err() != nil {
		return interrupted()
	}
	if err != nil && !errors.Is(err, errSilentFailure) {
		fmt.Fprintf(ios.ErrOut, "cardio: %s\n", report.CleanText(err.Error()))
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
	maxSize := scenario.FormatSize(scenario.DefaultMaxFileSize)
	var configFile string
	root.PersistentFlags().StringVar(&maxSize, "max-file-size", maxSize, "the largest scenario file read, such as 16MB or 1GB (setting max_file_size, $CARDIO_MAX_FILE_SIZE)")
	root.PersistentFlags().StringVar(&configFile, "config", "", "the config file of cardio's settings (default $CARDIO_CONFIG, else $XDG_CONFIG_HOME/cardio/config.yaml if it exists; see docs/config.md)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		// Flags given win; the others take the environment's or the
		// config file's value (docs/config.md).
		if err := applyConfig(ios, cmd, configFile); err != nil {
			return err
		}
		n, err := scenario.ParseSize(maxSize)
		if err != nil {
			return usageError{fmt.Errorf("--max-file-size: %v", err)}
		}
		ios.MaxFileSize = n
		return nil
	}
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError(err) })
	// nil runF: each command runs its xxxRun.
	root.AddCommand(
		newValidateCmd(ios, nil), newPlanCmd(ios, nil), newExportLPCmd(ios, nil),
		newCheckupCmd(ios, nil), newReportCmd(ios, nil), newChartCmd(ios, nil),
		newSweepCmd(ios, nil), newRiskCmd(ios, nil), newBudgetCaseCmd(ios, nil),
		newCompareCmd(ios, nil), newCatalogCmd(ios, nil), newInvestCmd(ios, nil),
		newDiffCmd(ios, nil), newReviewCmd(ios, nil), newServeCmd(ios, nil),
	)
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
