package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

const smallYAML = `name: Small team
description: One region, two heart functions and one brain function, one year
currency: EUR
horizon: {start: 2027, periods: 2}
catalog: none
budget:
  annual: 300000
central:
  cost_per_fte: 100000
regions:
  - name: North
    sellers: 100
    cost_per_fte: 100000
    current_fte: {quotas: 1}
functions:
  - {id: quotas, class: heart, locality: either, fte_per_100_sellers: 1, min_coverage: 0.8}
  - {id: support, class: heart, locality: local, fte_per_100_sellers: 1, min_coverage: 0.8}
  - {id: analytics, class: brain, locality: either, fte_per_100_sellers: 2}
investments:
  - id: playbook
    cost: {upfront: 20000, per_year: 10000}
    covers: {support: 0.5}
`

// bundledFiles lists the bundled example scenarios, which some tests run
// on every one of.
func bundledFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	if len(files) == 0 {
		t.Fatal("no bundled scenarios")
	}
	return files
}

// tenthsOfPoint is a score as the tables print it, in tenths of a point
// (0.1%): two scores read as equal when these are.
func tenthsOfPoint(x float64) float64 { return math.Round(1000 * x) }

// planned loads and optimizes a scenario file.
func planned(t *testing.T, file string, sets ...string) ScenarioPlan {
	t.Helper()
	s, err := scenario.Load(file, sets)
	if err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatalf("optimize %s: %v", file, err)
	}
	return ScenarioPlan{Scenario: s, Plan: p}
}

func smallFile(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "small.yaml")
	if err := os.WriteFile(f, []byte(smallYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func writeBook(t *testing.T, plans []ScenarioPlan, extra ...Sheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, plans, extra...); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	return buf.Bytes()
}

func openBook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// findRow returns the first row (1-based) whose column A is label.
func findRow(t *testing.T, f *excelize.File, sheet, label string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q", sheet, label)
	return 0
}

// number reads a numeric cell at full precision, failing on text.
func number(t *testing.T, f *excelize.File, sheet, ref string) float64 {
	t.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("%s!%s is text, want a number", sheet, ref)
	}
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q: %v", sheet, ref, v, err)
	}
	return x
}

