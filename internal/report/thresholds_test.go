package report

import (
	"bytes"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// thresholdCase is the checkup's healthy organization as it is today
// (desk in each region, North fully covered) with desk's floor, the
// healthy heart and desk's coverage in South set: the case of
// cmd/cardio's asis.txtar.
func thresholdCase(t *testing.T, s *scenario.Scenario, healthy, floor, south float64) *plan.Plan {
	t.Helper()
	s.Policy.HealthyHeart = healthy
	desk := -1
	for f, fn := range s.Functions {
		if fn.ID == "desk" {
			desk = f
		}
	}
	if desk < 0 || s.Regions[1].Name != "South" {
		t.Fatal("the case moved: no desk, or South is not the second region")
	}
	s.Functions[desk].MinCoverage = floor
	s.Regions[1].CurrentFTE["desk"] = south
	return plan.AsIs(s)
}

func loadHealthy(t *testing.T) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(filepath.Join("..", "checkup", "testdata", "healthy.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	deskRow      = regexp.MustCompile(`│ desk +│ heart +│ +(\S+) +│ +(\S+) +│ +(\S+) +│`)
	healthyWords = regexp.MustCompile(`\* below the healthy (\S+)% \(heart functions\)`)
)

// printedCell is the South desk cell of p's coverage table as printed:
// the floor, the cell's figure and marks, and the healthy heart of the
// legend, each a fraction.
func printedCell(t *testing.T, p *plan.Plan) (floor, cell float64, marks string, healthy float64, text string) {
	t.Helper()
	var out bytes.Buffer
	if err := WritePlan(&out, p, Table); err != nil {
		t.Fatal(err)
	}
	text = out.String()
	_, table, _ := strings.Cut(text, "Coverage by function and region")
	row, words := deskRow.FindStringSubmatch(table), healthyWords.FindStringSubmatch(table)
	if row == nil || words == nil {
		t.Fatalf("no desk row or no healthy heart in\n%s", text)
	}
	num := func(s string) float64 {
		x, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return x / 100
	}
	figure := strings.TrimRight(row[3], "*!")
	floor = -1
	if row[1] != "-" {
		floor = num(row[1])
	}
	return floor, num(figure), row[3][len(figure):], num(words[1]), text
}

// TestThresholdsPrintAsGiven: a floor and a healthy heart that are not
// whole tenths of a point print with their decimals, and the cell beside
// them with theirs, on the side of each that it is: desk's floor of
// 0.8555 read 85.6% beside desk in South at 0.8556, 85.5%*, below the
// floor printed and not at it ("!").
func TestThresholdsPrintAsGiven(t *testing.T) {
	s := loadHealthy(t)
	for _, c := range []struct {
		healthy, floor, south float64
		row, words            string
	}{
		{0.9, 0.8555, 0.8556, "│ desk     │ heart │ 85.55% │ 100.0% │ 85.56%* │", "below the healthy 90.0% (heart functions)"},
		{0.9, 0.8555, 0.8555, "│ desk     │ heart │ 85.55% │ 100.0% │ 85.5%*! │", "lowest heart coverage: desk in South at 85.5%."},
		{0.9, 0.8555, 0.85551, "│ desk     │ heart │ 85.55% │ 100.0% │ 85.551%* │", "lowest heart coverage: desk in South at 85.551%."},
		// 90.54% is the healthy heart printed as given, not 90.5%: a
		// healthy cell at it reads it, one below it rounded down at
		// its decimals.
		{0.9054, 0, 0.9054, "│ desk     │ heart │      - │ 100.0% │ 90.54% │", "below the healthy 90.54% (heart functions)"},
		{0.9054, 0, 0.90535, "│ desk     │ heart │ - │ 100.0% │ 90.5%* │", "below the healthy 90.54% (heart functions); ! at or below its floor; lowest heart coverage: desk in South at 90.5%."},
		{0.9054, 0, 0.90545, "│ desk     │ heart │ - │ 100.0% │ 90.54% │", "its lowest coverage is Desk in South at 90.54% in 2027."},
		// A floor of 70% and a cell 0.004 points above it read 70.0% and
		// 70.0% without "!": it reads 70.004%.
		{0.9, 0.7, 0.70004, "│ desk     │ heart │ 70.0% │ 100.0% │ 70.004%* │", "lowest heart coverage: desk in South at 70.004%."},
	} {
		p := thresholdCase(t, s, c.healthy, c.floor, c.south)
		var out bytes.Buffer
		if err := WritePlan(&out, p, Table); err != nil {
			t.Fatal(err)
		}
		_, table, _ := strings.Cut(out.String(), "Coverage by function and region")
		text := squeeze(table)
		for _, want := range []string{c.row, c.words} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("healthy %v, floor %v, South at %v: no %q in\n%s", c.healthy, c.floor, c.south, want, out.String())
			}
		}
	}
}

