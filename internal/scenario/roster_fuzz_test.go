package scenario

import (
	"math"
	"testing"
)

// FuzzRoster feeds the roster reader arbitrary bytes: it never panics,
// every diagnostic is placed in the roster file, and a roster it accepts
// gives each person at most 1 FTE and one cost_per_year, on one line per
// team and function of the scenario, adding up to the teams' current FTE.
func FuzzRoster(f *testing.F) {
	for _, seed := range []string{
		"person,team,function,fte,cost_per_year\nann,central,quotas,1,120000\n",
		"\uFEFFperson;team;function;fte\nann;EMEA;quotas;0,5\nann;emea;reporting;0,5\n",
		"person,team,function\n\"a, b\",central,\"quotas\"\n,,\n",
		"person,team,function\nann,central,\"quotas\n",
		"person,team,function,fte\nann,central,quotas,NaN\nbob,central,quotas,1e309\n",
		"",
		"\n\n;;\n",
		"person,team,function,fte,cost_per_year\nann,central,quotas,0.5,1\nann,central,quotas,0.5,2\nann,emea,quotas,0.5,2\n",
	} {
		f.Add([]byte(seed))
	}
	s := mustLoad(f, "t.yaml", baseDoc)
	f.Fuzz(func(t *testing.T, data []byte) {
		c := *s
		c.Central.CurrentFTE = nil
		c.Regions = append([]Region(nil), s.Regions...)
		rows, ds := parseRoster("team.csv", data, &c)
		for _, d := range ds {
			if d.File != "team.csv" || d.Line < 0 || d.Col < 0 || d.Message == "" {
				t.Fatalf("misplaced diagnostic %+v", d)
			}
		}
		if ds.HasErrors() {
			return
		}
		if len(rows) == 0 {
			t.Fatal("no rows and no error")
		}
		person := map[string]float64{}
		cost := map[string]float64{}
		listed := map[rosterKey]bool{}
		var total float64
		for _, r := range rows {
			k := rosterKey{r.person, r.team, r.function}
			if listed[k] {
				t.Fatalf("%+v listed twice", k)
			}
			listed[k] = true
			if c, ok := cost[r.person]; ok && !math.IsNaN(r.cost) && c != r.cost {
				t.Fatalf("%q at %v and %v", r.person, c, r.cost)
			} else if !ok && !math.IsNaN(r.cost) {
				cost[r.person] = r.cost
			}
			if !(r.fte > 0 && r.fte <= 1) || r.person == "" || c.FunctionIndex(r.function) < 0 || r.team < -1 || r.team >= len(c.Regions) {
				t.Fatalf("bad row %+v", r)
			}
			if !math.IsNaN(r.cost) && (r.cost < 0 || r.cost > maxMagnitude) {
				t.Fatalf("bad cost %+v", r)
			}
			person[r.person] += r.fte
			total += r.fte
		}
		for p, v := range person {
			if v > 1+fteTol {
				t.Fatalf("%q has %v FTE", p, v)
			}
		}
		applyRoster(&c, rows)
		got := c.Central.CurrentTotal()
		for _, r := range c.Regions {
			got += r.CurrentTotal()
		}
		if math.Abs(got-total) > 1e-9*math.Max(1, total) {
			t.Fatalf("teams hold %v FTE, the rows %v", got, total)
		}
	})
}
