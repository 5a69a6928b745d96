package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// FuzzWriteCSV writes rows of arbitrary cells with WriteCSV and reads them
// back with encoding/csv: the same rows and columns, every cell what
// CSVCell made of it (the cell itself when it is a safe text or a number),
// no cell a spreadsheet would read as a formula, and no control character
// but tab and newline.
func FuzzWriteCSV(f *testing.F) {
	for _, c := range [][3]string{
		{"North America", "-5", "6200000"},
		{"=1+2", "+1", "@SUM(A1)"},
		{"\t=1", "\r=1", "a\r\nb"},
		{"\"quoted\", comma", "", " lead"},
		{"\x1b]0;pwned\a", "\u009b", "\xff"},
		{`\.`, "-", "1e400"},
	} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rows := [][]string{{"scenario", "metric", "value"}, {a, b, c}, {c, a, b}}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, rows); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&buf)
		r.FieldsPerRecord = -1
		back, err := r.ReadAll()
		if err != nil {
			t.Fatalf("reading back %q: %v", buf.String(), err)
		}
		if len(back) != len(rows) {
			t.Fatalf("%d rows read back, want %d:\n%q", len(back), len(rows), buf.String())
		}
		for i, row := range rows {
			if len(back[i]) != len(row) {
				t.Fatalf("row %d: %d cells read back, want %d", i, len(back[i]), len(row))
			}
			for j, cell := range row {
				got, want := back[i][j], CSVCell(cell)
				if got != want {
					t.Errorf("row %d cell %d: read back %q, want %q (written from %q)", i, j, got, want, cell)
				}
				if isNumber(cell) && got != cell {
					t.Errorf("number %q read back as %q", cell, got)
				}
				if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && !isNumber(got) {
					t.Errorf("cell %q reads back as the formula %q", cell, got)
				}
				if !clean(got) {
					t.Errorf("cell %q reads back with a control character: %q", cell, got)
				}
				if clean(cell) && !strings.ContainsAny(cell[:min(1, len(cell))], "=+-@\t") && got != cell {
					t.Errorf("safe cell %q changed to %q", cell, got)
				}
			}
		}
	})
}
