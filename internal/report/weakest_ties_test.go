package report

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestWeakestTiesInShort: "In short" says the weakest heart function over
// all regions and the weakest region over all heart functions with the
// others that read as low in some period ("North America (84.1% in
// 2028-Q4), with 1 other region as low in some quarter": shrinking-budget's
// EMEA is at 84.1% too, both below healthy and rounded down, and the
// words used to name North America alone, or leave the region out as the
// weakest cell's). Re-derived from the
// plans' functions and regions, optimized and as is, for every bundled
// scenario; a tie is left unsaid only when every one ties (the cell's
// words then say it all).
func TestWeakestTiesInShort(t *testing.T) {
	files := bundledFiles(t)
	printed := tenthsOfPoint
	re := map[string]*regexp.Regexp{
		"function": regexp.MustCompile(`the weakest function over all regions is ([^(;]+) \([^)]*\)(?:, with (\d+) other heart functions? as low in some (\w+))?`),
		"region":   regexp.MustCompile(`the weakest region over all heart functions is ([^(;]+) \([^)]*\)(?:, with (\d+) other regions? as low in some (\w+))?`),
	}
	said := 0
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*plan.Plan{plan.AsIs(s), planned(t, f).Plan} {
			text := strings.Join(Narrative(p), " ")
			name := filepath.Base(f) + " " + p.Mode
			// Each subject's lowest printed coverage over the periods.
			lows := map[string]map[string]float64{"function": {}, "region": {}}
			note := func(kind, id string, x float64) {
				if v, ok := lows[kind][id]; !ok || printed(x) < v {
					lows[kind][id] = printed(x)
				}
			}
			names := map[string]string{}
			for _, per := range p.Periods {
				for _, fn := range per.Functions {
					if fn.Class == string(scenario.Heart) && fn.Demand > 0 {
						note("function", fn.ID, fn.Coverage)
						names[fn.Name] = fn.ID
					}
				}
				if len(per.Regions) > 1 {
					for _, r := range per.Regions {
						note("region", r.Name, r.Shown())
						names[r.Name] = r.Name
					}
				}
			}
			for kind, rx := range re {
				low := math.Inf(1)
				for _, v := range lows[kind] {
					low = math.Min(low, v)
				}
				atLow := 0
				for _, v := range lows[kind] {
					if v == low {
						atLow++
					}
				}
				m := rx.FindStringSubmatch(text)
				if m == nil {
					// Unsaid: no tie, or every one ties, or it is full.
					if atLow > 1 && atLow < len(lows[kind]) && low < 1000 && strings.Contains(text, "lowest coverage is") {
						t.Errorf("%s: %d %ss read %v%% at their lowest, of %d, and the words do not say the weakest with them:\n%s", name, atLow, kind, low/10, len(lows[kind]), text)
					}
					continue
				}
				id := names[strings.TrimSpace(m[1])]
				if lows[kind][id] != low {
					t.Errorf("%s: %s %q is not at the lowest %v%%", name, kind, m[1], low/10)
				}
				got := 0
				if m[2] != "" {
					got, _ = strconv.Atoi(m[2])
					said++
				}
				if got != atLow-1 {
					t.Errorf("%s: the weakest %s %q is said with %d others as low, the plan has %d:\n%s", name, kind, m[1], got, atLow-1, text)
				}
				if m[3] != "" && m[3] != periodNoun(p) {
					t.Errorf("%s: ties in some %s, the plan's periods are %ss", name, m[3], periodNoun(p))
				}
			}
		}
	}
	if said == 0 {
		t.Error("no bundled plan says a weakest function or region with its ties: the test no longer tests them")
	}
}
