package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HubnessTest {

    /** 80 tracks: 60 in a tight crowd, 20 scattered far around it. */
    private static LibraryIndex library() {
        Random random = new Random(3);
        TestLibrary lib = new TestLibrary();
        for (int i = 0; i < 80; i++) {
            double spread = i < 60 ? 0.3 : 6;
            float[] v = TestLibrary.sound(-12 + spread * random.nextGaussian(), 2000 + 300 * spread * random.nextGaussian(), 0);
            for (Segment s : Segment.values()) {
                TestLibrary.set(v, s, Features.ONSET_RATE, 3 + spread * random.nextGaussian());
            }
            lib.track(i + 1, "Artist " + i, "Track " + i, null, 200, v);
        }
        return lib.build();
    }

    private static double d2(SonicVectors sv, int a, int b) {
        float[] x = new float[sv.continuousCount()];
        float[] y = new float[sv.continuousCount()];
        sv.weightedZ(a, Segment.AVERAGE, x);
        sv.weightedZ(b, Segment.AVERAGE, y);
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += (x[j] - y[j]) * (x[j] - y[j]);
        }
        return sum;
    }

    @Test
    void neighbourDistanceIsTheMeanOverTheTenNearest() {
        LibraryIndex index = library();
        SonicVectors sv = index.sonic();
        assertThat(sv.hubnessCorrected()).isTrue();
        // fewer tracks than the sample size: every other track is in the sample
        for (int a : new int[] {0, 30, 65, 79}) {
            double[] d = new double[index.size() - 1];
            for (int b = 0, i = 0; b < index.size(); b++) {
                if (b != a) {
                    d[i++] = d2(sv, a, b);
                }
            }
            Arrays.sort(d);
            double expected = Arrays.stream(d, 0, SonicVectors.HUBNESS_K).average().orElseThrow();
            assertThat(sv.neighbourDistance(a)).isCloseTo(expected, within(1e-4));
        }
    }

    @Test
    void similarityIsCorrectedByBothTracksNeighbourDistances() {
        LibraryIndex index = library();
        SonicVectors sv = index.sonic();
        double mean = 0;
        for (int r = 0; r < index.size(); r++) {
            mean += sv.neighbourDistance(r) / index.size();
        }
        for (int[] pair : new int[][] {{0, 1}, {0, 70}, {65, 79}}) {
            int a = pair[0];
            int b = pair[1];
            double corrected = d2(sv, a, b) - (sv.neighbourDistance(a) + sv.neighbourDistance(b)) / 2 + mean;
            assertThat(sv.similarity(a, b)).isCloseTo(Math.exp(-Math.max(0, corrected) / 2), within(1e-4));
        }
    }

    @Test
    void aTrackIsIdenticalToItselfWhereverItSits() {
        LibraryIndex index = library();
        SonicVectors sv = index.sonic();
        for (int a : new int[] {0, 30, 65, 79}) {
            assertThat(sv.similarity(a, a)).isEqualTo(1.0);
            assertThat(sv.addSimilarity(a, a, 0)).isCloseTo(1.0, within(1e-6));
            int next = (a + 1) % index.size();
            assertThat(sv.addSimilarity(a, next, 0)).isCloseTo(sv.similarity(a, next), within(1e-4));
        }
    }

    @Test
    void aCrowdedTrackIsPushedAwayAndAnIsolatedOneBroughtCloser() {
        LibraryIndex index = library();
        SonicVectors sv = index.sonic();
        assertThat(sv.neighbourDistance(0)).isLessThan(sv.neighbourDistance(70));
        // from an isolated track, a crowd member and another isolated track at the same plain distance would now
        // differ: the isolated one gains what the crowded one loses
        double crowdPenalty = d2(sv, 70, 0) - (-Math.log(sv.similarity(70, 0)) * 2);
        double isolatedBonus = d2(sv, 70, 75) - (-Math.log(sv.similarity(70, 75)) * 2);
        assertThat(isolatedBonus).isGreaterThan(crowdPenalty);
    }

    @Test
    void requestScoresEqualPairwiseOnes() {
        LibraryIndex index = library();
        SonicVectors sv = index.sonic();
        for (int r = 0; r < index.size(); r++) {
            if (sv.has(r)) {
                assertThat(sv.addSimilarity(5, r, 0)).isCloseTo(sv.similarity(5, r), within(1e-5));
            }
        }
    }
}
