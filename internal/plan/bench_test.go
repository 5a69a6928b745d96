package plan

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// BenchmarkPlan measures a full plan (three lexicographic stages, branch and
// bound, evaluation and verification) of each example scenario and of the
// typical 16 functions x 5 regions x 4 quarters scenario with 6 investments,
// on the project's revised simplex:
//
//	go test -run='^$' -bench=Plan ./internal/plan/
func BenchmarkPlan(b *testing.B) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	files = append(files, "testdata/typical.yaml")
	for _, file := range files {
		s, err := scenario.Load(file, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(file), func(b *testing.B) {
			for b.Loop() {
				p, err := Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
				if err != nil || p.Status == StatusInfeasible {
					b.Fatalf("%v %v", err, p)
				}
			}
		})
	}
}
