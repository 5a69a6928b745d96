package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

// pos is a place in the scenario file.
type pos struct{ line, col int }

// source is a scenario file parsed into a tree that carries positions
// (go-yaml's yaml.Node for YAML and JSON, go-toml's parser for TOML). It
// records the position of every key path (regions[1].sellers) so that
// problems found later can point at the file's line; it reports what the
// decoders would silently accept or fail on without a position: syntax
// errors, duplicate keys and keys that are not lower case; and it builds
// the values from the same tree, in time linear in the file's size: the
// libraries' decoders compare every pair of keys of a mapping.
type source struct {
	ctx   context.Context
	file  string
	pos   map[string]pos // key path -> position of the key (or list element)
	diags Diagnostics
	fatal bool   // the file cannot be read any further
	data  []byte // the file, without a byte order mark
	// values is the file's top-level mapping, its keys lower case, as the
	// YAML, JSON and TOML decoders give it: maps, lists, strings, numbers,
	// booleans, dates. Of a key given twice, the first is kept.
	values map[string]any
	steps  int    // work done, to look at ctx now and then
	lines  []int  // offsets of the starts of lines, made when first needed
	kind   string // the kind of file, in messages: "" for a scenario (kindName)
}

// bom is the UTF-8 byte order mark that some editors put first.
var bom = []byte("\xef\xbb\xbf")

// parseSource parses data in the given format (yaml, json or toml).
func parseSource(ctx context.Context, file, format string, data []byte) *source {
	s := newSource(ctx, file, data)
	if s.fatal {
		return s
	}
	switch format {
	case "toml":
		s.parseTOML()
	case "json":
		s.parseJSON()
	default:
		s.parseYAML()
	}
	return s
}

// newSource is the source of data, not yet parsed: fatal, after saying
// so, when data is not UTF-8.
func newSource(ctx context.Context, file string, data []byte) *source {
	s := &source{ctx: ctx, file: file, pos: map[string]pos{}, data: bytes.TrimPrefix(data, bom)}
	// Before any decoder: go-yaml said "invalid trailing UTF-8 octet"
	// without a line, and encoding/json read a Latin-1 é as U+FFFD, which
	// changed a region's id (found by an audit). A file with a UTF-16 byte
	// order mark is left to the decoders (go-yaml reads it).
	utf16 := bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff"))
	if line, col, msg, bad := notUTF8(s.data, `an editor's "Save with encoding"`); bad && !utf16 {
		s.add(line, col, "", "%s", msg)
		s.fatal = true
	}
	return s
}

// canceled reports, every few thousand steps of work, whether ctx is
// done; the caller then stops, and the load returns ctx's error.
func (s *source) canceled() bool {
	s.steps++
	if s.steps%4096 != 0 {
		return false
	}
	if s.ctx.Err() != nil {
		s.fatal = true
		return true
	}
	return false
}

func (s *source) add(line, col int, path, format string, args ...any) {
	s.diags = append(s.diags, Diagnostic{File: s.file, Line: line, Col: col, Path: path, Message: fmt.Sprintf(format, args...)})
}

// yamlLine matches the "line N: message" form of go-yaml's errors.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlUnclosed matches go-yaml's error for a flow list or mapping that is
// not closed.
var yamlUnclosed = regexp.MustCompile(`^did not find expected ',' or '([\]}])'$`)

// openedAt finds the line of the bracket that go-yaml says is not closed.
// go-yaml gives the 0-based line of the opening bracket (one line early),
// or, when that is the first line, the line where it gave up: so the
// line after the one given if it has the bracket, else the first line.
func (s *source) openedAt(line int, open string) int {
	lines := bytes.Split(s.data, []byte("\n"))
	has := func(n int) bool { return n >= 1 && n <= len(lines) && bytes.Contains(lines[n-1], []byte(open)) }
	switch {
	case has(line + 1):
		return line + 1
	case has(1):
		return 1
	}
	return line
}

