package plan

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Kinds of an input change.
const (
	ChangeChanged = "changed" // the value differs
	ChangeAdded   = "added"   // a key or a list element only NEW has
	ChangeRemoved = "removed" // a key or a list element only OLD has
	// ChangeMoved is a person of the roster in other teams, functions or
	// FTE (shown with the roster change, not applied alone).
	ChangeMoved = "moved"
)

// DiffOptions tunes Diff.
type DiffOptions struct {
	LP  solve.LPSolver
	Opt solve.Options
	// MinChange is the least move of a function's coverage (a fraction:
	// 0.01 is one point) that the outcome lists.
	MinChange float64
	// ExactUpTo is the largest number of changes whose attribution is
	// averaged over every order; above it, over RandomOrders orders drawn
	// with a fixed seed.
	ExactUpTo    int
	RandomOrders int
	// MaxPlans bounds the scenarios the random orders plan (0: no bound):
	// with n changes, min(RandomOrders, max(1, MaxPlans/n)) orders, the
	// stated one first. Two unrelated scenarios differ in dozens of inputs,
	// and 24 orders of 56 changes are 1,344 plans (half an hour on the
	// large scenario against the baseline).
	MaxPlans int
	// Progress, when set, is called after each order of the attribution
	// is walked, with how many are done of how many.
	Progress func(done, total int)
	// NoAttribution skips the attribution (the outcomes are still planned).
	NoAttribution bool
	// By is the period the table views roll up to (Diff.RolledPeriods):
	// month, quarter or year; "" rolls a monthly plan up to quarters.
	By string
}

// DefaultDiffOptions are the options of cardio diff: every order up to 5
// changes (120 orders, 32 scenarios planned), 24 random orders above, and
// fewer above 10 changes, so that the random orders plan at most 240
// scenarios.
func DefaultDiffOptions(lp solve.LPSolver) DiffOptions {
	return DiffOptions{LP: lp, MinChange: 0.01, ExactUpTo: 5, RandomOrders: 24, MaxPlans: 240}
}

// Diff is what changed between two versions of a scenario (cardio diff):
// the inputs, the outcome per period, and which changes moved the heart and
// the brain.
type Diff struct {
	FormatVersion int           `json:"format_version"`
	Old           DiffSide      `json:"old"`
	New           DiffSide      `json:"new"`
	Inputs        []InputChange `json:"inputs"`
	// Periods are the periods of both horizons, OLD's order then NEW's
	// labels OLD has not; empty when either scenario is infeasible.
	Periods   []PeriodDiff `json:"periods"`
	MinChange float64      `json:"min_change"`
	// Money says how the money of the two sides compares, as in compare:
	// MoneyTotals (same currency and horizon length: totals and periods),
	// MoneyPerYear (same currency, horizons of different lengths: the
	// totals a year, and the periods both have), MoneyNone (different
	// currencies: no money difference at all).
	Money       string       `json:"money"`
	Attribution *Attribution `json:"attribution,omitempty"`
	// RolledPeriods are Periods with each side's periods rolled up to
	// RolledBy (a quarter, or a year) as Plan.RollUp rolls them, for the
	// table views of a monthly plan; nil when neither side rolls up. Not in
	// the JSON contract, which carries every period.
	RolledPeriods []PeriodDiff `json:"-"`
	RolledBy      string       `json:"-"`
	// RolledOld and RolledNew are the periods (month) a side's rolled
	// periods gather, "" for a side not rolled up: a rolled period's
	// weakest heart cell is the lowest of its periods', and its ties are
	// as low in some of them.
	RolledOld, RolledNew string `json:"-"`
	// Misaligned is the kind (quarter, year) the table views would have
	// rolled up to but did not: the two sides' groups cover different
	// months (fiscal years starting in April and in May), so that no
	// quarter of one is a quarter of the other; the views then show every
	// period. "" otherwise.
	Misaligned string `json:"-"`
}

