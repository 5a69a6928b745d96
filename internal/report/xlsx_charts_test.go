package report

import (
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every axis a chart of the Charts sheet shows has a title, and the spend
// chart's money axis is in the plan's currency format: the budget line
// combined with the spend bars wrote its own empty axes over the spend's
// (excelize fills the plot area field by field), and the spend chart had
// no axis titles and read 1500000 for $1,500,000.
func TestXLSXChartAxesNamed(t *testing.T) {
	base := planned(t, filepath.Join("..", "..", "scenarios", "baseline.yaml"))
	data := writeBook(t, []ScenarioPlan{base})
	axisRe := regexp.MustCompile(`(?s)<(?:c:)?(catAx|valAx)>(.*?)</(?:c:)?(?:catAx|valAx)>`)
	deletedRe := regexp.MustCompile(`<(?:c:)?delete val="(?:1|true)"`)
	textRe := regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
	fmtRe := regexp.MustCompile(`<(?:c:)?numFmt formatCode="([^"]*)"`)
	titleRe := regexp.MustCompile(`(?s)<(?:c:)?title>(.*?)</(?:c:)?title>`)
	names, parts := chartParts(t, data)
	bodies := map[string]string{}
	for name, body := range parts {
		bodies[name] = string(body)
	}
	if len(names) != 4 {
		t.Fatalf("%d charts, want 4", len(names))
	}
	money := numFmt(KindMoney, base.Plan.Currency)
	spendCharts := 0
	for _, name := range names {
		body := bodies[name]
		chartTitle := ""
		if m := textRe.FindStringSubmatch(body); m != nil {
			chartTitle = html.UnescapeString(m[1])
		}
		axes := axisRe.FindAllStringSubmatch(body, -1)
		if len(axes) < 2 {
			t.Errorf("%s (%q): %d axes", name, chartTitle, len(axes))
		}
		for _, ax := range axes {
			if deletedRe.MatchString(ax[2]) {
				continue // the secondary category axis, not shown
			}
			axTitle := ""
			if m := titleRe.FindStringSubmatch(ax[2]); m != nil {
				if tm := textRe.FindStringSubmatch(m[1]); tm != nil {
					axTitle = html.UnescapeString(tm[1])
				}
			}
			if axTitle == "" {
				t.Errorf("%s (%q): a %s without a title", name, chartTitle, ax[1])
			}
			if ax[1] == "valAx" && strings.HasPrefix(axTitle, "spend") {
				spendCharts++
				f := fmtRe.FindStringSubmatch(ax[2])
				if f == nil || html.UnescapeString(f[1]) != money {
					t.Errorf("%s (%q): the spend axis has format %v, want %q", name, chartTitle, f, money)
				}
			}
		}
	}
	if spendCharts != 1 {
		t.Errorf("%d spend axes, want 1", spendCharts)
	}
}
