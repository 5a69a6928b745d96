package plan

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// A weak function is raised to healthy before any brain work. h1 and h2
// need 1 FTE each, h2 at half effectiveness ($200k per unit of coverage);
// the brain b needs 1 FTE. $280k: both heart functions at 0.9 cost $90k +
// $180k, and the $10k left buys 0.1 of brain (1 point per $100k, against
// half a point of heart on h1). An average counted up to healthy would have
// bought h1 to 1 and h2 to 0.8 (average 0.9, $260k) and 0.2 of brain.
func TestWeakFunctionBeforeBrain(t *testing.T) {
	h2 := fn("h2", scenario.Heart, scenario.Local, 1, 0)
	h2.LocalEffectiveness, h2.CentralEffectiveness = 0.5, 0.5
	s := tiny(280000, fn("h1", scenario.Heart, scenario.Either, 1, 0), h2, fn("b", scenario.Brain, scenario.Either, 1, 0))
	per := optimize(t, s).Periods[0]
	expect(t, "h1", per.Functions[0].Coverage, 0.9)
	expect(t, "h2", per.Functions[1].Coverage, 0.9)
	expect(t, "brain", per.Brain, 0.1)
	expect(t, "heart", per.Heart, 0.9)
	if !per.Healthy || per.WeakestHeart == nil {
		t.Fatalf("healthy %v, weakest %+v: want healthy with a weakest cell", per.Healthy, per.WeakestHeart)
	}
	expect(t, "weakest", per.WeakestHeart.Coverage, 0.9)

	// $260k, the average's plan: stage 1 still takes both to 0.9 only if
	// it can; with $20k short, h2 stays below, the brain gets nothing and
	// the period is not healthy although the average could reach 0.9.
	s.Budget.Annual = 260000
	per = optimize(t, s).Periods[0]
	expect(t, "brain at $260k", per.Brain, 0)
	if per.Healthy {
		t.Error("healthy with h2 below healthy")
	}
	if w := per.WeakestHeart; w == nil || w.Function != "h2" || w.Region != "North" {
		t.Errorf("weakest %+v, want h2 in North", w)
	}
}

// When one function cannot reach healthy the others still do, and the
// brain gets only what is left. h2 is local only (no central
// effectiveness) and the region may hire 0.5 FTE a period: h2 stops at
// 0.5. Stage 1 takes h1 to 0.9 with central staff ($90k; the hire limit is
// spent on h2, $50k). The $50k left of $190k buys brain (1 point per
// $100k) rather than h1 (half a point): 0.5 of brain, and h1 stays at 0.9.
func TestUnreachableFunctionLeavesTheRest(t *testing.T) {
	h2 := fn("h2", scenario.Heart, scenario.Local, 1, 0)
	h2.CentralEffectiveness = 0
	s := tiny(190000, fn("h1", scenario.Heart, scenario.Either, 1, 0), h2, fn("b", scenario.Brain, scenario.Either, 1, 0))
	s.Regions[0].Team.MaxHiresPerPeriod = 0.5
	per := optimize(t, s).Periods[0]
	expect(t, "h1", per.Functions[0].Coverage, 0.9)
	expect(t, "h2", per.Functions[1].Coverage, 0.5)
	expect(t, "brain", per.Brain, 0.5)
	expect(t, "spend", per.Spend, 190000)
	if per.Healthy {
		t.Error("healthy with h2 at 0.5")
	}
	if w := per.WeakestHeart; w == nil || w.Function != "h2" || !near(w.Coverage, 0.5, 1e-6) {
		t.Errorf("weakest %+v, want h2 at 0.5", w)
	}
}