// DiffSide is one of the two scenarios: its file, name and plan's status
// and scores over the horizon.
type DiffSide struct {
	File       string  `json:"file"`
	Scenario   string  `json:"scenario"`
	Status     string  `json:"status"`
	Currency   string  `json:"currency"`
	HeartMean  float64 `json:"heart_mean"`
	HealthyAll bool    `json:"healthy_all"`
	// HealthyHeart is the side's healthy heart, which its healthy hearts
	// read at or above as printed.
	HealthyHeart float64 `json:"healthy_heart"`
	BrainMean    float64 `json:"brain_mean"`
	Spend        float64 `json:"spend"`
	Unspent      float64 `json:"unspent"`
	// Years is the horizon's length in years: totals of horizons of
	// different lengths do not compare, and Diff.Money says how they are.
	Years float64 `json:"years"`
}

// InputChange is one input that differs. Old and New are the values
// (absent on the side that has none); OldAt and NewAt are where each file
// gives them, file:line (the enclosing key's line for a defaulted value),
// "" when the file does not (a built-in catalog function).
type InputChange struct {
	Path  string `json:"path"`
	Kind  string `json:"kind"`
	Old   any    `json:"old,omitempty"`
	New   any    `json:"new,omitempty"`
	OldAt string `json:"old_at,omitempty"`
	NewAt string `json:"new_at,omitempty"`
}

// PeriodDiff is one period's outcome in both plans; Old or New is nil for
// a period only one horizon has.
type PeriodDiff struct {
	Label string `json:"label"`
	// NewLabel is NEW's name of the period where it is not OLD's: the
	// same months under another fiscal year's names.
	NewLabel string `json:"new_label,omitempty"`
	// Months are the months the period covers (zero when unknown): a
	// period only one horizon has may bear a name the other horizon gives
	// to other months (FY28-Q1 under April and July fiscal years), and the
	// views then say which months it is. Not in the JSON contract.
	Months Months         `json:"-"`
	Old    *PeriodOutcome `json:"old,omitempty"`
	New    *PeriodOutcome `json:"new,omitempty"`
	// Coverage lists the functions whose coverage (over all regions) moved
	// by at least MinChange, in NEW's function order then OLD's.
	Coverage []CoverageMove `json:"coverage,omitempty"`
}

// PeriodOutcome is what a plan gives in a period.
type PeriodOutcome struct {
	// PeriodScores are the heart, the brain and the weakest heart cell
	// with its ties, as a review's periods have them (their JSON keys
	// first, inline).
	PeriodScores
	Spend      float64 `json:"spend"`
	Unspent    float64 `json:"unspent"`
	CentralFTE float64 `json:"central_fte"`
	LocalFTE   float64 `json:"local_fte"`
	// Investments are the ids of the investments bought (level above 0).
	Investments []string           `json:"investments"`
	Coverage    map[string]float64 `json:"-"`
	// below holds the heart functions below healthy over all regions
	// (Function.BelowHealthy), and class each function's class.
	below map[string]bool
	class map[string]string
}

// CoverageMove is a function's coverage over all regions in both plans (0
// for a function a side does not have), its class, and whether each
// side's is a heart function below healthy (Function.BelowHealthy), which
// prints rounded down.
type CoverageMove struct {
	Function        string  `json:"function"`
	Class           string  `json:"class"`
	Old             float64 `json:"old"`
	New             float64 `json:"new"`
	OldBelowHealthy bool    `json:"old_below_healthy"`
	NewBelowHealthy bool    `json:"new_below_healthy"`
}

// OldShown is the old coverage as cardio plan's coverage by function
// prints the function, against the old side's healthy heart, and its
// decimals: a heart function by HeartReadAgainst (at 88.37%, below
// healthy, 88.3%, where diff's moves read 88.4% in earlier versions; held
// at a healthy heart of 0.9054, 90.54%, where they read 90.5%), a brain
// function to the nearest tenth.
func (m CoverageMove) OldShown(healthy float64) (float64, int) {
	return m.shown(m.Old, m.OldBelowHealthy, healthy)
}

// NewShown is the new coverage as OldShown is the old, against the new
// side's healthy heart.
func (m CoverageMove) NewShown(healthy float64) (float64, int) {
	return m.shown(m.New, m.NewBelowHealthy, healthy)
}

