// Package model turns a scenario into a linear program: named variables,
// sparse rows, and the lexicographic objectives of docs/model.md ("the heart
// earns the right to the brain").
//
// It is the only package that knows both vocabularies: it reads a
// scenario.Scenario and writes a solve.Problem, and keeps the index maps that
// let the plan package read a solution back in business terms.
package model
