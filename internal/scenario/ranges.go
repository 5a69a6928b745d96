package scenario

import (
	"encoding/json"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Kinds of distribution a range gives (docs/scenario.md, Ranges).
const (
	Triangular = "triangular" // {low, mode, high}
	Normal     = "normal"     // {mean, sd}, truncated to the key's valid range
	Uniform    = "uniform"    // {uniform: [low, high]}
)

// Distribution is a range given where a number is expected. Low and High
// bound it: the triangle's or the uniform's ends, or, for a normal, the
// key's valid range it is truncated to (at most maxMagnitude in size). Mode
// is the triangle's mode, Mean and SD the normal's parameters.
type Distribution struct {
	Kind string  `json:"kind"`
	Low  float64 `json:"low"`
	Mode float64 `json:"mode,omitempty"`
	High float64 `json:"high"`
	Mean float64 `json:"mean,omitempty"`
	SD   float64 `json:"sd,omitempty"`
}

// MarshalJSON writes the parameters of d's kind, each always: a
// triangle's mode of 0 (a budget change from -8% to 0, most likely 0) or a
// normal's mean of 0 is a value, and an omitted field read as no mode.
func (d Distribution) MarshalJSON() ([]byte, error) {
	switch d.Kind {
	case Triangular:
		return json.Marshal(struct {
			Kind string  `json:"kind"`
			Low  float64 `json:"low"`
			Mode float64 `json:"mode"`
			High float64 `json:"high"`
		}{d.Kind, d.Low, d.Mode, d.High})
	case Normal:
		return json.Marshal(struct {
			Kind string  `json:"kind"`
			Low  float64 `json:"low"`
			High float64 `json:"high"`
			Mean float64 `json:"mean"`
			SD   float64 `json:"sd"`
		}{d.Kind, d.Low, d.High, d.Mean, d.SD})
	}
	return json.Marshal(struct {
		Kind string  `json:"kind"`
		Low  float64 `json:"low"`
		High float64 `json:"high"`
	}{d.Kind, d.Low, d.High})
}

// Central is the value every command but risk plans with: the triangle's
// mode, the normal's mean, the uniform's midpoint.
func (d Distribution) Central() float64 {
	switch d.Kind {
	case Triangular:
		return d.Mode
	case Normal:
		return d.Mean
	}
	return d.Low + (d.High-d.Low)/2
}

// Quantile is the value below which a fraction p (0 < p < 1) of the draws
// lie: the inverse of the distribution's CDF. Drawing Quantile(u) for u
// uniform on (0, 1) samples the distribution (inverse transform), so that
// the same u gives the same draw at every budget of a goal seek. A
// collapsed range (low = high, sd = 0) is its central value. The result
// never leaves [Low, High].
func (d Distribution) Quantile(p float64) float64 {
	var x float64
	switch {
	case d.Kind == Normal && d.SD > 0:
		n := distuv.Normal{Mu: d.Mean, Sigma: d.SD}
		// Truncation by the inverse CDF: p maps into the CDF's values on
		// [Low, High], so no draw is rejected and the draw is monotone in p.
		a, b := n.CDF(d.Low), n.CDF(d.High)
		if b-a <= 0 {
			// The range holds no normal mass at float64 precision (a mean
			// far outside it cannot be: the loader refuses it): the mean.
			return d.Mean
		}
		x = n.Quantile(a + p*(b-a))
	case d.Kind == Normal || d.Low == d.High:
		return d.Central()
	case d.Kind == Triangular:
		x = distuv.NewTriangle(d.Low, d.High, d.Mode, nil).Quantile(p)
	default:
		x = distuv.Uniform{Min: d.Low, Max: d.High}.Quantile(p)
	}
	return math.Min(d.High, math.Max(d.Low, x))
}

// Uncertain is an input given as a range: its key path (as --set takes
// it), its distribution and where it is written.
type Uncertain struct {
	Path string       `json:"path"`
	Dist Distribution `json:"distribution"`
	// File, Line and Col place the range: the scenario file, or SetFile
	// for a --set.
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// rangeForms is what a range may be, for messages.
const rangeForms = "a range {low: L, mode: M, high: H}, {mean: M, sd: S} or {uniform: [L, H]}"

// rangeKeys are the keys of each form.
var (
	triangleKeys = []string{"low", "mode", "high"}
	normalKeys   = []string{"mean", "sd"}
	uniformKeys  = []string{"uniform"}
)

// colonInKey returns the first key holding a colon. YAML reads
// {low:1,high:2} as a mapping whose keys are "low:1" and "high:2" with no
// values, since a colon starts a value only when a space follows it; a
// range typed on a command line without spaces lands here.
func colonInKey(keys []string) (string, bool) {
	for _, k := range keys {
		if strings.Contains(k, ":") {
			return k, true
		}
	}
	return "", false
}

// uncertainty reads m, a mapping given where a number in r is expected, as
// a range; it records it and returns its central value, or reports what is
// wrong with it.
func (d *decoder) uncertainty(path, name string, m map[string]any, r rng) (float64, bool) {
	keys := sortedKeys(m)
	var form []string
	switch {
	case slices.Contains(keys, "uniform"):
		form = uniformKeys
	case slices.Contains(keys, "mean") || slices.Contains(keys, "sd"):
		form = normalKeys
	case slices.Contains(keys, "low") || slices.Contains(keys, "mode") || slices.Contains(keys, "high"):
		form = triangleKeys
	default:
		if k, ok := colonInKey(keys); ok {
			d.addCode(CodeType, path, "expected %s or %s, got a mapping with the key %q: in YAML a colon needs a space after it, as in {low: 1, mode: 2, high: 3}", r.what("a number"), rangeForms, k)
			return 0, false
		}
		d.addCode(CodeType, path, "expected %s or %s, got a mapping", r.what("a number"), rangeForms)
		return 0, false
	}
	ok := true
	for _, k := range keys {
		if strings.Contains(k, ":") {
			d.addCode(CodeUnknownKey, joinKey(path, k), "unknown key %q in a range: in YAML a colon needs a space after it, as in %s: 1", k, k[:strings.Index(k, ":")])
			ok = false
			continue
		}
		if !slices.Contains(form, k) {
			d.addCode(CodeUnknownKey, joinKey(path, k), "unknown key %q in a range: write %s", k, rangeForms)
			ok = false
		}
	}
	for _, k := range form {
		if _, has := m[k]; !has && !slices.ContainsFunc(keys, func(key string) bool { return strings.HasPrefix(key, k+":") }) {
			d.add(path, "%s is missing: write %s", k, rangeForms)
			ok = false
		}
	}
	if !ok {
		return 0, false
	}
	// bound reads one end or parameter of the range as a number: in r for
	// the values a draw can take, any finite number for sd.
	bound := func(key string, v any, in rng) (float64, bool) {
		if _, nested := v.(map[string]any); nested {
			d.addCode(CodeType, joinKey(path, key), "expected %s, got a mapping: a range's parts are numbers", in.what("a number"))
			return 0, false
		}
		return d.number(joinKey(path, key), name, v, in)
	}
	var dist Distribution
	switch form[0] {
	case "uniform":
		l, isList := m["uniform"].([]any)
		if !isList || len(l) != 2 {
			d.addCode(CodeType, joinKey(path, "uniform"), "expected a list of two numbers [low, high] in the range, got %s", describe(m["uniform"]))
			return 0, false
		}
		lo, ok1 := bound("uniform[0]", l[0], r)
		hi, ok2 := bound("uniform[1]", l[1], r)
		if !ok1 || !ok2 {
			return 0, false
		}
		if lo > hi {
			d.add(joinKey(path, "uniform"), "low %s is above high %s: write [low, high]", fmtNum(lo), fmtNum(hi))
			return 0, false
		}
		dist = Distribution{Kind: Uniform, Low: lo, High: hi}
	case "mean":
		mean, ok1 := bound("mean", m["mean"], r)
		sd, ok2 := bound("sd", m["sd"], atLeast(0))
		if !ok1 || !ok2 {
			return 0, false
		}
		lo, hi := -maxMagnitude, maxMagnitude
		if r.hasLo {
			lo = r.lo
		}
		if r.hasHi {
			hi = r.hi
		}
		dist = Distribution{Kind: Normal, Low: lo, High: hi, Mean: mean, SD: sd}
	default:
		lo, ok1 := bound("low", m["low"], r)
		mode, ok2 := bound("mode", m["mode"], r)
		hi, ok3 := bound("high", m["high"], r)
		if !ok1 || !ok2 || !ok3 {
			return 0, false
		}
		if lo > mode || mode > hi {
			d.add(path, "low %s, mode %s and high %s are out of order: a range needs low <= mode <= high", fmtNum(lo), fmtNum(mode), fmtNum(hi))
			return 0, false
		}
		dist = Distribution{Kind: Triangular, Low: lo, Mode: mode, High: hi}
	}
	d.uncertain = append(d.uncertain, Uncertain{Path: path, Dist: dist})
	return dist.Central(), true
}
