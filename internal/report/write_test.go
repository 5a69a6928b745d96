package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.lp")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A failing writer leaves the old file and no temporary file behind.
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file = %q after a failed write, want the old content", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1 (no temporary left)", len(entries))
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file = %q, want new", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want the replaced file's 0644", fi.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh.xlsx")
	if err := WriteFileAtomic(fresh, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", fi.Mode().Perm())
	}
	// A device is written in place, never replaced.
	if err := WriteFileAtomic(os.DevNull, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s is now a regular file", os.DevNull)
	}
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestWriteFileAtomicKeepsProtections: a file without any write bit is
// refused (for root too), a replaced file keeps its mode, a link stays a
// link, and errors name the path given, not the temporary file.
func TestWriteFileAtomicKeepsProtections(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.md")
	if err := os.WriteFile(ro, []byte("mine"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(ro, writeString("new"))
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("writing a 0444 file: err = %v, want ErrReadOnly", err)
	}
	if want := "refusing to replace " + ro + ": it is read-only (mode 0444)"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q, want it to start with %q", err, want)
	}
	if b, _ := os.ReadFile(ro); string(b) != "mine" {
		t.Errorf("the read-only file now holds %q", b)
	}

	grp := filepath.Join(dir, "group.csv")
	if err := os.WriteFile(grp, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(grp, 0o640); err != nil { // past the umask
		t.Fatal(err)
	}
	if err := WriteFileAtomic(grp, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(grp); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %04o after the replace, want 0640 kept", fi.Mode().Perm())
	}

	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("group.csv", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, writeString("through the link")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symbolic link", link)
	}
	if b, _ := os.ReadFile(grp); string(b) != "through the link" {
		t.Errorf("the link's target holds %q", b)
	}

	missing := filepath.Join(dir, "no", "such", "dir", "x.md")
	err = WriteFileAtomic(missing, writeString("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "cannot write "+missing+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("err = %v, want it to name %s and not a temporary file", err, missing)
	}
	err = WriteFileAtomic(dir, writeString("x"))
	if err == nil || err.Error() != "cannot write "+dir+": it is a directory" {
		t.Errorf("writing a directory: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files in the directory, want 3 (no temporary left)", len(entries))
	}
}

// TestRemoveTempFiles: the temporary file of a write under way is removed
// for a process about to exit (a second Ctrl-C); the target is untouched.
func TestRemoveTempFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(path, func(w io.Writer) error {
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("%d files during the write, want the target and a temporary", len(entries))
		}
		RemoveTempFiles()
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%d files after RemoveTempFiles, want the target alone", len(entries))
		}
		return errors.New("exiting")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("target holds %q", b)
	}
}
