package scenario

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The columns of a roster file (docs/scenario.md, "roster").
const (
	colPerson   = "person"
	colTeam     = "team"
	colFunction = "function"
	colFTE      = "fte"
	colCost     = "cost_per_year"
)

var (
	rosterRequired = []string{colPerson, colTeam, colFunction}
	rosterColumns  = []string{colPerson, colTeam, colFunction, colFTE, colCost}
)

// fteTol is how far above 1 FTE a person's lines may add up to, for
// decimals such as 0.33 + 0.33 + 0.34 that a spreadsheet rounds.
const fteTol = 1e-6

// RosterPath is where the roster of s is read from: its roster key,
// relative to the directory of the scenario file; "" when s has none.
func (s *Scenario) RosterPath() string {
	if s.Roster == "" || filepath.IsAbs(s.Roster) {
		return s.Roster
	}
	return filepath.Join(filepath.Dir(s.File), s.Roster)
}

// rosterFiles reads each roster file once for a Doc and its clones: a
// sweep decodes a clone per point and must not re-read the file each time.
type rosterFiles struct {
	ctx     context.Context
	maxSize int64 // no limit when <= 0
	mu      sync.Mutex
	read    map[string]rosterFile
}

type rosterFile struct {
	data  []byte
	diags Diagnostics
}

func newRosterFiles(ctx context.Context, maxSize int64) *rosterFiles {
	return &rosterFiles{ctx: ctx, maxSize: maxSize, read: map[string]rosterFile{}}
}

// file reads path, or gives what the first read gave.
func (rf *rosterFiles) file(path string) rosterFile {
	rf.mu.Lock()
	defer rf.mu.Unlock()
	if f, ok := rf.read[path]; ok {
		return f
	}
	var f rosterFile
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && rf.maxSize > 0 && fi.Size() > rf.maxSize {
		f.diags = Diagnostics{{File: path, Message: fmt.Sprintf("the roster is larger than the limit of %s (raise the limit with --max-file-size)", FormatSize(rf.maxSize))}}
	} else if data, err := ReadFile(rf.ctx, path, rf.maxSize); err == nil {
		f.data = data
	} else if errors.As(err, &f.diags) {
		for i := range f.diags {
			f.diags[i].Path = "roster"
		}
	} else {
		f.diags = Diagnostics{{File: path, Path: "roster", Message: err.Error()}}
	}
	// A canceled read is not remembered: the caller sees ctx's error.
	if rf.ctx.Err() == nil {
		rf.read[path] = f
	}
	return f
}

// loadRoster reads the roster of s, if it has one, and sets the current
// FTE (and the roster's average cost) of its teams. The diagnostics are
// the roster file's own, placed at its lines and columns.
func loadRoster(rf *rosterFiles, s *Scenario) Diagnostics {
	if s.Roster == "" {
		return nil
	}
	path := s.RosterPath()
	f := rf.file(path)
	if f.diags != nil {
		return f.diags
	}
	rows, ds := parseRoster(path, f.data, s)
	if ds.HasErrors() {
		return ds
	}
	applyRoster(s, rows)
	return ds
}

// rosterRow is one line of a roster: some of a person's time in one team
// and function.
type rosterRow struct {
	line     int // the row's first line
	person   string
	team     int // -1: central, else the region's index
	function string
	fte      float64
	cost     float64 // cost per FTE per year; NaN when not given
	costText string  // cost_per_year as written, when given
	costAt   pos     // where cost_per_year is, when given
}

// rosterKey is a person in a team and function: a roster lists it once.
type rosterKey struct {
	person   string
	team     int
	function string
}

// teamID is the id of team t (-1: central) as messages name it.
func teamID(s *Scenario, t int) string {
	if t < 0 {
		return "central"
	}
	return s.Regions[t].ID
}

