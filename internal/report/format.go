package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Format is an output format.
type Format string

// The output formats every result command takes.
const (
	Table    Format = "table"
	JSON     Format = "json"
	CSV      Format = "csv"
	Markdown Format = "markdown"
)

// Formats lists the formats in the order help text shows them.
var Formats = []Format{Table, CSV, JSON, Markdown}

// The page and the workbook of the commands whose result is one document
// (risk, review): a self-contained HTML page with charts, and an XLSX
// workbook with the tables as numbers and the charts as native charts
// over them. The plan of several scenarios has its own, `cardio report
// -o`.
const (
	HTML Format = "html"
	XLSX Format = "xlsx"
)

// DocumentFormats are Formats and the page and the workbook, for the
// commands that write them.
var DocumentFormats = []Format{Table, CSV, JSON, Markdown, HTML, XLSX}

// ErrFormat is returned for an unknown format name.
var ErrFormat = errors.New("report: unknown format")

// formatError is an unknown format name. It is ErrFormat for errors.Is,
// and its message, which users read, has no package prefix.
type formatError struct {
	name    string
	allowed []Format
}

func (e formatError) Error() string {
	names := make([]string, len(e.allowed))
	for i, f := range e.allowed {
		names[i] = string(f)
	}
	return fmt.Sprintf("unknown format %q: use one of %s", e.name, strings.Join(names, ", "))
}

func (e formatError) Is(target error) bool { return target == ErrFormat }

// ParseFormat checks a --format value against allowed, Formats when none
// is given. Case does not matter: JSON is json.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	if len(allowed) == 0 {
		allowed = Formats
	}
	for _, f := range allowed {
		if strings.EqualFold(string(f), strings.TrimSpace(s)) {
			return f, nil
		}
	}
	return "", formatError{s, allowed}
}

// Cents rounds an amount of money to cents, the precision of money in
// JSON and CSV: figures the model computes to within floating-point
// round-off (1399999.9999999998, an unspent -2.3e-10) come out as the
// amounts they are (1400000, 0). No -0 is written.
func Cents(x float64) float64 {
	c := math.Round(x*100) / 100
	if c == 0 {
		return 0
	}
	return c
}

// CentsUp rounds a least amount (a least budget, a least spend) up to
// cents, so that the amount written is never below the amount needed. An
// amount within 1e-6 cents above a whole cent is that cent: round-off, not
// money.
func CentsUp(x float64) float64 {
	c := math.Ceil(x*100-1e-6) / 100
	if c == 0 {
		return 0
	}
	return c
}

// CentsDown rounds a bound from below (the least any plan could spend)
// down to cents, so that the amount written is never above it; as in
// CentsUp, within 1e-6 cents below a whole cent is that cent.
func CentsDown(x float64) float64 {
	c := math.Floor(x*100+1e-6) / 100
	if c == 0 {
		return 0
	}
	return c
}

// GapPercent formats a relative optimality gap as a percentage rounded up
// to two decimals: "within 1.59%" must hold of the plan, so 1.5875% is
// never printed as 1.58% (nor, with more decimals, pretend to a precision
// the bound does not have). A gap less than 1e-11 above a hundredth of a
// point is that hundredth: round-off, not distance.
func GapPercent(g float64) string {
	return fmt.Sprintf("%.2f%%", math.Ceil(100*100*g-1e-7)/100)
}

// StatusWords writes a plan status for a table's cell: "optimal",
// "infeasible", and, for a search the node limit stopped, "optimal within
// 4.36%", the most its figures may lie from the best plan's (GapPercent):
// "optimal within gap" alone left the reader to guess how far.
func StatusWords(status string, gap float64) string {
	if status == plan.StatusOptimalWithinGap && gap > 0 {
		return "optimal within " + GapPercent(gap)
	}
	return strings.ReplaceAll(status, "_", " ")
}

// Percent formats a fraction as a percentage with one decimal, a tie
// half up as plan.Shown and finance round it (56.25% is 56.3%; fmt's %.1f
// rounds an exact tie to even).
func Percent(x float64) string { return fmt.Sprintf("%.1f%%", math.Round(1000*x)/10) }

