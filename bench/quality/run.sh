#!/usr/bin/env bash
# Benchmark of the model-quality job: N captured predictions (default 1,000,000) joined with N
# ground-truth labels by `java -jar rookery-container.jar model-quality` (one hour's window).
# Prints wall time and peak RSS (from /usr/bin/time -v) of REPS runs on the same files, then their
# median and spread (min, max). Targets: < 15 s, < 1.5 GB.
#
# Usage: bench/quality/run.sh [records] [work-dir]        REPS=3 (at least 3)
#   JAVA_OPTS   JVM options for the job (default: -Xmx1g -XX:+UseParallelGC)
#   SKIP_BUILD=1  use the existing training-container/target/rookery-container.jar
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
need_time_reps
RECORDS="${1:-1000000}"
WORK="${2:-$(mktemp -d)}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"

container_jar
if [[ ! -d "$WORK/capture" ]]; then
  echo "generating $RECORDS captured predictions and $RECORDS labels in $WORK"
  java bench/GenerateCapture.java quality "$WORK" "$RECORDS" 42
fi
du -sh "$WORK/capture" "$WORK/ground-truth" | sed 's/^/size: /'

time_reps "$WORK" java $JAVA_OPTS -jar "$JAR" model-quality \
  --dataset-source "$WORK/capture" \
  --ground-truth-source "$WORK/ground-truth" \
  --baseline-constraints "$WORK/constraints.json" \
  --output-path "$WORK/out" \
  --start-time 2024-05-01T10:00:00Z --end-time 2024-05-01T11:00:00Z \
  --endpoint-name bench --monitoring-schedule-name bench
grep -E "User time|System time|Percent of CPU" "$WORK/time.txt" | sed 's/^\s*/last repetition: /'
echo "records: $RECORDS captured, $RECORDS labels, $REPS repetitions; java: $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ) (work dir: $WORK)"
print_wall_rss "$WORK"
