package dev.segue.sonic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureExtractorTest {

    /** Bin spacing of the spectrum: 22,050 / 2,048 = 10.77 Hz. */
    private static final double BIN_HZ = (double) Signals.SR / FeatureExtractor.FRAME;

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
        for (int i = FeatureLayout.CENTROID_MEAN; i < FeatureLayout.MFCC + FeatureLayout.MFCC_COUNT; i++) {
            assertThat(v[i]).as(FeatureLayout.NAMES.get(i)).isZero();
        }
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

    /** Samples holding exactly {@code frames} frames, none of them zero-padded. */
    static int framesLong(int frames) {
        return FeatureExtractor.FRAME + FeatureExtractor.HOP * (frames - 1);
    }

    static double hann(int i) {
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FeatureExtractor.FRAME);
    }

    /**
     * A steady 440 Hz sine (bin 40.9): the Hann main lobe spans ±2 bins around it and holds nearly all
     * the magnitude, so 85 % of it is reached within two bins above 440 Hz, and the magnitude-weighted
     * spread about the centroid is about one bin (the −31 dB sidelobes add little). Every frame is the
     * same: no rolloff spread.
     */
    @Test
    void sineRolloffAndBandwidthLieInItsMainLobe() {
        float[] pcm = Signals.sine(440, 10, 0.5);
        float[] v = extractor.analyse(pcm, 0, framesLong(400)).toVector();

        assertThat((double) v[FeatureLayout.ROLLOFF_MEAN]).isCloseTo(440, within(2 * BIN_HZ));
        assertThat((double) v[FeatureLayout.ROLLOFF_STD]).isLessThan(1.0);
        assertThat((double) v[FeatureLayout.BANDWIDTH_MEAN]).isBetween(0.5 * BIN_HZ, 2 * BIN_HZ);
        assertThat((double) v[FeatureLayout.BANDWIDTH_STD]).isLessThan(1.0);
    }

    /**
     * One impulse per frame (period 2,048, at offset 256 so the window never hides it) has an exactly
     * flat magnitude spectrum, |X(k)| = a·w(n₀) in all 1,025 bins, so every spectral feature has an
     * exact answer: centroid = bin 512 (5,512.5 Hz), bandwidth = the spread of 1,025 equally weighted
     * bins, BIN_HZ·√((1025² − 1)/12) = 3,185.7 Hz, rolloff = the first bin k with (k+1)/1025 ≥ 0.85,
     * bin 871 (9,377.7 Hz), flatness 1. The impulse sits at 256, 1,792, 1,280, 768 of successive frames,
     * so their level alternates by 15 dB while the spectral shape never changes: flux 0.
     */
    @Test
    void aFlatSpectrumHasExactSpectralFeatures() {
        float[] pcm = impulsePerFrame(0.5f, 400);
        float[] v = vector(pcm);

        // float FFT rounding (~1e-7 relative) is the only error
        assertThat((double) v[FeatureLayout.CENTROID_MEAN]).isCloseTo(512 * BIN_HZ, within(0.01));
        assertThat((double) v[FeatureLayout.BANDWIDTH_MEAN])
                .isCloseTo(BIN_HZ * Math.sqrt((1025.0 * 1025 - 1) / 12), within(0.01));
        assertThat((double) v[FeatureLayout.ROLLOFF_MEAN]).isCloseTo(871 * BIN_HZ, within(0.01));
        assertThat((double) v[FeatureLayout.ROLLOFF_STD]).isZero();
        assertThat((double) v[FeatureLayout.FLATNESS_MEAN]).isCloseTo(1, within(1e-5));
        assertThat((double) v[FeatureLayout.FLUX_MEAN]).isCloseTo(0, within(1e-5));
        // every frame holds one impulse: frame RMS a/√2048 everywhere
        assertThat((double) v[FeatureLayout.LOUDNESS_DB])
                .isCloseTo(20 * Math.log10(0.5 / Math.sqrt(FeatureExtractor.FRAME)), within(1e-3));
        assertThat((double) v[FeatureLayout.DYNAMIC_RANGE_DB]).isCloseTo(0, within(1e-3));
    }

    /**
     * Each mel band of the flat spectrum holds (a·w)² times the sum of its filter's weights, which for
     * a unit-height triangle from lo to hi is its area, (hi − lo) / 2 in bins. So band b is at
     * L + 10·log10(area_b) dB, L = 20·log10(a·w) of the frame. MFCC k ≥ 1 (rows summing to 0) are the
     * DCT of 10·log10(area) alone: filters widen with frequency, so even a flat spectrum has mfcc_2 ≈ −21.
     * MFCC 1 adds √40·mean(L). The area stands for the discrete weight sum within 0.3 % (0.015 dB) in
     * the narrowest band: tolerance 0.05.
     */
    @Test
    void mfccOfAFlatSpectrumIsTheDctOfTheFilterAreas() {
        float a = 0.5f;
        int frames = 400;
        float[] v = vector(impulsePerFrame(a, frames));

        double[] bandDb = new double[FeatureExtractor.MEL_BANDS];
        double[] edges = melEdges();
        for (int b = 0; b < bandDb.length; b++) {
            bandDb[b] = 10 * Math.log10((edges[b + 2] - edges[b]) / 2 / BIN_HZ);
        }
        double meanLevel = 0;
        for (int f = 0; f < frames; f++) {
            int position = Math.floorMod(256 - f * FeatureExtractor.HOP, FeatureExtractor.FRAME);
            meanLevel += 20 * Math.log10(a * hann(position)) / frames;
        }
        for (int c = 0; c < FeatureLayout.MFCC_COUNT; c++) {
            double expected = dct(c, bandDb) + (c == 0 ? Math.sqrt(FeatureExtractor.MEL_BANDS) * meanLevel : 0);
            assertThat((double) v[FeatureLayout.MFCC + c]).as("mfcc_%d", c + 1).isCloseTo(expected, within(0.05));
        }
        assertThat((double) v[FeatureLayout.MFCC + 1]).isCloseTo(-21.4, within(0.1));
    }

    /**
     * +20 dB raises every band by 20 dB: the orthonormal DCT row 0 is 1/√40 in each of 40 bands, so
     * mfcc_1 rises by 20·√40 = 126.49, and the other rows sum to 0, so they do not move. Both levels
     * are far above the −100 dB band floor; float rounding is the only error.
     */
    @Test
    void twentyDecibelsMoreRaiseOnlyMfcc1ByTwentyTimesRootForty() {
        float[] loud = Signals.whiteNoise(10);
        float[] quiet = scaled(loud, 0.1f);

        float[] vl = vector(loud);
        float[] vq = vector(quiet);

        assertThat((double) vl[FeatureLayout.MFCC] - vq[FeatureLayout.MFCC])
                .isCloseTo(20 * Math.sqrt(FeatureExtractor.MEL_BANDS), within(1e-3));
        for (int c = 1; c < FeatureLayout.MFCC_COUNT; c++) {
            assertThat(vl[FeatureLayout.MFCC + c]).as("mfcc_%d", c + 1)
                    .isCloseTo(vq[FeatureLayout.MFCC + c], within(1e-3f));
        }
    }

    /**
     * White noise has a flat spectrum in expectation: the answers of a flat spectrum over 0..11,025 Hz,
     * rolloff 0.85 × 11,025 = 9,371 Hz and bandwidth 11,025/√12 = 3,183 Hz. Sampled in 1,025 bins these
     * are 9,378 and 3,186 Hz (see the flat-spectrum test); the per-frame spread (~90 and ~35 Hz)
     * averaged over 430 frames adds a few Hz: tolerance 25 Hz.
     */
    @Test
    void whiteNoiseRolloffAndBandwidthAreThoseOfAFlatSpectrum() {
        float[] v = vector(Signals.whiteNoise(10));

        assertThat((double) v[FeatureLayout.ROLLOFF_MEAN]).isCloseTo(0.85 * 11_025, within(25.0));
        assertThat((double) v[FeatureLayout.BANDWIDTH_MEAN]).isCloseTo(11_025 / Math.sqrt(12), within(25.0));
        assertThat((double) v[FeatureLayout.CENTROID_MEAN]).isCloseTo(11_025 / 2.0, within(25.0));
    }

    /**
     * A steady sine has the same magnitude spectrum in every frame; only its mirror image at −440 Hz,
     * 82 bins away where the Hann sidelobes are below −100 dB, interferes differently frame to frame.
     */
    @Test
    void fluxOfASteadySineIsZero() {
        float[] pcm = Signals.sine(440, 10, 0.5);
        float[] v = extractor.analyse(pcm, 0, framesLong(400)).toVector();

        assertThat((double) v[FeatureLayout.FLUX_MEAN]).isCloseTo(0, within(1e-4));
        assertThat((double) v[FeatureLayout.FLUX_STD]).isCloseTo(0, within(1e-4));
    }

    /**
     * A signal switching between a 440 Hz sine and white noise every frame length: the flux (mean and
     * std) is the one of its definition, computed here independently with a double-precision DFT,
     * clearly above 0, and the same 20 dB quieter. A float FFT is within ~1e-6 of the double DFT.
     */
    @Test
    void fluxFollowsItsDefinitionAndIgnoresLoudness() {
        int frames = 48;
        float[] sine = Signals.sine(440, 3, 0.5);
        float[] noise = Signals.whiteNoise(3);
        float[] pcm = new float[framesLong(frames)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (i / FeatureExtractor.FRAME) % 2 == 0 ? sine[i] : noise[i];
        }
        double[] expected = referenceFlux(pcm, frames);

        float[] v = vector(pcm);
        float[] quiet = vector(scaled(pcm, 0.1f));

        assertThat(expected[0]).isGreaterThan(0.2);
        assertThat((double) v[FeatureLayout.FLUX_MEAN]).isCloseTo(expected[0], within(1e-4));
        assertThat((double) v[FeatureLayout.FLUX_STD]).isCloseTo(expected[1], within(1e-4));
        assertThat(quiet[FeatureLayout.FLUX_MEAN]).isCloseTo(v[FeatureLayout.FLUX_MEAN], within(1e-5f));
        assertThat(quiet[FeatureLayout.FLUX_STD]).isCloseTo(v[FeatureLayout.FLUX_STD], within(1e-5f));
    }

    /**
     * A sampled sine of frequency f crosses zero twice per period: 2f / 22,050 per sample. Counting
     * may be off by one crossing at the ends of 220,500 samples (4.5e-6).
     */
    @ParameterizedTest
    @ValueSource(doubles = {100, 440, 3_000})
    void zeroCrossingRateOfASineIsTwiceItsFrequencyOverTheRate(double hz) {
        float[] v = vector(Signals.sine(hz, 10, 0.5));

        assertThat((double) v[FeatureLayout.ZCR]).isCloseTo(2 * hz / Signals.SR, within(1e-5));
    }

    /**
     * The average segment pools the frames of the three segments "as if analysed together". Three
     * segments of one signal that overlap by FRAME − HOP samples have between them exactly the frames
     * of the whole signal, so pooling them must give what analysing the whole does: the same values
     * for everything computed per frame (loudness and its percentiles, spectral means and deviations,
     * MFCC, chroma and the key from it), up to summation order. What is not per frame differs by the
     * seams only: the two frame pairs across them have no flux in the segments; the shared samples
     * count twice for the crossing rate (2 × 1,536 of 662,000, with the same rate as the rest); the
     * onset envelope and its autocorrelation restart at each segment, and each segment's onsets are
     * found against its own envelope (a click over a loud tone stands out less than one over a quiet
     * one), so the onset rate is total onsets / total seconds, as documented.
     */
    @Test
    void poolingEqualsAnalysingTheFramesTogether() {
        int perSegment = 430;
        float[][] bed = {Signals.sine(440, 31, 0.3), Signals.sine(880, 31, 0.03), scaled(Signals.whiteNoise(31), 0.2f)};
        float[] whole = clicksOver(bed, perSegment);
        List<SegmentStats> parts = inThree(extractor, whole, perSegment);
        float[] pooled = SegmentStats.pool(parts).toVector();
        float[] together = vector(whole);

        int[] perFrame = {FeatureLayout.LOUDNESS_DB, FeatureLayout.DYNAMIC_RANGE_DB,
                FeatureLayout.CENTROID_MEAN, FeatureLayout.CENTROID_STD, FeatureLayout.ROLLOFF_MEAN,
                FeatureLayout.ROLLOFF_STD, FeatureLayout.FLATNESS_MEAN, FeatureLayout.FLATNESS_STD,
                FeatureLayout.BANDWIDTH_MEAN, FeatureLayout.BANDWIDTH_STD, FeatureLayout.KEY, FeatureLayout.MODE,
                FeatureLayout.KEY_CONFIDENCE};
        for (int i : perFrame) {
            assertThat(pooled[i]).as(FeatureLayout.NAMES.get(i))
                    .isCloseTo(together[i], within(1e-5f * Math.max(1, Math.abs(together[i]))));
        }
        for (int i = FeatureLayout.MFCC; i < FeatureLayout.CHROMA + 12; i++) {
            assertThat(pooled[i]).as(FeatureLayout.NAMES.get(i))
                    .isCloseTo(together[i], within(1e-5f * Math.max(1, Math.abs(together[i]))));
        }
        // 2 of 1,289 flux pairs are missing, each at most √2 from the mean
        assertThat(pooled[FeatureLayout.FLUX_MEAN]).isCloseTo(together[FeatureLayout.FLUX_MEAN], within(0.003f));
        assertThat(pooled[FeatureLayout.ZCR]).isCloseTo(together[FeatureLayout.ZCR], within(1e-3f));
        assertThat((double) pooled[FeatureLayout.TEMPO_BPM]).isCloseTo(120, within(2.0));
        assertThat((double) together[FeatureLayout.TEMPO_BPM]).isCloseTo(120, within(2.0));
        // onsets are counted in each segment against its own envelope, then summed
        double onsets = parts.stream().mapToInt(p -> p.onsets).sum();
        double seconds = parts.stream().mapToDouble(SegmentStats::seconds).sum();
        assertThat((double) pooled[FeatureLayout.ONSET_RATE]).isCloseTo(onsets / seconds, within(1e-5));

        // pooled, not averaged: the spread includes the differences between the segments
        float[][] each = parts.stream().map(SegmentStats::toVector).toArray(float[][]::new);
        for (float[] segment : each) {
            assertThat(pooled[FeatureLayout.CENTROID_STD]).isGreaterThan(segment[FeatureLayout.CENTROID_STD]);
            assertThat(pooled[FeatureLayout.DYNAMIC_RANGE_DB]).isGreaterThan(segment[FeatureLayout.DYNAMIC_RANGE_DB]);
        }
    }

    /** A 120 BPM click track over three beds, {@code perSegment} frames of each. */
    static float[] clicksOver(float[][] bed, int perSegment) {
        float[] whole = new float[framesLong(3 * perSegment)];
        float[] clicks = Signals.clickTrack(120, 31);
        for (int i = 0; i < whole.length; i++) {
            int segment = Math.min(2, i / (FeatureExtractor.HOP * perSegment));
            whole[i] = 0.3f * clicks[i] + bed[segment][i];
        }
        return whole;
    }

    /** The three segments of {@link #clicksOver}, analysed one by one. */
    static List<SegmentStats> inThree(FeatureExtractor extractor, float[] whole, int perSegment) {
        List<SegmentStats> parts = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int from = s * perSegment * FeatureExtractor.HOP;
            parts.add(extractor.analyse(whole, from, from + framesLong(perSegment)));
        }
        return parts;
    }

    /** One impulse of height {@code a} per frame length, at offset 256: {@code frames} frames, none padded. */
    static float[] impulsePerFrame(float a, int frames) {
        float[] pcm = new float[framesLong(frames)];
        for (int i = 256; i < pcm.length; i += FeatureExtractor.FRAME) {
            pcm[i] = a;
        }
        return pcm;
    }

    private static float[] scaled(float[] pcm, float gain) {
        float[] out = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i] * gain;
        }
        return out;
    }

    /** The 42 HTK-mel edges (mel = 2595·log10(1 + f/700)) of 40 bands evenly spaced from 20 Hz to 11,025 Hz. */
    private static double[] melEdges() {
        double lo = 2595 * Math.log10(1 + 20 / 700.0);
        double hi = 2595 * Math.log10(1 + 11_025 / 700.0);
        double[] edges = new double[FeatureExtractor.MEL_BANDS + 2];
        for (int i = 0; i < edges.length; i++) {
            double mel = lo + (hi - lo) * i / (FeatureExtractor.MEL_BANDS + 1);
            edges[i] = 700 * (Math.pow(10, mel / 2595) - 1);
        }
        return edges;
    }

    /** Row c of the orthonormal DCT-II over the bands, applied to {@code x}. */
    private static double dct(int c, double[] x) {
        double scale = Math.sqrt((c == 0 ? 1.0 : 2.0) / x.length);
        double sum = 0;
        for (int b = 0; b < x.length; b++) {
            sum += scale * Math.cos(Math.PI * c * (b + 0.5) / x.length) * x[b];
        }
        return sum;
    }

    /**
     * Flux by its definition: the Euclidean distance between the L2-normalised magnitude spectra
     * (Hann window, DFT in double precision) of consecutive frames; {mean, population std}.
     */
    private static double[] referenceFlux(float[] pcm, int frames) {
        int n = FeatureExtractor.FRAME;
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
        double[] previous = null;
        double sum = 0;
        double sumSq = 0;
        double[] x = new double[n];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < n; i++) {
                x[i] = pcm[f * FeatureExtractor.HOP + i] * hann(i);
            }
            double[] magnitude = new double[FeatureExtractor.BINS];
            double norm = 0;
            for (int k = 0; k < magnitude.length; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    int phase = (int) ((long) k * i % n);
                    re += x[i] * cos[phase];
                    im -= x[i] * sin[phase];
                }
                magnitude[k] = Math.hypot(re, im);
                norm += magnitude[k] * magnitude[k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < magnitude.length; k++) {
                magnitude[k] /= norm;
            }
            if (previous != null) {
                double d = 0;
                for (int k = 0; k < magnitude.length; k++) {
                    d += (magnitude[k] - previous[k]) * (magnitude[k] - previous[k]);
                }
                d = Math.sqrt(d);
                sum += d;
                sumSq += d * d;
            }
            previous = magnitude;
        }
        double mean = sum / (frames - 1);
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / (frames - 1) - mean * mean))};
    }
}
