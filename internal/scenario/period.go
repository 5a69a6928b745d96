package scenario

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Months is the number of months in one period of kind k: 1, 3 or 12.
func (k PeriodKind) Months() int {
	switch k {
	case Month:
		return 1
	case Quarter:
		return 3
	}
	return 12
}

// startForms are the ways horizon.start is written. The form gives the
// kind of period; the FY forms name fiscal years and need
// horizon.fiscal_year_start.
var (
	yearRE          = regexp.MustCompile(`^(\d{4})$`)
	quarterRE       = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)
	monthRE         = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	fiscalYearRE    = regexp.MustCompile(`^FY(\d{2}|\d{4})$`)
	fiscalQuarterRE = regexp.MustCompile(`^FY(\d{2}|\d{4})-Q([1-4])$`)
)

// parsedStart is horizon.start read: the year and index as written, the
// kind of period it implies and whether it names a fiscal year.
type parsedStart struct {
	text        string
	year, index int
	kind        PeriodKind
	fiscal      bool
}

// parseStart reads a start as written; ok is false when it has none of
// the forms. A two-digit fiscal year is of the 2000s: FY28 is 2028.
func parseStart(s string) (parsedStart, bool) {
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	fy := func(x string) int {
		n := atoi(x)
		if len(x) == 2 {
			n += 2000
		}
		return n
	}
	u := strings.ToUpper(s)
	switch {
	case yearRE.MatchString(s):
		return parsedStart{year: atoi(s), index: 1, kind: Year}, true
	case quarterRE.MatchString(u): // 2027-q1 as FY28-q1 is: any case
		m := quarterRE.FindStringSubmatch(u)
		return parsedStart{year: atoi(m[1]), index: atoi(m[2]), kind: Quarter}, true
	case monthRE.MatchString(s):
		m := monthRE.FindStringSubmatch(s)
		if mo := atoi(m[2]); mo >= 1 && mo <= 12 {
			return parsedStart{year: atoi(m[1]), index: mo, kind: Month}, true
		}
	case fiscalYearRE.MatchString(u):
		m := fiscalYearRE.FindStringSubmatch(u)
		return parsedStart{year: fy(m[1]), index: 1, kind: Year, fiscal: true}, true
	case fiscalQuarterRE.MatchString(u):
		m := fiscalQuarterRE.FindStringSubmatch(u)
		return parsedStart{year: fy(m[1]), index: atoi(m[2]), kind: Quarter, fiscal: true}, true
	}
	return parsedStart{}, false
}

// fiscalStart is the month the fiscal year starts in: 1 (January) for a
// calendar horizon.
func (h Horizon) fiscalStart() int {
	if h.FiscalYearStart < 1 {
		return 1
	}
	return h.FiscalYearStart
}

// firstMonth is the month the horizon starts in, counted from year 0
// (year*12 + month - 1). A fiscal year is named after the calendar year
// it ends in: with fiscal_year_start 4, FY28 runs from April 2027 to
// March 2028.
func (h Horizon) firstMonth() int {
	fs := h.fiscalStart()
	switch h.Period {
	case Month:
		return h.StartYear*12 + h.StartIndex - 1
	case Quarter:
		if h.FiscalYearStart > 0 {
			return fiscalYearMonth(h.StartYear, fs) + 3*(h.StartIndex-1)
		}
		return h.StartYear*12 + 3*(h.StartIndex-1)
	}
	if h.FiscalYearStart > 0 {
		return fiscalYearMonth(h.StartYear, fs)
	}
	return h.StartYear * 12
}

// fiscalYearMonth is the month fiscal year fy starts in, counted from
// year 0.
func fiscalYearMonth(fy, start int) int {
	if start == 1 {
		return fy * 12
	}
	return (fy-1)*12 + start - 1
}

// PeriodStartMonth is the calendar year and month (1..12) period t
// (0-based) starts in.
func (s *Scenario) PeriodStartMonth(t int) (year, month int) {
	m := s.Horizon.firstMonth() + t*s.Horizon.Period.Months()
	return m / 12, m%12 + 1
}

