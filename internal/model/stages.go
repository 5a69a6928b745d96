package model

import (
	"context"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Objective names, used for the hold rows of later stages.
const (
	StageHeart    = "heart_to_healthy"
	StageScores   = "weighted_scores"
	StageSpend    = "total_spend"
	StageHeartTie = "heart_on_ties"
	StageTieBreak = "tie_break"
)

// NumStages is the number of lexicographic stages, len(Objectives()).
const NumStages = 5

// StageNames are the names of Objectives() in their order.
var StageNames = [NumStages]string{StageHeart, StageScores, StageSpend, StageHeartTie, StageTieBreak}

// Objectives returns the lexicographic objectives: the three of DESIGN.md
// section 4 (the heart up to healthy, then the weighted scores, then the
// least spend) and two that choose among the plans equally good by those:
// the most heart (when heart and brain weigh the same, a point of heart
// above healthy and a point of brain score the same, and the heart comes
// first), then TieBreak.
func (m *Model) Objectives() []solve.Objective {
	pol := m.Scenario.Policy
	var heart, scores, spend, heartAll []solve.Term
	for t := range m.Heart {
		heart = append(heart, solve.Term{Var: m.HeartToHealthy[t], Coef: 1})
		scores = append(scores, solve.Term{Var: m.Heart[t], Coef: pol.HeartWeight}, solve.Term{Var: m.Brain[t], Coef: pol.BrainWeight})
		spend = append(spend, solve.Term{Var: m.Spend[t], Coef: 1})
		heartAll = append(heartAll, solve.Term{Var: m.Heart[t], Coef: 1})
	}
	scoresForm := &Form{}
	if m.Scenario.Horizon.Period == scenario.Month {
		if f := m.IncrementsForm(); f != nil {
			scoresForm = f
		}
	}
	return []solve.Objective{
		{Name: StageHeart, Maximize: true, Terms: heart, Form: m.Stage1Form()},
		// The scores and the spend are far from what the stage before
		// optimized: a fresh dual simplex beats the primal from its basis.
		{Name: StageScores, Maximize: true, Terms: scores, ColdStart: true,
			Form: scoresForm.Problem, FormBlocks: scoresForm.Blocks, FormPoint: scoresForm.Point},
		{Name: StageSpend, Maximize: false, Terms: spend, ColdStart: true},
		// The investments are chosen by then: ties between them are
		// broken by the branch and bound of the stages before, and a
		// search over them here would cost much and change nothing
		// anyone would see.
		{Name: StageHeartTie, Maximize: true, Terms: heartAll, FixIntegers: true},
		{Name: StageTieBreak, Maximize: false, Terms: m.TieBreak(), FixIntegers: true},
	}
}

// Weights of the tie-break objective by kind of variable, each spread by
// up to tieSpread + tiePeriodSpread of itself (see TieBreak).
const (
	tieFTE        = 1     // per FTE, local or central: fewest people first
	tieLocality   = 0.3   // added per FTE off the function's locality: more than tieSpread + tiePeriodSpread
	tieCoverage   = -0.1  // per unit of coverage: then the most coverage
	tieInvestment = 0.01  // per unit of investment level: then the least bought
	tieDerived    = 0.001 // scores (negative: higher) and spend, which the others determine

	// tieSpread is spread by a hash of what the variable is (its kind,
	// function, region or investment), the same in every period, so that
	// a tie is broken the same way in each period and on any calendar;
	// tiePeriodSpread by a hash of that and the period's index, so that
	// no two periods' variables weigh the same either.
	tieSpread       = 0.25
	tiePeriodSpread = 0.01
)

// TieBreak is the objective (minimized) of the last stage. The stages
// before fix the scores and the spend but often leave many plans that
// reach them: two heart functions that cost the same per point, a function
// that central or local staff cover at the same price, a period's heart
// traded for another's. Which of
// them a simplex returns depends on its path (the backend, a warm start),
// so without this stage the same scenario could show another split of
// people in a sweep than in plan. The stage picks one plan for good: the
// fewest FTE, a function's work where its locality says, then the most
// coverage, then the least investment. Each variable's weight is spread by
// a fixed amount from a hash of its name, which makes the optimum unique (a
// generic linear objective has one optimal vertex) and independent of the
// order of the scenario's lists. The hash reads the period's index, not
// its label: the same scenario started a quarter later, or in another
// fiscal year, gets the same plan period by period.
func (m *Model) TieBreak() []solve.Term {
	var terms []solve.Term
	add := func(j, t int, w float64) {
		if j != None {
			base := strings.TrimSuffix(m.Problem.Vars[j].Name, m.labels[t]+"]")
			spread := tieSpread*nameHash(base) + tiePeriodSpread*nameHash(base+"#"+strconv.Itoa(t))
			terms = append(terms, solve.Term{Var: j, Coef: w * (1 + spread)})
		}
	}
	for f := range m.Local {
		// Where central and local staff do a function's work at the same
		// price, its locality says where the work goes: the other side's
		// FTE weigh more than any spread can make up.
		local, central := float64(tieFTE), float64(tieFTE)
		switch m.Scenario.Functions[f].Locality {
		case scenario.Local:
			central += tieLocality
		case scenario.Central:
			local += tieLocality
		}
		for r := range m.Local[f] {
			for t := range m.Local[f][r] {
				add(m.Local[f][r][t], t, local)
				add(m.Central[f][r][t], t, central)
				add(m.Cov[f][r][t], t, tieCoverage)
				add(m.AboveHealthy[f][r][t], t, tieCoverage)
			}
		}
	}
	for i := range m.Level {
		for t := range m.Level[i] {
			add(m.Level[i][t], t, tieInvestment)
		}
	}
	for t := range m.Heart {
		add(m.Heart[t], t, -tieDerived)
		add(m.Brain[t], t, -tieDerived)
		add(m.HeartToHealthy[t], t, -tieDerived)
		add(m.Spend[t], t, tieDerived)
	}
	return terms
}

// nameHash maps a variable name to [0, 1), the same on every machine
// (FNV-1a).
func nameHash(name string) float64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return float64(h.Sum64()>>11) / (1 << 53)
}

