package plan

import (
	"context"
	"math"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// An infeasible scenario is explained in three steps (docs/model.md,
// "Infeasible scenarios"):
//
//  1. The constraints are cut into groups a user can change: the budget of
//     each period, the floor of each function, each team's hire and exit
//     limits, the central share bounds, the headcount cap, and each owned,
//     forced-in (investments[].decision: in) or dependent investment.
//  2. A conflict is found by relaxing groups: with every group relaxed the
//     model is feasible; groups are put back one at a time, in a fixed
//     order, and kept while the model stays feasible. The first group that
//     makes it infeasible conflicts with those kept; a deletion filter then
//     drops every kept group the conflict does not need, leaving an
//     irreducible set. One group of the conflict is the one to change (the
//     budget first, then the headcount cap, the hire limits, the exit
//     limits); it stays relaxed, and the search repeats until the model is
//     feasible.
//  3. Each group to change is measured by one more LP, with the other
//     groups to change relaxed: the least budget scale, the least headcount
//     cap, the fewest hires or exits beyond the limits.
//
// Every step is an LP (or branch and bound) on a copy of the model: a few
// dozen small solves. The groups and the order are fixed, so the
// explanation is deterministic.

// ProgressExplain is the stage solve.Options.Progress hears of for the
// LPs of the explanation of an infeasible scenario.
const ProgressExplain = "explain"

type groupKind int

// Group kinds, in the order they are put back, which is also the reverse of
// the order in which a conflict's group to change is chosen. The targets
// exist only in a budget case's explanation (ExplainBudgetCase): put back
// first, they are in every conflict that needs them, and never the group
// to change.
const (
	kindHeartTarget groupKind = iota
	kindBrainTarget
	kindFloor
	kindInvestment
	kindShareMin
	kindShareMax
	kindExits
	kindHires
	kindCap
	kindBudget
)

// group is a set of rows and variable lower bounds relaxed together.
type group struct {
	kind  groupKind
	idx   int   // function f, investment i, team k (0 central, 1+r region r) or period t
	rows  []int // rows of the model dropped when relaxed
	lower []int // variables whose lower bound falls to 0 when relaxed
	// paired are rows dropped with rows[n] and measured with its slack: a
	// team split into kept and new staff has two exit rows a period
	// (model.KeptExitRows), which bound one count of exits. nil or None
	// where none.
	paired []int
}

type explainer struct {
	ctx     context.Context
	m       *model.Model
	s       *scenario.Scenario
	lp      solve.LPSolver
	opt     solve.Options
	targets *targets
	groups  []group
}

// targets are a budget case's targets, the rows addCaseTargets added
// for them: constraints to meet like the floors, but not the scenario's.
type targets struct {
	heart, brain         float64
	heartRows, brainRows []int
}

// explainInfeasible says why the model has no solution, as findings (the
// view words them): which groups of constraints conflict, and the smallest
// change to each conflict's group to change that makes the scenario
// feasible. A budget case's targets (tg; nil for a plan) are groups of
// their own: a conflict names them only when it needs them.
func explainInfeasible(ctx context.Context, m *model.Model, tg *targets, lp solve.LPSolver, opt solve.Options) ([]Finding, error) {
	opt.WarmStart = nil // the relaxed problems have other rows
	if outer := opt.Progress; outer != nil {
		opt.Progress = func(string) { outer(ProgressExplain) }
	}
	x := &explainer{ctx: ctx, m: m, s: m.Scenario, lp: lp, opt: opt, targets: tg}
	x.groups = x.buildGroups()
	conflicts, fixed, err := x.conflicts()
	if err != nil {
		return nil, err
	}
	if len(conflicts) == 0 {
		return []Finding{{Kind: KindNoConflictFound}}, nil
	}
	var msgs []Finding
	for _, c := range conflicts {
		lines, err := x.explain(c, fixed)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, lines...)
	}
	return msgs, nil
}

