package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

type reviewOptions struct {
	scenarioOptions
	Actuals string
	Plan    string
	// By is the period the re-plan's table (table, markdown, html) rolls
	// up to: month, quarter, year, or "" for quarters from a monthly plan.
	By     string
	Output string         // -o: the file to write; standard output when empty
	cmd    *cobra.Command // for documentFormat: whether --format was given
}

func newReviewCmd(ios *IOStreams, runF func(context.Context, *reviewOptions) error) *cobra.Command {
	opts := &reviewOptions{scenarioOptions: scenarioOptions{IO: ios, viewOptions: viewOptions{Formats: report.DocumentFormats}}}
	cmd := &cobra.Command{
		Use:   "review FILE --actuals ACTUALS.csv [--plan PLAN.json]",
		Short: "The plan of record against the actuals, and the rest of the horizon re-planned",
		Long: `review compares the plan of record with what happened in the first periods
of the horizon (the actuals file: period, team, function, fte, spend): per
past period, planned against actual FTE per team and function, spend, and the
coverage the actual people gave (heart, brain, the weakest heart cell), with
the floors and hire or exit limits they broke. It re-plans the remaining
periods from the team in seat at the end of the last actual period, under the
same hire and exit limits, with the rest of the horizon's budget (an
underspend is not carried forward), and takes the checkup's stale-mix sign on
the actual mix of that period.

The plan of record is --plan (a plan saved with cardio plan --format json),
or else FILE planned now. --format html or xlsx (or -o review.html, -o
review.xlsx) writes a page or a workbook with the variance as charts. See
docs/review.md.

The re-plan's table of a monthly plan shows quarters (--by picks month,
quarter or year, as for plan); each past period keeps its own table, and
JSON, CSV and the workbook carry every period.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File, opts.cmd = a[0], cmd
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return reviewRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Actuals, "actuals", "", "the actuals CSV file: period, team, function, fte and spend (required)")
	cmd.Flags().StringVar(&opts.Plan, "plan", "", "the plan of record, saved with cardio plan --format json (default: FILE planned now)")
	cmd.Flags().StringVar(&opts.By, "by", "", "period the re-plan's table rolls up to: month, quarter or year (default: quarter for a monthly plan, else the plan's own periods)")
	opts.addFlags(cmd)
	addOutputFlag(cmd, &opts.Output)
	return cmd
}

func reviewRun(ctx context.Context, opts *reviewOptions) error {
	if opts.Actuals == "" {
		return usageError{errors.New("--actuals is required: the CSV file of what happened (period, team, function, fte, spend)")}
	}
	format, err := documentFormat(opts.cmd, opts.Format, opts.Output)
	if err != nil {
		return err
	}
	// An -o that is the scenario, or that cannot be written, is refused
	// before any work, as report, chart and export-lp refuse it.
	if err := checkOutput(opts.IO, opts.Output, opts.File); err != nil {
		return err
	}
	opts.Format = string(format)
	if err := checkBy(opts.By); err != nil {
		return err
	}
	_, lp, s, err := opts.load()
	if err != nil {
		return err
	}
	if _, err := rollUpFor(s, opts.By); err != nil {
		return err
	}
	opts.IO.noteInput(opts.Actuals, "the actuals file "+opts.Actuals)
	opts.IO.noteInput(opts.Plan, "the plan of record "+opts.Plan)
	act, err := scenario.ReadActuals(ctx, opts.Actuals, s, opts.IO.maxFileSize())
	if err != nil {
		_, err = showLoad(opts.IO, opts.Actuals, nil, err)
		return err
	}
	var rec *plan.Plan
	if opts.Plan != "" {
		if rec, err = readPlan(ctx, opts.Plan, opts.IO.maxFileSize()); err != nil {
			return err
		}
	} else {
		if rec, err = plan.Optimize(ctx, s, lp, solve.Options{}); err != nil {
			return fmt.Errorf("%s: %w", opts.File, err)
		}
		if rec.Status == plan.StatusInfeasible {
			fmt.Fprintf(opts.IO.ErrOut, "%s: no plan meets every constraint of this scenario, so there is no plan of record to review against:\n", opts.File)
			for _, p := range report.ProblemWords(rec.Currency, rec.Findings) {
				fmt.Fprintf(opts.IO.ErrOut, "- %s\n", p)
			}
			return errSilentFailure
		}
	}
	rv, err := plan.NewReview(ctx, s, rec, act, lp, solve.Options{})
	if errors.Is(err, plan.ErrPlanMismatch) {
		name := opts.Plan
		if name == "" {
			name = opts.File
		}
		detail := strings.TrimPrefix(err.Error(), plan.ErrPlanMismatch.Error()+": ")
		return fmt.Errorf("%s: the plan of record does not fit %s: %s; save the plan of this scenario with cardio plan --format json %s", name, opts.File, detail, opts.File)
	}
	if err != nil {
		return err
	}
	rv.RollUp(s, rec, opts.By)
	v := &report.ReviewView{Review: rv, PlanOfRecord: opts.Plan}
	cr, err := checkup.Run(ctx, plan.AtLastActual(s, rec, act), lp)
	var inf *checkup.InfeasibleError
	switch {
	case errors.As(err, &inf):
		v.StaleMixProblem = inf.Findings
	case err != nil:
		return err
	default:
		for i := range cr.Signs {
			if cr.Signs[i].ID == checkup.StaleMix {
				v.StaleMix = &cr.Signs[i]
			}
		}
	}
	if err := writeOutput(ctx, opts.IO, opts.Output, []string{opts.File}, func(w io.Writer) error { return report.WriteReview(w, v, format) }); err != nil {
		return err
	}
	wroteDocument(opts.IO, opts.Output)
	return nil
}

// readPlan reads a plan saved with cardio plan --format json.
func readPlan(ctx context.Context, path string, maxSize int64) (*plan.Plan, error) {
	data, err := scenario.ReadFile(ctx, path, maxSize)
	if err != nil {
		return nil, err
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := offsetLineCol(data, max(0, int(se.Offset)-1)) // Offset is just after the bad byte
			return nil, fmt.Errorf("%s:%d:%d: not a plan in JSON: %v (save one with cardio plan --format json FILE > %s)", path, line, col, err, path)
		}
		return nil, fmt.Errorf("%s: not a plan in JSON: %v (save one with cardio plan --format json FILE > %s)", path, err, path)
	}
	if p.FormatVersion != plan.FormatVersion || p.Periods == nil {
		return nil, fmt.Errorf("%s: not a plan of format_version %d (save one with cardio plan --format json FILE > %s)", path, plan.FormatVersion, path)
	}
	if at, v, bad := p.BadMoney(); bad {
		where := path
		if line, col, ok := jsonKeyPos(data, at); ok {
			where = fmt.Sprintf("%s:%d:%d", path, line, col)
		}
		return nil, fmt.Errorf("%s: %s: %s is not allowed: a plan's money figures are numbers >= 0 (save the plan of record with cardio plan --format json FILE > %s)", where, jsonPath(at), strconv.FormatFloat(v, 'f', -1, 64), path)
	}
	return &p, nil
}

// jsonPath writes a path of keys and indices as the scenario's key paths
// are written: periods[1].spend.
func jsonPath(at []any) string {
	var b strings.Builder
	for _, e := range at {
		switch x := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", x)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}

// jsonKeyPos finds the line and column of the last key (or element) of
// the path at in a JSON document, read as YAML, which keeps positions.
func jsonKeyPos(data []byte, at []any) (line, col int, ok bool) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0, 0, false
	}
	n := doc.Content[0]
	for _, e := range at {
		var next *yaml.Node
		switch x := e.(type) {
		case int:
			if n.Kind == yaml.SequenceNode && x < len(n.Content) {
				next = n.Content[x]
				line, col = next.Line, next.Column
			}
		case string:
			for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == x {
					next = n.Content[i+1]
					line, col = n.Content[i].Line, n.Content[i].Column
				}
			}
		}
		if next == nil {
			return 0, 0, false
		}
		n = next
	}
	return line, col, true
}

// offsetLineCol is the line and column (1-based, in bytes) of a byte
// offset.
func offsetLineCol(data []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off && i < len(data); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
