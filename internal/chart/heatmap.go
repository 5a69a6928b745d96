package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Why not plotter.HeatMap: gonum's heat map is for a continuous grid (a
// palette over a numeric x and y, each cell an interval), with no text in
// the cells and no way to mark single cells. A coverage table is
// categorical (functions down, periods or period × region across), and a
// reader wants the number in each cell and the cells at their floor
// outlined. So the heatmap is a plotter of its own, drawing rectangles and
// text on plot's canvas: it still gets plot's axes, fonts and both the SVG
// and the PNG backends.

// viridis are stops of the viridis colour map (van der Walt, Smith: matplotlib,
// 2015): its lightness rises steadily from 0 to 1, so that it reads in grey
// print and by colour-blind readers.
var viridis = []color.RGBA{
	{0x44, 0x01, 0x54, 0xFF},
	{0x3B, 0x52, 0x8B, 0xFF},
	{0x21, 0x91, 0x8C, 0xFF},
	{0x5E, 0xC9, 0x62, 0xFF},
	{0xFD, 0xE7, 0x25, 0xFF},
}

// HeatColor is the colour of a coverage x in 0..1.
func HeatColor(x float64) color.RGBA {
	x = math.Max(0, math.Min(1, x))
	f := x * float64(len(viridis)-1)
	i := int(math.Floor(f))
	if i >= len(viridis)-1 {
		return viridis[len(viridis)-1]
	}
	t := f - float64(i)
	a, b := viridis[i], viridis[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + t*(float64(q)-float64(p)))) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
}

// atFloor reports whether a cell is at (or below) its row's floor.
func atFloor(x, floor float64) bool { return floor > 0 && x <= floor+plan.FloorTol }

func (p Panel) heatmap(pl *plot.Plot, leg *plot.Legend, width vg.Length) error {
	h := p.Heat
	if len(h.Rows) == 0 || len(h.Columns) == 0 {
		return ErrNoData
	}
	for _, r := range h.Rows {
		if len(r.Cells) != len(h.Columns) || r.Reads != nil && len(r.Reads) != len(r.Cells) {
			return fmt.Errorf("chart: heatmap row %s has %d cells (%d read) for %d columns", r.Label, len(r.Cells), len(r.Reads), len(h.Columns))
		}
	}
	n, m := len(h.Rows), len(h.Columns)
	pl.X.Min, pl.X.Max = -0.5, float64(m)-0.5
	// The row labels take at most a third of the width: a function id of
	// 57 characters took 40% of the page's chart, and at 600 pixels ran
	// off its left edge. A longer id is cut in the middle (shortenAll);
	// its floor is always written whole.
	rows := make([]plot.Tick, n)
	ids, floors := make([]string, n), make([]string, n)
	rowStyle := pl.Y.Tick.Label
	for i, r := range h.Rows {
		ids[i] = r.Label
		if r.Floor > 0 {
			floors[i] = fmt.Sprintf(" (floor %s)", thresholdFormat(r.Floor))
		}
	}
	ids = shortenAll(ids, func(i int) vg.Length { return width/3 - rowStyle.Width(floors[i]) }, rowStyle.Width)
	var rowW vg.Length
	for i := range h.Rows {
		lab := ids[i] + floors[i]
		rows[i] = plot.Tick{Value: float64(n - 1 - i), Label: lab}
		rowW = max(rowW, rowStyle.Width(lab))
	}
	pl.Y.Tick.Marker = plot.ConstantTicks(rows)
	room := width - rowW - axisRoom/2
	// Above the columns of a heatmap by region, a row for their periods'
	// names, or for their quarters' (Panel.TickGroups); for a few months
	// (namesEach), a row for each, the quarters' on top.
	quarters := len(h.Groups) > 0 && len(p.TickGroups) == m
	each := quarters && namesEach(runNames(runs(h.Groups)), pl.X.Tick.Label, room)
	if each {
		pl.X.Label.Text = eachNamedAxis(p.XLabel)
	}
	top := float64(n) - 0.5
	switch {
	case each:
		top += 2
	case len(h.Groups) > 0:
		top++
	}
	pl.Y.Min, pl.Y.Max = -0.5, top
	if len(h.Groups) > 0 {
		// Region names under narrow columns: slanted, so they do not run
		// into each other; two slanted labels a column apart overlap
		// unless the column is twice their height wide (sin 30° = 1/2).
		// A slanted name reaches left of its column, over the row labels:
		// where one would reach past them, off the picture ("North
		// America" read "America" beside short function ids), or the
		// columns are too narrow, the axis title names the regions in
		// their order instead, as they repeat in every period.
		//
		// A name longer than maxSlanted is cut in the middle: slanted
		// whole, a name of 50 characters took a third of the picture's
		// height from the cells.
		cols := shortenColumns(h.Columns, pl.X.Tick.Label, maxSlanted)
		if slantedFit(cols, pl.X.Tick.Label, rowW, room) {
			pl.X.Tick.Marker = categoryTicks(cols, 1)
			pl.X.Tick.Label.Rotation = math.Pi / 6
			pl.X.Tick.Label.XAlign, pl.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
		} else {
			// No tick per column either: hundreds of them would draw a
			// black bar; the white rules mark the periods.
			pl.X.Tick.Marker = plot.ConstantTicks(nil)
			// The title is centred under the cells: it fits within them.
			pl.X.Label.Text = regionsInOrder(h, pl.X.Label.TextStyle, room)
		}
	} else {
		// Periods across: as many labels as fit (every third of 36
		// months), beside the row labels and the axis title; months by
		// the quarters the tables roll them up to (groupTicks).
		pl.X.Tick.Marker = groupTicks(h.Columns, p.TickGroups, pl.X.Tick.Label, room)
		if len(p.TickGroups) == len(h.Columns) && namesEach(h.Columns, pl.X.Tick.Label, room) {
			pl.X.Label.Text = eachNamedAxis(p.XLabel)
		}
	}
	pl.Y.Padding, pl.X.Padding = 0, 0
	// A cell at its floor is outlined 2 points thick, 1.5 points inside
	// it: a narrower cell would be all outline, black as a cell at 0%.
	// There the outlines (and their legend) are left out; the tables and
	// the workbook's Cells sheet still mark them.
	outline := room/vg.Length(m) >= minOutlinedCell
	hp := heatPlotter{h: h, outline: outline}
	if quarters {
		hp.above, hp.each = p.TickGroups, each
	}
	pl.Add(hp)
	for _, x := range []float64{1, 0.75, 0.5, 0.25, 0} {
		addEntry(leg, Unit{Kind: Percent}.Format(x), swatch{fill: HeatColor(x)})
	}
	addEntry(leg, "no demand", swatch{fill: color.White, line: lightGrey})
	if outline {
		addEntry(leg, "at its floor", swatch{fill: color.White, line: color.Black, thick: true})
	}
	return nil
}

