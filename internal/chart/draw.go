package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"regexp"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Default sizes of a chart, in pixels (CSS pixels in SVG, image pixels in
// PNG).
const (
	DefaultWidth  = 860
	DefaultHeight = 380
	// MaxSide bounds a side asked for: a PNG of 20000 x 20000 pixels is
	// 1.6 GB of memory.
	MaxSide = 8000
	// MinWidth and MinHeight are the smallest chart drawn. Narrower, the
	// axes, row labels and legend leave the data too little room: at the
	// 200 pixels allowed in earlier versions heart and brain's legend
	// and axis took the whole width and no line was drawn, and a heatmap
	// of coverage by region kept a fifth of 400 pixels for its cells. At
	// 440 every chart keeps a third of its width or more for its data
	// (TestChartsLegibleAtMinWidth).
	MinWidth  = 440
	MinHeight = 150
	// pngDPI: PNG pixels per inch. Sizes are given in pixels; the drawing
	// is in points (1/72 inch), so a 10 pt label is 13 pixels high, as in
	// a browser.
	pngDPI = 96
)

// ErrSize is returned for a width or height out of range.
var ErrSize = errors.New("chart: size out of range")

// Palette is Okabe and Ito's palette for colour-blind readers (Okabe, Ito:
// Color Universal Design, 2008), without its yellow, which is too light on
// white paper; black comes last.
var Palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
}

// dashes are the series' line patterns, so that grey print tells the
// series apart as well as the colours do.
var dashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}, {vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}}

// glyphs are the series' point shapes, for the same reason.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PlusGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{}, draw.PyramidGlyph{}}

// seriesGlyph is the point shape of the i-th series of a panel. It moves
// on by one each time the colours start over, so that no two of the first
// len(Palette)*len(glyphs) series share both colour and shape: the eighth
// of nine scenarios compared (the baseline with ranges) was drawn blue
// with circles, as the first (the baseline) is.
func seriesGlyph(i int) draw.GlyphDrawer {
	return glyphs[(i+i/len(Palette))%len(glyphs)]
}

var (
	grey      = color.RGBA{0x55, 0x55, 0x55, 0xFF}
	lightGrey = color.RGBA{0xDD, 0xDD, 0xDD, 0xFF}
)

// SeriesColor is the colour of the i-th series of a panel; the HTML report
// and the tests read it.
func SeriesColor(i int) color.RGBA { return Palette[i%len(Palette)] }

// Hex writes a colour as SVG does: #rrggbb.
func Hex(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// textWidth is the width of s in f.
func textWidth(f font.Font, s string) vg.Length {
	face := font.DefaultCache.Lookup(f, f.Size)
	return face.Width(s)
}

// WriteSVG draws the chart as an SVG document of width x height pixels.
// The same chart gives the same bytes.
func (c *Chart) WriteSVG(w io.Writer, width, height int) error {
	if err := checkSize(width, height); err != nil {
		return err
	}
	// 1 CSS pixel is 0.75 point; vgsvg works in points.
	wd, ht := vg.Length(width)*0.75, vg.Length(height)*0.75
	cv := vgsvg.New(wd, ht)
	if err := c.draw(draw.New(cv)); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return err
	}
	_, err := w.Write(fixSVG(buf.Bytes(), width, height))
	return err
}

