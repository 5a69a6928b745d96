package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// WriteDiff writes cardio diff's result: the inputs that differ, the
// outcome per period and the attribution. CSV is long, a row a figure:
// section,key,period,old,new,change,old_at,new_at. The table and Markdown
// views name inputs, functions and investments in words, as risk and
// review do, from the two scenarios (either may be nil: ids are then
// used); JSON and CSV keep key paths and ids.
func WriteDiff(w io.Writer, d *plan.Diff, oldS, newS *scenario.Scenario, f Format) error {
	n := diffNames{old: oldS, new: newS}
	switch f {
	case JSON:
		return writeJSON(w, diffMoney(d))
	case CSV:
		return writeDiffCSV(w, diffMoney(d))
	case Markdown:
		return writeDiffText(w, d, n, true)
	}
	return writeDiffText(w, d, n, false)
}

// diffNames names what a diff's two scenarios hold in words: an input as
// InputLabel does, in the scenario that has it (the old one for a removed
// input), a function or an investment by the new scenario's name, or the
// old one's when the new one has no such id.
type diffNames struct{ old, new *scenario.Scenario }

func (n diffNames) input(in plan.InputChange) string {
	s := n.new
	if (in.Kind == plan.ChangeRemoved && n.old != nil) || s == nil {
		s = n.old
	}
	label := InputLabel(s, in.Path)
	// A whole region, function or investment added or removed: its name
	// alone ("East") would not say what it is.
	if parts := SplitPath(in.Path); len(parts) == 1 {
		for _, k := range [][2]string{{"regions[", "region "}, {"functions[", "function "}, {"investments[", "investment "}} {
			if strings.HasPrefix(in.Path, k[0]) {
				return k[1] + label
			}
		}
	}
	return label
}

// value writes an input's old or new value: a number in the input's unit
// (InputValue), in the currency of its side; anything else as a file
// gives it.
func (n diffNames) value(path string, side *scenario.Scenario, v any) string {
	if x, ok := v.(float64); ok && side != nil {
		return InputValue(path, side.Currency, x)
	}
	return inputValue(v)
}

func (n diffNames) name(id string, list func(*scenario.Scenario) []named) string {
	for _, s := range []*scenario.Scenario{n.new, n.old} {
		if s == nil {
			continue
		}
		for _, e := range list(s) {
			if e.id == id {
				if e.name != "" {
					return e.name
				}
				return id
			}
		}
	}
	return id
}

func (n diffNames) function(id string) string { return n.name(id, functionNames) }

func (n diffNames) investments(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = n.name(id, investmentNames)
	}
	return strings.Join(names, ", ")
}

// inputValue writes an input's value as a file would give it.
func inputValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func diffNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func weakestName(c *plan.Cell) string {
	if c == nil {
		return ""
	}
	return c.Function + " in " + c.Region
}

