package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import org.junit.jupiter.api.Test;

class SonicMetricTest {

    /** Σ w over analyzer version 1's continuous features (docs/playlist.md). */
    static final double V1_WEIGHT_SUM = 16.4;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void tempoDistanceIsOctaveAware() {
        assertThat(SonicMetric.tempoDistance(log2(120), log2(120))).isZero();
        assertThat(SonicMetric.tempoDistance(log2(120), log2(60))).isCloseTo(0, within(1e-12));
        assertThat(SonicMetric.tempoDistance(log2(120), log2(240))).isCloseTo(0, within(1e-12));
        // 120 → 180 is 0.585 octave, i.e. 0.415 from the nearest octave (90 → 180), in units of 0.15 octave
        assertThat(SonicMetric.tempoDistance(log2(120), log2(180))).isCloseTo((2 - log2(3)) / 0.15, within(1e-9));
        assertThat(SonicMetric.tempoDistance(log2(100), log2(110))).isCloseTo(log2(1.1) / 0.15, within(1e-9));
    }

    @Test
    void keyDistanceFollowsTheCircleOfFifths() {
        int cMajor = SonicMetric.fifthsPosition(0, true);
        assertThat(SonicMetric.keyDistance(cMajor, true, SonicMetric.fifthsPosition(7, true), true)).isEqualTo(0.5);
        assertThat(SonicMetric.keyDistance(cMajor, true, SonicMetric.fifthsPosition(5, true), true)).isEqualTo(0.5);
        assertThat(SonicMetric.keyDistance(cMajor, true, SonicMetric.fifthsPosition(6, true), true)).isEqualTo(3.0);
        // A minor is C major's relative: same position, different mode
        assertThat(SonicMetric.keyDistance(cMajor, true, SonicMetric.fifthsPosition(9, false), false)).isEqualTo(0.5);
        // C minor sits at E-flat major, three fifths away
        assertThat(SonicMetric.keyDistance(cMajor, true, SonicMetric.fifthsPosition(0, false), false)).isEqualTo(2.0);
    }

    @Test
    void weightsGoByNameWithADefaultForUnknownFeatures() {
        assertThat(SonicMetric.weight("loudness_db", 1)).isEqualTo(1.0);
        assertThat(SonicMetric.weight("mfcc_1", 13)).isEqualTo(0.5);
        assertThat(SonicMetric.weight("mfcc_3", 13)).isEqualTo(0.4);
        assertThat(SonicMetric.weight("chroma_f_sharp", 1)).isEqualTo(0.15);
        assertThat(SonicMetric.weight("onset_rate", 1)).isEqualTo(1.0);
        assertThat(SonicMetric.weight("tempo_bpm", 1)).isZero();
        assertThat(SonicMetric.weight("key_confidence", 1)).isZero();
        // features of a layout this code has never seen
        assertThat(SonicMetric.weight("spectral_flux_novelty", 1)).isEqualTo(SonicMetric.DEFAULT_WEIGHT);
        assertThat(SonicMetric.weight("spectral_pattern_7", 16)).isCloseTo(0.125, within(1e-12));
        assertThat(SonicMetric.family("mfcc_13")).isEqualTo("mfcc");
        assertThat(SonicMetric.family("spectral_pattern_7")).isEqualTo("spectral_pattern");
        assertThat(SonicMetric.family("zcr")).isNull();
    }

    @Test
    void version1ComparesEveryContinuousFeature() {
        LibraryIndex index = new TestLibrary().track(1, "A", "a", null, 200, TestLibrary.sound(-10, 0, 0)).build();
        SonicVectors sv = index.sonic();
        assertThat(sv.continuousCount()).isEqualTo(39);
        for (int j = 0; j < sv.continuousCount(); j++) {
            assertThat(sv.continuousName(j)).isNotIn("tempo_bpm", "key", "mode", "tempo_confidence", "key_confidence");
        }
    }

