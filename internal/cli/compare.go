package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

type compareOptions struct {
	IO    *IOStreams
	Files []string
	Sets  []string
	AsIs  bool
	// By is the period the table and markdown views roll up to: month,
	// quarter, year, or "" for quarters from a monthly plan.
	By string
	viewOptions
}

func newCompareCmd(ios *IOStreams, runF func(context.Context, *compareOptions) error) *cobra.Command {
	opts := &compareOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "compare FILE FILE...",
		Short: "Scenarios side by side: heart, brain, spend, central/local, investments",
		Long: `compare optimizes each scenario and shows them side by side, a column each:
heart and brain per period and overall, the weakest heart function, the
central share, central and local FTE, spend and unspent budget, the
investments chosen and the seller hours they give back; then each
scenario's difference to the first.

--set applies to every file. An infeasible scenario is a column with status
infeasible and its reasons below the table, not an abort: the exit code is 0
unless a file has errors (1).

The table and markdown views show a monthly plan by quarter (--by picks
month, quarter or year; a scenario whose periods are longer keeps its own),
and order the periods of every scenario by date. JSON and CSV carry every
period.`,
		Args: args(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Files = a
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return compareRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	opts.viewOptions.addFlags(cmd)
	cmd.Flags().StringVar(&opts.By, "by", "", "period the table and markdown views roll up to: month, quarter or year (default: quarter for a monthly plan, else each plan's own periods); json and csv carry every period")
	cmd.Flags().BoolVar(&opts.AsIs, "as-is", false, "compare the current organizations (current_fte, owned investments) without optimizing")
	return cmd
}

func compareRun(ctx context.Context, opts *compareOptions) error {
	format, lp, err := opts.resolve()
	if err != nil {
		return err
	}
	if err := checkBy(opts.By); err != nil {
		return err
	}
	// Load every file first, so that all their problems are reported before
	// anything is solved.
	scens, err := loadScenarios(opts.IO, opts.Files, opts.Sets)
	if err != nil {
		return err
	}
	plans := make([]*plan.Plan, len(scens))
	for i, s := range scens {
		if opts.AsIs {
			plans[i] = plan.AsIs(s)
		} else if plans[i], err = plan.Optimize(ctx, s, lp, solve.Options{}); err != nil {
			return fmt.Errorf("%s: %w", opts.Files[i], err)
		}
	}
	return report.WriteComparisonBy(opts.IO.Out, plan.NewComparison(opts.Files, scens, plans), format, opts.By)
}
