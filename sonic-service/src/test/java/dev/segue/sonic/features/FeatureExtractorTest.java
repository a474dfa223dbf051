package dev.segue.sonic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureExtractorTest {

    private final FeatureExtractor extractor = new FeatureExtractor();

    private float[] vector(float[] pcm) {
        return extractor.analyse(pcm, 0, pcm.length).toVector();
    }

    @ParameterizedTest
    @ValueSource(doubles = {60, 90, 120, 140, 174, 200})
    void clickTrackTempoWithinTwoBpm(double bpm) {
        float[] v = vector(Signals.clickTrack(bpm, 30));

        assertThat((double) v[FeatureLayout.TEMPO_BPM]).isCloseTo(bpm, within(2.0));
        assertThat(v[FeatureLayout.TEMPO_CONFIDENCE]).isGreaterThan(0.5f);
        assertThat((double) v[FeatureLayout.ONSET_RATE]).isCloseTo(bpm / 60, within(0.2));
    }

    @Test
    void sineCentroidAtItsFrequency() {
        float[] v = vector(Signals.sine(440, 10, 0.5));

        assertThat((double) v[FeatureLayout.CENTROID_MEAN]).isCloseTo(440, within(15.0));
        assertThat(v[FeatureLayout.FLATNESS_MEAN]).isLessThan(0.05f);
        assertThat((double) v[FeatureLayout.LOUDNESS_DB]).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.5));
        assertThat((double) v[FeatureLayout.DYNAMIC_RANGE_DB]).isCloseTo(0, within(0.5));
        assertThat((double) v[FeatureLayout.ZCR]).isCloseTo(2 * 440.0 / Signals.SR, within(0.002));
        assertThat(v[FeatureLayout.CHROMA + 9]).isGreaterThan(0.5f);
        assertThat(v[FeatureLayout.TEMPO_BPM]).isZero();
    }

    @Test
    void whiteNoiseIsFlat() {
        float[] v = vector(Signals.whiteNoise(10));

        assertThat(v[FeatureLayout.FLATNESS_MEAN]).isGreaterThan(0.9f);
        assertThat((double) v[FeatureLayout.CENTROID_MEAN]).isCloseTo(Signals.SR / 4.0, within(300.0));
        assertThat((double) v[FeatureLayout.ZCR]).isCloseTo(0.5, within(0.02));
    }

    @Test
    void cMajorProgressionIsCMajor() {
        double[] c = {Signals.midi(60), Signals.midi(64), Signals.midi(67)};
        double[] f = {Signals.midi(60), Signals.midi(65), Signals.midi(69)};
        double[] g = {Signals.midi(59), Signals.midi(62), Signals.midi(67)};
        float[] v = vector(Signals.chords(new double[][] {c, f, g, c}, 1.0, 5));

        assertThat(v[FeatureLayout.KEY]).isEqualTo(0f);
        assertThat(v[FeatureLayout.MODE]).isEqualTo(1f);
        assertThat(v[FeatureLayout.KEY_CONFIDENCE]).isGreaterThan(0.6f);
    }

    @Test
    void aMinorProgressionIsAMinor() {
        double[] am = {Signals.midi(57), Signals.midi(60), Signals.midi(64)};
        double[] dm = {Signals.midi(57), Signals.midi(62), Signals.midi(65)};
        double[] e = {Signals.midi(56), Signals.midi(59), Signals.midi(64)};
        float[] v = vector(Signals.chords(new double[][] {am, dm, e, am}, 1.0, 5));

        assertThat(v[FeatureLayout.KEY]).isEqualTo(9f);
        assertThat(v[FeatureLayout.MODE]).isEqualTo(0f);
    }

    @Test
    void silenceGivesDefinedValues() {
        float[] v = vector(new float[Signals.SR * 5]);

        assertThat(v).hasSize(FeatureLayout.SIZE).doesNotContain(Float.NaN);
        for (float value : v) {
            assertThat(Float.isFinite(value)).isTrue();
        }
        assertThat(v[FeatureLayout.LOUDNESS_DB]).isEqualTo(-100f);
        assertThat(v[FeatureLayout.TEMPO_BPM]).isZero();
        assertThat(v[FeatureLayout.ONSET_RATE]).isZero();
        assertThat(v[FeatureLayout.CHROMA]).isEqualTo(1f / 12);
    }

    @Test
    void emptyAndTinyInputsAreFinite() {
        for (float[] pcm : List.of(new float[0], new float[10], Signals.sine(1000, 0.05, 0.5))) {
            float[] v = vector(pcm);
            for (float value : v) {
                assertThat(Float.isFinite(value)).isTrue();
            }
        }
    }

    @Test
    void chromaSumsToOne() {
        float[] v = vector(Signals.whiteNoise(3));
        double sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += v[FeatureLayout.CHROMA + i];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void poolingEqualsAnalysingTheFramesTogether() {
        float[] a = Signals.sine(440, 5, 0.5);
        float[] b = Signals.sine(880, 5, 0.05);
        SegmentStats first = extractor.analyse(a, 0, a.length);
        SegmentStats second = extractor.analyse(b, 0, b.length);
        float[] pooled = SegmentStats.pool(List.of(first, second)).toVector();

        float[] va = first.toVector();
        float[] vb = second.toVector();
        assertThat(pooled[FeatureLayout.CENTROID_MEAN])
                .isBetween(Math.min(va[FeatureLayout.CENTROID_MEAN], vb[FeatureLayout.CENTROID_MEAN]),
                        Math.max(va[FeatureLayout.CENTROID_MEAN], vb[FeatureLayout.CENTROID_MEAN]));
        assertThat(pooled[FeatureLayout.CENTROID_STD]).isGreaterThan(200f);
        assertThat(pooled[FeatureLayout.DYNAMIC_RANGE_DB]).isGreaterThan(15f);
    }
}
