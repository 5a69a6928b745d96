package plan

import (
	"math"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// Cell is one function in one region in one period: where a floor binds
// and where the heart is weak, which the function tables (over all
// regions) and the region tables (over all functions) both hide.
type Cell struct {
	Function string `json:"function"`
	Class    string `json:"class"`
	// Region is the region's name, as in findings; RegionID its id.
	Region      string  `json:"region"`
	RegionID    string  `json:"region_id"`
	Period      string  `json:"period"`
	Demand      float64 `json:"demand"`   // FTE needed
	Coverage    float64 `json:"coverage"` // covered demand / demand, 0..1
	MinCoverage float64 `json:"min_coverage"`
	CentralFTE  float64 `json:"central_fte"`
	LocalFTE    float64 `json:"local_fte"`
	ToolFTE     float64 `json:"tool_fte"` // FTE-equivalents of work done by investments
	// BelowHealthy: a heart cell below healthy_heart (beyond CellTol),
	// which makes its period not healthy.
	BelowHealthy bool `json:"below_healthy"`

	// tie is healthy_heart when the cell is a heart cell within CellTol
	// of it, else 0: see Ranked.
	tie float64
	// tol is a heart cell's CellTol; 0 for a brain cell.
	tol float64
}

// HealthyTol is how far below healthy_heart the heart cell may lie and
// still count as healthy (CellTol of its weight): 0 for a brain cell and
// for a cell read back from JSON.
func (c *Cell) HealthyTol() float64 { return c.tol }

// Ranked is the coverage by which the weakest heart cell is chosen: a
// heart cell within CellTol of healthy_heart (either side) ranks as at
// healthy, since the later stages may move it that far from where the
// first stage put it. Without it two plans equally healthy name different
// weakest cells at the same printed figure, each picked by the round-off
// of its hold: `cardio diff` of the baseline and the shrinking budget
// showed "territories/North America 90.0% → comp_admin/APAC 90.0%" where
// comp_admin in APAC was at 0.89998. A cell read back from JSON ranks by
// its coverage.
func (c *Cell) Ranked() float64 { return ranked(c.Coverage, c.tie) }

// Cell is the period's cell of the function in the region (by id); nil
// when the function has no demand there.
func (p *Period) Cell(function, regionID string) *Cell {
	for i := range p.Cells {
		if c := &p.Cells[i]; c.Function == function && c.RegionID == regionID {
			return c
		}
	}
	return nil
}

// WeakerCell reports whether heart cell a ranks below b (Ranked).
func WeakerCell(a, b *Cell) bool { return a.Ranked() < b.Ranked()-1e-12 }

// healthyTie is h when x lies within tol > 0 of it, else 0: the tie field
// of a Cell, Function or Region.
func healthyTie(x, h, tol float64) float64 {
	if tol > 0 && math.Abs(x-h) <= tol {
		return h
	}
	return 0
}

func ranked(x, tie float64) float64 {
	if tie != 0 {
		return tie
	}
	return x
}

// HeartCellWeight is the weight of heart function f in region r in period
// t in the stage-1 objective and in the heart score, w[f] s[r,t] / sum of
// heart weights; 0 for a brain function. A heart cell is one with demand
// and a positive weight: a function weighing 0, or a region whose sellers
// share is 0, counts in no score, and the optimizer has no reason to raise
// it, so it does not decide whether the heart is healthy either.
func HeartCellWeight(s *scenario.Scenario, f, r, t int) float64 {
	if s.Functions[f].Class != scenario.Heart {
		return 0
	}
	var w float64
	for _, fn := range s.Functions {
		if fn.Class == scenario.Heart {
			w += fn.Weight
		}
	}
	if w == 0 {
		return 0
	}
	return s.Functions[f].Weight * s.SellerShare(r, t) / w
}

// CellTol is how far below healthy_heart a heart cell of weight c may lie
// and still count as healthy. The later stages hold stage 1's optimum to
// ScoreTol of the heart score, and may spend that slack on one cell: a
// cell's coverage then moves by the slack divided by its weight. A plan
// that meets healthy must not read as sick from round-off.
func CellTol(periods int, c float64) float64 {
	tol := ScoreTol(periods)
	if c > 0 && c < 1 {
		tol /= c
	}
	return tol
}

// buildCells returns period t's cells (functions in catalog order with
// heart first, as Period.Functions, then regions in scenario order), the
// weakest heart cell (nil when there is none) and whether every heart cell
// is healthy.
func buildCells(s *scenario.Scenario, a *Allocation, t int) (cells []Cell, weakest *Cell, healthy bool) {
	healthy = true
	low := -1 // index of the weakest heart cell
	label := s.PeriodLabel(t)
	for _, class := range []scenario.Class{scenario.Heart, scenario.Brain} {
		for f, fn := range s.Functions {
			if fn.Class != class {
				continue
			}
			for r, reg := range s.Regions {
				d := s.Demand(f, r, t)
				if d <= 0 {
					continue
				}
				c := Cell{Function: fn.ID, Class: string(fn.Class), Region: reg.Name, RegionID: reg.ID, Period: label,
					Demand: d, Coverage: Coverage(s, a, f, r, t), MinCoverage: fn.MinCoverage,
					CentralFTE: a.Central[f][r][t], LocalFTE: a.Local[f][r][t], ToolFTE: toolFTE(s, a, f, r, t)}
				cells = append(cells, c)
				w := HeartCellWeight(s, f, r, t)
				if w <= 0 {
					continue
				}
				cell := &cells[len(cells)-1]
				tol := CellTol(s.Periods(), w)
				if c.Coverage < s.Policy.HealthyHeart-tol {
					healthy = false
					cell.BelowHealthy = true
				}
				cell.tie, cell.tol = healthyTie(c.Coverage, s.Policy.HealthyHeart, tol), tol
				if low < 0 || WeakerCell(cell, &cells[low]) {
					low = len(cells) - 1
				}
			}
		}
	}
	if low >= 0 {
		w := cells[low]
		weakest = &w
	}
	return cells, weakest, healthy
}

// WeakestHeartTies counts the period's other heart cells (a heart
// function with demand in a region) whose coverage reads as WeakestHeart's
// at the tables' precision (Shown), and says whether every heart cell of
// the period does (two at least): the table's legend names the weakest
// with them, "and 3 other heart functions in a region as low in this
// quarter", since naming one of four alike would single it out. 0 and
// false when the period has no weakest heart cell. A period without
// cells (rolled up: RollUp) gives what the roll-up counted over its
// periods' cells (WeakestTied, WeakestAllTie).
func (p *Period) WeakestHeartTies() (others int, all bool) {
	if p.WeakestHeart == nil {
		return 0, false
	}
	if len(p.Cells) == 0 {
		return p.WeakestTied, p.WeakestAllTie
	}
	return HeartCellTies(p.Cells, p.WeakestHeart)
}

// WeakestHeartFunction is the period's heart function with the lowest
// coverage over its regions, ranked as Function.Ranked (the first in the
// plan's order on a tie), with how many other heart functions with demand
// read as low at the tables' precision and whether all do (asLowAs): the
// weakest point of the heart-brain chart. It is nil when the period has
// no heart function.
func (p *Period) WeakestHeartFunction() (w *Function, others int, all bool) {
	low := math.Inf(1)
	for i := range p.Functions {
		if f := &p.Functions[i]; f.Class == string(scenario.Heart) && f.Ranked() < low {
			w, low = f, f.Ranked()
		}
	}
	if w == nil {
		return nil, 0, false
	}
	others, all = HeartFunctionTies(p.Functions, w)
	return w, others, all
}

// HeartFunctionTies counts the heart functions (with demand) other than
// w's whose coverage over all regions in fns reads as low as w's, as the
// tables print it (Function.Shown), and says whether every one does
// (asLowAs). The functions may be of several periods: a function counts
// once.
func HeartFunctionTies(fns []Function, w *Function) (others int, all bool) {
	return asLowAs(w.Shown(), w.ID, func(yield func(string, float64) bool) {
		for _, f := range fns {
			if f.Class == string(scenario.Heart) && f.Demand > 0 && !yield(f.ID, f.Shown()) {
				return
			}
		}
	})
}

// FunctionPeriodsAsLow lists the periods of ps in which w's function
// (with demand) reads as low as w as the tables print it
// (Function.Shown): the words name them all, since naming the first alone
// ("Quoting and CPQ (0.0% in 2027-Q1)") singled out one quarter of a
// function at 0.0% in all four.
func FunctionPeriodsAsLow(ps []Period, w *Function) []string {
	var at []string
	low := w.Shown()
	for _, per := range ps {
		for _, fn := range per.Functions {
			if fn.ID == w.ID && fn.Demand > 0 && fn.Shown() == low {
				at = append(at, per.Label)
			}
		}
	}
	return at
}

// HeartCellTies counts the heart functions in a region (pairs of a
// function and a region with demand) other than w's with a cell of cells
// as low as w as the tables print it (Shown), and says whether every
// heart cell of cells is (two at least). The cells may be of several
// periods: a pair counts once.
func HeartCellTies(cells []Cell, w *Cell) (others int, all bool) {
	type pair struct{ function, region string }
	return asLowAs(w.Shown(), pair{w.Function, w.Region}, func(yield func(pair, float64) bool) {
		for _, c := range cells {
			if c.Class == "heart" && c.Demand > 0 && !yield(pair{c.Function, c.Region}, c.Shown()) {
				return
			}
		}
	})
}

// Shown is the cell's coverage as the tables print it (ShownCoverage).
func (c *Cell) Shown() float64 { return ShownCoverage(c.Coverage, c.BelowHealthy) }

// Shown is the function's coverage over all regions as the tables print
// it (ShownCoverage): desk at 89.96% over North and South read "90.0%" in
// the plan's coverage by function and compare's weakest heart function
// beside "some heart function below 90.0% in some region".
func (f *Function) Shown() float64 { return ShownCoverage(f.Coverage, f.BelowHealthy) }

// Shown is the region's heart as the tables print it (ShownCoverage): a
// region whose one heart cell is desk at 89.96% read "90.0%" in the plan's
// regions table beside a heart that is not healthy.
func (r *Region) Shown() float64 { return ShownCoverage(r.Heart, r.BelowHealthy) }

// ShownCoverage is a coverage x as the tables print it: to the nearest
// tenth of a point (Shown), but a heart cell, heart function or region's
// heart below healthy (below) rounded down, as a heart score that is not
// healthy is, so that it never reads as the threshold it misses (89.96%
// read "90.0%*" beside "* below the healthy 90.0%"). The 1e-6 of a tenth
// keeps a step's binary form (0.85 is 0.8499999...) at that step. Cell.Shown,
// Function.Shown and Region.Shown, and every view that prints one, go by
// it.
func ShownCoverage(x float64, below bool) float64 {
	if below {
		return math.Floor(x/ShownPrecision+1e-6) * ShownPrecision
	}
	return Shown(x)
}

// asLowAs is the rule by which the weakest heart cell or function is
// said with its ties: the subjects of seq other than own with some
// coverage that reads as low as low at the tables' precision (Shown),
// each counted once, and whether every coverage of seq does (two at
// least: one cell alone is not "every heart function"). The plan's
// legend and In short, diff, review, compare and the workbench all
// count by it.
func asLowAs[K comparable](low float64, own K, seq func(yield func(K, float64) bool)) (others int, all bool) {
	lo := Shown(low)
	at := map[K]bool{own: true}
	n := 0
	all = true
	for k, x := range seq {
		n++
		if Shown(x) == lo {
			at[k] = true
		} else {
			all = false
		}
	}
	return len(at) - 1, all && n > 1
}

// PeriodsAsLow counts the periods of ps whose weakest heart cell reads as
// w as the tables print it (Cell.Shown), and gives the first of them: the
// heading of the coverage table says "the first of 3 quarters of the
// lowest heart coverage", or "every quarter is as low" when n is
// len(ps), since the period it shows is one of those alike. A cell below
// healthy reads rounded down, so it is not as low as a healthy one at
// the threshold: by the nearest tenth, the baseline at $5,593,030 a year
// (comp_admin in APAC at 89.997%, 89.9%* in 2027-Q4's table) read "every
// quarter is as low" of quarters whose lowest was a healthy 90.0%.
func PeriodsAsLow(ps []Period, w *Cell) (n int, first string) {
	if w == nil {
		return 0, ""
	}
	low := w.Shown()
	for _, per := range ps {
		if per.WeakestHeart != nil && per.WeakestHeart.Shown() == low {
			n++
			if first == "" {
				first = per.Label
			}
		}
	}
	return n, first
}
