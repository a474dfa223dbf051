package dev.segue.sonic.features;

import java.util.Arrays;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Computes the frame statistics of mono 22,050 Hz audio. One FFT per frame feeds every spectral
 * feature, the mel bands (MFCC and onset strength) and the chroma, which keeps a track at a few
 * tens of milliseconds of CPU. Not thread-safe: use one instance per worker thread.
 */
public final class FeatureExtractor {

    public static final int SAMPLE_RATE = 22_050;
    static final int FRAME = 2048;
    static final int HOP = 512;
    static final int BINS = FRAME / 2 + 1;
    /** Frames quieter than -80 dBFS are silence: they count for loudness, not for spectral shape. */
    private static final double SILENCE_RMS = 1e-4;
    private static final int MEL_BANDS = 40;
    private static final double MEL_MIN_HZ = 20;
    private static final double MEL_MAX_HZ = 11_025;
    private static final int FLATNESS_BANDS = 32;
    private static final double CHROMA_MIN_HZ = 80;
    private static final double CHROMA_MAX_HZ = 5_000;
    private static final double ROLLOFF = 0.85;
    private static final double POWER_FLOOR = 1e-12;

    private static final float[] WINDOW = hann(FRAME);
    private static final double[] BIN_HZ = binFrequencies();
    private static final int[] PITCH_CLASS = pitchClasses();
    private static final MelFilterbank MEL = new MelFilterbank(MEL_BANDS, FRAME, SAMPLE_RATE, MEL_MIN_HZ, MEL_MAX_HZ);
    private static final double[][] DCT = dctMatrix(FeatureLayout.MFCC_COUNT, MEL_BANDS);

    private final FloatFFT_1D fft = new FloatFFT_1D(FRAME);
    private final float[] buffer = new float[FRAME];
    private final double[] power = new double[BINS];
    private final double[] magnitude = new double[BINS];
    private final double[] previousNormalised = new double[BINS];
    private final double[] melDb = new double[MEL_BANDS];
    private final double[] previousMelDb = new double[MEL_BANDS];
    private boolean havePreviousMel;

    /** Analyses {@code pcm[from, to)}; a stretch shorter than one frame is zero-padded. */
    public SegmentStats analyse(float[] pcm, int from, int to) {
        int length = Math.max(0, to - from);
        int frames = length <= FRAME ? 1 : 1 + (length - FRAME + HOP - 1) / HOP;
        SegmentStats stats = new SegmentStats(frames);
        stats.samples = length;
        stats.zeroCrossings = zeroCrossings(pcm, from, to);
        float[] onset = new float[frames];
        boolean previousVoiced = false;
        // the first frame of a segment has no predecessor: it must not count as an onset
        havePreviousMel = false;
        for (int f = 0; f < frames; f++) {
            int start = from + f * HOP;
            double sumSq = 0;
            for (int i = 0; i < FRAME; i++) {
                int idx = start + i;
                float s = idx < to ? pcm[idx] : 0f;
                sumSq += s * s;
                buffer[i] = s * WINDOW[i];
            }
            double rms = Math.sqrt(sumSq / FRAME);
            stats.rmsSum += rms;
            stats.rmsDb[f] = SegmentStats.toDb(rms);
            boolean voiced = rms >= SILENCE_RMS;
            if (!voiced) {
                Arrays.fill(previousMelDb, FeatureLayout.SILENCE_FLOOR_DB);
                havePreviousMel = true;
                previousVoiced = false;
                continue;
            }
            spectrum();
            onset[f] = (float) melAndMfcc(stats);
            spectralShape(stats, previousVoiced);
            chroma(stats);
            stats.voicedFrames++;
            previousVoiced = true;
        }
        stats.acf = TempoEstimator.autocorrelation(onset);
        stats.acfWeight = stats.acf == null ? 0 : frames;
        stats.onsets = OnsetDetector.count(onset);
        return stats;
    }

    private void spectrum() {
        fft.realForward(buffer);
        power[0] = buffer[0] * (double) buffer[0];
        power[BINS - 1] = buffer[1] * (double) buffer[1];
        for (int k = 1; k < BINS - 1; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            power[k] = re * re + im * im;
        }
        for (int k = 0; k < BINS; k++) {
            magnitude[k] = Math.sqrt(power[k]);
        }
    }

    /** Mel band energies in dB feed the MFCCs and the onset strength (positive mel flux). */
    private double melAndMfcc(SegmentStats stats) {
        MEL.apply(power, melDb);
        double onset = 0;
        for (int b = 0; b < MEL_BANDS; b++) {
            double db = Math.max(FeatureLayout.SILENCE_FLOOR_DB, 10 * Math.log10(melDb[b] + 1e-10));
            melDb[b] = db;
            double rise = db - previousMelDb[b];
            if (havePreviousMel && rise > 0) {
                onset += rise;
            }
            previousMelDb[b] = db;
        }
        havePreviousMel = true;
        for (int c = 0; c < FeatureLayout.MFCC_COUNT; c++) {
            double acc = 0;
            double[] row = DCT[c];
            for (int b = 0; b < MEL_BANDS; b++) {
                acc += row[b] * melDb[b];
            }
            stats.mfccSum[c] += acc;
        }
        return onset / MEL_BANDS;
    }

