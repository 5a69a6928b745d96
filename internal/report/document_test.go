package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// riskRun is a small Monte Carlo run of the bundled example with ranges.
func riskRun(t *testing.T) (*plan.RiskResult, *scenario.Scenario) {
	t.Helper()
	return riskOf(t, "uncertain.yaml", plan.RiskOptions{Samples: 12, Seed: 3})
}

// bundledDoc is a bundled scenario file's document, with the overrides
// sets, and its scenario.
func bundledDoc(t *testing.T, file string, sets ...string) (*scenario.Doc, *scenario.Scenario) {
	t.Helper()
	doc, err := scenario.ParseFile(context.Background(), filepath.Join("..", "..", "scenarios", file), scenario.DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range sets {
		if err := doc.SetOverride(set); err != nil {
			t.Fatal(err)
		}
	}
	s, diags := doc.Decode()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return doc, s
}

// riskOf is a Monte Carlo run of a bundled scenario, with the overrides
// sets (ranges given with --set).
func riskOf(t *testing.T, file string, opt plan.RiskOptions, sets ...string) (*plan.RiskResult, *scenario.Scenario) {
	t.Helper()
	doc, s := bundledDoc(t, file, sets...)
	r, err := plan.Risk(context.Background(), doc, solve.Revised{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r, s
}

// reviewRun is the bundled quarterly review: the baseline, its actuals and
// its plan of record.
func reviewRun(t *testing.T) *ReviewView {
	t.Helper()
	dir := filepath.Join("..", "..", "scenarios")
	s := planned(t, filepath.Join(dir, "baseline.yaml")).Scenario
	data, err := os.ReadFile(filepath.Join(dir, "baseline-plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec plan.Plan
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	return &ReviewView{Review: baselineReview(t, s, &rec), PlanOfRecord: "baseline-plan.json"}
}

// baselineReview reviews s (the baseline, perhaps with overrides) against
// the plan of record rec with the bundled baseline's actuals.
func baselineReview(t *testing.T, s *scenario.Scenario, rec *plan.Plan) *plan.Review {
	t.Helper()
	file := filepath.Join("..", "..", "scenarios", "baseline-actuals.csv")
	act, err := scenario.ReadActuals(context.Background(), file, s, scenario.DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	rv, err := plan.NewReview(context.Background(), s, rec, act, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

// diffOf is cardio diff of two bundled scenario files, the new one with
// the overrides sets, its options tuned by tune (nil: the defaults), and
// its table view.
func diffOf(t *testing.T, oldFile, newFile string, sets []string, tune func(*plan.DiffOptions)) (d *plan.Diff, text string, oldS, newS *scenario.Scenario) {
	t.Helper()
	oldDoc, oldS := bundledDoc(t, oldFile)
	newDoc, newS := bundledDoc(t, newFile, sets...)
	opt := plan.DefaultDiffOptions(solve.Revised{})
	if tune != nil {
		tune(&opt)
	}
	d, err := plan.DiffScenarios(context.Background(), oldDoc, newDoc, oldS, newS, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDiff(&b, d, oldS, newS, Table); err != nil {
		t.Fatal(err)
	}
	return d, b.String(), oldS, newS
}

func write(t *testing.T, f Format, fn func(*bytes.Buffer, Format) error) []byte {
	t.Helper()
	var a, b bytes.Buffer
	if err := fn(&a, f); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	if err := fn(&b, f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("%s: two writes of the same result differ", f)
	}
	return a.Bytes()
}

// pictures reads the Charts sheet's pictures back, in order.
func pictures(t *testing.T, f *excelize.File) []excelize.Picture {
	t.Helper()
	cells, err := f.GetPictureCells("Charts")
	if err != nil {
		t.Fatal(err)
	}
	var ps []excelize.Picture
	for _, c := range cells {
		p, err := f.GetPictures("Charts", c)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p...)
	}
	return ps
}

// figures are the page's charts: kind and series names.
func figures(t *testing.T, page []byte) [][2]string {
	t.Helper()
	if _, err := html.Parse(bytes.NewReader(page)); err != nil {
		t.Fatal(err)
	}
	var fs [][2]string
	for _, m := range figureRE.FindAllSubmatch(page, -1) {
		fs = append(fs, [2]string{string(m[1]), string(m[2])})
	}
	return fs
}

// The risk workbook holds the run's numbers as numbers (the percentiles,
// the tornado's ends with its swing a formula that computes), the inputs
// in words with their paths, and the fan and tornado as native charts
// over those numbers; the page holds both charts inline and the same
// tables. Both are the same bytes twice.
func TestRiskDocuments(t *testing.T) {
	r, s := riskRun(t)
	out := func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, s, f) }

	f := openBook(t, write(t, XLSX, out))
	if got := f.GetSheetList(); strings.Join(got, ",") != "Risk,Inputs,Charts" {
		t.Errorf("sheets %v", got)
	}
	for i, p := range r.Periods {
		row := findRow(t, f, "Risk", p.Label) // the first table is the scores
		// The heart as the text view prints it (plan.HeartShownBelow),
		// the exact percentiles in the (exact) columns M to O.
		shown := func(x float64) float64 { return plan.HeartShownBelow(x, r.HealthyHeart) }
		for col, want := range []float64{shown(p.Heart.P10), shown(p.Heart.P50), shown(p.Heart.P90), p.Brain.P10, p.Brain.P50, p.Brain.P90} {
			ref := fmt.Sprintf("%c%d", 'B'+col, row)
			if got := number(t, f, "Risk", ref); got != want {
				t.Errorf("period %d: Risk!%s = %v, want %v", i, ref, got, want)
			}
		}
		for col, want := range []float64{p.Heart.P10, p.Heart.P50, p.Heart.P90} {
			ref := fmt.Sprintf("%c%d", 'M'+col, row)
			if got := number(t, f, "Risk", ref); got != want {
				t.Errorf("period %d: Risk!%s = %v, want the exact %v", i, ref, got, want)
			}
		}
		if numFmtOf(t, f, "Risk", fmt.Sprintf("B%d", row)) != "0.0%" {
			t.Errorf("a score is not formatted as a percentage")
		}
	}
	for _, bar := range r.Tornado {
		row := findRow(t, f, "Risk", InputLabel(s, bar.Path))
		if key, _ := f.GetCellValue("Risk", fmt.Sprintf("B%d", row)); key != bar.Path {
			t.Errorf("%s: key %q", bar.Path, key)
		}
		lo := number(t, f, "Risk", fmt.Sprintf("C%d", row))
		want := bar.Low
		if countInput(bar.Path) {
			want = math.Round(bar.Low)
		}
		if lo != want {
			t.Errorf("%s: P10 %v, want %v", bar.Path, lo, want)
		}
		if got, want := number(t, f, "Risk", fmt.Sprintf("E%d", row)), plan.HeartShownBelow(bar.HeartLow, r.HealthyHeart); got != want {
			t.Errorf("%s: heart at P10 %v, want %v", bar.Path, got, want)
		}
		if got := number(t, f, "Risk", fmt.Sprintf("M%d", row)); got != bar.HeartLow {
			t.Errorf("%s: heart at P10 (exact) %v, want %v", bar.Path, got, bar.HeartLow)
		}
		swing, err := f.CalcCellValue("Risk", fmt.Sprintf("J%d", row), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		// The cell holds points (22.2), as the text view's "22.2 points".
		if x, _ := strconv.ParseFloat(swing, 64); math.Abs(x-bar.BrainSwingTenths()/10) > 1e-9 {
			t.Errorf("%s: brain swing computes to %s, want %v points", bar.Path, swing, bar.BrainSwingTenths()/10)
		}
	}
	if row := findRow(t, f, "Inputs", "North America: sellers"); row == 0 {
		t.Error("no North America sellers input")
	}
	// The page's charts, the fan as two (heart, brain), drawn from the
	// sheet's cells (TestRiskXLSXChartsDrawSheetCells), not pictures.
	if n := len(pictures(t, f)); n != 0 {
		t.Errorf("%d pictures, want none", n)
	}
	charts := map[string]bool{}
	for _, s := range workbookSeries(t, write(t, XLSX, out)) {
		charts[s.chart] = true
	}
	if len(charts) != 3 {
		t.Errorf("%d charts, want 3: %v", len(charts), charts)
	}

	page := write(t, HTML, out)
	figs := figures(t, page)
	if len(figs) != 2 || figs[0][0] != string(chart.RiskFan) || figs[1][0] != string(chart.Tornado) {
		t.Fatalf("figures %v", figs)
	}
	for _, bar := range r.Tornado {
		label := html.EscapeString(InputLabel(s, bar.Path))
		// In the tornado's SVG (a tick label) and in its table.
		if n := strings.Count(string(page), ">"+label+"<"); n < 2 {
			t.Errorf("%q appears %d times in the page", label, n)
		}
	}
	if strings.Contains(string(page), "<td>regions[") {
		t.Error("the page's tornado names an input by its path")
	}
}

// The review workbook holds the charts' figures as numbers, the variances
// as formulas that compute, every team's staff, and the charts as native
// charts over those figures (TestReviewXLSXChartsDrawPrintedFigures); the
// page has both charts and the tables of their figures.
func TestReviewDocuments(t *testing.T) {
	v := reviewRun(t)
	out := func(b *bytes.Buffer, f Format) error { return WriteReview(b, v, f) }
	f := openBook(t, write(t, XLSX, out))
	if got := strings.Join(f.GetSheetList(), ","); got != "Review,Staff,Re-plan,Charts" {
		t.Errorf("sheets %s", got)
	}
	c, err := chart.ForReview(v.Review)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range v.Periods {
		row := findRow(t, f, "Review", p.Label)
		// The page's chart draws the hearts as B and C show them, as
		// the text prints them (TestReviewXLSXHeartAsPrinted), and so
		// do the workbook's charts; O and P hold the exact scores.
		for col, want := range map[string]float64{
			"B": c.Panels[0].Series[0].Y[i], "C": c.Panels[0].Series[1].Y[i],
			"H": c.Panels[1].Series[0].Y[i], "I": c.Panels[1].Series[1].Y[i],
			"K": c.Panels[2].Series[0].Y[i], "L": c.Panels[2].Series[1].Y[i],
		} {
			if got := number(t, f, "Review", fmt.Sprintf("%s%d", col, row)); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s: Review!%s%d = %v, the chart has %v", p.Label, col, row, got, want)
			}
		}
		x, err := f.CalcCellValue("Review", fmt.Sprintf("J%d", row), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		pf, af := chart.ReviewFTE(p)
		if got, _ := strconv.ParseFloat(x, 64); math.Abs(got-(af-pf)) > 1e-9 {
			t.Errorf("%s: FTE variance computes to %s, want %v", p.Label, x, af-pf)
		}
		for col, want := range map[string]string{"D": pointsFormat, "G": pointsFormat, "J": "0.0", "M": numFmt(KindMoney, "USD")} {
			if got := numFmtOf(t, f, "Review", fmt.Sprintf("%s%d", col, row)); got != want {
				t.Errorf("%s: the variance in %s has the format %q, want %q", p.Label, col, got, want)
			}
		}
	}
	vc, err := chart.ForReviewVariance(v.Review)
	if err != nil {
		t.Fatal(err)
	}
	vp := vc.Panels[0]
	for i, fn := range vp.Categories {
		rows, _ := f.GetRows("Review")
		found := false
		for k, r := range rows {
			if len(r) > 0 && r[0] == fn {
				found = true
				if got := number(t, f, "Review", fmt.Sprintf("C%d", k+1)) - number(t, f, "Review", fmt.Sprintf("B%d", k+1)); math.Abs(got-vp.Series[0].High[i]) > 1e-9 {
					t.Errorf("%s: actual less planned %v, the chart has %v", fn, got, vp.Series[0].High[i])
				}
				break
			}
		}
		if !found {
			t.Errorf("the Review sheet has no row for %s", fn)
		}
	}
	// The page's two charts, the first as three (heart, FTE, spend), drawn
	// from the sheet's cells, not pictures of them.
	if n := len(pictures(t, f)); n != 0 {
		t.Errorf("%d pictures, want none", n)
	}
	charts := map[string]bool{}
	for _, s := range workbookSeries(t, write(t, XLSX, out)) {
		charts[s.chart] = true
	}
	if len(charts) != 4 {
		t.Errorf("%d charts, want 4: %v", len(charts), charts)
	}
	staff, _ := f.GetRows("Staff")
	want := 1
	for _, p := range v.Periods {
		want += len(p.Staff)
	}
	if len(staff) != want+1 { // the title, the header, a row per staff line
		t.Errorf("the Staff sheet has %d rows, want %d", len(staff), want+1)
	}

	page := write(t, HTML, out)
	figs := figures(t, page)
	if len(figs) != 2 || figs[0][0] != string(chart.ReviewPeriods) || figs[1][0] != string(chart.ReviewVariance) {
		t.Fatalf("figures %v", figs)
	}
	last := v.Periods[len(v.Periods)-1].Label
	for _, want := range []string{"Planned against actual, by period", last + ": FTE by function, all teams"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page has no %q", want)
		}
	}
}

// A monthly run's workbook adds the quarters' percentiles, the run's own
// (each draw rolled up before the percentiles), below the months'.
func TestRiskWorkbookQuarters(t *testing.T) {
	r, s := riskOf(t, "monthly-fiscal.yaml", plan.RiskOptions{Samples: 8, Seed: 2}, "budget.annual={low: 5.5e6, mode: 6e6, high: 6.5e6}")
	if len(r.RolledPeriods) != 6 {
		t.Fatalf("%d quarters", len(r.RolledPeriods))
	}
	f := openBook(t, write(t, XLSX, func(b *bytes.Buffer, f Format) error { return WriteRisk(b, r, s, f) }))
	for _, p := range r.RolledPeriods {
		row := findRow(t, f, "Risk", p.Label) // the quarters' scores, above their money
		shown := func(x float64) float64 { return plan.HeartShownBelow(x, r.HealthyHeart) }
		for col, want := range []float64{shown(p.Heart.P10), shown(p.Heart.P50), shown(p.Heart.P90), p.Brain.P10, p.Brain.P50, p.Brain.P90,
			p.Heart.P10, p.Heart.P50, p.Heart.P90} {
			c := 'B' + col
			if col >= 6 { // the exact hearts, M to O
				c = 'M' + col - 6
			}
			ref := fmt.Sprintf("%c%d", c, row)
			if got := number(t, f, "Risk", ref); got != want {
				t.Errorf("%s: Risk!%s = %v, want %v", p.Label, ref, got, want)
			}
		}
	}
	if row := findRow(t, f, "Risk", r.Periods[17].Label); row == 0 {
		t.Error("the months are gone")
	}
}

// A monthly review's workbook adds the re-plan by quarter below its
// months, the figures those of the page's table.
func TestReviewWorkbookQuarters(t *testing.T) {
	sp := planned(t, filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml"))
	// Four months of actuals: the plan's own staff, a tenth of the local
	// staff short in the fourth.
	var csv strings.Builder
	csv.WriteString("period,team,function,fte,spend\n")
	for t0, per := range sp.Plan.Periods[:4] {
		central := map[string]float64{}
		for _, c := range per.Cells {
			central[c.Function] += c.CentralFTE
			if l := c.LocalFTE; l > 0 {
				if t0 == 3 {
					l *= 0.9
				}
				fmt.Fprintf(&csv, "%s,%s,%s,%g,\n", per.Label, c.RegionID, c.Function, l)
			}
		}
		for _, fn := range per.Functions {
			if x := central[fn.ID]; x > 0 {
				fmt.Fprintf(&csv, "%s,central,%s,%g,\n", per.Label, fn.ID, x)
			}
		}
	}
	file := filepath.Join(t.TempDir(), "actuals.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	act, err := scenario.ReadActuals(context.Background(), file, sp.Scenario, scenario.DefaultMaxFileSize)
	if err != nil {
		t.Fatal(err)
	}
	rv, err := plan.NewReview(context.Background(), sp.Scenario, sp.Plan, act, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rv.RollUp(sp.Scenario, sp.Plan, "")
	rolled := rv.Replan.RolledPeriods
	if len(rolled) != 5 || rolled[0].Label != "FY28-Q2 (2 months)" {
		t.Fatalf("rolled re-plan %d periods", len(rolled))
	}
	v := &ReviewView{Review: rv}
	f := openBook(t, write(t, XLSX, func(b *bytes.Buffer, f Format) error { return WriteReview(b, v, f) }))
	for _, p := range rolled {
		row := findRow(t, f, "Re-plan", p.Label)
		if row == 0 {
			t.Fatalf("no %s row", p.Label)
		}
		for col, want := range []float64{p.Old.Heart, p.New.Heart, p.Old.Brain, p.New.Brain, p.Old.Spend, p.New.Spend} {
			ref := fmt.Sprintf("%c%d", 'B'+col, row)
			if got := number(t, f, "Re-plan", ref); got != want {
				t.Errorf("%s: Re-plan!%s = %v, want %v", p.Label, ref, got, want)
			}
		}
	}
	if findRow(t, f, "Re-plan", "2027-08") == 0 {
		t.Error("the months are gone")
	}
}
