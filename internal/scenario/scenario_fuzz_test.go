package scenario

import (
	"errors"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzLoadBytes feeds arbitrary documents (and overrides, one per line) to
// LoadBytes: it must never panic, must give the same answer twice, and a nil
// error must mean a scenario that keeps every documented invariant.
func FuzzLoadBytes(f *testing.F) {
	for _, name := range []string{"baseline.yaml", "baseline.json", "baseline.toml", "many_errors.yaml"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(formatIndex(name), data, "")
		f.Add(formatIndex(name), data, "budget.annual=5.8e6\nregions[EMEA].sellers=-4\nfunctions[analytics].weight=2")
	}
	for _, doc := range []string{
		baseDoc,
		baseDoc + "stage: [launch, growth, expansion, margin]\ncatalog: none\nfunctions:\n  - {id: ops, class: heart, locality: local}\n",
		baseDoc + "investments:\n  - {id: a, requires: [b]}\n  - {id: b, requires: [a]}\n",
		baseDoc + "budget: {per_period: [1, 2]}\n",
		"horizon: {start: 2027-11, periods: 14, fiscal_year_start: 4}\nbudget: {annual: 1}\ncentral: {cost_per_fte: 1}\nregions: [{name: A, sellers: 1, cost_per_fte: 1}]\n",
		"horizon: {start: FY2099-Q3, periods: 9, fiscal_year_start: 10}\nbudget: {annual: 1}\ncentral: {cost_per_fte: 1}\nregions: [{name: A, sellers: 1, cost_per_fte: 1}]\n",
		"horizon: {start: 2027, periods: 1}\nbudget: {annual: 0}\ncentral: {cost_per_fte: 0}\nregions: [{name: A, sellers: 1e308, seller_growth_per_year: 1e300, cost_per_fte: 0}]\n",
		"horizon: {start: 2027, periods: 1}\nbudget: {annual: 1}\ncentral: {cost_per_fte: 1, hire_cost: 1e300, exit_cost: -0}\nregions: [{name: A, sellers: 1, cost_per_fte: 1, exit_cost: .inf}]\n",
		"a: &x [1]\nb: *x\nc: {<<: {d: 1}}\n",
		"foo: [1, 2\n",
		"- 1\n",
		"",
		"---\n---\n",
	} {
		f.Add(uint8(0), []byte(doc), "")
	}
	f.Add(uint8(1), []byte(`{"horizon": {"start": "2027-Q1", "periods": 4}, "budget": {"annual": 1e400}}`), "")
	f.Add(uint8(1), []byte(`{"name": "a", "Name": "b", "regions": [{"name": "\ud83d\ude00"}]}`), "")
	f.Add(uint8(2), []byte(tomlBase), "regions[A].sellers=2")
	f.Add(uint8(2), []byte("[budget]\nannual = 1\n[budget]\n[[regions]]\n[regions.current_fte]\nX = 1\n"), "")
	f.Add(uint8(2), []byte("horizon.start = 2027-01-01\n"), "")

	f.Fuzz(func(t *testing.T, format uint8, data []byte, sets string) {
		name := []string{"f.yaml", "f.json", "f.toml"}[int(format)%3]
		var overrides []string
		if sets != "" {
			overrides = strings.Split(sets, "\n")
		}
		s, err := LoadBytes(name, data, overrides)
		s2, err2 := LoadBytes(name, data, overrides)
		if !reflect.DeepEqual(s, s2) || (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("two loads differ:\n%v\n%v", err, err2)
		}
		if err != nil {
			checkDiagnostics(t, err)
			return
		}
		checkScenario(t, s)
	})
}

func formatIndex(name string) uint8 {
	switch {
	case strings.HasSuffix(name, ".json"):
		return 1
	case strings.HasSuffix(name, ".toml"):
		return 2
	}
	return 0
}

func checkDiagnostics(t *testing.T, err error) {
	var ds Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error %T is not a non-empty Diagnostics: %v", err, err)
	}
	for i, d := range ds {
		if d.Message == "" || d.File == "" || d.Line < 0 || d.Col < 0 {
			t.Errorf("bad diagnostic %+v", d)
		}
		if i > 0 && (d.Line < ds[i-1].Line || d.Line == ds[i-1].Line && d.Col < ds[i-1].Col) {
			t.Errorf("diagnostics out of order: %v", err)
		}
	}
}

