//go:build unix

package cli

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Bound to every interface it warns; SIGTERM stops it gracefully.
func TestServeWarnsAndSIGTERM(t *testing.T) {
	url, _, errOut, done := startServe(t, context.Background(), "0.0.0.0:0")
	if !strings.Contains(errOut.String(), "warning: listening on") || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("URL %s, stderr %q", url, errOut.String())
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("stop: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}
