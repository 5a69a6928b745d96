package checkup

import (
	"math"
	"sort"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// Sign 3, lost_local_touch: local work delivered from the center, or a
// region left behind.

// Findings of lost_local_touch, in the order they are given: for today,
// then for the plan's worst period, a view (Period; central_share; with
// local heart functions, regions, how many regions have local heart
// demand, healthy_regions, how many of them are Healthy, and
// healthy_heart; when not every region is healthy and none is named
// behind, Function and Region of its lowest local heart cell,
// lowest_coverage, and lowest_function_max and lowest_function_regions,
// the highest any region covers that function and how many have demand
// for it), the
// region furthest behind in its local heart work when it is (Region,
// Period; coverage, gap; Functions, the local heart functions it is
// furthest behind the other regions in (furthestBehind), function_coverage
// theirs, others_coverage the other regions' average coverage of them,
// behind_functions how many local heart functions it is behind in and
// heart_functions how many it has demand for) and the worst cell below its
// floor when there is one (Function, Region, Period; coverage, floor,
// count of cells below their floor, and functions, how many functions
// those cells are of).
const (
	KindNoLocalFunctions = "no_local_functions"
	KindLocalViewToday   = "local_view_today"
	KindLocalViewPlan    = "local_view_plan"
	KindRegionBehind     = "region_behind"
	KindLocalBelowFloor  = "local_below_floor"
	// Remedies: KindLowerCentralShareMin (central_share_min);
	// KindPlanLeavesRegionBehind (Region, "" for none; Period; gap;
	// Functions, the region's local heart functions furthest behind the
	// other regions, to set floors on; and what holds it back there, heldBack's
	// numbers);
	// KindGiveLocalWorkBack, when today's center holds local work at the
	// watch level or more, else KindStaffLocalWork: the optimized plan in
	// today's period, to compare like with like (Period;
	// plan_central_share and today_central_share when the center holds
	// too much; Region, coverage_today and coverage_plan when a region is
	// behind; meets_floors 1 when today's floors are unmet). Either is
	// followed by the plan's own remedy when the plan's worst period is
	// watch or act.
	KindLowerCentralShareMin   = "lower_central_share_min"
	KindPlanLeavesRegionBehind = "plan_leaves_region_behind"
	KindGiveLocalWorkBack      = "give_local_work_back"
	KindStaffLocalWork         = "staff_local_functions"
)

// LostLocalTouchEvidence looks at the local-locality functions (those that
// need intimate knowledge of local customers) today and in the optimized
// plan.
type LostLocalTouchEvidence struct {
	Functions []string `json:"functions"` // the local-locality functions
	// HeartFunctions are the local-locality heart functions, which the
	// regions' coverage counts: a brain function declared local is work
	// a heart-first plan puts off by design, not a region losing touch.
	HeartFunctions []string  `json:"heart_functions"`
	AsIs           LocalView `json:"as_is"` // today, in the first period
	Plan           LocalView `json:"plan"`  // the optimized plan's worst period
}

// LocalView is the local-touch picture of one allocation in one period.
type LocalView struct {
	Period string `json:"period"`
	Status string `json:"status"`
	// CentralShare is the share of the staff on local functions who sit in
	// the central team.
	CentralShare float64 `json:"central_share"`
	// Regions gives each region's coverage of its local heart work
	// (covered demand over demand of the local heart functions).
	Regions []RegionLocal `json:"regions"`
	// Weakest is the region furthest below the others' average among those
	// behind in some function (behindIn), and Gap how far (0 with one
	// region, or none behind).
	Weakest string  `json:"weakest"`
	Gap     float64 `json:"gap"`
	// BelowFloor lists the local functions in a region whose coverage is
	// below the function's floor, the furthest below first. BelowFloorText
	// is the same in words ("desk in South (50.0%, floor 60.0%)"), written
	// by the view.
	BelowFloor     []FloorShortfall `json:"below_floor_cells"`
	BelowFloorText []string         `json:"below_floor"`
}

// FloorShortfall is a function covered below its floor in a region.
type FloorShortfall struct {
	Function string  `json:"function"`
	Region   string  `json:"region"`
	Coverage float64 `json:"coverage"`
	Floor    float64 `json:"floor"`
}

// RegionLocal is a region's coverage of its local heart work, and of each
// local heart function it has demand for (Coverage is their mean weighted
// by demand).
type RegionLocal struct {
	Name      string          `json:"name"`
	Coverage  float64         `json:"coverage"`
	Functions []FunctionLocal `json:"functions"`
	// Healthy: every local heart function the region has demand for is at
	// or above healthy_heart as the plan judges it (healthyCell). Such a
	// region is never the one behind (Weakest), however far below the
	// other regions it reads.
	Healthy bool `json:"healthy"`
}

// FunctionLocal is a local heart function's coverage in a region.
type FunctionLocal struct {
	Function string  `json:"function"`
	Coverage float64 `json:"coverage"`
	Demand   float64 `json:"demand"`
}

// localView is allocation a's local-touch picture in period t: fs are the
// local functions (their staff's central share, their floors), hs the
// local heart functions (the regions' coverage and gap). p is the plan
// built from a, whose cells say which heart work is healthy.
func (e *exam) localView(a *plan.Allocation, p *plan.Plan, t int, fs, hs []int) LocalView {
	s := e.s
	v := LocalView{Period: s.PeriodLabel(t), Regions: []RegionLocal{}, BelowFloor: []FloorShortfall{}, BelowFloorText: []string{}}
	var central, all float64
	for _, f := range fs {
		for r := range s.Regions {
			central += a.Central[f][r][t]
			all += a.Central[f][r][t] + a.Local[f][r][t]
		}
	}
	if all > 0 {
		v.CentralShare = central / all
	}
	for r, reg := range s.Regions {
		for _, f := range fs {
			d := s.Demand(f, r, t)
			c := plan.Coverage(s, a, f, r, t)
			if fn := s.Functions[f]; d > 0 && c < fn.MinCoverage-plan.VerifyTol {
				v.BelowFloor = append(v.BelowFloor, FloorShortfall{Function: fn.ID, Region: reg.Name, Coverage: c, Floor: fn.MinCoverage})
			}
		}
		rl := RegionLocal{Name: reg.Name, Coverage: 1, Functions: []FunctionLocal{}, Healthy: true}
		var covered, demand float64
		for _, f := range hs {
			d := s.Demand(f, r, t)
			if d <= 0 {
				continue
			}
			c := plan.Coverage(s, a, f, r, t)
			rl.Functions = append(rl.Functions, FunctionLocal{Function: s.Functions[f].ID, Coverage: c, Demand: d})
			if !healthyCell(p, t, s.Functions[f].ID, reg.ID, s.Policy.HealthyHeart) {
				rl.Healthy = false
			}
			covered += c * d
			demand += d
		}
		if demand > 0 {
			rl.Coverage = covered / demand
		}
		v.Regions = append(v.Regions, rl)
	}
	if n := len(v.Regions); n > 1 {
		var sum float64
		for _, rl := range v.Regions {
			sum += rl.Coverage
		}
		for i, rl := range v.Regions {
			gap := (sum-rl.Coverage)/float64(n-1) - rl.Coverage
			if gap > v.Gap+1e-6 && !rl.Healthy && len(behindIn(v.Regions, i)) > 0 {
				v.Gap, v.Weakest = gap, rl.Name
			}
		}
	}
	// Worst shortfall first.
	sort.SliceStable(v.BelowFloor, func(i, j int) bool {
		return v.BelowFloor[i].Floor-v.BelowFloor[i].Coverage > v.BelowFloor[j].Floor-v.BelowFloor[j].Coverage
	})
	v.Status = worse(grade(v.CentralShare, e.th(scenario.LocalCentralShareWatch), e.th(scenario.LocalCentralShareAct)),
		grade(v.Gap, e.th(scenario.RegionGapWatch), e.th(scenario.RegionGapAct)))
	if len(v.BelowFloor) > 0 {
		v.Status = Act
	}
	return v
}

func (e *exam) lostLocalTouch() Sign {
	s := e.s
	sign := Sign{ID: LostLocalTouch, Title: "Losing touch with the local team"}
	var fs, hs []int
	ev := &LostLocalTouchEvidence{Functions: []string{}, HeartFunctions: []string{}}
	for f, fn := range s.Functions {
		if fn.Locality == scenario.Local {
			fs = append(fs, f)
			ev.Functions = append(ev.Functions, fn.ID)
			if fn.Class == scenario.Heart {
				hs = append(hs, f)
				ev.HeartFunctions = append(ev.HeartFunctions, fn.ID)
			}
		}
	}
	sign.Evidence = ev
	ev.AsIs = e.localView(e.asIs, e.asIsPlan, 0, fs, hs)
	for t := 0; t < s.Periods(); t++ {
		v := e.localView(e.opt, e.optPlan, t, fs, hs)
		if t == 0 || rank(v.Status) > rank(ev.Plan.Status) ||
			rank(v.Status) == rank(ev.Plan.Status) && v.CentralShare+v.Gap > ev.Plan.CentralShare+ev.Plan.Gap+1e-12 {
			ev.Plan = v
		}
	}
	if len(fs) == 0 {
		sign.Status = OK
		sign.Findings = []plan.Finding{{Kind: KindNoLocalFunctions}}
		sign.Remedies = noneNeeded
		return sign
	}
	sign.Status = worse(ev.AsIs.Status, ev.Plan.Status)
	describe := func(kind string, v LocalView) []plan.Finding {
		out := []plan.Finding{{Kind: kind, Period: v.Period, Numbers: map[string]float64{"central_share": v.CentralShare}}}
		// How many regions have local heart work, and how many of them
		// do all of it at healthy: a view that names no region behind
		// says whether that is because every region is healthy (the
		// words need the threshold too), not the central share alone.
		if len(hs) > 0 {
			var regions, healthy float64
			for _, rl := range v.Regions {
				if len(rl.Functions) > 0 {
					regions++
					if rl.Healthy {
						healthy++
					}
				}
			}
			out[0].Numbers["regions"], out[0].Numbers["healthy_regions"], out[0].Numbers["healthy_heart"] = regions, healthy, s.Policy.HealthyHeart
			// A view that names no region behind while not every region
			// is healthy (the baseline's plan at budget.annual=4e6 covers
			// each local heart function alike in every region, Proposals
			// at 60.0%) says what holds instead: its lowest local heart
			// cell (Function, Region; lowest_coverage), and the highest
			// any region with demand for that function covers it
			// (lowest_function_max), so that the words can say whether
			// every region is as low.
			if healthy < regions && !(v.Weakest != "" && v.Gap >= 0.001) {
				fn, reg, low := lowestCell(v)
				hi := low
				var with float64
				for _, rl := range v.Regions {
					for _, fl := range rl.Functions {
						if fl.Function == fn {
							with++
							hi = math.Max(hi, fl.Coverage)
						}
					}
				}
				out[0].Function, out[0].Region = fn, reg
				out[0].Numbers["lowest_coverage"], out[0].Numbers["lowest_function_max"], out[0].Numbers["lowest_function_regions"] = low, hi, with
			}
		}
		if v.Weakest != "" && v.Gap >= 0.001 {
			f := plan.Finding{Kind: KindRegionBehind, Region: v.Weakest, Period: v.Period,
				Numbers: map[string]float64{"coverage": coverageOf(v, v.Weakest), "gap": v.Gap}}
			// The function behind the gap: a leader acts on sales
			// support in EMEA, not on "local work", and on the work the
			// region does less of than the others, not on work every
			// region is as low in.
			if ids, cov, others, k := furthestBehind(v, v.Weakest); len(ids) > 0 {
				f.Functions = ids
				f.Numbers["function_coverage"], f.Numbers["others_coverage"], f.Numbers["behind_functions"] = cov, others, float64(k)
				f.Numbers["heart_functions"] = float64(len(regionOf(v, v.Weakest).Functions))
			}
			out = append(out, f)
		}
		if len(v.BelowFloor) > 0 {
			w := v.BelowFloor[0]
			// count is of function-region cells; functions of distinct
			// functions among them ("5 local functions below their floor"
			// read wrong when they were 2 functions in 5 regions' cells).
			fns := map[string]bool{}
			for _, c := range v.BelowFloor {
				fns[c.Function] = true
			}
			out = append(out, plan.Finding{Kind: KindLocalBelowFloor, Function: w.Function, Region: w.Region, Period: v.Period,
				Numbers: map[string]float64{"coverage": w.Coverage, "floor": w.Floor, "count": float64(len(v.BelowFloor)), "functions": float64(len(fns))}})
		}
		return out
	}
	sign.Findings = append(describe(KindLocalViewToday, ev.AsIs), describe(KindLocalViewPlan, ev.Plan)...)
	centralGrade := func(v LocalView) string {
		return grade(v.CentralShare, e.th(scenario.LocalCentralShareWatch), e.th(scenario.LocalCentralShareAct))
	}
	// planOwn is the remedy for what the optimized plan itself does in its
	// worst period.
	planOwn := func() plan.Finding {
		if s.Policy.CentralShare.Min > 0 && rank(centralGrade(ev.Plan)) > 0 {
			return finding(KindLowerCentralShareMin, map[string]float64{"central_share_min": s.Policy.CentralShare.Min})
		}
		nums := heldBack(e.optPlan, ev.Plan.Weakest, ev.Plan.Period)
		nums["gap"] = ev.Plan.Gap
		r := plan.Finding{Kind: KindPlanLeavesRegionBehind, Region: ev.Plan.Weakest, Period: ev.Plan.Period, Numbers: nums}
		// The floor to set is on the heart functions behind the gap.
		r.Functions, _, _, _ = furthestBehind(ev.Plan, ev.Plan.Weakest)
		return r
	}
	switch {
	case sign.Status == OK:
		sign.Remedies = noneNeeded
	case rank(ev.Plan.Status) >= rank(ev.AsIs.Status):
		sign.Remedies = []plan.Finding{planOwn()}
	default:
		// Today against the optimized plan in the same period (the plan's
		// worst period may be a later one, with more sellers).
		now := e.localView(e.opt, e.optPlan, 0, fs, hs)
		// Nothing to give back when today's center does not hold the
		// local work: the regions are short of staff.
		r := plan.Finding{Kind: KindStaffLocalWork, Period: now.Period, Numbers: map[string]float64{}}
		if rank(centralGrade(ev.AsIs)) > 0 {
			r.Kind = KindGiveLocalWorkBack
			r.Numbers["plan_central_share"], r.Numbers["today_central_share"] = now.CentralShare, ev.AsIs.CentralShare
		}
		if w := ev.AsIs.Weakest; w != "" && (ev.AsIs.Gap >= e.th(scenario.RegionGapWatch) || len(ev.AsIs.BelowFloor) > 0) {
			r.Region = w
			r.Numbers["coverage_today"], r.Numbers["coverage_plan"] = coverageOf(ev.AsIs, w), coverageOf(now, w)
		}
		if len(ev.AsIs.BelowFloor) > 0 && len(now.BelowFloor) == 0 {
			r.Numbers["meets_floors"] = 1
		}
		sign.Remedies = []plan.Finding{r}
		if rank(ev.Plan.Status) > 0 {
			// The plan mends today's sign and shows one of its own.
			sign.Remedies = append(sign.Remedies, planOwn())
		}
	}
	return sign
}

// lowestCell is the view's lowest local heart cell (function, region,
// coverage), the first in the regions' and functions' order on a tie.
func lowestCell(v LocalView) (function, region string, coverage float64) {
	coverage = math.Inf(1)
	for _, rl := range v.Regions {
		for _, fl := range rl.Functions {
			if fl.Coverage < coverage {
				function, region, coverage = fl.Function, rl.Name, fl.Coverage
			}
		}
	}
	return function, region, coverage
}

// regionBehindTol is how far below the other regions a region must cover
// one of its local heart functions to be behind in it: coverage prints to a
// tenth of a point, and a function less than a tenth below the others may
// print level with them ("Proposals at 60.0% against the other regions'
// 60.0%").
const regionBehindTol = 0.001

// behindIn returns the local heart functions region i covers below the
// other regions' average coverage of them (those with demand for it; a
// function no other region has, below the others' coverage of their local
// heart work), in the region's order, each with the others' coverage. A
// region behind in none is not behind, whatever its total: its coverage
// is lower only because more of its demand is in work every region covers
// less. Budget cut to $4M, the baseline's plan covers each local heart
// function alike in every region (Proposals at 60.0%, Sales support 75.0%,
// Compensation design 90.0%), and North America, heavier in proposals,
// read "72.9% of its local heart work, 0.4 points below the other
// regions"; with a mix further apart, such a gap alone made the sign
// watch.
func behindIn(regions []RegionLocal, i int) []functionBehind {
	var others float64
	for j, o := range regions {
		if j != i {
			others += o.Coverage
		}
	}
	others /= float64(len(regions) - 1)
	var out []functionBehind
	for _, fl := range regions[i].Functions {
		var sum float64
		n := 0
		for j, o := range regions {
			if j == i {
				continue
			}
			for _, g := range o.Functions {
				if g.Function == fl.Function {
					sum, n = sum+g.Coverage, n+1
				}
			}
		}
		ref := others
		if n > 0 {
			ref = sum / float64(n)
		}
		if fl.Coverage < ref-regionBehindTol {
			out = append(out, functionBehind{function: fl.Function, coverage: fl.Coverage, others: ref})
		}
	}
	return out
}

// healthyCell reports whether the heart work of function in region (by
// id) in period t of plan p is at or above healthy h, as the plan judges
// health: not BelowHealthy, i.e. within its cell's tolerance (CellTol) of
// h or above; a heart cell that counts in no score (tolerance 0) only at h
// or above. A region whose every local heart function is healthy is not
// losing local touch, whatever the others reach: in whole-people.yaml the
// plan's EMEA covers sales support at the healthy 90.0% and read "10.0
// points below the other regions", whom whole people put at 100%. A cell
// the plan lacks is not healthy.
func healthyCell(p *plan.Plan, t int, function, regionID string, h float64) bool {
	if p == nil || t >= len(p.Periods) {
		return false
	}
	c := p.Periods[t].Cell(function, regionID)
	return c != nil && !c.BelowHealthy && c.Coverage >= h-c.HealthyTol()
}

// functionBehind is a local heart function a region covers below the
// other regions (others, their average coverage of it).
type functionBehind struct {
	function         string
	coverage, others float64
}

// furthestBehind names the function behind region name's gap in view v:
// of the local heart functions it is behind the others in, the one
// furthest below them (every one of a tie at the same coverage against
// the same, in the scenario's order), with its coverage, the others', and
// how many functions the region is behind in. Its lowest function need
// not be it: with the central team cheap, the baseline's plan in 2027-Q4
// has APAC's Sales support and Proposals at 90.0% as in every region, and
// its Compensation design at 92.9% against 100.0%; the evidence named
// "lowest: Sales support and Proposals at 90.0%", and a remedy would have
// set a floor on Proposals.
func furthestBehind(v LocalView, name string) (ids []string, cov, others float64, behind int) {
	i := -1
	for j, r := range v.Regions {
		if r.Name == name {
			i = j
		}
	}
	if i < 0 {
		return nil, 0, 0, 0
	}
	fb := behindIn(v.Regions, i)
	if len(fb) == 0 {
		return nil, 0, 0, 0
	}
	w := fb[0]
	for _, f := range fb {
		if f.others-f.coverage > w.others-w.coverage+1e-9 {
			w = f
		}
	}
	for _, f := range fb {
		if math.Abs(f.coverage-w.coverage) <= 1e-9 && math.Abs(f.others-w.others) <= 1e-9 {
			ids = append(ids, f.function)
		}
	}
	return ids, w.coverage, w.others, len(fb)
}

// regionOf is the named region of view v.
func regionOf(v LocalView, name string) RegionLocal {
	for _, r := range v.Regions {
		if r.Name == name {
			return r
		}
	}
	return RegionLocal{}
}

func coverageOf(v LocalView, name string) float64 { return regionOf(v, name).Coverage }

// heldBack is what the optimized plan p reaches that may hold region back
// in period, as numbers of a plan_leaves_region_behind remedy: the budget
// spent in full then (budget_spent 1); the region's and the central team's
// hire limits reached then or before, which the staff of later periods
// carry (region_hire_limit, central_hire_limit: the limit a period); the
// headcount cap (headcount_cap) and the central share's bounds
// (central_share_max, central_share_min) reached then. None of them: the
// plan's weights, not a limit, leave the region behind.
func heldBack(p *plan.Plan, region, period string) map[string]float64 {
	out := map[string]float64{}
	if p == nil {
		return out
	}
	index := map[string]int{}
	for t, per := range p.Periods {
		index[per.Label] = t
	}
	at, ok := index[period]
	if !ok {
		return out
	}
	reached := func(periods []string, orBefore bool) bool {
		for _, l := range periods {
			if t, ok := index[l]; ok && (t == at || orBefore && t < at) {
				return true
			}
		}
		return false
	}
	for _, b := range p.Binding {
		switch {
		case b.Kind == plan.BindBudget && reached(b.Periods, false):
			out["budget_spent"] = 1
		case b.Kind == plan.BindHireLimit && b.ID == region && reached(b.Periods, true):
			out["region_hire_limit"] = b.Limit
		case b.Kind == plan.BindHireLimit && b.ID == "central" && reached(b.Periods, true):
			out["central_hire_limit"] = b.Limit
		case b.Kind == plan.BindHeadcountCap && reached(b.Periods, false):
			out["headcount_cap"] = b.Limit
		case b.Kind == plan.BindCentralShareMax && reached(b.Periods, false):
			out["central_share_max"] = b.Limit
		case b.Kind == plan.BindCentralShareMin && reached(b.Periods, false):
			out["central_share_min"] = b.Limit
		}
	}
	return out
}
