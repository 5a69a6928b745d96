package solve

import (
	"context"
	"math"
)

// BlockStartMinRows is the number of rows from which a cold stage of
// Lexicographic starts from its blocks (Options.Blocks). Below it a stage
// takes milliseconds from either start, and a plan keeps the point it had
// before block starts came (the same optimum, but its values may differ
// in their last digits, which JSON and CSV show).
const BlockStartMinRows = 1000

// blockStartMinRows is BlockStartMinRows, lowered by tests.
var blockStartMinRows = BlockStartMinRows

// blockStart returns a basis of q to start the dual simplex from, built
// from the optimal bases of q's blocks solved apart, or nil when there is
// none to offer. block gives each variable its block (0, 1, ...) or -1
// for a linking variable; x is a point (the stage before's) that the
// linking variables are fixed near, each at its bound nearest x, as a
// basis needs them nonbasic.
//
// A row whose variables, linking ones aside, all lie in one block belongs
// to that block; every other row (one that spans blocks, or holds linking
// variables only) is a linking row. Each block is solved as an LP of its
// variables (integrality relaxed), its rows, with the linking variables'
// terms moved to the right-hand side, and q's objective cut to its
// variables. The blocks' optimal statuses, the linking variables at
// their bounds and the linking rows' slacks basic make a basis of q: its
// basic variables are as many as its rows, and the linking rows' duals
// are 0, so every block variable keeps the reduced cost its block gave
// it, of the right sign. Only the linking variables, boxed or at a
// single bound, may have one of the wrong sign, which the dual simplex
// mends by a bound flip (or a dual phase one) before it restores the
// linking rows. When a block is infeasible, unbounded or its solve
// fails, or a linking variable has no finite bound, blockStart gives up
// and the stage starts cold.
//
// On a plan's model, whose periods are the blocks and whose hire, exit
// and hold rows link them, the dual simplex from this basis takes a
// fraction of the iterations it takes from the slack basis
// (docs/performance.md, "Session 19").
func blockStart(ctx context.Context, q *Problem, block []int, x []float64, lp LPSolver) *Basis {
	n := len(q.Vars)
	if len(block) != n || len(x) != n {
		return nil
	}
	nb := 0
	for _, b := range block {
		nb = max(nb, b+1)
	}
	if nb < 2 {
		return nil
	}
	basis := &Basis{Vars: make([]BasisStatus, n), Rows: make([]BasisStatus, len(q.Rows))}
	// Each linking variable's value and status.
	fixed := make([]float64, n)
	for j, v := range q.Vars {
		if block[j] >= 0 {
			continue
		}
		lo, up := v.Lower, v.Upper
		switch {
		case lo == up:
			fixed[j], basis.Vars[j] = lo, Fixed
		case math.IsInf(lo, -1) && math.IsInf(up, 1):
			return nil
		case math.IsInf(up, 1) || !math.IsInf(lo, -1) && x[j]-lo <= up-x[j]:
			fixed[j], basis.Vars[j] = lo, AtLower
		default:
			fixed[j], basis.Vars[j] = up, AtUpper
		}
	}
	// Each row's block, -1 for a linking row.
	rowBlock := make([]int, len(q.Rows))
	for i, r := range q.Rows {
		b := -1
		for _, t := range r.Terms {
			switch c := block[t.Var]; {
			case c < 0:
			case b < 0:
				b = c
			case b != c:
				b = -2
			}
			if b == -2 {
				break
			}
		}
		rowBlock[i] = max(b, -1)
		if rowBlock[i] < 0 {
			basis.Rows[i] = Basic
		}
	}
	// Each block's variables and rows, in q's order.
	vars := make([][]int, nb)
	for j, b := range block {
		if b >= 0 {
			vars[b] = append(vars[b], j)
		}
	}
	rows := make([][]int, nb)
	for i, b := range rowBlock {
		if b >= 0 {
			rows[b] = append(rows[b], i)
		}
	}
	local := make([]int, n) // a block variable's index in its block's problem
	for b := range nb {
		sub := &Problem{Name: q.Name, Maximize: q.Maximize, Obj: make([]float64, len(vars[b]))}
		for k, j := range vars[b] {
			local[j] = k
			v := q.Vars[j]
			v.Integer = false
			sub.Vars = append(sub.Vars, v)
			sub.Obj[k] = q.ObjCoef(j)
		}
		for _, i := range rows[b] {
			r := q.Rows[i]
			terms := make([]Term, 0, len(r.Terms))
			rhs := r.RHS
			for _, t := range r.Terms {
				if block[t.Var] < 0 {
					rhs -= t.Coef * fixed[t.Var]
					continue
				}
				terms = append(terms, Term{Var: local[t.Var], Coef: t.Coef})
			}
			sub.AddRow(r.Name, terms, r.Sense, rhs)
		}
		sol, err := lp.SolveLP(ctx, sub, Options{})
		if err != nil || sol.Status != Optimal || sol.Basis == nil {
			return nil
		}
		for k, j := range vars[b] {
			basis.Vars[j] = sol.Basis.Vars[k]
		}
		for k, i := range rows[b] {
			basis.Rows[i] = sol.Basis.Rows[k]
		}
	}
	return basis
}
