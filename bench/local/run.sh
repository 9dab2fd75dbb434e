#!/usr/bin/env bash
# Benchmark: wall time of `./rookery run --no-serve` on the embedded penguins data, JVM start
# included (the issue's target: under 10 s on a 2-core machine). Each run uses a fresh state
# folder, so every run does the whole pipeline: preprocess, tune, evaluate, gate, register.
# Prints the median and spread (min, max) of the runs.
#
# usage: bench/local/run.sh [RUNS]        (default 5 runs, at least 3; ROOKERY_JAVA_OPTS is passed through)
# Installs Debian's hyperfine when missing (as root or via sudo).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
runs="${1:-5}"
((runs >= 3)) || { echo "RUNS must be at least 3 (a median and a spread), found $runs" >&2; exit 2; }
need_debian_packages hyperfine=hyperfine

# Build once outside the timing (the script builds on first use or when sources changed).
./rookery --version >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

hyperfine --warmup 1 --runs "$runs" --export-json "$work/runs.json" \
  --prepare "rm -rf '$work/state'" \
  "./rookery run --no-serve --state-dir '$work/state'"
echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "rookery run --no-serve: $(/usr/bin/python3 -c 'import json, sys; print("\n".join(str(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' "$work/runs.json" | summarize s)"