func (m CoverageMove) shown(x float64, below bool, healthy float64) (float64, int) {
	if m.Class != "heart" {
		return x, 1
	}
	return HeartReadAgainst(x, below, healthy)
}

// Attribution says which changes moved the heart and the brain (their
// means over the horizon): the changes applied one at a time to OLD in the
// stated order (Inputs' order), and, when that order matters, each
// change's effect averaged over orders.
type Attribution struct {
	HeartTotal float64 `json:"heart_total"` // NEW's heart mean - OLD's
	BrainTotal float64 `json:"brain_total"`
	// Steps are the stated order's steps; their effects add up to the
	// totals (with Residual).
	Steps []AttributionStep `json:"steps"`
	// OrderMatters is true when a change's effect depends on the order.
	OrderMatters bool `json:"order_matters"`
	// Orders is how many orders Average is over; Exact says they are all
	// the orders (else Orders orders drawn with a fixed seed).
	Orders  int               `json:"orders"`
	Exact   bool              `json:"exact"`
	Average []AttributionStep `json:"average,omitempty"`
	// ResidualHeart and ResidualBrain are what the changes applied to OLD
	// do not reach of NEW (0 unless an input cannot be set alone).
	ResidualHeart float64 `json:"residual_heart"`
	ResidualBrain float64 `json:"residual_brain"`
	// AverageResidualHeart and AverageResidualBrain are the part not
	// reached averaged over the orders Average is over: each order stops
	// at its own last scenario that plans, so Average adds up to the
	// totals with these, not with the stated order's Residual (0 unless
	// Residual is not; absent without Average).
	AverageResidualHeart float64 `json:"average_residual_heart,omitempty"`
	AverageResidualBrain float64 `json:"average_residual_brain,omitempty"`
}

// AttributionStep is one change's effect on the heart and brain means.
// Unplannable says the scenario after this step (in the stated order) does
// not load or is infeasible on its own: its effect is counted in the next
// step that plans.
type AttributionStep struct {
	Change      string  `json:"change"` // the input's path
	Heart       float64 `json:"heart"`
	Brain       float64 `json:"brain"`
	Unplannable bool    `json:"unplannable,omitempty"`
}

// change is an attribution unit: one InputChange and how to make it on a
// Doc.
type change struct {
	InputChange
	elem bool // a whole list element added or removed
	// note is a roster line's change: shown, not applied (the roster is
	// one change, edits).
	note bool
	// edits, when given, are how the change is made: each sets or removes
	// a value.
	edits []edit
}

// edit is one value set (or removed) on a Doc.
type edit struct {
	path   string
	value  any
	remove bool
}

// DiffScenarios compares two versions of a scenario: oldDoc and newDoc are
// the parsed files, oldS and newS their decoded scenarios.
func DiffScenarios(ctx context.Context, oldDoc, newDoc *scenario.Doc, oldS, newS *scenario.Scenario, opt DiffOptions) (*Diff, error) {
	d := &Diff{FormatVersion: FormatVersion, MinChange: opt.MinChange, Periods: []PeriodDiff{}}
	changes := inputChanges(oldDoc, newDoc, oldS, newS)
	d.Inputs = make([]InputChange, len(changes))
	for i, c := range changes {
		d.Inputs[i] = c.InputChange
	}
	oldP, err := Optimize(ctx, oldS, opt.LP, opt.Opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", oldDoc.File(), err)
	}
	newP, err := Optimize(ctx, newS, opt.LP, opt.Opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", newDoc.File(), err)
	}
	d.Old = side(oldDoc.File(), oldS, oldP)
	d.New = side(newDoc.File(), newS, newP)
	switch {
	case d.Old.Currency != d.New.Currency:
		d.Money = MoneyNone
	case math.Abs(d.Old.Years-d.New.Years) > 1e-9:
		d.Money = MoneyPerYear
	default:
		d.Money = MoneyTotals
	}
	if oldP.Status == StatusInfeasible || newP.Status == StatusInfeasible {
		return d, nil
	}
	own := func(s *scenario.Scenario) map[string]Months { return PeriodMonths(s, string(s.Horizon.Period)) }
	newOwn := own(newS)
	d.Periods = periodDiffs(oldP, newP, own(oldS), newOwn, opt.MinChange)
	oldR, byOld := RollUpBy(oldS, oldP, opt.By)
	newR, byNew := RollUpBy(newS, newP, opt.By)
	if byOld != "" || byNew != "" {
		oldRolled := PeriodMonths(oldS, opt.By)
		d.RolledPeriods = periodDiffs(oldR, newR, oldRolled, PeriodMonths(newS, opt.By), opt.MinChange)
		// The two sides roll up to the same kind, or one of them not at all.
		d.RolledBy = byOld
		if d.RolledBy == "" {
			d.RolledBy = byNew
		}
		if byOld != "" {
			d.RolledOld = string(oldS.Horizon.Period)
		}
		if byNew != "" {
			d.RolledNew = string(newS.Horizon.Period)
		}
		if misaligned(d.RolledPeriods, oldRolled, newOwn) {
			d.Misaligned, d.RolledBy, d.RolledPeriods = d.RolledBy, "", nil
			d.RolledOld, d.RolledNew = "", ""
		}
	}
	units := slices.DeleteFunc(slices.Clone(changes), func(c change) bool { return c.note })
	if len(units) > 0 && !opt.NoAttribution {
		d.Attribution, err = attribute(ctx, oldDoc, newDoc, units, oldP, newP, opt)
		if err != nil {
			return nil, err
		}
	}
	return d, nil
}

