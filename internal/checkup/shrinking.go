package checkup

import (
	"context"
	"math"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// Sign 4, shrinking_budget: the budget falling while heart demand grows
// (or holds flat, or falls less).

// Findings of shrinking_budget.
const (
	// KindOnePeriod: one period, no trajectory.
	KindOnePeriod = "one_period"
	// KindBudgetVsDemand: the budget per period and heart demand (FTE),
	// first and last, and their changes per year: budget_first,
	// budget_last, budget_change, heart_demand_first, heart_demand_last,
	// heart_demand_change; min_fall, the least budget_change that counts
	// as shrinking (minBudgetFall); flat_demand, the heart_demand_change
	// either side of which heart demand holds flat (flatDemand); squeeze,
	// the change a year of the budget per heart FTE, and squeeze_watch,
	// the fall of it that counts against falling demand and grades watch
	// (budget_squeeze_watch); Periods first and last.
	KindBudgetVsDemand = "budget_vs_heart_demand"
	// KindHeartFallsBelowHealthy: the optimized heart in the first
	// unhealthy Period (heart). KindHeartStaysHealthy: through the last
	// Period.
	KindHeartFallsBelowHealthy = "heart_falls_below_healthy"
	KindHeartStaysHealthy      = "heart_stays_healthy"
	// Remedies, from the budget case for a healthy heart in every period:
	// KindNoBudgetKeepsHealthy, followed by the budget case's explanation
	// (plan.ExplainBudgetCase: which limits stand in the way, and the
	// smallest change to them); KindKeepAtLeast (least_annual, scale,
	// annual: the least on the trajectory is at or below today's);
	// KindKeepShareAtLeast (scale, per-period budgets); KindRaiseTo
	// (least_annual, scale, annual); KindRaiseBy (scale, per-period
	// budgets); each KindRaise... is followed by KindPeriodNeeds, the
	// period that sets the scale (Period; spend, the least it needs, and
	// budget).
	KindNoBudgetKeepsHealthy = "no_budget_keeps_heart_healthy"
	KindKeepAtLeast          = "keep_at_least"
	KindKeepShareAtLeast     = "keep_share_at_least"
	KindRaiseTo              = "raise_to"
	KindRaiseBy              = "raise_by"
	KindPeriodNeeds          = "period_needs"
)

// ShrinkingBudgetEvidence compares the budget's trajectory with the heart
// demand's, and says when the optimized heart stops being healthy and what
// budget would keep it healthy.
type ShrinkingBudgetEvidence struct {
	FirstPeriod string  `json:"first_period"`
	LastPeriod  string  `json:"last_period"`
	BudgetFirst float64 `json:"budget_first"` // per period
	BudgetLast  float64 `json:"budget_last"`
	// BudgetChange, HeartDemandChange and Squeeze are per year, compounded:
	// the budget's, the heart demand's (FTE) and the budget per FTE of heart
	// demand's.
	BudgetChange      float64 `json:"budget_change"`
	HeartDemandFirst  float64 `json:"heart_demand_first"`
	HeartDemandLast   float64 `json:"heart_demand_last"`
	HeartDemandChange float64 `json:"heart_demand_change"`
	Squeeze           float64 `json:"squeeze"`
	// Shrinking: the budget falls (minBudgetFall) while heart demand grows
	// or holds flat (flatDemand), or falls too but less, the budget per
	// heart FTE falling by budget_squeeze_watch a year or more.
	Shrinking bool `json:"shrinking"`
	// FirstUnhealthy is the first period in which the optimized heart is
	// below healthy ("" when it never is), and Heart its heart there.
	FirstUnhealthy string  `json:"first_unhealthy"`
	Heart          float64 `json:"heart"`
	// HealthyBudget is the budget case for a healthy heart in every period
	// (computed when the budget shrinks), or null.
	HealthyBudget *plan.BudgetCaseResult `json:"healthy_budget"`
}

// minBudgetFall is the least fall of the budget a year, compounded, that
// counts as shrinking. A smaller one is flat for a sales ops leader: on
// the baseline's $6.2M it is less than $62k a year, under half a person at
// $150k, and it printed as "$1.60M to $1.60M a quarter (-0.0% a year)";
// yet, heart demand growing, a cut of 0.01% a year made the sign watch (or
// act), where the same budget held flat is ok.
const minBudgetFall = 0.01

// flatDemand is how far heart demand may move a year, compounded, either
// way, and still hold flat for a sales ops leader: on the baseline's 43.7
// heart FTE 1% is under half a person a year, the budget's own materiality
// (minBudgetFall). A budget that falls while demand holds flat squeezes
// the heart all the same, and is graded as against growing demand: with
// sellers held flat, shrinking-budget.yaml's 10% cut a year read ok, and
// with demand up 0.01% a year watch or act, a negligible input flipping
// the sign.
const flatDemand = 0.01

func (e *exam) shrinkingBudget(ctx context.Context) (Sign, error) {
	s := e.s
	sign := Sign{ID: ShrinkingBudget, Title: "Shrinking budget"}
	last := s.Periods() - 1
	heartDemand := func(t int) float64 {
		var d float64
		for f, fn := range s.Functions {
			if fn.Class == scenario.Heart {
				for r := range s.Regions {
					d += s.Demand(f, r, t)
				}
			}
		}
		return d
	}
	ev := &ShrinkingBudgetEvidence{
		FirstPeriod: s.PeriodLabel(0), LastPeriod: s.PeriodLabel(last),
		BudgetFirst: s.PeriodBudget(0), BudgetLast: s.PeriodBudget(last),
		HeartDemandFirst: heartDemand(0), HeartDemandLast: heartDemand(last),
	}
	sign.Evidence = ev
	for _, per := range e.optPlan.Periods {
		if !per.Healthy {
			ev.FirstUnhealthy, ev.Heart = per.Label, per.Heart
			break
		}
	}
	years := float64(last) * s.PeriodFraction()
	perYear := func(first, last float64) float64 {
		if years == 0 || first <= 0 || last <= 0 {
			return 0
		}
		return math.Pow(last/first, 1/years) - 1
	}
	ev.BudgetChange = perYear(ev.BudgetFirst, ev.BudgetLast)
	ev.HeartDemandChange = perYear(ev.HeartDemandFirst, ev.HeartDemandLast)
	if ev.HeartDemandFirst > 0 && ev.HeartDemandLast > 0 {
		ev.Squeeze = perYear(ev.BudgetFirst/ev.HeartDemandFirst, ev.BudgetLast/ev.HeartDemandLast)
	}
	const rel = 1e-9
	// A budget that falls to nothing has no change per year (perYear's 0)
	// and falls all the same.
	falls := last > 0 && (ev.BudgetChange <= -minBudgetFall+rel || ev.BudgetLast <= 0 && ev.BudgetFirst > 0)
	// Heart demand holds when it grows, by any amount (from none too), or
	// falls by less than flatDemand a year; none at all has no heart to
	// squeeze.
	holds := ev.HeartDemandLast > ev.HeartDemandFirst*(1+rel) ||
		ev.HeartDemandFirst > 0 && ev.HeartDemandLast > 0 && ev.HeartDemandChange > -flatDemand+rel
	// Heart demand that falls too squeezes the heart when the budget falls
	// faster: the budget per heart FTE falling by the sign's own squeeze
	// threshold (budget_squeeze_watch) a year or more, the grade's test,
	// so that such a budget is watch at least. A budget cut 10% a year
	// against demand falling 2% leaves 8% less a year for each heart FTE,
	// and read ok where the same cut against flat demand is watch; a cut
	// that only tracks falling demand is no squeeze.
	// A budget that falls to nothing (no squeeze a year) squeezes it all.
	squeezed := ev.HeartDemandFirst > 0 && ev.HeartDemandLast > 0 &&
		(-ev.Squeeze >= e.th(scenario.BudgetSqueezeWatch) || ev.BudgetLast <= 0)
	ev.Shrinking = falls && (holds || squeezed)
	if last == 0 {
		sign.Findings = []plan.Finding{{Kind: KindOnePeriod}}
	} else {
		sign.Findings = []plan.Finding{{Kind: KindBudgetVsDemand, Periods: []string{ev.FirstPeriod, ev.LastPeriod}, Numbers: map[string]float64{
			"budget_first": ev.BudgetFirst, "budget_last": ev.BudgetLast, "budget_change": ev.BudgetChange,
			"heart_demand_first": ev.HeartDemandFirst, "heart_demand_last": ev.HeartDemandLast, "heart_demand_change": ev.HeartDemandChange,
			"min_fall": minBudgetFall, "flat_demand": flatDemand,
			"squeeze": ev.Squeeze, "squeeze_watch": e.th(scenario.BudgetSqueezeWatch),
		}}}
	}
	if !ev.Shrinking {
		sign.Status = OK
		sign.Remedies = noneNeeded
		return sign, nil
	}
	bc, err := plan.BudgetCase(ctx, s, e.lp, s.Policy.HealthyHeart, 0)
	if err != nil {
		return sign, err
	}
	ev.HealthyBudget = bc
	if ev.FirstUnhealthy != "" {
		sign.Status = Act
		sign.Findings = append(sign.Findings, plan.Finding{Kind: KindHeartFallsBelowHealthy, Period: ev.FirstUnhealthy, Numbers: map[string]float64{"heart": ev.Heart}})
	} else {
		sign.Status = grade(-ev.Squeeze, e.th(scenario.BudgetSqueezeWatch), math.Inf(1))
		sign.Findings = append(sign.Findings, plan.Finding{Kind: KindHeartStaysHealthy, Period: ev.LastPeriod})
	}
	nums := map[string]float64{"scale": bc.Scale}
	if bc.Annual != nil {
		nums["least_annual"], nums["annual"] = *bc.Annual, s.Budget.Annual
	}
	switch {
	case !bc.Feasible:
		why, err := plan.ExplainBudgetCase(ctx, s, e.lp, s.Policy.HealthyHeart, 0)
		if err != nil {
			return sign, err
		}
		sign.Remedies = append([]plan.Finding{{Kind: KindNoBudgetKeepsHealthy}}, why...)
	case bc.Scale <= 1 && bc.Annual != nil:
		sign.Remedies = []plan.Finding{finding(KindKeepAtLeast, nums)}
	case bc.Scale <= 1:
		sign.Remedies = []plan.Finding{finding(KindKeepShareAtLeast, nums)}
	case bc.Annual != nil:
		sign.Remedies = []plan.Finding{finding(KindRaiseTo, nums), e.budgetAdvice(bc)}
	default:
		sign.Remedies = []plan.Finding{finding(KindRaiseBy, nums), e.budgetAdvice(bc)}
	}
	return sign, nil
}

// budgetAdvice names the period whose least spend is furthest above its
// budget, the one that sets the scale.
func (e *exam) budgetAdvice(bc *plan.BudgetCaseResult) plan.Finding {
	worst, over := 0, math.Inf(-1)
	for t, per := range bc.Periods {
		if b := e.s.PeriodBudget(t); b > 0 && per.Spend/b-1 > over {
			worst, over = t, per.Spend/b-1
		}
	}
	per := bc.Periods[worst]
	return plan.Finding{Kind: KindPeriodNeeds, Period: per.Label, Numbers: map[string]float64{"spend": per.Spend, "budget": e.s.PeriodBudget(worst)}}
}
