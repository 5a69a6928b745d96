package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Format is an output format.
type Format string

// The output formats every result command takes.
const (
	Table    Format = "table"
	JSON     Format = "json"
	CSV      Format = "csv"
	Markdown Format = "markdown"
)

// Formats lists the formats in the order help text shows them.
var Formats = []Format{Table, CSV, JSON, Markdown}

// ErrFormat is returned for an unknown format name.
var ErrFormat = errors.New("report: unknown format")

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%w %q: use one of %s", ErrFormat, s, strings.Join(names, ", "))
}

// Percent formats a fraction as a percentage with one decimal.
func Percent(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// FTE formats a headcount.
func FTE(x float64) string { return fmt.Sprintf("%.1f", x) }

// textTable writes a table in the terminal or the Markdown style. Columns
// after the first are right-aligned: they hold numbers.
func textTable(w io.Writer, markdown bool, header []string, rows [][]string) error {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignRight
	}
	align[0] = tw.AlignLeft
	cfg := tablewriter.Config{
		Header: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoFormat: tw.Off},
			Alignment:  tw.CellAlignment{PerColumn: align},
		},
		Row: tw.CellConfig{Alignment: tw.CellAlignment{PerColumn: align}},
	}
	opts := []tablewriter.Option{tablewriter.WithConfig(cfg)}
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	} else {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(cleanCells(header))
	clean := make([][]string, len(rows))
	for i, r := range rows {
		clean[i] = cleanCells(r)
	}
	if err := t.Bulk(clean); err != nil {
		return err
	}
	return t.Render()
}

// cleanCells is CleanText on every cell, for scenario text in a table.
func cleanCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = CleanText(c)
	}
	return out
}
