package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cardio-planning/cardio/internal/plan"
)

// WriteComparison writes scenarios side by side in the given format. CSV is
// wide, a column a scenario: metric,period,<scenario>...; period is empty
// for figures over the horizon, and rows vs_first.* hold the differences to
// the first scenario.
//
// The table and Markdown views show a monthly plan's periods by quarter;
// WriteComparisonBy chooses the roll-up.
func WriteComparison(w io.Writer, c *plan.Comparison, f Format) error {
	return WriteComparisonBy(w, c, f, "")
}

// WriteComparisonBy is WriteComparison with the table and Markdown views'
// periods rolled up to by (month, quarter or year; "" rolls months up to
// quarters). A scenario whose periods are as long as by or longer shows
// its own. JSON and CSV carry every period whatever by says.
func WriteComparisonBy(w io.Writer, c *plan.Comparison, f Format, by string) error {
	c = comparisonWords(c)
	switch f {
	case JSON:
		return writeJSON(w, comparisonMoney(c))
	case CSV:
		return writeComparisonCSV(w, comparisonMoney(c))
	case Markdown:
		return writeComparisonText(w, c, by, true)
	}
	return writeComparisonText(w, c, by, false)
}

// columnNames names the columns by scenario, or by file when two scenarios
// share a name.
func columnNames(c *plan.Comparison) []string {
	seen := map[string]int{}
	for _, s := range c.Scenarios {
		seen[s.Scenario]++
	}
	names := make([]string, len(c.Scenarios))
	for i, s := range c.Scenarios {
		names[i] = s.Scenario
		if seen[s.Scenario] > 1 || s.Scenario == "" {
			names[i] = s.File
		}
	}
	return names
}

// periodRow is one row of a comparison by period, or one category of its
// chart: the months it covers, and its name, the scenarios' labels of
// those months ("2027-Q2 / FY28-Q1" when a calendar and a fiscal quarter
// start the same April).
type periodRow struct {
	Names  []string
	Months plan.Months
	// Dated says the row names its months too: one of its names is
	// another row's name as well (FY28-Q1 under April and July fiscal
	// years).
	Dated bool
}

// Label is the row's name: its periods' labels, in the order of the
// scenarios, and its months when Dated.
func (r periodRow) Label() string { return r.name(" / ", " ") }

// name joins the row's names with sep, and its months when Dated after
// dateSep.
func (r periodRow) name(sep, dateSep string) string {
	n := strings.Join(r.Names, sep)
	if r.Dated {
		n += dateSep + "(" + monthsWords(r.Months) + ")"
	}
	return n
}

// periodAxis lines up the periods of several scenarios by date: labels[i]
// maps scenario i's period labels to the months each covers. Periods
// covering the same months share a row, whatever the scenarios call them;
// rows are in order of their first month, then by name (the year 2027
// before its first quarter 2027-Q1).
func periodAxis(labels []map[string]plan.Months, order [][]string, fiscal []int) []periodRow {
	var rows []periodRow
	at := map[plan.Months]int{}
	for i, ls := range order {
		for _, l := range ls {
			m := labels[i][l]
			k, ok := at[m]
			switch {
			case !ok:
				at[m] = len(rows)
				rows = append(rows, periodRow{Names: []string{l}, Months: m})
			case !slices.Contains(rows[k].Names, l):
				rows[k].Names = append(rows[k].Names, l)
			}
		}
	}
	// A row's names run in the order of the scenarios' namings, not of
	// the scenarios that have the row: a baseline of four calendar
	// quarters, an April fiscal year and eight calendar quarters gave
	// "2027-Q2 / FY28-Q1" and then "FY28-Q4 / 2028-Q1", as the baseline
	// has no 2028-Q1.
	first := map[int]int{} // naming -> the first scenario that names so
	rank := map[string]int{}
	for i := range order {
		// A scenario names its months by the calendar, its quarters and
		// years by its fiscal year (fiscal[i], 0 for the calendar's).
		sch := 0
		for _, l := range order[i] {
			if labels[i][l].Len > 1 {
				sch = fiscal[i]
				break
			}
		}
		if _, ok := first[sch]; !ok {
			first[sch] = i
		}
		for _, l := range order[i] {
			if r, ok := rank[l]; !ok || first[sch] < r {
				rank[l] = first[sch]
			}
		}
	}
	for _, r := range rows {
		slices.SortStableFunc(r.Names, func(a, b string) int { return rank[a] - rank[b] })
	}
	// One name for other months in two scenarios (FY28-Q1 under April and
	// May fiscal years) says which months each row is.
	rowsOf := map[string]int{}
	for _, r := range rows {
		for _, n := range r.Names {
			rowsOf[n]++
		}
	}
	for i, r := range rows {
		rows[i].Dated = slices.ContainsFunc(r.Names, func(n string) bool { return rowsOf[n] > 1 })
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if a, b := rows[i].Months.Start, rows[j].Months.Start; a != b {
			return a < b
		}
		return rows[i].Label() < rows[j].Label()
	})
	return rows
}

