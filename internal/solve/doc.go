// Package solve holds cardio's linear and mixed-integer programming core.
//
// It knows nothing of sales operations: a Problem is a set of named variables
// with bounds, sparse rows with a sense and a right-hand side, and a linear
// objective. A Solver turns it into a Solution (status, values, and where the
// backend provides them, duals, reduced costs and a basis for warm starts).
//
// Two kinds of backends sit behind the LPSolver interface: gonum's dense
// lp.Simplex (the reference for small problems and tests) and the project's
// own bounded-variable revised simplex. Branch and bound (MIP) runs on top of
// either for integer variables.
//
// Lexicographic solves a list of objectives in turn, each holding the
// optima of those before. Its stages, branch and bound's nodes and the
// solves of similar problems (Options.Stages, Options.Hints) start from
// each other's bases and points; a Preparer (Revised) prepares a matrix
// once for all of a branch and bound's nodes, and a PrepareCache keeps
// prepared matrices for the next problems with the same rows.
//
// No backend is trusted blindly: every returned point is checked against the
// problem's rows and bounds (Check) before it is handed back, because
// gonum's simplex has known wrong-answer reports (gonum issue 1914).
package solve
