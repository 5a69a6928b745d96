package report

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// monthsPlan is a plan of five months: February and March close one
// quarter, April to June make the next.
func monthsPlan() *plan.Plan {
	p := &plan.Plan{Scenario: "m", Currency: "USD", Mode: plan.ModeOptimized, Status: plan.StatusOptimal, Period: "month", HealthyHeart: 0.9}
	heart := []float64{0.95, 0.85, 0.9, 0.92, 0.94}
	for t, label := range []string{"2027-02", "2027-03", "2027-04", "2027-05", "2027-06"} {
		x := float64(t + 1)
		stage := "growth"
		if t == 4 {
			stage = "margin"
		}
		p.Periods = append(p.Periods, plan.Period{
			Label: label, Stage: stage, Budget: 100 * x, Spend: 90 * x, Unspent: 10 * x,
			Heart: heart[t], Brain: 0.1 * x, Healthy: heart[t] >= 0.9,
			CentralFTE: 10 + x, LocalFTE: 20 + x, CentralShare: (10 + x) / (30 + 2*x), StaffSpend: 80 * x, CentralSpend: 30 * x,
			Functions: []plan.Function{{ID: "quotas", Class: "heart", Demand: 5 + x, Coverage: 0.5 + 0.1*x, CentralFTE: x, LocalFTE: 2 * x, ToolFTE: 0.1 * x}},
			Regions: []plan.Region{{Name: "EMEA", ID: "emea", Sellers: 100 + x, Heart: heart[t], Brain: 0.1 * x, LocalFTE: 20 + x, CentralFTE: 10 + x,
				Coverage: map[string]float64{"quotas": 0.5 + 0.1*x}}},
			Investments: []plan.Investment{{ID: "cpq", Level: 0.2 * x, Effective: 0.1 * x, Spend: 7 * x, SellerHours: 3 * x}},
		})
	}
	return p
}

var quarters = &RollUp{By: "quarter", Groups: []string{"2027-Q1", "2027-Q1", "2027-Q2", "2027-Q2", "2027-Q2"}, Size: 3, Unit: "month"}

func TestRollUpByHand(t *testing.T) {
	p := monthsPlan()
	got := rollUp(p, quarters)
	if len(got.Periods) != 2 {
		t.Fatalf("%d periods, want 2", len(got.Periods))
	}
	a, b := got.Periods[0], got.Periods[1]
	eq := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	// The first quarter holds two months (1 and 2), the second three (3, 4, 5).
	if a.Label != "2027-Q1 (2 months)" || b.Label != "2027-Q2" {
		t.Errorf("labels %q, %q", a.Label, b.Label)
	}
	eq("Q1 budget (100+200)", a.Budget, 300)
	eq("Q2 spend (270+360+450)", b.Spend, 1080)
	eq("Q2 unspent", b.Unspent, 120)
	eq("Q2 staff spend", b.StaffSpend, 960)
	eq("Q2 central spend", b.CentralSpend, 360)
	eq("Q1 heart, the mean of 95% and 85%", a.Heart, 0.9)
	eq("Q2 brain, the mean of 0.3, 0.4, 0.5", b.Brain, 0.4)
	if a.Healthy || !b.Healthy {
		t.Errorf("healthy %v, %v: Q1 has an unhealthy month (85%%) though its mean is 90%%, Q2 has none", a.Healthy, b.Healthy)
	}
	eq("Q2 central FTE at its end (month 5)", b.CentralFTE, 15)
	eq("Q1 local FTE at its end (month 2)", a.LocalFTE, 22)
	eq("Q2 central share at its end", b.CentralShare, 15.0/40)
	if a.Stage != "growth" || b.Stage != "growth/margin" {
		t.Errorf("stages %q, %q", a.Stage, b.Stage)
	}
	f := b.Functions[0]
	eq("Q2 quotas coverage, the mean of 0.8, 0.9, 1.0", f.Coverage, 0.9)
	eq("Q2 quotas demand at its end", f.Demand, 10)
	eq("Q2 quotas local FTE at its end", f.LocalFTE, 10)
	r := b.Regions[0]
	eq("Q2 EMEA sellers at its end", r.Sellers, 105)
	eq("Q2 EMEA heart mean", r.Heart, (0.9+0.92+0.94)/3)
	eq("Q2 EMEA quotas coverage mean", r.Coverage["quotas"], 0.9)
	inv := a.Investments[0]
	eq("Q1 cpq spend (7+14)", inv.Spend, 21)
	eq("Q1 cpq level at its end", inv.Level, 0.4)
	eq("Q1 cpq seller hours, the mean", inv.SellerHours, 4.5)
	// The plan itself is left as it was.
	if len(p.Periods) != 5 || p.Periods[4].Spend != 450 {
		t.Error("rollUp changed its input")
	}
}

