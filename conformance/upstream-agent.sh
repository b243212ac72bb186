#!/usr/bin/env bash
# Runs the real upstream Python agent (z4j-bare + z4j-core, from their sources) against the brain's gateway
# (ConformanceBrain: the gateway over in-memory fakes of ingestion and commands), then exercises a command round trip
# and a revocation. See docs/agent-protocol.md, "Conformance with the upstream agent".
#
#   Z4J_BARE_SRC=.../z4j-bare/src Z4J_CORE_SRC=.../z4j-core/src PYTHON=.../python conformance/upstream-agent.sh [ws|longpoll]
#
# PYTHON needs Python 3.11+ with pydantic 2, websockets 16, httpx 0.28 and email-validator 2.
set -euo pipefail
cd "$(dirname "$0")/.."
transport=${1:-ws}
: "${Z4J_BARE_SRC:?set Z4J_BARE_SRC to z4j-bare/src}" "${Z4J_CORE_SRC:?set Z4J_CORE_SRC to z4j-core/src}"
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mvn -B -q test-compile dependency:build-classpath -pl z4j-adapter-ws -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp" >/dev/null
mkfifo "$work/in"
java -cp "z4j-adapter-ws/target/test-classes:z4j-adapter-ws/target/classes:$(cat "$work/cp")" \
    dev.z4j.adapter.ws.agents.testing.ConformanceBrain <"$work/in" >"$work/brain.out" 2>"$work/brain.log" &
exec 3>"$work/in"
until grep -q READY "$work/brain.out"; do sleep 0.2; done
set -a; . <(grep '^Z4J_' "$work/brain.out"); set +a
export Z4J_TRANSPORT=$transport Z4J_AGENT_NAME=conformance HOME="$work/home" DEMO_BUFFER="$work/buffer.sqlite"
[ "$transport" = longpoll ] && export DEMO_DEV_MODE=1
mkdir -p "$HOME"
PYTHONPATH="$Z4J_BARE_SRC:$Z4J_CORE_SRC" "$python" conformance/demo_agent.py 2>"$work/agent.log" &
status() { echo status >&3; sleep 1; tail -1 "$work/brain.out"; }
sleep 25; status
echo command >&3; sleep 12; status
echo revoke >&3; sleep 15
echo "--- agent log (last lines)"; grep -v '^\s' "$work/agent.log" | tail -5
echo quit >&3
