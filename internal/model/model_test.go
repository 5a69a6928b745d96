package model_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

func load(t *testing.T, file string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The model's ramp is written over levels; plan.Effective computes it from
// increases as DESIGN.md words it. On random level paths they must agree.
func TestEffectiveTermsMatchIncreases(t *testing.T) {
	s := load(t, "../../scenarios/baseline.yaml")
	rng := rand.New(rand.NewPCG(1, 2))
	for _, ramp := range []int{0, 1, 2, 5} {
		s.Investments[0].RampPeriods = ramp
		m := model.Build(s)
		for range 50 {
			a := plan.NewAllocation(s)
			y := 0.0
			x := make([]float64, len(m.Problem.Vars))
			for t := range s.Periods() {
				y = math.Min(1, y+rng.Float64()*0.5) // levels never fall
				a.Level[0][t] = y
				x[m.Level[0][t]] = y
			}
			for tt := range s.Periods() {
				var e float64
				for _, term := range m.EffectiveTerms(0, tt) {
					e += term.Coef * x[term.Var]
				}
				if want := plan.Effective(s, a, 0, tt); math.Abs(e-want) > 1e-12 {
					t.Fatalf("ramp %d period %d: model %.15g, increases %.15g", ramp, tt, e, want)
				}
			}
		}
	}
}

// Variables exist only where there is demand, and the names say what they are.
func TestModelShape(t *testing.T) {
	s := load(t, "../../scenarios/baseline.yaml")
	m := model.Build(s)
	nF, nR, nT, nI := len(s.Functions), len(s.Regions), s.Periods(), len(s.Investments)
	// Every catalog function has demand in every region here: 3 variables
	// per (f, r, t), one more (cov_above_healthy) per heart (f, r, t), a level
	// per (i, t), and heart, brain, heart_to_healthy and spend per period.
	nHeart := 0
	for _, fn := range s.Functions {
		if fn.Class == scenario.Heart {
			nHeart++
		}
	}
	if want := 3*nF*nR*nT + nHeart*nR*nT + nI*nT + 4*nT; len(m.Problem.Vars) != want {
		t.Errorf("%d variables, want %d", len(m.Problem.Vars), want)
	}
	if got := m.Problem.Vars[m.AboveHealthy[0][1][2]].Name; got != "cov_above_healthy[territories,emea,2027-Q3]" {
		t.Errorf("variable name %q", got)
	}
	if m.AboveHealthy[len(s.Functions)-1][0][0] != model.None {
		t.Error("a brain function has a cov_above_healthy variable")
	}
	// A heart cell's coverage is split at healthy (0.9): the floor bounds
	// the part up to healthy, the rest goes up to 1.
	if v := m.Problem.Vars[m.AboveHealthy[2][0][0]]; v.Lower != 0 || math.Abs(v.Upper-0.1) > 1e-15 {
		t.Errorf("comp_admin coverage above healthy bounds [%g, %g], want [0, 0.1]", v.Lower, v.Upper)
	}
	if got := m.Problem.Vars[m.Local[0][1][2]].Name; got != "L[territories,emea,2027-Q3]" {
		t.Errorf("variable name %q", got)
	}
	if v := m.Problem.Vars[m.Cov[2][0][0]]; v.Lower != 0.8 || v.Upper != 0.9 {
		t.Errorf("comp_admin coverage bounds [%g, %g], want the floor 0.8 and healthy 0.9", v.Lower, v.Upper)
	}
	if v := m.Problem.Vars[m.Cov[len(s.Functions)-1][0][0]]; v.Lower != 0 || v.Upper != 1 {
		t.Errorf("brain coverage bounds [%g, %g], want [0, 1]", v.Lower, v.Upper)
	}
	if !m.Problem.Vars[m.Level[0][0]].Integer {
		t.Error("the all-or-nothing CPQ level is not integer")
	}

	// A region without sellers needs only the per-region demand; with a
	// function that has none, that function gets no variables there.
	s.Regions[2].Sellers = 0
	s.Functions[0].FTEPerRegion = 0
	m = model.Build(s)
	if m.Local[0][2][0] != model.None || m.Cov[0][2][0] != model.None {
		t.Error("variables for a function without demand")
	}
	if m.Local[1][2][0] == model.None {
		t.Error("no variables for a function with per-region demand")
	}
}

// Every hold row of a lexicographic solve is named after its stage, and
// stage 1 is what export-lp writes.
func TestStage1Objective(t *testing.T) {
	s := load(t, "../../scenarios/baseline.yaml")
	m := model.Build(s)
	p := m.Stage1()
	if !p.Maximize {
		t.Fatal("stage 1 minimizes")
	}
	for j, c := range p.Obj {
		isH1 := strings.HasPrefix(p.Vars[j].Name, "heart_to_healthy[")
		if (c != 0) != isH1 || (isH1 && c != 1) {
			t.Errorf("objective coefficient %g on %s", c, p.Vars[j].Name)
		}
	}
	if m.Problem.Obj != nil {
		t.Error("Stage1 modified the model's own problem")
	}
	if n := len(m.Objectives()); n != model.NumStages {
		t.Errorf("%d objectives, NumStages %d", n, model.NumStages)
	}
	for k, o := range m.Objectives() {
		if k < len(model.StageNames) && o.Name != model.StageNames[k] {
			t.Errorf("objective %d is %s, StageNames says %s", k+1, o.Name, model.StageNames[k])
		}
	}
}

// LocalTerms of one region are the terms of the all-regions list whose
// variable belongs to that region, in the same order: the hire and exit
// rows of each region hold its own local staff and nobody else's.
func TestLocalTermsOfOneRegion(t *testing.T) {
	s := load(t, "../../scenarios/baseline.yaml")
	m := model.Build(s)
	region := map[int]int{}
	for f := range m.Local {
		for r := range m.Local[f] {
			for _, j := range m.Local[f][r] {
				region[j] = r
			}
		}
	}
	for tt := range s.Periods() {
		all := m.LocalTerms(-1, tt, 1)
		n := 0
		for r := range s.Regions {
			var want []int
			for _, term := range all {
				if region[term.Var] == r {
					want = append(want, term.Var)
				}
			}
			got := m.LocalTerms(r, tt, 2)
			n += len(got)
			if len(got) != len(want) {
				t.Fatalf("period %d region %d: %d terms, want %d", tt, r, len(got), len(want))
			}
			for k, term := range got {
				if term.Var != want[k] || term.Coef != 2 {
					t.Errorf("period %d region %d term %d: %+v, want variable %d coefficient 2", tt, r, k, term, want[k])
				}
			}
		}
		if n != len(all) || n == 0 {
			t.Errorf("period %d: regions hold %d terms, all regions %d", tt, n, len(all))
		}
	}
}

// investments[].decision becomes the bounds of the investment's levels in
// every period: in fixes them at 1, out at 0, optimize leaves [0, 1]; an
// owned investment is at 1 whatever the decision.
func TestDecisionBounds(t *testing.T) {
	s := load(t, "../../scenarios/baseline.yaml")
	for _, c := range []struct {
		decision scenario.Decision
		owned    bool
		lo, hi   float64
	}{
		{scenario.Optimize, false, 0, 1},
		{scenario.In, false, 1, 1},
		{scenario.Out, false, 0, 0},
		{scenario.Optimize, true, 1, 1},
		{scenario.In, true, 1, 1},
	} {
		s.Investments[0].Decision, s.Investments[0].Owned = c.decision, c.owned
		m := model.Build(s)
		for tt := range s.Periods() {
			v := m.Problem.Vars[m.Level[0][tt]]
			if v.Lower != c.lo || v.Upper != c.hi {
				t.Errorf("decision %s, owned %v: %s in [%g, %g], want [%g, %g]", c.decision, c.owned, v.Name, v.Lower, v.Upper, c.lo, c.hi)
			}
		}
	}
}