func numFmtOf(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestXLSXReadBack(t *testing.T) {
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	small := planned(t, smallFile(t))
	data := writeBook(t, []ScenarioPlan{base, small})
	f := openBook(t, data)

	// Two plans: a Compare sheet after the plans (Charts comes last).
	want := []string{"Assumptions", "Plan FY27 baseline", "Cells FY27 baseline", "Plan Small team", "Cells Small team", "Compare", "Charts"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}

	sh := "Plan FY27 baseline"
	r := findRow(t, f, sh, "2027-Q1")
	if r != 4 {
		t.Errorf("2027-Q1 is in row %d, want 4 (title, note, header)", r)
	}
	if got, want := number(t, f, sh, "C4"), base.Plan.Periods[0].Heart; got != want {
		t.Errorf("heart of 2027-Q1 = %v, want %v", got, want)
	}
	if got, want := number(t, f, sh, "F4"), base.Plan.Periods[0].Spend; got != want {
		t.Errorf("spend of 2027-Q1 = %v, want %v", got, want)
	}
	if got, want := number(t, f, sh, "I4"), base.Plan.Periods[0].CentralFTE; got != want {
		t.Errorf("central FTE of 2027-Q1 = %v, want %v", got, want)
	}
	if got := numFmtOf(t, f, sh, "C4"); got != "0.0%" {
		t.Errorf("heart format = %q, want 0.0%%", got)
	}
	if got := numFmtOf(t, f, sh, "F4"); !strings.Contains(got, `"$"#,##0`) {
		t.Errorf("spend format = %q, want a dollar currency format", got)
	}
	if got := numFmtOf(t, f, sh, "I4"); got != "0.0" {
		t.Errorf("FTE format = %q, want 0.0", got)
	}
	if v, _ := f.GetCellValue(sh, "C3"); v != "heart" {
		t.Errorf("C3 = %q, want the header heart", v)
	}
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 3 {
		t.Errorf("panes = %+v, want frozen at B4", panes)
	}

	// Coverage of a function in the block below, against the plan.
	fr := findRow(t, f, sh, "territories")
	fn := base.Plan.Periods[1].Functions[0]
	if fn.ID != "territories" {
		t.Fatalf("first function is %s", fn.ID)
	}
	ref, _ := excelize.CoordinatesToCellName(6, fr) // function, name, class, floor, Q1, Q2
	if got := number(t, f, sh, ref); got != fn.Coverage {
		t.Errorf("coverage of territories in 2027-Q2 = %v, want %v", got, fn.Coverage)
	}

	// The small scenario's money is in euros.
	if got := numFmtOf(t, f, "Plan Small team", "F4"); !strings.Contains(got, `"€"`) {
		t.Errorf("small spend format = %q, want euros", got)
	}

	// Assumptions: budget per period and the healthy heart.
	a := "Assumptions"
	if p, _ := f.GetPanes(a); !p.Freeze || p.YSplit != 1 {
		t.Errorf("Assumptions panes = %+v, want the first row frozen", p)
	}
	r = findRow(t, f, a, "2027-Q1")
	if got, want := number(t, f, a, "C"+strconv.Itoa(r)), base.Scenario.PeriodBudget(0); got != want {
		t.Errorf("budget of 2027-Q1 = %v, want %v", got, want)
	}
	r = findRow(t, f, a, "healthy heart")
	if got := number(t, f, a, "B"+strconv.Itoa(r)); got != 0.9 {
		t.Errorf("healthy heart = %v, want 0.9", got)
	}
	if got := numFmtOf(t, f, a, "B"+strconv.Itoa(r)); got != "0.0%" {
		t.Errorf("healthy heart format = %q", got)
	}
	r = findRow(t, f, a, "investment") + 1
	if v, _ := f.GetCellValue(a, "E"+strconv.Itoa(r)); v != "cpq 35.0%, proposals 15.0%" {
		t.Errorf("cpq covers = %q", v)
	}
}

func TestXLSXDeterministic(t *testing.T) {
	small := planned(t, smallFile(t))
	one := writeBook(t, []ScenarioPlan{small})
	two := writeBook(t, []ScenarioPlan{small})
	if !bytes.Equal(one, two) {
		t.Fatal("two workbooks of the same plan differ")
	}
	f := openBook(t, one)
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != XLSXTimestamp || props.Modified != XLSXTimestamp || props.Creator != "cardio" {
		t.Errorf("doc props = %+v", props)
	}
}

func TestXLSXInfeasible(t *testing.T) {
	small := planned(t, smallFile(t), "budget.annual=100000")
	if small.Plan.Status != plan.StatusInfeasible {
		t.Fatalf("status = %s, want infeasible", small.Plan.Status)
	}
	f := openBook(t, writeBook(t, []ScenarioPlan{small}))
	rows, err := f.GetRows("Plan Small team")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, " "))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "No plan meets every constraint") {
		t.Errorf("infeasible sheet lacks the verdict:\n%s", all)
	}
	for _, pr := range small.Plan.Problems {
		if !strings.Contains(all, pr) {
			t.Errorf("infeasible sheet lacks %q", pr)
		}
	}
}

