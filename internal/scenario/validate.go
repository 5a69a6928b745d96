package scenario

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The keys allowed at each level, in the order docs/scenario.md lists them
// (and unknown-key messages repeat them).
var (
	topKeys        = []string{"name", "description", "currency", "horizon", "catalog", "stage", "budget", "policy", "central", "regions", "roster", "functions", "investments", "checkup"}
	horizonKeys    = []string{"start", "periods", "period", "fiscal_year_start"}
	budgetKeys     = []string{"annual", "per_period", "change_per_year"}
	policyKeys     = []string{"healthy_heart", "heart_weight", "brain_weight", "central_share", "max_fte", "central_effectiveness", "seller_hour_value", "whole_people"}
	shareKeys      = []string{"min", "max"}
	localityKeys   = []string{string(Central), string(Either), string(Local)}
	centralKeys    = []string{"cost_per_fte", "current_fte", "max_hires_per_period", "max_exits_per_period", "hire_cost", "exit_cost"}
	regionKeys     = []string{"name", "id", "sellers", "seller_growth_per_year", "cost_per_fte", "current_fte", "max_hires_per_period", "max_exits_per_period", "hire_cost", "exit_cost"}
	functionKeys   = []string{"id", "name", "class", "locality", "fte_per_100_sellers", "fte_per_region", "stage_multipliers", "weight", "min_coverage", "local_effectiveness", "central_effectiveness"}
	investmentKeys = []string{"id", "name", "cost", "covers", "seller_hours_per_week", "ramp_periods", "scalable", "owned", "requires", "decision"}
	costKeys       = []string{"upfront", "per_year"}
	decisionKeys   = []string{string(Optimize), string(In), string(Out)}
	stageKeys      = []string{string(Launch), string(Growth), string(Expansion), string(Margin)}
	classKeys      = []string{string(Heart), string(Brain)}
	catalogKeys    = []string{"builtin", "none"}
	periodKeys     = []string{string(Month), string(Quarter), string(Year)}
)

// Limits of the values a scenario may hold; docs/scenario.md records them.
const (
	minYear, maxYear = 1900, 2200
	maxPeriods       = 120 // 30 years of quarters, 10 years of months
	maxRampPeriods   = 60
	maxEffectiveness = 10 // FTE-equivalents one FTE can deliver
	maxSellerHours   = 40 // a working week
	// maxMagnitude bounds every number, given or derived: far beyond any
	// real budget or sales force, and small enough for the LP to stay
	// numerically sound.
	maxMagnitude = 1e15

	// maxSpread is how far apart a scenario's costs may be: the
	// dearest cost per FTE, one-time cost per hire or exit, or
	// investment cost at most this many times the cheapest that is not
	// 0 (checkCostSpread); and likewise its demands (checkDerived).
	maxSpread = 1e8
)

var (
	idRE       = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	regionIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)
	currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)
)

