package plan

import (
	"math"
	"slices"
)

// Thresholds of the claims, documented in docs/output.md.
const (
	// ShownPrecision is the precision at which the tables show a fraction
	// (0.1%). A trend is read at it, so that "falling from A to B" holds
	// in the table a reader checks it against.
	ShownPrecision = 1e-3
	// TrendMin is the least change of the brain from the first period to
	// the last worth a claim: half a point.
	TrendMin = 5e-3
	// NoStaffFTE is the average brain FTE below which the brain "gets no
	// staff".
	NoStaffFTE = 0.05
	// fullTol is how close to 1 a coverage must be to count as full.
	fullTol = VerifyTol
)

// UnspentMin says whether an unspent amount is worth a claim: at least
// half a unit of money and more than 1e-4 of the budget.
func UnspentMin(unspent, budget float64) bool { return unspent >= 0.5 && unspent > 1e-4*budget }

// Shown rounds a fraction to the precision the tables show it at.
func Shown(x float64) float64 { return math.Round(x/ShownPrecision) * ShownPrecision }

// HeartStepTol is how far below a printed step (a tenth of a point) a
// heart score that is not healthy may lie and still print at it: above
// ScoreTol for the longest horizon cardio plans, far below the 1e-3 a
// step is.
const HeartStepTol = 2e-5

// UnhealthyTenths is a heart score that is not healthy in tenths of a
// point as every view prints it: rounded down, so that it never reads as
// the threshold it misses (89.99% is 89.9%, not 90.0%). A score within
// HeartStepTol below a step reads as that step: the stages hold a score
// to ScoreTol (1e-7 a period), so 0.599999935 is 60.0%, not 59.9%, and
// the binary form of a step (0.85 is 84.99...) is that step.
func UnhealthyTenths(x float64) float64 { return math.Floor(1000 * (x + HeartStepTol)) }

// HeartShown is a heart score x as every view shows it beside its healthy
// verdict: x itself when healthy (printed to the nearest tenth, as
// Shown), else rounded down to a tenth of a point (UnhealthyTenths). The
// text views print it so, the workbooks' heart cells show it, and the
// review's chart draws it, so that a point read off the chart is the
// figure of the table beside it (80.9%, not the exact 80.97%).
func HeartShown(x float64, healthy bool) float64 {
	if healthy {
		return x
	}
	return UnhealthyTenths(x) / 1000
}

// HeartShownBelow is a heart figure x that has no healthy verdict of its
// own, read against the healthy heart healthy, as every view shows it: a
// percentile or a mean over a risk run's draws (its heart P10 / P50 /
// P90, the tornado's mean heart at an input's P10 and P90) and the goal
// seek's heart target. Below healthy it is rounded down to a tenth of a
// point, as a heart that is not healthy is (UnhealthyTenths, within
// HeartStepTol of a step reading as that step), so that a P10 of 89.996%
// never reads as the healthy 90.0% beside the share of draws that are
// not healthy; at or above, x itself (printed to the nearest tenth, as
// Shown). A heart held at a healthy line of whole tenths, a few
// millionths below it by round-off, reads as the line.
func HeartShownBelow(x, healthy float64) float64 { return HeartShown(x, x >= healthy) }

// HeartShownBelowAgainst is HeartShownBelow against a healthy heart that
// may not be a whole tenth, and the decimals a percentage prints it with:
// a figure at or above the healthy heart, or under it within
// HeartStepTol, reads as a healthy score does (HeartShownAgainst), at
// the threshold's decimals where a tenth would read below it (a P50 held
// at 0.9054 is 90.54%, not 90.5% beside "every heart function at 90.54%
// or more"); any other is HeartShownBelow's, at a tenth. At a healthy
// heart of whole tenths it is HeartShownBelow's figure at one decimal.
func HeartShownBelowAgainst(x, healthy float64) (float64, int) {
	if x >= healthy-HeartStepTol {
		if v, d := HeartShownAgainst(x, true, healthy); d > 1 {
			return v, d
		}
	}
	return HeartShownBelow(x, healthy), 1
}

