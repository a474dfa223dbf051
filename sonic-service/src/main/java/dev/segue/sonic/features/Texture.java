package dev.segue.sonic.features;

/**
 * The texture features analyzer version 2 adds (docs/sonic.md): the spread and the frame-to-frame change of the
 * MFCCs, octave-band spectral contrast and valley (Jiang et al. 2002), crest factor and low-energy ratio. Each is
 * kept as sums in {@link SegmentStats#texture}, so pooled segments equal their frames analysed together.
 * Not thread-safe (sort scratch): one per extractor.
 */
final class Texture {

    /** Octave bands of the spectral contrast: 0–200, 200–400 … 3.2–6.4 kHz, 6.4–11.025 kHz (DC left out). */
    static final double[] CONTRAST_EDGES_HZ = {0, 200, 400, 800, 1600, 3200, 6400, 11_025};
    static final int CONTRAST_BANDS = CONTRAST_EDGES_HZ.length - 1;
    /** Share of a band's bins averaged for its peak and for its valley (Jiang et al.'s α). */
    static final double CONTRAST_QUANTILE = 0.2;
    /**
     * The contrast is measured on every fourth frame: frames that touch without overlapping (2,048 samples apart)
     * still see all the audio, at a quarter of the cost of the selections.
     */
    static final int CONTRAST_EVERY = FeatureExtractor.FRAME / FeatureExtractor.HOP;

    static final int MFCC_SQ = 0;
    static final int DELTA_SQ = MFCC_SQ + FeatureLayout.MFCC_COUNT;
    static final int DELTA_FRAMES = DELTA_SQ + FeatureLayout.MFCC_COUNT;
    static final int CONTRAST = DELTA_FRAMES + 1;
    static final int CONTRAST_SQ = CONTRAST + CONTRAST_BANDS;
    static final int VALLEY = CONTRAST_SQ + CONTRAST_BANDS;
    static final int CONTRAST_FRAMES = VALLEY + CONTRAST_BANDS;
    static final int ENERGY = CONTRAST_FRAMES + 1;
    static final int SLOTS = ENERGY + 1;

    private static final int[] CONTRAST_BINS = contrastBins();

    private final double[] scratch = new double[FeatureExtractor.BINS];

    /** Per {@link #CONTRAST_EVERY}th voiced frame: spectral contrast (peak − valley, dB) and valley (dB) of each octave band. */
    void frame(SegmentStats stats, double[] power) {
        double[] t = stats.texture;
        t[CONTRAST_FRAMES]++;
        for (int b = 0; b < CONTRAST_BANDS; b++) {
            int lo = CONTRAST_BINS[b];
            int n = CONTRAST_BINS[b + 1] - lo;
            System.arraycopy(power, lo, scratch, 0, n);
            int k = Math.max(1, (int) Math.round(CONTRAST_QUANTILE * n));
            // the k smallest and the k largest, unordered: two selections instead of a sort (a third of the cost)
            select(scratch, 0, n - 1, k - 1);
            select(scratch, k, n - 1, n - k);
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
    }

    /**
     * Rearranges {@code a[lo..hi]} so that {@code a[nth]} holds the value a sort would put there, with nothing
     * larger before it and nothing smaller after it (Hoare's selection, middle pivot: spectra are not adversarial).
     */
    static void select(double[] a, int lo, int hi, int nth) {
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (nth <= j) {
                hi = j;
            } else if (nth >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /**
     * Per voiced frame: its MFCCs (for their spread) and, when the previous frame was voiced too
     * ({@code previous} not null), their change since that frame.
     */
    static void mfccFrame(SegmentStats stats, double[] mfcc, double[] previous) {
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

    /** Writes the texture features into a vector of {@link FeatureLayout}; silence gives 0 (valleys the floor). */
    static void toVector(SegmentStats s, float[] v) {
        double[] t = s.texture;
        int voiced = s.voicedFrames;
        double[] mfccSum = FeatureExtractor.mfcc(s.melDbSum);
        double deltaFrames = t[DELTA_FRAMES];
        for (int c = 0; c < FeatureLayout.MFCC_COUNT; c++) {
            if (voiced > 0) {
                double mean = mfccSum[c] / voiced;
                v[FeatureLayout.MFCC_STD + c] = (float) Math.sqrt(Math.max(0, t[MFCC_SQ + c] / voiced - mean * mean));
            }
            if (deltaFrames > 0) {
                v[FeatureLayout.MFCC_DELTA + c] = (float) Math.sqrt(t[DELTA_SQ + c] / deltaFrames);
            }
        }
        double contrastFrames = t[CONTRAST_FRAMES];
        for (int b = 0; b < CONTRAST_BANDS; b++) {
            if (contrastFrames > 0) {
                double mean = t[CONTRAST + b] / contrastFrames;
                v[FeatureLayout.CONTRAST + b] = (float) mean;
                v[FeatureLayout.CONTRAST_STD + b] =
                        (float) Math.sqrt(Math.max(0, t[CONTRAST_SQ + b] / contrastFrames - mean * mean));
                v[FeatureLayout.VALLEY + b] = (float) (t[VALLEY + b] / contrastFrames);
            } else {
                v[FeatureLayout.VALLEY + b] = FeatureLayout.SILENCE_FLOOR_DB;
            }
        }
        double rms = s.samples > 0 ? Math.sqrt(t[ENERGY] / s.samples) : 0;
        v[FeatureLayout.CREST_DB] = rms >= 1e-9 ? (float) (20 * Math.log10(s.peak / rms)) : 0f;
        v[FeatureLayout.LOW_ENERGY] = lowEnergyRatio(s);
    }

    /** Share of frames whose RMS lies below the mean frame RMS of the stretch (Tzanetakis & Cook 2002). */
    private static float lowEnergyRatio(SegmentStats s) {
        if (s.frames == 0 || s.rmsSum <= 0) {
            return 0f;
        }
        float threshold = SegmentStats.toDb(s.rmsSum / s.frames);
        int low = 0;
        for (float db : s.rmsDb) {
            if (db < threshold) {
                low++;
            }
        }
        return low / (float) s.frames;
    }

    /** First bin of each octave band, then the end bin; DC (bin 0) belongs to no band. */
    private static int[] contrastBins() {
        int[] bins = new int[CONTRAST_EDGES_HZ.length];
        double binHz = FeatureExtractor.SAMPLE_RATE / (double) FeatureExtractor.FRAME;
        for (int i = 0; i < CONTRAST_EDGES_HZ.length - 1; i++) {
            bins[i] = Math.max(1, (int) Math.ceil(CONTRAST_EDGES_HZ[i] / binHz));
        }
        bins[CONTRAST_EDGES_HZ.length - 1] = FeatureExtractor.BINS;
        return bins;
    }
}
