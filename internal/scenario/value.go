package scenario

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// problem is a diagnostic before it is placed in the file: the key path,
// the message, and its severity and code. Problems are collected, never
// returned early, so that one run reports everything.
type problem struct {
	path, msg string
	sev       Severity
	code      Code
	// also are other keys the problem is about (the first of two
	// duplicates): when a --set made one of them and not path, the
	// problem is placed at that --set, which is what caused it.
	also []string
}

// decoder reads the generic values of a Doc (maps, lists, strings,
// numbers of several Go types) into typed fields, recording a problem for
// every value of the wrong type or out of range and going on with the
// default, so that later checks still run.
type decoder struct {
	probs    []problem
	currency string // the scenario's, for the usual range of costs
	// uncertain are the ranges read where numbers are expected, in the
	// order they were read.
	uncertain []Uncertain
	// wholePeople is policy.whole_people, read before the teams, whose
	// fractional hire and exit limits it makes whole (wholeLimit).
	wholePeople bool
	// period is the horizon's period, for words about limits per period.
	period PeriodKind
}

func (d *decoder) add(path, format string, args ...any) {
	d.probs = append(d.probs, problem{path: path, msg: fmt.Sprintf(format, args...)})
}

// addAlso adds an error at path that is also about the keys also (see
// problem.also).
func (d *decoder) addAlso(path string, also []string, format string, args ...any) {
	d.probs = append(d.probs, problem{path: path, msg: fmt.Sprintf(format, args...), also: also})
}

// addCode adds an error of a kind callers tell apart.
func (d *decoder) addCode(code Code, path, format string, args ...any) {
	d.probs = append(d.probs, problem{path: path, msg: fmt.Sprintf(format, args...), code: code})
}

// warn adds a warning: the value is allowed but unusual.
func (d *decoder) warn(path, format string, args ...any) {
	d.probs = append(d.probs, problem{path: path, msg: fmt.Sprintf(format, args...), sev: Warning, code: CodeImplausible})
}

// errors counts the problems that are errors.
func (d *decoder) errors() int {
	n := 0
	for _, p := range d.probs {
		if p.sev == Error {
			n++
		}
	}
	return n
}

// obj is a mapping being read.
type obj struct {
	d    *decoder
	path string
	m    map[string]any // nil when absent or not a mapping
	ok   bool           // a mapping was given: its missing keys are worth reporting
}

// object reads v as a mapping whose keys are among allowed (any key when
// allowed is nil). An absent value (nil) is an empty mapping that is not ok.
func (d *decoder) object(path string, v any, allowed []string) obj {
	o := obj{d: d, path: path}
	if v == nil {
		return o
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.addCode(CodeType, path, "expected a mapping, got %s", describe(v))
		return o
	}
	o.m, o.ok = m, true
	if allowed != nil {
		for _, k := range sortedKeys(m) {
			if !slices.Contains(allowed, k) {
				d.addCode(CodeUnknownKey, joinKey(path, k), "unknown key %q%s: allowed keys are %s", k, didYouMean(k, allowed), strings.Join(allowed, ", "))
			}
		}
	}
	return o
}

// element reads a list element as a mapping: unlike an absent key, an empty
// element is an error.
func (d *decoder) element(path string, v any, allowed []string) obj {
	if v == nil {
		d.add(path, "expected a mapping, got nothing")
	}
	return d.object(path, v, allowed)
}

// list reads v as a list; absent gives nil.
func (d *decoder) list(path string, v any) []any {
	switch x := v.(type) {
	case nil:
	case []any:
		return x
	default:
		d.addCode(CodeType, path, "expected a list, got %s", describe(v))
	}
	return nil
}

func (o obj) at(key string) string { return joinKey(o.path, key) }

func (o obj) has(key string) bool { return o.m[key] != nil }

// child reads key as a nested mapping.
func (o obj) child(key string, allowed []string) obj {
	return o.d.object(o.at(key), o.m[key], allowed)
}

// require reports key as missing, with what it should hold, unless it is
// given or the mapping itself was not (that was reported already).
func (o obj) require(key, what string) bool {
	if o.has(key) {
		return true
	}
	if o.ok {
		o.d.add(o.at(key), "%s is required: %s", key, what)
	}
	return false
}