// TestThresholdsRederived: for seeded random floors, healthy hearts and
// coverages near them (at, a round-off above or below, a tolerance away,
// a step away), the coverage table's figure compares with the printed
// thresholds as the coverage does with the exact ones: below healthy
// ("*") when and only when it reads below the healthy heart printed, at
// or below its floor ("!") when and only when it reads at or below the
// floor printed. And it reads within a tenth of a point below the
// coverage or half of one above it (to the nearest tenth), or at a
// threshold the coverage counts as at.
func TestThresholdsRederived(t *testing.T) {
	s := loadHealthy(t)
	rng := rand.New(rand.NewPCG(31, 7))
	// A threshold and the decimals of a percentage it is exact at (5:
	// more than four, printed at four rounded down).
	threshold := func(lo, hi float64) (float64, int) {
		x := lo + (hi-lo)*rng.Float64()
		if d := 1 + rng.IntN(5); d < 5 {
			s := math.Pow10(d + 2)
			return math.Round(x*s) / s, d
		}
		return x, 5
	}
	// printsAs reports whether a threshold x exact at d decimals prints
	// as printed: as given, or past four decimals rounded down to four.
	printsAs := func(printed, x float64, d int) bool {
		if d < 5 {
			return math.Abs(printed-x) < 1e-12
		}
		return printed <= x+1e-12 && x-printed < 1e-6 && math.Abs(printed*1e6-math.Round(printed*1e6)) < 1e-6
	}
	offsets := []float64{0, 1e-10, 1e-9, 5e-8, 1e-7, 5e-7, 1e-6, 1.5e-6, 3e-6, 1e-5, 5e-5, 1e-4, 4e-4, 5e-4, 1e-3}
	n, skipped, finer := 0, 0, 0
	for i := 0; i < 800; i++ {
		healthy, dHealthy := threshold(0.8, 0.95)
		floor, dFloor := 0.0, 0
		if rng.IntN(4) > 0 {
			floor, dFloor = threshold(0.6, 0.97)
			if rng.IntN(4) == 0 {
				floor, dFloor = healthy, dHealthy // a floor at the healthy heart
			}
		}
		base := healthy
		if floor > 0 && rng.IntN(2) == 0 {
			base = floor
		}
		x := base + offsets[rng.IntN(len(offsets))]*float64(1-2*rng.IntN(2))
		if rng.IntN(8) == 0 {
			x = 0.6 + 0.4*rng.Float64()
		}
		p := thresholdCase(t, s, healthy, floor, x)
		var cell *plan.Cell
		for k, c := range p.Periods[0].Cells {
			if c.Function == "desk" && c.Region == "South" {
				cell = &p.Periods[0].Cells[k]
			}
		}
		if cell == nil {
			t.Fatalf("no desk cell in South")
		}
		pFloor, pCell, marks, pHealthy, text := printedCell(t, p)
		if !printsAs(pHealthy, healthy, dHealthy) || floor > 0 && !printsAs(pFloor, floor, dFloor) {
			t.Fatalf("healthy %v, floor %v: printed %v and %v", healthy, floor, pHealthy, pFloor)
		}
		// A heart cell counted healthy (within its tolerance below the
		// healthy heart) and at its floor, that floor below the healthy
		// heart as printed: no figure can read both.
		atFloor := cell.MinCoverage > 0 && cell.Coverage <= cell.MinCoverage+1e-6
		counted := !cell.BelowHealthy && cell.Coverage >= healthy-cell.HealthyTol()-1e-9
		if counted && atFloor && pFloor < pHealthy {
			skipped++
			continue
		}
		n++
		if math.Abs(pCell*1000-math.Round(pCell*1000)) > 1e-6 { // not a whole tenth of a point
			finer++
		}
		below := strings.Contains(marks, "*")
		if below != cell.BelowHealthy || atFloor != strings.Contains(marks, "!") {
			t.Fatalf("the marks %q are not the plan's verdicts (below %v, at floor %v)", marks, cell.BelowHealthy, atFloor)
		}
		// Compared in millionths, the finest a figure prints.
		m := func(x float64) int64 { return int64(math.Round(x * 1e6)) }
		if below != (m(pCell) < m(pHealthy)) {
			t.Errorf("healthy %v, South at %v (below healthy %v): reads %v beside a healthy heart of %v\n%s", healthy, x, below, pCell, pHealthy, text)
		}
		if floor > 0 && atFloor != (m(pCell) <= m(pFloor)) {
			t.Errorf("floor %v, South at %v (at its floor %v): reads %v beside a floor of %v\n%s", floor, x, atFloor, pCell, pFloor, text)
		}
		atThreshold := m(pCell) == m(pHealthy) || floor > 0 && m(pCell) == m(pFloor)
		if cov := cell.Coverage; pCell > cov+5e-4+1e-9 && !atThreshold || pCell < cov-1e-3-1e-9 {
			t.Errorf("South at %v reads %v", cov, pCell)
		}
	}
	if n < 600 || finer < 100 {
		t.Fatalf("only %d cases (%d skipped), %d printed finer than a tenth", n, skipped, finer)
	}
	t.Logf("%d cases (%d skipped), %d printed finer than a tenth", n, skipped, finer)
}

