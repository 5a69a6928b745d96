package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

type planOptions struct {
	scenarioOptions
	AsIs bool
	// Marginal re-solves the plan to report marginal values.
	Marginal bool
	// Period is the period of the function x region view in a table or
	// Markdown; "" shows the weakest.
	Period string
	// By is the period the tables roll up to: month, quarter, year, or ""
	// for the default (quarters for a monthly plan, else the plan's own).
	By string
}

func newPlanCmd(ios *IOStreams, runF func(context.Context, *planOptions) error) *cobra.Command {
	opts := &planOptions{scenarioOptions: scenarioOptions{IO: ios}}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Optimize a scenario: people and money by function and team, coverage, scores, spend",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.File = a[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return planRun(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().BoolVar(&opts.AsIs, "as-is", false, "evaluate the current organization (current_fte, owned investments) without optimizing")
	cmd.Flags().BoolVar(&opts.Marginal, "marginal", true, "report marginal values and why each investment is or is not bought (re-solves per limit, per period and per investment; --marginal=false skips them)")
	cmd.Flags().StringVar(&opts.Period, "period", "", "period of the coverage by function and region view, e.g. 2027-Q3 (default: the weakest; JSON and CSV carry every period)")
	cmd.Flags().StringVar(&opts.By, "by", "", "period the table and markdown views roll up to: month, quarter or year (default: quarter for a monthly plan, else the plan's own periods); json and csv carry every period")
	return cmd
}

// checkPeriod checks a --period label against the scenario's periods, and
// the groups the tables roll them up to (by), before anything is solved.
func checkPeriod(s *scenario.Scenario, label string, by *report.RollUp) error {
	if label == "" {
		return nil
	}
	labels := make([]string, s.Periods())
	for t := range labels {
		if labels[t] = s.PeriodLabel(t); labels[t] == label {
			return nil
		}
	}
	if _, ok := by.Span(label); ok {
		return nil
	}
	list := "one of " + strings.Join(labels, ", ")
	if groups := by.Labels(); groups != nil {
		list = fmt.Sprintf("a %s (%s) or a %s (%s)", by.By, strings.Join(groups, ", "), s.Horizon.Period, strings.Join(labels, ", "))
	}
	return usageError{fmt.Errorf("unknown period %q for --period: use %s", label, list)}
}

// checkBy refuses a --by that names no period kind.
func checkBy(by string) error {
	switch by {
	case "", string(scenario.Month), string(scenario.Quarter), string(scenario.Year):
		return nil
	}
	return usageError{fmt.Errorf("--by %q: use month, quarter or year", by)}
}

// rollUpFor is the roll-up --by asks of s's plan (report.RollUpOf): nil
// when the tables show the plan's own periods. A --by shorter than the
// plan's periods is a usage error.
func rollUpFor(s *scenario.Scenario, by string) (*report.RollUp, error) {
	if kind := scenario.PeriodKind(by); by != "" && kind.Months() < s.Horizon.Period.Months() {
		var allowed []string
		for _, k := range []scenario.PeriodKind{scenario.Month, scenario.Quarter, scenario.Year} {
			if k.Months() >= s.Horizon.Period.Months() {
				allowed = append(allowed, string(k))
			}
		}
		return nil, usageError{fmt.Errorf("--by %s: the plan's periods are %ss, which roll up to longer periods only: use %s", by, s.Horizon.Period, strings.Join(allowed, " or "))}
	}
	return report.RollUpOf(s, by), nil
}

func planRun(ctx context.Context, opts *planOptions) error {
	if err := checkBy(opts.By); err != nil {
		return err
	}
	format, lp, s, err := opts.load()
	if err != nil {
		return err
	}
	by, err := rollUpFor(s, opts.By)
	if err != nil {
		return err
	}
	if err := checkPeriod(s, opts.Period, by); err != nil {
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
		// Why each investment is or is not bought re-plans too: with
		// whole people, a branch and bound per price tried, which
		// cardio invest does when asked (docs/output.md); so does the
		// break-even search of a scenario past plan.PlanSearchCells or
		// plan.PlanSearchWork.
		if !s.Policy.WholePeople {
			copt := plan.CaseOptions{MaxCells: plan.PlanSearchCells, MaxWork: plan.PlanSearchWork,
				Progress: prog.Items("investment break-even prices")}
			if p.InvestmentCases, err = plan.InvestmentCases(ctx, s, pl, p, copt); err != nil {
				return err
			}
		}
	}
	prog.Stop()
	if err := report.WritePlanView(opts.IO.Out, p, format, report.PlanView{Period: opts.Period, By: by}); err != nil {
		return err
	}
	if p.Status == plan.StatusInfeasible {
		return errSilentFailure
	}
	return nil
}

