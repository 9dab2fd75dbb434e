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
require_reps
need_debian_packages /usr/bin/time=time
RECORDS="${1:-1000000}"
WORK="${2:-$(mktemp -d)}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"

container_jar
if [[ ! -d "$WORK/capture" ]]; then
  echo "generating $RECORDS captured predictions and $RECORDS labels in $WORK"
  java bench/quality/GenerateQuality.java "$WORK" "$RECORDS" 42
fi
du -sh "$WORK/capture" "$WORK/ground-truth" | sed 's/^/size: /'

rm -f "$WORK/wall.txt" "$WORK/rss.txt"
for rep in $(seq 1 "$REPS"); do
  rm -rf "$WORK/out"
  echo "repetition $rep of $REPS: $(time_rss "$WORK" java $JAVA_OPTS -jar "$JAR" model-quality \
    --dataset-source "$WORK/capture" \
    --ground-truth-source "$WORK/ground-truth" \
    --baseline-constraints "$WORK/constraints.json" \
    --output-path "$WORK/out" \
    --start-time 2024-05-01T10:00:00Z --end-time 2024-05-01T11:00:00Z \
    --endpoint-name bench --monitoring-schedule-name bench)"
done
head -5 "$WORK/command.out"
grep -E "User time|System time|Percent of CPU" "$WORK/time.txt" | sed 's/^\s*/last repetition: /'
echo "records: $RECORDS captured, $RECORDS labels, $REPS repetitions; java: $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ) (work dir: $WORK)"
echo "wall: $(summarize s <"$WORK/wall.txt")"
echo "peak RSS: $(summarize MB <"$WORK/rss.txt")"
