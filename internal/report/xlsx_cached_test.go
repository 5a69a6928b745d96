package report

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXFormulaResultsAreNumbers: a formula cell's cached result, the
// figure a reader that does not recalculate shows (a previewer, pandas or
// openpyxl reading values), is a number in the cell's format: the spend
// $496,875 and the central share 40.5%, as the cells beside them. In
// earlier versions every cached result was typed as text (t="str",
// excelize's default for a formula), so that such a reader got the
// string "496875", unformatted, and pandas a column of strings.
func TestXLSXFormulaResultsAreNumbers(t *testing.T) {
	months := planned(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"))
	months.By = RollUpOf(months.Scenario, "")
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{months, base}))
	checked := 0
	eachFormula(t, f, func(sh, cell, _ string) {
		raw, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return
		}
		checked++
		if typ, _ := f.GetCellType(sh, cell); typ == excelize.CellTypeFormula {
			t.Errorf("%s!%s: cached result %s is typed as text", sh, cell, raw)
		}
		shown, _ := f.GetCellValue(sh, cell)
		if want := shownAs(t, x, numFmtOf(t, f, sh, cell)); shown != want {
			t.Errorf("%s!%s shows %q, want %q", sh, cell, shown, want)
		}
	})
	if checked < 100 {
		t.Fatalf("only %d formula cells checked", checked)
	}
}
