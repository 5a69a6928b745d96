package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// comparisonRow matches a per-period row of the comparison table:
// "│   heart FY28-Q1 │ 90.0% │ │".
var comparisonRow = regexp.MustCompile(`(?m)^│   (heart|brain) (.+?) +│(.*)│$`)

// TestComparisonRollsUpMonths compares a quarterly and a monthly scenario
// (April fiscal year) and re-derives each period row of the table from the
// plans and the scenarios: the monthly plan's rows are its fiscal quarters
// (or years), each the mean of its months' heart and brain as the plans
// give them, a partial one saying how many months it holds; the rows run
// in the order of the months they start in, and periods of the two that
// cover the same months (the calendar 2027-Q2, the fiscal FY28-Q1) share
// one row named by both; JSON and CSV keep every month.
func TestComparisonRollsUpMonths(t *testing.T) {
	sps := []ScenarioPlan{
		planned(t, "../../scenarios/baseline.yaml"),
		planned(t, "../../scenarios/monthly-fiscal.yaml"),
	}
	files := []string{"baseline.yaml", "monthly-fiscal.yaml"}
	scens := []*scenario.Scenario{sps[0].Scenario, sps[1].Scenario}
	plans := []*plan.Plan{sps[0].Plan, sps[1].Plan}

	// expected gives, per scenario column, each row label's heart and
	// brain as the table should print them, and the month it starts in.
	type want struct {
		heart, brain  string
		start, months int
	}
	expected := func(by scenario.PeriodKind) []map[string]want {
		out := make([]map[string]want, len(sps))
		for i, sp := range sps {
			s, p := sp.Scenario, sp.Plan
			out[i] = map[string]want{}
			for t0 := 0; t0 < len(p.Periods); {
				label := s.GroupLabel(t0, by)
				t1 := t0 + 1
				for t1 < len(p.Periods) && s.GroupLabel(t1, by) == label {
					t1++
				}
				var h, b float64
				for k := t0; k < t1; k++ {
					h += p.Periods[k].Heart / float64(t1-t0)
					b += p.Periods[k].Brain / float64(t1-t0)
				}
				if n := t1 - t0; n < s.GroupSize(by) {
					label += fmt.Sprintf(" (%d months)", n)
				}
				y, m := s.PeriodStartMonth(t0)
				out[i][label] = want{Percent(h), Percent(b), y*12 + m - 1, (t1 - t0) * s.Horizon.Period.Months()}
				t0 = t1
			}
		}
		return out
	}
	check := func(by string, kind scenario.PeriodKind, note string) {
		t.Helper()
		var buf bytes.Buffer
		if err := WriteComparisonBy(&buf, plan.NewComparison(files, scens, plans), Table, by); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		for _, n := range strings.Split(note, "|") {
			if !strings.Contains(text, n) {
				t.Errorf("--by %q: no %q:\n%s", by, n, text)
			}
		}
		if note == "" && strings.Contains(text, "rolled up") {
			t.Errorf("--by %q: a roll-up note where nothing is rolled up:\n%s", by, text)
		}
		// The horizon is the plans' own, whatever the roll-up.
		if !regexp.MustCompile(`│ horizon +│ +4 quarters │ +18 months │`).MatchString(text) {
			t.Errorf("--by %q: the horizon is not 4 quarters against 18 months:\n%s", by, text)
		}
		exp := expected(kind)
		rows := comparisonRow.FindAllStringSubmatch(text, -1)
		seen := [2]int{}
		last := map[string]int{}
		spans := map[string]bool{}
		for _, r := range rows {
			metric, label := r[1], r[2]
			cells := strings.Split(r[3], "│")
			if len(cells) != 2 {
				t.Fatalf("row %q: %d cells", r[0], len(cells))
			}
			// A row names the periods it holds; they cover the same
			// months, and no other row covers those.
			parts := strings.Split(label, " / ")
			var span [2]int
			for k, part := range parts {
				for i := range sps {
					if w, ok := exp[i][part]; ok {
						if k > 0 && span != [2]int{w.start, w.months} {
							t.Errorf("--by %q: row %s %s joins periods of different months", by, metric, label)
						}
						span = [2]int{w.start, w.months}
					}
				}
			}
			if key := fmt.Sprint(metric, span); spans[key] {
				t.Errorf("--by %q: %s %s: another row covers the same months", by, metric, label)
			} else {
				spans[key] = true
			}
			found := false
			for i := range sps {
				cell := strings.TrimSpace(cells[i])
				var w want
				ok := false
				for _, part := range parts {
					if x, has := exp[i][part]; has {
						w, ok = x, true
					}
				}
				if !ok {
					if cell != "" {
						t.Errorf("--by %q: %s %s: column %d shows %q for a period it does not have", by, metric, label, i, cell)
					}
					continue
				}
				found = true
				if metric == "heart" {
					seen[i]++
				}
				want := w.heart
				if metric == "brain" {
					want = w.brain
				}
				if cell != want {
					t.Errorf("--by %q: %s %s column %d: %q, want %q", by, metric, label, i, cell, want)
				}
				if prev, ok := last[metric]; ok && w.start < prev {
					t.Errorf("--by %q: %s %s starts before the row above it", by, metric, label)
				}
				last[metric] = w.start
			}
			if !found {
				t.Errorf("--by %q: row %s %s belongs to no scenario", by, metric, label)
			}
		}
		for i := range sps {
			if seen[i] != len(exp[i]) {
				t.Errorf("--by %q: column %d has %d heart rows, want %d", by, i, seen[i], len(exp[i]))
			}
		}
	}
	check("", scenario.Quarter, "The months of FY28 by month are rolled up to quarters|heart 2027-Q2 / FY28-Q1 ")
	check("quarter", scenario.Quarter, "The months of FY28 by month are rolled up to quarters")
	check("month", scenario.Month, "")
	check("year", scenario.Year, "The quarters of FY27 baseline and the months of FY28 by month are rolled up to years")

	// JSON and CSV carry every month whatever the roll-up.
	var buf bytes.Buffer
	if err := WriteComparisonBy(&buf, plan.NewComparison(files, scens, plans), JSON, "year"); err != nil {
		t.Fatal(err)
	}
	var c plan.Comparison
	if err := json.Unmarshal(buf.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if n := len(c.Scenarios[1].Periods); n != 18 || c.Scenarios[1].Periods[0].Label != "2027-04" {
		t.Errorf("JSON: %d periods from %q, want the 18 months from 2027-04", n, c.Scenarios[1].Periods[0].Label)
	}
	buf.Reset()
	if err := WriteComparisonBy(&buf, plan.NewComparison(files, scens, plans), CSV, "year"); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\nheart,20"); n != 4+18 {
		t.Errorf("CSV: %d heart rows, want 22 (4 quarters and 18 months):\n%s", n, buf.String())
	}
}

