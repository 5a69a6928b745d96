package plan

import (
	"fmt"
	"math"
	"reflect"
	"slices"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// rolledClaims re-derives the claims of the plan as the "In short"
// paragraph reads them beside rolled-up tables (RollUpClaims): a monthly
// plan by quarter and by year, a quarterly one by year. Each is re-derived
// from the plan's own periods and claims, with code written apart from
// RollUp: a rolled period's scores are the means over its periods, its
// money the sums, its headcount and tools its last period's, and it is
// healthy only if every one of its periods is. TestClaimsHold runs it on
// every plan it checks.
func (c claimChecker) rolledClaims() {
	s := c.s
	var bys []string
	switch s.Horizon.Period {
	case scenario.Month:
		bys = []string{"quarter", "year"}
	case scenario.Quarter:
		bys = []string{"year"}
	}
	for _, by := range bys {
		if groups, kind := GroupsBy(s, by); groups != nil {
			c.rolledBy(by, groups, s.GroupSize(kind), string(s.Horizon.Period))
		}
	}
}

// rolledGroup is a rolled-up period: its label and its periods.
type rolledGroup struct {
	label string
	ts    []int
}

func (c claimChecker) rolledBy(by string, groups []string, size int, unit string) {
	c.t.Helper()
	p := c.p
	var gs []rolledGroup
	for t, g := range groups {
		if t == 0 || groups[t-1] != g {
			gs = append(gs, rolledGroup{label: g})
		}
		gs[len(gs)-1].ts = append(gs[len(gs)-1].ts, t)
	}
	var labels []string
	of := map[string]int{} // the group of each of the plan's periods
	for k := range gs {
		if n := len(gs[k].ts); n < size {
			s := ""
			if n > 1 {
				s = "s"
			}
			gs[k].label += fmt.Sprintf(" (%d %s%s)", n, unit, s)
		}
		labels = append(labels, gs[k].label)
		for _, t := range gs[k].ts {
			of[p.Periods[t].Label] = k
		}
	}
	group := func(label string) (rolledGroup, bool) {
		k := slices.Index(labels, label)
		if k < 0 {
			return rolledGroup{}, false
		}
		return gs[k], true
	}
	mean := func(g rolledGroup, x func(Period) float64) float64 {
		sum := 0.0
		for _, t := range g.ts {
			sum += x(p.Periods[t])
		}
		return sum / float64(len(g.ts))
	}
	sum := func(g rolledGroup, x func(Period) float64) float64 {
		sum := 0.0
		for _, t := range g.ts {
			sum += x(p.Periods[t])
		}
		return sum
	}
	last := func(g rolledGroup) Period { return p.Periods[g.ts[len(g.ts)-1]] }
	name := fmt.Sprintf("%s by %s", c.name, by)
	fail := func(f Finding, format string, args ...any) {
		c.t.Helper()
		c.t.Errorf("%s: rolled %s %+v: %s", name, f.Kind, f, fmt.Sprintf(format, args...))
	}
	own := Claims(p)
	ownOf := func(f Finding) (Finding, bool) {
		for _, o := range own {
			if o.Kind == f.Kind && o.Function == f.Function && o.Region == f.Region && o.Team == f.Team && o.Investment == f.Investment {
				return o, true
			}
		}
		return Finding{}, false
	}
	rolled := p.RollUpClaims(groups, size, unit)
	kinds := map[string]int{}
	for _, f := range rolled {
		kinds[f.Kind]++
		switch f.Kind {
		case KindHeartHealthy, KindHeartBelowHealthy:
			var sick []string
			low := math.Inf(1)
			for _, g := range gs {
				for _, t := range g.ts {
					if !p.Periods[t].Healthy {
						sick = append(sick, g.label)
						break
					}
				}
				low = math.Min(low, mean(g, func(per Period) float64 { return per.Heart }))
			}
			if f.Kind == KindHeartHealthy && (len(sick) > 0 || !slices.Equal(f.Periods, labels)) {
				fail(f, "not healthy in %v", sick)
			}
			if f.Kind == KindHeartBelowHealthy && !slices.Equal(f.Periods, sick) {
				fail(f, "below healthy in %v", sick)
			}
			g, ok := group(f.Period)
			if !ok || !same(f.N("heart"), low) || !same(mean(g, func(per Period) float64 { return per.Heart }), low) {
				fail(f, "the lowest rolled heart is %v", low)
			}
		case KindHeartFullyCovered:
			// Fully covered in every period is fully covered in every
			// rolled one.
			if _, ok := ownOf(f); !ok || !slices.Equal(f.Periods, labels) {
				fail(f, "the plan's own claims %v", own)
			}
		case KindHeartWeakestCell:
			// The weakest of the periods' cells, in its own period.
			if o, ok := ownOf(f); !ok || !reflect.DeepEqual(o, f) {
				fail(f, "the plan's own weakest cell is %+v", o)
			}
		case KindBrainThinnestFunction:
			// Over the whole horizon: the plan's own, in its own periods,
			// whatever the roll-up.
			if o, ok := ownOf(f); !ok || !reflect.DeepEqual(o, f) {
				fail(f, "the plan's own is %+v", o)
			}
		case KindHeartWeakestFunction:
			g, ok := group(f.Period)
			i := slices.IndexFunc(p.Periods[0].Functions, func(fn Function) bool { return fn.ID == f.Function })
			if !ok || i < 0 {
				fail(f, "no such period or function")
				continue
			}
			cov := func(g rolledGroup, i int) float64 {
				return mean(g, func(per Period) float64 { return per.Functions[i].Coverage })
			}
			if !same(f.N("coverage"), cov(g, i)) {
				fail(f, "its mean coverage in %s is %v", g.label, cov(g, i))
			}
			// Nothing lower as the tables print it; a rolled period's
			// function has its last period's demand.
			for _, h := range gs {
				for j, fn := range last(h).Functions {
					if fn.Class != "heart" || fn.Demand <= 0 {
						continue
					}
					if Shown(cov(h, j)) < Shown(f.N("coverage")) {
						fail(f, "%s is lower in %s: %v", fn.ID, h.label, cov(h, j))
					}
				}
			}
			// The rolled periods it reads at its lowest in, as printed.
			var at []string
			for _, h := range gs {
				if fn := last(h).Functions[i]; fn.Demand > 0 && Shown(cov(h, i)) == Shown(f.N("coverage")) {
					at = append(at, h.label)
				}
			}
			if !slices.Equal(f.Periods, at) {
				fail(f, "it reads at its lowest in %v", at)
			}
		case KindHeartWeakestRegion:
			g, ok := group(f.Period)
			r := slices.IndexFunc(p.Periods[0].Regions, func(r Region) bool { return r.Name == f.Region })
			if !ok || r < 0 {
				fail(f, "no such period or region")
				continue
			}
			heart := func(g rolledGroup, r int) float64 {
				return mean(g, func(per Period) float64 { return per.Regions[r].Heart })
			}
			if !same(f.N("heart"), heart(g, r)) {
				fail(f, "its mean heart in %s is %v", g.label, heart(g, r))
			}
			for _, h := range gs {
				for rr := range p.Periods[0].Regions {
					if Shown(heart(h, rr)) < Shown(f.N("heart")) {
						fail(f, "region %d is lower in %s: %v", rr, h.label, heart(h, rr))
					}
				}
			}
			var at []string
			for _, h := range gs {
				if Shown(heart(h, r)) == Shown(f.N("heart")) {
					at = append(at, h.label)
				}
			}
			if !slices.Equal(f.Periods, at) {
				fail(f, "it reads at its lowest in %v", at)
			}
		case KindBrainFalling, KindBrainRising, KindBrainPeaks, KindBrainDips, KindBrainUneven:
			c.rolledTrend(f, gs, mean, fail)
		case KindBudgetMakesHealthy:
			// A rolled period not healthy whose unhealthy periods are all
			// made healthy (the claim is made only where none is made
			// unhealthy).
			o, ok := ownOf(f)
			var made []string
			for _, g := range gs {
				sick, all := false, true
				for _, t := range g.ts {
					if !p.Periods[t].Healthy {
						sick = true
						all = all && slices.Contains(o.Periods, p.Periods[t].Label)
					}
				}
				if sick && all {
					made = append(made, g.label)
				}
			}
			if !ok || !reflect.DeepEqual(o.Numbers, f.Numbers) || !slices.Equal(f.Periods, made) || len(made) == 0 {
				fail(f, "made healthy in %v; the plan's own %+v", made, o)
			}
		case KindBrainStaff, KindBrainNoStaff, KindNothingSpent, KindSpendSplit, KindNoLimitBinds, KindInvestmentNotBought, KindConstraintsBroken, KindSearchStopped:
			// Over the whole horizon, or not per period: the plan's own.
			if o, ok := ownOf(f); !ok || !reflect.DeepEqual(o, f) {
				fail(f, "the plan's own is %+v", o)
			}
		case KindInvestmentBought:
			o, ok := ownOf(f)
			end := gs[len(gs)-1]
			i := slices.IndexFunc(p.Periods[0].Investments, func(x Investment) bool { return x.ID == f.Investment })
			switch {
			case !ok || i < 0:
				fail(f, "the plan does not buy it")
			case f.Period != gs[of[o.Period]].label:
				fail(f, "bought from %s, in %s", o.Period, gs[of[o.Period]].label)
			case !slices.Equal(f.Periods, []string{end.label}) || !same(f.N("spend"), o.N("spend")) || !same(f.N("tool_fte"), last(end).Investments[i].ToolFTE):
				fail(f, "spend %v, tool FTE at the end %v", o.N("spend"), last(end).Investments[i].ToolFTE)
			case !same(f.N("seller_hours"), mean(end, func(per Period) float64 { return per.Investments[i].SellerHours })):
				fail(f, "seller hours over %s: %v", end.label, mean(end, func(per Period) float64 { return per.Investments[i].SellerHours }))
			}
		case KindBudgetSpent, KindHeadcountCapReached, KindFloorBinds, KindHireLimitReached, KindExitLimitReached,
			KindCentralShareMinReached, KindCentralShareMaxReached, KindFloorBroken, KindBudgetOverspent:
			o, ok := ownOf(f)
			if !ok || !reflect.DeepEqual(o.Numbers, f.Numbers) {
				fail(f, "the plan's own is %+v", o)
				continue
			}
			// Reached in every one of a group's periods, or in some.
			var whole, part []string
			for _, g := range gs {
				n := 0
				for _, t := range g.ts {
					if slices.Contains(o.Periods, p.Periods[t].Label) {
						n++
					}
				}
				switch {
				case n == len(g.ts):
					whole = append(whole, g.label)
				case n > 0:
					part = append(part, g.label)
				}
			}
			if !slices.Equal(f.Periods, whole) || !slices.Equal(f.Partly, part) || len(whole)+len(part) == 0 {
				fail(f, "reached throughout %v, in part of %v", whole, part)
			}
		case KindBudgetUnspent:
			o, ok := ownOf(f)
			var left []string
			for _, g := range gs {
				if UnspentMin(sum(g, func(per Period) float64 { return per.Unspent }), sum(g, func(per Period) float64 { return per.Budget })) {
					left = append(left, g.label)
				}
			}
			if !ok || !reflect.DeepEqual(o.Numbers, f.Numbers) || !slices.Equal(f.Periods, left) {
				fail(f, "money left in %v; the plan's own %+v", left, o)
			}
		case KindRosterReplaced, KindRosterLeft:
			o, ok := ownOf(f)
			var in []string
			for _, g := range gs {
				if slices.ContainsFunc(g.ts, func(t int) bool { return slices.Contains(o.Periods, p.Periods[t].Label) }) {
					in = append(in, g.label)
				}
			}
			if !ok || !reflect.DeepEqual(o.Numbers, f.Numbers) || !slices.Equal(f.Periods, in) {
				fail(f, "replaced in %v; the plan's own %+v", in, o)
			}
		case KindRosterKept:
			o, ok := ownOf(f)
			if !ok || !reflect.DeepEqual(o.Numbers, f.Numbers) || f.Period != labels[len(labels)-1] {
				fail(f, "the plan's own %+v", o)
			}
		default:
			fail(f, "a kind the roll-up does not read")
		}
	}
	if kinds[KindHeartHealthy]+kinds[KindHeartBelowHealthy] != 1 {
		c.t.Errorf("%s: %d rolled heart verdicts", name, kinds[KindHeartHealthy]+kinds[KindHeartBelowHealthy])
	}
	// Every claim of the plan's own that is not read per period is said.
	for _, o := range own {
		switch o.Kind {
		case KindBrainStaff, KindBrainNoStaff, KindNothingSpent, KindSpendSplit, KindNoLimitBinds, KindInvestmentNotBought, KindInvestmentBought,
			KindBudgetSpent, KindHeadcountCapReached, KindFloorBinds, KindHireLimitReached, KindExitLimitReached,
			KindCentralShareMinReached, KindCentralShareMaxReached, KindBudgetUnspent, KindRosterReplaced, KindRosterKept, KindRosterLeft, KindHeartWeakestCell, KindHeartFullyCovered, KindBrainThinnestFunction,
			KindFloorBroken, KindBudgetOverspent, KindConstraintsBroken, KindSearchStopped:
			if !slices.ContainsFunc(rolled, func(f Finding) bool {
				return f.Kind == o.Kind && f.Function == o.Function && f.Region == o.Region && f.Team == o.Team && f.Investment == o.Investment
			}) {
				c.t.Errorf("%s: the plan's own claim %+v is not said rolled up", name, o)
			}
		}
	}
	// The brain's course is said when it moves, read off the rolled
	// periods' means.
	if kinds[KindBrainStaff] == 1 && len(gs) > 1 {
		first := Shown(mean(gs[0], func(per Period) float64 { return per.Brain }))
		moved := false
		for _, g := range gs {
			moved = moved || math.Abs(Shown(mean(g, func(per Period) float64 { return per.Brain }))-first) >= TrendMin-ShownPrecision/10
		}
		n := kinds[KindBrainFalling] + kinds[KindBrainRising] + kinds[KindBrainPeaks] + kinds[KindBrainDips] + kinds[KindBrainUneven]
		if moved != (n == 1) || n > 1 {
			c.t.Errorf("%s: the rolled brain moves %v, and %d claims of its course", name, moved, n)
		}
	}
}

// rolledTrend re-derives a claim of the brain's course over the rolled
// periods gs, from their mean brain at the tables' precision.
func (c claimChecker) rolledTrend(f Finding, gs []rolledGroup, mean func(rolledGroup, func(Period) float64) float64, fail func(Finding, string, ...any)) {
	c.t.Helper()
	brain := func(g rolledGroup) float64 { return mean(g, func(per Period) float64 { return per.Brain }) }
	n := len(gs)
	const eps = ShownPrecision / 10
	b := make([]float64, n)
	for k, g := range gs {
		b[k] = Shown(brain(g))
	}
	if n < 2 || !slices.Equal(f.Periods, []string{gs[0].label, gs[n-1].label}) || !same(f.N("from"), brain(gs[0])) || !same(f.N("to"), brain(gs[n-1])) {
		fail(f, "the ends are %s at %v and %s at %v", gs[0].label, brain(gs[0]), gs[n-1].label, brain(gs[n-1]))
		return
	}
	up, down := true, true
	for k := 1; k < n; k++ {
		up = up && b[k] >= b[k-1]-eps
		down = down && b[k] <= b[k-1]+eps
	}
	at := slices.IndexFunc(gs, func(g rolledGroup) bool { return g.label == f.Period })
	switch f.Kind {
	case KindBrainFalling:
		if !down || b[n-1] > b[0]-TrendMin+eps {
			fail(f, "not falling: %v", b)
		}
	case KindBrainRising:
		if !up || b[n-1] < b[0]+TrendMin-eps {
			fail(f, "not rising: %v", b)
		}
	case KindBrainPeaks, KindBrainDips:
		sign, key := 1.0, "peak"
		if f.Kind == KindBrainDips {
			sign, key = -1, "low"
		}
		if at <= 0 || at >= n-1 || !same(f.N(key), brain(gs[at])) {
			fail(f, "not an inner period at %v", b)
			return
		}
		for k := range b {
			if k != at && sign*(b[at]-b[k]) <= eps {
				fail(f, "%s is not above (below) %s: %v", gs[at].label, gs[k].label, b)
			}
		}
		if up || down {
			fail(f, "steady: %v", b)
		}
	case KindBrainUneven:
		if up || down {
			fail(f, "steady: %v", b)
		}
	}
}
