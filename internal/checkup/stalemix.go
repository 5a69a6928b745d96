package checkup

import (
	"math"
	"sort"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// Sign 1, stale_mix: doing the same things as three years ago.

// Findings of stale_mix.
const (
	// KindNoStaffToday: current_fte is empty; nothing to compare.
	KindNoStaffToday = "no_staff_today"
	// KindStageHasNoDemand: the declared stage (Stage) has no demand.
	KindStageHasNoDemand = "stage_has_no_demand"
	// KindMixDistance: distance (share of today's fte to move) to the
	// declared Stage's profile.
	KindMixDistance = "mix_distance"
	// KindEarlierStageFits: an earlier Stage's profile is closer (distance).
	KindEarlierStageFits = "earlier_stage_fits"
	// KindOverStaffed, KindUnderStaffed: a Function's gap (FTE) to the
	// declared stage's share of today's total.
	KindOverStaffed  = "over_staffed"
	KindUnderStaffed = "under_staffed"
	// Remedies: KindPlanKeepsMix, the plan moves nobody; KindPlanChanges,
	// the plan changes a Function's staffing by change FTE in Period.
	KindPlanKeepsMix = "plan_keeps_mix"
	KindPlanChanges  = "plan_changes_staffing"
)

// StaleMixEvidence compares today's FTE mix across functions with the
// demand profile of each life-cycle stage, in the first period.
type StaleMixEvidence struct {
	Period string `json:"period"`
	Stage  string `json:"stage"` // the declared stage of the first period
	// FTE is today's staff plus the FTE-equivalents of owned investments.
	FTE float64 `json:"fte"`
	// Distance is the total variation distance between today's mix and the
	// declared stage's demand profile (half the sum of the absolute
	// differences of shares): the share of FTE that would have to move.
	Distance float64 `json:"distance"`
	// FTEToMove is Distance * FTE.
	FTEToMove float64 `json:"fte_to_move"`
	// Stages gives the distance to every stage's profile, in life-cycle order.
	Stages []StageDistance `json:"stages"`
	// BestFit is the stage whose profile is closest.
	BestFit string `json:"best_fit"`
	// Over and Under are the functions most over- and under-staffed for the
	// declared stage at today's total: FTE minus the stage's share of it,
	// up to maxNamed each way, each material (minNamedGap, minMoveShare
	// of the largest gap either way).
	Over  []FunctionGap `json:"over"`
	Under []FunctionGap `json:"under"`
}

// StageDistance is the distance of today's mix to one stage's profile.
type StageDistance struct {
	Stage    string  `json:"stage"`
	Distance float64 `json:"distance"`
}

// FunctionGap is a function's FTE today against what the stage's profile
// gives it out of the same total.
type FunctionGap struct {
	ID     string  `json:"id"`
	FTE    float64 `json:"fte"`
	Target float64 `json:"target"`
	Gap    float64 `json:"gap"` // FTE - Target
}

// maxNamed is how many functions the over- and under-staffed lists name.
const maxNamed = 3

// minNamedGap is the smallest gap, in FTE, worth naming.
const minNamedGap = 0.05

func (e *exam) staleMix() Sign {
	s := e.s
	sign := Sign{ID: StaleMix, Title: "Doing the same things as three years ago"}
	const t = 0
	declared := s.Stages[t]
	ev := &StaleMixEvidence{Period: s.PeriodLabel(t), Stage: string(declared), Stages: []StageDistance{}, Over: []FunctionGap{}, Under: []FunctionGap{}}
	sign.Evidence = ev
	mix := make([]float64, len(s.Functions))
	for f := range s.Functions {
		for r := range s.Regions {
			mix[f] += e.asIs.Local[f][r][t] + e.asIs.Central[f][r][t] + toolFTE(s, e.asIs, f, r, t)
		}
		ev.FTE += mix[f]
	}
	if ev.FTE <= 0 {
		sign.Status = OK
		sign.Findings = []plan.Finding{{Kind: KindNoStaffToday}}
		sign.Remedies = noneNeeded
		return sign
	}
	profile := func(st scenario.Stage) ([]float64, bool) {
		out := make([]float64, len(s.Functions))
		var total float64
		for f, fn := range s.Functions {
			for r := range s.Regions {
				out[f] += (fn.FTEPer100Sellers*s.Sellers(r, t)/100 + fn.FTEPerRegion) * fn.StageMultipliers[st]
			}
			total += out[f]
		}
		if total <= 0 {
			return nil, false
		}
		for f := range out {
			out[f] /= total
		}
		return out, true
	}
	dist := func(q []float64) float64 {
		var d float64
		for f := range mix {
			d += math.Abs(mix[f]/ev.FTE - q[f])
		}
		return d / 2
	}
	var declaredProfile []float64
	bestEarlier, earlierStage := math.Inf(1), ""
	best := math.Inf(1)
	before := true
	for _, st := range scenario.Stages {
		if st == declared {
			before = false
		}
		q, ok := profile(st)
		if !ok {
			continue
		}
		d := dist(q)
		ev.Stages = append(ev.Stages, StageDistance{Stage: string(st), Distance: d})
		if d < best-1e-12 {
			best, ev.BestFit = d, string(st)
		}
		if st == declared {
			declaredProfile, ev.Distance = q, d
		} else if before && d < bestEarlier {
			bestEarlier, earlierStage = d, string(st)
		}
	}
	if declaredProfile == nil {
		sign.Status = OK
		sign.Findings = []plan.Finding{{Kind: KindStageHasNoDemand, Stage: string(declared)}}
		sign.Remedies = noneNeeded
		return sign
	}
	ev.FTEToMove = ev.Distance * ev.FTE
	var gaps []FunctionGap
	for f, fn := range s.Functions {
		target := declaredProfile[f] * ev.FTE
		gaps = append(gaps, FunctionGap{ID: fn.ID, FTE: mix[f], Target: target, Gap: mix[f] - target})
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Gap > gaps[j].Gap })
	// A gap is named when it is material, by the remedy's rule: printed
	// as at least 0.1 FTE and at least minMoveShare of the largest gap,
	// either way. whole-people.yaml's lists keep "analytics -0.1" beside
	// "enablement -0.9" (0.13 FTE against 0.85: above a tenth).
	var largest float64
	for _, g := range gaps {
		largest = math.Max(largest, math.Abs(g.Gap))
	}
	least := math.Max(minNamedGap, minMoveShare*largest)
	for _, g := range gaps {
		if g.Gap >= least && len(ev.Over) < maxNamed {
			ev.Over = append(ev.Over, g)
		}
	}
	for i := len(gaps) - 1; i >= 0; i-- {
		if g := gaps[i]; g.Gap <= -least && len(ev.Under) < maxNamed {
			ev.Under = append(ev.Under, g)
		}
	}

	watch, act, margin := e.th(scenario.StaleMixWatch), e.th(scenario.StaleMixAct), e.th(scenario.StaleMixMargin)
	sign.Status = grade(ev.Distance, watch, act)
	earlierFits := earlierStage != "" && bestEarlier < ev.Distance
	if earlierFits {
		if bestEarlier <= ev.Distance-margin {
			sign.Status = Act
		} else {
			sign.Status = worse(sign.Status, Watch)
		}
	}

	md := finding(KindMixDistance, map[string]float64{"distance": ev.Distance, "fte": ev.FTE})
	md.Stage, md.Period = string(declared), ev.Period
	sign.Findings = []plan.Finding{md}
	if earlierFits {
		f := finding(KindEarlierStageFits, map[string]float64{"distance": bestEarlier})
		f.Stage = earlierStage
		sign.Findings = append(sign.Findings, f)
	}
	for _, g := range ev.Over {
		sign.Findings = append(sign.Findings, plan.Finding{Kind: KindOverStaffed, Function: g.ID, Numbers: map[string]float64{"gap": g.Gap}})
	}
	for _, g := range ev.Under {
		sign.Findings = append(sign.Findings, plan.Finding{Kind: KindUnderStaffed, Function: g.ID, Numbers: map[string]float64{"gap": g.Gap}})
	}
	sign.Remedies = e.staleMixRemedy(sign.Status)
	return sign
}

