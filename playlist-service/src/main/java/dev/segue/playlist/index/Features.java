package dev.segue.playlist.index;

/**
 * Positions in a sonic feature vector of analyzer_version 1 ({@code sonic_segments.features}, 44 values),
 * the contract sonic-service writes and this service reads.
 */
public final class Features {

    public static final int DIMENSIONS = 44;

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
    public static final int MFCC_FIRST = 13;
    public static final int MFCC_COUNT = 13;
    public static final int CHROMA_FIRST = 26;
    public static final int CHROMA_COUNT = 12;
    public static final int TEMPO_BPM = 38;
    public static final int TEMPO_CONFIDENCE = 39;
    public static final int KEY = 40;
    public static final int MODE = 41;
    public static final int KEY_CONFIDENCE = 42;
    public static final int ONSET_RATE = 43;

    private Features() {
    }
}
