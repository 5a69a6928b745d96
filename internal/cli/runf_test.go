package cli

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
)

// runFKey marks the context given to ExecuteContext, to check that runF
// receives the command's context.
type runFKey struct{}

// runFResult is what one execution of a command built with a capturing
// runF gave: the options runF saw (nil if it was not called), how many
// times it was called, the command, its IO streams and the error.
type runFResult struct {
	opts  any
	calls int
	cmd   *cobra.Command
	ios   *IOStreams
	err   error
}

// runWithRunF builds a command with newCmd and a runF that captures its
// options and returns nil, executes it alone with args and buffers for
// streams, and reports what happened. Nothing is loaded or solved.
func runWithRunF[O any](t *testing.T, newCmd func(*IOStreams, func(context.Context, *O) error) *cobra.Command, args []string) runFResult {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	var r runFResult
	cmd := newCmd(ios, func(ctx context.Context, o *O) error {
		r.calls++
		if ctx.Value(runFKey{}) != "marked" {
			t.Errorf("runF got a context that is not the command's")
		}
		r.opts = o
		return nil
	})
	cmd.SetArgs(args)
	var cobraOut bytes.Buffer
	cmd.SetOut(&cobraOut)
	cmd.SetErr(&cobraOut)
	r.err = cmd.ExecuteContext(context.WithValue(context.Background(), runFKey{}, "marked"))
	r.cmd, r.ios = cmd, ios
	if out.Len() != 0 || errOut.Len() != 0 {
		t.Errorf("the command wrote to its IO streams: out %q, err %q", out.String(), errOut.String())
	}
	return r
}

// runner is runWithRunF of newCmd and args, for a table of cases.
func runner[O any](newCmd func(*IOStreams, func(context.Context, *O) error) *cobra.Command, args []string) func(*testing.T) runFResult {
	return func(t *testing.T) runFResult { return runWithRunF(t, newCmd, args) }
}

func check[T comparable](t *testing.T, field string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", field, got, want)
	}
}

func checkSlice(t *testing.T, field string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q, want %q", field, got, want)
	}
}

