package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// SetFile is the File of a Diagnostic about a command-line override (--set).
const SetFile = "--set"

// Diagnostic is one problem in a scenario: where it is and what is allowed.
type Diagnostic struct {
	File    string `json:"file"` // the scenario file, or SetFile for a command-line override
	Line    int    `json:"line"` // 1-based; 0 when unknown (overrides, whole-file problems)
	Col     int    `json:"col"`  // 1-based; 0 when unknown
	Path    string `json:"path"` // key path such as regions[1].sellers; empty for whole-file problems
	Message string `json:"message"`
}

// String formats the diagnostic the way compilers do, so that editors can
// jump to it: "baseline.yaml:12:5: regions[1].sellers: message".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is every problem found in one load, in reading order. It is
// the error Load returns, so that a user fixes a file in one round trip
// rather than one problem per run.
type Diagnostics []Diagnostic

// Error joins the diagnostics, one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// sort orders the diagnostics by line, column and path; overrides (line 0)
// come first because they apply before the file is read.
func (ds Diagnostics) sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Path < b.Path
	})
}
