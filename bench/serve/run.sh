#!/usr/bin/env bash
# Benchmark of the inference server (`serve` mode) against the FastAPI and Flask peers, all in one
# run on this machine: wrk -t2 -c16 -d10s posting one JSON penguin record (post1.lua).
#
#   bench/serve/run.sh            # build if needed, train, measure, print figures and ratios
#
# Environment: DURATION (wrk -d, default 10s), WARMUP (unmeasured wrk run first, default 5s), PEERS_DIR (default ../shared/bench/peers next to
# the repository, or ../../shared/bench/peers from a worktree), PORT (serve port, default 18080; peers use PORT+1 and PORT+2),
# JAVA_OPTS (JVM flags of the serve process), SKIP_PEERS=1 (measure only the Rookery server), SKIP_BUILD=1 (use the existing jar).
# Needs: java 17, wrk, curl; the peers' setup.sh installs their Debian packages.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
if [[ -z ${PEERS_DIR:-} ]]; then
  # ../shared next to the repository (a git worktree sits one level deeper: ../../shared).
  for candidate in "$repo/../shared/bench/peers" "$repo/../../shared/bench/peers"; do
    [[ -d $candidate ]] && PEERS_DIR=$candidate && break
  done
fi
peers=$(cd "${PEERS_DIR:?no peers folder found: set PEERS_DIR}" && pwd)
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
port=${PORT:-18080}
jar=$repo/training-container/target/rookery-container.jar
work=$(mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

if [[ ! -f $jar || ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building $jar"
  (cd "$repo" && ./mvnw -B -q -pl training-container -am package -DskipTests)
fi

echo "== training a penguins model with the container's preprocess and train modes"
echo '{"algorithm":"logistic","seed":"42"}' >"$work/hyperparameters.json"
java -jar "$jar" preprocess --input "$repo/training-container/src/main/resources/datasets/penguins.csv" \
  --output "$work/processing" >/dev/null 2>&1
java -jar "$jar" train --hyperparameters "$work/hyperparameters.json" --train "$work/processing/train" \
  --validation "$work/processing/validation" --model-dir "$work/ml/model" >/dev/null 2>&1

now_ms() { date +%s%3N; }

# wait_ping PORT: polls GET /ping until 200; prints the elapsed milliseconds since $start_ms.
wait_ping() {
  for _ in $(seq 1 3000); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ping" || true) == 200 ]]; then
      echo $(( $(now_ms) - start_ms ))
      return 0
    fi
    sleep 0.01
  done
  echo "nothing answered /ping on port $1" >&2
  return 1
}

# measure NAME PORT: runs wrk, stores requests/s, p99 (ms) and the request count.
declare -A rps p99 total warm
measure() {
  local out
  # Warm-up, not measured: an endpoint serves for hours, so its steady state is what counts (the
  # JIT compiles the hot path in the first seconds). Every server, peers included, gets the same.
  warm[$1]=$(wrk -t2 -c16 -d"$warmup" -s "$peers/post1.lua" "http://127.0.0.1:$2/invocations" | awk '/requests in/ {print $1}')
  out=$(wrk -t2 -c16 -d"$duration" --latency -s "$peers/post1.lua" "http://127.0.0.1:$2/invocations")
  echo "$out" | sed 's/^/    /'
  if echo "$out" | grep -q "Non-2xx"; then
    echo "!! $1 answered errors under load" >&2
  fi
  rps[$1]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  total[$1]=$(echo "$out" | awk '/requests in/ {print $1}')
  p99[$1]=$(echo "$out" | awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; else if (u == "m") v = v * 60000; print v}')
}

# serve NAME [flags...]: starts the serve mode, measures start-up and throughput, stops it with SIGTERM.
serve() {
  local name=$1
  shift
  echo "== $name"
  start_ms=$(now_ms)
  ROOKERY_OPT_ML=$work/ml SAGEMAKER_BIND_TO_PORT=$port java ${JAVA_OPTS:-} -jar "$jar" serve "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  startup[$name]=$(wait_ping "$port")
  echo "    start to first 200 on /ping: ${startup[$name]} ms"
  measure "$name" "$port"
  kill -TERM "$pid"
  wait "$pid" || { echo "!! $name did not exit 0 on SIGTERM" >&2; }
}

declare -A startup
serve rookery
serve rookery-capture --capture-percent 100 --capture-dir "$work/capture"
captured=$(find "$work/capture" -name '*.jsonl' -exec cat {} + | wc -l)
# wrk counts the responses that arrive before its deadline; the server also answers (and captures)
# the last requests still in flight, so captured is the count plus at most 16 per run.
echo "    captured records: $captured for $(( ${warm[rookery-capture]} + ${total[rookery-capture]} )) requests counted by wrk (warm-up + measured)"

if [[ ${SKIP_PEERS:-0} != 1 ]]; then
  echo "== peers: setup"
  "$peers/setup.sh" >/dev/null
  for peer in fastapi flask; do
    [[ $peer == fastapi ]] && peer_port=$((port + 1)) || peer_port=$((port + 2))
    echo "== $peer"
    start_ms=$(now_ms)
    pid=$("$peers/run_peer.sh" "$peer" "$peer_port")
    pids+=("$pid")
    startup[$peer]=$(wait_ping "$peer_port")
    echo "    start to first 200 on /ping: ${startup[$peer]} ms"
    measure "$peer" "$peer_port"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  done
fi

echo
echo "== results (wrk -t2 -c16 -d$duration, one JSON record per request)"
printf '%-18s %12s %10s %12s\n' server "requests/s" "p99 ms" "startup ms"
for name in rookery rookery-capture fastapi flask; do
  [[ -n ${rps[$name]:-} ]] || continue
  printf '%-18s %12s %10s %12s\n' "$name" "${rps[$name]}" "${p99[$name]}" "${startup[$name]:-}"
done
if [[ -n ${rps[fastapi]:-} ]]; then
  echo
  awk -v r="${rps[rookery]}" -v c="${rps[rookery-capture]}" -v f="${rps[fastapi]}" -v l="${rps[flask]}" \
    -v p="${p99[rookery]}" -v s="${startup[rookery]}" 'BEGIN {
      printf "rookery / fastapi           %7.1fx  (target >= 100x)  %s\n", r / f, (r / f >= 100 ? "ok" : "MISSED")
      printf "rookery / flask             %7.1fx\n", r / l
      printf "rookery+capture / fastapi   %7.1fx  (target >= 50x)   %s\n", c / f, (c / f >= 50 ? "ok" : "MISSED")
      printf "rookery p99                 %7.2f ms (target < 10 ms) %s\n", p, (p < 10 ? "ok" : "MISSED")
      printf "rookery start to /ping 200  %7d ms (target < 1500)  %s\n", s, (s < 1500 ? "ok" : "MISSED")
    }'
fi
