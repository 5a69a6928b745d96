package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

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

// Picture sizes in the workbook, in pixels: as the HTML page's, so that a
// chart reads the same in both.
const xlsxPictureWidth = htmlChartWidth

// picturesSheet adds a sheet "Charts" with each chart as a PNG picture,
// one under the other. The pictures are drawn from the same chart data as
// the page's SVG; Excel has no fan (a band between two lines) or floating
// bar chart without stacking tricks, so a picture is what keeps them the
// same chart. Every figure a picture shows is a number on another sheet.
func (b *book) picturesSheet(title string, charts []*chart.Chart) {
	if len(charts) == 0 || b.err != nil {
		return
	}
	sheet := b.addSheet("Charts")
	g := &grid{b: b, sheet: sheet, row: 1}
	g.title(title)
	const rowPixels = 20 // the default row height
	row := 3
	for i, c := range charts {
		w, h := HTMLChartSize(c)
		var png bytes.Buffer
		if err := c.WritePNG(&png, w, h); err != nil {
			b.err = err
			return
		}
		scale := float64(xlsxPictureWidth) / float64(w)
		b.err = b.f.AddPictureFromBytes(sheet, fmt.Sprintf("A%d", row), &excelize.Picture{
			Extension: ".png",
			File:      png.Bytes(),
			Format: &excelize.GraphicOptions{
				AltText: c.Title, Name: fmt.Sprintf("chart %d: %s", i+1, c.Kind),
				ScaleX: scale, ScaleY: scale, Positioning: "oneCell",
			},
		})
		if b.err != nil {
			return
		}
		row += int(float64(h)*scale)/rowPixels + 2
	}
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