// number reads key as a finite number in r; absent or invalid gives def.
func (o obj) number(key string, r rng, def float64) float64 {
	if !o.has(key) {
		return def
	}
	if f, ok := o.d.number(o.at(key), key, o.m[key], r); ok {
		return f
	}
	return def
}

// integer reads key as a whole number in r; absent or invalid gives def.
func (o obj) integer(key string, r rng, def int) int {
	if !o.has(key) {
		return def
	}
	if n, ok := o.d.integer(o.at(key), key, o.m[key], r); ok {
		return n
	}
	return def
}

// text reads key as a non-empty string; absent or invalid gives def.
func (o obj) text(key, def string) string {
	if !o.has(key) {
		return def
	}
	if s, ok := o.d.text(o.at(key), o.m[key]); ok {
		return s
	}
	return def
}

// boolean reads key as true or false; absent or invalid gives def.
func (o obj) boolean(key string, def bool) bool {
	if !o.has(key) {
		return def
	}
	b, ok := o.m[key].(bool)
	if !ok {
		o.d.addCode(CodeType, o.at(key), "expected true or false, got %s", describe(o.m[key]))
		return def
	}
	return b
}

// enum reads key as one of allowed; absent or invalid gives def.
func (o obj) enum(key string, allowed []string, def string) string {
	if !o.has(key) {
		return def
	}
	s, ok := o.d.text(o.at(key), o.m[key])
	if !ok {
		return def
	}
	if !slices.Contains(allowed, s) {
		o.d.add(o.at(key), "%q is not allowed%s: %s must be %s", s, didYouMean(s, allowed), key, orList(allowed))
		return def
	}
	return s
}

// number reads v as a finite number in r; name is the key in messages. A
// mapping is a range (docs/scenario.md, Ranges): every part of it must be
// in r, it is recorded as uncertain, and its central value is the number,
// so that every key that takes a number takes a range, and every command
// but risk plans with the central value.
func (d *decoder) number(path, name string, v any, r rng) (float64, bool) {
	if m, isMap := v.(map[string]any); isMap {
		return d.uncertainty(path, name, m, r)
	}
	f, ok := toFloat(v)
	switch {
	case !ok && numberOutOfRange(v):
		// go-yaml gives a number beyond float64 (1e400) as a string.
		d.addCode(CodeRange, path, "%s is too large: numbers must be at most %s in size", v, maxMagnitudeText)
	case !ok:
		d.addCode(CodeType, path, "expected %s, got %s", r.what("a number"), describe(v))
	case math.IsNaN(f) || math.IsInf(f, 0):
		d.addCode(CodeRange, path, "expected a finite number, got %s", fmtNum(f))
	case math.Abs(f) > maxMagnitude:
		d.addCode(CodeRange, path, "%s is too large: numbers must be at most %s in size", fmtNum(f), maxMagnitudeText)
	case !r.contains(f):
		d.addCode(CodeRange, path, "%s is out of range: %s must be %s", fmtNum(f), name, r)
	default:
		return f, true
	}
	return 0, false
}

// numberOutOfRange reports whether v is a string that reads as a number
// too large for float64 (1e400), which go-yaml leaves a string.
func numberOutOfRange(v any) bool {
	text, isString := v.(string)
	if !isString {
		return false
	}
	_, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	return errors.Is(err, strconv.ErrRange)
}

// integer reads v as a whole number in r. JSON has no integers, so a whole
// float such as 4.0 counts as one.
func (d *decoder) integer(path, name string, v any, r rng) (int, bool) {
	f, ok := toFloat(v)
	if ok && !math.IsNaN(f) && !math.IsInf(f, 0) && f != math.Trunc(f) {
		d.addCode(CodeType, path, "expected %s, got %s", r.what("an integer"), fmtNum(f))
		return 0, false
	}
	if !ok {
		d.addCode(CodeType, path, "expected %s, got %s", r.what("an integer"), describe(v))
		return 0, false
	}
	f, ok = d.number(path, name, v, r)
	return int(f), ok
}

