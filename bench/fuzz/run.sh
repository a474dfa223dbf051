#!/usr/bin/env bash
# Tag fuzzing: mutates real audio files thousands of times, scans them with the packaged library-service
# and checks that it survives and accounts for every file (a track or a scan error, nothing else).
#
# Usage: bench/fuzz/run.sh [COUNT=3000] [SEED=1]
#   FUZZ_HEAP=2g          service heap (-Xmx); the container gives the JVM 75 % of its memory, so a size field that
#                         lies is allocated for real unless the service refuses it first
#   FUZZ_MAX_RSS=1024     peak resident memory (MiB) above which the run fails: hostile files must not cost gigabytes
#   FUZZ_WESNOTH=8        how many (of the smallest) Wesnoth Ogg tracks join the generated seeds
#   FUZZ_TIMEOUT=600      seconds the scan may take before it counts as hung (a thread dump is kept)
#   FUZZ_KEEP=/tmp/segue-fuzz-failures   where failing inputs (unaccounted files, the manifest, logs) are kept
#   SEGUE_JAR             the quarkus-run.jar to run (default: this checkout's package)
# Regenerate one mutated file:  bench/fuzz/fuzz.py mutate SEEDS OUT --seed SEED --count 1 --index I
# Needs: a packaged service (./mvnw -B -pl library-service -am package -DskipTests), java >= 21, ffmpeg, lame,
# flac, oggenc, python3-mutagen, curl, jq, initdb/pg_ctl on the PATH. Prints the figures at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/jdk.sh
COUNT=${1:-3000}
SEED=${2:-1}
HEAP=${FUZZ_HEAP:-2g}
MAX_RSS=${FUZZ_MAX_RSS:-1024}
TIMEOUT=${FUZZ_TIMEOUT:-600}
KEEP=${FUZZ_KEEP:-/tmp/segue-fuzz-failures}
JAR=${SEGUE_JAR:-library-service/target/quarkus-app/quarkus-run.jar}
PY=/usr/bin/python3
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -pl library-service -am package -DskipTests" >&2; exit 1; }
WORK=$(mktemp -d /tmp/segue-fuzz.XXXXXX)
chmod 755 "$WORK"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
PG_PORT=$(free_port)
SERVICE=
cleanup() {
  [ -n "$SERVICE" ] && kill "$SERVICE" 2>/dev/null || true
  if [ -d "$WORK/pg" ]; then as_pg pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir "$WORK/pg"
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg"; fi
as_pg initdb -D "$WORK/pg" -U segue --auth=trust >/dev/null
as_pg pg_ctl -D "$WORK/pg" -o "-p $PG_PORT -k $WORK/pg -c fsync=off -c synchronous_commit=off" -l "$WORK/pg/server.log" -w start >/dev/null
as_pg createdb -h localhost -p "$PG_PORT" -U segue segue

"$PY" bench/fuzz/fuzz.py seeds "$WORK/seeds" --wesnoth "${FUZZ_WESNOTH:-8}"
"$PY" bench/fuzz/fuzz.py mutate "$WORK/seeds" "$WORK/music" --count "$COUNT" --seed "$SEED" | tee "$WORK/mutate.txt"
LIB=$WORK/music/files

# no enrichment or sonic service: their notification fails fast and is logged, which the scan survives
LANG=C.UTF-8 SEGUE_LIBRARY_ROOTS="$LIB" SEGUE_LIBRARY_SCAN_CRON=off QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/segue QUARKUS_DATASOURCE_USERNAME=segue \
  QUARKUS_DATASOURCE_PASSWORD= QUARKUS_REST_CLIENT_ENRICHMENT_SERVICE_URL=http://localhost:9 \
  QUARKUS_REST_CLIENT_SONIC_SERVICE_URL=http://localhost:9 \
  "$JAVA_HOME/bin/java" -Xmx"$HEAP" -jar "$JAR" > "$WORK/service.log" 2>&1 &
SERVICE=$!
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null && break
  kill -0 "$SERVICE" 2>/dev/null || break
  sleep 0.5
done
curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null || { cat "$WORK/service.log"; echo "service did not become ready" >&2; exit 1; }

START=$(date +%s.%N)
ID=$(curl -sf -X POST -H 'Content-Type: application/json' -d "{\"root\":\"$LIB\"}" "http://localhost:$PORT/api/scans" | jq -r .id)
STATUS=running
RUN={}
CRASHES=0
HUNG=0
while true; do
  if ! kill -0 "$SERVICE" 2>/dev/null; then CRASHES=1; STATUS=crashed; break; fi
  RUN=$(curl -sf "http://localhost:$PORT/api/scans/$ID" || echo '{"status":"unreachable"}')
  STATUS=$(jq -r .status <<<"$RUN")
  [ "$STATUS" != running ] && [ "$STATUS" != unreachable ] && break
  if [ "$(echo "$(date +%s.%N) - $START > $TIMEOUT" | bc)" = 1 ]; then
    HUNG=1
    "$JAVA_HOME/bin/jstack" "$SERVICE" > "$WORK/threads.txt" 2>&1 || true
    break
  fi
  sleep 0.2
done
SECONDS_TAKEN=$(echo "$(date +%s.%N) - $START" | bc)
ALIVE=no
HEALTH=DOWN
RSS=0
if kill -0 "$SERVICE" 2>/dev/null; then
  ALIVE=yes
  HEALTH=$(curl -s "http://localhost:$PORT/q/health" | jq -r .status || echo DOWN)
  RSS=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$SERVICE/status")
  "$PY" bench/fuzz/fuzz.py check "http://localhost:$PORT" "$ID" "$WORK/music" > "$WORK/check.json"
else
  echo '{"files":'"$COUNT"',"indexed":0,"errors":0,"both":0,"unaccounted":[],"strangers":[],"reasons":{},"byKind":{},"errorReasons":{},"rawReasons":[],"ffprobe":{"compared":0,"off":0,"ffprobeSilent":0,"worstRatio":1,"worst":null}}' > "$WORK/check.json"
fi
mkdir -p "$KEEP" && cp "$WORK/check.json" "$KEEP/last-check.json"
UNACCOUNTED=$(jq '.unaccounted | length' "$WORK/check.json")
FAILED=0
if [ "$ALIVE" != yes ] || [ "$HEALTH" != UP ] || [ "$STATUS" != completed ] || [ "$UNACCOUNTED" != 0 ] || [ "$RSS" -gt "$MAX_RSS" ] \
  || [ "$(jq .both "$WORK/check.json")" != 0 ] || [ "$(jq '.strangers | length' "$WORK/check.json")" != 0 ]; then
  FAILED=1
  DEST=$KEEP/seed-$SEED-$(date +%Y%m%dT%H%M%S)
  mkdir -p "$DEST/files"
  cp "$WORK/music/manifest.jsonl" "$WORK/check.json" "$WORK/service.log" "$DEST/"
  [ -f "$WORK/threads.txt" ] && cp "$WORK/threads.txt" "$DEST/"
  # a dead or hung service: whatever it had not accounted for is suspect; else exactly the unaccounted files
  jq -r '.unaccounted[]' "$WORK/check.json" | while read -r f; do cp "$f" "$DEST/files/"; done
  if [ "$ALIVE" != yes ]; then cp -r "$LIB" "$DEST/all-files"; fi
fi
LOG_LINES=$(wc -l < "$WORK/service.log")
JAT_LINES=$(grep -c -i 'jaudiotagger' "$WORK/service.log" || true)

printf '\n== library-service tag fuzzing (seed %s) ==\n' "$SEED"
printf 'files:            %d mutated from %d seeds (%s)\n' "$(jq .files "$WORK/check.json")" \
  "$(ls "$WORK/seeds" | wc -l)" "$(du -sh "$LIB" | cut -f1)"
printf 'mutations:        %s\n' "$(sed -n 's/^mutated [0-9]* files (seed [0-9]*): //p' "$WORK/mutate.txt")"
printf 'scan:             %s in %.1f s (%s)\n' "$STATUS" "$SECONDS_TAKEN" \
  "$(jq -c '{total, done, newTracks, failed, ratePerSecond}' <<<"$RUN")"
printf 'indexed:          %d\n' "$(jq .indexed "$WORK/check.json")"
printf 'errors:           %d\n' "$(jq .errors "$WORK/check.json")"
printf 'unaccounted:      %d (indexed + errors == files: %s)\n' "$UNACCOUNTED" \
  "$(jq 'if .indexed + .errors == .files and .both == 0 then "yes" else "NO" end' -r "$WORK/check.json")"
printf 'crashes:          %d, hung: %d, alive after: %s, health: %s\n' "$CRASHES" "$HUNG" "$ALIVE" "$HEALTH"
printf 'unexpected:       %d errors whose reason is an "unexpected failure" (a parser bug to look at)\n' \
  "$(jq '[.errorReasons[] | select(startswith("unexpected failure"))] | length' "$WORK/check.json")"
printf 'raw reasons:      %d errors whose reason quotes an exception (class name, toString)\n' "$(jq '.rawReasons | length' "$WORK/check.json")"
printf 'vs ffprobe:       %s of %s indexed lengths off by more than 1 %% (or 50 ms), worst ratio %s (%s); ffprobe finds no audio in %s indexed files\n' \
  "$(jq .ffprobe.off "$WORK/check.json")" "$(jq .ffprobe.compared "$WORK/check.json")" "$(jq .ffprobe.worstRatio "$WORK/check.json")" \
  "$(jq -r '.ffprobe.worst // "none"' "$WORK/check.json")" "$(jq .ffprobe.ffprobeSilent "$WORK/check.json")"
printf 'peak RSS:         %s MiB (heap -Xmx%s, budget %s MiB)\n' "$RSS" "$HEAP" "$MAX_RSS"
printf 'service log:      %d lines, %d mentioning jaudiotagger\n' "$LOG_LINES" "$JAT_LINES"
printf 'by kind:          %s\n' "$(jq -c '.byKind' "$WORK/check.json")"
printf 'error reasons:    %s\n' "$(jq -c '.reasons' "$WORK/check.json" | cut -c1-600)"
if [ "$FAILED" = 1 ]; then
  echo "FAILED: inputs, manifest, check and log kept in $DEST"
  exit 1
fi
echo "OK"
