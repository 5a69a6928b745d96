package report

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// reviewBook is the review's workbook, opened.
func reviewBook(t *testing.T, v *ReviewView) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteReview(&buf, v, XLSX); err != nil {
		t.Fatal(err)
	}
	return openBook(t, buf.Bytes())
}

// shownCell is a numeric cell as a spreadsheet shows it, in its own
// number format.
func shownCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	return shownAs(t, number(t, f, sheet, ref), numFmtOf(t, f, sheet, ref))
}

// columnOf is the 1-based column of the header label in row, failing
// when the row has none.
func columnOf(t *testing.T, f *excelize.File, sheet string, row int, label string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rows[row-1] {
		if h == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no column %q in row %d: %q", sheet, label, row, rows[row-1])
	return 0
}

// computes checks that the formula of a cell, recomputed by excelize,
// gives the cell's cached number (to 1e-9).
func computes(t *testing.T, f *excelize.File, sheet, cell string) {
	t.Helper()
	fm, _ := f.GetCellFormula(sheet, cell)
	if fm == "" {
		t.Errorf("%s!%s is not a formula", sheet, cell)
		return
	}
	got, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %q: %v", sheet, cell, fm, err)
	}
	x, err := strconv.ParseFloat(got, 64)
	if err != nil {
		t.Fatalf("%s!%s: %q computes to %q", sheet, cell, fm, got)
	}
	if want := number(t, f, sheet, cell); math.Abs(x-want) > 1e-9 {
		t.Errorf("%s!%s: %q computes to %.12g, the cell holds %.12g", sheet, cell, fm, x, want)
	}
}

// TestReviewXLSXVariancesInPoints: the Review sheet's heart and brain
// variances are percentage points, as the Compare sheet's differences are,
// and each is the difference of the two figures shown beside it, as the
// text view's is (docs/review.md): 2027-Q1's heart, 90.0% planned and
// 80.9% actual, is "-9.1 points". In earlier versions the cell was the
// exact difference as a percent, "-9.0%", which read as a relative change
// and was not the difference of the figures beside it.
func TestReviewXLSXVariancesInPoints(t *testing.T) {
	v := reviewRun(t)
	f := reviewBook(t, v)
	const sheet = "Review"
	checked := 0
	for _, p := range v.Periods {
		r := findRow(t, f, sheet, p.Label)
		for _, c := range []struct {
			name                   string
			planned, actual, diffs string
			pw, aw                 string // the text view's figures
		}{
			{"heart", "B", "C", "D", HeartPercent(p.Planned.Heart, p.Planned.Healthy, 0.9), HeartPercent(p.Actual.Heart, p.Actual.Healthy, 0.9)},
			{"brain", "E", "F", "G", Percent(p.Planned.Brain), Percent(p.Actual.Brain)},
		} {
			cell := fmt.Sprint(c.diffs, r)
			if got := numFmtOf(t, f, sheet, cell); got != pointsFormat {
				t.Errorf("%s %s variance %s: format %q, want points %q", p.Label, c.name, cell, got, pointsFormat)
			}
			// The text's figures, their difference as the text prints it.
			want := float64(tenths(t, c.aw)-tenths(t, c.pw)) / 10
			if got := number(t, f, sheet, cell); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s %s variance %s = %v, want %v points (%s less %s, as printed)", p.Label, c.name, cell, got, want, c.aw, c.pw)
			}
			if got, want := shownCell(t, f, sheet, cell), printedVariance(c.pw, c.aw); got != trimPts(want)+" points" {
				t.Errorf("%s %s variance %s shows %q, the text view %q", p.Label, c.name, cell, got, want)
			}
			computes(t, f, sheet, cell)
			checked++
		}
	}
	if checked != 2*len(v.Periods) || len(v.Periods) < 2 {
		t.Fatalf("%d variances checked over %d periods", checked, len(v.Periods))
	}
	if got := shownCell(t, f, sheet, fmt.Sprint("D", findRow(t, f, sheet, "2027-Q1"))); got != "-9.1 points" {
		t.Errorf("2027-Q1's heart variance shows %q, want -9.1 points", got)
	}
}

