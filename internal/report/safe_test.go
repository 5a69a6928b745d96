package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCleanText(t *testing.T) {
	for _, c := range [][2]string{
		{"North America", "North America"},
		{"Zürich – 東京", "Zürich – 東京"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"\x1b]0;pwned\a", `\x1b]0;pwned\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"a\rb\x00c\x7f", `a\x0db\x00c\u007f`},
		{"csi \u009b31m", `csi \u009b31m`},
		{"bad \xff byte", "bad \uFFFD byte"},
	} {
		if got := CleanText(c[0]); got != c[1] {
			t.Errorf("CleanText(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestCleanTextKeepsJSONValid: standard output passes through CleanText, so
// what encoding/json writes raw (DEL, C1, U+2028) must stay valid JSON that
// decodes to the same text.
func TestCleanTextKeepsJSONValid(t *testing.T) {
	in := "del \x7f csi \u009b esc \x1b ls \u2028 bad \xff"
	var buf bytes.Buffer
	if err := WriteJSON(&buf, map[string]string{"name": in}); err != nil {
		t.Fatal(err)
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(CleanText(buf.String())), &back); err != nil {
		t.Fatalf("%v: %s", err, CleanText(buf.String()))
	}
	if want := strings.ToValidUTF8(in, "\uFFFD"); back["name"] != want {
		t.Errorf("decoded %q, want %q", back["name"], want)
	}
}

func TestCSVCell(t *testing.T) {
	for _, c := range [][2]string{
		{"=1+2", "'=1+2"},
		{"+1+2", "'+1+2"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", `'\x0d=1`},
		{"=\x1b]0;x\a", `'=\x1b]0;x\x07`},
		// Numbers stay numbers, negative ones too.
		{"-5", "-5"},
		{"+5", "+5"},
		{"-0.125", "-0.125"},
		{"-1e-07", "-1e-07"},
		{"6200000", "6200000"},
		// Ordinary text is left alone.
		{"North America", "North America"},
		{"2027-Q1", "2027-Q1"},
		{"a=b", "a=b"},
		{"", ""},
	} {
		if got := CSVCell(c[0]); got != c[1] {
			t.Errorf("CSVCell(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestTextFilter: the stream filter escapes what CleanText escapes, also
// when a write splits a UTF-8 sequence, and keeps every other byte.
func TestTextFilter(t *testing.T) {
	in := "name: \x1b]0;pwned\a, csi \u009b, Zürich 東京 \xff!"
	want := CleanText(in)
	for split := range len(in) + 1 {
		var buf bytes.Buffer
		f := NewTextFilter(&buf)
		for _, part := range []string{in[:split], in[split:]} {
			if n, err := f.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if err := f.Flush(); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("split at %d: %q, want %q", split, buf.String(), want)
		}
	}
	var buf bytes.Buffer
	f := NewTextFilter(&buf)
	_, _ = f.Write([]byte("end \xe6\x9d")) // a sequence cut short by the end
	_ = f.Flush()
	if buf.String() != "end \uFFFD\uFFFD" {
		t.Errorf("cut sequence: %q", buf.String())
	}
}

// TestScenarioTextIsInert: a scenario whose name and region names carry
// terminal escapes prints no control character in the table or Markdown
// view. (Ids are letters, digits and underscores; the plan's CSV holds
// ids and labels only.)
func TestScenarioTextIsInert(t *testing.T) {
	evil := strings.NewReplacer(
		"name: Small team", `name: "=1+2 \e]0;pwned\a"`,
		"- name: North", `- name: "North\e[2J"`,
	).Replace(smallYAML)
	sp := plannedText(t, evil)
	for _, f := range []Format{Table, Markdown} {
		var buf bytes.Buffer
		if err := WritePlan(&buf, sp.Plan, f); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%s view holds a control character:\n%s", f, out)
		}
		for _, want := range []string{`=1+2 \x1b]0;pwned\x07`, `North\x1b[2J`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s view does not show %s:\n%s", f, want, out)
			}
		}
	}
}

// TestWriteCSVRows: WriteCSV neutralizes formulas and keeps numbers.
func TestWriteCSVRows(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, [][]string{{"scenario", "value"}, {"=1+2", "-5"}, {"@x", "1e6"}}); err != nil {
		t.Fatal(err)
	}
	if want := "scenario,value\n'=1+2,-5\n'@x,1e6\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// plannedText plans a scenario given as YAML text.
func plannedText(t *testing.T, doc string) ScenarioPlan {
	t.Helper()
	f := filepath.Join(t.TempDir(), "evil.yaml")
	if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return planned(t, f)
}

// TestXLSXStoresTextNotFormulas: the workbook keeps scenario text as
// string cells, never formulas, whatever it starts with.
func TestXLSXStoresTextNotFormulas(t *testing.T) {
	evil := strings.NewReplacer(
		"name: Small team", `name: "=HYPERLINK(\"http://x\",\"y\")"`,
		"description: One region, two heart functions and one brain function, one year", `description: "+1+2 One region"`,
		"- name: North", `- name: "@North"`,
	).Replace(smallYAML)
	f := openBook(t, writeBook(t, []ScenarioPlan{plannedText(t, evil)}))
	texts := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, v := range r {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				formula, err := f.GetCellFormula(sheet, ref)
				if err != nil || formula != "" && strings.ContainsAny(v, "=+@") {
					t.Errorf("%s!%s: formula %q (%v)", sheet, ref, formula, err)
				}
				if strings.Contains(v, "HYPERLINK") || strings.HasPrefix(v, "@North") || strings.HasPrefix(v, "+1+2") {
					typ, _ := f.GetCellType(sheet, ref)
					if formula != "" || typ == excelize.CellTypeFormula {
						t.Errorf("%s!%s: %q is a formula", sheet, ref, v)
					}
					texts++
				}
			}
		}
	}
	if texts < 3 {
		t.Errorf("found the scenario text in %d cells, want the name, the description and the id", texts)
	}
}
