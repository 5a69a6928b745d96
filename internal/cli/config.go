package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// The tool's own settings (docs/config.md): each is a flag on the commands
// that take it, the environment variable CARDIO_ and its key in upper
// case, and a key of the config file. A flag given on the command line
// wins, then the variable, then the file, then the default.

// envPrefix is the prefix of the settings' environment variables.
const envPrefix = "CARDIO"

// configEnv names the config file, as --config does.
const configEnv = envPrefix + "_CONFIG"

// defaultAddr is where the coming 'serve' listens: loopback, on a port the
// system chooses.
const defaultAddr = "127.0.0.1:0"

// setting is one of the tool's settings.
type setting struct {
	key   string // in the config file
	flag  string // the flag that sets it, on the commands that have it
	def   string
	what  string                   // what is allowed, for messages
	check func(value string) error // nil when allowed
}

// env is the setting's environment variable.
func (s setting) env() string { return envPrefix + "_" + strings.ToUpper(s.key) }

// settings lists the settings in the order docs/config.md gives them.
var settings = []setting{
	{key: "format", flag: "format", def: string(report.Table), what: "one of " + formatNames(), check: func(v string) error {
		_, err := report.ParseFormat(v)
		return err
	}},
	{key: "solver", flag: "solver", def: defaultSolver, what: "one of " + solverNames(), check: func(v string) error {
		if _, ok := solvers[v]; !ok {
			return errors.New("unknown solver")
		}
		return nil
	}},
	{key: "jobs", flag: "jobs", def: "0", what: "a whole number >= 0 (0: one per core)", check: func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < 0 {
			return errors.New("not a whole number >= 0")
		}
		return nil
	}},
	{key: "max_file_size", flag: "max-file-size", def: scenario.FormatSize(scenario.DefaultMaxFileSize), what: "a size such as 16MB (bytes, KB, MB or GB)", check: func(v string) error {
		_, err := scenario.ParseSize(v)
		return err
	}},
	{key: "addr", flag: "addr", def: defaultAddr, what: "a host and port such as 127.0.0.1:8080 (port 0: any free port)", check: checkAddr},
}

func formatNames() string {
	names := make([]string, len(report.Formats))
	for i, f := range report.Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// checkAddr checks a listening address without looking its host up: the
// words say what is wrong with it (net's "address x: missing port in
// address" repeated the value).
func checkAddr(v string) error {
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		var ae *net.AddrError
		if errors.As(err, &ae) && ae.Err == "missing port in address" {
			return errors.New("there is no port")
		}
		if errors.As(err, &ae) {
			return fmt.Errorf("it is not host:port (%s; an IPv6 address is written in brackets, [::1]:8080)", ae.Err)
		}
		return err
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("the port %q is not a whole number from 0 to 65535", port)
	}
	// Go would look a host of digits and dots that is no IP address
	// ("0", "127.1") up as a name, and fail; some tools read "0" as
	// 0.0.0.0 (every address), which is not loopback.
	if host != "" && strings.Trim(host, "0123456789.") == "" && net.ParseIP(host) == nil {
		return fmt.Errorf("the host %q is not an IP address", host)
	}
	return nil
}

// config is the settings as viper resolves them for one command.
type config struct {
	v    *viper.Viper
	file string         // the config file read, "" when none
	at   map[string]pos // the top-level keys of a YAML or JSON config file
}

type pos struct{ line, col int }

// defaultConfigFile is $XDG_CONFIG_HOME/cardio/config.yaml (on Linux;
// os.UserConfigDir elsewhere), or "" when there is no such directory.
func defaultConfigFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "cardio", "config.yaml")
}

// loadConfig reads the settings: flags bound from flags (those the command
// has), the environment, and the config file: the one given (--config,
// then $CARDIO_CONFIG), which must exist, else the default one if it
// exists. Every problem is a usage error that names its source.
func loadConfig(flags *pflag.FlagSet, given string) (*config, error) {
	v := viper.New()
	c := &config{v: v}
	for _, s := range settings {
		v.SetDefault(s.key, s.def)
		if err := v.BindEnv(s.key, s.env()); err != nil {
			return nil, err
		}
		if f := flags.Lookup(s.flag); f != nil {
			if err := v.BindPFlag(s.key, f); err != nil {
				return nil, err
			}
		}
	}
	file, must := given, true
	if file == "" {
		file = os.Getenv(configEnv)
	}
	if file == "" {
		file, must = defaultConfigFile(), false
	}
	if file == "" {
		return c, nil
	}
	if _, err := os.Stat(file); err != nil && !must && errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err := c.read(file, flags); err != nil {
		return nil, usageError{err}
	}
	return c, nil
}

// yamlLineRE matches the "line N: message" form of go-yaml's errors.
var yamlLineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

