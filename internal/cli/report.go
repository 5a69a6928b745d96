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

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

type reportOptions struct {
	IO    *IOStreams
	Files []string
	Sets  []string
	solverOptions
	Output string
	Varies []string // --vary: a What-if sheet or chart per scenario (xlsx, html)
	Heart  string   // --heart: a budget case per scenario (xlsx, html)
	Brain  string   // --brain: its brain target
	// By is the period the tables of .html and .md roll up to: month,
	// quarter, year, or "" for quarters from a monthly plan.
	By string
}

// reportKinds are the extensions -o takes, in the order help text shows them.
var reportKinds = []string{".html", ".xlsx", ".md", ".csv"}

// analysed reports whether a kind of report shows the analyses of each plan
// (marginal values, checkup, budget case, what-if), not only the plans.
func analysed(kind string) bool { return kind == ".html" || kind == ".xlsx" }

func newReportCmd(ios *IOStreams, runF func(context.Context, *reportOptions) error) *cobra.Command {
	opts := &reportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "report FILE... -o OUT",
		Short: "Plan every scenario and write one report: a page with charts (.html), a workbook for finance (.xlsx), Markdown (.md) or CSV (.csv)",
		Long: `report plans every scenario (as 'cardio plan' does, with --set applied to
every file) and writes them into one file, its kind chosen by the extension
of -o: .html, one self-contained page with charts, the plan tables, marginal
values, the checkup and, with targets, the budget case, that prints to PDF;
.xlsx, a workbook with formulas and charts (Assumptions, a Plan, Marginal
and Checkup sheet per scenario, a Charts sheet); .md, the plan views one
after the other; .csv, the long CSV of every plan with a leading scenario
column. --vary adds a what-if per scenario and --heart/--brain a budget case
(.html and .xlsx). An infeasible scenario is reported in the file with its
reasons, and the command then exits with 1.

The tables of .html and .md show a monthly plan by quarter, as plan does
(--by picks month, quarter or year; a plan whose periods are longer keeps
its own); charts, .xlsx and .csv carry every period.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Files = a
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	opts.solverOptions.addFlags(cmd)
	cmd.Flags().StringArrayVar(&opts.Varies, "vary", nil, "KEY=FROM:TO:STEP as for 'cardio sweep' (once or twice): adds a what-if per scenario to an .html or .xlsx report")
	cmd.Flags().StringVar(&opts.Heart, "heart", "", "heart target, 0..1 or a percentage: adds the budget case per scenario to an .html or .xlsx report")
	cmd.Flags().StringVar(&opts.Brain, "brain", "", "brain target of the budget case (with --heart)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "the report to write: "+strings.Join(reportKinds, ", ")+" (required)")
	cmd.Flags().StringVar(&opts.By, "by", "", "period the tables of .html and .md roll up to: month, quarter or year (default: quarter for a monthly plan, else each plan's own periods)")
	return cmd
}

func reportRun(ctx context.Context, opts *reportOptions) error {
	if err := checkOutput(opts.IO, opts.Output, opts.Files...); err != nil {
		return err
	}
	kind, err := reportKind(opts.Output)
	if err != nil {
		return err
	}
	if len(opts.Varies) > 0 && !analysed(kind) {
		return usageError{fmt.Errorf("--vary adds a what-if to a page or a workbook: use -o with .html or .xlsx, or 'cardio sweep' for %s", kind)}
	}
	if (opts.Heart != "" || opts.Brain != "") && !analysed(kind) {
		return usageError{fmt.Errorf("--heart and --brain add a budget case to a page or a workbook: use -o with .html or .xlsx, or 'cardio budget-case' for %s", kind)}
	}
	if err := checkBy(opts.By); err != nil {
		return err
	}
	if opts.Brain != "" && opts.Heart == "" {
		return usageError{fmt.Errorf("--brain goes with --heart: the budget case needs a heart target")}
	}
	var heart, brain float64
	if opts.Heart != "" {
		if heart, err = parseTarget("--heart", opts.Heart); err != nil {
			return err
		}
		if opts.Brain != "" {
			if brain, err = parseTarget("--brain", opts.Brain); err != nil {
				return err
			}
		}
	}
	if len(opts.Varies) > 2 {
		return usageError{fmt.Errorf("report takes one or two --vary, got %d", len(opts.Varies))}
	}
	lp, err := opts.lp()
	if err != nil {
		return err
	}
	scens, err := loadScenarios(opts.IO, opts.Files, opts.Sets)
	if err != nil {
		return err
	}
	var plans []report.ScenarioPlan
	for _, s := range scens {
		plans = append(plans, report.ScenarioPlan{Scenario: s, By: report.RollUpOf(s, opts.By)})
	}
	// .md holds each plan's Markdown view as cardio plan writes it, with
	// its marginal values and why each investment is or is not bought.
	if analysed(kind) || kind == ".md" {
		err = reportAnalyses(ctx, opts, lp, plans)
	} else {
		err = plan.ParallelFor(ctx, len(plans), 0, func(i int) error {
			var err error
			plans[i].Plan, err = plan.Optimize(ctx, plans[i].Scenario, lp, solve.Options{})
			return err
		}, nil)
	}
	if err != nil {
		return err
	}
	if opts.Heart != "" {
		prog := startProgress(opts.IO, "budget case")
		for i := range plans {
			if plans[i].BudgetCase, err = plan.RunBudgetCaseWith(ctx, plans[i].Scenario, lp, solve.Options{Progress: prog.LP}, heart, brain); err != nil {
				prog.Stop()
				return err
			}
		}
		prog.Stop()
	}
	var (
		write func(io.Writer) error
		rows  int // of a CSV report
	)
	switch kind {
	case ".html":
		write = func(w io.Writer) error { return report.WriteHTML(w, plans) }
	case ".xlsx":
		write = func(w io.Writer) error { return report.WriteXLSX(w, plans) }
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

// reportAnalyses plans every scenario with what a page or a workbook shows
// of it: the plan and its marginal values, the checkup and, with --vary,
// the what-if sweep. The scenarios run in parallel (a sweep's points do
// too); each result lands in its own slot, so the order of the report does
// not depend on the schedule.
func reportAnalyses(ctx context.Context, opts *reportOptions, lp solve.LPSolver, plans []report.ScenarioPlan) error {
	// The sweep inputs are parsed first, in order: a bad --vary is a usage
	// error before any solve.
	inputs := make([][]plan.SweepInput, len(plans))
	if len(opts.Varies) > 0 {
		for i, sp := range plans {
			so := &sweepOptions{IO: opts.IO, File: opts.Files[i], Sets: opts.Sets, Varies: opts.Varies}
			in, err := sweepInputs(so, sp.Scenario)
			if err != nil {
				return err
			}
			inputs[i] = in
			for _, x := range in {
				b, err := sp.Scenario.Number(x.Key)
				if err != nil {
					return usageError{fmt.Errorf("--vary %s: %v", x.Key, err)}
				}
				plans[i].SweepBase = append(plans[i].SweepBase, b)
			}
		}
	}
	err := plan.ParallelFor(ctx, len(plans), 0, func(i int) error {
		sp := &plans[i]
		pl := &plan.Planner{LP: lp}
		p, _, err := pl.Optimize(ctx, sp.Scenario)
		if err != nil {
			return err
		}
		sp.Plan = p
		if p.Status == plan.StatusInfeasible {
			return nil
		}
		if p.Marginal, err = plan.Marginals(ctx, sp.Scenario, pl, p); err != nil {
			return err
		}
		// Why each investment is or is not bought, as cardio plan gives
		// it (and with its limits): the report's plan views are plan's.
		if !sp.Scenario.Policy.WholePeople {
			copt := plan.CaseOptions{MaxCells: plan.PlanSearchCells, MaxWork: plan.PlanSearchWork}
			if p.InvestmentCases, err = plan.InvestmentCases(ctx, sp.Scenario, pl, p, copt); err != nil {
				return err
			}
		}
		r, err := checkup.Run(ctx, sp.Scenario, lp)
		if err != nil {
			return err
		}
		sp.Checkup = r
		return nil
	}, nil)
	if err != nil {
		return err
	}
	for i := range plans {
		if inputs[i] == nil {
			continue
		}
		var progress func(done, total int)
		if opts.IO.ErrTTY {
			progress = func(done, total int) { drawProgress(opts.IO, done, total) }
		}
		res, err := plan.Sweep(ctx, opts.Files[i], opts.Sets, inputs[i], lp, 0, progress)
		if progress != nil {
			fmt.Fprint(opts.IO.ErrOut, "\r\033[K")
		}
		if err != nil {
			return err
		}
		plans[i].Sweep = res
	}
	return nil
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
		if err := report.WritePlanBy(&buf, sp.Plan, report.Markdown, sp.By); err != nil {
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
	msg := wroteFile(path)
	names := make([]string, len(plans))
	for i, sp := range plans {
		names[i] = sp.Plan.Scenario
	}
	switch kind {
	case ".xlsx":
		msg += sheetsNote(path)
	case ".md":
		msg += fmt.Sprintf(": a section per scenario: %s", strings.Join(names, ", "))
	case ".html":
		msg += fmt.Sprintf(": a page with charts, a section per scenario: %s", strings.Join(names, ", "))
	case ".csv":
		msg += fmt.Sprintf(": %d row%s for %d scenario%s", rows, plural(rows), len(plans), plural(len(plans)))
	}
	return msg
}

// wroteFile is the start of what a command says it wrote to a file:
// "wrote PATH (SIZE)", the size when the path is a regular file.
func wroteFile(path string) string {
	msg := "wrote " + path
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		msg += " (" + byteSize(fi.Size()) + ")"
	}
	return msg
}

// sheetsNote lists a written workbook's sheets (": 3 sheets: A, B, C"),
// "" if it cannot read them back.
func sheetsNote(path string) string {
	sheets := sheetList(path)
	if len(sheets) == 0 {
		return ""
	}
	return fmt.Sprintf(": %d sheet%s: %s", len(sheets), plural(len(sheets)), strings.Join(sheets, ", "))
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
