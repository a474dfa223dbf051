#!/usr/bin/python3
"""Tag fuzzer for library-service: seed files, structure-aware mutations, and the accounting check.

  fuzz.py seeds DIR [--wesnoth N]          real audio files with rich tags (ffmpeg, lame, flac, oggenc, mutagen)
  fuzz.py mutate SEEDS OUT --count N --seed S [--index I]
                                           N mutated files (or only number I), one manifest line each
  fuzz.py check URL RUN_ID OUT             every mutated file is a track or a scan error of run RUN_ID

Mutation i depends only on (S, i, the seed files), so any failing file can be regenerated alone.
"""
import argparse
import hashlib
import json
import re
import os
import random
import shutil
import struct
import subprocess
import sys
import urllib.request

WESNOTH = "/usr/share/games/wesnoth/1.16/data/core/music"
AUDIO_EXTENSIONS = ["mp3", "flac", "ogg", "oga", "opus", "m4a", "m4b", "mp4", "wav", "aif", "aiff", "aifc", "wma", "dsf"]
# a reason quoting an exception (class names, toString, a NullPointerException's field): AudioFixtures.RAW_EXCEPTION_TEXT
RAW_EXCEPTION_TEXT = re.compile(r'\b(java|javax|jdk|sun|org|com)\.[a-z]+\.|[A-Za-z]+(Exception|Error)\b|"this\.|\bnull\b'
                                r'|\bat [a-z]+\.|\$\d|@[0-9a-f]{6,}')
# how often each kind of mutation is drawn
KINDS = {
    "bitflip": 30,      # 1..32 bit flips, mostly inside tag/header structures
    "byteburst": 10,    # a run of 1..64 bytes overwritten with 0x00, 0xFF or noise
    "truncate": 14,     # cut at a random offset, mostly inside the headers
    "sizelie": 26,      # a size/length/count field rewritten: 0, tiny, 2 GiB, 4 GiB, past the end...
    "shift": 7,         # bytes inserted into or deleted from the headers: every later offset is off
    "empty": 2,         # zero bytes
    "garbage": 6,       # noise, sometimes behind a real magic number, with an audio extension
    "wrongext": 5,      # a valid file of another format under this extension
}


# ---------------------------------------------------------------- seeds

