// Package simplex is a bounded-variable revised simplex method for sparse
// linear programs in computational form:
//
//	minimize c'x  subject to  RowLo <= A x <= RowUp,  ColLo <= x <= ColUp,
//
// with A sparse (column-wise) and any bound possibly infinite. It knows
// nothing of package solve's types, in the way gonum's optimize/convex/lp
// stands alone; solve.Revised adapts it. Solve is the entry point; a Basis
// from one Result warm-starts a related problem (changed bounds or costs,
// added rows).
//
// # Formulation
//
// Every row i gets a logical variable r_i = a_i'x with the row's bounds, so
// that the constraints read [A -I](x, r) = 0 and every bound is a variable
// bound. The all-logical basis (B = -I) is always available: it is the cold
// start and the fallback when a basis must be repaired. Nonbasic variables
// sit at a bound (free ones at zero); variables with both bounds finite are
// handled implicitly, never as extra rows.
//
// # Algorithms
//
//   - Dual simplex (dual.go), used whenever the basis is not primal
//     feasible: on cold starts, after bound changes (branch and bound) and
//     after added rows (lexicographic stages). Dual steepest-edge pricing
//     (Forrest and Goldfarb 1992) and the bound-flipping ("long-step")
//     ratio test with Harris tolerances (Fourer 1994; Maros 2003; Koberstein
//     2005), which passes over the breakpoints of boxed variables such as
//     cardio's [0, 1] levels. The start is made dual feasible by bound flips,
//     by shifting costs where round-off left reduced costs slightly wrong, or
//     else by the auxiliary-problem dual phase 1 (Fourer 1994; Koberstein and
//     Suhl 2007): the dual simplex on the same matrix with boxed bounds, whose
//     optimum minimizes the sum of dual infeasibilities.
//   - Primal simplex (primal.go), used when the basis is primal feasible but
//     not optimal (a changed objective, as in lexicographic stages), when
//     the problem is dual infeasible (to tell unbounded from infeasible), to
//     confirm the dual's infeasibility verdicts that their own row does not
//     prove (farkas.go: the row of B^-1, recomputed against the matrix and
//     the true bounds, is a Farkas certificate) and to clean up after
//     perturbations. Phase 1 minimizes the sum of bound violations of the
//     basic variables (the composite phase 1 of Wolfe 1965 and Maros 2003,
//     ch. 9: no artificial variables, no big M) with a long-step ratio test
//     that passes breakpoints while the sum keeps falling; phase 2 minimizes
//     the objective. Devex pricing (Forrest and Goldfarb 1992); Harris'
//     two-pass ratio test (Harris 1973) with bound flips of the entering
//     variable.
//   - Anti-cycling: after StallLimit consecutive degenerate iterations the
//     primal perturbs (widens) the bounds of the basic variables and the
//     dual perturbs the costs of the nonbasic ones by small random amounts;
//     perturbations and shifts are removed at the end and the basis
//     re-verified, with the other algorithm cleaning up (a perturbed primal
//     optimum is dual feasible, a perturbed dual optimum primal feasible).
//     The primal falls back to Bland's rule after BlandLimit degenerate
//     iterations.
//   - Scaling (scale.go): geometric-mean row and column scaling followed by
//     column equilibration, in powers of two so that unscaling is exact.
//     Tolerances apply to the scaled problem; a result that misses ResultTol
//     once unscaled is polished without scaling from its basis.
//
// Solve alternates the two methods until values recomputed from scratch (on
// a factorization at most FreshEtas updates old) confirm a basis primal and
// dual feasible for the unperturbed problem. Results are
// reported in the problem's units: X, row activities, duals y (with
// reduced costs c - A'y recomputed from the original data) and the status
// of every structural and logical variable.
//
// # Many solves of one matrix
//
// Branch and bound solves the same matrix hundreds of times with other
// bounds. Prepare does the matrix's work once (merging, scaling, the
// row-wise copy); Prepared.Solve then only sets costs and bounds, on a
// finished solver's buffers (cleared) when one is spare. A Sequence goes
// further for a dive: a solve that starts from the basis the last one
// ended with continues from that solve's factorization and values. Options
// Cutoff lets the dual simplex stop as soon as its objective, a bound on
// the optimum while the costs are exact, proves the problem cannot beat the
// cutoff (status Cutoff): a node that cannot beat the incumbent. While the
// costs are perturbed or shifted, an objective past the cutoff is checked
// again with the true costs put back (trueCutOff).
//
// # Linear algebra
//
// The basis matrix B is factorized (factor.go) by first peeling off column
// singletons (every basic logical, many structural columns) and then row
// singletons, which leaves B, permuted, block upper triangular with two
// triangular blocks whose pivots are plain matrix entries (no fill-in) and a
// square nucleus. Only the nucleus is factorized numerically, by a sparse
// LU (sparselu.go): Markowitz pivoting over a few candidate rows and
// columns of least count, with threshold partial pivoting (luThreshold),
// finished densely once the active part has filled in. Its 1-norm
// condition estimate (Hager-Higham, from a few solves) guards against
// near-singular bases, and a singular basis is repaired by replacing its
// dependent columns with the logicals of the rows left uncovered. Basis
// changes are product-form eta updates; the basis is refactorized every
// RefactorEvery updates (up to RefactorMax while the eta file holds fewer
// nonzeros than there are rows), and earlier on numerical trouble (the pivot
// computed from the column and from the row disagree beyond
// ConsistencyTol). Solves skip zeros (the triangular parts and the
// nucleus's factors in axpy form both ways) and report their nonzeros, so
// that the pivot row is built row-wise from the nonzeros of B^-T e_r and
// the updates touch only what changed: on cardio's large model the nucleus
// reaches 867 of 4,432 rows but holds about 4 entries per column, and most
// vectors are sparse. The column, unit and steepest-edge solves are
// hypersparse (hyper.go): they visit only the triangular pivots a nonzero
// reaches, in the dense loops' order, and fall back to the dense loops once
// a vector fills in. The dual simplex prices over a list of the rows that
// may be infeasible rather than all m. From TauWorkerMinRows rows, the
// steepest-edge solve of each dual iteration runs on a second goroutine
// while the pivot row, the ratio test and the entering column are computed
// (tauworker.go), with the same operations, so results do not depend on it.
//
// # Limits
//
// Updates are product-form etas, not Forrest-Tomlin updates of the LU
// factors, so the eta file grows until the next refactorization; the
// solves visit every pivot of the nucleus (only the triangular parts are
// hypersparse).
// There is no presolve, no crash basis beyond the all-logical one, and no
// dual Bland fallback (dual cycling is left to cost perturbation).
//
// # References
//
//   - R. Fourer, Notes on the dual simplex method, 1994.
//   - J. J. Forrest and D. Goldfarb, Steepest-edge simplex algorithms for
//     linear programming, Math. Programming 57, 1992.
//   - P. M. J. Harris, Pivot selection methods of the Devex LP code, Math.
//     Programming 5, 1973.
//   - A. Koberstein, The dual simplex method, techniques for a fast and
//     stable implementation, PhD thesis, Paderborn, 2005.
//   - A. Koberstein and U. H. Suhl, Progress in the dual simplex method for
//     large scale LP problems: practical dual phase 1 algorithms, Comput.
//     Optim. Appl. 37, 2007.
//   - I. Maros, Computational Techniques of the Simplex Method, Kluwer, 2003.
//   - N. Ploskas and N. Samaras, The impact of scaling on simplex type
//     algorithms, 2013.
//   - P. Wolfe, The composite simplex algorithm, SIAM Review 7, 1965.
package simplex