    private void spectralShape(SegmentStats stats, boolean previousVoiced) {
        double magSum = 0;
        double fMag = 0;
        double f2Mag = 0;
        double powerSum = 0;
        for (int k = 0; k < BINS; k++) {
            double m = magnitude[k];
            double hz = BIN_HZ[k];
            magSum += m;
            fMag += hz * m;
            f2Mag += hz * hz * m;
            powerSum += power[k];
        }
        double centroid = magSum > 0 ? fMag / magSum : 0;
        double bandwidth = magSum > 0 ? Math.sqrt(Math.max(0, f2Mag / magSum - centroid * centroid)) : 0;
        double threshold = ROLLOFF * magSum;
        double cumulative = 0;
        double rolloff = BIN_HZ[BINS - 1];
        for (int k = 0; k < BINS; k++) {
            cumulative += magnitude[k];
            if (cumulative >= threshold) {
                rolloff = BIN_HZ[k];
                break;
            }
        }
        add(stats, SegmentStats.CENTROID, centroid);
        add(stats, SegmentStats.BANDWIDTH, bandwidth);
        add(stats, SegmentStats.ROLLOFF, rolloff);
        add(stats, SegmentStats.FLATNESS, flatness());

        double inverseNorm = powerSum > 0 ? 1 / Math.sqrt(powerSum) : 0;
        double flux = 0;
        for (int k = 0; k < BINS; k++) {
            double normalised = magnitude[k] * inverseNorm;
            double d = normalised - previousNormalised[k];
            flux += d * d;
            previousNormalised[k] = normalised;
        }
        if (previousVoiced) {
            flux = Math.sqrt(flux);
            stats.sum[SegmentStats.FLUX] += flux;
            stats.sumSq[SegmentStats.FLUX] += flux * flux;
            stats.fluxFrames++;
        }
    }

    /**
     * Geometric over arithmetic mean of the power in 32 equal bands (DC excluded). Banding keeps the
     * per-bin estimation noise out: white noise measures ~0.98 instead of the ~0.56 of raw bins.
     */
    private double flatness() {
        int perBand = (BINS - 1) / FLATNESS_BANDS;
        double logSum = 0;
        double linSum = 0;
        for (int b = 0; b < FLATNESS_BANDS; b++) {
            double band = 0;
            int start = 1 + b * perBand;
            for (int k = start; k < start + perBand; k++) {
                band += power[k];
            }
            band = band / perBand + POWER_FLOOR;
            logSum += Math.log(band);
            linSum += band;
        }
        return Math.exp(logSum / FLATNESS_BANDS) / (linSum / FLATNESS_BANDS);
    }

    private void chroma(SegmentStats stats) {
        for (int k = 0; k < BINS; k++) {
            int pc = PITCH_CLASS[k];
            if (pc >= 0) {
                stats.chroma[pc] += magnitude[k];
            }
        }
    }

    private static void add(SegmentStats stats, int feature, double value) {
        stats.sum[feature] += value;
        stats.sumSq[feature] += value * value;
    }

    private static long zeroCrossings(float[] pcm, int from, int to) {
        long crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((pcm[i - 1] >= 0) != (pcm[i] >= 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    private static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        return w;
    }

    private static double[] binFrequencies() {
        double[] hz = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            hz[k] = k * (double) SAMPLE_RATE / FRAME;
        }
        return hz;
    }

    private static int[] pitchClasses() {
        int[] pc = new int[BINS];
        for (int k = 0; k < BINS; k++) {
            double hz = k * (double) SAMPLE_RATE / FRAME;
            if (hz < CHROMA_MIN_HZ || hz > CHROMA_MAX_HZ) {
                pc[k] = -1;
            } else {
                long semitonesFromA = Math.round(12 * Math.log(hz / 440.0) / Math.log(2));
                pc[k] = (int) Math.floorMod(semitonesFromA + 9, 12);
            }
        }
        return pc;
    }

    /** Orthonormal DCT-II rows 0..count-1 over the mel bands. */
    private static double[][] dctMatrix(int count, int bands) {
        double[][] m = new double[count][bands];
        for (int c = 0; c < count; c++) {
            double scale = c == 0 ? Math.sqrt(1.0 / bands) : Math.sqrt(2.0 / bands);
            for (int b = 0; b < bands; b++) {
                m[c][b] = scale * Math.cos(Math.PI * c * (b + 0.5) / bands);
            }
        }
        return m;
    }
}
