package solve

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// blockProblem is a seeded LP shaped like a plan over periods: nb blocks
// (periods) of per variables each, with local rows that cap a block's
// variables (budget and capacity, helped by boxed linking variables, the
// investments, that reach several blocks) and floors, and linking rows
// that limit how far a variable moves from one block to the next (hire
// and exit limits). Every variable is bounded by its block's rows, and x
// at its floors with the linking variables at 0 is feasible, so every
// objective has an optimum. It returns the problem, each variable's
// block, and three objectives for Lexicographic, the later two cold.
func blockProblem(seed uint64, nb, per int) (*Problem, []int, []Objective) {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := &Problem{Name: fmt.Sprintf("blocks-%d", seed), Maximize: true}
	var block []int
	x := make([][]int, nb)
	for b := range nb {
		for j := range per {
			x[b] = append(x[b], p.AddVar(fmt.Sprintf("x[%d,%d]", j, b), 0, math.Inf(1)))
			block = append(block, b)
		}
	}
	nz := 1 + nb/4
	z := make([]int, nz)
	for i := range z {
		z[i] = p.AddVar(fmt.Sprintf("z[%d]", i), 0, 1)
		block = append(block, -1)
	}
	for b := range nb {
		for range max(2, per/3) {
			var terms []Term
			for _, j := range x[b] {
				if rng.Float64() < 0.5 {
					terms = append(terms, Term{Var: j, Coef: 0.2 + rng.Float64()})
				}
			}
			// Each linking variable lifts the caps of a few blocks.
			for i, zi := range z {
				if (b+i)%3 == 0 && rng.Float64() < 0.7 {
					terms = append(terms, Term{Var: zi, Coef: -2 - 3*rng.Float64()})
				}
			}
			p.AddRow("cap", terms, LE, 5+5*rng.Float64())
		}
		// Every variable under some cap: one row over them all.
		all := make([]Term, per)
		for k, j := range x[b] {
			all[k] = Term{Var: j, Coef: 1}
		}
		p.AddRow("budget", all, LE, float64(per))
		for _, j := range x[b] {
			if rng.Float64() < 0.2 {
				p.AddRow("floor", []Term{{Var: j, Coef: 1}}, GE, 0.05*rng.Float64())
			}
		}
		if b > 0 {
			for k := range per {
				if rng.Float64() < 0.4 {
					p.AddRow("hires", []Term{{Var: x[b][k], Coef: 1}, {Var: x[b-1][k], Coef: -1}}, LE, 0.3)
					p.AddRow("exits", []Term{{Var: x[b][k], Coef: 1}, {Var: x[b-1][k], Coef: -1}}, GE, -0.2)
				}
			}
		}
	}
	objective := func(name string, maximize, cold bool, coef func(j int) float64) Objective {
		o := Objective{Name: name, Maximize: maximize, ColdStart: cold}
		for j := range p.Vars {
			if c := coef(j); c != 0 {
				o.Terms = append(o.Terms, Term{Var: j, Coef: c})
			}
		}
		return o
	}
	w1 := make([]float64, len(p.Vars))
	w2 := make([]float64, len(p.Vars))
	cost := make([]float64, len(p.Vars))
	for j := range p.Vars {
		w1[j], w2[j], cost[j] = rng.Float64(), rng.Float64(), 0.5+rng.Float64()
		if block[j] < 0 {
			w1[j], w2[j], cost[j] = 0, 0, 3
		}
	}
	objs := []Objective{
		objective("first", true, false, func(j int) float64 { return w1[j] }),
		objective("second", true, true, func(j int) float64 { return w2[j] }),
		objective("spend", false, true, func(j int) float64 { return cost[j] }),
	}
	return p, block, objs
}