// trimPts is a text variance ("-9.1 pts") without its unit.
func trimPts(s string) string { return s[:len(s)-len(" pts")] }

// TestReviewXLSXHeartAsPrinted: a heart score the workbook shows reads as
// the text views print it, rounded down when not healthy (HeartPercent),
// on the Review sheet and the Re-plan sheet, and the exact score is kept
// in its own column: 2027-Q1's actual heart, 0.80972, shows 80.9%, where
// the cell held the exact score and showed 81.0% against the text's 80.9%.
// The re-plan's case is the baseline at a $5.5M budget, whose 2027-Q3
// (0.89993, not healthy) the text prints 89.9%.
func TestReviewXLSXHeartAsPrinted(t *testing.T) {
	v := reviewRun(t)
	f := reviewBook(t, v)
	const sheet = "Review"
	// The exact scores are checked once the figures shown are.
	var exactChecks []func()
	differs := 0
	for _, p := range v.Periods {
		r := findRow(t, f, sheet, p.Label)
		for _, c := range []struct {
			side, col string
			s         plan.PeriodScores
		}{{"planned", "B", p.Planned}, {"actual", "C", p.Actual}} {
			cell := fmt.Sprint(c.col, r)
			if got, want := shownCell(t, f, sheet, cell), HeartPercent(c.s.Heart, c.s.Healthy, 0.9); got != want {
				t.Errorf("%s %s heart %s shows %q, the text view %q", p.Label, c.side, cell, got, want)
			}
			computes(t, f, sheet, cell)
			exactChecks = append(exactChecks, func() {
				col := columnOf(t, f, sheet, findRow(t, f, sheet, "period"), c.side+" heart (exact)")
				if got := number(t, f, sheet, ref(col, r)); got != c.s.Heart {
					t.Errorf("%s %s heart (exact) = %v, want %v", p.Label, c.side, got, c.s.Heart)
				}
			})
			if Percent(c.s.Heart) != HeartPercent(c.s.Heart, c.s.Healthy, 0.9) {
				differs++
			}
		}
	}
	if differs == 0 {
		t.Fatal("no heart score whose rounded-down figure differs from its rounding: the case tests nothing")
	}
	for _, c := range exactChecks {
		c()
	}

	// The re-plan: the baseline at $5.5M a year, two quarters as planned.
	s, err := scenario.Load(filepath.Join("..", "..", "scenarios", "baseline.yaml"), []string{"budget.annual=5500000"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rv, err := plan.NewReview(context.Background(), s, rec, plannedActuals(s, rec, 2, nil), solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f = reviewBook(t, &ReviewView{Review: rv, PlanOfRecord: "plan.json"})
	const rs = "Re-plan"
	head := findRow(t, f, rs, "period")
	cols := map[string]int{}
	for _, h := range []string{"heart (plan of record)", "heart (re-plan)"} {
		cols[h] = columnOf(t, f, rs, head, h)
	}
	exactChecks, differs = nil, 0
	for _, p := range rv.Replan.Periods {
		if p.Old == nil || p.New == nil {
			continue
		}
		r := findRow(t, f, rs, p.Label)
		for _, c := range []struct {
			side string
			x    float64
			ok   bool
		}{{"plan of record", p.Old.Heart, p.Old.Healthy}, {"re-plan", p.New.Heart, p.New.Healthy}} {
			cell := ref(cols["heart ("+c.side+")"], r)
			if got, want := shownCell(t, f, rs, cell), HeartPercent(c.x, c.ok, 0.9); got != want {
				t.Errorf("%s heart (%s) %s shows %q, the text view %q", p.Label, c.side, cell, got, want)
			}
			computes(t, f, rs, cell)
			exactChecks = append(exactChecks, func() {
				col := columnOf(t, f, rs, head, "heart (exact, "+c.side+")")
				if got := number(t, f, rs, ref(col, r)); got != c.x {
					t.Errorf("%s heart (exact, %s) = %v, want %v", p.Label, c.side, got, c.x)
				}
			})
			if Percent(c.x) != HeartPercent(c.x, c.ok, 0.9) {
				differs++
			}
		}
	}
	if differs == 0 {
		t.Fatal("no re-plan heart whose rounded-down figure differs from its rounding: the case tests nothing")
	}
	for _, c := range exactChecks {
		c()
	}
}

// TestReviewXLSXStaffNames: the Staff sheet names each function as the
// text view's staff table does ("Compensation administration", not
// "comp_admin"), and each team as it does; the function's id, the one the
// actuals file gives, follows in a column of its own. In earlier versions
// the function column held the ids.
func TestReviewXLSXStaffNames(t *testing.T) {
	v := reviewRun(t)
	f := reviewBook(t, v)
	const sheet = "Staff"
	head := findRow(t, f, sheet, "period")
	fnCol, teamCol := columnOf(t, f, sheet, head, "function"), columnOf(t, f, sheet, head, "team")
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	r, named := head+1, 0
	for _, p := range v.Periods {
		for _, st := range p.Staff {
			got := rows[r-1]
			if got[0] != p.Label || got[teamCol-1] != st.Team {
				t.Fatalf("row %d: %q, want %s %s", r, got, p.Label, st.Team)
			}
			if want := v.function(st.Function); got[fnCol-1] != want {
				t.Errorf("row %d (%s %s %s): function %q, the text view's %q", r, p.Label, st.Team, st.Function, got[fnCol-1], want)
			}
			if v.function(st.Function) != st.Function {
				named++
			}
			r++
		}
	}
	if named == 0 {
		t.Fatal("no function whose name differs from its id: the case tests nothing")
	}
	// The ids follow, in the rows' order.
	idCol := columnOf(t, f, sheet, head, "function id")
	r = head + 1
	for _, p := range v.Periods {
		for _, st := range p.Staff {
			if got := rows[r-1]; got[idCol-1] != st.Function {
				t.Errorf("row %d: function id %q, want %q", r, got[idCol-1], st.Function)
			}
			r++
		}
	}
}

// chartSeries is one series of a workbook's chart, as its references read:
// the chart's title, the series' name, categories and values (each
// 'Sheet'!$A$1:$A$2).
type chartSeries struct {
	chart, name, cats, vals string
}

// workbookSeries reads every series of every chart of a workbook back.
func workbookSeries(t *testing.T, data []byte) []chartSeries {
	t.Helper()
	serRe := regexp.MustCompile(`(?s)<(?:c:)?ser>(.*?)</(?:c:)?ser>`)
	part := func(tag, body string) string {
		m := regexp.MustCompile(`(?s)<(?:c:)?` + tag + `>.*?<(?:c:)?f>([^<]*)</(?:c:)?f>`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return html.UnescapeString(m[1])
	}
	titleRe := regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
	var out []chartSeries
	names, bodies := chartParts(t, data)
	for _, name := range names {
		body := bodies[name]
		title := ""
		if m := titleRe.FindSubmatch(body); m != nil {
			title = html.UnescapeString(string(m[1]))
		}
		for _, m := range serRe.FindAllSubmatch(body, -1) {
			s := string(m[1])
			out = append(out, chartSeries{chart: title, name: part("tx", s), cats: part("cat", s), vals: part("val", s)})
		}
	}
	return out
}

// chartParts are the chart parts of a workbook (xl/charts/chartN.xml), by
// name in order, and their XML.
func chartParts(t *testing.T, data []byte) (names []string, bodies map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	bodies = map[string][]byte{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, zf.Name)
		bodies[zf.Name] = body
	}
	sort.Strings(names)
	return names, bodies
}

// rangeCells are the sheet and cells of a reference 'Sheet'!$B$7:$B$8.
func rangeCells(t *testing.T, r string) (string, []string) {
	t.Helper()
	i := strings.LastIndexByte(r, '!')
	if i < 0 {
		t.Fatalf("%q names no sheet", r)
	}
	sheet := strings.ReplaceAll(strings.Trim(r[:i], "'"), "''", "'")
	ends := strings.Split(strings.ReplaceAll(r[i+1:], "$", ""), ":")
	c1, r1, err := excelize.CellNameToCoordinates(ends[0])
	if err != nil {
		t.Fatal(err)
	}
	c2, r2 := c1, r1
	if len(ends) == 2 {
		if c2, r2, err = excelize.CellNameToCoordinates(ends[1]); err != nil {
			t.Fatal(err)
		}
	}
	var cells []string
	for c := c1; c <= c2; c++ {
		for row := r1; row <= r2; row++ {
			cells = append(cells, ref(c, row))
		}
	}
	return sheet, cells
}

// TestReviewXLSXChartsDrawPrintedFigures: the review workbook's charts are
// native charts over the Review sheet's cells, as the plan workbook's are
// over its Plan sheet's, and the heart chart draws the hearts the sheet
// prints (a heart not healthy rounded down, Q1's actual 80.9%), not the
// exact scores in the "(exact)" columns beside them. In earlier versions
// the charts were pictures drawn from the exact scores (80.97%), which
// no cell of the sheet printed.
func TestReviewXLSXChartsDrawPrintedFigures(t *testing.T) {
	v := reviewRun(t)
	var buf bytes.Buffer
	if err := WriteReview(&buf, v, XLSX); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, buf.Bytes())
	series := workbookSeries(t, buf.Bytes())
	if len(series) == 0 {
		t.Fatal("the review workbook has no chart drawn from its cells")
	}
	const sheet = "Review"
	head := findRow(t, f, sheet, "period")
	hearts := map[string]bool{}
	for _, s := range series {
		if s.vals == "" {
			t.Errorf("%s: series %q references no cells", s.chart, s.name)
			continue
		}
		sh, cells := rangeCells(t, s.vals)
		if sh != sheet {
			t.Errorf("%s: series %q draws %s, not the Review sheet", s.chart, s.name, s.vals)
			continue
		}
		_, name := rangeCells(t, s.name)
		label, _ := f.GetCellValue(sh, name[0])
		if strings.Contains(label, "(exact)") {
			t.Errorf("%s: series %q draws the column %q (%s), which the text views do not print", s.chart, s.name, label, s.vals)
		}
		if label != "planned heart" && label != "actual heart" {
			continue
		}
		hearts[label] = true
		if len(cells) != len(v.Periods) {
			t.Fatalf("%s: %q draws %d cells for %d periods", s.chart, label, len(cells), len(v.Periods))
		}
		for i, p := range v.Periods {
			sc := p.Planned
			if label == "actual heart" {
				sc = p.Actual
			}
			if got, want := shownCell(t, f, sh, cells[i]), HeartPercent(sc.Heart, sc.Healthy, 0.9); got != want {
				t.Errorf("%s: %s %s draws %s, which shows %q, the text view prints %q", s.chart, p.Label, label, cells[i], got, want)
			}
			if row := findRow(t, f, sheet, p.Label); cells[i] != ref(columnOf(t, f, sheet, head, label), row) {
				t.Errorf("%s: %s %s draws %s, not the row's %s cell", s.chart, p.Label, label, cells[i], label)
			}
		}
	}
	if !hearts["planned heart"] || !hearts["actual heart"] {
		t.Errorf("no chart draws the planned and actual hearts: %v", series)
	}
	// The case has a heart the sheet prints rounded down.
	differs := false
	for _, p := range v.Periods {
		differs = differs || Percent(p.Actual.Heart) != HeartPercent(p.Actual.Heart, p.Actual.Healthy, 0.9)
	}
	if !differs {
		t.Fatal("no heart whose printed figure differs from its rounding: the case tests nothing")
	}
}
