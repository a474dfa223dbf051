package dev.segue.playlist.playlist;

import dev.segue.commons.problem.Unsatisfiable;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.similarity.BestFirst;
import dev.segue.playlist.similarity.Scorer;
import dev.segue.playlist.similarity.SonicMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a playlist from a scored index in two steps. Selection: candidates by total score, best first,
 * skipping duplicates of a chosen recording and artists at their limit, until the size or the playing time
 * is reached. Ordering: the seeds first, then at each position the remaining track that best follows the
 * previous one (its beginning against the previous end, or simply the best total for score ordering) among
 * those that keep the artist/album gaps; when none keeps them, the next-best unchosen candidate that does
 * replaces the weakest remaining one; a transition-ordered list is then improved by moving single tracks to
 * better places. Pure computation on an immutable index: no database, no locks.
 */
public final class PlaylistBuilder {

    /** Ordering key of an unknown transition: what a random pair of the library scores. */
    private static final double UNKNOWN_TRANSITION = SonicMetric.similarity(2.0);
    private static final int MAX_IMPROVEMENT_PASSES = 4;

    private final LibraryIndex index;
    private final Scorer scorer;

    public PlaylistBuilder(LibraryIndex index, Scorer scorer) {
        this.index = index;
        this.scorer = scorer;
    }

    public List<Entry> build(List<Integer> seeds, Constraints c, List<String> notes) {
        Map<Long, Integer> perArtist = new HashMap<>();
        for (int s : seeds) {
            perArtist.merge(index.artistGroup(s), 1, Integer::sum);
        }
        perArtist.forEach((artist, count) -> {
            if (count > c.maxPerArtist()) {
                throw new Unsatisfiable("The seeds hold " + count + " tracks by one artist but maxPerArtist is "
                        + c.maxPerArtist() + "; raise maxPerArtist or drop a seed.");
            }
        });
        if (c.size() > 0 && c.size() < seeds.size()) {
            throw new Unsatisfiable("size " + c.size() + " is smaller than the " + seeds.size()
                    + " seeds, which always open the playlist.");
        }
        Pool pool = candidates(seeds, c, notes);
        List<Integer> chosen = new ArrayList<>();
        List<Integer> kept = new ArrayList<>(seeds);
        int poolPos = 0;
        long seconds = 0;
        for (int s : seeds) {
            seconds += durationSeconds(s);
        }
        int lastSeconds = 0;
        while (poolPos < pool.size() && (c.size() > 0 ? kept.size() < c.size() : seconds < c.targetSeconds())) {
            int r = pool.get(poolPos++);
            if (perArtist.getOrDefault(index.artistGroup(r), 0) >= c.maxPerArtist() || duplicate(r, kept)) {
                continue;
            }
            chosen.add(r);
            kept.add(r);
            perArtist.merge(index.artistGroup(r), 1, Integer::sum);
            lastSeconds = durationSeconds(r);
            seconds += lastSeconds;
        }
        if (c.size() > 0 && kept.size() < c.size() && !c.partialAllowed()) {
            throw new Unsatisfiable("Only " + kept.size() + " distinct tracks satisfy the constraints ("
                    + c.describeFilters() + "), but size is " + c.size() + "; ask for fewer tracks or relax the constraints.");
        }
        if (c.targetSeconds() > 0) {
            if (!chosen.isEmpty() && seconds - c.targetSeconds() > c.targetSeconds() - (seconds - lastSeconds)) {
                // ending one track short is closer to the target than the overshoot
                int last = chosen.remove(chosen.size() - 1);
                perArtist.merge(index.artistGroup(last), -1, Integer::sum);
                seconds -= lastSeconds;
            }
            if (seconds < c.targetSeconds() * 0.9) {
                throw new Unsatisfiable("The tracks that satisfy the constraints (" + c.describeFilters()
                        + ") play for " + seconds / 60 + " minutes, short of targetMinutes " + c.targetSeconds() / 60
                        + "; ask for less or relax the constraints.");
            }
        }
        List<Integer> order = order(seeds, chosen, pool, poolPos, perArtist, c);
        if (c.ordering() == Ordering.TRANSITION) {
            improveTransitions(order, seeds.size(), c);
        }
        return entries(order, seeds.size());
    }

