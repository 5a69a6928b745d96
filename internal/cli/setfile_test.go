package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

// A --set applies to every file; a problem or a warning it makes in one of
// them is placed at --set, so a line naming that file follows it: without
// it "regions has 2 elements" does not say which of the scenarios has two.
func TestSetProblemNamesItsFile(t *testing.T) {
	base, wp := "../../scenarios/baseline.yaml", "../../scenarios/whole-people.yaml"
	for _, cmd := range [][]string{
		{"compare", base, wp},
		{"report", base, wp, "-o", t.TempDir() + "/r.md"},
		{"chart", "compare", base, wp, "-o", t.TempDir() + "/c.svg"},
	} {
		code, _, errOut := run(append(cmd, "--set", "regions[2].sellers=100")...)
		if code != ExitFailure {
			t.Fatalf("%v: exit %d, want %d: %s", cmd, code, ExitFailure, errOut)
		}
		want := `--set: "regions[2].sellers=100": index 2 is out of range: regions has 2 elements` + "\n" + wp + ": 1 problem\n"
		if errOut != want {
			t.Errorf("%v: stderr\n%s\nwant\n%s", cmd[:1], errOut, want)
		}
		if strings.Contains(errOut, base) {
			t.Errorf("%v: names %s, which has the region", cmd[:1], base)
		}
	}
	// A warning of --set: each file's line says whose it is.
	code, _, errOut := run("compare", "--format", "json", base, wp, "--set", "central.cost_per_fte=3e6")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "--set: warning: central.cost_per_fte") || lines[1] != base+": 1 warning" ||
		!strings.HasPrefix(lines[2], "--set: warning: central.cost_per_fte") || lines[3] != wp+": 1 warning" {
		t.Errorf("stderr:\n%s", errOut)
	}
}

// validate's CSV names the scenario of each row: the file of a row from
// --set is "--set".
func TestValidateCSVNamesTheScenario(t *testing.T) {
	base, wp := "../../scenarios/baseline.yaml", "../../scenarios/whole-people.yaml"
	code, out, errOut := run("validate", "--format", "csv", base, wp, "--set", "regions[2].sellers=100")
	if code != ExitFailure {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || strings.Join(rows[0], ",") != "file,line,col,path,message,severity,code,scenario" {
		t.Fatalf("rows %q", rows)
	}
	if got := rows[1]; got[0] != "'--set" || got[7] != wp {
		t.Errorf("row %q: want file '--set and scenario %s", got, wp)
	}
}
