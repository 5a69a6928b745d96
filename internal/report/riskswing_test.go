package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestRiskWorkbookSwingInPoints: the Risk sheet's tornado shows each swing
// as the text view writes it, "22.2 points" (the cell holds the points and
// its formula computes them from the scores at each end), and its heading
// names the other inputs' values in the text view's words. In earlier
// versions the swing was a share formatted as a percentage, "22.2%", which
// reads as a relative change of the score, and the heading said "central
// values" where the text says "mode, mean or midpoint".
func TestRiskWorkbookSwingInPoints(t *testing.T) {
	r, s := riskRun(t)
	f := openBook(t, write(t, XLSX, func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, s, f) }))
	if len(r.Tornado) == 0 {
		t.Fatal("no tornado")
	}
	for _, bar := range r.Tornado {
		row := findRow(t, f, "Risk", InputLabel(s, bar.Path))
		for _, c := range []struct {
			col   string
			swing float64
		}{{"G", bar.Swing()}, {"J", bar.BrainSwing()}} {
			ref := fmt.Sprintf("%s%d", c.col, row)
			shown, err := f.GetCellValue("Risk", ref)
			if err != nil {
				t.Fatal(err)
			}
			if want := swingPoints(c.swing); shown != want {
				t.Errorf("%s: Risk!%s shows %q, the text view %q", bar.Path, ref, shown, want)
			}
		}
	}
	var text bytes.Buffer
	if err := WriteRisk(&text, r, s, Table); err != nil {
		t.Fatal(err)
	}
	head := findRow(t, f, "Risk", "input") - 1
	title, _ := f.GetCellValue("Risk", fmt.Sprintf("A%d", head))
	words := strings.TrimPrefix(title, "Tornado: the ")
	if !strings.Contains(text.String(), "Tornado ("+words+")") {
		t.Errorf("Risk!A%d %q: not the text view's heading", head, title)
	}
}
