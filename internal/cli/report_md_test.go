package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// report -o X.md holds each plan's Markdown view as cardio plan writes it,
// its headings one level down: with the marginal values and why each
// investment is or is not bought, which it left out until session 24.
func TestReportMarkdownIsPlanView(t *testing.T) {
	for _, file := range []string{"../../scenarios/baseline.yaml", "../../scenarios/monthly-fiscal.yaml"} {
		out := filepath.Join(t.TempDir(), "r.md")
		var stdout, stderr bytes.Buffer
		ropts := &reportOptions{IO: &IOStreams{Out: &stdout, ErrOut: &stderr}, Files: []string{file},
			solverOptions: solverOptions{Solver: defaultSolver}, Output: out}
		if err := reportRun(context.Background(), ropts); err != nil {
			t.Fatalf("%s: %v\n%s", file, err, stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var view, perr bytes.Buffer
		popts := &planOptions{scenarioOptions: scenarioOptions{IO: &IOStreams{Out: &view, ErrOut: &perr}, File: file,
			viewOptions: viewOptions{Format: "markdown", solverOptions: solverOptions{Solver: defaultSolver}}}, Marginal: true}
		if err := planRun(context.Background(), popts); err != nil {
			t.Fatalf("%s: plan: %v\n%s", file, err, perr.String())
		}
		var want strings.Builder
		for _, line := range strings.SplitAfter(view.String(), "\n") {
			if strings.HasPrefix(line, "#") {
				want.WriteString("#")
			}
			want.WriteString(line)
		}
		got := string(data)
		if !strings.HasSuffix(got, want.String()) {
			t.Errorf("%s: the report's section is not cardio plan --format markdown:\n%s\nwant it to end with\n%s", file, got, want.String())
		}
		for _, must := range []string{"Marginal values", "Another $100k a year"} {
			if !strings.Contains(got, must) {
				t.Errorf("%s: no %q in the report", file, must)
			}
		}
	}
}
