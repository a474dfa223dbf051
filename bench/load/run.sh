#!/usr/bin/env bash
# Load on playlist-service while an analysis run is going: CLIENTS concurrent clients POST SIZE-track
# transition-ordered playlists for SECONDS after WARMUP seconds (default 10, not measured); prints
# throughput, latency percentiles and errors.
#   bench/load/run.sh MUSIC_DIR [CLIENTS=16] [SECONDS=60] [SIZE=50]
# Starts its own local stack (embedded PostgreSQL in a temporary directory, ports 18081-18084), scans and
# analyses MUSIC_DIR, then starts a forced re-analysis of everything and drives the load during it.
# DATA=dir keeps the database there and reuses it next time (a large library is scanned and analysed once);
# PREPARE_ONLY=1 stops after that first analysis. SYNTHETIC_ANALYSES=1 replaces the first analysis with random
# feature vectors written by SQL (psql needed) in analyzer version 2's layout (93 values, what sonic-service writes,
# so no track is left pending): for a library too large to analyse before the load starts;
# the forced re-analysis during the load is real either way. MIN_TRACK_SECONDS (default 0) is the playlists'
# default minTrackSeconds: the library benchmark's files are 3 s long, which the service's default of 30 leaves out.
set -euo pipefail
home="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$home"
. bin/jdk.sh
music="${1:?usage: bench/load/run.sh MUSIC_DIR [CLIENTS] [SECONDS]}"
clients="${2:-16}"
seconds="${3:-60}"
size="${4:-50}"
data="${DATA:-$(mktemp -d)}"
mkdir -p "$data"
[ -f e2e/target/segue-e2e-0.1.0-SNAPSHOT.jar ] || ./mvnw -B -q -ntp package -DskipTests
export SEGUE_LIBRARY_URL=http://localhost:18081 SEGUE_ENRICHMENT_URL=http://localhost:18082 \
       SEGUE_SONIC_URL=http://localhost:18083 SEGUE_PLAYLIST_URL=http://localhost:18084
QUARKUS_REST_CLIENT_MUSICBRAINZ_URL=http://localhost:9 QUARKUS_REST_CLIENT_LASTFM_URL=http://localhost:9 \
SEGUE_PLAYLIST_INDEX_REFRESH_INTERVAL=5s SEGUE_PLAYLIST_DEFAULTS_MIN_TRACK_SECONDS="${MIN_TRACK_SECONDS:-0}" \
  bin/segue-local --music "$music" --data "$data/pg" --pg-port 54420 --port 18081 > "$data/stack.log" 2>&1 &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack 2>/dev/null; [ -n "${DATA:-}" ] || rm -rf "$data"' EXIT
until curl -fsS localhost:18084/q/health/ready >/dev/null 2>&1; do sleep 1; kill -0 $stack || { cat "$data/stack.log"; exit 1; }; done

bin/segue scan >/dev/null
cancel_analysis_runs() {
  for run in $(curl -fsS 'localhost:18083/api/analysis/runs?size=5' | grep -o '"id":[0-9]*' | cut -d: -f2); do
    curl -fsS -X DELETE "localhost:18083/api/analysis/runs/$run" >/dev/null 2>&1 || true
  done
}
if [ -n "${SYNTHETIC_ANALYSES:-}" ]; then
  cancel_analysis_runs
  PGPASSWORD=postgres psql -q -h localhost -p 54420 -U postgres -d segue -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO sonic_analyses (track_id, analyzer_version, status, decoder, content_key, duration_ms, analysis_ms)
SELECT id, 2, 'ok', 'synthetic', content_key, duration_ms, 0 FROM tracks WHERE status = 'present'
ON CONFLICT DO NOTHING;
INSERT INTO sonic_segments (track_id, analyzer_version, segment, start_ms, length_ms, features)
SELECT a.track_id, 2, s.segment, 0, 30000,
       ARRAY(SELECT (random() * 100 + a.track_id * 0)::real FROM generate_series(1, 93))
FROM sonic_analyses a CROSS JOIN (VALUES ('beginning'), ('middle'), ('end'), ('average')) AS s (segment)
WHERE a.decoder = 'synthetic'
ON CONFLICT DO NOTHING;
SQL
else
  bin/segue analyze >/dev/null || true
fi
until curl -fsS localhost:18083/api/analysis/stats | grep -q '"pending":0'; do sleep 2; done
curl -fsS -X POST localhost:18084/api/index/refresh >/dev/null
[ -z "${PREPARE_ONLY:-}" ] || { echo "prepared: $(curl -fsS localhost:18083/api/analysis/stats)"; exit 0; }
seeds=$(curl -fsS 'localhost:18081/api/tracks?size=200' | grep -o '"id":[0-9]*' | cut -d: -f2 | head -100 | paste -sd, -)

cancel_analysis_runs
curl -fsS -X POST localhost:18083/api/analysis/runs -H 'Content-Type: application/json' \
  -d '{"scope":"all","force":true}' >/dev/null
echo "analysis run (forced, all tracks) started; load: $clients clients for $seconds s"
java -cp "e2e/target/segue-e2e-0.1.0-SNAPSHOT.jar:e2e/target/lib/*" dev.segue.e2e.LoadDriver \
  http://localhost:18084 "$clients" "$seconds" "$seeds" "$size" "${WARMUP:-10}"
echo "analysis during the load: $(curl -fsS localhost:18083/api/analysis/runs?size=1)"
