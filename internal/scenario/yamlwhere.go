package scenario

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Three of go-yaml's errors carry no position, or none on the first line
// (it writes "line N:" only when N is not the first): a control character
// (a reader error, which keeps only an offset it does not print), an alias
// to an anchor that does not exist (raised while building the tree, after
// the marks are gone), and nesting past its depth limit. A user cannot
// find a NUL byte or a stray *name in a long file without a line, so the
// functions here find the place themselves, only once go-yaml has failed.

var (
	// yamlUnknownAnchor matches go-yaml's error for an alias (*name) with
	// no anchor (&name) before it.
	yamlUnknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
	// yamlTooDeep matches go-yaml's error for flow collections or block
	// indentation nested past its limit.
	yamlTooDeep = regexp.MustCompile(`^exceeded max depth of (\d+)$`)
)

// yamlControlMessage is go-yaml's reader error for a character YAML does
// not allow.
const yamlControlMessage = "control characters are not allowed"

// maxAliasProbes bounds how many *name in the text are tried as the alias
// go-yaml could not resolve: each try is a parse of the file.
const maxAliasProbes = 16

// locateYAMLError gives go-yaml's message m a position (and a clearer
// wording) when it is one of the errors that carry none. ok is false when
// m is not one of them, or the place cannot be found.
func (s *source) locateYAMLError(m string) (line, col int, msg string, ok bool) {
	switch {
	case m == yamlControlMessage:
		return yamlControlChar(s.data)
	case yamlUnknownAnchor.MatchString(m):
		name := yamlUnknownAnchor.FindStringSubmatch(m)[1]
		off, found := yamlUnknownAlias(s.data, name)
		if !found {
			return 0, 0, "", false
		}
		line, col = lineCol(s.data, off)
		return line, col, fmt.Sprintf("the alias *%s names no anchor: an alias repeats a value marked &%s earlier in the file", name, name), true
	case yamlTooDeep.MatchString(m):
		limit := yamlTooDeep.FindStringSubmatch(m)[1]
		off, found := yamlDepthExceeded(s.ctx, s.data, m)
		if !found {
			return 0, 0, "", false
		}
		line, col = lineCol(s.data, off)
		return line, col, fmt.Sprintf("lists and mappings nested more than %s deep: a %s needs a few levels (look for brackets that are not closed)", limit, s.kindName()), true
	}
	return 0, 0, "", false
}

