package scenario

import (
	"reflect"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	ids := func(cs []candidate) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.id)
		}
		return out
	}
	cat := catalogCandidates()
	cases := []struct {
		s    string
		want []string
	}{
		{"sales_suport", []string{"sales_support"}},             // a typo: only the nearest
		{"crm", []string{"crm_admin"}},                          // in the id
		{"CRM", []string{"crm_admin"}},                          // ignoring case
		{"quoting", []string{"cpq", "quotas"}},                  // in the name, then the closest id
		{"compensation", []string{"comp_admin", "comp_design"}}, // in two names
		{"comp", []string{"comp_admin", "comp_design"}},
		{"Sales Support", []string{"sales_support"}},   // the name, as written
		{"sales", []string{}},                          // in six: too vague
		{"xyzzy", []string{}},                          // nothing near
		{"deal review", []string{"deal_reviews"}},      // spaces for underscores
		{"market_advice", []string{"market_advisory"}}, // in the name "Market advice"
	}
	for _, c := range cases {
		if got := ids(suggest(c.s, cat)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("suggest(%q) = %v, want %v", c.s, got, c.want)
		}
	}
	// Typos as near as each other: all of them when they fit, none when
	// more are as near than fit. Three of four quarters named for
	// "2027-Q5" left out 2027-Q4, as near as the others (and the likeliest
	// meant).
	quarters := []candidate{{id: "2027-Q1"}, {id: "2027-Q2"}, {id: "2027-Q3"}, {id: "2027-Q4"}}
	for _, c := range []struct {
		s     string
		cands []candidate
		want  []string
	}{
		{"2027-Q5", quarters, []string{}},
		{"2027-Q5", quarters[1:], []string{"2027-Q2", "2027-Q3", "2027-Q4"}},
		{"2O27-Q3", quarters, []string{"2027-Q3"}},
	} {
		if got := ids(suggest(c.s, c.cands)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("suggest(%q, %d quarters) = %v, want %v", c.s, len(c.cands), got, c.want)
		}
	}
}

func TestSelectorMessages(t *testing.T) {
	const doc = baseDoc + "  - {name: North America, sellers: 1, cost_per_fte: 100000}\n"
	cases := []struct{ set, want string }{
		{"regions[APAC].sellers=1", `--set: "regions[APAC].sellers=1": regions has no element with name or id "APAC". Regions: "EMEA", "North America"`},
		{"functions[sales_suport].min_coverage=0.8", `--set: "functions[sales_suport].min_coverage=0.8": functions has no element with name or id "sales_suport": did you mean "sales_support" (Sales support)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`},
		{"functions[crm].weight=2", `--set: "functions[crm].weight=2": functions has no element with name or id "crm": did you mean "crm_admin" (CRM administration)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`},
		{"functions[compensation].weight=2", `--set: "functions[compensation].weight=2": functions has no element with name or id "compensation": did you mean "comp_admin" (Compensation administration) or "comp_design" (Compensation design)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`},
	}
	for _, c := range cases {
		if got := loadErr(t, "t.yaml", doc, c.set); got != c.want {
			t.Errorf("--set %s:\ngot  %s\nwant %s", c.set, got, c.want)
		}
	}
	// Scenario.Number, behind sweep's percentages, selects the same way.
	s := mustLoad(t, "t.yaml", doc)
	_, err := s.Number("functions[quoting].weight")
	want := `functions has no element with name or id "quoting": did you mean "cpq" (Quoting and CPQ) or "quotas" (Quota setting)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content`
	if err == nil || err.Error() != want {
		t.Errorf("Number: got %v\nwant %s", err, want)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"kitten", "sitting", 3},
		{"cqp", "cpq", 1}, {"anual", "annual", 1}, {"crm", "cpq", 2}, {"ab", "ba", 1}, {"abc", "ca", 3},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := editDistance(c.b, c.a); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetry)", c.b, c.a, got, c.want)
		}
	}
}

// A function entry whose id is itself an error (a new function without
// class or locality, most likely a misspelt catalog id) is not offered by
// later messages: neither in their "Function ids" lists nor as a "did you
// mean". A key naming it elsewhere is not reported again. An entry with a
// problem in another field keeps its id on offer.
func TestInvalidFunctionIDNotOffered(t *testing.T) {
	doc := baseDoc + "functions:\n" +
		"  - {id: comp_admn, weight: 2}\n" +
		"  - {id: partner_ops, class: heart, locality: either, weight: -1}\n"
	doc = strings.Replace(doc, "cost_per_fte: 100000", "cost_per_fte: 100000\n  current_fte: {comp_admn: 1, comp_adm: 2}", 1)
	got := loadErr(t, "t.yaml", doc)
	want := `t.yaml:8:31: central.current_fte.comp_adm: "comp_adm" is not a function of this scenario: did you mean "comp_admin" (Compensation administration)? Function ids: territories, quotas, comp_admin, comp_design, reporting, crm_admin, pipeline, cpq, deal_reviews, sales_support, proposals, analytics, planning, market_advisory, enablement, content, partner_ops`
	if lines := strings.Split(got, "\n"); len(lines) != 3 || lines[0] != want {
		t.Errorf("got\n%s\nwant first\n%s\nthen functions[0].id's and functions[1].weight's problems", got, want)
	}
	// With catalog: none the only other id was the invalid one: it is
	// neither suggested nor listed.
	doc = `horizon: {start: 2027-Q1, periods: 1}
budget: {annual: 1000000}
catalog: none
central: {cost_per_fte: 100000, current_fte: {admin: 1, supprt: 2}}
regions: [{name: EMEA, sellers: 100, cost_per_fte: 80000}]
functions:
  - {id: admin, class: heart, locality: central, fte_per_100_sellers: 1}
  - {id: support, fte_per_100_sellers: 1}
`
	got = loadErr(t, "t.yaml", doc)
	want = `t.yaml:4:57: central.current_fte.supprt: "supprt" is not a function of this scenario. Function ids: admin`
	if lines := strings.Split(got, "\n"); len(lines) != 2 || lines[0] != want {
		t.Errorf("got\n%s\nwant first\n%s", got, want)
	}
}
