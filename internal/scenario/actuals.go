package scenario

import (
	"context"
	"fmt"
	"strings"
)

// The columns of an actuals file (docs/review.md).
const (
	colPeriod = "period"
	colSpend  = "spend"
)

var (
	actualsRequired = []string{colPeriod, colTeam, colFunction, colFTE}
	actualsColumns  = []string{colPeriod, colTeam, colFunction, colFTE, colSpend}
)

// Actuals is what happened in the first periods of a scenario's horizon:
// the FTE each team had on each function, and the money spent. A team and
// function an actuals period does not list had no one.
type Actuals struct {
	File string
	// Periods is how many periods have actuals: the first Periods of the
	// horizon, without gaps.
	Periods int
	// Central is [t][f], Local [t][r][f]: FTE in seat, by the scenario's
	// function and region order.
	Central [][]float64
	Local   [][][]float64
	// Spend is the money spent in period t, the sum of the spend column
	// of its lines; SpendGiven says whether any line gave one.
	Spend      []float64
	SpendGiven []bool
}

// ReadActuals reads and parses the actuals file at path against s (at most
// maxSize bytes, as ReadFile reads). Its problems are Diagnostics.
func ReadActuals(ctx context.Context, path string, s *Scenario, maxSize int64) (*Actuals, error) {
	data, err := ReadFile(ctx, path, maxSize)
	if err != nil {
		return nil, err
	}
	a, ds := ParseActuals(path, data, s)
	if ds.HasErrors() {
		return nil, ds
	}
	return a, nil
}

// ParseActuals reads an actuals file's data against the horizon, teams
// and functions of s, reporting every bad line at once, each at its line
// and column, as the roster reader does: UTF-8 with or without a byte
// order mark, a header row, fields separated by commas or semicolons
// (with a decimal comma then), quoted or not. A line either gives a team's
// FTE on a function (fte, and optionally its spend) or, with the function
// empty, a team's spend (spend, no fte).
func ParseActuals(name string, data []byte, s *Scenario) (*Actuals, Diagnostics) {
	a, ds := parseActuals(name, data, s)
	// A line's problems are found column by column in the order the
	// checks run, not the order of the file's header: sorted, they read
	// as every other file's do, by line and column.
	ds.sort()
	return a, ds
}

