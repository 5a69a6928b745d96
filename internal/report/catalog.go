package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// catalogHeader is the header of the catalog's CSV: the keys of a
// function entry in a scenario file, with the stages for
// stage_multipliers. The keys the plan reads besides demand (weight,
// min_coverage and the two effectivenesses) come last, so that the columns
// of earlier versions keep their places.
var catalogHeader = []string{"id", "name", "class", "locality", "fte_per_100_sellers", "fte_per_region", "launch", "growth", "expansion", "margin",
	"weight", "min_coverage", "local_effectiveness", "central_effectiveness"}

// catalogFunction is the JSON view of one function of a catalog.
type catalogFunction struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	Class                scenario.Class    `json:"class"`
	Locality             scenario.Locality `json:"locality"`
	FTEPer100Sellers     float64           `json:"fte_per_100_sellers"`
	FTEPerRegion         float64           `json:"fte_per_region"`
	StageMultipliers     stageMultipliers  `json:"stage_multipliers"`
	Weight               float64           `json:"weight"`
	MinCoverage          float64           `json:"min_coverage"`
	LocalEffectiveness   float64           `json:"local_effectiveness"`
	CentralEffectiveness float64           `json:"central_effectiveness"`
}

// stageMultipliers keeps the stages in life-cycle order in JSON.
type stageMultipliers struct {
	Launch    float64 `json:"launch"`
	Growth    float64 `json:"growth"`
	Expansion float64 `json:"expansion"`
	Margin    float64 `json:"margin"`
}

// WriteCatalog writes functions, such as scenario.BuiltinFunctions() or a
// scenario's merged functions, with every value of a function the plan
// reads: id, name, class, locality, FTE per 100 sellers, FTE per region,
// the four stage multipliers, weight, floor (min_coverage) and local and
// central effectiveness. CSV and JSON give a row each; the table and
// Markdown split the row in two tables (demand; how the plan counts and
// staffs a function), since one would be too wide for a terminal.
func WriteCatalog(w io.Writer, fns []scenario.Function, format Format) error {
	switch format {
	case JSON:
		out := make([]catalogFunction, len(fns))
		for i, f := range fns {
			m := f.StageMultipliers
			out[i] = catalogFunction{f.ID, f.Name, f.Class, f.Locality, f.FTEPer100Sellers, f.FTEPerRegion,
				stageMultipliers{m[scenario.Launch], m[scenario.Growth], m[scenario.Expansion], m[scenario.Margin]},
				f.Weight, f.MinCoverage, f.LocalEffectiveness, f.CentralEffectiveness}
		}
		return WriteJSON(w, struct {
			FormatVersion int               `json:"format_version"`
			Functions     []catalogFunction `json:"functions"`
		}{FormatVersion, out})
	case CSV:
		rows := catalogRows(fns)
		for i, f := range fns {
			rows[i] = append(rows[i], plainNum(f.Weight), plainNum(f.MinCoverage), plainNum(f.LocalEffectiveness), plainNum(f.CentralEffectiveness))
		}
		return WriteCSV(w, append([][]string{catalogHeader}, rows...))
	}
	tw := &textWriter{w: w, md: format == Markdown}
	catalogTables(tw, fns, true)
	return tw.err
}

// catalogRows are the functions' demand as text, numbers as a user writes
// them: id, name, class, locality, FTE per 100 sellers, FTE per region and
// the four stage multipliers.
func catalogRows(fns []scenario.Function) [][]string {
	num := plainNum
	rows := make([][]string, len(fns))
	for i, f := range fns {
		row := []string{f.ID, f.Name, string(f.Class), string(f.Locality), num(f.FTEPer100Sellers), num(f.FTEPerRegion)}
		for _, st := range scenario.Stages {
			row = append(row, num(f.StageMultipliers[st]))
		}
		rows[i] = row
	}
	return rows
}

// Headings of the catalog's two tables.
const (
	catalogDemandHeading = "Demand: FTE per 100 sellers and per region, times the multiplier of the period's stage"
	catalogCountsHeading = "Weight, floor and effectiveness: how the plan counts and staffs each function"
)

// catalogTables writes the terminal or Markdown tables, text columns on
// the left, numbers on the right: the functions' demand, then their weight
// in the heart or brain score, their floor (as the plan's tables print it:
// a percentage, "-" for none) and the work one local or central FTE
// delivers, with a legend of those four when legend is set
// (docs/catalog.md has a table of them instead).
func catalogTables(tw *textWriter, fns []scenario.Function, legend bool) {
	tw.heading(2, catalogDemandHeading)
	tw.tableLeft([]string{"id", "name", "class", "locality", "FTE per 100 sellers", "FTE per region", "launch", "growth", "expansion", "margin"}, catalogRows(fns), 4)
	tw.heading(2, catalogCountsHeading)
	rows := make([][]string, len(fns))
	for i, f := range fns {
		rows[i] = []string{f.ID, f.Name, string(f.Class), string(f.Locality), plainNum(f.Weight), floorCell(f.MinCoverage),
			plainNum(f.LocalEffectiveness), plainNum(f.CentralEffectiveness)}
	}
	tw.tableLeft([]string{"id", "name", "class", "locality", "weight", "floor", "local effectiveness", "central effectiveness"}, rows, 4)
	if legend {
		tw.para("Weight: the function's weight in the heart or brain score. Floor: the least coverage every plan must give it (min_coverage). " +
			"Local and central effectiveness: the FTE-equivalents of work one local or one central FTE delivers.")
	}
}

