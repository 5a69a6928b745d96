package plan

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// reviewBase is diffBase over four quarters, with hire limits that carry
// one period's team into the next, and seller growth.
var reviewBase = strings.NewReplacer(
	"periods: 2", "periods: 4",
	"central: {cost_per_fte: 100000}", "central: {cost_per_fte: 100000, current_fte: {admin: 1}, max_hires_per_period: 1}",
	"{name: North, sellers: 200, cost_per_fte: 100000}", "{name: North, sellers: 200, seller_growth_per_year: 0.2, cost_per_fte: 100000, max_hires_per_period: 1}",
).Replace(diffBase)

func planOf(t *testing.T, s *scenario.Scenario) *Plan {
	t.Helper()
	p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil || p.Status == StatusInfeasible {
		t.Fatalf("plan: %v %v", err, p.Findings)
	}
	return p
}

// actualsOf are the plan's own staff and spend in its first k periods.
func actualsOf(s *scenario.Scenario, p *Plan, k int) *scenario.Actuals {
	a := &scenario.Actuals{File: "a.csv", Periods: k}
	for t := 0; t < k; t++ {
		c, l := planStaff(s, p.Periods[t])
		a.Central = append(a.Central, c)
		a.Local = append(a.Local, l)
		a.Spend = append(a.Spend, p.Periods[t].Spend)
		a.SpendGiven = append(a.SpendGiven, true)
	}
	return a
}

func TestReviewActualsEqualToPlan(t *testing.T) {
	_, s := parseDoc(t, "s.yaml", reviewBase)
	rec := planOf(t, s)
	for k := 1; k <= 4; k++ {
		rv, err := NewReview(context.Background(), s, rec, actualsOf(s, rec, k), solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rv.Periods) != k {
			t.Fatalf("k=%d: %d periods reviewed", k, len(rv.Periods))
		}
		for _, v := range rv.Periods {
			for _, st := range v.Staff {
				if st.Variance != 0 {
					t.Errorf("k=%d %s: variance %+v", k, v.Label, st)
				}
			}
			if v.ActualSpend != v.PlannedSpend || math.Abs(v.Actual.Heart-v.Planned.Heart) > 1e-9 || math.Abs(v.Actual.Brain-v.Planned.Brain) > 1e-9 {
				t.Errorf("k=%d %s: planned %+v actual %+v", k, v.Label, v.Planned, v.Actual)
			}
		}
		if k == 4 {
			if rv.Replan != nil {
				t.Error("a re-plan with no period left")
			}
			continue
		}
		rp := rv.Replan
		if rp == nil || rp.Plan.Status == StatusInfeasible || len(rp.Plan.Periods) != 4-k {
			t.Fatalf("k=%d: re-plan %+v", k, rp)
		}
		for j, p := range rp.Plan.Periods {
			o := rec.Periods[k+j]
			// Equal to the solvers' tolerance: the re-plan is another
			// model, solved on its own.
			if p.Label != o.Label || math.Abs(p.Heart-o.Heart) > 1e-5 || math.Abs(p.Brain-o.Brain) > 1e-5 || math.Abs(p.Spend-o.Spend) > 1 {
				t.Errorf("k=%d %s: re-planned heart %g brain %g spend %g, plan of record %s %g %g %g", k, p.Label, p.Heart, p.Brain, p.Spend, o.Label, o.Heart, o.Brain, o.Spend)
			}
		}
	}
}

