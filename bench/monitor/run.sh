#!/usr/bin/env bash
# Benchmark of the drift monitor: N JSON-encoded capture records (default 1,000,000) analysed by
# `java -jar rookery-container.jar monitor` against the committed penguins baseline.
# Prints wall time and peak RSS (from /usr/bin/time -v). Targets: < 10 s, < 1 GB.
#
# Usage: bench/monitor/run.sh [records] [work-dir]
#   JAVA_OPTS   JVM options for the monitor (default: -Xmx512m -XX:+UseParallelGC)
#   SKIP_BUILD=1  use the existing training-container/target/rookery-container.jar
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-1000000}"
WORK="${2:-$(mktemp -d)}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}"
JAR=training-container/target/rookery-container.jar
BASELINE=training-container/src/test/resources/stats

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$JAR" ]]; then
  ./mvnw -B -q -pl training-container -am package -DskipTests
fi
if [[ ! -d "$WORK/capture" ]]; then
  echo "generating $RECORDS capture records in $WORK/capture"
  java bench/monitor/GenerateCapture.java "$WORK/capture" "$RECORDS" 42
fi
du -sh "$WORK/capture" | sed 's/^/capture size: /'

/usr/bin/time -v -o "$WORK/time.txt" java $JAVA_OPTS -jar "$JAR" monitor \
  --dataset-source "$WORK/capture" \
  --output-path "$WORK/out" \
  --baseline-statistics "$BASELINE/penguins-train.statistics.json" \
  --baseline-constraints "$BASELINE/penguins-train.constraints.json" \
  --start-time 2024-05-01T10:00:00Z --end-time 2024-05-01T11:00:00Z \
  --endpoint-name bench --monitoring-schedule-name bench | head -20

ELAPSED=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
RSS_KB=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
echo "records: $RECORDS  wall: $ELAPSED  peak RSS: $((RSS_KB / 1024)) MB  (work dir: $WORK)"
