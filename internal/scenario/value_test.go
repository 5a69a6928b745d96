package scenario

import "testing"

// GroupDigits groups thousands of a whole figure, negatives included
// (plan.GroupThousands once wrote -100000 as "-,100,000"), and rounds
// half away from zero.
func TestGroupDigits(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0", 999: "999", 1260: "1,260", 100000: "100,000", -100000: "-100,000",
		-1000: "-1,000", 1e15: "1,000,000,000,000,000", 1234.5: "1,235", -0.4: "0",
	} {
		if got := GroupDigits(x); got != want {
			t.Errorf("GroupDigits(%v) = %q, want %q", x, got, want)
		}
	}
}
