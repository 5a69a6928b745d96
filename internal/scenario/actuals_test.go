package scenario

import (
	"strings"
	"testing"
)

// actualsDoc has two regions and four quarters, the built-in catalog.
const actualsDoc = `horizon: {start: 2027-Q1, periods: 4}
budget: {annual: 1000000}
central: {cost_per_fte: 100000}
regions:
  - {name: North America, sellers: 100, cost_per_fte: 90000}
  - {name: EMEA, sellers: 100, cost_per_fte: 80000}
`

func TestActualsDialects(t *testing.T) {
	s := mustLoad(t, "s.yaml", actualsDoc)
	ca, na := s.FunctionIndex("comp_admin"), s.FunctionIndex("sales_support")
	for name, text := range map[string]string{
		"comma":                        "period,team,function,fte,spend\n2027-Q1,central,comp_admin,2,50000\n2027-Q1,EMEA,sales_support,1.5,\n2027-Q1,emea,,,30000\n2027-Q2,North America,sales_support,3,\n",
		"semicolon and decimal comma":  "period;team;function;fte;spend\n2027-Q1;central;comp_admin;2;50000\n2027-Q1;EMEA;sales_support;1,5;\n2027-Q1;emea;;;30000\n2027-Q2;North America;sales_support;3;\n",
		"BOM, CRLF, quotes, case, gap": "\uFEFFPeriod,\"TEAM\",function,fte,spend,note\r\n2027-q1,central,comp_admin,2,50000,\"a, b\"\r\n,,,,,\r\n2027-Q1,EMEA,sales_support,1.5,,\r\n2027-Q1,emea,,,30000,\r\n2027-Q2,north america,sales_support,3,,\r\n",
	} {
		a, ds := ParseActuals("a.csv", []byte(text), s)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", name, ds)
		}
		if a.Periods != 2 || a.Central[0][ca] != 2 || a.Local[0][1][na] != 1.5 || a.Local[1][0][na] != 3 || a.Local[1][1][na] != 0 {
			t.Errorf("%s: %+v", name, a)
		}
		if a.Spend[0] != 80000 || !a.SpendGiven[0] || a.SpendGiven[1] {
			t.Errorf("%s: spend %v given %v, want 80000 in 2027-Q1 only", name, a.Spend, a.SpendGiven)
		}
	}
}

func TestActualsBadRowsInOnePass(t *testing.T) {
	s := mustLoad(t, "s.yaml", actualsDoc)
	text := "period,team,function,fte,spend\n" +
		"2027-Q5,central,comp_admin,1,\n" + // line 2: no such period
		"2027-Q1,Mars,comp_admin,1,\n" + // 3: no such team
		"2027-Q1,central,comp_admn,1,\n" + // 4: no such function
		"2027-Q1,central,comp_admin,-1,\n" + // 5: negative
		"2027-Q1,central,comp_admin,x,\n" + // 6: not a number
		"2027-Q1,central,,2,\n" + // 7: fte without a function, and no spend
		"2027-Q1,central,,,\n" + // 8: neither
		"2027-Q1,central,reporting,1,$5\n" + // 9: bad spend
		"2027-Q1,central,quotas,1\n" + // 10: short line
		"2027-Q1,EMEA,quotas,1,\n" +
		"2027-Q1,emea,quotas,2,\n" // 12: twice
	_, ds := ParseActuals("a.csv", []byte(text), s)
	want := []string{
		"a.csv:2:1: period: \"2027-Q5\" is not a period of the scenario's horizon. Periods: 2027-Q1, 2027-Q2, 2027-Q3, 2027-Q4",
		"a.csv:3:9: team: \"Mars\" is not a team",
		"a.csv:4:17: function: \"comp_admn\" is not a function of this scenario",
		"a.csv:5:28: fte: -1 is out of range",
		"a.csv:6:28: fte: \"x\" is not a number",
		"a.csv:7:18: fte: fte \"2\" on a line without a function",
		"a.csv:7:20: spend: a line without a function gives the team's spend",
		"a.csv:8:19: spend: a line without a function gives the team's spend",
		"a.csv:9:29: spend: \"$5\" is not a number",
		"a.csv:10:1: the line has 4 fields but the header has 5",
		"a.csv:12:1: period: 2027-Q1, team emea, function quotas is given twice (lines 11 and 12)",
	}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%v", len(ds), len(want), ds)
	}
	for i, w := range want {
		if !strings.HasPrefix(ds[i].String(), w) {
			t.Errorf("diagnostic %d = %q, want it to start %q", i, ds[i].String(), w)
		}
	}
}

