// Package report renders results for people and programs: terminal tables,
// Markdown, CSV and JSON. The format is chosen once, by the command line, and
// every view of a result carries the same numbers.
//
// Conventions (docs/design.md, "Commands and contracts"): coverage and scores are fractions 0..1
// in JSON and CSV and percentages in tables; money is in currency units; JSON
// keeps full precision. Output depends only on its input, byte for byte.
package report
