package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/report"
)

type checkupOptions struct {
	scenarioOptions
}

func newCheckupCmd(ios *IOStreams, runF func(context.Context, *checkupOptions) error) *cobra.Command {
	opts := &checkupOptions{scenarioOptions: scenarioOptions{IO: ios}}
	cmd := &cobra.Command{
		Use:   "checkup FILE",
		Short: "Examine a scenario for the four warning signs of an unhealthy sales ops heart",
		Long: `checkup examines the organization as it is today (current_fte, owned
investments) and the optimized plan for the four warning signs: a stale FTE
mix (stale_mix), brain before heart (brain_before_heart), lost local touch
(lost_local_touch) and a shrinking budget (shrinking_budget). Each sign gets
a status (ok, watch, act), its evidence and a remedy. The thresholds are set
in the scenario's checkup: section (see docs/checkup.md).

The exit code is 0 whatever the statuses: a checkup is an examination, not a
failure. It is 1 when the scenario has errors or is infeasible.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return checkupRun(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	return cmd
}

func checkupRun(ctx context.Context, opts *checkupOptions) error {
	format, lp, s, err := opts.load()
	if err != nil {
		return err
	}
	r, err := checkup.Run(ctx, s, lp)
	var inf *checkup.InfeasibleError
	if errors.As(err, &inf) {
		fmt.Fprintf(opts.IO.ErrOut, "%s: no plan meets every constraint of this scenario, so there is nothing to examine it against:\n", opts.File)
		for _, p := range report.ProblemWords(inf.Currency, inf.Findings) {
			fmt.Fprintf(opts.IO.ErrOut, "- %s\n", p)
		}
		return errSilentFailure
	}
	if err != nil {
		return err
	}
	return report.WriteCheckup(opts.IO.Out, r, format)
}
