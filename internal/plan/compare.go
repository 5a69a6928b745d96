package plan

import (
	"context"
	"math"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// BudgetStep is the extra yearly budget whose effect a budget case reports
// ("each further $100k buys ...").
const BudgetStep = 100000

// BudgetCaseReport is the result of `cardio budget-case`: the least budget
// with which every period reaches the targets (see BudgetCase), the budget
// the scenario has, and what the next BudgetStep a year buys on top of the
// least budget. When no budget reaches the targets, Feasible is false and
// Problems says which constraints stand in the way.
type BudgetCaseReport struct {
	FormatVersion int    `json:"format_version"`
	Scenario      string `json:"scenario"`
	Description   string `json:"description,omitempty"`
	Currency      string `json:"currency"`
	// Period is "quarter" or "year".
	Period       string    `json:"period"`
	HealthyHeart float64   `json:"healthy_heart"`
	Heart        float64   `json:"heart"` // the heart target, 0..1
	Brain        float64   `json:"brain"` // the brain target, 0 when none
	Feasible     bool      `json:"feasible"`
	Problems     []string  `json:"problems,omitempty"` // Findings in words, written by the view
	Findings     []Finding `json:"findings,omitempty"`
	// PlanShort: an allocation reaches the targets, but at no budget does
	// cardio's plan (see BudgetCaseResult.PlanShort); Feasible is false
	// and Problems empty.
	PlanShort bool `json:"plan_short,omitempty"`
	// Annual is the least yearly budget; nil when the scenario gives its
	// budget per period (or no budget reaches the targets).
	Annual *float64 `json:"annual"`
	// Scale is the factor applied to every period's budget: 1.1 asks for
	// 10% more than the scenario has.
	Scale float64 `json:"scale"`
	// CurrentAnnual is the scenario's budget.annual; nil with per_period.
	CurrentAnnual *float64 `json:"current_annual"`
	// ChangePerYear is the scenario's budget trajectory, which the least
	// budget keeps: Annual, like budget.annual, is the yearly budget at the
	// horizon's start, and each period's budget compounds from it.
	ChangePerYear float64 `json:"change_per_year"`
	// FirstYear is the horizon's first twelve months at the least budget
	// and at the scenario's, which differ from the annual figures when the
	// budget changes per year; nil with a per_period budget, a horizon
	// shorter than a year, or no least budget.
	FirstYear *FirstYearBudget `json:"first_year,omitempty"`
	// Total and CurrentTotal sum the periods' budgets, needed and given.
	Total        float64           `json:"total"`
	CurrentTotal float64           `json:"current_total"`
	Periods      []CasePeriod      `json:"periods"`
	Step         *BudgetStepEffect `json:"step,omitempty"`
}

// CasePeriod is one period of a budget case.
type CasePeriod struct {
	Label         string  `json:"label"`
	Budget        float64 `json:"budget"`         // the least budget's share of the period
	Spend         float64 `json:"spend"`          // the least spend that reaches the targets in the period
	CurrentBudget float64 `json:"current_budget"` // the scenario's budget for the period
}

// FirstYearBudget is the budget of the horizon's first twelve months.
type FirstYearBudget struct {
	// Year names the first year when the horizon starts one ("2027",
	// "FY28"), else it is empty; From and To are its first and last
	// periods' labels.
	Year string `json:"year,omitempty"`
	From string `json:"from"`
	To   string `json:"to"`
	// Factor is the first year's budget per unit of annual budget:
	// Budget = Factor * Annual, CurrentBudget = Factor * CurrentAnnual.
	Factor        float64 `json:"factor"`
	Budget        float64 `json:"budget"`
	CurrentBudget float64 `json:"current_budget"`
}

// firstYear is the first twelve months of s at an annual budget of
// annual; nil when s's budget is per_period or its horizon is shorter
// than a year.
func firstYear(s *scenario.Scenario, annual float64) *FirstYearBudget {
	n := s.GroupSize(scenario.Year)
	if s.Budget.PerPeriod != nil || s.Periods() < n {
		return nil
	}
	fy := &FirstYearBudget{From: s.PeriodLabel(0), To: s.PeriodLabel(n - 1)}
	// n periods make a year: when the first and the last share a year's
	// label, they are that whole year.
	if y := s.GroupLabel(0, scenario.Year); y == s.GroupLabel(n-1, scenario.Year) {
		fy.Year = y
	}
	for t := range n {
		fy.Factor += s.BudgetShape(t)
		fy.CurrentBudget += s.PeriodBudget(t)
	}
	fy.Budget = fy.Factor * annual
	return fy
}

// BudgetStepEffect is what BudgetStep more a year buys on top of the least
// budget as the table prints it: both plans are optimized (with the heart
// target as the healthy threshold when it is above the scenario's), and
// the change of the mean heart and brain is given in points (0.012 is 1.2
// points). The first plan is the one a person gets planning at From, the
// figure they read, not at the unrounded least budget below it: the
// rounding moves an LP plan's scores by a fraction of a point, and a plan
// whose search stops at its node limit can differ much between two
// budgets a few cents apart (docs/budget-case.md has the figures).
type BudgetStepEffect struct {
	Amount float64 `json:"amount"` // per year; a per_period budget grows by the same total per year of the horizon
	// FirstYearAmount is what Amount adds in the first year when the
	// budget changes per year (Amount times FirstYear.Factor): Amount is
	// on the yearly rate at the horizon's start, as budget.annual is.
	// 0 when the first year's budget is the annual figure itself.
	FirstYearAmount float64 `json:"first_year_amount,omitempty"`
	// From is the budget the step starts from: the least budget a year
	// (for a per_period budget, its total over the horizon) rounded up at
	// the step the table prints it with (CeilMoney).
	From       float64 `json:"from"`
	HeartMean  float64 `json:"heart_mean"`
	BrainMean  float64 `json:"brain_mean"`
	HeartPlus  float64 `json:"heart_mean_plus"`
	BrainPlus  float64 `json:"brain_mean_plus"`
	HeartDelta float64 `json:"heart_delta"`
	BrainDelta float64 `json:"brain_delta"`
	// Gap and GapPlus are the two plans' gaps (Plan.Gap) when the node
	// limit stopped their search (whole people, investments), else 0: the
	// deltas are differences of plans each within its gap of the best.
	Gap     float64 `json:"gap,omitempty"`
	GapPlus float64 `json:"gap_plus,omitempty"`
}

// RunBudgetCase computes the budget case of s for the targets: the least
// budget (BudgetCase), the plans at it and at BudgetStep more a year, or,
// when no budget is enough, why (ExplainBudgetCase). The figures are
// unrounded; a view that prints a least budget rounds it up at the
// precision it prints (FormatMoneyUp, CeilMoney), and BudgetCase has
// checked that the plan at that figure reaches the targets.
func RunBudgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heart, brain float64) (*BudgetCaseReport, error) {
	return RunBudgetCaseWith(ctx, s, lp, solve.Options{}, heart, brain)
}