// A local function in a small region counts in its own right. North has 90
// sellers and local staff at $100k, South 10 sellers at $300k; h needs 1
// FTE per 100 sellers (0.9 and 0.1 FTE) and central staff costs $600k (at
// 0.6 for a local function: $1M per FTE of work), so each region's own
// staff does it. $108k takes both to 0.9 ($81k + $27k): healthy at a heart
// of 0.9. An average would have put North at 1 ($90k) and South at 0.6
// and called a heart of 0.96 healthy. At $100k stage 1 buys North to 0.9
// first ($100k per point of the objective, South $300k) and South gets
// $19k: 0.19/0.3 = 0.6333, the weakest cell, and the period is not
// healthy.
func TestLocalFunctionInSmallRegion(t *testing.T) {
	s := tiny(108000, fn("h", scenario.Heart, scenario.Local, 1, 0))
	s.Central = team(600000)
	s.Regions = []scenario.Region{region("North", 90, 100000), region("South", 10, 300000)}
	per := optimize(t, s).Periods[0]
	cov := per.Regions[1].Coverage["h"]
	expect(t, "North", per.Regions[0].Coverage["h"], 0.9)
	expect(t, "South", cov, 0.9)
	expect(t, "heart", per.Heart, 0.9)
	if !per.Healthy {
		t.Error("not healthy with every cell at 0.9")
	}

	s.Budget.Annual = 100000
	per = optimize(t, s).Periods[0]
	expect(t, "North at $100k", per.Regions[0].Coverage["h"], 0.9)
	expect(t, "South at $100k", per.Regions[1].Coverage["h"], 0.19/0.3)
	if per.Healthy {
		t.Error("healthy with South below healthy")
	}
	w := per.WeakestHeart
	if w == nil || w.Function != "h" || w.Region != "South" || !near(w.Coverage, 0.19/0.3, 1e-6) {
		t.Errorf("weakest %+v, want h in South at %.4f", w, 0.19/0.3)
	}
	if len(per.Cells) != 2 || per.Cells[1].LocalFTE <= 0 || per.Cells[1].CentralFTE != 0 {
		t.Errorf("cells %+v, want North and South, South's done by local staff", per.Cells)
	}
}

// The weakest heart cell does not tell apart cells that the later stages'
// hold leaves within CellTol of healthy. h1 and h2 need 1 FTE each in
// North (100 sellers, 1 per 100): with 0.9 FTE of local staff on h1 and
// 0.9 - tol/2 on h2 (tol = CellTol(1, 1/2) = 2 x 1.01e-7, each cell
// weighing half the heart), both are healthy and h1, the first in the
// order of the cells, is named at its own 0.9; the period's claim names it
// too. With h2 a whole tolerance below, h2 is below healthy and named.
func TestWeakestHeartWithinHealthyTolerance(t *testing.T) {
	s := tiny(1e6, fn("h1", scenario.Heart, scenario.Local, 1, 0), fn("h2", scenario.Heart, scenario.Local, 1, 0))
	tol := CellTol(1, 0.5)
	expect(t, "tolerance", tol, 2*(1e-7+1e-9))
	cases := []struct {
		h2      float64
		healthy bool
		weakest string
		cov     float64
	}{
		{0.9 - tol/2, true, "h1", 0.9},
		{0.9 + tol/2, true, "h1", 0.9},
		{0.9 - 2*tol, false, "h2", 0.9 - 2*tol},
		{0.85, false, "h2", 0.85},
	}
	for _, c := range cases {
		a := NewAllocation(s)
		a.Local[0][0][0], a.Local[1][0][0] = 0.9, c.h2
		_, w, healthy := buildCells(s, a, 0)
		if healthy != c.healthy || w == nil || w.Function != c.weakest || w.Coverage != c.cov {
			t.Errorf("h2 at %.9f: healthy %v, weakest %+v; want healthy %v, %s at %.9f", c.h2, healthy, w, c.healthy, c.weakest, c.cov)
		}
	}

	// Across periods: h2 within the tolerance in the second period does
	// not make that period's cell the plan's weakest.
	s = quarters(s, 2)
	a := NewAllocation(s)
	for q := range 2 {
		a.Local[0][0][q], a.Local[1][0][q] = 0.9, 0.9
	}
	a.Local[1][0][1] = 0.9 - CellTol(2, 0.5)/2
	p := &Plan{HealthyHeart: 0.9}
	for q := range 2 {
		cells, w, healthy := buildCells(s, a, q)
		p.Periods = append(p.Periods, Period{Label: s.PeriodLabel(q), Heart: 0.9, Healthy: healthy, Cells: cells, WeakestHeart: w})
	}
	found := 0
	for _, f := range heartClaims(p) {
		if f.Kind == KindHeartWeakestCell {
			found++
			if f.Function != "h1" || f.Period != "2027-Q1" || f.Numbers["coverage"] != 0.9 {
				t.Errorf("weakest cell claim %+v, want h1 in 2027-Q1 at 0.9", f)
			}
		}
	}
	if found != 1 {
		t.Errorf("%d weakest cell claims, want 1", found)
	}
}

