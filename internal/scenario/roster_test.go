package scenario

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rosterDoc is a scenario with a central team and two regions whose
// current team comes from team.csv.
const rosterDoc = `horizon: {start: 2027-Q1, periods: 2}
budget: {annual: 1000000}
central: {cost_per_fte: 100000}
roster: team.csv
regions:
  - {name: North America, sellers: 100, cost_per_fte: 90000}
  - {name: EMEA, sellers: 100, cost_per_fte: 80000}
`

// loadWithRoster writes the scenario and its roster into a fresh
// directory and loads the scenario.
func loadWithRoster(t *testing.T, doc, csv string) (*Scenario, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "team.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(filepath.Join(dir, "s.yaml"), nil)
}

func TestRosterDialects(t *testing.T) {
	// The same team in every dialect: central 1.5 comp_admin (a person at
	// $120,000, half of one at the team's $100,000) and 0.5 reporting; in
	// EMEA 2 sales_support.
	want := map[string]map[string]float64{
		"central": {"comp_admin": 1.5, "reporting": 0.5},
		"emea":    {"sales_support": 2},
	}
	for name, csv := range map[string]string{
		"comma":                       "person,team,function,fte,cost_per_year\nann,central,comp_admin,1,120000\nbob,central,comp_admin,0.5,\nbob,central,reporting,0.5,\ncy,EMEA,sales_support,,\ndi,emea,sales_support,1,\n",
		"semicolon and decimal comma": "person;team;function;fte;cost_per_year\nann;central;comp_admin;1;120000\nbob;central;comp_admin;0,5;\nbob;central;reporting;0,5;\ncy;EMEA;sales_support;;\ndi;emea;sales_support;1;\n",
		"BOM, CRLF, quotes, other columns, blank rows": "\uFEFF\"Person\",Title,TEAM,function,fte,cost_per_year\r\n\"Ann, A.\",\"Lead, \"\"comp\"\"\",central,comp_admin,1,120000\r\nbob,,central,comp_admin,0.5,\r\nbob,,central,reporting,0.5,\r\n,,,,,\r\ncy,,EMEA,sales_support,,\r\ndi,,emea,sales_support,1,\r\n",
		"columns in another order":                     "function,fte,team,person\ncomp_admin,1,central,ann\ncomp_admin,0.5,central,bob\nreporting,0.5,central,bob\nsales_support,,EMEA,cy\nsales_support,1,emea,di\n",
	} {
		s, err := loadWithRoster(t, rosterDoc, csv)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := map[string]map[string]float64{"central": s.Central.CurrentFTE}
		for _, r := range s.Regions {
			if len(r.CurrentFTE) > 0 {
				got[r.ID] = r.CurrentFTE
			}
		}
		for team, fs := range want {
			for f, v := range fs {
				if !near(got[team][f], v) {
					t.Errorf("%s: %s %s = %v, want %v", name, team, f, got[team][f], v)
				}
			}
			if len(got[team]) != len(fs) {
				t.Errorf("%s: %s has %v, want %v", name, team, got[team], fs)
			}
		}
		if len(s.Regions[0].CurrentFTE) != 0 {
			t.Errorf("%s: North America has %v, want nobody", name, s.Regions[0].CurrentFTE)
		}
		// Central's average cost: (1 x 120,000 + 1 x 100,000) / 2 FTE when
		// the roster gives costs, the team's 100,000 when it does not.
		wantCost := 110000.0
		if name == "columns in another order" {
			wantCost = 100000
		}
		if !near(s.Central.CurrentCostPerFTE, wantCost) || !near(s.Regions[1].CurrentCostPerFTE, 80000) {
			t.Errorf("%s: average costs %v and %v, want %v and 80000", name, s.Central.CurrentCostPerFTE, s.Regions[1].CurrentCostPerFTE, wantCost)
		}
		if s.Central.CostPerFTE != 100000 {
			t.Errorf("%s: the roster changed cost_per_fte to %v", name, s.Central.CostPerFTE)
		}
	}
}

