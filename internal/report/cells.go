package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// ErrPeriod is returned for a --period label the plan does not have.
var ErrPeriod = errors.New("report: unknown period")

// periodError is an unknown period label; its message, which users read,
// lists the labels there are and has no package prefix.
type periodError struct {
	label  string
	labels []string
}

func (e periodError) Error() string {
	return fmt.Sprintf("unknown period %q: use one of %s", e.label, strings.Join(e.labels, ", "))
}

func (e periodError) Is(target error) bool { return target == ErrPeriod }

// PlanView says how a table or Markdown shows a plan: Period is the period
// of the function x region view, a label, or "" for the weakest period
// (WeakestPeriod); By rolls the tables up to longer periods (nil: the
// plan's own). JSON and CSV carry every period and every period's cells.
type PlanView struct {
	Period string
	By     *RollUp
}

// periodIndex returns the index of the period the view shows. A label of
// one of By's groups (FY28-Q1 of a monthly plan shown by quarter) picks
// the weakest of its periods.
func (v PlanView) periodIndex(p *plan.Plan) (int, error) {
	if v.Period == "" {
		return WeakestPeriod(p), nil
	}
	var labels []string
	for t, per := range p.Periods {
		if per.Label == v.Period {
			return t, nil
		}
		labels = append(labels, per.Label)
	}
	if sp, ok := v.group(p); ok {
		sub := *p
		sub.Periods = p.Periods[sp.Start:sp.End]
		return sp.Start + WeakestPeriod(&sub), nil
	}
	return 0, periodError{v.Period, labels}
}

// group is the group of By that v.Period names, if it names one.
func (v PlanView) group(p *plan.Plan) (plan.Span, bool) {
	if v.Period == "" || !v.By.active(p) {
		return plan.Span{}, false
	}
	return v.By.Span(v.Period)
}

// WeakestPeriod is the index of the period whose weakest heart cell is the
// lowest (the first on a tie), or of the lowest heart when no period has a
// heart cell: where a reader should look first.
func WeakestPeriod(p *plan.Plan) int {
	best, low := 0, 2.0
	for t, per := range p.Periods {
		x := per.Heart
		if per.WeakestHeart != nil {
			x = per.WeakestHeart.Ranked()
		}
		if x < low-1e-9 {
			best, low = t, x
		}
	}
	return best
}

// Cell markers of the function x region view.
const (
	markBelowHealthy = "*" // a heart cell below healthy
	markAtFloor      = "!" // a cell at (or below) its floor: the floor binds
)

// writeCellView writes period t's coverage by function (rows, heart first)
// and region (columns), marking heart cells below healthy and cells at
// their floor; a function without demand in a region shows "-".
func writeCellView(tw *textWriter, p *plan.Plan, t int, v PlanView) {
	per := p.Periods[t]
	// The period is chosen by its weakest heart cell, not by its score:
	// "(the weakest quarter)" named a quarter whose heart and brain were
	// the highest when every cell sat at healthy.
	// Said without "cell", a solver's word: the lowest coverage of a heart
	// function in a region.
	which := "the " + periodNoun(p) + " of the lowest heart coverage"
	scope := p.Periods
	if sp, ok := v.group(p); ok {
		which = "the " + periodNoun(p) + " of " + v.Period + " with the lowest heart coverage"
		scope = p.Periods[sp.Start:sp.End]
	} else if v.Period != "" {
		which, scope = "as asked", nil
	}
	// Periods whose lowest heart coverage prints as this one's (counted
	// by the plan): the first is shown, and the heading says so ("the
	// quarter of the lowest heart coverage" singled out 2027-Q1 of the
	// baseline's four at 90.0%).
	if w := per.WeakestHeart; w != nil && len(scope) > 1 {
		tied, first := plan.PeriodsAsLow(scope, w)
		// The period shown is the lowest unrounded, which need not be
		// the first of those that print alike.
		the := "the first"
		if first != per.Label {
			the = "one"
		}
		noun := periodNoun(p)
		switch {
		case tied == len(scope) && the == "one":
			which = strings.Replace(which, "the "+noun+" ", "one "+noun+" ", 1) + fmt.Sprintf(": every %s is as low", noun)
		case tied == len(scope):
			which = strings.Replace(which, "the "+noun+" ", "the first "+noun+" ", 1) + fmt.Sprintf(": every %s is as low", noun)
		case tied > 1:
			which = strings.Replace(which, "the "+noun+" ", fmt.Sprintf("%s of %d %ss ", the, tied, noun), 1)
		}
	}
	head := fmt.Sprintf("Coverage by function and region in %s (%s)", per.Label, which)
	tw.heading(2, head)
	header := []string{"function", "class", "floor"}
	col := map[string]int{}
	for r, reg := range per.Regions {
		header = append(header, reg.Name)
		col[reg.Name] = r
	}
	cells := map[string][]plan.Cell{}
	for _, c := range per.Cells {
		cells[c.Function] = append(cells[c.Function], c)
	}
	var rows [][]string
	for _, fn := range per.Functions {
		floor := "-"
		if fn.MinCoverage > 0 {
			floor = ThresholdPercent(fn.MinCoverage)
		}
		row := []string{fn.ID, fn.Class, floor}
		vals := make([]string, len(per.Regions))
		for i := range vals {
			vals[i] = "-"
		}
		for _, c := range cells[fn.ID] {
			vals[col[c.Region]] = cellPercent(&c, p.HealthyHeart) + cellMarks(p, c)
		}
		rows = append(rows, append(row, vals...))
	}
	tw.table(header, rows)
	var legend []string
	legend = append(legend, fmt.Sprintf("%s below the healthy %s (heart functions)", markBelowHealthy, ThresholdPercent(p.HealthyHeart)))
	legend = append(legend, markAtFloor+" at or below its floor")
	if w := per.WeakestHeart; w != nil {
		legend = append(legend, "lowest heart coverage: "+lowestHeart(p, per, w))
	}
	tw.para(strings.Join(legend, "; ") + ".")
}

// lowestHeart words the period's weakest heart cell w with the heart
// cells of that period as low as it, as printed (counted by the plan,
// Period.WeakestHeartTies): "comp_admin in Americas at 90.0%, and 3 other
// heart functions in a region as low in this quarter", "every heart
// function at 90.0% in every region" (where "comp_admin in Americas"
// singled out one of four at 90.0%). "In this quarter" tells it from In
// short's count, over the whole horizon ("and 6 other heart functions in
// a region are as low in some quarter").
func lowestHeart(p *plan.Plan, per plan.Period, w *plan.Cell) string {
	others, all := per.WeakestHeartTies()
	at := cellPercent(w, p.HealthyHeart)
	switch {
	case all:
		where := ""
		if len(per.Regions) > 1 {
			where = " in every region"
		}
		return fmt.Sprintf("every heart function at %s%s", at, where)
	case others == 1:
		return fmt.Sprintf("%s in %s at %s, and 1 other heart function in a region as low in this %s", w.Function, w.Region, at, periodNoun(p))
	case others > 1:
		return fmt.Sprintf("%s in %s at %s, and %d other heart functions in a region as low in this %s", w.Function, w.Region, at, others, periodNoun(p))
	}
	return fmt.Sprintf("%s in %s at %s", w.Function, w.Region, at)
}

// cellMarks returns the markers of a cell: below healthy (the plan's own
// verdict) and at its floor (within 1e-6, a binding floor's round-off).
func cellMarks(p *plan.Plan, c plan.Cell) string {
	m := ""
	if c.BelowHealthy {
		m += markBelowHealthy
	}
	if c.AtFloor() {
		m += markAtFloor
	}
	return m
}
