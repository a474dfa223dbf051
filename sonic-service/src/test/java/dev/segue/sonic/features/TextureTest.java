package dev.segue.sonic.features;

import static dev.segue.sonic.features.FeatureExtractorTest.framesLong;
import static dev.segue.sonic.features.FeatureExtractorTest.hann;
import static dev.segue.sonic.features.FeatureExtractorTest.impulsePerFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The texture features of analyzer version 2 on signals whose answers are known. */
class TextureTest {

    private static final int FRAMES = 400;
    private static final float A = 0.5f;

    private final FeatureExtractor extractor = new FeatureExtractor();

    private float[] vector(float[] pcm) {
        return extractor.analyse(pcm, 0, pcm.length).toVector();
    }

    /**
     * One impulse per 2,048 samples: every frame holds exactly one, at a position that cycles through four
     * values, so every frame's spectrum is flat at L_f = 20·log10(a·w(position)) dB. A flat band has no contrast
     * and its valley is L_f; only mfcc_1 moves from frame to frame (√40·L_f), the other MFCCs are those of the
     * filter areas in every frame.
     */
    private static double[] frameLevelsDb() {
        double[] level = new double[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            int position = Math.floorMod(256 - f * FeatureExtractor.HOP, FeatureExtractor.FRAME);
            level[f] = 20 * Math.log10(A * hann(position));
        }
        return level;
    }

    @Test
    void aFlatSpectrumHasNoContrastAndItsLevelAsValley() {
        float[] v = vector(impulsePerFrame(A, FRAMES));
        // the contrast looks at every fourth frame: each holds its impulse at the same place as frame 0
        double meanLevel = 0;
        int measured = 0;
        double[] level = frameLevelsDb();
        for (int f = 0; f < FRAMES; f += Texture.CONTRAST_EVERY) {
            meanLevel += level[f];
            measured++;
        }
        meanLevel /= measured;
        assertThat(meanLevel).isCloseTo(level[0], within(1e-9));

        for (int b = 0; b < Texture.CONTRAST_BANDS; b++) {
            assertThat((double) v[FeatureLayout.CONTRAST + b]).as("contrast_%d", b + 1).isCloseTo(0, within(1e-3));
            assertThat((double) v[FeatureLayout.CONTRAST_STD + b]).as("contrast_std_%d", b + 1).isCloseTo(0, within(1e-2));
            assertThat((double) v[FeatureLayout.VALLEY + b]).as("valley_db_%d", b + 1).isCloseTo(meanLevel, within(1e-3));
        }
    }

    @Test
    void mfccSpreadAndChangeOfAFlatSpectrumAreThoseOfItsLevel() {
        float[] v = vector(impulsePerFrame(A, FRAMES));
        double[] level = frameLevelsDb();
        double root40 = Math.sqrt(FeatureExtractor.MEL_BANDS);
        double mean = mean(level);
        double variance = 0;
        double deltaSq = 0;
        for (int f = 0; f < FRAMES; f++) {
            variance += (level[f] - mean) * (level[f] - mean) / FRAMES;
            if (f > 0) {
                deltaSq += (level[f] - level[f - 1]) * (level[f] - level[f - 1]) / (FRAMES - 1);
            }
        }

        assertThat((double) v[FeatureLayout.MFCC_STD]).isCloseTo(root40 * Math.sqrt(variance), within(1e-2));
        assertThat((double) v[FeatureLayout.MFCC_DELTA]).isCloseTo(root40 * Math.sqrt(deltaSq), within(1e-2));
        for (int c = 1; c < FeatureLayout.MFCC_COUNT; c++) {
            assertThat((double) v[FeatureLayout.MFCC_STD + c]).as("mfcc_std_%d", c + 1).isCloseTo(0, within(1e-2));
            assertThat((double) v[FeatureLayout.MFCC_DELTA + c]).as("mfcc_delta_%d", c + 1).isCloseTo(0, within(1e-2));
        }
    }