func TestRosterBadRowsInOnePass(t *testing.T) {
	csv := "person;team;function;fte;cost_per_year\n" +
		"1;central;comp_admin;0,5;120000\n" + // line 2: fine
		"2;EMEA;sales_suport;1;\n" + // 3: misspelt function
		"3;Asia;quotas;2;abc\n" + // 4: unknown team, fte > 1, cost not a number
		";north_america;quotas;;\n" + // 5: no person
		"4;central;quotas;1;1;2\n" + // 6: a field too many
		"1;central;reporting;0,75;\n" + // 7: person 1 now at 1.25 FTE
		"5;central;quotas;-1;-5\n" // 8: negative fte and cost
	_, err := loadWithRoster(t, rosterDoc, csv)
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		`team.csv:3:8: function: "sales_suport" is not a function of this scenario: did you mean "sales_support" (Sales support)?`,
		`team.csv:4:3: team: "Asia" is not a team of this scenario. Teams (central, or a region's id or name): central, north_america, emea`,
		`team.csv:4:15: fte: 2 is out of range: fte must be above 0 and at most 1`,
		`team.csv:4:17: cost_per_year: "abc" is not a number`,
		`team.csv:5:1: person: the person is empty`,
		`team.csv:6:1: the line has 6 fields but the header has 5`,
		`team.csv:7:1: person: "1" has 1.25 FTE over lines 2, 7: a person is at most 1 FTE`,
		`team.csv:8:18: fte: -1 is out of range`,
		`team.csv:8:21: cost_per_year: -5 is out of range: cost_per_year must be between 0 and`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 9 {
		t.Errorf("%d diagnostics, want 9:\n%s", n, got)
	}
}

func TestRosterFileProblems(t *testing.T) {
	for _, c := range []struct{ name, csv, want string }{
		{"empty", "", "team.csv: the roster is empty: it needs a header row"},
		{"header only", "person,team,function\n", "team.csv:1:1: the roster lists nobody"},
		{"missing columns", "name,team\nann,central\n", `team.csv:1:1: the header has no person or function columns: a roster's columns are person, team, function, fte, cost_per_year (fte and cost_per_year optional), separated by commas or semicolons; this header has "name", "team"`},
		{"duplicate column", "person,team,function,team\nann,central,quotas,central\n", "team.csv:1:22: team: column team appears twice (columns 2 and 4)"},
		{"unclosed quote", "person,team,function\nann,central,\"quotas\n", `team.csv:2:`},
		{"bare quote", "person,team,function\nann,cen\"tral,quotas\n", `team.csv:2:8: a quote (") inside a field that does not start with one`},
		// A Latin-1 export (until session 24 read on, with U+FFFD).
		{"not UTF-8", "person,team,function\nRen\xe9,central,quotas\n", `team.csv:2:4: the file is not UTF-8 (byte 0xE9 here)`},
		{"not UTF-8 after a BOM", "\ufeffperson,team,function\nRen\xe9,central,quotas\n", `team.csv:2:4: the file is not UTF-8 (byte 0xE9 here)`},
	} {
		_, err := loadWithRoster(t, rosterDoc, c.csv)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s", c.name, err, c.want)
		}
	}
}

func TestRosterAndCurrentFTE(t *testing.T) {
	doc := strings.Replace(rosterDoc, "central: {cost_per_fte: 100000}", "central: {cost_per_fte: 100000, current_fte: {quotas: 1}}", 1)
	doc = strings.Replace(doc, "{name: EMEA, sellers: 100,", "{name: EMEA, current_fte: {quotas: 1}, sellers: 100,", 1)
	_, err := loadWithRoster(t, doc, "person,team,function\nann,central,quotas\n")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"s.yaml:3:47: central.current_fte.quotas: both central.current_fte and roster (team.csv) give the current team: keep one of them",
		"s.yaml:7:32: regions[1].current_fte.quotas: both regions[1].current_fte and roster (team.csv) give the current team: keep one of them",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in\n%v", want, err)
		}
	}
}

