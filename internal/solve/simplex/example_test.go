package simplex_test

import (
	"context"
	"fmt"
	"math"

	"github.com/cardio-planning/cardio/internal/solve/simplex"
)

// A small LP in computational form: maximize x + 2y (minimize -x - 2y)
// subject to x + y <= 4, x + 3y <= 6 and x, y >= 0. The matrix goes
// column by column. The optimum is x = 3, y = 1, where both rows bind;
// the duals say that one more unit of either limit lowers the minimum by
// half a unit (raises x + 2y by 0.5).
func ExampleSolve() {
	inf := math.Inf(1)
	p := &simplex.Problem{
		NumRows:  2,
		ColStart: []int{0, 2, 4},        // x's entries are 0-1, y's 2-3
		RowIndex: []int{0, 1, 0, 1},     // the row of each entry
		Value:    []float64{1, 1, 1, 3}, // x: 1, 1; y: 1, 3
		Obj:      []float64{-1, -2},
		ColLo:    []float64{0, 0},
		ColUp:    []float64{inf, inf},
		RowLo:    []float64{-inf, -inf},
		RowUp:    []float64{4, 6},
	}
	r, err := simplex.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Status, r.X, r.Obj)
	fmt.Println("duals", r.Duals)
	// Output:
	// optimal [3 1] -5
	// duals [-0.5 -0.5]
}
