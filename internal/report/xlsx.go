package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// ScenarioPlan is one scenario of a report with its plan and, when they
// were run, the analyses of it the report shows.
type ScenarioPlan struct {
	Scenario *scenario.Scenario
	Plan     *plan.Plan
	// Checkup is the scenario's checkup; nil when not run (an infeasible
	// scenario has none).
	Checkup *checkup.Report
	// BudgetCase is the budget case for the report's --heart/--brain
	// targets; nil without targets.
	BudgetCase *plan.BudgetCaseReport
	// Sweep is the what-if sweep of the scenario (--vary), and SweepBase
	// the scenario's own value of each varied key; nil without --vary.
	Sweep     *plan.SweepResult
	SweepBase []float64
	// By rolls up the periods of the page's (and Markdown's) tables, plan
	// and budget case, as cardio plan's --by does; nil shows the plan's
	// own periods. A workbook carries every period whatever it says.
	By *RollUp
}

// CellKind says how a number is shown in a workbook.
type CellKind int

// The kinds of cells. A number is always stored as a number with full
// precision; the kind only picks its number format.
const (
	KindText    CellKind = iota // a string
	KindNumber                  // 0.00
	KindInteger                 // #,##0
	KindPercent                 // a fraction shown as 0.0%
	KindMoney                   // an amount in the sheet's currency, no cents
	KindFTE                     // 0.0
	// KindPoints is a difference of two shares in percentage points,
	// the cell holding points (4.6, not 0.046): a change from 90.0% to
	// 94.6% is 4.6 points, and "4.6%" would read as a relative change.
	KindPoints
	// KindCents is an amount in the sheet's currency to the cent: a
	// figure that is exact where the text views round it (the Budget
	// case sheet's), shown as held, so that the figure read is the one
	// planned and seen to reach the targets.
	KindCents
	// KindSwing is the size of a change of a share in percentage points,
	// unsigned, the cell holding points: a tornado's swing, "22.2 points"
	// as the text view writes it ("22.2%" would read as a relative change).
	KindSwing
	// KindPercentExact is a fraction shown as 0.000%: the exact heart
	// score beside the one shown as the text views print it (heartCell),
	// two decimals more, so that 0.89993 reads 89.993% and not the
	// "90.0%" its cell is kept from showing.
	KindPercentExact
	// KindFTESome is a team's FTE in a function it gives some time to
	// (the hiring sheet's FTE by function): 0.0 as KindFTE, but under
	// 0.05, which 0.0 would show as a zero that is listed, "<0.1", as
	// the text views print it (printsAsZero). The cell holds the figure,
	// so that a sum still adds up to the headcount.
	KindFTESome
	// KindPercent2, KindPercent3 and KindPercent4 are fractions shown
	// with two, three and four decimals of a percentage (0.00%): a
	// threshold given with them (a floor of 85.55%) and the cells of the
	// Cells sheet printed beside it with them (percentKind).
	KindPercent2
	KindPercent3
	KindPercent4
	// KindPoints2, KindPoints3 and KindPoints4 are KindPoints with two,
	// three and four decimals: a variance between figures printed with
	// them (a heart held at a healthy heart of 90.54%: "-9.74 points").
	KindPoints2
	KindPoints3
	KindPoints4
	// KindSwing2, KindSwing3 and KindSwing4 are KindSwing with two, three
	// and four decimals: a tornado's heart swing between ends printed
	// with them (a mean heart held at a healthy heart of 90.54%).
	KindSwing2
	KindSwing3
	KindSwing4
)

// pointsKind is the kind of a change in points shown with d decimals, 1
// to 4.
func pointsKind(d int) CellKind { return kindAt(d, KindPoints, KindPoints2) }

// swingKind is the kind of a swing shown with d decimals, 1 to 4.
func swingKind(d int) CellKind { return kindAt(d, KindSwing, KindSwing2) }

// kindAt is the kind of a figure shown with d decimals, 1 to 4, of a
// family whose one-decimal kind is one and whose two-, three- and
// four-decimal kinds follow each other from two (KindPercent2,
// KindPercent3, KindPercent4, and so on).
func kindAt(d int, one, two CellKind) CellKind {
	if d < 2 || d > 4 {
		return one
	}
	return two + CellKind(d-2)
}

// thresholdPct is a threshold (the healthy heart, a floor) as a cell
// showing it as given, with the decimals it needs (plan.ThresholdDecimals:
// 85.55%, not 85.6%), as the text views print it (ThresholdPercent).
func thresholdPct(x float64) typed { return typed{v: x, k: percentKind(plan.ThresholdDecimals(x))} }

// percentKind is the kind of a percentage shown with d decimals, 1 to 4.
func percentKind(d int) CellKind { return kindAt(d, KindPercent, KindPercent2) }

// Column is one column of an extra sheet.
type Column struct {
	Header string
	Kind   CellKind
}

// Sheet is an extra worksheet written after the plan sheets: a title, notes
// and one table of typed columns. The sweep's What-if sheet is one.
type Sheet struct {
	Name     string   // sanitized and made unique like every sheet name
	Title    string   // row 1, may be empty
	Notes    []string // one a row below the title
	Currency string   // of KindMoney columns; USD when empty
	Columns  []Column
	// Rows hold float64, int, string or nil (an empty cell) values; a
	// float64 or int in a KindText column is written as a plain number.
	Rows [][]any
}

// XLSXTimestamp is the fixed creation and modification time written into
// the workbook's properties, so that the same input gives the same bytes.
const XLSXTimestamp = "2000-01-01T00:00:00Z"

// zeroResidue: numbers closer to zero than this are written as 0, so that
// a round-off residue such as -1e-10 of unspent budget shows as $0.
const zeroResidue = 1e-9