func writeDiffCSV(w io.Writer, d *plan.Diff) error {
	rows := [][]string{{"section", "key", "period", "old", "new", "change", "old_at", "new_at"}}
	for _, in := range d.Inputs {
		rows = append(rows, []string{"input", in.Path, "", inputValue(in.Old), inputValue(in.New), in.Kind, in.OldAt, in.NewAt})
	}
	fig := func(key, period string, o, n float64) {
		rows = append(rows, []string{"outcome", key, period, diffNum(o), diffNum(n), diffNum(n - o), "", ""})
	}
	// money is fig for amounts: no difference across currencies.
	money := func(key, period string, o, n float64) {
		change := diffNum(Cents(n - o))
		if d.Money == plan.MoneyNone {
			change = ""
		}
		rows = append(rows, []string{"outcome", key, period, diffNum(o), diffNum(n), change, "", ""})
	}
	rows = append(rows, []string{"outcome", "status", "", d.Old.Status, d.New.Status, "", "", ""})
	if len(d.Periods) > 0 {
		fig("heart_mean", "", d.Old.HeartMean, d.New.HeartMean)
		fig("brain_mean", "", d.Old.BrainMean, d.New.BrainMean)
		if d.Money == plan.MoneyPerYear {
			// Totals of horizons of different lengths do not compare.
			money("spend_per_year", "", Cents(d.Old.Spend/d.Old.Years), Cents(d.New.Spend/d.New.Years))
			money("unspent_per_year", "", Cents(d.Old.Unspent/d.Old.Years), Cents(d.New.Unspent/d.New.Years))
		} else {
			money("spend", "", d.Old.Spend, d.New.Spend)
			money("unspent", "", d.Old.Unspent, d.New.Unspent)
		}
	}
	for _, p := range d.Periods {
		if p.Old == nil || p.New == nil {
			side := "old"
			if p.Old == nil {
				side = "new"
			}
			rows = append(rows, []string{"outcome", "only_in_" + side, periodName(p), "", "", "", "", ""})
			continue
		}
		fig("heart", periodName(p), p.Old.Heart, p.New.Heart)
		fig("brain", periodName(p), p.Old.Brain, p.New.Brain)
		rows = append(rows, []string{"outcome", "weakest_heart", periodName(p), weakestName(p.Old.Weakest), weakestName(p.New.Weakest), "", "", ""})
		// The ties are counts of cells, not figures: no change.
		rows = append(rows, []string{"outcome", "weakest_heart_tied", periodName(p), strconv.Itoa(p.Old.WeakestTied), strconv.Itoa(p.New.WeakestTied), "", "", ""})
		rows = append(rows, []string{"outcome", "weakest_heart_all_tie", periodName(p), strconv.FormatBool(p.Old.WeakestAllTie), strconv.FormatBool(p.New.WeakestAllTie), "", "", ""})
		money("spend", periodName(p), p.Old.Spend, p.New.Spend)
		money("unspent", periodName(p), p.Old.Unspent, p.New.Unspent)
		fig("central_fte", periodName(p), p.Old.CentralFTE, p.New.CentralFTE)
		fig("local_fte", periodName(p), p.Old.LocalFTE, p.New.LocalFTE)
		rows = append(rows, []string{"outcome", "investments", periodName(p), strings.Join(p.Old.Investments, ";"), strings.Join(p.New.Investments, ";"), "", "", ""})
		for _, c := range p.Coverage {
			fig("coverage."+c.Function, periodName(p), c.Old, c.New)
		}
	}
	if a := d.Attribution; a != nil {
		for _, st := range a.Steps {
			rows = append(rows, []string{"attribution", st.Change, "", "", "", "heart=" + diffNum(st.Heart) + ";brain=" + diffNum(st.Brain) + unplannableMark(st), "", ""})
		}
		for _, st := range a.Average {
			rows = append(rows, []string{"attribution_average", st.Change, "", "", "", "heart=" + diffNum(st.Heart) + ";brain=" + diffNum(st.Brain), "", ""})
		}
	}
	return WriteCSV(w, rows)
}

func unplannableMark(st plan.AttributionStep) string {
	if st.Unplannable {
		return ";unplannable"
	}
	return ""
}

// where writes an input's places: old.yaml:12 → new.yaml:14.
func where(in plan.InputChange) string {
	switch {
	case in.OldAt != "" && in.NewAt != "":
		return in.OldAt + " → " + in.NewAt
	case in.OldAt != "":
		return in.OldAt
	}
	return in.NewAt
}

