package report

import (
	"context"
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
