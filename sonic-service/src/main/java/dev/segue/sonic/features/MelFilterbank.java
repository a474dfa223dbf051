package dev.segue.sonic.features;

/** Triangular filters evenly spaced on the HTK mel scale, stored sparsely (start bin + weights). */
final class MelFilterbank {

    private final int[] start;
    private final double[][] weights;

    MelFilterbank(int bands, int fftSize, int sampleRate, double minHz, double maxHz) {
        int bins = fftSize / 2 + 1;
        double minMel = mel(minHz);
        double maxMel = mel(maxHz);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(minMel + (maxMel - minMel) * i / (bands + 1));
        }
        start = new int[bands];
        weights = new double[bands][];
        double binHz = sampleRate / (double) fftSize;
        for (int b = 0; b < bands; b++) {
            double lo = edges[b];
            double mid = edges[b + 1];
            double hi = edges[b + 2];
            int first = (int) Math.ceil(lo / binHz);
            int last = Math.min(bins - 1, (int) Math.floor(hi / binHz));
            if (last < first) {
                // a band narrower than one bin still takes the nearest bin, so no band is empty
                first = Math.min(bins - 1, (int) Math.round(mid / binHz));
                last = first;
            }
            double[] w = new double[last - first + 1];
            for (int k = first; k <= last; k++) {
                double f = k * binHz;
                double value = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                w[k - first] = Math.max(0, value);
            }
            if (last == first) {
                w[0] = 1;
            }
            start[b] = first;
            weights[b] = w;
        }
    }

    void apply(double[] power, double[] out) {
        for (int b = 0; b < start.length; b++) {
            double acc = 0;
            double[] w = weights[b];
            int s = start[b];
            for (int i = 0; i < w.length; i++) {
                acc += w[i] * power[s + i];
            }
            out[b] = acc;
        }
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