// addYAMLError turns a go-yaml error into diagnostics, keeping its lines.
func (s *source) addYAMLError(err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		m = strings.TrimPrefix(strings.TrimSpace(m), "yaml: ")
		line := 0
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		if l, col, msg, ok := s.locateYAMLError(m); ok {
			s.add(l, col, "", "%s", msg)
			continue
		}
		if l, col, ok := yamlTab(s.data, line, m); ok {
			s.add(l, col, "", "%s", tabMessage)
			continue
		}
		if m == yamlMappingMessage {
			if col, msg, ok := yamlMappingValue(s.data, line); ok {
				s.add(max(line, 1), col, "", "%s", msg)
				continue
			}
		}
		if sm := yamlUnclosed.FindStringSubmatch(m); sm != nil {
			open := map[string]string{"]": "[", "}": "{"}[sm[1]]
			line = s.openedAt(line, open)
			m = fmt.Sprintf("the %q opened at line %d is not closed: expected ',' or '%s'", open, line, sm[1])
		}
		s.add(line, 0, "", "%s", m)
	}
}

func (s *source) parseYAML() {
	doc := s.decodeYAML()
	if doc == nil {
		return
	}
	s.indexYAMLDocument(doc)
	if !s.fatal && len(doc.Content) > 0 {
		s.values = s.yamlValues(doc.Content[0])
	}
}

// decodeYAML decodes the file's one YAML document, reporting a syntax
// error (fatal) and a second document. It returns nil when there is no
// document to read: an empty file, or a syntax error.
func (s *source) decodeYAML() *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(s.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err != io.EOF { // io.EOF: an empty file, reported by the checks of required keys
			s.addYAMLError(err)
			s.fatal = true
		}
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		s.add(next.Line, next.Column, "", "a second YAML document: a %s file holds one document (remove the --- line)", s.kindName())
	} else if err != io.EOF {
		s.addYAMLError(err)
		s.fatal = true
		return nil
	}
	return &doc
}

// kindName is the kind of file read, in messages: "scenario" unless the
// caller said otherwise (Syntax).
func (s *source) kindName() string {
	if s.kind == "" {
		return "scenario"
	}
	return s.kind
}

// Syntax reads data, the text of file in format ("yaml" or "json"), as
// the scenario loader reads a scenario file's, and reports what keeps it
// from being read, in the same words: a byte that is not UTF-8, a syntax
// error at its line and column with what to do (go-yaml gives a line at
// most, and for some errors none; encoding/json an offset), a second YAML
// document. kind names the file in those words ("config": "a config file
// holds one document"). It reports nothing for a file that reads, and
// nothing about its keys and values, which are the caller's to check.
func Syntax(ctx context.Context, file, kind, format string, data []byte) Diagnostics {
	s := newSource(ctx, file, data)
	s.kind = kind
	switch {
	case s.fatal:
	case format == "json":
		s.decodeJSON()
	default:
		s.decodeYAML()
	}
	return s.diags
}

func (s *source) parseJSON() {
	top, ok := s.decodeJSON()
	if !ok {
		return
	}
	// JSON is YAML, so go-yaml finds the positions. Some valid JSON (such
	// as escaped surrogate pairs) is not valid YAML: then there are no
	// positions, but the values still come from encoding/json.
	var doc yaml.Node
	removed := false
	if yaml.Unmarshal(s.data, &doc) == nil {
		removed = s.indexYAMLDocument(&doc)
	}
	m, ok := top.(map[string]any)
	switch {
	case s.fatal:
	case !ok:
		s.add(1, 1, "", "the file must hold an object of keys (name, horizon, budget, ...), got %s", describe(top))
		s.fatal = true
	case removed:
		// Keys given twice: the tree has kept the first of each.
		s.values = s.yamlValues(doc.Content[0])
	default:
		s.values = lowerKeys(m).(map[string]any)
	}
}

