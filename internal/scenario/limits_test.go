package scenario

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestByteOrderMark: a UTF-8 byte order mark, which some editors write,
// is accepted in every format, and line 1's columns do not count it.
func TestByteOrderMark(t *testing.T) {
	for _, name := range []string{"baseline.yaml", "baseline.json", "baseline.toml"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		want := mustLoad(t, name, string(data))
		got := mustLoad(t, name, "\xef\xbb\xbf"+string(data))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s with a byte order mark: %+v, want %+v", name, got, want)
		}
	}
	if got, want := loadErr(t, "t.yaml", "\xef\xbb\xbfbogus: 1\n"+baseDoc), `t.yaml:1:1: bogus: unknown key "bogus"`; !strings.HasPrefix(got, want) {
		t.Errorf("got %s, want it to start with %s", got, want)
	}
}

// TestTOMLNumbersTooLarge: a number past float64 or int64 is "too large" at
// its key path, however it is written.
func TestTOMLNumbersTooLarge(t *testing.T) {
	doc := strings.Replace(tomlBase, "annual = 1", "annual = 1e400", 1) +
		"[central2]\na = 1e309\nb = 99999999999999999999\nc = 1_000e1000\nd = -1e400\n"
	want := `t.toml:2:20: budget.annual: 1e400 is too large: numbers must be at most 1,000,000,000,000,000 in size
t.toml:6:5: central2.a: 1e309 is too large: numbers must be at most 1,000,000,000,000,000 in size
t.toml:7:5: central2.b: 99999999999999999999 is too large: numbers must be at most 1,000,000,000,000,000 in size
t.toml:8:5: central2.c: 1_000e1000 is too large: numbers must be at most 1,000,000,000,000,000 in size
t.toml:9:5: central2.d: -1e400 is too large: numbers must be at most 1,000,000,000,000,000 in size`
	if got := loadErr(t, "t.toml", doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The numbers go-toml reads itself keep their values.
	s := mustLoad(t, "t.toml", strings.Replace(tomlBase, "annual = 1}", "annual = 1_000_000.5}", 1)+"[policy]\nmax_fte = 0x2d\nhealthy_heart = 9e-1\n")
	if s.Budget.Annual != 1_000_000.5 || s.Policy.MaxFTE != 45 || s.Policy.HealthyHeart != 0.9 {
		t.Errorf("annual %v, max_fte %v, healthy_heart %v", s.Budget.Annual, s.Policy.MaxFTE, s.Policy.HealthyHeart)
	}
}

// TestTOMLConflicts: what go-toml's decoder refuses, the walk that replaces
// it refuses too, at the key.
func TestTOMLConflicts(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"value then table", "a = 1\n[a]\nb = 2\n", `t.toml:2:2: a: duplicate key "a": it is already given at line 1`},
		{"value then dotted table", "a = 1\na.b = 2\n", `t.toml:2:1: a: "a" is a value (given at line 1): it cannot also be a table`},
		{"inline table extended", "a = {b = 1}\n[a.c]\n", `t.toml:2:2: a: "a" is a value (given at line 1): it cannot also be a table`},
		{"table then value", "a.b = 1\na = 2\n", `t.toml:2:1: a: "a" is already a table: it cannot also be a value`},
		{"array of tables as a table", "[[a]]\nb = 1\n[a]\n", `t.toml:3:2: a: "a" is an array of tables: write [[a]] for a new element`},
		{"table as an array of tables", "[a]\nb = 1\n[[a]]\n", `t.toml:3:3: a: "a" is a table: it cannot also be an array of tables`},
		{"static array extended", "a = [1]\n[[a]]\n", `t.toml:2:3: a: "a" is a value (given at line 1): it cannot also be a table`},
		{"bad date", "a = 2027-13-01\n", `t.toml:1:5: a: 2027-13-01 is not a valid value: `},
		{"too deep", "a = " + strings.Repeat("[", maxTOMLDepth+1), `t.toml:1:10005: arrays and inline tables nested more than 10000 deep`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, "t.toml", c.doc); !strings.HasPrefix(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	// Arrays of tables, dotted keys and sub-tables of an element still
	// nest as TOML says.
	s := mustLoad(t, "t.toml", `horizon.start = "2027-Q1"
horizon.periods = 4
budget = {annual = 1}
[central]
cost_per_fte = 1
[[regions]]
name = "A"
sellers = 1
cost_per_fte = 1
[regions.current_fte]
quotas = 2
[[regions]]
name = "B"
sellers = 2
cost_per_fte = 1
`)
	if len(s.Regions) != 2 || s.Regions[0].CurrentFTE["quotas"] != 2 || s.Regions[1].Sellers != 2 || s.Horizon.Periods != 4 {
		t.Errorf("regions %+v, horizon %+v", s.Regions, s.Horizon)
	}
}

// TestYAMLAliases: aliases and merge keys read as go-yaml's decoder reads
// them, an alias inside its own anchor is refused, and a file whose aliases
// expand it past its budget of values is refused quickly.
func TestYAMLAliases(t *testing.T) {
	s := mustLoad(t, "t.yaml", `horizon: {start: 2027-Q1, periods: 4}
budget: {annual: 1000000}
central:
  <<: &cost {cost_per_fte: 90000}
  cost_per_fte: 100000
regions:
  - {name: EMEA, sellers: 100, <<: *cost}
  - {name: APAC, sellers: 50, <<: [{cost_per_fte: 1}, *cost]}
`)
	if s.Central.CostPerFTE != 100000 || s.Regions[0].CostPerFTE != 90000 || s.Regions[1].CostPerFTE != 1 {
		t.Errorf("central %v, regions %v and %v", s.Central.CostPerFTE, s.Regions[0].CostPerFTE, s.Regions[1].CostPerFTE)
	}
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'k'; i++ {
		bomb += string(i) + ": &" + string(i) + " [" + strings.Repeat("*"+string(i-1)+", ", 9) + "*" + string(i-1) + "]\n"
	}
	start := time.Now()
	if got := loadErr(t, "t.yaml", bomb); !strings.Contains(got, "the aliases (*name) of this file expand it past") {
		t.Errorf("alias bomb: %s", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("alias bomb refused after %v", d)
	}
}

// TestReadFileRefuses: only regular files are read, up to the limit.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(baseDoc+"# "+strings.Repeat("x", 2000)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range []struct {
		path string
		max  int64
		want string
	}{
		{fifo, 0, fifo + ": cannot read the file: it is a named pipe (FIFO), not a regular file"},
		{zero, 0, zero + ": cannot read the file: it is a character device, not a regular file"},
		{dir + "/", 0, dir + "/: unsupported file type"},
		{big, 1 << 10, big + ": the file is larger than the limit of 1KB: a scenario is a few kilobytes (raise the limit with --max-file-size)"},
	} {
		done := make(chan error, 1)
		go func() { _, err := LoadContext(ctx, c.path, nil, c.max); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("LoadContext(%s) = %v, want %s", c.path, err, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("LoadContext(%s) still reading after 5 s", c.path)
		}
	}
	if _, err := LoadContext(ctx, big, nil, 1<<20); err != nil {
		t.Errorf("under the limit: %v", err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := LoadContext(canceled, big, nil, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v", err)
	}
	if _, err := LoadBytesContext(canceled, "t.toml", bigScenario(t, "toml", 5000), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled while parsing: err = %v", err)
	}
}

func TestSizes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{{"16MB", 16 << 20}, {"16m", 16 << 20}, {"1GB", 1 << 30}, {"512KB", 512 << 10}, {"1000", 1000}, {"10b", 10}} {
		if got, err := ParseSize(c.in); err != nil || got != c.want {
			t.Errorf("ParseSize(%q) = %d, %v, want %d", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "0", "-1MB", "1.5MB", "16 TB", "99999999999GB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	if got := FormatSize(DefaultMaxFileSize); got != "16MB" {
		t.Errorf("FormatSize(default) = %s", got)
	}
}

// The limit on numbers reads as a grouped number in every message, as a
// person reads a limit (it read 1e+15), and so do the figures set beside
// it: one just beyond the limit never reads as the limit itself.
func TestLimitFigures(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{maxMagnitude, "1,000,000,000,000,000"},
		{maxMagnitude + 0.25, "1,000,000,000,000,001"},
		{1.5e15 + 120000, "1,500,000,000,120,000"},
		{999999.6, "1,000,000"},
		{120000, "120,000"},
		{-2.5e15, "-2,500,000,000,000,000"},
		{0, "0"},
		{math.Inf(1), "infinity"},
		{math.NaN(), "NaN"},
		{1e21, "1e+21"},
	} {
		if got := fmtLarge(c.x); got != c.want {
			t.Errorf("fmtLarge(%v) = %s, want %s", c.x, got, c.want)
		}
	}
	for _, c := range []struct{ csv, want string }{
		{"person,team,function,cost_per_year\nann,central,comp_admin,-5\n",
			"team.csv:2:24: cost_per_year: -5 is out of range: cost_per_year must be between 0 and 1,000,000,000,000,000"},
		{"person,team,function,cost_per_year\nann,central,comp_admin,2e15\n",
			"team.csv:2:24: cost_per_year: 2e15 is out of range: cost_per_year must be between 0 and 1,000,000,000,000,000"},
	} {
		_, err := loadWithRoster(t, rosterDoc, c.csv)
		if err == nil || !strings.HasSuffix(err.Error(), c.want) {
			t.Errorf("got %v, want ...%s", err, c.want)
		}
	}
	s := mustLoad(t, "s.yaml", actualsDoc)
	_, ds := ParseActuals("a.csv", []byte("period,team,function,fte,spend\n2027-Q1,central,comp_admin,1,2e15\n"), s)
	if want := "a.csv:2:30: spend: 2e15 is out of range: spend must be between 0 and 1,000,000,000,000,000"; len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %s", ds, want)
	}
}

// TestSpreads: costs, demands and sellers' shares so far apart that the
// plan cannot tell the small ones from rounding are refused at their
// keys, with the figures (the plan was wrong or failed: a central cost of
// 1e-9 beside 150,000 planned "infeasible: needs -0 more people", APAC at
// 1e-40 sellers made the factorization panic); within 10^8 they load.
func TestSpreads(t *testing.T) {
	const file = "../../scenarios/baseline.yaml"
	for _, c := range []struct {
		sets []string
		want string // "" loads
	}{
		{[]string{"central.cost_per_fte=1e-9"}, `central.cost_per_fte: 1e-09 is too small beside investments[cpq].cost.upfront (250,000): the costs of one scenario must be within a factor of 10^8 of each other`},
		{[]string{"investments[cpq].cost.per_year=0.001"}, `investments[0].cost.per_year: 0.001 is too small beside investments[cpq].cost.upfront (250,000)`},
		{[]string{"investments[cpq].cost.per_year=0.0025"}, ""},
		{[]string{"regions[EMEA].cost_per_fte=1e14"}, `central.cost_per_fte: 150000 is too small beside regions[emea].cost_per_fte (100,000,000,000,000)`},
		{[]string{"regions[EMEA].cost_per_fte=1e12"}, ""},
		{[]string{"central.cost_per_fte=0"}, ""},
		{[]string{"regions[APAC].sellers=1e-40"}, `regions[2].sellers: APAC's 1e-40 sellers in 2027-Q1 are a share of 1.47e-43 of all sellers, too small for the plan to tell from rounding: a region's share must be 0 or at least 1e-8`},
		{[]string{"regions[APAC].sellers=0"}, ""},
		{[]string{"functions[proposals].fte_per_100_sellers=1e-12", "functions[proposals].fte_per_region=0"}, `regions[2]: the demand for proposals in APAC is 1.28e-12 FTE in 2027-Q1, too small beside the largest, 4.65 FTE for sales_support in North America: the demands of one scenario must be within a factor of 10^8 of each other`},
	} {
		_, err := Load(file, c.sets)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("--set %v: %v, want it loaded", c.sets, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("--set %v: %v, want %s", c.sets, err, c.want)
		}
	}
}
