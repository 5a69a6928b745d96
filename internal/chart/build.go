package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// Options choose variants of a chart.
type Options struct {
	// ByRegion draws the coverage heatmap per function × region, a column
	// per period and region, when the plan has regional coverage.
	ByRegion bool
	// Groups, when set, holds for each period of the plan the label of the
	// longer period it falls in, as the tables roll the plan up (the
	// fiscal quarter FY28-Q1 of the month 2027-04: report.RollUp.Groups),
	// and GroupedBy what those are ("quarter"). The period axis is then
	// labelled at each group's first period with the group's name, every
	// period a minor tick: the charts speak the tables' language, where
	// month labels every third month read as a calendar the tables do not
	// use.
	Groups    []string
	GroupedBy string
}

// axis is the period axis of a plan's charts: its title, and the groups
// of its periods (Options.Groups) when they group some.
func (o Options) axis(p *plan.Plan) (string, []string) {
	return groupedAxis(periodAxis(p), len(p.Periods), o.Groups, o.GroupedBy)
}

// groupedAxis is the title of a period axis of n periods titled axis,
// and the groups of its periods, when groups (of each period, by what
// they are: "quarter") group some: "month, labelled by quarter". The
// axis as it is, and no groups, otherwise.
func groupedAxis(axis string, n int, groups []string, by string) (string, []string) {
	if len(groups) != n || by == "" {
		return axis, nil
	}
	for i := 1; i < len(groups); i++ {
		if groups[i] == groups[i-1] {
			return axis + labelledBy + by, groups
		}
	}
	return axis, nil
}

// labelledBy joins a grouped period axis's title to what its periods are
// labelled by (groupedAxis).
const labelledBy = ", labelled by "

// eachNamedAxis is the title, as drawn, of a grouped period axis that
// names every period as well as its group (namesEach): "month and
// quarter" where the data's title is "month, labelled by quarter", which
// would say the months go unnamed.
func eachNamedAxis(title string) string { return strings.Replace(title, labelledBy, " and ", 1) }

// ForPlan builds a chart of one plan: HeartBrain, Coverage, Spend or FTE.
// s is the scenario of the plan (for the central share's bounds); it may
// be nil.
func ForPlan(kind Kind, s *scenario.Scenario, p *plan.Plan, o Options) (*Chart, error) {
	if len(p.Periods) == 0 {
		return nil, fmt.Errorf("%w: %s has no plan", ErrNoData, p.Scenario)
	}
	switch kind {
	case HeartBrain:
		return heartBrain(p, o), nil
	case Coverage:
		return coverage(p, o), nil
	case Spend:
		return spend(p, o), nil
	case FTE:
		return fte(s, p, o), nil
	}
	return nil, fmt.Errorf("%w %q for one plan: use %s, %s, %s or %s", ErrKind, kind, HeartBrain, Coverage, Spend, FTE)
}

func labels(p *plan.Plan) []string {
	ls := make([]string, len(p.Periods))
	for t, per := range p.Periods {
		ls[t] = per.Label
	}
	return ls
}

func periodAxis(p *plan.Plan) string {
	if p.Period == "" {
		return "period"
	}
	return p.Period
}

func money(p *plan.Plan) Unit { return Unit{Kind: Money, Currency: p.Currency} }

// WeakestHeart is the heart function with the lowest coverage in a period
// (the first such in the plan's order, ranked as the plan ranks it:
// plan.Function.Ranked), with how many other heart functions read as low
// at the tables' precision (plan.Function.Shown).
type WeakestHeart struct {
	ID       string
	Coverage float64
	// Shown is Coverage as the plan's coverage by function prints it
	// (plan.Function.Shown): rounded down when the function is below
	// healthy over all regions.
	Shown float64
	// Others counts the other heart functions as low; All says that every
	// heart function of the period is, when there are two or more.
	Others int
	All    bool
}

// Note is the point's label: the function, "territories and 2 more" when
// others are as low, "every heart function" when all are, so that a tie
// never names one function as the weak spot.
func (w WeakestHeart) Note() string {
	switch {
	case w.All:
		return "every heart function"
	case w.Others > 0:
		return fmt.Sprintf("%s and %d more", w.ID, w.Others)
	}
	return w.ID
}

