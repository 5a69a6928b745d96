package report

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

func TestCents(t *testing.T) {
	for _, tc := range []struct {
		f       func(float64) float64
		name    string
		x, want float64
	}{
		{Cents, "Cents", 1399999.9999999998, 1400000},
		{Cents, "Cents", -2.3283064365386963e-10, 0},
		{Cents, "Cents", 1.716316595673561, 1.72},
		{Cents, "Cents", -1234.5651, -1234.57},
		{CentsUp, "CentsUp", 6690806.660317365, 6690806.67},
		{CentsUp, "CentsUp", 6700000.000000001, 6700000},
		{CentsUp, "CentsUp", 55836.29, 55836.29},
		{CentsUp, "CentsUp", -1e-12, 0},
		{CentsDown, "CentsDown", 1605949.4653784898, 1605949.46},
		{CentsDown, "CentsDown", 6699999.999999999, 6700000},
		{CentsDown, "CentsDown", 1e-12, 0},
	} {
		got := tc.f(tc.x)
		if got != tc.want || math.Signbit(got) != math.Signbit(tc.want) {
			t.Errorf("%s(%v) = %v, want %v", tc.name, tc.x, got, tc.want)
		}
	}
}

// Money in the plan's JSON and CSV is in cents: no 1399999.9999999998 and
// no -0.00000000023283064365386963 (issue 10).
func TestPlanMoneyInCents(t *testing.T) {
	p := &plan.Plan{
		FormatVersion: 1, Scenario: "x", Currency: "USD", Status: plan.StatusOptimal,
		Periods: []plan.Period{{
			Label: "2027", Budget: 1399999.9999999998, Spend: 1400000.0000000002, Unspent: -2.3283064365386963e-10,
			StaffSpend: 1299999.999999, CentralSpend: 700000.004,
			Investments: []plan.Investment{{ID: "cpq", Spend: 100000.0000001, Level: 1}},
		}},
		Totals: plan.Totals{Budget: 1399999.9999999998, Spend: 1400000.0000000002, Unspent: -2.3283064365386963e-10},
	}
	var out bytes.Buffer
	if err := WritePlan(&out, p, JSON); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"budget": 1400000,`, `"spend": 1400000,`, `"unspent": 0,`, `"staff_spend": 1300000,`, `"central_spend": 700000,`, `"spend": 100000,`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "-0") || strings.Contains(out.String(), "e-") {
		t.Errorf("JSON has a residue:\n%s", out.String())
	}
	// The plan itself is not changed: the views round copies.
	if p.Periods[0].Budget != 1399999.9999999998 || p.Periods[0].Investments[0].Spend != 100000.0000001 {
		t.Errorf("WritePlan changed the plan: %+v", p.Periods[0])
	}
	out.Reset()
	if err := WritePlan(&out, p, CSV); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2027,period,,budget,1400000\n", "2027,period,,unspent,0\n", "2027,investment,cpq,spend,100000\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, out.String())
		}
	}
}

// A budget case's least budgets are written rounded up to the cent in
// JSON and CSV, the scenario's budgets rounded to the nearest cent (its
// total the sum of its periods', here the one period's).
func TestBudgetCaseMoneyInCents(t *testing.T) {
	annual, current := 6690806.660317365, 6200000.004
	r := &plan.BudgetCaseReport{
		FormatVersion: 1, Scenario: "x", Currency: "USD", Period: "quarter", Heart: 0.9, Feasible: true,
		Annual: &annual, CurrentAnnual: &current, Total: 12225350.681851197, CurrentTotal: 11328555.445642203,
		Periods: []plan.CasePeriod{{Label: "2027-Q1", Budget: 1672701.6650793413, Spend: 1541622.001, CurrentBudget: 11328555.445642203}},
	}
	var out bytes.Buffer
	if err := WriteBudgetCase(&out, r, JSON); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"annual": 6690806.67,`, `"current_annual": 6200000,`, `"total": 12225350.69,`, `"current_total": 11328555.45,`, `"budget": 1672701.67,`, `"spend": 1541622.01,`, `"current_budget": 11328555.45`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := WriteBudgetCase(&out, r, CSV); err != nil {
		t.Fatal(err)
	}
	if want := "2027-Q1,1672701.67,1541622.01,11328555.45\ntotal,12225350.69,1541622.01,11328555.45\n"; !strings.Contains(out.String(), want) {
		t.Errorf("CSV lacks %q:\n%s", want, out.String())
	}
	out.Reset()
	if err := WriteBudgetCase(&out, r, Table); err != nil {
		t.Fatal(err)
	}
	// $6.69M would be below the least budget: the table rounds up.
	if !strings.Contains(out.String(), "you need $6.70M a year; the scenario has $6.20M, $500k a year (8.1% of its budget) short of it.") {
		t.Errorf("table:\n%s", out.String())
	}
}

