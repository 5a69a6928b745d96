package plan

import (
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Allocation is what a plan decides: FTE per function, region and period for
// the local teams and for the central team serving each region, and each
// investment's level per period. Slices are [f][r][t] and [i][t].
type Allocation struct {
	Local   [][][]float64
	Central [][][]float64
	Level   [][]float64
	// Replace says how a team whose roster costs other than its new hires
	// (scenario.Team.SplitsKept) labels its people kept or new: true for
	// an optimized plan, whose least spend replaces today's staff dearer
	// than new hires as far as the team's limits allow (Flows); false for
	// today's team and the actuals, where today's staff stay as long as
	// the headcount allows.
	Replace bool
	// Kept is, per team k ([k][t], 0 the central team, 1+r region r's),
	// the roster's staff still in seat that the model chose, for a team
	// split by its roster's costs that also has one-time hire or exit
	// costs (scenario.Team.HasMoveCosts): there the least spend weighs
	// each replacement's cost against its saving, which Flows' rule does
	// not, so the plan takes the model's path. nil for other teams, and
	// nil without any.
	Kept [][]float64
}

// teamFlows is team k's people per period along fte, its headcount from
// the first period on: the model's kept path where the allocation has
// one (Kept), else Flows.
func (a *Allocation) teamFlows(s *scenario.Scenario, k int, fte []float64) []TeamFlow {
	tm := teamOf(s, k)
	if a.Kept != nil && a.Kept[k] != nil && tm.SplitsKept() {
		return flowsAlong(tm, fte, a.Kept[k])
	}
	return Flows(tm, fte, a.Replace)
}

// NewAllocation returns an all-zero allocation shaped for s.
func NewAllocation(s *scenario.Scenario) *Allocation {
	nF, nR, nT := len(s.Functions), len(s.Regions), s.Periods()
	a := &Allocation{Local: zeros3(nF, nR, nT), Central: zeros3(nF, nR, nT), Level: make([][]float64, len(s.Investments))}
	for i := range a.Level {
		a.Level[i] = make([]float64, nT)
	}
	return a
}

// Effective is investment i's ramped level in period t: an increase of the
// level at period s counts min(1, (t-s+1)/(ramp+1)) of itself at t; owned
// investments count fully from the first period.
//
// This is written from docs/model.md's wording (increases), independently of the
// model's coefficient form, so that evaluating a solved plan re-checks it.
func Effective(s *scenario.Scenario, a *Allocation, i, t int) float64 {
	inv := s.Investments[i]
	if inv.Owned {
		return a.Level[i][t]
	}
	var e, prev float64
	for u := 0; u <= t; u++ {
		inc := a.Level[i][u] - prev
		prev = a.Level[i][u]
		e += inc * math.Min(1, float64(t-u+1)/float64(inv.RampPeriods+1))
	}
	return e
}

// Coverage is the share of function f's demand in region r and period t
// that the allocation covers, capped at 1; 1 when there is no demand.
func Coverage(s *scenario.Scenario, a *Allocation, f, r, t int) float64 {
	d := s.Demand(f, r, t)
	if d <= 0 {
		return 1
	}
	return math.Min(1, delivered(s, a, f, r, t)/d)
}

// delivered is the FTE-equivalent work done on function f for region r in
// period t: local and central staff at their effectiveness, plus tools.
func delivered(s *scenario.Scenario, a *Allocation, f, r, t int) float64 {
	fn := s.Functions[f]
	w := fn.LocalEffectiveness*a.Local[f][r][t] + fn.CentralEffectiveness*a.Central[f][r][t]
	return w + toolFTE(s, a, f, r, t)
}

func toolFTE(s *scenario.Scenario, a *Allocation, f, r, t int) float64 {
	var w float64
	d := s.Demand(f, r, t)
	for i, inv := range s.Investments {
		if share := inv.Covers[s.Functions[f].ID]; share != 0 {
			w += share * Effective(s, a, i, t) * d
		}
	}
	return w
}

// Spend is what the allocation costs in period t: staff at their team's
// cost (the kept staff of a team split by its roster's costs at the
// roster's average, KeptSpend) and the one-time costs of the period's
// hires and exits (MoveSpend), running costs of investments at their
// level, and upfront costs of level increases (owned investments pay none).
func Spend(s *scenario.Scenario, a *Allocation, t int) (total, staff float64) {
	pf := s.PeriodFraction()
	for f := range s.Functions {
		for r, reg := range s.Regions {
			staff += pf * (a.Local[f][r][t]*reg.CostPerFTE + a.Central[f][r][t]*s.Central.CostPerFTE)
		}
	}
	for k := range 1 + len(s.Regions) {
		staff += KeptSpend(s, a, k, t) + MoveSpend(s, a, k, t)
	}
	total = staff
	for i := range s.Investments {
		total += investmentSpend(s, a, i, t)
	}
	return total, staff
}

func investmentSpend(s *scenario.Scenario, a *Allocation, i, t int) float64 {
	inv := s.Investments[i]
	spend := s.PeriodFraction() * inv.PerYear * a.Level[i][t]
	if !inv.Owned {
		prev := 0.0
		if t > 0 {
			prev = a.Level[i][t-1]
		}
		spend += inv.Upfront * (a.Level[i][t] - prev)
	}
	return spend
}

// Scores are the heart and brain scores of period t: coverage weighted by
// function weight and by each region's share of sellers. A class whose
// weights sum to 0 scores 0.
func Scores(s *scenario.Scenario, a *Allocation, t int) (heart, brain float64) {
	var wh, wb float64
	shares := s.SellerShares(t)
	for f, fn := range s.Functions {
		for r := range s.Regions {
			c := fn.Weight * shares[r] * Coverage(s, a, f, r, t)
			if fn.Class == scenario.Heart {
				heart += c
			} else {
				brain += c
			}
		}
		if fn.Class == scenario.Heart {
			wh += fn.Weight
		} else {
			wb += fn.Weight
		}
	}
	return ratio(heart, wh), ratio(brain, wb)
}

func ratio(x, w float64) float64 {
	if w == 0 {
		return 0
	}
	return x / w
}

// Teams returns the central and local headcount of period t.
func Teams(s *scenario.Scenario, a *Allocation, t int) (central, local float64) {
	for f := range s.Functions {
		for r := range s.Regions {
			central += a.Central[f][r][t]
			local += a.Local[f][r][t]
		}
	}
	return central, local
}

// teamOf is team k of s: the central team (k = 0), or region k-1's.
func teamOf(s *scenario.Scenario, k int) scenario.Team {
	if k == 0 {
		return s.Central
	}
	return s.Regions[k-1].Team
}

// teamPath is team k's headcount in periods 0..t.
func teamPath(s *scenario.Scenario, a *Allocation, k, t int) []float64 {
	out := make([]float64, t+1)
	for u := range out {
		if k == 0 {
			out[u], _ = Teams(s, a, u)
		} else {
			out[u] = RegionLocal(s, a, k-1, u)
		}
	}
	return out
}

// KeptSpend is what team k's kept staff cost in period t beyond their
// headcount at cost_per_fte, which Spend counts with every FTE: (roster
// cost - cost_per_fte) * kept FTE * the period fraction; 0 for a team
// whose roster costs what its new hires do.
func KeptSpend(s *scenario.Scenario, a *Allocation, k, t int) float64 {
	tm := teamOf(s, k)
	kept, _ := keptFTE(s, a, k, t)
	return s.PeriodFraction() * (tm.CurrentCostPerFTE - tm.CostPerFTE) * kept
}

// MoveSpend is what team k's hires and exits in period t cost once: its
// hire_cost per FTE hired and exit_cost per FTE leaving, counted as the
// hiring plan counts them (teamFlows: a roster person replaced by a new
// hire is an exit and a hire); 0 for a team without such costs.
func MoveSpend(s *scenario.Scenario, a *Allocation, k, t int) float64 {
	tm := teamOf(s, k)
	if !tm.HasMoveCosts() {
		return 0
	}
	f := a.teamFlows(s, k, teamPath(s, a, k, t))[t]
	return tm.HireCost*f.Hires + tm.ExitCost*f.Exits
}

// TeamCostPerFTE is team k's average cost of an FTE per year in period t
// (k 0 the central team, r+1 region r's local team): cost_per_fte, or, for
// a team whose roster costs other than its new hires, its kept staff at
// the roster's average and the rest at cost_per_fte, as Spend counts them.
func TeamCostPerFTE(s *scenario.Scenario, a *Allocation, k, t int) float64 {
	tm := teamOf(s, k)
	kept, headcount := keptFTE(s, a, k, t)
	if kept == 0 || headcount <= 0 {
		return tm.CostPerFTE
	}
	return tm.CostPerFTE + (tm.CurrentCostPerFTE-tm.CostPerFTE)*kept/headcount
}

// keptFTE is team k's roster staff still in seat in period t (Flows) and
// its headcount; both 0, without walking the team's path, for a team whose
// roster costs what its new hires do (Spend asks for every team).
func keptFTE(s *scenario.Scenario, a *Allocation, k, t int) (kept, headcount float64) {
	tm := teamOf(s, k)
	if !tm.SplitsKept() {
		return 0, 0
	}
	path := teamPath(s, a, k, t)
	return a.teamFlows(s, k, path)[t].Kept, path[t]
}

// RegionLocal is region r's local headcount in period t.
func RegionLocal(s *scenario.Scenario, a *Allocation, r, t int) float64 {
	var local float64
	for f := range s.Functions {
		local += a.Local[f][r][t]
	}
	return local
}

func zeros3(a, b, c int) [][][]float64 {
	out := make([][][]float64, a)
	for i := range out {
		out[i] = make([][]float64, b)
		for j := range out[i] {
			out[i][j] = make([]float64, c)
		}
	}
	return out
}