// decodeJSON decodes the file's JSON, reporting a syntax error (fatal)
// at its line and column.
func (s *source) decodeJSON() (any, bool) {
	var top any
	if err := json.Unmarshal(s.data, &top); err != nil {
		line, col := 0, 0
		msg := strings.TrimPrefix(err.Error(), "json: ")
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError // into any, only a number too large for float64
		// Both offsets are just past the byte that showed the problem: the
		// bad character, or the one that ended the number.
		if errors.As(err, &se) {
			line, col = lineCol(s.data, int(se.Offset)-1)
		} else if errors.As(err, &te) {
			line, col = lineCol(s.data, int(te.Offset)-1-len(strings.TrimPrefix(te.Value, "number ")))
			msg = te.Value + " is too large"
		}
		s.add(line, col, "", "%s", msg)
		s.fatal = true
		return nil, false
	}
	return top, true
}

// lowerKeys makes the keys of the maps under v lower case, as the loader
// reads every format (keys are lower case; checkKey reports the others). Keys that differ in case only are duplicates, reported by the
// tree's index; without a tree, the first in sorted order is kept.
func lowerKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for _, k := range sortedKeys(x) {
			if lk := strings.ToLower(k); !has(m, lk) {
				m[lk] = lowerKeys(x[k])
			}
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = lowerKeys(e)
		}
	}
	return v
}

func has(m map[string]any, k string) bool { _, ok := m[k]; return ok }

// notUTF8 finds data's first byte that is not UTF-8 and says so, with
// how to mend the file (hint): ok is false when all of data is UTF-8.
// Scenario files and the CSV tables (rosters, actuals) are refused alike.
func notUTF8(data []byte, hint string) (line, col int, msg string, bad bool) {
	if utf8.Valid(data) {
		return 0, 0, "", false
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col = lineCol(data, off)
	return line, col, fmt.Sprintf("the file is not UTF-8 (byte 0x%02X here): save it as UTF-8 (%s, or iconv -f latin1 -t utf-8)", data[off], hint), true
}

// lineCol converts a byte offset into a 1-based line and column, the
// column counted in characters, as go-yaml counts them (an editor's
// column): "Zürich" puts what follows at column 7, not at byte 8.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	lead := data[:off]
	return bytes.Count(lead, []byte{'\n'}) + 1, utf8.RuneCount(lead[bytes.LastIndexByte(lead, '\n')+1:]) + 1
}

// indexYAMLDocument indexes a YAML (or JSON) document. When it has
// duplicate keys, the later ones are dropped from the tree, and it reports
// whether it dropped any. The check is here, with a map, because go-yaml's
// own (in its decoder, not run on a tree) compares every pair of keys of a
// mapping, and does not say where the duplicate is.
func (s *source) indexYAMLDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	s.pos[""] = pos{root.Line, root.Column}
	switch {
	case root.Kind == yaml.MappingNode:
	case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
		return false
	default:
		s.add(root.Line, root.Column, "", "the file must hold a mapping of keys (name, horizon, budget, ...), got %s", yamlKind(root))
		s.fatal = true
		return false
	}
	return s.indexYAML(root, "")
}

// indexYAML records the positions under n, reports keys that are not lower
// case or are given twice, and removes the duplicates; it reports whether
// it removed any.
func (s *source) indexYAML(n *yaml.Node, path string) bool {
	removed := false
	if s.canceled() {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]*yaml.Node{}
		kept := n.Content[:0:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				// Complex keys are refused by the values' builder, which
				// says where; merge keys (<<) bring keys written elsewhere.
				kept = append(kept, k, v)
				continue
			}
			lower := strings.ToLower(k.Value)
			p := joinKey(path, lower)
			if first, dup := seen[lower]; dup {
				s.add(k.Line, k.Column, p, "duplicate key %q: it is already given at line %d", k.Value, first.Line)
				removed = true
				continue
			}
			seen[lower] = k
			kept = append(kept, k, v)
			s.checkKey(k.Line, k.Column, p, k.Value)
			s.pos[p] = pos{k.Line, k.Column}
			removed = s.indexYAML(v, p) || removed
		}
		n.Content = kept
	case yaml.SequenceNode:
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			s.pos[p] = pos{item.Line, item.Column}
			removed = s.indexYAML(item, p) || removed
		}
	}
	return removed
}

