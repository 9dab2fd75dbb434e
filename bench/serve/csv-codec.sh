#!/usr/bin/env bash
# Micro-measure behind the comments in RecordDecoder and ResponseEncoder: the serving path's
# hand-written CSV decode/encode against Commons CSV, per call, medians of 15 rounds.
#
#   bench/serve/csv-codec.sh      # needs training-container compiled (./mvnw -pl training-container -am compile)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$repo" && ./mvnw -B -q -o -pl training-container dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
java -cp "$repo/training-container/target/classes:$(cat "$cp_file")" "$repo/bench/serve/CsvCodecMeasure.java"
