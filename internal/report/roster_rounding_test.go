package report

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestRosterSentencesRedo re-derives the roster sentences of In short
// from their printed figures: the count times the roster's average less a
// new hire's is the saving, the count times the one-time cost per FTE is
// the cost of replacing them, its parts add up to it, and one FTE's saving
// is the average less a new hire's. A sentence whose figures do not redo
// so says "each figure rounded on its own", and one whose figures redo
// does not. hiring-costs.yaml printed "0.2 FTE ... $120k ... $126k
// ($1,265 a year less ..., against $885 once ...: $4,000 per FTE" and
// "$126k against $120k ... $5,714 a year saved" (0.221 FTE at $125,714)
// without a word.
func TestRosterSentencesRedo(t *testing.T) {
	const money = `(\$[0-9.,]+[kM]?)`
	replaced := regexp.MustCompile(`replaces (?:a total of )?([0-9.]+|less than 0\.1) (?:FTE of its roster|roster people|roster person) by [^,]*, at ` + money +
		` a year(?: per FTE| each)? against the roster's average of ` + money + ` \(` + money + ` a year less once [^,;)]* replaced` +
		`(?:, against ` + money + ` once to replace them: ` + money + ` per (?:FTE|person)([^;)]*))?(; each figure rounded on its own)?\)`)
	kept := regexp.MustCompile(`keeps ([0-9.]+|less than 0\.1) (?:FTE of its roster|roster people|roster person) to the end, at the roster's average of ` + money +
		` a year against ` + money + ` for a new hire: replacing one \w+ would cost ` + money + ` once \(([^)]*)\) against ` + money + ` a year saved( \(each figure rounded on its own)?`)
	amounts := regexp.MustCompile(money)
	seen := map[string]int{}
	type source struct {
		file string
		sets []string
		p    *plan.Plan // instead of file: claims whose figures redo
	}
	// Claims whose printed figures redo: 4 people at $172k against $150k
	// save $88.0k; 3 FTE at $4,000 once cost $12.0k; $126k against $120k
	// save $6,000.
	redo := &plan.Plan{Currency: "USD", Mode: plan.ModeOptimized, Period: "quarter", HealthyHeart: 0.9}
	for _, l := range []string{"2027-Q1", "2027-Q2", "2027-Q3"} {
		redo.Periods = append(redo.Periods, plan.Period{Label: l, Regions: []plan.Region{{Name: "North"}}})
	}
	redo.Claims = []plan.Finding{{Kind: plan.KindHeartHealthy, Numbers: map[string]float64{"heart": 0.9}}, {Kind: plan.KindNoLimitBinds},
		{Kind: plan.KindRosterReplaced, Team: "central", Periods: []string{"2027-Q1", "2027-Q2"},
			Numbers: map[string]float64{"people": 4, "kept_cost_per_fte": 172000, "new_cost_per_fte": 150000, "saving_per_year": 88000}},
		{Kind: plan.KindRosterReplaced, Team: "North", Periods: []string{"2027-Q2"},
			Numbers: map[string]float64{"fte": 3, "kept_cost_per_fte": 126000, "new_cost_per_fte": 120000, "saving_per_year": 18000, "hire_cost": 2500, "exit_cost": 1500, "replace_cost": 12000}},
		{Kind: plan.KindRosterKept, Team: "North", Period: "2027-Q3",
			Numbers: map[string]float64{"fte": 3.3, "kept_cost_per_fte": 126000, "new_cost_per_fte": 120000, "hire_cost": 2000, "exit_cost": 2000}},
	}
	for _, c := range []source{
		{file: "hiring-costs.yaml"},
		{file: "roster.yaml"},
		{file: "hiring-costs.yaml", sets: []string{"policy.whole_people=true"}},
		{file: "roster.yaml", sets: []string{"policy.whole_people=true"}},
		{file: "claims whose figures redo", p: redo},
	} {
		pl := c.p
		if pl == nil {
			pl = planned(t, filepath.Join("..", "..", "scenarios", c.file), c.sets...).Plan
		}
		cur := pl.Currency
		cash := func(x float64) string { return plan.FormatMoney(cur, x) }
		val := func(s string) float64 { return parseMoney(t, s) }
		// parts adds up the amounts of "($2,000 to hire, $2,000 to let
		// go)" as printed; true where there is one or none.
		parts := func(s, total string) bool {
			as := amounts.FindAllString(s, -1)
			if len(as) < 2 {
				return true
			}
			return cash(val(as[0])+val(as[1])) == total
		}
		text := strings.Join(Narrative(pl), " ")
		where := c.file + " " + strings.Join(c.sets, " ")
		for _, m := range replaced.FindAllStringSubmatch(text, -1) {
			seen["replaced"]++
			redo := true
			if k, err := strconv.ParseFloat(m[1], 64); err == nil {
				redo = cash(k*(val(m[3])-val(m[2]))) == m[4]
				if m[5] != "" {
					redo = redo && cash(k*val(m[6])) == m[5] && parts(m[7], m[6])
				}
			}
			if noted := m[8] != ""; noted == redo {
				t.Errorf("%s: the figures redo: %v, the sentence says they are rounded: %v:\n%s", where, redo, noted, m[0])
			}
			if m[8] != "" {
				seen["replaced noted"]++
			}
		}
		for _, m := range kept.FindAllStringSubmatch(text, -1) {
			seen["kept"]++
			redo := cash(val(m[2])-val(m[3])) == m[6] && parts(m[5], m[4])
			if noted := m[7] != ""; noted == redo {
				t.Errorf("%s: the figures redo: %v, the sentence says they are rounded: %v:\n%s", where, redo, noted, m[0])
			}
			if m[7] != "" {
				seen["kept noted"]++
			}
		}
		if n := strings.Count(text, " replaces ") + strings.Count(text, " keeps "); n != seen["replaced"]+seen["kept"]-seen["counted"] {
			t.Errorf("%s: %d roster sentences, %d read:\n%s", where, n, seen["replaced"]+seen["kept"]-seen["counted"], text)
		}
		seen["counted"] = seen["replaced"] + seen["kept"]
	}
	if seen["replaced noted"] == 0 || seen["kept noted"] == 0 || seen["replaced"] == seen["replaced noted"] || seen["kept"] == seen["kept noted"] {
		t.Errorf("the cases do not cover both kinds, noted and not: %v", seen)
	}
}
