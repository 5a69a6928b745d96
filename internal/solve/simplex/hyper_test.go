package simplex

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sparseBasis is a basis like an LP's on a large model: mostly slack and
// short columns, a few longer ones, so that U1, U3 and a small nucleus
// all occur and most solves reach few pivots.
func sparseBasis(seed uint64, m int) *testBasis {
	rng := rand.New(rand.NewPCG(seed, 11))
	b := &testBasis{m: m, rows: make([][]int, m), vals: make([][]float64, m)}
	perm := rng.Perm(m)
	for k := 0; k < m; k++ {
		switch r := rng.IntN(10); {
		case r < 5:
			b.rows[k], b.vals[k] = []int{perm[k]}, []float64{-1}
		case r < 9:
			b.rows[k], b.vals[k] = randomColumn(rng, m, 2+rng.IntN(3), perm[k])
		default:
			b.rows[k], b.vals[k] = randomColumn(rng, m, 8, perm[k])
		}
	}
	return b
}

// The sparse solves give bitwise the dense solves' results and nonzero
// lists, fresh and after eta updates, for right-hand sides of one to a few
// nonzeros (the sparse path) and dense ones (the fallback).
func TestSparseSolvesEqualDense(t *testing.T) {
	sparsePaths := 0
	for _, m := range []int{1, 7, 60, 400} {
		for seed := uint64(1); seed <= 8; seed++ {
			rng := rand.New(rand.NewPCG(seed, 13))
			b := sparseBasis(seed, m)
			f := newFactor(m)
			if bad := f.factorize(b.matrix()); bad != nil {
				continue // singular by chance: not what this test is about
			}
			for u := 0; u <= 12; u++ {
				for trial := 0; trial < 10; trial++ {
					nnz := 1 + rng.IntN(3)
					if trial == 9 {
						nnz = m
					}
					rhs := make([]float64, m)
					var idx []int
					for range nnz {
						i := rng.IntN(m)
						rhs[i] = rng.NormFloat64()
						idx = append(idx, i)
					}
					// The sparse solves take a zero result vector and
					// leave their right-hand side zero.
					want, got := make([]float64, m), make([]float64, m)
					zero := make([]float64, m)
					var wantNZ, gotNZ []int
					f.ftran(slices.Clone(rhs), want, &wantNZ)
					in := slices.Clone(rhs)
					f.ftranSparse(in, idx, got, &gotNZ)
					if !slices.Equal(want, got) || !slices.Equal(wantNZ, gotNZ) {
						t.Fatalf("m %d seed %d update %d: ftranSparse\n%v %v\nftran\n%v %v", m, seed, u, got, gotNZ, want, wantNZ)
					}
					if !slices.Equal(in, zero) {
						t.Fatalf("m %d seed %d update %d: ftranSparse left its right-hand side %v", m, seed, u, in)
					}
					clear(got)
					f.btran(slices.Clone(rhs), want, &wantNZ)
					in = slices.Clone(rhs)
					f.btranSparse(in, idx, got, &gotNZ)
					if !slices.Equal(want, got) || !slices.Equal(wantNZ, gotNZ) {
						t.Fatalf("m %d seed %d update %d: btranSparse\n%v %v\nbtran\n%v %v", m, seed, u, got, gotNZ, want, wantNZ)
					}
					if !slices.Equal(in, zero) {
						t.Fatalf("m %d seed %d update %d: btranSparse left its right-hand side %v", m, seed, u, in)
					}
					if len(gotNZ)*hyperDiv < m {
						sparsePaths++
					}
				}
				// A product-form update, as a basis change makes.
				randomUpdate(f, b, rng, 3)
			}
		}
	}
	if sparsePaths < 100 {
		t.Errorf("only %d solves took the sparse path", sparsePaths)
	}
}

// The scratch vectors of the solves stay zero between them, and alpha,
// rho and flipDx zero outside their nonzero lists, at every solve of a
// column or unit vector of the random and warm-start problems
// (checkScratch panics otherwise): the sparse solves rely on it.
func TestScratchStaysClean(t *testing.T) {
	debugScratch = true
	defer func() { debugScratch = false }()
	TestRandomFeasible(t)
	TestRandomInfeasible(t)
	TestWarmStartBoundChange(t)
	TestWarmStartAddedRow(t)
}

// priceDual's candidate list picks the leaving row a full scan picks, at
// every dual iteration of the random and warm-start problems, and holds
// exactly the infeasible positions with their scores as recomputed, bit
// for bit (debugPrice panics on a difference).
func TestPriceDualListEqualsScan(t *testing.T) {
	debugPrice = true
	defer func() { debugPrice = false }()
	TestRandomFeasible(t)
	TestRandomInfeasible(t)
	TestWarmStartBoundChange(t)
	TestWarmStartAddedRow(t)
}
