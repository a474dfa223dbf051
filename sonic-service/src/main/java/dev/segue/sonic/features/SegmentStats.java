package dev.segue.sonic.features;

import java.util.Arrays;
import java.util.List;

/**
 * Frame-level statistics of one stretch of audio. Kept as sums (not finished features) so that
 * several segments can be pooled into the "average" segment exactly as if their frames had been
 * analysed together.
 */
public final class SegmentStats {

    static final int CENTROID = 0;
    static final int ROLLOFF = 1;
    static final int FLATNESS = 2;
    static final int BANDWIDTH = 3;
    static final int FLUX = 4;
    static final int SPECTRAL = 5;

    /** Frame RMS of every frame in dBFS (floored), for loudness percentiles. */
    final float[] rmsDb;
    final int frames;
    double rmsSum;
    /** Frames louder than the silence gate; spectral features are averaged over these only. */
    int voicedFrames;
    int fluxFrames;
    final double[] sum = new double[SPECTRAL];
    final double[] sumSq = new double[SPECTRAL];
    long zeroCrossings;
    long samples;
    /** Mel band levels (dB) summed over voiced frames: the MFCCs are linear in them, so their DCT is taken once. */
    final double[] melDbSum = new double[FeatureExtractor.MEL_BANDS];
    final double[] chroma = new double[12];
    /** Normalised autocorrelation of the onset-strength envelope, weighted by {@link #acfWeight}. */
    double[] acf;
    double acfWeight;
    int onsets;
    /** The sums behind the texture features of {@link Texture}, pooled by adding. */
    final double[] texture = new double[Texture.SLOTS];
    /** Largest absolute sample. */
    double peak;

    SegmentStats(int frames) {
        this.frames = frames;
        this.rmsDb = new float[frames];
    }

    public double seconds() {
        return samples / (double) FeatureExtractor.SAMPLE_RATE;
    }

    /** Pools segments: every frame of every segment counts once, as if analysed as one stretch. */
    public static SegmentStats pool(List<SegmentStats> parts) {
        int frames = parts.stream().mapToInt(p -> p.frames).sum();
        SegmentStats pooled = new SegmentStats(frames);
        int offset = 0;
        for (SegmentStats p : parts) {
            System.arraycopy(p.rmsDb, 0, pooled.rmsDb, offset, p.frames);
            offset += p.frames;
            pooled.rmsSum += p.rmsSum;
            pooled.voicedFrames += p.voicedFrames;
            pooled.fluxFrames += p.fluxFrames;
            for (int i = 0; i < SPECTRAL; i++) {
                pooled.sum[i] += p.sum[i];
                pooled.sumSq[i] += p.sumSq[i];
            }
            pooled.zeroCrossings += p.zeroCrossings;
            pooled.samples += p.samples;
            for (int i = 0; i < pooled.melDbSum.length; i++) {
                pooled.melDbSum[i] += p.melDbSum[i];
            }
            for (int i = 0; i < 12; i++) {
                pooled.chroma[i] += p.chroma[i];
            }
            if (p.acf != null && p.acfWeight > 0) {
                if (pooled.acf == null) {
                    pooled.acf = new double[p.acf.length];
                }
                for (int i = 0; i < p.acf.length; i++) {
                    pooled.acf[i] += p.acf[i] * p.acfWeight;
                }
                pooled.acfWeight += p.acfWeight;
            }
            pooled.onsets += p.onsets;
            for (int i = 0; i < Texture.SLOTS; i++) {
                pooled.texture[i] += p.texture[i];
            }
            pooled.peak = Math.max(pooled.peak, p.peak);
        }
        if (pooled.acf != null) {
            for (int i = 0; i < pooled.acf.length; i++) {
                pooled.acf[i] /= pooled.acfWeight;
            }
        }
        return pooled;
    }

    /** The vector of {@link FeatureLayout}; every value is finite, silence included. */
    public float[] toVector() {
        float[] v = new float[FeatureLayout.SIZE];
        v[FeatureLayout.LOUDNESS_DB] = frames == 0 ? FeatureLayout.SILENCE_FLOOR_DB : toDb(rmsSum / frames);
        v[FeatureLayout.DYNAMIC_RANGE_DB] = dynamicRange();
        int[] meanIdx = {FeatureLayout.CENTROID_MEAN, FeatureLayout.ROLLOFF_MEAN, FeatureLayout.FLATNESS_MEAN,
                FeatureLayout.BANDWIDTH_MEAN, FeatureLayout.FLUX_MEAN};
        for (int i = 0; i < SPECTRAL; i++) {
            int n = i == FLUX ? fluxFrames : voicedFrames;
            if (n > 0) {
                double mean = sum[i] / n;
                double var = Math.max(0, sumSq[i] / n - mean * mean);
                v[meanIdx[i]] = (float) mean;
                v[meanIdx[i] + 1] = (float) Math.sqrt(var);
            }
        }
        v[FeatureLayout.ZCR] = samples == 0 ? 0f : (float) (zeroCrossings / (double) samples);
        if (voicedFrames > 0) {
            double[] mfcc = FeatureExtractor.mfcc(melDbSum);
            for (int i = 0; i < FeatureLayout.MFCC_COUNT; i++) {
                v[FeatureLayout.MFCC + i] = (float) (mfcc[i] / voicedFrames);
            }
        }
        double chromaTotal = Arrays.stream(chroma).sum();
        for (int i = 0; i < 12; i++) {
            v[FeatureLayout.CHROMA + i] = chromaTotal > 0 ? (float) (chroma[i] / chromaTotal) : 1f / 12;
        }
        TempoEstimator.Tempo tempo = TempoEstimator.estimate(acf);
        v[FeatureLayout.TEMPO_BPM] = (float) tempo.bpm();
        v[FeatureLayout.TEMPO_CONFIDENCE] = (float) tempo.confidence();
        KeyEstimator.Key key = KeyEstimator.estimate(chromaTotal > 0 ? chroma : null);
        v[FeatureLayout.KEY] = key.pitchClass();
        v[FeatureLayout.MODE] = key.major() ? 1 : 0;
        v[FeatureLayout.KEY_CONFIDENCE] = (float) key.confidence();
        double secs = seconds();
        v[FeatureLayout.ONSET_RATE] = secs > 0 ? (float) (onsets / secs) : 0f;
        Texture.toVector(this, v);
        return v;
    }

    private float dynamicRange() {
        if (frames == 0) {
            return 0f;
        }
        float[] sorted = rmsDb.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.95) - percentile(sorted, 0.10);
    }

    private static float percentile(float[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double frac = pos - lo;
        return (float) (sorted[lo] * (1 - frac) + sorted[hi] * frac);
    }

    static float toDb(double rms) {
        if (rms <= 0) {
            return FeatureLayout.SILENCE_FLOOR_DB;
        }
        return (float) Math.max(FeatureLayout.SILENCE_FLOOR_DB, 20 * Math.log10(rms));
    }
}
