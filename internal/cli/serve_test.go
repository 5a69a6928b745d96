package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var urlRE = regexp.MustCompile(`cardio serve: (http://\S+)`)

// startServe runs serveRun until stop, returning the URL it printed.
func startServe(t *testing.T, ctx context.Context, addr string) (url string, out, errOut *syncBuffer, done chan error) {
	t.Helper()
	out, errOut = &syncBuffer{}, &syncBuffer{}
	done = make(chan error, 1)
	opts := &serveOptions{IO: &IOStreams{Out: out, ErrOut: errOut}, Files: []string{"../../scenarios/baseline.yaml"}, Addr: addr, solverOptions: solverOptions{Solver: defaultSolver},
		// A grace no loaded test machine outlasts: TestServeInFlightFinish
		// failed when the changes in flight, slowed by the other packages'
		// tests, took longer than serveGrace and were cut.
		grace: time.Minute}
	go func() { done <- serveRun(ctx, opts) }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			return m[1], out, errOut, done
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v; %s", err, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("no URL printed")
	return
}

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// cardio serve listens on loopback, prints its URL, serves the page, and
// stops gracefully when its context is canceled (Ctrl-C in Main).
func TestServeLoopbackAndCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _, errOut, done := startServe(t, ctx, "127.0.0.1:0")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("URL %s", url)
	}
	if code := get(t, url); code != 200 {
		t.Errorf("GET %s: %d", url, code)
	}
	if strings.Contains(errOut.String(), "warning") {
		t.Errorf("a warning on loopback: %s", errOut.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(errOut.String(), "cardio serve: stopped") {
			t.Errorf("stop: %v; %s", err, errOut.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after it stopped")
	}
}

// At shutdown the requests in flight finish: every answer received is a
// whole plan, none is cut or an error; after it, connections are refused.
func TestServeInFlightFinish(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _, _, done := startServe(t, ctx, "127.0.0.1:0")
	// Four sessions change the plan one request after another, each
	// solving for tens of ms, so requests are in flight when the shutdown
	// begins. acrossShutdown counts the answers to requests sent before
	// the shutdown began and answered after: in flight, and finished.
	// Close instead of Shutdown cuts them, and then there are none.
	const sessions = 4
	var answered, acrossShutdown atomic.Int64
	var shutdownAt atomic.Int64
	var wg sync.WaitGroup
	for w := range sessions {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		resp, err := c.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		tok := regexp.MustCompile(`content="([0-9a-f]{32})"`).FindSubmatch(page)
		if tok == nil {
			t.Fatal("no token")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; ; k++ {
				body := fmt.Sprintf(`{"set":[{"path":"budget.annual","value":%d}]}`, 5400000+10000*((k+5*w)%20))
				req, _ := http.NewRequest("POST", url+"api/change", strings.NewReader(body))
				req.Header.Set("X-Cardio-Token", string(tok[1]))
				// Replayable: a request sent on a keep-alive connection the
				// shutdown closed while idle is retried on a new one.
				req.Header.Set("Idempotency-Key", fmt.Sprint(k))
				sent := time.Now().UnixNano()
				resp, err := c.Do(req)
				if err != nil {
					// No response at all is the server stopping: the
					// connection refused, or reset or closed (EOF) before
					// the server read the request (one still in the listen
					// queue when the listener closes, or an idle keep-alive
					// one the shutdown closes: the kernel and the timing
					// decide which). A request cut in flight shows as none
					// answered across the shutdown, below.
					if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, io.EOF) {
						t.Errorf("session %d, change %d during shutdown: %v", w, k, err)
					}
					return
				}
				var r struct {
					Plan struct{ Status string }
				}
				err = json.NewDecoder(resp.Body).Decode(&r)
				resp.Body.Close()
				if resp.StatusCode != 200 || err != nil || r.Plan.Status != "optimal" {
					t.Errorf("session %d, answer %d during shutdown: %d %v %q", w, k, resp.StatusCode, err, r.Plan.Status)
					return
				}
				answered.Add(1)
				if at := shutdownAt.Load(); at != 0 && sent < at {
					acrossShutdown.Add(1)
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	shutdownAt.Store(time.Now().UnixNano())
	cancel()
	<-done
	wg.Wait()
	if answered.Load() == 0 {
		t.Error("no change answered before the shutdown")
	}
	if acrossShutdown.Load() == 0 {
		t.Error("no change in flight when the shutdown began was answered")
	}
}
