package plan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// SweepDoc of the parsed file with the sets is Sweep of the file: same
// rows, same problems, and the Doc is left as it was. Its invalid points
// say what a load with the same --set says, byte for byte.
func TestSweepDocEqualsSweep(t *testing.T) {
	inputs := []SweepInput{
		{Key: "budget.annual", Values: []float64{-1e5, 6.2e6}},
		{Key: "regions[EMEA].sellers", Values: []float64{200, -5}},
	}
	sets := []string{"policy.brain_weight=0.5"}
	want, err := Sweep(context.Background(), baselineFile, sets, inputs, solve.Revised{}, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := scenario.ParseFile(context.Background(), baselineFile, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range sets {
		if err := doc.SetOverride(text); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := doc.Decode()
	got, err := SweepDoc(context.Background(), doc, inputs, solve.Revised{}, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SweepDoc and Sweep differ:\n%+v\n%+v", got.Rows, want.Rows)
	}
	if after, _ := doc.Decode(); !reflect.DeepEqual(after, before) {
		t.Error("SweepDoc changed the Doc")
	}
	invalid := 0
	for _, row := range got.Rows {
		if row.Status != StatusInvalid {
			continue
		}
		invalid++
		over := append([]string(nil), sets...)
		for i, in := range inputs {
			over = append(over, in.Key+"="+strconv.FormatFloat(row.Values[i], 'g', -1, 64))
		}
		// The point's own problem, said without the --set the sweep made
		// of its value: the load's first diagnostic, placed at that set.
		_, err := scenario.Load(baselineFile, over)
		var ds scenario.Diagnostics
		if !errors.As(err, &ds) || ds[0].File != scenario.SetFile || ds[0].Set == "" || row.Problem != ds[0].Problem() || strings.Contains(row.Problem, "--set") {
			t.Errorf("%v: problem %q, load %v", row.Values, row.Problem, err)
		}
	}
	if invalid != 3 {
		t.Errorf("%d invalid points, want 3", invalid)
	}
}

// A file that does not parse gives every point its first problem; a set
// the file refuses gives every point its problem.
func TestSweepBrokenFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(file, []byte("budget: [1,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []SweepInput{{Key: "budget.annual", Values: []float64{1, 2}}}
	for _, c := range []struct {
		file string
		sets []string
	}{{file, nil}, {baselineFile, []string{"regions[Mars].sellers=1"}}} {
		res, err := Sweep(context.Background(), c.file, c.sets, inputs, solve.Revised{}, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, lerr := scenario.Load(c.file, append(c.sets, "budget.annual=1"))
		for _, row := range res.Rows {
			if row.Status != StatusInvalid || lerr == nil || !strings.HasPrefix(lerr.Error(), row.Problem) || row.Problem == "" {
				t.Errorf("%s %v: row %+v, load %v", c.file, c.sets, row, lerr)
			}
		}
	}
}
