package report

import (
	"bytes"
	"html/template"
	"io"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
)

// A document is the page or the workbook of a command whose result is one
// scenario's analysis (risk, review): the same page and workbook style as
// `cardio report`, with the command's Markdown view as the page's words
// and its charts drawn from the same numbers as its tables.

// writeDocumentHTML writes one self-contained page: the index line of the
// scenario, the view's title and headline, the charts, then the rest of
// the view (its Markdown, headings one level down), as WriteHTML writes a
// scenario.
func writeDocumentHTML(w io.Writer, entry htmlIndexEntry, md string, charts []*chart.Chart) error {
	entry.ID = "s1"
	doc := htmlDoc{Title: "cardio " + entry.Name, Index: []htmlIndexEntry{entry}}
	sec := htmlSection{ID: entry.ID}
	for _, c := range charts {
		f, err := figure(c)
		if err != nil {
			return err
		}
		sec.Charts = append(sec.Charts, f)
	}
	// The view's title and the paragraphs under it (the headline) head the
	// section, above the charts.
	body := mdToHTML(md, 1)
	if i := strings.Index(body, "</h2>\n"); i >= 0 {
		end := i + len("</h2>\n")
		if j := strings.Index(body[end:], "<h3"); j >= 0 {
			end += j
		}
		sec.Head = template.HTML(body[:end])
		body = body[end:]
	}
	sec.Body = template.HTML(body)
	doc.Scenarios = []htmlSection{sec}
	var buf bytes.Buffer
	if err := htmlPage.Execute(&buf, doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeDocumentBook finishes a document's workbook (fixed properties, the first
// sheet active) and writes it with the same bytes for the same input.
func writeDocumentBook(w io.Writer, b *book, title string) error {
	defer b.f.Close()
	if b.err != nil {
		return b.err
	}
	if err := b.setProps(title); err != nil {
		return err
	}
	return b.write(w)
}