// read reads the config file into viper, and the positions of its keys.
func (c *config) read(file string, flags *pflag.FlagSet) error {
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".yaml", ".yml", ".json", ".toml":
	default:
		return fmt.Errorf("%s: unsupported config file type %q: a config file ends in .yaml, .yml, .json or .toml", file, ext)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: cannot read the config file: %v", file, err)
	}
	// A YAML or JSON file's syntax in the words a scenario file's get,
	// before viper: go-yaml's complaint has a line at most, and no column,
	// encoding/json's neither, and viper reads the first of two YAML
	// documents and drops the second. (go-toml's has both: below.)
	if ext != ".toml" {
		if ds := scenario.Syntax(context.Background(), file, "config", ext[1:], data); len(ds) > 0 {
			return ds
		}
	}
	// Duplicate keys before viper: go-yaml's complaint has a line and no
	// column, go-toml's neither, and encoding/json (and viper's
	// lower-casing of keys) silently keeps the last of two.
	var doc yaml.Node
	parsed := ext != ".toml" && yaml.Unmarshal(data, &doc) == nil
	var dups []string
	var tomlAt map[string]pos
	if parsed {
		dups = duplicateKeys(file, &doc, "")
	} else if ext == ".toml" {
		tomlAt, dups = tomlKeys(file, data)
	}
	if len(dups) > 0 {
		return errors.New(strings.Join(dups, "\n"))
	}
	// A top level that is not a mapping, before viper, whose words were
	// Go's ("cannot unmarshal !!seq into map[string]interface {}").
	if parsed && len(doc.Content) > 0 && doc.Content[0].Kind != yaml.MappingNode {
		top := doc.Content[0]
		return fmt.Errorf("%s:%d:%d: a config file holds a mapping of settings (such as format: json), got %s", file, top.Line, top.Column, nodeKind(top))
	}
	c.v.SetConfigType(ext[1:])
	if err := c.v.ReadConfig(bytes.NewReader(data)); err != nil {
		var pe viper.ConfigParseError
		if errors.As(err, &pe) && errors.Unwrap(pe) != nil {
			err = errors.Unwrap(pe)
		}
		var te *toml.DecodeError
		if errors.As(err, &te) {
			line, col := te.Position()
			return fmt.Errorf("%s:%d:%d: %s", file, line, col, strings.TrimPrefix(te.Error(), "toml: "))
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s:%s: %s", file, m[1], m[2])
		}
		return fmt.Errorf("%s: %s", file, msg)
	}
	c.file = file
	c.at = map[string]pos{}
	if tomlAt != nil {
		c.at = tomlAt
	}
	if parsed && len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if _, seen := c.at[strings.ToLower(k.Value)]; !seen {
				c.at[strings.ToLower(k.Value)] = pos{k.Line, k.Column}
			}
		}
	}
	// The file's own values, apart from the flags and the environment
	// bound to c.v, to check every setting it gives, whether or not the
	// command at hand uses it.
	own := viper.New()
	own.SetConfigType(ext[1:])
	if err := own.ReadConfig(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	return c.problems(own, flags)
}

// nodeKind names the kind of a YAML node in a message: "a list".
func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return fmt.Sprintf("the value %q", n.Value)
}

// duplicateKeys reports the keys under n (at path) that a YAML or JSON
// config file gives twice, compared ignoring case as viper reads them,
// each at its line and column, as a scenario's are.
func duplicateKeys(file string, n *yaml.Node, path string) []string {
	var out []string
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			out = append(out, duplicateKeys(file, c, path)...)
		}
	case yaml.MappingNode:
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			key := strings.ToLower(k.Value)
			p := key
			if path != "" {
				p = path + "." + key
			}
			if first, dup := seen[key]; dup && k.Kind == yaml.ScalarNode {
				out = append(out, fmt.Sprintf("%s:%d:%d: %s: duplicate key %q: it is already given at line %d", file, k.Line, k.Column, p, k.Value, first.Line))
				continue
			}
			seen[key] = k
			out = append(out, duplicateKeys(file, n.Content[i+1], p)...)
		}
	}
	return out
}

// tomlKeys reads the positions of a TOML config file's top-level keys (a
// table's is its first header's), and reports its keys given twice at the
// top level, compared ignoring case as viper reads them. A file go-toml's
// parser refuses gives nothing here: viper reports it.
func tomlKeys(file string, data []byte) (map[string]pos, []string) {
	var p unstable.Parser
	p.Reset(data)
	at := map[string]pos{}
	seen := map[string]pos{} // top-level key = value and [table] -> position
	var dups []string
	inTable := false
	for p.NextExpression() {
		e := p.Expression()
		it := e.Key()
		if !it.Next() {
			continue
		}
		k := it.Node()
		r := k.Raw
		if r.Length == 0 {
			r = p.Range(k.Data)
		}
		sh := p.Shape(r)
		here := pos{sh.Start.Line, sh.Start.Column}
		name := strings.ToLower(string(k.Data))
		if _, ok := at[name]; !ok && (e.Kind != unstable.KeyValue || !inTable) {
			at[name] = here
		}
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			inTable = true
		}
		if e.Kind == unstable.ArrayTable || e.Kind == unstable.KeyValue && inTable || it.Next() {
			continue // only a plain key or table name can be given twice here
		}
		if first, dup := seen[name]; dup {
			dups = append(dups, fmt.Sprintf("%s:%d:%d: %s: duplicate key %q: it is already given at line %d", file, here.line, here.col, name, string(k.Data), first.line))
			continue
		}
		seen[name] = here
	}
	if p.Error() != nil {
		return nil, nil
	}
	return at, dups
}