func side(file string, s *scenario.Scenario, p *Plan) DiffSide {
	return DiffSide{File: file, Scenario: p.Scenario, Status: p.Status, Currency: p.Currency, HeartMean: p.Totals.HeartMean, HealthyAll: p.Totals.HealthyAll, HealthyHeart: p.HealthyHeart, BrainMean: p.Totals.BrainMean,
		Spend: p.Totals.Spend, Unspent: p.Totals.Unspent, Years: s.Years()}
}

// inputChanges lists the inputs that differ: OLD's inputs in their order
// (Scenario.Inputs), changed or removed, then NEW's additions. A list
// element only one side has is one change (its values are not listed one
// by one).
func inputChanges(oldDoc, newDoc *scenario.Doc, oldS, newS *scenario.Scenario) []change {
	oldIn, newIn := oldS.Inputs(), newS.Inputs()
	oldElem, newElem := map[string]bool{}, map[string]bool{}
	oldVal, newVal := map[string]any{}, map[string]any{}
	for _, in := range oldIn {
		oldVal[in.Path] = in.Value
		if in.Element != "" {
			oldElem[in.Element] = true
		}
	}
	for _, in := range newIn {
		newVal[in.Path] = in.Value
		if in.Element != "" {
			newElem[in.Element] = true
		}
	}
	at := func(doc *scenario.Doc, path string) string {
		line, _ := doc.Position(path)
		if line == 0 {
			return ""
		}
		return fmt.Sprintf("%s:%d", doc.File(), line)
	}
	// With a roster on either side, the teams' current FTE are the
	// roster's: they differ as one change, the roster, and each person's
	// lines that differ are listed with it.
	rosterMode := oldS.Roster != "" || newS.Roster != ""
	teamFTE := func(path string) bool { return strings.Contains(path, ".current_fte.") || path == "roster" }
	rosterDiffers := false
	if rosterMode {
		for _, in := range oldIn {
			if teamFTE(in.Path) && (oldElem[in.Element] || in.Element == "") && (in.Element == "" || newElem[in.Element]) {
				if nv, ok := newVal[in.Path]; !ok || !sameValue(nv, in.Value) {
					rosterDiffers = true
				}
			}
		}
		for _, in := range newIn {
			if _, ok := oldVal[in.Path]; teamFTE(in.Path) && !ok && (in.Element == "" || oldElem[in.Element]) {
				rosterDiffers = true
			}
		}
		oldIn = slices.DeleteFunc(slices.Clone(oldIn), func(in scenario.Input) bool { return teamFTE(in.Path) })
		newIn = slices.DeleteFunc(slices.Clone(newIn), func(in scenario.Input) bool { return teamFTE(in.Path) })
	}
	var out []change
	seen := map[string]bool{}
	emit := func(c change) {
		if !seen[c.Path] {
			seen[c.Path] = true
			out = append(out, c)
		}
	}
	// OLD's inputs in order (changed or removed), then NEW's additions.
	for _, in := range oldIn {
		if in.Element != "" && !newElem[in.Element] {
			emit(change{InputChange: InputChange{Path: in.Element, Kind: ChangeRemoved, OldAt: at(oldDoc, in.Element)}, elem: true})
			continue
		}
		nv, both := newVal[in.Path]
		switch {
		case !both:
			emit(change{InputChange: InputChange{Path: in.Path, Kind: ChangeRemoved, Old: in.Value, OldAt: at(oldDoc, in.Path)}})
		case !sameValue(in.Value, nv):
			emit(change{InputChange: InputChange{Path: in.Path, Kind: ChangeChanged, Old: in.Value, New: nv, OldAt: at(oldDoc, in.Path), NewAt: at(newDoc, in.Path)}})
		}
	}
	for _, in := range newIn {
		if in.Element != "" && !oldElem[in.Element] {
			emit(change{InputChange: InputChange{Path: in.Element, Kind: ChangeAdded, NewAt: at(newDoc, in.Element)}, elem: true})
			continue
		}
		if _, both := oldVal[in.Path]; !both {
			emit(change{InputChange: InputChange{Path: in.Path, Kind: ChangeAdded, New: in.Value, NewAt: at(newDoc, in.Path)}})
		}
	}
	if rosterDiffers {
		out = append(out, rosterChanges(oldDoc, newDoc, oldS, newS, at)...)
	}
	return out
}