// monthsWords writes a stretch of months: "Apr-Jun 2027", "Nov 2027-Jan
// 2028", "Apr 2027" for one month.
func monthsWords(m plan.Months) string {
	name := func(at int) (string, int) { return time.Month(at%12 + 1).String()[:3], at / 12 }
	first, y0 := name(m.Start)
	if m.Len <= 1 {
		return fmt.Sprintf("%s %d", first, y0)
	}
	last, y1 := name(m.Start + m.Len - 1)
	if y0 == y1 {
		return fmt.Sprintf("%s-%s %d", first, last, y0)
	}
	return fmt.Sprintf("%s %d-%s %d", first, y0, last, y1)
}

// comparisonAxis is periodAxis over a comparison's scenarios.
func comparisonAxis(c *plan.Comparison) []periodRow {
	labels := make([]map[string]plan.Months, len(c.Scenarios))
	order := make([][]string, len(c.Scenarios))
	fiscal := make([]int, len(c.Scenarios))
	for i, s := range c.Scenarios {
		fiscal[i] = s.FiscalYearStart
		labels[i] = map[string]plan.Months{}
		for _, p := range s.Periods {
			labels[i][p.Label] = p.Months
			order[i] = append(order[i], p.Label)
		}
	}
	return periodAxis(labels, order, fiscal)
}

// findPeriod is s's period covering the months of row, or nil.
func findPeriod(s plan.Summary, row periodRow) *plan.SummaryPeriod {
	for i := range s.Periods {
		if s.Periods[i].Months == row.Months {
			return &s.Periods[i]
		}
	}
	return nil
}

func hasPlan(s plan.Summary) bool { return len(s.Periods) > 0 }

// ownedMark marks an owned investment, in place and not chosen by the
// plan: " (owned)".
func ownedMark(inv plan.ChosenInvestment) string {
	if inv.Owned {
		return " (owned)"
	}
	return ""
}

// summaryName is an id's name in names (a Summary's FunctionNames or
// InvestmentNames), or the id when the scenario gives it none.
func summaryName(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	return id
}

