package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/cardio-planning/cardio/internal/plan"
)

// Narrative is three to five plain sentences about a plan that a sales ops
// leader can paste into a budget memo: the heart, the brain, where the
// money goes, what the investments buy and, for an optimized plan, what
// holds it back. Everything is read off the plan. An infeasible plan has
// none.
func Narrative(p *plan.Plan) []string {
	if len(p.Periods) == 0 {
		return nil
	}
	n := narrator{p: p, noun: "year"}
	if strings.Contains(p.Periods[0].Label, "-Q") {
		n.noun = "quarter"
	}
	out := []string{n.heart()}
	for _, s := range []string{n.brain(), n.money(), n.investments()} {
		if s != "" {
			out = append(out, s)
		}
	}
	if p.Mode == plan.ModeOptimized {
		out = append(out, n.binding())
	}
	return out
}

type narrator struct {
	p    *plan.Plan
	noun string // quarter or year
}

func (n narrator) cash(x float64) string { return plan.FormatMoney(n.p.Currency, x) }

// periods writes a set of period labels: "every quarter", "2027", "2027-Q1
// and 2027-Q3", runs as "2027-Q2 to 2027-Q4".
func (n narrator) periods(labels []string) string {
	if len(labels) == len(n.p.Periods) && len(labels) > 1 {
		return "every " + n.noun
	}
	index := map[string]int{}
	for t, per := range n.p.Periods {
		index[per.Label] = t
	}
	var runs []string
	for i := 0; i < len(labels); {
		j := i
		for j+1 < len(labels) && index[labels[j+1]] == index[labels[j]]+1 {
			j++
		}
		switch {
		case j == i:
			runs = append(runs, labels[i])
		case j == i+1:
			runs = append(runs, labels[i], labels[j])
		default:
			runs = append(runs, labels[i]+" to "+labels[j])
		}
		i = j + 1
	}
	return "in " + plan.JoinAnd(runs)
}

// heart: healthy or not in every period, and where it is weakest.
func (n narrator) heart() string {
	p := n.p
	var sick []string
	low, lowAt := math.Inf(1), ""
	for _, per := range p.Periods {
		if !per.Healthy {
			sick = append(sick, per.Label)
		}
		if per.Heart < low {
			low, lowAt = per.Heart, per.Label
		}
	}
	var b strings.Builder
	if len(sick) == 0 {
		if len(p.Periods) == 1 {
			fmt.Fprintf(&b, "The heart is healthy at %s", Percent(low))
		} else {
			fmt.Fprintf(&b, "The heart is healthy in every %s, at %s at its lowest", n.noun, Percent(low))
		}
	} else {
		fmt.Fprintf(&b, "The heart is below the healthy %s %s, at %s at its lowest", Percent(p.HealthyHeart), n.periods(sick), Percent(low))
		if len(p.Periods) > 1 {
			fmt.Fprintf(&b, " (%s)", lowAt)
		}
	}
	// Weakest heart function (with demand) and weakest region.
	fLow, fID, fAt := 2.0, "", ""
	for _, per := range p.Periods {
		for _, fn := range per.Functions {
			if fn.Class == "heart" && fn.Demand > 0 && fn.Coverage < fLow-1e-9 {
				fLow, fID, fAt = fn.Coverage, fn.ID, per.Label
			}
		}
	}
	rLow, rName, rAt := 2.0, "", ""
	if len(p.Periods[0].Regions) > 1 {
		for _, per := range p.Periods {
			for _, r := range per.Regions {
				if r.Heart < rLow-1e-9 {
					rLow, rName, rAt = r.Heart, r.Name, per.Label
				}
			}
		}
	}
	var weak []string
	if fID != "" && fLow < 1-1e-9 {
		weak = append(weak, fmt.Sprintf("%s (%s)", fID, n.at(fLow, fAt)))
	}
	if rName != "" && rLow < 1-1e-9 {
		weak = append(weak, fmt.Sprintf("%s (%s)", rName, n.at(rLow, rAt)))
	}
	if len(weak) == 0 {
		b.WriteString("; every heart function is fully covered.")
	} else {
		b.WriteString("; it is weakest in " + strings.Join(weak, " and in ") + ".")
	}
	return b.String()
}