// NoteName is the function Note names, the part of it that is cut where
// it is too long for the chart (Series.NoteNames); "" when it names none.
func (w WeakestHeart) NoteName() string {
	if w.All {
		return ""
	}
	return w.ID
}

// Weakest is the period's weakest heart function and its ties
// (plan.Period.WeakestHeartFunction); ok is false when it has no heart
// function.
func Weakest(per plan.Period) (w WeakestHeart, ok bool) {
	f, others, all := per.WeakestHeartFunction()
	if f == nil {
		return WeakestHeart{}, false
	}
	return WeakestHeart{ID: f.ID, Coverage: f.Coverage, Shown: f.Shown(), Others: others, All: all}, true
}

// heartBrain draws the heart and the weakest heart function as the tables
// beside the chart print them, as the review's chart does (ForReview): a
// heart that is not healthy rounded down to a tenth of a point
// (plan.HeartShown), the weakest function as the coverage by function
// prints it (WeakestHeart.Shown), so that a point read off the chart is
// the table's figure (80.9%; in earlier versions the exact 80.97%, which
// read as 81.0%).
func heartBrain(p *plan.Plan, o Options) *Chart {
	n := len(p.Periods)
	heart, brain := make([]float64, n), make([]float64, n)
	weak, notes, names := make([]float64, n), make([]string, n), make([]string, n)
	for t, per := range p.Periods {
		heart[t], brain[t] = plan.HeartShown(per.Heart, per.Healthy), per.Brain
		weak[t] = math.NaN()
		if w, ok := Weakest(per); ok {
			weak[t], notes[t], names[t] = w.Shown, w.Note(), w.NoteName()
		}
	}
	xl, groups := o.axis(p)
	return &Chart{Kind: HeartBrain, Title: p.Scenario + ": heart and brain by " + periodAxis(p), Panels: []Panel{{
		XLabel: xl, YLabel: "score (share of demand covered)", Y: Unit{Kind: Percent},
		Categories: labels(p), TickGroups: groups, YMin: 0, YMax: 1.05, YFixed: true,
		Series: []Series{
			{Name: "heart", Type: Line, Y: heart},
			{Name: "brain", Type: Line, Y: brain},
			{Name: "weakest heart function", Type: Points, Y: weak, Notes: notes, NoteNames: names},
		},
		Lines: []RefLine{{Label: "healthy heart " + thresholdFormat(p.HealthyHeart), Value: p.HealthyHeart}},
	}}}
}

// coverageRows are the functions, heart above brain, in the plan's order
// within a class.
func coverageRows(p *plan.Plan) []plan.Function {
	fs := append([]plan.Function(nil), p.Periods[0].Functions...)
	sort.SliceStable(fs, func(i, j int) bool {
		return fs[i].Class == string(scenario.Heart) && fs[j].Class != string(scenario.Heart)
	})
	return fs
}

func coverage(p *plan.Plan, o Options) *Chart {
	byRegion := o.ByRegion
	fs := coverageRows(p)
	index := map[string]int{}
	for i, f := range p.Periods[0].Functions {
		index[f.ID] = i
	}
	regional := byRegion && len(p.Periods[0].Regions) > 0
	h := &Heatmap{}
	for _, per := range p.Periods {
		if !regional {
			h.Columns = append(h.Columns, per.Label)
			continue
		}
		for _, r := range per.Regions {
			h.Columns = append(h.Columns, r.Name)
			h.Groups = append(h.Groups, per.Label)
		}
	}
	for _, f := range fs {
		row := HeatRow{Label: f.ID, Class: f.Class, Floor: f.MinCoverage}
		for _, per := range p.Periods {
			if !regional {
				fn := &per.Functions[index[f.ID]]
				row.Cells = append(row.Cells, fn.Coverage)
				row.Reads = append(row.Reads, fn.Ranked())
				continue
			}
			for _, r := range per.Regions {
				x, read := math.NaN(), math.NaN() // no demand
				if c := per.Cell(f.ID, r.ID); c != nil {
					x, read = c.Coverage, c.Ranked()
				}
				row.Cells = append(row.Cells, x)
				row.Reads = append(row.Reads, read)
			}
		}
		h.Rows = append(h.Rows, row)
	}
	title := p.Scenario + ": coverage by function and " + periodAxis(p)
	xl, groups := o.axis(p)
	if regional {
		// Above the columns, a quarter's name over all its months'
		// regions, as the tables roll the months up (heatPlotter): a
		// quarter's name over each month's regions would name three
		// groups alike, and the months' names, every third one, a
		// calendar the tables do not use.
		title = p.Scenario + ": coverage by function and region"
		xl = "region, by " + xl
		if groups != nil {
			byColumn := make([]string, 0, len(h.Columns))
			for t, per := range p.Periods {
				for range per.Regions {
					byColumn = append(byColumn, groups[t])
				}
			}
			groups = byColumn
		}
	}
	return &Chart{Kind: Coverage, Title: title, Panels: []Panel{{
		XLabel: xl, YLabel: "function (heart above brain)", Y: Unit{Kind: Percent}, Heat: h, TickGroups: groups,
	}}}
}