func (x *explainer) buildGroups() []group {
	m, s := x.m, x.s
	var gs []group
	if tg := x.targets; tg != nil {
		gs = append(gs, group{kind: kindHeartTarget, rows: tg.heartRows})
		if len(tg.brainRows) > 0 {
			gs = append(gs, group{kind: kindBrainTarget, rows: tg.brainRows})
		}
	}
	for f, fn := range s.Functions {
		if fn.MinCoverage <= 0 {
			continue
		}
		g := group{kind: kindFloor, idx: f}
		for r := range s.Regions {
			for t := 0; t < s.Periods(); t++ {
				if j := m.Cov[f][r][t]; j != model.None {
					g.lower = append(g.lower, j)
				}
			}
		}
		if len(g.lower) > 0 {
			gs = append(gs, g)
		}
	}
	for i, inv := range s.Investments {
		g := group{kind: kindInvestment, idx: i, rows: m.RequiresRows[i]}
		if inv.Owned || inv.Decision == scenario.In {
			g.lower = m.Level[i] // relaxed, the level may fall to 0
		}
		if len(g.rows)+len(g.lower) > 0 {
			gs = append(gs, g)
		}
	}
	rowsGroup := func(kind groupKind, idx int, rows []int) {
		g := group{kind: kind, idx: idx}
		for _, r := range rows {
			if r != model.None {
				g.rows = append(g.rows, r)
			}
		}
		if len(g.rows) > 0 {
			gs = append(gs, g)
		}
	}
	rowsGroup(kindShareMin, 0, m.CentralShareMinRow)
	rowsGroup(kindShareMax, 0, m.CentralShareMaxRow)
	for k := range m.ExitRows {
		rowsGroup(kindExits, k, m.ExitRows[k])
		if n := len(gs); n > 0 && gs[n-1].kind == kindExits && gs[n-1].idx == k {
			for t, r := range m.ExitRows[k] {
				if r != model.None {
					gs[n-1].paired = append(gs[n-1].paired, m.KeptExitRows[k][t])
				}
			}
		}
	}
	for k := range m.HireRows {
		rowsGroup(kindHires, k, m.HireRows[k])
	}
	rowsGroup(kindCap, 0, m.MaxFTERow)
	for t, r := range m.BudgetRow {
		rowsGroup(kindBudget, t, []int{r})
	}
	return gs
}

// problem is the model with the groups in relaxed dropped and a zero
// objective. Rows are renumbered: callers append what they need.
func (x *explainer) problem(relaxed []bool) *solve.Problem {
	q := x.m.Problem.Clone()
	drop := make([]bool, len(q.Rows))
	for g, on := range relaxed {
		if !on {
			continue
		}
		for _, r := range x.groups[g].rows {
			drop[r] = true
		}
		for _, r := range x.groups[g].paired {
			if r != model.None {
				drop[r] = true
			}
		}
		for _, j := range x.groups[g].lower {
			q.Vars[j].Lower = 0
		}
	}
	rows := make([]solve.Row, 0, len(q.Rows))
	for r, row := range q.Rows {
		if !drop[r] {
			rows = append(rows, row)
		}
	}
	q.Rows = rows
	q.SetObjective(solve.Objective{}) // feasibility only
	return q
}

func (x *explainer) feasible(relaxed []bool) (bool, error) {
	sol, err := solve.Solve(x.ctx, x.problem(relaxed), x.lp, x.opt)
	if err != nil {
		return false, err
	}
	return sol.Status == solve.Optimal || sol.Status == solve.OptimalWithinGap, nil
}

// conflict is an irreducible set of groups that cannot hold together, and
// the groups to change to resolve it.
type conflict struct {
	groups []int // indices into explainer.groups, in group order
	change []int
}

// conflicts finds conflicts until relaxing their groups to change makes the
// model feasible. fixed marks every group to change.
func (x *explainer) conflicts() ([]conflict, []bool, error) {
	n := len(x.groups)
	fixed := make([]bool, n)
	var out []conflict
	for len(out) < n {
		ok, err := x.feasible(fixed)
		if err != nil || ok {
			return out, fixed, err
		}
		c, err := x.findConflict(fixed)
		if err != nil {
			return nil, nil, err
		}
		if c == nil {
			break
		}
		c.change = x.toChange(c.groups)
		for _, g := range c.change {
			fixed[g] = true
		}
		out = append(out, *c)
	}
	return out, fixed, nil
}

