package scenario

// Class says whether a function is foundational (heart) or advanced (brain).
type Class string

const (
	Heart Class = "heart"
	Brain Class = "brain"
)

// Locality says how a function is best delivered.
type Locality string

const (
	Central Locality = "central" // close to a system: scale pays
	Local   Locality = "local"   // needs intimate knowledge of local customers
	Either  Locality = "either"
)

// Stage is where the sales organization is in its life cycle.
type Stage string

const (
	Launch    Stage = "launch"
	Growth    Stage = "growth"
	Expansion Stage = "expansion"
	Margin    Stage = "margin"
)

// Stages lists the life-cycle stages in order.
var Stages = []Stage{Launch, Growth, Expansion, Margin}

// PeriodKind is the length of one planning period.
type PeriodKind string

const (
	Month   PeriodKind = "month"
	Quarter PeriodKind = "quarter"
	Year    PeriodKind = "year"
)

// Scenario is a loaded, defaulted and validated scenario. Every slice is in
// file order (functions: the catalog's order, then additions in file order).
type Scenario struct {
	File        string // path it was loaded from, for messages
	Name        string
	Description string
	Currency    string
	Horizon     Horizon
	Catalog     string  // "builtin" or "none"
	Stages      []Stage // one per period, after expanding a single stage
	Budget      Budget
	Policy      Policy
	Central     Team
	Regions     []Region
	Functions   []Function
	Investments []Investment
	Checkup     map[string]float64 // checkup thresholds of `cardio checkup`, by name
	// Roster is the roster key as written: a CSV file, relative to File,
	// that gives the teams' current FTE instead of current_fte; "" when
	// none (RosterPath resolves it).
	Roster string
	// Warnings are the values that loaded but are outside their usual
	// range (docs/scenario.md), sorted as Diagnostics are; nil when none.
	Warnings Diagnostics
	// Uncertain are the inputs given as ranges (ranges.go), in the order
	// they are read; nil when none.
	Uncertain []Uncertain
}

// Horizon is the planning horizon.
type Horizon struct {
	Start      string     // as written: "2027-01", "2027-Q1", "2027", "FY28-Q1" or "FY28"
	StartYear  int        // 2027; for FY28-Q1 and FY28 the fiscal year, 2028
	StartIndex int        // month 1..12 for months, quarter 1..4 (fiscal under a fiscal year) for quarters, 1 for years
	Periods    int        // number of periods, >= 1
	Period     PeriodKind // month, quarter or year
	// FiscalYearStart is the month (1..12) the fiscal year starts in, as
	// horizon.fiscal_year_start gives it; 0 when not given: quarters and
	// years are calendar ones, labelled 2027-Q1 and 2027. When given,
	// quarters and years are fiscal and labelled FY28-Q1 and FY28, each
	// fiscal year named after the calendar year it ends in.
	FiscalYearStart int
}

// Budget is the money available per year, or per period.
type Budget struct {
	Annual        float64   // per year; 0 when PerPeriod is given
	PerPeriod     []float64 // nil unless given in the file; then len == Horizon.Periods
	ChangePerYear float64   // compounding trajectory, e.g. -0.05
}

// Share bounds a fraction.
type Share struct{ Min, Max float64 }

// Policy holds the planning rules.
type Policy struct {
	HealthyHeart         float64 // heart score counted as healthy, 0..1
	HeartWeight          float64 // objective weight of the heart after it is healthy
	BrainWeight          float64
	CentralShare         Share                // central FTE / all FTE
	MaxFTE               float64              // headcount cap; 0 (the zero value): none, see HasMaxFTE
	CentralEffectiveness map[Locality]float64 // FTE-equivalents delivered per central FTE, by locality
	// SellerHourValue is what an hour of selling time is worth, to value
	// the time investments give back (reported only: the optimizer does
	// not use it); 0 when the scenario does not say.
	SellerHourValue float64
	// WholePeople makes each team's headcount (its FTE summed over
	// functions) a whole number in every period; FTE per function within
	// a team may stay fractional (people split their time).
	WholePeople bool
}

