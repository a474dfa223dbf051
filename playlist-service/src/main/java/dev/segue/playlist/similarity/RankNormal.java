package dev.segue.playlist.similarity;

import java.util.Arrays;

/**
 * Rank normalisation: each value replaced by the standard normal quantile of its rank in the library,
 * {@code Φ⁻¹((rank + 0.5) / n)}, ties sharing their mean rank. Whatever a feature's unit, skew or outliers
 * (a spectral centroid in Hz, a flux with a long tail), the result has mean 0 and spread about 1, so features
 * weigh what their weights say and one extreme track cannot compress everybody else's differences, as it
 * does to a z-score.
 */
public final class RankNormal {

    private RankNormal() {
    }

    /**
     * Normalises {@code n} values in place.
     *
     * @return false when all values are equal (they are all set to 0 and tell nothing)
     */
    public static boolean normalise(float[] values, int n) {
        if (n == 0) {
            return false;
        }
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = ((long) sortable(values[i]) << 32) | i;
        }
        Arrays.sort(keyed);
        if (sortableOf(keyed[0]) == sortableOf(keyed[n - 1])) {
            Arrays.fill(values, 0, n, 0f);
            return false;
        }
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && sortableOf(keyed[end + 1]) == sortableOf(keyed[start])) {
                end++;
            }
            float z = (float) probit(((start + end) / 2.0 + 0.5) / n);
            for (int i = start; i <= end; i++) {
                values[(int) keyed[i]] = z;
            }
            start = end + 1;
        }
        return true;
    }

    /** An int that orders like the float (NaN, which never reaches here from the index, would sort last). */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static int sortableOf(long key) {
        return (int) (key >> 32);
    }

    /**
     * The standard normal quantile Φ⁻¹(p) for 0 &lt; p &lt; 1 (Acklam's rational approximation, relative error
     * below 1.2e-9).
     */
    public static double probit(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must lie strictly between 0 and 1, got " + p);
        }
        final double pLow = 0.02425;
        if (p < pLow) {
            double q = Math.sqrt(-2 * Math.log(p));
            return tail(q);
        }
        if (p > 1 - pLow) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -tail(q);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
    }

    private static double tail(double q) {
        return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1);
    }
}
