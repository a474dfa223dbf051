package dev.segue.sonic.features;

/**
 * Tempo from the autocorrelation of the onset-strength envelope. Each candidate BPM (40..240, 0.1
 * steps) is scored by a comb over the first four beat multiples minus the half-beat positions:
 * a true beat period has peaks on the beats and little in between, whereas half the tempo has its
 * "in-between" positions on real beats and double the tempo misses every other tooth. That settles
 * the octave (120 BPM is neither 60 nor 240) without a prior that would pull 174 down to 87.
 */
final class TempoEstimator {

    record Tempo(double bpm, double confidence) {
    }

    static final double FRAME_RATE = FeatureExtractor.SAMPLE_RATE / (double) FeatureExtractor.HOP;
    private static final double MIN_BPM = 40;
    private static final double MAX_BPM = 240;
    private static final double STEP_BPM = 0.1;
    private static final int TEETH = 4;
    private static final double OFFBEAT_WEIGHT = 0.5;
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
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestBpm = 0;
        int steps = (int) Math.round((MAX_BPM - MIN_BPM) / STEP_BPM);
        for (int s = 0; s <= steps; s++) {
            double bpm = MIN_BPM + s * STEP_BPM;
            double period = FRAME_RATE * 60 / bpm;
            double score = 0;
            for (int m = 1; m <= TEETH; m++) {
                score += at(acf, m * period) - OFFBEAT_WEIGHT * at(acf, (m - 0.5) * period);
            }
            if (score > bestScore) {
                bestScore = score;
                bestBpm = bpm;
            }
        }
        double confidence = Math.max(0, Math.min(1, bestScore / TEETH));
        if (confidence < MIN_CONFIDENCE) {
            return new Tempo(0, confidence);
        }
        return new Tempo(Math.round(bestBpm * 10) / 10.0, confidence);
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
