package dev.segue.playlist.playlist;

import dev.segue.commons.problem.Unsatisfiable;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.similarity.GenreVectors;
import dev.segue.playlist.similarity.SonicMetric;
import dev.segue.playlist.similarity.SonicVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A path from track A to track B: step i of n aims at the point {@code t = i/(n-1)} between them — the
 * continuous features and tempo interpolated linearly in z-space, the genre score interpolated between
 * the similarity to A and to B — and takes the unused track closest to that point. Without sound for
 * both ends the path follows genres alone.
 */
public final class PathBuilder {

    /** The sonic part of an unanalysed track: what a random pair of the library scores. */
    private static final double UNKNOWN_SONIC = SonicMetric.similarity(2.0);

    private final LibraryIndex index;
    private final double sonicWeight;
    private final double genreWeight;
    private final boolean useSonic;

    /** Weights as given (normalised here); {@code useSonic} false when A or B has no analysis. */
    public PathBuilder(LibraryIndex index, double sonicWeight, double genreWeight, boolean useSonic) {
        this.index = index;
        this.useSonic = useSonic && sonicWeight > 0;
        double sum = (this.useSonic ? sonicWeight : 0) + genreWeight;
        if (sum <= 0) {
            throw new Unsatisfiable("Nothing to compare the tracks by: sound is unavailable for the ends of the path "
                    + "and the genre weight is 0.");
        }
        this.sonicWeight = this.useSonic ? sonicWeight / sum : 0;
        this.genreWeight = genreWeight / sum;
    }

    public List<Entry> build(int from, int to, int size, int maxPerArtist, int artistGap) {
        if (index.sameRecording(from, to)) {
            throw new Unsatisfiable("from and to are the same recording; a path needs two different tracks.");
        }
        SonicVectors sv = index.sonic();
        GenreVectors gv = index.genres();
        int n = index.size();
        double[] genreFrom = new double[n];
        double[] genreTo = new double[n];
        for (int r = 0; r < n; r++) {
            genreFrom[r] = gv.similarity(from, r);
            genreTo[r] = gv.similarity(to, r);
        }
        List<Integer> order = new ArrayList<>();
        order.add(from);
        boolean[] used = new boolean[n];
        used[from] = true;
        used[to] = true;
        List<Integer> kept = new ArrayList<>(List.of(from, to));
        Map<Long, Integer> perArtist = new HashMap<>();
        perArtist.merge(index.artistGroup(from), 1, Integer::sum);
        perArtist.merge(index.artistGroup(to), 1, Integer::sum);
        double[] sonicAt = new double[size];
        double[] genreAt = new double[size];
        double[] totalAt = new double[size];
        sonicAt[0] = useSonic ? 1 : Double.NaN;
        genreAt[0] = genreFrom[from];
        totalAt[0] = sonicWeight * (useSonic ? 1 : 0) + genreWeight * genreAt[0];
        for (int step = 1; step < size - 1; step++) {
            double t = step / (double) (size - 1);
            boolean lastStep = step == size - 2;
            int best = -1;
            double bestTotal = Double.NEGATIVE_INFINITY;
            double bestSonic = Double.NaN;
            for (int r = 0; r < n; r++) {
                if (used[r] || repeatsRecording(r, kept)
                        || perArtist.getOrDefault(index.artistGroup(r), 0) >= maxPerArtist
                        || !gapKept(order, r, artistGap) || (lastStep && artistGap > 0 && sameArtist(r, to))) {
                    continue;
                }
                double sonic = useSonic && sv.has(r) ? sv.similarityToBlend(from, to, Segment.AVERAGE, t, r) : Double.NaN;
                double genre = (1 - t) * genreFrom[r] + t * genreTo[r];
                double total = sonicWeight * (Double.isNaN(sonic) ? UNKNOWN_SONIC : sonic) + genreWeight * genre;
                if (total > bestTotal) {
                    bestTotal = total;
                    best = r;
                    bestSonic = sonic;
                }
            }
            if (best < 0) {
                throw new Unsatisfiable("Only " + (order.size() + 1) + " tracks can form this path under maxPerArtist="
                        + maxPerArtist + " and artistGap=" + artistGap + "; ask for a shorter path or relax them.");
            }
            used[best] = true;
            kept.add(best);
            perArtist.merge(index.artistGroup(best), 1, Integer::sum);
            order.add(best);
            sonicAt[step] = bestSonic;
            genreAt[step] = (1 - t) * genreFrom[best] + t * genreTo[best];
            totalAt[step] = bestTotal;
        }
        order.add(to);
        sonicAt[size - 1] = useSonic ? 1 : Double.NaN;
        genreAt[size - 1] = genreTo[to];
        totalAt[size - 1] = sonicWeight * (useSonic ? 1 : 0) + genreWeight * genreAt[size - 1];
        List<Entry> out = new ArrayList<>(size);
        for (int i = 0; i < order.size(); i++) {
            int r = order.get(i);
            double transition = i > 0 && useSonic && sv.has(order.get(i - 1)) && sv.has(r)
                    ? sv.similarity(order.get(i - 1), Segment.END, r, Segment.BEGINNING) : Double.NaN;
            out.add(new Entry(index.trackId(r), r, sonicAt[i], genreAt[i], transition, totalAt[i], !sv.has(r),
                    i == 0 || i == order.size() - 1));
        }
        return out;
    }

    private boolean gapKept(List<Integer> order, int r, int gap) {
        for (int k = 1; k <= gap && k <= order.size(); k++) {
            if (index.artistGroup(order.get(order.size() - k)) == index.artistGroup(r)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameArtist(int a, int b) {
        return index.artistGroup(a) == index.artistGroup(b);
    }

    private boolean repeatsRecording(int r, List<Integer> kept) {
        for (int k : kept) {
            if (index.sameRecording(r, k)) {
                return true;
            }
        }
        return false;
    }
}