// slantedFit reports whether the names of columns, slanted by 30° and
// ending at their column's centre, stand clear of each other (a column
// at least twice their height wide) and each within the room left of its
// column: the row labels' width rowW and the columns before it, of the
// cells' width room. (A slanted name of width w and height h reaches
// w cos 30° + h/2 sin 30° left of its tick.)
func slantedFit(columns []string, style text.Style, rowW, room vg.Length) bool {
	colW := room / vg.Length(len(columns))
	ht := style.Height("Ag")
	if colW < 2*ht {
		return false
	}
	cos, sin := vg.Length(math.Cos(math.Pi/6)), vg.Length(math.Sin(math.Pi/6))
	for j, c := range columns {
		if style.Width(c)*cos+ht/2*sin > rowW+(vg.Length(j)+0.5)*colW {
			return false
		}
	}
	return true
}

// maxSlanted is the longest a region's name is drawn slanted under its
// column, about 24 characters: a longer one is cut in the middle.
const maxSlanted = vg.Length(120)

// shortenColumns is columns with each name wider than room cut in the
// middle (shortenAll), the same name the same way in every period.
func shortenColumns(columns []string, style text.Style, room vg.Length) []string {
	var names []string
	seen := map[string]bool{}
	for _, c := range columns {
		if !seen[c] {
			seen[c] = true
			names = append(names, c)
		}
	}
	short := shortenAll(names, func(int) vg.Length { return room }, style.Width)
	to := map[string]string{}
	for i, n := range names {
		to[n] = short[i]
	}
	out := make([]string, len(columns))
	for j, c := range columns {
		out[j] = to[c]
	}
	return out
}

// minOutlinedCell is the narrowest cell whose floor outline leaves some of
// its colour showing.
const minOutlinedCell = vg.Length(8)

// regionsInOrder is the axis title of a period × region heatmap whose
// columns are too narrow to name: the regions of the first period, left to
// right, as many as fit in width ("regions in each period, left to right:
// North America, EMEA, APAC").
func regionsInOrder(h *Heatmap, style text.Style, width vg.Length) string {
	var names []string
	for j := range h.Columns {
		if j > 0 && h.Groups[j] != h.Groups[0] {
			break
		}
		names = append(names, h.Columns[j])
	}
	// The shorter head leaves the names more room on a narrow chart.
	for _, head := range []string{"regions in each period, left to right: ", "regions, left to right: "} {
		if t, ok := regionsTitle(names, head, style, width); ok {
			return t
		}
	}
	return fmt.Sprintf("%d regions in each period", len(names))
}

