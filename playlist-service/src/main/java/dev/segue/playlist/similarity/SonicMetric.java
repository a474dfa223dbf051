package dev.segue.playlist.similarity;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sonic metric's constants and pure functions, for any released vector layout; the whole metric and the
 * measurements behind each choice are in docs/playlist.md.
 *
 * <p>Features are weighted by <em>name</em>, so a new analyzer version needs no code here: a name this class
 * does not know weighs {@link #DEFAULT_WEIGHT}, and an unknown numbered family ({@code spectral_pattern_1} ..
 * {@code spectral_pattern_n}) shares {@code DEFAULT_WEIGHT · sqrt(n)} between its n members, so a 40-bin
 * descriptor does not drown the single features. Tempo and key are not compared as normalised values: they join the transition score
 * octave- and circle-of-fifths-aware, scaled by the lower of the two confidences.
 */
public final class SonicMetric {

    /**
     * The weight of a feature this table does not name (every new feature of a new analyzer version): about
     * the median of the named ones, so a new feature counts without outvoting loudness or brightness.
     */
    public static final double DEFAULT_WEIGHT = 0.5;
    /** Weights of analyzer version 1's features by name (docs/playlist.md says why each). */
    private static final Map<String, Double> NAMED = Map.ofEntries(
            Map.entry("loudness_db", 1.0), Map.entry("dynamic_range_db", 0.75),
            Map.entry("centroid_mean_hz", 1.0), Map.entry("centroid_std_hz", 0.5),
            Map.entry("rolloff_mean_hz", 0.75), Map.entry("rolloff_std_hz", 0.35),
            Map.entry("flatness_mean", 0.75), Map.entry("flatness_std", 0.35),
            Map.entry("bandwidth_mean_hz", 0.75), Map.entry("bandwidth_std_hz", 0.35),
            Map.entry("flux_mean", 0.75), Map.entry("flux_std", 0.5), Map.entry("zcr", 0.5),
            // mfcc_1 mostly restates loudness; the others carry timbre
            Map.entry("mfcc_1", 0.5), Map.entry("onset_rate", 1.0));
    private static final double MFCC_WEIGHT = 0.4;
    /** Harmonic colour, not style; the key itself is compared on the circle of fifths in transitions. */
    private static final double CHROMA_WEIGHT = 0.15;

    public static final double TEMPO_WEIGHT = 1.5;
    public static final double KEY_WEIGHT = 1.0;
    /** One unit of tempo distance: 0.15 octave, about an 11 % tempo difference. */
    public static final double TEMPO_OCTAVES_PER_UNIT = 0.15;
    /** Added to the key distance when the modes differ (after mapping minor keys to their relative major). */
    public static final double MODE_PENALTY = 0.5;

    public static final String TEMPO = "tempo_bpm";
    public static final String TEMPO_CONFIDENCE = "tempo_confidence";
    public static final String KEY = "key";
    public static final String MODE = "mode";
    public static final String KEY_CONFIDENCE = "key_confidence";

    private static final Pattern NUMBERED = Pattern.compile("(.+)_(\\d+)");

    private SonicMetric() {
    }

    /**
     * The weight of a feature among the continuous (normalised) ones; 0 for tempo, key, mode and the
     * confidences, which are compared in their own way.
     *
     * @param familySize how many features of the layout share this one's numbered family (1 when it has none),
     *                   see {@link #family}
     */
    public static double weight(String name, int familySize) {
        switch (name) {
            case TEMPO, TEMPO_CONFIDENCE, KEY, MODE, KEY_CONFIDENCE -> {
                return 0;
            }
            default -> {
                Double named = NAMED.get(name);
                if (named != null) {
                    return named;
                }
                if (name.startsWith("mfcc_")) {
                    return MFCC_WEIGHT;
                }
                if (name.startsWith("chroma_")) {
                    return CHROMA_WEIGHT;
                }
                return familySize > 1 ? DEFAULT_WEIGHT / Math.sqrt(familySize) : DEFAULT_WEIGHT;
            }
        }
    }

    /** The numbered family a feature belongs to ({@code mfcc_3} → {@code mfcc}), or null for a single feature. */
    public static String family(String name) {
        Matcher m = NUMBERED.matcher(name);
        return m.matches() ? m.group(1) : null;
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