def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def seeds(out, wesnoth):
    from mutagen import id3, flac, mp4, oggopus, oggvorbis, apev2, wave, aiff
    os.makedirs(out, exist_ok=True)
    tmp = os.path.join(out, ".tmp")
    os.makedirs(tmp, exist_ok=True)
    sine = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=2", "-ac", "1", "-map_metadata", "-1"]
    bitexact = ["-fflags", "+bitexact", "-flags:a", "+bitexact"]
    ff = ["ffmpeg", "-v", "error", "-y"]
    wav = os.path.join(tmp, "src.wav")
    run(*ff, *sine, "-c:a", "pcm_s16le", *bitexact, wav)
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f0"
                        "1f0005000201e2a2b5d40000000049454e44ae426082")
    mbid = "f5a8a3a0-3c1e-4c0a-9a43-9d9a1c2b9e10"
    common = {"title": "Fuzz Title", "artist": "Fuzz Artist", "album": "Fuzz Album", "genre": "Rock; Jazz"}

    def id3_tag(version):
        t = id3.ID3()
        t.add(id3.TIT2(encoding=3 if version == 4 else 1, text="Fuzz Title \u00e9\u00e8"))
        t.add(id3.TPE1(encoding=1, text="Fuzz Artist"))
        t.add(id3.TPE2(encoding=1, text="Fuzz Album Artist"))
        t.add(id3.TALB(encoding=1, text="Fuzz Album"))
        t.add(id3.TRCK(encoding=0, text="3/12"))
        t.add(id3.TPOS(encoding=0, text="1/2"))
        t.add(id3.TCON(encoding=0, text="(17)Rock"))
        t.add(id3.TDRC(encoding=0, text="1999-05-01"))
        t.add(id3.COMM(encoding=1, lang="eng", desc="", text="a comment"))
        t.add(id3.TXXX(encoding=1, desc="MusicBrainz Album Id", text=mbid))
        t.add(id3.UFID(owner="http://musicbrainz.org", data=mbid.encode()))
        t.add(id3.TSRC(encoding=0, text="USRC17607839"))
        t.add(id3.APIC(encoding=0, mime="image/png", type=3, desc="cover", data=png * 20))
        return t

    def mp3(name, version, v1=0, ape=False):
        path = os.path.join(out, name)
        run("lame", "--quiet", "-b", "32", wav, path)
        if version:
            id3_tag(version).save(path, v1=v1, v2_version=version)
        if ape:
            a = apev2.APEv2()
            a.update({"Title": "Fuzz Title", "Artist": "Fuzz Artist", "Album": "Fuzz Album", "Track": "3"})
            a.save(path)
        return path

    mp3("id3v23.mp3", 3, v1=2)
    mp3("id3v24.mp3", 4, v1=2)
    mp3("id3v24-ape.mp3", 4, ape=True)
    path = os.path.join(out, "id3v1-only.mp3")
    run("lame", "--quiet", "-b", "32", "--id3v1-only", "--tt", "Fuzz Title", "--ta", "Fuzz Artist", "--tl", "Fuzz Album",
        "--ty", "1999", "--tn", "3", "--tg", "Rock", wav, path)

    path = os.path.join(out, "vorbis-picture.flac")
    run("flac", "--silent", "-f", "-o", path, wav)
    f = flac.FLAC(path)
    f.update(common)
    f["tracknumber"] = "3/12"
    f["musicbrainz_trackid"] = mbid
    pic = flac.Picture()
    pic.type, pic.mime, pic.desc, pic.data = 3, "image/png", "cover", png * 20
    f.add_picture(pic)
    f.save()
    with open(path, "rb") as src:
        plain_flac = src.read()
    tag = id3_tag(3)
    id3_only = os.path.join(tmp, "id3")
    open(id3_only, "wb").close()
    tag.save(id3_only, v2_version=3)
    with open(id3_only, "rb") as src, open(os.path.join(out, "id3-in-front.flac"), "wb") as dst:
        dst.write(src.read() + plain_flac)

    path = os.path.join(out, "vorbis.ogg")
    run("oggenc", "--quiet", "-s", "1234", "-q", "0", "-t", "Fuzz Title", "-a", "Fuzz Artist", "-l", "Fuzz Album",
        "-N", "3", "-G", "Rock", "-d", "1999", "-c", "MUSICBRAINZ_TRACKID=" + mbid, "-o", path, wav)
    path = os.path.join(out, "vorbis-bigcomment.ogg")
    shutil.copy(os.path.join(out, "vorbis.ogg"), path)
    v = oggvorbis.OggVorbis(path)
    v["comment"] = "x" * 70000  # the comment packet spans several pages
    v.save()

    path = os.path.join(out, "tagged.opus")
    run(*ff, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2", "-ac", "1", "-map_metadata", "-1",
        "-c:a", "libopus", "-b:a", "24k", *bitexact, path)
    o = oggopus.OggOpus(path)
    o.update(common)
    o["tracknumber"] = "3"
    o.save()

    for name, extra in (("faststart.m4a", ["-movflags", "+faststart"]), ("moov-at-end.m4a", [])):
        path = os.path.join(out, name)
        run(*ff, *sine, "-c:a", "aac", "-b:a", "32k", *bitexact, *extra, path)
        m = mp4.MP4(path)
        m["\xa9nam"], m["\xa9ART"], m["\xa9alb"], m["\xa9gen"] = "Fuzz Title", "Fuzz Artist", "Fuzz Album", "Rock"
        m["trkn"] = [(3, 12)]
        m["covr"] = [mp4.MP4Cover(png * 20, imageformat=mp4.MP4Cover.FORMAT_PNG)]
        m.save()
    path = os.path.join(out, "alac.m4a")
    run(*ff, *sine, "-c:a", "alac", *bitexact, "-metadata", "title=Fuzz Title", "-metadata", "artist=Fuzz Artist", path)

    run(*ff, *sine, "-c:a", "pcm_s16le", *bitexact, "-metadata", "title=Fuzz Title", "-metadata", "artist=Fuzz Artist",
        os.path.join(out, "info-list.wav"))
    path = os.path.join(out, "id3-chunk.wav")
    shutil.copy(wav, path)
    w = wave.WAVE(path)
    w.add_tags()
    w.tags.add(id3.TIT2(encoding=3, text="Fuzz Title"))
    w.tags.add(id3.TPE1(encoding=3, text="Fuzz Artist"))
    w.save()
    path = os.path.join(out, "id3-chunk.aiff")
    run(*ff, *sine, "-c:a", "pcm_s16be", *bitexact, path)
    a = aiff.AIFF(path)
    a.add_tags()
    a.tags.add(id3.TIT2(encoding=3, text="Fuzz Title"))
    a.save()

    if wesnoth:
        # the smallest real tracks: mutating a 6 MB file costs a 6 MB write, and the headers are what matters
        music = sorted((os.path.getsize(os.path.join(WESNOTH, n)), n) for n in os.listdir(WESNOTH) if n.endswith(".ogg"))
        for _, name in music[:wesnoth]:
            shutil.copy(os.path.join(WESNOTH, name), os.path.join(out, "wesnoth-" + name))
    shutil.rmtree(tmp)
    digest = hashlib.sha256()
    for name in sorted(os.listdir(out)):
        with open(os.path.join(out, name), "rb") as src:
            digest.update(name.encode() + src.read())
    print("%d seed files in %s, sha256 %s" % (len(os.listdir(out)), out, digest.hexdigest()[:16]))