// TestFlagsParse builds each command with a runF that captures its options
// and checks the parsed values, without loading or solving anything.
func TestFlagsParse(t *testing.T) {
	tests := []struct {
		name  string
		run   func(t *testing.T) runFResult
		check func(t *testing.T, r runFResult)
	}{
		{
			name: "plan flags",
			run: runner(newPlanCmd, []string{"s.yaml",
				"--set", "budget.annual=5.8e6", "--set", "policy.central_share.max=0.6", "--set", "budget.annual=6e6",
				"--format", "json", "--marginal=false", "--solver", "gonum",
				"--as-is", "--period", "2027-Q3", "--by", "year"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*planOptions)
				check(t, "File", o.File, "s.yaml")
				checkSlice(t, "Sets", o.Sets, []string{"budget.annual=5.8e6", "policy.central_share.max=0.6", "budget.annual=6e6"})
				check(t, "Format", o.Format, "json")
				check(t, "Marginal", o.Marginal, false)
				check(t, "Solver", o.Solver, "gonum")
				check(t, "AsIs", o.AsIs, true)
				check(t, "Period", o.Period, "2027-Q3")
				check(t, "By", o.By, "year")
				check(t, "IO", o.IO, r.ios)
			},
		},
		{
			name: "plan defaults",
			run:  runner(newPlanCmd, []string{"base.yaml"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*planOptions)
				check(t, "File", o.File, "base.yaml")
				checkSlice(t, "Sets", o.Sets, nil)
				check(t, "Format", o.Format, string(report.Table))
				check(t, "Marginal", o.Marginal, true)
				check(t, "Solver", o.Solver, defaultSolver)
				check(t, "AsIs", o.AsIs, false)
				check(t, "Period", o.Period, "")
				check(t, "By", o.By, "")
			},
		},
		{
			name: "sweep repeated --vary",
			run: runner(newSweepCmd, []string{"s.yaml",
				"--vary", "budget.annual=5e6:7e6:5e5", "--vary", "policy.central_share.max=-20%:+20%:5%",
				"--metric", "brain", "--jobs", "3", "--set", "k=v", "--format", "csv"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*sweepOptions)
				check(t, "File", o.File, "s.yaml")
				checkSlice(t, "Varies", o.Varies, []string{"budget.annual=5e6:7e6:5e5", "policy.central_share.max=-20%:+20%:5%"})
				check(t, "Metric", o.Metric, "brain")
				check(t, "Jobs", o.Jobs, 3)
				checkSlice(t, "Sets", o.Sets, []string{"k=v"})
				check(t, "Format", o.Format, "csv")
				check(t, "Solver", o.Solver, defaultSolver)
			},
		},
		{
			name: "compare several files",
			run:  runner(newCompareCmd, []string{"a.yaml", "b.yaml", "c.yaml", "--as-is", "--set", "budget.annual=5e6", "--format", "markdown"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*compareOptions)
				checkSlice(t, "Files", o.Files, []string{"a.yaml", "b.yaml", "c.yaml"})
				check(t, "AsIs", o.AsIs, true)
				checkSlice(t, "Sets", o.Sets, []string{"budget.annual=5e6"})
				check(t, "Format", o.Format, "markdown")
			},
		},
		{
			name: "risk flags",
			run: runner(newRiskCmd, []string{"s.yaml", "--samples", "250", "--seed", "42", "-o", "risk.html",
				"--jobs", "2", "--heart", "90%", "--confidence", "0.8", "--solver", "gonum"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*riskOptions)
				check(t, "File", o.File, "s.yaml")
				check(t, "Samples", o.Samples, 250)
				check(t, "Seed", o.Seed, uint64(42))
				check(t, "Output", o.Output, "risk.html")
				check(t, "Jobs", o.Jobs, 2)
				check(t, "Heart", o.Heart, "90%")
				check(t, "Confidence", o.Confidence, "0.8")
				check(t, "Solver", o.Solver, "gonum")
				check(t, "Format", o.Format, string(report.Table))
				check(t, "cmd", o.cmd, r.cmd)
			},
		},
		{
			name: "risk defaults",
			run:  runner(newRiskCmd, []string{"s.yaml"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*riskOptions)
				check(t, "Samples", o.Samples, plan.DefaultRiskSamples)
				check(t, "Seed", o.Seed, uint64(1))
				check(t, "Output", o.Output, "")
				check(t, "Jobs", o.Jobs, 0)
			},
		},
		{
			name: "export-lp --stage -o",
			run:  runner(newExportLPCmd, []string{"s.yaml", "--stage", "3", "-o", "model.lp", "--set", "k=v"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*exportLPOptions)
				check(t, "File", o.File, "s.yaml")
				check(t, "Stage", o.Stage, 3)
				check(t, "Output", o.Output, "model.lp")
				checkSlice(t, "Sets", o.Sets, []string{"k=v"})
				check(t, "Solver", o.Solver, defaultSolver)
			},
		},
		{
			name: "export-lp defaults",
			run:  runner(newExportLPCmd, []string{"s.yaml"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*exportLPOptions)
				check(t, "Stage", o.Stage, 1)
				check(t, "Output", o.Output, "")
			},
		},
		{
			name: "budget-case --heart --brain",
			run:  runner(newBudgetCaseCmd, []string{"s.yaml", "--heart", "0.9", "--brain", "70%"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*budgetCaseOptions)
				check(t, "File", o.File, "s.yaml")
				check(t, "Heart", o.Heart, "0.9")
				check(t, "Brain", o.Brain, "70%")
			},
		},
		{
			name: "budget-case default brain",
			run:  runner(newBudgetCaseCmd, []string{"s.yaml", "--heart", "85%"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*budgetCaseOptions)
				check(t, "Heart", o.Heart, "85%")
				check(t, "Brain", o.Brain, "0")
			},
		},
		{
			name: "chart coverage --by-region",
			run:  runner(newChartCmd, []string{"coverage", "s.yaml", "-o", "cov.svg", "--by-region"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*chartOptions)
				check(t, "Kind", o.Kind, "coverage")
				checkSlice(t, "Files", o.Files, []string{"s.yaml"})
				check(t, "Output", o.Output, "cov.svg")
				check(t, "ByRegion", o.ByRegion, true)
				check(t, "Width", o.Width, chart.DefaultWidth)
				// 0: as tall as the chart needs, DefaultHeight at least.
				check(t, "Height", o.Height, 0)
			},
		},
		{
			name: "chart compare several files",
			run:  runner(newChartCmd, []string{"compare", "a.yaml", "b.yaml", "--output", "cmp.png", "--width", "800", "--height", "600"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*chartOptions)
				check(t, "Kind", o.Kind, "compare")
				checkSlice(t, "Files", o.Files, []string{"a.yaml", "b.yaml"})
				check(t, "Output", o.Output, "cmp.png")
				check(t, "ByRegion", o.ByRegion, false)
				check(t, "Width", o.Width, 800)
				check(t, "Height", o.Height, 600)
			},
		},
		{
			name: "diff OLD NEW",
			run:  runner(newDiffCmd, []string{"old.yaml", "new.yaml", "--min-change", "2.5"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*diffOptions)
				check(t, "Old", o.Old, "old.yaml")
				check(t, "New", o.New, "new.yaml")
				check(t, "Git", o.Git, "")
				check(t, "MinChange", o.MinChange, 2.5)
			},
		},
		{
			name: "diff --git REV FILE",
			run:  runner(newDiffCmd, []string{"--git", "HEAD~1", "s.yaml"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*diffOptions)
				check(t, "Old", o.Old, "s.yaml")
				check(t, "New", o.New, "s.yaml")
				check(t, "Git", o.Git, "HEAD~1")
				check(t, "MinChange", o.MinChange, 1.0)
			},
		},
		{
			name: "catalog without a file",
			run:  runner(newCatalogCmd, []string{"--format", "json"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*catalogOptions)
				check(t, "File", o.File, "")
				check(t, "Format", o.Format, "json")
			},
		},
		{
			name: "catalog with a file",
			run:  runner(newCatalogCmd, []string{"s.yaml", "--set", "k=v"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*catalogOptions)
				check(t, "File", o.File, "s.yaml")
				checkSlice(t, "Sets", o.Sets, []string{"k=v"})
			},
		},
		{
			name: "validate several files",
			run:  runner(newValidateCmd, []string{"a.yaml", "b.yaml", "--format", "json"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*validateOptions)
				checkSlice(t, "Files", o.Files, []string{"a.yaml", "b.yaml"})
				check(t, "Format", o.Format, "json")
			},
		},
		{
			name: "checkup",
			run:  runner(newCheckupCmd, []string{"s.yaml", "--solver", "gonum"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*checkupOptions)
				check(t, "File", o.File, "s.yaml")
				check(t, "Solver", o.Solver, "gonum")
			},
		},
		{
			name: "invest",
			run:  runner(newInvestCmd, []string{"s.yaml", "--format", "markdown"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*investOptions)
				check(t, "File", o.File, "s.yaml")
				check(t, "Format", o.Format, "markdown")
			},
		},
		{
			name: "report",
			run:  runner(newReportCmd, []string{"a.yaml", "b.yaml", "-o", "r.html", "--vary", "budget.annual=-10%:+10%:5%", "--heart", "0.9", "--brain", "0.6"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*reportOptions)
				checkSlice(t, "Files", o.Files, []string{"a.yaml", "b.yaml"})
				check(t, "Output", o.Output, "r.html")
				checkSlice(t, "Varies", o.Varies, []string{"budget.annual=-10%:+10%:5%"})
				check(t, "Heart", o.Heart, "0.9")
				check(t, "Brain", o.Brain, "0.6")
			},
		},
		{
			name: "review",
			run:  runner(newReviewCmd, []string{"s.yaml", "--actuals", "act.csv", "--plan", "p.json", "-o", "rev.xlsx"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*reviewOptions)
				check(t, "File", o.File, "s.yaml")
				check(t, "Actuals", o.Actuals, "act.csv")
				check(t, "Plan", o.Plan, "p.json")
				check(t, "Output", o.Output, "rev.xlsx")
				check(t, "cmd", o.cmd, r.cmd)
				if !reflect.DeepEqual(o.Formats, report.DocumentFormats) {
					t.Errorf("Formats = %v, want %v", o.Formats, report.DocumentFormats)
				}
			},
		},
		{
			name: "serve",
			run:  runner(newServeCmd, []string{"a.yaml", "b.yaml", "--open"}),
			check: func(t *testing.T, r runFResult) {
				o := r.opts.(*serveOptions)
				checkSlice(t, "Files", o.Files, []string{"a.yaml", "b.yaml"})
				check(t, "Open", o.Open, true)
				check(t, "Addr", o.Addr, defaultAddr)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run(t)
			if r.err != nil {
				t.Fatalf("error: %v", r.err)
			}
			if r.calls != 1 {
				t.Fatalf("runF called %d times, want 1", r.calls)
			}
			tt.check(t, r)
		})
	}
}

