package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

type reportOptions struct {
	IO     *IOStreams
	Files  []string
	Sets   []string
	Solver string
	Output string
	Varies []string // --vary: a What-if sheet per scenario (xlsx only)
}

// reportKinds are the extensions -o takes, in the order help text shows them.
var reportKinds = []string{".xlsx", ".md", ".csv"}

func newReportCmd(ios *IOStreams) *cobra.Command {
	opts := &reportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "report FILE... -o OUT",
		Short: "Plan every scenario and write one report: a workbook for finance (.xlsx), Markdown (.md) or CSV (.csv)",
		Long: `report plans every scenario (as 'cardio plan' does, with --set applied to
every file) and writes them into one file, its kind chosen by the extension
of -o: .xlsx, a workbook with an Assumptions sheet and a Plan sheet per
scenario; .md, the plan views one after the other; .csv, the long CSV of
every plan with a leading scenario column. An infeasible scenario is
reported in the file with its reasons, and the command then exits with 1.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Files = a
			return reportRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	addSolverFlag(cmd, &opts.Solver)
	cmd.Flags().StringArrayVar(&opts.Varies, "vary", nil, "KEY=FROM:TO:STEP as for 'cardio sweep' (once or twice): adds a What-if sheet per scenario to an .xlsx report")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "the report to write: "+strings.Join(reportKinds, ", ")+" (required)")
	return cmd
}

func reportRun(ctx context.Context, opts *reportOptions) error {
	if err := checkOutput(opts.Output, opts.Files...); err != nil {
		return err
	}
	kind, err := reportKind(opts.Output)
	if err != nil {
		return err
	}
	if len(opts.Varies) > 0 && kind != ".xlsx" {
		return usageError{fmt.Errorf("--vary adds a What-if sheet to a workbook: use -o with .xlsx, or 'cardio sweep' for %s", kind)}
	}
	lp, err := lookupSolver(opts.Solver)
	if err != nil {
		return err
	}
	var plans []report.ScenarioPlan
	for _, f := range opts.Files {
		s, err := loadScenario(opts.IO, f, opts.Sets)
		if err != nil {
			return err
		}
		p, err := plan.Optimize(ctx, s, lp, solve.Options{})
		if err != nil {
			return err
		}
		plans = append(plans, report.ScenarioPlan{Scenario: s, Plan: p})
	}
	var (
		write func(io.Writer) error
		rows  int // of a CSV report
	)
	switch kind {
	case ".xlsx":
		extra, err := reportExtraSheets(ctx, opts, lp, plans)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return report.WriteXLSX(w, plans, extra...) }
	case ".md":
		write = func(w io.Writer) error { return writeReportMarkdown(w, plans) }
	case ".csv":
		write = func(w io.Writer) (err error) { rows, err = writeReportCSV(w, plans); return err }
	}
	if err := writeOutput(ctx, opts.IO, opts.Output, opts.Files, write); err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.ErrOut, wrote(opts.Output, kind, plans, rows))
	failed := false
	for i, sp := range plans {
		if sp.Plan.Status == plan.StatusInfeasible {
			fmt.Fprintf(opts.IO.ErrOut, "%s: infeasible: no plan meets every constraint; %s says why\n", opts.Files[i], opts.Output)
			failed = true
		}
	}
	if failed {
		return errSilentFailure
	}
	return nil
}

// reportExtraSheets returns the sheets after the plans: with --vary, a
// What-if sheet per scenario, the same table as 'cardio sweep'.
func reportExtraSheets(ctx context.Context, opts *reportOptions, lp solve.LPSolver, plans []report.ScenarioPlan) ([]report.Sheet, error) {
	if len(opts.Varies) == 0 {
		return nil, nil
	}
	if len(opts.Varies) > 2 {
		return nil, usageError{fmt.Errorf("report takes one or two --vary, got %d", len(opts.Varies))}
	}
	var sheets []report.Sheet
	for i, sp := range plans {
		so := &sweepOptions{IO: opts.IO, File: opts.Files[i], Sets: opts.Sets, Varies: opts.Varies}
		inputs, err := sweepInputs(so, sp.Scenario)
		if err != nil {
			return nil, err
		}
		var progress func(done, total int)
		if opts.IO.ErrTTY {
			progress = func(done, total int) { drawProgress(opts.IO, done, total) }
		}
		res, err := plan.Sweep(ctx, so.File, so.Sets, inputs, lp, 0, progress)
		if progress != nil {
			fmt.Fprint(opts.IO.ErrOut, "\r\033[K")
		}
		if err != nil {
			return nil, err
		}
		sheets = append(sheets, report.WhatIfSheet(res))
	}
	return sheets, nil
}

// reportKind checks -o and returns its extension, lower-case.
func reportKind(out string) (string, error) {
	if out == "" {
		return "", usageError{fmt.Errorf("report needs -o OUT, a file ending in %s", strings.Join(reportKinds, ", "))}
	}
	if out == stdoutName {
		// The kind of report comes from the file's extension, which
		// standard output has not; a plan's view on standard output is
		// 'cardio plan --format'.
		return "", usageError{fmt.Errorf("report writes a file whose extension (%s) chooses its kind, not standard output (-o -): use 'cardio plan --format markdown|csv' to print a plan", strings.Join(reportKinds, ", "))}
	}
	ext := strings.ToLower(filepath.Ext(out))
	for _, k := range reportKinds {
		if ext == k {
			return k, nil
		}
	}
	return "", usageError{fmt.Errorf("cannot tell the kind of report from %q: -o must end in %s", out, strings.Join(reportKinds, ", "))}
}

// writeReportMarkdown writes a title, a list of the scenarios and then each
// plan's Markdown view, its headings one level down.
func writeReportMarkdown(w io.Writer, plans []report.ScenarioPlan) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# cardio report\n\n")
	for _, sp := range plans {
		fmt.Fprintf(bw, "- %s (`%s`): %s\n", report.CleanText(sp.Plan.Scenario), report.CleanText(sp.Scenario.File), strings.ReplaceAll(sp.Plan.Status, "_", " "))
	}
	for _, sp := range plans {
		var buf bytes.Buffer
		// A monthly plan's Markdown rolls up to quarters, as cardio plan's does.
		by, err := rollUpFor(sp.Scenario, "")
		if err != nil {
			return err
		}
		if err := report.WritePlanBy(&buf, sp.Plan, report.Markdown, by); err != nil {
			return err
		}
		fmt.Fprintln(bw)
		for _, line := range strings.SplitAfter(buf.String(), "\n") {
			if strings.HasPrefix(line, "#") {
				bw.WriteString("#")
			}
			bw.WriteString(line)
		}
	}
	return bw.Flush()
}

// writeReportCSV writes the long CSV of every plan with a leading scenario
// column: scenario,period,scope,id,metric,value. It returns the number of
// rows after the header.
func writeReportCSV(w io.Writer, plans []report.ScenarioPlan) (int, error) {
	cw := report.NewCSVWriter(w)
	header := false
	n := 0
	for _, sp := range plans {
		var buf bytes.Buffer
		if err := report.WritePlan(&buf, sp.Plan, report.CSV); err != nil {
			return 0, err
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			return 0, err
		}
		for i, r := range rows {
			if i == 0 {
				if header {
					continue
				}
				header = true
				r = append([]string{"scenario"}, r...)
			} else {
				r = append([]string{sp.Plan.Scenario}, r...)
				n++
			}
			if err := cw.Write(r); err != nil {
				return 0, err
			}
		}
	}
	cw.Flush()
	return n, cw.Error()
}

// wrote says what report wrote, for stderr: the path, its size, and its
// sheets (.xlsx), sections (.md) or rows (.csv).
func wrote(path, kind string, plans []report.ScenarioPlan, rows int) string {
	msg := "wrote " + path
	fi, err := os.Stat(path)
	if err == nil && fi.Mode().IsRegular() {
		msg += " (" + byteSize(fi.Size()) + ")"
	}
	names := make([]string, len(plans))
	for i, sp := range plans {
		names[i] = sp.Plan.Scenario
	}
	switch kind {
	case ".xlsx":
		if sheets := sheetList(path); len(sheets) > 0 {
			msg += fmt.Sprintf(": %d sheet%s: %s", len(sheets), plural(len(sheets)), strings.Join(sheets, ", "))
		}
	case ".md":
		msg += fmt.Sprintf(": a section per scenario: %s", strings.Join(names, ", "))
	case ".csv":
		msg += fmt.Sprintf(": %d row%s for %d scenario%s", rows, plural(rows), len(plans), plural(len(plans)))
	}
	return msg
}

// sheetList reads back the sheet names of a workbook, nil if it cannot.
func sheetList(path string) []string {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	return f.GetSheetList()
}

// byteSize writes a file size the way ls -h users read it: 812 B, 18.4 kB,
// 2.1 MB (powers of 1000).
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
