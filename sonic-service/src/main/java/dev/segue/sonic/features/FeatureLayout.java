package dev.segue.sonic.features;

import java.util.List;

/**
 * The feature vector layout of analyzer version 1: a contract with playlist-service, which reads
 * {@code sonic_segments.features} by index. Never reorder; a new layout is a new analyzer version.
 */
public final class FeatureLayout {

    public static final int ANALYZER_VERSION = 1;

    public static final int LOUDNESS_DB = 0;
    public static final int DYNAMIC_RANGE_DB = 1;
    public static final int CENTROID_MEAN = 2;
    public static final int CENTROID_STD = 3;
    public static final int ROLLOFF_MEAN = 4;
    public static final int ROLLOFF_STD = 5;
    public static final int FLATNESS_MEAN = 6;
    public static final int FLATNESS_STD = 7;
    public static final int BANDWIDTH_MEAN = 8;
    public static final int BANDWIDTH_STD = 9;
    public static final int FLUX_MEAN = 10;
    public static final int FLUX_STD = 11;
    public static final int ZCR = 12;
    public static final int MFCC = 13;
    public static final int MFCC_COUNT = 13;
    public static final int CHROMA = 26;
    public static final int TEMPO_BPM = 38;
    public static final int TEMPO_CONFIDENCE = 39;
    public static final int KEY = 40;
    public static final int MODE = 41;
    public static final int KEY_CONFIDENCE = 42;
    public static final int ONSET_RATE = 43;
    public static final int SIZE = 44;

    public static final float SILENCE_FLOOR_DB = -100f;

    /** Feature names in vector order, as the REST API reports them. */
    public static final List<String> NAMES = List.of(
            "loudness_db", "dynamic_range_db",
            "centroid_mean_hz", "centroid_std_hz", "rolloff_mean_hz", "rolloff_std_hz",
            "flatness_mean", "flatness_std", "bandwidth_mean_hz", "bandwidth_std_hz",
            "flux_mean", "flux_std", "zcr",
            "mfcc_1", "mfcc_2", "mfcc_3", "mfcc_4", "mfcc_5", "mfcc_6", "mfcc_7",
            "mfcc_8", "mfcc_9", "mfcc_10", "mfcc_11", "mfcc_12", "mfcc_13",
            "chroma_c", "chroma_c_sharp", "chroma_d", "chroma_d_sharp", "chroma_e", "chroma_f",
            "chroma_f_sharp", "chroma_g", "chroma_g_sharp", "chroma_a", "chroma_a_sharp", "chroma_b",
            "tempo_bpm", "tempo_confidence", "key", "mode", "key_confidence", "onset_rate");

    public static final List<String> KEY_NAMES =
            List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");

    private FeatureLayout() {
    }
}