// HeartPercent formats a heart score next to its healthy verdict (a
// period's, or every period's for a mean): a heart that is not healthy is
// rounded down, so that it never reads as the threshold it misses (89.99%
// is 89.9%, not "90.0% | no"). Every view that prints a heart score of a
// plan prints it so (the plan's rows and total, "In short", compare,
// sweep, diff, review, the checkup), so the same score reads the same
// everywhere, and the review's chart draws it so (plan.HeartShown). A
// score within plan.HeartStepTol below a printed step reads as that step
// (plan.UnhealthyTenths). A healthy score reads at or above the healthy
// heart threshold as printed: with a threshold that is not a whole tenth
// (0.9054, "90.54%"), a score held at it reads 90.54%, not 90.5%
// (plan.HeartShownAgainst).
func HeartPercent(x float64, healthy bool, threshold float64) string {
	if !healthy {
		return fmt.Sprintf("%.1f%%", plan.UnhealthyTenths(x)/10)
	}
	return percentAt(plan.HeartShownAgainst(x, true, threshold))
}

// heartPercentBelow formats a heart figure that has no healthy verdict of
// its own (a risk run's percentiles and tornado ends, the goal seek's
// target) against the healthy heart: below it rounded down, at or above
// it to the nearest tenth, or at the threshold's decimals where a tenth
// would read below it (plan.HeartShownBelowAgainst), so that a heart P10
// of 89.996% reads 89.9%, not the healthy 90.0%, and a P50 held at a
// healthy heart of 0.9054 reads 90.54%.
func heartPercentBelow(x, healthy float64) string {
	return percentAt(plan.HeartShownBelowAgainst(x, healthy))
}

// ThresholdPercent writes a threshold a coverage is compared with (the
// healthy heart, a function's floor) as given, with the decimals it needs
// (plan.ThresholdDecimals): 90.0%, 85.55%, never a tenth that moves it
// past the cells beside it (a floor of 0.8555 read 85.6% beside a cell
// above it at 85.5%). Every view that prints the healthy heart or a floor
// in words or a table prints it so.
func ThresholdPercent(x float64) string {
	return fmt.Sprintf("%.*f%%", plan.ThresholdDecimals(x), 100*plan.ShownThreshold(x))
}

// cellPercent writes a heart or brain cell (a function in a region) as
// the coverage table prints it beside the plan's healthy heart and the
// function's floor (plan.Cell.ShownAgainst): coveragePercent, unless that
// figure reads on the wrong side of a printed threshold (ThresholdPercent);
// then rounded down with more decimals.
func cellPercent(c *plan.Cell, healthy float64) string {
	return percentAt(c.ShownAgainst(healthy))
}

// coveragePercent formats a function's coverage in a region, or over all
// regions, or a region's heart, as every view prints it
// (plan.ShownCoverage): to the nearest tenth, but a heart cell, heart
// function or region's heart below healthy (plan.Cell.BelowHealthy,
// plan.Function.BelowHealthy, plan.Region.BelowHealthy) rounded down, as a
// heart score that is not healthy is, so that it never reads as the
// threshold it misses: 89.96% beside "* below the healthy 90.0%" read
// "90.0%*".
func coveragePercent(x float64, below bool) string {
	return fmt.Sprintf("%.1f%%", plan.ShownCoverage(x, below)*100)
}

// heartPercentOf formats a heart coverage x (a function's over all
// regions, a region's heart, a heart cell named without its floor) below
// the healthy heart healthy or not (below, its verdict) as every view
// prints it: below, rounded down (coveragePercent); else as a healthy
// heart score reads against the threshold (HeartPercent): with a
// threshold past a tenth, 0.9054, a function held at it reads 90.54%, not
// the 90.5% below the "healthy heart: 90.54%" printed beside it. A figure
// more than plan.HeartStepTol below the threshold that is not below
// healthy (its verdict unknown: a plan read back from an older cardio's
// JSON, or a cell of no weight) reads to the nearest tenth, as before
// (plan.HeartReadAgainst).
func heartPercentOf(x float64, below bool, healthy float64) string {
	return percentAt(plan.HeartReadAgainst(x, below, healthy))
}