// Stage1 returns the model with the stage-1 objective set: what export-lp
// writes, and what an independent solver must agree with.
func (m *Model) Stage1() *solve.Problem {
	q := m.Problem.Clone()
	q.SetObjective(m.Objectives()[0])
	return q
}

// Stage returns the model as solved at stage k (1-based, 1 to 5): with
// the hold rows of the stages before, whose optima it computes with lp.
// Stage(ctx, 1, ...) is Stage1(); export-lp --stage writes the others.
func (m *Model) Stage(ctx context.Context, k int, lp solve.LPSolver) (*solve.Problem, error) {
	// The options of Solve: with whole people, which of equally good
	// headcounts the stages before settle on depends on the search, and
	// stages 4 and 5 fix them.
	return solve.StageProblem(ctx, m.Problem, m.Objectives(), k-1, lp, solve.Options{Counts: m.People != nil, Blocks: m.blocks()})
}

// Solve runs the stages with the given LP backend.
// With whole people, branch and bound starts from the LP plan rounded
// (solve.Options.Counts).
func (m *Model) Solve(ctx context.Context, lp solve.LPSolver, opt solve.Options) (*solve.LexResult, error) {
	opt.Counts = opt.Counts || m.People != nil
	if opt.Blocks == nil {
		opt.Blocks = m.blocks()
	}
	return solve.Lexicographic(ctx, m.Problem, m.Objectives(), lp, opt)
}

// blocks is Blocks for the cold stages' start, or nil for a plan in whole
// people. There the root relaxation's point is the first incumbent,
// rounded, and leads the search, and the node limit stops it: from block
// starts the roots ended at other optimal points, and every plan measured
// stated a wider gap (docs/performance.md, "Session 19").
func (m *Model) blocks() []int {
	if m.People != nil {
		return nil
	}
	return m.Blocks()
}