// RunBudgetCaseWith is RunBudgetCase with opt the options of every solve
// it makes (opt.Progress hears of each LP: a budget case in whole people
// plans for minutes).
func RunBudgetCaseWith(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options, heart, brain float64) (*BudgetCaseReport, error) {
	bc, err := budgetCase(ctx, s, lp, opt, heart, brain)
	if err != nil {
		return nil, err
	}
	r := &BudgetCaseReport{
		FormatVersion: FormatVersion, Scenario: s.Name, Description: s.Description, Currency: s.Currency,
		Period: string(s.Horizon.Period), HealthyHeart: s.Policy.HealthyHeart,
		Heart: heart, Brain: brain, Feasible: bc.Feasible, Periods: []CasePeriod{},
	}
	if s.Budget.PerPeriod == nil {
		a := s.Budget.Annual
		r.CurrentAnnual = &a
		r.ChangePerYear = s.Budget.ChangePerYear
	}
	for t := 0; t < s.Periods(); t++ {
		r.CurrentTotal += s.PeriodBudget(t)
	}
	if bc.PlanShort {
		r.PlanShort = true
		return r, nil
	}
	if !bc.Feasible {
		r.Findings, err = explainBudgetCase(ctx, s, lp, opt, heart, brain)
		return r, err
	}
	r.Annual, r.Scale = bc.Annual, bc.Scale
	if r.Annual != nil {
		r.FirstYear = firstYear(s, *r.Annual)
	}
	for t, per := range bc.Periods {
		r.Periods = append(r.Periods, CasePeriod{Label: per.Label, Budget: per.Budget, Spend: per.Spend, CurrentBudget: s.PeriodBudget(t)})
		r.Total += per.Budget
	}
	if r.CurrentTotal <= 0 {
		return r, nil // a zero budget has no trajectory to add a step to
	}
	// The step: from the least budget as the table prints it (the figure
	// budgetCase has checked the plan at), BudgetStep a year more, i.e. the
	// horizon's total grows by BudgetStep per year of the horizon, spread
	// in the trajectory's shape. The budgets are set as a person sets them
	// (WithBudget: budget.annual = the figure), so that the plans are
	// theirs to the last bit.
	from := CeilMoney(r.Total)
	if r.Annual != nil {
		from = CeilMoney(*r.Annual)
	}
	annual := from / printedPerYear(s)
	target := WithHealthyAtLeast(s, heart)
	at, err := Optimize(ctx, WithBudget(target, annual), lp, opt)
	if err != nil {
		return nil, err
	}
	more, err := Optimize(ctx, WithBudget(target, annual+BudgetStep), lp, opt)
	if err != nil {
		return nil, err
	}
	if at.Status == StatusInfeasible || more.Status == StatusInfeasible {
		return r, nil // cannot happen: the least budget is feasible, and more money only relaxes
	}
	r.Step = &BudgetStepEffect{
		Amount: BudgetStep, From: from,
		HeartMean: at.Totals.HeartMean, BrainMean: at.Totals.BrainMean,
		HeartPlus: more.Totals.HeartMean, BrainPlus: more.Totals.BrainMean,
		HeartDelta: more.Totals.HeartMean - at.Totals.HeartMean,
		BrainDelta: more.Totals.BrainMean - at.Totals.BrainMean,
		Gap:        at.Gap, GapPlus: more.Gap,
	}
	if fy := r.FirstYear; fy != nil && math.Abs(fy.Factor-1) > 1e-12 {
		r.Step.FirstYearAmount = BudgetStep * fy.Factor
	}
	return r, nil
}

