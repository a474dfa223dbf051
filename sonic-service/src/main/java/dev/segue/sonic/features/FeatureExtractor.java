package dev.segue.sonic.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private static final int BLOCKS_PER_FRAME = FRAME / HOP;
    /** Frames quieter than -80 dBFS are silence: they count for loudness, not for spectral shape. */
    private static final double SILENCE_RMS = 1e-4;
    static final int MEL_BANDS = 40;
    private static final double MEL_MIN_HZ = 20;
    private static final double MEL_MAX_HZ = 11_025;
    private static final int FLATNESS_BANDS = 32;
    private static final double CHROMA_MIN_HZ = 80;
    private static final double CHROMA_MAX_HZ = 5_000;
    private static final double ROLLOFF = 0.85;
    private static final double POWER_FLOOR = 1e-12;

    private static final float[] WINDOW = hann(FRAME);
    private static final double[] BIN_HZ = binFrequencies();
    private static final int[] CHROMA_RUNS = chromaRuns();
    private static final MelFilterbank MEL = new MelFilterbank(MEL_BANDS, FRAME, SAMPLE_RATE, MEL_MIN_HZ, MEL_MAX_HZ);
    private static final double[][] DCT = dctMatrix(FeatureLayout.MFCC_COUNT, MEL_BANDS);

    private final FloatFFT_1D fft = new FloatFFT_1D(FRAME);
    private final float[] buffer = new float[FRAME];
    private final double[] power = new double[BINS];
    private double[] magnitude = new double[BINS];
    private double[] previousMagnitude = new double[BINS];
    private double previousInverseNorm;
    private final double[] melDb = new double[MEL_BANDS];
    private final double[] previousMelDb = new double[MEL_BANDS];
    private boolean havePreviousMel;
    private final double[] frameMfcc = new double[FeatureLayout.MFCC_COUNT];
    private final double[] previousMfcc = new double[FeatureLayout.MFCC_COUNT];
    private final Texture texture = new Texture();

    /** Analyses {@code pcm[from, to)}; a stretch shorter than one frame is zero-padded. */
    public SegmentStats analyse(float[] pcm, int from, int to) {
        int length = Math.max(0, to - from);
        int frames = length <= FRAME ? 1 : 1 + (length - FRAME + HOP - 1) / HOP;
        SegmentStats stats = new SegmentStats(frames);
        stats.samples = length;
        stats.zeroCrossings = zeroCrossings(pcm, from, to);
        float[] onset = new float[frames];
        double[] blockEnergy = blockEnergies(pcm, from, to, frames + BLOCKS_PER_FRAME - 1);
        boolean previousVoiced = false;
        // the first frame of a segment has no predecessor: it must not count as an onset
        havePreviousMel = false;
        Texture.samplePeakAndEnergy(stats, pcm, from, to);
        for (int f = 0; f < frames; f++) {
            int start = from + f * HOP;
            double sumSq = 0;
            for (int b = f; b < f + BLOCKS_PER_FRAME; b++) {
                sumSq += blockEnergy[b];
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
            window(pcm, start, to);
            spectrum();
            onset[f] = (float) melAndMfcc(stats, previousVoiced);
            chroma(stats);
            if (f % Texture.CONTRAST_EVERY == 0) {
                texture.frame(stats, power);
            }
            spectralShape(stats, previousVoiced);
            stats.voicedFrames++;
            previousVoiced = true;
        }
        stats.acf = TempoEstimator.autocorrelation(onset);
        stats.acfWeight = stats.acf == null ? 0 : frames;
        stats.onsets = OnsetDetector.count(onset);
        return stats;
    }

    /**
     * Sum of squares of each hop-long block: a frame's energy is the sum of its blocks, so each sample
     * is squared once instead of once per overlapping frame. Four accumulators keep the additions
     * from waiting on each other.
     */
    private static double[] blockEnergies(float[] pcm, int from, int to, int blocks) {
        double[] energy = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int start = from + b * HOP;
            int end = Math.min(to, start + HOP);
            double e0 = 0;
            double e1 = 0;
            double e2 = 0;
            double e3 = 0;
            int i = start;
            for (; i + 3 < end; i += 4) {
                e0 += pcm[i] * pcm[i];
                e1 += pcm[i + 1] * pcm[i + 1];
                e2 += pcm[i + 2] * pcm[i + 2];
                e3 += pcm[i + 3] * pcm[i + 3];
            }
            for (; i < end; i++) {
                e0 += pcm[i] * pcm[i];
            }
            energy[b] = e0 + e1 + e2 + e3;
        }
        return energy;
    }

    /** The Hann-windowed frame at {@code start}, zero-padded past {@code to}. */
    private void window(float[] pcm, int start, int to) {
        int available = Math.min(FRAME, to - start);
        for (int i = 0; i < available; i++) {
            buffer[i] = pcm[start + i] * WINDOW[i];
        }
        Arrays.fill(buffer, available, FRAME, 0f);
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

    /**
     * Mel band energies in dB feed the MFCCs (their sum, transformed once per segment, and this frame's, for
     * their spread and change) and the onset strength (positive mel flux).
     */
    private double melAndMfcc(SegmentStats stats, boolean previousVoiced) {
        MEL.apply(power, melDb);
        double onset = 0;
        for (int b = 0; b < MEL_BANDS; b++) {
            double db = Math.max(FeatureLayout.SILENCE_FLOOR_DB, 10 * Math.log10(melDb[b] + 1e-10));
            stats.melDbSum[b] += db;
            double rise = db - previousMelDb[b];
            if (havePreviousMel && rise > 0) {
                onset += rise;
            }
            previousMelDb[b] = db;
            melDb[b] = db;
        }
        havePreviousMel = true;
        for (int c = 0; c < frameMfcc.length; c++) {
            double value = 0;
            for (int b = 0; b < MEL_BANDS; b++) {
                value += DCT[c][b] * melDb[b];
            }
            frameMfcc[c] = value;
        }
        Texture.mfccFrame(stats, frameMfcc, previousVoiced ? previousMfcc : null);
        System.arraycopy(frameMfcc, 0, previousMfcc, 0, frameMfcc.length);
        return onset / MEL_BANDS;
    }

    /** MFCC 1–13 (orthonormal DCT-II) of mel band levels in dB, or of their sum over frames. */
    static double[] mfcc(double[] melDb) {
        double[] mfcc = new double[FeatureLayout.MFCC_COUNT];
        for (int c = 0; c < mfcc.length; c++) {
            for (int b = 0; b < MEL_BANDS; b++) {
                mfcc[c] += DCT[c][b] * melDb[b];
            }
        }
        return mfcc;
    }

    /*
     * The sums below run over the 1,025 bins of every frame. A double sum in one variable waits for
     * each addition to finish before the next (the JIT may not reorder floating-point additions), so
     * they are split over two accumulators: the same sums, twice as fast.
     */
    private void spectralShape(SegmentStats stats, boolean previousVoiced) {
        double magSum0 = 0;
        double magSum1 = 0;
        double fMag0 = 0;
        double fMag1 = 0;
        double f2Mag0 = 0;
        double f2Mag1 = 0;
        double powerSum0 = 0;
        double powerSum1 = 0;
        int k = 0;
        for (; k + 1 < BINS; k += 2) {
            double m0 = magnitude[k];
            double m1 = magnitude[k + 1];
            double hz0 = BIN_HZ[k];
            double hz1 = BIN_HZ[k + 1];
            magSum0 += m0;
            magSum1 += m1;
            fMag0 += hz0 * m0;
            fMag1 += hz1 * m1;
            f2Mag0 += hz0 * hz0 * m0;
            f2Mag1 += hz1 * hz1 * m1;
            powerSum0 += power[k];
            powerSum1 += power[k + 1];
        }
        double magSum = magSum0 + magSum1 + magnitude[k];
        double fMag = fMag0 + fMag1 + BIN_HZ[k] * magnitude[k];
        double f2Mag = f2Mag0 + f2Mag1 + BIN_HZ[k] * BIN_HZ[k] * magnitude[k];
        double powerSum = powerSum0 + powerSum1 + power[k];
        double centroid = magSum > 0 ? fMag / magSum : 0;
        double bandwidth = magSum > 0 ? Math.sqrt(Math.max(0, f2Mag / magSum - centroid * centroid)) : 0;
        add(stats, SegmentStats.CENTROID, centroid);
        add(stats, SegmentStats.BANDWIDTH, bandwidth);
        add(stats, SegmentStats.ROLLOFF, rolloff(magSum));
        add(stats, SegmentStats.FLATNESS, flatness());

        double inverseNorm = powerSum > 0 ? 1 / Math.sqrt(powerSum) : 0;
        if (previousVoiced) {
            double flux = Math.sqrt(flux(inverseNorm));
            stats.sum[SegmentStats.FLUX] += flux;
            stats.sumSq[SegmentStats.FLUX] += flux * flux;
            stats.fluxFrames++;
        }
        // the last use of this frame's magnitudes: they become the previous frame's
        double[] spare = previousMagnitude;
        previousMagnitude = magnitude;
        magnitude = spare;
        previousInverseNorm = inverseNorm;
    }

    /** The frequency below which {@value #ROLLOFF} of the magnitude lies. */
    private double rolloff(double magSum) {
        double threshold = ROLLOFF * magSum;
        double cumulative = 0;
        for (int k = 0; k < BINS; k++) {
            cumulative += magnitude[k];
            if (cumulative >= threshold) {
                return BIN_HZ[k];
            }
        }
        return BIN_HZ[BINS - 1];
    }

    /**
     * Squared distance between this frame's and the previous frame's unit-norm magnitude spectra a and
     * b: |a|² + |b|² - 2a·b, where |a|² = |b|² = 1 (0 for an all-zero spectrum), so one dot product.
     */
    private double flux(double inverseNorm) {
        double dot0 = 0;
        double dot1 = 0;
        int k = 0;
        for (; k + 1 < BINS; k += 2) {
            dot0 += magnitude[k] * previousMagnitude[k];
            dot1 += magnitude[k + 1] * previousMagnitude[k + 1];
        }
        double dot = (dot0 + dot1 + magnitude[k] * previousMagnitude[k]) * inverseNorm * previousInverseNorm;
        double norms = (inverseNorm > 0 ? 1 : 0) + (previousInverseNorm > 0 ? 1 : 0);
        return Math.max(0, norms - 2 * dot);
    }

    /**
     * Geometric over arithmetic mean of the power in 32 equal bands (DC excluded). Banding keeps the
     * per-bin estimation noise out: white noise measures ~0.98 instead of the ~0.56 of raw bins. The
     * log of a product of eight bands replaces eight logs (bands lie within 1e-12..1e7: no overflow).
     */
    private double flatness() {
        int perBand = (BINS - 1) / FLATNESS_BANDS;
        double logSum = 0;
        double linSum = 0;
        double product = 1;
        for (int b = 0; b < FLATNESS_BANDS; b++) {
            double band0 = 0;
            double band1 = 0;
            int start = 1 + b * perBand;
            // perBand is 1024 / 32 = 32: even, so the pairs never run past the band
            for (int k = start; k < start + perBand; k += 2) {
                band0 += power[k];
                band1 += power[k + 1];
            }
            double band = (band0 + band1) / perBand + POWER_FLOOR;
            product *= band;
            linSum += band;
            if (b % 8 == 7) {
                logSum += Math.log(product);
                product = 1;
            }
        }
        return Math.exp(logSum / FLATNESS_BANDS) / (linSum / FLATNESS_BANDS);
    }

    /** Bins map to pitch classes in runs of neighbours: each run is summed without a per-bin lookup. */
    private void chroma(SegmentStats stats) {
        for (int r = 0; r < CHROMA_RUNS.length; r += 3) {
            double sum = 0;
            for (int k = CHROMA_RUNS[r]; k < CHROMA_RUNS[r + 1]; k++) {
                sum += magnitude[k];
            }
            stats.chroma[CHROMA_RUNS[r + 2]] += sum;
        }
    }

    private static void add(SegmentStats stats, int feature, double value) {
        stats.sum[feature] += value;
        stats.sumSq[feature] += value * value;
    }

    /** Sign changes, counted without a branch (noise would defeat the branch predictor); -0 counts as positive. */
    private static long zeroCrossings(float[] pcm, int from, int to) {
        long crossings = 0;
        for (int i = from + 1; i < to; i++) {
            crossings += (Float.floatToRawIntBits(pcm[i - 1] + 0f) ^ Float.floatToRawIntBits(pcm[i] + 0f)) >>> 31;
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

    /** {first bin, end bin (exclusive), pitch class} for each run of neighbouring bins in one pitch class. */
    private static int[] chromaRuns() {
        List<Integer> runs = new ArrayList<>();
        int runStart = -1;
        int runClass = -1;
        for (int k = 0; k <= BINS; k++) {
            int pc = k < BINS ? pitchClass(k * (double) SAMPLE_RATE / FRAME) : -1;
            if (pc != runClass) {
                if (runClass >= 0) {
                    runs.addAll(List.of(runStart, k, runClass));
                }
                runStart = k;
                runClass = pc;
            }
        }
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The nearest equal-tempered pitch class (0 = C), or -1 outside the chroma range. */
    private static int pitchClass(double hz) {
        if (hz < CHROMA_MIN_HZ || hz > CHROMA_MAX_HZ) {
            return -1;
        }
        long semitonesFromA = Math.round(12 * Math.log(hz / 440.0) / Math.log(2));
        return (int) Math.floorMod(semitonesFromA + 9, 12);
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