// findConflict puts the groups not fixed back one at a time and, at the
// first that makes the model infeasible, filters the groups kept down to an
// irreducible conflict.
//
// Both steps test groups in blocks, with the result of one at a time and
// a fraction of its LPs (a scenario of 200 regions has some 200 hire
// limits, nearly all beside the point): putting groups back only removes
// plans, so the first group that makes the model infeasible is found by
// bisecting the order; and a block whose relaxation leaves the model
// infeasible holds no group the conflict needs, since relaxing any part of
// it leaves it infeasible too.
func (x *explainer) findConflict(fixed []bool) (*conflict, error) {
	n := len(x.groups)
	var order []int
	for g := 0; g < n; g++ {
		if !fixed[g] {
			order = append(order, g)
		}
	}
	// The model with every group of order back is infeasible (conflicts
	// has just solved it); find the shortest prefix of order that is.
	relaxedBut := func(k int) []bool {
		relaxed := make([]bool, n)
		for g := range relaxed {
			relaxed[g] = true
		}
		for _, g := range order[:k] {
			relaxed[g] = false
		}
		return relaxed
	}
	if len(order) == 0 {
		return nil, nil
	}
	// Bisect over the ends of the runs of one kind first, then within the
	// run found: the groups of a kind tend to conflict together (the budget
	// of every period), so this takes fewer LPs than a plain bisection.
	var ends []int // the prefix lengths that end a run, the last excluded
	for _, run := range x.byKind(order) {
		end := len(run)
		if len(ends) > 0 {
			end += ends[len(ends)-1]
		}
		ends = append(ends, end)
	}
	ends = ends[:len(ends)-1]
	lo, hi := 0, len(order) // prefix lo is feasible (0: nothing put back), hi is not
	// bisect narrows lo and hi to the prefix lengths of cands (ascending,
	// all between lo and hi): putting groups back only removes plans.
	bisect := func(cands []int) error {
		i, j := 0, len(cands)
		for i < j {
			mid := (i + j) / 2
			ok, err := x.feasible(relaxedBut(cands[mid]))
			if err != nil {
				return err
			}
			if ok {
				lo, i = cands[mid], mid+1
			} else {
				hi, j = cands[mid], mid
			}
		}
		return nil
	}
	if err := bisect(ends); err != nil {
		return nil, err
	}
	within := make([]int, 0, hi-lo)
	for k := lo + 1; k < hi; k++ {
		within = append(within, k)
	}
	if err := bisect(within); err != nil {
		return nil, err
	}
	relaxed := relaxedBut(hi)
	// Deletion filter: the culprit, order[hi-1], is in every conflict of
	// the prefix, since the groups before it are feasible together; drop
	// each of them the conflict does without.
	for _, block := range x.byKind(order[:hi-1]) {
		if err := x.filter(relaxed, block); err != nil {
			return nil, err
		}
	}
	c := &conflict{}
	for g := range x.groups {
		if !relaxed[g] {
			c.groups = append(c.groups, g)
		}
	}
	return c, nil
}

// filter relaxes, in order, each group of gs without which the model stays
// infeasible: the deletion filter one group at a time, tested a block at a
// time (see findConflict).
func (x *explainer) filter(relaxed []bool, gs []int) error {
	if len(gs) == 0 {
		return nil
	}
	if err := x.ctx.Err(); err != nil {
		return err
	}
	for _, g := range gs {
		relaxed[g] = true
	}
	ok, err := x.feasible(relaxed)
	if err != nil || !ok {
		return err // infeasible without any of them: none is needed
	}
	for _, g := range gs {
		relaxed[g] = false
	}
	if len(gs) == 1 {
		return nil // needed
	}
	mid := len(gs) / 2
	if err := x.filter(relaxed, gs[:mid]); err != nil {
		return err
	}
	return x.filter(relaxed, gs[mid:])
}

// toChange picks the groups of a conflict to change: the budget (all
// periods together, measured as one scale), else the group of the latest
// kind (headcount cap, hire limits, exit limits, central share...).
func (x *explainer) toChange(gs []int) []int {
	best := gs[0]
	for _, g := range gs {
		if x.groups[g].kind >= x.groups[best].kind {
			best = g
		}
	}
	if x.groups[best].kind != kindBudget {
		return []int{best}
	}
	var all []int
	for g, gr := range x.groups {
		if gr.kind == kindBudget {
			all = append(all, g)
		}
	}
	return all
}

// explain gives a conflict as findings, measuring its change with the
// other groups to change relaxed.
func (x *explainer) explain(c conflict, fixed []bool) ([]Finding, error) {
	change := x.groups[c.change[0]]
	q := x.measure(change)
	if q != nil {
		base, ok, err := q.value(fixed, nil)
		if err != nil {
			return nil, err
		}
		if ok {
			who, err := x.contributors(q, fixed, base.Values[0])
			if err != nil {
				return nil, err
			}
			return q.words(base, who), nil
		}
	}
	return []Finding{{Kind: KindConstraintsConflict, Conflict: x.constraints(c.groups)}}, nil
}