func spend(p *plan.Plan, o Options) *Chart {
	n := len(p.Periods)
	central, local, inv, budget := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for t, per := range p.Periods {
		central[t] = per.CentralSpend
		local[t] = per.StaffSpend - per.CentralSpend
		for _, x := range per.Investments {
			inv[t] += x.Spend
		}
		budget[t] = per.Budget
	}
	xl, groups := o.axis(p)
	return &Chart{Kind: Spend, Title: p.Scenario + ": spend against budget by " + periodAxis(p), Panels: []Panel{{
		XLabel: xl, YLabel: "spend (" + p.Currency + ")", Y: money(p), Categories: labels(p), TickGroups: groups,
		Series: []Series{
			{Name: "central staff", Type: Stacked, Y: central},
			{Name: "local staff", Type: Stacked, Y: local},
			{Name: "investments", Type: Stacked, Y: inv},
			{Name: "budget", Type: Line, Y: budget},
		},
	}}}
}

func fte(s *scenario.Scenario, p *plan.Plan, o Options) *Chart {
	n := len(p.Periods)
	central, local, share := make([]float64, n), make([]float64, n), make([]float64, n)
	for t, per := range p.Periods {
		central[t], local[t], share[t] = per.CentralFTE, per.LocalFTE, per.CentralShare
	}
	var bounds []RefLine
	if s != nil {
		if b := s.Policy.CentralShare.Min; b > 0 {
			bounds = append(bounds, RefLine{Label: "least central share " + Unit{Kind: Percent}.Format(b), Value: b})
		}
		if b := s.Policy.CentralShare.Max; b < 1 {
			bounds = append(bounds, RefLine{Label: "most central share " + Unit{Kind: Percent}.Format(b), Value: b})
		}
	}
	ax, groups := o.axis(p)
	return &Chart{Kind: FTE, Title: p.Scenario + ": central and local FTE by " + periodAxis(p), Panels: []Panel{
		{
			XLabel: ax, YLabel: "FTE", Y: Unit{Kind: People}, Categories: labels(p), TickGroups: groups,
			Series: []Series{{Name: "central FTE", Type: Stacked, Y: central}, {Name: "local FTE", Type: Stacked, Y: local}},
		},
		{
			XLabel: ax, YLabel: "central share of FTE", Y: Unit{Kind: Percent}, Categories: labels(p), TickGroups: groups,
			YMin: 0, YMax: 1, YFixed: true,
			Series: []Series{{Name: "central share", Type: Line, Y: share}},
			Lines:  bounds,
		},
	}}
}

