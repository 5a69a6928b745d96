package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Scenario text (names, descriptions, ids) reaches every output. A name
// such as "\x1b]0;pwned\a" would set the terminal's title when printed raw,
// and a cell such as "=HYPERLINK(...)" would run as a formula when a CSV
// file is opened in a spreadsheet. The functions here make such text
// inert; the XLSX writer stores every text as a string cell, never a
// formula, so it needs none of them.

// CleanText makes text safe to print on a terminal or in Markdown: control
// characters other than tab and newline (C0, DEL and C1, which terminals
// read as commands) are written as escapes, \x1b for C0 and \u009b for
// DEL and C1, and invalid UTF-8 as U+FFFD.
func CleanText(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == 0x7f || r >= 0x80 && r <= 0x9f:
			// \u, not \x: encoding/json writes these raw, and the escape
			// must be valid inside a JSON string on standard output.
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r) // an invalid byte is utf8.RuneError here
		}
	}
	return b.String()
}

// clean reports whether s is valid UTF-8 without control characters other
// than tab and newline: CleanText's fast path.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 || r >= 0x80 && r <= 0x9f {
				return false
			}
			i += size - 1
		}
	}
	return true
}

// CSVCell makes a CSV cell safe: its control characters escaped as by
// CleanText, and, unless it is a number, a cell that a spreadsheet would
// read as a formula (starting with =, +, -, @, tab or carriage return:
// OWASP's CSV-injection rule) prefixed with a single quote, which
// spreadsheets show as text. Numbers, negative ones included, are kept.
func CSVCell(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		s = "'" + s
	}
	return CleanText(s)
}

// isNumber reports whether s is a number as cardio writes numbers.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// CSVWriter is a csv.Writer whose cells go through CSVCell.
type CSVWriter struct{ *csv.Writer }

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) CSVWriter { return CSVWriter{csv.NewWriter(w)} }

// Write writes one row, its cells made safe.
func (c CSVWriter) Write(row []string) error {
	safe := make([]string, len(row))
	for i, cell := range row {
		safe[i] = CSVCell(cell)
	}
	return c.Writer.Write(safe)
}

// TextFilter is a writer that passes text through CleanText, for a stream
// (standard output) that any command may write scenario text to. A UTF-8
// sequence split between two writes is kept until it is complete; Flush
// writes what is left at the end.
type TextFilter struct {
	w       io.Writer
	pending []byte
}

// NewTextFilter returns a TextFilter writing to w.
func NewTextFilter(w io.Writer) *TextFilter { return &TextFilter{w: w} }

func (f *TextFilter) Write(p []byte) (int, error) {
	buf := append(f.pending, p...)
	// Keep an incomplete sequence at the end for the next write.
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	f.pending = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(f.w, CleanText(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes an incomplete sequence left at the end (as U+FFFD).
func (f *TextFilter) Flush() error {
	if len(f.pending) == 0 {
		return nil
	}
	_, err := io.WriteString(f.w, CleanText(string(f.pending)))
	f.pending = nil
	return err
}