// YearStart is the calendar year and month (1..12) the year that period
// t (0-based) falls in starts in: its fiscal year under
// fiscal_year_start (with 4, month 2027-05 is in FY28, from 2027-04),
// else its calendar year.
func (s *Scenario) YearStart(t int) (year, month int) {
	m := s.Horizon.firstMonth() + t*s.Horizon.Period.Months()
	m -= ((m-(s.Horizon.fiscalStart()-1))%12 + 12) % 12
	return m / 12, m%12 + 1
}

// fiscalOf places an absolute month in its fiscal (or, for a calendar
// horizon, calendar) year and quarter: the year named as labels name it,
// and the quarter 1..4.
func (h Horizon) fiscalOf(m int) (year, quarter int) {
	fs := h.fiscalStart()
	off := m - (fs - 1) // months since the start of a fiscal year, counted from year 0
	year = off / 12
	if fs > 1 {
		year++ // named after the calendar year it ends in
	}
	return year, (off%12)/3 + 1
}

// yearName writes a year as labels do: 2027, or FY27 under a fiscal
// year (fiscalYearName: four digits outside the 2000s, as a two-digit one
// reads as 20xx), and four digits for every year of a horizon whose fiscal
// years cross a century (FY2099, FY2100), so that its labels stay alike.
func (s *Scenario) yearName(y int) string {
	h := s.Horizon
	if h.FiscalYearStart == 0 {
		return strconv.Itoa(y)
	}
	first, _ := h.fiscalOf(h.firstMonth())
	last, _ := h.fiscalOf(h.firstMonth() + h.Periods*h.Period.Months() - 1)
	if first/100 != last/100 {
		return fmt.Sprintf("FY%04d", y)
	}
	return fiscalYearName(y)
}

// fiscalYearName writes one fiscal year as a start may give it: FY28 in
// the 2000s, else with four digits (FY50 named 1950, 2050 and 2150 alike,
// and did not read back as its year).
func fiscalYearName(y int) string {
	if y/100 == 20 {
		return fmt.Sprintf("FY%02d", y%100)
	}
	return fmt.Sprintf("FY%04d", y)
}

// GroupLabel names the period of kind k that period t (0-based) falls in:
// for a monthly horizon with fiscal_year_start 4, month 2027-05 is in
// quarter FY28-Q1 and year FY28. k must be at least as long as the
// horizon's periods; a shorter k gives the period's own label.
func (s *Scenario) GroupLabel(t int, k PeriodKind) string {
	if k.Months() <= s.Horizon.Period.Months() {
		return s.PeriodLabel(t)
	}
	m := s.Horizon.firstMonth() + t*s.Horizon.Period.Months()
	return s.monthGroupLabel(m, k)
}

func (s *Scenario) monthGroupLabel(m int, k PeriodKind) string {
	switch k {
	case Month:
		return fmt.Sprintf("%04d-%02d", m/12, m%12+1)
	case Quarter:
		y, q := s.Horizon.fiscalOf(m)
		return fmt.Sprintf("%s-Q%d", s.yearName(y), q)
	}
	y, _ := s.Horizon.fiscalOf(m)
	return s.yearName(y)
}

// GroupSize is the number of the horizon's periods a period of kind k
// holds when the horizon covers it whole: 3 months to a quarter.
func (s *Scenario) GroupSize(k PeriodKind) int {
	return max(1, k.Months()/s.Horizon.Period.Months())
}

// startAs writes the start of kind k that holds the horizon's first
// month, for messages: 2027-05 as a quarter is 2027-Q2, FY28-Q1 (with
// fiscal_year_start 4) as a month 2027-04.
func (h Horizon) startAs(k PeriodKind, fiscal bool) string {
	if fiscal && h.FiscalYearStart == 0 {
		h.FiscalYearStart = 1 // reported: an FY start needs fiscal_year_start
	}
	s := &Scenario{Horizon: h}
	s.Horizon.Periods = 1
	return s.monthGroupLabel(h.firstMonth(), k)
}

// monthName is a calendar month's English name, for messages.
func monthName(m int) string {
	return [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}[(m-1+1200)%12]
}