// decode builds a Scenario from a Doc's values (top-level key -> value),
// filling defaults and merging the catalog. The Scenario is only
// meaningful when there are no problems.
func decode(file string, top map[string]any) (*Scenario, []problem) {
	d := &decoder{}
	o := d.object("", top, topKeys)
	s := &Scenario{File: file}
	s.Name = o.text("name", strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	s.Description = o.text("description", "")
	s.Currency = o.text("currency", DefaultCurrency)
	if !currencyRE.MatchString(s.Currency) && o.has("currency") {
		d.add(o.at("currency"), "%q is not a currency code: use 3 upper-case letters (ISO 4217) such as USD or EUR", s.Currency)
	}
	d.currency = s.Currency
	s.Horizon = d.horizon(o)
	s.Catalog = o.enum("catalog", catalogKeys, "builtin")
	s.Stages = d.stages(o, s.Horizon.Periods)
	s.Budget = d.budget(o, s.Horizon.Periods)
	s.Policy = d.policy(o.child("policy", policyKeys))
	d.wholePeople, d.period = s.Policy.WholePeople, s.Horizon.Period
	var funcs knownFuncs
	s.Functions, funcs = d.functions(o, s.Catalog, s.Policy.CentralEffectiveness)
	if o.require("central", "a mapping with cost_per_fte (and optionally current_fte, hire and exit limits)") {
		s.Central = d.team(o.child("central", centralKeys), funcs)
	}
	s.Regions = d.regions(o, funcs)
	s.Roster = d.roster(o)
	s.Investments = d.investments(o, funcs)
	s.Checkup = d.checkup(o.child("checkup", CheckupThresholdNames()))
	s.Uncertain = d.uncertain
	if d.errors() == 0 {
		d.checkDerived(s)
		d.checkCostSpread(s)
	}
	return s, d.probs
}

// checkCostSpread refuses costs so far apart that the model cannot tell
// the small ones from rounding. They stand in the same spend rows, and
// the simplex's tolerances are absolute in its scaled problem: the
// baseline with a central cost of 1e-9 a person beside regions' 150,000
// (a spread of 1.5e14) was planned as infeasible ("needs -0 more
// people"), at 1e-12 the simplex hit its iteration limit, and at 1e-20 it
// reported a conflict that is not there. Between 1e9 and 1e12 about one
// random scenario in a hundred stopped at the iteration limit; within
// maxSpread none did, and every plan agrees with glpsol (TestCostSpread).
// A cost of 0 (staff or a tool that costs nothing) is no cost at all and
// is always allowed. Real costs sit within 10^4 of each other.
func (d *decoder) checkCostSpread(s *Scenario) {
	costs := s.spreadCosts()
	top := dearest(costs)
	for _, c := range costs {
		if c.v*maxSpread < top.v {
			d.add(c.key, "%s", spreadWords(fmtNum(c.v), top))
		}
	}
}

// spreadCost is one of the costs checkCostSpread holds together.
type spreadCost struct {
	key, label string // the key's path, and as a reader names it
	v          float64
}

// spreadCosts lists the scenario's costs that are not 0.
func (s *Scenario) spreadCosts() []spreadCost {
	var costs []spreadCost
	add := func(key, label string, v float64) {
		if v > 0 {
			costs = append(costs, spreadCost{key, label, v})
		}
	}
	team := func(key, label string, tm Team) {
		add(key+".cost_per_fte", label+".cost_per_fte", tm.CostPerFTE)
		add(key+".hire_cost", label+".hire_cost", tm.HireCost)
		add(key+".exit_cost", label+".exit_cost", tm.ExitCost)
	}
	team("central", "central", s.Central)
	for r, reg := range s.Regions {
		team(fmt.Sprintf("regions[%d]", r), fmt.Sprintf("regions[%s]", reg.ID), reg.Team)
	}
	for i, inv := range s.Investments {
		key, label := fmt.Sprintf("investments[%d].cost", i), fmt.Sprintf("investments[%s].cost", inv.ID)
		add(key+".upfront", label+".upfront", inv.Upfront)
		add(key+".per_year", label+".per_year", inv.PerYear)
	}
	return costs
}

// dearest is the largest of costs (the zero value when there are none).
func dearest(costs []spreadCost) spreadCost {
	var top spreadCost
	for _, c := range costs {
		if c.v > top.v {
			top = c
		}
	}
	return top
}

// spreadWords says why a cost, written as text, is refused beside top.
func spreadWords(text string, top spreadCost) string {
	return fmt.Sprintf("%s is too small beside %s (%s): %s; write 0 for what costs nothing", text, top.label, fmtLarge(top.v), costSpreadRule)
}

// costSpreadRule is the rule checkCostSpread and a roster's costs are held
// to, as the errors say it.
const costSpreadRule = "the costs of one scenario must be within a factor of 10^8 of each other, or the plan cannot tell the small ones from rounding"

func (d *decoder) horizon(top obj) Horizon {
	var h Horizon
	if !top.require("horizon", "a mapping such as {start: 2027-Q1, periods: 4}") {
		return h
	}
	o := top.child("horizon", horizonKeys)
	h.FiscalYearStart = o.integer("fiscal_year_start", between(1, 12), 0)
	var st parsedStart
	if o.require("start", startAllowed) {
		st = d.start(o.at("start"), o.m["start"])
		h.Start, h.StartYear, h.StartIndex, h.Period = st.text, st.year, st.index, st.kind
	}
	if h.Period != "" && h.Period != Month {
		fiscal := o.has("fiscal_year_start")
		switch {
		case st.fiscal && !fiscal:
			d.add(o.at("start"), "%s names a fiscal %s: give horizon.fiscal_year_start, the month (1-12) the fiscal year starts in", h.Start, h.Period)
		case !st.fiscal && fiscal && h.FiscalYearStart > 0:
			// A calendar quarter or year under a fiscal year is ambiguous:
			// suggest the fiscal one that holds its first month.
			cal := Horizon{StartYear: h.StartYear, StartIndex: h.StartIndex, Period: h.Period}
			fis := Horizon{FiscalYearStart: h.FiscalYearStart, Period: h.Period}
			fy, fq := fis.fiscalOf(cal.firstMonth())
			if h.Period == Year {
				fy, fq = h.StartYear, 1
				if h.FiscalYearStart > 1 {
					fy++
				}
			}
			fis.StartYear, fis.StartIndex = fy, fq
			m := fis.firstMonth()
			want := fiscalYearName(fy)
			if h.Period == Quarter {
				want += fmt.Sprintf("-Q%d", fq)
			}
			d.add(o.at("start"), "with fiscal_year_start, %ss are fiscal: write start as %s (which starts in %s %d), or a month such as %d-%02d",
				h.Period, want, monthName(m%12+1), m/12, m/12, m%12+1)
		}
	}
	if o.require("periods", fmt.Sprintf("the number of periods, an integer between 1 and %d", maxPeriods)) {
		h.Periods = o.integer("periods", between(1, maxPeriods), 0)
	}
	if o.has("period") {
		p := PeriodKind(o.enum("period", periodKeys, ""))
		if p != "" && h.Period != "" && p != h.Period {
			d.add(o.at("period"), "period is %s but start %s is a %s: write start: %s, or period: %s",
				p, h.Start, h.Period, h.startAs(p, st.fiscal), h.Period)
		}
	}
	return h
}

const startAllowed = "a month such as 2027-01, a quarter such as 2027-Q1 (FY28-Q1 under a fiscal year) or a year such as 2027 (FY28)"

// start parses horizon.start, which also gives the kind of period: 2027-01
// means months, 2027-Q1 quarters, 2027 years (FY28-Q1 and FY28 fiscal
// ones). A bare year arrives as a number from YAML, TOML and JSON alike.
func (d *decoder) start(path string, v any) parsedStart {
	s, ok := v.(string)
	if f, isNum := toFloat(v); isNum && f == math.Trunc(f) && math.Abs(f) < 1e6 {
		s, ok = strconv.Itoa(int(f)), true
	}
	st, form := parseStart(s)
	if !ok || !form {
		d.add(path, "expected %s, got %s", startAllowed, describe(v))
		return parsedStart{}
	}
	if st.year < minYear || st.year > maxYear {
		d.add(path, "%d is out of range: the start year must be between %d and %d", st.year, minYear, maxYear)
		return parsedStart{}
	}
	st.text = s
	return st
}

// stages expands stage, one stage or one per period, to one per period.
func (d *decoder) stages(top obj, periods int) []Stage {
	path := top.at("stage")
	switch v := top.m["stage"].(type) {
	case nil:
		return slices.Repeat([]Stage{Growth}, periods)
	case string:
		st, _ := d.stage(path, v)
		return slices.Repeat([]Stage{st}, periods)
	case []any:
		out := make([]Stage, len(v))
		for i, e := range v {
			out[i], _ = d.stage(fmt.Sprintf("%s[%d]", path, i), e)
		}
		if periods > 0 && len(v) != periods {
			d.add(path, "stage lists %d stages but horizon.periods is %d: give one stage, or exactly one per period", len(v), periods)
		}
		return out
	default:
		d.addCode(CodeType, path, "expected a stage (%s) or a list of stages, one per period, got %s", orList(stageKeys), describe(v))
		return nil
	}
}

func (d *decoder) stage(path string, v any) (Stage, bool) {
	s, ok := d.text(path, v)
	if !ok {
		return Growth, false
	}
	if !slices.Contains(stageKeys, s) {
		d.add(path, "%q is not a stage%s: use %s", s, didYouMean(s, stageKeys), orList(stageKeys))
		return Growth, false
	}
	return Stage(s), true
}

func (d *decoder) budget(top obj, periods int) Budget {
	var b Budget
	if !top.require("budget", "a mapping with annual (money per year) or per_period (a list, one amount per period)") {
		return b
	}
	o := top.child("budget", budgetKeys)
	if !o.ok {
		return b
	}
	switch {
	case o.has("annual") && o.has("per_period"):
		d.add(o.path, "give annual or per_period, not both")
	case !o.has("annual") && !o.has("per_period"):
		d.add(o.path, "budget needs annual (money per year) or per_period (a list, one amount per period)")
	}
	b.Annual = o.number("annual", atLeast(0), 0)
	if o.has("per_period") {
		path := o.at("per_period")
		list := d.list(path, o.m["per_period"])
		if list != nil {
			b.PerPeriod = make([]float64, len(list))
			for i, v := range list {
				b.PerPeriod[i], _ = d.number(fmt.Sprintf("%s[%d]", path, i), "per_period", v, atLeast(0))
			}
			if periods > 0 && len(list) != periods {
				d.add(path, "per_period lists %d amounts but horizon.periods is %d: give one amount per period", len(list), periods)
			}
		}
		if o.has("change_per_year") {
			d.add(o.at("change_per_year"), "change_per_year applies to budget.annual only: per_period already gives every period's amount")
		}
		// Annual is documented as 0 when PerPeriod is given.
		b.Annual = 0
		return b
	}
	b.ChangePerYear = o.number("change_per_year", above(-1), 0)
	o.usual("change_per_year", usualGrowth)
	return b
}

func (d *decoder) policy(o obj) Policy {
	p := Policy{
		HealthyHeart: o.number("healthy_heart", aboveUpTo(0, 1), DefaultHealthyHeart),
		HeartWeight:  o.number("heart_weight", atLeast(0), DefaultHeartWeight),
		BrainWeight:  o.number("brain_weight", atLeast(0), DefaultBrainWeight),
	}
	o.usual("healthy_heart", usualHealthy)
	cs := o.child("central_share", shareKeys)
	// Invalid bounds fall back to 0 and 1, so they never cause a false
	// "min is greater than max".
	p.CentralShare.Min = cs.number("min", between(0, 1), 0)
	p.CentralShare.Max = cs.number("max", between(0, 1), 1)
	if p.CentralShare.Min > p.CentralShare.Max {
		d.add(cs.path, "min %s is greater than max %s: central_share needs min <= max", fmtNum(p.CentralShare.Min), fmtNum(p.CentralShare.Max))
	}
	if o.has("max_fte") {
		p.MaxFTE = o.number("max_fte", above(0), 0)
	}
	p.SellerHourValue = o.number("seller_hour_value", atLeast(0), 0)
	p.WholePeople = o.boolean("whole_people", false)
	p.CentralEffectiveness = DefaultCentralEffectiveness()
	ce := o.child("central_effectiveness", localityKeys)
	for _, l := range localityKeys {
		p.CentralEffectiveness[Locality(l)] = ce.number(l, aboveUpTo(0, maxEffectiveness), p.CentralEffectiveness[Locality(l)])
		ce.usual(l, usualEffectiveness)
	}
	return p
}

// functions merges the catalog with the scenario's functions. It also
// returns the set of function ids, including those of entries with other
// problems, so that a broken entry does not make each reference to it a
// second error.
func (d *decoder) functions(top obj, catalog string, ce map[Locality]float64) ([]Function, knownFuncs) {
	var fs []Function
	if catalog != "none" {
		fs = BuiltinFunctions()
	}
	known := knownFuncs{has: map[string]bool{}}
	catalogFuncs := make([]candidate, len(fs))
	index := map[string]int{} // id -> position in fs: a search of fs for each function is quadratic
	for i, f := range fs {
		known.add(f.ID, f.Name)
		catalogFuncs[i] = candidate{f.ID, f.Name}
		index[f.ID] = i
	}
	explicitCE := map[string]bool{}
	firstAt := map[string]int{}
	before := d.errors()
	for i, item := range d.list(top.at("functions"), top.m["functions"]) {
		o := d.element(fmt.Sprintf("functions[%d]", i), item, functionKeys)
		if !o.ok {
			continue
		}
		id, ok := d.id(o)
		if j, dup := firstAt[id]; ok && dup {
			d.addAlso(o.at("id"), []string{fmt.Sprintf("functions[%d].id", j)}, "duplicate function id %q: functions[%d] has it too", id, j)
			ok = false
		} else if ok {
			firstAt[id] = i
		}
		// Ids are unique from here on, so an id already in fs is the catalog's.
		at, inFS := index[id]
		if !inFS {
			at = -1
		}
		var f Function
		idBad := false // the id itself is reported: a new function without class or locality
		if ok && at >= 0 {
			f = fs[at]
		} else {
			f = Function{ID: id, Name: id, Weight: DefaultWeight, LocalEffectiveness: DefaultLocalEffectiveness, StageMultipliers: map[Stage]float64{}}
			for _, st := range Stages {
				f.StageMultipliers[st] = 1
			}
			if ok && (!o.has("class") || !o.has("locality")) {
				idBad = true
				needs := fmt.Sprintf("a new function needs class (%s) and locality (%s)", orList(classKeys), orList(localityKeys))
				if catalog == "none" {
					d.add(o.at("id"), "with catalog: none, %q is a new function: %s", id, needs)
				} else {
					// Without a likely meaning, a new function is meant:
					// the catalog's ids would be noise.
					why := fmt.Sprintf("%q is not in the built-in catalog, and %s", id, needs)
					if m := meant(suggest(id, catalogFuncs)); m != "" {
						why += ": " + m + " " + listOf("Catalog ids", catalogFuncs, false)
					}
					d.add(o.at("id"), "%s", why)
				}
			}
		}
		f.Name = o.text("name", f.Name)
		f.Class = Class(o.enum("class", classKeys, string(f.Class)))
		f.Locality = Locality(o.enum("locality", localityKeys, string(f.Locality)))
		f.FTEPer100Sellers = o.number("fte_per_100_sellers", atLeast(0), f.FTEPer100Sellers)
		o.usual("fte_per_100_sellers", usualPer100)
		f.FTEPerRegion = o.number("fte_per_region", atLeast(0), f.FTEPerRegion)
		sm := o.child("stage_multipliers", stageKeys)
		for _, st := range Stages {
			f.StageMultipliers[st] = sm.number(string(st), atLeast(0), f.StageMultipliers[st])
			sm.usual(string(st), usualMultiplier)
		}
		f.Weight = o.number("weight", atLeast(0), f.Weight)
		f.MinCoverage = o.number("min_coverage", between(0, 1), f.MinCoverage)
		f.LocalEffectiveness = o.number("local_effectiveness", aboveUpTo(0, maxEffectiveness), f.LocalEffectiveness)
		f.CentralEffectiveness = o.number("central_effectiveness", aboveUpTo(0, maxEffectiveness), 0)
		o.usual("local_effectiveness", usualEffectiveness)
		o.usual("central_effectiveness", usualEffectiveness)
		if !ok {
			continue
		}
		explicitCE[id] = o.has("central_effectiveness")
		if idBad {
			known.accept(id)
		} else {
			known.add(id, f.Name)
		}
		if at >= 0 {
			fs[at] = f
		} else {
			index[id] = len(fs)
			fs = append(fs, f)
		}
	}
	hasHeart := false
	for i := range fs {
		if !explicitCE[fs[i].ID] {
			fs[i].CentralEffectiveness = ce[fs[i].Locality]
		}
		hasHeart = hasHeart || fs[i].Class == Heart
	}
	// Without a clean function list the missing heart is likely a
	// consequence (a misspelt class), not news.
	if !hasHeart && d.errors() == before {
		d.add(top.at("functions"), "there is no heart function: at least one function must have class: heart (territories, quotas, compensation, reporting...)")
	}
	return fs, known
}

// id reads the required id of a function or investment.
func (d *decoder) id(o obj) (string, bool) {
	if !o.require("id", "lower-case letters, digits and underscores, starting with a letter") {
		return "", false
	}
	s, ok := d.text(o.at("id"), o.m["id"])
	if !ok {
		return "", false
	}
	if !idRE.MatchString(s) {
		d.add(o.at("id"), "%q is not a valid id: use lower-case letters, digits and underscores, starting with a letter", s)
		return "", false
	}
	return s, true
}

// team reads what the central team and the regions' local teams share.
func (d *decoder) team(o obj, funcs knownFuncs) Team {
	t := Team{MaxHiresPerPeriod: -1, MaxExitsPerPeriod: -1}
	if o.require("cost_per_fte", "a number >= 0, the fully loaded cost of one FTE per year") {
		t.CostPerFTE = o.number("cost_per_fte", atLeast(0), 0)
		o.costUsual(d.currency)
	}
	t.CurrentFTE = d.functionMap(o.child("current_fte", nil), funcs, atLeast(0))
	t.MaxHiresPerPeriod = o.number("max_hires_per_period", atLeast(0), -1)
	t.MaxExitsPerPeriod = o.number("max_exits_per_period", atLeast(0), -1)
	t.HireCost = o.number("hire_cost", atLeast(0), 0)
	t.ExitCost = o.number("exit_cost", atLeast(0), 0)
	if t.CostPerFTE > 0 {
		// A one-time cost is usually a fraction of a year's cost of the
		// FTE; more than two years is more likely a slip (a zero too
		// many) than a severance.
		u := usual{hi: 2 * t.CostPerFTE, hasHi: true, why: "twice the team's cost_per_fte: a one-time cost per FTE is usually a fraction of a year's cost"}
		o.usual("hire_cost", u)
		o.usual("exit_cost", u)
	}
	d.wholeLimit(o, "max_hires_per_period", t.MaxHiresPerPeriod, "hires", "hire")
	d.wholeLimit(o, "max_exits_per_period", t.MaxExitsPerPeriod, "exits", "exit")
	return t
}

// wholeLimit warns when a hire or exit limit is not whole in a plan of
// whole people: a team's headcount then changes by whole people, so 0.3
// a month allows none (the first period's change from a fractional team
// today aside), and a plan that needed the 0.3 finds no plan in whole
// people, or searches a long time for one. 0.3 a month usually means one
// hire a quarter, which the limit cannot say.
func (d *decoder) wholeLimit(o obj, key string, limit float64, what, one string) {
	if !d.wholePeople || limit < 0 || limit == math.Floor(limit) {
		return
	}
	per := string(d.period)
	if per == "" {
		per = "period"
	}
	d.warn(o.at(key), "%s %s a %s is not a whole number: with policy.whole_people a team's headcount changes by whole people, so it allows %s %s a %s; write a whole number (fewer than one %s a %s needs longer periods)",
		fmtNum(limit), what, per, fmtNum(math.Floor(limit)), what, per, one, per)
}

// roster reads the roster key: a CSV file that gives the current team in
// place of every current_fte (loadRoster reads the file). Giving both is
// an error at each current_fte, naming the roster.
func (d *decoder) roster(top obj) string {
	if !top.has("roster") {
		return ""
	}
	path, ok := d.text(top.at("roster"), top.m["roster"])
	if !ok {
		return ""
	}
	if strings.TrimSpace(path) == "" {
		d.add(top.at("roster"), "roster is empty: give the path of a CSV file, relative to this scenario, such as team.csv")
		return ""
	}
	both := func(o obj, where string) {
		if !o.ok || !o.has("current_fte") {
			return
		}
		// At the map's first entry, when it has one: a --set of an entry
		// is then named as the place, rather than the file's team.
		at := o.at("current_fte")
		if m, isMap := o.m["current_fte"].(map[string]any); isMap && len(m) > 0 {
			at = joinKey(at, sortedKeys(m)[0])
		}
		// And at a --set of the roster, when one gave it.
		d.addAlso(at, []string{"roster"}, "both %s.current_fte and roster (%s) give the current team: keep one of them", where, path)
	}
	if m, isMap := top.m["central"].(map[string]any); isMap {
		both(obj{d: d, path: "central", m: m, ok: true}, "central")
	}
	if list, isList := top.m["regions"].([]any); isList {
		for i, item := range list {
			if m, isMap := item.(map[string]any); isMap {
				at := fmt.Sprintf("regions[%d]", i)
				both(obj{d: d, path: at, m: m, ok: true}, at)
			}
		}
	}
	return path
}

// functionMap reads a mapping of function id -> number (current_fte,
// covers); the ids must be functions of the scenario.
func (d *decoder) functionMap(o obj, funcs knownFuncs, r rng) map[string]float64 {
	out := map[string]float64{}
	for _, k := range sortedKeys(o.m) {
		if !funcs.has[k] {
			d.add(o.at(k), "%s", unknown(k, "is not a function of this scenario", "Function ids", funcs.list, false))
			continue
		}
		if f, ok := d.number(o.at(k), k, o.m[k], r); ok {
			out[k] = f
		}
	}
	return out
}

// knownFuncs are the function ids of a scenario, including those of
// entries with other problems, in catalog and then file order, with their
// names for suggestions. list is what a message offers: it leaves out an
// id that is itself reported as an error.
type knownFuncs struct {
	has  map[string]bool
	list []candidate
}

func (k *knownFuncs) add(id, name string) {
	if !k.has[id] {
		k.has[id] = true
		k.list = append(k.list, candidate{id, name})
	}
}

// accept knows id without offering it. Its entry's id is an error (a new
// function without class or locality, likely a misspelt catalog id):
// a list of function ids, or a "did you mean", must not offer it as
// allowed. A key that names it elsewhere (current_fte, covers) is not
// reported again: the problem is the entry's, reported there.
func (k *knownFuncs) accept(id string) {
	k.has[id] = true
}

func (d *decoder) regions(top obj, funcs knownFuncs) []Region {
	if !top.require("regions", "a list of regions, each with name, sellers and cost_per_fte") {
		return nil
	}
	path := top.at("regions")
	list := d.list(path, top.m["regions"])
	if _, isList := top.m["regions"].([]any); isList && len(list) == 0 {
		d.add(path, "regions lists no region: give at least one, with name, sellers and cost_per_fte")
	}
	var (
		out         []Region
		names       = map[string]int{}
		ids         = map[string]int{}
		keys        []regionNaming
		sellersOK   = true
		sellerTotal float64
	)
	for i, item := range list {
		o := d.element(fmt.Sprintf("%s[%d]", path, i), item, regionKeys)
		if !o.ok {
			sellersOK = false
			continue
		}
		r := Region{Team: d.team(o, funcs)}
		if o.require("name", "the region's name, such as EMEA") {
			r.Name = o.text("name", "")
		}
		if r.Name != "" {
			key := strings.ToLower(r.Name)
			if j, dup := names[key]; dup {
				d.addAlso(o.at("name"), []string{fmt.Sprintf("%s[%d].name", path, j)}, "duplicate region name %q: regions[%d] has it too (names are compared ignoring case)", r.Name, j)
			} else {
				names[key] = i
				// A duplicate name would also be a duplicate id: one report is enough.
				r.ID = slug(r.Name, i)
			}
		}
		if o.has("id") {
			r.ID = o.text("id", "")
			if r.ID != "" && !regionIDRE.MatchString(r.ID) {
				d.add(o.at("id"), "%q is not a valid region id: use lower-case letters, digits and underscores", r.ID)
				r.ID = ""
			}
		}
		if r.ID != "" {
			if j, dup := ids[r.ID]; dup {
				where := "id"
				if !o.has("id") {
					where = "name"
				}
				d.addAlso(o.at(where), []string{fmt.Sprintf("%s[%d]", path, j)}, "duplicate region id %q: regions[%d] has it too; give one of them another id", r.ID, j)
			} else {
				ids[r.ID] = i
			}
		}
		idAt := o.at("name")
		if o.has("id") {
			idAt = o.at("id")
		}
		// A duplicate name is reported as such, not again as ambiguous.
		name := strings.ToLower(r.Name)
		if names[name] != i {
			name = ""
		}
		keys = append(keys, regionNaming{i: i, name: name, id: r.ID, nameAt: o.at("name"), idAt: idAt})
		if o.require("sellers", "the number of sellers, >= 0") {
			n, ok := d.number(o.at("sellers"), "sellers", o.m["sellers"], atLeast(0))
			r.Sellers, sellerTotal = n, sellerTotal+n
			sellersOK = sellersOK && ok
		} else {
			sellersOK = false
		}
		r.SellerGrowthPerYear = o.number("seller_growth_per_year", above(-1), 0)
		o.usual("seller_growth_per_year", usualGrowth)
		out = append(out, r)
	}
	if sellersOK && len(list) > 0 && sellerTotal <= 0 {
		d.add(path, "there are no sellers: the sellers of all regions must add up to more than 0")
	}
	d.ambiguousRegions(keys)
	return out
}

// regionNaming is what names a region in a roster's or an actuals file's
// team column and in a --set selector: its name (lower case) and its id.
type regionNaming struct {
	i            int
	name, id     string
	nameAt, idAt string
}

// ambiguousRegions refuses a region that a team column or a selector
// could not tell from another team: one called central (its name or id),
// which a roster's "central" gives to the central team, and a name that is
// another region's id, which a roster gave to the region of that id and
// --set regions[...] to the region of that name (found by an audit: both
// silently).
func (d *decoder) ambiguousRegions(keys []regionNaming) {
	for _, a := range keys {
		switch {
		case a.name == "central":
			d.add(a.nameAt, "a region cannot be named %q: in a roster or an actuals file, central is the central team; give the region another name", "central")
			continue
		case a.id == "central":
			d.add(a.idAt, "a region cannot have the id %q: in a roster or an actuals file, central is the central team; give the region another id", "central")
			continue
		}
		for _, b := range keys {
			// Two regions of one id are a duplicate id, reported as such.
			if b.i != a.i && a.name != "" && a.name == b.id && a.id != b.id {
				d.add(a.nameAt, "regions[%d]'s name is regions[%d]'s id %q: a roster, an actuals file or --set regions[%s] could mean either; give one of them another name or id", a.i, b.i, b.id, b.id)
			}
		}
	}
}

// slug makes a region id from its name: "Amérique du Nord" -> amerique_du_nord.
// A name with no letter or digit to keep gives region_<n>.
func slug(name string, i int) string {
	var b strings.Builder
	gap := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r): // accents, after decomposition
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
		default:
			gap = true
		}
	}
	if b.Len() == 0 {
		return fmt.Sprintf("region_%d", i+1)
	}
	return b.String()
}