# ---------------------------------------------------------------- structure: header regions and size fields

class Field:
    """A length/size/count field: where it is and how it is encoded."""

    def __init__(self, name, offset, width, big=True, syncsafe=False):
        self.name, self.offset, self.width, self.big, self.syncsafe = name, offset, width, big, syncsafe


def u32be(b, at):
    return struct.unpack_from(">I", b, at)[0] if at + 4 <= len(b) else 0


def u32le(b, at):
    return struct.unpack_from("<I", b, at)[0] if at + 4 <= len(b) else 0


def syncsafe(b, at):
    return (b[at] << 21) | (b[at + 1] << 14) | (b[at + 2] << 7) | b[at + 3]


def vorbis_comment_fields(b, at, end, prefix):
    """Fields of a Vorbis comment block at b[at:end] (vendor length, count, each comment length)."""
    fields = [Field(prefix + "vendor_length", at, 4, big=False)]
    pos = at + 4 + u32le(b, at)
    if pos + 4 > end:
        return fields
    fields.append(Field(prefix + "comment_count", pos, 4, big=False))
    count = u32le(b, pos)
    pos += 4
    for _ in range(min(count, 64)):
        if pos + 4 > end:
            break
        fields.append(Field(prefix + "comment_length", pos, 4, big=False))
        pos += 4 + u32le(b, pos)
    return fields


def id3v2(b, at=0):
    """(end of tag, fields) for an ID3v2 tag at b[at:], else (at, [])."""
    if b[at:at + 3] != b"ID3" or len(b) < at + 10:
        return at, []
    version = b[at + 3]
    end = at + 10 + syncsafe(b, at + 6)
    fields = [Field("id3v2_tag_size", at + 6, 4, syncsafe=True)]
    pos = at + 10
    while pos + 10 <= min(end, len(b)) and b[pos] != 0:
        size = syncsafe(b, pos + 4) if version == 4 else u32be(b, pos + 4)
        fields.append(Field("id3v2_frame_size", pos + 4, 4, syncsafe=version == 4))
        if b[pos:pos + 4] == b"APIC" or b[pos:pos + 4] == b"COMM":
            fields.append(Field("id3v2_frame_size", pos + 4, 4, syncsafe=version == 4))  # big frames twice as likely
        pos += 10 + size
    return end, fields