// ScaleBudget returns a copy of s whose budget is k times as large in every
// period (budget.annual, or every per_period entry).
func ScaleBudget(s *scenario.Scenario, k float64) *scenario.Scenario {
	c := *s
	c.Budget.Annual *= k
	if s.Budget.PerPeriod != nil {
		c.Budget.PerPeriod = make([]float64, len(s.Budget.PerPeriod))
		for i, b := range s.Budget.PerPeriod {
			c.Budget.PerPeriod[i] = k * b
		}
	}
	return &c
}

// WithHealthyAtLeast returns s, or a copy whose healthy heart threshold is
// raised to h when h is above it: a plan then pursues the heart up to h in
// every period before anything else.
func WithHealthyAtLeast(s *scenario.Scenario, h float64) *scenario.Scenario {
	if h <= s.Policy.HealthyHeart {
		return s
	}
	c := *s
	c.Policy.HealthyHeart = h
	return &c
}

// ExplainBudgetCase says why no budget lets every period reach the targets:
// the scenario's model with every period's budget free to scale (as in
// BudgetCase) and rows heart[t] >= heart (brain[t] >= brain) is explained
// like an infeasible plan: which floors, hire and exit limits, central
// share bounds or headcount cap conflict with the targets, and the
// smallest change to them. The targets are constraints to meet, like the
// floors: a finding names them (Meet, Conflict) when its need comes from
// them, which is what makes "needs 2 more people to meet the floors" true
// only when the floors alone need them.
func ExplainBudgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, heart, brain float64) ([]Finding, error) {
	return explainBudgetCase(ctx, s, lp, solve.Options{}, heart, brain)
}

func explainBudgetCase(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver, opt solve.Options, heart, brain float64) ([]Finding, error) {
	m := model.Build(s)
	m.NeedBudget(m.Problem)
	tg := &targets{heart: heart, brain: brain}
	tg.heartRows, tg.brainRows = addCaseTargets(m, m.Problem, heart, brain, HealthyTarget(s, heart))
	return explainInfeasible(ctx, m, tg, lp, opt)
}