// text reads v as a non-empty string.
func (d *decoder) text(path string, v any) (string, bool) {
	s, ok := v.(string)
	switch {
	case !ok:
		d.addCode(CodeType, path, "expected a string, got %s (put text in quotes)", describe(v))
	case strings.TrimSpace(s) == "":
		d.add(path, "expected a non-empty string, got %q", s)
	default:
		return s, true
	}
	return "", false
}

// toFloat converts the numeric types the YAML, JSON and TOML decoders
// produce.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint:
		return float64(x), true
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	return 0, false
}

// describe names a value and its type for "expected X, got Y" messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("%t", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	if f, ok := toFloat(v); ok {
		return fmtNum(f)
	}
	// Dates: YAML's timestamps and TOML's date and time types.
	if t, ok := v.(time.Time); ok {
		if t.Equal(t.Truncate(24 * time.Hour)) {
			return "the date " + t.Format(time.DateOnly)
		}
		return "the date and time " + t.Format(time.RFC3339)
	}
	return fmt.Sprintf("the date or time %v", v)
}

// fmtNum prints a number the way a user would write it: 6200000, not
// 6.2e+06; exponents only for very large or small magnitudes.
func fmtNum(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "infinity"
	case math.IsInf(f, -1):
		return "-infinity"
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e15) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// maxMagnitudeText is the limit on numbers as messages give it: grouped
// digits, as a person reads a limit, not 1e+15.
var maxMagnitudeText = fmtLarge(maxMagnitude)

// fmtLarge writes a figure a message sets beside the limit on numbers in
// grouped digits, as the limit is: 1,500,000,000,000,000. It is rounded
// to a whole number, up when beyond the limit, so that a figure just
// beyond it never reads as the limit itself (1,000,000,000,000,001).
// Infinities, NaN and figures of 22 digits or more are written as fmtNum
// does.
func fmtLarge(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1e21 {
		return fmtNum(x)
	}
	whole := math.Round(math.Abs(x))
	if math.Abs(x) > maxMagnitude {
		whole = math.Ceil(math.Abs(x))
	}
	return GroupDigits(math.Copysign(whole, x))
}

// GroupDigits writes x rounded to a whole number with its thousands
// grouped: 1,500,000, -120,000 (no sign for a figure that rounds to 0).
// Every view that writes a large whole figure writes it so.
func GroupDigits(x float64) string {
	whole := math.Round(math.Abs(x))
	digits := strconv.FormatFloat(whole, 'f', -1, 64)
	var b strings.Builder
	if x < 0 && whole != 0 {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// rng is the allowed range of a number. The upper bound, when there is
// one, is always included.
type rng struct {
	lo, hi       float64
	hasLo, hasHi bool
	loOpen       bool // lo itself is excluded
}

func atLeast(lo float64) rng     { return rng{lo: lo, hasLo: true} }
func above(lo float64) rng       { return rng{lo: lo, hasLo: true, loOpen: true} }
func between(lo, hi float64) rng { return rng{lo: lo, hi: hi, hasLo: true, hasHi: true} }
func aboveUpTo(lo, hi float64) rng {
	return rng{lo: lo, hi: hi, hasLo: true, hasHi: true, loOpen: true}
}
func (r rng) contains(f float64) bool {
	if r.hasLo && (f < r.lo || r.loOpen && f == r.lo) {
		return false
	}
	return !r.hasHi || f <= r.hi
}

func (r rng) String() string {
	lo, hi := fmtNum(r.lo), fmtNum(r.hi)
	switch {
	case r.hasHi && !r.loOpen:
		return "between " + lo + " and " + hi
	case r.hasHi:
		return "> " + lo + " and <= " + hi
	case r.loOpen:
		return "> " + lo
	case r.hasLo:
		return ">= " + lo
	}
	return "any number"
}

// what describes a number of kind ("a number", "an integer") in r.
func (r rng) what(kind string) string {
	if !r.hasLo {
		return kind
	}
	return kind + " " + r.String()
}

// orList joins choices for a message: "a, b or c".
func orList(choices []string) string {
	if len(choices) < 2 {
		return strings.Join(choices, "")
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}