// minMoveShare is the least share of the plan's largest staffing change
// (either way) a change must reach to be named in stale_mix's remedy,
// beside printing as at least 0.1 FTE (minNamedGap); the evidence's over-
// and under-staffed lists name a gap by the same rule against the largest
// gap. The remedy names the
// top moves for a leader to make; a tenth of a person beside moves of
// whole people is noise: centralize-everything.yaml's read "Compensation
// design +2.6, ...; Sales analytics -2.0, Sales enablement -1.0, Sales
// reporting -0.1 FTE". A tenth keeps every move of half a person or more
// the bundled scenarios make (Sales analytics -0.6 beside +2.4).
const minMoveShare = 0.1

// staleMixRemedy names the largest staffing changes the optimized plan
// makes in the first period: up to maxNamed increases, largest first, then
// up to maxNamed decreases, each material (minNamedGap, minMoveShare).
func (e *exam) staleMixRemedy(status string) []plan.Finding {
	s := e.s
	const t = 0
	if status == OK {
		return noneNeeded
	}
	var up, down []plan.Finding
	changes := make([]float64, len(s.Functions))
	var largest float64
	for f := range s.Functions {
		for r := range s.Regions {
			changes[f] += e.opt.Local[f][r][t] + e.opt.Central[f][r][t] - e.asIs.Local[f][r][t] - e.asIs.Central[f][r][t]
		}
		largest = math.Max(largest, math.Abs(changes[f]))
	}
	least := math.Max(minNamedGap, minMoveShare*largest)
	for f, fn := range s.Functions {
		d := changes[f]
		c := plan.Finding{Kind: KindPlanChanges, Function: fn.ID, Period: s.PeriodLabel(t), Numbers: map[string]float64{"change": d}}
		if d >= least {
			up = append(up, c)
		} else if d <= -least {
			down = append(down, c)
		}
	}
	sort.SliceStable(up, func(i, j int) bool { return up[i].N("change") > up[j].N("change") })
	sort.SliceStable(down, func(i, j int) bool { return down[i].N("change") < down[j].N("change") })
	out := append(up[:min(len(up), maxNamed)], down[:min(len(down), maxNamed)]...)
	if len(out) == 0 {
		return []plan.Finding{{Kind: KindPlanKeepsMix}}
	}
	return out
}

// toolFTE is the FTE-equivalents investments deliver on function f in
// region r and period t.
func toolFTE(s *scenario.Scenario, a *plan.Allocation, f, r, t int) float64 {
	var w float64
	d := s.Demand(f, r, t)
	for i, inv := range s.Investments {
		if share := inv.Covers[s.Functions[f].ID]; share != 0 {
			w += share * plan.Effective(s, a, i, t) * d
		}
	}
	return w
}
