package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// printBlocks splits a table too wide for a printed page into blocks of
// about equal size, each with the key columns first and within the page
// by its own estimate, which together hold every data column once and in
// order; a table that fits, or has no key columns, is not split.
func TestPrintBlocks(t *testing.T) {
	table := func(head []string, n int, cell string) [][]string {
		rows := [][]string{head}
		for i := range n {
			row := []string{fmt.Sprintf("fn%d", i)}
			for range head[1:] {
				row = append(row, cell)
			}
			rows = append(rows, row)
		}
		return rows
	}
	periods := func(keys ...string) []string {
		h := append([]string(nil), keys...)
		for q := range 20 {
			h = append(h, fmt.Sprintf("%d-Q%d", 2027+q/4, q%4+1))
		}
		return h
	}
	if b := printBlocks(table([]string{"function", "class", "2027-Q1", "2027-Q2"}, 3, "90.0%")); b != nil {
		t.Errorf("a narrow table is split: %v", b)
	}
	if b := printBlocks(table(periods("team", "class"), 3, "100.0% / 100.0% (11.8)")); b != nil {
		t.Errorf("a table without key columns is split: %v", b)
	}
	rows := table(periods("region", "sellers"), 40, "100.0% / 100.0% (11.8)")
	for _, r := range rows[1:] {
		r[1] = "120"
	}
	// width re-derives a column's printed width from its longest text.
	width := func(c int) float64 {
		w := printTextWidth(rows[0][c], true) + printCellPad
		for _, r := range rows[1:] {
			w = max(w, printTextWidth(r[c], false)+printCellPad)
		}
		return w
	}
	blocks := printBlocks(rows)
	if len(blocks) < 2 {
		t.Fatalf("20 periods of 22 characters: %d blocks", len(blocks))
	}
	var data []int
	for _, b := range blocks {
		if !slices.Equal(b[:2], []int{0, 1}) {
			t.Errorf("block %v does not start with the key columns", b)
		}
		var w float64
		for _, c := range b {
			w += width(c)
		}
		if w > printPageWidth {
			t.Errorf("block %v is %.0f px, over the page's %d", b, w, printPageWidth)
		}
		data = append(data, b[2:]...)
	}
	want := make([]int, 20)
	for i := range want {
		want[i] = i + 2
	}
	if !slices.Equal(data, want) {
		t.Errorf("the blocks hold the columns %v, want %v", data, want)
	}
	// The fewest blocks that fit: one block fewer, of equal size, does not.
	fewer := (20 + len(blocks) - 2) / (len(blocks) - 1)
	if w := width(0) + width(1) + float64(fewer)*width(2); w <= printPageWidth {
		t.Errorf("%d blocks where %d of %d periods fit (%.0f px)", len(blocks), len(blocks)-1, fewer, w)
	}
	// A two-way sweep's corner keys its rows.
	if k := keyColumns([]string{"budget.annual \\ policy.central_share.max", "40%", "50%", "60%"}); k != 1 {
		t.Errorf("sweep corner: %d key columns", k)
	}
	if k := keyColumns(strings.Fields("function class floor")); k != 0 {
		t.Errorf("no data columns: %d key columns", k)
	}
}

// numeric tells the figures a table right-aligns (and keeps on one line)
// from words, a list of periods among them.
func TestNumericCells(t *testing.T) {
	for c, want := range map[string]bool{
		"90.0%": true, "$1.20M": true, "-0.5 pts": true, "(12.3)": true, "25.9 FTE": true,
		"100.0% / 21.0% (1.8)": true, "2027-Q1": true, "1,234": true,
		"": false, "fully spent": false, "territories": false,
		"2027-Q1, 2027-Q2 and 2029-Q1": false, "2027-Q1 to 2029-Q2": false, "2031-Q3 and 2031-Q4": false,
	} {
		if got := numeric(c); got != want {
			t.Errorf("numeric(%q) = %v, want %v", c, got, want)
		}
	}
}
