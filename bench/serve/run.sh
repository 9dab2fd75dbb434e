#!/usr/bin/env bash
# Benchmark of the inference server (`serve` mode) against the FastAPI and Flask peers
# (bench/serve/peers/), all in one run on this machine: wrk -t2 -c16 posting one JSON penguin record
# (peers/post1.lua). Every server is started REPS times; each repetition measures start to first
# /ping 200, then an unmeasured warm-up, then the measured wrk run. Prints each figure's median and
# spread (min, max) over the repetitions, and the ratios of the medians.
#
#   bench/serve/run.sh            # from a fresh clone: installs what is missing, builds, trains, measures
#
# Environment: REPS (repetitions, default 3, at least 3), DURATION (wrk -d, default 10s), WARMUP
# (unmeasured wrk run first, default 5s), PORT (serve port, default 18080; peers use PORT+1 and
# PORT+2), JAVA_OPTS (JVM flags of the serve process), SKIP_PEERS=1 (measure only the Rookery
# server), SKIP_BUILD=1 (use the existing jar).
# Needs: a JDK 17+, curl; installs the Debian packages wrk, python3-fastapi, python3-uvicorn,
# python3-sklearn, python3-flask, python3-pandas and gunicorn when missing (as root or via sudo).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/bench/lib.sh"
peers=$here/peers
reps=${REPS:-3}
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
port=${PORT:-18080}
jar=$repo/training-container/target/rookery-container.jar
dataset=$repo/training-container/src/main/resources/datasets/penguins.csv
((reps >= 3)) || { echo "REPS must be at least 3 (a median and a spread), found $reps" >&2; exit 2; }
work=$(mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

packages=(wrk=wrk curl=curl)
if [[ ${SKIP_PEERS:-0} != 1 ]]; then
  packages+=(python:sklearn=python3-sklearn python:pandas=python3-pandas python:fastapi=python3-fastapi
    python:uvicorn=python3-uvicorn python:flask=python3-flask python:gunicorn=gunicorn)
fi
need_debian_packages "${packages[@]}"

if [[ ! -f $jar || ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building $jar"
  (cd "$repo" && ./mvnw -B -q -pl training-container -am package -DskipTests)
fi

echo "== training the models: Rookery's (container preprocess + train, logistic) and the peers' (scikit-learn, logistic)"
echo '{"algorithm":"logistic","seed":"42"}' >"$work/hyperparameters.json"
java -jar "$jar" preprocess --input "$dataset" --output "$work/processing" >/dev/null 2>&1
java -jar "$jar" train --hyperparameters "$work/hyperparameters.json" --train "$work/processing/train" \
  --validation "$work/processing/validation" --model-dir "$work/ml/model" >/dev/null 2>&1
if [[ ${SKIP_PEERS:-0} != 1 ]]; then
  /usr/bin/python3 "$peers/train_peer.py" "$dataset" "$work/peer_model.pkl"
fi

now_ms() { date +%s%3N; }

# wait_ping PORT START_MS: polls GET /ping until 200; prints the milliseconds since START_MS.
wait_ping() {
  for _ in $(seq 1 3000); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ping" || true) == 200 ]]; then
      echo $(($(now_ms) - $2))
      return 0
    fi
    sleep 0.01
  done
  echo "nothing answered /ping on port $1" >&2
  return 1
}

# Per server: one line per repetition in $work/<name>.rps, .p99 (ms), .startup (ms), .requests.
# measure NAME PORT: the warm-up then the measured wrk run.
measure() {
  local out
  # Warm-up, not measured: an endpoint serves for hours, so its steady state is what counts (the
  # JIT compiles the hot path in the first seconds). Every server, peers included, gets the same.
  out=$(wrk -t2 -c16 -d"$warmup" -s "$peers/post1.lua" "http://127.0.0.1:$2/invocations")
  echo "$out" | awk '/requests in/ {print $1}' >>"$work/$1.requests"
  out=$(wrk -t2 -c16 -d"$duration" --latency -s "$peers/post1.lua" "http://127.0.0.1:$2/invocations")
  echo "$out" | sed 's/^/    /' | grep -E 'Requests/sec|99%|requests in|Non-2xx|Socket errors' || true
  if echo "$out" | grep -q "Non-2xx"; then
    echo "!! $1 answered errors under load" >&2
  fi
  echo "$out" | awk '/requests in/ {print $1}' >>"$work/$1.requests"
  echo "$out" | awk '/Requests\/sec/ {print $2}' >>"$work/$1.rps"
  echo "$out" | awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; else if (u == "m") v = v * 60000; print v}' >>"$work/$1.p99"
}

# serve NAME REP [flags...]: starts the serve mode, measures start-up and throughput, stops it with SIGTERM.
serve() {
  local name=$1 rep=$2
  shift 2
  echo "== $name, repetition $rep of $reps"
  local start_ms
  start_ms=$(now_ms)
  ROOKERY_OPT_ML=$work/ml SAGEMAKER_BIND_TO_PORT=$port java ${JAVA_OPTS:-} -jar "$jar" serve "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_ping "$port" "$start_ms" | tee -a "$work/$name.startup" | sed 's/^/    start to first 200 on \/ping (ms): /'
  measure "$name" "$port"
  kill -TERM "$pid"
  wait "$pid" || { echo "!! $name did not exit 0 on SIGTERM" >&2; }
}

for rep in $(seq 1 "$reps"); do
  serve rookery "$rep"
  rm -rf "$work/capture"
  before=0
  [[ -f $work/rookery-capture.requests ]] && before=$(wc -l <"$work/rookery-capture.requests")
  serve rookery-capture "$rep" --capture-percent 100 --capture-dir "$work/capture"
  captured=$(find "$work/capture" -name '*.jsonl' -exec cat {} + | wc -l)
  requests=$(tail -n +"$((before + 1))" "$work/rookery-capture.requests" | awk '{s += $1} END {print s}')
  # wrk counts the responses that arrive before its deadline; the server also answers (and
  # captures) the requests still in flight, so captured is the count plus at most 16 per wrk run.
  echo "    captured records: $captured for $requests requests counted by wrk (warm-up + measured)"
done

if [[ ${SKIP_PEERS:-0} != 1 ]]; then
  for peer in fastapi flask; do
    [[ $peer == fastapi ]] && peer_port=$((port + 1)) || peer_port=$((port + 2))
    for rep in $(seq 1 "$reps"); do
      echo "== $peer, repetition $rep of $reps"
      start_ms=$(now_ms)
      pid=$("$peers/run_peer.sh" "$peer" "$peer_port" "$work/peer_model.pkl" "$work/$peer.log")
      pids+=("$pid")
      wait_ping "$peer_port" "$start_ms" | tee -a "$work/$peer.startup" | sed 's/^/    start to first 200 on \/ping (ms): /'
      measure "$peer" "$peer_port"
      kill "$pid"
      wait "$pid" 2>/dev/null || true
      # the workers exit with their master; wait for the port to be free before the next start
      for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$peer_port/ping" || break; sleep 0.1; done
    done
  done
fi

echo
echo "== results: wrk -t2 -c16 -d$duration after a $warmup warm-up, one JSON record per request, $reps repetitions"
echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
for name in rookery rookery-capture fastapi flask; do
  [[ -s $work/$name.rps ]] || continue
  echo "$name"
  echo "    requests/s          $(summarize req/s <"$work/$name.rps")"
  echo "    p99                 $(summarize ms <"$work/$name.p99")"
  echo "    start to /ping 200  $(summarize ms <"$work/$name.startup")"
done
if [[ -s $work/fastapi.rps ]]; then
  echo
  # ratio NUMERATOR DENOMINATOR: of the medians, and the spread of the per-repetition ratios
  ratio() {
    local m
    m=$(awk -v a="$(median <"$work/$1.rps")" -v b="$(median <"$work/$2.rps")" 'BEGIN {printf "%.1f", a / b}')
    echo "$m x  (per repetition: $(paste -d' ' "$work/$1.rps" "$work/$2.rps" | awk '{printf "%.1f ", $1 / $2}'))"
  }
  r=$(ratio rookery fastapi)
  c=$(ratio rookery-capture fastapi)
  echo "rookery / fastapi           $r  target >= 100x: $(awk -v v="${r%% *}" 'BEGIN {print (v >= 100 ? "ok" : "MISSED")}')"
  echo "rookery / flask             $(ratio rookery flask)"
  echo "rookery+capture / fastapi   $c  target >= 50x: $(awk -v v="${c%% *}" 'BEGIN {print (v >= 50 ? "ok" : "MISSED")}')"
  p=$(median <"$work/rookery.p99")
  s=$(median <"$work/rookery.startup")
  echo "rookery p99 (median)        $p ms  target < 10 ms: $(awk -v v="$p" 'BEGIN {print (v < 10 ? "ok" : "MISSED")}')"
  echo "rookery start (median)      $s ms  target < 1500 ms: $(awk -v v="$s" 'BEGIN {print (v < 1500 ? "ok" : "MISSED")}')"
fi
