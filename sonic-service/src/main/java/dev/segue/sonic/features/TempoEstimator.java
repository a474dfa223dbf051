package dev.segue.sonic.features;

/**
 * Tempo from the autocorrelation of the onset-strength envelope. Each candidate BPM (40..240, 0.1
 * steps) is scored by a comb over the first four beat multiples minus a quarter of the half-beat
 * positions: a true beat period has peaks on the beats and little in between, whereas half the
 * tempo has its "in-between" positions on real beats and double the tempo misses every other tooth.
 * That comb decides the octave of a clear beat (120 BPM is neither 60 nor 240, 174 is not 87); a
 * broad log-normal preference around 120 BPM (1 octave) only breaks near-ties of weak beats. The
 * winner is refined by parabolic interpolation of the autocorrelation peak at the fourth beat.
 */
final class TempoEstimator {

    record Tempo(double bpm, double confidence) {
    }

    static final double FRAME_RATE = FeatureExtractor.SAMPLE_RATE / (double) FeatureExtractor.HOP;
    private static final double MIN_BPM = 40;
    private static final double MAX_BPM = 240;
    private static final double STEP_BPM = 0.1;
    private static final int TEETH = 4;
    private static final double OFFBEAT_WEIGHT = 0.25;
    private static final double PRIOR_CENTER_BPM = 120;
    private static final double PRIOR_OCTAVES = 1.0;
    /** The envelope minus its 0.5 s moving average: only what stands out locally correlates. */
    private static final int DETREND_FRAMES = (int) (0.5 * FRAME_RATE) | 1;
    /** Below this confidence the beat is too weak to name a tempo: 0 BPM is reported. */
    private static final double MIN_CONFIDENCE = 0.05;
    static final int MAX_LAG = (int) Math.ceil(TEETH * FRAME_RATE * 60 / MIN_BPM) + 2;

    private TempoEstimator() {
    }

    /** Normalised autocorrelation (lag 0 = 1) of the smoothed, mean-removed envelope; null for silence. */
    static double[] autocorrelation(float[] onset) {
        int n = onset.length;
        if (n < 3) {
            return null;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double prev = onset[Math.max(0, i - 1)];
            double next = onset[Math.min(n - 1, i + 1)];
            x[i] = 0.25 * prev + 0.5 * onset[i] + 0.25 * next;
        }
        x = detrend(x);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            x[i] -= mean;
        }
        double[] acf = new double[MAX_LAG + 1];
        for (int lag = 0; lag <= MAX_LAG && lag < n; lag++) {
            double acc = 0;
            for (int i = lag; i < n; i++) {
                acc += x[i] * x[i - lag];
            }
            acf[lag] = acc;
        }
        if (acf[0] <= 1e-12) {
            return null;
        }
        double zero = acf[0];
        for (int i = 0; i <= MAX_LAG; i++) {
            acf[i] /= zero;
        }
        return acf;
    }

    static Tempo estimate(double[] acf) {
        if (acf == null) {
            return new Tempo(0, 0);
        }
        double bestWeighted = Double.NEGATIVE_INFINITY;
        double bestScore = 0;
        double bestBpm = 0;
        int steps = (int) Math.round((MAX_BPM - MIN_BPM) / STEP_BPM);
        for (int s = 0; s <= steps; s++) {
            double bpm = MIN_BPM + s * STEP_BPM;
            double period = FRAME_RATE * 60 / bpm;
            double score = 0;
            for (int m = 1; m <= TEETH; m++) {
                score += at(acf, m * period) - OFFBEAT_WEIGHT * at(acf, (m - 0.5) * period);
            }
            double octaves = Math.log(bpm / PRIOR_CENTER_BPM) / Math.log(2) / PRIOR_OCTAVES;
            double weighted = score * Math.exp(-0.5 * octaves * octaves);
            if (weighted > bestWeighted) {
                bestWeighted = weighted;
                bestScore = score;
                bestBpm = bpm;
            }
        }
        double confidence = Math.max(0, Math.min(1, bestScore / TEETH));
        if (confidence < MIN_CONFIDENCE) {
            return new Tempo(0, confidence);
        }
        double bpm = Math.max(MIN_BPM, Math.min(MAX_BPM, refine(acf, bestBpm)));
        return new Tempo(Math.round(bpm * 10) / 10.0, confidence);
    }

    /** Parabolic interpolation of the autocorrelation peak near the last tooth (4 beats). */
    private static double refine(double[] acf, double bpm) {
        double period = FRAME_RATE * 60 / bpm;
        double lag = TEETH * period;
        int lo = (int) Math.floor(lag - 0.1 * period);
        int hi = Math.min(acf.length - 2, (int) Math.ceil(lag + 0.1 * period));
        if (lo < 1 || hi <= lo) {
            return bpm;
        }
        int peak = lo;
        for (int k = lo; k <= hi; k++) {
            if (acf[k] > acf[peak]) {
                peak = k;
            }
        }
        double y0 = acf[peak - 1];
        double y1 = acf[peak];
        double y2 = acf[peak + 1];
        double curvature = y0 - 2 * y1 + y2;
        double offset = curvature < 0 ? 0.5 * (y0 - y2) / curvature : 0;
        double refined = FRAME_RATE * 60 * TEETH / (peak + offset);
        // a refinement that wanders off the comb's answer found a different peak: keep the comb's
        return Math.abs(refined / bpm - 1) < 0.03 ? refined : bpm;
    }

    private static double[] detrend(double[] x) {
        int n = x.length;
        int half = DETREND_FRAMES / 2;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - half);
            int hi = Math.min(n, i + half + 1);
            out[i] = x[i] - (prefix[hi] - prefix[lo]) / (hi - lo);
        }
        return out;
    }

    private static double at(double[] acf, double lag) {
        int lo = (int) Math.floor(lag);
        if (lo + 1 >= acf.length) {
            return 0;
        }
        double frac = lag - lo;
        return acf[lo] * (1 - frac) + acf[lo + 1] * frac;
    }
}
