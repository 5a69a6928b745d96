package cli

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cardio-planning/cardio/internal/plan"
)

// progressDelay is how long a command runs before it shows progress (a
// plan that ends within it prints nothing), and progressTick how often the
// line is redrawn after. Variables for the tests.
var (
	progressDelay = time.Second
	progressTick  = 200 * time.Millisecond
)

// progress shows on a terminal's error stream what a long plan is doing:
// the step (planning, explaining, marginal values), the lexicographic
// stage and how many LPs it has solved, redrawn every progressTick once
// the command has run progressDelay. On anything but a terminal it does
// nothing.
type progress struct {
	ios     *IOStreams
	start   time.Time
	stop    chan struct{}
	stopped bool
	done    sync.WaitGroup

	mu    sync.Mutex
	step  string
	stage string
	lps   int
	drawn bool
}

// startProgress starts showing progress when ios.ErrTTY; nil otherwise
// (every method of a nil *progress does nothing).
func startProgress(ios *IOStreams, step string) *progress {
	if !ios.ErrTTY {
		return nil
	}
	pr := &progress{ios: ios, start: time.Now(), stop: make(chan struct{}), step: step}
	pr.done.Add(1)
	go pr.run()
	return pr
}

func (pr *progress) run() {
	defer pr.done.Done()
	tick := time.NewTicker(progressTick)
	defer tick.Stop()
	for {
		select {
		case <-pr.stop:
			return
		case now := <-tick.C:
			if now.Sub(pr.start) >= progressDelay {
				pr.draw(now)
			}
		}
	}
}

func (pr *progress) draw(now time.Time) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	line := pr.step
	if pr.stage != "" {
		line += ", stage " + strings.ReplaceAll(pr.stage, "_", " ")
	}
	fmt.Fprintf(pr.ios.ErrOut, "\r\033[K%s: %d LP%s, %ds", line, pr.lps, plural(pr.lps), int(now.Sub(pr.start).Seconds()))
	pr.drawn = true
}

// LP counts one LP solved in the given stage: a solve.Options.Progress.
func (pr *progress) LP(stage string) {
	if pr == nil {
		return
	}
	pr.mu.Lock()
	pr.lps++
	pr.stage = stage
	if stage == plan.ProgressExplain {
		pr.step, pr.stage = "explaining why no plan exists", ""
	}
	pr.mu.Unlock()
}

// Step names what the command does next; the count of LPs goes on.
func (pr *progress) Step(step string) {
	if pr == nil {
		return
	}
	pr.mu.Lock()
	pr.step, pr.stage = step, ""
	pr.mu.Unlock()
}

// Items returns a progress callback for a step made of items (the
// break-even search of each investment): it names the step with how many
// items are done of how many. Nil when pr is nil.
func (pr *progress) Items(step string) func(done, total int) {
	if pr == nil {
		return nil
	}
	pr.Step(step)
	return func(done, total int) { pr.Step(fmt.Sprintf("%s, %d of %d", step, done, total)) }
}

// Stop ends the display and clears its line.
func (pr *progress) Stop() {
	if pr == nil || pr.stopped {
		return
	}
	pr.stopped = true
	close(pr.stop)
	pr.done.Wait()
	if pr.drawn {
		fmt.Fprint(pr.ios.ErrOut, "\r\033[K")
	}
}