// Invariant: summed money over the groups equals the plan's, whatever the
// grouping.
func TestRollUpKeepsMoney(t *testing.T) {
	p := monthsPlan()
	for _, r := range []*RollUp{quarters, {By: "year", Groups: []string{"2027", "2027", "2027", "2027", "2027"}, Size: 12, Unit: "month"}} {
		var want, got float64
		for _, per := range p.Periods {
			want += per.Spend + per.Budget
		}
		for _, per := range rollUp(p, r).Periods {
			got += per.Spend + per.Budget
		}
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("by %s: money %v, want %v", r.By, got, want)
		}
	}
}

func TestWritePlanByRollsUpTablesOnly(t *testing.T) {
	p := monthsPlan()
	var text, js, csv bytes.Buffer
	if err := WritePlanBy(&text, p, Table, quarters); err != nil {
		t.Fatal(err)
	}
	if err := WritePlanBy(&js, p, JSON, quarters); err != nil {
		t.Fatal(err)
	}
	if err := WritePlanBy(&csv, p, CSV, quarters); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2027-Q1 (2 months)", "rolled up to quarters"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "│ 2027-03 ") {
		t.Error("the table shows a month")
	}
	for name, out := range map[string]string{"json": js.String(), "csv": csv.String()} {
		if !strings.Contains(out, "2027-03") || strings.Contains(out, "2027-Q1") {
			t.Errorf("%s does not carry every month, or carries a quarter", name)
		}
	}
	// Without a roll-up the table shows every month.
	var plain bytes.Buffer
	if err := WritePlanBy(&plain, p, Table, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain.String(), "│ 2027-03 ") || strings.Contains(plain.String(), "rolled up") {
		t.Error("without a roll-up the table does not show the months")
	}
}

func TestPeriodNoun(t *testing.T) {
	for _, c := range []struct {
		p    *plan.Plan
		want string
	}{
		{&plan.Plan{Period: "month"}, "month"},
		{&plan.Plan{Period: "quarter"}, "quarter"},
		{&plan.Plan{Periods: []plan.Period{{Label: "FY28-Q1"}}}, "quarter"},
		{&plan.Plan{Periods: []plan.Period{{Label: "2027-01"}}}, "year"},
	} {
		if got := periodNoun(c.p); got != c.want {
			t.Errorf("periodNoun(%q, %v) = %s, want %s", c.p.Period, c.p.Periods, got, c.want)
		}
	}
}

// The hiring plan and the marginal values per period roll up with the
// tables: a team's headcount, kept and new people and FTE by function at
// the group's end, its hires and exits summed; a group's marginal row the
// sum of its months' rows. Hand-computed on monthsPlan.
func TestRollUpHiringAndMarginals(t *testing.T) {
	p := monthsPlan()
	f := func(x float64) *float64 { return &x }
	var per []plan.HiringPeriod
	for t, label := range []string{"2027-02", "2027-03", "2027-04", "2027-05", "2027-06"} {
		per = append(per, plan.HiringPeriod{Period: label, Headcount: float64(3 + t), Hires: 1, Exits: float64(t % 2),
			Kept: f(2), New: f(float64(1 + t)), Functions: []plan.FunctionFTE{{ID: "quotas", FTE: float64(3 + t)}}})
	}
	p.Hiring = &plan.Hiring{Teams: []plan.HiringTeam{{Team: "central", Current: 2, Periods: per}}}
	p.Marginal = &plan.MarginalValues{Budget: plan.Marginal{Heart: 1, Brain: 2}}
	for t, label := range []string{"2027-02", "2027-03", "2027-04", "2027-05", "2027-06"} {
		p.Marginal.Periods = append(p.Marginal.Periods, plan.PeriodMarginal{Label: label, Amount: 8000 + float64(t), Marginal: plan.Marginal{Heart: 0.1 * float64(t), Brain: 0.2}})
	}
	got := rollUp(p, quarters).Hiring.Teams[0].Periods
	if len(got) != 2 {
		t.Fatalf("%d hiring periods, want 2", len(got))
	}
	// Q1 is months 0 and 1; Q2 months 2, 3, 4.
	q1, q2 := got[0], got[1]
	if q1.Period != "2027-Q1 (2 months)" || q1.Headcount != 4 || q1.Hires != 2 || q1.Exits != 1 || *q1.New != 2 || q1.Functions[0].FTE != 4 {
		t.Errorf("Q1 %+v", q1)
	}
	if q2.Period != "2027-Q2" || q2.Headcount != 7 || q2.Hires != 3 || q2.Exits != 1 || *q2.Kept != 2 || *q2.New != 5 || q2.Functions[0].FTE != 7 {
		t.Errorf("Q2 %+v", q2)
	}
	if len(p.Hiring.Teams[0].Periods) != 5 {
		t.Error("the roll-up changed the plan's hiring")
	}
	var text bytes.Buffer
	if err := WritePlanBy(&text, p, Markdown, quarters); err != nil {
		t.Fatal(err)
	}
	// Cells compared with their padding squeezed out.
	squeeze := regexp.MustCompile(` +`)
	out := squeeze.ReplaceAllString(text.String(), " ")
	for _, want := range []string{
		"| central | 2027-Q1 (2 months) | 4 | 2 | 1 | quotas 4.0 |",
		"| central | 2027-Q2 | 7 | 3 | 1 | quotas 7.0 |",
		"the hires and exits over all of it",
		// 8000+8001 and 0.0+0.1 points; 8002+8003+8004 and 0.2+0.3+0.4.
		"| 2027-Q1 (2 months) | $16.0k | +0.1 points | +0.4 points |",
		"| 2027-Q2 | $24.0k | +0.9 points | +0.6 points |",
		"summed by quarter",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the view lacks %q:\n%s", want, text.String())
		}
	}
}

