#!/usr/bin/env bash
# Benchmark: wall time of `./rookery run --no-serve` on the embedded penguins data, JVM start
# included (the issue's target: under 10 s on a 2-core machine). Each run uses a fresh state
# folder, so every run does the whole pipeline: preprocess, tune, evaluate, gate, register.
#
# usage: bench/local/run.sh [RUNS]        (default 5 runs; ROOKERY_JAVA_OPTS is passed through)
# Uses hyperfine when installed (apt-get install hyperfine), /usr/bin/time otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"

# Build once outside the timing (the script builds on first use or when sources changed).
./rookery --version >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs "$runs" \
    --prepare "rm -rf '$work/state'" \
    "./rookery run --no-serve --state-dir '$work/state'"
else
  times=()
  for i in $(seq 1 "$runs"); do
    rm -rf "$work/state"
    /usr/bin/time -f "%e" -o "$work/time" ./rookery run --no-serve --state-dir "$work/state" >"$work/out" 2>&1 \
      || { cat "$work/out"; exit 1; }
    t="$(cat "$work/time")"
    times+=("$t")
    echo "run $i: ${t} s wall"
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s, min %.2f s, max %.2f s over %d runs\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR], NR}'
fi