// Sheet names Excel allows: at most 31 characters, none of these.
const (
	maxSheetName     = 31
	badSheetNameRune = `[]:*?/\`
)

// shortFragment is the most of a word a cut name drops to end at the word
// before (cutName).
const shortFragment = 6

// WriteXLSX writes a workbook for finance: an "Assumptions" sheet with each
// scenario's inputs after defaults, a "Plan <scenario>" sheet per scenario,
// each followed by its "Cells <scenario>" sheet (coverage by function and
// region) when it is feasible, and then the extra sheets, in order.
func WriteXLSX(w io.Writer, plans []ScenarioPlan, extra ...Sheet) error {
	b, err := buildXLSX(plans, extra...)
	if err != nil {
		return err
	}
	defer b.f.Close()
	return b.write(w)
}

var contentDefault = regexp.MustCompile(`<Default Extension="[^"]*" ContentType="[^"]*"></Default>`)

// numericResult is a formula cell whose cached result is a number, which
// excelize types as text (t="str") whatever it holds.
var numericResult = regexp.MustCompile(`(<c [^>]*?) t="str"(><f(?: [^>]*)?>[^<]*</f><v>-?[0-9][0-9.eE+-]*</v>)`)

// stableZip rewrites a workbook so that the same input gives the same
// bytes: excelize lists the image types of [Content_Types].xml in a map's
// order once a chart is added, so they are sorted here; the parts keep
// their order, with zero timestamps. A formula cell's numeric cached
// result is typed as a number, so that a reader that does not recalculate
// (a previewer, pandas) reads the number in its format, not the text
// "496875".
func stableZip(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if zf.Name == "[Content_Types].xml" {
			defs := contentDefault.FindAll(body, -1)
			if loc := contentDefault.FindIndex(body); loc != nil {
				sorted := make([]string, len(defs))
				for i, d := range defs {
					sorted[i] = string(d)
				}
				sort.Strings(sorted)
				rest := contentDefault.ReplaceAll(body[loc[0]:], nil)
				body = append(append(append([]byte(nil), body[:loc[0]]...), strings.Join(sorted, "")...), rest...)
			}
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			body = numericResult.ReplaceAll(body, []byte("$1$2"))
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// buildXLSX builds the workbook of WriteXLSX.
func buildXLSX(plans []ScenarioPlan, extra ...Sheet) (*book, error) {
	b := newBook()
	if err := b.f.SetSheetName("Sheet1", b.sheetName("Assumptions")); err != nil {
		return nil, err
	}
	b.assumptions("Assumptions", plans)
	for _, sp := range plans {
		name := b.sheetName("Plan " + sp.Plan.Scenario)
		b.newSheet(name)
		b.planSheet(name, sp)
		if sp.Plan.Status != plan.StatusInfeasible && len(sp.Plan.Periods) > 0 {
			cells := b.sheetName("Cells " + sp.Plan.Scenario)
			b.newSheet(cells)
			b.cellsSheet(cells, sp.Plan)
		}
		if sp.Plan.Hiring != nil {
			hiring := b.sheetName("Hiring " + sp.Plan.Scenario)
			b.newSheet(hiring)
			b.hiringSheet(hiring, sp.Plan, sp.By)
		}
	}
	b.analysisSheets()
	for _, sh := range extra {
		name := b.sheetName(sh.Name)
		b.newSheet(name)
		b.extraSheet(name, sh)
	}
	b.chartsSheet()
	if b.err != nil {
		return nil, b.err
	}
	var titles []string
	for _, sp := range plans {
		titles = append(titles, sp.Plan.Scenario)
	}
	if err := b.setProps("cardio report: " + strings.Join(titles, ", ")); err != nil {
		return nil, err
	}
	return b, nil
}

// setProps sets the workbook's fixed properties (cardio as its author, the
// title, XLSXTimestamp as its dates, so that the same input gives the same
// bytes), asks for every formula to be recomputed on opening, and makes
// the first sheet the active one.
func (b *book) setProps(title string) error {
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Creator:        "cardio",
		LastModifiedBy: "cardio",
		Title:          title,
		Created:        XLSXTimestamp,
		Modified:       XLSXTimestamp,
		Language:       "en-US",
	}); err != nil {
		return err
	}
	if err := b.f.SetAppProps(&excelize.AppProperties{Application: "cardio"}); err != nil {
		return err
	}
	// Excel and LibreOffice recompute every formula on opening; the cached
	// values are cardio's own, for readers that do not.
	full := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	return nil
}

// write writes the workbook to w, its zip made byte-stable (stableZip).
func (b *book) write(w io.Writer) error {
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		return err
	}
	data, err := stableZip(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// SanitizeSheetName makes s a valid sheet name: the characters []:*?/\
// become "_", leading and trailing apostrophes and spaces go, and a name
// over 31 characters is cut (cutName); an empty name becomes "Sheet".
func SanitizeSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(badSheetNameRune, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, "' ")
	if utf8.RuneCountInString(s) > maxSheetName {
		s = cutName(s, maxSheetName)
	}
	if s == "" {
		s = "Sheet"
	}
	return s
}

// book builds a workbook, remembering the first error.
type book struct {
	f      *excelize.File
	err    error
	expect map[string]expected // formula cells (Sheet!A1) and cardio's values
	plans  []planRefs          // where each plan sheet put its numbers, for the charts and the other sheets
	names  map[string]bool     // sheet names in use, lower-case (Excel ignores case)
	styles map[styleKey]int
	sheets map[string]*sheetState
}

type sheetState struct {
	widths map[int]float64 // column (1-based) -> width in characters
}

// styleKey identifies a cell style.
type styleKey struct {
	kind     CellKind
	role     role
	currency string
}

type role int

const (
	roleBody role = iota
	roleTotal
	roleHeader
	roleTitle
	roleSection
	roleNote
)

func newBook() *book {
	return &book{
		f:      excelize.NewFile(),
		expect: map[string]expected{},
		names:  map[string]bool{},
		styles: map[styleKey]int{},
		sheets: map[string]*sheetState{"Sheet1": {widths: map[int]float64{}}},
	}
}

// cutName cuts s to at most n runes, ending it with "…" so that the cut
// shows, and at a word's end when that drops only a short fragment of a
// word: "Budget case FY27 in whole…", not "Budget case FY27 in whole
// peopl"; a long word is cut within ("Plan An extremely long scenari…").
func cutName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1 // room for the ellipsis
	if r[cut] != ' ' {
		if i := strings.LastIndex(string(r[:cut]), " "); i >= 0 {
			if k := utf8.RuneCountInString(string(r[:cut])[:i]); cut-k <= shortFragment {
				cut = k
			}
		}
	}
	return strings.TrimRight(string(r[:cut]), "' ") + "…"
}

// sheetName sanitizes a name and makes it unique among the book's sheets.
func (b *book) sheetName(s string) string {
	base := SanitizeSheetName(s)
	name := base
	for i := 2; b.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		if len(r)+len(suffix) > maxSheetName {
			r = []rune(cutName(base, maxSheetName-len(suffix)))
		}
		name = strings.TrimRight(string(r), "' ") + suffix
	}
	b.names[strings.ToLower(name)] = true
	return name
}

func (b *book) newSheet(name string) {
	if b.err != nil {
		return
	}
	_, b.err = b.f.NewSheet(name)
}

func (b *book) state(sheet string) *sheetState {
	st, ok := b.sheets[sheet]
	if !ok {
		st = &sheetState{widths: map[int]float64{}}
		b.sheets[sheet] = st
	}
	return st
}

// numFmt is the number format of a kind.
func numFmt(k CellKind, currency string) string {
	switch k {
	case KindNumber:
		return "0.00"
	case KindInteger:
		return "#,##0"
	case KindPercent:
		return "0.0%"
	case KindPercentExact, KindPercent3:
		return "0.000%"
	case KindPercent2:
		return "0.00%"
	case KindPercent4:
		return "0.0000%"
	case KindFTE:
		return "0.0"
	case KindFTESome:
		// A zero reads 0.0 as the text prints it; a positive figure that
		// 0.0 would show as a zero, "<0.1".
		return `[=0]0.0;[<0.05]"<0.1";0.0`
	case KindPoints:
		// A sign on a change, as the text views write it ("+4.6
		// points"); the cell holds no difference under 0.05 points
		// (pointsDiff), so a zero reads "0.0 points", never "-0.0".
		return `+0.0" points";-0.0" points";0.0" points"`
	case KindPoints2, KindPoints3, KindPoints4:
		z := strings.Repeat("0", int(k-KindPoints2)+2)
		return `+0.` + z + `" points";-0.` + z + `" points";0.0" points"`
	case KindSwing:
		return `0.0" points"`
	case KindSwing2, KindSwing3, KindSwing4:
		return `0.` + strings.Repeat("0", int(k-KindSwing2)+2) + `" points"`
	case KindMoney, KindCents:
		// FormatMoney knows the symbols: "$1" -> "$", "CHF 1" -> "CHF ".
		sym := strings.TrimSuffix(plan.FormatMoney(currency, 1), "1")
		q := `"` + strings.ReplaceAll(sym, `"`, "") + `"`
		n := "#,##0"
		if k == KindCents {
			n += ".00"
		}
		return q + n + `_);[Red](` + q + n + `)`
	}
	return "@"
}

