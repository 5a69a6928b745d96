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

// ErrWholePeopleScale: policy.whole_people with a demand outside the range
// the model counts in people (see fteUnit). At a demand of a million FTE a
// cell, whole people change nothing a plan shows and the branch and bound
// would search integers beyond the precision of its tolerances; below a
// thousandth of an FTE the plan is no one.
var ErrWholePeopleScale = errors.New("model: whole people with a demand outside the range counted in people")

// WholePeopleScaleError says which demand puts whole people out of range.
type WholePeopleScaleError struct {
	Largest, Low, High float64 // the largest demand of a cell, and the range
}

func (e *WholePeopleScaleError) Error() string {
	return fmt.Sprintf("policy.whole_people needs the largest demand of one function in one region and period between %g and %g FTE, and it is %g FTE: plan without whole_people",
		e.Low, e.High, e.Largest)
}

// Is makes errors.Is(err, ErrWholePeopleScale) hold.
func (e *WholePeopleScaleError) Is(target error) bool { return target == ErrWholePeopleScale }

// CheckSize returns a *TooLargeError when the model of s would have more
// than MaxCells cells with demand, and a *WholePeopleScaleError when s
// asks for whole people at a demand its model would not count in people.
// It builds nothing.
func CheckSize(s *scenario.Scenario) error {
	var top float64
	cells := 0
	for t := range s.Periods() {
		for f := range s.Functions {
			for r := range s.Regions {
				if d := s.Demand(f, r, t); d > 0 {
					cells++
					top = max(top, d)
				}
			}
		}
	}
	if cells > MaxCells {
		return &TooLargeError{Cells: cells, Functions: len(s.Functions), Regions: len(s.Regions), Periods: s.Periods()}
	}
	if s.Policy.WholePeople && top > 0 && (top < fteLow || top > fteHigh) {
		return &WholePeopleScaleError{Largest: top, Low: fteLow, High: fteHigh}
	}
	return nil
}
