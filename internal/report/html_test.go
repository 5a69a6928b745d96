package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
)

// htmlPlans are the plans of the HTML tests: the baseline with every
// analysis and a one-input sweep, and the small scenario under a name that
// is HTML.
func htmlPlans(t *testing.T) []ScenarioPlan {
	t.Helper()
	base := analysed(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"), 0.92,
		plan.SweepInput{Key: "budget.annual", Values: []float64{5.6e6, 6.2e6, 6.8e6}})
	f := filepath.Join(t.TempDir(), "evil.yaml")
	yaml := strings.Replace(smallYAML, "name: Small team", `name: "<script>alert('x')</script> & <b>co</b>"`, 1)
	if err := os.WriteFile(f, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return []ScenarioPlan{base, planned(t, f)}
}

func writeHTMLBytes(t *testing.T, plans []ScenarioPlan) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, plans); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// walk calls fn on every element of a parsed page.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key || a.Namespace+":"+a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// The page parses, holds no script and refers to nothing outside itself;
// the scenario's name is escaped; the same plans give the same bytes.
func TestHTMLSelfContained(t *testing.T) {
	plans := htmlPlans(t)
	data := writeHTMLBytes(t, plans)
	if again := writeHTMLBytes(t, plans); !bytes.Equal(data, again) {
		t.Error("two pages of the same plans differ")
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sections := 0
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "iframe", "object", "embed", "link", "img":
			t.Errorf("the page has a <%s> element", n.Data)
		case "section":
			if c, _ := attr(n, "class"); c == "scenario" {
				sections++
			}
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "src", "href", "xlink:href", "action", "srcset":
				if !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q> refers outside the page", n.Data, a.Key, a.Val)
				}
			}
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has an event handler %s", n.Data, a.Key)
			}
		}
	})
	if sections != 2 {
		t.Errorf("%d scenario sections, want 2", sections)
	}
	for _, bad := range []string{"url(", "@import", "http://", "https://"} {
		if i := bytes.Index(data, []byte(bad)); i >= 0 && !bytes.Contains(data[i:min(len(data), i+40)], []byte("www.w3.org")) {
			t.Errorf("the page holds %q: %s", bad, data[i:min(len(data), i+80)])
		}
	}
	if bytes.Contains(data, []byte("<script>alert")) || bytes.Contains(data, []byte("<b>co</b>")) {
		t.Error("the scenario's name is not escaped")
	}
	if !bytes.Contains(data, []byte("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;")) {
		t.Error("the escaped scenario name is missing")
	}
	// The sections the issue lists, in the views' words.
	for _, want := range []string{"In short", "Marginal values", "Binding limits", ": checkup", ": budget case", "Comparison of 2 scenarios", "@media print", "break-before: page"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the page has no %q", want)
		}
	}
}

var (
	pathRE   = regexp.MustCompile(`<path d="([^"]*)" style="([^"]*)"`)
	figureRE = regexp.MustCompile(`(?s)<figure class="chart" data-kind="([^"]*)" data-series="([^"]*)">(.*?)</figure>`)
)

// vertices counts the points of an SVG path: M, then one per L.
func vertices(d string) int { return strings.Count(d, "L") + 1 }