// A heart cell below healthy reads rounded down (Cell.Shown), and its ties
// are counted as read: 89.96% below a healthy 90.0% is 89.9%, as low as a
// cell at 89.91% and not as one at a healthy 90.02% (counted as its tie
// when every cell was rounded to the nearest tenth).
func TestBelowHealthyCellShownDown(t *testing.T) {
	w := Cell{Function: "desk", Class: "heart", Region: "South", Demand: 1, Coverage: 0.8996, BelowHealthy: true}
	if got := w.Shown(); math.Abs(got-0.899) > 1e-12 {
		t.Errorf("Shown() = %v, want 0.899", got)
	}
	if got := (&Cell{Coverage: 0.8996}).Shown(); math.Abs(got-0.9) > 1e-12 {
		t.Errorf("a cell not below healthy: Shown() = %v, want 0.9 (the nearest tenth)", got)
	}
	if got := (&Cell{Coverage: 0.85, BelowHealthy: true}).Shown(); math.Abs(got-0.85) > 1e-12 {
		t.Errorf("85%% below healthy: Shown() = %v, want 0.85 (a step's binary form stays at the step)", got)
	}
	healthy := Cell{Function: "hub", Class: "heart", Region: "North", Demand: 1, Coverage: 0.9002}
	if others, _ := HeartCellTies([]Cell{w, healthy}, &w); others != 0 {
		t.Errorf("a healthy 90.02%% counted as low as 89.96%% below healthy: %d ties", others)
	}
	low := Cell{Function: "hub", Class: "heart", Region: "South", Demand: 1, Coverage: 0.8991, BelowHealthy: true}
	if others, _ := HeartCellTies([]Cell{w, low}, &w); others != 1 {
		t.Errorf("89.91%% and 89.96%% both read 89.9%%: %d ties, want 1", others)
	}
}

// The periods as low as a weakest heart cell are those whose weakest
// prints alike (Cell.Shown): a cell below healthy at 89.997% prints
// 89.9%*, not as low as the 90.0% of periods whose heart is healthy (the
// baseline at $5,593,030 a year read "every quarter is as low" above a
// 2027-Q4 at 89.9%* and three quarters at 90.0%).
func TestPeriodsAsLowBelowHealthy(t *testing.T) {
	healthy := func(label string) Period {
		return Period{Label: label, WeakestHeart: &Cell{Function: "territories", Class: "heart", Region: "North America", Demand: 1, Coverage: 0.9}}
	}
	below := Period{Label: "2027-Q4", WeakestHeart: &Cell{Function: "comp_admin", Class: "heart", Region: "APAC", Demand: 1, Coverage: 0.8999726, BelowHealthy: true}}
	ps := []Period{healthy("2027-Q1"), healthy("2027-Q2"), healthy("2027-Q3"), below}
	if n, first := PeriodsAsLow(ps, below.WeakestHeart); n != 1 || first != "2027-Q4" {
		t.Errorf("PeriodsAsLow = %d, %q; want 1, 2027-Q4 (89.9%%* alone; the others read 90.0%%)", n, first)
	}
	// Two cells below healthy that print alike are as low.
	other := Period{Label: "2027-Q3", WeakestHeart: &Cell{Function: "quotas", Class: "heart", Region: "EMEA", Demand: 1, Coverage: 0.8991, BelowHealthy: true}}
	ps = []Period{healthy("2027-Q1"), healthy("2027-Q2"), other, below}
	if n, first := PeriodsAsLow(ps, below.WeakestHeart); n != 2 || first != "2027-Q3" {
		t.Errorf("PeriodsAsLow = %d, %q; want 2, 2027-Q3 (both 89.9%%*)", n, first)
	}
}