func TestHeartPercent(t *testing.T) {
	for _, tc := range []struct {
		x       float64
		healthy bool
		want    string
	}{
		{0.8999069127771103, false, "89.9%"}, // issue 10's "90.0% | no"
		{0.8999993, true, "90.0%"},
		{0.85, false, "85.0%"},
		{0.7, false, "70.0%"},
		{0.9049, true, "90.5%"},
	} {
		if got := HeartPercent(tc.x, tc.healthy, 0.9); got != tc.want {
			t.Errorf("HeartPercent(%v, %v, 0.9) = %q, want %q", tc.x, tc.healthy, got, tc.want)
		}
	}
}

// Every cell shown as a count (#,##0) holds a whole number: sellers that
// grow 8% a year are 428, not 428.159 (issue 10).
func TestXLSXCountsAreWhole(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "shrinking-budget.yaml"))
	fractional := false
	for _, per := range sp.Plan.Periods {
		for _, r := range per.Regions {
			fractional = fractional || r.Sellers != math.Trunc(r.Sellers)
		}
	}
	if !fractional {
		t.Fatal("the scenario's sellers are whole: the test checks nothing")
	}
	f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	counts := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j := range row {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if numFmtOf(t, f, sheet, ref) != "#,##0" {
					continue
				}
				counts++
				if x := number(t, f, sheet, ref); x != math.Trunc(x) {
					t.Errorf("%s!%s = %v, a count that is not whole", sheet, ref, x)
				}
			}
		}
	}
	if counts == 0 {
		t.Error("no count cells found")
	}
}