func TestXLSXSheetNames(t *testing.T) {
	for in, want := range map[string]string{
		"Plan a/b:c*d?e[f]g\\h": "Plan a_b_c_d_e_f_g_h",
		"'quoted'":              "quoted",
		"":                      "Sheet",
		// A cut shows ("…"), at a word's end when that drops only a
		// short fragment of a word.
		"Plan A very long scenario name indeed!": "Plan A very long scenario name…",
		"Budget case FY27 in whole people":       "Budget case FY27 in whole…",
		"Plan An extremely long scenario name":   "Plan An extremely long scenari…",
	} {
		if got := SanitizeSheetName(in); got != want {
			t.Errorf("SanitizeSheetName(%q) = %q, want %q", in, got, want)
		}
	}
	small := planned(t, smallFile(t))
	long := planned(t, smallFile(t), "name=An extremely long scenario name: FY27/28?")
	extra := Sheet{Name: "What-if", Title: "What if", Currency: "USD",
		Columns: []Column{{"budget", KindMoney}, {"heart", KindPercent}},
		Rows:    [][]any{{6e6, 0.875}, {6.2e6, 0.9}}}
	f := openBook(t, writeBook(t, []ScenarioPlan{small, small, long, long}, extra))
	want := []string{"Assumptions", "Plan Small team", "Cells Small team", "Plan Small team (2)", "Cells Small team (2)",
		"Plan An extremely long scenari…", "Cells An extremely long scenar…", "Plan An extremely long… (2)", "Cells An extremely long… (2)", "Compare", "What-if", "Charts"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	if got := number(t, f, "What-if", "B4"); got != 0.9 {
		t.Errorf("What-if B4 = %v, want 0.9", got)
	}
	if got := numFmtOf(t, f, "What-if", "A4"); !strings.Contains(got, `"$"`) {
		t.Errorf("What-if budget format = %q", got)
	}
}

// The cells sheet holds each period's coverage by function and region as
// numbers, the healthy heart in B3 that its rules read, and per function
// row a below-floor rule (and for a heart function a below-healthy one).
func TestXLSXCellsSheet(t *testing.T) {
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	f := openBook(t, writeBook(t, []ScenarioPlan{base}))
	sh := "Cells FY27 baseline"
	if got := number(t, f, sh, "B3"); got != base.Plan.HealthyHeart {
		t.Errorf("B3 = %v, want the healthy heart %v", got, base.Plan.HealthyHeart)
	}
	per := base.Plan.Periods[0]
	// Row 5 is the first period's section, 6 its header, 7 its first
	// function (territories); D is the first region.
	if got, _ := f.GetCellValue(sh, "A7"); got != per.Functions[0].ID {
		t.Fatalf("A7 = %q, want %s", got, per.Functions[0].ID)
	}
	if got, want := number(t, f, sh, "D7"), per.Cells[0].Coverage; got != want {
		t.Errorf("D7 = %v, want %v (%s in %s)", got, want, per.Cells[0].Function, per.Cells[0].Region)
	}
	cf, err := f.GetConditionalFormats(sh)
	if err != nil {
		t.Fatal(err)
	}
	rules := cf["D7:F7"]
	if len(rules) != 1 || rules[0].Value != "$C7-0.000001" {
		t.Errorf("rules of a heart row: %+v", rules)
	}
	brain := 7 + len(per.Functions) - 1
	if r := cf[fmt.Sprintf("D%d:F%d", brain, brain)]; len(r) != 1 {
		t.Errorf("rules of a brain row: %+v", r)
	}

	// Each heart cell has its below-healthy rule, B3 less the cell's own
	// tolerance: recomputed from the workbook, a cell is amber exactly
	// when the plan counts it below healthy. In 2027-Q4 comp_admin in APAC
	// is at 0.89998, healthy within its tolerance: it was amber with a
	// millionth's.
	section, amber, near := 5, 0, 0 // the row of the period's section
	for _, per := range base.Plan.Periods {
		for i, fn := range per.Functions {
			row := section + 2 + i // under the section and the header
			for k, reg := range per.Regions {
				ref, _ := excelize.CoordinatesToCellName(4+k, row)
				rs := cf[ref]
				if fn.Class != "heart" {
					if len(rs) != 0 {
						t.Errorf("%s: brain cell with rules %+v", ref, rs)
					}
					continue
				}
				tol, ok := strings.CutPrefix(func() string {
					if len(rs) == 1 {
						return rs[0].Value
					}
					return ""
				}(), "$B$3-")
				d, err := strconv.ParseFloat(tol, 64)
				if !ok || err != nil {
					t.Errorf("%s (%s in %s, %s): rules %+v, want one below B3", ref, fn.ID, reg.Name, per.Label, rs)
					continue
				}
				x := number(t, f, sh, ref)
				var cell *plan.Cell
				for i := range per.Cells {
					if c := &per.Cells[i]; c.Function == fn.ID && c.Region == reg.Name {
						cell = c
					}
				}
				if cell == nil || x != cell.Coverage {
					t.Fatalf("%s: %v, not a cell of the plan's (%s in %s)", ref, x, fn.ID, reg.Name)
				}
				if x < base.Plan.HealthyHeart-1e-6 {
					near++
				}
				if below := x < base.Plan.HealthyHeart-d; below != cell.BelowHealthy {
					t.Errorf("%s (%s in %s, %s) at %v: amber %v, the plan's below healthy %v", ref, fn.ID, reg.Name, per.Label, x, below, cell.BelowHealthy)
				} else if below {
					amber++
				}
			}
		}
		section += 2 + len(per.Functions) + 1 // and a blank row
	}
	if near == 0 || amber != 0 {
		t.Errorf("%d heart cells a millionth below healthy, %d amber: want some, and none amber on the healthy baseline", near, amber)
	}
}

// TestXLSXInputsDecision: the inputs sheet says what a person decided on
// each investment (investments[].decision), so a reviewer of the workbook
// sees that a purchase was forced rather than chosen by the optimizer.
func TestXLSXInputsDecision(t *testing.T) {
	for _, c := range []struct{ set, want string }{
		{"investments[playbook].decision=in", "forced in"},
		{"investments[playbook].decision=out", "forced out"},
		{"investments[playbook].decision=optimize", "optimizer decides"},
	} {
		f := openBook(t, writeBook(t, []ScenarioPlan{planned(t, smallFile(t), c.set)}))
		var got []string
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			col := -1
			for _, r := range rows {
				if len(r) > 0 && r[0] == "investment" {
					col = slices.Index(r, "decision")
					continue
				}
				if col >= 0 && len(r) > col && r[0] == "playbook" {
					got = append(got, r[col])
				}
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("--set %s: the inputs sheet's decision reads %q, want [%q]", c.set, got, c.want)
		}
	}
}

// The Assumptions sheet gives horizon.fiscal_year_start, which every
// quarter's and year's label depends on (it gave the horizon alone, and
// FY28-Q1 read without its months), with the months of the first year.
func TestXLSXAssumptionsFiscalYearStart(t *testing.T) {
	for _, c := range []struct {
		file string
		sets []string
		want string
	}{
		{"../../scenarios/monthly-fiscal.yaml", nil, "April (FY28 runs from 2027-04 to 2028-03)"},
		// The horizon's first month, 2027-04, is in the July year FY27.
		{"../../scenarios/monthly-fiscal.yaml", []string{"horizon.fiscal_year_start=7"}, "July (FY27 runs from 2026-07 to 2027-06)"},
		{"../../scenarios/monthly-fiscal.yaml", []string{"horizon.fiscal_year_start=1"}, "January (FY27 runs from 2027-01 to 2027-12)"},
		{smallFile(t), nil, "none (calendar quarters and years)"},
	} {
		sp := planned(t, c.file, c.sets...)
		f := openBook(t, writeBook(t, []ScenarioPlan{sp}))
		r := findRow(t, f, "Assumptions", "fiscal year start")
		got, err := f.GetCellValue("Assumptions", fmt.Sprintf("B%d", r))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s %v: fiscal year start %q, want %q", c.file, c.sets, got, c.want)
		}
		// Re-derived from the periods: a month is in the months given
		// exactly when its year is the one named, and they are 12 months
		// from the month named.
		if s := sp.Scenario; s.Horizon.FiscalYearStart > 0 {
			var month, label, from, to string
			if _, err := fmt.Sscanf(got, "%s (%s runs from %7s to %7s)", &month, &label, &from, &to); err != nil {
				t.Fatalf("%q: %v", got, err)
			}
			var fy, fm, ty, tm int
			fmt.Sscanf(from, "%d-%d", &fy, &fm)
			fmt.Sscanf(to, "%d-%d", &ty, &tm)
			if month != time.Month(fm).String() || ty*12+tm-(fy*12+fm) != 11 {
				t.Errorf("%q: not a year from %s", got, month)
			}
			for p := range s.Periods() {
				y, m := s.PeriodStartMonth(p)
				in := fmt.Sprintf("%04d-%02d", y, m)
				if (from <= in && in <= to) != (s.GroupLabel(p, scenario.Year) == label) {
					t.Errorf("%q: period %s (%s) is in %s", got, s.PeriodLabel(p), in, s.GroupLabel(p, scenario.Year))
				}
			}
		}
		if row := findRow(t, f, "Assumptions", "horizon"); row != r-1 {
			t.Errorf("fiscal year start at row %d, want it under the horizon (row %d)", r, row)
		}
	}
}
