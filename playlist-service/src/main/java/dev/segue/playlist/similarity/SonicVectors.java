package dev.segue.playlist.similarity;

import dev.segue.playlist.index.Features;
import dev.segue.playlist.index.Segment;

/**
 * The sound of every indexed track in the form {@link SonicMetric} compares, in flat primitive arrays:
 * for each row and segment the weighted z-scores of the continuous features ({@code z}), log2 tempo,
 * the key's circle-of-fifths position and mode, and the confidences. Immutable; rebuilt when analyses change
 * because one new analysis moves the library's means and deviations.
 */
public final class SonicVectors {

    private static final int C = SonicMetric.CONTINUOUS.length;
    private static final int S = Segment.COUNT;
    /** D² below which two segments count as the same audio: similarity above 0.995. */
    public static final double NEAR_IDENTICAL_D2 = 0.01;
    /** For each vector position its index among the continuous features, -1 when it is not one. */
    private static final int[] CONTINUOUS_INDEX = new int[Features.DIMENSIONS];

    static {
        java.util.Arrays.fill(CONTINUOUS_INDEX, -1);
        for (int j = 0; j < C; j++) {
            CONTINUOUS_INDEX[SonicMetric.CONTINUOUS[j]] = j;
        }
    }

    private final int rows;
    private final boolean[] present;
    private final float[] z;
    private final float[] log2Tempo;
    private final float[] tempoWeight;
    private final byte[] fifths;
    private final boolean[] major;
    private final float[] keyWeight;
    private final int analysed;
    /** Per continuous feature: false when it has one value over the whole library (it then drops out of D²). */
    private final boolean[] varies = new boolean[C];

    private SonicVectors(int rows, int analysed) {
        this.rows = rows;
        this.present = new boolean[rows];
        this.z = new float[rows * S * C];
        this.log2Tempo = new float[rows * S];
        this.tempoWeight = new float[rows * S];
        this.fifths = new byte[rows * S];
        this.major = new boolean[rows * S];
        this.keyWeight = new float[rows * S];
        this.analysed = analysed;
    }

    /**
     * Standardises raw vectors against the library they belong to.
     *
     * @param raw per row, the {@link Segment#COUNT} × {@link Features#DIMENSIONS} raw features in segment order,
     *            or null for a row without analysis
     */
    public static SonicVectors standardise(float[][] raw) {
        double[] sum = new double[C];
        double[] sumSq = new double[C];
        long n = 0;
        int analysed = 0;
        for (float[] v : raw) {
            if (v == null) {
                continue;
            }
            analysed++;
            for (int s = 0; s < S; s++) {
                int base = s * Features.DIMENSIONS;
                for (int j = 0; j < C; j++) {
                    double x = v[base + SonicMetric.CONTINUOUS[j]];
                    sum[j] += x;
                    sumSq[j] += x * x;
                }
                n++;
            }
        }
        float[] mean = new float[C];
        float[] sd = new float[C];
        for (int j = 0; j < C; j++) {
            if (n > 0) {
                double m = sum[j] / n;
                double var = Math.max(0, sumSq[j] / n - m * m);
                mean[j] = (float) m;
                sd[j] = (float) Math.sqrt(var);
            }
        }
        SonicVectors out = new SonicVectors(raw.length, analysed);
        float[] scale = new float[C];
        for (int j = 0; j < C; j++) {
            // sqrt(weight) folded into the stored value: D² is then a plain sum of squares
            double w = Math.sqrt(SonicMetric.weight(SonicMetric.CONTINUOUS[j]));
            scale[j] = sd[j] > 1e-9f ? (float) (w / sd[j]) : 0f;
            out.varies[j] = scale[j] > 0;
        }
        for (int row = 0; row < raw.length; row++) {
            float[] v = raw[row];
            if (v == null) {
                continue;
            }
            out.present[row] = true;
            for (int s = 0; s < S; s++) {
                int base = s * Features.DIMENSIONS;
                int zBase = (row * S + s) * C;
                for (int j = 0; j < C; j++) {
                    out.z[zBase + j] = (v[base + SonicMetric.CONTINUOUS[j]] - mean[j]) * scale[j];
                }
                int rs = row * S + s;
                float bpm = v[base + Features.TEMPO_BPM];
                if (bpm > 0) {
                    out.log2Tempo[rs] = (float) (Math.log(bpm) / Math.log(2));
                    out.tempoWeight[rs] = clamp01(v[base + Features.TEMPO_CONFIDENCE]);
                } else {
                    out.log2Tempo[rs] = Float.NaN;
                }
                int key = Math.round(v[base + Features.KEY]);
                boolean maj = v[base + Features.MODE] >= 0.5f;
                out.fifths[rs] = (byte) SonicMetric.fifthsPosition(Math.floorMod(key, 12), maj);
                out.major[rs] = maj;
                out.keyWeight[rs] = clamp01(v[base + Features.KEY_CONFIDENCE]);
            }
        }
        return out;
    }

    private static float clamp01(float x) {
        return Float.isNaN(x) ? 0f : Math.max(0f, Math.min(1f, x));
    }

    public int analysedCount() {
        return analysed;
    }

    public boolean has(int row) {
        return present[row];
    }

    /** Sonic similarity (0..1) of segment {@code a} of row {@code ra} with segment {@code b} of row {@code rb}. */
    public double similarity(int ra, Segment a, int rb, Segment b) {
        return SonicMetric.similarity(distanceSquared(ra, a.ordinal(), rb, b.ordinal()));
    }

