package report

import (
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestWeakestHeartPeriods: the "In short" paragraph's weakest heart
// function over all regions and weakest region over all heart functions
// name every period they read at their lowest in, as the tables print them
// (0.1%), re-derived from the plan's periods: "Quoting and CPQ (0.0% every
// quarter)" for the organization as it is of the baseline, whose CPQ work
// no one does all year, where the words read "(0.0% in 2027-Q1)" as if
// only the first quarter were. It runs on the organization as it is of
// every bundled scenario.
func TestWeakestHeartPeriods(t *testing.T) {
	files := bundledFiles(t)
	printed := tenthsOfPoint
	fnRe := regexp.MustCompile(`the weakest function over all regions is ([^(;]+) \(([^)]*)\)`)
	regRe := regexp.MustCompile(`the weakest region over all heart functions is ([^(;]+) \(([^)]*)\)`)
	// want words the periods labels of p: every period, or the one.
	want := func(p *plan.Plan, x float64, labels []string) (string, bool) {
		switch {
		case len(labels) == len(p.Periods) && len(labels) > 1:
			return Percent(x) + " every " + periodNoun(p), true
		case len(labels) == 1:
			return Percent(x) + " in " + labels[0], true
		}
		return "", false
	}
	every := 0
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := plan.AsIs(s)
		text := strings.Join(Narrative(p), " ")
		name := filepath.Base(f)
		if m := fnRe.FindStringSubmatch(text); m != nil {
			low, id := math.Inf(1), ""
			for _, per := range p.Periods {
				for _, fn := range per.Functions {
					if fn.Name == m[1] {
						id = fn.ID
					}
					if fn.Class == string(scenario.Heart) && fn.Demand > 0 {
						low = math.Min(low, printed(fn.Coverage))
					}
				}
			}
			var at []string
			for _, per := range p.Periods {
				for _, fn := range per.Functions {
					if fn.ID == id && fn.Demand > 0 && printed(fn.Coverage) == low {
						at = append(at, per.Label)
					}
				}
			}
			if len(at) == 0 {
				t.Errorf("%s: %s is not a function at the lowest heart coverage %v", name, m[1], low/10)
			} else if w, ok := want(p, low/1000, at); ok && m[2] != w {
				t.Errorf("%s: the weakest function reads %q, want %q (at its lowest in %v)", name, m[2], w, at)
			}
			if len(at) == len(p.Periods) {
				every++
			}
		}
		if m := regRe.FindStringSubmatch(text); m != nil {
			// A region's heart below healthy prints rounded down
			// (plan.Region.Shown).
			low := math.Inf(1)
			for _, per := range p.Periods {
				for _, r := range per.Regions {
					low = math.Min(low, printed(r.Shown()))
				}
			}
			var at []string
			for _, per := range p.Periods {
				for _, r := range per.Regions {
					if r.Name == m[1] && printed(r.Shown()) == low {
						at = append(at, per.Label)
					}
				}
			}
			if len(at) == 0 {
				t.Errorf("%s: %s is not a region at the lowest heart %v", name, m[1], low/10)
			} else if w, ok := want(p, low/1000, at); ok && m[2] != w {
				t.Errorf("%s: the weakest region reads %q, want %q (at its lowest in %v)", name, m[2], w, at)
			}
		}
	}
	// The baseline's CPQ, as it is, is at 0.0% every quarter.
	if every == 0 {
		t.Error("no bundled scenario has a weakest heart function at its lowest in every period: the test no longer tests it")
	}
}
