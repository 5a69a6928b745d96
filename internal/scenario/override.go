package scenario

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// override is one parsed --set key=value.
type override struct {
	text  string
	steps []step
	value any
}

// step is one step of an override's key path: a mapping key, or a list
// selector (an index, or the name or id of an element).
type step struct {
	key   string
	sel   string
	isSel bool
}

// applied is an override that took effect: the canonical path it set
// (selectors resolved to indices) and its text, to name it as the place of
// the problems found under that path.
type applied struct{ path, text string }

var keyRE = regexp.MustCompile(`^[a-z0-9_]+`)

// errNull is the error of a null value: an override sets a value.
var errNull = errors.New("null is not a value: an override sets a value (leave a key out in the file to get its default)")

// parseOverride parses key=value. The key is a path as parsePath reads it;
// the value is a YAML scalar (5.8e6, true, growth) or flow value
// ([growth, margin], {min: 0.2}). Any other value is taken as text, so
// that --set "description=Note: flat" needs no YAML quoting.
func parseOverride(text string) (override, error) {
	o := override{text: text}
	key, val, ok := strings.Cut(text, "=")
	if !ok {
		return o, errors.New(`expected key=value, such as budget.annual=5.8e6`)
	}
	steps, err := parsePath(key)
	if err != nil {
		return o, err
	}
	o.steps = steps
	o.value, err = parseValue(val)
	return o, err
}

// parsePath parses a key path: lower-case keys joined by dots, each
// followed by any number of [selectors] (an index, or the name or id of an
// element).
func parsePath(key string) ([]step, error) {
	var steps []step
	rest := strings.TrimSpace(key)
	for {
		k := keyRE.FindString(rest)
		if k == "" {
			if rest != "" && strings.ToLower(rest[:1]) != rest[:1] {
				return nil, fmt.Errorf("keys are lower case: write %q", strings.ToLower(key))
			}
			return nil, fmt.Errorf("expected a key (lower-case letters, digits and underscores) at %q", rest)
		}
		steps = append(steps, step{key: k})
		rest = rest[len(k):]
		for strings.HasPrefix(rest, "[") {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, fmt.Errorf("missing ] after %q", rest)
			}
			sel := strings.TrimSpace(rest[1:end])
			if sel == "" {
				return nil, errors.New("empty [] selector: give an index or an element's name or id")
			}
			steps = append(steps, step{sel: sel, isSel: true})
			rest = rest[end+1:]
		}
		if rest == "" {
			return steps, nil
		}
		if rest[0] != '.' {
			return nil, fmt.Errorf("unexpected %q in the key: join keys with dots and select list elements with [ ]", rest)
		}
		rest = rest[1:]
	}
}

// parseValue reads the text of an override's value.
func parseValue(val string) (any, error) {
	val = strings.TrimSpace(val)
	if val == "" {
		return nil, errors.New(`no value after "="`)
	}
	var (
		n     yaml.Node
		value any
	)
	err := yaml.Unmarshal([]byte(val), &n)
	flow := strings.HasPrefix(val, "[") || strings.HasPrefix(val, "{")
	if msg := setAnchorProblem(val, &n, err, flow); msg != "" {
		return nil, errors.New(msg)
	}
	switch {
	case err != nil && flow:
		return nil, fmt.Errorf("the value is not a valid YAML flow value: %v", strings.TrimPrefix(err.Error(), "yaml: "))
	case err != nil || len(n.Content) == 0 || (!flow && n.Content[0].Kind != yaml.ScalarNode):
		value = val
	default:
		if k := upperNodeKey(n.Content[0]); k != "" {
			return nil, fmt.Errorf("key %q in the value must be lower case", k)
		}
		// The value is built as the file's values are: mappings with
		// string keys, aliases expanded within a budget.
		src := &source{ctx: context.Background(), file: SetFile, pos: map[string]pos{}, data: []byte(val)}
		b := yamlBuilder{s: src, budget: len(val) + 100_000, open: map[*yaml.Node]bool{}}
		value = b.value(n.Content[0])
		if b.failed {
			msg := "it is not a value"
			if len(src.diags) > 0 {
				msg = src.diags[0].Message
			}
			return nil, fmt.Errorf("the value cannot be read: %s", msg)
		}
	}
	if value == nil {
		return nil, errNull
	}
	return value, nil
}

