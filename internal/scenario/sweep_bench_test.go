package scenario

import (
	"os"
	"strconv"
	"testing"
)

// BenchmarkSweepPoints20 is the scenario side of a 20-point sweep of the
// typical scenario (no solves): the scenario of every point built from
// the file's bytes and one --set per point, as plan.Sweep did before the
// Doc (bytes), and from the Doc parsed once (doc).
func BenchmarkSweepPoints20(b *testing.B) {
	const file = "../plan/testdata/typical.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]float64, 20)
	for i := range vals {
		vals[i] = 5e6 + float64(i)*1e5
	}
	b.Run("bytes", func(b *testing.B) {
		for b.Loop() {
			for _, v := range vals {
				if _, err := LoadBytes(file, data, []string{"budget.annual=" + strconv.FormatFloat(v, 'g', -1, 64)}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("doc", func(b *testing.B) {
		for b.Loop() {
			doc, err := Parse(file, data)
			if err != nil {
				b.Fatal(err)
			}
			for _, v := range vals {
				d := doc.Clone()
				if err := d.Set("budget.annual", v); err != nil {
					b.Fatal(err)
				}
				if _, diags := d.Decode(); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		}
	})
}