// style returns the id of a style, creating it on first use.
func (b *book) style(k CellKind, r role, currency string) int {
	if k == KindText {
		currency = ""
	} else if currency == "" {
		currency = scenario.DefaultCurrency
	}
	key := styleKey{k, r, currency}
	if id, ok := b.styles[key]; ok {
		return id
	}
	st := &excelize.Style{}
	switch r {
	case roleTitle:
		st.Font = &excelize.Font{Bold: true, Size: 14}
	case roleSection:
		st.Font = &excelize.Font{Bold: true, Size: 12}
	case roleNote:
		st.Font = &excelize.Font{Italic: true}
	case roleHeader:
		st.Font = &excelize.Font{Bold: true}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
		st.Border = []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
		st.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	case roleTotal:
		st.Font = &excelize.Font{Bold: true}
		st.Border = []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	}
	if k != KindText {
		f := numFmt(k, currency)
		st.CustomNumFmt = &f
	}
	id, err := b.f.NewStyle(st)
	if err != nil && b.err == nil {
		b.err = err
	}
	b.styles[key] = id
	return id
}

// cell writes one value at (col, row), 1-based, with a style.
func (b *book) cell(sheet string, col, row int, v any, k CellKind, r role, currency string) {
	if b.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		b.err = err
		return
	}
	width := 0.0
	switch x := v.(type) {
	case nil:
	case string:
		if x != "" {
			b.err = b.f.SetCellStr(sheet, ref, x)
			width = float64(utf8.RuneCountInString(x)) + 2
		}
	case bool:
		b.err = b.f.SetCellStr(sheet, ref, yesNo(x))
		width = 5
	case int:
		b.err = b.f.SetCellInt(sheet, ref, int64(x))
		width = float64(len(fmt.Sprint(x))) + 3
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.err = b.f.SetCellStr(sheet, ref, "n/a")
			width = 5
			break
		}
		if math.Abs(x) < zeroResidue {
			x = 0 // the solver's round-off, not "($0)" or "-0.0"
		}
		b.err = b.f.SetCellFloat(sheet, ref, x, fullPrecision(x), 64)
		width = numWidth(x, k)
	default:
		b.err = fmt.Errorf("report: cell %s!%s: unsupported value %T", sheet, ref, v)
	}
	if b.err != nil {
		return
	}
	if v != nil || r == roleHeader || r == roleTotal {
		b.err = b.f.SetCellStyle(sheet, ref, ref, b.style(k, r, currency))
	}
	// Titles, sections and notes run over the columns to their right.
	if r == roleTitle || r == roleSection || r == roleNote {
		return
	}
	if r == roleHeader {
		// Headers wrap: long ones need not widen the column fully.
		width = math.Min(width, 16)
	}
	st := b.state(sheet)
	if width > st.widths[col] {
		st.widths[col] = width
	}
}

// fullPrecision is the number of decimals that writes x exactly (the
// shortest decimal that reads back as x): excelize's automatic precision
// cuts to Excel's 15 displayed digits, truncating 0.8999999999999999 to
// 0.899999999999999.
func fullPrecision(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// numWidth estimates the displayed width of a number in a format.
func numWidth(x float64, k CellKind) float64 {
	digits := float64(len(fmt.Sprintf("%.0f", math.Abs(x))))
	switch k {
	case KindPercent:
		return digits + 6
	case KindPercentExact, KindPercent3:
		return digits + 8
	case KindPercent2:
		return digits + 7
	case KindPercent4:
		return digits + 9
	case KindPoints, KindSwing:
		return digits + 11 // "+4.6 points"
	case KindPoints2, KindPoints3, KindPoints4:
		return digits + 12 + float64(k-KindPoints2)
	case KindSwing2, KindSwing3, KindSwing4:
		return digits + 12 + float64(k-KindSwing2)
	case KindMoney:
		return digits + digits/3 + 6
	case KindCents:
		return digits + digits/3 + 9
	case KindInteger:
		return digits + digits/3 + 3
	}
	return digits + 5
}

// finish sets the column widths and freezes the first xsplit columns and
// ysplit rows of a sheet.
func (b *book) finish(sheet string, xsplit, ysplit int) {
	if b.err != nil {
		return
	}
	st := b.state(sheet)
	for col, w := range st.widths {
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			b.err = err
			return
		}
		w = math.Max(8, math.Min(60, w))
		if b.err = b.f.SetColWidth(sheet, name, name, w); b.err != nil {
			return
		}
	}
	// Printed landscape, one page wide.
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if b.err = b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); b.err != nil {
		return
	}
	if b.err = b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); b.err != nil {
		return
	}
	if xsplit == 0 && ysplit == 0 {
		return
	}
	tl, err := excelize.CoordinatesToCellName(xsplit+1, ysplit+1)
	if err != nil {
		b.err = err
		return
	}
	pane := "bottomRight"
	switch {
	case xsplit == 0:
		pane = "bottomLeft"
	case ysplit == 0:
		pane = "topRight"
	}
	b.err = b.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, XSplit: xsplit, YSplit: ysplit, TopLeftCell: tl, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: pane}},
	})
}

