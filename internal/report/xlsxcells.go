package report

import (
	"fmt"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Fills of the conditional formats of the cells sheet.
const (
	fillBelowFloor   = "F4B6B6" // red: below its floor
	fillBelowHealthy = "FCE4A8" // amber: a heart cell below healthy
)

// cellsSheet writes a plan's coverage by function (rows) and region
// (columns), a block per period, conditionally formatted: a cell below its
// floor (column C) red, a heart cell below the healthy heart (cell B3)
// amber. The rules read those cells, so a reader who changes a threshold
// sees the sheet follow. A function without demand in a region shows "-".
// Each cell shows the coverage as the text views print it (coverageCell),
// a formula over the same cell in the "(exact)" columns at the right,
// which hold the coverage itself, as the Plan sheet's heart does over
// its "heart (exact)".
func (b *book) cellsSheet(sheet string, p *plan.Plan) {
	g := &grid{b: b, sheet: sheet, currency: p.Currency, row: 1}
	g.title(p.Scenario + ": coverage by function and region")
	g.note("Red: below the function's floor. Amber: a heart function below the healthy heart in that region; a period is healthy when no heart cell is.")
	b.cell(sheet, 1, g.row, "healthy heart", KindText, roleBody, "")
	b.cell(sheet, 2, g.row, p.HealthyHeart, percentKind(plan.ThresholdDecimals(p.HealthyHeart)), roleBody, "")
	healthyRef := fmt.Sprintf("$B$%d", g.row)
	g.row++
	// Under the healthy heart, which stays in B3.
	if belowHealthyCell(p) {
		g.note("A heart cell below healthy is shown rounded down to a tenth of a point, as cardio prints it everywhere (89.96% is 89.9%, never 90.0% and below healthy); the exact coverage of every cell is in the (exact) columns at the right.")
	}
	if finerCell(p) {
		g.note("A cell that a tenth of a point would show on the wrong side of the healthy heart or its floor, given with more decimals, is shown with their decimals, rounded down, as cardio prints it (a cell at 85.56% beside a floor of 85.55% is 85.56%, not 85.5%).")
	}
	floorStyle, err := b.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillBelowFloor}}})
	if err != nil {
		b.err = err
		return
	}
	healthyStyle, err := b.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillBelowHealthy}}})
	if err != nil {
		b.err = err
		return
	}
	for _, per := range p.Periods {
		g.skip()
		section := per.Label
		if w := per.WeakestHeart; w != nil {
			// As the text view's legend says it ("lowest heart
			// coverage: ..."), the words in parentheses after the period.
			section = per.Label + " (lowest heart coverage: " + lowestHeart(p, per, w) + ")"
		}
		g.section(section)
		labels := []string{"function", "class", "floor"}
		for _, reg := range per.Regions {
			labels = append(labels, reg.Name)
		}
		for _, reg := range per.Regions {
			labels = append(labels, reg.Name+" (exact)")
		}
		g.header(labels...)
		for _, fn := range per.Functions {
			r := g.row
			row := []typed{txt(fn.ID), txt(fn.Class), thresholdPct(fn.MinCoverage)}
			var exact []typed
			for k, reg := range per.Regions {
				c := per.Cell(fn.ID, reg.ID)
				if c == nil {
					row, exact = append(row, txt("-")), append(exact, txt("-"))
					continue
				}
				row = append(row, thresholdCell(ref(4+len(per.Regions)+k, r), c, p.HealthyHeart, healthyRef, ref(3, r)))
				exact = append(exact, typed{v: c.Coverage, k: KindPercentExact})
			}
			g.body(append(row, exact...)...)
			if len(per.Regions) == 0 {
				continue
			}
			first, _ := excelize.CoordinatesToCellName(4, r)
			last, _ := excelize.CoordinatesToCellName(3+len(per.Regions), r)
			// A millionth below the threshold: round-off is not a breach.
			rules := []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: "<", Value: fmt.Sprintf("$C%d-0.000001", r), Format: &floorStyle, StopIfTrue: true}}
			if b.err == nil {
				b.err = b.f.SetConditionalFormat(sheet, first+":"+last, rules)
			}
			if fn.Class != "heart" {
				continue
			}
			// Below healthy beyond the cell's own tolerance (plan.CellTol),
			// as the plan decides whether the period is healthy: a heart
			// cell the later stages hold a little under healthy is not
			// amber. The floor's rule stops at a cell below its floor.
			for k, reg := range per.Regions {
				c := per.Cell(fn.ID, reg.ID)
				if c == nil || b.err != nil {
					continue
				}
				tol := strconv.FormatFloat(max(1e-6, c.HealthyTol()), 'g', -1, 64)
				ref, _ := excelize.CoordinatesToCellName(4+k, r)
				b.err = b.f.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{
					{Type: "cell", Criteria: "<", Value: healthyRef + "-" + tol, Format: &healthyStyle}})
			}
		}
	}
	b.finish(sheet, 1, 0)
}

