package model

import (
	"errors"
	"fmt"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// MaxCells bounds the function-region-period cells with demand that a
// model may have: each brings three variables and a row. The simplex's
// time grows faster than the model (about the square of its rows): 200
// regions of 16 functions over 4 quarters (12,800 cells) plan in about
// 10 s, 500 (32,000 cells) in about 80 s (docs/performance.md, measured
// on 2 cores). Beyond, a plan would take many minutes, so it is refused
// at once.
const MaxCells = 32000

// ErrTooLarge: the scenario's model is beyond MaxCells. It is returned as
// a *TooLargeError.
var ErrTooLarge = errors.New("model: the scenario is too large to plan")

// TooLargeError says how large the model would be.
type TooLargeError struct {
	Cells, Functions, Regions, Periods int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the scenario is too large to plan: %d function-region-period cells with demand (%d functions, %d regions, %d periods), and cardio plans at most %d (500 regions of 16 functions over 4 quarters, about 80 s); plan fewer regions, periods or functions, or group small regions",
		e.Cells, e.Functions, e.Regions, e.Periods, MaxCells)
}

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// CheckSize returns a *TooLargeError when the model of s would have more
// than MaxCells cells with demand. It builds nothing.
func CheckSize(s *scenario.Scenario) error {
	cells := 0
	for t := range s.Periods() {
		for f := range s.Functions {
			for r := range s.Regions {
				if s.Demand(f, r, t) > 0 {
					cells++
				}
			}
		}
	}
	if cells > MaxCells {
		return &TooLargeError{Cells: cells, Functions: len(s.Functions), Regions: len(s.Regions), Periods: s.Periods()}
	}
	return nil
}