// parseRoster reads a roster file's data against the teams and functions
// of s, reporting every bad row, each at its line and column. The file is
// UTF-8 with or without a byte order mark, with a header row, its fields
// separated by commas or semicolons (as Excel writes CSV in locales with a
// decimal comma), quoted or not.
func parseRoster(name string, data []byte, s *Scenario) ([]rosterRow, Diagnostics) {
	rows, ds := readRoster(name, data, s)
	// Sorted by line and column, as ParseActuals's: the checks of a line
	// run in their own order, not the header's.
	ds.sort()
	return rows, ds
}

func readRoster(name string, data []byte, s *Scenario) ([]rosterRow, Diagnostics) {
	t, problems := openTable(name, data, rosterColumns, rosterRequired,
		fmt.Sprintf("the roster is empty: it needs a header row (%s, and optionally %s and %s) and one line per person and team", strings.Join(rosterRequired, ", "), colFTE, colCost),
		"a roster's", "fte and cost_per_year")
	if t == nil {
		return nil, problems
	}
	add, field := t.add, t.field

	teams := rosterTeams(s)
	funcs := make([]candidate, len(s.Functions))
	isFunc := map[string]bool{}
	for i, f := range s.Functions {
		funcs[i] = candidate{f.ID, f.Name}
		isFunc[f.ID] = true
	}
	var (
		rows      []rosterRow
		personAt  = map[string][]int{} // person -> lines
		personFTE = map[string]float64{}
		// A person's first line that gives a cost_per_year, and the line
		// of each person, team and function.
		personCost = map[string]rosterRow{}
		listed     = map[rosterKey]int{}
	)
	for t.next() {
		row := rosterRow{line: t.line, cost: math.NaN()}
		ok := true
		bad := func(c string, p pos, format string, args ...any) {
			add(p, c, format, args...)
			ok = false
		}
		person, pc, _ := field(colPerson)
		if person == "" {
			bad(colPerson, pc, "the person is empty: give an id for each person (a name, an employee number)")
		}
		row.person = person
		team, tc, _ := field(colTeam)
		if t, found := teams.index[strings.ToLower(team)]; found {
			row.team = t
		} else if team == "" {
			bad(colTeam, tc, "the team is empty: give central or a region's id or name. %s", listOf(teamsLabel, teams.list, false))
		} else {
			bad(colTeam, tc, "%s", unknown(team, "is not a team of this scenario", teamsLabel, teams.list, false))
		}
		fn, fc, _ := field(colFunction)
		switch {
		case fn == "":
			bad(colFunction, fc, "the function is empty: give a function id. %s", listOf("Function ids", funcs, false))
		case !isFunc[fn]:
			bad(colFunction, fc, "%s", unknown(fn, "is not a function of this scenario", "Function ids", funcs, false))
		}
		row.function = fn
		row.fte = 1
		if v, col, has := field(colFTE); has && v != "" {
			f, good := rosterNumber(v, t.sep)
			switch {
			case !good:
				bad(colFTE, col, "%q is not a number: give the person's FTE in this team and function, a number above 0 and at most 1 (1 when empty)", v)
			case f <= 0 || f > 1:
				bad(colFTE, col, "%s is out of range: fte must be above 0 and at most 1 (one person); give a person who splits their time one line per team and function", v)
			default:
				row.fte = f
			}
		}
		if v, col, has := field(colCost); has && v != "" {
			f, good := rosterNumber(v, t.sep)
			switch {
			case !good:
				bad(colCost, col, "%q is not a number: give the person's fully loaded cost of one FTE per year, such as 150000 (no currency sign or thousands separator), or leave it empty", v)
			case f < 0 || f > maxMagnitude:
				bad(colCost, col, "%s is out of range: cost_per_year must be between 0 and %s", v, maxMagnitudeText)
			default:
				row.cost, row.costText, row.costAt = f, v, col
				// A cost the scenario's cost_per_fte would be warned
				// about (1 for 100000 is a slip) is warned about here
				// too, at its cell, the value as written.
				if u, ok := costUsualIn(s.Currency); ok && !u.contains(f) {
					t.warn(col, colCost, "%s", u.unusual(v, colCost))
				}
			}
		}
		if !ok {
			continue
		}
		pp := t.pos(colPerson)
		k := rosterKey{person, row.team, fn}
		if first, dup := listed[k]; dup {
			add(pp, colPerson, "%s is listed twice in %s, %s (lines %d and %d): give a person one line per team and function, with their fte in it",
				strconv.Quote(person), teamID(s, row.team), fn, first, pp.line)
			continue
		}
		listed[k] = pp.line
		// A line whose cost conflicts is still the person's time: its FTE
		// counts toward their total, so that a person over 1 FTE is said
		// in the same pass, not after the cost is fixed.
		conflict := false
		if first, given := personCost[person]; given && !math.IsNaN(row.cost) && row.cost != first.cost {
			add(row.costAt, colCost, "%s for %s, who has %s on line %d: a person's cost_per_year is their full-time rate, one figure for all their lines; give the same on each line",
				row.costText, strconv.Quote(person), first.costText, first.costAt.line)
			conflict = true
		} else if !given && !math.IsNaN(row.cost) {
			personCost[person] = row
		}
		personAt[person] = append(personAt[person], pp.line)
		personFTE[person] += row.fte
		if personFTE[person] > 1+fteTol {
			lines := make([]string, len(personAt[person]))
			for i, l := range personAt[person] {
				lines[i] = strconv.Itoa(l)
			}
			add(pp, colPerson, "%s has %s FTE over lines %s: a person is at most 1 FTE; split their time over lines whose fte adds up to 1 or less",
				strconv.Quote(person), fmtFTESum(personFTE[person]), strings.Join(lines, ", "))
			continue
		}
		if conflict {
			continue
		}
		rows = append(rows, row)
	}
	if !t.ds.HasErrors() && len(rows) == 0 {
		add(pos{1, 1}, "", "the roster lists nobody: give one line per person, team and function under the header")
	}
	// A person's cost_per_year is their full-time rate, one figure for all
	// their lines: a line that leaves it empty takes it from the line that
	// gives it (an export that prices a person on their first line only),
	// not the team's cost_per_fte.
	for i := range rows {
		if first, ok := personCost[rows[i].person]; ok && math.IsNaN(rows[i].cost) {
			rows[i].cost, rows[i].costText, rows[i].costAt = first.cost, first.costText, first.costAt
		}
	}
	if !t.ds.HasErrors() {
		rosterMoney(t, rows, s)
	}
	if !t.ds.HasErrors() {
		rosterSpread(t, rows, s)
	}
	return rows, t.ds
}