// ForSweep builds the what-if chart of a sweep: heart, weakest period's
// heart and brain against the first input, with the scenario's own value
// of it (base) marked. A two-input sweep gives a heart panel and a brain
// panel, a series per value of the second input. labels name the inputs
// in words ("annual budget", report.InputLabels), as the workbook and the
// risk views do, for a chart meant for a memo; a missing or empty label is
// the key path.
func ForSweep(res *plan.SweepResult, labels []string, base float64, healthy float64) (*Chart, error) {
	if len(res.Inputs) == 0 || len(res.Inputs) > 2 {
		return nil, fmt.Errorf("%w: a what-if chart has one or two inputs, got %d", ErrNoData, len(res.Inputs))
	}
	ok := false
	for _, r := range res.Rows {
		ok = ok || r.OK()
	}
	if !ok {
		return nil, fmt.Errorf("%w: no point of the sweep has a plan", ErrNoData)
	}
	label := func(i int) string {
		if i < len(labels) && labels[i] != "" {
			return labels[i]
		}
		return res.Inputs[i].Key
	}
	key, name := res.Inputs[0].Key, label(0)
	xs := res.Inputs[0].Values
	xu := InputUnit(key, res.Currency)
	mark := []RefLine{{Label: fmt.Sprintf("this scenario (%s)", xu.Format(base)), Value: base, Vertical: true}}
	// Where the healthy heart is itself varied, each point's healthy heart
	// is its own, not the scenario's: a line at the scenario's 90% read as
	// the bar of the 85% and 95% lines too.
	variesHealthy := false
	for _, in := range res.Inputs {
		variesHealthy = variesHealthy || in.Key == healthyHeartKey
	}
	if healthy > 0 && !variesHealthy {
		mark = append(mark, RefLine{Label: "healthy heart " + thresholdFormat(healthy), Value: healthy})
	}
	title := res.Scenario + ": what if " + name + " changes"
	if len(res.Inputs) == 1 {
		heart, low, brain := nanSlice(len(xs)), nanSlice(len(xs)), nanSlice(len(xs))
		for k, r := range res.Rows {
			if r.OK() {
				heart[k], low[k], brain[k] = r.Heart, r.HeartMin, r.Brain
			}
		}
		// The weakest period's heart is no mean: each series says what it
		// is, in the comparison's words, under an axis of scores (the
		// axis read "mean over the periods" beside it).
		return &Chart{Kind: WhatIf, Title: title, Panels: []Panel{{
			XLabel: name, YLabel: "score (share of demand covered)", X: xu, Y: Unit{Kind: Percent},
			YMin: 0, YMax: 1.05, YFixed: true,
			Series: []Series{
				{Name: "heart (mean)", Type: Line, X: xs, Y: heart},
				{Name: "heart (weakest period)", Type: Line, X: xs, Y: low},
				{Name: "brain (mean)", Type: Line, X: xs, Y: brain},
			},
			Lines: mark,
		}}}, nil
	}
	second := res.Inputs[1]
	su := InputUnit(second.Key, res.Currency)
	panel := func(score string, lines []RefLine, pick func(plan.SweepRow) float64) Panel {
		p := Panel{XLabel: name, YLabel: score + " (mean over the periods)", X: xu, Y: Unit{Kind: Percent},
			YMin: 0, YMax: 1.05, YFixed: true, Lines: lines}
		for j, v := range second.Values {
			ys := nanSlice(len(xs))
			for i := range xs {
				if r := res.Rows[i*len(second.Values)+j]; r.OK() {
					ys[i] = pick(r)
				}
			}
			p.Series = append(p.Series, Series{Name: fmt.Sprintf("%s, %s = %s", score, label(1), su.Format(v)), Type: Line, X: xs, Y: ys})
		}
		return p
	}
	return &Chart{Kind: WhatIf, Title: title + ", for each " + label(1), Panels: []Panel{
		panel("heart", mark, func(r plan.SweepRow) float64 { return r.Heart }),
		// The healthy line is the heart's: on the brain's panel it would
		// read as a target the brain has not.
		panel("brain", mark[:1], func(r plan.SweepRow) float64 { return r.Brain }),
	}}, nil
}

// healthyHeartKey is the scenario key of the healthy heart.
const healthyHeartKey = "policy.healthy_heart"

func nanSlice(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = math.NaN()
	}
	return xs
}

// InputUnit guesses the unit of a scenario key from its last part: money
// for budgets and costs, a share for shares, coverages and growth, else a
// number.
func InputUnit(key, currency string) Unit {
	last := key[strings.LastIndexAny(key, ".]")+1:]
	switch {
	case strings.Contains(key, "stage_multipliers"):
		// A multiplier of demand, named after its stage: growth's 1.1
		// is 1.1 times, not 110.0% (which "growth" alone would read as).
		return Unit{Kind: Number}
	case strings.Contains(key, "budget") && last != "change_per_year", strings.Contains(last, "cost"),
		last == "upfront", last == "per_year" && strings.Contains(key, "cost"):
		return Unit{Kind: Money, Currency: currency}
	case strings.Contains(last, "share") || strings.Contains(last, "coverage") || strings.Contains(last, "growth") ||
		last == "healthy_heart" || last == "change_per_year" || last == "min" || last == "max":
		return Unit{Kind: Percent}
	}
	return Unit{Kind: Number}
}

