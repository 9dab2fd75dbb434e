# Shared by the bench/*/run.sh scripts: `source "$(dirname "$0")/../lib.sh"`.

# need_debian_packages COMMAND_OR_MODULE=PACKAGE...: installs the Debian packages whose command
# (or, for python:MODULE, whose /usr/bin/python3 module) is missing. Runs apt-get as root, or
# through sudo; otherwise prints the command to run and exits 1.
need_debian_packages() {
  local missing=() spec what pkg
  for spec in "$@"; do
    what=${spec%%=*}
    pkg=${spec#*=}
    if [[ $what == python:* ]]; then
      /usr/bin/python3 -c "import ${what#python:}" 2>/dev/null || missing+=("$pkg")
    elif [[ $what == /* ]]; then
      [[ -x $what ]] || missing+=("$pkg")
    else
      command -v "$what" >/dev/null 2>&1 || missing+=("$pkg")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "missing Debian packages: run  apt-get install ${missing[*]}  as root" >&2
      exit 1
    fi
  fi
  echo "== installing Debian packages: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
}

# summarize UNIT: reads one number a line, prints "median M UNIT (min A, max B, spread S %, n N)",
# the spread being (max - min) / median.
summarize() {
  sort -g | awk -v unit="$1" '{a[NR] = $1}
    END {
      if (NR == 0) { print "no values"; exit 1 }
      m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      printf "median %.6g %s (min %.6g, max %.6g, spread %.0f %%, n %d)\n", m, unit, a[1], a[NR], (m ? 100 * (a[NR] - a[1]) / m : 0), NR
    }'
}

# median: reads one number a line, prints the median.
median() {
  sort -g | awk '{a[NR] = $1} END {print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# time_rss WORK COMMAND...: runs COMMAND under /usr/bin/time -v (stdout to WORK/command.out),
# appends its wall time in seconds to WORK/wall.txt and its peak RSS in MB to WORK/rss.txt, and
# prints "wall S s, peak RSS M MB". Needs the Debian package time.
time_rss() {
  local work=$1 elapsed rss_kb
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/command.out"
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:04.31" -> seconds
  elapsed=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}' | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
  rss_kb=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
  echo "$elapsed" >>"$work/wall.txt"
  echo "$((rss_kb / 1024))" >>"$work/rss.txt"
  echo "wall $elapsed s, peak RSS $((rss_kb / 1024)) MB"
}

# REPS from the environment (default 3); at least 3, so that there is a median and a spread.
require_reps() {
  REPS="${REPS:-3}"
  ((REPS >= 3)) || { echo "REPS must be at least 3 (a median and a spread), found $REPS" >&2; exit 2; }
}

# need_time_reps: what time_reps needs, checked before a long data generation: REPS (require_reps)
# and GNU time.
need_time_reps() {
  require_reps
  need_debian_packages /usr/bin/time=time
}

# time_reps WORK COMMAND...: REPS runs of COMMAND under time_rss, WORK/out removed before each, one
# line each ("repetition i of REPS: wall S s, peak RSS M MB"), then the first lines of the last
# run's output. print_wall_rss WORK then prints the median and spread of both.
time_reps() {
  local work=$1 rep
  shift
  rm -f "$work/wall.txt" "$work/rss.txt"
  for rep in $(seq 1 "$REPS"); do
    rm -rf "$work/out"
    echo "repetition $rep of $REPS: $(time_rss "$work" "$@")"
  done
  head -5 "$work/command.out"
}

# print_wall_rss WORK: the summaries of the wall times and peak RSS time_reps collected.
print_wall_rss() {
  echo "wall: $(summarize s <"$1/wall.txt")"
  echo "peak RSS: $(summarize MB <"$1/rss.txt")"
}

# JAR: the training container's jar, built first unless SKIP_BUILD=1 and it exists.
container_jar() {
  JAR=training-container/target/rookery-container.jar
  if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$JAR" ]]; then
    ./mvnw -B -q -pl training-container -am package -DskipTests
  fi
}
