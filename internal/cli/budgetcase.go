package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

type budgetCaseOptions struct {
	scenarioOptions
	Heart string
	Brain string
	// By is the period the table and markdown views roll up to: month,
	// quarter, year, or "" for quarters from a monthly plan.
	By string
}

func newBudgetCaseCmd(ios *IOStreams, runF func(context.Context, *budgetCaseOptions) error) *cobra.Command {
	opts := &budgetCaseOptions{scenarioOptions: scenarioOptions{IO: ios}}
	cmd := &cobra.Command{
		Use:   "budget-case FILE --heart X [--brain Y]",
		Short: "The least budget with which every period reaches the heart (and brain) targets",
		Long: `budget-case finds the least annual budget with which the heart (and the
brain, with --brain) reaches the targets in every period, keeping the
scenario's budget trajectory (every period's budget scales by the same
factor) and every other constraint: floors, hiring and exit limits, the
central share, the headcount cap, the investments. It compares it with the
scenario's budget and says what each further $100k a year buys.

The table and markdown views show a monthly plan's periods by quarter
(--by picks month, quarter or year, as for plan); JSON and CSV carry every
period.

Targets are fractions (0.9) or percentages (90%). When no budget reaches
them, it says which constraints stand in the way, and the exit code is 1.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return budgetCaseRun(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().StringVar(&opts.Heart, "heart", "", "heart target in every period, 0..1 or a percentage (0.9, 90%) (required)")
	cmd.Flags().StringVar(&opts.Brain, "brain", "0", "brain target in every period, 0..1 or a percentage")
	cmd.Flags().StringVar(&opts.By, "by", "", "period the table and markdown views roll up to: month, quarter or year (default: quarter for a monthly plan, else the plan's own periods); json and csv carry every period")
	return cmd
}

func budgetCaseRun(ctx context.Context, opts *budgetCaseOptions) error {
	if opts.Heart == "" {
		return usageError{fmt.Errorf("budget-case needs --heart, e.g. --heart 0.9")}
	}
	heart, err := parseTarget("--heart", opts.Heart)
	if err != nil {
		return err
	}
	brain, err := parseTarget("--brain", opts.Brain)
	if err != nil {
		return err
	}
	if err := checkBy(opts.By); err != nil {
		return err
	}
	format, lp, s, err := opts.load()
	if err != nil {
		return err
	}
	by, err := rollUpFor(s, opts.By)
	if err != nil {
		return err
	}
	// The search plans the scenario at budget after budget: seconds on a
	// large scenario, minutes in whole people.
	prog := startProgress(opts.IO, "budget case")
	r, err := plan.RunBudgetCaseWith(ctx, s, lp, solve.Options{Progress: prog.LP}, heart, brain)
	prog.Stop()
	if err != nil {
		return err
	}
	if err := report.WriteBudgetCaseBy(opts.IO.Out, r, format, by); err != nil {
		return err
	}
	if !r.Feasible {
		return errSilentFailure
	}
	return nil
}

// parseTarget reads a score target: a fraction 0..1 or a percentage 0..100%.
func parseTarget(flag, v string) (float64, error) {
	s := strings.TrimSpace(v)
	div := 1.0
	if strings.HasSuffix(s, "%") {
		s, div = strings.TrimSpace(strings.TrimSuffix(s, "%")), 100
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != x {
		return 0, usageError{fmt.Errorf("%s %q: want a fraction 0..1 or a percentage such as 90%%", flag, v)}
	}
	x /= div
	if x < 0 || x > 1 {
		return 0, usageError{fmt.Errorf("%s %q: a target must be between 0 and 1 (0%% and 100%%)", flag, v)}
	}
	return x, nil
}
