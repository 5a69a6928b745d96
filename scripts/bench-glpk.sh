#!/usr/bin/env bash
# Times GLPK's glpsol and the project's revised simplex on the same stage-1
# models, and prints one table with both times and their ratio.
#
# For each scenario (the baseline example, and the typical and large
# benchmark scenarios) it writes the stage-1 model with `cardio export-lp`,
# runs `glpsol --lp` on it RUNS times and keeps the best wall time, then runs
# the Go benchmark BenchmarkStage1 (the same model, solve.Solve over
# solve.Revised, cold start) and reads its ns/op.
#
# glpsol's wall time includes starting the process and reading the LP file;
# the line "glpsol, empty LP" shows that fixed cost, and the column
# "glpsol solve" subtracts it. The Go benchmark times the solve alone (the
# model is built once, outside the loop).
#
# Usage: scripts/bench-glpk.sh            (RUNS=5 BENCHTIME=10x by default)
#        RUNS=10 BENCHTIME=20x scripts/bench-glpk.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
BENCHTIME=${BENCHTIME:-10x}
command -v glpsol >/dev/null || { echo "glpsol not found: apt-get install glpk-utils" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/cardio" ./cmd/cardio

# best_ms CMD...: the best wall time of RUNS runs, in milliseconds.
best_ms() {
  local best="" start end ms
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000 ))
    if [[ -z $best || $ms -lt $best ]]; then best=$ms; fi
  done
  awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}

printf 'Minimize\n obj: x\nSubject To\n c: x >= 1\nEnd\n' > "$tmp/empty.lp"
empty=$(best_ms glpsol --lp "$tmp/empty.lp")

scenarios=(scenarios/baseline.yaml internal/plan/testdata/typical.yaml internal/plan/testdata/large.yaml)
declare -A glp
for s in "${scenarios[@]}"; do
  name=$(basename "$s")
  "$tmp/cardio" export-lp "$s" -o "$tmp/$name.lp"
  glp[$name]=$(best_ms glpsol --lp "$tmp/$name.lp")
  # glpsol's own verdict, to be sure it solved the model.
  glpsol --lp "$tmp/$name.lp" -o "$tmp/$name.out" >/dev/null
  status=$(awk '/^Status:/ { print $2; exit }' "$tmp/$name.out")
  [[ $status == OPTIMAL || $status == INTEGER ]] || { echo "glpsol: $name: status $status" >&2; exit 1; }
done

bench=$(go test -run='^$' -bench='^BenchmarkStage1$' -benchtime="$BENCHTIME" -benchmem ./internal/plan/)

echo "glpsol $(glpsol --version | head -1 | awk '{print $NF}'), best of $RUNS runs; Go benchmark -benchtime=$BENCHTIME; $(nproc) cores"
echo "glpsol, empty LP (process start and file reading): $empty ms"
echo
printf '%-14s %6s %6s %12s %13s %13s %10s %10s %9s\n' scenario cols rows "glpsol wall" "glpsol solve" "revised" "B/op" "allocs/op" ratio
printf '%-14s %6s %6s %12s %13s %13s %10s %10s %9s\n' "" "" "" "(ms)" "(ms)" "(ms)" "" "" "(rev/wall)"
for s in "${scenarios[@]}"; do
  name=$(basename "$s")
  line=$(grep "^BenchmarkStage1/$name-" <<<"$bench") || { echo "no benchmark line for $name" >&2; echo "$bench" >&2; exit 1; }
  awk -v name="$name" -v wall="${glp[$name]}" -v empty="$empty" '
    { for (i = 1; i < NF; i++) { v[$(i+1)] = $i } }
    END {
      ms = v["ns/op"] / 1e6
      solve = wall - empty; if (solve < 0.1) solve = 0.1
      printf "%-14s %6d %6d %12.1f %13.1f %13.1f %10d %10d %8.2fx\n", name, v["cols"], v["rows"], wall, solve, ms, v["B/op"], v["allocs/op"], ms / wall
    }' <<<"$line"
done
