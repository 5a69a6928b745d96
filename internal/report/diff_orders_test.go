package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cardio-planning/cardio/internal/plan"
)

// What the attribution says of the order holds for the orders planned:
// "every order" only when every order was, the number planned when they
// were drawn, and a warning when only the stated order was.
func TestAttributionOrderWords(t *testing.T) {
	steps := []plan.AttributionStep{{Change: "budget.annual", Heart: -0.01}, {Change: "policy.healthy_heart", Heart: 0.002}}
	for _, tc := range []struct {
		exact  bool
		orders int
		want   string
	}{
		{true, 2, "The order does not matter: each change has the same effect in every order."},
		{false, 4, "The order did not matter in the 4 orders planned (the stated one and others drawn with a fixed seed): each change had the same effect in each."},
		{false, 1, "With 2 changes only the stated order was planned: in another order a change's effect may differ."},
	} {
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		writeAttribution(tw, &plan.Attribution{Steps: steps, Exact: tc.exact, Orders: tc.orders, HeartTotal: -0.008})
		if tw.err != nil {
			t.Fatal(tw.err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("exact %v, %d orders: got\n%s\nwant %q", tc.exact, tc.orders, out.String(), tc.want)
		}
	}
}
