package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// solvers are the LP backends --solver selects.
var solvers = map[string]solve.LPSolver{
	"gonum":   solve.Gonum{},
	"revised": solve.Revised{},
}

// defaultSolver is the project's own revised simplex: gonum's dense
// lp.Simplex takes minutes on a realistic scenario (see docs/solver.md).
const defaultSolver = "revised"

func solverNames() string {
	names := make([]string, 0, len(solvers))
	for n := range solvers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func lookupSolver(name string) (solve.LPSolver, error) {
	lp, ok := solvers[name]
	if !ok {
		return nil, usageError{fmt.Errorf("unknown solver %q: use one of %s", name, solverNames())}
	}
	return lp, nil
}

// addSolverFlag registers --solver on every command that optimizes.
func addSolverFlag(cmd *cobra.Command, solver *string) {
	cmd.Flags().StringVar(solver, "solver", defaultSolver, "LP backend: "+solverNames()+
		" (gonum is gonum's dense lp.Simplex, the slow reference for small models: more than ten minutes on the bundled baseline)")
}

// addSetFlag registers the repeatable --set KEY=VALUE override.
func addSetFlag(cmd *cobra.Command, sets *[]string) {
	cmd.Flags().StringArrayVar(sets, "set", nil, "override a scenario key, e.g. --set budget.annual=5.8e6 (repeatable)")
}

// addFormatFlag registers --format: report.Formats, or the formats given
// (report.DocumentFormats for a command that writes a page and a workbook).
func addFormatFlag(cmd *cobra.Command, format *string, formats ...report.Format) {
	if len(formats) == 0 {
		formats = report.Formats
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	cmd.Flags().StringVar(format, "format", string(report.Table), "output format: "+strings.Join(names, ", "))
}

func parseFormat(s string, formats ...report.Format) (report.Format, error) {
	f, err := report.ParseFormat(s, formats...)
	if err != nil {
		return "", usageError{err}
	}
	return f, nil
}

// solverOptions is --solver, which every command that optimizes takes:
// viewOptions embeds it, and a command whose output is not a view chosen
// by --format (chart, report, risk, serve, export-lp) embeds it alone.
type solverOptions struct {
	Solver string
}

// addFlags registers --solver.
func (o *solverOptions) addFlags(cmd *cobra.Command) {
	addSolverFlag(cmd, &o.Solver)
}

// lp checks --solver: a usage error for a backend that does not exist.
func (o *solverOptions) lp() (solve.LPSolver, error) {
	return lookupSolver(o.Solver)
}

// viewOptions are --format and --solver, which every command that plans
// and writes a view takes; a command's options struct embeds them (or
// scenarioOptions, which does).
type viewOptions struct {
	Format string
	solverOptions
	// Formats are the --format values the command takes; nil:
	// report.Formats.
	Formats []report.Format
}

// addFlags registers --format and --solver.
func (o *viewOptions) addFlags(cmd *cobra.Command) {
	addFormatFlag(cmd, &o.Format, o.Formats...)
	o.solverOptions.addFlags(cmd)
}

// resolve checks --format and --solver: usage errors for values not
// allowed, before any file is read.
func (o *viewOptions) resolve() (report.Format, solve.LPSolver, error) {
	format, err := parseFormat(o.Format, o.Formats...)
	if err != nil {
		return "", nil, err
	}
	lp, err := o.lp()
	if err != nil {
		return "", nil, err
	}
	return format, lp, nil
}

// scenarioOptions are the options of every command that reads one
// scenario and plans it: the file, its --set overrides, --format and
// --solver. A command's options struct embeds it.
type scenarioOptions struct {
	IO   *IOStreams
	File string
	Sets []string
	viewOptions
}

// addFlags registers --set, --format and --solver.
func (o *scenarioOptions) addFlags(cmd *cobra.Command) {
	addSetFlag(cmd, &o.Sets)
	o.viewOptions.addFlags(cmd)
}

// load checks --format and --solver, then loads the scenario with its
// overrides (its problems are printed on ErrOut, its warnings too).
func (o *scenarioOptions) load() (report.Format, solve.LPSolver, *scenario.Scenario, error) {
	format, lp, err := o.resolve()
	if err != nil {
		return "", nil, nil, err
	}
	s, err := loadScenario(o.IO, o.File, o.Sets)
	if err != nil {
		return "", nil, nil, err
	}
	return format, lp, s, nil
}

// addOutputFlag registers -o on a command that writes one document (risk,
// review): the file to write, standard output by default or with "-".
func addOutputFlag(cmd *cobra.Command, out *string) {
	cmd.Flags().StringVarP(out, "output", "o", "", "write to this file (atomically) instead of standard output; without --format, its extension (.html, .xlsx, .json, .csv, .md) picks the format")
}

// documentFormat is the format of a command with -o: --format when given,
// else the one -o's extension names, else the table. A workbook is binary
// and goes to a file only: standard output is a text stream.
func documentFormat(cmd *cobra.Command, format, out string) (report.Format, error) {
	if !cmd.Flags().Changed("format") && !toStdout(out) {
		ext := strings.ToLower(filepath.Ext(out))
		for _, f := range report.DocumentFormats {
			if ext == "."+string(f) || (f == report.Markdown && ext == ".md") {
				format = string(f)
			}
		}
	}
	f, err := parseFormat(format, report.DocumentFormats...)
	if err != nil {
		return "", err
	}
	if f == report.XLSX && toStdout(out) {
		return "", usageError{fmt.Errorf("--format xlsx writes a workbook, which is binary: give the file with -o, e.g. -o result.xlsx")}
	}
	return f, nil
}

// jobsAllowed is what a --jobs flag takes.
const jobsAllowed = "0 (one per core) or more"

// allowedAnnotation marks a flag with what its command allows
// (setAllowed), which a value that does not parse is told.
const allowedAnnotation = "cardio_allowed"

// setAllowed says what flag name of cmd allows, in the words of the
// command's own check ("1 to 100000 draws"), for a value that does not
// even parse (flagError).
func setAllowed(cmd *cobra.Command, name, allowed string) {
	_ = cmd.Flags().SetAnnotation(name, allowedAnnotation, []string{allowed})
}

// flagError turns pflag's "invalid argument "-1" for "--seed" flag:
// strconv.ParseUint: parsing "-1": invalid syntax" into a usage error that
// names the flag, the value and what the flag takes: a sales ops user
// should not read strconv's words.
func flagError(err error) error {
	var iv *pflag.InvalidValueError
	if !errors.As(err, &iv) {
		return usageError{err}
	}
	f := iv.GetFlag()
	if a := f.Annotations[allowedAnnotation]; len(a) > 0 {
		// The command's own range: "give 1 to 100000 draws", not the
		// bounds of a Go int.
		return usageError{fmt.Errorf("--%s: %q is not allowed: give %s", f.Name, iv.GetValue(), a[0])}
	}
	typ := f.Value.Type()
	// The bits of an integer flag's type: for the bounds of one out of range.
	bits, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(typ, "u"), "int"))
	if bits == 0 {
		bits = strconv.IntSize
	}
	var what string
	switch {
	case strings.HasPrefix(typ, "int"):
		what = "a whole number"
		if errors.Is(err, strconv.ErrRange) {
			what += fmt.Sprintf(" from %d to %d", -1<<(bits-1), 1<<(bits-1)-1)
		}
	case strings.HasPrefix(typ, "uint"):
		what = "a whole number >= 0"
		if errors.Is(err, strconv.ErrRange) {
			what = fmt.Sprintf("a whole number from 0 to %d", uint64(1)<<(bits-1)*2-1)
		}
	case typ == "float32" || typ == "float64":
		what = "a number"
	case typ == "bool":
		what = "true or false"
	case typ == "duration":
		what = "a duration such as 30s or 2m"
	default:
		return usageError{err}
	}
	return usageError{fmt.Errorf("--%s: %q is not allowed: --%s takes %s", f.Name, iv.GetValue(), f.Name, what)}
}