func writeDiffText(w io.Writer, d *plan.Diff, names diffNames, md bool) error {
	t := &textWriter{w: w, md: md}
	t.heading(1, fmt.Sprintf("Diff: %s → %s", d.Old.File, d.New.File))
	cur := d.New.Currency
	if len(d.Inputs) == 0 {
		t.para("No input differs (defaults filled in): both files plan the same scenario.")
	} else {
		t.heading(2, fmt.Sprintf("Inputs (%d %s)", len(d.Inputs), countWord(len(d.Inputs), "change", "changes")))
		rows := make([][]string, len(d.Inputs))
		for i, in := range d.Inputs {
			old, nw := names.value(in.Path, names.old, in.Old), names.value(in.Path, names.new, in.New)
			person := strings.HasPrefix(in.Path, "roster[")
			switch {
			case person && in.Kind == plan.ChangeAdded:
				old = "(not in the roster)"
			case person && in.Kind == plan.ChangeRemoved:
				nw = "(not in the roster)"
			case in.Kind == plan.ChangeAdded && in.New == nil:
				old, nw = "", "(added)"
			case in.Kind == plan.ChangeRemoved && in.Old == nil:
				old, nw = "(present)", "(removed)"
			case in.Kind == plan.ChangeAdded:
				old = "(default: none)"
			case in.Kind == plan.ChangeRemoved:
				nw = "(default: none)"
			}
			rows[i] = []string{names.input(in), old, nw, where(in)}
		}
		t.table([]string{"Input", "Old", "New", "Where"}, rows)
	}
	t.heading(2, "Outcome")
	if len(d.Periods) == 0 {
		t.para(fmt.Sprintf("Not compared: the old plan is %s and the new one %s.",
			strings.ReplaceAll(d.Old.Status, "_", " "), strings.ReplaceAll(d.New.Status, "_", " ")))
		return t.err
	}
	// Money compares as in compare: totals of the same horizon length in
	// the same currency; a year's worth when the horizons differ; no
	// difference across currencies.
	moneyRow := func(label string, o, n float64) []string {
		if d.Money == plan.MoneyPerYear {
			label += " a year"
			o, n = o/d.Old.Years, n/d.New.Years
		}
		change := deltaCell('m', n-o, cur)
		if d.Money == plan.MoneyNone {
			change = "-"
		}
		return []string{label, plan.FormatMoney(d.Old.Currency, o), plan.FormatMoney(cur, n), change}
	}
	// A change in points is the difference of the two figures beside it,
	// as a reader takes it: 76.6% to 31.5% is -45.1 pts, where the exact
	// change (-45.18) rounded read -45.2. The attribution's total is the
	// same figure.
	oldHeart, newHeart := HeartPercent(d.Old.HeartMean, d.Old.HealthyAll, d.Old.HealthyHeart), HeartPercent(d.New.HeartMean, d.New.HealthyAll, d.New.HealthyHeart)
	oldBrain, newBrain := Percent(d.Old.BrainMean), Percent(d.New.BrainMean)
	totals := attributionTotals{heart: printedVariance(oldHeart, newHeart), brain: printedVariance(oldBrain, newBrain)}
	t.table([]string{"", "Old", "New", "Change"}, [][]string{
		{"heart (mean)", oldHeart, newHeart, totals.heart},
		{"brain (mean)", oldBrain, newBrain, totals.brain},
		moneyRow("spend", d.Old.Spend, d.New.Spend),
		moneyRow("unspent", d.Old.Unspent, d.New.Unspent),
	})
	switch d.Money {
	case plan.MoneyPerYear:
		years := func(y float64) string {
			if y == 1 {
				return "1 year"
			}
			return plainNum(y) + " years"
		}
		t.para(fmt.Sprintf("The old horizon covers %s and the new one %s: spend and unspent are compared a year (each total over its horizon's years), not as totals.",
			years(d.Old.Years), years(d.New.Years)))
	case plan.MoneyNone:
		t.para(fmt.Sprintf("The old scenario is in %s and the new one in %s: each amount is in its own currency, and no money difference is given.", d.Old.Currency, d.New.Currency))
	}
	periods, rolledOld, rolledNew := d.Periods, "", ""
	if d.RolledPeriods != nil {
		periods, rolledOld, rolledNew = d.RolledPeriods, d.RolledOld, d.RolledNew
	}
	var rows [][]string
	var only []string
	var moves []string
	atFloor := false
	// A name the two horizons give to different months (FY28-Q1 is April
	// to June 2027 under an April fiscal year and July to September under
	// a July one) is in the table and only in one horizon at once: the
	// line of the period only one horizon has names its months too.
	named := map[string]int{}
	for _, p := range periods {
		named[p.Label]++
		if p.NewLabel != "" {
			named[p.NewLabel]++
		}
	}
	for _, p := range periods {
		if p.Old == nil || p.New == nil {
			side := "the old"
			if p.Old == nil {
				side = "the new"
			}
			name := p.Label
			if named[name] > 1 && p.Months.Len > 0 {
				name += " (" + monthsWords(p.Months) + ")"
			}
			only = append(only, fmt.Sprintf("%s is only in %s horizon.", name, side))
			continue
		}
		label := periodName(p)
		ow, nw := scoresWeakest(p.Old.PeriodScores, d.Old.HealthyHeart).rolled(rolledOld), scoresWeakest(p.New.PeriodScores, d.New.HealthyHeart).rolled(rolledNew)
		// A weakest cell at its floor is marked as cardio plan's coverage
		// table and cardio review mark it: "Proposals/North America
		// 60.0%" did not say that 60% was as low as the scenario lets the
		// cell go.
		ow.marks, nw.marks = floorMarks(ow), floorMarks(nw)
		atFloor = atFloor || ow.marks != "" || nw.marks != ""
		rows = append(rows, []string{label,
			pair(HeartPercent(p.Old.Heart, p.Old.Healthy, d.Old.HealthyHeart), HeartPercent(p.New.Heart, p.New.Healthy, d.New.HealthyHeart)),
			pair(Percent(p.Old.Brain), Percent(p.New.Brain)),
			weakestPair(ow, nw, names.function),
			pair(plan.FormatMoney(d.Old.Currency, p.Old.Spend), plan.FormatMoney(cur, p.New.Spend)),
			pair(plan.FormatMoney(d.Old.Currency, p.Old.Unspent), plan.FormatMoney(cur, p.New.Unspent)),
			pair(FTE(p.Old.CentralFTE), FTE(p.New.CentralFTE)),
			pair(FTE(p.Old.LocalFTE), FTE(p.New.LocalFTE)),
			pair(names.investments(p.Old.Investments), names.investments(p.New.Investments)),
		})
		for _, c := range p.Coverage {
			// As cardio plan prints the function (a heart function below
			// healthy rounded down), and the move the difference of the
			// two figures beside it: 71.9% to 81.3% is +9.4 pts, where the
			// exact move rounded read +9.3.
			o, n := percentAt(c.OldShown(d.Old.HealthyHeart)), percentAt(c.NewShown(d.New.HealthyHeart))
			moves = append(moves, fmt.Sprintf("%s %s: %s → %s (%s)", label, names.function(c.Function), o, n, printedVariance(o, n)))
		}
	}
	t.heading(2, "Per period (old → new)")
	if d.Misaligned != "" {
		t.para(fmt.Sprintf("The two scenarios' %ss cover different months (their fiscal years start in different months), so no %s of one is a %s of the other: the table shows every period.",
			d.Misaligned, d.Misaligned, d.Misaligned))
	}
	if d.RolledPeriods != nil {
		by := d.RolledBy
		t.para(fmt.Sprintf("The periods are rolled up to %ss: heart, brain and each function's coverage are the mean over a %s's periods; spend and unspent are summed; FTE and investments are at the end of the %s; a %s's lowest heart coverage is the lowest of its periods'. JSON and CSV carry every period.",
			by, by, by, by))
	}
	t.table([]string{"Period", "Heart", "Brain", "Weakest heart", "Spend", "Unspent", "Central FTE", "Local FTE", "Investments"}, rows)
	if atFloor {
		t.para(floorMarkNote)
	}
	if len(only) > 0 {
		t.list(only)
	}
	t.heading(2, fmt.Sprintf("Coverage moves of %.1f pts or more", 100*d.MinChange))
	if len(moves) == 0 {
		t.para("None.")
	} else {
		t.list(moves)
	}
	if a := d.Attribution; a != nil {
		label := map[string]string{}
		for _, in := range d.Inputs {
			label[in.Path] = names.input(in)
		}
		writeAttribution(t, a, label, totals)
	}
	return t.err
}

