package plan

import (
	"fmt"
	"slices"
	"strings"
)

// A Finding is one claim the plan makes about itself, as data: what the
// "In short" paragraph says, what the organization as it is breaks, why a
// scenario is infeasible. The words are the view's (internal/report): a
// domain package names a kind, its subjects, its numbers and its periods,
// and never writes a sentence, so that JSON consumers read the claim, and
// a test can re-derive every claim from the plan's numbers
// (claims_test.go). docs/output.md lists the kinds with their subjects and
// number keys; a kind's keys are stable.
type Finding struct {
	Kind string `json:"kind"`
	// Subjects: a function id, a region name, a team ("central" or a
	// region name), an investment id, a stage.
	Function string `json:"function,omitempty"`
	// Functions are several function ids (the work an investment covers).
	Functions  []string `json:"functions,omitempty"`
	Region     string   `json:"region,omitempty"`
	Team       string   `json:"team,omitempty"`
	Investment string   `json:"investment,omitempty"`
	// Stage is a life-cycle stage (the checkup's stale mix).
	Stage string `json:"stage,omitempty"`
	// Numbers by stable keys, listed per kind in docs/output.md: fractions
	// 0..1, money in the scenario's currency, FTE, points.
	Numbers map[string]float64 `json:"numbers,omitempty"`
	// Period is the one period the numbers are read in (the lowest heart's,
	// a violation's); Periods the periods the finding holds in.
	Period  string   `json:"period,omitempty"`
	Periods []string `json:"periods,omitempty"`
	// Partly are, for a claim read in rolled-up periods (RollUpClaims),
	// the rolled periods it holds in for some of their own periods only
	// (a limit reached in two months of a quarter); Periods are then the
	// rolled periods it holds in throughout. The plan's own claims, the
	// JSON's, have none.
	Partly []string `json:"partly,omitempty"`
	// For an infeasible scenario: the limit to change (Change), the
	// constraints that conflict (Conflict), and those a measured change
	// comes from: what must be met (Meet) and the limits given (Given).
	Change   *Constraint  `json:"change,omitempty"`
	Conflict []Constraint `json:"conflict,omitempty"`
	Meet     []Constraint `json:"meet,omitempty"`
	Given    []Constraint `json:"given,omitempty"`
}

// Number returns the number under key, and whether the finding has it.
func (f Finding) Number(key string) (float64, bool) {
	x, ok := f.Numbers[key]
	return x, ok
}

// N returns the number under key, 0 when the finding has none.
func (f Finding) N(key string) float64 { return f.Numbers[key] }

// A Constraint names a limit of the scenario a user can change, or a
// budget case's target.
type Constraint struct {
	// Kind is budget, floor, investment, central_share_min,
	// central_share_max, hire_limit, exit_limit, headcount_cap, or
	// heart_target and brain_target (a budget case's).
	Kind string `json:"kind"`
	// ID is the function (floor), the investment, or the team ("central"
	// or a region name) of a hire or exit limit.
	ID string `json:"id,omitempty"`
	// Name is an investment's or a floor's function's name, where the
	// scenario or the catalog gives one.
	Name string `json:"name,omitempty"`
	// Limit is the floor or the target (0..1), the share bound, the headcount cap (FTE),
	// the hire or exit limit (FTE a period), the annual budget (0 with a
	// per-period budget).
	Limit float64 `json:"limit"`
	// Per is the period of a hire or exit limit: quarter or year.
	Per string `json:"per,omitempty"`
	// Periods are the budget's periods in the conflict.
	Periods []string `json:"periods,omitempty"`
	// Owned, Decision and Requires describe an investment; Decision is
	// "in" for one forced in (investments[].decision), else empty.
	Owned    bool     `json:"owned,omitempty"`
	Decision string   `json:"decision,omitempty"`
	Requires []string `json:"requires,omitempty"`
}

