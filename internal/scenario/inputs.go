package scenario

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Input is one value of a decoded scenario, defaults filled, under the key
// path a --set of it takes: budget.annual, regions[EMEA].sellers,
// functions[cpq].min_coverage, central.current_fte.reporting. Value is a
// float64, a string, a bool, or a []float64 or []string (budget.per_period,
// stage per period, requires) compared as a whole.
type Input struct {
	Path  string
	Value any
	// Element is the list element the input belongs to (regions[EMEA],
	// functions[cpq], investments[cpq]); "" for the keys outside lists.
	Element string
}

// Inputs lists the scenario's values as Inputs, in the order of the
// file's sections (docs/scenario.md) and, within a list, the scenario's
// order. Two scenarios have the same inputs exactly when they plan the
// same: a key absent from one file and defaulted to the value the other
// gives is the same input. A function's central_effectiveness is listed
// only where it is not the policy's for its locality, so that a change of
// the policy is one input, not one per function.
func (s *Scenario) Inputs() []Input {
	var in []Input
	add := func(elem, path string, v any) { in = append(in, Input{Path: path, Value: v, Element: elem}) }
	add("", "name", s.Name)
	add("", "description", s.Description)
	add("", "currency", s.Currency)
	add("", "horizon.start", s.Horizon.Start)
	add("", "horizon.periods", float64(s.Horizon.Periods))
	add("", "horizon.period", string(s.Horizon.Period))
	if s.Horizon.FiscalYearStart > 0 {
		add("", "horizon.fiscal_year_start", float64(s.Horizon.FiscalYearStart))
	}
	add("", "catalog", s.Catalog)
	add("", "stage", stageValue(s.Stages))
	if s.Budget.PerPeriod != nil {
		add("", "budget.per_period", slices.Clone(s.Budget.PerPeriod))
	} else {
		add("", "budget.annual", s.Budget.Annual)
	}
	add("", "budget.change_per_year", s.Budget.ChangePerYear)
	pol := s.Policy
	add("", "policy.healthy_heart", pol.HealthyHeart)
	add("", "policy.heart_weight", pol.HeartWeight)
	add("", "policy.brain_weight", pol.BrainWeight)
	add("", "policy.central_share.min", pol.CentralShare.Min)
	add("", "policy.central_share.max", pol.CentralShare.Max)
	if pol.HasMaxFTE() {
		add("", "policy.max_fte", pol.MaxFTE)
	}
	for _, l := range localityKeys {
		if v, ok := pol.CentralEffectiveness[Locality(l)]; ok {
			add("", "policy.central_effectiveness."+l, v)
		}
	}
	if pol.SellerHourValue != 0 {
		add("", "policy.seller_hour_value", pol.SellerHourValue)
	}
	// Whole people changes the plan (every team's headcount whole): listed
	// always, false by default, so that a file that turns it on differs
	// from one that does not.
	add("", "policy.whole_people", pol.WholePeople)
	in = teamInputs(in, "", "central", s.Central)
	for _, r := range s.Regions {
		e := "regions[" + selector(r.Name, r.ID) + "]"
		add(e, e+".name", r.Name)
		add(e, e+".sellers", r.Sellers)
		add(e, e+".seller_growth_per_year", r.SellerGrowthPerYear)
		in = teamInputs(in, e, e, r.Team)
	}
	if s.Roster != "" {
		add("", "roster", s.Roster)
	}
	for _, f := range s.Functions {
		e := "functions[" + f.ID + "]"
		add(e, e+".name", f.Name)
		add(e, e+".class", string(f.Class))
		add(e, e+".locality", string(f.Locality))
		add(e, e+".fte_per_100_sellers", f.FTEPer100Sellers)
		add(e, e+".fte_per_region", f.FTEPerRegion)
		for _, st := range Stages {
			add(e, e+".stage_multipliers."+string(st), f.StageMultipliers[st])
		}
		add(e, e+".weight", f.Weight)
		add(e, e+".min_coverage", f.MinCoverage)
		add(e, e+".local_effectiveness", f.LocalEffectiveness)
		if v, ok := pol.CentralEffectiveness[f.Locality]; !ok || v != f.CentralEffectiveness {
			add(e, e+".central_effectiveness", f.CentralEffectiveness)
		}
	}
	for _, inv := range s.Investments {
		e := "investments[" + inv.ID + "]"
		add(e, e+".name", inv.Name)
		add(e, e+".cost.upfront", inv.Upfront)
		add(e, e+".cost.per_year", inv.PerYear)
		for _, id := range sortedKeys(inv.Covers) {
			add(e, e+".covers."+id, inv.Covers[id])
		}
		add(e, e+".seller_hours_per_week", inv.SellerHoursPerWeek)
		add(e, e+".ramp_periods", float64(inv.RampPeriods))
		add(e, e+".scalable", inv.Scalable)
		add(e, e+".owned", inv.Owned)
		add(e, e+".decision", string(inv.Decision))
		if len(inv.Requires) > 0 {
			add(e, e+".requires", slices.Clone(inv.Requires))
		}
	}
	for _, k := range sortedKeys(s.Checkup) {
		add("", "checkup."+k, s.Checkup[k])
	}
	return in
}

