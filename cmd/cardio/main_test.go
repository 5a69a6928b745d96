package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/cardio-planning/cardio/internal/cli"
)

// update rewrites the golden output inside the scripts: go test ./cmd/cardio -update
var update = flag.Bool("update", false, "update the golden output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"cardio": func() { os.Exit(cli.Main(os.Args[1:], cli.SystemStreams())) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script. Each
// script can read the bundled example scenarios from $SCENARIOS and the
// docs from $DOCS.
func TestScripts(t *testing.T) {
	scenarios, err := filepath.Abs("../../scenarios")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Abs("../../docs")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SCENARIOS", scenarios)
			env.Setenv("DOCS", docs)
			return nil
		},
	})
}
