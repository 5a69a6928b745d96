package plan

import (
	"context"
	"testing"

	"github.com/cardio-planning/cardio/internal/solve"
)

// BenchmarkRisk1000 is issue 15's target: 1,000 draws of the typical
// scenario with five uncertain inputs (typicalRanges), on all cores
// (target <= 10 s on 2 cores):
//
//	go test -run='^$' -bench='^BenchmarkRisk1000$' -benchtime=1x ./internal/plan/
func BenchmarkRisk1000(b *testing.B) {
	doc := riskFile(b, "testdata/typical.yaml", typicalRanges...)
	for b.Loop() {
		if _, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRiskGoal is the goal seek on the same draws (--heart 0.85
// --confidence 0.9; target <= 60 s): the run, each draw's least budget,
// and the check of the printed figure over all draws.
//
//	go test -run='^$' -bench='^BenchmarkRiskGoal$' -benchtime=1x ./internal/plan/
func BenchmarkRiskGoal(b *testing.B) {
	doc := riskFile(b, "testdata/typical.yaml", typicalRanges...)
	for b.Loop() {
		res, err := Risk(context.Background(), doc, solve.Revised{}, RiskOptions{Samples: 1000, Seed: 1, Heart: 0.85, Confidence: 0.9})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Goal.Reachable {
			b.Fatalf("goal %+v", res.Goal)
		}
	}
}
