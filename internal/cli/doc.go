// Package cli is cardio's command line: cobra commands kept thin. Each
// command has an options struct filled from flags and arguments and a plain
// xxxRun(opts) function that loads, calls the core and picks a view, so that
// tests can drive it with injected IO streams. Each constructor
// newXxxCmd(ios, runF) also takes runF, the cli/cli test seam: when non-nil
// it is called with the filled options instead of xxxRun, so tests check
// flag and argument parsing without loading or solving; newRootCmd passes nil.
package cli