func (d *decoder) investments(top obj, funcs knownFuncs) []Investment {
	var (
		out     []Investment
		paths   []string // path of each investment in out
		firstAt = map[string]int{}
	)
	for i, item := range d.list(top.at("investments"), top.m["investments"]) {
		path := fmt.Sprintf("investments[%d]", i)
		o := d.element(path, item, investmentKeys)
		if !o.ok {
			continue
		}
		id, ok := d.id(o)
		if j, dup := firstAt[id]; ok && dup {
			d.add(o.at("id"), "duplicate investment id %q: investments[%d] has it too", id, j)
			ok = false
		} else if ok {
			firstAt[id] = i
		}
		inv := Investment{ID: id, Name: o.text("name", id)}
		cost := o.child("cost", costKeys)
		inv.Upfront = cost.number("upfront", atLeast(0), 0)
		inv.PerYear = cost.number("per_year", atLeast(0), 0)
		inv.Covers = d.functionMap(o.child("covers", nil), funcs, between(0, 1))
		inv.SellerHoursPerWeek = o.number("seller_hours_per_week", between(0, maxSellerHours), 0)
		o.usual("seller_hours_per_week", usualSellerHours)
		inv.RampPeriods = o.integer("ramp_periods", between(0, maxRampPeriods), 0)
		inv.Scalable = o.boolean("scalable", false)
		inv.Owned = o.boolean("owned", false)
		inv.Decision = Decision(o.enum("decision", decisionKeys, string(Optimize)))
		if inv.Owned && inv.Decision == Out {
			d.add(o.at("decision"), "investment %q is owned: it is in place and stays in every plan, so it cannot be forced out: remove owned: true to plan without it, or drop decision: out", id)
		}
		for k, v := range d.list(o.at("requires"), o.m["requires"]) {
			if s, ok := d.text(fmt.Sprintf("%s.requires[%d]", path, k), v); ok {
				inv.Requires = append(inv.Requires, s)
			} else {
				// Keep the indices of requires aligned with the file.
				inv.Requires = append(inv.Requires, "")
			}
		}
		if ok {
			out = append(out, inv)
			paths = append(paths, path)
		}
	}
	d.requirements(out, paths)
	d.forcedRequirements(out, paths)
	for i := range out {
		out[i].Requires = slices.DeleteFunc(out[i].Requires, func(s string) bool { return s == "" })
		if len(out[i].Requires) == 0 {
			out[i].Requires = nil
		}
	}
	return out
}

