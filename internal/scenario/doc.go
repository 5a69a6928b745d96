// Package scenario holds what a sales ops leader writes down: the budget, the
// central and local teams, the functions sales ops performs and the capability
// investments on offer, over a planning horizon.
//
// It parses scenario files (YAML, TOML or JSON) once into a Doc that keeps
// every value's position, applies typed edits and command-line overrides,
// merges the built-in function catalog, fills the documented defaults and
// validates everything, collecting every problem with its file, line,
// column and key path rather than stopping at the first.
//
// It also derives the business figures the model needs (sellers, budget and
// demand per period) but knows nothing of linear programs.
package scenario
