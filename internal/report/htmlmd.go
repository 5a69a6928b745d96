package report

import (
	"bufio"
	"html"
	"strings"
)

// mdToHTML turns the Markdown that cardio's own views write (headings,
// paragraphs, "- " lists, pipe tables, **bold** and `code`) into HTML,
// escaping every piece of text. It is not a general Markdown parser: the
// HTML report reuses the words and tables of the plan, checkup, budget case
// and comparison views rather than wording them a second time, and those
// views write only this much Markdown. shift moves headings down (1 makes
// a "#" an <h2>).
func mdToHTML(md string, shift int) string {
	var b strings.Builder
	var (
		para  []string
		list  []string
		table [][]string
		align []string
	)
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
		if len(list) > 0 {
			b.WriteString("<ul>\n")
			for _, it := range list {
				b.WriteString("<li>" + inline(it) + "</li>\n")
			}
			b.WriteString("</ul>\n")
			list = nil
		}
		if len(table) > 0 {
			writeHTMLTable(&b, table, align)
			table, align = nil, nil
		}
	}
	sc := bufio.NewScanner(strings.NewReader(md))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(line, "#"):
			flush()
			level := len(line) - len(strings.TrimLeft(line, "#"))
			h := min(level+shift, 6)
			tag := "h" + string(rune('0'+h))
			b.WriteString("<" + tag + ">" + inline(strings.TrimSpace(line[level:])) + "</" + tag + ">\n")
		case strings.HasPrefix(line, "|"):
			cells := splitRow(line)
			if isRule(cells) {
				align = cells
				continue
			}
			table = append(table, cells)
		case strings.HasPrefix(line, "- "):
			list = append(list, strings.TrimPrefix(line, "- "))
		default:
			para = append(para, trimmed)
		}
	}
	flush()
	return b.String()
}

// splitRow splits a pipe table row into its cells, keeping a cell's
// leading spaces beyond the one after the pipe (an indented sub-row).
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
	parts := strings.Split(line, "|")
	for i, p := range parts {
		parts[i] = strings.TrimRight(strings.TrimPrefix(p, " "), " ")
	}
	return parts
}

func isRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(strings.TrimSpace(c), ":-") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return len(cells) > 0
}

func writeHTMLTable(b *strings.Builder, rows [][]string, align []string) {
	// A right-aligned column of the text view holds numbers, and stays
	// right-aligned if most of its cells read as one; a column of words
	// (a status, a list of regions) reads better on the left.
	num := make([]bool, len(align))
	for i := range align {
		a := strings.TrimSpace(align[i])
		nums, words := 0, 0
		for _, row := range rows[1:] {
			switch {
			case i >= len(row) || strings.TrimSpace(row[i]) == "":
			case numeric(row[i]):
				nums++
			default:
				words++
			}
		}
		num[i] = strings.HasSuffix(a, ":") && !strings.HasPrefix(a, ":") && nums > words
	}
	all := make([]int, len(rows[0]))
	for i := range all {
		all[i] = i
	}
	blocks := printBlocks(rows)
	if blocks == nil {
		writeTableColumns(b, "table", rows, num, all)
		return
	}
	// Too wide for a printed page: the screen scrolls the whole table,
	// print shows it in blocks of columns, each led by the key columns.
	writeTableColumns(b, "table screen-only", rows, num, all)
	b.WriteString("<div class=\"print-only\">\n")
	for _, cols := range blocks {
		writeTableColumns(b, "table", rows, num, cols)
	}
	b.WriteString("</div>\n")
}

// Widths of a printed page, in CSS pixels: A4 portrait less the @page
// margins (186 mm, 703 px, less a little), the print font's size (8.5pt),
// and a cell's side padding (6 px each side).
const (
	printPageWidth = 700
	printFontPx    = 8.5 * 96 / 72
	printCellPad   = 12
)

// printTextWidth estimates how wide s prints, in CSS pixels, from the
// advance widths of DejaVu Sans, the widest of the fonts the page's font
// stack falls to (Debian's default sans; Segoe UI, San Francisco, Roboto
// and Liberation Sans are narrower), bold about a tenth wider. An estimate
// on the wide side: a block it says fits, fits (TestPrintedTablesFit lays
// the blocks out in Chromium).
func printTextWidth(s string, bold bool) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '$', r == '#', r == '€', r == '£', r == '_':
			em += 0.64
		case r == '%':
			em += 0.95
		case strings.ContainsRune(" .,:;ijl|'!", r):
			em += 0.33
		case strings.ContainsRune("/()[]-ftr*", r):
			em += 0.42
		case strings.ContainsRune("mwMW", r):
			em += 1.0
		case strings.ContainsRune("+=<>~", r), r >= 'A' && r <= 'Z':
			em += 0.84
		default:
			em += 0.64
		}
	}
	if bold {
		em *= 1.12
	}
	return em * printFontPx
}

