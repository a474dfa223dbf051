package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segue.playlist.index.GenreLevel;
import dev.segue.playlist.index.GenreRows;
import dev.segue.playlist.index.IndexBuilder;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TrackInfo;
import dev.segue.schema.sonic.SonicLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The first pass's bounds and the pruned selection on random libraries: a bound is never below the exact score,
 * and the rows handed out best first are the brute force's, in its order.
 */
class BoundedScoringTest {

    private static final SonicLayout LAYOUT = SonicLayout.V2;

    /** Gaussian vectors around 12 centres (plus far outliers), a tenth unanalysed, genres on two thirds. */
    private static LibraryIndex library(long seed, int tracks) {
        Random rnd = new Random(seed);
        IndexBuilder b = new IndexBuilder();
        b.setAnalyzerVersion(LAYOUT.analyzerVersion());
        int dims = LAYOUT.size();
        float[][] centres = new float[12][dims];
        for (float[] centre : centres) {
            for (int i = 0; i < dims; i++) {
                centre[i] = (float) (3 * rnd.nextGaussian());
            }
        }
        for (int t = 1; t <= tracks; t++) {
            b.putTrack(new TrackInfo(t, "Track " + t, t % 40, "Artist " + t % 40, (long) (t % 90), "Album " + t % 90,
                    200_000, "/music/" + t + ".flac", true));
            if (t % 10 != 0) {
                float[] centre = centres[rnd.nextInt(centres.length)];
                double spread = t % 97 == 0 ? 40 : 1;
                float[] raw = new float[Segment.COUNT * dims];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (float) (centre[i % dims] + spread * rnd.nextGaussian());
                }
                b.putVectors(t, raw);
            }
            if (t % 3 != 0) {
                b.putGenres(GenreLevel.TRACK, t, new GenreRows(new long[] {1 + rnd.nextInt(8)}, new byte[] {0}, new float[] {1f}));
            }
        }
        return b.build();
    }

    @Test
    void aBoundIsNeverBelowTheExactSimilarity() {
        for (long seed : new long[] {1, 2, 3}) {
            LibraryIndex index = library(seed, 600);
            SonicVectors sv = index.sonic();
            assertThat(sv.hubnessCorrected()).isTrue();
            float[] dot = new float[index.size()];
            for (int s = 0; s < index.size(); s += 37) {
                if (!sv.has(s)) {
                    continue;
                }
                double[] bound = new double[index.size()];
                sv.addBounds(s, dot, bound);
                for (int r = 0; r < index.size(); r++) {
                    if (sv.has(r) && r != s) {
                        assertThat(bound[r]).as("seed %d row %d", s, r).isGreaterThanOrEqualTo(sv.addSimilarity(s, r, 0));
                    }
                }
            }
        }
    }

    @Test
    void totalBoundsHoldForEveryRowAndSeedSet() {
        LibraryIndex index = library(4, 500);
        for (List<Integer> seeds : List.of(List.of(3), List.of(5, 17, 201), List.of(10), List.of(44, 10))) {
            Scorer bounds = new Scorer(index, seeds, 0.6, 0.4, true);
            Scorer exact = new Scorer(index, seeds, 0.6, 0.4, true);
            for (int r = 0; r < index.size(); r++) {
                assertThat(bounds.totalBound(r)).as("seeds %s row %d", seeds, r).isGreaterThanOrEqualTo(exact.total(r));
            }
        }
    }

    @Test
    void prunedSelectionEqualsBruteForceAndScoresFewRows() {
        LibraryIndex index = library(5, 3000);
        for (int seed : new int[] {1, 77, 1234, 2999}) {
            Scorer scorer = new Scorer(index, List.of(seed), 0.6, 0.4, true);
            Scorer reference = new Scorer(index, List.of(seed), 0.6, 0.4, true);
            int n = index.size();
            long[] bounds = new long[n];
            long[] exact = new long[n];
            for (int r = 0; r < n; r++) {
                bounds[r] = key(r, scorer.totalBound(r));
                exact[r] = key(r, reference.total(r));
            }
            Arrays.sort(exact);
            BestFirst order = new BestFirst(bounds, n, r -> key(r, scorer.total(r)));
            List<Integer> best = new ArrayList<>();
            List<Integer> brute = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                best.add(order.next());
                brute.add((int) (exact[n - 1 - i] & 0xFFFFFF));
            }
            assertThat(best).isEqualTo(brute);
            assertThat(order.scored()).isLessThan(n / 2);
        }
    }

    @Test
    void bestFirstHandsOutEveryRowInExactOrder() {
        Random rnd = new Random(8);
        int n = 2000;
        long[] exact = new long[n];
        long[] bounds = new long[n];
        for (int r = 0; r < n; r++) {
            long value = rnd.nextInt(1 << 20);
            exact[r] = (value << BestFirst.ROW_BITS) | r;
            bounds[r] = ((value + rnd.nextInt(1 << 12)) << BestFirst.ROW_BITS) | r;
        }
        BestFirst order = new BestFirst(bounds.clone(), n, r -> exact[r]);
        long[] sorted = exact.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 10; i++) {
            assertThat(order.next()).isEqualTo((int) (sorted[n - 1 - i] & 0xFFFFFF));
        }
        assertThat(order.scored()).isLessThan(200);
        for (int i = 10; i < n; i++) {
            assertThat(order.next()).isEqualTo((int) (sorted[n - 1 - i] & 0xFFFFFF));
        }
        assertThat(order.next()).isEqualTo(-1);
        assertThat(order.scored()).isEqualTo(n);
    }

    private static long key(int r, double total) {
        return ((long) (total * (1L << 37)) << BestFirst.ROW_BITS) | r;
    }
}
