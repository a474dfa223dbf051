package dev.segue.playlist.similarity;

import dev.segue.schema.sonic.SonicLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sound of every indexed track in the form {@link SonicMetric} compares, laid out for it once per index
 * build so that a request only multiplies and adds (docs/playlist.md, "Sonic").
 *
 * <p>Built for whatever {@link SonicLayout} the vectors have: every continuous feature is rank-normalised
 * over the library's analysed segments ({@link RankNormal}) and multiplied by {@code sqrt(w / W)}, its
 * weight by name over the sum of the weights, so that D² is a plain sum of squares. Stored once: row-major
 * for every segment, with each row's squared norm of the average segment, D² = |a|² + |b|² − 2·a·b.
 *
 * <p>Scoring every track against a seed is two passes (docs/playlist.md, "Sonic": bounded scoring): a first pass over an
 * 8-bit copy of the average segments, feature-major so that the JIT vectorises it (a quarter of the bytes of the
 * floats), gives for every row an upper bound of its similarity ({@link #addBounds}); only the rows whose bound can
 * still reach the wanted ones are scored exactly ({@link #addSimilarity}), from the float rows, every row with the
 * same arithmetic in the same order, so a score does not depend on which other rows were scored.
 *
 * <p>Hubness correction (CSLS, Conneau et al. 2018; Schnitzer et al. 2012 on hubs in music similarity): each
 * track's mean D² to its {@link #HUBNESS_K} nearest neighbours among a fixed sample of
 * {@link #HUBNESS_SAMPLE} tracks, r, is precomputed here, and the track similarity uses
 * D'² = D² − (r_a + r_b)/2 + mean(r): a track in a crowded region (a hub, near everything) is moved away, an
 * isolated one brought closer, so one hub no longer tops every list. Immutable.
 */
public final class SonicVectors {

    private static final int S = SoundSegment.COUNT;
    private static final int AVG = SoundSegment.AVERAGE;
    /** Segments in the row-major array: all but the average, which is the last. */
    private static final int ZS = S - 1;
    /** D² below which two segments count as the same audio: similarity above 0.995. */
    public static final double NEAR_IDENTICAL_D2 = 0.01;
    public static final int HUBNESS_SAMPLE = 1000;
    public static final int HUBNESS_K = 10;
    /** Below this many analysed tracks the neighbour statistics are noise and no correction is applied. */
    public static final int HUBNESS_MIN_TRACKS = 50;
    /** Rows per block of the bulk dot products: 4 KB of sums, well inside L1 next to the streamed columns. */
    private static final int BLOCK = 1024;
    /** Largest code of the 8-bit copy: values are rounded to multiples of {@link #step} in ±127 steps. */
    private static final int CODE_MAX = 127;
    /**
     * The unit round-off of float arithmetic: the slack allows 4·(c + 2)·u per unit of |q|·|a| for each pass's float
     * dot product (Higham's γ for c + 2 operations, with a margin), so the bound covers the float rounding of both
     * passes, not only the 8-bit rounding.
     */
    private static final double UNIT_ROUNDOFF = Math.ulp(1f) / 2;
    /** Table of the exponential by D² in steps of 1/{@link #EXP_STEPS}: an upper bound without one exp per row. */
    private static final int EXP_STEPS = 128;
    private static final double[] EXP_TABLE = new double[64 * EXP_STEPS + 1];

    static {
        for (int i = 0; i < EXP_TABLE.length; i++) {
            // Math.exp is semi-monotonic: exp(-(i/128)/2) is never below exp(-D/2) for any D ≥ i/128
            EXP_TABLE[i] = Math.exp(-((double) i / EXP_STEPS) * 0.5);
        }
    }

    private final SonicLayout layout;
    private final int rows;
    private final int c;
    private final int[] positions;
    private final String[] names;
    private final Map<String, Integer> continuousIndex = new HashMap<>();
    /** sqrt(w/W) per continuous feature: stored value = normalised value × scale. */
    private final float[] scale;
    private final boolean[] varies;
    private final double weightSum;
    private final boolean[] present;
    private final float[] z;
    /** The average segments, row-major: what the exact scores read, one row after another. */
    private final float[] average;
    /** The average segments rounded to multiples of {@link #step}, feature-major: the first pass's input. */
    private final byte[] coarse;
    private float step;
    /**
     * Per row, what the first pass's a·b may lie below the exact float a·b, per unit of the seed's norm: the
     * rounding error's norm |a − step·code| plus both passes' float round-off.
     */
    private final float[] slack;
    private final float[] norm2;
    /** |x|² − r_x/2 + mean(r)/2 per row: D'² = base_a + base_b − 2·a·b. */
    private final float[] base;
    private final float[] neighbourD2;
    private final float[] log2Tempo;
    private final float[] tempoWeight;
    private final byte[] fifths;
    private final boolean[] major;
    private final float[] keyWeight;
    private final int analysed;
    private final boolean hubnessCorrected;
    /** The analysed rows with the smallest hashed track ids, at most {@link #HUBNESS_SAMPLE}; set once at build. */
    private int[] sample;

    private SonicVectors(SonicLayout layout, int rows, int analysed) {
        this.layout = layout;
        this.rows = rows;
        this.analysed = analysed;
        List<String> all = layout == null ? List.of() : layout.names();
        Map<String, Integer> familySize = new HashMap<>();
        for (String name : all) {
            String family = SonicMetric.family(name);
            if (family != null) {
                familySize.merge(family, 1, Integer::sum);
            }
        }
        double[] w = new double[all.size()];
        int count = 0;
        for (int i = 0; i < all.size(); i++) {
            String family = SonicMetric.family(all.get(i));
            w[i] = SonicMetric.weight(all.get(i), family == null ? 1 : familySize.get(family));
            count += w[i] > 0 ? 1 : 0;
        }
        this.c = count;
        this.positions = new int[c];
        this.names = new String[c];
        this.scale = new float[c];
        this.varies = new boolean[c];
        double sum = 0;
        for (int i = 0, j = 0; i < all.size(); i++) {
            if (w[i] > 0) {
                positions[j] = i;
                names[j] = all.get(i);
                continuousIndex.put(all.get(i), j);
                scale[j] = (float) w[i];
                sum += w[i];
                j++;
            }
        }
        this.weightSum = sum;
        this.present = new boolean[rows];
        this.z = new float[rows * ZS * c];
        this.average = new float[rows * c];
        this.coarse = new byte[rows * c];
        this.slack = new float[rows];
        this.norm2 = new float[rows];
        this.base = new float[rows];
        this.neighbourD2 = new float[rows];
        this.log2Tempo = new float[rows * S];
        this.tempoWeight = new float[rows * S];
        this.fifths = new byte[rows * S];
        this.major = new boolean[rows * S];
        this.keyWeight = new float[rows * S];
        this.hubnessCorrected = analysed >= HUBNESS_MIN_TRACKS;
    }

    /**
     * Normalises, weighs and lays out raw vectors, and precomputes the hubness statistics.
     *
     * @param layout the layout of the vectors' analyzer version; null for an index without sonic data
     * @param ids    the rows' track ids (they pick the fixed hubness sample, so it stays put across rebuilds)
     * @param raw    per row, the {@link SoundSegment#COUNT} × {@code layout.size()} raw features in segment order,
     *               or null for a row without analysis
     */
    public static SonicVectors build(SonicLayout layout, long[] ids, float[][] raw) {
        int analysed = 0;
        for (float[] v : raw) {
            analysed += v == null ? 0 : 1;
        }
        if (layout == null && analysed > 0) {
            throw new IllegalArgumentException("vectors without a layout");
        }
        SonicVectors out = new SonicVectors(layout, raw.length, analysed);
        float[] columns = out.normalise(raw, analysed);
        out.quantise();
        out.keysAndTempi(raw);
        out.sample = out.sample(ids);
        out.hubness(columns);
        return out;
    }

    /** @return the average segments feature-major, for the hubness statistics' bulk dot products at build */
    private float[] normalise(float[][] raw, int analysed) {
        int dims = layout == null ? 0 : layout.size();
        float[] columns = new float[rows * c];
        float[] column = new float[analysed * S];
        for (int j = 0; j < c; j++) {
            int position = positions[j];
            int n = 0;
            for (float[] v : raw) {
                if (v != null) {
                    for (int s = 0; s < S; s++) {
                        float x = v[s * dims + position];
                        column[n++] = Float.isNaN(x) ? 0f : x;
                    }
                }
            }
            varies[j] = RankNormal.normalise(column, n);
            double weight = scale[j];
            scale[j] = varies[j] ? (float) Math.sqrt(weight / weightSum) : 0f;
            n = 0;
            for (int row = 0; row < raw.length; row++) {
                if (raw[row] != null) {
                    for (int s = 0; s < S; s++) {
                        float value = column[n++] * scale[j];
                        if (s == AVG) {
                            average[row * c + j] = value;
                            columns[j * rows + row] = value;
                        } else {
                            z[(row * ZS + s) * c + j] = value;
                        }
                    }
                }
            }
        }
        for (int row = 0; row < raw.length; row++) {
            present[row] = raw[row] != null;
            double n2 = 0;
            for (int j = 0; j < c; j++) {
                double x = average[row * c + j];
                n2 += x * x;
            }
            norm2[row] = (float) n2;
        }
        return columns;
    }

    /** The 8-bit copy and each row's slack: one step for the whole library, the largest value at ±127. */
    private void quantise() {
        float largest = 0;
        for (float x : average) {
            largest = Math.max(largest, Math.abs(x));
        }
        step = largest == 0 ? 1f : largest / CODE_MAX;
        double roundoff = 4 * (c + 2) * UNIT_ROUNDOFF;
        for (int row = 0; row < rows; row++) {
            double error2 = 0;
            double norm = 0;
            for (int j = 0; j < c; j++) {
                float x = average[row * c + j];
                int code = Math.max(-CODE_MAX, Math.min(CODE_MAX, Math.round(x / step)));
                coarse[j * rows + row] = (byte) code;
                double e = x - (double) step * code;
                error2 += e * e;
                norm += (double) x * x;
            }
            double e = Math.sqrt(error2);
            // |code·step| ≤ |a| + e: the first pass's round-off is bounded through the exact row's norm
            slack[row] = Math.nextUp((float) ((e + roundoff * (2 * Math.sqrt(norm) + e)) * (1 + 1e-6)));
        }
    }

    private void keysAndTempi(float[][] raw) {
        int dims = layout == null ? 0 : layout.size();
        int tempo = position(SonicMetric.TEMPO);
        int tempoConfidence = position(SonicMetric.TEMPO_CONFIDENCE);
        int key = position(SonicMetric.KEY);
        int mode = position(SonicMetric.MODE);
        int keyConfidence = position(SonicMetric.KEY_CONFIDENCE);
        Arrays.fill(log2Tempo, Float.NaN);
        for (int row = 0; row < raw.length; row++) {
            float[] v = raw[row];
            if (v == null) {
                continue;
            }
            for (int s = 0; s < S; s++) {
                int at = s * dims;
                int rs = row * S + s;
                float bpm = tempo < 0 ? 0 : v[at + tempo];
                if (bpm > 0) {
                    log2Tempo[rs] = (float) (Math.log(bpm) / Math.log(2));
                    tempoWeight[rs] = tempoConfidence < 0 ? 1f : clamp01(v[at + tempoConfidence]);
                }
                if (key >= 0 && mode >= 0 && keyConfidence >= 0) {
                    boolean maj = v[at + mode] >= 0.5f;
                    fifths[rs] = (byte) SonicMetric.fifthsPosition(Math.floorMod(Math.round(v[at + key]), 12), maj);
                    major[rs] = maj;
                    keyWeight[rs] = clamp01(v[at + keyConfidence]);
                }
            }
        }
    }

    private static float clamp01(float x) {
        return Float.isNaN(x) ? 0f : Math.max(0f, Math.min(1f, x));
    }

    private int position(String name) {
        return layout != null && layout.has(name) ? layout.position(name) : -1;
    }

    /**
     * r for every analysed row: the mean D² to its k nearest members of the sample (itself excluded). The
     * sample is the analysed rows with the smallest hashed track ids, so a rebuild after a few changes keeps
     * nearly the same sample.
     */
    private void hubness(float[] columns) {
        for (int r = 0; r < rows; r++) {
            base[r] = norm2[r];
        }
        if (!hubnessCorrected) {
            return;
        }
        int k = Math.min(HUBNESS_K, sample.length - 1);
        float[] best = new float[rows * k];
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        float[] dot = new float[rows];
        for (int s : sample) {
            dots(columns, s, dot);
            float ns = norm2[s];
            for (int r = 0; r < rows; r++) {
                if (r == s || !present[r]) {
                    continue;
                }
                float d2 = Math.max(0f, ns + norm2[r] - 2 * dot[r]);
                int at = r * k;
                if (d2 < best[at + k - 1]) {
                    int i = k - 1;
                    while (i > 0 && best[at + i - 1] > d2) {
                        best[at + i] = best[at + i - 1];
                        i--;
                    }
                    best[at + i] = d2;
                }
            }
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            if (present[r]) {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += best[r * k + i];
                }
                neighbourD2[r] = (float) (sum / k);
                total += neighbourD2[r];
            }
        }
        float mean = (float) (total / analysed);
        for (int r = 0; r < rows; r++) {
            if (present[r]) {
                base[r] = norm2[r] - neighbourD2[r] / 2 + mean / 2;
            }
        }
    }

    private int[] sample(long[] ids) {
        long[] keyed = new long[analysed];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (present[r]) {
                // the hash's upper bits order the rows, the row rides in the low 24 bits
                keyed[n++] = (mix(ids[r]) & ~0xFFFFFFL) | r;
            }
        }
        Arrays.sort(keyed);
        int[] sample = new int[Math.min(HUBNESS_SAMPLE, n)];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (int) (keyed[i] & 0xFFFFFF);
        }
        return sample;
    }

    /** A well-mixed, non-negative hash of a track id (SplitMix64's finaliser). */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return (x ^ (x >>> 31)) >>> 1;
    }

    /** a·b of the average segments of {@code seed} and every row, from feature-major {@code columns}, into {@code out}. */
    private void dots(float[] columns, int seed, float[] out) {
        for (int from = 0; from < rows; from += BLOCK) {
            dots(columns, seed, out, from, Math.min(rows, from + BLOCK));
        }
    }

    /**
     * a·b for rows {@code from..to}: four feature columns per pass over a block small enough for its sums to stay
     * in L1, in a loop of independent multiply-adds the JIT vectorises. The terms are added in ascending feature
     * order, left to right, exactly as {@link #dot} adds them, so the sums are the same to the bit.
     */
    private void dots(float[] columns, int seed, float[] out, int from, int to) {
        Arrays.fill(out, from, to, 0f);
        int j = 0;
        for (; j + 4 <= c; j += 4) {
            int a0 = j * rows;
            int a1 = a0 + rows;
            int a2 = a1 + rows;
            int a3 = a2 + rows;
            float q0 = columns[a0 + seed];
            float q1 = columns[a1 + seed];
            float q2 = columns[a2 + seed];
            float q3 = columns[a3 + seed];
            for (int r = from; r < to; r++) {
                out[r] = out[r] + q0 * columns[a0 + r] + q1 * columns[a1 + r] + q2 * columns[a2 + r] + q3 * columns[a3 + r];
            }
        }
        for (; j < c; j++) {
            int a = j * rows;
            float q = columns[a + seed];
            for (int r = from; r < to; r++) {
                out[r] = out[r] + q * columns[a + r];
            }
        }
    }

    /** a·b of two rows' average segments in float, the terms added in ascending feature order. */
    private float dot(int a, int b) {
        int at = a * c;
        int bt = b * c;
        float sum = 0f;
        for (int j = 0; j < c; j++) {
            sum += average[at + j] * average[bt + j];
        }
        return sum;
    }

    /**
     * {@code sum} plus what {@code seed} adds to row {@code r}'s sonic score: the hubness-corrected track
     * similarity, in the float and double arithmetic of every score of a request; for the seed itself that
     * plus {@code 1 − e} of its uncorrected distance, so it scores 1 (the correction never moves a track from
     * itself).
     */
    public double addSimilarity(int seed, int r, double sum) {
        return addSimilarity(seed, r, dot(seed, r), sum);
    }

    private double addSimilarity(int seed, int r, float d, double sum) {
        float b = base[seed];
        double out = sum + Math.exp(-Math.max(0f, b + base[r] - 2 * d) * 0.5);
        if (r == seed) {
            out += 1 - Math.exp(-Math.max(0f, 2 * b - 2 * d) * 0.5);
        }
        return out;
    }

    /**
     * First pass: adds to {@code bound[r]}, for every analysed row (the seed's own, where the hubness correction
     * is undone, excepted), an upper bound of
     * what {@link #addSimilarity} adds for {@code seed}, from the 8-bit copy; {@code dot} is scratch space of at
     * least {@link #rows()} floats. The bound: a·b ≤ step·(q·code) + |q|·slack, carried through the float
     * expression of D'², which only falls as a·b grows, and an exponential table read at D'² rounded down.
     */
    public void addBounds(int seed, float[] dot, double[] bound) {
        float b = base[seed];
        int q = seed * c;
        double seedNorm = norm(seed) * (1 + 1e-6);
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            Arrays.fill(dot, from, to, 0f);
            for (int j = 0; j < c; j++) {
                int a = j * rows;
                float qj = average[q + j];
                for (int r = from; r < to; r++) {
                    dot[r] += qj * coarse[a + r];
                }
            }
            for (int r = from; r < to; r++) {
                if (present[r]) {
                    float upper = Math.nextUp((float) ((double) step * dot[r] + seedNorm * slack[r]));
                    float d2 = Math.max(0f, b + base[r] - 2 * upper);
                    bound[r] += EXP_TABLE[(int) Math.min(EXP_TABLE.length - 1, d2 * EXP_STEPS)];
                }
            }
        }
    }

    /** |a| of a row's average segment, in double. */
    private double norm(int row) {
        double n2 = 0;
        for (int j = 0; j < c; j++) {
            double x = average[row * c + j];
            n2 += x * x;
        }
        return Math.sqrt(n2);
    }

    /**
     * Track similarity (0..1): the average segments compared by the continuous features with the hubness
     * correction; what playlists and /similar rank by.
     */
    public double similarity(int a, int b) {
        if (a == b) {
            return 1;
        }
        double dot = 0;
        for (int j = 0; j < c; j++) {
            dot += (double) average[a * c + j] * average[b * c + j];
        }
        return SonicMetric.similarity(Math.max(0, (double) base[a] + base[b] - 2 * dot));
    }

    /** The hubness statistic r of a row: mean D² to its nearest sampled neighbours; 0 when not corrected. */
    public double neighbourDistance(int row) {
        return neighbourD2[row];
    }

    /**
     * Rows of the fixed sample of analysed tracks the hubness statistics are taken over (all analysed rows
     * up to {@link #HUBNESS_SAMPLE}); chosen by hashed track id, so it is the same for every request.
     */
    public int sampleSize() {
        return sample.length;
    }

    public int sampleRow(int i) {
        return sample[i];
    }

    public boolean hubnessCorrected() {
        return hubnessCorrected;
    }

    public int rows() {
        return rows;
    }

    public int analysedCount() {
        return analysed;
    }

    public boolean has(int row) {
        return present[row];
    }

    /**
     * Sonic similarity (0..1) of segment {@code a} of row {@code ra} with segment {@code b} of row {@code rb}:
     * continuous features plus tempo and key, no hubness correction; transitions and duplicate checks use it.
     */
    public double similarity(int ra, SoundSegment a, int rb, SoundSegment b) {
        return SonicMetric.similarity(distanceSquared(ra, a.ordinal(), rb, b.ordinal()));
    }

    /** How well {@code next} follows {@code previous}: the previous end against the next beginning. */
    public double transition(int previous, int next) {
        return SonicMetric.similarity(distanceSquared(previous, SoundSegment.END, next, SoundSegment.BEGINNING));
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

    /** Weighted normalised feature {@code j} of segment {@code s} of a row, wherever its segment is stored. */
    private float value(int row, int s, int j) {
        return s == AVG ? average[row * c + j] : z[(row * ZS + s) * c + j];
    }

    double distanceSquared(int ra, int sa, int rb, int sb) {
        int ia = ra * S + sa;
        int ib = rb * S + sb;
        double sum = 0;
        for (int j = 0; j < c; j++) {
            double d = value(ra, sa, j) - value(rb, sb, j);
            sum += d * d;
        }
        sum *= weightSum;
        double weight = weightSum;
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
        return weight == 0 ? 0 : sum / weight;
    }

    /**
     * Similarity of a row's segment to a point between two rows' segments: continuous features and tempo
     * interpolated at {@code t} (0 = at {@code ra}, 1 = at {@code rb}); key is left out because it does not
     * interpolate.
     */
    public double similarityToBlend(int ra, int rb, SoundSegment seg, double t, int candidate) {
        int s = seg.ordinal();
        double sum = 0;
        for (int j = 0; j < c; j++) {
            double target = (1 - t) * value(ra, s, j) + t * value(rb, s, j);
            double d = target - value(candidate, s, j);
            sum += d * d;
        }
        sum *= weightSum;
        double weight = weightSum;
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
        return SonicMetric.similarity(weight == 0 ? 0 : sum / weight);
    }

    /** The track's tempo (BPM) measured on its pooled segments, or NaN when unknown. */
    public double tempoBpm(int row) {
        return bpm(row * S + AVG);
    }

    /** The layout of the loaded vectors; null when the index has no sonic data. */
    public SonicLayout layout() {
        return layout;
    }

    /** How many continuous features the metric compares (the dimension of {@link #weightedZ}). */
    public int continuousCount() {
        return c;
    }

    /** The layout name of continuous feature {@code j} (in {@link #weightedZ} order). */
    public String continuousName(int j) {
        return names[j];
    }

    /**
     * The rank-normalised value (about mean 0, sd 1 over the library's analysed segments) of the feature named
     * {@code feature}; NaN for a feature the layout lacks or the metric does not normalise (tempo, key,
     * confidences).
     */
    public double zScore(int row, SoundSegment seg, String feature) {
        Integer j = continuousIndex.get(feature);
        if (j == null || !varies[j]) {
            return Double.NaN;
        }
        return value(row, seg.ordinal(), j) / scale[j];
    }

    /** False when the feature has one value over the whole library (or the layout lacks it), so it tells nothing. */
    public boolean varies(String feature) {
        Integer j = continuousIndex.get(feature);
        return j != null && varies[j];
    }

    /** Copies a segment's weighted normalised values, in {@link #continuousName} order: the space D² is measured in. */
    public void weightedZ(int row, SoundSegment seg, float[] out) {
        for (int j = 0; j < c; j++) {
            out[j] = value(row, seg.ordinal(), j);
        }
    }

    /** A segment's tempo in BPM, NaN when unknown. */
    public double tempoBpm(int row, SoundSegment seg) {
        return bpm(row * S + seg.ordinal());
    }

    private double bpm(int rs) {
        float t = log2Tempo[rs];
        return Float.isNaN(t) ? Double.NaN : Math.pow(2, t);
    }

    public double tempoConfidence(int row, SoundSegment seg) {
        return tempoWeight[row * S + seg.ordinal()];
    }

    /** A segment's key as the pitch class of its tonic (C = 0), with {@link #major} its mode. */
    public int keyTonic(int row, SoundSegment seg) {
        int rs = row * S + seg.ordinal();
        // 7 is its own inverse modulo 12: undoes fifthsPosition
        int relativeMajor = (fifths[rs] * 7) % 12;
        return major[rs] ? relativeMajor : (relativeMajor + 9) % 12;
    }

    public boolean major(int row, SoundSegment seg) {
        return major[row * S + seg.ordinal()];
    }

    public double keyConfidence(int row, SoundSegment seg) {
        return keyWeight[row * S + seg.ordinal()];
    }

    /** Approximate heap bytes held by the arrays. */
    public long estimatedBytes() {
        return (long) z.length * 4 + (long) average.length * 4 + coarse.length + (long) rows * (4 + 4 + 4 + 4)
                + (long) rows * S * (4 + 4 + 1 + 1 + 4) + rows;
    }
}