// Summary is one scenario's column in `cardio compare`: the headline
// figures of its optimized (or as-is) plan. An infeasible scenario has its
// status, its problems and zero figures.
type Summary struct {
	Scenario string `json:"scenario"`
	File     string `json:"file"`
	Currency string `json:"currency"`
	Status   string `json:"status"`
	// Gap is the plan's gap (Plan.Gap) when its search stopped at the
	// node limit (StatusOptimalWithinGap), else 0: its figures are within
	// that of the best plan.
	Gap float64 `json:"gap,omitempty"`
	// Period is "quarter" or "year", and Years the horizon's length in
	// years: totals of horizons of different lengths do not compare.
	Period string `json:"period"`
	// FiscalYearStart is horizon.fiscal_year_start (0 for calendar
	// quarters and years): what names the plan's quarters and years, for
	// a view that lines up several scenarios' periods by their names.
	FiscalYearStart int     `json:"-"`
	Years           float64 `json:"years"`
	// Problems says why an infeasible scenario has no plan: Findings in
	// words, written by the view.
	Problems     []string  `json:"problems,omitempty"`
	Findings     []Finding `json:"findings,omitempty"`
	HealthyHeart float64   `json:"healthy_heart"`
	HeartMean    float64   `json:"heart_mean"`
	HeartMin     float64   `json:"heart_min"`
	BrainMean    float64   `json:"brain_mean"`
	HealthyAll   bool      `json:"healthy_all"`
	// HeartMinHealthy says whether the period of HeartMin is healthy, so
	// that a view prints that heart as the period's row does (rounded down
	// when not healthy: report.HeartPercent). Not in the JSON: its periods
	// carry their own.
	HeartMinHealthy bool `json:"-"`
	// WeakestHeart is the heart function with the lowest coverage in any
	// period; nil when the plan is infeasible or has no heart function.
	WeakestHeart *WeakestFunction `json:"weakest_heart"`
	// CentralShare is central FTE over all FTE, summed over the periods.
	CentralShare float64 `json:"central_share"`
	// CentralFTE and LocalFTE are averages over the periods.
	CentralFTE float64 `json:"central_fte"`
	LocalFTE   float64 `json:"local_fte"`
	Budget     float64 `json:"budget"`
	Spend      float64 `json:"spend"`
	Unspent    float64 `json:"unspent"`
	// Investments are those bought (level > 0) by the last period.
	Investments []ChosenInvestment `json:"investments"`
	// SellerHours are the selling hours a week the investments give back to
	// all sellers in the last period.
	SellerHours float64         `json:"seller_hours"`
	Periods     []SummaryPeriod `json:"periods"`
	// FunctionNames and InvestmentNames name the scenario's functions and
	// investments by id, so that the table views say "Territory design"
	// and "CPQ platform" as review and risk do. Not in the JSON, which
	// names them by id.
	FunctionNames   map[string]string `json:"-"`
	InvestmentNames map[string]string `json:"-"`
	// VsFirst is this column minus the first scenario's; nil for the first
	// column and when either is infeasible.
	VsFirst *SummaryDelta `json:"vs_first"`
}

// WeakestFunction is a function's lowest coverage and the period of it,
// with its ties: Tied counts the other heart functions (with demand)
// whose coverage over all regions reads as low, as the tables print it,
// in some period, and AllTie says every heart function's does in every
// period (two figures at least), by the rule the plan's legend counts
// cells by. Naming one of functions alike as "the weakest" singles it
// out (the baseline's Territory design, one of 11 at 90.0% in every
// quarter): the views name it with them. PeriodsAsLow counts the periods
// in which the function itself reads as low (Period's among them): naming
// Period alone where it is as low in every quarter singles that quarter
// out (whole-people.yaml's comp_admin, at 90.0% in each of its four).
type WeakestFunction struct {
	ID       string  `json:"id"`
	Coverage float64 `json:"coverage"`
	// BelowHealthy: the function is below healthy over all regions
	// (Function.BelowHealthy); the views print it rounded down (Shown).
	BelowHealthy bool   `json:"below_healthy"`
	Period       string `json:"period"`
	PeriodsAsLow int    `json:"periods_as_low"`
	Tied         int    `json:"tied,omitempty"`
	AllTie       bool   `json:"all_tie,omitempty"`
}

// ChosenInvestment is an investment a plan buys.
type ChosenInvestment struct {
	ID    string  `json:"id"`
	Owned bool    `json:"owned,omitempty"` // in place from the start, not chosen by the plan
	Level float64 `json:"level"`           // in the last period, 0..1
	Spend float64 `json:"spend"`           // over the horizon
}