// ShownDifference is the difference b - a of two figures as printed, a
// at da decimals and b at db (of a percentage), taken at the finer of
// them, which it returns: a change printed beside its two figures is
// their difference as printed. At one decimal it is a whole number of
// tenths of a point over 1000, as the views have always computed it.
func ShownDifference(a float64, da int, b float64, db int) (float64, int) {
	d := max(da, db, 1)
	s := math.Pow10(d + 2)
	return (math.Round(s*b) - math.Round(s*a)) / s, d
}

// Bought says whether an investment's level counts as bought: when it
// reads so at the tables' precision (0.1%). A scalable investment's sliver
// that the solver's tolerance leaves (0.001% of a scalable CPQ, about $1
// of spend, the scores the same to 14 digits) is no purchase, and the
// words must agree with the 0.0% the investments table prints; in earlier
// versions it read "bought", and a break-even price was the price of the
// sliver. Every claim, search and comparison of what is bought asks this.
func Bought(level float64) bool { return Shown(level) > 0 }

// Claims are what the "In short" paragraph of a feasible plan says, as
// data, read off the plan alone (and off its marginal values, for what more
// money would buy): the heart, the brain, where the money goes, what the
// investments bought do, and for an optimized plan the limits it reaches
// and the money left unspent. An infeasible plan has none. The kinds, in
// the order the paragraph tells them, and their subjects, numbers and
// periods are listed in docs/output.md; claims_test.go re-derives each
// from the plan's numbers.
func Claims(p *Plan) []Finding {
	if len(p.Periods) == 0 {
		return nil
	}
	var out []Finding
	out = append(out, heartClaims(p)...)
	out = append(out, brainClaims(p)...)
	out = append(out, moneyClaims(p)...)
	out = append(out, investmentClaims(p)...)
	if p.Mode == ModeOptimized {
		out = append(out, limitClaims(p)...)
		out = append(out, replacementClaims(p)...)
		if f, ok := searchStopped(p); ok {
			out = append(out, f)
		}
	}
	if p.Mode == ModeAsIs {
		out = append(out, asIsClaims(p)...)
	}
	return out
}

// asIsClaims: what a budget memo needs of the organization as it is,
// beside its scores: the budget it leaves unspent (and the periods it
// spends more than their budget in), and the floors it breaks, a claim
// per function and region with the periods it is below its floor in and
// its lowest coverage there, then the count of everything it breaks
// (Findings: the list under "Constraints the organization breaks").
func asIsClaims(p *Plan) []Finding {
	var out []Finding
	// The money left in the periods that have some: the total, net of a
	// period over its budget, is not what those periods leave (a quarter's
	// budget does not carry over to pay another's overrun).
	left := 0.0
	for _, per := range p.Periods {
		left += math.Max(0, per.Unspent)
	}
	if UnspentMin(left, p.Totals.Budget) {
		f := Finding{Kind: KindBudgetUnspent, Numbers: map[string]float64{"unspent": left}}
		for _, per := range p.Periods {
			if UnspentMin(per.Unspent, per.Budget) {
				f.Periods = append(f.Periods, per.Label)
			}
		}
		out = append(out, f)
	}
	over := Finding{Kind: KindBudgetOverspent, Numbers: map[string]float64{"overspent": 0}}
	for _, per := range p.Periods {
		if UnspentMin(-per.Unspent, per.Budget) {
			over.Periods = append(over.Periods, per.Label)
			over.Numbers["overspent"] -= per.Unspent
		}
	}
	if len(over.Periods) > 0 {
		out = append(out, over)
	}
	type key struct{ fn, region string }
	at := map[key]int{}
	var broken []Finding
	floors, budgets := 0, 0
	for _, v := range p.Findings {
		if v.Kind == KindOverBudget {
			budgets++
		}
		if v.Kind != KindBelowFloor {
			continue
		}
		floors++
		k := key{v.Function, v.Region}
		i, ok := at[k]
		if !ok {
			i, at[k] = len(broken), len(broken)
			broken = append(broken, Finding{Kind: KindFloorBroken, Function: v.Function, Region: v.Region, Period: v.Period,
				Numbers: map[string]float64{"floor": v.N("floor"), "coverage": v.N("coverage")}})
		}
		b := &broken[i]
		b.Periods = append(b.Periods, v.Period)
		if v.N("coverage") < b.N("coverage") {
			b.Period, b.Numbers["coverage"] = v.Period, v.N("coverage")
		}
	}
	// By function, in the order the list names them first, then region.
	var fns []string
	for _, b := range broken {
		if !slices.Contains(fns, b.Function) {
			fns = append(fns, b.Function)
		}
	}
	for _, fn := range fns {
		for _, b := range broken {
			if b.Function == fn {
				out = append(out, b)
			}
		}
	}
	if len(p.Findings) > 0 {
		out = append(out, Finding{Kind: KindConstraintsBroken, Numbers: map[string]float64{
			"count": float64(len(p.Findings)), "floors": float64(floors), "over_budget": float64(budgets)}})
	}
	return out
}

