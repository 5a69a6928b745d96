package plan

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	for _, n := range []int{50, 100, 200, 500, 1000, 10000} {
		os.WriteFile(fmt.Sprintf("/tmp/scale/r%d.yaml", n), []byte(regionsYAML(n, true)), 0o644)
		os.WriteFile(fmt.Sprintf("/tmp/scale/r%d-inf.yaml", n), []byte(regionsYAML(n, false)), 0o644)
	}
}
