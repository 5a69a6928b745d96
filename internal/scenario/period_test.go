package scenario

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// horizonDoc replaces the test scenario's horizon.
func horizonDoc(t *testing.T, horizon string) string {
	t.Helper()
	return edit(t, "horizon:\n  start: 2027-Q1\n  periods: 4\n", "horizon: "+horizon+"\n")
}

func TestMonthAndFiscalLabels(t *testing.T) {
	for _, c := range []struct {
		horizon string
		want    []string
	}{
		{"{start: 2027-11, periods: 4, period: month}", []string{"2027-11", "2027-12", "2028-01", "2028-02"}},
		{"{start: 2027-01, periods: 2}", []string{"2027-01", "2027-02"}},
		// FY28 runs from April 2027 to March 2028.
		{"{start: FY28-Q1, periods: 5, fiscal_year_start: 4}", []string{"FY28-Q1", "FY28-Q2", "FY28-Q3", "FY28-Q4", "FY29-Q1"}},
		{"{start: FY28-Q3, periods: 3, fiscal_year_start: 4}", []string{"FY28-Q3", "FY28-Q4", "FY29-Q1"}},
		{"{start: FY2028, periods: 2, fiscal_year_start: 7}", []string{"FY28", "FY29"}},
		// With a January fiscal year, FY27 is the calendar year 2027.
		{"{start: FY27, periods: 2, fiscal_year_start: 1}", []string{"FY27", "FY28"}},
		// Months keep their calendar names under a fiscal year.
		{"{start: 2027-04, periods: 2, fiscal_year_start: 4}", []string{"2027-04", "2027-05"}},
		// Fiscal years crossing a century keep four digits, to stay unique.
		{"{start: FY2099, periods: 2, fiscal_year_start: 10, period: year}", []string{"FY2099", "FY2100"}},
		// Outside the 2000s too: a two-digit year reads as of the 2000s,
		// so FY50 would name 1950, 2050 and 2150 alike.
		{"{start: FY2150-Q4, periods: 2, fiscal_year_start: 4}", []string{"FY2150-Q4", "FY2151-Q1"}},
		{"{start: FY1950, periods: 2, fiscal_year_start: 4, period: year}", []string{"FY1950", "FY1951"}},
	} {
		s := mustLoad(t, "t.yaml", horizonDoc(t, c.horizon))
		if s.Periods() != len(c.want) {
			t.Fatalf("%s: %d periods, want %d", c.horizon, s.Periods(), len(c.want))
		}
		for i, want := range c.want {
			if got := s.PeriodLabel(i); got != want {
				t.Errorf("%s: PeriodLabel(%d) = %s, want %s", c.horizon, i, got, want)
			}
		}
	}
}

func TestFiscalStartMonth(t *testing.T) {
	for _, c := range []struct {
		horizon     string
		t           int
		year, month int
	}{
		{"{start: FY28-Q1, periods: 8, fiscal_year_start: 4}", 0, 2027, 4},
		{"{start: FY28-Q1, periods: 8, fiscal_year_start: 4}", 3, 2028, 1},
		{"{start: FY28-Q2, periods: 8, fiscal_year_start: 10}", 0, 2028, 1},
		{"{start: FY28, periods: 2, fiscal_year_start: 7}", 1, 2028, 7},
		{"{start: 2027-12, periods: 3}", 2, 2028, 2},
		{"{start: 2027-Q4, periods: 3}", 1, 2028, 1},
		// Either case, as the fiscal forms always were read: 2027-q4 was
		// refused while fy28-q1 loaded.
		{"{start: 2027-q4, periods: 3}", 1, 2028, 1},
		{"{start: fy28-q2, periods: 8, fiscal_year_start: 10}", 0, 2028, 1},
	} {
		s := mustLoad(t, "t.yaml", horizonDoc(t, c.horizon))
		if y, m := s.PeriodStartMonth(c.t); y != c.year || m != c.month {
			t.Errorf("%s: period %d starts %d-%02d, want %d-%02d", c.horizon, c.t, y, m, c.year, c.month)
		}
	}
}

func TestGroupLabel(t *testing.T) {
	// Months from February 2027 under an April fiscal year: February and
	// March close FY27, April opens FY28.
	s := mustLoad(t, "t.yaml", horizonDoc(t, "{start: 2027-02, periods: 5, fiscal_year_start: 4}"))
	wantQ := []string{"FY27-Q4", "FY27-Q4", "FY28-Q1", "FY28-Q1", "FY28-Q1"}
	wantY := []string{"FY27", "FY27", "FY28", "FY28", "FY28"}
	for i := range 5 {
		if got := s.GroupLabel(i, Quarter); got != wantQ[i] {
			t.Errorf("GroupLabel(%d, quarter) = %s, want %s", i, got, wantQ[i])
		}
		if got := s.GroupLabel(i, Year); got != wantY[i] {
			t.Errorf("GroupLabel(%d, year) = %s, want %s", i, got, wantY[i])
		}
		if got := s.GroupLabel(i, Month); got != s.PeriodLabel(i) {
			t.Errorf("GroupLabel(%d, month) = %s, want the period's own label", i, got)
		}
	}
	if s.GroupSize(Quarter) != 3 || s.GroupSize(Year) != 12 {
		t.Errorf("group sizes %d, %d, want 3, 12", s.GroupSize(Quarter), s.GroupSize(Year))
	}
	// Calendar months roll up to calendar quarters.
	c := mustLoad(t, "t.yaml", horizonDoc(t, "{start: 2027-03, periods: 2}"))
	if a, b := c.GroupLabel(0, Quarter), c.GroupLabel(1, Quarter); a != "2027-Q1" || b != "2027-Q2" {
		t.Errorf("calendar quarters %s, %s, want 2027-Q1, 2027-Q2", a, b)
	}
}