// weakestFunction writes a column's weakest heart function with its
// ties as the plan counts them (plan.WeakestFunction), in the words of
// the plan's legend: "Territory design 90.0% in every month, and 10
// others as low in some month", "Proposals 66.3% (2028-Q3 and 2 other
// quarters)", or "every heart function at 90.0% in every quarter"
// where every heart function reads alike in every period (the baseline's
// column named Territory design, one of 11 at 90.0%, as the weakest).
func weakestFunction(s plan.Summary) string {
	w := s.WeakestHeart
	every, some := "", ""
	if len(s.Periods) > 1 && s.Period != "" {
		every, some = " in every "+s.Period, " in some "+s.Period
	}
	at := heartPercentOf(w.Coverage, w.BelowHealthy, s.HealthyHeart)
	if w.AllTie {
		return fmt.Sprintf("every heart function at %s%s", at, every)
	}
	out := fmt.Sprintf("%s %s", summaryName(s.FunctionNames, w.ID), at)
	// The function may read as low in other periods than w.Period: the
	// first one alone would single it out.
	switch n := w.PeriodsAsLow; {
	case every != "" && n == len(s.Periods):
		out += every
	case n > 1 && s.Period != "":
		out += fmt.Sprintf(" (%s and %d other %s%s)", w.Period, n-1, s.Period, plural(n-1))
	default:
		out += " (" + w.Period + ")"
	}
	if w.Tied > 0 {
		out += othersAsLow(w.Tied) + some
	}
	return out
}

// investmentList lists a column's investments: the CSV's ids (level
// false), or the table's names with an owned mark or a partial level.
func investmentList(s plan.Summary, sep string, level bool) string {
	var ids []string
	for _, inv := range s.Investments {
		name := inv.ID
		if level {
			name = summaryName(s.InvestmentNames, inv.ID)
		}
		switch {
		case level && inv.Owned:
			// The table's row reads "investments chosen". (CSV keeps the
			// ids; JSON has owned.)
			ids = append(ids, name+ownedMark(inv))
		case level && inv.Level < 1-plan.VerifyTol:
			ids = append(ids, fmt.Sprintf("%s (%s)", name, Percent(inv.Level)))
		default:
			ids = append(ids, name)
		}
	}
	return strings.Join(ids, sep)
}

func writeComparisonCSV(w io.Writer, c *plan.Comparison) error {
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	header := append([]string{"metric", "period"}, columnNames(c)...)
	rows := [][]string{header}
	// row adds a row of one cell per scenario; cell returns "" for none.
	row := func(metric, period string, cell func(s plan.Summary) string) {
		r := []string{metric, period}
		for _, s := range c.Scenarios {
			r = append(r, cell(s))
		}
		rows = append(rows, r)
	}
	figure := func(metric string, v func(s plan.Summary) float64) {
		row(metric, "", func(s plan.Summary) string {
			if !hasPlan(s) {
				return ""
			}
			return num(v(s))
		})
	}
	row("file", "", func(s plan.Summary) string { return s.File })
	row("status", "", func(s plan.Summary) string { return s.Status })
	figure("heart_mean", func(s plan.Summary) float64 { return s.HeartMean })
	figure("heart_min", func(s plan.Summary) float64 { return s.HeartMin })
	figure("brain_mean", func(s plan.Summary) float64 { return s.BrainMean })
	row("healthy_all", "", func(s plan.Summary) string {
		if !hasPlan(s) {
			return ""
		}
		return strconv.FormatBool(s.HealthyAll)
	})
	periods := comparisonAxis(c)
	for _, m := range []struct {
		name string
		v    func(p *plan.SummaryPeriod) float64
	}{
		{"heart", func(p *plan.SummaryPeriod) float64 { return p.Heart }},
		{"brain", func(p *plan.SummaryPeriod) float64 { return p.Brain }},
		{"budget", func(p *plan.SummaryPeriod) float64 { return p.Budget }},
		{"spend", func(p *plan.SummaryPeriod) float64 { return p.Spend }},
		{"central_fte", func(p *plan.SummaryPeriod) float64 { return p.CentralFTE }},
		{"local_fte", func(p *plan.SummaryPeriod) float64 { return p.LocalFTE }},
		{"central_share", func(p *plan.SummaryPeriod) float64 { return p.CentralShare }},
	} {
		for _, pr := range periods {
			row(m.name, pr.Label(), func(s plan.Summary) string {
				if p := findPeriod(s, pr); p != nil {
					return num(m.v(p))
				}
				return ""
			})
		}
	}
	row("weakest_heart", "", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return s.WeakestHeart.ID
	})
	row("weakest_heart_coverage", "", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return num(s.WeakestHeart.Coverage)
	})
	row("weakest_heart_period", "", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return s.WeakestHeart.Period
	})
	row("weakest_heart_periods_as_low", "", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return strconv.Itoa(s.WeakestHeart.PeriodsAsLow)
	})
	row("weakest_heart_tied", "", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return strconv.Itoa(s.WeakestHeart.Tied)
	})
	row("weakest_heart_all_tie", "", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return strconv.FormatBool(s.WeakestHeart.AllTie)
	})
	figure("central_share", func(s plan.Summary) float64 { return s.CentralShare })
	figure("central_fte", func(s plan.Summary) float64 { return s.CentralFTE })
	figure("local_fte", func(s plan.Summary) float64 { return s.LocalFTE })
	figure("budget", func(s plan.Summary) float64 { return s.Budget })
	figure("spend", func(s plan.Summary) float64 { return s.Spend })
	figure("unspent", func(s plan.Summary) float64 { return s.Unspent })
	row("investments", "", func(s plan.Summary) string { return investmentList(s, ";", false) })
	figure("seller_hours", func(s plan.Summary) float64 { return s.SellerHours })
	row("vs_first.money", "", func(s plan.Summary) string {
		if s.VsFirst == nil {
			return ""
		}
		return s.VsFirst.Money
	})
	for _, d := range deltaFields {
		row("vs_first."+d.json, "", func(s plan.Summary) string {
			if s.VsFirst == nil {
				return ""
			}
			x := d.v(s.VsFirst)
			if x == nil {
				return ""
			}
			return num(*x)
		})
	}
	return WriteCSV(w, rows)
}

