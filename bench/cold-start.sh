#!/usr/bin/env bash
# Cold start: from launching ./z4j serve (jar already built) to GET /api/v1/health answering 200.
# Prints first-boot (empty home: secrets, database, migrations) and restart times for N runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${Z4J_BENCH_PORT:-7790}
./z4j version >/dev/null
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
measure() {
  local start end pid
  start=$(date +%s%N)
  Z4J_HOME="$home/h" Z4J_BIND_PORT=$port ./z4j serve >/dev/null 2>&1 & pid=$!
  until curl -sf "localhost:$port/api/v1/health" >/dev/null; do sleep 0.01; done
  end=$(date +%s%N)
  kill -TERM $pid; wait $pid || true
  echo "$1 $(( (end - start) / 1000000 )) ms"
}
for _ in $(seq "$runs"); do
  rm -rf "$home/h"
  measure first-boot
  measure restart
done
