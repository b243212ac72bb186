#!/usr/bin/env bash
# Login benchmark: a real embedded brain with the default Argon2 cost, signing in over HTTP.
# Prints sequential p50/p99, sign-ins per second for 1..16 concurrent clients, and the latency of a cheap request
# while sign-ins saturate the hashing slots. Usage: bench/login.sh [seconds-per-step, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -pl z4j-app -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -cp "z4j-app/target/test-classes:z4j-app/target/classes:$(cat z4j-app/target/bench.classpath)" \
    dev.z4j.app.bench.LoginBenchmark "$@"
