package scenario

// The thresholds of `cardio checkup` (docs/checkup.md), overridable in
// the scenario's `checkup:` section. The checkup package reads them through
// Scenario.Threshold; the table lives here so that the loader can check
// names and ranges without importing the checkup package. docs/checkup.md
// explains each one.
const (
	// StaleMixWatch is the distance (total variation: the share of FTE that
	// would have to move) between the as-is FTE mix across functions and
	// the declared stage's demand profile at which stale_mix is "watch".
	StaleMixWatch = "stale_mix_watch"
	// StaleMixAct is that distance at which stale_mix is "act".
	StaleMixAct = "stale_mix_act"
	// StaleMixMargin is how much closer an earlier stage's profile must be
	// than the declared stage's for stale_mix to be "act"; an earlier stage
	// that is closer by less is "watch".
	StaleMixMargin = "stale_mix_margin"
	// BrainSpendWatch is the share of the as-is spend on brain functions and
	// brain investments, while the heart is below healthy, at which
	// brain_before_heart is "watch".
	BrainSpendWatch = "brain_spend_watch"
	// BrainSpendAct is that share at which brain_before_heart is "act".
	BrainSpendAct = "brain_spend_act"
	// LocalCentralShareWatch is the share of the staff on local functions
	// (locality local) who sit in the central team at which
	// lost_local_touch is "watch".
	LocalCentralShareWatch = "local_central_share_watch"
	// LocalCentralShareAct is that share at which lost_local_touch is "act".
	LocalCentralShareAct = "local_central_share_act"
	// RegionGapWatch is how far (in coverage, 0..1) a region's local work
	// may fall below the other regions' average before lost_local_touch is
	// "watch".
	RegionGapWatch = "region_gap_watch"
	// RegionGapAct is that gap at which lost_local_touch is "act".
	RegionGapAct = "region_gap_act"
	// BudgetSqueezeWatch is the fall per year of the budget per FTE of heart
	// demand at which shrinking_budget is "watch" (when the budget falls
	// while demand grows); it is "act" when the optimized heart stops being
	// healthy.
	BudgetSqueezeWatch = "budget_squeeze_watch"
)

// CheckupThreshold is one threshold of `cardio checkup`: its name in the
// `checkup:` section, its default and its allowed range (both included).
type CheckupThreshold struct {
	Name     string
	Default  float64
	Min, Max float64
	// Act names the "act" threshold that this "watch" threshold must not
	// exceed, or "".
	Act string
}

// CheckupThresholds lists every threshold in the order docs/checkup.md and
// error messages give them.
var CheckupThresholds = []CheckupThreshold{
	{Name: StaleMixWatch, Default: 0.20, Min: 0, Max: 1, Act: StaleMixAct},
	{Name: StaleMixAct, Default: 0.35, Min: 0, Max: 1},
	{Name: StaleMixMargin, Default: 0.05, Min: 0, Max: 1},
	{Name: BrainSpendWatch, Default: 0.10, Min: 0, Max: 1, Act: BrainSpendAct},
	{Name: BrainSpendAct, Default: 0.25, Min: 0, Max: 1},
	{Name: LocalCentralShareWatch, Default: 0.35, Min: 0, Max: 1, Act: LocalCentralShareAct},
	{Name: LocalCentralShareAct, Default: 0.50, Min: 0, Max: 1},
	{Name: RegionGapWatch, Default: 0.15, Min: 0, Max: 1, Act: RegionGapAct},
	{Name: RegionGapAct, Default: 0.30, Min: 0, Max: 1},
	{Name: BudgetSqueezeWatch, Default: 0.03, Min: 0, Max: 1},
}

// CheckupThresholdNames lists the names of CheckupThresholds in order.
func CheckupThresholdNames() []string {
	names := make([]string, len(CheckupThresholds))
	for i, th := range CheckupThresholds {
		names[i] = th.Name
	}
	return names
}

// Threshold is the value of checkup threshold name: the scenario's own or
// the default. It panics on a name that is not in CheckupThresholds, which
// is a programming error.
func (s *Scenario) Threshold(name string) float64 {
	if v, ok := s.Checkup[name]; ok {
		return v
	}
	for _, th := range CheckupThresholds {
		if th.Name == name {
			return th.Default
		}
	}
	panic("scenario: unknown checkup threshold " + name)
}