func TestRosterFileAccess(t *testing.T) {
	dir := t.TempDir()
	scen := filepath.Join(dir, "s.yaml")
	// A directory, a missing file, and a file over the size limit: each is
	// reported at the scenario's roster key (line 4), naming the roster's
	// path, relative to the scenario's directory. (Until session 24 it was
	// reported at the roster's path alone, without a line.)
	if err := os.Mkdir(filepath.Join(dir, "teamdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ roster, want string }{
		{"teamdir", "s.yaml:4:1: roster: " + filepath.Join(dir, "teamdir") + ": cannot read the file: it is a directory, not a regular file"},
		{"missing.csv", "s.yaml:4:1: roster: " + filepath.Join(dir, "missing.csv") + ": cannot read the file: no such file or directory"},
	} {
		doc := strings.Replace(rosterDoc, "roster: team.csv", "roster: "+c.roster, 1)
		if err := os.WriteFile(scen, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(scen, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s", c.roster, err, c.want)
		}
	}
	big := "person,team,function\n" + strings.Repeat("ann,central,quotas\n", 100)
	if err := os.WriteFile(filepath.Join(dir, "team.csv"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scen, []byte(rosterDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadContext(t.Context(), scen, nil, 1000)
	if err == nil || !strings.Contains(err.Error(), "s.yaml:4:1: roster: "+filepath.Join(dir, "team.csv")+": the roster is larger than the limit of 1000 bytes") {
		t.Errorf("size limit: got %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "team.csv"), []byte("person,team,function\nann,central,quotas\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The scenario file is never written to.
	before, _ := os.ReadFile(scen)
	if _, err := Load(scen, nil); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(scen); string(after) != string(before) {
		t.Error("loading changed the scenario file")
	}
}

// The bundled roster example gives the baseline's current team.
func TestBundledRosterIsTheBaselineTeam(t *testing.T) {
	base, err := Load(filepath.Join("..", "..", "scenarios", "baseline.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ros, err := Load(filepath.Join("..", "..", "scenarios", "roster.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	teams := func(s *Scenario) []Team {
		out := []Team{s.Central}
		for _, r := range s.Regions {
			out = append(out, r.Team)
		}
		return out
	}
	bt, rt := teams(base), teams(ros)
	for i := range bt {
		if len(bt[i].CurrentFTE) != len(rt[i].CurrentFTE) {
			t.Errorf("team %d: %v, want %v", i, rt[i].CurrentFTE, bt[i].CurrentFTE)
		}
		for f, v := range bt[i].CurrentFTE {
			if math.Abs(rt[i].CurrentFTE[f]-v) > 1e-12 {
				t.Errorf("team %d %s: %v, want %v", i, f, rt[i].CurrentFTE[f], v)
			}
		}
	}
}

// A team whose roster lines give no cost, or costs equal to cost_per_fte,
// has exactly its cost_per_fte as the roster's average, however its FTE
// add up (0.1 + 0.2 is not 0.3 in binary), so the model does not split it
// for nothing; a team whose lines
// give costs that differ from cost_per_fte is split, with the roster's
// FTE as the people to keep.
func TestRosterSplitsOnlyOnOtherCosts(t *testing.T) {
	csv := "person,team,function,fte,cost_per_year\n" +
		"a,EMEA,sales_support,0.1,\nb,EMEA,quotas,0.2,\nc,EMEA,reporting,0.7,\n" +
		"d,central,comp_admin,0.1,100000\ne,central,quotas,0.2,100000\n" +
		"f,north_america,quotas,1,95000\n"
	s, err := loadWithRoster(t, rosterDoc, csv)
	if err != nil {
		t.Fatal(err)
	}
	emea, na := s.Regions[1].Team, s.Regions[0].Team
	if emea.CurrentCostPerFTE != 80000 || emea.SplitsKept() {
		t.Errorf("EMEA without costs: average %v (want exactly 80000), split %v", emea.CurrentCostPerFTE, emea.SplitsKept())
	}
	if s.Central.CurrentCostPerFTE != 100000 || s.Central.SplitsKept() || s.Central.KeptFTE != s.Central.CurrentTotal() {
		t.Errorf("central at its own cost: average %v (want exactly 100000), split %v, kept %v of %v",
			s.Central.CurrentCostPerFTE, s.Central.SplitsKept(), s.Central.KeptFTE, s.Central.CurrentTotal())
	}
	if !na.SplitsKept() || na.KeptFTE != 1 || na.CurrentCostPerFTE != 95000 {
		t.Errorf("North America at $95k against $90k: split %v, kept %v, average %v", na.SplitsKept(), na.KeptFTE, na.CurrentCostPerFTE)
	}
	var none Team
	none.CostPerFTE = 1
	if none.SplitsKept() {
		t.Error("a team without a roster is split")
	}
}

// A roster's costs are held to the limit on the money the model computes,
// as the scenario's costs are (checkDerived): a person at 1e15 a year is
// in range on their own line, but the team kept at it is not, and the
// plan failed with the simplex's "no convergence". It is reported at the
// dearest person's cost_per_year; costs that stay within the limit load.
func TestRosterMoneyLimit(t *testing.T) {
	_, err := loadWithRoster(t, rosterDoc, "person,team,function,fte,cost_per_year\nann,central,comp_admin,1,120000\nbob,emea,sales_support,0.5,1e15\ncy,emea,sales_support,1,1e15\n")
	want := `/team.csv:4:25: cost_per_year: 1e15 is too large: the roster's people cost 1,500,000,000,120,000 a year at their cost_per_year, and with the scenario's staffing the money the model computes reaches 1,500,000,001,628,000: lower cost_per_year (money the model computes must be at most 1,000,000,000,000,000)`
	var ds Diagnostics
	if !errors.As(err, &ds) || len(ds.Errors()) != 1 || !strings.HasSuffix(ds.Errors()[0].String(), want) {
		t.Errorf("got  %v\nwant .../%s", err, want)
	}
	// Each 1e15 is also an unusual cost of one FTE a year, at its cell.
	if w := ds.Warnings(); len(w) != 2 || w[0].Line != 3 || w[1].Line != 4 || w[0].Code != CodeImplausible || w[1].Code != CodeImplausible {
		t.Errorf("warnings %v, want the unusual cost on lines 3 and 4", w)
	}
	// One person at the limit, beside the scenario's staffing: beyond it.
	_, err = loadWithRoster(t, rosterDoc, "person,team,function,cost_per_year\nann,central,comp_admin,1e15\n")
	want = `/team.csv:2:24: cost_per_year: 1e15 is too large: the roster's people cost 1,000,000,000,000,000 a year at their cost_per_year, and with the scenario's staffing the money the model computes reaches 1,000,000,001,508,000: lower`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got  %v\nwant %s...", err, want)
	}
	if _, err := loadWithRoster(t, rosterDoc, "person,team,function,cost_per_year\nann,central,comp_admin,1e12\n"); err != nil {
		t.Errorf("a cost within the limit: %v", err)
	}
}

// A person's FTE over several lines is written without the float sum's
// noise: 0.7 + 0.2 + 0.2 is 1.1 (it was 1.0999999999999999), and 0.1 +
// 0.2 + 0.9 is 1.2 (1.2000000000000002).
func TestRosterPersonFTESumWords(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"person,team,function,fte\nann,central,comp_admin,0.7\nann,central,reporting,0.2\nann,emea,sales_support,0.2\n",
			`/team.csv:4:1: person: "ann" has 1.1 FTE over lines 2, 3, 4: a person is at most 1 FTE; split their time over lines whose fte adds up to 1 or less`},
		{"person,team,function,fte\nbo,central,comp_admin,0.1\nbo,central,reporting,0.2\nbo,emea,sales_support,0.9\n",
			`/team.csv:4:1: person: "bo" has 1.2 FTE over lines 2, 3, 4: a person is at most 1 FTE`},
		{"person,team,function,fte\ncy,central,comp_admin,0.333333\ncy,central,reporting,0.333333\ncy,emea,sales_support,0.3333334\ncy,emea,proposals,0.01\n",
			`/team.csv:5:1: person: "cy" has 1.009999 FTE over lines 2, 3, 4, 5: a person is at most 1 FTE`},
	} {
		_, err := loadWithRoster(t, rosterDoc, c.csv)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got  %v\nwant ...%s", err, c.want)
		}
	}
}

// A bad field is reported at its own line and column: in a row whose
// quoted name holds a line break, the fields after it are on the row's
// later lines (it was the row's first line with the later line's column,
// ml2.csv:2:6 for a team at 3:6). Columns count characters, as scenario
// files' do (they counted bytes: "García" put the next field one column
// late), and a number is quoted as written (a decimal comma was echoed
// converted, 1.5 for 1,5).
func TestRosterPositionsAndValuesAsWritten(t *testing.T) {
	for _, c := range []struct{ name, csv, want string }{
		{"team after a line break",
			"person,name,team,function\nw01,\"Okafor\nAda\",Asia,comp_admin\n",
			`team.csv:3:6: team: "Asia" is not a team of this scenario`},
		{"fte after two line breaks",
			"person,name,team,function,fte\nw01,\"a\nb\nc, d\",central,comp_admin,1.2\n",
			`team.csv:4:26: fte: 1.2 is out of range`},
		{"person over 1 FTE, its person on a later line",
			"name,person,team,function,fte\nx,ann,central,comp_admin,0.6\n\"y\nz\",ann,central,reporting,0.6\n",
			`team.csv:4:4: person: "ann" has 1.2 FTE over lines 2, 4: a person is at most 1 FTE`},
		{"characters, not bytes",
			"person,name,team,function\nw01,\"García, Ana\",central,comp_admn\n",
			`team.csv:2:27: function: "comp_admn" is not a function of this scenario`},
		{"an emoji is one character",
			"person,name,team,function,fte\nw02,\"Müller 😀 Mo\",emea,sales_support,7\n",
			`team.csv:2:38: fte: 7 is out of range`},
		{"a duplicate column after a non-ASCII one",
			"person,équipe,team,function,team\nann,x,central,quotas,central\n",
			`team.csv:1:29: team: column team appears twice (columns 3 and 5)`},
		{"a CSV error after a non-ASCII character",
			"person,team,function\nRené,cen\"tral,quotas\n",
			`team.csv:2:9: a quote (") inside a field that does not start with one`},
		{"decimal comma as written",
			"person;team;function;fte\nw01;central;comp_admin;1,5\n",
			`team.csv:2:24: fte: 1,5 is out of range`},
		{"cost as written",
			"person,team,function,cost_per_year\nw01,central,comp_admin,-5e0\n",
			`team.csv:2:24: cost_per_year: -5e0 is out of range`},
	} {
		_, err := loadWithRoster(t, rosterDoc, c.csv)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want ...%s", c.name, err, c.want)
		}
	}
}

// A person's cost_per_year is their full-time rate: two different ones
// for one person are an error at the second, naming the first's line. A
// person listed twice in one team and function (an HR export listing
// someone twice) is an error at the second too. Both passed silently,
// the costs averaged and the FTE added up.
func TestRosterConflictingCostsAndDuplicateLines(t *testing.T) {
	for _, c := range []struct{ name, csv, want string }{
		{"conflicting costs",
			"person,team,function,fte,cost_per_year\nw01,central,comp_admin,0.5,172000\nw01,emea,sales_support,0.5,100000\n",
			`team.csv:3:28: cost_per_year: 100000 for "w01", who has 172000 on line 2: a person's cost_per_year is their full-time rate, one figure for all their lines; give the same on each line`},
		{"conflicting costs as written",
			"person;team;function;fte;cost_per_year\nw01;central;comp_admin;0,5;172000,5\nw01;central;reporting;0,25;\nw01;emea;sales_support;0,25;172000\n",
			`team.csv:4:29: cost_per_year: 172000 for "w01", who has 172000,5 on line 2`},
		{"an exact duplicate line",
			"person,team,function,fte,cost_per_year\nw01,central,comp_admin,0.5,172000\nw01,central,comp_admin,0.5,172000\n",
			`team.csv:3:1: person: "w01" is listed twice in central, comp_admin (lines 2 and 3): give a person one line per team and function, with their fte in it`},
		{"the same team by its name",
			"function,team,person\nquotas,emea,w01\nquotas,EMEA,w01\n",
			`team.csv:3:13: person: "w01" is listed twice in emea, quotas (lines 2 and 3)`},
	} {
		_, err := loadWithRoster(t, rosterDoc, c.csv)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: got %v, want ...%s alone", c.name, err, c.want)
		}
	}
	// The same cost on each line, or on some lines only, and a person in
	// two functions of one team, or one function of two teams, load.
	csv := "person,team,function,fte,cost_per_year\n" +
		"w01,central,comp_admin,0.5,172000\nw01,central,reporting,0.25,\nw01,emea,comp_admin,0.25,172000.0\n" +
		"w02,central,comp_admin,0.5,\nw02,north_america,comp_admin,0.5,\n"
	if _, err := loadWithRoster(t, rosterDoc, csv); err != nil {
		t.Errorf("a consistent roster: %v", err)
	}
}

// A person priced on one line only is at that rate on every line: the
// central team's 0.5 comp_admin at $172,000 and 0.25 reporting left empty
// (the same person) average $172,000, not 0.5 x 172,000 + 0.25 x 100,000
// over 0.75 ($148,000); EMEA's line left empty before the priced one takes
// it too. A person priced nowhere is at the team's cost_per_fte.
func TestRosterPersonCostOnEveryLine(t *testing.T) {
	csv := "person,team,function,fte,cost_per_year\n" +
		"w02,emea,sales_support,0.5,\n" +
		"w01,central,comp_admin,0.5,172000\nw01,central,reporting,0.25,\n" +
		"w02,emea,quotas,0.5,90000\n" +
		"w03,north_america,quotas,1,\n"
	s, err := loadWithRoster(t, rosterDoc, csv)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Central.CurrentCostPerFTE; math.Abs(got-172000) > 1e-6 {
		t.Errorf("central's roster average %v, want 172000", got)
	}
	if got := s.Regions[1].CurrentCostPerFTE; math.Abs(got-90000) > 1e-6 {
		t.Errorf("EMEA's roster average %v, want 90000", got)
	}
	if got := s.Regions[0].CurrentCostPerFTE; got != s.Regions[0].CostPerFTE {
		t.Errorf("North America's roster average %v, want its cost_per_fte %v", got, s.Regions[0].CostPerFTE)
	}
}

// A line whose cost conflicts with the person's earlier line still counts
// toward their FTE: a person at 0.8 + 0.8 FTE with two costs is told both
// problems in one pass (the FTE over 1 was said only once the cost was
// fixed).
func TestRosterCostConflictStillCountsFTE(t *testing.T) {
	csv := "person,team,function,fte,cost_per_year\nw01,central,comp_admin,0.8,172000\nw01,emea,sales_support,0.8,100000\n"
	_, err := loadWithRoster(t, rosterDoc, csv)
	if err == nil {
		t.Fatal("a person at 1.6 FTE with two costs loads")
	}
	for _, want := range []string{
		`team.csv:3:28: cost_per_year: 100000 for "w01", who has 172000 on line 2`,
		`team.csv:3:1: person: "w01" has 1.6 FTE over lines 2, 3: a person is at most 1 FTE`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("got %v\nwant it to hold %s", err, want)
		}
	}
}

// A roster's cost_per_year is held to the scenario's rule on costs: within
// 10^8 of the dearest cost, the scenario's or the roster's, or 0. A person
// at 0.0001 a year beside staff at 120,000 loaded (the plan cannot tell
// such costs from rounding), and so did one at 1e13 beside staff at
// 80,000, the scenario's cheapest.
func TestRosterCostSpread(t *testing.T) {
	_, err := loadWithRoster(t, rosterDoc, "person,team,function,cost_per_year\nann,central,comp_admin,120000\nbob,emea,sales_support,0.0001\n")
	want := `/team.csv:3:24: cost_per_year: 0.0001 is too small beside the roster's cost_per_year on line 2 (120,000): the costs of one scenario must be within a factor of 10^8 of each other`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got  %v\nwant %s...", err, want)
	}
	_, err = loadWithRoster(t, rosterDoc, "person,team,function,cost_per_year\nann,central,comp_admin,1e13\n")
	want = `/team.csv:2:24: cost_per_year: 1e13 is too large beside regions[emea].cost_per_fte (80,000): the costs of one scenario must be within a factor of 10^8 of each other`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got  %v\nwant %s...", err, want)
	}
	for _, csv := range []string{
		"person,team,function,cost_per_year\nann,central,comp_admin,0.001\n",
		"person,team,function,cost_per_year\nann,central,comp_admin,0\n",
		"person,team,function,cost_per_year\nann,central,comp_admin,7.9e12\n",
	} {
		if _, err := loadWithRoster(t, rosterDoc, csv); err != nil {
			t.Errorf("%q: %v, want it loaded", csv, err)
		}
	}
}