func TestMonthlyGrowthCompoundsPerMonth(t *testing.T) {
	s := mustLoad(t, "t.yaml", edit(t, "annual: 1000000\n", "annual: 1200000\n  change_per_year: 0.1\n"),
		"horizon.start=2027-01", "horizon.periods=13", "regions[0].seller_growth_per_year=0.2")
	if got := s.PeriodFraction(); !near(got, 1.0/12) {
		t.Fatalf("PeriodFraction = %v, want 1/12", got)
	}
	// Month 0: $100,000; month 12, a year on: $110,000; month 6: 100,000 x 1.1^0.5.
	for _, c := range []struct {
		t    int
		want float64
	}{{0, 100000}, {6, 100000 * math.Sqrt(1.1)}, {12, 110000}} {
		if got := s.PeriodBudget(c.t); !near(got, c.want) {
			t.Errorf("month %d budget = %v, want %v", c.t, got, c.want)
		}
	}
	if got := s.Sellers(0, 12); !near(got, 120) {
		t.Errorf("sellers a year on = %v, want 100 x 1.2 = 120", got)
	}
}

func TestHorizonRules(t *testing.T) {
	for _, c := range []struct{ name, horizon, want string }{
		{"fiscal start without fiscal_year_start", "{start: FY28-Q1, periods: 4}",
			`horizon.start: FY28-Q1 names a fiscal quarter: give horizon.fiscal_year_start, the month (1-12) the fiscal year starts in`},
		{"calendar quarter under a fiscal year", "{start: 2027-Q2, periods: 4, fiscal_year_start: 4}",
			`horizon.start: with fiscal_year_start, quarters are fiscal: write start as FY28-Q1 (which starts in April 2027), or a month such as 2027-04`},
		{"January quarter under an April fiscal year", "{start: 2027-Q1, periods: 4, fiscal_year_start: 4}",
			`horizon.start: with fiscal_year_start, quarters are fiscal: write start as FY27-Q4 (which starts in January 2027), or a month such as 2027-01`},
		{"calendar year under a fiscal year", "{start: 2027, periods: 2, fiscal_year_start: 7}",
			`horizon.start: with fiscal_year_start, years are fiscal: write start as FY28 (which starts in July 2027), or a month such as 2027-07`},
		{"fiscal_year_start range", "{start: 2027-01, periods: 4, fiscal_year_start: 13}",
			`horizon.fiscal_year_start: 13 is out of range: fiscal_year_start must be between 1 and 12`},
		{"month out of range", "{start: 2027-13, periods: 4}", `horizon.start: expected a month such as 2027-01`},
		{"month period mismatch", "{start: 2027-01, periods: 4, period: quarter}",
			`horizon.period: period is quarter but start 2027-01 is a month: write start: 2027-Q1, or period: month`},
		{"quarter asked for months", "{start: 2027-Q1, periods: 4, period: month}",
			`horizon.period: period is month but start 2027-Q1 is a quarter: write start: 2027-01, or period: quarter`},
		{"fiscal quarter asked for months", "{start: FY28-Q1, periods: 4, period: month, fiscal_year_start: 4}",
			`horizon.period: period is month but start FY28-Q1 is a quarter: write start: 2027-04, or period: quarter`},
		{"May asked for quarters", "{start: 2027-05, periods: 4, period: quarter}",
			`horizon.period: period is quarter but start 2027-05 is a month: write start: 2027-Q2, or period: month`},
		{"fiscal year asked for quarters", "{start: FY28, periods: 4, period: quarter, fiscal_year_start: 4}",
			`horizon.period: period is quarter but start FY28 is a year: write start: FY28-Q1, or period: year`},
	} {
		if got := loadErr(t, "t.yaml", horizonDoc(t, c.horizon)); !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want %s", c.name, got, c.want)
		}
	}
}

// The bundled monthly-fiscal.yaml's comment gives its budget per fiscal
// year as the plan has it: budget.annual is the yearly rate at the
// horizon's start, so FY28 gets more than it (the comment said "$6.5M a
// fiscal year", while FY28 gets $6.62M).
func TestMonthlyFiscalCommentFigures(t *testing.T) {
	file := filepath.Join("..", "..", "scenarios", "monthly-fiscal.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var comment []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "#") {
			break
		}
		comment = append(comment, strings.TrimSpace(strings.TrimPrefix(l, "#")))
	}
	text := strings.Join(comment, " ")
	s, err := Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	years := map[string]float64{}
	for p := range s.Periods() {
		years[s.GroupLabel(p, Year)] += s.PeriodBudget(p)
	}
	millions := func(x float64) string { return fmt.Sprintf("$%.2fM", x/1e6) }
	for _, want := range []string{
		fmt.Sprintf("$%.1fM a year at the start", s.Budget.Annual/1e6),
		"FY28 gets " + millions(years["FY28"]),
		"first half of FY29 " + millions(years["FY29"]),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the comment lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "a fiscal year growing") {
		t.Errorf("the comment gives annual as a fiscal year's budget:\n%s", text)
	}
}
