package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/serve"
)

// serveGrace is how long in-flight requests get to finish at shutdown;
// past it their contexts are canceled (a solve stops at its next look).
// It stays under Main's interruptGrace, after which the process exits.
const serveGrace = 400 * time.Millisecond

type serveOptions struct {
	IO    *IOStreams
	Files []string
	Addr  string
	Open  bool
	solverOptions
	// grace is serveGrace unless a test sets it: on a loaded machine a
	// solve in flight may outlast 400 ms, and a test of what the shutdown
	// lets finish must not read that as a request cut.
	grace time.Duration
}

func newServeCmd(ios *IOStreams, runF func(context.Context, *serveOptions) error) *cobra.Command {
	opts := &serveOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "serve FILE...",
		Short: "Start the what-if workbench in the browser: change inputs, re-plan at once, compare and save variants",
		Long: `serve starts a local web app on the scenario files: each change of an input
re-plans on the server, warm from the last plan. It listens on loopback
(127.0.0.1, any free port) unless --addr says otherwise, and prints its URL.
See docs/serve.md for the workbench and its security model.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.Files = a
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return serveRun(cmd.Context(), opts)
		},
	}
	addAddrFlag(cmd, &opts.Addr)
	cmd.Flags().BoolVar(&opts.Open, "open", false, "open the workbench in the default browser (xdg-open)")
	opts.solverOptions.addFlags(cmd)
	return cmd
}

func serveRun(ctx context.Context, opts *serveOptions) error {
	lp, err := opts.lp()
	if err != nil {
		return err
	}
	if err := checkAddr(opts.Addr); err != nil {
		return usageError{fmt.Errorf("--addr %q: %v: give host:port, such as 127.0.0.1:8080 (port 0: any free port)", opts.Addr, err)}
	}
	for _, f := range opts.Files {
		// The problems of a file are printed as validate prints them; the
		// workbench still serves a file with problems, showing them.
		if _, err := loadScenario(opts.IO, f, nil); err != nil && !errors.Is(err, errSilentFailure) {
			return err
		}
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return listenError(opts.Addr, err)
	}
	srv, err := serve.New(serve.Options{Files: opts.Files, Addr: ln.Addr().String(), LP: lp, MaxFileSize: opts.IO.maxFileSize(), Log: opts.IO.ErrOut})
	if err != nil {
		ln.Close()
		var ds scenario.Diagnostics
		if errors.As(err, &ds) {
			return errSilentFailure
		}
		return err
	}
	// SIGINT cancels ctx (Main); SIGTERM too, from here on (before the
	// URL is printed, so that whoever reads it may stop the server).
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(opts.IO.ErrOut, "warning: listening on %s, not loopback: anyone who can reach this address can use the workbench and save files next to the scenario\n", ln.Addr())
	}
	url := "http://" + net.JoinHostPort(host, port) + "/"
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		url = "http://" + net.JoinHostPort("127.0.0.1", port) + "/"
	}
	fmt.Fprintf(opts.IO.Out, "cardio serve: %s\n", url)
	if opts.Open {
		if err := exec.Command("xdg-open", url).Start(); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "cannot open a browser (%v): open %s\n", err, url)
		}
	}

	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful: no new connection; in-flight requests finish within
	// serveGrace, then their contexts are canceled. A save is a temporary
	// file linked into place, so no file is left half-written.
	grace := opts.grace
	if grace == 0 {
		grace = serveGrace
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		cancelBase()
		hs.Close()
	}
	fmt.Fprintln(opts.IO.ErrOut, "cardio serve: stopped")
	return nil
}

// listenError words a failure to listen at --addr as the usage error it
// is (the address is the user's), without net's "listen tcp: lookup 0:".
func listenError(addr string, err error) error {
	const allowed = "give host:port, such as 127.0.0.1:8080 (port 0: any free port)"
	var de *net.DNSError
	if errors.As(err, &de) {
		return usageError{fmt.Errorf("--addr %q: the host %q is not found (%s): %s", addr, de.Name, de.Err, allowed)}
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		err = se.Err
	}
	return usageError{fmt.Errorf("--addr %q: cannot listen there: %v: %s", addr, err, allowed)}
}