// Each chart's SVG draws each of its series with one point per period: a
// line of n vertices in the series' colour, or n bars (and a legend key)
// filled with it.
func TestHTMLChartsHaveTheirSeries(t *testing.T) {
	plans := htmlPlans(t)
	data := string(writeHTMLBytes(t, plans))
	figs := figureRE.FindAllStringSubmatch(data, -1)
	kinds := map[string]int{}
	for _, f := range figs {
		kinds[f[1]]++
	}
	// The comparison, then the baseline's six (coverage by period and by
	// region, and the what-if), then the small plan's four (one region:
	// no coverage by region).
	if kinds["compare"] != 1 || kinds["heart-brain"] != 2 || kinds["spend"] != 2 || kinds["fte"] != 2 || kinds["whatif"] != 1 || kinds["coverage"] != 3 {
		t.Errorf("charts by kind: %v", kinds)
	}
	base := plans[0]
	cs, err := PlanCharts(base)
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[string]*chart.Chart{}
	for _, c := range cs {
		if _, ok := byKind[string(c.Kind)]; !ok {
			byKind[string(c.Kind)] = c
		}
	}
	n := len(base.Plan.Periods)
	checked := 0
	for _, f := range figs {
		kind, svg := f[1], f[3]
		c := byKind[kind]
		if c == nil || !strings.Contains(svg, svgText(c.Title)) {
			continue // another scenario's chart, or the comparison
		}
		var names []string
		for _, p := range c.Panels {
			for _, s := range p.Series {
				names = append(names, s.Name)
			}
		}
		if got := f[2]; got != strings.Join(names, "|") {
			t.Errorf("%s: data-series %q, want %q", kind, got, strings.Join(names, "|"))
		}
		paths := pathRE.FindAllStringSubmatch(svg, -1)
		for _, p := range c.Panels {
			points := n
			if kind == string(chart.WhatIf) {
				points = len(base.Sweep.Inputs[0].Values)
			}
			for i, s := range p.Series {
				hex := chart.Hex(chart.SeriesColor(i))
				switch s.Type {
				case chart.Line:
					found := false
					for _, m := range paths {
						if strings.Contains(m[2], "stroke:"+hex) && vertices(m[1]) == points {
							found = true
						}
					}
					if !found {
						t.Errorf("%s: series %s has no line of %d points in %s", kind, s.Name, points, hex)
					}
				case chart.Stacked, chart.Bar:
					bars := 0
					for _, m := range paths {
						// A bar is a filled rectangle; a line's points
						// are filled circles (arcs) in the same colour.
						if strings.Contains(m[2], "fill:"+hex) && !strings.Contains(m[1], "A") {
							bars++
						}
					}
					if bars != points+1 {
						t.Errorf("%s: series %s has %d shapes filled %s, want %d bars and a legend key", kind, s.Name, bars, hex, points)
					}
				}
				checked++
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d series checked", checked)
	}
}

// svgText escapes a title as the SVG writes it.
func svgText(s string) string { return html.EscapeString(s) }

// The Markdown the views write becomes HTML with every piece of text
// escaped, numbers right-aligned and sub-rows indented.
func TestMarkdownToHTML(t *testing.T) {
	md := "# A <title>\n\nSome **bold** and `code` & more.\n\n| metric | a |\n|:--|--:|\n| heart | 90.0% |\n|   heart Q1 | 89% |\n\n- one <li>\n- two\n"
	got := mdToHTML(md, 1)
	want := "<h2>A &lt;title&gt;</h2>\n<p>Some <strong>bold</strong> and <code>code</code> &amp; more.</p>\n" +
		"<div class=\"table\"><table>\n<thead><tr><th>metric</th><th class=\"num\">a</th></tr></thead><tbody>\n" +
		"<tr><td>heart</td><td class=\"num\">90.0%</td></tr>\n<tr><td class=\"sub\">heart Q1</td><td class=\"num\">89%</td></tr>\n</tbody></table></div>\n" +
		"<ul>\n<li>one &lt;li&gt;</li>\n<li>two</li>\n</ul>\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// An infeasible scenario's section says why in the plan view's words and
// has no chart; the other scenario is drawn in full.
func TestHTMLInfeasible(t *testing.T) {
	f := filepath.Join(t.TempDir(), "tight.yaml")
	yaml := strings.Replace(smallYAML, "annual: 300000", "annual: 1000", 1)
	yaml = strings.Replace(yaml, "fte_per_100_sellers: 1}", "fte_per_100_sellers: 1, min_coverage: 0.8}", 1)
	if err := os.WriteFile(f, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	tight := planned(t, f)
	if tight.Plan.Status != plan.StatusInfeasible {
		t.Fatalf("status %s", tight.Plan.Status)
	}
	small := planned(t, smallFile(t))
	data := string(writeHTMLBytes(t, []ScenarioPlan{tight, small}))
	i := strings.Index(data, `<section id="s1"`)
	j := strings.Index(data, `<section id="s2"`)
	if i < 0 || j < i {
		t.Fatal("no scenario sections")
	}
	if strings.Contains(data[i:j], "<figure") {
		t.Error("the infeasible scenario has a chart")
	}
	if !strings.Contains(data[i:j], "No plan meets every constraint of this scenario:") || !strings.Contains(data[i:j], "<li>") {
		t.Error("the infeasible scenario does not say why")
	}
	// Heart and brain, coverage, spend, FTE: one region, so no coverage
	// by region.
	if strings.Count(data[j:], "<figure") != 4 {
		t.Errorf("the feasible scenario has %d charts, want 4", strings.Count(data[j:], "<figure"))
	}
}
