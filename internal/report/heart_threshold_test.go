package report

import (
	"bytes"
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// A heart score below the healthy threshold by more than the stages hold
// a score to (plan.ScoreTol over the plan's periods) never reads as the
// threshold next to its verdict: the baseline at $5,593,030 a year has
// 2027-Q4 at 0.89999955, 4.5e-7 below 90% (ScoreTol(4) is 4.01e-7), and
// read "90.0% | no" in the plan's rows, with a note that its score "is
// 90.0% or more"; the total (0.8999998875, its tolerance ScoreTol(4)/4)
// read "90.0% | no" too, as did compare and "In short". Re-derived from
// the plan's scores: each printed heart is at the threshold only if the
// score is within its tolerance of it or above, and the note names only
// periods whose printed score is.
func TestHeartBelowHealthyBeyondTol(t *testing.T) {
	file := "../../scenarios/baseline.yaml"
	s, err := scenario.Load(file, []string{"budget.annual=5593030"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	T := len(p.Periods)
	tol := plan.ScoreTol(T)
	q4 := p.Periods[3]
	if q4.Healthy || p.HealthyHeart-q4.Heart <= tol || p.HealthyHeart-q4.Heart > heartStepTol {
		t.Fatalf("the case moved: 2027-Q4 heart %v, healthy %v, tolerance %v", q4.Heart, q4.Healthy, tol)
	}
	threshold := Percent(p.HealthyHeart)
	// A heart score not healthy prints at the threshold (or above) only
	// within tol of it (or above it), else below it.
	atThreshold := func(x, tol float64) bool { return x >= p.HealthyHeart-tol }
	var out bytes.Buffer
	if err := WritePlan(&out, p, Table); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	rowRe := regexp.MustCompile(`│ (\S+) +│[^│]*│ +([0-9.]+%) │ +(yes|no) │`)
	printed := map[string]string{}
	for _, m := range rowRe.FindAllStringSubmatch(text, -1) {
		printed[m[1]] = m[2]
	}
	check := func(where, label, got string, x float64, healthy bool, tol float64) {
		t.Helper()
		if healthy {
			return
		}
		g, _ := strings.CutSuffix(got, "%")
		v, err := strconv.ParseFloat(g, 64)
		if err != nil {
			t.Fatalf("%s %s: %q", where, label, got)
		}
		reads := v >= math.Round(1000*p.HealthyHeart)/10
		if reads != (atThreshold(x, tol) && math.Floor(1000*(x+heartStepTol)) >= math.Round(1000*p.HealthyHeart)) {
			t.Errorf("%s %s: a heart of %v (not healthy, tolerance %v) prints %s against the healthy %s", where, label, x, tol, got, threshold)
		}
	}
	for _, per := range p.Periods {
		check("plan", per.Label, printed[per.Label], per.Heart, per.Healthy, tol)
	}
	check("plan", "total", printed["total"], p.Totals.HeartMean, p.Totals.HealthyAll, tol/float64(T))
	if printed["2027-Q4"] != "89.9%" || printed["total"] != "89.9%" {
		t.Errorf("plan: 2027-Q4 %s, total %s, want 89.9%% and 89.9%%", printed["2027-Q4"], printed["total"])
	}
	// The note names the periods whose printed score reads healthy and are not.
	if m := regexp.MustCompile(`in (.+?) the score is ([0-9.]+%) or more`).FindStringSubmatch(text); m != nil {
		for _, per := range p.Periods {
			if strings.Contains(m[1], per.Label) && (per.Healthy || printed[per.Label] != threshold && len(printed[per.Label]) == len(threshold) && printed[per.Label] < threshold) {
				t.Errorf("plan: the note says %s scores %s or more; it prints %s", per.Label, m[2], printed[per.Label])
			}
		}
	}
	if m := regexp.MustCompile(`with a score of ([0-9.]+%) at its lowest \(2027-Q4\)`).FindStringSubmatch(text); m == nil || m[1] != printed["2027-Q4"] {
		t.Errorf("In short: %v, the table's 2027-Q4 %s", m, printed["2027-Q4"])
	}
	c := plan.NewComparison([]string{file}, []*scenario.Scenario{s}, []*plan.Plan{p})
	out.Reset()
	if err := WriteComparison(&out, c, Markdown); err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"heart (mean) | " + printed["total"], "heart (weakest period) | " + printed["2027-Q4"], "heart 2027-Q4 | " + printed["2027-Q4"]} {
		if !strings.Contains(squeeze(out.String()), row) {
			t.Errorf("compare: no %q in\n%s", row, out.String())
		}
	}
}

// heartAt keeps a score within the tolerance of the threshold at it, and
// any score within heartStepTol of another step at that step, as
// HeartPercent does.
func TestHeartAtSteps(t *testing.T) {
	tol := plan.ScoreTol(4)
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0.89999955, "89.9%"}, {0.9 - tol/2, "90.0%"}, {0.9, "90.0%"}, {0.9123, "91.2%"},
		{0.599999935, "60.0%"}, {0.85, "85.0%"}, {0.8999, "89.9%"}, {0.898705, "89.8%"},
	} {
		if got := heartAt(c.x, false, 0.9, tol); got != c.want {
			t.Errorf("heartAt(%v, false, 0.9, %g) = %s, want %s", c.x, tol, got, c.want)
		}
	}
	// A threshold off the printed steps reads below it likewise.
	if got := heartAt(0.904999, false, 0.905, tol); got != "90.4%" {
		t.Errorf("heartAt(0.904999, false, 0.905) = %s, want 90.4%%", got)
	}
}
