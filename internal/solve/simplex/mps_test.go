package simplex

import (
	"bufio"
	"fmt"
	"math"
	"os"
)

// writeMPS writes p in free MPS format (for comparing with glpsol by hand).
func writeMPS(p *Problem, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "NAME P\nROWS\n N obj")
	for i := 0; i < p.NumRows; i++ {
		t := "E"
		switch {
		case math.IsInf(p.RowLo[i], -1) && math.IsInf(p.RowUp[i], 1):
			t = "N"
		case math.IsInf(p.RowLo[i], -1):
			t = "L"
		case math.IsInf(p.RowUp[i], 1):
			t = "G"
		case p.RowLo[i] != p.RowUp[i]:
			t = "L"
		}
		fmt.Fprintf(w, " %s r%d\n", t, i)
	}
	fmt.Fprintln(w, "COLUMNS")
	for j := 0; j < p.NumCols(); j++ {
		fmt.Fprintf(w, " x%d obj %.17g\n", j, p.Obj[j])
		for e := p.ColStart[j]; e < p.ColStart[j+1]; e++ {
			fmt.Fprintf(w, " x%d r%d %.17g\n", j, p.RowIndex[e], p.Value[e])
		}
	}
	fmt.Fprintln(w, "RHS")
	for i := 0; i < p.NumRows; i++ {
		switch {
		case math.IsInf(p.RowLo[i], -1) && math.IsInf(p.RowUp[i], 1):
		case math.IsInf(p.RowLo[i], -1) || p.RowLo[i] != p.RowUp[i] && !math.IsInf(p.RowUp[i], 1):
			fmt.Fprintf(w, " rhs r%d %.17g\n", i, p.RowUp[i])
		default:
			fmt.Fprintf(w, " rhs r%d %.17g\n", i, p.RowLo[i])
		}
	}
	fmt.Fprintln(w, "RANGES")
	for i := 0; i < p.NumRows; i++ {
		if !math.IsInf(p.RowLo[i], -1) && !math.IsInf(p.RowUp[i], 1) && p.RowLo[i] != p.RowUp[i] {
			// L row with rhs = up: range R gives [up - |R|, up].
			fmt.Fprintf(w, " rng r%d %.17g\n", i, p.RowUp[i]-p.RowLo[i])
		}
	}
	fmt.Fprintln(w, "BOUNDS")
	for j := 0; j < p.NumCols(); j++ {
		lo, up := p.ColLo[j], p.ColUp[j]
		switch {
		case lo == up:
			fmt.Fprintf(w, " FX bnd x%d %.17g\n", j, lo)
			continue
		case math.IsInf(lo, -1) && math.IsInf(up, 1):
			fmt.Fprintf(w, " FR bnd x%d\n", j)
			continue
		case math.IsInf(lo, -1):
			fmt.Fprintf(w, " MI bnd x%d\n", j)
		case lo != 0:
			fmt.Fprintf(w, " LO bnd x%d %.17g\n", j, lo)
		}
		if !math.IsInf(up, 1) {
			fmt.Fprintf(w, " UP bnd x%d %.17g\n", j, up)
		}
	}
	fmt.Fprintln(w, "ENDATA")
	return w.Flush()
}
