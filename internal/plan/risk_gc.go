package plan

import (
	"os"
	"runtime/debug"
	"sync"
)

// riskGCPercent is the garbage collector's target (GOGC) while a risk run
// plans its draws. A run allocates about 10 MB a draw, nearly all of it
// garbage by the next draw, on a live heap of a few MB: at the default 100
// the collector runs every few draws and took about a tenth of the CPU;
// at 400 it runs a quarter as often, for a few MB more of heap.
const riskGCPercent = 400

var riskGC struct {
	sync.Mutex
	users int // runs under way that raised the target
	old   int // the target before the first of them
}

// raiseGC raises the collector's target to riskGCPercent until the
// returned function is called, unless the process was given a GOGC of its
// own or runs at a higher target already (or with the collector off).
// Runs may overlap: the target is restored when the last one ends.
func raiseGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	riskGC.Lock()
	defer riskGC.Unlock()
	if riskGC.users == 0 {
		riskGC.old = debug.SetGCPercent(riskGCPercent)
		if riskGC.old < 0 || riskGC.old >= riskGCPercent {
			debug.SetGCPercent(riskGC.old)
		}
	}
	riskGC.users++
	return func() {
		riskGC.Lock()
		defer riskGC.Unlock()
		if riskGC.users--; riskGC.users == 0 {
			debug.SetGCPercent(riskGC.old)
		}
	}
}