// problems reports every problem of the config file in one pass: keys
// that are no setting, and values a setting does not allow, each at its
// key, but for a value a flag given or the environment overrides
// (docs/config.md: the file is the last word). (Until session 24 an
// unknown key hid the bad values, and a bad value was reported only by a
// command that used the setting, one at a time.)
func (c *config) problems(own *viper.Viper, flags *pflag.FlagSet) error {
	known := make([]string, len(settings))
	for i, s := range settings {
		known[i] = s.key
	}
	type problem struct {
		at  pos
		msg string
	}
	var ps []problem
	for _, k := range own.AllKeys() {
		if slices.Contains(known, k) {
			continue
		}
		top, _, _ := strings.Cut(k, ".")
		if slices.Contains(known, top) {
			continue // a setting given a mapping: said below, once
		}
		ps = append(ps, problem{c.at[top], fmt.Sprintf("%s: %s: unknown setting: the settings are %s", c.where(top), k, strings.Join(known, ", "))})
	}
	for _, s := range settings {
		if f := flags.Lookup(s.flag); !own.IsSet(s.key) || f != nil && f.Changed || os.Getenv(s.env()) != "" {
			continue
		}
		// A list or a mapping read as a string is "": say what it is.
		var what string
		switch own.Get(s.key).(type) {
		case []any:
			what = "a list"
		case map[string]any:
			what = "a mapping"
		}
		if what != "" {
			ps = append(ps, problem{c.at[s.key], fmt.Sprintf("%s: %s: expected one value, got %s: %s is %s", c.where(s.key), s.key, what, s.key, s.what)})
			continue
		}
		if val := own.GetString(s.key); s.check(val) != nil {
			ps = append(ps, problem{c.at[s.key], fmt.Sprintf("%s: %s: %q is not allowed: %s is %s", c.where(s.key), s.key, val, s.key, s.what)})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	// In the file's order (a TOML file's, without positions, by text).
	slices.SortFunc(ps, func(a, b problem) int {
		if a.at.line != b.at.line {
			return a.at.line - b.at.line
		}
		if a.at.col != b.at.col {
			return a.at.col - b.at.col
		}
		return strings.Compare(a.msg, b.msg)
	})
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.msg
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// where is the place of a key of the config file: file:line:col, or the
// file alone.
func (c *config) where(key string) string {
	if p, ok := c.at[key]; ok {
		return fmt.Sprintf("%s:%d:%d", c.file, p.line, p.col)
	}
	return c.file
}

// source names where a setting's value comes from: the flag, the
// environment variable, the config file's key, or the default ("").
func (c *config) source(s setting, flags *pflag.FlagSet) string {
	if f := flags.Lookup(s.flag); f != nil && f.Changed {
		return "--" + s.flag
	}
	if os.Getenv(s.env()) != "" {
		return s.env()
	}
	if c.file != "" && c.v.InConfig(s.key) {
		return c.where(s.key) + ": " + s.key
	}
	return ""
}

// get is the value of a setting, checked: a value from the environment
// that is not allowed is a usage error naming the variable. The config
// file's values were checked when it was read (problems), and a flag's
// value is left to its command, which checks it as before.
func (c *config) get(s setting, flags *pflag.FlagSet) (string, string, error) {
	val := c.v.GetString(s.key)
	src := c.source(s, flags)
	if src == s.env() && s.check(val) != nil {
		return "", "", usageError{fmt.Errorf("%s: %q is not allowed: %s is %s", src, val, s.key, s.what)}
	}
	return val, src, nil
}

// applyConfig gives each flag of cmd that is a setting, and was not given
// on the command line, the value of the environment or the config file.
func applyConfig(ios *IOStreams, cmd *cobra.Command, given string) error {
	flags := cmd.Flags()
	c, err := loadConfig(flags, given)
	if err != nil {
		return err
	}
	ios.noteInput(c.file, "the config file "+c.file)
	for _, s := range settings {
		f := flags.Lookup(s.flag)
		if f == nil || f.Changed {
			continue
		}
		val, src, err := c.get(s, flags)
		if err != nil {
			return err
		}
		if src == "" {
			continue
		}
		if err := flags.Set(s.flag, val); err != nil {
			return usageError{fmt.Errorf("%s: %v", src, err)}
		}
	}
	return nil
}

// addAddrFlag registers --addr, the address a server listens on.
func addAddrFlag(cmd *cobra.Command, addr *string) {
	cmd.Flags().StringVar(addr, "addr", defaultAddr, "the address to listen on, host:port (port 0: any free port)")
}