// attributionTotals are the heart's and the brain's change in all as the
// outcome table prints them: the difference of the printed means.
type attributionTotals struct{ heart, brain string }

// writeAttribution writes the attribution's steps, each change named by
// label (an input's key path to its words; a path not in it as is), and
// their totals as the outcome table prints them.
func writeAttribution(t *textWriter, a *plan.Attribution, label map[string]string, totals attributionTotals) {
	t.heading(2, "What moved the heart and the brain")
	t.para(fmt.Sprintf("Each change applied to the old scenario in turn, in the order of the inputs above; heart %s, brain %s in all.",
		totals.heart, totals.brain))
	header := []string{"Change", "Heart", "Brain"}
	if a.OrderMatters {
		header = append(header, "Heart (average)", "Brain (average)")
	}
	rows := make([][]string, len(a.Steps))
	unplannable := false
	for i, st := range a.Steps {
		name := st.Change
		if l, ok := label[name]; ok {
			name = l
		}
		if st.Unplannable {
			name += " *"
			unplannable = true
		}
		rows[i] = []string{name, deltaCell('p', st.Heart, ""), deltaCell('p', st.Brain, "")}
		if len(a.Steps) == 1 && a.ResidualHeart == 0 && a.ResidualBrain == 0 {
			// The one change is the whole change: it reads as the total
			// (the difference of the printed means), not as the exact
			// change rounded a tenth away from it.
			rows[i] = []string{name, totals.heart, totals.brain}
		}
		if a.OrderMatters {
			rows[i] = append(rows[i], deltaCell('p', a.Average[i].Heart, ""), deltaCell('p', a.Average[i].Brain, ""))
		}
	}
	t.table(header, rows)
	var notes []string
	if unplannable {
		notes = append(notes, "* The scenario with this change and those before it does not load or is infeasible on its own: its effect is counted in the next step that plans.")
	}
	if a.OrderMatters {
		how := fmt.Sprintf("all %d orders", a.Orders)
		if !a.Exact {
			how = fmt.Sprintf("%d orders (the stated one and others drawn with a fixed seed)", a.Orders)
		}
		notes = append(notes, "The order matters: a change's effect depends on the changes made before it. The averages are over "+how+".")
	} else if len(a.Steps) > 1 && a.Exact {
		notes = append(notes, "The order does not matter: each change has the same effect in every order.")
	} else if len(a.Steps) > 1 && a.Orders > 1 {
		notes = append(notes, fmt.Sprintf("The order did not matter in the %d orders planned (the stated one and others drawn with a fixed seed): each change had the same effect in each.", a.Orders))
	} else if len(a.Steps) > 1 {
		notes = append(notes, fmt.Sprintf("With %d changes only the stated order was planned: in another order a change's effect may differ.", len(a.Steps)))
	}
	residual := a.ResidualHeart != 0 || a.ResidualBrain != 0
	if residual {
		n := fmt.Sprintf("Not reached by the changes one at a time: heart %s, brain %s", deltaCell('p', a.ResidualHeart, ""), deltaCell('p', a.ResidualBrain, ""))
		// Each order stops at its own last scenario that plans: the
		// averages reach another part, which they add up with.
		if a.OrderMatters {
			n += fmt.Sprintf(" in the stated order, and on average over the orders heart %s, brain %s", deltaCell('p', a.AverageResidualHeart, ""), deltaCell('p', a.AverageResidualBrain, ""))
		}
		notes = append(notes, n+".")
	}
	if n := attributionRoundingNote(a, rows, residual, totals); n != "" {
		notes = append(notes, n)
	}
	for _, n := range notes {
		t.para(n)
	}
}

