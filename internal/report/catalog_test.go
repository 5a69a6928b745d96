package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

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
	if len(rows) != len(fns)+1 || len(rows[0]) != 14 {
		t.Fatalf("%d rows of %d columns, want %d of 14", len(rows), len(rows[0]), len(fns)+1)
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
	// cpq: heart, either, 0.5 per 100 sellers, 0.1 per region, 0.3 0.6 1.0
	// 1.4; weight 1, no floor, a local and a central FTE each deliver 1.
	want := []string{"cpq", "Quoting and CPQ", "heart", "either", "0.5", "0.1", "0.3", "0.6", "1", "1.4", "1", "0", "1", "1"}
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

// catalogShown is what one format of WriteCatalog shows of a function, by
// the scenario file's key: "weight", "min_coverage", "launch", ...
type catalogShown map[string]map[string]string

// catalogValues is the value of every key of a function the plan reads.
func catalogValues(f scenario.Function) map[string]float64 {
	m := f.StageMultipliers
	return map[string]float64{
		"fte_per_100_sellers": f.FTEPer100Sellers, "fte_per_region": f.FTEPerRegion,
		"launch": m[scenario.Launch], "growth": m[scenario.Growth], "expansion": m[scenario.Expansion], "margin": m[scenario.Margin],
		"weight": f.Weight, "min_coverage": f.MinCoverage,
		"local_effectiveness": f.LocalEffectiveness, "central_effectiveness": f.CentralEffectiveness,
	}
}

// tableKeys maps the table's and Markdown's column titles to the keys.
var tableKeys = map[string]string{
	"FTE per 100 sellers": "fte_per_100_sellers", "FTE per region": "fte_per_region",
	"launch": "launch", "growth": "growth", "expansion": "expansion", "margin": "margin",
	"weight": "weight", "floor": "min_coverage",
	"local effectiveness": "local_effectiveness", "central effectiveness": "central_effectiveness",
	"name": "name", "class": "class", "locality": "locality",
}

// readCatalogTables reads the tables of the terminal or Markdown view,
// each row by its id, each cell by the key of its column.
func readCatalogTables(t *testing.T, out string) catalogShown {
	t.Helper()
	shown := catalogShown{}
	var header []string
	for _, line := range strings.Split(out, "\n") {
		var cells []string
		switch {
		case strings.HasPrefix(line, "│"):
			cells = strings.Split(strings.Trim(line, "│"), "│")
		case strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "|:"):
			cells = strings.Split(strings.Trim(line, "|"), "|")
		default:
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if cells[0] == "id" {
			header = cells
			continue
		}
		if shown[cells[0]] == nil {
			shown[cells[0]] = map[string]string{}
		}
		for i, c := range cells[1:] {
			key, ok := tableKeys[header[i+1]]
			if !ok {
				t.Fatalf("column %q has no key", header[i+1])
			}
			shown[cells[0]][key] = c
		}
	}
	return shown
}

// TestCatalogShowsScenarioValues: for every bundled scenario and the
// built-in catalog, every format of the catalog shows every value of each
// function the plan reads (its demand, weight, floor and the two
// effectivenesses), and each is the scenario's own as scenario.Load reads
// it: the baseline's floors and whole-people.yaml's local_effectiveness
// 0.6 appear. The values the files give are also checked against the
// YAML itself. The table shows a floor as the plan's tables do: a
// percentage, "-" for none.
func TestCatalogShowsScenarioValues(t *testing.T) {
	files := bundledFiles(t)
	cases := map[string][]scenario.Function{"built-in catalog": scenario.BuiltinFunctions()}
	given := map[string][]map[string]any{}
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		cases[name] = s.Functions
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Functions []map[string]any `yaml:"functions"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		given[name] = doc.Functions
	}
	// The built-in catalog's defaults: a central FTE delivers by locality.
	for _, f := range cases["built-in catalog"] {
		if want := scenario.DefaultCentralEffectiveness()[f.Locality]; f.CentralEffectiveness != want || f.Weight != scenario.DefaultWeight ||
			f.LocalEffectiveness != scenario.DefaultLocalEffectiveness || f.MinCoverage != 0 {
			t.Errorf("built-in %s: %+v, want the catalog's defaults (central effectiveness %g)", f.ID, f, want)
		}
	}
	for name, fns := range cases {
		shown := map[Format]catalogShown{}
		for _, format := range []Format{Table, Markdown, CSV, JSON} {
			var buf bytes.Buffer
			if err := WriteCatalog(&buf, fns, format); err != nil {
				t.Fatal(err)
			}
			switch format {
			case CSV:
				rows, err := csv.NewReader(&buf).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				shown[format] = catalogShown{}
				for _, r := range rows[1:] {
					shown[format][r[0]] = map[string]string{}
					for i, c := range r[1:] {
						shown[format][r[0]][rows[0][i+1]] = c
					}
				}
			case JSON:
				var doc struct {
					Functions []map[string]any `json:"functions"`
				}
				if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
					t.Fatal(err)
				}
				shown[format] = catalogShown{}
				for _, f := range doc.Functions {
					row := map[string]string{}
					for k, v := range f {
						if sm, ok := v.(map[string]any); ok {
							for st, x := range sm {
								row[st] = fmt.Sprint(x)
							}
							continue
						}
						row[k] = fmt.Sprint(v)
					}
					shown[format][row["id"]] = row
				}
			default:
				shown[format] = readCatalogTables(t, buf.String())
			}
		}
		for format, rows := range shown {
			if len(rows) != len(fns) {
				t.Errorf("%s, %s: %d functions shown, want %d", name, format, len(rows), len(fns))
			}
			for _, f := range fns {
				row := rows[f.ID]
				if row["name"] != f.Name || row["class"] != string(f.Class) || row["locality"] != string(f.Locality) {
					t.Errorf("%s, %s, %s: name, class, locality %q %q %q, want %q %q %q", name, format, f.ID,
						row["name"], row["class"], row["locality"], f.Name, f.Class, f.Locality)
				}
				for key, want := range catalogValues(f) {
					cell, ok := row[key]
					if !ok {
						t.Errorf("%s, %s, %s: no %s shown (the scenario's is %g)", name, format, f.ID, key, want)
						continue
					}
					if key == "min_coverage" && (format == Table || format == Markdown) {
						if !floorShows(cell, want) {
							t.Errorf("%s, %s, %s: floor %q, want %g", name, format, f.ID, cell, want)
						}
						continue
					}
					if got, err := strconv.ParseFloat(cell, 64); err != nil || got != want {
						t.Errorf("%s, %s, %s: %s %q, want %g", name, format, f.ID, key, cell, want)
					}
				}
			}
		}
		// The values the file gives, read from its YAML.
		for _, entry := range given[name] {
			id, _ := entry["id"].(string)
			row := shown[CSV][id]
			for key, v := range entry {
				vals := map[string]any{key: v}
				if sm, ok := v.(map[string]any); ok && key == "stage_multipliers" {
					vals = sm
				}
				for k, v := range vals {
					x, ok := yamlNumber(v)
					if !ok {
						continue
					}
					if got, err := strconv.ParseFloat(row[k], 64); err != nil || got != x {
						t.Errorf("%s, %s: the file gives %s %g, the catalog shows %q", name, id, k, x, row[k])
					}
				}
			}
		}
	}
	// The two the audit found missing, by hand.
	wp := shown(t, cases["whole-people.yaml"])
	if wp["comp_admin"]["local_effectiveness"] != "0.6" || wp["comp_admin"]["min_coverage"] != "80.0%" {
		t.Errorf("whole-people.yaml comp_admin: %v, want local effectiveness 0.6 and floor 80.0%%", wp["comp_admin"])
	}
}

// shown is the terminal table of fns, read.
func shown(t *testing.T, fns []scenario.Function) catalogShown {
	var buf bytes.Buffer
	if err := WriteCatalog(&buf, fns, Table); err != nil {
		t.Fatal(err)
	}
	return readCatalogTables(t, buf.String())
}

// floorShows says whether a floor's cell reads as the floor x: "-" for
// none, else x as a percentage to 0.1%.
func floorShows(cell string, x float64) bool {
	if x == 0 {
		return cell == "-"
	}
	p, err := strconv.ParseFloat(strings.TrimSuffix(cell, "%"), 64)
	return err == nil && strings.HasSuffix(cell, "%") && math.Abs(p/100-x) <= 0.0005+1e-12
}

// yamlNumber is a YAML scalar's number.
func yamlNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
