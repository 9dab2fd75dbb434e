#!/bin/sh
# Entry point of the Rookery image (installed as /usr/local/bin/rookery-entrypoint).
#
# SageMaker starts containers as root and mounts /opt/ml/model, output, input and processing/*
# at run time ("SageMaker AI expects all containers to run with root users",
# https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html), so the
# image cannot give those folders to a user in advance. This script does it at start, then drops
# root for the JVM:
#   1. started as root: hand the tree under $ROOKERY_OPT_ML (default /opt/ml) to the run-as user,
#      best effort (a read-only mount stays as it is: its files are read, never written);
#   2. exec setpriv: the process becomes the run-as user with its own groups and no others;
#   3. exec java: the JVM replaces this shell, so it keeps PID 1 and receives SIGTERM directly.
# Started as another user already (docker run --user ...), it skips 1 and 2: that user cannot
# chown, and the caller chose it.
#
# Environment: ROOKERY_OPT_ML (default /opt/ml), ROOKERY_RUN_AS (default rookery, the image's
# system user), ROOKERY_JAVA (default java; tests put a probe here), ROOKERY_JAR (default
# /opt/rookery/rookery-container.jar). Arguments go to the jar unchanged: <mode> [options].
set -eu

opt_ml="${ROOKERY_OPT_ML:-/opt/ml}"
run_as="${ROOKERY_RUN_AS:-rookery}"
java="${ROOKERY_JAVA:-java}"
jar="${ROOKERY_JAR:-/opt/rookery/rookery-container.jar}"

if [ "$(id -u)" -ne 0 ]; then
  exec "$java" -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -jar "$jar" "$@"
fi

if ! run_uid="$(id -u "$run_as" 2>/dev/null)" || [ "$run_uid" -eq 0 ]; then
  echo "rookery-entrypoint: ROOKERY_RUN_AS='$run_as' is not a non-root user of this image" >&2
  exit 2
fi
run_gid="$(id -g "$run_as")"

if [ -d "$opt_ml" ]; then
  # chown -R, not just the top folders: SageMaker's files (the extracted model, the training
  # channels) carry whatever modes their source had, and the run-as user must read them all and
  # replace outputs by rename. Errors come from read-only mounts only, hence best effort: their
  # files stay as they are, readable when world-readable (a root-only file there is not).
  if ! chown -R "$run_uid:$run_gid" "$opt_ml" 2>/dev/null; then
    echo "rookery-entrypoint: parts of $opt_ml stay root's (read-only mounts); continuing as $run_as" >&2
  fi
fi

exec setpriv --reuid="$run_uid" --regid="$run_gid" --init-groups \
  "$java" -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -jar "$jar" "$@"