    /**
     * A tone whose level rises by exactly d dB per hop (its period divides the hop, so each frame is the previous
     * one times 10^(d/20)) moves every mel band by d dB a frame: mfcc_delta_1 = √40·d, the others 0, and
     * mfcc_1 is a linear ramp over n frames, std √40·d·√((n² − 1)/12).
     */
    @Test
    void aSteadyRiseMovesOnlyMfcc1ByTheSameStepEveryFrame() {
        double stepDb = 0.05;
        int frames = 300;
        float[] pcm = new float[framesLong(frames)];
        double f0 = FeatureExtractor.SAMPLE_RATE / (double) FeatureExtractor.HOP;
        for (int i = 0; i < pcm.length; i++) {
            double gain = 0.002 * Math.pow(10, stepDb * i / FeatureExtractor.HOP / 20);
            double value = 0;
            // every harmonic of 43.07 Hz up to 10 kHz, so each mel band holds several
            for (int h = 1; h * f0 < 10_000; h++) {
                value += Math.cos(2 * Math.PI * h * f0 * i / FeatureExtractor.SAMPLE_RATE + h * h);
            }
            pcm[i] = (float) (gain * value);
        }
        float[] v = vector(pcm);
        double root40 = Math.sqrt(FeatureExtractor.MEL_BANDS);

        assertThat((double) v[FeatureLayout.MFCC_DELTA]).isCloseTo(root40 * stepDb, within(2e-3));
        assertThat((double) v[FeatureLayout.MFCC_STD])
                .isCloseTo(root40 * stepDb * Math.sqrt((frames * (double) frames - 1) / 12), within(0.02));
        for (int c = 1; c < FeatureLayout.MFCC_COUNT; c++) {
            assertThat((double) v[FeatureLayout.MFCC_DELTA + c]).as("mfcc_delta_%d", c + 1).isCloseTo(0, within(2e-3));
        }
    }

