#!/usr/bin/env python3
"""Offline work on the sonic metric: same-soundtrack precision@10 of metric variants on vectors that
bench/quality/run.sh --vectors FILE wrote, in seconds instead of a stack run (see docs/benchmarks.md).

  bench/quality/offline.py VECTORS.tsv [--k 10] [--variants all|NAME,...]

Each variant is normalisation × weights × hubness correction, applied to the average segment as
playlist-service does. Printed per variant: precision@10 over every track against the random expectation,
the ratio, the worst soundtrack's ratio, top-19 share (a proxy for a 20-track playlist), and the ratio on two
halves of the soundtracks (split by name order, alternating) to see whether a choice holds on both.
The final figures come from the service through bench/quality/run.sh; this is for choosing. Needs numpy.
"""
import argparse
import math
import sys

import numpy as np
from statistics import NormalDist

CATEGORICAL = {"key", "mode", "key_confidence", "tempo_confidence", "tempo_bpm"}


def load(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        names = header[5:]
        rows = {}
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[4] != "average":
                continue
            rows[int(p[1])] = (p[0], float(p[2]), np.array([float(x) for x in p[5:]]))
    ids = sorted(rows)
    labels = np.array([rows[i][0] for i in ids])
    x = np.vstack([rows[i][2] for i in ids])
    return names, ids, labels, x


def normalise(x, how):
    out = np.zeros_like(x)
    n = x.shape[0]
    for j in range(x.shape[1]):
        col = x[:, j]
        if how == "z":
            sd = col.std()
            out[:, j] = 0 if sd < 1e-12 else (col - col.mean()) / sd
        elif how == "robust":
            med = np.median(col)
            mad = 1.4826 * np.median(np.abs(col - med))
            out[:, j] = 0 if mad < 1e-12 else np.clip((col - med) / mad, -5, 5)
        elif how == "rank":
            order = np.argsort(col, kind="mergesort")
            ranks = np.empty(n)
            sorted_col = col[order]
            i = 0
            while i < n:
                k = i
                while k + 1 < n and sorted_col[k + 1] == sorted_col[i]:
                    k += 1
                ranks[order[i:k + 1]] = (i + k) / 2.0
                i = k + 1
            nd = NormalDist()
            out[:, j] = [nd.inv_cdf((r + 0.5) / n) for r in ranks]
            if col.std() < 1e-12:
                out[:, j] = 0
    return out


def segue_v1_weights(name):
    """Mirror of playlist-service's SonicMetric.weight (keep in step): named weights, 0.5 for unknown names."""
    table = {"loudness_db": 1.0, "dynamic_range_db": 0.75, "centroid_mean_hz": 1.0, "centroid_std_hz": 0.5,
             "rolloff_mean_hz": 0.75, "rolloff_std_hz": 0.35, "flatness_mean": 0.75, "flatness_std": 0.35,
             "bandwidth_mean_hz": 0.75, "bandwidth_std_hz": 0.35, "flux_mean": 0.75, "flux_std": 0.5, "zcr": 0.5,
             "mfcc_1": 0.5, "onset_rate": 1.0}
    if name in table:
        return table[name]
    if name.startswith("mfcc_"):
        return 0.4
    if name.startswith("chroma_"):
        return 0.15
    return 0.0 if name in CATEGORICAL else 0.5


def equal_weights_light_chroma(name):
    """Every feature 1, chroma 1/12 each, onset rate 0.5: the alternative that lost to the named weights."""
    if name in CATEGORICAL:
        return 0.0
    if name.startswith("chroma_"):
        return 1.0 / 12
    if name == "onset_rate":
        return 0.5
    return 1.0


def uniform(name):
    return 0.0 if name in CATEGORICAL else 1.0


WEIGHTS = {"named": segue_v1_weights, "lightchroma": equal_weights_light_chroma, "uniform": uniform}


def distances(z, w):
    zw = z * np.sqrt(w)
    sq = (zw ** 2).sum(1)
    d2 = sq[:, None] + sq[None, :] - 2 * zw @ zw.T
    return np.maximum(d2, 0) / w.sum()


def hubness(d2, how, k, sample, rng):
    n = d2.shape[0]
    if how == "none":
        return -d2
    ref = rng.choice(n, size=min(sample, n), replace=False)
    dr = d2[:, ref].copy()
    # a track is not its own neighbour
    for col, r in enumerate(ref):
        dr[r, col] = np.inf
    if how == "csls":
        knn = np.sort(dr, 1)[:, :k].mean(1)
        return -(2 * d2 - knn[:, None] - knn[None, :])
    if how == "scale":
        kth = np.sort(dr, 1)[:, k - 1]
        return -d2 / np.sqrt(kth[:, None] * kth[None, :])
    if how == "mp":
        finite = np.where(np.isinf(dr), np.nan, dr)
        mu = np.nanmean(finite, 1)
        sd = np.nanstd(finite, 1)
        from math import erfc
        za = (d2 - mu[:, None]) / sd[:, None]
        zb = (d2 - mu[None, :]) / sd[None, :]
        sf = lambda u: 0.5 * np.vectorize(erfc)(u / math.sqrt(2))
        return np.log(sf(za) + 1e-300) + np.log(sf(zb) + 1e-300)
    raise ValueError(how)


def evaluate(score, labels, k, subset=None):
    n = len(labels)
    s = score.copy()
    np.fill_diagonal(s, -np.inf)
    idx = np.arange(n) if subset is None else subset
    lab = labels if subset is None else labels[subset]
    if subset is not None:
        s = s[np.ix_(subset, subset)]
        np.fill_diagonal(s, -np.inf)
    m = len(lab)
    top = np.argsort(-s, 1)
    p = np.array([(lab[top[i, :k]] == lab[i]).mean() for i in range(m)])
    share = np.array([(lab[top[i, :19]] == lab[i]).mean() for i in range(m)])
    uniq = sorted(set(lab))
    counts = {u: (lab == u).sum() for u in uniq}
    rnd = sum((c / m) * ((c - 1) / (m - 1)) for c in counts.values())
    worst = min(p[lab == u].mean() / ((counts[u] - 1) / (m - 1)) for u in uniq)
    return p.mean(), rnd, worst, share.mean()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("vectors")
    ap.add_argument("--k", type=int, default=10, help="precision at k")
    ap.add_argument("--hub-k", type=int, default=10, help="neighbours for CSLS and local scaling")
    ap.add_argument("--sample", type=int, default=1000, help="reference sample for the hubness statistics")
    args = ap.parse_args()
    names, ids, labels, x = load(args.vectors)
    uniq = sorted(set(labels))
    half_a = np.array([i for i, l in enumerate(labels) if uniq.index(l) % 2 == 0])
    half_b = np.array([i for i, l in enumerate(labels) if uniq.index(l) % 2 == 1])
    print("%d tracks, %d soundtracks, %d features" % (len(ids), len(uniq), len(names)))
    print("%-28s %6s %6s %6s %6s %7s %7s %7s" % ("variant", "P@10", "random", "ratio", "worst", "top19", "halfA", "halfB"))
    for norm in ("z", "robust", "rank"):
        z = normalise(x, norm)
        for wname, wf in WEIGHTS.items():
            w = np.array([wf(nm) for nm in names])
            d2 = distances(z, w)
            for hub in ("none", "csls", "scale", "mp"):
                rng = np.random.default_rng(19)
                score = hubness(d2, hub, args.hub_k, args.sample, rng)
                p, rnd, worst, share = evaluate(score, labels, args.k)
                pa, ra, _, _ = evaluate(score, labels, args.k, half_a)
                pb, rb, _, _ = evaluate(score, labels, args.k, half_b)
                print("%-28s %6.3f %6.3f %6.2f %6.2f %7.3f %7.2f %7.2f" % ("%s/%s/%s" % (norm, wname, hub), p, rnd,
                                                                          p / rnd, worst, share, pa / ra, pb / rb))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
