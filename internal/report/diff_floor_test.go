package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestDiffWeakestAtFloor: a weakest heart cell at its floor is marked "!"
// in the diff's per-period table, as cardio plan's coverage table and
// cardio review mark it, and the mark is said under the table; a cell
// above its floor is not marked, and with no mark in the table no legend
// is written. brain-first.yaml showed "Proposals/North America 60.0%" for
// a cell at its floor of 60%, unmarked.
func TestDiffWeakestAtFloor(t *testing.T) {
	cell := func(cov, floor float64) *plan.Cell {
		return &plan.Cell{Function: "proposals", Class: "heart", Region: "North America", Coverage: cov, MinCoverage: floor, BelowHealthy: cov < 0.9}
	}
	per := func(c *plan.Cell, tied int) *plan.PeriodOutcome {
		return &plan.PeriodOutcome{PeriodScores: plan.PeriodScores{Heart: 0.86, Brain: 0.14, Weakest: c, WeakestTied: tied, Regions: 3}}
	}
	d := plan.Diff{
		Old: plan.DiffSide{Currency: "USD", Years: 1},
		New: plan.DiffSide{Currency: "USD", Years: 1},
		Periods: []plan.PeriodDiff{
			{Label: "2027-Q1", Old: per(cell(0.7, 0.6), 0), New: per(cell(0.6000000004, 0.6), 1)},
			{Label: "2027-Q2", Old: per(cell(0.7, 0.6), 0), New: per(cell(0.65, 0.6), 0)},
		},
	}
	legend := "! marks a weakest heart cell at its floor"
	for _, f := range []Format{Table, Markdown} {
		var b bytes.Buffer
		if err := WriteDiff(&b, &d, nil, nil, f); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{
			"proposals/North America 70.0% → proposals/North America 60.0% !, and 1 other as low",
			"proposals/North America 70.0% → proposals/North America 65.0% ",
			legend,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%v lacks %q:\n%s", f, want, out)
			}
		}
		if strings.Contains(out, "65.0% !") || strings.Contains(out, "70.0% !") {
			t.Errorf("%v marks a cell above its floor:\n%s", f, out)
		}
	}
	// No cell at its floor: no mark, no legend.
	d.Periods = d.Periods[1:]
	var b bytes.Buffer
	if err := WriteDiff(&b, &d, nil, nil, Table); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), legend) {
		t.Errorf("legend without a marked cell:\n%s", b.String())
	}
}
