#!/usr/bin/env bash
# Ingest benchmark (docs/performance.md, "Ingest"): a real brain (z4j serve in a child JVM) on SQLite and/or
# PostgreSQL 17, N protocol v2 agents over real WebSockets streaming task lifecycles in batches of B events.
# Prints acknowledged-and-committed events/s, ack latency p50/p99, events per CPU-second of the brain and the load
# average for each run (the machine may be shared: the CPU figure is what the code costs).
#   bench/ingest.sh [sqlite|postgresql|both] [seconds per run, 20] [agents, 1,10,100] [batch sizes, 1,100] [paced events/s]
#       [replicas, 1]  (replicas > 1: that many brains on one PostgreSQL, agents spread over them)
#   bench/ingest.sh path [sqlite|postgresql] [seconds, 20] [batch, 100]   the service and store alone, no network
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -pl z4j-app -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="z4j-app/target/test-classes:z4j-app/target/classes:$(cat z4j-app/target/bench.classpath)"
if [ "${1:-}" = path ]; then
  exec java -Xmx1g ${Z4J_BENCH_BRAIN_OPTS:-} -cp "$cp" dev.z4j.app.bench.IngestPathBenchmark "${@:2}"
fi
exec java -Xmx2g ${Z4J_BENCH_LOAD_OPTS:-} -cp "$cp" dev.z4j.app.bench.IngestBenchmark "$@"
