package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
)

// investScenarios are the bundled scenarios the break-even tests plan:
// the baseline's CPQ not bought over a year; shrinking-budget's bought,
// over two years; brain-first's AI forecasting bought only at no cost, a
// break-even of $0; centralize-everything's, whose break-even a year is a
// whole $136,000, which rounding down must keep. (monthly-fiscal, over 18
// months, takes seconds a search.)
var investScenarios = []string{"baseline", "shrinking-budget", "brain-first", "centralize-everything"}

// investCase is an investment of cardio invest's JSON as a map: a field
// missing reads as missing, not as 0.
type investCase map[string]any

func (c investCase) num(t *testing.T, key string) float64 {
	t.Helper()
	x, ok := c[key].(float64)
	if !ok {
		t.Fatalf("%v: %s is %v, not a number", c["id"], key, c[key])
	}
	return x
}

// investJSON runs cardio invest --format json on file: the horizon in
// years, the currency and the investments.
func investJSON(t *testing.T, file string) (years float64, currency string, cases []investCase) {
	t.Helper()
	code, out, errOut := run("invest", "--format", "json", file)
	if code != ExitOK {
		t.Fatalf("%s: exit %d: %s", file, code, errOut)
	}
	var r struct {
		HorizonYears float64      `json:"horizon_years"`
		Currency     string       `json:"currency"`
		Cases        []investCase `json:"investments"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r.HorizonYears, r.Currency, r.Cases
}

// investColumn reads one column of cardio invest's table (text or
// markdown), the first whose header begins with header: the cells by the
// row's name.
func investColumn(t *testing.T, file, format, header string) map[string]string {
	t.Helper()
	code, out, errOut := run("invest", "--format", format, file)
	if code != ExitOK {
		t.Fatalf("%s: exit %d: %s", file, code, errOut)
	}
	col := -1
	cells := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		row := strings.FieldsFunc(line, func(r rune) bool { return r == '│' || r == '|' })
		if len(row) < 2 {
			continue
		}
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
		}
		if col < 0 {
			for i, h := range row {
				if col < 0 && strings.HasPrefix(h, header) {
					col = i
				}
			}
			continue
		}
		if col < len(row) && !strings.HasPrefix(row[0], "-") {
			cells[row[0]] = row[col]
		}
	}
	if col < 0 {
		t.Fatalf("%s %s: no column %q... in\n%s", file, format, header, out)
	}
	return cells
}

// investCSV reads one column of cardio invest --format csv by its header:
// the cells by id.
func investCSV(t *testing.T, file, header string) map[string]string {
	t.Helper()
	code, out, errOut := run("invest", "--format", "csv", file)
	if code != ExitOK {
		t.Fatalf("%s: exit %d: %s", file, code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	col := -1
	for i, h := range strings.Split(lines[0], ",") {
		if h == header {
			col = i
		}
	}
	if col < 0 {
		t.Errorf("%s: no CSV column %q in %s", file, header, lines[0])
		return nil
	}
	cells := map[string]string{}
	for _, line := range lines[1:] {
		// No field of these rows is quoted: the periods are separated by
		// spaces.
		row := strings.Split(line, ",")
		cells[row[0]] = row[col]
	}
	return cells
}

// The table's break-even sits beside "cost a year" and is on its basis:
// the yearly price at the break-even plus its upfront cost spread over the
// horizon's years, re-derived here from JSON's break_even (the yearly price; the
// upfront cost when there is no yearly one), break_even_upfront and
// horizon_years. Until session 31 the column was the yearly price alone,
// the baseline's CPQ $42.0k beside $340k, where the break-even a year is
// $42.0k + $116.7k = $158.7k. Read so, "bought" flips where cost a year
// reaches the break-even a year. JSON carries the figure
// (break_even_yearly_cost), CSV in cents rounded down, the table rounded
// down as printed.
func TestInvestBreakEvenAYear(t *testing.T) {
	checked := 0
	for _, name := range investScenarios {
		file := "../../scenarios/" + name + ".yaml"
		years, currency, cases := investJSON(t, file)
		var table, md, csv map[string]string
		for _, c := range cases {
			if c["break_even"] == nil {
				continue
			}
			if table == nil {
				table = investColumn(t, file, "table", "break-even")
				md = investColumn(t, file, "markdown", "break-even")
				csv = investCSV(t, file, "break_even_yearly_cost")
			}
			id, name := c["id"].(string), c["id"].(string)
			if n, _ := c["name"].(string); n != "" {
				name = n
			}
			perYear := 0.0
			if c.num(t, "per_year") > 0 {
				perYear = c.num(t, "break_even")
			}
			want := perYear + c.num(t, "break_even_upfront")/years
			where := filepath.Base(file) + " " + id
			if got, ok := c["break_even_yearly_cost"].(float64); !ok || math.Abs(got-want) > 1e-6*max(1, want) {
				t.Errorf("%s: break_even_yearly_cost %v, want %v", where, c["break_even_yearly_cost"], want)
			}
			if got, want := csv[id], strconv.FormatFloat(report.CentsDown(want), 'f', -1, 64); got != want {
				t.Errorf("%s: CSV break_even_yearly_cost %q, want %q", where, got, want)
			}
			printed := plan.FormatMoneyDown(currency, want)
			if table[name] != printed || md[name] != printed {
				t.Errorf("%s: break-even a year %q in the table, %q in markdown, want %q", where, table[name], md[name], printed)
			}
			// The two columns compare as they read: bought when cost a
			// year is at most the break-even a year.
			if bought := c["bought"] == true; bought != (c.num(t, "yearly_cost") <= want) {
				t.Errorf("%s: bought %v at $%.0f a year, break-even $%.0f a year", where, bought, c.num(t, "yearly_cost"), want)
			}
			checked++
		}
	}
	if checked < 4 {
		t.Errorf("only %d break-even figures checked", checked)
	}
}

// A figure printed holds when acted on: plan each scenario with
// the investment's prices scaled together to the break-even a year the
// table prints (rounded down), and the plan buys it, as the table says
// of any cost a year up to it; one step of the search beyond the exact
// figure ($1k on the yearly price, scaled to cost a year), it does not.
// Both are planned as a reader would, with cardio plan --set.
func TestInvestBreakEvenAYearHolds(t *testing.T) {
	checked := 0
	for _, name := range investScenarios {
		file := "../../scenarios/" + name + ".yaml"
		_, currency, cases := investJSON(t, file)
		var table map[string]string
		for _, c := range cases {
			if c["break_even"] == nil {
				continue
			}
			if table == nil {
				table = investColumn(t, file, "table", "break-even")
			}
			id, name := c["id"].(string), c["id"].(string)
			if n, _ := c["name"].(string); n != "" {
				name = n
			}
			where := filepath.Base(file) + " " + id
			printed, err := plan.ParseMoney(table[name])
			if err != nil {
				t.Fatalf("%s: break-even a year %q: %v", where, table[name], err)
			}
			yearly, upfront, perYear := c.num(t, "yearly_cost"), c.num(t, "upfront"), c.num(t, "per_year")
			unit := perYear
			if unit == 0 {
				unit = upfront
			}
			exact, ok := c["break_even_yearly_cost"].(float64)
			if !ok {
				t.Fatalf("%s: no break_even_yearly_cost", where)
			}
			if printed > exact {
				t.Errorf("%s: the table prints %s, above the break-even a year $%.2f", where, table[name], exact)
			}
			beyond := exact + plan.BreakEvenStep*yearly/unit
			for _, at := range []struct {
				costAYear float64
				bought    bool
			}{{printed, true}, {beyond, false}} {
				k := at.costAYear / yearly
				if got := boughtWith(t, file, id, perYear*k, upfront*k); got != at.bought {
					t.Errorf("%s at $%.2f a year ($%.2f upfront and $%.2f a year; printed break-even a year %s, %s): bought %v, want %v",
						where, at.costAYear, upfront*k, perYear*k, table[name], currency, got, at.bought)
				}
			}
			checked++
		}
	}
	if checked < 4 {
		t.Errorf("only %d break-even figures checked", checked)
	}
}

// boughtWith plans file with investment id at the prices given, with
// cardio plan --set, and says whether the plan buys it.
func boughtWith(t *testing.T, file, id string, perYear, upfront float64) bool {
	t.Helper()
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	code, out, errOut := run("plan", "--format", "json", "--marginal=false",
		"--set", "investments["+id+"].cost.per_year="+f(perYear), "--set", "investments["+id+"].cost.upfront="+f(upfront), file)
	if code != ExitOK {
		t.Fatalf("plan %s: exit %d: %s", file, code, errOut)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	for _, per := range p.Periods {
		for _, inv := range per.Investments {
			if inv.ID == id && plan.Bought(inv.Level) {
				return true
			}
		}
	}
	return false
}