// attributionRoundingNote says, when it is so, that the attribution's
// steps, each the exact change rounded on its own as the plan's tables
// round (roundingNote), add up as printed to another figure than the total
// the paragraph above them prints (totals, the outcome table's change):
// -0.1, -1.0, ... read back from the table's cells (rows, as
// writeAttribution fills them) come to -4.3 pts where the heart moved -4.2
// in all. With residual,
// the part the changes do not reach, as its note prints it, is added in:
// the stated order's to the steps, the average over the orders to the
// averages.
// The JSON keeps the exact figures, which add up. Empty when every column
// adds up as printed.
func attributionRoundingNote(a *plan.Attribution, rows [][]string, residual bool, totals attributionTotals) string {
	if len(rows) < 2 {
		return ""
	}
	type column struct {
		col    int
		name   string
		total  string
		missed float64
	}
	cols := []column{
		{1, "heart changes", totals.heart, a.ResidualHeart},
		{2, "brain changes", totals.brain, a.ResidualBrain},
	}
	if a.OrderMatters {
		// The averages add up with the part the orders do not reach on
		// average, not the stated order's.
		cols = append(cols, column{3, "average heart changes", totals.heart, a.AverageResidualHeart},
			column{4, "average brain changes", totals.brain, a.AverageResidualBrain})
	}
	var parts []string
	for _, c := range cols {
		// In tenths of a point, as printed: whole numbers add up exactly.
		tenths := 0
		for _, row := range rows {
			tenths += pointTenths(row[c.col])
		}
		if residual {
			tenths += pointTenths(deltaCell('p', c.missed, ""))
		}
		got, want := deltaCell('p', float64(tenths)/1000, ""), c.total
		if got == want {
			continue
		}
		if len(parts) == 0 {
			parts = append(parts, fmt.Sprintf("the steps' %s add up to %s against a total of %s", c.name, got, want))
		} else {
			parts = append(parts, fmt.Sprintf("their %s to %s against %s", c.name, got, want))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	if last := len(parts) - 1; last > 0 {
		parts[last] = "and " + parts[last]
	}
	with := ""
	if residual {
		with = " (with the part not reached)"
	}
	return roundingNotePrefix + ": as printed, " + strings.Join(parts, ", ") + with + "; the total is the change of the means printed above, and the JSON carries the exact figures, which add up."
}

// pointTenths reads back a change in points deltaCell printed ("-4.3
// pts", "0.0 pts") in tenths of a point; a cell cardio wrote always reads,
// so a failure is 0.
func pointTenths(cell string) int {
	x, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(cell), " pts"), 64)
	if err != nil {
		return 0
	}
	return int(math.Round(10 * x))
}