func TestGapPercent(t *testing.T) {
	for _, tc := range []struct {
		g    float64
		want string
	}{
		{0.015874892571263365, "1.59%"}, // the large plan in whole people
		{0.0415, "4.15%"},
		{0.0213, "2.13%"},     // 213.00000000000003 hundredths: round-off
		{0.02130001, "2.14%"}, // a little above is above
		{1e-9, "0.01%"},       // past the gap tolerance, never "0.00%"
		{0.0004999999999, "0.05%"},
	} {
		if got := GapPercent(tc.g); got != tc.want {
			t.Errorf("GapPercent(%v) = %q, want %q", tc.g, got, tc.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		g := math.Pow(10, -9+8*rng.Float64())
		s := GapPercent(g)
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err != nil {
			t.Fatal(err)
		}
		if v/100 < g-1e-11 || v/100 >= g+1e-4 {
			t.Errorf("GapPercent(%v) = %s: not the gap rounded up to a hundredth of a point", g, s)
		}
	}
}

// A plan the node limit stopped says how far from the best it may be in
// every view, and the figure re-derived from the plan's gap holds: at
// least the gap, by less than a hundredth of a point.
func TestWithinGapSentence(t *testing.T) {
	sp := planned(t, smallFile(t))
	p := *sp.Plan
	p.Status, p.Gap = plan.StatusOptimalWithinGap, 0.0158744321 // 1.5874% with four decimals: below it
	sp.Plan = &p
	within := regexp.MustCompile(`(?i)within ([0-9.]+)% of the best possible`)
	check := func(view, text string) {
		t.Helper()
		m := within.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("%s: no \"within ...%% of the best possible\":\n%s", view, text)
			return
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		if v < 100*p.Gap || v >= 100*p.Gap+0.01 {
			t.Errorf("%s: within %v%%, the gap is %v%%", view, v, 100*p.Gap)
		}
	}
	for _, f := range []Format{Table, Markdown} {
		var out bytes.Buffer
		if err := WritePlan(&out, &p, f); err != nil {
			t.Fatal(err)
		}
		check(string(f), out.String())
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, []ScenarioPlan{sp}); err != nil {
		t.Fatal(err)
	}
	check("html", html.String())
	// On the page it reads under the section's title, before the charts.
	if i, j := within.FindStringIndex(html.String()), strings.Index(html.String(), `<figure class="chart"`); i == nil || j < 0 || i[0] > j {
		t.Errorf("html: the gap sentence at %v, the first chart at %d: want it above the charts", i, j)
	}
	book := openBook(t, writeBook(t, []ScenarioPlan{sp}))
	var cells []string
	for _, sheet := range book.GetSheetList() {
		rows, err := book.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			cells = append(cells, r...)
		}
	}
	check("xlsx", strings.Join(cells, "\n"))
}

// Stage by stage, the words of a plan the node limit stopped re-derive
// from its Gaps: each percentage at least the stage's gap, a maximized
// stage's "at most" at least its bound, and the money that may be saved
// at least the spend above its bound. Three plans in whole people stopped
// early: between them every stage has a gap, and months and quarters.
func TestStageGapWords(t *testing.T) {
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.NewReplacer("$", "", ",", "").Replace(s), 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	money := func(s string) float64 {
		m := map[byte]float64{'k': 1e3, 'M': 1e6, 'B': 1e9}[s[len(s)-1]]
		if m == 0 {
			return num(s)
		}
		return num(s[:len(s)-1]) * m
	}
	seen := map[string]bool{}
	for _, tc := range []struct {
		file string
		sets []string
	}{
		{"whole-people.yaml", []string{"policy.heart_weight=1.5"}},
		{"baseline.yaml", []string{"policy.whole_people=true"}},
		{"monthly-fiscal.yaml", []string{"policy.whole_people=true"}},
	} {
		s, err := scenario.Load(filepath.Join("..", "..", "scenarios", tc.file), tc.sets)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{NodeLimit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != plan.StatusOptimalWithinGap || len(p.Gaps) == 0 {
			t.Fatalf("%s: status %s, gaps %+v: want the node limit to stop the search", tc.file, p.Status, p.Gaps)
		}
		var out bytes.Buffer
		if err := WritePlan(&out, p, Table); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		// JSON carries the same gaps, the spend in cents: its bound down.
		var js bytes.Buffer
		if err := WritePlan(&js, p, JSON); err != nil {
			t.Fatal(err)
		}
		var back struct{ Gaps []plan.StageGap }
		if err := json.Unmarshal(js.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		if len(back.Gaps) != len(p.Gaps) {
			t.Errorf("%s: JSON gaps %+v, plan %+v", tc.file, back.Gaps, p.Gaps)
		}
		for i := range min(len(back.Gaps), len(p.Gaps)) {
			b, g := back.Gaps[i], p.Gaps[i]
			if b.Stage != g.Stage || b.Gap != g.Gap || b.Bound > g.Bound+1e-9 && g.Stage == "total_spend" || math.Abs(b.Bound-g.Bound) > 0.01 || math.Abs(b.Value-g.Value) > 0.005 {
				t.Errorf("%s: JSON gap %+v, plan %+v", tc.file, b, g)
			}
		}
		per := regexp.QuoteMeta("a " + p.Period)
		for _, g := range p.Gaps {
			seen[g.Stage] = true
			var re *regexp.Regexp
			// The scores' stages in points of the scores, as the tables
			// print them: "its weighted scores (1.782 a month on average)"
			// was the search's own unit (until session 26).
			switch g.Stage {
			case "heart_to_healthy":
				re = regexp.MustCompile(`its heart, counted up to healthy, may be up to ([0-9.]+) points short of the most any plan reaches \(([0-9.]+)% ` + per + ` on average, against at most ([0-9.]+)%\)`)
			case "weighted_scores":
				re = regexp.MustCompile(`its (?:heart and brain may together|brain may) be up to ([0-9.]+) points short of the best plan's with that heart(?:, or its heart up to ([0-9.]+) points)?`)
			case "total_spend":
				re = regexp.MustCompile(`its spend, (\$[0-9.,]+[kMB]?), may be up to (\$[0-9.,]+[kMB]?) \(([0-9.]+)%\) above the least that holds those scores`)
			}
			m := re.FindStringSubmatch(text)
			if m == nil {
				t.Errorf("%s, %s: no words for it in:\n%s", tc.file, g.Stage, text)
				continue
			}
			if g.Stage == "total_spend" {
				if math.Abs(money(m[1])-g.Value) > 0.005*g.Value || money(m[2]) < g.Value-g.Bound || num(m[3])/100 < g.Gap {
					t.Errorf("%s, spend: %q from %+v", tc.file, m[0], g)
				}
				continue
			}
			// Each "up to" at least the points the bound allows, by the
			// scenario's weights, and less than a tenth above.
			upTo := func(got string, want float64) bool {
				x := num(got)
				return x >= want-1e-9 && x < want+0.1+1e-9
			}
			d := 100 * (g.Bound - g.Value)
			pol := s.Policy
			if g.Stage == "heart_to_healthy" {
				if !upTo(m[1], d) || math.Abs(num(m[2])-100*g.Value) > 0.05+1e-9 || num(m[3]) < 100*g.Bound-1e-5 {
					t.Errorf("%s, %s: %q from %+v", tc.file, g.Stage, m[0], g)
				}
				continue
			}
			brain, heart := d/pol.BrainWeight, d/pol.HeartWeight
			if pol.HeartWeight == pol.BrainWeight && (m[2] != "" || !upTo(m[1], brain)) ||
				pol.HeartWeight != pol.BrainWeight && (!upTo(m[1], brain) || !upTo(m[2], heart)) {
				t.Errorf("%s, %s: %q from %+v, weights %v and %v", tc.file, g.Stage, m[0], g, pol.HeartWeight, pol.BrainWeight)
			}
		}
	}
	for _, st := range []string{"heart_to_healthy", "weighted_scores", "total_spend"} {
		if !seen[st] {
			t.Errorf("no plan stopped in stage %s", st)
		}
	}
}
