package report

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"

	"github.com/cardio-planning/cardio/internal/plan"
)

// FormatVersion is the version of cardio's JSON output, shared by every command.
const FormatVersion = plan.FormatVersion

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error { return writeJSON(w, v) }

// WriteCSV writes rows as CSV.
func WriteCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteFileAtomic writes a file through a temporary file in the same
// directory and renames it into place, so that a reader never sees half a
// file and a failure leaves any previous file untouched.
//
// A target that exists and is not a regular file (/dev/null, /dev/stdout, a
// named pipe) is written directly: renaming over it would replace the device.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	if fi, statErr := os.Stat(path); statErr == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	// CreateTemp makes the file private (0600); a report is an ordinary
	// document, so give it the mode of the file it replaces, or 0644.
	mode := os.FileMode(0o644)
	if fi, statErr := os.Stat(path); statErr == nil {
		mode = fi.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
