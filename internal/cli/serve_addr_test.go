package cli

import (
	"context"
	"errors"
	"net"
	"testing"
)

// An address serve cannot listen on (taken, or a host that is not found)
// is a usage error naming --addr and the value, in words: it was net's
// "listen tcp 127.0.0.1:8080: bind: address already in use", exit 1.
func TestServeCannotListen(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := ln.Addr().String()
	opts := &serveOptions{IO: &IOStreams{Out: &syncBuffer{}, ErrOut: &syncBuffer{}}, Files: []string{"../../scenarios/baseline.yaml"}, Addr: taken, solverOptions: solverOptions{Solver: defaultSolver}}
	err = serveRun(context.Background(), opts)
	want := `--addr "` + taken + `": cannot listen there: address already in use: give host:port, such as 127.0.0.1:8080 (port 0: any free port)`
	if err == nil || err.Error() != want || exitCode(err) != ExitUsage {
		t.Errorf("taken address: %v (exit %d), want %q (exit %d)", err, exitCode(err), want, ExitUsage)
	}

	// A lookup that fails, as net.Listen gives it (not run: it needs DNS).
	dns := &net.OpError{Op: "listen", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}}
	err = listenError("nowhere.example:0", dns)
	want = `--addr "nowhere.example:0": the host "nowhere.example" is not found (no such host): give host:port, such as 127.0.0.1:8080 (port 0: any free port)`
	if ue := (usageError{}); err == nil || err.Error() != want || !errors.As(err, &ue) {
		t.Errorf("host not found: %v, want %q", err, want)
	}
}