// grid writes rows of cells with a cursor, for one sheet.
type grid struct {
	b        *book
	sheet    string
	currency string
	row      int // the next row to write, 1-based
}

// typed is a value with its kind and, for a derived cell, the formula that
// computes it from the cells it comes from (without "="); v is then cardio's
// own value of it, written as the formula's cached result.
type typed struct {
	v any
	k CellKind
	f string
}

func txt(s string) typed            { return typed{v: s, k: KindText} }
func pct(x float64) typed           { return typed{v: x, k: KindPercent} }
func mon(x float64) typed           { return typed{v: x, k: KindMoney} }
func cents(x float64) typed         { return typed{v: x, k: KindCents} }
func fte(x float64) typed           { return typed{v: x, k: KindFTE} }
func num(x float64) typed           { return typed{v: x, k: KindNumber} }
func integer(x float64) typed       { return typed{v: math.Round(x), k: KindInteger} } // a count (people, periods): whole in the cell, as on screen
func (g *grid) skip()               { g.row++ }
func (g *grid) title(s string)      { g.line(s, roleTitle) }
func (g *grid) section(s string)    { g.line(s, roleSection) }
func (g *grid) note(s string)       { g.line(s, roleNote) }
func (g *grid) body(cells ...typed) { g.put(1, roleBody, cells) }
func (g *grid) total(cells ...typed) {
	g.put(1, roleTotal, cells)
}

func (g *grid) line(s string, r role) {
	g.b.cell(g.sheet, 1, g.row, s, KindText, r, "")
	g.row++
}

// header writes a header row of strings.
func (g *grid) header(labels ...string) {
	for i, l := range labels {
		g.b.cell(g.sheet, i+1, g.row, l, KindText, roleHeader, "")
	}
	g.row++
}

func (g *grid) put(col int, r role, cells []typed) {
	for i, c := range cells {
		if c.f != "" {
			g.b.formula(g.sheet, col+i, g.row, c.f, c.v, c.k, r, g.currency)
			continue
		}
		g.b.cell(g.sheet, col+i, g.row, c.v, c.k, r, g.currency)
	}
	g.row++
}

// calc is a derived cell: formula f, whose value cardio computes as v.
func calc(f string, v float64, k CellKind) typed { return typed{v, k, f} }

// heartShownNote says how a sheet shows a heart that is not healthy, and
// where its exact score is.
func heartShownNote(where string) string {
	return "A heart that is not healthy is shown rounded down to a tenth of a point, as cardio prints it everywhere (89.99% is 89.9%, never 90.0% and not healthy); the exact score is in " + where + "."
}

// heartCell is the cell of a heart score x that reads as the text views
// print it: a formula over the cell exact, which holds x itself
// (KindPercentExact). Rounded as the cell's format rounds, 0.80972 reads
// 81.0% where every text view prints an unhealthy heart rounded down,
// 80.9% (so that 89.99% never reads as the healthy 90.0%); an unhealthy
// score is ROUNDDOWN to the tenth of a point, within plan.HeartStepTol
// of a step reading as that step as HeartPercent reads it
// (plan.HeartShown), and a healthy one the exact score. The verdict is the plan's, not the sheet's: a cell
// cannot tell healthy from the score alone (a period is healthy when
// every heart cell is).
func heartCell(exact string, x float64, healthy bool, threshold float64) typed {
	if healthy {
		// A healthy score reads at or above the threshold as printed
		// (plan.HeartShownAgainst): past a tenth, at the threshold's
		// decimals, rounded down but never below it.
		v, d := plan.HeartShownAgainst(x, true, threshold)
		if d == 1 {
			return calc(exact, x, KindPercent)
		}
		return calc(downAtFormula("MAX("+exact+","+strconv.FormatFloat(threshold, 'f', -1, 64)+")", d), v, percentKind(d))
	}
	return calc(unhealthyFormula(exact), plan.HeartShown(x, false), KindPercent)
}

// unhealthyFormula is the formula of a heart score in the cell exact that
// is not healthy, as plan.UnhealthyTenths rounds it: ROUNDDOWN to the
// tenth of a point, within plan.HeartStepTol of a step reading as that
// step. heartCell and the risk workbook's riskHeartCell write it.
func unhealthyFormula(exact string) string {
	return fmt.Sprintf("ROUNDDOWN(%s+%s,3)", exact, strconv.FormatFloat(plan.HeartStepTol, 'f', -1, 64))
}

