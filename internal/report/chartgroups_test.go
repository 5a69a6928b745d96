package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/scenario"
	"github.com/cardio-planning/cardio/internal/solve"
)

// TestPlanChartsByTablesRollUp: the HTML report's charts of a monthly
// plan label their period axis by the groups its tables roll the months
// up to (fiscal quarters for monthly-fiscal.yaml), and by month where the
// tables show months (--by month); the heatmap by region names the
// quarters above its months' regions. They used to name calendar months
// beside tables in fiscal quarters.
func TestPlanChartsByTablesRollUp(t *testing.T) {
	s, err := scenario.Load("../../scenarios/monthly-fiscal.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Optimize(context.Background(), s, solve.Revised{}, solve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, by := range []string{"", "month"} {
		cs, err := PlanCharts(ScenarioPlan{Scenario: s, Plan: p, By: RollUpOf(s, by)})
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, c := range cs {
			if c.Kind == chart.Coverage && c.Panels[0].Heat.Groups != nil {
				// By period and region: the quarters above the months'
				// regions, as the tables roll them up.
				pn := c.Panels[0]
				g, cols := pn.TickGroups, len(pn.Heat.Columns)
				regions := len(p.Periods[0].Regions)
				switch {
				case by == "month" && (g != nil || pn.XLabel != "region, by month"):
					t.Errorf("--by month, by region: grouped by %q, axis %q", g, pn.XLabel)
				case by == "" && (len(g) != cols || g[0] != "FY28-Q1" || g[3*regions-1] != "FY28-Q1" || g[3*regions] != "FY28-Q2" || pn.XLabel != "region, by month, labelled by quarter"):
					t.Errorf("by region: grouped by %q, axis %q; want FY28-Q1 above the first three months' regions", g, pn.XLabel)
				}
				checked++
				continue
			}
			if c.Kind == chart.WhatIf {
				continue // not by period
			}
			for _, pn := range c.Panels {
				checked++
				g := pn.TickGroups
				if by == "month" {
					if g != nil || pn.XLabel != "month" {
						t.Errorf("--by month, %s: grouped by %q, axis %q", c.Kind, g, pn.XLabel)
					}
					continue
				}
				if len(g) != len(p.Periods) || g[0] != "FY28-Q1" || g[3] != "FY28-Q2" || pn.XLabel != "month, labelled by quarter" {
					t.Errorf("%s: grouped by %q, axis %q; want FY28-Q1 for the first three months", c.Kind, g, pn.XLabel)
				}
			}
		}
		if checked < 6 { // heart-brain, coverage (by period, by region), spend, fte's two panels
			t.Errorf("by %q: %d panels checked", by, checked)
		}
	}
}

// TestRiskAndReviewChartsByTablesRollUp: the risk fan chart and the
// review's chart of past periods of monthly-fiscal.yaml label their month
// axis by the fiscal quarters the risk and review tables roll the months
// up to, as a plan's charts do: FY28-Q1 at its first month, FY28-Q2 at
// the fourth, no calendar month named on the fan's picture of 18 months,
// and the review's five past months each named as well, as every chart of
// a few months names them (chart's TestShortMonthlyChartsNameEveryMonth);
// by month where the tables show months (--by month). They named calendar
// months every third month (2027-04, 2027-07) beside tables in fiscal
// quarters, and then the review's five months not at all.
func TestRiskAndReviewChartsByTablesRollUp(t *testing.T) {
	type drawn struct {
		name string
		c    *chart.Chart
		n    int  // months on the axis
		each bool // each month named as well as the quarters
	}
	charts := func(by string) []drawn {
		r, s := riskOf(t, "monthly-fiscal.yaml", plan.RiskOptions{Samples: 12, Seed: 1, By: by}, "budget.annual={low: 5.5e6, mode: 6.2e6, high: 6.6e6}")
		rc, err := RiskCharts(r, s)
		if err != nil {
			t.Fatal(err)
		}
		s, rec, rv := reviewAsPlanned(t, "monthly-fiscal.yaml", 5, nil)
		rv.RollUp(s, rec, by)
		vc, err := ReviewCharts(&ReviewView{Review: rv})
		if err != nil {
			t.Fatal(err)
		}
		var out []drawn
		for _, c := range append(rc, vc...) {
			switch c.Kind {
			case chart.RiskFan:
				out = append(out, drawn{"risk fan", c, len(r.Periods), false})
			case chart.ReviewPeriods:
				out = append(out, drawn{"review", c, rv.Past, true})
			}
		}
		if len(out) != 2 {
			t.Fatalf("by %q: %d charts by period, want the fan and the review's", by, len(out))
		}
		return out
	}
	for _, by := range []string{"", "month"} {
		for _, d := range charts(by) {
			for _, pn := range d.c.Panels {
				g := pn.TickGroups
				if by == "month" {
					if g != nil || pn.XLabel == "month, labelled by quarter" {
						t.Errorf("--by month, %s: grouped by %q, axis %q", d.name, g, pn.XLabel)
					}
					continue
				}
				if len(g) != d.n || g[0] != "FY28-Q1" || g[2] != "FY28-Q1" || g[3] != "FY28-Q2" || pn.XLabel != "month, labelled by quarter" {
					t.Errorf("%s: grouped by %q, axis %q; want FY28-Q1 for the first three months", d.name, g, pn.XLabel)
				}
			}
			var svg bytes.Buffer
			if err := d.c.WriteSVG(&svg, chart.DefaultWidth, 60+240*len(d.c.Panels)); err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("CHART_PNG_DIR"); dir != "" { // to look at them
				f, err := os.Create(filepath.Join(dir, strings.ReplaceAll(d.name, " ", "-")+"-"+by+".png"))
				if err != nil {
					t.Fatal(err)
				}
				if err := d.c.WritePNG(f, chart.DefaultWidth, 60+240*len(d.c.Panels)); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
			months := regexp.MustCompile(`>\d{4}-\d{2}<`).FindAllString(svg.String(), -1)
			quarter := strings.Contains(svg.String(), ">FY28-Q2<")
			named := 0
			if d.each {
				named = d.n * len(d.c.Panels) // every month on every panel
			}
			if by == "" && (len(months) != named || !quarter) {
				t.Errorf("%s: the picture names the months %q, want %d names; FY28-Q2 drawn %v", d.name, months, named, quarter)
			}
			if by == "month" && len(months) == 0 {
				t.Errorf("--by month, %s: no month named", d.name)
			}
		}
	}
}
