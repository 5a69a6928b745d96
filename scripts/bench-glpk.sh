#!/usr/bin/env bash
# Times GLPK's glpsol and the project's revised simplex on the same models,
# and prints one table with both times and their ratios.
#
# For each scenario (the baseline example, and the typical and large
# benchmark scenarios) it writes the model of every lexicographic stage with
# `cardio export-lp --stage K` (stage K with the hold rows of the stages
# before it, at cardio's optima), runs `glpsol --lp` on each RUNS times and
# keeps the best wall time, then runs the Go benchmarks BenchmarkStage1 (the
# stage-1 model, solve.Solve over solve.Revised, cold start) and
# BenchmarkStages (all stages, model.Solve, cold) and reads their ns/op.
# "glpsol all" is the sum of glpsol's times over the stages: what glpsol
# would take for the whole plan given each stage's model.
#
# glpsol's wall time includes starting the process and reading the LP file;
# the line "glpsol, empty LP" shows that fixed cost, and the "solve"
# columns subtract it (once per stage). The Go benchmarks time the solve
# alone (the model is built once, outside the loop).
#
# Usage: scripts/bench-glpk.sh            (RUNS=5 BENCHTIME=10x by default)
#        RUNS=10 BENCHTIME=20x scripts/bench-glpk.sh
#        ENTERPRISE=1 scripts/bench-glpk.sh
#
# ENTERPRISE=1 adds issue 14's enterprise scenarios (16 x 40 x 20 quarters
# and 16 x 20 x 36 months, internal/plan/testdata/enterprise*.yaml): glpsol
# takes minutes on each of their stages, so they are timed once (one run of
# glpsol per stage, -benchtime=1x) and only on request.
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
if [[ -n ${ENTERPRISE:-} ]]; then
  scenarios=(internal/plan/testdata/enterprise.yaml internal/plan/testdata/enterprise-months.yaml)
  RUNS=1
  BENCHTIME=1x
  export CARDIO_BENCH_ENTERPRISE=1 # BenchmarkStage1 and BenchmarkStages on these
fi
stages=5
declare -A glp1 glpall
for s in "${scenarios[@]}"; do
  name=$(basename "$s")
  total=0
  for k in $(seq "$stages"); do
    "$tmp/cardio" export-lp --stage "$k" "$s" -o "$tmp/$name.$k.lp"
    ms=$(best_ms glpsol --lp "$tmp/$name.$k.lp")
    [[ -n ${ENTERPRISE:-} ]] && echo "glpsol $name stage $k: $ms ms" >&2
    # glpsol's own verdict, to be sure it solved the model.
    glpsol --lp "$tmp/$name.$k.lp" -o "$tmp/$name.$k.out" >/dev/null
    status=$(awk '/^Status:/ { print $2; exit }' "$tmp/$name.$k.out")
    [[ $status == OPTIMAL || $status == INTEGER ]] || { echo "glpsol: $name stage $k: status $status" >&2; exit 1; }
    [[ $k == 1 ]] && glp1[$name]=$ms
    total=$(awk -v a="$total" -v b="$ms" 'BEGIN { printf "%.1f", a + b }')
  done
  glpall[$name]=$total
done

bench=$(go test -run='^$' -bench='^Benchmark(Stage1|Stages)$' -benchtime="$BENCHTIME" -benchmem -timeout=60m ./internal/plan/)

echo "glpsol $(glpsol --version | head -1 | awk '{print $NF}'), best of $RUNS runs; Go benchmark -benchtime=$BENCHTIME; $(nproc) cores"
echo "glpsol, empty LP (process start and file reading): $empty ms"
echo
printf '%-14s %6s %6s | %9s %9s %9s %7s | %9s %9s %9s %7s\n' "" "" "" "stage 1" "" "" "" "all $stages stages" "" "" ""
printf '%-14s %6s %6s | %9s %9s %9s %7s | %9s %9s %9s %7s\n' scenario cols rows "glpsol" "solve" "revised" "ratio" "glpsol" "solve" "revised" "ratio"
printf '%-14s %6s %6s | %9s %9s %9s %7s | %9s %9s %9s %7s\n' "" "" "" "wall ms" "ms" "ms" "rev/gl" "wall ms" "ms" "ms" "rev/gl"
for s in "${scenarios[@]}"; do
  name=$(basename "$s")
  one=$(grep "^BenchmarkStage1/$name-" <<<"$bench") || { echo "no benchmark line for $name" >&2; echo "$bench" >&2; exit 1; }
  all=$(grep "^BenchmarkStages/$name-" <<<"$bench") || { echo "no benchmark line for $name" >&2; echo "$bench" >&2; exit 1; }
  awk -v name="$name" -v w1="${glp1[$name]}" -v wall="${glpall[$name]}" -v empty="$empty" -v stages="$stages" -v all="$all" '
    { for (i = 1; i < NF; i++) { v[$(i+1)] = $i } }
    END {
      split(all, a, " "); for (i = 1; i < length(a); i++) { u[a[i+1]] = a[i] }
      ms1 = v["ns/op"] / 1e6; msall = u["ns/op"] / 1e6
      s1 = w1 - empty; if (s1 < 0.1) s1 = 0.1
      sall = wall - stages * empty; if (sall < 0.1) sall = 0.1
      printf "%-14s %6d %6d | %9.1f %9.1f %9.1f %6.2fx | %9.1f %9.1f %9.1f %6.2fx\n", name, v["cols"], v["rows"], w1, s1, ms1, ms1 / w1, wall, sall, msall, msall / wall
    }' <<<"$one"
done
