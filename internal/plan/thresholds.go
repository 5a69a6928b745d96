package plan

import "math"

// ThresholdMaxDecimals is the most decimals of a percentage a threshold
// (healthy_heart, a floor) or a cell compared with one prints with: a
// millionth, the FloorTol by which a cell counts as at its floor.
const ThresholdMaxDecimals = 4

// FloorTol is how far above its floor a cell may lie and still count as
// at it (marked "!" in the coverage table, outlined in the heat map): a
// binding floor's round-off.
const FloorTol = 1e-6

// ThresholdDecimals is the decimals of a percentage with which a threshold
// x (a fraction: healthy_heart, a function's min_coverage) prints: the
// fewest, from 1, that give it exactly, so that 0.9 is 90.0% and 0.8555
// 85.55%; past ThresholdMaxDecimals, that many (ShownThreshold rounds it
// down). A threshold printed to the nearest tenth contradicted the cells
// beside it: a floor of 0.8555 read 85.6% beside a cell at 0.8556,
// 85.5%*, above its floor and not marked at it.
func ThresholdDecimals(x float64) int {
	for d := 1; d < ThresholdMaxDecimals; d++ {
		u := x * math.Pow10(d+2)
		if math.Abs(u-math.Round(u)) <= 1e-6 {
			return d
		}
	}
	return ThresholdMaxDecimals
}

// ShownThreshold is a threshold x as it prints (at ThresholdDecimals):
// x itself, but past four decimals of a percentage rounded down, as the
// limits of people are (docs/output.md).
func ShownThreshold(x float64) float64 {
	d := ThresholdDecimals(x)
	u := x * math.Pow10(d+2)
	if r := math.Round(u); math.Abs(u-r) <= 1e-6 {
		return r / math.Pow10(d+2)
	}
	return math.Floor(u) / math.Pow10(d+2)
}

// AtFloor reports whether the cell is at (or below) its floor, within
// FloorTol: the coverage table's "!".
func (c *Cell) AtFloor() bool { return c.MinCoverage > 0 && c.Coverage <= c.MinCoverage+FloorTol }

// ShownAgainst is the cell's coverage as the coverage table prints it
// beside the thresholds it is compared with there (healthy, the plan's
// healthy_heart, for a heart cell; its floor), and the decimals of a
// percentage it prints with: ShownCoverage, one decimal, when that
// figure sits on the same side of each printed threshold
// (ShownThreshold) as the coverage does; else rounded down at the
// thresholds' decimals, or more up to four until it does. A cell below
// healthy reads below the printed healthy heart, any other heart cell
// that counts as healthy (within its CellTol) at or above it; a cell at
// its floor (AtFloor) at or below the printed floor, any other above it.
// A value rounded down at d decimals stays below a threshold exact at d
// decimals that it is below, and at or above one it is at or above; a
// cell within a tolerance of a threshold on the other side reads at it.
// A floor of 0.8555 (85.55%) and a cell at 0.8556 below a healthy 90%:
// 85.5%* read below the floor it is above; it reads 85.56%*.
func (c *Cell) ShownAgainst(healthy float64) (x float64, decimals int) {
	heart := c.Class == "heart"
	// A heart cell that counts as healthy: at or above healthy, or below
	// it within its tolerance (Ranked ranks it as at healthy). A heart
	// cell that weighs nothing (HealthyTol 0) below healthy is neither
	// healthy nor below: nothing holds it to the threshold.
	healthyCell := heart && !c.BelowHealthy && c.Coverage >= healthy-c.HealthyTol()-1e-9
	return shownAgainst(c.Coverage, against{
		healthy: healthy, below: heart && c.BelowHealthy, healthyCell: healthyCell,
		floor: c.MinCoverage, atFloor: c.AtFloor(),
	})
}

// against are the thresholds a coverage is compared with, and the
// verdicts it must read with: below healthy, counted healthy, at its
// floor (floor > 0).
type against struct {
	healthy            float64
	below, healthyCell bool
	floor              float64
	atFloor            bool
}

// micros is a fraction in millionths (hundredths of a thousandth of a
// point, the finest a printed percentage goes), rounded to the nearest:
// the printed figures compared as whole numbers.
func micros(x float64) int64 { return int64(math.Round(x * 1e6)) }

