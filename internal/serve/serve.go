// Package serve is cardio's what-if workbench: an http.Handler that holds
// scenario files parsed once, lets each browser session change their
// inputs through a typed API (scenario.Doc.Set) and re-plans on every
// change from the session's last plan (a warm plan.Planner).
//
// Security model (docs/serve.md): requests whose Host is not loopback or
// the bound address are refused (DNS rebinding); state-changing requests
// need the session's token (CSRF); request bodies are size-limited; every
// solve runs under a deadline and stops when the client goes away; a
// handler panic is a 500 and a log line.
package serve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// Defaults of Options.
const (
	DefaultMaxBody      = 1 << 20
	DefaultSolveTimeout = 60 * time.Second
	// MaxSessions bounds the memory sessions hold: beyond it the session
	// used longest ago is dropped.
	MaxSessions = 256
	// MaxPins is how many variants a session pins side by side.
	MaxPins = 4
)

// Names of the session cookie and the token header.
const (
	cookieName  = "cardio_session"
	tokenHeader = "X-Cardio-Token"
)

// ErrNoFiles means New was given no scenario file.
var ErrNoFiles = errors.New("serve: no scenario file")

// Options configure a Server.
type Options struct {
	// Files are the scenario files served, parsed once by New.
	Files []string
	// Addr is the address the server is bound to (host:port): its host is
	// accepted in the Host header besides loopback names.
	Addr string
	// LP is the solver backend (solve.Revised{} when nil).
	LP solve.LPSolver
	// Solve are the solver's options for every plan (the zero value: the
	// defaults, as cardio plan; tests set a small node limit).
	Solve solve.Options
	// MaxFileSize is the largest scenario file read (0: the default).
	MaxFileSize int64
	// MaxBody is the largest request body (0: DefaultMaxBody).
	MaxBody int64
	// SolveTimeout bounds each request's solving (0: DefaultSolveTimeout).
	SolveTimeout time.Duration
	// Log receives a line per refused request and per recovered panic
	// (nil: discarded).
	Log io.Writer
}

// Server is the workbench's http.Handler.
type Server struct {
	opts  Options
	log   *log.Logger
	docs  []*scenario.Doc
	files []string
	mux   *http.ServeMux

	// seeds are planners that planned each file once: a session's
	// planner starts as a copy, so that its first change is warm too.
	seeds []*plan.Planner
	// solving holds a slot per solve under way: at most one per CPU, so
	// that under load a solve waits its turn instead of sharing a core
	// with many (which makes every one of them slow).
	solving chan struct{}

	mu       sync.Mutex
	sessions map[string]*session
	clock    int64 // ticks on every session use, to drop the oldest
}

// New parses the scenario files and returns the server. A file that
// cannot be parsed is an error; one with problems that Decode reports is
// served, its problems shown on the page.
func New(opts Options) (*Server, error) {
	if len(opts.Files) == 0 {
		return nil, ErrNoFiles
	}
	if opts.LP == nil {
		opts.LP = solve.Revised{}
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.SolveTimeout <= 0 {
		opts.SolveTimeout = DefaultSolveTimeout
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = scenario.DefaultMaxFileSize
	}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	s := &Server{opts: opts, log: log.New(w, "cardio serve: ", log.LstdFlags), sessions: map[string]*session{},
		solving: make(chan struct{}, runtime.GOMAXPROCS(0))}
	for _, f := range opts.Files {
		d, err := scenario.ParseFile(contextBackground(), f, opts.MaxFileSize)
		if err != nil {
			return nil, err
		}
		s.docs = append(s.docs, d)
		s.files = append(s.files, f)
		seed := &plan.Planner{LP: opts.LP, Opt: opts.Solve}
		if sc, _ := d.Decode(); sc != nil {
			// An infeasible file or a failed solve leaves the seed cold.
			_, _, _ = seed.Optimize(contextBackground(), sc)
		}
		s.seeds = append(s.seeds, seed)
	}
	s.routes()
	return s, nil
}

// ServeHTTP checks the Host header and recovers a handler's panic, then
// serves the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			http.Error(w, "internal error: see the server's log", http.StatusInternalServerError)
		}
	}()
	if !s.hostAllowed(r.Host) {
		s.log.Printf("refused Host %q", r.Host)
		http.Error(w, "refused: the Host header is not this server's address", http.StatusForbidden)
		return
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

// hostAllowed says whether a Host header names this server: a loopback
// name or address, or the host it is bound to. A DNS rebinding attack
// reaches the server under the attacker's name, which is refused.
func (s *Server) hostAllowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return true
	}
	if bound, _, err := net.SplitHostPort(s.opts.Addr); err == nil && bound != "" {
		if ip := net.ParseIP(bound); ip == nil || !ip.IsUnspecified() {
			return strings.EqualFold(h, bound)
		}
	}
	return false
}

// session is one browser's state: per file, the edits made and the
// planner that re-plans from the last plan; and the variants pinned, of
// any of the files, side by side.
type session struct {
	id, token string
	used      int64

	mu    sync.Mutex // one request of a session at a time
	files []*fileState
	pins  []pin
}

// fileState is a session's variant of one scenario file.
type fileState struct {
	edits   []edit // in order; one per path
	planner *plan.Planner
}

// edit is one typed value set at a key path.
type edit struct {
	Path  string `json:"path"`
	Value any    `json:"value"`
}

func randomHex() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

// newSession starts a session, dropping the least recently used one when
// there are MaxSessions.
func (s *Server) newSession() *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sessions) >= MaxSessions {
		var oldest *session
		for _, x := range s.sessions {
			if oldest == nil || x.used < oldest.used {
				oldest = x
			}
		}
		delete(s.sessions, oldest.id)
	}
	s.clock++
	ss := &session{id: randomHex(), token: randomHex(), used: s.clock}
	for _, seed := range s.seeds {
		pl := *seed
		ss.files = append(ss.files, &fileState{planner: &pl})
	}
	s.sessions[ss.id] = ss
	return ss
}

// lookup finds the request's session by its cookie.
func (s *Server) lookup(r *http.Request) *session {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[c.Value]
	if ss != nil {
		s.clock++
		ss.used = s.clock
	}
	return ss
}

// authorized is the session of a state-changing request, or nil after
// answering 403: the session cookie and its token in the X-Cardio-Token
// header are both needed, so that another site's page, which can make
// the browser send the cookie but cannot read the token, is refused.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) *session {
	ss := s.lookup(r)
	tok := r.Header.Get(tokenHeader)
	if ss == nil || tok == "" || subtle.ConstantTimeCompare([]byte(tok), []byte(ss.token)) != 1 {
		s.log.Printf("refused %s %s: no session or a wrong token", r.Method, r.URL.Path)
		http.Error(w, "refused: missing or wrong session token (reload the page)", http.StatusForbidden)
		return nil
	}
	return ss
}

// acquire waits for a solving slot; release gives it back.
func (s *Server) acquire(ctx context.Context) error {
	select {
	case s.solving <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) release() { <-s.solving }

// fileName is the base name of file i, as the page shows it.
func (s *Server) fileName(i int) string { return filepath.Base(s.files[i]) }

func errorf(w http.ResponseWriter, code int, format string, a ...any) {
	http.Error(w, fmt.Sprintf(format, a...), code)
}
