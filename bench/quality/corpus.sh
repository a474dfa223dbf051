#!/usr/bin/env bash
# Builds a labelled corpus of game soundtracks from Debian packages: one folder per package (a folder is
# one soundtrack: one composer or team, one style), only real music: ogg/opus/mp3/flac/wav files that
# ffprobe says last 30 s or more, the first 40 by path inside the package; a package with fewer than 5
# such files is left out. Files too small to hold 30 s (< 40 KB, WAV < 240 KB) are not probed.
#
#   bench/quality/corpus.sh DIR [PKG...]     default DIR /tmp/segue-quality/dev, default PKGs the development set
#   bench/quality/corpus.sh --held-out DIR   the held-apart set (never tune on it)
#
# Writes DIR/<pkg>/NNN-<file name>, DIR/counts.tsv (what was found and taken) and DIR/.ready when complete.
# Needs apt-get (Debian's archive), dpkg and ffprobe. Downloads are cached in $SEGUE_DEB_CACHE
# (default /tmp/segue-quality/debs); a package already in DIR is not fetched again.
set -euo pipefail

DEV_PACKAGES="wesnoth-1.16-music warzone2100-music supertux-data xmoto-data hedgewars-data supertuxkart-data widelands-data"
HELD_OUT_PACKAGES="asc-music drascula-music frozen-bubble-data pingus-data neverball-data boswars-data lincity-ng-data extremetuxracer-data marsshooter-data nexuiz-music"
MAX_FILES=40 MIN_FILES=5 MIN_SECONDS=30

packages=$DEV_PACKAGES
if [ "${1:-}" = "--held-out" ]; then
  packages=$HELD_OUT_PACKAGES; shift
  dir=${1:-/tmp/segue-quality/held-out}; shift || true
else
  dir=${1:-/tmp/segue-quality/dev}; shift || true
fi
[ $# -gt 0 ] && packages="$*"
cache=${SEGUE_DEB_CACHE:-/tmp/segue-quality/debs}
command -v ffprobe >/dev/null || { echo "ffprobe is missing: apt-get install ffmpeg" >&2; exit 1; }
mkdir -p "$dir" "$cache"

# seconds of audio in a file, or nothing when ffprobe cannot tell
duration() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1" </dev/null 2>/dev/null | head -1; }

long_enough() {
  local f=$1 min_bytes=40000 d
  case ${f,,} in *.wav) min_bytes=240000 ;; esac
  [ "$(stat -c %s "$f")" -ge $min_bytes ] || return 1
  d=$(duration "$f")
  [[ $d =~ ^[0-9.]+$ ]] && awk -v d="$d" -v m=$MIN_SECONDS 'BEGIN { exit !(d >= m) }'
}

rows=()
for pkg in $packages; do
  if [ -f "$dir/$pkg/.taken" ]; then rows+=("$(cat "$dir/$pkg/.taken")"); continue; fi
  work="$cache/$pkg"; mkdir -p "$work"
  if ! compgen -G "$work/*.deb" >/dev/null; then
    (cd "$work" && apt-get download -qq "$pkg" >/dev/null 2>&1) || { rows+=("$pkg	0	0	0	not-downloadable"); continue; }
  fi
  rm -rf "$work/root"; dpkg -x "$work"/*.deb "$work/root"
  mapfile -t audio < <(cd "$work/root" && find . -type f \( -iname '*.ogg' -o -iname '*.opus' -o -iname '*.mp3' \
      -o -iname '*.flac' -o -iname '*.wav' \) | LC_ALL=C sort)
  music=()
  for f in "${audio[@]}"; do long_enough "$work/root/$f" && music+=("$f"); done
  taken=$(( ${#music[@]} < MAX_FILES ? ${#music[@]} : MAX_FILES ))
  if [ ${#music[@]} -lt $MIN_FILES ]; then
    rows+=("$pkg	${#audio[@]}	${#music[@]}	0	too-few-tracks")
  else
    rm -rf "$dir/$pkg"; mkdir -p "$dir/$pkg"
    for ((i = 0; i < taken; i++)); do
      cp "$work/root/${music[$i]}" "$dir/$pkg/$(printf '%03d' $((i + 1)))-$(basename "${music[$i]}")"
    done
    printf '%s\t%s\t%s\t%s\tok\n' "$pkg" "${#audio[@]}" "${#music[@]}" "$taken" > "$dir/$pkg/.taken"
    rows+=("$(cat "$dir/$pkg/.taken")")
  fi
  rm -rf "$work/root"
done
{ printf 'package\taudio_files\tat_least_30s\ttaken\tstatus\n'; printf '%s\n' "${rows[@]}"; } > "$dir/counts.tsv"
touch "$dir/.ready"
cat "$dir/counts.tsv"
