package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/cardio-planning/cardio/internal/plan"
)

// FormatVersion is the version of cardio's JSON output, shared by every command.
const FormatVersion = plan.FormatVersion

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error { return writeJSON(w, v) }

// WriteCSV writes rows as CSV, each cell made safe by CSVCell.
func WriteCSV(w io.Writer, rows [][]string) error {
	cw := NewCSVWriter(w)
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ErrReadOnly is the cause of a ProtectedError.
var ErrReadOnly = errors.New("report: the target file is read-only")

// ProtectedError refuses to replace a file the user could not write to.
type ProtectedError struct {
	Path string
	Mode fs.FileMode
}

func (e *ProtectedError) Error() string {
	return fmt.Sprintf("refusing to replace %s: it is read-only (mode %04o); make it writable (chmod u+w %s) or write elsewhere", e.Path, uint32(e.Mode.Perm()), e.Path)
}

func (e *ProtectedError) Is(target error) bool { return target == ErrReadOnly }

// WriteFileAtomic writes a file through a temporary file in the same
// directory and renames it into place, so that a reader never sees half a
// file and a failure leaves any previous file untouched.
//
// The file the user named is what the errors name, never the temporary
// file. Its protections are kept:
//   - a file the user could not write to is refused (ProtectedError); for
//     root, who can write anything, that is a file without any write bit;
//   - a replaced file keeps its mode and its owner; when its owner cannot be
//     given to the new file (another user's file that this user may write),
//     the complete new content is copied into the file in place instead;
//   - a symbolic link is followed and its target replaced, so the link stays;
//   - a target that exists and is not a regular file (/dev/null, /dev/stdout,
//     a named pipe) is written directly: renaming over it would replace the
//     device.
//
// The temporary file is synced before the rename and the directory after,
// so that a crash leaves either the old file or the new one.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	target, fi, magic, err := resolveTarget(path)
	if err != nil {
		return err
	}
	if fi != nil && fi.IsDir() {
		return dirError(path)
	}
	if fi != nil && (!fi.Mode().IsRegular() || magic) {
		return writeInPlace(path, target, fi.Mode().IsRegular(), write)
	}
	if fi != nil && !writable(target, fi) {
		return &ProtectedError{Path: path, Mode: fi.Mode()}
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return nameError(path, err)
	}
	temps.add(tmp.Name())
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		temps.remove(tmp.Name())
	}()
	if err := write(tmp); err != nil {
		return nameError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return nameError(path, err)
	}
	// CreateTemp makes the file private (0600); a report is an ordinary
	// document, so give it the mode of the file it replaces, or 0644.
	mode := os.FileMode(0o644)
	if fi != nil {
		mode = fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	}
	if err := tmp.Chmod(mode); err != nil {
		return nameError(path, err)
	}
	if fi != nil && !sameOwner(tmp, fi) {
		// Another user's file: copy into it, keeping its owner.
		if err := copyInto(target, tmp); err != nil {
			return nameError(path, err)
		}
		return nil // the deferred cleanup removes the temporary file
	}
	if err := tmp.Close(); err != nil {
		return nameError(path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return nameError(path, err)
	}
	done = true
	syncDir(filepath.Dir(target))
	return nil
}

// CheckTarget says, before any work, what WriteFileAtomic would refuse
// path for at once, in the same words: a directory, a symbolic link to a
// missing file, a directory that does not exist, a protected file. A
// command checks its -o with it before it plans, so that a slip in the
// path costs nothing (risk drew every sample first); nil does not promise
// that the write will succeed (a full disk).
func CheckTarget(path string) error {
	target, fi, magic, err := resolveTarget(path)
	switch {
	case err != nil:
		return err
	case fi == nil:
		dir := filepath.Dir(target)
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return missingDirError{path, dir}
		}
	case fi.IsDir():
		return dirError(path)
	case fi.Mode().IsRegular() && !magic && !writable(target, fi):
		return &ProtectedError{Path: path, Mode: fi.Mode()}
	}
	return nil
}

func dirError(path string) error { return fmt.Errorf("cannot write %s: it is a directory", path) }

// temps are the temporary files of the writes under way.
var temps = tempFiles{names: map[string]bool{}}

type tempFiles struct {
	mu    sync.Mutex
	names map[string]bool
}

func (t *tempFiles) add(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.names[name] = true
}

func (t *tempFiles) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.names, name)
}

// RemoveTempFiles removes the temporary files of the writes under way, for
// a process about to exit without finishing them (a second Ctrl-C): the
// files they would replace are left as they were.
func RemoveTempFiles() {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	for name := range temps.names {
		os.Remove(name)
	}
}

// resolveTarget follows symbolic links from path to the file to replace,
// and returns it with its FileInfo (nil when it does not exist yet). magic
// says that only the kernel can follow the links (/dev/stdout is a link to
// /proc/self/fd/1, whose target may be "pipe:[1234]"): the file is then
// written in place, through path, never renamed over.
func resolveTarget(path string) (target string, fi fs.FileInfo, magic bool, err error) {
	lfi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil, false, nil
	}
	if err != nil {
		return "", nil, false, nameError(path, err)
	}
	target = path
	if lfi.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			if fi, err := os.Stat(path); err == nil {
				return path, fi, true, nil
			}
			return "", nil, false, fmt.Errorf("cannot write %s: it is a symbolic link to a missing file", path)
		}
	}
	if fi, err = os.Stat(target); err != nil {
		return "", nil, false, nameError(path, err)
	}
	return target, fi, false, nil
}

// writeInPlace writes a device, a named pipe, or a file reached through
// the kernel's links (truncated first when it is a regular file).
func writeInPlace(path, target string, regular bool, write func(io.Writer) error) error {
	flags := os.O_WRONLY
	if regular {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(target, flags, 0)
	if err != nil {
		return nameError(path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return nameError(path, err)
	}
	return nameError(path, f.Close())
}

// copyInto replaces the content of the file at target with tmp's.
func copyInto(target string, tmp *os.File) error {
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, tmp); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// nameError makes an error of the file system name the path the user gave
// (not a temporary file, not a link's target). Other errors, such as those
// of the writer, pass unchanged.
func nameError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		// The target itself may be missing (it is about to be created), so
		// a missing file here is a missing directory: say which.
		dir := filepath.Dir(path)
		if _, statErr := os.Stat(dir); errors.Is(statErr, fs.ErrNotExist) {
			return missingDirError{path, dir}
		}
		if errors.As(err, &pe) {
			return fmt.Errorf("cannot write %s: %w", path, pe.Err)
		}
	case errors.As(err, &pe):
		return fmt.Errorf("cannot write %s: %w", path, pe.Err)
	case errors.As(err, &le):
		return fmt.Errorf("cannot write %s: %w", path, le.Err)
	}
	return err
}

// missingDirError is a write into a directory that does not exist. It is
// an fs.ErrNotExist.
type missingDirError struct{ path, dir string }

func (e missingDirError) Error() string {
	return fmt.Sprintf("cannot write %s: the directory %s does not exist", e.path, e.dir)
}

func (e missingDirError) Unwrap() error { return fs.ErrNotExist }

// syncDir makes a rename in dir durable. Its failure is not the write's:
// some file systems cannot sync a directory, and the file is in place.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
