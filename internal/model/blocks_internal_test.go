package model

import (
	"slices"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
)

// A plan in whole people starts its cold stages from the slack basis, as
// before block starts (see blocks); every other plan from its periods.
func TestBlocksNotInWholePeople(t *testing.T) {
	for _, c := range []struct {
		file  string
		whole bool
	}{
		{"../../scenarios/monthly-fiscal.yaml", false},
		{"../../scenarios/whole-people.yaml", true},
	} {
		s, err := scenario.Load(c.file, nil)
		if err != nil {
			t.Fatal(err)
		}
		m := Build(s)
		got := m.blocks()
		if c.whole != (got == nil) || !c.whole && !slices.Equal(got, m.Blocks()) {
			t.Errorf("%s: whole people %v, blocks %v", c.file, c.whole, got != nil)
		}
	}
}