// Blocks gives each variable of m.Problem its period, or -1 for an investment
// level, for the cold stages' block start (solve.Options.Blocks). A
// period's staff, coverage, scores, spend and headcounts meet the other
// periods' only in the hire and exit rows (and in the stages' hold rows);
// an investment's level reaches the periods its ramp spans, so the
// levels link the periods, fixed in the start at the stage before's.
func (m *Model) Blocks() []int {
	block := make([]int, len(m.Problem.Vars))
	for j := range block {
		block[j] = -1
	}
	set := func(t int, js ...int) {
		for _, j := range js {
			if j != None {
				block[j] = t
			}
		}
	}
	for t := range m.Scenario.Periods() {
		set(t, m.Heart[t], m.Brain[t], m.HeartToHealthy[t], m.Spend[t])
		for f := range m.Local {
			for r := range m.Local[f] {
				set(t, m.Local[f][r][t], m.Central[f][r][t], m.Cov[f][r][t], m.AboveHealthy[f][r][t])
			}
		}
		for _, team := range [][][]int{m.Kept, m.New, m.People, m.Hires, m.Exits, m.KeptLeft} {
			for _, k := range team {
				if k != nil {
					set(t, k[t])
				}
			}
		}
	}
	return block
}

// Stage1Form is the model with each team's FTE named once per period, for
// the first stage's simplex (solve.Objective.Form), or nil when no team
// has hire or exit limits over more than two columns. A hire or exit row
// compares a team's FTE in two periods: written out, the central team's
// is a sum over every function in every region (1,280 columns in a row of
// the 16 x 40 x 20 enterprise model), and those rows chain the periods so
// densely that the first stage's factors fill in. Here each team with
// such rows gets fte[team,t] = its sum (the row team_fte[team,t]) and its
// hire and exit rows compare those, which makes the first stage of the
// long monthly models several times faster. The later stages stay on the
// model as it is, where the same change made them slower (the figures are
// in docs/performance.md).
func (m *Model) Stage1Form() *solve.Problem {
	s := m.Scenario
	var q *solve.Problem
	for k := range m.HireRows {
		// The team's rows over its sums, with their periods: its exit
		// rows, and its hire rows unless they count its new staff only
		// (addKeptNew).
		var rows, periods []int
		var extra [][]solve.Term // terms a row has beyond the team's change
		split := m.Kept != nil && m.Kept[k] != nil
		for t := range s.Periods() {
			if r := m.HireRows[k][t]; r != None && !split {
				rows, periods, extra = append(rows, r), append(periods, t), append(extra, nil)
			}
			if r := m.ExitRows[k][t]; r != None {
				rows, periods, extra = append(rows, r), append(periods, t), append(extra, nil)
			}
			if m.MoveRows != nil && m.MoveRows[k] != nil && !split {
				// The change less hires plus exits (addMoveCosts).
				moves := []solve.Term{{Var: m.Hires[k][t], Coef: -1}, {Var: m.Exits[k][t], Coef: 1}}
				rows, periods, extra = append(rows, m.MoveRows[k][t]), append(periods, t), append(extra, moves)
			}
		}
		if len(rows) == 0 || len(m.teamTerms(k, 0, 1)) <= 2 {
			continue
		}
		if q == nil {
			q = m.Problem.Clone()
		}
		team := m.teamID(k)
		total := make([]int, s.Periods())
		for t := range total {
			total[t] = q.AddVar("fte["+team+","+m.labels[t]+"]", 0, math.Inf(1))
			q.AddRow("team_fte["+team+","+m.labels[t]+"]", append(m.teamTerms(k, t, 1), solve.Term{Var: total[t], Coef: -1}), solve.EQ, 0)
		}
		for i, r := range rows {
			// The same right-hand side: change gives the terms of
			// addHeadcountLimits' delta, over the totals.
			delta, _ := change(total, periods[i], 0)
			q.Rows[r].Terms = append(delta, extra[i]...)
		}
	}
	return q
}

// A Form is a problem equivalent to the model, for a stage's simplex
// (solve.Objective.Form): the model's variables first, then its own.
type Form struct {
	Problem *solve.Problem
	// Blocks gives the period of each of the form's own variables, for
	// the stage's block start (solve.Objective.FormBlocks).
	Blocks []int
	// Point extends a point of the model to the form's variables, for the
	// stage's hints (solve.Objective.FormPoint).
	Point func(x []float64) []float64
}