// measurement is the LP that measures a group to change: the problem with
// the fixed groups relaxed and the group's rows replaced by a measured
// version, and the objectives that measure it.
type measurement struct {
	x     *explainer
	build func(q *solve.Problem) []solve.Objective
	words func(res *solve.LexResult, who needers) []Finding
}

// value solves the measurement with the fixed groups and extra relaxed.
func (q *measurement) value(fixed []bool, extra []int) (*solve.LexResult, bool, error) {
	relaxed := append([]bool(nil), fixed...)
	for _, g := range extra {
		relaxed[g] = true
	}
	p := q.x.problem(relaxed)
	objs := q.build(p)
	res, err := solve.Lexicographic(q.x.ctx, p, objs, q.x.lp, q.x.opt)
	if err != nil {
		return nil, false, err
	}
	return res, res.Status == solve.Optimal || res.Status == solve.OptimalWithinGap, nil
}

// first is value solving the measurement's first objective only.
func (q *measurement) first(fixed []bool, extra []int) (*solve.LexResult, bool, error) {
	build := q.build
	only := *q
	only.build = func(p *solve.Problem) []solve.Objective { return build(p)[:1] }
	return only.value(fixed, extra)
}

// needers are the groups that make a measured change necessary: what must
// be met (floors, central share, owned investments) and the limits given
// (other teams' limits, the headcount cap, the budget).
type needers struct{ meet, given []int }

// contributors finds the groups, not fixed, whose relaxation lowers the
// measured need below base: these are the constraints the need comes from.
// Relaxing more groups can only lower the need, so a block of groups whose
// relaxation together leaves it at base holds none: groups are tested a
// block at a time, halved while the need falls, and only the first
// objective of the measurement is solved.
func (x *explainer) contributors(q *measurement, fixed []bool, base float64) (needers, error) {
	var who needers
	var gs []int
	for g := range x.groups {
		if !fixed[g] {
			gs = append(gs, g)
		}
	}
	var search func(gs []int) error
	search = func(gs []int) error {
		if len(gs) == 0 {
			return nil
		}
		res, ok, err := q.first(fixed, gs)
		if err != nil {
			return err
		}
		// Relative to base alone: a need in money may be a fraction of a
		// cent (a scenario in tiny units), and 1e-6 of a unit would hide it.
		if !ok || res.Values[0] >= base-1e-6*math.Abs(base) {
			return nil
		}
		if len(gs) > 1 {
			mid := len(gs) / 2
			if err := search(gs[:mid]); err != nil {
				return err
			}
			return search(gs[mid:])
		}
		switch x.groups[gs[0]].kind {
		case kindHeartTarget, kindBrainTarget, kindFloor, kindInvestment, kindShareMin, kindShareMax:
			who.meet = append(who.meet, gs[0])
		default:
			who.given = append(who.given, gs[0])
		}
		return nil
	}
	for _, block := range x.byKind(gs) {
		if err := search(block); err != nil {
			return who, err
		}
	}
	return who, nil
}

// needs sets a finding's Meet and Given: the constraints a measured
// change comes from.
func (x *explainer) needs(f Finding, who needers) Finding {
	f.Meet, f.Given = x.constraints(who.meet), x.constraints(who.given)
	return f
}

// byKind cuts gs, in group order, into its runs of one kind: the first
// blocks of the block searches, since groups of a kind tend to matter
// together or not at all (the hire limits of 200 regions).
func (x *explainer) byKind(gs []int) [][]int {
	var blocks [][]int
	for k, g := range gs {
		if k == 0 || x.groups[g].kind != x.groups[gs[k-1]].kind {
			blocks = append(blocks, nil)
		}
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], g)
	}
	return blocks
}

// measure returns the measurement of a group to change, nil for the kinds
// explained only by naming the conflict.
func (x *explainer) measure(g group) *measurement {
	switch g.kind {
	case kindBudget:
		return x.measureBudget()
	case kindCap:
		return x.measureCap()
	case kindHires, kindExits:
		return x.measureTeam(g)
	}
	return nil
}