// formula writes a derived cell: its formula, with cardio's value as the
// cached result (so that a reader that does not recalculate shows the
// number), and records the value for the test that has excelize compute
// every formula and compares.
func (b *book) formula(sheet string, col, row int, f string, v any, k CellKind, r role, currency string) {
	b.cell(sheet, col, row, v, k, r, currency)
	if b.err != nil {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	if b.err = b.f.SetCellFormula(sheet, ref, f); b.err != nil {
		return
	}
	if x, ok := v.(float64); ok {
		if math.Abs(x) < zeroResidue {
			x = 0
		}
		b.expect[sheet+"!"+ref] = expected{x, k}
	}
}

// expected is cardio's value of a formula cell, and its kind (money is
// compared to a cent, the rest to 1e-9).
type expected struct {
	v float64
	k CellKind
}

// ref is an A1 reference; abs makes it $A$1.
func ref(col, row int) string {
	r, _ := excelize.CoordinatesToCellName(col, row)
	return r
}

func absRef(col, row int) string {
	r, _ := excelize.CoordinatesToCellName(col, row, true)
	return r
}

// sheetRef is a reference to a cell of another sheet: 'Plan X'!$C$9.
func sheetRef(sheet string, col, row int) string {
	return quoteSheet(sheet) + "!" + absRef(col, row)
}

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// span is a range of one column or row: C4:C7.
func span(c1, r1, c2, r2 int) string { return ref(c1, r1) + ":" + ref(c2, r2) }

// unspentFormula is budget less spend, or 0 within plan.VerifyTol of the
// budget, as cardio rounds it (plan's unspent): the solver meets a budget
// to that tolerance, and $0.07 left of $100k is its round-off, not money.
func unspentFormula(budget, spend string) string {
	// Divided by 1/VerifyTol: excelize's calculation engine rejects a
	// literal such as 0.000001 times a function.
	return fmt.Sprintf("IF(ABS(%[1]s-%[2]s)<=MAX(1,ABS(%[1]s))/%[3]s,0,%[1]s-%[2]s)", budget, spend, strconv.FormatFloat(math.Round(1/plan.VerifyTol), 'f', -1, 64))
}

// planRefs says where a plan sheet put its numbers, for the formulas of
// the other sheets and the charts.
type planRefs struct {
	sp          ScenarioPlan
	sheet       string
	first, last int // the rows of the periods
	total       int // the total row; 0 for an infeasible plan
	// The coverage block: function rows and period columns.
	covFirst, covLast, covCol int
}

// Columns of a plan sheet's periods table.
const (
	colPeriod = iota + 1
	colStage
	colHeart
	colHealthy
	colBrain
	colSpend
	colBudget
	colUnspent
	colCentralFTE
	colLocalFTE
	colShare
	colCentralStaff
	colLocalStaff
	colInvest
	colHealthyLine
	// The exact heart score, which the heart column shows as the text
	// views print it (heartCell).
	colHeartExact
)

// planSheet writes the plan of one scenario: periods, coverage by function,
// FTE by function, regions and investments. Derived cells are formulas:
// spend is the sum of its parts, unspent the budget less spend (rounded
// to the cent), the central share central over all FTE, the totals sums
// and means, and the investments' spend the sum of the investment rows.
func (b *book) planSheet(sheet string, sp ScenarioPlan) {
	p := withWords(sp.Plan)
	refs := planRefs{sp: sp, sheet: sheet}
	g := &grid{b: b, sheet: sheet, currency: p.Currency, row: 1}
	title := fmt.Sprintf("%s: optimized plan (%s)", p.Scenario, strings.ReplaceAll(p.Status, "_", " "))
	if p.Mode == plan.ModeAsIs {
		title = fmt.Sprintf("%s: the organization as it is today", p.Scenario)
	}
	g.title(title)
	if p.Status == plan.StatusInfeasible {
		if p.Description != "" {
			g.note(p.Description)
		}
		g.skip()
		g.section("No plan meets every constraint of this scenario:")
		for _, pr := range p.Problems {
			g.line(pr, roleBody)
		}
		b.finish(sheet, 0, 1)
		b.plans = append(b.plans, refs)
		return
	}
	notes := []string{}
	if p.Description != "" {
		notes = append(notes, strings.TrimSuffix(p.Description, ".")+".")
	}
	notes = append(notes, fmt.Sprintf("Healthy heart: %s. Money in %s a %s, and over the horizon in the total row; coverage and scores as a share of demand.", ThresholdPercent(p.HealthyHeart), p.Currency, periodNoun(p)))
	if p.Status == plan.StatusOptimalWithinGap {
		notes = append(notes, GapWords(p))
	}
	if !p.Totals.HealthyAll {
		notes = append(notes, heartShownNote("the last column, heart (exact)"))
	}
	g.note(strings.Join(notes, " "))
	g.header("period", "stage", "heart", "healthy", "brain", "spend", "budget", "unspent", "central FTE", "local FTE", "central share",
		"central staff spend", "local staff spend", "investment spend", "healthy heart", "heart (exact)")
	ysplit := g.row - 1
	refs.first = g.row
	for _, per := range p.Periods {
		r := g.row
		var inv float64
		for _, x := range per.Investments {
			inv += x.Spend
		}
		// Spend and investment spend are written once the investment
		// rows are known (below).
		g.body(txt(per.Label), txt(per.Stage), heartCell(ref(colHeartExact, r), per.Heart, per.Healthy, p.HealthyHeart), txt(yesNo(per.Healthy)), pct(per.Brain),
			mon(per.Spend), mon(per.Budget),
			calc(unspentFormula(ref(colBudget, r), ref(colSpend, r)), per.Unspent, KindMoney),
			fte(per.CentralFTE), fte(per.LocalFTE),
			calc(fmt.Sprintf("IF(%[1]s+%[2]s>0,%[1]s/(%[1]s+%[2]s),0)", ref(colCentralFTE, r), ref(colLocalFTE, r)), per.CentralShare, KindPercent),
			mon(per.CentralSpend), mon(per.StaffSpend-per.CentralSpend), mon(inv), thresholdPct(p.HealthyHeart),
			typed{v: per.Heart, k: KindPercentExact})
	}
	refs.last = g.row - 1
	t := p.Totals
	col := func(c int) string { return span(c, refs.first, c, refs.last) }
	tr := g.row
	sum := func(c int, v float64) typed { return calc("SUM("+col(c)+")", v, KindMoney) }
	var central, local, inv float64
	for _, per := range p.Periods {
		central += per.CentralSpend
		local += per.StaffSpend - per.CentralSpend
		for _, x := range per.Investments {
			inv += x.Spend
		}
	}
	// The mean heart is the mean of the exact scores, shown as the text
	// prints the total (rounded down unless every period is healthy): the
	// mean of the figures shown would not be the text's total.
	g.total(txt("total"), txt(""), heartCell(ref(colHeartExact, tr), t.HeartMean, t.HealthyAll, p.HealthyHeart), txt(yesNo(t.HealthyAll)),
		calc("AVERAGE("+col(colBrain)+")", t.BrainMean, KindPercent),
		sum(colSpend, t.Spend), sum(colBudget, t.Budget),
		calc(unspentFormula(ref(colBudget, tr), ref(colSpend, tr)), t.Unspent, KindMoney),
		typed{v: nil, k: KindFTE}, typed{v: nil, k: KindFTE}, typed{v: nil, k: KindPercent},
		sum(colCentralStaff, central), sum(colLocalStaff, local), sum(colInvest, inv),
		typed{v: nil, k: KindPercent}, calc("AVERAGE("+col(colHeartExact)+")", t.HeartMean, KindPercentExact))
	refs.total = tr
	if sp.By.active(p) {
		b.rolledBlock(g, p, sp.By, refs.first)
	}

	if len(p.Periods) > 0 {
		b.planBlocks(g, p, &refs)
	}
	if len(p.Problems) > 0 {
		g.skip()
		g.section("Constraints the organization breaks")
		for _, pr := range p.Problems {
			g.line(pr, roleBody)
		}
	}
	if sentences := Narrative(p); len(sentences) > 0 {
		g.skip()
		g.section("In short")
		for _, s := range sentences {
			g.note(s)
		}
	}
	b.finish(sheet, 1, ysplit)
	b.plans = append(b.plans, refs)
}

// rolledBlock writes the periods table rolled up by by (a monthly plan by
// quarter), each figure a formula over the period rows from first on, as
// plan.Plan.RollUp rolls them: heart (exact) and brain the AVERAGE of the
// group's rows, the heart shown from it as the text prints it, money their SUM, FTE the group's last row's, the central share
// computed from them; the stage and healthy (every period of the group)
// are written as text.
func (b *book) rolledBlock(g *grid, p *plan.Plan, by *RollUp, first int) {
	rp := rollUp(p, by)
	g.skip()
	g.section(fmt.Sprintf("By %s", by.By))
	g.note(rollUpNote(by))
	g.header("period", "stage", "heart", "healthy", "brain", "spend", "budget", "unspent", "central FTE", "local FTE", "central share",
		"central staff spend", "local staff spend", "investment spend", "healthy heart", "heart (exact)")
	for k, sp := range by.spans() {
		per := rp.Periods[k]
		lo, hi := first+sp.Start, first+sp.End-1
		over := func(c int) string { return span(c, lo, c, hi) }
		// Local staff spend is a difference in each month's cell: the SUM
		// of those cells, not the difference of the sums, which rounds
		// otherwise.
		var local, inv float64
		for _, m := range p.Periods[sp.Start:sp.End] {
			local += m.StaffSpend - m.CentralSpend
		}
		for _, x := range per.Investments {
			inv += x.Spend
		}
		r := g.row
		g.body(txt(per.Label), txt(per.Stage),
			heartCell(ref(colHeartExact, r), per.Heart, per.Healthy, p.HealthyHeart), txt(yesNo(per.Healthy)),
			calc("AVERAGE("+over(colBrain)+")", per.Brain, KindPercent),
			calc("SUM("+over(colSpend)+")", per.Spend, KindMoney), calc("SUM("+over(colBudget)+")", per.Budget, KindMoney),
			calc("SUM("+over(colUnspent)+")", per.Unspent, KindMoney),
			calc(ref(colCentralFTE, hi), per.CentralFTE, KindFTE), calc(ref(colLocalFTE, hi), per.LocalFTE, KindFTE),
			calc(fmt.Sprintf("IF(%[1]s+%[2]s>0,%[1]s/(%[1]s+%[2]s),0)", ref(colCentralFTE, r), ref(colLocalFTE, r)), per.CentralShare, KindPercent),
			calc("SUM("+over(colCentralStaff)+")", per.CentralSpend, KindMoney), calc("SUM("+over(colLocalStaff)+")", local, KindMoney),
			calc("SUM("+over(colInvest)+")", inv, KindMoney), thresholdPct(p.HealthyHeart),
			calc("AVERAGE("+over(colHeartExact)+")", per.Heart, KindPercentExact))
	}
}

func (b *book) planBlocks(g *grid, p *plan.Plan, refs *planRefs) {
	first := p.Periods[0]
	labels := func(lead ...string) []string {
		for _, per := range p.Periods {
			lead = append(lead, per.Label)
		}
		return lead
	}

	g.skip()
	g.section("Coverage by function")
	// Each coverage as the text views print it (coverageCell), a formula
	// over the same period's "(exact)" column at the right, which holds
	// the coverage itself, as the Cells sheet does.
	if functionBelowHealthy(p) {
		g.note("A heart function below healthy over all regions is shown rounded down to a tenth of a point, as cardio prints it everywhere (89.96% is 89.9%, never 90.0% and below healthy); the exact coverage is in the (exact) columns at the right.")
	}
	head := labels("function", "name", "class", "floor")
	for _, per := range p.Periods {
		head = append(head, per.Label+" (exact)")
	}
	g.header(head...)
	refs.covFirst, refs.covCol = g.row, 5
	for f, fn := range first.Functions {
		row := []typed{txt(fn.ID), txt(fn.Name), txt(fn.Class), thresholdPct(fn.MinCoverage)}
		var exact []typed
		for t, per := range p.Periods {
			x := per.Functions[f]
			cell := coverageCell(ref(refs.covCol+len(p.Periods)+t, g.row), x.Coverage, x.BelowHealthy)
			if fn.Class == "heart" {
				cell = heartCoverageCell(ref(refs.covCol+len(p.Periods)+t, g.row), x.Coverage, x.BelowHealthy, p.HealthyHeart)
			}
			row = append(row, cell)
			exact = append(exact, typed{v: x.Coverage, k: KindPercentExact})
		}
		g.body(append(row, exact...)...)
	}
	refs.covLast = g.row - 1
	// Excel's own heatmap: a colour scale over the coverage, from
	// vermillion at 0 through yellow at 75% to white at 100% (colours a
	// colour-blind reader tells apart; black text stays readable on each).
	if b.err == nil && refs.covLast >= refs.covFirst {
		b.err = b.f.SetConditionalFormat(g.sheet, span(refs.covCol, refs.covFirst, refs.covCol+len(p.Periods)-1, refs.covLast),
			[]excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=",
				MinType: "num", MinValue: "0", MinColor: "#D55E00",
				MidType: "num", MidValue: "0.75", MidColor: "#F0E442",
				MaxType: "num", MaxValue: "1", MaxColor: "#FFFFFF"}})
	}

	// Blocks with several numbers per period: a row of period labels over
	// a row of the numbers' names.
	grouped := func(lead []string, names []string) {
		for i, l := range lead {
			b.cell(g.sheet, i+1, g.row, l, KindText, roleHeader, "")
			b.cell(g.sheet, i+1, g.row+1, "", KindText, roleHeader, "")
		}
		col := len(lead) + 1
		for _, per := range p.Periods {
			for j, n := range names {
				lab := ""
				if j == 0 {
					lab = per.Label
				}
				b.cell(g.sheet, col+j, g.row, lab, KindText, roleHeader, "")
				b.cell(g.sheet, col+j, g.row+1, n, KindText, roleHeader, "")
			}
			if len(names) > 1 && b.err == nil {
				b.err = b.f.MergeCell(g.sheet, ref(col, g.row), ref(col+len(names)-1, g.row))
			}
			col += len(names)
		}
		g.row += 2
	}

	g.skip()
	g.section("FTE by function: central / local / tools")
	grouped([]string{"function", "class"}, []string{"central", "local", "tools"})
	sums := make([]float64, 3*len(p.Periods))
	top := g.row
	for f, fn := range first.Functions {
		row := []typed{txt(fn.ID), txt(fn.Class)}
		for t, per := range p.Periods {
			x := per.Functions[f]
			row = append(row, fte(x.CentralFTE), fte(x.LocalFTE), fte(x.ToolFTE))
			sums[3*t] += x.CentralFTE
			sums[3*t+1] += x.LocalFTE
			sums[3*t+2] += x.ToolFTE
		}
		g.body(row...)
	}
	row := []typed{txt("total"), txt("")}
	for i, s := range sums {
		row = append(row, calc("SUM("+span(3+i, top, 3+i, g.row-1)+")", s, KindFTE))
	}
	g.total(row...)

	g.skip()
	g.section("Regions")
	// Each heart as the text views print it (coverageCell), a formula over
	// the period's "(exact)" column at the right, as the coverage by
	// function is.
	if regionBelowHealthy(p) {
		g.note("A region's heart below healthy is shown rounded down to a tenth of a point, as cardio prints it everywhere (89.96% is 89.9%, never 90.0% and below healthy); the exact heart is in the (exact) columns at the right.")
	}
	names := []string{"sellers", "heart", "brain", "local FTE", "central FTE"}
	grouped([]string{"region"}, names)
	exactCol := 2 + len(names)*len(p.Periods)
	for t, per := range p.Periods {
		b.cell(g.sheet, exactCol+t, g.row-2, per.Label+" (exact)", KindText, roleHeader, "")
		b.cell(g.sheet, exactCol+t, g.row-1, "heart", KindText, roleHeader, "")
	}
	for r, reg := range first.Regions {
		row := []typed{txt(reg.Name)}
		var exact []typed
		for t, per := range p.Periods {
			x := per.Regions[r]
			row = append(row, integer(x.Sellers), heartCoverageCell(ref(exactCol+t, g.row), x.Heart, x.BelowHealthy, p.HealthyHeart), pct(x.Brain), fte(x.LocalFTE), fte(x.CentralFTE))
			exact = append(exact, typed{v: x.Heart, k: KindPercentExact})
		}
		g.body(append(row, exact...)...)
	}

	// Each period's spend is the sum of its parts; its investment spend
	// the sum of the investment rows, when there are any.
	spendOf := func(r int, per plan.Period) {
		b.formula(g.sheet, colSpend, r, fmt.Sprintf("SUM(%s)", span(colCentralStaff, r, colInvest, r)), per.Spend, KindMoney, roleBody, p.Currency)
	}
	if len(first.Investments) == 0 {
		for t, per := range p.Periods {
			spendOf(refs.first+t, per)
		}
		return
	}
	g.skip()
	g.section("Investments: level bought, effective level after the ramp, spend")
	grouped([]string{"investment", "name", "total spend"}, []string{"level", "effective", "spend"})
	invTop := g.row
	spendCol := func(t int) int { return 4 + 3*t + 2 }
	for i, inv := range first.Investments {
		var spend float64
		cells := make([]string, len(p.Periods))
		for t, per := range p.Periods {
			spend += per.Investments[i].Spend
			cells[t] = ref(spendCol(t), g.row)
		}
		row := []typed{txt(inv.ID), txt(inv.Name), calc("SUM("+strings.Join(cells, ",")+")", spend, KindMoney)}
		for _, per := range p.Periods {
			x := per.Investments[i]
			row = append(row, pct(x.Level), pct(x.Effective), mon(x.Spend))
		}
		g.body(row...)
	}
	for t, per := range p.Periods {
		var inv float64
		for _, x := range per.Investments {
			inv += x.Spend
		}
		r := refs.first + t
		b.formula(g.sheet, colInvest, r, "SUM("+span(spendCol(t), invTop, spendCol(t), g.row-1)+")", inv, KindMoney, roleBody, p.Currency)
		spendOf(r, per)
	}
}

