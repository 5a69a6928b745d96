package scenario

import (
	"context"
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

// go-yaml's "mapping values are not allowed in this context" names a line
// only (none on the first) and a parser's words: the load places it at a
// column and says which of its two usual causes the text shows. Until
// session 26 it read "bad3.yaml:4: mapping values are not allowed in this
// context".
func TestYAMLMappingValuesInPlainWords(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"over-indented key", "name: x\nbudget:\n  annual: 5e6\n   bad: [\n",
			`t.yaml:4:4: this line is indented more than "annual" on line 3, which already has a value: a key beside "annual" lines up with it, and a value that goes on over lines and holds ": " needs quotes`},
		{"a value on two lines", "name: x\ndescription: a plan\n\n  for FY27: ok\n",
			`t.yaml:4:3: this line is indented more than "description" on line 2, which already has a value: a key beside "description" lines up with it, and a value that goes on over lines and holds ": " needs quotes`},
		{"colon in a value, first line", "name: Sales: FY27\nbudget:\n  annual: 5e6\n",
			`t.yaml:1:12: a second ": " on this line: a value that holds ": " needs quotes (name: "Sales: FY27")`},
		{"the key's own text again", "a: a: b\n",
			`t.yaml:1:5: a second ": " on this line: a value that holds ": " needs quotes (a: "a: b")`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.yaml", c.doc); got != c.want {
				t.Errorf("got\n%.300s\nwant\n%s", got, c.want)
			}
		})
	}
}

// Syntax says what keeps a file of another kind (cardio's config file)
// from being read, in the words a scenario file's syntax errors get, with
// its kind in them; a file that reads gets nothing, whatever its keys.
func TestSyntaxOfAnotherKindOfFile(t *testing.T) {
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	cases := []struct {
		name, format, doc, want string
	}{
		{"reads", "yaml", "format: json\nanything: [1, 2]\n", ""},
		{"empty", "yaml", "", ""},
		{"over-indented key", "yaml", "format: json\n  jobs: 2\n",
			`c.yaml:2:3: this line is indented more than "format" on line 1, which already has a value: a key beside "format" lines up with it, and a value that goes on over lines and holds ": " needs quotes`},
		{"tab", "yaml", "format: json\n\tjobs: 2\n", `c.yaml:2:1: tabs cannot indent YAML; use spaces`},
		{"second document", "yaml", "format: json\n---\nformat: csv\n",
			`c.yaml:2:1: a second YAML document: a config file holds one document (remove the --- line)`},
		{"deep", "yaml", "format: " + deep + "\n",
			`c.yaml:1:10009: lists and mappings nested more than 10000 deep: a config needs a few levels (look for brackets that are not closed)`},
		{"not UTF-8", "yaml", "format: caf\xe9\n",
			`c.yaml:1:12: the file is not UTF-8 (byte 0xE9 here): save it as UTF-8 (an editor's "Save with encoding", or iconv -f latin1 -t utf-8)`},
		{"JSON reads", "json", `{"format": "csv"}`, ""},
		{"JSON trailing comma", "json", "{\"format\": \"csv\",\n \"jobs\": 2,}\n",
			`c.yaml:2:12: invalid character '}' looking for beginning of object key string`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ""
			if ds := Syntax(context.Background(), "c.yaml", "config", c.format, []byte(c.doc)); ds != nil {
				got = ds.Error()
			}
			if got != c.want {
				t.Errorf("got\n%.300s\nwant\n%s", got, c.want)
			}
		})
	}
}
