package scenario

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// candidate is something a user may have meant: a key, an id, or an
// element with an id and a name (the function comp_admin, "Compensation
// administration").
type candidate struct{ id, name string }

// maxSuggestions is the most "did you mean" names a message gives: more
// would be a list, and the messages that suggest also list every choice.
const maxSuggestions = 3

// suggest returns the candidates a misspelt or half-remembered s most
// likely means, best first, at most maxSuggestions. It matches s against
// each candidate's id and name, ignoring case and treating _ - and spaces
// alike:
//
//   - a near typo (sales_suport: one or two edits, fewer for short words)
//     is surely what was meant: only the nearest are suggested, and none
//     when more are as near than fit ("2027-Q5" is one edit from each of
//     2027-Q1 to 2027-Q4: naming three of them would drop one as likely
//     as those named, and the message lists every choice anyway);
//   - else the candidates that contain s or are contained in it ("crm" in
//     crm_admin, "compensation" in "Compensation design"),
//   - then those with a word that a word of s starts ("comp" of
//     comp_admin, "quoting" of "Quoting and CPQ"),
//   - then the closest by edit distance, when it is close enough.
//
// A group that matches more candidates than fit is too vague to suggest
// ("sales" is in half the catalog) and is left out.
func suggest(s string, cands []candidate) []candidate {
	q := fold(s)
	if q == "" {
		return nil
	}
	keys := func(c candidate) []string {
		ks := []string{fold(c.id)}
		if c.name != "" && c.name != c.id {
			ks = append(ks, fold(c.name))
		}
		return ks
	}
	dist := make([]int, len(cands))
	best := math.MaxInt
	for i, c := range cands {
		dist[i] = math.MaxInt
		for _, k := range keys(c) {
			dist[i] = min(dist[i], editDistance(q, k))
		}
		best = min(best, dist[i])
	}
	// Close enough: within a third of s, and no more than half of it (for
	// short words, "crm" and cpq are not close).
	closeEnough := best < len(q)/3+2 && best <= len(q)/2
	var typos, contains, words, close []candidate
	for i, c := range cands {
		switch {
		case dist[i] == best && best <= max(1, len(q)/4):
			typos = append(typos, c)
		case slices.ContainsFunc(keys(c), func(k string) bool {
			return len(q) >= 3 && strings.Contains(k, q) || len(k) >= 3 && strings.Contains(q, k)
		}):
			contains = append(contains, c)
		case startsWord(q, keys(c)):
			words = append(words, c)
		case closeEnough && dist[i] == best && len(close) == 0:
			close = append(close, c)
		}
	}
	if len(typos) > 0 {
		if len(typos) > maxSuggestions {
			return nil
		}
		return typos
	}
	var out []candidate
	for _, group := range [][]candidate{contains, words, close} {
		if len(out)+len(group) <= maxSuggestions {
			out = append(out, group...)
		}
	}
	return out
}

// fold lower-cases s and writes _, - and runs of spaces as one space, so
// that "Sales Support", sales_support and sales-support compare equal.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '_' || r == '-' || r == ' ' || r == '\t'
	}), " ")
}

// startsWord reports whether a word of q (of 3 letters or more) starts a
// word of one of keys. Short words ("of", "and") would match too much.
func startsWord(q string, keys []string) bool {
	for _, w := range strings.Fields(q) {
		if len(w) < 3 {
			continue
		}
		for _, k := range keys {
			for _, kw := range strings.Fields(k) {
				if len(kw) >= 3 && strings.HasPrefix(kw, w) {
					return true
				}
			}
		}
	}
	return false
}

// didYouMean suggests the choices closest to a misspelt s, as
// ` (did you mean "x"?)`, or nothing when none is close.
func didYouMean(s string, choices []string) string {
	cands := make([]candidate, len(choices))
	for i, c := range choices {
		cands[i] = candidate{id: c}
	}
	if m := meant(suggest(s, cands)); m != "" {
		return " (" + m + ")"
	}
	return ""
}

// meant words suggestions: `did you mean "cpq" (Quoting and CPQ) or
// "quotas" (Quota setting)?`, or "" for none.
func meant(cs []candidate) string {
	if len(cs) == 0 {
		return ""
	}
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = fmt.Sprintf("%q", c.id)
		if c.name != "" && c.name != c.id {
			names[i] += " (" + c.name + ")"
		}
	}
	return "did you mean " + orList(names) + "?"
}

// unknown words that s is not among cands, which are what:
// `"crm" is not a function of this scenario: did you mean "crm_admin" (CRM
// administration)? Function ids: territories, quotas, ...`. what is the
// label of the list ("Function ids", "Regions").
func unknown(s, isNot, what string, cands []candidate, quoteAll bool) string {
	msg := fmt.Sprintf("%q %s", s, isNot)
	if m := meant(suggest(s, cands)); m != "" {
		msg += ": " + m
	} else {
		msg += "."
	}
	return msg + " " + listOf(what, cands, quoteAll)
}

// listOf lists the ids of cands after a label: "Function ids: a, b, c".
// Names of regions hold spaces and commas, so they are quoted (quoteAll).
func listOf(what string, cands []candidate, quoteAll bool) string {
	if len(cands) == 0 {
		return what + ": none."
	}
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.id
		if quoteAll {
			ids[i] = fmt.Sprintf("%q", c.id)
		}
	}
	return what + ": " + strings.Join(ids, ", ")
}

// noElement is the error for a list selector that selects nothing:
// `regions has no element with name or id "APAC". Regions: "North
// America", "EMEA"`.
func noElement(path, sel string, cands []candidate) error {
	what, quote := "Elements", true
	switch path {
	case "regions":
		what = "Regions"
	case "functions":
		what, quote = "Function ids", false
	case "investments":
		what, quote = "Investment ids", false
	}
	msg := fmt.Sprintf("%s has no element with name or id %q", path, sel)
	if m := meant(suggest(sel, cands)); m != "" {
		msg += ": " + m
	} else {
		msg += "."
	}
	return fmt.Errorf("%s %s", msg, listOf(what, cands, quote))
}

// regionCandidates are regions by name, for selectors and suggestions.
func regionCandidate(id, name string) candidate {
	if name != "" {
		// A region is selected by its name (or the id made from it): the
		// name is what the user wrote in the file.
		return candidate{id: name}
	}
	return candidate{id: id}
}

// catalogCandidates are the built-in functions, for suggestions.
func catalogCandidates() []candidate {
	out := make([]candidate, len(builtinCatalog))
	for i, c := range builtinCatalog {
		out[i] = candidate{c.id, c.name}
	}
	return out
}

// addCandidate appends c unless a candidate with its id is already there.
func addCandidate(cs []candidate, c candidate) []candidate {
	if c.id == "" || slices.ContainsFunc(cs, func(x candidate) bool { return x.id == c.id }) {
		return cs
	}
	return append(cs, c)
}

// editDistance is the optimal string alignment distance between a and b:
// the edits (insert, delete, substitute, or swap two neighbours) that turn
// one into the other. A swap counts once: "cqp" is one slip from cpq.
func editDistance(a, b string) int {
	// Three rows: the one before the previous is needed for swaps.
	pp := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(b)]
}