    /**
     * Rows allowed by the filters, tracks with evidence (sound compared, or a genre shared) before those
     * without, each part best total first; notes say how many the default rules left out.
     */
    private Pool candidates(List<Integer> seeds, Constraints c, List<String> notes) {
        double seedTempo = Double.NaN;
        if (c.bpmWindow() != null) {
            for (int s : seeds) {
                if (!Double.isNaN(index.sonic().tempoBpm(s))) {
                    seedTempo = index.sonic().tempoBpm(s);
                    break;
                }
            }
            if (Double.isNaN(seedTempo) || !scorer.sonicAvailable()) {
                notes.add("bpmWindow was ignored: the seed's tempo is unknown (no sonic analysis).");
            }
        }
        boolean tempoFilter = c.bpmWindow() != null && !Double.isNaN(seedTempo) && scorer.sonicAvailable();
        // one flag per row, so the loop below neither boxes nor hashes
        boolean[] skip = new boolean[index.size()];
        for (int s : seeds) {
            skip[s] = true;
        }
        for (long id : c.excludeTrackIds()) {
            int r = index.row(id);
            if (r >= 0) {
                skip[r] = true;
            }
        }
        int[] seedRows = seeds.stream().mapToInt(Integer::intValue).toArray();
        boolean soundRequired = scorer.sonicUsed() && !c.includeUnanalysed();
        long[] keyed = new long[index.size()];
        int m = 0;
        int tooShort = 0;
        int unanalysed = 0;
        int failed = 0;
        for (int r = 0; r < index.size(); r++) {
            if (skip[r] || sameRecordingAsSeed(r, seedRows)) {
                continue;
            }
            if (!durationAllowed(r, c)) {
                tooShort += shorterThanMinimum(r, c) ? 1 : 0;
                continue;
            }
            if (soundRequired && !index.hasSonic(r)) {
                unanalysed++;
                failed += index.analysisFailed(r) ? 1 : 0;
                continue;
            }
            if (tempoFilter && !tempoAllowed(index.sonic().tempoBpm(r), seedTempo, c.bpmWindow())) {
                continue;
            }
            keyed[m++] = key(r, scorer.totalBound(r));
        }
        if (tooShort > 0) {
            notes.add("Left out " + tooShort + " tracks shorter than minTrackSeconds=" + c.minTrackSeconds()
                    + " (minTrackSeconds=0 allows every length).");
        }
        if (unanalysed > 0) {
            notes.add("Left out " + unanalysed + " tracks without a sonic analysis (" + failed
                    + " failed or unsupported, " + (unanalysed - failed) + " not analysed yet); includeUnanalysed=true allows them.");
        }
        if (m == 0 && !c.partialAllowed()) {
            throw new Unsatisfiable("No track of the library satisfies the constraints (" + c.describeFilters()
                    + "); relax them.");
        }
        return new Pool(new BestFirst(keyed, m, r -> key(r, scorer.total(r))), m);
    }

    /** Sortable: evidence in bit 62, the total (0..1) below it, the row in the low 24 bits. */
    private long key(int r, double total) {
        return (scorer.hasEvidence(r) ? 1L << 62 : 0) | ((long) (total * (1L << 37)) << BestFirst.ROW_BITS) | r;
    }

    /**
     * The candidates best first, scored exactly only as far as the playlist reads them (caps, gaps and duplicates
     * skip some): {@link BestFirst} over the first pass's bounds.
     */
    static final class Pool {
        private final BestFirst order;
        private final int size;
        private int[] rows = new int[64];
        private int taken;

        Pool(BestFirst order, int size) {
            this.order = order;
            this.size = size;
        }

        int size() {
            return size;
        }

        int get(int i) {
            while (taken <= i) {
                if (taken == rows.length) {
                    rows = Arrays.copyOf(rows, rows.length * 2);
                }
                rows[taken++] = order.next();
            }
            return rows[i];
        }
    }

    private boolean sameRecordingAsSeed(int r, int[] seeds) {
        int recording = index.recording(r);
        for (int s : seeds) {
            // the cheap test of sameRecording inline: nearly every row fails it
            if (index.recording(s) == recording && index.sameRecording(r, s)) {
                return true;
            }
        }
        return false;
    }

    private boolean shorterThanMinimum(int r, Constraints c) {
        int ms = index.durationMs(r);
        return c.minTrackSeconds() != null && ms >= 0 && ms < c.minTrackSeconds() * 1000L;
    }

