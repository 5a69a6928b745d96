package report

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// TestHealthyNoteRederived: the plan view says why a period whose heart
// score reads at the healthy heart or above is not healthy, and names the
// lowest heart function in a region among those periods, re-derived here
// from the plans' cells; it says nothing where no period reads so. The
// whole-people example as it is today read "93.4% | no" with nothing
// beside it to say why.
func TestHealthyNoteRederived(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	noteRe := regexp.MustCompile(`A (\w+) is healthy when every heart function in every region reaches ([0-9.]+%), not when its heart score does: in (.+?) the score reads ([0-9.]+%) or more, yet some heart function is below it in some region \(the lowest: (\S+) in (.+?) at ([0-9.]+%) in (\S+?)(?:, and (\d+) other heart functions? in a region as low)?\)\.`)
	said := 0
	for _, f := range files {
		s, err := scenario.Load(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*plan.Plan{plan.AsIs(s), planned(t, f).Plan} {
			var b bytes.Buffer
			if err := WritePlan(&b, p, Table); err != nil {
				t.Fatal(err)
			}
			m := noteRe.FindStringSubmatch(b.String())
			// The periods not healthy whose score prints at healthy or
			// above (rounded down, as the table prints a score that is
			// not healthy), and their lowest heart cell.
			var labels []string
			var low *plan.Cell
			var lowLabel string
			for _, per := range p.Periods {
				if per.Healthy || math.Floor(1000*(per.Heart+plan.HeartStepTol)) < math.Round(1000*p.HealthyHeart) {
					continue
				}
				labels = append(labels, per.Label)
				for i, c := range per.Cells {
					if c.Class == "heart" && c.Demand > 0 && (low == nil || c.Coverage < low.Coverage) {
						low, lowLabel = &per.Cells[i], per.Label
					}
				}
			}
			where := f + " " + p.Mode
			if low == nil {
				if m != nil || strings.Contains(b.String(), "is healthy when every heart function") {
					t.Errorf("%s: no period reads healthy and is not, yet the view says %q", where, m)
				}
				continue
			}
			if m == nil {
				t.Errorf("%s: %q read healthy and are not, and the view does not say why:\n%s", where, labels, b.String())
				continue
			}
			said++
			wantWhere := strings.Join(labels, ", ")
			if len(labels) == len(p.Periods) && len(labels) > 1 {
				wantWhere = "every " + p.Period
			}
			gotWhere := m[3]
			if gotWhere != wantWhere && !(len(labels) > 1 && gotWhere == labels[0]+" to "+labels[len(labels)-1]) && !(len(labels) == 2 && gotWhere == labels[0]+" and "+labels[1]) {
				t.Errorf("%s: the note says %q, the periods are %q", where, gotWhere, labels)
			}
			if m[1] != p.Period || m[2] != Percent(p.HealthyHeart) || m[4] != Percent(p.HealthyHeart) {
				t.Errorf("%s: the note says a %s at %s/%s, the plan has %ss at %s", where, m[1], m[2], m[4], p.Period, Percent(p.HealthyHeart))
			}
			// The cell is below healthy: printed rounded down, as the
			// coverage table prints it.
			lowShown := fmt.Sprintf("%.1f%%", math.Floor(1000*low.Coverage+1e-6)/10)
			if m[7] != lowShown || m[8] != lowLabel {
				t.Errorf("%s: the note's lowest is %s/%s at %s in %s, the cells' %s/%s at %s in %s", where, m[5], m[6], m[7], m[8], low.Function, low.Region, lowShown, lowLabel)
			}
			if c := low.Coverage; c >= p.HealthyHeart {
				t.Errorf("%s: the lowest cell %v is not below healthy", where, c)
			}
			var lowCells []plan.Cell
			for _, per := range p.Periods {
				if per.Label == lowLabel {
					lowCells = per.Cells
				}
			}
			_, others, _ := lowHeart(lowCells)
			if tied := m[9]; (others == 0) != (tied == "") || (tied != "" && tied != fmt.Sprint(others)) {
				t.Errorf("%s: the note says %q others as low, the cells of %s %d", where, tied, lowLabel, others)
			}
		}
	}
	if said == 0 {
		t.Error("no bundled plan has a period that reads healthy and is not: the note is not tested")
	}
}
