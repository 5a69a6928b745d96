package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

// pos is a place in the scenario file.
type pos struct{ line, col int }

// source is a scenario file parsed a second time, beside viper, because
// viper keeps values but loses where they were written. It records the
// position of every key path (regions[1].sellers) so that problems found
// later can point at the file's line, and it reports what viper would
// silently accept or fail on without a position: syntax errors, duplicate
// keys and keys that are not lower case.
type source struct {
	file   string
	pos    map[string]pos // key path -> position of the key (or list element)
	diags  Diagnostics
	fatal  bool   // the file cannot be read any further
	format string // what viper reads: yaml, json or toml
	data   []byte // what viper reads: the file, or a repaired copy
}

// parseSource parses data in the given format (yaml, json or toml).
func parseSource(file, format string, data []byte) *source {
	s := &source{file: file, pos: map[string]pos{}, format: format, data: data}
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

func (s *source) add(line, col int, path, format string, args ...any) {
	s.diags = append(s.diags, Diagnostic{File: s.file, Line: line, Col: col, Path: path, Message: fmt.Sprintf(format, args...)})
}

// yamlLine matches the "line N: message" form of go-yaml's errors.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

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
		if l, col, ok := yamlTab(s.data, line, m); ok {
			s.add(l, col, "", "%s", tabMessage)
			continue
		}
		s.add(line, 0, "", "%s", m)
	}
}

func (s *source) parseYAML() {
	dec := yaml.NewDecoder(bytes.NewReader(s.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err != io.EOF { // io.EOF: an empty file, reported by the checks of required keys
			s.addYAMLError(err)
			s.fatal = true
		}
		return
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		s.add(next.Line, next.Column, "", "a second YAML document: a scenario file holds one document (remove the --- line)")
	} else if err != io.EOF {
		s.addYAMLError(err)
		s.fatal = true
		return
	}
	s.indexYAMLDocument(&doc)
}

func (s *source) parseJSON() {
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
		return
	}
	// JSON is YAML, so go-yaml finds the positions. Some valid JSON (such
	// as escaped surrogate pairs) is not valid YAML: then there are no
	// positions, but the values still come from viper's JSON decoder.
	var doc yaml.Node
	if yaml.Unmarshal(s.data, &doc) == nil {
		s.indexYAMLDocument(&doc)
	}
	if _, ok := top.(map[string]any); !ok && !s.fatal {
		s.add(1, 1, "", "the file must hold an object of keys (name, horizon, budget, ...), got %s", describe(top))
		s.fatal = true
	}
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	lead := data[:off]
	return bytes.Count(lead, []byte{'\n'}) + 1, off - bytes.LastIndexByte(lead, '\n')
}

// indexYAMLDocument indexes a YAML (or JSON) document. When it has
// duplicate keys, the later ones are dropped and viper reads the repaired
// document: go-yaml refuses exact duplicates without saying where, and
// viper's lower-casing would keep an arbitrary one of "Name" and "name".
func (s *source) indexYAMLDocument(doc *yaml.Node) {
	if len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	s.pos[""] = pos{root.Line, root.Column}
	switch {
	case root.Kind == yaml.MappingNode:
	case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
		return
	default:
		s.add(root.Line, root.Column, "", "the file must hold a mapping of keys (name, horizon, budget, ...), got %s", yamlKind(root))
		s.fatal = true
		return
	}
	if s.indexYAML(root, "") {
		if out, err := yaml.Marshal(doc); err == nil {
			s.data, s.format = out, "yaml"
		}
	}
}

// indexYAML records the positions under n, reports keys that are not lower
// case or are given twice, and removes the duplicates; it reports whether
// it removed any.
func (s *source) indexYAML(n *yaml.Node, path string) bool {
	removed := false
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]*yaml.Node{}
		kept := n.Content[:0:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				// Complex keys are refused by viper's decoder, which
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

// checkKey reports a key that viper would silently change: it lower-cases
// keys, and it reads a dot as nesting ("policy.max_fte" as policy: max_fte),
// which YAML and JSON do not.
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

func (s *source) parseTOML() {
	var m map[string]any
	err := toml.Unmarshal(s.data, &m)
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		s.add(line, col, "", "%s", strings.TrimPrefix(err.Error(), "toml: "))
		s.fatal = true
		return
	}
	s.pos[""] = pos{1, 1}
	var p unstable.Parser
	p.Reset(s.data)
	t := tomlIndex{s: s, p: &p, arrays: map[string]int{}, defined: map[string]int{}}
	for p.NextExpression() {
		t.expression(p.Expression())
	}
	if err != nil {
		// go-toml says which key is defined twice but not where; the walk
		// above has found where, unless the error is another one.
		if len(t.dups) == 0 {
			s.add(0, 0, "", "%s", strings.TrimPrefix(err.Error(), "toml: "))
		}
		s.diags = append(s.diags, t.dups...)
		s.fatal = true
	}
}

// tomlIndex walks the expressions of go-toml's parser, keeping track of the
// current table and of how many elements each array of tables has so far.
type tomlIndex struct {
	s       *source
	p       *unstable.Parser
	table   string         // path of the current [table] or [[array]] element
	arrays  map[string]int // path of an array of tables -> elements so far
	defined map[string]int // path of a key = value or a [table] -> its line
	dups    Diagnostics
}

func (t *tomlIndex) expression(e *unstable.Node) {
	switch e.Kind {
	case unstable.Table, unstable.ArrayTable:
		path := ""
		it := e.Key()
		for it.Next() {
			k := it.Node()
			path = t.key(path, k)
			if n, ok := t.arrays[path]; ok || (it.IsLast() && e.Kind == unstable.ArrayTable) {
				if it.IsLast() && e.Kind == unstable.ArrayTable {
					n++
					t.arrays[path] = n
				}
				path = fmt.Sprintf("%s[%d]", path, n-1)
				t.record(path, k)
			}
		}
		t.table = path
		if e.Kind == unstable.Table {
			t.define(path, e.Key())
		}
	case unstable.KeyValue:
		t.keyValue(t.table, e)
	}
}

// define notes that a key (its last node in it) is defined at path, and
// reports a second definition.
func (t *tomlIndex) define(path string, it unstable.Iterator) {
	var last *unstable.Node
	for it.Next() {
		last = it.Node()
	}
	at := t.at(last)
	if line, dup := t.defined[path]; dup {
		t.dups = append(t.dups, Diagnostic{File: t.s.file, Line: at.line, Col: at.col, Path: path,
			Message: fmt.Sprintf("duplicate key %q: it is already given at line %d", string(last.Data), line)})
		return
	}
	t.defined[path] = at.line
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
	sh := t.p.Shape(n.Raw)
	return pos{sh.Start.Line, sh.Start.Column}
}

func (t *tomlIndex) keyValue(path string, kv *unstable.Node) {
	it := kv.Key()
	for it.Next() {
		path = t.key(path, it.Node())
	}
	t.define(path, kv.Key())
	t.value(path, kv.Value())
}

func (t *tomlIndex) value(path string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			t.keyValue(path, it.Node())
		}
	case unstable.Array:
		it := v.Children()
		for i := 0; it.Next(); i++ {
			c := it.Node()
			p := fmt.Sprintf("%s[%d]", path, i)
			if first := tomlFirstKey(c); first != nil {
				t.record(p, first)
			} else if c.Raw.Length > 0 {
				t.record(p, c)
			}
			t.value(p, c)
		}
	}
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
