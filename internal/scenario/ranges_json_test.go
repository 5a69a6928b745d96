package scenario

import (
	"encoding/json"
	"testing"
)

// A range's JSON has every parameter of its kind, a zero among them: the
// risk JSON of scenarios/uncertain.yaml gave its budget change as
// {"kind":"triangular","low":-0.08,"high":0}, without its mode of 0.
func TestDistributionJSONKeepsZeros(t *testing.T) {
	for _, c := range []struct {
		d    Distribution
		want string
	}{
		{Distribution{Kind: Triangular, Low: -0.08, Mode: 0, High: 0}, `{"kind":"triangular","low":-0.08,"mode":0,"high":0}`},
		{Distribution{Kind: Normal, Low: -1, High: 1, Mean: 0, SD: 0}, `{"kind":"normal","low":-1,"high":1,"mean":0,"sd":0}`},
		{Distribution{Kind: Uniform, Low: 0, High: 2}, `{"kind":"uniform","low":0,"high":2}`},
	} {
		b, err := json.Marshal(c.d)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("%+v: %s, want %s", c.d, b, c.want)
		}
		var back Distribution
		if err := json.Unmarshal(b, &back); err != nil || back != c.d {
			t.Errorf("%s reads back as %+v (%v)", b, back, err)
		}
	}
}
