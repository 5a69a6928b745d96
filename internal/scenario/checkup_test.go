package scenario

import (
	"strings"
	"testing"
)

// The checkup: section accepts exactly the thresholds of CheckupThresholds,
// each between 0 and 1, no watch threshold above its act threshold.
func TestCheckupThresholds(t *testing.T) {
	allowed := strings.Join(CheckupThresholdNames(), ", ")
	for _, c := range []struct{ name, doc, want string }{
		{"unknown", baseDoc + "checkup:\n  stale_mix: 0.2\n",
			`t.yaml:13:3: checkup.stale_mix: unknown key "stale_mix" (did you mean "stale_mix_watch", "stale_mix_act" or "stale_mix_margin"?): allowed keys are ` + allowed},
		{"not a number", baseDoc + "checkup:\n  stale_mix_act: x\n",
			`t.yaml:13:3: checkup.stale_mix_act: expected a number between 0 and 1, got the string "x"`},
		{"out of range", baseDoc + "checkup:\n  brain_spend_watch: 1.5\n",
			`t.yaml:13:3: checkup.brain_spend_watch: 1.5 is out of range: brain_spend_watch must be between 0 and 1`},
		{"watch above act", baseDoc + "checkup:\n  region_gap_watch: 0.4\n  region_gap_act: 0.35\n",
			`t.yaml:13:3: checkup.region_gap_watch: region_gap_watch (0.4) is above region_gap_act (0.35): a sign is watched before it calls for action`},
		{"watch above default act", baseDoc + "checkup:\n  stale_mix_watch: 0.5\n",
			`t.yaml:13:3: checkup.stale_mix_watch: stale_mix_watch (0.5) is above stale_mix_act (0.35): a sign is watched before it calls for action`},
		{"act below default watch", baseDoc + "checkup:\n  brain_spend_act: 0.05\n",
			`t.yaml:13:3: checkup.brain_spend_act: brain_spend_watch (0.1) is above brain_spend_act (0.05): a sign is watched before it calls for action`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.yaml", c.doc); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	s := mustLoad(t, "t.yaml", baseDoc+"checkup:\n  stale_mix_watch: 0.25\n", "checkup.region_gap_act=0.4")
	if s.Threshold(StaleMixWatch) != 0.25 || s.Threshold(RegionGapAct) != 0.4 || s.Threshold(StaleMixAct) != 0.35 {
		t.Errorf("thresholds %v", s.Checkup)
	}
}
