package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// InputLabel names an uncertain input in words for the human views: the
// entity its key path points at by name, then the key: "North America:
// sellers" for regions[0].sellers, "CPQ platform: seller hours per week"
// for investments[0].seller_hours_per_week, "central team: cost per FTE",
// "budget: 2027-Q3" for budget.per_period[2]. A function id in the key
// (central.current_fte.reporting) is the function's name. s may be nil,
// or not hold the index (a path of another scenario): the path's own
// selector is then used, so a label is never empty.
func InputLabel(s *scenario.Scenario, path string) string {
	parts := SplitPath(path)
	if len(parts) == 0 {
		return path
	}
	head, sel := parts[0], ""
	if i := strings.IndexByte(head, '['); i >= 0 && strings.HasSuffix(head, "]") {
		head, sel = head[:i], head[i+1:len(head)-1]
	}
	rest := parts[1:]
	var who string
	switch head {
	case "regions":
		who = entityName(sel, s, regionNames)
	case "functions":
		who = entityName(sel, s, functionNames)
	case "investments":
		who = entityName(sel, s, investmentNames)
	case "central":
		who = "central team"
	case "budget":
		if len(rest) == 1 && rest[0] == "annual" {
			return "annual budget"
		}
		who = "budget"
		if len(rest) == 1 && strings.HasPrefix(rest[0], "per_period[") && s != nil {
			if t, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest[0], "per_period["), "]")); err == nil && t >= 0 && t < s.Periods() {
				return "budget of " + s.PeriodLabel(t)
			}
		}
	default:
		who = keyWords(s, []string{parts[0]})
	}
	if len(rest) == 0 {
		return who
	}
	return who + ": " + keyWords(s, rest)
}

// named is an entity's id and name.
type named struct{ id, name string }

// functionNames, regionNames and investmentNames list a scenario's
// functions, regions and investments by id and name, for entityName.
func functionNames(s *scenario.Scenario) []named {
	ns := make([]named, len(s.Functions))
	for i, f := range s.Functions {
		ns[i] = named{f.ID, f.Name}
	}
	return ns
}

func regionNames(s *scenario.Scenario) []named {
	ns := make([]named, len(s.Regions))
	for i, r := range s.Regions {
		ns[i] = named{r.ID, r.Name}
	}
	return ns
}

func investmentNames(s *scenario.Scenario) []named {
	ns := make([]named, len(s.Investments))
	for i, x := range s.Investments {
		ns[i] = named{x.ID, x.Name}
	}
	return ns
}

// entityName is the name of the list element a selector picks: an index
// or an id (as --set takes it). Without a name, the id; without a match,
// the selector as written.
func entityName(sel string, s *scenario.Scenario, list func(*scenario.Scenario) []named) string {
	if s == nil {
		return sel
	}
	ns := list(s)
	pick := func(n named) string {
		if n.name != "" {
			return n.name
		}
		return n.id
	}
	if i, err := strconv.Atoi(sel); err == nil {
		if i >= 0 && i < len(ns) {
			return pick(ns[i])
		}
		return sel
	}
	for _, n := range ns {
		if strings.EqualFold(n.id, sel) || strings.EqualFold(n.name, sel) {
			return pick(n)
		}
	}
	return sel
}

// keyWords writes the parts of a key path after its entity in words:
// underscores as spaces, fte as FTE, a function id as the function's name,
// an index as is.
func keyWords(s *scenario.Scenario, parts []string) string {
	words := make([]string, 0, len(parts))
	for _, p := range parts {
		if s != nil {
			if i := s.FunctionIndex(p); i >= 0 {
				words = append(words, entityName(strconv.Itoa(i), s, functionNames))
				continue
			}
		}
		ws := strings.Split(strings.ReplaceAll(p, "_", " "), " ")
		for i, w := range ws {
			if strings.EqualFold(w, "fte") {
				ws[i] = "FTE"
			}
		}
		words = append(words, strings.Join(ws, " "))
	}
	return strings.Join(words, ", ")
}

// SplitPath cuts a key path at its dots, not at a dot inside brackets
// (regions[St. Gallen].sellers).
func SplitPath(path string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range path {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case '.':
			if depth == 0 {
				parts = append(parts, path[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, path[start:])
}

// countInput reports whether an input counts people (a region's sellers):
// the human views show its values to the nearest whole person.
func countInput(path string) bool {
	parts := SplitPath(path)
	return len(parts) == 2 && strings.HasPrefix(parts[0], "regions[") && parts[1] == "sellers"
}

// riskInputValue writes an input's value at a draw or a quantile as the human
// views show it: a count to the nearest whole person, money in the
// scenario's currency, a share or a growth rate as a percentage, hours to
// two decimals, the rest to four significant digits.
func riskInputValue(path, currency string, x float64) string {
	switch {
	case countInput(path):
		return inputNumber(math.Round(x))
	case chart.InputUnit(path, "").Kind == chart.Money:
		return plan.FormatMoney(currency, x)
	case chart.InputUnit(path, "").Kind == chart.Percent:
		return Percent(x)
	case strings.Contains(path[strings.LastIndexAny(path, ".]")+1:], "hours"):
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	return shortNumber(x)
}

// InputValue writes a value a person set or varied (a sweep's point, a
// diff's old and new) as the human views show it, in its unit and in full
// so that two points never read alike: money in the scenario's currency
// ($5,580,000), a share or a growth rate as a percentage (45%, 7.5%),
// anything else as inputNumber writes it (260, 1.5). JSON and CSV keep
// the number.
func InputValue(path, currency string, x float64) string {
	switch chart.InputUnit(path, "").Kind {
	case chart.Money:
		return plan.FormatMoneyExact(currency, x)
	case chart.Percent:
		return exactPercent(x)
	}
	return inputNumber(x)
}

// exactPercent writes a share as a percentage with at least the one
// decimal Percent gives and as many more as it has (8.0%, 4.25%), rounded
// to a millionth of a point: 0.07*100 is 7.000000000000001.
func exactPercent(x float64) string { return exactPoints(x) + "%" }

// exactPoints is exactPercent's number without the sign: a difference or a
// spread of shares in percentage points.
func exactPoints(x float64) string {
	v := math.Round(x*1e8) / 1e6
	if v == 0 {
		v = 0 // no -0
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// InputLabels names a sweep's inputs in words (InputLabel), in order.
func InputLabels(s *scenario.Scenario, inputs []plan.SweepInput) []string {
	labels := make([]string, len(inputs))
	for i, in := range inputs {
		labels[i] = InputLabel(s, in.Key)
	}
	return labels
}