def flac_blocks(b, at):
    """(audio start, fields) for FLAC metadata blocks after the marker at b[at:]."""
    pos, fields = at + 4, []
    while pos + 4 <= len(b):
        last, kind = b[pos] & 0x80, b[pos] & 0x7F
        length = int.from_bytes(b[pos + 1:pos + 4], "big")
        fields.append(Field("flac_block_length", pos + 1, 3))
        if kind == 4:
            fields += vorbis_comment_fields(b, pos + 4, pos + 4 + length, "flac_")
        elif kind == 6 and pos + 12 <= len(b):
            p = pos + 8
            fields.append(Field("flac_picture_mime_length", p, 4))
            p += 4 + u32be(b, p)
            fields.append(Field("flac_picture_desc_length", p, 4))
            p += 4 + u32be(b, p) + 16
            fields.append(Field("flac_picture_data_length", p, 4))
        pos += 4 + length
        if last:
            break
    return pos, fields


def ogg_pages(b):
    """(end of the first three pages, fields): page segment counts, lacing, and the comment packet's lengths."""
    pos, fields, page = 0, [], 0
    while page < 3 and pos + 27 <= len(b) and b[pos:pos + 4] == b"OggS":
        segments = b[pos + 26]
        fields.append(Field("ogg_segment_count", pos + 26, 1))
        if segments:
            fields.append(Field("ogg_lacing_value", pos + 27 + (page * 7919) % segments, 1))
        body = pos + 27 + segments
        length = sum(b[pos + 27:body])
        if page == 1:
            magic = 7 if b[body:body + 7] == b"\x03vorbis" else 8 if b[body:body + 8] == b"OpusTags" else None
            if magic:
                fields += vorbis_comment_fields(b, body + magic, body + length, "ogg_")
        pos = body + length
        page += 1
    return pos, fields


MP4_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"ilst", b"dinf", b"edts"}


def mp4_atoms(b, start, end, fields, regions, depth=0):
    pos = start
    while pos + 8 <= end and depth < 8:
        size, kind = u32be(b, pos), b[pos + 4:pos + 8]
        fields.append(Field("mp4_atom_size", pos, 4))
        if kind == b"mdat":
            regions.append((pos, pos + 64))
        if size < 8:
            break
        if kind in MP4_CONTAINERS or kind == b"meta" or (depth >= 4 and kind[:1] in (b"\xa9", b"t", b"c")):
            mp4_atoms(b, pos + 8 + (4 if kind == b"meta" else 0), min(pos + size, end), fields, regions, depth + 1)
        if kind in (b"stsz", b"stco", b"stts", b"stsc") and pos + 16 <= end:
            fields.append(Field("mp4_table_entries", pos + 12 if kind != b"stsz" else pos + 16, 4))
        pos += size


def riff_chunks(b, big):
    """Chunk size fields of a RIFF/WAVE (little-endian) or FORM/AIFF (big-endian) file."""
    fields = [Field("riff_size", 4, 4, big=big)]
    regions, pos = [], 12
    while pos + 8 <= len(b):
        fields.append(Field("riff_chunk_size", pos + 4, 4, big=big))
        size = u32be(b, pos + 4) if big else u32le(b, pos + 4)
        if b[pos:pos + 4] in (b"data", b"SSND"):
            regions.append((pos, pos + 72))
        else:
            regions.append((pos, pos + 8 + size))
        if b[pos:pos + 4] in (b"id3 ", b"ID3 ") and pos + 8 < len(b):
            fields += id3v2(b, pos + 8)[1]
        pos += 8 + size + (size & 1)
    return fields, regions


