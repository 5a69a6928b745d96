package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"strconv"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// updateCatalog rewrites docs/catalog.md from the built-in catalog:
// go test ./internal/report -run TestCatalogDoc -update-catalog
var updateCatalog = flag.Bool("update-catalog", false, "rewrite docs/catalog.md from the built-in catalog")

// TestCatalogDoc: docs/catalog.md is what WriteCatalogDoc writes from the
// catalog in the code, so that a change to one without the other fails.
func TestCatalogDoc(t *testing.T) {
	const path = "../../docs/catalog.md"
	var buf bytes.Buffer
	if err := WriteCatalogDoc(&buf); err != nil {
		t.Fatal(err)
	}
	if *updateCatalog {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s is not what the catalog in internal/scenario/catalog.go gives: run\n\tgo test ./internal/report -run TestCatalogDoc -update-catalog\nand read the diff", path)
	}
}

// TestCatalogFormats re-reads the CSV and the JSON and checks them against
// the catalog, field by field, and spot-checks a row by hand from
// docs/design.md's table.
func TestCatalogFormats(t *testing.T) {
	fns := scenario.BuiltinFunctions()
	var csvOut bytes.Buffer
	if err := WriteCatalog(&csvOut, fns, CSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(fns)+1 || len(rows[0]) != 10 {
		t.Fatalf("%d rows of %d columns, want %d of 10", len(rows), len(rows[0]), len(fns)+1)
	}
	for i, f := range fns {
		r := rows[i+1]
		if r[0] != f.ID || r[1] != f.Name || r[2] != string(f.Class) || r[3] != string(f.Locality) {
			t.Errorf("row %d: %v, want %s", i+1, r, f.ID)
		}
		for k, want := range []float64{f.FTEPer100Sellers, f.FTEPerRegion, f.StageMultipliers[scenario.Launch], f.StageMultipliers[scenario.Growth], f.StageMultipliers[scenario.Expansion], f.StageMultipliers[scenario.Margin]} {
			if got, _ := strconv.ParseFloat(r[4+k], 64); got != want {
				t.Errorf("%s %s = %s, want %g", f.ID, rows[0][4+k], r[4+k], want)
			}
		}
	}
	// cpq: heart, either, 0.5 per 100 sellers, 0.1 per region, 0.3 0.6 1.0 1.4.
	want := []string{"cpq", "Quoting and CPQ", "heart", "either", "0.5", "0.1", "0.3", "0.6", "1", "1.4"}
	for _, r := range rows {
		if r[0] == "cpq" && !equal(r, want) {
			t.Errorf("cpq: %v, want %v", r, want)
		}
	}

	var jsonOut bytes.Buffer
	if err := WriteCatalog(&jsonOut, fns, JSON); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		FormatVersion int `json:"format_version"`
		Functions     []struct {
			ID               string             `json:"id"`
			StageMultipliers map[string]float64 `json:"stage_multipliers"`
		} `json:"functions"`
	}
	if err := json.Unmarshal(jsonOut.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.FormatVersion != FormatVersion || len(doc.Functions) != len(fns) {
		t.Fatalf("format_version %d, %d functions", doc.FormatVersion, len(doc.Functions))
	}
	for i, f := range fns {
		for _, st := range scenario.Stages {
			if got := doc.Functions[i].StageMultipliers[string(st)]; got != f.StageMultipliers[st] {
				t.Errorf("%s %s: %g, want %g", f.ID, st, got, f.StageMultipliers[st])
			}
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