// at writes "60.0% in 2027-Q1", or just the percentage for one period.
func (n narrator) at(x float64, label string) string {
	if len(n.p.Periods) == 1 {
		return Percent(x)
	}
	return Percent(x) + " in " + label
}

// brain: the FTE it gets and its score over time.
func (n narrator) brain() string {
	p := n.p
	var fte, all float64
	low, lowID, lowAt, hasBrain := 2.0, "", "", false
	for _, per := range p.Periods {
		all += per.CentralFTE + per.LocalFTE
		for _, fn := range per.Functions {
			if fn.Class != "brain" {
				continue
			}
			hasBrain = true
			fte += fn.CentralFTE + fn.LocalFTE
			if fn.Demand > 0 && fn.Coverage < low-1e-9 {
				low, lowID, lowAt = fn.Coverage, fn.ID, per.Label
			}
		}
	}
	if !hasBrain {
		return ""
	}
	T := float64(len(p.Periods))
	fte, all = fte/T, all/T
	if fte < 0.05 {
		return fmt.Sprintf("The brain gets no staff: every FTE goes to the heart, and the brain scores %s.", Percent(p.Totals.BrainMean))
	}
	var b strings.Builder
	each := ""
	if len(p.Periods) > 1 {
		each = " on average"
	}
	fmt.Fprintf(&b, "The brain gets %s FTE%s (%s of the staff) and scores %s", FTE(fte), each, percent0(fte/all), Percent(p.Totals.BrainMean))
	if len(p.Periods) > 1 {
		first, last := p.Periods[0], p.Periods[len(p.Periods)-1]
		switch {
		case last.Brain < first.Brain-5e-3:
			fmt.Fprintf(&b, ", falling from %s in %s to %s in %s", Percent(first.Brain), first.Label, Percent(last.Brain), last.Label)
		case last.Brain > first.Brain+5e-3:
			fmt.Fprintf(&b, ", rising from %s in %s to %s in %s", Percent(first.Brain), first.Label, Percent(last.Brain), last.Label)
		}
	}
	if lowID != "" && low < 1-1e-9 {
		fmt.Fprintf(&b, "; %s is the thinnest (%s)", lowID, n.at(low, lowAt))
	}
	b.WriteString(".")
	return b.String()
}

// money: the split of spend between the central team, the local teams and
// investments, and the central share of the FTE.
func (n narrator) money() string {
	p := n.p
	var central, staff, fteC, fteAll float64
	for _, per := range p.Periods {
		central += per.CentralSpend
		staff += per.StaffSpend
		fteC += per.CentralFTE
		fteAll += per.CentralFTE + per.LocalFTE
	}
	total := p.Totals.Spend
	if total < 0.5 {
		return "Nothing is spent."
	}
	tools := total - staff
	parts := []string{percent0(central/total) + " goes to the central team", percent0((staff-central)/total) + " to the local teams"}
	if tools >= 0.5 {
		parts = append(parts, percent0(tools/total)+" to investments")
	}
	s := fmt.Sprintf("Of the %s spent, %s", n.cash(total), plan.JoinAnd(parts))
	if fteAll > 0 {
		s += fmt.Sprintf("; the central team holds %s of the FTE", percent0(fteC/fteAll))
	}
	return s + "."
}

