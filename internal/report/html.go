package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// HTML chart sizes, in CSS pixels; the SVG scales to the page's width.
const (
	htmlChartWidth  = 860
	htmlChartHeight = 340
)

// WriteHTML writes one self-contained HTML page of the plans: no script, no
// font or image from elsewhere, the charts inline as SVG. Each scenario is a
// section (a new page in print) with its charts, the plan's tables, the
// binding limits, the marginal values, "In short", and, when given, the
// checkup, the budget case and the what-if sweep; with several scenarios a
// comparison comes first. Every word comes from the text views (the plan,
// checkup, budget case, sweep and comparison in their Markdown form), and
// all text, the scenario's included, is escaped.
func WriteHTML(w io.Writer, plans []ScenarioPlan) error {
	doc := htmlDoc{Title: "cardio report"}
	var names []string
	for i, sp := range plans {
		names = append(names, sp.Plan.Scenario)
		doc.Index = append(doc.Index, htmlIndexEntry{ID: fmt.Sprintf("s%d", i+1), Name: sp.Plan.Scenario, File: sp.Scenario.File, Status: strings.ReplaceAll(sp.Plan.Status, "_", " ")})
	}
	doc.Title += ": " + strings.Join(names, ", ")
	if len(plans) > 1 {
		cmp, err := htmlComparison(plans)
		if err != nil {
			return err
		}
		doc.Comparison = cmp
	}
	for i, sp := range plans {
		sec, err := htmlScenario(sp)
		if err != nil {
			return err
		}
		sec.ID = doc.Index[i].ID
		doc.Scenarios = append(doc.Scenarios, sec)
	}
	var buf bytes.Buffer
	if err := htmlPage.Execute(&buf, doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type htmlDoc struct {
	Title      string
	Index      []htmlIndexEntry
	Comparison template.HTML
	Scenarios  []htmlSection
}

type htmlIndexEntry struct {
	ID, Name, File, Status string
}

type htmlSection struct {
	ID     string
	Head   template.HTML
	Charts []template.HTML
	Body   template.HTML
}

// HTMLChartSize is the size of a chart in the HTML report: the coverage
// heatmap and a chart of horizontal bars grow with their rows, a chart of
// several panels with its panels.
func HTMLChartSize(c *chart.Chart) (w, h int) {
	h = htmlChartHeight
	if len(c.Panels) > 1 {
		h = 60 + 240*len(c.Panels)
	}
	if len(c.Panels) == 1 && c.Panels[0].Heat != nil {
		h = max(h, 120+20*len(c.Panels[0].Heat.Rows))
	}
	if len(c.Panels) == 1 && c.Panels[0].Horizontal {
		h = max(h, 120+24*len(c.Panels[0].Categories)) // a bar per row: the tornado, the variance by function
	}
	return htmlChartWidth, h
}

var svgProlog = regexp.MustCompile(`(?s)^.*?<svg `)

// figure draws a chart as an inline SVG in a <figure>, with its kind and
// series names on the element for tests and scripts.
func figure(c *chart.Chart) (template.HTML, error) {
	var buf bytes.Buffer
	w, h := HTMLChartSize(c)
	if err := c.WriteSVG(&buf, w, h); err != nil {
		return "", err
	}
	svg := svgProlog.ReplaceAllString(buf.String(), `<svg role="img" aria-label="`+template.HTMLEscapeString(c.Title)+`" `)
	var series []string
	for _, p := range c.Panels {
		for _, s := range p.Series {
			series = append(series, s.Name)
		}
	}
	return template.HTML(fmt.Sprintf(`<figure class="chart" data-kind="%s" data-series="%s">%s</figure>`,
		template.HTMLEscapeString(string(c.Kind)), template.HTMLEscapeString(strings.Join(series, "|")), svg)), nil
}

// PlanCharts are the charts of one plan in the HTML report, in order:
// heart and brain, coverage by period, coverage by region (when the plan
// has more than one region), spend and FTE, then the what-if chart of its
// sweep if any.
func PlanCharts(sp ScenarioPlan) ([]*chart.Chart, error) {
	p := sp.Plan
	if len(p.Periods) == 0 {
		return nil, nil
	}
	var cs []*chart.Chart
	add := func(k chart.Kind, o chart.Options) error {
		// The period axis speaks the tables' language: months by the
		// quarters the tables roll them up to.
		c, err := chart.ForPlan(k, sp.Scenario, p, sp.By.ChartOptions(p, o))
		if err == nil {
			cs = append(cs, c)
		}
		return err
	}
	if err := add(chart.HeartBrain, chart.Options{}); err != nil {
		return nil, err
	}
	if err := add(chart.Coverage, chart.Options{}); err != nil {
		return nil, err
	}
	if len(p.Periods[0].Regions) > 1 {
		if err := add(chart.Coverage, chart.Options{ByRegion: true}); err != nil {
			return nil, err
		}
	}
	if err := add(chart.Spend, chart.Options{}); err != nil {
		return nil, err
	}
	if err := add(chart.FTE, chart.Options{}); err != nil {
		return nil, err
	}
	if sp.Sweep != nil && len(sp.SweepBase) > 0 {
		c, err := chart.ForSweep(sp.Sweep, InputLabels(sp.Scenario, sp.Sweep.Inputs), sp.SweepBase[0], p.HealthyHeart)
		if err == nil {
			cs = append(cs, c)
		}
	}
	return cs, nil
}

func htmlScenario(sp ScenarioPlan) (htmlSection, error) {
	var sec htmlSection
	cs, err := PlanCharts(sp)
	if err != nil {
		return sec, err
	}
	for _, c := range cs {
		f, err := figure(c)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, f)
	}
	var body strings.Builder
	var md bytes.Buffer
	if err := WritePlanBy(&md, sp.Plan, Markdown, sp.By); err != nil {
		return sec, err
	}
	planHTML := mdToHTML(md.String(), 1)
	// The plan's title heads the section, above the charts, with the
	// paragraphs under it (the description, and how far from the best a
	// plan the node limit stopped may be): read before the figures.
	if i := strings.Index(planHTML, "</h2>\n"); i >= 0 {
		end := i + len("</h2>\n")
		if j := strings.Index(planHTML[end:], "<h3"); j >= 0 {
			end += j
		}
		sec.Head = template.HTML(planHTML[:end])
		planHTML = planHTML[end:]
	}
	body.WriteString(planHTML)
	if len(sp.Plan.Binding) > 0 {
		body.WriteString(mdToHTML(bindingMarkdown(sp.Plan), 2))
	}
	if sp.Checkup != nil {
		md.Reset()
		if err := WriteCheckup(&md, sp.Checkup, Markdown); err != nil {
			return sec, err
		}
		body.WriteString(mdToHTML(md.String(), 2))
	}
	if sp.BudgetCase != nil {
		md.Reset()
		if err := WriteBudgetCaseBy(&md, sp.BudgetCase, Markdown, sp.By); err != nil {
			return sec, err
		}
		body.WriteString(mdToHTML(md.String(), 2))
	}
	if sp.Sweep != nil {
		md.Reset()
		if err := WriteSweep(&md, sp.Sweep, sp.Scenario, Markdown, "heart"); err != nil {
			return sec, err
		}
		body.WriteString(mdToHTML(md.String(), 2))
	}
	sec.Body = template.HTML(body.String())
	return sec, nil
}

// bindingMarkdown lists the limits a plan reaches, a row each, as the
// "Binding limits" table of the HTML report; the periods are said as "In
// short" says them ("every quarter", "2027-Q2 to 2027-Q4").
func bindingMarkdown(p *plan.Plan) string {
	n := narrator{p: p, noun: p.Period}
	if n.noun == "" {
		n.noun = "period"
	}
	var rows [][]string
	for _, b := range p.Binding {
		limit := ""
		switch b.Kind {
		case plan.BindBudget:
			limit = "fully spent"
		case plan.BindFloor:
			limit = ThresholdPercent(b.Limit)
		case plan.BindCentralShareMin, plan.BindCentralShareMax:
			limit = Percent(b.Limit)
		default:
			limit = FTE(b.Limit) + " FTE"
		}
		who, where := teamName(b.ID), ""
		if b.Kind == plan.BindFloor {
			who = b.ID
			var parts []string
			for _, r := range b.Regions {
				parts = append(parts, r.Region+" "+n.periods(r.Periods))
			}
			where = strings.Join(parts, "; ")
		}
		rows = append(rows, []string{strings.ReplaceAll(b.Kind, "_", " "), who, limit, strings.TrimPrefix(n.periods(b.Periods), "in "), where})
	}
	var buf bytes.Buffer
	tw := &textWriter{w: &buf, md: true}
	tw.heading(1, "Binding limits: what holds the plan back")
	tw.table([]string{"limit", "of", "at", "when", "where"}, rows)
	return buf.String()
}

func htmlComparison(plans []ScenarioPlan) (template.HTML, error) {
	var ps []*plan.Plan
	files := make([]string, len(plans))
	by := "" // the scenarios' roll-up, for the comparison's periods
	for i, sp := range plans {
		ps = append(ps, sp.Plan)
		files[i] = sp.Scenario.File
		if by == "" && sp.By != nil {
			by = sp.By.By
		}
	}
	var b strings.Builder
	if c, err := CompareChart(plans, by); err == nil {
		f, err := figure(c)
		if err != nil {
			return "", err
		}
		b.WriteString(string(f))
	}
	scens := make([]*scenario.Scenario, len(plans))
	for i, sp := range plans {
		scens[i] = sp.Scenario
	}
	var md bytes.Buffer
	if err := WriteComparisonBy(&md, plan.NewComparison(files, scens, ps), Markdown, by); err != nil {
		return "", err
	}
	b.WriteString(mdToHTML(md.String(), 1))
	return template.HTML(b.String()), nil
}

// CompareChart is the comparison chart of the plans as the comparison's
// table shows them: each rolled up by by as plan.RollUpBy rolls it (""
// rolls a monthly plan up to quarters; a by no longer than a plan's
// periods leaves them), and their periods in order of date, so that a
// monthly and a quarterly plan meet quarter by quarter; periods covering
// the same months share a category, named by both on two lines, as they
// share a row of the table.
func CompareChart(plans []ScenarioPlan, by string) (*chart.Chart, error) {
	ps := make([]*plan.Plan, len(plans))
	labels := make([]map[string]plan.Months, len(plans))
	order := make([][]string, len(plans))
	fiscal := make([]int, len(plans))
	for i, sp := range plans {
		fiscal[i] = sp.Scenario.Horizon.FiscalYearStart
		ps[i], _ = plan.RollUpBy(sp.Scenario, sp.Plan, by)
		labels[i] = plan.PeriodMonths(sp.Scenario, by)
		for _, per := range ps[i].Periods {
			order[i] = append(order[i], per.Label)
		}
	}
	axis := &chart.Axis{Of: make([]map[string]string, len(plans))}
	cat := map[plan.Months]string{}
	for _, r := range periodAxis(labels, order, fiscal) {
		// One name a line: side by side they would not fit under a tick.
		name := r.name("\n", "\n")
		axis.Categories = append(axis.Categories, name)
		cat[r.Months] = name
	}
	// By each plan's own labels: one name (FY28-Q1) may be other months
	// in a plan of another fiscal year.
	for i := range plans {
		axis.Of[i] = map[string]string{}
		for l, m := range labels[i] {
			axis.Of[i][l] = cat[m]
		}
	}
	return chart.ForPlans(ps, axis)
}

// htmlStyle is the page's only style sheet. On screen a table wider than
// the page scrolls in its box with its first column (the function, the
// region, the period) kept in view. The print rules start each scenario
// on a new page, keep a chart or a table on one page and keep the charts'
// colours.
const htmlStyle = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 1100px; padding: 16px 24px; }
h1 { font-size: 26px; margin: 8px 0; }
h2 { font-size: 21px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 17px; margin-top: 24px; }
h4 { font-size: 15px; }
nav ul, .index { padding-left: 20px; }
figure.chart { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
.charts { display: block; }
.table { overflow-x: auto; }
.table th:first-child, .table td:first-child { position: sticky; left: 0; z-index: 1; background: #fff; }
.table th:first-child { background: #eef3f8; }
.table tbody tr:nth-child(even) td:first-child { background: #f7f7f7; }
.print-only { display: none; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; break-inside: avoid; page-break-inside: avoid; }
th, td { padding: 3px 6px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
th { background: #eef3f8; border-bottom: 2px solid #555; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.sub { padding-left: 22px; }
tbody tr:nth-child(even) { background: #f7f7f7; }
code { font-family: ui-monospace, "Liberation Mono", Menlo, Consolas, monospace; font-size: 90%; }
footer { margin-top: 40px; color: #555; font-size: 12px; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section.scenario { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  th.num { white-space: normal; }
  .table { overflow: visible; }
  .table th:first-child, .table td:first-child { position: static; }
  .screen-only { display: none; }
  .print-only { display: block; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

var htmlPage = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cardio">
<title>{{.Title}}</title>
<style>` + htmlStyle + `</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<nav>
<ul class="index">
{{- if .Comparison}}
<li><a href="#compare">Comparison</a></li>
{{- end}}
{{- range .Index}}
<li><a href="#{{.ID}}">{{.Name}}</a> (<code>{{.File}}</code>): {{.Status}}</li>
{{- end}}
</ul>
</nav>
</header>
<main>
{{- if .Comparison}}
<section id="compare" class="comparison">
{{.Comparison}}
</section>
{{- end}}
{{- range .Scenarios}}
<section id="{{.ID}}" class="scenario">
{{.Head}}
<div class="charts">
{{- range .Charts}}
{{.}}
{{- end}}
</div>
{{.Body}}
</section>
{{- end}}
</main>
<footer>Written by cardio. Every number is recomputed from the scenario and checked against every constraint; docs/report.md says what each chart and table shows.</footer>
</body>
</html>
`))
