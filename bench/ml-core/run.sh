#!/usr/bin/env bash
# ML-core benchmark: preprocess (+ baseline) -> one training run -> evaluation on a generated
# penguins-like CSV, each mode a real `java -jar rookery-container.jar` process under a temporary
# /opt/ml tree. Prints wall time and peak RSS (GNU time) per step and in total.
#
#   bench/ml-core/run.sh [rows=1000000] [heap=-Xmx3g]
#
# Builds the jar first if it is missing (./mvnw -o -pl training-container -am package -DskipTests).
set -euo pipefail
ROWS="${1:-1000000}"
HEAP="${2:--Xmx3g}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/training-container/target/rookery-container.jar"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -o -pl training-container -am package -DskipTests)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export ROOKERY_OPT_ML="$WORK/opt/ml"
mkdir -p "$ROOKERY_OPT_ML/processing/input" "$ROOKERY_OPT_ML/input/config" "$ROOKERY_OPT_ML/input/data"

echo "generating $ROWS rows..."
java -cp "$JAR" dev.rookery.ml.bench.PenguinsLikeGenerator "$ROOKERY_OPT_ML/processing/input/penguins-like.csv" "$ROWS" 42
ls -la "$ROOKERY_OPT_ML/processing/input/"

step() { # name, then the command
  local name="$1"; shift
  "$TIME" -f "$name %e s %M KB" -o "$WORK/$name.time" "$@"
  cat "$WORK/$name.time"
}

step preprocess java "$HEAP" -jar "$JAR" preprocess
cp -r "$ROOKERY_OPT_ML/processing/train" "$ROOKERY_OPT_ML/processing/validation" "$ROOKERY_OPT_ML/input/data/"
# Default settings: the static hyperparameters of config/pipeline.json, the trainer's defaults otherwise.
echo '{"algorithm": "logistic", "seed": "42", "minibatch_size": "1"}' > "$ROOKERY_OPT_ML/input/config/hyperparameters.json"
step train java "$HEAP" -jar "$JAR" train
mkdir -p "$ROOKERY_OPT_ML/processing/model"
(cd "$ROOKERY_OPT_ML/model" && tar czf "$ROOKERY_OPT_ML/processing/model/model.tar.gz" .)
step evaluate java "$HEAP" -jar "$JAR" evaluate

awk '{t += $2; if ($4 > m) m = $4} END {printf "TOTAL %.2f s, peak RSS %.0f MB\n", t, m / 1024}' "$WORK"/*.time
