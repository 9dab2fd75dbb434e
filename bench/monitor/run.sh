#!/usr/bin/env bash
# Benchmark of the drift monitor: N JSON-encoded capture records (default 1,000,000) analysed by
# `java -jar rookery-container.jar monitor` against the committed penguins baseline.
# Prints wall time and peak RSS (from /usr/bin/time -v) of REPS runs on the same capture, then
# their median and spread (min, max). Targets: < 10 s, < 1 GB.
#
# Usage: bench/monitor/run.sh [records] [work-dir]        REPS=3 (at least 3)
#   JAVA_OPTS   JVM options for the monitor (default: -Xmx512m -XX:+UseParallelGC)
#   SKIP_BUILD=1  use the existing training-container/target/rookery-container.jar
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
need_time_reps
RECORDS="${1:-1000000}"
WORK="${2:-$(mktemp -d)}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}"
BASELINE=training-container/src/test/resources/stats

container_jar
if [[ ! -d "$WORK/capture" ]]; then
  echo "generating $RECORDS capture records in $WORK/capture"
  java bench/GenerateCapture.java drift "$WORK/capture" "$RECORDS" 42
fi
du -sh "$WORK/capture" | sed 's/^/capture size: /'

time_reps "$WORK" java $JAVA_OPTS -jar "$JAR" monitor \
  --dataset-source "$WORK/capture" \
  --output-path "$WORK/out" \
  --baseline-statistics "$BASELINE/penguins-train.statistics.json" \
  --baseline-constraints "$BASELINE/penguins-train.constraints.json" \
  --start-time 2024-05-01T10:00:00Z --end-time 2024-05-01T11:00:00Z \
  --endpoint-name bench --monitoring-schedule-name bench
echo "records: $RECORDS, $REPS repetitions; java: $(java -version 2>&1 | head -1); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ) (work dir: $WORK)"
print_wall_rss "$WORK"