func TestReviewHandComputed(t *testing.T) {
	// One period of actuals, 2027-Q1 (North 200 sellers, South 100: shares
	// 2/3 and 1/3). North has 3 support (demand 2 per 100 sellers = 4 FTE:
	// coverage 0.75), South 1 (demand 2: 0.5). Central has 2 admin and 1
	// insight, at central effectiveness 1.25, serving the regions as the
	// plan of record's central staff did, here set to 3:1 for admin and
	// 2:1 for insight: admin North 2*1.25*3/4 / 3 = 0.625, South
	// 2*1.25/4 / 1.5 = 0.41667; insight North 1.25*2/3 / 2 = 0.41667,
	// South 1.25/3 / 1 = 0.41667.
	_, s := parseDoc(t, "s.yaml", reviewBase)
	rec := planOf(t, s)
	ad, su, in := s.FunctionIndex("admin"), s.FunctionIndex("support"), s.FunctionIndex("insight")
	if s.Functions[ad].CentralEffectiveness != 1.25 || s.Functions[in].CentralEffectiveness != 1.25 || s.Functions[su].LocalEffectiveness != 1 {
		t.Fatalf("effectiveness %+v: the expectations assume 1.25 central, 1 local", s.Functions)
	}
	for i, c := range rec.Periods[0].Cells {
		switch {
		case c.Function == "admin" && c.Region == "North":
			rec.Periods[0].Cells[i].CentralFTE = 3
		case c.Function == "admin":
			rec.Periods[0].Cells[i].CentralFTE = 1
		case c.Function == "insight" && c.Region == "North":
			rec.Periods[0].Cells[i].CentralFTE = 2
		case c.Function == "insight":
			rec.Periods[0].Cells[i].CentralFTE = 1
		}
	}
	// The plan of record's tool (which covers admin) is not bought in Q1.
	for i := range rec.Periods[0].Investments {
		rec.Periods[0].Investments[i].Level = 0
	}
	a := actualsOf(s, rec, 1)
	a.Central[0] = make([]float64, 3)
	a.Central[0][ad], a.Central[0][in] = 2, 1
	a.Local[0] = [][]float64{make([]float64, 3), make([]float64, 3)}
	a.Local[0][0][su], a.Local[0][1][su] = 3, 1
	// Q1's budget is 300,000: 20,000 over it is taken back from the
	// other three quarters' 900,000.
	a.Spend[0] = 320000
	rv, err := NewReview(context.Background(), s, rec, a, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := rv.Periods[0]
	wantHeart := (2.0/3*0.625 + 1.0/3*(2.5/4/1.5) + 2.0/3*0.75 + 1.0/3*0.5) / 2
	if math.Abs(v.Actual.Heart-wantHeart) > 1e-9 {
		t.Errorf("actual heart %g, want %g", v.Actual.Heart, wantHeart)
	}
	if math.Abs(v.Actual.Brain-1.25/3) > 1e-9 {
		t.Errorf("actual brain %g, want %g", v.Actual.Brain, 1.25/3)
	}
	if w := v.Actual.Weakest; w == nil || w.Function != "admin" || w.Region != "South" || math.Abs(w.Coverage-2.5/4/1.5) > 1e-9 {
		t.Errorf("weakest %+v, want admin in South at 41.7%%", w)
	}
	pc, pl := planStaff(s, rec.Periods[0])
	if pc[ad] != 4 || pc[in] != 3 {
		t.Fatalf("planned central admin %g insight %g, want the 4 and 3 set", pc[ad], pc[in])
	}
	want := map[string]float64{"central/admin": -2, "central/insight": -2, "North/support": 3 - pl[0][su], "South/support": 1 - pl[1][su]}
	seen := 0
	for _, st := range v.Staff {
		k := st.Team + "/" + st.Function
		if w, ok := want[k]; ok {
			seen++
			if math.Abs(st.Variance-w) > 1e-9 {
				t.Errorf("%s variance %g, want %g", k, st.Variance, w)
			}
		} else if st.Actual != 0 || st.Variance != -st.Planned {
			t.Errorf("%+v: want nobody in seat", st)
		}
	}
	if seen != 4 {
		t.Errorf("%d of the 4 staffed teams and functions listed: %+v", seen, v.Staff)
	}
	if v.ActualSpend != 320000 || v.SpendEstimated {
		t.Errorf("spend %g estimated %v", v.ActualSpend, v.SpendEstimated)
	}
	if math.Abs(rv.BudgetLeft-880000) > 1e-6 {
		t.Errorf("budget left %g, want 880000", rv.BudgetLeft)
	}
	var replanBudget float64
	for j, p := range rv.Replan.Plan.Periods {
		replanBudget += p.Budget
		if want := 300000 * 880000.0 / 900000; math.Abs(p.Budget-want) > 1e-6 {
			t.Errorf("re-plan period %d budget %g, want %g", j, p.Budget, want)
		}
	}
	if math.Abs(replanBudget-880000) > 1e-6 {
		t.Errorf("the re-plan's budget %g, want 880000", replanBudget)
	}
}

func TestReviewPlanMismatch(t *testing.T) {
	_, s := parseDoc(t, "s.yaml", reviewBase)
	_, s2 := parseDoc(t, "s2.yaml", diffBase)
	rec := planOf(t, s2)
	if _, err := NewReview(context.Background(), s, rec, actualsOf(s2, rec, 1), solve.Revised{}, solve.Options{}); err == nil {
		t.Error("a plan of two periods reviewed against four")
	}
}

func TestShiftLabels(t *testing.T) {
	_, s := parseDoc(t, "s.yaml", strings.Replace(reviewBase, "{start: 2027-Q1, periods: 4, period: quarter}", "{start: 2027-Q3, periods: 4, period: quarter}", 1))
	c := make([]float64, len(s.Functions))
	l := [][]float64{c, c}
	sh := Shift(s, 2, c, l, nil)
	if sh.Periods() != 2 || sh.PeriodLabel(0) != "2028-Q1" || sh.PeriodLabel(1) != "2028-Q2" || sh.PeriodLabel(0) != s.PeriodLabel(2) {
		t.Errorf("shifted labels %s %s", sh.PeriodLabel(0), sh.PeriodLabel(1))
	}
	if math.Abs(sh.Sellers(0, 0)-s.Sellers(0, 2)) > 1e-9 || math.Abs(sh.Sellers(0, 1)-s.Sellers(0, 3)) > 1e-9 {
		t.Errorf("sellers %g %g, want %g %g", sh.Sellers(0, 0), sh.Sellers(0, 1), s.Sellers(0, 2), s.Sellers(0, 3))
	}
}

// BadMoney finds a negative or non-finite money figure of a plan of
// record, with its path in the JSON; unspent may be negative (an as-is
// plan over its budget) and is not one.
func TestBadMoney(t *testing.T) {
	good := func() *Plan {
		return &Plan{Totals: Totals{Budget: 10, Spend: 9, Unspent: 1}, Periods: []Period{
			{Budget: 5, Spend: 5, Unspent: -1, StaffSpend: 4, CentralSpend: 2, Investments: []Investment{{Spend: 1}}},
			{Budget: 5, Spend: 4, StaffSpend: 4, Investments: []Investment{{Spend: 0}, {Spend: 0}}},
		}}
	}
	if path, v, bad := good().BadMoney(); bad {
		t.Errorf("a good plan: %v %v", path, v)
	}
	for _, c := range []struct {
		edit func(*Plan)
		want string
	}{
		{func(p *Plan) { p.Totals.Spend = -1 }, "[totals spend] -1"},
		{func(p *Plan) { p.Periods[1].Spend = -5 }, "[periods 1 spend] -5"},
		{func(p *Plan) { p.Periods[0].Budget = math.NaN() }, "[periods 0 budget] NaN"},
		{func(p *Plan) { p.Periods[0].HiringExitSpend = math.Inf(1) }, "[periods 0 hiring_exit_spend] +Inf"},
		{func(p *Plan) { p.Periods[1].Investments[1].Spend = -0.5 }, "[periods 1 investments 1 spend] -0.5"},
	} {
		p := good()
		c.edit(p)
		path, v, bad := p.BadMoney()
		if got := fmt.Sprint(path, " ", v); !bad || got != c.want {
			t.Errorf("got %s (%v), want %s", got, bad, c.want)
		}
	}
}

// The review's findings on the actuals, re-derived by hand: the floors
// and limits they broke, how the central team's FTE were counted for the
// regions, and the budget figures the budget left comes from. As in
// TestReviewHandComputed: North 200 sellers and South 100, support's
// demand 2 per 100 sellers; central admin at effectiveness 1.25 with
// demand 1.5 per 100 sellers.
func TestReviewBreachesAndSpread(t *testing.T) {
	doc := strings.NewReplacer(
		"locality: local, fte_per_100_sellers: 2}", "locality: local, fte_per_100_sellers: 2, min_coverage: 0.6}",
		"locality: central, fte_per_100_sellers: 1.5}", "locality: central, fte_per_100_sellers: 1.5, min_coverage: 0.5}",
		// North may hire its floor's staff in Q1.
		"cost_per_fte: 100000, max_hires_per_period: 1}", "cost_per_fte: 100000, max_hires_per_period: 5}",
	).Replace(reviewBase)
	_, s := parseDoc(t, "s.yaml", doc)
	rec := planOf(t, s)
	ad, su, in := s.FunctionIndex("admin"), s.FunctionIndex("support"), s.FunctionIndex("insight")
	// The plan of record's central admin staff all served North, its
	// insight staff none: insight is then spread by demand (2:1).
	for i, c := range rec.Periods[0].Cells {
		switch c.Function {
		case "admin":
			rec.Periods[0].Cells[i].CentralFTE = 0
			if c.Region == "North" {
				rec.Periods[0].Cells[i].CentralFTE = 2
			}
		case "insight":
			rec.Periods[0].Cells[i].CentralFTE = 0
		}
	}
	for i := range rec.Periods[0].Investments {
		rec.Periods[0].Investments[i].Level = 0
	}
	a := actualsOf(s, rec, 1)
	// Central: 1 admin today, a hire limit of 1 a quarter; 2 admin and 1
	// insight in Q1 are 2 hires. North 3 support (0.75 of its 4), South 1
	// (0.5 of its 2, below the 0.6 floor).
	a.Central[0] = make([]float64, 3)
	a.Central[0][ad], a.Central[0][in] = 2, 1
	a.Local[0] = [][]float64{make([]float64, 3), make([]float64, 3)}
	a.Local[0][0][su], a.Local[0][1][su] = 3, 1
	a.Spend[0] = 280000
	rv, err := NewReview(context.Background(), s, rec, a, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := rv.Periods[0]
	got := map[string]Finding{}
	for _, b := range v.Breaches {
		got[b.Kind+" "+b.Team+b.Function+" "+b.Region] = b
	}
	want := map[string]map[string]float64{
		// South's admin: none of the central team's 2 FTE on it.
		"below_floor admin South":   {"coverage": 0, "floor": 0.5, "central_fte": 2, "central_share": 0},
		"below_floor support South": {"coverage": 0.5, "floor": 0.6, "central_fte": 0, "central_share": 0},
		"hires_over_limit central ": {"change": 2, "limit": 1},
	}
	if len(got) != len(want) {
		t.Errorf("breaches %+v, want %v", v.Breaches, want)
	}
	for k, nums := range want {
		b, ok := got[k]
		if !ok {
			t.Errorf("no breach %q in %+v", k, v.Breaches)
			continue
		}
		for key, x := range nums {
			if math.Abs(b.N(key)-x) > 1e-9 {
				t.Errorf("%s: %s %g, want %g", k, key, b.N(key), x)
			}
		}
	}
	wantSpread := []CentralSpread{
		{Function: "admin", FTE: 2, Basis: SpreadPlanOfRecord, Shares: map[string]float64{"North": 1, "South": 0}},
		{Function: "insight", FTE: 1, Basis: SpreadDemand, Shares: map[string]float64{"North": 2.0 / 3, "South": 1.0 / 3}},
	}
	if len(v.CentralSpread) != len(wantSpread) {
		t.Fatalf("central spread %+v, want %+v", v.CentralSpread, wantSpread)
	}
	for i, w := range wantSpread {
		g := v.CentralSpread[i]
		if g.Function != w.Function || g.FTE != w.FTE || g.Basis != w.Basis || len(g.Shares) != len(w.Shares) {
			t.Errorf("central spread %d: %+v, want %+v", i, g, w)
		}
		for r, x := range w.Shares {
			if math.Abs(g.Shares[r]-x) > 1e-9 {
				t.Errorf("%s: %s's share %g, want %g", w.Function, r, g.Shares[r], x)
			}
		}
	}
	// Q1's budget is 300,000 and 280,000 was spent: the 20,000 left is
	// not carried forward, so the budget left is the other quarters'.
	if rv.PastBudget != 300000 || rv.PastSpend != 280000 || rv.RemainingBudget != 900000 || rv.BudgetLeft != 900000 || rv.Period != "quarter" {
		t.Errorf("past budget %g spend %g, remaining %g, left %g, period %q; want 300000, 280000, 900000, 900000, quarter",
			rv.PastBudget, rv.PastSpend, rv.RemainingBudget, rv.BudgetLeft, rv.Period)
	}
}
