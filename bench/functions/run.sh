#!/usr/bin/env bash
# Functions cold-start benchmark: JVM start to first handler return, with the flags the stack sets
# (infra's JavaFunction.JAVA_TOOL_OPTIONS, read from its source) and its Powertools environment. Each run is a fresh JVM that builds the handler with its real no-arg
# constructor (environment, SDK clients) and invokes it once (dev.rookery.functions.LocalInvoke)
# against a canned AWS endpoint on 127.0.0.1 (BenchEndpoint.java, reached via AWS_ENDPOINT_URL).
#
# Usage: bench/functions/run.sh [--runs N] [--handler trigger|register|deploy|approval|metrics|failure|retrain|all]
#                               [--no-build] [--java-opts "..."] [--cds] [--java-home DIR] [--jar FILE]
# --java-home runs the handlers on that JDK (e.g. /usr/lib/jvm/temurin-25-jdk-amd64, the Lambda
# runtime's Java 25); --jar measures another build of the jar (e.g. main's, for a before/after).
# --cds first records an AppCDS archive per handler (-XX:ArchiveClassesAtExit), then measures with
# it (-XX:SharedArchiveFile): what shipping an archive in the package would give (SnapStart aside).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=10
WHICH=all
BUILD=1
CDS=0
# The stack's flags, from the one place that sets them.
JAVA_OPTS="$(sed -n 's/.*String JAVA_TOOL_OPTIONS = "\(.*\)";.*/\1/p' \
  "$ROOT/infra/src/main/java/dev/rookery/infra/constructs/JavaFunction.java")"
[[ -n "$JAVA_OPTS" ]] || { echo "JAVA_TOOL_OPTIONS not found in infra's JavaFunction.java" >&2; exit 2; }
JAVA=java
JAR="$ROOT/functions/target/rookery-functions.jar"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --handler) WHICH="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --cds) CDS=1; shift ;;
    --java-home) JAVA="$2/bin/java"; shift 2 ;;
    --jar) JAR="$2"; BUILD=0; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