// SummaryPeriod is one period of a Summary.
type SummaryPeriod struct {
	Label        string  `json:"label"`
	Heart        float64 `json:"heart"`
	Healthy      bool    `json:"healthy"`
	Brain        float64 `json:"brain"`
	Budget       float64 `json:"budget"`
	Spend        float64 `json:"spend"`
	Unspent      float64 `json:"unspent"`
	CentralFTE   float64 `json:"central_fte"`
	LocalFTE     float64 `json:"local_fte"`
	CentralShare float64 `json:"central_share"`

	// Months are the months the period covers, and Quarter and Year name
	// the quarter and the year it falls in as the scenario labels them
	// (fiscal ones under a fiscal year). They are not in the JSON
	// contract, which carries every period: the views use them to line up
	// the periods of scenarios with different horizons by date, and to
	// roll a monthly plan up.
	Months  Months `json:"-"`
	Quarter string `json:"-"`
	Year    string `json:"-"`
}

// SummaryDelta is the difference of two summaries' figures. Money is
// never added or subtracted across currencies, and totals of horizons of
// different lengths are not compared: Money says which of the money
// differences are given.
type SummaryDelta struct {
	HeartMean    float64 `json:"heart_mean"`
	HeartMin     float64 `json:"heart_min"`
	BrainMean    float64 `json:"brain_mean"`
	CentralShare float64 `json:"central_share"`
	CentralFTE   float64 `json:"central_fte"`
	LocalFTE     float64 `json:"local_fte"`
	SellerHours  float64 `json:"seller_hours"`
	// Money is MoneyTotals, MoneyPerYear or MoneyNone.
	Money string `json:"money"`
	// Budget, Spend and Unspent are differences of the horizon's totals;
	// nil unless Money is MoneyTotals.
	Budget  *float64 `json:"budget"`
	Spend   *float64 `json:"spend"`
	Unspent *float64 `json:"unspent"`
	// BudgetPerYear, SpendPerYear and UnspentPerYear are differences of
	// the totals over the horizon's years; nil when Money is MoneyNone.
	BudgetPerYear  *float64 `json:"budget_per_year"`
	SpendPerYear   *float64 `json:"spend_per_year"`
	UnspentPerYear *float64 `json:"unspent_per_year"`
}

// How a SummaryDelta compares money.
const (
	// MoneyTotals: same currency and horizons of the same length; totals
	// and figures a year are both given.
	MoneyTotals = "totals"
	// MoneyPerYear: same currency, horizons of different lengths; only the
	// figures a year are given.
	MoneyPerYear = "per_year"
	// MoneyNone: different currencies; no money difference is given.
	MoneyNone = "none"
)

// Summarize reads the headline figures off p, the plan of s.
func Summarize(file string, s *scenario.Scenario, p *Plan) Summary {
	sm := Summary{
		Scenario: p.Scenario, File: file, Currency: p.Currency, Status: p.Status, Gap: p.Gap, Findings: p.Findings,
		Period: string(s.Horizon.Period), FiscalYearStart: s.Horizon.FiscalYearStart, Years: s.Years(),
		HealthyHeart: p.HealthyHeart, Investments: []ChosenInvestment{}, Periods: []SummaryPeriod{},
		FunctionNames: s.FunctionNames(), InvestmentNames: s.InvestmentNames(),
	}
	if len(p.Periods) == 0 {
		return sm
	}
	t := p.Totals
	sm.HeartMean, sm.HeartMin, sm.BrainMean, sm.HealthyAll = t.HeartMean, t.HeartMin, t.BrainMean, t.HealthyAll
	sm.HeartMinHealthy = WeakestHealthy(p.Periods)
	sm.Budget, sm.Spend, sm.Unspent = t.Budget, t.Spend, t.Unspent
	var central, local float64
	var weak *Function // sm.WeakestHeart's
	for t, per := range p.Periods {
		year, month := s.PeriodStartMonth(t)
		sm.Periods = append(sm.Periods, SummaryPeriod{
			Label: per.Label, Heart: per.Heart, Healthy: per.Healthy, Brain: per.Brain, Budget: per.Budget, Spend: per.Spend, Unspent: per.Unspent,
			CentralFTE: per.CentralFTE, LocalFTE: per.LocalFTE, CentralShare: per.CentralShare,
			Months: Months{Start: year*12 + month - 1, Len: s.Horizon.Period.Months()}, Quarter: s.GroupLabel(t, scenario.Quarter), Year: s.GroupLabel(t, scenario.Year),
		})
		central += per.CentralFTE
		local += per.LocalFTE
		for i := range per.Functions {
			fn := &per.Functions[i]
			if fn.Class != string(scenario.Heart) {
				continue
			}
			if weak == nil || fn.Ranked() < weak.Ranked()-VerifyTol {
				sm.WeakestHeart = &WeakestFunction{ID: fn.ID, Coverage: fn.Coverage, BelowHealthy: fn.BelowHealthy, Period: per.Label}
				weak = fn
			}
		}
	}
	if w := sm.WeakestHeart; w != nil {
		var fns []Function
		for _, per := range p.Periods {
			fns = append(fns, per.Functions...)
		}
		w.Tied, w.AllTie = HeartFunctionTies(fns, weak)
		w.PeriodsAsLow = len(FunctionPeriodsAsLow(p.Periods, weak))
	}
	n := float64(len(p.Periods))
	sm.CentralFTE, sm.LocalFTE = central/n, local/n
	if central+local > 0 {
		sm.CentralShare = central / (central + local)
	}
	last := p.Periods[len(p.Periods)-1]
	for i, inv := range last.Investments {
		sm.SellerHours += inv.SellerHours
		if !Bought(inv.Level) {
			continue
		}
		var spend float64
		for _, per := range p.Periods {
			spend += per.Investments[i].Spend
		}
		sm.Investments = append(sm.Investments, ChosenInvestment{ID: inv.ID, Owned: inv.Owned, Level: inv.Level, Spend: spend})
	}
	return sm
}

