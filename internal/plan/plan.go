package plan

// FormatVersion is the version of the JSON contract (docs/output.md).
// It changes only when a field is removed or changes meaning.
const FormatVersion = 1

// Status values of a plan.
const (
	StatusOptimal          = "optimal"
	StatusOptimalWithinGap = "optimal_within_gap"
	StatusInfeasible       = "infeasible"
	StatusAsIs             = "as_is"
)

// Plan is the result of `cardio plan`. Fractions are 0..1, money is in the
// scenario's currency, FTE are decimals.
type Plan struct {
	FormatVersion int     `json:"format_version"`
	Scenario      string  `json:"scenario"`
	Description   string  `json:"description,omitempty"`
	Currency      string  `json:"currency"`
	Mode          string  `json:"mode"` // "optimized" or "as_is"
	Status        string  `json:"status"`
	Gap           float64 `json:"gap"` // relative MIP gap when status is optimal_within_gap, else 0
	// Gaps are the stages the node limit stopped, each with how far from
	// its best it may be (StageGap); Gap is the largest of their gaps.
	Gaps         []StageGap `json:"gaps,omitempty"`
	HealthyHeart float64    `json:"healthy_heart"`
	// Period is the length of a period: quarter or year.
	Period string `json:"period"`
	// Problems is Findings in words, written by the view (report) when it
	// writes the plan: why the scenario is infeasible, or what the as-is
	// organization breaks. The plan itself builds no sentence.
	Problems []string `json:"problems,omitempty"`
	// Findings are the problems as data (see Finding), one for each line
	// of Problems.
	Findings []Finding `json:"findings,omitempty"`
	Periods  []Period  `json:"periods"`
	Totals   Totals    `json:"totals"`
	// Binding lists the limits an optimized plan reaches: what holds it back.
	Binding []Binding `json:"binding,omitempty"`
	// Marginal is what one more unit of each limit buys (see Marginals);
	// set by cardio plan for optimized feasible plans only.
	Marginal *MarginalValues `json:"marginal,omitempty"`
	// Claims are what the "In short" paragraph says, as data (Claims):
	// filled by the view from the plan's own numbers when it writes the
	// plan, and re-derived from them by a test.
	Claims []Finding `json:"claims,omitempty"`
	// InvestmentCases say why each investment is or is not bought
	// (InvestmentCases); set by cardio plan with its marginal values, as
	// they re-plan too.
	InvestmentCases []InvestmentCase `json:"investment_cases,omitempty"`
	// Hiring is the plan in whole people per team and period; set for an
	// optimized plan of a scenario with policy.whole_people only.
	Hiring *Hiring `json:"hiring,omitempty"`
}

// StageGap is one stage of the search (docs/model.md, "Objective") that
// the node limit stopped: the plan's value of the stage's objective and a
// bound no plan can pass, so that the plan may be short of the best by at
// most their difference.
type StageGap struct {
	// Stage is heart_to_healthy, weighted_scores or total_spend (GapHeart,
	// GapScores, GapSpend).
	Stage string `json:"stage"`
	// Value and Bound: for heart_to_healthy and weighted_scores, the
	// objective's mean per period (a score: heart up to healthy, or
	// heart_weight x heart + brain_weight x brain), Bound the most any
	// plan could reach; for total_spend, the spend over the horizon in
	// the currency, Bound the least any plan holding the stages before
	// could spend.
	Value float64 `json:"value"`
	Bound float64 `json:"bound"`
	// Gap is the relative gap the search stopped at:
	// |value - bound| / max(1, |value|) of the stage's objective.
	Gap float64 `json:"gap"`
	// HeartPoints and BrainPoints say the gap in scores, for
	// weighted_scores: the most the mean heart (BrainPoints: the mean
	// brain) over the periods could rise in the best plan with the same
	// heart up to healthy, the other score kept, in percentage points:
	// (Bound - Value) / policy.heart_weight (brain_weight) x 100; absent
	// where the weight is 0. For heart_to_healthy, HeartPoints is
	// (Bound - Value) x 100, the heart up to healthy being a score.
	HeartPoints float64 `json:"heart_points,omitempty"`
	BrainPoints float64 `json:"brain_points,omitempty"`
}

// Binding is one limit a plan reaches, in the periods where it does.
type Binding struct {
	// Kind is budget, headcount_cap, floor, hire_limit, exit_limit,
	// central_share_min or central_share_max.
	Kind    string   `json:"kind"`
	ID      string   `json:"id,omitempty"` // the function id (floor), or "central" or the region name (hire and exit limits)
	Limit   float64  `json:"limit"`        // the limit: a coverage, FTE, FTE per period or a share; 0 for the budget
	Periods []string `json:"periods"`
	// Regions says, for a floor, in which regions it binds and when: a
	// floor binds per function and region, while a function's coverage in
	// the tables is over all regions.
	Regions []BindingRegion `json:"regions,omitempty"`
}

// BindingRegion is a region in which a floor binds, and the periods.
type BindingRegion struct {
	Region  string   `json:"region"`
	Periods []string `json:"periods"`
}

// Binding kinds.
const (
	BindBudget          = "budget"
	BindHeadcountCap    = "headcount_cap"
	BindFloor           = "floor"
	BindHireLimit       = "hire_limit"
	BindExitLimit       = "exit_limit"
	BindCentralShareMin = "central_share_min"
	BindCentralShareMax = "central_share_max"
)

// Totals sums or averages the periods.
type Totals struct {
	Budget     float64 `json:"budget"`
	Spend      float64 `json:"spend"`
	Unspent    float64 `json:"unspent"`
	HeartMean  float64 `json:"heart_mean"`
	HeartMin   float64 `json:"heart_min"`
	BrainMean  float64 `json:"brain_mean"`
	HealthyAll bool    `json:"healthy_all"`
}