// TestXLSXCellsBesideThresholds: the Cells sheet shows the healthy heart,
// desk's floor and desk's cell in South as the text's coverage table
// prints them (with the decimals a threshold needs, the cell rounded down
// at them), the cell a formula over its exact coverage: the floor of
// 0.8555 showed 85.6% (a 0.0% format) beside the cell at 0.8556, 85.5%.
func TestXLSXCellsBesideThresholds(t *testing.T) {
	s := loadHealthy(t)
	for _, c := range []struct {
		healthy, floor, south float64
		shows                 [3]string // the healthy heart, the floor, the cell
	}{
		{0.9, 0.8555, 0.8556, [3]string{"90.0%", "85.55%", "85.56%"}},
		{0.9, 0.8555, 0.85551, [3]string{"90.0%", "85.55%", "85.551%"}},
		{0.9, 0.8555, 0.8555, [3]string{"90.0%", "85.55%", "85.5%"}},
		{0.9054, 0.7, 0.9054, [3]string{"90.54%", "70.0%", "90.54%"}},
		{0.9054, 0.7, 0.90535, [3]string{"90.54%", "70.0%", "90.5%"}},
		{0.9, 0.7, 0.70004, [3]string{"90.0%", "70.0%", "70.004%"}},
		{0.90541, 0.905411, 0.905412, [3]string{"90.541%", "90.5411%", "90.541%"}},
		{0.9, 0.7, 0.7000005, [3]string{"90.0%", "70.0%", "70.0%"}},
	} {
		p := thresholdCase(t, s, c.healthy, c.floor, c.south)
		var out bytes.Buffer
		if err := WritePlan(&out, p, Table); err != nil {
			t.Fatal(err)
		}
		_, table, _ := strings.Cut(out.String(), "Coverage by function and region")
		row, words := deskRow.FindStringSubmatch(table), healthyWords.FindStringSubmatch(table)
		if row == nil || words == nil {
			t.Fatalf("no desk row or healthy heart in\n%s", table)
		}
		f := openBook(t, writeBook(t, []ScenarioPlan{{Scenario: s, Plan: p}}))
		sh := "Cells " + p.Scenario
		hr := findRow(t, f, sh, "healthy heart")
		desk := findRow(t, f, sh, "desk") // the first period's
		text := [3]string{words[1] + "%", row[1], strings.TrimRight(row[3], "*!")}
		for k, cell := range []string{ref(2, hr), ref(3, desk), ref(5, desk)} {
			if got := shownCell(t, f, sh, cell); got != text[k] || got != c.shows[k] {
				t.Errorf("healthy %v, floor %v, South at %v: %s!%s shows %q, the text %q, want %q", c.healthy, c.floor, c.south, sh, cell, got, text[k], c.shows[k])
			}
		}
		computes(t, f, sh, ref(5, desk))
		// The Assumptions sheet gives the healthy heart so too.
		if got := shownCell(t, f, "Assumptions", ref(2, findRow(t, f, "Assumptions", "healthy heart"))); got != c.shows[0] {
			t.Errorf("healthy %v: the Assumptions sheet shows %q, want %q", c.healthy, got, c.shows[0])
		}
	}
}

// TestFloorWordsAsGiven: In short gives a floor as the scenario does, as
// the coverage table's floor column prints it: "sits at its floor of
// 85.55%" of a floor that binds, "is below 85.55%" of one the
// organization as it is breaks (both read 85.6%, above the cells at it).
func TestFloorWordsAsGiven(t *testing.T) {
	healthy := filepath.Join("..", "checkup", "testdata", "healthy.yaml")
	binds := planned(t, healthy, "functions[desk].min_coverage=0.8555", "policy.healthy_heart=0.8", "budget.annual=300000")
	s, err := scenario.Load(healthy, []string{"functions[desk].min_coverage=0.8555", "regions[South].current_fte={desk: 0.855}"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p    *plan.Plan
		want string
	}{
		{binds.Plan, "Desk sits at its floor of 85.55% in every region every year"},
		{plan.AsIs(s), "Desk is below 85.55% in South every year"},
	} {
		if words := strings.Join(Narrative(c.p), "\n"); !strings.Contains(words, c.want) {
			t.Errorf("no %q in\n%s", c.want, words)
		}
	}
}