// The comparison chart shows the plans as the table does: a monthly plan
// by fiscal quarter, each the mean of its months, every period in order of
// the month it starts in, the calendar 2027-Q2 and the fiscal FY28-Q1 of
// the same April one category; by month, the months.
func TestCompareChartRollsUpMonths(t *testing.T) {
	sps := []ScenarioPlan{
		planned(t, "../../scenarios/monthly-fiscal.yaml"),
		planned(t, "../../scenarios/baseline.yaml"),
	}
	c, err := CompareChart(sps, "")
	if err != nil {
		t.Fatal(err)
	}
	heart := c.Panels[0]
	want := []string{"2027-Q1", "FY28-Q1\n2027-Q2", "FY28-Q2\n2027-Q3", "FY28-Q3\n2027-Q4", "FY28-Q4", "FY29-Q1", "FY29-Q2"}
	if !slices.Equal(heart.Categories, want) {
		t.Fatalf("periods %q, want %q", heart.Categories, want)
	}
	months := sps[0].Plan.Periods
	for k := range 6 {
		var mean float64
		for _, m := range months[3*k : 3*k+3] {
			mean += m.Brain / 3
		}
		if got := c.Panels[1].Series[0].Y[k+1]; got != mean {
			t.Errorf("%s brain %v, the mean of its months %v", want[k+1], got, mean)
		}
	}
	quarters := sps[1].Plan.Periods
	for k, q := range quarters {
		if got := c.Panels[1].Series[1].Y[k]; got != q.Brain {
			t.Errorf("%s: baseline's brain %v, its plan's %v", want[k], got, q.Brain)
		}
	}
	if y := c.Panels[1].Series[1].Y[4]; !math.IsNaN(y) {
		t.Errorf("FY28-Q4: baseline has no such period but a point at %v", y)
	}
	c, err = CompareChart(sps, "month")
	if err != nil {
		t.Fatal(err)
	}
	if cats := c.Panels[0].Categories; len(cats) != 18+4 || cats[0] != "2027-Q1" || cats[1] != "2027-04" {
		t.Errorf("by month: %q", cats)
	}
}

