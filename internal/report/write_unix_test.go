//go:build unix

package report

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileAtomicAsAnotherUser runs the writer as the user nobody (with
// setpriv, which needs root): the non-root path of writable, and the copy in
// place that keeps another user's file its owner.
func TestWriteFileAtomicAsAnotherUser(t *testing.T) {
	if path := os.Getenv("CARDIO_TEST_WRITE_AS"); path != "" {
		// The helper process, run by the test below as nobody.
		if err := WriteFileAtomic(path, writeString("nobody's")); err != nil {
			fmt.Println(err)
		}
		os.Exit(0)
	}
	setpriv, err := exec.LookPath("setpriv")
	if os.Geteuid() != 0 || err != nil {
		t.Skip("needs root and setpriv to run the writer as the user nobody")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "report.test")
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o777|os.ModeSticky); err != nil {
			t.Fatal(err)
		}
	}
	// Under go test -cover the helper writes coverage data to GOCOVERDIR,
	// which is root's; give it one nobody may write, or it says it could
	// not on its output.
	cover := filepath.Join(dir, "cover")
	if err := os.Mkdir(cover, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(cover, 0o777); err != nil {
		t.Fatal(err)
	}
	run := func(path string) string {
		cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, "-test.run=^TestWriteFileAtomicAsAnotherUser$")
		cmd.Env = append(os.Environ(), "CARDIO_TEST_WRITE_AS="+path, "GOCOVERDIR="+cover)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	// Root's 0644 file: nobody may not write it, so it is not replaced
	// (though nobody could rename over it in this world-writable directory).
	roots := filepath.Join(dir, "roots.md")
	if err := os.WriteFile(roots, []byte("root's"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run(roots); !strings.HasPrefix(out, "refusing to replace "+roots+": it is read-only") {
		t.Errorf("nobody writing root's 0644 file: %q", out)
	}
	if b, _ := os.ReadFile(roots); string(b) != "root's" {
		t.Errorf("root's file now holds %q", b)
	}
	// Root's 0666 file: nobody may write it; it keeps its owner and mode.
	shared := filepath.Join(dir, "shared.md")
	if err := os.WriteFile(shared, []byte("root's"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o666); err != nil {
		t.Fatal(err)
	}
	if out := run(shared); out != "" {
		t.Fatalf("nobody writing root's 0666 file: %s", out)
	}
	fi, err := os.Stat(shared)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(shared); string(b) != "nobody's" {
		t.Errorf("the shared file holds %q, want the new content", b)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 || fi.Mode().Perm() != 0o666 {
		t.Errorf("the shared file is now owned by %d with mode %04o, want root's and 0666 kept", st.Uid, fi.Mode().Perm())
	}
	// A new file is nobody's own.
	fresh := filepath.Join(dir, "fresh.md")
	if out := run(fresh); out != "" {
		t.Fatalf("nobody writing a new file: %s", out)
	}
	if fi, err := os.Stat(fresh); err != nil || fi.Sys().(*syscall.Stat_t).Uid != 65534 {
		t.Errorf("the new file: %v, %v", fi, err)
	}
}
