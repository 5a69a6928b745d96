package checkup

import (
	"sort"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// Sign 3, lost_local_touch: local work delivered from the center, or a
// region left behind.

// Findings of lost_local_touch, in the order they are given: for today,
// then for the plan's worst period, a view (Period; central_share), the
// region furthest behind when it is (Region, Period; coverage, gap) and the
// worst cell below its floor when there is one (Function, Region, Period;
// coverage, floor, count of cells below their floor, and functions, how
// many functions those cells are of).
const (
	KindNoLocalFunctions = "no_local_functions"
	KindLocalViewToday   = "local_view_today"
	KindLocalViewPlan    = "local_view_plan"
	KindRegionBehind     = "region_behind"
	KindLocalBelowFloor  = "local_below_floor"
	// Remedies: KindLowerCentralShareMin (central_share_min);
	// KindPlanLeavesRegionBehind (Region, "" for none; Period; gap; and
	// what holds it back there, heldBack's numbers);
	// KindGiveLocalWorkBack (Period; plan_central_share and
	// today_central_share when the center holds too much; Region,
	// coverage_today and coverage_plan when a region is lifted; meets_floors
	// 1 when today's floors are unmet).
	KindLowerCentralShareMin   = "lower_central_share_min"
	KindPlanLeavesRegionBehind = "plan_leaves_region_behind"
	KindGiveLocalWorkBack      = "give_local_work_back"
)

// LostLocalTouchEvidence looks at the local-locality functions (those that
// need intimate knowledge of local customers) today and in the optimized
// plan.
type LostLocalTouchEvidence struct {
	Functions []string  `json:"functions"` // the local-locality functions
	AsIs      LocalView `json:"as_is"`     // today, in the first period
	Plan      LocalView `json:"plan"`      // the optimized plan's worst period
}

// LocalView is the local-touch picture of one allocation in one period.
type LocalView struct {
	Period string `json:"period"`
	Status string `json:"status"`
	// CentralShare is the share of the staff on local functions who sit in
	// the central team.
	CentralShare float64 `json:"central_share"`
	// Regions gives each region's coverage of its local work (covered
	// demand over demand of the local functions).
	Regions []RegionLocal `json:"regions"`
	// Weakest is the region furthest below the others' average, and Gap how
	// far (0 with one region).
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

// RegionLocal is a region's coverage of its local work.
type RegionLocal struct {
	Name     string  `json:"name"`
	Coverage float64 `json:"coverage"`
}

func (e *exam) localView(a *plan.Allocation, t int, fs []int) LocalView {
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
		var covered, demand float64
		for _, f := range fs {
			d := s.Demand(f, r, t)
			c := plan.Coverage(s, a, f, r, t)
			covered += c * d
			demand += d
			if fn := s.Functions[f]; d > 0 && c < fn.MinCoverage-plan.VerifyTol {
				v.BelowFloor = append(v.BelowFloor, FloorShortfall{Function: fn.ID, Region: reg.Name, Coverage: c, Floor: fn.MinCoverage})
			}
		}
		cov := 1.0
		if demand > 0 {
			cov = covered / demand
		}
		v.Regions = append(v.Regions, RegionLocal{Name: reg.Name, Coverage: cov})
	}
	if n := len(v.Regions); n > 1 {
		var sum float64
		for _, rl := range v.Regions {
			sum += rl.Coverage
		}
		for _, rl := range v.Regions {
			if gap := (sum-rl.Coverage)/float64(n-1) - rl.Coverage; gap > v.Gap+1e-6 {
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
	var fs []int
	ev := &LostLocalTouchEvidence{Functions: []string{}}
	for f, fn := range s.Functions {
		if fn.Locality == scenario.Local {
			fs = append(fs, f)
			ev.Functions = append(ev.Functions, fn.ID)
		}
	}
	sign.Evidence = ev
	ev.AsIs = e.localView(e.asIs, 0, fs)
	for t := 0; t < s.Periods(); t++ {
		v := e.localView(e.opt, t, fs)
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
		if v.Weakest != "" && v.Gap >= 0.001 {
			out = append(out, plan.Finding{Kind: KindRegionBehind, Region: v.Weakest, Period: v.Period,
				Numbers: map[string]float64{"coverage": coverageOf(v, v.Weakest), "gap": v.Gap}})
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
	switch {
	case sign.Status == OK:
		sign.Remedies = noneNeeded
	case rank(ev.Plan.Status) >= rank(ev.AsIs.Status) && s.Policy.CentralShare.Min > 0 && rank(centralGrade(ev.Plan)) > 0:
		sign.Remedies = []plan.Finding{finding(KindLowerCentralShareMin, map[string]float64{"central_share_min": s.Policy.CentralShare.Min})}
	case rank(ev.Plan.Status) >= rank(ev.AsIs.Status):
		nums := heldBack(e.optPlan, ev.Plan.Weakest, ev.Plan.Period)
		nums["gap"] = ev.Plan.Gap
		sign.Remedies = []plan.Finding{{Kind: KindPlanLeavesRegionBehind, Region: ev.Plan.Weakest, Period: ev.Plan.Period, Numbers: nums}}
	default:
		r := plan.Finding{Kind: KindGiveLocalWorkBack, Period: ev.Plan.Period, Numbers: map[string]float64{}}
		if rank(centralGrade(ev.AsIs)) > 0 {
			r.Numbers["plan_central_share"], r.Numbers["today_central_share"] = ev.Plan.CentralShare, ev.AsIs.CentralShare
		}
		if w := ev.AsIs.Weakest; w != "" && (ev.AsIs.Gap >= e.th(scenario.RegionGapWatch) || len(ev.AsIs.BelowFloor) > 0) {
			r.Region = w
			r.Numbers["coverage_today"], r.Numbers["coverage_plan"] = coverageOf(ev.AsIs, w), coverageOf(ev.Plan, w)
		}
		if len(ev.AsIs.BelowFloor) > 0 {
			r.Numbers["meets_floors"] = 1
		}
		sign.Remedies = []plan.Finding{r}
	}
	return sign
}

func coverageOf(v LocalView, name string) float64 {
	for _, r := range v.Regions {
		if r.Name == name {
			return r.Coverage
		}
	}
	return 0
}

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
