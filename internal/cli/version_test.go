package cli

import (
	"runtime/debug"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	setting := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	cases := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: setting("vcs.revision", "4f2a9c1e0b3d5a6f7e8d9c0b1a2f3e4d5c6b7a89", "vcs.time", "2026-12-01T10:00:00Z", "vcs.modified", "false")},
			"v1.2.0 (revision 4f2a9c1e0b3d, 2026-12-01T10:00:00Z)"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: setting("vcs.revision", "abc", "vcs.modified", "true")},
			"(devel) (revision abc, modified)"},
		{debug.BuildInfo{}, "(devel) (no VCS revision recorded)"},
	}
	for _, c := range cases {
		if got := describeBuild(&c.info); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