// fiscalYearWords gives horizon.fiscal_year_start, which every quarter's
// and year's label depends on, with the months of the horizon's first
// year: "April (FY28 runs from 2027-04 to 2028-03)", or, when it is not
// given, "none (calendar quarters and years)".
func fiscalYearWords(s *scenario.Scenario) string {
	if s.Horizon.FiscalYearStart == 0 {
		return "none (calendar quarters and years)"
	}
	y, m := s.YearStart(0)
	end := y*12 + m - 1 + 11
	return fmt.Sprintf("%s (%s runs from %04d-%02d to %04d-%02d)", time.Month(s.Horizon.FiscalYearStart), s.GroupLabel(0, scenario.Year), y, m, end/12, end%12+1)
}

// assumptions writes each scenario's inputs after defaults, one block after
// the other.
func (b *book) assumptions(sheet string, plans []ScenarioPlan) {
	g := &grid{b: b, sheet: sheet, row: 1}
	g.title("Assumptions: each scenario's inputs after defaults")
	for _, sp := range plans {
		g.skip()
		b.scenarioInputs(g, sp.Scenario)
	}
	b.builtins(g, plans)
	b.finish(sheet, 1, 1)
}

func (b *book) scenarioInputs(g *grid, s *scenario.Scenario) {
	g.currency = s.Currency
	g.section(s.Name)
	kv := func(label string, v typed) { g.body(txt(label), v) }
	if s.File != "" {
		kv("file", txt(s.File))
	}
	if s.Description != "" {
		kv("description", txt(s.Description))
	}
	kv("currency", txt(s.Currency))
	unit := string(s.Horizon.Period)
	if s.Horizon.Periods != 1 {
		unit += "s"
	}
	kv("horizon", txt(fmt.Sprintf("%s, %d %s", s.Horizon.Start, s.Horizon.Periods, unit)))
	kv("fiscal year start", txt(fiscalYearWords(s)))
	kv("catalog", txt(s.Catalog))
	if s.Budget.PerPeriod != nil {
		kv("budget", txt("per period, below"))
	} else {
		kv("annual budget", mon(s.Budget.Annual))
		kv("budget change per year", pct(s.Budget.ChangePerYear))
	}
	pol := s.Policy
	kv("healthy heart", thresholdPct(pol.HealthyHeart))
	kv("heart weight", num(pol.HeartWeight))
	kv("brain weight", num(pol.BrainWeight))
	kv("central share, min", pct(pol.CentralShare.Min))
	kv("central share, max", pct(pol.CentralShare.Max))
	if pol.HasMaxFTE() {
		kv("headcount cap (FTE)", fte(pol.MaxFTE))
	} else {
		kv("headcount cap (FTE)", txt("none"))
	}
	for _, l := range []scenario.Locality{scenario.Central, scenario.Either, scenario.Local} {
		if x, ok := pol.CentralEffectiveness[l]; ok {
			kv("central effectiveness, "+string(l)+" functions", num(x))
		}
	}

	g.skip()
	g.header("period", "stage", "budget")
	for t := 0; t < s.Periods(); t++ {
		stage := ""
		if t < len(s.Stages) {
			stage = string(s.Stages[t])
		}
		g.body(txt(s.PeriodLabel(t)), txt(stage), mon(s.PeriodBudget(t)))
	}

	limit := func(x float64) typed {
		if x < 0 {
			return txt("none")
		}
		return fte(x)
	}
	g.skip()
	// The one-time costs of a hire and of an exit have columns only in a
	// scenario that gives some.
	once := s.Central.HasMoveCosts()
	for _, r := range s.Regions {
		once = once || r.HasMoveCosts()
	}
	// Each header names its unit: cost_per_fte is a year's cost, beside
	// the periods' budgets above, and the limits count each period's
	// moves (one hire a month on a monthly horizon).
	per := string(s.Horizon.Period)
	head := []string{"team", "sellers", "seller growth per year", "cost per FTE a year", "current FTE", "max hires per " + per, "max exits per " + per}
	row := func(name typed, sellers, growth typed, tm scenario.Team) []typed {
		cells := []typed{name, sellers, growth, mon(tm.CostPerFTE), fte(tm.CurrentTotal()), limit(tm.MaxHiresPerPeriod), limit(tm.MaxExitsPerPeriod)}
		if once {
			cells = append(cells, mon(tm.HireCost), mon(tm.ExitCost))
		}
		return cells
	}
	if once {
		head = append(head, "cost of a hire per FTE", "cost of an exit per FTE")
	}
	g.header(head...)
	g.body(row(txt("central"), typed{v: nil, k: KindInteger}, typed{v: nil, k: KindPercent}, s.Central)...)
	for _, r := range s.Regions {
		g.body(row(txt(r.Name), integer(r.Sellers), pct(r.SellerGrowthPerYear), r.Team)...)
	}

	g.skip()
	teams := []string{"current FTE", "central"}
	for _, r := range s.Regions {
		teams = append(teams, r.Name)
	}
	g.header(teams...)
	for _, fn := range s.Functions {
		row := []typed{txt(fn.ID)}
		has := false
		for _, m := range append([]map[string]float64{s.Central.CurrentFTE}, regionFTE(s)...) {
			if x, ok := m[fn.ID]; ok {
				row = append(row, fte(x))
				has = true
			} else {
				row = append(row, typed{v: nil, k: KindFTE})
			}
		}
		if has {
			g.body(row...)
		}
	}

	g.skip()
	g.header("function", "name", "class", "locality", "FTE per 100 sellers", "FTE per region", "weight", "floor",
		"local effectiveness", "central effectiveness", "launch multiplier", "growth multiplier", "expansion multiplier", "margin multiplier")
	for _, fn := range s.Functions {
		row := []typed{txt(fn.ID), txt(fn.Name), txt(string(fn.Class)), txt(string(fn.Locality)), num(fn.FTEPer100Sellers), num(fn.FTEPerRegion),
			num(fn.Weight), thresholdPct(fn.MinCoverage), num(fn.LocalEffectiveness), num(fn.CentralEffectiveness)}
		for _, st := range scenario.Stages {
			row = append(row, num(fn.StageMultipliers[st]))
		}
		g.body(row...)
	}

	if len(s.Investments) == 0 {
		return
	}
	g.skip()
	g.header("investment", "name", "upfront", "per year", "covers", "seller hours per week", "ramp periods", "scalable", "owned", "decision", "requires")
	for _, inv := range s.Investments {
		var covers []string
		for _, fn := range s.Functions {
			if x, ok := inv.Covers[fn.ID]; ok {
				covers = append(covers, fmt.Sprintf("%s %s", fn.ID, Percent(x)))
			}
		}
		g.body(txt(inv.ID), txt(inv.Name), mon(inv.Upfront), mon(inv.PerYear), txt(strings.Join(covers, ", ")),
			num(inv.SellerHoursPerWeek), integer(float64(inv.RampPeriods)), txt(yesNo(inv.Scalable)), txt(yesNo(inv.Owned)), txt(decisionWords(inv.Decision)), txt(strings.Join(inv.Requires, ", ")))
	}
}

