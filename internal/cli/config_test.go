package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// runAddr runs a command that has --addr (as the coming serve will) under
// cardio's root, and returns the address it got and its error.
func runAddr(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	root := newRootCmd(ios)
	var addr, got string
	sub := &cobra.Command{Use: "listen", RunE: func(*cobra.Command, []string) error { got = addr; return nil }}
	addAddrFlag(sub, &addr)
	root.AddCommand(sub)
	root.SetArgs(append([]string{"listen"}, args...))
	err := root.Execute()
	return got, err
}

// The server address at each level: default, config file, environment,
// flag; each level over the ones after it.
func TestConfigAddrPrecedence(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("CARDIO_CONFIG", "")
	t.Setenv("CARDIO_ADDR", "")
	check := func(want string, args ...string) {
		t.Helper()
		got, err := runAddr(t, args...)
		if err != nil || got != want {
			t.Errorf("%v: addr %q, %v; want %q", args, got, err, want)
		}
	}
	check("127.0.0.1:0")
	if err := os.MkdirAll(filepath.Join(dir, "cardio"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cardio", "config.yaml"), []byte("addr: 127.0.0.1:8000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("127.0.0.1:8000")
	t.Setenv("CARDIO_ADDR", "localhost:9000")
	check("localhost:9000")
	check("[::1]:7000", "--addr", "[::1]:7000")
	// A flag given equal to the default still wins.
	check("127.0.0.1:0", "--addr", "127.0.0.1:0")

	t.Setenv("CARDIO_ADDR", "nowhere")
	if _, err := runAddr(t); err == nil || exitCode(err) != ExitUsage || !strings.HasPrefix(err.Error(), `CARDIO_ADDR: "nowhere" is not allowed: addr is a host and port`) {
		t.Errorf("bad CARDIO_ADDR: %v", err)
	}
	t.Setenv("CARDIO_ADDR", "")
	file := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(file, []byte("format: json\naddr: localhost:70000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runAddr(t, "--config", file); err == nil || !strings.HasPrefix(err.Error(), file+`:2:1: addr: "localhost:70000" is not allowed`) {
		t.Errorf("bad addr in %s: %v", file, err)
	}
}

// Every setting has a default its own check allows, a distinct variable,
// and is listed in docs/config.md.
func TestSettingsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range settings {
		if err := s.check(s.def); err != nil {
			t.Errorf("%s: default %q not allowed: %v", s.key, s.def, err)
		}
		if seen[s.env()] {
			t.Errorf("%s: variable %s twice", s.key, s.env())
		}
		seen[s.env()] = true
		for _, name := range []string{"`" + s.key + "`", "`" + s.env() + "`", "`--" + s.flag + "`"} {
			if !strings.Contains(string(doc), name) {
				t.Errorf("docs/config.md does not mention %s", name)
			}
		}
	}
}