    /** Within the length bounds; a track of unknown length fails any bound and cannot fill a target duration. */
    private boolean durationAllowed(int r, Constraints c) {
        int ms = index.durationMs(r);
        if (ms < 0) {
            return c.minTrackSeconds() == null && c.maxTrackSeconds() == null && c.targetSeconds() == 0;
        }
        return (c.minTrackSeconds() == null || ms >= c.minTrackSeconds() * 1000L)
                && (c.maxTrackSeconds() == null || ms <= c.maxTrackSeconds() * 1000L);
    }

    /** Within the window of the seed's tempo at the nearest octave (half or double time counts). */
    static boolean tempoAllowed(double bpm, double seedBpm, double window) {
        if (Double.isNaN(bpm)) {
            return false;
        }
        double folded = bpm;
        while (folded < seedBpm / Math.sqrt(2)) {
            folded *= 2;
        }
        while (folded > seedBpm * Math.sqrt(2)) {
            folded /= 2;
        }
        return Math.abs(folded - seedBpm) <= window;
    }

    /** Same recording ({@link LibraryIndex#sameRecording}), or the same audio (near-identical vectors, similar length). */
    boolean duplicate(int r, List<Integer> kept) {
        for (int k : kept) {
            if (index.sameRecording(r, k)) {
                return true;
            }
            if (index.hasSonic(r) && index.hasSonic(k) && sameLength(r, k) && index.sonic().nearIdentical(r, k)) {
                return true;
            }
        }
        return false;
    }

    private boolean sameLength(int a, int b) {
        Integer da = index.track(a).durationMs();
        Integer db = index.track(b).durationMs();
        return da == null || db == null || Math.abs(da - db) <= LibraryIndex.SAME_LENGTH_TOLERANCE_MS;
    }

    private List<Integer> order(List<Integer> seeds, List<Integer> chosen, Pool pool, int poolPos,
                                Map<Long, Integer> perArtist, Constraints c) {
        List<Integer> order = new ArrayList<>(seeds);
        List<Integer> remaining = new ArrayList<>(chosen);
        Set<Integer> used = new HashSet<>(seeds);
        used.addAll(chosen);
        while (!remaining.isEmpty()) {
            int prev = order.get(order.size() - 1);
            int best = -1;
            double bestKey = Double.NEGATIVE_INFINITY;
            for (int r : remaining) {
                if (!gapsKept(order, r, c)) {
                    continue;
                }
                double key = c.ordering() == Ordering.SCORE ? scoreKey(r) : transitionKey(prev, r);
                if (key > bestKey) {
                    bestKey = key;
                    best = r;
                }
            }
            if (best < 0) {
                best = replacement(order, remaining, pool, poolPos, used, perArtist, c);
            }
            order.add(best);
            remaining.remove(Integer.valueOf(best));
        }
        return order;
    }

    /**
     * The best unchosen candidate that keeps the gaps after {@code order}; it takes the place of the weakest
     * remaining track.
     */
    private int replacement(List<Integer> order, List<Integer> remaining, Pool pool, int from, Set<Integer> used,
                            Map<Long, Integer> perArtist, Constraints c) {
        int weakest = remaining.get(0);
        for (int r : remaining) {
            if (scorer.total(r) < scorer.total(weakest)) {
                weakest = r;
            }
        }
        long weakestArtist = index.artistGroup(weakest);
        List<Integer> kept = new ArrayList<>(order);
        kept.addAll(remaining);
        kept.remove(Integer.valueOf(weakest));
        for (int i = from; i < pool.size(); i++) {
            int r = pool.get(i);
            long artist = index.artistGroup(r);
            int count = perArtist.getOrDefault(artist, 0) - (artist == weakestArtist ? 1 : 0);
            if (used.contains(r) || count >= c.maxPerArtist() || !gapsKept(order, r, c) || duplicate(r, kept)) {
                continue;
            }
            remaining.remove(Integer.valueOf(weakest));
            remaining.add(r);
            used.add(r);
            perArtist.merge(weakestArtist, -1, Integer::sum);
            perArtist.merge(artist, 1, Integer::sum);
            return r;
        }
        throw new Unsatisfiable("artistGap=" + c.artistGap() + " and albumGap=" + c.albumGap()
                + " cannot be kept: after " + order.size() + " tracks every remaining candidate repeats a recent artist or album ("
                + c.describeFilters() + "). Lower the gaps, lower maxPerArtist, or ask for fewer tracks.");
    }

