package plan

import (
	"math"
	"testing"
)

// A rolled-up function or region ranks as at healthy (Ranked) only when
// every one of its periods does: two months at healthy within CellTol do,
// one month at healthy beside one at 85% ranks by its mean coverage, 87.5%.
func TestRolledRankedAtHealthyOnlyIfEveryPeriod(t *testing.T) {
	period := func(label string, cov, tie float64) Period {
		return Period{Label: label,
			Functions: []Function{{ID: "quotas", Class: "heart", Coverage: cov, tie: tie}},
			Regions:   []Region{{ID: "na", Name: "North America", Heart: cov, tie: tie}}}
	}
	for _, c := range []struct {
		name string
		ps   []Period
		want float64
	}{
		{"both at healthy", []Period{period("2027-04", 0.89999, 0.9), period("2027-05", 0.90001, 0.9)}, 0.9},
		{"one below", []Period{period("2027-04", 0.9, 0.9), period("2027-05", 0.85, 0)}, 0.875},
		{"the last below", []Period{period("2027-04", 0.85, 0), period("2027-05", 0.9, 0.9)}, 0.875},
	} {
		g := rollPeriods("FY28-Q1", c.ps)
		if got := g.Functions[0].Ranked(); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: the function ranks at %v, want %v", c.name, got, c.want)
		}
		if got := g.Regions[0].Ranked(); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: the region ranks at %v, want %v", c.name, got, c.want)
		}
	}
}
