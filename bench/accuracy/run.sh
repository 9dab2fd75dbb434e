#!/usr/bin/env bash
# Benchmark: test accuracy of `./rookery run --no-serve` with the default config/pipeline.json
# against scikit-learn's LogisticRegression, RandomForest and HistGradientBoosting defaults, on
# the same seeded stratified split (the one Rookery writes; scikit-learn fits on its train and
# validation rows and scores its test rows). Datasets: the embedded penguins, and offline tables
# of other shapes (datasets.py). Prints a Markdown table; the issue's bar: Rookery at most 1
# point below the best of the three.
#
# usage: bench/accuracy/run.sh            (installs Debian's python3-sklearn when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
need_debian_packages python:sklearn=python3-sklearn python:pandas=python3-pandas

./rookery --version >/dev/null   # build outside the timing
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

{ echo "penguins - species 344 rows (embedded), 4 numeric + 3 categorical, some missing"
  /usr/bin/python3 bench/accuracy/datasets.py "$work/data"; } > "$work/list"

echo "| dataset | shape | Rookery (best trial) | Rookery s | LogisticRegression | RandomForest | HistGradientBoosting | Rookery - best | best of the three fitted on train only |"
echo "|---|---|---|---|---|---|---|---|---|"
while read -r name file target shape; do
  state="$work/state-$name"
  args=(run --no-serve --state-dir "$state")
  [[ $file != - ]] && args+=(--data "$file" --target "$target")
  start=$(date +%s%N)
  # A gate rejection exits non-zero but still reports the test accuracy, which is all we need.
  ./rookery "${args[@]}" > "$work/$name.log" 2>&1 || grep -q 'accuracy test' "$work/$name.log" \
    || { cat "$work/$name.log" >&2; exit 1; }
  seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN {print (b - a) / 1e9}')
  rookery=$(awk '/accuracy test/ {print $3}' "$work/$name.log")
  best=$(grep -o 'best trial [0-9]*, validation accuracy [0-9.]*, {algorithm=[a-z_0-9]*' "$work/$name.log" | sed 's/.*algorithm=//')
  run_dir=$(sed -n 's/^    run folder *//p' "$work/$name.log")
  read -r lr rf hgb < <(/usr/bin/python3 bench/accuracy/sklearn_baselines.py "$run_dir" "$target")
  train_only=$(/usr/bin/python3 bench/accuracy/sklearn_baselines.py "$run_dir" "$target" train | tr ' ' '\n' | sort -r | head -1)
  printf '| %s | %s | %s (%s) | %.1f | %s | %s | %s | %s | %s |\n' "$name" "$shape" "$rookery" "$best" "$seconds" "$lr" "$rf" "$hgb" \
    "$(/usr/bin/python3 -c "import sys; r, *b = map(float, sys.argv[1:]); print('%+.1f pt' % (100 * (r - max(b))))" "$rookery" "$lr" "$rf" "$hgb")" \
    "$train_only"
done < "$work/list"
echo
echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