// requirements checks that every required investment exists, is not the
// investment itself nor listed twice, and that requirements do not go
// round in a cycle. It blanks the references it rejects.
func (d *decoder) requirements(invs []Investment, paths []string) {
	index := map[string]int{}
	cands := make([]candidate, len(invs))
	for i, inv := range invs {
		index[inv.ID] = i
		cands[i] = candidate{inv.ID, inv.Name}
	}
	edges := make([][]int, len(invs))
	for i := range invs {
		listed := map[string]int{} // requirement -> its first index
		for k, req := range invs[i].Requires {
			path := fmt.Sprintf("%s.requires[%d]", paths[i], k)
			j, found := index[req]
			first, twice := listed[req]
			if !twice {
				listed[req] = k
			}
			switch {
			case req == "":
			case req == invs[i].ID:
				d.add(path, "investment %q cannot require itself", req)
				invs[i].Requires[k] = ""
			case twice:
				// Harmless to the model, but a slip: the user likely meant
				// another investment.
				d.add(path, "duplicate requirement %q: %s.requires[%d] has it too; list each investment once", req, paths[i], first)
				invs[i].Requires[k] = ""
			case !found:
				d.add(path, "%s", unknown(req, "is not an investment of this scenario", "Investment ids", cands, false))
				invs[i].Requires[k] = ""
			default:
				edges[i] = append(edges[i], j)
			}
		}
	}
	for _, c := range cycles(edges) {
		names := make([]string, len(c))
		for k, i := range c {
			names[k] = invs[i].ID
		}
		d.add(paths[c[0]]+".requires", "requirement cycle: %s -> %s: an investment cannot depend on itself, even through others", strings.Join(names, " -> "), names[0])
	}
}