// A heart function below healthy over all regions reads rounded down
// (Function.Shown), as a cell below healthy does, and its ties and periods
// as low are counted as read: desk at 0.89997 in North and South (the
// healthy sliver's) is 89.9% over all regions, which read 90.0% beside
// "some heart function below 90.0% in some region"; within its cells'
// tolerance of healthy it is not below, and reads 90.0%.
func TestBelowHealthyFunctionShownDown(t *testing.T) {
	load := func(desk string) *Plan {
		t.Helper()
		s, err := scenario.Load(filepath.Join("..", "checkup", "testdata", "healthy.yaml"),
			[]string{"regions[South].current_fte={desk: " + desk + "}", "regions[North].current_fte={desk: " + desk + "}"})
		if err != nil {
			t.Fatal(err)
		}
		return AsIs(s)
	}
	p := load("0.89997")
	for _, per := range p.Periods {
		hub, desk := &per.Functions[0], &per.Functions[1]
		if desk.ID != "desk" || !desk.BelowHealthy || hub.BelowHealthy {
			t.Fatalf("%s: desk below healthy %v, hub %v; want desk only", per.Label, desk.BelowHealthy, hub.BelowHealthy)
		}
		if got := desk.Shown(); math.Abs(got-0.899) > 1e-12 {
			t.Errorf("%s: desk at %v: Shown() = %v, want 0.899", per.Label, desk.Coverage, got)
		}
		if got := hub.Shown(); got != 1 {
			t.Errorf("%s: hub at %v: Shown() = %v, want 1", per.Label, hub.Coverage, got)
		}
		w, others, _ := per.WeakestHeartFunction()
		if w == nil || w.ID != "desk" || others != 0 {
			t.Errorf("%s: weakest heart function %v with %d others, want desk alone", per.Label, w, others)
		}
	}
	// A healthy 90.02% is not as low as desk's 89.9%, a function at
	// 89.91% below healthy is.
	desk := p.Periods[0].Functions[1]
	healthy := Function{ID: "hub", Class: "heart", Demand: 1, Coverage: 0.9002}
	if others, _ := HeartFunctionTies([]Function{desk, healthy}, &desk); others != 0 {
		t.Errorf("a healthy 90.02%% counted as low as desk's 89.997%% below healthy: %d ties", others)
	}
	low := Function{ID: "hub", Class: "heart", Demand: 1, Coverage: 0.8991, BelowHealthy: true}
	if others, _ := HeartFunctionTies([]Function{desk, low}, &desk); others != 1 {
		t.Errorf("89.91%% and 89.997%% both read 89.9%%: %d ties, want 1", others)
	}
	if at := FunctionPeriodsAsLow(p.Periods, &desk); len(at) != 3 {
		t.Errorf("desk reads as low in %v, want every year", at)
	}
	// The claim says so, for In short to print it rounded down.
	found := false
	for _, c := range Claims(p) {
		if c.Kind == KindHeartWeakestFunction {
			found = true
			if c.Function != "desk" || c.N("below_healthy") != 1 || c.N("coverage") != desk.Coverage {
				t.Errorf("weakest function claim %+v, want desk at %v below healthy", c, desk.Coverage)
			}
		}
	}
	if !found {
		t.Error("no weakest heart function claim")
	}
	// Rolled up, a function below healthy in one of the group's periods.
	r := p.RollUp([]string{"all", "all", "all"}, 3, "year")
	if fn := r.Periods[0].Functions[1]; !fn.BelowHealthy || math.Abs(fn.Shown()-0.899) > 1e-12 {
		t.Errorf("rolled up: desk below healthy %v, shown %v; want below, 0.899", fn.BelowHealthy, fn.Shown())
	}
	// A hundred-thousandth of a point below healthy is within the cells'
	// tolerance: not below, and at the nearest tenth.
	for _, per := range load("0.8999999").Periods {
		if desk := per.Functions[1]; desk.BelowHealthy || desk.Shown() != 0.9 {
			t.Errorf("%s: desk at %v below healthy %v, shown %v; want healthy at 0.9", per.Label, desk.Coverage, desk.BelowHealthy, desk.Shown())
		}
	}
}
