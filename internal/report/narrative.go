package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Narrative is three to five plain sentences about a plan that a sales ops
// leader can paste into a budget memo: the heart, the brain, where the
// money goes, what the investments buy and, for an optimized plan, what
// holds it back. It words the plan's claims (plan.Claims), which are read
// off the plan and re-derived from it by a test; it adds no figure of its
// own. An infeasible plan has none. It speaks of the plan's own periods:
// NarrativeBy speaks of those the tables show.
func Narrative(p *plan.Plan) []string { return NarrativeBy(p, nil) }

// NarrativeBy is Narrative beside tables that show p's periods rolled up
// by r (a monthly plan by quarter): it names the periods the tables show
// and quotes their figures, rolled up as the tables roll them
// (plan.Plan.RollUpClaims), so that "peaking at 97.8% in FY28-Q2" is read
// in the table under it; a limit reached in some months of a quarter only
// says so ("in some months of FY29-Q2"), and the weakest heart cell, the
// weakest of the months' as a rolled period's is, names its month and
// quarter. With r nil, or a roll-up that groups no two periods, it is
// Narrative.
func NarrativeBy(p *plan.Plan, r *RollUp) []string {
	n := narrator{p: p, orig: p, noun: periodNoun(p)}
	claims := p.Claims
	if r.active(p) {
		n.p, n.noun, n.unit = rollUp(p, r), r.By, r.Unit
		n.spans = r.spans()
		n.own = make(map[string]int, len(p.Periods))
		for t, per := range p.Periods {
			n.own[per.Label] = t
		}
		n.group = make(map[string]string, len(p.Periods))
		for _, sp := range n.spans {
			for t := sp.Start; t < sp.End; t++ {
				n.group[p.Periods[t].Label] = sp.Label
			}
		}
		claims = p.RollUpClaims(r.Groups, r.Size, r.Unit)
	}
	if claims == nil {
		claims = plan.Claims(p)
	}
	if len(claims) == 0 || len(p.Periods) == 0 {
		return nil
	}
	n.all, n.by = claims, map[string][]plan.Finding{}
	for _, c := range claims {
		n.by[c.Kind] = append(n.by[c.Kind], c)
	}
	var out []string
	for _, s := range []string{n.heart(), n.brain(), n.money(), n.investments()} {
		if s != "" {
			out = append(out, s)
		}
	}
	if p.Mode == plan.ModeAsIs {
		if s := n.asIs(); s != "" {
			out = append(out, s)
		}
	}
	if p.Mode == plan.ModeOptimized {
		out = append(out, n.binding())
		if s := n.searchStopped(); s != "" {
			out = append(out, s)
		}
		if s := n.replacements(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

type narrator struct {
	p    *plan.Plan // rolled up as the tables show it
	orig *plan.Plan // the plan's own periods, with their cells
	noun string     // month, quarter or year: one of p's periods
	all  []plan.Finding
	by   map[string][]plan.Finding
	// For a plan rolled up (NarrativeBy): unit is the plan's own period
	// ("month"), spans its periods in each rolled one, and group the
	// label of the rolled period each of its own is in.
	unit  string
	spans []plan.Span
	group map[string]string
	own   map[string]int // the index of each of the plan's own periods
}

// periodNoun is the word for one of the plan's periods: month, quarter or
// year. A plan from before the period kind was recorded has none: its
// labels tell quarters (2027-Q1) from years (2027).
func periodNoun(p *plan.Plan) string {
	switch {
	case p.Period != "":
		return p.Period
	case len(p.Periods) > 0 && strings.Contains(p.Periods[0].Label, "-Q"):
		return "quarter"
	}
	return "year"
}

// one returns the claim of a kind, if the plan makes it.
func (n narrator) one(kind string) (plan.Finding, bool) {
	if fs := n.by[kind]; len(fs) > 0 {
		return fs[0], true
	}
	return plan.Finding{}, false
}

func (n narrator) cash(x float64) string { return plan.FormatMoney(n.p.Currency, x) }

// periods writes a set of period labels: "every quarter", "2027", "2027-Q1
// and 2027-Q3", runs as "2027-Q2 to 2027-Q4".
func (n narrator) periods(labels []string) string {
	if len(labels) == len(n.p.Periods) && len(labels) > 1 {
		return "every " + n.noun
	}
	return n.span(labels)
}

// span names labels as periods does, but never as "every quarter": after
// a count that is a total over them, "every quarter" reads as that count
// in each ("hires its limit of 1 every quarter" is one a quarter).
func (n narrator) span(labels []string) string { return "in " + n.runs(labels) }

// when writes the periods a claim holds in: as periods does, and, in
// rolled-up periods, those it holds in for some of their own periods only
// (Partly): "in FY28-Q2 to FY29-Q1 and in some months of FY28-Q1".
func (n narrator) when(c plan.Finding) string {
	var parts []string
	if len(c.Periods) > 0 {
		parts = append(parts, n.periods(c.Periods))
	}
	if len(c.Partly) > 0 {
		parts = append(parts, fmt.Sprintf("in some %ss of %s", n.unit, n.runs(c.Partly)))
	}
	return strings.Join(parts, " and ")
}

// perPeriod is what a limit per period is per, in rolled-up periods: a
// hire limit of 1 is one a month, which "its limit of 1 in FY28-Q1" would
// read as one a quarter.
func (n narrator) perPeriod() string {
	if n.unit == "" {
		return ""
	}
	return " a " + n.unit
}

// runs writes labels as runs: "2027-Q1 and 2027-Q3", "2027-Q2 to
// 2027-Q4".
func (n narrator) runs(labels []string) string { return runsOf(labels, n.periodIndex()) }

// runsOf writes labels as runs of consecutive periods by index.
func runsOf(labels []string, index map[string]int) string {
	var runs []string
	for i := 0; i < len(labels); {
		j := i
		for j+1 < len(labels) && index[labels[j+1]] == index[labels[j]]+1 {
			j++
		}
		switch {
		case j == i:
			runs = append(runs, labels[i])
		case j == i+1:
			runs = append(runs, labels[i], labels[j])
		default:
			runs = append(runs, labels[i]+" to "+labels[j])
		}
		i = j + 1
	}
	return plan.JoinAnd(runs)
}

// heart: healthy or not in every period, and where it is weakest.
func (n narrator) heart() string {
	var b strings.Builder
	if c, ok := n.one(plan.KindHeartHealthy); ok {
		// Healthy means every heart function in every region, which the
		// sentence says, while the figure is the average.
		if len(n.p.Periods) == 1 {
			fmt.Fprintf(&b, "The heart is healthy (every heart function at %s or more in every region) at %s on average", ThresholdPercent(n.p.HealthyHeart), HeartPercent(c.N("heart"), true, n.p.HealthyHeart))
		} else {
			// The figure is the heart score (the average over functions and
			// regions) of the lowest period; which period is often a tie of
			// round-off, so it is not named.
			fmt.Fprintf(&b, "The heart is healthy in every %s (every heart function at %s or more in every region), with a score of %s at its lowest", n.noun, ThresholdPercent(n.p.HealthyHeart), HeartPercent(c.N("heart"), true, n.p.HealthyHeart))
		}
	} else if c, ok := n.one(plan.KindHeartBelowHealthy); ok {
		// Healthy is every heart function in every region, not the
		// score: "below the healthy 90.0% ..., at 90.7% at its lowest"
		// said the score was below 90% when one cell was.
		where := ""
		switch {
		case len(n.p.Periods) == 1:
		case len(c.Periods) == len(n.p.Periods):
			where = " in any " + n.noun
		default:
			where = " " + n.periods(c.Periods)
		}
		score := ", with a score of %s"
		if c.N("heart") >= c.N("healthy_heart") {
			score = ", though it scores %s"
		}
		fmt.Fprintf(&b, "The heart is not healthy%s (some heart function below %s in some region)"+score, where, ThresholdPercent(c.N("healthy_heart")), HeartPercent(c.N("heart"), n.healthy(c.Period), c.N("healthy_heart")))
		if len(n.p.Periods) > 1 {
			fmt.Fprintf(&b, " at its lowest (%s)", c.Period)
		}
	} else {
		return ""
	}
	// The weakest cell (a function in a region) first; then the weakest
	// function over all regions and region over all functions, when they
	// are not the cell's own.
	cell, cellFn, cellRegion := "", "", ""
	if c, ok := n.one(plan.KindHeartWeakestCell); ok {
		cell = n.weakestCell(c)
		cellFn, cellRegion = c.Function, c.Region
	}
	b.WriteString(cell)
	var weak, other []string
	// A function or region tied with others is said with them, and said
	// beside the cell of its own name too, unless every one ties (then
	// "every heart function ... as low in some quarter" tells nothing).
	heartFns := map[string]bool{}
	for _, per := range n.p.Periods {
		for _, fn := range per.Functions {
			if fn.Class == "heart" && fn.Demand > 0 {
				heartFns[fn.ID] = true
			}
		}
	}
	regions := len(n.p.Periods[0].Regions)
	if c, ok := n.one(plan.KindHeartWeakestFunction); ok {
		ties := n.asLowToo(c, "heart function", "heart functions")
		weak = append(weak, fmt.Sprintf("%s (%s)%s", n.function(c.Function), n.atLowest(c, heartPercentOf(c.N("coverage"), c.N("below_healthy") == 1, n.p.HealthyHeart)), ties))
		if c.Function != cellFn || ties != "" && int(c.N("tied")) < len(heartFns)-1 {
			other = append(other, fmt.Sprintf("the weakest function over all regions is %s (%s)%s", n.function(c.Function), n.atLowest(c, heartPercentOf(c.N("coverage"), c.N("below_healthy") == 1, n.p.HealthyHeart)), ties))
		}
	}
	if c, ok := n.one(plan.KindHeartWeakestRegion); ok {
		ties := n.asLowToo(c, "region", "regions")
		weak = append(weak, fmt.Sprintf("%s (%s)%s", c.Region, n.atLowest(c, heartPercentOf(c.N("heart"), c.N("below_healthy") == 1, n.p.HealthyHeart)), ties))
		if c.Region != cellRegion || ties != "" && int(c.N("tied")) < regions-1 {
			other = append(other, fmt.Sprintf("the weakest region over all heart functions is %s (%s)%s", c.Region, n.atLowest(c, heartPercentOf(c.N("heart"), c.N("below_healthy") == 1, n.p.HealthyHeart)), ties))
		}
	}
	switch {
	case len(weak) == 0 && cell == "":
		b.WriteString("; every heart function is fully covered.")
	case cell == "":
		b.WriteString("; it is weakest in " + strings.Join(weak, " and in ") + ".")
	case len(other) == 0:
		b.WriteString(".")
	default:
		b.WriteString("; " + strings.Join(other, " and ") + ".")
	}
	return b.String()
}

// weakestCell words the weakest heart cell with its ties: "; its lowest
// coverage is Proposals in North America at 60.0% in 2028-Q4, and 1
// other heart function in a region is as low in some quarter", or, when
// every heart cell of every period is at it, "; every heart function is at 90.0% in every
// region and quarter" (the baseline's, where the cell named was the first
// of 132 in catalog order).
func (n narrator) weakestCell(c plan.Finding) string {
	if c.N("all_tie") == 1 {
		var every []string
		if len(n.p.Periods[0].Regions) > 1 {
			every = append(every, "region")
		}
		periods, noun := len(n.p.Periods), n.noun
		if n.unit != "" && len(n.spans) > 0 {
			periods, noun = n.spans[len(n.spans)-1].End, n.unit
		}
		if periods > 1 {
			every = append(every, noun)
		}
		where := ""
		if len(every) > 0 {
			where = " in every " + strings.Join(every, " and ")
		}
		return fmt.Sprintf("; every heart function is at %s%s", n.cellShown(c), where)
	}
	s := fmt.Sprintf("; its lowest coverage is %s in %s at %s", n.function(c.Function), c.Region, n.cellAt(c))
	when := n.inSome()
	switch k := c.N("tied"); {
	case k == 1:
		s += ", and 1 other heart function in a region is as low" + when
	case k > 1:
		s += fmt.Sprintf(", and %.0f other heart functions in a region are as low%s", k, when)
	}
	return s
}

// asLowToo words the ties of a weakest function or region claim: ", with
// 1 other heart function as low in some quarter"; "" without ties. A
// weakest function or region named alone where another reads as low
// singled it out.
func (n narrator) asLowToo(c plan.Finding, one, many string) string {
	k := c.N("tied")
	if k <= 0 {
		return ""
	}
	if k == 1 {
		return fmt.Sprintf(", with 1 other %s as low%s", one, n.inSome())
	}
	return fmt.Sprintf(", with %.0f other %s as low%s", k, many, n.inSome())
}

// inSome is when ties counted over the whole horizon are as low: " in some
// quarter" (the plan's own periods, months beside a rolled-up table), ""
// for a single period. It tells them from the coverage table's legend,
// which counts one period's.
func (n narrator) inSome() string {
	periods, noun := len(n.p.Periods), n.noun
	if n.unit != "" && len(n.spans) > 0 {
		periods, noun = n.spans[len(n.spans)-1].End, n.unit
	}
	if periods > 1 {
		return " in some " + noun
	}
	return ""
}

// periodIndex maps the plan's period labels to their indexes.
func (n narrator) periodIndex() map[string]int {
	index := make(map[string]int, len(n.p.Periods))
	for t, per := range n.p.Periods {
		index[per.Label] = t
	}
	return index
}

// healthy is the healthy verdict of the period labelled label, by which a
// heart score of it is printed (HeartPercent), as the periods' table does.
func (n narrator) healthy(label string) bool {
	t, ok := n.periodIndex()[label]
	return ok && n.p.Periods[t].Healthy
}

// function names a function by its name, as the checkup and the
// workbench do: the paragraph is written to be pasted into a memo, away
// from the tables that list functions by id. A plan without the name
// (one read from an older JSON) gives the id.
func (n narrator) function(id string) string {
	for _, f := range n.p.Periods[0].Functions {
		if f.ID == id && f.Name != "" {
			return f.Name
		}
	}
	return id
}

// cellAt writes the weakest heart cell c's coverage (cellShown) as at
// does; in rolled-up periods the cell is a month's (a rolled period's
// weakest cell is the weakest of its months'), named as one with the
// rolled period it is in: "90.0% in the month 2027-04 (FY28-Q1)".
func (n narrator) cellAt(c plan.Finding) string {
	shown, label := n.cellShown(c), c.Period
	g, ok := n.group[label]
	if !ok {
		if len(n.p.Periods) == 1 {
			return shown
		}
		return shown + " in " + label
	}
	s := fmt.Sprintf("%s in the %s %s", shown, n.unit, label)
	if len(n.p.Periods) > 1 {
		s += " (" + g + ")"
	}
	return s
}

// cellShown is the weakest heart cell claim c's coverage as the coverage
// table prints that cell (cellPercent, beside the healthy heart and the
// function's floor): the plan's own cell of the claim's period, function
// and region, or, when it has none (a plan read back without its cells),
// coveragePercent.
func (n narrator) cellShown(c plan.Finding) string {
	if t, ok := n.ownPeriod(c.Period); ok {
		for i := range n.orig.Periods[t].Cells {
			if x := &n.orig.Periods[t].Cells[i]; x.Function == c.Function && x.Region == c.Region {
				return cellPercent(x, n.orig.HealthyHeart)
			}
		}
	}
	return coveragePercent(c.N("coverage"), c.N("below_healthy") == 1)
}

// ownPeriod is the index of the plan's own period labelled label (none
// for a narrator without the plan's own periods).
func (n narrator) ownPeriod(label string) (int, bool) {
	if n.orig == nil {
		return 0, false
	}
	for t, per := range n.orig.Periods {
		if per.Label == label {
			return t, true
		}
	}
	return 0, false
}

// atLowest writes the lowest figure of a weakest heart function or
// region, as printed (shown), with every period it reads at it
// (c.Periods): "0.0% every quarter", "90.0% in 2027-Q1 and 2027-Q2",
// where "0.0% in 2027-Q1" named one quarter of Quoting and CPQ at 0.0% in
// all four. A claim without its periods names its lowest period ("60.0%
// in 2027-Q1"), and a plan of one period none.
func (n narrator) atLowest(c plan.Finding, shown string) string {
	switch {
	case len(n.p.Periods) == 1:
		return shown
	case len(c.Periods) < 2:
		return shown + " in " + c.Period
	}
	return shown + " " + n.periods(c.Periods)
}

// brain: the FTE it gets, its score and its course over time.
func (n narrator) brain() string {
	if c, ok := n.one(plan.KindBrainNoStaff); ok {
		return fmt.Sprintf("The brain gets no staff: every FTE goes to the heart, and the brain scores %s.", Percent(c.N("brain")))
	}
	c, ok := n.one(plan.KindBrainStaff)
	if !ok {
		return ""
	}
	var b strings.Builder
	each := ""
	if len(n.p.Periods) > 1 {
		each = " on average"
	}
	if n.unit != "" && len(n.spans) > 0 {
		// Rolled up, the tables give FTE at each quarter's end; the claim
		// is the mean over the plan's own periods, and says so.
		months := n.spans[len(n.spans)-1].End
		each = fmt.Sprintf(" on average over the %d %ss", months, n.unit)
	}
	fmt.Fprintf(&b, "The brain gets %s FTE%s (%s of the staff) and scores %s", FTE(c.N("fte")), each, percent0(c.N("fte_share")), Percent(c.N("brain")))
	for _, k := range []string{plan.KindBrainFalling, plan.KindBrainRising, plan.KindBrainPeaks, plan.KindBrainDips, plan.KindBrainUneven} {
		tr, ok := n.one(k)
		if !ok {
			continue
		}
		first, last := tr.Periods[0], tr.Periods[1]
		from, to := Percent(tr.N("from")), Percent(tr.N("to"))
		switch k {
		case plan.KindBrainFalling:
			fmt.Fprintf(&b, ", falling from %s in %s to %s in %s", from, first, to, last)
		case plan.KindBrainRising:
			fmt.Fprintf(&b, ", rising from %s in %s to %s in %s", from, first, to, last)
		case plan.KindBrainPeaks:
			fmt.Fprintf(&b, ", peaking at %s in %s (%s in %s, %s in %s)", Percent(tr.N("peak")), tr.Period, from, first, to, last)
		case plan.KindBrainDips:
			fmt.Fprintf(&b, ", at its lowest %s in %s (%s in %s, %s in %s)", Percent(tr.N("low")), tr.Period, from, first, to, last)
		case plan.KindBrainUneven:
			fmt.Fprintf(&b, ", from %s in %s to %s in %s, not steadily", from, first, to, last)
		}
	}
	b.WriteString(n.thinnest())
	b.WriteString(".")
	return b.String()
}

// thinnest words the brain functions thinnest over the horizon (the
// lowest mean coverage, all that tie), each with its lowest coverage and
// when: "; Sales enablement is the thinnest (4.1% on average, 0.0% at its
// lowest in 2027-Q1 and 2027-Q3 to 2028-Q4)", "; Sales analytics, Sales
// enablement and Sales content are the thinnest (0.0% every quarter)". In
// rolled-up periods the figures are the plan's own periods', named as the
// weakest heart cell is: "0.0% at its lowest in the month 2027-04
// (FY28-Q1)", where the quarter's mean hid a month at 0.0%.
func (n narrator) thinnest() string {
	cs := n.by[plan.KindBrainThinnestFunction]
	if len(cs) == 0 {
		return ""
	}
	var names []string
	same := true // every one tied at the same lowest, in the same periods
	for _, c := range cs {
		names = append(names, n.function(c.Function))
		same = same && Percent(c.N("coverage")) == Percent(cs[0].N("coverage")) && slices.Equal(c.Periods, cs[0].Periods)
	}
	verb, its, each := "is", "its", ""
	if len(cs) > 1 {
		verb, its, each = "are", "their", " each"
	}
	first := cs[0]
	mean := Percent(first.N("mean")) + " on average" + each
	if n.unit != "" && len(n.spans) > 0 {
		mean = fmt.Sprintf("%s on average over the %d %ss%s", Percent(first.N("mean")), n.spans[len(n.spans)-1].End, n.unit, each)
	}
	var ev string
	switch {
	case same && Percent(first.N("mean")) == Percent(first.N("coverage")) && n.everyOwn(first.Periods):
		// Flat: the mean is the lowest, in every period (one period:
		// the figure alone).
		ev = strings.TrimSpace(Percent(first.N("coverage")) + " " + n.ownPeriods(first.Periods))
	case same:
		ev = fmt.Sprintf("%s, %s at %s lowest %s", mean, Percent(first.N("coverage")), its, n.ownPeriods(first.Periods))
	default:
		var lows []string
		for i, c := range cs {
			lows = append(lows, fmt.Sprintf("%s %s at its lowest %s", names[i], Percent(c.N("coverage")), n.ownPeriods(c.Periods)))
		}
		ev = mean + "; " + strings.Join(lows, ", ")
	}
	return fmt.Sprintf("; %s %s the thinnest (%s)", plan.JoinAnd(names), verb, ev)
}

// everyOwn says whether labels are every one of the plan's own periods.
func (n narrator) everyOwn(labels []string) bool {
	if n.own != nil {
		return len(labels) == len(n.own)
	}
	return len(labels) == len(n.p.Periods)
}

// ownPeriods writes labels of the plan's own periods as periods does; in
// rolled-up periods, as months with the rolled periods they are in: "in
// the month 2027-04 (FY28-Q1)", "in the months 2027-04 to 2027-06 and
// 2028-01 (FY28-Q1 and FY28-Q4)", "every month".
func (n narrator) ownPeriods(labels []string) string {
	if n.own == nil {
		if len(labels) == 1 && len(n.p.Periods) == 1 {
			return ""
		}
		return n.periods(labels)
	}
	if len(labels) == len(n.own) && len(labels) > 1 {
		return "every " + n.unit
	}
	var groups []string
	for _, l := range labels {
		if g := n.group[l]; len(groups) == 0 || groups[len(groups)-1] != g {
			groups = append(groups, g)
		}
	}
	noun := n.unit
	if len(labels) > 1 {
		noun += "s"
	}
	rolled := make(map[string]int, len(n.p.Periods))
	for t, per := range n.p.Periods {
		rolled[per.Label] = t
	}
	return fmt.Sprintf("in the %s %s (%s)", noun, runsOf(labels, n.own), runsOf(groups, rolled))
}

// money: the split of spend between the central team, the local teams and
// investments, and the central share of the FTE.
func (n narrator) money() string {
	if _, ok := n.one(plan.KindNothingSpent); ok {
		return "Nothing is spent."
	}
	c, ok := n.one(plan.KindSpendSplit)
	if !ok {
		return ""
	}
	total := c.N("spend")
	parts := []string{percent0(c.N("central_spend")/total) + " goes to the central team", percent0(c.N("local_spend")/total) + " to the local teams"}
	if tools := c.N("investment_spend"); tools >= 0.5 {
		parts = append(parts, percent0(tools/total)+" to investments")
	}
	s := fmt.Sprintf("Of the %s spent, %s", n.cash(total), plan.JoinAnd(parts))
	if share, ok := c.Number("central_fte_share"); ok {
		s += fmt.Sprintf("; the central team holds %s of the FTE", percent0(share))
	}
	if moves, ok := c.Number("hiring_exit_spend"); ok {
		s += fmt.Sprintf("; the teams' spend includes %s of one-time hiring and exit costs", n.cash(moves))
	}
	return s + "."
}

// investments: what the investments bought do and give back by the end.
func (n narrator) investments() string {
	p := n.p
	name := map[string]string{}
	for _, inv := range p.Periods[0].Investments {
		name[inv.ID] = inv.Name
	}
	verb := "bought"
	if p.Mode == plan.ModeAsIs {
		verb = "in place"
	}
	var bought, notBought []string
	var tool, hours, sellers float64
	by := ""
	owned := 0
	for _, c := range n.by[plan.KindInvestmentBought] {
		what := name[c.Investment]
		if len(p.Periods) > 1 {
			by = " by " + c.Periods[0]
		}
		sellers = c.N("sellers")
		switch {
		case c.N("owned") == 1:
			// Last year's decision, not this plan's: brain-first's BI
			// platform read as "The investment bought". It is in place
			// from the start.
			what += ", already owned"
			owned++
		case len(p.Periods) > 1:
			what += " from " + c.Period
		}
		bought = append(bought, fmt.Sprintf("%s, %s", what, n.cash(c.N("spend"))))
		tool += c.N("tool_fte")
		hours += c.N("seller_hours")
	}
	for _, c := range n.by[plan.KindInvestmentNotBought] {
		notBought = append(notBought, name[c.Investment])
	}
	if len(bought) == 0 {
		switch len(notBought) {
		case 0:
			return ""
		case 1:
			return fmt.Sprintf("The %s on offer is not %s.", notBought[0], verb)
		}
		return fmt.Sprintf("None of the investments on offer (%s) is %s.", plan.JoinAnd(notBought), verb)
	}
	switch {
	case owned == len(bought):
		verb = "in place"
	case owned > 0:
		verb = "bought or in place"
	}
	s := fmt.Sprintf("The investments %s (%s) do the work of %s FTE", verb, strings.Join(bought, "; "), FTE(tool))
	if len(bought) == 1 {
		s = fmt.Sprintf("The investment %s (%s) does the work of %s FTE", verb, bought[0], FTE(tool))
	}
	if hours >= 0.5 {
		give := "gives"
		if len(bought) > 1 {
			give = "give"
		}
		s += fmt.Sprintf(" and %s sellers %s hours a week back", give, plan.GroupThousands(hours))
	}
	// The figures are the last period's, at its sellers; the investment
	// notes give the horizon's average (and hours a year), so the basis is
	// said: "... back in 2028-Q4, at its 959 sellers".
	if hours >= 0.5 && sellers > 0 {
		at := "its"
		if by == "" {
			at = "the"
		}
		return s + by + fmt.Sprintf(", at %s %s sellers.", at, plan.GroupThousands(float64(int64(sellers+0.5))))
	}
	return s + by + "."
}

// binding: what holds an optimized plan back, and the money left unspent
// with what more money would buy, as the re-solve of the marginal values
// found it.
func (n narrator) binding() string {
	var parts []string
	for _, c := range n.all {
		when := n.when(c)
		switch c.Kind {
		case plan.KindBudgetSpent:
			parts = append(parts, "the budget is fully spent "+when)
		case plan.KindHeadcountCapReached:
			parts = append(parts, fmt.Sprintf("the headcount cap of %s FTE is reached %s", limitFigure(c.N("limit")), when))
		case plan.KindHireLimitReached:
			parts = append(parts, fmt.Sprintf("%s hires its limit of %s%s %s", teamName(c.Team), limitFigure(c.N("limit")), n.perPeriod(), when))
		case plan.KindExitLimitReached:
			parts = append(parts, fmt.Sprintf("%s sheds its limit of %s%s %s", teamName(c.Team), limitFigure(c.N("limit")), n.perPeriod(), when))
		case plan.KindCentralShareMinReached:
			parts = append(parts, fmt.Sprintf("the central share is at its minimum of %s %s", Percent(c.N("limit")), when))
		case plan.KindCentralShareMaxReached:
			parts = append(parts, fmt.Sprintf("the central share is at its maximum of %s %s", Percent(c.N("limit")), when))
		}
	}
	if f := n.floors(); f != "" {
		parts = append(parts, f)
	}
	var s string
	if len(parts) == 0 {
		s = "Nothing holds the plan back"
	} else {
		s = "What holds the plan back: " + plan.JoinAnd(parts)
	}
	if c, ok := n.one(plan.KindBudgetUnspent); ok {
		s += fmt.Sprintf("; %s of the budget is left unspent", n.cash(c.N("unspent")))
		if len(c.Periods) > 0 && len(c.Periods) < len(n.p.Periods) {
			s += " " + n.periods(c.Periods)
		}
		if step, ok := c.Number("step"); ok {
			k := n.cash(step)
			x := plan.Marginal{Heart: c.N("heart_points"), Brain: c.N("brain_points")}
			if h, ok := n.one(plan.KindBudgetMakesHealthy); ok {
				x.MakesHealthy = h.Periods
			}
			if negligible(x.Heart) && negligible(x.Brain) && len(x.MakesHealthy) == 0 {
				s += fmt.Sprintf(", since another %s a year would not raise the scores", k)
			} else {
				s += fmt.Sprintf(", yet another %s a year would %s", k, scoreChange(x, n.periods))
			}
		}
	} else if h, ok := n.one(plan.KindBudgetMakesHealthy); ok {
		// The budget is spent: what more of it would buy is said only
		// where it makes the heart healthy, the memo's first question.
		s += fmt.Sprintf("; another %s a year would make the heart healthy %s", n.cash(h.N("step")), n.periods(h.Periods))
	}
	return s + "."
}

// asIs: the budget the organization as it is leaves unspent (and the
// periods it overspends), and the floors it breaks, grouped as floors
// groups those that bind: "Today's organization leaves $822k of the
// budget unspent and breaks 33 floors of a function in a region in a
// quarter: Territory design and Quota setting are below 70.0% in every
// region every quarter and Compensation administration below 80.0% in
// every region in 2027-Q2 to 2027-Q4."
func (n narrator) asIs() string {
	var parts []string
	if c, ok := n.one(plan.KindBudgetUnspent); ok {
		s := fmt.Sprintf("leaves %s of the budget unspent", n.cash(c.N("unspent")))
		if len(c.Periods) > 0 && len(c.Periods) < len(n.p.Periods) {
			s += " " + n.periods(c.Periods)
		}
		parts = append(parts, s)
	}
	if c, ok := n.one(plan.KindBudgetOverspent); ok {
		parts = append(parts, fmt.Sprintf("spends %s more than the budget %s", n.cash(c.N("overspent")), n.when(c)))
	}
	total, ok := n.one(plan.KindConstraintsBroken)
	if ok && total.N("floors") > 0 {
		unit := n.noun
		if n.unit != "" {
			unit = n.unit // a floor is broken in a month, counted so
		}
		parts = append(parts, fmt.Sprintf("breaks %s floor%s of a function in a region in a %s", limitFTE(total.N("floors")), plural(int(total.N("floors"))), unit))
	}
	var s string
	if len(parts) > 0 {
		s = "Today's organization " + plan.JoinAnd(parts)
		if f := n.brokenFloors(); f != "" {
			s += ": " + f
		}
		s += "."
	}
	// The rest of what it breaks (a central share, a hire limit), which
	// the list under the plan names; a period over its budget is said.
	if others := total.N("count") - total.N("floors") - total.N("over_budget"); ok && others > 0 {
		if s != "" {
			s += " It also breaks"
		} else {
			s = "Today's organization breaks"
		}
		s += fmt.Sprintf(" %s other constraint%s of the scenario.", limitFTE(others), plural(int(others)))
	}
	return s
}

// brokenFloors writes the floors the organization as it is breaks,
// function by function, the regions named together where they break it
// in the same periods and functions together where their floor and
// places are the same: "Territory design and Quota setting are below
// 70.0% in every region every quarter".
func (n narrator) brokenFloors() string {
	type fnAt struct {
		fn    string
		where []string // "in every region every quarter"
		floor float64
	}
	var fs []*fnAt
	whens := map[string]map[string][]string{} // function -> when -> regions
	for _, c := range n.by[plan.KindFloorBroken] {
		if len(fs) == 0 || fs[len(fs)-1].fn != c.Function {
			fs = append(fs, &fnAt{fn: c.Function, floor: c.N("floor")})
			whens[c.Function] = map[string][]string{}
		}
		f := fs[len(fs)-1]
		when := n.when(c)
		if _, ok := whens[f.fn][when]; !ok {
			f.where = append(f.where, when)
		}
		whens[f.fn][when] = append(whens[f.fn][when], c.Region)
	}
	nRegions := len(n.p.Periods[0].Regions)
	type group struct {
		fns  []string
		text string
	}
	var gs []*group
	for _, f := range fs {
		var at []string
		for _, when := range f.where {
			regions := "in " + plan.JoinAnd(whens[f.fn][when])
			if rs := whens[f.fn][when]; len(rs) == nRegions && nRegions > 1 {
				regions = "in every region"
			}
			at = append(at, regions+" "+when)
		}
		text := ThresholdPercent(f.floor) + " " + plan.JoinAnd(at)
		var g *group
		for _, h := range gs {
			if h.text == text {
				g = h
			}
		}
		if g == nil {
			g = &group{text: text}
			gs = append(gs, g)
		}
		g.fns = append(g.fns, n.function(f.fn))
	}
	var out []string
	for i, g := range gs {
		verb := "is"
		if len(g.fns) > 1 {
			verb = "are"
		}
		if i > 0 {
			verb = "" // "and Compensation administration below 80.0% ..."
		} else {
			verb += " "
		}
		out = append(out, fmt.Sprintf("%s %sbelow %s", plan.JoinAnd(g.fns), verb, g.text))
	}
	return plan.JoinAnd(out)
}

// searchStopped: a search the node limit stopped, in scores and money,
// and that what holds the plan back may then be the search's as well as
// its limits': "The search for the best whole headcounts and
// all-or-nothing investments stopped at its limit, within 1.60% of the
// best possible: a plan with up to 2.9 points more heart and brain
// together may exist, so not all of what holds this plan back, nor all of
// the $155k left unspent, need be its limits' doing."
func (n narrator) searchStopped() string {
	c, ok := n.one(plan.KindSearchStopped)
	if !ok {
		return ""
	}
	s := fmt.Sprintf("The search for the best %s stopped at its limit, within %s of the best possible", searched(n.p), GapPercent(c.N("gap")))
	h, hOK := c.Number("heart_points")
	b, bOK := c.Number("brain_points")
	var better string
	switch hh, ok := c.Number("heart_to_healthy_points"); {
	case ok:
		better = fmt.Sprintf("a plan with up to %s more heart, counted up to healthy, may exist", upPoints(hh))
	case hOK && bOK && upPoints(h) == upPoints(b):
		better = fmt.Sprintf("a plan with up to %s more heart and brain together may exist", upPoints(b))
	case hOK && bOK:
		better = fmt.Sprintf("a plan with up to %s more brain, or %s more heart, may exist", upPoints(b), upPoints(h))
	case bOK:
		better = fmt.Sprintf("a plan with up to %s more brain may exist", upPoints(b))
	case hOK:
		better = fmt.Sprintf("a plan with up to %s more heart may exist", upPoints(h))
	}
	if better == "" {
		if over, ok := c.Number("spend_over"); ok {
			return s + fmt.Sprintf(": the same scores may cost up to %s less.", plan.FormatMoneyUp(n.p.Currency, over))
		}
		return s + "."
	}
	s += ": " + better + ", so not all of what holds this plan back"
	if u, ok := n.one(plan.KindBudgetUnspent); ok {
		s += fmt.Sprintf(", nor all of the %s left unspent,", n.cash(u.N("unspent")))
	}
	return s + " need be its limits' doing."
}

// replacements: the roster's people a plan replaces by new hires, team
// by team, with what a new hire and the roster cost, what the
// replacements save a year and, where the team gives them, what each
// cost once (hire_cost, exit_cost): "The central team replaces a total of
// 4 roster people by new hires in 2027-Q1 to 2027-Q4, at $150k a year
// each against the roster's average of $172k ($88.0k a year less once
// those 4 are replaced)". A plan in FTE counts FTE ("replaces a total of 4.8
// FTE of its roster by new hires ..., at $150k a year per FTE"). Then the
// roster staff a team with one-time costs keeps to the end (rosterKept),
// and, for the teams that replace without such costs counted, how to
// have them weighed or to keep a roster.
func (n narrator) replacements() string {
	cs := n.by[plan.KindRosterReplaced]
	kept := n.by[plan.KindRosterKept]
	gone := n.by[plan.KindRosterLeft]
	if len(cs) == 0 && len(kept) == 0 && len(gone) == 0 {
		return ""
	}
	var parts, free []string
	for _, c := range cs {
		parts = append(parts, n.rosterReplaced(c))
		if _, ok := c.Number("hire_cost"); !ok {
			free = append(free, teamName(c.Team))
		}
	}
	for _, c := range kept {
		parts = append(parts, n.rosterKept(c))
	}
	for _, c := range gone {
		parts = append(parts, n.rosterLeft(c))
		if _, ok := c.Number("hire_cost"); !ok {
			free = append(free, teamName(c.Team))
		}
	}
	s := capital(strings.Join(parts, "; ")) + "."
	if len(free) == 0 {
		return s
	}
	// Without one-time costs the least spend replaces as fast as the
	// limits allow, whatever a replacement would really cost.
	where, whose, its := "", "each team's", "each team's"
	if len(free) < len(cs)+len(kept)+len(gone) {
		// Some team's costs are counted: name those whose are not.
		where = " in " + plan.JoinAnd(free)
	}
	if len(free) == 1 {
		whose, its = free[0]+"'s", "its"
	}
	return s + fmt.Sprintf(" The plan counts no cost for hiring or letting people go%s: give %s hire_cost and exit_cost (recruiting, severance) to have them weighed in the plan, or lower %s max_exits_per_period (0 lets no one go).", where, whose, its)
}

// rosterReplaced: "the central team replaces a total of 4 roster people
// by new hires in 2027-Q1 to 2027-Q4, at $150k a year each against the
// roster's average of $172k ($88.0k a year less once those 4 are
// replaced)", and, where the team gives one-time costs, what replacing
// them cost once, then per person: ", against $16,000 once to replace
// them: $4,000 per person, $2,000 to hire, $2,000 to let go"; a plan in
// FTE counts FTE.
func (n narrator) rosterReplaced(c plan.Finding) string {
	who := teamName(c.Team)
	// The count is over all of the claim's periods: said so where there
	// are several, lest it read as that many in each.
	total := ""
	if len(c.Periods) > 1 {
		total = "a total of "
	}
	// The one-time costs the plan weighed against the saving, on the
	// saving's basis (these people), then per person or FTE: "$1,265 a
	// year less" for 0.2 FTE read against "$4,000 once per FTE" as a
	// three-year payback.
	once, unit := "", "person"
	count := ""
	rounded := false
	if fte, ok := c.Numbers["fte"]; ok {
		// As the tables print FTE, and a share they would print as 0.0
		// as "less than 0.1".
		unit, count = "FTE", FTE(fte)
		if printsAsZero(fte) {
			count = "less than 0.1"
		}
	} else {
		// People as the limits are written (a part-timer's share to one
		// decimal), so that round-off in the sum never prints.
		count = limitFTE(c.N("people"))
	}
	if hc, ok := c.Number("hire_cost"); ok {
		ec := c.N("exit_cost")
		replace, ok := c.Number("replace_cost")
		if !ok {
			// A plan saved before session 26 has no replace_cost.
			replace = (c.N("fte") + c.N("people")) * (hc + ec)
		}
		parts := " " + n.onceParts(hc, ec)
		if hc > 0 && ec > 0 {
			parts = ", " + n.onceParts(hc, ec)
		}
		once = fmt.Sprintf(", against %s once to replace them: %s per %s%s", n.cash(replace), n.cash(hc+ec), unit, parts)
		if !n.timesPrinted(count, n.cash(hc+ec), n.cash(replace)) || (hc > 0 && ec > 0 && !n.sumPrinted(n.cash(hc), n.cash(ec), n.cash(hc+ec))) {
			rounded = true
		}
	}
	newCost, keptCost, saving := n.cash(c.N("new_cost_per_fte")), n.cash(c.N("kept_cost_per_fte")), n.cash(c.N("saving_per_year"))
	// The saving is the count times the roster's average less a new
	// hire's: "0.2 FTE ... at $120k ... against $126k ($1,265 a year
	// less ...)" is 0.221 FTE at $125,714, which the reader cannot redo
	// from the printed figures, so the sentence says they are rounded.
	if !n.timesPrinted(count, n.differencePrinted(keptCost, newCost), saving) {
		rounded = true
	}
	if rounded {
		once += "; each figure rounded on its own"
	}
	if unit == "FTE" {
		those := "those " + count + " FTE are"
		if printsAsZero(c.N("fte")) {
			those = "they are"
		}
		return fmt.Sprintf("%s replaces %s%s FTE of its roster by new hires %s, at %s a year per FTE against the roster's average of %s (%s a year less once %s replaced%s)%s",
			who, total, count, n.span(c.Periods), newCost, keptCost, saving, those, once, n.leftUnreplaced(c, "FTE"))
	}
	whom, by, each, those := "people", "new hires", " each", "those "+count+" are"
	if count == "1" {
		whom, by, each, those = "person", "a new hire", "", "that person is"
	}
	return fmt.Sprintf("%s replaces %s%s roster %s by %s %s, at %s a year%s against the roster's average of %s (%s a year less once %s replaced%s)%s",
		who, total, count, whom, by, n.span(c.Periods), newCost, each, keptCost, saving, those, once, n.leftUnreplaced(c, "people"))
}

// timesPrinted reports whether a printed count times a printed amount,
// written as the narrative writes money, is the printed total: whether a
// reader redoes the total from the figures beside it. A count that is not
// a number ("less than 0.1") gives the reader nothing to redo: true.
func (n narrator) timesPrinted(count, each, total string) bool {
	k, err := strconv.ParseFloat(count, 64)
	if err != nil {
		return true
	}
	return n.cash(k*moneyValue(each)) == total
}

// sumPrinted reports whether two printed amounts add up, as printed, to
// the printed total.
func (n narrator) sumPrinted(a, b, total string) bool {
	return n.cash(moneyValue(a)+moneyValue(b)) == total
}

// differencePrinted is the printed a less the printed b, written as money.
func (n narrator) differencePrinted(a, b string) string {
	return n.cash(moneyValue(a) - moneyValue(b))
}

// rosterLeft: "North America lets 3.5 roster people go in 2027-Q2 and
// hires 0.5 in all, from 10.5 people today to 7 at the end", for a team
// whose roster costs no more than a new hire; a plan in FTE counts FTE.
func (n narrator) rosterLeft(c plan.Finding) string {
	who := teamName(c.Team)
	count, whom, unit, size := "", "", "", limitFTE
	if fte, ok := c.Numbers["fte"]; ok {
		count, whom, unit, size = FTE(fte), "FTE of its roster", " FTE", FTE
	} else {
		count, whom = limitFTE(c.N("people")), "roster people"
		if count == "1" {
			whom = "roster person"
		}
	}
	total := ""
	if len(c.Periods) > 1 {
		total = "a total of "
	}
	hires := ""
	if h := c.N("hires"); size(h) != size(0) {
		hires = fmt.Sprintf(" and hires %s%s in all", size(h), unit)
	}
	people := " people"
	if unit != "" {
		people = unit
	}
	return fmt.Sprintf("%s lets %s%s %s go %s%s, from %s%s today to %s at the end%s",
		who, total, count, whom, n.span(c.Periods), hires, size(c.N("today")), people, size(c.N("end")), roundedApart(c, size))
}

// roundedApart notes a roster_left sentence whose figures, each rounded
// on its own, do not add up as printed while the team's own do: "from
// 10.5 FTE today to 7.2 at the end" after 3.5 let go and 0.1 hired
// (3.468 and 0.128, ending at 7.160).
func roundedApart(c plan.Finding, size func(float64) string) string {
	left := c.N("fte") + c.N("people")
	today, hires, end := c.N("today"), c.N("hires"), c.N("end")
	if math.Abs(today-left+hires-end) > 1e-6*math.Max(1, today) {
		return "" // others came and went too: not a sum to print
	}
	num := func(x float64) float64 {
		v, _ := strconv.ParseFloat(size(x), 64)
		return v
	}
	if math.Abs(num(today)-num(left)+num(hires)-num(end)) < 0.05 {
		return ""
	}
	return " (each figure rounded on its own)"
}

// leftUnreplaced words the roster staff a team lets go without replacing
// them: ", and lets 1.7 more FTE of its roster go without replacing them".
func (n narrator) leftUnreplaced(c plan.Finding, unit string) string {
	left, ok := c.Number("left_unreplaced")
	if !ok {
		return ""
	}
	count := FTE(left)
	if unit == "people" {
		count = limitFTE(left)
		if count == "1" {
			unit = "person"
		}
	}
	if count == "0.0" || count == "0" {
		return ""
	}
	return fmt.Sprintf(", and lets %s more %s of its roster go without replacing them", count, unit)
}

// onceParts is what a replacement's one-time cost is made of: "$4,000 to
// hire, $2,000 to let go", or "to hire" or "to let go" when it is one.
func (n narrator) onceParts(hire, exit float64) string {
	switch {
	case hire > 0 && exit > 0:
		return fmt.Sprintf("%s to hire, %s to let go", n.cash(hire), n.cash(exit))
	case hire > 0:
		return "to hire"
	}
	return "to let go"
}

// rosterKept: "EMEA keeps 6.5 FTE of its roster to the end, at the
// roster's average of $156k a year against $150k for a new hire:
// replacing one FTE would cost $30.0k once (to let go) against $6,154 a
// year saved" (per person in a plan in whole people), and the team's hire
// or exit limits where they are reached.
func (n narrator) rosterKept(c plan.Finding) string {
	who := teamName(c.Team)
	count, whom, unit := limitFTE(c.N("people")), "roster people", "person"
	if count == "1" {
		whom = "roster person"
	}
	if fte, ok := c.Numbers["fte"]; ok {
		count, whom, unit = FTE(fte), "FTE of its roster", "FTE"
		if printsAsZero(fte) {
			count = "less than 0.1"
		}
	}
	hc, ec := c.N("hire_cost"), c.N("exit_cost")
	once := fmt.Sprintf("%s once (%s)", n.cash(hc+ec), n.onceParts(hc, ec))
	keptCost, newCost := n.cash(c.N("kept_cost_per_fte")), n.cash(c.N("new_cost_per_fte"))
	saving := n.cash(c.N("kept_cost_per_fte") - c.N("new_cost_per_fte"))
	s := fmt.Sprintf("%s keeps %s %s to the end, at the roster's average of %s a year against %s for a new hire: replacing one %s would cost %s against %s a year saved",
		who, count, whom, keptCost, newCost, unit, once, saving)
	var limits []string
	// "$126k against $120k" beside "$5,714 a year saved": the averages
	// are rounded ($125,714), and the sentence says so.
	if n.differencePrinted(keptCost, newCost) != saving || (hc > 0 && ec > 0 && !n.sumPrinted(n.cash(hc), n.cash(ec), n.cash(hc+ec))) {
		limits = append(limits, "each figure rounded on its own")
	}
	// A replacement is a hire and an exit: where the team's limits are
	// reached, they too keep roster staff in seat.
	index := n.periodIndex()
	lastLimit := -1 // the last period a limit of the team is reached in
	for _, l := range []struct{ kind, what string }{{plan.KindHireLimitReached, "hires"}, {plan.KindExitLimitReached, "exits"}} {
		for _, b := range n.by[l.kind] {
			if b.Team == c.Team {
				limits = append(limits, fmt.Sprintf("its %s are at their limit %s", l.what, n.when(b)))
				for _, lbl := range append(slices.Clone(b.Periods), b.Partly...) {
					lastLimit = max(lastLimit, index[lbl])
				}
			}
		}
	}
	switch {
	case len(limits) > 1 && limits[0] == "each figure rounded on its own":
		s += " (" + limits[0] + "; " + plan.JoinAnd(limits[1:]) + ")"
	case len(limits) > 0:
		s += " (" + plan.JoinAnd(limits) + ")"
	}
	return s + n.horizonTooShort(c, lastLimit)
}

// horizonTooShort says, where it is so, that what is left of the horizon
// after the team's limits (all of it, when none is reached) is shorter
// than a replacement takes to repay its one-time cost: the other reason a
// dearer roster stays. "(its hires are at their limit in 2027-Q1 and
// 2027-Q2)" alone blamed the limit for the quarters after it too.
func (n narrator) horizonTooShort(c plan.Finding, lastLimit int) string {
	saving := c.N("kept_cost_per_fte") - c.N("new_cost_per_fte")
	unit := n.noun
	if n.unit != "" {
		// Rolled up: counted in the plan's own periods, which a partial
		// quarter ("FY27-Q4 (2 months)") holds fewer of.
		unit = n.unit
	}
	perYear := map[string]float64{"month": 12, "quarter": 4, "year": 1}[unit]
	from := lastLimit + 1
	if saving <= 0 || perYear == 0 || from >= len(n.p.Periods) {
		return ""
	}
	// In the plan's periods, which the horizon counts whole: "the 2
	// quarters left are fewer than the 2.8 a replacement takes".
	payback := (c.N("hire_cost") + c.N("exit_cost")) / saving * perYear
	left := len(n.p.Periods) - from
	if n.spans != nil {
		left = n.spans[len(n.spans)-1].End - n.spans[from].Start
	}
	if float64(left) >= payback {
		return ""
	}
	noun, are := unit+"s", "are"
	if left == 1 {
		noun, are = unit, "is"
	}
	if lastLimit < 0 {
		return fmt.Sprintf("; the horizon has %d %s, fewer than the %s a replacement takes to repay", left, noun, above(payback, left))
	}
	return fmt.Sprintf("; from %s on, %d %s %s left, fewer than the %s a replacement takes to repay", n.p.Periods[from].Label, left, noun, are, above(payback, left))
}

// above writes x (> n) with as few decimals as print it above n: 2.8,
// 2.04 (not 2.0).
func above(x float64, n int) string {
	for d := 1; d < 6; d++ {
		s := strconv.FormatFloat(x, 'f', d, 64)
		if v, _ := strconv.ParseFloat(s, 64); v > float64(n) {
			return s
		}
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// floors writes the floors that bind, each with its function, the regions
// where it binds and when: "pipeline sits at its floor of 60.0% in EMEA in
// 2027-Q3 and 2027-Q4". A function's regions that bind in the same periods
// are named together ("in every region" when they are all of them).
func (n narrator) floors() string {
	type where struct {
		regions []string
		when    string
	}
	type floor struct {
		fn, pct string
		at      []*where
	}
	var fs []*floor
	for _, c := range n.by[plan.KindFloorBinds] {
		if len(fs) == 0 || fs[len(fs)-1].fn != c.Function {
			fs = append(fs, &floor{fn: c.Function, pct: ThresholdPercent(c.N("floor"))})
		}
		f := fs[len(fs)-1]
		var hit *where
		when := n.when(c)
		for _, w := range f.at {
			if w.when == when {
				hit = w
			}
		}
		if hit == nil {
			hit = &where{when: when}
			f.at = append(f.at, hit)
		}
		hit.regions = append(hit.regions, c.Region)
	}
	nRegions := len(n.p.Periods[0].Regions)
	text := func(f *floor) string {
		var at []string
		for _, w := range f.at {
			regions := "in " + plan.JoinAnd(w.regions)
			if len(w.regions) == nRegions && nRegions > 1 {
				regions = "in every region"
			}
			at = append(at, regions+" "+w.when)
		}
		return f.pct + " " + strings.Join(at, " and ")
	}
	switch len(fs) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%s sits at its floor of %s", n.function(fs[0].fn), text(fs[0]))
	}
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s (%s)", n.function(f.fn), text(f)))
	}
	return plan.JoinAnd(parts) + " sit at their floors"
}

func teamName(id string) string {
	if id == "central" {
		return "the central team"
	}
	return id
}

// percent0 writes a share with no decimals: 45%.
func percent0(x float64) string { return fmt.Sprintf("%.0f%%", math.Round(100*x)) }

// limitFTE writes a limit with at most one decimal: 45, 2.5.
func limitFTE(x float64) string { return strings.TrimSuffix(FTE(x), ".0") }