// loadScenario loads a scenario, printing its problems to ErrOut, or its
// warnings, and going on.
func loadScenario(ios *IOStreams, file string, sets []string) (*scenario.Scenario, error) {
	s, err := load(ios, file, sets)
	return showLoad(ios, file, s, err)
}

// loadScenarios loads every file before it stops, so that the problems of
// all of them are reported in one pass, as validate reports them (report
// and chart stopped at the first file with problems, and hid the others').
// Any other error (Ctrl-C) stops at once.
func loadScenarios(ios *IOStreams, files, sets []string) ([]*scenario.Scenario, error) {
	failed := false
	scens := make([]*scenario.Scenario, len(files))
	for i, file := range files {
		s, err := loadScenario(ios, file, sets)
		if errors.Is(err, errSilentFailure) {
			failed = true // printed: go on to the next file's problems
			continue
		}
		if err != nil {
			return nil, err
		}
		scens[i] = s
	}
	if failed {
		return nil, errSilentFailure
	}
	return scens, nil
}

// showLoad prints the problems of a load to ErrOut (then the error is
// errSilentFailure), or the scenario's warnings; it notes the scenario's
// roster as an input of the run, which no -o may replace.
func showLoad(ios *IOStreams, file string, s *scenario.Scenario, err error) (*scenario.Scenario, error) {
	var diags scenario.Diagnostics
	if errors.As(err, &diags) {
		for _, d := range diags {
			fmt.Fprintln(ios.ErrOut, report.CleanText(d.String()))
		}
		// One line says it all when it names the file; the count helps
		// when there are more. Every problem is printed, so there is
		// nothing more for validate to say.
		if len(diags) > 1 || fromSet(diags) {
			fmt.Fprintf(ios.ErrOut, "%s: %s\n", file, count(diags))
		}
		return nil, errSilentFailure
	}
	if err != nil {
		return nil, err
	}
	for _, w := range s.Warnings {
		fmt.Fprintln(ios.ErrOut, report.CleanText(w.String()))
	}
	if n := len(s.Warnings); fromSet(s.Warnings) {
		fmt.Fprintf(ios.ErrOut, "%s: %d warning%s\n", file, n, plural(n))
	}
	if s.Roster != "" {
		ios.noteInput(s.RosterPath(), "the roster file of "+file)
	}
	return s, nil
}

// fromSet says whether a diagnostic of ds is placed at --set, not in a
// file: --set applies to every file of compare, report or chart, and
// "--set: regions[2]...: regions has 2 elements" alone does not say which
// of them has two regions, so a line naming the file follows.
func fromSet(ds scenario.Diagnostics) bool {
	return slices.ContainsFunc(ds, func(d scenario.Diagnostic) bool { return d.File == scenario.SetFile })
}

// load is scenario.Load, after telling a directory from a file: the loader
// would only see a missing extension.
func load(ios *IOStreams, file string, sets []string) (*scenario.Scenario, error) {
	if err := notDirectory(file); err != nil {
		return nil, err
	}
	return scenario.LoadContext(ios.context(), file, sets, ios.maxFileSize())
}

// notDirectory reports a directory given as a scenario file, naming the
// scenario files in it.
func notDirectory(file string) error {
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		msg := "is a directory: give a scenario file, ending in .yaml, .yml, .json or .toml"
		if names := scenarioFiles(file); len(names) > 0 {
			msg += ", such as " + strings.Join(names, ", ")
		}
		return scenario.Diagnostics{{File: file, Message: msg}}
	}
	return nil
}

// scenarioFiles lists the first few files in dir that cardio would read, as
// paths to pass on the command line.
func scenarioFiles(dir string) []string {
	const most = 3
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json", ".toml":
			if e.Type().IsRegular() && len(out) < most {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	return out
}

// count says how many errors and warnings there are: "3 problems, 1 warning".
func count(diags scenario.Diagnostics) string {
	n, w := len(diags.Errors()), len(diags.Warnings())
	s := fmt.Sprintf("%d problem%s", n, plural(n))
	if w > 0 {
		s += fmt.Sprintf(", %d warning%s", w, plural(w))
	}
	return s
}
