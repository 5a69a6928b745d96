package report

import (
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// The review's re-plan table marks a weakest heart cell at its floor "!"
// as diff's table does (TestDiffWeakestAtFloor), with the note saying
// what it means: shrinking-budget's last quarters have Proposals at its
// floor of 60%, which the table named without the mark.
func TestReviewReplanFloorMarks(t *testing.T) {
	// Two quarters of actuals as planned.
	_, _, rv := reviewAsPlanned(t, "shrinking-budget.yaml", 2, nil)
	text := reviewText(t, &ReviewView{Review: rv, PlanOfRecord: "plan.json"}, Table)
	part := text[strings.Index(text, "The rest of the horizon, re-planned"):]
	labels, cells := tableColumn(t, part, "Period", 3)
	marked := 0
	for i, label := range labels {
		var w *plan.Cell
		for _, per := range rv.Replan.Plan.Periods {
			if per.Label == label {
				w = per.WeakestHeart
			}
		}
		if w == nil {
			t.Fatalf("no re-planned period %s", label)
		}
		words := strings.Split(cells[i], " → ")
		newWords := words[len(words)-1]
		all := strings.HasPrefix(newWords, "every heart function")
		atFloor := !all && w.MinCoverage > 0 && w.Coverage <= w.MinCoverage+1e-6
		if got := strings.Contains(newWords, " !"); got != atFloor {
			t.Errorf("%s: %q marked %v, the re-plan's weakest %s/%s at %v with a floor of %v", label, newWords, got, w.Function, w.Region, w.Coverage, w.MinCoverage)
		}
		if atFloor {
			marked++
		}
	}
	if marked == 0 {
		t.Fatalf("no re-planned quarter has its weakest cell at its floor: the test no longer tests the mark\n%s", part)
	}
	if !strings.Contains(part, floorMarkNote) {
		t.Errorf("the re-plan table marks %d cells without saying what the mark means", marked)
	}
}