// WritePNG draws the chart as a PNG image of width x height pixels.
func (c *Chart) WritePNG(w io.Writer, width, height int) error {
	if err := checkSize(width, height); err != nil {
		return err
	}
	px := vg.Inch / pngDPI
	cv := vgimg.NewWith(vgimg.UseWH(vg.Length(width)*px, vg.Length(height)*px), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
	if err := c.draw(draw.New(cv)); err != nil {
		return err
	}
	_, err := vgimg.PngCanvas{Canvas: cv}.WriteTo(w)
	return err
}

func checkSize(w, h int) error {
	if w < MinWidth || h < MinHeight || w > MaxSide || h > MaxSide {
		return fmt.Errorf("%w: %dx%d pixels; a chart is %dx%d to %dx%d", ErrSize, w, h, MinWidth, MinHeight, MaxSide, MaxSide)
	}
	return nil
}

var (
	svgFont = regexp.MustCompile(`font-family:Liberation Sans;`)
	svgSize = regexp.MustCompile(`<svg width="[^"]*" height="[^"]*"`)
)

// fixSVG gives the SVG its size in pixels and a font list a browser has:
// gonum names the font it measured the text with (Liberation Sans, whose
// metrics Arial and Helvetica share), and a browser without it would fall
// back to a serif face.
func fixSVG(b []byte, width, height int) []byte {
	b = svgFont.ReplaceAll(b, []byte(`font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`))
	b = svgSize.ReplaceAll(b, []byte(fmt.Sprintf(`<svg width="%d" height="%d"`, width, height)))
	return b
}

// draw lays the chart out on a canvas: the title on top, then the panels
// one above the other, each with its legend on the right.
func (c *Chart) draw(dc draw.Canvas) error {
	if len(c.Panels) == 0 {
		return ErrNoData
	}
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	area := dc
	width := dc.Max.X - dc.Min.X
	if c.Title != "" {
		// A title wider than the picture (the comparison of nine
		// scenarios names them all) is wrapped at its spaces: centred on
		// one line it ran off both sides.
		sty := text.Style{Color: color.Black, Font: sans(13, true), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
		title := wrapWords(c.Title, sty.Font, width-2*titleMargin)
		dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - 6}, title)
		area = draw.Crop(dc, 0, 0, 0, -sty.Height(title)-12)
	}
	// A legend takes at most a third of the picture's width, its longer
	// names wrapped: a long scenario name in one line left the plots a
	// quarter of the width, and a longer one would run off the picture.
	drawn := *c
	drawn.Panels = make([]Panel, len(c.Panels))
	legendW := vg.Length(0)
	for i, p := range c.Panels {
		drawn.Panels[i] = p.legendWrapped(width/3 - legendThumbRoom)
		legendW = max(legendW, legendWidth(drawn.Panels[i]))
	}
	plots, legends, canvases, tiles, err := drawn.layout(area, legendW)
	if err != nil {
		return err
	}
	for i := range plots {
		plots[i].Draw(canvases[i])
		if leg := legends[i]; leg != nil {
			tile := tiles.At(area, 0, i)
			leg.Draw(draw.Crop(tile, tile.Max.X-tile.Min.X-legendW+4, 0, 0, 0))
		}
	}
	return nil
}

// layout builds the panels' plots and legends and the canvas of each plot
// in area, one tile of tiles per panel, legendW left free on the right
// for the legends. Panels one above the other share their periods: their
// plots are aligned (plot.Align), so that a period sits at the same x in
// each, whatever the width of a panel's tick labels ("$1.60M" against
// "100%").
func (c *Chart) layout(area draw.Canvas, legendW vg.Length) ([]*plot.Plot, []*plot.Legend, []draw.Canvas, draw.Tiles, error) {
	tiles := draw.Tiles{Rows: len(c.Panels), Cols: 1, PadY: 8, PadBottom: 4, PadLeft: 4, PadRight: 6}
	grid := make([][]*plot.Plot, len(c.Panels))
	legends := make([]*plot.Legend, len(c.Panels))
	for i, p := range c.Panels {
		tile := tiles.At(area, 0, i)
		pl, leg, err := p.plot(tile.Max.X - tile.Min.X - legendW)
		if err != nil {
			return nil, nil, nil, tiles, err
		}
		grid[i], legends[i] = []*plot.Plot{pl}, leg
	}
	aligned := plot.Align(grid, tiles, draw.Crop(area, 0, -legendW, 0, 0))
	plots, canvases := make([]*plot.Plot, len(grid)), make([]draw.Canvas, len(grid))
	for i := range grid {
		plots[i], canvases[i] = grid[i][0], aligned[i][0]
	}
	return plots, legends, canvases, tiles, nil
}

// titleMargin is the least room left either side of a chart's title;
// legendThumbRoom what a legend entry takes besides its name (the
// thumbnail, the padding and the gap before the plot).
const (
	titleMargin     = vg.Length(6)
	legendThumbRoom = vg.Length(40)
)

// legendWidth is the room a panel's legend needs on the right.
func legendWidth(p Panel) vg.Length {
	f := legendFont()
	w := vg.Length(0)
	for _, n := range legendNames(p) {
		for _, line := range strings.Split(n, "\n") {
			w = max(w, textWidth(f, line))
		}
	}
	if w == 0 {
		return 0
	}
	return w + legendThumbRoom
}

func legendFont() font.Font { return sans(9, false) }