// A --period naming a group of the roll-up shows the group's weakest
// period in the function x region view, and says so.
func TestCellViewOfAGroup(t *testing.T) {
	p := monthsPlan()
	// 2027-Q2 holds months 2 to 4, hearts 0.9, 0.92 and 0.94: the first
	// is the weakest; 2027-Q1 (2 months) holds 0.95 and 0.85.
	for period, want := range map[string]string{
		"2027-Q2":            "in 2027-04 (the month of 2027-Q2 with the lowest heart coverage)",
		"2027-Q1 (2 months)": "in 2027-03 (the month of 2027-Q1 (2 months) with the lowest heart coverage)",
		"2027-05":            "in 2027-05 (as asked)",
	} {
		var b bytes.Buffer
		if err := WritePlanView(&b, p, Markdown, PlanView{Period: period, By: quarters}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "Coverage by function and region "+want) {
			t.Errorf("--period %s: no %q in\n%s", period, want, b.String())
		}
	}
	var b bytes.Buffer
	if err := WritePlanView(&b, p, Markdown, PlanView{Period: "2027-Q2"}); err == nil {
		t.Error("a quarter without the roll-up is taken")
	}
}

// Under a roll-up the sellers shown are at the end of each rolled period,
// as the table's note says: monthsPlan's EMEA grows from 101 sellers in
// February to 105 in June, so 2027-Q1 (2 months) ends at March's 102 and
// 2027-Q2 at June's 105, each re-derived here from the last month of its
// group. The regions' table then has no column of the sellers at the
// start, which would read as those of every quarter. Sellers that do not
// move keep that column, and so does the plan by month.
func TestRegionSellersRolledUp(t *testing.T) {
	p := monthsPlan()
	var b bytes.Buffer
	if err := WritePlanBy(&b, p, Table, quarters); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "at the end of the quarter") {
		t.Fatalf("no roll-up note:\n%s", out)
	}
	want := "│ EMEA   │"
	for _, sp := range quarters.spans() {
		want += fmt.Sprintf(" %*.0f │", max(len(sp.Label), 3), p.Periods[sp.End-1].Regions[0].Sellers)
	}
	_, sellersTable, ok := strings.Cut(out, "Sellers by region at the end of each quarter\n")
	if !ok || !strings.Contains(sellersTable, want+"\n") {
		t.Errorf("the sellers by quarter, want the row\n%s\nin\n%s", want, out)
	}
	if !strings.HasSuffix(want, " 102 │     105 │") {
		t.Errorf("the quarters end at March's 102 and June's 105 sellers: %s", want)
	}
	regions, _, _ := strings.Cut(out[strings.Index(out, "Regions: heart"):], "\n\n")
	if strings.Contains(regions, "sellers") {
		t.Errorf("the regions' table still has a column of sellers:\n%s", regions)
	}

	// Sellers that do not move: the column, true at the end of every quarter.
	for t := range p.Periods {
		p.Periods[t].Regions[0].Sellers = 100.2
	}
	b.Reset()
	if err := WritePlanBy(&b, p, Table, quarters); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.Contains(out, "Sellers by region") || !regexp.MustCompile(`│ EMEA   │     100 │`).MatchString(out) {
		t.Errorf("steady sellers:\n%s", out)
	}
	// By month: the sellers in each month, which grow, in a table of
	// their own too, and no column of them beside the months' scores.
	p = monthsPlan()
	b.Reset()
	if err := WritePlanBy(&b, p, Table, nil); err != nil {
		t.Fatal(err)
	}
	want = "│ EMEA   │"
	for _, per := range p.Periods {
		want += fmt.Sprintf(" %*.0f │", max(len(per.Label), 3), per.Regions[0].Sellers)
	}
	out = b.String()
	_, sellersTable, ok = strings.Cut(out, "Sellers by region in each month\n")
	if !ok || !strings.Contains(sellersTable, want+"\n") {
		t.Errorf("by month, want the row\n%s\nin\n%s", want, out)
	}
	if regions, _, _ := strings.Cut(out[strings.Index(out, "Regions: heart"):], "\n\n"); strings.Contains(regions, "sellers") {
		t.Errorf("by month, the regions' table still has a column of sellers:\n%s", regions)
	}
}