def structure(b):
    """(header regions [(start, end)], size fields) of a file: where a tag reader spends its time."""
    n = len(b)
    if b[:3] == b"ID3" or (n > 128 and b[-128:-125] == b"TAG"):
        end, fields = id3v2(b)
        if b[end:end + 4] == b"fLaC":
            audio, more = flac_blocks(b, end)
            return [(0, audio + 64)], fields + more
        regions = [(0, min(n, end + 1024))]
        if n > 128 and b[-128:-125] == b"TAG":
            regions.append((n - 128, n))
        ape = b.rfind(b"APETAGEX")
        if ape > 0:
            regions.append((ape, min(n, ape + 32)))
            fields.append(Field("ape_tag_size", ape + 12, 4, big=False))
        return regions, fields
    if b[:4] == b"fLaC":
        audio, fields = flac_blocks(b, 0)
        return [(0, audio + 64)], fields
    if b[:4] == b"OggS":
        end, fields = ogg_pages(b)
        return [(0, end), (max(0, n - 4096), n)], fields
    if b[4:8] == b"ftyp":
        fields, regions = [], []
        mp4_atoms(b, 0, n, fields, regions)
        moov = b.find(b"moov")
        if moov > 3:
            regions.append((moov - 4, moov - 4 + u32be(b, moov - 4)))
        regions.append((0, 64))
        return regions, fields
    if b[:4] == b"RIFF" or b[:4] == b"FORM":
        fields, regions = riff_chunks(b, big=b[:4] == b"FORM")
        return regions or [(0, 64)], fields
    return [(0, min(n, 4096))], []


# ---------------------------------------------------------------- mutations

def pick_offset(rng, regions, n):
    """An offset inside a header region nine times in ten, anywhere otherwise."""
    regions = [(max(0, s), min(n, e)) for s, e in regions if min(n, e) > max(0, s)]
    if regions and rng.random() < 0.9:
        s, e = rng.choice(regions)
        return rng.randrange(s, e)
    return rng.randrange(n)


def lie(rng, field, current, n):
    limit = (1 << (28 if field.syncsafe else field.width * 8)) - 1
    value = rng.choice([0, 1, 7, limit, limit // 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, n, n * 2 + 1,
                        current + 1, max(0, current - 1), current * 256, rng.randrange(limit + 1)])
    value = min(value, limit) if value > limit and rng.random() < 0.7 else value & ((1 << field.width * 8) - 1)
    if field.syncsafe and rng.random() < 0.8:
        value = min(value, 0x0FFFFFFF)
        raw = bytes(((value >> s) & 0x7F) for s in (21, 14, 7, 0))
    else:
        raw = value.to_bytes(field.width, "big" if field.big else "little")
    return raw, value


