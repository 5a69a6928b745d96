package plan

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestDiffRollsUpMonths diffs the monthly fiscal-year example against
// itself with less money and re-derives every rolled-up period from the
// month-by-month periods: the fiscal quarters' labels, heart and brain as
// the mean of their months, spend and unspent as sums, FTE and
// investments at the quarter's last month, the weakest heart cell as the
// weakest of the months' (the first on a tie), and the coverage moves as
// the moves of the quarters' mean coverage of at least MinChange. --by
// month rolls nothing up, --by year gives fiscal years, and the JSON
// carries the months only.
func TestDiffRollsUpMonths(t *testing.T) {
	text, err := os.ReadFile("../../scenarios/monthly-fiscal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	od, os1 := parseDoc(t, "old.yaml", string(text))
	nd, ns := parseDoc(t, "new.yaml", strings.Replace(string(text), "annual: 6500000", "annual: 6000000", 1))
	diff := func(by string) *Diff {
		t.Helper()
		opt := DefaultDiffOptions(solve.Revised{})
		opt.By, opt.NoAttribution = by, true
		d, err := DiffScenarios(context.Background(), od, nd, os1, ns, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Periods) != 18 {
			t.Fatalf("--by %q: %d periods, want the 18 months", by, len(d.Periods))
		}
		return d
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	for _, c := range []struct {
		by     string
		kind   scenario.PeriodKind
		labels []string
	}{
		{"", scenario.Quarter, []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1", "FY29-Q2"}},
		{"quarter", scenario.Quarter, []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1", "FY29-Q2"}},
		{"year", scenario.Year, []string{"FY28", "FY29 (6 months)"}},
	} {
		d := diff(c.by)
		if d.RolledBy != string(c.kind) || len(d.RolledPeriods) != len(c.labels) {
			t.Fatalf("--by %q: rolled to %q, %d periods; want %s, %d", c.by, d.RolledBy, len(d.RolledPeriods), c.kind, len(c.labels))
		}
		moves := 0
		for g, rp := range d.RolledPeriods {
			if rp.Label != c.labels[g] {
				t.Errorf("--by %q: period %d is %q, want %q", c.by, g, rp.Label, c.labels[g])
			}
			// The months of the group, by the scenario's own labels.
			var months []PeriodDiff
			for m, pd := range d.Periods {
				if strings.HasPrefix(c.labels[g], os1.GroupLabel(m, c.kind)+" ") || c.labels[g] == os1.GroupLabel(m, c.kind) {
					months = append(months, pd)
				}
			}
			if len(months) == 0 {
				t.Fatalf("--by %q: %s holds no month", c.by, rp.Label)
			}
			last := months[len(months)-1]
			for side, got := range map[string]*PeriodOutcome{"old": rp.Old, "new": rp.New} {
				pick := func(pd PeriodDiff) *PeriodOutcome {
					if side == "old" {
						return pd.Old
					}
					return pd.New
				}
				var heart, brain, spend, unspent float64
				var weakest *Cell
				for _, m := range months {
					o := pick(m)
					heart += o.Heart / float64(len(months))
					brain += o.Brain / float64(len(months))
					spend += o.Spend
					unspent += o.Unspent
					if weakest == nil || o.Weakest.Ranked() < weakest.Ranked()-1e-12 {
						weakest = o.Weakest
					}
				}
				what := c.by + " " + rp.Label + " " + side
				near(what+" heart", got.Heart, heart)
				near(what+" brain", got.Brain, brain)
				near(what+" spend", got.Spend, spend)
				near(what+" unspent", got.Unspent, unspent)
				near(what+" central FTE", got.CentralFTE, pick(last).CentralFTE)
				near(what+" local FTE", got.LocalFTE, pick(last).LocalFTE)
				if strings.Join(got.Investments, ",") != strings.Join(pick(last).Investments, ",") {
					t.Errorf("%s investments %v, want the last month's %v", what, got.Investments, pick(last).Investments)
				}
				if got.Weakest == nil || *got.Weakest != *weakest {
					t.Errorf("%s weakest heart %+v, want %+v", what, got.Weakest, weakest)
				}
			}
			// Coverage moves of the quarter's mean coverage.
			listed := map[string]CoverageMove{}
			for _, mv := range rp.Coverage {
				listed[mv.Function] = mv
			}
			for id := range months[0].Old.Coverage {
				var o, n float64
				for _, m := range months {
					o += m.Old.Coverage[id] / float64(len(months))
					n += m.New.Coverage[id] / float64(len(months))
				}
				mv, ok := listed[id]
				if want := math.Abs(n-o) >= d.MinChange; want != ok {
					t.Errorf("--by %q %s %s: %.4f → %.4f listed %v", c.by, rp.Label, id, o, n, ok)
				} else if ok {
					near(c.by+" "+rp.Label+" "+id+" old", mv.Old, o)
					near(c.by+" "+rp.Label+" "+id+" new", mv.New, n)
					moves++
				}
			}
		}
		if moves == 0 {
			t.Errorf("--by %q: no coverage move to check", c.by)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `"label":"FY`) || !strings.Contains(string(b), `"label":"2028-09"`) {
			t.Errorf("--by %q: the JSON carries rolled-up periods", c.by)
		}
	}
	if d := diff("month"); d.RolledPeriods != nil || d.RolledBy != "" {
		t.Errorf("--by month: rolled up to %q", d.RolledBy)
	}
}

// A fiscal year that starts in another month renames the same months:
// under a July year April to June 2027 is FY27-Q4, not FY28-Q1. The diff
// pairs periods by their months, so the two plans, which differ only in
// the names, differ in no period: every month and quarter pairs with the
// same figures, renamed quarters carry NEW's name, and nothing is only in
// one horizon. Under a May year no quarter covers the months of an April
// year's quarter: the roll-up is left out (Misaligned) and the months,
// which still pair, are what the views show.
func TestDiffPairsPeriodsByMonths(t *testing.T) {
	text, err := os.ReadFile("../../scenarios/monthly-fiscal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	od, os1 := parseDoc(t, "old.yaml", string(text))
	for _, c := range []struct {
		start      string
		newLabels  []string // the rolled periods' NewLabel
		misaligned string
	}{
		{"7", []string{"FY27-Q4", "FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1"}, ""},
		{"5", nil, "quarter"},
	} {
		nd, ns := parseDoc(t, "new.yaml", strings.Replace(string(text), "fiscal_year_start: 4", "fiscal_year_start: "+c.start, 1))
		opt := DefaultDiffOptions(solve.Revised{})
		opt.NoAttribution = true
		d, err := DiffScenarios(context.Background(), od, nd, os1, ns, opt)
		if err != nil {
			t.Fatal(err)
		}
		same := func(what string, pds []PeriodDiff) {
			t.Helper()
			for _, pd := range pds {
				if pd.Old == nil || pd.New == nil {
					t.Errorf("start %s: %s %s is only in one horizon", c.start, what, pd.Label)
					continue
				}
				if pd.Old.Heart != pd.New.Heart || pd.Old.Brain != pd.New.Brain || pd.Old.Spend != pd.New.Spend || pd.Old.CentralFTE != pd.New.CentralFTE {
					t.Errorf("start %s: %s %s differs: %+v against %+v", c.start, what, pd.Label, *pd.Old, *pd.New)
				}
				if len(pd.Coverage) > 0 {
					t.Errorf("start %s: %s %s: coverage moves %v", c.start, what, pd.Label, pd.Coverage)
				}
			}
		}
		if len(d.Periods) != 18 {
			t.Fatalf("start %s: %d periods, want the 18 months", c.start, len(d.Periods))
		}
		same("month", d.Periods)
		same("quarter", d.RolledPeriods)
		if d.Misaligned != c.misaligned {
			t.Errorf("start %s: misaligned %q, want %q", c.start, d.Misaligned, c.misaligned)
		}
		var got []string
		for _, pd := range d.RolledPeriods {
			got = append(got, pd.NewLabel)
		}
		if strings.Join(got, " ") != strings.Join(c.newLabels, " ") {
			t.Errorf("start %s: rolled periods renamed %q, want %q", c.start, got, c.newLabels)
		}
	}
}

// Moving the start with the fiscal year (April 2027 in an April year to
// July 2027 in a July year) leaves OLD's first quarter and NEW's last
// only in one horizon; each carries the months it covers, which the views
// name where the other horizon calls other months by the same name (OLD's
// FY28-Q1 is April to June 2027, NEW's July to September).
func TestDiffOneSidedPeriodMonths(t *testing.T) {
	text, err := os.ReadFile("../../scenarios/monthly-fiscal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	od, os1 := parseDoc(t, "old.yaml", string(text))
	moved := strings.Replace(strings.Replace(string(text), "fiscal_year_start: 4", "fiscal_year_start: 7", 1), "start: 2027-04", "start: 2027-07", 1)
	nd, ns := parseDoc(t, "new.yaml", moved)
	opt := DefaultDiffOptions(solve.Revised{})
	opt.NoAttribution = true
	d, err := DiffScenarios(context.Background(), od, nd, os1, ns, opt)
	if err != nil {
		t.Fatal(err)
	}
	type one struct {
		label  string
		old    bool
		months Months
	}
	var got []one
	for _, pd := range d.RolledPeriods {
		if pd.Old == nil || pd.New == nil {
			got = append(got, one{pd.Label, pd.Old != nil, pd.Months})
		}
	}
	want := []one{{"FY28-Q1", true, Months{2027*12 + 3, 3}}, {"FY29-Q2", false, Months{2028*12 + 9, 3}}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("periods only in one horizon %+v, want %+v", got, want)
	}
}
