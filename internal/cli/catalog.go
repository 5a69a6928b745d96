package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

type catalogOptions struct {
	IO     *IOStreams
	File   string // "" for the built-in catalog
	Sets   []string
	Format string
}

func newCatalogCmd(ios *IOStreams, runF func(context.Context, *catalogOptions) error) *cobra.Command {
	opts := &catalogOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "catalog [FILE]",
		Short: "List the built-in functions with their defaults, or a scenario's functions after its overrides",
		Long: `catalog lists the built-in function catalog: each function's id, name,
class (heart or brain), locality (central, local or either), FTE per 100
sellers, FTE per region and life-cycle stage multipliers (launch, growth,
expansion, margin), then, in a second table, its weight in the heart or
brain score, its floor (min_coverage) and the work one local and one
central FTE delivers (local and central effectiveness). These are the ids
a scenario's functions, current_fte, covers and --set functions[ID] use.
docs/catalog.md has the same tables.

With a scenario FILE, it lists that scenario's functions instead: the
catalog with the file's overrides and additions (and --set) applied, or only
the file's functions with catalog: none.`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				opts.File = a[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return catalogRun(opts)
		},
	}
	addSetFlag(cmd, &opts.Sets)
	addFormatFlag(cmd, &opts.Format)
	return cmd
}

func catalogRun(opts *catalogOptions) error {
	format, err := parseFormat(opts.Format)
	if err != nil {
		return err
	}
	fns := scenario.BuiltinFunctions()
	if opts.File != "" {
		s, err := loadScenario(opts.IO, opts.File, opts.Sets)
		if err != nil {
			return err
		}
		fns = s.Functions
	} else if len(opts.Sets) > 0 {
		return usageError{errSetWithoutFile}
	}
	return report.WriteCatalog(opts.IO.Out, fns, format)
}
