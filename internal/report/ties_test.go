package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// The weakest heart cell of diff's and review's tables and the weakest
// heart function of compare's are said with the others as low as printed,
// and as every one of them where all read alike: each is re-derived here
// from the plans' cells and functions. Until session 27 the tables named
// one of them: diff's "Support/North 100.0%" where all four heart cells
// were at 100.0%, review's and compare's "Territory design/North America
// 90.0%" and "Territory design 90.0% (2027-Q1)" where the baseline has
// every heart function at 90.0% in every region and quarter.

// tiesOldYAML has every heart cell at 100.0%; tiesNewYAML cuts the money
// and adds a region (cardio diff's example).
const tiesOldYAML = `name: base
currency: USD
horizon: {start: 2027-Q1, periods: 2, period: quarter}
catalog: none
stage: growth
budget: {annual: 1200000, change_per_year: 0}
policy: {healthy_heart: 0.9, heart_weight: 1, central_share: {min: 0, max: 1}}
central: {cost_per_fte: 100000}
regions:
  - {name: North, sellers: 200, cost_per_fte: 100000}
  - {name: South, sellers: 100, cost_per_fte: 100000}
functions:
  - {id: admin, name: Admin, class: heart, locality: central, fte_per_100_sellers: 1.5}
  - {id: support, name: Support, class: heart, locality: local, fte_per_100_sellers: 2}
  - {id: insight, name: Insight, class: brain, locality: central, fte_per_100_sellers: 1}
investments:
  - {id: tool, name: Tool, cost: {upfront: 50000, per_year: 40000}, covers: {admin: 0.3}}
`

var tiesNewYAML = strings.Replace(strings.Replace(tiesOldYAML, "annual: 1200000", "annual: 900000", 1),
	"  - {name: South, sellers: 100, cost_per_fte: 100000}\n",
	"  - {name: South, sellers: 100, cost_per_fte: 100000}\n  - {name: East, sellers: 50, cost_per_fte: 90000}\n", 1)

// lowHeart re-derives from cells (a period's, or a rolled period's
// months') the lowest heart coverage as printed, how many other heart
// functions in a region read as low, and whether every heart cell does.
func lowHeart(cells []plan.Cell) (low string, others int, all bool) {
	min := 2.0
	for _, c := range cells {
		if c.Class == "heart" && c.Demand > 0 && c.Coverage < min {
			min = c.Coverage
		}
	}
	low = Percent(min)
	pairs := map[[2]string]bool{}
	n, at := 0, 0
	for _, c := range cells {
		if c.Class != "heart" || c.Demand <= 0 {
			continue
		}
		n++
		if Percent(c.Coverage) == low {
			at++
			pairs[[2]string{c.Function, c.Region}] = true
		}
	}
	return low, len(pairs) - 1, at == n && n > 1
}

var (
	everyCellRe = regexp.MustCompile(`^every heart function at ([0-9.]+%)( in every region)?(?: in every (\w+))?$`)
	oneCellRe   = regexp.MustCompile(`^(.+)/([^/]+) ([0-9.]+%)(?: [!†]+)?(?:, and (\d+) others? as low(?: in some (\w+))?)?$`)
)

// checkWeakestCell checks a table's words for a period's weakest heart
// cell against cells, the period's (or its months'), in regions regions.
// over is the kind of period (month) a rolled-up period gathers, "" for a
// period of the plan's own: a rolled period's ties are as low "in some
// month", or alike "in every month".
func checkWeakestCell(t *testing.T, where, words string, cells []plan.Cell, regions int, over string) {
	t.Helper()
	low, others, all := lowHeart(cells)
	if m := everyCellRe.FindStringSubmatch(words); m != nil {
		if !all || m[1] != low || (m[2] != "") != (regions > 1) || m[3] != over {
			t.Errorf("%s: %q, but the cells' lowest is %s with %d others as low (every one: %v; %d regions; over %q)", where, words, low, others, all, regions, over)
		}
		return
	}
	m := oneCellRe.FindStringSubmatch(words)
	if m == nil {
		t.Errorf("%s: %q is not a weakest heart cell", where, words)
		return
	}
	said := 0
	if m[4] != "" {
		said, _ = strconv.Atoi(m[4])
	}
	some := ""
	if said > 0 {
		some = over
	}
	if all || m[3] != low || said != others || m[5] != some {
		t.Errorf("%s: %q, but the cells' lowest is %s with %d others as low (every one: %v; over %q)", where, words, low, others, all, over)
	}
}