// rosterChanges is the roster as one change, made by taking NEW's roster
// (its file, by its absolute path) in place of OLD's current_fte, or
// NEW's current_fte in place of OLD's roster; then each person whose
// roster lines differ, as notes: added, removed, or moved (other teams,
// functions or FTE).
func rosterChanges(oldDoc, newDoc *scenario.Doc, oldS, newS *scenario.Scenario, at func(*scenario.Doc, string) string) []change {
	unit := change{InputChange: InputChange{Path: "roster", Kind: ChangeChanged, OldAt: at(oldDoc, "roster"), NewAt: at(newDoc, "roster")}, edits: []edit{}}
	if oldS.Roster != "" {
		unit.Old = oldS.Roster
	} else {
		unit.Old = "current_fte"
	}
	if newS.Roster != "" {
		unit.New = newS.Roster
		path := newS.RosterPath()
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		unit.edits = append(unit.edits, edit{path: "central.current_fte", remove: true})
		for _, r := range oldS.Regions {
			unit.edits = append(unit.edits, edit{path: "regions[" + r.ID + "].current_fte", remove: true})
		}
		unit.edits = append(unit.edits, edit{path: "roster", value: path})
	} else {
		unit.New = "current_fte"
		unit.edits = append(unit.edits, edit{path: "roster", remove: true}, edit{path: "central.current_fte", value: fteMap(newS.Central.CurrentFTE)})
		old := map[string]bool{}
		for _, r := range oldS.Regions {
			old[r.ID] = true
		}
		for _, r := range newS.Regions {
			if old[r.ID] {
				unit.edits = append(unit.edits, edit{path: "regions[" + r.ID + "].current_fte", value: fteMap(r.CurrentFTE)})
			}
		}
	}
	out := []change{unit}
	type person struct {
		lines []scenario.RosterLine
	}
	read := func(doc *scenario.Doc, s *scenario.Scenario) (map[string]*person, []string) {
		m := map[string]*person{}
		var order []string
		for _, l := range doc.RosterLines(s) {
			if m[l.Person] == nil {
				m[l.Person] = &person{}
				order = append(order, l.Person)
			}
			m[l.Person].lines = append(m[l.Person].lines, l)
		}
		return m, order
	}
	if oldS.Roster == "" || newS.Roster == "" {
		return out
	}
	op, oo := read(oldDoc, oldS)
	np, no := read(newDoc, newS)
	desc := func(p *person) string {
		parts := make([]string, len(p.lines))
		for i, l := range p.lines {
			parts[i] = fmt.Sprintf("%s/%s %s", l.Team, l.Function, strconv.FormatFloat(l.FTE, 'f', -1, 64))
		}
		return strings.Join(parts, "; ")
	}
	where := func(s *scenario.Scenario, p *person) string {
		return fmt.Sprintf("%s:%d", s.RosterPath(), p.lines[0].Line)
	}
	for _, name := range oo {
		o := op[name]
		n, ok := np[name]
		switch {
		case !ok:
			out = append(out, change{InputChange: InputChange{Path: "roster[" + name + "]", Kind: ChangeRemoved, Old: desc(o), OldAt: where(oldS, o)}, note: true})
		case desc(o) != desc(n):
			out = append(out, change{InputChange: InputChange{Path: "roster[" + name + "]", Kind: ChangeMoved, Old: desc(o), New: desc(n), OldAt: where(oldS, o), NewAt: where(newS, n)}, note: true})
		}
	}
	for _, name := range no {
		if _, ok := op[name]; !ok {
			n := np[name]
			out = append(out, change{InputChange: InputChange{Path: "roster[" + name + "]", Kind: ChangeAdded, New: desc(n), NewAt: where(newS, n)}, note: true})
		}
	}
	return out
}

