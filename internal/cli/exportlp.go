package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/solve"
)

type exportLPOptions struct {
	IO     *IOStreams
	File   string
	Sets   []string
	Output string
}

func newExportLPCmd(ios *IOStreams) *cobra.Command {
	opts := &exportLPOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "export-lp FILE",
		Short: "Write the stage-1 model in CPLEX LP format, for audit with any LP solver (e.g. glpsol --lp)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			opts.File = a[0]
			return exportLPRun(opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

func exportLPRun(opts *exportLPOptions) error {
	if opts.Output != "" && sameFile(opts.Output, opts.File) {
		return usageError{fmt.Errorf("refusing to write the LP over the scenario file %s", opts.File)}
	}
	s, err := loadScenario(opts.IO, opts.File, opts.Sets)
	if err != nil {
		return err
	}
	p := model.Build(s).Stage1()
	write := func(w io.Writer) error { return solve.WriteLP(w, p) }
	if opts.Output == "" {
		return write(opts.IO.Out)
	}
	return report.WriteFileAtomic(opts.Output, write)
}

// sameFile reports whether two paths name the same file.
func sameFile(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && filepath.Clean(aa) == filepath.Clean(bb)
}
