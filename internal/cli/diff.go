package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

type diffOptions struct {
	IO        *IOStreams
	Old, New  string
	Git       string
	MinChange float64
	// By is the period the table and markdown views roll up to: month,
	// quarter, year, or "" for quarters from a monthly plan.
	By string
	viewOptions
}

func newDiffCmd(ios *IOStreams, runF func(context.Context, *diffOptions) error) *cobra.Command {
	opts := &diffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | diff --git REV FILE",
		Short: "What changed between two versions of a scenario, and what it did to the plan",
		Long: `diff compares two versions of a scenario: every input that differs (by key
path, with the old and new values and where each file gives them; defaults
count as values), both plans per period (heart, brain, the weakest heart
function, spend, unspent, central and local FTE, investments, and the
functions whose coverage moved by --min-change points or more), and which
changes moved the heart and the brain: the changes applied to OLD one at a
time, in the order of the inputs, with the average over orders when the
order matters.

The table and markdown views show a monthly plan by quarter (--by picks
month, quarter or year, as for plan); JSON and CSV carry every period.

--git REV compares FILE as it was at the git revision REV (git show) with
the working copy.

Exit code: 0 when no input differs, 3 when inputs differ, 1 on errors.`,
		Args: args(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			switch {
			case opts.Git != "" && len(a) != 1:
				return usageError{errors.New("with --git, give one FILE: it is compared with itself at the revision")}
			case opts.Git == "" && len(a) != 2:
				return usageError{errors.New("give OLD and NEW, or --git REV FILE")}
			}
			if opts.Git != "" {
				opts.Old, opts.New = a[0], a[0]
			} else {
				opts.Old, opts.New = a[0], a[1]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return diffRun(cmd.Context(), opts)
		},
	}
	opts.viewOptions.addFlags(cmd)
	cmd.Flags().StringVar(&opts.Git, "git", "", "compare FILE at this git revision (such as HEAD or v1.2) with the working copy")
	cmd.Flags().StringVar(&opts.By, "by", "", "period the table and markdown views roll up to: month, quarter or year (default: quarter for a monthly plan, else the plans' own periods); json and csv carry every period")
	cmd.Flags().Float64Var(&opts.MinChange, "min-change", 1, "the least move of a function's coverage shown, in percentage points")
	return cmd
}

// errDiffers ends diff with ExitDiffers once the differences are written.
type errDiffers struct{}

func (errDiffers) Error() string { return "the inputs differ" }

// Is makes errDiffers a silent failure: Main prints nothing more.
func (errDiffers) Is(target error) bool { return target == errSilentFailure }

func diffRun(ctx context.Context, opts *diffOptions) error {
	format, lp, err := opts.resolve()
	if err != nil {
		return err
	}
	if opts.MinChange < 0 {
		return usageError{fmt.Errorf("--min-change %g: give 0 or more percentage points", opts.MinChange)}
	}
	if err := checkBy(opts.By); err != nil {
		return err
	}
	var oldDoc *scenario.Doc
	oldName := opts.Old
	if opts.Git != "" {
		data, err := gitShow(ctx, opts.Git, opts.Old)
		if err != nil {
			return err
		}
		oldName = opts.Git + ":" + opts.Old
		oldDoc, err = parseDoc(opts.IO, oldName, func() (*scenario.Doc, error) { return scenario.ParseContext(ctx, opts.Old, data) })
		if err != nil {
			return err
		}
	} else if oldDoc, err = parseDoc(opts.IO, opts.Old, func() (*scenario.Doc, error) {
		if err := notDirectory(opts.Old); err != nil {
			return nil, err
		}
		return scenario.ParseFile(ctx, opts.Old, opts.IO.maxFileSize())
	}); err != nil {
		return err
	}
	newDoc, err := parseDoc(opts.IO, opts.New, func() (*scenario.Doc, error) {
		if err := notDirectory(opts.New); err != nil {
			return nil, err
		}
		return scenario.ParseFile(ctx, opts.New, opts.IO.maxFileSize())
	})
	if err != nil {
		return err
	}
	oldS, errOld := decodeDoc(opts.IO, oldName, oldDoc)
	newS, errNew := decodeDoc(opts.IO, opts.New, newDoc)
	if errOld != nil {
		return errOld
	}
	if errNew != nil {
		return errNew
	}
	o := plan.DefaultDiffOptions(lp)
	o.MinChange = opts.MinChange / 100
	o.By = opts.By
	// Each change is planned in several orders: minutes when the two
	// scenarios differ in dozens of inputs.
	prog := startProgress(opts.IO, "planning")
	o.Opt.Progress = prog.LP
	o.Progress = func(done, total int) {
		prog.Step(fmt.Sprintf("attributing the changes, %d of %d orders", done, total))
	}
	d, err := plan.DiffScenarios(ctx, oldDoc, newDoc, oldS, newS, o)
	prog.Stop()
	if err != nil {
		return err
	}
	if opts.Git != "" {
		// The old file is named by its revision: both sides are one path.
		d.Old.File = oldName
		for i := range d.Inputs {
			if rest, ok := strings.CutPrefix(d.Inputs[i].OldAt, opts.Old+":"); ok {
				d.Inputs[i].OldAt = oldName + ":" + rest
			}
		}
	}
	if err := report.WriteDiff(opts.IO.Out, d, oldS, newS, format); err != nil {
		return err
	}
	if len(d.Inputs) > 0 {
		return errDiffers{}
	}
	return nil
}

// parseDoc parses a scenario file, printing its problems as load does.
func parseDoc(ios *IOStreams, name string, parse func() (*scenario.Doc, error)) (*scenario.Doc, error) {
	doc, err := parse()
	if err != nil {
		_, err = showLoad(ios, name, nil, err)
		return nil, err
	}
	return doc, nil
}

// decodeDoc decodes a Doc, printing its problems and warnings as load does.
func decodeDoc(ios *IOStreams, name string, doc *scenario.Doc) (*scenario.Scenario, error) {
	s, diags := doc.Decode()
	if diags.HasErrors() {
		return showLoad(ios, name, nil, diags)
	}
	return showLoad(ios, name, s, nil)
}

// gitShow reads file as it was at revision rev, through git show run in
// the file's directory (the path is given relative to it, ./name, so that
// any working directory inside the repository works).
func gitShow(ctx context.Context, rev, file string) ([]byte, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usageError{fmt.Errorf("--git %q: a revision does not start with -", rev)}
	}
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "show", rev+":./"+base)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, fmt.Errorf("--git %s: git is not installed (or not on PATH)", rev)
		}
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "not a git repository") {
			return nil, fmt.Errorf("--git %s: %s is not in a git repository: give OLD and NEW files instead", rev, file)
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("--git %s: cannot read %s at that revision: %s", rev, file, strings.TrimPrefix(msg, "fatal: "))
	}
	return stdout.Bytes(), nil
}
