package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestReviewStaffRowsSaySomething: every staff variance row the review's
// table shows says something as printed (a figure other than 0.0), the
// rows left out are counted under their table, and JSON keeps them all.
// A monthly review of monthly-fiscal.yaml, the actuals its plan of
// record's FTE to a tenth, listed EMEA's Sales reporting in 2027-05 at
// "0.0 | 0.0 | 0.0" (0.006 FTE planned, none in seat).
func TestReviewStaffRowsSaySomething(t *testing.T) {
	v := reviewToTenths(t)
	rv := v.Review
	text := reviewText(t, v, Table)
	md := reviewText(t, v, Markdown)
	hiddenAll := 0
	for _, p := range rv.Periods {
		// The rows that print as nothing, re-derived from the figures.
		hidden := 0
		for _, st := range p.Staff {
			if math.Abs(st.Planned) < 0.05 && math.Abs(st.Actual) < 0.05 {
				hidden++
			}
		}
		hiddenAll += hidden
		part := text[strings.Index(text, p.Label+": planned against actual"):]
		teams, _ := tableColumn(t, part, "Team", 0)
		_, planned := tableColumn(t, part, "Team", 2)
		_, actual := tableColumn(t, part, "Team", 3)
		_, variance := tableColumn(t, part, "Team", 4)
		if len(teams) != len(p.Staff)-hidden {
			t.Errorf("%s: %d staff rows shown, want %d of %d", p.Label, len(teams), len(p.Staff)-hidden, len(p.Staff))
		}
		for i := range teams {
			if planned[i] == "0.0" && actual[i] == "0.0" && variance[i] == "0.0" {
				t.Errorf("%s: %s row prints 0.0 | 0.0 | 0.0", p.Label, teams[i])
			}
		}
		var note string
		switch {
		case hidden == 1:
			note = "1 team and function whose planned and actual FTE are both under 0.05 (each prints 0.0) is left out; JSON and CSV carry its figures."
		case hidden > 1:
			note = fmt.Sprintf("%d teams and functions whose planned and actual FTE are both under 0.05 (each prints 0.0) are left out; JSON and CSV carry their figures.", hidden)
		}
		// This period's part ends where the next one's, or the re-plan,
		// starts.
		head := len(p.Label + ": planned against actual")
		end := strings.Index(part[head:], "planned against actual")
		if end < 0 {
			end = strings.Index(part, "The rest of the horizon")
		} else {
			end += head
		}
		own := part[:end]
		if note != "" && !strings.Contains(own, note) {
			t.Errorf("%s: no note %q under its staff table:\n%s", p.Label, note, own)
		}
		if note != "" && !strings.Contains(md, note) {
			t.Errorf("%s: Markdown lacks %q", p.Label, note)
		}
		if note == "" && strings.Contains(own, " left out; JSON and CSV carry") {
			t.Errorf("%s: a note without rows left out", p.Label)
		}
	}
	if hiddenAll == 0 {
		t.Fatal("the case has no row that prints 0.0 | 0.0 | 0.0: it tests nothing")
	}
	// JSON keeps every row.
	var got struct {
		Periods []struct {
			Staff []json.RawMessage `json:"staff"`
		} `json:"periods"`
	}
	if err := json.Unmarshal([]byte(reviewText(t, v, JSON)), &got); err != nil {
		t.Fatal(err)
	}
	for i, p := range rv.Periods {
		if len(got.Periods[i].Staff) != len(p.Staff) {
			t.Errorf("%s: JSON has %d staff rows, want %d", p.Label, len(got.Periods[i].Staff), len(p.Staff))
		}
	}
}

// reviewToTenths is a monthly review of monthly-fiscal.yaml over two
// months whose actuals are the plan of record's FTE to a tenth, as people
// are counted: some of its staff rows print 0.0 | 0.0 | 0.0.
func reviewToTenths(t *testing.T) *ReviewView {
	t.Helper()
	s, rec, rv := reviewAsPlanned(t, "monthly-fiscal.yaml", 2, func(_ int, central []float64, local [][]float64) {
		for f := range central {
			central[f] = math.Round(10*central[f]) / 10
			for r := range local {
				local[r][f] = math.Round(10*local[r][f]) / 10
			}
		}
	})
	rv.RollUp(s, rec, "")
	return &ReviewView{Review: rv, PlanOfRecord: "plan.json"}
}

// TestReviewXLSXStaffRowsSaySomething: the workbook's Staff sheet shows
// the staff rows the text view's tables show, none that reads 0.0 | 0.0 |
// 0.0, and counts the rows left out by period as the text does. In
// earlier versions it listed every row, 2027-05's EMEA Sales reporting
// among them at 0.0 | 0.0 | 0.0.
func TestReviewXLSXStaffRowsSaySomething(t *testing.T) {
	v := reviewToTenths(t)
	f := reviewBook(t, v)
	const sheet = "Staff"
	head := findRow(t, f, sheet, "period")
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]int{}
	for r := head + 1; r <= len(rows) && len(rows[r-1]) > 1; r++ {
		shown[rows[r-1][0]]++
		var cells []string
		for _, c := range []string{"D", "E", "F"} {
			cells = append(cells, shownCell(t, f, sheet, fmt.Sprint(c, r)))
		}
		if cells[0] == "0.0" && cells[1] == "0.0" && (cells[2] == "0.0" || cells[2] == "-0.0") {
			t.Errorf("row %d (%q) shows 0.0 | 0.0 | 0.0", r, rows[r-1][:3])
		}
	}
	var all string
	for _, r := range rows {
		all += strings.Join(r, " ") + "\n"
	}
	hiddenAll := 0
	for _, p := range v.Periods {
		// The text view's rows, read off its table.
		text := reviewText(t, v, Table)
		part := text[strings.Index(text, p.Label+": planned against actual"):]
		teams, _ := tableColumn(t, part, "Team", 0)
		if shown[p.Label] != len(teams) {
			t.Errorf("%s: %d staff rows on the sheet, the text view's table %d", p.Label, shown[p.Label], len(teams))
		}
		hidden := len(p.Staff) - len(teams)
		hiddenAll += hidden
		if note := staffLeftOutNote(hidden); note != "" && !strings.Contains(all, p.Label+": "+note) {
			t.Errorf("%s: no note %q on the Staff sheet", p.Label, note)
		}
	}
	if hiddenAll == 0 {
		t.Fatal("the case has no row that prints 0.0 | 0.0 | 0.0: it tests nothing")
	}
}
