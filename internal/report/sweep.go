package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// SweepMetrics are the figures a sweep's grid can show (--metric).
var SweepMetrics = []string{"heart", "heart_min", "brain", "spend", "unspent"}

// ParseSweepMetric checks a --metric value.
func ParseSweepMetric(s string) (string, error) {
	for _, m := range SweepMetrics {
		if m == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown metric %q: use one of %s", s, strings.Join(SweepMetrics, ", "))
}

// WriteSweep writes a sweep: a row per point and, in the table and Markdown
// views of a two-input sweep, a grid of metric (first input down, second
// across) like a spreadsheet's data table. The table and Markdown views
// name the inputs in words, as risk does (InputLabel of s, the scenario
// swept; nil names them by their selectors), and write their values in
// their units; JSON and CSV keep the key paths and the numbers.
func WriteSweep(w io.Writer, res *plan.SweepResult, s *scenario.Scenario, f Format, metric string) error {
	res = sweepWords(res)
	switch f {
	case JSON:
		return writeJSON(w, sweepJSON(res))
	case CSV:
		return writeSweepCSV(w, res)
	}
	return writeSweepText(w, res, InputLabels(s, res.Inputs), f == Markdown, metric)
}

type sweepJSONDoc struct {
	FormatVersion int               `json:"format_version"`
	Scenario      string            `json:"scenario"`
	Inputs        []plan.SweepInput `json:"inputs"`
	Rows          []sweepJSONRow    `json:"rows"`
}

type sweepJSONRow struct {
	Values   map[string]float64 `json:"values"`
	Heart    *float64           `json:"heart"`
	HeartMin *float64           `json:"heart_min"`
	Brain    *float64           `json:"brain"`
	Spend    *float64           `json:"spend"`
	Unspent  *float64           `json:"unspent"`
	Status   string             `json:"status"`
	Gap      float64            `json:"gap,omitempty"`
	Problem  string             `json:"problem,omitempty"`
}

func sweepJSON(res *plan.SweepResult) sweepJSONDoc {
	doc := sweepJSONDoc{FormatVersion: FormatVersion, Scenario: res.Scenario, Inputs: res.Inputs, Rows: make([]sweepJSONRow, len(res.Rows))}
	for k, r := range res.Rows {
		row := sweepJSONRow{Values: map[string]float64{}, Status: r.Status, Gap: r.Gap, Problem: r.Problem}
		for i, in := range res.Inputs {
			row.Values[in.Key] = r.Values[i]
		}
		if r.OK() {
			spend, unspent := Cents(r.Spend), Cents(r.Unspent)
			row.Heart, row.HeartMin, row.Brain, row.Spend, row.Unspent = &r.Heart, &r.HeartMin, &r.Brain, &spend, &unspent
		}
		doc.Rows[k] = row
	}
	return doc
}

func sweepHeader(res *plan.SweepResult) []string {
	var h []string
	for _, in := range res.Inputs {
		h = append(h, in.Key)
	}
	return append(h, SweepMetrics...)
}

func writeSweepCSV(w io.Writer, res *plan.SweepResult) error {
	rows := [][]string{append(sweepHeader(res), "status")}
	full := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, r := range res.Rows {
		var rec []string
		for _, v := range r.Values {
			rec = append(rec, full(v))
		}
		for _, m := range SweepMetrics {
			cell := ""
			if r.OK() {
				x := metricOf(r, m)
				if m == "spend" || m == "unspent" {
					x = Cents(x)
				}
				cell = full(x)
			}
			rec = append(rec, cell)
		}
		rows = append(rows, append(rec, r.Status))
	}
	return WriteCSV(w, rows)
}

func metricOf(r plan.SweepRow, m string) float64 {
	switch m {
	case "heart":
		return r.Heart
	case "heart_min":
		return r.HeartMin
	case "brain":
		return r.Brain
	case "spend":
		return r.Spend
	}
	return r.Unspent
}

// inputNumber writes an input's value: large whole numbers with thousands
// separators (5,800,000), others as short as they are exact.
func inputNumber(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) >= 1e4 && math.Abs(x) < 1e15 {
		return scenario.GroupDigits(x)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

func writeSweepText(w io.Writer, res *plan.SweepResult, labels []string, md bool, metric string) error {
	tw := &textWriter{w: w, md: md}
	value := func(i int, x float64) string { return InputValue(res.Inputs[i].Key, res.Currency, x) }
	tw.heading(1, fmt.Sprintf("%s: sweep of %s (%d points)", res.Scenario, strings.Join(labels, " × "), len(res.Rows)))
	cell := func(r plan.SweepRow, m string) string {
		if !r.OK() {
			return "-"
		}
		x := metricOf(r, m)
		switch m {
		case "spend", "unspent":
			return plan.FormatMoney(res.Currency, x)
		case "heart":
			return HeartPercent(x, r.HealthyAll, r.HealthyHeart)
		case "heart_min":
			return HeartPercent(x, r.HeartMinHealthy, r.HealthyHeart)
		}
		return Percent(x)
	}
	header := append(append([]string(nil), labels...), "heart", "heart min", "brain", "spend", "unspent", "status")
	var rows [][]string
	bad := 0
	for _, r := range res.Rows {
		var row []string
		for i, v := range r.Values {
			row = append(row, value(i, v))
		}
		for _, m := range SweepMetrics {
			row = append(row, cell(r, m))
		}
		rows = append(rows, append(row, StatusWords(r.Status, r.Gap)))
		if !r.OK() {
			bad++
		}
	}
	tw.heading(2, "Points (heart and brain: mean over periods; heart min: weakest period; spend and unspent: totals)")
	tw.table(header, rows)
	if len(res.Inputs) == 2 {
		a, b := res.Inputs[0], res.Inputs[1]
		tw.heading(2, fmt.Sprintf("%s by %s (down) and %s (across)", metric, labels[0], labels[1]))
		header := []string{labels[0] + " \\ " + labels[1]}
		for _, v := range b.Values {
			header = append(header, value(1, v))
		}
		rows = nil
		for i, v := range a.Values {
			row := []string{value(0, v)}
			for j := range b.Values {
				row = append(row, cell(res.Rows[i*len(b.Values)+j], metric))
			}
			rows = append(rows, row)
		}
		tw.table(header, rows)
	}
	if bad > 0 {
		var lines []string
		for _, r := range res.Rows {
			if r.OK() || r.Problem == "" {
				continue
			}
			var at []string
			for i := range res.Inputs {
				at = append(at, labels[i]+" = "+value(i, r.Values[i]))
			}
			lines = append(lines, fmt.Sprintf("%s: %s: %s", strings.Join(at, ", "), r.Status, r.Problem))
		}
		tw.heading(2, fmt.Sprintf("Points without a plan (%d)", bad))
		tw.list(lines)
	}
	return tw.err
}

// WhatIfSheet is a sweep as a workbook sheet: the inputs' columns, then
// heart (mean), heart_min, brain (mean), spend and unspent (totals) and the
// status, a row per point, like an Excel data table laid out flat.
func WhatIfSheet(res *plan.SweepResult) Sheet {
	sh := Sheet{
		Name:     "What-if " + res.Scenario,
		Title:    "What-if: " + res.Scenario,
		Notes:    []string{"Every point is a full optimized plan; heart and brain are means over the periods, heart_min the weakest period, spend and unspent totals over the horizon."},
		Currency: res.Currency,
	}
	for _, in := range res.Inputs {
		sh.Columns = append(sh.Columns, Column{Header: in.Key, Kind: KindNumber})
	}
	sh.Columns = append(sh.Columns,
		Column{Header: "heart", Kind: KindPercent}, Column{Header: "heart_min", Kind: KindPercent},
		Column{Header: "brain", Kind: KindPercent}, Column{Header: "spend", Kind: KindMoney},
		Column{Header: "unspent", Kind: KindMoney}, Column{Header: "status", Kind: KindText})
	for _, r := range res.Rows {
		row := make([]any, 0, len(sh.Columns))
		for _, v := range r.Values {
			row = append(row, v)
		}
		if r.OK() {
			row = append(row, r.Heart, r.HeartMin, r.Brain, r.Spend, r.Unspent, StatusWords(r.Status, r.Gap))
		} else {
			row = append(row, nil, nil, nil, nil, nil, r.Status)
		}
		sh.Rows = append(sh.Rows, row)
	}
	return sh
}