// deltaFields are the differences to the first scenario, with how the
// table shows them. v is nil where no difference is given: money in
// another currency, or totals of a horizon of another length.
var deltaFields = []struct {
	json, label string
	kind        byte // p: points, f: FTE, m: money, h: hours
	v           func(d *plan.SummaryDelta) *float64
	// shown is the figure the comparison's table prints for a scenario
	// (points and FTE): the table of differences prints the difference of
	// two such figures, as a reader takes it.
	shown func(s plan.Summary) string
}{
	{"heart_mean", "heart (mean)", 'p', func(d *plan.SummaryDelta) *float64 { return &d.HeartMean }, heartMeanCell},
	{"heart_min", "heart (weakest period)", 'p', func(d *plan.SummaryDelta) *float64 { return &d.HeartMin }, heartMinCell},
	{"brain_mean", "brain (mean)", 'p', func(d *plan.SummaryDelta) *float64 { return &d.BrainMean }, brainMeanCell},
	{"central_share", "central share", 'p', func(d *plan.SummaryDelta) *float64 { return &d.CentralShare }, centralShareCell},
	{"central_fte", "central FTE (average)", 'f', func(d *plan.SummaryDelta) *float64 { return &d.CentralFTE }, centralFTECell},
	{"local_fte", "local FTE (average)", 'f', func(d *plan.SummaryDelta) *float64 { return &d.LocalFTE }, localFTECell},
	{"budget", "budget", 'm', func(d *plan.SummaryDelta) *float64 { return d.Budget }, nil},
	{"spend", "spend", 'm', func(d *plan.SummaryDelta) *float64 { return d.Spend }, nil},
	{"unspent", "unspent", 'm', func(d *plan.SummaryDelta) *float64 { return d.Unspent }, nil},
	{"budget_per_year", "budget a year", 'y', func(d *plan.SummaryDelta) *float64 { return d.BudgetPerYear }, nil},
	{"spend_per_year", "spend a year", 'y', func(d *plan.SummaryDelta) *float64 { return d.SpendPerYear }, nil},
	{"unspent_per_year", "unspent a year", 'y', func(d *plan.SummaryDelta) *float64 { return d.UnspentPerYear }, nil},
	{"seller_hours", sellerHoursLabel, 'h', func(d *plan.SummaryDelta) *float64 { return &d.SellerHours }, nil},
}

