#!/usr/bin/env bash
# Times COIN-OR's Clp, a state-of-the-art open-source dual simplex, on the
# LP relaxations of the cold stages of issue 14's enterprise scenarios, and
# cardio's whole plan of the same scenarios, to put the issue's targets
# beside what another simplex code does on the same models.
#
# For each scenario it writes stages 1 to 3 with `cardio export-lp --stage K`
# (stage K with the hold rows of the stages before it, at cardio's optima)
# and runs `clp FILE -dualsimplex` on each: Clp reads the LP file with its
# sense (stages 1 and 2 maximize), presolves it and solves it cold by its dual
# simplex, one thread. Clp ignores the integer sections, so it solves each
# stage's LP relaxation: the root of the branch and bound a whole plan does,
# without the branch and bound. Stages 4 and 5 are left out: cardio starts
# them from the stage before, where they take well under a second.
#
# "clp s" is the solve time Clp reports (presolve included, reading the file
# not); "wall s" is the process's elapsed time. Then it runs
# BenchmarkPlanEnterprise: cardio's whole plan (all five stages, branch and
# bound, evaluation and verification; `cardio plan --marginal=false`).
#
# Usage: scripts/bench-clp.sh      (needs clp: apt-get install coinor-clp)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v clp >/dev/null || { echo "clp not found: apt-get install coinor-clp" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/cardio" ./cmd/cardio

scenarios=(internal/plan/testdata/enterprise.yaml internal/plan/testdata/enterprise-months.yaml)

echo "Clp $(clp -stop 2>/dev/null | awk '/version/ { sub(",", "", $4); print $4; exit }'), dual simplex, LP relaxations; $(nproc) cores"
printf '%-24s %5s %10s %10s %8s %8s\n' scenario stage objective iterations "clp s" "wall s"
for s in "${scenarios[@]}"; do
  name=$(basename "$s")
  sum=0
  for k in 1 2 3; do
    lp="$tmp/$name.$k.lp"
    "$tmp/cardio" export-lp --stage "$k" "$s" -o "$lp"
    start=$(date +%s%N)
    out=$(clp "$lp" -dualsimplex 2>&1) || { echo "clp failed on $name stage $k" >&2; echo "$out" >&2; exit 1; }
    end=$(date +%s%N)
    # "Optimal objective 68.99563617 - 20890 iterations time 5.772, Presolve 0.10"
    line=$(grep '^Optimal objective' <<<"$out") || { echo "clp: $name stage $k not optimal" >&2; echo "$out" | tail -5 >&2; exit 1; }
    awk -v name="$name" -v k="$k" -v ns="$((end - start))" '
      { printf "%-24s %5d %10.6g %10d %8.2f %8.2f\n", name, k, $3, $5, $8 + 0, ns / 1e9 }' <<<"$line"
    sum=$(awk -v a="$sum" -v line="$line" 'BEGIN { split(line, f, " "); printf "%.2f", a + f[8] }')
  done
  printf '%-24s %5s %10s %10s %8.2f\n' "$name" "1-3" "" "" "$sum"
done

echo
echo "cardio, whole plan (BenchmarkPlanEnterprise, one plan each):"
go test -run='^$' -bench='^BenchmarkPlanEnterprise$' -benchtime=1x -timeout=30m ./internal/plan/ | grep '^Benchmark'