func fteMap(m map[string]float64) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// sameValue compares two input values; numbers equal within a relative
// 1e-12, as a value written 0.1 in one file and 1e-1 in another is.
func sameValue(a, b any) bool {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if ok1 && ok2 {
		return x == y || math.Abs(x-y) <= 1e-12*math.Max(math.Abs(x), math.Abs(y))
	}
	return reflect.DeepEqual(a, b)
}

// apply makes change c on doc: a value is set (Doc.Set) or removed to
// take its default (Doc.Remove); a list element is appended as NEW's file
// gives it, or removed. An element NEW's file does not give (a built-in
// catalog function that a catalog change brings) is no change by itself.
func apply(doc, newDoc *scenario.Doc, c change) error {
	if c.note {
		return nil
	}
	if c.edits != nil {
		for _, e := range c.edits {
			if e.remove {
				_ = doc.Remove(e.path) // a path the Doc does not give is no change
			} else if err := doc.Set(e.path, e.value); err != nil {
				return err
			}
		}
		return nil
	}
	switch {
	case c.elem && c.Kind == ChangeAdded:
		v, ok := newDoc.Value(c.Path)
		if !ok {
			return nil
		}
		key, _, _ := strings.Cut(c.Path, "[")
		return doc.Append(key, v)
	case c.Kind == ChangeRemoved:
		return doc.Remove(c.Path)
	}
	return doc.Set(c.Path, c.New)
}

// score is the heart and brain means of a state; ok false when it does
// not load or is infeasible.
type score struct {
	heart, brain float64
	ok           bool
}

