#!/usr/bin/env bash
# The test command of the README: the whole suite, then a short run of each
# fuzz target from its seed corpus and a few seconds of new inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./... "$@"
go test -run='^$' -fuzz='^FuzzLoadBytes$' -fuzztime=20s ./internal/scenario/