// Kinds of findings: claims of the "In short" paragraph (Claims).
const (
	KindHeartHealthy           = "heart_healthy"
	KindHeartBelowHealthy      = "heart_below_healthy"
	KindHeartWeakestFunction   = "heart_weakest_function"
	KindHeartWeakestRegion     = "heart_weakest_region"
	KindHeartWeakestCell       = "heart_weakest_cell"
	KindHeartFullyCovered      = "heart_fully_covered"
	KindBrainNoStaff           = "brain_no_staff"
	KindBrainStaff             = "brain_staff"
	KindBrainFalling           = "brain_falling"
	KindBrainRising            = "brain_rising"
	KindBrainPeaks             = "brain_peaks"
	KindBrainDips              = "brain_dips"
	KindBrainUneven            = "brain_uneven"
	KindBrainThinnestFunction  = "brain_thinnest_function"
	KindNothingSpent           = "nothing_spent"
	KindSpendSplit             = "spend_split"
	KindInvestmentBought       = "investment_bought"
	KindInvestmentNotBought    = "investment_not_bought"
	KindBudgetSpent            = "budget_spent"
	KindHeadcountCapReached    = "headcount_cap_reached"
	KindFloorBinds             = "floor_binds"
	KindHireLimitReached       = "hire_limit_reached"
	KindExitLimitReached       = "exit_limit_reached"
	KindCentralShareMinReached = "central_share_min_reached"
	KindCentralShareMaxReached = "central_share_max_reached"
	KindNoLimitBinds           = "no_limit_binds"
	KindBudgetUnspent          = "budget_unspent"
	KindBudgetMakesHealthy     = "budget_makes_healthy"
	KindBudgetOverspent        = "budget_overspent"
	KindFloorBroken            = "floor_broken"
	KindConstraintsBroken      = "constraints_broken"
	KindSearchStopped          = "search_stopped"
	KindRosterReplaced         = "roster_replaced"
	KindRosterKept             = "roster_kept"
	KindRosterLeft             = "roster_left"
)

// Kinds of findings: what an allocation breaks (Violations).
const (
	KindNegativeFTE            = "negative_fte"
	KindBelowFloor             = "below_floor"
	KindOverBudget             = "over_budget"
	KindCentralShareBelowMin   = "central_share_below_min"
	KindCentralShareAboveMax   = "central_share_above_max"
	KindOverHeadcountCap       = "over_headcount_cap"
	KindInvestmentOutOfRange   = "investment_level_out_of_range"
	KindOwnedNotInPlace        = "owned_investment_not_in_place"
	KindInvestmentPartlyBought = "investment_partly_bought"
	KindInvestmentFalls        = "investment_falls"
	KindInvestmentAhead        = "investment_ahead_of_requirement"
	KindHiresOverLimit         = "hires_over_limit"
	KindExitsOverLimit         = "exits_over_limit"
)

// Kinds of findings: why a scenario is infeasible (explain.go).
const (
	KindBudgetTooSmall       = "budget_too_small"
	KindPeriodNeedsMore      = "period_needs_more"
	KindHeadcountCapTooSmall = "headcount_cap_too_small"
	KindHireLimitTooSmall    = "hire_limit_too_small"
	KindExitLimitTooSmall    = "exit_limit_too_small"
	KindConstraintsConflict  = "constraints_conflict"
	KindNoConflictFound      = "no_conflict_found"
)

// Constraint kinds, beyond the binding kinds (BindBudget...). The heart
// and brain targets are a budget case's (cardio budget-case --heart
// --brain): the least score in every period, Limit.
const (
	ConstraintInvestment  = "investment"
	ConstraintHeartTarget = "heart_target"
	ConstraintBrainTarget = "brain_target"
)

// debug writes a finding for an error message meant for developers (a
// solver bug): kind, subjects, period and numbers, no prose.
func (f Finding) debug() string {
	parts := []string{f.Kind}
	for _, kv := range [][2]string{{"period", f.Period}, {"function", f.Function}, {"region", f.Region}, {"team", f.Team}, {"investment", f.Investment}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	keys := make([]string, 0, len(f.Numbers))
	for k := range f.Numbers {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%.9g", k, f.Numbers[k]))
	}
	for _, c := range f.Given {
		parts = append(parts, fmt.Sprintf("%s=%s", c.Kind, c.ID))
	}
	return strings.Join(parts, " ")
}