// investments: what the investments bought do and give back by the end.
func (n narrator) investments() string {
	p := n.p
	first := p.Periods[0]
	if len(first.Investments) == 0 {
		return ""
	}
	last := p.Periods[len(p.Periods)-1]
	verb := "bought"
	if p.Mode == plan.ModeAsIs {
		verb = "in place"
	}
	var bought, notBought []string
	var spend, tool, hours float64
	for i, inv := range first.Investments {
		from := ""
		var cost float64
		for _, per := range p.Periods {
			x := per.Investments[i]
			cost += x.Spend
			if from == "" && x.Level > 1e-9 {
				from = per.Label
			}
		}
		if from == "" {
			notBought = append(notBought, inv.Name)
			continue
		}
		what := inv.Name
		if len(p.Periods) > 1 {
			what += " from " + from
		}
		bought = append(bought, fmt.Sprintf("%s, %s", what, n.cash(cost)))
		spend += cost
		tool += last.Investments[i].ToolFTE
		hours += last.Investments[i].SellerHours
	}
	if len(bought) == 0 {
		if len(notBought) == 1 {
			return fmt.Sprintf("The %s on offer is not %s.", notBought[0], verb)
		}
		return fmt.Sprintf("None of the investments on offer (%s) is %s.", plan.JoinAnd(notBought), verb)
	}
	by := ""
	if len(p.Periods) > 1 {
		by = " by " + last.Label
	}
	s := fmt.Sprintf("The investments %s (%s) do the work of %s FTE", verb, strings.Join(bought, "; "), FTE(tool))
	if len(bought) == 1 {
		s = fmt.Sprintf("The investment %s (%s) does the work of %s FTE", verb, bought[0], FTE(tool))
	}
	if hours >= 0.5 {
		s += fmt.Sprintf(" and gives sellers %s hours a week back", plan.GroupThousands(hours))
		if len(bought) > 1 {
			s = strings.Replace(s, " and gives sellers", " and give sellers", 1)
		}
	}
	return s + by + "."
}

// binding: what holds an optimized plan back.
func (n narrator) binding() string {
	p := n.p
	var parts, floors []string
	for _, b := range p.Binding {
		when := n.periods(b.Periods)
		switch b.Kind {
		case plan.BindBudget:
			parts = append(parts, "the budget is fully spent "+when)
		case plan.BindHeadcountCap:
			parts = append(parts, fmt.Sprintf("the headcount cap of %s FTE is reached %s", limitFTE(b.Limit), when))
		case plan.BindFloor:
			floors = append(floors, fmt.Sprintf("%s (%s)", b.ID, Percent(b.Limit)))
		case plan.BindHireLimit:
			parts = append(parts, fmt.Sprintf("%s hires its limit of %s %s", teamName(b.ID), limitFTE(b.Limit), when))
		case plan.BindExitLimit:
			parts = append(parts, fmt.Sprintf("%s sheds its limit of %s %s", teamName(b.ID), limitFTE(b.Limit), when))
		case plan.BindCentralShareMin:
			parts = append(parts, fmt.Sprintf("the central share is at its minimum of %s %s", Percent(b.Limit), when))
		case plan.BindCentralShareMax:
			parts = append(parts, fmt.Sprintf("the central share is at its maximum of %s %s", Percent(b.Limit), when))
		}
	}
	switch len(floors) {
	case 0:
	case 1:
		parts = append(parts, floors[0]+" sits at its floor")
	default:
		parts = append(parts, plan.JoinAnd(floors)+" sit at their floors")
	}
	var s string
	if len(parts) == 0 {
		s = "No limit binds"
	} else {
		s = "What holds the plan back: " + plan.JoinAnd(parts)
	}
	if u := p.Totals.Unspent; u >= 0.5 && u > 1e-4*p.Totals.Budget {
		s += fmt.Sprintf("; %s of the budget is left unspent, since more money would not raise the scores", n.cash(u))
	}
	return s + "."
}

func teamName(id string) string {
	if id == "central" {
		return "the central team"
	}
	return id
}

// percent0 writes a share with no decimals: 45%.
func percent0(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

// limitFTE writes a limit with at most one decimal: 45, 2.5.
func limitFTE(x float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", x), ".0") }