// sellerHoursLabel heads compare's row of selling time given back. The
// plan gives hours a week (JSON and CSV keep them); the table gives them a
// year (sellerHoursYear), the unit cardio invest speaks in, so that the two
// views of one investment read alike.
const sellerHoursLabel = "seller hours given back a year (at the last period's rate)"

// sellerHoursYear turns selling hours a week into hours a year.
func sellerHoursYear(perWeek float64) float64 { return perWeek * plan.WorkingWeeksPerYear }

// writeComparisonText shows the scenarios side by side, a column each, then
// each one's difference to the first, then why any is infeasible.
func writeComparisonText(w io.Writer, c *plan.Comparison, by string, md bool) error {
	note := compareRollNote(c, by)
	// The rows per period read the rolled-up periods; everything else,
	// the horizon's length included, the plans' own.
	rolled := rollComparison(c, by)
	tw := &textWriter{w: w, md: md}
	names := columnNames(c)
	title := fmt.Sprintf("Comparison of %d scenarios", len(c.Scenarios))
	if c.Mode == plan.ModeAsIs {
		title += ": the organizations as they are today"
	}
	tw.heading(1, title)
	if note != "" {
		tw.para(note)
	}
	var rows [][]string
	row := func(metric string, cell func(s plan.Summary) string) {
		r := []string{metric}
		for _, s := range c.Scenarios {
			if !hasPlan(s) {
				r = append(r, "-")
				continue
			}
			r = append(r, cell(s))
		}
		rows = append(rows, r)
	}
	money := func(s plan.Summary, x float64) string { return plan.FormatMoney(s.Currency, x) }
	rows = append(rows, append([]string{"status"}, statusCells(c)...))
	row("heart (mean)", heartMeanCell)
	row("heart (weakest period)", heartMinCell)
	periods := comparisonAxis(rolled)
	// periodRow adds the row of one period, a cell per scenario.
	periodRow := func(metric string, pr periodRow, v func(s plan.Summary, p *plan.SummaryPeriod) string) {
		r := []string{"  " + metric + " " + pr.Label()}
		for _, s := range rolled.Scenarios {
			switch p := findPeriod(s, pr); {
			case !hasPlan(s):
				r = append(r, "-")
			case p != nil:
				r = append(r, v(s, p))
			default:
				r = append(r, "")
			}
		}
		rows = append(rows, r)
	}
	for _, pr := range periods {
		periodRow("heart", pr, func(s plan.Summary, p *plan.SummaryPeriod) string {
			return HeartPercent(p.Heart, p.Healthy, s.HealthyHeart)
		})
	}
	row("healthy in every period", healthyAllWords)
	row("weakest heart function (all regions)", func(s plan.Summary) string {
		if s.WeakestHeart == nil {
			return ""
		}
		return weakestFunction(s)
	})
	row("brain (mean)", brainMeanCell)
	for _, pr := range periods {
		periodRow("brain", pr, func(_ plan.Summary, p *plan.SummaryPeriod) string { return Percent(p.Brain) })
	}
	row("central share", centralShareCell)
	row("central FTE (average)", centralFTECell)
	row("local FTE (average)", localFTECell)
	if !sameHorizons(c) {
		row("horizon", func(s plan.Summary) string { return horizonWords(s) })
	}
	row("budget", func(s plan.Summary) string { return money(s, s.Budget) })
	row("spend", func(s plan.Summary) string { return money(s, s.Spend) })
	row("unspent", func(s plan.Summary) string { return money(s, s.Unspent) })
	row("investments chosen", func(s plan.Summary) string {
		if len(s.Investments) == 0 {
			return "none"
		}
		return investmentList(s, ", ", true)
	})
	row(sellerHoursLabel, func(s plan.Summary) string { return plan.GroupThousands(math.Round(sellerHoursYear(s.SellerHours))) })
	tw.table(append([]string{"metric"}, names...), rows)

	if len(c.Scenarios) > 1 {
		tw.heading(2, "Difference to "+names[0])
		rows = nil
		totals, perYear := moneyBases(c)
		for _, d := range deltaFields {
			// Totals when every column has them; figures a year when some
			// column has only those.
			if (d.kind == 'm' && !totals) || (d.kind == 'y' && (totals || !perYear)) {
				continue
			}
			r := []string{d.label}
			for _, s := range c.Scenarios[1:] {
				var x *float64
				if s.VsFirst != nil {
					x = d.v(s.VsFirst)
				}
				if x == nil {
					r = append(r, "-")
					continue
				}
				v := *x
				switch {
				case d.kind == 'h':
					v = sellerHoursYear(v)
				case d.shown != nil:
					// Points and FTE: the difference of the figures
					// printed above, at their decimals.
					x, dec := printedChange(d.shown(c.Scenarios[0]), d.shown(s))
					if d.kind == 'p' {
						r = append(r, pointsAt(x, dec))
						continue
					}
					v = x
				}
				r = append(r, deltaCell(d.kind, v, s.Currency))
			}
			rows = append(rows, r)
		}
		r := []string{"investments"}
		for _, s := range c.Scenarios[1:] {
			r = append(r, investmentChange(c.Scenarios[0], s))
		}
		rows = append(rows, r)
		tw.table(append([]string{"metric"}, names[1:]...), rows)
		// Points and FTE are the differences of the printed figures (52.5%
		// against 52.4% is +0.1 pts, whatever the exact figures); money,
		// printed at a coarser step, the exact difference rounded.
		tw.para("Points and FTE are the differences of the figures printed above; money is the difference of the exact amounts, rounded on its own, and may differ by a last digit from the difference of the rounded amounts above.")
		for _, n := range moneyNotes(c, names) {
			tw.para(n)
		}
	}

	for i, s := range c.Scenarios {
		if hasPlan(s) {
			continue
		}
		tw.heading(2, fmt.Sprintf("Why %s is infeasible", names[i]))
		if len(s.Problems) == 0 {
			tw.para("No plan meets every constraint of this scenario.")
			continue
		}
		tw.list(s.Problems)
	}
	return tw.err
}