// coverageCell is the cell of a function's coverage x, in a region or
// over all regions, or of a region's heart x, as the text views print it
// (plan.ShownCoverage), a formula over the cell exact, which holds x
// itself: x, which the cell's 0.0% rounds to the nearest tenth, but a
// heart cell, function or region below healthy (below) ROUNDDOWN to the tenth of a point, within the
// billionth ShownCoverage allows a step's binary form, so that 89.96%
// reads 89.9% and never the healthy 90.0% it misses (as heartCell shows
// a heart that is not healthy). The verdict is the plan's (BelowHealthy),
// as it is for the amber the Cells sheet's rules paint: a cell below
// healthy is shown at or under its coverage, so it stays amber.
func coverageCell(exact string, x float64, below bool) typed {
	if !below {
		return calc(exact, x, KindPercent)
	}
	return calc("ROUNDDOWN("+exact+"+0.000000001,3)", plan.ShownCoverage(x, true), KindPercent)
}

// heartCoverageCell is a heart function's coverage over all regions, or a
// region's heart, as the text views print it (heartPercentOf): below
// healthy rounded down (coverageCell); counted healthy, as a healthy heart
// score reads against the threshold (heartCell): past a tenth, at the
// threshold's decimals, never below it.
func heartCoverageCell(exact string, x float64, below bool, healthy float64) typed {
	if _, d := plan.HeartReadAgainst(x, below, healthy); d == 1 {
		return coverageCell(exact, x, below)
	}
	return heartCell(exact, x, true, healthy)
}

// thresholdCell is the Cells sheet's cell c, a formula over its exact
// coverage (the cell exact), as the coverage table prints it beside the
// healthy heart (healthy, in the cell healthyRef) and its floor (in the
// cell floorRef) (plan.Cell.ShownAgainst): coverageCell, unless a tenth
// of a point reads on the wrong side of one of them; then ROUNDDOWN to
// their decimals, within a millionth of a step as plan's downAt, the
// coverage taken at healthy when it counts as healthy below it, and at
// its floor when it counts as at its floor above it.
func thresholdCell(exact string, c *plan.Cell, healthy float64, healthyRef, floorRef string) typed {
	x, d := c.ShownAgainst(healthy)
	if d == 1 {
		return coverageCell(exact, c.Coverage, c.BelowHealthy)
	}
	inner := exact
	if c.Class == "heart" && !c.BelowHealthy && c.Coverage < healthy && x >= plan.ShownThreshold(healthy) {
		inner = "MAX(" + inner + "," + healthyRef + ")"
	}
	if c.AtFloor() && c.Coverage > c.MinCoverage {
		inner = "MIN(" + inner + "," + floorRef + ")"
	}
	return calc(downAtFormula(inner, d), x, percentKind(d))
}

// downAtFormula is the formula of plan's downAt over the fraction the
// formula inner gives: ROUNDDOWN at d decimals of a percentage, within a
// millionth of a step, so that a step's binary form reads as that step.
// The slack is written without an exponent, which excelize's calculation
// does not read (1e-10 gave #NAME?).
func downAtFormula(inner string, d int) string {
	slack := strconv.FormatFloat(1e-6*math.Pow10(-(d+2)), 'f', -1, 64)
	return fmt.Sprintf("ROUNDDOWN(%s+%s,%d)", inner, slack, d+2)
}

// finerCell reports whether some cell of p prints with more than one
// decimal (plan.Cell.ShownAgainst): then the Cells sheet says why.
func finerCell(p *plan.Plan) bool {
	return anyItem(p, cellsOf, func(c *plan.Cell) bool { _, d := c.ShownAgainst(p.HealthyHeart); return d > 1 })
}

// belowHealthyCell reports whether some heart cell of p is below healthy:
// then the cells sheet says how it shows one.
func belowHealthyCell(p *plan.Plan) bool {
	return anyItem(p, cellsOf, func(c *plan.Cell) bool { return c.BelowHealthy })
}

// functionBelowHealthy reports whether some heart function of p is below
// healthy over all regions: then the Plan sheet says how it shows one.
func functionBelowHealthy(p *plan.Plan) bool {
	return anyItem(p, func(per *plan.Period) []plan.Function { return per.Functions }, func(f *plan.Function) bool { return f.BelowHealthy })
}

// regionBelowHealthy reports whether some region's heart in p is below
// healthy: then the Plan sheet says how it shows one.
func regionBelowHealthy(p *plan.Plan) bool {
	return anyItem(p, func(per *plan.Period) []plan.Region { return per.Regions }, func(r *plan.Region) bool { return r.BelowHealthy })
}

func cellsOf(per *plan.Period) []plan.Cell { return per.Cells }

// anyItem reports whether ok holds for some item of some period of p,
// items giving a period's items (its cells, functions or regions): the
// sheets' notes are written only when one of them needs it.
func anyItem[T any](p *plan.Plan, items func(*plan.Period) []T, ok func(*T) bool) bool {
	for i := range p.Periods {
		s := items(&p.Periods[i])
		for k := range s {
			if ok(&s[k]) {
				return true
			}
		}
	}
	return false
}
