package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

type chartOptions struct {
	IO    *IOStreams
	Kind  string
	Files []string
	Sets  []string
	solverOptions
	Output   string
	Varies   []string
	Width    int
	Height   int
	ByRegion bool
}

func newChartCmd(ios *IOStreams, runF func(context.Context, *chartOptions) error) *cobra.Command {
	opts := &chartOptions{IO: ios}
	kinds := make([]string, len(chart.Kinds))
	for i, k := range chart.Kinds {
		kinds[i] = string(k)
	}
	cmd := &cobra.Command{
		Use:   "chart KIND FILE... -o OUT.svg|OUT.png|-",
		Short: "Draw one chart of a plan as SVG or PNG: " + strings.Join(kinds, ", "),
		Long: `chart plans the scenario (as 'cardio plan' does) and draws one of the
charts of the HTML report, as SVG or PNG by the extension of -o:

  heart-brain  heart and brain by period, the healthy line, the weakest heart function
  coverage     coverage of each function by period as a heatmap, heart above brain,
               cells at their floor outlined (--by-region: a column per period and region)
  spend        spend by period, stacked (central staff, local staff, investments), and the budget
  fte          central and local FTE by period, and the central share within its bounds
  whatif       heart and brain against the input of --vary, the scenario's value marked
  compare      heart, brain, spend and central share by period, one series per FILE

compare takes one or more files; whatif takes one file and one or two --vary;
the others take one file. -o - writes the SVG to standard output; a PNG is
binary and goes to a file only, as a workbook does.`,
		Args: args(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Kind, opts.Files = a[0], a[1:]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return chartRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	opts.solverOptions.addFlags(cmd)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "the picture to write: .svg or .png, or - for SVG on standard output (required)")
	cmd.Flags().StringArrayVar(&opts.Varies, "vary", nil, "KEY=FROM:TO:STEP as for 'cardio sweep' (whatif only; once or twice)")
	cmd.Flags().IntVar(&opts.Width, "width", chart.DefaultWidth, "width in pixels")
	cmd.Flags().IntVar(&opts.Height, "height", 0, fmt.Sprintf("height in pixels (default %d, taller for a chart of several panels or a heatmap of many rows, as the HTML report draws it)", chart.DefaultHeight))
	cmd.Flags().BoolVar(&opts.ByRegion, "by-region", false, "coverage: a column per period and region")
	return cmd
}

func chartRun(ctx context.Context, opts *chartOptions) error {
	kind := chart.Kind(opts.Kind)
	known := false
	for _, k := range chart.Kinds {
		known = known || k == kind
	}
	if !known {
		names := make([]string, len(chart.Kinds))
		for i, k := range chart.Kinds {
			names[i] = string(k)
		}
		return usageError{fmt.Errorf("unknown chart %q: use one of %s", opts.Kind, strings.Join(names, ", "))}
	}
	if opts.Output == "" {
		return usageError{fmt.Errorf("chart needs -o OUT, a file ending in .svg or .png (or -o - for SVG on standard output)")}
	}
	// -o - is standard output, as for every -o: it has no extension, and
	// takes the SVG, which is text; a PNG is binary and, like a workbook
	// (documentFormat), goes to a file only.
	ext := ".svg"
	if !toStdout(opts.Output) {
		ext = strings.ToLower(filepath.Ext(opts.Output))
	}
	if ext != ".svg" && ext != ".png" {
		return usageError{fmt.Errorf("cannot tell the kind of picture from %q: -o must end in .svg or .png (or be - for SVG on standard output)", opts.Output)}
	}
	if err := checkOutput(opts.IO, opts.Output, opts.Files...); err != nil {
		return err
	}
	if kind != chart.Compare && len(opts.Files) > 1 {
		return usageError{fmt.Errorf("chart %s draws one scenario, got %d files: use 'cardio chart compare' for several", kind, len(opts.Files))}
	}
	if (kind == chart.WhatIf) != (len(opts.Varies) > 0) {
		if kind == chart.WhatIf {
			return usageError{fmt.Errorf("chart whatif needs --vary KEY=FROM:TO:STEP")}
		}
		return usageError{fmt.Errorf("--vary goes with chart whatif, not %s", kind)}
	}
	if len(opts.Varies) > 2 {
		return usageError{fmt.Errorf("chart whatif takes one or two --vary, got %d", len(opts.Varies))}
	}
	if opts.ByRegion && kind != chart.Coverage {
		return usageError{fmt.Errorf("--by-region goes with chart coverage, not %s", kind)}
	}
	height := opts.Height
	if height == 0 {
		height = chart.DefaultHeight // or taller, once the chart is built
	}
	if opts.Width < chart.MinWidth || height < chart.MinHeight || opts.Width > chart.MaxSide || height > chart.MaxSide {
		return usageError{fmt.Errorf("--width %d --height %d: a chart is %dx%d to %dx%d pixels", opts.Width, height, chart.MinWidth, chart.MinHeight, chart.MaxSide, chart.MaxSide)}
	}
	lp, err := opts.lp()
	if err != nil {
		return err
	}
	c, err := buildChart(ctx, opts, kind, lp)
	if err != nil {
		return err
	}
	if opts.Height == 0 {
		// Four panels of compare in 380 pixels leave the last two no room
		// to draw in: as tall as the HTML report draws it.
		_, h := report.HTMLChartSize(c)
		opts.Height = min(chart.MaxSide, max(chart.DefaultHeight, h))
	}
	write := func(w io.Writer) error { return c.WriteSVG(w, opts.Width, opts.Height) }
	if ext == ".png" {
		write = func(w io.Writer) error { return c.WritePNG(w, opts.Width, opts.Height) }
	}
	// The one output path of every command: a failure leaves no half
	// picture and any previous file untouched, and an input is never
	// overwritten.
	if err := writeOutput(ctx, opts.IO, opts.Output, opts.Files, write); err != nil {
		return err
	}
	// Standard output holds the picture alone; for a file, stderr says
	// what was written.
	if !toStdout(opts.Output) {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %s, %dx%d pixels\n", wroteFile(opts.Output), c.Title, opts.Width, opts.Height)
	}
	return nil
}

// buildChart plans the files and builds the chart of them.
func buildChart(ctx context.Context, opts *chartOptions, kind chart.Kind, lp solve.LPSolver) (*chart.Chart, error) {
	scens, err := loadScenarios(opts.IO, opts.Files, opts.Sets)
	if err != nil {
		return nil, err
	}
	var plans []report.ScenarioPlan
	for i, f := range opts.Files {
		s := scens[i]
		if kind == chart.WhatIf {
			so := &sweepOptions{IO: opts.IO, File: f, Sets: opts.Sets, Varies: opts.Varies}
			inputs, err := sweepInputs(so, s)
			if err != nil {
				return nil, err
			}
			base, err := s.Number(inputs[0].Key)
			if err != nil {
				return nil, usageError{fmt.Errorf("--vary %s: %v", inputs[0].Key, err)}
			}
			res, err := plan.Sweep(ctx, f, opts.Sets, inputs, lp, 0, nil)
			if err != nil {
				return nil, err
			}
			c, err := chart.ForSweep(res, report.InputLabels(s, res.Inputs), base, s.Policy.HealthyHeart)
			return c, noData(f, err)
		}
		p, err := plan.Optimize(ctx, s, lp, solve.Options{})
		if err != nil {
			return nil, err
		}
		if kind != chart.Compare {
			// The period axis as the plan's tables roll it up: a monthly
			// plan by (fiscal) quarter.
			o := report.RollUpOf(s, "").ChartOptions(p, chart.Options{ByRegion: opts.ByRegion})
			c, err := chart.ForPlan(kind, s, p, o)
			return c, noData(f, err)
		}
		plans = append(plans, report.ScenarioPlan{Scenario: s, Plan: p})
	}
	// As compare's table: a monthly plan by quarter, periods by date.
	c, err := report.CompareChart(plans, "")
	return c, noData(strings.Join(opts.Files, ", "), err)
}

// noData says that an infeasible scenario has nothing to draw, and why
// ('cardio plan' explains it), with exit code 1.
func noData(file string, err error) error {
	if errors.Is(err, chart.ErrNoData) {
		return fmt.Errorf("%s: nothing to draw: no plan meets every constraint of the scenario ('cardio plan %s' says why)", file, file)
	}
	return err
}
