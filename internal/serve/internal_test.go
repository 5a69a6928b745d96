package serve

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A handler's panic is a 500 and a log line; the server goes on serving.
func TestPanicRecovered(t *testing.T) {
	var logged bytes.Buffer
	s, err := New(Options{Files: []string{"../plan/testdata/typical.yaml"}, Log: &logged})
	if err != nil {
		t.Fatal(err)
	}
	s.mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(logged.String(), "panic serving GET /boom: boom") {
		t.Errorf("status %d, log %q", resp.StatusCode, logged.String())
	}
	if resp, err = http.Get(ts.URL + "/"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after the panic: %v %v", resp, err)
	}
	resp.Body.Close()
}

// The oldest sessions are dropped beyond MaxSessions.
func TestSessionsBounded(t *testing.T) {
	s, err := New(Options{Files: []string{"../plan/testdata/typical.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	first := s.newSession()
	for range MaxSessions {
		s.newSession()
	}
	if len(s.sessions) != MaxSessions || s.sessions[first.id] != nil {
		t.Errorf("%d sessions, the first kept: %v", len(s.sessions), s.sessions[first.id] != nil)
	}
}

func TestHostAllowed(t *testing.T) {
	for _, c := range []struct {
		bound, host string
		ok          bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "LOCALHOST", true},
		{"127.0.0.1:8080", "[::1]:8080", true},
		{"127.0.0.1:8080", "127.0.0.2", true},
		{"127.0.0.1:8080", "evil.example:8080", false},
		{"127.0.0.1:8080", "localhost.evil.example", false},
		{"127.0.0.1:8080", "", false},
		{"192.168.1.5:8080", "192.168.1.5:8080", true},
		{"192.168.1.5:8080", "10.0.0.1:8080", false},
		{"0.0.0.0:8080", "0.0.0.0:8080", false},
		{"0.0.0.0:8080", "evil.example", false},
	} {
		s := &Server{opts: Options{Addr: c.bound}}
		if got := s.hostAllowed(c.host); got != c.ok {
			t.Errorf("bound %s, Host %q: %v, want %v", c.bound, c.host, got, c.ok)
		}
	}
}
