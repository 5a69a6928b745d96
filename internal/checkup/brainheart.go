package checkup

import (
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// Sign 2, brain_before_heart: money on the brain while the heart is below
// healthy.

// Findings of brain_before_heart; the numbers are the evidence's, by its
// JSON names, and Period is the evidence's.
const (
	// KindNoBrainSpend: nothing on the brain, the heart not healthy
	// (heart, healthy_heart, heart_gap_fte; Function, Region and
	// weakest_coverage: the weakest heart cell, below healthy;
	// weakest_tied, when other heart functions in a region are as low as
	// printed, and weakest_all_tie, 1 when every heart cell is:
	// plan.HeartCellTies).
	KindNoBrainSpend = "no_brain_spend"
	// KindBrainEarned: the heart is healthy (heart, brain_spend,
	// brain_share).
	KindBrainEarned = "brain_earned"
	// KindBrainBeforeHeart: brain spend while the heart is not healthy
	// (brain_spend, brain_share, brain_fte, brain_tool_spend, heart,
	// healthy_heart, heart_fte_for_same_money, heart_gap_fte; watch and
	// act, the brain_spend thresholds the share is graded by; Function,
	// Region and weakest_coverage as for KindNoBrainSpend).
	KindBrainBeforeHeart = "brain_spend_heart_unhealthy"
	// Remedies: KindBrainShareLow, the brain share is below the watch
	// threshold (watch, plan_heart, plan_healthy, heart); KindMoveMoneyToHeart
	// (plan_brain_spend, plan_brain_share, plan_heart, plan_healthy, heart).
	// plan_healthy is 1 when the optimized plan's heart is healthy in the
	// period, else 0; heart is today's score.
	KindBrainShareLow    = "brain_share_below_watch"
	KindMoveMoneyToHeart = "move_money_to_heart"
)

// BrainBeforeHeartEvidence measures the money and people on brain work
// today against the heart score, in the first period; money is per year.
type BrainBeforeHeartEvidence struct {
	Period       string  `json:"period"`
	Heart        float64 `json:"heart"`
	HealthyHeart float64 `json:"healthy_heart"`
	// Healthy says every heart function is at healthy_heart or more in
	// every region; the heart score (Heart, their weighted mean) may be
	// above healthy_heart when it is not. Weakest is the heart cell with
	// the least coverage (nil when there is none).
	Healthy  bool       `json:"healthy"`
	Weakest  *plan.Cell `json:"weakest_heart,omitempty"`
	BrainFTE float64    `json:"brain_fte"`
	// BrainSpend is the yearly cost of brain staff plus the brain part of
	// the investments in place (each investment's running cost split by the
	// share of the work it does on brain functions).
	BrainSpend      float64 `json:"brain_spend"`
	BrainStaffSpend float64 `json:"brain_staff_spend"`
	BrainToolSpend  float64 `json:"brain_tool_spend"`
	Spend           float64 `json:"spend"`       // all of today's spend, per year
	BrainShare      float64 `json:"brain_share"` // BrainSpend / Spend
	// HeartGapFTE is the heart work short of healthy, in FTE: over the
	// heart cells below healthy_heart, demand times the coverage they
	// lack to reach it. (Until session 24 it was the work short of full
	// coverage, which a sentence about a heart not healthy overstated:
	// 10.0 FTE on the baseline against 7.4 to healthy.)
	HeartGapFTE float64 `json:"heart_gap_fte"`
	// HeartFTEForSameMoney is the heart staff the brain money would pay for:
	// the brain staff themselves, plus the tool money at the central team's
	// cost per FTE.
	HeartFTEForSameMoney float64 `json:"heart_fte_for_same_money"`
	// PlanHeart, PlanBrainSpend and PlanBrainShare are the optimized plan's,
	// in the same period.
	PlanHeart      float64 `json:"plan_heart"`
	PlanHealthy    bool    `json:"plan_healthy"`
	PlanBrainSpend float64 `json:"plan_brain_spend"`
	PlanBrainShare float64 `json:"plan_brain_share"`
}

// planNumbers adds to nums what a remedy says of the optimized plan's
// heart: its score, whether it is healthy, and today's score, with the
// healthy heart they are read against (a healthy score reads at or above
// it as printed).
func (ev *BrainBeforeHeartEvidence) planNumbers(nums map[string]float64) map[string]float64 {
	nums["plan_heart"], nums["heart"], nums["plan_healthy"], nums["healthy"] = ev.PlanHeart, ev.Heart, 0, 0
	nums["healthy_heart"] = ev.HealthyHeart
	if ev.PlanHealthy {
		nums["plan_healthy"] = 1
	}
	if ev.Healthy {
		nums["healthy"] = 1
	}
	return nums
}

// brainSpend is the yearly spend on brain work of allocation a in period t:
// staff, and each investment's running cost at its level split by the share
// of its work that is on brain functions. Upfront costs are not a running
// cost and are left out.
func brainSpend(s *scenario.Scenario, a *plan.Allocation, t int) (staff, tools, fteBrain float64) {
	// Each team's FTE at its average cost in t: a roster's kept staff at
	// their own cost, as the plan's spend counts them.
	central := plan.TeamCostPerFTE(s, a, 0, t)
	local := make([]float64, len(s.Regions))
	for r := range s.Regions {
		local[r] = plan.TeamCostPerFTE(s, a, r+1, t)
	}
	for f, fn := range s.Functions {
		if fn.Class != scenario.Brain {
			continue
		}
		for r := range s.Regions {
			staff += a.Local[f][r][t]*local[r] + a.Central[f][r][t]*central
			fteBrain += a.Local[f][r][t] + a.Central[f][r][t]
		}
	}
	for i, inv := range s.Investments {
		if a.Level[i][t] == 0 || inv.PerYear == 0 {
			continue
		}
		tools += inv.PerYear * a.Level[i][t] * brainPart(s, inv, t)
	}
	return staff, tools, fteBrain
}

// rosterPriced reports whether s's roster gives some team a cost of its
// own (Team.SplitsKept): its staff today are then at their team's average
// roster cost.
func rosterPriced(s *scenario.Scenario) bool {
	if s.Roster == "" {
		return false
	}
	if s.Central.SplitsKept() {
		return true
	}
	for _, r := range s.Regions {
		if r.SplitsKept() {
			return true
		}
	}
	return false
}

// brainPart is the share of an investment's work that is on brain
// functions: its covers shares weighted by each function's demand in period
// t (by the shares alone when there is no demand).
func brainPart(s *scenario.Scenario, inv scenario.Investment, t int) float64 {
	var brain, all, brainW, allW float64
	for f, fn := range s.Functions {
		share := inv.Covers[fn.ID]
		if share == 0 {
			continue
		}
		var d float64
		for r := range s.Regions {
			d += s.Demand(f, r, t)
		}
		all += share * d
		allW += share
		if fn.Class == scenario.Brain {
			brain += share * d
			brainW += share
		}
	}
	switch {
	case all > 0:
		return brain / all
	case allW > 0:
		return brainW / allW
	}
	return 0
}

func (e *exam) brainBeforeHeart() Sign {
	s := e.s
	const t = 0
	sign := Sign{ID: BrainBeforeHeart, Title: "Brain before heart"}
	asIs, opt := e.asIsPlan.Periods[t], e.optPlan.Periods[t]
	pf := s.PeriodFraction()
	ev := &BrainBeforeHeartEvidence{Period: asIs.Label, Heart: asIs.Heart, HealthyHeart: s.Policy.HealthyHeart, Healthy: asIs.Healthy,
		Weakest: asIs.WeakestHeart, Spend: asIs.Spend / pf, PlanHeart: opt.Heart, PlanHealthy: opt.Healthy}
	sign.Evidence = ev
	ev.BrainStaffSpend, ev.BrainToolSpend, ev.BrainFTE = brainSpend(s, e.asIs, t)
	ev.BrainSpend = ev.BrainStaffSpend + ev.BrainToolSpend
	if ev.Spend > 0 {
		ev.BrainShare = ev.BrainSpend / ev.Spend
	}
	for _, c := range asIs.Cells {
		if c.Class == string(scenario.Heart) && c.BelowHealthy {
			ev.HeartGapFTE += c.Demand * (s.Policy.HealthyHeart - c.Coverage)
		}
	}
	if s.Central.CostPerFTE > 0 {
		ev.HeartFTEForSameMoney = ev.BrainFTE + ev.BrainToolSpend/s.Central.CostPerFTE
	}
	staff, tools, _ := brainSpend(s, e.opt, t)
	ev.PlanBrainSpend = staff + tools
	if opt.Spend > 0 {
		ev.PlanBrainShare = ev.PlanBrainSpend / (opt.Spend / pf)
	}

	sign.Status = OK
	if !ev.Healthy {
		sign.Status = grade(ev.BrainShare, e.th(scenario.BrainSpendWatch), e.th(scenario.BrainSpendAct))
	}
	nums := map[string]float64{"heart": ev.Heart, "healthy_heart": ev.HealthyHeart, "heart_gap_fte": ev.HeartGapFTE,
		"brain_spend": ev.BrainSpend, "brain_share": ev.BrainShare}
	if rosterPriced(s) {
		// The model knows a roster team's average cost, not each person's:
		// the brain's staff cost is at it, and the words say so (an HR
		// export's brain people may cost more or less).
		nums["team_average"] = 1
	}
	var f plan.Finding
	switch {
	case ev.BrainSpend <= 0 && !ev.Healthy:
		f = finding(KindNoBrainSpend, nums)
	case ev.Healthy:
		f = finding(KindBrainEarned, nums)
	default:
		nums["brain_fte"], nums["brain_tool_spend"], nums["heart_fte_for_same_money"] = ev.BrainFTE, ev.BrainToolSpend, ev.HeartFTEForSameMoney
		// The thresholds the share is graded by: the words lead with why
		// the status is what it is (money on the brain while the heart is
		// not healthy reads as the sign itself, even when it is ok).
		nums["watch"], nums["act"] = e.th(scenario.BrainSpendWatch), e.th(scenario.BrainSpendAct)
		f = finding(KindBrainBeforeHeart, nums)
	}
	f.Period = ev.Period
	if w := ev.Weakest; w != nil && !ev.Healthy {
		// What makes the heart unhealthy: its score alone may be above
		// healthy (a function at 100% beside one at 80%).
		f.Function, f.Region = w.Function, w.Region
		f.Numbers["weakest_coverage"] = w.Coverage
		// A tie is said as one: "Compensation design in EMEA" alone
		// would read as the one weak spot where APAC's is as low.
		if others, all := asIs.WeakestHeartTies(); all {
			f.Numbers["weakest_all_tie"] = 1
		} else if others > 0 {
			f.Numbers["weakest_tied"] = float64(others)
		}
	}
	sign.Findings = []plan.Finding{f}
	switch {
	case sign.Status == OK && ev.Healthy:
		sign.Remedies = noneNeeded
	case sign.Status == OK:
		r := finding(KindBrainShareLow, ev.planNumbers(map[string]float64{"watch": e.th(scenario.BrainSpendWatch)}))
		r.Period = ev.Period
		sign.Remedies = []plan.Finding{r}
	default:
		r := finding(KindMoveMoneyToHeart, ev.planNumbers(map[string]float64{"plan_brain_spend": ev.PlanBrainSpend, "plan_brain_share": ev.PlanBrainShare, "brain_spend": ev.BrainSpend}))
		r.Period = ev.Period
		sign.Remedies = []plan.Finding{r}
	}
	return sign
}