// setAnchorProblem says what is wrong with the anchors (&name) and
// aliases (*name) of a --set value read as YAML, or "". A value is a YAML
// document of its own: within it they mean what they mean in a file
// (stage=[&s margin, *s, *s, *s]), but it cannot see the scenario file's
// anchors or another --set's. So an alias to an anchor the value does not
// hold is refused (it was taken as the text "*a"), and so is an anchor no
// alias of the value uses (&a 0.8 was read as 0.8, the anchor dropped
// without a word, though it can only have been meant for another place).
// An alias in text that is not YAML (Note: see *a) stays text.
func setAnchorProblem(val string, n *yaml.Node, err error, flow bool) string {
	if err != nil {
		m := yamlUnknownAnchor.FindStringSubmatch(strings.TrimPrefix(err.Error(), "yaml: "))
		if m == nil || !flow && !strings.HasPrefix(val, "*") {
			return ""
		}
		return fmt.Sprintf("the alias *%s names no anchor (&%s) in this value: a --set value is read alone, so it cannot use the scenario file's anchors or another --set's; write the value itself (quoted, \"*%s\", for text)", m[1], m[1], m[1])
	}
	if len(n.Content) == 0 {
		return ""
	}
	// The anchors the value's aliases use, and every anchor in document
	// order: the first unused one is reported.
	used := map[*yaml.Node]bool{}
	var anchors []*yaml.Node
	var walk func(*yaml.Node)
	walk = func(x *yaml.Node) {
		if x.Kind == yaml.AliasNode {
			used[x.Alias] = true
			return
		}
		if x.Anchor != "" {
			anchors = append(anchors, x)
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(n.Content[0])
	for _, a := range anchors {
		if !used[a] {
			return fmt.Sprintf("the anchor &%s is used by no alias (*%s) in this value: a --set value is read alone, so neither another --set nor the scenario file can use its anchors; remove &%s (or quote the value for text)", a.Anchor, a.Anchor, a.Anchor)
		}
	}
	return ""
}

// upperNodeKey returns a key under n that is not lower case, or "".
func upperNodeKey(n *yaml.Node) string {
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Kind == yaml.ScalarNode && strings.ToLower(c.Value) != c.Value {
			return c.Value
		}
		if k := upperNodeKey(c); k != "" {
			return k
		}
	}
	return ""
}

// key writes the override's key path out: budget.annual,
// regions[EMEA].sellers.
func (o override) key() string {
	var b strings.Builder
	for i, st := range o.steps {
		switch {
		case st.isSel:
			b.WriteString("[" + st.sel + "]")
		case i > 0:
			b.WriteString("." + st.key)
		default:
			b.WriteString(st.key)
		}
	}
	return b.String()
}

// editor makes one set. created records whether it made a key or an
// element that was not there.
type editor struct {
	builtin bool
	created bool
}

// set returns cur with the value at steps replaced by val, and the
// canonical path of that value.
func (e *editor) set(cur any, steps []step, val any, path string) (any, string, error) {
	if len(steps) == 0 {
		return val, path, nil
	}
	st := steps[0]
	if !st.isSel {
		m, ok := cur.(map[string]any)
		if cur == nil {
			m, ok = map[string]any{}, true
		}
		if !ok {
			return nil, "", fmt.Errorf("%s is %s, not a mapping: it has no key %q", path, describe(cur), st.key)
		}
		child, had := m[st.key]
		e.created = e.created || !had
		child, p, err := e.set(child, steps[1:], val, joinKey(path, st.key))
		m[st.key] = child
		return m, p, err
	}
	list, ok := cur.([]any)
	if !ok && cur != nil {
		return nil, "", fmt.Errorf("%s is %s, not a list: it has no element [%s]", path, describe(cur), st.sel)
	}
	i, list, err := e.choose(list, st.sel, path)
	if err != nil {
		return nil, "", err
	}
	child, p, err := e.set(list[i], steps[1:], val, fmt.Sprintf("%s[%d]", path, i))
	list[i] = child
	return list, p, err
}

// choose finds the element of list that sel selects: an index, or the
// element whose id is sel or whose name is sel (ignoring case, or as the
// region id made from it).
func (e *editor) choose(list []any, sel, path string) (int, []any, error) {
	if i, err := strconv.Atoi(sel); err == nil {
		if i < 0 || i >= len(list) {
			return 0, nil, fmt.Errorf("index %d is out of range: %s has %d elements", i, path, len(list))
		}
		return i, list, nil
	}
	var cands []candidate
	if path == "functions" && e.builtin {
		cands = catalogCandidates()
	}
	for i, el := range list {
		m, _ := el.(map[string]any)
		id, _ := m["id"].(string)
		name, _ := m["name"].(string)
		if id == sel || name != "" && (strings.EqualFold(name, sel) || slug(name, i) == sel) {
			return i, list, nil
		}
		cands = addCandidate(cands, elementCandidate(path, id, name))
	}
	if path == "functions" && e.builtin {
		for _, c := range builtinCatalog {
			if c.id == sel {
				e.created = true
				return len(list), append(list, map[string]any{"id": sel}), nil
			}
		}
	}
	return 0, nil, noElement(path, sel, cands)
}

// elementCandidate is a list element as a suggestion: a region by its name,
// anything else by its id and name.
func elementCandidate(path, id, name string) candidate {
	if path == "regions" {
		return regionCandidate(id, name)
	}
	if id == "" {
		return candidate{id: name}
	}
	return candidate{id, name}
}

// deepCopy copies the maps and lists of a value, so that a set never
// edits a value a Doc shares with its clones.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}