// yamlError decodes every document of data as parseYAML does and returns
// go-yaml's first error, or nil.
func yamlError(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// yamlControlChar finds the first character that go-yaml's reader refuses
// (its reader's rule: tab, line breaks, printable ASCII, NEL and the
// printable Unicode ranges are allowed).
func yamlControlChar(data []byte) (line, col int, msg string, ok bool) {
	if !utf8.Valid(data) { // UTF-16: go-yaml's to read, and to report
		return 0, 0, "", false
	}
	for off := 0; off < len(data); {
		r, n := utf8.DecodeRune(data[off:])
		allowed := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7E || r == 0x85 ||
			r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
		if !allowed {
			line, col = lineCol(data, off)
			return line, col, fmt.Sprintf("the control character U+%04X is not allowed in a YAML file: remove it", r), true
		}
		off += n
	}
	return 0, 0, "", false
}

// yamlUnknownAlias finds the alias *name that go-yaml could not resolve.
// The text may also hold *name in comments and strings, so each candidate
// in turn is renamed and the file parsed again: the alias is the first
// whose renaming changes go-yaml's complaint to the new name.
func yamlUnknownAlias(data []byte, name string) (int, bool) {
	// An alias starts a line or follows a blank, a bracket or a comma, and
	// its name runs to the first character outside [0-9A-Za-z_-].
	re := regexp.MustCompile(`(?:^|[\s\[{,])(\*` + regexp.QuoteMeta(name) + `)(?:[^0-9A-Za-z_-]|$)`)
	const probe = "cardioprobe"
	for _, m := range re.FindAllSubmatchIndex(data, maxAliasProbes) {
		start, end := m[2], m[3]
		var b bytes.Buffer
		b.Grow(len(data) + len(probe))
		b.Write(data[:start+1])
		b.WriteString(probe)
		b.Write(data[end:])
		err := yamlError(b.Bytes())
		if err != nil && strings.Contains(err.Error(), "unknown anchor '"+probe+"'") {
			return start, true
		}
	}
	return 0, false
}

// yamlDepthExceeded finds where data nests too deep: the shortest prefix
// of data that go-yaml refuses with the same message msg ends at the
// bracket, dash or colon that went one level too deep. go-yaml reads
// tokens in order and fails at that one, so whether a prefix fails is
// monotone in its length, and a binary search needs a few dozen parses.
// It gives up when ctx is done.
func yamlDepthExceeded(ctx context.Context, data []byte, msg string) (int, bool) {
	// A prefix ends on a character's first byte: go-yaml's reader decodes
	// ahead of its scanner, and would fail first on a character cut in two.
	whole := func(k int) int {
		for k < len(data) && !utf8.RuneStart(data[k]) {
			k++
		}
		return k
	}
	fails := func(k int) bool {
		err := yamlError(data[:whole(k)])
		return err != nil && strings.HasSuffix(err.Error(), msg)
	}
	if !fails(len(data)) {
		return 0, false
	}
	lo, hi := 0, len(data) // fails(hi); the answer is in (lo, hi]
	for hi-lo > 1 {
		if ctx.Err() != nil {
			return 0, false
		}
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return whole(hi) - 1, true
}

// yamlMappingMessage is go-yaml's error for a ": " where no key may start:
// a line indented under a key that already has a value, or a second ": "
// in an unquoted value. go-yaml gives the line only (none on the first).
const yamlMappingMessage = "mapping values are not allowed in this context"

// yamlMappingValue places go-yaml's yamlMappingMessage on line (0: the
// first) and says in plain words which of its two usual causes the text
// shows: the line indented more than the key above it, which has a value
// (col: where the line's text starts), or a second ": " on a line of
// "key: value" (col: that ": "). ok is false when the text shows neither.
func yamlMappingValue(data []byte, line int) (col int, msg string, ok bool) {
	if line <= 0 {
		line = 1
	}
	lines := strings.Split(string(data), "\n")
	if line > len(lines) {
		return 0, "", false
	}
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	text := strings.TrimRight(lines[line-1], "\r")
	// The line above, skipping blank lines and comments.
	for p := line - 1; p >= 1; p-- {
		above := strings.TrimRight(lines[p-1], "\r")
		t := strings.TrimSpace(above)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		key, value, found := strings.Cut(strings.TrimPrefix(t, "- "), ":")
		if indent(text) > indent(above) && found && strings.TrimSpace(value) != "" && !strings.HasPrefix(strings.TrimSpace(value), "#") {
			key = strings.Trim(strings.TrimSpace(key), `"'`)
			return indent(text) + 1, fmt.Sprintf("this line is indented more than %q on line %d, which already has a value: a key beside %q lines up with it, and a value that goes on over lines and holds \": \" needs quotes", key, p, key), true
		}
		break
	}
	// A second ": " on "key: value", outside quotes: the value needs them.
	t := strings.TrimPrefix(strings.TrimSpace(text), "- ")
	key, value, found := strings.Cut(t, ": ")
	v := strings.TrimSpace(value)
	if !found || v == "" || strings.ContainsAny(v[:1], `"'[{`) {
		return 0, "", false
	}
	if i := strings.Index(v+" ", ": "); i >= 0 {
		// value is the end of the line: v starts after its spaces.
		tt := strings.TrimRight(text, " \t")
		start := len(tt) - len(strings.TrimRight(value, " \t")) + len(value) - len(strings.TrimLeft(value, " \t"))
		return utf8.RuneCountInString(text[:start+i]) + 1, fmt.Sprintf("a second \": \" on this line: a value that holds \": \" needs quotes (%s: %q)", key, v), true
	}
	return 0, "", false
}
