#!/usr/bin/env bash
# Regenerates the small audio fixtures the library-service tests copy and retag.
# Each is 1 s of a 440 Hz tone, mono, low bitrate, with no tags (tests write tags with jaudiotagger).
# Requires ffmpeg. Run from this directory: ./generate-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
src=(-f lavfi -i "sine=frequency=440:sample_rate=22050:duration=1" -ac 1 -map_metadata -1)
ffmpeg -v error -y "${src[@]}" -c:a libmp3lame -b:a 32k -id3v2_version 0 -write_xing 1 tone.mp3
ffmpeg -v error -y "${src[@]}" -c:a flac tone.flac
ffmpeg -v error -y "${src[@]}" -c:a libvorbis -q:a 0 tone.ogg
ffmpeg -v error -y -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=1" -ac 1 -map_metadata -1 -c:a libopus -b:a 24k tone.opus
ffmpeg -v error -y "${src[@]}" -c:a aac -b:a 32k -movflags +faststart tone.m4a
ffmpeg -v error -y "${src[@]}" -c:a pcm_s16le tone.wav
# Opus with tags (jaudiotagger cannot write Opus comments, so ffmpeg does)
ffmpeg -v error -y -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=1" -ac 1 -map_metadata -1 -c:a libopus -b:a 24k \
  -metadata title="Opus Title" -metadata artist="Opus Artist" -metadata album="Opus Album" -metadata track="4/9" \
  -metadata date="2011" -metadata genre="Ambient" tagged.opus
