package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
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
// in the order of the months they start in; JSON and CSV keep every month.
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
		heart, brain string
		start        int
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
				out[i][label] = want{Percent(h), Percent(b), y*12 + m - 1}
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
		if note != "" && !strings.Contains(text, note) {
			t.Errorf("--by %q: no note %q:\n%s", by, note, text)
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
		for _, r := range rows {
			metric, label := r[1], r[2]
			cells := strings.Split(r[3], "│")
			if len(cells) != 2 {
				t.Fatalf("row %q: %d cells", r[0], len(cells))
			}
			found := false
			for i := range sps {
				cell := strings.TrimSpace(cells[i])
				w, ok := exp[i][label]
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
	check("", scenario.Quarter, "The periods of FY28 by month (months) are rolled up to quarters")
	check("quarter", scenario.Quarter, "The periods of FY28 by month (months) are rolled up to quarters")
	check("month", scenario.Month, "")
	check("year", scenario.Year, "The periods of FY27 baseline (quarters) and FY28 by month (months) are rolled up to years")

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
