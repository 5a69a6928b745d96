package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
)

type riskOptions struct {
	IO     *IOStreams
	File   string
	Sets   []string
	Format string
	solverOptions
	Samples    int
	Seed       uint64
	Jobs       int
	Heart      string
	Confidence string
	// By is the period the tables (table, markdown, html) roll up to:
	// month, quarter, year, or "" for quarters from a monthly plan.
	By     string
	Output string         // -o: the file to write; standard output when empty
	cmd    *cobra.Command // for documentFormat: whether --format was given
}

func newRiskCmd(ios *IOStreams, runF func(context.Context, *riskOptions) error) *cobra.Command {
	opts := &riskOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "risk FILE [--samples N] [--seed S] [--jobs J] [--heart X --confidence P]",
		Short: "Monte Carlo: plan many draws of the scenario's ranges, with percentiles, the chance of a healthy heart and a tornado",
		Long: `risk draws the scenario's ranges ({low, mode, high}, {mean, sd} or
{uniform: [low, high]} where a number is expected) --samples times and
optimizes a full plan for each draw, as a sales ops leader would re-plan in
each future. It reports P10, P50 and P90 of heart, brain, spend, unspent and
the central share per period, the chance that the heart is healthy in every
period and in each, a tornado (the swing of the mean heart and brain as each
input goes from its P10 to its P90, the others at their mode), and the
infeasible draws with their most common reason.

The draws depend on --seed only: the output is the same for any --jobs.

With --heart X --confidence P it also finds the least annual budget with which
the plan reaches the heart target X in every period in at least a share P of
the draws (the same draws at every budget), printed rounded up.

--format html or xlsx (or -o risk.html, -o risk.xlsx) writes a page or a
workbook with the fan chart of heart and brain and the tornado chart.

The tables of a monthly plan (table, markdown, html) show quarters, each
draw's months rolled up before the percentiles are taken (--by picks month,
quarter or year, as for plan); the fan chart, JSON, CSV and the workbook
carry every period.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File, opts.cmd = a[0], cmd
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return riskRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	addFormatFlag(cmd, &opts.Format, report.DocumentFormats...)
	addOutputFlag(cmd, &opts.Output)
	cmd.Flags().IntVar(&opts.Samples, "samples", plan.DefaultRiskSamples, fmt.Sprintf("draws to plan, 1 to %d", plan.MaxRiskSamples))
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the draws: the same seed gives the same output")
	cmd.Flags().IntVar(&opts.Jobs, "jobs", 0, "draws planned at once (0: one per core); the output does not depend on it")
	setAllowed(cmd, "samples", samplesAllowed)
	setAllowed(cmd, "jobs", jobsAllowed)
	cmd.Flags().StringVar(&opts.Heart, "heart", "", "goal seek: heart target in every period, 0..1 or a percentage (with --confidence)")
	cmd.Flags().StringVar(&opts.Confidence, "confidence", "", "goal seek: share of the draws that must reach --heart, 0..1 or a percentage")
	cmd.Flags().StringVar(&opts.By, "by", "", "period the tables roll up to: month, quarter or year (default: quarter for a monthly plan, else the plan's own periods); json, csv, xlsx and the fan chart carry every period")
	opts.solverOptions.addFlags(cmd)
	return cmd
}

// samplesAllowed is what --samples takes, said by its check and by a value
// that does not parse (setAllowed).
var samplesAllowed = fmt.Sprintf("1 to %d draws", plan.MaxRiskSamples)

func riskRun(ctx context.Context, opts *riskOptions) error {
	format, err := documentFormat(opts.cmd, opts.Format, opts.Output)
	if err != nil {
		return err
	}
	// An -o that is the scenario, or that cannot be written, is refused
	// before any work, as report, chart and export-lp refuse it.
	if err := checkOutput(opts.IO, opts.Output, opts.File); err != nil {
		return err
	}
	if opts.Samples < 1 || opts.Samples > plan.MaxRiskSamples {
		return usageError{fmt.Errorf("--samples %d: give %s", opts.Samples, samplesAllowed)}
	}
	if opts.Jobs < 0 {
		return usageError{fmt.Errorf("--jobs %d: give %s", opts.Jobs, jobsAllowed)}
	}
	if err := checkBy(opts.By); err != nil {
		return err
	}
	var heart, confidence float64
	switch {
	case (opts.Heart == "") != (opts.Confidence == ""):
		return usageError{errors.New("the goal seek needs both --heart and --confidence, e.g. --heart 0.9 --confidence 0.9")}
	case opts.Heart != "":
		if heart, err = parseTarget("--heart", opts.Heart); err != nil {
			return err
		}
		if confidence, err = parseTarget("--confidence", opts.Confidence); err != nil {
			return err
		}
		if heart == 0 || confidence == 0 {
			return usageError{errors.New("--heart and --confidence must be above 0")}
		}
	}
	lp, err := opts.lp()
	if err != nil {
		return err
	}
	doc, s, err := loadDoc(opts.IO, opts.File, opts.Sets)
	if err != nil {
		return err
	}
	if _, err := rollUpFor(s, opts.By); err != nil {
		return err
	}
	if len(s.Uncertain) == 0 {
		return usageError{fmt.Errorf("%s has no ranges: give an input as {low: L, mode: M, high: H}, {mean: M, sd: S} or {uniform: [L, H]} (docs/scenario.md, Ranges), or with --set", opts.File)}
	}
	var progress func(done, total int)
	if opts.IO.ErrTTY {
		progress = func(done, total int) { drawProgress(opts.IO, done, total) }
	}
	res, err := plan.Risk(ctx, doc, lp, plan.RiskOptions{
		Samples: opts.Samples, Seed: opts.Seed, Workers: opts.Jobs, Progress: progress,
		Heart: heart, Confidence: confidence, By: opts.By,
	})
	if progress != nil {
		fmt.Fprint(opts.IO.ErrOut, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if err := writeOutput(ctx, opts.IO, opts.Output, []string{opts.File}, func(w io.Writer) error { return report.WriteRisk(w, res, s, format) }); err != nil {
		return err
	}
	wroteDocument(opts.IO, opts.Output)
	if res.Goal != nil && !res.Goal.Reachable {
		return errSilentFailure
	}
	return nil
}
