package solve

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// scaledMIP is a seeded random mixed-integer problem with coefficients
// over six orders of magnitude, so that the scale factors matter to the
// last bits of a solution, and three objectives.
func scaledMIP(seed uint64) (*Problem, []Objective) {
	rng := rand.New(rand.NewPCG(seed, 3))
	var vars []Var
	for j := range 12 {
		if j%4 == 0 {
			vars = append(vars, iv("y", 0, 3))
		} else {
			vars = append(vars, v("x", 0, 10+float64(rng.IntN(50))))
		}
	}
	p := build("scaled", true, vars, nil)
	for i := range 10 {
		var terms []Term
		for j := range vars {
			if rng.IntN(3) == 0 {
				mag := []float64{1e-3, 0.01, 1, 7, 100, 1e3}[rng.IntN(6)]
				terms = append(terms, Term{Var: j, Coef: mag * (0.5 + rng.Float64())})
			}
		}
		p.AddRow("r", terms, LE, 50+float64(i)*rng.Float64()*100)
	}
	obj := func(sign float64) []Term {
		var terms []Term
		for j := range vars {
			terms = append(terms, Term{Var: j, Coef: sign * (0.1 + rng.Float64())})
		}
		return terms
	}
	return p, []Objective{
		{Name: "first", Maximize: true, Terms: obj(1)},
		{Name: "second", Maximize: true, Terms: obj(1), ColdStart: true},
		{Name: "third", Terms: obj(1)},
	}
}

// With ExtendStages, the stages of a Lexicographic solve extend the first
// stage's prepared matrix (firstStage), whether that was prepared afresh or
// came from a PrepareCache that had prepared it for another solve, so that
// the result does not depend on which: a risk run's draws share a cache
// across goroutines, and must give the same bytes at any parallelism.
// Stage 1 from the cache and stage 2 prepared here is the case that
// would differ. Without ExtendStages, each stage is prepared afresh.
func TestLexicographicScalesAlike(t *testing.T) {
	ctx := context.Background()
	ext := Options{ExtendStages: true}
	for seed := uint64(1); seed <= 10; seed++ {
		p, objs := scaledMIP(seed)
		fresh, err := Lexicographic(ctx, p, objs, &PrepareCache{LP: Revised{}}, ext)
		if err != nil {
			t.Fatal(err)
		}
		warm := &PrepareCache{LP: Revised{}}
		if _, err := Lexicographic(ctx, p, objs[:1], warm, ext); err != nil {
			t.Fatal(err)
		}
		again, err := Lexicographic(ctx, p, objs, warm, ext)
		if err != nil {
			t.Fatal(err)
		}
		if fresh.Status != again.Status || !slices.Equal(fresh.X, again.X) || !slices.Equal(fresh.Values, again.Values) {
			t.Errorf("seed %d: %v %v %v afresh, %v %v %v with stage 1 cached", seed, fresh.Status, fresh.Values, fresh.X, again.Status, again.Values, again.X)
		}
		if fresh.Status != Optimal {
			continue
		}
		if err := Check(fresh.Problem, fresh.X); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		plain, err := Lexicographic(ctx, p, objs, Revised{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if plain.Status != Optimal || len(plain.Values) != len(fresh.Values) {
			t.Fatalf("seed %d: %v %v without ExtendStages", seed, plain.Status, plain.Values)
		}
		for k := range plain.Values {
			if !closeTo(plain.Values[k], fresh.Values[k], 1e-6) {
				t.Errorf("seed %d stage %d: %g extended, %g afresh", seed, k+1, fresh.Values[k], plain.Values[k])
			}
		}
	}
}

// A start whose stages carry bases and no points (a risk chain's, see
// plan's drawPlanner) fits the problem: each stage starts from its basis,
// with no hint, and the optima are those of a cold solve.
func TestLexicographicStartsFromBasesAlone(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 10; seed++ {
		p, objs := scaledMIP(seed)
		cold, err := Lexicographic(ctx, p, objs, Revised{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if cold.Status != Optimal {
			continue
		}
		start := slices.Clone(cold.Stages)
		for k := range start {
			start[k].X = nil
		}
		if last := start[len(start)-1]; last.Basis == nil || !last.fits(cold.Problem) {
			t.Fatalf("seed %d: the last stage's basis without its point does not fit", seed)
		}
		if bad := (Stage{X: []float64{1}}); bad.fits(cold.Problem) {
			t.Fatalf("seed %d: a point of 1 variable fits a problem of %d", seed, len(cold.Problem.Vars))
		}
		warm, err := Lexicographic(ctx, p, objs, Revised{}, Options{Stages: start})
		if err != nil {
			t.Fatal(err)
		}
		if warm.Status != Optimal || len(warm.Values) != len(cold.Values) {
			t.Fatalf("seed %d: %v %v from bases, %v %v cold", seed, warm.Status, warm.Values, cold.Status, cold.Values)
		}
		for k := range cold.Values {
			if !closeTo(warm.Values[k], cold.Values[k], 1e-6) {
				t.Errorf("seed %d stage %d: %g from bases, %g cold", seed, k+1, warm.Values[k], cold.Values[k])
			}
		}
	}
}

// toSimplexAfter lays out a problem extended by rows as toSimplex does,
// entry for entry, from the form of the problem it extends.
func TestToSimplexAfter(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		p, objs := scaledMIP(seed)
		q := p.Clone()
		hold(q, objs[0], 3)
		hold(q, objs[1], 5)
		q.AddRow("empty", nil, LE, 1)
		want, got := toSimplex(q), toSimplexAfter(toSimplex(p), q)
		if got.NumRows != want.NumRows || !slices.Equal(got.ColStart, want.ColStart) || !slices.Equal(got.RowIndex, want.RowIndex) ||
			!slices.Equal(got.Value, want.Value) || !slices.Equal(got.RowLo, want.RowLo) || !slices.Equal(got.RowUp, want.RowUp) ||
			!slices.Equal(got.ColLo, want.ColLo) || !slices.Equal(got.ColUp, want.ColUp) || !slices.Equal(got.Obj, want.Obj) {
			t.Fatalf("seed %d: toSimplexAfter differs from toSimplex", seed)
		}
	}
}
