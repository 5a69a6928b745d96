package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"
)

// formats maps a file extension to the viper config type that reads it.
var formats = map[string]string{".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}

// Load reads the scenario file at path (never writing it), applies the
// --set overrides, fills the defaults, merges the built-in catalog and
// validates the result. Every problem is reported at once, as Diagnostics.
func Load(path string, overrides []string) (*Scenario, error) {
	if d, bad := unsupported(path); bad {
		return nil, Diagnostics{d}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, Diagnostics{{File: path, Message: fmt.Sprintf("cannot read the file: %v", err)}}
	}
	return LoadBytes(path, data, overrides)
}

// LoadBytes is Load for a file already read: name gives the format (by its
// extension), the default scenario name and the File of diagnostics.
func LoadBytes(name string, data []byte, overrides []string) (*Scenario, error) {
	if d, bad := unsupported(name); bad {
		return nil, Diagnostics{d}
	}
	src := parseSource(name, formats[strings.ToLower(filepath.Ext(name))], data)
	if src.fatal {
		return nil, sorted(src.diags)
	}
	v := viper.New()
	v.SetConfigType(src.format)
	if err := v.ReadConfig(bytes.NewReader(src.data)); err != nil {
		if inner := errors.Unwrap(err); inner != nil {
			err = inner
		}
		src.diags = nil // what viper cannot read is the whole story
		src.addYAMLError(err)
		return nil, sorted(src.diags)
	}
	sets, diags := applyOverrides(v, overrides)
	s, probs := decode(name, settings(v, src))
	diags = append(diags, src.diags...)
	for _, p := range probs {
		diags = append(diags, src.locate(p, sets))
	}
	if diags.HasErrors() {
		return nil, sorted(diags)
	}
	s.Warnings = sorted(diags)
	return s, nil
}

func unsupported(name string) (Diagnostic, bool) {
	ext := filepath.Ext(name)
	if _, ok := formats[strings.ToLower(ext)]; ok {
		return Diagnostic{}, false
	}
	return Diagnostic{File: name, Message: fmt.Sprintf("unsupported file type %q: a scenario file ends in .yaml, .yml, .json or .toml", ext)}, true
}

func sorted(ds Diagnostics) Diagnostics {
	ds.sort()
	return ds
}

// settings collects viper's top-level values. The keys come from the file
// as well as from viper, because viper's AllKeys leaves out empty mappings
// such as "policy: {}", and an empty mapping under an unknown key is still
// an unknown key.
func settings(v *viper.Viper, src *source) map[string]any {
	keys := map[string]bool{}
	for _, k := range v.AllKeys() {
		top, _, _ := strings.Cut(k, ".")
		keys[top] = true
	}
	for p := range src.pos {
		if p != "" && !strings.ContainsAny(p, ".[") {
			keys[p] = true
		}
	}
	top := make(map[string]any, len(keys))
	for k := range keys {
		top[k] = v.Get(k)
	}
	return top
}

// locate places a problem: at the override that set its value, if one did,
// else at its key in the file, or the nearest enclosing key that is written
// there (a missing key is reported where its mapping is).
func (s *source) locate(p problem, sets []applied) Diagnostic {
	for i := len(sets) - 1; i >= 0; i-- {
		if under(p.path, sets[i].path) {
			return Diagnostic{File: SetFile, Path: p.path, Severity: p.sev, Code: p.code, Message: fmt.Sprintf("%s (set by --set %q)", p.msg, sets[i].text)}
		}
	}
	d := Diagnostic{File: s.file, Path: p.path, Severity: p.sev, Code: p.code, Message: p.msg}
	for path := p.path; ; path = parent(path) {
		if at, ok := s.pos[path]; ok {
			d.Line, d.Col = at.line, at.col
			return d
		}
		if path == "" {
			return d
		}
	}
}

// under reports whether path is at or below prefix.
func under(path, prefix string) bool {
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	rest := path[len(prefix):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// parent strips the last key or index from a path.
func parent(path string) string {
	i := max(strings.LastIndexByte(path, '.'), strings.LastIndexByte(path, '['))
	if i < 0 {
		return ""
	}
	return path[:i]
}
