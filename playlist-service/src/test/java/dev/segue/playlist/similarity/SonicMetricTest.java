package dev.segue.playlist.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.LibraryIndex;
import dev.segue.playlist.index.Segment;
import dev.segue.playlist.index.TestLibrary;
import org.junit.jupiter.api.Test;

class SonicMetricTest {

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
    void continuousWeightsAreDocumentedSum() {
        assertThat(SonicMetric.CONTINUOUS).hasSize(39).doesNotContain(Features.TEMPO_BPM, Features.KEY, Features.MODE,
                Features.TEMPO_CONFIDENCE, Features.KEY_CONFIDENCE);
        assertThat(SonicMetric.CONTINUOUS_WEIGHT_SUM).isCloseTo(16.4, within(1e-5));
    }

    @Test
    void similarityOfZScoresHasKnownValue() {
        // two tracks differing only in loudness: z = ±1, so the squared difference is 4, weight 1
        LibraryIndex index = new TestLibrary()
                .track(1, "A", "a", null, 200, TestLibrary.sound(-10, 0, 0))
                .track(2, "B", "b", null, 200, TestLibrary.sound(-20, 0, 0))
                .build();
        SonicVectors sv = index.sonic();
        assertThat(sv.similarity(0, Segment.AVERAGE, 0, Segment.AVERAGE)).isEqualTo(1.0);
        assertThat(sv.similarity(0, Segment.AVERAGE, 1, Segment.AVERAGE)).isCloseTo(Math.exp(-4 / 16.4 / 2), within(1e-6));
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
        double expected = Math.exp(-(1.5 * d * d) / (16.4 + 1.5) / 2);
        assertThat(sv.similarity(0, Segment.AVERAGE, 2, Segment.AVERAGE)).isCloseTo(expected, within(1e-6));
        assertThat(sv.similarity(0, Segment.AVERAGE, 3, Segment.AVERAGE)).isLessThan(expected);
    }

    @Test
    void transitionComparesEndWithBeginning() {
        float[] a = TestLibrary.sound(-10, 1000, 0);
        TestLibrary.set(a, Segment.END, Features.LOUDNESS_DB, -30);
        float[] b = TestLibrary.sound(-10, 1000, 0);
        TestLibrary.set(b, Segment.BEGINNING, Features.LOUDNESS_DB, -30);
        LibraryIndex index = new TestLibrary().track(1, "A", "a", null, 200, a).track(2, "B", "b", null, 200, b).build();
        SonicVectors sv = index.sonic();
        assertThat(sv.similarity(0, Segment.END, 1, Segment.BEGINNING)).isEqualTo(1.0);
        assertThat(sv.similarity(0, Segment.END, 1, Segment.END)).isLessThan(0.9);
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
