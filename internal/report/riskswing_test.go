package report

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/xuri/excelize/v2"
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
		heart, d := bar.HeartSwingShown(r.HealthyHeart)
		brain, _ := brainSwing(bar)
		for _, c := range []struct {
			col   string
			swing float64
			d     int
		}{{"G", heart, d}, {"J", brain, 1}} {
			ref := fmt.Sprintf("%s%d", c.col, row)
			shown, err := f.GetCellValue("Risk", ref)
			if err != nil {
				t.Fatal(err)
			}
			if want := swingPoints(c.swing, c.d); shown != want {
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

// TestRiskSwingIsEndsAsPrinted: every tornado swing the text view and the
// workbook print is the difference of the two ends printed beside it, so
// that a reader who subtracts them finds it, and the swings never rise
// down the table (heart first, then brain). At $5.4M the central cost per
// FTE moves the mean heart from 89.938% to 87.998%, printed 89.9% and
// 87.9%: in earlier versions the swing was the exact difference rounded,
// "1.9 points" beside ends 2.0 points apart.
func TestRiskSwingIsEndsAsPrinted(t *testing.T) {
	for _, sets := range [][]string{nil, {"budget.annual=5.4e6"}} {
		r, s := riskOf(t, "uncertain.yaml", plan.RiskOptions{Samples: 2, Seed: 3}, sets...)
		var b bytes.Buffer
		if err := WriteRisk(&b, r, s, Markdown); err != nil {
			t.Fatal(err)
		}
		f := openBook(t, write(t, XLSX, func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, s, f) }))
		tenths := func(printed string) int {
			t.Helper()
			return int(math.Round(10 * printedPercent(t, printed)))
		}
		swing := func(printed string) int {
			t.Helper()
			x, err := strconv.ParseFloat(strings.TrimSuffix(printed, " points"), 64)
			if err != nil || !strings.HasSuffix(printed, " points") {
				t.Fatalf("%q is no printed swing", printed)
			}
			return int(math.Round(10 * x))
		}
		abs := func(x int) int { return max(x, -x) }
		apart, prevHeart, prevBrain := 0, math.MaxInt, math.MaxInt
		for _, bar := range r.Tornado {
			label := InputLabel(s, bar.Path)
			cells := strings.Split(riskTextRow(b.String(), label), " | ")
			if len(cells) != 9 {
				t.Fatalf("%v: tornado row for %s: %q", sets, bar.Path, cells)
			}
			heart, brain := swing(cells[5]), swing(cells[8])
			if want := abs(tenths(cells[4]) - tenths(cells[3])); heart != want {
				t.Errorf("%v: %s: heart %s to %s, swing %s", sets, label, cells[3], cells[4], cells[5])
			}
			if want := abs(tenths(cells[7]) - tenths(cells[6])); brain != want {
				t.Errorf("%v: %s: brain %s to %s, swing %s", sets, label, cells[6], cells[7], cells[8])
			}
			if math.Abs(math.Round(1000*bar.Swing())-float64(heart)) >= 1 {
				apart++
			}
			if heart > prevHeart || heart == prevHeart && brain > prevBrain {
				t.Errorf("%v: %s (heart %s, brain %s) below a narrower swing", sets, label, cells[5], cells[8])
			}
			prevHeart, prevBrain = heart, brain
			// The workbook: the swing cells show the text's figures, and
			// their formulas compute them from the ends they show.
			row := findRow(t, f, "Risk", label)
			for _, c := range []struct{ lo, hi, swing, text string }{{"E", "F", "G", cells[5]}, {"H", "I", "J", cells[8]}} {
				shown, err := f.GetCellValue("Risk", fmt.Sprintf("%s%d", c.swing, row))
				if err != nil || shown != c.text {
					t.Errorf("%v: %s: Risk!%s%d shows %q, the text %q (%v)", sets, label, c.swing, row, shown, c.text, err)
				}
				lo, _ := f.GetCellValue("Risk", fmt.Sprintf("%s%d", c.lo, row))
				hi, _ := f.GetCellValue("Risk", fmt.Sprintf("%s%d", c.hi, row))
				got, err := f.CalcCellValue("Risk", fmt.Sprintf("%s%d", c.swing, row), excelize.Options{RawCellValue: true})
				x, _ := strconv.ParseFloat(got, 64)
				if err != nil || math.Abs(10*x-float64(abs(tenths(hi)-tenths(lo)))) > 1e-6 {
					t.Errorf("%v: %s: Risk!%s%d computes to %s beside ends shown %s and %s (%v)", sets, label, c.swing, row, got, lo, hi, err)
				}
			}
		}
		if sets != nil && apart == 0 {
			t.Errorf("%v: no heart swing whose exact difference rounds otherwise: the case tests nothing", sets)
		}
	}
}