    /**
     * Local search after the greedy chain, which tends to leave its worst joins for last: moves one track at a
     * time to the position where it raises the sum of transitions most, as long as the gaps still hold.
     */
    private void improveTransitions(List<Integer> order, int fixed, Constraints c) {
        int n = order.size();
        if (n - fixed < 2) {
            return;
        }
        double[][] t = new double[n][n];
        int[] rows = order.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[i][j] = i == j ? 0 : transitionKey(rows[i], rows[j]);
            }
        }
        // positions into rows, in int arrays: a move is tried thousands of times per playlist
        int[] seq = new int[n];
        for (int i = 0; i < n; i++) {
            seq[i] = i;
        }
        int[] without = new int[n - 1];
        int[] moved = new int[n];
        boolean improved = true;
        for (int pass = 0; pass < MAX_IMPROVEMENT_PASSES && improved; pass++) {
            improved = false;
            for (int i = fixed; i < n; i++) {
                int x = seq[i];
                double removal = -t[seq[i - 1]][x] + (i + 1 < n ? t[seq[i - 1]][seq[i + 1]] - t[x][seq[i + 1]] : 0);
                System.arraycopy(seq, 0, without, 0, i);
                System.arraycopy(seq, i + 1, without, i, n - 1 - i);
                for (int j = fixed; j <= n - 1; j++) {
                    if (j == i) {
                        continue;
                    }
                    int a = without[j - 1];
                    double insertion = t[a][x] + (j < n - 1 ? t[x][without[j]] - t[a][without[j]] : 0);
                    if (removal + insertion > 1e-9) {
                        System.arraycopy(without, 0, moved, 0, j);
                        moved[j] = x;
                        System.arraycopy(without, j, moved, j + 1, n - 1 - j);
                        if (gapsHold(moved, rows, fixed, c)) {
                            System.arraycopy(moved, 0, seq, 0, n);
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            order.set(i, rows[seq[i]]);
        }
    }

    /** {@link #gapsKept} at every position from {@code fixed} on, of the rows {@code rows[seq[0..]]}. */
    private boolean gapsHold(int[] seq, int[] rows, int fixed, Constraints c) {
        int reach = Math.max(c.artistGap(), c.albumGap());
        for (int i = fixed; i < seq.length; i++) {
            int r = rows[seq[i]];
            long artist = index.artistGroup(r);
            long album = index.albumGroup(r);
            for (int k = 1; k <= reach && k <= i; k++) {
                int before = rows[seq[i - k]];
                if (k <= c.artistGap() && index.artistGroup(before) == artist) {
                    return false;
                }
                if (k <= c.albumGap() && album != 0 && index.albumGroup(before) == album) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean gapsKept(List<Integer> order, int r, Constraints c) {
        long artist = index.artistGroup(r);
        long album = index.albumGroup(r);
        int n = order.size();
        for (int k = 1; k <= Math.max(c.artistGap(), c.albumGap()) && k <= n; k++) {
            int before = order.get(n - k);
            if (k <= c.artistGap() && index.artistGroup(before) == artist) {
                return false;
            }
            if (k <= c.albumGap() && album != 0 && index.albumGroup(before) == album) {
                return false;
            }
        }
        return true;
    }

    /** Evidence first, then the total (which lies in 0..1). */
    private double scoreKey(int r) {
        return scorer.total(r) + (scorer.hasEvidence(r) ? 2 : 0);
    }

    private double transitionKey(int prev, int r) {
        double t = scorer.transition(prev, r);
        return Double.isNaN(t) ? UNKNOWN_TRANSITION : t;
    }

    private int durationSeconds(int row) {
        Integer ms = index.track(row).durationMs();
        return ms == null ? 0 : Math.round(ms / 1000f);
    }

    private List<Entry> entries(List<Integer> order, int seedCount) {
        List<Entry> out = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            int r = order.get(i);
            double transition = i == 0 ? Double.NaN : scorer.transition(order.get(i - 1), r);
            out.add(new Entry(index.trackId(r), r, scorer.sonic(r), scorer.genre(r), transition, scorer.total(r),
                    !index.hasSonic(r), i < seedCount));
        }
        return out;
    }
}