// TestBlockStartIsBasis: the block start of a seeded block problem is a
// basis (as many basic variables and slacks as rows, the linking rows'
// slacks among them, the linking variables at a bound), and the simplex
// started from it reaches the optimum a cold start reaches.
func TestBlockStartIsBasis(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(12) {
		p, block, objs := blockProblem(seed, 3+int(seed%6), 8+int(seed%4)*4)
		q := p.Clone()
		q.SetObjective(objs[1])
		first := p.Clone()
		first.SetObjective(objs[0])
		x0, err := Revised{}.SolveLP(ctx, first, Options{})
		if err != nil || x0.Status != Optimal {
			t.Fatalf("seed %d: first objective: %v %v", seed, err, x0)
		}
		b := blockStart(ctx, q, block, x0.X, Revised{})
		if b == nil {
			t.Fatalf("seed %d: no block start", seed)
		}
		basic := 0
		for _, s := range append(append([]BasisStatus(nil), b.Vars...), b.Rows...) {
			if s == Basic {
				basic++
			}
		}
		if basic != len(q.Rows) {
			t.Errorf("seed %d: %d basic of %d rows", seed, basic, len(q.Rows))
		}
		for i, r := range q.Rows {
			if (r.Name == "hires" || r.Name == "exits") && b.Rows[i] != Basic {
				t.Errorf("seed %d: linking row %d (%s) not basic", seed, i, r.Name)
			}
		}
		for j, s := range b.Vars {
			if block[j] < 0 && s != AtLower && s != AtUpper {
				t.Errorf("seed %d: linking variable %s is %v", seed, q.Vars[j].Name, s)
			}
		}
		cold, err := Revised{}.SolveLP(ctx, q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		warm, err := Revised{}.SolveLP(ctx, q, Options{WarmStart: b})
		if err != nil {
			t.Fatal(err)
		}
		if warm.Status != Optimal || !closeTo(warm.Objective, cold.Objective, 1e-7) {
			t.Errorf("seed %d: from the block start %v %.10g, cold %v %.10g", seed, warm.Status, warm.Objective, cold.Status, cold.Objective)
		}
		if err := Check(q, warm.X); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
}

// TestLexicographicBlocks: a lexicographic solve given the blocks reaches
// every stage's optimum a solve without them reaches, and its cold stages
// start from the blocks: over the seeds they take fewer iterations.
func TestLexicographicBlocks(t *testing.T) {
	defer func(n int) { blockStartMinRows = n }(blockStartMinRows)
	blockStartMinRows = 0
	ctx := context.Background()
	var with, without int
	for seed := range uint64(12) {
		p, block, objs := blockProblem(100+seed, 4+int(seed%5), 12+int(seed%3)*6)
		a, err := Lexicographic(ctx, p, objs, Revised{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Lexicographic(ctx, p, objs, Revised{}, Options{Blocks: block})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Values) != len(objs) || len(b.Values) != len(objs) {
			t.Fatalf("seed %d: stages %v and %v", seed, a.Values, b.Values)
		}
		for k := range objs {
			if !closeTo(b.Values[k], a.Values[k], 1e-6) {
				t.Errorf("seed %d stage %d: %.10g with blocks, %.10g without", seed, k+1, b.Values[k], a.Values[k])
			}
		}
		if err := Check(b.Problem, b.X); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		with, without = with+b.Iters, without+a.Iters
	}
	if with >= without {
		t.Errorf("%d iterations with the block starts, %d without", with, without)
	}
	t.Logf("%d iterations with the block starts, %d without", with, without)
}

// TestBlockStartGivesUp: no start when a block has no optimum with the
// linking variables at their bounds, when a linking variable has no
// finite bound, or when there is one block only.
func TestBlockStartGivesUp(t *testing.T) {
	ctx := context.Background()
	p, block, objs := blockProblem(1, 4, 8)
	p.SetObjective(objs[1])
	x := make([]float64, len(p.Vars))

	// Block 2 needs z[0] at 0.5 or more; z[0] is fixed at 0, nearest x.
	q := p.Clone()
	q.AddRow("needs", []Term{{Var: 2 * 8, Coef: -1}, {Var: 4 * 8, Coef: 10}}, GE, 5)
	if b := blockStart(ctx, q, block, x, Revised{}); b != nil {
		t.Error("a start with a block infeasible")
	}
	defer func(n int) { blockStartMinRows = n }(blockStartMinRows)
	blockStartMinRows = 0
	sol, err := Lexicographic(ctx, q, objs, Revised{}, Options{Blocks: block})
	if err != nil || sol.Status != Optimal {
		t.Errorf("without a start: %v %v", err, sol)
	}

	q = p.Clone()
	q.Vars[4*8].Lower = math.Inf(-1)
	q.Vars[4*8].Upper = math.Inf(1)
	if b := blockStart(ctx, q, block, x, Revised{}); b != nil {
		t.Error("a start with a free linking variable")
	}

	one := make([]int, len(block))
	for j := range one {
		one[j] = min(block[j], 0)
	}
	if b := blockStart(ctx, p, one, x, Revised{}); b != nil {
		t.Error("a start with one block")
	}
}
