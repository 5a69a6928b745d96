// Package cli is cardio's command line: cobra commands kept thin. Each
// command has an options struct filled from flags and arguments and a plain
// xxxRun(opts) function that loads, calls the core and picks a view, so that
// tests can drive it with injected IO streams.
package cli
