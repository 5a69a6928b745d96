//go:build unix

package report

import (
	"io/fs"
	"os"
	"syscall"
)

// writable reports whether the user could write to the existing file at
// path. Root can write to any file, so for root the file's mode decides:
// a file without any write bit (chmod a-w, 0444) is one its owner meant to
// protect, and cardio does not replace it. Anyone else is asked about
// through access(2), which also weighs group membership and ACLs.
func writable(path string, fi fs.FileInfo) bool {
	if os.Geteuid() == 0 {
		return fi.Mode().Perm()&0o222 != 0
	}
	return syscall.Access(path, 2 /* W_OK */) == nil
}

// sameOwner reports whether the new file f has the owner and group of the
// file it replaces, after trying to give them to it (which only root may
// do for another user's file).
func sameOwner(f *os.File, old fs.FileInfo) bool {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	nfi, err := f.Stat()
	if err != nil {
		return false
	}
	nst, ok := nfi.Sys().(*syscall.Stat_t)
	if !ok || nst.Uid == st.Uid && nst.Gid == st.Gid {
		return true
	}
	return f.Chown(int(st.Uid), int(st.Gid)) == nil
}