// tableColumn reads column col of the text table whose header row has
// head as its first cell: each row's first cell and its cell col.
func tableColumn(t *testing.T, text, head string, col int) (labels, cells []string) {
	t.Helper()
	in := false
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(line, "│") {
			if in && strings.HasPrefix(line, "└") {
				return labels, cells
			}
			continue
		}
		parts := strings.Split(line, "│")
		if len(parts) <= col+1 {
			continue
		}
		first := strings.TrimSpace(parts[1])
		if first == head {
			in = true
			continue
		}
		if in {
			labels = append(labels, first)
			cells = append(cells, strings.TrimSpace(parts[col+1]))
		}
	}
	if !in {
		t.Fatalf("no table headed %q in:\n%s", head, text)
	}
	return labels, cells
}

// periodCells are the cells of the period labelled label of p, or of the
// months of the group labelled so when p rolls up by (GroupsBy), with the
// period's regions and the kind of the periods it gathers ("" for a
// period of p's own).
func periodCells(t *testing.T, s *scenario.Scenario, p *plan.Plan, by, label string) ([]plan.Cell, int, string) {
	t.Helper()
	var spans []plan.Span
	over := ""
	if groups, kind := plan.GroupsBy(s, by); groups != nil {
		spans = plan.Spans(groups, s.GroupSize(kind), string(s.Horizon.Period))
		over = string(s.Horizon.Period)
	} else {
		for k, per := range p.Periods {
			spans = append(spans, plan.Span{Start: k, End: k + 1, Label: per.Label})
		}
	}
	for _, g := range spans {
		if g.Label != label {
			continue
		}
		var cells []plan.Cell
		for _, per := range p.Periods[g.Start:g.End] {
			cells = append(cells, per.Cells...)
		}
		return cells, len(p.Periods[g.Start].Regions), over
	}
	t.Fatalf("no period %s", label)
	return nil, 0, ""
}

func parseScenario(t *testing.T, name, text string) (*scenario.Doc, *scenario.Scenario) {
	t.Helper()
	doc, err := scenario.Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s, diags := doc.Decode()
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	return doc, s
}