// Compare fills VsFirst of every summary after the first with its
// difference to the first, when both have a plan. Money differences are
// given only in one currency, and horizon totals only for horizons of the
// same length (see SummaryDelta).
func Compare(sums []Summary) {
	if len(sums) == 0 {
		return
	}
	a := sums[0]
	for i := 1; i < len(sums); i++ {
		b := &sums[i]
		if len(a.Periods) == 0 || len(b.Periods) == 0 {
			continue
		}
		d := &SummaryDelta{
			HeartMean: b.HeartMean - a.HeartMean, HeartMin: b.HeartMin - a.HeartMin, BrainMean: b.BrainMean - a.BrainMean,
			CentralShare: b.CentralShare - a.CentralShare, CentralFTE: b.CentralFTE - a.CentralFTE, LocalFTE: b.LocalFTE - a.LocalFTE,
			SellerHours: b.SellerHours - a.SellerHours, Money: MoneyNone,
		}
		b.VsFirst = d
		if a.Currency != b.Currency {
			continue
		}
		d.Money = MoneyPerYear
		if sameYears(a.Years, b.Years) {
			d.Money = MoneyTotals
			d.Budget, d.Spend, d.Unspent = ptr(b.Budget-a.Budget), ptr(b.Spend-a.Spend), ptr(b.Unspent-a.Unspent)
		}
		perYear := func(x, years float64) float64 {
			if years <= 0 {
				return x // a summary built without its horizon: its totals stand for a year
			}
			return x / years
		}
		diff := func(x, y float64) *float64 { return ptr(perYear(y, b.Years) - perYear(x, a.Years)) }
		d.BudgetPerYear, d.SpendPerYear, d.UnspentPerYear = diff(a.Budget, b.Budget), diff(a.Spend, b.Spend), diff(a.Unspent, b.Unspent)
	}
}

// sameYears reports whether two horizons are equally long: four quarters
// and one year are.
func sameYears(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func ptr(x float64) *float64 { return &x }

// Comparison is the result of `cardio compare`: a column a scenario, in
// the order given; VsFirst of each compares it with the first.
type Comparison struct {
	FormatVersion int       `json:"format_version"`
	Mode          string    `json:"mode"` // optimized or as_is
	Scenarios     []Summary `json:"scenarios"`
}

// NewComparison summarizes the plans, plans[i] being the plan of scens[i]
// read from files[i], and compares each with the first.
func NewComparison(files []string, scens []*scenario.Scenario, plans []*Plan) *Comparison {
	c := &Comparison{FormatVersion: FormatVersion, Mode: ModeOptimized, Scenarios: make([]Summary, len(plans))}
	for i, p := range plans {
		c.Scenarios[i] = Summarize(files[i], scens[i], p)
		if p.Mode == ModeAsIs {
			c.Mode = ModeAsIs
		}
	}
	Compare(c.Scenarios)
	return c
}
