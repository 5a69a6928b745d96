package plan_test

import (
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
)

func init() { *plan.ProblemWordsHook = report.ProblemWords }
