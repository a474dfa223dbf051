#!/usr/bin/env bash
# Generates N distinct 4-minute synthetic MP3s (tones, chords, noise, a beat at varying tempo).
# usage: generate-mp3s.sh OUT_DIR [N=60] [DISTINCT=12]
set -euo pipefail
out=${1:?output dir}; n=${2:-60}; distinct=${3:-12}
mkdir -p "$out"
for ((i = 0; i < distinct; i++)); do
  f="$out/synthetic-$(printf %03d "$i").mp3"
  [[ -s $f ]] && continue
  bpm=$((80 + i * 9)); root=$((110 + i * 13))
  period=$(python3 -c "print(60/$bpm)")
  # tone chord + pink noise + a decaying noise "kick" every beat
  ffmpeg -nostdin -v error -y \
    -f lavfi -i "aevalsrc=0.2*sin(2*PI*${root}*t)+0.15*sin(2*PI*${root}*1.26*t)+0.12*sin(2*PI*${root}*1.5*t):s=44100:d=240" \
    -f lavfi -i "anoisesrc=c=pink:a=0.05:r=44100:d=240" \
    -f lavfi -i "aevalsrc=0.8*exp(-mod(t\,${period})*40)*(random(0)*2-1):s=44100:d=240" \
    -filter_complex "[0][1][2]amix=inputs=3:normalize=0,aformat=channel_layouts=stereo" \
    -c:a libmp3lame -b:a 192k "$f"
done
for ((i = distinct; i < n; i++)); do
  src="$out/synthetic-$(printf %03d $((i % distinct))).mp3"
  cp -n "$src" "$out/synthetic-$(printf %03d "$i").mp3"
done
ls "$out"/*.mp3 | wc -l
