#!/usr/bin/env bash
# The docker-compose.yml stack used as a user would: `up --build`, four services ready, then a small music folder
# (tagged, untagged, non-ASCII-named and broken files) scanned, analysed and made into a playlist and an M3U through the published
# ports only, then `down -v`. Prints how long each step took. Not part of .ci/run (minutes, needs a container engine).
#   bench/compose/run.sh                 # Docker: docker compose (or docker-compose)
#   PODMAN=1 bench/compose/run.sh        # podman's Docker API (as root); run ../shared/tools/compose-smoke.sh once
#                                        # before on a machine without registry access: it builds the base images
# KEEP=1 leaves the stack running; WORK=DIR keeps the music folder, logs and M3U there (default a temp dir);
# CHECKOUT=DIR builds another checkout (e.g. the clone compose-smoke.sh built, reusing its image layers);
# COMPOSE_YML=FILE runs that compose file instead of the checkout's.
set -euo pipefail
home="${CHECKOUT:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$home"
work="${WORK:-$(mktemp -d /tmp/segue-compose.XXXXXX)}"
mkdir -p "$work/music"
chmod 755 "$work" "$work/music"
t0=$SECONDS
say() { printf '[%3ds] %s\n' $((SECONDS - t0)) "$*"; }
fail() { say "FAILED: $*"; exit 1; }

if [ "${PODMAN:-0}" = 1 ]; then
  sock=/run/podman/podman.sock
  mkdir -p /run/podman
  podman system service --time=0 "unix://$sock" > "$work/podman-service.log" 2>&1 & service=$!
  # podman runs healthchecks from systemd timers; without systemd compose's service_healthy would never come
  ( while true; do for c in $(podman ps --filter health=starting --filter health=unhealthy --filter health=healthy --format '{{.Names}}'); do
      podman healthcheck run "$c" > /dev/null 2>&1 || true; done; sleep 5; done ) > /dev/null 2>&1 & health=$!
  trap 'kill $health $service 2> /dev/null || true' EXIT
  for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.2; done
  export DOCKER_HOST="unix://$sock"
fi
if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

# the host may hold 8081-8084 (a bin/segue-local): publish 18081-18084 then
file="${COMPOSE_YML:-$home/docker-compose.yml}" off=0
if ss -ltn | grep -qE ':808[1-4]\b'; then
  sed -E 's/- "(808[1-4]):/- "1\1:/' "$file" > "$work/compose.yml"
  file="$work/compose.yml" off=10000
fi
compose+=(-p segue-bench --project-directory "$home" -f "$file")
url() { echo "http://127.0.0.1:$(($1 + off))"; }

say "music folder in $work/music: 3 albums (mp3, flac, ogg), 2 untagged files, 1 non-ASCII name, 1 broken file"
for album in "Neon Coast|Night Drive|Electronic|mp3|124|220" "Granite|Stone Garden|Rock|ogg|150|110" "Pale Orchard|Low Sun|Folk|flac|96|330"; do
  IFS='|' read -r artist title genre format bpm hz <<< "$album"
  mkdir -p "$work/music/$artist/$title"
  for n in 1 2 3 4; do
    case $format in mp3) codec=(-c:a libmp3lame -b:a 128k -id3v2_version 3) ;; ogg) codec=(-c:a libvorbis) ;; flac) codec=(-c:a flac) ;; esac
    ffmpeg -v error -y -f lavfi -i "aevalsrc='0.6*sin(2*PI*$((hz + 37 * n))*t)*exp(-12*mod(t,$(echo "scale=4; 60/($bpm+$n)" | bc)))':s=44100:d=30" \
      -ac 2 -metadata "artist=$artist" -metadata "album=$title" -metadata "title=${title%% *} $n" -metadata "track=$n" \
      -metadata "genre=$genre" "${codec[@]}" "$work/music/$artist/$title/0$n ${title%% *} $n.$format"
  done
done
mkdir -p "$work/music/unsorted"
ffmpeg -v error -y -f lavfi -i sine=frequency=440:duration=30 -ac 2 -map_metadata -1 "$work/music/unsorted/track1.mp3"
ffmpeg -v error -y -f lavfi -i sine=frequency=523:duration=30 -ac 2 -map_metadata -1 -c:a libvorbis "$work/music/unsorted/track2.ogg"
# a non-ASCII name: read only when the container's locale decodes file names as UTF-8
ffmpeg -v error -y -f lavfi -i sine=frequency=659:duration=30 -ac 2 -metadata "title=Café ソナタ" "$work/music/unsorted/Café ソナタ.mp3"
echo "not audio" > "$work/music/unsorted/broken.mp3"
chmod -R a+rX "$work/music"

