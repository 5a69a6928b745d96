package report

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestXLSXBuiltinsCentralEffectiveness: the Assumptions sheet's table of
// the built-in functions a scenario uses shows the catalog's defaults,
// each read back against the catalog: a central FTE delivers the default
// policy's effectiveness for the function's locality (1.25, 1 or 0.6), where
// it read 0 (a central FTE doing no work) when the catalog left it to be
// resolved from the policy.
func TestXLSXBuiltinsCentralEffectiveness(t *testing.T) {
	file := filepath.Join(t.TempDir(), "builtin.yaml")
	const doc = `horizon: {start: 2027, periods: 1}
budget: {annual: 1000000}
central: {cost_per_fte: 100000}
regions: [{name: North, sellers: 50, cost_per_fte: 90000}]
`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, writeBook(t, []ScenarioPlan{planned(t, file)}))
	rows, err := f.GetRows("Assumptions")
	if err != nil {
		t.Fatal(err)
	}
	start := findRow(t, f, "Assumptions", "function") // the scenario's own table first
	var header []string
	col := map[string]int{}
	for i := start; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == "function" {
			header, start = rows[i], i // the last: the built-in functions'
		}
	}
	for i, h := range header {
		col[h] = i
	}
	builtins := map[string]scenario.Function{}
	for _, fn := range scenario.BuiltinFunctions() {
		builtins[fn.ID] = fn
	}
	seen := 0
	for _, r := range rows[start+1:] {
		if len(r) == 0 {
			break
		}
		fn, ok := builtins[r[0]]
		if !ok {
			t.Fatalf("row %v: not a built-in function", r)
		}
		seen++
		want := scenario.DefaultCentralEffectiveness()[fn.Locality]
		if got, err := strconv.ParseFloat(r[col["central effectiveness"]], 64); err != nil || got != want {
			t.Errorf("%s (%s): central effectiveness %q, want the default policy's %g", fn.ID, fn.Locality, r[col["central effectiveness"]], want)
		}
		if got, err := strconv.ParseFloat(r[col["local effectiveness"]], 64); err != nil || got != fn.LocalEffectiveness {
			t.Errorf("%s: local effectiveness %q, want %g", fn.ID, r[col["local effectiveness"]], fn.LocalEffectiveness)
		}
	}
	if seen != len(builtins) {
		t.Errorf("%d built-in functions listed, want the %d the scenario uses", seen, len(builtins))
	}
}
