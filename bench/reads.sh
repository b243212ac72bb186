#!/usr/bin/env bash
# Task read benchmark (docs/performance.md, "Task reads"): N tasks in one project on SQLite or PostgreSQL 17, then
# the list (first page, 1,000 pages deep, each filter), detail, workers with 24 h counts, stats and the export.
#   bench/reads.sh [sqlite|postgresql] [tasks, 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -pl z4j-app -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="z4j-app/target/test-classes:z4j-app/target/classes:$(cat z4j-app/target/bench.classpath)"
exec java -Xmx1g -cp "$cp" dev.z4j.app.bench.TaskReadBenchmark "$@"
