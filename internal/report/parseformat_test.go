package report

import (
	"errors"
	"testing"
)

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"table": Table, "JSON": JSON, "Csv": CSV, "MarkDown": Markdown, " json ": JSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseFormat("xml")
	if !errors.Is(err, ErrFormat) {
		t.Errorf("ParseFormat(xml): %v is not ErrFormat", err)
	}
	// Users read the message: no package prefix.
	if want := `unknown format "xml": use one of table, csv, json, markdown`; err == nil || err.Error() != want {
		t.Errorf("ParseFormat(xml): got %v, want %s", err, want)
	}
}