// floorCell is a floor as the plan's function x region table prints it.
func floorCell(x float64) string {
	if x > 0 {
		return Percent(x)
	}
	return "-"
}

// WriteCatalogDoc writes docs/catalog.md: the built-in catalog's table and
// the defaults every function shares. It is generated from the catalog
// itself (scenario.BuiltinFunctions), so that the page cannot drift from
// the code: TestCatalogDoc compares the two.
func WriteCatalogDoc(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fns := scenario.BuiltinFunctions()
	classes := map[scenario.Class]int{}
	var example scenario.Function
	for _, f := range fns {
		classes[f.Class]++
		if f.ID == "comp_admin" {
			example = f
		}
	}
	const sellers = 200
	demand := (example.FTEPer100Sellers*sellers/100 + example.FTEPerRegion) * example.StageMultipliers[scenario.Growth]
	fmt.Fprintf(bw, `# The built-in function catalog

<!-- Generated by WriteCatalogDoc in internal/report/catalog.go from the
catalog in internal/scenario/catalog.go. Do not edit: run
go test ./internal/report -run TestCatalogDoc -update-catalog -->

A scenario with `+"`catalog: builtin`"+` (the default) starts from these %d
functions of sales operations: %d **heart** functions (the foundation that
lets sellers sell) and %d **brain** functions (the advanced work a healthy
heart earns). The figures are defaults from sales operations practice, to be
calibrated: every field can be overridden in the scenario's `+"`functions:`"+` list
(`+"`docs/scenario.md`"+`), or from the command line
(`+"`--set functions[cpq].fte_per_100_sellers=0.6`"+`).

`+"`cardio catalog`"+` prints the same tables (`+"`--format table|csv|json|markdown`"+`);
`+"`cardio catalog FILE`"+` prints a scenario's functions after its overrides, with
every value of a function the plan reads: the demand table's id, name,
class, locality, FTE per 100 sellers, FTE per region and stage multipliers,
and the second table's weight, floor (`+"`min_coverage`"+`, a percentage, `+"`-`"+` for
none), local and central effectiveness. CSV and JSON give each function
in one row, with the keys of a scenario file (CSV: `+"`weight`, `min_coverage`"+`,
`+"`local_effectiveness`, `central_effectiveness`"+` after the stage multipliers).

Demand for a function in a region, in FTE, is

    (fte_per_100_sellers * sellers / 100 + fte_per_region) * stage multiplier

where the multiplier is the one of the period's life-cycle stage
(`+"`launch`, `growth`, `expansion`, `margin`"+`; see `+"`docs/design.md`"+`).
For example, `+"`%s`"+` in a region of %d sellers in the growth stage
needs (%s * %d / 100 + %s) * %s = %s FTE.

`, len(fns), classes[scenario.Heart], classes[scenario.Brain],
		example.ID, sellers, plainNum(example.FTEPer100Sellers), sellers, plainNum(example.FTEPerRegion),
		plainNum(example.StageMultipliers[scenario.Growth]), strconv.FormatFloat(demand, 'f', 2, 64))
	tw := &textWriter{w: bw, md: true}
	catalogTables(tw, fns, false)
	if tw.err != nil {
		return tw.err
	}
	ce := scenario.DefaultCentralEffectiveness()
	fmt.Fprintf(bw, `
The second table's columns are these keys, which every function has with
these defaults unless the scenario says otherwise:

| key | default | meaning |
| --- | --- | --- |
| `+"`weight`"+` | %s | its weight in the heart or brain score |
| `+"`min_coverage`"+` | 0 | the least coverage every plan must give it |
| `+"`local_effectiveness`"+` | %s | FTE-equivalents of work one local FTE delivers |
| `+"`central_effectiveness`"+` | by locality: central %s, either %s, local %s (`+"`policy.central_effectiveness`"+`) | FTE-equivalents of work one central FTE delivers |

Locality says how a function is best delivered: `+"`central`"+` (close to a system
such as the CRM or the compensation system: scale pays, so a central FTE
delivers more), `+"`local`"+` (needs intimate knowledge of local customers and
selling situations: a central FTE delivers less), or `+"`either`"+`. It also
settles a tie: where central and local staff do a function's work at the
same price (a scenario that sets a local function's central
effectiveness to 1, say), the plan puts the work on the side its
locality names ([`+"`model.md`"+`](model.md), the tie-break stage).
`, plainNum(scenario.DefaultWeight), plainNum(scenario.DefaultLocalEffectiveness),
		plainNum(ce[scenario.Central]), plainNum(ce[scenario.Either]), plainNum(ce[scenario.Local]))
	return bw.Flush()
}

// plainNum writes a number as a user writes it in a scenario: 0.6, 1.25.
func plainNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
