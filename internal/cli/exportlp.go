package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/solve"
)

type exportLPOptions struct {
	IO     *IOStreams
	File   string
	Sets   []string
	Output string
	Stage  int
	solverOptions
}

func newExportLPCmd(ios *IOStreams, runF func(context.Context, *exportLPOptions) error) *cobra.Command {
	opts := &exportLPOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "export-lp FILE",
		Short: "Write a stage's model in CPLEX LP format, for audit with any LP solver (e.g. glpsol --lp)",
		Long: `Write the model of one lexicographic stage in CPLEX LP format.

Stage 1 (the default) is the model itself with the first objective (heart up
to healthy). A later stage has the hold rows of the stages before it, whose
optima cardio computes first: another solver given the file must find the
optimum cardio finds at that stage. Stages: 1 heart to healthy, 2 weighted
scores, 3 least spend, 4 most heart among ties, 5 tie-break (see
docs/model.md).`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return exportLPRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output (- is standard output)")
	cmd.Flags().IntVar(&opts.Stage, "stage", 1, "the stage whose model to write, 1 to 5")
	setAllowed(cmd, "stage", fmt.Sprintf("a stage from 1 to %d", model.NumStages))
	opts.solverOptions.addFlags(cmd)
	return cmd
}

func exportLPRun(ctx context.Context, opts *exportLPOptions) error {
	if err := checkOutput(opts.IO, opts.Output, opts.File); err != nil {
		return err
	}
	if opts.Stage < 1 || opts.Stage > model.NumStages {
		return usageError{fmt.Errorf("--stage %d: the stages are 1 to %d", opts.Stage, model.NumStages)}
	}
	lp, err := opts.lp()
	if err != nil {
		return err
	}
	s, err := loadScenario(opts.IO, opts.File, opts.Sets)
	if err != nil {
		return err
	}
	p, err := model.Build(s).Stage(ctx, opts.Stage, lp)
	if err != nil {
		return err
	}
	return writeOutput(ctx, opts.IO, opts.Output, []string{opts.File}, func(w io.Writer) error { return solve.WriteLP(w, p) })
}
