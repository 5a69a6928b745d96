package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

type validateOptions struct {
	IO     *IOStreams
	Files  []string
	Sets   []string
	Format string
}

func newValidateCmd(ios *IOStreams, runF func(context.Context, *validateOptions) error) *cobra.Command {
	opts := &validateOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and report every problem with file:line",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Files = a
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return validateRun(opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	addFormatFlag(cmd, &opts.Format)
	return cmd
}

// fileResult is the JSON view of one validated file.
type fileResult struct {
	File     string                `json:"file"`
	Valid    bool                  `json:"valid"`
	Summary  string                `json:"summary,omitempty"`
	Problems []scenario.Diagnostic `json:"problems"` // the errors
	Warnings []scenario.Diagnostic `json:"warnings"` // values outside their usual range
}

func validateRun(opts *validateOptions) error {
	format, err := parseFormat(opts.Format)
	if err != nil {
		return err
	}
	var results []fileResult
	allValid := true
	for _, file := range opts.Files {
		res := fileResult{File: file, Problems: []scenario.Diagnostic{}, Warnings: []scenario.Diagnostic{}}
		s, err := load(opts.IO, file, opts.Sets)
		var diags scenario.Diagnostics
		switch {
		case err == nil:
			res.Warnings = append(res.Warnings, s.Warnings...)
			// A scenario that loads but that plan refuses at once (too
			// many cells, or whole people at a demand not counted in
			// people) is not ok: validate says what plan would.
			if err := model.CheckSize(s); err != nil {
				res.Problems = append(res.Problems, scenario.Diagnostic{File: file, Message: err.Error()})
				break
			}
			res.Valid = true
			res.Summary = summary(s)
		case errors.As(err, &diags):
			res.Problems = append(res.Problems, diags.Errors()...)
			res.Warnings = append(res.Warnings, diags.Warnings()...)
		default:
			res.Problems = []scenario.Diagnostic{{File: file, Message: err.Error()}}
		}
		allValid = allValid && res.Valid
		results = append(results, res)
	}
	if err := writeValidation(opts.IO.Out, results, format); err != nil {
		return err
	}
	if !allValid {
		return errSilentFailure
	}
	return nil
}

func writeValidation(w io.Writer, results []fileResult, format report.Format) error {
	switch format {
	case report.JSON:
		return report.WriteJSON(w, struct {
			FormatVersion int          `json:"format_version"`
			Files         []fileResult `json:"files"`
		}{report.FormatVersion, results})
	case report.CSV:
		// scenario is the file a row is of: a row's file is --set for an
		// override, which applies to every file, or the roster's file, which
		// two scenarios may share.
		rows := [][]string{{"file", "line", "col", "path", "message", "severity", "code", "scenario"}}
		for _, r := range results {
			for _, d := range r.all() {
				rows = append(rows, []string{d.File, fmt.Sprint(d.Line), fmt.Sprint(d.Col), d.Path, d.Message, d.Severity.String(), string(d.Code), r.File})
			}
		}
		return report.WriteCSV(w, rows)
	}
	for _, r := range results {
		for _, d := range r.all() {
			if _, err := fmt.Fprintln(w, d.String()); err != nil {
				return err
			}
		}
		var err error
		if r.Valid {
			ok := "ok"
			if n := len(r.Warnings); n > 0 {
				ok = fmt.Sprintf("ok (%d warning%s)", n, plural(n))
			}
			_, err = fmt.Fprintf(w, "%s: %s: %s\n", r.File, ok, r.Summary)
		} else {
			_, err = fmt.Fprintf(w, "%s: %s\n", r.File, count(r.all()))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// all is the file's errors and warnings in the loader's order: by line,
// those of the scenario's roster after the scenario's own.
func (r fileResult) all() scenario.Diagnostics {
	ds := append(append(scenario.Diagnostics{}, r.Problems...), r.Warnings...)
	roster := func(d scenario.Diagnostic) int {
		if d.File != r.File && d.File != scenario.SetFile {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(ds, func(a, b scenario.Diagnostic) int {
		return cmp.Or(cmp.Compare(roster(a), roster(b)), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Path, b.Path))
	})
	return ds
}

// summary is the one-line description of a valid scenario.
func summary(s *scenario.Scenario) string {
	n := s.Periods()
	span := s.PeriodLabel(0)
	if n > 1 {
		span += " to " + s.PeriodLabel(n-1)
	}
	out := fmt.Sprintf("%d functions, %d region%s, %d %s%s (%s), %d investment%s",
		len(s.Functions), len(s.Regions), plural(len(s.Regions)), n, s.Horizon.Period, plural(n),
		span, len(s.Investments), plural(len(s.Investments)))
	if s.Roster != "" {
		// The roster's cost is information: the plan costs every FTE at
		// the teams' cost_per_fte (docs/scenario.md, "roster").
		fte, cost := s.Central.CurrentTotal(), s.Central.CurrentTotal()*s.Central.CurrentCostPerFTE
		for _, r := range s.Regions {
			fte += r.CurrentTotal()
			cost += r.CurrentTotal() * r.CurrentCostPerFTE
		}
		out += fmt.Sprintf(", current team from %s: %s FTE", s.Roster, report.FTE(fte))
		if fte > 0 {
			out += fmt.Sprintf(" at %s per FTE on average", plan.FormatMoney(s.Currency, cost/fte))
		}
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