// IncrementsForm is the model with each team's hire and exit limits as
// bounds on its increments, for the scores stage of a monthly plan; or
// nil when no team has such limits over more than two columns, and in
// whole people. A team's hire and exit rows compare its FTE in
// consecutive periods, and where those limits bind month after month, as
// a ramp of monthly hires does, the basis holds the chain: a bidiagonal
// block whose inverse is a full triangle, so a change in one month
// reaches every later month in the factors. Here the team's FTE in
// period t is today's plus the sum of its increments,
//
//	headcount[team,t]: team FTE in t - sum over s <= t of (hire[s] - exit[s]) = today's FTE
//	0 <= hire[team,s] <= max_hires_per_period, 0 <= exit[team,s] <= max_exits_per_period
//
// in place of its hire and exit rows. It allows exactly the model's
// points: a change within the limits is hire - exit with one of them 0,
// and any hire - exit is within them (Point writes each change so). A
// basis holding the increments holds a triangle of ones, whose inverse is
// bidiagonal. The scores stage of the 16 x 20 x 36 months plan takes half
// the time on it; the quarterly plans, whose limits bind less often, lose
// a little, and so do the other stages, so only the monthly scores stage
// uses it (docs/performance.md, "Session 33"). Teams split into kept and
// new staff, or with one-time hire and exit costs, keep their rows.
func (m *Model) IncrementsForm() *Form {
	if m.People != nil {
		// A plan in whole people is searched under a node limit, where
		// another path to the same optimum can state another gap.
		return nil
	}
	var q *solve.Problem
	var blocks []int
	type team struct {
		k            int
		today        float64
		hires, exits []int // the increments by period
	}
	var teamsDone []team
	drop := make(map[int]bool)
	for k, tm := range teams(m.Scenario) {
		if tm.SplitsKept() || tm.HasMoveCosts() || !tm.HasHireLimit() && !tm.HasExitLimit() || len(m.teamTerms(k, 0, 1)) <= 2 {
			continue
		}
		if q == nil {
			q = m.Problem.Clone()
		}
		hires, exits := math.Inf(1), math.Inf(1)
		if tm.HasHireLimit() {
			hires = tm.MaxHiresPerPeriod / m.FTEUnit
		}
		if tm.HasExitLimit() {
			exits = tm.MaxExitsPerPeriod / m.FTEUnit
		}
		id := m.teamID(k)
		tt := team{k: k, today: tm.CurrentTotal() / m.FTEUnit}
		var sum []solve.Term // - the increments so far
		for t := range m.Scenario.Periods() {
			drop[m.HireRows[k][t]], drop[m.ExitRows[k][t]] = true, true
			lbl := m.labels[t]
			h := q.AddVar("hire["+id+","+lbl+"]", 0, hires)
			e := q.AddVar("exit["+id+","+lbl+"]", 0, exits)
			tt.hires, tt.exits = append(tt.hires, h), append(tt.exits, e)
			blocks = append(blocks, t, t)
			sum = append(sum, solve.Term{Var: h, Coef: -1}, solve.Term{Var: e, Coef: 1})
			q.AddRow("headcount["+id+","+lbl+"]", append(m.teamTerms(k, t, 1), sum...), solve.EQ, tt.today)
		}
		teamsDone = append(teamsDone, tt)
	}
	if q == nil {
		return nil
	}
	rows := q.Rows[:0] // q's own copy: each row is read before it is overwritten
	for i, r := range q.Rows {
		if !drop[i] {
			rows = append(rows, r)
		}
	}
	q.Rows = slices.Clip(rows)
	n := len(q.Vars)
	point := func(x []float64) []float64 {
		y := append(slices.Clip(x), make([]float64, n-len(x))...)
		for _, tt := range teamsDone {
			before := tt.today
			for t := range tt.hires {
				var now float64
				for _, term := range m.teamTerms(tt.k, t, 1) {
					now += term.Coef * x[term.Var]
				}
				y[tt.hires[t]], y[tt.exits[t]] = max(now-before, 0), max(before-now, 0)
				before = now
			}
		}
		return y
	}
	return &Form{Problem: q, Blocks: blocks, Point: point}
}
