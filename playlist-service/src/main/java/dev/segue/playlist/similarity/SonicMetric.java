package dev.segue.playlist.similarity;

import dev.segue.playlist.index.Features;

/**
 * The sonic distance between two analysed segments, documented in docs/playlist.md.
 *
 * <p>Continuous features are compared as library z-scores (mean and standard deviation over every
 * analysed segment of the library), each squared difference multiplied by the feature's weight.
 * Tempo and key are not z-scored: tempo is compared octave-aware (a 70 BPM track sits with a 140 BPM
 * one), key on the circle of fifths (relative major/minor share a position), both scaled by the
 * lower of the two confidences so a guess cannot dominate. The weighted mean of the squared terms is
 * D²; similarity is {@code exp(-D²/2)}: 1 for identical sound, about 0.37 for two tracks as different
 * as a random pair of the library (whose z-differences have a mean square of 2).
 */
public final class SonicMetric {

    /** Feature weights by vector position; 0 for the tempo and key positions handled separately. */
    static final float[] WEIGHTS = new float[Features.DIMENSIONS];

    /** The vector positions compared as z-scores, in the order the index stores them. */
    public static final int[] CONTINUOUS;

    public static final double TEMPO_WEIGHT = 1.5;
    public static final double KEY_WEIGHT = 1.0;
    /** One unit of tempo distance: 0.15 octave, about an 11 % tempo difference. */
    public static final double TEMPO_OCTAVES_PER_UNIT = 0.15;
    /** Added to the key distance when the modes differ (after mapping minor keys to their relative major). */
    public static final double MODE_PENALTY = 0.5;

    static {
        WEIGHTS[Features.LOUDNESS_DB] = 1.0f;
        WEIGHTS[Features.DYNAMIC_RANGE_DB] = 0.75f;
        WEIGHTS[Features.CENTROID_MEAN] = 1.0f;
        WEIGHTS[Features.CENTROID_STD] = 0.5f;
        WEIGHTS[Features.ROLLOFF_MEAN] = 0.75f;
        WEIGHTS[Features.ROLLOFF_STD] = 0.35f;
        WEIGHTS[Features.FLATNESS_MEAN] = 0.75f;
        WEIGHTS[Features.FLATNESS_STD] = 0.35f;
        WEIGHTS[Features.BANDWIDTH_MEAN] = 0.75f;
        WEIGHTS[Features.BANDWIDTH_STD] = 0.35f;
        WEIGHTS[Features.FLUX_MEAN] = 0.75f;
        WEIGHTS[Features.FLUX_STD] = 0.5f;
        WEIGHTS[Features.ZCR] = 0.5f;
        // mfcc_1 mostly restates loudness; the others carry timbre
        WEIGHTS[Features.MFCC_FIRST] = 0.5f;
        for (int i = 1; i < Features.MFCC_COUNT; i++) {
            WEIGHTS[Features.MFCC_FIRST + i] = 0.4f;
        }
        // harmonic colour; the key itself is compared on the circle of fifths
        for (int i = 0; i < Features.CHROMA_COUNT; i++) {
            WEIGHTS[Features.CHROMA_FIRST + i] = 0.15f;
        }
        WEIGHTS[Features.ONSET_RATE] = 1.0f;
        int count = 0;
        for (float w : WEIGHTS) {
            count += w > 0 ? 1 : 0;
        }
        CONTINUOUS = new int[count];
        for (int i = 0, j = 0; i < WEIGHTS.length; i++) {
            if (WEIGHTS[i] > 0) {
                CONTINUOUS[j++] = i;
            }
        }
    }

    /** Sum of the continuous weights: the denominator of D² before tempo and key join it. */
    public static final double CONTINUOUS_WEIGHT_SUM = sum();

    private SonicMetric() {
    }

    private static double sum() {
        double s = 0;
        for (float w : WEIGHTS) {
            s += w;
        }
        return s;
    }

    public static float weight(int position) {
        return WEIGHTS[position];
    }

    /** Octave-folded tempo distance in units of {@link #TEMPO_OCTAVES_PER_UNIT}, from log2 tempi. */
    public static double tempoDistance(double log2TempoA, double log2TempoB) {
        double octaves = Math.abs(log2TempoA - log2TempoB);
        double fold = octaves - Math.floor(octaves);
        return Math.min(fold, 1 - fold) / TEMPO_OCTAVES_PER_UNIT;
    }

    /** Position on the circle of fifths (C=0, G=1, D=2 ...); a minor key takes its relative major's. */
    public static int fifthsPosition(int pitchClass, boolean major) {
        int relativeMajor = major ? pitchClass : (pitchClass + 3) % 12;
        return (relativeMajor * 7) % 12;
    }

    /** Steps around the circle of fifths (0..6) halved, plus {@link #MODE_PENALTY} when the modes differ. */
    public static double keyDistance(int fifthsA, boolean majorA, int fifthsB, boolean majorB) {
        int d = Math.abs(fifthsA - fifthsB);
        int steps = Math.min(d, 12 - d);
        return steps / 2.0 + (majorA == majorB ? 0 : MODE_PENALTY);
    }

    public static double similarity(double distanceSquared) {
        return Math.exp(-distanceSquared / 2);
    }
}