// regionsTitle is head and as many of names as fit in width (ok), whole
// or else cut in the middle (shortenAll) to a share of the room each, but
// not shorter than minShortName: the names of 50 characters of a region
// each ran the title off the picture, which only one of them filled.
func regionsTitle(names []string, head string, style text.Style, width vg.Length) (string, bool) {
	title := func(ns []string, k int) string {
		t := head + strings.Join(ns[:k], ", ")
		if k < len(ns) {
			t += fmt.Sprintf(" and %d more", len(ns)-k)
		}
		return t
	}
	for k := len(names); k > 0; k-- {
		if t := title(names, k); style.Width(t) <= width {
			return t, true
		}
		rest := width - style.Width(title(make([]string, len(names)), k))
		each := rest / vg.Length(k)
		if each < minShortName {
			continue
		}
		short := shortenAll(names[:k], func(int) vg.Length { return each }, style.Width)
		if t := title(append(short, names[k:]...), k); style.Width(t) <= width {
			return t, true
		}
	}
	return "", false
}

// minShortName is the least room a region's name is cut to in the
// regions' title: about 16 characters, its start and its end.
const minShortName = vg.Length(80)

// heatPlotter draws a heatmap's cells on plot's axes: row i of n at
// y = n-1-i, column j at x = j.
type heatPlotter struct {
	h       *Heatmap
	outline bool // outline the cells at their floor
	// above, when set, names the longer period of each column (the
	// fiscal quarter of a month: Panel.TickGroups), named above the
	// columns in place of h.Groups, or, with each, above h.Groups
	// (namesEach: a few months, each named).
	above []string
	each  bool
}

func (hp heatPlotter) Plot(c draw.Canvas, pl *plot.Plot) {
	h := hp.h
	trX, trY := pl.Transforms(&c)
	n := len(h.Rows)
	// The numbers in the cells, at 8 points, or 6 where columns are
	// narrow, or none where even that would run into the next cell's:
	// the colour still reads, and the tables give every figure.
	font := sans(8, false)
	cellW := trX(0.5) - trX(-0.5)
	sty := pl.Y.Tick.Label
	sty.Font = font
	if sty.Width("100")+cellPad > cellW {
		font = sans(6, false)
		sty.Font = font
	}
	numbers := sty.Width("100")+cellPad <= cellW
	for i, r := range h.Rows {
		y := float64(n - 1 - i)
		for j, x := range r.Cells {
			rect := vg.Rectangle{
				Min: vg.Point{X: trX(float64(j) - 0.5), Y: trY(y - 0.5)},
				Max: vg.Point{X: trX(float64(j) + 0.5), Y: trY(y + 0.5)},
			}
			if math.IsNaN(x) {
				c.SetColor(lightGrey)
				c.SetLineWidth(vg.Points(0.5))
				c.Stroke(inset(rect, 1).Path())
				continue
			}
			col := HeatColor(x)
			c.SetColor(col)
			c.Fill(rect.Path())
			if hp.outline && atFloor(x, r.Floor) {
				c.SetColor(color.Black)
				c.SetLineWidth(vg.Points(2))
				c.SetLineDash(nil, 0)
				c.Stroke(inset(rect, 1.5).Path())
			}
			if !numbers {
				continue
			}
			ink := color.Color(color.Black)
			if x < 0.55 {
				ink = color.White
			}
			sty := pl.Y.Tick.Label
			sty.Font, sty.Color, sty.XAlign, sty.YAlign = font, ink, draw.XCenter, draw.YCenter
			if r.Reads != nil {
				x = r.Reads[j]
			}
			c.FillText(sty, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}, cellText(x))
		}
	}
	// A white rule between the heart and the brain rows, and between the
	// column groups, with the group's label above it.
	c.SetColor(color.White)
	c.SetLineWidth(vg.Points(3))
	for i := 1; i < n; i++ {
		if h.Rows[i].Class != h.Rows[i-1].Class {
			y := trY(float64(n-i) - 0.5)
			c.StrokeLine2(draw.LineStyle{Color: color.White, Width: vg.Points(3)}, trX(-0.5), y, trX(float64(len(h.Columns))-0.5), y)
		}
	}
	if len(h.Groups) == 0 {
		return
	}
	// The groups' labels, as many as fit side by side (every third of 36
	// months), as a period axis is labelled.
	gsty := pl.X.Tick.Label
	gsty.Font, gsty.Color, gsty.XAlign, gsty.YAlign, gsty.Rotation = sans(9, true), color.Black, draw.XCenter, draw.YCenter, 0
	rs := runs(h.Groups)
	// A white line after each group but the last, between its columns
	// and the next group's.
	after := func(r run) {
		if r.end < len(h.Groups) {
			x := trX(float64(r.end) - 0.5)
			c.StrokeLine2(draw.LineStyle{Color: color.White, Width: vg.Points(3)}, x, trY(-0.5), x, trY(float64(n)-0.5))
		}
	}
	if len(hp.above) == len(h.Columns) {
		for _, r := range rs {
			after(r)
		}
		band := float64(n) - 0.5 // the bottom of the quarters' names
		if hp.each {
			// Each month's name over its regions, in the tick labels'
			// face: the quarters' names, bold, are the groups above.
			msty := gsty
			msty.Font = pl.X.Tick.Label.Font
			for _, r := range rs {
				c.FillText(msty, vg.Point{X: (trX(float64(r.start)-0.5) + trX(float64(r.end)-0.5)) / 2, Y: trY(float64(n))}, r.name)
			}
			band++
		}
		aboveLabels(c, hp.above, gsty, trX, trY(band), trY(band+1))
		return
	}
	step := labelStep(runNames(rs), gsty, trX(float64(len(h.Columns))-0.5)-trX(-0.5))
	for k, r := range rs {
		after(r)
		if k%step == 0 {
			c.FillText(gsty, vg.Point{X: (trX(float64(r.start)-0.5) + trX(float64(r.end)-0.5)) / 2, Y: trY(float64(n))}, r.name)
		}
	}
}

