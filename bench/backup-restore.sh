#!/usr/bin/env bash
# Backup, drill, restore and evidence on a SQLite home of a given size, through ./z4j (jar already built).
# Usage: bench/backup-restore.sh [MiB]   (default 200). Needs the sqlite3 command to fill the database.
# Times include the JVM start of each command (about a second; see cold-start.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-200}
./z4j version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export Z4J_HOME="$work/home"
mkdir -p "$Z4J_HOME" && chmod 700 "$Z4J_HOME"
printf 'Z4J_SECRET=bench-secret-%s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$Z4J_HOME/secret.env"
chmod 600 "$Z4J_HOME/secret.env"
./z4j migrate >/dev/null
sqlite3 "$Z4J_HOME/z4j.db" "CREATE TABLE bench_payload (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $((mib * 1024)))
  INSERT INTO bench_payload SELECT i, randomblob(1000) FROM n;"
echo "database: $(du -m "$Z4J_HOME/z4j.db" | cut -f1) MiB"
timed() {
  local label=$1; shift
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "$label $(( (end - start) / 1000000 )) ms"
}
timed "backup  " ./z4j backup --output "$work/copy.db"
timed "drill   " ./z4j drill "$work/copy.db"
timed "restore " ./z4j restore "$work/copy.db" --force
timed "evidence" ./z4j audit evidence --output "$work/evidence"