    /** A 1 kHz tone over the flat floor stands out in its octave (800–1,600 Hz), the fourth band, only. */
    @Test
    void aToneRaisesTheContrastOfItsOctaveBand() {
        float[] pcm = impulsePerFrame(0.01f, FRAMES);
        float[] tone = Signals.sine(1000, pcm.length / (double) Signals.SR + 1, 0.5);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] += tone[i];
        }
        float[] v = vector(pcm);

        assertThat(v[FeatureLayout.CONTRAST + 3]).isGreaterThan(30f);
        for (int b = 0; b < Texture.CONTRAST_BANDS; b++) {
            if (b != 3) {
                assertThat(v[FeatureLayout.CONTRAST + b]).as("contrast_%d", b + 1)
                        .isLessThan(v[FeatureLayout.CONTRAST + 3] - 20);
            }
        }
    }

    /**
     * Peak over RMS: a sine's is √2 (3.01 dB; at 22,050 / 40 Hz a sample falls on each peak), a square wave's 1
     * (0 dB), impulses' the root of the samples per impulse.
     */
    @Test
    void crestFactorIsPeakOverRms() {
        double hz = Signals.SR / 40.0;
        float[] square = Signals.sine(hz, 3, 0.4);
        for (int i = 0; i < square.length; i++) {
            square[i] = square[i] >= 0 ? 0.4f : -0.4f;
        }

        assertThat((double) vector(Signals.sine(hz, 3, 0.4))[FeatureLayout.CREST_DB])
                .isCloseTo(20 * Math.log10(Math.sqrt(2)), within(0.01));
        assertThat((double) vector(square)[FeatureLayout.CREST_DB]).isCloseTo(0, within(1e-4));
        float[] impulses = impulsePerFrame(A, FRAMES);
        double rms = A * Math.sqrt(Math.ceil(impulses.length / 2048.0 - 256 / 2048.0) / impulses.length);
        assertThat((double) vector(impulses)[FeatureLayout.CREST_DB]).isCloseTo(20 * Math.log10(A / rms), within(1e-3));
    }

    /**
     * Loud for a quarter of the time and 20 dB quieter for the rest: the mean frame RMS is
     * (1 + 3 × 0.1) / 4 = 0.325 of the loud one, so the quiet three quarters lie below it; the other way round
     * (mean 0.775) only the quiet quarter does. The few frames straddling a change decide within ±2 %.
     */
    @Test
    void lowEnergyRatioIsTheShareOfFramesBelowTheMeanRms() {
        assertThat((double) vector(levels(1, 3))[FeatureLayout.LOW_ENERGY]).isCloseTo(0.75, within(0.02));
        assertThat((double) vector(levels(3, 1))[FeatureLayout.LOW_ENERGY]).isCloseTo(0.25, within(0.02));
    }

    @Test
    void silenceGivesZeroTextureAndTheFloorAsValley() {
        float[] v = vector(new float[Signals.SR * 5]);

        for (int i = FeatureLayout.MFCC_STD; i < FeatureLayout.SIZE; i++) {
            float expected = i >= FeatureLayout.VALLEY && i < FeatureLayout.VALLEY + Texture.CONTRAST_BANDS
                    ? FeatureLayout.SILENCE_FLOOR_DB : 0f;
            assertThat(v[i]).as(FeatureLayout.NAMES.get(i)).isEqualTo(expected);
        }
    }

    /**
     * Pooled segments give the texture features of their frames analysed together (432 frames a segment: a
     * multiple of four, so the contrast looks at the same frames both ways).
     */
    @Test
    void poolingEqualsAnalysingTheFramesTogether() {
        int perSegment = 432;
        float[][] bed = {Signals.sine(440, 31, 0.3), Signals.whiteNoise(31), levels(10, 21)};
        float[] whole = FeatureExtractorTest.clicksOver(bed, perSegment);
        List<SegmentStats> parts = FeatureExtractorTest.inThree(extractor, whole, perSegment);
        float[] pooled = SegmentStats.pool(parts).toVector();
        float[] together = vector(whole);

        for (int i = FeatureLayout.MFCC_STD; i < FeatureLayout.MFCC_STD + FeatureLayout.MFCC_COUNT; i++) {
            assertThat(pooled[i]).as(FeatureLayout.NAMES.get(i)).isCloseTo(together[i], within(1e-3f * Math.max(1, together[i])));
        }
        for (int i = FeatureLayout.CONTRAST; i < FeatureLayout.VALLEY + Texture.CONTRAST_BANDS; i++) {
            assertThat(pooled[i]).as(FeatureLayout.NAMES.get(i))
                    .isCloseTo(together[i], within(1e-3f * Math.max(1, Math.abs(together[i]))));
        }
        // 2 of 1,289 frame pairs (across the segment joins) are missing from the pooled change
        for (int i = FeatureLayout.MFCC_DELTA; i < FeatureLayout.MFCC_DELTA + FeatureLayout.MFCC_COUNT; i++) {
            assertThat(pooled[i]).as(FeatureLayout.NAMES.get(i)).isCloseTo(together[i], within(0.02f * together[i] + 0.01f));
        }
        // the segments overlap by three hops, counted in each segment's energy
        assertThat(pooled[FeatureLayout.CREST_DB]).isCloseTo(together[FeatureLayout.CREST_DB], within(0.05f));
        assertThat(pooled[FeatureLayout.LOW_ENERGY]).isCloseTo(together[FeatureLayout.LOW_ENERGY], within(0.01f));
    }

    /** The selection behind the contrast puts the value a sort would at the asked position, ties and all. */
    @Test
    void selectionAgreesWithASort() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = trial % 3 == 0 ? random.nextInt(4) : random.nextGaussian();
            }
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int nth = random.nextInt(n);
            Texture.select(a, 0, n - 1, nth);
            assertThat(a[nth]).isEqualTo(sorted[nth]);
            for (int i = 0; i < n; i++) {
                assertThat(i < nth ? a[i] <= a[nth] : a[i] >= a[nth]).isTrue();
            }
        }
    }

    /** A 441 Hz tone at 0.4 for {@code loudSeconds}, then at 0.04 for {@code quietSeconds}. */
    private static float[] levels(double loudSeconds, double quietSeconds) {
        float[] pcm = Signals.sine(441, loudSeconds + quietSeconds, 0.4);
        for (int i = (int) (loudSeconds * Signals.SR); i < pcm.length; i++) {
            pcm[i] *= 0.1f;
        }
        return pcm;
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double value : x) {
            sum += value;
        }
        return sum / x.length;
    }
}