// yamlValues builds the values of the YAML tree under root (with its
// duplicate keys already removed), as go-yaml's decoder would into an any,
// with keys lower case.
func (s *source) yamlValues(root *yaml.Node) map[string]any {
	b := yamlBuilder{s: s, budget: len(s.data) + 100_000, open: map[*yaml.Node]bool{}}
	m, _ := b.value(root).(map[string]any)
	if b.failed {
		s.fatal = true
		return nil
	}
	return m
}

// yamlBuilder expands aliases within a budget of values, so that a small
// file cannot expand into billions of them (go-yaml's decoder has a like
// rule).
type yamlBuilder struct {
	s      *source
	budget int                 // values left to build
	open   map[*yaml.Node]bool // anchors being built: an alias to one is a cycle
	failed bool
}

func (b *yamlBuilder) fail(n *yaml.Node, format string, args ...any) any {
	if !b.failed {
		b.s.add(n.Line, n.Column, "", format, args...)
	}
	b.failed = true
	return nil
}

func (b *yamlBuilder) value(n *yaml.Node) any {
	if b.failed || b.s.canceled() {
		b.failed = true
		return nil
	}
	b.budget--
	if b.budget < 0 {
		return b.fail(n, "the aliases (*name) of this file expand it past %d values: write the values out instead", len(b.s.data)+100_000)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return b.value(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		if b.open[n.Alias] {
			return b.fail(n, "the alias *%s is inside its own anchor &%s", n.Value, n.Value)
		}
		b.open[n.Alias] = true
		v := b.value(n.Alias)
		delete(b.open, n.Alias)
		return v
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			list = append(list, b.value(c))
		}
		return list
	case yaml.MappingNode:
		return b.mapping(n)
	}
	switch n.ShortTag() {
	case "!!str":
		return n.Value
	case "!!null":
		return nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return b.fail(n, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return v
}

// mapping builds a mapping: its own keys, then those its merge keys (<<)
// bring that it does not have, the first merged mapping first.
func (b *yamlBuilder) mapping(n *yaml.Node) any {
	m := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			return b.fail(k, "a key must be a name, not %s", yamlKind(k))
		}
		m[strings.ToLower(k.Value)] = b.value(v)
	}
	for _, v := range merges {
		from := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			from = v.Content
		}
		for _, f := range from {
			mm, ok := b.value(f).(map[string]any)
			if !ok {
				return b.fail(f, "a merge key (<<) takes a mapping or a list of mappings")
			}
			for k, x := range mm {
				if !has(m, k) {
					m[k] = x
				}
			}
		}
	}
	return m
}

// checkKey reports a key that the loader would silently change: it
// lower-cases keys, and it reads a dot in a top-level key as nesting
// ("policy.max_fte" as policy: max_fte, nestDotted), which YAML and JSON do
// not.
func (s *source) checkKey(line, col int, path, key string) {
	if lower := strings.ToLower(key); lower != key {
		s.add(line, col, path, "key %q must be lower case: write %q", key, lower)
	}
	if strings.Contains(key, ".") {
		s.add(line, col, path, "key %q has a dot: nest the keys instead (a: {b: 1}, not a.b: 1)", key)
	}
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "something else"
}