// replacementClaims: the roster's people an optimized plan lets go, per
// team with a roster split (HiringTeam.Roster), over the whole horizon.
//
// For a team whose roster costs more than a new hire, min(roster people
// who leave, people hired) of them are replaced rather than let go, in
// the periods they leave: counted over the horizon, not period by
// period, since a team that hires ahead of its roster's exits has
// replaced them all the same (a period-by-period count called APAC's
// last exits "let go without replacing them" while the team grew from
// 3.5 to 6). Without one-time costs of hiring and exits the model's least
// spend replaces them as fast as the team's limits allow (Flows); with
// them (hire_cost, exit_cost, given in the claim's numbers) only where the
// saving pays for them. The claim says so, with what it saves a year once
// they are all replaced: people x (roster's cost per FTE - a new hire's);
// those who leave beyond the hires are left_unreplaced. A plan in FTE
// (Hiring.InFTE) counts them in FTE: the number is "fte" instead of
// "people"; so does a plan in whole people for a team whose roster staff
// leave in parts of a person (part-timers, 0.5 FTE in one quarter and 0.5
// in another), which "a total of 1 roster person in 2027-Q1 and 2027-Q3"
// misread. A team with one-time costs that still has roster staff at the
// end of the plan gets a roster_kept claim: how many, at what costs.
//
// A team whose roster costs no more than a new hire and lets roster
// people go gets a roster_left claim: how many leave and when, how many
// it hires, and its headcount today and at the end (North America lets
// 3.5 of its 10.5 go as the central team takes their work).
func replacementClaims(p *Plan) []Finding {
	if p.Hiring == nil {
		return nil
	}
	var out []Finding
	for _, tm := range p.Hiring.Teams {
		r := tm.Roster
		if r == nil {
			continue
		}
		kept, hires, end := r.KeptFTE, 0.0, tm.Current
		var when []string // the periods in which roster staff leave
		whole := !p.Hiring.InFTE
		for _, per := range tm.Periods {
			if per.Kept == nil {
				break
			}
			if d := kept - *per.Kept; d > VerifyTol {
				when = append(when, per.Period)
				whole = whole && math.Abs(d-math.Round(d)) <= VerifyTol
			}
			hires += per.Hires
			kept, end = *per.Kept, per.Headcount
		}
		count := "people"
		if !whole {
			count = "fte"
		}
		tol := VerifyTol * math.Max(1, r.KeptFTE)
		once := tm.HireCost > 0 || tm.ExitCost > 0
		leaving := r.KeptFTE - kept
		if r.KeptCostPerFTE <= r.NewCostPerFTE {
			if leaving > tol {
				f := Finding{Kind: KindRosterLeft, Team: tm.DisplayName(), Periods: when, Numbers: map[string]float64{
					count: leaving, "hires": hires, "today": tm.Current, "end": end}}
				if once {
					f.Numbers["hire_cost"], f.Numbers["exit_cost"] = tm.HireCost, tm.ExitCost
				}
				out = append(out, f)
			}
			continue
		}
		if people := math.Min(leaving, hires); people > VerifyTol {
			f := Finding{Kind: KindRosterReplaced, Team: tm.DisplayName(), Periods: when, Numbers: map[string]float64{
				count: people, "kept_cost_per_fte": r.KeptCostPerFTE, "new_cost_per_fte": r.NewCostPerFTE,
				"saving_per_year": people * (r.KeptCostPerFTE - r.NewCostPerFTE)}}
			if once {
				// replace_cost: what replacing these people cost once, on
				// the saving's basis ("$1,265 a year less" for 0.22 FTE
				// read against "$4,000 once per FTE").
				f.Numbers["hire_cost"], f.Numbers["exit_cost"] = tm.HireCost, tm.ExitCost
				f.Numbers["replace_cost"] = people * (tm.HireCost + tm.ExitCost)
			}
			// Roster staff who leave beyond the hires (the team shrinks):
			// "replaces 4.8 FTE" read as the roster's fate when all 6.5
			// left.
			if left := leaving - people; left > tol {
				f.Numbers["left_unreplaced"] = left
			}
			out = append(out, f)
		}
		if last := tm.Periods[len(tm.Periods)-1]; once && kept > tol {
			// Roster staff dearer than new hires still in seat at the end:
			// with one-time costs, the plan found their replacement not
			// worth its cost (or beyond the team's limits).
			out = append(out, Finding{Kind: KindRosterKept, Team: tm.DisplayName(), Period: last.Period, Numbers: map[string]float64{
				count: kept, "kept_cost_per_fte": r.KeptCostPerFTE, "new_cost_per_fte": r.NewCostPerFTE,
				"hire_cost": tm.HireCost, "exit_cost": tm.ExitCost}})
		}
	}
	return out
}