// legendWrapped is the panel with the names its legend shows wrapped to
// room: the series' names, their end marks and the reference lines'
// labels. The panel's own slices are not changed.
func (p Panel) legendWrapped(room vg.Length) Panel {
	f := legendFont()
	p.Series = append([]Series(nil), p.Series...)
	for i := range p.Series {
		p.Series[i].Name = wrapWords(p.Series[i].Name, f, room)
		p.Series[i].EndMark = wrapWords(p.Series[i].EndMark, f, room)
	}
	p.Lines = append([]RefLine(nil), p.Lines...)
	for i := range p.Lines {
		p.Lines[i].Label = wrapWords(p.Lines[i].Label, f, room)
	}
	return p
}

// addEntry adds a legend entry named name, its thumbnails beside its
// first line and each further line of a wrapped name (legendWrapped) an
// entry without one below it: gonum's legend gives every entry the height
// of its tallest, so that one name on three lines spaced every entry three
// lines apart and ran the legend off the panel.
func addEntry(leg *plot.Legend, name string, thumbs ...plot.Thumbnailer) {
	for i, line := range strings.Split(name, "\n") {
		if i == 0 {
			leg.Add(line, thumbs...)
		} else {
			leg.Add(line)
		}
	}
}

// wrapWords breaks s into lines of at most room wide in f, at its spaces;
// a word wider than room stands on a line of its own.
func wrapWords(s string, f font.Font, room vg.Length) string {
	if s == "" || textWidth(f, s) <= room {
		return s
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case textWidth(f, line+" "+w) <= room:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

func legendNames(p Panel) []string {
	var ns []string
	if p.Heat != nil {
		return []string{"100%", "75%", "50%", "25%", "0%", "no demand", "at its floor"}
	}
	for _, s := range p.Series {
		ns = append(ns, s.Name)
		if s.EndMark != "" {
			ns = append(ns, s.EndMark)
		}
	}
	for _, l := range p.Lines {
		ns = append(ns, l.Label)
	}
	return ns
}

// plot turns a panel into a gonum plot and its legend; width is the room
// for the plot, which sizes the bars.
func (p Panel) plot(width vg.Length) (*plot.Plot, *plot.Legend, error) {
	pl := plot.New()
	pl.Title.Text = p.Title
	pl.Title.TextStyle.Font = sans(11, true)
	pl.X.Label.Text, pl.Y.Label.Text = p.XLabel, p.YLabel
	for _, ax := range []*plot.Axis{&pl.X, &pl.Y} {
		ax.Label.TextStyle.Font = sans(10, false)
		ax.Tick.Label.Font = sans(9, false)
	}
	leg := plot.NewLegend()
	leg.TextStyle.Font = legendFont()
	leg.Top, leg.Left = true, true
	leg.ThumbnailWidth = vg.Points(22)
	leg.Padding = vg.Points(2)
	if p.Heat != nil {
		if err := p.heatmap(pl, &leg, width); err != nil {
			return nil, nil, err
		}
		return pl, &leg, nil
	}
	if p.Horizontal {
		if err := p.horizontal(pl, &leg); err != nil {
			return nil, nil, err
		}
		return pl, &leg, nil
	}
	n := len(p.Categories)
	if n > 0 {
		pl.X.Min, pl.X.Max = -0.5, float64(n)-0.5
		pl.X.Tick.Marker = groupTicks(p.Categories, p.TickGroups, pl.X.Tick.Label, width-axisRoom)
		if len(p.TickGroups) == n && namesEach(p.Categories, pl.X.Tick.Label, width-axisRoom) {
			pl.X.Label.Text = eachNamedAxis(p.XLabel)
		}
	} else {
		pl.X.Tick.Marker = unitTicks{p.X}
	}
	pl.Y.Tick.Marker = unitTicks{p.Y}
	pl.Add(plotter.NewGrid())

	// Bars: side by side for Bar, on top of each other for Stacked.
	var bars, stacked []int
	for i, s := range p.Series {
		switch s.Type {
		case Bar:
			bars = append(bars, i)
		case Stacked:
			stacked = append(stacked, i)
		}
	}
	slots := len(bars)
	if len(stacked) > 0 {
		slots++
	}
	barW := vg.Length(0)
	if slots > 0 && n > 0 {
		barW = width * 0.7 / vg.Length(n) / vg.Length(slots)
	}
	var below *plotter.BarChart
	var nts []*notes
	slot := 0
	for i, s := range p.Series {
		col := SeriesColor(i)
		switch s.Type {
		case Bar, Stacked:
			vals := make(plotter.Values, len(s.Y))
			for k, y := range s.Y {
				if !math.IsNaN(y) {
					vals[k] = y
				}
			}
			b, err := plotter.NewBarChart(vals, barW)
			if err != nil {
				return nil, nil, err
			}
			b.Color = col
			b.LineStyle.Width = vg.Points(0.5)
			b.LineStyle.Color = color.White
			if s.Type == Stacked {
				if below != nil {
					b.StackOn(below)
				} else {
					b.Offset = offset(slot, slots, barW)
					slot++
				}
				below = b
			} else {
				b.Offset = offset(slot, slots, barW)
				slot++
			}
			pl.Add(b)
			addEntry(&leg, s.Name, b)
		case Band:
			poly, err := p.band(s, col)
			if err != nil {
				return nil, nil, err
			}
			if poly != nil {
				pl.Add(poly)
				addEntry(&leg, s.Name, poly)
			}
		case Line, Points:
			xys := p.xys(s)
			if len(xys) == 0 {
				continue
			}
			sc, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, nil, err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: seriesGlyph(i)}
			if s.Type == Points {
				// Larger than a line's points, so that a point on a line's
				// point (the weakest heart function at the heart's
				// score, when every heart function ties) shows around it.
				sc.GlyphStyle.Radius = vg.Points(5)
			}
			thumbs := []plot.Thumbnailer{sc}
			if s.Type == Line {
				ln, err := plotter.NewLine(xys)
				if err != nil {
					return nil, nil, err
				}
				ln.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(2), Dashes: dashes[i%len(dashes)]}
				pl.Add(ln)
				thumbs = append([]plot.Thumbnailer{ln}, thumbs...)
			}
			pl.Add(sc)
			if len(s.Notes) > 0 {
				nts = append(nts, p.labels(s, width-axisRoom))
			}
			addEntry(&leg, s.Name, thumbs...)
		}
	}
	if p.YFixed {
		pl.Y.Min, pl.Y.Max = p.YMin, p.YMax
	}
	if !p.YFixed {
		if pl.Y.Min > 0 && p.Y.Kind != Percent {
			pl.Y.Min = 0 // money and FTE start at zero: bars and lines read as amounts
		}
		pl.Y.Max += 0.08 * (pl.Y.Max - pl.Y.Min) // room above the highest bar for a line at it
	}
	for k, l := range p.Lines {
		var xys plotter.XYs
		if l.Vertical {
			xys = plotter.XYs{{X: l.Value, Y: pl.Y.Min}, {X: l.Value, Y: pl.Y.Max}}
		} else {
			xys = plotter.XYs{{X: pl.X.Min, Y: l.Value}, {X: pl.X.Max, Y: l.Value}}
		}
		ln, err := plotter.NewLine(xys)
		if err != nil {
			return nil, nil, err
		}
		ln.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(2 + 2*float64(k))}}
		pl.Add(ln)
		addEntry(&leg, l.Label, ln)
	}
	if pl.Y.Max <= pl.Y.Min {
		pl.Y.Max = pl.Y.Min + 1
	}
	for _, nt := range nts {
		if nt != nil {
			pl.Add(nt) // last: a note's ground covers the lines
		}
	}
	return pl, &leg, nil
}