// healthyAllWords is the cell of "healthy in every period". Healthy goes
// by the cells, every heart function in every region at healthy_heart,
// not by the heart score, so a "no" says so in the words of the plan's "In
// short" ("some heart function below 90.0% in some region"): "no (healthy:
// 90.0%)" beside a heart of 90.7% in its weakest period read as a
// contradiction (whole-people.yaml --as-is). ("no (>= 90.0%)" read as "no,
// it is at least 90%".)
func healthyAllWords(s plan.Summary) string {
	if s.HealthyAll {
		return fmt.Sprintf("yes (healthy: %s)", ThresholdPercent(s.HealthyHeart))
	}
	return fmt.Sprintf("no: some heart function below %s in some region", ThresholdPercent(s.HealthyHeart))
}

func statusCells(c *plan.Comparison) []string {
	cells := make([]string, len(c.Scenarios))
	for i, s := range c.Scenarios {
		cells[i] = StatusWords(s.Status, s.Gap)
	}
	return cells
}

// The comparison's figures of a scenario in points and FTE, as its table
// prints them; the table of differences takes the differences of these.
func heartMeanCell(s plan.Summary) string {
	return HeartPercent(s.HeartMean, s.HealthyAll, s.HealthyHeart)
}
func heartMinCell(s plan.Summary) string {
	return HeartPercent(s.HeartMin, s.HeartMinHealthy, s.HealthyHeart)
}
func brainMeanCell(s plan.Summary) string    { return Percent(s.BrainMean) }
func centralShareCell(s plan.Summary) string { return Percent(s.CentralShare) }
func centralFTECell(s plan.Summary) string   { return FTE(s.CentralFTE) }
func localFTECell(s plan.Summary) string     { return FTE(s.LocalFTE) }

