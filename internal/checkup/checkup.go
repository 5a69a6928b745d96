package checkup

import (
	"context"
	"errors"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Statuses of a sign, from good to bad.
const (
	OK    = "ok"
	Watch = "watch"
	Act   = "act"
)

// Sign ids, in the order a report lists them.
const (
	StaleMix         = "stale_mix"
	BrainBeforeHeart = "brain_before_heart"
	LostLocalTouch   = "lost_local_touch"
	ShrinkingBudget  = "shrinking_budget"
)

// Report is the result of `cardio checkup`.
type Report struct {
	FormatVersion int     `json:"format_version"`
	Scenario      string  `json:"scenario"`
	Description   string  `json:"description,omitempty"`
	Currency      string  `json:"currency"`
	HealthyHeart  float64 `json:"healthy_heart"`
	// Period is the length of a period: quarter or year.
	Period string `json:"period"`
	// Thresholds are the values used, the scenario's or the defaults.
	Thresholds map[string]float64 `json:"thresholds"`
	// FunctionNames names the scenario's functions by id, for the views
	// (the findings and the evidence carry ids).
	FunctionNames map[string]string `json:"function_names"`
	Signs         []Sign            `json:"signs"`
}

// Sign is one warning sign. The checkup gives its status, its evidence in
// numbers and what the evidence and the remedy say, as findings (kinds,
// subjects, numbers, periods: docs/checkup.md lists them); the view
// (internal/report) words them into Summary and Remedy.
type Sign struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	// Evidence is the sign's numbers: *StaleMixEvidence,
	// *BrainBeforeHeartEvidence, *LostLocalTouchEvidence or
	// *ShrinkingBudgetEvidence.
	Evidence any    `json:"evidence"`
	Summary  string `json:"summary"` // Findings in one line, written by the view
	Remedy   string `json:"remedy"`  // Remedies in one line, written by the view
	// Findings are what the evidence says; Remedies what to do, from the
	// optimized plan.
	Findings []plan.Finding `json:"findings"`
	Remedies []plan.Finding `json:"remedies"`
}

// Kinds of the findings every sign may give.
const (
	// KindNoneNeeded: the remedy of a sign that is ok.
	KindNoneNeeded = "none_needed"
)

// InfeasibleError is returned for a scenario no plan can meet: a checkup
// compares today's organization with the optimized plan, and there is none.
// Findings say why (the view words them, report.ProblemWords).
type InfeasibleError struct {
	Currency string
	Findings []plan.Finding
}

func (e *InfeasibleError) Error() string {
	kinds := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		kinds[i] = f.Kind
	}
	return "the scenario is infeasible: " + strings.Join(kinds, ", ")
}

// ErrInfeasible matches any *InfeasibleError with errors.Is.
var ErrInfeasible = errors.New("checkup: the scenario is infeasible")

// Is makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Is(target error) bool { return target == ErrInfeasible }

// exam holds what every sign looks at.
type exam struct {
	s        *scenario.Scenario
	lp       solve.LPSolver
	asIs     *plan.Allocation
	asIsPlan *plan.Plan
	opt      *plan.Allocation
	optPlan  *plan.Plan
	th       func(string) float64
}

// Run examines s: the as-is organization and the optimized plan. It returns
// an *InfeasibleError when no plan meets the scenario's constraints.
func Run(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver) (*Report, error) {
	e := &exam{s: s, lp: lp, th: s.Threshold}
	e.asIs = plan.AsIsAllocation(s)
	e.asIsPlan = plan.Build(s, e.asIs, plan.ModeAsIs, plan.StatusAsIs)
	var err error
	if e.opt, e.optPlan, err = optimize(ctx, s, lp); err != nil {
		return nil, err
	}
	r := &Report{
		FormatVersion: plan.FormatVersion, Scenario: s.Name, Description: s.Description, Currency: s.Currency,
		HealthyHeart: s.Policy.HealthyHeart, Period: string(s.Horizon.Period), Thresholds: map[string]float64{},
	}
	for _, th := range scenario.CheckupThresholds {
		r.Thresholds[th.Name] = s.Threshold(th.Name)
	}
	r.FunctionNames = s.FunctionNames()
	r.Signs = append(r.Signs, e.staleMix(), e.brainBeforeHeart(), e.lostLocalTouch())
	sb, err := e.shrinkingBudget(ctx)
	if err != nil {
		return nil, err
	}
	r.Signs = append(r.Signs, sb)
	return r, nil
}

// optimize solves s and also returns the allocation, which the
// per-region measures need. An infeasible scenario is an InfeasibleError
// with plan.Optimize's explanation.
func optimize(ctx context.Context, s *scenario.Scenario, lp solve.LPSolver) (*plan.Allocation, *plan.Plan, error) {
	p, a, err := plan.OptimizeAllocation(ctx, s, lp, solve.Options{})
	if err != nil {
		return nil, nil, err
	}
	if p.Status == plan.StatusInfeasible {
		return nil, nil, &InfeasibleError{Currency: p.Currency, Findings: p.Findings}
	}
	return a, p, nil
}

// finding is a shorthand for a finding with numbers.
func finding(kind string, nums map[string]float64) plan.Finding {
	return plan.Finding{Kind: kind, Numbers: nums}
}

// noneNeeded is the remedy of a sign that is ok.
var noneNeeded = []plan.Finding{{Kind: KindNoneNeeded}}

// worse returns the worse of two statuses.
func worse(a, b string) string {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

func rank(status string) int {
	switch status {
	case Act:
		return 2
	case Watch:
		return 1
	}
	return 0
}

// grade is act at or above act, watch at or above watch, else ok.
func grade(x, watch, act float64) string {
	switch {
	case x >= act:
		return Act
	case x >= watch:
		return Watch
	}
	return OK
}
