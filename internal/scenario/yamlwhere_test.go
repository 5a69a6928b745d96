package scenario

import (
	"strings"
	"testing"
)

// go-yaml reports an alias without an anchor, a control character and
// nesting past its limit without a position (or without one on the first
// line): each is found and reported at its line and column.
func TestYAMLErrorsWithoutAPlace(t *testing.T) {
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	cases := []struct {
		name, doc, want string
	}{
		{"alias without anchor", baseDoc + "foo: *nope\n",
			`t.yaml:12:6: the alias *nope names no anchor: an alias repeats a value marked &nope earlier in the file`},
		// The same text in a comment and in a string is not the alias.
		{"alias after decoys", "# *nope\nname: \"*nope\" # *nope\nfoo: [1, *nope]\n",
			`t.yaml:3:10: the alias *nope names no anchor: an alias repeats a value marked &nope earlier in the file`},
		{"alias before its anchor", "a: *x\nb: &x 1\n",
			`t.yaml:1:4: the alias *x names no anchor: an alias repeats a value marked &x earlier in the file`},
		{"NUL byte", edit(t, "name: EMEA", "name: EM\x00EA"),
			`t.yaml:9:13: the control character U+0000 is not allowed in a YAML file: remove it`},
		{"DEL in a quoted string", "name: \"a\x7f\"\n",
			`t.yaml:1:9: the control character U+007F is not allowed in a YAML file: remove it`},
		{"deep flow on the first line", deep + "\n",
			`t.yaml:1:10001: lists and mappings nested more than 10000 deep: a scenario needs a few levels (look for brackets that are not closed)`},
		{"deep flow", baseDoc + "foo: " + deep + "\n",
			`t.yaml:12:10006: lists and mappings nested more than 10000 deep: a scenario needs a few levels (look for brackets that are not closed)`},
		{"deep block", strings.Repeat("- ", 10001) + "a\n",
			`t.yaml:1:20001: lists and mappings nested more than 10000 deep: a scenario needs a few levels (look for brackets that are not closed)`},
		{"deep in a second document", "a: 1\n---\n" + deep + "\n",
			`t.yaml:3:10001: lists and mappings nested more than 10000 deep: a scenario needs a few levels (look for brackets that are not closed)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.yaml", c.doc); got != c.want {
				t.Errorf("got\n%.300s\nwant\n%s", got, c.want)
			}
		})
	}
}
