package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

// investOptions are cardio invest's flags and argument; the cobra layer
// only fills them and calls investRun.
type investOptions struct {
	scenarioOptions
}

func newInvestCmd(ios *IOStreams, runF func(context.Context, *investOptions) error) *cobra.Command {
	opts := &investOptions{scenarioOptions: scenarioOptions{IO: ios}}
	cmd := &cobra.Command{
		Use:   "invest FILE",
		Short: "Why each investment is or is not bought: cost against staff, break-even price, selling time given back",
		Long: `invest plans the scenario and reports, for each investment on offer, whether
the plan buys it and in which periods; what it costs per FTE of work it
covers against the staff it would replace; its break-even price (for one
not bought, the highest yearly cost at which the optimizer would buy it;
for one bought, the highest it could cost before it is dropped), found by
re-planning to within $1k and verified by planning at the figure and at
$1k beyond it; and the selling time it gives back a year, valued with
policy.seller_hour_value when the scenario gives it, with its payback.
The optimizer does not value selling time: the figures are for the
business case.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return investRun(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	return cmd
}

func investRun(ctx context.Context, opts *investOptions) error {
	format, lp, s, err := opts.load()
	if err != nil {
		return err
	}
	prog := startProgress(opts.IO, "planning")
	defer prog.Stop()
	// The break-even searches re-plan from this plan, warm.
	pl := &plan.Planner{LP: lp, Opt: solve.Options{Progress: prog.LP}}
	p, _, err := pl.Optimize(ctx, s)
	if err != nil {
		return err
	}
	r := &plan.InvestmentReport{FormatVersion: plan.FormatVersion, Scenario: s.Name, Currency: s.Currency, Status: p.Status, Findings: p.Findings,
		HorizonYears: float64(s.Periods()) * s.PeriodFraction(), FunctionNames: s.FunctionNames()}
	if r.Cases, err = plan.InvestmentCases(ctx, s, pl, p, plan.CaseOptions{Progress: prog.Items("investment break-even prices")}); err != nil {
		return err
	}
	prog.Stop()
	if err := report.WriteInvest(opts.IO.Out, r, format); err != nil {
		return err
	}
	if p.Status == plan.StatusInfeasible {
		return errSilentFailure
	}
	return nil
}
