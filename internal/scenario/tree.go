package scenario

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Doc is a scenario file parsed once: its values, with the position of
// every key in the file, and the values set since (Set, SetOverride), each
// remembered with the override that set it. Decode turns it into a
// Scenario and Diagnostics, placing each problem at its line and column in
// the file, or at the override that set its value.
//
// A Doc is cheap to Clone: clones share every value that neither has
// set, because Set replaces the top-level value it edits with an edited
// copy and never writes into a shared one. A Doc is not safe for
// concurrent Set; clones may be used from different goroutines.
type Doc struct {
	src *source
	// top is the top-level mapping (key -> value), as the decoders give it
	// (maps, lists, strings, numbers, booleans, dates). Its values are
	// never written: Set replaces them.
	top  map[string]any
	sets []applied // the sets that took effect, in order
	// problems are the refused sets: Decode reports them with the rest,
	// so that a batch of overrides is checked in one pass.
	problems Diagnostics
	// rosters reads the roster file once for the Doc and its clones.
	rosters *rosterFiles
}

// Parse parses a scenario file already read: name gives the format (by its
// extension), the default scenario name and the File of diagnostics. A
// file that cannot be read as a mapping of values is an error
// (Diagnostics); any other problem is reported by Decode.
func Parse(name string, data []byte) (*Doc, error) {
	return ParseContext(context.Background(), name, data)
}

// ParseContext is Parse that stops when ctx is canceled, returning ctx's
// error. Its time is linear in the size of data.
func ParseContext(ctx context.Context, name string, data []byte) (*Doc, error) {
	return parseContext(ctx, name, data, DefaultMaxFileSize)
}

// parseContext is ParseContext whose Doc reads a roster file of at most
// maxSize bytes (no limit when maxSize <= 0).
func parseContext(ctx context.Context, name string, data []byte, maxSize int64) (*Doc, error) {
	if d, bad := unsupported(name); bad {
		return nil, Diagnostics{d}
	}
	src := parseSource(ctx, name, formats[strings.ToLower(filepath.Ext(name))], data)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if src.fatal {
		return nil, sorted(src.diags)
	}
	return &Doc{src: src, top: nestDotted(src.values), rosters: newRosterFiles(ctx, maxSize)}, nil
}

// ParseFile reads (as ReadFile does, at most maxSize bytes) and parses the
// scenario file at path.
func ParseFile(ctx context.Context, path string, maxSize int64) (*Doc, error) {
	if d, bad := unsupported(path); bad {
		return nil, Diagnostics{d}
	}
	data, err := ReadFile(ctx, path, maxSize)
	if err != nil {
		return nil, err
	}
	return parseContext(ctx, path, data, maxSize)
}