// rosterMoney applies the limit on the money the model computes to the
// roster's costs, as checkDerived does to the scenario's: each
// cost_per_year may be in range (at most maxMagnitude) while the people
// kept at it, with the scenario's staffing, are not, and the LP's spend
// rows then lose the small amounts next to such sums (a person at 1e15 a
// year made the simplex fail to converge). It is reported at the line of
// the dearest person.
func rosterMoney(t *table, rows []rosterRow, s *Scenario) {
	var kept, dearest float64
	at := -1
	for i, row := range rows {
		if math.IsNaN(row.cost) {
			c := s.Central.CostPerFTE
			if row.team >= 0 {
				c = s.Regions[row.team].CostPerFTE
			}
			kept += row.fte * c
			continue
		}
		kept += row.fte * row.cost
		if row.fte*row.cost > dearest || at < 0 {
			at, dearest = i, row.fte*row.cost
		}
	}
	var staffing float64
	for p := range s.Periods() {
		total, _, _ := s.staffingCost(p)
		staffing = max(staffing, total)
	}
	if at < 0 || kept+staffing <= maxMagnitude {
		return
	}
	row := rows[at]
	t.add(row.costAt, colCost, "%s is too large: the roster's people cost %s a year at their cost_per_year, and with the scenario's staffing the money the model computes reaches %s: lower cost_per_year (money the model computes must be at most %s)",
		row.costText, fmtLarge(kept), fmtLarge(kept+staffing), maxMagnitudeText)
}