// decisionWords is an investment's decision as the inputs sheet shows it.
func decisionWords(d scenario.Decision) string {
	switch d {
	case scenario.In:
		return "forced in"
	case scenario.Out:
		return "forced out"
	}
	return "optimizer decides"
}

// builtins lists the built-in functions the scenarios use, with the
// catalog's defaults, so that finance sees what a scenario took from the
// catalog and what it overrode (its own table above).
func (b *book) builtins(g *grid, plans []ScenarioPlan) {
	used := map[string]bool{}
	for _, sp := range plans {
		if sp.Scenario.Catalog != "builtin" {
			continue // its functions are its own
		}
		for _, fn := range sp.Scenario.Functions {
			used[fn.ID] = true
		}
	}
	var rows [][]typed
	for _, fn := range scenario.BuiltinFunctions() {
		if !used[fn.ID] {
			continue
		}
		row := []typed{txt(fn.ID), txt(fn.Name), txt(string(fn.Class)), txt(string(fn.Locality)), num(fn.FTEPer100Sellers), num(fn.FTEPerRegion),
			num(fn.Weight), thresholdPct(fn.MinCoverage), num(fn.LocalEffectiveness), num(fn.CentralEffectiveness)}
		for _, st := range scenario.Stages {
			row = append(row, num(fn.StageMultipliers[st]))
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return
	}
	g.skip()
	g.section("Built-in functions used, with the catalog's defaults (docs/catalog.md)")
	g.header("function", "name", "class", "locality", "FTE per 100 sellers", "FTE per region", "weight", "floor",
		"local effectiveness", "central effectiveness", "launch multiplier", "growth multiplier", "expansion multiplier", "margin multiplier")
	for _, r := range rows {
		g.body(r...)
	}
}

func regionFTE(s *scenario.Scenario) []map[string]float64 {
	ms := make([]map[string]float64, len(s.Regions))
	for i, r := range s.Regions {
		ms[i] = r.CurrentFTE
	}
	return ms
}

// extraSheet writes a sheet given by the caller.
func (b *book) extraSheet(sheet string, sh Sheet) {
	g := &grid{b: b, sheet: sheet, currency: sh.Currency, row: 1}
	if sh.Title != "" {
		g.title(sh.Title)
	}
	for _, n := range sh.Notes {
		g.note(n)
	}
	labels := make([]string, len(sh.Columns))
	for i, c := range sh.Columns {
		labels[i] = c.Header
	}
	g.header(labels...)
	ysplit := g.row - 1
	for _, r := range sh.Rows {
		cells := make([]typed, len(r))
		for i, v := range r {
			k := KindText
			if i < len(sh.Columns) {
				k = sh.Columns[i].Kind
			}
			if x, ok := v.(int); ok {
				v = float64(x)
			}
			if _, ok := v.(float64); ok && k == KindText {
				k = KindNumber
			}
			cells[i] = typed{v: v, k: k}
		}
		g.body(cells...)
	}
	b.finish(sheet, 1, ysplit)
}