// nestDotted gives the top-level mapping the shape the loader has always
// given it: a top-level key with a dot ("policy.max_fte: 45", an error
// reported where it is written) nests its value under the key's parts, in
// sorted order of the keys, replacing a value that is not a mapping, as
// viper's Set did. Mappings it nests into are copied: values are never
// written.
func nestDotted(values map[string]any) map[string]any {
	top := make(map[string]any, len(values))
	var dotted []string
	for k, v := range values {
		if strings.Contains(k, ".") {
			dotted = append(dotted, k)
			continue
		}
		top[k] = v
	}
	if len(dotted) == 0 {
		return top
	}
	for _, k := range sortedKeys(values) {
		if !strings.Contains(k, ".") {
			continue
		}
		parts := strings.Split(k, ".")
		m := top
		for _, p := range parts[:len(parts)-1] {
			child, ok := m[p].(map[string]any)
			if ok {
				child = copyMap(child)
			} else {
				child = map[string]any{}
			}
			m[p] = child
			m = child
		}
		m[parts[len(parts)-1]] = values[k]
	}
	return top
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// File is the name the Doc was parsed under.
func (d *Doc) File() string { return d.src.file }

// Clone returns a Doc that Set can change without changing d. It copies
// the top-level mapping only (a dozen keys), not the values.
func (d *Doc) Clone() *Doc {
	return &Doc{
		src:      d.src,
		top:      copyMap(d.top),
		sets:     slices.Clip(d.sets),
		problems: slices.Clip(d.problems),
		rosters:  d.rosters,
	}
}

// Set sets the value at path, a key path as --set takes it:
// budget.annual, regions[EMEA].sellers, functions[cpq].min_coverage,
// investments[0].cost.per_year. A list element is selected by its index,
// its id, or its name. The value is a float64 (or another Go number), a
// string, a bool, a time.Time, or a []any or map[string]any of them
// ([]string and []float64 too).
//
// A set that cannot be made (a malformed path, an element that does not
// exist, a key the scenario does not know, a value of no allowed type)
// leaves d's values unchanged and returns Diagnostics, with a suggestion
// where there is one; Decode reports it again with the other problems. A
// value of the wrong type or out of range for its key is set, and Decode
// reports it, placed at the override. The override is named as
// path=value in diagnostics.
func (d *Doc) Set(path string, value any) error {
	text := path + "=" + formatValue(value)
	steps, err := parsePath(path)
	if err == nil && value == nil {
		err = errNull
	}
	if err == nil {
		value, err = normalize(value)
	}
	if err != nil {
		return d.refuse(text, err)
	}
	return d.apply(steps, value, text)
}

// SetOverride sets a --set KEY=VALUE: the key is a path as Set takes it,
// and the value is read as YAML (5.8e6, true, [growth, margin],
// {min: 0.2}), or else taken as text. Its problems are those of Set, the
// override named by its text.
func (d *Doc) SetOverride(text string) error {
	o, err := parseOverride(text)
	if err != nil {
		return d.refuse(text, err)
	}
	return d.apply(o.steps, o.value, text)
}

// ParseOverride splits a --set KEY=VALUE into its key path, written out
// canonically (budget.annual, regions[EMEA].sellers), and its typed value,
// as SetOverride reads them: doc.Set(ParseOverride(text)) is
// doc.SetOverride(text) but for the name of the override in diagnostics.
func ParseOverride(text string) (string, any, error) {
	o, err := parseOverride(text)
	if err != nil {
		return "", nil, fmt.Errorf("%q: %w", text, err)
	}
	return o.key(), o.value, nil
}

// refuse records and returns a set that cannot be made.
func (d *Doc) refuse(text string, err error) error {
	ds := Diagnostics{{File: SetFile, Code: CodeOverride, Message: fmt.Sprintf("%q: %v", text, err)}}
	d.problems = append(d.problems, ds...)
	return ds
}

// apply sets val at steps. When the set made a key or an element that was
// not there, the new top-level value is decoded first: a key the scenario
// does not know is refused, with the loader's own message (allowed keys,
// did you mean). A key already in the file is reported by Decode instead.
func (d *Doc) apply(steps []step, val any, text string) error {
	top := steps[0].key
	// With the built-in catalog, functions[comp_admin] may name a function
	// the file does not list: the set then adds an entry for it.
	catalog, _ := d.top["catalog"].(string)
	e := &editor{builtin: catalog != "none"}
	cur, had := d.top[top]
	e.created = !had
	v, path, err := e.set(deepCopy(cur), steps[1:], val, top)
	if err != nil {
		return d.refuse(text, err)
	}
	set := applied{path, text}
	if e.created {
		next := copyMap(d.top)
		next[top] = v
		if ds := d.unknownKeys(next, set); len(ds) > 0 {
			d.problems = append(d.problems, ds...)
			return ds
		}
	}
	d.top[top] = v
	d.sets = append(d.sets, set)
	return nil
}

// unknownKeys decodes top and returns its unknown keys at or above the
// path set, or under it, placed as Decode would place them.
func (d *Doc) unknownKeys(top map[string]any, set applied) Diagnostics {
	_, probs := decode(d.src.file, top)
	var ds Diagnostics
	sets := append(slices.Clip(d.sets), set)
	for _, p := range probs {
		if p.code == CodeUnknownKey && (under(p.path, set.path) || under(set.path, p.path)) {
			ds = append(ds, d.src.locate(p, sets))
		}
	}
	return ds
}

// Decode fills the defaults, merges the built-in catalog and validates
// the values, returning the Scenario and every problem: the refused sets,
// the file's own (duplicate keys, keys not lower case), and the values'
// (placed in the file, or at the override that set the value), sorted.
// With an error among them the Scenario is nil; else its Warnings are the
// diagnostics.
func (d *Doc) Decode() (*Scenario, Diagnostics) {
	s, probs := decode(d.src.file, d.top)
	diags := make(Diagnostics, 0, len(d.problems)+len(d.src.diags)+len(probs))
	diags = append(diags, d.problems...)
	diags = append(diags, d.src.diags...)
	for _, p := range probs {
		diags = append(diags, d.src.locate(p, d.sets))
	}
	diags.sort()
	if diags.HasErrors() {
		return nil, diags
	}
	// The roster is read once the scenario is sound (its teams and
	// functions check the roster's rows); its diagnostics, in its own
	// file, follow the scenario's.
	if roster := loadRoster(d.rosters, s); roster != nil {
		// A roster that cannot be read at all (missing, a directory, too
		// large, empty) has no line of its own to point at: the problem
		// is placed at the scenario's roster key, naming the file.
		for i, dg := range roster {
			if dg.Line == 0 {
				at := d.src.locate(problem{path: "roster", sev: dg.Severity, code: dg.Code, msg: dg.File + ": " + dg.Message}, d.sets)
				at.Path = "roster"
				roster[i] = at
			}
		}
		diags = append(diags, roster...)
		if roster.HasErrors() {
			return nil, diags
		}
	}
	if len(diags) == 0 {
		diags = nil
	}
	s.Warnings = diags
	for i, u := range s.Uncertain {
		at := d.src.locate(problem{path: u.Path}, d.sets)
		s.Uncertain[i].File, s.Uncertain[i].Line, s.Uncertain[i].Col = at.File, at.Line, at.Col
	}
	return s, diags
}

// normalize checks that v is a value a scenario holds, and copies it into
// the forms the decoders give (numbers as they are, []any,
// map[string]any, nil inside them as in a file), so that the caller may
// reuse its own.
func normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, float64, float32, int, int32, int64, uint, uint64, time.Time:
		return v, nil
	case []string:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = e
		}
		return l, nil
	case []float64:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = e
		}
		return l, nil
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			n, err := normalize(e)
			if err != nil {
				return nil, err
			}
			l[i] = n
		}
		return l, nil
	case map[string]any:
		m := make(map[string]any, len(x))
		for _, k := range sortedKeys(x) {
			if strings.ToLower(k) != k {
				return nil, fmt.Errorf("key %q in the value must be lower case", k)
			}
			n, err := normalize(x[k])
			if err != nil {
				return nil, err
			}
			m[k] = n
		}
		return m, nil
	}
	return nil, fmt.Errorf("a value is a number, a string, true or false, a list or a mapping, not a Go %T", v)
}

// formatValue writes a set value the way --set takes it, to name the
// override in diagnostics: 5800000 as 5.8e+06 (as plan.Sweep has always
// written its points), text as it is, lists and mappings as JSON.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case time.Time:
		return x.Format(time.RFC3339)
	case nil:
		return "null"
	}
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return fmt.Sprint(v)
}