// rosterSpread holds each cost_per_year the roster gives to the
// scenario's rule on costs (checkCostSpread): within a factor of maxSpread
// of the dearest, the scenario's or the roster's, or 0. A team's current
// cost is its people's average, in the same spend rows as the others.
func rosterSpread(t *table, rows []rosterRow, s *Scenario) {
	top := dearest(s.spreadCosts())
	for _, row := range rows {
		if row.cost > top.v {
			top = spreadCost{label: "the roster's cost_per_year on line " + strconv.Itoa(row.costAt.line), v: row.cost}
		}
	}
	for _, row := range rows {
		if row.cost > 0 && row.cost*maxSpread < top.v {
			t.add(row.costAt, colCost, "%s", spreadWords(row.costText, top))
		}
	}
	if top.key != "" || top.v == 0 {
		return // the dearest is the scenario's: checkCostSpread held its costs
	}
	// The roster's dearest person is the top: is the scenario's cheapest
	// cost too far below it?
	cheapest := spreadCost{v: math.Inf(1)}
	for _, c := range s.spreadCosts() {
		if c.v < cheapest.v {
			cheapest = c
		}
	}
	if cheapest.v*maxSpread >= top.v {
		return
	}
	for _, row := range rows {
		if row.cost == top.v {
			t.add(row.costAt, colCost, "%s is too large beside %s (%s): %s", row.costText, cheapest.label, fmtLarge(cheapest.v), costSpreadRule)
			return
		}
	}
}

// fmtFTESum writes a sum of a person's fte figures to the precision the
// check on it has (fteTol, a millionth): 0.7 + 0.2 + 0.2 is 1.1, not the
// float sum 1.0999999999999999.
func fmtFTESum(x float64) string {
	s := strconv.FormatFloat(x, 'f', 6, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// newTableReader reads a CSV table a user gives (a roster, actuals): UTF-8
// with or without a byte order mark, fields separated by commas or
// semicolons (as Excel writes CSV in locales with a decimal comma), quoted
// or not, rows of any length (the readers check them, to say which line
// and what to do).
func newTableReader(data []byte) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	return r
}

// tableColumns maps a table's known columns, by name in lower case, to
// their index in the header, reporting a known column given twice, and
// lists the required columns it lacks. Unknown columns are ignored.
func (t *table) tableColumns(header, known, required []string) (map[string]int, []string) {
	cols := map[string]int{}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(known, key) {
			continue
		}
		if j, dup := cols[key]; dup {
			t.add(t.fieldPos(i), key, "column %s appears twice (columns %d and %d): give it once", key, j+1, i+1)
			continue
		}
		cols[key] = i
	}
	var missing []string
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	return cols, missing
}