    /**
     * True when two rows sound the same throughout (every segment within {@link #NEAR_IDENTICAL_D2}): the same
     * recording filed twice, under another title or on a compilation.
     */
    public boolean nearIdentical(int ra, int rb) {
        for (int s = 0; s < S; s++) {
            if (distanceSquared(ra, s, rb, s) > NEAR_IDENTICAL_D2) {
                return false;
            }
        }
        return true;
    }

    double distanceSquared(int ra, int sa, int rb, int sb) {
        int ia = ra * S + sa;
        int ib = rb * S + sb;
        int za = ia * C;
        int zb = ib * C;
        double sum = 0;
        for (int j = 0; j < C; j++) {
            double d = z[za + j] - z[zb + j];
            sum += d * d;
        }
        double weight = SonicMetric.CONTINUOUS_WEIGHT_SUM;
        float ta = log2Tempo[ia];
        float tb = log2Tempo[ib];
        if (!Float.isNaN(ta) && !Float.isNaN(tb)) {
            double w = SonicMetric.TEMPO_WEIGHT * Math.min(tempoWeight[ia], tempoWeight[ib]);
            double d = SonicMetric.tempoDistance(ta, tb);
            sum += w * d * d;
            weight += w;
        }
        double kw = SonicMetric.KEY_WEIGHT * Math.min(keyWeight[ia], keyWeight[ib]);
        if (kw > 0) {
            double d = SonicMetric.keyDistance(fifths[ia], major[ia], fifths[ib], major[ib]);
            sum += kw * d * d;
            weight += kw;
        }
        return sum / weight;
    }

    /**
     * Similarity of a row's segment to a point between two rows' segments: continuous features and tempo
     * interpolated at {@code t} (0 = at {@code ra}, 1 = at {@code rb}); key is left out because it does not
     * interpolate.
     */
    public double similarityToBlend(int ra, int rb, Segment seg, double t, int candidate) {
        int s = seg.ordinal();
        int za = (ra * S + s) * C;
        int zb = (rb * S + s) * C;
        int zc = (candidate * S + s) * C;
        double sum = 0;
        for (int j = 0; j < C; j++) {
            double target = (1 - t) * z[za + j] + t * z[zb + j];
            double d = target - z[zc + j];
            sum += d * d;
        }
        double weight = SonicMetric.CONTINUOUS_WEIGHT_SUM;
        int ia = ra * S + s;
        int ib = rb * S + s;
        int ic = candidate * S + s;
        if (!Float.isNaN(log2Tempo[ia]) && !Float.isNaN(log2Tempo[ib]) && !Float.isNaN(log2Tempo[ic])) {
            double target = (1 - t) * log2Tempo[ia] + t * log2Tempo[ib];
            double w = SonicMetric.TEMPO_WEIGHT * Math.min(tempoWeight[ic], Math.min(tempoWeight[ia], tempoWeight[ib]));
            double d = SonicMetric.tempoDistance(target, log2Tempo[ic]);
            sum += w * d * d;
            weight += w;
        }
        return SonicMetric.similarity(sum / weight);
    }

    /** The track's tempo (BPM) measured on its pooled segments, or NaN when unknown. */
    public double tempoBpm(int row) {
        float t = log2Tempo[row * S + Segment.AVERAGE.ordinal()];
        return Float.isNaN(t) ? Double.NaN : Math.pow(2, t);
    }

    /**
     * The library z-score (mean 0, sd 1 over every analysed segment) of the feature at vector position
     * {@code feature}; NaN for a position the metric does not compare as a z-score (tempo, key, confidences).
     */
    public double zScore(int row, Segment seg, int feature) {
        int j = CONTINUOUS_INDEX[feature];
        if (j < 0) {
            return Double.NaN;
        }
        return z[(row * S + seg.ordinal()) * C + j] / Math.sqrt(SonicMetric.weight(feature));
    }

    /** False when the feature at {@code feature} has the same value throughout the library, so it tells nothing. */
    public boolean varies(int feature) {
        int j = CONTINUOUS_INDEX[feature];
        return j >= 0 && varies[j];
    }

    /** Copies a segment's weighted z-scores, in {@link SonicMetric#CONTINUOUS} order: the space D² is measured in. */
    public void weightedZ(int row, Segment seg, float[] out) {
        System.arraycopy(z, (row * S + seg.ordinal()) * C, out, 0, C);
    }

    /** A segment's tempo in BPM, NaN when unknown. */
    public double tempoBpm(int row, Segment seg) {
        float t = log2Tempo[row * S + seg.ordinal()];
        return Float.isNaN(t) ? Double.NaN : Math.pow(2, t);
    }

    public double tempoConfidence(int row, Segment seg) {
        return tempoWeight[row * S + seg.ordinal()];
    }

    /** A segment's key as the pitch class of its tonic (C = 0), with {@link #major} its mode. */
    public int keyTonic(int row, Segment seg) {
        int rs = row * S + seg.ordinal();
        // 7 is its own inverse modulo 12: undoes fifthsPosition
        int relativeMajor = (fifths[rs] * 7) % 12;
        return major[rs] ? relativeMajor : (relativeMajor + 9) % 12;
    }

    public boolean major(int row, Segment seg) {
        return major[row * S + seg.ordinal()];
    }

    public double keyConfidence(int row, Segment seg) {
        return keyWeight[row * S + seg.ordinal()];
    }

    /** Approximate heap bytes held by the arrays. */
    public long estimatedBytes() {
        return (long) z.length * 4 + (long) rows * S * (4 + 4 + 1 + 1 + 4) + rows;
    }
}
