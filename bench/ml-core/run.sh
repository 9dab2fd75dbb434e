#!/usr/bin/env bash
# ML-core benchmark: preprocess (+ baseline) -> one training run -> evaluation on a generated
# penguins-like CSV, each mode a real `java -jar rookery-container.jar` process under a temporary
# /opt/ml tree. Prints wall time and peak RSS (GNU time) per step and in total, for each of REPS
# repetitions on the same generated data, then the median and spread (min, max) of each.
#
#   bench/ml-core/run.sh [rows=1000000] [heap=-Xmx3g]        REPS=3 (at least 3)
#
# Builds the jar first if it is missing (./mvnw -o -pl training-container -am package -DskipTests).
set -euo pipefail
ROWS="${1:-1000000}"
HEAP="${2:--Xmx3g}"
REPS="${REPS:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/bench/lib.sh"
((REPS >= 3)) || { echo "REPS must be at least 3 (a median and a spread), found $REPS" >&2; exit 2; }
JAR="$ROOT/training-container/target/rookery-container.jar"
TIME=/usr/bin/time
need_debian_packages /usr/bin/time=time
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -pl training-container -am package -DskipTests)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export ROOKERY_OPT_ML="$WORK/opt/ml"
mkdir -p "$ROOKERY_OPT_ML/processing/input" "$ROOKERY_OPT_ML/input/config" "$ROOKERY_OPT_ML/input/data"

echo "generating $ROWS rows..."
java -cp "$JAR" dev.rookery.ml.bench.PenguinsLikeGenerator "$ROOKERY_OPT_ML/processing/input/penguins-like.csv" "$ROWS" 42
ls -la "$ROOKERY_OPT_ML/processing/input/"

step() { # name, then the command
  local name="$1"; shift
  "$TIME" -f "$name %e s %M KB" -o "$WORK/$name.time" "$@" >/dev/null
  cat "$WORK/$name.time"
}

cp -r "$ROOKERY_OPT_ML/processing/input" "$WORK/input"
for rep in $(seq 1 "$REPS"); do
  echo "== repetition $rep of $REPS"
  rm -rf "$ROOKERY_OPT_ML"
  mkdir -p "$ROOKERY_OPT_ML/processing" "$ROOKERY_OPT_ML/input/config" "$ROOKERY_OPT_ML/input/data"
  cp -r "$WORK/input" "$ROOKERY_OPT_ML/processing/input"
  step preprocess java "$HEAP" -jar "$JAR" preprocess
  cp -r "$ROOKERY_OPT_ML/processing/train" "$ROOKERY_OPT_ML/processing/validation" "$ROOKERY_OPT_ML/input/data/"
  # Default settings: the static hyperparameters of config/pipeline.json, the trainer's defaults otherwise.
  echo '{"algorithm": "logistic", "seed": "42", "minibatch_size": "1"}' > "$ROOKERY_OPT_ML/input/config/hyperparameters.json"
  step train java "$HEAP" -jar "$JAR" train
  mkdir -p "$ROOKERY_OPT_ML/processing/model"
  (cd "$ROOKERY_OPT_ML/model" && tar czf "$ROOKERY_OPT_ML/processing/model/model.tar.gz" .)
  step evaluate java "$HEAP" -jar "$JAR" evaluate
  cat "$WORK"/preprocess.time "$WORK"/train.time "$WORK"/evaluate.time >>"$WORK/all.times"
  awk '{t += $2; if ($4 > m) m = $4} END {printf "total %.2f s, peak RSS %.0f MB\n", t, m / 1024}' \
    "$WORK"/preprocess.time "$WORK"/train.time "$WORK"/evaluate.time | tee -a "$WORK/totals"
done

echo
echo "== $ROWS rows, $REPS repetitions; java: $(java -version 2>&1 | head -1); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
for name in preprocess train evaluate; do
  echo "$name: $(awk -v n="$name" '$1 == n {print $2}' "$WORK/all.times" | summarize s)"
done
echo "TOTAL: $(awk '{print $2}' "$WORK/totals" | summarize s)"
echo "peak RSS: $(awk '{print $6}' "$WORK/totals" | summarize MB)"
