package solve

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadMPS reads a linear or mixed-integer program in MPS format, free or
// fixed, as GLPK's glpsol writes it (--wfreemps, --wmps) and as the MPS
// files of GLPK's examples are written. It exists so that the tests can
// solve other people's models; cardio itself never reads MPS.
//
// Supported: NAME; ROWS (N, L, G, E; the first N row is the objective,
// further N rows are free rows and are dropped); COLUMNS with
// 'MARKER' 'INTORG'/'INTEND' sections for integer columns; RHS (a value on
// the objective row is the objective constant with its sign reversed, as in
// GLPK and CPLEX); RANGES (with the usual meaning for L, G and E rows); BOUNDS
// UP, LO, FX, FR, MI, PL, BV, LI, UI; OBJSENSE (MIN or MAX, on the same line
// or the next); ENDATA. RHS, RANGES and BOUNDS set names are optional.
// Fields are separated by blanks, so fixed-format names may not contain
// blanks; a field after the first that starts with '$' starts a comment,
// and a COLUMNS line without a column name continues the previous column
// (both as in the older fixed MPS files among GLPK's examples).
//
// Defaults follow GLPK: a column is [0, +Inf) and an integer column of a
// marker section [0, 1] until the BOUNDS section says otherwise (the first
// bound given for such a column starts again from [0, +Inf)); UP with a
// negative value on a column whose lower bound is 0 makes the lower bound
// -Inf. A ranged row becomes two rows, NAME[lo] (>=) and NAME[up] (<=),
// unless the range is zero.
func ReadMPS(r io.Reader) (*Problem, error) {
	rd := &mpsReader{
		rowIndex: make(map[string]int),
		colIndex: make(map[string]int),
		objRow:   -1,
	}
	if err := rd.read(r); err != nil {
		return nil, err
	}
	return rd.problem()
}

// mpsRow is a row as read, before ranges are resolved.
type mpsRow struct {
	name   string
	kind   byte // 'N', 'L', 'G', 'E'
	rhs    float64
	rng    float64
	ranged bool
	terms  []Term
}

// mpsCol is a column as read.
type mpsCol struct {
	name     string
	obj      float64
	lo, up   float64
	integer  bool
	defaults bool // integer column still on the marker section's default [0, 1]
}

type mpsReader struct {
	name     string
	maximize bool
	objConst float64
	rows     []mpsRow
	rowIndex map[string]int // name -> index into rows (objective and dropped N rows included)
	objRow   int
	cols     []mpsCol
	colIndex map[string]int
	seen     map[[2]int]bool // (row, column) pairs given a coefficient
}

