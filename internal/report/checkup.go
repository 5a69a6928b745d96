package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/cardio-planning/cardio/internal/checkup"
)

// WriteCheckup writes a checkup in the given format. CSV is one row a sign:
// id,status,summary,remedy.
func WriteCheckup(w io.Writer, r *checkup.Report, f Format) error {
	switch f {
	case JSON:
		return writeJSON(w, r)
	case CSV:
		rows := [][]string{{"id", "status", "summary", "remedy"}}
		for _, s := range r.Signs {
			rows = append(rows, []string{s.ID, s.Status, s.Summary, s.Remedy})
		}
		return WriteCSV(w, rows)
	case Markdown:
		return writeCheckupText(w, r, true)
	}
	return writeCheckupText(w, r, false)
}

// writeCheckupText reads like a physician's summary: the four signs and
// their status at a glance, then each sign with one line of evidence and
// one line of remedy.
func writeCheckupText(w io.Writer, r *checkup.Report, md bool) error {
	tw := &textWriter{w: w, md: md}
	tw.heading(1, fmt.Sprintf("%s: checkup", r.Scenario))
	if r.Description != "" {
		tw.para(r.Description)
	}
	var rows [][]string
	counts := map[string]int{}
	for _, s := range r.Signs {
		rows = append(rows, []string{fmt.Sprintf("%s (%s)", s.Title, s.ID), s.Status})
		counts[s.Status]++
	}
	tw.para(fmt.Sprintf("Four warning signs of an unhealthy sales ops heart: %d to act on, %d to watch, %d ok.", counts[checkup.Act], counts[checkup.Watch], counts[checkup.OK]))
	tw.table([]string{"sign", "status"}, rows)
	for _, s := range r.Signs {
		tw.heading(2, fmt.Sprintf("%s: %s", s.Title, strings.ToUpper(s.Status)))
		if md {
			tw.list([]string{"**Evidence:** " + s.Summary, "**Remedy:** " + s.Remedy})
		} else {
			tw.list([]string{"Evidence: " + s.Summary, "Remedy: " + s.Remedy})
		}
	}
	return tw.err
}
