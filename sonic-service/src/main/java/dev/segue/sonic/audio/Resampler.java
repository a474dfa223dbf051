package dev.segue.sonic.audio;

import java.util.Arrays;

/**
 * Band-limited resampling with a Blackman-windowed sinc (12 zero crossings), read from a
 * precomputed table. Used by the pure-Java path only; ffmpeg resamples by itself.
 */
final class Resampler {

    private static final int ZERO_CROSSINGS = 12;
    private static final int TABLE_RESOLUTION = 256;
    private static final double[] KERNEL = kernelTable();

    private Resampler() {
    }

    static float[] resample(float[] in, int length, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return Arrays.copyOf(in, length);
        }
        double ratio = (double) toRate / fromRate;
        double cutoff = Math.min(1.0, ratio) * 0.95;
        double halfWidth = ZERO_CROSSINGS / cutoff;
        int outLength = (int) Math.floor(length * ratio);
        float[] out = new float[outLength];
        for (int j = 0; j < outLength; j++) {
            double center = j / ratio;
            int lo = Math.max(0, (int) Math.ceil(center - halfWidth));
            int hi = Math.min(length - 1, (int) Math.floor(center + halfWidth));
            double acc = 0;
            for (int i = lo; i <= hi; i++) {
                acc += in[i] * kernel(Math.abs(center - i) * cutoff);
            }
            out[j] = (float) (acc * cutoff);
        }
        return out;
    }

    private static double kernel(double zeroCrossings) {
        double pos = zeroCrossings * TABLE_RESOLUTION;
        int idx = (int) pos;
        if (idx >= KERNEL.length - 1) {
            return 0;
        }
        double frac = pos - idx;
        return KERNEL[idx] * (1 - frac) + KERNEL[idx + 1] * frac;
    }

    private static double[] kernelTable() {
        int size = ZERO_CROSSINGS * TABLE_RESOLUTION + 2;
        double[] table = new double[size];
        for (int i = 0; i < size; i++) {
            double x = i / (double) TABLE_RESOLUTION;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double t = Math.min(1, x / ZERO_CROSSINGS);
            double window = 0.42 + 0.5 * Math.cos(Math.PI * t) + 0.08 * Math.cos(2 * Math.PI * t);
            table[i] = sinc * window;
        }
        return table;
    }
}