// Axis places the periods of several plans on a comparison's x axis: its
// Categories in order, and Of[i] the category of each period label of
// plan i. Periods that cover the same months under different names (a
// calendar 2027-Q2 and a fiscal FY28-Q1) thus share a category, and one
// name that is other months in two plans (FY28-Q1 under an April and a
// July fiscal year) does not.
type Axis struct {
	Categories []string
	Of         []map[string]string
}

// sharedHealthy is the healthy heart of the plans with periods, when they
// all have the same one.
func sharedHealthy(plans []*plan.Plan) (float64, bool) {
	h, ok := 0.0, false
	for _, p := range plans {
		if len(p.Periods) == 0 {
			continue
		}
		if ok && p.HealthyHeart != h {
			return 0, false
		}
		h, ok = p.HealthyHeart, true
	}
	return h, ok
}

// ForPlans builds the comparison chart of several plans: heart (with the
// healthy heart's line when they share one), brain, spend (when the plans
// share a currency) and central share by period, one series per scenario. axis, when not nil, places each period; nil
// matches periods by label, in the order they first appear. A plan without
// a period on the axis has no point there.
func ForPlans(plans []*plan.Plan, axis *Axis) (*Chart, error) {
	var cats []string
	seen := map[string]bool{}
	names := []string{}
	currency := ""
	sameCurrency := true
	for _, p := range plans {
		if len(p.Periods) == 0 {
			continue
		}
		names = append(names, p.Scenario)
		if currency == "" {
			currency = p.Currency
		}
		sameCurrency = sameCurrency && p.Currency == currency
		for _, per := range p.Periods {
			if !seen[per.Label] {
				seen[per.Label] = true
				cats = append(cats, per.Label)
			}
		}
	}
	if len(cats) == 0 {
		return nil, fmt.Errorf("%w: no scenario has a plan", ErrNoData)
	}
	of := func(_ int, label string) string { return label }
	if axis != nil {
		cats = axis.Categories
		of = func(k int, label string) string { return axis.Of[k][label] }
	}
	at := map[string]int{}
	for i, c := range cats {
		at[c] = i
	}
	panel := func(label string, u Unit, pick func(plan.Period) float64) Panel {
		pn := Panel{XLabel: "period", YLabel: label, Y: u, Categories: cats}
		if u.Kind == Percent {
			pn.YMin, pn.YMax, pn.YFixed = 0, 1.05, true
		}
		for k, p := range plans {
			if len(p.Periods) == 0 {
				continue
			}
			ys := nanSlice(len(cats))
			for _, per := range p.Periods {
				if i, ok := at[of(k, per.Label)]; ok {
					ys[i] = pick(per)
				}
			}
			pn.Series = append(pn.Series, Series{Name: p.Scenario, Type: Line, Y: ys})
		}
		return pn
	}
	// The hearts as the comparison's table prints them (plan.HeartShown),
	// as the plan's heart-brain chart draws them, and against the healthy
	// heart when every plan has the same one.
	heart := panel("heart", Unit{Kind: Percent}, func(p plan.Period) float64 { return plan.HeartShown(p.Heart, p.Healthy) })
	if h, ok := sharedHealthy(plans); ok {
		heart.Lines = []RefLine{{Label: "healthy heart " + thresholdFormat(h), Value: h}}
	}
	ps := []Panel{
		heart,
		panel("brain", Unit{Kind: Percent}, func(p plan.Period) float64 { return p.Brain }),
	}
	if sameCurrency {
		ps = append(ps, panel("spend ("+currency+")", Unit{Kind: Money, Currency: currency}, func(p plan.Period) float64 { return p.Spend }))
	}
	ps = append(ps, panel("central share", Unit{Kind: Percent}, func(p plan.Period) float64 { return p.CentralShare }))
	return &Chart{Kind: Compare, Title: "Compared by period: " + strings.Join(names, ", "), Panels: ps}, nil
}