// TestPeriodAxis lines up periods by the months they cover: two names of
// the same months share a row named by both, in the scenarios' order; one
// name in two scenarios is one row; a year and its first quarter, which
// only start together, are two rows, the year first (by name); rows run
// by their first month.
func TestPeriodAxis(t *testing.T) {
	q := func(start int) plan.Months { return plan.Months{Start: 2027*12 + start, Len: 3} }
	labels := []map[string]plan.Months{
		{"2027-Q2": q(3), "2027-Q1": q(0), "2027-Q3": q(6)},
		{"FY28-Q1": q(3), "FY28-Q2": q(6), "2027-Q1": q(0)},
		{"2027": {Start: 2027 * 12, Len: 12}, "2027-Q3": q(6)},
	}
	order := [][]string{{"2027-Q1", "2027-Q2", "2027-Q3"}, {"2027-Q1", "FY28-Q1", "FY28-Q2"}, {"2027", "2027-Q3"}}
	var got []string
	for _, r := range periodAxis(labels, order, []int{0, 4, 0}) {
		got = append(got, r.Label())
	}
	want := []string{"2027", "2027-Q1", "2027-Q2 / FY28-Q1", "2027-Q3 / FY28-Q2"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

// A row's names follow the scenarios' namings, even where the first
// scenario has no such row: calendar quarters (the first scenario's) then
// April fiscal quarters, on every row. It read "FY28-Q4 / 2028-Q1" when
// only the second and third scenarios had January to March 2028.
func TestPeriodAxisNamesInOneOrder(t *testing.T) {
	q := func(y, m int) plan.Months { return plan.Months{Start: y*12 + m - 1, Len: 3} }
	labels := []map[string]plan.Months{
		{"2027-Q1": q(2027, 1), "2027-Q2": q(2027, 4)},
		{"FY28-Q1": q(2027, 4), "FY28-Q4": q(2028, 1), "FY29-Q1": q(2028, 4)},
		{"2027-Q2": q(2027, 4), "2028-Q1": q(2028, 1), "2028-Q2": q(2028, 4)},
	}
	order := [][]string{{"2027-Q1", "2027-Q2"}, {"FY28-Q1", "FY28-Q4", "FY29-Q1"}, {"2027-Q2", "2028-Q1", "2028-Q2"}}
	var got []string
	for _, r := range periodAxis(labels, order, []int{0, 4, 0}) {
		got = append(got, r.Label())
	}
	want := []string{"2027-Q1", "2027-Q2 / FY28-Q1", "2028-Q1 / FY28-Q4", "2028-Q2 / FY29-Q1"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

// Two fiscal years name the same months differently: under an April
// fiscal year April to June 2027 is FY28-Q1, under a July one FY27-Q4,
// and FY28-Q1 is July to September. The comparison matches periods by
// their months, not their names: the two plans, which differ only in the
// fiscal year's start, show the same figures on every row, each row named
// by both (the April year's name first, as its column), in the table and
// the chart.
func TestCompareFiscalYearsByMonths(t *testing.T) {
	april := planned(t, "../../scenarios/monthly-fiscal.yaml")
	july := planned(t, "../../scenarios/monthly-fiscal.yaml", "horizon.fiscal_year_start=7", "name=July year")
	sps := []ScenarioPlan{april, july}
	var buf bytes.Buffer
	c := plan.NewComparison([]string{"april.yaml", "july.yaml"}, []*scenario.Scenario{april.Scenario, july.Scenario}, []*plan.Plan{april.Plan, july.Plan})
	if err := WriteComparisonBy(&buf, c, Table, ""); err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, r := range comparisonRow.FindAllStringSubmatch(buf.String(), -1) {
		cells := strings.Split(r[3], "│")
		if a, b := strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1]); a == "" || a != b {
			t.Errorf("%s %s: %q against %q, the same months planned alike", r[1], r[2], a, b)
		}
		if r[1] == "heart" {
			labels = append(labels, r[2])
		}
	}
	// FY28-Q1 names two rows (April-June under the April year, July-
	// September under the July one), so those two say their months.
	want := []string{"FY28-Q1 / FY27-Q4 (Apr-Jun 2027)", "FY28-Q2 / FY28-Q1 (Jul-Sep 2027)", "FY28-Q3 / FY28-Q2 (Oct-Dec 2027)",
		"FY28-Q4 / FY28-Q3 (Jan-Mar 2028)", "FY29-Q1 / FY28-Q4 (Apr-Jun 2028)", "FY29-Q2 / FY29-Q1 (Jul-Sep 2028)"}
	if !slices.Equal(labels, want) {
		t.Errorf("rows %q, want %q", labels, want)
	}
	ch, err := CompareChart(sps, "")
	if err != nil {
		t.Fatal(err)
	}
	brain := ch.Panels[1]
	if len(brain.Categories) != len(want) {
		t.Fatalf("chart categories %q, want %d", brain.Categories, len(want))
	}
	for i, cat := range brain.Categories {
		if cat != strings.ReplaceAll(strings.ReplaceAll(want[i], " / ", "\n"), " (", "\n(") {
			t.Errorf("category %d %q, want %q", i, cat, want[i])
		}
		if a, b := brain.Series[0].Y[i], brain.Series[1].Y[i]; a != b || math.IsNaN(a) {
			t.Errorf("%s: brain %v against %v", want[i], a, b)
		}
	}
}

// One name for other months in two scenarios (fiscal years starting in
// April and in May) says which months each row holds; names used once
// stay as they are.
func TestPeriodAxisSameNameOtherMonths(t *testing.T) {
	q := func(y, m int) plan.Months { return plan.Months{Start: y*12 + m - 1, Len: 3} }
	labels := []map[string]plan.Months{
		{"FY28-Q1": q(2027, 4), "FY28-Q3": q(2027, 10)},
		{"FY28-Q1": q(2027, 5), "FY28-Q3": q(2027, 11), "FY27-Q4 (1 month)": {Start: 2027*12 + 3, Len: 1}},
	}
	order := [][]string{{"FY28-Q1", "FY28-Q3"}, {"FY27-Q4 (1 month)", "FY28-Q1", "FY28-Q3"}}
	fiscal := []int{4, 5}
	var got []string
	for _, r := range periodAxis(labels, order, fiscal) {
		got = append(got, r.Label())
	}
	want := []string{"FY27-Q4 (1 month)", "FY28-Q1 (Apr-Jun 2027)", "FY28-Q1 (May-Jul 2027)", "FY28-Q3 (Oct-Dec 2027)", "FY28-Q3 (Nov 2027-Jan 2028)"}
	if got := periodAxis(labels, order, fiscal)[1].name("\n", "\n"); got != "FY28-Q1\n(Apr-Jun 2027)" {
		t.Errorf("chart category %q", got)
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if got := monthsWords(plan.Months{Start: 2028*12 + 11, Len: 1}); got != "Dec 2028" {
		t.Errorf("one month: %q", got)
	}
}
