package scenario

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestPeriodLabel(t *testing.T) {
	for _, c := range []struct {
		horizon string
		want    []string
	}{
		{"{start: 2027-Q3, periods: 6}", []string{"2027-Q3", "2027-Q4", "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4"}},
		{"{start: 2027-Q4, periods: 5}", []string{"2027-Q4", "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4"}},
		{"{start: 2027, periods: 3, period: year}", []string{"2027", "2028", "2029"}},
	} {
		s := mustLoad(t, "t.yaml", edit(t, "horizon:\n  start: 2027-Q1\n  periods: 4\n", "horizon: "+c.horizon+"\n"))
		for i, want := range c.want {
			if got := s.PeriodLabel(i); got != want {
				t.Errorf("%s: PeriodLabel(%d) = %s, want %s", c.horizon, i, got, want)
			}
		}
	}
}

func TestSellersAndBudgetCompoundPerPeriod(t *testing.T) {
	s := mustLoad(t, "t.yaml", edit(t, "annual: 1000000\n", "annual: 4000000\n  change_per_year: -0.1\n"), "regions[0].seller_growth_per_year=0.2")
	for p := range 4 {
		if got, want := s.PeriodBudget(p), 1e6*math.Pow(0.9, float64(p)/4); !near(got, want) {
			t.Errorf("quarter %d budget = %v, want %v", p+1, got, want)
		}
		if got, want := s.Sellers(0, p), 100*math.Pow(1.2, float64(p)/4); !near(got, want) {
			t.Errorf("quarter %d sellers = %v, want %v", p+1, got, want)
		}
	}
	if got, want := s.PeriodBudget(1), 1e6*math.Pow(0.9, 0.25); !near(got, want) {
		t.Errorf("period 2 budget = %v, want 1,000,000 * 0.9^0.25 = %v", got, want)
	}
	y := mustLoad(t, "t.yaml", baseDoc, "horizon={start: 2027, periods: 3}", "budget={annual: 4000000, change_per_year: -0.1}")
	for p, want := range []float64{4e6, 3.6e6, 3.24e6} {
		if got := y.PeriodBudget(p); !near(got, want) {
			t.Errorf("year %d budget = %v, want %v", p+1, got, want)
		}
	}
	pp := mustLoad(t, "t.yaml", baseDoc, "budget={per_period: [1, 2, 3, 4]}")
	if pp.PeriodBudget(2) != 3 {
		t.Errorf("per_period budget of period 3 = %v, want 3", pp.PeriodBudget(2))
	}
}

func TestSellerShare(t *testing.T) {
	s, err := Load("testdata/baseline.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.SellerShare(1, 0); !near(got, 140.0/360) {
		t.Errorf("EMEA's share = %v, want 140/360", got)
	}
	na := 220 * math.Pow(1.08, 0.75)
	if got := s.SellerShare(0, 3); !near(got, na/(na+140)) {
		t.Errorf("North America's share in Q4 = %v, want %v", got, na/(na+140))
	}
}

func TestDemandFollowsTheStage(t *testing.T) {
	s, err := Load("testdata/baseline.yaml", []string{"stage=[launch, growth, expansion, margin]"})
	if err != nil {
		t.Fatal(err)
	}
	// EMEA has 140 sellers and no growth; cpq needs 0.5 FTE per 100 sellers
	// and 0.1 per region, times 0.3, 0.6, 1.0, 1.4 by stage.
	const emea = 1
	f := s.FunctionIndex("cpq")
	for p, mult := range []float64{0.3, 0.6, 1.0, 1.4} {
		if got, want := s.Demand(f, emea, p), (0.5*140/100+0.1)*mult; !near(got, want) {
			t.Errorf("cpq demand in EMEA, period %d = %v, want %v", p+1, got, want)
		}
	}
	po := s.FunctionIndex("partner_ops") // 0.4 per 100, 0.1 per region; launch 0.5, margin 1.2, others 1
	for p, mult := range []float64{0.5, 1, 1, 1.2} {
		if got, want := s.Demand(po, emea, p), (0.4*140/100+0.1)*mult; !near(got, want) {
			t.Errorf("partner_ops demand in EMEA, period %d = %v, want %v", p+1, got, want)
		}
	}
}

// SellerShares is SellerShare of every region, and the shares add up to 1,
// also when there are no sellers (equal shares).
func TestSellerShares(t *testing.T) {
	s := mustLoad(t, "t.yaml", edit(t, "annual: 1000000\n", "annual: 1000000\n"), "regions[0].seller_growth_per_year=0.2")
	s.Regions = append(s.Regions, s.Regions[0], s.Regions[0])
	s.Regions[1].Sellers, s.Regions[2].Sellers = 300, 0
	for _, zero := range []bool{false, true} {
		if zero {
			for r := range s.Regions {
				s.Regions[r].Sellers = 0
			}
		}
		for p := range s.Periods() {
			shares := s.SellerShares(p)
			var sum float64
			for r, got := range shares {
				sum += got
				if want := s.SellerShare(r, p); got != want {
					t.Errorf("zero=%v period %d: SellerShares[%d] = %v, SellerShare = %v", zero, p, r, got, want)
				}
			}
			if !near(sum, 1) {
				t.Errorf("zero=%v period %d: shares add up to %v", zero, p, sum)
			}
		}
	}
	if got := s.SellerShares(0)[1]; got != 1.0/3 {
		t.Errorf("no sellers: share %v, want 1/3", got)
	}
}

// Staffing all the demand may not cost more than 1e15 a year, though
// sellers, rates and costs are each in range (issue 17): 1e12 sellers at
// 1 FTE per 100 and $100,000 a person cost exactly 1e15 a year and load;
// twice as many are refused, at the region that costs most.
func TestDemandCostLimit(t *testing.T) {
	fns := "catalog: none\nfunctions:\n  - {id: ops, class: heart, locality: either, fte_per_100_sellers: 1}\n"
	if got := loadErr(t, "t.yaml", edit(t, "sellers: 100", "sellers: 1e12")+fns); got != "" {
		t.Errorf("1e15 a year: %s", got)
	}
	want := `t.yaml:9:5: regions[0]: staffing all the demand of 2027-Q1 costs up to 2,000,000,000,000,000 a year, 2,000,000,000,000,000 of it in EMEA: lower sellers, FTE rates or costs per FTE (money the model computes must be at most 1,000,000,000,000,000)`
	if got := loadErr(t, "t.yaml", edit(t, "sellers: 100", "sellers: 2e12")+fns); got != want {
		t.Errorf("2e15 a year:\n got %s\nwant %s", got, want)
	}
}