// quotedHeader writes a header's names as a message shows them.
func quotedHeader(header []string) string {
	found := make([]string, len(header))
	for i, h := range header {
		found[i] = strconv.Quote(strings.TrimSpace(h))
	}
	return strings.Join(found, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// separator is the roster's field separator: a semicolon when the header
// line holds more semicolons than commas outside quotes, else a comma.
func separator(data []byte) rune {
	var commas, semis int
	quoted := false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			if semis > commas {
				return ';'
			}
			return ','
		case b == ',':
			commas++
		case b == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// rosterNumber reads a number of a roster field; with semicolons between
// fields, a decimal comma (0,5) is read too, as those locales write it.
func rosterNumber(v string, sep rune) (float64, bool) {
	if sep == ';' && strings.Count(v, ",") == 1 && !strings.Contains(v, ".") {
		v = strings.Replace(v, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parsePos is where a CSV error is.
func (t *table) parsePos(err error) pos {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return t.at(pe.Line, pe.Column)
	}
	return pos{}
}

// csvProblem says what is wrong with the CSV itself, and what to do.
func csvProblem(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	switch pe.Err {
	case csv.ErrBareQuote:
		return `a quote (") inside a field that does not start with one: quote the whole field and double the quotes inside it ("say ""hi""")`
	case csv.ErrQuote:
		if pe.StartLine != pe.Line {
			return fmt.Sprintf(`the quoted field that opens on line %d is not closed: end it with a quote (")`, pe.StartLine)
		}
		return `a quoted field is not closed, or has text after its closing quote: end it with a quote (") right before the separator`
	}
	return pe.Err.Error()
}

// teamsLabel introduces the list of teams in messages.
const teamsLabel = "Teams (central, or a region's id or name)"

// teamIndex maps what the team column may hold, in lower case, to a team:
// central (-1), a region's id or its name (its index).
type teamIndex struct {
	index map[string]int
	list  []candidate
}

func rosterTeams(s *Scenario) teamIndex {
	t := teamIndex{index: map[string]int{"central": -1}, list: []candidate{{"central", "Center of Excellence"}}}
	for i, r := range s.Regions {
		t.index[strings.ToLower(r.Name)] = i
		t.index[r.ID] = i
		t.list = append(t.list, candidate{r.ID, r.Name})
	}
	// The central team wins over a region of that name.
	t.index["central"] = -1
	return t
}

// applyRoster sets the current FTE of each team from the roster's rows,
// and the average cost per FTE of its current staff: each line at its
// person's cost_per_year, or at the team's cost_per_fte when the person
// has none.
func applyRoster(s *Scenario, rows []rosterRow) {
	team := func(t int) *Team {
		if t < 0 {
			return &s.Central
		}
		return &s.Regions[t].Team
	}
	type sums struct {
		fte, cost float64
		priced    bool // some line gives a cost_per_year
	}
	totals := map[int]*sums{}
	team(-1).CurrentFTE = map[string]float64{}
	for i := range s.Regions {
		team(i).CurrentFTE = map[string]float64{}
	}
	for _, row := range rows {
		tm := team(row.team)
		tm.CurrentFTE[row.function] += row.fte
		if totals[row.team] == nil {
			totals[row.team] = &sums{}
		}
		x := totals[row.team]
		c := row.cost
		if math.IsNaN(c) {
			c = tm.CostPerFTE
		} else {
			x.priced = true
		}
		x.fte += row.fte
		x.cost += row.fte * c
	}
	for t, x := range totals {
		if x.fte <= 0 {
			continue
		}
		tm := team(t)
		tm.KeptFTE = tm.CurrentTotal() // x.fte, summed in CurrentTotal's order
		// Without any cost the average is cost_per_fte itself, not a sum
		// divided back that may differ from it in the last bit and make
		// the model split the team for nothing (Team.SplitsKept).
		// Likewise an average of costs equal to cost_per_fte is it, not
		// a sum of products divided back a rounding off.
		tm.CurrentCostPerFTE = tm.CostPerFTE
		if avg := x.cost / x.fte; x.priced && math.Abs(avg-tm.CostPerFTE) > 1e-12*tm.CostPerFTE {
			tm.CurrentCostPerFTE = avg
		}
	}
}

// table is a CSV table a user gives (a roster, actuals) as its reader
// goes through it: the header's columns, the current row and its line, and
// the diagnostics of every bad row, each at its line and column.
type table struct {
	name   string
	data   []byte // the file, without its byte order mark
	starts []int  // the offset in data of each line's start
	r      *csv.Reader
	sep    rune
	header []string
	cols   map[string]int
	rec    []string
	line   int // the current row's first line
	ds     Diagnostics
}

// add reports a problem at p, in column (a column's name, or "" for the
// whole line).
func (t *table) add(p pos, column, format string, args ...any) {
	t.ds = append(t.ds, Diagnostic{File: t.name, Line: p.line, Col: p.col, Path: column, Message: fmt.Sprintf(format, args...)})
}

// warn reports at p, in column, a value that is allowed but unusual.
func (t *table) warn(p pos, column, format string, args ...any) {
	t.ds = append(t.ds, Diagnostic{File: t.name, Line: p.line, Col: p.col, Path: column, Severity: Warning, Code: CodeImplausible, Message: fmt.Sprintf(format, args...)})
}

// at is the position of encoding/csv's line and column, a byte index in
// the line, with the column counted in characters, as scenario files'
// columns are (an editor's): in "García",x the x is at column 10, not
// at the 11th byte.
func (t *table) at(line, byteCol int) pos {
	if t.starts == nil {
		t.starts = append(t.starts, 0)
		for i, b := range t.data {
			if b == '\n' {
				t.starts = append(t.starts, i+1)
			}
		}
	}
	if line < 1 || line > len(t.starts) || byteCol < 1 {
		return pos{line, byteCol}
	}
	start := t.starts[line-1]
	end := min(start+byteCol-1, len(t.data))
	return pos{line, utf8.RuneCount(t.data[start:end]) + 1}
}

// fieldPos is where field i of the current row (or of the header) starts:
// its own line, which is not the row's first when a quoted field before
// it holds a line break.
func (t *table) fieldPos(i int) pos {
	return t.at(t.r.FieldPos(i))
}

// openTable reads data's header against the known and required columns.
// It returns nil and the diagnostics when the table is empty (empty says
// what the file needs) or its header is unusable: a required column
// missing (what names whose columns they are, optional which of them may
// be left out) or a known one given twice.
func openTable(name string, data []byte, known, required []string, empty, what, optional string) (*table, Diagnostics) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	t := &table{name: name, data: data, r: newTableReader(data)}
	// A Latin-1 export read as UTF-8 would turn a team's or a function's
	// name into U+FFFD and mismatch it, or pass a person's name on
	// garbled: refused, as scenario files are.
	if line, col, msg, bad := notUTF8(data, "Excel: CSV UTF-8"); bad {
		t.add(pos{line, col}, "", "%s", msg)
		return nil, t.ds
	}
	t.sep = t.r.Comma
	header, err := t.r.Read()
	if err == io.EOF {
		t.add(pos{}, "", "%s", empty)
		return nil, t.ds
	}
	if err != nil {
		t.add(t.parsePos(err), "", "%s", csvProblem(err))
		return nil, t.ds
	}
	cols, missing := t.tableColumns(header, known, required)
	if len(missing) > 0 {
		t.add(pos{1, 1}, "", "the header has no %s column%s: %s columns are %s (%s optional), separated by commas or semicolons; this header has %s",
			orList(missing), plural(len(missing)), what, strings.Join(known, ", "), optional, quotedHeader(header))
		return nil, t.ds
	}
	if len(t.ds) > 0 {
		return nil, t.ds
	}
	t.header, t.cols = header, cols
	return t, nil
}

// next moves to the next row that has data, reporting on the way a row
// the CSV reader cannot read and one whose fields do not match the
// header's; false at the end of the table.
func (t *table) next() bool {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			t.add(t.parsePos(err), "", "%s", csvProblem(err))
			continue
		}
		line, _ := t.r.FieldPos(0)
		if blank(rec) {
			continue // a spreadsheet's empty rows: ;;;;
		}
		if len(rec) != len(t.header) {
			t.add(pos{line, 1}, "", "the line has %d field%s but the header has %d: give one field per column (quote a field that holds a %q)", len(rec), plural(len(rec)), len(t.header), string(t.sep))
			continue
		}
		t.rec, t.line = rec, line
		return true
	}
}

// field is column c of the current row, trimmed, and where it is; has
// is false when the table has no such column.
func (t *table) field(c string) (v string, p pos, has bool) {
	i, ok := t.cols[c]
	if !ok {
		return "", pos{}, false
	}
	return strings.TrimSpace(t.rec[i]), t.fieldPos(i), true
}

// pos is where column c of the current row is (c must be in the table).
func (t *table) pos(c string) pos {
	return t.fieldPos(t.cols[c])
}
