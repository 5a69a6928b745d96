package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

type planOptions struct {
	IO     *IOStreams
	File   string
	Sets   []string
	Format string
	Solver string
	AsIs   bool
	// Marginal re-solves the plan to report marginal values.
	Marginal bool
}

func newPlanCmd(ios *IOStreams) *cobra.Command {
	opts := &planOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Optimize a scenario: people and money by function and team, coverage, scores, spend",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			return planRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	addFormatFlag(cmd, &opts.Format)
	cmd.Flags().BoolVar(&opts.AsIs, "as-is", false, "evaluate the current organization (current_fte, owned investments) without optimizing")
	addSolverFlag(cmd, &opts.Solver)
	cmd.Flags().BoolVar(&opts.Marginal, "marginal", true, "report marginal values (one re-solve per limit and per period; --marginal=false skips them)")
	return cmd
}

func planRun(ctx context.Context, opts *planOptions) error {
	format, err := parseFormat(opts.Format)
	if err != nil {
		return err
	}
	lp, err := lookupSolver(opts.Solver)
	if err != nil {
		return err
	}
	s, err := loadScenario(opts.IO, opts.File, opts.Sets)
	if err != nil {
		return err
	}
	var p *plan.Plan
	prog := startProgress(opts.IO, "planning")
	defer prog.Stop()
	// Marginal values re-solve from this plan; without them it is the only one.
	pl := &plan.Planner{LP: lp, Once: !opts.Marginal, Opt: solve.Options{Progress: prog.LP}}
	if opts.AsIs {
		p = plan.AsIs(s)
	} else if p, _, err = pl.Optimize(ctx, s); err != nil {
		return err
	}
	if opts.Marginal && !opts.AsIs {
		prog.Step("marginal values")
		// Marginals is nil for an infeasible plan.
		if p.Marginal, err = plan.Marginals(ctx, s, pl, p); err != nil {
			return err
		}
	}
	prog.Stop()
	if err := report.WritePlan(opts.IO.Out, p, format); err != nil {
		return err
	}
	if p.Status == plan.StatusInfeasible {
		return errSilentFailure
	}
	return nil
}

// loadScenario loads a scenario, printing its problems to ErrOut.
func loadScenario(ios *IOStreams, file string, sets []string) (*scenario.Scenario, error) {
	s, err := scenario.Load(file, sets)
	var diags scenario.Diagnostics
	if errors.As(err, &diags) {
		for _, d := range diags {
			fmt.Fprintln(ios.ErrOut, d.String())
		}
		fmt.Fprintf(ios.ErrOut, "%s: %d problem%s; run 'cardio validate %s' for the full list\n", file, len(diags), plural(len(diags)), file)
		return nil, errSilentFailure
	}
	return s, err
}
