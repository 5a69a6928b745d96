package scenario

import (
	"bytes"
	"strings"
)

// tabMessage is what a tab in a YAML file's indentation gets: go-yaml says
// "found character that cannot start any token" or "found a tab character
// that violates indentation", with a line only, and sometimes the line
// before the tab's.
const tabMessage = "tabs cannot indent YAML; use spaces"

// yamlTab finds the tab that go-yaml's error msg at line (1-based) is about:
// a tab in the leading white space of that line or the next. It returns the
// tab's line and column, or ok false when msg is not about such a tab.
func yamlTab(data []byte, line int, msg string) (tabLine, col int, ok bool) {
	if line <= 0 || !strings.Contains(msg, "cannot start any token") && !strings.Contains(msg, "tab character") {
		return 0, 0, false
	}
	lines := bytes.Split(data, []byte{'\n'})
	for l := line; l <= line+1 && l <= len(lines); l++ {
		text := lines[l-1]
		lead := len(text) - len(bytes.TrimLeft(text, " \t"))
		if i := bytes.IndexByte(text[:lead], '\t'); i >= 0 {
			return l, i + 1, true
		}
	}
	return 0, 0, false
}