func labels(p *Plan) []string {
	out := make([]string, len(p.Periods))
	for t, per := range p.Periods {
		out[t] = per.Label
	}
	return out
}

// heartClaims: healthy or not in every period (every heart cell at
// healthy), at the lowest average; the weakest heart cell (a function in a
// region), function (with demand) and region, when below full coverage.
func heartClaims(p *Plan) []Finding {
	var sick []string
	low, lowAt := math.Inf(1), ""
	for _, per := range p.Periods {
		if !per.Healthy {
			sick = append(sick, per.Label)
		}
		if per.Heart < low {
			low, lowAt = per.Heart, per.Label
		}
	}
	var out []Finding
	if len(sick) == 0 {
		out = append(out, Finding{Kind: KindHeartHealthy, Period: lowAt, Periods: labels(p), Numbers: map[string]float64{"heart": low}})
	} else {
		out = append(out, Finding{Kind: KindHeartBelowHealthy, Period: lowAt, Periods: sick,
			Numbers: map[string]float64{"heart": low, "healthy_heart": p.HealthyHeart}})
	}
	// The weakest function and region as the weakest cell: by Ranked.
	var fn *Function
	fRank, fAt := 2.0, ""
	for _, per := range p.Periods {
		for i := range per.Functions {
			if f := &per.Functions[i]; f.Class == "heart" && f.Demand > 0 && f.Ranked() < fRank-1e-9 {
				fn, fRank, fAt = f, f.Ranked(), per.Label
			}
		}
	}
	var reg *Region
	rRank, rAt := 2.0, ""
	if len(p.Periods[0].Regions) > 1 {
		for _, per := range p.Periods {
			for i := range per.Regions {
				if r := &per.Regions[i]; r.Ranked() < rRank-1e-9 {
					reg, rRank, rAt = r, r.Ranked(), per.Label
				}
			}
		}
	}
	var cell *Cell
	for _, per := range p.Periods {
		if w := per.WeakestHeart; w != nil && (cell == nil || WeakerCell(w, cell)) {
			cell = w
		}
	}
	weak := false
	if cell != nil && cell.Coverage < 1-fullTol {
		f := Finding{Kind: KindHeartWeakestCell, Function: cell.Function, Region: cell.Region, Period: cell.Period,
			Numbers: map[string]float64{"coverage": cell.Coverage, "healthy_heart": p.HealthyHeart}}
		if cell.BelowHealthy {
			// The view prints such a cell so that it never reads as the
			// threshold it misses (report's coveragePercent).
			f.Numbers["below_healthy"] = 1
		}
		tied, all := heartCellTies(p, cell)
		if tied > 0 {
			f.Numbers["tied"] = float64(tied)
		}
		if all {
			f.Numbers["all_tie"] = 1
		}
		out = append(out, f)
		weak = true
	}
	// Periods: every period the weakest function (region) reads at its
	// lowest at the tables' precision, as the brain's thinnest function
	// says them: "Quoting and CPQ (0.0% in 2027-Q1)" named one quarter of
	// a function at 0.0% in all four.
	if fn != nil && fn.Coverage < 1-fullTol {
		f := Finding{Kind: KindHeartWeakestFunction, Function: fn.ID, Period: fAt, Numbers: map[string]float64{"coverage": fn.Coverage},
			Periods: FunctionPeriodsAsLow(p.Periods, fn)}
		if fn.BelowHealthy {
			// Printed rounded down, as the weakest cell (report's
			// coveragePercent).
			f.Numbers["below_healthy"] = 1
		}
		// Ties: the other heart functions as low in some period, so that
		// one of two alike is not said to be the weakest.
		var fns []Function
		for _, per := range p.Periods {
			fns = append(fns, per.Functions...)
		}
		if tied, _ := HeartFunctionTies(fns, fn); tied > 0 {
			f.Numbers["tied"] = float64(tied)
		}
		out = append(out, f)
		weak = true
	}
	if reg != nil && reg.Heart < 1-fullTol {
		f := Finding{Kind: KindHeartWeakestRegion, Region: reg.Name, Period: rAt, Numbers: map[string]float64{"heart": reg.Heart}}
		if reg.BelowHealthy {
			// Printed rounded down, as the weakest cell and function
			// (report's coveragePercent).
			f.Numbers["below_healthy"] = 1
		}
		// As the tables print them (Region.Shown): a region below
		// healthy in one period and not in another reads alike only if
		// both print alike.
		low := reg.Shown()
		for _, per := range p.Periods {
			for _, r := range per.Regions {
				if r.Name == reg.Name && r.Shown() == low {
					f.Periods = append(f.Periods, per.Label)
				}
			}
		}
		// Ties: the other regions as low in some period (shrinking-budget's
		// North America and EMEA, both 84.2% in 2028-Q4).
		tied, _ := asLowAs(low, reg.Name, func(yield func(string, float64) bool) {
			for _, per := range p.Periods {
				for _, r := range per.Regions {
					if !yield(r.Name, r.Shown()) {
						return
					}
				}
			}
		})
		if tied > 0 {
			f.Numbers["tied"] = float64(tied)
		}
		out = append(out, f)
		weak = true
	}
	if !weak {
		out = append(out, Finding{Kind: KindHeartFullyCovered, Periods: labels(p)})
	}
	return out
}

