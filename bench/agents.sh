#!/usr/bin/env bash
# Agent gateway benchmarks (docs/performance.md, "Agents").
#   bench/agents.sh verify                      JMH: parse + verify cost per agent frame
#   bench/agents.sh capacity [N] [C] [S] [HEAP] N agents (10000) connected with C handshakes in flight (64),
#                                               held S seconds (40) heart-beating, gateway heap HEAP (512m)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
mvn -B -q test-compile dependency:build-classpath -pl z4j-adapter-ws -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null
cp="z4j-adapter-ws/target/test-classes:z4j-adapter-ws/target/classes:$(cat "$classpath")"
case "${1:-}" in
  verify)
    java -cp "$cp" org.openjdk.jmh.Main FrameVerificationBenchmark "${@:2}" ;;
  capacity)
    java -Xmx4g -cp "$cp" dev.z4j.adapter.ws.agents.bench.AgentCapacityBenchmark "${2:-10000}" "${3:-64}" "${4:-40}" "${5:-512m}" ;;
  *)
    echo "usage: bench/agents.sh verify [jmh options] | capacity [agents] [concurrency] [hold-seconds] [heap]" >&2
    exit 2 ;;
esac
