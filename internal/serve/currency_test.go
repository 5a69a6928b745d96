package serve

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// TestAppCurrencySymbols: the page writes an amount after the symbol
// cardio's views write it after (plan.FormatMoneyExact): its map of
// symbols gives each currency's as plan does, and a currency of the
// common ones plan has none for is written by its code, as plan writes it.
func TestAppCurrencySymbols(t *testing.T) {
	src, err := assets.ReadFile("assets/app.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const symbols = \{([^}]*)\};`).FindSubmatch(src)
	if m == nil {
		t.Fatal("app.js has no map of currency symbols")
	}
	js := map[string]string{}
	for _, e := range regexp.MustCompile(`(\w+): "([^"]*)"`).FindAllSubmatch(m[1], -1) {
		js[string(e[1])] = string(e[2])
	}
	if len(js) == 0 {
		t.Fatalf("no symbol read from %q", m[1])
	}
	prefix := func(code string) string { return strings.TrimSuffix(plan.FormatMoneyExact(code, 1), "1") }
	for _, code := range []string{"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "CNY", "SEK", "BRL"} {
		want := prefix(code)
		got, ok := js[code]
		if !ok {
			got = code + " "
		}
		if got != want {
			t.Errorf("%s: the page writes %q before an amount, cardio's views %q", code, got, want)
		}
	}
	for code := range js {
		if prefix(code) != js[code] {
			t.Errorf("%s: the page's symbol %q, plan's %q", code, js[code], prefix(code))
		}
	}
}