// periodName names a period of a diff: OLD's label, or "FY28-Q1 →
// FY27-Q4" when NEW names the same months otherwise.
func periodName(p plan.PeriodDiff) string {
	if p.NewLabel == "" {
		return p.Label
	}
	return pair(p.Label, p.NewLabel)
}

func pair(o, n string) string {
	if o == n {
		return o
	}
	return o + " → " + n
}

// weakest is a period's weakest heart cell in a plan with its ties, as
// the plan counts them (Period.WeakestHeartTies), and the period's
// regions: a diff's outcome and a review's scores alike (PeriodScores).
type weakest struct {
	cell    *plan.Cell
	tied    int
	all     bool
	regions int
	// marks are the named cell's marks (the review's), written beside
	// its coverage, before its ties.
	marks string
	// over is the period (month) a rolled-up period gathers, "" for a
	// period of the plan's own: a quarter's weakest is the lowest of its
	// months', and its ties are as low "in some month", or alike "in
	// every month".
	over string
	// healthy is the plan's healthy heart, which a weakest cell counted
	// healthy reads at or above as printed.
	healthy float64
}

func scoresWeakest(s plan.PeriodScores, healthy float64) weakest {
	return weakest{cell: s.Weakest, tied: s.WeakestTied, all: s.WeakestAllTie, regions: s.Regions, healthy: healthy}
}