// selector names a region in a key path: by its name, or by its id when
// the name holds characters a path cannot carry.
func selector(name, id string) string {
	if name == "" || strings.ContainsAny(name, "[]=") || strings.TrimSpace(name) != name {
		return id
	}
	return name
}

func teamInputs(in []Input, elem, key string, t Team) []Input {
	add := func(path string, v any) { in = append(in, Input{Path: key + "." + path, Value: v, Element: elem}) }
	add("cost_per_fte", t.CostPerFTE)
	for _, id := range sortedKeys(t.CurrentFTE) {
		if t.CurrentFTE[id] != 0 {
			add("current_fte."+id, t.CurrentFTE[id])
		}
	}
	if t.HasHireLimit() {
		add("max_hires_per_period", t.MaxHiresPerPeriod)
	}
	if t.HasExitLimit() {
		add("max_exits_per_period", t.MaxExitsPerPeriod)
	}
	// One-time costs default to 0, a value like any other: listed always,
	// so that a change from none reads 0 -> 25000, not a key added.
	add("hire_cost", t.HireCost)
	add("exit_cost", t.ExitCost)
	return in
}

// stageValue is the stage key's value: one stage when every period has it,
// else the list.
func stageValue(st []Stage) any {
	if len(st) == 0 {
		return ""
	}
	out := make([]string, len(st))
	same := true
	for i, x := range st {
		out[i] = string(x)
		same = same && x == st[0]
	}
	if same {
		return out[0]
	}
	return out
}

// Position is the line and column of path in the Doc's file: of the key
// itself, or of the nearest enclosing key or element the file gives (a
// value the file leaves to its default is placed at its parent); 0, 0 when
// the file gives none of them (a function of the built-in catalog the
// file does not list). Selectors are resolved as Set resolves them.
func (d *Doc) Position(path string) (line, col int) {
	steps, err := parsePath(path)
	if err != nil {
		return 0, 0
	}
	var cur any = d.top
	canon := ""
	var paths []string
	for _, st := range steps {
		if !st.isSel {
			canon = joinKey(canon, st.key)
			paths = append(paths, canon)
			m, _ := cur.(map[string]any)
			cur = m[st.key]
			continue
		}
		list, _ := cur.([]any)
		i := findElement(list, st.sel)
		if i < 0 {
			break
		}
		canon = fmt.Sprintf("%s[%d]", canon, i)
		paths = append(paths, canon)
		cur = list[i]
	}
	for k := len(paths) - 1; k >= 0; k-- {
		if at, ok := d.src.pos[paths[k]]; ok {
			return at.line, at.col
		}
	}
	return 0, 0
}