// A roster given by --set to a scenario whose teams list their current
// FTE is that override's conflict, placed at it: it was placed at the
// file's current_fte entries, which are fine in the file as written.
func TestRosterBySetAndCurrentFTE(t *testing.T) {
	doc := strings.Replace(rosterDoc, "roster: team.csv\n", "", 1)
	doc = strings.Replace(doc, "central: {cost_per_fte: 100000}", "central: {cost_per_fte: 100000, current_fte: {quotas: 1}}", 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.yaml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "team.csv"), []byte("person,team,function\nann,central,quotas\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(filepath.Join(dir, "s.yaml"), []string{"roster=team.csv"})
	want := `--set: central.current_fte.quotas: both central.current_fte and roster (team.csv) give the current team: keep one of them (set by --set "roster=team.csv")`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// A roster line's diagnostics come by column, as the actuals' do, whatever
// the order of the header's columns: here the function's before the
// person's and the team's.
func TestRosterDiagnosticsInColumnOrder(t *testing.T) {
	_, err := loadWithRoster(t, rosterDoc, "function,person,team\ncomp_admn,,Asia\n")
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("got %v, want diagnostics", err)
	}
	want := []string{"function", "person", "team"}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%v", len(ds), len(want), ds)
	}
	for i, w := range want {
		if ds[i].Path != w || ds[i].Line != 2 {
			t.Errorf("diagnostic %d = %v, want line 2, column %s", i, ds[i], w)
		}
	}
}