// heartCellTies counts the other heart functions in a region (pairs of a
// function and a region) with a cell, in some period, as low as cell as
// the tables print it (ShownPrecision), and says whether every heart cell
// of every period is: "its lowest coverage is Territory design in North
// America at 90.0% in 2027-Q1" singled out, by catalog order, one of the
// baseline's 132 cells all at 90.0%.
func heartCellTies(p *Plan, cell *Cell) (tied int, all bool) {
	var cells []Cell
	for _, per := range p.Periods {
		cells = append(cells, per.Cells...)
	}
	return HeartCellTies(cells, cell)
}

// brainClaims: the brain's FTE and score, its course over the periods and
// its thinnest function. None when the plan has no brain function.
func brainClaims(p *Plan) []Finding {
	var fte, all float64
	hasBrain := false
	for _, per := range p.Periods {
		all += per.CentralFTE + per.LocalFTE
		for _, fn := range per.Functions {
			if fn.Class != "brain" {
				continue
			}
			hasBrain = true
			fte += fn.CentralFTE + fn.LocalFTE
		}
	}
	if !hasBrain {
		return nil
	}
	T := float64(len(p.Periods))
	fte, all = fte/T, all/T
	if fte < NoStaffFTE {
		return []Finding{{Kind: KindBrainNoStaff, Numbers: map[string]float64{"brain": p.Totals.BrainMean, "fte": fte}}}
	}
	share := 0.0
	if all > 0 {
		share = fte / all
	}
	out := []Finding{{Kind: KindBrainStaff, Numbers: map[string]float64{"fte": fte, "fte_share": share, "brain": p.Totals.BrainMean}}}
	if tr, ok := brainTrend(p); ok {
		out = append(out, tr)
	}
	out = append(out, brainThinnest(p)...)
	return out
}

