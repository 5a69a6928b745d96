package scenario

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// formats maps a file extension to the format that reads it.
var formats = map[string]string{".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}

// DefaultMaxFileSize is the largest scenario file read unless the caller
// says otherwise: a realistic scenario is a few kilobytes, and a limit
// keeps a mistaken argument (a log, a disk image, /dev/zero) from using up
// the memory.
const DefaultMaxFileSize = 16 << 20

// readChunk is how much is read between two looks at the context.
const readChunk = 1 << 20

// Load reads the scenario file at path (never writing it), applies the
// --set overrides, fills the defaults, merges the built-in catalog and
// validates the result. Every problem is reported at once, as Diagnostics.
func Load(path string, overrides []string) (*Scenario, error) {
	return LoadContext(context.Background(), path, overrides, DefaultMaxFileSize)
}

// LoadContext is Load that stops when ctx is canceled (returning ctx's
// error) and reads at most maxSize bytes (no limit when maxSize <= 0).
func LoadContext(ctx context.Context, path string, overrides []string, maxSize int64) (*Scenario, error) {
	if d, bad := unsupported(path); bad {
		return nil, Diagnostics{d}
	}
	data, err := ReadFile(ctx, path, maxSize)
	if err != nil {
		return nil, err
	}
	return loadBytes(ctx, path, data, overrides, maxSize)
}

// ReadFile reads a scenario file: only a regular file (a named pipe or a
// device could block or never end), of at most maxSize bytes (no limit
// when maxSize <= 0), looking at ctx between chunks. Its problems are
// Diagnostics; a canceled ctx gives ctx's error.
func ReadFile(ctx context.Context, path string, maxSize int64) ([]byte, error) {
	fail := func(format string, args ...any) ([]byte, error) {
		return nil, Diagnostics{{File: path, Message: fmt.Sprintf(format, args...)}}
	}
	cannot := func(err error) ([]byte, error) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail("cannot read the file: %v", err)
	}
	// Stat before opening: opening a named pipe waits for a writer.
	fi, err := os.Stat(path)
	if err != nil {
		return cannot(err)
	}
	if !fi.Mode().IsRegular() {
		return fail("cannot read the file: it is %s, not a regular file", fileKind(fi.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return cannot(err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil { // the file opened, which may have changed
		return cannot(err)
	}
	if !fi.Mode().IsRegular() {
		return fail("cannot read the file: it is %s, not a regular file", fileKind(fi.Mode()))
	}
	tooLarge := func() ([]byte, error) {
		return fail("the file is larger than the limit of %s: a scenario is a few kilobytes (raise the limit with --max-file-size)", FormatSize(maxSize))
	}
	if maxSize > 0 && fi.Size() > maxSize {
		return tooLarge()
	}
	var buf bytes.Buffer
	buf.Grow(int(min(fi.Size(), 1<<30)) + 1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := io.CopyN(&buf, f, readChunk)
		if maxSize > 0 && int64(buf.Len()) > maxSize { // grown since the stat
			return tooLarge()
		}
		if err == io.EOF || err == nil && n < readChunk {
			return buf.Bytes(), nil
		}
		if err != nil {
			return cannot(err)
		}
	}
}

// fileKind names what a file that is not regular is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// FormatSize prints a byte count the way --max-file-size takes it: 16MB.
func FormatSize(n int64) string {
	for _, u := range []struct {
		unit string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseSize reads a size such as 16MB, 512KB, 1GB or 1000 (bytes); the
// units are powers of 1024 and their case does not matter.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		unit string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.unit) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.unit)), u.size
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size: write a positive whole number of bytes, KB, MB or GB, such as 16MB", s)
	}
	return n * mult, nil
}

// LoadBytes is Load for a file already read: name gives the format (by its
// extension), the default scenario name and the File of diagnostics.
func LoadBytes(name string, data []byte, overrides []string) (*Scenario, error) {
	return LoadBytesContext(context.Background(), name, data, overrides)
}

// LoadBytesContext is LoadBytes that stops when ctx is canceled, returning
// ctx's error. Its time is linear in the size of data. It is Parse, a
// SetOverride per override, and Decode.
func LoadBytesContext(ctx context.Context, name string, data []byte, overrides []string) (*Scenario, error) {
	return loadBytes(ctx, name, data, overrides, DefaultMaxFileSize)
}

// loadBytes is LoadBytesContext reading a roster file of at most maxSize
// bytes (no limit when maxSize <= 0).
func loadBytes(ctx context.Context, name string, data []byte, overrides []string, maxSize int64) (*Scenario, error) {
	doc, err := parseContext(ctx, name, data, maxSize)
	if err != nil {
		return nil, err
	}
	for _, text := range overrides {
		_ = doc.SetOverride(text) // Decode reports it with the rest
	}
	s, diags := doc.Decode()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
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

// locate places a problem: at the override that set its value or made its
// key, if one did, else at its key in the file, or the nearest enclosing key that is written
// there (a missing key is reported where its mapping is).
func (s *source) locate(p problem, sets []applied) Diagnostic {
	for i := len(sets) - 1; i >= 0; i-- {
		// The set's value, or a key the set made on its way to it
		// (polcy of polcy.max_fte), which the file does not have.
		if _, inFile := s.pos[p.path]; under(p.path, sets[i].path) || !inFile && p.path != "" && under(sets[i].path, p.path) {
			return Diagnostic{File: SetFile, Path: p.path, Severity: p.sev, Code: p.code, Message: p.msg, Set: sets[i].text}
		}
	}
	// A problem that is also about a key an override set (the first of
	// two duplicate names, renamed by --set) is that override's: placed
	// in the file, at the second, it read as a mistake of the file's.
	for i := len(sets) - 1; i >= 0; i-- {
		for _, a := range p.also {
			if under(a, sets[i].path) {
				return Diagnostic{File: SetFile, Path: p.path, Severity: p.sev, Code: p.code, Message: p.msg, Set: sets[i].text}
			}
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