func offset(slot, slots int, w vg.Length) vg.Length {
	return (vg.Length(slot) - vg.Length(slots-1)/2) * w
}

// xys are a series' points with a value.
func (p Panel) xys(s Series) plotter.XYs {
	var xys plotter.XYs
	for k, y := range s.Y {
		if math.IsNaN(y) {
			continue
		}
		x := float64(k)
		if len(p.Categories) == 0 {
			if k >= len(s.X) {
				break
			}
			x = s.X[k]
		}
		xys = append(xys, plotter.XY{X: x, Y: y})
	}
	return xys
}

// labels are a series' notes beside its points, room wide, clear of the
// panel's lines where they can be (notes). On a categorical axis a note
// the point before has already is left out (a run of periods with the
// same weakest function is named once, at its start), and so is one that
// would run into the note drawn before it.
func (p Panel) labels(s Series, room vg.Length) *notes {
	nt := &notes{style: noteStyle(), refs: p.Lines}
	n := len(p.Categories)
	drawn := shortNotes(s, nt.style, room)
	lastX, lastW := math.Inf(-1), vg.Length(0)
	for k, y := range s.Y {
		if math.IsNaN(y) || k >= len(s.Notes) {
			continue
		}
		x := float64(k)
		if n == 0 {
			x = s.X[k]
		} else {
			if k > 0 && s.Notes[k] == s.Notes[k-1] && !math.IsNaN(s.Y[k-1]) {
				continue
			}
			// Centred notes overlap when their centres are closer than
			// half their widths together (and a little space).
			w := nt.style.Width(drawn[k])
			if vg.Length(x-lastX)*room/vg.Length(n) < (w+lastW)/2+noteGap {
				continue
			}
			lastX, lastW = x, w
		}
		nt.xys = append(nt.xys, plotter.XY{X: x, Y: y})
		nt.labels = append(nt.labels, drawn[k])
	}
	if len(nt.xys) == 0 {
		return nil
	}
	for _, o := range p.Series {
		if o.Type == Line {
			nt.lines = append(nt.lines, p.xys(o))
		}
	}
	return nt
}

