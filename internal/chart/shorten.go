package chart

import "gonum.org/v1/plot/vg"

// Long names (a function id or a region name of 50 characters) are cut in
// the middle, not at the end: the end of a name is where names of one
// family differ (strategic_account_program_a and _b), so a label keeps
// its start and its end around an ellipsis, and the ellipsis says that it
// was cut. The tables and the workbook give every name whole.

// ellipsis marks where a label was cut.
const ellipsis = "…"

// shorten is s cut in the middle to fit room: its first and last runes
// around an ellipsis, as many as fit, two fifths of them at the end
// (shift more, or fewer when negative). ok is false when no cut that
// keeps a rune either side fits, or shift leaves a side without one.
func shorten(s string, width func(string) vg.Length, room vg.Length, shift int) (string, bool) {
	rs := []rune(s)
	for n := len(rs) - 1; n >= 2; n-- {
		tail := n*2/5 + shift
		if tail < 1 || tail >= n {
			return "", false
		}
		t := string(snapHead(rs[:n-tail])) + ellipsis + string(snapTail(rs[len(rs)-tail:]))
		if width(t) <= room {
			return t, true
		}
	}
	return "", false
}

// snapHead is the start of a name cut after its last whole word ("North
// America", not "North America C"), when that word break lies in its
// last half; the separators before the cut are dropped.
func snapHead(rs []rune) []rune {
	for i := len(rs) - 1; i >= len(rs)/2 && i > 0; i-- {
		if isSep(rs[i]) {
			for i > 0 && isSep(rs[i-1]) {
				i--
			}
			if i > 0 {
				return rs[:i]
			}
			break
		}
	}
	return rs
}

// snapTail is the end of a name from its first whole word ("Sales Teams",
// not "les Teams"), when that word break lies in its first half.
func snapTail(rs []rune) []rune {
	for i := 0; i <= len(rs)/2 && i < len(rs)-1; i++ {
		if isSep(rs[i]) {
			for i < len(rs)-1 && isSep(rs[i+1]) {
				i++
			}
			return rs[i+1:]
		}
	}
	return rs
}

// isSep reports whether r parts the words of a name or an id.
func isSep(r rune) bool { return r == ' ' || r == '_' || r == '-' || r == ',' || r == '/' }

// shortenAll is labels, each wider than its room (room(i)) cut in the
// middle to fit it (shorten), the others as they are, and no two alike:
// where two cuts read the same (the labels differ only where they were
// cut), the cuts move, towards the end, then the start, further at each
// pass, and labels that no cut keeps apart stay whole. A label that stays
// whole is wider than its room: a caller lays out by the widths of what
// it returns.
func shortenAll(labels []string, room func(int) vg.Length, width func(string) vg.Length) []string {
	out := make([]string, len(labels))
	cut := func(i, shift int) string {
		if width(labels[i]) <= room(i) {
			return labels[i]
		}
		if t, ok := shorten(labels[i], width, room(i), shift); ok {
			return t
		}
		return labels[i]
	}
	longest := 0
	for i := range labels {
		out[i] = cut(i, 0)
		longest = max(longest, len([]rune(labels[i])))
	}
	// Pass k moves the cut by +1, -1, +2, -2, ... runes: the hidden middle
	// slides across the labels until each one's difference shows.
	for k := 1; k <= 2*longest; k++ {
		shift := (k + 1) / 2
		if k%2 == 0 {
			shift = -shift
		}
		clash := clashes(out, labels)
		if len(clash) == 0 {
			return out
		}
		for _, i := range clash {
			out[i] = cut(i, shift)
		}
	}
	for _, i := range clashes(out, labels) {
		out[i] = labels[i]
	}
	return out
}

// clashes are the indexes of the cut labels of out that read as another
// label of out, in order.
func clashes(out, labels []string) []int {
	count := map[string]int{}
	for _, o := range out {
		count[o]++
	}
	var is []int
	for i, o := range out {
		if count[o] > 1 && o != labels[i] {
			is = append(is, i)
		}
	}
	return is
}
