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
	b.WriteString("<div class=\"table\"><table>\n")
	for r, row := range rows {
		tag := "td"
		if r == 0 {
			tag = "th"
			b.WriteString("<thead>")
		}
		b.WriteString("<tr>")
		for i, c := range row {
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
	c = strings.TrimLeft(c, "+-−(")
	c = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(c, "$"), "€"), "£")
	return c != "" && c[0] >= '0' && c[0] <= '9'
}
