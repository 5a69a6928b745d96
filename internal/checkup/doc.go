// Package checkup examines a scenario for the four warning signs of an
// unhealthy sales ops heart (docs/checkup.md): a stale FTE mix, brain
// before heart, lost local touch and a shrinking budget. Each sign gets a
// status (ok, watch, act), its evidence in numbers, a one-line summary and
// a one-line remedy taken from the optimized plan.
//
// The organization as it is today is read from plan.AsIs's rule
// (current_fte and owned investments, the same staff in every period), the
// remedy from the optimized plan. The thresholds are named in
// scenario.CheckupThresholds and overridable in the scenario's checkup:
// section; docs/checkup.md explains every measure and threshold.
package checkup