// keyHeaders name the columns that say what a row is about in cardio's
// tables of many columns (periods, regions, scenarios or a second sweep
// key across): the function and its class and floor, the region and its
// sellers, the investment and its spend, the comparison's metric. Every
// block of a table split for print repeats them.
var keyHeaders = map[string]bool{
	"function": true, "class": true, "floor": true,
	"region": true, "sellers": true,
	"investment": true, "spend": true,
	"metric": true,
}

// keyColumns is how many columns lead a table with the header before its
// data: the leading keyHeaders, or the first column alone when it is a
// two-way sweep's corner ("budget.annual \ ..."); 0 when the table has
// fewer than two data columns to split.
func keyColumns(header []string) int {
	keys := 0
	for keys < len(header) && keyHeaders[strings.TrimSpace(header[keys])] {
		keys++
	}
	if keys == 0 && len(header) > 0 && strings.Contains(header[0], ` \ `) {
		keys = 1
	}
	if len(header)-keys < 2 {
		return 0
	}
	return keys
}

// printBlocks splits a table for a printed page, where it would be cut at
// the right edge: the columns of each block, the key columns (keyColumns)
// first, the data columns split into blocks of about equal size that each
// fit the page. It returns nil when the table fits, or has no key columns.
func printBlocks(rows [][]string) [][]int {
	header := rows[0]
	keys := keyColumns(header)
	if keys == 0 {
		return nil
	}
	width := make([]float64, len(header))
	for r, row := range rows {
		for i, c := range row {
			if i < len(width) {
				width[i] = max(width[i], printTextWidth(strings.TrimSpace(c), r == 0)+printCellPad)
			}
		}
	}
	sum := func(ws []float64) float64 {
		var t float64
		for _, w := range ws {
			t += w
		}
		return t
	}
	room := printPageWidth - sum(width[:keys])
	if sum(width) <= printPageWidth || room <= 0 {
		return nil
	}
	data := len(header) - keys
	for n := 2; n <= data; n++ {
		size := (data + n - 1) / n
		var blocks [][]int
		fits := true
		for lo := keys; lo < len(header); lo += size {
			hi := min(lo+size, len(header))
			fits = fits && sum(width[lo:hi]) <= room
			cols := make([]int, 0, keys+hi-lo)
			for i := range keys {
				cols = append(cols, i)
			}
			for i := lo; i < hi; i++ {
				cols = append(cols, i)
			}
			blocks = append(blocks, cols)
		}
		if fits || size == 1 {
			return blocks
		}
	}
	return nil
}

// writeTableColumns writes the columns cols of rows as an HTML table in a
// box of the given class, num saying which columns are right-aligned
// numbers.
func writeTableColumns(b *strings.Builder, class string, rows [][]string, num []bool, cols []int) {
	b.WriteString("<div class=\"" + class + "\"><table>\n")
	for r, row := range rows {
		tag := "td"
		if r == 0 {
			tag = "th"
			b.WriteString("<thead>")
		}
		b.WriteString("<tr>")
		for _, i := range cols {
			if i >= len(row) {
				continue
			}
			c := row[i]
			class := ""
			if i < len(num) && num[i] {
				class = "num"
			}
			if i == 0 && strings.HasPrefix(c, "  ") { // an indented sub-row; other columns are padded right-aligned numbers
				class = strings.TrimSpace(class + " sub")
			}
			open := "<" + tag
			if class != "" {
				open += ` class="` + class + `"`
			}
			b.WriteString(open + ">" + inline(strings.TrimSpace(c)) + "</" + tag + ">")
		}
		b.WriteString("</tr>")
		if r == 0 {
			b.WriteString("</thead><tbody>")
		}
		b.WriteString("\n")
	}
	b.WriteString("</tbody></table></div>\n")
}

// inline escapes text and turns **bold** and `code` into tags.
func inline(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "*`")
		if i < 0 {
			b.WriteString(html.EscapeString(s))
			break
		}
		b.WriteString(html.EscapeString(s[:i]))
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "**"):
			if j := strings.Index(s[2:], "**"); j >= 0 {
				b.WriteString("<strong>" + html.EscapeString(s[2:2+j]) + "</strong>")
				s = s[4+j:]
				continue
			}
		case s[0] == '`':
			if j := strings.IndexByte(s[1:], '`'); j >= 0 {
				b.WriteString("<code>" + html.EscapeString(s[1:1+j]) + "</code>")
				s = s[2+j:]
				continue
			}
		}
		b.WriteString(html.EscapeString(s[:1]))
		s = s[1:]
	}
	return b.String()
}

// numeric reports whether a cell reads as a number: a figure, an amount,
// a percentage or points, with a sign or not.
func numeric(c string) bool {
	c = strings.TrimSpace(c)
	if c == "" {
		return false
	}
	// A list of periods ("2027-Q1, 2027-Q2 and 2029-Q1", "2027-Q1 to
	// 2029-Q2") starts with a digit but is words: it wraps, on the left.
	for _, sep := range []string{", ", " and ", " to "} {
		if strings.Contains(c, sep) {
			return false
		}
	}
	c = strings.TrimLeft(c, "+-−(")
	c = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(c, "$"), "€"), "£")
	return c != "" && c[0] >= '0' && c[0] <= '9'
}