func (rd *mpsReader) read(r io.Reader) error {
	rd.seen = make(map[[2]int]bool)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	section := ""
	integer := false
	lineNo := 0
	ended := false
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || line[0] == '*' {
			continue
		}
		fields := strings.Fields(line)
		for k, f := range fields {
			if k > 0 && f[0] == '$' {
				fields = fields[:k] // a comment, as in GLPK's older fixed MPS files
				break
			}
		}
		errorf := func(format string, args ...any) error {
			return fmt.Errorf("%w: MPS line %d (%q): %s", ErrBadProblem, lineNo, line, fmt.Sprintf(format, args...))
		}
		if line[0] != ' ' && line[0] != '\t' {
			// A section header.
			section = strings.ToUpper(fields[0])
			switch section {
			case "NAME":
				if len(fields) > 1 {
					rd.name = fields[1]
				}
			case "ROWS", "COLUMNS", "RHS", "RANGES", "BOUNDS":
			case "OBJSENSE", "OBJSENS":
				section = "OBJSENSE"
				if len(fields) > 1 {
					if err := rd.sense(fields[1]); err != nil {
						return errorf("%v", err)
					}
				}
			case "ENDATA":
				ended = true
			default:
				return errorf("unsupported section %s", fields[0])
			}
			if ended {
				break
			}
			continue
		}
		var err error
		switch section {
		case "ROWS":
			err = rd.rowLine(fields)
		case "COLUMNS":
			if len(fields) == 3 && strings.Trim(fields[1], "'") == "MARKER" {
				switch strings.Trim(fields[2], "'") {
				case "INTORG":
					integer = true
				case "INTEND":
					integer = false
				default:
					err = fmt.Errorf("unknown marker %s", fields[2])
				}
				break
			}
			err = rd.columnLine(fields, integer)
		case "RHS", "RANGES":
			err = rd.rhsLine(fields, section == "RANGES")
		case "BOUNDS":
			err = rd.boundLine(fields)
		case "OBJSENSE":
			err = rd.sense(fields[0])
		default:
			err = fmt.Errorf("data outside a section")
		}
		if err != nil {
			return errorf("%v", err)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if !ended {
		return fmt.Errorf("%w: MPS: no ENDATA", ErrBadProblem)
	}
	return nil
}

func (rd *mpsReader) sense(s string) error {
	switch strings.ToUpper(s) {
	case "MAX", "MAXIMIZE":
		rd.maximize = true
	case "MIN", "MINIMIZE":
		rd.maximize = false
	default:
		return fmt.Errorf("unknown objective sense %s", s)
	}
	return nil
}

func (rd *mpsReader) rowLine(f []string) error {
	if len(f) != 2 {
		return fmt.Errorf("want a row type and a name")
	}
	kind := strings.ToUpper(f[0])
	if len(kind) != 1 || !strings.Contains("NLGE", kind) {
		return fmt.Errorf("unknown row type %s", f[0])
	}
	if _, dup := rd.rowIndex[f[1]]; dup {
		return fmt.Errorf("row %s declared twice", f[1])
	}
	rd.rowIndex[f[1]] = len(rd.rows)
	if kind == "N" && rd.objRow < 0 {
		rd.objRow = len(rd.rows)
	}
	rd.rows = append(rd.rows, mpsRow{name: f[1], kind: kind[0]})
	return nil
}

func (rd *mpsReader) columnLine(f []string, integer bool) error {
	if (len(f) == 2 || len(f) == 4) && len(rd.cols) > 0 {
		// Fixed MPS with a blank name field: the previous column goes on.
		f = append([]string{rd.cols[len(rd.cols)-1].name}, f...)
	}
	if len(f) != 3 && len(f) != 5 {
		return fmt.Errorf("want a column name and one or two (row, value) pairs")
	}
	j, ok := rd.colIndex[f[0]]
	if !ok {
		j = len(rd.cols)
		rd.colIndex[f[0]] = j
		c := mpsCol{name: f[0], up: math.Inf(1)}
		if integer {
			c.integer, c.up, c.defaults = true, 1, true
		}
		rd.cols = append(rd.cols, c)
	}
	for k := 1; k+1 < len(f); k += 2 {
		i, ok := rd.rowIndex[f[k]]
		if !ok {
			return fmt.Errorf("unknown row %s", f[k])
		}
		v, err := parseMPSNumber(f[k+1])
		if err != nil {
			return err
		}
		if rd.seen[[2]int{i, j}] {
			return fmt.Errorf("column %s has two coefficients in row %s", f[0], f[k])
		}
		rd.seen[[2]int{i, j}] = true
		switch {
		case i == rd.objRow:
			rd.cols[j].obj = v
		case rd.rows[i].kind == 'N':
			// A free row other than the objective: dropped.
		case v != 0:
			rd.rows[i].terms = append(rd.rows[i].terms, Term{Var: j, Coef: v})
		}
	}
	return nil
}

// rhsLine reads an RHS or RANGES line: [set] row value [row value].
func (rd *mpsReader) rhsLine(f []string, ranges bool) error {
	if len(f)%2 == 1 {
		f = f[1:] // the set name
	}
	if len(f) != 2 && len(f) != 4 {
		return fmt.Errorf("want one or two (row, value) pairs")
	}
	for k := 0; k < len(f); k += 2 {
		i, ok := rd.rowIndex[f[k]]
		if !ok {
			return fmt.Errorf("unknown row %s", f[k])
		}
		v, err := parseMPSNumber(f[k+1])
		if err != nil {
			return err
		}
		row := &rd.rows[i]
		switch {
		case ranges && row.kind == 'N':
			return fmt.Errorf("range on free row %s", f[k])
		case ranges:
			row.rng, row.ranged = v, true
		case i == rd.objRow:
			rd.objConst = -v
		default:
			row.rhs = v
		}
	}
	return nil
}

// boundLine reads a BOUNDS line: type [set] column [value].
func (rd *mpsReader) boundLine(f []string) error {
	kind := strings.ToUpper(f[0])
	needsValue := false
	switch kind {
	case "UP", "LO", "FX", "LI", "UI":
		needsValue = true
	case "FR", "MI", "PL", "BV":
	default:
		return fmt.Errorf("unknown bound type %s", f[0])
	}
	rest := f[1:]
	// rest is [set] column [value]: drop the set name when present.
	want := 1
	if needsValue {
		want = 2
	}
	switch {
	case len(rest) == want+1:
		rest = rest[1:]
	case len(rest) == want:
	case kind == "BV" && len(rest) == 3:
		rest = rest[1:2] // BV with a (meaningless) value
	default:
		return fmt.Errorf("wrong number of fields for bound type %s", kind)
	}
	j, ok := rd.colIndex[rest[0]]
	if !ok {
		return fmt.Errorf("unknown column %s", rest[0])
	}
	var v float64
	if needsValue {
		var err error
		if v, err = parseMPSNumber(rest[1]); err != nil {
			return err
		}
	}
	c := &rd.cols[j]
	if c.defaults {
		c.lo, c.up, c.defaults = 0, math.Inf(1), false
	}
	switch kind {
	case "UP", "UI":
		if v < 0 && c.lo == 0 {
			c.lo = math.Inf(-1)
		}
		c.up = v
	case "LO", "LI":
		c.lo = v
	case "FX":
		c.lo, c.up = v, v
	case "FR":
		c.lo, c.up = math.Inf(-1), math.Inf(1)
	case "MI":
		c.lo = math.Inf(-1)
	case "PL":
		c.up = math.Inf(1)
	case "BV":
		c.lo, c.up, c.integer = 0, 1, true
	}
	if kind == "LI" || kind == "UI" {
		c.integer = true
	}
	return nil
}

func parseMPSNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return v, nil
}