// findElement is the index of the element of list that sel selects, as
// editor.choose finds it; -1 when none.
func findElement(list []any, sel string) int {
	if i, err := strconv.Atoi(sel); err == nil {
		if i >= 0 && i < len(list) {
			return i
		}
		return -1
	}
	for i, el := range list {
		m, _ := el.(map[string]any)
		id, _ := m["id"].(string)
		name, _ := m["name"].(string)
		if id == sel || name != "" && (strings.EqualFold(name, sel) || slug(name, i) == sel) {
			return i
		}
	}
	return -1
}

// Value is the value the file gives at path (a copy: maps and lists may be
// edited), and whether it gives one; a value left to its default is not
// given.
func (d *Doc) Value(path string) (any, bool) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, false
	}
	var cur any = d.top
	for _, st := range steps {
		if !st.isSel {
			m, _ := cur.(map[string]any)
			v, ok := m[st.key]
			if !ok {
				return nil, false
			}
			cur = v
			continue
		}
		list, _ := cur.([]any)
		i := findElement(list, st.sel)
		if i < 0 {
			return nil, false
		}
		cur = list[i]
	}
	return deepCopy(cur), true
}

// Remove takes the key or list element at path out of the Doc, so that it
// takes its default (or, for an element, is gone). A path the file does
// not give is no change. Removing is the one edit Set cannot make; like
// Set it never writes into a value clones share.
func (d *Doc) Remove(path string) error {
	steps, err := parsePath(path)
	if err != nil {
		return err
	}
	top := steps[0].key
	if len(steps) == 1 {
		next := copyMap(d.top)
		delete(next, top)
		d.top = next
		return nil
	}
	v := deepCopy(d.top[top])
	parent := v
	for _, st := range steps[1 : len(steps)-1] {
		if !st.isSel {
			m, _ := parent.(map[string]any)
			parent = m[st.key]
			continue
		}
		list, _ := parent.([]any)
		i := findElement(list, st.sel)
		if i < 0 {
			return nil
		}
		parent = list[i]
	}
	last := steps[len(steps)-1]
	if !last.isSel {
		if m, ok := parent.(map[string]any); ok {
			delete(m, last.key)
		}
		d.top[top] = v
		return nil
	}
	if len(steps) != 2 {
		return fmt.Errorf("%s: only the elements of regions, functions and investments can be removed", path)
	}
	list, _ := parent.([]any)
	i := findElement(list, last.sel)
	if i < 0 {
		return nil
	}
	d.top[top] = slices.Delete(list, i, i+1)
	return nil
}

// Append adds elem (a mapping, as Value gives it) at the end of the
// top-level list key (regions, functions, investments), making the list
// when the file has none.
func (d *Doc) Append(key string, elem any) error {
	elem, err := normalize(elem)
	if err != nil {
		return err
	}
	list, _ := deepCopy(d.top[key]).([]any)
	next := copyMap(d.top)
	next[key] = append(list, elem)
	d.top = next
	return nil
}

// RosterLine is one line of a scenario's roster: some of a person's time
// in a team (central, or a region's name) and function, and the line.
type RosterLine struct {
	Person   string
	Team     string
	Function string
	FTE      float64
	Line     int
}

// RosterLines are the lines of the roster of s, a scenario d decoded
// (read once for d and its clones); nil when s has no roster.
func (d *Doc) RosterLines(s *Scenario) []RosterLine {
	if s.Roster == "" {
		return nil
	}
	f := d.rosters.file(s.RosterPath())
	if f.diags != nil {
		return nil
	}
	rows, ds := parseRoster(s.RosterPath(), f.data, s)
	if ds.HasErrors() {
		return nil
	}
	out := make([]RosterLine, len(rows))
	for i, r := range rows {
		team := "central"
		if r.team >= 0 {
			team = s.Regions[r.team].Name
		}
		out[i] = RosterLine{Person: r.person, Team: team, Function: r.function, FTE: r.fte, Line: r.line}
	}
	return out
}
