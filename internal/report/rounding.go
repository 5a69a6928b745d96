package report

import (
	"fmt"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// roundingNotePrefix begins roundingNote's paragraph: the workbook, whose
// cells are in cents and whose totals SUM formulas, leaves it out.
const roundingNotePrefix = "Each figure is rounded on its own"

// moneyColumn is a money column of a table whose last row is the total
// of the others: its index, what its rows are called, and whether its
// figures are printed with their sign (+$30.9k, as signedMoney does).
type moneyColumn struct {
	col    int
	name   string
	signed bool
}

// roundingNote says, when it is so, that a money column of a table, each
// figure rounded on its own (a least budget or spend up, the others to
// the nearest), adds up as printed to another figure than the column's
// total row: a reader who adds $1.48M four times finds $5.92M where the
// total says $5.91M. It reads the printed cells back and writes their sum
// as the total is written, as the reader does: rows are the table's, the
// total row last, and unit what a row is ("quarter"). Empty when every
// column adds up as printed.
func roundingNote(currency, unit string, rows [][]string, cols []moneyColumn) string {
	if len(rows) < 2 {
		return ""
	}
	var parts []string
	for _, c := range cols {
		var sum float64
		for _, row := range rows[:len(rows)-1] {
			sum += moneyValue(row[c.col])
		}
		// The reader rounds the sum as the total is printed: $44.8k and
		// $2,344 make $47.1k, as the total says, not a mismatch.
		money := func(x float64) string { return plan.FormatMoney(currency, x) }
		a, b := money(sum), strings.TrimSpace(rows[len(rows)-1][c.col])
		if c.signed {
			a = signedMoney(money, sum)
		}
		if a == b {
			continue
		}
		if len(parts) == 0 {
			parts = append(parts, fmt.Sprintf("the %ss' %s add up to %s against a total of %s", unit, c.name, a, b))
		} else {
			parts = append(parts, fmt.Sprintf("their %s to %s against %s", c.name, a, b))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	last := len(parts) - 1
	if last > 0 {
		parts[last] = "and " + parts[last]
	}
	return roundingNotePrefix + ": as printed, " + strings.Join(parts, ", ") + "."
}

// moneyValue reads back a figure the table printed (plan.ParseMoney); a
// cell cardio wrote always reads, so a failure is 0.
func moneyValue(cell string) float64 {
	x, err := plan.ParseMoney(strings.TrimSpace(cell))
	if err != nil {
		return 0
	}
	return x
}
