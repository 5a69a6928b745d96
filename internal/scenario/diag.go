package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// SetFile is the File of a Diagnostic about a command-line override (--set).
const SetFile = "--set"

// Severity says whether a diagnostic stops the scenario from loading.
type Severity int

const (
	// Error is a value that is impossible or malformed: the scenario does
	// not load. It is the zero Severity.
	Error Severity = iota
	// Warning is a value that is possible but implausible (600% seller
	// growth a year): the scenario loads, and the warning is shown.
	Warning
)

// String is the severity's name in JSON and CSV: "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("scenario: unknown severity %q", b)
	}
	return nil
}

// Code names a kind of diagnostic, so that callers can tell kinds apart
// without matching message text. Diagnostics of kinds no caller needs to
// tell apart have no code ("").
type Code string

const (
	// CodeUnknownKey is a key that is not allowed where it is written.
	CodeUnknownKey Code = "unknown_key"
	// CodeType is a value of the wrong type: a string where a number is
	// expected, a list where a mapping is.
	CodeType Code = "type"
	// CodeRange is a number outside its allowed range.
	CodeRange Code = "range"
	// CodeOverride is a --set that cannot be applied: malformed, or
	// selecting an element that does not exist.
	CodeOverride Code = "override"
	// CodeImplausible is a warning: a value in its allowed range but
	// outside its usual one.
	CodeImplausible Code = "implausible"
)

// Diagnostic is one problem in a scenario: where it is and what is allowed.
type Diagnostic struct {
	File     string   `json:"file"`     // the scenario file, or SetFile for a command-line override
	Line     int      `json:"line"`     // 1-based; 0 when unknown (overrides, whole-file problems)
	Col      int      `json:"col"`      // 1-based; 0 when unknown
	Path     string   `json:"path"`     // key path such as regions[1].sellers; empty for whole-file problems
	Severity Severity `json:"severity"` // error or warning
	Code     Code     `json:"code,omitempty"`
	Message  string   `json:"message"`
	// Set is the command-line override ("budget.annual=-1") that set the
	// value or made the key, when one did (File is then SetFile). It is
	// kept apart from Message so that a view where no --set was typed (a
	// sweep's point, the workbench's box) can say the problem alone;
	// String adds it.
	Set string `json:"set,omitempty"`
}

// String formats the diagnostic the way compilers do, so that editors can
// jump to it: "baseline.yaml:12:5: regions[1].sellers: message", and for a
// warning "baseline.yaml:12:5: warning: regions[1].sellers: message".
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
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	if d.Set != "" {
		fmt.Fprintf(&b, " (set by --set %q)", d.Set)
	}
	return b.String()
}

// Problem is the diagnostic without its place: "budget.annual: -1 is out
// of range: annual must be >= 0", as a view says it beside the value it
// tried (a sweep's point), where no file or --set was written.
func (d Diagnostic) Problem() string {
	if d.Path == "" {
		return d.Message
	}
	return d.Path + ": " + d.Message
}

// Diagnostics is every problem found in one load, in reading order. It is
// the error Load returns, so that a user fixes a file in one round trip
// rather than one problem per run. As an error it holds at least one
// Error; it also holds the warnings found in the same pass.
type Diagnostics []Diagnostic

// Error joins the diagnostics, one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the diagnostics of severity Error, in order.
func (ds Diagnostics) Errors() Diagnostics { return ds.of(Error) }

// Warnings returns the diagnostics of severity Warning, in order.
func (ds Diagnostics) Warnings() Diagnostics { return ds.of(Warning) }

func (ds Diagnostics) of(sev Severity) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == sev {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an Error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
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