// checkScenario asserts what a valid Scenario promises its users.
func checkScenario(t *testing.T, s *Scenario) {
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\nscenario: %+v", append(args, s)...)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	in := func(v, lo, hi float64) bool { return finite(v) && v >= lo && v <= hi }
	h := s.Horizon
	if h.Periods < 1 || h.Periods > 120 || len(s.Stages) != h.Periods || h.StartYear < 1900 || h.StartYear > 2200 {
		fail("bad horizon %+v or stages %v", h, s.Stages)
	}
	if !(h.Period == Month && h.StartIndex >= 1 && h.StartIndex <= 12 || h.Period == Quarter && h.StartIndex >= 1 && h.StartIndex <= 4 || h.Period == Year && h.StartIndex == 1) || h.FiscalYearStart < 0 || h.FiscalYearStart > 12 {
		fail("bad period %+v", h)
	}
	for _, st := range s.Stages {
		if !slices.Contains(Stages, st) {
			fail("bad stage %q", st)
		}
	}
	if s.Name == "" || len(s.Currency) != 3 || s.Catalog != "builtin" && s.Catalog != "none" {
		fail("bad name, currency or catalog")
	}
	b := s.Budget
	if b.PerPeriod != nil && (len(b.PerPeriod) != h.Periods || b.Annual != 0 || b.ChangePerYear != 0) || !in(b.Annual, 0, maxMagnitude) || !(b.ChangePerYear > -1) {
		fail("bad budget %+v", b)
	}
	labels := map[string]bool{}
	for t := range h.Periods {
		if !in(s.PeriodBudget(t), 0, maxMagnitude) {
			fail("bad budget in period %d", t)
		}
		// Labels name periods everywhere (model rows, views): unique.
		if l := s.PeriodLabel(t); labels[l] {
			fail("period label %s twice", l)
		} else {
			labels[l] = true
		}
	}
	p := s.Policy
	if !in(p.HealthyHeart, math.SmallestNonzeroFloat64, 1) || !in(p.HeartWeight, 0, maxMagnitude) || !in(p.BrainWeight, 0, maxMagnitude) ||
		!in(p.CentralShare.Min, 0, p.CentralShare.Max) || !in(p.CentralShare.Max, 0, 1) || p.MaxFTE < 0 || !finite(p.MaxFTE) || len(p.CentralEffectiveness) != 3 {
		fail("bad policy %+v", p)
	}
	funcs := map[string]bool{}
	hearts := 0
	for _, f := range s.Functions {
		if funcs[f.ID] || !idRE.MatchString(f.ID) || f.Name == "" || f.Class != Heart && f.Class != Brain || f.Locality != Central && f.Locality != Local && f.Locality != Either {
			fail("bad function %+v", f)
		}
		funcs[f.ID] = true
		if f.Class == Heart {
			hearts++
		}
		if !in(f.FTEPer100Sellers, 0, maxMagnitude) || !in(f.FTEPerRegion, 0, maxMagnitude) || !in(f.Weight, 0, maxMagnitude) || !in(f.MinCoverage, 0, 1) ||
			!in(f.LocalEffectiveness, math.SmallestNonzeroFloat64, 10) || !in(f.CentralEffectiveness, math.SmallestNonzeroFloat64, 10) || len(f.StageMultipliers) != 4 {
			fail("bad function %+v", f)
		}
		for _, st := range Stages {
			if !in(f.StageMultipliers[st], 0, maxMagnitude) {
				fail("bad multipliers %+v", f)
			}
		}
	}
	if hearts == 0 {
		fail("no heart function")
	}
	team := func(tm Team) {
		if !in(tm.CostPerFTE, 0, maxMagnitude) || tm.CurrentFTE == nil || !(tm.MaxHiresPerPeriod == -1 || in(tm.MaxHiresPerPeriod, 0, maxMagnitude)) ||
			!(tm.MaxExitsPerPeriod == -1 || in(tm.MaxExitsPerPeriod, 0, maxMagnitude)) || !finite(tm.CurrentTotal()) {
			fail("bad team %+v", tm)
		}
		for id, v := range tm.CurrentFTE {
			if !funcs[id] || !in(v, 0, maxMagnitude) {
				fail("bad current_fte %s: %v", id, v)
			}
		}
	}
	team(s.Central)
	if len(s.Regions) == 0 {
		fail("no region")
	}
	ids, names := map[string]bool{}, map[string]bool{}
	var sellers float64
	for r, reg := range s.Regions {
		team(reg.Team)
		if reg.Name == "" || reg.ID == "" || ids[reg.ID] || names[strings.ToLower(reg.Name)] || !in(reg.Sellers, 0, maxMagnitude) || !(reg.SellerGrowthPerYear > -1) || !finite(reg.SellerGrowthPerYear) {
			fail("bad region %+v", reg)
		}
		ids[reg.ID], names[strings.ToLower(reg.Name)] = true, true
		sellers += reg.Sellers
		for t := range h.Periods {
			if !in(s.Sellers(r, t), 0, maxMagnitude) || !in(s.SellerShare(r, t), 0, 1) {
				fail("sellers of region %d overflow in period %d", r, t)
			}
			for f := range s.Functions {
				if !in(s.Demand(f, r, t), 0, maxMagnitude) {
					fail("demand %d, %d, %d overflows", f, r, t)
				}
			}
		}
	}
	if !(sellers > 0) {
		fail("no sellers")
	}
	invs := map[string]bool{}
	for _, inv := range s.Investments {
		if invs[inv.ID] || !idRE.MatchString(inv.ID) || inv.Name == "" || !in(inv.Upfront, 0, maxMagnitude) || !in(inv.PerYear, 0, maxMagnitude) ||
			!in(inv.SellerHoursPerWeek, 0, 40) || inv.RampPeriods < 0 || inv.RampPeriods > 60 || inv.Covers == nil {
			fail("bad investment %+v", inv)
		}
		invs[inv.ID] = true
		for id, v := range inv.Covers {
			if !funcs[id] || !in(v, 0, 1) {
				fail("bad covers %s: %v", id, v)
			}
		}
	}
	for _, inv := range s.Investments {
		for _, r := range inv.Requires {
			if !invs[r] || r == inv.ID {
				fail("bad requirement %s of %s", r, inv.ID)
			}
		}
	}
	for k, v := range s.Checkup {
		if !in(v, -maxMagnitude, maxMagnitude) {
			fail("bad checkup %s: %v", k, v)
		}
	}
}