// measureBudget: the least budget a year with which the trajectory keeps
// its shape (model.BudgetNeedRow), then the least spend with that budget,
// period by period. The need is measured in money, not as a factor of the
// scenario's budget, so that a budget of 0 or of a fraction of a cent is
// measured like any other (issue 17).
func (x *explainer) measureBudget() *measurement {
	s, m := x.s, x.m
	q := &measurement{x: x}
	q.build = func(p *solve.Problem) []solve.Objective {
		// The budget rows were dropped with the budget groups: add the
		// measured ones.
		need := p.AddVar("budget_need", 0, math.Inf(1))
		var spend []solve.Term
		for t := range m.BudgetRow {
			p.Rows = append(p.Rows, m.BudgetNeedRow(t, need))
			spend = append(spend, solve.Term{Var: m.Spend[t], Coef: 1})
		}
		return []solve.Objective{
			{Name: "budget_need", Terms: []solve.Term{{Var: need, Coef: 1}}},
			{Name: "spend", Terms: spend},
		}
	}
	q.words = func(res *solve.LexResult, who needers) []Finding {
		least, have := res.Values[0]*m.MoneyUnit, s.AnnualBudget()
		f := Finding{Kind: KindBudgetTooSmall, Change: &Constraint{Kind: BindBudget, Limit: s.Budget.Annual}, Numbers: map[string]float64{}}
		if s.Budget.PerPeriod == nil || have == 0 {
			f.Numbers["least_annual"] = least
			f.Numbers["annual"] = have
			// The least annual budget is a setting: the one whose share of
			// the tightest period covers what that period needs. It is not
			// what the periods need added up, which is said too, so that
			// the two figures are told apart (docs/model.md).
			tight, ratio, total := -1, 0.0, 0.0
			for t := range m.BudgetRow {
				spend := res.X[m.Spend[t]] * m.MoneyUnit
				total += spend
				if sh := s.BudgetShape(t); sh > 0 && spend/sh > ratio*(1+1e-9) {
					tight, ratio = t, spend/sh
				}
			}
			if tight >= 0 {
				f.Period = s.PeriodLabel(tight)
				f.Numbers["period_spend"] = res.X[m.Spend[tight]] * m.MoneyUnit
				f.Numbers["period_share"] = s.BudgetShape(tight)
				f.Numbers["spend_total"] = total
				f.Numbers["years"] = s.Years()
			}
		} else {
			f.Numbers["scale"] = least / have
		}
		out := []Finding{x.needs(f, who)}
		for t := range m.BudgetRow {
			spend, have := res.X[m.Spend[t]]*m.MoneyUnit, s.PeriodBudget(t)
			if spend > have*(1+VerifyTol) {
				out = append(out, x.needs(Finding{Kind: KindPeriodNeedsMore, Period: s.PeriodLabel(t),
					Numbers: map[string]float64{"spend": spend, "budget": have}}, who))
			}
		}
		return out
	}
	return q
}

// measureCap: the least headcount cap with which the scenario is feasible.
func (x *explainer) measureCap() *measurement {
	m := x.m
	q := &measurement{x: x}
	q.build = func(p *solve.Problem) []solve.Objective {
		c := p.AddVar("cap", 0, math.Inf(1))
		for _, r := range m.MaxFTERow {
			row := m.Problem.Rows[r]
			p.AddRow(row.Name, append(append([]solve.Term(nil), row.Terms...), solve.Term{Var: c, Coef: -1}), solve.LE, 0)
		}
		return []solve.Objective{{Name: "cap", Terms: []solve.Term{{Var: c, Coef: 1}}}}
	}
	q.words = func(res *solve.LexResult, who needers) []Finding {
		return []Finding{x.needs(Finding{Kind: KindHeadcountCapTooSmall, Change: &Constraint{Kind: BindHeadcountCap, Limit: x.s.Policy.MaxFTE},
			Numbers: map[string]float64{"cap": x.s.Policy.MaxFTE, "need": res.Values[0] * m.FTEUnit}}, who)}
	}
	return q
}