// printedVariance is the variance of two percentages as printed (by
// Percent or HeartPercent): the printed actual less the printed planned,
// in points. A variance table is read across: 90.0% planned and 80.9%
// actual is 9.1 points short, and a variance of the exact figures
// rounded on its own (-9.0, of 80.97% rounded down to 80.9% as a heart
// that is not healthy prints) would not be the difference of the figures
// beside it. The JSON and CSV carry the exact figures.
//
// A figure printed with more decimals (a healthy heart at a threshold
// past a tenth, "90.54%") is subtracted at its decimals: 90.0% to 90.54%
// is +0.54 pts.
func printedVariance(planned, actual string) string {
	x, d := printedChange(planned, actual)
	return pointsAt(x, d)
}

// printedChange is the change, in percentage points, from the figure
// printed from to the one printed to ("90.0%" to "90.54%", or FTE:
// "21.7" to "21.2"), as a reader subtracts them, exact at the finer of
// their decimals d (at least one); a figure that does not read counts as
// 0, as a cell cardio wrote always reads.
func printedChange(from, to string) (x float64, d int) {
	a, da := printedFigure(from)
	b, db := printedFigure(to)
	d = max(da, db)
	scale := math.Pow10(d)
	return (math.Round(b*scale) - math.Round(a*scale)) / scale, d
}

// pointsAt writes a change of x percentage points at d decimals, as
// deltaCell does at one: "+0.54 pts", "-1.0 pts", and "0.0 pts" for none.
func pointsAt(x float64, d int) string {
	if d <= 1 {
		return deltaCell('p', x/100, "")
	}
	scale := math.Pow10(d)
	v := math.Round(x*scale) / scale
	if v == 0 {
		return "0.0 pts"
	}
	return fmt.Sprintf("%+.*f pts", d, v)
}

// printedFigure reads back a figure cardio printed ("90.54%", "80.8%",
// "21.2") and the decimals it was printed with (at least one); one that
// does not read, as a cell cardio wrote always does, is 0.
func printedFigure(s string) (x float64, decimals int) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, 1
	}
	decimals = 1
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = max(1, len(s)-i-1)
	}
	return x, decimals
}

// percentAt writes a fraction as a percentage with d decimals, one as
// Percent does (to the nearest tenth, a tie half up): the figures the
// plan's Shown*Against functions give with their decimals.
func percentAt(x float64, d int) string {
	if d <= 1 {
		return Percent(x)
	}
	return fmt.Sprintf("%.*f%%", d, 100*x)
}

// FTE formats a headcount with one decimal, a tie half up (a quarter-time
// person's 2.25 FTE is 2.3, as plan.Shown reads it; fmt gives 2.2).
func FTE(x float64) string { return fmt.Sprintf("%.1f", math.Round(10*x)/10) }

// printsAsZero reports whether FTE would print a positive x as 0.0: the
// views then say "<0.1" or "less than 0.1", not a zero that is there.
func printsAsZero(x float64) bool { return x > 0 && x < 0.05 }

// alignedTable writes a table in the terminal or the Markdown style, its
// first left columns left-aligned (text) and the rest right-aligned
// (numbers). Scenario text in it is cleaned of control characters
// (CleanText).
func alignedTable(w io.Writer, markdown bool, header []string, rows [][]string, left int) error {
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignRight
		if i < left {
			align[i] = tw.AlignLeft
		}
	}
	cfg := tablewriter.Config{
		Header: tw.CellConfig{
			Formatting: tw.CellFormatting{AutoFormat: tw.Off},
			Alignment:  tw.CellAlignment{PerColumn: align},
		},
		Row: tw.CellConfig{Alignment: tw.CellAlignment{PerColumn: align}},
	}
	opts := []tablewriter.Option{tablewriter.WithConfig(cfg)}
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	} else {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(cleanCells(header))
	clean := make([][]string, len(rows))
	for i, r := range rows {
		clean[i] = cleanCells(r)
	}
	if err := t.Bulk(clean); err != nil {
		return err
	}
	return t.Render()
}

// cleanCells is CleanText on every cell, for scenario text in a table.
func cleanCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = CleanText(c)
	}
	return out
}