def mutate_one(rng, b, others):
    """(mutated bytes, kind, detail)."""
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    n = len(b)
    regions, fields = structure(b)
    if kind == "sizelie" and not fields:
        kind = "bitflip"
    if kind == "bitflip":
        out = bytearray(b)
        flips = rng.choice([1, 1, 2, 3, 4, 8, 16, 32])
        for _ in range(flips):
            at = pick_offset(rng, regions, n)
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out), kind, "%d bits" % flips
    if kind == "byteburst":
        out = bytearray(b)
        at = pick_offset(rng, regions, n)
        length = min(rng.randint(1, 64), n - at)
        fill = rng.choice(["zero", "ones", "noise"])
        out[at:at + length] = bytes(length) if fill == "zero" else b"\xff" * length if fill == "ones" else rng.randbytes(length)
        return bytes(out), kind, "%d %s bytes at %d" % (length, fill, at)
    if kind == "truncate":
        at = pick_offset(rng, regions, n) if rng.random() < 0.7 else rng.randrange(n)
        return b[:at], kind, "at %d of %d" % (at, n)
    if kind == "sizelie":
        field = rng.choice(fields)
        width = field.width
        current = int.from_bytes(b[field.offset:field.offset + width], "big" if field.big else "little")
        raw, value = lie(rng, field, current, n)
        out = bytearray(b)
        out[field.offset:field.offset + width] = raw[:max(0, min(width, n - field.offset))]
        return bytes(out[:n]), kind, "%s at %d: %d -> %d" % (field.name, field.offset, current, value)
    if kind == "shift":
        at = pick_offset(rng, regions, n)
        if rng.random() < 0.5:
            length = rng.randint(1, 16)
            return b[:at] + rng.randbytes(length) + b[at:], kind, "%d bytes inserted at %d" % (length, at)
        length = rng.randint(1, 16)
        return b[:at] + b[at + length:], kind, "%d bytes deleted at %d" % (length, at)
    if kind == "empty":
        return b"", kind, "0 bytes"
    if kind == "garbage":
        magic = rng.choice([b"", b"", b"ID3\x03\x00\x00", b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f", b"fLaC", b"OggS\x00\x02",
                            b"\x00\x00\x00\x20ftypM4A ", b"RIFF\xff\xff\xff\xffWAVE", b"FORM\x00\x00\x00\x10AIFF", b"\xff\xfb\x90\x64"])
        length = rng.choice([1, 3, 10, 127, 128, 4096, rng.randrange(1, 65536)])
        return magic + rng.randbytes(length), kind, "%d noise bytes after %r" % (length, magic[:4])
    other = rng.choice(others)
    with open(other, "rb") as src:
        data = src.read()
    return data, kind, "content of " + os.path.basename(other)


def mutate(seeds_dir, out, count, seed, only):
    names = sorted(n for n in os.listdir(seeds_dir) if not n.startswith("."))
    paths = [os.path.join(seeds_dir, n) for n in names]
    # Wesnoth tracks are big: one mutation in ten starts from one of them
    real = [p for p in paths if os.path.basename(p).startswith("wesnoth-")]
    made = [p for p in paths if p not in real]
    cache = {}
    os.makedirs(out, exist_ok=True)
    manifest = open(os.path.join(out, "manifest.jsonl"), "a" if only is not None else "w")
    kinds = {}
    for i in range(count) if only is None else [only]:
        rng = random.Random("%d:%d" % (seed, i))
        source = rng.choice(real) if real and rng.random() < 0.1 else rng.choice(made)
        if source not in cache:
            with open(source, "rb") as src:
                cache[source] = src.read()
            if len(cache) > 40:
                cache.pop(next(iter(cache)))
        data, kind, detail = mutate_one(rng, cache[source], paths)
        ext = os.path.splitext(source)[1][1:]
        if kind == "garbage" and rng.random() < 0.5:
            ext = rng.choice(AUDIO_EXTENSIONS)
        name = os.path.basename(source).rsplit(".", 1)[0]
        target = os.path.join(out, "files", "%03d" % (i // 500), "%06d-%s-%s.%s" % (i, kind, name, ext))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as dst:
            dst.write(data)
        kinds[kind] = kinds.get(kind, 0) + 1
        manifest.write(json.dumps({"index": i, "file": target, "seed": os.path.basename(source), "kind": kind,
                                   "detail": detail, "bytes": len(data)}) + "\n")
    manifest.close()
    print("mutated %d files (seed %d): %s" % (sum(kinds.values()), seed,
                                               ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))


# ---------------------------------------------------------------- accounting

def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def pages(url):
    page = 0
    while True:
        body = get("%s%spage=%d&size=500" % (url, "&" if "?" in url else "?", page))
        yield from body["items"]
        if (page + 1) * 500 >= body["total"]:
            return
        page += 1


def ffprobe_ms(path):
    """The sum of the audio packets' durations ffprobe finds (ms), as GeneratedCorpusTest measures; None if it finds none."""
    try:
        out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=duration_time",
                              "-of", "csv=p=0", path], capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=20).stdout
    except subprocess.TimeoutExpired:
        return None
    total = 0.0
    for line in out.splitlines():
        value = line.split(",")[0].strip()
        try:
            total += float(value)
        except ValueError:
            pass
    return total * 1000 if total > 0 else None