(( RUNS >= 3 )) || { echo "--runs must be at least 3 (a median and a spread), found $RUNS" >&2; exit 2; }
if [[ $BUILD == 1 || ! -f "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl functions -am package -DskipTests)
fi

WORK="$(mktemp -d)"
ENDPOINT_PID=""
cleanup() { [[ -n "$ENDPOINT_PID" ]] && kill "$ENDPOINT_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

javac -d "$WORK/endpoint" "$ROOT/bench/functions/BenchEndpoint.java"
# The register step reads the run record the evaluate job wrote: the functions tests' own draft.
EVENTS="$ROOT/functions/src/test/resources/events"
java -cp "$WORK/endpoint" BenchEndpoint "$WORK/port" "$EVENTS/run-draft.json" &
ENDPOINT_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"

cat > "$WORK/trigger.json" <<'JSON'
{"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3",
 "account":"111122223333","time":"2021-11-12T00:00:00Z","region":"us-east-1","resources":["arn:aws:s3:::rookery-data"],
 "detail":{"version":"0","bucket":{"name":"rookery-data"},"object":{"key":"incoming/penguins.csv","size":52,
 "etag":"b1946ac92492d2347c6235b4d2611184","version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
 "request-id":"N4N7GDK58NMKJ12R","requester":"111122223333","source-ip-address":"1.2.3.4","reason":"PutObject"}}
JSON
# The Register state's input as the functions tests pin it (run record, settings and trials included).
cp "$EVENTS/register-input.json" "$WORK/register.json"
cp "$EVENTS/sfn-execution-failed.json" "$WORK/failure.json"
cp "$EVENTS/alarm-state-change.json" "$WORK/retrain.json"
ARN="arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/3"
echo "{\"modelPackageArn\":\"$ARN\",\"correlationId\":\"rk-2b7e0c1f9a4d3e5f6a7b8c9d\"}" > "$WORK/deploy.json"
cat > "$WORK/approval.json" <<JSON
{"version":"0","id":"844e2571-85d4-695f-b930-0153b71dcb42","detail-type":"SageMaker Model Package State Change",
 "source":"aws.sagemaker","account":"111122223333","time":"2021-02-24T17:00:14Z","region":"us-east-1",
 "resources":["$ARN"],"detail":{"ModelPackageGroupName":"rookery-dev","ModelPackageVersion":3,
 "ModelPackageArn":"$ARN","ModelPackageStatus":"Completed","ModelApprovalStatus":"Approved"}}
JSON
echo '{"metricsUri":"s3://rookery-monitoring/out/cloudwatch_metrics.json"}' > "$WORK/metrics.json"

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=bench
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT"
export STATE_MACHINE_ARN="arn:aws:states:us-east-1:111122223333:stateMachine:pipeline"
export NOTIFICATION_TOPIC_ARN="arn:aws:sns:us-east-1:111122223333:rookery"
export PIPELINE_SETTINGS='{"format_version":1,"target":"species"}'
export MODEL_PACKAGE_GROUP_NAME=rookery-dev IMAGE_URI=img:1 APPROVAL_STATUS=Approved INFERENCE_INSTANCE_TYPES=ml.m5.large
export ENDPOINT_NAME=rookery-dev SAGEMAKER_ROLE_ARN=arn:aws:iam::111122223333:role/sm CAPTURE_S3_URI=s3://capture/dev
export DEPLOY_STATE_MACHINE_ARN="arn:aws:states:us-east-1:111122223333:stateMachine:deploy"
export DATA_BUCKET=rookery-data RETRAIN_COOLDOWN=PT6H
# What JavaFunction sets (the jar from before Powertools ignores them).
export POWERTOOLS_SERVICE_NAME=rookery POWERTOOLS_METRICS_NAMESPACE=Rookery POWERTOOLS_LOG_LEVEL=INFO

declare -A CLASS=(
  [trigger]=dev.rookery.functions.trigger.TriggerHandler
  [register]=dev.rookery.functions.register.RegisterHandler
  [deploy]=dev.rookery.functions.deploy.DeployHandler
  [approval]=dev.rookery.functions.approval.DeployOnApprovalHandler
  [metrics]=dev.rookery.functions.metrics.PublishMetricsHandler
  [failure]=dev.rookery.functions.failure.ExecutionFailureHandler
  [retrain]=dev.rookery.functions.retrain.RetrainOnAlarmHandler
)
if [[ $WHICH == all ]]; then HANDLERS=(trigger register deploy approval metrics failure retrain); else HANDLERS=("$WHICH"); fi
[[ -n "${CLASS[${HANDLERS[0]}]:-}" ]] || { echo "unknown --handler ${HANDLERS[0]}" >&2; exit 2; }

SIZE=$(stat -c %s "$JAR")
echo "jar: $JAR  $SIZE bytes ($(awk "BEGIN{printf \"%.1f\", $SIZE/1048576}") MiB)"
echo "java: $("$JAVA" -version 2>&1 | head -1)  opts: $JAVA_OPTS  cds: $CDS  runs: $RUNS  load: $(cut -d' ' -f1-3 /proc/loadavg)"
for h in "${HANDLERS[@]}"; do
  OPTS="$JAVA_OPTS"
  if [[ $CDS == 1 ]]; then
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS -XX:ArchiveClassesAtExit="$WORK/$h.jsa" -cp "$JAR" dev.rookery.functions.LocalInvoke \
      "${CLASS[$h]}" "$WORK/$h.json" > /dev/null 2> "$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
    OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$WORK/$h.jsa"
  fi
  times=()
  cpus=()
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    # CPU time (user + sys of the JVM) as well as wall time: on a loaded machine the wall time
    # mostly measures the wait for a core, the CPU time what the start-up costs.
    TIMEFORMAT='%U %S'
    # shellcheck disable=SC2086
    { time "$JAVA" $OPTS -cp "$JAR" dev.rookery.functions.LocalInvoke "${CLASS[$h]}" "$WORK/$h.json" \
      > "$WORK/out.txt" 2> "$WORK/err.txt" || { echo "$h failed:"; cat "$WORK/err.txt"; exit 1; }; } 2> "$WORK/cpu.txt"
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    cpus+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/cpu.txt"))
  done
  cpu_sorted=($(printf '%s\n' "${cpus[@]}" | sort -n))
  if (( RUNS % 2 )); then cpu_median=${cpu_sorted[$((RUNS / 2))]}; else cpu_median=$(( (cpu_sorted[RUNS/2 - 1] + cpu_sorted[RUNS/2]) / 2 )); fi
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  n=${#sorted[@]}
  if (( n % 2 )); then median=${sorted[$((n / 2))]}; else median=$(( (sorted[n/2 - 1] + sorted[n/2]) / 2 )); fi
  printf '%-9s median %5d ms  min %5d  max %5d  (%s)  cpu median %5d ms (%d-%d)  -> %s\n' "$h" "$median" \
    "${sorted[0]}" "${sorted[$((n-1))]}" "${times[*]}" "$cpu_median" "${cpu_sorted[0]}" "${cpu_sorted[$((RUNS-1))]}" \
    "$(tail -n 1 "$WORK/out.txt" | head -c 80)"
done
