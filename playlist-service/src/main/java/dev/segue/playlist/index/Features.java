package dev.segue.playlist.index;

import dev.segue.schema.sonic.SonicLayout;

/**
 * The positions this service reads from a sonic feature vector, looked up by name in the contract with
 * sonic-service ({@link SonicLayout}). {@link #LAYOUT}'s features are read from every released version whose
 * layout begins with them at the same positions (version 2 appends its texture features to version 1's); vectors
 * of a version whose layout this build does not know are never loaded.
 */
public final class Features {

    public static final SonicLayout LAYOUT = SonicLayout.V1;
    public static final int DIMENSIONS = LAYOUT.size();

    public static final int LOUDNESS_DB = LAYOUT.position("loudness_db");
    public static final int DYNAMIC_RANGE_DB = LAYOUT.position("dynamic_range_db");
    public static final int CENTROID_MEAN = LAYOUT.position("centroid_mean_hz");
    public static final int CENTROID_STD = LAYOUT.position("centroid_std_hz");
    public static final int ROLLOFF_MEAN = LAYOUT.position("rolloff_mean_hz");
    public static final int ROLLOFF_STD = LAYOUT.position("rolloff_std_hz");
    public static final int FLATNESS_MEAN = LAYOUT.position("flatness_mean");
    public static final int FLATNESS_STD = LAYOUT.position("flatness_std");
    public static final int BANDWIDTH_MEAN = LAYOUT.position("bandwidth_mean_hz");
    public static final int BANDWIDTH_STD = LAYOUT.position("bandwidth_std_hz");
    public static final int FLUX_MEAN = LAYOUT.position("flux_mean");
    public static final int FLUX_STD = LAYOUT.position("flux_std");
    public static final int ZCR = LAYOUT.position("zcr");
    public static final int MFCC_COUNT = 13;
    public static final int MFCC_FIRST = LAYOUT.run("mfcc_", MFCC_COUNT);
    public static final int CHROMA_FIRST = LAYOUT.position("chroma_c");
    public static final int CHROMA_COUNT = 12;
    public static final int TEMPO_BPM = LAYOUT.position("tempo_bpm");
    public static final int TEMPO_CONFIDENCE = LAYOUT.position("tempo_confidence");
    public static final int KEY = LAYOUT.position("key");
    public static final int MODE = LAYOUT.position("mode");
    public static final int KEY_CONFIDENCE = LAYOUT.position("key_confidence");
    public static final int ONSET_RATE = LAYOUT.position("onset_rate");

    private Features() {
    }

    /** True for the analyzer versions whose vectors this build can read. */
    public static boolean readable(int analyzerVersion) {
        return SonicLayout.of(analyzerVersion).filter(Features::startsWithLayout).isPresent();
    }

    /** Values per stored segment vector of a readable analyzer version. */
    public static int storedSize(int analyzerVersion) {
        return SonicLayout.of(analyzerVersion).filter(Features::startsWithLayout).orElseThrow().size();
    }

    private static boolean startsWithLayout(SonicLayout layout) {
        return layout.size() >= DIMENSIONS && layout.names().subList(0, DIMENSIONS).equals(LAYOUT.names());
    }
}