// forcedRequirements checks that no investment forced in requires, directly
// or through others, an investment forced out: the plan would have to buy
// both and neither (the model's requires rows against the forced levels),
// so it is refused here, at the forced-in investment's decision, rather
// than left to the explanation of an infeasible plan. It runs after
// requirements: references it rejected are blank, and cycles are reported
// (the walk below marks what it has seen, so a cycle cannot loop it).
func (d *decoder) forcedRequirements(invs []Investment, paths []string) {
	index := map[string]int{}
	for i, inv := range invs {
		index[inv.ID] = i
	}
	for i, inv := range invs {
		if inv.Decision != In {
			continue
		}
		// Breadth first from i, keeping the way each investment was
		// reached, so that the chain named is a shortest one and the same
		// at every run (requires in file order).
		from := map[int]int{i: -1}
		queue := []int{i}
		for len(queue) > 0 {
			k := queue[0]
			queue = queue[1:]
			if invs[k].Decision == Out {
				var chain []string
				for j := k; j >= 0; j = from[j] {
					chain = append([]string{invs[j].ID}, chain...)
				}
				d.add(paths[i]+".decision", "investment %q is forced in (decision: in) but requires %q (%s), which is forced out (%s.decision: out): leave one of them to the optimizer (decision: optimize), or force both in",
					inv.ID, invs[k].ID, strings.Join(chain, " -> "), paths[k])
				break
			}
			for _, req := range invs[k].Requires {
				j, ok := index[req]
				if _, seen := from[j]; ok && !seen {
					from[j] = k
					queue = append(queue, j)
				}
			}
		}
	}
}