// shortNotes are s's notes as drawn in a plot room wide: a note wider
// than a third of the room, or than maxSlanted, has its name
// (Series.NoteNames) cut in the middle (shortenAll), the rest of the note
// ("and 9 more") kept whole, each name the same way wherever it stands and
// no two names alike. A function id of 60 characters ran the weakest
// heart function's note into the legend, and off a narrow picture.
func shortNotes(s Series, style text.Style, room vg.Length) []string {
	out := append([]string(nil), s.Notes...)
	if len(s.NoteNames) != len(s.Notes) {
		return out
	}
	most := min(room/3, maxSlanted)
	var names []string
	rest := map[string]vg.Length{} // the widest rest of a name's notes
	for k, note := range s.Notes {
		name := s.NoteNames[k]
		if name == "" || !strings.HasPrefix(note, name) {
			continue
		}
		w, seen := rest[name]
		if !seen {
			names = append(names, name)
		}
		rest[name] = max(w, style.Width(note[len(name):]))
	}
	short := shortenAll(names, func(i int) vg.Length {
		r := rest[names[i]]
		// Not shorter than minShortName, its start and its end, where
		// the plot has that room beside the rest.
		return min(max(most-r, minShortName), room-r)
	}, style.Width)
	to := map[string]string{}
	for i, n := range names {
		to[n] = short[i]
	}
	for k, note := range s.Notes {
		if t, ok := to[s.NoteNames[k]]; ok && strings.HasPrefix(note, s.NoteNames[k]) {
			out[k] = t + note[len(s.NoteNames[k]):]
		}
	}
	return out
}

// axisRoom is about what the value axis, its labels and title take of a
// panel's width; noteGap the least space between two labels.
const (
	axisRoom = vg.Length(70)
	noteGap  = vg.Length(6)
)

// The numbers of categories one tick label may stand for, least first:
// months are labelled every month, quarter, half year, year...; quarters
// every quarter, half year, year...; other categories by any step.
var (
	labelSteps   = []int{1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 24, 50, 100}
	monthSteps   = []int{1, 3, 6, 12, 24, 36, 60, 120}
	quarterSteps = []int{1, 2, 4, 8, 12, 20, 40}
	monthLabel   = regexp.MustCompile(`^\d{4}-\d{2}$`)
	quarterLabel = regexp.MustCompile(`-Q[1-4]$`)
)

// labelStep is the least step that lets the labels of cs, every step-th
// of them, stand side by side within room without running into each
// other: 36 months on a page's chart are labelled every third, a quarter
// apart.
func labelStep(cs []string, style text.Style, room vg.Length) int {
	var w vg.Length
	months, quarters := true, true
	for _, c := range cs {
		w = max(w, style.Width(c))
		months = months && monthLabel.MatchString(c)
		quarters = quarters && quarterLabel.MatchString(c)
	}
	steps := labelSteps
	switch {
	case months:
		steps = monthSteps
	case quarters:
		steps = quarterSteps
	}
	for _, k := range steps {
		if vg.Length((len(cs)+k-1)/k)*(w+noteGap) <= room {
			return k
		}
	}
	return steps[len(steps)-1]
}

// categoryTicks are the ticks of a categorical axis, every step-th
// labelled from the first, the others marked without a label.
func categoryTicks(cs []string, step int) plot.ConstantTicks {
	ts := make([]plot.Tick, len(cs))
	for i, c := range cs {
		ts[i] = plot.Tick{Value: float64(i)}
		if i%step == 0 {
			ts[i].Label = c
		}
	}
	return ts
}

// fewPeriods is the most periods an axis grouped by quarter or year
// (Panel.TickGroups) names one by one as well: two quarters' months. A
// short run of months (a review of two to five past months, a plan of
// three to six) falls under one or two quarters' names, which do not tell
// a reader which month a bar is; a longer run names three quarters or
// more, between whose marks a month is counted, and its months' names
// would read as a calendar the tables do not use.
const fewPeriods = 6