// attribute applies the changes to OLD one at a time.
func attribute(ctx context.Context, oldDoc, newDoc *scenario.Doc, changes []change, oldP, newP *Plan, opt DiffOptions) (*Attribution, error) {
	n := len(changes)
	memo := map[string]score{}
	state := func(applied []bool) (score, error) {
		key := fmt.Sprint(applied)
		if sc, ok := memo[key]; ok {
			return sc, nil
		}
		doc := oldDoc.Clone()
		for i, on := range applied {
			if on {
				_ = apply(doc, newDoc, changes[i]) // a refused set shows in Decode
			}
		}
		var sc score
		if s, diags := doc.Decode(); !diags.HasErrors() && s != nil {
			// Only whether it plans matters here, not why it does not.
			pl := Planner{LP: opt.LP, Opt: opt.Opt, Once: true, NoExplain: true}
			p, _, err := pl.Optimize(ctx, s)
			if err != nil {
				if ctx.Err() != nil {
					return sc, ctx.Err()
				}
			} else if p.Status != StatusInfeasible {
				sc = score{p.Totals.HeartMean, p.Totals.BrainMean, true}
			}
		}
		memo[key] = sc
		return sc, nil
	}
	base := score{oldP.Totals.HeartMean, oldP.Totals.BrainMean, true}
	memo[fmt.Sprint(make([]bool, n))] = base
	// walk applies the changes in order and returns each change's effect,
	// by change index, and the last plannable score.
	walk := func(order []int) ([]AttributionStep, score, error) {
		steps := make([]AttributionStep, n)
		applied := make([]bool, n)
		last := base
		for _, k := range order {
			applied[k] = true
			sc, err := state(applied)
			if err != nil {
				return nil, last, err
			}
			st := AttributionStep{Change: changes[k].Path}
			if sc.ok {
				st.Heart, st.Brain = sc.heart-last.heart, sc.brain-last.brain
				last = sc
			} else {
				st.Unplannable = true
			}
			steps[k] = st
		}
		return steps, last, nil
	}
	stated := make([]int, n)
	for i := range stated {
		stated[i] = i
	}
	first, end, err := walk(stated)
	if err != nil {
		return nil, err
	}
	a := &Attribution{
		HeartTotal: zeroTiny(newP.Totals.HeartMean - oldP.Totals.HeartMean),
		BrainTotal: zeroTiny(newP.Totals.BrainMean - oldP.Totals.BrainMean),
		Steps:      first,
	}
	a.ResidualHeart = zeroTiny(newP.Totals.HeartMean - end.heart)
	a.ResidualBrain = zeroTiny(newP.Totals.BrainMean - end.brain)
	if n < 2 {
		return a, nil
	}
	var orders [][]int
	if n <= opt.ExactUpTo {
		orders = permutations(n)
		a.Exact = true
	} else {
		rng := rand.New(rand.NewPCG(1, uint64(n)))
		orders = append(orders, stated)
		want := opt.RandomOrders
		if opt.MaxPlans > 0 {
			want = min(want, max(1, opt.MaxPlans/n))
		}
		for len(orders) < want {
			orders = append(orders, rng.Perm(n))
		}
	}
	a.Orders = len(orders)
	sum := make([]AttributionStep, n)
	var missedHeart, missedBrain float64
	for i, o := range orders {
		steps, end, err := walk(o)
		if err != nil {
			return nil, err
		}
		missedHeart += newP.Totals.HeartMean - end.heart
		missedBrain += newP.Totals.BrainMean - end.brain
		if opt.Progress != nil {
			opt.Progress(i+1, len(orders))
		}
		for k, st := range steps {
			sum[k].Heart += st.Heart
			sum[k].Brain += st.Brain
			if math.Abs(st.Heart-first[k].Heart) > orderTol || math.Abs(st.Brain-first[k].Brain) > orderTol {
				a.OrderMatters = true
			}
		}
	}
	if a.OrderMatters {
		a.Average = make([]AttributionStep, n)
		for k := range sum {
			a.Average[k] = AttributionStep{Change: changes[k].Path, Heart: zeroTiny(sum[k].Heart / float64(len(orders))), Brain: zeroTiny(sum[k].Brain / float64(len(orders)))}
		}
		a.AverageResidualHeart = zeroTiny(missedHeart / float64(len(orders)))
		a.AverageResidualBrain = zeroTiny(missedBrain / float64(len(orders)))
	}
	for k := range a.Steps {
		a.Steps[k].Heart, a.Steps[k].Brain = zeroTiny(a.Steps[k].Heart), zeroTiny(a.Steps[k].Brain)
	}
	return a, nil
}

// orderTol is the least difference of a change's effect between two
// orders that says the order matters: below it, solver round-off.
const orderTol = 1e-6

// zeroTiny rounds solver round-off to zero, so that -0.0000 is not shown.
func zeroTiny(x float64) float64 {
	if math.Abs(x) < 1e-9 {
		return 0
	}
	return x
}

// permutations lists every order of 0..n-1, the identity first, in
// lexicographic order.
func permutations(n int) [][]int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	out := [][]int{slices.Clone(p)}
	for {
		i := n - 2
		for i >= 0 && p[i] >= p[i+1] {
			i--
		}
		if i < 0 {
			return out
		}
		j := n - 1
		for p[j] <= p[i] {
			j--
		}
		p[i], p[j] = p[j], p[i]
		slices.Reverse(p[i+1:])
		out = append(out, slices.Clone(p))
	}
}

