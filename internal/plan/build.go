package plan

import (
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Build assembles the plan of an allocation, evaluated from the scenario.
func Build(s *scenario.Scenario, a *Allocation, mode, status string) *Plan {
	p := &Plan{
		FormatVersion: FormatVersion,
		Scenario:      s.Name,
		Description:   s.Description,
		Currency:      s.Currency,
		Mode:          mode,
		Status:        status,
		HealthyHeart:  s.Policy.HealthyHeart,
		Period:        string(s.Horizon.Period),
		Periods:       make([]Period, 0, s.Periods()),
	}
	tot := &p.Totals
	tot.HeartMin = math.Inf(1)
	tot.HealthyAll = true
	for t := 0; t < s.Periods(); t++ {
		per := buildPeriod(s, a, t)
		p.Periods = append(p.Periods, per)
		tot.Budget += per.Budget
		tot.Spend += per.Spend
		tot.HeartMean += per.Heart / float64(s.Periods())
		tot.BrainMean += per.Brain / float64(s.Periods())
		tot.HeartMin = math.Min(tot.HeartMin, per.Heart)
		tot.HealthyAll = tot.HealthyAll && per.Healthy
	}
	tot.Unspent = unspent(tot.Budget, tot.Spend)
	if mode == ModeOptimized && (s.Policy.WholePeople || splitsKept(s)) {
		p.Hiring = BuildHiring(s, a, s.Policy.WholePeople)
	}
	return p
}

// unspent is budget - spend, or 0 when that is a residue within the
// tolerance to which spend meets the budget (VerifyTol relative): a plan
// that spends its budget shows 0 left, not -2.3e-10.
func unspent(budget, spend float64) float64 {
	u := budget - spend
	if math.Abs(u) <= VerifyTol*math.Max(1, math.Abs(budget)) {
		return 0
	}
	return u
}

func buildPeriod(s *scenario.Scenario, a *Allocation, t int) Period {
	per := Period{Label: s.PeriodLabel(t), Stage: string(s.Stages[t]), Budget: s.PeriodBudget(t)}
	per.Spend, per.StaffSpend = Spend(s, a, t)
	per.Unspent = unspent(per.Budget, per.Spend)
	per.Heart, per.Brain = Scores(s, a, t)
	// The heart is healthy when every heart function is in every region
	// (DESIGN.md section 4), each cell within the tolerance to which the
	// stages hold stage 1 (CellTol), not when the average Heart[t] is: an
	// average hides a failing function.
	per.Cells, per.WeakestHeart, per.Healthy = buildCells(s, a, t)
	per.WeakestTied, per.WeakestAllTie = per.WeakestHeartTies()
	// A function or region ranks as at healthy within the largest
	// tolerance of its heart cells (Function.Ranked, Region.Ranked).
	fTol, rTol := map[string]float64{}, map[string]float64{}
	for _, c := range per.Cells {
		fTol[c.Function] = max(fTol[c.Function], c.tol)
		rTol[c.RegionID] = max(rTol[c.RegionID], c.tol)
	}
	per.CentralFTE, per.LocalFTE = Teams(s, a, t)
	per.HiringExitSpend = MoveSpend(s, a, 0, t)
	per.CentralSpend = s.PeriodFraction()*per.CentralFTE*s.Central.CostPerFTE + KeptSpend(s, a, 0, t) + per.HiringExitSpend
	for k := 1; k <= len(s.Regions); k++ {
		per.HiringExitSpend += MoveSpend(s, a, k, t)
	}
	if all := per.CentralFTE + per.LocalFTE; all > 0 {
		per.CentralShare = per.CentralFTE / all
	}
	// Heart functions first, then brain, each in catalog order.
	for _, class := range []scenario.Class{scenario.Heart, scenario.Brain} {
		for f, fn := range s.Functions {
			if fn.Class != class {
				continue
			}
			out := Function{ID: fn.ID, Name: fn.Name, Class: string(fn.Class), MinCoverage: fn.MinCoverage}
			var covered float64
			for r := range s.Regions {
				d := s.Demand(f, r, t)
				out.Demand += d
				covered += Coverage(s, a, f, r, t) * d
				out.CentralFTE += a.Central[f][r][t]
				out.LocalFTE += a.Local[f][r][t]
				out.ToolFTE += toolFTE(s, a, f, r, t)
			}
			out.Coverage = 1
			if out.Demand > 0 {
				out.Coverage = covered / out.Demand
			}
			// Below healthy by the cells' rule, beyond the largest
			// tolerance of its heart cells. A function without heart cells
			// (of weight 0) has none and counts in no score: it is never
			// below healthy.
			tol := fTol[fn.ID]
			out.BelowHealthy = tol > 0 && out.Coverage < s.Policy.HealthyHeart-tol
			out.tie = healthyTie(out.Coverage, s.Policy.HealthyHeart, tol)
			per.Functions = append(per.Functions, out)
		}
	}
	var sellers float64
	for r, reg := range s.Regions {
		out := Region{Name: reg.Name, ID: reg.ID, Sellers: s.Sellers(r, t), LocalFTE: RegionLocal(s, a, r, t), Coverage: map[string]float64{}}
		sellers += out.Sellers
		var wh, wb float64
		for f, fn := range s.Functions {
			if s.Demand(f, r, t) > 0 {
				out.Coverage[fn.ID] = Coverage(s, a, f, r, t)
			}
			c := fn.Weight * Coverage(s, a, f, r, t)
			if fn.Class == scenario.Heart {
				out.Heart += c
				wh += fn.Weight
			} else {
				out.Brain += c
				wb += fn.Weight
			}
			out.CentralFTE += a.Central[f][r][t]
		}
		out.Heart, out.Brain = ratio(out.Heart, wh), ratio(out.Brain, wb)
		// Below healthy by the functions' rule: beyond the largest
		// tolerance of the region's heart cells. A region without heart
		// cells (its sellers share 0) counts in no score: never below.
		tol := rTol[reg.ID]
		out.BelowHealthy = tol > 0 && out.Heart < s.Policy.HealthyHeart-tol
		out.tie = healthyTie(out.Heart, s.Policy.HealthyHeart, tol)
		per.Regions = append(per.Regions, out)
	}
	for i, inv := range s.Investments {
		eff := Effective(s, a, i, t)
		var tool float64
		for f, fn := range s.Functions {
			for r := range s.Regions {
				tool += inv.Covers[fn.ID] * eff * s.Demand(f, r, t)
			}
		}
		per.Investments = append(per.Investments, Investment{
			ID: inv.ID, Name: inv.Name, Owned: inv.Owned, Level: a.Level[i][t], Effective: eff,
			Spend:       investmentSpend(s, a, i, t),
			SellerHours: inv.SellerHoursPerWeek * eff * sellers,
			ToolFTE:     tool,
		})
	}
	return per
}

// splitsKept reports whether some team's roster costs other than its new
// hires (scenario.Team.SplitsKept): a plan in FTE then has a hiring plan
// too, which alone shows the roster's staff it replaces (Hiring).
func splitsKept(s *scenario.Scenario) bool {
	for k := range 1 + len(s.Regions) {
		if teamOf(s, k).SplitsKept() {
			return true
		}
	}
	return false
}

// WeakestHealthy reports whether the period with the lowest heart (the
// first of a tie) is healthy: a view that prints Totals.HeartMin prints it
// as that period's row does, rounded down when it is not healthy.
func WeakestHealthy(ps []Period) bool {
	low := -1
	for t, per := range ps {
		if low < 0 || per.Heart < ps[low].Heart {
			low = t
		}
	}
	return low >= 0 && ps[low].Healthy
}