// TestFlagsParseErrors checks that a bad flag value, an unknown flag or a
// wrong number of arguments is an error and that runF is never called.
func TestFlagsParseErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T) runFResult
		// usage: the error is a usage error (exit code 2) by itself; flag
		// errors become one only through the root's flag error func.
		usage   bool
		wantErr string
	}{
		{"risk --samples notanumber", runner(newRiskCmd, []string{"s.yaml", "--samples", "notanumber"}), false, `invalid argument "notanumber" for "--samples"`},
		{"risk --seed -1", runner(newRiskCmd, []string{"s.yaml", "--seed", "-1"}), false, `invalid argument "-1" for "--seed"`},
		{"export-lp --stage two", runner(newExportLPCmd, []string{"s.yaml", "--stage", "two"}), false, `invalid argument "two" for "--stage"`},
		{"plan --marginal=maybe", runner(newPlanCmd, []string{"s.yaml", "--marginal=maybe"}), false, `invalid argument "maybe" for "--marginal"`},
		{"plan unknown flag", runner(newPlanCmd, []string{"s.yaml", "--nope"}), false, "unknown flag: --nope"},
		{"chart --width wide", runner(newChartCmd, []string{"coverage", "s.yaml", "--width", "wide"}), false, `invalid argument "wide" for "--width"`},
		{"diff --min-change much", runner(newDiffCmd, []string{"a.yaml", "b.yaml", "--min-change", "much"}), false, `invalid argument "much" for "--min-change"`},
		{"plan without a file", runner(newPlanCmd, nil), true, "accepts 1 arg(s), received 0"},
		{"plan with two files", runner(newPlanCmd, []string{"a.yaml", "b.yaml"}), true, "accepts 1 arg(s), received 2"},
		{"sweep without a file", runner(newSweepCmd, []string{"--vary", "budget.annual=5e6:7e6:5e5"}), true, "accepts 1 arg(s), received 0"},
		{"compare one file", runner(newCompareCmd, []string{"a.yaml"}), true, "requires at least 2 arg(s), only received 1"},
		{"chart kind only", runner(newChartCmd, []string{"coverage", "-o", "c.svg"}), true, "requires at least 2 arg(s), only received 1"},
		{"budget-case two files", runner(newBudgetCaseCmd, []string{"a.yaml", "b.yaml", "--heart", "0.9"}), true, "accepts 1 arg(s), received 2"},
		{"risk two files", runner(newRiskCmd, []string{"a.yaml", "b.yaml"}), true, "accepts 1 arg(s), received 2"},
		{"export-lp without a file", runner(newExportLPCmd, []string{"--stage", "2"}), true, "accepts 1 arg(s), received 0"},
		{"catalog two files", runner(newCatalogCmd, []string{"a.yaml", "b.yaml"}), true, "accepts at most 1 arg(s), received 2"},
		{"validate without a file", runner(newValidateCmd, nil), true, "requires at least 1 arg(s), only received 0"},
		// diff checks its arguments in RunE, before runF.
		{"diff one file without --git", runner(newDiffCmd, []string{"a.yaml"}), true, "give OLD and NEW, or --git REV FILE"},
		{"diff --git with two files", runner(newDiffCmd, []string{"--git", "HEAD", "a.yaml", "b.yaml"}), true, "with --git, give one FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run(t)
			if r.err == nil {
				t.Fatal("no error")
			}
			if r.calls != 0 {
				t.Errorf("runF called %d times, want 0", r.calls)
			}
			if !strings.Contains(r.err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", r.err, tt.wantErr)
			}
			if tt.usage {
				check(t, "exit code", exitCode(r.err), ExitUsage)
			}
		})
	}
}
