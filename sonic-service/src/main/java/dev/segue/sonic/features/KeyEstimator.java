package dev.segue.sonic.features;

/** Key and mode by the Krumhansl–Schmuckler method: correlate the chroma with 24 rotated key profiles. */
final class KeyEstimator {

    record Key(int pitchClass, boolean major, double confidence) {
    }

    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    private KeyEstimator() {
    }

    /** @param chroma energy per pitch class, or null for silence (C major, confidence 0) */
    static Key estimate(double[] chroma) {
        if (chroma == null) {
            return new Key(0, true, 0);
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestTonic = 0;
        boolean bestMajor = true;
        for (int tonic = 0; tonic < 12; tonic++) {
            double major = correlation(chroma, MAJOR, tonic);
            double minor = correlation(chroma, MINOR, tonic);
            if (major > best) {
                best = major;
                bestTonic = tonic;
                bestMajor = true;
            }
            if (minor > best) {
                best = minor;
                bestTonic = tonic;
                bestMajor = false;
            }
        }
        return new Key(bestTonic, bestMajor, Math.max(0, Math.min(1, best)));
    }

    /** Pearson correlation of the chroma with the profile rotated to {@code tonic}; 0 for a flat chroma. */
    private static double correlation(double[] chroma, double[] profile, int tonic) {
        double meanC = 0;
        double meanP = 0;
        for (int i = 0; i < 12; i++) {
            meanC += chroma[i];
            meanP += profile[i];
        }
        meanC /= 12;
        meanP /= 12;
        double cov = 0;
        double varC = 0;
        double varP = 0;
        for (int i = 0; i < 12; i++) {
            double c = chroma[(i + tonic) % 12] - meanC;
            double p = profile[i] - meanP;
            cov += c * p;
            varC += c * c;
            varP += p * p;
        }
        if (varC <= 0) {
            return 0;
        }
        return cov / Math.sqrt(varC * varP);
    }
}