def lengths_vs_ffprobe(durations):
    """Indexed lengths against ffprobe's: how many differ by more than 1 % (or 50 ms), and the worst ratio."""
    from concurrent.futures import ThreadPoolExecutor
    paths = sorted(durations)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        probed = dict(zip(paths, pool.map(ffprobe_ms, paths)))
    off, silent, worst, worst_file = 0, 0, 1.0, None
    for path in paths:
        stored, measured = durations[path], probed[path]
        if measured is None:
            silent += 1
            continue
        if stored is None or abs(stored - measured) > max(50, measured / 100):
            off += 1
            ratio = max(stored / measured, measured / stored) if stored else float("inf")
            if ratio > worst:
                worst, worst_file = ratio, "%s: %s ms stored, ffprobe %.0f ms" % (os.path.basename(path), stored, measured)
    return {"compared": len(paths) - silent, "off": off, "ffprobeSilent": silent, "worstRatio": round(worst, 3),
            "worst": worst_file}


def check(base, run_id, out):
    manifest = [json.loads(line) for line in open(os.path.join(out, "manifest.jsonl"))]
    files = {os.path.realpath(m["file"]): m for m in manifest}
    durations = {t["filePath"]: t.get("durationMs") for t in pages(base + "/api/tracks")}
    tracks = set(durations)
    errors = {}
    for e in pages("%s/api/scans/%s/errors" % (base, run_id)):
        errors[e["path"]] = e["reason"]
    indexed = tracks & files.keys()
    failed = errors.keys() & files.keys()
    both = indexed & failed
    missing = files.keys() - indexed - failed
    strangers = (tracks | errors.keys()) - files.keys()
    reasons, samples = {}, {}
    for path in sorted(failed):
        reason = errors[path]
        key = reason.split(":")[0][:60]
        reasons[key] = reasons.get(key, 0) + 1
        samples.setdefault(key, "%s: %s" % (os.path.basename(path), reason))
    result = {"files": len(files), "indexed": len(indexed), "errors": len(failed), "both": len(both),
              "unaccounted": sorted(missing), "strangers": sorted(strangers)[:20],
              "reasons": dict(sorted(reasons.items(), key=lambda kv: -kv[1])), "samples": samples,
              "errorReasons": {os.path.basename(p): errors[p] for p in sorted(failed)}}
    by_kind = {}
    for path, m in files.items():
        k = by_kind.setdefault(m["kind"], {"files": 0, "indexed": 0, "errors": 0})
        k["files"] += 1
        outcome = "indexed" if path in indexed else "errors" if path in failed else "unaccounted"
        k[outcome] = k.get(outcome, 0) + 1
    result["byKind"] = by_kind
    result["rawReasons"] = sorted(r for r in errors.values() if RAW_EXCEPTION_TEXT.search(r))[:20]
    result["ffprobe"] = lengths_vs_ffprobe({p: durations[p] for p in indexed})
    json.dump(result, sys.stdout)
    print()


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("seeds")
    s.add_argument("dir")
    s.add_argument("--wesnoth", type=int, default=8)
    m = sub.add_parser("mutate")
    m.add_argument("seeds")
    m.add_argument("out")
    m.add_argument("--count", type=int, default=3000)
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--index", type=int)
    c = sub.add_parser("check")
    c.add_argument("url")
    c.add_argument("run")
    c.add_argument("out")
    a = p.parse_args()
    if a.cmd == "seeds":
        seeds(a.dir, a.wesnoth)
    elif a.cmd == "mutate":
        mutate(a.seeds, a.out, a.count, a.seed, a.index)
    else:
        check(a.url, a.run, a.out)


if __name__ == "__main__":
    main()
