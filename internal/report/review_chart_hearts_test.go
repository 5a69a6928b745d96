package report

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
)

// periodRowRE is a row of the page's table "Planned against actual, by
// period": the period, its planned and its actual heart.
var periodRowRE = regexp.MustCompile(`<tr><td>([^<]*)</td><td class="num">([0-9.]+)%</td><td class="num">([0-9.]+)%</td>`)

// TestReviewPageChartDrawsPrintedHearts: the review page's chart draws
// each past period's planned and actual heart at the figure the table
// under it prints, an unhealthy heart rounded down to a tenth of a point
// (HeartPercent) and a healthy one as it is. On the bundled example Q1's
// actual heart, 0.80972, was drawn at 80.97%, a point that reads 81.0%
// beside the table's 80.9%.
func TestReviewPageChartDrawsPrintedHearts(t *testing.T) {
	v := reviewRun(t)
	var page bytes.Buffer
	if err := WriteReview(&page, v, HTML); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	at := strings.Index(html, "Planned against actual, by period</h")
	if at < 0 {
		t.Fatal("the page has no table of the chart's figures")
	}
	printed := map[string][2]string{} // the table's planned and actual heart by period
	for _, m := range periodRowRE.FindAllStringSubmatch(html[at:], len(v.Periods)) {
		printed[m[1]] = [2]string{m[2], m[3]}
	}
	cs, err := ReviewCharts(v)
	if err != nil {
		t.Fatal(err)
	}
	var heart *chart.Panel
	for _, c := range cs {
		if c.Kind == chart.ReviewPeriods {
			heart = &c.Panels[0]
		}
	}
	if heart == nil || len(heart.Series) < 2 || heart.Series[0].Name != "planned heart" || heart.Series[1].Name != "actual heart" {
		t.Fatalf("the page has no heart panel of planned and actual heart: %+v", heart)
	}
	rounded := false
	for i, p := range v.Periods {
		row, ok := printed[p.Label]
		if !ok {
			t.Fatalf("%s: no row in the page's table", p.Label)
		}
		for k, sc := range []struct {
			heart   float64
			healthy bool
		}{{p.Planned.Heart, p.Planned.Healthy}, {p.Actual.Heart, p.Actual.Healthy}} {
			name, y := heart.Series[k].Name, heart.Series[k].Y[i]
			if got, want := Percent(y), row[k]+"%"; got != want {
				t.Errorf("%s: the chart's %s is drawn at %v, which reads %s; the table prints %s", p.Label, name, y, got, want)
			}
			want := sc.heart
			if !sc.healthy {
				// At the printed figure itself, not above it.
				x, err := strconv.ParseFloat(row[k], 64)
				if err != nil {
					t.Fatal(err)
				}
				want = x / 100
				rounded = rounded || Percent(sc.heart) != row[k]+"%"
			}
			if math.Abs(y-want) > 1e-12 {
				t.Errorf("%s: the chart's %s is drawn at %v, want %v (the table's %s%%, exact %v, healthy %v)", p.Label, name, y, want, row[k], sc.heart, sc.healthy)
			}
		}
	}
	if !rounded {
		t.Error("no heart of the example reads differently rounded down: the test shows nothing")
	}
}