// A roster's cost_per_year outside the usual range of a cost of one FTE
// a year is warned about at its cell, with the words of the scenario's
// cost_per_fte warning and the value as written, in the currencies where
// cost_per_fte's is; the roster loads.
func TestRosterCostUnusual(t *testing.T) {
	s, err := loadWithRoster(t, rosterDoc, "person;team;function;cost_per_year\nann;central;comp_admin;120000\nbob;emea;sales_support;1\ncy;emea;quotas;2500000,5\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`/team.csv:3:24: warning: cost_per_year: 1 is unusual: cost_per_year is usually between 10000 and 2000000; the fully loaded cost of one FTE a year, in USD`,
		`/team.csv:4:16: warning: cost_per_year: 2500000,5 is unusual: cost_per_year is usually between 10000 and 2000000; the fully loaded cost of one FTE a year, in USD`,
	}
	if len(s.Warnings) != len(want) {
		t.Fatalf("%d warnings, want %d:\n%v", len(s.Warnings), len(want), s.Warnings)
	}
	for i, w := range want {
		d := s.Warnings[i]
		if !strings.HasSuffix(d.String(), w) || d.Severity != Warning || d.Code != CodeImplausible {
			t.Errorf("warning %d = %+v, want %s (%s)", i, d, w, CodeImplausible)
		}
	}
	// The scenario's own warning, for comparison: the same words.
	doc := strings.Replace(rosterDoc, "cost_per_fte: 90000", "cost_per_fte: 1", 1)
	s, err = loadWithRoster(t, doc, "person,team,function\nann,central,comp_admin\n")
	if err != nil || len(s.Warnings) != 1 || !strings.HasSuffix(s.Warnings[0].Message, "1 is unusual: cost_per_fte is usually between 10000 and 2000000; the fully loaded cost of one FTE a year, in USD") {
		t.Errorf("the scenario's warning: %v, %v", s.Warnings, err)
	}
	// In a currency far from the dollar no range is checked, as for
	// cost_per_fte.
	s, err = loadWithRoster(t, "currency: JPY\n"+rosterDoc, "person,team,function,cost_per_year\nann,central,comp_admin,1\n")
	if err != nil || len(s.Warnings) != 0 {
		t.Errorf("JPY: %v, %v, want no warning", s.Warnings, err)
	}
}
