#!/usr/bin/env bash
# The test command of the README: the whole suite, every fuzz target's seed
# corpus included. With CARDIO_SLOW=1 (CI sets it: .ci/run) it also runs
# the slow cross-checks (internal/plan/backends_test.go) and fuzzes each
# target with new inputs for a while.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./... "$@"
if [[ ${CARDIO_SLOW:-0} -lt 1 ]]; then
  exit 0
fi
# A count, not a duration: with a duration (-fuzztime=20s), Go 1.26's fuzz
# coordinator can fail the run with a bare "context deadline exceeded" at the
# deadline when the machine is loaded (golang/go#75804, fixed in Go 1.27); it
# did once here. 60,000 inputs take 10-20 s on 2 cores.
go test -run='^$' -fuzz='^FuzzLoadBytes$' -fuzztime=60000x ./internal/scenario/
go test -run='^$' -fuzz='^FuzzSparseLU$' -fuzztime=60000x ./internal/solve/simplex/
go test -run='^$' -fuzz='^FuzzOverride$' -fuzztime=60000x ./internal/scenario/
go test -run='^$' -fuzz='^FuzzRoster$' -fuzztime=60000x ./internal/scenario/
go test -run='^$' -fuzz='^FuzzRanges$' -fuzztime=60000x ./internal/scenario/
go test -run='^$' -fuzz='^FuzzActuals$' -fuzztime=60000x ./internal/scenario/
go test -run='^$' -fuzz='^FuzzWriteCSV$' -fuzztime=60000x ./internal/report/
go test -run='^$' -fuzz='^FuzzChange$' -fuzztime=5000x ./internal/serve/
