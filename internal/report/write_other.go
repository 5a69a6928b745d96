//go:build !unix

package report

import (
	"io/fs"
	"os"
)

// writable reports whether the file may be replaced: it has a write bit.
func writable(_ string, fi fs.FileInfo) bool { return fi.Mode().Perm()&0o222 != 0 }

// sameOwner: files have no owner to keep here.
func sameOwner(*os.File, fs.FileInfo) bool { return true }