    @Test
    void similarityOfRankNormalisedValuesHasKnownValue() {
        // two tracks differing only in loudness, four segments each: the four quieter values share rank 1.5 of 8,
        // the louder ones 5.5, so they normalise to the normal quantiles of 2/8 and 6/8 (∓0.674)
        LibraryIndex index = new TestLibrary()
                .track(1, "A", "a", null, 200, TestLibrary.sound(-10, 0, 0))
                .track(2, "B", "b", null, 200, TestLibrary.sound(-20, 0, 0))
                .build();
        SonicVectors sv = index.sonic();
        double z = RankNormal.probit(0.75);
        assertThat(sv.zScore(0, Segment.AVERAGE, "loudness_db")).isCloseTo(z, within(1e-6));
        assertThat(sv.zScore(1, Segment.MIDDLE, "loudness_db")).isCloseTo(-z, within(1e-6));
        assertThat(sv.varies("loudness_db")).isTrue();
        assertThat(sv.varies("centroid_mean_hz")).isFalse();
        assertThat(sv.zScore(0, Segment.AVERAGE, "tempo_bpm")).isNaN();
        double expected = Math.exp(-(2 * z) * (2 * z) / V1_WEIGHT_SUM / 2);
        assertThat(sv.similarity(0, Segment.AVERAGE, 0, Segment.AVERAGE)).isEqualTo(1.0);
        assertThat(sv.similarity(0, Segment.AVERAGE, 1, Segment.AVERAGE)).isCloseTo(expected, within(1e-6));
        // a library this small has no hubness correction: the track similarity is the same number
        assertThat(sv.hubnessCorrected()).isFalse();
        assertThat(sv.similarity(0, 1)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void anOutlierDoesNotSquashTheOthersDifferences() {
        // with z-scores the 10 000 Hz track would leave the other three within 0.1 sd of each other
        LibraryIndex index = new TestLibrary()
                .track(1, "A", "a", null, 200, TestLibrary.sound(-10, 1000, 0))
                .track(2, "B", "b", null, 200, TestLibrary.sound(-10, 1100, 0))
                .track(3, "C", "c", null, 200, TestLibrary.sound(-10, 1200, 0))
                .track(4, "D", "d", null, 200, TestLibrary.sound(-10, 10000, 0))
                .build();
        SonicVectors sv = index.sonic();
        double ab = sv.zScore(1, Segment.AVERAGE, "centroid_mean_hz") - sv.zScore(0, Segment.AVERAGE, "centroid_mean_hz");
        double cd = sv.zScore(3, Segment.AVERAGE, "centroid_mean_hz") - sv.zScore(2, Segment.AVERAGE, "centroid_mean_hz");
        assertThat(ab).isGreaterThan(0.5);
        assertThat(cd).isCloseTo(ab, within(0.3));
    }

    @Test
    void halfTimeTrackSoundsAlikeButOffTempoDoesNot() {
        LibraryIndex index = new TestLibrary()
                .track(1, "A", "a", null, 200, TestLibrary.sound(-10, 1000, 120))
                .track(2, "B", "b", null, 200, TestLibrary.sound(-10, 1000, 60))
                .track(3, "C", "c", null, 200, TestLibrary.sound(-10, 1000, 140))
                .track(4, "D", "d", null, 200, TestLibrary.sound(-14, 3000, 120))
                .build();
        SonicVectors sv = index.sonic();
        assertThat(sv.similarity(0, Segment.AVERAGE, 1, Segment.AVERAGE)).isEqualTo(1.0);
        double d = log2(140.0 / 120) / 0.15;
        double expected = Math.exp(-(1.5 * d * d) / (V1_WEIGHT_SUM + 1.5) / 2);
        assertThat(sv.similarity(0, Segment.AVERAGE, 2, Segment.AVERAGE)).isCloseTo(expected, within(1e-6));
        assertThat(sv.similarity(0, Segment.AVERAGE, 3, Segment.AVERAGE)).isLessThan(expected);
        // the track similarity leaves tempo to the transitions
        assertThat(sv.similarity(0, 2)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void transitionComparesEndWithBeginning() {
        float[] a = TestLibrary.sound(-10, 1000, 0);
        TestLibrary.set(a, Segment.END, Features.LOUDNESS_DB, -30);
        float[] b = TestLibrary.sound(-10, 1000, 0);
        TestLibrary.set(b, Segment.BEGINNING, Features.LOUDNESS_DB, -30);
        LibraryIndex index = new TestLibrary().track(1, "A", "a", null, 200, a).track(2, "B", "b", null, 200, b).build();
        SonicVectors sv = index.sonic();
        assertThat(sv.transition(0, 1)).isEqualTo(1.0);
        // of the eight pooled loudness values two are -30 dB (rank 0.5) and six -10 dB (mean rank 4.5)
        double d = RankNormal.probit(5 / 8.0) - RankNormal.probit(1 / 8.0);
        assertThat(sv.similarity(0, Segment.END, 1, Segment.END)).isCloseTo(Math.exp(-d * d / V1_WEIGHT_SUM / 2), within(1e-6));
        assertThat(sv.nearIdentical(0, 1)).isFalse();
        assertThat(sv.nearIdentical(0, 0)).isTrue();
    }

    @Test
    void unanalysedTrackHasNoVectors() {
        LibraryIndex index = new TestLibrary()
                .track(1, "A", "a", null, 200, TestLibrary.sound(-10, 0, 0))
                .track(2, "B", "b", null, 200, null)
                .build();
        assertThat(index.hasSonic(0)).isTrue();
        assertThat(index.hasSonic(1)).isFalse();
        assertThat(index.sonic().analysedCount()).isEqualTo(1);
        assertThat(index.sonic().tempoBpm(0)).isNaN();
    }
}