// cycles finds the cycles of a directed graph by depth-first search, each
// once, starting from its lowest node, in a stable order.
func cycles(edges [][]int) [][]int {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(edges))
	var (
		stack []int
		out   [][]int
		seen  = map[string]bool{}
		visit func(int)
	)
	visit = func(i int) {
		color[i] = grey
		stack = append(stack, i)
		for _, j := range edges[i] {
			switch color[j] {
			case white:
				visit(j)
			case grey:
				at := slices.Index(stack, j)
				c := slices.Clone(stack[at:])
				low := slices.Index(c, slices.Min(c))
				c = append(c[low:], c[:low]...)
				if key := fmt.Sprint(c); !seen[key] {
					seen[key] = true
					out = append(out, c)
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
	}
	for i := range edges {
		if color[i] == white {
			visit(i)
		}
	}
	return out
}

// checkup reads the checkup thresholds: only the names in
// CheckupThresholds (the unknown ones were reported by object), each in its
// range, and no "watch" threshold above its "act" threshold.
func (d *decoder) checkup(o obj) map[string]float64 {
	out := map[string]float64{}
	for _, th := range CheckupThresholds {
		if !o.has(th.Name) {
			continue
		}
		if f, ok := d.number(o.at(th.Name), th.Name, o.m[th.Name], between(th.Min, th.Max)); ok {
			out[th.Name] = f
		}
	}
	value := func(name string) (float64, bool) {
		if v, ok := out[name]; ok {
			return v, true
		}
		for _, th := range CheckupThresholds {
			if th.Name == name {
				return th.Default, false
			}
		}
		return 0, false
	}
	for _, th := range CheckupThresholds {
		if th.Act == "" {
			continue
		}
		watch, givenW := value(th.Name)
		act, givenA := value(th.Act)
		if (givenW || givenA) && watch > act {
			at := o.at(th.Name)
			if !givenW {
				at = o.at(th.Act)
			}
			d.add(at, "%s (%s) is above %s (%s): a sign is watched before it calls for action", th.Name, fmtNum(watch), th.Act, fmtNum(act))
		}
	}
	return out
}

// staffingCost bounds the money the model computes in period t: all the
// demand staffed at the dearer of each region's and the central cost per
// FTE, a year. most is the largest region's share, top that region.
func (s *Scenario) staffingCost(t int) (total, most float64, top int) {
	for r, reg := range s.Regions {
		var cost float64
		for f := range s.Functions {
			cost += s.Demand(f, r, t) * max(reg.CostPerFTE, s.Central.CostPerFTE)
		}
		total += cost
		if cost > most {
			top, most = r, cost
		}
	}
	return total, most, top
}

// checkDerived applies the limit on numbers to the figures the model
// derives, which compounding can push beyond it while every input is in
// range. Growth is monotonic, so the last period has the extremes of budget
// and sellers; demand also depends on the stage, so every period counts.
func (d *decoder) checkDerived(s *Scenario) {
	tooLarge := func(v float64) bool { return !(math.Abs(v) <= maxMagnitude) } // also NaN
	last := s.Periods() - 1
	label := s.PeriodLabel(last)
	if b := s.PeriodBudget(last); tooLarge(b) {
		d.add("budget", "the budget grows to %s by %s: lower annual or change_per_year (numbers must be at most %s)", fmtLarge(b), label, maxMagnitudeText)
	}
	var total float64
	for r := range s.Regions {
		n := s.Sellers(r, last)
		total += n
		if tooLarge(n) {
			d.add(fmt.Sprintf("regions[%d]", r), "the sellers grow to %s by %s: lower sellers or seller_growth_per_year (numbers must be at most %s)", fmtLarge(n), label, maxMagnitudeText)
			return
		}
	}
	if tooLarge(total) {
		d.add("regions", "the sellers of all regions add up to %s by %s (numbers must be at most %s)", fmtLarge(total), label, maxMagnitudeText)
		return
	}
	for f, fn := range s.Functions {
		for r := range s.Regions {
			for t := range s.Periods() {
				if v := s.Demand(f, r, t); tooLarge(v) {
					d.add("functions", "the demand for %s in %s reaches %s FTE in %s: lower its FTE rates or stage multipliers (numbers must be at most %s)",
						fn.ID, s.Regions[r].Name, fmtLarge(v), s.PeriodLabel(t), maxMagnitudeText)
					return
				}
			}
		}
	}
	// A region's share of the sellers weighs its coverage in the scores:
	// a share far below the others' is a coefficient the simplex cannot
	// resolve beside theirs (the baseline with APAC's sellers at 1e-30
	// stopped at the iteration limit, at 1e-40 the factorization failed,
	// at 1e-50 it was planned as infeasible).
	for t := range s.Periods() {
		for r, share := range s.SellerShares(t) {
			if share > 0 && share*maxSpread < 1 {
				d.add(fmt.Sprintf("regions[%d].sellers", r), "%s's %.3g sellers in %s are a share of %.3g of all sellers, too small for the plan to tell from rounding: a region's share must be 0 or at least 1e-8; raise its sellers or make them 0",
					s.Regions[r].Name, s.Sellers(r, t), s.PeriodLabel(t), share)
				return
			}
		}
	}
	// A demand far below the largest makes capacity rows (divided
	// through by their demand) the simplex cannot resolve beside the
	// others. Within maxSpread, as costs, it plans (TestCostSpread).
	var top, least float64
	var topAt, leastAt [3]int
	for f := range s.Functions {
		for r := range s.Regions {
			for t := range s.Periods() {
				v := s.Demand(f, r, t)
				if v > top {
					top, topAt = v, [3]int{f, r, t}
				}
				if v > 0 && (least == 0 || v < least) {
					least, leastAt = v, [3]int{f, r, t}
				}
			}
		}
	}
	if least > 0 && least*maxSpread < top {
		f, r, t := leastAt[0], leastAt[1], leastAt[2]
		d.add(fmt.Sprintf("regions[%d]", r), "the demand for %s in %s is %.3g FTE in %s, too small beside the largest, %.3g FTE for %s in %s: the demands of one scenario must be within a factor of 10^8 of each other, or the plan cannot tell the small ones from rounding; raise %s's sellers or the FTE rates of %s, or make them 0",
			s.Functions[f].ID, s.Regions[r].Name, least, s.PeriodLabel(t), top, s.Functions[topAt[0]].ID, s.Regions[topAt[1]].Name, s.Regions[r].Name, s.Functions[f].ID)
		return
	}
	// The model's spend is people times cost: each input may be in range
	// while the money they make is not, and the LP's spend rows lose the
	// small amounts next to such sums (issue 17). Staffing all the demand
	// at the dearer of the region's and the central cost bounds it.
	for t := range s.Periods() {
		total, most, top := s.staffingCost(t)
		if tooLarge(total) {
			d.add(fmt.Sprintf("regions[%d]", top), "staffing all the demand of %s costs up to %s a year, %s of it in %s: lower sellers, FTE rates or costs per FTE (money the model computes must be at most %s)",
				s.PeriodLabel(t), fmtLarge(total), fmtLarge(most), s.Regions[top].Name, maxMagnitudeText)
			return
		}
	}
}
