#!/usr/bin/env bash
# library-service scan benchmark: full scan, no-change rescan, and beets (`beet import -A -q`) on the same files.
#
# Usage: bench/library/run_bench.sh LIBRARY_DIR
#   LIBRARY_DIR     written by bench/library/generate_library.py
#   SKIP_BEETS=1    only the Segue figures
#   PORT, PG_PORT   the service's and the throwaway PostgreSQL's ports (18081, 55432)
#   SEGUE_JAR       the quarkus-run.jar to measure (default: this checkout's package), e.g. a copy of main's for a before/after
#   BEETS_FILES     files beets imports (default 3000, copied from LIBRARY_DIR; "all" = the whole library);
#                   with a subset, the beets time for the whole library is extrapolated from its rate
#   QUARKUS_DATASOURCE_JDBC_URL/_USERNAME/_PASSWORD  use this PostgreSQL instead of a throwaway local cluster
# Needs: a packaged service (./mvnw -B -pl library-service -am package -DskipTests), java >= 21, curl, jq,
# beet, and initdb/pg_ctl on the PATH when no database is given. Prints the figures at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIB=$(realpath "${1:?usage: run_bench.sh LIBRARY_DIR}")
BEETS_FILES=${BEETS_FILES:-3000}
PORT=${PORT:-18081}
PG_PORT=${PG_PORT:-55432}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=${SEGUE_JAR:-library-service/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -pl library-service -am package -DskipTests" >&2; exit 1; }
WORK=$(mktemp -d /tmp/segue-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -d "$WORK/pg" ]; then as_pg pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  cp "$WORK/service.log" /tmp/segue-bench-service.log 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  mkdir "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg"; fi
  as_pg initdb -D "$WORK/pg" -U segue --auth=trust >/dev/null
  as_pg pg_ctl -D "$WORK/pg" -o "-p $PG_PORT -k $WORK/pg -c fsync=off -c synchronous_commit=off" -l "$WORK/pg/server.log" -w start >/dev/null
  as_pg createdb -h localhost -p "$PG_PORT" -U segue segue
  export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/segue QUARKUS_DATASOURCE_USERNAME=segue QUARKUS_DATASOURCE_PASSWORD=
fi

FILES=$(find "$LIB" -type f \( -name '*.mp3' -o -name '*.flac' -o -name '*.ogg' -o -name '*.m4a' \) | wc -l)
echo "library: $LIB, $FILES audio files, $(du -sh "$LIB" | cut -f1)"
echo "warming the page cache"
find "$LIB" -type f -print0 | xargs -0 cat > /dev/null

# enrichment and sonic stand-in: answers every notification with 202, as the real services do
/usr/bin/python3 - "$((PORT + 1))" > "$WORK/stub.log" 2>&1 <<'PY' &
import http.server, sys
class Stub(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(202)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id":1,"status":"running"}')
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
PY
PIDS+=($!)
SEGUE_LIBRARY_ROOTS="$LIB" SEGUE_LIBRARY_SCAN_CRON=off QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_REST_CLIENT_ENRICHMENT_SERVICE_URL=http://localhost:$((PORT + 1)) \
  QUARKUS_REST_CLIENT_SONIC_SERVICE_URL=http://localhost:$((PORT + 1)) \
  "$JAVA" -jar "$JAR" > "$WORK/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null && break
  sleep 0.5
done
curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null || { cat "$WORK/service.log"; echo "service did not become ready" >&2; exit 1; }

scan() {
  local start id run status
  start=$(date +%s.%N)
  id=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{}' "http://localhost:$PORT/api/scans" | jq -r .id)
  while true; do
    run=$(curl -sf "http://localhost:$PORT/api/scans/$id")
    status=$(jq -r .status <<<"$run")
    [ "$status" != running ] && break
    sleep 0.2
  done
  SCAN_SECONDS=$(echo "$(date +%s.%N) - $start" | bc)
  SCAN_RUN=$run
  echo "scan $id: $(jq -c '{status, total, newTracks, updated, unchanged, moved, missing, failed, ratePerSecond}' <<<"$run")"
}

echo "full scan"
scan
FULL=$SCAN_SECONDS
FULL_RUN=$SCAN_RUN
echo "no-change rescan"
scan
RESCAN=$SCAN_SECONDS
curl -sf "http://localhost:$PORT/api/stats" | jq -c . | sed 's/^/stats: /'

curl -sf "http://localhost:$PORT/q/metrics" > /tmp/segue-bench-metrics.txt || true
if [ "${SKIP_BEETS:-}" = 1 ]; then
  printf '\nfull scan: %.1f s, %.0f files/s; no-change rescan: %.1f s\n' "$FULL" "$(echo "$FILES / $FULL" | bc -l)" "$RESCAN"
  exit 0
fi
echo "beets"
if [ "$BEETS_FILES" = all ]; then
  BEETS_DIR=$LIB
  BEETS_N=$FILES
else
  BEETS_DIR=$WORK/beets-subset
  mkdir -p "$BEETS_DIR"
  # whole albums in path order: the first BEETS_FILES files
  (cd "$LIB" && find . -type f \( -name '*.mp3' -o -name '*.flac' -o -name '*.ogg' -o -name '*.m4a' \) | sort > "$WORK/files.txt")
  head -n "$BEETS_FILES" "$WORK/files.txt" > "$WORK/subset.txt"
  (cd "$LIB" && xargs -d '\n' cp -p --parents -t "$BEETS_DIR" < "$WORK/subset.txt")
  BEETS_N=$(find "$BEETS_DIR" -type f | wc -l)
fi
cat > "$WORK/beets.yaml" <<YAML
directory: $WORK/beets-music
library: $WORK/beets.db
import:
  copy: no
  write: no
  log: $WORK/beets-import.log
plugins: []
YAML
BSTART=$(date +%s.%N)
beet -c "$WORK/beets.yaml" import -A -q "$BEETS_DIR" > "$WORK/beets.out" 2>&1
BEETS_SECONDS=$(echo "$(date +%s.%N) - $BSTART" | bc)
BEETS_ITEMS=$(beet -c "$WORK/beets.yaml" stats 2>/dev/null | awk -F': ' '/Tracks/ {print $2}')
BEETS_FULL=$(echo "scale=1; $BEETS_SECONDS * $FILES / $BEETS_N" | bc)

printf '\n== library-service scan benchmark ==\n'
printf 'files:                 %d (%s)\n' "$FILES" "$LIB"
printf 'full scan:             %.1f s, %.0f files/s  (%s)\n' "$FULL" "$(echo "$FILES / $FULL" | bc -l)" \
  "$(jq -c '{total, newTracks, failed}' <<<"$FULL_RUN")"
printf 'no-change rescan:      %.1f s\n' "$RESCAN"
printf 'beets import -A -q:    %.1f s for %d files (%s imported), %.0f files/s\n' "$BEETS_SECONDS" "$BEETS_N" "${BEETS_ITEMS:-?}" \
  "$(echo "$BEETS_N / $BEETS_SECONDS" | bc -l)"
if [ "$BEETS_N" != "$FILES" ]; then
  printf 'beets, all %d files:   %.1f s (extrapolated from the subset rate)\n' "$FILES" "$BEETS_FULL"
fi
printf 'ratio beets/segue:     %.1fx\n' "$(echo "$BEETS_FULL / $FULL" | bc -l)"