// brainThinnest: the brain functions thinnest over the horizon, one claim
// each in catalog order: the lowest mean coverage over the periods a
// function has demand in, every function whose mean reads the same at the
// tables' precision (ShownPrecision) named, as a leader means "thinnest".
// Each gives its lowest coverage as evidence, with every period it reads
// at that lowest. None when every brain function is fully covered
// throughout.
//
// Until session 26 it was the lowest single period's value, the first in
// catalog order on a tie: shrinking-budget.yaml's analytics (0.0% in 5
// quarters, 100% in two) was "the thinnest" while enablement was at 0.0%
// in 7 of 8, and centralize-everything.yaml's enablement and content,
// also at 0.0% every quarter, went unnamed. Read off the plan's own
// periods, it names the same functions and figures however the tables
// roll the periods up (RollUpClaims).
func brainThinnest(p *Plan) []Finding {
	type fnCov struct {
		id       string
		sum, low float64
		n        int
		lowAt    string // the first period at low
	}
	var fns []*fnCov
	byID := map[string]*fnCov{}
	for _, per := range p.Periods {
		for _, fn := range per.Functions {
			if fn.Class != "brain" || fn.Demand <= 0 {
				continue
			}
			f := byID[fn.ID]
			if f == nil {
				f = &fnCov{id: fn.ID, low: 2}
				byID[fn.ID] = f
				fns = append(fns, f)
			}
			f.sum += fn.Coverage
			f.n++
			if fn.Coverage < f.low-1e-9 {
				f.low, f.lowAt = fn.Coverage, per.Label
			}
		}
	}
	if len(fns) == 0 {
		return nil
	}
	mean := func(f *fnCov) float64 { return f.sum / float64(f.n) }
	least := 2.0
	for _, f := range fns {
		least = math.Min(least, Shown(mean(f)))
	}
	if least >= 1-fullTol {
		return nil
	}
	var out []Finding
	for _, f := range fns {
		if Shown(mean(f)) != least {
			continue
		}
		// Periods: every period the function reads at its lowest, at the
		// tables' precision: "analytics is the thinnest (0.0% in 2027-Q1)"
		// named one quarter of a function at 0% in all of them.
		var at []string
		for _, per := range p.Periods {
			for _, fn := range per.Functions {
				if fn.ID == f.id && fn.Demand > 0 && Shown(fn.Coverage) == Shown(f.low) {
					at = append(at, per.Label)
				}
			}
		}
		out = append(out, Finding{Kind: KindBrainThinnestFunction, Function: f.id, Period: f.lowAt, Periods: at,
			Numbers: map[string]float64{"mean": mean(f), "coverage": f.low}})
	}
	return out
}