// namesEach says whether a grouped axis of the categories cs (the
// months) names each of them as well as their groups: when there are at
// most fewPeriods of them and their names, in style, stand side by side
// in room. Every monthly chart asks it: the axis of the line and bar
// charts and of the heatmap by period (groupTicks), and the heatmap by
// region above its columns (heatPlotter).
func namesEach(cs []string, style text.Style, room vg.Length) bool {
	return len(cs) <= fewPeriods && labelStep(cs, style, room) == 1
}

// groupTicks are the ticks of a categorical axis whose categories fall
// in groups (Panel.TickGroups; none: categoryTicks, as many labelled as
// fit in room): each group's name at its first category, every category
// a minor tick. The names are thinned as a period axis is (every second
// quarter, or year, where they do not fit), and a first group the axis
// holds only part of (a horizon starting in the second month of a
// quarter) goes unnamed where its name would run into the next one. A
// short axis (namesEach) names every category as well, a group's name on
// the line under its first category's: 2027-04 over FY28-Q1, then
// 2027-05, 2027-06, and 2027-07 over FY28-Q2.
func groupTicks(cs, groups []string, style text.Style, room vg.Length) plot.ConstantTicks {
	if len(groups) != len(cs) {
		return categoryTicks(cs, labelStep(cs, style, room))
	}
	rs := runs(groups)
	names := runNames(rs)
	step := labelStep(names, style, room)
	ts := make(plot.ConstantTicks, len(cs)) // every category, none labelled yet
	for i := range ts {
		ts[i].Value = float64(i)
	}
	// From the last name back, so that a name which would run into the
	// one after it is the one left out: the first group's, when partial.
	per := room / vg.Length(len(cs))
	next, nextW := math.Inf(1), vg.Length(0)
	for k := len(rs) - 1; k >= 0; k-- {
		if k%step != 0 {
			continue
		}
		x, w := float64(rs[k].start), style.Width(names[k])
		if vg.Length(next-x)*per < (w+nextW)/2+noteGap {
			continue
		}
		ts[rs[k].start].Label = names[k]
		next, nextW = x, w
	}
	if namesEach(cs, style, room) {
		for i, c := range cs {
			// Every label of two lines, the second blank but under a
			// group's start: a label of one line is placed a little
			// lower than the first line of two, and the months' names
			// did not stand in a row.
			g := ts[i].Label
			if g == "" {
				g = " "
			}
			ts[i].Label = c + "\n" + g
		}
	}
	return ts
}

// unitTicks are gonum's default ticks written in a unit.
type unitTicks struct{ u Unit }

func (u unitTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = u.u.Format(ts[i].Value)
		}
	}
	return ts
}

// Format writes a value of an axis in its unit: 90%, $1.5M, 12.5.
func (u Unit) Format(x float64) string {
	switch u.Kind {
	case Percent:
		return trimZero(fmt.Sprintf("%.1f", 100*x)) + "%"
	case Money:
		return plan.FormatMoney(u.Currency, x)
	case People:
		return trimZero(fmt.Sprintf("%.1f", x))
	}
	return trimZero(fmt.Sprintf("%.2f", x))
}

// thresholdFormat writes a threshold a coverage is compared with (the
// healthy heart, a function's floor) as a percentage as given, with the
// decimals it needs (plan.ThresholdDecimals) and no needless zero: 90%,
// 85.55%, as the text views print it (where a floor of 0.8555 read 85.6%
// above the cells it is below).
func thresholdFormat(x float64) string {
	return trimZero(fmt.Sprintf("%.*f", plan.ThresholdDecimals(x), 100*plan.ShownThreshold(x))) + "%"
}

func trimZero(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// run is a stretch of a categorical axis whose categories, start to
// end-1, share a group's name (Panel.TickGroups, HeatMap.Groups: the
// months of one quarter).
type run struct {
	name       string
	start, end int
}

// runs are groups' stretches of one name, in order.
func runs(groups []string) []run {
	var rs []run
	for j, g := range groups {
		if j == 0 || g != groups[j-1] {
			rs = append(rs, run{name: g, start: j})
		}
		rs[len(rs)-1].end = j + 1
	}
	return rs
}

// runNames are the names of rs.
func runNames(rs []run) []string {
	names := make([]string, len(rs))
	for k, r := range rs {
		names[k] = r.name
	}
	return names
}
