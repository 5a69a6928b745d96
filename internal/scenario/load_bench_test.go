package scenario

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// bigScenario is the baseline with a checkup: mapping of n extra keys, in
// the given format: the worst case of one large mapping.
func bigScenario(tb testing.TB, format string, n int) []byte {
	var b strings.Builder
	switch format {
	case "yaml":
		base, err := os.ReadFile("testdata/baseline.yaml")
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(base)
		b.WriteString("\ncheckup:\n")
		for i := range n {
			fmt.Fprintf(&b, "  k%d: %d\n", i, i)
		}
	case "toml":
		base, err := os.ReadFile("testdata/baseline.toml")
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(base)
		b.WriteString("\n[checkup]\n")
		for i := range n {
			fmt.Fprintf(&b, "k%d = %d\n", i, i)
		}
	case "json":
		base, err := os.ReadFile("testdata/baseline.json")
		if err != nil {
			tb.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(base, &m); err != nil {
			tb.Fatal(err)
		}
		c := map[string]any{}
		for i := range n {
			c[fmt.Sprintf("k%d", i)] = i
		}
		m["checkup"] = c
		out, err := json.Marshal(m)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(out)
	}
	return []byte(b.String())
}

// BenchmarkLoadSize loads scenarios with one mapping of 1k to 100k keys (up
// to about 1.6 MB) in each format. Time per byte must stay flat as the
// size grows: go test ./internal/scenario -run '^$' -bench LoadSize
func BenchmarkLoadSize(b *testing.B) {
	for _, format := range []string{"yaml", "toml", "json"} {
		for _, n := range []int{1000, 10000, 30000} {
			data := bigScenario(b, format, n)
			b.Run(fmt.Sprintf("%s/keys=%d", format, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					_, err := LoadBytes("big."+format, data, nil)
					if err == nil {
						b.Fatal("the extra checkup keys were accepted")
					}
				}
			})
		}
	}
}

// BenchmarkLoadFunctions loads scenarios with 2k and 8k functions of their
// own, each looked up by its id: time per function must stay flat (a search
// of the list for each function made it quadratic).
//
//	go test ./internal/scenario -run '^$' -bench LoadFunctions
func BenchmarkLoadFunctions(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		var sb strings.Builder
		sb.WriteString(baseDoc + "functions:\n")
		for i := range n {
			fmt.Fprintf(&sb, "  - {id: f%d, class: heart, locality: either, fte_per_100_sellers: 1}\n", i)
		}
		data := []byte(sb.String())
		b.Run(fmt.Sprintf("functions=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := LoadBytes("big.yaml", data, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