// problem assembles the Problem.
func (rd *mpsReader) problem() (*Problem, error) {
	if rd.objRow < 0 {
		return nil, fmt.Errorf("%w: MPS: no objective (N) row", ErrBadProblem)
	}
	p := &Problem{Name: rd.name, Maximize: rd.maximize, ObjConst: rd.objConst}
	p.Vars = make([]Var, len(rd.cols))
	p.Obj = make([]float64, len(rd.cols))
	for j, c := range rd.cols {
		p.Vars[j] = Var{Name: c.name, Lower: c.lo, Upper: c.up, Integer: c.integer}
		p.Obj[j] = c.obj
	}
	for _, r := range rd.rows {
		if r.kind == 'N' {
			continue
		}
		lo, up := math.Inf(-1), math.Inf(1)
		switch r.kind {
		case 'L':
			up = r.rhs
			if r.ranged {
				lo = r.rhs - math.Abs(r.rng)
			}
		case 'G':
			lo = r.rhs
			if r.ranged {
				up = r.rhs + math.Abs(r.rng)
			}
		case 'E':
			lo, up = r.rhs, r.rhs
			if r.ranged && r.rng > 0 {
				up = r.rhs + r.rng
			} else if r.ranged && r.rng < 0 {
				lo = r.rhs + r.rng
			}
		}
		switch {
		case lo == up:
			p.AddRow(r.name, r.terms, EQ, lo)
		case math.IsInf(lo, -1):
			p.AddRow(r.name, r.terms, LE, up)
		case math.IsInf(up, 1):
			p.AddRow(r.name, r.terms, GE, lo)
		default:
			p.AddRow(r.name+"[lo]", r.terms, GE, lo)
			p.AddRow(r.name+"[up]", r.terms, LE, up)
		}
	}
	return p, p.Validate()
}
