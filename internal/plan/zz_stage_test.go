package plan

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
	"math"
)

func TestZZStages(t *testing.T) {
	file := os.Getenv("ZZFILE")
	if file == "" {
		t.Skip()
	}
	s, err0 := scenario.Load(file, nil)
	if err0 != nil {
		t.Fatal(err0)
	}
	last := time.Now()
	t0 := last
	cur := ""
	n := 0
	var seq []string
	opt := solve.Options{Progress: func(name string) {
		now := time.Now()
		if name != cur {
			if cur != "" {
				fmt.Printf("  %s: %d LPs\n", cur, n)
			}
			cur, n = name, 0
		}
		n++
		seq = append(seq, fmt.Sprintf("%s %.3f", name, now.Sub(last).Seconds()))
		last = now
	}}
	p, err := Optimize(context.Background(), s, solve.Revised{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("  %s: %d LPs\n", cur, n)
	for _, l := range seq {
		fmt.Println(l)
	}
	fmt.Println("total", time.Since(t0), p.Status)
}

func TestZZGen(t *testing.T) {
	for _, c := range []struct {
		n, p int
		m    bool
	}{{10, 8, false}} {
		name := fmt.Sprintf("/tmp/ent-%d-%d-%v.yaml", c.n, c.p, c.m)
		if err := os.WriteFile(name, []byte(enterpriseYAML(c.n, c.p, c.m)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestZZTight(t *testing.T) {
	for _, file := range []string{"testdata/enterprise-months.yaml", "/tmp/ent-20-24-true.yaml", "/tmp/ent-20-12-true.yaml", "testdata/enterprise.yaml", "/tmp/ent-20-36-false.yaml", "/tmp/ent-40-12-false.yaml", "/tmp/ent-40-28-false.yaml", "testdata/large.yaml", "testdata/typical.yaml"} {
		s, err := scenario.Load(file, nil)
		if err != nil {
			t.Fatal(err)
		}
		m := model.Build(s)
		res, err := solve.Lexicographic(context.Background(), m.Problem, m.Objectives()[:1], solve.Revised{}, solve.Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := res.X
		tight, all := 0, 0
		maxRun, sumSq, runs := 0, 0, 0
		for k := range m.HireRows {
			for _, rows := range [][]int{m.HireRows[k], m.ExitRows[k]} {
				run := 0
				end := func() {
					if run > 0 {
						maxRun = max(maxRun, run)
						sumSq += run * run
						runs++
					}
					run = 0
				}
				for _, r := range rows {
					if r == model.None {
						end()
						continue
					}
					all++
					row := m.Problem.Rows[r]
					v := 0.0
					for _, tm := range row.Terms {
						v += tm.Coef * x[tm.Var]
					}
					if math.Abs(v-row.RHS) <= 1e-7*math.Max(1, math.Abs(row.RHS)) {
						tight++
						run++
					} else {
						end()
					}
				}
				end()
			}
		}
		fmt.Printf("  runs %d, longest %d, sum of squares %d (%.1f per row)\n", runs, maxRun, sumSq, float64(sumSq)/float64(all))
		fmt.Printf("%s: %d of %d hire/exit rows tight (%.0f%%)\n", file, tight, all, 100*float64(tight)/float64(all))
	}
}
