package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

type sweepOptions struct {
	IO     *IOStreams
	File   string
	Sets   []string
	Varies []string
	Metric string
	Jobs   int
	// doc is the scenario parsed with Sets set, when the caller has it;
	// else sweepInputs parses it.
	doc *scenario.Doc
	viewOptions
}

func newSweepCmd(ios *IOStreams, runF func(context.Context, *sweepOptions) error) *cobra.Command {
	opts := &sweepOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "sweep FILE --vary KEY=FROM:TO:STEP [--vary KEY2=FROM:TO:STEP]",
		Short: "What-if table: optimize the scenario at every value of one or two inputs",
		Long: `sweep optimizes the scenario at every value of one or two numeric keys (any key
--set accepts) and reports, per point, the heart (mean over periods), the
weakest period's heart, the brain, the spend and what is left unspent. Values
are absolute (--vary budget.annual=5e6:7e6:5e5) or percentages of the
scenario's own value (--vary budget.annual=-20%:+20%:5%). With two inputs the
table view adds a grid of one --metric, like a spreadsheet's data table.
Points run in parallel on all cores; an infeasible point is a row, not an error.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return sweepRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	opts.viewOptions.addFlags(cmd)
	cmd.Flags().StringArrayVar(&opts.Varies, "vary", nil, "KEY=FROM:TO:STEP, values or percentages of the base value (-20%:+20%:5%); once or twice")
	cmd.Flags().StringVar(&opts.Metric, "metric", "heart", "the grid's figure with two inputs: "+strings.Join(report.SweepMetrics, ", "))
	cmd.Flags().IntVar(&opts.Jobs, "jobs", 0, "points solved at once (0: one per core)")
	setAllowed(cmd, "jobs", jobsAllowed)
	return cmd
}

func sweepRun(ctx context.Context, opts *sweepOptions) error {
	format, lp, err := opts.resolve()
	if err != nil {
		return err
	}
	metric, err := report.ParseSweepMetric(opts.Metric)
	if err != nil {
		return usageError{err}
	}
	switch {
	case len(opts.Varies) == 0:
		return usageError{errors.New("sweep needs --vary KEY=FROM:TO:STEP, such as --vary budget.annual=-20%:+20%:5%")}
	case len(opts.Varies) > 2:
		return usageError{fmt.Errorf("sweep takes one or two --vary, got %d", len(opts.Varies))}
	}
	doc, base, err := loadDoc(opts.IO, opts.File, opts.Sets)
	if err != nil {
		return err
	}
	opts.doc = doc
	inputs, err := sweepInputs(opts, base)
	if err != nil {
		return err
	}
	var progress func(done, total int)
	if opts.IO.ErrTTY {
		progress = func(done, total int) { drawProgress(opts.IO, done, total) }
	}
	res, err := plan.SweepDoc(ctx, doc, inputs, lp, opts.Jobs, progress)
	if progress != nil {
		fmt.Fprint(opts.IO.ErrOut, "\r\033[K")
	}
	if err != nil {
		return err
	}
	return report.WriteSweep(opts.IO.Out, res, base, format, metric)
}

// sweepInputs parses the --vary ranges against the base scenario (and its
// Doc, opts.doc or else parsed): each key checked by the loader, percentages resolved from the base value, and the
// number of combinations bounded.
func sweepInputs(opts *sweepOptions, base *scenario.Scenario) ([]plan.SweepInput, error) {
	doc := opts.doc
	if doc == nil {
		var err error
		if doc, err = scenario.ParseFile(opts.IO.context(), opts.File, opts.IO.maxFileSize()); err != nil {
			return nil, err
		}
		for _, text := range opts.Sets {
			_ = doc.SetOverride(text) // base loaded: no problem
		}
	}
	var inputs []plan.SweepInput
	total := 1
	for _, text := range opts.Varies {
		key, r, err := plan.ParseVary(text)
		if err != nil {
			return nil, usageError{err}
		}
		for _, in := range inputs {
			if in.Key == key {
				return nil, usageError{fmt.Errorf("--vary %q: %s is varied twice", text, key)}
			}
		}
		// The loader checks the key: an unknown key gets its diagnostic
		// (with a did-you-mean), exactly as --set would.
		if err := checkKey(doc, key, r); err != nil {
			return nil, err
		}
		var b float64
		if r.Percent {
			if b, err = base.Number(key); err != nil {
				return nil, usageError{fmt.Errorf("--vary %q: a percentage needs the base value: %v", text, err)}
			}
		}
		vals, err := r.Values(b)
		if err != nil {
			return nil, usageError{fmt.Errorf("--vary %q: %v", text, err)}
		}
		total *= len(vals)
		if total > plan.MaxSweepPoints {
			return nil, usageError{fmt.Errorf("%d points or more: a sweep has at most %d (all combinations of the inputs)", total, plan.MaxSweepPoints)}
		}
		inputs = append(inputs, plan.SweepInput{Key: key, Values: vals})
	}
	return inputs, nil
}

// loadDoc parses the scenario file once and sets the overrides: the
// sweep's points are clones of it. The base scenario is decoded, and its
// problems or warnings shown, as every command shows them.
func loadDoc(ios *IOStreams, file string, sets []string) (*scenario.Doc, *scenario.Scenario, error) {
	doc, err := func() (*scenario.Doc, error) {
		if err := notDirectory(file); err != nil {
			return nil, err
		}
		return scenario.ParseFile(ios.context(), file, ios.maxFileSize())
	}()
	var s *scenario.Scenario
	if err == nil {
		for _, text := range sets {
			_ = doc.SetOverride(text) // Decode reports it with the rest
		}
		var diags scenario.Diagnostics
		if s, diags = doc.Decode(); diags.HasErrors() {
			err = diags
		} else if err = ios.context().Err(); err != nil {
			s = nil
		}
	}
	s, err = showLoad(ios, file, s, err)
	if err != nil {
		return nil, nil, err
	}
	return doc, s, nil
}

// checkKey decodes a clone of the scenario with the key set to a value of
// its range, so that an unknown or misspelt key, or a key that is not a
// number, is reported by the loader, at the --vary, as a usage error. A
// value out of range is left to the sweep: it is a row with status
// invalid.
func checkKey(doc *scenario.Doc, key string, r plan.Range) error {
	probe := r.From
	if r.Percent {
		probe = 1
	}
	d := doc.Clone()
	_ = d.Set(key, probe) // Decode reports a refused set with the rest
	_, diags := d.Decode()
	set := key + "=" + strconv.FormatFloat(probe, 'g', -1, 64) // how Set names the probe
	var keyProblems []string
	for _, d := range diags {
		// The base scenario loaded: a problem of an override is the probe's.
		if d.File != scenario.SetFile || d.Severity != scenario.Error {
			continue
		}
		switch d.Code {
		case scenario.CodeOverride, scenario.CodeUnknownKey, scenario.CodeType:
		default:
			continue
		}
		// Say it of the --vary, not of the probe's set.
		msg := strings.TrimPrefix(d.Message, strconv.Quote(set)+": ")
		if d.Path != "" {
			msg = d.Path + ": " + msg
		}
		keyProblems = append(keyProblems, msg)
	}
	if len(keyProblems) == 0 {
		return nil
	}
	return usageError{fmt.Errorf("--vary: %s", strings.Join(keyProblems, "; "))}
}

// drawProgress draws a progress bar on the terminal's error stream.
func drawProgress(ios *IOStreams, done, total int) {
	const width = 30
	n := done * width / total
	fmt.Fprintf(ios.ErrOut, "\r[%s%s] %d/%d points", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
}