// parseTOML reads a TOML file with go-toml's parser alone: its decoder
// tracks the keys of a table in a list, which is quadratic in their number.
// The walk below builds the values, finds the positions and checks what
// the decoder would: keys defined twice, a value extended as a table, an
// inline table or array extended later.
func (s *source) parseTOML() {
	if off, deep := tomlTooDeep(s.data); deep {
		at := s.offsetPos(off)
		s.add(at.line, at.col, "", "arrays and inline tables nested more than %d deep", maxTOMLDepth)
		s.fatal = true
		return
	}
	s.pos[""] = pos{1, 1}
	var p unstable.Parser
	p.Reset(s.data)
	t := tomlIndex{s: s, p: &p, arrays: map[string]int{}, defined: map[string]int{}, fixed: map[string]int{}, root: map[string]any{}}
	t.cur = t.root
	for p.NextExpression() {
		if s.canceled() {
			return
		}
		t.expression(p.Expression())
	}
	if err := p.Error(); err != nil {
		var pe *unstable.ParserError
		line, col := 0, 0
		if errors.As(err, &pe) && pe.Highlight != nil {
			at := s.offsetPos(int(p.Range(pe.Highlight).Offset))
			line, col = at.line, at.col
		}
		s.diags = nil // after a syntax error, the rest is noise
		s.add(line, col, "", "%s", err.Error())
		s.fatal = true
		return
	}
	if len(t.dups) > 0 {
		s.diags = append(s.diags, t.dups...)
		s.fatal = true
		return
	}
	s.values = t.root
}

// maxTOMLDepth is how deep arrays and inline tables may nest, as in
// go-yaml and encoding/json.
const maxTOMLDepth = 10000

