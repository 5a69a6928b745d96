package solve

import (
	"bufio"
	"cmp"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// CPLEX LP output limits. GLPK reads tokens of up to 255 characters; lines
// are wrapped at lpLineWidth and names capped at lpNameMax so that even the
// longest line, a two-sided bound with two 24-character numbers, stays
// within 255 characters.
const (
	lpLineWidth = 80
	lpNameMax   = 190
)

// lpNameChars are the characters besides ASCII letters and digits that
// CPLEX LP (and GLPK's reader) allow in names.
const lpNameChars = "!\"#$%&()/,.;?@_`'{}|~"

// WriteLP writes p in CPLEX LP format as GLPK's glpsol --lp reads it. The
// output is deterministic byte for byte and loses no precision (numbers are
// printed with strconv's shortest round-trip form).
//
// Names are mapped to legal CPLEX LP names ('[' and ']' become '(' and
// ')', other illegal characters '_'; a name that could read as a number
// gets a leading '_'; empty names become x<j>/r<i>), capped at 190
// characters and made unique with a "~<k>" suffix. Every line but the
// section keywords starts with a space, so no name is read as a keyword.
// Integer variables go to the Binaries section when their bounds are
// [0, 1], to the Generals section otherwise, with their bounds rounded
// inward (see integerBounds). The objective constant, which the format
// cannot express, is the coefficient of an extra variable fixed at 1
// (obj_const). Repeated terms of a row are merged. A row without terms is
// written with a zero coefficient on the first variable, and a problem
// without rows gets one such row, because GLPK requires at least one
// constraint.
func WriteLP(w io.Writer, p *Problem) error {
	if err := p.Validate(); err != nil {
		return err
	}
	names := newLPNames(p)
	// first is a column to give a zero coefficient where a linear form
	// must not be empty.
	first := names.constant
	if len(names.vars) > 0 {
		first = names.vars[0]
	}
	mentioned := make([]bool, len(p.Vars))

	lw := &lpWriter{w: bufio.NewWriter(w)}
	lw.text(`\* Problem: ` + lpComment(p.Name) + ` *\`)
	lw.text("")
	if p.Maximize {
		lw.text("Maximize")
	} else {
		lw.text("Minimize")
	}
	lw.add(" obj:")
	empty := true
	for j := range p.Vars {
		if c := p.ObjCoef(j); c != 0 {
			lw.term(c, names.vars[j])
			mentioned[j] = true
			empty = false
		}
	}
	if p.ObjConst != 0 {
		lw.term(p.ObjConst, names.constant)
		empty = false
	}
	if empty {
		lw.add(" 0 " + first)
	}
	lw.end()
	lw.text("")

	lw.text("Subject To")
	for i, r := range p.Rows {
		lw.add(" " + names.rows[i] + ":")
		terms := mergeTerms(r.Terms)
		for _, t := range terms {
			lw.term(t.Coef, names.vars[t.Var])
			mentioned[t.Var] = true
		}
		if len(terms) == 0 {
			lw.add(" 0 " + first)
		}
		lw.add(" " + r.Sense.String() + " " + lpNum(r.RHS))
		lw.end()
	}
	if len(p.Rows) == 0 {
		lw.text(" " + names.emptyRow + ": 0 " + first + " >= 0")
	}
	lw.text("")

	var bounds, generals, binaries []string
	for j, v := range p.Vars {
		n := names.vars[j]
		v = integerBounds(v)
		lo, up := lpNum(v.Lower), lpNum(v.Upper)
		switch {
		case v.Integer && v.Lower == 0 && v.Upper == 1:
			// The Binaries section says [0, 1]; saying it in Bounds as
			// well makes GLPK warn that the bounds are redefined.
			binaries = append(binaries, " "+n)
			continue
		case v.Integer:
			generals = append(generals, " "+n)
		}
		switch {
		case v.Lower == v.Upper:
			bounds = append(bounds, " "+n+" = "+lo)
		case math.IsInf(v.Lower, -1) && math.IsInf(v.Upper, 1):
			bounds = append(bounds, " "+n+" free")
		case math.IsInf(v.Lower, -1):
			bounds = append(bounds, " -inf <= "+n+" <= "+up)
		case !math.IsInf(v.Upper, 1):
			bounds = append(bounds, " "+lo+" <= "+n+" <= "+up)
		case v.Lower != 0 || !mentioned[j]:
			// [0, inf) is the default; a variable in no row and not in the
			// objective is declared here so that it exists.
			bounds = append(bounds, " "+n+" >= "+lo)
		}
	}
	if names.constant != "" {
		bounds = append(bounds, " "+names.constant+" = 1")
	}
	lw.section("Bounds", bounds)
	lw.section("Generals", generals)
	lw.section("Binaries", binaries)
	lw.text("End")
	return lw.w.Flush()
}

// integerBounds rounds the bounds of an integer variable inward (see
// integerRange): GLPK's MIP solver rejects fractional bounds on integer
// columns. An empty integer range keeps the bounds as they are, since GLPK
// rejects a lower bound above the upper one too.
func integerBounds(v Var) Var {
	if !v.Integer {
		return v
	}
	if lo, up := integerRange(v); lo <= up {
		v.Lower, v.Upper = lo, up
	}
	return v
}

// integerRange is the range of integer values of v within its bounds
// (within IntTol), as branch and bound sees it; empty when lo > up.
func integerRange(v Var) (lo, up float64) {
	return math.Ceil(v.Lower - IntTol), math.Floor(v.Upper + IntTol)
}

// lpWriter assembles lines, wrapping linear forms at lpLineWidth. Write
// errors surface at Flush (bufio keeps the first one).
type lpWriter struct {
	w    *bufio.Writer
	line []byte
}

// add appends a token that starts with a space, first ending the line if
// the token would take it past lpLineWidth.
func (lw *lpWriter) add(tok string) {
	if len(lw.line) > 0 && len(lw.line)+len(tok) > lpLineWidth {
		lw.end()
	}
	lw.line = append(lw.line, tok...)
}

// term appends "+ c name" (c omitted when 1).
func (lw *lpWriter) term(c float64, name string) {
	sign := " + "
	if c < 0 {
		sign = " - "
	}
	if c = math.Abs(c); c == 1 {
		lw.add(sign + name)
	} else {
		lw.add(sign + lpNum(c) + " " + name)
	}
}

// end writes out the current line.
func (lw *lpWriter) end() {
	lw.line = append(lw.line, '\n')
	_, _ = lw.w.Write(lw.line)
	lw.line = lw.line[:0]
}

// section writes a section, unless it has no lines, and an empty line.
func (lw *lpWriter) section(head string, lines []string) {
	if len(lines) == 0 {
		return
	}
	lw.text(head)
	for _, l := range lines {
		lw.text(l)
	}
	lw.text("")
}

// text writes a whole line.
func (lw *lpWriter) text(s string) {
	lw.line = append(lw.line, s...)
	lw.end()
}

// lpNum prints a finite v without loss (negative zero as 0).
func lpNum(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// lpComment makes s safe inside a one-line \* *\ comment.
func lpComment(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\\':
			return '/'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

// mergeTerms returns terms sorted by variable with repeated variables
// summed and zero coefficients dropped.
func mergeTerms(terms []Term) []Term {
	out := slices.Clone(terms)
	slices.SortStableFunc(out, func(a, b Term) int { return cmp.Compare(a.Var, b.Var) })
	k := 0
	for _, t := range out {
		if k > 0 && out[k-1].Var == t.Var {
			out[k-1].Coef += t.Coef
			continue
		}
		out[k] = t
		k++
	}
	return slices.DeleteFunc(out[:k], func(t Term) bool { return t.Coef == 0 })
}

// lpNames are the names WriteLP gives a problem's variables and rows.
type lpNames struct {
	vars, rows []string
	// constant is the fixed variable carrying ObjConst, "" when there is
	// none. It is also there when p has no variables, as the column of
	// the linear forms that must not be empty.
	constant string
	// emptyRow names the placeholder row of a problem without rows.
	emptyRow string
}

func newLPNames(p *Problem) *lpNames {
	n := &lpNames{}
	varSeen := make(map[string]bool)
	for j, v := range p.Vars {
		n.vars = append(n.vars, uniqueLPName(v.Name, "x"+strconv.Itoa(j+1), varSeen))
	}
	if p.ObjConst != 0 || len(p.Vars) == 0 {
		n.constant = uniqueLPName("obj_const", "", varSeen)
	}
	rowSeen := make(map[string]bool)
	for i, r := range p.Rows {
		n.rows = append(n.rows, uniqueLPName(r.Name, "r"+strconv.Itoa(i+1), rowSeen))
	}
	if len(p.Rows) == 0 {
		n.emptyRow = "empty"
	}
	return n
}

// uniqueLPName maps name to a legal CPLEX LP name (def when it maps to
// nothing) not yet in seen, and adds it.
func uniqueLPName(name, def string, seen map[string]bool) string {
	base := legalLPName(name)
	if base == "" {
		base = def
	}
	n := base
	for k := 2; seen[n]; k++ {
		suffix := "~" + strconv.Itoa(k)
		n = base[:min(len(base), lpNameMax-len(suffix))] + suffix
	}
	seen[n] = true
	return n
}

// legalLPName maps the characters of s that CPLEX LP does not allow in
// names ('[' and ']' to '(' and ')', the rest to '_'), prefixes '_' when
// the name would start like a number (a digit, a period, or an e
// exponent), and truncates to lpNameMax.
func legalLPName(s string) string {
	b := []byte(strings.Map(func(r rune) rune {
		switch {
		case r == '[':
			return '('
		case r == ']':
			return ')'
		case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(lpNameChars, r)):
			return r
		}
		return '_'
	}, s))
	if len(b) > 0 {
		c := b[0]
		numeric := c >= '0' && c <= '9' || c == '.'
		exponent := (c == 'e' || c == 'E') && (len(b) == 1 || b[1] >= '0' && b[1] <= '9')
		if numeric || exponent {
			b = append([]byte{'_'}, b...)
		}
	}
	return string(b[:min(len(b), lpNameMax)])
}
