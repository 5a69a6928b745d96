package scenario

import "testing"

// TestTabIndentation: a tab in the indentation is named as such, at the
// tab's line and column, whichever of its two messages go-yaml gives and
// whether it names the tab's line or the one before.
func TestTabIndentation(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{"name: x\n\thorizon: 3\n", "t.yaml:2:1: " + tabMessage},
		{"horizon:\n\tstart: 2027\n", "t.yaml:2:1: " + tabMessage},
		{"horizon:\n  start: 2027\n\tperiods: 3\n", "t.yaml:3:1: " + tabMessage},
		{"regions:\n  - name: a\n  \tsellers: 3\n", "t.yaml:3:3: " + tabMessage},
		{"a:\r\n\t- 1\r\n", "t.yaml:2:1: " + tabMessage},
		// Not a tab: go-yaml's own message stays.
		{"name: x\n@x: 1\n", "t.yaml:2: found character that cannot start any token"},
	} {
		if got := loadErr(t, "t.yaml", c.doc); got != c.want {
			t.Errorf("%q:\ngot  %s\nwant %s", c.doc, got, c.want)
		}
	}
}