// measureTeam: the fewest hires (exits) beyond a team's limits, placed as
// late as possible, so that the last period with any says by when they are
// needed.
func (x *explainer) measureTeam(g group) *measurement {
	s := x.s
	nT := s.Periods()
	extra := make([]int, len(g.rows))
	q := &measurement{x: x}
	q.build = func(p *solve.Problem) []solve.Objective {
		var total, late []solve.Term
		for n, r := range g.rows {
			row := x.m.Problem.Rows[r]
			extra[n] = p.AddVar("beyond_"+row.Name, 0, math.Inf(1))
			coef := -1.0 // hires: delta - extra <= limit
			if g.kind == kindExits {
				coef = 1 // exits: delta + extra >= -limit
			}
			p.AddRow(row.Name, append(append([]solve.Term(nil), row.Terms...), solve.Term{Var: extra[n], Coef: coef}), row.Sense, row.RHS)
			if n < len(g.paired) && g.paired[n] != model.None {
				// The kept staff leaving count among the same exits.
				kept := x.m.Problem.Rows[g.paired[n]]
				p.AddRow(kept.Name, append(append([]solve.Term(nil), kept.Terms...), solve.Term{Var: extra[n], Coef: coef}), kept.Sense, kept.RHS)
			}
			total = append(total, solve.Term{Var: extra[n], Coef: 1})
			late = append(late, solve.Term{Var: extra[n], Coef: float64(nT - n)})
		}
		return []solve.Objective{{Name: "beyond", Terms: total}, {Name: "late", Terms: late}}
	}
	q.words = func(res *solve.LexResult, who needers) []Finding {
		by := 0
		for n, j := range extra {
			if res.X[j] > 1e-6 {
				by = n
			}
		}
		c := x.limit(g)
		kind := KindHireLimitTooSmall
		if g.kind == kindExits {
			kind = KindExitLimitTooSmall
		}
		return []Finding{x.needs(Finding{Kind: kind, Team: c.ID, Period: s.PeriodLabel(by), Change: &c,
			Numbers: map[string]float64{"limit": c.Limit, "need": res.Values[0] * x.m.FTEUnit}}, who)}
	}
	return q
}

func (x *explainer) team(k int) (scenario.Team, string) {
	if k == 0 {
		return x.s.Central, "central"
	}
	return x.s.Regions[k-1].Team, x.s.Regions[k-1].Name
}

// limit is the hire or exit limit of a team's group.
func (x *explainer) limit(g group) Constraint {
	tm, name := x.team(g.idx)
	c := Constraint{Kind: BindHireLimit, ID: name, Limit: tm.MaxHiresPerPeriod, Per: string(x.s.Horizon.Period)}
	if g.kind == kindExits {
		c.Kind, c.Limit = BindExitLimit, tm.MaxExitsPerPeriod
	}
	return c
}

// constraints names the groups of gs with their limits, in group order;
// the budget's groups, one a period, are one constraint with its periods.
func (x *explainer) constraints(gs []int) []Constraint {
	s := x.s
	var out []Constraint
	budget := -1
	for _, g := range gs {
		gr := x.groups[g]
		switch gr.kind {
		case kindHeartTarget:
			out = append(out, Constraint{Kind: ConstraintHeartTarget, Limit: x.targets.heart})
		case kindBrainTarget:
			out = append(out, Constraint{Kind: ConstraintBrainTarget, Limit: x.targets.brain})
		case kindFloor:
			fn := s.Functions[gr.idx]
			out = append(out, Constraint{Kind: BindFloor, ID: fn.ID, Name: fn.Name, Limit: fn.MinCoverage})
		case kindInvestment:
			inv := s.Investments[gr.idx]
			c := Constraint{Kind: ConstraintInvestment, ID: inv.ID, Name: inv.Name, Owned: inv.Owned, Requires: inv.Requires, Limit: 1}
			if inv.Decision == scenario.In && !inv.Owned {
				c.Decision = string(inv.Decision)
			}
			out = append(out, c)
		case kindShareMin:
			out = append(out, Constraint{Kind: BindCentralShareMin, Limit: s.Policy.CentralShare.Min})
		case kindShareMax:
			out = append(out, Constraint{Kind: BindCentralShareMax, Limit: s.Policy.CentralShare.Max})
		case kindHires, kindExits:
			out = append(out, x.limit(gr))
		case kindCap:
			out = append(out, Constraint{Kind: BindHeadcountCap, Limit: s.Policy.MaxFTE})
		case kindBudget:
			if budget < 0 {
				budget = len(out)
				out = append(out, Constraint{Kind: BindBudget, Limit: s.Budget.Annual})
			}
			out[budget].Periods = append(out[budget].Periods, s.PeriodLabel(gr.idx))
		}
	}
	return out
}
