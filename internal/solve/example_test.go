package solve_test

import (
	"context"
	"fmt"
	"math"

	"github.com/cardio-planning/cardio/internal/solve"
)

// Two objectives in order: first cover as much as the limit allows, then,
// holding that, spend as little as possible. x is dear work (3 a unit),
// y cheap (1 a unit), and y can do at most 6 of the 10 units the limit
// allows. The first stage reaches 10 however it splits; the second keeps
// it and takes all the cheap work it can: 6 of y and 4 of x, 18. It holds
// the first stage's 10 as at least 10 - HoldTol x 10, so it finds
// 17.999997: x just under 4.
func ExampleLexicographic() {
	p := &solve.Problem{Name: "example"}
	x := p.AddVar("x", 0, math.Inf(1))
	y := p.AddVar("y", 0, 6)
	p.AddRow("limit", []solve.Term{{Var: x, Coef: 1}, {Var: y, Coef: 1}}, solve.LE, 10)
	objs := []solve.Objective{
		{Name: "work", Maximize: true, Terms: []solve.Term{{Var: x, Coef: 1}, {Var: y, Coef: 1}}},
		{Name: "spend", Terms: []solve.Term{{Var: x, Coef: 3}, {Var: y, Coef: 1}}},
	}
	res, err := solve.Lexicographic(context.Background(), p, objs, solve.Revised{}, solve.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, res.Values)
	fmt.Printf("x = %.4g, y = %.4g\n", res.X[x], res.X[y])
	// Output:
	// optimal [10 17.999997]
	// x = 4, y = 6
}
