package scenario

import (
	"math"
	"sort"
)

// PeriodFraction is the share of a year one period covers: 1/12, 1/4 or 1.
func (s *Scenario) PeriodFraction() float64 {
	return float64(s.Horizon.Period.Months()) / 12
}

// Periods is the number of periods in the horizon.
func (s *Scenario) Periods() int { return s.Horizon.Periods }

// Years is the horizon's length in years: 18 months are 1.5.
func (s *Scenario) Years() float64 { return float64(s.Periods()) * s.PeriodFraction() }

// PeriodLabel names period t (0-based): "2027-05", "2027-Q3" or "2029",
// and under a fiscal year "FY28-Q1" or "FY28" (months keep their calendar
// names).
func (s *Scenario) PeriodLabel(t int) string {
	h := s.Horizon
	return s.monthGroupLabel(h.firstMonth()+t*h.Period.Months(), h.Period)
}

// growth compounds a yearly rate over t periods: (1+rate)^(t*p).
func (s *Scenario) growth(rate float64, t int) float64 {
	return math.Pow(1+rate, float64(t)*s.PeriodFraction())
}

// Sellers in region r during period t (0-based), growing per period.
func (s *Scenario) Sellers(r, t int) float64 {
	reg := s.Regions[r]
	return reg.Sellers * s.growth(reg.SellerGrowthPerYear, t)
}

// SellerShare is region r's share of all sellers in period t; regions share
// equally when there are no sellers at all. It sums over every region: a
// loop over regions wants SellerShares, computed once per period.
func (s *Scenario) SellerShare(r, t int) float64 {
	return s.shareOf(s.Sellers(r, t), s.sellerTotal(t))
}

// SellerShares is SellerShare of every region in period t, in one pass over
// the regions instead of one per region.
func (s *Scenario) SellerShares(t int) []float64 {
	total := s.sellerTotal(t)
	shares := make([]float64, len(s.Regions))
	for r := range shares {
		shares[r] = s.shareOf(s.Sellers(r, t), total)
	}
	return shares
}

func (s *Scenario) sellerTotal(t int) float64 {
	var total float64
	for i := range s.Regions {
		total += s.Sellers(i, t)
	}
	return total
}

func (s *Scenario) shareOf(sellers, total float64) float64 {
	if total == 0 {
		return 1 / float64(len(s.Regions))
	}
	return sellers / total
}

// PeriodBudget is the money available in period t (0-based).
func (s *Scenario) PeriodBudget(t int) float64 {
	if s.Budget.PerPeriod != nil {
		return s.Budget.PerPeriod[t]
	}
	return s.Budget.Annual * s.PeriodFraction() * s.growth(s.Budget.ChangePerYear, t)
}

// AnnualBudget is the budget a year: budget.annual, or for a budget given
// per period, their total over the horizon's length in years.
func (s *Scenario) AnnualBudget() float64 {
	if s.Budget.PerPeriod == nil {
		return s.Budget.Annual
	}
	var total float64
	for _, b := range s.Budget.PerPeriod {
		total += b
	}
	return total / s.Years()
}

// BudgetShape is period t's budget per unit of AnnualBudget: PeriodBudget(t)
// = AnnualBudget() * BudgetShape(t). It is defined when the budget is 0 too
// (a per-period budget of zeros is flat), so that the budget a scenario
// needs can be measured in money whatever budget it has.
func (s *Scenario) BudgetShape(t int) float64 {
	if s.Budget.PerPeriod == nil {
		return s.PeriodFraction() * s.growth(s.Budget.ChangePerYear, t)
	}
	if a := s.AnnualBudget(); a > 0 {
		return s.Budget.PerPeriod[t] / a
	}
	return s.PeriodFraction()
}

// Demand is the FTE region r needs in period t to cover function f fully.
func (s *Scenario) Demand(f, r, t int) float64 {
	fn := s.Functions[f]
	return (fn.FTEPer100Sellers*s.Sellers(r, t)/100 + fn.FTEPerRegion) * fn.StageMultipliers[s.Stages[t]]
}

// FunctionIndex returns the index of function id, or -1.
func (s *Scenario) FunctionIndex(id string) int {
	for i, f := range s.Functions {
		if f.ID == id {
			return i
		}
	}
	return -1
}

// InvestmentIndex returns the index of investment id, or -1.
func (s *Scenario) InvestmentIndex(id string) int {
	for i, inv := range s.Investments {
		if inv.ID == id {
			return i
		}
	}
	return -1
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// FunctionNames names the scenario's functions by id, for the views,
// whose findings and rows carry ids.
func (s *Scenario) FunctionNames() map[string]string {
	out := make(map[string]string, len(s.Functions))
	for _, fn := range s.Functions {
		out[fn.ID] = fn.Name
	}
	return out
}

// InvestmentNames names the scenario's investments by id, as
// FunctionNames names its functions.
func (s *Scenario) InvestmentNames() map[string]string {
	out := make(map[string]string, len(s.Investments))
	for _, inv := range s.Investments {
		out[inv.ID] = inv.Name
	}
	return out
}
