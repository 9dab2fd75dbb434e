#!/usr/bin/env bash
# Soak run of the inference server (not a unit test): MINUTES of wrk traffic (-t2 -c16, one JSON
# penguin record) against `serve` with 100 % data capture, in slices, then a verdict on:
#   1. nothing lost: every response wrk counted as 200 has its capture record, the capture files
#      hold exactly the records the server says it wrote, and none was dropped or failed;
#   2. memory: resident set size at the end within 10 % of the level after the first slice (warm-up);
#   3. latency: p99 of the last slice within 2x the first slice's.
#
#   bench/soak/run.sh                 # 5 minutes
#   MINUTES=1 bench/soak/run.sh       # a quick check
#
# Environment: MINUTES (default 5), PORT (default 18090), JAVA_OPTS (JVM flags of the serve
# process), SKIP_BUILD=1 (use the existing jar). Installs Debian's wrk and curl when missing.
# Exit code 0 when every check passes, 1 otherwise.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/bench/lib.sh"
minutes=${MINUTES:-5}
port=${PORT:-18090}
jar=$repo/training-container/target/rookery-container.jar
lua=$repo/bench/serve/peers/post1.lua
# One-minute slices; a run shorter than 3 minutes is cut in 3 slices, so first and last differ.
slices=$((minutes >= 3 ? minutes : 3))
slice_s=$((minutes * 60 / slices))
work=$(mktemp -d)
pid=""
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

need_debian_packages wrk=wrk curl=curl
if [[ ! -f $jar || ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building $jar"
  (cd "$repo" && ./mvnw -B -q -pl training-container -am package -DskipTests)
fi
echo "== training a penguins model (container preprocess + train, logistic)"
echo '{"algorithm":"logistic","seed":"42"}' >"$work/hyperparameters.json"
java -jar "$jar" preprocess --input "$repo/training-container/src/main/resources/datasets/penguins.csv" \
  --output "$work/processing" >/dev/null 2>&1
java -jar "$jar" train --hyperparameters "$work/hyperparameters.json" --train "$work/processing/train" \
  --validation "$work/processing/validation" --model-dir "$work/ml/model" >/dev/null 2>&1

echo "== serve with 100 % capture, $slices slices of ${slice_s}s"
ROOKERY_OPT_ML=$work/ml SAGEMAKER_BIND_TO_PORT=$port java ${JAVA_OPTS:-} -jar "$jar" serve \
  --capture-percent 100 --capture-dir "$work/capture" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping" || true) == 200 ]] && break
  sleep 0.01
done

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
counted=0
errors=0
for s in $(seq 1 "$slices"); do
  out=$(wrk -t2 -c16 -d"${slice_s}s" --latency -s "$lua" "http://127.0.0.1:$port/invocations")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  p99=$(echo "$out" | awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; else if (u == "m") v = v * 60000; print v}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  rss=$(rss_mb)
  counted=$((counted + requests - ${non2xx:-0}))
  errors=$((errors + ${non2xx:-0}))
  echo "$s $p99 $rss" >>"$work/slices"
  printf 'slice %2d: %9s req/s  p99 %7s ms  RSS %5s MB  %s\n' "$s" "$rps" "$p99" "$rss" "${non2xx:+non-2xx $non2xx}"
done

# Graceful stop: in-flight requests finish, the capture queue is written, the counts are final.
kill -TERM "$pid"
wait "$pid" || true
pid=""
stats=$(find "$work/capture" -name capture-stats.json)
written=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["written"])' "$stats")
lost=$(/usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["dropped"] + d["failed"])' "$stats")
lines=$(find "$work/capture" -name '*.jsonl' -exec cat {} + | wc -l)
first_p99=$(awk 'NR == 1 {print $2}' "$work/slices")
last_p99=$(awk 'END {print $2}' "$work/slices")
warm_rss=$(awk 'NR == 1 {print $3}' "$work/slices")
end_rss=$(awk 'END {print $3}' "$work/slices")
# wrk counts the responses that arrive before each slice's deadline; the server also answers (and
# captures) the requests in flight then: at most one per connection, 16 per slice.
slack=$((16 * slices))

echo
echo "== verdict ($minutes min, java: $(java -version 2>&1 | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
ok=1
check() { # NAME CONDITION(awk) DETAIL
  if awk "BEGIN {exit !($2)}"; then echo "PASS  $1: $3"; else echo "FAIL  $1: $3"; ok=0; fi
}
check "no error answers" "$errors == 0" "$errors non-2xx"
check "200s = capture records" "$written >= $counted && $written <= $counted + $slack && $lines == $written && $lost == 0" \
  "wrk counted $counted 200s (+ at most $slack in flight at slice ends), the server wrote $written, the files hold $lines lines, $lost dropped or failed"
check "memory flat" "$end_rss <= 1.10 * $warm_rss" "RSS $end_rss MB at the end, $warm_rss MB after warm-up (limit +10 %)"
check "p99 stable" "$last_p99 <= 2 * $first_p99" "p99 $last_p99 ms in the last slice, $first_p99 ms in the first (limit 2x)"
((ok)) && echo "SOAK PASSED" || { echo "SOAK FAILED"; exit 1; }