// Period is one period of a plan.
type Period struct {
	Label        string  `json:"label"`
	Stage        string  `json:"stage"`
	Budget       float64 `json:"budget"`
	Spend        float64 `json:"spend"`
	Unspent      float64 `json:"unspent"`
	Heart        float64 `json:"heart"`
	Brain        float64 `json:"brain"`
	Healthy      bool    `json:"healthy"`
	CentralFTE   float64 `json:"central_fte"`
	LocalFTE     float64 `json:"local_fte"`
	CentralShare float64 `json:"central_share"`
	StaffSpend   float64 `json:"staff_spend"`
	CentralSpend float64 `json:"central_spend"` // central staff; staff_spend - central_spend is local staff
	// HiringExitSpend is the one-time cost of the period's hires and
	// exits (the teams' hire_cost and exit_cost), part of StaffSpend and,
	// for the central team's, of CentralSpend; 0 without such costs.
	HiringExitSpend float64      `json:"hiring_exit_spend,omitempty"`
	Functions       []Function   `json:"functions"`
	Regions         []Region     `json:"regions"`
	Investments     []Investment `json:"investments"`

	// Healthy above means: every heart cell (a heart function in a region,
	// see HeartCellWeight) is at healthy_heart or above, while Heart is
	// their average. WeakestHeart is the heart cell with the least
	// coverage (the first in Cells' order on a tie), nil when no heart
	// function has demand.
	WeakestHeart *Cell `json:"weakest_heart,omitempty"`
	// WeakestTied counts the other heart cells of the period as low as
	// WeakestHeart as the tables print it, and WeakestAllTie says every
	// heart cell is (WeakestHeartTies): naming one of cells alike as "the
	// weakest" singles it out, so the views name it with them. A rolled
	// period counts its periods' cells (a function in a region once).
	WeakestTied   int  `json:"weakest_heart_tied,omitempty"`
	WeakestAllTie bool `json:"weakest_heart_all_tie,omitempty"`
	// Cells is each function's coverage and staff in each region with
	// demand: heart functions first, in the order of Functions, then
	// regions in scenario order.
	Cells []Cell `json:"cells"`
}

// Function is one function's coverage in a period, over all regions.
type Function struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Class       string  `json:"class"`
	Demand      float64 `json:"demand"`   // FTE needed in all regions
	Coverage    float64 `json:"coverage"` // covered demand / demand, 0..1 (1 when there is no demand)
	MinCoverage float64 `json:"min_coverage"`
	CentralFTE  float64 `json:"central_fte"`
	LocalFTE    float64 `json:"local_fte"`
	ToolFTE     float64 `json:"tool_fte"` // FTE-equivalents of work done by investments
	// BelowHealthy: a heart function whose coverage over all regions is
	// below healthy_heart beyond the largest CellTol of its heart cells,
	// as a cell is (Cell.BelowHealthy): it prints rounded down (Shown).
	// Only a period with a heart cell below healthy has one, so only a
	// period that is not healthy. Rolled up, a function below healthy in
	// one of the group's periods, as the group is healthy only if each
	// period is.
	BelowHealthy bool `json:"below_healthy"`

	tie float64 // see Ranked
}

// Ranked is the coverage by which the weakest heart function is chosen:
// Coverage, or healthy_heart when Coverage lies within the largest CellTol
// of the function's heart cells of it (as Cell.Ranked).
func (f *Function) Ranked() float64 { return ranked(f.Coverage, f.tie) }

// Region is one region in a period.
type Region struct {
	Name       string  `json:"name"`
	ID         string  `json:"id"`
	Sellers    float64 `json:"sellers"`
	Heart      float64 `json:"heart"`
	Brain      float64 `json:"brain"`
	LocalFTE   float64 `json:"local_fte"`
	CentralFTE float64 `json:"central_fte"` // central staff serving this region
	// Coverage is each function's coverage in this region, by function id,
	// for the functions with demand here: a floor binds per function and
	// region, while Function.Coverage is over all regions.
	Coverage map[string]float64 `json:"coverage"`
	// BelowHealthy: the region's heart is below healthy_heart beyond the
	// largest CellTol of its heart cells, as a heart function's coverage
	// over all regions is (Function.BelowHealthy): it prints rounded down
	// (Shown). Only a period with a heart cell of the region below
	// healthy has one. Rolled up, a region below healthy in one of the
	// group's periods.
	BelowHealthy bool `json:"below_healthy"`

	tie float64 // see Ranked
}

// Ranked is the heart by which the weakest region is chosen: Heart, or
// healthy_heart when Heart lies within the largest CellTol of the region's
// heart cells of it (as Cell.Ranked).
func (r *Region) Ranked() float64 { return ranked(r.Heart, r.tie) }

// Investment is one investment in a period.
type Investment struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Owned       bool    `json:"owned,omitempty"` // in place from the start (scenario owned: true), not a choice of the plan
	Level       float64 `json:"level"`           // bought level y, 0..1
	Effective   float64 `json:"effective"`       // ramped level that covers demand
	Spend       float64 `json:"spend"`
	SellerHours float64 `json:"seller_hours"` // selling hours per week given back, all sellers
	ToolFTE     float64 `json:"tool_fte"`     // FTE-equivalents of work it does, all functions and regions
}

// FunctionNames names the plan's functions by id as its periods carry
// them, for the views (a plan read back from JSON has no scenario); none
// for a plan without periods.
func (p *Plan) FunctionNames() map[string]string {
	out := map[string]string{}
	if len(p.Periods) > 0 {
		for _, fn := range p.Periods[0].Functions {
			out[fn.ID] = fn.Name
		}
	}
	return out
}
