// Package plan holds a solved (or as-is) plan in business terms: people and
// money per period, function, region and investment, with the coverage and
// the heart and brain scores they buy.
//
// Every plan, optimized or as-is, is evaluated from its allocation (FTE per
// function, region and team, investment levels) against the scenario alone,
// not read off the LP's coverage variables: the numbers a user sees are
// recomputed from first principles, and Verify re-checks every constraint of
// the scenario on that allocation, so a wrong answer from a solver cannot
// reach a report unnoticed.
package plan