// Team is a group of staff: the central team (Center of Excellence) or a
// region's local team.
type Team struct {
	CostPerFTE float64            // fully loaded, per year
	CurrentFTE map[string]float64 // function id -> FTE today
	// CurrentCostPerFTE is the average cost per FTE per year of the
	// current staff a roster lists (each at its cost_per_year, or at
	// CostPerFTE when it gives none; exactly CostPerFTE when no line of
	// the team gives a cost); 0 without a roster. KeptFTE of today's team
	// cost it for as long as they stay; new hires cost CostPerFTE.
	CurrentCostPerFTE float64
	// KeptFTE is how much of today's team (CurrentTotal) is the roster's
	// staff at CurrentCostPerFTE: the roster's FTE, or after a review's
	// roll-forward what is left of them; the rest cost CostPerFTE. 0
	// without a roster.
	KeptFTE float64
	// Hire and exit limits per period; negative means no limit.
	MaxHiresPerPeriod float64
	MaxExitsPerPeriod float64
	// HireCost and ExitCost are one-time costs per FTE hired (recruiting,
	// onboarding) and per FTE leaving (severance), charged in the period
	// of the hire or exit; 0 when the scenario gives none.
	HireCost, ExitCost float64
}

// HasMoveCosts reports whether hiring or letting people go costs the team
// something once: then the model counts each period's hires and exits.
func (t Team) HasMoveCosts() bool { return t.HireCost > 0 || t.ExitCost > 0 }

// HasMaxFTE reports whether the policy caps the headcount. A cap is
// positive (validate refuses 0), so the zero value, 0, is "no cap": a
// Policy built in code without one plans uncapped. (A hire or exit limit
// of 0 is a real limit, so there "none" is a negative value instead: see
// HasHireLimit.)
func (p Policy) HasMaxFTE() bool { return p.MaxFTE > 0 }

// HasHireLimit reports whether the team's hiring per period is limited.
func (t Team) HasHireLimit() bool { return t.MaxHiresPerPeriod >= 0 }

// HasExitLimit reports whether the team's exits per period are limited.
func (t Team) HasExitLimit() bool { return t.MaxExitsPerPeriod >= 0 }

// SplitsKept reports whether the team's current staff cost other than
// its new hires (a roster's costs differ from cost_per_fte): then the
// model and the plan count the team's FTE as kept staff, at
// CurrentCostPerFTE, and new staff, at CostPerFTE (docs/model.md).
func (t Team) SplitsKept() bool {
	return t.KeptFTE > 0 && t.CurrentCostPerFTE != t.CostPerFTE
}

// CurrentTotal is the team's headcount today.
func (t Team) CurrentTotal() float64 {
	var s float64
	for _, id := range sortedKeys(t.CurrentFTE) {
		s += t.CurrentFTE[id]
	}
	return s
}

// Region is a local sales team with its own sellers and local sales ops staff.
type Region struct {
	Name                string
	ID                  string // slug of Name, unique, for variable names
	Sellers             float64
	SellerGrowthPerYear float64
	Team
}

// Function is a piece of work sales ops does, after merging the catalog and
// the scenario's overrides.
type Function struct {
	ID                   string
	Name                 string
	Class                Class
	Locality             Locality
	FTEPer100Sellers     float64
	FTEPerRegion         float64
	StageMultipliers     map[Stage]float64 // every stage present
	Weight               float64
	MinCoverage          float64
	LocalEffectiveness   float64
	CentralEffectiveness float64 // resolved: the function's own or the policy's for its locality
}

// Investment is a capability investment.
type Investment struct {
	ID                 string
	Name               string
	Upfront            float64            // one-off cost when bought
	PerYear            float64            // running cost per year at full level
	Covers             map[string]float64 // function id -> share of demand covered
	SellerHoursPerWeek float64            // selling time given back per seller
	RampPeriods        int
	Scalable           bool
	Owned              bool
	Requires           []string
	// Decision is what the plan does with the investment: left to the
	// optimizer (Optimize, the default), bought at full level from the
	// first period (In), or never bought (Out).
	Decision Decision
}

// Decision is a person's decision on an investment, the key
// investments[].decision.
type Decision string

const (
	Optimize Decision = "optimize" // the optimizer decides
	In       Decision = "in"       // forced in: bought at full level from the first period
	Out      Decision = "out"      // forced out: never bought
)

// Decisions lists the decisions in the order docs/scenario.md gives them.
var Decisions = []Decision{Optimize, In, Out}
