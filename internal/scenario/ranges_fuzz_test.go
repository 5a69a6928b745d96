package scenario

import (
	"math"
	"testing"
)

// FuzzRanges puts arbitrary text where a number is expected (a region's
// sellers, or a share between 0 and 1): loading must not panic, and a
// range that loads keeps its invariants: its central value is the number
// decoded, it lies inside the key's valid range, and its quantiles are
// monotone and never leave [Low, High].
func FuzzRanges(f *testing.F) {
	for _, v := range []string{
		"{low: 80, mode: 100, high: 150}", "{low: 100, mode: 100, high: 100}", "{low: 0, mode: 0, high: 1e15}",
		"{mean: 100, sd: 20}", "{mean: 0, sd: 1e300}", "{mean: 1e15, sd: 1e-300}", "{mean: 5, sd: 0}",
		"{uniform: [1, 2]}", "{uniform: [2, 2]}", "{uniform: [2, 1]}", "{uniform: []}", "{uniform: 3}",
		"{low: 1, high: 2}", "{low: .nan, mode: 1, high: 2}", "{mean: 1, sd: .inf}", "{}", "{a: {b: 1}}",
		"{low: [1], mode: 1, high: 1}", "{uniform: [-1e300, 1e300]}",
		"{low: {low: 1, mode: 2, high: 3}, mode: 2, high: 3}", "{uniform: [{mean: 1, sd: 1}, 2]}",
	} {
		f.Add(v, false)
		f.Add(v, true)
	}
	f.Fuzz(func(t *testing.T, value string, share bool) {
		doc := edit(t, "    sellers: 100\n", "    sellers: "+value+"\n")
		if share {
			doc = baseDoc + "policy:\n  central_share: {min: " + value + "}\n"
		}
		s, err := LoadBytes("f.yaml", []byte(doc), nil)
		_, err2 := LoadBytes("f.yaml", []byte(doc), nil)
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("two loads differ: %v / %v", err, err2)
		}
		if err != nil {
			checkDiagnostics(t, err)
			return
		}
		if len(s.Uncertain) > 1 {
			t.Fatalf("one range given, %d recorded: %+v", len(s.Uncertain), s.Uncertain)
		}
		for _, u := range s.Uncertain {
			want := s.Regions[0].Sellers
			lo, hi := 0.0, math.Inf(1)
			if u.Path == "policy.central_share.min" {
				want, hi = s.Policy.CentralShare.Min, 1
			}
			d := u.Dist
			if d.Central() != want {
				t.Errorf("%s: central %v, decoded %v", u.Path, d.Central(), want)
			}
			if !(d.Low >= lo && d.High <= hi && d.Low <= want && want <= d.High) {
				t.Errorf("%s: %+v outside [%v, %v] or around %v", u.Path, d, lo, hi, want)
			}
			prev := math.Inf(-1)
			for _, p := range []float64{1e-9, 0.1, 0.5, 0.9, 1 - 1e-9} {
				x := d.Quantile(p)
				if math.IsNaN(x) || x < d.Low || x > d.High || x < prev {
					t.Errorf("%s: %+v: Q(%v) = %v after %v", u.Path, d, p, x, prev)
				}
				prev = x
			}
		}
	})
}
