package plan

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// diffBase is a small scenario without the catalog: two regions, two heart
// functions and a brain one, a tool, too little money for everything.
const diffBase = `name: base
currency: USD
horizon: {start: 2027-Q1, periods: 2, period: quarter}
catalog: none
stage: growth
budget: {annual: 1200000}
policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}}
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

func parseDoc(t *testing.T, name, text string) (*scenario.Doc, *scenario.Scenario) {
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

func diffOf(t *testing.T, oldText, newText string) *Diff {
	t.Helper()
	od, olds := parseDoc(t, "old.yaml", oldText)
	nd, ns := parseDoc(t, "new.yaml", newText)
	d, err := DiffScenarios(context.Background(), od, nd, olds, ns, DefaultDiffOptions(solve.Revised{}))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDiffNoChangeWithExplicitDefaults(t *testing.T) {
	// The same scenario with its defaults written out: no input differs.
	explicit := strings.Replace(diffBase, "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}}",
		"policy: {healthy_heart: 0.9, heart_weight: 1, brain_weight: 1, central_share: {min: 0, max: 1}}", 1)
	explicit = strings.Replace(explicit, "budget: {annual: 1200000}", "budget: {annual: 1200000, change_per_year: 0}", 1)
	explicit = strings.Replace(explicit, "{name: South, sellers: 100, cost_per_fte: 100000}",
		"{name: South, sellers: 100, cost_per_fte: 100000, seller_growth_per_year: 0}", 1)
	if explicit == diffBase {
		t.Fatal("the replacements did not apply")
	}
	d := diffOf(t, diffBase, explicit)
	if len(d.Inputs) != 0 {
		t.Fatalf("inputs differ: %+v", d.Inputs)
	}
	if d.Attribution != nil {
		t.Errorf("attribution without changes: %+v", d.Attribution)
	}
	for _, p := range d.Periods {
		if len(p.Coverage) > 0 || p.Old.Heart != p.New.Heart {
			t.Errorf("%s moved: %+v", p.Label, p)
		}
	}
}

func TestDiffKinds(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		want           []InputChange
	}{
		{"value", "budget: {annual: 1200000}", "budget: {annual: 1500000}",
			[]InputChange{{Path: "budget.annual", Kind: ChangeChanged, Old: 1200000.0, New: 1500000.0, OldAt: "old.yaml:6", NewAt: "new.yaml:6"}}},
		{"key added", "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}}", "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}, max_fte: 9}",
			[]InputChange{{Path: "policy.max_fte", Kind: ChangeAdded, New: 9.0, NewAt: "new.yaml:7"}}},
		{"policy effectiveness, one change for every function", "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}}", "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}, central_effectiveness: {central: 1.1}}",
			[]InputChange{{Path: "policy.central_effectiveness.central", Kind: ChangeChanged, Old: 1.25, New: 1.1, OldAt: "old.yaml:7", NewAt: "new.yaml:7"}}},
		{"whole people", "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}}", "policy: {healthy_heart: 0.9, central_share: {min: 0, max: 1}, whole_people: true}",
			[]InputChange{{Path: "policy.whole_people", Kind: ChangeChanged, Old: false, New: true, OldAt: "old.yaml:7", NewAt: "new.yaml:7"}}},
		{"region field", "{name: South, sellers: 100, cost_per_fte: 100000}", "{name: South, sellers: 150, cost_per_fte: 100000}",
			[]InputChange{{Path: "regions[South].sellers", Kind: ChangeChanged, Old: 100.0, New: 150.0, OldAt: "old.yaml:11", NewAt: "new.yaml:11"}}},
		{"region removed", "  - {name: South, sellers: 100, cost_per_fte: 100000}\n", "",
			[]InputChange{{Path: "regions[South]", Kind: ChangeRemoved, OldAt: "old.yaml:11"}}},
		{"function added", "investments:", "  - {id: deals, name: Deals, class: brain, locality: local, fte_per_100_sellers: 0.5}\ninvestments:",
			[]InputChange{{Path: "functions[deals]", Kind: ChangeAdded, NewAt: "new.yaml:16"}}},
		{"investment removed", "investments:\n  - {id: tool, name: Tool, cost: {upfront: 50000, per_year: 40000}, covers: {admin: 0.3}}\n", "",
			[]InputChange{{Path: "investments[tool]", Kind: ChangeRemoved, OldAt: "old.yaml:17"}}},
		{"map entry", "covers: {admin: 0.3}", "covers: {admin: 0.3, support: 0.1}",
			[]InputChange{{Path: "investments[tool].covers.support", Kind: ChangeAdded, New: 0.1, NewAt: "new.yaml:17"}}},
		{"current staff removed", "central: {cost_per_fte: 100000}", "central: {cost_per_fte: 100000, current_fte: {admin: 2}}",
			[]InputChange{{Path: "central.current_fte.admin", Kind: ChangeAdded, New: 2.0, NewAt: "new.yaml:8"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			to := strings.Replace(diffBase, tc.from, tc.to, 1)
			if to == diffBase {
				t.Fatal("the replacement did not apply")
			}
			d := diffOf(t, diffBase, to)
			if len(d.Inputs) != len(tc.want) {
				t.Fatalf("inputs %+v, want %+v", d.Inputs, tc.want)
			}
			for i, w := range tc.want {
				if !sameChange(d.Inputs[i], w) {
					t.Errorf("input %d = %+v, want %+v", i, d.Inputs[i], w)
				}
			}
			checkAttribution(t, d)
			// The reverse diff has the opposite kinds.
			r := diffOf(t, to, diffBase)
			if len(r.Inputs) != len(tc.want) {
				t.Fatalf("reverse inputs %+v", r.Inputs)
			}
			checkAttribution(t, r)
		})
	}
}

func sameChange(a, b InputChange) bool {
	return a.Path == b.Path && a.Kind == b.Kind && sameValue(a.Old, b.Old) && sameValue(a.New, b.New) && a.OldAt == b.OldAt && a.NewAt == b.NewAt
}

// checkAttribution checks that the steps add up to the total change, in
// the stated order and on average.
func checkAttribution(t *testing.T, d *Diff) {
	t.Helper()
	a := d.Attribution
	if a == nil {
		t.Fatal("no attribution")
	}
	if a.ResidualHeart != 0 || a.ResidualBrain != 0 {
		t.Errorf("residual heart %g brain %g: the changes applied to OLD do not reach NEW", a.ResidualHeart, a.ResidualBrain)
	}
	if math.Abs(a.HeartTotal-(d.New.HeartMean-d.Old.HeartMean)) > 1e-9 {
		t.Errorf("heart total %g, plans differ by %g", a.HeartTotal, d.New.HeartMean-d.Old.HeartMean)
	}
	sum := func(steps []AttributionStep) (h, b float64) {
		for _, s := range steps {
			h += s.Heart
			b += s.Brain
		}
		return h, b
	}
	h, b := sum(a.Steps)
	if math.Abs(h-a.HeartTotal) > 1e-8 || math.Abs(b-a.BrainTotal) > 1e-8 {
		t.Errorf("steps add up to heart %g brain %g, totals %g %g", h, b, a.HeartTotal, a.BrainTotal)
	}
	if a.Average != nil {
		h, b := sum(a.Average)
		if math.Abs(h-a.HeartTotal) > 1e-8 || math.Abs(b-a.BrainTotal) > 1e-8 {
			t.Errorf("averages add up to heart %g brain %g, totals %g %g", h, b, a.HeartTotal, a.BrainTotal)
		}
	}
}

func TestDiffAttributionOrder(t *testing.T) {
	// Less money, a lower healthy target and more sellers: three changes
	// whose effects interact (more sellers cost more heart when money is
	// short).
	to := strings.Replace(diffBase, "budget: {annual: 1200000}", "budget: {annual: 900000}", 1)
	to = strings.Replace(to, "healthy_heart: 0.9", "healthy_heart: 0.8", 1)
	to = strings.Replace(to, "{name: North, sellers: 200", "{name: North, sellers: 300", 1)
	d := diffOf(t, diffBase, to)
	if len(d.Inputs) != 3 {
		t.Fatalf("inputs %+v", d.Inputs)
	}
	checkAttribution(t, d)
	a := d.Attribution
	if !a.Exact || a.Orders != 6 {
		t.Errorf("orders %d exact %v, want all 6", a.Orders, a.Exact)
	}
	if a.HeartTotal >= 0 || a.BrainTotal >= 0 {
		t.Errorf("heart %g brain %g: less money for more sellers should cost both", a.HeartTotal, a.BrainTotal)
	}
	if !a.OrderMatters || len(a.Average) != 3 {
		t.Errorf("order matters %v, averages %+v", a.OrderMatters, a.Average)
	}
}

func TestPermutations(t *testing.T) {
	ps := permutations(4)
	if len(ps) != 24 {
		t.Fatalf("%d permutations of 4", len(ps))
	}
	seen := map[string]bool{}
	for _, p := range ps {
		seen[strings.Trim(strings.Join(strings.Fields(strings.Trim(strings.ReplaceAll(strings.Trim(fmtInts(p), "[]"), ",", " "), " ")), ","), ",")] = true
	}
	if len(seen) != 24 {
		t.Errorf("%d distinct permutations", len(seen))
	}
}

func fmtInts(p []int) string {
	var b strings.Builder
	for _, x := range p {
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

func TestDiffUnplannableStep(t *testing.T) {
	// Removing a function and the investment that covers it, in OLD's
	// order (the function first): after the first step the investment
	// covers a function that is gone, so that scenario does not load and
	// the step's effect is counted in the next. The reverse adds the
	// function first and plans at every step.
	withBoth := strings.Replace(diffBase, "investments:\n", "  - {id: deals, name: Deals, class: heart, locality: local, fte_per_100_sellers: 0.5}\ninvestments:\n  - {id: desk, name: Desk, cost: {upfront: 0, per_year: 10000}, covers: {deals: 0.5}}\n", 1)
	d := diffOf(t, withBoth, diffBase)
	if len(d.Inputs) != 2 || d.Inputs[0].Path != "functions[deals]" || d.Inputs[1].Path != "investments[desk]" {
		t.Fatalf("inputs %+v", d.Inputs)
	}
	checkAttribution(t, d)
	if !d.Attribution.Steps[0].Unplannable || d.Attribution.Steps[1].Unplannable {
		t.Errorf("steps %+v: the first should not load alone", d.Attribution.Steps)
	}
	checkAttribution(t, diffOf(t, diffBase, withBoth))
}

func TestDiffRoster(t *testing.T) {
	// The same scenario with its team from a roster, in two directories:
	// one person leaves, one moves, one joins.
	dir := t.TempDir()
	doc := strings.Replace(diffBase, "central: {cost_per_fte: 100000}", "central: {cost_per_fte: 100000}\nroster: team.csv", 1)
	oldCSV := "person,team,function\nann,central,admin\nbob,central,admin\ncy,North,support\n"
	newCSV := "person,team,function,fte\nann,central,admin,1\ncy,South,support,0.5\ncy,North,support,0.5\ndi,South,support,1\n"
	for name, text := range map[string]string{"old/s.yaml": doc, "old/team.csv": oldCSV, "new/s.yaml": doc, "new/team.csv": newCSV} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	od, os1 := parseDoc(t, filepath.Join(dir, "old/s.yaml"), doc)
	nd, ns := parseDoc(t, filepath.Join(dir, "new/s.yaml"), doc)
	d, err := DiffScenarios(context.Background(), od, nd, os1, ns, DefaultDiffOptions(solve.Revised{}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range d.Inputs {
		got = append(got, in.Path+" "+in.Kind+" "+fmt.Sprint(in.Old)+" → "+fmt.Sprint(in.New))
	}
	want := []string{
		"roster changed team.csv → team.csv",
		"roster[bob] removed central/admin 1 → <nil>",
		"roster[cy] moved North/support 1 → South/support 0.5; North/support 0.5",
		"roster[di] added <nil> → South/support 1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("inputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if at := d.Inputs[1].OldAt; at != filepath.Join(dir, "old/team.csv")+":3" {
		t.Errorf("bob is at %q", at)
	}
	checkAttribution(t, d)
	if len(d.Attribution.Steps) != 1 || d.Attribution.Steps[0].Change != "roster" {
		t.Errorf("steps %+v: the roster is one change", d.Attribution.Steps)
	}
}

// With more changes than MaxPlans allows 24 random orders of, fewer are
// drawn (at least the stated one), and Progress hears of each: the three
// changes above with ExactUpTo 2 and MaxPlans 6 are walked in 2 orders.
func TestDiffMaxPlans(t *testing.T) {
	to := strings.Replace(diffBase, "budget: {annual: 1200000}", "budget: {annual: 900000}", 1)
	to = strings.Replace(to, "healthy_heart: 0.9", "healthy_heart: 0.8", 1)
	to = strings.Replace(to, "{name: North, sellers: 200", "{name: North, sellers: 300", 1)
	od, olds := parseDoc(t, "old.yaml", diffBase)
	nd, ns := parseDoc(t, "new.yaml", to)
	for _, tc := range []struct{ maxPlans, want int }{{6, 2}, {1, 1}, {0, 24}} {
		o := DefaultDiffOptions(solve.Revised{})
		o.ExactUpTo, o.MaxPlans = 2, tc.maxPlans
		var calls [][2]int
		o.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
		d, err := DiffScenarios(context.Background(), od, nd, olds, ns, o)
		if err != nil {
			t.Fatal(err)
		}
		a := d.Attribution
		if a.Exact || a.Orders != tc.want || len(calls) != tc.want || calls[len(calls)-1] != [2]int{tc.want, tc.want} {
			t.Errorf("MaxPlans %d: %d orders (exact %v), progress %v; want %d", tc.maxPlans, a.Orders, a.Exact, calls, tc.want)
		}
		checkAttribution(t, d)
	}
}

// A planner with NoExplain says a scenario is infeasible without the
// explanation (diff's attribution asks only whether it plans).
func TestPlannerNoExplain(t *testing.T) {
	s, err := scenario.Load("testdata/typical.yaml", []string{"budget.annual=1e6"})
	if err != nil {
		t.Fatal(err)
	}
	for _, no := range []bool{false, true} {
		pl := Planner{LP: solve.Revised{}, Once: true, NoExplain: no}
		p, _, err := pl.Optimize(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != StatusInfeasible || (len(p.Findings) == 0) != no {
			t.Errorf("NoExplain %v: status %s, %d findings", no, p.Status, len(p.Findings))
		}
	}
}

// Where the changes one at a time do not reach NEW (baseline.yaml against
// whole-people.yaml (in FTE): the built-in catalog's functions that whole-people's
// catalog: none redefines cannot be set on the baseline), each order
// stops at its own last scenario that plans: the averages add up to the
// total with the part not reached on average over the orders, which
// differs from the stated order's.
func TestDiffAverageResidual(t *testing.T) {
	read := func(name string) (*scenario.Doc, *scenario.Scenario) {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return parseDoc(t, name, string(text))
	}
	od, olds := read("../../scenarios/baseline.yaml")
	// In FTE rather than whole people, which plans in a fraction of the
	// time and keeps what the changes cannot reach; its roster beside it.
	dir := t.TempDir()
	text, err := os.ReadFile("../../scenarios/whole-people.yaml")
	if err != nil {
		t.Fatal(err)
	}
	inFTE := strings.Replace(string(text), "  whole_people: true\n", "", 1)
	roster, err := os.ReadFile("../../scenarios/whole-people-team.csv")
	if err != nil {
		t.Fatal(err)
	}
	if inFTE == string(text) {
		t.Fatal("whole_people not found")
	}
	if err := os.WriteFile(filepath.Join(dir, "whole-people-team.csv"), roster, 0o644); err != nil {
		t.Fatal(err)
	}
	nd, ns := parseDoc(t, filepath.Join(dir, "whole-people.yaml"), inFTE)
	d, err := DiffScenarios(context.Background(), od, nd, olds, ns, DefaultDiffOptions(solve.Revised{}))
	if err != nil {
		t.Fatal(err)
	}
	a := d.Attribution
	if a == nil || a.Average == nil || a.ResidualHeart == 0 {
		t.Fatalf("want an attribution that does not reach NEW, with averages: %+v", a)
	}
	var h, b float64
	for _, st := range a.Average {
		h += st.Heart
		b += st.Brain
	}
	if math.Abs(h+a.AverageResidualHeart-a.HeartTotal) > 1e-8 || math.Abs(b+a.AverageResidualBrain-a.BrainTotal) > 1e-8 {
		t.Errorf("averages %g %g and the part not reached on average %g %g do not add up to the totals %g %g",
			h, b, a.AverageResidualHeart, a.AverageResidualBrain, a.HeartTotal, a.BrainTotal)
	}
	if math.Abs(a.AverageResidualHeart-a.ResidualHeart) < 1e-6 {
		t.Errorf("the orders' part not reached %g is the stated order's %g: the test shows nothing", a.AverageResidualHeart, a.ResidualHeart)
	}
}