func TestActualsFileProblems(t *testing.T) {
	s := mustLoad(t, "s.yaml", actualsDoc)
	for text, want := range map[string]string{
		"":                           "a.csv: the actuals file is empty",
		"period,team,fte\n":          "a.csv:1:1: the header has no function column",
		"period,team,function,fte\n": "a.csv:1:1: the actuals file lists nothing",
		"period,team,function,fte\n2027-Q2,central,comp_admin,1\n":   "a.csv:2:1: period: no line for 2027-Q1, while 2027-Q2 has lines",
		"period,team,function,fte\n2027-Q1,central,\"comp_admin,1\n": "a.csv:2:",
	} {
		_, ds := ParseActuals("a.csv", []byte(text), s)
		if len(ds) == 0 || !strings.HasPrefix(ds[0].String(), want) {
			t.Errorf("%q: %v, want %q", text, ds, want)
		}
	}
}

// FuzzActuals feeds the actuals reader arbitrary bytes: it never panics,
// every diagnostic is placed in the file, and actuals it accepts cover the
// first periods without a gap, with FTE and spend 0 or above.
func FuzzActuals(f *testing.F) {
	for _, seed := range []string{
		"period,team,function,fte,spend\n2027-Q1,central,comp_admin,2,50000\n2027-Q1,emea,,,30000\n",
		"\uFEFFperiod;team;function;fte\n2027-Q1;EMEA;quotas;0,5\n2027-Q2;emea;reporting;0,5\n",
		"period,team,function,fte\n\"2027-Q1\",central,\"quotas\n",
		"period,team,function,fte\n2027-Q1,central,quotas,NaN\n2027-Q1,central,quotas,1e309\n",
		"",
		"\n\n;;\n",
	} {
		f.Add([]byte(seed))
	}
	s := mustLoad(f, "t.yaml", actualsDoc)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, ds := ParseActuals("a.csv", data, s)
		for _, d := range ds {
			if d.File != "a.csv" || d.Line < 0 || d.Col < 0 || d.Message == "" {
				t.Fatalf("misplaced diagnostic %+v", d)
			}
		}
		if ds.HasErrors() {
			if a != nil {
				t.Fatal("actuals and errors")
			}
			return
		}
		if a == nil || a.Periods < 1 || a.Periods > s.Periods() || len(a.Central) != a.Periods || len(a.Local) != a.Periods || len(a.Spend) != a.Periods {
			t.Fatalf("bad actuals %+v", a)
		}
		for tt := range a.Periods {
			if a.Spend[tt] < 0 {
				t.Fatalf("negative spend %v", a.Spend)
			}
			for f := range s.Functions {
				if a.Central[tt][f] < 0 {
					t.Fatalf("negative FTE")
				}
				for r := range s.Regions {
					if a.Local[tt][r][f] < 0 {
						t.Fatalf("negative FTE")
					}
				}
			}
		}
	})
}

// Actuals share the roster's reader: a field is placed at its own line
// when a quoted field before it holds a line break, its column counts
// characters, and a number is quoted as written.
func TestActualsPositionsAndValuesAsWritten(t *testing.T) {
	s := mustLoad(t, "s.yaml", actualsDoc)
	text := "note;period;team;function;fte;spend\n" +
		"\"Zürich\nbüro\";2027-Q1;central;comp_admin;-1,5;\n" + // lines 2-3
		"é;2027-Q1;central;reporting;1;-2,5\n"
	_, ds := ParseActuals("a.csv", []byte(text), s)
	want := []string{
		"a.csv:3:34: fte: -1,5 is out of range",
		"a.csv:4:31: spend: -2,5 is out of range",
	}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%v", len(ds), len(want), ds)
	}
	for i, w := range want {
		if !strings.HasPrefix(ds[i].String(), w) {
			t.Errorf("diagnostic %d = %q, want it to start %q", i, ds[i].String(), w)
		}
	}
}

// A line's diagnostics come by column, as every file's do, whatever the
// order of the header's columns and of the checks: a team before a period
// when the team column comes first, and the spend a line without a
// function lacks (placed at its function cell when there is no spend
// column) before its fte.
func TestActualsDiagnosticsInColumnOrder(t *testing.T) {
	s := mustLoad(t, "s.yaml", actualsDoc)
	text := "team,period,function,fte\n" +
		"Mars,2027-Q9,comp_admin,1\n" +
		"central,2027-Q1,,5\n" +
		"central,2027-Q1,comp_admn,x\n"
	_, ds := ParseActuals("a.csv", []byte(text), s)
	want := []string{
		"a.csv:2:1: team: \"Mars\" is not a team",
		"a.csv:2:6: period: \"2027-Q9\" is not a period",
		"a.csv:3:17: spend: a line without a function gives the team's spend",
		"a.csv:3:18: fte: fte \"5\" on a line without a function",
		"a.csv:4:17: function: \"comp_admn\" is not a function",
		"a.csv:4:27: fte: \"x\" is not a number",
	}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%v", len(ds), len(want), ds)
	}
	for i, w := range want {
		if !strings.HasPrefix(ds[i].String(), w) {
			t.Errorf("diagnostic %d = %q, want it to start %q", i, ds[i].String(), w)
		}
	}
}
