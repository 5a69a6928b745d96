package model

import (
	"fmt"
	"math"
	"strings"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// None marks a variable that does not exist (a function with no demand in
// that region and period needs no staff or coverage variable).
const None = -1

// Model is the linear program of one scenario with the index maps that give
// its variables and rows their business meaning. Index slices are [f][r][t],
// [i][t] or [t], with f, r, t, i 0-based in scenario order.
type Model struct {
	Scenario *scenario.Scenario
	Problem  *solve.Problem // all rows; the objective is set per stage

	Demand [][][]float64 // d[f][r][t], FTE

	Local, Central, Cov [][][]int // local FTE, central FTE serving the region, coverage
	Level               [][]int   // investment level y[i][t]
	Heart, Brain        []int     // heart and brain score per period
	HeartToHealthy      []int     // heart counted up to healthy per cell (addScoreRows), the stage-1 objective
	Spend               []int     // spend per period

	BudgetRow []int // spend[t] <= budget[t]
	spendRow  []int // spend_def[t], which addKeptNew extends

	// MoneyUnit is the amount of money one unit of spend[t] stands for
	// (see moneyUnit): a spend read off a solution is x*MoneyUnit.
	MoneyUnit float64
	// FTEUnit is the headcount one unit of Local and Central stands for (see
	// fteUnit): FTE read off a solution are x*FTEUnit, and the rows on
	// headcounts (cap, hires, exits) are in that unit.
	FTEUnit float64

	// Rows of the team and investment constraints, for explaining an
	// infeasible scenario by relaxing them group by group. Per period [t],
	// None where the scenario sets no such constraint. Teams are indexed k:
	// 0 is the central team, 1+r is region r's local team.
	CentralShareMinRow []int   // central share >= min
	CentralShareMaxRow []int   // central share <= max
	MaxFTERow          []int   // all FTE <= max_fte
	HireRows           [][]int // [k][t] headcount change <= max_hires
	ExitRows           [][]int // [k][t] headcount change >= -max_exits
	RequiresRows       [][]int // [i] every requires row of investment i, all periods

	// Kept and New split team k's FTE in period t, [k][t] like HireRows,
	// into today's staff still in seat, at the roster's average cost, and
	// staff hired since, at cost_per_fte, for the teams whose roster costs
	// differ from cost_per_fte (scenario.Team.SplitsKept); nil for other
	// teams, and nil without any (addKeptNew). KeptExitRows [k][t] limits
	// the kept staff leaving by the team's exit limit (None where none).
	Kept, New    [][]int
	KeptExitRows [][]int

	// Hires and Exits are team k's hires and exits in period t, [k][t]
	// like HireRows, counted at the team's one-time hire_cost and
	// exit_cost in spend[t], and MoveRows the rows that define them
	// (addMoveCosts); nil for a team without such costs, and nil without
	// any.
	Hires, Exits, MoveRows [][]int
	// KeptLeft is a split team's kept staff leaving in period t (None
	// without an exit_cost), costed in spend[t] (addMoveCosts).
	KeptLeft [][]int

	// People is team k's headcount in period t, [k][t] like HireRows, an
	// integer variable equal to the team's FTE (policy.whole_people); nil
	// without whole people.
	People [][]int

	// AboveHealthy is a heart cell's coverage beyond healthy_heart, where
	// addScoreRows splits the cell (None elsewhere): there Cov is the part
	// up to healthy, min(coverage, healthy), which stage 1 sums, and the
	// cell's coverage is Cov + AboveHealthy.
	AboveHealthy [][][]int

	labels []string // s.PeriodLabel(t) by period

	// heartConst and brainConst are period t's score contribution of the
	// function-region pairs without demand, which count as fully covered:
	// the rows that define Heart[t] and Brain[t] have them as right-hand sides.
	heartConst, brainConst []float64
}

// Build constructs the model of s. It does not solve anything.
func Build(s *scenario.Scenario) *Model {
	nF, nR, nT, nI := len(s.Functions), len(s.Regions), s.Periods(), len(s.Investments)
	m := &Model{Scenario: s, Problem: &solve.Problem{Name: s.Name, Maximize: true}}
	p := m.Problem

	m.Demand = make3(nF, nR, nT, func(f, r, t int) float64 { return s.Demand(f, r, t) })
	m.FTEUnit = fteUnit(m.Demand)
	m.MoneyUnit = moneyUnit(s, m.FTEUnit)
	// Every variable and row name has its period's label: made once.
	m.labels = make([]string, nT)
	for t := range m.labels {
		m.labels[t] = s.PeriodLabel(t)
	}
	label := func(t int) string { return m.labels[t] }
	inf := math.Inf(1)

	// Staff and coverage variables, only where there is demand.
	m.Local = make3(nF, nR, nT, func(int, int, int) int { return None })
	m.Central = make3(nF, nR, nT, func(int, int, int) int { return None })
	m.Cov = make3(nF, nR, nT, func(int, int, int) int { return None })
	for t := 0; t < nT; t++ {
		for f, fn := range s.Functions {
			for r, reg := range s.Regions {
				if m.Demand[f][r][t] <= 0 {
					continue
				}
				key := fn.ID + "," + reg.ID + "," + label(t)
				m.Local[f][r][t] = p.AddVar("L["+key+"]", 0, inf)
				m.Central[f][r][t] = p.AddVar("C["+key+"]", 0, inf)
				m.Cov[f][r][t] = p.AddVar("cov["+key+"]", fn.MinCoverage, 1)
			}
		}
	}

	// Investment levels: owned ones are fixed at 1, all-or-nothing ones are binary.
	m.Level = make([][]int, nI)
	for i, inv := range s.Investments {
		m.Level[i] = make([]int, nT)
		lo, hi := levelBounds(inv)
		for t := 0; t < nT; t++ {
			j := p.AddVar(fmt.Sprintf("y[%s,%s]", inv.ID, label(t)), lo, hi)
			p.Vars[j].Integer = !inv.Scalable && !inv.Owned
			m.Level[i][t] = j
		}
	}

	m.Heart, m.Brain, m.HeartToHealthy, m.Spend = make([]int, nT), make([]int, nT), make([]int, nT), make([]int, nT)
	for t := 0; t < nT; t++ {
		m.Heart[t] = p.AddVar("heart["+label(t)+"]", 0, inf)
		m.Brain[t] = p.AddVar("brain["+label(t)+"]", 0, inf)
		m.HeartToHealthy[t] = p.AddVar("heart_to_healthy["+label(t)+"]", 0, s.Policy.HealthyHeart)
		m.Spend[t] = p.AddVar("spend["+label(t)+"]", 0, inf)
	}

	m.addCoverageRows()
	m.addScoreRows()
	m.addSpendRows()
	m.addTeamRows()
	m.addInvestmentRows()
	return m
}

// levelBounds are the bounds of an investment's level in every period.
// Owned and forced-in investments are fixed at 1 (a forced-in one, unlike
// an owned one, pays its upfront cost in the first period and ramps from
// there: the rows treat it as any bought investment); a forced-out one is
// fixed at 0. Bounds, not rows: the explanation of an infeasible plan
// relaxes a forced-in level by its lower bound, as an owned one's.
func levelBounds(inv scenario.Investment) (lo, hi float64) {
	switch {
	case inv.Owned || inv.Decision == scenario.In:
		return 1, 1
	case inv.Decision == scenario.Out:
		return 0, 0
	}
	return 0, 1
}

// Units: a scenario whose largest demand of one function in one region
// and period is between fteLow and fteHigh FTE, and whose dearest person
// costs between moneyLow and moneyHigh a year, is modelled in people and
// in its own currency; beyond, the model counts in a power of ten that
// brings the demand to fteTarget and the cost of one unit of staff to
// moneyTarget.
const (
	fteLow      = 1e-3
	fteHigh     = 1e5
	fteTarget   = 10
	moneyLow    = 1e2
	moneyHigh   = 1e8
	moneyTarget = 1e5
)

// fteUnit is the unit of headcount of a model with demand d[f][r][t]. With
// a demand of 1e10 FTE, the coverage rows hold coefficients of 1e-10 and
// the team rows right-hand sides of 1e10 beside rows of order one, and the
// simplex, whose tolerances are absolute in its scaled problem, stalls or
// returns points the check refuses (issue 17); counted in units of 1e9 the
// model is an ordinary scenario's. A scenario in the usual range keeps the
// FTE itself, so its model (and export-lp's file) reads in people.
func fteUnit(d [][][]float64) float64 {
	var top float64
	for _, fd := range d {
		for _, rd := range fd {
			for _, v := range rd {
				top = max(top, v)
			}
		}
	}
	if top == 0 || top >= fteLow && top <= fteHigh {
		return 1
	}
	return math.Pow(10, math.Round(math.Log10(top/fteTarget)))
}

// moneyUnit is the unit of money of s's model, whose staff variables count
// fte people each, from the dearest unit of staff or investment cost. At a cost of 1e13 a person a year, the spend rows hold
// coefficients of 1e12 next to coverage rows of order one, with the same
// trouble as a demand of 1e10 (fteUnit); counted in units of 1e8 the
// rows are an ordinary scenario's.
func moneyUnit(s *scenario.Scenario, fte float64) float64 {
	top := s.Central.CostPerFTE
	for _, r := range s.Regions {
		top = max(top, r.CostPerFTE)
	}
	// A roster dearer than the new hires is the dearest staff; without a
	// split the roster's cost is not in the model.
	for _, tm := range teams(s) {
		if tm.SplitsKept() {
			top = max(top, tm.CurrentCostPerFTE)
		}
	}
	top *= fte
	// An investment's costs stand in the same rows: when one costs more
	// than a unit of staff, the unit is taken between the two (their
	// geometric mean), so that neither is far from it: a tool that costs
	// 1e7 units of staff would otherwise be 1e12 units of money.
	var tool float64
	for _, inv := range s.Investments {
		tool = max(tool, inv.Upfront, inv.PerYear)
	}
	switch {
	case tool > top && top > 0:
		top = math.Sqrt(top * tool)
	case tool > top:
		// Staff that costs nothing: the tools' costs are the only money,
		// and their unit is the tools'. (A mean with a stand-in of 1e-300
		// for the staff gave a unit of 1e-150, a budget of 1e156 units and
		// an LP no solver could read: "infeasible" for a plan of free
		// staff.)
		top = tool
	}
	if top == 0 || top >= moneyLow && top <= moneyHigh {
		return 1
	}
	return math.Pow(10, math.Round(math.Log10(top/moneyTarget)))
}

// rampCoef is the weight of y[i][s] in the effective level of investment i in
// period t >= s. An increase at period s counts min(1, (t-s+1)/(ramp+1)) of
// itself at t; written in terms of levels rather than increases, y[s] gets
// k(t-s) - k(t-s-1), with k(-1) = 0.
func rampCoef(ramp, t, s int) float64 {
	k := func(j int) float64 {
		if j < 0 {
			return 0
		}
		return math.Min(1, float64(j+1)/float64(ramp+1))
	}
	return k(t-s) - k(t-s-1)
}

// EffectiveTerms returns investment i's effective (ramped) level in period t
// as terms over its level variables. Owned investments count fully at once.
func (m *Model) EffectiveTerms(i, t int) []solve.Term {
	inv := m.Scenario.Investments[i]
	if inv.Owned {
		return []solve.Term{{Var: m.Level[i][t], Coef: 1}}
	}
	var terms []solve.Term
	for s := 0; s <= t; s++ {
		if c := rampCoef(inv.RampPeriods, t, s); c != 0 {
			terms = append(terms, solve.Term{Var: m.Level[i][s], Coef: c})
		}
	}
	return terms
}

// addCoverageRows: cov*d <= eL*L + eC*C + sum_i a[i,f]*ramp_i(t)*d, divided
// through by d so that the row reads in coverage units.
func (m *Model) addCoverageRows() {
	s, p := m.Scenario, m.Problem
	for t := 0; t < s.Periods(); t++ {
		for f, fn := range s.Functions {
			for r, reg := range s.Regions {
				d := m.Demand[f][r][t]
				if m.Cov[f][r][t] == None {
					continue
				}
				terms := []solve.Term{
					{Var: m.Cov[f][r][t], Coef: 1},
					{Var: m.Local[f][r][t], Coef: -fn.LocalEffectiveness * m.FTEUnit / d},
					{Var: m.Central[f][r][t], Coef: -fn.CentralEffectiveness * m.FTEUnit / d},
				}
				for i, inv := range s.Investments {
					a := inv.Covers[fn.ID]
					if a == 0 {
						continue
					}
					for _, e := range m.EffectiveTerms(i, t) {
						terms = append(terms, solve.Term{Var: e.Var, Coef: -a * e.Coef})
					}
				}
				p.AddRow("capacity["+fn.ID+","+reg.ID+","+m.labels[t]+"]", terms, solve.LE, 0)
			}
		}
	}
}

// addScoreRows defines Heart[t] and Brain[t] (weighted by function weight
// and by the region's share of sellers) and heart_to_healthy[t], the same
// weighted sum over the heart cells with each cell counted only up to
// healthy_heart (DESIGN.md section 4, stage 1): an average counted up to
// healthy would let a function at 100% hide one at 50%.
//
// The min is linearized by splitting a heart cell's coverage in two (see
// splitHeartCell): cov[f,r,t] up to healthy and cov_above_healthy[f,r,t]
// beyond it, and heart_to_healthy[t] sums the first part. That costs a
// bounded column per heart cell and no row, where u <= cov would cost a row
// each and, measured, doubled the time of a plan.
func (m *Model) addScoreRows() {
	s, p := m.Scenario, m.Problem
	var wHeart, wBrain float64
	for _, fn := range s.Functions {
		if fn.Class == scenario.Heart {
			wHeart += fn.Weight
		} else {
			wBrain += fn.Weight
		}
	}
	m.heartConst = make([]float64, s.Periods())
	m.brainConst = make([]float64, s.Periods())
	healthy := s.Policy.HealthyHeart
	m.AboveHealthy = make3(len(s.Functions), len(s.Regions), s.Periods(), func(int, int, int) int { return None })
	capacity := m.capacityRows()
	for t := 0; t < s.Periods(); t++ {
		heart := []solve.Term{{Var: m.Heart[t], Coef: 1}}
		brain := []solve.Term{{Var: m.Brain[t], Coef: 1}}
		toHealthy := []solve.Term{{Var: m.HeartToHealthy[t], Coef: 1}}
		var toHealthyConst float64
		shares := s.SellerShares(t)
		for f, fn := range s.Functions {
			rows, w, konst := &heart, wHeart, &m.heartConst[t]
			if fn.Class == scenario.Brain {
				rows, w, konst = &brain, wBrain, &m.brainConst[t]
			}
			if w == 0 {
				continue // every function of the class weighs 0: the score stays 0
			}
			for r := range s.Regions {
				c := fn.Weight * shares[r] / w
				if c == 0 {
					continue
				}
				cov := m.Cov[f][r][t]
				if cov == None {
					*konst += c
					if fn.Class == scenario.Heart {
						toHealthyConst += c * healthy // no demand: fully covered, so healthy
					}
					continue
				}
				*rows = append(*rows, solve.Term{Var: cov, Coef: -c})
				if fn.Class != scenario.Heart {
					continue
				}
				switch {
				case fn.MinCoverage > healthy:
					// The floor keeps the cell above healthy: it counts healthy.
					toHealthyConst += c * healthy
				case healthy >= 1:
					toHealthy = append(toHealthy, solve.Term{Var: cov, Coef: -c})
				default:
					v := m.splitHeartCell(f, r, t, capacity[cov])
					*rows = append(*rows, solve.Term{Var: v, Coef: -c})
					toHealthy = append(toHealthy, solve.Term{Var: cov, Coef: -c})
				}
			}
		}
		lbl := m.labels[t]
		p.AddRow("heart_score["+lbl+"]", heart, solve.EQ, m.heartConst[t])
		p.AddRow("brain_score["+lbl+"]", brain, solve.EQ, m.brainConst[t])
		p.AddRow("heart_to_healthy_def["+lbl+"]", toHealthy, solve.EQ, toHealthyConst)
	}
}

// capacityRows maps each coverage variable to its capacity row (None for
// other variables), read off the rows addCoverageRows wrote: each starts
// with its cell's coverage.
func (m *Model) capacityRows() []int {
	out := make([]int, len(m.Problem.Vars))
	for j := range out {
		out[j] = None
	}
	for i, row := range m.Problem.Rows {
		if strings.HasPrefix(row.Name, "capacity[") && len(row.Terms) > 0 {
			out[row.Terms[0].Var] = i
		}
	}
	return out
}

// splitHeartCell splits heart cell (f, r, t)'s coverage in two: cov[f,r,t]
// becomes the part up to healthy_heart, in [floor, healthy], and the new
// cov_above_healthy[f,r,t] in [0, 1 - healthy] the part beyond; the cell's
// capacity row (row) and heart score count both. Maximized, stage 1 fills
// cov first, so cov is min(coverage, healthy); the floor (<= healthy here)
// stays a bound of cov alone, which explain.go relaxes.
func (m *Model) splitHeartCell(f, r, t, row int) int {
	s, p := m.Scenario, m.Problem
	healthy := s.Policy.HealthyHeart
	cov := m.Cov[f][r][t]
	if row == None {
		// addCoverageRows writes a capacity row per cell with demand,
		// starting with its coverage: anything else is a bug here.
		panic("model: no capacity row for " + p.Vars[cov].Name)
	}
	p.Vars[cov].Upper = healthy
	key := s.Functions[f].ID + "," + s.Regions[r].ID + "," + m.labels[t]
	v := p.AddVar("cov_above_healthy["+key+"]", 0, 1-healthy)
	p.Rows[row].Terms = append(p.Rows[row].Terms, solve.Term{Var: v, Coef: 1})
	m.AboveHealthy[f][r][t] = v
	return v
}

// addSpendRows defines spend[t] and caps it by the period's budget:
// spend = p*sum(FTE*cost) + p*sum(per_year*y) + sum(upfront*(y[t]-y[t-1])).
func (m *Model) addSpendRows() {
	s, p := m.Scenario, m.Problem
	u := m.MoneyUnit
	pf := s.PeriodFraction() / u
	m.BudgetRow = make([]int, s.Periods())
	m.spendRow = make([]int, s.Periods())
	for t := 0; t < s.Periods(); t++ {
		terms := []solve.Term{{Var: m.Spend[t], Coef: 1}}
		for f := range s.Functions {
			for r, reg := range s.Regions {
				if m.Local[f][r][t] == None {
					continue
				}
				terms = append(terms,
					solve.Term{Var: m.Local[f][r][t], Coef: -pf * reg.CostPerFTE * m.FTEUnit},
					solve.Term{Var: m.Central[f][r][t], Coef: -pf * s.Central.CostPerFTE * m.FTEUnit})
			}
		}
		for i, inv := range s.Investments {
			if c := pf*inv.PerYear + inv.Upfront/u; c != 0 && !inv.Owned {
				terms = append(terms, solve.Term{Var: m.Level[i][t], Coef: -c})
			} else if inv.Owned && inv.PerYear != 0 {
				terms = append(terms, solve.Term{Var: m.Level[i][t], Coef: -pf * inv.PerYear})
			}
			if t > 0 && inv.Upfront != 0 && !inv.Owned {
				terms = append(terms, solve.Term{Var: m.Level[i][t-1], Coef: inv.Upfront / u})
			}
		}
		lbl := m.labels[t]
		m.spendRow[t] = p.AddRow("spend_def["+lbl+"]", terms, solve.EQ, 0)
		m.BudgetRow[t] = p.AddRow("budget["+lbl+"]", []solve.Term{{Var: m.Spend[t], Coef: 1}}, solve.LE, s.PeriodBudget(t)/u)
	}
}

// CentralTerms and LocalTerms list period t's central FTE and region r's local FTE.
func (m *Model) CentralTerms(t int, coef float64) []solve.Term {
	var terms []solve.Term
	for f := range m.Scenario.Functions {
		for r := range m.Scenario.Regions {
			if j := m.Central[f][r][t]; j != None {
				terms = append(terms, solve.Term{Var: j, Coef: coef})
			}
		}
	}
	return terms
}

// LocalTerms lists region r's local FTE in period t (all regions when r < 0).
func (m *Model) LocalTerms(r, t int, coef float64) []solve.Term {
	// Only region r's columns when r >= 0: a loop over every region would
	// make the hire and exit rows of all regions quadratic in regions.
	lo, hi := 0, len(m.Scenario.Regions)
	if r >= 0 {
		lo, hi = r, r+1
	}
	var terms []solve.Term
	for f := range m.Scenario.Functions {
		for rr := lo; rr < hi; rr++ {
			if j := m.Local[f][rr][t]; j != None {
				terms = append(terms, solve.Term{Var: j, Coef: coef})
			}
		}
	}
	return terms
}

// teamTerms lists team k's FTE in period t, each with coefficient coef
// (k as in HireRows: 0 the central team, 1+r region r's local team).
func (m *Model) teamTerms(k, t int, coef float64) []solve.Term {
	if k == 0 {
		return m.CentralTerms(t, coef)
	}
	return m.LocalTerms(k-1, t, coef)
}

// teamID names team k in variable and row names: central, or the region's id.
func (m *Model) teamID(k int) string {
	if k == 0 {
		return "central"
	}
	return m.Scenario.Regions[k-1].ID
}

// addTeamRows: central share, headcount cap, hire and exit limits.
func (m *Model) addTeamRows() {
	s, p := m.Scenario, m.Problem
	pol := s.Policy
	nT := s.Periods()
	none := func() []int {
		x := make([]int, nT)
		for t := range x {
			x[t] = None
		}
		return x
	}
	m.CentralShareMinRow, m.CentralShareMaxRow, m.MaxFTERow = none(), none(), none()
	for t := 0; t < nT; t++ {
		lbl := m.labels[t]
		// central - min*(central+local) >= 0, written as (1-min)*central - min*local.
		if pol.CentralShare.Min > 0 {
			terms := append(m.CentralTerms(t, 1-pol.CentralShare.Min), m.LocalTerms(-1, t, -pol.CentralShare.Min)...)
			m.CentralShareMinRow[t] = p.AddRow("central_share_min["+lbl+"]", terms, solve.GE, 0)
		}
		if pol.CentralShare.Max < 1 {
			terms := append(m.CentralTerms(t, 1-pol.CentralShare.Max), m.LocalTerms(-1, t, -pol.CentralShare.Max)...)
			m.CentralShareMaxRow[t] = p.AddRow("central_share_max["+lbl+"]", terms, solve.LE, 0)
		}
		if pol.HasMaxFTE() {
			terms := append(m.CentralTerms(t, 1), m.LocalTerms(-1, t, 1)...)
			m.MaxFTERow[t] = p.AddRow("max_fte["+lbl+"]", terms, solve.LE, pol.MaxFTE/m.FTEUnit)
		}
	}
	m.HireRows = make([][]int, 1+len(s.Regions))
	m.ExitRows = make([][]int, 1+len(s.Regions))
	m.KeptExitRows = make([][]int, 1+len(s.Regions))
	for k := range m.HireRows {
		m.HireRows[k], m.ExitRows[k], m.KeptExitRows[k] = none(), none(), none()
	}
	for k, tm := range teams(s) {
		m.addHeadcountLimits(k, tm)
	}
	if pol.WholePeople {
		m.People = make([][]int, 1+len(s.Regions))
		for k := range m.People {
			m.addPeople(k)
		}
	}
}

// addPeople adds team k's whole headcount per period (policy.whole_people):
// an integer variable people[team,t] >= 0 and the row that makes it the
// team's FTE, sum of FTE - people = 0, in people (FTEUnit is 1 for a
// scenario with whole people, see CheckSize). The team's FTE per function
// stays continuous: only its sum is whole. The hire and exit rows compare
// sums of FTE, so with whole headcounts the changes from period to period
// are whole too.
func (m *Model) addPeople(k int) {
	team := m.teamID(k)
	s, p := m.Scenario, m.Problem
	m.People[k] = make([]int, s.Periods())
	for t := range s.Periods() {
		lbl := m.labels[t]
		n := p.AddVar(fmt.Sprintf("people[%s,%s]", team, lbl), 0, math.Inf(1))
		p.Vars[n].Integer = true
		m.People[k][t] = n
		row := append(m.teamTerms(k, t, m.FTEUnit), solve.Term{Var: n, Coef: -1})
		p.AddRow(fmt.Sprintf("whole_people[%s,%s]", team, lbl), row, solve.EQ, 0)
	}
}

// addHeadcountLimits bounds a team's change of headcount from one period to
// the next; period 0 is compared with the team's current FTE. A team split
// into kept and new staff (addKeptNew) counts its hires as the rise of its
// new staff, and its exits as the fall of its kept staff plus the fall of
// its new staff: the two exit rows below, kept staff leaving and the whole
// team shrinking, bound exits = kept[t-1] - kept[t] + max(0, new[t-1] -
// new[t]) together.
func (m *Model) addHeadcountLimits(k int, tm scenario.Team) {
	team := m.teamID(k)
	s, p := m.Scenario, m.Problem
	current := tm.CurrentTotal() / m.FTEUnit
	split := tm.SplitsKept()
	if split {
		m.addKeptNew(k, tm)
	}
	if tm.HasMoveCosts() {
		m.addMoveCosts(k, tm)
	}
	for t := 0; t < s.Periods(); t++ {
		lbl := m.labels[t]
		// now[t] - now[t-1] <= hires; now[t-1] - now[t] <= exits.
		delta, prev := m.teamChange(k, t, current)
		if tm.HasHireLimit() {
			row, rhs := delta, tm.MaxHiresPerPeriod/m.FTEUnit+prev
			if split {
				// new[t] - new[t-1] <= hires, with new[-1] today's staff
				// beyond the roster's (none but after a review).
				var before float64
				row, before = change(m.New[k], t, (tm.CurrentTotal()-tm.KeptFTE)/m.FTEUnit)
				rhs = tm.MaxHiresPerPeriod/m.FTEUnit + before
			}
			m.HireRows[k][t] = p.AddRow(fmt.Sprintf("hires[%s,%s]", team, lbl), row, solve.LE, rhs)
		}
		if tm.HasExitLimit() {
			m.ExitRows[k][t] = p.AddRow(fmt.Sprintf("exits[%s,%s]", team, lbl), delta, solve.GE, prev-tm.MaxExitsPerPeriod/m.FTEUnit)
			if split {
				// kept[t] - kept[t-1] >= -exits, with kept[-1] the roster's FTE.
				row, before := change(m.Kept[k], t, tm.KeptFTE/m.FTEUnit)
				m.KeptExitRows[k][t] = p.AddRow(fmt.Sprintf("kept_exits[%s,%s]", team, lbl), row, solve.GE, before-tm.MaxExitsPerPeriod/m.FTEUnit)
			}
		}
	}
}

// teamChange is team k's headcount in period t less that in t-1, as
// terms and a constant to add to the row's right-hand side: before the
// first period the headcount is today's, the constant today (in FTEUnit).
func (m *Model) teamChange(k, t int, today float64) ([]solve.Term, float64) {
	if t == 0 {
		return m.teamTerms(k, 0, 1), today
	}
	return append(m.teamTerms(k, t, 1), m.teamTerms(k, t-1, -1)...), 0
}

// change is x[t] - x[t-1] as terms and a constant to add to the row's
// right-hand side: before the first period x is the constant before, so
// period 0's terms are x[0] alone and the constant is before.
func change(x []int, t int, before float64) ([]solve.Term, float64) {
	if t == 0 {
		return []solve.Term{{Var: x[0], Coef: 1}}, before
	}
	return []solve.Term{{Var: x[t], Coef: 1}, {Var: x[t-1], Coef: -1}}, 0
}

// addKeptNew splits team k's FTE in every period into kept[team,t], the
// roster's staff still in seat, in [0, the roster's FTE], and new[team,t]
// >= 0, the staff hired since:
//
//	kept_new[team,t]:   team FTE - kept - new = 0
//	kept_stays[team,t]: kept[t] - kept[t-1] <= 0        (t > 0: kept staff only leave)
//
// and adds (roster cost - cost_per_fte) * kept to the period's spend, whose
// team FTE are all at cost_per_fte already. Nothing forces the optimizer to
// keep dear staff: it may replace them by cheaper hires, each a real exit
// and a real hire that the team's limits count (addHeadcountLimits). Kept
// and new are continuous, with whole people too: only the team's headcount
// is whole; but for a team with one-time hire or exit costs, kept is whole
// in whole people (see above).
func (m *Model) addKeptNew(k int, tm scenario.Team) {
	team := m.teamID(k)
	s, p := m.Scenario, m.Problem
	if m.Kept == nil {
		m.Kept = make([][]int, 1+len(s.Regions))
		m.New = make([][]int, 1+len(s.Regions))
	}
	nT := s.Periods()
	m.Kept[k], m.New[k] = make([]int, nT), make([]int, nT)
	extra := -s.PeriodFraction() / m.MoneyUnit * (tm.CurrentCostPerFTE - tm.CostPerFTE) * m.FTEUnit
	for t := range nT {
		lbl := m.labels[t]
		kept := p.AddVar(fmt.Sprintf("kept[%s,%s]", team, lbl), 0, tm.KeptFTE/m.FTEUnit)
		// In whole people kept staff are whole where one-time costs make
		// the model weigh each replacement (addMoveCosts): the least
		// spend no longer picks Flows' whole path by itself.
		p.Vars[kept].Integer = s.Policy.WholePeople && tm.HasMoveCosts()
		hired := p.AddVar(fmt.Sprintf("new[%s,%s]", team, lbl), 0, math.Inf(1))
		m.Kept[k][t], m.New[k][t] = kept, hired
		row := append(m.teamTerms(k, t, 1), solve.Term{Var: kept, Coef: -1}, solve.Term{Var: hired, Coef: -1})
		p.AddRow(fmt.Sprintf("kept_new[%s,%s]", team, lbl), row, solve.EQ, 0)
		if t > 0 {
			p.AddRow(fmt.Sprintf("kept_stays[%s,%s]", team, lbl),
				[]solve.Term{{Var: kept, Coef: 1}, {Var: m.Kept[k][t-1], Coef: -1}}, solve.LE, 0)
		}
		sr := &p.Rows[m.spendRow[t]]
		sr.Terms = append(sr.Terms, solve.Term{Var: kept, Coef: extra})
	}
}

// addMoveCosts counts team k's one-time costs of hiring and of letting
// people go (hire_cost and exit_cost per FTE) in each period's spend. A
// team that is not split by its roster's costs gets
//
//	moves[team,t]: team FTE[t] - team FTE[t-1] - hired[team,t] + left[team,t] = 0
//
// (FTE[-1] today's), with hired, left >= 0 at hire_cost and exit_cost in
// spend[t]: whatever the stage, the least spend, or the money left for
// the scores, makes them the rise and the fall of the headcount (both
// positive would pay twice for nothing). A team split into kept and new
// staff (addKeptNew) hires the rise of its new staff and loses the fall of
// its kept staff and of its new staff, as its limits count them:
//
//	moves[team,t]: new[t] - new[t-1] - hired[team,t] + left[team,t] = 0
//
// with exit_cost * kept_left[team,t] in spend[t] besides, where
//
//	kept_left[team,t]: kept[t] - kept[t-1] + kept_left[team,t] = 0
//
// (kept[-1] the roster's FTE) counts the kept staff who leave, who only
// leave. So replacing a roster person costs a hire and an
// exit, and the model replaces only where the saving pays for them.
func (m *Model) addMoveCosts(k int, tm scenario.Team) {
	team := m.teamID(k)
	s, p := m.Scenario, m.Problem
	u := m.MoneyUnit
	hc, ec := tm.HireCost/u*m.FTEUnit, tm.ExitCost/u*m.FTEUnit
	split := tm.SplitsKept()
	nT := s.Periods()
	if m.Hires == nil {
		n := 1 + len(s.Regions)
		m.Hires, m.Exits, m.MoveRows = make([][]int, n), make([][]int, n), make([][]int, n)
	}
	m.Hires[k], m.Exits[k], m.MoveRows[k] = make([]int, nT), make([]int, nT), make([]int, nT)
	if m.KeptLeft == nil {
		m.KeptLeft = make([][]int, 1+len(s.Regions))
	}
	m.KeptLeft[k] = make([]int, nT)
	for t := range m.KeptLeft[k] {
		m.KeptLeft[k][t] = None
	}
	for t := range nT {
		lbl := m.labels[t]
		var row []solve.Term
		var before float64
		if split {
			row, before = change(m.New[k], t, (tm.CurrentTotal()-tm.KeptFTE)/m.FTEUnit)
		} else {
			row, before = m.teamChange(k, t, tm.CurrentTotal()/m.FTEUnit)
		}
		// Named apart from the rows hires[...] and exits[...], which are
		// the limits.
		hires := p.AddVar(fmt.Sprintf("hired[%s,%s]", team, lbl), 0, math.Inf(1))
		exits := p.AddVar(fmt.Sprintf("left[%s,%s]", team, lbl), 0, math.Inf(1))
		row = append(row, solve.Term{Var: hires, Coef: -1}, solve.Term{Var: exits, Coef: 1})
		m.Hires[k][t], m.Exits[k][t] = hires, exits
		m.MoveRows[k][t] = p.AddRow(fmt.Sprintf("moves[%s,%s]", team, lbl), row, solve.EQ, before)
		spend := []solve.Term{{Var: hires, Coef: -hc}, {Var: exits, Coef: -ec}}
		if split && ec != 0 {
			// The kept staff who leave in t, a column of period t, so
			// that spend[t] keeps to its period (model.Blocks):
			// kept[t-1] - kept[t] - kept_left[t] = 0.
			gone := p.AddVar(fmt.Sprintf("kept_left[%s,%s]", team, lbl), 0, math.Inf(1))
			row, before := change(m.Kept[k], t, tm.KeptFTE/m.FTEUnit)
			row = append(row, solve.Term{Var: gone, Coef: 1})
			p.AddRow(fmt.Sprintf("kept_left[%s,%s]", team, lbl), row, solve.EQ, before)
			m.KeptLeft[k][t] = gone
			spend = append(spend, solve.Term{Var: gone, Coef: -ec})
		}
		// Indexed after the rows are added: AddRow may move p.Rows.
		sr := &p.Rows[m.spendRow[t]]
		sr.Terms = append(sr.Terms, spend...)
	}
}

// addInvestmentRows: levels never fall, and an investment is at most as far
// along as each investment it requires.
func (m *Model) addInvestmentRows() {
	s, p := m.Scenario, m.Problem
	m.RequiresRows = make([][]int, len(s.Investments))
	for i, inv := range s.Investments {
		for t := 0; t < s.Periods(); t++ {
			lbl := m.labels[t]
			if t > 0 && !inv.Owned {
				p.AddRow(fmt.Sprintf("no_divest[%s,%s]", inv.ID, lbl),
					[]solve.Term{{Var: m.Level[i][t-1], Coef: 1}, {Var: m.Level[i][t], Coef: -1}}, solve.LE, 0)
			}
			for _, req := range inv.Requires {
				k := s.InvestmentIndex(req)
				row := p.AddRow(fmt.Sprintf("requires[%s,%s,%s]", inv.ID, req, lbl),
					[]solve.Term{{Var: m.Level[i][t], Coef: 1}, {Var: m.Level[k][t], Coef: -1}}, solve.LE, 0)
				m.RequiresRows[i] = append(m.RequiresRows[i], row)
			}
		}
	}
}

func make3[T any](a, b, c int, fill func(i, j, k int) T) [][][]T {
	out := make([][][]T, a)
	for i := range out {
		out[i] = make([][]T, b)
		for j := range out[i] {
			out[i][j] = make([]T, c)
			for k := range out[i][j] {
				out[i][j][k] = fill(i, j, k)
			}
		}
	}
	return out
}

// BudgetNeedRow is period t's budget row with the budget a year made the
// variable a: spend[t] - a*shape[t] <= 0, where shape[t] is the period's
// budget per unit of the annual budget (scenario.BudgetShape), and a is in
// the model's money unit (MoneyUnit). The least a for which a model is
// feasible is the least budget a year that keeps the trajectory's shape
// (the budget case, and the explanation of a budget too small). Unlike a
// factor on the scenario's budget, a is measured in the units of the
// spend it pays for, so its LP stays well scaled when the budget is tiny
// or 0: a factor would be the need over a budget of 1e-9, about 1e15,
// beyond what the simplex resolves (issue 17).
func (m *Model) BudgetNeedRow(t, a int) solve.Row {
	return solve.Row{
		Name:  "budget_need[" + m.labels[t] + "]",
		Terms: []solve.Term{{Var: m.Spend[t], Coef: 1}, {Var: a, Coef: -m.Scenario.BudgetShape(t)}},
		Sense: solve.LE,
	}
}

// NeedBudget adds the variable a >= 0, the budget a year in the model's
// money unit, to p, a copy of m.Problem with the same rows, replaces each budget
// row by BudgetNeedRow, and returns a.
func (m *Model) NeedBudget(p *solve.Problem) int {
	a := p.AddVar("budget_need", 0, math.Inf(1))
	for t, row := range m.BudgetRow {
		p.Rows[row] = m.BudgetNeedRow(t, a)
	}
	return a
}

// AddHealthyTargets adds heart_to_healthy[t] >= healthy_heart in every
// period to p and returns the rows: every heart cell at healthy_heart or
// above (its part up to healthy is all of healthy, and the weights of a
// period's cells sum to one), which is what healthy means; a heart score
// of healthy_heart (AddTargets) may hide a cell below it behind others
// above. The rows are exact, not short by the tolerance to which a plan
// calls a cell healthy: a budget case's least spend per period, given to
// the plan as its budget, must make it healthy.
func (m *Model) AddHealthyTargets(p *solve.Problem) []int {
	healthy := m.Scenario.Policy.HealthyHeart
	rows := make([]int, len(m.HeartToHealthy))
	for t, v := range m.HeartToHealthy {
		rows[t] = p.AddRow("heart_healthy_target["+m.labels[t]+"]", []solve.Term{{Var: v, Coef: 1}}, solve.GE, healthy)
	}
	return rows
}

// AddTargets adds heart[t] >= heart in every period to p, and brain[t] >=
// brain when brain is positive, and returns the rows it added: the heart
// target's, then the brain target's (none when brain is 0).
func (m *Model) AddTargets(p *solve.Problem, heart, brain float64) (heartRows, brainRows []int) {
	for t := range m.Heart {
		lbl := m.labels[t]
		heartRows = append(heartRows, p.AddRow("heart_target["+lbl+"]", []solve.Term{{Var: m.Heart[t], Coef: 1}}, solve.GE, heart))
		if brain > 0 {
			brainRows = append(brainRows, p.AddRow("brain_target["+lbl+"]", []solve.Term{{Var: m.Brain[t], Coef: 1}}, solve.GE, brain))
		}
	}
	return heartRows, brainRows
}

// teams lists s's teams as the model indexes them: the central team, then
// each region's local team.
func teams(s *scenario.Scenario) []scenario.Team {
	out := []scenario.Team{s.Central}
	for _, r := range s.Regions {
		out = append(out, r.Team)
	}
	return out
}