// tomlTooDeep finds the bracket where a TOML document nests arrays and
// inline tables deeper than maxTOMLDepth: go-toml's parser recurses into
// them, and a file of brackets would overflow the stack, which no recover
// catches. It skips comments and strings; a table header's brackets close
// on their line.
func tomlTooDeep(data []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '"', '\'':
			if bytes.HasPrefix(data[i:], []byte{c, c, c}) {
				end := bytes.Index(data[i+3:], []byte{c, c, c})
				if end < 0 {
					return 0, false // go-toml reports the unclosed string
				}
				i += 3 + end + 2
				continue
			}
			for i++; i < len(data) && data[i] != c && data[i] != '\n'; i++ {
				if c == '"' && data[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > maxTOMLDepth {
				return i, true
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return 0, false
}

// tomlIndex walks the expressions of go-toml's parser, keeping track of the
// current table and of how many elements each array of tables has so far.
type tomlIndex struct {
	s       *source
	p       *unstable.Parser
	table   string         // path of the current [table] or [[array]] element
	arrays  map[string]int // path of an array of tables -> elements so far
	defined map[string]int // path of a key = value or a [table] -> its line
	fixed   map[string]int // path of a value (inline tables and arrays too) -> its line
	root    map[string]any // the values
	cur     map[string]any // the current table's values
	dups    Diagnostics    // keys defined twice and other conflicts: the file is not valid TOML
}

func (t *tomlIndex) conflict(n *unstable.Node, path, format string, args ...any) {
	at := t.at(n)
	t.dups = append(t.dups, Diagnostic{File: t.s.file, Line: at.line, Col: at.col, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (t *tomlIndex) expression(e *unstable.Node) {
	switch e.Kind {
	case unstable.Table, unstable.ArrayTable:
		path, plain := "", ""
		m := t.root
		it := e.Key()
		for it.Next() {
			k := it.Node()
			path = t.key(path, k)
			plain = joinKey(plain, strings.ToLower(string(k.Data)))
			last := it.IsLast()
			if m != nil {
				m = t.descend(m, k, path, last && e.Kind == unstable.ArrayTable, last)
			}
			if n, ok := t.arrays[path]; ok || (last && e.Kind == unstable.ArrayTable) {
				if last && e.Kind == unstable.ArrayTable {
					n++
					t.arrays[path] = n
				}
				path = fmt.Sprintf("%s[%d]", path, n-1)
				t.record(path, k)
			}
		}
		t.table = path
		t.cur = m
		if e.Kind == unstable.Table {
			t.define(path, e.Key())
		}
	case unstable.KeyValue:
		t.keyValue(t.table, e, t.cur)
	}
}

// descend goes from the table m into its key k (at path) for a table
// header, making the table, or a new element of an array of tables when
// appendElem. It returns nil, after reporting it, when the key holds a
// value that cannot be extended.
func (t *tomlIndex) descend(m map[string]any, k *unstable.Node, path string, appendElem, last bool) map[string]any {
	name := strings.ToLower(string(k.Data))
	if line, ok := t.fixed[path]; ok {
		if _, dup := t.defined[path]; !last || appendElem || !dup { // else define reports the duplicate
			t.conflict(k, path, "%q is a value (given at line %d): it cannot also be a table", string(k.Data), line)
		}
		return nil
	}
	switch x := m[name].(type) {
	case nil:
		child := map[string]any{}
		if appendElem {
			m[name] = []any{child}
		} else {
			m[name] = child
		}
		return child
	case map[string]any:
		if appendElem {
			t.conflict(k, path, "%q is a table: it cannot also be an array of tables", string(k.Data))
			return nil
		}
		return x
	case []any:
		if appendElem {
			child := map[string]any{}
			m[name] = append(x, child)
			return child
		}
		if last {
			t.conflict(k, path, "%q is an array of tables: write [[%s]] for a new element", string(k.Data), string(k.Data))
			return nil
		}
		child, _ := x[len(x)-1].(map[string]any)
		return child
	}
	t.conflict(k, path, "%q is a value: it cannot also be a table", string(k.Data))
	return nil
}

// define notes that a key (its last node in it) is defined at path, and
// reports a second definition.
func (t *tomlIndex) define(path string, it unstable.Iterator) bool {
	var last *unstable.Node
	for it.Next() {
		last = it.Node()
	}
	at := t.at(last)
	if line, dup := t.defined[path]; dup {
		t.dups = append(t.dups, Diagnostic{File: t.s.file, Line: at.line, Col: at.col, Path: path,
			Message: fmt.Sprintf("duplicate key %q: it is already given at line %d", string(last.Data), line)})
		return false
	}
	t.defined[path] = at.line
	return true
}

// key extends path by key node k, recording its position and reporting
// upper-case keys.
func (t *tomlIndex) key(path string, k *unstable.Node) string {
	name := string(k.Data)
	lower := strings.ToLower(name)
	p := joinKey(path, lower)
	if _, seen := t.s.pos[p]; !seen {
		at := t.at(k)
		t.s.checkKey(at.line, at.col, p, name)
	}
	t.record(p, k)
	return p
}

// record keeps the first position given for a path: a table named in
// several headers is where it is first named.
func (t *tomlIndex) record(path string, n *unstable.Node) {
	if _, seen := t.s.pos[path]; !seen {
		t.s.pos[path] = t.at(n)
	}
}

func (t *tomlIndex) at(n *unstable.Node) pos {
	r := n.Raw
	if r.Length == 0 && len(n.Data) > 0 && n.Kind != unstable.String {
		r = t.p.Range(n.Data) // booleans and dates have no Raw; their Data is the text
	}
	return t.s.offsetPos(int(r.Offset))
}

// offsetPos converts a byte offset into a 1-based line and column (in
// characters, as lineCol counts them; go-toml counts bytes), finding the
// line in logarithmic time: go-toml's Parser.Shape counts the lines from
// the start for every call.
func (s *source) offsetPos(off int) pos {
	if s.lines == nil {
		s.lines = []int{0}
		for i, c := range s.data {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	i := sort.SearchInts(s.lines, off+1) - 1 // the last line start <= off
	return pos{i + 1, utf8.RuneCount(s.data[s.lines[i]:min(off, len(s.data))]) + 1}
}

// keyValue reads key = value into the table m (nil after a conflict, when
// only the positions are recorded).
func (t *tomlIndex) keyValue(path string, kv *unstable.Node, m map[string]any) {
	it := kv.Key()
	var last *unstable.Node
	for it.Next() {
		k := it.Node()
		path = t.key(path, k)
		last = k
		if it.IsLast() || m == nil {
			continue
		}
		// A dotted key: a.b = 1 makes the table a.
		if line, ok := t.fixed[path]; ok {
			t.conflict(k, path, "%q is a value (given at line %d): it cannot also be a table", string(k.Data), line)
			m = nil
			continue
		}
		name := strings.ToLower(string(k.Data))
		switch x := m[name].(type) {
		case nil:
			child := map[string]any{}
			m[name], m = child, child
		case map[string]any:
			m = x
		default:
			t.conflict(k, path, "%q is already given: it cannot also be a table", string(k.Data))
			m = nil
		}
	}
	fresh := t.define(path, kv.Key())
	v := t.value(path, kv.Value())
	if !fresh || m == nil {
		return
	}
	name := strings.ToLower(string(last.Data))
	if _, taken := m[name]; taken {
		t.conflict(last, path, "%q is already a table: it cannot also be a value", string(last.Data))
		return
	}
	m[name] = v
	t.fixed[path] = t.at(last).line
}

// value reads a value at path, recording the positions under it.
func (t *tomlIndex) value(path string, v *unstable.Node) any {
	if t.s.canceled() {
		return nil
	}
	switch v.Kind {
	case unstable.InlineTable:
		m := map[string]any{}
		it := v.Children()
		for it.Next() {
			t.keyValue(path, it.Node(), m)
		}
		return m
	case unstable.Array:
		list := []any{}
		it := v.Children()
		for i := 0; it.Next(); i++ {
			c := it.Node()
			p := fmt.Sprintf("%s[%d]", path, i)
			if first := tomlFirstKey(c); first != nil {
				t.record(p, first)
			} else if c.Raw.Length > 0 {
				t.record(p, c)
			}
			list = append(list, t.value(p, c))
		}
		return list
	}
	return t.scalar(path, v)
}

// scalar reads a string, number, boolean or date. Plain numbers are read
// here; anything else (1_000, 0x1f, inf, dates) by go-toml's own decoder,
// given that one value.
func (t *tomlIndex) scalar(path string, v *unstable.Node) any {
	switch v.Kind {
	case unstable.String:
		return string(v.Data)
	case unstable.Bool:
		return string(v.Data) == "true"
	case unstable.Integer:
		if plainNumber(v.Data, false) {
			n, err := strconv.ParseInt(string(v.Data), 10, 64)
			if err == nil {
				return n
			}
			return t.tooLarge(path, v)
		}
	case unstable.Float:
		if plainNumber(v.Data, true) {
			f, err := strconv.ParseFloat(string(v.Data), 64)
			if err == nil {
				return f
			}
			return t.tooLarge(path, v)
		}
	}
	var m map[string]any
	if err := toml.Unmarshal(append([]byte("v = "), v.Data...), &m); err != nil {
		if strings.Contains(err.Error(), strconv.ErrRange.Error()) { // go-toml does not wrap it
			return t.tooLarge(path, v)
		}
		t.conflict(v, path, "%s is not a valid value: %s", string(v.Data), strings.TrimPrefix(err.Error(), "toml: "))
		return nil
	}
	return m["v"]
}

func (t *tomlIndex) tooLarge(path string, v *unstable.Node) any {
	t.conflict(v, path, "%s is too large: numbers must be at most %s in size", string(v.Data), maxMagnitudeText)
	return nil
}

// plainNumber reports whether b is a decimal number strconv reads as TOML
// does: an optional sign, digits without a leading zero, and for a float a
// fraction or an exponent.
func plainNumber(b []byte, float bool) bool {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - j
	}
	start := i
	n := digits()
	if n == 0 || n > 1 && b[start] == '0' {
		return false
	}
	if !float {
		return i == len(b)
	}
	frac := false
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
		frac = true
	}
	exp := false
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
		exp = true
	}
	return i == len(b) && (frac || exp)
}

// tomlFirstKey is the first key of an inline table, which stands for the
// table's position (go-toml gives inline tables no range of their own).
func tomlFirstKey(n *unstable.Node) *unstable.Node {
	if n.Kind != unstable.InlineTable {
		return nil
	}
	it := n.Children()
	if !it.Next() {
		return nil
	}
	k := it.Node().Key()
	if !k.Next() {
		return nil
	}
	return k.Node()
}

// joinKey appends a key to a path.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
