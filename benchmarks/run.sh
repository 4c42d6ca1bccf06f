#!/usr/bin/env bash
# Runs the benchmark harness (docs/benchmarks.md). Builds the module first when its jar is missing
# or older than the sources. Each section runs in its own JVM, so the memory section's RSS
# high-water mark is its own and one section's garbage does not slow the next.
#   benchmarks/run.sh                               every section with the defaults (long: ~30 min)
#   benchmarks/run.sh --only throughput --events 50000   a smoke run
#   benchmarks/run.sh --help                        every flag
# JAVA_OPTS sets the JVM flags (default -Xmx1g); the memory section always runs with -Xmx512m.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"

needs_build() {
  [ -f "$jar" ] || return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -type f -print -quit)" ]
}

if [ "${BENCH_SKIP_BUILD:-}" != "1" ] && needs_build; then
  echo "benchmarks: building ..." >&2
  (cd "$here" && ../mvnw -q -f "$root/pom.xml" -pl benchmarks -am package -DskipTests >&2)
fi

if [ ! -f "$jar" ]; then
  echo "benchmarks: $jar is missing; run without BENCH_SKIP_BUILD=1 to build it" >&2
  exit 2
fi

cd "$here"

# --help: the harness prints its usage once (not once per section)
for arg in "$@"; do
  case "$arg" in
    -h|--help) exec java -cp "$jar" dev.rotation.benchmarks.BenchHarness --help ;;
  esac
done

# --only given: one JVM for the listed sections; otherwise one JVM per section
only=""
args=()
out="$here/results"
while [ $# -gt 0 ]; do
  case "$1" in
    --only|--out)
      if [ $# -lt 2 ]; then
        echo "Missing value after $1. Run with --help for every flag." >&2
        exit 2
      fi
      if [ "$1" = "--only" ]; then only="$2"; else out="$2"; fi
      shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -n "$only" ]; then sections=("$only"); else sections=(serde throughput latency memory scaling); fi

# the flags are checked once, before any section starts (a mistake is one line, not one per JVM)
java -cp "$jar" dev.rotation.benchmarks.BenchHarness --check --only "${sections[0]}" \
  ${args[@]+"${args[@]}"} || exit $?

status=0
for section in "${sections[@]}"; do
  opts="${JAVA_OPTS:--Xmx1g}"
  case ",$section," in *,memory,*) opts="$opts -Xmx512m" ;; esac
  # shellcheck disable=SC2086
  java $opts -XX:+UseG1GC -cp "$jar" dev.rotation.benchmarks.BenchHarness --only "$section" --out "$out" \
    ${args[@]+"${args[@]}"} || status=1
done
exit $status
