#!/usr/bin/env python3
"""Quality check of playlist-service on a real, analysed library (see docs/benchmarks.md).

Needs the stack running: library-service has scanned the music, sonic-service has analysed it, and
playlist-service's index is fresh (the script forces a refresh). Track ids and their album/artist come from
the database through psql; everything else goes through playlist-service's REST API.

  bench/playlist/quality.py --db postgresql://segue:segue@localhost:5432/segue \
      --root /usr/share/games/wesnoth/1.16/data/core/music --group artist

Prints precision@10 of /similar for "same group" (album or artist) against the random baseline, and the
mean transition score of transition-ordered vs score-ordered playlists from the same seeds.
"""
import argparse
import json
import random
import statistics
import subprocess
import urllib.request


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def tracks(db, root, group):
    column = "t.album_id" if group == "album" else "t.artist_id"
    sql = ("SELECT t.id, %s FROM tracks t JOIN sonic_analyses a ON a.track_id = t.id AND a.status = 'ok' "
           "WHERE t.status = 'present' AND t.file_path LIKE '%s%%' AND %s IS NOT NULL" % (column, root.replace("'", "''"), column))
    out = subprocess.run(["psql", db, "-At", "-F", ",", "-c", sql], check=True, capture_output=True, text=True).stdout
    return {int(i): int(g) for i, g in (line.split(",") for line in out.split())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--playlist", default="http://localhost:8084")
    ap.add_argument("--group", choices=["album", "artist"], default="album")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--seeds", type=int, default=20)
    args = ap.parse_args()

    call("POST", args.playlist + "/api/index/refresh")
    group = tracks(args.db, args.root, args.group)
    ids = sorted(group)
    n = len(ids)
    precisions, baselines = [], []
    for tid in ids:
        similar = call("GET", "%s/api/tracks/%d/similar?limit=%d" % (args.playlist, tid, args.k))["tracks"]
        near = [t["trackId"] for t in similar if t["trackId"] in group][: args.k]
        if near:
            precisions.append(sum(group[t] == group[tid] for t in near) / len(near))
        same = sum(1 for other in ids if other != tid and group[other] == group[tid])
        baselines.append(same / (n - 1))
    print("tracks: %d analysed, %d %ss" % (n, len(set(group.values())), args.group))
    print("same-%s precision@%d of /similar: %.3f (random baseline %.3f)"
          % (args.group, args.k, statistics.mean(precisions), statistics.mean(baselines)))

    rng = random.Random(1)
    by_order = {"transition": [], "score": []}
    for seed in rng.sample(ids, min(args.seeds, n)):
        for ordering in by_order:
            p = call("POST", args.playlist + "/api/playlists",
                     {"seeds": [seed], "size": min(15, n), "ordering": ordering, "name": "quality check"})
            scores = [t["scores"]["transition"] for t in p["tracks"][1:] if t["scores"]["transition"] is not None]
            if scores:
                by_order[ordering].append(statistics.mean(scores))
            urllib.request.urlopen(urllib.request.Request("%s/api/playlists/%d" % (args.playlist, p["id"]), method="DELETE"))
    print("mean transition score: transition-ordered %.4f, score-ordered %.4f (%d seeds)"
          % (statistics.mean(by_order["transition"]), statistics.mean(by_order["score"]), len(by_order["transition"])))


if __name__ == "__main__":
    main()