func outcome(p Period) *PeriodOutcome {
	o := &PeriodOutcome{PeriodScores: periodScores(p), Spend: p.Spend, Unspent: p.Unspent,
		CentralFTE: p.CentralFTE, LocalFTE: p.LocalFTE, Investments: []string{}, Coverage: map[string]float64{}, below: map[string]bool{}, class: map[string]string{}}
	for _, inv := range p.Investments {
		if Bought(inv.Level) {
			o.Investments = append(o.Investments, inv.ID)
		}
	}
	for _, f := range p.Functions {
		o.Coverage[f.ID], o.class[f.ID] = f.Coverage, f.Class
		if f.BelowHealthy {
			o.below[f.ID] = true
		}
	}
	return o
}

// misaligned reports whether a rolled period of OLD that lies within
// NEW's horizon (newOwn: NEW's own periods) found no partner: the two
// sides' groups then cut the months differently.
func misaligned(rolled []PeriodDiff, oldM, newOwn map[string]Months) bool {
	first, end := math.MaxInt, math.MinInt
	for _, m := range newOwn {
		first, end = min(first, m.Start), max(end, m.Start+m.Len)
	}
	for _, pd := range rolled {
		m, ok := oldM[pd.Label]
		if ok && pd.Old != nil && pd.New == nil && m.Start >= first && m.Start+m.Len <= end {
			return true
		}
	}
	return false
}

// periodDiffs pairs the plans' periods by the months they cover, as
// oldM and newM give them for each label (PeriodMonths): a change of the
// fiscal year's start renames the months (April to June 2027 is FY28-Q1
// under an April year, FY27-Q4 under a July one) without changing them.
// A period's Label is OLD's name, and NewLabel NEW's where it differs. A
// label either map lacks pairs by name.
func periodDiffs(oldP, newP *Plan, oldM, newM map[string]Months, minChange float64) []PeriodDiff {
	type key struct {
		months Months
		label  string
	}
	keyOf := func(label string, ms map[string]Months) key {
		if m, ok := ms[label]; ok {
			return key{months: m}
		}
		return key{label: label}
	}
	var out []PeriodDiff
	oldAt := map[int]int{} // out index -> oldP.Periods index
	idx := map[key]int{}
	for t, p := range oldP.Periods {
		idx[keyOf(p.Label, oldM)] = len(out)
		oldAt[len(out)] = t
		out = append(out, PeriodDiff{Label: p.Label, Months: oldM[p.Label], Old: outcome(p)})
	}
	newAt := map[int]int{}
	for t, p := range newP.Periods {
		k, ok := idx[keyOf(p.Label, newM)]
		if !ok {
			k = len(out)
			out = append(out, PeriodDiff{Label: p.Label, Months: newM[p.Label]})
		} else if out[k].Label != p.Label {
			out[k].NewLabel = p.Label
		}
		out[k].New = outcome(p)
		newAt[k] = t
	}
	for i := range out {
		pd := &out[i]
		if pd.Old == nil || pd.New == nil {
			continue
		}
		var ids []string
		for _, f := range newP.Periods[newAt[i]].Functions {
			ids = append(ids, f.ID)
		}
		for _, f := range oldP.Periods[oldAt[i]].Functions {
			if _, ok := pd.New.Coverage[f.ID]; !ok {
				ids = append(ids, f.ID)
			}
		}
		for _, id := range ids {
			o, n := pd.Old.Coverage[id], pd.New.Coverage[id]
			if math.Abs(n-o) >= minChange-1e-12 && math.Abs(n-o) > 1e-9 {
				class := pd.New.class[id]
				if class == "" {
					class = pd.Old.class[id]
				}
				pd.Coverage = append(pd.Coverage, CoverageMove{Function: id, Class: class, Old: o, New: n,
					OldBelowHealthy: pd.Old.below[id], NewBelowHealthy: pd.New.below[id]})
			}
		}
	}
	return out
}