// rolled is w of a period rolled up from periods of the kind over ("" for
// none).
func (w weakest) rolled(over string) weakest {
	w.over = over
	return w
}

// floorMarkNote says what floorMarks mean, under a table that has one.
const floorMarkNote = markAtFloor + " marks a weakest heart cell at its floor (the lowest coverage the scenario allows it), as cardio plan marks it."

// floorMarks are the marks of the cell w names in a plan: " !" at its
// floor, as cardio plan's coverage table marks it (cellMarks), or ""; none
// where no cell is named ("every heart function at ...").
func floorMarks(w weakest) string {
	c := w.cell
	if c == nil || w.all || c.MinCoverage <= 0 || c.Coverage > c.MinCoverage+1e-6 {
		return ""
	}
	return " " + markAtFloor
}

// weakestPair writes a period's weakest heart cell in two plans as pair
// does, but a healthy cell for a healthy cell at the same printed coverage
// as the new one alone: the weakest of cells at healthy is a tie that two
// plans (or two versions of cardio's ranking) may break either way, not a
// change. A review showed "Compensation administration/APAC 90.0% →
// Territory design/North America 90.0%" for a quarter whose plan had not
// moved: the plan of record, saved by an older cardio, had named the
// other of the tied cells.
//
// The tie is only such when the two sides' ties read alike too: "every
// heart function at 90.0% in every region" (33 cells) against
// "comp_admin/Americas 90.0%, and 3 others as low" is a change, and the
// new words alone read as if the old plan had them
// (baseline.yaml → whole-people.yaml).
func weakestPair(o, n weakest, function func(id string) string) string {
	if o.cell != nil && n.cell != nil && !o.cell.BelowHealthy && !n.cell.BelowHealthy && Percent(o.cell.Coverage) == Percent(n.cell.Coverage) &&
		o.tied == n.tied && o.all == n.all && o.over == n.over && o.marks == n.marks && (!o.all || (o.regions > 1) == (n.regions > 1)) {
		return weakestShort(n, function)
	}
	return pair(weakestShort(o, function), weakestShort(n, function))
}

// weakestShort writes a weakest cell as function/region coverage, the
// function by id or, with a namer, by name ("-" without a cell), with the
// cells of its period that print as low, in the plan's legend's words:
// "Quoting and CPQ/APAC 0.0%, and 2 others as low", or "every heart function at
// 100.0% in every region" where every heart cell of the period does
// (where "Support/North 100.0%" named one of four alike as the weakest).
// A cell below healthy is rounded down, as the plan's coverage table
// prints it (coveragePercent): the baseline at $5,593,030 a year read
// "Compensation administration/APAC 90.0%" here and "89.9%*" in the plan.
func weakestShort(w weakest, function func(id string) string) string {
	c := w.cell
	if c == nil {
		return "-"
	}
	if w.all {
		where := ""
		if w.regions > 1 {
			where = " in every region"
		}
		if w.over != "" {
			where += " in every " + w.over
		}
		return fmt.Sprintf("every heart function at %s%s", heartPercentOf(c.Coverage, c.BelowHealthy, w.healthy), where)
	}
	fn := c.Function
	if function != nil {
		fn = function(fn)
	}
	out := fmt.Sprintf("%s/%s %s", fn, c.Region, heartPercentOf(c.Coverage, c.BelowHealthy, w.healthy)) + w.marks + othersAsLow(w.tied)
	if w.tied > 0 && w.over != "" {
		out += " in some " + w.over
	}
	return out
}

// othersAsLow says how many others read as low as the weakest named
// before it, in the tables' short words: ", and 2 others as low" ("" for
// none).
func othersAsLow(k int) string {
	switch {
	case k == 1:
		return ", and 1 other as low"
	case k > 1:
		return fmt.Sprintf(", and %d others as low", k)
	}
	return ""
}

func countWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