func TestDiffWeakestHeartTiesRederived(t *testing.T) {
	read := func(file string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "scenarios", file))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	shrinking, monthly := read("shrinking-budget.yaml"), read("monthly-fiscal.yaml")
	seen := map[string]bool{} // the kinds of words met: every case is
	for _, c := range []struct{ name, old, new, by string }{
		// Every heart cell at 100.0% on the old side; one at the lowest on the new.
		{"diff's example", tiesOldYAML, tiesNewYAML, ""},
		// Two heart cells at 60.0% in some quarters.
		{"shrinking-budget.yaml", shrinking, strings.Replace(shrinking, "annual: 6400000", "annual: 6300000", 1), ""},
		// Quarters rolled up from months, every heart cell at 90.0%.
		{"monthly-fiscal.yaml", monthly, strings.Replace(monthly, "annual: 6500000", "annual: 6000000", 1), ""},
	} {
		od, os1 := parseScenario(t, "old.yaml", c.old)
		nd, ns := parseScenario(t, "new.yaml", c.new)
		opt := plan.DefaultDiffOptions(solve.Revised{})
		opt.By, opt.NoAttribution = c.by, true
		d, err := plan.DiffScenarios(context.Background(), od, nd, os1, ns, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WriteDiff(&b, d, os1, ns, Table); err != nil {
			t.Fatal(err)
		}
		oldP, err := plan.Optimize(context.Background(), os1, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		newP, err := plan.Optimize(context.Background(), ns, solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		labels, cells := tableColumn(t, b.String(), "Period", 3)
		if len(labels) == 0 {
			t.Fatalf("%s: no periods:\n%s", c.name, b.String())
		}
		for i, label := range labels {
			oldLabel, newLabel, _ := strings.Cut(label, " → ")
			if newLabel == "" {
				newLabel = oldLabel
			}
			words := strings.Split(cells[i], " → ")
			oc, or, oo := periodCells(t, os1, oldP, c.by, oldLabel)
			nc, nr, no := periodCells(t, ns, newP, c.by, newLabel)
			if len(words) == 2 {
				checkWeakestCell(t, c.name+" "+label+" old", words[0], oc, or, oo)
			}
			checkWeakestCell(t, c.name+" "+label+" new", words[len(words)-1], nc, nr, no)
			for _, w := range words {
				seen[kindOf(w)] = true
			}
		}
	}
	for _, k := range []string{"every", "tied", "alone"} {
		if !seen[k] {
			t.Errorf("no diff table says a weakest cell %s", k)
		}
	}
}

// kindOf says which of the three wordings words is.
func kindOf(words string) string {
	switch {
	case strings.HasPrefix(words, "every heart function"):
		return "every"
	case strings.Contains(words, "as low"):
		return "tied"
	}
	return "alone"
}

// The review's tables: the plan of record's side of the past periods and
// both sides of the re-plan, from the plans' cells. (The actual side's
// cells are the review's own; the plan package re-derives its ties.)
func TestReviewWeakestHeartTiesRederived(t *testing.T) {
	s, _, rec := reviewInputs(t)
	v := reviewRun(t)
	text := reviewText(t, v, Table)
	for k, p := range v.Periods {
		part := text[strings.Index(text, p.Label+": planned against actual"):]
		_, cells := tableColumn(t, part, "", 1)
		labels, _ := tableColumn(t, part, "", 0)
		found := false
		for i, l := range labels {
			if l == "weakest heart" {
				found = true
				checkWeakestCell(t, p.Label+" planned", cells[i], rec.Periods[k].Cells, len(rec.Periods[k].Regions), "")
			}
		}
		if !found {
			t.Fatalf("%s: no weakest heart row:\n%s", p.Label, part)
		}
	}
	part := text[strings.Index(text, "The rest of the horizon, re-planned"):]
	labels, cells := tableColumn(t, part, "Period", 3)
	if len(labels) != len(v.Replan.Plan.Periods) {
		t.Fatalf("re-plan: %d rows for %d periods", len(labels), len(v.Replan.Plan.Periods))
	}
	for i, label := range labels {
		words := strings.Split(cells[i], " → ")
		oc, or, oo := periodCells(t, s, rec, "", label)
		nc, nr, no := periodCells(t, s, v.Replan.Plan, "", label)
		if len(words) == 2 {
			checkWeakestCell(t, "re-plan "+label+" old", words[0], oc, or, oo)
		}
		checkWeakestCell(t, "re-plan "+label+" new", words[len(words)-1], nc, nr, no)
	}
}

// compare's weakest heart function (over all regions), re-derived from
// the plans' functions: every one alike (the baseline), some alike in
// some month (the monthly example), one alone (shrinking-budget.yaml);
// and the periods in which the function itself reads as low: one, or
// every one (whole-people.yaml's comp_admin at 90.0% in each quarter,
// which until session 28 read "comp_admin 90.0% (2027-Q1)").
func TestCompareWeakestHeartTiesRederived(t *testing.T) {
	var files []string
	var scens []*scenario.Scenario
	var plans []*plan.Plan
	for _, f := range []string{"baseline.yaml", "monthly-fiscal.yaml", "shrinking-budget.yaml", "brain-first.yaml", "whole-people.yaml"} {
		sp := planned(t, filepath.Join("..", "..", "scenarios", f))
		files, scens, plans = append(files, f), append(scens, sp.Scenario), append(plans, sp.Plan)
	}
	var b bytes.Buffer
	if err := WriteComparison(&b, plan.NewComparison(files, scens, plans), Table); err != nil {
		t.Fatal(err)
	}
	labels, _ := tableColumn(t, b.String(), "status", 0)
	var row []string
	for i := range labels {
		if labels[i] == "weakest heart function (all regions)" {
			for k := range files {
				_, col := tableColumn(t, b.String(), "status", k+1)
				row = append(row, col[i])
			}
		}
	}
	if len(row) != len(files) {
		t.Fatalf("no weakest heart function row:\n%s", b.String())
	}
	oneRe := regexp.MustCompile(`^(.+) ([0-9.]+%)(?: \((\S+)(?: and (\d+) other (\w+))?\)| in every (\w+))(?:, and (\d+) others? as low in some (\w+))?$`)
	seen := map[string]bool{}
	// A function's coverage as printed: to the nearest tenth, a heart
	// function below healthy over all regions rounded down
	// (shrinking-budget.yaml's Proposals at 66.25% is 66.2%).
	shown := func(fn plan.Function) string {
		if fn.BelowHealthy {
			return fmt.Sprintf("%.1f%%", math.Floor(1000*fn.Coverage+1e-6)/10)
		}
		return Percent(fn.Coverage)
	}
	for k, p := range plans {
		min, low := 2.0, ""
		for _, per := range p.Periods {
			for _, fn := range per.Functions {
				if fn.Class == "heart" && fn.Demand > 0 && fn.Coverage < min {
					min, low = fn.Coverage, shown(fn)
				}
			}
		}
		ids := map[string]bool{}
		all := true
		for _, per := range p.Periods {
			for _, fn := range per.Functions {
				if fn.Class != "heart" || fn.Demand <= 0 {
					continue
				}
				if shown(fn) == low {
					ids[fn.ID] = true
				} else {
					all = false
				}
			}
		}
		noun := string(scens[k].Horizon.Period)
		words := row[k]
		seen[kindOf(words)] = true
		if all {
			if want := fmt.Sprintf("every heart function at %s in every %s", low, noun); words != want {
				t.Errorf("%s: %q, want %q: every heart function reads %s in every %s", files[k], words, want, low, noun)
			}
			continue
		}
		m := oneRe.FindStringSubmatch(words)
		if m == nil {
			t.Errorf("%s: %q is not a weakest heart function", files[k], words)
			continue
		}
		said := 0
		if m[7] != "" {
			said, _ = strconv.Atoi(m[7])
			if m[8] != noun {
				t.Errorf("%s: %q counts in some %s, the plan's periods are %ss", files[k], words, m[8], noun)
			}
		}
		if m[2] != low || said != len(ids)-1 {
			t.Errorf("%s: %q, but the functions' lowest is %s with %d others as low", files[k], words, low, len(ids)-1)
		}
		// The periods in which the function named reads as low: its own
		// name is the scenario's, or its id.
		var lowIn []string
		for _, per := range p.Periods {
			for _, fn := range per.Functions {
				if (fn.Name == m[1] || fn.ID == m[1]) && fn.Class == "heart" && fn.Demand > 0 && shown(fn) == low {
					lowIn = append(lowIn, per.Label)
				}
			}
		}
		switch {
		case len(lowIn) == 0:
			t.Errorf("%s: %q, but %s is never at %s", files[k], words, m[1], low)
		case len(lowIn) == len(p.Periods) && len(p.Periods) > 1:
			if m[6] != noun {
				t.Errorf("%s: %q, but %s is at %s in every %s", files[k], words, m[1], low, noun)
			}
			seen["every period"] = true
		default:
			others, _ := strconv.Atoi(m[4])
			if m[6] != "" || !slices.Contains(lowIn, m[3]) || others != len(lowIn)-1 || others > 0 && m[5] != noun+plural(others) {
				t.Errorf("%s: %q, but %s is at %s in %v", files[k], words, m[1], low, lowIn)
			}
		}
	}
	for _, k := range []string{"every", "tied", "alone", "every period"} {
		if !seen[k] {
			t.Errorf("no column says a weakest function %s", k)
		}
	}
}

// A monthly review's re-plan rolls up to quarters: its weakest heart cell
// is the lowest of the quarter's months', with the others as low "in some
// month", or every heart function alike "in every month"; re-derived from
// the months' cells of the plan of record and of the re-plan.
func TestReviewRolledWeakestRederived(t *testing.T) {
	// Four months of actuals as planned, but a tenth of the local staff
	// gone in July, so that the re-plan differs from the plan of record.
	s, rec, rv := reviewAsPlanned(t, "monthly-fiscal.yaml", 4, func(k int, _ []float64, local [][]float64) {
		if k == 3 {
			for r := range local {
				for f := range local[r] {
					local[r][f] *= 0.9
				}
			}
		}
	})
	rv.RollUp(s, rec, "")
	if rv.Replan == nil || rv.Replan.RolledPeriods == nil {
		t.Fatal("the re-plan of a monthly review does not roll up")
	}
	text := reviewText(t, &ReviewView{Review: rv, PlanOfRecord: "plan.json"}, Table)
	part := text[strings.Index(text, "The rest of the horizon, re-planned"):]
	labels, cells := tableColumn(t, part, "Quarter", 3)
	if len(labels) != len(rv.Replan.RolledPeriods) {
		t.Fatalf("re-plan: %d rows for %d rolled periods", len(labels), len(rv.Replan.RolledPeriods))
	}
	// The months left of the horizon, and where each rolled period's start.
	left := rec.Periods[rv.Past:]
	spans := map[string][2]int{}
	k := 0
	for _, p := range rv.Replan.RolledPeriods {
		n := 3
		if strings.HasSuffix(p.Label, "(2 months)") {
			n = 2
		}
		spans[p.Label] = [2]int{k, k + n}
		k += n
	}
	if k != len(left) {
		t.Fatalf("the rolled periods gather %d months of the %d left", k, len(left))
	}
	seen := map[string]bool{}
	for i, label := range labels {
		sp := spans[label]
		var oc, nc []plan.Cell
		for m := sp[0]; m < sp[1]; m++ {
			oc = append(oc, left[m].Cells...)
			nc = append(nc, rv.Replan.Plan.Periods[m].Cells...)
		}
		words := strings.Split(cells[i], " → ")
		regions := len(s.Regions)
		if len(words) == 2 {
			checkWeakestCell(t, "re-plan "+label+" old", words[0], oc, regions, "month")
		}
		checkWeakestCell(t, "re-plan "+label+" new", words[len(words)-1], nc, regions, "month")
		for _, w := range words {
			seen[kindOf(w)] = true
		}
	}
	if !seen["every"] && !seen["tied"] {
		t.Errorf("no rolled period of the re-plan has ties: %q", cells)
	}
}