// wrong reports whether the printed figure v sits on the wrong side of
// the printed healthy heart, and of the printed floor, for the verdicts
// of a: a figure equal to a threshold reads at it.
func (a against) wrong(v float64) (healthy, floor bool) {
	m, h, f := micros(v), micros(ShownThreshold(a.healthy)), micros(ShownThreshold(a.floor))
	healthy = a.below && m >= h || a.healthyCell && m < h
	floor = a.floor > 0 && a.atFloor != (m <= f)
	return healthy, floor
}

// reads reports whether the printed figure v sits on the sides of the
// printed thresholds that the verdicts of a say.
func (a against) reads(v float64) bool {
	h, f := a.wrong(v)
	return !h && !f
}

// shownAgainst is ShownAgainst over the coverage x and its verdicts a.
func shownAgainst(x float64, a against) (float64, int) {
	v := ShownCoverage(x, a.below)
	wrongH, wrongF := a.wrong(v)
	if !wrongH && !wrongF {
		return v, 1
	}
	// At least the decimals of the thresholds the figure reads wrongly
	// against (two: one is what read wrongly).
	d := 2
	if wrongH {
		d = max(d, ThresholdDecimals(a.healthy))
	}
	if wrongF {
		d = max(d, ThresholdDecimals(a.floor))
	}
	// A cell counted healthy within its tolerance below healthy reads at
	// healthy, and one at its floor within FloorTol above it at the floor,
	// as their verdicts say.
	if a.healthyCell && x < a.healthy {
		x = a.healthy
	}
	if a.floor > 0 && a.atFloor && x > a.floor {
		x = a.floor
	}
	for ; d <= ThresholdMaxDecimals; d++ {
		if v := downAt(x, d); a.reads(v) {
			return v, d
		}
	}
	// Only a healthy heart past four decimals, printed rounded down, with
	// a cell below it but not below the printed figure: it reads a step
	// below that.
	v = downAt(x, ThresholdMaxDecimals)
	if h := micros(ShownThreshold(a.healthy)); a.below && micros(v) >= h {
		v = float64(h-1) / 1e6
	}
	return v, ThresholdMaxDecimals
}

// downAt is a fraction x as a percentage rounded down at d decimals,
// within a millionth of a step (a step's binary form is that step, as in
// ShownCoverage).
func downAt(x float64, d int) float64 {
	s := math.Pow10(d + 2)
	return math.Floor(x*s+1e-6) / s
}

// HeartShownAgainst is a heart score x (a period's, or a mean over
// periods) as every view prints it beside its healthy verdict, read
// against the healthy heart threshold, and the decimals of a percentage
// it prints with. A score that is not healthy is HeartShown's, rounded
// down to a tenth (the verdict is the cells', and such a score may lie on
// either side of the threshold). A healthy score reads to the nearest
// tenth, unless that tenth reads below the threshold as printed
// (ShownThreshold): a threshold that is not a whole tenth, 0.9054 printed
// 90.54%, beside a score held at it, which a tenth reads 90.5%, below
// every heart cell of the plan. Then it prints at the threshold's
// decimals (at least two), rounded down, never below the threshold: a
// healthy score lies at it within ScoreTol, and reads as it. As with
// HeartShown, a healthy score printed at a tenth is x itself (the views
// print it to the nearest tenth).
func HeartShownAgainst(x float64, healthy bool, threshold float64) (float64, int) {
	if !healthy {
		return HeartShown(x, false), 1
	}
	if v, d := shownAgainst(x, against{healthy: threshold, healthyCell: true}); d > 1 {
		return v, d
	}
	return x, 1
}

// HeartReadAgainst is a heart figure x with a below-healthy verdict of its
// own or none (a heart function over all regions, a region's heart, a
// heart cell named without its floor, a budget case's mean heart against
// its target), as every view prints it against the threshold, and its
// decimals: below (its verdict), rounded down to a tenth (ShownCoverage);
// at or above the threshold, or under it within HeartStepTol, as a
// healthy heart score reads (HeartShownAgainst: 90.54% at a threshold of
// 0.9054, not 90.5%); else, more than HeartStepTol under it with no
// verdict (a plan read back from an older cardio's JSON, a cell of no
// weight), x itself, printed to the nearest tenth. The views, the
// workbooks and the budget case all go by it.
func HeartReadAgainst(x float64, below bool, threshold float64) (float64, int) {
	switch {
	case below:
		return ShownCoverage(x, true), 1
	case x < threshold-HeartStepTol:
		return x, 1
	}
	return HeartShownAgainst(x, true, threshold)
}
