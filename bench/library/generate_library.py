#!/usr/bin/python3
"""Writes a synthetic music library of real, tagged audio files for the library-service benchmark.

Encoding tens of thousands of files with ffmpeg would take hours, so a few short template files are
encoded once per format; every track is a copy of a template whose audio payload is made unique
(8 bytes near the end are overwritten) and whose tags are rewritten with mutagen.

Tag variety: Artist/Album/NN Title layout, album artists, ~4 % of albums are compilations (track
artists differ, album artist "Various Artists" or absent + compilation flag), multi-valued genres,
MusicBrainz ids on ~30 %, years as "1999" or "1999-05-01", ~2 % of files without any tags (path
fallback), ~0.1 % corrupt files (truncated, zero bytes, or not audio at all).

Defaults: 33,636 tracks / 3,757 albums / 2,100 artists, mixed mp3/flac/ogg/m4a.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import uuid

from mutagen.easyid3 import EasyID3
from mutagen.easymp4 import EasyMP4
from mutagen.flac import FLAC
from mutagen.oggvorbis import OggVorbis

FORMATS = [("mp3", 0.45), ("flac", 0.25), ("ogg", 0.15), ("m4a", 0.15)]
GENRES = ["Rock", "Pop", "Jazz", "Electronic", "Hip-Hop", "Folk", "Classical", "Ambient", "Metal", "Soul",
          "Blues", "Reggae", "Punk", "Indie", "House", "Techno", "Country", "R&B", "Funk", "Trip Hop"]
WORDS = ["night", "river", "glass", "summer", "echo", "north", "velvet", "signal", "paper", "golden", "silent",
         "electric", "ocean", "winter", "stone", "fire", "shadow", "light", "city", "dream", "road", "heart"]


def encode_templates(cache):
    os.makedirs(cache, exist_ok=True)
    src = ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=22050:duration=3", "-ac", "1", "-map_metadata", "-1"]
    codecs = {"mp3": ["-c:a", "libmp3lame", "-b:a", "64k"], "flac": ["-c:a", "flac"],
              "ogg": ["-c:a", "libvorbis", "-q:a", "1"], "m4a": ["-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart"]}
    templates = {}
    for fmt, args in codecs.items():
        path = os.path.join(cache, "template." + fmt)
        if not os.path.exists(path):
            subprocess.run(["ffmpeg", "-v", "error", "-y", *src, *args, path], check=True)
        with open(path, "rb") as f:
            templates[fmt] = f.read()
    return templates


def title(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))).title()


def write_tags(path, fmt, tags):
    if fmt == "mp3":
        audio = EasyID3()
        for key, value in tags.items():
            audio[key] = value
        audio.save(path)
        return
    audio = {"flac": FLAC, "ogg": OggVorbis, "m4a": EasyMP4}[fmt](path)
    for key, value in tags.items():
        if fmt == "m4a" and key in ("musicbrainz_trackid", "musicbrainz_albumid", "musicbrainz_artistid", "compilation"):
            continue
        audio[key] = value
    audio.save()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--tracks", type=int, default=33636)
    parser.add_argument("--albums", type=int, default=3757)
    parser.add_argument("--artists", type=int, default=2100)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    templates = encode_templates(os.path.join(args.out, ".templates"))
    artists = [f"{'The ' if rng.random() < 0.15 else ''}{title(rng)} {i}" for i in range(args.artists)]
    # every artist gets an album first, then the rest spread at random
    album_artist = [i % args.artists if i < args.artists else rng.randrange(args.artists) for i in range(args.albums)]
    compilation = [rng.random() < 0.04 for _ in range(args.albums)]
    album_titles = [f"{title(rng)} {i}" for i in range(args.albums)]
    album_mbid = [str(uuid.UUID(int=rng.getrandbits(128))) if rng.random() < 0.3 else None for _ in range(args.albums)]
    album_year = [rng.randint(1955, 2024) for _ in range(args.albums)]
    # track counts per album: every album at least one, total = --tracks
    per_album = [1] * args.albums
    for _ in range(args.tracks - args.albums):
        per_album[rng.randrange(args.albums)] += 1

    fmt_names = [f for f, _ in FORMATS]
    fmt_weights = [w for _, w in FORMATS]
    written = corrupt = untagged = 0
    for album in range(args.albums):
        fmt_album = rng.choices(fmt_names, fmt_weights)[0]
        comp = compilation[album]
        artist_dir = "Various Artists" if comp else artists[album_artist[album]]
        folder = os.path.join(args.out, safe(artist_dir), safe(album_titles[album]))
        os.makedirs(folder, exist_ok=True)
        genres = rng.sample(GENRES, rng.randint(1, 2))
        for n in range(1, per_album[album] + 1):
            track_title = title(rng)
            path = os.path.join(folder, f"{n:02d} {safe(track_title)}.{fmt_album}")
            data = bytearray(templates[fmt_album])
            data[-64:-56] = rng.getrandbits(64).to_bytes(8, "little")
            roll = rng.random()
            if roll < 0.001:
                kind = rng.choice(["truncate", "empty", "text"])
                payload = {"truncate": bytes(data[:100]), "empty": b"", "text": b"not audio at all\n"}[kind]
                with open(path, "wb") as f:
                    f.write(payload)
                corrupt += 1
                written += 1
                continue
            with open(path, "wb") as f:
                f.write(data)
            if roll < 0.021:
                untagged += 1
                written += 1
                continue
            track_artist = artists[rng.randrange(args.artists)] if comp else artists[album_artist[album]]
            tags = {"title": track_title, "artist": track_artist, "album": album_titles[album],
                    "tracknumber": f"{n}/{per_album[album]}" if rng.random() < 0.5 else str(n),
                    "date": str(album_year[album]) if rng.random() < 0.7 else f"{album_year[album]}-05-01",
                    "genre": genres if fmt_album != "mp3" else ["; ".join(genres)]}
            if comp:
                # EasyMP4 cannot write the compilation flag, so M4A compilations always name their album artist
                if rng.random() < 0.5 or fmt_album == "m4a":
                    tags["albumartist"] = "Various Artists"
                if fmt_album != "m4a":
                    tags["compilation"] = "1"
            elif rng.random() < 0.6:
                tags["albumartist"] = artists[album_artist[album]]
            if album_mbid[album]:
                tags["musicbrainz_albumid"] = album_mbid[album]
                tags["musicbrainz_trackid"] = str(uuid.UUID(int=rng.getrandbits(128)))
            write_tags(path, fmt_album, tags)
            written += 1
        if album % 500 == 0:
            print(f"{album}/{args.albums} albums, {written} files", file=sys.stderr)
    shutil.rmtree(os.path.join(args.out, ".templates"), ignore_errors=True)
    print(f"wrote {written} files ({untagged} untagged, {corrupt} corrupt) in {args.albums} albums by {args.artists} artists to {args.out}")


def safe(name):
    return name.replace("/", "-").strip() or "_"


if __name__ == "__main__":
    main()