// brainTrend reads the brain's course at the precision the tables show
// (Shown): nothing when every period is within TrendMin of the first;
// falling (rising) when no period rises (falls) on the one before and the
// last is at least TrendMin below (above) the first; else peaking at an
// interior period above both ends and every other period, else at its
// lowest at an interior period below both ends and every other, else
// uneven (neither steady nor with one interior extreme).
func brainTrend(p *Plan) (Finding, bool) {
	n := len(p.Periods)
	if n < 2 {
		return Finding{}, false
	}
	b := make([]float64, n)
	for t, per := range p.Periods {
		b[t] = Shown(per.Brain)
	}
	const eps = ShownPrecision / 10 // round-off between two shown values
	first, last := p.Periods[0], p.Periods[n-1]
	ends := []string{first.Label, last.Label}
	nums := map[string]float64{"from": first.Brain, "to": last.Brain}
	moved := false
	for t := range b {
		moved = moved || math.Abs(b[t]-b[0]) >= TrendMin-eps
	}
	if !moved {
		return Finding{}, false
	}
	up, down := true, true
	hi, lo := 0, 0
	for t := 1; t < n; t++ {
		up = up && b[t] >= b[t-1]-eps
		down = down && b[t] <= b[t-1]+eps
		if b[t] > b[hi]+eps {
			hi = t
		}
		if b[t] < b[lo]-eps {
			lo = t
		}
	}
	switch {
	case down:
		return Finding{Kind: KindBrainFalling, Periods: ends, Numbers: nums}, true
	case up:
		return Finding{Kind: KindBrainRising, Periods: ends, Numbers: nums}, true
	case hi > 0 && hi < n-1 && b[hi] > b[n-1]+eps:
		nums["peak"] = p.Periods[hi].Brain
		return Finding{Kind: KindBrainPeaks, Period: p.Periods[hi].Label, Periods: ends, Numbers: nums}, true
	case lo > 0 && lo < n-1 && b[lo] < b[n-1]-eps:
		nums["low"] = p.Periods[lo].Brain
		return Finding{Kind: KindBrainDips, Period: p.Periods[lo].Label, Periods: ends, Numbers: nums}, true
	}
	return Finding{Kind: KindBrainUneven, Periods: ends, Numbers: nums}, true
}

// moneyClaims: the spend split between the central team, the local teams
// and investments, the central team's share of the FTE, and what the
// hires and exits cost once where the teams give such costs (part of the
// teams' spend).
func moneyClaims(p *Plan) []Finding {
	var central, staff, fteC, fteAll, moves float64
	for _, per := range p.Periods {
		central += per.CentralSpend
		staff += per.StaffSpend
		moves += per.HiringExitSpend
		fteC += per.CentralFTE
		fteAll += per.CentralFTE + per.LocalFTE
	}
	total := p.Totals.Spend
	if total < 0.5 {
		return []Finding{{Kind: KindNothingSpent}}
	}
	f := Finding{Kind: KindSpendSplit, Numbers: map[string]float64{
		"spend": total, "central_spend": central, "local_spend": staff - central, "investment_spend": total - staff,
	}}
	if fteAll > 0 {
		f.Numbers["central_fte_share"] = fteC / fteAll
	}
	if moves >= 0.5 {
		// As the views print money: less than half a dollar is none.
		f.Numbers["hiring_exit_spend"] = moves
	}
	return []Finding{f}
}

// investmentClaims: each investment on offer, bought (from when, at what
// total spend, and the work it does and the seller hours it gives back in
// the last period) or not.
func investmentClaims(p *Plan) []Finding {
	var out []Finding
	last := p.Periods[len(p.Periods)-1]
	for i, inv := range p.Periods[0].Investments {
		from := ""
		var cost float64
		for _, per := range p.Periods {
			x := per.Investments[i]
			cost += x.Spend
			if from == "" && Bought(x.Level) {
				from = per.Label
			}
		}
		if from == "" {
			out = append(out, Finding{Kind: KindInvestmentNotBought, Investment: inv.ID})
			continue
		}
		// The last period's sellers are the basis of its seller hours: the
		// investment notes give hours a year at the horizon's average
		// sellers, and a reader who sees both needs each one's basis.
		var sellers float64
		for _, r := range last.Regions {
			sellers += r.Sellers
		}
		f := Finding{Kind: KindInvestmentBought, Investment: inv.ID, Period: from, Periods: []string{last.Label},
			Numbers: map[string]float64{"spend": cost, "tool_fte": last.Investments[i].ToolFTE, "seller_hours": last.Investments[i].SellerHours, "sellers": sellers}}
		if inv.Owned {
			// Owned before the plan: in place, not a purchase of this
			// plan's (the words say "already owned").
			f.Numbers["owned"] = 1
		}
		out = append(out, f)
	}
	return out
}