// deltaCell writes a difference: +1.2 pts, -0.5 FTE, +$100k, +12 h.
func deltaCell(kind byte, x float64, currency string) string {
	sign := func(s string, pos bool) string {
		if pos {
			return "+" + s
		}
		return s
	}
	switch kind {
	case 'p':
		v := math.Round(1000*x) / 10
		if v == 0 {
			return "0.0 pts"
		}
		return fmt.Sprintf("%+.1f pts", v)
	case 'f':
		v := math.Round(10*x) / 10
		if v == 0 {
			return "0.0"
		}
		return fmt.Sprintf("%+.1f", v)
	case 'm', 'y':
		return sign(plan.FormatMoney(currency, x), x >= 0.5)
	}
	v := math.Round(x)
	if v == 0 {
		return "0"
	}
	return sign(plan.GroupThousands(v), v > 0)
}

// investmentChange writes the investments s buys that first does not (+id)
// and those it drops (-id), or "same".
func investmentChange(first, s plan.Summary) string {
	if !hasPlan(first) || !hasPlan(s) {
		return "-"
	}
	has := func(sm plan.Summary) map[string]bool {
		m := map[string]bool{}
		for _, inv := range sm.Investments {
			m[inv.ID] = true
		}
		return m
	}
	a, b := has(first), has(s)
	var out []string
	for _, inv := range s.Investments {
		if !a[inv.ID] {
			out = append(out, "+"+summaryName(s.InvestmentNames, inv.ID)+ownedMark(inv))
		}
	}
	for _, inv := range first.Investments {
		if !b[inv.ID] {
			out = append(out, "-"+summaryName(first.InvestmentNames, inv.ID)+ownedMark(inv))
		}
	}
	if len(out) == 0 {
		return "same"
	}
	return strings.Join(out, " ")
}

// moneyBases reports whether every compared column has money differences
// of horizon totals (totals), and whether some column has only the
// figures a year (perYear).
func moneyBases(c *plan.Comparison) (totals, perYear bool) {
	totals = true
	for _, s := range c.Scenarios[1:] {
		if s.VsFirst == nil {
			continue
		}
		switch s.VsFirst.Money {
		case plan.MoneyPerYear:
			totals, perYear = false, true
		case plan.MoneyNone:
			totals = false
		}
	}
	return totals, perYear
}

// moneyNotes says, under the differences, why money is compared a year or
// not at all.
func moneyNotes(c *plan.Comparison, names []string) []string {
	first := c.Scenarios[0]
	var notes []string
	for i, s := range c.Scenarios[1:] {
		if s.VsFirst == nil {
			continue
		}
		switch s.VsFirst.Money {
		case plan.MoneyPerYear:
			notes = append(notes, fmt.Sprintf("%s covers %s and %s %s: budget, spend and unspent are compared a year (each total over its horizon's years), not as totals.",
				names[i+1], horizonWords(s), names[0], horizonWords(first)))
		case plan.MoneyNone:
			notes = append(notes, fmt.Sprintf("%s is in %s and %s in %s: each amount is shown in its own currency above, and no money difference is given.",
				names[i+1], s.Currency, names[0], first.Currency))
		}
	}
	return notes
}

// sameHorizons reports whether the scenarios with a plan have horizons of
// one length.
func sameHorizons(c *plan.Comparison) bool {
	years := -1.0
	for _, s := range c.Scenarios {
		if !hasPlan(s) {
			continue
		}
		if years >= 0 && math.Abs(s.Years-years) > 1e-9 {
			return false
		}
		years = s.Years
	}
	return true
}

// horizonWords writes a horizon: "8 quarters", "1 year".
func horizonWords(s plan.Summary) string {
	n, unit := len(s.Periods), s.Period
	if unit == "" {
		unit = "period"
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", n, unit)
}
