package report

import (
	"bytes"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
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
// JSON and CSV, the scenario's budgets rounded to the nearest cent.
func TestBudgetCaseMoneyInCents(t *testing.T) {
	annual, current := 6690806.660317365, 6200000.004
	r := &plan.BudgetCaseReport{
		FormatVersion: 1, Scenario: "x", Currency: "USD", Period: "quarter", Heart: 0.9, Feasible: true,
		Annual: &annual, CurrentAnnual: &current, Total: 12225350.681851197, CurrentTotal: 11328555.445642203,
		Periods: []plan.CasePeriod{{Label: "2027-Q1", Budget: 1672701.6650793413, Spend: 1541622.001, CurrentBudget: 1550000}},
	}
	var out bytes.Buffer
	if err := WriteBudgetCase(&out, r, JSON); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"annual": 6690806.67,`, `"current_annual": 6200000,`, `"total": 12225350.69,`, `"current_total": 11328555.45,`, `"budget": 1672701.67,`, `"spend": 1541622.01,`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := WriteBudgetCase(&out, r, CSV); err != nil {
		t.Fatal(err)
	}
	if want := "2027-Q1,1672701.67,1541622.01,1550000\ntotal,12225350.69,1541622.01,11328555.45\n"; !strings.Contains(out.String(), want) {
		t.Errorf("CSV lacks %q:\n%s", want, out.String())
	}
	out.Reset()
	if err := WriteBudgetCase(&out, r, Table); err != nil {
		t.Fatal(err)
	}
	// $6.69M would be below the least budget: the table rounds up.
	if !strings.Contains(out.String(), "you need $6.70M a year; the scenario has $6.20M, $500k a year (8.1%) short of it.") {
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
		if got := HeartPercent(tc.x, tc.healthy); got != tc.want {
			t.Errorf("HeartPercent(%v, %v) = %q, want %q", tc.x, tc.healthy, got, tc.want)
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