func parseActuals(name string, data []byte, s *Scenario) (*Actuals, Diagnostics) {
	tb, problems := openTable(name, data, actualsColumns, actualsRequired,
		fmt.Sprintf("the actuals file is empty: it needs a header row (%s, and optionally %s) and one line per period, team and function", strings.Join(actualsRequired, ", "), colSpend),
		"an actuals file's", "spend")
	if tb == nil {
		return nil, problems
	}
	add, field := tb.add, tb.field

	n, nF, nR := s.Periods(), len(s.Functions), len(s.Regions)
	labels := map[string]int{}
	periods := make([]candidate, n)
	for t := 0; t < n; t++ {
		labels[strings.ToLower(s.PeriodLabel(t))] = t
		periods[t] = candidate{id: s.PeriodLabel(t)}
	}
	teams := rosterTeams(s)
	funcs := make([]candidate, nF)
	for i, f := range s.Functions {
		funcs[i] = candidate{f.ID, f.Name}
	}
	a := &Actuals{File: name, Central: make([][]float64, n), Local: make([][][]float64, n), Spend: make([]float64, n), SpendGiven: make([]bool, n)}
	for t := range n {
		a.Central[t] = make([]float64, nF)
		a.Local[t] = make([][]float64, nR)
		for r := range nR {
			a.Local[t][r] = make([]float64, nF)
		}
	}
	type key struct{ t, team, f int }
	seen := map[key]int{} // -> line
	has := make([]int, n) // period -> first line, 0 when none
	for tb.next() {
		line := tb.line
		ok := true
		bad := func(c string, p pos, format string, args ...any) {
			add(p, c, format, args...)
			ok = false
		}
		per, pc, _ := field(colPeriod)
		t, found := labels[strings.ToLower(per)]
		switch {
		case per == "":
			bad(colPeriod, pc, "the period is empty: give a period of the scenario's horizon. %s", listOf("Periods", periods, false))
		case !found:
			bad(colPeriod, pc, "%s", unknown(per, "is not a period of the scenario's horizon", "Periods", periods, false))
		}
		team, tc, _ := field(colTeam)
		tm, tfound := teams.index[strings.ToLower(team)]
		switch {
		case team == "":
			bad(colTeam, tc, "the team is empty: give central or a region's id or name. %s", listOf(teamsLabel, teams.list, false))
		case !tfound:
			bad(colTeam, tc, "%s", unknown(team, "is not a team of this scenario", teamsLabel, teams.list, false))
		}
		fn, fc, _ := field(colFunction)
		f := -1
		if fn != "" {
			if f = s.FunctionIndex(fn); f < 0 {
				bad(colFunction, fc, "%s", unknown(fn, "is not a function of this scenario", "Function ids", funcs, false))
			}
		}
		fteText, ftc, _ := field(colFTE)
		var fte float64
		switch {
		case fn == "" && fteText != "":
			bad(colFTE, ftc, "fte %q on a line without a function: give the FTE on the team's lines per function, or leave fte empty on a line that gives the team's spend", fteText)
		case fn != "" && fteText == "":
			bad(colFTE, ftc, "the fte is empty: give the FTE in seat in this team and function, a number 0 or above")
		case fn != "":
			v, good := rosterNumber(fteText, tb.sep)
			switch {
			case !good:
				bad(colFTE, ftc, "%q is not a number: give the FTE in seat in this team and function, a number 0 or above", fteText)
			case v < 0 || v > maxMagnitude:
				bad(colFTE, ftc, "%s is out of range: fte must be between 0 and %s", fteText, maxMagnitudeText)
			default:
				fte = v
			}
		}
		spendText, sc, hasSpendCol := field(colSpend)
		var spend float64
		switch {
		case spendText != "":
			v, good := rosterNumber(spendText, tb.sep)
			switch {
			case !good:
				bad(colSpend, sc, "%q is not a number: give the money spent in the period, such as 150000 (no currency sign or thousands separator), or leave it empty", spendText)
			case v < 0 || v > maxMagnitude:
				bad(colSpend, sc, "%s is out of range: spend must be between 0 and %s", spendText, maxMagnitudeText)
			default:
				spend = v
			}
		case fn == "":
			col := sc
			if !hasSpendCol {
				col = fc
			}
			bad(colSpend, col, "a line without a function gives the team's spend: give the spend (add a spend column), or give the function")
		}
		if !ok {
			continue
		}
		k := key{t, tm, f}
		pp := tb.pos(colPeriod)
		if first, dup := seen[k]; dup {
			what := "function " + fn
			if f < 0 {
				what = "spend"
			}
			add(pp, colPeriod, "%s, team %s, %s is given twice (lines %d and %d): give it once", s.PeriodLabel(t), team, what, first, pp.line)
			continue
		}
		seen[k] = pp.line
		if has[t] == 0 {
			has[t] = line
		}
		if f >= 0 {
			if tm < 0 {
				a.Central[t][f] = fte
			} else {
				a.Local[t][tm][f] = fte
			}
		}
		if spendText != "" {
			a.Spend[t] += spend
			a.SpendGiven[t] = true
		}
	}
	if len(tb.ds) > 0 {
		return nil, tb.ds
	}
	last := -1
	for t := range n {
		if has[t] > 0 {
			last = t
		}
	}
	if last < 0 {
		add(pos{1, 1}, "", "the actuals file lists nothing: give one line per period, team and function under the header")
		return nil, tb.ds
	}
	for t := 0; t < last; t++ {
		if has[t] == 0 {
			add(pos{has[last], 1}, colPeriod, "no line for %s, while %s has lines: actuals run from the horizon's start (%s) without gaps", s.PeriodLabel(t), s.PeriodLabel(last), s.PeriodLabel(0))
		}
	}
	if len(tb.ds) > 0 {
		return nil, tb.ds
	}
	a.Periods = last + 1
	a.Central, a.Local, a.Spend, a.SpendGiven = a.Central[:last+1], a.Local[:last+1], a.Spend[:last+1], a.SpendGiven[:last+1]
	return a, nil
}
