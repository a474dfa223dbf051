package dev.segue.sonic.features;

import java.util.Arrays;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The timbre-texture and rhythm-texture features of analyzer version 2 (docs/sonic.md): spread and change of
 * the MFCCs, octave-band spectral contrast, band energies, band flux and flatness, crest factor, low-energy
 * ratio, onset periodicity and the fluctuation pattern. Each is kept as sums in {@link SegmentStats#texture}
 * so that pooled segments equal their frames analysed together. Not thread-safe (sort scratch).
 */
final class Texture {

    /** Mel bands are averaged in four groups of ten for the band flux and the fluctuation envelopes. */
    static final int ENVELOPE_GROUPS = 4;
    static final int BANDS_PER_GROUP = FeatureExtractor.MEL_BANDS / ENVELOPE_GROUPS;
    /** Octave bands of the spectral contrast (Jiang et al. 2002): 0–200, 200–400 … 6.4–11.025 kHz. */
    static final double[] CONTRAST_EDGES_HZ = {0, 200, 400, 800, 1600, 3200, 6400, 11_025};
    static final int CONTRAST_BANDS = CONTRAST_EDGES_HZ.length - 1;
    /** Share of a band's bins averaged for its peak and for its valley. */
    static final double CONTRAST_QUANTILE = 0.2;
    /** Band energies: sub-bass, bass, low mids, mids, high mids, presence, brilliance. */
    static final double[] ENERGY_EDGES_HZ = {20, 60, 250, 500, 2000, 4000, 6000, 11_025};
    static final int ENERGY_BANDS = ENERGY_EDGES_HZ.length - 1;
    /** A band's share of the frame's power is floored at −60 dB: an empty band is "absent", not −∞. */
    static final double SHARE_FLOOR_DB = -60;
    static final int FLATNESS_GROUPS = 4;
    /** Fluctuation pattern: 128-frame (3.0 s) Hann windows every 64 frames over the group envelopes. */
    static final int FP_WINDOW = 128;
    static final int FP_HOP = 64;
    /** Modulation bands in FFT bins of the envelope (0.336 Hz each): 0.34–1, 1–2, 2–4, 4–10 Hz. */
    static final int[] FP_EDGES = {1, 3, 6, 12, 30};
    static final int FP_BANDS = FP_EDGES.length - 1;
    /** Onset-autocorrelation lag bands in seconds: 0.1–0.2, 0.2–0.4, 0.4–0.8, 0.8–1.6, 1.6–3.2. */
    static final double[] ACF_EDGES_S = {0.1, 0.2, 0.4, 0.8, 1.6, 3.2};
    static final int ACF_BANDS = ACF_EDGES_S.length - 1;
    /** Pulse clarity looks for the strongest periodicity between 0.25 s and 2 s (30–240 BPM). */
    static final double PULSE_MIN_S = 0.25;
    static final double PULSE_MAX_S = 2.0;

    static final int MFCC_SQ = 0;
    static final int DELTA_SQ = MFCC_SQ + FeatureLayout.MFCC_COUNT;
    static final int BAND_FLUX = DELTA_SQ + FeatureLayout.MFCC_COUNT;
    static final int DELTA_FRAMES = BAND_FLUX + ENVELOPE_GROUPS;
    static final int CONTRAST = DELTA_FRAMES + 1;
    static final int CONTRAST_SQ = CONTRAST + CONTRAST_BANDS;
    static final int VALLEY = CONTRAST_SQ + CONTRAST_BANDS;
    static final int BAND_DB = VALLEY + CONTRAST_BANDS;
    static final int FLATNESS_BAND = BAND_DB + ENERGY_BANDS;
    static final int FLUCTUATION = FLATNESS_BAND + FLATNESS_GROUPS;
    static final int FP_WINDOWS = FLUCTUATION + ENVELOPE_GROUPS * FP_BANDS;
    static final int ENERGY = FP_WINDOWS + 1;
    static final int SLOTS = ENERGY + 1;

    private static final int[] CONTRAST_BINS = bins(CONTRAST_EDGES_HZ, 1);
    private static final int[] ENERGY_BINS = bins(ENERGY_EDGES_HZ, 0);
    private static final float[] FP_HANN = hann(FP_WINDOW);

    private final double[] scratch = new double[FeatureExtractor.BINS];
    private final FloatFFT_1D envelopeFft = new FloatFFT_1D(FP_WINDOW);
    private final float[] envelopeBuffer = new float[FP_WINDOW];

    /** Per voiced frame: spectral contrast and valley per octave band, and each band's share of the power. */
    void frame(SegmentStats stats, double[] power) {
        double[] t = stats.texture;
        for (int b = 0; b < CONTRAST_BANDS; b++) {
            int lo = CONTRAST_BINS[b];
            int hi = CONTRAST_BINS[b + 1];
            int n = hi - lo;
            System.arraycopy(power, lo, scratch, 0, n);
            Arrays.sort(scratch, 0, n);
            int k = Math.max(1, (int) Math.round(CONTRAST_QUANTILE * n));
            double valley = 0;
            double peak = 0;
            for (int i = 0; i < k; i++) {
                valley += scratch[i];
                peak += scratch[n - 1 - i];
            }
            double valleyDb = 10 * Math.log10(valley / k + 1e-10);
            double contrast = 10 * Math.log10(peak / k + 1e-10) - valleyDb;
            t[CONTRAST + b] += contrast;
            t[CONTRAST_SQ + b] += contrast * contrast;
            t[VALLEY + b] += valleyDb;
        }
        double total = 0;
        for (double p : power) {
            total += p;
        }
        for (int b = 0; b < ENERGY_BANDS; b++) {
            double band = 0;
            for (int k = ENERGY_BINS[b]; k < ENERGY_BINS[b + 1]; k++) {
                band += power[k];
            }
            double share = total > 0 ? 10 * Math.log10(band / total + 1e-12) : SHARE_FLOOR_DB;
            t[BAND_DB + b] += Math.max(SHARE_FLOOR_DB, share);
        }
    }

    /**
     * Per voiced frame: the frame's MFCCs (for their spread) and, when the previous frame was voiced too, their
     * change and the positive flux of each mel band group ({@code groupRise}, dB summed over its bands).
     */
    static void mfccFrame(SegmentStats stats, double[] mfcc, double[] previous, double[] groupRise) {
        double[] t = stats.texture;
        for (int c = 0; c < mfcc.length; c++) {
            t[MFCC_SQ + c] += mfcc[c] * mfcc[c];
        }
        if (previous == null) {
            return;
        }
        for (int c = 0; c < mfcc.length; c++) {
            double d = mfcc[c] - previous[c];
            t[DELTA_SQ + c] += d * d;
        }
        for (int g = 0; g < ENVELOPE_GROUPS; g++) {
            t[BAND_FLUX + g] += groupRise[g] / BANDS_PER_GROUP;
        }
        t[DELTA_FRAMES]++;
    }

    /** Sample peak and energy of the whole stretch, for the crest factor. */
    static void samplePeakAndEnergy(SegmentStats stats, float[] pcm, int from, int to) {
        double peak = 0;
        double energy = 0;
        for (int i = from; i < to; i++) {
            double x = pcm[i];
            energy += x * x;
            peak = Math.max(peak, Math.abs(x));
        }
        stats.peak = peak;
        stats.texture[ENERGY] += energy;
    }

    /**
     * Fluctuation pattern (after Pampalk 2001): how strongly each group's level (dB) is modulated at 0.3–10 Hz,
     * as the mean modulation amplitude over 3 s windows in four modulation bands.
     */
    void fluctuation(SegmentStats stats, float[][] envelopes) {
        int frames = envelopes[0].length;
        double[] t = stats.texture;
        for (int start = 0; start + FP_WINDOW <= frames; start += FP_HOP) {
            for (int g = 0; g < ENVELOPE_GROUPS; g++) {
                float[] env = envelopes[g];
                double mean = 0;
                for (int i = 0; i < FP_WINDOW; i++) {
                    mean += env[start + i];
                }
                mean /= FP_WINDOW;
                for (int i = 0; i < FP_WINDOW; i++) {
                    envelopeBuffer[i] = (float) ((env[start + i] - mean) * FP_HANN[i]);
                }
                envelopeFft.realForward(envelopeBuffer);
                for (int m = 0; m < FP_BANDS; m++) {
                    double sum = 0;
                    for (int k = FP_EDGES[m]; k < FP_EDGES[m + 1]; k++) {
                        double re = envelopeBuffer[2 * k];
                        double im = envelopeBuffer[2 * k + 1];
                        sum += Math.sqrt(re * re + im * im);
                    }
                    // amplitude of a sinusoidal modulation in dB: |X| of a Hann-windowed sine is A·N/4
                    t[FLUCTUATION + g * FP_BANDS + m] += sum / (FP_EDGES[m + 1] - FP_EDGES[m]) * 4 / FP_WINDOW;
                }
            }
            t[FP_WINDOWS]++;
        }
    }

    /** Writes the texture features into a vector of {@link FeatureLayout}. */
    static void toVector(SegmentStats s, float[] v) {
        double[] t = s.texture;
        int voiced = s.voicedFrames;
        double[] mfccMean = voiced > 0 ? FeatureExtractor.mfcc(s.melDbSum) : new double[FeatureLayout.MFCC_COUNT];
        double deltaFrames = t[DELTA_FRAMES];
        for (int c = 0; c < FeatureLayout.MFCC_COUNT; c++) {
            if (voiced > 0) {
                double mean = mfccMean[c] / voiced;
                v[FeatureLayout.MFCC_STD + c] = (float) Math.sqrt(Math.max(0, t[MFCC_SQ + c] / voiced - mean * mean));
            }
            if (deltaFrames > 0) {
                v[FeatureLayout.MFCC_DELTA + c] = (float) Math.sqrt(t[DELTA_SQ + c] / deltaFrames);
            }
        }
        for (int g = 0; g < ENVELOPE_GROUPS; g++) {
            v[FeatureLayout.BAND_FLUX + g] = deltaFrames > 0 ? (float) (t[BAND_FLUX + g] / deltaFrames) : 0f;
        }
        for (int b = 0; b < CONTRAST_BANDS; b++) {
            if (voiced > 0) {
                double mean = t[CONTRAST + b] / voiced;
                v[FeatureLayout.CONTRAST + b] = (float) mean;
                v[FeatureLayout.CONTRAST_STD + b] = (float) Math.sqrt(Math.max(0, t[CONTRAST_SQ + b] / voiced - mean * mean));
                v[FeatureLayout.VALLEY + b] = (float) (t[VALLEY + b] / voiced);
            } else {
                v[FeatureLayout.VALLEY + b] = FeatureLayout.SILENCE_FLOOR_DB;
            }
        }
        for (int b = 0; b < ENERGY_BANDS; b++) {
            v[FeatureLayout.BAND_DB + b] = voiced > 0 ? (float) (t[BAND_DB + b] / voiced) : (float) SHARE_FLOOR_DB;
        }
        for (int g = 0; g < FLATNESS_GROUPS; g++) {
            v[FeatureLayout.FLATNESS_BAND + g] = voiced > 0 ? (float) (t[FLATNESS_BAND + g] / voiced) : 0f;
        }
        double windows = t[FP_WINDOWS];
        for (int i = 0; i < ENVELOPE_GROUPS * FP_BANDS; i++) {
            v[FeatureLayout.FLUCTUATION + i] = windows > 0 ? (float) (t[FLUCTUATION + i] / windows) : 0f;
        }
        double rms = s.samples > 0 ? Math.sqrt(t[ENERGY] / s.samples) : 0;
        v[FeatureLayout.CREST_DB] = rms > 1e-9 ? (float) (20 * Math.log10(s.peak / rms)) : 0f;
        v[FeatureLayout.LOW_ENERGY] = lowEnergyRatio(s);
        double[] acf = s.acf;
        v[FeatureLayout.PULSE_CLARITY] = acf == null ? 0f : (float) Math.max(0, max(acf, PULSE_MIN_S, PULSE_MAX_S));
        for (int b = 0; b < ACF_BANDS; b++) {
            v[FeatureLayout.RHYTHM_ACF + b] = acf == null ? 0f : (float) mean(acf, ACF_EDGES_S[b], ACF_EDGES_S[b + 1]);
        }
    }

    /** Share of frames quieter than the stretch's mean frame RMS (Tzanetakis & Cook 2002). */
    private static float lowEnergyRatio(SegmentStats s) {
        if (s.frames == 0 || s.rmsSum <= 0) {
            return 0f;
        }
        double mean = s.rmsSum / s.frames;
        float threshold = SegmentStats.toDb(mean);
        int low = 0;
        for (float db : s.rmsDb) {
            if (db < threshold) {
                low++;
            }
        }
        return low / (float) s.frames;
    }

    private static double max(double[] acf, double fromS, double toS) {
        int lo = lag(fromS);
        int hi = Math.min(acf.length - 1, lag(toS));
        double best = Double.NEGATIVE_INFINITY;
        for (int k = lo; k <= hi; k++) {
            best = Math.max(best, acf[k]);
        }
        return best;
    }

    private static double mean(double[] acf, double fromS, double toS) {
        int lo = lag(fromS);
        int hi = Math.min(acf.length, lag(toS));
        double sum = 0;
        for (int k = lo; k < hi; k++) {
            sum += acf[k];
        }
        return hi > lo ? sum / (hi - lo) : 0;
    }

    private static int lag(double seconds) {
        return (int) Math.round(seconds * TempoEstimator.FRAME_RATE);
    }

    /** FFT bins from each edge (inclusive) to the next (exclusive); bins below {@code firstBin} are left out. */
    private static int[] bins(double[] edgesHz, int firstBin) {
        int[] bins = new int[edgesHz.length];
        double binHz = FeatureExtractor.SAMPLE_RATE / (double) FeatureExtractor.FRAME;
        for (int i = 0; i < edgesHz.length; i++) {
            bins[i] = Math.max(firstBin, Math.min(FeatureExtractor.BINS, (int) Math.ceil(edgesHz[i] / binHz)));
        }
        bins[edgesHz.length - 1] = FeatureExtractor.BINS;
        return bins;
    }

    private static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        return w;
    }
}