// limitClaims: the limits an optimized plan reaches (Binding), a floor per
// function and region; and the budget left unspent, with what another
// MarginalBudget a year buys when the marginal values were computed (a
// re-solve: the claim that more money would not raise the scores rests on
// it, never on the unspent money alone).
func limitClaims(p *Plan) []Finding {
	var out []Finding
	for _, b := range p.Binding {
		lim := map[string]float64{"limit": b.Limit}
		switch b.Kind {
		case BindBudget:
			out = append(out, Finding{Kind: KindBudgetSpent, Periods: b.Periods})
		case BindHeadcountCap:
			out = append(out, Finding{Kind: KindHeadcountCapReached, Periods: b.Periods, Numbers: lim})
		case BindFloor:
			for _, r := range b.Regions {
				out = append(out, Finding{Kind: KindFloorBinds, Function: b.ID, Region: r.Region, Periods: r.Periods,
					Numbers: map[string]float64{"floor": b.Limit}})
			}
		case BindHireLimit:
			out = append(out, Finding{Kind: KindHireLimitReached, Team: b.ID, Periods: b.Periods, Numbers: lim})
		case BindExitLimit:
			out = append(out, Finding{Kind: KindExitLimitReached, Team: b.ID, Periods: b.Periods, Numbers: lim})
		case BindCentralShareMin:
			out = append(out, Finding{Kind: KindCentralShareMinReached, Periods: b.Periods, Numbers: lim})
		case BindCentralShareMax:
			out = append(out, Finding{Kind: KindCentralShareMaxReached, Periods: b.Periods, Numbers: lim})
		}
	}
	if len(out) == 0 {
		out = append(out, Finding{Kind: KindNoLimitBinds})
	}
	if u := p.Totals.Unspent; UnspentMin(u, p.Totals.Budget) {
		f := Finding{Kind: KindBudgetUnspent, Numbers: map[string]float64{"unspent": u}}
		for _, per := range p.Periods {
			if UnspentMin(per.Unspent, per.Budget) {
				f.Periods = append(f.Periods, per.Label)
			}
		}
		if m := p.Marginal; m != nil {
			f.Numbers["step"] = MarginalBudget
			f.Numbers["heart_points"] = m.Budget.Heart
			f.Numbers["brain_points"] = m.Budget.Brain
		}
		out = append(out, f)
	}
	if m := p.Marginal; m != nil && len(m.Budget.MakesHealthy) > 0 && len(m.Budget.MakesUnhealthy) == 0 {
		// The re-solve at MarginalBudget more makes the heart healthy
		// where it is not, and keeps it healthy where it is: the heart
		// plus 0.03 points read as "would not change" the heart that
		// money would fix. Not claimed when it costs another period its
		// health: then the marginal values' own words tell both.
		out = append(out, Finding{Kind: KindBudgetMakesHealthy, Periods: m.Budget.MakesHealthy,
			Numbers: map[string]float64{"step": MarginalBudget}})
	}
	return out
}

// searchStopped: the branch and bound stopped at its node limit (status
// optimal_within_gap), with how far the plan may be from the best in
// scores and money (Gaps): what holds the plan back may then be the
// search as well as its limits. Numbers: gap; heart_to_healthy_points
// (the heart_to_healthy stage's HeartPoints), heart_points and
// brain_points (weighted_scores'), spend_over (total_spend's Value -
// Bound), each where the stage stopped.
func searchStopped(p *Plan) (Finding, bool) {
	if p.Status != StatusOptimalWithinGap || p.Gap <= 0 {
		return Finding{}, false
	}
	f := Finding{Kind: KindSearchStopped, Numbers: map[string]float64{"gap": p.Gap}}
	for _, g := range p.Gaps {
		switch g.Stage {
		case GapHeart:
			if g.HeartPoints > 0 {
				f.Numbers["heart_to_healthy_points"] = g.HeartPoints
			}
		case GapScores:
			if g.HeartPoints > 0 {
				f.Numbers["heart_points"] = g.HeartPoints
			}
			if g.BrainPoints > 0 {
				f.Numbers["brain_points"] = g.BrainPoints
			}
		case GapSpend:
			if d := g.Value - g.Bound; d > 0 {
				f.Numbers["spend_over"] = d
			}
		}
	}
	return f, true
}
