package dev.segue.sonic.features;

/**
 * Counts onsets as peaks of the onset-strength envelope: a local maximum within ±70 ms that rises
 * above the local mean (±370 ms) by half the envelope's standard deviation.
 */
final class OnsetDetector {

    private static final int PEAK_RADIUS = 3;
    private static final int MEAN_RADIUS = 16;
    private static final double DELTA_STDS = 0.5;

    private OnsetDetector() {
    }

    static int count(float[] onset) {
        int n = onset.length;
        if (n == 0) {
            return 0;
        }
        double mean = 0;
        for (float v : onset) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (float v : onset) {
            var += (v - mean) * (v - mean);
        }
        double delta = DELTA_STDS * Math.sqrt(var / n);
        if (delta <= 1e-9) {
            return 0;
        }
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + onset[i];
        }
        int count = 0;
        int lastPeak = -PEAK_RADIUS - 1;
        for (int i = 0; i < n; i++) {
            float v = onset[i];
            if (i - lastPeak <= PEAK_RADIUS || !isLocalMax(onset, i)) {
                continue;
            }
            int lo = Math.max(0, i - MEAN_RADIUS);
            int hi = Math.min(n, i + MEAN_RADIUS + 1);
            double localMean = (prefix[hi] - prefix[lo]) / (hi - lo);
            if (v > localMean + delta) {
                count++;
                lastPeak = i;
            }
        }
        return count;
    }

    private static boolean isLocalMax(float[] onset, int i) {
        int lo = Math.max(0, i - PEAK_RADIUS);
        int hi = Math.min(onset.length - 1, i + PEAK_RADIUS);
        for (int j = lo; j <= hi; j++) {
            if (onset[j] > onset[i]) {
                return false;
            }
        }
        return true;
    }
}
