package scenario

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzOverride feeds arbitrary --set texts to the override parser and to a
// load of a valid scenario: never a panic; the same answer twice; a parsed
// override's key path, written back out, parses to the same steps; and the
// load gives a valid scenario or diagnostics; and the typed set of
// ParseOverride's path and value does what SetOverride of the text does.
func FuzzOverride(f *testing.F) {
	for _, s := range []string{
		"budget.annual=5.8e6",
		"regions[EMEA].sellers=300",
		"regions[0].current_fte.quotas=2",
		"investments[cpq].cost.per_year=120000",
		"functions[comp_admin].weight=2",
		"stage=[growth, margin]",
		"policy={min: 0.2}",
		"description=Note: flat",
		"name=",
		"=1",
		"Budget.annual=1",
		"regions[=1",
		"regions[].x=1",
		"a..b=1",
		"policy.central_share={min: [1, {x: y}]}",
		"name=null",
		"budget.annual=!!binary aGk=",
		"policy.central_share={min: &a 0.2, max: *a}",
		"policy.healthy_heart=&a 0.8",
		"name=*a",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		o, err := parseOverride(text)
		o2, err2 := parseOverride(text)
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() || !reflect.DeepEqual(o, o2) {
			t.Fatalf("two parses of %q differ: %v, %v", text, err, err2)
		}
		if err == nil {
			if len(o.steps) == 0 || o.steps[0].isSel || o.value == nil {
				t.Fatalf("%q: parsed to %+v", text, o)
			}
			var key strings.Builder
			for i, st := range o.steps {
				switch {
				case st.isSel:
					key.WriteString("[" + st.sel + "]")
				case i > 0:
					key.WriteString("." + st.key)
				default:
					key.WriteString(st.key)
				}
			}
			_, val, _ := strings.Cut(text, "=")
			again, err := parseOverride(key.String() + "=" + val)
			if err != nil || !reflect.DeepEqual(again.steps, o.steps) {
				t.Fatalf("%q: the key written back, %q, parses to %+v, %v", text, key.String(), again.steps, err)
			}
		}
		s, err := LoadBytes("f.yaml", []byte(baseDoc), []string{text})
		if err != nil {
			checkDiagnostics(t, err)
		} else {
			checkScenario(t, s)
		}
		path, val, perr := ParseOverride(text)
		if (perr == nil) != (o.steps != nil && o.value != nil) {
			t.Fatalf("%q: ParseOverride %v, parseOverride %+v", text, perr, o)
		}
		if perr != nil {
			return
		}
		byText, typed := parseBase(t), parseBase(t)
		errText, errTyped := byText.SetOverride(text), typed.Set(path, val)
		if (errText == nil) != (errTyped == nil) {
			t.Fatalf("%q: SetOverride %v, Set(%q, %#v) %v", text, errText, path, val, errTyped)
		}
		st, dt := byText.Decode()
		sv, dv := typed.Decode()
		if (st == nil) != (sv == nil) || len(dt) != len(dv) {
			t.Fatalf("%q: SetOverride then Decode %v, Set then Decode %v", text, dt, dv)
		}
		for i := range dt {
			if dt[i].Path != dv[i].Path || dt[i].Code != dv[i].Code || dt[i].Line != dv[i].Line {
				t.Fatalf("%q: diagnostic %v, typed %v", text, dt[i], dv[i])
			}
		}
		if st != nil {
			st.Warnings, sv.Warnings = nil, nil
			if !reflect.DeepEqual(st, sv) {
				t.Fatalf("%q: the typed set gives another scenario", text)
			}
		}
	})
}

func parseBase(t *testing.T) *Doc {
	d, err := Parse("f.yaml", []byte(baseDoc))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
