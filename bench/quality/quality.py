#!/usr/bin/env python3
"""Playlist quality on labelled music: a folder of the corpus is one soundtrack (see docs/benchmarks.md).

  bench/quality/run.sh [--corpus DIR] [--no-genre-tags] [--port-base 18080] ...

Starts the local stack (bin/segue-local) on its own ports and database, scans the corpus, analyses it, writes
the file genres (no internet: no Last.fm or MusicBrainz genres), then measures through the REST API:
  - /similar?limit=10 same-soundtrack precision@10 per soundtrack and overall, against the random expectation
    sum_f (n_f/N)((n_f-1)/(N-1)), and their ratio;
  - the share of the non-seed tracks of default 20-track playlists that come from the seed's soundtrack
    (3 seeds per soundtrack), with the tracks under 30 s and the unanalysed tracks they hold;
  - the mean transition score of transition-ordered against score-ordered playlists from the same seeds.
With --no-genre-tags the corpus is copied without its genre tags first, so sound alone is measured.
Standard library only.
"""
import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HOME = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AUDIO = (".ogg", ".opus", ".mp3", ".flac", ".wav")


def call(method, url, body=None, ok=(200, 201, 202, 204)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        if e.code in ok:
            return e.code, json.loads(raw) if raw else None
        return e.code, (json.loads(raw) if raw.startswith(b"{") else raw.decode(errors="replace"))


def wait(what, check, timeout, every=1.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            result = check()
            if result:
                return result
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(every)
    sys.exit("timed out waiting for " + what)


def strip_genre_tags(src, dst):
    """Copies the corpus without genre tags (container and stream metadata); the audio is copied, not re-encoded."""
    if os.path.exists(os.path.join(dst, ".ready")):
        return dst
    shutil.rmtree(dst, ignore_errors=True)
    for folder in sorted(os.listdir(src)):
        if not os.path.isdir(os.path.join(src, folder)):
            continue
        os.makedirs(os.path.join(dst, folder))
        for name in sorted(os.listdir(os.path.join(src, folder))):
            if not name.lower().endswith(AUDIO):
                continue
            out = os.path.join(dst, folder, name)
            cmd = ["ffmpeg", "-v", "error", "-nostdin", "-i", os.path.join(src, folder, name), "-map", "0:a",
                   "-c", "copy", "-map_metadata", "0", "-metadata", "genre=", "-metadata:s:a", "genre=", out]
            if subprocess.run(cmd).returncode != 0:
                shutil.copy(os.path.join(src, folder, name), out)
    open(os.path.join(dst, ".ready"), "w").close()
    return dst


class Stack:
    def __init__(self, corpus, data, port_base, log):
        self.lib = "http://localhost:%d" % (port_base + 1)
        self.sonic = "http://localhost:%d" % (port_base + 3)
        self.playlist = "http://localhost:%d" % (port_base + 4)
        self.enrichment = "http://localhost:%d" % (port_base + 2)
        env = dict(os.environ)
        env.update({
            "SEGUE_SONIC_WORKERS": env.get("SEGUE_SONIC_WORKERS", "2"),
            # no internet: MusicBrainz and Last.fm answer nothing, quickly
            "QUARKUS_REST_CLIENT_MUSICBRAINZ_URL": "http://127.0.0.1:9",
            "QUARKUS_REST_CLIENT_LASTFM_URL": "http://127.0.0.1:9",
            "SEGUE_PLAYLIST_INDEX_REFRESH_INTERVAL": "5s",
        })
        env.pop("SEGUE_LASTFM_API_KEY", None)
        self.proc = subprocess.Popen([os.path.join(HOME, "bin", "segue-local"), "--music", corpus, "--data", data,
                                      "--pg-port", str(port_base + 432), "--port", str(port_base + 1)],
                                     stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        wait("the stack", lambda: self.proc.poll() is None and call("GET", self.playlist + "/q/health/ready")[0] == 200
             or (self.proc.poll() is not None and sys.exit("the stack stopped; see its log")), 900, 2)

    def close(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def prepare(stack, corpus):
    status, scan = call("POST", stack.lib + "/api/scans", {"root": corpus}, ok=(202, 409))
    if status == 409:
        scan = wait("the running scan", lambda: call("GET", stack.lib + "/api/scans?page=0&size=1")[1]["items"][0], 60)
    wait("the scan", lambda: call("GET", "%s/api/scans/%d" % (stack.lib, scan["id"]))[1]["status"] != "running", 900)
    call("POST", stack.sonic + "/api/analysis/runs", {"scope": "pending"}, ok=(202, 409))

    def analysed():
        s = call("GET", stack.sonic + "/api/analysis/stats")[1]
        return s if s["pending"] == 0 and s.get("activeRun") is None and s.get("claimed", 0) == 0 else None
    started = time.time()
    stats = wait("the analysis", analysed, 3600, 2)
    # file genres without any call out: the recompute rewrites every file genre row from the tags
    call("POST", stack.enrichment + "/api/genres/recompute", ok=(200, 202, 204, 409))
    time.sleep(1)
    call("POST", stack.playlist + "/api/index/refresh")
    return stats, time.time() - started


def corpus_tracks(stack, corpus):
    tracks, page = {}, 0
    root = os.path.realpath(corpus) + os.sep
    while True:
        body = call("GET", "%s/api/tracks?page=%d&size=500&status=present" % (stack.lib, page))[1]
        for t in body["items"]:
            path = os.path.realpath(t["filePath"])
            if path.startswith(root):
                tracks[t["id"]] = {"label": os.path.relpath(path, root).split(os.sep)[0], "title": t["title"],
                                   "seconds": (t.get("durationMs") or 0) / 1000.0}
        if (page + 1) * 500 >= body["total"]:
            return tracks
        page += 1


def write_vectors(path, tracks, sonic):
    """One line per analysed segment: soundtrack, track id, seconds, analyzer version, segment, then the named
    features in vector order (header line first), for offline work on the metric (bench/quality/offline.py)."""
    names = None
    with open(path, "w") as f:
        for tid in sorted(sonic):
            body = sonic[tid]
            if body.get("status") != "ok":
                continue
            for seg in body["segments"]:
                if names is None:
                    names = list(seg["features"])
                    f.write("\t".join(["label", "track", "seconds", "version", "segment"] + names) + "\n")
                values = [seg["features"].get(n) for n in names]
                f.write("\t".join([tracks[tid]["label"], str(tid), "%.1f" % tracks[tid]["seconds"],
                                   str(body.get("analyzerVersion")), seg["segment"]]
                                  + ["nan" if v is None else repr(v) for v in values]) + "\n")


def measure(stack, tracks, k, seeds_per_label, playlist_size, min_seconds, vectors=None):
    ids = sorted(tracks)
    n = len(ids)
    labels = sorted({t["label"] for t in tracks.values()})
    by_label = {l: [i for i in ids if tracks[i]["label"] == l] for l in labels}
    sonic_status, sonic = {}, {}
    for tid in ids:
        sonic[tid] = call("GET", "%s/api/tracks/%d/sonic" % (stack.sonic, tid))[1]
        sonic_status[tid] = sonic[tid].get("status")
    if vectors:
        write_vectors(vectors, tracks, sonic)
    precision = {}
    for tid in ids:
        status, body = call("GET", "%s/api/tracks/%d/similar?limit=%d" % (stack.playlist, tid, k))
        near = [t["trackId"] for t in body["tracks"]] if status == 200 else []
        same = sum(1 for t in near if t in tracks and tracks[t]["label"] == tracks[tid]["label"])
        precision[tid] = same / min(k, n - 1)
    rng = random.Random(13)
    share, short, unanalysed, lengths = {}, 0, 0, []
    transition = {"transition": [], "score": []}
    failures = []
    for label in labels:
        seeds = rng.sample(by_label[label], min(seeds_per_label, len(by_label[label])))
        share[label] = []
        for seed in seeds:
            for ordering in ("transition", "score"):
                status, p = call("POST", stack.playlist + "/api/playlists",
                                 {"seeds": [seed], "size": playlist_size, "ordering": ordering, "name": "quality"})
                if status != 201:
                    failures.append("seed %d (%s): %s %s" % (seed, ordering, status, p.get("detail") if isinstance(p, dict) else p))
                    continue
                rest = p["tracks"][1:]
                if ordering == "transition":
                    lengths.append(len(p["tracks"]))
                    share[label].append(sum(1 for t in rest if tracks.get(t["trackId"], {}).get("label") == label) / max(1, len(rest)))
                    short += sum(1 for t in rest if (t.get("durationSeconds") or 0) < min_seconds)
                    unanalysed += sum(1 for t in rest if sonic_status.get(t["trackId"]) != "ok")
                scores = [t["scores"]["transition"] for t in rest if t["scores"]["transition"] is not None]
                if scores:
                    transition[ordering].append(statistics.mean(scores))
                call("DELETE", "%s/api/playlists/%d" % (stack.playlist, p["id"]))
    rows = []
    for label in labels:
        members = by_label[label]
        p = statistics.mean(precision[i] for i in members)
        rnd = (len(members) - 1) / (n - 1)
        rows.append((label, len(members), p, rnd, share[label]))
    overall_p = statistics.mean(precision.values())
    overall_rnd = sum((len(m) / n) * ((len(m) - 1) / (n - 1)) for m in by_label.values())
    return {"tracks": n, "soundtracks": len(labels), "rows": rows, "precision": overall_p, "random": overall_rnd,
            "share": statistics.mean(s for _, _, _, _, ss in rows for s in ss) if lengths else float("nan"),
            "share_random": overall_rnd, "playlists": len(lengths), "mean_length": statistics.mean(lengths) if lengths else 0,
            "short": short, "unanalysed": unanalysed, "transition": transition, "failures": failures,
            "not_ok": sum(1 for s in sonic_status.values() if s != "ok")}


def report(r, args, analysis_seconds, stats):
    print("corpus %s%s: %d tracks in %d soundtracks, %d not analysed ok; analysis took %.0f s (%s)"
          % (args.corpus, " (genre tags removed)" if args.no_genre_tags else "", r["tracks"], r["soundtracks"],
             r["not_ok"], analysis_seconds, os.getloadavg()))
    print("%-22s %6s %8s %8s %6s %9s" % ("soundtrack", "tracks", "P@%d" % args.k, "random", "ratio", "playlist"))
    for label, count, p, rnd, share in r["rows"]:
        print("%-22s %6d %8.3f %8.3f %6.2f %9s" % (label, count, p, rnd, p / rnd if rnd else float("nan"),
                                                  "%.2f" % statistics.mean(share) if share else "-"))
    print("%-22s %6d %8.3f %8.3f %6.2f %9.2f" % ("overall", r["tracks"], r["precision"], r["random"],
                                               r["precision"] / r["random"], r["share"]))
    print("playlists: %d of size %d (mean %.1f tracks); share of non-seed tracks from the seed's soundtrack %.3f "
          "(random %.3f); tracks under %d s: %d; tracks without an ok analysis: %d"
          % (r["playlists"], args.size, r["mean_length"], r["share"], r["share_random"], args.min_seconds, r["short"], r["unanalysed"]))
    t = r["transition"]
    if t["transition"] and t["score"]:
        print("mean transition score: transition-ordered %.4f, score-ordered %.4f (%d seeds)"
              % (statistics.mean(t["transition"]), statistics.mean(t["score"]), len(t["transition"])))
    for f in r["failures"]:
        print("playlist failed: " + f)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="folder of soundtrack folders (default: build the development corpus)")
    ap.add_argument("--no-genre-tags", action="store_true", help="measure a copy of the corpus without genre tags")
    ap.add_argument("--port-base", type=int, default=18080, help="services on base+1..base+4, PostgreSQL on base+432")
    ap.add_argument("--data", help="PostgreSQL data directory (default: a fresh one under /tmp)")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--size", type=int, default=20, help="playlist size")
    ap.add_argument("--seeds", type=int, default=3, help="playlist seeds per soundtrack")
    ap.add_argument("--min-seconds", type=int, default=30, help="a playlist track shorter than this is reported")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--vectors", help="also write the analysed vectors to this TSV file (for offline work on the metric)")
    args = ap.parse_args()
    if not args.corpus:
        args.corpus = "/tmp/segue-quality/dev"
        if not os.path.exists(os.path.join(args.corpus, ".ready")):
            subprocess.run([os.path.join(HOME, "bench", "quality", "corpus.sh"), args.corpus], check=True)
    args.corpus = os.path.realpath(args.corpus)
    if args.no_genre_tags:
        args.corpus = strip_genre_tags(args.corpus, args.corpus.rstrip("/") + "-no-genre-tags")
    data = args.data or "/tmp/segue-quality/pg-%d-%d" % (args.port_base, os.getpid())
    fresh = args.data is None
    log_path = data + ".log"
    os.makedirs(os.path.dirname(data), exist_ok=True)
    with open(log_path, "w") as log:
        stack = Stack(args.corpus, data, args.port_base, log)
        try:
            stats, seconds = prepare(stack, args.corpus)
            tracks = corpus_tracks(stack, args.corpus)
            result = measure(stack, tracks, args.k, args.seeds, args.size, args.min_seconds, args.vectors)
            report(result, args, seconds, stats)
            if args.json:
                with open(args.json, "w") as f:
                    json.dump(result, f, indent=1)
        finally:
            stack.close()
            if fresh:
                shutil.rmtree(data, ignore_errors=True)
    print("stack log: " + log_path)


if __name__ == "__main__":
    main()