export MUSIC_DIR="$work/music" POSTGRES_PASSWORD="bench-$RANDOM$RANDOM"
say "${compose[*]} up --build -d"
up=$SECONDS
"${compose[@]}" up --build -d > "$work/compose-up.log" 2>&1 || { tail -30 "$work/compose-up.log"; fail "up"; }
finish() {
  "${compose[@]}" logs --no-color > "$work/compose-logs.txt" 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || "${compose[@]}" down -v > "$work/compose-down.log" 2>&1 || true
}
trap 'finish; kill ${health:-} ${service:-} 2> /dev/null || true' EXIT
say "up returned after $((SECONDS - up)) s; waiting for /q/health/ready of the four services"
ready=0
for _ in $(seq 120); do
  ready=0
  for p in 8081 8082 8083 8084; do curl -fs -m 3 -o /dev/null "$(url $p)/q/health/ready" && ready=$((ready + 1)); done
  [ $ready = 4 ] && break
  sleep 3
done
say "$ready/4 services ready, $((SECONDS - up)) s after up"
[ $ready = 4 ] || fail "only $ready/4 services ready (logs: $work/compose-logs.txt)"

json() { curl -fsS -m 10 "$@"; }
scan_started=$SECONDS
# the path of the Location header, asked at the published port (a proxy in between may rename the host)
location="$(url 8081)$(curl -fsS -o /dev/null -D - -X POST "$(url 8081)/api/scans" -H 'Content-Type: application/json' -d '{}' \
  | tr -d '\r' | sed -nE 's#^[Ll]ocation: (https?://[^/]+)?##p')"
[ "$location" != "$(url 8081)" ] || fail "no scan started"
until json "$location" | grep -q '"status":"\(completed\|failed\|aborted\)"'; do sleep 1; done
scan=$(json "$location")
echo "$scan" | grep -q '"status":"completed"' || fail "scan: $scan"
[ "$(echo "$scan" | jq '.errors')" = 1 ] || fail "scan: only broken.mp3 may fail (a non-ASCII name fails without a UTF-8 locale): $scan"
say "scan completed in $((SECONDS - scan_started)) s: $(echo "$scan" | jq -c '{done, newTracks, failed}')"

analysis_started=$SECONDS
for _ in $(seq 300); do
  stats=$(json "$(url 8083)/api/analysis/stats" || true)
  [ "$(echo "$stats" | jq -r '.presentTracks > 0 and .pending == 0' 2> /dev/null)" = true ] && break
  sleep 2
done
echo "$stats" | jq -e '.pending == 0' > /dev/null || fail "analysis did not finish: $stats"
say "analysis done $((SECONDS - analysis_started)) s after the scan: $(echo "$stats" | jq -c '{presentTracks, analysed, pending}')"

json -X POST "$(url 8084)/api/index/refresh" > /dev/null
seed=$(json "$(url 8081)/api/tracks?q=night&size=1" | jq '.items[0].id')
playlist=$(curl -sS -m 30 -D "$work/playlist-headers.txt" -X POST "$(url 8084)/api/playlists" -H 'Content-Type: application/json' \
  -d '{"seeds":['"$seed"'],"size":8,"name":"compose bench"}')
grep -q '^HTTP/[0-9.]* 201' "$work/playlist-headers.txt" || fail "playlist: $playlist"
id=$(echo "$playlist" | jq '.id')
json "$(url 8084)/api/playlists/$id.m3u8" > "$work/compose-bench.m3u8"
entries=$(grep -cv '^#' "$work/compose-bench.m3u8" || true)
head -1 "$work/compose-bench.m3u8" | grep -q '^#EXTM3U' || fail "no M3U"
say "playlist $id built through the containers: $(echo "$playlist" | jq '.tracks | length') tracks, M3U with $entries entries ($work/compose-bench.m3u8)"
say "done in $((SECONDS - t0)) s: 4/4 ready, scan, analysis and playlist through the published ports"