// aboveLabels names the groups of a heatmap's columns (the quarters of
// its months) above them, in the band from y0 to y1: each group's name
// centred over all its columns, a dark mark between two groups, as the
// period axis of a monthly plan names its quarters at a major tick. The
// names are thinned as the axis's are (groupTicks: every second quarter,
// or year, where they do not fit), and from the last back a name that
// would run into the next one or past the cells is left out: a first
// quarter the horizon holds only part of, over too few columns.
func aboveLabels(c draw.Canvas, groups []string, style text.Style, trX func(float64) vg.Length, y0, y1 vg.Length) {
	spans := runs(groups)
	names := runNames(spans)
	left, right := trX(-0.5), trX(float64(len(groups))-0.5)
	mark := draw.LineStyle{Color: color.Black, Width: vg.Points(0.5)}
	for _, sp := range spans[1:] {
		x := trX(float64(sp.start) - 0.5)
		c.StrokeLine2(mark, x, y0, x, y1)
	}
	step := labelStep(names, style, right-left)
	limit := right
	for k := len(spans) - 1; k >= 0; k-- {
		if k%step != 0 {
			continue
		}
		mid := (trX(float64(spans[k].start)-0.5) + trX(float64(spans[k].end)-0.5)) / 2
		w := style.Width(names[k])
		if mid+w/2 > limit || mid-w/2 < left {
			continue
		}
		c.FillText(style, vg.Point{X: mid, Y: (y0 + y1) / 2}, names[k])
		limit = mid - w/2 - noteGap
	}
}

// cellText is a coverage in a cell: whole percent, rounded down so that a
// cell just under a threshold never shows the threshold, except within
// cellSlack of it, for round-off. A heart cell the plan counts as healthy
// though a little below it (within plan.CellTol: the lexicographic stages
// hold a cell at healthy only to their tolerance) comes here as healthy
// (HeatRow.Reads), so it does not read 89.
func cellText(x float64) string {
	return fmt.Sprintf("%.0f", math.Floor(100*x+cellSlack))
}

// cellSlack is how far below a whole percent, in percentage points, a
// coverage still shows as that percent: 1e-5 as a fraction, far above the
// stages' tolerance and far below anything a table prints.
const cellSlack = 1e-3

// cellPad is the least room beside a cell's number, within its cell.
const cellPad = vg.Length(2)

func inset(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X + d, Y: r.Min.Y + d}, Max: vg.Point{X: r.Max.X - d, Y: r.Max.Y - d}}
}

// swatch is a legend entry of the heatmap: a filled square, outlined.
type swatch struct {
	fill  color.Color
	line  color.Color
	thick bool
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	side := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y)
	r := vg.Rectangle{Min: c.Min, Max: vg.Point{X: c.Min.X + side, Y: c.Min.Y + side}}
	c.SetColor(s.fill)
	c.Fill(r.Path())
	if s.line != nil {
		w := vg.Points(0.5)
		if s.thick {
			w = vg.Points(2)
		}
		c.SetColor(s.line)
		c.SetLineWidth(w)
		c.SetLineDash(nil, 0)
		c.Stroke(inset(r, w/2).Path())
	}
}
