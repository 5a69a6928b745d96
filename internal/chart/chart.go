// Package chart is cardio's pictures: a chart as data (panels of series,
// reference lines and heatmaps, with titles, axis labels and units), built
// from plans, sweeps and comparisons, and drawn as SVG or PNG with
// gonum.org/v1/plot.
//
// The data model knows nothing of the command line or of HTML: the HTML
// report inlines the SVG, `cardio chart` writes SVG or PNG files, and a
// workbench can serve the same charts or their data. Colours follow the
// Okabe-Ito palette, readable by colour-blind readers; each series also
// has its own dash pattern and point shape, so that a chart printed in grey
// still tells them apart.
package chart

import "errors"

// Kind names a chart, as `cardio chart KIND` takes it.
type Kind string

// The charts of one plan, of a sweep and of several plans.
const (
	HeartBrain Kind = "heart-brain" // heart and brain by period, the healthy line, the weakest heart function
	Coverage   Kind = "coverage"    // coverage of each function by period (and region) as a heatmap
	Spend      Kind = "spend"       // spend by period, stacked, against the budget
	FTE        Kind = "fte"         // central and local FTE by period, and the central share within its bounds
	WhatIf     Kind = "whatif"      // heart and brain against a varied input
	Compare    Kind = "compare"     // each metric by period, one series per scenario

	// The charts of cardio risk and cardio review, drawn in their HTML
	// and XLSX views (not by cardio chart, which plans a scenario once).
	RiskFan        Kind = "risk-fan"        // heart and brain by period: the P10-P90 band and the P50 line
	Tornado        Kind = "tornado"         // a bar per uncertain input: the mean heart and brain from its P10 to its P90
	ReviewPeriods  Kind = "review"          // planned against actual by past period: heart, FTE and spend
	ReviewVariance Kind = "review-variance" // actual less planned FTE per function in the last actual period
)

// Kinds are the charts `cardio chart` draws, in the order help shows them.
var Kinds = []Kind{HeartBrain, Coverage, Spend, FTE, WhatIf, Compare}

// ErrKind is returned for a chart kind that does not exist.
var ErrKind = errors.New("chart: unknown kind")

// ErrNoData is returned for a chart of a plan without periods (an
// infeasible scenario) or a sweep without a plan at any point.
var ErrNoData = errors.New("chart: nothing to draw")

// UnitKind says how the numbers of an axis are written.
type UnitKind int

// Units of an axis.
const (
	Number  UnitKind = iota // a plain number
	Percent                 // a fraction 0..1, written as 0%..100%
	Money                   // an amount in Unit.Currency
	People                  // FTE, one decimal
)

// Unit is the unit of an axis.
type Unit struct {
	Kind     UnitKind
	Currency string // of Money
}

// Chart is one picture: a title and one or more panels drawn one above
// the other, sharing the width.
type Chart struct {
	Kind  Kind
	Title string
	// Panels are drawn top to bottom; most charts have one.
	Panels []Panel
}

// Panel is one set of axes.
type Panel struct {
	Title  string
	XLabel string
	YLabel string
	X      Unit // of a numeric x axis (Categories empty)
	Y      Unit
	// Categories, when set, make the x axis categorical: point i of every
	// series is at Categories[i] (a period label), and X of the series is
	// ignored.
	Categories []string
	// TickGroups, when set, holds the group of each category (or of each
	// column of a heatmap): the fiscal quarter of a month. The axis is
	// then labelled at each group's first category with its name, as many
	// as fit, and every category is a minor tick; a heatmap by period and
	// region names each group above its columns instead of the periods
	// (Heatmap.Groups), a mark between two groups. A few categories (six
	// months or fewer: namesEach) are each named as well, the groups'
	// names under or above theirs.
	TickGroups []string
	// YMin and YMax fix the y axis when YFixed; otherwise it fits the data.
	YMin, YMax float64
	YFixed     bool
	Series     []Series
	Lines      []RefLine
	// Heat, when set, makes the panel a heatmap; Series and Lines are
	// then not drawn.
	Heat *Heatmap
	// Horizontal puts the Categories on the y axis, the first on top, and
	// the values on the x axis in the unit X: a tornado. Its series are
	// Spans; its Lines are vertical whatever their Vertical.
	Horizontal bool
}

// SeriesType is how a series is drawn.
type SeriesType int

// Series types.
const (
	Line    SeriesType = iota // a line with a point at each value
	Bar                       // bars, side by side with the panel's other bars
	Stacked                   // bars stacked on the panel's previous Stacked series
	Points                    // points only, with Notes beside them
	Band                      // the area between Y (low) and High, as a P10-P90 band
	Span                      // on a Horizontal panel, a bar from Y to High, side by side with the panel's other Spans
)

// Series is one named sequence of points.
type Series struct {
	Name string
	Type SeriesType
	X    []float64 // numeric x; unused on a categorical axis
	Y    []float64 // NaN: no value at this point
	// High is the other end of a Band or a Span, point by point.
	High []float64
	// EndMark, on a Span, marks the High end of each bar with a tick and
	// names that end in the legend ("at the input's P90").
	EndMark string
	// Notes, when set, label the points (the weakest function's name).
	Notes []string
	// NoteNames, when set, is the name each note starts with (the
	// function id of "territories and 2 more"; "" for a note that names
	// none): a note too long for the plot is cut in its name, in the
	// middle, the rest of the note kept whole (Panel.labels).
	NoteNames []string
}

// RefLine is a horizontal (Vertical false) or vertical reference line at
// Value, such as the healthy heart or the scenario's own value of a
// varied input.
type RefLine struct {
	Label    string
	Value    float64
	Vertical bool
}

// Heatmap is a grid of fractions: a row per function, a column per period
// or per period and region, each cell coloured by its value and written in
// it.
type Heatmap struct {
	Columns []string
	// Groups, when set, is the label above each column (the period of a
	// period × region column); equal neighbours are one group.
	Groups []string
	Rows   []HeatRow
}

// HeatRow is one row of a heatmap.
type HeatRow struct {
	Label string
	Class string // heart or brain: rows of a class are drawn together
	// Floor is the least coverage allowed; a cell at or below it is
	// outlined.
	Floor float64
	// Cells hold one value per column; NaN for no demand.
	Cells []float64
	// Reads, when not nil, holds the coverage each cell's label reads as,
	// where it differs from Cells: the plan's ranked coverage
	// (plan.Cell.Ranked, plan.Function.Ranked), healthy for a heart cell
	// within its tolerance of healthy, as the plan's tables print it.
	Reads []float64
}
