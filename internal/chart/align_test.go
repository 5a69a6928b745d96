package chart

import (
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPanelsAligned: panels one above the other share their periods, so a
// period sits at the same x in each, though their tick labels differ in
// width ("$1.60M" against "100%"): the data areas of all panels start and
// end at the same x.
func TestPanelsAligned(t *testing.T) {
	cats := []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}
	c := &Chart{Kind: Compare, Panels: []Panel{
		{YLabel: "heart", Y: Unit{Kind: Percent}, Categories: cats, YMin: 0, YMax: 1, YFixed: true,
			Series: []Series{{Name: "a", Type: Line, Y: []float64{0.9, 0.9, 0.9, 0.9}}}},
		{YLabel: "spend (USD)", Y: Unit{Kind: Money, Currency: "USD"}, Categories: cats,
			Series: []Series{{Name: "a", Type: Line, Y: []float64{1.55e6, 1.6e6, 1.61e6, 1.62e6}}}},
		{YLabel: "FTE", Y: Unit{Kind: People}, Categories: cats,
			Series: []Series{{Name: "a", Type: Bar, Y: []float64{40, 41, 42, 43}}}},
	}}
	img := vgimg.New(860, 1020)
	area := draw.New(img)
	plots, _, canvases, _, err := c.layout(area, 80)
	if err != nil {
		t.Fatal(err)
	}
	var minX, maxX []vg.Length
	for i, pl := range plots {
		dc := pl.DataCanvas(canvases[i])
		minX, maxX = append(minX, dc.Min.X), append(maxX, dc.Max.X)
	}
	for i := 1; i < len(plots); i++ {
		if math.Abs(float64(minX[i]-minX[0])) > 1e-6 || math.Abs(float64(maxX[i]-maxX[0])) > 1e-6 {
			t.Errorf("panel %d's data area spans x %v to %v, panel 0's %v to %v", i, minX[i], maxX[i], minX[0], maxX[0])
		}
	}
}
